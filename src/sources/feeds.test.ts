import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';

import { thrownError } from '../model/errors.testkit.js';
import { parseFeedOrSitemap } from './feeds.js';

const FIXTURES = new URL('../../../test/fixtures/sources/', import.meta.url);


describe('parseFeedOrSitemap', () => {
  it('lists RSS 2.0 item links (or permalink guids), resolved and de-duplicated', async () => {
    const bytes = await readFile(new URL('rss.xml', FIXTURES));
    assert.deepEqual(parseFeedOrSitemap(bytes, 'https://news.example/feed/'), {
      kind: 'rss',
      urls: [
        'https://news.example/culture/book-fair.html',
        'https://news.example/politics/elections.html?id=7&lang=ar',
        'https://news.example/weather/report.html',
      ],
    });
  });

  it('lists Atom entry alternate links', async () => {
    const bytes = await readFile(new URL('atom.xml', FIXTURES));
    assert.deepEqual(parseFeedOrSitemap(bytes, 'https://blog.example/atom.xml'), {
      kind: 'atom',
      urls: ['https://blog.example/2024/10/gold.html', 'https://blog.example/2024/10/harvest.html'],
    });
  });

  it('lists sitemap <loc>s and sitemap-index children', () => {
    const sitemap = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc> https://site.example/a.html </loc><news:news><news:title>عنوان</news:title></news:news></url>
  <url><loc>https://site.example/b.html</loc><lastmod>2024-10-01</lastmod></url>
</urlset>`;
    assert.deepEqual(parseFeedOrSitemap(sitemap, 'https://site.example/sitemap.xml'), {
      kind: 'sitemap',
      urls: ['https://site.example/a.html', 'https://site.example/b.html'],
    });
    const index = `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://site.example/s1.xml</loc></sitemap><sitemap><loc>/s2.xml.gz</loc></sitemap></sitemapindex>`;
    assert.deepEqual(parseFeedOrSitemap(Buffer.from(index), 'https://site.example/index.xml'), {
      kind: 'sitemapindex',
      urls: ['https://site.example/s1.xml', 'https://site.example/s2.xml.gz'],
    });
  });

  it('decompresses a gzipped sitemap', () => {
    const gz = gzipSync(Buffer.from('<urlset><url><loc>https://site.example/z.html</loc></url></urlset>'));
    assert.deepEqual(parseFeedOrSitemap(gz, 'https://site.example/sitemap.xml.gz'), { kind: 'sitemap', urls: ['https://site.example/z.html'] });
  });

  it('returns null for an HTML page or other XML', () => {
    const page = '<!DOCTYPE html><html><head><title>x</title></head><body><p>خبر<br></p></body></html>';
    assert.equal(parseFeedOrSitemap(page, 'https://site.example/a.html', 'text/html'), null);
    assert.equal(parseFeedOrSitemap(page, 'https://site.example/a.html'), null);
    assert.equal(parseFeedOrSitemap('<?xml version="1.0"?><svg><g/></svg>', 'https://site.example/a.xml'), null);
  });

  it('throws FEED_NOT_XML for a feed that is not well-formed XML', () => {
    const garbage = thrownError(() => parseFeedOrSitemap('}{ not xml at all <<', 'https://site.example/feed', 'application/rss+xml'));
    assert.equal(garbage.code, 'FEED_NOT_XML');
    assert.match(garbage.message, /site\.example\/feed/);
    assert.equal(thrownError(() => parseFeedOrSitemap('oops', 'https://site.example/sitemap.xml')).code, 'FEED_NOT_XML');
    assert.equal(thrownError(() => parseFeedOrSitemap('<rss><channel><item></channel></rss>', 'https://site.example/f')).code, 'FEED_NOT_XML');
  });
});
