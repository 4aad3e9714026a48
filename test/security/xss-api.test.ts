/**
 * A hostile page's markup is stored and served as data, never as markup: the API returns it as
 * JSON strings, and search snippets are HTML-escaped with <mark> as their only tag (the
 * workbench's half of the contract is test/e2e/xss.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { jsonOf, quickFetcher, testApi } from '../../src/api/api.testkit.js';
import { ingest } from '../../src/app/ingest.js';
import { openStore } from '../../src/app/open-store.js';
import { fixturePath } from '../../src/model/paths.js';
import type { MarsadStore } from '../../src/store/store.js';

describe('an XSS payload inside an ingested page, through the API', () => {
  let store: MarsadStore;
  let app: OpenAPIHono;
  let id: string;
  before(async () => {
    store = await openStore(':memory:');
    for await (const r of ingest([fixturePath('security', 'xss-article.html')], { store, fetcher: quickFetcher() })) {
      assert.equal(r.status, 'new', r.reason ?? '');
      id = r.id!;
    }
    ({ app } = await testApi({ store }));
  });
  after(() => store.close());

  it('stores the markup as text and serves it as JSON strings', async () => {
    const res = await app.request(`/api/articles/${encodeURIComponent(id)}`);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    const detail = await jsonOf(res);
    const a = detail.article;
    assert.equal(a.title, `<img src=x onerror="window.__pwned='title'"> وزير الخارجية يستقبل نظيره التونسي في الرباط`);
    assert.equal(a.author, `<svg onload="window.__pwned='author'"> سعاد المراكشي`);
    assert.deepEqual(a.tags, [`<script>window.__pwned='tag'</script>`]);
    assert.ok(a.text.includes(`<script>window.__pwned='text'</script>`));
    assert.ok(!a.text.includes('inline script') && !a.text.includes("'element'"), 'the page’s own <script> and <img> elements are not text');
    assert.equal(a.url, null, 'a javascript: canonical link is not kept as the article URL');
  });

  it('escapes search snippets, leaving <mark> as their only markup', async () => {
    for (const q of ['الأوضاع', 'المعلقين', 'التعاون']) {
      const { items: results } = await jsonOf(await app.request(`/api/search?q=${encodeURIComponent(q)}`));
      assert.equal(results.length, 1, q);
      const snippet: string = results[0].snippet;
      assert.match(snippet, /<mark>/, q);
      assert.doesNotMatch(snippet.replace(/<\/?mark>/g, ''), /[<>]/, `${q}: ${snippet}`);
    }
    const { items: results } = await jsonOf(await app.request(`/api/search?q=${encodeURIComponent('الأوضاع')}`));
    assert.match(results[0].snippet, /&lt;img src=x onerror=/);
  });
});
