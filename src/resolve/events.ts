/**
 * Events: who did what to whom, when, where. Each event trigger of an article
 * (`findEventTriggers` / `triggerDetails`) gets its PLOVER arguments from the Arabic syntax
 * around it, within its sentence:
 *
 * - source (actor) and target (recipient) among the entities of the sentence — a person, an
 *   organisation or a country (a city is a place, never an actor). An organisation or place
 *   inside a person's title ("مدير وكالة الاستخبارات المركزية وليام بيرنز") is part of that
 *   person, and an organisation right after a title word ("بمدير مكتب التحقيقات الفيدرالي،
 *   كريستوفر راي") stands for the person named next to it, or for its official when none is.
 * - Which phrase is which follows `data/events/argument-order.ar.tsv`:
 *   - verbs, `agent` order (the default): the subject — a name right after the verb (Arabic
 *     news is verb-subject-object: "التقى X بـY", "زار X Y", "بحث X مع Y") or right before
 *     it ("X التقى Y") — is the source; the object, bare or after بـ، مع، كل من، إلى، لـ، على,
 *     is the target, and every name coordinated with it (و) is a target too: one event per
 *     actor–recipient pair. A verb with no subject of its own ("وجالس أيضا كل من X وY",
 *     "والتقى فيها بـX") takes the source of the event stated just before it (same or
 *     previous two sentences): Arabic drops a subject already known.
 *   - `host` order (استقبل، استقبال): the subject is the host, the target; the object (or the
 *     noun after لـ) is the visitor, the source.
 *   - `receive` order (تلقى): the subject is the target, the source comes after من.
 *   - verbal nouns: the actor is the genitive right after the noun ("زيارة X إلى Y", "لقاء X
 *     بـY", "لقاء X وY"), or the subject of a light verb before it ("أجرى X اتصالا هاتفيا مع
 *     Y", "قام X بزيارة إلى Y"; `support` rows of the table), or of a relative clause after it
 *     ("الزيارة التي قام بها X إلى Y"), or the first of "بين X وY"; the target is the name
 *     after إلى، لـ، بـ، مع، على or coordinated with the actor.
 *   - a name introduced by "من طرف", "من قبل" or "على يد" is the source whatever the form
 *     (passive and impersonal sentences).
 *   Arguments are looked for up to a clause boundary (حيث، الذي، التي، حول، بشأن، أن …,
 *   colon, semicolon) and never across the topic of a meeting ("حول X").
 *   A trigger with no actor gives no event; a trigger inside a name ("مكتب التحقيقات") or a
 *   title is no trigger.
 * - location: a place in the sentence introduced by في، بـ، إلى، لـ (or by a word such as
 *   العاصمة/مدينة after one of them), a city preferred to a country, the nearest to the
 *   trigger; the country visited ("زار X المغرب") when none is.
 * - date: the temporal expression of the sentence nearest the trigger (durations aside);
 *   none in the sentence gives a null date: Marsad never invents one. A range gives its
 *   first and last day, a month or a year its first and last day, an unresolved expression
 *   its text with null days.
 * - status: the trigger's (negation, hypothetical, future, historical), and `historical` for a
 *   visit or meeting told as background in a relative clause ("الزيارة التي قام بها …",
 *   "زيارة قام بها …") and for what the sentence says happened during it.
 * - contexts: `eventContexts` of the sentence; evidence: the sentence.
 *
 * Pure: the data tables are read once, lazily; nothing else is touched.
 */
import { fold, segment, splitSentences, stemKey, tokenize, type Sentence } from '../arabic/index.js';
import { eventContexts, type EventTrigger } from '../analyse/event-triggers.js';
import type { Timex } from '../analyse/timexes.js';
import { readDataList } from '../model/data-lists.js';
import { MarsadError } from '../model/errors.js';
import { dataFile } from '../model/paths.js';
import type { ArticleEvent, EventEntityRef } from '../model/event.js';
import type { MentionCluster } from './entity-coref.js';
import { countryActors } from './countries.js';
import { readFileSync } from 'node:fs';

/** A trigger as `triggerDetails` gives it; `verb` tells verb forms from verbal nouns (guessed when absent). */
export type EventTriggerInput = EventTrigger & { verb?: boolean };

export type ArgumentOrder = 'agent' | 'host' | 'receive';
type SupportOrder = 'support' | 'support-receive';

interface OrderTable {
  order: Map<string, ArgumentOrder>;
  support: Map<string, SupportOrder>;
}

let orderTable: OrderTable | null = null;

const wordKey = (w: string): string => stemKey(segment(w).stem);

function loadOrders(): OrderTable {
  if (orderTable) return orderTable;
  const name = 'events/argument-order.ar.tsv';
  const t: OrderTable = { order: new Map(), support: new Map() };
  for (const { text } of readDataList(name)) {
    const [form, order] = text.split('\t').map((c) => c.trim());
    if (!form || !order) throw new MarsadError('DATA_FILE_INVALID', `'${text}': expected FORM and ORDER separated by a tab`, dataFile(name));
    const key = wordKey(form.split(/\s+/)[0]!);
    if (order === 'agent' || order === 'host' || order === 'receive') t.order.set(key, order);
    else if (order === 'support' || order === 'support-receive') t.support.set(key, order);
    else throw new MarsadError('DATA_FILE_INVALID', `'${text}': unknown order '${order}' (agent, host, receive, support, support-receive)`, dataFile(name));
  }
  return (orderTable = t);
}

/** The argument order of a trigger word (the first word of its text). */
export function argumentOrder(triggerText: string): ArgumentOrder {
  return loadOrders().order.get(wordKey(triggerText.split(/\s+/)[0]!)) ?? 'agent';
}

let places: { countries: Set<string>; cities: Set<string> } | null = null;

const placeKey = (s: string): string => fold(s).replace(/^ال/, '').replace(/\s+/g, ' ').trim();

function loadPlaces() {
  if (places) return places;
  const countries = new Set<string>();
  for (const c of countryActors()) for (const n of [c.label, ...c.aliases]) countries.add(placeKey(n));
  const cities = new Set<string>();
  for (const raw of readFileSync(dataFile('gazetteers/cities.tsv'), 'utf8').split(/\r?\n/)) {
    if (!raw.trim() || raw.startsWith('#')) continue;
    const name = raw.split('\t')[1];
    if (name) cities.add(placeKey(name));
  }
  return (places = { countries, cities });
}

/** Whether a place name is a country (an actor), as the gazetteer knows it. */
export function isCountry(label: string): boolean {
  const { countries } = loadPlaces();
  const k = placeKey(label);
  return countries.has(k) || countries.has(k.replace(/ (ال)?امريكيه$/, ''));
}

// ------------------------------------------------------------------ words of a sentence

const F = (words: string[]) => new Set(words.map((w) => fold(w)));

/** Words that end the stretch in which a trigger's arguments are looked for. */
const BARRIERS = F([
  'حيث', 'الذي', 'التي', 'الذين', 'اللذين', 'اللتين', 'اللذان', 'حول', 'بشأن', 'بخصوص', 'لبحث', 'لمناقشة', 'لتدارس',
  'أن', 'إن', 'أنه', 'إنه', 'أنها', 'لأن', 'بعدما', 'عندما', 'قبل', 'بعد', 'قال', 'وقال', 'أكد', 'وأكد', 'كما', 'وكذا', 'إذ', 'فيما', 'بينما',
  'لكن', 'ولكن', 'غير', 'ضمن', 'إطار', 'سياق', 'أجل', 'بهدف', 'قصد', 'تناولت', 'تناول', 'تمحورت',
]);
const RELATIVES = F(['التي', 'الذي', 'اللذين', 'اللتين']);
/** Words allowed between a verbal noun and its genitive actor, or a verb and its subject. */
const FILLERS = F([
  'أيضا', 'كذلك', 'بدوره', 'بدورها', 'اليوم', 'أمس', 'رفيع', 'رفيعة', 'المستوى', 'الرسمية', 'الرسمي', 'الثنائي', 'الثنائية', 'العمل',
  'الأخيرة', 'الأخير', 'الجديد', 'الجديدة', 'المرتقبة', 'المرتقب', 'جمع', 'جمعت', 'جمعهما', 'تجمع', 'يجمع', 'مساء', 'صباح', 'يوم', 'قد',
  'الأسبوع', 'الماضي', 'الجاري', 'المقبل', 'الخميس', 'الجمعة', 'السبت', 'الأحد', 'الإثنين', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الهاتفية', 'الهاتفي', 'هاتفيا',
  'اتصالا', 'اتصال', 'مباحثات', 'محادثات',
]);
const TOPIC = F(['حول', 'بشأن', 'بخصوص', 'عن']);
const PLACE_NOUNS = F(['العاصمة', 'مدينة', 'المدينة', 'عاصمة', 'مقر']);

const NOT_NAMES = /(^|\s)[وبل]?نظ(ير|را)/;

/** How the phrase of a name is introduced. */
type Marker = 'none' | 'bi' | 'li' | 'maa' | 'ila' | 'ala' | 'min' | 'agent' | 'fi' | 'bayna' | 'topic' | 'list' | 'other';

interface Word {
  start: number;
  end: number;
  /** folded word (MATCH) */
  f: string;
  /** the word as written */
  raw: string;
  kind: string;
  /** proclitics other than the article (و، ف، ب، ل، ك، س) */
  pro: string[];
}

interface Unit {
  cluster: number;
  kind: 'actor' | 'place';
  /** start of the whole phrase (title included) and end of the name */
  start: number;
  end: number;
  /** index of the first word of the phrase */
  first: number;
  last: number;
  marker: Marker;
  /** joined to the phrase before by و */
  coord: boolean;
  city: boolean;
  country: boolean;
}

const TITLE_HEADS = (() => {
  let heads: Set<string> | null = null;
  return (): Set<string> => {
    if (!heads) {
      heads = new Set();
      for (const { text } of readDataList('titles.ar.txt', ['titles', 'after-bare'])) heads.add(fold(text.split(/\s+/)[0]!).replace(/^ال/, ''));
    }
    return heads;
  };
})();

function isTitleWord(w: Word): boolean {
  const bare = w.f.replace(/^[وفبلك]+(?=ال)/, '').replace(/^(وب|ول|فب|فل|و|ف|ب|ل)(?=..)/, '');
  const noAl = bare.replace(/^ال/, '');
  return TITLE_HEADS().has(noAl) || TITLE_HEADS().has(w.f.replace(/^ال/, ''));
}

function sentenceWords(text: string, s: Sentence): Word[] {
  const out: Word[] = [];
  for (const t of tokenize(text.slice(s.start, s.end))) {
    const start = s.start + t.start;
    const end = s.start + t.end;
    if (t.kind !== 'arabic') {
      out.push({ start, end, f: t.text, raw: t.text, kind: t.kind, pro: [] });
      continue;
    }
    const pro = segment(t.text).proclitics.filter((p) => p !== 'ال');
    out.push({ start, end, f: fold(t.text), raw: t.text, kind: t.kind, pro });
  }
  return out;
}

/** Index of the word holding `offset` (or the first after it). */
function wordAt(words: Word[], offset: number): number {
  for (let i = 0; i < words.length; i++) if (words[i]!.end > offset) return i;
  return words.length;
}

const isWord = (w: Word | undefined): boolean => !!w && (w.kind === 'arabic' || w.kind === 'latin' || w.kind === 'acronym' || w.kind === 'number');

/** The marker of a phrase whose first word is words[i], the clitics before `start` in it included. */
function markerOf(text: string, words: Word[], i: number, start: number): { marker: Marker; coord: boolean } {
  const w = words[i]!;
  let pro = w.pro;
  if (start > w.start) {
    const p = fold(text.slice(w.start, start));
    pro = [...p].filter((c) => 'وفبلك'.includes(c));
    if (p.endsWith('ال')) pro = [...p.slice(0, -2)].filter((c) => 'وفبلك'.includes(c));
  }
  let coord = pro[0] === 'و' || pro[0] === 'ف';
  const rest = pro.filter((p) => p !== 'و' && p !== 'ف');
  if (rest.includes('ب')) return { marker: 'bi', coord };
  if (rest.includes('ل')) return { marker: 'li', coord };
  // the words before
  const p1 = words[i - 1];
  const p2 = words[i - 2];
  if (!isWord(p1)) return { marker: 'none', coord };
  const a = p1!.f;
  const b = isWord(p2) ? p2!.f : '';
  if (a === 'و') return { marker: 'none', coord: true };
  if (a === 'من' && (b === 'كل' || b === 'بكل' || b === 'لكل')) return { marker: 'list', coord };
  if ((a === 'طرف' || a === 'قبل') && (b === 'من')) return { marker: 'agent', coord };
  if (a === 'يد' && b === 'علي') return { marker: 'agent', coord };
  if (a === 'مع' || a === 'ومع') return { marker: 'maa', coord: coord || a === 'ومع' };
  if (a === 'الي' || a === 'والي' || a === 'لدي') return { marker: 'ila', coord: coord || a === 'والي' };
  if (a === 'علي' || a === 'ضد') return { marker: 'ala', coord };
  if (a === 'من' || a === 'ومن') return { marker: 'min', coord };
  if (a === 'في' || a === 'وفي') return { marker: 'fi', coord };
  if (a === 'بين' || a === 'وبين') return { marker: 'bayna', coord };
  if (TOPIC.has(a)) return { marker: 'topic', coord };
  if (PLACE_NOUNS.has(a.replace(/^[وف]/, '')) || PLACE_NOUNS.has(a.replace(/^[وف]?[بل]/, 'ال'))) {
    // "بالعاصمة المغربية الرباط", "في مدينة طنجة": the marker of the place noun
    return markerOf(text, words, i - 1, words[i - 1]!.start);
  }
  if (p2 && PLACE_NOUNS.has(fold(p2.f).replace(/^[وف]?[بل]/, 'ال')) && /^ال/.test(a)) return markerOf(text, words, i - 2, words[i - 2]!.start);
  if (p2 && (b === 'في' || b === 'الي') && PLACE_NOUNS.has(a)) return { marker: b === 'في' ? 'fi' : 'ila', coord };
  return { marker: 'none', coord };
}

// ------------------------------------------------------------------ dates

function lastDay(y: number, m: number): string {
  return String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0');
}

/** A timex value as first and last day (ISO dates), null where it gives none. */
export function timexDays(value: string | null): { start: string | null; end: string | null } {
  if (!value) return { start: null, end: null };
  if (value.includes('/')) {
    const [a, b] = value.split('/');
    return { start: timexDays(a!).start, end: timexDays(b!).end };
  }
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4}-\d{2}-\d{2})/.exec(value))) return { start: m[1]!, end: m[1]! };
  if ((m = /^(\d{4})-(\d{2})$/.exec(value))) return { start: `${m[1]}-${m[2]}-01`, end: `${m[1]}-${m[2]}-${lastDay(+m[1]!, +m[2]!)}` };
  if ((m = /^(\d{4})$/.exec(value))) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
  if ((m = /^(\d{4})-W(\d{2})$/.exec(value))) {
    const y = +m[1]!;
    const jan4 = new Date(Date.UTC(y, 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 864e5 + (+m[2]! - 1) * 7 * 864e5);
    const sunday = new Date(monday.getTime() + 6 * 864e5);
    return { start: monday.toISOString().slice(0, 10), end: sunday.toISOString().slice(0, 10) };
  }
  return { start: null, end: null };
}

// ------------------------------------------------------------------ events

interface Draft {
  trigger: EventTriggerInput;
  sentence: number;
  source: number;
  targets: number[];
  location: number | null;
  /** targets that are countries */
  countries: number[];
  status: ArticleEvent['status'];
}

/** A guess at whether a trigger is a verb form, when the detector did not say. */
function looksVerb(t: EventTriggerInput): boolean {
  if (t.verb !== undefined) return t.verb;
  const w = fold(t.text.split(/\s+/)[0]!);
  return !(w.startsWith('ال') || /(ه|ات|اء|ال)$/.test(w) || /^(م|ت)/.test(w) && w.length > 5);
}

/**
 * The events of one article from its triggers, its entity clusters (with the store entity
 * each stands for, by index) and its temporal expressions.
 * @example buildEvents(text, triggerDetails(text, eventWords(text)), clusters, refs, findTimexes(text, published), 'a1b2')
 */
export function buildEvents(
  text: string,
  triggers: EventTriggerInput[],
  clusters: MentionCluster[],
  refs: (EventEntityRef | null)[],
  timexes: Timex[],
  articleId = 'event',
): ArticleEvent[] {
  const sentences = splitSentences(text);
  const ref = (i: number): EventEntityRef => refs[i] ?? { id: `local:${i}`, label: clusters[i]!.label };
  // spans that hide a trigger: names and titles
  const names: { start: number; end: number }[] = [];
  const roles: { start: number; end: number }[] = [];
  for (const c of clusters) for (const m of c.mentions) {
    names.push(m);
    if (m.role) roles.push(m.role);
  }
  const inside = (spans: { start: number; end: number }[], s: number, e: number) => spans.some((x) => s >= x.start && e <= x.end);

  const cache = new Map<number, { words: Word[]; units: Unit[] }>();
  const sentenceData = (si: number) => {
    let d = cache.get(si);
    if (!d) {
      const words = sentenceWords(text, sentences[si]!);
      d = { words, units: unitsOf(text, words, sentences[si]!, clusters) };
      cache.set(si, d);
    }
    return d;
  };

  const drafts: Draft[] = [];
  for (const t of [...triggers].sort((a, b) => a.start - b.start)) {
    if (inside(names, t.start, t.end) || inside(roles, t.start, t.end)) continue;
    const si = sentences.findIndex((s) => t.start >= s.start && t.start < s.end);
    if (si < 0) continue;
    const { words, units } = sentenceData(si);
    const d = argumentsOf(t, words, units, drafts, si);
    if (d) drafts.push({ ...d, trigger: t, sentence: si });
  }

  const out: ArticleEvent[] = [];
  const seen = new Set<string>();
  for (const d of drafts) {
    const t = d.trigger;
    const s = sentences[d.sentence]!;
    const targets = d.targets.filter((x) => ref(x).id !== ref(d.source).id);
    const date = dateOf(text, t, s, timexes);
    const ev = (target: number | null): ArticleEvent => ({
      id: '',
      type: t.type,
      mode: t.mode,
      status: d.status,
      source: ref(d.source),
      target: target === null ? null : ref(target),
      location: t.mode === 'visit' && target !== null && d.countries.includes(target) ? ref(target) : d.location === null ? null : ref(d.location),
      date,
      contexts: eventContexts(text, t.start, t.end),
      evidence: { text: s.text, start: s.start, end: s.end },
    });
    for (const target of targets.length ? targets : [null]) {
      const e = ev(target);
      // the same event told twice in one sentence ("اللقاء … المباحثات خلال هذا اللقاء") once
      const key = [e.type, e.source.id, e.target?.id ?? '', s.start, e.status ?? ''].join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(e);
    }
  }
  out.forEach((e, i) => (e.id = `${articleId}:${i + 1}`));
  return out;
}

const REPORTING = /^[وف]?(اعلن|اعلنت|قال|قالت|افاد|افادت|ذكر|ذكرت|اكد|اكدت|صدر|صدرت|اورد|اوردت|نشر|نشرت)$/;

function dateOf(text: string, t: EventTrigger, s: Sentence, timexes: Timex[]): ArticleEvent['date'] {
  let best: Timex | null = null;
  let bestDist = Infinity;
  for (const x of timexes) {
    if (x.start < s.start || x.end > s.end || x.granularity === 'duration') continue;
    // "أعلنت أمس الخميس …", "بلاغ صدر أمس": the day of the report, not of the event
    const before = fold(text.slice(Math.max(s.start, x.start - 24), x.start)).trim().split(/\s+/).slice(-2);
    if (before.some((w) => REPORTING.test(w))) continue;
    const dist = x.end <= t.start ? t.start - x.end : x.start >= t.end ? x.start - t.end : 0;
    if (dist < bestDist) {
      best = x;
      bestDist = dist;
    }
  }
  if (!best) return { start: null, end: null, text: null };
  return { ...timexDays(best.value), text: best.text };
}

/** The argument phrases of a sentence: one per name that can be an actor or a place. */
function unitsOf(text: string, words: Word[], s: Sentence, clusters: MentionCluster[]): Unit[] {
  const { cities } = loadPlaces();
  const mentions = clusters.flatMap((c, i) => c.mentions.filter((m) => m.start >= s.start && m.end <= s.end).map((m) => ({ m, i, type: c.type })));
  const roleSpans = mentions.filter((x) => x.m.role).map((x) => x.m.role!);
  mentions.sort((a, b) => a.m.start - b.m.start);
  const units: Unit[] = [];
  for (let k = 0; k < mentions.length; k++) {
    const { m, i, type } = mentions[k]!;
    if (units.length && m.start < units[units.length - 1]!.end) continue; // nested mention
    if (roleSpans.some((r) => m.start >= r.start && m.end <= r.end)) continue; // part of a title
    if (NOT_NAMES.test(fold(clusters[i]!.label))) continue; // "نظرائه": a common noun taken for a name
    let start = m.start;
    if (m.role && m.role.end <= m.start) start = m.role.start;
    let first = wordAt(words, start);
    const last = Math.max(first, wordAt(words, m.end - 1));
    const prev = words[first - 1];
    if (type !== 'PERSON' && start === m.start && prev && isTitleWord(prev)) {
      // "بمدير مكتب التحقيقات الفيدرالي “إف بي آي”، كريستوفر راي": the office stands for the
      // person named next to it, or for its official when none is
      let j = k + 1;
      while (mentions[j] && mentions[j]!.type !== 'PERSON' && mentions[j]!.m.start - m.end < 40) j++;
      const person = mentions[j];
      if (person && person.type === 'PERSON') {
        let gap = text.slice(m.end, person.m.start);
        for (let x = j - 1; x > k; x--) gap = gap.slice(0, mentions[x]!.m.start - m.end) + gap.slice(mentions[x]!.m.end - m.end);
        const gapWords = gap.split(/[\s،,“”"«»()\-–]+/).filter(Boolean);
        const apposition = (gapWords.length <= 1 && gapWords.every((g) => /^ال/.test(g)) && /[،,(“"«\-–]/.test(gap)) ||
          // "مدير المديرية العامة للأمن الوطني ومديرية مراقبة التراب الوطني، عبد اللطيف حموشي"
          (gapWords.length <= 5 && /^[وو]/.test(gapWords[0] ?? '') && /[،,]\s*$/.test(gap) && !gapWords.some((g) => BARRIERS.has(fold(g))));
        if (apposition) {
          first -= 1;
          const mk = markerOf(text, words, first, words[first]!.start);
          units.push({ cluster: person.i, kind: 'actor', start: words[first]!.start, end: person.m.end, first, last: wordAt(words, person.m.end - 1), ...mk, city: false, country: false });
          k = j;
          continue;
        }
      }
      first -= 1;
      start = words[first]!.start;
    }
    const isPlace = type === 'LOCATION' && !isCountry(clusters[i]!.label);
    const mk = markerOf(text, words, first, start > words[first]!.start ? start : words[first]!.start);
    if (start === m.start && m.start > words[first]!.start) Object.assign(mk, markerOf(text, words, first, m.start));
    units.push({
      cluster: i, kind: isPlace ? 'place' : 'actor', start, end: m.end, first, last, ...mk,
      city: isPlace && cities.has(placeKey(clusters[i]!.label)),
      country: type === 'LOCATION' && !isPlace,
    });
  }
  return units;
}

/** Words strictly between two word indices, as folded strings (non-words kept as they are). */
const between = (words: Word[], a: number, b: number): Word[] => words.slice(a + 1, b);

const isBarrier = (w: Word): boolean => isWord(w) && (BARRIERS.has(w.f) || (/^[وف]../.test(w.f) && BARRIERS.has(w.f.slice(1))));

function hasBarrier(ws: Word[]): boolean {
  return ws.some((w) => (w.kind === 'punct' && /[:;؛]/.test(w.f)) || isBarrier(w));
}

/** A title phrase the role reader left unattached ("رئيس الوزراء الإسباني" before a name): up to five words opened by a title head. */
function titled(ws: Word[]): boolean {
  return ws.length > 0 && ws.length <= 5 && isTitleWord(ws[0]!) && ws[0]!.pro.length === 0 && ws.every((w) => isWord(w) && !isBarrier(w));
}

/** Only fillers (and commas) between: the phrase is right next to the word. */
function adjacent(ws: Word[], maxWords: number): boolean {
  let n = 0;
  for (const w of ws) {
    if (w.kind === 'punct') {
      if (!/[،,]/.test(w.f)) return false;
      continue;
    }
    if (!isWord(w)) return false;
    if (w.kind === 'number') continue;
    if (!FILLERS.has(w.f) && !FILLERS.has(w.f.replace(/^[وفب]/, ''))) {
      n++;
      if (n > maxWords) return false;
    }
  }
  return true;
}

function argumentsOf(
  t: EventTriggerInput,
  words: Word[],
  units: Unit[],
  drafts: Draft[],
  si: number,
): Omit<Draft, 'trigger' | 'sentence'> | null {
  const tFirst = wordAt(words, t.start);
  const tLast = wordAt(words, t.end - 1);
  const verb = looksVerb(t);
  const order = argumentOrder(t.text);
  let status = t.status;

  // the stretch after the trigger, up to a clause boundary
  let stop = words.length;
  for (let i = tLast + 1; i < words.length; i++) {
    const w = words[i]!;
    if ((w.kind === 'punct' && /[:;؛]/.test(w.f)) || isBarrier(w)) {
      // "الزيارة التي قام بها X": the relative clause of a verbal noun carries its actor
      if (!verb && RELATIVES.has(w.f) && i <= tLast + 3 && relativeSupport(words, i)) continue;
      stop = i;
      break;
    }
  }
  const after = units.filter((u) => u.first > tLast && u.first < stop);
  const before = units.filter((u) => u.last < tFirst);
  const agentUnit = after.find((u) => u.marker === 'agent' && u.kind === 'actor');

  let source: Unit | null = null;
  let objects: Unit[] = [];
  const actorAfter = after.filter((u) => u.kind === 'actor');

  // a subject right before the trigger: "X التقى Y", "X قام بزيارة …"
  const subjectBefore = (): Unit | null => {
    const u = before[before.length - 1];
    if (!u || u.kind !== 'actor' || u.marker !== 'none' || u.coord) return null;
    let end = tFirst;
    if (!verb) {
      const sv = supportBefore(words, tFirst);
      if (sv === null) return null;
      end = sv.index;
    }
    const gap = between(words, u.last, end);
    return !hasBarrier(gap) && adjacent(gap.filter((w) => w.kind !== 'punct'), 1) && !gap.some((w) => w.kind === 'punct' && !/[،,]/.test(w.f)) ? u : null;
  };

  if (verb) {
    const first = actorAfter[0];
    const firstBare = first && first.marker === 'none' && !first.coord && (adjacent(between(words, tLast, first.first), 2) || titled(between(words, tLast, first.first))) ? first : null;
    const pre = subjectBefore();
    if (order === 'host') {
      // استقبل X Y: X the host (target), Y the visitor (source)
      const host = firstBare ?? pre;
      const rest = actorAfter.filter((u) => u !== host);
      const visitor = rest.find((u) => u.marker === 'none' || u.marker === 'li' || u.marker === 'bi');
      if (!visitor) return null;
      source = visitor;
      objects = host ? [host] : [];
    } else if (order === 'receive') {
      const subject = firstBare ?? pre;
      const from = actorAfter.find((u) => u.marker === 'min' || u.marker === 'agent');
      if (!from) return null;
      source = from;
      objects = subject ? [subject] : [];
    } else {
      source = pre ?? firstBare;
      const rest = actorAfter.filter((u) => u !== source);
      objects = objectsOf(rest, t, listAfter(words, tLast, stop));
      if (!source && objects.length && clauseInitial(words, tFirst)) {
        // a dropped subject: the actor of the event told just before
        const prev = drafts[drafts.length - 1];
        if (prev && si - prev.sentence <= 2) {
          source = { cluster: prev.source } as Unit;
          if (!t.status && prev.status === 'historical' && prev.sentence === si) status = 'historical';
        }
      }
    }
  } else {
    const rel = relativeAfter(words, tLast, stop);
    const sv = supportBefore(words, tFirst);
    const genitive = actorAfter[0] && actorAfter[0].marker === 'none' && !actorAfter[0].coord && adjacent(between(words, tLast, actorAfter[0].first), 2) ? actorAfter[0] : null;
    if (rel !== null) {
      // "الزيارة التي قام بها X إلى Y"; "زيارة قام بها إلى Y" (he: the actor told just before)
      const receive = loadOrders().support.get(wordKey(words[rel]!.raw)) === 'support-receive';
      const actor = actorAfter.find((u) => u.first > rel && u.marker === 'none' && !u.coord && adjacent(between(words, rel, u.first).filter((w) => !/^(بها|به|بهما)$/.test(w.f)), 0));
      const prev = drafts[drafts.length - 1];
      if (receive) source = null;
      else if (actor) source = actor;
      else if (prev && prev.sentence === si) source = { cluster: prev.source } as Unit;
      if (source) {
        objects = objectsOf(actorAfter.filter((u) => u.first > (actor ? actor.last : rel)), t);
        if (!status) status = 'historical';
      }
    } else if (sv) {
      const subj = units.find((u) => u.kind === 'actor' && u.first > sv.index && u.last < tFirst && u.marker === 'none');
      const subject = subj ?? subjectBefore();
      if (sv.order === 'support-receive') {
        const from = actorAfter.find((u) => u.marker === 'min' || u.marker === 'agent');
        if (from) {
          source = from;
          objects = subject ? [subject] : [];
        }
      } else if (subject) {
        source = subject;
        objects = objectsOf(actorAfter, t);
      }
      if (!source && genitive) {
        source = genitive;
        objects = objectsOf(actorAfter.filter((u) => u !== genitive), t);
      }
    } else if (genitive) {
      if (order === 'host') {
        // استقبال X لـY
        const visitor = actorAfter.find((u) => u !== genitive && (u.marker === 'li' || u.marker === 'none'));
        if (!visitor) return null;
        source = visitor;
        objects = [genitive];
      } else {
        source = genitive;
        const rest = actorAfter.filter((u) => u !== genitive);
        // "لقاء X وY": the one coordinated with the actor is its counterpart
        objects = rest[0]?.coord && rest[0].marker === 'none' ? [rest[0], ...coordinated(rest, 0)] : objectsOf(rest, t);
      }
    } else {
      // "المباحثات بين X وY"
      const k = actorAfter.findIndex((u) => u.marker === 'bayna');
      if (k >= 0 && adjacent(between(words, tLast, actorAfter[k]!.first), 3)) {
        source = actorAfter[k]!;
        objects = coordinated(actorAfter, k);
      }
    }
    // a relative clause of a visit tells the past: what happened during it is background too
    if (!status && rel !== null) status = 'historical';
  }
  if (agentUnit) {
    objects = [...(source && source !== agentUnit && source.cluster !== undefined && source.first !== undefined ? [source] : []), ...objects.filter((u) => u !== agentUnit)];
    source = agentUnit;
  }
  if (!source) return null;
  if (!status && backgroundBefore(words, tFirst)) status = 'historical';

  // places: a visited country is the place too
  const location = placeOf(units, t, objects);
  const targets = objects.filter((u) => u.kind === 'actor').map((u) => u.cluster);
  const countries = objects.filter((u) => u.country).map((u) => u.cluster);
  return { source: source.cluster, targets: [...new Set(targets)], location, countries, status };
}

const CLAUSE_OPENERS = F(['حيث', 'ثم', 'كما', 'وقد', 'قد', 'فيما', 'بينما', 'وكان', 'كان']);

/** Whether a verb opens its clause: first in the sentence, after و/ف, or after حيث، ثم، كما … */
function clauseInitial(words: Word[], i: number): boolean {
  const w = words[i]!;
  if (w.pro.includes('و') || w.pro.includes('ف')) return true;
  let j = i - 1;
  while (j >= 0 && !isWord(words[j])) j--;
  return j < 0 || CLAUSE_OPENERS.has(words[j]!.f);
}

/** The objects of a trigger among the phrases after its subject: the first object and those coordinated with it. */
function objectsOf(rest: Unit[], t: EventTrigger, listed = false): Unit[] {
  const ok: Marker[] = ['none', 'bi', 'maa', 'list', 'ila', 'li'];
  if (t.type !== 'CONSULT' && t.type !== 'COOPERATE' && t.type !== 'AGREE') ok.push('ala');
  // a coordinated name is not the first object, except in a list ("كل من X، وY"), whose first may be unnamed
  const k = rest.findIndex((u) => u.kind === 'actor' && (!u.coord || listed) && ok.includes(u.marker));
  if (k < 0) return [];
  // a phrase after a topic word is what was talked about, not who
  if (rest.slice(0, k).some((u) => u.marker === 'topic')) return [];
  return [rest[k]!, ...coordinated(rest, k)];
}

/** Whether "كل من" opens a list right after the trigger (within four words). */
function listAfter(words: Word[], tLast: number, stop: number): boolean {
  for (let i = tLast + 1; i < Math.min(stop, tLast + 6); i++) if (/^[وب]?كل$/.test(words[i]!.f) && words[i + 1]?.f === 'من') return true;
  return false;
}

/** The phrases coordinated (و) with rest[k], in order. */
function coordinated(rest: Unit[], k: number): Unit[] {
  const out: Unit[] = [];
  for (let j = k + 1; j < rest.length; j++) {
    const u = rest[j]!;
    if (!u.coord || (u.marker !== 'none' && u.marker !== rest[k]!.marker)) break;
    if (u.kind === 'actor') out.push(u);
  }
  return out;
}

/** A light verb just before a verbal noun ("أجرى X اتصالا", "قام بزيارة"), within four words. */
function supportBefore(words: Word[], tFirst: number): { index: number; order: SupportOrder } | null {
  const { support } = loadOrders();
  for (let i = tFirst - 1, n = 0; i >= 0 && n < 6; i--) {
    const w = words[i]!;
    if (!isWord(w)) {
      if (w.kind === 'punct' && !/[،,]/.test(w.f)) return null;
      continue;
    }
    n++;
    const o = support.get(wordKey(w.raw)) ?? support.get(wordKey(w.raw.replace(/^[وف](?=...)/, '')));
    if (o) return { index: i, order: o };
    if (BARRIERS.has(w.f)) return null;
  }
  return null;
}

/** "التي قام بها" / "الذي أجراه" … at words[i]: a relative clause with a light verb. */
function relativeSupport(words: Word[], i: number): boolean {
  const v = words[i + 1];
  if (!v || !isWord(v)) return false;
  return loadOrders().support.get(wordKey(v.raw)) !== undefined || /^(قام|قامت|اجراه|اجراها|اجرته|عقده|عقدها)$/.test(v.f);
}

/** The index of a relative light verb right after a verbal noun ("زيارة [العمل] التي قام بها"), or null. */
function relativeAfter(words: Word[], tLast: number, stop: number): number | null {
  for (let i = tLast + 1; i < Math.min(words.length, tLast + 5); i++) {
    const w = words[i]!;
    if (!isWord(w)) return null;
    if (RELATIVES.has(w.f) && relativeSupport(words, i)) return i + 1;
    // "خلال زيارة قام بها إلى أمريكا": an indefinite noun's relative has no التي
    if (i === tLast + 1 && /^(قام|قامت)$/.test(w.f)) return i;
    if (i >= stop) return null;
  }
  return null;
}

/** Whether the trigger follows a relative clause about a past visit in its sentence ("… التي قام بها X، والتقى فيها بـY"). */
function backgroundBefore(words: Word[], tFirst: number): boolean {
  for (let i = 0; i < tFirst - 1; i++) if (RELATIVES.has(words[i]!.f) && /^(قام|قامت)$/.test(words[i + 1]!.f)) {
    // only when the trigger points back to it ("فيها", "خلالها")
    for (let j = tFirst + 1; j < Math.min(words.length, tFirst + 3); j++) if (/^(فيها|خلالها|خلاله|فيه)$/.test(words[j]!.f)) return true;
  }
  return false;
}

function placeOf(units: Unit[], t: EventTrigger, objects: Unit[]): number | null {
  // a bare place after a visit verb is the place visited ("زار X مدريد")
  const marked = units.filter((u) => ['fi', 'bi', 'ila', 'li'].includes(u.marker) || objects.includes(u) || (t.mode === 'visit' && u.kind === 'place' && u.marker === 'none' && u.start >= t.end));
  const dist = (u: Unit) => (u.end <= t.start ? t.start - u.end + 0.5 : u.start - t.end);
  const pick = (list: Unit[]) => [...list].sort((a, b) => dist(a) - dist(b))[0];
  const city = pick(marked.filter((u) => u.kind === 'place' && u.city)) ?? pick(marked.filter((u) => u.kind === 'place'));
  if (city) return city.cluster;
  if (t.mode === 'visit') {
    const c = pick(marked.filter((u) => u.country && (u.marker === 'ila' || u.marker === 'li' || u.marker === 'fi' || objects.includes(u))));
    if (c) return c.cluster;
  }
  const inCountry = pick(marked.filter((u) => u.country && u.marker === 'fi'));
  return inCountry ? inCountry.cluster : null;
}

