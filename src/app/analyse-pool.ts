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
