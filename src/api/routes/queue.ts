/**
 * Progress of the distributed pipeline: the same counts as `marsad queue status --json`.
 * The queue modules are loaded on the first request, so a server whose operators use no
 * queue never loads BullMQ nor needs Redis.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { problemContent } from '../problems.js';

const Counts = z.object({
  waiting: z.number().int(),
  active: z.number().int(),
  delayed: z.number().int().openapi({ description: 'waiting for a retry (exponential backoff)' }),
  completed: z.number().int(),
  failed: z.number().int(),
});

export const QueueStatusSchema = z
  .object({
    redis: z.string().openapi({ description: 'the Redis the queue lives in (password hidden)' }),
    prefix: z.string(),
    workers: z.number().int().openapi({ description: '`marsad worker` processes connected now' }),
    queues: z.object({ discover: Counts, page: Counts, record: Counts }),
    total: Counts,
    dead_letter: z.number().int().openapi({ description: 'jobs given up: permanent failures, and transient ones out of attempts' }),
    recent_failures: z.array(
      z.object({
        queue: z.enum(['discover', 'page', 'record']),
        job_id: z.string(),
        source: z.string(),
        code: z.string(),
        reason: z.string(),
        kind: z.enum(['permanent', 'exhausted']),
        attempts: z.number().int(),
        at: z.string(),
      }),
    ),
  })
  .openapi('QueueStatus');

const status = createRoute({
  method: 'get',
  path: '/api/queue',
  tags: ['queue'],
  summary: 'Jobs of the distributed pipeline: waiting, active, delayed, completed, failed per queue, and the latest dead letters with their reasons',
  responses: {
    200: { description: 'The counts', content: { 'application/json': { schema: QueueStatusSchema } } },
    503: problemContent('the queue\'s Redis is unreachable (QUEUE_UNREACHABLE)'),
  },
});

/** Which queue the API reports on; by default `$MARSAD_REDIS` / `$MARSAD_QUEUE_PREFIX`, as the CLI. */
export interface QueueRouteOptions {
  redisUrl?: string;
  prefix?: string;
}

/**
 * Registers `GET /api/queue`.
 * @example queueRoutes(app, { redisUrl: 'redis://127.0.0.1:6379' })
 */
export function queueRoutes(app: OpenAPIHono, options: QueueRouteOptions = {}): void {
  app.openapi(status, async (c) => {
    const { connectRedis, queueTarget, redactUrl } = await import('../../queue/connection.js');
    const { queueStatus } = await import('../../queue/status.js');
    const target = queueTarget(options.redisUrl, options.prefix);
    const redis = await connectRedis(target.redisUrl, { connectTimeoutMs: 2000 });
    try {
      return c.json(await queueStatus(redis, target.prefix, redactUrl(target.redisUrl)), 200);
    } finally {
      await redis.quit().catch(() => undefined);
    }
  });
}
