/**
 * An in-process registry of ingest jobs: the API answers an ingest request at once with a
 * job id, and the client follows `GET /api/jobs/{id}` while pages are read, extracted and
 * stored. Jobs run one at a time, in the order they were submitted, so two batches never
 * resolve the same new entity twice. Nothing survives a restart: finished jobs are kept in
 * memory (the most recent `keep` of them) only so their report can be read.
 */
import { randomBytes } from 'node:crypto';
import type { IngestResult } from '../app/ingest.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** What `GET /api/jobs/{id}` reports. */
export interface Job {
  id: string;
  status: JobStatus;
  /** The inputs as the client gave them (URLs, or uploaded file names). */
  inputs: string[];
  /** Pages known so far (feeds and sitemaps reveal more as they are read). */
  discovered: number;
  /** Pages done so far: one result each. */
  processed: number;
  counts: Record<IngestResult['status'], number>;
  /** One line per page, as `marsad ingest --json` prints it. */
  results: IngestResult[];
  /** Why the job as a whole stopped early, when it did. */
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** How a job's work is started: it gets a progress hook and yields one result per page. */
export type JobWork = (hooks: { onDiscovered: (n: number) => void }) => AsyncIterable<IngestResult>;

export interface JobRegistryOptions {
  /** How many finished jobs stay readable (oldest forgotten first). */
  keep?: number;
}

/**
 * Queues and runs ingest jobs in the background.
 * @example
 * const jobs = new JobRegistry();
 * const job = jobs.submit(['https://example.org/a.html'], (h) => ingest(urls, { store, fetcher, onDiscovered: h.onDiscovered }));
 * jobs.get(job.id)?.status // 'queued' | 'running' | 'done' | …
 */
export class JobRegistry {
  private readonly jobs = new Map<string, Job>();
  private readonly cleanups = new Map<string, () => Promise<void>>();
  private readonly keep: number;
  private tail: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(options: JobRegistryOptions = {}) {
    this.keep = options.keep ?? 200;
  }

  /**
   * Queues a job; `cleanup` runs once it is over, whatever happened (temporary files).
   * @example const { id } = jobs.submit(['a.html'], (h) => ingest(['a.html'], { store, fetcher, ...h }));
   */
  submit(inputs: string[], work: JobWork, cleanup?: () => Promise<void>): Job {
    const job: Job = {
      id: randomBytes(9).toString('base64url'),
      status: 'queued',
      inputs: [...inputs],
      discovered: 0,
      processed: 0,
      counts: { new: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 },
      results: [],
      error: null,
      created_at: new Date().toISOString(),
      started_at: null,
      finished_at: null,
    };
    this.jobs.set(job.id, job);
    if (cleanup) this.cleanups.set(job.id, cleanup);
    this.forgetOld();
    this.tail = this.tail.then(() => this.run(job, work));
    return snapshot(job);
  }

  /** The job's state now (a copy), or null when the id is unknown or forgotten. */
  get(id: string): Job | null {
    const job = this.jobs.get(id);
    return job ? snapshot(job) : null;
  }

  /** Resolves when every job submitted so far is over. */
  async idle(): Promise<void> {
    await this.tail;
  }

  /** Cancels queued jobs, stops the running one after its current page, and waits for it. */
  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
  }

  private async run(job: Job, work: JobWork): Promise<void> {
    try {
      if (this.closed) {
        job.status = 'cancelled';
        return;
      }
      job.status = 'running';
      job.started_at = new Date().toISOString();
      for await (const result of work({ onDiscovered: (n) => (job.discovered += n) })) {
        job.results.push(result);
        job.processed++;
        job.counts[result.status]++;
        if (job.discovered < job.processed) job.discovered = job.processed;
        if (this.closed) {
          job.status = 'cancelled';
          break;
        }
      }
      if (job.status === 'running') job.status = 'done';
    } catch (err) {
      job.status = 'failed';
      job.error = err instanceof Error ? err.message : String(err);
    } finally {
      job.finished_at = new Date().toISOString();
      const cleanup = this.cleanups.get(job.id);
      this.cleanups.delete(job.id);
      await cleanup?.().catch(() => undefined);
    }
  }

  private forgetOld(): void {
    const finished = [...this.jobs.values()].filter((j) => j.finished_at !== null);
    for (const j of finished.slice(0, Math.max(0, finished.length - this.keep))) this.jobs.delete(j.id);
  }
}

function snapshot(job: Job): Job {
  return { ...job, inputs: [...job.inputs], counts: { ...job.counts }, results: job.results.map((r) => ({ ...r })) };
}
