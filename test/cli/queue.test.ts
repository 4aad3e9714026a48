import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closedPort } from '../../src/sources/http-fixture.js';
import { dropPrefix, redisForTest, testPrefix } from '../../src/queue/queue.testkit.js';
import { runCli, SHARED } from './run-cli.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

test('queue commands without a reachable Redis fail with a message naming the URL', async () => {
  const url = `redis://127.0.0.1:${await closedPort()}`;
  for (const args of [['queue', 'status', '--redis', url], ['queue', 'retry-dead', '--redis', url], ['ingest', '--queue', '--redis', url, 'x.html']]) {
    const r = await runCli(args);
    assert.equal(r.code, 1, args.join(' '));
    if (/ioredis/.test(r.err)) continue; // no driver installed: that is the message then
    assert.match(r.err, new RegExp(`${url.replace(/[.]/g, '\\.')}: expected a reachable Redis server for the job queue`), r.err);
  }
});

test('ingest --queue says how many pages it queued; queue status --json shows them', async (t) => {
  const seeds = join(SHARED, 'seeds');
  if (!existsSync(seeds)) return t.skip('../shared/seeds not found (shared material absent)');
  const r = await redisForTest();
  if ('skip' in r) return t.skip(r.skip);
  const prefix = testPrefix('cli');
  const restore = process.env.MARSAD_QUEUE_PREFIX;
  process.env.MARSAD_QUEUE_PREFIX = prefix;
  t.after(async () => {
    if (restore === undefined) delete process.env.MARSAD_QUEUE_PREFIX;
    else process.env.MARSAD_QUEUE_PREFIX = restore;
    await dropPrefix(r.redis, prefix);
    await r.redis.quit();
  });
  const first = await runCli(['ingest', '--queue', '--redis', r.url, seeds]);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /queued 5 job\(s\): 5 page\(s\)/);
  const again = await runCli(['ingest', '--queue', '--json', '--redis', r.url, seeds, join(seeds, 'nope.html')]);
  assert.equal(again.code, 1, 'a missing input fails the command');
  const line = JSON.parse(again.out);
  assert.equal(line.pages, 5);
  assert.equal(line.failed[0].code, 'INPUT_NOT_FOUND');
  const status = await runCli(['queue', 'status', '--json', '--redis', r.url]);
  assert.equal(status.code, 0, status.err);
  const s = JSON.parse(status.out);
  assert.equal(s.prefix, prefix);
  assert.equal(s.queues.page.waiting, 5, 'the pages queued twice are five jobs');
  const table = await runCli(['queue', 'status', '--redis', r.url]);
  assert.match(table.out, /page\s+5\s+0\s+0\s+0\s+0/);
});
