/**
 * What the events views cost on a stored corpus (issue #7: no view waits on a full scan),
 * with merged events stored per happening key (src/app/merged-events.ts):
 *   - opening the store (on a database from before schema 14, the migration that keys every
 *     event and marks every key stale);
 *   - the one-time full refresh (every bucket merged and stored);
 *   - `listMergedEvents` first page (50) unfiltered, by type, by actor (the most frequent one),
 *     over a month, and a later page (offset 1,000);
 *   - the timeline and the network (their store counts, filtered as the API would);
 *   - the refresh after one article's events are written again (what an ingest leaves);
 *   - with --baseline, the former way: every event read and merged in memory;
 *   - with --check, that the stored merged events equal `mergeEvents` over every event, and
 *     the timeline and network counts those computed from all of them in memory.
 *
 *   node dist/scripts/bench-events.js --db FILE [--baseline] [--check] [--runs 5]
 *
 * The database is any Marsad SQLite file (`npm run bench:ingest -- --keep-db FILE` or
 * `npm run bench:api` build one); it is migrated and its merged events stored in place, so
 * give it a copy to keep the original. Times are wall-clock milliseconds: the first run, and
 * the median of --runs runs.
 */
import { existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { arabicSearchAnalyzer } from '../src/arabic/search-keys.js';
import { mergeEvents } from '../src/resolve/event-merge.js';
import { listMergedEvents } from '../src/app/stories.js';
import { refreshMergedEvents } from '../src/app/merged-events.js';
import { buildNetwork, storeNetwork } from '../src/app/network.js';
import { timeline, timelineOfCounts } from '../src/api/routes/timeline.js';
import type { MarsadStore } from '../src/store/store.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : dflt;
};
const db = opt('db', '');
if (!db || !existsSync(db)) {
  console.error(`bench-events: expected --db PATH naming a Marsad SQLite file, found '${db}'. Build one with npm run bench:ingest -- --keep-db FILE.`);
  process.exit(2);
}
const runs = Math.max(1, Number(opt('runs', '5')));

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/** First run and median of `runs` runs, in ms. */
async function measure(name: string, fn: () => Promise<unknown>, note = ''): Promise<void> {
  const times: number[] = [];
  let size = '';
  for (let i = 0; i < runs; i++) {
    const { ms, value } = await time(fn);
    times.push(ms);
    if (i === 0) size = Array.isArray(value) ? `${value.length} rows` : '';
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(`${name.padEnd(44)} ${times[0]!.toFixed(1).padStart(9)} ${median.toFixed(1).padStart(9)}   ${[size, note].filter(Boolean).join(', ')}`);
}

/** The former listMergedEvents: every matching event read, then merged in memory. */
async function mergedInMemory(store: MarsadStore): Promise<ReturnType<typeof mergeEvents>> {
  const events = await store.listEvents({ limit: Number.MAX_SAFE_INTEGER, offset: 0 });
  const refs = await store.articleRefs([...new Set(events.map((e) => e.article))]);
  return mergeEvents(events, new Map(refs.map((r) => [r.id, { source: r.source, site: r.site, published: r.published, story: r.story }])));
}

const opened = await time(async () => openSqliteStore(db, arabicSearchAnalyzer));
const store = opened.value;
try {
  console.log(`${'step'.padEnd(44)} ${'first ms'.padStart(9)} ${'median ms'.padStart(9)}`);
  console.log(`${'open (with the migration if due)'.padEnd(44)} ${opened.ms.toFixed(1).padStart(9)}`);
  const full = await time(() => refreshMergedEvents(store));
  console.log(`${'full refresh (every stale bucket)'.padEnd(44)} ${full.ms.toFixed(1).padStart(9)} ${''.padStart(9)}   ${full.value.keys} buckets, ${full.value.events} events`);

  const all = await store.listHappenings({ limit: Number.MAX_SAFE_INTEGER });
  const months = new Map<string, number>();
  const actors = new Map<string, number>();
  for (const m of all) {
    const day = m.date.start ?? m.published;
    if (day) months.set(day.slice(0, 7), (months.get(day.slice(0, 7)) ?? 0) + 1);
    for (const id of [m.source.id, m.target?.id]) if (id && !id.startsWith('generic:')) actors.set(id, (actors.get(id) ?? 0) + 1);
  }
  const actor = [...actors].sort((a, b) => b[1] - a[1])[0]?.[0];
  const month = [...months].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '2022-06';
  const monthEnd = `${month}-${String(new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7), 0)).getUTCDate()).padStart(2, '0')}`;
  console.log(`${all.length} merged events; actor filter ${actor} (${actors.get(actor ?? '') ?? 0} merged events), month ${month}`);

  await measure('listMergedEvents first page', () => listMergedEvents(store, { limit: 50 }));
  await measure('listMergedEvents page at offset 1000', () => listMergedEvents(store, { limit: 50, offset: 1000 }));
  await measure('listMergedEvents type CONSULT', () => listMergedEvents(store, { type: 'CONSULT', limit: 50 }));
  if (actor) await measure('listMergedEvents actor', () => listMergedEvents(store, { actor, limit: 50 }));
  await measure('listMergedEvents month', () => listMergedEvents(store, { from: `${month}-01`, to: monthEnd, limit: 50 }));
  await measure('timeline', async () => {
    await refreshMergedEvents(store);
    return timelineOfCounts(await store.happeningDays({})).buckets;
  });
  await measure('timeline type CONSULT', async () => {
    await refreshMergedEvents(store);
    return timelineOfCounts(await store.happeningDays({ type: 'CONSULT' })).buckets;
  });
  await measure('network (100 nodes)', async () => (await storeNetwork(store, {}, 100)).edges);
  if (actor) await measure('network actor', async () => (await storeNetwork(store, { actor }, 100)).edges);

  // what one re-analysed article leaves stale
  const [latest] = await store.listEvents({ limit: 1 });
  if (latest) {
    await measure(
      'refresh + first page after 1 article rewritten',
      async () => {
        await store.setArticleEvents(latest.article, await store.articleEvents(latest.article));
        return listMergedEvents(store, { limit: 50 });
      },
      `article ${latest.article}`,
    );
  }

  if (args.includes('--baseline') || args.includes('--check')) {
    const before = await time(() => mergedInMemory(store));
    console.log(`${'former way: read and merge every event'.padEnd(44)} ${before.ms.toFixed(1).padStart(9)} ${''.padStart(9)}   ${before.value.length} merged events`);
    if (args.includes('--check')) {
      const stored = await store.listHappenings({ limit: Number.MAX_SAFE_INTEGER });
      const same = isDeepStrictEqual(stored, before.value);
      const firstDiff = same ? -1 : stored.findIndex((m, i) => !isDeepStrictEqual(m, before.value[i]));
      console.log(`check: stored merged events ${same ? 'equal' : `DIFFER from (first at ${firstDiff})`} mergeEvents over every event (${stored.length} vs ${before.value.length})`);
      // the views' store counts against the same views computed from every merged event
      const days = isDeepStrictEqual(timelineOfCounts(await store.happeningDays({})), timeline(before.value));
      const network = isDeepStrictEqual((await storeNetwork(store, {}, Number.POSITIVE_INFINITY)).edges, buildNetwork(before.value, { limit: Number.POSITIVE_INFINITY }).edges);
      const nodes = (await storeNetwork(store, {}, Number.POSITIVE_INFINITY)).nodes.map((n) => [n.id, n.label, n.degree]);
      const sameNodes = isDeepStrictEqual(nodes, buildNetwork(before.value, { limit: Number.POSITIVE_INFINITY }).nodes.map((n) => [n.id, n.label, n.degree]));
      console.log(`check: timeline ${days ? 'equal' : 'DIFFERS'}, network edges ${network ? 'equal' : 'DIFFER'}, nodes ${sameNodes ? 'equal' : 'DIFFER'} (from every merged event in memory)`);
      if (!same || !days || !network || !sameNodes) process.exitCode = 1;
    }
  }
} finally {
  await store.close();
}
