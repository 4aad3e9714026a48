/** Serving the API and the web interface over HTTP with Node's own server. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { MarsadError } from '../model/errors.js';
import type { MarsadStore } from '../store/store.js';
import { mountWeb } from '../web/static-routes.js';
import { createApi, type ApiOptions } from './app.js';
import { JobRegistry } from './jobs.js';

export interface ServeOptions extends Omit<ApiOptions, 'jobs'> {
  store: MarsadStore;
  /** 0 picks a free port. */
  port: number;
  /** Listen address; localhost by default, since reads need no token. */
  host?: string;
}

/** A running server. */
export interface ApiServer {
  /** `http://HOST:PORT`, with the port actually bound. */
  url: string;
  port: number;
  /** Stops accepting connections, cancels queued ingest jobs and waits for the running one. The store stays open. */
  close(): Promise<void>;
}

/**
 * Starts the API (and the web interface at `/`) on `host:port` and resolves once it listens; a port in use (or not allowed)
 * rejects with BAD_ARGUMENT naming `host:port`.
 * @example
 * const server = await serveApi({ store, port: 8080, token: process.env.MARSAD_API_TOKEN });
 * console.log(`Marsad API on ${server.url}`); // later: await server.close()
 */
export async function serveApi(options: ServeOptions): Promise<ApiServer> {
  const host = options.host ?? '127.0.0.1';
  const jobs = new JobRegistry();
  const app = createApi({ ...options, jobs });
  mountWeb(app); // the workbench at `/`, beside the API
  const { server, info } = await new Promise<{ server: ReturnType<typeof serve>; info: AddressInfo }>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EADDRINUSE' && err.code !== 'EACCES') return reject(err);
      const why = err.code === 'EADDRINUSE' ? 'a port already in use' : 'a port this user may not open';
      reject(new MarsadError('BAD_ARGUMENT', `${why}; choose another port`, `${host}:${options.port}`, { cause: err }));
    };
    const server = serve({ fetch: app.fetch, port: options.port, hostname: host }, (info) => {
      server.off('error', onError);
      resolve({ server, info });
    });
    server.once('error', onError);
  });
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${info.port}`,
    port: info.port,
    close: async () => {
      const closed = new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      if ('closeIdleConnections' in server) server.closeIdleConnections();
      await jobs.close();
      await closed;
    },
  };
}
