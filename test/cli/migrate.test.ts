import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FIXTURES, jsonLines, runCli, tempDir } from './run-cli.js';
import { dropSchema, freshSchema, postgresUnavailable, TEST_POSTGRES_URL } from '../../src/store/postgres/pg-test-db.js';

const unavailable = await postgresUnavailable();

test('marsad migrate copies a stored corpus to PostgreSQL and back, and --db postgres:// reads it', { skip: unavailable ?? false }, async () => {
  const { dir, cleanup } = tempDir();
  const schema = freshSchema();
  const pg = `${TEST_POSTGRES_URL}?schema=${schema}`;
  try {
    const db = join(dir, 'm.db');
    const ingested = jsonLines((await runCli(['--db', db, 'ingest', join(FIXTURES, 'stories'), '--json'])).out);
    assert.ok(ingested.length >= 3 && ingested.every((r) => r.status === 'new'));

    const there = await runCli(['migrate', '--from', db, '--to', pg, '--json']);
    assert.equal(there.code, 0, there.err);
    const report = JSON.parse(there.out);
    assert.equal(report.articles, ingested.length);
    assert.equal(report.tables.find((t: { name: string }) => t.name === 'raw_pages').rows, ingested.length);

    const listed = (db: string) => runCli(['--db', db, 'list', '--json']).then((r) => jsonLines(r.out));
    assert.deepEqual(await listed(pg), await listed(db));
    const search = (db: string) => runCli(['--db', db, 'search', 'بوريطة', '--json']).then((r) => jsonLines(r.out).map((h) => [h.id, h.snippet]).sort());
    assert.deepEqual(await search(pg), await search(db));
    assert.ok((await search(pg)).length > 0);

    const again = await runCli(['migrate', '--from', db, '--to', pg]);
    assert.notEqual(again.code, 0);
    assert.match(again.err, /already holding data/);

    const back = join(dir, 'back.db');
    assert.equal((await runCli(['migrate', '--from', pg, '--to', back])).code, 0);
    assert.deepEqual(await listed(back), await listed(db));
  } finally {
    cleanup();
    await dropSchema(schema);
  }
});

test('marsad migrate says which source is missing', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const r = await runCli(['migrate', '--from', join(dir, 'none.db'), '--to', join(dir, 'x.db')]);
    assert.notEqual(r.code, 0);
    assert.match(r.err, /none\.db/);
  } finally {
    cleanup();
  }
});
