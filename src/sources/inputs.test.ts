import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';

import type { Outcome, Page } from '../model/article.js';
import type { FetchState, FetchStateStore } from '../model/fetch-state.js';
import { Fetcher } from './fetcher.js';
import { startHttpFixture, type HttpFixture } from './http-fixture.js';
import { expandInputs } from './inputs.js';

const article = (title: string) => `<html><head><title>${title}</title></head><body><p>${title}: تفاصيل الخبر الكاملة.</p></body></html>`;
const send = (body: string | Buffer, type = 'text/html; charset=utf-8') => (_q: unknown, res: ServerResponse) =>
  res.writeHead(200, { 'content-type': type }).end(body);

let dir: string;
let srv: HttpFixture;
let origin: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'marsad-inputs-'));
  srv = await startHttpFixture({
    '/robots.txt': send('User-agent: *\nDisallow: /secret\n', 'text/plain'),
    '/a.html': send(article('الخبر الأول')),
    '/b.html': send(article('الخبر الثاني')),
    '/c.html': send(article('الخبر الثالث')),
    '/secret.html': send(article('سري')),
    '/feed': (_q, res) =>
      send(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
        <item><link>${origin}/a.html</link></item><item><link>/missing.html</link></item><item><link>/secret.html</link></item><item><link>/b.html</link></item>
      </channel></rss>`, 'application/rss+xml; charset=utf-8')(_q, res),
    '/index.xml': (_q, res) =>
      send(`<sitemapindex><sitemap><loc>/s1.xml</loc></sitemap><sitemap><loc>/s2.xml.gz</loc></sitemap><sitemap><loc>/s1.xml</loc></sitemap></sitemapindex>`, 'application/xml')(_q, res),
    '/s1.xml': (_q, res) => send(`<urlset><url><loc>${origin}/a.html</loc></url><url><loc>${origin}/b.html</loc></url></urlset>`, 'application/xml')(_q, res),
    '/s2.xml.gz': (_q, res) =>
      send(gzipSync(Buffer.from(`<urlset><url><loc>${origin}/b.html</loc></url><url><loc>${origin}/c.html</loc></url></urlset>`)), 'application/x-gzip')(_q, res),
    '/garbage-feed': send('<<<this is not xml at all', 'application/xml'),
    '/etag.html': (req, res) => {
      if (req.headers['if-none-match'] === '"e1"') res.writeHead(304).end();
      else res.writeHead(200, { etag: '"e1"', 'content-type': 'text/html' }).end(article('مرة واحدة'));
    },
    ...Object.fromEntries(
      [0, 1, 2, 3, 4].map((i) => [`/nest${i}.xml`, send(`<sitemapindex><sitemap><loc>/nest${i + 1}.xml</loc></sitemap></sitemapindex>`, 'application/xml')]),
    ),
  });
  origin = srv.origin;
  srv.requests.length = 0;
});
after(async () => {
  await srv.close();
  await rm(dir, { recursive: true, force: true });
});

function fetcher(stateStore?: FetchStateStore): Fetcher {
  return new Fetcher({ delayMs: 1, timeoutMs: 2000, retries: 0, stateStore, allowHosts: ['127.0.0.1'] });
}

async function collect(inputs: string[], f = fetcher()): Promise<{ outcomes: Outcome<Page>[]; discovered: number }> {
  const outcomes: Outcome<Page>[] = [];
  let discovered = 0;
  for await (const o of expandInputs(inputs, { fetcher: f, onDiscovered: (n) => (discovered += n) })) outcomes.push(o);
  return { outcomes, discovered };
}

const summary = (outcomes: Outcome<Page>[]) =>
  outcomes.map((o) => `${o.status} ${o.source.replace(origin, '')}${o.status === 'failed' ? ` ${o.error.code}` : ''}`);

describe('expandInputs', () => {
  it('expands an RSS feed URL into its articles, one outcome each, failures included', async () => {
    const { outcomes, discovered } = await collect([`${origin}/feed`]);
    assert.deepEqual(summary(outcomes), [
      'ok /a.html',
      'failed /missing.html FETCH_HTTP_STATUS',
      'failed /secret.html FETCH_ROBOTS_DISALLOWED',
      'ok /b.html',
    ]);
    assert.equal(discovered, 4);
    const first = outcomes[0]!;
    assert.ok(first.status === 'ok' && first.value.content.includes('الخبر الأول'));
  });

  it('walks a sitemap index (gzipped children included) without fetching an article twice', async () => {
    srv.requests.length = 0;
    const { outcomes } = await collect([`${origin}/index.xml`]);
    assert.deepEqual(summary(outcomes), ['ok /a.html', 'ok /b.html', 'ok /c.html']);
    assert.equal(srv.requests.filter((r) => r.path === '/b.html').length, 1);
    assert.equal(srv.requests.filter((r) => r.path === '/s1.xml').length, 1);
  });

  it('stops following sitemap indexes nested more than 3 deep', async () => {
    const { outcomes } = await collect([`${origin}/nest0.xml`]);
    assert.deepEqual(summary(outcomes), ['skipped /nest4.xml']);
  });

  it('handles a mixed batch in order and never throws', async () => {
    const folder = join(dir, 'saved');
    await mkdir(join(folder, 'sub'), { recursive: true });
    await writeFile(join(folder, 'one.html'), article('محفوظ ١'));
    await writeFile(join(folder, 'sub', 'two.txt'), 'نص محفوظ');
    await writeFile(join(folder, 'empty.html'), '');
    const single = join(dir, 'single.htm');
    await writeFile(single, article('ملف'));
    const { outcomes, discovered } = await collect([
      folder,
      join(dir, 'does-not-exist.html'),
      'www.example.com/news/1',
      single,
      `${origin}/c.html`,
      `${origin}/garbage-feed`,
      'ftp://example.com/x',
    ]);
    assert.deepEqual(
      outcomes.map((o) => `${o.status} ${o.status === 'failed' ? o.error.code : ''}`.trim()),
      ['failed INPUT_EMPTY', 'ok', 'ok', 'failed INPUT_NOT_FOUND', 'failed INPUT_NOT_FOUND', 'ok', 'ok', 'failed FEED_NOT_XML', 'failed FETCH_BAD_URL'],
    );
    assert.deepEqual(outcomes.slice(0, 3).map((o) => o.source), [join(folder, 'empty.html'), join(folder, 'one.html'), join(folder, 'sub', 'two.txt')]);
    assert.equal(outcomes[4]!.source, 'www.example.com/news/1');
    assert.match((outcomes[4] as { error: Error }).error.message, /https:\/\//);
    assert.equal(outcomes[6]!.source, `${origin}/c.html`);
    assert.equal(discovered, outcomes.length);
  });

  it('expands a local feed file into fetched articles', async () => {
    const file = join(dir, 'feed.xml');
    await writeFile(file, `<rss version="2.0"><channel><item><link>${origin}/c.html</link></item></channel></rss>`);
    const { outcomes } = await collect([file]);
    assert.deepEqual(summary(outcomes), ['ok /c.html']);
    const empty = join(dir, 'empty-sitemap.xml');
    await writeFile(empty, '<urlset></urlset>');
    assert.deepEqual(summary((await collect([empty])).outcomes), [`skipped ${empty}`]);
  });

  it('skips a page not modified since the last fetch (HTTP 304)', async () => {
    const states = new Map<string, FetchState>();
    const store: FetchStateStore = {
      getFetchState: async (url) => states.get(url) ?? null,
      setFetchState: async (s) => void states.set(s.url, s),
    };
    const f = fetcher(store);
    assert.equal((await collect([`${origin}/etag.html`], f)).outcomes[0]!.status, 'ok');
    const [again] = (await collect([`${origin}/etag.html`], f)).outcomes;
    assert.deepEqual(again, { status: 'skipped', source: `${origin}/etag.html`, reason: 'not modified since last fetch (HTTP 304)', notModified: true });
  });
});
