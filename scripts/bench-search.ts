/**
 * Search latency over a large synthetic corpus, with the index on disk.
 *
 *   npm run bench:search [-- --articles 100000] [-- --queries 300] [-- --json]
 *
 * Corpus: real Arabic paragraphs (the article text of ../shared/seeds and the Arabic pages
 * in ../shared/data/arabic-html, or the repo's own fixtures when ../shared is absent),
 * recombined: each synthetic article takes 4–9 paragraphs drawn at random (seeded PRNG, so
 * every run builds the same corpus), a title from a paragraph's first words, a site and a
 * date. Queries: single words, two-word AND, phrases, OR, NOT and prefixes, built from the
 * corpus vocabulary with the same PRNG, each run once cold-ish after a warm-up pass.
 * Reports p50/p95/max latency of store.search (20 results with snippets), build time, and
 * database and index size per 1,000 articles.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readFilePage } from '../src/sources/files.js';
import { extractArticle } from '../src/extract/extract.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { arabicSearchAnalyzer } from '../src/arabic/search-keys.js';
import { parseQuery } from '../src/store/search-query.js';
import { findShared } from './eval-extract.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const N = opt('articles', 100_000);
const Q = opt('queries', 300);
const json = args.includes('--json');

// mulberry32: small, fast, seeded — the corpus and queries are the same on every run.
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function paragraphs(): Promise<{ paras: string[]; from: string }> {
  const shared = findShared();
  const files: string[] = [];
  if (shared) {
    const seeds = join(shared, 'seeds');
    const html = join(shared, 'data', 'arabic-html');
    if (existsSync(seeds)) files.push(...readdirSync(seeds).map((f) => join(seeds, f)));
    if (existsSync(html)) files.push(...readdirSync(html).filter((f) => f.endsWith('.html')).map((f) => join(html, f)));
  }
  const from = files.length ? 'shared seeds and arabic-html pages' : 'repo fixtures (../shared absent)';
  if (!files.length) {
    const dir = new URL('../../test/fixtures/pages/', import.meta.url).pathname;
    files.push(...readdirSync(dir).filter((f) => !f.startsWith('english')).map((f) => join(dir, f)));
  }
  const paras = new Set<string>();
  for (const f of files) {
    try {
      for (const p of extractArticle(await readFilePage(f)).text.split(/\n\n+/)) if (p.length > 60) paras.add(p.trim());
    } catch {
      // a page that does not extract just contributes nothing
    }
  }
  return { paras: [...paras], from };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  const { paras, from } = await paragraphs();
  const rand = prng(20221306);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const sites = ['هسبريس', 'فبراير', 'عبّر', 'الصباح', 'LBC', 'الجزيرة', 'العربية', 'الشرق الأوسط'];
  const dir = mkdtempSync(join(tmpdir(), 'marsad-bench-search-'));
  const path = join(dir, 'bench.db');
  try {
    const store = openSqliteStore(path, arabicSearchAnalyzer);
    const t0 = performance.now();
    const enc = new TextEncoder();
    for (let i = 0; i < N; i++) {
      const k = 4 + Math.floor(rand() * 6);
      const body = Array.from({ length: k }, () => pick(paras)).join('\n\n');
      const title = pick(paras).split(/\s+/).slice(0, 8).join(' ');
      const d = new Date(Date.UTC(2019, 0, 1) + Math.floor(rand() * 7 * 365) * 86400000).toISOString().slice(0, 10);
      const text = `${body}\n\n(${i})`;
      await store.put({
        source: `https://bench.example/${i}`,
        raw: { bytes: enc.encode(text.slice(0, 64)), url: null, contentType: null, encoding: 'utf-8', kind: 'text', fetchedAt: d },
        article: { title, published: d, author: null, site: pick(sites), section: null, tags: [], url: `https://bench.example/${i}`, lang: 'ar', text },
      });
    }
    const buildMs = performance.now() - t0;

    const vocab = [...new Set(paras.join(' ').match(/[\u0621-\u064A]{4,}/g) ?? [])];
    const queries: string[] = [];
    for (let i = 0; i < Q; i++) {
      const a = pick(vocab);
      const b = pick(vocab);
      queries.push([a, `${a} ${b}`, `"${a} ${b}"`, `${a} OR ${b}`, `${a} -${b}`, `${a.slice(0, 4)}*`][i % 6]!);
    }
    for (const q of queries.slice(0, 20)) await store.search(parseQuery(q));
    const times: number[] = [];
    let results = 0;
    for (const q of queries) {
      const s = performance.now();
      results += (await store.search(parseQuery(q), { limit: 20 })).length;
      times.push(performance.now() - s);
    }
    await store.close();
    times.sort((x, y) => x - y);
    const db = new Database(path, { readonly: true });
    let ftsBytes: number | null = null;
    try {
      ftsBytes = (db.prepare("SELECT SUM(pgsize) AS b FROM dbstat WHERE name LIKE 'articles_fts%'").get() as { b: number }).b;
    } catch {
      ftsBytes = null; // dbstat not compiled in
    }
    db.close();
    const dbBytes = statSync(path).size + (existsSync(path + '-wal') ? statSync(path + '-wal').size : 0);
    const report = {
      articles: N,
      corpus: `${paras.length} distinct paragraphs from ${from}, recombined 4–9 per article`,
      queries: Q,
      meanResults: +(results / Q).toFixed(1),
      p50Ms: +pct(times, 50).toFixed(2),
      p95Ms: +pct(times, 95).toFixed(2),
      maxMs: +times[times.length - 1]!.toFixed(2),
      buildSeconds: +(buildMs / 1000).toFixed(1),
      dbMBPer1000: +((dbBytes / N) * 1000 / 1e6).toFixed(2),
      indexMBPer1000: ftsBytes === null ? null : +((ftsBytes / N) * 1000 / 1e6).toFixed(2),
    };
    if (json) console.log(JSON.stringify(report));
    else for (const [k, v] of Object.entries(report)) console.log(`${k.padEnd(16)} ${v}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
