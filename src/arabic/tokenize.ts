/**
 * Tokenisation of Arabic news text (and the Latin, numbers, links and tags mixed into it).
 * Works on any string — the original text or a normalised form — and reports offsets into
 * the string it was given (map them back with the normaliser's offset map).
 *
 * Kinds:
 * - `arabic`   a run of Arabic letters, with any harakat, tatweel or ZWNJ/ZWJ inside it
 * - `latin`    a run of Latin (Greek, Cyrillic) letters, with inner apostrophes (L'Express)
 * - `acronym`  all-capitals Latin of 2+ letters (CIA, FBI) or dotted capitals (U.S., U.N.)
 * - `number`   digits in any of ASCII / Arabic-Indic / Persian, with decimal or group
 *              separators (3,5  3.5  ٣٫٥  1,000) and an optional percent sign (50% ٥٠٪)
 * - `hashtag`  #word (Arabic or Latin)     - `mention`  @handle
 * - `url`      http(s)://… or www.…, without trailing sentence punctuation
 * - `email`    local@domain.tld
 * - `ellipsis` ".." or longer runs of dots, "…" runs
 * - `punct`    any other punctuation or math/currency/modifier symbol, one character each
 * - `other`    anything else that is not whitespace (emoji and other symbols, CJK, …)
 * Glued tokens split where the script changes: "admin14" → latin "admin" + number "14",
 * "14يونيو" → number + arabic.
 */

export type TokenKind =
  | 'arabic' | 'latin' | 'acronym' | 'number' | 'hashtag' | 'mention' | 'url' | 'email'
  | 'ellipsis' | 'punct' | 'other';

export interface Token {
  kind: TokenKind;
  /** offset of the first code unit */
  start: number;
  /** offset after the last code unit */
  end: number;
  text: string;
}

const AR_LETTER = '\\u0621-\\u063F\\u0641-\\u064A\\u066E\\u066F\\u0671-\\u06D3\\u06D5\\u06EE\\u06EF\\u06FA-\\u06FC\\u06FF\\u0750-\\u077F\\u08A0-\\u08C9\\uFB50-\\uFD3D\\uFD50-\\uFDFB\\uFE70-\\uFEFC';
const AR_MARK = '\\u0610-\\u061A\\u064B-\\u065F\\u0670\\u06D6-\\u06ED\\u08D3-\\u08FF\\u0640\\u200C\\u200D';
const DIGIT = '0-9\\u0660-\\u0669\\u06F0-\\u06F9';
const LATIN = '\\p{Script=Latin}\\p{Script=Greek}\\p{Script=Cyrillic}';

const URL_RE = `(?:https?:\\/\\/|www\\.)[^\\s<>"«»“”]+`;
const EMAIL_RE = `[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}`;
const TAG_BODY = `[${AR_LETTER}${AR_MARK}${LATIN}${DIGIT}_]+`;
const NUMBER_RE = `[${DIGIT}]+(?:[.,\\u066B\\u066C][${DIGIT}]+)*(?:\\s?[%\\u066A])?`;
const ACRO_DOTTED = `\\p{Lu}(?:\\.\\p{Lu})+\\.?`;
const LATIN_RE = `[${LATIN}][${LATIN}\\p{M}]*(?:['\\u2019][${LATIN}]+)*`;

const URL_TRAIL = /[.,;:!?)\]}'"،؛؟]+$/u;
const ALL_CAPS = /^\p{Lu}{2,}$/u;
const URL_STICKY = new RegExp(URL_RE, 'uy');
const EMAIL_STICKY = new RegExp(EMAIL_RE, 'uy');
const ACRO_STICKY = new RegExp(ACRO_DOTTED, 'uy');
const LATIN_STICKY = new RegExp(LATIN_RE, 'uy');
const HASHTAG_STICKY = new RegExp(`#${TAG_BODY}`, 'uy');
const MENTION_STICKY = /@[A-Za-z0-9_]+/y;
const NUMBER_STICKY = new RegExp(NUMBER_RE, 'uy');

// character classes, filled lazily per UTF-16 code unit
// 0: unknown (the table's default)
const C_SPACE = 1, C_AR = 2, C_ARMARK = 3, C_DIGIT = 4, C_LATIN = 5, C_PUNCT = 6, C_OTHER = 7, C_HIGH = 8;
const CLASS = new Uint8Array(65536);
const RE_AR = new RegExp(`[${AR_LETTER}]`);
const RE_ARMARK = new RegExp(`[${AR_MARK}]`);
const RE_DIGIT = new RegExp(`[${DIGIT}]`);
const RE_LATIN = new RegExp(`[${LATIN}]`, 'u');
const RE_PUNCT = /[\p{P}\p{Sm}\p{Sc}\p{Sk}]/u;
function classify(c: number): number {
  const ch = String.fromCharCode(c);
  let k: number;
  if (c >= 0xd800 && c <= 0xdbff) k = C_HIGH;
  else if (/\s/.test(ch)) k = C_SPACE;
  else if (RE_AR.test(ch)) k = C_AR;
  else if (RE_ARMARK.test(ch)) k = C_ARMARK;
  else if (RE_DIGIT.test(ch)) k = C_DIGIT;
  else if (RE_LATIN.test(ch)) k = C_LATIN;
  else if (RE_PUNCT.test(ch)) k = C_PUNCT;
  else k = C_OTHER;
  CLASS[c] = k;
  return k;
}
const cls = (c: number): number => CLASS[c] || classify(c);

function sticky(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  return re.test(text) ? re.lastIndex : -1;
}

/**
 * Splits `text` into tokens with offsets.
 * @example tokenize('قال admin14 إن 50٪').map(t => t.kind) // ['arabic','latin','number','arabic','number']
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  scanTokens(text, (kind, start, end) => {
    tokens.push({ kind, start, end, text: text.slice(start, end) });
  });
  return tokens;
}

/**
 * The tokeniser without allocation: calls `emit(kind, start, end)` for each token in order.
 */
export function scanTokens(text: string, emit: (kind: TokenKind, start: number, end: number) => void): void {
  const len = text.length;
  let i = 0;
  let nextAt = -1;
  const push = emit;
  while (i < len) {
    const c = text.charCodeAt(i);
    const k = cls(c);
    if (k === C_SPACE) {
      i++;
      continue;
    }
    if (k === C_AR) {
      let j = i + 1;
      while (j < len) {
        const kj = cls(text.charCodeAt(j));
        if (kj !== C_AR && kj !== C_ARMARK) break;
        j++;
      }
      push('arabic', i, j);
      i = j;
      continue;
    }
    if (c < 0x80 && (k === C_LATIN || k === C_DIGIT || c === 0x2e || c === 0x25 || c === 0x2b || c === 0x2d || c === 0x5f)) {
      // URL / e-mail can only start with an ASCII letter, digit or . % + - _
      if (c === 0x68 || c === 0x77 || c === 0x48 || c === 0x57) {
        const e = sticky(URL_STICKY, text, i);
        if (e > 0) {
          let s = text.slice(i, e);
          const trail = URL_TRAIL.exec(s);
          if (trail) s = s.slice(0, s.length - trail[0].length);
          push('url', i, i + s.length);
          i += s.length;
          continue;
        }
      }
      if (nextAt < i) nextAt = text.indexOf('@', i) >>> 0; // not found → 4294967295
      if (nextAt > i && nextAt - i < 65) {
        const e = sticky(EMAIL_STICKY, text, i);
        if (e > 0) {
          push('email', i, e);
          i = e;
          continue;
        }
      }
    }
    if (k === C_DIGIT) {
      const e = sticky(NUMBER_STICKY, text, i);
      push('number', i, e);
      i = e;
      continue;
    }
    if (k === C_LATIN) {
      let e = sticky(ACRO_STICKY, text, i);
      if (e > 0) {
        push('acronym', i, e);
        i = e;
        continue;
      }
      e = sticky(LATIN_STICKY, text, i);
      push(e - i >= 2 && ALL_CAPS.test(text.slice(i, e)) ? 'acronym' : 'latin', i, e);
      i = e;
      continue;
    }
    if (c === 0x23 /* # */) {
      const e = sticky(HASHTAG_STICKY, text, i);
      if (e > 0) {
        push('hashtag', i, e);
        i = e;
        continue;
      }
    }
    if (c === 0x40 /* @ */) {
      const e = sticky(MENTION_STICKY, text, i);
      if (e > 0) {
        push('mention', i, e);
        i = e;
        continue;
      }
    }
    if (c === 0x2e && text.charCodeAt(i + 1) === 0x2e) {
      let j = i + 2;
      while (j < len && text.charCodeAt(j) === 0x2e) j++;
      push('ellipsis', i, j);
      i = j;
      continue;
    }
    if (c === 0x2026) {
      let j = i + 1;
      while (j < len && text.charCodeAt(j) === 0x2026) j++;
      push('ellipsis', i, j);
      i = j;
      continue;
    }
    if (k === C_HIGH && i + 1 < len) {
      const cp = text.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      push(RE_PUNCT.test(ch) ? 'punct' : 'other', i, i + ch.length);
      i += ch.length;
      continue;
    }
    push(k === C_PUNCT ? 'punct' : 'other', i, i + 1);
    i++;
  }
}

/** Numeric value of a number token (Arabic-Indic/Persian digits; ٫ or a lone comma before 1–2 digits as decimal). */
export function numberValue(token: string): number {
  let s = token.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\s?[%\u066A]$/, '')
    .replace(/\u066C/g, '')
    .replace(/\u066B/g, '.');
  // "1,000" / "1,000,000" are groupings; "3,5" is a decimal comma.
  if (/^\d{1,3}(,\d{3})+$/.test(s)) s = s.replace(/,/g, '');
  else if (/^\d+,\d+$/.test(s)) s = s.replace(',', '.');
  else if (/^\d{1,3}(\.\d{3}){2,}$/.test(s)) s = s.replace(/\./g, '');
  return Number(s);
}
