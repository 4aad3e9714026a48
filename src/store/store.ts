import type { Article, PageKind } from '../model/article.js';
import type { FetchStateStore } from '../model/fetch-state.js';
import type { SearchQuery } from './search-query.js';
import type { SearchHit, SearchOptions } from './search.js';
import type { EntityStore } from './entity-store.js';
import type { QuoteStore } from './quote-store.js';
import type { EventStore } from './event-store.js';
import type { StoryStore } from './story-store.js';
import type { AffiliationStore } from './affiliation-store.js';
import type { MergedEventStore } from './merged-event-store.js';

/** The page bytes as they were read or fetched, kept so extraction can be re-run. */
export interface RawPage {
  bytes: Uint8Array;
  url: string | null;
  contentType: string | null;
  encoding: string;
  kind: PageKind;
  fetchedAt: string;
}

/** What ingestion hands the store for one page. */
export interface ArticleInput {
  /** Path or URL as given by the user (or listed by a feed). */
  source: string;
  raw: RawPage;
  article: Article;
}

export interface StoredArticle {
  /** Stable short id, assigned when the article is first stored. */
  id: string;
  source: string;
  article: Article;
  /** ISO 8601 times. */
  createdAt: string;
  updatedAt: string;
}

export type ArticleSummary = Pick<StoredArticle, 'id' | 'source' | 'createdAt' | 'updatedAt'> &
  Pick<Article, 'title' | 'published' | 'site' | 'lang'>;

/** new: first time seen; updated: a known page whose content changed; unchanged: nothing to do. */
export type PutChange = 'new' | 'updated' | 'unchanged';

export interface ListOptions {
  limit?: number;
  offset?: number;
}

/**
 * The storage interface every backend implements (SQLite now, PostgreSQL later). It is
 * asynchronous so that a networked backend fits without touching the stages.
 *
 * Identity: a page is the same article as a stored one when it shares its canonical URL,
 * its source, or its folded text. Storing it again is then an update (content changed) or
 * a no-op (content identical), never a second record.
 */
export interface ArticleStore extends FetchStateStore {
  put(input: ArticleInput): Promise<{ id: string; change: PutChange }>;
  get(id: string): Promise<StoredArticle | null>;
  getRaw(id: string): Promise<RawPage | null>;
  /** Replaces the extracted article of a stored page (after re-extraction). */
  updateArticle(id: string, article: Article): Promise<PutChange>;
  list(options?: ListOptions): Promise<ArticleSummary[]>;
  ids(): Promise<string[]>;
  /** Ranked full-text search with metadata filters; best match first. */
  search(query: SearchQuery, options?: SearchOptions): Promise<SearchHit[]>;
  count(): Promise<number>;
  /**
   * How many stored articles were published on each day (YYYY-MM-DD; null: undated), counted
   * in the store.
   * @example await store.articlesByDay() // [{ day: '2024-05-02', articles: 3 }, { day: null, articles: 1 }]
   */
  articlesByDay(): Promise<{ day: string | null; articles: number }[]>;
  /**
   * Records that the analysis of the article's current content is complete — entities,
   * quotes, events, duplicate signature and story all written — by analysis `version`.
   * Called last, so a crash before it leaves the article pending, never silently half-done.
   * @example await store.markAnalysed(id, ANALYSIS_VERSION);
   */
  markAnalysed(id: string, version: string): Promise<void>;
  /**
   * The version of the completed analysis of the article's current content; null when none
   * was completed, or the content changed since (a put that updated it, updateArticle).
   * @example if ((await store.analysedVersion(id)) === null) await analyseAgain(id);
   */
  analysedVersion(id: string): Promise<string | null>;
  /**
   * Ids of the articles whose current content has no completed analysis (or none by
   * `version`, when given), in the order they were stored.
   * @example for (const id of await store.unanalysed()) await finish(id);
   */
  unanalysed(version?: string): Promise<string[]>;
  close(): Promise<void>;
}

/** What a backend provides: articles (with search), the entities, quotes and events found in them, merged events, near-duplicates and stories, affiliations. */
export type MarsadStore = ArticleStore & EntityStore & QuoteStore & EventStore & MergedEventStore & StoryStore & AffiliationStore;
