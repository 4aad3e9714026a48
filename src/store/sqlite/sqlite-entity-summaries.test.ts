/**
 * The co-occurring entities and the roles (with dates and counts) of an entity page are read
 * from summaries kept as articles are analysed (entity_cooccurrence, entity_role_counts,
 * issue #8); they must always equal a count made from scratch over every article, through
 * re-analysis, merges and splits, and after the migrations that fill them from an existing
 * database.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { seededRandom } from '../../model/seeded-random.js';
import type { EntityAssignment } from '../../model/entity.js';
import { arabicSearchAnalyzer } from '../../arabic/search-keys.js';
import type { MarsadStore } from '../store.js';
import { article, input } from '../conformance.testkit.js';
import { MIGRATIONS } from './migrations.js';
import { openSqliteStore } from './sqlite-store.js';

const ROLES = ['وزير الخارجية', 'الأمين العام', 'المدير العام', 'الرئيس'];
const NAMES = ['حموشي', 'بوريطة', 'غوتيريش', 'بيرنز', 'راي', 'تبون', 'ألباريس', 'الأمم المتحدة', 'الرباط'];

/** Co-occurring labels as the entity page promises them, counted over every stored article. */
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
  const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0); // SQLite's BINARY collation
  return new Map(
    [...together].map(([id, others]) => [
      id,
      [...others].sort((a, b) => b[1] - a[1] || byBytes(labels.get(a[0])!, labels.get(b[0])!)).slice(0, 12).map(([o]) => labels.get(o)!),
    ]),
  );
}

/** Roles as every stored role row sums them up, the way entity pages read them before. */
function rolesFromScratch(path: string, id: string): unknown[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT role, MIN(seen_at) AS first_seen, MAX(seen_at) AS last_seen, COUNT(*) AS count
         FROM entity_roles WHERE entity_id = ? GROUP BY role ORDER BY count DESC, role`,
      )
      .all(id)
      .map((r) => ({ ...(r as object) }));
  } finally {
    db.close();
  }
}

async function assertMatches(store: MarsadStore, path: string, articleIds: string[], when: string): Promise<void> {
  let withRoles = 0;
  for (const e of await store.listEntities({ limit: 100 })) {
    const roles = rolesFromScratch(path, e.id);
    if (roles.length) withRoles++;
    assert.deepEqual(e.roles, roles, `${when}: roles of ${e.label}`);
  }
  assert.ok(withRoles >= 3, `${when}: entities carry roles`);
  // the list's order and counts (entities.articles, kept by triggers) as every mention counts them
  const db = new Database(path, { readonly: true });
  const counted = db
    .prepare<[], { id: string; articles: number }>(
      `SELECT e.id, COUNT(DISTINCT m.article_id) AS articles FROM entities e JOIN entity_mentions m ON m.entity_id = e.id
       WHERE e.merged_into IS NULL GROUP BY e.id ORDER BY articles DESC, e.label, e.id`,
    )
    .all();
  db.close();
  assert.deepEqual((await store.listEntities({ limit: 100 })).map((e) => ({ id: e.id, articles: e.articles })), counted, `${when}: listed in article-count order`);
  const expected = await fromScratch(store, articleIds);
  assert.ok(expected.size >= 3, `${when}: the corpus has co-occurring entities`);
  for (const [id, labels] of expected) assert.deepEqual((await store.getEntity(id))!.cooccurring, labels, `${when}: entity ${id}`);
  for (const e of await store.listEntities({ limit: 100 })) assert.deepEqual(e.cooccurring, expected.get(e.id) ?? [], `${when}: listed ${e.id}`);
}

test('co-occurring entities and dated roles stay exact through re-analysis, merge, split and the migrations that fill them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-cooc-'));
  const path = join(dir, 'cooc.db');
  try {
    let store = openSqliteStore(path, arabicSearchAnalyzer);
    const random = seededRandom(8);
    const ids = new Map<string, string>(); // label → entity id, once created
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
    await assertMatches(store, path, articles, 'after analysis');

    for (const a of articles.slice(0, 10)) await analyse(a); // re-analysis replaces what an article said
    await assertMatches(store, path, articles, 'after re-analysis');

    await store.mergeEntities(ids.get('حموشي')!, ids.get('بوريطة')!, 'test');
    await assertMatches(store, path, articles, 'after a merge');

    const split = await store.splitEntity(ids.get('غوتيريش')!, 'غوتيريش', 'غوتيريش', 'test');
    assert.ok(split.articles > 0);
    await assertMatches(store, path, articles, 'after a split');

    // A database from before the table existed: the migration fills it from the mentions.
    await store.close();
    const migration = (table: string) => MIGRATIONS.find((m) => m.sql.includes(`CREATE TABLE ${table}`))!.sql;
    const db = new Database(path);
    db.exec('DROP TABLE entity_role_counts; DROP TABLE entity_cooccurrence; DROP INDEX entities_merged_into;');
    db.exec(migration('entity_cooccurrence'));
    db.exec(migration('entity_role_counts').replace(/CREATE INDEX entity_cooccurrence_rank[^;]*;/, ''));
    db.close();
    store = openSqliteStore(path, arabicSearchAnalyzer);
    await assertMatches(store, path, articles, 'after the migration');
    const listed = await store.listEntities({ limit: 100 });
    await store.close();
    // A database from before entities carried their article count (v22): migration 23 fills it.
    const v22 = new Database(path);
    v22.exec(`DROP TRIGGER entity_articles_added; DROP TRIGGER entity_articles_changed; DROP TRIGGER entity_articles_dropped;
              DROP INDEX entities_listed; DROP INDEX entities_listed_type; ALTER TABLE entities DROP COLUMN articles;`);
    v22.pragma('user_version = 22');
    v22.close();
    store = openSqliteStore(path, arabicSearchAnalyzer);
    assert.deepEqual(await store.listEntities({ limit: 100 }), listed, 'after migration 23');
    await assertMatches(store, path, articles, 'after migration 23');
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
