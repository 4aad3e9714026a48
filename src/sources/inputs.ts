import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { Outcome, Page } from '../model/article.js';
import { MarsadError, toMarsadError } from '../model/errors.js';
import { decodePage } from './decode.js';
import { parseFeedOrSitemap, type FeedLinks } from './feeds.js';
import { type Fetcher, parseHttpUrl } from './fetcher.js';
import { listInputFiles, readFileBytes, readFilePage } from './files.js';

export interface ExpandOptions {
  fetcher: Fetcher;
  /** Size cap for local files (the fetcher has its own for downloads). */
  maxBytes?: number;
  /**
   * Called whenever more outcomes become known — a folder listed, a feed or sitemap read —
   * with how many, always before they are yielded; at the end the running sum equals the
   * number of outcomes yielded, so it can drive a progress bar's total.
   */
  onDiscovered?: (n: number) => void;
}

/** How many levels of sitemap index below the one the user gave are followed. */
const MAX_SITEMAP_DEPTH = 3;
const NOT_MODIFIED = 'not modified since last fetch (HTTP 304)';
const FEED_FILE = /\.(xml|rss|atom)(\.gz)?$/i;

/**
 * Turns the user's inputs — files, folders, http(s) URLs of pages, RSS/Atom feeds,
 * sitemaps and sitemap indexes — into one outcome per page, in input order. A failure
 * becomes a `failed` outcome and the batch goes on; this generator never throws.
 *
 * @example
 * for await (const o of expandInputs(['saved/', 'https://www.alquds.co.uk/feed/'], { fetcher })) {
 *   if (o.status === 'ok') console.log(o.source, o.value.encoding);
 * }
 */
export async function* expandInputs(inputs: string[], opts: ExpandOptions): AsyncGenerator<Outcome<Page>> {
  let announced = 0;
  let yielded = 0;
  const ctx: Context = {
    fetcher: opts.fetcher,
    maxBytes: opts.maxBytes,
    seen: new Set<string>(),
    announce: (n) => {
      if (n <= 0) return;
      announced += n;
      opts.onDiscovered?.(n);
    },
  };
  for (const input of inputs) {
    const outcomes = expandOne(input, ctx);
    try {
      for (;;) {
        let outcome: Outcome<Page>;
        let last = false;
        try {
          const next = await outcomes.next();
          if (next.done) break;
          outcome = next.value;
        } catch (err) {
          outcome = failed(input, err); // a generator that threw is finished
          last = true;
        }
        // Single pages and failures are counted as they come; folders and feeds are announced ahead.
        if (yielded >= announced) ctx.announce(1);
        yielded++;
        yield outcome;
        if (last) break;
      }
    } finally {
      await outcomes.return(undefined);
    }
  }
}

interface Context {
  fetcher: Fetcher;
  maxBytes: number | undefined;
  /** Article and sitemap URLs already handled in this batch. */
  seen: Set<string>;
  announce: (n: number) => void;
}

async function* expandOne(input: string, ctx: Context): AsyncGenerator<Outcome<Page>> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input) && !/^file:/i.test(input)) {
    yield* expandUrl(input, ctx);
    return;
  }
  const path = /^file:/i.test(input) ? fileURLToPath(input) : input;
  const info = await stat(path).catch(() => null);
  if (!info) {
    const hint = /^[\w-]+(\.[\w-]+)+(\/|$)/.test(input) ? ' (for a web address, add https://)' : '';
    yield failed(input, new MarsadError('INPUT_NOT_FOUND', `no file or folder at this path${hint}`, input));
    return;
  }
  if (info.isDirectory()) {
    const files = await listInputFiles(path);
    ctx.announce(files.length);
    for (const file of files) yield await readOutcome(file, ctx);
    return;
  }
  if (FEED_FILE.test(path)) {
    const bytes = await readFileBytes(path, { maxBytes: ctx.maxBytes });
    const feed = parseFeedOrSitemap(bytes, pathToFileURL(resolve(path)).href);
    if (feed) {
      yield* expandTopFeed(input, feed, ctx);
      return;
    }
    yield ok(decodePage(bytes, { source: input, url: null, contentType: null }));
    return;
  }
  yield await readOutcome(input, ctx);
}

async function* expandUrl(input: string, ctx: Context): AsyncGenerator<Outcome<Page>> {
  ctx.seen.add(parseHttpUrl(input).href);
  const result = await ctx.fetcher.fetchBytes(input, { input });
  if (result.status === 'not-modified') {
    yield { status: 'skipped', source: input, reason: NOT_MODIFIED, notModified: true };
    return;
  }
  const feed = parseFeedOrSitemap(result.bytes, result.url, result.contentType);
  if (feed) {
    yield* expandTopFeed(input, feed, ctx);
    return;
  }
  yield ok(decodePage(result.bytes, { source: input, url: result.url, contentType: result.contentType, fetchedAt: result.fetchedAt }));
}

/** A feed the user named that lists nothing still gets one outcome, so it is not silently ignored. */
async function* expandTopFeed(input: string, feed: FeedLinks, ctx: Context): AsyncGenerator<Outcome<Page>> {
  if (feed.urls.length === 0) {
    yield { status: 'skipped', source: input, reason: `the ${feed.kind} lists no http(s) URLs` };
    return;
  }
  yield* expandFeed(feed, ctx, 0);
}

/** Fetches a feed's articles, or walks a sitemap index's children, one outcome per page. */
async function* expandFeed(feed: FeedLinks, ctx: Context, depth: number): AsyncGenerator<Outcome<Page>> {
  if (feed.kind === 'sitemapindex') {
    for (const child of feed.urls) {
      if (ctx.seen.has(child)) continue;
      ctx.seen.add(child);
      if (depth + 1 > MAX_SITEMAP_DEPTH) {
        yield { status: 'skipped', source: child, reason: `sitemap index nested more than ${MAX_SITEMAP_DEPTH} levels deep` };
        continue;
      }
      try {
        const result = await ctx.fetcher.fetchBytes(child);
        if (result.status === 'not-modified') {
          yield { status: 'skipped', source: child, reason: NOT_MODIFIED, notModified: true };
          continue;
        }
        const childFeed = parseFeedOrSitemap(result.bytes, result.url, result.contentType);
        if (!childFeed) throw new MarsadError('FEED_NOT_XML', 'a document that is not a sitemap or feed', child);
        yield* expandFeed(childFeed, ctx, depth + 1);
      } catch (err) {
        yield failed(child, err);
      }
    }
    return;
  }
  const fresh = feed.urls.filter((url) => !ctx.seen.has(url));
  for (const url of fresh) ctx.seen.add(url);
  ctx.announce(fresh.length);
  for (const url of fresh) {
    try {
      const result = await ctx.fetcher.fetchPage(url, url);
      yield result.status === 'ok' ? ok(result.page) : { status: 'skipped', source: url, reason: NOT_MODIFIED, notModified: true };
    } catch (err) {
      yield failed(url, err);
    }
  }
}

async function readOutcome(path: string, ctx: Context): Promise<Outcome<Page>> {
  try {
    return ok(await readFilePage(path, { maxBytes: ctx.maxBytes }));
  } catch (err) {
    return failed(path, err);
  }
}

function ok(page: Page): Outcome<Page> {
  return { status: 'ok', source: page.source, value: page };
}

function failed(source: string, err: unknown): Outcome<Page> {
  return { status: 'failed', source, error: toMarsadError(err, source) };
}
