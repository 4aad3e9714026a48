import type { Article, Page } from '../model/article.js';
import { MarsadError, toMarsadError } from '../model/errors.js';
import { decodePage } from '../sources/decode.js';
import type { Fetcher } from '../sources/fetcher.js';
import { expandInputs } from '../sources/inputs.js';
import { extractArticle } from '../extract/extract.js';
import type { ArticleStore, PutChange } from '../store/store.js';

/** One line of an ingest report: what happened to one page. */
export interface IngestResult {
  source: string;
  status: PutChange | 'skipped' | 'failed';
  id?: string;
  title?: string | null;
  /** Why a page was skipped or failed. */
  reason?: string;
  code?: string;
}

export interface IngestOptions {
  store: ArticleStore;
  fetcher: Fetcher;
  /** Store pages that are not Arabic too (Marsad refuses them by default). */
  anyLanguage?: boolean;
  maxBytes?: number;
  /** Called when feeds or folders reveal how many pages there are, for progress display. */
  onDiscovered?: (count: number) => void;
}

/**
 * Reads every input (files, folders, URLs, feeds, sitemaps), extracts each page and stores
 * it; yields one result per page and never stops at a bad one.
 * @example for await (const r of ingest(['../shared/seeds'], { store, fetcher })) console.log(r.status);
 */
export async function* ingest(inputs: string[], options: IngestOptions): AsyncGenerator<IngestResult> {
  for await (const outcome of expandInputs(inputs, {
    fetcher: options.fetcher,
    maxBytes: options.maxBytes,
    onDiscovered: options.onDiscovered,
  })) {
    if (outcome.status === 'skipped') {
      yield { source: outcome.source, status: outcome.notModified ? 'unchanged' : 'skipped', reason: outcome.reason };
      continue;
    }
    if (outcome.status === 'failed') {
      yield failed(outcome.source, outcome.error);
      continue;
    }
    const page = outcome.value;
    try {
      const article = extractArticle(page);
      if (!options.anyLanguage && article.lang !== 'ar') {
        throw new MarsadError('NOT_ARABIC', `a page in language '${article.lang}'`, page.source);
      }
      const { id, change } = await options.store.put({ source: page.source, raw: rawOf(page), article });
      yield { source: page.source, status: change, id, title: article.title };
    } catch (err) {
      yield failed(page.source, toMarsadError(err, page.source));
    }
  }
}

/** Extracts pages without storing them: the `extract` and `analyze` commands. */
export async function* extractOnly(
  inputs: string[],
  options: { fetcher: Fetcher; maxBytes?: number },
): AsyncGenerator<{ source: string; article?: Article; error?: MarsadError }> {
  for await (const outcome of expandInputs(inputs, options)) {
    if (outcome.status === 'failed') yield { source: outcome.source, error: outcome.error };
    else if (outcome.status === 'skipped') yield { source: outcome.source, error: new MarsadError('NOTHING_TO_EXTRACT', outcome.reason, outcome.source) };
    else {
      try {
        yield { source: outcome.source, article: extractArticle(outcome.value) };
      } catch (err) {
        yield { source: outcome.source, error: toMarsadError(err, outcome.source) };
      }
    }
  }
}

/**
 * Runs extraction again over every stored raw page, so an improved extractor benefits the
 * whole corpus. Pages whose result is the same are left alone.
 */
export async function* reprocess(store: ArticleStore): AsyncGenerator<IngestResult> {
  for (const id of await store.ids()) {
    const stored = await store.get(id);
    const raw = await store.getRaw(id);
    const source = stored?.source ?? id;
    if (!stored || !raw) {
      yield { source, id, status: 'skipped', reason: 'no raw page kept for this article' };
      continue;
    }
    try {
      const page = decodePage(raw.bytes, { source, url: raw.url, contentType: raw.contentType, fetchedAt: raw.fetchedAt });
      const article = extractArticle(page);
      const change = await store.updateArticle(id, article);
      yield { source, id, status: change, title: article.title };
    } catch (err) {
      yield { ...failed(source, toMarsadError(err, source)), id };
    }
  }
}

function rawOf(page: Page) {
  return {
    bytes: page.bytes,
    url: page.url,
    contentType: page.contentType,
    encoding: page.encoding,
    kind: page.kind,
    fetchedAt: page.fetchedAt,
  };
}

function failed(source: string, error: MarsadError): IngestResult {
  return { source, status: 'failed', reason: error.message, code: error.code };
}
