/**
 * Search and filter values full of SQL and FTS5 syntax are text: they match what the words
 * match (or nothing), or are refused as BAD_QUERY; they never change the statement, reach
 * FTS5's own syntax, widen a filter or raise an untyped error. Every SQL of the embedded store
 * is parameterised (values as bound parameters, identifiers from constants in the code).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { filledStore, jsonOf, testApi } from '../../src/api/api.testkit.js';
import { MarsadError } from '../../src/model/errors.js';
import { parseQuery } from '../../src/store/search-query.js';
import { openSqliteTables } from '../../src/store/sqlite/sqlite-transfer.js';
import type { MarsadStore } from '../../src/store/store.js';

/** What a query must give: the same hits as a plain query, no hit, or a BAD_QUERY refusal. */
type Expect = { same: string } | 'none' | 'BAD_QUERY';

// [query, expectation]
const SEARCH_CASES: Array<[string, Expect]> = [
  [`الرباط'; DROP TABLE articles; --`, 'BAD_QUERY'],
  [`الرباط'; DROP TABLE articles;`, { same: 'الرباط DROP TABLE articles' }],
  [`الرباط' OR '1'='1`, { same: `الرباط OR 1 1` }],
  [`' OR 1=1 --`, 'BAD_QUERY'],
  [`" OR ""="`, 'none'],
  [`الرباط" OR "1"="1`, 'none'],
  [`الرباط UNION SELECT * FROM articles`, 'BAD_QUERY'],
  [`الرباط UNION SELECT id FROM articles`, 'none'],
  [`الرباط; DELETE FROM articles`, 'none'],
  [`الرباط/**/OR/**/1=1`, 'none'],
  [`NEAR(الرباط واشنطن)`, 'none'],
  [`title:الرباط`, 'none'],
  [`{title text}:الرباط`, 'none'],
  [`^الرباط`, { same: 'الرباط' }],
  [`الرباط AND`, 'none'],
  [`الرباط NOT`, 'BAD_QUERY'],
  [`الرباط + 1`, { same: 'الرباط 1' }],
  [`*`, 'BAD_QUERY'],
  [`"الرباط" : text`, 'none'],
  [`الرباط\u0000`, { same: 'الرباط' }],
  [`site:%`, 'none'],
  [`site:_`, 'none'],
  [`site:%.example`, 'none'],
  [`site:' OR 1=1 --`, 'BAD_QUERY'],
  [`from:2024' OR '1'='1`, 'BAD_QUERY'],
  [`to:1=1`, 'BAD_QUERY'],
];

describe('SQL and FTS syntax in search and filter values is text', () => {
  let store: MarsadStore;
  let app: OpenAPIHono;
  let total: number;
  before(async () => {
    store = await filledStore();
    ({ app } = await testApi({ store }));
    total = await store.count();
  });
  after(() => store.close());

  async function ids(q: string): Promise<string[] | 'BAD_QUERY'> {
    try {
      return (await store.search(parseQuery(q), { limit: 100 })).map((h) => h.id).sort();
    } catch (err) {
      assert.ok(err instanceof MarsadError, `${q}: an untyped error: ${String(err)}`);
      assert.equal(err.code, 'BAD_QUERY', q);
      return 'BAD_QUERY';
    }
  }

  for (const [q, expected] of SEARCH_CASES) {
    it(`${JSON.stringify(q)} → ${typeof expected === 'string' ? expected : `as ${JSON.stringify(expected.same)}`}`, async () => {
      const got = await ids(q);
      if (expected === 'BAD_QUERY') assert.equal(got, 'BAD_QUERY', q);
      else if (expected === 'none') assert.deepEqual(got, [], q);
      else {
        const same = await ids(expected.same);
        assert.notEqual(got, 'BAD_QUERY', q);
        assert.deepEqual(got, same, q);
      }
      // Through the API: the same answer, and never a server error.
      const res = await app.request(`/api/search?q=${encodeURIComponent(q)}&limit=100`);
      if (got === 'BAD_QUERY') assert.equal(res.status, 400, q);
      else assert.deepEqual((await jsonOf(res)).items.map((h: { id: string }) => h.id).sort(), got, q);
      assert.equal(await store.count(), total, 'the store is intact');
    });
  }

  it('a real site filter still finds its articles, by outlet name and by URL host', async () => {
    for (const q of ['site:almarsad.example', 'site:مرصد الاختبار']) {
      const hits = await ids(q.includes(' ') ? `site:"${q.slice(5)}"` : q);
      assert.ok(Array.isArray(hits) && hits.length >= 1, q);
    }
  });

  // [route, a value full of SQL] — listing filters are bound parameters too.
  const FILTER_CASES: Array<[string, number]> = [
    [`/api/entities?type=${encodeURIComponent(`PERSON' OR '1'='1`)}`, 400],
    [`/api/events?actor=${encodeURIComponent(`x' OR '1'='1`)}`, 404],
    [`/api/events?type=${encodeURIComponent(`CONSULT' OR 1=1 --`)}`, 400],
    [`/api/quotes?speaker=${encodeURIComponent(`x") OR 1=1 --`)}`, 404],
    [`/api/articles/${encodeURIComponent(`x' OR '1'='1`)}`, 404],
    [`/api/entities/${encodeURIComponent(`x' UNION SELECT * FROM entities --`)}`, 404],
  ];
  for (const [path, status] of FILTER_CASES) {
    it(`${decodeURIComponent(path)} → ${status}, nothing listed or changed`, async () => {
      const res = await app.request(path);
      const text = await res.text();
      assert.equal(res.status, status, text);
      if (status === 200) assert.deepEqual(JSON.parse(text).items, [], 'a filter value matching nothing lists nothing');
      assert.equal(await store.count(), total);
    });
  }
});

describe('table and column names read from a database file are identifiers, never SQL', () => {
  it('a file whose names hold quotes and SQL is read as it is (marsad migrate --from someone-else.db)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'marsad-sqlnames-'));
    const path = join(dir, 'hostile.db');
    const names = [`x') UNION SELECT sql FROM sqlite_master --`, `a"b; DROP TABLE kept; --`];
    try {
      const db = new Database(path);
      db.exec('CREATE TABLE kept (v TEXT)');
      db.prepare('INSERT INTO kept VALUES (?)').run('still here');
      for (const name of names) {
        const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
        db.exec(`CREATE TABLE ${q(name)} (${q('c"d')} TEXT, plain TEXT)`);
        db.prepare(`INSERT INTO ${q(name)} VALUES (?, ?)`).run('one', 'two');
      }
      db.close();
      const tables = openSqliteTables(path);
      try {
        const shapes = await tables.tables();
        assert.deepEqual(shapes.map((t) => t.name), ['kept', ...names]);
        for (const shape of shapes.slice(1)) {
          assert.deepEqual(shape.columns, ['c"d', 'plain'], shape.name);
          assert.equal(await tables.count(shape.name), 1);
          const rows: unknown[][] = [];
          for await (const batch of tables.rows(shape)) rows.push(...batch);
          assert.deepEqual(rows, [['one', 'two']]);
        }
        assert.equal(await tables.count('kept'), 1);
      } finally {
        await tables.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
