/**
 * Who said it: the speaker of each quote, as an entity of the article (an index into its
 * mention clusters) or, when the text names no entity, a label ("مصدر أمني", "بلاغ …").
 *
 * Every reporting cue of the article is read in text order — those of quotes and those of
 * reported speech ("وأكد الحافيظي أن …") — and each gets a speaker, which then becomes the
 * "most recent speaker" for the cues after it:
 * 1. a named speaker next to the cue (`speakerSpan`): the PERSON mention in it, else the ORG,
 *    else a short LOCATION ("قالت واشنطن"). A document of an institution ("حسب بلاغ
 *    للمديرية العامة للأمن الوطني", "بيان للخارجية") prefers the ORG and is otherwise
 *    labelled by its phrase; "البلاغ" / "البيان" / "المصدر" refer back to the latest
 *    institutional speaker;
 * 2. a generic anaphoric noun (المتحدث، الخبير، الباحث، المسؤول، المصدر ذاته …): the most
 *    recent compatible speaker — or a person introduced since with a matching role ("…
 *    الباحث في العلوم الأمنية محمد أكضيض"), whichever is later: a second expert introduced
 *    after the first makes "وأضاف المتحدث" the second;
 * 3. another definite title (الوزير، الرئيس، وزير الخارجية): the cluster whose role starts with
 *    it, most recently mentioned or heard; none → the title as a label;
 * 4. a name the recogniser missed: a PERSON cluster whose name matches it, else the phrase;
 * 5. no span — a verb whose subject is stated earlier in its sentence: after its subject
 *    ("غير أن الدكتور صلاح البردويل، المتحدث باسم …، قال"), the latest PERSON (else ORG)
 *    mentioned since the sentence's previous cue and not after a preposition; coordinated with
 *    a clause before it ("وأيد مثال الآلوسي … طالباني وقال ان"), that clause's subject (a
 *    name at the sentence's start or right after a verb with و/ف); else — a bare verb with a
 *    pronoun subject ("وأضاف") — the most recent speaker. A participle ("قائلا"): the subject
 *    of the latest clause of its sentence (a name right after a verb with و/ف: "والتقى أنان
 *    …، مؤكدا"), else the speaker of the cue it hangs on in the same sentence, else the first
 *    PERSON (else ORG) mentioned earlier in the sentence, else the most recent speaker.
 * A quote with no cue takes the most recent speaker; with none, the communiqué told of at the
 * start of a sentence before it ("بلاغ صحافي صدر أمس …"), labelled by its phrase; else null.
 * A cue word the recogniser glued to the front of a name ("و ختم معتضد" read as the person
 * "ختم معتضد") is still a cue, and the name after it is the speaker.
 */
import { fold, segment } from '../arabic/index.js';
import { findCues, reportingCueKind, type CueSpan, type QuoteSpan } from '../analyse/quotes.js';
import type { EntityType, Mention } from '../model/entity.js';
import type { MentionCluster } from './entity-coref.js';
import { nameMatch } from './name-match.js';

export type Speaker = { cluster: number; label: string } | { cluster: null; label: string } | null;

/** A quote with its speaker (contract of `marsad analyze --json`, quotes field). */
export interface Quote {
  text: string;
  start: number;
  end: number;
  /** the reporting cue as written, null when none */
  cue: string | null;
  speaker: Speaker;
}

type SpeakerKind = EntityType | 'inst' | 'other';

interface Heard {
  speaker: NonNullable<Speaker>;
  kind: SpeakerKind;
  pos: number;
  sentenceStart: number;
}

const fw = (s: string): string => fold(s);
const set = (words: string[]): Set<string> => new Set(words.map(fw));

/** Generic anaphoric nouns (without ال). */
const GENERIC = set(['متحدث', 'متحدثة', 'خبير', 'خبيرة', 'باحث', 'باحثة', 'محلل', 'محللة', 'مسؤول', 'مسؤولة', 'مصدر', 'أستاذ', 'أستاذة', 'أكاديمي', 'أكاديمية', 'ناشط', 'ناشطة', 'فاعل', 'فاعلة', 'دبلوماسي', 'متحدثون', 'مصادر']);
/** Nouns of those that any speaker may be (the others are persons). */
const ANY_SPEAKER = set(['مصدر', 'مصادر']);
/** "The speaker" itself: any person heard before. */
const SPEAKER_NOUN = set(['متحدث', 'متحدثة', 'متحدثون', 'مسؤول', 'مسؤولة']);
/** Role heads of experts, whose introduction makes them "the speaker" to come. */
const EXPERT_HEADS = set(['باحث', 'باحثة', 'خبير', 'خبيرة', 'محلل', 'محللة', 'أستاذ', 'أستاذة', 'أكاديمي', 'كاتب', 'كاتبة']);
/** Documents of institutions. */
const DOCUMENTS = set(['بلاغ', 'بيان', 'تقرير', 'مذكرة', 'رسالة', 'وثيقة', 'منشور', 'تدوينة', 'تغريدة', 'إعلان', 'مراسلة', 'بلاغات', 'بيانات']);
/** Words after a noun that make it anaphoric ("المصدر ذاته"). */
const SAME = set(['ذاته', 'ذاتها', 'نفسه', 'نفسها', 'عينه', 'عينها']);

function words(s: string): string[] {
  return s.split(/[\s\u200C]+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
}

/** A word folded, without a leading و/ف/ب/ل and with ال reported separately. */
function headOf(word: string): { bare: string; def: boolean } {
  if (!word) return { bare: '', def: false };
  const seg = segment(word);
  // the segmenter splits off clitics guided by its lexicon ("وزير" is one word, "والوزير" is not)
  return { bare: fw(seg.stem), def: seg.proclitics.includes('ال') };
}

/** Folded words of a role or title phrase, the first one without ال. */
function roleWords(s: string): string[] {
  const ws = words(s).map((w) => fw(w));
  if (ws.length) ws[0] = headOf(ws[0]!).bare;
  return ws;
}

function roleStartsWith(role: string, noun: string[]): boolean {
  const r = roleWords(role);
  if (r.length < noun.length) return false;
  return noun.every((w, i) => r[i] === w);
}

/** Two spellings of one person's name (within one article). */
function sameName(a: string, b: string): boolean {
  if (fw(a) === fw(b)) return true;
  return nameMatch({ name: a, type: 'PERSON' }, { name: b, type: 'PERSON' }, { sameDocument: true }).same;
}

/** Title heads that make "X، <head> …" at a sentence's start an apposition naming X. */
const APPOSITION_HEADS = set(['خبير', 'خبيرة', 'باحث', 'باحثة', 'محلل', 'محللة', 'أستاذ', 'أستاذة', 'مدير', 'مديرة', 'رئيس', 'رئيسة', 'وزير', 'وزيرة', 'أكاديمي', 'أكاديمية', 'ناشط', 'ناشطة', 'كاتب', 'كاتبة', 'سفير', 'عضو', 'مسؤول', 'مسؤولة', 'الناطق', 'المتحدث', 'نائب', 'أمين']);
/** Words after which a name is not a clause's subject: prepositions and the like. */
const PREPS = set(['في', 'من', 'على', 'إلى', 'الى', 'عن', 'مع', 'لدى', 'عند', 'ضد', 'بين', 'حول', 'نحو', 'ب', 'ل', 'بـ', 'لـ', 'منذ', 'خلال', 'بعد', 'قبل', 'عبر', 'باسم', 'أمام', 'إلي']);
/** Complementisers and adversatives opening a clause whose subject may come before its verb. */
const TOPIC_OPENERS = set(['أن', 'إن', 'لكن', 'ولكن', 'بل', 'غير', 'بينما', 'فيما', 'حين', 'أما']);
const NOT_NAME = set(['في', 'من', 'على', 'إلى', 'عن', 'مع', 'قال', 'أكد', 'أن', 'إن', 'هذا', 'هذه', 'كما', 'وقد', 'قد', 'لكن', 'بعد', 'قبل', 'جهته', 'جهتها', 'جانبه', 'جانبها', 'وفي', 'ومن']);

/**
 * A sentence opening with a name in apposition, "إحسان الحافيظي، خبير في الشؤون الأمنية، …":
 * the name (1–4 words), or null.
 */
function appositionSubject(text: string, sentenceStart: number, pos: number): string | null {
  const m = /^\s*((?:[\p{L}\p{M}]+ ){0,3}[\p{L}\p{M}]+)\s*[،,]\s*([\p{L}\p{M}]+)/u.exec(text.slice(sentenceStart, pos));
  if (!m) return null;
  const name = m[1]!;
  if (words(name).some((w) => NOT_NAME.has(fw(w)) || fw(w).startsWith('ال') && words(name).length === 1)) return null;
  const head = headOf(m[2]!);
  return APPOSITION_HEADS.has(head.bare) || APPOSITION_HEADS.has('ال' + head.bare) ? name : null;
}

/** Words opening a sentence before its verb: "من جهته", "بدوره". */
const SENTENCE_OPENERS = set(['من', 'ومن', 'جهته', 'جهتها', 'جانبه', 'جانبها', 'بدوره', 'بدورها', 'وبدوره', 'وبدورها']);

/**
 * The subject of a sentence whose verb comes first, when it is a definite title ("من جهته رفض
 * السفير الأميركي بمجلس الأمن …" → "السفير الأميركي"): the title head and the definite nisba
 * adjectives after it, with where the phrase ends; null otherwise.
 */
function verbTitleSubject(text: string, sentenceStart: number, pos: number): { phrase: string; end: number } | null {
  const re = /[\p{L}\p{M}]+/gu;
  re.lastIndex = sentenceStart;
  const toks: { w: string; start: number; end: number }[] = [];
  for (let m = re.exec(text); m && m.index < pos && toks.length < 12; m = re.exec(text)) toks.push({ w: m[0], start: m.index, end: m.index + m[0].length });
  let i = 0;
  while (i < toks.length && SENTENCE_OPENERS.has(fw(toks[i]!.w))) i++;
  const verb = toks[i];
  if (!verb || headOf(verb.w).def || PREPS.has(fw(verb.w)) || NOT_NAME.has(fw(verb.w))) return null;
  const head = toks[i + 1];
  if (!head || !/^ال/.test(fw(head.w)) || !(APPOSITION_HEADS.has(fw(head.w).slice(2)) || APPOSITION_HEADS.has(fw(head.w)))) return null;
  let last = head;
  for (let k = i + 2; k < toks.length && /^ال.{2,}(ي|يه)$/.test(fw(toks[k]!.w)); k++) last = toks[k]!;
  if (/[^\s]/.test(text.slice(verb.end, head.start))) return null;
  return { phrase: text.slice(head.start, last.end), end: last.end };
}

/**
 * With no speaker heard before it, a quote without a cue reproduces the document told of
 * before it in the text — a communiqué opening its sentence ("بلاغ صحافي صدر أمس أعلن …"): the
 * document's phrase (its noun and an adjective after it) as a label; null when there is none.
 */
function documentBefore(text: string, pos: number): NonNullable<Speaker> | null {
  const re = /(?:^|[.!?؟\n]\s*)([\p{L}\p{M}]+)(?:\s+([\p{L}\p{M}]+))?/gu;
  let found: NonNullable<Speaker> | null = null;
  for (let m = re.exec(text); m && m.index < pos; m = re.exec(text)) {
    const head = headOf(m[1]!);
    if (!DOCUMENTS.has(head.bare) || head.def) continue;
    const adj = m[2] && /^[\p{L}\p{M}]{3,}ي$/u.test(m[2]) && !/^ال/.test(fw(m[2])) ? ` ${m[2]}` : '';
    found = { cluster: null, label: m[1]! + adj };
  }
  return found;
}

interface Indexed {
  m: Mention;
  cluster: number;
}

/** The word or punctuation mark right before offset `pos` (spaces skipped) and where it starts; '' at the text's start. */
function tokenBefore(text: string, pos: number): { tok: string; start: number } {
  let i = pos;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  if (i === 0) return { tok: '', start: 0 };
  if (!/[\p{L}\p{M}\p{N}\u0640]/u.test(text[i - 1]!)) return { tok: text[i - 1]!, start: i - 1 };
  let k = i;
  while (k > 0 && /[\p{L}\p{M}\p{N}\u0640]/u.test(text[k - 1]!)) k--;
  return { tok: text.slice(k, i), start: k };
}

/** Honorifics written before a name ("الدكتور صلاح البردويل"), without ال. */
const HONORIFICS = set(['دكتور', 'دكتورة', 'شيخ', 'سيد', 'سيدة', 'حاج', 'مهندس', 'بروفيسور', 'لواء', 'عقيد', 'عميد', 'جنرال', 'أمير', 'أميرة', 'ملك', 'مشير', 'فريق', 'قاضي', 'نقيب']);

/**
 * The word before a name once titles written before it are passed over ("وقال الرئيس
 * الفرنسي ماكرون" → وقال): up to three honorifics, title heads or definite nisba adjectives.
 */
function wordBeforeName(text: string, at: number, sentenceStart = 0): string {
  let pos = at;
  for (let n = 0; n <= 3; n++) {
    const { tok, start } = tokenBefore(text, pos);
    if (start < sentenceStart) return '';
    const f = fw(tok);
    const bare = f.startsWith('ال') ? f.slice(2) : f;
    const title = f.startsWith('ال') && (HONORIFICS.has(bare) || APPOSITION_HEADS.has(bare) || (/ي$/.test(bare) && bare.length >= 4));
    if (n === 3 || !title) return tok;
    pos = start;
  }
  return '';
}

/** Whether a name comes right after a preposition ("مع أنان", "بالرئيس"): not a subject. */
function afterPreposition(text: string, m: Mention): boolean {
  const at = m.role && m.role.end <= m.start && m.start - m.role.end <= 2 ? m.role.start : m.start;
  if (/[بل]ـ*$/.test(text.slice(Math.max(0, at - 2), at)) && /[\p{L}]/u.test(text.charAt(at - 1))) return true; // glued ب/ل
  const f = fw(wordBeforeName(text, at)).replace(/\u0640/g, '');
  return PREPS.has(f) || /^[وف]?(?:ب|ل|لل)$/.test(f);
}

/**
 * Whether a folded word reads as a finite verb carrying a conjunction ("وأيد"، "والتقى"،
 * "فقال"): و/ف, then three to five letters without the article — except the form-VIII
 * perfects "التقى"، "التزم" (ال + three letters).
 */
function conjoinedVerb(word: string): boolean {
  const w = fw(word).replace(/\u0640/g, '');
  if (!/^[وف]/.test(w)) return false;
  const r = w.slice(1);
  if (r.length < 3 || r.length > 6 || PREPS.has(r) || TOPIC_OPENERS.has(r) || NOT_NAME.has(r)) return false;
  if (r.startsWith('ال')) return /^الت[^ا]{2}$/.test(r);
  // nouns with the conjunction end in ة/ات or are titles; a verb does not
  return !/(?:ه|ات|ية|يه)$/.test(r) && !APPOSITION_HEADS.has(r);
}

/**
 * Whether a mention opens its clause as the subject: at the sentence's start or after a
 * comma, right after a verb with و/ف ("وأيد مثال الآلوسي"), or — `topic`, for a verb that
 * follows its subject — right after a complementiser ("غير أن الدكتور صلاح البردويل").
 * A title written before the name counts as part of it.
 */
function subjectPosition(text: string, m: Mention, sentenceStart: number, topic: boolean): boolean {
  const at = m.role && m.role.end <= m.start && m.start - m.role.end <= 2 ? m.role.start : m.start;
  if (at <= sentenceStart) return true;
  const prev = wordBeforeName(text, at, sentenceStart);
  if (!prev) return true;
  if (!/[\p{L}\p{N}]/u.test(prev)) return topic && /[،,:]/.test(prev);
  const f = fw(prev).replace(/\u0640/g, '');
  if (PREPS.has(f) || /^[وف]?(?:ب|ل|لل)ـ?$/.test(f)) return false;
  if (topic && (TOPIC_OPENERS.has(f) || /^[وف]/.test(f) && TOPIC_OPENERS.has(f.slice(1)))) return true;
  return conjoinedVerb(prev);
}

/**
 * Attributes each quote to its speaker. `clusters` are the article's mention clusters
 * (`clusterMentions`), whose index the speaker gives.
 * @example attributeSpeakers(text, findQuotes(text), clusterMentions(text, mentions))[0].speaker // {cluster: 0, label: 'ناصر بوريطة'}
 */
export function attributeSpeakers(text: string, quotes: QuoteSpan[], clusters: MentionCluster[]): Quote[] {
  const mentions: Indexed[] = clusters
    .flatMap((c, i) => c.mentions.map((m) => ({ m, cluster: i })))
    .sort((a, b) => a.m.start - b.m.start || b.m.end - a.m.end);
  const cues = findCues(text);
  const cueAt = new Map<number, CueSpan>();
  for (const c of cues) cueAt.set(c.start, c);

  // events in text order: every cue, and each quote without a cue (at its start)
  type Event = { pos: number; cue: CueSpan | null };
  // a cue word inside a name is no cue ("كريستوفر راي" is not رأى)
  // — unless the cue opens a longer name: "و ختم معتضد" read as one person is the cue ختم and the name
  const inName = (c: { start: number; end: number }): boolean =>
    mentions.some((x) => x.m.start <= c.start && c.end <= x.m.end && !(x.m.start === c.start && words(text.slice(c.end, x.m.end)).length > 0));
  /** clusters whose name begins with a cue word ("ختم معتضد"): not the names to match a speaker against */
  const cueGlued = new Set<number>();
  for (const c of cues) for (const x of mentions) if (x.m.start === c.start && c.end < x.m.end) cueGlued.add(x.cluster);
  const events: Event[] = cues.filter((c) => !inName(c)).map((c) => ({ pos: c.start, cue: c }));
  for (const q of quotes) {
    if (!q.cue) events.push({ pos: q.start, cue: null });
    else if (!cueAt.has(q.cue.start)) {
      // a quote found elsewhere whose cue this text's reading does not list
      let sentenceStart = q.cue.start;
      while (sentenceStart > 0 && !/[.!?؟\n]/.test(text[sentenceStart - 1]!)) sentenceStart--;
      const kind = reportingCueKind(words(q.cue.text)[0] ?? '') ?? 'verb';
      const c: CueSpan = { ...q.cue, kind, sentenceStart, quote: true };
      if (q.speakerSpan) c.speakerSpan = q.speakerSpan;
      cueAt.set(c.start, c);
      events.push({ pos: c.start, cue: c });
    }
  }
  events.sort((a, b) => a.pos - b.pos);

  const heard: Heard[] = [];
  const resolved = new Map<number, Speaker>();
  const labelOf = (i: number): NonNullable<Speaker> => ({ cluster: i, label: clusters[i]!.label });
  const kindOf = (s: NonNullable<Speaker>): SpeakerKind => (s.cluster !== null ? clusters[s.cluster]!.type : DOCUMENTS.has(headOf(words(s.label)[0] ?? '').bare) ? 'inst' : 'other');
  const latest = (ok: (h: Heard) => boolean, before: number): Heard | null => {
    for (let i = heard.length - 1; i >= 0; i--) if (heard[i]!.pos < before && ok(heard[i]!)) return heard[i]!;
    return null;
  };
  const isPersonish = (h: Heard): boolean => h.kind === 'PERSON' || h.kind === 'other';

  const inSpan = (s: { start: number; end: number }, type?: EntityType): Indexed | undefined =>
    mentions.find((x) => x.m.start >= s.start && x.m.end <= s.end && (!type || x.m.type === type));

  /** the generic noun's referent: latest compatible speaker, or a person introduced since with a matching role */
  const generic = (noun: string, pos: number): NonNullable<Speaker> | null => {
    const any = ANY_SPEAKER.has(noun);
    const h = latest((x) => any || (isPersonish(x) && (SPEAKER_NOUN.has(noun) || roleCompatible(x, noun))), pos);
    let best: { at: number; s: NonNullable<Speaker> } | null = h ? { at: h.pos, s: h.speaker } : null;
    if (!any) {
      for (const x of mentions) {
        if (x.m.start >= pos) break;
        if (x.m.type !== 'PERSON' || !x.m.role) continue;
        const head = roleWords(x.m.role.text)[0] ?? '';
        const match = SPEAKER_NOUN.has(noun) ? EXPERT_HEADS.has(head) : head === noun || head === noun.replace(/ه$/, '');
        if (match && (!best || x.m.start > best.at)) best = { at: x.m.start, s: labelOf(x.cluster) };
      }
    }
    return best?.s ?? null;
  };
  const roleCompatible = (h: Heard, noun: string): boolean => {
    if (h.speaker.cluster === null) return true;
    const roles = clusters[h.speaker.cluster]!.roles;
    if (!roles.length) return true;
    return roles.some((r) => {
      const head = roleWords(r)[0] ?? '';
      return head === noun || EXPERT_HEADS.has(head);
    });
  };

  /** a title phrase's cluster: role starts with it; most recently mentioned or heard */
  const byRole = (noun: string[], pos: number): NonNullable<Speaker> | null => {
    let best: { at: number; i: number } | null = null;
    clusters.forEach((c, i) => {
      if (c.type !== 'PERSON' || !c.roles.some((r) => roleStartsWith(r, noun))) return;
      let at = -1;
      for (const m of c.mentions) if (m.start < pos) at = Math.max(at, m.start);
      for (const h of heard) if (h.speaker.cluster === i && h.pos < pos) at = Math.max(at, h.pos);
      if (at < 0) at = -1 - c.mentions[0]!.start; // only mentioned later: the earliest such
      if (!best || at > best.at) best = { at, i };
    });
    return best ? labelOf((best as { at: number; i: number }).i) : null;
  };

  const inQuote = (p: number): boolean => quotes.some((q) => q.start <= p && p < q.end);
  /** whether the cue word carries و/ف ("وقال", "و قال") */
  const conjoined = (cue: CueSpan): boolean => {
    let i = cue.start;
    if (i > 0 && text[i - 1] === ' ') i--; // "و قال"
    return i > 0 && /[وف]/.test(text[i - 1]!) && (i === 1 || !/[\p{L}\p{M}]/u.test(text[i - 2]!));
  };
  /**
   * The subject stated before a cue in its sentence, after offset `from`: the latest PERSON
   * (else ORG) mention in subject position (`subjectPosition`; `topic`: a verb after its subject).
   */
  const subjectBefore = (cue: CueSpan, from: number, mode: 'topic' | 'conjoined' | 'participle'): NonNullable<Speaker> | null => {
    const cands = mentions.filter(
      (x) =>
        (x.m.type === 'PERSON' || x.m.type === 'ORG') &&
        x.m.start >= Math.max(from, cue.sentenceStart) &&
        x.m.end <= cue.start &&
        !inQuote(x.m.start) &&
        !cueGlued.has(x.cluster) &&
        !afterPreposition(text, x.m),
    );
    const subj = cands.filter((x) => subjectPosition(text, x.m, cue.sentenceStart, mode === 'topic')).reverse();
    let pick = subj.find((x) => x.m.type === 'PERSON') ?? subj.find((x) => x.m.type === 'ORG');
    // "وأيد مثال الآلوسي … طالباني وقال": the first name of the sentence is the coordinated clause's subject
    if (!pick && mode === 'conjoined') pick = cands.find((x) => x.m.type === 'PERSON') ?? cands.find((x) => x.m.type === 'ORG');
    return pick ? labelOf(pick.cluster) : null;
  };

  const resolve = (cue: CueSpan): Speaker => {
    const pos = cue.start;
    const span = cue.speakerSpan;
    if (span) {
      const phrase = text.slice(span.start, span.end);
      const ws = words(phrase);
      const first = headOf(ws[0] ?? '');
      const spanAfterCue = span.start >= cue.end;
      const person = inSpan(span, 'PERSON');
      const org = inSpan(span, 'ORG');
      if (DOCUMENTS.has(first.bare)) {
        if (org) return labelOf(org.cluster);
        if (first.def && ws.length <= 2) {
          const h = latest((x) => x.kind === 'inst' || x.kind === 'ORG', pos);
          if (h) return h.speaker;
        }
        if (person) return labelOf(person.cluster);
        return { cluster: null, label: phrase };
      }
      if (person) return labelOf(person.cluster);
      if (org) return labelOf(org.cluster);
      const loc = inSpan(span, 'LOCATION');
      if (loc && ws.length <= 2) return labelOf(loc.cluster);
      const anaphoric = ws.length >= 2 && SAME.has(fw(ws[1]!));
      if (GENERIC.has(first.bare) && (first.def || anaphoric)) {
        const g = generic(first.bare, pos);
        if (g) return g;
        return spanAfterCue ? { cluster: null, label: phrase } : latest(() => true, pos)?.speaker ?? null;
      }
      if (first.def && spanAfterCue) {
        // a title: الوزير، وزير الخارجية (the first word may be indefinite in construct)
        const r = byRole(roleWords(phrase).slice(0, Math.min(ws.length, 3)), pos) ?? byRole([first.bare], pos);
        if (r) return r;
      } else if (spanAfterCue && ws.length >= 2) {
        const r = byRole(roleWords(phrase).slice(0, 2), pos);
        if (r) return r;
      }
      if (ws.length <= 3) {
        // a name the recogniser missed: a person cluster, or a name heard before
        const i = clusters.findIndex((c, k) => c.type === 'PERSON' && !cueGlued.has(k) && sameName(phrase, c.label));
        if (i >= 0) return labelOf(i);
        const h = latest((x) => x.kind === 'other' && sameName(phrase, x.speaker.label), pos);
        if (h) return h.speaker;
      }
      if (spanAfterCue) return { cluster: null, label: phrase };
      // a phrase before the cue that names nobody: read the cue as having a pronoun subject
    }
    if (cue.kind === 'according') return null;
    const h0 = latest((x) => x.sentenceStart === cue.sentenceStart, pos);
    if (cue.kind === 'verb') {
      const s = subjectBefore(cue, h0?.pos ?? cue.sentenceStart, conjoined(cue) ? 'conjoined' : 'topic');
      if (s) return s;
    }
    if (cue.kind === 'participle') {
      // the subject of the latest clause ("والتقى أنان …، مؤكدا"), when it comes after the cue it would hang on
      const s = subjectBefore(cue, h0?.pos ?? cue.sentenceStart, 'participle');
      if (s) return s;
      const h = h0;
      if (h) return h.speaker;
      // "رفض السفير الأميركي بمجلس الأمن اقتراح أنان …، قائلا": the title right after the
      // sentence's verb is the subject, not a name in the genitive after it
      const titled = verbTitleSubject(text, cue.sentenceStart, pos);
      if (titled) {
        const next = mentions.find((x) => x.m.type === 'PERSON' && x.m.start >= titled.end && words(text.slice(titled.end, x.m.start)).length === 0);
        if (next) return labelOf(next.cluster);
        return byRole(roleWords(titled.phrase), pos) ?? { cluster: null, label: titled.phrase };
      }
      const inSentence = mentions.filter((x) => x.m.start >= cue.sentenceStart && x.m.end <= pos);
      const subj = inSentence.find((x) => x.m.type === 'PERSON') ?? inSentence.find((x) => x.m.type === 'ORG');
      if (subj) return labelOf(subj.cluster);
      const named = appositionSubject(text, cue.sentenceStart, pos);
      if (named) {
        const i = clusters.findIndex((c) => c.type === 'PERSON' && sameName(named, c.label));
        if (i >= 0) return labelOf(i);
        const h = latest((x) => x.kind === 'other' && sameName(named, x.speaker.label), pos);
        return h ? h.speaker : { cluster: null, label: named };
      }
    }
    return latest(() => true, pos)?.speaker ?? null;
  };

  const byQuoteStart = new Map<number, Speaker>();
  for (const e of events) {
    let s: Speaker;
    if (e.cue) {
      s = resolve(e.cue);
      resolved.set(e.cue.start, s);
    } else {
      s = latest(() => true, e.pos)?.speaker ?? documentBefore(text, e.pos);
      byQuoteStart.set(e.pos, s);
    }
    if (s) heard.push({ speaker: s, kind: kindOf(s), pos: e.pos, sentenceStart: e.cue?.sentenceStart ?? -1 });
  }

  return quotes.map((q) => {
    const s = q.cue && resolved.has(q.cue.start) ? resolved.get(q.cue.start)! : (byQuoteStart.get(q.start) ?? null);
    return { text: q.text, start: q.start, end: q.end, cue: q.cue?.text ?? null, speaker: s };
  });
}
