/**
 * The web interface (the analyst's workbench) served by the API's own process: plain static
 * files — `index.html`, `app.css` and ES modules — read from `src/web/static/`, resolved from
 * the repository root so the same folder serves from `src/` and from `dist/` (tsc does not
 * copy it). No bundler: the browser loads the modules as they are written.
 *
 * Routes: `GET /` is the interface; `GET /web/<file>` its assets; `GET /web/vendor/<name>/<file>`
 * the few library files it uses (charts and the network graph), each named in `VENDOR_FILES`
 * and read from the pinned npm package in node_modules: nothing is fetched from elsewhere at
 * run time, and no other file of node_modules can be asked for. Everything else (the API
 * under `/api`, `/openapi.json`) is untouched. Each response carries a strict Content Security
 * Policy (scripts and styles only from this origin, no inline script), so text that slipped
 * into the page unescaped could still not run.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import { REPO_ROOT } from '../model/paths.js';

/** Where the interface's files are: the source folder, whether running from `src/` or `dist/`. */
export const STATIC_DIR: string = join(REPO_ROOT, 'src', 'web', 'static');

/** The prefix of the interface's assets. */
export const ASSET_PREFIX = '/web';

/** The prefix of the library files the interface loads. */
export const VENDOR_PREFIX = `${ASSET_PREFIX}/vendor`;

/**
 * The library files served under `/web/vendor/`: the path asked for → the npm package and the
 * file inside it. The packages are runtime dependencies pinned to an exact version in
 * package.json. Apache ECharts draws the events timeline and the actor network; its ESM build
 * is one self-contained module (no bare imports), loaded by the browser as it is.
 */
export const VENDOR_FILES: Readonly<Record<string, { pkg: string; file: string }>> = {
  'echarts/echarts.esm.min.mjs': { pkg: 'echarts', file: 'dist/echarts.esm.min.mjs' },
};

const require = createRequire(import.meta.url);

/** Where a vendor file lies on disk, found by Node's own resolution; null when its package is not installed. */
export function vendorPath(name: string): string | null {
  const entry = Object.hasOwn(VENDOR_FILES, name) ? VENDOR_FILES[name] : undefined;
  if (!entry) return null;
  try {
    return join(dirname(require.resolve(`${entry.pkg}/package.json`)), entry.file);
  } catch {
    return null;
  }
}

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
  // Error answers too: a 404 page is a document the browser renders like any other.
  c.res.headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.res.headers.set('X-Content-Type-Options', 'nosniff');
  c.res.headers.set('Referrer-Policy', 'no-referrer');
  if (c.res.status >= 400) return;
  // Small files served locally: always revalidate, so an edited file shows on reload.
  c.header('Cache-Control', 'no-cache');
};

/**
 * Mounts the web interface on an app: `/` and `/web/*`. Call it after `createApi`.
 * @example
 * const app = createApi({ store, token });
 * mountWeb(app); // GET / → index.html, GET /web/app.js → the interface's module
 * // GET /web/vendor/echarts/echarts.esm.min.mjs → node_modules/echarts/dist/echarts.esm.min.mjs
 */
export function mountWeb(app: Hono<any, any, any>, dir: string = STATIC_DIR): void {
  app.use('/', securityHeaders);
  app.use(`${ASSET_PREFIX}/*`, securityHeaders);
  app.get('/', serveStatic({ path: join(dir, 'index.html') }));
  // Before `/web/*`: only the files VENDOR_FILES names, whatever else the path asks for.
  for (const name of Object.keys(VENDOR_FILES)) {
    const path = vendorPath(name);
    if (path) app.get(`${VENDOR_PREFIX}/${name}`, serveStatic({ path }));
  }
  app.get(
    `${ASSET_PREFIX}/*`,
    serveStatic({ root: dir, rewriteRequestPath: (path) => path.slice(ASSET_PREFIX.length) }),
  );
}
