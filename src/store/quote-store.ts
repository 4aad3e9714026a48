import type { ArticleQuote, StoredQuote } from '../model/quote.js';

export interface QuoteListOptions {
  /** only quotes of this speaker entity (an id merged away counts as the entity it was merged into) */
  speaker?: string;
  limit?: number;
  offset?: number;
}

/**
 * Quotes found in stored articles, replaced per article on re-analysis, listed newest
 * article first.
 */
export interface QuoteStore {
  setArticleQuotes(articleId: string, quotes: ArticleQuote[]): Promise<void>;
  articleQuotes(articleId: string): Promise<ArticleQuote[]>;
  listQuotes(options?: QuoteListOptions): Promise<StoredQuote[]>;
  /**
   * The newest `limit` quotes of some articles, in `listQuotes`' order (newest article first,
   * then an article's quotes in order), with how many quotes those articles hold in all: the
   * articles reporting a frequent dyad hold hundreds of thousands at 100k articles.
   * @example await store.newestQuotesOf(ids, 2) // { total: 12, quotes: [the two newest] }
   */
  newestQuotesOf(articleIds: string[], limit: number): Promise<{ total: number; quotes: StoredQuote[] }>;
  /**
   * How many quotes are stored, counted in the store.
   * @example await store.countQuotes() // 5
   */
  countQuotes(): Promise<number>;
}
