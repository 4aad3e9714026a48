/**
 * Test helpers for the queue: a Redis connection or the reason to skip, a prefix of one's
 * own (test files run in parallel processes against one Redis), and its removal afterwards.
 */
import { randomBytes } from 'node:crypto';
import { connectRedis, queueTarget, type RedisClient } from './connection.js';

/** Redis for a test, or why the test must be skipped. */
export async function redisForTest(): Promise<{ redis: RedisClient; url: string } | { skip: string }> {
  const { redisUrl } = queueTarget();
  try {
    return { redis: await connectRedis(redisUrl, { connectTimeoutMs: 1500 }), url: redisUrl };
  } catch (err) {
    return { skip: `no Redis for the queue tests (${err instanceof Error ? err.message : String(err)})` };
  }
}

/** A key prefix no other test uses. */
export function testPrefix(name: string): string {
  return `marsad-test-${name}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under the prefix (queues, dead letters, host gates, lease). */
export async function dropPrefix(redis: RedisClient, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/**
 * Polls until `check` returns true, or fails after `timeoutMs` with what `describe` says.
 * @example await waitFor(async () => (await store.count()) === 5, 20_000, () => 'five articles');
 */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, describe: () => Promise<string> | string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${await describe()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A copy of a page that is an article of its own: a sentence naming `n` is added to its
 * longest paragraph (the longest <p> of an HTML page, the longest line of a text; a line
 * appended at the end would be cut as boilerplate), so the store, which knows a page by its
 * text, keeps each copy.
 * @example distinctVariant(seedText, 3) // same page, one sentence more
 */
export function distinctVariant(page: string, n: number): string {
  const sentence = ` وأشار التقرير رقم ${n} إلى ذلك.`;
  if (/<\/p>/i.test(page)) {
    let best: RegExpExecArray | null = null;
    for (const m of page.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/gi)) if (!best || m[1]!.length > best[1]!.length) best = m as RegExpExecArray;
    if (best) {
      const end = best.index + best[0].length - '</p>'.length;
      // its own address too, or the store would take it for the same article, updated
      const own = (url: string) => `${url}${url.includes('?') ? '&' : '?'}copy=${n}`;
      return (page.slice(0, end) + sentence + page.slice(end))
        .replace(/(<link\b[^>]*rel=["']?canonical["']?[^>]*href=["'])([^"']+)/gi, (_m, pre: string, url: string) => pre + own(url))
        .replace(/(<meta\b[^>]*property=["']og:url["'][^>]*content=["'])([^"']+)/gi, (_m, pre: string, url: string) => pre + own(url));
    }
  }
  const lines = page.split('\n');
  let longest = 0;
  for (let i = 1; i < lines.length; i++) if (lines[i]!.length > lines[longest]!.length) longest = i;
  lines[longest] = lines[longest]!.trimEnd() + sentence;
  return lines.join('\n');
}
