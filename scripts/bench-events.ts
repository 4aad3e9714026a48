/**
 * What the events pages cost on a stored corpus: reading the events (one query, as
 * `listMergedEvents` does), the articles they cite, and merging them across outlets, for the
 * newest N events and for all of them.
 *
 *   node dist/scripts/bench-events.js --db /tmp/load-bench/marsad-100k.db [--sizes 5000,20000,all]
 *
 * The database is any Marsad SQLite file; `npm run bench:api` builds and caches a 100k-article
 * one (its path is printed there). Times are wall-clock milliseconds of one run each.
 */
import { existsSync } from 'node:fs';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { arabicSearchAnalyzer } from '../src/arabic/search-keys.js';
import { mergeEvents } from '../src/resolve/event-merge.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : dflt;
};
const db = opt('db', '');
if (!db || !existsSync(db)) {
  console.error(`bench-events: expected --db PATH naming a Marsad SQLite file, found '${db}'. Build one with npm run bench:api.`);
  process.exit(2);
}
const sizes = opt('sizes', '5000,20000').split(',');

const store = openSqliteStore(db, arabicSearchAnalyzer);
try {
  console.log('events    read ms   refs ms   merge ms   merged');
  for (const size of sizes) {
    const limit = size === 'all' ? Number.MAX_SAFE_INTEGER : Number(size);
    let t = performance.now();
    const events = await store.listEvents({ limit, offset: 0 });
    const read = performance.now() - t;
    t = performance.now();
    const refs = await store.articleRefs([...new Set(events.map((e) => e.article))]);
    const info = new Map(refs.map((r) => [r.id, { source: r.source, site: r.site, published: r.published, story: r.story }]));
    const cite = performance.now() - t;
    t = performance.now();
    const merged = mergeEvents(events, info);
    const merge = performance.now() - t;
    console.log(
      [String(events.length).padStart(6), read.toFixed(0).padStart(10), cite.toFixed(0).padStart(9), merge.toFixed(0).padStart(10), String(merged.length).padStart(8)].join(' '),
    );
  }
} finally {
  await store.close();
}
