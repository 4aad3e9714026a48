import type { ArticleEvent, StoredEvent } from '../model/event.js';

export interface EventListOptions {
  /** only events whose source or target is this entity (an id merged away counts as the entity it was merged into) */
  actor?: string;
  /** only events whose source or target is one of these entities (merged-away ids count as their entity), as `actor` for several */
  actors?: string[];
  /** only events of this PLOVER type */
  type?: string;
  /** only events dated on or after this day (YYYY-MM-DD); an event without a date counts by its article's publication day */
  from?: string;
  /** only events dated on or before this day */
  to?: string;
  limit?: number;
  offset?: number;
}

/**
 * Events found in stored articles, replaced per article on re-analysis, listed newest first
 * (by event date, else by publication date).
 */
export interface EventStore {
  setArticleEvents(articleId: string, events: ArticleEvent[]): Promise<void>;
  articleEvents(articleId: string): Promise<ArticleEvent[]>;
  listEvents(options?: EventListOptions): Promise<StoredEvent[]>;
}
