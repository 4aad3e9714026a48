/**
 * What the queue is doing, for `marsad queue status` and `GET /api/queue`, and the way back
 * from the dead-letter list (`marsad queue retry-dead`).
 */
import { Job } from 'bullmq';
import type { RedisClient } from './connection.js';
import { countDeadLetters, deadLetters, removeDeadLetter, type DeadLetter } from './dead-letter.js';
import { MarsadQueues, QUEUE_NAMES, type QueueName } from './queues.js';

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
}

/** The JSON of `queue status --json` and `GET /api/queue`. */
export interface QueueStatus {
  redis: string;
  prefix: string;
  /** Worker processes connected now (seen by Redis). */
  workers: number;
  queues: Record<QueueName, QueueCounts>;
  /** Every queue together. */
  total: QueueCounts;
  dead_letter: number;
  /** The latest dead jobs, each with its reason and code. */
  recent_failures: DeadLetter[];
}

/**
 * Counts of every queue of `prefix`, and the latest failures.
 * @example const s = await queueStatus(redis, 'marsad', 'redis://127.0.0.1:6379'); s.total.waiting
 */
export async function queueStatus(redis: RedisClient, prefix: string, redisLabel: string, recent = 10): Promise<QueueStatus> {
  const queues = new MarsadQueues(redis, prefix);
  try {
    const total: QueueCounts = { waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 };
    const byQueue = {} as Record<QueueName, QueueCounts>;
    const all = queues.all();
    for (const name of QUEUE_NAMES) {
      const c = await all[name].getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed');
      const counts: QueueCounts = {
        waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
        active: c.active ?? 0,
        delayed: c.delayed ?? 0,
        completed: c.completed ?? 0,
        failed: c.failed ?? 0,
      };
      byQueue[name] = counts;
      for (const k of Object.keys(total) as (keyof QueueCounts)[]) total[k] += counts[k];
    }
    return {
      redis: redisLabel,
      prefix,
      workers: await queues.page.getWorkersCount(),
      queues: byQueue,
      total,
      dead_letter: await countDeadLetters(redis, prefix),
      recent_failures: (await deadLetters(redis, prefix)).slice(0, recent),
    };
  } finally {
    await queues.close();
  }
}

/**
 * Puts every dead job back in its queue, attempts counted afresh, and empties the list.
 * Returns how many were requeued.
 * @example const n = await retryDead(redis, 'marsad'); console.log(`${n} jobs requeued`);
 */
export async function retryDead(redis: RedisClient, prefix: string): Promise<number> {
  const queues = new MarsadQueues(redis, prefix);
  const all = queues.all();
  let n = 0;
  try {
    for (const dead of await deadLetters(redis, prefix)) {
      const job = await Job.fromId(all[dead.queue], dead.job_id);
      if (job && (await job.isFailed())) {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        n++;
      }
      // a job no longer failed (retried by hand, or removed) just leaves the list
      await removeDeadLetter(redis, prefix, dead);
    }
    return n;
  } finally {
    await queues.close();
  }
}
