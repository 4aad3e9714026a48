import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IngestResult } from '../app/ingest.js';
import { JobRegistry } from './jobs.js';

async function* results(list: IngestResult[], gate?: Promise<void>): AsyncGenerator<IngestResult> {
  for (const r of list) {
    if (gate) await gate;
    yield r;
  }
}

describe('JobRegistry', () => {
  it('runs a job and keeps its report', async () => {
    const jobs = new JobRegistry();
    const job = jobs.submit(['a', 'b'], (h) => {
      h.onDiscovered(2);
      return results([
        { source: 'a', status: 'new', id: '1' },
        { source: 'b', status: 'failed', reason: 'x', code: 'NOT_ARABIC' },
      ]);
    });
    assert.equal(job.status, 'queued');
    await jobs.idle();
    const done = jobs.get(job.id)!;
    assert.equal(done.status, 'done');
    assert.equal(done.discovered, 2);
    assert.equal(done.processed, 2);
    assert.deepEqual(done.counts, { new: 1, updated: 0, unchanged: 0, skipped: 0, failed: 1 });
  });

  it('gives copies, so a reader cannot change a job', async () => {
    const jobs = new JobRegistry();
    const job = jobs.submit(['a'], () => results([{ source: 'a', status: 'new' }]));
    await jobs.idle();
    jobs.get(job.id)!.results.push({ source: 'z', status: 'new' });
    assert.equal(jobs.get(job.id)!.results.length, 1);
  });

  it('marks a job whose work throws as failed, runs its cleanup, and goes on with the next', async () => {
    const jobs = new JobRegistry();
    let cleaned = false;
    const bad = jobs.submit(
      ['a'],
      () => ({
        async *[Symbol.asyncIterator]() {
          throw new Error('store is gone');
        },
      }),
      async () => {
        cleaned = true;
      },
    );
    const good = jobs.submit(['b'], () => results([{ source: 'b', status: 'new' }]));
    await jobs.idle();
    assert.equal(jobs.get(bad.id)!.status, 'failed');
    assert.equal(jobs.get(bad.id)!.error, 'store is gone');
    assert.ok(cleaned);
    assert.equal(jobs.get(good.id)!.status, 'done');
  });

  it('on close, stops the running job after its current page and cancels the queued ones', async () => {
    const jobs = new JobRegistry();
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const running = jobs.submit(['a', 'b'], () => results([{ source: 'a', status: 'new' }, { source: 'b', status: 'new' }], gate));
    const queued = jobs.submit(['c'], () => results([{ source: 'c', status: 'new' }]));
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(jobs.get(running.id)!.status, 'running');
    const closing = jobs.close();
    open();
    await closing;
    assert.equal(jobs.get(running.id)!.status, 'cancelled');
    assert.equal(jobs.get(running.id)!.processed, 1);
    assert.equal(jobs.get(queued.id)!.status, 'cancelled');
  });

  it('forgets the oldest finished jobs past its limit', async () => {
    const jobs = new JobRegistry({ keep: 2 });
    const ids = [];
    for (const s of ['a', 'b', 'c', 'd']) {
      ids.push(jobs.submit([s], () => results([{ source: s, status: 'new' }])).id);
      await jobs.idle();
    }
    assert.equal(jobs.get(ids[0]!), null);
    assert.ok(jobs.get(ids[3]!));
  });

  it('answers null for an unknown id', () => {
    assert.equal(new JobRegistry().get('nope'), null);
  });
});
