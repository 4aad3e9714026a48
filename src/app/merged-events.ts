/**
 * Keeps the stored merged events (src/store/merged-event-store.ts) up to date: every bucket
 * (happening key) marked stale since the last refresh is read and merged again, and nothing
 * else — so a view costs what changed since the last read, not a merge of the whole corpus
 * (issue #7: 22 s for the events page at 100k articles).
 *
 * A bucket's merged events are exactly `mergeEvents` over the whole corpus restricted to that
 * bucket: `mergeEvents` only joins events of one key, and the bucket's events come in the
 * order `listEvents` gives them, as the whole corpus did.
 */
import { happeningRows, storyEventCounts } from '../store/happening-rows.js';
import type { HappeningWrite } from '../store/merged-event-store.js';
import type { MarsadStore } from '../store/store.js';
import { sharedPass } from './shared-pass.js';

/** Stale keys read per batch (one query). */
const BATCH = 2000;
/**
 * Events whose merged events are written in one transaction, at most (about): a commit costs
 * tens of ms on a busy file (a WAL checkpoint now and then), a row tens of µs, so a full
 * refresh commits rarely, while a writer waiting on the lock waits a fraction of a second.
 */
const WRITE_EVENTS = 20_000;

export interface RefreshReport {
  /** buckets merged again */
  keys: number;
  /** events read */
  events: number;
  /** buckets marked again while they were merged (left stale for the next refresh) */
  remarked: number;
  /** buckets whose story counts alone were missing (stored before they were kept), counted without merging them again; absent when none */
  storyCounted?: number;
}

/**
 * Merges again every stale bucket, one pass over the stale keys in key order; a key marked
 * again meanwhile stays stale for the next call. Concurrent calls on one store share one pass.
 * @example await refreshMergedEvents(store) // { keys: 12, events: 40, remarked: 0 }
 */
export const refreshMergedEvents: (store: MarsadStore) => Promise<RefreshReport> = sharedPass(refreshPass);

async function refreshPass(store: MarsadStore): Promise<RefreshReport> {
  const report: RefreshReport = { keys: 0, events: 0, remarked: 0 };
  await mergePass(store, report);
  await storyCountPass(store, report);
  return report;
}

/** Counts the stories of the buckets whose story counts alone are missing (`store.storyCountKeys`): read, not merged again. */
async function storyCountPass(store: MarsadStore, report: RefreshReport): Promise<void> {
  for (let after = ''; ; ) {
    const keys = await store.storyCountKeys(BATCH, after);
    if (keys.length === 0) return;
    const buckets = await store.happeningBuckets(keys);
    await store.setStoryCounts(keys.map((key, i) => ({ key, stories: storyEventCounts(buckets[i]!) })));
    report.storyCounted = (report.storyCounted ?? 0) + keys.length;
    report.events += buckets.reduce((n, b) => n + b.events.length, 0);
    after = keys[keys.length - 1]!;
  }
}

async function mergePass(store: MarsadStore, report: RefreshReport): Promise<void> {
  for (let after = ''; ; ) {
    const stale = await store.staleHappeningKeys(BATCH, after);
    if (stale.length === 0) return;
    const writes: HappeningWrite[] = [];
    let events = 0;
    const flush = async () => {
      report.remarked += (await store.setHappenings(writes)).length;
      report.keys += writes.length;
      writes.length = 0;
      events = 0;
    };
    const buckets = await store.happeningBuckets(stale.map((s) => s.key));
    for (const [i, { key, seq }] of stale.entries()) {
      const bucket = buckets[i]!;
      writes.push({ key, seq, rows: happeningRows(bucket), stories: storyEventCounts(bucket) });
      report.events += bucket.events.length;
      // one commit per batch of buckets; a batch of large ones is written early, not held
      events += bucket.events.length;
      if (events >= WRITE_EVENTS) await flush();
    }
    if (writes.length) await flush();
    after = stale[stale.length - 1]!.key;
  }
}

