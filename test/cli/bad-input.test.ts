import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHttpFixture } from '../../src/sources/http-fixture.js';
import iconv from 'iconv-lite';
import { FIXTURES, jsonLines, runCli, tempDir } from './run-cli.js';

const ARTICLE = readFileSync(join(FIXTURES, 'pages', 'news-article-utf8.html'), 'utf8');

test('every kind of bad input gets one clear error line naming it; the batch goes on; stored data survives', async () => {
  const { dir, cleanup } = tempDir();
  const srv = await startHttpFixture({
    '/robots.txt': (_q, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n'),
    '/private/article.html': (_q, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE),
    '/loop': (_q, res) => res.writeHead(302, { location: '/loop' }).end(),
    '/feed.xml': (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<<<this is not xml at all'),
  });
  const base = srv.origin;
  try {
    const db = join(dir, 'm.db');
    const good = join(FIXTURES, 'pages', 'news-scrape-plain.txt');
    const before = jsonLines((await runCli(['--db', db, 'ingest', good, '--json'])).out)[0];
    assert.equal(before.status, 'new');

    const files = {
      empty: join(dir, 'empty.html'),
      binary: join(dir, 'image.html'),
      truncated: join(dir, 'truncated.html'),
      huge: join(dir, 'huge.html'),
      english: join(FIXTURES, 'pages', 'english-page.html'),
      wrongCharset: join(dir, 'declared-utf8-but-cp1256.html'),
      missing: join(dir, 'no-such-file.html'),
    };
    writeFileSync(files.empty, '');
    writeFileSync(files.binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]));
    writeFileSync(files.truncated, ARTICLE.slice(0, ARTICLE.indexOf('وأكد الوزيران') + 40));
    writeFileSync(files.huge, '<html><body>' + '<p>نص عربي طويل للتجربة فقط. </p>'.repeat(1_000_000));
    writeFileSync(files.wrongCharset, iconv.encode(ARTICLE.replace('استقبل وزير', 'استقبل السيد وزير').replace('/meeting"', '/meeting-2"'), 'windows-1256'));

    const urls = {
      notFound: `${base}/gone.html`,
      loop: `${base}/loop`,
      robots: `${base}/private/article.html`,
      feed: `${base}/feed.xml`,
      unreachable: 'http://127.0.0.1:9/article.html',
      metadata: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    };
    const inputs = [...Object.values(files), ...Object.values(urls)];
    // The fixture server is on loopback, which the operator must allow explicitly.
    const r = await runCli(['--db', db, 'ingest', '--delay', '1', '--timeout', '3000', '--allow-host', '127.0.0.1', ...inputs, '--json']);
    assert.equal(r.code, 1);
    const results = jsonLines(r.out);
    const bySource = new Map(results.map((x) => [x.source, x]));
    const expectFailure = (input: string, code: string) => {
      const line = bySource.get(input);
      assert.ok(line, `a result line for ${input}`);
      assert.equal(line.status, 'failed', `${input}: ${JSON.stringify(line)}`);
      assert.equal(line.code, code, `${input}: ${line.reason}`);
      assert.ok(line.reason.includes(input), `the reason names the input: ${line.reason}`);
    };
    expectFailure(files.empty, 'INPUT_EMPTY');
    expectFailure(files.binary, 'INPUT_BINARY');
    expectFailure(files.huge, 'INPUT_TOO_LARGE');
    expectFailure(files.english, 'NOT_ARABIC');
    expectFailure(files.missing, 'INPUT_NOT_FOUND');
    expectFailure(urls.notFound, 'FETCH_HTTP_STATUS');
    expectFailure(urls.loop, 'FETCH_REDIRECTS');
    expectFailure(urls.robots, 'FETCH_ROBOTS_DISALLOWED');
    expectFailure(urls.feed, 'FEED_NOT_XML');
    expectFailure(urls.unreachable, 'FETCH_UNREACHABLE');
    expectFailure(urls.metadata, 'FETCH_FORBIDDEN_ADDRESS');

    // Without --allow-host, loopback is refused before any request reaches it.
    const served = srv.requests.length;
    const refused = jsonLines((await runCli(['--db', db, 'ingest', '--delay', '1', urls.robots, '--json'])).out)[0];
    assert.equal(refused.code, 'FETCH_FORBIDDEN_ADDRESS', refused.reason);
    assert.match(refused.reason, /127\.0\.0\.1 \(loopback\).*--allow-host/);
    assert.equal(srv.requests.length, served);

    // Damaged but readable pages still give their article.
    assert.equal(bySource.get(files.truncated)?.status, 'new');
    const wrong = bySource.get(files.wrongCharset);
    assert.equal(wrong?.status, 'new');
    const shown = JSON.parse((await runCli(['--db', db, 'show', wrong.id, '--json'])).out);
    assert.match(shown.article.text, /استقبل السيد وزير الشؤون الخارجية/);

    // What was stored before the bad batch is intact.
    const kept = JSON.parse((await runCli(['--db', db, 'show', before.id, '--json'])).out);
    assert.equal(kept.article.title, 'ارتفاع صادرات الفوسفات خلال الربع الأول');

    // The human summary gives one line per failure.
    const human = await runCli(['--db', db, 'ingest', '--delay', '1', files.empty, files.binary]);
    assert.match(human.out, /0 new, 0 updated, 0 unchanged, 0 skipped, 2 failed/);
    assert.equal(human.out.split('\n').filter((l) => l.startsWith('✗')).length, 2);
  } finally {
    await srv.close();
    cleanup();
  }
});
