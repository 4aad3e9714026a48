import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../app/open-store.js';
import { sharedPath } from '../model/paths.js';
import { startHttpFixture } from '../sources/http-fixture.js';
import { Fetcher } from '../sources/fetcher.js';
import type { MarsadStore } from '../store/store.js';
import { deadLetters } from './dead-letter.js';
import { enqueueInputs, runPageJob } from './process-page.js';
import { distinctVariant, dropPrefix, redisForTest, testPrefix, waitFor } from './queue.testkit.js';
import { MarsadQueues } from './queues.js';
import { queueStatus, retryDead } from './status.js';
import { startWorker, type WorkerEvent } from './worker.js';

// Short locks, so that nothing waits long on a lease or a stalled job.
const FAST = { lockDurationMs: 5000, stalledIntervalMs: 2000, storyLeaseMs: 1500 };

async function setup(t: { after: (fn: () => Promise<void>) => void }, name: string) {
  const r = await redisForTest();
  if ('skip' in r) return r;
  const prefix = testPrefix(name);
  const dir = await mkdtemp(join(tmpdir(), `marsad-queue-${name}-`));
  const store = await openStore(join(dir, 'marsad.db'));
  // Undone last-first (workers stopped before their queues close, and all before the keys go).
  const undo: (() => unknown)[] = [];
  const defer = (fn: () => unknown) => void undo.push(fn);
  t.after(async () => {
    for (const fn of undo.reverse()) await fn();
    await store.close();
    await dropPrefix(r.redis, prefix);
    await r.redis.quit();
    await rm(dir, { recursive: true, force: true });
  });
  return { ...r, prefix, dir, store, defer };
}

/** Everything each stored article carries, to compare two states of the store. */
async function snapshot(store: MarsadStore) {
  const rows = [];
  const stories = new Map((await store.storyAssignments()).map((a) => [a.article, a.story]));
  for (const id of await store.ids()) {
    const a = await store.get(id);
    rows.push({
      source: a!.source,
      entities: (await store.articleEntities(id)).map((e) => e.id).sort(),
      events: (await store.articleEvents(id)).length,
      story: stories.get(id) ?? null,
      duplicateOf: (await store.duplicateOf(id))?.id ?? null,
      analysed: await store.analysedVersion(id),
    });
  }
  return rows.sort((x, y) => (x.source < y.source ? -1 : 1));
}

async function drained(queues: MarsadQueues): Promise<boolean> {
  for (const q of Object.values(queues.all())) {
    const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (Object.values(c).some((n) => n > 0)) return false;
  }
  return true;
}

test('enqueued twice and run twice, the seeds are stored once, each with its analysis', async (t) => {
  const seeds = sharedPath('seeds');
  if (!seeds) return t.skip('../shared/seeds not found (shared material absent)');
  const env = await setup(t, 'seeds');
  if ('skip' in env) return t.skip(env.skip);
  const { redis, prefix, store } = env;
  const queues = new MarsadQueues(redis, prefix);
  env.defer(() => queues.close());

  const first = await enqueueInputs(queues, [seeds], { cwd: process.cwd(), anyLanguage: false });
  const second = await enqueueInputs(queues, [seeds], { cwd: process.cwd(), anyLanguage: false });
  assert.equal(first.pages, 5);
  assert.equal(second.pages, 5, 'the second enqueue reports the pages it was given…');
  assert.equal(await queues.page.getWaitingCount(), 5, '…but a page already queued is one job');

  const worker = await startWorker({ redis, prefix, store, ...FAST });
  env.defer(() => worker.stop());
  const finished = async () => (await drained(queues)) && (await store.count()) === 5 && (await store.unanalysed()).length === 0;
  await waitFor(finished, 60_000, async () => `5 analysed articles (have ${await store.count()}, ${(await store.unanalysed()).length} unanalysed)`);
  const before = await snapshot(store);
  assert.equal(before.length, 5);
  for (const row of before) {
    assert.ok(row.entities.length > 0, `${row.source}: entities stored`);
    assert.ok(row.analysed, `${row.source}: analysis marked complete`);
  }
  assert.ok(before.some((r) => r.events > 0), 'events stored');

  // Run every job again: completed jobs removed, the same pages enqueued anew.
  await queues.page.clean(0, 1000, 'completed');
  assert.equal((await enqueueInputs(queues, [seeds], { cwd: process.cwd(), anyLanguage: false })).pages, 5);
  await waitFor(async () => (await drained(queues)) && (await queues.page.getCompletedCount()) === 5, 60_000, () => 'the second run');
  assert.deepEqual(await snapshot(store), before, 'a second run of every job changes nothing');

  // And a job body run directly once more: the page is known and complete, nothing is redone.
  const again = await runPageJob({ store, fetcher: new Fetcher(), queues }, { source: join(seeds, '000_7cc4a8a36b8f89fd.txt'), cwd: process.cwd(), anyLanguage: false });
  assert.equal(again.status, 'unchanged');
  assert.equal(again.analysed, false);
  assert.equal(await store.count(), 5);
});

test('a broken input goes to the dead-letter list with its reason and code, once, and can be retried', async (t) => {
  const env = await setup(t, 'dead');
  if ('skip' in env) return t.skip(env.skip);
  const { redis, prefix, store, dir } = env;
  const queues = new MarsadQueues(redis, prefix, { attempts: 3, backoffMs: 100 });
  env.defer(() => queues.close());
  const english = join(dir, 'english.txt');
  await writeFile(english, 'City council approves new budget\n\nThe city council approved a new budget on Monday after a long debate about roads, schools and parks in the district.\n');
  const r = await enqueueInputs(queues, [english, join(dir, 'missing.html')], { cwd: process.cwd(), anyLanguage: false });
  assert.equal(r.pages, 1);
  assert.equal(r.failed[0]?.error.code, 'INPUT_NOT_FOUND', 'a missing path is refused when enqueuing');
  await queues.addPage({ source: join(dir, 'gone.html'), cwd: dir, anyLanguage: false }); // vanished after enqueuing

  const events: WorkerEvent[] = [];
  const worker = await startWorker({ redis, prefix, store, ...FAST, onEvent: (e) => events.push(e) });
  env.defer(() => worker.stop());
  await waitFor(async () => (await deadLetters(redis, prefix)).length === 2, 30_000, () => `two dead letters, events: ${JSON.stringify(events)}`);
  const dead = await deadLetters(redis, prefix);
  const byCode = new Map(dead.map((d) => [d.code, d]));
  assert.deepEqual([...byCode.keys()].sort(), ['INPUT_NOT_FOUND', 'NOT_ARABIC']);
  assert.equal(byCode.get('NOT_ARABIC')!.source, english);
  assert.match(byCode.get('NOT_ARABIC')!.reason, /expected an Arabic page, found a page in language 'en'/);
  for (const d of dead) {
    assert.equal(d.kind, 'permanent');
    assert.equal(d.attempts, 1, 'a permanent failure is not retried');
  }
  assert.equal(await store.count(), 0);

  const status = await queueStatus(redis, prefix, 'test');
  assert.equal(status.dead_letter, 2);
  assert.equal(status.queues.page.failed, 2);
  assert.equal(status.recent_failures.length, 2);

  assert.equal(await retryDead(redis, prefix), 2);
  // Retried, they fail the same way and come back to the list.
  await waitFor(async () => (await deadLetters(redis, prefix)).length === 2 && (await queues.page.getFailedCount()) === 2, 30_000, () => 'the retried jobs to fail again');
});

test('a transient HTTP failure is retried with backoff; a 404 is not', async (t) => {
  const seeds = sharedPath('seeds');
  if (!seeds) return t.skip('../shared/seeds not found (shared material absent)');
  const env = await setup(t, 'flaky');
  if ('skip' in env) return t.skip(env.skip);
  const { redis, prefix, store } = env;
  const body = await readFile(join(seeds, '001_1e4b5513c97eb36f.txt'));
  let calls = 0;
  const fixture = await startHttpFixture({
    '/flaky': (_q, s) => {
      calls++;
      if (calls === 1) s.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
      else s.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
    },
  });
  env.defer(() => fixture.close());
  const restore = process.env.MARSAD_ALLOW_HOSTS;
  process.env.MARSAD_ALLOW_HOSTS = '127.0.0.1'; // the fixture is on loopback, which fetches otherwise refuse
  env.defer(() => void (restore === undefined ? delete process.env.MARSAD_ALLOW_HOSTS : (process.env.MARSAD_ALLOW_HOSTS = restore)));

  const backoffMs = 400;
  const queues = new MarsadQueues(redis, prefix, { attempts: 4, backoffMs });
  env.defer(() => queues.close());
  await queues.addPage({ source: `${fixture.origin}/flaky`, cwd: process.cwd(), anyLanguage: false });
  await queues.addPage({ source: `${fixture.origin}/missing`, cwd: process.cwd(), anyLanguage: false });
  const events: WorkerEvent[] = [];
  const worker = await startWorker({ redis, prefix, store, ...FAST, fetch: { delayMs: 1 }, onEvent: (e) => events.push(e) });
  env.defer(() => worker.stop());
  await waitFor(async () => (await store.count()) === 1 && (await deadLetters(redis, prefix)).length === 1, 30_000, () => JSON.stringify(events));

  const hits = fixture.requests.filter((r) => r.path === '/flaky');
  assert.equal(hits.length, 2, 'one failure, one success');
  assert.ok(hits[1]!.at - hits[0]!.at >= backoffMs - 20, `waited the backoff (${hits[1]!.at - hits[0]!.at} ms)`);
  const retry = events.find((e) => e.type === 'retry');
  assert.equal(retry?.type === 'retry' && retry.code, 'FETCH_HTTP_STATUS');
  const [dead] = await deadLetters(redis, prefix);
  assert.equal(dead!.code, 'FETCH_HTTP_STATUS');
  assert.match(dead!.reason, /HTTP 404/);
  assert.equal(dead!.attempts, 1);
  assert.equal(fixture.requests.filter((r) => r.path === '/missing').length, 1);
});

test('two workers never fetch from one host closer together than the delay', async (t) => {
  const seeds = sharedPath('seeds');
  if (!seeds) return t.skip('../shared/seeds not found (shared material absent)');
  const env = await setup(t, 'polite');
  if ('skip' in env) return t.skip(env.skip);
  const { redis, prefix, store } = env;
  const body = (await readFile(join(seeds, '003_90d9fc9639b41ffb.txt'), 'utf8'));
  const routes: Record<string, (q: unknown, s: import('node:http').ServerResponse) => void> = {};
  const N = 8;
  for (let i = 0; i < N; i++) {
    // distinct texts, so that each page is an article of its own
    routes[`/p${i}`] = (_q, s) => s.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(distinctVariant(body, i));
  }
  const fixture = await startHttpFixture(routes);
  env.defer(() => fixture.close());
  const restore = process.env.MARSAD_ALLOW_HOSTS;
  process.env.MARSAD_ALLOW_HOSTS = '127.0.0.1';
  env.defer(() => void (restore === undefined ? delete process.env.MARSAD_ALLOW_HOSTS : (process.env.MARSAD_ALLOW_HOSTS = restore)));

  const queues = new MarsadQueues(redis, prefix);
  env.defer(() => queues.close());
  for (let i = 0; i < N; i++) await queues.addPage({ source: `${fixture.origin}/p${i}`, cwd: process.cwd(), anyLanguage: false });
  const delayMs = 300;
  const fetchedBy: string[][] = [[], []];
  const workers = [];
  for (const w of [0, 1]) {
    // each worker has its own Redis connection and store handle, as separate processes would
    const own = await redisForTest();
    if ('skip' in own) return t.skip(own.skip);
    const ownStore = await openStore(join(env.dir, 'marsad.db'));
    const worker = await startWorker({
      redis: own.redis,
      prefix,
      store: ownStore,
      concurrency: 3,
      ...FAST,
      fetch: { delayMs },
      onEvent: (e) => void (e.type === 'done' && e.queue === 'page' && fetchedBy[w]!.push(e.source)),
    });
    env.defer(async () => {
      await worker.stop();
      await ownStore.close();
      await own.redis.quit();
    });
    workers.push(worker);
  }
  await waitFor(async () => (await queues.page.getCompletedCount()) === N, 60_000, () => `${N} pages fetched (${JSON.stringify(fetchedBy)})`);
  assert.ok(fetchedBy[0]!.length > 0 && fetchedBy[1]!.length > 0, `both workers fetched (${fetchedBy[0]!.length} and ${fetchedBy[1]!.length})`);
  const times = fixture.requests.map((r) => r.at).sort((a, b) => a - b);
  assert.ok(times.length >= N);
  const gaps = times.slice(1).map((at, i) => at - times[i]!);
  // arrival times can drift a few ms from the start times that the gate spaces
  assert.ok(Math.min(...gaps) >= delayMs - 15, `smallest gap between two requests ${Math.min(...gaps)} ms (delay ${delayMs} ms): ${gaps.join(', ')}`);
  assert.equal(await store.count(), N);
});

test('a sitemap index URL is expanded by workers into sitemaps, then pages, each stored once', async (t) => {
  const seeds = sharedPath('seeds');
  if (!seeds) return t.skip('../shared/seeds not found (shared material absent)');
  const env = await setup(t, 'feeds');
  if ('skip' in env) return t.skip(env.skip);
  const { redis, prefix, store } = env;
  const body = await readFile(join(seeds, '004_2f70009e7a85ab13.txt'), 'utf8');
  const sitemap = (urls: string[], index = false) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<${index ? 'sitemapindex' : 'urlset'} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls
      .map((u) => (index ? `<sitemap><loc>${u}</loc></sitemap>` : `<url><loc>${u}</loc></url>`))
      .join('')}</${index ? 'sitemapindex' : 'urlset'}>`;
  let origin = '';
  const xml = (s: import('node:http').ServerResponse, text: string) => s.writeHead(200, { 'content-type': 'application/xml' }).end(text);
  const page = (i: number) => (_q: unknown, s: import('node:http').ServerResponse) =>
    s.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(distinctVariant(body, i));
  const fixture = await startHttpFixture({
    '/sitemap-index.xml': (_q, s) => xml(s, sitemap([`${origin}/s1.xml`, `${origin}/s2.xml`], true)),
    '/s1.xml': (_q, s) => xml(s, sitemap([`${origin}/a1`, `${origin}/a2`])),
    // a page listed twice, in two sitemaps: one job
    '/s2.xml': (_q, s) => xml(s, sitemap([`${origin}/a2`, `${origin}/a3`])),
    '/a1': page(1),
    '/a2': page(2),
    '/a3': page(3),
  });
  origin = fixture.origin;
  env.defer(() => fixture.close());
  const restore = process.env.MARSAD_ALLOW_HOSTS;
  process.env.MARSAD_ALLOW_HOSTS = '127.0.0.1';
  env.defer(() => void (restore === undefined ? delete process.env.MARSAD_ALLOW_HOSTS : (process.env.MARSAD_ALLOW_HOSTS = restore)));

  const queues = new MarsadQueues(redis, prefix);
  env.defer(() => queues.close());
  const r = await enqueueInputs(queues, [`${origin}/sitemap-index.xml`], { cwd: process.cwd(), anyLanguage: false });
  assert.deepEqual([r.pages, r.discover], [0, 1], 'a URL is discovered by a worker, not by the enqueuing command');
  const worker = await startWorker({ redis, prefix, store, ...FAST, fetch: { delayMs: 1 } });
  env.defer(() => worker.stop());
  await waitFor(async () => (await drained(queues)) && (await store.count()) === 3 && (await store.unanalysed()).length === 0, 30_000, async () => `3 articles (have ${await store.count()})`);
  const sources = [];
  for (const id of await store.ids()) sources.push((await store.get(id))!.source);
  assert.deepEqual(sources.sort(), [`${origin}/a1`, `${origin}/a2`, `${origin}/a3`]);
  assert.equal(fixture.requests.filter((q) => q.path === '/a2').length, 1, 'the page listed twice was fetched once');
});

test("workers honour robots.txt: a disallowed page is never fetched and is listed dead with the rule's code", async (t) => {
  const env = await setup(t, 'robots');
  if ('skip' in env) return t.skip(env.skip);
  const { redis, prefix, store } = env;
  const fixture = await startHttpFixture({
    '/robots.txt': (_q, s) => s.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /secret\n'),
    '/secret/a': (_q, s) => s.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('نص'),
  });
  env.defer(() => fixture.close());
  const restore = process.env.MARSAD_ALLOW_HOSTS;
  process.env.MARSAD_ALLOW_HOSTS = '127.0.0.1';
  env.defer(() => void (restore === undefined ? delete process.env.MARSAD_ALLOW_HOSTS : (process.env.MARSAD_ALLOW_HOSTS = restore)));
  const queues = new MarsadQueues(redis, prefix);
  env.defer(() => queues.close());
  await queues.addPage({ source: `${fixture.origin}/secret/a`, cwd: process.cwd(), anyLanguage: false });
  const worker = await startWorker({ redis, prefix, store, ...FAST, fetch: { delayMs: 1 } });
  env.defer(() => worker.stop());
  await waitFor(async () => (await deadLetters(redis, prefix)).length === 1, 30_000, () => 'the page to be refused');
  const [dead] = await deadLetters(redis, prefix);
  assert.equal(dead!.code, 'FETCH_ROBOTS_DISALLOWED');
  assert.equal(dead!.attempts, 1);
  assert.deepEqual(fixture.requests.map((r) => r.path), ['/robots.txt']);
  assert.equal(await store.count(), 0);
});
