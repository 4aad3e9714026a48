/**
 * What is stored of one bucket's merge (pure): the merged events of `mergeEvents` over the
 * bucket, each with the sort columns of its first member and the days its members cover.
 * Every backend stores these rows; src/app/merged-events.ts makes them.
 */
import { dayRange, eventDay, mergeEventGroups, publishedDay, type MergedGroup } from '../resolve/event-merge.js';
import type { HappeningBucket, HappeningRow } from './merged-event-store.js';

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
