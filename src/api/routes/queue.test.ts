import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openStore } from '../../app/open-store.js';
import { closedPort } from '../../sources/http-fixture.js';
import { addDeadLetter } from '../../queue/dead-letter.js';
import { dropPrefix, redisForTest, testPrefix } from '../../queue/queue.testkit.js';
import { MarsadQueues } from '../../queue/queues.js';
import { createApi } from '../app.js';
import { jsonOf } from '../api.testkit.js';

describe('GET /api/queue', () => {
  it('shows the counts of each queue and the latest dead letters with their reasons', async (t) => {
    const r = await redisForTest();
    if ('skip' in r) return t.skip(r.skip);
    const prefix = testPrefix('api');
    const store = await openStore(':memory:');
    const queues = new MarsadQueues(r.redis, prefix);
    try {
      await queues.addPage({ source: 'https://example.org/a', cwd: '/', anyLanguage: false });
      await queues.addPage({ source: 'https://example.org/a', cwd: '/', anyLanguage: false }); // the same page: one job
      await queues.addPage({ source: 'https://example.org/b', cwd: '/', anyLanguage: false });
      await addDeadLetter(r.redis, prefix, {
        queue: 'page',
        job_id: 'page-x',
        source: 'https://example.org/en',
        code: 'NOT_ARABIC',
        reason: "https://example.org/en: expected an Arabic page, found a page in language 'en'; …",
        kind: 'permanent',
        attempts: 1,
        at: new Date().toISOString(),
      });
      const app = createApi({ store, queue: { redisUrl: r.url, prefix } });
      const res = await app.request('/api/queue');
      assert.equal(res.status, 200);
      const body = (await jsonOf(res)) as {
        prefix: string;
        queues: Record<string, { waiting: number }>;
        total: { waiting: number };
        dead_letter: number;
        recent_failures: { code: string; source: string }[];
      };
      assert.equal(body.prefix, prefix);
      assert.equal(body.queues.page!.waiting, 2);
      assert.equal(body.total.waiting, 2);
      assert.equal(body.dead_letter, 1);
      assert.deepEqual(body.recent_failures.map((f) => [f.code, f.source]), [['NOT_ARABIC', 'https://example.org/en']]);
      const doc = (await jsonOf(await app.request('/openapi.json'))) as { paths: Record<string, unknown> };
      assert.ok(doc.paths['/api/queue'], 'described in /openapi.json');
    } finally {
      await queues.close();
      await dropPrefix(r.redis, prefix);
      await r.redis.quit();
      await store.close();
    }
  });

  it('answers 503 naming the Redis URL when the queue is unreachable', async () => {
    const store = await openStore(':memory:');
    try {
      const url = `redis://127.0.0.1:${await closedPort()}`;
      const res = await createApi({ store, queue: { redisUrl: url } }).request('/api/queue');
      assert.equal(res.status, 503);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
      const problem = (await res.json()) as { code: string; detail: string };
      if (problem.code === 'QUEUE_DRIVER_MISSING') return; // no Redis driver installed: the other 503
      assert.equal(problem.code, 'QUEUE_UNREACHABLE');
      assert.ok(problem.detail.includes(url), problem.detail);
    } finally {
      await store.close();
    }
  });
});
