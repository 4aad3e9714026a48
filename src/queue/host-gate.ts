/**
 * Politeness shared by every worker on every machine: one Redis key per host, set for the
 * pause with NX, so that only one request may start per pause however many processes fetch.
 */
import type { RedisClient } from './connection.js';

/** A turn is never waited for in steps longer than this, so a freed slot is taken soon. */
const MAX_POLL_MS = 250;

/**
 * Returns a gate for `Fetcher`'s `hostGate` option: it resolves when this process may start
 * a request to `host`, at least `delayMs` after the previous start by any process using the
 * same Redis and prefix.
 * @example const fetcher = new Fetcher({ hostGate: redisHostGate(redis, 'marsad') });
 */
export function redisHostGate(redis: RedisClient, prefix: string): (host: string, delayMs: number) => Promise<void> {
  return async (host, delayMs) => {
    const key = `${prefix}:host-gate:${host.toLowerCase()}`;
    const pause = Math.max(1, Math.round(delayMs));
    for (;;) {
      // The key's lifetime is the pause: whoever sets it owns the next slot.
      if ((await redis.set(key, String(Date.now()), 'PX', pause, 'NX')) === 'OK') return;
      const left = await redis.pttl(key);
      await sleep(left > 0 ? Math.min(left, MAX_POLL_MS) : 1);
    }
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
