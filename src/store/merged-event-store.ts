import type { EventEntityRef, StoredEvent } from '../model/event.js';
import type { EventArticleInfo, EventSource, MergedEvent } from '../resolve/event-merge.js';
import type { EventListOptions } from './event-store.js';

/**
 * Persisted merged events ("happenings", issue #7: no events view waits on a full scan).
 *
 * `mergeEvents` only ever joins events with the same `happeningKey` (type, status class,
 * actor pair), and those of two generic actors only within one story, so merged events are
 * computed per bucket (`happeningBucket`: the key, plus the story for generic actors) and
 * stored; a write that can change a bucket's merge marks its key stale, and only stale
 * buckets are merged again (src/app/merged-events.ts). Every stored event carries its bucket
 * key, computed from the actor ids answering at write time (after analysts' merges) and its
 * article's story; a merge of entities or a story move recomputes the keys it touches.
 *
 * What marks keys stale: an article's events replaced (old and new keys), an article's
 * content updated, a story assignment that changes (undated events merge by story), stories
 * cleared, an entity merge (events of the merged-away ids get new keys; both marked), a
 * curated actor's label changing. A split moves mentions, not events (their actor ids were
 * resolved at analysis and stay), so it changes no key. Nothing deletes an article.
 * Both backends keep the same tables (events.happening_key, happening_stale, happenings,
 * happening_json), so `marsad migrate` copies them as they are.
 *
 * A merged event's `sources` are stored apart from the rest of it (happening_json.sources,
 * SQLite v18 / PostgreSQL 8): a frequent happening is reported by thousands of articles at
 * 100k, and the events page (a few sources each) and the dyad (none until its events are
 * chosen) read megabytes of them for nothing. Rows written before keep them inside `event`
 * (sources NULL) and read as before.
 */

/** A bucket key marked stale, with the number of its latest mark. */
export interface StaleHappening {
  key: string;
  /** grows on every mark: a key marked again while its bucket is merged stays stale */
  seq: number;
}

/** Where an event sits in `listEvents`' order (newest first): the four sort columns. */
export interface EventOrder {
  /** COALESCE(date start, publication day, stored at) — sorted descending */
  day: string;
  /** COALESCE(published, stored at) — descending */
  published: string;
  /** article id — ascending */
  article: string;
  /** position of the event in its article — ascending */
  ord: number;
}

/** One bucket's events as `mergeEvents` takes them. */
export interface HappeningBucket {
  /** in `listEvents`' order */
  events: StoredEvent[];
  /** the sort columns of each event, parallel to `events` */
  order: EventOrder[];
  /** the events' articles */
  articles: Map<string, EventArticleInfo>;
}

/** A merged event as stored, with the columns it is filtered and sorted by. */
export interface HappeningRow {
  event: MergedEvent;
  /** the order of its first member: merged events sort as `mergeEvents` over every event would give them */
  order: EventOrder;
  /** first and last day its members cover (an undated member counts by its article's publication day); null when none */
  firstDay: string | null;
  lastDay: string | null;
  /** the day the timeline counts it on (`eventDay`), null when undated */
  day: string | null;
}

/** The merged events of one key, computed from its events as read after stale mark `seq`. */
export interface HappeningWrite {
  key: string;
  seq: number;
  rows: HappeningRow[];
}

/** `listHappenings`' options: the events views' filters and page, and how many sources to list. */
export interface HappeningListOptions extends EventListOptions {
  /** at most this many entries of each merged event's `sources`, the first ones (`num_articles` still counts all); every one when absent */
  sourcesLimit?: number;
}

/**
 * A merged event as stored: its JSON without `sources`, and its sources' JSON apart.
 * @example splitHappening(e) // { head: '{"id":"a:1",…,"num_sources":2,"num_articles":3}', sources: '[{"article":"a",…}]' }
 */
export function splitHappening(e: MergedEvent): { head: string; sources: string } {
  const { sources, ...head } = e;
  return { head: JSON.stringify(head), sources: JSON.stringify(sources) };
}

/**
 * The merged event of a stored row, its keys in the order `mergeEvents` gives them (sources
 * before the counts), so that `marsad events --json` prints the same bytes: `sources` null
 * for a row stored whole (before the split), whose event is cut to `limit` sources.
 * @example joinHappening(row.event, row.sources === null ? null : JSON.parse(row.sources))
 */
export function joinHappening(event: string, sources: EventSource[] | null, limit?: number): MergedEvent {
  const parsed = JSON.parse(event) as MergedEvent;
  if (sources === null) return limit === undefined || parsed.sources.length <= limit ? parsed : { ...parsed, sources: parsed.sources.slice(0, limit) };
  const { num_sources, num_articles, ...rest } = parsed;
  return { ...rest, sources, num_sources, num_articles };
}

/** The filters of the events views. */
export type HappeningFilters = Pick<EventListOptions, 'actor' | 'actors' | 'type' | 'from' | 'to'>;

/** Merged events per timeline day and type; day null for the undated ones. */
export interface HappeningDayCount {
  day: string | null;
  type: string;
  count: number;
}

/** Merged events per directed actor pair and type, with the actors' labels in the newest of them. */
export interface HappeningPairCount {
  source: EventEntityRef;
  target: EventEntityRef;
  type: string;
  count: number;
}

export interface MergedEventStore {
  /**
   * Stale keys, in key order after `after`, at most `limit`.
   * @example for (const { key, seq } of await store.staleHappeningKeys(500)) …
   */
  staleHappeningKeys(limit: number, after?: string): Promise<StaleHappening[]>;
  /**
   * The events of each key, in `listEvents`' order, with their articles' source, site,
   * publication day and story; one bucket per key given, in the order given (one query for
   * all: a full refresh reads tens of thousands of small buckets).
   * @example const [bucket] = await store.happeningBuckets([key]);
   */
  happeningBuckets(keys: string[]): Promise<HappeningBucket[]>;
  /**
   * Replaces the merged events of each key given and clears its stale mark unless it was
   * marked again since mark `seq` was read, all in one transaction (one commit per batch, not
   * per key); returns the keys left stale.
   * @example await store.setHappenings([{ key, seq, rows }]) // [] when none was marked again
   */
  setHappenings(buckets: HappeningWrite[]): Promise<string[]>;
  /**
   * Stored merged events matching the filters, newest first (the order `mergeEvents` gives
   * over every event, ties broken by article and position): actor on either end (an id
   * merged away counts as the entity it was merged into), type, and the span from its first
   * to its last covered day overlapping [from, to].
   * @example await store.listHappenings({ type: 'CONSULT', limit: 50 })
   */
  listHappenings(options?: HappeningListOptions): Promise<MergedEvent[]>;
  /**
   * Every source of the stored merged events with these ids (a merged event's id is its
   * representative report's), by id; ids of no stored merged event are left out.
   * @example const all = await store.happeningSources(events.map((e) => e.id)); // after listHappenings({ …, sourcesLimit: 0 })
   */
  happeningSources(ids: string[]): Promise<Map<string, EventSource[]>>;
  /** Stored merged events matching the filters counted per timeline day and type. */
  happeningDays(filters?: HappeningFilters): Promise<HappeningDayCount[]>;
  /** Stored merged events with a recipient other than their actor, counted per directed pair and type; pairs with the newest event first. */
  happeningPairs(filters?: HappeningFilters): Promise<HappeningPairCount[]>;
}
