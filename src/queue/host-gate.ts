/**
 * Politeness shared by every worker on every machine: one Redis key per host, taken with
 * NX, so that however many processes fetch, a host sees one request at a time and a pause
 * between two.
 */
import { randomUUID } from 'node:crypto';
import type { RedisClient } from './connection.js';

/** A turn is never waited for in steps longer than this, so a freed slot is taken soon. */
const MAX_POLL_MS = 250;

/** The request is over: the host's key now lives for the pause only (if it is still ours). */
const PAUSE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

/**
 * Returns a gate for `Fetcher`'s `hostGate` option. A request to a host holds the host's key
 * while it runs (at most `maxRequestMs`, so a process that dies mid-request frees it) and for
 * the pause after it; another process may start only once the key is gone. So all processes
 * sharing the Redis and prefix send one request at a time per host, `delayMs` apart from the
 * end of one to the start of the next — as one polite Fetcher would alone.
 * @example const fetcher = new Fetcher({ hostGate: redisHostGate(redis, 'marsad', { maxRequestMs: 20_000 }) });
 */
export function redisHostGate(
  redis: RedisClient,
  prefix: string,
  options: { maxRequestMs: number },
): (host: string, delayMs: number) => Promise<() => Promise<void>> {
  return async (host, delayMs) => {
    const key = `${prefix}:host-gate:${host.toLowerCase()}`;
    const pause = Math.max(1, Math.round(delayMs));
    const token = randomUUID();
    for (;;) {
      if ((await redis.set(key, token, 'PX', options.maxRequestMs + pause, 'NX')) === 'OK') break;
      const left = await redis.pttl(key);
      await sleep(left > 0 ? Math.min(left, MAX_POLL_MS) : 1);
    }
    return async () => {
      await redis.eval(PAUSE, 1, key, token, pause);
    };
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
