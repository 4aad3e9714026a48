/**
 * Configurable normalisation of Arabic (and mixed Latin) text with an exact offset map back
 * to the original.
 *
 * Display always keeps the original text; normalised forms are for matching, indexing and
 * analysis. Every output code unit records the offset of the original character it came
 * from (`Int32Array`, 4 bytes per output unit), so a span found on the normalised text maps
 * back to the original span that produced it — including characters deleted inside or right
 * after it (harakat, tatweel, zero-width controls), and 1→n expansions such as NFKC's
 * ﻻ → لا or ﷺ → صلى الله عليه وسلم, whose output units all map to the one original character.
 *
 * The work is one pass over UTF-16 code units with a per-options lookup table filled lazily,
 * so normalising costs a table read per character. Each character is normalised on its own
 * (NFKC per character), plus the Arabic canonical compositions of alef/waw/ya with
 * madda/hamza (ا + ٓ → آ …) which need the previous character; canonical reordering of
 * combining marks is not done (marks are usually removed for matching anyway).
 *
 * Property (tested): for every output span [s, e), let [a, b] = spanToOriginal(s, e);
 * then normalize(original.slice(a, b)).text === output.slice(s', e') where [s', e') is [s, e)
 * widened to whole expansion groups.
 */

export interface NormalizeOptions {
  /** Compatibility forms (presentation forms, ligatures, full-width, …) via per-character NFKC. */
  nfkc?: boolean;
  /** Remove zero-width and bidi control characters, soft hyphen, Arabic letter mark. */
  controls?: boolean;
  /** Remove harakat, shadda, sukun, superscript alef and Quranic annotation marks. */
  marks?: boolean;
  /** Remove tatweel (ـ). */
  tatweel?: boolean;
  /** أ إ آ ٱ → ا */
  alef?: boolean;
  /** ى → ي */
  alefMaqsura?: boolean;
  /** ة → ه */
  taMarbuta?: boolean;
  /** ؤ → و, ئ → ي */
  hamzaSeats?: boolean;
  /** Persian/Urdu letter variants: ک → ك, ی → ي, ہ/ە → ه, ۃ → ة */
  variants?: boolean;
  /** Arabic-Indic (٠-٩) and Persian (۰-۹) digits → 0-9 */
  digits?: boolean;
  /** ، ؛ ؟ ٪ ٫ ٬ ۔ → , ; ? % . , . ; « » “ ” „ ‟ ‹ › → " ; ‘ ’ ‚ ‛ → ' ; dashes → - */
  punctuation?: boolean;
  /** Lower-case (per character). */
  lowercase?: boolean;
  /** Every whitespace character → ' ', runs collapsed to one. */
  whitespace?: boolean;
}

/** Everything folded: the form compared, hashed and indexed. */
export const MATCH: Readonly<Required<NormalizeOptions>> = Object.freeze({
  nfkc: true, controls: true, marks: true, tatweel: true, alef: true, alefMaqsura: true,
  taMarbuta: true, hamzaSeats: true, variants: true, digits: true, punctuation: true,
  lowercase: true, whitespace: true,
});

/**
 * The form clitic segmentation works on: like MATCH but keeps ة, ى and the hamza seats,
 * which tell word endings apart (ة never takes an enclitic; حكومته ends in ت).
 */
export const SEGMENT: Readonly<Required<NormalizeOptions>> = Object.freeze({
  ...MATCH, alefMaqsura: false, taMarbuta: false, hamzaSeats: false,
});

/** Invisible clean-up only: presentation forms, controls, tatweel. Letters stay as written. */
export const CLEAN: Readonly<Required<NormalizeOptions>> = Object.freeze({
  nfkc: true, controls: true, marks: false, tatweel: true, alef: false, alefMaqsura: false,
  taMarbuta: false, hamzaSeats: false, variants: false, digits: false, punctuation: false,
  lowercase: false, whitespace: false,
});

export interface Normalized {
  /** The normalised text. */
  readonly text: string;
  /** The original text. */
  readonly original: string;
  /**
   * `origin[i]` = offset in the original of the character output unit `i` came from;
   * `origin[text.length]` = original.length.
   */
  readonly origin: Int32Array;
  /** Offset in the original of output offset `i` (0 ≤ i ≤ text.length). */
  toOriginal(i: number): number;
  /**
   * The original span [a, b) that produced output span [start, end): `a` is the start of the
   * first output unit's source character, `b` the start of the next kept character after the
   * span (so deleted marks/controls trailing the span are included, as a highlight wants).
   */
  spanToOriginal(start: number, end: number): [number, number];
}

// ------------------------------------------------------------------ per-character tables

const KEEP_SAME = -4; // table entry not computed yet
const DELETE = -1;
const COMPLEX = -2;

interface Compiled {
  opts: Required<NormalizeOptions>;
  /** per BMP code unit: ≥0 replacement unit, DELETE, COMPLEX, or KEEP_SAME (unknown yet) */
  table: Int32Array;
  complex: Map<number, string>;
  astral: Map<number, string>;
  /** short texts already folded with these options (words and names are folded again and again) */
  folds: Map<string, string>;
}

const compiledCache = new Map<number, Compiled>();
const OPTION_KEYS: Array<keyof NormalizeOptions> = [
  'nfkc', 'controls', 'marks', 'tatweel', 'alef', 'alefMaqsura', 'taMarbuta', 'hamzaSeats',
  'variants', 'digits', 'punctuation', 'lowercase', 'whitespace',
];

// Options are mostly the frozen presets (MATCH, SEGMENT, CLEAN): finding their table by
// identity spares computing the mask on every call (millions of calls per thousand articles).
const compiledByObject = new WeakMap<NormalizeOptions, Compiled>();

function compile(options: NormalizeOptions): Compiled {
  const known = compiledByObject.get(options);
  if (known) return known;
  const c = compileMask(options);
  if (Object.isFrozen(options)) compiledByObject.set(options, c);
  return c;
}

function compileMask(options: NormalizeOptions): Compiled {
  let mask = 0;
  OPTION_KEYS.forEach((k, i) => {
    if (options[k]) mask |= 1 << i;
  });
  let c = compiledCache.get(mask);
  if (!c) {
    const opts = Object.fromEntries(OPTION_KEYS.map((k) => [k, !!options[k]])) as Required<NormalizeOptions>;
    c = { opts, table: new Int32Array(65536).fill(KEEP_SAME), complex: new Map(), astral: new Map(), folds: new Map() };
    compiledCache.set(mask, c);
  }
  return c;
}

export function isArabicMark(c: number): boolean {
  return (
    (c >= 0x0610 && c <= 0x061a) || (c >= 0x064b && c <= 0x065f) || c === 0x0670 ||
    (c >= 0x06d6 && c <= 0x06dc) || (c >= 0x06df && c <= 0x06e4) || c === 0x06e7 || c === 0x06e8 ||
    (c >= 0x06ea && c <= 0x06ed) || (c >= 0x08d3 && c <= 0x08e1) || (c >= 0x08e3 && c <= 0x08ff)
  );
}

export function isControl(c: number): boolean {
  return (
    (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2064) ||
    (c >= 0x2066 && c <= 0x2069) || c === 0xfeff || c === 0x00ad || c === 0x061c || c === 0x180e
  );
}

export function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0x85;
}

const PUNCT: Record<number, string> = {
  0x060c: ',', 0x061b: ';', 0x061f: '?', 0x066a: '%', 0x066b: '.', 0x066c: ',', 0x06d4: '.', 0x066d: '*',
  0x00ab: '"', 0x00bb: '"', 0x201c: '"', 0x201d: '"', 0x201e: '"', 0x201f: '"', 0x2039: '"', 0x203a: '"',
  0x301d: '"', 0x301e: '"', 0x2033: '"',
  0x2018: "'", 0x2019: "'", 0x201a: "'", 0x201b: "'", 0x2032: "'",
  0x2010: '-', 0x2011: '-', 0x2012: '-', 0x2013: '-', 0x2014: '-', 0x2015: '-', 0x2212: '-',
};

const COMPOSE: Record<number, Record<number, number>> = {
  0x0653: { 0x0627: 0x0622 },
  0x0654: { 0x0627: 0x0623, 0x0648: 0x0624, 0x064a: 0x0626, 0x06c1: 0x06c2, 0x06d2: 0x06d3, 0x06d5: 0x06c0 },
  0x0655: { 0x0627: 0x0625 },
};

/** Maps one code unit after NFKC (context-free steps only; whitespace collapsing is done in the pass). */
function mapUnit(c: number, o: Required<NormalizeOptions>): string {
  if (o.controls && isControl(c)) return '';
  if (o.marks && isArabicMark(c)) return '';
  if (o.tatweel && c === 0x0640) return '';
  if (o.alef && (c === 0x0622 || c === 0x0623 || c === 0x0625 || c === 0x0671 || c === 0x0672 || c === 0x0673)) return '\u0627';
  if (o.variants) {
    if (c === 0x06a9) c = 0x0643;
    else if (c === 0x06cc) c = 0x064a;
    else if (c === 0x06c1 || c === 0x06d5) c = 0x0647;
    else if (c === 0x06c3) c = 0x0629;
  }
  if (o.alefMaqsura && c === 0x0649) return '\u064a';
  if (o.taMarbuta && c === 0x0629) return '\u0647';
  if (o.hamzaSeats && c === 0x0624) return '\u0648';
  if (o.hamzaSeats && c === 0x0626) return '\u064a';
  if (o.digits && c >= 0x0660 && c <= 0x0669) return String.fromCharCode(c - 0x0660 + 48);
  if (o.digits && c >= 0x06f0 && c <= 0x06f9) return String.fromCharCode(c - 0x06f0 + 48);
  if (o.punctuation && PUNCT[c] !== undefined) return PUNCT[c]!;
  if (o.whitespace && isSpace(c)) return ' ';
  const s = String.fromCharCode(c);
  if (o.lowercase) return s.toLowerCase();
  return s;
}

function mapString(s: string, o: Required<NormalizeOptions>): string {
  if (o.nfkc) s = s.normalize('NFKC');
  let r = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      // astral: only lower-casing can apply
      const pair = s.slice(i, i + 2);
      r += o.lowercase ? pair.toLowerCase() : pair;
      i++;
    } else r += mapUnit(c, o);
  }
  return r;
}

function fill(cp: Compiled, c: number): number {
  const r = mapString(String.fromCharCode(c), cp.opts);
  let v: number;
  if (r.length === 0) v = DELETE;
  else if (r.length === 1) v = r.charCodeAt(0);
  else {
    v = COMPLEX;
    cp.complex.set(c, r);
  }
  cp.table[c] = v;
  return v;
}

// ------------------------------------------------------------------ the pass

class NormalizedText implements Normalized {
  constructor(readonly text: string, readonly original: string, readonly origin: Int32Array) {}
  toOriginal(i: number): number {
    if (i <= 0) return 0;
    if (i >= this.text.length) return this.original.length;
    return this.origin[i]!;
  }
  spanToOriginal(start: number, end: number): [number, number] {
    const n = this.text.length;
    if (start < 0) start = 0;
    if (end > n) end = n;
    if (end <= start) {
      const p = this.toOriginal(start);
      return [p, p];
    }
    const o = this.origin;
    const a = o[start]!;
    const last = o[end - 1]!;
    let j = end;
    while (j < n && o[j] === last) j++;
    return [a, o[j]!];
  }
}

const CHUNK = 8192;
const UTF16 = new TextDecoder('utf-16le');
function unitsToString(buf: Uint16Array, n: number, loneSurrogates: boolean): string {
  // TextDecoder is fastest but would replace lone surrogates with U+FFFD
  if (!loneSurrogates && n > 64) return UTF16.decode(buf.subarray(0, n));
  if (n <= CHUNK) return String.fromCharCode.apply(null, buf.subarray(0, n) as unknown as number[]);
  const parts: string[] = [];
  for (let i = 0; i < n; i += CHUNK) {
    parts.push(String.fromCharCode.apply(null, buf.subarray(i, Math.min(n, i + CHUNK)) as unknown as number[]));
  }
  return parts.join('');
}

/**
 * Normalises `text` according to `options` (default: {@link MATCH}) and returns the result
 * with its offset map.
 * @example normalize('الأَمريكيّة').text // 'الامريكيه'
 */
export function normalize(text: string, options: NormalizeOptions = MATCH): Normalized {
  const cp = compile(options);
  const { table, complex } = cp;
  const nfkc = cp.opts.nfkc;
  const collapse = cp.opts.whitespace;
  const len = text.length;
  let cap = len + 16;
  let out = new Uint16Array(cap);
  let origin = new Int32Array(cap + 1);
  let n = 0;
  let groupStart = -1; // output index where the previous original character's output began
  let prevOrig = -2; // original offset of that character
  let lone = false; // a lone surrogate was copied
  const grow = (need: number): void => {
    while (cap < need) cap *= 2;
    const o2 = new Uint16Array(cap);
    o2.set(out.subarray(0, n));
    out = o2;
    const g2 = new Int32Array(cap + 1);
    g2.set(origin.subarray(0, n));
    origin = g2;
  };
  for (let i = 0; i < len; i++) {
    let c = text.charCodeAt(i);
    const at = i;
    // Arabic canonical composition: base + madda/hamza above/below → precomposed letter.
    if (nfkc && c >= 0x0653 && c <= 0x0655 && prevOrig === i - 1) {
      const base = text.charCodeAt(i - 1);
      const composed = COMPOSE[c]![base];
      if (composed !== undefined) {
        n = groupStart; // undo the base's output and emit the composed letter for both
        const r = mapString(String.fromCharCode(composed), cp.opts);
        if (n + r.length > cap) grow(n + r.length);
        for (let k = 0; k < r.length; k++) {
          out[n] = r.charCodeAt(k);
          origin[n++] = i - 1;
        }
        prevOrig = -2; // a second mark does not compose again
        continue;
      }
    }
    let v: number;
    let s: string | undefined;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cpnt = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
        s = cp.astral.get(cpnt);
        if (s === undefined) {
          s = mapString(String.fromCodePoint(cpnt), cp.opts);
          cp.astral.set(cpnt, s);
        }
        i++;
        v = COMPLEX;
      } else {
        v = c; // lone surrogate: kept
        lone = true;
      }
    } else {
      if (c >= 0xd800 && c <= 0xdfff) lone = true;
      v = table[c]!;
      if (v === KEEP_SAME) v = fill(cp, c);
    }
    if (v === DELETE) continue;
    if (n + 4 > cap) grow(n + 4);
    groupStart = n;
    prevOrig = at;
    if (v >= 0) {
      if (collapse && v === 0x20 && n > 0 && out[n - 1] === 0x20) {
        groupStart = -1;
        prevOrig = -2;
        continue;
      }
      out[n] = v;
      origin[n++] = at;
    } else {
      if (s === undefined) s = complex.get(c)!;
      if (n + s.length > cap) grow(n + s.length);
      for (let k = 0; k < s.length; k++) {
        const u = s.charCodeAt(k);
        if (collapse && u === 0x20 && n > 0 && out[n - 1] === 0x20) continue;
        out[n] = u;
        origin[n++] = at;
      }
      if (n === groupStart) {
        groupStart = -1;
        prevOrig = -2;
      }
    }
  }
  origin[n] = len;
  return new NormalizedText(unitsToString(out, n, lone), text, origin.subarray(0, n + 1));
}

/** The normalised text only (no map), for keys. */
export function fold(text: string, options: NormalizeOptions = MATCH): string {
  if (text.length > MAX_CACHED_FOLD) return normalize(text, options).text;
  const cp = compile(options);
  let folded = cp.folds.get(text);
  if (folded === undefined) {
    folded = normalize(text, options).text;
    if (cp.folds.size >= MAX_CACHED_FOLDS) cp.folds.clear();
    cp.folds.set(text, folded);
  }
  return folded;
}

/** Longest text whose fold is remembered (a word or a name), and how many are remembered per option set. */
const MAX_CACHED_FOLD = 40;
const MAX_CACHED_FOLDS = 200_000;
