/**
 * Search on the two backends, side by side: one synthetic corpus built in SQLite, copied to
 * PostgreSQL with `migrateCorpus` (timed too), then the same queries on both.
 *
 *   node .build-pg/scripts/bench-search-backends.js [--articles 20000] [--queries 300] [--pg URL] [--json]
 *
 * Corpus: sentences of the seeds and Arabic HTML pages of ../shared (the repo's fixtures when
 * it is absent) recombined by a seeded PRNG into articles of 4–9 paragraphs, as
 * scripts/bench-search.ts does. Queries: words, two words, phrases, OR, NOT, prefixes of the
 * corpus vocabulary. Reports p50/p95 latency per backend (20 hits with snippets) and whether
 * both backends match the same articles for every query (same normalisation: they must).
 * PostgreSQL work happens in a schema of its own, dropped at the end (unless --keep).
 */
import { mkdtempSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../src/model/seeded-random.js';
import { readFilePage } from '../src/sources/files.js';
import { extractArticle } from '../src/extract/extract.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { arabicSearchAnalyzer } from '../src/arabic/search-keys.js';
import { parseQuery } from '../src/store/search-query.js';
import { sharedPath } from '../src/model/paths.js';
import { migrateCorpus } from '../src/app/migrate.js';
import { dropSchema, freshSchema, TEST_POSTGRES_URL } from '../src/store/postgres/pg-test-db.js';
import type { MarsadStore } from '../src/store/store.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : dflt;
};
const N = Number(opt('articles', '20000'));
const Q = Number(opt('queries', '300'));
const PG = opt('pg', TEST_POSTGRES_URL);
const json = args.includes('--json');
/** Leaves the PostgreSQL schema in place (printed), to look at query plans afterwards. */
const keep = args.includes('--keep');

async function sentences(): Promise<string[]> {
  const shared = sharedPath();
  const pages: string[] = [];
  for (const dir of shared ? [join(shared, 'seeds'), join(shared, 'data', 'arabic-html')] : []) {
    if (existsSync(dir)) pages.push(...readdirSync(dir).filter((f) => /\.(html?|txt)$/.test(f)).map((f) => join(dir, f)));
  }
  if (!pages.length) {
    const dir = new URL('../../test/fixtures/pages/', import.meta.url).pathname;
    pages.push(...readdirSync(dir).filter((f) => !f.startsWith('english')).map((f) => join(dir, f)));
  }
  const pool = new Set<string>();
  for (const f of pages) {
    try {
      for (const s of extractArticle(await readFilePage(f)).text.split(/(?<=[.!?؟])\s+/)) if (s.length > 40) pool.add(s.trim());
    } catch {
      // a page that does not extract contributes nothing
    }
  }
  return [...pool];
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function timeQueries(store: MarsadStore, queries: string[]): Promise<{ p50: number; p95: number; matches: string[][] }> {
  for (const q of queries.slice(0, 20)) await store.search(parseQuery(q));
  const times: number[] = [];
  const matches: string[][] = [];
  for (const q of queries) {
    const t = performance.now();
    await store.search(parseQuery(q), { limit: 20 });
    times.push(performance.now() - t);
    // Every match, to compare what the two indexes find (not timed).
    matches.push((await store.search(parseQuery(q), { limit: 100_000 })).map((h) => h.id).sort());
  }
  times.sort((a, b) => a - b);
  return { p50: +pct(times, 50).toFixed(2), p95: +pct(times, 95).toFixed(2), matches };
}

async function main() {
  const pool = await sentences();
  const rand = seededRandom(20221306);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const dir = mkdtempSync(join(tmpdir(), 'marsad-bench-backends-'));
  const path = join(dir, 'bench.db');
  const schema = freshSchema('marsad_bench');
  const pgUrl = `${PG}${PG.includes('?') ? '&' : '?'}schema=${schema}`;
  try {
    const sqlite = openSqliteStore(path, arabicSearchAnalyzer);
    const enc = new TextEncoder();
    for (let i = 0; i < N; i++) {
      const paragraph = () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(pool)).join(' ');
      const text = `${Array.from({ length: 4 + Math.floor(rand() * 6) }, paragraph).join('\n\n')}\n\n(${i})`;
      const d = new Date(Date.UTC(2019, 0, 1) + Math.floor(rand() * 7 * 365) * 86400000).toISOString().slice(0, 10);
      await sqlite.put({
        source: `https://bench.example/${i}`,
        raw: { bytes: enc.encode(text.slice(0, 64)), url: null, contentType: null, encoding: 'utf-8', kind: 'text', fetchedAt: d },
        article: { title: pick(pool).split(/\s+/).slice(0, 8).join(' '), published: d, author: null, site: 'bench', section: null, tags: [], url: `https://bench.example/${i}`, lang: 'ar', text },
      });
    }
    await sqlite.close();
    const t0 = performance.now();
    await migrateCorpus(path, pgUrl);
    const migrateSeconds = +((performance.now() - t0) / 1000).toFixed(1);

    const vocab = [...new Set(pool.join(' ').match(/[\u0621-\u064A]{4,}/g) ?? [])];
    const queries: string[] = [];
    for (let i = 0; i < Q; i++) {
      const a = pick(vocab);
      const b = pick(vocab);
      const stem = arabicSearchAnalyzer.keys(a)[0]?.key ?? a;
      queries.push([a, `${a} ${b}`, `"${a} ${b}"`, `${a} OR ${b}`, `${a} -${b}`, `${stem.slice(0, Math.max(3, stem.length - 2))}*`][i % 6]!);
    }
    const s = openSqliteStore(path, arabicSearchAnalyzer);
    const onSqlite = await timeQueries(s, queries);
    await s.close();
    const p = await openPostgresStore(pgUrl, arabicSearchAnalyzer);
    const onPostgres = await timeQueries(p, queries);
    await p.close();
    const differing = queries.filter((_, i) => onSqlite.matches[i]!.join() !== onPostgres.matches[i]!.join());
    const report = {
      articles: N,
      queries: Q,
      migrateSeconds,
      sqlite: { p50Ms: onSqlite.p50, p95Ms: onSqlite.p95 },
      postgres: { p50Ms: onPostgres.p50, p95Ms: onPostgres.p95 },
      queriesWithDifferentMatches: differing.length,
      firstDifferent: differing.slice(0, 5),
    };
    if (json) console.log(JSON.stringify(report));
    else for (const [k, v] of Object.entries(report)) console.log(`${k.padEnd(28)} ${typeof v === 'object' ? JSON.stringify(v) : v}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (keep) console.error(`kept: ${pgUrl}`);
    else await dropSchema(schema, PG);
  }
}

await main();
