/**
 * The three queues of the distributed pipeline and what their jobs carry:
 * - discover: an input that may stand for many pages (a feed, a sitemap, a URL not yet
 *   known to be a page) → page jobs;
 * - page: one page to fetch or read, extract, analyse and store;
 * - record: one stored article to sign for near-duplicates and place in a story, done by a
 *   single process at a time (see story-writer.ts).
 * Job ids derive from what the job is about, so enqueuing the same page twice is one job.
 */
import { createHash } from 'node:crypto';
import { Queue, type JobsOptions } from 'bullmq';
import type { RedisClient } from './connection.js';

export const QUEUE_NAMES = ['discover', 'page', 'record'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** An input to expand into pages. */
export interface DiscoverJobData {
  input: string;
  /** Folder relative paths are read from (workers must see the same files). */
  cwd: string;
  anyLanguage: boolean;
  /** Levels of sitemap index above this one. */
  depth: number;
}

/** One page: a file path or an http(s) URL, stored under `source`. */
export interface PageJobData {
  source: string;
  cwd: string;
  anyLanguage: boolean;
}

export interface RecordJobData {
  articleId: string;
}

/** How jobs are retried: attempts in all, and the first backoff step (doubling). */
export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, backoffMs: 2000 };

/**
 * A job id from what the job is about (BullMQ ids may not contain ':').
 * @example jobId('page', 'https://example.org/a') // 'page-3f1c…'
 */
export function jobId(kind: QueueName, key: string): string {
  return `${kind}-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

/**
 * The queues of one prefix on one Redis connection.
 * @example const queues = new MarsadQueues(redis, 'marsad'); await queues.addPage({ source: 'a.html', cwd: process.cwd(), anyLanguage: false });
 */
export class MarsadQueues {
  readonly discover: Queue<DiscoverJobData>;
  readonly page: Queue<PageJobData>;
  readonly record: Queue<RecordJobData>;

  constructor(
    readonly redis: RedisClient,
    readonly prefix: string,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {
    const opts = { connection: redis, prefix };
    this.discover = new Queue<DiscoverJobData>('discover', opts);
    this.page = new Queue<PageJobData>('page', opts);
    this.record = new Queue<RecordJobData>('record', opts);
  }

  all(): Record<QueueName, Queue> {
    return { discover: this.discover, page: this.page, record: this.record } as unknown as Record<QueueName, Queue>;
  }

  /** Adds a page job; a page already waiting, running or recently done is not added again. */
  async addPage(data: PageJobData): Promise<void> {
    // Completed page jobs are kept a day: re-enqueuing within it is a no-op (the page's
    // content is re-checked when it is enqueued after that, or by a feed poll).
    await this.page.add('page', data, { ...this.jobOptions(), jobId: jobId('page', data.source), removeOnComplete: { age: 86_400, count: 100_000 } });
  }

  /** Adds a discover job; finished ones are dropped so that a feed can be polled again. */
  async addDiscover(data: DiscoverJobData): Promise<void> {
    await this.discover.add('discover', data, { ...this.jobOptions(), jobId: jobId('discover', data.input), removeOnComplete: true });
  }

  /** Adds a record job for an article (one pending per article). */
  async addRecord(articleId: string): Promise<void> {
    await this.record.add('record', { articleId }, { ...this.jobOptions(), jobId: jobId('record', articleId), removeOnComplete: true });
  }

  async close(): Promise<void> {
    await Promise.all([this.discover.close(), this.page.close(), this.record.close()]);
  }

  private jobOptions(): JobsOptions {
    return {
      attempts: this.retry.attempts,
      backoff: { type: 'exponential', delay: this.retry.backoffMs },
      // Failed jobs stay for inspection and `queue retry-dead`; the dead-letter list has the reasons.
      removeOnFail: false,
    };
  }
}
