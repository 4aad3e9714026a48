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

  it('lists stories with the counts and dates of their reports, every article in one', async () => {
    const page = await jsonOf(await app.request('/api/stories'));
    assert.ok(page.items.length >= 1);
    assert.equal(page.next_cursor, null);
    let articles = 0;
    let events = 0;
    for (const s of page.items) {
      assert.deepEqual(Object.keys(s).sort(), ['first_published', 'id', 'label', 'last_published', 'num_articles', 'num_events', 'num_outlets', 'summary']);
      const report = await jsonOf(await app.request(`/api/stories/${encodeURIComponent(s.id)}`));
      assert.deepEqual(
        { id: s.id, label: s.label, summary: s.summary, num_articles: s.num_articles, num_outlets: s.num_outlets, num_events: s.num_events },
        { id: report.id, label: report.label, summary: report.summary, num_articles: report.articles.length, num_outlets: report.outlets.length, num_events: report.events.length },
      );
      const days = report.articles.map((a: any) => a.published).filter(Boolean).sort();
      assert.equal(s.first_published, days[0] ?? null);
      assert.equal(s.last_published, days.at(-1) ?? null);
      assert.ok(s.num_articles >= 1);
      assert.equal(typeof s.summary, 'string');
      articles += s.num_articles;
      events += s.num_events;
    }
    assert.equal(articles, 4, 'every article is in one story');
    assert.ok(events >= 1, 'stories count their merged events');
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

  it('gets one story by id as `marsad stories --json` prints it', async () => {
    const all = await jsonOf(await app.request('/api/stories'));
    for (const s of all.items) {
      const report = await jsonOf(await app.request(`/api/stories/${encodeURIComponent(s.id)}`));
      assert.deepEqual(Object.keys(report).sort(), ['articles', 'entities', 'events', 'id', 'label', 'outlets', 'summary']);
      assert.ok(report.events.every((e: any) => typeof e.num_sources === 'number'));
    }
  });

  it('answers an unknown story with a 404 problem naming id', async () => {
    await expectProblem(await app.request('/api/stories/nope'), 404, 'STORY_NOT_FOUND', 'id');
  });
});
