/**
 * Throughput of the distributed pipeline: the same batch of pages (the seeds and the Arabic
 * pages of ../shared/data, each in several versions one sentence apart, so that every copy
 * is an article of its own: ~200 pages) processed by 1 and then by 2 `marsad worker`
 * processes, each run on a fresh SQLite file and queue prefix; prints articles per second.
 * The in-process `ingest` of the same batch is given for comparison.
 *
 * Needs Redis (MARSAD_REDIS, default redis://127.0.0.1:6379) and ../shared.
 *   npx tsc -p tsconfig.json && node dist/scripts/bench-workers.js [--pages 200] [--workers 1,2] [--json]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ingest } from '../src/app/ingest.js';
import { openStore } from '../src/app/open-store.js';
import { sharedPath } from '../src/model/paths.js';
import { Fetcher } from '../src/sources/fetcher.js';
import { connectRedis, queueTarget, type RedisClient } from '../src/queue/connection.js';
import { enqueueInputs } from '../src/queue/process-page.js';
import { distinctVariant, dropPrefix } from '../src/queue/queue.testkit.js';
import { MarsadQueues } from '../src/queue/queues.js';
import type { MarsadStore } from '../src/store/store.js';

const MAIN = new URL('../src/cli/main.js', import.meta.url).href;
const RUN_CLI = `const { main } = await import(${JSON.stringify(MAIN)}); process.exitCode = await main(['node', 'marsad', ...process.argv.slice(1)]);`;

interface Run {
  workers: number;
  pages: number;
  articles: number;
  /** From the workers' start to the last article complete, start-up included. */
  seconds: number;
  articles_per_second: number;
  /** From the first article complete to the last: the rate once the workers are up. */
  steady_articles_per_second: number;
  /** Canonical entities at the end: more than the embedded run's means parallel workers split an identity. */
  entities: number;
  /** Page jobs attempts that failed and were retried (a busy database, say). */
  retries: number;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/** The Arabic pages of ../shared: the seeds, data/arabic-html, and the Arabic pages of wcxb. */
async function basePages(): Promise<{ name: string; text: string }[]> {
  const out: { name: string; text: string }[] = [];
  const seeds = sharedPath('seeds');
  if (seeds) for (const n of (await readdir(seeds)).sort()) out.push({ name: n, text: await readFile(join(seeds, n), 'utf8') });
  const html = sharedPath('data', 'arabic-html');
  if (html) for (const n of (await readdir(html)).filter((n) => n.endsWith('.html')).sort()) out.push({ name: n, text: await readFile(join(html, n), 'utf8') });
  const wcxb = sharedPath('data', 'wcxb-dev-articles', 'html');
  if (wcxb) {
    for (const n of (await readdir(wcxb)).sort()) {
      const bytes = await readFile(join(wcxb, n));
      const text = (n.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
      if (/\blang=["']?ar\b/i.test(text.slice(0, 5000))) out.push({ name: n.replace(/\.gz$/, ''), text });
    }
  }
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function runWorkers(n: number, pagesDir: string, pages: number, redis: RedisClient, redisUrl: string, work: string): Promise<Run> {
  const prefix = `marsad-bench-${process.pid}-${n}`;
  const db = join(work, `workers-${n}.db`);
  await dropPrefix(redis, prefix);
  const queues = new MarsadQueues(redis, prefix);
  const enqueued = await enqueueInputs(queues, [pagesDir], { cwd: process.cwd(), anyLanguage: false });
  if (enqueued.pages !== pages) throw new Error(`enqueued ${enqueued.pages} pages, expected ${pages}`);
  // the schema is created once, before the workers race to open the file
  await (await openStore(db)).close();
  const store = await openStore(db);
  const env = { ...process.env, MARSAD_DB: db, MARSAD_QUEUE_PREFIX: prefix, MARSAD_REDIS: redisUrl };
  const start = Date.now();
  const children: ChildProcess[] = [];
  for (let i = 0; i < n; i++) {
    const child = spawn(process.execPath, ['--input-type=module', '-e', RUN_CLI, 'worker'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(child);
  }
  let first = 0;
  let complete = 0;
  try {
    for (;;) {
      const pending = await store.unanalysed();
      const stored = await store.count();
      complete = stored - pending.length;
      if (!first && complete > 0) first = Date.now();
      const counts = await queues.page.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
      if (counts.completed! + counts.failed! === pages && (await queues.record.count()) === 0 && pending.length === 0) break;
      if (Date.now() - start > 30 * 60_000) throw new Error('gave up after 30 minutes');
      await sleep(50);
    }
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.on('exit', r)))));
  }
  const end = Date.now();
  const articles = await store.count();
  const entities = await countEntities(store);
  let retries = 0;
  for (const job of await queues.page.getJobs(['completed', 'failed'], 0, -1)) retries += Math.max(0, job.attemptsMade - 1);
  await store.close();
  await queues.close();
  await dropPrefix(redis, prefix);
  const seconds = (end - start) / 1000;
  return {
    workers: n,
    pages,
    articles,
    seconds: round(seconds),
    articles_per_second: round(articles / seconds),
    steady_articles_per_second: round((articles - 1) / Math.max(0.001, (end - first) / 1000)),
    entities,
    retries,
  };
}

async function countEntities(store: MarsadStore): Promise<number> {
  let n = 0;
  for (;;) {
    const page = await store.listEntities({ limit: 1000, offset: n });
    n += page.length;
    if (page.length < 1000) return n;
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

async function main(): Promise<void> {
  const want = Number(arg('--pages', '200'));
  const counts = arg('--workers', '1,2').split(',').map(Number);
  const base = await basePages();
  if (!base.length) throw new Error('no pages: ../shared (seeds, data) is needed');
  const target = queueTarget();
  const redis = await connectRedis(target.redisUrl);
  const work = await mkdtemp(join(tmpdir(), 'marsad-bench-workers-'));
  try {
    const pagesDir = join(work, 'pages');
    await mkdir(pagesDir);
    const copies = Math.ceil(want / base.length);
    let pages = 0;
    for (let v = 0; v < copies && pages < want; v++) {
      for (const p of base) {
        if (pages >= want) break;
        await writeFile(join(pagesDir, `${String(v).padStart(3, '0')}-${p.name}`), distinctVariant(p.text, v + 1));
        pages++;
      }
    }
    // Embedded baseline: one process, no queue.
    const refStore = await openStore(join(work, 'embedded.db'));
    const t0 = Date.now();
    for await (const r of ingest([pagesDir], { store: refStore, fetcher: new Fetcher() })) if (r.status === 'failed') throw new Error(`${r.source}: ${r.reason}`);
    const embedded = await refStore.count();
    const embeddedSeconds = (Date.now() - t0) / 1000;
    const embeddedEntities = await countEntities(refStore);
    await refStore.close();
    const runs: Run[] = [];
    for (const n of counts) runs.push(await runWorkers(n, pagesDir, pages, redis, target.redisUrl, work));
    const result = {
      pages,
      base_pages: base.length,
      embedded: { articles: embedded, seconds: round(embeddedSeconds), articles_per_second: round(embedded / embeddedSeconds), entities: embeddedEntities },
      workers: runs,
    };
    if (process.argv.includes('--json')) console.log(JSON.stringify(result));
    else {
      console.log(`${pages} pages (${base.length} Arabic pages of ../shared, each in up to ${copies} versions)`);
      console.log(`embedded ingest (1 process, no queue): ${embedded} articles in ${result.embedded.seconds} s = ${result.embedded.articles_per_second} articles/s; ${embeddedEntities} entities`);
      for (const r of runs) {
        console.log(`${r.workers} worker process(es): ${r.articles} articles in ${r.seconds} s = ${r.articles_per_second} articles/s (start-up included); ${r.steady_articles_per_second} articles/s once running; ${r.entities} entities; ${r.retries} retried attempts`);
      }
    }
  } finally {
    await redis.quit();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
