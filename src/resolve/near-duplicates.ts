/**
 * Exact and near-duplicate detection of article texts: the same agency dispatch republished
 * by several outlets, trimmed, re-paragraphed, with the outlet's boilerplate around it or a
 * paragraph rewritten.
 *
 * - The text is reduced to what the Arabic core says it means: boilerplate paragraphs ("اقرأ
 *   أيضا…", share bars, "تابعونا على…", copyright lines) are dropped, words go through
 *   `analyze` (letters folded, clitics and inflection suffixes off: light stems), digits are
 *   ASCII, punctuation and layout are gone.
 * - `exactKey`: a hash of the folded word sequence (surface forms, not stems), so two texts
 *   that differ only in layout, punctuation, diacritics, hamza seats or digit script share it.
 * - Near-duplicates: the set of word 3-shingles over light stems, summarised by a MinHash
 *   signature (128 fixed-seed 32-bit hash functions); similarity is the fraction of equal
 *   signature slots, an unbiased estimate of the shingle sets' Jaccard index. Candidates come
 *   only from LSH buckets (b bands of r rows chosen for the threshold), never from comparing
 *   with every stored text.
 *
 * Threshold — measured with `scripts/eval-near-duplicates.ts` (edited copies of the real pages
 * in ../shared/seeds and ../shared/data/arabic-html and of pseudo-articles built from the
 * ../shared/data/events sentences; positives: trimmed, re-paragraphed, boilerplate added, one
 * paragraph replaced, a sentence moved, and combinations; negatives: different articles,
 * including the seeds, which are all on the same topic):
 *
 *   npx tsc -p tsconfig.json && node dist/scripts/eval-near-duplicates.js
 *
 * See NEAR_DUPLICATE_THRESHOLD below for the table and the choice.
 */
import { createHash } from 'node:crypto';
import { analyze, fold, MATCH } from '../arabic/index.js';

/**
 * The similarity (estimated shingle Jaccard) at or above which a text is a near-duplicate.
 *
 * Measured with `node dist/scripts/eval-near-duplicates.js` (seed 7): 185 sources (the 7 real
 * pages and 178 pseudo-articles of 6–10 event sentences) × 12 edit kinds = 2,220 positive
 * pairs; 7,200 negative pairs (250 same-topic: the five seeds against each other and each
 * other's copies; 5,956 different articles or copies; 994 articles sharing one paragraph):
 *
 *   threshold  precision  recall   F1     false positives
 *     0.20       0.978    0.981   0.980   48
 *     0.25       0.991    0.967   0.979   20
 *     0.30       0.997    0.950   0.973    7
 *     0.35       0.999    0.931   0.964    2
 *     0.40       1.000    0.909   0.953    0   ← chosen
 *     0.45       1.000    0.881   0.937    0
 *     0.50       1.000    0.853   0.921    0
 *     0.60       1.000    0.755   0.860    0
 *     0.70       1.000    0.618   0.764    0
 *
 * 0.4 is the lowest threshold with no false positive: the highest negative seen was 0.36 (an
 * article holding one paragraph of another), different articles on the same topic stay below
 * 0.04. Misses are the heaviest edits of short texts: every single edit kind is found ≥ 95 %
 * of the time (re-paragraphed, boilerplate, reordered, reworded, truncated: 100 %; a paragraph
 * replaced: 99.5 %; first and last paragraph trimmed: 95.7 %), trim + reworded paragraph
 * 77 %, all six edits at once 29 % (those copies keep about a third of the text).
 * Through the index (42 bands × 3 rows) 90.9 % of the copies find their own source, 1 of
 * 2,220 finds another article (a six-edit copy carrying that article's paragraph), 0 of 100
 * unrelated probes match anything. Containment (shared shingles over the smaller set) was
 * measured too (`--containment`): at its best zero-false-positive threshold (0.6) it finds
 * 92.1 %, too little gain to give up a plain Jaccard estimate.
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.4;

/** Number of hash functions (signature length). */
export const DEFAULT_PERMUTATIONS = 128;
/** Words per shingle. */
export const SHINGLE_SIZE = 3;

/** A text's MinHash signature and the number of distinct shingles it was made from. */
export interface MinHashSignature {
  hashes: Uint32Array;
  /** distinct shingles in the text (0 for a text with no words) */
  shingles: number;
}

/** The best earlier text a new one duplicates. */
export interface NearDuplicateMatch {
  id: string;
  /** estimated Jaccard similarity of the shingle sets, 1 for an exact duplicate */
  similarity: number;
  /** same normalised text (exactKey) */
  exact: boolean;
}

export interface NearDuplicateOptions {
  /** near-duplicate when the estimated similarity is at least this (default NEAR_DUPLICATE_THRESHOLD) */
  threshold?: number;
  /** signature length (default 128) */
  permutations?: number;
  /** LSH bands and rows per band; by default chosen for the threshold (see `chooseBands`) */
  bands?: number;
  rows?: number;
}

// ------------------------------------------------------------------ normalisation

/**
 * Boilerplate cues, in MATCH-folded form (أ→ا, ة→ه, ى→ي, lower case). A paragraph that
 * starts with one of the first group, or holds one of the second, and is short, is not text.
 */
const LEADING_CUES = [
  'اقرا ايضا', 'اقرا كذلك', 'اقرا المزيد', 'اقرا', 'اطلع ايضا', 'شاهد ايضا', 'شاهد', 'طالع ايضا', 'طالع',
  'مواضيع ذات صله', 'اخبار ذات صله', 'مقالات ذات صله', 'ذات صله', 'المزيد', 'للمزيد', 'تابعونا', 'تابعوا',
  'تابع', 'شارك', 'شاركوا', 'شارك المقال', 'شارك الخبر', 'انشر', 'مشاركه', 'المصدر', 'الرئيسيه', 'اعلان',
  'الكلمات المفتاحيه', 'كلمات مفتاحيه', 'وسوم', 'اشترك', 'حمل تطبيق', 'طباعه', 'ارسل لصديق', 'share',
  'read more', 'read also', 'related', 'advertisement', 'tags',
];
const INNER_CUES = [
  'فيسبوك', 'فيس بوك', 'تويتر', 'واتساب', 'واتس اب', 'تلغرام', 'تيليغرام', 'تليجرام', 'انستغرام', 'انستجرام',
  'يوتيوب', 'لينكدان', 'facebook', 'twitter', 'whatsapp', 'telegram', 'instagram', 'youtube', 'linkedin',
  'جميع الحقوق محفوظه', 'الحقوق محفوظه', '©', 'a+', 'a-', 'نسخ الرابط', 'رابط مختصر',
];
/** longest paragraph (in words) that a cue can make boilerplate */
const BOILERPLATE_MAX_WORDS = 24;

function startsWithCue(folded: string): boolean {
  for (const cue of LEADING_CUES) {
    if (folded.startsWith(cue)) {
      const next = folded.charAt(cue.length);
      if (next === '' || !/[\p{L}\p{N}]/u.test(next)) return true;
    }
  }
  return false;
}

/** Whether one paragraph (or line) is boilerplate: a share bar, a "read also" link, a copyright line. */
export function isBoilerplate(paragraph: string): boolean {
  const folded = fold(paragraph, MATCH).trim();
  if (!folded) return true;
  const words = folded.split(' ').length;
  if (words > BOILERPLATE_MAX_WORDS) return false;
  if (startsWithCue(folded.replace(/^[^\p{L}\p{N}©]+/u, ''))) return true;
  return INNER_CUES.some((c) => folded.includes(c));
}

/** The lines of a text that are content: boilerplate lines dropped, and the headline after a bare "اقرأ أيضا" too. */
export function contentLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    if (isBoilerplate(line)) {
      // a cue alone on its line ("اقرأ أيضا:") announces the linked headline on the next one
      const folded = fold(line, MATCH).replace(/[^\p{L}\p{N} ]/gu, '').trim();
      if (folded.split(' ').length <= 3 && startsWithCue(folded)) {
        let j = i + 1;
        while (j < lines.length && !lines[j]!.trim()) j++;
        if (j < lines.length && fold(lines[j]!, MATCH).trim().split(' ').length <= BOILERPLATE_MAX_WORDS) i = j;
      }
      continue;
    }
    out.push(line);
  }
  return out;
}

/** The words of a text as (surface, key) pairs: folded surface form and light-stem key, boilerplate left out. */
function words(text: string): { norm: string[]; keys: string[] } {
  const norm: string[] = [];
  const keys: string[] = [];
  for (const line of contentLines(text)) {
    for (const t of analyze(line).terms) {
      switch (t.kind) {
        case 'arabic':
        case 'latin':
          norm.push(t.norm);
          keys.push(t.key);
          break;
        case 'acronym':
          norm.push(t.norm.replace(/\./g, ''));
          keys.push(t.key.replace(/\./g, ''));
          break;
        case 'number': {
          const d = t.key.replace(/[^0-9]/g, '');
          if (!d) break;
          norm.push(d);
          keys.push(d);
          break;
        }
        case 'hashtag':
          norm.push(t.norm.slice(1));
          keys.push(t.key.slice(1));
          break;
        default:
          break;
      }
    }
  }
  return { norm, keys };
}

/**
 * The exact-duplicate key of a text: a hash of its folded word sequence, boilerplate left
 * out. Layout, punctuation, diacritics, tatweel, hamza seats and digit script do not change it.
 * @example exactKey('التقى الحموشي،\n\nبمدير') === exactKey('التقى الحموشي بمدير') // true
 */
export function exactKey(text: string): string {
  return createHash('sha256').update(words(text).norm.join(' ')).digest('hex').slice(0, 32);
}

/** The light-stem keys of a text that its shingles are made of (boilerplate out, digits ASCII). */
export function shingleWords(text: string): string[] {
  return words(text).keys;
}

// ------------------------------------------------------------------ hashing

/** 32-bit FNV-1a of a string's UTF-16 code units, finished with murmur3's fmix32. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: the fixed seeds of the hash functions. */
function seeds(n: number, seed = 0x5eed1234): Uint32Array {
  const out = new Uint32Array(n);
  let a = seed >>> 0;
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (t ^ (t >>> 14)) >>> 0;
  }
  return out;
}

const seedCache = new Map<number, { xor: Uint32Array; mul: Uint32Array }>();
function hashSeeds(n: number): { xor: Uint32Array; mul: Uint32Array } {
  let s = seedCache.get(n);
  if (!s) {
    const mul = seeds(n, 0x0badf00d);
    for (let i = 0; i < n; i++) mul[i] = (mul[i]! | 1) >>> 0; // odd multipliers: bijections
    s = { xor: seeds(n), mul };
    seedCache.set(n, s);
  }
  return s;
}

/** The distinct shingle hashes of a text (word `size`-grams of light stems; a text shorter than that is one shingle). */
export function shingleHashes(text: string, size = SHINGLE_SIZE): Uint32Array {
  const keys = shingleWords(text);
  const set = new Set<number>();
  if (keys.length > 0 && keys.length < size) set.add(hashString(keys.join(' ')));
  for (let i = 0; i + size <= keys.length; i++) {
    let s = keys[i]!;
    for (let j = 1; j < size; j++) s += ' ' + keys[i + j]!;
    set.add(hashString(s));
  }
  return Uint32Array.from(set);
}

/**
 * The MinHash signature of a text: for each of `permutations` fixed hash functions
 * (x → fmix32((x ⊕ s_i)·m_i), bijections of the 32-bit space), the least value over the
 * text's shingles. Deterministic across runs and machines. A text without words gets all
 * slots 0xFFFFFFFF and `shingles: 0`.
 */
export function minhash(text: string, permutations = DEFAULT_PERMUTATIONS): MinHashSignature {
  return minhashOfShingles(shingleHashes(text), permutations);
}

export function minhashOfShingles(shingles: Uint32Array, permutations = DEFAULT_PERMUTATIONS): MinHashSignature {
  const { xor, mul } = hashSeeds(permutations);
  const hashes = new Uint32Array(permutations).fill(0xffffffff);
  for (let k = 0; k < shingles.length; k++) {
    const x = shingles[k]!;
    for (let i = 0; i < permutations; i++) {
      const h = fmix32(Math.imul(x ^ xor[i]!, mul[i]!));
      if (h < hashes[i]!) hashes[i] = h;
    }
  }
  return { hashes, shingles: shingles.length };
}

/**
 * Estimated Jaccard similarity of two texts' shingle sets (fraction of equal signature slots);
 * texts are signed first when given as strings. 0 when either has no words.
 * @example estimateSimilarity(minhash(a), minhash(a)) // 1
 */
export function estimateSimilarity(a: MinHashSignature | string, b: MinHashSignature | string): number {
  const sa = typeof a === 'string' ? minhash(a) : a;
  const sb = typeof b === 'string' ? minhash(b, sa.hashes.length) : b;
  if (sa.hashes.length !== sb.hashes.length) throw new RangeError(`signatures of different lengths (${sa.hashes.length}, ${sb.hashes.length})`);
  if (sa.shingles === 0 || sb.shingles === 0) return 0;
  let same = 0;
  for (let i = 0; i < sa.hashes.length; i++) if (sa.hashes[i] === sb.hashes[i]) same++;
  return same / sa.hashes.length;
}

// ------------------------------------------------------------------ serialisation

const SIGNATURE_MAGIC = 0x4d48; // "MH"

/** A signature as bytes for a store: u16 magic, u16 length, u32 shingle count, then the slots, all little-endian. */
export function encodeSignature(sig: MinHashSignature): Buffer {
  const buf = Buffer.alloc(8 + 4 * sig.hashes.length);
  buf.writeUInt16LE(SIGNATURE_MAGIC, 0);
  buf.writeUInt16LE(sig.hashes.length, 2);
  buf.writeUInt32LE(sig.shingles, 4);
  for (let i = 0; i < sig.hashes.length; i++) buf.writeUInt32LE(sig.hashes[i]!, 8 + 4 * i);
  return buf;
}

/** The inverse of `encodeSignature`; throws a RangeError on bytes that are not a signature. */
export function decodeSignature(bytes: Uint8Array): MinHashSignature {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 8 || buf.readUInt16LE(0) !== SIGNATURE_MAGIC) throw new RangeError('not a MinHash signature');
  const n = buf.readUInt16LE(2);
  if (buf.length !== 8 + 4 * n) throw new RangeError(`MinHash signature of ${buf.length} bytes, expected ${8 + 4 * n}`);
  const hashes = new Uint32Array(n);
  for (let i = 0; i < n; i++) hashes[i] = buf.readUInt32LE(8 + 4 * i);
  return { hashes, shingles: buf.readUInt32LE(4) };
}

/**
 * Fingerprint of everything a stored signature depends on (normalisation of a probe text,
 * shingle size, hash seeds): when it changes, stored signatures must be recomputed.
 */
export const NEAR_DUPLICATE_VERSION: string = (() => {
  const probe = 'اقرأ أيضا: خبر\nالتقى الحموشي بمدير مكتب التحقيقات الفيدرالي الأمريكي في ٢٠ يونيو 2022.';
  const sig = minhash(probe, 16);
  return 'minhash-v1:' + createHash('sha256').update(exactKey(probe) + ':' + SHINGLE_SIZE + ':' + Array.from(sig.hashes).join(',')).digest('hex').slice(0, 16);
})();

// ------------------------------------------------------------------ LSH

/** Probability that two texts of Jaccard similarity `s` share at least one of `b` bands of `r` rows. */
export function candidateProbability(s: number, bands: number, rows: number): number {
  return 1 - Math.pow(1 - Math.pow(s, rows), bands);
}

/**
 * Bands and rows for a threshold: the most rows per band (fewest chance candidates) such that
 * a pair right at the threshold still shares a band with probability ≥ 0.9 (pairs a little
 * above it: ≥ 0.99) — the verification on the full signature then decides. For 0.4 and 128
 * slots: 42 bands × 3 rows (a pair at 0.4 is a candidate with p = 0.94, at 0.5 with p = 0.996,
 * at 0.1 with p = 0.04, at 0.05 with p = 0.005). On the measured set it finds as many copies
 * as 64 × 2, which makes 30 times more chance candidates at similarity 0.05.
 * @example chooseBands(0.4, 128) // { bands: 42, rows: 3 }
 */
export function chooseBands(threshold: number, permutations = DEFAULT_PERMUTATIONS): { bands: number; rows: number } {
  let best = { bands: permutations, rows: 1 };
  for (let rows = 1; rows <= permutations; rows++) {
    const bands = Math.floor(permutations / rows);
    if (candidateProbability(threshold, bands, rows) >= 0.9) best = { bands, rows };
  }
  return best;
}

interface Entry {
  id: string;
  sig: MinHashSignature;
  /** its exact key, so that removing it needs no scan of the exact-key map */
  key: string;
}

/**
 * An in-memory index of texts for exact and near-duplicate lookup. `add` returns the best
 * earlier text the new one duplicates (an exact duplicate first, then the most similar at or
 * above the threshold; ties go to the earliest added), and indexes it either way so that later
 * copies can find it too. Deterministic: the same texts in the same order give the same answers.
 * @example
 * const idx = new NearDuplicateIndex();
 * idx.add('a', text);            // null
 * idx.add('b', trimmedCopy);     // { id: 'a', similarity: 0.8, exact: false }
 */
export class NearDuplicateIndex {
  readonly threshold: number;
  readonly permutations: number;
  readonly bands: number;
  readonly rows: number;
  private readonly entries: Entry[] = [];
  private readonly byId = new Map<string, number>();
  private readonly exact = new Map<string, number>();
  /**
   * Per band, the entries under each band key: one index, or a list once a second arrives.
   * Keys are numbers and single entries are not wrapped in a list because every article adds
   * one key per band and most keys are never shared: as strings over lists they cost about
   * 4 KB an article.
   */
  private readonly buckets: Map<number, number | number[]>[];
  /** Signatures compared so far (LSH candidates verified): the work done, for measurements. */
  comparisons = 0;

  constructor(options: NearDuplicateOptions = {}) {
    this.threshold = options.threshold ?? NEAR_DUPLICATE_THRESHOLD;
    this.permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
    if (!(this.threshold > 0 && this.threshold <= 1)) throw new RangeError(`threshold ${this.threshold} is not in (0, 1]`);
    const chosen = chooseBands(this.threshold, this.permutations);
    this.bands = options.bands ?? chosen.bands;
    this.rows = options.rows ?? chosen.rows;
    if (this.bands * this.rows > this.permutations || this.bands < 1 || this.rows < 1) {
      throw new RangeError(`${this.bands} bands × ${this.rows} rows do not fit a signature of ${this.permutations}`);
    }
    this.buckets = Array.from({ length: this.bands }, () => new Map<number, number | number[]>());
  }

  /** Number of texts indexed. */
  get size(): number {
    return this.entries.length;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The signature kept for `id` (to store it), or undefined. */
  signatureOf(id: string): MinHashSignature | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.entries[i]!.sig;
  }

  /** Signs `text` with this index's parameters: its exact key and MinHash signature. */
  sign(text: string): { exactKey: string; signature: MinHashSignature } {
    return { exactKey: exactKey(text), signature: minhash(text, this.permutations) };
  }

  /** Adds a text; returns the earlier text it duplicates, or null. An id already present is replaced. */
  add(id: string, text: string): NearDuplicateMatch | null {
    const s = this.sign(text);
    return this.addSigned(id, s.exactKey, s.signature);
  }

  /** Adds a text already signed (a store reloading its signatures); same answer as `add`. */
  addSigned(id: string, key: string, sig: MinHashSignature): NearDuplicateMatch | null {
    if (sig.hashes.length !== this.permutations) throw new RangeError(`signature of ${sig.hashes.length}, index of ${this.permutations}`);
    if (this.byId.has(id)) this.remove(id);
    const match = this.lookup(key, sig);
    const index = this.entries.length;
    this.entries.push({ id, sig, key });
    this.byId.set(id, index);
    if (!this.exact.has(key)) this.exact.set(key, index);
    if (sig.shingles > 0) {
      for (let b = 0; b < this.bands; b++) {
        const k = this.bandKey(sig, b);
        const bucket = this.buckets[b]!;
        const list = bucket.get(k);
        if (list === undefined) bucket.set(k, index);
        else if (typeof list === 'number') bucket.set(k, [list, index]);
        else list.push(index);
      }
    }
    return match;
  }

  /** The best indexed text that `text` duplicates, without adding it. */
  query(text: string): NearDuplicateMatch | null {
    const s = this.sign(text);
    return this.lookup(s.exactKey, s.signature);
  }

  /** Every indexed text at or above the threshold, most similar first (exact duplicates first of all). */
  matches(text: string): NearDuplicateMatch[] {
    const s = this.sign(text);
    return this.candidates(s.exactKey, s.signature);
  }

  /** Forgets a text (its id no longer answers; its slots stay as tombstones). */
  remove(id: string): boolean {
    const i = this.byId.get(id);
    if (i === undefined) return false;
    this.byId.delete(id);
    const key = this.entries[i]!.key;
    this.entries[i] = { id: '', sig: { hashes: new Uint32Array(0), shingles: 0 }, key: '' };
    if (this.exact.get(key) === i) this.exact.delete(key);
    return true;
  }

  private lookup(key: string, sig: MinHashSignature): NearDuplicateMatch | null {
    return this.candidates(key, sig)[0] ?? null;
  }

  private candidates(key: string, sig: MinHashSignature): NearDuplicateMatch[] {
    const out: { index: number; m: NearDuplicateMatch }[] = [];
    const e = this.exact.get(key);
    if (e !== undefined && sig.shingles > 0) {
      out.push({ index: e, m: { id: this.entries[e]!.id, similarity: 1, exact: true } });
    }
    if (sig.shingles > 0) {
      const seen = new Set<number>(e === undefined ? [] : [e]);
      for (let b = 0; b < this.bands; b++) {
        const bucket = this.buckets[b]!.get(this.bandKey(sig, b));
        if (bucket === undefined) continue;
        for (const i of typeof bucket === 'number' ? [bucket] : bucket) {
          if (seen.has(i)) continue;
          seen.add(i);
          const entry = this.entries[i]!;
          if (!entry.id) continue;
          this.comparisons++;
          const similarity = estimateSimilarity(sig, entry.sig);
          if (similarity >= this.threshold) out.push({ index: i, m: { id: entry.id, similarity, exact: false } });
        }
      }
    }
    out.sort((a, b) => Number(b.m.exact) - Number(a.m.exact) || b.m.similarity - a.m.similarity || a.index - b.index);
    return out.map((o) => o.m);
  }

  /**
   * A band's rows hashed to 30 bits, so that a key is a small integer (no boxed number): two
   * different bands sharing a key only add a candidate, which the signature comparison
   * then weighs like any other (about 5 such pairs per band among 100k texts).
   */
  private bandKey(sig: MinHashSignature, band: number): number {
    let h = band;
    const from = band * this.rows;
    for (let r = 0; r < this.rows; r++) h = fmix32((Math.imul(h, 0x9e3779b1) ^ sig.hashes[from + r]!) >>> 0);
    return h & 0x3fffffff;
  }
}
