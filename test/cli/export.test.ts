import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { XMLValidator } from 'fast-xml-parser';
import { FIXTURES, jsonLines, runCli, tempDir } from './run-cli.js';

const PAGES = [join(FIXTURES, 'events', 'visit.html'), join(FIXTURES, 'events', 'police-arrests.html')];
const BOM = '\uFEFF';

test('marsad export writes articles, entities, events and quotes as JSON Lines and CSV, events as PLOVER and GraphML', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'm.db');
    assert.equal((await runCli(['--db', db, 'ingest', ...PAGES])).code, 0);
    const events = jsonLines((await runCli(['--db', db, 'events', '--json', '--limit', '1000'])).out);
    assert.ok(events.length >= 6);

    // JSON Lines on standard output
    const articles = jsonLines((await runCli(['--db', db, 'export', '--what', 'articles', '--format', 'jsonl'])).out);
    assert.equal(articles.length, 2);
    assert.ok(articles.every((a: any) => typeof a.id === 'string' && typeof a.article.text === 'string'));
    assert.deepEqual(jsonLines((await runCli(['--db', db, 'export', '--what', 'events', '--format', 'jsonl'])).out), events, 'the merged events of `marsad events --json`');
    const entities = jsonLines((await runCli(['--db', db, 'export', '--what', 'entities', '--format', 'jsonl'])).out);
    assert.ok(entities.some((e: any) => e.label === 'ناصر بوريطة'));
    assert.equal((await runCli(['--db', db, 'export', '--what', 'quotes'])).code, 0, 'jsonl is the default for what is not events');

    // CSV: BOM, header, one row per record, Arabic intact
    for (const what of ['articles', 'entities', 'events', 'quotes']) {
      const res = await runCli(['--db', db, 'export', '--what', what, '--format', 'csv']);
      assert.equal(res.code, 0, res.err);
      assert.ok(res.out.startsWith(BOM), `${what}: starts with the byte-order mark`);
      const rows: string[][] = parse(res.out.slice(1));
      const n = { articles: 2, entities: entities.length, events: events.length }[what];
      if (n !== undefined) assert.equal(rows.length, n + 1, `${what}: header and ${n} rows`);
    }
    const csv: Record<string, string>[] = parse((await runCli(['--db', db, 'export', '--what', 'events', '--format', 'csv'])).out.slice(1), { columns: true });
    assert.ok(csv.some((r) => r.source_label === 'ناصر بوريطة' && r.location_label === 'الرباط'));

    // --out: PLOVER (the existing format and default for events), CSV bytes with the BOM, GraphML
    const plover = join(dir, 'events.jsonl');
    const res = await runCli(['--db', db, 'export', '--what', 'events', '--out', plover]);
    assert.equal(res.code, 0);
    assert.match(res.err, /\d+ events written to /);
    const records = jsonLines(readFileSync(plover, 'utf8'));
    assert.ok(records.every((p: any) => p.language === 'ar' && typeof p.event_type === 'string'));
    assert.equal(records.length, events.reduce((n: number, e: any) => n + e.num_articles, 0), 'one PLOVER record per report');

    const csvFile = join(dir, 'events.csv');
    assert.equal((await runCli(['--db', db, 'export', '--what', 'events', '--format', 'csv', '--out', csvFile])).code, 0);
    assert.deepEqual([...readFileSync(csvFile).subarray(0, 3)], [0xef, 0xbb, 0xbf]);

    const graph = join(dir, 'actors.graphml');
    const g = await runCli(['--db', db, 'export', '--what', 'events', '--format', 'graphml', '--out', graph]);
    assert.equal(g.code, 0);
    assert.match(g.err, /\d+ actors written to /);
    const xml = readFileSync(graph, 'utf8');
    assert.equal(XMLValidator.validate(xml), true);
    assert.match(xml, /<data key="label">ناصر بوريطة<\/data>/);

    // event filters
    const consult = jsonLines((await runCli(['--db', db, 'export', '--what', 'events', '--format', 'jsonl', '--type', 'consult'])).out);
    assert.ok(consult.length >= 1 && consult.every((e: any) => e.type === 'CONSULT'));
    const police = jsonLines((await runCli(['--db', db, 'export', '--what', 'events', '--format', 'plover', '--actor', 'generic:COP:MA'])).out);
    assert.equal(police.length, 1);
    assert.equal(police[0].source_country, 'MAR');
  } finally {
    cleanup();
  }
});

test('marsad export refuses unknown and mismatched choices as usage errors naming the flag', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'm.db');
    const what = await runCli(['--db', db, 'export', '--what', 'stories', '--format', 'jsonl']);
    assert.equal(what.code, 2);
    assert.match(what.err, /--what/);
    const format = await runCli(['--db', db, 'export', '--what', 'events', '--format', 'xlsx']);
    assert.equal(format.code, 2);
    assert.match(format.err, /--format/);
    for (const bad of ['plover', 'graphml']) {
      const r = await runCli(['--db', db, 'export', '--what', 'quotes', '--format', bad]);
      assert.equal(r.code, 2);
      assert.match(r.err, /--format/);
      assert.match(r.err, /--what events/);
    }
    const actor = await runCli(['--db', db, 'export', '--what', 'events', '--actor', 'nobody']);
    assert.notEqual(actor.code, 0);
    assert.match(actor.err, /nobody/);
    const out = await runCli(['--db', db, 'export', '--what', 'events', '--out', join(dir, 'no', 'such', 'dir', 'x.jsonl')]);
    assert.equal(out.code, 2);
    assert.match(out.err, /--out/);
  } finally {
    cleanup();
  }
});
