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
 * - `punct`    any other punctuation or symbol, one character each
 * - `other`    anything else that is not whitespace (emoji, CJK, …)
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
const ARABIC_RE = `[${AR_LETTER}][${AR_LETTER}${AR_MARK}]*`;
const LATIN_RE = `[${LATIN}][${LATIN}\\p{M}]*(?:['\\u2019][${LATIN}]+)*`;
const ELLIPSIS_RE = `\\.{2,}|\\u2026+`;

// Order matters: longer/more specific first. Groups: 1 url 2 email 3 hashtag 4 mention
// 5 number 6 dotted acronym 7 arabic 8 latin 9 ellipsis 10 punct 11 other
const TOKEN_RE = new RegExp(
  `(${URL_RE})|(${EMAIL_RE})|(#${TAG_BODY})|(@[A-Za-z0-9_]+)|(${NUMBER_RE})|(${ACRO_DOTTED})|(${ARABIC_RE})|(${LATIN_RE})|(${ELLIPSIS_RE})|([\\p{P}\\p{S}])|(\\S)`,
  'gu',
);

const URL_TRAIL = /[.,;:!?)\]}'"،؛؟]+$/u;
const ALL_CAPS = /^\p{Lu}{2,}$/u;

/**
 * Splits `text` into tokens with offsets.
 * @example tokenize('قال admin14 إن 50٪').map(t => t.kind) // ['arabic','latin','number','arabic','number']
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = new RegExp(TOKEN_RE.source, TOKEN_RE.flags);
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    let s = m[0];
    const start = m.index;
    let kind: TokenKind;
    if (m[7] !== undefined) kind = 'arabic';
    else if (m[8] !== undefined) kind = ALL_CAPS.test(s) ? 'acronym' : 'latin';
    else if (m[5] !== undefined) kind = 'number';
    else if (m[10] !== undefined) kind = 'punct';
    else if (m[1] !== undefined) {
      kind = 'url';
      const trail = URL_TRAIL.exec(s);
      if (trail) {
        s = s.slice(0, s.length - trail[0].length);
        re.lastIndex = start + s.length;
      }
    } else if (m[2] !== undefined) kind = 'email';
    else if (m[3] !== undefined) kind = 'hashtag';
    else if (m[4] !== undefined) kind = 'mention';
    else if (m[6] !== undefined) kind = 'acronym';
    else if (m[9] !== undefined) kind = 'ellipsis';
    else kind = 'other';
    tokens.push({ kind, start, end: start + s.length, text: s });
  }
  return tokens;
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
