import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MarsadStore } from '../../store/store.js';
import { expectProblem, jsonOf, testApi } from '../api.testkit.js';

const KEYS = [
  'article', 'contexts', 'date', 'evidence', 'id', 'location', 'mode', 'num_articles', 'num_sources', 'published', 'source', 'sources',
  'status', 'target', 'title', 'type',
];

describe('GET /api/events', () => {
  let store: MarsadStore;
  let app: OpenAPIHono;
  before(async () => ({ app, store } = await testApi()));
  after(() => store.close());

  it('lists merged events newest first, as `marsad events --json` prints them', async () => {
    const page = await jsonOf(await app.request('/api/events'));
    assert.equal(page.items.length, 3);
    assert.equal(page.next_cursor, null);
    for (const e of page.items) {
      assert.deepEqual(Object.keys(e).sort(), KEYS);
      assert.equal(e.num_articles, e.sources.length);
      assert.ok(e.sources.some((s: { article: string }) => s.article === e.article));
    }
    const days = page.items.map((e: any) => e.date.start ?? e.published.slice(0, 10));
    assert.deepEqual(days, [...days].sort().reverse());
  });

  it('pages with cursors', async () => {
    const first = await jsonOf(await app.request('/api/events?limit=2'));
    assert.equal(first.items.length, 2);
    assert.equal(typeof first.next_cursor, 'string');
    const second = await jsonOf(await app.request(`/api/events?limit=2&cursor=${first.next_cursor}`));
    assert.equal(second.items.length, 1);
    assert.equal(second.next_cursor, null);
    const all = await jsonOf(await app.request('/api/events'));
    assert.deepEqual([...first.items, ...second.items].map((e: any) => e.id), all.items.map((e: any) => e.id));
  });

  it('filters by actor (as actor or recipient), generic actor, type and dates', async () => {
    const hammouchi = await jsonOf(await app.request('/api/events?actor=abdellatif-hammouchi'));
    assert.equal(hammouchi.items.length, 2);
    assert.ok(hammouchi.items.every((e: any) => e.source.id === 'abdellatif-hammouchi' || e.target?.id === 'abdellatif-hammouchi'));
    const generic = await jsonOf(await app.request('/api/events?actor=generic:CVL:US'));
    assert.deepEqual(generic.items.map((e: any) => e.target.id), ['generic:CVL:US']);
    assert.equal((await jsonOf(await app.request('/api/events?actor=generic:MIL'))).items.length, 0);
    const consult = await jsonOf(await app.request('/api/events?type=consult'));
    assert.equal(consult.items.length, 2);
    assert.ok(consult.items.every((e: any) => e.type === 'CONSULT'));
    assert.equal((await jsonOf(await app.request('/api/events?from=2024'))).items.length, 1, 'an undated event counts by its article’s day');
    assert.equal((await jsonOf(await app.request('/api/events?from=2023-11&to=2023-11-14'))).items.length, 2);
    assert.equal((await jsonOf(await app.request('/api/events?from=2025'))).items.length, 0);
  });

  it('answers bad filters with a 400 problem naming the parameter, an unknown actor with a 404', async () => {
    await expectProblem(await app.request('/api/events?type=PARTY'), 400, 'BAD_ARGUMENT', 'type');
    await expectProblem(await app.request('/api/events?from=2024-13'), 400, 'BAD_ARGUMENT', 'from');
    await expectProblem(await app.request('/api/events?to=yesterday'), 400, 'BAD_ARGUMENT', 'to');
    await expectProblem(await app.request('/api/events?cursor=zzz'), 400, 'BAD_ARGUMENT', 'cursor');
    await expectProblem(await app.request('/api/events?limit=0'), 400, 'BAD_ARGUMENT', 'limit');
    await expectProblem(await app.request('/api/events?actor=nobody'), 404, 'ENTITY_NOT_FOUND', 'actor');
  });
});
