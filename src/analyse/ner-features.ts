/**
 * Features of the NER tagger, hashed to integers.
 *
 * A token's own features depend only on the word, so they are computed once per distinct
 * word and cached (news repeats its words; this is what makes tagging fast): the folded form,
 * the clitic-stripped core (the segmenter's stem with ال and other proclitics removed, so
 * "والمغرب", "بالمغرب" and "المغرب" share "مغرب"), the light stem, the core's first and last
 * letters, the proclitics and enclitics, a shape class, whether the segmenter's lexicon knows
 * the word and whether it is a common word (common words are rarely names), prefixes and
 * suffixes of the core up to four letters, and gazetteer membership (names, given names,
 * titles, head words of organisation and place names, nationality adjectives). Context features are the
 * neighbours' forms, cores, stems and gazetteer flags two words either side, word bigrams,
 * and the gazetteer name (if any) the token and its neighbours belong to — "B-country",
 * "I-org" — which is how a multi-word name such as "حلف شمال الأطلسي" reaches the model.
 *
 * Feature strings are never built per token: each word has a few base hashes, and context
 * features mix a neighbour's base hash with a salt for (offset, slot).
 */
import { fold, inLexicon, isCommonWord, MATCH, normalize, SEGMENT, wordInfo } from '../arabic/index.js';
import {
  G_ACRONYM, G_CITY, G_COUNTRY, G_GIVEN, G_LOC_HEAD, G_NATIONALITY, G_ORG, G_ORG_HEAD, G_REGION, G_TITLE, gazKey,
  loadGazetteers, matchGazetteer, wordFlags, type Gazetteers,
} from './gazetteer.js';

/** FNV-1a over UTF-16 code units. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes two 32-bit values into one (a murmur3 finaliser over a combination). */
export function mix(a: number, b: number): number {
  let h = (a ^ Math.imul(b + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** What the tagger knows about one distinct word. */
export interface WordFeatures {
  /** hashes of the word's own features */
  own: Uint32Array;
  /** base hashes other tokens use as context: [form, core, stem, shape, flags] */
  ctx: Uint32Array;
  /** gazetteer key (for multi-word matching) */
  gkey: string;
  /** single-word gazetteer flags */
  flags: number;
  /** hashes of the form, core and stem before rare words are replaced (vocabulary counting) */
  lex: number[];
  /** what occurrences of the same word elsewhere in a document are matched on: the core's hash, 0 for punctuation and numbers */
  docKey: number;
}

const AR_LETTERS = /[\u0621-\u064A\u0671-\u06D3]/;
const LATIN = /[A-Za-z\u00C0-\u024F]/;
const DIGITS = /[0-9\u0660-\u0669\u06F0-\u06F9]/;

function shapeOf(raw: string, core: string): string {
  let cls: string;
  if (AR_LETTERS.test(raw)) cls = 'ar';
  else if (/^[A-Z][A-Z0-9.&-]+$/.test(raw)) cls = 'ACR';
  else if (/^[A-Z]/.test(raw)) cls = 'Lat';
  else if (LATIN.test(raw)) cls = 'lat';
  else if (DIGITS.test(raw)) cls = raw.length === 4 ? 'num4' : 'num';
  else cls = 'p' + raw; // punctuation keeps its identity: ( ) " ، . each behave differently
  const n = core.length;
  const len = n <= 2 ? String(n) : n <= 4 ? '34' : n <= 6 ? '56' : '7+';
  return `${cls}:${len}`;
}

const FLAG_NAMES: Array<[number, string]> = [
  [G_COUNTRY, 'country'], [G_CITY, 'city'], [G_REGION, 'region'], [G_ORG, 'org'],
  [G_GIVEN, 'given'], [G_TITLE, 'title'], [G_ACRONYM, 'acro'],
  [G_ORG_HEAD, 'orgh'], [G_LOC_HEAD, 'loch'], [G_NATIONALITY, 'nat'],
];

/** Longest prefix/suffix of the core taken as a feature. */
const AFFIX = 4;

const ANALYZE = { ...SEGMENT, lowercase: false };

/** Strips the proclitics' letters from a SEGMENT-form word (لل counts as two letters: ل + ال written as ل). */
function procliticLength(pro: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < pro.length; i++) {
    const m = pro[i]!;
    if (m === 'ال' && i > 0 && pro[i - 1] === 'ل') n += 1;
    else n += m.length;
  }
  return n;
}

function computeWord(raw: string, g: Gazetteers, known: ReadonlySet<number> | null): WordFeatures {
  const seg = normalize(raw, ANALYZE).text;
  const form = fold(raw, MATCH);
  const isArabic = AR_LETTERS.test(seg);
  let core = form;
  let stem = form;
  let pro = '';
  let enc = '';
  let inLex = false;
  let common = false;
  if (isArabic && seg.length > 1) {
    const info = wordInfo(seg);
    const pl = procliticLength(info.proclitics);
    core = foldTail(seg.slice(pl, seg.length - info.enclitics.join('').length) || seg);
    stem = info.key;
    pro = info.proclitics.join('+');
    enc = info.enclitics.join('+');
    inLex = inLexicon(seg);
    common = isCommonWord(seg);
  }
  const gkey = gazKey(raw);
  const flags = wordFlags(g, gkey);
  const shape = shapeOf(raw, core);
  let hw = hashString('w' + form), hc = hashString('c' + core), hk = hashString('k' + stem);
  // words the training data saw too rarely to learn from stand for "a rare word"; the model
  // then learns what rare words do (in context, by shape), which is what unseen names need
  if (known) {
    if (!known.has(hw)) hw = RARE_W;
    if (!known.has(hc)) hc = RARE_C;
    if (!known.has(hk)) hk = RARE_K;
  }
  const f: string[] = ['b', 'sh=' + shape];
  if (isArabic) {
    for (let n = 1; n <= AFFIX && n < core.length; n++) f.push(`p${n}=` + core.slice(0, n), `s${n}=` + core.slice(-n));
    f.push('pro=' + pro, 'enc=' + enc, 'lex=' + inLex, 'fp=' + form.slice(0, 2));
    // a common word of the lexicon (its name list excluded) is rarely a name
    f.push('cw=' + common + ',' + inLex);
    if (pro.endsWith('ال')) f.push('art');
  }
  for (const [bit, name] of FLAG_NAMES) if (flags & bit) f.push('g=' + name);
  const own = new Uint32Array(f.length + 3);
  for (let i = 0; i < f.length; i++) own[i] = hashString(f[i]!);
  own[f.length] = mix(hw, SALT_OWN);
  own[f.length + 1] = mix(hc, SALT_OWN + 1);
  own[f.length + 2] = mix(hk, SALT_OWN + 2);
  const flagNames = FLAG_NAMES.filter(([bit]) => flags & bit).map(([, n]) => n).join(',');
  const ctx = Uint32Array.of(hw, hc, hk, hashString('s' + shape), hashString('g' + flagNames));
  const lex = [hashString('w' + form), hashString('c' + core), hashString('k' + stem)];
  const docKey = (isArabic || LATIN.test(raw)) && core.length >= 2 ? lex[1]! : 0;
  return { own, ctx, gkey, flags, lex, docKey };
}

/** ة→ه, ى→ي, hamza seats folded, as MATCH would (the core is cut from the SEGMENT form). */
function foldTail(s: string): string {
  return fold(s, MATCH);
}

/** Hashed features of sentences, with a cache of per-word features. */
export class FeatureExtractor {
  private readonly cache = new Map<string, WordFeatures>();
  private readonly g: Gazetteers;
  private readonly known: ReadonlySet<number> | null;

  /**
   * `known`: the form/core/stem hashes frequent enough in the training data to be features
   * of their own (see `WordFeatures.lex`); null keeps every word's own identity.
   */
  constructor(known: ReadonlySet<number> | null = null, g: Gazetteers = loadGazetteers()) {
    this.known = known;
    this.g = g;
  }

  word(raw: string): WordFeatures {
    let w = this.cache.get(raw);
    if (w === undefined) {
      w = computeWord(raw, this.g, this.known);
      if (this.cache.size >= 300_000) this.cache.clear();
      this.cache.set(raw, w);
    }
    return w;
  }

  /** Gazetteer matches over the sentence (also used by the rules). */
  gazetteerMatches(words: readonly WordFeatures[]): ReturnType<typeof matchGazetteer> {
    return matchGazetteer(this.g, words.map((w) => w.gkey));
  }

  /**
   * Features of every token of a sentence: `feats` holds them all, token i's are
   * `feats[offsets[i] .. offsets[i+1])`.
   */
  sentence(tokens: readonly string[]): { feats: Uint32Array; offsets: Uint32Array; words: WordFeatures[] } {
    const n = tokens.length;
    const words = tokens.map((t) => this.word(t));
    const gaz = new Uint32Array(n); // hash of the gazetteer position label per token, 0 = none
    for (const m of this.gazetteerMatches(words)) {
      for (let i = m.start; i < m.end; i++) {
        const pos = i === m.start ? 'B' : 'I';
        const last = i === m.end - 1 ? 'L' : '';
        gaz[i] = hashString(`${pos}${last}-${m.entry.kind}-${m.end - m.start > 1 ? 'multi' : 'one'}`);
      }
    }
    let total = 0;
    for (const w of words) total += w.own.length + EXTRA;
    const feats = new Uint32Array(total);
    const offsets = new Uint32Array(n + 1);
    let k = 0;
    for (let i = 0; i < n; i++) {
      offsets[i] = k;
      const w = words[i]!;
      feats.set(w.own, k);
      k += w.own.length;
      const prev = i > 0 ? words[i - 1]!.ctx : BOS;
      const next = i + 1 < n ? words[i + 1]!.ctx : EOS;
      const prev2 = i > 1 ? words[i - 2]!.ctx : BOS;
      const next2 = i + 2 < n ? words[i + 2]!.ctx : EOS;
      // neighbours ±1: form, core, stem, shape, flags
      for (let s = 0; s < 5; s++) {
        feats[k++] = mix(prev[s]!, SALT_P1 + s);
        feats[k++] = mix(next[s]!, SALT_N1 + s);
      }
      // neighbours ±2: form, core, flags
      feats[k++] = mix(prev2[0]!, SALT_P2);
      feats[k++] = mix(prev2[1]!, SALT_P2 + 1);
      feats[k++] = mix(prev2[4]!, SALT_P2 + 4);
      feats[k++] = mix(next2[0]!, SALT_N2);
      feats[k++] = mix(next2[1]!, SALT_N2 + 1);
      feats[k++] = mix(next2[4]!, SALT_N2 + 4);
      // bigrams: previous|this and this|next forms, previous core|this core
      feats[k++] = mix(mix(prev[0]!, w.ctx[0]!), SALT_BI);
      feats[k++] = mix(mix(w.ctx[0]!, next[0]!), SALT_BI + 1);
      feats[k++] = mix(mix(prev[1]!, w.ctx[1]!), SALT_BI + 2);
      feats[k++] = mix(mix(prev[3]!, w.ctx[3]!), SALT_BI + 3);
      feats[k++] = mix(mix(w.ctx[3]!, next[3]!), SALT_BI + 4);
      // what a neighbour is, against what this word looks like: a title or given name
      // before an unknown word, a verb of saying after it
      feats[k++] = mix(mix(prev[4]!, w.ctx[3]!), SALT_BI + 5);
      feats[k++] = mix(mix(prev[0]!, w.ctx[3]!), SALT_BI + 6);
      feats[k++] = mix(mix(next[0]!, w.ctx[3]!), SALT_BI + 7);
      feats[k++] = mix(mix(next[4]!, w.ctx[4]!), SALT_BI + 8);
      feats[k++] = mix(mix(prev[4]!, w.ctx[4]!), SALT_BI + 9);
      // gazetteer positions of this token and its neighbours
      feats[k++] = mix(gaz[i]!, SALT_G);
      feats[k++] = mix(i > 0 ? gaz[i - 1]! : 1, SALT_G + 1);
      feats[k++] = mix(i + 1 < n ? gaz[i + 1]! : 1, SALT_G + 2);
      feats[k++] = mix(mix(gaz[i]!, w.ctx[1]!), SALT_G + 3);
    }
    offsets[n] = k;
    return { feats: k === total ? feats : feats.subarray(0, k), offsets, words };
  }

  /**
   * Second-pass (document) features: for each token, what a first pass made of the other
   * occurrences of the same word (core) within `window` sentences either side — none seen,
   * or the most frequent entity type among them and how often they were entities — and the
   * same for its two neighbours. News names a company, club or person several times; the
   * easy occurrences ("شركة فولكسفاغن") then speak for the hard ones ("باعت فولكسفاغن").
   * `tags`: the first pass's tag indices (NER_TAGS order: O, B-/I- PERSON, ORG, LOCATION).
   * Returns per sentence `DOC_EXTRA` hashes per token.
   */
  documentFeatures(words: readonly (readonly WordFeatures[])[], tags: readonly ArrayLike<number>[], window: number): Uint32Array[] {
    const counts = new Map<number, Int32Array>();
    const bump = (si: number, d: number): void => {
      const ws = words[si]!;
      const ts = tags[si]!;
      for (let i = 0; i < ws.length; i++) {
        const k = ws[i]!.docKey;
        if (!k) continue;
        let c = counts.get(k);
        if (!c) counts.set(k, (c = new Int32Array(4)));
        c[(ts[i]! + 1) >> 1]! += d;
      }
    };
    const ns = words.length;
    for (let j = 0; j <= Math.min(window, ns - 1); j++) bump(j, 1);
    const out: Uint32Array[] = [];
    for (let si = 0; si < ns; si++) {
      if (si > 0 && si + window < ns) bump(si + window, 1);
      if (si - window - 1 >= 0) bump(si - window - 1, -1);
      const ws = words[si]!;
      const ts = tags[si]!;
      const n = ws.length;
      const code = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        const k = ws[i]!.docKey;
        const c = k ? counts.get(k) : undefined;
        if (!c) continue;
        const own = (ts[i]! + 1) >> 1;
        const o = c[0]! - (own === 0 ? 1 : 0);
        let top = 0, best = 0, ent = 0;
        for (let t = 1; t < 4; t++) {
          const v = c[t]! - (own === t ? 1 : 0);
          ent += v;
          if (v > best) (best = v), (top = t);
        }
        const total = o + ent;
        if (total <= 0) continue;
        const r = ent === 0 ? 0 : ent === total ? 3 : 2 * ent >= total ? 2 : 1;
        code[i] = 1 + top * 4 + r;
      }
      const f = new Uint32Array(n * DOC_EXTRA);
      for (let i = 0; i < n; i++) {
        const p = i > 0 ? code[i - 1]! : 99;
        const x = i + 1 < n ? code[i + 1]! : 99;
        f[i * DOC_EXTRA] = mix(code[i]!, SALT_D);
        f[i * DOC_EXTRA + 1] = mix(p, SALT_D + 1);
        f[i * DOC_EXTRA + 2] = mix(x, SALT_D + 2);
        f[i * DOC_EXTRA + 3] = mix(mix(code[i]!, ws[i]!.ctx[3]!), SALT_D + 3);
      }
      out.push(f);
    }
    return out;
  }

  /** Forgets cached words (benchmarks). */
  clear(): void {
    this.cache.clear();
  }
}

/** Number of document features per token (see `documentFeatures`). */
export const DOC_EXTRA = 4;
const SALT_D = 0x700;

/**
 * A sentence's features with `per` extra hashes for each token appended (`extra[i*per ..]`).
 */
export function withExtra(s: { feats: Uint32Array; offsets: Uint32Array }, extra: Uint32Array, per: number): { feats: Uint32Array; offsets: Uint32Array } {
  const n = s.offsets.length - 1;
  const feats = new Uint32Array(s.feats.length + n * per);
  const offsets = new Uint32Array(n + 1);
  let k = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = k;
    const a = s.offsets[i]!, b = s.offsets[i + 1]!;
    feats.set(s.feats.subarray(a, b), k);
    k += b - a;
    feats.set(extra.subarray(i * per, i * per + per), k);
    k += per;
  }
  offsets[n] = k;
  return { feats, offsets };
}

/** Number of context features added per token (kept in step with `sentence`). */
const EXTRA = 10 + 6 + 10 + 4;
const BOS = Uint32Array.of(hashString('<s>'), hashString('<s>c'), hashString('<s>k'), hashString('<s>sh'), hashString('<s>g'));
const EOS = Uint32Array.of(hashString('</s>'), hashString('</s>c'), hashString('</s>k'), hashString('</s>sh'), hashString('</s>g'));
const RARE_W = hashString('w<rare>'), RARE_C = hashString('c<rare>'), RARE_K = hashString('k<rare>');
const SALT_OWN = 0x50, SALT_P1 = 0x100, SALT_N1 = 0x200, SALT_P2 = 0x300, SALT_N2 = 0x400, SALT_BI = 0x500, SALT_G = 0x600;


/**
 * The word forms, cores and stems seen at least `minCount` times in training sentences (as
 * the hashes `FeatureExtractor` takes): the vocabulary the model keeps identity features for.
 */
export function countVocabulary(sentences: readonly (readonly string[])[], minCount: number): Set<number> {
  const fx = new FeatureExtractor();
  const counts = new Map<number, number>();
  for (const tokens of sentences) {
    for (const t of tokens) for (const h of fx.word(t).lex) counts.set(h, (counts.get(h) ?? 0) + 1);
  }
  const known = new Set<number>();
  for (const [h, c] of counts) if (c >= minCount) known.add(h);
  return known;
}
