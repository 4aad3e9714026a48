/**
 * Worker threads that extract and analyse pages ahead of the ingesting thread. Everything
 * that needs no store (extraction, recognition, quotes, dates, event triggers — about half
 * of a page's cost) runs here in parallel; linking and recording stay in the one thread
 * that writes the store, in input order, so the stored result is what a one-thread ingest
 * stores.
 */
import { Piscina } from 'piscina';
import type { Page } from '../model/article.js';
import { toMarsadError } from '../model/errors.js';
import type { PageAnalysis } from './page-analysis.js';

const WORKER = new URL('./page-analysis-worker.js', import.meta.url).href;

/**
 * A pool of `threads` workers running `analysePage`.
 * @example const pool = new AnalysePool(3); const r = await pool.analyse(page); await pool.close();
 */
export class AnalysePool {
  private readonly piscina: Piscina;

  constructor(readonly threads: number) {
    // Workers stay up for the whole ingest: each loads the models once.
    this.piscina = new Piscina({ filename: WORKER, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
  }

  /** Never rejects: a worker that dies on a page (out of memory, a bug) fails that page, with INTERNAL. */
  async analyse(page: Page, options: { anyLanguage?: boolean } = {}): Promise<PageAnalysis> {
    try {
      return (await this.piscina.run({ page, anyLanguage: options.anyLanguage === true })) as PageAnalysis;
    } catch (err) {
      const e = toMarsadError(err, page.source, 'INTERNAL');
      return { ok: false, error: { code: e.code, found: `a worker thread that failed: ${e.found}`, input: e.input } };
    }
  }

  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}

/**
 * Yields each item in order with the analysis of its page (`pageOf`; null: the item has no
 * page) when a worker made it, reading up to twice `threads` items ahead so that the workers
 * stay busy while the caller stores. With no threads, or for the first item (one page alone
 * is not worth a worker's start-up), `analysis` is null: the caller analyses in its thread.
 * The pool is closed when the items end or the caller stops.
 * @example for await (const { item, analysis } of analysedAhead(pages, 3, (p) => ({ page: p }))) store(item, analysis);
 */
export async function* analysedAhead<T>(
  items: AsyncIterable<T>,
  threads: number,
  pageOf: (item: T) => { page: Page; anyLanguage?: boolean } | null,
): AsyncGenerator<{ item: T; analysis: PageAnalysis | null }> {
  const iterator = items[Symbol.asyncIterator]();
  const ahead: { item: T; analysis: Promise<PageAnalysis> | null }[] = [];
  const window = Math.max(1, threads * 2);
  let pool: AnalysePool | null = null;
  let seenPage = false;
  let exhausted = false;
  try {
    for (;;) {
      while (!exhausted && ahead.length < window) {
        const next = await iterator.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        const task = pageOf(next.value);
        if (task && threads > 0 && !pool && seenPage) pool = new AnalysePool(threads);
        if (task) seenPage = true;
        ahead.push({ item: next.value, analysis: task && pool ? pool.analyse(task.page, task) : null });
      }
      const head = ahead.shift();
      if (!head) return;
      yield { item: head.item, analysis: head.analysis ? await head.analysis : null };
    }
  } finally {
    await iterator.return?.();
    await pool?.close();
  }
}
