/**
 * Writes need the operator's bearer token; reads are open (the server listens on localhost).
 * Without a configured token every write is refused, with a problem that says how to set one.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { apiProblem, ProblemError } from './problems.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The OpenAPI security scheme name the write routes declare. */
export const BEARER_SCHEME = 'bearerAuth';

/**
 * Middleware refusing any non-read request without the right `Authorization: Bearer` token.
 * @example app.use('/api/*', requireTokenForWrites(process.env.MARSAD_API_TOKEN ?? null))
 */
export function requireTokenForWrites(token: string | null | undefined): MiddlewareHandler {
  const expected = token ? digest(token) : null;
  return async (c, next) => {
    if (READ_METHODS.has(c.req.method)) return next();
    if (!expected) throw new ProblemError(apiProblem('WRITES_DISABLED', `${c.req.method} ${c.req.path} changes the store`, 'Authorization'));
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer[ \t]+(\S+)\s*$/i.exec(header);
    if (!m || !timingSafeEqual(digest(m[1]!), expected)) {
      const found = header ? 'a token that does not match the configured one' : 'no Authorization header';
      throw new ProblemError(apiProblem('UNAUTHORIZED', found, 'Authorization'));
    }
    return next();
  };
}

/** Hashing first gives equal-length buffers, so the comparison takes the same time whatever the guess. */
function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}
