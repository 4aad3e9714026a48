import type { Article } from '../model/article.js';
import type { ArticleEntity, CanonicalEntity } from '../model/entity.js';
import type { Timex } from '../analyse/timexes.js';
import type { ArticleAnalysis } from '../app/analyse.js';
import type { ArticleQuote, StoredQuote } from '../model/quote.js';
import type { ArticleSummary } from '../store/store.js';
import type { IngestResult } from '../app/ingest.js';
import type { SearchHit } from '../store/search.js';
import type { ArticleEvent, StoredEvent } from '../model/event.js';
import type { MergedEvent } from '../resolve/event-merge.js';
import type { DuplicateLink } from '../store/story-store.js';
import type { StoryReport } from '../app/stories.js';

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
  const dups = results.filter((r) => (r.status === 'new' || r.status === 'updated') && r.duplicate_of).length;
  const lines = [
    `${results.length} page${results.length === 1 ? '' : 's'}: ${count('new')} new, ${count('updated')} updated, ` +
      `${count('unchanged')} unchanged, ${count('skipped')} skipped, ${count('failed')} failed` +
      (dups ? `; ${dups} near-duplicate${dups === 1 ? '' : 's'} of earlier articles (linked, kept)` : ''),
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

const TYPE_LABEL: Record<string, string> = { PERSON: 'person', ORG: 'org', LOCATION: 'place' };

/** The entities of one article: one line each with the names it was written as. */
export function printArticleEntities(entities: ArticleEntity[]): string {
  if (entities.length === 0) return 'entities   (none found)';
  const lines = ['entities'];
  for (const e of entities) {
    const names = [...new Set(e.mentions.map((m) => m.text))].filter((n) => n !== e.label);
    const extra = [e.label_en, names.length ? `also ${names.join('، ')}` : null, e.roles.length ? e.roles.join('؛ ') : null].filter(Boolean);
    lines.push(`  ${TYPE_LABEL[e.type]!.padEnd(6)} ${e.label}  ×${e.mentions.length}  ${e.id}${extra.length ? `  (${extra.join(' | ')})` : ''}`);
  }
  return lines.join('\n');
}

/** The store's entities as a table, most mentioned first. */
export function printEntities(rows: CanonicalEntity[]): string {
  if (rows.length === 0) return 'No entities stored yet. Ingest some articles first: marsad ingest PATH-OR-URL';
  return rows
    .map((e) =>
      [
        e.id.padEnd(12),
        TYPE_LABEL[e.type]!.padEnd(6),
        String(e.articles).padStart(4),
        e.label,
        e.label_en ? `(${e.label_en})` : '',
        e.aliases.length > 1 ? `— ${e.aliases.filter((a) => a.text !== e.label).slice(0, 4).map((a) => a.text).join('، ')}` : '',
      ]
        .filter(Boolean)
        .join('  '),
    )
    .join('\n');
}

/** One entity in full: names, roles with dates, codes, company it keeps. */
export function printEntity(e: CanonicalEntity): string {
  const lines = [`${e.label}${e.label_en ? ` (${e.label_en})` : ''}`, `id         ${e.id}`, `type       ${e.type}`, `articles   ${e.articles}`];
  if (e.country) lines.push(`country    ${e.country}`);
  if (e.sectors.length) lines.push(`sectors    ${e.sectors.join(', ')}`);
  if (e.wikidata) lines.push(`wikidata   ${e.wikidata}`);
  lines.push('aliases');
  for (const a of e.aliases) lines.push(`  ${a.text}  ×${a.count}`);
  if (e.roles.length) {
    lines.push('roles');
    for (const r of e.roles) lines.push(`  ${r.role}${r.first_seen ? `  (${r.first_seen.slice(0, 10)} → ${r.last_seen!.slice(0, 10)}, ×${r.count})` : ''}`);
  }
  if (e.cooccurring.length) lines.push(`seen with  ${e.cooccurring.join('، ')}`);
  if (e.blocked_keys.length) lines.push(`split off  ${e.blocked_keys.join('، ')}`);
  return lines.join('\n');
}

/** Dates found in a text with what they resolve to ("?" where there is no publication date to resolve against). */
function printTimexes(timexes: Timex[]): string {
  if (timexes.length === 0) return '';
  return ['dates', ...timexes.map((t) => `  ${t.text}  → ${t.value ?? '?'} (${t.granularity})`)].join('\n') + '\n';
}

/** Quotes with who said them. */
function printQuotes(quotes: ArticleQuote[]): string {
  if (quotes.length === 0) return '';
  const short = (s: string) => (s.length > 90 ? s.slice(0, 88) + '…' : s);
  return ['quotes', ...quotes.map((q) => `  «${short(q.text)}» — ${q.speaker ? q.speaker.label : '(speaker unknown)'}${q.cue ? ` [${q.cue}]` : ''}`)].join('\n') + '\n';
}

/** One event on one line: type/mode, who → whom, where, when, status. */
function eventLine(e: ArticleEvent): string {
  const parts = [`${e.type}${e.mode ? `/${e.mode}` : ''}`, `${e.source.label} → ${e.target ? e.target.label : '—'}`];
  if (e.location) parts.push(`في ${e.location.label}`);
  if (e.date.start) parts.push(e.date.end && e.date.end !== e.date.start ? `${e.date.start}..${e.date.end}` : e.date.start);
  else if (e.date.text) parts.push(`${e.date.text} (?)`);
  if (e.status) parts.push(`[${e.status}]`);
  if (e.contexts.length) parts.push(`{${e.contexts.join(', ')}}`);
  return parts.join('  ');
}

/** Events of one article. */
function printEvents(events: ArticleEvent[]): string {
  if (events.length === 0) return '';
  return ['events', ...events.map((e) => `  ${eventLine(e)}`)].join('\n') + '\n';
}

/** The analysis of one article or line: entities, quotes, dates, events. */
export function printAnalysis(a: ArticleAnalysis): string {
  return printArticleEntities(a.entities) + '\n' + printQuotes(a.quotes) + printTimexes(a.timexes) + printEvents(a.events ?? []);
}

/** Stored events, newest first, with the sentence that states each (and, for a merged event, how many report it). */
export function printStoredEvents(rows: (StoredEvent | MergedEvent)[]): string {
  if (rows.length === 0) return 'No events found.';
  const short = (s: string) => (s.length > 160 ? s.slice(0, 158) + '…' : s);
  const also = (e: StoredEvent | MergedEvent) =>
    'sources' in e && e.sources.length > 1 ? `\n  reported by ${e.num_articles} articles from ${e.num_sources} outlet${e.num_sources === 1 ? '' : 's'}: ${e.sources.map((x) => x.site ?? x.source).join('، ')}` : '';
  return rows.map((e) => `${eventLine(e)}\n  ${short(e.evidence.text)}\n  ${e.title ?? ''} (${e.article})${also(e)}`).join('\n\n');
}

/** The duplicate line of `marsad show`. */
export function printDuplicate(d: DuplicateLink | null): string {
  if (!d) return '';
  return `${d.exact ? 'duplicate' : 'near-duplicate'} of ${d.id} (similarity ${d.similarity.toFixed(2)})\n`;
}

/** Stories for a reader: label, span, outlets, summary, articles. */
export function printStories(stories: StoryReport[]): string {
  if (stories.length === 0) return 'No stories yet. Ingest some articles first: marsad ingest PATH-OR-URL';
  return stories
    .map((s) => {
      const days = s.articles.map((a) => a.published?.slice(0, 10)).filter((d): d is string => Boolean(d)).sort();
      const span = days.length ? (days[0] === days[days.length - 1] ? days[0] : `${days[0]} → ${days[days.length - 1]}`) : 'undated';
      const outlets = new Set(s.articles.map((a) => a.site ?? a.source)).size;
      const lines = [`${s.label ?? '(untitled)'}`, `  ${s.id}  ${span}  ${s.articles.length} article${s.articles.length === 1 ? '' : 's'}, ${outlets} outlet${outlets === 1 ? '' : 's'}`];
      if (s.summary) lines.push(`  ${s.summary}`);
      for (const a of s.articles) lines.push(`    ${a.id}  ${(a.published ?? '—').slice(0, 10)}  ${a.site ?? a.source}`);
      if (s.entities.length) lines.push(`  entities: ${s.entities.slice(0, 8).map((e) => `${e.label} ×${e.articles}`).join('، ')}`);
      for (const e of s.events.slice(0, 5)) lines.push(`  event: ${eventLine(e)}${e.num_articles > 1 ? `  (${e.num_articles} articles)` : ''}`);
      return lines.join('\n');
    })
    .join('\n\n');
}

// The CSV and PLOVER writers live with the other export formats, shared with the HTTP API.
export { eventsCsv, ploverRecord, type PloverActorInfo } from '../app/export.js';

/** Stored quotes, newest article first: who said what, where. */
export function printStoredQuotes(rows: StoredQuote[]): string {
  if (rows.length === 0) return 'No quotes found.';
  return rows
    .map((q) => `${(q.published ?? '—').slice(0, 10)}  ${q.speaker ? q.speaker.label : '(speaker unknown)'}${q.speaker?.id ? ` [${q.speaker.id}]` : ''}\n  «${q.text}»\n  ${q.title ?? q.source} (${q.article_id})`)
    .join('\n\n');
}
