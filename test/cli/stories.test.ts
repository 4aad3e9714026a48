import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, jsonLines, runCli, tempDir } from './run-cli.js';
import { splitSentences } from '../../src/arabic/index.js';

const DIR = join(FIXTURES, 'stories');
const ATLAS = join(DIR, 'meeting-atlas.html');
const MIRROR = join(DIR, 'meeting-mirror.html');
const HARVEST = join(DIR, 'harvest.html');

/**
 * An edited copy of a page, as another outlet republishes a dispatch: first and last
 * paragraphs trimmed, a "read also" line and a share line added, one paragraph rewritten.
 */
function editedCopy(html: string): string {
  const paras = [...html.matchAll(/<p>(.*?)<\/p>/g)].map((m) => m[1]!);
  assert.ok(paras.length >= 6, 'the fixture has enough paragraphs to edit');
  const kept = paras.slice(1, -1);
  kept[2] = 'وقال مصدر دبلوماسي لموقعنا إن الزيارة حظيت بمتابعة واسعة من وسائل الإعلام في البلدين، وإن الطرفين يعولان على نتائجها.';
  const body = [
    ...kept.slice(0, 3),
    'اقرأ أيضا: أسعار المحروقات تواصل الارتفاع في المدن الكبرى',
    ...kept.slice(3),
    'تابعونا على فيسبوك وتويتر وواتساب',
  ];
  return html
    .replace(/<meta property="og:site_name" content="[^"]*">/, '<meta property="og:site_name" content="صدى المغرب">')
    .replace(/<article>[\s\S]*<\/article>/, `<article><h1>بوريطة وسيجورنيه يبحثان الشراكة</h1>\n${body.map((p) => `<p>${p}</p>`).join('\n')}\n</article>`);
}

test('an edited copy of a page is stored, linked to its original and marked a near-duplicate', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'm.db');
    const copy = join(dir, 'copy.html');
    writeFileSync(copy, editedCopy(readFileSync(ATLAS, 'utf8')));
    const [first] = jsonLines((await runCli(['--db', db, 'ingest', ATLAS, '--json'])).out);
    assert.equal(first.duplicate_of, null);
    const res = await runCli(['--db', db, 'ingest', copy, '--json']);
    assert.equal(res.code, 0);
    const [second] = jsonLines(res.out);
    assert.equal(second.status, 'new', 'a near-duplicate is kept, not dropped');
    assert.notEqual(second.id, first.id);
    assert.equal(second.duplicate_of.id, first.id);
    assert.equal(second.duplicate_of.exact, false);
    assert.ok(second.duplicate_of.similarity >= 0.4 && second.duplicate_of.similarity < 1, `similarity ${second.duplicate_of.similarity}`);

    const shown = jsonLines((await runCli(['--db', db, 'show', second.id, '--json'])).out)[0];
    assert.deepEqual(shown.duplicate_of, second.duplicate_of);
    assert.equal(jsonLines((await runCli(['--db', db, 'show', first.id, '--json'])).out)[0].duplicate_of, null);
    assert.match((await runCli(['--db', db, 'show', second.id])).out, new RegExp(`near-duplicate of ${first.id} \\(similarity 0\\.\\d\\d\\)`));

    // the summary counts it; ingesting again changes nothing and still says what it duplicates
    const copy2 = join(dir, 'copy2.html');
    writeFileSync(copy2, editedCopy(readFileSync(ATLAS, 'utf8')).replace('يعولان على نتائجها', 'يعولان كثيرا على نتائجها'));
    assert.match((await runCli(['--db', db, 'ingest', copy2])).out, /1 new, .*; 1 near-duplicate of earlier articles/);
    const [again] = jsonLines((await runCli(['--db', db, 'ingest', copy, '--json'])).out);
    assert.equal(again.status, 'unchanged');
    assert.deepEqual(again.duplicate_of, second.duplicate_of);

    // two different reports of one meeting are not near-duplicates of each other
    const [other] = jsonLines((await runCli(['--db', db, 'ingest', MIRROR, '--json'])).out);
    assert.equal(other.duplicate_of, null);
  } finally {
    cleanup();
  }
});

test('two outlets on one meeting make one story with a short summary and one merged event; an unrelated article its own story', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'm.db');
    const ingested = jsonLines((await runCli(['--db', db, 'ingest', ATLAS, MIRROR, HARVEST, '--json'])).out);
    assert.deepEqual(ingested.map((r) => r.status), ['new', 'new', 'new']);
    const [atlas, mirror, harvest] = ingested.map((r) => r.id);

    const res = await runCli(['--db', db, 'stories', '--json']);
    assert.equal(res.code, 0);
    const stories = jsonLines(res.out);
    assert.equal(stories.length, 2);
    for (const s of stories) assert.deepEqual(Object.keys(s), ['id', 'label', 'summary', 'articles', 'entities', 'events', 'outlets']);
    const meeting = stories.find((s) => s.articles.length === 2);
    assert.ok(meeting, 'the two reports are one story');
    assert.deepEqual(meeting.articles.map((a: any) => a.id), [atlas, mirror], 'oldest first');
    for (const a of meeting.articles) assert.deepEqual(Object.keys(a), ['id', 'source', 'site', 'published']);
    assert.deepEqual(meeting.articles.map((a: any) => a.site), ['الأطلس اليوم', 'مرآة الرباط']);
    assert.match(meeting.label, /سيجورنيه/);
    const sentences = splitSentences(meeting.summary);
    assert.ok(sentences.length >= 1 && sentences.length <= 3, `${sentences.length} sentences`);
    const people = meeting.entities.filter((e: any) => e.type === 'PERSON');
    assert.ok(people.some((e: any) => e.label === 'ناصر بوريطة' && e.articles === 2));
    for (const e of meeting.entities) assert.deepEqual(Object.keys(e), ['id', 'type', 'label', 'articles']);

    const met = meeting.events.filter((e: any) => e.type === 'CONSULT' && e.num_sources === 2);
    assert.equal(met.length, 1, 'the meeting is one event reported by both outlets');
    assert.deepEqual(met[0].sources.map((s: any) => s.article).sort(), [atlas, mirror].sort());
    assert.equal(met[0].date.start, '2024-02-26');
    assert.deepEqual(new Set([met[0].source.label, met[0].target.label]), new Set(['ناصر بوريطة', 'ستيفان سيجورنيه']));

    // Outlet comparison: each outlet's share, and what it leaves out that the other reports.
    assert.deepEqual(meeting.outlets.map((o: any) => o.articles), [[atlas], [mirror]]);
    for (const o of meeting.outlets) {
      assert.ok(o.events.includes(met[0].id), 'both carry the meeting');
      const all = new Set(meeting.entities.map((e: any) => e.id));
      assert.deepEqual(new Set([...o.entities, ...o.missing_entities]), all, 'carried + left out = the story');
      for (const id of o.missing_entities) assert.ok(!o.entities.includes(id));
    }

    const own = stories.find((s) => s.articles.length === 1);
    assert.deepEqual(own.articles.map((a: any) => a.id), [harvest]);
    assert.equal(own.id, harvest);

    // events over the store: the same meeting once, with its sources
    const events = jsonLines((await runCli(['--db', db, 'events', '--type', 'CONSULT', '--json'])).out);
    const merged = events.filter((e) => e.num_sources === 2);
    assert.equal(merged.length, 1);
    assert.deepEqual(merged[0].sources.map((s: any) => s.site).sort(), ['الأطلس اليوم', 'مرآة الرباط'].sort());
    assert.ok(!events.some((e) => e.id !== merged[0].id && e.sources.some((s: any) => s.article === mirror) && e.target && e.date.start === '2024-02-26'), 'not listed twice');
    const csv = (await runCli(['--db', db, 'events', '--csv'])).out.split('\r\n').filter(Boolean);
    assert.ok(csv[0]!.split(',').includes('num_sources'));
    assert.ok(csv.some((r) => r.includes(`${atlas};${mirror}`) || r.includes(`${mirror};${atlas}`)));

    const human = (await runCli(['--db', db, 'stories', '--limit', '1'])).out;
    assert.match(human, /2 articles, 2 outlets|1 article, 1 outlet/);

    // reprocess recomputes the assignments and keeps the same stories
    assert.equal((await runCli(['--db', db, 'reprocess'])).code, 0);
    const after = jsonLines((await runCli(['--db', db, 'stories', '--json'])).out);
    assert.deepEqual(after.map((s) => s.articles.map((a: any) => a.id).sort()).sort(), stories.map((s) => s.articles.map((a: any) => a.id).sort()).sort());
    assert.ok(after.every((s) => s.label && s.summary));
  } finally {
    cleanup();
  }
});

test('a new process picks the stories up from the store: a later report joins the stored story', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'm.db');
    const [atlas] = jsonLines((await runCli(['--db', db, 'ingest', ATLAS, HARVEST, '--json'])).out).map((r) => r.id);
    const [mirror] = jsonLines((await runCli(['--db', db, 'ingest', MIRROR, '--json'])).out).map((r) => r.id);
    const stories = jsonLines((await runCli(['--db', db, 'stories', '--json'])).out);
    assert.equal(stories.length, 2);
    const meeting = stories.find((s) => s.id === atlas);
    assert.deepEqual(meeting.articles.map((a: any) => a.id), [atlas, mirror]);
  } finally {
    cleanup();
  }
});

test('stories on an empty store and bad arguments', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'm.db');
    const empty = await runCli(['--db', db, 'stories']);
    assert.equal(empty.code, 0);
    assert.match(empty.out, /No stories yet/);
    assert.equal((await runCli(['--db', db, 'stories', '--json'])).out, '');
    const bad = await runCli(['--db', db, 'stories', '--limit', '0']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--limit/);
  } finally {
    cleanup();
  }
});
