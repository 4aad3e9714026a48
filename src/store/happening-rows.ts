/**
 * What is stored of one bucket's merge (pure): the merged events of `mergeEvents` over the
 * bucket, each with the sort columns of its first member and the days its members cover.
 * Every backend stores these rows; src/app/merged-events.ts makes them.
 */
import { dayRange, eventDay, mergeEventGroups, publishedDay, type MergedGroup } from '../resolve/event-merge.js';
import type { ArticleEvent } from '../model/event.js';
import type { HappeningBucket, HappeningRow, StoryEventCount } from './merged-event-store.js';

/** What both backends read beside each event of a bucket: its key, article and sort columns. */
export interface BucketRowFields {
  happening_key: string | null;
  article_id: string;
  title: string | null;
  published: string | null;
  source: string;
  site: string | null;
  story: string | null;
  /** the article's story_articles.seq (stories order their events by it), null when in no story */
  story_seq: number | null;
  order_day: string;
  order_published: string;
  ord: number;
}

/**
 * The buckets of `keys`, in that order, from event rows sorted by key then `listEvents`' order;
 * `toEvent` reads a backend's row as an event.
 * @example bucketsOf(keys, rows, toEvent) // one HappeningBucket per key, empty when no row has it
 */
export function bucketsOf<R extends BucketRowFields>(keys: readonly string[], rows: Iterable<R>, toEvent: (r: R) => ArticleEvent): HappeningBucket[] {
  const byKey = new Map<string, HappeningBucket>(keys.map((k) => [k, { events: [], order: [], articles: new Map(), storySeq: [] }]));
  for (const r of rows) {
    const b = byKey.get(r.happening_key!)!;
    b.events.push({ ...toEvent(r), article: r.article_id, title: r.title, published: r.published });
    b.order.push({ day: r.order_day, published: r.order_published, article: r.article_id, ord: r.ord });
    b.articles.set(r.article_id, { source: r.source, site: r.site, published: r.published, story: r.story });
    b.storySeq.push(r.story_seq === null ? null : Number(r.story_seq));
  }
  return keys.map((k) => byKey.get(k)!);
}

/**
 * The stored rows of one bucket: its merged events, each with the sort columns of its first
 * member and the days its members cover (an undated member by its article's publication day).
 * @example happeningRows((await store.happeningBuckets([key]))[0]!)
 */
export function happeningRows(bucket: HappeningBucket): HappeningRow[] {
  return mergeEventGroups(bucket.events, bucket.articles).map((g) => row(bucket, g));
}

function row(bucket: HappeningBucket, g: MergedGroup): HappeningRow {
  let firstDay: string | null = null;
  let lastDay: string | null = null;
  for (const m of g.members) {
    const e = bucket.events[m]!;
    const day = publishedDay(bucket.articles.get(e.article)?.published ?? e.published);
    const range = dayRange(e.date) ?? (day ? [day, day] : null);
    if (!range) continue;
    if (firstDay === null || range[0] < firstDay) firstDay = range[0];
    if (lastDay === null || range[1] > lastDay) lastDay = range[1];
  }
  return { event: g.event, order: bucket.order[g.members[0]!]!, firstDay, lastDay, day: eventDay(g.event) };
}

/**
 * What each story's report counts of one bucket: `mergeEvents` over the bucket's events of
 * that story, in the order the story reads them (`store.storyEvents`: its articles by
 * publication, else storage, date, then assignment; each one's events in order) — the greedy
 * merge depends on the order. A story's events merge only within a happening key, so the
 * sum over its buckets is the number of merged events its report lists (GET /api/stories
 * reads it instead of merging every listed story's events on each request).
 * @example storyEventCounts(bucket) // [{ story: 's1', count: 2 }]
 */
export function storyEventCounts(bucket: HappeningBucket): StoryEventCount[] {
  const byStory = new Map<string, number[]>();
  bucket.events.forEach((e, i) => {
    const story = bucket.articles.get(e.article)?.story;
    if (!story) return;
    const list = byStory.get(story);
    if (list) list.push(i);
    else byStory.set(story, [i]);
  });
  const out: StoryEventCount[] = [];
  for (const [story, list] of byStory) {
    list.sort((i, j) => {
      const a = bucket.order[i]!;
      const b = bucket.order[j]!;
      if (a.published !== b.published) return a.published < b.published ? -1 : 1;
      const d = (bucket.storySeq[i] ?? 0) - (bucket.storySeq[j] ?? 0);
      return d || a.ord - b.ord;
    });
    out.push({ story, count: mergeEventGroups(list.map((i) => bucket.events[i]!), bucket.articles).length });
  }
  return out;
}
