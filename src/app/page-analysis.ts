/**
 * The part of a page's ingest that needs no store: extraction, and when the page is one
 * Marsad keeps, the analysis of its text. Run in the ingesting thread or in a worker
 * (`analyse-pool.ts`); its result is plain data.
 */
import type { Article, Page } from '../model/article.js';
import { MarsadError, toMarsadError, type ErrorCode } from '../model/errors.js';
import { extractArticle } from '../extract/extract.js';
import { analyseText, type TextAnalysis } from './analyse.js';

/** A page read without the store: its article and the analysis of its text, or why it cannot be kept. */
export type PageAnalysis =
  | { ok: true; article: Article; text: TextAnalysis | null }
  | { ok: false; error: { code: ErrorCode; found: string; input: string | null } };

/**
 * Extracts a page and analyses its text (unless `text: false`); a page not in Arabic is
 * refused (NOT_ARABIC) unless `anyLanguage`. Never throws: an error comes back as data, so that it crosses a
 * thread boundary whole (`pageAnalysisResult` turns it back into a MarsadError).
 * @example const r = analysePage(decodePage(bytes, { source: 'a.html' })); if (r.ok) r.article.title;
 */
export function analysePage(page: Page, options: { anyLanguage?: boolean; text?: boolean } = {}): PageAnalysis {
  try {
    const article = extractArticle(page);
    if (!options.anyLanguage && article.lang !== 'ar') {
      throw new MarsadError('NOT_ARABIC', `a page in language '${article.lang}'`, page.source);
    }
    return { ok: true, article, text: options.text === false ? null : analyseText(article) };
  } catch (err) {
    const e = toMarsadError(err, page.source);
    return { ok: false, error: { code: e.code, found: e.found, input: e.input } };
  }
}

/**
 * The article and text analysis of a `PageAnalysis`; throws its error as a MarsadError.
 * @example const { article, text } = pageAnalysisResult(analysePage(page));
 */
export function pageAnalysisResult(r: PageAnalysis): { article: Article; text: TextAnalysis | null } {
  if (!r.ok) throw new MarsadError(r.error.code, r.error.found, r.error.input);
  return { article: r.article, text: r.text };
}
