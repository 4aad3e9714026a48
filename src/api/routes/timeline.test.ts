import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MarsadStore } from '../../store/store.js';
import { expectProblem, jsonOf, testApi } from '../api.testkit.js';
import { timeline } from './timeline.js';

const total = (t: { buckets: { count: number }[]; undated: number }) => t.buckets.reduce((n, b) => n + b.count, 0) + t.undated;

describe('GET /api/timeline', () => {
  let store: MarsadStore;
  let app: OpenAPIHono;
  before(async () => ({ app, store } = await testApi()));
  after(() => store.close());

  it('counts events per day, oldest first, summing to the events listed', async () => {
    const t = await jsonOf(await app.request('/api/timeline'));
    const events = (await jsonOf(await app.request('/api/events?limit=200'))).items;
    assert.equal(total(t), events.length);
    assert.equal(t.undated, 0);
    const days = t.buckets.map((b: { day: string }) => b.day);
    assert.deepEqual(days, [...days].sort());
    assert.equal(new Set(days).size, days.length);
    for (const b of t.buckets) {
      assert.match(b.day, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(Object.values(b.by_type as Record<string, number>).reduce((n, x) => n + x, 0), b.count);
    }
    assert.deepEqual(t.buckets[0], { day: '2023-11-14', count: 2, by_type: { CONSULT: 1, SUPPORT: 1 } });
    assert.ok(t.buckets.some((b: { day: string }) => b.day === '2024-02-05'), 'an undated event counts on its article’s publication day');
    assert.deepEqual(t.buckets.at(-1), { day: '2024-03-12', count: 1, by_type: { CONSULT: 1 } });
  });

  it('takes the event filters, and still sums to the filtered events', async () => {
    for (const q of ['actor=william-burns', 'type=SUPPORT', 'from=2024', 'to=2023']) {
      const t = await jsonOf(await app.request(`/api/timeline?${q}`));
      assert.equal(total(t), (await jsonOf(await app.request(`/api/events?limit=200&${q}`))).items.length, q);
    }
    assert.deepEqual(await jsonOf(await app.request('/api/timeline?from=2030')), { buckets: [], undated: 0 });
  });

  it('answers bad filters with a problem naming the parameter', async () => {
    await expectProblem(await app.request('/api/timeline?type=nope'), 400, 'BAD_ARGUMENT', 'type');
    await expectProblem(await app.request('/api/timeline?from=2024-02-30'), 400, 'BAD_ARGUMENT', 'from');
    await expectProblem(await app.request('/api/timeline?actor=nobody'), 404, 'ENTITY_NOT_FOUND', 'actor');
  });

  it('places a month or year on its first day, and events with no day at all under undated', () => {
    const ev = (type: string, start: string | null, published: string | null) => ({ type, date: { start, end: start, text: null }, published });
    assert.deepEqual(timeline([ev('AGREE', '2024-03', null), ev('AGREE', null, '2024-03-01T09:00:00Z'), ev('AID', '2023', null), ev('AID', null, null)]), {
      buckets: [
        { day: '2023-01-01', count: 1, by_type: { AID: 1 } },
        { day: '2024-03-01', count: 2, by_type: { AGREE: 2 } },
      ],
      undated: 1,
    });
  });
});
