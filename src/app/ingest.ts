import type { Article, Outcome, Page } from '../model/article.js';
import { MarsadError, toMarsadError } from '../model/errors.js';
import { decodePage } from '../sources/decode.js';
import { readFilePage } from '../sources/files.js';
import type { Fetcher } from '../sources/fetcher.js';
import { expandInputs } from '../sources/inputs.js';
import { extractArticle } from '../extract/extract.js';
import type { MarsadStore, PutChange } from '../store/store.js';
import { analyseArticle, ensureKnownActors, ANALYSIS_VERSION, type ArticleAnalysis } from './analyse.js';
import { openStore } from './open-store.js';
import { analysedAhead } from './analyse-pool.js';
import { analysePage, pageAnalysisResult, type PageAnalysis } from './page-analysis.js';
import { storyTracker } from './stories.js';
import { refreshMergedEvents } from './merged-events.js';
import { keepAffiliationsCurrent } from './affiliations.js';
import type { DuplicateLink } from '../store/story-store.js';

/** One line of an ingest report: what happened to one page. */
export interface IngestResult {
  source: string;
  status: PutChange | 'skipped' | 'failed';
  id?: string;
  title?: string | null;
  /** The earlier stored article this one is a near-duplicate (or exact duplicate) of; null when none. Present when `id` is. */
  duplicate_of?: DuplicateLink | null;
  /** Why a page was skipped or failed. */
  reason?: string;
  code?: string;
}

export interface IngestOptions {
  store: MarsadStore;
  fetcher: Fetcher;
  /** Store pages that are not Arabic too (Marsad refuses them by default). */
  anyLanguage?: boolean;
  maxBytes?: number;
  /** Called when feeds or folders reveal how many pages there are, for progress display. */
  onDiscovered?: (count: number) => void;
  /**
   * Worker threads that extract and analyse pages ahead of the thread writing the store
   * (`AnalysePool`); 0 (the default): all in this thread. The stored result is the same.
   */
  threads?: number;
}

/**
 * Reads every input (files, folders, URLs, feeds, sitemaps), extracts each page and stores
 * it; yields one result per page and never stops at a bad one.
 * @example for await (const r of ingest(['../shared/seeds'], { store, fetcher })) console.log(r.status);
 */
export async function* ingest(inputs: string[], options: IngestOptions): AsyncGenerator<IngestResult> {
  await ensureKnownActors(options.store);
  const tracker = storyTracker(options.store);
  try {
    // a previous run killed mid-page left these stored but not analysed
    await finishPending(options.store);
    yield* ingestPages(inputs, options);
  } finally {
    await tracker.flush();
    // the buckets this run changed are merged now, so the first events view after it is fast
    await refreshMergedEvents(options.store);
    // and the affiliations derived again from the entities it stored, so the first dyad is too
    await keepAffiliationsCurrent(options.store);
  }
}

async function* ingestPages(inputs: string[], options: IngestOptions): AsyncGenerator<IngestResult> {
  const outcomes = expandInputs(inputs, {
    fetcher: options.fetcher,
    maxBytes: options.maxBytes,
    onDiscovered: options.onDiscovered,
  });
  // pages are analysed ahead in worker threads, and stored in input order here
  const pageOf = (o: Outcome<Page>) => (o.status === 'ok' ? { page: o.value, anyLanguage: options.anyLanguage } : null);
  for await (const { item: outcome, analysis } of analysedAhead(outcomes, options.threads ?? 0, pageOf)) {
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
      yield await processPage(options.store, page, { ...options, analysed: analysis ?? undefined });
    } catch (err) {
      yield failed(page.source, toMarsadError(err, page.source));
    }
  }
}

/** Stores whose curated actors are loaded in this process (processPage loads them once). */
const actorsLoaded = new WeakSet<MarsadStore>();

/**
 * Extracts one decoded page, stores it and analyses it: entities, quotes, events, duplicate
 * link, story. A page stored before whose analysis never completed (the process died in
 * between) is analysed now, not called unchanged, so running it again — another ingest, a
 * retried queue job — finishes what was half-done and stores nothing twice. Story labels are
 * written, and the articles marked analysed, in batches: call `storyTracker(store).flush()`
 * when a batch (or a job) ends. Throws only MarsadError.
 * @example const r = await processPage(store, decodePage(bytes, { source: 'a.html' })); // r.status: 'new' | 'updated' | 'unchanged'
 */
export async function processPage(store: MarsadStore, page: Page, options: { anyLanguage?: boolean; analysed?: PageAnalysis } = {}): Promise<IngestResult> {
  try {
    const { id, change, article, analysis } = await storeAndAnalyse(store, page, options);
    const duplicateOf = analysis ? await storyTracker(store).record(id, article, analysis.entities, analysis.events) : await store.duplicateOf(id);
    return { source: page.source, status: change, id, title: article.title, duplicate_of: duplicateOf };
  } catch (err) {
    throw toMarsadError(err, page.source);
  }
}

/**
 * The steps of a page every pipeline shares (in-process ingest, queue workers): extract,
 * refuse a page not in Arabic, store, and analyse — unless the store holds the article
 * unchanged with its analysis complete, when `analysis` is null. Recording the duplicate
 * link and story, which completes the analysis, is the caller's.
 * @example const { id, analysis } = await storeAndAnalyse(store, page); if (analysis) tracker.record(id, …);
 */
export async function storeAndAnalyse(
  store: MarsadStore,
  page: Page,
  options: { anyLanguage?: boolean; analysed?: PageAnalysis } = {},
): Promise<{ id: string; change: PutChange; article: Article; analysis: ArticleAnalysis | null }> {
  if (!actorsLoaded.has(store)) {
    await ensureKnownActors(store);
    actorsLoaded.add(store);
  }
  // computed ahead in a worker thread (`options.analysed`), or here, the text only once it is known to be needed
  const { article, text } = pageAnalysisResult(options.analysed ?? analysePage(page, { anyLanguage: options.anyLanguage, text: false }));
  const { id, change } = await store.put({ source: page.source, raw: rawOf(page), article });
  if (change === 'unchanged' && (await store.analysedVersion(id)) !== null) return { id, change, article, analysis: null };
  // analyseArticle replaces what the article said before, so running it again is harmless
  return { id, change, article, analysis: await analyseArticle(store, id, article, text ?? undefined) };
}

/** Analyses a stored article and records its duplicate link and story; the tracker's next flush marks it complete. */
async function completeAnalysis(store: MarsadStore, id: string, article: Article): Promise<DuplicateLink | null> {
  const analysis = await analyseArticle(store, id, article);
  return storyTracker(store).record(id, article, analysis.entities, analysis.events);
}

/**
 * Completes the analysis of every stored article whose analysis never finished (a process
 * killed between storing a page and marking it analysed). Returns the ids finished; one
 * that fails again stays pending and is left for the next run.
 * @example const finished = await finishPending(store); console.log(finished.length);
 */
export async function finishPending(store: MarsadStore): Promise<string[]> {
  const finished: string[] = [];
  for (const id of await store.unanalysed()) {
    const stored = await store.get(id);
    if (!stored) continue;
    try {
      await completeAnalysis(store, id, stored.article);
      finished.push(id);
    } catch {
      // left pending: a later ingest or reprocess tries again, and reports the page's error then
    }
  }
  await storyTracker(store).flush();
  return finished;
}

/**
 * Extracts and analyses pages without storing them (the `analyze` command). Identities are
 * resolved across the pages of one call, in a throwaway in-memory store.
 * @example for await (const r of analyseOnly(['a.html', 'b.html'], { fetcher })) console.log(r.entities);
 */
export async function* analyseOnly(
  inputs: string[],
  options: { fetcher: Fetcher; maxBytes?: number },
): AsyncGenerator<{ source: string; article?: Article; analysis?: ArticleAnalysis; error?: MarsadError }> {
  const scratch = await openStore(':memory:');
  try {
    await ensureKnownActors(scratch);
    for await (const r of extractOnly(inputs, options)) {
      if (!r.article) {
        yield r;
        continue;
      }
      try {
        const { id } = await scratch.put({ source: r.source, raw: rawOf({ ...emptyRaw(), source: r.source }), article: r.article });
        yield { ...r, analysis: await analyseArticle(scratch, id, r.article) };
      } catch (err) {
        yield { source: r.source, error: toMarsadError(err, r.source) };
      }
    }
  } finally {
    await scratch.close();
  }
}

/** One analysed line of `analyseLines` (with no publication date, relative dates stay unresolved). */
export interface LineAnalysis extends ArticleAnalysis {
  /** 1-based line number in the file */
  line: number;
  text: string;
}

/**
 * Analyses each non-empty line of a text file as a short text of its own (no extraction,
 * no publication date), resolving identities across the lines. Reads the file whole: it is
 * meant for lists of sentences, not for archives.
 * @example for await (const r of analyseLines('sentences.txt')) console.log(r.line, r.entities.length);
 */
export async function* analyseLines(file: string, options: { maxBytes?: number } = {}): AsyncGenerator<LineAnalysis> {
  const page = await readFilePage(file, options);
  const scratch = await openStore(':memory:');
  try {
    await ensureKnownActors(scratch);
    const lines = page.content.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!.trim();
      if (!text) continue;
      const article: Article = { title: null, published: null, author: null, site: null, section: null, tags: [], url: null, lang: 'ar', text };
      const { id } = await scratch.put({ source: `${file}:${i + 1}`, raw: rawOf({ ...emptyRaw(), source: file }), article });
      yield { line: i + 1, text, ...(await analyseArticle(scratch, id, article)) };
    }
  } finally {
    await scratch.close();
  }
}

/** Extracts pages without storing them: the `extract` command. */
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
 * whole corpus. Pages whose result is the same are left alone. Near-duplicate links and
 * story assignments are then recomputed over the whole store.
 */
export async function* reprocess(store: MarsadStore, options: { threads?: number } = {}): AsyncGenerator<IngestResult> {
  await ensureKnownActors(store);
  const analysed: string[] = [];
  // each stored raw page read and decoded here, extracted and analysed ahead in worker threads
  async function* stored() {
    for (const id of await store.ids()) {
      const article = await store.get(id);
      const raw = await store.getRaw(id);
      const source = article?.source ?? id;
      if (!article || !raw) {
        yield { id, source, page: null, error: null };
        continue;
      }
      try {
        yield { id, source, page: decodePage(raw.bytes, { source, url: raw.url, contentType: raw.contentType, fetchedAt: raw.fetchedAt }), error: null };
      } catch (err) {
        yield { id, source, page: null, error: toMarsadError(err, source) };
      }
    }
  }
  const pageOf = (r: { page: Page | null }) => (r.page ? { page: r.page, anyLanguage: true } : null);
  for await (const { item, analysis } of analysedAhead(stored(), options.threads ?? 0, pageOf)) {
    const { id, source, page, error } = item;
    if (error) {
      yield { ...failed(source, error), id };
      continue;
    }
    if (!page) {
      yield { source, id, status: 'skipped', reason: 'no raw page kept for this article' };
      continue;
    }
    try {
      const { article, text } = pageAnalysisResult(analysis ?? analysePage(page, { anyLanguage: true, text: false }));
      const change = await store.updateArticle(id, article);
      // Analysis improves between versions even when extraction gives the same article.
      await analyseArticle(store, id, article, text ?? undefined);
      analysed.push(id);
      yield { source, id, status: change, title: article.title };
    } catch (err) {
      yield { ...failed(source, toMarsadError(err, source)), id };
    }
  }
  // texts, entities and events may all have changed: duplicates and stories are recomputed
  await storyTracker(store).rebuild();
  // complete only now that duplicates and stories are rebuilt: a reprocess killed earlier leaves them pending
  for (const id of analysed) await store.markAnalysed(id, ANALYSIS_VERSION);
  await refreshMergedEvents(store);
  await keepAffiliationsCurrent(store);
}

/** The scratch store of `analyseOnly` keeps no page bytes. */
function emptyRaw(): Page {
  return { source: '', url: null, bytes: new Uint8Array(), content: '', kind: 'text', encoding: 'utf-8', contentType: null, fetchedAt: new Date().toISOString() };
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
