import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MarsadStore } from '../../store/store.js';
import { expectProblem, jsonOf, testApi } from '../api.testkit.js';

describe('GET /api/stories', () => {
  let store: MarsadStore;
  let app: OpenAPIHono;
  before(async () => ({ app, store } = await testApi()));
  after(() => store.close());

  it('lists stories as `marsad stories --json` prints them, every article in one', async () => {
    const page = await jsonOf(await app.request('/api/stories'));
    assert.ok(page.items.length >= 1);
    assert.equal(page.next_cursor, null);
    for (const s of page.items) {
      assert.deepEqual(Object.keys(s).sort(), ['articles', 'entities', 'events', 'id', 'label', 'outlets', 'summary']);
      assert.ok(s.articles.length >= 1);
      assert.equal(typeof s.summary, 'string');
    }
    const articles = page.items.flatMap((s: any) => s.articles.map((a: any) => a.id));
    assert.equal(articles.length, 4);
    assert.equal(new Set(articles).size, 4);
    const events = page.items.flatMap((s: any) => s.events);
    assert.ok(events.length >= 1, 'stories carry their merged events');
    assert.ok(events.every((e: any) => typeof e.num_sources === 'number'));
  });

  it('pages with cursors', async () => {
    const all = await jsonOf(await app.request('/api/stories'));
    const first = await jsonOf(await app.request('/api/stories?limit=1'));
    assert.equal(first.items.length, 1);
    assert.equal(first.items[0].id, all.items[0].id);
    if (all.items.length > 1) {
      const second = await jsonOf(await app.request(`/api/stories?limit=1&cursor=${first.next_cursor}`));
      assert.equal(second.items[0].id, all.items[1].id);
    } else assert.equal(first.next_cursor, null);
    await expectProblem(await app.request('/api/stories?cursor=not-ours'), 400, 'BAD_ARGUMENT', 'cursor');
  });

  it('gets one story by id, the same report the listing gives', async () => {
    const all = await jsonOf(await app.request('/api/stories'));
    for (const s of all.items) assert.deepEqual(await jsonOf(await app.request(`/api/stories/${encodeURIComponent(s.id)}`)), s);
  });

  it('answers an unknown story with a 404 problem naming id', async () => {
    await expectProblem(await app.request('/api/stories/nope'), 404, 'STORY_NOT_FOUND', 'id');
  });
});
