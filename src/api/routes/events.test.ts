import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ArticleEvent } from '../../model/event.js';
import type { MarsadStore } from '../../store/store.js';
import { expectProblem, jsonOf, testApi } from '../api.testkit.js';
import { DEFAULT_SOURCES_LIMIT, MAX_SOURCES_LIMIT } from './events.js';

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
    // the fixtures' four: Burns to Hammouchi (visit), Burns to Kamel (future), Hammouchi's praise
    // of the Americans, and the visit of 'نظيره الأردني' (its unnamed host no actor)
    assert.equal(page.items.length, 4);
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
    assert.equal(second.items.length, 2);
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
    assert.equal(consult.items.length, 3);
    assert.ok(consult.items.every((e: any) => e.type === 'CONSULT'));
    assert.equal((await jsonOf(await app.request('/api/events?from=2024'))).items.length, 2, 'an undated event counts by its article’s day');
    assert.deepEqual((await jsonOf(await app.request('/api/events?actor=generic:GOV:JO'))).items.map((e: any) => [e.type, e.mode, e.target]), [['CONSULT', 'visit', null]]);
    assert.equal((await jsonOf(await app.request('/api/events?from=2023-11&to=2023-11-14'))).items.length, 2);
    assert.equal((await jsonOf(await app.request('/api/events?from=2025'))).items.length, 0);
  });

  it('documents sources_limit in the OpenAPI schema', async () => {
    const spec = await jsonOf(await app.request('/openapi.json'));
    const param = spec.paths['/api/events'].get.parameters.find((p: any) => p.name === 'sources_limit');
    assert.equal(param.in, 'query');
    assert.equal(param.schema.default, DEFAULT_SOURCES_LIMIT);
    assert.match(param.description, /num_sources/);
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

describe('GET /api/events?sources_limit', () => {
  let store: MarsadStore;
  let app: OpenAPIHono;
  before(async () => {
    ({ app, store } = await testApi());
    // two more outlets' copies of the first article, with its first event: one happening reported three times
    let id = '';
    let event: ArticleEvent | undefined;
    for (const a of await store.ids()) {
      event = (await store.articleEvents(a)).find((e) => e.date.start);
      if (event) {
        id = a;
        break;
      }
    }
    assert.ok(event, 'a fixture article has a dated event');
    const stored = (await store.get(id))!;
    for (const site of ['copy-one.ma', 'copy-two.ma']) {
      const url = `https://${site}/story`;
      // a line more than the original: articles are known by their text
      const text = `${stored.article.text}\n\n${site}`;
      const { id: copy } = await store.put({
        source: url,
        raw: { bytes: new TextEncoder().encode(text), url, contentType: 'text/plain; charset=utf-8', encoding: 'utf-8', kind: 'text', fetchedAt: stored.article.published ?? '2024-01-01T00:00:00Z' },
        article: { ...stored.article, site, url, text },
      });
      await store.setArticleEvents(copy, [{ ...event, id: `${copy}:1` }]);
    }
  });
  after(() => store.close());

  it('lists at most sources_limit sources per merged event (the first ones), the counts still true', async () => {
    const whole = await jsonOf(await app.request('/api/events'));
    assert.ok(whole.items.some((e: any) => e.num_articles === 3), 'one merged event is reported by three articles');
    for (const n of [0, 1]) {
      const cut = await jsonOf(await app.request(`/api/events?sources_limit=${n}`));
      assert.deepEqual(cut.items.map((e: any) => e.id), whole.items.map((e: any) => e.id));
      cut.items.forEach((e: any, i: number) => {
        const full = whole.items[i];
        assert.deepEqual(e.sources, full.sources.slice(0, n));
        assert.equal(e.num_articles, full.num_articles);
        assert.equal(e.num_sources, full.num_sources);
        assert.deepEqual({ ...e, sources: full.sources }, full, 'nothing else changes');
      });
    }
    // the default keeps DEFAULT_SOURCES_LIMIT, more than these events have
    assert.ok(whole.items.every((e: any) => e.sources.length === e.num_articles && e.num_articles <= DEFAULT_SOURCES_LIMIT));
    assert.deepEqual((await jsonOf(await app.request(`/api/events?sources_limit=${DEFAULT_SOURCES_LIMIT}`))).items, whole.items);
    await expectProblem(await app.request('/api/events?sources_limit=-1'), 400, 'BAD_ARGUMENT', 'sources_limit');
    await expectProblem(await app.request(`/api/events?sources_limit=${MAX_SOURCES_LIMIT + 1}`), 400, 'BAD_ARGUMENT', 'sources_limit');
  });

});
