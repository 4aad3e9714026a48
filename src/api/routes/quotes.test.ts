import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MarsadStore } from '../../store/store.js';
import { expectProblem, jsonOf, testApi } from '../api.testkit.js';

describe('GET /api/quotes', () => {
  let store: MarsadStore;
  let app: OpenAPIHono;
  before(async () => ({ app, store } = await testApi()));
  after(() => store.close());

  it('lists quotes newest article first, with their article and speaker', async () => {
    const page = await jsonOf(await app.request('/api/quotes'));
    assert.equal(page.items.length, 5);
    const dates = page.items.map((q: { published: string }) => q.published);
    assert.deepEqual(dates, [...dates].sort().reverse());
    for (const key of ['text', 'start', 'end', 'cue', 'speaker', 'article_id', 'title', 'published', 'source']) assert.ok(key in page.items[0], key);
  });

  it('filters by speaker', async () => {
    const page = await jsonOf(await app.request('/api/quotes?speaker=abdellatif-hammouchi'));
    assert.equal(page.items.length, 1);
    assert.match(page.items[0].text, /الشراكة مع الولايات المتحدة/);
  });

  it('pages a speaker’s quotes with cursors', async () => {
    const first = await jsonOf(await app.request('/api/quotes?speaker=william-burns&limit=3'));
    assert.equal(first.items.length, 3);
    const second = await jsonOf(await app.request(`/api/quotes?speaker=william-burns&limit=3&cursor=${first.next_cursor}`));
    assert.equal(second.items.length, 1);
    assert.equal(second.next_cursor, null);
    assert.match(second.items[0].text, /نحن نعمل بلا توقف/);
  });

  it('answers an unknown speaker with a 404 problem naming speaker', async () => {
    await expectProblem(await app.request('/api/quotes?speaker=nobody'), 404, 'ENTITY_NOT_FOUND', 'speaker');
  });
});
