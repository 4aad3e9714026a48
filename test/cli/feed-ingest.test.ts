import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startHttpFixture } from '../../src/sources/http-fixture.js';
import { FIXTURES, jsonLines, runCli, tempDir } from './run-cli.js';

const ARTICLE = readFileSync(join(FIXTURES, 'pages', 'news-article-utf8.html'), 'utf8');

/** Three distinct Arabic articles from one template, each with its own ETag. */
function articlePage(n: number): string {
  return ARTICLE.replaceAll('نظيره الأردني', `نظيره رقم ${n}`).replace('/meeting"', `/meeting-${n}"`);
}

test('ingest of an RSS feed and a gzipped sitemap fetches each article once; a second run uses conditional GET', async () => {
  const { dir, cleanup } = tempDir();
  const routes: Record<string, Parameters<typeof startHttpFixture>[0][string]> = {};
  const srv = await startHttpFixture(routes);
  try {
    for (const n of [1, 2, 3]) {
      routes[`/a/${n}.html`] = (req, res) => {
        const etag = `"v${n}"`;
        if (req.headers['if-none-match'] === etag) return res.writeHead(304).end();
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag }).end(articlePage(n));
      };
    }
    routes['/feed.xml'] = (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>أخبار</title>` +
          `<item><link>${srv.origin}/a/1.html</link></item><item><link>/a/2.html</link></item></channel></rss>`,
      );
    routes['/sitemap.xml.gz'] = (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/gzip' }).end(
        gzipSync(
          `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
            `<url><loc>${srv.origin}/a/2.html</loc></url><url><loc>${srv.origin}/a/3.html</loc></url></urlset>`,
        ),
      );

    const db = join(dir, 'm.db');
    const args = ['--db', db, 'ingest', '--delay', '1', '--allow-host', '127.0.0.1', `${srv.origin}/feed.xml`, `${srv.origin}/sitemap.xml.gz`, '--json'];
    const first = jsonLines((await runCli(args)).out);
    assert.deepEqual(first.map((r) => r.status).sort(), ['new', 'new', 'new']);
    assert.equal(srv.requests.filter((r) => r.path === '/a/2.html').length, 1, 'an article listed twice is fetched once');

    const second = jsonLines((await runCli(args)).out);
    assert.equal(second.length, 3);
    assert.ok(second.every((r) => r.status === 'unchanged' && /304/.test(r.reason)), JSON.stringify(second));
    assert.equal(jsonLines((await runCli(['--db', db, 'list', '--json'])).out).length, 3);
  } finally {
    await srv.close();
    cleanup();
  }
});
