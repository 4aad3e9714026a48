import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import iconv from 'iconv-lite';

import type { FetchState, FetchStateStore } from '../model/fetch-state.js';
import { Fetcher } from './fetcher.js';
import type { LookupFunction } from './guarded-dispatcher.js';
import { closedPort, startHttpFixture, type HttpFixture } from './http-fixture.js';
import { rejectedError } from '../model/errors.testkit.js';

const ARTICLE = '<html><body><p>قال المتحدث باسم الحكومة إن المفاوضات ستستأنف الأسبوع المقبل.</p></body></html>';
const fixtures: HttpFixture[] = [];
after(async () => {
  await Promise.all(fixtures.map((f) => f.close()));
});

async function serve(routes: Parameters<typeof startHttpFixture>[0]): Promise<HttpFixture> {
  const fixture = await startHttpFixture(routes);
  fixtures.push(fixture);
  return fixture;
}

/** Small delays so that the whole suite stays fast; the fixtures live on loopback, which must be allowed explicitly. */
function fetcher(options: ConstructorParameters<typeof Fetcher>[0] = {}): Fetcher {
  return new Fetcher({ delayMs: 5, timeoutMs: 2000, retryBaseMs: 5, allowHosts: ['127.0.0.1'], ...options });
}

/** A resolver that answers every name with the given addresses, as a hostile DNS server could. */
function resolvesTo(...addresses: string[]): LookupFunction {
  return (_host, _options, callback) =>
    process.nextTick(callback, null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
}


const html = (body: string, type = 'text/html; charset=utf-8') => (_req: unknown, res: import('node:http').ServerResponse) => {
  res.writeHead(200, { 'content-type': type }).end(body);
};

class MemoryStateStore implements FetchStateStore {
  readonly states = new Map<string, FetchState>();
  async getFetchState(url: string) {
    return this.states.get(url) ?? null;
  }
  async setFetchState(state: FetchState) {
    this.states.set(state.url, state);
  }
}

describe('Fetcher', () => {
  it('fetches a page and decodes it with the Content-Type charset', async () => {
    const srv = await serve({ '/a': html(iconv.encode(ARTICLE, 'windows-1256') as unknown as string, 'text/html; charset=windows-1256') });
    const result = await fetcher().fetchPage(`${srv.origin}/a`);
    assert.equal(result.status, 'ok');
    if (result.status !== 'ok') return;
    assert.equal(result.page.content, ARTICLE);
    assert.equal(result.page.encoding, 'windows-1256');
    assert.equal(result.page.url, `${srv.origin}/a`);
    assert.equal(result.page.source, `${srv.origin}/a`);
    assert.equal(result.page.contentType, 'text/html; charset=windows-1256');
    assert.match(String(srv.requests.find((r) => r.path === '/a')?.headers['user-agent']), /^MarsadBot\//);
  });

  it('obeys robots.txt, fetching it once per origin', async () => {
    const srv = await serve({
      '/robots.txt': html('User-agent: *\nDisallow: /\n\nUser-agent: MarsadBot\nDisallow: /private/\n', 'text/plain'),
      '/public': html(ARTICLE),
      '/private/x': html(ARTICLE),
      '/sneaky': (_q, res) => res.writeHead(302, { location: '/private/y' }).end(),
    });
    const f = fetcher();
    assert.equal((await f.fetchPage(`${srv.origin}/public`)).status, 'ok');
    const err = await rejectedError(f.fetchPage(`${srv.origin}/private/x`));
    assert.equal(err.code, 'FETCH_ROBOTS_DISALLOWED');
    assert.match(err.message, /private\/x/);
    assert.equal((await rejectedError(f.fetchPage(`${srv.origin}/sneaky`))).code, 'FETCH_ROBOTS_DISALLOWED');
    assert.equal(srv.requests.filter((r) => r.path === '/robots.txt').length, 1);
    assert.ok(!srv.requests.some((r) => r.path.startsWith('/private')), 'never requested a disallowed path');
    assert.equal((await fetcher({ respectRobots: false }).fetchPage(`${srv.origin}/private/x`)).status, 'ok');
  });

  it('treats a failing robots.txt as allowing everything', async () => {
    const srv = await serve({ '/robots.txt': (_q, res) => res.writeHead(500).end(), '/a': html(ARTICLE) });
    assert.equal((await fetcher({ retries: 0 }).fetchPage(`${srv.origin}/a`)).status, 'ok');
  });

  it('reports a 404 as FETCH_HTTP_STATUS naming the status', async () => {
    const srv = await serve({});
    const err = await rejectedError(fetcher().fetchPage(`${srv.origin}/gone`));
    assert.equal(err.code, 'FETCH_HTTP_STATUS');
    assert.match(err.message, /HTTP 404/);
    assert.match(err.message, /\/gone/);
  });

  it('follows redirects and reports the final URL', async () => {
    const srv = await serve({
      '/old': (_q, res) => res.writeHead(301, { location: '/new' }).end(),
      '/new': html(ARTICLE),
    });
    const result = await fetcher().fetchPage(`${srv.origin}/old`);
    assert.equal(result.status, 'ok');
    if (result.status === 'ok') {
      assert.equal(result.page.url, `${srv.origin}/new`);
      assert.equal(result.page.source, `${srv.origin}/old`);
    }
  });

  it('stops a redirect loop and too many redirects with FETCH_REDIRECTS', async () => {
    const srv = await serve({
      '/a': (_q, res) => res.writeHead(302, { location: '/b' }).end(),
      '/b': (_q, res) => res.writeHead(302, { location: '/a' }).end(),
      ...Object.fromEntries(
        Array.from({ length: 10 }, (_, i) => [`/hop${i}`, (_q: unknown, res: import('node:http').ServerResponse) => res.writeHead(307, { location: `/hop${i + 1}` }).end()]),
      ),
    });
    const loop = await rejectedError(fetcher().fetchPage(`${srv.origin}/a`));
    assert.equal(loop.code, 'FETCH_REDIRECTS');
    assert.match(loop.message, /loop/);
    const many = await rejectedError(fetcher({ maxRedirects: 3 }).fetchPage(`${srv.origin}/hop0`));
    assert.equal(many.code, 'FETCH_REDIRECTS');
    assert.match(many.message, /more than 3 redirects/);
    assert.equal(srv.requests.filter((r) => r.path.startsWith('/hop')).length, 4);
  });

  it('retries a 429 honouring Retry-After, then succeeds', async () => {
    let calls = 0;
    const srv = await serve({
      '/busy': (_q, res) => {
        calls++;
        if (calls === 1) res.writeHead(429, { 'retry-after': '0' }).end();
        else html(ARTICLE)(_q, res);
      },
      '/down': (_q, res) => res.writeHead(503).end(),
    });
    assert.equal((await fetcher().fetchPage(`${srv.origin}/busy`)).status, 'ok');
    assert.equal(calls, 2);
    const err = await rejectedError(fetcher({ retries: 2 }).fetchPage(`${srv.origin}/down`));
    assert.equal(err.code, 'FETCH_HTTP_STATUS');
    assert.match(err.message, /HTTP 503/);
    assert.equal(srv.requests.filter((r) => r.path === '/down').length, 3);
  });

  it('times out on a server that never answers', async () => {
    const srv = await serve({ '/robots.txt': html(''), '/hang': () => undefined });
    const started = Date.now();
    const err = await rejectedError(fetcher({ timeoutMs: 150 }).fetchPage(`${srv.origin}/hang`));
    assert.equal(err.code, 'FETCH_TIMEOUT');
    assert.ok(Date.now() - started < 1500);
  });

  it('reports a closed port as FETCH_UNREACHABLE and a non-http URL as FETCH_BAD_URL', async () => {
    const port = await closedPort();
    const err = await rejectedError(fetcher().fetchPage(`http://127.0.0.1:${port}/a`));
    assert.equal(err.code, 'FETCH_UNREACHABLE');
    assert.match(err.message, /ECONNREFUSED/);
    assert.equal((await rejectedError(fetcher().fetchPage('ftp://example.org/a'))).code, 'FETCH_BAD_URL');
    assert.equal((await rejectedError(fetcher().fetchPage('not a url'))).code, 'FETCH_BAD_URL');
  });

  it('makes a conditional GET and reports 304 as not-modified', async () => {
    const srv = await serve({
      '/a': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
        else res.writeHead(200, { etag: '"v1"', 'last-modified': 'Tue, 01 Oct 2024 10:00:00 GMT', 'content-type': 'text/html' }).end(ARTICLE);
      },
    });
    const store = new MemoryStateStore();
    const f = fetcher({ stateStore: store });
    assert.equal((await f.fetchPage(`${srv.origin}/a`)).status, 'ok');
    const saved = store.states.get(`${srv.origin}/a`);
    assert.equal(saved?.etag, '"v1"');
    assert.equal(saved?.lastModified, 'Tue, 01 Oct 2024 10:00:00 GMT');
    assert.deepEqual(await f.fetchPage(`${srv.origin}/a`), { status: 'not-modified', url: `${srv.origin}/a` });
    const second = srv.requests.filter((r) => r.path === '/a')[1]!;
    assert.equal(second.headers['if-modified-since'], 'Tue, 01 Oct 2024 10:00:00 GMT');
  });

  it('sends one request at a time per host, with the delay between them', async () => {
    let active = 0;
    let maxActive = 0;
    const spans: Array<[number, number]> = [];
    /** When set, a request is held until another one is in progress too (or 1 s passes), so that overlap does not depend on timing under load. */
    let awaitPeer = false;
    const slow = async (_q: unknown, res: import('node:http').ServerResponse) => {
      const start = Date.now();
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise((r) => setTimeout(r, 40));
      for (const until = Date.now() + 1000; awaitPeer && maxActive < 2 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 5));
      active--;
      spans.push([start, Date.now()]);
      res.writeHead(200, { 'content-type': 'text/html' }).end(ARTICLE);
    };
    const one = await serve({ '/robots.txt': html(''), '/a': slow, '/b': slow });
    const two = await serve({ '/robots.txt': html(''), '/c': slow });
    const f = fetcher({ delayMs: 30 });
    await f.fetchPage(`${one.origin}/a`); // warm the robots.txt caches so only page requests are timed
    await f.fetchPage(`${two.origin}/c`);
    spans.length = 0;
    maxActive = 0;
    const started = Date.now();
    await Promise.all([f.fetchPage(`${one.origin}/a`), f.fetchPage(`${one.origin}/b`)]);
    assert.equal(maxActive, 1, 'requests to one host never overlap');
    const [first, second] = spans.sort((x, y) => x[0] - y[0]);
    assert.ok(second![0] - first![1] >= 25, `waited ${second![0] - first![1]} ms between requests`);
    assert.ok(Date.now() - started >= 100);

    // Different hosts proceed concurrently.
    maxActive = 0;
    awaitPeer = true;
    await Promise.all([f.fetchPage(`${one.origin}/a`), f.fetchPage(`${two.origin}/c`)]);
    assert.equal(maxActive, 2);
  });

  it('aborts a streamed download past the size cap', async () => {
    const srv = await serve({
      '/big': async (_q, res) => {
        res.writeHead(200, { 'content-type': 'text/html' }); // chunked: no Content-Length to reject early
        const chunk = Buffer.alloc(64 * 1024, 'a');
        for (let i = 0; i < 64 && !res.destroyed; i++) {
          if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
        }
        res.end();
      },
      '/declared': (_q, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(5_000_000) }).end(),
    });
    const err = await rejectedError(fetcher({ maxBytes: 256 * 1024 }).fetchPage(`${srv.origin}/big`));
    assert.equal(err.code, 'INPUT_TOO_LARGE');
    assert.match(err.message, /256/);
    assert.equal((await rejectedError(fetcher({ maxBytes: 1000 }).fetchPage(`${srv.origin}/declared`))).code, 'INPUT_TOO_LARGE');
  });
});

describe('Fetcher address policy (SSRF)', () => {
  it('refuses a loopback URL by default, before any request reaches it', async () => {
    const srv = await serve({ '/a': html(ARTICLE) });
    const port = new URL(srv.origin).port;
    for (const url of [`${srv.origin}/a`, `http://[::1]:${port}/a`, `http://2130706433:${port}/a`, `http://[::ffff:127.0.0.1]:${port}/a`]) {
      const err = await rejectedError(fetcher({ allowHosts: [] }).fetchPage(url));
      assert.equal(err.code, 'FETCH_FORBIDDEN_ADDRESS', url);
      assert.match(err.message, /loopback/);
      assert.match(err.message, /--allow-host/);
    }
    const err = await rejectedError(fetcher({ allowHosts: [] }).fetchPage(`${srv.origin}/a`));
    assert.ok(err.message.includes(`${srv.origin}/a`), 'names the URL');
    assert.ok(err.message.includes('127.0.0.1'), 'names the address');
    assert.equal(srv.requests.length, 0, 'not even robots.txt was requested');
  });

  it('fetches loopback when the operator allow-lists it by address, block, name or MARSAD_ALLOW_HOSTS', async () => {
    const srv = await serve({ '/a': html(ARTICLE) });
    const port = new URL(srv.origin).port;
    assert.equal((await fetcher({ allowHosts: ['127.0.0.1'] }).fetchPage(`${srv.origin}/a`)).status, 'ok');
    assert.equal((await fetcher({ allowHosts: ['127.0.0.0/8'] }).fetchPage(`${srv.origin}/a`)).status, 'ok');
    const named = fetcher({ allowHosts: ['news.internal'], lookup: resolvesTo('127.0.0.1') });
    assert.equal((await named.fetchPage(`http://news.internal:${port}/a`)).status, 'ok');
    const saved = process.env.MARSAD_ALLOW_HOSTS;
    process.env.MARSAD_ALLOW_HOSTS = '10.0.0.0/8, 127.0.0.1';
    try {
      const fromEnv = new Fetcher({ delayMs: 5, timeoutMs: 2000 });
      assert.equal((await fromEnv.fetchPage(`${srv.origin}/a`)).status, 'ok');
    } finally {
      if (saved === undefined) delete process.env.MARSAD_ALLOW_HOSTS;
      else process.env.MARSAD_ALLOW_HOSTS = saved;
    }
  });

  it('refuses a host name that resolves to a private address, checked at connect time', async () => {
    const srv = await serve({ '/a': html(ARTICLE) });
    const port = new URL(srv.origin).port;
    const rebound = await rejectedError(fetcher({ allowHosts: [], lookup: resolvesTo('127.0.0.1') }).fetchPage(`http://innocent.example:${port}/a`));
    assert.equal(rebound.code, 'FETCH_FORBIDDEN_ADDRESS');
    assert.match(rebound.message, /innocent\.example → 127\.0\.0\.1 \(loopback\)/);
    // Allowing the address 127.0.0.1 does not allow the rest of a private answer.
    const mixed = await rejectedError(fetcher({ lookup: resolvesTo('10.1.2.3', 'fd00::1') }).fetchPage(`http://innocent.example:${port}/a`));
    assert.equal(mixed.code, 'FETCH_FORBIDDEN_ADDRESS');
    assert.match(mixed.message, /10\.1\.2\.3 \(private\)/);
    const local = await rejectedError(fetcher({ allowHosts: [] }).fetchPage(`http://localhost:${port}/a`));
    assert.equal(local.code, 'FETCH_FORBIDDEN_ADDRESS');
    const metadata = await rejectedError(fetcher({ lookup: resolvesTo('8.8.8.8') }).fetchPage('http://metadata.google.internal/computeMetadata/v1/'));
    assert.equal(metadata.code, 'FETCH_FORBIDDEN_ADDRESS');
    assert.match(metadata.message, /cloud metadata/);
    assert.equal(srv.requests.length, 0);
  });

  it('checks every new connection, so a name re-bound to a private address after a first check is refused', async () => {
    const srv = await serve({ '/a': (_q, res) => res.writeHead(200, { 'content-type': 'text/html', connection: 'close' }).end(ARTICLE) });
    const port = new URL(srv.origin).port;
    let lookups = 0;
    // A hostile DNS server: a permitted answer first (the operator allowed 127.0.0.1), then a private one.
    const rebinding: LookupFunction = (_host, _options, callback) =>
      process.nextTick(callback, null, [{ address: lookups++ === 0 ? '127.0.0.1' : '10.0.0.7', family: 4 }]);
    const f = fetcher({ lookup: rebinding, respectRobots: false });
    assert.equal((await f.fetchPage(`http://rebind.example:${port}/a`)).status, 'ok');
    const err = await rejectedError(f.fetchPage(`http://rebind.example:${port}/a`));
    assert.equal(err.code, 'FETCH_FORBIDDEN_ADDRESS');
    assert.match(err.message, /rebind\.example → 10\.0\.0\.7 \(private\)/);
    assert.equal(lookups, 2);
    assert.equal(srv.requests.length, 1);
  });

  it('refuses a redirect from an allowed host to a private or metadata address', async () => {
    const srv = await serve({
      '/to-metadata': (_q, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/iam/' }).end(),
      '/to-intranet': (_q, res) => res.writeHead(301, { location: `http://intranet.example:${new URL(srv.origin).port}/secret` }).end(),
      '/secret': html(ARTICLE),
    });
    const f = fetcher({ lookup: resolvesTo('192.168.1.20') });
    const metadata = await rejectedError(f.fetchPage(`${srv.origin}/to-metadata`));
    assert.equal(metadata.code, 'FETCH_FORBIDDEN_ADDRESS');
    assert.match(metadata.message, /169\.254\.169\.254/);
    assert.match(metadata.message, /cloud metadata/);
    const intranet = await rejectedError(f.fetchPage(`${srv.origin}/to-intranet`));
    assert.equal(intranet.code, 'FETCH_FORBIDDEN_ADDRESS');
    assert.match(intranet.message, /intranet\.example → 192\.168\.1\.20 \(private\)/);
    assert.ok(!srv.requests.some((r) => r.path === '/secret'), 'the private target was never requested');
  });
});
