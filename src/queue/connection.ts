/**
 * The queue's link to Redis. ioredis is loaded on demand so that the embedded pipeline
 * (plain `marsad ingest`, `serve`, …) never needs it installed nor a server running.
 */
import { MarsadError } from '../model/errors.js';

/**
 * The part of an ioredis client the queue uses. Declared here rather than imported, so
 * that the project compiles where the optional driver is not installed.
 */
export interface RedisClient {
  connect(): Promise<void>;
  ping(): Promise<string>;
  quit(): Promise<string>;
  disconnect(): void;
  duplicate(): RedisClient;
  on(event: 'error', listener: (err: Error) => void): unknown;
  options: { retryStrategy?: (times: number) => number | null };
  set(key: string, value: string, px: 'PX', ms: number, nx: 'NX'): Promise<'OK' | null>;
  pttl(key: string): Promise<number>;
  get(key: string): Promise<string | null>;
  del(...keys: string[]): Promise<number>;
  hset(key: string, field: string, value: string): Promise<number>;
  hgetall(key: string): Promise<Record<string, string>>;
  hdel(key: string, ...fields: string[]): Promise<number>;
  hlen(key: string): Promise<number>;
  scan(cursor: string, match: 'MATCH', pattern: string, count: 'COUNT', n: number): Promise<[string, string[]]>;
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

/** Where the queue lives when nobody says: the Redis of this machine. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
/** Key prefix of every queue key, so several Marsad installations (or tests) can share one Redis. */
export const DEFAULT_QUEUE_PREFIX = 'marsad';

/** Which queue: the Redis it lives in and the key prefix of its keys. */
export interface QueueTarget {
  redisUrl: string;
  prefix: string;
}

/**
 * The queue a user means: `--redis`, else `$MARSAD_REDIS`, else the local default; the
 * prefix from `$MARSAD_QUEUE_PREFIX`, else `marsad`.
 * @example queueTarget(undefined) // { redisUrl: 'redis://127.0.0.1:6379', prefix: 'marsad' }
 */
export function queueTarget(redisUrl?: string, prefix?: string): QueueTarget {
  return {
    redisUrl: redisUrl ?? process.env.MARSAD_REDIS ?? DEFAULT_REDIS_URL,
    prefix: prefix ?? process.env.MARSAD_QUEUE_PREFIX ?? DEFAULT_QUEUE_PREFIX,
  };
}

/**
 * Connects to Redis and checks it answers, failing fast with QUEUE_UNREACHABLE (naming the
 * URL) instead of retrying forever as a bare client would. The client returned has no
 * per-command retry limit, which BullMQ requires of connections it blocks on.
 * @example const redis = await connectRedis('redis://127.0.0.1:6379'); await redis.quit();
 */
export async function connectRedis(url: string, options: { connectTimeoutMs?: number } = {}): Promise<RedisClient> {
  const IORedis = await loadDriver();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MarsadError('BAD_ARGUMENT', `'${url}', not a redis:// URL`, '--redis');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new MarsadError('BAD_ARGUMENT', `'${url}', not a redis:// or rediss:// URL`, '--redis');
  }
  const base = {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 3000,
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
  };
  // The first connection gets no retries, so an absent server is reported at once.
  const client = new IORedis(url, { ...base, retryStrategy: () => null });
  let lastError: Error | null = null;
  client.on('error', (err) => void (lastError = err)); // reported through connect() below
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    client.disconnect();
    // connect() only says "Connection is closed"; the error event says why (ECONNREFUSED…)
    const cause = (lastError as Error | null) ?? err;
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new MarsadError('QUEUE_UNREACHABLE', `no answer (${why})`, redactUrl(url), { cause: err });
  }
  // Once known to be up, a worker rides out short outages by reconnecting.
  client.options.retryStrategy = (times: number) => Math.min(times * 200, 5000);
  return client;
}

/**
 * The URL without its password, for messages and status output.
 * @example redactUrl('redis://:s3cret@q.example:6379') // 'redis://:***@q.example:6379'
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.href.replace(/\/$/, '');
  } catch {
    return url;
  }
}

type RedisConstructor = new (url: string, options: Record<string, unknown>) => RedisClient;

async function loadDriver(): Promise<RedisConstructor> {
  try {
    // a computed specifier, so that tsc does not look for the optional package's types
    const driver = 'ioredis';
    const mod = (await import(driver)) as { default: RedisConstructor };
    return mod.default;
  } catch (err) {
    throw new MarsadError('QUEUE_DRIVER_MISSING', `it cannot be loaded (${err instanceof Error ? err.message : String(err)})`, null, { cause: err });
  }
}
