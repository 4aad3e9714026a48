import type { Article } from '../model/article.js';
import type { QueryNode, SearchQuery } from './search-query.js';

/**
 * How text becomes search keys. The same analyser runs over articles when they are indexed
 * and over query words, so "والاستخبارات" in a page and "الاستخبارات" in a query meet on one
 * key. Offsets point into the original text, so matches can be highlighted where written.
 */
export interface SearchAnalyzer {
  /** Bumped whenever keys would come out differently: the index is then rebuilt. */
  readonly version: string;
  keys(text: string): Array<{ key: string; start: number; end: number }>;
}

/** One search result, as `marsad search --json` prints it. */
export interface SearchHit {
  id: string;
  source: string;
  title: string | null;
  published: string | null;
  site: string | null;
  /** BM25 relevance: higher is better. */
  score: number;
  /** A passage of the original text with the matched words in `<mark>`; the rest is HTML-escaped. */
  snippet: string;
}

export interface SearchOptions {
  limit?: number;
  offset?: number;
}

/** The index text of an article: its keys, space-separated, title weighted by its own column. */
export function indexText(analyzer: SearchAnalyzer, text: string): string {
  return analyzer.keys(text).map((k) => k.key).join(' ');
}

/** Every key a query could match, for highlighting (negated words are not highlighted). */
export function positiveKeys(analyzer: SearchAnalyzer, node: QueryNode | null): { exact: Set<string>; prefixes: string[] } {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const walk = (n: QueryNode): void => {
    switch (n.kind) {
      case 'term':
        for (const k of analyzer.keys(n.word)) (n.prefix ? prefixes.push(k.key) : exact.add(k.key));
        return;
      case 'phrase':
        for (const w of n.words) for (const k of analyzer.keys(w)) exact.add(k.key);
        return;
      case 'and':
      case 'or':
        n.children.forEach(walk);
        return;
      case 'not':
        return;
    }
  };
  if (node) walk(node);
  return { exact, prefixes };
}

const SNIPPET_WORDS = 30;

/**
 * The passage of the original text with the most query matches, matched words marked.
 * @example snippet(analyzer, 'التقى الحموشي بمدير…', keys) // '…التقى <mark>الحموشي</mark> بمدير…'
 */
export function snippet(analyzer: SearchAnalyzer, article: Pick<Article, 'text'>, query: SearchQuery): string {
  const text = article.text;
  const { exact, prefixes } = positiveKeys(analyzer, query.match);
  const tokens = analyzer.keys(text);
  const hit = tokens.map((t) => exact.has(t.key) || prefixes.some((p) => t.key.startsWith(p)));
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (hit[i]) count++;
    if (i >= SNIPPET_WORDS && hit[i - SNIPPET_WORDS]) count--;
    const start = Math.max(0, i - SNIPPET_WORDS + 1);
    if (count > bestCount) {
      bestCount = count;
      best = start;
    }
  }
  if (tokens.length === 0) return escapeHtml(text.slice(0, 200));
  // Open the window a few words before the first match so it reads in context.
  const firstHit = hit.indexOf(true, best);
  const from = firstHit >= 0 ? Math.max(0, Math.min(best, firstHit - 5)) : 0;
  const to = Math.min(tokens.length, from + SNIPPET_WORDS);
  const startChar = tokens[from]!.start;
  const endChar = tokens[to - 1]!.end;
  let out = from > 0 ? '…' : '';
  let cursor = startChar;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (!hit[i]) continue;
    out += escapeHtml(text.slice(cursor, t.start)) + '<mark>' + escapeHtml(text.slice(t.start, t.end)) + '</mark>';
    cursor = t.end;
  }
  out += escapeHtml(text.slice(cursor, endChar)).replace(/\s+/g, ' ');
  if (to < tokens.length) out += '…';
  return out.replace(/\n+/g, ' ');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
