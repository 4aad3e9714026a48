/**
 * Fuzz targets (issue #8, reliability): the extractor, the date readers, the quote finder and
 * the search-query parser must, on any input, either answer or throw a MarsadError with a
 * code of the catalogue — never a TypeError, a RangeError, a stack overflow — and answer
 * within a bounded time (catastrophic regex backtracking shows up as a call of seconds).
 *
 * Inputs: arbitrary Unicode, Arabic-heavy token soup (letters, diacritics, tatweel,
 * Arabic-Indic digits, « » ، ؛ ؟, month, weekday and reporting words), generated HTML (nested
 * and unclosed tags, huge attributes, deep nesting, broken JSON-LD), long repetitions, and
 * real pages mutated (byte flips, truncation, tag deletion, duplicated regions, swapped
 * encoding labels) from test/fixtures and, when present, ../shared.
 *
 * The same targets run in CI with a fixed seed and few runs (test/fuzz/fuzz.test.ts) and
 * at length from scripts/fuzz.ts.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ERRORS, MarsadError, type ErrorCode } from '../../src/model/errors.js';
import { fixturePath, sharedPath } from '../../src/model/paths.js';
import { decodePage } from '../../src/sources/decode.js';
import { extractArticle } from '../../src/extract/extract.js';
import { findArabicDates, monthsFile, parseArabicDate } from '../../src/extract/dates.js';
import { findTimexes } from '../../src/analyse/timexes.js';
import { findCues, findQuotes } from '../../src/analyse/quotes.js';
import { parseQuery } from '../../src/store/search-query.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { arabicSearchAnalyzer } from '../../src/arabic/search-keys.js';
import type { MarsadStore } from '../../src/store/store.js';

/**
 * Longest a single call on an input of up to LIMIT_SIZE characters (or bytes) may take before
 * it counts as a hang (pathological backtracking); larger inputs get proportionally more, so
 * that what is checked is linear growth.
 */
export const CALL_LIMIT_MS = 2000;
export const LIMIT_SIZE = 300_000;

export interface FuzzTarget<T = unknown> {
  name: string;
  /** what the inputs are, for the report */
  inputs: string;
  arbitrary: fc.Arbitrary<T>;
  /** runs the code under test on one input */
  call: (input: T) => unknown;
  /** the MarsadError codes this code may legitimately throw; anything else is a bug */
  allowed: readonly ErrorCode[];
  /** runs in CI (the whole suite stays under a minute on two cores) */
  ciRuns: number;
  /** the input's size in characters or bytes, for the time limit */
  sizeOf: (input: T) => number;
}

// ------------------------------------------------------------------ the real pages

export interface CorpusPage {
  name: string;
  bytes: Uint8Array;
}

/**
 * Real pages to mutate: every fixture page, the shared seeds and Arabic HTML pages when
 * present, and the first `wcxb` pages of the WCXB development set (all of them when -1).
 */
export function loadCorpus(options: { wcxb: number }): CorpusPage[] {
  const pages: CorpusPage[] = [];
  const add = (dir: string, label: string) => {
    for (const f of readdirSync(dir, { withFileTypes: true })) {
      if (f.isDirectory()) add(join(dir, f.name), `${label}/${f.name}`);
      else if (/\.(html?|txt|xml)$/.test(f.name)) pages.push({ name: `${label}/${f.name}`, bytes: readFileSync(join(dir, f.name)) });
    }
  };
  add(fixturePath(), 'fixtures');
  const seeds = sharedPath('seeds');
  if (seeds) add(seeds, 'shared/seeds');
  const arabicHtml = sharedPath('data', 'arabic-html');
  if (arabicHtml) add(arabicHtml, 'shared/data/arabic-html');
  const wcxb = sharedPath('data', 'wcxb-dev-articles', 'html');
  if (wcxb && options.wcxb !== 0) {
    const files = readdirSync(wcxb).filter((f) => f.endsWith('.html.gz')).sort();
    for (const f of options.wcxb < 0 ? files : files.slice(0, options.wcxb)) {
      pages.push({ name: `shared/data/wcxb-dev-articles/html/${f}`, bytes: gunzipSync(readFileSync(join(wcxb, f))) });
    }
  }
  return pages;
}

// ------------------------------------------------------------------ mutations

const CHARSETS = ['utf-8', 'windows-1256', 'iso-8859-6', 'utf-16le', 'utf-16be', 'utf-16', 'x-user-defined', 'latin1', 'bogus-charset', '', '"><script>'];
const fraction = fc.double({ min: 0, max: 1, noNaN: true });

export type Mutation =
  | { op: 'flip'; at: number; byte: number }
  | { op: 'truncate'; keep: number }
  | { op: 'delete-tag'; at: number }
  | { op: 'duplicate'; from: number; length: number; to: number }
  | { op: 'charset'; charset: string }
  | { op: 'insert'; at: number; bytes: Uint8Array };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fraction, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('truncate' as const), keep: fraction }),
  fc.record({ op: fc.constant('delete-tag' as const), at: fraction }),
  fc.record({ op: fc.constant('duplicate' as const), from: fraction, length: fraction, to: fraction }),
  fc.record({ op: fc.constant('charset' as const), charset: fc.constantFrom(...CHARSETS) }),
  fc.record({ op: fc.constant('insert' as const), at: fraction, bytes: fc.uint8Array({ maxLength: 64 }) }),
);

const latin1 = new TextDecoder('latin1');

/** Applies one mutation; pages are treated as bytes (a flip may break a UTF-8 sequence, as a bad disk or proxy would). */
export function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const n = bytes.length;
  const pos = (f: number) => Math.min(n, Math.floor(f * n));
  switch (m.op) {
    case 'flip': {
      if (n === 0) return bytes;
      const out = bytes.slice();
      out[Math.min(n - 1, pos(m.at))] = m.byte;
      return out;
    }
    case 'truncate':
      return bytes.slice(0, pos(m.keep));
    case 'delete-tag': {
      const start = bytes.indexOf(0x3c, pos(m.at)); // '<'
      if (start < 0) return bytes;
      const end = bytes.indexOf(0x3e, start); // '>'
      return concat(bytes.subarray(0, start), end < 0 ? new Uint8Array() : bytes.subarray(end + 1));
    }
    case 'duplicate': {
      const from = pos(m.from);
      // regions up to a quarter of the page, so that pages grow but stay within a few hundred KB
      const region = bytes.subarray(from, Math.min(n, from + Math.floor((m.length * n) / 4)));
      const to = pos(m.to);
      return concat(bytes.subarray(0, to), region, bytes.subarray(to));
    }
    case 'charset': {
      // Byte-preserving view of the page, so the rest is untouched whatever its encoding.
      const s = latin1.decode(bytes);
      const swapped = /charset\s*=\s*["']?[-\w]*/i.test(s)
        ? s.replace(/charset\s*=\s*["']?[-\w]*/i, `charset=${m.charset}`)
        : `<meta charset="${m.charset}">${s}`;
      return Uint8Array.from(swapped, (c) => c.charCodeAt(0) & 0xff);
    }
    case 'insert': {
      const at = pos(m.at);
      return concat(bytes.subarray(0, at), m.bytes, bytes.subarray(at));
    }
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// ------------------------------------------------------------------ generators

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
const ARABIC_LETTERS = range(0x0621, 0x064a);
const DIACRITICS = [...range(0x064b, 0x0652), '\u0670'];
const DIGITS = [...'0123456789', ...range(0x0660, 0x0669), ...range(0x06f0, 0x06f9)];
const PUNCTUATION = ['«', '»', '،', '؛', '؟', '"', '“', '”', '„', "'", ':', '.', '-', '–', '/', '(', ')', '[', ']', '…', '!', '*', '\\', '|', '+'];
const SPACES = [' ', ' ', ' ', '\n', '\n\n', '\t', '\u00a0', '\u200f', '\u200e', '\u200b', '\u202b', '\ufeff', '\r\n'];
const WORDS = (() => {
  const m = monthsFile();
  const fromFile = [
    ...Object.values(m.gregorian).flat(),
    ...Object.values(m.hijri).flat(),
    ...Object.values(m.weekdays).flat(),
    ...m.era.hijri,
    ...m.era.gregorian,
    ...m.meridiem.am,
    ...m.meridiem.pm,
    ...m.relative.today,
    ...m.relative.yesterday,
  ];
  return [
    ...fromFile,
    'قال', 'وقال', 'أكد', 'وأضاف', 'صرح', 'حسب', 'وفق', 'بحسب', 'أن', 'إن', 'المتحدث', 'الوزير', 'بلاغ', 'بيان',
    'منذ', 'قبل', 'بعد', 'الماضي', 'المقبل', 'القادم', 'الشهر', 'الأسبوع', 'العام', 'سنة', 'عام', 'يوم', 'يومي', 'و', 'في', 'من', 'إلى', 'حتى',
    'الساعة', 'صباحا', 'مساء', 'هـ', 'م', 'حموشي', 'مكتب التحقيقات', 'OR', 'AND', 'NOT', 'site:', 'from:', 'to:',
  ];
})();

const token = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...ARABIC_LETTERS) },
  { weight: 2, arbitrary: fc.constantFrom(...DIACRITICS, 'ـ') },
  { weight: 3, arbitrary: fc.constantFrom(...DIGITS) },
  { weight: 2, arbitrary: fc.constantFrom(...PUNCTUATION) },
  { weight: 4, arbitrary: fc.constantFrom(...SPACES) },
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 3000 }).map(String) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
);

/** Arabic-heavy text: letters, diacritics, tatweel, digits of three scripts, Arabic punctuation, date and speech words. */
export const arabicText = (maxTokens = 400) => fc.array(token, { maxLength: maxTokens }).map((t) => t.join(''));

/** A few words (dates, cues, numbers) with a space, to repeat. */
const phrase = fc
  .array(fc.oneof(fc.constantFrom(...WORDS, ...PUNCTUATION), fc.integer({ min: 0, max: 3000 }).map(String)), { minLength: 1, maxLength: 4 })
  .map((w) => `${w.join(' ')} `);

/** A short fragment repeated to tens or hundreds of KB: where super-linear regexes and loops show. */
export const repeated = fc
  .tuple(fc.oneof(arabicText(12), phrase, fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom(...SPACES, ...PUNCTUATION, ...DIGITS)), fc.integer({ min: 1, max: 40_000 }))
  .map(([s, n]) => s.repeat(n).slice(0, 300_000));

const anyText = fc.oneof(
  { weight: 4, arbitrary: arabicText() },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 2000 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 500 }) },
  { weight: 1, arbitrary: repeated },
);

const TAGS = ['div', 'p', 'span', 'article', 'main', 'section', 'header', 'footer', 'nav', 'aside', 'h1', 'h2', 'a', 'time', 'ul', 'li', 'table', 'td', 'br', 'img', 'figure', 'blockquote', 'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'meta', 'title', 'body', 'head', 'html'];
const ATTRS = ['class', 'id', 'itemprop', 'property', 'name', 'content', 'datetime', 'href', 'rel', 'dir', 'lang', 'style', 'role', 'hidden', 'data-x'];

const attribute = fc
  .tuple(fc.constantFrom(...ATTRS), fc.oneof(arabicText(8), fc.string({ maxLength: 20 }), fc.constantFrom('article-body', 'entry-content', 'author', 'og:title', 'article:published_time', 'datePublished', 'canonical', 'rtl')), fc.constantFrom('"', "'", ''))
  .map(([k, v, q]) => ` ${k}=${q}${v}${q}`);

const { html: htmlTree } = fc.letrec<{ html: string; node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    arabicText(40),
    tie('html'),
    fc.tuple(fc.constantFrom(...TAGS), fc.array(attribute, { maxLength: 4 })).map(([t, a]) => `<${t}${a.join('')}>`), // left unclosed
    fc.constantFrom('</div>', '</p>', '<!--', '-->', '<![CDATA[', ']]>', '<', '>', '&amp;', '&#x627;', '&#99999999;', '&bogus;', '<!DOCTYPE html>', '</html>', '<br/>'),
  ),
  html: fc
    .tuple(fc.constantFrom(...TAGS), fc.array(attribute, { maxLength: 4 }), fc.array(tie('node'), { maxLength: 6 }), fc.boolean())
    .map(([t, a, children, close]) => `<${t}${a.join('')}>${children.join('')}${close ? `</${t}>` : ''}`),
}));

const jsonLd = fc
  .oneof(
    fc.json(),
    fc.record({ '@type': fc.constantFrom('NewsArticle', 'Article', 'WebPage'), headline: anyText, datePublished: anyText, author: fc.oneof(anyText, fc.array(fc.record({ name: anyText }))) }).map((o) => JSON.stringify(o)),
    fc.string({ maxLength: 200 }),
  )
  .map((j) => `<script type="application/ld+json">${j}</script>`);

/** Whole HTML documents: generated trees, deep nesting, huge attributes, broken JSON-LD and metadata. */
export const htmlDocument = fc
  .tuple(
    fc.array(fc.oneof(htmlTree, jsonLd, attribute.map((a) => `<meta${a}>`)), { maxLength: 6 }),
    fc.integer({ min: 0, max: 5000 }),
    fc.integer({ min: 0, max: 200_000 }),
    arabicText(200),
    fc.constantFrom('div', 'p', 'span', 'b', 'section'),
  )
  .map(([parts, depth, hugeAttr, body, tag]) => {
    const deep = depth > 0 ? `<${tag}>`.repeat(depth) + body + `</${tag}>`.repeat(Math.floor(depth / 2)) : `<p>${body}</p>`;
    const huge = hugeAttr > 0 ? `<meta property="og:title" content="${'ع'.repeat(hugeAttr)}">` : '';
    return `<!DOCTYPE html><html dir="rtl" lang="ar"><head>${huge}${parts.join('')}</head><body>${deep}${parts.join('')}</body></html>`;
  });

const encoder = new TextEncoder();
const CONTENT_TYPES = [null, 'text/html; charset=utf-8', 'text/html; charset=windows-1256', 'text/html', 'text/plain; charset=utf-8', 'application/xhtml+xml', 'text/html; charset=bogus', 'text/html; charset=utf-16'];

// ------------------------------------------------------------------ targets

/** A decoded and extracted page: the path every ingested page takes. */
function extract(input: { bytes: Uint8Array; contentType: string | null }): unknown {
  return extractArticle(decodePage(input.bytes, { source: 'fuzz', url: null, contentType: input.contentType, fetchedAt: '2026-01-01T00:00:00.000Z' }));
}

const EXTRACT_ERRORS: ErrorCode[] = ['INPUT_EMPTY', 'INPUT_BINARY', 'NO_ARTICLE_TEXT'];

const anchors = fc.option(
  fc.oneof(
    fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 16)),
    fc.constantFrom('2024-02-29', '2023-02-29', '2022-13-01', '2022-06-31', '0000-01-01', '9999-12-31T23:59'),
  ),
);

const queryText = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.oneof(token, fc.constantFrom(' ', '"', '(', ')', '-', '*', 'OR', 'AND', 'NOT', 'site:', 'from:', 'to:', ':', '2022', '2022-06', '2022-02-30', 'hespress.com', 'NEAR', '^', '{', '}', "'", '+')), { maxLength: 60 }).map((t) => t.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: repeated.map((s) => s.slice(0, 20_000)) },
);

let searchStore: Promise<MarsadStore> | null = null;

/** A small in-memory store the parsed queries are run against, so FTS syntax errors show as well. */
function storeForSearch(): Promise<MarsadStore> {
  searchStore ??= (async () => {
    const store = openSqliteStore(':memory:', arabicSearchAnalyzer);
    const text = 'التقى الحموشي بمدير مكتب التحقيقات الفيدرالي في واشنطن يوم 20 يونيو 2022، وقال إن "التعاون ممتاز".';
    await store.put({
      source: 'https://hespress.com/a.html',
      article: { title: 'الحموشي في واشنطن', published: '2022-06-20', author: null, site: 'هسبريس', section: null, tags: [], url: 'https://hespress.com/a.html', lang: 'ar', text },
      raw: { bytes: encoder.encode(text), url: 'https://hespress.com/a.html', contentType: 'text/plain', encoding: 'utf-8', kind: 'text', fetchedAt: '2026-01-01T00:00:00.000Z' },
    });
    return store;
  })();
  return searchStore;
}

/** Closes the store the search target opened (if any). */
export async function closeFuzzResources(): Promise<void> {
  if (searchStore) await (await searchStore).close();
  searchStore = null;
}

/**
 * Every fuzz target; `corpus` are the real pages the mutation target starts from.
 * @example for (const t of fuzzTargets(loadCorpus({ wcxb: 5 }))) console.log(t.name);
 */
export function fuzzTargets(corpus: CorpusPage[]): FuzzTarget<any>[] {
  if (corpus.length === 0) throw new Error('no page to mutate: test/fixtures is missing');
  const mutatedPage = fc
    .record({ page: fc.integer({ min: 0, max: corpus.length - 1 }), mutations: fc.array(mutation, { minLength: 1, maxLength: 5 }), contentType: fc.constantFrom(...CONTENT_TYPES) })
    .map(({ page, mutations, contentType }) => ({ page: corpus[page]!.name, mutations, contentType }));
  type MutatedPage = { page: string; mutations: Mutation[]; contentType: string | null };
  const mutatedBytes = (r: MutatedPage) => r.mutations.reduce(mutate, corpus.find((p) => p.name === r.page)!.bytes);
  // Real running text, cut anywhere and mutated, for the text-level targets.
  const corpusText = corpus.map((p) => new TextDecoder().decode(p.bytes).replace(/<[^>]*>/g, ' '));
  const realText = fc
    .tuple(fc.integer({ min: 0, max: corpusText.length - 1 }), fraction, fc.integer({ min: 1, max: 50_000 }), fc.array(fc.tuple(fraction, token), { maxLength: 8 }))
    .map(([i, from, length, edits]) => {
      const t = corpusText[i]!;
      let s = t.slice(Math.floor(from * t.length), Math.floor(from * t.length) + length);
      for (const [at, tok] of edits) s = s.slice(0, Math.floor(at * s.length)) + tok + s.slice(Math.floor(at * s.length));
      return s;
    });
  const text = fc.oneof({ weight: 3, arbitrary: anyText }, { weight: 1, arbitrary: realText });

  return [
    {
      name: 'extract:mutated-pages',
      inputs: `real pages (${corpus.length}) with 1–5 mutations each: byte flips, truncation, tag deletion, duplicated regions, inserted bytes, swapped charset labels`,
      arbitrary: mutatedPage,
      // mutated here, so that a failure reports the page and its mutations, not megabytes of bytes
      call: (r: MutatedPage) => extract({ bytes: mutatedBytes(r), contentType: r.contentType }),
      allowed: EXTRACT_ERRORS,
      ciRuns: 100,
      sizeOf: (r: MutatedPage) => mutatedBytes(r).length,
    },
    {
      name: 'extract:generated-html',
      inputs: 'generated HTML documents: nested and unclosed tags, deep nesting (to 5000), huge attributes (to 200K), broken JSON-LD',
      arbitrary: fc.tuple(htmlDocument, fc.constantFrom(...CONTENT_TYPES)).map(([html, contentType]) => ({ html, contentType })),
      call: (r: { html: string; contentType: string | null }) => extract({ bytes: encoder.encode(r.html), contentType: r.contentType }),
      allowed: EXTRACT_ERRORS,
      ciRuns: 80,
      sizeOf: (r: { html: string }) => r.html.length,
    },
    {
      name: 'extract:text',
      inputs: 'arbitrary Unicode, Arabic-heavy text and long repetitions, as page bytes',
      arbitrary: fc.tuple(fc.oneof(text, fc.uint8Array({ maxLength: 4000 })), fc.constantFrom(...CONTENT_TYPES)),
      call: ([content, contentType]: [string | Uint8Array, string | null]) => extract({ bytes: typeof content === 'string' ? encoder.encode(content) : content, contentType }),
      allowed: EXTRACT_ERRORS,
      ciRuns: 150,
      sizeOf: ([content]: [string | Uint8Array, string | null]) => content.length,
    },
    {
      name: 'dates',
      inputs: 'Arabic-heavy text, arbitrary Unicode, repetitions and cut real text; with and without a reference date',
      arbitrary: fc.tuple(text, anchors),
      call: ([s, reference]: [string, string | null]) => {
        parseArabicDate(s);
        return findArabicDates(s, reference ? { reference } : undefined);
      },
      allowed: [],
      ciRuns: 300,
      sizeOf: ([s]: [string, string | null]) => s.length,
    },
    {
      name: 'timexes',
      inputs: 'Arabic-heavy text, arbitrary Unicode, repetitions and cut real text; with and without a publication date',
      arbitrary: fc.tuple(text, anchors),
      call: ([s, anchor]: [string, string | null]) => findTimexes(s, anchor),
      allowed: [],
      ciRuns: 300,
      sizeOf: ([s]: [string, string | null]) => s.length,
    },
    {
      name: 'quotes',
      inputs: 'Arabic-heavy text (quotation marks, reporting verbs), arbitrary Unicode, repetitions and cut real text',
      arbitrary: text,
      call: (s: string) => {
        findCues(s);
        return findQuotes(s);
      },
      allowed: [],
      ciRuns: 300,
      sizeOf: (s: string) => s.length,
    },
    {
      name: 'search-query',
      inputs: 'query-language token soup (quotes, brackets, OR/NOT, -, *, filters with odd dates), arbitrary Unicode, repetitions',
      arbitrary: queryText,
      call: (q: string) => parseQuery(q),
      allowed: ['BAD_QUERY'],
      ciRuns: 1000,
      sizeOf: (q: string) => q.length,
    },
    {
      name: 'search-query:store',
      inputs: 'the same queries, parsed and run against an SQLite store (FTS5 syntax must never fail)',
      arbitrary: queryText,
      call: async (q: string) => {
        const store = await storeForSearch();
        return store.search(parseQuery(q), { limit: 5 });
      },
      allowed: ['BAD_QUERY'],
      ciRuns: 400,
      sizeOf: (q: string) => q.length,
    },
  ];
}

// ------------------------------------------------------------------ running

export interface FuzzOutcome {
  target: string;
  /** inputs the target was run on (shrinking attempts included after a failure) */
  tried: number;
  seed: number;
  failed: boolean;
  /** fast-check's report: the counterexample, seed and path to replay it */
  report: string | null;
  counterexamplePath: string | null;
  /** the slowest single call */
  slowestMs: number;
  ms: number;
}

/** Why an input failed the property: an error outside the allowed codes, or a call over the time limit. */
function judge(target: FuzzTarget, thrown: unknown, ms: number, size: number): string | null {
  if (thrown !== undefined) {
    if (!(thrown instanceof MarsadError)) {
      const e = thrown as Error;
      return `untyped ${e?.constructor?.name ?? typeof thrown}: ${e?.message ?? String(thrown)}\n${e?.stack ?? ''}`;
    }
    if (!(thrown.code in ERRORS)) return `MarsadError with a code outside the catalogue: ${thrown.code}`;
    if (!target.allowed.includes(thrown.code)) return `MarsadError ${thrown.code} where only ${target.allowed.join(', ') || 'no error'} may be thrown: ${thrown.message}`;
  }
  const limit = CALL_LIMIT_MS * Math.max(1, size / LIMIT_SIZE);
  if (ms > limit) return `took ${Math.round(ms)} ms on ${size} characters (limit ${Math.round(limit)} ms): a hang or super-linear regex`;
  return null;
}

/**
 * Runs one target: `numRuns` inputs from `seed` (or replays `path` of a reported failure).
 * @example const r = await runTarget(target, { numRuns: 100, seed: 42 }); r.failed // false
 */
export async function runTarget(target: FuzzTarget, options: { numRuns: number; seed: number; path?: string; shrink?: boolean }): Promise<FuzzOutcome> {
  let tried = 0;
  let slowestMs = 0;
  const started = performance.now();
  const property = fc.asyncProperty(target.arbitrary, async (input) => {
    tried++;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let thrown: unknown;
    try {
      await target.call(input);
    } catch (err) {
      thrown = err ?? new Error('thrown undefined');
    }
    // The lesser of wall-clock and CPU time: other processes on a busy machine inflate the
    // first, parallel garbage collection the second; a real hang inflates both.
    const cpu = process.cpuUsage(cpu0);
    const ms = Math.min(performance.now() - t0, (cpu.user + cpu.system) / 1000);
    slowestMs = Math.max(slowestMs, ms);
    const why = judge(target, thrown, ms, target.sizeOf(input));
    if (why) throw new Error(why);
  });
  const details = await fc.check(property, {
    numRuns: options.numRuns,
    seed: options.seed,
    path: options.path,
    endOnFailure: options.shrink === false,
  });
  return {
    target: target.name,
    tried,
    seed: details.seed,
    failed: details.failed,
    report: details.failed ? shorten(fc.defaultReportMessage(details) ?? 'failed') : null,
    counterexamplePath: details.counterexamplePath ?? null,
    slowestMs: Math.round(slowestMs),
    ms: Math.round(performance.now() - started),
  };
}

/** Reports stay readable: long counterexample lines are cut (the seed and path replay them whole). */
function shorten(report: string): string {
  return report
    .split('\n')
    .map((l) => (l.length > 1500 ? `${l.slice(0, 1500)}… (${l.length} characters; replay with the seed and path)` : l))
    .join('\n');
}
