/**
 * HTML article extraction: one decoded page in, one `Article` out.
 * Metadata comes from the page's structured data (JSON-LD, OpenGraph, meta, microdata)
 * with visible bylines as fallback; the main text from a Readability-style content scorer
 * over htmlparser2 (see ./html-content.ts). Never throws for ordinary pages; a page with
 * no article text gives `text: ''` and the caller decides.
 */
import type { Article } from '../model/article.js';
import { parseArabicDate } from './dates.js';
import { extractMainText } from './html-content.js';
import { parseHtml, repairMojibake } from './html-dom.js';
import { extractMetadata } from './html-metadata.js';
import { detectLanguage } from './language.js';

export interface ExtractHtmlOptions {
  /** URL the page was fetched from: base for relative canonical links, fallback `url`. */
  url?: string | null;
}

/**
 * @example extractHtml('<html lang="ar"><head><title>عنوان</title></head><body><p>…</p></body></html>').lang // 'ar'
 */
export function extractHtml(html: string, opts: ExtractHtmlOptions = {}): Article {
  const pageUrl = opts.url ?? null;
  html = repairMojibake(html);
  const doc = parseHtml(html);
  let meta;
  try {
    meta = extractMetadata(doc, pageUrl, (t) => parseArabicDate(t));
  } catch {
    meta = { title: null, published: null, author: null, site: null, section: null, tags: [], url: pageUrl, lang: null };
  }
  let text = '';
  try {
    text = extractMainText(doc, html);
  } catch {
    text = '';
  }
  const lang = detectLanguage(text || (meta.title ?? ''), meta.lang);
  return {
    title: meta.title,
    published: meta.published,
    author: meta.author,
    site: meta.site,
    section: meta.section,
    tags: meta.tags,
    url: meta.url ?? pageUrl,
    lang: lang === 'und' ? (meta.lang ?? 'und') : lang,
    text,
  };
}
