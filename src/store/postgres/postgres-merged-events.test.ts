import { joinHappening } from '../merged-event-store.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { ArticleEvent } from '../../model/event.js';
import type { MarsadStore } from '../store.js';
import { article, input } from '../conformance.testkit.js';
import { checkMigratedCounts, keptCounts, keptCountsCorpus, refreshAll } from '../event-conformance.testkit.js';
import { happeningRows } from '../happening-rows.js';
import { openPostgresStore } from './postgres-store.js';
import { PG_MIGRATIONS } from './migrations.js';
import { dropSchema, freshSchema, postgresUnavailable, TEST_POSTGRES_URL } from './pg-test-db.js';
import { arabicSearchAnalyzer } from '../../arabic/search-keys.js';

const event = (id: string, type: string, source: string, target: string | null, start: string | null): ArticleEvent => ({
  id, type, mode: null, status: null, source: { id: source, label: source }, target: target === null ? null : { id: target, label: target },
  location: null, date: { start, end: start, text: null }, contexts: [], evidence: { text: 'جملة.', start: 0, end: 5 },
});

const person = (label: string) => ({
  entityId: null, type: 'PERSON' as const, label, label_en: null, roles: [], mentions: [{ text: label, start: 0, end: label.length, key: label }], keys: [label],
});

async function refresh(s: MarsadStore): Promise<number> {
  const stale = await s.staleHappeningKeys(1000);
  for (const { key, seq } of stale) await s.setHappenings([{ key, seq, rows: happeningRows((await s.happeningBuckets([key]))[0]!) }]);
  return stale.length;
}

const unavailable = await postgresUnavailable();

test('postgres: the migration to stored merged events keys the existing events through merges and marks every key stale', { skip: unavailable ?? false }, async () => {
  const schema = freshSchema();
  const open = () => openPostgresStore(TEST_POSTGRES_URL, arabicSearchAnalyzer, { schema });
  try {
    let store = await open();
    const a = (await store.put(input('a.txt', article({ published: '2022-06-20', text: 'نص أول.' })))).id;
    const b = (await store.put(input('b.txt', article({ published: '2022-06-21', text: 'نص ثان.' })))).id;
    const [h, x] = await store.setArticleEntities(a, [person('حموشي'), person('بيرنز')], null);
    const [y] = await store.setArticleEntities(b, [person('بورنز')], null);
    await store.setArticleEvents(a, [event(`${a}:1`, 'CONSULT', h!.id, x!.id, '2022-06-13')]);
    await store.setArticleEvents(b, [event(`${b}:1`, 'CONSULT', y!.id, h!.id, '2022-06-13'), event(`${b}:2`, 'AGREE', y!.id, null, null)]);
    await store.mergeEntities(x!.id, y!.id, 'test');
    const c = (await store.put(input('c.txt', article({ published: '2022-06-22', text: 'نص ثالث.' })))).id;
    await store.setArticleEvents(c, [event(`${c}:1`, 'ASSAULT', 'generic:UNK', null, null)]);
    await store.assignStory(c, c);
    await refresh(store);
    const before = await store.listHappenings({ limit: 100 });
    assert.equal(before.find((m) => m.type === 'CONSULT')!.num_articles, 2, 'merged through the entity merge');
    await store.close();

    // the database as version 4 left it (later versions' changes kept), then migration 5 on it
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await client.connect();
    await client.query(`SET search_path = ${schema}; DROP TABLE happenings; DROP TABLE happening_json; DROP TABLE happening_stale; DROP SEQUENCE happening_stale_seq;
                        DROP TABLE happening_days; DROP TABLE story_happenings; DROP TABLE story_count_stale; DROP TABLE happening_pairs;
                        ALTER TABLE events DROP COLUMN happening_key; DROP INDEX events_location;`);
    await client.query(PG_MIGRATIONS.find((m) => m.version === 5)!.sql);
    await client.query(PG_MIGRATIONS.find((m) => m.version === 8)!.sql); // happening_json as later versions keep it
    await client.query(PG_MIGRATIONS.find((m) => m.version === 10)!.sql); // and happenings
    await client.query(PG_MIGRATIONS.find((m) => m.version === 12)!.sql);
    await client.end();

    store = await open();
    assert.deepEqual((await store.staleHappeningKeys(100)).map((k) => k.key).sort(), [
      `AGREE:happened:${x!.id}|`,
      `CONSULT:happened:${[h!.id, x!.id].sort().join('|')}`,
      `ASSAULT:happened:generic:UNK|#${c}`,
    ].sort(), 'keys through the merge; generic actors per story');
    assert.deepEqual(await store.listHappenings({ limit: 100 }), [], 'nothing stored until the first refresh');
    assert.equal(await refresh(store), 3);
    assert.deepEqual(await store.listHappenings({ limit: 100 }), before);
    await store.close();

    // rows stored whole, as before migration 8 split the sources out (sources NULL), read the same
    const again = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await again.connect();
    await again.query(`SET search_path = ${schema}`);
    for (const r of (await again.query<{ key: string; n: number; event: string; sources: string }>('SELECT key, n, event, sources FROM happening_json')).rows) {
      await again.query('UPDATE happening_json SET event = $1, sources = NULL WHERE key = $2 AND n = $3', [JSON.stringify(joinHappening(r.event, JSON.parse(r.sources))), r.key, r.n]);
    }
    await again.end();
    store = await open();
    assert.equal(JSON.stringify(await store.listHappenings({ limit: 100 })), JSON.stringify(before));
    assert.deepEqual(await store.listHappenings({ limit: 100, sourcesLimit: 1 }), before.map((m) => ({ ...m, sources: m.sources.slice(0, 1) })));
    assert.deepEqual(await store.happeningSources(before.map((m) => m.id)), new Map(before.map((m) => [m.id, m.sources])));
    await store.close();
  } finally {
    await dropSchema(schema);
  }
});

test('postgres: two processes writing the merged events of one key at once both succeed, and one set of rows remains', { skip: unavailable ?? false }, async () => {
  const schema = freshSchema();
  const open = () => openPostgresStore(TEST_POSTGRES_URL, arabicSearchAnalyzer, { schema });
  const one = await open();
  const two = await open();
  try {
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      const id = (await one.put(input(`${name}.txt`, article({ published: '2022-06-20', text: `نص ${name}.` })))).id;
      await one.setArticleEvents(id, [event(`${id}:1`, 'CONSULT', 'country-ma', 'country-us', '2022-06-19')]);
      ids.push(id);
    }
    const [stale] = await one.staleHappeningKeys(10);
    const write = async (s: MarsadStore) => s.setHappenings([{ ...stale!, rows: happeningRows((await s.happeningBuckets([stale!.key]))[0]!) }]);
    for (let i = 0; i < 5; i++) await Promise.all([write(one), write(two)]);
    const merged = await two.listHappenings({ limit: 100 });
    assert.equal(merged.length, 1);
    assert.equal(merged[0]!.num_articles, 3);
  } finally {
    await one.close();
    await two.close();
    await dropSchema(schema);
  }
});

test('postgres: migrations 10 to 12 keep the timeline and network counts of stored merged events and count the stories’ merged events at the next refresh', { skip: unavailable ?? false }, async () => {
  const schema = freshSchema();
  const open = () => openPostgresStore(TEST_POSTGRES_URL, arabicSearchAnalyzer, { schema });
  try {
    let store = await open();
    const stories = await keptCountsCorpus(store);
    await refreshAll(store);
    const before = await keptCounts(store, stories);
    const articleDays = await store.articlesByDay();
    assert.deepEqual(before.stories, [[stories[0], 3], [stories[1], 1]]);
    await store.close();

    // the database as version 9 left it, merged events stored, then migrations 10 to 13 when opened
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await client.connect();
    await client.query(`SET search_path = ${schema}; DROP TABLE article_days; DROP TABLE happening_days; DROP TABLE story_happenings; DROP TABLE story_count_stale; ALTER TABLE happenings DROP COLUMN span_class;
                        DROP TABLE happening_pairs; DROP INDEX happenings_pair;
                        DROP TRIGGER entity_articles_kept ON entity_article_counts; DROP FUNCTION entity_articles_kept(); ALTER TABLE entities DROP COLUMN articles;
                        DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES (9);`);
    await client.end();

    store = await open();
    await checkMigratedCounts(store, stories, before, articleDays, 'migration 11');
    await store.close();
  } finally {
    await dropSchema(schema);
  }
});
