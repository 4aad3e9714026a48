import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type {
  ArticleEntity,
  CanonicalEntity,
  EntityAssignment,
  EntityCorrection,
  EntityFacts,
  EntityRole,
  EntityType,
  KnownActor,
} from '../../model/entity.js';
import { canonicalEntity, ENTITY_FACTS_SEQ, factsOf, groupByEntity, keyWeightSql, KEY_POSTING_CAP, type EntityRow } from '../entity-rows.js';
import { MarsadError } from '../../model/errors.js';
import type { EntityListOptions, EntityStore } from '../entity-store.js';
import type { HappeningMarks } from './sqlite-merged-events.js';

/** How many co-occurring entities a canonical entity carries (context for the resolver). */
const COOCCURRING_MAX = 12;
/**
 * A linking candidate's co-occurring entities are read from its latest this-many mentions
 * (about 100 articles), not from every article naming it, and read again only once the
 * number of articles naming it has grown by a tenth since the last read (at every new article
 * below ten): linking one mention must not cost more as the store grows (issue #6).
 * `getEntity` and `listEntities` read them from every article, as counted in entity_cooccurrence.
 */
const COOCCURRING_WINDOW = 150;

/**
 * The entity half of the SQLite backend. Synchronous inside; the async wrapper is the
 * store's. Runs on the connection (and transactions) of the article store.
 */
export class SqliteEntities implements EntityStore {
  private readonly q;
  /** co-occurring labels of linking candidates, with the article count they were read at */
  private readonly context = new Map<string, { articles: number; labels: string[] }>();
  /** candidate queries by number of keys */
  private readonly candidateQueries = new Map<number, Database.Statement<unknown[], { entity_id: string }>>();
  /** queries over a list of ids (`IDS` in their text), by text and number of ids */
  private readonly listQueries = new Map<string, Database.Statement<unknown[], unknown>>();

  constructor(
    private readonly db: Database.Database,
    private readonly happenings: HappeningMarks,
  ) {
    this.q = {
      entity: db.prepare<[string], EntityRow>('SELECT * FROM entities WHERE id = ?'),
      insertEntity: db.prepare(
        `INSERT INTO entities (id, type, label, label_en, country, sectors, wikidata, curated, created_at)
         VALUES (@id, @type, @label, @label_en, @country, @sectors, @wikidata, @curated, @created_at)`,
      ),
      addKey: db.prepare('INSERT OR IGNORE INTO entity_keys (key, entity_id) VALUES (?, ?)'),
      // rewrites only the keys whose weight changed: most counts do not cross a power of two
      weighKeys: db.prepare(
        `UPDATE entity_keys SET weight = w.v
         FROM (SELECT ${keyWeightSql('e.curated', 'c.articles')} AS v
               FROM entities e LEFT JOIN entity_article_counts c ON c.entity_id = e.id WHERE e.id = @id) w
         WHERE entity_id = @id AND weight <> w.v`,
      ),
      addAlias: db.prepare('INSERT OR IGNORE INTO entity_aliases (entity_id, text) VALUES (?, ?)'),
      addMention: db.prepare(
        'INSERT INTO entity_mentions (article_id, entity_id, ord, text, start, end, key) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      addRole: db.prepare('INSERT INTO entity_roles (article_id, entity_id, role, seen_at) VALUES (?, ?, ?, ?)'),
      clearMentions: db.prepare('DELETE FROM entity_mentions WHERE article_id = ?'),
      clearRoles: db.prepare('DELETE FROM entity_roles WHERE article_id = ?'),
      articleMentions: db.prepare<[string], { entity_id: string; ord: number; text: string; start: number; end: number }>(
        'SELECT entity_id, ord, text, start, end FROM entity_mentions WHERE article_id = ? ORDER BY ord, start',
      ),
      articleRoles: db.prepare<[string, string], { role: string }>(
        'SELECT DISTINCT role FROM entity_roles WHERE article_id = ? AND entity_id = ? ORDER BY rowid',
      ),
      // Spellings and article counts are kept in entity_alias_counts / entity_article_counts
      // as articles are analysed (see `count`), not summed over every mention on each read.
      aliases: db.prepare<[string, string], { text: string; count: number }>(
        `SELECT text, SUM(n) AS count FROM (
           SELECT text, count AS n FROM entity_alias_counts WHERE entity_id = ?
           UNION ALL SELECT text, 0 AS n FROM entity_aliases WHERE entity_id = ?)
         GROUP BY text ORDER BY count DESC, text`,
      ),
      // Kept per (entity, role) in entity_role_counts as articles are analysed (see
      // `countRoles`): a frequent person's roles are not summed over every article on each read.
      roles: db.prepare<[string], EntityRole>(
        'SELECT role, first_seen, last_seen, count FROM entity_role_counts WHERE entity_id = ? ORDER BY count DESC, role',
      ),
      articleRoleRows: db.prepare<[string], { entity_id: string; role: string; seen_at: string | null }>(
        'SELECT entity_id, role, seen_at FROM entity_roles WHERE article_id = ?',
      ),
      roleCount: db.prepare<[string, string], { first_seen: string | null; last_seen: string | null }>(
        'SELECT first_seen, last_seen FROM entity_role_counts WHERE entity_id = ? AND role = ?',
      ),
      addRoleCount: db.prepare(
        `INSERT INTO entity_role_counts (entity_id, role, first_seen, last_seen, count) VALUES (@entity, @role, @seen, @seen, 1)
         ON CONFLICT(entity_id, role) DO UPDATE SET count = count + 1,
           first_seen = COALESCE(MIN(first_seen, excluded.first_seen), first_seen, excluded.first_seen),
           last_seen = COALESCE(MAX(last_seen, excluded.last_seen), last_seen, excluded.last_seen)`,
      ),
      takeRoleCount: db.prepare('UPDATE entity_role_counts SET count = count - 1 WHERE entity_id = ? AND role = ?'),
      dropRoleCount: db.prepare('DELETE FROM entity_role_counts WHERE entity_id = ? AND role = ? AND count <= 0'),
      clearRoleCount: db.prepare('DELETE FROM entity_role_counts WHERE entity_id = ? AND role = ?'),
      recountRole: db.prepare(
        `INSERT INTO entity_role_counts (entity_id, role, first_seen, last_seen, count)
         SELECT entity_id, role, MIN(seen_at), MAX(seen_at), COUNT(*) FROM entity_roles WHERE entity_id = ? AND role = ? GROUP BY entity_id, role`,
      ),
      clearRoleCounts: db.prepare('DELETE FROM entity_role_counts WHERE entity_id = ?'),
      recountRoles: db.prepare(
        `INSERT INTO entity_role_counts (entity_id, role, first_seen, last_seen, count)
         SELECT entity_id, role, MIN(seen_at), MAX(seen_at), COUNT(*) FROM entity_roles WHERE entity_id = ? GROUP BY role`,
      ),
      articles: db.prepare<[string], { n: number }>('SELECT articles AS n FROM entity_article_counts WHERE entity_id = ?'),
      articleTexts: db.prepare<[string], { entity_id: string; text: string; n: number }>(
        'SELECT entity_id, text, COUNT(*) AS n FROM entity_mentions WHERE article_id = ? GROUP BY entity_id, text',
      ),
      addAliasCount: db.prepare(
        `INSERT INTO entity_alias_counts (entity_id, text, count) VALUES (?, ?, ?)
         ON CONFLICT(entity_id, text) DO UPDATE SET count = count + excluded.count`,
      ),
      dropAliasCount: db.prepare('DELETE FROM entity_alias_counts WHERE entity_id = ? AND text = ? AND count <= 0'),
      addArticleCount: db.prepare(
        `INSERT INTO entity_article_counts (entity_id, articles) VALUES (?, ?)
         ON CONFLICT(entity_id) DO UPDATE SET articles = articles + excluded.articles`,
      ),
      dropArticleCount: db.prepare('DELETE FROM entity_article_counts WHERE entity_id = ? AND articles <= 0'),
      clearAliasCounts: db.prepare('DELETE FROM entity_alias_counts WHERE entity_id = ?'),
      clearArticleCount: db.prepare('DELETE FROM entity_article_counts WHERE entity_id = ?'),
      recountAliases: db.prepare(
        'INSERT INTO entity_alias_counts (entity_id, text, count) SELECT entity_id, text, COUNT(*) FROM entity_mentions WHERE entity_id = ? GROUP BY text',
      ),
      recountArticles: db.prepare(
        `INSERT INTO entity_article_counts (entity_id, articles)
         SELECT entity_id, COUNT(DISTINCT article_id) FROM entity_mentions WHERE entity_id = ? GROUP BY entity_id`,
      ),
      // Kept per pair in entity_cooccurrence as articles are analysed (see `count`): an entity
      // page must not re-read every mention of every article naming a frequent entity (issue #8).
      cooccurring: db.prepare<[string, number], { label: string }>(
        `SELECT e.label AS label FROM entity_cooccurrence c JOIN entities e ON e.id = c.other_id
         WHERE c.entity_id = ? ORDER BY c.articles DESC, e.label LIMIT ?`,
      ),
      addCooccurrence: db.prepare(
        `INSERT INTO entity_cooccurrence (entity_id, other_id, articles) VALUES (?, ?, ?)
         ON CONFLICT(entity_id, other_id) DO UPDATE SET articles = articles + excluded.articles`,
      ),
      dropCooccurrence: db.prepare('DELETE FROM entity_cooccurrence WHERE entity_id = ? AND other_id = ? AND articles <= 0'),
      // Pairs are kept both ways: the rows naming @id as other_id are those of its partners (no index on other_id, see migration 17).
      clearCooccurrenceOf: db.prepare(
        'DELETE FROM entity_cooccurrence WHERE other_id = @id AND entity_id IN (SELECT other_id FROM entity_cooccurrence WHERE entity_id = @id)',
      ),
      clearCooccurrence: db.prepare('DELETE FROM entity_cooccurrence WHERE entity_id = @id'),
      recountCooccurrence: db.prepare(
        `WITH pairs AS (
           SELECT m.entity_id AS other, COUNT(DISTINCT m.article_id) AS n FROM entity_mentions m
           WHERE m.article_id IN (SELECT article_id FROM entity_mentions WHERE entity_id = @id) AND m.entity_id <> @id
           GROUP BY m.entity_id)
         INSERT INTO entity_cooccurrence (entity_id, other_id, articles)
         SELECT @id, other, n FROM pairs UNION ALL SELECT other, @id, n FROM pairs WHERE true
         ON CONFLICT(entity_id, other_id) DO UPDATE SET articles = excluded.articles`,
      ),
      latestCooccurring: db.prepare<[string, number, string, number], { label: string }>(
        `SELECT e.label AS label FROM entity_mentions m
           JOIN entities e ON e.id = m.entity_id
         WHERE m.article_id IN (
             SELECT article_id FROM entity_mentions INDEXED BY entity_mentions_latest
             WHERE entity_id = ? ORDER BY rowid DESC LIMIT ?)
           AND m.entity_id <> ?
         GROUP BY m.entity_id ORDER BY COUNT(DISTINCT m.article_id) DESC, e.label LIMIT ?`,
      ),
      blocks: db.prepare<[string], { key: string }>('SELECT key FROM entity_blocks WHERE entity_id = ? ORDER BY key'),
      block: db.prepare('INSERT OR IGNORE INTO entity_blocks (entity_id, key) VALUES (?, ?)'),
      correction: db.prepare('INSERT INTO entity_corrections (kind, entity, other, alias, by, at) VALUES (?, ?, ?, ?, ?, ?)'),
      corrections: db.prepare<[], EntityCorrection>('SELECT kind, entity, other, alias, by, at FROM entity_corrections ORDER BY seq'),
      meta: db.prepare<[string], { value: string }>('SELECT value FROM store_meta WHERE key = ?'),
      setMeta: db.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      // inside each write that can change what listEntityFacts gives (see entityFactsVersion)
      // listEntityFacts for a few ids, through the keys of each table
      factsRows: db.prepare<[string], EntityRow>(
        `SELECT e.* FROM json_each(?) j JOIN entities e ON e.id = j.value JOIN entity_article_counts c ON c.entity_id = e.id
         WHERE e.merged_into IS NULL AND c.articles > 0 ORDER BY c.articles DESC, e.label`,
      ),
      factsAliases: db.prepare<[{ ids: string }], { entity_id: string; text: string; count: number }>(
        `SELECT entity_id, text, SUM(n) AS count FROM (
           SELECT a.entity_id, a.text, a.count AS n FROM json_each(@ids) j JOIN entity_alias_counts a ON a.entity_id = j.value
           UNION ALL SELECT a.entity_id, a.text, 0 AS n FROM json_each(@ids) j JOIN entity_aliases a ON a.entity_id = j.value)
         GROUP BY entity_id, text ORDER BY entity_id, count DESC, text`,
      ),
      factsRoles: db.prepare<[string], EntityRole & { entity_id: string }>(
        `SELECT r.entity_id, r.role, r.first_seen, r.last_seen, r.count FROM json_each(?) j JOIN entity_role_counts r ON r.entity_id = j.value
         ORDER BY r.entity_id, r.count DESC, r.role`,
      ),
      factsChanged: db.prepare(
        `INSERT INTO store_meta (key, value) VALUES ('${ENTITY_FACTS_SEQ}', '1')
         ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`,
      ),
    };
  }

  /** Follows merges to the entity that answers for an id (merges may chain). */
  private live(id: string): EntityRow | null {
    let row = this.q.entity.get(id) ?? null;
    for (let hops = 0; row?.merged_into && hops < 64; hops++) row = this.q.entity.get(row.merged_into) ?? null;
    return row;
  }

  /**
   * Adds (sign 1) or takes away (sign -1) an article's mentions from the kept spelling and
   * article counts of its entities.
   */
  private count(articleId: string, sign: 1 | -1): void {
    const entities = new Set<string>();
    for (const r of this.q.articleTexts.all(articleId)) {
      this.q.addAliasCount.run(r.entity_id, r.text, sign * r.n);
      if (sign < 0) this.q.dropAliasCount.run(r.entity_id, r.text);
      entities.add(r.entity_id);
    }
    for (const id of entities) {
      this.q.addArticleCount.run(id, sign);
      if (sign < 0) {
        this.q.dropArticleCount.run(id);
        this.context.delete(id); // a re-analysed article: what it said before is gone
      }
      this.q.weighKeys.run({ id });
      for (const other of entities) {
        if (other === id) continue;
        this.q.addCooccurrence.run(id, other, sign);
        if (sign < 0) this.q.dropCooccurrence.run(id, other);
      }
    }
  }

  /**
   * Adds (sign 1) or takes away (sign -1) an article's roles from the kept role counts and
   * dates. Taking away the date a role was first or last seen marks it in `stale`: its dates
   * are then read again from the roles themselves, once the article's new roles are in.
   */
  private countRoles(articleId: string, sign: 1 | -1, stale: Map<string, [string, string]>): void {
    for (const r of this.q.articleRoleRows.all(articleId)) {
      if (sign > 0) {
        this.q.addRoleCount.run({ entity: r.entity_id, role: r.role, seen: r.seen_at });
        continue;
      }
      const kept = this.q.roleCount.get(r.entity_id, r.role);
      this.q.takeRoleCount.run(r.entity_id, r.role);
      this.q.dropRoleCount.run(r.entity_id, r.role);
      if (kept && r.seen_at !== null && (r.seen_at === kept.first_seen || r.seen_at === kept.last_seen)) {
        stale.set(`${r.entity_id}\u0000${r.role}`, [r.entity_id, r.role]);
      }
    }
  }

  /** Recounts the kept spellings and articles of entities whose mentions moved (merge, split). */
  private recount(...ids: string[]): void {
    this.context.clear(); // labels and co-occurrences elsewhere change with a merge or split
    for (const id of ids) {
      this.q.clearAliasCounts.run(id);
      this.q.clearArticleCount.run(id);
      this.q.clearCooccurrenceOf.run({ id });
      this.q.clearCooccurrence.run({ id });
      this.q.clearRoleCounts.run(id);
      this.q.recountRoles.run(id);
      this.q.recountAliases.run(id);
      this.q.recountArticles.run(id);
    }
    // After every clear: a pair between two of the ids is counted once, exactly.
    for (const id of ids) this.q.recountCooccurrence.run({ id });
    for (const id of ids) this.q.weighKeys.run({ id });
  }

  /** An entity as pages show it: co-occurring entities from all its articles (kept counts). */
  private canonical(row: EntityRow): CanonicalEntity {
    return canonicalEntity(row, {
      aliases: this.q.aliases.all(row.id, row.id),
      roles: this.q.roles.all(row.id),
      articles: this.q.articles.get(row.id)?.n ?? 0,
      cooccurring: this.q.cooccurring.all(row.id, COOCCURRING_MAX).map((r) => r.label),
      blocked_keys: this.q.blocks.all(row.id).map((r) => r.key),
    });
  }

  /**
   * The entities most often in the entity's latest COOCCURRING_WINDOW mentions (linking
   * context). When it has no more mentions than that (`mentions`: the sum of its spelling
   * counts), the window holds all of them and the kept pair counts give the same list from an
   * index; otherwise the window is read. Kept until the article count changes (by a tenth, for
   * the window's list).
   */
  private latestCooccurring(id: string, articles: number, mentions: number): string[] {
    const whole = mentions <= COOCCURRING_WINDOW;
    const known = this.context.get(id);
    // exact while the count is unchanged (a re-analysis or merge forgets it); the window's list is kept a while longer
    if (known && (known.articles === articles || (!whole && articles >= known.articles && articles - known.articles < Math.max(1, known.articles / 10)))) {
      return known.labels;
    }
    const labels = (whole ? this.q.cooccurring.all(id, COOCCURRING_MAX) : this.q.latestCooccurring.all(id, COOCCURRING_WINDOW, id, COOCCURRING_MAX)).map((r) => r.label);
    this.context.set(id, { articles, labels });
    return labels;
  }

  private newId(type: EntityType, label: string, salt: string): string {
    for (let i = 0; ; i++) {
      const id = 'e' + createHash('sha256').update(`${type}\u0000${label}\u0000${salt}\u0000${i}`).digest('hex').slice(0, 10);
      if (!this.q.entity.get(id)) return id;
    }
  }

  private create(type: EntityType, label: string, labelEn: string | null, salt: string): string {
    const id = this.newId(type, label, salt);
    this.q.insertEntity.run({
      id,
      type,
      label,
      label_en: labelEn,
      country: null,
      sectors: '[]',
      wikidata: null,
      curated: 0,
      created_at: new Date().toISOString(),
    });
    return id;
  }

  async entityCandidates(type: EntityType, keys: string[], limit = 20): Promise<CanonicalEntity[]> {
    if (keys.length === 0) return [];
    const unique = [...new Set(keys)];
    let query = this.candidateQueries.get(unique.length);
    if (!query) {
      // CROSS JOIN keeps entity_keys the outer loop: with a plain JOIN and two keys or more,
      // SQLite chose to walk every entity of the type (entities_type) and probe its keys, a
      // cost that grew with the store (issue #6).
      // Each key gives its KEY_POSTING_CAP weightiest entities (entity_keys_weight): a common
      // name word's whole list grew with the corpus.
      const postings = unique
        .map(() => `SELECT * FROM (SELECT entity_id, weight FROM entity_keys WHERE key = ? ORDER BY weight DESC, entity_id LIMIT ${KEY_POSTING_CAP})`)
        .join(' UNION ALL ');
      // Most keys shared first; among equals, the curated, then the most reported.
      query = this.db.prepare<unknown[], { entity_id: string }>(
        `SELECT k.entity_id FROM (${postings}) k CROSS JOIN entities e ON e.id = k.entity_id
         WHERE e.type = ?
         GROUP BY k.entity_id ORDER BY COUNT(*) DESC, e.curated DESC, MAX(k.weight) DESC, k.entity_id LIMIT ?`,
      );
      this.candidateQueries.set(unique.length, query);
    }
    const rows = query.all(...unique, type, limit * 2);
    const seen = new Set<string>();
    const live: EntityRow[] = [];
    for (const { entity_id } of rows) {
      const row = this.live(entity_id);
      if (!row || seen.has(row.id)) continue;
      seen.add(row.id);
      live.push(row);
      if (live.length >= limit) break;
    }
    return this.canonicalAll(live);
  }

  /**
   * Linking candidates: each row as `canonical` gives it, but with co-occurring entities from
   * its latest articles, and read with one query per table for all rows: linking reads up to
   * 20 candidates for each name of each article, and five queries per candidate were a tenth
   * of an article's ingest time. `whole`: co-occurring entities from all its articles, as
   * `canonical` gives them (a page of the entity list, built in one query per table).
   */
  private canonicalAll(rows: EntityRow[], whole = false): CanonicalEntity[] {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const byId = <T extends { entity_id: string }>(sql: string, params: string[]) => groupByEntity(this.listQuery<T>(sql, ids.length).all(...params));
    const articles = new Map(
      this.listQuery<{ entity_id: string; n: number }>('SELECT entity_id, articles AS n FROM entity_article_counts WHERE entity_id IN (IDS)', ids.length)
        .all(...ids)
        .map((r) => [r.entity_id, r.n]),
    );
    const aliases = byId<{ entity_id: string; text: string; count: number }>(
      `SELECT entity_id, text, SUM(n) AS count FROM (
         SELECT entity_id, text, count AS n FROM entity_alias_counts WHERE entity_id IN (IDS)
         UNION ALL SELECT entity_id, text, 0 AS n FROM entity_aliases WHERE entity_id IN (IDS))
       GROUP BY entity_id, text ORDER BY entity_id, count DESC, text`,
      [...ids, ...ids],
    );
    const roles = byId<EntityRole & { entity_id: string }>(
      'SELECT entity_id, role, first_seen, last_seen, count FROM entity_role_counts WHERE entity_id IN (IDS) ORDER BY entity_id, count DESC, role',
      ids,
    );
    const blocks = byId<{ entity_id: string; key: string }>('SELECT entity_id, key FROM entity_blocks WHERE entity_id IN (IDS) ORDER BY entity_id, key', ids);
    return rows.map((row) => {
      const n = articles.get(row.id) ?? 0;
      return canonicalEntity(row, {
        aliases: aliases.get(row.id) ?? [],
        roles: roles.get(row.id) ?? [],
        articles: n,
        cooccurring: whole
          ? this.q.cooccurring.all(row.id, COOCCURRING_MAX).map((r) => r.label)
          : [...this.latestCooccurring(row.id, n, (aliases.get(row.id) ?? []).reduce((sum, a) => sum + a.count, 0))],
        blocked_keys: (blocks.get(row.id) ?? []).map((b) => b.key),
      });
    });
  }

  private listQuery<T>(sql: string, n: number): Database.Statement<unknown[], T> {
    const key = `${n}\u0000${sql}`;
    let q = this.listQueries.get(key);
    if (!q) {
      q = this.db.prepare(sql.replaceAll('IDS', Array.from({ length: n }, () => '?').join(',')));
      this.listQueries.set(key, q);
    }
    return q as Database.Statement<unknown[], T>;
  }

  async setArticleEntities(articleId: string, assignments: EntityAssignment[], seenAt: string | null): Promise<ArticleEntity[]> {
    this.db.transaction(() => {
      const stale = new Map<string, [string, string]>();
      this.countRoles(articleId, -1, stale);
      this.count(articleId, -1);
      this.q.clearMentions.run(articleId);
      this.q.clearRoles.run(articleId);
      assignments.forEach((a, ord) => {
        let id = a.entityId ? this.live(a.entityId)?.id : undefined;
        if (!id) id = this.create(a.type, a.label, a.label_en, articleId);
        for (const key of a.keys) this.q.addKey.run(key, id);
        for (const m of a.mentions) this.q.addMention.run(articleId, id, ord, m.text, m.start, m.end, m.key);
        for (const role of a.roles) this.q.addRole.run(articleId, id, role, seenAt);
      });
      this.count(articleId, 1);
      this.countRoles(articleId, 1, stale);
      for (const [entity, role] of stale.values()) {
        this.q.clearRoleCount.run(entity, role);
        this.q.recountRole.run(entity, role);
      }
      this.q.factsChanged.run();
    }).immediate();
    return this.articleEntities(articleId);
  }

  async articleEntities(articleId: string): Promise<ArticleEntity[]> {
    const byEntity = new Map<string, ArticleEntity>();
    for (const m of this.q.articleMentions.all(articleId)) {
      let e = byEntity.get(m.entity_id);
      if (!e) {
        const row = this.q.entity.get(m.entity_id)!;
        e = {
          id: row.id,
          type: row.type,
          label: row.label,
          label_en: row.label_en,
          roles: this.q.articleRoles.all(articleId, row.id).map((r) => r.role),
          mentions: [],
        };
        byEntity.set(m.entity_id, e);
      }
      e.mentions.push({ text: m.text, start: m.start, end: m.end });
    }
    return [...byEntity.values()];
  }

  async listEntities(options: EntityListOptions = {}): Promise<CanonicalEntity[]> {
    // In the order of entities_listed(_type), read up to the page (issue #7): joining the
    // kept counts sorted every counted entity (issue #8 counted every mention) on each page.
    const rows = this.db
      .prepare<unknown[], EntityRow>(
        `SELECT * FROM entities
         WHERE merged_into IS NULL AND articles > 0 ${options.type ? 'AND type = ?' : ''}
         ORDER BY articles DESC, label, id LIMIT ? OFFSET ?`,
      )
      .all(...(options.type ? [options.type] : []), options.limit ?? 50, options.offset ?? 0);
    return this.canonicalAll(rows, true);
  }

  async countEntities(type?: EntityType): Promise<number> {
    const row = this.db
      .prepare<unknown[], { n: number }>(
        `SELECT COUNT(*) AS n FROM entities WHERE merged_into IS NULL AND articles > 0 ${type ? 'AND type = ?' : ''}`,
      )
      .get(...(type ? [type] : []));
    return row?.n ?? 0;
  }

  async listEntityFacts(types: EntityType[]): Promise<EntityFacts[]> {
    if (types.length === 0) return [];
    const rows = this.db
      .prepare<unknown[], EntityRow>(
        `SELECT e.* FROM entity_article_counts c JOIN entities e ON e.id = c.entity_id
         WHERE e.merged_into IS NULL AND e.type IN (${types.map(() => '?').join(',')}) AND c.articles > 0
         ORDER BY c.articles DESC, e.label`,
      )
      .all(...types);
    // Whole tables in one pass each, kept for the listed entities: one query per entity (as
    // `canonical` does) took seconds at 5k articles.
    const aliases = this.db.prepare<[], { entity_id: string; text: string; count: number }>(
      `SELECT entity_id, text, SUM(n) AS count FROM (
         SELECT entity_id, text, count AS n FROM entity_alias_counts
         UNION ALL SELECT entity_id, text, 0 AS n FROM entity_aliases)
       GROUP BY entity_id, text ORDER BY entity_id, count DESC, text`,
    );
    const roles = this.db.prepare<[], EntityRole & { entity_id: string }>(
      'SELECT entity_id, role, first_seen, last_seen, count FROM entity_role_counts ORDER BY entity_id, count DESC, role',
    );
    return factsOf(rows, aliases.iterate(), roles.iterate());
  }

  async entityFacts(ids: string[]): Promise<EntityFacts[]> {
    if (ids.length === 0) return [];
    const json = JSON.stringify([...new Set(ids)]);
    const rows = this.q.factsRows.all(json);
    const listed = JSON.stringify(rows.map((r) => r.id));
    return factsOf(rows, this.q.factsAliases.iterate({ ids: listed }), this.q.factsRoles.iterate(listed));
  }

  async entityFactsVersion(): Promise<number> {
    return Number(this.q.meta.get(ENTITY_FACTS_SEQ)?.value ?? 0);
  }

  async getEntity(id: string): Promise<CanonicalEntity | null> {
    const row = this.live(id);
    return row ? this.canonical(row) : null;
  }

  private need(id: string): EntityRow {
    const row = this.live(id);
    if (!row) throw new MarsadError('ENTITY_NOT_FOUND', 'no entity with this id', id);
    return row;
  }

  async mergeEntities(into: string, from: string, by: string): Promise<CanonicalEntity> {
    const keep = this.need(into);
    const gone = this.need(from);
    if (keep.id === gone.id) throw new MarsadError('BAD_ARGUMENT', `'${into}' and '${from}', which are already one entity`, 'entity merge');
    if (keep.type !== gone.type) {
      throw new MarsadError('BAD_ARGUMENT', `a ${keep.type} and a ${gone.type}; only entities of one type can be merged`, 'entity merge');
    }
    this.db.transaction(() => {
      for (const table of ['entity_mentions', 'entity_roles']) {
        this.db.prepare(`UPDATE ${table} SET entity_id = ? WHERE entity_id = ?`).run(keep.id, gone.id);
      }
      this.db.prepare('INSERT OR IGNORE INTO entity_keys (key, entity_id) SELECT key, ? FROM entity_keys WHERE entity_id = ?').run(keep.id, gone.id);
      this.db.prepare('INSERT OR IGNORE INTO entity_aliases (entity_id, text) SELECT ?, text FROM entity_aliases WHERE entity_id = ?').run(keep.id, gone.id);
      // What the analyst knows about the folded entity is not lost where the kept one knows less.
      this.db
        .prepare(
          `UPDATE entities SET label_en = COALESCE(label_en, @le), country = COALESCE(country, @c), wikidata = COALESCE(wikidata, @w)
           WHERE id = @id`,
        )
        .run({ id: keep.id, le: gone.label_en, c: gone.country, w: gone.wikidata });
      // A merge undoes an earlier split between the two: the kept one may carry those names again.
      this.db
        .prepare('DELETE FROM entity_blocks WHERE entity_id = ? AND key IN (SELECT key FROM entity_keys WHERE entity_id = ?)')
        .run(keep.id, gone.id);
      const moved = this.db
        .prepare<[string, string], { id: string }>('SELECT id FROM entities WHERE id = ? OR merged_into = ?')
        .all(gone.id, gone.id)
        .map((r) => r.id);
      this.db.prepare('UPDATE entities SET merged_into = ? WHERE id = ? OR merged_into = ?').run(keep.id, gone.id, gone.id);
      // events naming the folded ids now have the kept entity's pair: their buckets change
      this.happenings.actorsChanged(moved);
      this.recount(keep.id, gone.id);
      this.q.correction.run('merge', keep.id, gone.id, null, by, new Date().toISOString());
      this.q.factsChanged.run();
    }).immediate();
    return this.canonical(this.q.entity.get(keep.id)!);
  }

  async splitEntity(id: string, alias: string, aliasKey: string, by: string): Promise<CanonicalEntity> {
    const from = this.need(id);
    const moving = this.db
      .prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM entity_mentions WHERE entity_id = ? AND key = ?')
      .get(from.id, aliasKey)!.n;
    const curatedAlias = this.db
      .prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM entity_aliases WHERE entity_id = ? AND text = ?')
      .get(from.id, alias)!.n;
    if (moving === 0 && curatedAlias === 0) {
      throw new MarsadError('ALIAS_NOT_FOUND', `no mention of '${alias}' under entity ${from.id} (${from.label})`, alias);
    }
    let newId = '';
    this.db.transaction(() => {
      newId = this.create(from.type, alias, null, `split:${from.id}`);
      this.db.prepare('UPDATE entity_mentions SET entity_id = ? WHERE entity_id = ? AND key = ?').run(newId, from.id, aliasKey);
      // Roles go with the articles whose mentions moved, when the entity has no mention left there.
      this.db
        .prepare(
          `UPDATE entity_roles SET entity_id = @to WHERE entity_id = @from
             AND article_id IN (SELECT article_id FROM entity_mentions WHERE entity_id = @to)
             AND article_id NOT IN (SELECT article_id FROM entity_mentions WHERE entity_id = @from)`,
        )
        .run({ to: newId, from: from.id });
      this.db.prepare('DELETE FROM entity_aliases WHERE entity_id = ? AND text = ?').run(from.id, alias);
      this.q.addAlias.run(newId, alias);
      this.q.addKey.run(aliasKey, newId);
      this.q.block.run(from.id, aliasKey);
      this.recount(from.id, newId);
      this.q.correction.run('split', from.id, newId, alias, by, new Date().toISOString());
      this.q.factsChanged.run();
    }).immediate();
    return this.canonical(this.q.entity.get(newId)!);
  }

  async corrections(): Promise<EntityCorrection[]> {
    return this.q.corrections.all();
  }

  async loadKnownActors(actors: KnownActor[], keysOf: (actor: KnownActor) => string[], version: string): Promise<void> {
    if (this.q.meta.get('known_actors_version')?.value === version) return;
    this.context.clear(); // curated labels may change
    this.db.transaction(() => {
      const upsert = this.db.prepare(
        `INSERT INTO entities (id, type, label, label_en, country, sectors, wikidata, curated, curated_roles, created_at)
         VALUES (@id, @type, @label, @label_en, @country, @sectors, @wikidata, 1, @roles, @created_at)
         ON CONFLICT(id) DO UPDATE SET type = excluded.type, label = excluded.label, label_en = excluded.label_en,
           country = excluded.country, sectors = excluded.sectors, wikidata = excluded.wikidata, curated = 1,
           curated_roles = excluded.curated_roles`,
      );
      const now = new Date().toISOString();
      const labelOf = this.db.prepare<[string], { label: string }>('SELECT label FROM entities WHERE id = ?');
      const relabelled: string[] = [];
      for (const a of actors) {
        const before = labelOf.get(a.key)?.label;
        if (before !== undefined && before !== a.label) relabelled.push(a.key);
        upsert.run({
          id: a.key,
          type: a.type,
          label: a.label,
          label_en: a.label_en,
          country: a.country,
          sectors: JSON.stringify(a.sectors),
          wikidata: a.wikidata,
          roles: JSON.stringify(a.roles),
          created_at: now,
        });
        for (const text of [a.label, ...a.aliases]) this.q.addAlias.run(a.key, text);
        for (const key of keysOf(a)) this.q.addKey.run(key, a.key);
        this.q.weighKeys.run({ id: a.key });
      }
      // merged events carry their actors' labels
      this.happenings.actorsChanged(relabelled);
      this.q.setMeta.run('known_actors_version', version);
      this.q.factsChanged.run();
    }).immediate();
  }
}

