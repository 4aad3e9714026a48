/**
 * Quotations in Arabic news text: direct quotes in “ ” « » „ and straight double quotes, and
 * partial quotes inside reported speech (قال إن بلاده "لن تقبل بذلك"), each with the reporting
 * cue that introduces or follows it and, when the text names the speaker next to the cue,
 * where it does.
 *
 * Quote marks are paired within a paragraph (a line of the text):
 * - a mark's direction is read from its neighbours first (a space or a clitic letter before
 *   and a letter after opens: "بـ”مؤشر", و"داعش"; a letter before and a space or punctuation
 *   after closes), then from the character (“ „ « open, ” » close, " alternates);
 * - a closer pairs with the nearest open mark of its family (curly, guillemets, straight);
 *   a closer with no opener is ignored;
 * - a quote nested in a quote is part of the outer one;
 * - an opener left unclosed at the paragraph's end closes at the last closer inside it when
 *   punctuation follows that closer ("… يشبه “برميل بارود”، …": one mark closes both),
 *   otherwise at the paragraph's end — never beyond it.
 *
 * A quoted stretch is a quote, not a quoted name or scare-quoted term (“إف بي آي”، “داعش”،
 * “برميل بارود”), when:
 * - 1–4 words: a reporting cue governs it and it reads as a clause (a particle such as لا، لن،
 *   قد، إن, a pronoun, an imperfect verb, a pronoun suffix), or — 3–4 words — it is the whole
 *   complement of a cue right before it ("قال إن “…”." , also when a coordinated clause
 *   follows: "وقال إن «…» وطالب …"); 1–2 words right after a preposition are the object of
 *   the verb, not a quote ("أعرب عن “صدمته”");
 * - 5 words: a cue and (clause-like or right after the cue), or clause-like with inner
 *   punctuation;
 * - 6 words or more: a cue or clause-like content; 8 words or more: always (names and titles
 *   are shorter).
 *
 * The cue is the nearest reporting word (`data/reporting-verbs.ar.txt`) before the quote in
 * the same sentence (up to 25 words back, skipping other quoted stretches; a quote opening a
 * paragraph after one that ends with ":" looks into it), else a verb or participle right
 * after the closing mark ("“…”، قال الوزير"), else an "according to" phrase later in the
 * sentence ("…”، حسب الخبير"). The speaker span is the noun phrase after a verb cue (up to a
 * comma, إن/أن, a preposition that opens the complement, "في تصريح …", 8 words), or the one
 * before it when nothing follows ("بيرنز قال"); after an "according to" cue the phrase that
 * follows it ("حسب بلاغ للمديرية العامة للأمن الوطني"). Participles ("قائلا") get none: their
 * speaker is the subject of the clause they hang on, resolved later. A word with لل right
 * after the verb is the addressee ("قال للصحافة"), not the speaker.
 *
 * Reporting cues without a quote count as reported speech (for speaker tracking) when a
 * complementiser, a colon or a quote follows in the sentence, or — for verbs of pointing out
 * and calling for (أشار، لفت، نبه، دعا) — إلى ("لفت الحافظي إلى ضرورة …").
 *
 * The analyse stage imports only the Arabic core, the extract stage and the model.
 */
import { fold, segment } from '../arabic/index.js';
import { readDataList } from '../model/data-lists.js';

/** A quotation found in a text; offsets are into that text, end exclusive. */
export interface QuoteSpan {
  /** the quoted words without the quote marks: `text.slice(start, end)` */
  text: string;
  start: number;
  end: number;
  /** the reporting verb, participle or "according to" phrase, without a leading و/ف */
  cue: { text: string; start: number; end: number } | null;
  /** where the text names the speaker next to the cue, when it does */
  speakerSpan?: { start: number; end: number };
}

export type CueKind = 'verb' | 'participle' | 'according';

/** A reporting cue of the text, whether or not it introduces a quote. */
export interface CueSpan {
  text: string;
  start: number;
  end: number;
  kind: CueKind;
  speakerSpan?: { start: number; end: number };
  /** offset where the cue's sentence starts */
  sentenceStart: number;
  /** true when it introduces (or follows) a quote of `findQuotes` */
  quote: boolean;
}

// ------------------------------------------------------------------ lexicon

interface CueEntry {
  /** folded words */
  words: string[];
  kind: CueKind;
}

let lexicon: Map<string, CueEntry[]> | null = null;

const foldCache = new Map<string, string>();

/** A word folded for comparison (MATCH: marks, tatweel, alef/hamza, ة/ى folded). */
function fw(w: string): string {
  let r = foldCache.get(w);
  if (r === undefined) {
    r = fold(w);
    if (foldCache.size > 50_000) foldCache.clear();
    foldCache.set(w, r);
  }
  return r;
}

const SECTIONS = { verbs: 'verb', participles: 'participle', according: 'according' } as const;

/** The cues of `data/reporting-verbs.ar.txt` by their first folded word, longest first; loaded once. */
function loadLexicon(): Map<string, CueEntry[]> {
  if (lexicon) return lexicon;
  const map = new Map<string, CueEntry[]>();
  for (const { section, text } of readDataList('reporting-verbs.ar.txt', Object.keys(SECTIONS))) {
    const words = text.split(/\s+/).map(fw);
    const list = map.get(words[0]!) ?? [];
    list.push({ words, kind: SECTIONS[section as keyof typeof SECTIONS] });
    list.sort((a, b) => b.words.length - a.words.length);
    map.set(words[0]!, list);
  }
  lexicon = map;
  return map;
}

/**
 * The kind of reporting cue a single word is (a leading و/ف allowed), or null.
 * @example reportingCueKind('وأضاف') // 'verb'
 */
export function reportingCueKind(word: string): CueKind | null {
  const f = fw(word);
  const lx = loadLexicon();
  for (const cand of [f, /^[وف]/.test(f) && f.length > 2 ? f.slice(1) : '']) {
    if (!cand) continue;
    const e = lx.get(cand)?.find((x) => x.words.length === 1);
    if (e) return e.kind;
  }
  return null;
}

// ------------------------------------------------------------------ tokens

type TokKind = 'w' | 'p' | 'q' | 'nl';

interface Tok {
  kind: TokKind;
  start: number;
  end: number;
  text: string;
  /** folded word ('' for others) */
  f: string;
  /** index of the quoted stretch (top-level pair) holding it, -1 when outside */
  inQ: number;
}

const QUOTE_CHARS = '“”„‟«»"';
const TOKEN_RE = /[\p{L}\p{M}\p{N}\u0640\u200C\u200D]+|\n|[^\s\p{L}\p{M}\p{N}]/gu;
const SENTENCE_END = new Set(['.', '!', '?', '؟', '…']);

function tokenizeAll(text: string): Tok[] {
  const toks: Tok[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const s = m[0];
    const start = m.index;
    const kind: TokKind = s === '\n' ? 'nl' : QUOTE_CHARS.includes(s) ? 'q' : /^[\p{L}\p{M}\p{N}\u0640]/u.test(s) ? 'w' : 'p';
    toks.push({ kind, start, end: start + s.length, text: s, f: kind === 'w' ? fw(s) : '', inQ: -1 });
  }
  return toks;
}

// ------------------------------------------------------------------ pairing

type Family = 'curly' | 'guil' | 'straight';

interface Pair {
  /** offset of the opening mark */
  open: number;
  /** offset of the closing mark, or of the paragraph's end when unclosed */
  close: number;
  closed: boolean;
}

function family(c: string): Family {
  return c === '«' || c === '»' ? 'guil' : c === '"' ? 'straight' : 'curly';
}

const LEFT_OPEN_PUNCT = /[([{«“„:،,؛;\-–—ـ/]/;
const RIGHT_CLOSE_PUNCT = /[.,،:;؛!?؟)\]}»”…\-–—]/;

function direction(text: string, i: number, lineStart: number, lineEnd: number): 'open' | 'close' | 'either' {
  const c = text[i]!;
  const prev = i > lineStart ? text[i - 1]! : '';
  const next = i + 1 < lineEnd ? text[i + 1]! : '';
  let left = !prev || /\s/.test(prev) || LEFT_OPEN_PUNCT.test(prev);
  if (!left && /[وفبلك]/.test(prev)) {
    // a proclitic letter written against the mark: ل"فبراير"، و"داعش"، ول"…"
    let k = i - 1;
    while (k > lineStart && i - k <= 2 && /[وفبلك]/.test(text[k - 1]!)) k--;
    left = k === lineStart || /[\s(«“:،,]/.test(text[k - 1]!);
  }
  const right = !next || /\s/.test(next) || RIGHT_CLOSE_PUNCT.test(next) || next === '"';
  if (left && !right) return 'open';
  if (right && !left) return 'close';
  if (c === '“' || c === '„' || c === '‟' || c === '«') return 'open';
  if (c === '”' || c === '»') return 'close';
  return 'either';
}

function pairLine(text: string, lineStart: number, lineEnd: number): Pair[] {
  const pairs: Pair[] = [];
  const stack: { pos: number; fam: Family }[] = [];
  for (let i = lineStart; i < lineEnd; i++) {
    const c = text[i]!;
    if (!QUOTE_CHARS.includes(c)) continue;
    const fam = family(c);
    let dir = direction(text, i, lineStart, lineEnd);
    if (dir === 'either') dir = stack.some((s) => s.fam === fam) ? 'close' : 'open';
    if (dir === 'open') {
      stack.push({ pos: i, fam });
      continue;
    }
    let k = stack.length - 1;
    while (k >= 0 && stack[k]!.fam !== fam) k--;
    if (k < 0) continue; // a closer with no opener
    pairs.push({ open: stack[k]!.pos, close: i, closed: true });
    stack.length = k; // openers above it were stray: they lie inside this pair
  }
  // unclosed openers, outermost first
  let coveredTo = -1;
  for (const o of stack) {
    if (o.pos < coveredTo) continue;
    const inner = pairs.filter((p) => p.open > o.pos);
    const lastClose = inner.length ? Math.max(...inner.map((p) => p.close)) : -1;
    let close = lineEnd;
    if (lastClose > 0) {
      const after = text.slice(lastClose + 1, lineEnd);
      if (/^\s*(?:$|[.,،:;؛!?؟…])/.test(after)) close = lastClose;
    }
    pairs.push({ open: o.pos, close, closed: close !== lineEnd });
    coveredTo = close;
  }
  return pairs;
}

/** The top-level pairs of the text (nested ones dropped), in text order. */
function pairAll(text: string): Pair[] {
  const out: Pair[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    out.push(...pairLine(text, lineStart, lineEnd));
    lineStart = lineEnd + 1;
  }
  out.sort((a, b) => a.open - b.open || b.close - a.close);
  const top: Pair[] = [];
  for (const p of out) {
    const last = top[top.length - 1];
    if (last && p.open < last.close) continue;
    top.push(p);
  }
  return top;
}

// ------------------------------------------------------------------ word classes

const f = (words: string[]): Set<string> => new Set(words.map(fw));

/** Complementisers: "قال إن"، "أكد أن". */
const COMPLEMENTISERS = f(['إن', 'أن', 'بأن', 'إنه', 'أنه', 'إنها', 'أنها', 'بأنه', 'بأنها', 'أنهم', 'إنهم', 'إننا', 'أننا', 'فإن', 'لأن']);

/** Words that make a quoted stretch read as a clause rather than a name or term. */
const CLAUSE_WORDS = f([
  'لا', 'لن', 'لم', 'ليس', 'ليست', 'لسنا', 'لست', 'قد', 'لقد', 'سوف', 'إن', 'أن', 'إنه', 'إنها', 'إننا', 'أننا',
  'هو', 'هي', 'هم', 'هن', 'نحن', 'أنا', 'أنت', 'أنتم', 'هذا', 'هذه', 'هؤلاء', 'ذلك', 'تلك', 'هناك', 'هنا',
  'كان', 'كانت', 'كانوا', 'يكون', 'تكون', 'يجب', 'ينبغي', 'يمكن', 'ما', 'لكن', 'لأن', 'إذا', 'لو', 'الذي',
  'التي', 'الذين', 'عندما', 'حين', 'كيف', 'لماذا', 'متى', 'نعم', 'أصبح', 'أصبحت', 'بات', 'باتت', 'ظل', 'ظلت',
]);

/** Nouns that look like imperfect verbs. */
const NOT_VERBS = f(['يوم', 'يونيو', 'يوليو', 'يناير', 'يمين', 'يسار', 'تونس', 'نوفمبر', 'يد', 'نحو', 'نفس', 'نفسه']);

/** Words that end a speaker phrase after a verb cue. */
const SPEAKER_STOP = f([
  'على', 'إلى', 'الى', 'عن', 'خلال', 'أمام', 'اليوم', 'أمس', 'مساء', 'صباح', 'يوم', 'ثم', 'كما', 'أيضا', 'كذلك',
  'بدوره', 'بدورها', 'بدورهم', 'ذلك', 'هذا', 'هذه', 'قبل', 'بعد', 'حيث', 'الذي', 'التي', 'مع', 'من', 'منذ',
  'تصريح', 'تصريحات', 'حديث', 'حوار', 'مقابلة', 'لقاء', 'كلمة', 'ندوة', 'مؤتمر',
  'القول', 'الكلام', 'قوله', 'قولها', 'قولهم', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'الأحد', 'لا', 'لم', 'لن', 'قد', 'هو', 'هي',
]);
/** After "في" these end a speaker phrase: "وقال الحافظي في تصريح …" (but "الباحث في العلوم"). */
const IN_STOP = f([
  'تصريح', 'تصريحات', 'حديث', 'حوار', 'كلمة', 'مقابلة', 'لقاء', 'ندوة', 'مؤتمر', 'بيان', 'بلاغ', 'تدوينة',
  'تغريدة', 'رسالة', 'منشور', 'اتصال', 'سياق', 'هذا', 'هذه', 'ذلك', 'معرض', 'إطار', 'ختام', 'تعليق', 'رده',
  'المقابل', 'الوقت', 'حين', 'خطاب', 'رد', 'افتتاح', 'اجتماع',
]);
/** "في تصريح", "في خطابه", "في كلمتها": the setting of the speech, not the speaker's role. */
function inStop(w: string): boolean {
  if (IN_STOP.has(w)) return true;
  const bare = w.replace(/(?:ته|تها)$/, 'ه').replace(/(?:ه|ها|هم)$/, '');
  return bare !== w && (IN_STOP.has(bare) || IN_STOP.has(bare + 'ه'));
}
/** Media nouns after ل that end a speaker phrase: "صرح لجريدة …". */
const MEDIA = f(['جريدة', 'صحيفة', 'موقع', 'وكالة', 'قناة', 'إذاعة', 'مجلة', 'الجريدة', 'الصحيفة', 'الموقع', 'الوكالة', 'القناة']);
/** Documents an institution speaks through ("وجاء في البلاغ"), folded, without ال. */
const DOCUMENT_NOUNS = f(['بلاغ', 'بيان', 'تقرير', 'مذكرة', 'رسالة', 'وثيقة', 'منشور', 'تدوينة', 'تغريدة', 'إعلان', 'مراسلة', 'حوار', 'تصريح', 'كلمة', 'خطاب']);
/** Prepositions whose object a short quoted stretch right after them is ("أعرب عن “قلقه”"). */
const PREPOSITIONS = f(['عن', 'على', 'إلى', 'الى', 'من', 'في', 'ب', 'بـ', 'ل', 'لـ', 'حول', 'مع']);
/** Verbs whose complement may be "إلى + noun" instead of أن ("لفت الحافظي إلى ضرورة …"): reported speech. */
const TO_VERBS = f(['أشار', 'أشارت', 'أشاروا', 'يشير', 'تشير', 'لفت', 'لفتت', 'يلفت', 'نبه', 'نبهت', 'ينبه', 'تنبه', 'دعا', 'دعت', 'دعوا', 'يدعو', 'تدعو']);
const TO = f(['إلى', 'الى']);
/** Cue forms that before أن are the idiom "it is worth noting". */
const IDIOMS = f(['يذكر', 'تذكر', 'يشار']);
/** Verbs of relaying: the speaker follows عن. */
const RELAYED = f(['نقل', 'نقلت']);
const ISSUED = f(['صادر', 'الصادر', 'صادرة', 'الصادرة']);
/** Words that end a speaker phrase read backwards from the cue ("بيرنز قال"). */
const BEFORE_STOP = f([
  'في', 'من', 'على', 'إلى', 'عن', 'مع', 'و', 'ثم', 'كما', 'أن', 'إن', 'الذي', 'التي', 'الذين', 'قد', 'لقد',
  'حيث', 'بعد', 'قبل', 'هذا', 'هذه', 'ذلك', 'السياق', 'الصدد', 'جهته', 'جهتها', 'جانبه', 'جانبها', 'أما',
]);

function isVerbLike(w: string): boolean {
  let s = w;
  if (NOT_VERBS.has(s)) return false;
  if (/^[وف]/.test(s) && s.length > 3) s = s.slice(1);
  if (/^س[يتن]/.test(s) && s.length > 4) s = s.slice(1);
  if (NOT_VERBS.has(s) || s.startsWith('ال')) return false;
  if (/^[ين]/.test(s) && s.length >= 4 && s[2] !== 'ا' && !/(?:ه|ات|يه)$/.test(s)) return true;
  if (/^ي/.test(s) && s.length === 3) return true; // يرى، يجب
  if (/^ت/.test(s) && s.length === 4 && !/[هي]$/.test(s)) return true;
  if (/وا$/.test(s) && s.length >= 4) return true; // قالوا
  return false;
}

let exclusions: { heads: Set<string>; slogans: Set<string> } | null = null;

/** The words of `data/quote-exclusions.ar.txt`, folded; loaded once. */
function loadExclusions(): { heads: Set<string>; slogans: Set<string> } {
  if (exclusions) return exclusions;
  const e = { heads: new Set<string>(), slogans: new Set<string>() };
  for (const { section, text } of readDataList('quote-exclusions.ar.txt', ['name-heads', 'slogans'])) {
    (section === 'name-heads' ? e.heads : e.slogans).add(fw(text));
  }
  return (exclusions = e);
}

/** The word without a leading و/ف and a one-letter preposition (ب، ل، ك; not لل, which is ل + ال). */
function bareWord(w: string, known: Set<string>): string {
  let s = w.replace(/\u0640/g, '');
  if (!known.has(s) && /^[وف]/.test(s) && s.length > 3) s = s.slice(1);
  if (!known.has(s) && /^[بلك]/.test(s) && !s.startsWith('لل') && s.length > 3) s = s.slice(1);
  return s;
}

/**
 * "صحيفة “نيويورك تايمز”", "برنامج بعنوان «…»": an indefinite noun of naming right before a
 * short quoted stretch holds its name in construct. A definite noun there ("قالت الحركة «…»")
 * is the speaker, so only the bare forms of the list count (and its own ال forms: المسمى).
 */
function nameHeadBefore(toks: Tok[], first: number): boolean {
  const p = toks[first - 1];
  if (!p || p.kind !== 'w') return false;
  const { heads } = loadExclusions();
  return heads.has(bareWord(p.f, heads));
}

/**
 * A word of chanting or banners (شعارات، هتف، لافتات) within six words before the quoted
 * stretch, in its sentence, other quoted stretches skipped: the stretch is a slogan.
 */
function sloganBefore(toks: Tok[], first: number): boolean {
  const { slogans } = loadExclusions();
  let n = 0;
  // bounded in tokens too: a run of quoted stretches with no sentence end must stay linear
  for (let k = first - 1; k >= 0 && n < 6 && k >= first - 60; k--) {
    const t = toks[k]!;
    if (isSentenceEnd(t) || t.kind === 'nl') return false;
    if (t.kind !== 'w' || t.inQ >= 0) continue;
    n++;
    if (slogans.has(bareWord(t.f, slogans))) return true;
  }
  return false;
}

function clauseLike(words: Tok[]): boolean {
  for (const t of words) {
    const w = t.f;
    if (CLAUSE_WORDS.has(w)) return true;
    if (/^[وف]/.test(w) && CLAUSE_WORDS.has(w.slice(1))) return true;
    if (isVerbLike(w)) return true;
    if (/[\u0600-\u06FF]/.test(t.text) && w.length >= 4) {
      const seg = segment(t.text);
      if (seg.enclitics.length && seg.stem.length >= 3 && !seg.proclitics.includes('ال')) return true;
    }
  }
  return false;
}

// ------------------------------------------------------------------ cues

interface CueMatch {
  kind: CueKind;
  /** first and last token index */
  first: number;
  last: number;
  /** offset where the cue starts, after a leading و/ف */
  start: number;
}

function matchCue(toks: Tok[], i: number): CueMatch | null {
  const t = toks[i];
  if (!t || t.kind !== 'w' || t.inQ >= 0) return null;
  const lx = loadLexicon();
  const variants: [string, number][] = [[t.f, 0]];
  if (/^[وف]/.test(t.f) && t.f.length > 2) variants.push([t.f.slice(1), 1]);
  for (const [w, skip] of variants) {
    for (const e of lx.get(w) ?? []) {
      let ok = true;
      for (let k = 1; k < e.words.length && ok; k++) {
        const u = toks[i + k];
        ok = !!u && u.kind === 'w' && u.inQ < 0 && u.f === e.words[k];
      }
      if (!ok) continue;
      const next = toks[i + e.words.length];
      // "وجاء في البلاغ" but not "جاء في سياق"
      if (e.words[e.words.length - 1] === 'في' && !(next?.kind === 'w' && DOCUMENT_NOUNS.has(next.f.replace(/^(?:ال|[بل]ال|لل)/, '')))) continue;
      // "ويذكر أن …": "it is worth noting", no one speaks
      if (e.words.length === 1 && IDIOMS.has(w) && next?.kind === 'w' && COMPLEMENTISERS.has(next.f)) continue;
      // the conjunction letter is only dropped when the text has it as a separate letter
      const start = skip ? t.start + leadingLetters(t.text, 1) : t.start;
      return { kind: e.kind, first: i, last: i + e.words.length - 1, start };
    }
  }
  return null;
}

/** Length in code units of the first n letters of a word (with any marks after them). */
function leadingLetters(word: string, n: number): number {
  let i = 0;
  let letters = 0;
  while (i < word.length && letters < n) {
    i++;
    letters++;
    while (i < word.length && /[\u064B-\u065F\u0670\u0640]/.test(word[i]!)) i++;
  }
  return i;
}

interface Ctx {
  text: string;
  toks: Tok[];
  /** token index by start offset */
  at: Map<number, number>;
}

function isSentenceEnd(t: Tok): boolean {
  return t.kind === 'nl' || (t.kind === 'p' && SENTENCE_END.has(t.text));
}


/** The speaker phrase after a cue ending at token `last` (verb or according kind). */
function spanAfter(ctx: Ctx, m: CueMatch): { start: number; end: number; lastTok: number } | null {
  const { toks } = ctx;
  // after "حسبما أفاد به", "وفق ما أورده": the phrase starts after the cue's verb
  let j = cueEndTok(ctx, m) + 1;
  const words: Tok[] = [];
  const max = m.kind === 'according' ? 10 : 8;
  let lastTok = -1;
  while (j < toks.length && words.length < max) {
    const t = toks[j]!;
    if (t.inQ >= 0) break;
    if (t.kind === 'p' && t.text === '(') {
      // a short parenthesised acronym inside the phrase: "(FBI)"
      let k = j + 1;
      while (k < toks.length && k - j <= 5 && toks[k]!.text !== ')' && toks[k]!.kind === 'w') k++;
      if (toks[k]?.text === ')' && k > j + 1) {
        j = k + 1;
        continue;
      }
      break;
    }
    if (t.kind !== 'w') break;
    const w = t.f;
    if (COMPLEMENTISERS.has(w)) break;
    if (m.kind === 'verb') {
      const prev = words[words.length - 1];
      // a circumstantial participle, not a subject: "وزاد شارحا"
      if (!words.length && /^(?:م[^\s]{3,5}|[^\s]ا[^\s]{2})ا$/.test(w) && !w.startsWith('ال')) break;
      if (w === fw('عن') && RELAYED.has(toks[m.first]!.f.replace(/^[وف](?=نقل)/, '')) && words.length) {
        // "ونقلت الوكالة عن مصدر مطلع قوله": the source speaks, not the outlet
        words.length = 0;
        j++;
        continue;
      }
      if (SPEAKER_STOP.has(w) && !(w === fw('عن') && prev && ISSUED.has(prev.f))) break;
      if (w === 'في' && (inStop(toks[j + 1]?.f ?? '') || !words.length)) break;
      if (w.length === 1) break; // a lone clitic: لـ"هسبريس"
      if (!words.length && /^لل\p{L}{3}/u.test(w)) break; // the addressee: "قال للصحافة", "صرح للموقع"
      if (/^(?:ل|لل|ب)/.test(w) && (MEDIA.has(w.replace(/^(?:لل|ل|ب)/, '')) || MEDIA.has('ال' + w.replace(/^لل/, '')))) break;
      if (matchCue(toks, j)) break;
    }
    words.push(t);
    lastTok = j;
    j++;
  }
  if (!words.length) return null;
  return { start: words[0]!.start, end: words[words.length - 1]!.end, lastTok };
}

/** The end token of an according cue's phrase words ("حسبما أفاد به"), for the cue's span. */
function cueEndTok(ctx: Ctx, m: CueMatch): number {
  const { toks } = ctx;
  if (m.kind !== 'according') return m.last;
  const j = m.last + 1;
  const t = toks[j];
  if (!t || t.kind !== 'w') return m.last;
  const verb = matchCue(toks, j);
  // a verb with its object pronoun: "وفق ما أورده بلاغ"
  const base = t.f.replace(/(?:ته|تها)$/, 'ت').replace(/(?:ه|ها)$/, '');
  if (verb?.kind === 'verb' || (base !== t.f && base.length >= 3 && reportingCueKind(base) === 'verb')) {
    const k = verb?.kind === 'verb' ? verb.last : j;
    const after = toks[k + 1];
    return after?.kind === 'w' && /^(?:به|بها|ه)$/.test(after.f) ? k + 1 : k;
  }
  return m.last;
}

/** The speaker phrase before a verb cue ("بيرنز قال"), within its clause. */
function spanBefore(ctx: Ctx, m: CueMatch): { start: number; end: number } | null {
  const { toks } = ctx;
  const words: Tok[] = [];
  let j = m.first - 1;
  for (; j >= 0; j--) {
    const t = toks[j]!;
    if (t.kind !== 'w' || t.inQ >= 0) break;
    // the subject must open its clause: a stop word or a fifth word means it does not
    if (words.length === 4 || BEFORE_STOP.has(t.f) || COMPLEMENTISERS.has(t.f) || CLAUSE_WORDS.has(t.f) || matchCue(toks, j)) return null;
    words.unshift(t);
    if (/^و./.test(t.f) && t.f.length > 3) break; // "وبيرنز قال"
  }
  if (!words.length) return null;
  return { start: words[0]!.start, end: words[words.length - 1]!.end };
}

function speakerSpanOf(ctx: Ctx, m: CueMatch): { start: number; end: number } | undefined {
  if (m.kind === 'participle') return undefined;
  const after = spanAfter(ctx, m);
  if (after) return { start: after.start, end: after.end };
  if (m.kind === 'verb') return spanBefore(ctx, m) ?? undefined;
  return undefined;
}

function cueSpan(ctx: Ctx, m: CueMatch): { text: string; start: number; end: number } {
  const end = ctx.toks[cueEndTok(ctx, m)]!.end;
  return { text: ctx.text.slice(m.start, end), start: m.start, end };
}

// ------------------------------------------------------------------ analysis

interface Analysis {
  quotes: QuoteSpan[];
  cues: CueSpan[];
}

const ADJACENT_BEFORE = new Set([':', '،', ',', '-', '–', '—']);

function analyse(text: string): Analysis {
  const toks = tokenizeAll(text);
  const at = new Map<number, number>();
  toks.forEach((t, i) => at.set(t.start, i));
  const ctx: Ctx = { text, toks, at };
  const pairs = pairAll(text);
  // mark the tokens of each pair (marks included)
  let pi = 0;
  for (const t of toks) {
    while (pi < pairs.length && endOf(pairs[pi]!) <= t.start) pi++;
    const p = pairs[pi];
    if (p && t.start >= p.open && t.start < endOf(p)) t.inQ = pi;
  }
  const opens = new Set(pairs.map((p) => p.open));
  const quotes: QuoteSpan[] = [];
  const quoteCues = new Map<number, CueMatch>();
  pairs.forEach((p, idx) => {
    const first = at.get(p.open)!;
    let last = first;
    while (last + 1 < toks.length && toks[last + 1]!.inQ === idx) last++;
    const closeTok = p.closed ? last : last + 1; // index of the closing mark, or after the stretch
    const inner = toks.slice(first + 1, p.closed ? last : last + 1);
    const words = inner.filter((t) => t.kind === 'w');
    if (!words.length) return;
    // ---- the cue before, in the same sentence
    let before: CueMatch | null = null;
    let adjacent = false;
    {
      let n = 0;
      let crossedLine = false;
      let prevTok: Tok | null = null;
      let visited = 0;
      for (let j = first - 1; j >= 0; j--) {
        // Earlier quotes are stepped over whole and the walk is bounded: a long run of quotes
        // and punctuation with no sentence end made it quadratic (fuzzing, issue #8).
        if (++visited > 200) break;
        const t = toks[j]!;
        if (t.inQ >= 0) {
          j = at.get(pairs[t.inQ]!.open) ?? j;
          continue;
        }
        if (prevTok === null) prevTok = t;
        if (t.kind === 'nl') {
          // a quote opening a paragraph after one that ends with ":"
          const lineStartQuote = j === first - 1 || toks.slice(j + 1, first).every((x) => x.kind === 'nl');
          let k = j;
          while (k >= 0 && toks[k]!.kind === 'nl') k--;
          if (!crossedLine && lineStartQuote && k >= 0 && toks[k]!.text === ':') {
            crossedLine = true;
            j = k + 1;
            prevTok = toks[k]!;
            continue;
          }
          break;
        }
        if (t.kind === 'p' && SENTENCE_END.has(t.text)) break;
        if (t.kind !== 'w') continue;
        if (++n > 25) break;
        const m = matchCue(toks, j);
        if (m && m.last < first) {
          before = m;
          const lastBefore = prevTok;
          adjacent =
            !!lastBefore &&
            (lastBefore === toks[cueEndTok(ctx, m)] ||
              (lastBefore.kind === 'p' && ADJACENT_BEFORE.has(lastBefore.text)) ||
              COMPLEMENTISERS.has(lastBefore.f) ||
              /^بـ*$/.test(lastBefore.text.replace(/\u0640/g, 'ـ')) ||
              (lastBefore.kind === 'w' && !!matchCue(toks, at.get(lastBefore.start)!)) ||
              m.kind === 'participle');
          if (m.kind === 'according' && !adjacent) {
            // "حسب البلاغ “…”": the quote follows the source phrase
            const sp = spanAfter(ctx, m);
            adjacent = !!sp && toks[sp.lastTok] === lastBefore;
          }
          break;
        }
      }
    }
    // ---- cues after the closing mark
    let afterAdj: CueMatch | null = null;
    let afterAcc: CueMatch | null = null;
    let clauseFinal = !p.closed;
    if (p.closed) {
      let j = closeTok + 1;
      const nextTok = toks[j];
      clauseFinal = !nextTok || isSentenceEnd(nextTok) || (nextTok.kind === 'p' && /[،,;؛:!؟?]/.test(nextTok.text));
      while (j < toks.length && toks[j]!.kind === 'p' && /[،,:\-–—]/.test(toks[j]!.text)) j++;
      const m = matchCue(toks, j);
      if (m && (m.kind === 'verb' || m.kind === 'participle')) afterAdj = m;
      if (m) clauseFinal = true;
      // "«…» وطالب …", "«…» ويجب …": a coordinated clause starts right after the mark
      if (nextTok?.kind === 'w' && /^[وف]/.test(nextTok.f) && nextTok.f.length > 3 && isVerbLike(nextTok.f)) clauseFinal = true;
      let n = 0;
      for (let k = closeTok + 1; k < toks.length && n < 20; k++) {
        const t = toks[k]!;
        if (t.inQ >= 0 || isSentenceEnd(t)) break;
        if (t.kind !== 'w') continue;
        n++;
        const mk = matchCue(toks, k);
        if (mk?.kind === 'according') {
          afterAcc = mk;
          break;
        }
      }
    }
    let cue: CueMatch | null = null;
    if (afterAdj && afterAdj.kind === 'verb' && (!before || !adjacent)) cue = afterAdj;
    else cue = before ?? afterAdj ?? afterAcc;
    const strong = (cue === before && adjacent) || (!!cue && cue === afterAdj);
    // ---- quote or not
    const nWords = words.length;
    const clause = clauseLike(words);
    const innerPunct = inner.some((t) => t.kind === 'p' && /[.،,؟?!:;؛]/.test(t.text)) && nWords >= 4;
    // "أعرب عن “صدمته”": a short stretch right after a preposition is the verb's object
    const prevWord = toks[first - 1];
    const afterPreposition = !!prevWord && prevWord.kind === 'w' && PREPOSITIONS.has(prevWord.f.replace(/\u0640/g, ''));
    let isQuote: boolean;
    if (nWords <= 4 && nameHeadBefore(toks, first)) return;
    if (sloganBefore(toks, first)) return;
    if (nWords <= 2) isQuote = !!cue && clause && !afterPreposition;
    else if (nWords <= 4) isQuote = !!cue && (clause || (strong && clauseFinal));
    else if (nWords === 5) isQuote = (!!cue && (clause || strong)) || (clause && innerPunct);
    else isQuote = !!cue || clause || nWords >= 8;
    if (!isQuote) return;
    // ---- span without marks, trimmed
    let start = p.open + 1;
    let end = p.close;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    const q: QuoteSpan = { text: text.slice(start, end), start, end, cue: null };
    if (cue) {
      q.cue = cueSpan(ctx, cue);
      const sp = speakerSpanOf(ctx, cue);
      if (sp) q.speakerSpan = sp;
      quoteCues.set(cue.start, cue);
    }
    quotes.push(q);
  });
  // ---- every reporting cue of the text (reported speech too), for speaker tracking
  const cues: CueSpan[] = [];
  // Sentence starts (quoted stretches do not end sentences) found in one forward pass, as cues
  // come in text order: walking back from
  // every cue made a text of cues with no sentence end quadratic (fuzzing, issue #8).
  let scanned = 0;
  let lastEnd = -1;
  const sentenceStart = (i: number): number => {
    for (; scanned < i; scanned++) if (toks[scanned]!.inQ < 0 && isSentenceEnd(toks[scanned]!)) lastEnd = scanned;
    return lastEnd + 1 < toks.length ? toks[lastEnd + 1]!.start : text.length;
  };
  for (let i = 0; i < toks.length; i++) {
    const m = matchCue(toks, i);
    if (!m) continue;
    const used = quoteCues.get(m.start);
    let keep = !!used || m.kind === 'according';
    if (!keep) {
      // reported speech: a complementiser, a colon or a quote follows in the sentence
      let n = 0;
      for (let k = m.last + 1; k < toks.length && n < 12; k++) {
        const t = toks[k]!;
        if (isSentenceEnd(t)) break;
        if ((t.kind === 'q' && opens.has(t.start)) || (t.kind === 'p' && t.text === ':') || COMPLEMENTISERS.has(t.f)) {
          keep = true;
          break;
        }
        // "لفت الحافظي، إلى ضرورة …": a إلى-complement of a verb of pointing out or calling for
        if (m.kind === 'verb' && TO.has(t.f) && TO_VERBS.has(toks[m.first]!.f.replace(/^[وف](?=.{3})/, ''))) {
          keep = true;
          break;
        }
        if (t.kind === 'w') n++;
      }
    }
    if (keep) {
      const c = cueSpan(ctx, m);
      const sp = speakerSpanOf(ctx, m);
      const cs: CueSpan = { ...c, kind: m.kind, sentenceStart: sentenceStart(m.first), quote: !!used };
      if (sp) cs.speakerSpan = sp;
      cues.push(cs);
    }
    i = m.last;
  }
  return { quotes, cues };
}

function endOf(p: Pair): number {
  return p.closed ? p.close + 1 : p.close;
}

/**
 * The quotations of a text, in text order, each with its reporting cue (null when none) and
 * where the text names its speaker next to the cue.
 * @example findQuotes('وقال الوزير إن بلاده "لن تقبل بذلك".')[0].text // 'لن تقبل بذلك'
 */
export function findQuotes(text: string): QuoteSpan[] {
  return cached(text).quotes.map((q) => ({ ...q }));
}

/**
 * Every reporting cue of a text in text order — those of quotes and those of reported speech
 * ("وأكد الحافيظي أن …") — with its kind and speaker span, for speaker tracking.
 * @example findCues('وأكد الوزير أن الوضع مستقر.')[0].text // 'أكد'
 */
export function findCues(text: string): CueSpan[] {
  return cached(text).cues.map((c) => ({ ...c }));
}

/** The last text's analysis: the attribution stage reads the cues of the text just searched for quotes. */
let last: { text: string; analysis: Analysis } | null = null;

function cached(text: string): Analysis {
  if (last?.text !== text) last = { text, analysis: analyse(text) };
  return last.analysis;
}
