import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { FIXTURES, SHARED, jsonLines, runCli, tempDir } from './run-cli.js';

const page = (name: string) => join(FIXTURES, 'pages', name);

test('extract --json prints one line per input, in order, with the article contract', async () => {
  const { code, out } = await runCli(['extract', page('news-article-utf8.html'), page('news-scrape-plain.txt'), '--json']);
  assert.equal(code, 0);
  const lines = jsonLines(out);
  assert.equal(lines.length, 2);
  assert.equal(lines[0].source, page('news-article-utf8.html'));
  assert.deepEqual(Object.keys(lines[0].article).sort(), ['author', 'lang', 'published', 'section', 'site', 'tags', 'text', 'title', 'url'].sort());
  assert.equal(lines[0].article.title, 'وزير الخارجية يستقبل نظيره الأردني في الرباط');
  assert.equal(lines[0].article.published, '2024-03-12T09:30:00+01:00');
  assert.equal(lines[0].article.site, 'جريدة المرصد');
  assert.equal(lines[0].article.lang, 'ar');
  assert.match(lines[0].article.text, /نظيره الأردني الذي يقوم بزيارة عمل/);
  assert.doesNotMatch(lines[0].article.text, /اقرأ أيضا|أضف تعليقك|جميع الحقوق محفوظة/);
  assert.equal(lines[1].article.title, 'ارتفاع صادرات الفوسفات خلال الربع الأول');
  assert.equal(lines[1].article.published, '2024-04-03T10:15');
  assert.deepEqual(lines[1].article.tags, ['الفوسفات', 'الصادرات', 'الاقتصاد']);
  assert.doesNotMatch(lines[1].article.text, /A\+|زر الذهاب|#/);
});

test('a windows-1256 page comes out as the same Unicode text as its UTF-8 twin', async () => {
  const { out } = await runCli(['extract', page('news-article-utf8.html'), page('news-article-windows-1256.html'), '--json']);
  const [utf8, cp1256] = jsonLines(out);
  assert.equal(cp1256.article.text, utf8.article.text);
  assert.equal(cp1256.article.title, utf8.article.title);
});

test('ingest stores, list shows, show prints; ingesting again stores nothing twice', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'm.db');
    const first = await runCli(['--db', db, 'ingest', join(FIXTURES, 'pages'), '--json']);
    const results = jsonLines(first.out);
    const byName = Object.fromEntries(results.map((r) => [r.source.split('/').pop(), r]));
    assert.equal(byName['news-article-utf8.html'].status, 'new');
    assert.equal(byName['news-scrape-plain.txt'].status, 'new');
    // Same article in another encoding: the same record, not a second one.
    assert.equal(byName['news-article-windows-1256.html'].status, 'unchanged');
    assert.equal(byName['news-article-windows-1256.html'].id, byName['news-article-utf8.html'].id);
    assert.equal(byName['english-page.html'].status, 'failed');
    assert.equal(byName['english-page.html'].code, 'NOT_ARABIC');
    assert.equal(first.code, 1, 'a failed input makes the exit status non-zero');

    const again = await runCli(['--db', db, 'ingest', join(FIXTURES, 'pages')]);
    assert.match(again.out, /0 new, 0 updated, 3 unchanged, 0 skipped, 1 failed/);

    const list = jsonLines((await runCli(['--db', db, 'list', '--json'])).out);
    assert.equal(list.length, 2);
    const shown = await runCli(['--db', db, 'show', byName['news-scrape-plain.txt'].id]);
    assert.equal(shown.code, 0);
    assert.match(shown.out, /ارتفاع صادرات الفوسفات/);
    assert.match(shown.out, /2024-04-03T10:15/);

    const missing = await runCli(['--db', db, 'show', 'nope']);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /nope/);
  } finally {
    cleanup();
  }
});

test('MARSAD_DB chooses the database when --db is not given', async () => {
  const { dir, cleanup } = tempDir();
  const saved = process.env.MARSAD_DB;
  try {
    process.env.MARSAD_DB = join(dir, 'env.db');
    await runCli(['ingest', page('news-scrape-plain.txt')]);
    assert.ok(existsSync(join(dir, 'env.db')));
    assert.equal(jsonLines((await runCli(['list', '--json'])).out).length, 1);
  } finally {
    if (saved === undefined) delete process.env.MARSAD_DB;
    else process.env.MARSAD_DB = saved;
    cleanup();
  }
});

test('reprocess re-extracts every stored raw page', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'm.db');
    await runCli(['--db', db, 'ingest', page('news-article-utf8.html')]);
    const r = await runCli(['--db', db, 'reprocess', '--json']);
    assert.equal(r.code, 0);
    const [line] = jsonLines(r.out);
    assert.equal(line.status, 'unchanged');
  } finally {
    cleanup();
  }
});

test('every command has --help', async () => {
  for (const cmd of ['ingest', 'list', 'show', 'extract', 'analyze', 'reprocess']) {
    const r = await runCli([cmd, '--help']);
    assert.equal(r.code, 0, cmd);
    assert.match(r.out, /Usage: marsad/, cmd);
  }
});

test('a malformed option value is a usage error naming the flag, told before any database is opened', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'never.db');
    for (const cmd of [['list'], ['search', 'الرباط'], ['entities'], ['quotes'], ['events'], ['stories']]) {
      const r = await runCli(['--db', db, ...cmd, '--limit', 'ten']);
      assert.equal(r.code, 2, cmd[0]);
      assert.match(r.err, /--limit/, cmd[0]);
      const o = await runCli(['--db', db, ...cmd, '--offset', '-1']);
      assert.equal(o.code, 2, cmd[0]);
      assert.match(o.err, /--offset/, cmd[0]);
      assert.equal(existsSync(db), false, `no database file made for a usage error of ${cmd[0]}`);
    }
  } finally {
    cleanup();
  }
});

test('the five seeds ingest, and a second ingest changes nothing', { skip: !existsSync(join(SHARED, 'seeds')) && `${SHARED}/seeds not found: seed test skipped` }, async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'seeds.db');
    const seeds = join(SHARED, 'seeds');
    const n = readdirSync(seeds).length;
    const first = await runCli(['--db', db, 'ingest', seeds]);
    assert.equal(first.code, 0, first.out + first.err);
    assert.match(first.out, new RegExp(`${n} new`));
    const second = await runCli(['--db', db, 'ingest', seeds]);
    assert.match(second.out, new RegExp(`0 new, 0 updated, ${n} unchanged`));
  } finally {
    cleanup();
  }
});

test('search finds stored articles by Arabic word forms and prints JSON results', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'm.db');
    await runCli(['--db', db, 'ingest', page('news-article-utf8.html'), page('news-scrape-plain.txt')]);
    const r = await runCli(['--db', db, 'search', 'الأردني', '--json']);
    assert.equal(r.code, 0, r.err);
    const hits = jsonLines(r.out);
    assert.equal(hits.length, 1);
    assert.deepEqual(Object.keys(hits[0]).sort(), ['id', 'published', 'score', 'site', 'snippet', 'source', 'title']);
    assert.equal(hits[0].title, 'وزير الخارجية يستقبل نظيره الأردني في الرباط');
    assert.match(hits[0].snippet, /<mark>الأردني<\/mark>/);
    const human = await runCli(['--db', db, 'search', 'صادرات OR الفوسفات']);
    assert.match(human.out, /\[(صادرات|الفوسفات)\]/);
    const bad = await runCli(['--db', db, 'search', '"مكتب التحقيقات']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /never closed/);
  } finally {
    cleanup();
  }
});
