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
  /** each event's article's place in the order stories were assigned (story_articles.seq), parallel to `events`; null when in no story */
  storySeq: (number | null)[];
}

/** How many merged events a story's report counts in one bucket (see `MergedEventStore.storyEventCounts`). */
export interface StoryEventCount {
  story: string;
  count: number;
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
  /**
   * Per story with events in the bucket, how many merged events its events make among
   * themselves (what the story's report counts of this bucket); none stored when absent.
   */
  stories?: StoryEventCount[];
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

/**
 * Span classes (issue #7: a date-filtered timeline without a full scan). A merged event
 * covering the days [first, last] is in class c, the least with last − first < 2^c days (c ≤
 * SPAN_CLASS_MAX − 1), else in SPAN_CLASS_MAX (a longer span, or a day that is not a real
 * YYYY-MM-DD). One that runs to `from` or later then starts on or after `from` − 2^c days: the
 * filter reads, per class, an index range of first days that ends at `to` and starts that far
 * before `from` — the merged events of the window and a few near it, not every one.
 */
export const SPAN_CLASS_MAX = 17;

const DAY_MS = 86_400_000;
/** ms since the epoch of a real YYYY-MM-DD day, else NaN. */
function dayMs(day: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return NaN;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day ? NaN : ms;
}

/**
 * The span class of a merged event's covered days (null when undated: no date filter keeps it).
 * @example spanClass('2022-06-13', '2022-06-13') // 0
 * @example spanClass('2022-06-01', '2022-06-30') // 5 (29 days < 32)
 */
export function spanClass(firstDay: string | null, lastDay: string | null): number | null {
  if (firstDay === null || lastDay === null) return null;
  const span = (dayMs(lastDay) - dayMs(firstDay)) / DAY_MS;
  if (!(span >= 0)) return SPAN_CLASS_MAX;
  for (let c = 0; c < SPAN_CLASS_MAX; c++) if (span < 2 ** c) return c;
  return SPAN_CLASS_MAX;
}

/**
 * \`spanClass\` in SQLite's SQL over two day columns (migrations fill existing rows with it).
 * @example spanClassSql('first_day', 'last_day') // 'CASE WHEN first_day IS NULL … END'
 */
export function spanClassSql(first: string, last: string): string {
  const span = `(julianday(${last}) - julianday(${first}))`;
  // date() of a day that is not real (2023-02-30) is another day or NULL: such rows take the last class, as spanClass gives
  const real = `(date(${first}) IS ${first} AND date(${last}) IS ${last} AND length(${first}) = 10 AND length(${last}) = 10)`;
  const steps = Array.from({ length: SPAN_CLASS_MAX }, (_, c) => `WHEN ${span} < ${2 ** c} THEN ${c}`).join(' ');
  return `CASE WHEN ${first} IS NULL OR ${last} IS NULL THEN NULL WHEN NOT ${real} OR ${span} < 0 THEN ${SPAN_CLASS_MAX} ${steps} ELSE ${SPAN_CLASS_MAX} END`;
}

/**
 * For a date filter from \`from\` on: the first day each span class's rows can start on, by
 * class (0 … SPAN_CLASS_MAX; '' for the last: any); null when \`from\` is not a real day
 * (the filter then reads without the classes).
 * @example spanLowerBounds('2022-06-01')?.slice(0, 2) // ['2022-05-31', '2022-05-30']
 */
export function spanLowerBounds(from: string | undefined): string[] | null {
  const at = from === undefined ? NaN : dayMs(from);
  if (from !== undefined && Number.isNaN(at)) return null;
  return Array.from({ length: SPAN_CLASS_MAX + 1 }, (_, c) => {
    if (from === undefined || c === SPAN_CLASS_MAX) return '';
    const lo = new Date(at - 2 ** c * DAY_MS).toISOString();
    // before year 0 or past 9999 ISO writes a sign: any first day is late enough
    return /^\d{4}-/.test(lo) ? lo.slice(0, 10) : '';
  });
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
  /**
   * Stored merged events matching the filters counted per timeline day and type, day then
   * type ascending. No filter but the type: read from the kept counts per day and type
   * (happening_days, SQLite v20 / PostgreSQL 10), never from the merged events; a date filter
   * reads the window's merged events through their span classes (\`spanClass\`).
   * @example await store.happeningDays({ from: '2022-06-01', to: '2022-06-30' }) // [{ day: '2022-06-13', type: 'CONSULT', count: 2 }, …]
   */
  happeningDays(filters?: HappeningFilters): Promise<HappeningDayCount[]>;
  /**
   * Keys whose story counts alone are missing (their merged events are stored and current):
   * those of a database stored before the counts were kept (SQLite v20, PostgreSQL 10), in key
   * order after `after`, at most `limit`. Counting them reads each bucket once without merging
   * it again.
   * @example for (const key of await store.storyCountKeys(500)) …
   */
  storyCountKeys(limit: number, after?: string): Promise<string[]>;
  /**
   * Stores the story counts of keys from `storyCountKeys`, each only while it is still
   * listed there (a bucket merged again meanwhile has its counts from `setHappenings`), and
   * takes them off the list, in one transaction.
   * @example await store.setStoryCounts([{ key, stories: storyEventCounts(bucket) }])
   */
  setStoryCounts(counts: { key: string; stories: StoryEventCount[] }[]): Promise<void>;
  /**
   * The number of merged events each story's report counts (\`mergeEvents\` over the story's
   * events), by story id, as of the last refresh: the sum of its buckets' counts
   * (\`HappeningWrite.stories\`). A story with no event, or unknown, counts 0.
   * @example (await store.storyEventCounts([id])).get(id) // storyReport(store, story).events.length
   */
  storyEventCounts(storyIds: string[]): Promise<Map<string, number>>;
  /**
   * Stored merged events with a recipient other than their actor, counted per directed pair
   * and type, each with the labels of its newest one; pairs with the newest event first. No
   * date filter: read from the kept counts per pair (happening_pairs, SQLite v22 / PostgreSQL
   * 12), a row per pair, never from the merged events; a date window reads its merged events
   * through their span classes, an actor's through the actor's indexes.
   * @example await store.happeningPairs({ type: 'CONSULT' }) // [{ source: { id: 'country-us', label: 'أمريكا' }, target: …, type: 'CONSULT', count: 12 }, …]
   */
  happeningPairs(filters?: HappeningFilters): Promise<HappeningPairCount[]>;
}
