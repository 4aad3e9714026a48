import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Article } from '../model/article.js';
import { matchKey } from '../extract/fold.js';

// Tracking parameters say where a reader came from, not which page it is.
const TRACKING_PARAM = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|_ga)$/i;

/**
 * A URL reduced to what identifies the page: lower-case host, no fragment, no tracking
 * parameters, no trailing slash, http and https alike.
 * @example urlKey('HTTPS://Example.com/a/?utm_source=x#top') // 'example.com/a'
 */
export function urlKey(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  for (const name of [...parsed.searchParams.keys()]) {
    if (TRACKING_PARAM.test(name)) parsed.searchParams.delete(name);
  }
  parsed.searchParams.sort();
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  const path = decodeURIComponentSafe(parsed.pathname).replace(/\/+$/, '');
  const query = parsed.searchParams.toString();
  return `${host}${parsed.port ? `:${parsed.port}` : ''}${path}${query ? `?${query}` : ''}`;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The keys under which an article is known. Any one of them matching a stored article
 * makes the two the same record.
 * @example identityKeys('a.html', {url: null, text: 'نص', …}) // ['src:a.html', 'text:…']
 */
export function identityKeys(source: string, fetchedUrl: string | null, article: Article): string[] {
  const keys: string[] = [];
  for (const url of [article.url, fetchedUrl, source]) {
    const key = url ? urlKey(url) : null;
    if (key) keys.push(`url:${key}`);
  }
  if (!/^https?:\/\//i.test(source)) keys.push(`src:${resolve(source)}`);
  keys.push(`text:${textHash(article)}`);
  return [...new Set(keys)];
}

/** Hash of the folded main text: scrapes that differ only in spacing or punctuation match. */
export function textHash(article: Article): string {
  return sha256(matchKey(article.text));
}

/** Hash of everything stored for an article, to tell an update from a no-op. */
export function articleHash(article: Article): string {
  return sha256(JSON.stringify(article));
}

/** A short, stable, URL-safe id for a new article. */
export function newArticleId(firstKey: string): string {
  return sha256(firstKey).slice(0, 12);
}
