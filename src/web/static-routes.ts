/**
 * The web interface (the analyst's workbench) served by the API's own process: plain static
 * files — `index.html`, `app.css` and ES modules — read from `src/web/static/`, resolved from
 * the repository root so the same folder serves from `src/` and from `dist/` (tsc does not
 * copy it). No bundler: the browser loads the modules as they are written.
 *
 * Routes: `GET /` is the interface; `GET /web/<file>` its assets. Everything else (the API
 * under `/api`, `/openapi.json`) is untouched. Each response carries a strict Content Security
 * Policy (scripts and styles only from this origin, no inline script), so text that slipped
 * into the page unescaped could still not run.
 */
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import { REPO_ROOT } from '../model/paths.js';

/** Where the interface's files are: the source folder, whether running from `src/` or `dist/`. */
export const STATIC_DIR: string = join(REPO_ROOT, 'src', 'web', 'static');

/** The prefix of the interface's assets. */
export const ASSET_PREFIX = '/web';

/** The Content-Security-Policy of every page and asset of the interface. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.res.status >= 400) return;
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  // Small files served locally: always revalidate, so an edited file shows on reload.
  c.header('Cache-Control', 'no-cache');
};

/**
 * Mounts the web interface on an app: `/` and `/web/*`. Call it after `createApi`.
 * @example
 * const app = createApi({ store, token });
 * mountWeb(app); // GET / → index.html, GET /web/app.js → the interface's module
 */
export function mountWeb(app: Hono<any, any, any>, dir: string = STATIC_DIR): void {
  app.use('/', securityHeaders);
  app.use(`${ASSET_PREFIX}/*`, securityHeaders);
  app.get('/', serveStatic({ path: join(dir, 'index.html') }));
  app.get(
    `${ASSET_PREFIX}/*`,
    serveStatic({ root: dir, rewriteRequestPath: (path) => path.slice(ASSET_PREFIX.length) }),
  );
}
