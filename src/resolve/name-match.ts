/**
 * Whether two written names refer to the same entity: a scored rule over several kinds of
 * evidence, not a single edit-distance cut-off.
 *
 * Names are compared word by word after folding (hamza/alef forms, ة/ه, ى/ي, harakat,
 * tatweel: the Arabic core's MATCH options), with leading honorifics and titles removed
 * (السيد، الشيخ، الملك …), the article dropped from each word (الحموشي/حموشي) and compound
 * names joined (عبد اللطيف/عبداللطيف, أبو الغيط/أبوالغيط, بن سلمان, آل ثاني, نصر الله). Two
 * words match when equal, or — for transliteration variants — when their consonant skeletons
 * (`nameKey`: بيرنز/بورنز, الحافظي/الحافيظي) agree or differ only by letters writers
 * interchange in foreign names (س/ز/ش, ج/غ/ك/چ), scaled by their letter-level similarity. Two
 * different entries of the given-name list (`data/knowledge/given-names.ar.txt`) never match
 * however close their letters (حسن/حسين، محمد/محمود). The words are aligned in order; the
 * alignment gives the name evidence:
 * - every word matched: the same name (a single word counts less than a full name);
 * - one name's words all inside the other: a family name alone ("حموشي" in "عبد اللطيف
 *   حموشي") is strong within one article, weaker across articles; a first name alone or a
 *   very common name alone (محمد، عبد الله) does not link;
 * - words left over on both sides: different people ("محمد بن سلمان"/"محمد بن زايد", "جو
 *   بايدن"/"هانتر بايدن"), unless only the first names differ and look like a misspelling.
 * Context then adds or subtracts: roles that agree or conflict (وزير الخارجية / رئيس الوزراء),
 * co-occurring entities shared or disjoint. Organisations and places compare light-stemmed
 * words ("الحوثيون"/"جماعة الحوثي") with generic words (وزارة، حركة …) not counting as
 * evidence, and a leftover direction or ordinal (جنوب السودان، كوريا الشمالية) is a conflict.
 * Types must match; names in different scripts are not compared.
 */
import { fold, lightStem, MATCH, nameKey } from '../arabic/index.js';
import type { EntityType } from '../model/entity.js';
import { readDataList } from '../model/data-lists.js';

/** A name with what is known about it where it was seen. */
export interface NameEvidence {
  name: string;
  type: EntityType;
  /** roles (titles, offices) attached to it */
  roles?: string[];
  /** labels of other entities seen with it (same article, or over its articles) */
  cooccurring?: string[];
}

export interface NameMatchOptions {
  /** both names are in one article (a family name alone then links more readily) */
  sameDocument?: boolean;
}

export interface NameMatchResult {
  score: number;
  same: boolean;
  reasons: string[];
}

// ------------------------------------------------------------------ weights
//
// Chosen by hand on the tuned part of `data/identity/name-pairs.tsv` (every line before the
// "# held-out" marker), with `npm run eval:identity`: start from the ordering the evidence
// implies (full name > several words inside a longer name > family name alone > first
// name alone), then adjust each weight while watching the errors of the tuned part only. The
// held-out tail was written together with the rest, before tuning, and was not looked at
// while tuning; both figures are reported by the script.

/** `same` when the score reaches this. */
export const MATCH_THRESHOLD = 0.5;
/** Every word of both names matched, two words or more (× the weakest word similarity). */
export const W_FULL = 1.0;
/** Both names are the same single word (× its similarity): a family name identifies less. */
export const W_FULL_SINGLE = 0.7;
/** The shorter name (2+ words) lies inside the longer. */
export const W_SUBSET = 0.8;
/** A single word that is the longer name's family (last) name, across articles. */
export const W_FAMILY_ALONE = 0.6;
/** Added to W_FAMILY_ALONE within one article. */
export const W_SAME_DOCUMENT = 0.3;
/** A single word that is the longer name's first name only (a given name). */
export const W_FIRST_ALONE = -0.4;
/** A single word matching a middle word of the longer name. */
export const W_MIDDLE_ALONE = 0.1;
/** A very common given name alone (محمد، عبد الله): never enough. */
export const W_COMMON_ALONE = -1.0;
/** Same family name, first names close in letters (a misspelling). */
export const W_MISSPELT_FIRST = 0.55;
/** Words left over on both sides: different first names, or different family names. */
export const W_CONFLICT = -1.0;
/** Roles that agree (same head word, overlapping words). */
export const W_ROLE_AGREE = 0.2;
/** Roles that conflict (different offices, no word in common). */
export const W_ROLE_CONFLICT = -0.5;
/** Co-occurring entities in common (scaled up to two). */
export const W_CO_SHARED = 0.2;
/** Two or more co-occurring entities on each side and none in common. */
export const W_CO_DISJOINT = -0.15;
/** Two words match at or above this similarity (below, they are different words). */
export const WORD_MATCH_MIN = 0.8;
/** First names at or above this similarity (and below WORD_MATCH_MIN) count as a misspelling. */
export const MISSPELT_MIN = 0.6;
/** An organisation or place: a subset with a distinctive word. */
export const W_ORG_SUBSET = 0.6;
/** An organisation or place whose words are all generic (الوزارة، المجلس). */
export const W_ORG_GENERIC = 0.3;

// ------------------------------------------------------------------ word lists

interface NameLists {
  given: Set<string>;
  veryCommon: Set<string>;
}

let lists: NameLists | null = null;

function loadLists(): NameLists {
  if (lists) return lists;
  const l: NameLists = { given: new Set(), veryCommon: new Set() };
  for (const { section, text } of readDataList('knowledge/given-names.ar.txt', ['given', 'very-common'])) {
    const key = personWords(text, false).join(' ');
    if (section === 'given') l.given.add(key);
    else l.veryCommon.add(key);
  }
  lists = l;
  return l;
}

/** Honorifics and titles that may open a written name; dropped before comparing (folded). */
const HONORIFICS = new Set(
  [
    'السيد', 'السيدة', 'سيد', 'الشيخ', 'الشيخة', 'الدكتور', 'الدكتورة', 'د', 'دكتور', 'المهندس', 'الحاج', 'الأستاذ',
    'الأستاذة', 'سمو', 'جلالة', 'فخامة', 'معالي', 'سعادة', 'صاحب', 'السمو', 'الجلالة', 'الملك', 'الملكة', 'الأمير',
    'الأميرة', 'السلطان', 'الرئيس', 'الرئيسة', 'الجنرال', 'اللواء', 'المشير', 'العقيد', 'العميد', 'الإمام', 'المرشد',
    'البابا', 'الراحل', 'الراحلة', 'القائد', 'mr', 'mrs', 'ms', 'dr', 'president', 'king', 'prince', 'sheikh',
  ].map((w) => fold(w, MATCH)),
);
/** Words that join the next word into one compound name word. */
const JOIN_NEXT = new Set(['عبد', 'ابو', 'بو', 'بن', 'ابن', 'بنت', 'ولد', 'ال', 'ام', 'ذو', 'ذي']);
/** Generic words of organisation and place names: not evidence on their own (light stems). */
const GENERIC = new Set(
  [
    'وزارة', 'حركة', 'حزب', 'جماعة', 'منظمة', 'وكالة', 'مجلس', 'هيئة', 'اتحاد', 'جبهة', 'تنظيم', 'جهاز', 'مديرية',
    'المديرية', 'العامة', 'عام', 'إدارة', 'مكتب', 'لجنة', 'جمعية', 'مؤسسة', 'شركة', 'قوات', 'جيش', 'مركز', 'دولة',
    'جمهورية', 'مملكة', 'مدينة', 'ولاية', 'محافظة', 'إقليم', 'منطقة', 'قطاع', 'بلدة', 'قرية', 'رئاسة', 'دائرة', 'سلطة',
    'الوطني', 'الوطنية', 'الدولي', 'الدولية',
  ].map((w) => lightStem(w)),
);
/** Function words dropped from organisation and place names (folded). */
const ORG_FUNCTION = new Set(['في', 'من', 'على', 'الى', 'عن', 'و', 'لل', 'ل', 'ب'].map((w) => fold(w, MATCH)));
/** Leftover words that make a different place or body (light stems). */
const DISTINGUISHING = new Set(
  ['شمال', 'جنوب', 'شرق', 'غرب', 'وسط', 'الشمالية', 'الجنوبية', 'الشرقية', 'الغربية', 'الوسطى', 'العليا', 'السفلى', 'الأول', 'الثاني', 'الثالث', 'الجديدة', 'القديمة'].map((w) => lightStem(w)),
);

// ------------------------------------------------------------------ name words

const ARABIC = /[\u0600-\u06FF]/;
const LATIN = /[A-Za-z\u00C0-\u024F]/;

function script(name: string): 'ar' | 'latin' | 'other' {
  if (ARABIC.test(name)) return 'ar';
  if (LATIN.test(name)) return 'latin';
  return 'other';
}

/** The words of a name as written (compatibility forms, marks and tatweel cleaned; Latin accents dropped). */
function writtenWords(name: string): string[] {
  return name
    .normalize('NFKC')
    .replace(/[\u064B-\u065F\u0670\u0640\u200B-\u200F]/g, '')
    .replace(/[A-Za-z\u00C0-\u024F]+/g, (w) => w.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''))
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The words of a name folded with the MATCH options. */
function rawWords(name: string): string[] {
  return writtenWords(name).map((w) => fold(w, MATCH)).filter(Boolean);
}

function dropArticle(w: string): string {
  return w.length > 4 && w.startsWith('ال') && !w.startsWith('الله') ? w.slice(2) : w;
}

/**
 * The comparison words of a person's name: folded, honorifics dropped from the front,
 * compounds joined (عبد + X, أبو + X, بن + X, آل + X, X + الله), the article dropped.
 * @example personWords('الشيخ عبد اللطيف الحموشي') // ['عبداللطيف', 'حموشي']
 */
export function personWords(name: string, dropHonorifics = true): string[] {
  let w = rawWords(name);
  if (dropHonorifics) {
    let i = 0;
    while (i < w.length - 1 && HONORIFICS.has(w[i]!)) i++;
    w = w.slice(i);
  }
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) {
    let t = w[i]!;
    if (t === 'ابن') t = 'بن';
    if (JOIN_NEXT.has(t) && i + 1 < w.length) {
      // آل (folded ال) is a family marker: keep it apart from the article of "الثاني"
      const next = w[++i]!;
      out.push((t === 'ال' ? 'آل' : t) + (t === 'عبد' || t === 'ابو' ? next : dropArticle(next)));
      continue;
    }
    if (t === 'الله' && out.length && !out[out.length - 1]!.startsWith('عبد')) {
      out[out.length - 1] += t;
      continue;
    }
    out.push(dropArticle(t));
  }
  return out;
}

/** The comparison words of an organisation or place: light stems, function words dropped. */
interface OrgWord {
  /** light stem (Arabic) or folded word */
  key: string;
  /** written with the article */
  def: boolean;
}

function orgWords(name: string): OrgWord[] {
  const out: OrgWord[] = [];
  for (const w of writtenWords(name)) {
    const f = fold(w, MATCH);
    if (ORG_FUNCTION.has(f)) continue;
    out.push({ key: ARABIC.test(w) ? lightStem(w) : f, def: /^(?:[وف]?(?:ال|لل|بال|كال))/.test(f) });
  }
  return out;
}

// ------------------------------------------------------------------ word similarity

function levenshtein(a: string, b: string, cost: (x: string, y: string) => number = () => 1): number {
  const m = a.length;
  const n = b.length;
  let prev = new Float64Array(n + 1);
  let cur = new Float64Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const sub = a[i - 1] === b[j - 1] ? 0 : cost(a[i - 1]!, b[j - 1]!);
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + sub);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n]!;
}

/** Skeleton letters writers interchange in foreign names (س/ز/ش, ج/غ/ك/چ): a cheap substitution. */
const CONFUSABLE = ['sz', 'sc', 'zc', 'jk', 'jc'];
function skeletonCost(x: string, y: string): number {
  return CONFUSABLE.includes(x + y) || CONFUSABLE.includes(y + x) ? 0.3 : 1;
}

/** Arabic letters writers interchange in foreign names (folded forms), as pairs. */
const CONFUSABLE_LETTERS = ['سز', 'سص', 'سش', 'زظ', 'تط', 'دض', 'هح', 'جغ', 'جق', 'غق', 'كق', 'جچ', 'يو'];
function letterCost(x: string, y: string): number {
  return CONFUSABLE_LETTERS.includes(x + y) || CONFUSABLE_LETTERS.includes(y + x) ? 0.3 : 1;
}

/**
 * Letter-level similarity of two folded words in [0, 1]: 1 − edit distance / length, where
 * interchangeable letters cost 0.3 and two swapped neighbours one edit (فيرغوسن/فيرجسون).
 */
export function letterSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => [i, ...new Array<number>(n).fill(0)]);
  for (let j = 0; j <= n; j++) d[0]![j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const sub = a[i - 1] === b[j - 1] ? 0 : letterCost(a[i - 1]!, b[j - 1]!);
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + sub);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return Math.max(0, 1 - d[m]![n]! / Math.max(m, n));
}

const simCache = new Map<string, number>();

/**
 * Similarity of two comparison words in [0, 1]: 1 equal; 0 two different given names;
 * otherwise from the letters and the consonant skeletons.
 */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const ck = a < b ? a + '|' + b : b + '|' + a;
  const hit = simCache.get(ck);
  if (hit !== undefined) return hit;
  let s: number;
  const { given } = loadLists();
  if (given.has(a) && given.has(b)) s = 0;
  else if (!ARABIC.test(a) || !ARABIC.test(b)) {
    s = 1 - levenshtein(a, b) / Math.max(a.length, b.length);
  } else {
    const letters = letterSimilarity(a, b);
    const ka = nameKey(a).replace(/ /g, '');
    const kb = nameKey(b).replace(/ /g, '');
    // one skeleton: vowel letters added or dropped (بيرنز/بورنز) — but a long vowel moved to
    // another slot makes another word (خامس/خميس), so the letters still weigh half
    if (ka === kb) s = 0.5 + 0.5 * letters;
    else {
      const skel = ka && kb ? 1 - levenshtein(ka, kb, skeletonCost) / Math.max(ka.length, kb.length) : 0;
      s = 0.5 * letters + 0.5 * skel;
    }
  }
  if (simCache.size > 100_000) simCache.clear();
  simCache.set(ck, s);
  return s;
}

interface Alignment {
  /** pairs [i in a, j in b, similarity] in order */
  pairs: [number, number, number][];
}

/** The in-order alignment of two word lists maximising the summed similarity of matched words. */
function align(a: string[], b: string[], sim: (x: string, y: string) => number): Alignment {
  const n = a.length;
  const m = b.length;
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const s: number[][] = Array.from({ length: n }, (_, i) => b.map((y) => sim(a[i]!, y)));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const take = s[i]![j]! >= WORD_MATCH_MIN ? s[i]![j]! + best[i + 1]![j + 1]! : -1;
      best[i]![j] = Math.max(take, best[i + 1]![j]!, best[i]![j + 1]!);
    }
  }
  const pairs: [number, number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const v = s[i]![j]!;
    if (v >= WORD_MATCH_MIN && best[i]![j] === v + best[i + 1]![j + 1]!) {
      pairs.push([i, j, v]);
      i++;
      j++;
    } else if (best[i]![j] === best[i + 1]![j]) i++;
    else j++;
  }
  return { pairs };
}

// ------------------------------------------------------------------ name evidence

function personEvidence(a: string[], b: string[], sameDocument: boolean, reasons: string[]): number {
  const { veryCommon, given } = loadLists();
  // one word written as two or two as one (نصر الله/نصرالله, خامنه اي/خامنئي): compare whole
  const joinedA = a.join('');
  const joinedB = b.join('');
  if (a.length !== b.length && joinedA === joinedB) {
    reasons.push('same name, spaced differently');
    return Math.max(a.length, b.length) > 1 ? W_FULL : W_FULL_SINGLE;
  }
  const { pairs } = align(a, b, wordSimilarity);
  const minSim = pairs.reduce((x, p) => Math.min(x, p[2]), 1);
  const short = a.length <= b.length ? a : b;
  const long = short === a ? b : a;
  const shortIsA = short === a;
  const matchedShort = pairs.length === short.length;
  const matchedLong = pairs.length === long.length;
  if (matchedShort && matchedLong) {
    if (short.length === 1 && veryCommon.has(short[0]!)) {
      reasons.push(`"${short[0]}" alone is too common a name`);
      return W_COMMON_ALONE;
    }
    reasons.push(minSim === 1 ? 'same name' : `spelling variant (similarity ${minSim.toFixed(2)})`);
    return (short.length > 1 ? W_FULL : W_FULL_SINGLE) * minSim;
  }
  if (matchedShort && pairs.length > 0) {
    if (short.length === 1) {
      const word = short[0]!;
      const at = pairs[0]![shortIsA ? 1 : 0];
      if (veryCommon.has(word)) {
        reasons.push(`"${word}" alone is too common a name`);
        return W_COMMON_ALONE;
      }
      if (at === long.length - 1) {
        reasons.push(sameDocument ? 'family name alone, same article' : 'family name alone');
        return (W_FAMILY_ALONE + (sameDocument ? W_SAME_DOCUMENT : 0)) * minSim;
      }
      if (at === 0) {
        reasons.push('first name alone');
        return given.has(word) ? W_FIRST_ALONE : W_MIDDLE_ALONE;
      }
      reasons.push('a middle name alone');
      return W_MIDDLE_ALONE;
    }
    reasons.push('name inside the fuller name');
    return W_SUBSET * minSim;
  }
  // words left over on both sides
  const lastA = a.length - 1;
  const lastB = b.length - 1;
  const lastPaired = pairs.some((p) => p[0] === lastA && p[1] === lastB);
  if (lastPaired && pairs.length === Math.min(a.length, b.length) - 1 && a.length === b.length) {
    // only one word differs: the first name (or a middle one)
    const unmatched = [...a.keys()].find((i) => !pairs.some((p) => p[0] === i))!;
    const j = [...b.keys()].find((k) => !pairs.some((p) => p[1] === k))!;
    const s = wordSimilarity(a[unmatched]!, b[j]!);
    if (s >= MISSPELT_MIN) {
      reasons.push(`same family name, first names close (${s.toFixed(2)}): a misspelling`);
      return W_MISSPELT_FIRST * minSim;
    }
    reasons.push(`same family name, different first names (${a[unmatched]} / ${b[j]})`);
    return W_CONFLICT;
  }
  reasons.push(pairs.length ? 'names differ in some words on both sides' : 'no word in common');
  return W_CONFLICT;
}

function orgEvidence(type: EntityType, wa: OrgWord[], wb: OrgWord[], reasons: string[]): number {
  const a = wa.map((w) => w.key);
  const b = wb.map((w) => w.key);
  if (a.join('') === b.join('')) {
    reasons.push('same name');
    return a.every((w) => GENERIC.has(w)) ? W_ORG_GENERIC : W_FULL;
  }
  // transliteration variants of a name word (موريتانيا/موريطانيا), not different words that
  // share a skeleton (النيجر/نيجيريا)
  const sim = (x: string, y: string): number => {
    if (x === y) return 1;
    if (x.length < 4 || !ARABIC.test(x) || !ARABIC.test(y)) return 0;
    return nameKey(x) === nameKey(y) && letterSimilarity(x, y) >= 0.75 ? 0.9 : 0;
  };
  const { pairs } = align(a, b, sim);
  const minSim = pairs.reduce((x, p) => Math.min(x, p[2]), 1);
  const shortIsA = a.length <= b.length;
  const short = shortIsA ? a : b;
  const long = shortIsA ? wb : wa;
  if (pairs.length === a.length && pairs.length === b.length) {
    reasons.push(minSim === 1 ? 'same name' : 'spelling variant');
    return (a.every((w) => GENERIC.has(w)) ? W_ORG_GENERIC : W_FULL) * minSim;
  }
  if (pairs.length === short.length && pairs.length > 0) {
    const used = new Set(pairs.map((p) => p[shortIsA ? 1 : 0]));
    const extra = long.filter((_, i) => !used.has(i));
    if (extra.some((w) => DISTINGUISHING.has(w.key))) {
      reasons.push(`the longer name adds a distinguishing word (${extra.map((w) => w.key).join(' ')})`);
      return W_CONFLICT;
    }
    // a place grows by a generic word or an adjective (قطاع غزة، الولايات المتحدة الأمريكية),
    // not by another name (غينيا بيساو)
    if (type === 'LOCATION' && extra.some((w) => !w.def && !GENERIC.has(w.key))) {
      reasons.push(`the longer place name adds a name word (${extra.map((w) => w.key).join(' ')})`);
      return W_CONFLICT;
    }
    if (short.every((w) => GENERIC.has(w))) {
      reasons.push('the shorter name has only generic words');
      return 0;
    }
    reasons.push('name inside the fuller name');
    return W_ORG_SUBSET * minSim;
  }
  reasons.push(pairs.length ? 'names differ in some words on both sides' : 'no word in common');
  return W_CONFLICT;
}

// ------------------------------------------------------------------ context evidence

function roleWords(role: string): string[] {
  return writtenWords(role)
    .filter((w) => !ORG_FUNCTION.has(fold(w, MATCH)))
    .map((w) => lightStem(w))
    .map((w) => ROLE_SYNONYMS.get(w) ?? w);
}

/** Words of one office written two ways (light stems): رئيس الحكومة = رئيس الوزراء. */
const ROLE_SYNONYMS = new Map<string, string>([[lightStem('الحكومة'), lightStem('الوزراء')]]);

/**
 * +1 agree, -1 conflict, 0 no evidence, for two sets of roles. Heads (first words) equal and
 * their complements equal, or one role the head alone (الرئيس / الرئيس الأمريكي): agree.
 * Heads different and neither role holding the other's head (وزير الخارجية / رئيس الوزراء):
 * conflict. Anything else (الرئيس الأمريكي / الرئيس الفرنسي — maybe a role over time, maybe
 * not) is no evidence.
 */
function roleAgreement(ra: string[] | undefined, rb: string[] | undefined): number {
  if (!ra?.length || !rb?.length) return 0;
  let best = -1;
  for (const x of ra) {
    for (const y of rb) {
      const wx = roleWords(x);
      const wy = roleWords(y);
      if (!wx.length || !wy.length) continue;
      if (wx[0] === wy[0]) {
        if (wx.length === 1 || wy.length === 1 || wx[1] === wy[1]) best = Math.max(best, 1);
        else best = Math.max(best, 0);
      } else if (wx.includes(wy[0]!) || wy.includes(wx[0]!)) best = Math.max(best, 0);
    }
  }
  return best;
}

const coKeys = new Map<string, string>();

/** Memoised: linking compares the same co-occurring labels for every candidate's every alias. */
function coKey(label: string): string {
  let k = coKeys.get(label);
  if (k === undefined) {
    k = rawWords(label).map(dropArticle).join('');
    if (coKeys.size >= 50_000) coKeys.clear();
    coKeys.set(label, k);
  }
  return k;
}

// ------------------------------------------------------------------ the rule

/**
 * Scores whether two names are one entity; `same` when the score reaches MATCH_THRESHOLD.
 * @example nameMatch({ name: 'بيرنز', type: 'PERSON' }, { name: 'وليام بورنز', type: 'PERSON' }).same // true
 * @example nameMatch({ name: 'محمد بن سلمان', type: 'PERSON' }, { name: 'محمد بن زايد', type: 'PERSON' }).same // false
 */
export function nameMatch(a: NameEvidence, b: NameEvidence, options: NameMatchOptions = {}): NameMatchResult {
  const reasons: string[] = [];
  if (a.type !== b.type) return { score: -Infinity, same: false, reasons: [`types differ (${a.type} / ${b.type})`] };
  const sa = script(a.name);
  const sb = script(b.name);
  if (sa !== sb) return { score: -Infinity, same: false, reasons: ['names in different scripts are not compared'] };
  let score: number;
  if (a.type === 'PERSON') {
    const wa = personWords(a.name);
    const wb = personWords(b.name);
    if (!wa.length || !wb.length) return { score: -Infinity, same: false, reasons: ['empty name'] };
    score = personEvidence(wa, wb, !!options.sameDocument, reasons);
  } else {
    const wa = orgWords(a.name);
    const wb = orgWords(b.name);
    if (!wa.length || !wb.length) return { score: -Infinity, same: false, reasons: ['empty name'] };
    score = orgEvidence(a.type, wa, wb, reasons);
  }

  const roles = roleAgreement(a.roles, b.roles);
  if (roles > 0) {
    score += W_ROLE_AGREE;
    reasons.push('roles agree');
  } else if (roles < 0) {
    score += W_ROLE_CONFLICT;
    reasons.push('roles conflict');
  }

  const ca = new Set((a.cooccurring ?? []).map(coKey).filter(Boolean));
  const cb = new Set((b.cooccurring ?? []).map(coKey).filter(Boolean));
  // the names themselves are not context
  for (const k of [coKey(a.name), coKey(b.name)]) {
    ca.delete(k);
    cb.delete(k);
  }
  if (ca.size && cb.size) {
    const shared = [...ca].filter((k) => cb.has(k)).length;
    if (shared > 0) {
      score += W_CO_SHARED * Math.min(shared, 2) / 2;
      reasons.push(`${shared} co-occurring ${shared === 1 ? 'entity' : 'entities'} in common`);
    } else if (ca.size >= 2 && cb.size >= 2 && !options.sameDocument) {
      score += W_CO_DISJOINT;
      reasons.push('no co-occurring entity in common');
    }
  }
  score = Math.round(score * 1000) / 1000;
  return { score, same: score >= MATCH_THRESHOLD, reasons };
}
