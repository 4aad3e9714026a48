/**
 * The distributed pipeline's commands: `marsad worker`, `marsad queue status|retry-dead`
 * and `marsad ingest --queue`. The queue modules (and BullMQ, and the Redis driver) are
 * imported only when one of these runs, so every other command works with neither installed
 * nor any Redis server.
 */
import type { Command } from 'commander';
import { MarsadError } from '../model/errors.js';
import type { MarsadStore } from '../store/store.js';
import { allowHostsFromEnv } from '../sources/address-policy.js';

/** What the queue commands need from the main program. */
export interface QueueCliContext {
  openStore: () => Promise<MarsadStore>;
  write: (line: string) => void;
  err: NodeJS.WritableStream;
  setExitCode: (code: number) => void;
  /** Adds --delay, --timeout, --max-bytes, --no-robots, --allow-host. */
  fetchOptions: (cmd: Command) => Command;
}

interface FetchFlags {
  delay: string;
  timeout: string;
  maxBytes: string;
  robots: boolean;
  allowHost?: string[];
}

const REDIS_HELP = 'Redis URL of the job queue (default $MARSAD_REDIS or redis://127.0.0.1:6379)';

/**
 * Registers `worker` and `queue` on the program.
 * @example registerQueueCommands(program, { openStore, write, err, setExitCode, fetchOptions });
 */
export function registerQueueCommands(program: Command, ctx: QueueCliContext): void {
  ctx
    .fetchOptions(
      program
        .command('worker')
        .description('process queued jobs (fetch, extract, analyse, store) until Ctrl+C or SIGTERM; run as many as you like, on any machine sharing the Redis and the database')
        .option('--concurrency <n>', 'page jobs in progress at once in this process', '1')
        .option('--redis <url>', REDIS_HELP)
        .option('--json', 'one JSON line per finished or failed job'),
    )
    .action(async (o: FetchFlags & { concurrency: string; redis?: string; json?: boolean }) => {
      const concurrency = positiveInt(o.concurrency, '--concurrency');
      const { connectRedis, queueTarget, redactUrl } = await import('../queue/connection.js');
      const { startWorker } = await import('../queue/worker.js');
      const target = queueTarget(o.redis);
      const redis = await connectRedis(target.redisUrl);
      const store = await ctx.openStore();
      let done = 0;
      let dead = 0;
      try {
        const worker = await startWorker({
          redis,
          prefix: target.prefix,
          store,
          concurrency,
          fetch: {
            delayMs: positiveInt(o.delay, '--delay'),
            timeoutMs: positiveInt(o.timeout, '--timeout'),
            maxBytes: positiveInt(o.maxBytes, '--max-bytes'),
            respectRobots: o.robots,
            allowHosts: allowHostsFromEnv(o.allowHost),
          },
          maxBytes: positiveInt(o.maxBytes, '--max-bytes'),
          lockDurationMs: envInt('MARSAD_QUEUE_LOCK_MS'),
          stalledIntervalMs: envInt('MARSAD_QUEUE_STALLED_MS'),
          storyLeaseMs: envInt('MARSAD_QUEUE_LEASE_MS'),
          onEvent: (e) => {
            if (e.type === 'done') done++;
            if (e.type === 'dead') dead++;
            if (o.json) ctx.write(JSON.stringify(e));
            else if (e.type === 'dead') ctx.err.write(`✗ ${e.queue} ${e.source}: ${e.reason}\n`);
          },
        });
        ctx.err.write(`marsad worker: consuming ${redactUrl(target.redisUrl)} (prefix ${target.prefix}) — Ctrl+C to stop\n`);
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            resolve();
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
        ctx.err.write('marsad worker: stopping after the jobs in progress…\n');
        await worker.stop();
        ctx.err.write(`marsad worker: ${done} jobs done, ${dead} given up (see \`marsad queue status\`)\n`);
      } finally {
        await store.close();
        await redis.quit().catch(() => undefined);
      }
    });

  const queue = program.command('queue').description('the job queue of the distributed pipeline: progress and dead letters');
  queue
    .command('status')
    .description('jobs waiting, active, delayed, completed and failed per queue, and the latest failures with their reasons')
    .option('--redis <url>', REDIS_HELP)
    .option('--json', 'one JSON object: {redis, prefix, workers, queues, total, dead_letter, recent_failures}')
    .action(async (o: { redis?: string; json?: boolean }) => {
      await withQueue(o.redis, async (redis, prefix, label) => {
        const { queueStatus } = await import('../queue/status.js');
        const s = await queueStatus(redis, prefix, label);
        if (o.json) {
          ctx.write(JSON.stringify(s));
          return;
        }
        ctx.write(`queue ${s.redis} (prefix ${s.prefix}), ${s.workers} worker(s) connected`);
        ctx.write(`${'queue'.padEnd(10)}${['waiting', 'active', 'delayed', 'completed', 'failed'].map((h) => h.padStart(11)).join('')}`);
        for (const [name, c] of [...Object.entries(s.queues), ['total', s.total] as const]) {
          ctx.write(`${name.padEnd(10)}${[c.waiting, c.active, c.delayed, c.completed, c.failed].map((n) => String(n).padStart(11)).join('')}`);
        }
        ctx.write(`dead letters: ${s.dead_letter}`);
        for (const f of s.recent_failures) ctx.write(`  ✗ [${f.code}] ${f.queue} ${f.source} (${f.kind}, ${f.attempts} attempt(s), ${f.at}): ${f.reason}`);
      });
    });
  queue
    .command('retry-dead')
    .description('put every dead-letter job back in its queue, with its attempts counted afresh')
    .option('--redis <url>', REDIS_HELP)
    .action(async (o: { redis?: string }) => {
      await withQueue(o.redis, async (redis, prefix) => {
        const { retryDead } = await import('../queue/status.js');
        ctx.write(`${await retryDead(redis, prefix)} job(s) requeued`);
      });
    });
}

/**
 * `marsad ingest --queue`: enqueues the inputs instead of processing them, and says how many
 * jobs were queued. Inputs that cannot be enqueued (a missing path) are reported, exit 1.
 * @example await enqueueFromCli(['../shared/seeds'], { redis: undefined, anyLanguage: false, maxBytes: 1e6 }, ctx)
 */
export async function enqueueFromCli(
  inputs: string[],
  o: { redis?: string; anyLanguage?: boolean; maxBytes: number; json?: boolean },
  ctx: Pick<QueueCliContext, 'write' | 'err' | 'setExitCode'>,
): Promise<void> {
  await withQueue(o.redis, async (redis, prefix, label) => {
    const { MarsadQueues } = await import('../queue/queues.js');
    const { enqueueInputs } = await import('../queue/process-page.js');
    const queues = new MarsadQueues(redis, prefix);
    try {
      const r = await enqueueInputs(queues, inputs, { cwd: process.cwd(), anyLanguage: Boolean(o.anyLanguage), maxBytes: o.maxBytes });
      for (const f of r.failed) ctx.err.write(`✗ ${f.error.message}\n`);
      if (o.json) ctx.write(JSON.stringify({ queued: r.pages + r.discover, pages: r.pages, discover: r.discover, failed: r.failed.map((f) => ({ source: f.source, error: f.error.message, code: f.error.code })) }));
      else {
        const more = r.discover ? ` and ${r.discover} feed/URL input(s) to expand` : '';
        ctx.write(`queued ${r.pages + r.discover} job(s): ${r.pages} page(s)${more}, on ${label} (prefix ${prefix}); a page already queued is not queued twice. Run \`marsad worker\` to process them, \`marsad queue status\` to follow.`);
      }
      if (r.failed.length) ctx.setExitCode(1);
    } finally {
      await queues.close();
    }
  });
}

async function withQueue(url: string | undefined, fn: (redis: import('../queue/connection.js').RedisClient, prefix: string, label: string) => Promise<void>): Promise<void> {
  const { connectRedis, queueTarget, redactUrl } = await import('../queue/connection.js');
  const target = queueTarget(url);
  const redis = await connectRedis(target.redisUrl);
  try {
    await fn(redis, target.prefix, redactUrl(target.redisUrl));
  } finally {
    await redis.quit().catch(() => undefined);
  }
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new MarsadError('BAD_ARGUMENT', `'${value}', not a positive whole number`, flag);
  return n;
}

/** Lock and lease timings may be tuned by the environment (tests shorten them). */
function envInt(name: string): number | undefined {
  const v = process.env[name];
  return v && /^\d+$/.test(v) ? Number(v) : undefined;
}
