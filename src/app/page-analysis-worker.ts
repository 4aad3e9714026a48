/**
 * A worker thread of `AnalysePool`: runs `analysePage` on the pages it is sent. Loaded by
 * piscina; the models and lexicons load once per worker, on its first page.
 */
import type { Page } from '../model/article.js';
import { analysePage, type PageAnalysis } from './page-analysis.js';

export default function run(task: { page: Page; anyLanguage: boolean }): PageAnalysis {
  return analysePage(task.page, { anyLanguage: task.anyLanguage });
}
