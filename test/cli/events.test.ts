import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FIXTURES, jsonLines, runCli, tempDir } from './run-cli.js';

const PAGE = join(FIXTURES, 'events', 'visit.html');
const KEYS = ['contexts', 'date', 'evidence', 'id', 'location', 'mode', 'source', 'status', 'target', 'type'];
const pair = (e: any) => `${e.type}${e.mode ? '/' + e.mode : ''} ${e.source.label} → ${e.target?.label ?? '-'}${e.status ? ' [' + e.status + ']' : ''}`;

test('analyze --json gives events with the contract fields: who did what to whom, when, where', async () => {
  const { code, out } = await runCli(['analyze', PAGE, '--json']);
  assert.equal(code, 0);
  const [line] = jsonLines(out);
  for (const e of line.events) {
    assert.deepEqual(Object.keys(e).sort(), KEYS);
    assert.equal(line.article.text.slice(e.evidence.start, e.evidence.end), e.evidence.text);
  }
  assert.deepEqual(line.events.map(pair), [
    'CONSULT ناصر بوريطة → ستيفان سيجورنيه',
    'CONSULT/visit وليام بيرنز → عبد اللطيف حموشي',
    'CONSULT/phone ناصر بوريطة → أحمد عطاف',
    'CONSULT/phone ناصر بوريطة → بدر عبد العاطي',
    'CONSULT عبد المجيد تبون → ناصر بوريطة [negation]',
  ]);
  const [first, visit] = line.events;
  assert.deepEqual(first.date, { start: '2024-03-11', end: '2024-03-11', text: 'يوم الإثنين 11 مارس 2024' });
  assert.equal(first.location.label, 'الرباط');
  assert.equal(visit.location.label, 'الرباط');
  assert.ok(visit.contexts.includes('terrorism'));
  assert.match(first.id, /:1$/);
});

test('analyze --lines carries events too', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const file = join(dir, 'lines.txt');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'التقى ناصر بوريطة بأحمد عطاف في الجزائر.\nلا حدث هنا.\n');
    const lines = jsonLines((await runCli(['analyze', '--lines', file, '--json'])).out);
    assert.deepEqual(lines.map((l) => l.events.map(pair)), [['CONSULT ناصر بوريطة → أحمد عطاف'], []]);
  } finally {
    cleanup();
  }
});

test('ingested events: show, events --actor / --type / --from, --csv, export --format plover', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'm.db');
    assert.equal((await runCli(['--db', db, 'ingest', PAGE])).code, 0);
    const stored = new Database(db, { readonly: true });
    const count = (table: string) => (stored.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    assert.deepEqual([count('happening_stale'), count('happenings')], [0, 5], 'the ingest stored its merged events: the first view merges nothing');
    stored.close();
    const all = jsonLines((await runCli(['--db', db, 'events', '--json'])).out);
    assert.equal(all.length, 5);
    for (const e of all) assert.deepEqual(Object.keys(e).sort(), [...KEYS, 'article', 'num_articles', 'num_sources', 'published', 'sources', 'title'].sort());
    assert.ok(all.every((e: any) => e.num_sources === 1 && e.sources[0].article === e.article), 'one article: each event has one source');
    const bourita = all[0].source.label === 'ناصر بوريطة' ? all[0].source.id : all.find((e: any) => e.source.label === 'ناصر بوريطة').source.id;
    const his = jsonLines((await runCli(['--db', db, 'events', '--actor', bourita, '--json'])).out);
    assert.equal(his.length, 4, 'as actor and as recipient');
    assert.ok(his.every((e: any) => e.source.id === bourita || e.target?.id === bourita));
    assert.equal(jsonLines((await runCli(['--db', db, 'events', '--type', 'consult', '--from', '2024-03', '--to', '2024-03-12', '--json'])).out).length, 5);
    assert.equal(jsonLines((await runCli(['--db', db, 'events', '--to', '2024-03-11', '--json'])).out).length, 1, 'undated events count by their article’s day');
    assert.equal(jsonLines((await runCli(['--db', db, 'events', '--from', '2025', '--json'])).out).length, 0);

    const csv = (await runCli(['--db', db, 'events', '--csv'])).out;
    const rows = csv.split('\r\n').filter(Boolean);
    assert.equal(rows[0], 'id,article,published,type,mode,status,source_id,source_label,target_id,target_label,location_id,location_label,date_start,date_end,date_text,contexts,num_sources,num_articles,source_articles,evidence');
    assert.equal(rows.length, 6);
    assert.ok(rows.slice(1).every((r) => r.split(',').length === 20), 'Arabic commas need no quoting: 20 fields a row');

    const shown = jsonLines((await runCli(['--db', db, 'show', all[0].article, '--json'])).out)[0];
    assert.equal(shown.events.length, 5);
    assert.match((await runCli(['--db', db, 'show', all[0].article])).out, /events\n {2}CONSULT/);

    const file = join(dir, 'events.jsonl');
    assert.equal((await runCli(['--db', db, 'export', '--what', 'events', '--format', 'plover', '--out', file])).code, 0);
    const plover = jsonLines(readFileSync(file, 'utf8'));
    assert.equal(plover.length, 5);
    const phone = plover.find((p: any) => p.mode === 'phone');
    assert.equal(phone.event_type, 'CONSULT');
    assert.equal(phone.source_actor, 'ناصر بوريطة');
    assert.equal(phone.source_country, 'MAR');
    assert.equal(phone.language, 'ar');
    assert.ok(plover.some((p: any) => p.negated === true));
    assert.equal(plover.find((p: any) => p.date === '2024-03-11').location.place_name, 'الرباط');
  } finally {
    cleanup();
  }
});

test('bad event arguments are usage errors naming the flag', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'm.db');
    const type = await runCli(['--db', db, 'events', '--type', 'PARTY']);
    assert.equal(type.code, 2);
    assert.match(type.err, /--type/);
    const from = await runCli(['--db', db, 'events', '--from', '2024-13-01']);
    assert.equal(from.code, 2);
    assert.match(from.err, /--from/);
    const to = await runCli(['--db', db, 'events', '--to', 'yesterday']);
    assert.equal(to.code, 2);
    assert.match(to.err, /--to/);
    const what = await runCli(['--db', db, 'export', '--what', 'quotes', '--format', 'plover']);
    assert.equal(what.code, 2);
    assert.match(what.err, /--what/);
  } finally {
    cleanup();
  }
});

test('an actor that is no named entity (the police) is a generic actor with its sector and country, and can be filtered on', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'm.db');
    await runCli(['--db', db, 'ingest', join(FIXTURES, 'events', 'police-arrests.html')]);
    const [arrest] = jsonLines((await runCli(['--db', db, 'events', '--actor', 'generic:COP:MA', '--json'])).out);
    assert.equal(pair(arrest), 'COERCE/arrest الشرطة المغربية → -');
    assert.deepEqual(arrest.date, { start: '2024-03-01', end: '2024-03-01', text: 'يوم الجمعة' }, 'the Friday before publication');
    assert.equal(arrest.location.label, 'الدار البيضاء');
    assert.equal((await runCli(['--db', db, 'events', '--actor', 'generic:MIL', '--json'])).out, '');
  } finally {
    cleanup();
  }
});
