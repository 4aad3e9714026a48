import robotsParserModule from 'robots-parser';
import { type Agent, fetch, type Headers, type Response } from 'undici';

import type { Page } from '../model/article.js';
import { MarsadError } from '../model/errors.js';
import type { FetchStateStore } from '../model/fetch-state.js';
import { AllowList, allowHostsFromEnv } from './address-policy.js';
import { decodePage } from './decode.js';
import { DEFAULT_MAX_BYTES, formatBytes } from './files.js';
import { forbiddenAddressIn, guardedAgent, type LookupFunction } from './guarded-dispatcher.js';

export interface FetcherOptions {
  /** Sent with every request; its first word (before '/') is the robots.txt product token. */
  userAgent?: string;
  /** Pause between the end of one request and the start of the next to the same host. */
  delayMs?: number;
  /** Limit for one request, headers and body together. */
  timeoutMs?: number;
  maxRedirects?: number;
  /** Cap on a response body (after content decoding); the download is aborted past it. */
  maxBytes?: number;
  /** Extra attempts after a 429 or 5xx answer. */
  retries?: number;
  /** First backoff step; doubles on each retry unless the server sends Retry-After. */
  retryBaseMs?: number;
  /** Upper bound on any one backoff wait, Retry-After included, so one host cannot stall a batch. */
  maxRetryDelayMs?: number;
  respectRobots?: boolean;
  stateStore?: FetchStateStore;
  /**
   * Waits for this process's turn at a host when several processes share the pause (the
   * queue's Redis gate), given the pause due to it, and returns what to call when the
   * request is over (the pause runs from there); replaces the in-process pause.
   */
  hostGate?: (host: string, delayMs: number) => Promise<() => Promise<void>>;
  /**
   * Hosts, addresses and CIDR blocks the operator trusts although they are not public
   * (loopback, private, link-local, metadata). Defaults to MARSAD_ALLOW_HOSTS; everything
   * else that is not a public address is refused at connect time, after each redirect too.
   */
  allowHosts?: readonly string[];
  /** Resolver used when connecting (defaults to the system's); tests inject one to simulate DNS. */
  lookup?: LookupFunction;
}

/** Raw bytes of a fetched document, before decoding; what feed parsing needs. */
export type FetchBytesResult =
  | {
      status: 'ok';
      /** Final URL after redirects. */
      url: string;
      bytes: Uint8Array;
      contentType: string | null;
      fetchedAt: string;
    }
  | { status: 'not-modified'; url: string };

export type FetchPageResult = { status: 'ok'; page: Page } | { status: 'not-modified'; url: string };

export const DEFAULT_USER_AGENT = 'MarsadBot/0.1 (+https://github.com/marsad; Arabic news research)';

/** RFC 9309 lets crawlers ignore robots.txt content past 500 KiB. */
const ROBOTS_MAX_BYTES = 500 * 1024;
/** A Crawl-delay above this is treated as this: honoured in spirit without stalling a batch for hours. */
const MAX_CRAWL_DELAY_MS = 30_000;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

// robots-parser is CommonJS with typings that declare an ES default export; under NodeNext the
// default import is module.exports, which at run time is the parser function itself.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;
type Robot = ReturnType<typeof robotsParser>;

interface RawResponse {
  status: number;
  headers: Headers;
  /** Body, read only for 2xx answers. */
  body: Uint8Array | null;
  fetchedAt: string;
}

/**
 * A polite HTTP(S) client: obeys robots.txt, sends one request at a time per host with a
 * pause between them, retries 429/5xx with backoff, follows redirects itself (re-checking
 * robots.txt at each hop), caps download size and makes conditional GETs from a
 * `FetchStateStore`. Holds no global state: every instance has its own queues and caches.
 *
 * @example
 * const fetcher = new Fetcher({ delayMs: 2000 });
 * const r = await fetcher.fetchPage('https://www.hespress.com/politique/123.html');
 * if (r.status === 'ok') console.log(r.page.encoding, r.page.content.length);
 */
export class Fetcher {
  private readonly userAgent: string;
  private readonly robotsToken: string;
  private readonly delayMs: number;
  private readonly timeoutMs: number;
  private readonly maxRedirects: number;
  private readonly maxBytes: number;
  private readonly retries: number;
  private readonly retryBaseMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly respectRobots: boolean;
  private readonly stateStore: FetchStateStore | undefined;
  private readonly hostGate: FetcherOptions['hostGate'];
  private readonly dispatcher: Agent;

  /** Last queued request per host; each new one waits for it (a per-host promise chain). */
  private readonly hostTail = new Map<string, Promise<void>>();
  private readonly hostLastAt = new Map<string, number>();
  private readonly hostDelay = new Map<string, number>();
  private readonly robots = new Map<string, Promise<Robot | null>>();

  constructor(options: FetcherOptions = {}) {
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.robotsToken = this.userAgent.split(/[\/\s]/)[0] || '*';
    this.delayMs = options.delayMs ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.maxRedirects = options.maxRedirects ?? 5;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.retries = options.retries ?? 3;
    this.retryBaseMs = options.retryBaseMs ?? 1000;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 60_000;
    this.respectRobots = options.respectRobots ?? true;
    this.stateStore = options.stateStore;
    this.hostGate = options.hostGate;
    this.dispatcher = guardedAgent(new AllowList(options.allowHosts ?? allowHostsFromEnv()), options.lookup, this.timeoutMs);
  }

  /**
   * Fetches a URL and decodes it into a `Page` (`source` defaults to the URL).
   * @example const r = await fetcher.fetchPage('https://example.org/a.html'); // { status: 'ok', page }
   */
  async fetchPage(url: string, source: string = url): Promise<FetchPageResult> {
    const result = await this.fetchBytes(url, { input: source });
    if (result.status === 'not-modified') return result;
    const page = decodePage(result.bytes, {
      source,
      url: result.url,
      contentType: result.contentType,
      fetchedAt: result.fetchedAt,
    });
    return { status: 'ok', page };
  }

  /**
   * Fetches a URL's bytes, following redirects; the lower level under `fetchPage`, used for
   * feeds and sitemaps. `conditional: false` skips the If-None-Match / If-Modified-Since
   * validators; `input` names the input in errors (defaults to the URL).
   *
   * @example const r = await fetcher.fetchBytes('https://example.org/sitemap.xml'); // r.bytes, r.contentType
   */
  async fetchBytes(url: string, opts: { conditional?: boolean; input?: string } = {}): Promise<FetchBytesResult> {
    const input = opts.input ?? url;
    const start = parseHttpUrl(url, input);
    const state = opts.conditional !== false && this.stateStore ? await this.stateStore.getFetchState(start.href) : null;
    const headers: Record<string, string> = {};
    if (state?.etag) headers['if-none-match'] = state.etag;
    if (state?.lastModified) headers['if-modified-since'] = state.lastModified;

    let current = start;
    const visited = [start.href];
    for (;;) {
      await this.checkRobots(current, input);
      const res = await this.requestWithRetries(current, headers, input);
      if (REDIRECT_STATUSES.has(res.status)) {
        const location = res.headers.get('location');
        if (!location) throw new MarsadError('FETCH_HTTP_STATUS', `HTTP ${res.status} without a Location header`, input);
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          throw new MarsadError('FETCH_BAD_URL', `a redirect to an invalid URL (${location})`, input);
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          throw new MarsadError('FETCH_BAD_URL', `a redirect to ${next.href}`, input);
        }
        if (visited.includes(next.href)) {
          throw new MarsadError('FETCH_REDIRECTS', `a redirect loop (${[...visited, next.href].join(' → ')})`, input);
        }
        if (visited.length > this.maxRedirects) {
          throw new MarsadError('FETCH_REDIRECTS', `more than ${this.maxRedirects} redirects (last to ${next.href})`, input);
        }
        visited.push(next.href);
        current = next;
        continue;
      }
      if (res.status === 304) return { status: 'not-modified', url: current.href };
      if (res.status < 200 || res.status > 299 || !res.body) {
        const via = current.href === start.href ? '' : ` from ${current.href}`;
        throw new MarsadError('FETCH_HTTP_STATUS', `HTTP ${res.status}${via}`, input);
      }
      if (this.stateStore) {
        await this.stateStore.setFetchState({
          url: start.href,
          etag: res.headers.get('etag'),
          lastModified: res.headers.get('last-modified'),
          fetchedAt: res.fetchedAt,
        });
      }
      return {
        status: 'ok',
        url: current.href,
        bytes: res.body,
        contentType: res.headers.get('content-type'),
        fetchedAt: res.fetchedAt,
      };
    }
  }

  private async checkRobots(url: URL, input: string): Promise<void> {
    if (!this.respectRobots) return;
    const robot = await this.robotsFor(url);
    // isAllowed() answers undefined for URLs of another origin; the origin key rules that out.
    if (robot && robot.isAllowed(url.href, this.robotsToken) === false) {
      const where = url.href === input ? '' : ` (reached ${url.href})`;
      throw new MarsadError('FETCH_ROBOTS_DISALLOWED', `a robots.txt rule forbidding ${url.pathname} to ${this.robotsToken}${where}`, input);
    }
  }

  private robotsFor(url: URL): Promise<Robot | null> {
    let robot = this.robots.get(url.origin);
    if (!robot) {
      robot = this.loadRobots(url);
      this.robots.set(url.origin, robot);
    }
    return robot;
  }

  /**
   * Null means "allow everything". A 4xx robots.txt means there is none (RFC 9309). For 5xx
   * and network failures RFC 9309 advises assuming a full disallow; we allow instead, because
   * Marsad fetches a handful of pages a person asked for rather than crawling, and a robots.txt
   * outage would otherwise block them; if the site itself is down the page fetch fails anyway.
   */
  private async loadRobots(url: URL): Promise<Robot | null> {
    const robotsUrl = new URL('/robots.txt', url.origin);
    let res: RawResponse;
    try {
      res = await this.request(robotsUrl, {}, robotsUrl.href, { redirect: 'follow', maxBytes: ROBOTS_MAX_BYTES, truncate: true });
    } catch {
      return null;
    }
    if (res.status < 200 || res.status > 299 || !res.body) return null;
    const robot = robotsParser(robotsUrl.href, Buffer.from(res.body).toString('utf8'));
    const crawlDelay = robot.getCrawlDelay(this.robotsToken);
    if (crawlDelay && crawlDelay > 0) {
      this.hostDelay.set(url.host, Math.min(Math.max(this.delayMs, crawlDelay * 1000), MAX_CRAWL_DELAY_MS));
    }
    return robot;
  }

  private async requestWithRetries(url: URL, headers: Record<string, string>, input: string): Promise<RawResponse> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.request(url, headers, input, { redirect: 'manual', maxBytes: this.maxBytes, truncate: false });
      const retryable = res.status === 429 || (res.status >= 500 && res.status <= 599);
      if (!retryable || attempt >= this.retries) return res;
      const wait = retryAfterMs(res.headers.get('retry-after')) ?? this.retryBaseMs * 2 ** attempt;
      await sleep(Math.min(Math.max(wait, 0), this.maxRetryDelayMs));
    }
  }

  /** One HTTP exchange, inside the host's queue slot so that requests to a host never overlap. */
  private request(
    url: URL,
    headers: Record<string, string>,
    input: string,
    opts: { redirect: 'manual' | 'follow'; maxBytes: number; truncate: boolean },
  ): Promise<RawResponse> {
    return this.inHostQueue(url.host, async () => {
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, this.timeoutMs);
      try {
        const res = await fetch(url, {
          dispatcher: this.dispatcher,
          redirect: opts.redirect,
          signal: controller.signal,
          headers: {
            'user-agent': this.userAgent,
            accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5',
            'accept-language': 'ar,en;q=0.5',
            ...headers,
          },
        });
        const fetchedAt = new Date().toISOString();
        if (res.status < 200 || res.status > 299) {
          await res.body?.cancel().catch(() => undefined);
          return { status: res.status, headers: res.headers, body: null, fetchedAt };
        }
        const body = await readCapped(res, opts.maxBytes, opts.truncate, input, controller);
        return { status: res.status, headers: res.headers, body, fetchedAt };
      } catch (err) {
        if (err instanceof MarsadError) throw err;
        const forbidden = forbiddenAddressIn(err);
        if (forbidden) {
          const address = forbidden.address === forbidden.hostname ? forbidden.address : `${forbidden.hostname} → ${forbidden.address}`;
          throw new MarsadError('FETCH_FORBIDDEN_ADDRESS', `${url.href} reaching ${address} (${forbidden.kind})`, input, { cause: err });
        }
        if (timedOut) {
          throw new MarsadError('FETCH_TIMEOUT', `no complete response from ${url.host} within ${this.timeoutMs} ms`, input, { cause: err });
        }
        throw new MarsadError('FETCH_UNREACHABLE', describeNetworkError(err, url), input, { cause: err });
      } finally {
        clearTimeout(timer);
      }
    });
  }

  private async inHostQueue<T>(host: string, task: () => Promise<T>): Promise<T> {
    const previous = this.hostTail.get(host) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.hostTail.set(host, tail);
    await previous;
    let gateDone: (() => Promise<void>) | null = null;
    try {
      const last = this.hostLastAt.get(host);
      if (this.hostGate) gateDone = await this.hostGate(host, this.hostDelay.get(host) ?? this.delayMs);
      else if (last !== undefined) {
        const wait = last + (this.hostDelay.get(host) ?? this.delayMs) - Date.now();
        if (wait > 0) await sleep(wait);
      }
      return await task();
    } finally {
      await gateDone?.().catch(() => undefined);
      this.hostLastAt.set(host, Date.now());
      if (this.hostTail.get(host) === tail) this.hostTail.delete(host);
      release();
    }
  }
}

/** Reads a body chunk by chunk so that an oversized download is cut off, not buffered whole. */
async function readCapped(
  res: Response,
  maxBytes: number,
  truncate: boolean,
  input: string,
  controller: AbortController,
): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length'));
  // Content-Length counts encoded bytes, a lower bound on decoded size: safe to reject early.
  if (!truncate && Number.isFinite(declared) && declared > maxBytes && !res.headers.get('content-encoding')) {
    controller.abort();
    throw new MarsadError('INPUT_TOO_LARGE', `${formatBytes(declared)} announced (limit ${formatBytes(maxBytes)})`, input);
  }
  if (!res.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total + value.byteLength > maxBytes) {
      if (truncate) {
        chunks.push(value.subarray(0, maxBytes - total));
        total = maxBytes;
      }
      await reader.cancel().catch(() => undefined);
      controller.abort();
      if (truncate) break;
      throw new MarsadError('INPUT_TOO_LARGE', `more than ${formatBytes(maxBytes)} (download stopped)`, input);
    }
    chunks.push(value);
    total += value.byteLength;
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Parses a URL the user gave, accepting only http(s).
 * @example parseHttpUrl('ftp://x', 'ftp://x') // throws FETCH_BAD_URL
 */
export function parseHttpUrl(url: string, input: string = url): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MarsadError('FETCH_BAD_URL', `a malformed URL`, input);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new MarsadError('FETCH_BAD_URL', `a ${parsed.protocol.replace(/:$/, '')}: URL`, input);
  }
  return parsed;
}

/** Retry-After is either delta-seconds or an HTTP date. */
function retryAfterMs(value: string | null): number | null {
  if (!value) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : date - Date.now();
}

function describeNetworkError(err: unknown, url: URL): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (err as { code?: string }).code;
  const reasons: Record<string, string> = {
    ENOTFOUND: 'no DNS record for',
    EAI_AGAIN: 'a DNS lookup failure for',
    ECONNREFUSED: 'the connection refused by',
    ECONNRESET: 'the connection reset by',
    EHOSTUNREACH: 'no route to',
    ENETUNREACH: 'no network route to',
  };
  if (code && reasons[code]) return `${reasons[code]} ${url.host} (${code})`;
  const detail = cause?.message ?? (err instanceof Error ? err.message : String(err));
  return `a network error reaching ${url.host}: ${code ? `${code} ` : ''}${detail}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
