import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runStoreConformance, article, input } from '../conformance.testkit.js';
import { runEntityStoreConformance } from '../entity-conformance.testkit.js';
import { runQuoteStoreConformance } from '../quote-conformance.testkit.js';
import { runEventStoreConformance } from '../event-conformance.testkit.js';
import { runStoryStoreConformance } from '../story-conformance.testkit.js';
import { runAffiliationStoreConformance } from '../affiliation-conformance.testkit.js';
import { openSqliteStore } from './sqlite-store.js';
import { arabicSearchAnalyzer } from '../../arabic/search-keys.js';
import { parseQuery } from '../search-query.js';

runStoreConformance('sqlite', async () => openSqliteStore(':memory:', arabicSearchAnalyzer));
runEntityStoreConformance('sqlite', async () => openSqliteStore(':memory:', arabicSearchAnalyzer));
runQuoteStoreConformance('sqlite', async () => openSqliteStore(':memory:', arabicSearchAnalyzer));
runEventStoreConformance('sqlite', async () => openSqliteStore(':memory:', arabicSearchAnalyzer));
runStoryStoreConformance('sqlite', async () => openSqliteStore(':memory:', arabicSearchAnalyzer));
runAffiliationStoreConformance('sqlite', async () => openSqliteStore(':memory:', arabicSearchAnalyzer));

test('sqlite: data survives closing and reopening the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-'));
  try {
    const path = join(dir, 'nested', 'marsad.db');
    const s1 = openSqliteStore(path, arabicSearchAnalyzer);
    const { id } = await s1.put(input('a.txt', article()));
    await s1.close();
    const s2 = openSqliteStore(path, arabicSearchAnalyzer);
    assert.equal((await s2.get(id))?.article.title, article().title);
    await s2.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sqlite: a file that is not a database is refused with a clear error, and left untouched', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-'));
  try {
    const path = join(dir, 'notes.db');
    const notes = 'these are my notes, not a database '.repeat(200);
    writeFileSync(path, notes);
    assert.throws(() => openSqliteStore(path, arabicSearchAnalyzer), (err: any) => err.code === 'STORE_FAILED' && err.message.includes(path));
    assert.equal(readFileSync(path, 'utf8'), notes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sqlite: a database from a newer Marsad is refused, not downgraded', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-'));
  try {
    const path = join(dir, 'future.db');
    const db = new Database(path);
    db.pragma('user_version = 999');
    db.close();
    assert.throws(() => openSqliteStore(path, arabicSearchAnalyzer), /schema version 999/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sqlite: the search index is rebuilt when the analyser changes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-'));
  try {
    const path = join(dir, 'm.db');
    const words = (text: string) => [...text.matchAll(/\p{L}+/gu)].map((m) => ({ key: m[0], start: m.index!, end: m.index! + m[0].length }));
    const v1 = { version: 'plain-1', keys: words };
    // A second analyser that indexes reversed words: only a rebuilt index can answer it.
    const v2 = { version: 'reversed-1', keys: (t: string) => words(t).map((k) => ({ ...k, key: [...k.key].reverse().join('') })) };
    const s1 = openSqliteStore(path, v1);
    await s1.put(input('a.txt', article({ text: 'زار الوزير الرباط أمس.' })));
    await s1.close();
    const s2 = openSqliteStore(path, v2);
    assert.equal((await s2.search(parseQuery('الرباط'))).length, 1);
    await s2.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
