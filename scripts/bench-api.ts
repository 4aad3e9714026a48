/**
 * The API under a bounded load test on loopback, at 100k articles (issue #8): requests per
 * second and p50/p99 latency of the search and entity pages.
 *
 *   npx tsc -p tsconfig.json --outDir .build-load && node .build-load/scripts/bench-api.js [flags below]
 *
 *   npm run bench:api [-- --db PATH] [-- --out FILE.json] [-- --articles 100000]
 *                     [-- --connections 10] [-- --duration 10] [-- --warmup 2] [-- --timeout 10]
 *                     [-- --only search|entities]
 *
 * Corpus (built once, cached at --db, default `<os.tmpdir()>/marsad-bench-api-<N>.db`, and
 * reused while the `<db>.json` beside it names the same corpus version and size):
 *   1. Base: the REAL pipeline (`ingest` of src/app/ingest.ts: extraction, Arabic analysis,
 *      entities, quotes, events, resolution) over the five seed pages of ../shared/seeds and
 *      the Arabic HTML pages of ../shared/data/arabic-html, read at run time (never copied
 *      into the repo); without them the script stops and says so.
 *   2. Paragraph pool: each base article's text split on blank lines; each paragraph keeps
 *      the entity mentions, quotes and events that lie wholly inside it (offsets relative to
 *      the paragraph).
 *   3. N synthetic articles, written at the store level with a seeded PRNG
 *      (src/model/seeded-random.ts), so every run builds the same corpus: a base article
 *      drawn at random, each of its paragraphs kept with probability 0.7, plus 1–3
 *      paragraphs of any base drawn with Zipf-like weights (a seeded ranking of the pool,
 *      weight 1/rank), all shuffled; the base's title; a distinct source and URL; one of the
 *      bases' outlets (site); a publication date uniform over 2019–2024. `store.put` stores
 *      and indexes it; the base's entity assignments (existing entity ids, mentions with
 *      offsets moved to where their paragraph now sits, roles), quotes (speaker ids) and
 *      events (renumbered ids) for the kept paragraphs are re-attached through
 *      `setArticleEntities`, `setArticleQuotes` and `setArticleEvents`. With seven bases, each
 *      base paragraph lands in about a tenth of the articles, so at 100k every entity is in
 *      10k–82k articles and the least frequent words chosen are in about 10k: the corpus has
 *      no rare entities (a known gap; more bases would give them). Stories: an article joins
 *      the story of its base article and its week (`story-<base>-<week>`, labelled with the
 *      base's title and its first sentence), some 45 articles a story at 100k; their merged
 *      events are computed at the end, as an ingest run does. Near-duplicate signatures are
 *      not built: the pages measured here do not read them.
 *
 * Load: the API runs in a child process (this script with `--serve DB`, `serveApi` on port 0);
 * autocannon in this process sends, per endpoint, `--warmup` seconds of unmeasured requests
 * then `--duration` seconds with `--connections` connections (a request unanswered after
 * `--timeout` seconds counts as an error), one endpoint at a time, each once the server is idle.
 * Endpoints: /api/search with words of high, middle and low document frequency, a phrase,
 * OR, NOT, a site: filter, a date range, and the workbench's 200-hit facet sample;
 * /api/entities (the workbench's list page, all and PERSON); /api/entities/:id — what the
 * workbench's entity page fetches — for the most mentioned entity, the most quoted speaker,
 * a middle one and a rare one. Prints a table and writes JSON to --out.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { seededRandom } from '../src/model/seeded-random.js';
import { sharedPath } from '../src/model/paths.js';
import type { ArticleEvent } from '../src/model/event.js';
import type { ArticleQuote } from '../src/model/quote.js';
import type { EntityAssignment, EntityType } from '../src/model/entity.js';
import { Fetcher } from '../src/sources/fetcher.js';
import { openStore } from '../src/app/open-store.js';
import { ingest } from '../src/app/ingest.js';
import { mentionKey } from '../src/resolve/entity-linking.js';
import { serveApi } from '../src/api/serve.js';
import { refreshMergedEvents } from '../src/app/merged-events.js';

/** Bumped whenever the way the corpus is made changes, so a cached database is rebuilt. */
const CORPUS_VERSION = 2;

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const num = (name: string, dflt: number) => {
  const v = flag(name);
  return v === undefined ? dflt : Number(v);
};

// ------------------------------------------------------------------ child: the server

if (flag('serve')) {
  const store = await openStore(flag('serve')!);
  const server = await serveApi({ store, port: 0 });
  process.stdout.write(JSON.stringify({ url: server.url }) + '\n');
  const stop = async () => {
    await server.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  await new Promise(() => {}); // serve until told to stop
}

const N = num('articles', 100_000);
const CONNECTIONS = num('connections', 10);
const DURATION = num('duration', 10);
const WARMUP = num('warmup', 2);
const TIMEOUT = num('timeout', 10);
const only = flag('only');
const dbPath = flag('db') ?? join(tmpdir(), `marsad-bench-api-${N}.db`);
const outPath = flag('out');
if (![N, CONNECTIONS, DURATION, WARMUP, TIMEOUT].every((n) => Number.isFinite(n) && n >= 0) || N < 1 || (only && !['search', 'entities'].includes(only))) {
  console.error('usage: bench-api [--db PATH] [--out FILE] [--articles N] [--connections C] [--duration S] [--warmup S] [--timeout S] [--only search|entities]');
  process.exit(2);
}

// ------------------------------------------------------------------ corpus

interface Para {
  text: string;
  base: number;
  mentions: { entity: string; type: EntityType; label: string; label_en: string | null; roles: string[]; text: string; start: number; end: number }[];
  quotes: ArticleQuote[];
  events: ArticleEvent[];
}

/** What the load phase needs to know about the corpus; kept beside the database. */
interface CorpusInfo {
  version: number;
  articles: number;
  bases: number;
  paragraphs: number;
  buildSeconds: number;
  words: { word: string; articles: number }[];
  entities: { id: string; label: string; type: string; articles: number; quotes: number }[];
  sites: string[];
}

function shiftSpan<T extends { start: number; end: number }>(x: T, by: number): T {
  return { ...x, start: x.start + by, end: x.end + by };
}

async function buildCorpus(): Promise<CorpusInfo> {
  const seeds = sharedPath('seeds');
  const html = sharedPath('data', 'arabic-html');
  if (!seeds || !html) {
    console.error('bench-api needs the real Arabic pages of ../shared/seeds and ../shared/data/arabic-html to build its corpus; they were not found (run from the project root, beside ../shared).');
    process.exit(1);
  }
  const inputs = [seeds, ...readdirSync(html).filter((f) => f.endsWith('.html')).map((f) => join(html, f))];
  const t0 = performance.now();
  const building = `${dbPath}.building`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true });
  const store = await openStore(building);

  // 1. The real pipeline on the real pages.
  const baseIds: string[] = [];
  for await (const r of ingest(inputs, { store, fetcher: new Fetcher({ respectRobots: false }) })) {
    if (r.id && r.status === 'new') baseIds.push(r.id);
    else console.error(`base page ${r.source}: ${r.status}${r.reason ? ` (${r.reason})` : ''}`);
  }
  if (baseIds.length === 0) throw new Error('no base article was stored');

  // 2. The paragraph pool, with what the analysis found inside each paragraph.
  const pool: Para[] = [];
  const bases: { title: string | null; site: string | null; paras: number[] }[] = [];
  for (const [b, id] of baseIds.entries()) {
    const stored = (await store.get(id))!;
    const entities = await store.articleEntities(id);
    const quotes = await store.articleQuotes(id);
    const events = await store.articleEvents(id);
    const text = stored.article.text;
    const paras: number[] = [];
    for (const m of text.matchAll(/[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (!m[0].trim()) continue;
      const inside = (s: number, e: number) => s >= start && e <= end;
      paras.push(pool.length);
      pool.push({
        text: m[0],
        base: b,
        mentions: entities.flatMap((e) =>
          e.mentions
            .filter((x) => inside(x.start, x.end))
            .map((x) => ({ entity: e.id, type: e.type, label: e.label, label_en: e.label_en, roles: e.roles, text: x.text, start: x.start - start, end: x.end - start })),
        ),
        quotes: quotes.filter((q) => inside(q.start, q.end)).map((q) => shiftSpan(q, -start)),
        events: events.filter((ev) => inside(ev.evidence.start, ev.evidence.end)).map((ev) => ({ ...ev, evidence: shiftSpan(ev.evidence, -start) })),
      });
    }
    bases.push({ title: stored.article.title, site: stored.article.site, paras });
  }
  const sites = [...new Set(bases.map((b) => b.site).filter((s): s is string => !!s))];
  if (sites.length === 0) sites.push('example.org');
  console.error(`base: ${baseIds.length} articles through the real pipeline, ${pool.length} paragraphs (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  // 3. The synthetic articles.
  const random = seededRandom(8_100_000 + CORPUS_VERSION);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const shuffle = <T>(xs: T[]): T[] => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  };
  const ranking = shuffle(pool.map((_, i) => i));
  const weights = ranking.map((_, rank) => 1 / (rank + 1));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const zipfParagraph = () => {
    let r = random() * totalWeight;
    for (let i = 0; i < ranking.length; i++) if ((r -= weights[i]!) <= 0) return ranking[i]!;
    return ranking[ranking.length - 1]!;
  };
  const day0 = Date.UTC(2019, 0, 1);
  const days = (Date.UTC(2024, 11, 31) - day0) / 86_400_000;
  const paraArticles = pool.map(() => 0);
  const entityArticles = new Map<string, { label: string; type: string; articles: number; quotes: number }>();
  const wordParas = new Map<string, Set<number>>();
  pool.forEach((p, i) => {
    for (const w of p.text.match(/[\u0621-\u064A]{3,}/g) ?? []) {
      let s = wordParas.get(w);
      if (!s) wordParas.set(w, (s = new Set()));
      s.add(i);
    }
  });
  const articleParas: Uint16Array[] = [];
  const stories = new Map<string, number>();
  let last = performance.now();
  for (let i = 0; i < N; i++) {
    const b = Math.floor(random() * bases.length);
    const chosen = bases[b]!.paras.filter(() => random() < 0.7);
    for (let k = 1 + Math.floor(random() * 3); k > 0; k--) chosen.push(zipfParagraph());
    const paras = shuffle([...new Set(chosen)]);
    articleParas.push(Uint16Array.from(paras));
    let text = '';
    const assignments = new Map<string, EntityAssignment>();
    const quotes: ArticleQuote[] = [];
    const events: ArticleEvent[] = [];
    for (const pi of paras) {
      const p = pool[pi]!;
      paraArticles[pi]!++;
      if (text) text += '\n\n';
      const at = text.length;
      text += p.text;
      for (const m of p.mentions) {
        let a = assignments.get(m.entity);
        if (!a) {
          a = { entityId: m.entity, type: m.type, label: m.label, label_en: m.label_en, roles: m.roles, mentions: [], keys: [] };
          assignments.set(m.entity, a);
        }
        a.mentions.push({ text: m.text, start: m.start + at, end: m.end + at, key: mentionKey(m.text) });
      }
      quotes.push(...p.quotes.map((q) => shiftSpan(q, at)));
      events.push(...p.events.map((ev) => ({ ...ev, evidence: shiftSpan(ev.evidence, at) })));
    }
    const published = new Date(day0 + Math.floor(random() * days) * 86_400_000 + Math.floor(random() * 86_400) * 1000).toISOString().slice(0, 19) + 'Z';
    const site = random() < 0.5 ? (bases[b]!.site ?? pick(sites)) : pick(sites);
    const url = `https://${site}/${published.slice(0, 4)}/${published.slice(5, 7)}/article-${i}`;
    const { id } = await store.put({
      source: url,
      raw: { bytes: new TextEncoder().encode(text), url, contentType: 'text/plain; charset=utf-8', encoding: 'utf-8', kind: 'text', fetchedAt: published },
      article: { title: bases[b]!.title, published, author: null, site, section: null, tags: [], url, lang: 'ar', text },
    });
    await store.setArticleEntities(id, [...assignments.values()], published.slice(0, 10));
    await store.setArticleQuotes(id, quotes);
    await store.setArticleEvents(id, events.map((ev, n) => ({ ...ev, id: `${id}:${n + 1}` })));
    const story = `story-${b}-${Math.floor((Date.parse(published) - day0) / (7 * 86_400_000))}`;
    await store.assignStory(id, story);
    stories.set(story, b);
    for (const a of assignments.values()) {
      let e = entityArticles.get(a.entityId!);
      if (!e) entityArticles.set(a.entityId!, (e = { label: a.label, type: a.type, articles: 0, quotes: 0 }));
      e.articles++;
    }
    for (const q of quotes) if (q.speaker?.id) entityArticles.get(q.speaker.id) && entityArticles.get(q.speaker.id)!.quotes++;
    if (performance.now() - last > 10_000) {
      last = performance.now();
      console.error(`  ${i + 1} / ${N} articles (${((last - t0) / 1000).toFixed(0)} s)`);
    }
  }
  for (const [story, b] of stories) {
    const first = pool[bases[b]!.paras[0]!]?.text.split(/(?<=[.!؟])\s/)[0] ?? '';
    await store.setStory({ id: story, label: bases[b]!.title, summary: first ? [first] : [] });
  }
  const merged = await refreshMergedEvents(store);
  console.error(`  merged events of ${N} articles computed (${JSON.stringify(merged)})`);
  await store.close();

  // Words by the number of articles that contain them, for search queries of known frequency.
  const seen = new Uint8Array(N);
  const articlesOfWord = (word: string) => {
    const ps = wordParas.get(word)!;
    seen.fill(0);
    let n = 0;
    articleParas.forEach((paras, a) => {
      if (!seen[a] && paras.some((p) => ps.has(p))) {
        seen[a] = 1;
        n++;
      }
    });
    return n;
  };
  const candidates = [...wordParas.keys()].filter((w) => w.length >= 4).sort();
  const sample = candidates.filter((_, i) => i % Math.max(1, Math.floor(candidates.length / 400)) === 0);
  const words = sample.map((word) => ({ word, articles: articlesOfWord(word) })).sort((a, b) => b.articles - a.articles);

  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  renameSync(building, dbPath);
  const info: CorpusInfo = {
    version: CORPUS_VERSION,
    articles: N,
    bases: baseIds.length,
    paragraphs: pool.length,
    buildSeconds: Math.round((performance.now() - t0) / 1000),
    words,
    entities: [...entityArticles].map(([id, e]) => ({ id, ...e })).sort((a, b) => b.articles - a.articles),
    sites,
  };
  writeFileSync(`${dbPath}.json`, JSON.stringify(info));
  return info;
}

function cachedCorpus(): CorpusInfo | null {
  if (!existsSync(dbPath) || !existsSync(`${dbPath}.json`)) return null;
  try {
    const info = JSON.parse(readFileSync(`${dbPath}.json`, 'utf8')) as CorpusInfo;
    return info.version === CORPUS_VERSION && info.articles === N ? info : null;
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------ load

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number; average: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;

async function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve', dbPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the API process exited (${code}) before it listened`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function endpoints(info: CorpusInfo): { name: string; group: 'search' | 'entities'; path: string }[] {
  const w = info.words;
  const near = (target: number) => w.reduce((best, x) => (Math.abs(x.articles - target) < Math.abs(best.articles - target) ? x : best));
  const high = w[0]!;
  const mid = near(info.articles / 10);
  const low = near(Math.min(500, info.articles / 100));
  const q = (query: string, extra = '') => `/api/search?q=${encodeURIComponent(query)}${extra}`;
  const e = info.entities;
  const byArticles = (target: number) => e.reduce((best, x) => (Math.abs(x.articles - target) < Math.abs(best.articles - target) ? x : best));
  const speaker = [...e].sort((a, b) => b.quotes - a.quotes)[0]!;
  const rare = byArticles(Math.min(300, info.articles / 300));
  const middle = byArticles(info.articles / 20);
  const out: { name: string; group: 'search' | 'entities'; path: string }[] = [
    { name: `search: frequent word (~${high.articles} articles)`, group: 'search', path: q(high.word) },
    { name: `search: middle word (~${mid.articles})`, group: 'search', path: q(mid.word) },
    { name: `search: rare word (~${low.articles})`, group: 'search', path: q(low.word) },
    { name: 'search: two words AND', group: 'search', path: q(`${mid.word} ${low.word}`) },
    { name: 'search: phrase', group: 'search', path: q(`"${w[1]!.word} ${w[2]!.word}"`) },
    { name: 'search: OR', group: 'search', path: q(`${mid.word} OR ${low.word}`) },
    { name: 'search: word -word', group: 'search', path: q(`${high.word} -${mid.word}`) },
    { name: 'search: word site:', group: 'search', path: q(`${mid.word} site:${info.sites[0]}`) },
    { name: 'search: word from: to:', group: 'search', path: q(`${high.word} from:2021-03 to:2021-06`) },
    { name: 'search: facet sample (limit 200)', group: 'search', path: q(high.word, '&limit=200') },
    { name: 'entities: list', group: 'entities', path: '/api/entities?limit=20' },
    { name: 'entities: list PERSON', group: 'entities', path: '/api/entities?limit=20&type=PERSON' },
    { name: `entity: most mentioned (${e[0]!.articles} articles)`, group: 'entities', path: `/api/entities/${e[0]!.id}` },
    { name: `entity: top speaker (${speaker.articles} articles, ${speaker.quotes} quotes)`, group: 'entities', path: `/api/entities/${speaker.id}` },
    { name: `entity: middle (${middle.articles} articles)`, group: 'entities', path: `/api/entities/${middle.id}` },
    { name: `entity: rare (${rare.articles} articles)`, group: 'entities', path: `/api/entities/${rare.id}` },
  ];
  return out.filter((x) => !only || x.group === only);
}

const autocannon = ((await import('autocannon' as string)) as { default: Autocannon }).default;

let info = cachedCorpus();
if (info) console.error(`corpus: reusing ${dbPath} (${info.articles} articles, built in ${info.buildSeconds} s)`);
else {
  console.error(`corpus: building ${N} articles at ${dbPath}`);
  info = await buildCorpus();
  console.error(`corpus: built in ${info.buildSeconds} s`);
}

const server = await startServer();
const rows: Record<string, unknown>[] = [];
try {
  console.log(`API ${server.url}, ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per endpoint, ${cpus().length} CPUs`);
  console.log('');
  console.log(`${'endpoint'.padEnd(52)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'errors'.padStart(7)}`);
  for (const ep of endpoints(info)) {
    const url = server.url + ep.path;
    // The server may still be working through requests autocannon gave up on: wait until it
    // answers a cheap request, so that no endpoint is measured while the last one's work runs.
    const drain = () => fetch(`${server.url}/openapi.json`).then((r) => r.arrayBuffer());
    if (WARMUP > 0) await autocannon({ url, connections: CONNECTIONS, duration: WARMUP, timeout: TIMEOUT });
    await drain();
    const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, timeout: TIMEOUT });
    await drain();
    const errors = r.errors + r.non2xx; // autocannon counts timeouts among errors
    const row = {
      endpoint: ep.name,
      path: decodeURIComponent(ep.path),
      requests_per_second: Math.round(r.requests.average * 10) / 10,
      p50_ms: r.latency.p50,
      p99_ms: r.latency.p99,
      max_ms: r.latency.max,
      ok: r['2xx'],
      errors,
      timeouts: r.timeouts,
    };
    rows.push(row);
    console.log(
      `${ep.name.padEnd(52)} ${String(row.requests_per_second).padStart(8)} ${String(row.p50_ms).padStart(8)} ${String(row.p99_ms).padStart(8)} ${String(row.max_ms).padStart(8)} ${String(errors).padStart(7)}`,
    );
  }
} finally {
  await server.stop();
}
if (outPath) {
  writeFileSync(
    outPath,
    JSON.stringify({ articles: info.articles, db: dbPath, connections: CONNECTIONS, duration_s: DURATION, warmup_s: WARMUP, timeout_s: TIMEOUT, cpus: cpus().length, corpus: { bases: info.bases, paragraphs: info.paragraphs, build_s: info.buildSeconds }, endpoints: rows }, null, 2) + '\n',
  );
  console.error(`written: ${outPath}`);
}
