import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../app/ingest.js';
import { openStore } from '../app/open-store.js';
import { sharedPath } from '../model/paths.js';
import { Fetcher } from '../sources/fetcher.js';
import type { MarsadStore } from '../store/store.js';
import { deadLetters } from './dead-letter.js';
import { distinctVariant, dropPrefix, redisForTest, testPrefix, waitFor } from './queue.testkit.js';
import { MarsadQueues } from './queues.js';
import { dropSchema, freshSchema, TEST_POSTGRES_URL } from '../store/postgres/pg-test-db.js';

const MAIN = new URL('../cli/main.js', import.meta.url).href;
const RUN_CLI = `const { main } = await import(${JSON.stringify(MAIN)}); process.exitCode = await main(['node', 'marsad', ...process.argv.slice(1)]);`;

/** Starts the real `marsad` command line in a process of its own. */
function marsad(args: string[], env: Record<string, string>): { child: ChildProcess; out: () => string; err: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--input-type=module', '-e', RUN_CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

/** Per source: entity count, event count, quote count. */
async function analysisBySource(store: MarsadStore): Promise<Map<string, { entities: number; events: number; quotes: number }>> {
  const out = new Map<string, { entities: number; events: number; quotes: number }>();
  for (const id of await store.ids()) {
    const a = (await store.get(id))!;
    out.set(a.source, {
      entities: (await store.articleEntities(id)).length,
      events: (await store.articleEvents(id)).length,
      quotes: (await store.articleQuotes(id)).length,
    });
  }
  return out;
}

test('a worker killed with SIGKILL mid-batch loses, doubles and half-writes nothing once another worker takes over', async (t) => {
  const seeds = sharedPath('seeds');
  if (!seeds) return t.skip('../shared/seeds not found (shared material absent)');
  const r = await redisForTest();
  if ('skip' in r) return t.skip(r.skip);
  const { redis } = r;
  const prefix = testPrefix('crash');
  const dir = await mkdtemp(join(tmpdir(), 'marsad-queue-crash-'));
  const running: ChildProcess[] = [];
  t.after(async () => {
    for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await dropPrefix(redis, prefix);
    await redis.quit();
    await rm(dir, { recursive: true, force: true });
  });

  // 20 distinct pages: each seed in four versions, one sentence apart.
  const pages = join(dir, 'pages');
  await mkdir(pages);
  for (const name of await readdir(seeds)) {
    const text = await readFile(join(seeds, name), 'utf8');
    for (let v = 0; v < 4; v++) await writeFile(join(pages, `${v}-${name}`), distinctVariant(text, v + 1));
  }
  const sources = (await readdir(pages)).map((n) => join(pages, n)).sort();
  assert.equal(sources.length, 20);

  // The workers share a SQLite file (WAL), or a PostgreSQL schema of their own when MARSAD_TEST_POSTGRES is set.
  let db = join(dir, 'marsad.db');
  if (process.env.MARSAD_TEST_POSTGRES) {
    const schema = freshSchema('marsad_queue');
    const url = new URL(TEST_POSTGRES_URL);
    url.searchParams.set('schema', schema);
    db = url.href;
    t.after(() => dropSchema(schema));
  }
  const env = {
    MARSAD_DB: db,
    MARSAD_QUEUE_PREFIX: prefix,
    MARSAD_REDIS: r.url,
    // short locks and lease, so the second worker takes over the dead one's jobs within seconds
    MARSAD_QUEUE_LOCK_MS: '3000',
    MARSAD_QUEUE_STALLED_MS: '1000',
    MARSAD_QUEUE_LEASE_MS: '2000',
  };
  const enqueue = marsad(['ingest', '--queue', pages], env);
  assert.equal(await enqueue.exited, 0, enqueue.err());
  assert.match(enqueue.out(), /queued 20 job\(s\): 20 page\(s\)/);

  const store = await openStore(db);
  t.after(() => store.close());
  const first = marsad(['worker', '--concurrency', '2'], env);
  running.push(first.child);
  await waitFor(async () => (await store.count()) >= 4, 60_000, () => `a few stored articles (worker said: ${first.err()})`);
  first.child.kill('SIGKILL');
  await first.exited;
  const atKill = await store.count();
  assert.ok(atKill < 20, `killed mid-batch (${atKill} of 20 stored)`);

  const second = marsad(['worker'], env);
  running.push(second.child);
  const queues = new MarsadQueues(redis, prefix);
  t.after(() => queues.close());
  await waitFor(
    async () => (await queues.page.getCompletedCount()) === 20 && (await queues.record.count()) === 0 && (await store.unanalysed()).length === 0 && (await store.count()) === 20,
    90_000,
    async () => `all 20 pages complete (stored ${await store.count()}, unanalysed ${(await store.unanalysed()).length}, ${JSON.stringify(await queues.page.getJobCounts())}; worker: ${second.err()})`,
  );
  second.child.kill('SIGTERM');
  assert.equal(await second.exited, 0, `a worker stops cleanly on SIGTERM: ${second.err()}`);
  assert.match(second.err(), /stopping after the jobs in progress/);
  assert.deepEqual(await deadLetters(redis, prefix), [], 'nothing given up');

  // Each page once, under its own source…
  const stored = await analysisBySource(store);
  assert.deepEqual([...stored.keys()].sort(), sources);
  // …each complete: marked analysed, signed, in a story…
  const stories = new Map((await store.storyAssignments()).map((a) => [a.article, a.story]));
  const signed = new Set((await store.signatures()).map((s) => s.article));
  for (const id of await store.ids()) {
    assert.ok(await store.analysedVersion(id), `${id}: analysis complete`);
    assert.ok(stories.has(id), `${id}: placed in a story`);
    assert.ok(signed.has(id), `${id}: signed for near-duplicates`);
  }
  // …and with the same entities, events and quotes as an uninterrupted in-process ingest finds.
  const refStore = await openStore(join(dir, 'reference.db'));
  t.after(() => refStore.close());
  for await (const x of ingest([pages], { store: refStore, fetcher: new Fetcher() })) assert.notEqual(x.status, 'failed', x.reason);
  const reference = await analysisBySource(refStore);
  for (const [source, want] of reference) {
    const got = stored.get(source)!;
    assert.ok(got.entities > 0, `${source}: entities present`);
    assert.deepEqual(got, want, `${source}: analysis as an uninterrupted ingest stores it`);
  }
  assert.ok([...stored.values()].some((a) => a.events > 0), 'events present');
});
