/**
 * Clitic segmentation and light stemming of Arabic words, guided by a lexicon.
 *
 * A word is read as  [conjunction و|ف] [preposition ب|ك|ل or future س] [article ال]
 * STEM [enclitic pronoun ه|ها|هم|هما|هن|كم|كما|كن|نا|ي], with ل + ال written لل.
 * Every reading the word's letters allow is scored:
 * - a reading whose stem is in the lexicon (`data/arabic/lexicon-stems.txt`) scores 100 minus
 *   its number of clitics, so a known whole word ("والي", "بيان", "لبنان", "فبراير") beats
 *   any split, and a known stem beats an unknown one ("وبيان" → و + بيان);
 * - otherwise a reading scores 40 plus evidence from its clitics: the article (ال, لل, وال,
 *   بال …) is strong evidence; و/ف count only before a verb-like stem (أ ا ي ت ن …);
 *   ب/ك/ل/س alone count against (only the lexicon can license them); enclitics count when the
 *   stem keeps at least three letters, more so after ت (ة before a pronoun: حكومته); the
 *   first-person ي needs the lexicon; no enclitic follows the article.
 * Before an enclitic a final ت is restored to ة (حكومتها → حكومة + ها) when the stem has
 * five letters or more and no imperfect prefix (ي/ن: يفوتنا is a verb), or the lexicon knows
 * the ة form, and a final ا to ى (مستواه → مستوى).
 *
 * The word is first normalised with the SEGMENT options (alef forms, marks, tatweel folded;
 * ة, ى and hamza seats kept because they tell word endings apart). Offsets of each part refer
 * back to the word as given.
 *
 * Light stem = segmentation stem with one plural/dual suffix (ات, ون, ين) and then one
 * feminine/nisba suffix (ية, ة, ي) removed (leaving ≥ 3 letters, ≥ 4 for ون/ين), fully folded
 * (ة→ه, ى→ي, ؤ→و, ئ→ي), then mapped through `data/arabic/spelling-variants.tsv` — a short
 * table of attested spelling variants (أميركية/أمريكية, ترمب/ترامب …). A table was chosen
 * over a rule such as "drop a long-vowel ي between consonants" because such a rule also
 * merges real words (كبير/كبر, سير/سر); the table only merges what it lists.
 * Words in the [names] and [function] sections of the lexicon are never suffix-stripped.
 */
import { readDataList } from '../model/data-lists.js';
import { normalize, SEGMENT } from './normalize.js';

export interface SegmentPart {
  kind: 'proclitic' | 'stem' | 'enclitic';
  /** the morpheme in SEGMENT-normalised form (ال for the article even when written ل in لل) */
  morpheme: string;
  /** span of its letters in the word as given (the article in لل+stem covers the second ل) */
  start: number;
  end: number;
}

export interface Segmentation {
  proclitics: string[];
  /** the stem, SEGMENT-normalised, with ة/ى restored before an enclitic */
  stem: string;
  enclitics: string[];
  /** span of the stem in the word as given */
  stemStart: number;
  stemEnd: number;
  parts: SegmentPart[];
  /** the stem (or whole word) is in the lexicon */
  known: boolean;
}

/** Segmentation of a word already in SEGMENT form; offsets refer to that form. */
interface Core {
  pro: string[];
  /** surface length of each proclitic */
  proLen: number[];
  stem: string;
  stemStart: number;
  stemEnd: number;
  enc: string[];
  known: boolean;
}

// ------------------------------------------------------------------ lexicon

interface Lexicon {
  /** lexKey of all entries */
  all: Set<string>;
  /** lexKey of [function] entries */
  func: Set<string>;
  /** SEGMENT forms of all entries */
  exact: Set<string>;
  /** folded keys never suffix-stripped (names, function words) */
  whole: Set<string>;
  /** folded keys of [names] entries */
  names: Set<string>;
  /** light-stem key → canonical light-stem key */
  variants: Map<string, string>;
}

let lexicon: Lexicon | null = null;

/** Lexicon key: ى→ي, ؤ→و, ئ→ي (ة kept apart from ه: فئة ≠ فيه, آلية ≠ إليه). */
const LEX_FOLD = /[\u0649\u0626\u0624]/;
const FULL_FOLD = /[\u0629\u0649\u0626\u0624]/;
function lexKey(s: string): string {
  if (!LEX_FOLD.test(s)) return s;
  let r = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0649 || c === 0x0626) r += '\u064a';
    else if (c === 0x0624) r += '\u0648';
    else r += s[i];
  }
  return r;
}

/** ة→ه, ى→ي, ؤ→و, ئ→ي on a SEGMENT-form string. */
export function foldKey(s: string): string {
  if (!FULL_FOLD.test(s)) return s;
  let r = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0629) r += '\u0647';
    else if (c === 0x0649 || c === 0x0626) r += '\u064a';
    else if (c === 0x0624) r += '\u0648';
    else r += s[i];
  }
  return r;
}

function loadLexicon(): Lexicon {
  if (lexicon) return lexicon;
  const lx: Lexicon = { all: new Set(), func: new Set(), exact: new Set(), whole: new Set(), names: new Set(), variants: new Map() };
  for (const { section, text } of readDataList('arabic/lexicon-stems.txt', ['function', 'stems', 'names'], 'stems')) {
    for (const w of text.split(/\s+/)) {
      const seg = normalize(w, SEGMENT).text;
      lx.exact.add(seg);
      lx.all.add(lexKey(seg));
      if (section !== 'stems') lx.whole.add(foldKey(seg));
      if (section === 'function') lx.func.add(lexKey(seg));
      if (section === 'names') lx.names.add(foldKey(seg));
    }
  }
  lexicon = lx;
  for (const { text } of readDataList('arabic/spelling-variants.tsv')) {
    const [variant, canonical] = text.split(/\t+/);
    if (!variant || !canonical) continue;
    const v = lightKeyRaw(normalize(variant, SEGMENT).text);
    const c = lightKeyRaw(normalize(canonical, SEGMENT).text);
    if (v !== c) lx.variants.set(v, c);
  }
  return lx;
}

/**
 * Whether a word is an ordinary word of the lexicon (a stem or function word, not one of
 * its names): such a word alone is no evidence of a name.
 * @example isCommonWord('كامل') // true; isCommonWord('حموشي') // false
 */
export function isCommonWord(word: string): boolean {
  const seg = normalize(word, SEGMENT).text;
  const stem = segmentNormalized(seg).stem;
  const lx = loadLexicon();
  return (isKnown(lx, seg) && !lx.names.has(foldKey(seg))) || (isKnown(lx, stem) && !lx.names.has(foldKey(stem)));
}

/** Whether a (SEGMENT-form or folded) word is in the lexicon. */
export function inLexicon(word: string): boolean {
  return isKnown(loadLexicon(), normalize(word, SEGMENT).text);
}

// ------------------------------------------------------------------ readings

interface Pro {
  surface: string;
  morphemes: string[];
  lens: number[];
  hasArt: boolean;
  conj: string;
  prep: string;
}

const PROCLITICS: Pro[] = (() => {
  const list: Pro[] = [];
  for (const conj of ['', 'و', 'ف']) {
    for (const prep of ['', 'ب', 'ك', 'ل', 'س']) {
      for (const art of ['', 'ال']) {
        if (prep === 'س' && art) continue;
        const morphemes: string[] = [];
        const lens: number[] = [];
        if (conj) morphemes.push(conj), lens.push(1);
        if (prep) morphemes.push(prep), lens.push(1);
        if (art) morphemes.push(art), lens.push(prep === 'ل' ? 1 : 2);
        const surface = conj + (prep === 'ل' && art ? 'لل' : prep + art);
        list.push({ surface, morphemes, lens, hasArt: !!art, conj, prep });
      }
    }
  }
  return list;
})();

const ENCLITICS = ['', 'ه', 'ها', 'هم', 'هما', 'هن', 'كم', 'كما', 'كن', 'نا', 'ي'];
const HOSTS = new Set(['ل', 'ب']);
const VERBLIKE = new Set(['ا', 'ي', 'ت', 'ن']);

function isKnown(lx: Lexicon, s: string, strictFinal = false): boolean {
  if (lx.exact.has(s)) return true;
  if (!lx.all.has(lexKey(s))) return false;
  // والى ("and to") is not والي ("governor"): a final ى/ي must match as written.
  const last = s.charCodeAt(s.length - 1);
  if (strictFinal && (last === 0x0649 || last === 0x064a)) {
    const other = s.slice(0, -1) + (last === 0x0649 ? '\u064a' : '\u0649');
    if (lx.exact.has(other)) return false;
  }
  return true;
}

function analyse(w: string): Core {
  const lx = loadLexicon();
  let best: Core = { pro: [], proLen: [], stem: w, stemStart: 0, stemEnd: w.length, enc: [], known: isKnown(lx, w, true) };
  let bestScore = best.known ? 100 : 40;
  if (best.known) return best; // a known whole word stays whole
  const first = w[0];
  const lastCh = w[w.length - 1];
  for (const p of PROCLITICS) {
    if (p.surface && p.surface[0] !== first) continue;
    if (!w.startsWith(p.surface)) continue;
    for (const e of ENCLITICS) {
      if (e && e[e.length - 1] !== lastCh) continue;
      if (p.surface === '' && e === '') continue;
      if (e && p.hasArt) continue;
      if (e && !w.endsWith(e)) continue;
      const stemStart = p.surface.length;
      const stemEnd = w.length - e.length;
      const len = stemEnd - stemStart;
      if (len < 1) continue;
      if (p.prep === 'س' && 'يتن'.indexOf(w[stemStart]!) < 0) continue; // future س only before an imperfect
      let stem = w.slice(stemStart, stemEnd);
      if (len === 1 && !(e && !p.hasArt && HOSTS.has(stem))) continue;
      const nClitics = p.morphemes.length + (e ? 1 : 0);
      // restoration before an enclitic
      let known = isKnown(lx, stem, !e);
      // a short stem (أب، دم) licenses a clitic only when it is a function word
      if (known && len <= 2 && !lx.func.has(lexKey(stem))) known = false;
      let afterT = false;
      if (e && stem.endsWith('ت') && !stem.endsWith('ات')) {
        afterT = true;
        const restored = stem.slice(0, -1) + 'ة';
        // a noun's ة; not a verb's ت (قدمتها, يفوتنا): unknown stems need five letters and
        // no imperfect prefix
        if (!known && (isKnown(lx, restored) || (len >= 5 && stem[0] !== 'ي' && stem[0] !== 'ن'))) {
          stem = restored;
          known = isKnown(lx, restored);
        }
      } else if (e && (stem.endsWith('ؤ') || stem.endsWith('ئ')) && !known) {
        // أعضاؤها → أعضاء + ها: the hamza takes a seat before a pronoun
        const restored = stem.slice(0, -1) + 'ء';
        if (isKnown(lx, restored) || len >= 4) {
          stem = restored;
          known = isKnown(lx, restored);
        }
      } else if (e && stem.endsWith('ا') && !known) {
        const restored = stem.slice(0, -1) + 'ى';
        if (isKnown(lx, restored)) {
          stem = restored;
          known = true;
        }
      }
      if (e === 'ي' && !(known && afterT)) continue;
      let score: number;
      if (known) score = 100 - nClitics;
      else {
        if (len < 2) continue;
        score = 40;
        if (p.hasArt) score += 10;
        const verbish = len >= 3 && VERBLIKE.has(w[stemStart]!) && !/(ة|ات)$/.test(stem);
        if (p.conj) {
          if (p.hasArt || p.prep) score += 1;
          else if (verbish && p.conj === 'و') score += 3;
          else if (!verbish) score -= 5;
        }
        if (p.prep === 'س') {
          if (!(verbish && len >= 4 && w[stemStart] !== 'ا' && !/ي$/.test(stem))) continue;
          score += 2; // future س before an imperfect: سيتم، ستشارك
        } else if (p.prep && !p.hasArt) {
          score -= 5;
          // ب/ل + verbal noun of the تفعيل / مفاعلة kind: بتنفيذ، لمواجهة، لتعزيز
          if ((p.prep === 'ب' || p.prep === 'ل') && len >= 4 && (w[stemStart] === 'ت' || w[stemStart] === 'م')) score += 7;
          // … and of the افتعال / استفعال / انفعال kind: باعتبار، لاستقبال، بانتخاب
          else if ((p.prep === 'ب' || p.prep === 'ل') && len >= 5 && /^(?:است|ا.ت|ان)/.test(stem)) score += 7;
        }
        if (e) {
          if (len < 3) continue;
          score += e === 'ه' ? 2 : 4;
          if (afterT) score += 6;
        }
      }
      if (score > bestScore) {
        bestScore = score;
        best = { pro: p.morphemes, proLen: p.lens, stem, stemStart, stemEnd, enc: e ? [e] : [], known };
      }
    }
  }
  return best;
}

const cache = new Map<string, Core>();
const CACHE_MAX = 200_000;

/** Segments a word already in SEGMENT form (as `analyzeText` produces); cached. */
export function segmentNormalized(w: string): Core {
  let r = cache.get(w);
  if (r === undefined) {
    r = analyse(w);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(w, r);
  }
  return r;
}

/**
 * Clitic segmentation of one word.
 * @example segment('والاستخبارات') // { proclitics: ['و','ال'], stem: 'استخبارات', enclitics: [] , … }
 */
export function segment(word: string): Segmentation {
  const n = normalize(word, SEGMENT);
  const c = segmentNormalized(n.text);
  const parts: SegmentPart[] = [];
  let at = 0;
  c.pro.forEach((m, i) => {
    const [s, e] = n.spanToOriginal(at, at + c.proLen[i]!);
    parts.push({ kind: 'proclitic', morpheme: m, start: s, end: e });
    at += c.proLen[i]!;
  });
  const [ss, se] = n.spanToOriginal(c.stemStart, c.stemEnd);
  parts.push({ kind: 'stem', morpheme: c.stem, start: ss, end: se });
  for (const m of c.enc) {
    const [s, e] = n.spanToOriginal(c.stemEnd, c.stemEnd + m.length);
    parts.push({ kind: 'enclitic', morpheme: m, start: s, end: e });
  }
  return { proclitics: [...c.pro], stem: c.stem, enclitics: [...c.enc], stemStart: ss, stemEnd: se, parts, known: c.known };
}

// ------------------------------------------------------------------ light stem

function stripSuffixes(s: string, whole: Set<string>): string {
  if (whole.has(foldKey(s))) return s;
  for (const suf of ['ات', 'ون', 'ين']) {
    if (s.endsWith(suf) && s.length - suf.length >= (suf === 'ات' ? 3 : 4)) {
      s = s.slice(0, -suf.length);
      break;
    }
  }
  if (s.endsWith('ية') && s.length - 2 >= 3) s = s.slice(0, -2);
  else if (s.endsWith('ة') && s.length - 1 >= 2) s = s.slice(0, -1);
  else if (s.endsWith('ي') && s.length - 1 >= 3) s = s.slice(0, -1);
  return s;
}

function lightKeyRaw(stem: string): string {
  const lx = lexicon!;
  return foldKey(stripSuffixes(stem, lx.whole));
}

const stemCache = new Map<string, string>();

/** Light-stem key of a stem in SEGMENT form (segmentation stem). Cached. */
export function stemKey(stem: string): string {
  let r = stemCache.get(stem);
  if (r === undefined) {
    const lx = loadLexicon();
    r = lightKeyRaw(stem);
    r = lx.variants.get(r) ?? r;
    if (stemCache.size >= CACHE_MAX) stemCache.clear();
    stemCache.set(stem, r);
  }
  return r;
}

/**
 * The matching key of a word: clitics removed, plural/feminine/nisba suffix removed,
 * fully folded, spelling variants unified.
 * @example lightStem('والاستخبارات') === lightStem('للاستخبارات') // 'استخبار'
 * @example lightStem('الأميركية') === lightStem('أمريكية')
 */
export function lightStem(word: string): string {
  const n = normalize(word, SEGMENT).text;
  return stemKey(segmentNormalized(n).stem);
}

export interface WordInfo {
  /** the word fully folded (ة→ه, ى→ي, hamza seats) */
  norm: string;
  /** light-stem matching key */
  key: string;
  proclitics: string[];
  enclitics: string[];
}

const infoCache = new Map<string, WordInfo>();

/** Folded form, light-stem key and clitics of a word in SEGMENT form, cached (the indexing hot path). */
export function wordInfo(w: string): WordInfo {
  let r = infoCache.get(w);
  if (r === undefined) {
    const c = segmentNormalized(w);
    r = { norm: foldKey(w), key: stemKey(c.stem), proclitics: c.pro, enclitics: c.enc };
    if (infoCache.size >= CACHE_MAX) infoCache.clear();
    infoCache.set(w, r);
  }
  return r;
}

/** Empties the segmentation and stem caches (benchmarks, tests). */
export function clearSegmentCache(): void {
  cache.clear();
  stemCache.clear();
  infoCache.clear();
}
