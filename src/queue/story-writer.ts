/**
 * Near-duplicate signing and story placement, for the whole fleet of workers, by one process
 * at a time. The duplicate index and story clusterer live in memory (loaded from the store);
 * if every worker kept its own, each would miss the articles the others stored. So the
 * worker holding a Redis lease consumes the record queue alone, and a worker that takes the
 * lease over (the holder stopped or died) loads both afresh from the store.
 */
import { randomUUID } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import { ANALYSIS_VERSION } from '../app/analyse.js';
import { StoryTracker } from '../app/stories.js';
import { refreshMergedEvents } from '../app/merged-events.js';
import type { MarsadStore } from '../store/store.js';
import type { RedisClient } from './connection.js';
import type { RecordJobData } from './queues.js';

/** Take the lease if free, or extend it if ours; 1 when we hold it afterwards. */
const ACQUIRE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1
end
if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 1 end
return 0`;
/** Articles recorded between two writes of story labels and summaries, at most. */
const FLUSH_EVERY = 50;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface StoryWriterOptions {
  /** How long a lease lasts without renewal: how soon another worker takes over from a dead one. */
  leaseMs?: number;
  /** BullMQ lock settings of the record worker (see worker.ts). */
  workerOptions?: { lockDuration?: number; stalledInterval?: number; maxStalledCount?: number };
  /** Wraps the record job (dead-letter bookkeeping). */
  wrap?: <T>(job: Job, run: () => Promise<T>) => Promise<T>;
}

/**
 * Records articles' duplicate links and stories, then marks their analysis complete — in the
 * process that holds the lease.
 * @example const writer = new StoryWriter(redis, 'marsad', store); writer.start(); … await writer.stop();
 */
export class StoryWriter {
  private readonly owner = randomUUID();
  private readonly key: string;
  private readonly leaseMs: number;
  private timer: NodeJS.Timeout | null = null;
  private worker: Worker<RecordJobData> | null = null;
  private switching: Promise<void> = Promise.resolve();
  private stopped = false;
  private tracker: StoryTracker | null = null;
  private unflushed = 0;
  private readonly queue: Queue<RecordJobData>;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly store: MarsadStore,
    private readonly options: StoryWriterOptions = {},
  ) {
    this.key = `${prefix}:story-writer`;
    this.leaseMs = options.leaseMs ?? 10_000;
    this.queue = new Queue<RecordJobData>('record', { connection: redis, prefix });
  }

  /** Whether this process is the story writer now. */
  get active(): boolean {
    return this.worker !== null;
  }

  start(): void {
    const tick = () => {
      this.switching = this.switching.then(() => this.tick()).catch(() => undefined);
    };
    tick();
    this.timer = setInterval(tick, Math.max(100, Math.floor(this.leaseMs / 3)));
  }

  /** Stops writing: the current record job finishes, then the lease is released for another worker. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.switching;
    await this.resign();
    await this.redis.eval(RELEASE, 1, this.key, this.owner).catch(() => undefined);
    await this.queue.close();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    const held = (await this.redis.eval(ACQUIRE, 1, this.key, this.owner, this.leaseMs)) === 1;
    if (held && !this.worker) this.begin();
    else if (!held && this.worker) await this.resign();
  }

  private begin(): void {
    // A fresh tracker: what other writers recorded before is read from the store on first use.
    const tracker = (this.tracker = new StoryTracker(this.store));
    this.unflushed = 0;
    const wrap = this.options.wrap ?? (<T>(_job: Job, run: () => Promise<T>) => run());
    this.worker = new Worker<RecordJobData>(
      'record',
      (job) => wrap(job, () => this.record(tracker, job.data.articleId)),
      { connection: this.redis, prefix: this.prefix, concurrency: 1, ...this.options.workerOptions },
    );
    this.worker.on('error', () => undefined); // connection trouble: BullMQ reconnects
  }

  private async resign(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.close();
    await this.tracker?.flush();
    this.tracker = null;
  }

  private async record(tracker: StoryTracker, articleId: string): Promise<string> {
    const stored = await this.store.get(articleId);
    if (!stored) return 'gone'; // removed since it was enqueued: nothing to record
    const [entities, events] = [await this.store.articleEntities(articleId), await this.store.articleEvents(articleId)];
    await tracker.record(articleId, stored.article, entities, events);
    // Story labels and summaries are recomputed in batches (as the embedded ingest does):
    // per article, summarising a growing story again and again would cost more than the rest.
    if (++this.unflushed >= FLUSH_EVERY || (await this.queue.count()) === 0) {
      await tracker.flush();
      // merged events of the buckets the batch changed, so that no events view pays for them
      await refreshMergedEvents(this.store);
      this.unflushed = 0;
    }
    await this.store.markAnalysed(articleId, ANALYSIS_VERSION);
    return 'recorded';
  }
}
