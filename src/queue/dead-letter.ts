/**
 * The dead-letter list: jobs that will not be tried again, each with the MarsadError code
 * and message that ended it, kept in one Redis hash per prefix (field: queue and job id, so
 * a job that dies twice is listed once).
 */
import type { ErrorCode } from '../model/errors.js';
import type { RedisClient } from './connection.js';
import type { QueueName } from './queues.js';

export interface DeadLetter {
  queue: QueueName;
  job_id: string;
  /** The page or input the job was about. */
  source: string;
  code: ErrorCode;
  reason: string;
  /** 'permanent': retrying cannot help (bad page, not Arabic, 404…); 'exhausted': transient errors until no attempt was left. */
  kind: 'permanent' | 'exhausted';
  attempts: number;
  /** ISO 8601 time it was given up. */
  at: string;
}

function key(prefix: string): string {
  return `${prefix}:dead-letter`;
}

/**
 * Lists a job as dead.
 * @example await addDeadLetter(redis, 'marsad', { queue: 'page', job_id, source, code: 'NOT_ARABIC', … });
 */
export async function addDeadLetter(redis: RedisClient, prefix: string, entry: DeadLetter): Promise<void> {
  await redis.hset(key(prefix), `${entry.queue}:${entry.job_id}`, JSON.stringify(entry));
}

/**
 * Every dead job, the latest first.
 * @example (await deadLetters(redis, 'marsad'))[0]?.reason
 */
export async function deadLetters(redis: RedisClient, prefix: string): Promise<DeadLetter[]> {
  const all = Object.values(await redis.hgetall(key(prefix))).map((v) => JSON.parse(v) as DeadLetter);
  return all.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/**
 * How many jobs are dead.
 * @example await countDeadLetters(redis, 'marsad') // 2
 */
export async function countDeadLetters(redis: RedisClient, prefix: string): Promise<number> {
  return redis.hlen(key(prefix));
}

/**
 * Takes a job off the list (it is being retried).
 * @example await removeDeadLetter(redis, 'marsad', { queue: 'page', job_id: 'page-3f1c…' })
 */
export async function removeDeadLetter(redis: RedisClient, prefix: string, entry: Pick<DeadLetter, 'queue' | 'job_id'>): Promise<void> {
  await redis.hdel(key(prefix), `${entry.queue}:${entry.job_id}`);
}
