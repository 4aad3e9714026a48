/**
 * What each view of the workbench waits for on a stored corpus (issue #7: "fast on a corpus of
 * 100k articles: no view waits on a full scan"): the API requests the view's page makes
 * (src/web/static/app.js and dyad.js), answered in process through `app.request`, so the
 * figures are the server's work without a network or a browser.
 *
 *   npm run bench:views -- --db FILE [--repeat 5] [--json] [--out FILE.json] [--per-request]
 *
 * FILE is any Marsad SQLite database: `npm run bench:ingest -- --articles N --keep-db FILE`
 * builds one with the real pipeline, `npm run bench:api` a 100k-article one at the store level.
 * It is opened as it is (a schema migration, if the file is older, runs first and is timed
 * apart). The samples are chosen through the API itself: the newest article and the 150th, the
 * most reported entity and the 100th, the most reported person and organisation (a dyad), the
 * commonest and a rarer word of the newest 200 titles and a phrase of one, the story with the most articles
 * and the newest story, the two most reported countries (a second dyad). Each view runs once cold (the first request after opening, caches
 * empty) and then `--repeat` times; the table gives cold ms, the median and the worst warm ms,
 * and which request was slowest. The requests of a view run one after another (the page runs
 * some in parallel, so the sum is an upper bound). `--per-request` adds each request's median
 * and worst warm ms (a view's total hides which of its requests moved).
 *
 * `--audit` (SQLite only) then runs each view once more with every statement the store
 * executes recorded (better-sqlite3's Statement methods wrapped: its SQL and first arguments),
 * and asks SQLite for each one's `EXPLAIN QUERY PLAN` on the store's own connection. A plan
 * line that SCANs a big table with no index is a full scan the view waits on: it is printed
 * with the view and the statement, and the script exits with status 1 when there is any. Big:
 * a table that grows with the corpus (GROWING below: articles, entities, mentions, quotes, events, actor pairs,
 * stories, merged events…), whatever its size in this file, or any other of at least
 * `--audit-rows` rows (default 10,000). A SCAN through an index (an ordered walk that a LIMIT may
 * stop early, or a covering-index count) is listed too with `--audit-all`, not counted.
 */
import { existsSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createApi } from '../src/api/app.js';
import { openStore } from '../src/app/open-store.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const dbPath = opt('db') ?? '';
const repeat = Number(opt('repeat') ?? 5);
const json = args.includes('--json');
const out = opt('out');
const audit = args.includes('--audit') || args.includes('--audit-all');
const auditAll = args.includes('--audit-all');
const auditRows = Number(opt('audit-rows') ?? 10_000);
const perRequest = args.includes('--per-request');
/** each request's warm ms, while `warmRun` is set */
const requestMs = new Map<string, number[]>();
let warmRun = false;
if (!dbPath || !existsSync(dbPath) || !Number.isInteger(repeat) || repeat < 1) {
  console.error(`bench-views: expected --db FILE naming a Marsad SQLite database (found '${dbPath}') and --repeat N ≥ 1`);
  process.exit(2);
}

interface ViewResult {
  view: string;
  requests: string[];
  cold_ms: number;
  warm_median_ms: number;
  warm_max_ms: number;
  slowest: string;
}

// Every statement the store runs, while `recording` is set: its SQL, first arguments and connection.
interface Recorded {
  sql: string;
  args: unknown[];
  db: Database.Database;
}
let recording: Map<string, Recorded> | null = null;
if (audit) {
  // Statement's methods live on its prototype, shared by every connection: wrap them once,
  // before the store prepares anything.
  const probe = new Database(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, (...a: unknown[]) => unknown>;
  probe.close();
  for (const method of ['run', 'get', 'all', 'iterate'] as const) {
    const original = proto[method]!;
    proto[method] = function (this: Database.Statement, ...a: unknown[]) {
      if (recording && !recording.has(this.source)) recording.set(this.source, { sql: this.source, args: a, db: this.database });
      return original.apply(this, a);
    };
  }
}

const t0 = performance.now();
const store = await openStore(dbPath);
const openMs = performance.now() - t0;
const app = createApi({ store, token: null });

async function get(path: string): Promise<any> {
  const res = await app.request(path);
  if (res.status !== 200) throw new Error(`bench-views: GET ${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return res.json();
}

/** Runs the view's requests one after another; the total ms and the slowest request. */
async function runView(paths: string[]): Promise<{ ms: number; slowest: string; slowestMs: number }> {
  let total = 0;
  let slowest = '';
  let slowestMs = -1;
  for (const p of paths) {
    const s = performance.now();
    await get(p);
    const ms = performance.now() - s;
    if (warmRun) (requestMs.get(p) ?? requestMs.set(p, []).get(p)!).push(ms);
    total += ms;
    if (ms > slowestMs) [slowest, slowestMs] = [p, ms];
  }
  return { ms: total, slowest, slowestMs };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const q = (s: string) => encodeURIComponent(s);

// ---- samples, through the API (these reads are not timed)
const sampleStart = performance.now();
const stats = await get('/api/stats');
const articles = (await get('/api/articles?limit=200')).items as { id: string; title: string | null }[];
const entities = (await get('/api/entities?limit=200')).items as { id: string; type: string; label: string }[];
const persons = (await get('/api/entities?limit=1&type=PERSON')).items as { id: string }[];
const orgs = (await get('/api/entities?limit=1&type=ORG')).items as { id: string }[];
const newestStory = ((await get('/api/stories?limit=1')).items as { id: string }[])[0];
const countries = entities.filter((e) => e.id.startsWith('country-'));
// the largest story, read from the file: the API lists stories by date, not size
const raw = new Database(dbPath, { readonly: true, fileMustExist: true });
const largest = raw.prepare('SELECT story_id AS id, COUNT(*) AS n FROM story_articles GROUP BY story_id ORDER BY n DESC LIMIT 1').get() as { id: string; n: number } | undefined;
raw.close();
// words of the newest titles, cleaned of punctuation: the commonest and a rarer one, and a
// two-word phrase of one title; the phrase is searched within the newest article's year
const titleWordLists = articles.map((a) => (a.title ?? '').split(/\s+/).map((w) => w.replace(/[^\u0621-\u064A]/g, '')).filter((w) => w.length >= 4));
const wordCounts = new Map<string, number>();
for (const ws of titleWordLists) for (const w of new Set(ws)) wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
const byCount = [...wordCounts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
const word = byCount[0]?.[0] ?? 'الأمن';
const rarer = byCount[byCount.length - 1]?.[0] ?? 'المغرب';
const phraseWords = titleWordLists.find((ws) => ws.length >= 2)?.slice(0, 2) ?? [word];
const year = (await get('/api/articles?limit=1')).items[0]?.published?.slice(0, 4) ?? '2022';
const sampleMs = performance.now() - sampleStart;

const top = entities[0];
const mid = entities[Math.min(100, entities.length - 1)];
const views: [string, string[]][] = [
  ['home', ['/api/stats', '/api/articles?limit=10']],
  ['search (frequent word)', [`/api/search?q=${q(word)}&limit=20`, `/api/search?q=${q(word)}&limit=200`]],
  ['search (rarer word)', [`/api/search?q=${q(rarer)}&limit=20`, `/api/search?q=${q(rarer)}&limit=200`]],
  ['search (phrase, one year)', [`/api/search?q=${q(`"${phraseWords.join(' ')}"`)}&limit=20&from=${year}-01&to=${year}-12`]],
  ['article (newest)', articles[0] ? [`/api/articles/${q(articles[0].id)}`] : []],
  ['article (150th)', articles[150] ? [`/api/articles/${q(articles[150].id)}`] : []],
  ['entities list', ['/api/entities?limit=20', '/api/entities?limit=20&type=PERSON']],
  ['entity (most reported)', top ? [`/api/entities/${q(top.id)}`] : []],
  ['entity (100th)', mid ? [`/api/entities/${q(mid.id)}`] : []],
  ['events (no filter)', ['/api/events?limit=20', '/api/timeline', '/api/network?limit=60']],
  ['events (type ASSAULT)', ['/api/events?limit=20&type=ASSAULT', '/api/timeline?type=ASSAULT', '/api/network?limit=60&type=ASSAULT']],
  ['events (top actor)', top ? [`/api/events?limit=20&actor=${q(top.id)}`, `/api/timeline?actor=${q(top.id)}`, `/api/network?limit=60&actor=${q(top.id)}`] : []],
  ['events (one month)', [`/api/events?limit=20&from=${year}-06&to=${year}-06`, `/api/timeline?from=${year}-06&to=${year}-06`, `/api/network?limit=60&from=${year}-06&to=${year}-06`]],
  ['stories list', ['/api/stories?limit=20']],
  ['story (newest)', newestStory ? [`/api/stories/${q(newestStory.id)}`] : []],
  ['story (largest)', largest ? [`/api/stories/${q(largest.id)}`] : []],
  ['dyad (top person, top org)', persons[0] && orgs[0] ? ['/api/entities?limit=200', `/api/dyad?a=${q(persons[0].id)}&b=${q(orgs[0].id)}`] : []],
  // the two most reported countries: a dyad with events, rolled up from persons and organisations
  ['dyad (top two countries)', countries.length >= 2 ? ['/api/entities?limit=200', `/api/dyad?a=${q(countries[0]!.id)}&b=${q(countries[1]!.id)}`] : []],
];

const results: ViewResult[] = [];
for (const [view, paths] of views) {
  if (paths.length === 0) continue;
  const cold = await runView(paths);
  const warm: number[] = [];
  let slowest = cold;
  for (let i = 0; i < repeat; i++) {
    warmRun = true;
    const r = await runView(paths);
    warmRun = false;
    warm.push(r.ms);
    if (r.slowestMs > slowest.slowestMs) slowest = r;
  }
  results.push({ view, requests: paths, cold_ms: round(cold.ms), warm_median_ms: round(median(warm)), warm_max_ms: round(Math.max(...warm)), slowest: slowest.slowest });
}
/** Tables with rows per article, per mention or per event: a scan of one grows with the corpus. */
const GROWING = new Set([
  'articles', 'raw_pages', 'article_keys', 'article_analysis', 'article_signatures', 'article_duplicates', 'entity_mentions', 'entity_roles',
  'entity_cooccurrence', 'quotes', 'events', 'stories', 'story_articles', 'happenings', 'happening_json', 'happening_stale',
  'story_happenings', 'story_count_stale', 'happening_pairs',
  // entities and what is kept of them: a corpus names more of them as it grows
  'entities', 'entity_keys', 'entity_aliases', 'entity_alias_counts', 'entity_role_counts', 'entity_article_counts', 'affiliations',
  // not happening_days: a row per day and type with merged events, bounded by the calendar, not by the corpus
]);

interface AuditLine {
  view: string;
  table: string;
  detail: string;
  indexed: boolean;
  sql: string;
}
const auditLines: AuditLine[] = [];
if (audit) {
  const raw = new Database(dbPath, { readonly: true, fileMustExist: true });
  const big = new Map<string, number>();
  for (const { name } of raw.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'`).all() as { name: string }[]) {
    const n = (raw.prepare(`SELECT COUNT(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n;
    if (n >= auditRows || GROWING.has(name)) big.set(name, n);
  }
  raw.close();
  for (const [view, paths] of views) {
    if (paths.length === 0) continue;
    recording = new Map();
    await runView(paths);
    const statements = [...recording.values()];
    recording = null;
    for (const r of statements) {
      const aliases = aliasesOf(r.sql);
      let plan: { detail: string }[];
      try {
        plan = r.db.prepare(`EXPLAIN QUERY PLAN ${r.sql}`).all(...(r.args as [])) as { detail: string }[];
      } catch (e) {
        console.error(`bench-views --audit: no plan for ${oneLine(r.sql)}: ${(e as Error).message}`);
        continue;
      }
      for (const { detail } of plan) {
        const m = /^SCAN (\S+)/.exec(detail);
        if (!m || /VIRTUAL TABLE/.test(detail)) continue;
        const tables = aliases.get(m[1]!) ?? new Set([m[1]!]);
        const table = [...tables].find((t) => big.has(t));
        if (!table) continue;
        auditLines.push({ view, table, detail, indexed: /USING (COVERING )?INDEX/.test(detail), sql: oneLine(r.sql) });
      }
    }
  }
}
await store.close();

/** The tables each name of a statement stands for: `FROM t a`, `JOIN t AS a`, `FROM t` (a plan names a table by its alias). */
function aliasesOf(sql: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (name: string, table: string) => (out.get(name) ?? out.set(name, new Set()).get(name)!).add(table);
  const keyword = /^(WHERE|ON|JOIN|LEFT|INNER|CROSS|NATURAL|USING|INDEXED|NOT|GROUP|ORDER|LIMIT|UNION|EXCEPT|INTERSECT|WINDOW|HAVING|SET|VALUES|SELECT)$/i;
  for (const m of sql.matchAll(/\b(?:FROM|JOIN)\s+([A-Za-z_]\w*)(?:\s+(?:AS\s+)?([A-Za-z_]\w*))?/gi)) {
    const table = m[1]!;
    add(table, table);
    if (m[2] && !keyword.test(m[2])) add(m[2], table);
  }
  return out;
}

function oneLine(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

const fullScans = auditLines.filter((l) => !l.indexed);
const requests = [...requestMs].map(([path, ms]) => ({ path, warm_median_ms: round(median(ms)), warm_max_ms: round(Math.max(...ms)) }));
const report = { db: dbPath, articles: stats.articles, entities: stats.entities.total, largest_story_articles: largest?.n ?? 0, open_ms: round(openMs), sample_ms: round(sampleMs), repeat, views: results, ...(perRequest ? { requests } : {}), ...(audit ? { audit: { min_rows: auditRows, full_scans: fullScans, index_scans: auditLines.filter((l) => l.indexed) } } : {}) };
if (out) writeFileSync(out, JSON.stringify(report, null, 2));
if (json) {
  console.log(JSON.stringify(report));
} else {
  console.log(`${dbPath}: ${stats.articles} articles, ${stats.entities.total} entities, largest story ${largest?.n ?? 0} articles; opened in ${round(openMs)} ms`);
  console.log(`${'view'.padEnd(30)} ${'cold ms'.padStart(9)} ${'warm p50'.padStart(9)} ${'warm max'.padStart(9)}  slowest request`);
  for (const r of results) {
    console.log(`${r.view.padEnd(30)} ${String(r.cold_ms).padStart(9)} ${String(r.warm_median_ms).padStart(9)} ${String(r.warm_max_ms).padStart(9)}  ${decodeURIComponent(r.slowest)}`);
  }
  if (perRequest) {
    console.log(`\n${'warm p50'.padStart(9)} ${'warm max'.padStart(9)}  request`);
    for (const r of requests) console.log(`${String(r.warm_median_ms).padStart(9)} ${String(r.warm_max_ms).padStart(9)}  ${decodeURIComponent(r.path)}`);
  }
}
if (audit && !json) {
  console.log('');
  const shown = auditAll ? auditLines : fullScans;
  console.log(`audit: ${fullScans.length} full scan${fullScans.length === 1 ? '' : 's'} with no index of a table that grows with the corpus or has ${auditRows}+ rows${auditAll ? `, ${auditLines.length - fullScans.length} index scans` : ''}`);
  for (const l of shown) console.log(`  ${l.indexed ? 'index scan' : 'FULL SCAN '} ${l.view}: ${l.detail} (${l.table})\n      ${l.sql.slice(0, 400)}`);
}
if (audit && fullScans.length > 0) process.exitCode = 1;
