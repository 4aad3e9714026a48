import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MarsadStore } from '../../store/store.js';
import { expectProblem, jsonOf, testApi } from '../api.testkit.js';
import { encodeCursor } from '../pagination.js';

describe('GET /api/articles', () => {
  let store: MarsadStore;
  let app: OpenAPIHono;
  before(async () => ({ app, store } = await testApi()));
  after(() => store.close());

  it('lists the stored articles newest first, with their metadata', async () => {
    const page = await jsonOf(await app.request('/api/articles'));
    assert.equal(page.items.length, 4);
    assert.equal(page.next_cursor, null);
    const published = page.items.map((a: { published: string }) => a.published);
    assert.deepEqual(published, [...published].sort().reverse());
    assert.equal(page.items[0].title, 'بيرنز: التعاون الأمني مع المغرب نموذجي');
    for (const key of ['id', 'source', 'title', 'published', 'site', 'lang', 'createdAt', 'updatedAt']) assert.ok(key in page.items[0], key);
  });

  it('pages with cursors through every article once, in the same order', async () => {
    const all = (await jsonOf(await app.request('/api/articles'))).items.map((a: { id: string }) => a.id);
    const seen: string[] = [];
    let url = '/api/articles?limit=3';
    for (;;) {
      const page = await jsonOf(await app.request(url));
      assert.ok(page.items.length <= 3);
      seen.push(...page.items.map((a: { id: string }) => a.id));
      if (!page.next_cursor) break;
      url = `/api/articles?limit=3&cursor=${encodeURIComponent(page.next_cursor)}`;
    }
    assert.deepEqual(seen, all);
  });

  it('gives no next cursor when the last page is exactly full', async () => {
    const page = await jsonOf(await app.request(`/api/articles?limit=2&cursor=${encodeCursor(2)}`));
    assert.equal(page.items.length, 2);
    assert.equal(page.next_cursor, null);
  });

  it('answers past the end with an empty page', async () => {
    const page = await jsonOf(await app.request(`/api/articles?cursor=${encodeCursor(100)}`));
    assert.deepEqual(page, { items: [], next_cursor: null });
  });

  for (const [query, param] of [
    ['limit=201', 'limit'],
    ['limit=0', 'limit'],
    ['limit=ten', 'limit'],
    ['limit=1.5', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
    [`cursor=${Buffer.from('o:-5').toString('base64url')}`, 'cursor'],
  ] as const) {
    it(`refuses ${query} with a 400 problem naming ${param}`, async () => {
      await expectProblem(await app.request(`/api/articles?${query}`), 400, 'BAD_ARGUMENT', param);
    });
  }
});

describe('GET /api/articles/{id}', () => {
  let store: MarsadStore;
  let app: OpenAPIHono;
  before(async () => ({ app, store } = await testApi()));
  after(() => store.close());

  it('gives the clean article with its entities and quotes', async () => {
    const [summary] = (await jsonOf(await app.request('/api/articles?limit=1'))).items;
    const a = await jsonOf(await app.request(`/api/articles/${summary.id}`));
    assert.equal(a.id, summary.id);
    assert.equal(a.source, summary.source);
    assert.equal(a.article.title, 'بيرنز: التعاون الأمني مع المغرب نموذجي');
    assert.equal(a.article.lang, 'ar');
    assert.match(a.article.text, /التعاون مع الأجهزة المغربية/);
    const burns = a.entities.find((e: { id: string }) => e.id === 'william-burns');
    assert.ok(burns, 'William Burns is among the entities');
    for (const m of burns.mentions) assert.equal(a.article.text.slice(m.start, m.end), m.text);
    assert.equal(a.quotes.length, 4);
    assert.equal(a.quotes.filter((q: { speaker: { id: string } | null }) => q.speaker?.id === 'william-burns').length, 3);
    for (const q of a.quotes) assert.equal(a.article.text.slice(q.start, q.end), q.text);
    for (const e of a.events) assert.equal(a.article.text.slice(e.evidence.start, e.evidence.end), e.evidence.text);
    assert.ok(a.story && typeof a.story.id === 'string', 'the story the article is in');
    assert.equal(a.duplicate_of, null);
  });

  it('answers an unknown id with a 404 problem naming id', async () => {
    const body = await expectProblem(await app.request('/api/articles/no-such-article'), 404, 'ARTICLE_NOT_FOUND', 'id');
    assert.match(body.detail, /no-such-article/);
  });
});
