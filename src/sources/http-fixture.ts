import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fixture server saw, for assertions about what the fetcher sent. */
export interface SeenRequest {
  path: string;
  headers: IncomingMessage['headers'];
  at: number;
}

/** A local HTTP server for tests (127.0.0.1, random port): nothing ever leaves the machine. */
export interface HttpFixture {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/**
 * Starts a server whose routes are plain handlers; unknown paths answer 404 (so robots.txt
 * is absent unless a test defines it).
 * @example const srv = await startHttpFixture({ '/a': (_q, s) => s.end('<p>مرحبا</p>') });
 */
export async function startHttpFixture(
  routes: Record<string, (req: IncomingMessage, res: ServerResponse) => unknown>,
): Promise<HttpFixture> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers, at: Date.now() });
    const handler = routes[path] ?? routes[path.split('?')[0]!];
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    void Promise.resolve(handler(req, res)).catch((err: unknown) => {
      res.destroy(err instanceof Error ? err : new Error(String(err)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (opened, then closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
