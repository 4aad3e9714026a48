/**
 * What a worker does with a job: expand an input into page jobs, or take one page through
 * extract → analyse → resolve → store. Every effect is idempotent, so a job run twice (a
 * retry, a worker killed mid-job) leaves the store as one run would.
 */
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '../model/article.js';
import { MarsadError } from '../model/errors.js';
import { decodePage } from '../sources/decode.js';
import { parseFeedOrSitemap, type FeedLinks } from '../sources/feeds.js';
import type { Fetcher } from '../sources/fetcher.js';
import { listInputFiles, readFileBytes, readFilePage } from '../sources/files.js';
import type { MarsadStore, PutChange } from '../store/store.js';
import { storeAndAnalyse } from '../app/ingest.js';
import type { DiscoverJobData, MarsadQueues, PageJobData } from './queues.js';

/** What a worker needs to run pipeline jobs. */
export interface PipelineContext {
  store: MarsadStore;
  fetcher: Fetcher;
  queues: MarsadQueues;
  maxBytes?: number;
}

/** What became of one page. */
export interface PageOutcome {
  source: string;
  /** 'unchanged' also when the server answered 304 (then there is no id). */
  status: PutChange;
  id?: string;
  /** Whether entities, quotes and events were (re)computed by this run. */
  analysed: boolean;
}

/** How many levels of sitemap index below the one enqueued are followed (as `ingest` does). */
export const MAX_SITEMAP_DEPTH = 3;
const FEED_FILE = /\.(xml|rss|atom)(\.gz)?$/i;

/**
 * Whether an input is a web address (anything else is a path).
 * @example isWebInput('https://a.ma/x') // true
 */
export function isWebInput(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/**
 * Turns the user's inputs into jobs. Folders and feed files are listed here, by the process
 * that can see them (workers read the same paths, so they must share the file system); URLs
 * become discover jobs, because only fetching them tells a page from a feed.
 * @example await enqueueInputs(queues, ['../shared/seeds'], { cwd: process.cwd(), anyLanguage: false }) // { pages: 5, discover: 0, failed: [] }
 */
export async function enqueueInputs(
  queues: MarsadQueues,
  inputs: string[],
  opts: { cwd: string; anyLanguage: boolean; maxBytes?: number },
): Promise<{ pages: number; discover: number; failed: { source: string; error: MarsadError }[] }> {
  let pages = 0;
  let discover = 0;
  const failed: { source: string; error: MarsadError }[] = [];
  for (const input of inputs) {
    try {
      if (isWebInput(input)) {
        await queues.addDiscover({ input, cwd: opts.cwd, anyLanguage: opts.anyLanguage, depth: 0 });
        discover++;
        continue;
      }
      const path = pathOf(input, opts.cwd);
      const info = await stat(path).catch(() => null);
      if (!info) throw new MarsadError('INPUT_NOT_FOUND', 'no file or folder at this path', input);
      if (info.isDirectory()) {
        for (const file of await listInputFiles(path)) {
          // sources read as `ingest` would store them: relative when the input was
          const source = isAbsolute(input) || /^file:/i.test(input) ? file : relative(opts.cwd, file);
          await queues.addPage({ source, cwd: opts.cwd, anyLanguage: opts.anyLanguage });
          pages++;
        }
      } else if (FEED_FILE.test(path)) {
        const feed = parseFeedOrSitemap(await readFileBytes(path, { maxBytes: opts.maxBytes }), pathToFileURL(path).href);
        if (!feed) {
          await queues.addPage({ source: input, cwd: opts.cwd, anyLanguage: opts.anyLanguage });
          pages++;
        } else {
          const n = await enqueueFeed(queues, feed, { cwd: opts.cwd, anyLanguage: opts.anyLanguage, depth: 0 });
          pages += n.pages;
          discover += n.discover;
        }
      } else {
        await queues.addPage({ source: input, cwd: opts.cwd, anyLanguage: opts.anyLanguage });
        pages++;
      }
    } catch (err) {
      if (!(err instanceof MarsadError)) throw err; // Redis trouble ends the command, not one input
      failed.push({ source: input, error: err });
    }
  }
  return { pages, discover, failed };
}

/**
 * Runs a discover job: fetches the URL; a feed or sitemap becomes page jobs (a sitemap index,
 * discover jobs for its children), a page is processed at once rather than fetched twice.
 * @example await runDiscoverJob(ctx, { input: 'https://www.hespress.com/feed', cwd, anyLanguage: false, depth: 0 })
 */
export async function runDiscoverJob(ctx: PipelineContext, data: DiscoverJobData): Promise<{ pages: number; discover: number; page?: PageOutcome }> {
  const result = await ctx.fetcher.fetchBytes(data.input, { input: data.input });
  if (result.status === 'not-modified') return { pages: 0, discover: 0 };
  const feed = parseFeedOrSitemap(result.bytes, result.url, result.contentType);
  if (feed) {
    if (feed.urls.length === 0) throw new MarsadError('NOTHING_TO_EXTRACT', `a ${feed.kind} that lists no http(s) URLs`, data.input);
    return enqueueFeed(ctx.queues, feed, data);
  }
  const page = decodePage(result.bytes, { source: data.input, url: result.url, contentType: result.contentType, fetchedAt: result.fetchedAt });
  return { pages: 0, discover: 0, page: await storePage(ctx, page, data.anyLanguage) };
}

/**
 * Runs a page job: reads or fetches the page, then extracts, analyses and stores it.
 * @example await runPageJob(ctx, { source: 'seeds/a.txt', cwd: '/work', anyLanguage: false }) // { status: 'new', id, analysed: true }
 */
export async function runPageJob(ctx: PipelineContext, data: PageJobData): Promise<PageOutcome> {
  let page: Page;
  if (isWebInput(data.source)) {
    const r = await ctx.fetcher.fetchPage(data.source, data.source);
    if (r.status === 'not-modified') return { source: data.source, status: 'unchanged', analysed: false };
    page = r.page;
  } else {
    page = { ...(await readFilePage(pathOf(data.source, data.cwd), { maxBytes: ctx.maxBytes })), source: data.source };
  }
  return storePage(ctx, page, data.anyLanguage);
}

/**
 * Extract → store → analyse, then hand the article to the story writer. An article the store
 * already holds unchanged is analysed again only when its analysis never completed (the
 * process running it died), so a repeated job does no work twice and leaves nothing half done.
 */
async function storePage(ctx: PipelineContext, page: Page, anyLanguage: boolean): Promise<PageOutcome> {
  const { id, change, analysis } = await storeAndAnalyse(ctx.store, page, { anyLanguage });
  if (!analysis) return { source: page.source, status: change, id, analysed: false };
  // the story writer marks the analysis complete once the article is signed and placed
  await ctx.queues.addRecord(id);
  return { source: page.source, status: change, id, analysed: true };
}

async function enqueueFeed(
  queues: MarsadQueues,
  feed: FeedLinks,
  parent: Pick<DiscoverJobData, 'cwd' | 'anyLanguage' | 'depth'>,
): Promise<{ pages: number; discover: number }> {
  if (feed.kind === 'sitemapindex') {
    if (parent.depth + 1 > MAX_SITEMAP_DEPTH) return { pages: 0, discover: 0 };
    for (const child of feed.urls) await queues.addDiscover({ input: child, cwd: parent.cwd, anyLanguage: parent.anyLanguage, depth: parent.depth + 1 });
    return { pages: 0, discover: feed.urls.length };
  }
  for (const url of feed.urls) await queues.addPage({ source: url, cwd: parent.cwd, anyLanguage: parent.anyLanguage });
  return { pages: feed.urls.length, discover: 0 };
}

function pathOf(input: string, cwd: string): string {
  if (/^file:/i.test(input)) return new URL(input).pathname;
  return isAbsolute(input) ? input : resolve(cwd, input);
}
