import { gunzipSync, gzipSync } from 'node:zlib';
import type { Article } from '../../model/article.js';
import type { FetchState } from '../../model/fetch-state.js';
import { MarsadError } from '../../model/errors.js';
import type { ArticleInput, ArticleSummary, ListOptions, MarsadStore, PutChange, RawPage, StoredArticle } from '../store.js';
import type { ArticleEntity, CanonicalEntity, EntityAssignment, EntityCorrection, EntityFacts, EntityType, KnownActor } from '../../model/entity.js';
import type { EntityListOptions } from '../entity-store.js';
import type { ArticleRef, DuplicateLink, SignatureRecord, StoredStory, StoryListOptions } from '../story-store.js';
import type { ArticleEvent, StoredEvent } from '../../model/event.js';
import type { EventListOptions } from '../event-store.js';
import type { ArticleQuote, StoredQuote } from '../../model/quote.js';
import type { QuoteListOptions } from '../quote-store.js';
import { articleHash, identityKeys, newArticleId, sha256 } from '../identity.js';
import type { SearchQuery } from '../search-query.js';
import { indexText, snippetsFor, type SearchAnalyzer, type SearchHit, type SearchOptions } from '../search.js';
import { connectChecked, splitSchema, type PgDb } from './pg-db.js';
import { PG_MIGRATIONS } from './migrations.js';
import { toTsQuery } from './tsquery.js';
import { likeLiteral } from '../like-pattern.js';
import { PgEntities } from './postgres-entities.js';
import { PgQuotes } from './postgres-quotes.js';
import { PgEvents } from './postgres-events.js';
import { PgMergedEvents } from './postgres-merged-events.js';
import type { HappeningBucket, HappeningDayCount, HappeningFilters, HappeningListOptions, HappeningPairCount, HappeningWrite, StaleHappening, StoryEventCount } from '../merged-event-store.js';
import type { EventSource, MergedEvent } from '../../resolve/event-merge.js';
import { PgStories } from './postgres-stories.js';
import { PgAffiliations } from './postgres-affiliations.js';
import type { Affiliation, AffiliationRemoval } from '../../model/affiliation.js';
import type { AffiliationListOptions } from '../affiliation-store.js';

/** How many of the newest matches a query ranks at most (as the SQLite backend). */
const RANK_CANDIDATES = 5000;
/** Articles re-indexed per statement when the analyser changed. */
const REINDEX_BATCH = 500;

// The title's keys weigh four times the body's, as the SQLite index's bm25 weights (4, 1).
const RANK_WEIGHTS = `'{0.25, 0.25, 0.25, 1.0}'`;
const SEARCH_VECTOR = (title: string, body: string) => `setweight(to_tsvector('simple', ${title}), 'A') || to_tsvector('simple', ${body})`;

export interface PostgresStoreOptions {
  /** The schema the store's tables live in (created when missing); by default the URL's `?schema=`, else `public`. */
  schema?: string;
}

interface ArticleRow {
  id: string;
  source: string;
  title: string | null;
  published: string | null;
  author: string | null;
  site: string | null;
  section: string | null;
  tags: string;
  url: string | null;
  lang: string;
  text: string;
  article_hash: string;
  created_at: string;
  updated_at: string;
}

const ARTICLE_COLUMNS = 'id, source, title, published, author, site, section, tags, url, lang, text, article_hash, created_at, updated_at';

/**
 * The PostgreSQL backend, for several processes sharing one corpus: the same tables as the
 * embedded store, every write in a transaction on one connection, every value a bound
 * parameter. Search indexes the analyser's keys in a tsvector, so it matches exactly the
 * words the embedded index matches.
 * @example const store = await openPostgresStore('postgres://postgres@127.0.0.1/marsad', arabicSearchAnalyzer);
 */
export async function openPostgresStore(url: string, analyzer: SearchAnalyzer, options: PostgresStoreOptions = {}): Promise<MarsadStore> {
  const location = splitSchema(url);
  const db = await connectChecked(location.url, options.schema ?? location.schema);
  try {
    await migratePg(db);
    const store = new PostgresStore(db, analyzer);
    await store.reindexIfStale();
    return store;
  } catch (err) {
    await db.close().catch(() => {});
    if (err instanceof MarsadError) throw err;
    throw new MarsadError('STORE_FAILED', (err as Error).message, db.where, { cause: err });
  }
}

/**
 * Brings the schema to the latest version, one transaction per version; refuses a schema
 * newer than this code. Concurrent openers wait on an advisory lock.
 * @example await migratePg(db)
 */
export async function migratePg(db: PgDb): Promise<void> {
  await db.tx(async () => {
    await db.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':marsad:migrate'))");
    await db.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const current = (await db.one<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_version'))?.v ?? 0;
    const latest = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]?.version ?? 0;
    if (current > latest) {
      throw new MarsadError('STORE_FAILED', `a database at schema version ${current}, newer than this Marsad (${latest})`, db.where);
    }
    for (const m of PG_MIGRATIONS) {
      if (m.version <= current) continue;
      await db.query(m.sql);
      await db.query('DELETE FROM schema_version');
      await db.query('INSERT INTO schema_version (version) VALUES ($1)', [m.version]);
    }
  });
}

function rowToArticle(row: ArticleRow): Article {
  return {
    title: row.title,
    published: row.published,
    author: row.author,
    site: row.site,
    section: row.section,
    tags: JSON.parse(row.tags) as string[],
    url: row.url,
    lang: row.lang,
    text: row.text,
  };
}

function articleParams(a: Article, hash: string): unknown[] {
  return [a.title, a.published, a.author, a.site, a.section, JSON.stringify(a.tags), a.url, a.lang, a.text, hash];
}

class PostgresStore implements MarsadStore {
  private readonly entities: PgEntities;
  private readonly quotes: PgQuotes;
  private readonly events: PgEvents;
  private readonly happenings: PgMergedEvents;
  private readonly stories: PgStories;
  private readonly affiliations: PgAffiliations;
  private closed = false;

  constructor(
    private readonly db: PgDb,
    private readonly analyzer: SearchAnalyzer,
  ) {
    this.happenings = new PgMergedEvents(db);
    this.entities = new PgEntities(db, this.happenings);
    this.quotes = new PgQuotes(db);
    this.events = new PgEvents(db, this.happenings);
    this.stories = new PgStories(db, this.happenings);
    this.affiliations = new PgAffiliations(db);
  }

  /** Any failure that is not already a catalogued error becomes STORE_FAILED naming the database. */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof MarsadError) throw err;
      throw new MarsadError('STORE_FAILED', (err as Error).message, this.db.where, { cause: err });
    }
  }

  setDerivedAffiliations(records: Affiliation[], basis?: string): Promise<void> {
    return this.guard(() => this.affiliations.setDerivedAffiliations(records, basis));
  }
  derivedAffiliationsBasis(): Promise<string | null> {
    return this.guard(() => this.affiliations.derivedAffiliationsBasis());
  }
  affiliate(record: Pick<Affiliation, 'member' | 'of' | 'from' | 'to' | 'basis'>, by: string): Promise<Affiliation> {
    return this.guard(() => this.affiliations.affiliate(record, by));
  }
  unaffiliate(member: string, of: string, by: string): Promise<AffiliationRemoval> {
    return this.guard(() => this.affiliations.unaffiliate(member, of, by));
  }
  listAffiliations(options?: AffiliationListOptions): Promise<Affiliation[]> {
    return this.guard(() => this.affiliations.listAffiliations(options));
  }
  affiliationRemovals(): Promise<AffiliationRemoval[]> {
    return this.guard(() => this.affiliations.affiliationRemovals());
  }

  setSignature(record: SignatureRecord): Promise<void> {
    return this.guard(() => this.stories.setSignature(record));
  }
  signatures(): Promise<SignatureRecord[]> {
    return this.guard(() => this.stories.signatures());
  }
  setDuplicateOf(articleId: string, link: DuplicateLink | null): Promise<void> {
    return this.guard(() => this.stories.setDuplicateOf(articleId, link));
  }
  duplicateOf(articleId: string): Promise<DuplicateLink | null> {
    return this.guard(() => this.stories.duplicateOf(articleId));
  }
  assignStory(articleId: string, storyId: string): Promise<void> {
    return this.guard(() => this.stories.assignStory(articleId, storyId));
  }
  setStory(story: { id: string; label: string | null; summary: string[] }): Promise<void> {
    return this.guard(() => this.stories.setStory(story));
  }
  storyAssignments(): Promise<{ article: string; story: string }[]> {
    return this.guard(() => this.stories.storyAssignments());
  }
  clearStories(): Promise<void> {
    return this.guard(() => this.stories.clearStories());
  }
  listStories(options?: StoryListOptions): Promise<StoredStory[]> {
    return this.guard(() => this.stories.listStories(options));
  }
  getStory(id: string): Promise<StoredStory | null> {
    return this.guard(() => this.stories.getStory(id));
  }
  articleRefs(ids: string[]): Promise<ArticleRef[]> {
    return this.guard(() => this.stories.articleRefs(ids));
  }
  storyEvents(id: string): Promise<StoredEvent[]> {
    return this.guard(() => this.stories.storyEvents(id));
  }

  setArticleQuotes(articleId: string, quotes: ArticleQuote[]): Promise<void> {
    return this.guard(() => this.quotes.setArticleQuotes(articleId, quotes));
  }
  articleQuotes(articleId: string): Promise<ArticleQuote[]> {
    return this.guard(() => this.quotes.articleQuotes(articleId));
  }
  listQuotes(options?: QuoteListOptions): Promise<StoredQuote[]> {
    return this.guard(() => this.quotes.listQuotes(options));
  }
  newestQuotesOf(articleIds: string[], limit: number): Promise<{ total: number; quotes: StoredQuote[] }> {
    return this.guard(() => this.quotes.newestQuotesOf(articleIds, limit));
  }
  countQuotes(): Promise<number> {
    return this.guard(() => this.quotes.countQuotes());
  }

  setArticleEvents(articleId: string, events: ArticleEvent[]): Promise<void> {
    return this.guard(() => this.events.setArticleEvents(articleId, events));
  }
  articleEvents(articleId: string): Promise<ArticleEvent[]> {
    return this.guard(() => this.events.articleEvents(articleId));
  }
  listEvents(options?: EventListOptions): Promise<StoredEvent[]> {
    return this.guard(() => this.events.listEvents(options));
  }
  staleHappeningKeys(limit: number, after?: string): Promise<StaleHappening[]> {
    return this.guard(() => this.happenings.staleHappeningKeys(limit, after));
  }
  happeningBuckets(keys: string[]): Promise<HappeningBucket[]> {
    return this.guard(() => this.happenings.happeningBuckets(keys));
  }
  setHappenings(buckets: HappeningWrite[]): Promise<string[]> {
    return this.guard(() => this.happenings.setHappenings(buckets));
  }
  listHappenings(options?: HappeningListOptions): Promise<MergedEvent[]> {
    return this.guard(() => this.happenings.listHappenings(options));
  }
  happeningSources(ids: string[]): Promise<Map<string, EventSource[]>> {
    return this.guard(() => this.happenings.happeningSources(ids));
  }
  happeningDays(filters?: HappeningFilters): Promise<HappeningDayCount[]> {
    return this.guard(() => this.happenings.happeningDays(filters));
  }
  storyCountKeys(limit: number, after?: string): Promise<string[]> {
    return this.guard(() => this.happenings.storyCountKeys(limit, after));
  }
  setStoryCounts(counts: { key: string; stories: StoryEventCount[] }[]): Promise<void> {
    return this.guard(() => this.happenings.setStoryCounts(counts));
  }
  storyEventCounts(storyIds: string[]): Promise<Map<string, number>> {
    return this.guard(() => this.happenings.storyEventCounts(storyIds));
  }
  happeningPairs(filters?: HappeningFilters): Promise<HappeningPairCount[]> {
    return this.guard(() => this.happenings.happeningPairs(filters));
  }

  entityCandidates(type: EntityType, keys: string[], limit?: number): Promise<CanonicalEntity[]> {
    return this.guard(() => this.entities.entityCandidates(type, keys, limit));
  }
  setArticleEntities(articleId: string, assignments: EntityAssignment[], seenAt: string | null): Promise<ArticleEntity[]> {
    return this.guard(() => this.entities.setArticleEntities(articleId, assignments, seenAt));
  }
  articleEntities(articleId: string): Promise<ArticleEntity[]> {
    return this.guard(() => this.entities.articleEntities(articleId));
  }
  listEntities(options?: EntityListOptions): Promise<CanonicalEntity[]> {
    return this.guard(() => this.entities.listEntities(options));
  }
  countEntities(type?: EntityType): Promise<number> {
    return this.guard(() => this.entities.countEntities(type));
  }
  listEntityFacts(types: EntityType[]): Promise<EntityFacts[]> {
    return this.guard(() => this.entities.listEntityFacts(types));
  }
  entityFacts(ids: string[]): Promise<EntityFacts[]> {
    return this.guard(() => this.entities.entityFacts(ids));
  }
  entityFactsVersion(): Promise<number> {
    return this.guard(() => this.entities.entityFactsVersion());
  }
  getEntity(id: string): Promise<CanonicalEntity | null> {
    return this.guard(() => this.entities.getEntity(id));
  }
  mergeEntities(into: string, from: string, by: string): Promise<CanonicalEntity> {
    return this.guard(() => this.entities.mergeEntities(into, from, by));
  }
  splitEntity(id: string, alias: string, aliasKey: string, by: string): Promise<CanonicalEntity> {
    return this.guard(() => this.entities.splitEntity(id, alias, aliasKey, by));
  }
  corrections(): Promise<EntityCorrection[]> {
    return this.guard(() => this.entities.corrections());
  }
  loadKnownActors(actors: KnownActor[], keysOf: (actor: KnownActor) => string[], version: string): Promise<void> {
    return this.guard(() => this.entities.loadKnownActors(actors, keysOf, version));
  }

  private async index(id: string, article: Article): Promise<void> {
    await this.db.query(`UPDATE articles SET search = ${SEARCH_VECTOR('$2', '$3')} WHERE id = $1`, [
      id,
      indexText(this.analyzer, article.title ?? ''),
      indexText(this.analyzer, article.text),
    ]);
  }

  /** Rebuilds the search index when the analyser changed since it was built (or it never was). */
  async reindexIfStale(): Promise<void> {
    const current = async () => (await this.db.one<{ value: string }>("SELECT value FROM store_meta WHERE key = 'index_version'"))?.value;
    if ((await current()) === this.analyzer.version) return;
    await this.db.tx(async () => {
      await this.db.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':marsad:reindex'))");
      if ((await current()) === this.analyzer.version) return; // another process did it meanwhile
      for (let last = -1; ; ) {
        const rows = await this.db.query<ArticleRow & { row_seq: number }>(
          `SELECT ${ARTICLE_COLUMNS}, row_seq FROM articles WHERE row_seq > $1 ORDER BY row_seq LIMIT $2`,
          [last, REINDEX_BATCH],
        );
        if (rows.length === 0) break;
        await this.db.query(
          `UPDATE articles a SET search = ${SEARCH_VECTOR('x.t', 'x.b')}
           FROM unnest($1::text[], $2::text[], $3::text[]) AS x(id, t, b) WHERE a.id = x.id`,
          [rows.map((r) => r.id), rows.map((r) => indexText(this.analyzer, r.title ?? '')), rows.map((r) => indexText(this.analyzer, r.text))],
        );
        last = rows[rows.length - 1]!.row_seq;
      }
      await this.db.query(
        `INSERT INTO store_meta (key, value) VALUES ('index_version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [this.analyzer.version],
      );
      await this.db.query('ANALYZE articles'); // the new vectors' statistics, for the planner
    });
  }

  async search(query: SearchQuery, options: SearchOptions = {}): Promise<SearchHit[]> {
    const params: unknown[] = [];
    const bind = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    let score = '0::float8';
    let from = 'articles a';
    if (query.match) {
      const tsquery = toTsQuery(query.match, this.analyzer, params);
      if (tsquery === null) return [];
      from = `articles a, (SELECT ${tsquery} AS q) m`;
      where.push('a.search @@ m.q');
      score = `ts_rank(${RANK_WEIGHTS}, a.search, m.q)`;
    }
    if (query.filters.site.length) {
      const clauses = query.filters.site.map((site) => {
        const like = likeLiteral(site);
        return `(lower(a.site) = ${bind(site)} OR lower(a.url) LIKE ${bind(`%://${like}/%`)} ESCAPE '\\' OR lower(a.url) LIKE ${bind(`%.${like}/%`)} ESCAPE '\\' OR lower(a.source) LIKE ${bind(`%://${like}/%`)} ESCAPE '\\')`;
      });
      where.push(`(${clauses.join(' OR ')})`);
    }
    // The plain range lets the publication-date index answer; for ISO dates
    // `substr(published, 1, 10) <= to` is `published < to || U+FFFF` (as on SQLite).
    if (query.filters.from) where.push(`a.published >= ${bind(query.filters.from)} AND substr(a.published, 1, 10) >= ${bind(query.filters.from)}`);
    if (query.filters.to) where.push(`a.published < ${bind(`${query.filters.to}\uffff`)} AND substr(a.published, 1, 10) <= ${bind(query.filters.to)}`);
    const filtered = `FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const order = 'score DESC, COALESCE(published, created_at) DESC, id';
    // As on SQLite: a word found in most of a large archive is ranked among the
    // RANK_CANDIDATES most recently stored matches, not scored across every one; whole rows
    // (with their text) are read only for the page of results.
    const candidates = query.match
      ? `SELECT a.id, a.published, a.created_at, ${score} AS score ${filtered} ORDER BY a.row_seq DESC LIMIT ${RANK_CANDIDATES}`
      : `SELECT a.id, a.published, a.created_at, ${score} AS score ${filtered}`;
    const limit = bind(options.limit ?? 20);
    const offset = bind(options.offset ?? 0);
    const sql = `SELECT a.id, a.source, a.title, a.published, a.site, a.text, r.score
                 FROM (SELECT id, score, published, created_at FROM (${candidates}) c ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}) r
                 JOIN articles a ON a.id = r.id
                 ORDER BY r.score DESC, COALESCE(r.published, r.created_at) DESC, r.id`;
    type Row = { id: string; source: string; title: string | null; published: string | null; site: string | null; text: string; score: number };
    const rows = await this.guard(() =>
      query.match
        ? this.db.tx(async () => {
            // The planner does not count the cost of reading each search vector, and picks a
            // scan of every article for a common word; the index is never slower here.
            await this.db.query('SET LOCAL enable_seqscan = off');
            return this.db.query<Row>(sql, params);
          })
        : this.db.query<Row>(sql, params),
    );
    const snippetOf = snippetsFor(this.analyzer, query);
    return rows.map((r) => ({
      id: r.id,
      source: r.source,
      title: r.title,
      published: r.published,
      site: r.site,
      // ts_rank is on a smaller scale than bm25: kept to six places so weak matches stay above zero.
      score: Math.round(r.score * 1e6) / 1e6,
      snippet: snippetOf(r.text),
    }));
  }

  // Ids come from a hash of the first key; a collision of 48 bits is unlikely but cheap to rule out.
  private async freshId(seed: string): Promise<string> {
    let id = newArticleId(seed);
    for (let i = 1; await this.db.one('SELECT 1 FROM articles WHERE id = $1', [id]); i++) id = newArticleId(`${seed}#${i}`);
    return id;
  }

  async put(input: ArticleInput): Promise<{ id: string; change: PutChange }> {
    return this.guard(() => this.db.tx(() => this.putInTransaction(input, new Date().toISOString())));
  }

  private async putInTransaction(input: ArticleInput, now: string): Promise<{ id: string; change: PutChange }> {
    const keys = identityKeys(input.source, input.raw.url, input.article);
    // Two processes storing the same page at once must agree on one record: each takes the
    // locks of the page's keys (in one order, so two never wait on each other) before looking.
    for (const key of [...keys].sort()) await this.db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
    const found = await this.db.one<{ article_id: string }>(
      'SELECT k.article_id FROM unnest($1::text[]) WITH ORDINALITY AS x(key, i) JOIN article_keys k ON k.key = x.key ORDER BY x.i LIMIT 1',
      [keys],
    );
    let id = found?.article_id;
    const hash = articleHash(input.article);
    let change: PutChange;
    if (!id) {
      id = await this.freshId(keys[0]!);
      await this.db.query(
        `INSERT INTO articles (${ARTICLE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)`,
        [id, input.source, ...articleParams(input.article, hash), now],
      );
      await this.index(id, input.article);
      await this.movedDay(null, input.article.published, true);
      change = 'new';
    } else {
      // A page counts as changed when what a reader sees changed, not when an ad slot did.
      const existing = await this.db.one<{ article_hash: string; published: string | null }>('SELECT article_hash, published FROM articles WHERE id = $1 FOR UPDATE', [id]);
      if (existing?.article_hash === hash) change = 'unchanged';
      else {
        await this.writeArticle(id, input.article, hash, now, existing?.published ?? null);
        // its publication day and outlet take part in its events' merges
        await this.happenings.markArticle(id);
        change = 'updated';
      }
    }
    await this.db.query('INSERT INTO article_keys (key, article_id) SELECT k, $2 FROM unnest($1::text[]) k ON CONFLICT DO NOTHING', [keys, id]);
    if (change !== 'unchanged') {
      const r = input.raw;
      await this.db.query(
        `INSERT INTO raw_pages (article_id, bytes_gz, bytes_sha256, url, content_type, encoding, kind, fetched_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (article_id) DO UPDATE SET bytes_gz = excluded.bytes_gz, bytes_sha256 = excluded.bytes_sha256, url = excluded.url,
           content_type = excluded.content_type, encoding = excluded.encoding, kind = excluded.kind, fetched_at = excluded.fetched_at`,
        [id, gzipSync(r.bytes), sha256(r.bytes), r.url, r.contentType, r.encoding, r.kind, r.fetchedAt],
      );
    }
    return { id, change };
  }

  /**
   * Keeps article_days (migration 11) as an article's publication day changes: from `before`
   * (null with `added`: a new article) to `after`, each as `articlesByDay` reads it.
   */
  private async movedDay(before: string | null, after: string | null, added = false): Promise<void> {
    const day = (published: string | null) => (published === null ? '' : [...published].slice(0, 10).join(''));
    if (!added && day(before) === day(after)) return;
    const up = 'INSERT INTO article_days (day, articles) VALUES ($1, $2) ON CONFLICT (day) DO UPDATE SET articles = article_days.articles + excluded.articles';
    if (!added) {
      await this.db.query(up, [day(before), -1]);
      await this.db.query('DELETE FROM article_days WHERE day = $1 AND articles <= 0', [day(before)]);
    }
    await this.db.query(up, [day(after), 1]);
  }

  private async writeArticle(id: string, article: Article, hash: string, now: string, before: string | null): Promise<void> {
    await this.movedDay(before, article.published);
    await this.db.query(
      `UPDATE articles SET title = $2, published = $3, author = $4, site = $5, section = $6, tags = $7, url = $8, lang = $9,
         text = $10, article_hash = $11, updated_at = $12 WHERE id = $1`,
      [id, ...articleParams(article, hash), now],
    );
    await this.index(id, article);
  }

  async get(id: string): Promise<StoredArticle | null> {
    const row = await this.guard(() => this.db.one<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = $1`, [id]));
    if (!row) return null;
    return { id: row.id, source: row.source, article: rowToArticle(row), createdAt: row.created_at, updatedAt: row.updated_at };
  }

  async getRaw(id: string): Promise<RawPage | null> {
    const row = await this.guard(() =>
      this.db.one<{ bytes_gz: Buffer; url: string | null; content_type: string | null; encoding: string; kind: 'html' | 'text'; fetched_at: string }>(
        'SELECT * FROM raw_pages WHERE article_id = $1',
        [id],
      ),
    );
    if (!row) return null;
    return {
      bytes: new Uint8Array(gunzipSync(row.bytes_gz)),
      url: row.url,
      contentType: row.content_type,
      encoding: row.encoding,
      kind: row.kind,
      fetchedAt: row.fetched_at,
    };
  }

  async updateArticle(id: string, article: Article): Promise<PutChange> {
    return this.guard(() =>
      this.db.tx(async (): Promise<PutChange> => {
        const existing = await this.db.one<{ article_hash: string; published: string | null }>('SELECT article_hash, published FROM articles WHERE id = $1 FOR UPDATE', [id]);
        if (!existing) throw new MarsadError('ARTICLE_NOT_FOUND', 'no such article', id);
        const hash = articleHash(article);
        if (existing.article_hash === hash) return 'unchanged';
        await this.writeArticle(id, article, hash, new Date().toISOString(), existing.published);
        await this.happenings.markArticle(id);
        return 'updated';
      }),
    );
  }

  async list(options: ListOptions = {}): Promise<ArticleSummary[]> {
    const rows = await this.guard(() =>
      this.db.query<ArticleRow>(
        `SELECT id, source, title, published, site, lang, created_at, updated_at FROM articles
         ORDER BY COALESCE(published, created_at) DESC, id LIMIT $1 OFFSET $2`,
        [options.limit ?? 50, options.offset ?? 0],
      ),
    );
    return rows.map((r) => ({
      id: r.id,
      source: r.source,
      title: r.title,
      published: r.published,
      site: r.site,
      lang: r.lang,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  async ids(): Promise<string[]> {
    return (await this.guard(() => this.db.query<{ id: string }>('SELECT id FROM articles ORDER BY row_seq'))).map((r) => r.id);
  }

  async count(): Promise<number> {
    return (await this.guard(() => this.db.one<{ n: number }>('SELECT COUNT(*) AS n FROM articles')))!.n;
  }

  async articlesByDay(): Promise<{ day: string | null; articles: number }[]> {
    // kept per day as articles are stored (migration 11): the dyad read every article for them
    const rows = await this.guard(() =>
      this.db.query<{ day: string | null; articles: string }>(`SELECT NULLIF(day, '') AS day, articles FROM article_days ORDER BY day NULLS FIRST`),
    );
    return rows.map((r) => ({ day: r.day, articles: Number(r.articles) }));
  }

  async markAnalysed(id: string, version: string): Promise<void> {
    const rows = await this.guard(() =>
      this.db.query(
        `INSERT INTO article_analysis (article_id, article_hash, version, completed_at)
         SELECT id, article_hash, $2, $3 FROM articles WHERE id = $1
         ON CONFLICT (article_id) DO UPDATE SET article_hash = excluded.article_hash, version = excluded.version, completed_at = excluded.completed_at
         RETURNING article_id`,
        [id, version, new Date().toISOString()],
      ),
    );
    if (rows.length === 0) throw new MarsadError('ARTICLE_NOT_FOUND', 'no such article', id);
  }

  async analysedVersion(id: string): Promise<string | null> {
    const row = await this.guard(() =>
      this.db.one<{ version: string }>(
        'SELECT s.version FROM articles a JOIN article_analysis s ON s.article_id = a.id AND s.article_hash = a.article_hash WHERE a.id = $1',
        [id],
      ),
    );
    return row?.version ?? null;
  }

  async unanalysed(version?: string): Promise<string[]> {
    const rows = await this.guard(() =>
      this.db.query<{ id: string }>(
        `SELECT a.id FROM articles a LEFT JOIN article_analysis s ON s.article_id = a.id AND s.article_hash = a.article_hash
         WHERE s.article_id IS NULL OR ($1::text IS NOT NULL AND s.version <> $1) ORDER BY a.row_seq`,
        [version ?? null],
      ),
    );
    return rows.map((r) => r.id);
  }

  async getFetchState(url: string): Promise<FetchState | null> {
    const row = await this.guard(() =>
      this.db.one<{ url: string; etag: string | null; last_modified: string | null; fetched_at: string }>('SELECT * FROM fetch_state WHERE url = $1', [url]),
    );
    return row ? { url: row.url, etag: row.etag, lastModified: row.last_modified, fetchedAt: row.fetched_at } : null;
  }

  async setFetchState(state: FetchState): Promise<void> {
    await this.guard(() =>
      this.db.query(
        `INSERT INTO fetch_state (url, etag, last_modified, fetched_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, fetched_at = excluded.fetched_at`,
        [state.url, state.etag, state.lastModified, state.fetchedAt],
      ),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }
}
