/**
 * Search latency over a large synthetic corpus, with the index on disk.
 *
 *   npm run bench:search [-- --articles 100000] [-- --queries 300] [-- --json]
 *
 * Corpus: real Arabic news sentences — the 3,667 sentences of ANERcorp (news, tokens
 * re-joined), the ~2,900 labelled event sentences, and the sentences of the seeds' and the
 * Arabic HTML pages' article text (or the repo's own fixtures when ../shared is absent) —
 * recombined: a paragraph is 2–4 sentences drawn at random, an article 4–9 paragraphs
 * (seeded PRNG, so every run builds the same corpus), with a title from a sentence's first
 * words, a site and a date. Drawing from thousands of sentences keeps word frequencies
 * closer to a real archive than repeating a few whole pages would. Queries: single words, two-word AND, phrases, OR, NOT and prefixes, built from the
 * corpus vocabulary with the same PRNG, each run once cold-ish after a warm-up pass.
 * Reports p50/p95/max latency of store.search (20 results with snippets), build time, and
 * database and index size per 1,000 articles.
 */
import { seededRandom } from '../src/model/seeded-random.js';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readFilePage } from '../src/sources/files.js';
import { extractArticle } from '../src/extract/extract.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { arabicSearchAnalyzer } from '../src/arabic/search-keys.js';
import { parseQuery } from '../src/store/search-query.js';
import { sharedPath } from '../src/model/paths.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const N = opt('articles', 100_000);
const Q = opt('queries', 300);
const json = args.includes('--json');


async function sentences(): Promise<{ pool: string[]; from: string }> {
  const shared = sharedPath();
  const pool = new Set<string>();
  const add = (text: string) => {
    for (const sentence of text.split(/(?<=[.!?؟])\s+/)) if (sentence.length > 40) pool.add(sentence.trim());
  };
  const pages: string[] = [];
  const sources: string[] = [];
  if (shared) {
    const seeds = join(shared, 'seeds');
    const html = join(shared, 'data', 'arabic-html');
    if (existsSync(seeds)) pages.push(...readdirSync(seeds).map((f) => join(seeds, f)));
    if (existsSync(html)) pages.push(...readdirSync(html).filter((f) => f.endsWith('.html')).map((f) => join(html, f)));
    const ner = join(shared, 'data', 'ner', 'anercorp-camel-train.txt');
    if (existsSync(ner)) {
      sources.push('ANERcorp');
      for (const block of readFileSync(ner, 'utf8').split(/\n\s*\n/)) {
        add(block.split('\n').map((l) => l.split(' ')[0]).join(' '));
      }
    }
    const events = join(shared, 'data', 'events');
    if (existsSync(events)) {
      sources.push('event sentences');
      for (const f of readdirSync(events).filter((f) => f.endsWith('.csv'))) {
        for (const line of readFileSync(join(events, f), 'utf8').split('\n').slice(1)) {
          const text = line.split(',').slice(6).join(',').replace(/^"|"$/g, '');
          if (/[\u0600-\u06FF]/.test(text)) add(text);
        }
      }
    }
  }
  if (!pages.length) {
    const dir = new URL('../../test/fixtures/pages/', import.meta.url).pathname;
    pages.push(...readdirSync(dir).filter((f) => !f.startsWith('english')).map((f) => join(dir, f)));
  }
  sources.push(shared ? 'seeds and arabic-html pages' : 'repo fixtures (../shared absent)');
  for (const f of pages) {
    try {
      add(extractArticle(await readFilePage(f)).text);
    } catch {
      // a page that does not extract just contributes nothing
    }
  }
  return { pool: [...pool], from: sources.join(', ') };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  const { pool, from } = await sentences();
  const rand = seededRandom(20221306);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const sites = ['هسبريس', 'فبراير', 'عبّر', 'الصباح', 'LBC', 'الجزيرة', 'العربية', 'الشرق الأوسط'];
  const dir = mkdtempSync(join(tmpdir(), 'marsad-bench-search-'));
  const path = join(dir, 'bench.db');
  try {
    const store = openSqliteStore(path, arabicSearchAnalyzer);
    const t0 = performance.now();
    const enc = new TextEncoder();
    for (let i = 0; i < N; i++) {
      const paragraph = () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(pool)).join(' ');
      const body = Array.from({ length: 4 + Math.floor(rand() * 6) }, paragraph).join('\n\n');
      const title = pick(pool).split(/\s+/).slice(0, 8).join(' ');
      const d = new Date(Date.UTC(2019, 0, 1) + Math.floor(rand() * 7 * 365) * 86400000).toISOString().slice(0, 10);
      const text = `${body}\n\n(${i})`;
      await store.put({
        source: `https://bench.example/${i}`,
        raw: { bytes: enc.encode(text.slice(0, 64)), url: null, contentType: null, encoding: 'utf-8', kind: 'text', fetchedAt: d },
        article: { title, published: d, author: null, site: pick(sites), section: null, tags: [], url: `https://bench.example/${i}`, lang: 'ar', text },
      });
    }
    const buildMs = performance.now() - t0;

    const vocab = [...new Set(pool.join(' ').match(/[\u0621-\u064A]{4,}/g) ?? [])];
    const queries: string[] = [];
    for (let i = 0; i < Q; i++) {
      const a = pick(vocab);
      const b = pick(vocab);
      // A prefix query truncates a word as a reader would: its stem less its last letters.
      const stem = arabicSearchAnalyzer.keys(a)[0]?.key ?? a;
      const prefix = `${stem.slice(0, Math.max(3, stem.length - 2))}*`;
      queries.push([a, `${a} ${b}`, `"${a} ${b}"`, `${a} OR ${b}`, `${a} -${b}`, prefix][i % 6]!);
    }
    for (const q of queries.slice(0, 20)) await store.search(parseQuery(q));
    const times: number[] = [];
    const KINDS = ['word', 'two words', 'phrase', 'OR', 'NOT', 'prefix'];
    const byKind = new Map<string, number[]>(KINDS.map((k) => [k, []]));
    let results = 0;
    for (const [i, q] of queries.entries()) {
      const s = performance.now();
      results += (await store.search(parseQuery(q), { limit: 20 })).length;
      const ms = performance.now() - s;
      times.push(ms);
      byKind.get(KINDS[i % 6]!)!.push(ms);
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
      corpus: `${pool.length} distinct sentences from ${from}; 2–4 a paragraph, 4–9 paragraphs an article`,
      queries: Q,
      meanResults: +(results / Q).toFixed(1),
      p50Ms: +pct(times, 50).toFixed(2),
      p95Ms: +pct(times, 95).toFixed(2),
      maxMs: +times[times.length - 1]!.toFixed(2),
      buildSeconds: +(buildMs / 1000).toFixed(1),
      dbMBPer1000: +((dbBytes / N) * 1000 / 1e6).toFixed(2),
      indexMBPer1000: ftsBytes === null ? null : +((ftsBytes / N) * 1000 / 1e6).toFixed(2),
      p95MsByKind: Object.fromEntries(
        [...byKind].map(([k, v]) => [k, +pct(v.sort((x, y) => x - y), 95).toFixed(1)]),
      ),
    };
    if (json) console.log(JSON.stringify(report));
    else for (const [k, v] of Object.entries(report)) console.log(`${k.padEnd(16)} ${typeof v === 'object' ? JSON.stringify(v) : v}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
