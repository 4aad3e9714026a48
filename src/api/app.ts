/**
 * The HTTP API of the analyst's workbench: JSON over HTTP, described by `/openapi.json`,
 * which is generated from the same zod schemas that validate the requests.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { Fetcher } from '../sources/fetcher.js';
import type { MarsadStore } from '../store/store.js';
import { BEARER_SCHEME, requireTokenForWrites } from './auth.js';
import { DEFAULT_UPLOAD_LIMIT, limitBodies } from './body-limits.js';
import { JobRegistry } from './jobs.js';
import { apiProblem, problemOf, problemResponse, validationProblem } from './problems.js';
import { securityHeaders } from './security-headers.js';
import { articleRoutes } from './routes/articles.js';
import { entityRoutes } from './routes/entities.js';
import { eventRoutes } from './routes/events.js';
import { exportRoutes } from './routes/export.js';
import { ingestRoutes } from './routes/ingest.js';
import { quoteRoutes } from './routes/quotes.js';
import { networkRoutes } from './routes/network.js';
import { searchRoutes } from './routes/search.js';
import { statsRoutes } from './routes/stats.js';
import { storyRoutes } from './routes/stories.js';
import { timelineRoutes } from './routes/timeline.js';
import { dyadRoutes } from './routes/dyad.js';
import { queueRoutes, type QueueRouteOptions } from './routes/queue.js';

export interface ApiOptions {
  store: MarsadStore;
  /** Bearer token that writes must carry; without one, writes are refused (403). */
  token?: string | null;
  /** Fetches ingested URLs; by default a polite `Fetcher` remembering ETags in the store. */
  fetcher?: Fetcher;
  /** Runs ingest jobs; pass one to close it with the server (`serveApi` does). */
  jobs?: JobRegistry;
  /** Largest upload body, all files together (default 20 MB). */
  maxUploadBytes?: number;
  /** Who an entity correction is attributed to when the request names nobody (default `api`). */
  defaultAuthor?: string;
  /** The job queue `GET /api/queue` reports on (default `$MARSAD_REDIS`, `$MARSAD_QUEUE_PREFIX`). */
  queue?: QueueRouteOptions;
  /** Worker threads each ingest job analyses pages ahead with (`ingest`'s `threads`; default 0). */
  ingestThreads?: number;
}

/**
 * Builds the API application without listening, so tests can call `app.request`.
 * @example
 * const app = createApi({ store: await openStore(':memory:'), token: 's3cret' });
 * const res = await app.request('/api/stats'); // 200, { articles: 0, … }
 */
export function createApi(options: ApiOptions): OpenAPIHono {
  const { store } = options;
  const app = new OpenAPIHono({
    defaultHook: (result) => {
      if (result.success) return;
      const target = (result as { target?: string }).target;
      const fallback = target === 'json' || target === 'form' ? 'body' : (target ?? 'body');
      return problemResponse(validationProblem(result.error.issues, fallback));
    },
  });

  app.onError((err, c) => {
    const problem = problemOf(err);
    if (problem.code === 'INTERNAL') console.error(`marsad api: ${c.req.method} ${c.req.path}:`, err);
    return problemResponse(problem, problem.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="marsad"' } : {});
  });
  app.notFound((c) => problemResponse(apiProblem('ROUTE_NOT_FOUND', `${c.req.method} ${c.req.path} is not a route of this API`)));

  app.use('*', securityHeaders);
  app.use('/api/*', requireTokenForWrites(options.token));
  app.use('/api/*', limitBodies({ uploadPaths: ['/api/ingest'], uploadLimit: options.maxUploadBytes ?? DEFAULT_UPLOAD_LIMIT }));

  articleRoutes(app, store);
  searchRoutes(app, store);
  entityRoutes(app, store, { defaultAuthor: options.defaultAuthor ?? 'api' });
  quoteRoutes(app, store);
  statsRoutes(app, store);
  eventRoutes(app, store);
  storyRoutes(app, store);
  timelineRoutes(app, store);
  dyadRoutes(app, store);
  queueRoutes(app, options.queue);
  networkRoutes(app, store);
  exportRoutes(app, store);
  ingestRoutes(app, {
    store,
    fetcher: options.fetcher ?? new Fetcher({ stateStore: store }),
    jobs: options.jobs ?? new JobRegistry(),
    threads: options.ingestThreads,
  });

  app.openAPIRegistry.registerComponent('securitySchemes', BEARER_SCHEME, {
    type: 'http',
    scheme: 'bearer',
    description: 'The token the operator configured; required by every write.',
  });
  app.doc('/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'Marsad API',
      version: '0.1.0',
      description:
        'Arabic news event intelligence: stored articles, search, entities, quotes, events, stories, chart data and exports. Reads are open; writes need the bearer token. ' +
        'Errors are application/problem+json (RFC 9457) with `code` and the offending `param`. Listings page with an opaque `cursor`.',
    },
  });
  return app;
}
