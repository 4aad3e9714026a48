/**
 * Input size limits: small JSON bodies everywhere, larger ones only where files are uploaded.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { formatBytes } from '../sources/files.js';
import { MarsadError } from '../model/errors.js';
import { ProblemError, problemOf } from './problems.js';

/** Largest JSON body of an ordinary write (a merge, a list of URLs). */
export const JSON_BODY_LIMIT = 64 * 1024;
/** Largest upload, all files together, unless the operator says otherwise. */
export const DEFAULT_UPLOAD_LIMIT = 20 * 1024 * 1024;

/**
 * Middleware answering 413 (INPUT_TOO_LARGE, param `body`) past the limit of the route:
 * `uploadLimit` for the paths in `uploadPaths`, `JSON_BODY_LIMIT` for the rest.
 * @example app.use('/api/*', limitBodies({ uploadPaths: ['/api/ingest'], uploadLimit: 20 << 20 }))
 */
export function limitBodies(options: { uploadPaths: string[]; uploadLimit: number }): MiddlewareHandler {
  const make = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new ProblemError(problemOf(new MarsadError('INPUT_TOO_LARGE', `a request body over ${formatBytes(maxSize)}`, 'body'), 'body'));
      },
    });
  const small = make(JSON_BODY_LIMIT);
  const large = make(options.uploadLimit);
  const uploads = new Set(options.uploadPaths);
  return (c, next) => (uploads.has(c.req.path) ? large : small)(c, next);
}
