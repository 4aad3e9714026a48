import type { QueryNode, SearchQuery } from './search-query.js';
import { foldArabic } from '../extract/fold.js';

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

// Letters the skeleton drops (long vowels, hamza seats, ta marbuta) and marks/tatweel: they may
// stand between two skeleton letters in the original text.
const SKIPPABLE = '[\\u0621-\\u0627\\u0629\\u0647\\u0648\\u0649\\u064A\\u0671\\u064B-\\u065F\\u0670\\u0640]*';

/**
 * Letters that carry a word's identity for a cheap pre-check: folded, without long vowels,
 * hamza seats and ta marbuta/ha, so "بورنز" and the key "بيرنز" both give "برنز".
 */
function skeleton(s: string): string {
  return foldArabic(s).replace(/[\s\u0627\u0648\u064A\u0621\u0647]/g, '');
}

/**
 * A regular expression that finds, in the original unfolded text, every place where a word
 * with one of these keys could stand: the first three skeleton letters, with anything the
 * skeleton drops allowed between them. Run once over the text, it tells which paragraphs are
 * worth analysing.
 * @example probeRegex(['حموش'])!.test('التقى الحموشي') // true
 */
export function probeRegex(keys: Iterable<string>): RegExp | null {
  const alternatives = new Set<string>();
  for (const key of keys) {
    const letters = [...skeleton(key)].slice(0, 3);
    if (letters.length === 0) continue;
    alternatives.add(
      letters
        .map((c) => (/[0-9]/.test(c) ? `[${c}${String.fromCharCode(0x660 + Number(c))}${String.fromCharCode(0x6f0 + Number(c))}]` : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join(SKIPPABLE),
    );
  }
  return alternatives.size ? new RegExp([...alternatives].join('|'), 'giu') : null;
}

/**
 * A snippet maker for one query: the passage of an article's original text with the most
 * query matches, matched words marked. The query's keys and probe are worked out once, not
 * per hit; only paragraphs where a probe for a query key occurs are analysed, since analysing
 * whole articles for every hit would dominate search time.
 * @example snippetsFor(analyzer, parseQuery('حموشي'))('التقى الحموشي بمدير…') // 'التقى <mark>الحموشي</mark> بمدير…'
 */
export function snippetsFor(analyzer: SearchAnalyzer, query: SearchQuery): (text: string) => string {
  const { exact, prefixes } = positiveKeys(analyzer, query.match);
  const probe = probeRegex([...exact, ...prefixes]);
  return (text) => snippet(analyzer, text, exact, prefixes, probe);
}

/** The analysed paragraph a snippet is cut from; `at` is its offset in the text. */
export interface MatchedParagraph {
  tokens: Array<{ key: string; start: number; end: number }>;
  hit: boolean[];
  count: number;
  at: number;
}

/**
 * The paragraph of `text` with the most words matching the query's keys (the first one on a
 * tie), analysed; null when the probe finds no paragraph worth analysing.
 * @example bestParagraph(analyzer, text, new Set(['حموش']), [], /حمش/giu)?.count // 2
 */
export function bestParagraph(analyzer: SearchAnalyzer, text: string, exact: Set<string>, prefixes: string[], probe: RegExp | null): MatchedParagraph | null {
  const probeHits = probe ? [...text.matchAll(probe)].map((m) => m.index!) : [];
  let best: MatchedParagraph | null = null;
  // The paragraph with the most matched words wins, the first one on a tie. A word that
  // matches contains a probe match of its own, so a paragraph's probe count bounds its
  // matches: paragraphs are analysed most probe hits first, and once none left can beat (or,
  // earlier in the text, tie) the best one, the rest are not analysed at all — a common word
  // would otherwise have every paragraph of every hit analysed (issue #8).
  const paras: Array<{ text: string; at: number; probes: number }> = [];
  let h = 0;
  for (const para of text.matchAll(/[^\n]+(?:\n(?!\n)[^\n]*)*/g)) {
    const at = para.index!;
    const end = at + para[0].length;
    if (!probe) {
      paras.push({ text: para[0], at, probes: 0 });
      break;
    }
    while (h < probeHits.length && probeHits[h]! < at) h++;
    if (h >= probeHits.length) break;
    let probes = 0;
    for (let i = h; i < probeHits.length && probeHits[i]! < end; i++) probes++;
    if (probes > 0) paras.push({ text: para[0], at, probes });
  }
  // A key with no skeleton letter (هو) has no probe of its own: its matches are not bounded.
  const bounded = [...exact, ...prefixes].every((k) => skeleton(k).length > 0);
  if (bounded) paras.sort((a, b) => b.probes - a.probes || a.at - b.at);
  for (const para of paras) {
    if (bounded && best && (para.probes < best.count || (para.probes === best.count && para.at > best.at))) break;
    const tokens = analyzer.keys(para.text).map((t) => ({ key: t.key, start: t.start + para.at, end: t.end + para.at }));
    const hit = tokens.map((t) => exact.has(t.key) || prefixes.some((p) => t.key.startsWith(p)));
    const count = hit.filter(Boolean).length;
    if (!best || count > best.count || (count === best.count && para.at < best.at)) best = { tokens, hit, count, at: para.at };
  }
  return best;
}

function snippet(analyzer: SearchAnalyzer, text: string, exact: Set<string>, prefixes: string[], probe: RegExp | null): string {
  let best: Omit<MatchedParagraph, 'at'> | null = bestParagraph(analyzer, text, exact, prefixes, probe);
  if (!best || best.tokens.length === 0) {
    const words = analyzer.keys(text.slice(0, 600));
    if (words.length === 0) return escapeHtml(text.slice(0, 200));
    best = { tokens: words, hit: words.map(() => false), count: 0 };
  }
  const { tokens, hit } = best;
  // The window of SNIPPET_WORDS tokens with the most matches, opened a few words before its first match.
  let bestStart = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (hit[i]) count++;
    if (i >= SNIPPET_WORDS && hit[i - SNIPPET_WORDS]) count--;
    if (count > bestCount) {
      bestCount = count;
      bestStart = Math.max(0, i - SNIPPET_WORDS + 1);
    }
  }
  const firstHit = hit.indexOf(true, bestStart);
  const from = firstHit >= 0 ? Math.max(0, Math.min(bestStart, firstHit - 5)) : 0;
  const to = Math.min(tokens.length, from + SNIPPET_WORDS);
  const startChar = tokens[from]!.start;
  const endChar = tokens[to - 1]!.end;
  let out = startChar > 0 ? '…' : '';
  let cursor = startChar;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (!hit[i]) continue;
    out += escapeHtml(text.slice(cursor, t.start)) + '<mark>' + escapeHtml(text.slice(t.start, t.end)) + '</mark>';
    cursor = t.end;
  }
  out += escapeHtml(text.slice(cursor, endChar));
  if (endChar < text.trimEnd().length) out += '…';
  return out.replace(/\s+/g, ' ');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
