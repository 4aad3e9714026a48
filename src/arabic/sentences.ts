/**
 * Sentence splitting for Arabic news text, with offsets into the text as given.
 *
 * A sentence ends at . ! ? ؟ ؛ (and runs of them, plus any closing quotes or brackets that
 * follow), and at a line break (scraped articles put headlines, datelines and paragraphs on
 * their own lines; `newlines: false` turns that off). It does not end:
 * - at a dot between digits (3.5) or after a number that opens the sentence (a list "1.");
 * - after an abbreviation: a single Arabic letter (د. م. ص. ج. ق. هـ. — but "1420 هـ." after a year ends the sentence), أ.د., dotted
 *   capitals (U.S., U.N.), a single Latin initial (J. K.) or a listed Latin abbreviation
 *   (Dr. Mr. Prof. St. No. vs. e.g. i.e. …);
 * - inside a URL or e-mail address;
 * - inside a quotation «…», “…”, "…" or (…) that closes within `maxQuote` characters
 *   (default 500) on the same paragraph — a quoted statement of several sentences stays in
 *   the sentence that introduces it; a longer quotation is split normally;
 * - at ".." or "…" in the middle of a line (Arabic writers use it as a pause: "وماذا بعد..
 *   هل …"); at the end of a line it ends the sentence (headlines ending in "..").
 */

export interface Sentence {
  start: number;
  end: number;
  text: string;
}

export interface SentenceOptions {
  /** a line break ends a sentence (default true) */
  newlines?: boolean;
  /** quotations longer than this are split inside (default 500) */
  maxQuote?: number;
}

const LATIN_ABBREV = new Set([
  'dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'jr', 'sr', 'no', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp', 'gen', 'col',
  'lt', 'sgt', 'capt', 'gov', 'sen', 'rep', 'rev', 'mt', 'ft', 'fig', 'vol', 'p', 'pp', 'jan', 'feb', 'mar', 'apr',
  'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'e.g', 'i.e', 'approx', 'dept', 'univ', 'av',
]);

const TERMINATORS = '.!?\u061F\u061B\u06D4';
const CLOSERS = '"\'»”’)]}›\u201D';
const PAIRS: Record<string, string> = { '«': '»', '“': '”', '(': ')', '‹': '›', '„': '“', '"': '"' };
const URL_OR_EMAIL = /(?:https?:\/\/|www\.)[^\s<>"«»“”]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const AR_LETTER = /[\u0621-\u064A\u0671-\u06D3]/;

/** Marks positions where no sentence may end (URLs, quotations that close soon enough). */
function protectedMask(text: string, maxQuote: number): Uint8Array {
  const mask = new Uint8Array(text.length);
  for (const m of text.matchAll(URL_OR_EMAIL)) {
    const body = m[0].replace(/[.,;:!?)\]}'"،؛؟]+$/u, '');
    mask.fill(1, m.index!, m.index! + body.length);
  }
  for (let i = 0; i < text.length; i++) {
    const open = text[i]!;
    const close = PAIRS[open];
    if (!close || mask[i]) continue;
    // the matching close on the same paragraph, honouring nesting of the same pair
    let depth = 0;
    const limit = Math.min(text.length, i + 1 + maxQuote);
    for (let j = i + 1; j < limit; j++) {
      const c = text[j]!;
      if (c === '\n' && text[j + 1] === '\n') break;
      if (c === close && depth === 0) {
        mask.fill(1, i + 1, j); // the closing quote itself may be followed by a boundary
        // «… نتراجع.» — a terminator just before the closing quote ends the sentence after it
        let k = j - 1;
        while (k > i && TERMINATORS.includes(text[k]!)) k--;
        if (k < j - 1) mask.fill(0, k + 1, j);
        i = open === '"' ? j : i;
        break;
      }
      if (c === close) depth--;
      else if (c === open && open !== '"') depth++;
    }
  }
  return mask;
}

function wordBefore(text: string, i: number): string {
  let j = i;
  while (j > 0 && /[\p{L}\p{M}\u0640.]/u.test(text[j - 1]!)) j--;
  return text.slice(j, i);
}

function isAbbreviation(text: string, dot: number): boolean {
  const w = wordBefore(text, dot);
  if (!w) return false;
  const bare = w.replace(/\u0640/g, '').replace(/\p{M}/gu, '');
  // single Arabic letter (د. م. ص.) or هـ. ; أ.د.
  if (bare.length === 1 && AR_LETTER.test(bare)) return !(bare === 'ه' && /[0-9\u0660-\u0669]\s*ه\u0640?$/.test(text.slice(Math.max(0, dot - 8), dot)));
  if (bare.length === 2 && /^[وف][\u0621-\u064A]$/.test(bare)) return true; // وص. فم.
  if (/^(?:[\u0621-\u064A]\.)+[\u0621-\u064A]$/.test(bare)) return true;
  // U.S / U.N / J
  if (/^(?:\p{Lu}\.)*\p{Lu}$/u.test(bare)) return true;
  return LATIN_ABBREV.has(bare.toLowerCase());
}

/**
 * Splits `text` into sentences (whitespace-trimmed, empty ones dropped).
 * @example splitSentences('قال د. أحمد إن النمو بلغ 3.5%. وأضاف: «لا. لن نتراجع».').length // 2
 */
export function splitSentences(text: string, options: SentenceOptions = {}): Sentence[] {
  const newlines = options.newlines ?? true;
  const mask = protectedMask(text, options.maxQuote ?? 500);
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e, text: text.slice(s, e) });
    start = end;
  };
  const lineEndAfter = (j: number): boolean => {
    while (j < text.length && (text[j] === ' ' || text[j] === '\t' || CLOSERS.includes(text[j]!))) j++;
    return j >= text.length || text[j] === '\n' || text[j] === '\r';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      if (newlines || text[i + 1] === '\n') push(i + 1);
      continue;
    }
    if (mask[i]) continue;
    const isDot = c === '.';
    if (c === '\u2026' || (isDot && text[i + 1] === '.')) {
      // ellipsis run: ends a sentence only at the end of a line
      let j = i;
      while (j < text.length && (text[j] === '.' || text[j] === '\u2026')) j++;
      if (lineEndAfter(j)) {
        while (j < text.length && CLOSERS.includes(text[j]!)) j++;
        push(j);
      }
      i = j - 1;
      continue;
    }
    if (!TERMINATORS.includes(c)) continue;
    if (isDot) {
      const prev = text[i - 1] ?? '';
      const next = text[i + 1] ?? '';
      if (/\d/.test(prev) && /\d/.test(next)) continue; // 3.5
      if (/[\p{L}\p{N}]/u.test(next)) continue; // no space after: a.b, example.com, ".الشراكة" handled above
      if (isAbbreviation(text, i)) continue;
      // list number "1." opening the sentence
      if (/^\s*[0-9\u0660-\u0669]{1,3}$/.test(text.slice(start, i))) continue;
    }
    let j = i + 1;
    while (j < text.length && (TERMINATORS.includes(text[j]!) || text[j] === '!')) j++;
    while (j < text.length && CLOSERS.includes(text[j]!) && (text[j] !== '"' || isClosingStraight(text, j))) j++;
    push(j);
    i = j - 1;
  }
  push(text.length);
  return out;
}

/** A straight quote right after a terminator closes a quotation when an opening one precedes it on the line. */
function isClosingStraight(text: string, j: number): boolean {
  let count = 0;
  for (let k = j - 1; k >= 0 && text[k] !== '\n'; k--) if (text[k] === '"') count++;
  return count % 2 === 1;
}
