/**
 * Event triggers: the words of a news text that name a PLOVER event (openeventdata/PLOVER) —
 * "التقى" CONSULT, "تظاهر" PROTEST, "انفجار سيارة مفخخة" ASSAULT/explosives — with the
 * event's status (negated, future, hypothetical, historical) and the sentence's contexts.
 *
 * Tables (data, not code): `data/events/triggers.ar.tsv` (form → type, mode, tags),
 * `data/events/cues.ar.txt` (status and feature cue words), `data/events/contexts.ar.tsv`
 * (cue → PLOVER context). See data/events/README.md.
 *
 * Matching. Each text word is read by the Arabic core's clitic segmentation: its light-stem
 * key (clitics, plural and feminine suffixes removed, folded) is compared with the key of
 * each table word, so "والتقى", "للمتظاهرين", "بالاحتجاجات" match "التقى", "متظاهر",
 * "احتجاج". The whole word folded (and without a leading و/ف) is tried too, for words the
 * segmenter leaves whole ("وفجر"), and a final tanween alif is dropped ("احتجاجاً"); a noun form
 * also matches a word the segmenter left with a preposition بـ/لـ/كـ on it ("بخطف"). A form
 * tagged `exact` compares the clitic-free word, not its light stem (مظاهرة ≠ مظاهر). A verb
 * form never matches a word with the article (طالب "demanded" ≠ الطالب "the student").
 * Multi-word forms match consecutive words of one sentence ("…" in a form lets up to three
 * words stand between); at each word the longest form wins and triggers never overlap.
 * A trigger's span starts after a conjunction, preposition or future prefix (the article and
 * attached pronouns stay): `text.slice(start, end) === trigger.text`. A verb form never matches
 * a word ending in ة (إعادة is no أعاد); a noun form never matches its nisba adjective
 * (الاجتماعي is no اجتماع); an imperfect form matches a word the segmenter left with its
 * future prefix (سيحل ~ يحل, status future); a trigger inside an [idiom] cue phrase ("صادر عن"
 * "issued by") is dropped. Forms tagged `actor` (مسلحون "gunmen") are reported with
 * `actor: true`: they name who acted, not an event; forms tagged `framed` (جولة، تهمة) with
 * `framed: true`: an event only with a verb, a light verb or a relative clause.
 *
 * Status, from cue words (data/events/cues.ar.txt) in the same sentence, by precedence:
 * - `negation`: a [negation] cue (لم لن لا ما ليس عدم دون …) among the four words before the
 *   trigger, with no punctuation in between — "ما" only before a verb form, "ما زال" ("still")
 *   never —, or a [denial] verb (نفى، ينفي، نفت …) anywhere before it in the sentence.
 *   `negated` is true exactly then.
 * - `hypothetical`: a [hypothetical] cue (إذا، لو، في حال، احتمال، ربما …) in the same window;
 *   "قد" only before an imperfect verb form (قد يهاجم "may attack"; قد هاجم is "has attacked").
 * - `future`: the trigger carries the future prefix سـ (سيزور), or a [future] cue (سوف، من
 *   المقرر، يعتزم، من المنتظر …) is in the window.
 * - `historical`: a [historical] cue (ذكرى، سبق أن، كان قد، آنذاك …) in the window, or
 *   ذكرى/الذكرى anywhere in the sentence.
 * - otherwise null (a reported, factual event).
 *
 * Pure: the tables are read once, lazily; nothing else is touched.
 */
import { foldKey, normalize, SEGMENT, segment, splitSentences, stemKey, tokenize, type Token } from '../arabic/index.js';
import { readDataList } from '../model/data-lists.js';
import { MarsadError } from '../model/errors.js';
import { dataFile } from '../model/paths.js';

export type EventStatus = null | 'historical' | 'future' | 'hypothetical' | 'negation';

export interface EventTrigger {
  /** PLOVER event type (CONSULT, AGREE, … ASSAULT, RETREAT) */
  type: string;
  /** PLOVER mode (visit, phone, demo, explosives …) or a Marsad extension mode; null when none */
  mode: string | null;
  start: number;
  end: number;
  /** `text.slice(start, end)` */
  text: string;
  negated: boolean;
  status: EventStatus;
}

/** A word (or other token) of a text as the matcher sees it. */
export interface EventWord {
  start: number;
  end: number;
  text: string;
  kind: Token['kind'];
  /** light-stem key (Arabic), or the token itself lower-cased */
  key: string;
  /** clitic-free word, folded */
  bare: string;
  /** whole word folded; `norm2` is it without a leading و/ف */
  norm: string;
  norm2: string;
  /** key of the word without a final tanween alif, when it has one */
  keyAlif: string | null;
  /** key of the word less a future prefix سـ the segmenter left on it (سيحل → يحل), else null */
  keySin: string | null;
  /** the whole word folded less a preposition بـ/لـ/كـ (and a و/ف before it) the segmenter left on it ("بخطف" → "خطف"), else null: for noun forms only */
  normPrep?: string | null;
  proclitics: string[];
  /** offset in the text where the word starts after و/ف/ب/ل/ك/س (the article is kept) */
  coreStart: number;
  /** index of the sentence the word is in */
  sentence: number;
}

interface PatternWord {
  key: string;
  bare: string;
  gap: boolean;
  /** the table word itself reads as article + stem (التقيا): a text word read so may match it */
  al: boolean;
}

interface Entry {
  form: string;
  type: string;
  mode: string | null;
  words: PatternWord[];
  /** number of real words (gaps not counted) */
  size: number;
  verb: boolean;
  imperfect: boolean;
  exact: boolean;
  weak: boolean;
  /** a noun naming the actors of an event (مسلحون "gunmen"), not the event */
  actor: boolean;
  /** a verbal noun that tells an event only with a verb, a light verb or a relative clause (جولة، تهمة) */
  framed: boolean;
  order: number;
}

const TAGS = new Set(['v', 'vi', 'n', 'p', 'exact', 'weak', 'actor', 'framed']);
const GAP = '…';
const GAP_MAX = 3;
const WINDOW = 4;

/** A word as the tables write it, read the way text words are. */
function patternWord(w: string): PatternWord {
  if (w === GAP || w === '...') return { key: '', bare: '', gap: true, al: false };
  const seg = segment(w);
  return { key: stemKey(seg.stem), bare: foldKey(seg.stem), gap: false, al: seg.proclitics.includes('ال') };
}

function compile(form: string, order: number, type: string, mode: string | null, tags: Set<string>): Entry {
  const words = form.split(/\s+/).filter(Boolean).map(patternWord);
  return {
    form, type, mode, words, size: words.filter((w) => !w.gap).length, order,
    verb: tags.has('v') || tags.has('vi'), imperfect: tags.has('vi'), exact: tags.has('exact'), weak: tags.has('weak'), actor: tags.has('actor'), framed: tags.has('framed'),
  };
}

interface Index {
  entries: Entry[];
  /** first word key (or exact bare form) → entries */
  byFirst: Map<string, Entry[]>;
  /** the bare forms of the one-word noun entries as listed (before entries with one key are merged) */
  nouns: Set<string>;
}

function buildIndex(entries: Entry[]): Index {
  const byFirst = new Map<string, Entry[]>();
  for (const e of entries) {
    const k = e.exact ? 'x:' + e.words[0]!.bare : e.words[0]!.key;
    let list = byFirst.get(k);
    if (!list) byFirst.set(k, (list = []));
    list.push(e);
  }
  return { entries, byFirst, nouns: new Set() };
}

let triggerIndex: Index | null = null;
let contextIndex: Index | null = null;

/** The trigger table, compiled (read once). */
export function triggerEntries(): readonly Entry[] {
  return loadTriggers().entries;
}

function loadTriggers(): Index {
  if (triggerIndex) return triggerIndex;
  const name = 'events/triggers.ar.tsv';
  const entries: Entry[] = [];
  const seen = new Set<string>();
  const nouns = new Set<string>();
  for (const [i, { text }] of readDataList(name).entries()) {
    const cols = text.split('\t').map((c) => c.trim());
    if (cols.length < 3) throw new MarsadError('DATA_FILE_INVALID', `'${text}': expected FORM, TYPE, MODE, TAGS separated by tabs`, dataFile(name));
    const [form, type, mode, tagCol = ''] = cols as [string, string, string, string?];
    if (!/^[A-Z]+$/.test(type)) throw new MarsadError('DATA_FILE_INVALID', `'${text}': event type '${type}' is not a PLOVER type name`, dataFile(name));
    const tags = new Set(tagCol.split(',').map((t) => t.trim()).filter(Boolean));
    for (const t of tags) if (!TAGS.has(t)) throw new MarsadError('DATA_FILE_INVALID', `'${text}': unknown tag '${t}'`, dataFile(name));
    const e = compile(form, i, type, mode === '-' || mode === '' ? null : mode, tags);
    if (!e.size || e.words[0]!.gap) continue;
    if (!e.verb && e.words.length === 1) nouns.add(e.words[0]!.bare);
    const sig = `${e.words.map((w) => (w.gap ? GAP : e.exact ? w.bare : w.key)).join(' ')}|${type}|${e.verb}`;
    if (seen.has(sig)) continue;
    seen.add(sig);
    entries.push(e);
  }
  return (triggerIndex = { ...buildIndex(entries), nouns });
}

function loadContexts(): Index {
  if (contextIndex) return contextIndex;
  const name = 'events/contexts.ar.tsv';
  const entries: Entry[] = [];
  for (const [i, { text }] of readDataList(name).entries()) {
    const [cue, ctx] = text.split('\t').map((c) => c.trim());
    if (!cue || !ctx) throw new MarsadError('DATA_FILE_INVALID', `'${text}': expected CUE and CONTEXT separated by a tab`, dataFile(name));
    entries.push(compile(cue, i, ctx, null, new Set()));
  }
  return (contextIndex = buildIndex(entries));
}

/** Cue phrases of one section of data/events/cues.ar.txt, each as folded words. */
export type CueSection = 'negation' | 'denial' | 'future' | 'hypothetical' | 'historical' | 'reported' | 'casualty' | 'opinion' | 'idiom' | 'gathering';
const CUE_SECTIONS: readonly CueSection[] = ['negation', 'denial', 'future', 'hypothetical', 'historical', 'reported', 'casualty', 'opinion', 'idiom', 'gathering'];
let cueTable: Map<CueSection, string[][]> | null = null;

const foldWord = (w: string): string => foldKey(normalize(w, SEGMENT).text);

export function cuePhrases(section: CueSection): readonly string[][] {
  if (!cueTable) {
    const t = new Map<CueSection, string[][]>(CUE_SECTIONS.map((s) => [s, []]));
    for (const { section: s, text } of readDataList('events/cues.ar.txt', CUE_SECTIONS)) {
      t.get(s as CueSection)!.push(text.split(/\s+/).map(foldWord));
    }
    cueTable = t;
  }
  return cueTable.get(section)!;
}

const CONJ = new Set(['و', 'ف']);

/** The words of a text with their matching keys and sentence numbers. */
export function eventWords(text: string): EventWord[] {
  const sentences = splitSentences(text);
  const out: EventWord[] = [];
  let s = 0;
  for (const tok of tokenize(text)) {
    while (s < sentences.length - 1 && tok.start >= sentences[s]!.end) s++;
    if (tok.kind !== 'arabic') {
      const k = tok.text.toLowerCase();
      out.push({ start: tok.start, end: tok.end, text: tok.text, kind: tok.kind, key: k, bare: k, norm: k, norm2: k, keyAlif: null, keySin: null, proclitics: [], coreStart: tok.start, sentence: s });
      continue;
    }
    const seg = segment(tok.text);
    const norm = foldWord(tok.text);
    let core = tok.start;
    for (const p of seg.parts) {
      if (p.kind === 'proclitic' && p.morpheme !== 'ال') core = tok.start + p.end;
      else break;
    }
    let keyAlif: string | null = null;
    if (norm.length >= 5 && norm.endsWith('ا')) {
      const s2 = segment(normalize(tok.text, SEGMENT).text.slice(0, -1));
      keyAlif = stemKey(s2.stem);
    }
    out.push({
      start: tok.start, end: tok.end, text: tok.text, kind: tok.kind,
      key: stemKey(seg.stem), bare: foldKey(seg.stem), norm,
      norm2: norm.length >= 3 && CONJ.has(norm[0]!) ? norm.slice(1) : norm,
      keyAlif, proclitics: seg.proclitics, coreStart: core, sentence: s,
      keySin: !seg.proclitics.includes('س') && /^س[يتن]../.test(norm.length >= 3 && CONJ.has(norm[0]!) ? norm.slice(1) : norm) ? stemKey(segment((CONJ.has(norm[0]!) ? norm.slice(1) : norm).slice(1)).stem) : null,
      normPrep: !seg.proclitics.length && /^[وف]?[بلك].{3,}$/.test(norm) ? norm.replace(/^[وف]?[بلك]/, '') : null,
    });
  }
  return out;
}

function wordMatches(p: PatternWord, w: EventWord, exact: boolean): boolean {
  if (exact) return p.bare === w.bare || p.bare === w.norm || p.bare === w.norm2;
  return p.key === w.key || p.key === w.norm || p.key === w.norm2 || (w.keyAlif !== null && p.key === w.keyAlif);
}

/** An imperfect form matched only through a future prefix the segmenter left on the word ("سيحل"). */
function viaSin(e: Entry, w: EventWord): boolean {
  return e.imperfect && !e.exact && w.keySin !== null && w.keySin === e.words[0]!.key && !wordMatches(e.words[0]!, w, false);
}

/** A noun form matched only through a preposition the segmenter left on the word ("بخطف نائب رئيس البلدية"). */
function viaPrep(e: Entry, w: EventWord): boolean {
  const p = e.words[0]!;
  return !e.verb && !!w.normPrep && (w.normPrep === (e.exact ? p.bare : p.key) || w.normPrep === p.bare) && !wordMatches(p, w, e.exact);
}

const isWordKind = (k: Token['kind']): boolean => k === 'arabic' || k === 'number' || k === 'latin' || k === 'acronym';

const MARKS = /[\u064B-\u065F\u0670\u0640]/g;
const NISBA = /^(ي|يه|يين|يون|يات)$/;

/** Index of the last word of `e` matched from word `i`, or -1. */
function matchAt(e: Entry, words: EventWord[], i: number): number {
  const first = words[i]!;
  if (e.verb && first.proclitics.includes('ال') && !e.words[0]!.al) return -1;
  // a verb form never ends in ة: إعادة "re-" is no أعاد, صادرة "issued" no صادر "confiscated"
  if (e.verb && first.text.replace(MARKS, '').endsWith('ة')) return -1;
  // a nisba adjective is not the noun it derives from: الاجتماعي "social" ≠ اجتماع "meeting"
  const p0 = e.words[0]!;
  // (unless the table lists the word itself: اتفاقية "agreement" is a noun of its own)
  if (!e.verb && !e.exact && !p0.bare.endsWith('ي') && first.bare.startsWith(p0.bare) && NISBA.test(first.bare.slice(p0.bare.length)) && !listedNoun(first.bare)) return -1;
  let j = i;
  for (let k = 0; k < e.words.length; k++) {
    const p = e.words[k]!;
    if (k === 0) {
      if (!wordMatches(p, first, e.exact) && !viaSin(e, first) && !viaPrep(e, first)) return -1;
      continue;
    }
    if (p.gap) continue;
    const afterGap = e.words[k - 1]!.gap;
    let found = -1;
    for (let t = j + 1; t < words.length && t <= j + 1 + (afterGap ? GAP_MAX : 0); t++) {
      const w = words[t]!;
      if (w.sentence !== first.sentence || !isWordKind(w.kind)) break;
      if (wordMatches(p, w, e.exact)) {
        found = t;
        break;
      }
    }
    if (found < 0) return -1;
    j = found;
  }
  return j;
}

/** Whether a word's bare form (or its singular in ـية for a plural in ـيات) is a one-word noun form of the trigger table. */
function listedNoun(bare: string): boolean {
  const set = loadTriggers().nouns;
  return set.has(bare) || (bare.endsWith('يات') && set.has(bare.slice(0, -2) + 'ه'));
}

function candidates(idx: Index, w: EventWord): Entry[] {
  if (w.kind !== 'arabic') return [];
  const out = new Set<Entry>();
  for (const k of [w.key, w.norm, w.norm2, w.keyAlif, w.keySin, w.normPrep]) if (k) for (const e of idx.byFirst.get(k) ?? []) out.add(e);
  for (const k of [w.bare, w.norm, w.norm2, w.normPrep]) if (k) for (const e of idx.byFirst.get('x:' + k) ?? []) out.add(e);
  return [...out];
}

interface Hit {
  entry: Entry;
  first: number;
  last: number;
}

/** Greedy, left to right, longest match first; hits never overlap. */
function scan(idx: Index, words: EventWord[], from = 0, to = words.length): Hit[] {
  const hits: Hit[] = [];
  for (let i = from; i < to; i++) {
    let best: Hit | null = null;
    for (const e of candidates(idx, words[i]!)) {
      const last = matchAt(e, words, i);
      if (last < 0) continue;
      if (!best || e.size > best.entry.size || (e.size === best.entry.size && (Number(best.entry.weak) - Number(e.weak) || best.entry.order - e.order) > 0)) {
        best = { entry: e, first: i, last };
      }
    }
    if (best) {
      hits.push(best);
      i = best.last;
    }
  }
  return hits;
}

function phraseAt(words: EventWord[], i: number, phrase: string[]): boolean {
  for (let k = 0; k < phrase.length; k++) {
    const w = words[i + k];
    if (!w || w.kind !== 'arabic') return false;
    const p = phrase[k]!;
    if (w.norm !== p && !(k === 0 && w.norm2 === p)) return false;
  }
  return true;
}

/** Whether one of `section`'s cue phrases starts at any of the word indices given. */
function cueIn(words: EventWord[], indices: number[], section: CueSection): string[] | null {
  for (const i of indices) for (const ph of cuePhrases(section)) if (phraseAt(words, i, ph)) return ph;
  return null;
}

/** The status of the event a trigger (words[first]) names; see the module comment. */
export function triggerStatus(words: EventWord[], first: number, entry: { verb: boolean; imperfect: boolean }): EventStatus {
  const w0 = words[first]!;
  const window: number[] = [];
  for (let i = first - 1, n = 0; i >= 0 && n < WINDOW; i--) {
    const w = words[i]!;
    if (w.sentence !== w0.sentence || w.kind === 'punct' || w.kind === 'ellipsis') break;
    window.push(i);
    n++;
  }
  const sentenceBefore: number[] = [];
  for (let i = first - 1; i >= 0 && words[i]!.sentence === w0.sentence; i--) sentenceBefore.push(i);

  // negation
  for (const i of window) {
    for (const ph of cuePhrases('negation')) {
      if (!phraseAt(words, i, ph)) continue;
      if (ph.length === 1 && ph[0] === 'ما') {
        const next = words[i + 1];
        if (!entry.verb || (next && /^(زال|تزال|يزال|زالت|دام|دامت)$/.test(next.norm))) continue;
        // "وهو ما وافق عليه": ما after a pronoun or demonstrative is a relative ("what"), not "not"
        const before = words[i - 1];
        if (before && before.sentence === w0.sentence && /^(هو|هي|هذا|هذه|ذلك|وهو|وهي|وهذا|وهذه|وذلك)$/.test(before.norm)) continue;
      }
      return 'negation';
    }
  }
  if (cueIn(words, sentenceBefore, 'denial')) return 'negation';
  // hypothetical
  for (const i of window) {
    for (const ph of cuePhrases('hypothetical')) {
      if (!phraseAt(words, i, ph)) continue;
      if (ph.length === 1 && ph[0] === 'قد' && !(entry.imperfect && i === first - 1)) continue;
      return 'hypothetical';
    }
  }
  // future
  if (w0.proclitics.includes('س') || cueIn(words, window, 'future')) return 'future';
  // historical
  if (cueIn(words, window, 'historical')) return 'historical';
  for (const i of sentenceBefore) if (words[i]!.key === 'ذكري') return 'historical';
  for (let i = first + 1; i < words.length && words[i]!.sentence === w0.sentence; i++) if (words[i]!.key === 'ذكري') return 'historical';
  return null;
}

function toTrigger(text: string, words: EventWord[], h: Hit): EventTrigger {
  const w0 = words[h.first]!;
  const p0 = h.entry.words[0]!;
  let start = w0.coreStart;
  // matched only as the whole word less a leading و/ف (a word the segmenter left whole)
  if (start === w0.start && w0.norm2 !== w0.norm && ![w0.key, w0.bare, w0.norm, w0.keyAlif].includes(h.entry.exact ? p0.bare : p0.key)) {
    start++;
    while (start < w0.end && /[\u064B-\u065F\u0670\u0640]/.test(text[start]!)) start++;
  }
  if (viaPrep(h.entry, w0)) {
    // the span starts after the preposition (and its و/ف): the noun as the table writes it
    let letters = w0.norm.length - w0.normPrep!.length;
    start = w0.start;
    while (start < w0.end && letters > 0) {
      start++;
      if (!/[\u064B-\u065F\u0670\u0640]/.test(text[start - 1]!)) letters--;
    }
    while (start < w0.end && /[\u064B-\u065F\u0670\u0640]/.test(text[start]!)) start++;
  }
  const sin = viaSin(h.entry, w0);
  if (sin) {
    start = w0.start + w0.text.indexOf('س') + 1;
    while (start < w0.end && /[\u064B-\u065F\u0670\u0640]/.test(text[start]!)) start++;
  }
  const end = words[h.last]!.end;
  const st = triggerStatus(words, h.first, h.entry);
  const status = sin && (st === null || st === 'historical') ? 'future' : st;
  return { type: h.entry.type, mode: h.entry.mode, start, end, text: text.slice(start, end), negated: status === 'negation', status };
}

/** Whether an [idiom] cue phrase (data/events/cues.ar.txt: "صادر عن" "issued by") covers words[i]. */
function inIdiom(words: EventWord[], i: number): boolean {
  for (const ph of cuePhrases('idiom')) {
    for (let k = 0; k < ph.length; k++) if (i - k >= 0 && words[i - k]!.sentence === words[i]!.sentence && phraseAt(words, i - k, ph)) return true;
  }
  return false;
}

/** The trigger table's hits in a text, less those inside an idiom. */
function triggerHits(words: EventWord[]): Hit[] {
  return scan(loadTriggers(), words).filter((h) => !inIdiom(words, h.first));
}

/** A trigger with the table entry's tags, for the classifier's features. */
export interface TriggerDetail extends EventTrigger {
  weak: boolean;
  verb: boolean;
  /** the table form that matched */
  form: string;
  /** a noun naming the actors (مسلحون), tagged `actor` in the table: no event of its own */
  actor: boolean;
  /** tagged `framed`: an event only with a verb, a light verb or a relative clause ("قام بجولة"; not "جولة الإعادة", "بتهمة") */
  framed: boolean;
  /** index of its first word in `eventWords(text)` */
  word: number;
}

/** Like findEventTriggers, over words already read, with the table entry's tags. */
export function triggerDetails(text: string, words: EventWord[]): TriggerDetail[] {
  return triggerHits(words).map((h) => ({ ...toTrigger(text, words, h), weak: h.entry.weak, verb: h.entry.verb, form: h.entry.form, actor: h.entry.actor, framed: h.entry.framed, word: h.first }));
}

/**
 * The event triggers of a text, in text order, with PLOVER type, mode, span and status.
 * @example findEventTriggers('والتقى الوزير نظيره المغربي') // [{ type: 'CONSULT', mode: null, text: 'التقى', … }]
 */
export function findEventTriggers(text: string): EventTrigger[] {
  const words = eventWords(text);
  return triggerHits(words).map((h) => toTrigger(text, words, h));
}

/**
 * The PLOVER contexts cued in the sentence that holds `start` … `end` (a trigger's span):
 * terrorism, intelligence, crime, illegal_drugs, cyber, trafficking, migration, military,
 * diplomatic, legal, … in order of their first cue, each once.
 */
export function eventContexts(text: string, start: number, end: number): string[] {
  const sentences = splitSentences(text);
  const s = sentences.find((x) => start < x.end && end > x.start) ?? sentences.find((x) => start >= x.start && start <= x.end);
  return contextsOf(s ? text.slice(s.start, s.end) : text);
}

/** The PLOVER contexts cued anywhere in a text (one sentence, usually). */
export function contextsOf(sentence: string): string[] {
  const out: string[] = [];
  for (const h of scan(loadContexts(), eventWords(sentence))) if (!out.includes(h.entry.type)) out.push(h.entry.type);
  return out;
}
