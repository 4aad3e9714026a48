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
import type { PgDb } from './pg-db.js';
import type { PgHappeningMarks } from './postgres-merged-events.js';

/** How many co-occurring entities a canonical entity carries (as the SQLite backend). */
const COOCCURRING_MAX = 12;
/** Mentions a linking candidate's co-occurring entities are read from (as the SQLite backend, issue #6). */
const COOCCURRING_WINDOW = 150;

// Kept per pair in entity_cooccurrence as articles are analysed (see `count`).
const COOCCURRING = `SELECT e.label AS label FROM entity_cooccurrence c JOIN entities e ON e.id = c.other_id
  WHERE c.entity_id = $1 ORDER BY c.articles DESC, e.label LIMIT $2`;
const LATEST_COOCCURRING = `SELECT e.label AS label FROM entity_mentions m JOIN entities e ON e.id = m.entity_id
  WHERE m.article_id IN (SELECT article_id FROM entity_mentions WHERE entity_id = $1 ORDER BY row_seq DESC LIMIT $2)
    AND m.entity_id <> $1
  GROUP BY e.id ORDER BY COUNT(DISTINCT m.article_id) DESC, e.label LIMIT $3`;

/**
 * The entity half of the PostgreSQL backend: the SQLite backend's logic
 * (src/store/sqlite/sqlite-entities.ts) on the store's pool, each write in one transaction.
 */
export class PgEntities implements EntityStore {
  /** co-occurring labels of linking candidates, with the article count they were read at */
  private readonly context = new Map<string, { articles: number; labels: string[] }>();

  constructor(
    private readonly db: PgDb,
    private readonly happenings: PgHappeningMarks,
  ) {}

  private entity(id: string): Promise<EntityRow | null> {
    return this.db.one<EntityRow>('SELECT * FROM entities WHERE id = $1', [id]);
  }

  /** Follows merges to the entity that answers for an id (merges may chain). */
  private async live(id: string): Promise<EntityRow | null> {
    let row = await this.entity(id);
    for (let hops = 0; row?.merged_into && hops < 64; hops++) row = await this.entity(row.merged_into);
    return row;
  }

  /** Adds (sign 1) or takes away (sign -1) an article's mentions from the kept spelling and article counts. */
  private async count(articleId: string, sign: 1 | -1): Promise<void> {
    const touched = await this.db.query<{ entity_id: string }>(
      `INSERT INTO entity_alias_counts (entity_id, text, count)
         SELECT entity_id, text, $2::int * COUNT(*) FROM entity_mentions WHERE article_id = $1 GROUP BY entity_id, text
       ON CONFLICT (entity_id, text) DO UPDATE SET count = entity_alias_counts.count + excluded.count
       RETURNING entity_id`,
      [articleId, sign],
    );
    await this.db.query(
      `INSERT INTO entity_article_counts (entity_id, articles)
         SELECT DISTINCT entity_id, $2::int FROM entity_mentions WHERE article_id = $1
       ON CONFLICT (entity_id) DO UPDATE SET articles = entity_article_counts.articles + excluded.articles`,
      [articleId, sign],
    );
    await this.db.query(
      `WITH named AS (SELECT DISTINCT entity_id FROM entity_mentions WHERE article_id = $1)
       INSERT INTO entity_cooccurrence (entity_id, other_id, articles)
         SELECT a.entity_id, b.entity_id, $2::int FROM named a JOIN named b ON b.entity_id <> a.entity_id
       ON CONFLICT (entity_id, other_id) DO UPDATE SET articles = entity_cooccurrence.articles + excluded.articles`,
      [articleId, sign],
    );
    await this.weighKeys(`SELECT DISTINCT entity_id FROM entity_mentions WHERE article_id = $1`, [articleId]);
    if (sign < 0) {
      const ids = [...new Set(touched.map((r) => r.entity_id))];
      await this.db.query('DELETE FROM entity_alias_counts WHERE entity_id = ANY($1) AND count <= 0', [ids]);
      await this.db.query('DELETE FROM entity_article_counts WHERE entity_id = ANY($1) AND articles <= 0', [ids]);
      await this.db.query('DELETE FROM entity_cooccurrence WHERE entity_id = ANY($1) AND articles <= 0', [ids]);
      for (const id of ids) this.context.delete(id); // a re-analysed article: what it said before is gone
    }
  }

  /**
   * Brings the kept role counts and dates up to date after an article's roles were replaced:
   * the pairs (entity, role) it had before are summed again from the roles themselves (a
   * removed date may have been the first or last seen), its other roles are added on.
   */
  private async countRoles(articleId: string, before: Array<{ entity_id: string; role: string }>): Promise<void> {
    const entities = before.map((p) => p.entity_id);
    const roles = before.map((p) => p.role);
    await this.db.query(
      `INSERT INTO entity_role_counts (entity_id, role, first_seen, last_seen, count)
         SELECT entity_id, role, MIN(seen_at), MAX(seen_at), COUNT(*) FROM entity_roles
         WHERE article_id = $1 AND (entity_id, role) NOT IN (SELECT * FROM unnest($2::text[], $3::text[]))
         GROUP BY entity_id, role
       ON CONFLICT (entity_id, role) DO UPDATE SET count = entity_role_counts.count + excluded.count,
         first_seen = LEAST(entity_role_counts.first_seen, excluded.first_seen),
         last_seen = GREATEST(entity_role_counts.last_seen, excluded.last_seen)`,
      [articleId, entities, roles],
    );
    if (before.length === 0) return;
    await this.db.query('DELETE FROM entity_role_counts WHERE (entity_id, role) IN (SELECT * FROM unnest($1::text[], $2::text[]))', [entities, roles]);
    await this.db.query(
      `INSERT INTO entity_role_counts (entity_id, role, first_seen, last_seen, count)
       SELECT entity_id, role, MIN(seen_at), MAX(seen_at), COUNT(*) FROM entity_roles
       WHERE (entity_id, role) IN (SELECT * FROM unnest($1::text[], $2::text[])) GROUP BY entity_id, role`,
      [entities, roles],
    );
  }

  /** Recounts the kept spellings and articles of entities whose mentions moved (merge, split). */
  /**
   * Sets the weight of the lookup keys of the entities `which` selects (SQL over `params`),
   * rewriting only the keys whose weight changed: most counts do not cross a power of two.
   */
  private async weighKeys(which: string, params: unknown[]): Promise<void> {
    await this.db.query(
      `UPDATE entity_keys k SET weight = w.v
       FROM (SELECT e.id, ${keyWeightSql('e.curated', 'c.articles')} AS v
             FROM entities e LEFT JOIN entity_article_counts c ON c.entity_id = e.id WHERE e.id IN (${which})) w
       WHERE k.entity_id = w.id AND k.weight <> w.v`,
      params,
    );
  }

  private async recount(...ids: string[]): Promise<void> {
    this.context.clear();
    await this.db.query('DELETE FROM entity_alias_counts WHERE entity_id = ANY($1)', [ids]);
    await this.db.query('DELETE FROM entity_article_counts WHERE entity_id = ANY($1)', [ids]);
    await this.db.query('DELETE FROM entity_cooccurrence WHERE entity_id = ANY($1) OR other_id = ANY($1)', [ids]);
    await this.db.query('DELETE FROM entity_role_counts WHERE entity_id = ANY($1)', [ids]);
    await this.db.query(
      `INSERT INTO entity_role_counts (entity_id, role, first_seen, last_seen, count)
       SELECT entity_id, role, MIN(seen_at), MAX(seen_at), COUNT(*) FROM entity_roles WHERE entity_id = ANY($1) GROUP BY entity_id, role`,
      [ids],
    );
    await this.db.query(
      `INSERT INTO entity_alias_counts (entity_id, text, count)
       SELECT entity_id, text, COUNT(*) FROM entity_mentions WHERE entity_id = ANY($1) GROUP BY entity_id, text`,
      [ids],
    );
    await this.db.query(
      `INSERT INTO entity_article_counts (entity_id, articles)
       SELECT entity_id, COUNT(DISTINCT article_id) FROM entity_mentions WHERE entity_id = ANY($1) GROUP BY entity_id`,
      [ids],
    );
    // After every clear: a pair between two of the ids is counted once, exactly.
    for (const id of ids) {
      await this.db.query(
        `WITH pairs AS (
           SELECT m.entity_id AS other, COUNT(DISTINCT m.article_id)::int AS n FROM entity_mentions m
           WHERE m.article_id IN (SELECT article_id FROM entity_mentions WHERE entity_id = $1) AND m.entity_id <> $1
           GROUP BY m.entity_id)
         INSERT INTO entity_cooccurrence (entity_id, other_id, articles)
         SELECT $1, other, n FROM pairs UNION ALL SELECT other, $1, n FROM pairs
         ON CONFLICT (entity_id, other_id) DO UPDATE SET articles = excluded.articles`,
        [id],
      );
    }
    await this.weighKeys('SELECT unnest($1::text[])', [ids]);
  }

  /** `latest`: co-occurring entities from the entity's latest articles only (linking candidates). */
  /** An entity as pages show it: co-occurring entities from all its articles (kept counts). */
  private async canonical(row: EntityRow): Promise<CanonicalEntity> {
    const articles = (await this.db.one<{ n: number }>('SELECT articles AS n FROM entity_article_counts WHERE entity_id = $1', [row.id]))?.n ?? 0;
    const cooccurring = (await this.db.query<{ label: string }>(COOCCURRING, [row.id, COOCCURRING_MAX])).map((r) => r.label);
    const [aliases, roles, blocks] = await Promise.all([
      this.db.query<{ text: string; count: number }>(
        `SELECT text, SUM(n)::int AS count FROM (
           SELECT text, count AS n FROM entity_alias_counts WHERE entity_id = $1
           UNION ALL SELECT text, 0 AS n FROM entity_aliases WHERE entity_id = $1) x
         GROUP BY text ORDER BY count DESC, text`,
        [row.id],
      ),
      // Kept per (entity, role) as articles are analysed (see `countRoles`), not summed on each read.
      this.db.query<EntityRole>('SELECT role, first_seen, last_seen, count FROM entity_role_counts WHERE entity_id = $1 ORDER BY count DESC, role', [
        row.id,
      ]),
      this.db.query<{ key: string }>('SELECT key FROM entity_blocks WHERE entity_id = $1 ORDER BY key', [row.id]),
    ]);
    return canonicalEntity(row, { aliases, roles, articles, cooccurring, blocked_keys: blocks.map((r) => r.key) });
  }

  private async newId(type: EntityType, label: string, salt: string): Promise<string> {
    for (let i = 0; ; i++) {
      const id = 'e' + createHash('sha256').update(`${type}\u0000${label}\u0000${salt}\u0000${i}`).digest('hex').slice(0, 10);
      if (!(await this.entity(id))) return id;
    }
  }

  private async create(type: EntityType, label: string, labelEn: string | null, salt: string): Promise<string> {
    const id = await this.newId(type, label, salt);
    await this.db.query(
      `INSERT INTO entities (id, type, label, label_en, country, sectors, wikidata, curated, created_at)
       VALUES ($1, $2, $3, $4, NULL, '[]', NULL, 0, $5)`,
      [id, type, label, labelEn, new Date().toISOString()],
    );
    return id;
  }

  private addKeys(keys: string[], id: string): Promise<unknown> {
    if (keys.length === 0) return Promise.resolve();
    return this.db.query('INSERT INTO entity_keys (key, entity_id) SELECT k, $2 FROM unnest($1::text[]) k ON CONFLICT DO NOTHING', [keys, id]);
  }

  private addAliases(id: string, texts: string[]): Promise<unknown> {
    return this.db.query('INSERT INTO entity_aliases (entity_id, text) SELECT $1, t FROM unnest($2::text[]) t ON CONFLICT DO NOTHING', [id, texts]);
  }

  private correction(kind: 'merge' | 'split', entity: string, other: string, alias: string | null, by: string): Promise<unknown> {
    return this.db.query('INSERT INTO entity_corrections (kind, entity, other, alias, by, at) VALUES ($1, $2, $3, $4, $5, $6)', [
      kind, entity, other, alias, by, new Date().toISOString(),
    ]);
  }

  async entityCandidates(type: EntityType, keys: string[], limit = 20): Promise<CanonicalEntity[]> {
    if (keys.length === 0) return [];
    // Each key gives its KEY_POSTING_CAP weightiest entities (entity_keys_weight): a common
    // name word's whole list grew with the corpus. Most keys shared first; among equals, the
    // curated, then the most reported.
    const rows = await this.db.query<{ entity_id: string }>(
      `SELECT k.entity_id FROM unnest($1::text[]) q(key)
         CROSS JOIN LATERAL (SELECT entity_id, weight FROM entity_keys WHERE key = q.key ORDER BY weight DESC, entity_id LIMIT ${KEY_POSTING_CAP}) k
         JOIN entities e ON e.id = k.entity_id
       WHERE e.type = $2
       GROUP BY k.entity_id, e.curated ORDER BY COUNT(*) DESC, e.curated DESC, MAX(k.weight) DESC, k.entity_id LIMIT $3`,
      [[...new Set(keys)], type, limit * 2],
    );
    const seen = new Set<string>();
    const live: EntityRow[] = [];
    for (const { entity_id } of rows) {
      const row = await this.live(entity_id);
      if (!row || seen.has(row.id)) continue;
      seen.add(row.id);
      live.push(row);
      if (live.length >= limit) break;
    }
    return this.candidatesOf(live);
  }

  /**
   * Linking candidates: each row as `canonical` gives it but with co-occurring entities from its latest articles, read with one query per table for
   * all rows instead of five round trips per candidate (up to 20 for each name of each article).
   */
  private async candidatesOf(rows: EntityRow[], whole = false): Promise<CanonicalEntity[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    // each entity's first COOCCURRING_MAX from the kept pair counts, for all rows in one round trip
    const cooccurring = whole
      ? groupByEntity(
          await this.db.query<{ entity_id: string; label: string }>(
            `SELECT i.id AS entity_id, x.label FROM unnest($1::text[]) AS i(id)
             CROSS JOIN LATERAL (SELECT c.articles, e.label AS label FROM entity_cooccurrence c JOIN entities e ON e.id = c.other_id
                                 WHERE c.entity_id = i.id ORDER BY c.articles DESC, e.label LIMIT $2) x
             ORDER BY i.id, x.articles DESC, x.label`,
            [ids, COOCCURRING_MAX],
          ),
        )
      : null;
    const group = groupByEntity;
    const articles = new Map(
      (await this.db.query<{ entity_id: string; n: number }>('SELECT entity_id, articles AS n FROM entity_article_counts WHERE entity_id = ANY($1::text[])', [ids])).map(
        (r) => [r.entity_id, r.n],
      ),
    );
    const aliases = group(
      await this.db.query<{ entity_id: string; text: string; count: number }>(
        `SELECT entity_id, text, SUM(n)::int AS count FROM (
           SELECT entity_id, text, count AS n FROM entity_alias_counts WHERE entity_id = ANY($1::text[])
           UNION ALL SELECT entity_id, text, 0 AS n FROM entity_aliases WHERE entity_id = ANY($1::text[])) x
         GROUP BY entity_id, text ORDER BY entity_id, count DESC, text`,
        [ids],
      ),
    );
    const roles = group(
      await this.db.query<EntityRole & { entity_id: string }>(
        'SELECT entity_id, role, first_seen, last_seen, count FROM entity_role_counts WHERE entity_id = ANY($1::text[]) ORDER BY entity_id, count DESC, role',
        [ids],
      ),
    );
    const blocks = group(await this.db.query<{ entity_id: string; key: string }>('SELECT entity_id, key FROM entity_blocks WHERE entity_id = ANY($1::text[]) ORDER BY entity_id, key', [ids]));
    const out: CanonicalEntity[] = [];
    for (const row of rows) {
      const n = articles.get(row.id) ?? 0;
      out.push(
        canonicalEntity(row, {
          aliases: aliases.get(row.id) ?? [],
          roles: roles.get(row.id) ?? [],
          articles: n,
          cooccurring: cooccurring
            ? (cooccurring.get(row.id) ?? []).map((r) => r.label)
            : await this.latestCooccurring(row.id, n, (aliases.get(row.id) ?? []).reduce((sum, a) => sum + a.count, 0)),
          blocked_keys: (blocks.get(row.id) ?? []).map((b) => b.key),
        }),
      );
    }
    return out;
  }

  /**
   * The entities most often in the entity's latest COOCCURRING_WINDOW mentions (linking
   * context). When it has no more mentions than that (`mentions`: the sum of its spelling
   * counts), the window holds all of them and the kept pair counts give the same list from an
   * index; otherwise the window is read. Kept until the article count changes (by a tenth, for
   * the window's list).
   */
  private async latestCooccurring(id: string, articles: number, mentions: number): Promise<string[]> {
    const whole = mentions <= COOCCURRING_WINDOW;
    const known = this.context.get(id);
    // exact while the count is unchanged (a re-analysis or merge forgets it); the window's list is kept a while longer
    if (known && (known.articles === articles || (!whole && articles >= known.articles && articles - known.articles < Math.max(1, known.articles / 10)))) {
      return [...known.labels];
    }
    const labels = whole
      ? (await this.db.query<{ label: string }>(COOCCURRING, [id, COOCCURRING_MAX])).map((r) => r.label)
      : (await this.db.query<{ label: string }>(LATEST_COOCCURRING, [id, COOCCURRING_WINDOW, COOCCURRING_MAX])).map((r) => r.label);
    this.context.set(id, { articles, labels });
    return [...labels];
  }

  async setArticleEntities(articleId: string, assignments: EntityAssignment[], seenAt: string | null): Promise<ArticleEntity[]> {
    await this.db.tx(async () => {
      const rolesBefore = await this.db.query<{ entity_id: string; role: string }>(
        'SELECT DISTINCT entity_id, role FROM entity_roles WHERE article_id = $1',
        [articleId],
      );
      await this.count(articleId, -1);
      await this.db.query('DELETE FROM entity_mentions WHERE article_id = $1', [articleId]);
      await this.db.query('DELETE FROM entity_roles WHERE article_id = $1', [articleId]);
      for (const [ord, a] of assignments.entries()) {
        let id = a.entityId ? (await this.live(a.entityId))?.id : undefined;
        if (!id) id = await this.create(a.type, a.label, a.label_en, articleId);
        await this.addKeys(a.keys, id);
        if (a.mentions.length) {
          await this.db.query(
            `INSERT INTO entity_mentions (article_id, entity_id, ord, text, start, "end", key)
             SELECT $1, $2, $3, m.text, m.start, m."end", m.key
             FROM unnest($4::text[], $5::int[], $6::int[], $7::text[]) WITH ORDINALITY AS m(text, start, "end", key, i) ORDER BY m.i`,
            [articleId, id, ord, a.mentions.map((m) => m.text), a.mentions.map((m) => m.start), a.mentions.map((m) => m.end), a.mentions.map((m) => m.key)],
          );
        }
        if (a.roles.length) {
          await this.db.query(
            `INSERT INTO entity_roles (article_id, entity_id, role, seen_at)
             SELECT $1, $2, r.role, $4 FROM unnest($3::text[]) WITH ORDINALITY AS r(role, i) ORDER BY r.i`,
            [articleId, id, a.roles, seenAt],
          );
        }
      }
      await this.count(articleId, 1);
      await this.countRoles(articleId, rolesBefore);
      await this.factsChanged();
    });
    return this.articleEntities(articleId);
  }

  async articleEntities(articleId: string): Promise<ArticleEntity[]> {
    const mentions = await this.db.query<{ entity_id: string; text: string; start: number; end: number }>(
      'SELECT entity_id, text, start, "end" FROM entity_mentions WHERE article_id = $1 ORDER BY ord, start, row_seq',
      [articleId],
    );
    const byEntity = new Map<string, ArticleEntity>();
    for (const m of mentions) {
      let e = byEntity.get(m.entity_id);
      if (!e) {
        const row = (await this.entity(m.entity_id))!;
        const roles = await this.db.query<{ role: string }>(
          'SELECT role FROM entity_roles WHERE article_id = $1 AND entity_id = $2 GROUP BY role ORDER BY MIN(row_seq)',
          [articleId, row.id],
        );
        e = { id: row.id, type: row.type, label: row.label, label_en: row.label_en, roles: roles.map((r) => r.role), mentions: [] };
        byEntity.set(m.entity_id, e);
      }
      e.mentions.push({ text: m.text, start: m.start, end: m.end });
    }
    return [...byEntity.values()];
  }

  async listEntities(options: EntityListOptions = {}): Promise<CanonicalEntity[]> {
    const params: unknown[] = [options.limit ?? 50, options.offset ?? 0];
    if (options.type) params.push(options.type);
    const rows = await this.db.query<EntityRow>(
      // In the order of entities_listed(_type), read up to the page (issue #7): joining the
      // kept counts sorted every counted entity on each page.
      `SELECT * FROM entities
       WHERE merged_into IS NULL AND articles > 0 ${options.type ? 'AND type = $3' : ''}
       ORDER BY articles DESC, label, id LIMIT $1 OFFSET $2`,
      params,
    );
    return this.candidatesOf(rows, true);
  }

  async listEntityFacts(types: EntityType[]): Promise<EntityFacts[]> {
    if (types.length === 0) return [];
    const rows = await this.db.query<EntityRow>(
      `SELECT e.* FROM entity_article_counts c JOIN entities e ON e.id = c.entity_id
       WHERE e.merged_into IS NULL AND e.type = ANY($1::text[]) AND c.articles > 0
       ORDER BY c.articles DESC, e.label`,
      [types],
    );
    // Whole tables in one query each, kept for the listed entities: one query per entity (as
    // `canonical` does) took seconds at 5k articles.
    const aliases = await this.db.query<{ entity_id: string; text: string; count: number }>(
      `SELECT entity_id, text, SUM(n)::int AS count FROM (
         SELECT entity_id, text, count AS n FROM entity_alias_counts
         UNION ALL SELECT entity_id, text, 0 AS n FROM entity_aliases) x
       GROUP BY entity_id, text ORDER BY entity_id, count DESC, text`,
    );
    const roles = await this.db.query<EntityRole & { entity_id: string }>(
      'SELECT entity_id, role, first_seen, last_seen, count FROM entity_role_counts ORDER BY entity_id, count DESC, role',
    );
    return factsOf(rows, aliases, roles);
  }

  async entityFacts(ids: string[]): Promise<EntityFacts[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<EntityRow>(
      `SELECT e.* FROM entities e JOIN entity_article_counts c ON c.entity_id = e.id
       WHERE e.id = ANY($1::text[]) AND e.merged_into IS NULL AND c.articles > 0 ORDER BY c.articles DESC, e.label`,
      [[...new Set(ids)]],
    );
    const listed = rows.map((r) => r.id);
    const aliases = await this.db.query<{ entity_id: string; text: string; count: number }>(
      `SELECT entity_id, text, SUM(n)::int AS count FROM (
         SELECT entity_id, text, count AS n FROM entity_alias_counts WHERE entity_id = ANY($1::text[])
         UNION ALL SELECT entity_id, text, 0 AS n FROM entity_aliases WHERE entity_id = ANY($1::text[])) x
       GROUP BY entity_id, text ORDER BY entity_id, count DESC, text`,
      [listed],
    );
    const roles = await this.db.query<EntityRole & { entity_id: string }>(
      'SELECT entity_id, role, first_seen, last_seen, count FROM entity_role_counts WHERE entity_id = ANY($1::text[]) ORDER BY entity_id, count DESC, role',
      [listed],
    );
    return factsOf(rows, aliases, roles);
  }

  async entityFactsVersion(): Promise<number> {
    return Number((await this.db.one<{ value: string }>('SELECT value FROM store_meta WHERE key = $1', [ENTITY_FACTS_SEQ]))?.value ?? 0);
  }

  /** Moves the entity facts' version, inside the write's transaction (see entityFactsVersion). */
  private async factsChanged(): Promise<void> {
    await this.db.query(
      `INSERT INTO store_meta (key, value) VALUES ($1, '1') ON CONFLICT (key) DO UPDATE SET value = (store_meta.value::bigint + 1)::text`,
      [ENTITY_FACTS_SEQ],
    );
  }

  async countEntities(type?: EntityType): Promise<number> {
    const rows = await this.db.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM entities WHERE merged_into IS NULL AND articles > 0 ${type ? 'AND type = $1' : ''}`,
      type ? [type] : [],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async getEntity(id: string): Promise<CanonicalEntity | null> {
    const row = await this.live(id);
    return row ? this.canonical(row) : null;
  }

  private async need(id: string): Promise<EntityRow> {
    const row = await this.live(id);
    if (!row) throw new MarsadError('ENTITY_NOT_FOUND', 'no entity with this id', id);
    return row;
  }

  async mergeEntities(into: string, from: string, by: string): Promise<CanonicalEntity> {
    const keep = await this.need(into);
    const gone = await this.need(from);
    if (keep.id === gone.id) throw new MarsadError('BAD_ARGUMENT', `'${into}' and '${from}', which are already one entity`, 'entity merge');
    if (keep.type !== gone.type) {
      throw new MarsadError('BAD_ARGUMENT', `a ${keep.type} and a ${gone.type}; only entities of one type can be merged`, 'entity merge');
    }
    await this.db.tx(async () => {
      await this.db.query('UPDATE entity_mentions SET entity_id = $1 WHERE entity_id = $2', [keep.id, gone.id]);
      await this.db.query('UPDATE entity_roles SET entity_id = $1 WHERE entity_id = $2', [keep.id, gone.id]);
      await this.db.query('INSERT INTO entity_keys (key, entity_id) SELECT key, $1 FROM entity_keys WHERE entity_id = $2 ON CONFLICT DO NOTHING', [keep.id, gone.id]);
      await this.db.query(
        'INSERT INTO entity_aliases (entity_id, text) SELECT $1, text FROM entity_aliases WHERE entity_id = $2 ON CONFLICT DO NOTHING',
        [keep.id, gone.id],
      );
      // What the analyst knows about the folded entity is not lost where the kept one knows less.
      await this.db.query(
        'UPDATE entities SET label_en = COALESCE(label_en, $2), country = COALESCE(country, $3), wikidata = COALESCE(wikidata, $4) WHERE id = $1',
        [keep.id, gone.label_en, gone.country, gone.wikidata],
      );
      // A merge undoes an earlier split between the two: the kept one may carry those names again.
      await this.db.query('DELETE FROM entity_blocks WHERE entity_id = $1 AND key IN (SELECT key FROM entity_keys WHERE entity_id = $2)', [
        keep.id,
        gone.id,
      ]);
      const moved = (await this.db.query<{ id: string }>('SELECT id FROM entities WHERE id = $1 OR merged_into = $1', [gone.id])).map((r) => r.id);
      await this.db.query('UPDATE entities SET merged_into = $1 WHERE id = $2 OR merged_into = $2', [keep.id, gone.id]);
      // events naming the folded ids now have the kept entity's pair: their buckets change
      await this.happenings.actorsChanged(moved);
      await this.recount(keep.id, gone.id);
      await this.correction('merge', keep.id, gone.id, null, by);
      await this.factsChanged();
    });
    return this.canonical((await this.entity(keep.id))!);
  }

  async splitEntity(id: string, alias: string, aliasKey: string, by: string): Promise<CanonicalEntity> {
    const from = await this.need(id);
    const moving = (await this.db.one<{ n: number }>('SELECT COUNT(*) AS n FROM entity_mentions WHERE entity_id = $1 AND key = $2', [from.id, aliasKey]))!.n;
    const curatedAlias = (await this.db.one<{ n: number }>('SELECT COUNT(*) AS n FROM entity_aliases WHERE entity_id = $1 AND text = $2', [from.id, alias]))!.n;
    if (moving === 0 && curatedAlias === 0) {
      throw new MarsadError('ALIAS_NOT_FOUND', `no mention of '${alias}' under entity ${from.id} (${from.label})`, alias);
    }
    const newId = await this.db.tx(async () => {
      const created = await this.create(from.type, alias, null, `split:${from.id}`);
      await this.db.query('UPDATE entity_mentions SET entity_id = $1 WHERE entity_id = $2 AND key = $3', [created, from.id, aliasKey]);
      // Roles go with the articles whose mentions moved, when the entity has no mention left there.
      await this.db.query(
        `UPDATE entity_roles SET entity_id = $1 WHERE entity_id = $2
           AND article_id IN (SELECT article_id FROM entity_mentions WHERE entity_id = $1)
           AND article_id NOT IN (SELECT article_id FROM entity_mentions WHERE entity_id = $2)`,
        [created, from.id],
      );
      await this.db.query('DELETE FROM entity_aliases WHERE entity_id = $1 AND text = $2', [from.id, alias]);
      await this.addAliases(created, [alias]);
      await this.addKeys([aliasKey], created);
      await this.db.query('INSERT INTO entity_blocks (entity_id, key) VALUES ($1, $2) ON CONFLICT DO NOTHING', [from.id, aliasKey]);
      await this.recount(from.id, created);
      await this.correction('split', from.id, created, alias, by);
      await this.factsChanged();
      return created;
    });
    return this.canonical((await this.entity(newId))!);
  }

  async corrections(): Promise<EntityCorrection[]> {
    return this.db.query<EntityCorrection>('SELECT kind, entity, other, alias, by, at FROM entity_corrections ORDER BY seq');
  }

  async loadKnownActors(actors: KnownActor[], keysOf: (actor: KnownActor) => string[], version: string): Promise<void> {
    const loaded = await this.db.one<{ value: string }>("SELECT value FROM store_meta WHERE key = 'known_actors_version'");
    if (loaded?.value === version) return;
    this.context.clear(); // curated labels may change
    await this.db.tx(async () => {
      // One writer loads them; another process opening the same store waits, then finds them loaded.
      await this.db.query("SELECT pg_advisory_xact_lock(hashtext('marsad:known_actors'))");
      const again = await this.db.one<{ value: string }>("SELECT value FROM store_meta WHERE key = 'known_actors_version'");
      if (again?.value === version) return;
      const now = new Date().toISOString();
      // merged events carry their actors' labels
      const relabelled = await this.db.query<{ id: string }>(
        'SELECT e.id FROM entities e JOIN unnest($1::text[], $2::text[]) AS a(id, label) ON a.id = e.id WHERE e.label <> a.label',
        [actors.map((a) => a.key), actors.map((a) => a.label)],
      );
      await this.db.query(
        `INSERT INTO entities (id, type, label, label_en, country, sectors, wikidata, curated, curated_roles, created_at)
         SELECT a.id, a.type, a.label, a.label_en, a.country, a.sectors, a.wikidata, 1, a.roles, $9
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
           AS a(id, type, label, label_en, country, sectors, wikidata, roles)
         ON CONFLICT (id) DO UPDATE SET type = excluded.type, label = excluded.label, label_en = excluded.label_en,
           country = excluded.country, sectors = excluded.sectors, wikidata = excluded.wikidata, curated = 1,
           curated_roles = excluded.curated_roles`,
        [
          actors.map((a) => a.key),
          actors.map((a) => a.type),
          actors.map((a) => a.label),
          actors.map((a) => a.label_en),
          actors.map((a) => a.country),
          actors.map((a) => JSON.stringify(a.sectors)),
          actors.map((a) => a.wikidata),
          actors.map((a) => JSON.stringify(a.roles)),
          now,
        ],
      );
      await this.happenings.actorsChanged(relabelled.map((r) => r.id));
      const aliasRows = actors.flatMap((a) => [a.label, ...a.aliases].map((t) => [a.key, t] as const));
      await this.db.query(
        'INSERT INTO entity_aliases (entity_id, text) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING',
        [aliasRows.map((r) => r[0]), aliasRows.map((r) => r[1])],
      );
      const keyRows = actors.flatMap((a) => keysOf(a).map((k) => [k, a.key] as const));
      await this.db.query('INSERT INTO entity_keys (key, entity_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING', [
        keyRows.map((r) => r[0]),
        keyRows.map((r) => r[1]),
      ]);
      await this.weighKeys('SELECT unnest($1::text[])', [actors.map((a) => a.key)]);
      await this.db.query(
        `INSERT INTO store_meta (key, value) VALUES ('known_actors_version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [version],
      );
      await this.factsChanged();
    });
  }
}

