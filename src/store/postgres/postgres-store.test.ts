import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { runStoreConformance, article, input } from '../conformance.testkit.js';
import { runEntityStoreConformance } from '../entity-conformance.testkit.js';
import { runQuoteStoreConformance } from '../quote-conformance.testkit.js';
import { runEventStoreConformance } from '../event-conformance.testkit.js';
import { runStoryStoreConformance } from '../story-conformance.testkit.js';
import { runAffiliationStoreConformance } from '../affiliation-conformance.testkit.js';
import { openPostgresStore } from './postgres-store.js';
import { dropSchema, freshSchema, openTestPostgresStore, postgresUnavailable, TEST_POSTGRES_URL } from './pg-test-db.js';
import { arabicSearchAnalyzer } from '../../arabic/search-keys.js';
import { parseQuery } from '../search-query.js';

const unavailable = await postgresUnavailable();

if (unavailable) {
  test('postgres store conformance', { skip: unavailable }, () => {});
} else {
  const open = () => openTestPostgresStore(arabicSearchAnalyzer);
  runStoreConformance('postgres', open);
  runEntityStoreConformance('postgres', open);
  runQuoteStoreConformance('postgres', open);
  runEventStoreConformance('postgres', open);
  runStoryStoreConformance('postgres', open);
  runAffiliationStoreConformance('postgres', open);

  /** Runs `fn` with a schema name that is dropped afterwards, whatever happens. */
  const inSchema = async (fn: (schema: string) => Promise<void>) => {
    const schema = freshSchema();
    try {
      await fn(schema);
    } finally {
      await dropSchema(schema);
    }
  };

  test('postgres: data survives closing and reopening', () =>
    inSchema(async (schema) => {
      const s1 = await openPostgresStore(TEST_POSTGRES_URL, arabicSearchAnalyzer, { schema });
      const { id } = await s1.put(input('a.txt', article()));
      await s1.close();
      const s2 = await openPostgresStore(TEST_POSTGRES_URL, arabicSearchAnalyzer, { schema });
      assert.equal((await s2.get(id))?.article.title, article().title);
      assert.equal((await s2.search(parseQuery('التحقيقات'))).length, 1);
      await s2.close();
    }));

  test('postgres: a database from a newer Marsad is refused, not downgraded', () =>
    inSchema(async (schema) => {
      const s = await openPostgresStore(TEST_POSTGRES_URL, arabicSearchAnalyzer, { schema });
      await s.close();
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`UPDATE "${schema}".schema_version SET version = 999`);
      await client.end();
      await assert.rejects(openPostgresStore(TEST_POSTGRES_URL, arabicSearchAnalyzer, { schema }), (err: any) => {
        assert.equal(err.code, 'STORE_FAILED');
        assert.match(err.message, /schema version 999/);
        return true;
      });
    }));

  test('postgres: the search index is rebuilt when the analyser changes', () =>
    inSchema(async (schema) => {
      const words = (text: string) => [...text.matchAll(/\p{L}+/gu)].map((m) => ({ key: m[0], start: m.index!, end: m.index! + m[0].length }));
      const v1 = { version: 'plain-1', keys: words };
      // A second analyser that indexes reversed words: only a rebuilt index can answer it.
      const v2 = { version: 'reversed-1', keys: (t: string) => words(t).map((k) => ({ ...k, key: [...k.key].reverse().join('') })) };
      const s1 = await openPostgresStore(TEST_POSTGRES_URL, v1, { schema });
      await s1.put(input('a.txt', article({ text: 'زار الوزير الرباط أمس.' })));
      await s1.close();
      const s2 = await openPostgresStore(TEST_POSTGRES_URL, v2, { schema });
      assert.equal((await s2.search(parseQuery('الرباط'))).length, 1);
      await s2.close();
    }));

  test('postgres: processes storing the same pages at once agree on one record per page', () =>
    inSchema(async (schema) => {
      const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(TEST_POSTGRES_URL, arabicSearchAnalyzer, { schema })));
      try {
        const pages = Array.from({ length: 8 }, (_, i) => input(`https://site.example/${i}`, article({ url: `https://site.example/${i}`, text: `نص المقال ${i} عن زيارة الوزير.` })));
        const results = await Promise.all(stores.flatMap((s) => pages.map((p) => s.put(p))));
        assert.equal(await stores[0]!.count(), pages.length);
        for (let i = 0; i < pages.length; i++) {
          const ids = new Set(results.filter((_, k) => k % pages.length === i).map((r) => r.id));
          assert.equal(ids.size, 1, `page ${i} has one id`);
        }
        assert.equal(results.filter((r) => r.change === 'new').length, pages.length, 'each page is new exactly once');
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    }));

  test('postgres: date filters include the whole bounding days and never an undated article', async () => {
    const s = await openTestPostgresStore(arabicSearchAnalyzer);
    try {
      const put = async (name: string, published: string | null) =>
        (await s.put(input(`${name}.txt`, article({ published, text: `أعلنت الحكومة قرارها الجديد ${name} بشأن الميزانية.` })))).id;
      const eve = await put('eve', '2022-12-31T23:59:00Z');
      const newYear = await put('newyear', '2023-01-01');
      const newYearTime = await put('newyeartime', '2023-01-01T00:30:00+01:00');
      const later = await put('later', '2023-02-10');
      const undated = await put('undated', null);
      const ids = async (q: string) => (await s.search(parseQuery(q), { limit: 50 })).map((h) => h.id).sort();
      assert.deepEqual(await ids('الحكومة'), [eve, newYear, newYearTime, later, undated].sort());
      assert.deepEqual(await ids('الحكومة to:2022-12-31'), [eve]);
      assert.deepEqual(await ids('الحكومة from:2023-01-01'), [newYear, newYearTime, later].sort());
      assert.deepEqual(await ids('الحكومة from:2023-01-01 to:2023-01-01'), [newYear, newYearTime].sort());
      assert.deepEqual(await ids('from:2022-12 to:2023-01'), [eve, newYear, newYearTime].sort());
      assert.deepEqual(await ids('الحكومة to:2023'), [eve, newYear, newYearTime, later].sort());
    } finally {
      await s.close();
    }
  });

  test('postgres: query words reach the server as data, never as SQL or tsquery syntax', async () => {
    const s = await openTestPostgresStore(arabicSearchAnalyzer);
    try {
      await s.put(input('a.txt', article({ text: "قال الوزير إن الاجتماع كان مثمرا O'Brien" })));
      for (const q of ['"\'); DROP TABLE articles; --"', "O'Brien", 'a\\b*', "x'*", '"!! & | <->"', "الوزير 'x':*", '$1 $$ %']) {
        await s.search(parseQuery(q));
      }
      assert.equal(await s.count(), 1);
      assert.equal((await s.search(parseQuery('الوزير'))).length, 1);
      for (const site of ['%', '_', '\\']) assert.equal((await s.search(parseQuery(`site:${site}`))).length, 0, `site:${site} is no wildcard`);
    } finally {
      await s.close();
    }
  });
}

test('postgres: an unreachable server is a clear error naming the URL, password masked', async () => {
  const url = 'postgres://marsad:s3cret@127.0.0.1:1/none';
  await assert.rejects(openPostgresStore(url, arabicSearchAnalyzer), (err: any) => {
    assert.equal(err.code, 'STORE_UNREACHABLE');
    assert.match(err.message, /postgres:\/\/marsad:\*\*\*@127\.0\.0\.1:1\/none/);
    assert.doesNotMatch(err.message, /s3cret/);
    assert.match(err.message, /start the server/);
    return true;
  });
});
