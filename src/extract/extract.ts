import type { Article, Page } from '../model/article.js';
import { MarsadError } from '../model/errors.js';
import { extractHtml } from './html.js';
import { extractText } from './text.js';

/**
 * One decoded page in, one clean article out: HTML goes through the DOM extractor, plain
 * text scrapes through the line classifier. A page with no article text is an error.
 * @example extractArticle(await readFilePage('page.html')).title
 */
export function extractArticle(page: Page): Article {
  const article = page.kind === 'html' ? extractHtml(page.content, { url: page.url }) : extractText(page.content, { source: page.source });
  if (!article.url && page.url) article.url = page.url;
  if (!article.text.trim()) {
    throw new MarsadError('NO_ARTICLE_TEXT', 'no paragraph that reads as article text', page.source);
  }
  return article;
}
