import type { Article } from '../model/article.js';
import type { ArticleSummary } from '../store/store.js';
import type { IngestResult } from '../app/ingest.js';
import type { SearchHit } from '../store/search.js';

/**
 * One article for a human reader: metadata lines, then the text.
 * @example printArticle('a.html', article, 'a1b2c3')
 */
export function printArticle(source: string, a: Article, id?: string): string {
  const lines: string[] = [];
  const field = (label: string, value: string | null | undefined) => {
    if (value) lines.push(`${label.padEnd(10)} ${value}`);
  };
  field('id', id);
  field('source', source);
  field('title', a.title ?? '(none)');
  field('published', a.published ?? '(unknown)');
  field('author', a.author);
  field('site', a.site);
  field('section', a.section);
  field('tags', a.tags.length ? a.tags.join('، ') : null);
  field('url', a.url);
  field('lang', a.lang);
  lines.push('', a.text, '');
  return lines.join('\n');
}

/** The stored articles as an aligned table, newest first. */
export function printList(rows: ArticleSummary[], total: number): string {
  if (rows.length === 0) return total === 0 ? 'No articles stored yet. Try: marsad ingest PATH-OR-URL' : 'No articles on this page.';
  const lines = rows.map((r) =>
    [r.id, (r.published ?? '—').slice(0, 10).padEnd(10), (r.site ?? '—').slice(0, 18).padEnd(18), r.title ?? `(untitled) ${r.source}`].join('  '),
  );
  lines.push(`${rows.length} of ${total} article${total === 1 ? '' : 's'}`);
  return lines.join('\n');
}

/** The end-of-batch summary: counts, then one line for each page that failed or was skipped. */
export function summarise(results: IngestResult[]): string {
  const count = (s: IngestResult['status']) => results.filter((r) => r.status === s).length;
  const lines = [
    `${results.length} page${results.length === 1 ? '' : 's'}: ${count('new')} new, ${count('updated')} updated, ` +
      `${count('unchanged')} unchanged, ${count('skipped')} skipped, ${count('failed')} failed`,
  ];
  for (const r of results) {
    if (r.status === 'failed') lines.push(`✗ ${r.reason}`);
    else if (r.status === 'skipped') lines.push(`– ${r.source}: ${r.reason}`);
  }
  return lines.join('\n');
}

/** Search results for a reader: marks become bold on a terminal, brackets elsewhere. */
export function printSearch(hits: SearchHit[], terminal: boolean): string {
  if (hits.length === 0) return 'No matching articles.';
  const mark = (s: string) =>
    s
      .replace(/<mark>(.*?)<\/mark>/g, terminal ? '\x1b[1m$1\x1b[0m' : '[$1]')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  return hits
    .map((h) => [`${h.id}  ${(h.published ?? '—').slice(0, 10)}  ${h.site ?? '—'}  ${h.title ?? h.source}`, `    ${mark(h.snippet)}`].join('\n'))
    .join('\n');
}
