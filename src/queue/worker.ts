/**
 * A worker process: consumes the discover and page queues (and the record queue while it is
 * the story writer) until stopped. Transient failures are retried with exponential backoff
 * by BullMQ; permanent ones, and transient ones out of attempts, go to the dead-letter list
 * with their MarsadError code and reason.
 */
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { MarsadError, toMarsadError, type ErrorCode } from '../model/errors.js';
import { Fetcher, type FetcherOptions } from '../sources/fetcher.js';
import type { MarsadStore } from '../store/store.js';
import { ensureKnownActors } from '../app/analyse.js';
import type { RedisClient } from './connection.js';
import { addDeadLetter } from './dead-letter.js';
import { redisHostGate } from './host-gate.js';
import { runDiscoverJob, runPageJob, type PageOutcome } from './process-page.js';
import { MarsadQueues, type DiscoverJobData, type PageJobData, type QueueName } from './queues.js';
import { StoryWriter } from './story-writer.js';

export interface WorkerOptions {
  redis: RedisClient;
  prefix: string;
  store: MarsadStore;
  /** Page jobs run at once in this process (fetching overlaps; analysis shares one CPU). */
  concurrency?: number;
  /** Fetcher settings; the pause between requests to a host is shared through Redis. */
  fetch?: Omit<FetcherOptions, 'hostGate' | 'stateStore' | 'retries'>;
  maxBytes?: number;
  /**
   * How long a job stays locked to this process without renewal, and how often stalled jobs
   * (their worker died) are looked for: a killed worker's jobs run again within about the sum.
   */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** How long the story-writer lease lasts without renewal. */
  storyLeaseMs?: number;
  /** Told of each finished or failed job (the CLI prints them). */
  onEvent?: (event: WorkerEvent) => void;
}

export type WorkerEvent =
  | { type: 'done'; queue: QueueName; source: string; outcome?: PageOutcome }
  | { type: 'retry'; queue: QueueName; source: string; code: ErrorCode; reason: string; attempt: number }
  | { type: 'dead'; queue: QueueName; source: string; code: ErrorCode; reason: string };

/** Codes whose cause a retry cannot remove: the page, the input or the site's rules. */
const PERMANENT: ReadonlySet<string> = new Set([
  'INPUT_NOT_FOUND',
  'INPUT_EMPTY',
  'INPUT_BINARY',
  'INPUT_TOO_LARGE',
  'INPUT_UNREADABLE',
  'NO_ARTICLE_TEXT',
  'NOT_ARABIC',
  'NOTHING_TO_EXTRACT',
  'FETCH_REDIRECTS',
  'FETCH_ROBOTS_DISALLOWED',
  'FETCH_BAD_URL',
  'FETCH_FORBIDDEN_ADDRESS',
  'FEED_NOT_XML',
  'DATA_FILE_INVALID',
  'BAD_ARGUMENT',
]);

/**
 * Whether retrying can help: network trouble, timeouts, 408/425/429 and 5xx answers, and
 * store errors (a busy database) are transient; a bad page, a 404 or a robots.txt refusal is not.
 * @example isPermanent(new MarsadError('FETCH_HTTP_STATUS', 'HTTP 404', url)) // true
 */
export function isPermanent(err: MarsadError): boolean {
  if (err.code === 'FETCH_HTTP_STATUS') {
    const status = Number(/HTTP (\d{3})/.exec(err.found)?.[1]);
    return status >= 400 && status < 500 && status !== 408 && status !== 425 && status !== 429;
  }
  return PERMANENT.has(err.code);
}

/** A running worker. */
export interface RunningWorker {
  /** Stops taking jobs, lets the running ones finish, releases the story lease. */
  stop(): Promise<void>;
}

/**
 * Starts consuming the queues of `prefix`.
 * @example const w = await startWorker({ redis, prefix: 'marsad', store }); process.once('SIGTERM', () => w.stop());
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { redis, prefix, store } = options;
  await ensureKnownActors(store);
  const queues = new MarsadQueues(redis, prefix);
  // The queue does the retrying (with backoff, across workers); a fetch tries once.
  const fetcher = new Fetcher({ ...options.fetch, retries: 0, stateStore: store, hostGate: redisHostGate(redis, prefix, { maxRequestMs: options.fetch?.timeoutMs ?? 20_000 }) });
  const ctx = { store, fetcher, queues, maxBytes: options.maxBytes };
  const lock = {
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 15_000,
    // a job that killed its worker several times is given up (and listed dead) rather than looping
    maxStalledCount: 3,
  };
  const emit = options.onEvent ?? (() => undefined);

  /** Runs a job; on failure lists it dead when it will not be tried again, and tells BullMQ which it is. */
  const wrap = async <T>(queue: QueueName, job: Job, source: string, run: () => Promise<T>): Promise<T> => {
    try {
      const result = await run();
      emit({ type: 'done', queue, source, outcome: queue === 'record' ? undefined : (result as PageOutcome | undefined) });
      return result;
    } catch (err) {
      const error = toMarsadError(err, source, 'INTERNAL');
      const permanent = isPermanent(error);
      const attempts = job.opts.attempts ?? 1;
      if (permanent || job.attemptsMade + 1 >= attempts) {
        await addDeadLetter(redis, prefix, {
          queue,
          job_id: job.id ?? '',
          source,
          code: error.code,
          reason: error.message,
          kind: permanent ? 'permanent' : 'exhausted',
          attempts: job.attemptsMade + 1,
          at: new Date().toISOString(),
        });
        emit({ type: 'dead', queue, source, code: error.code, reason: error.message });
      } else emit({ type: 'retry', queue, source, code: error.code, reason: error.message, attempt: job.attemptsMade + 1 });
      throw permanent ? new UnrecoverableError(`${error.code}: ${error.message}`) : new Error(`${error.code}: ${error.message}`);
    }
  };

  const workers = [
    new Worker<DiscoverJobData>('discover', (job) => wrap('discover', job, job.data.input, () => runDiscoverJob(ctx, job.data).then((r) => r.page)), {
      connection: redis,
      prefix,
      concurrency: 1,
      ...lock,
    }),
    new Worker<PageJobData>('page', (job) => wrap('page', job, job.data.source, () => runPageJob(ctx, job.data)), {
      connection: redis,
      prefix,
      concurrency: options.concurrency ?? 1,
      ...lock,
    }),
  ];
  for (const w of workers) w.on('error', () => undefined); // connection trouble: BullMQ reconnects
  const writer = new StoryWriter(redis, prefix, store, {
    leaseMs: options.storyLeaseMs,
    workerOptions: lock,
    wrap: (job, run) => wrap('record', job, (job.data as { articleId: string }).articleId, run),
  });
  writer.start();

  let stopping: Promise<void> | null = null;
  return {
    stop: () =>
      (stopping ??= (async () => {
        await Promise.all(workers.map((w) => w.close()));
        await writer.stop();
        await queues.close();
      })()),
  };
}
