/**
 * On PostgreSQL as on SQLite (src/store/sqlite/sqlite-entity-summaries.test.ts): an entity
 * page's co-occurring entities and dated roles, read from summaries kept as articles are
 * analysed, always equal a count made from scratch, through re-analysis, merges and splits,
 * and after the migrations that fill them from an existing database.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { seededRandom } from '../../model/seeded-random.js';
import type { EntityAssignment } from '../../model/entity.js';
import { arabicSearchAnalyzer } from '../../arabic/search-keys.js';
import type { MarsadStore } from '../store.js';
import { article, input } from '../conformance.testkit.js';
import { PG_MIGRATIONS } from './migrations.js';
import { openPostgresStore } from './postgres-store.js';
import { dropSchema, freshSchema, postgresUnavailable, TEST_POSTGRES_URL } from './pg-test-db.js';

const ROLES = ['وزير الخارجية', 'الأمين العام', 'المدير العام', 'الرئيس'];
const NAMES = ['حموشي', 'بوريطة', 'غوتيريش', 'بيرنز', 'راي', 'تبون', 'ألباريس', 'الأمم المتحدة', 'الرباط'];

async function fromScratch(store: MarsadStore, articleIds: string[]): Promise<Map<string, string[]>> {
  const together = new Map<string, Map<string, number>>();
  const labels = new Map<string, string>();
  for (const a of articleIds) {
    const ids = (await store.articleEntities(a)).map((e) => (labels.set(e.id, e.label), e.id));
    for (const x of ids) for (const y of ids) {
      if (x === y) continue;
      const m = together.get(x) ?? new Map<string, number>();
      together.set(x, m.set(y, (m.get(y) ?? 0) + 1));
    }
  }
  const byBytes = (a: string, b: string) => (Buffer.compare(Buffer.from(a), Buffer.from(b))); // COLLATE "C"
  return new Map(
    [...together].map(([id, others]) => [
      id,
      [...others].sort((a, b) => b[1] - a[1] || byBytes(labels.get(a[0])!, labels.get(b[0])!)).slice(0, 12).map(([o]) => labels.get(o)!),
    ]),
  );
}

async function rolesFromScratch(db: pg.Client, id: string): Promise<unknown[]> {
  const { rows } = await db.query(
    `SELECT role, MIN(seen_at) AS first_seen, MAX(seen_at) AS last_seen, COUNT(*)::int AS count
     FROM entity_roles WHERE entity_id = $1 GROUP BY role ORDER BY count DESC, role`,
    [id],
  );
  return rows.map((r) => ({ ...r }));
}

async function assertMatches(store: MarsadStore, db: pg.Client, articleIds: string[], when: string): Promise<void> {
  let withRoles = 0;
  for (const e of await store.listEntities({ limit: 100 })) {
    const roles = await rolesFromScratch(db, e.id);
    if (roles.length) withRoles++;
    assert.deepEqual(e.roles, roles, `${when}: roles of ${e.label}`);
  }
  assert.ok(withRoles >= 3, `${when}: entities carry roles`);
  // the list's order and counts (entities.articles, kept by a trigger) as every mention counts them
  const { rows: counted } = await db.query(
    `SELECT e.id, COUNT(DISTINCT m.article_id)::int AS articles FROM entities e JOIN entity_mentions m ON m.entity_id = e.id
     WHERE e.merged_into IS NULL GROUP BY e.id ORDER BY articles DESC, e.label, e.id`,
  );
  assert.deepEqual((await store.listEntities({ limit: 100 })).map((e) => ({ id: e.id, articles: e.articles })), counted.map((r) => ({ ...r })), `${when}: listed in article-count order`);
  const expected = await fromScratch(store, articleIds);
  assert.ok(expected.size >= 3, `${when}: the corpus has co-occurring entities`);
  for (const [id, labels] of expected) assert.deepEqual((await store.getEntity(id))!.cooccurring, labels, `${when}: entity ${id}`);
  for (const e of await store.listEntities({ limit: 100 })) assert.deepEqual(e.cooccurring, expected.get(e.id) ?? [], `${when}: listed ${e.id}`);
}

const unavailable = await postgresUnavailable();

test('postgres: co-occurring entities and dated roles stay exact through re-analysis, merge, split and the migrations that fill them', { skip: unavailable ?? false }, async () => {
  const schema = freshSchema();
  const db = new pg.Client({ connectionString: TEST_POSTGRES_URL, options: `-c search_path=${schema}` });
  let store = await openPostgresStore(TEST_POSTGRES_URL, arabicSearchAnalyzer, { schema });
  await db.connect();
  try {
    const random = seededRandom(8);
    const ids = new Map<string, string>();
    const articles: string[] = [];
    const analyse = async (articleId: string) => {
      const chosen = NAMES.filter(() => random() < 0.45);
      const assignments: EntityAssignment[] = chosen.map((label, i) => ({
        entityId: ids.get(label) ?? null,
        type: 'PERSON',
        label,
        label_en: null,
        roles: ROLES.filter(() => random() < 0.3),
        mentions: [{ text: label, start: i * 20, end: i * 20 + label.length, key: label }],
        keys: [label],
      }));
      const seen = random() < 0.15 ? null : `202${Math.floor(random() * 4)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 10)}`;
      for (const e of await store.setArticleEntities(articleId, assignments, seen)) ids.set(e.label, e.id);
    };
    for (let i = 0; i < 30; i++) {
      const { id } = await store.put(input(`a${i}.txt`, article({ published: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`, text: `نص المقال رقم ${i} المختلف عن غيره.` })));
      articles.push(id);
      await analyse(id);
    }
    await assertMatches(store, db, articles, 'after analysis');
    for (const a of articles.slice(0, 10)) await analyse(a);
    await assertMatches(store, db, articles, 'after re-analysis');
    await store.mergeEntities(ids.get('حموشي')!, ids.get('بوريطة')!, 'test');
    await assertMatches(store, db, articles, 'after a merge');
    const split = await store.splitEntity(ids.get('غوتيريش')!, 'غوتيريش', 'غوتيريش', 'test');
    assert.ok(split.articles > 0);
    await assertMatches(store, db, articles, 'after a split');

    // A database from before the tables existed: the migrations fill them from the mentions and roles.
    await store.close();
    const migration = (table: string) => PG_MIGRATIONS.find((m) => m.sql.includes(`CREATE TABLE ${table}`))!.sql;
    await db.query('DROP TABLE entity_role_counts; DROP TABLE entity_cooccurrence;');
    await db.query(migration('entity_cooccurrence'));
    await db.query(migration('entity_role_counts').replace(/CREATE INDEX (entity_cooccurrence_rank|quotes_speaker_article)[^;]*;|DROP INDEX quotes_speaker;/g, ''));
    store = await openPostgresStore(TEST_POSTGRES_URL, arabicSearchAnalyzer, { schema });
    await assertMatches(store, db, articles, 'after the migrations');
    // A database from before entities carried their article count (v12): migration 13 fills it.
    const listed = await store.listEntities({ limit: 100 });
    await store.close();
    await db.query(`DROP TRIGGER entity_articles_kept ON entity_article_counts; DROP FUNCTION entity_articles_kept();
                    ALTER TABLE entities DROP COLUMN articles; DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES (12);`);
    store = await openPostgresStore(TEST_POSTGRES_URL, arabicSearchAnalyzer, { schema });
    assert.deepEqual(await store.listEntities({ limit: 100 }), listed, 'after migration 13');
    await assertMatches(store, db, articles, 'after migration 13');
  } finally {
    await store.close();
    await db.end();
    await dropSchema(schema);
  }
});
