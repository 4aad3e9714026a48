import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MarsadStore } from '../../store/store.js';
import { expectProblem, jsonOf, testApi } from '../api.testkit.js';

const search = (q: string, extra = '') => `/api/search?q=${encodeURIComponent(q)}${extra}`;

describe('GET /api/search', () => {
  let store: MarsadStore;
  let app: OpenAPIHono;
  before(async () => ({ app, store } = await testApi()));
  after(() => store.close());

  it('finds articles in the query language, with highlighted snippets', async () => {
    const page = await jsonOf(await app.request(search('حموشي')));
    assert.ok(page.items.length >= 2);
    for (const hit of page.items) {
      for (const key of ['id', 'source', 'title', 'published', 'site', 'score', 'snippet']) assert.ok(key in hit, key);
      assert.match(hit.snippet, /<mark>[^<]*حموشي<\/mark>/);
    }
  });

  it('applies phrases, negation and filters', async () => {
    const all = (await jsonOf(await app.request(search('بيرنز OR بورنز')))).items.length;
    const without = (await jsonOf(await app.request(search('(بيرنز OR بورنز) -القاهرة')))).items.length;
    assert.equal(without, all - 1);
    const dated = await jsonOf(await app.request(search('بيرنز from:2024-06')));
    assert.deepEqual(
      dated.items.map((h: { title: string }) => h.title),
      ['بيرنز: التعاون الأمني مع المغرب نموذجي'],
    );
  });

  it('pages through results with cursors', async () => {
    const all = (await jsonOf(await app.request(search('الرباط')))).items.map((h: { id: string }) => h.id);
    assert.ok(all.length >= 3);
    const first = await jsonOf(await app.request(search('الرباط', '&limit=2')));
    assert.equal(first.items.length, 2);
    assert.ok(first.next_cursor);
    const second = await jsonOf(await app.request(search('الرباط', `&limit=2&cursor=${first.next_cursor}`)));
    assert.deepEqual([...first.items, ...second.items].map((h: { id: string }) => h.id), all.slice(0, first.items.length + second.items.length));
  });

  it('answers a query that matches nothing with an empty page', async () => {
    assert.deepEqual(await jsonOf(await app.request(search('كلمةغيرموجودة'))), { items: [], next_cursor: null });
  });

  it('refuses a malformed query with a 400 BAD_QUERY problem naming q and saying what is wrong', async () => {
    const body = await expectProblem(await app.request(search('"مكتب التحقيقات')), 400, 'BAD_QUERY', 'q');
    assert.match(body.detail, /quote/);
  });

  it('refuses a missing or empty q with a 400 problem naming q', async () => {
    await expectProblem(await app.request('/api/search'), 400, 'BAD_ARGUMENT', 'q');
    await expectProblem(await app.request('/api/search?q='), 400, 'BAD_ARGUMENT', 'q');
  });

  it('refuses an over-long query', async () => {
    await expectProblem(await app.request(search('كلمة '.repeat(300))), 400, 'BAD_ARGUMENT', 'q');
  });
});
