import Database from 'better-sqlite3';
import { gunzipSync, gzipSync } from 'node:zlib';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Article } from '../../model/article.js';
import type { FetchState } from '../../model/fetch-state.js';
import { MarsadError } from '../../model/errors.js';
import type { ArticleInput, ArticleSummary, ListOptions, MarsadStore, PutChange, RawPage, StoredArticle } from '../store.js';
import type { ArticleEntity, CanonicalEntity, EntityAssignment, EntityCorrection, EntityFacts, EntityType, KnownActor } from '../../model/entity.js';
import type { EntityListOptions } from '../entity-store.js';
import { SqliteEntities } from './sqlite-entities.js';
import { SqliteQuotes } from './sqlite-quotes.js';
import { SqliteAffiliations } from './sqlite-affiliations.js';
import type { Affiliation, AffiliationRemoval } from '../../model/affiliation.js';
import type { AffiliationListOptions } from '../affiliation-store.js';
import { SqliteEvents } from './sqlite-events.js';
import { SqliteMergedEvents } from './sqlite-merged-events.js';
import type { HappeningBucket, HappeningDayCount, HappeningFilters, HappeningListOptions, HappeningPairCount, HappeningWrite, StaleHappening, StoryEventCount } from '../merged-event-store.js';
import type { EventSource, MergedEvent } from '../../resolve/event-merge.js';
import { SqliteStories } from './sqlite-stories.js';
import type { ArticleRef, DuplicateLink, SignatureRecord, StoredStory, StoryListOptions } from '../story-store.js';
import type { ArticleEvent, StoredEvent } from '../../model/event.js';
import type { EventListOptions } from '../event-store.js';
import type { ArticleQuote, StoredQuote } from '../../model/quote.js';
import type { QuoteListOptions } from '../quote-store.js';
import { articleHash, identityKeys, newArticleId, sha256 } from '../identity.js';
import { MIGRATIONS } from './migrations.js';
import type { SearchQuery } from '../search-query.js';
import { indexText, snippetsFor, type SearchAnalyzer, type SearchHit, type SearchOptions } from '../search.js';
import { toFtsMatch } from './fts.js';
import { likeLiteral } from '../like-pattern.js';

/** How many of the newest matches a query ranks at most (see `search`). */
const RANK_CANDIDATES = 5000;

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

interface RawRow {
  bytes_gz: Buffer;
  bytes_sha256: string;
  url: string | null;
  content_type: string | null;
  encoding: string;
  kind: 'html' | 'text';
  fetched_at: string;
}

/**
 * The embedded backend: one SQLite file, WAL mode, every write in a transaction so a crash
 * never leaves a half-written article.
 * @example const store = openSqliteStore('marsad.db'); await store.count();
 */
export function openSqliteStore(path: string, analyzer: SearchAnalyzer): MarsadStore {
  let db: Database.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL still never corrupts the database on a crash; it only skips an fsync per commit.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // SQLite's default page cache is 2 MB: at 100k articles (GBs of indexes) every insert into
    // an index then re-reads its pages through system calls. 64 MB of cache and a memory-mapped
    // file keep the hot index pages at hand (the OS still shares and evicts the mapping).
    db.pragma('cache_size = -65536');
    db.pragma('mmap_size = 1073741824');
    migrate(db);
    const store = new SqliteStore(db, analyzer);
    store.reindexIfStale();
    return store;
  } catch (err) {
    if (err instanceof MarsadError) throw err;
    throw new MarsadError('STORE_FAILED', (err as Error).message, path, { cause: err });
  }
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new MarsadError(
      'STORE_FAILED',
      `a database at schema version ${current}, newer than this Marsad (${latest})`,
      db.name,
    );
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    // Another process may have migrated while this one waited for the write lock.
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
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

class SqliteStore implements MarsadStore {
  private readonly stmt;
  private readonly entities: SqliteEntities;
  private readonly quotes: SqliteQuotes;
  private readonly events: SqliteEvents;
  private readonly happenings: SqliteMergedEvents;
  private readonly stories: SqliteStories;
  private readonly affiliations: SqliteAffiliations;
  private readonly putTx: Database.Transaction<(input: ArticleInput, now: string) => { id: string; change: PutChange }>;

  constructor(
    private readonly db: Database.Database,
    private readonly analyzer: SearchAnalyzer,
  ) {
    this.stmt = {
      rowidOf: db.prepare<[string], { rowid: number }>('SELECT rowid FROM articles WHERE id = ?'),
      unindex: db.prepare('DELETE FROM articles_fts WHERE rowid = ?'),
      index: db.prepare('INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)'),
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM store_meta WHERE key = ?'),
      setMeta: db.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      findKey: db.prepare<[string], { article_id: string }>('SELECT article_id FROM article_keys WHERE key = ?'),
      addKey: db.prepare('INSERT OR IGNORE INTO article_keys (key, article_id) VALUES (?, ?)'),
      getArticle: db.prepare<[string], ArticleRow>('SELECT * FROM articles WHERE id = ?'),
      countDay: db.prepare('INSERT INTO article_days (day, articles) VALUES (?, ?) ON CONFLICT(day) DO UPDATE SET articles = articles + excluded.articles'),
      dropDay: db.prepare('DELETE FROM article_days WHERE day = ? AND articles <= 0'),
      articleDays: db.prepare<[], { day: string | null; articles: number }>(`SELECT NULLIF(day, '') AS day, articles FROM article_days ORDER BY day`),
      insertArticle: db.prepare(
        `INSERT INTO articles (id, source, title, published, author, site, section, tags, url, lang, text, article_hash, created_at, updated_at)
         VALUES (@id, @source, @title, @published, @author, @site, @section, @tags, @url, @lang, @text, @article_hash, @now, @now)`,
      ),
      updateArticle: db.prepare(
        `UPDATE articles SET title=@title, published=@published, author=@author, site=@site, section=@section, tags=@tags,
           url=@url, lang=@lang, text=@text, article_hash=@article_hash, updated_at=@now WHERE id=@id`,
      ),
      upsertRaw: db.prepare(
        `INSERT INTO raw_pages (article_id, bytes_gz, bytes_sha256, url, content_type, encoding, kind, fetched_at)
         VALUES (@id, @bytes_gz, @bytes_sha256, @url, @content_type, @encoding, @kind, @fetched_at)
         ON CONFLICT(article_id) DO UPDATE SET bytes_gz=excluded.bytes_gz, bytes_sha256=excluded.bytes_sha256, url=excluded.url,
           content_type=excluded.content_type, encoding=excluded.encoding, kind=excluded.kind, fetched_at=excluded.fetched_at`,
      ),
      getRaw: db.prepare<[string], RawRow>('SELECT * FROM raw_pages WHERE article_id = ?'),
      list: db.prepare<[number, number], ArticleRow>(
        'SELECT * FROM articles ORDER BY COALESCE(published, created_at) DESC, id LIMIT ? OFFSET ?',
      ),
      ids: db.prepare<[], { id: string }>('SELECT id FROM articles ORDER BY rowid'),
      count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM articles'),
      markAnalysed: db.prepare(
        `INSERT INTO article_analysis (article_id, article_hash, version, completed_at)
         SELECT id, article_hash, @version, @now FROM articles WHERE id = @id
         ON CONFLICT(article_id) DO UPDATE SET article_hash=excluded.article_hash, version=excluded.version, completed_at=excluded.completed_at`,
      ),
      analysedVersion: db.prepare<[string], { version: string }>(
        `SELECT s.version FROM articles a JOIN article_analysis s ON s.article_id = a.id AND s.article_hash = a.article_hash WHERE a.id = ?`,
      ),
      unanalysed: db.prepare<[{ version: string | null }], { id: string }>(
        `SELECT a.id FROM articles a LEFT JOIN article_analysis s ON s.article_id = a.id AND s.article_hash = a.article_hash
         WHERE s.article_id IS NULL OR (@version IS NOT NULL AND s.version <> @version) ORDER BY a.rowid`,
      ),
      getFetch: db.prepare<[string], { url: string; etag: string | null; last_modified: string | null; fetched_at: string }>(
        'SELECT * FROM fetch_state WHERE url = ?',
      ),
      setFetch: db.prepare(
        `INSERT INTO fetch_state (url, etag, last_modified, fetched_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, last_modified=excluded.last_modified, fetched_at=excluded.fetched_at`,
      ),
    };
    this.putTx = db.transaction((input: ArticleInput, now: string) => this.putInTransaction(input, now));
    this.happenings = new SqliteMergedEvents(db);
    this.entities = new SqliteEntities(db, this.happenings);
    this.quotes = new SqliteQuotes(db);
    this.events = new SqliteEvents(db, this.happenings);
    this.stories = new SqliteStories(db, this.happenings);
    this.affiliations = new SqliteAffiliations(db);
  }

  setDerivedAffiliations(records: Affiliation[], basis?: string): Promise<void> {
    return this.guardAsync(() => this.affiliations.setDerivedAffiliations(records, basis));
  }
  derivedAffiliationsBasis(): Promise<string | null> {
    return this.guardAsync(() => this.affiliations.derivedAffiliationsBasis());
  }
  affiliate(record: Pick<Affiliation, 'member' | 'of' | 'from' | 'to' | 'basis'>, by: string): Promise<Affiliation> {
    return this.guardAsync(() => this.affiliations.affiliate(record, by));
  }
  unaffiliate(member: string, of: string, by: string): Promise<AffiliationRemoval> {
    return this.guardAsync(() => this.affiliations.unaffiliate(member, of, by));
  }
  listAffiliations(options?: AffiliationListOptions): Promise<Affiliation[]> {
    return this.guardAsync(() => this.affiliations.listAffiliations(options));
  }
  affiliationRemovals(): Promise<AffiliationRemoval[]> {
    return this.guardAsync(() => this.affiliations.affiliationRemovals());
  }

  setSignature(record: SignatureRecord): Promise<void> {
    return this.guardAsync(() => this.stories.setSignature(record));
  }
  signatures(): Promise<SignatureRecord[]> {
    return this.guardAsync(() => this.stories.signatures());
  }
  setDuplicateOf(articleId: string, link: DuplicateLink | null): Promise<void> {
    return this.guardAsync(() => this.stories.setDuplicateOf(articleId, link));
  }
  duplicateOf(articleId: string): Promise<DuplicateLink | null> {
    return this.guardAsync(() => this.stories.duplicateOf(articleId));
  }
  assignStory(articleId: string, storyId: string): Promise<void> {
    return this.guardAsync(() => this.stories.assignStory(articleId, storyId));
  }
  setStory(story: { id: string; label: string | null; summary: string[] }): Promise<void> {
    return this.guardAsync(() => this.stories.setStory(story));
  }
  storyAssignments(): Promise<{ article: string; story: string }[]> {
    return this.guardAsync(() => this.stories.storyAssignments());
  }
  clearStories(): Promise<void> {
    return this.guardAsync(() => this.stories.clearStories());
  }
  listStories(options?: StoryListOptions): Promise<StoredStory[]> {
    return this.guardAsync(() => this.stories.listStories(options));
  }
  getStory(id: string): Promise<StoredStory | null> {
    return this.guardAsync(() => this.stories.getStory(id));
  }
  articleRefs(ids: string[]): Promise<ArticleRef[]> {
    return this.guardAsync(() => this.stories.articleRefs(ids));
  }
  storyEvents(id: string): Promise<StoredEvent[]> {
    return this.guardAsync(() => this.stories.storyEvents(id));
  }

  setArticleQuotes(articleId: string, quotes: ArticleQuote[]): Promise<void> {
    return this.guardAsync(() => this.quotes.setArticleQuotes(articleId, quotes));
  }
  articleQuotes(articleId: string): Promise<ArticleQuote[]> {
    return this.guardAsync(() => this.quotes.articleQuotes(articleId));
  }
  listQuotes(options?: QuoteListOptions): Promise<StoredQuote[]> {
    return this.guardAsync(() => this.quotes.listQuotes(options));
  }
  newestQuotesOf(articleIds: string[], limit: number): Promise<{ total: number; quotes: StoredQuote[] }> {
    return this.guardAsync(() => this.quotes.newestQuotesOf(articleIds, limit));
  }
  countQuotes(): Promise<number> {
    return this.guardAsync(() => this.quotes.countQuotes());
  }

  setArticleEvents(articleId: string, events: ArticleEvent[]): Promise<void> {
    return this.guardAsync(() => this.events.setArticleEvents(articleId, events));
  }
  articleEvents(articleId: string): Promise<ArticleEvent[]> {
    return this.guardAsync(() => this.events.articleEvents(articleId));
  }
  listEvents(options?: EventListOptions): Promise<StoredEvent[]> {
    return this.guardAsync(() => this.events.listEvents(options));
  }

  staleHappeningKeys(limit: number, after?: string): Promise<StaleHappening[]> {
    return this.guardAsync(() => this.happenings.staleHappeningKeys(limit, after));
  }
  happeningBuckets(keys: string[]): Promise<HappeningBucket[]> {
    return this.guardAsync(() => this.happenings.happeningBuckets(keys));
  }
  setHappenings(buckets: HappeningWrite[]): Promise<string[]> {
    return this.guardAsync(() => this.happenings.setHappenings(buckets));
  }
  listHappenings(options?: HappeningListOptions): Promise<MergedEvent[]> {
    return this.guardAsync(() => this.happenings.listHappenings(options));
  }
  happeningSources(ids: string[]): Promise<Map<string, EventSource[]>> {
    return this.guardAsync(() => this.happenings.happeningSources(ids));
  }
  happeningDays(filters?: HappeningFilters): Promise<HappeningDayCount[]> {
    return this.guardAsync(() => this.happenings.happeningDays(filters));
  }
  storyCountKeys(limit: number, after?: string): Promise<string[]> {
    return this.guardAsync(() => this.happenings.storyCountKeys(limit, after));
  }
  setStoryCounts(counts: { key: string; stories: StoryEventCount[] }[]): Promise<void> {
    return this.guardAsync(() => this.happenings.setStoryCounts(counts));
  }
  storyEventCounts(storyIds: string[]): Promise<Map<string, number>> {
    return this.guardAsync(() => this.happenings.storyEventCounts(storyIds));
  }
  happeningPairs(filters?: HappeningFilters): Promise<HappeningPairCount[]> {
    return this.guardAsync(() => this.happenings.happeningPairs(filters));
  }

  entityCandidates(type: EntityType, keys: string[], limit?: number): Promise<CanonicalEntity[]> {
    return this.guardAsync(() => this.entities.entityCandidates(type, keys, limit));
  }
  setArticleEntities(articleId: string, assignments: EntityAssignment[], seenAt: string | null): Promise<ArticleEntity[]> {
    return this.guardAsync(() => this.entities.setArticleEntities(articleId, assignments, seenAt));
  }
  articleEntities(articleId: string): Promise<ArticleEntity[]> {
    return this.guardAsync(() => this.entities.articleEntities(articleId));
  }
  listEntities(options?: EntityListOptions): Promise<CanonicalEntity[]> {
    return this.guardAsync(() => this.entities.listEntities(options));
  }
  countEntities(type?: EntityType): Promise<number> {
    return this.guardAsync(() => this.entities.countEntities(type));
  }
  listEntityFacts(types: EntityType[]): Promise<EntityFacts[]> {
    return this.guardAsync(() => this.entities.listEntityFacts(types));
  }
  entityFacts(ids: string[]): Promise<EntityFacts[]> {
    return this.guardAsync(() => this.entities.entityFacts(ids));
  }
  entityFactsVersion(): Promise<number> {
    return this.guardAsync(() => this.entities.entityFactsVersion());
  }
  getEntity(id: string): Promise<CanonicalEntity | null> {
    return this.guardAsync(() => this.entities.getEntity(id));
  }
  mergeEntities(into: string, from: string, by: string): Promise<CanonicalEntity> {
    return this.guardAsync(() => this.entities.mergeEntities(into, from, by));
  }
  splitEntity(id: string, alias: string, aliasKey: string, by: string): Promise<CanonicalEntity> {
    return this.guardAsync(() => this.entities.splitEntity(id, alias, aliasKey, by));
  }
  corrections(): Promise<EntityCorrection[]> {
    return this.guardAsync(() => this.entities.corrections());
  }
  loadKnownActors(actors: KnownActor[], keysOf: (actor: KnownActor) => string[], version: string): Promise<void> {
    return this.guardAsync(() => this.entities.loadKnownActors(actors, keysOf, version));
  }

  private putInTransaction(input: ArticleInput, now: string): { id: string; change: PutChange } {
    const keys = identityKeys(input.source, input.raw.url, input.article);
    let id: string | undefined;
    for (const key of keys) {
      id = this.stmt.findKey.get(key)?.article_id;
      if (id) break;
    }
    const hash = articleHash(input.article);
    const rawHash = sha256(input.raw.bytes);
    const params = articleParams(input.article, hash, now);
    let change: PutChange;
    if (!id) {
      id = this.freshId(keys[0]!);
      this.stmt.insertArticle.run({ ...params, id, source: input.source });
      this.index(id, input.article);
      this.movedDay(null, input.article.published, true);
      change = 'new';
    } else {
      // A page counts as changed when what a reader sees changed, not when an ad slot did.
      const existing = this.stmt.getArticle.get(id)!;
      if (existing.article_hash === hash) change = 'unchanged';
      else {
        this.stmt.updateArticle.run({ ...params, id });
        this.index(id, input.article);
        this.movedDay(existing.published, input.article.published);
        // its publication day and outlet take part in its events' merges
        this.happenings.markArticle(id);
        change = 'updated';
      }
    }
    for (const key of keys) this.stmt.addKey.run(key, id);
    if (change !== 'unchanged') {
      this.stmt.upsertRaw.run({
        id,
        bytes_gz: gzipSync(input.raw.bytes),
        bytes_sha256: rawHash,
        url: input.raw.url,
        content_type: input.raw.contentType,
        encoding: input.raw.encoding,
        kind: input.raw.kind,
        fetched_at: input.raw.fetchedAt,
      });
    }
    return { id, change };
  }

  private index(id: string, article: Article): void {
    const { rowid } = this.stmt.rowidOf.get(id)!;
    this.stmt.unindex.run(rowid);
    this.stmt.index.run(rowid, indexText(this.analyzer, article.title ?? ''), indexText(this.analyzer, article.text));
  }

  /** Rebuilds the search index when the analyser changed since it was built (or it never was). */
  reindexIfStale(): void {
    if (this.stmt.getMeta.get('index_version')?.value === this.analyzer.version) return;
    this.db.transaction(() => {
      this.db.exec('DELETE FROM articles_fts');
      // In batches: a statement still iterating would block the writes on this connection.
      const batch = this.db.prepare<[number], ArticleRow & { rowid: number }>('SELECT rowid, * FROM articles WHERE rowid > ? ORDER BY rowid LIMIT 500');
      for (let last = 0, rows = batch.all(last); rows.length > 0; rows = batch.all(last)) {
        for (const row of rows) this.index(row.id, rowToArticle(row));
        last = rows[rows.length - 1]!.rowid;
      }
      this.stmt.setMeta.run('index_version', this.analyzer.version);
    }).immediate();
  }

  async search(query: SearchQuery, options: SearchOptions = {}): Promise<SearchHit[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    let score = '0';
    if (query.match) {
      const match = toFtsMatch(query.match, this.analyzer);
      if (match === null) return [];
      where.push('articles_fts MATCH ?');
      params.push(match);
      // Title matches weigh more than body matches; FTS5's bm25 is lower-is-better.
      score = '-bm25(articles_fts, 4.0, 1.0)';
    }
    // Filters become sets of row ids read from narrow indexes (the outlet columns, the
    // publication date), so matches outside them are skipped without reading article rows,
    // whose texts make them large (issue #8). The unary plus keeps each set a filter: given to
    // FTS5 as a rowid constraint, it would re-run the full-text query once per row id.
    const sets: string[] = [];
    if (query.filters.site.length) {
      const clauses = query.filters.site.map(
        () => "(lower(site) = ? OR lower(url) LIKE ? ESCAPE '\\' OR lower(url) LIKE ? ESCAPE '\\' OR lower(source) LIKE ? ESCAPE '\\')",
      );
      sets.push(`SELECT rowid FROM articles INDEXED BY articles_site_filter WHERE ${clauses.join(' OR ')}`);
      for (const site of query.filters.site) {
        const like = likeLiteral(site);
        params.push(site, `%://${like}/%`, `%.${like}/%`, `%://${like}/%`);
      }
    }
    if (query.filters.from || query.filters.to) {
      // For ISO dates, `substr(published, 1, 10) <= to` is `published < to || U+FFFF`.
      const range = [query.filters.from ? 'published >= ?' : null, query.filters.to ? 'published < ?' : null].filter(Boolean);
      sets.push(`SELECT rowid FROM articles WHERE ${range.join(' AND ')}`);
      if (query.filters.from) params.push(query.filters.from);
      if (query.filters.to) params.push(`${query.filters.to}\uffff`);
    }
    for (const set of sets) where.push(`+${query.match ? 'f' : 'a'}.rowid IN (${set})`);
    const order = 'score DESC, COALESCE(a.published, a.created_at) DESC, a.id';
    const filtered = `articles a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    // Rank on row ids and the few columns filters need; whole rows (with their text) are read
    // only for the page of results, not for every match. A word found in most of a large
    // archive would make BM25 score every match: ranking is then done among the
    // RANK_CANDIDATES most recently stored matches, which FTS5 yields newest first and stops.
    let ranked: string;
    if (query.match) {
      // Only the full-text index and the filters' row-id sets are touched until the page of
      // results is known.
      ranked = `SELECT rid, score FROM (
                  SELECT f.rowid AS rid, ${score} AS score FROM articles_fts f WHERE ${where.join(' AND ')}
                  ORDER BY f.rowid DESC LIMIT ${RANK_CANDIDATES})
                ORDER BY score DESC, rid DESC LIMIT ? OFFSET ?`;
    } else {
      ranked = `SELECT a.rowid AS rid, ${score} AS score FROM ${filtered} ORDER BY ${order} LIMIT ? OFFSET ?`;
    }
    const sql = `SELECT a.*, r.score AS score FROM (${ranked}) r JOIN articles a ON a.rowid = r.rid ORDER BY ${order.replace('score', 'r.score')}`;
    params.push(options.limit ?? 20, options.offset ?? 0);
    const rows = this.guard(() => this.db.prepare<unknown[], ArticleRow & { score: number }>(sql).all(...params));
    const snippetOf = snippetsFor(this.analyzer, query);
    return rows.map((r) => ({
      id: r.id,
      source: r.source,
      title: r.title,
      published: r.published,
      site: r.site,
      score: Math.round(r.score * 1000) / 1000,
      snippet: snippetOf(r.text),
    }));
  }

  // Ids come from a hash of the first key; a collision of 48 bits is unlikely but cheap to rule out.
  private freshId(seed: string): string {
    let id = newArticleId(seed);
    for (let i = 1; this.stmt.getArticle.get(id); i++) id = newArticleId(`${seed}#${i}`);
    return id;
  }

  async put(input: ArticleInput): Promise<{ id: string; change: PutChange }> {
    return this.guard(() => this.putTx.immediate(input, new Date().toISOString()));
  }

  async get(id: string): Promise<StoredArticle | null> {
    const row = this.stmt.getArticle.get(id);
    if (!row) return null;
    return { id: row.id, source: row.source, article: rowToArticle(row), createdAt: row.created_at, updatedAt: row.updated_at };
  }

  async getRaw(id: string): Promise<RawPage | null> {
    const row = this.stmt.getRaw.get(id);
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
      this.db.transaction((): PutChange => {
        const existing = this.stmt.getArticle.get(id);
        if (!existing) throw new MarsadError('ARTICLE_NOT_FOUND', 'no such article', id);
        const hash = articleHash(article);
        if (existing.article_hash === hash) return 'unchanged';
        this.stmt.updateArticle.run({ ...articleParams(article, hash, new Date().toISOString()), id });
        this.index(id, article);
        this.movedDay(existing.published, article.published);
        this.happenings.markArticle(id);
        return 'updated';
      }).immediate(),
    );
  }

  async list(options: ListOptions = {}): Promise<ArticleSummary[]> {
    const rows = this.stmt.list.all(options.limit ?? 50, options.offset ?? 0);
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
    return this.stmt.ids.all().map((r) => r.id);
  }

  async count(): Promise<number> {
    return this.stmt.count.get()!.n;
  }

  async articlesByDay(): Promise<{ day: string | null; articles: number }[]> {
    // kept per day as articles are stored (schema v21): the dyad read every article for them
    return this.guard(() => this.stmt.articleDays.all());
  }

  /**
   * Keeps article_days (schema v21) as an article's publication day changes: from `before`
   * (null with `added`: a new article) to `after`, each as `articlesByDay` reads it.
   */
  private movedDay(before: string | null, after: string | null, added = false): void {
    const day = (published: string | null) => (published === null ? '' : published.slice(0, 10));
    if (!added && day(before) === day(after)) return;
    if (!added) {
      this.stmt.countDay.run(day(before), -1);
      this.stmt.dropDay.run(day(before));
    }
    this.stmt.countDay.run(day(after), 1);
  }

  async markAnalysed(id: string, version: string): Promise<void> {
    const { changes } = this.guard(() => this.stmt.markAnalysed.run({ id, version, now: new Date().toISOString() }));
    if (changes === 0) throw new MarsadError('ARTICLE_NOT_FOUND', 'no such article', id);
  }

  async analysedVersion(id: string): Promise<string | null> {
    return this.guard(() => this.stmt.analysedVersion.get(id)?.version ?? null);
  }

  async unanalysed(version?: string): Promise<string[]> {
    return this.guard(() => this.stmt.unanalysed.all({ version: version ?? null }).map((r) => r.id));
  }

  async getFetchState(url: string): Promise<FetchState | null> {
    const row = this.stmt.getFetch.get(url);
    return row ? { url: row.url, etag: row.etag, lastModified: row.last_modified, fetchedAt: row.fetched_at } : null;
  }

  async setFetchState(state: FetchState): Promise<void> {
    this.guard(() => this.stmt.setFetch.run(state.url, state.etag, state.lastModified, state.fetchedAt));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private async guardAsync<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof MarsadError) throw err;
      throw new MarsadError('STORE_FAILED', (err as Error).message, this.db.name, { cause: err });
    }
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof MarsadError) throw err;
      throw new MarsadError('STORE_FAILED', (err as Error).message, this.db.name, { cause: err });
    }
  }
}

function articleParams(a: Article, hash: string, now: string) {
  return {
    title: a.title,
    published: a.published,
    author: a.author,
    site: a.site,
    section: a.section,
    tags: JSON.stringify(a.tags),
    url: a.url,
    lang: a.lang,
    text: a.text,
    article_hash: hash,
    now,
  };
}
