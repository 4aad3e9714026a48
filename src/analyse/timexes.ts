/**
 * Temporal expressions (timexes) in Arabic news text, found with their spans and resolved
 * against the article's publication date (the anchor).
 *
 * Words: month, weekday, era and meridiem names come from `data/months.ar.json` (shared with
 * the byline date parser in `src/extract/dates.ts`); relative words, modifiers, units and
 * number words from `data/timex.ar.json`. Matching runs on the MATCH-normalised text of
 * `src/arabic` (hamza/alef, ya, ta marbuta folded; marks, tatweel removed; Arabic-Indic digits
 * made ASCII) and every span is mapped back, so `text.slice(start, end) === timex.text`.
 * Full dates with a time ("20 يونيو 2022 - 12:00", "2022/06/20") also come from
 * `findArabicDates`.
 *
 * Values (`granularity`: value):
 *   day       `YYYY-MM-DD`                 "11 سبتمبر/أيلول 2001", "أمس الجمعة", "قبل يومين"
 *   time      `YYYY-MM-DDTHH:MM`, or null  a date with its time; a clock time alone ("الساعة 12:00") is null
 *   week      `YYYY-Www` (ISO week)        "الأسبوع المقبل", "منذ أسبوعين"
 *   month     `YYYY-MM`                    "يونيو 2022", "الشهر الماضي", "مطلع الشهر الجاري", "منذ 11 شهرا"
 *   year      `YYYY`                       "عام 2019", "العام الماضي", "منتصف 2022"
 *   range     `A/B` (ISO 8601 interval)    "13 و14 يونيو 2022", "من 3 إلى 5 مايو", "بين عامي 2019 و2021",
 *                                          and Hijri months/years ("رمضان 1445", "1445 هـ"), which are
 *                                          given as the Gregorian days they cover
 *   duration  `P3D`, `P11M`, `PT24H`       "ثلاثة أيام", "24 ساعة", "قبل يومين من الانتخابات"
 *
 * Rules for what the text leaves open (all relative to the anchor's calendar day):
 *   - A bare weekday ("الثلاثاء", "يوم الثلاثاء", "مساء الإثنين") is the latest such day on or
 *     before the anchor (news reports the past); with الماضي it is strictly before, with
 *     المقبل/القادم strictly after.
 *   - A year-less day already stated earlier in the text with its year ("11 سبتمبر 2001 …
 *     أحداث 11 سبتمبر") takes that year. Otherwise a year-less day or month ("8 مارس",
 *     "شهر مارس") is its nearest occurrence, a future
 *     one only when it is at most 62 days (2 months) ahead and nearer than the past one; with
 *     الماضي it is the latest occurrence strictly before the anchor (for a month: before the
 *     anchor's month), with المقبل/القادم the earliest strictly after, with الجاري/الحالي the
 *     anchor's year. Hijri year-less dates work the same in the Hijri calendar.
 *   - "منذ/قبل N وحدة" is the anchor minus N units, "بعد N وحدة" plus N (only in a
 *     future-tense clause: "سوف", a سـ-prefixed verb, "من المقرر"…; otherwise "بعد" counts
 *     from an event in the story and the expression is a duration), at the unit's
 *     granularity (hours and minutes stay null: the anchor has no reliable time); followed by
 *     "من" ("قبل يومين من الانتخابات"), or "بعد" by "على", it counts from another event and is
 *     a duration. A number with a unit and no such word ("ثلاثة أيام") is a duration.
 *   - Position words (مطلع، نهاية، منتصف…) widen the span but keep the unit's value and
 *     granularity ("نهاية الشهر الماضي" → the month).
 *   - Leading prepositions (في، من، بين، خلال) and conjunction clitics (و، ف) are left out of
 *     spans; "منذ"/"قبل"/"بعد" stay in because they carry the meaning.
 *   - "اليوم" is the anchor's day, also where it means "nowadays"; it is skipped in "ذلك/نفس
 *     اليوم" and before a definite word that is not a weekday ("اليوم الوطني", "اليوم التالي").
 *     Weekday names are skipped after "صلاة/خطبة" (Friday prayers) and "بين/كلا" ("both"), and
 *     "العام" + modifier after a definite noun or a title ("الأمين العام السابق").
 *   - Not handled (left unfound): ordinal day words ("الثالث من مارس"), vague plurals
 *     ("السنوات الأخيرة", "منذ أيام"), anaphora ("منذ ذلك الحين", "اليوم التالي").
 *   - Without an anchor (or with an unreadable one) everything that needs it keeps
 *     `value: null` with its span and granularity: Marsad never invents a date.
 */
import { readFileSync } from 'node:fs';

import { fold, MATCH, normalize } from '../arabic/index.js';
import { findArabicDates, hijriToGregorian, monthsFile } from '../extract/dates.js';
import { dataFile } from '../model/paths.js';

export type TimexGranularity = 'day' | 'week' | 'month' | 'year' | 'range' | 'time' | 'duration' | 'unknown';

/** One temporal expression: its text, UTF-16 span in the input, and resolved value. */
export interface Timex {
  text: string;
  start: number;
  end: number;
  value: string | null;
  granularity: TimexGranularity;
}

// ------------------------------------------------------------------ lexicon


type UnitName = 'day' | 'week' | 'month' | 'year' | 'hour' | 'minute';

interface TimexFile {
  today: string[];
  yesterday: string[];
  dayBeforeYesterday: string[];
  tomorrow: string[];
  dayAfterTomorrow: string[];
  past: string[];
  next: string[];
  current: string[];
  this: string[];
  unitsDefinite: Record<'week' | 'month' | 'year', string[]>;
  units: Record<UnitName, { one: string[]; two: string[]; many: string[] }>;
  numbers: Record<string, number>;
  ago: string[];
  future: string[];
  after: string[];
  position: string[];
  partOfDay: string[];
  dayWord: string[];
  daysWord: string[];
  monthWord: string[];
  yearWord: string[];
  yearsWord: string[];
  rangeTo: string[];
  rangeAnd: string[];
  between: string[];
  from: string[];
  clock: string[];
  corresponding: string[];
  notNounAfterToday: string[];
  blockBeforeToday: string[];
  blockBeforeWeekday: string[];
  blockAfterWeekday: string[];
  blockBeforeYearUnit: string[];
}

type Dir = 'past' | 'next' | 'current' | 'none';
type Cal = 'g' | 'h';

interface Lexicon {
  months: Map<string, { cal: Cal; month: number }>;
  weekdays: Map<string, number>;
  relDays: Map<string, number>;
  mods: Map<string, Dir>;
  unitsDef: Map<string, 'week' | 'month' | 'year'>;
  units: Map<string, { unit: UnitName; one: boolean; two: boolean }>;
  numbers: Map<string, number>;
  hijriEra: Set<string>;
  gregEra: Set<string>;
  ago: Set<string>;
  rangeTo: Set<string>;
  between: Set<string>;
  yearsWord: Set<string>;
  daysWord: Set<string>;
  notNounAfterToday: Set<string>;
  blockBeforeToday: Set<string>;
  blockBeforeWeekday: Set<string>;
  blockAfterWeekday: Set<string>;
  blockBeforeYearUnit: Set<string>;
  re: Patterns;
}

interface Patterns {
  dayDate: RegExp;
  monthDate: RegExp;
  year: RegExp;
  yearRange: RegExp;
  relDay: RegExp;
  weekday: RegExp;
  relUnit: RegExp;
  counted: RegExp;
  clock: RegExp;
  gap: RegExp;
  betweenBefore: RegExp;
  /** after a one-word count ("قبل عام", "قبل شهر"): a year or a month name means it is not one */
  notCount: RegExp;
  fromEventAgo: RegExp;
  fromEventAfter: RegExp;
  /** a future-tense clause ends here */
  future: RegExp;
}

const ARABIC = /[\u0600-\u06FF]/;
const W = '\\p{L}\\p{M}\\p{N}';
/** Not inside a word. */
const B = `(?<![${W}])`;
/** Word ends here. */
const E = `(?![${W}])`;
/** Word start, allowing a conjunction clitic (و، ف) and, before ال, a preposition (ب، ك، ل) glued on. */
const START = `(?<=(?:^|[^${W}])(?:[وف]|[وف]?[بكل](?=ال))?)`;
/** Digits glued to the Arabic word before them, as sloppy news copy writes ("أحداث11 سبتمبر"). */
const GLUED = '(?<=[\\u0621-\\u064A])(?=\\d)';

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Alternation of folded words, longest first, inner spaces matching any spaces. */
function alt(words: Iterable<string>): string {
  const uniq = [...new Set(words)].filter(Boolean).sort((a, b) => b.length - a.length);
  return uniq.map((w) => esc(w).replace(/ +/g, '\\s+')).join('|');
}

const f1 = (w: string): string => fold(w, MATCH);
const fl = (ws: string[]): string[] => ws.map(f1);

let lexicon: Lexicon | null = null;

function loadLexicon(): Lexicon {
  if (lexicon) return lexicon;
  const mo = monthsFile();
  const tx = JSON.parse(readFileSync(dataFile('timex.ar.json'), 'utf8')) as TimexFile;

  // Arabic-script names only: Latin month names in Arabic prose come in full dates, which
  // findArabicDates reads; alone they are too ambiguous ("mars", "may").
  const months = new Map<string, { cal: Cal; month: number }>();
  for (const [cal, table] of [['g', mo.gregorian], ['h', mo.hijri]] as const) {
    for (const [num, words] of Object.entries(table)) {
      for (const w of words) if (ARABIC.test(w)) months.set(f1(w), { cal, month: Number(num) });
    }
  }
  const weekdays = new Map<string, number>();
  for (const [num, words] of Object.entries(mo.weekdays)) {
    for (const w of words) if (ARABIC.test(w)) weekdays.set(f1(w), Number(num));
  }
  const relDays = new Map<string, number>();
  for (const [key, off] of [['today', 0], ['yesterday', -1], ['dayBeforeYesterday', -2], ['tomorrow', 1], ['dayAfterTomorrow', 2]] as const) {
    for (const w of tx[key]) relDays.set(f1(w), off);
  }
  const mods = new Map<string, Dir>();
  for (const w of tx.past) mods.set(f1(w), 'past');
  for (const w of tx.next) mods.set(f1(w), 'next');
  for (const w of tx.current) mods.set(f1(w), 'current');
  const unitsDef = new Map<string, 'week' | 'month' | 'year'>();
  for (const [u, ws] of Object.entries(tx.unitsDefinite) as Array<['week' | 'month' | 'year', string[]]>) {
    for (const w of ws) unitsDef.set(f1(w), u);
  }
  const units = new Map<string, { unit: UnitName; one: boolean; two: boolean }>();
  for (const [u, forms] of Object.entries(tx.units) as Array<[UnitName, { one: string[]; two: string[]; many: string[] }]>) {
    for (const w of [...forms.one, ...forms.two, ...forms.many]) {
      const k = f1(w);
      const prev = units.get(k);
      units.set(k, {
        unit: u,
        one: (prev?.one ?? false) || forms.one.some((x) => f1(x) === k),
        two: (prev?.two ?? false) || forms.two.some((x) => f1(x) === k),
      });
    }
  }
  const numbers = new Map<string, number>(Object.entries(tx.numbers).map(([w, n]) => [f1(w), n]));
  const hijriEra = new Set(fl(mo.era.hijri));
  const gregEra = new Set(fl(mo.era.gregorian));

  const MONTH = alt(months.keys());
  const WD = alt(weekdays.keys());
  const MOD = alt(mods.keys());
  const MODPN = alt([...mods].filter(([, d]) => d !== 'current').map(([w]) => w));
  const ERA = `(?:\\s*(?:${alt([...hijriEra, ...gregEra])})${E})?`;
  const POD = alt(fl(tx.partOfDay));
  const POS = alt(fl(tx.position));
  const CONN = alt(fl([...tx.rangeTo, ...tx.rangeAnd]));
  const THIS = alt(fl(tx.this));
  const NUMW = alt(numbers.keys());
  const MER = alt(fl([...mo.meridiem.am, ...mo.meridiem.pm]).filter((w) => ARABIC.test(w)));
  const DAYW = alt(fl([...tx.daysWord, ...tx.dayWord]));
  const MONW = alt(fl(tx.monthWord));
  const CURMONTH = alt([...unitsDef].filter(([, u]) => u === 'month').map(([w]) => w));
  const CORR = alt(fl(tx.corresponding));
  // Weekday (and "الموافق") written before a date: "الثلاثاء 14 يونيو", "مساء يوم الجمعة، 3 مارس",
  // "أمس الخميس 16 يونيو 2022" (the stated date is the value)
  const WDPRE = `(?:(?:(?:${POD})\\s+)?(?:(?:${alt(relDays.keys())})\\s+)?(?:(?:${alt(fl(tx.dayWord))})\\s+)?(?:${WD})${E}\\s*,?\\s*(?:(?:${CORR})\\s+)?)?`;
  const MONTHNAME = (n: string) => `(?:(?:${MONW})\\s+)?(?<${n}>${MONTH})${E}(?:\\s*[/(]\\s*(?<${n}b>${MONTH})${E}(?:\\s*\\))?)?`;

  const re: Patterns = {
    // 13 و14 يونيو 2022 · يوم 8 مارس/آذار الماضي · 15 رمضان 1445 هـ · 12 و21 من الشهر الجاري
    dayDate: new RegExp(
      `(?:${START}${WDPRE}|${GLUED})(?:(?<dw>${DAYW})\\s+)?(?<d1>\\d{1,2})(?:\\s*(?:${CONN})\\s*(?<d2>\\d{1,2}))?(?![\\d:])\\s*(?:-\\s*)?(?:من\\s+)?` +
        `(?:${MONTHNAME('m')}|(?<thism>${THIS})\\s+(?:${CURMONTH})${E}|(?:${CURMONTH})\\s+(?<cmod>${MOD})${E})` +
        `(?:\\s*[-/.,]?\\s*(?<y>\\d{4})(?!\\d)(?<era>${ERA})|\\s+(?<mod>${MOD})${E})?`,
      'gu',
    ),
    // يونيو 2022 · شهر مارس الماضي · مطلع يونيو · رمضان 1445
    monthDate: new RegExp(
      `${START}(?:(?<pos>${POS})\\s+)?(?<mw>(?:${MONW})\\s+)?(?<m>${MONTH})${E}(?:\\s*[/(]\\s*(?<mb>${MONTH})${E}(?:\\s*\\))?)?` +
        `(?:\\s*[-/.,]?\\s*(?<y>\\d{4})(?!\\d)(?<era>${ERA})|\\s+(?<mod>${MOD})${E})?`,
      'gu',
    ),
    // عام 2019 · سنة 1445 هـ · منتصف 2022 · بين عامي 2019 و2021 · 2019م
    year: new RegExp(
      `${START}(?:(?<pos>${POS})\\s+)?(?:(?<yw>${alt(fl([...tx.yearWord, ...tx.yearsWord]))})\\s*)?(?<!\\d)(?<y1>\\d{4})(?!\\d)(?<era1>${ERA})` +
        `(?:\\s*(?<conn>${CONN})\\s*(?<y2>\\d{4})(?!\\d)(?<era2>${ERA}))?`,
      'gu',
    ),
    // من 2019 إلى 2021 · بين 2019 و2021
    yearRange: new RegExp(`(?<=${B}(?:${alt(fl([...tx.between, ...tx.from]))})\\s+)(?<y1>\\d{4})\\s*(?:${CONN})\\s*(?<y2>\\d{4})(?!\\d)`, 'gu'),
    // أمس الجمعة · اليوم الإثنين · أول أمس · غدا · صباح اليوم
    relDay: new RegExp(`${START}(?:(?<pod>${POD})\\s+)?(?<rel>${alt(relDays.keys())})${E}(?:\\s*,?\\s*(?<wd>${WD})${E})?`, 'gu'),
    // يوم الثلاثاء · الثلاثاء المقبل · مساء الإثنين
    weekday: new RegExp(`${START}(?:(?<pod>${POD})\\s+)?(?:(?<yom>${alt(fl(tx.dayWord))})\\s+)?(?<wd>${WD})${E}(?:\\s+(?<mod>${MODPN})${E})?`, 'gu'),
    // الشهر الماضي · الأسبوع المقبل · هذا العام · مطلع الشهر الجاري · نهاية العام
    relUnit: new RegExp(
      `${START}(?:(?<pos>${POS})\\s+)?(?:(?<this>${THIS})\\s+)?(?<unit>${alt(unitsDef.keys())})${E}(?:\\s+(?<mod>${MOD})${E})?(?!\\s*\\d)`,
      'gu',
    ),
    // منذ 11 شهرا · قبل يومين · بعد ثلاثة أيام · 24 ساعة
    counted: new RegExp(
      `${START}(?:(?<trig>${alt(fl([...tx.ago, ...tx.after]))})\\s+)?(?:(?<num>\\d{1,4}|${NUMW})\\s+)?(?<unit>${alt(units.keys())})${E}`,
      'gu',
    ),
    // الساعة 12:00 · على الساعة 10 صباحا · 9:30 مساء
    clock: new RegExp(
      `${START}(?:(?:${alt(fl(tx.clock))})\\s+(?<h>\\d{1,2})(?:[:.](?<mi>\\d{2}))?(?![\\d:])(?:\\s*(?:${MER})${E})?|(?<h2>\\d{1,2}):(?<mi2>\\d{2})(?![\\d:])\\s*(?:${MER})${E})`,
      'gu',
    ),
    gap: new RegExp(`^\\s*(${CONN})\\s*$`, 'u'),
    betweenBefore: new RegExp(`${B}(?:${alt(fl(tx.between))})\\s*$`, 'u'),
    notCount: new RegExp(`^\\s*(?:\\d|(?:${MONTH})${E})`, 'u'),
    fromEventAgo: new RegExp(`^\\s*من${E}`, 'u'),
    fromEventAfter: new RegExp(`^\\s*(?:من|علي)${E}`, 'u'),
    future: new RegExp(`${B}(?:[وف]?(?:${alt(fl(tx.future))})|[وف]?س[يتن]\\p{L}{2,})${E}[^.!?؟\\n]*$`, 'u'),
  };

  lexicon = {
    months,
    weekdays,
    relDays,
    mods,
    unitsDef,
    units,
    numbers,
    hijriEra,
    gregEra,
    ago: new Set(fl(tx.ago)),
    rangeTo: new Set(fl(tx.rangeTo)),
    between: new Set(fl(tx.between)),
    yearsWord: new Set(fl(tx.yearsWord)),
    daysWord: new Set(fl(tx.daysWord)),
    notNounAfterToday: new Set(fl(tx.notNounAfterToday)),
    blockBeforeToday: new Set(fl(tx.blockBeforeToday)),
    blockBeforeWeekday: new Set(fl(tx.blockBeforeWeekday)),
    blockAfterWeekday: new Set(fl(tx.blockAfterWeekday)),
    blockBeforeYearUnit: new Set(fl(tx.blockBeforeYearUnit)),
    re,
  };
  return lexicon;
}

// ------------------------------------------------------------------ calendar helpers

const DAY_MS = 86_400_000;

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Days since 1970-01-01 of a valid Gregorian date, else null. */
function gDay(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  t.setUTCFullYear(y); // years below 100
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return Math.round(t.getTime() / DAY_MS);
}

function ymd(day: number): [number, number, number] {
  const t = new Date(day * DAY_MS);
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

function isoDay(day: number): string {
  const [y, m, d] = ymd(day);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

function isoMonth(index: number): string {
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
}

/** ISO 8601 week ("2024-W07") of a day number. */
function isoWeek(day: number): string {
  const dow = (new Date(day * DAY_MS).getUTCDay() + 6) % 7; // Monday 0
  const thursday = day - dow + 3;
  const [y] = ymd(thursday);
  const jan1 = gDay(y, 1, 1)!;
  return `${pad(y, 4)}-W${pad(Math.floor((thursday - jan1) / 7) + 1)}`;
}

/** Days since 1970-01-01 of an Umm al-Qura Hijri date, else null. */
function hDay(y: number, m: number, d: number): number | null {
  const iso = hijriToGregorian(y, m, d);
  if (!iso) return null;
  return gDay(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

let hijriFmt: Intl.DateTimeFormat | null = null;

function hijriOf(day: number): [number, number, number] {
  hijriFmt ??= new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
  const parts = hijriFmt.formatToParts(new Date(day * DAY_MS));
  const get = (t: string) => Number.parseInt(parts.find((p) => p.type === t)?.value ?? '', 10);
  return [get('year'), get('month'), get('day')];
}

/** Gregorian interval covered by a Hijri month (or, with `month` null, a Hijri year). */
function hijriSpan(y: number, month: number | null): string | null {
  const first = hDay(y, month ?? 1, 1);
  const next = month === null || month === 12 ? hDay(y + 1, 1, 1) : hDay(y, month + 1, 1);
  if (first === null || next === null) return null;
  return `${isoDay(first)}/${isoDay(next - 1)}`;
}

interface Anchor {
  day: number;
  y: number;
  m: number;
}

function parseAnchor(anchor: string | null): Anchor | null {
  if (!anchor) return null;
  const mm = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(anchor);
  if (!mm) return null;
  const [y, m, d] = [Number(mm[1]), Number(mm[2]), Number(mm[3])];
  const day = gDay(y, m, d);
  return day === null ? null : { day, y, m };
}

/** Future occurrences of a year-less date are taken only this close to the anchor. */
const FUTURE_DAYS = 62;
const FUTURE_MONTHS = 2;

/**
 * Year of a year-less day (`d` set) or month (`d` null) in calendar `cal`, by the rules in
 * the module comment; null when none fits.
 */
function pickYear(a: Anchor, cal: Cal, m: number, d: number | null, dir: Dir): number | null {
  const [ay, am] = cal === 'g' ? [a.y, a.m] : hijriOf(a.day);
  const dayOf = cal === 'g' ? gDay : hDay;
  if (dir === 'current') return d === null || dayOf(ay, m, d) !== null ? ay : null;
  // positions on a common scale: day numbers, or month indexes
  const here = d === null ? ay * 12 + am - 1 : a.day;
  const cands: Array<[number, number]> = [];
  for (const y of [ay - 1, ay, ay + 1]) {
    const pos = d === null ? y * 12 + m - 1 : dayOf(y, m, d);
    if (pos !== null) cands.push([y, pos]);
  }
  const before = cands.filter(([, p]) => (dir === 'past' ? p < here : p <= here)).pop();
  const after = cands.find(([, p]) => p > here);
  if (dir === 'past') return before?.[0] ?? null;
  if (dir === 'next') return after?.[0] ?? null;
  const limit = d === null ? FUTURE_MONTHS : FUTURE_DAYS;
  if (after && after[1] - here <= limit && (!before || after[1] - here < here - before[1])) return after[0];
  return before?.[0] ?? after?.[0] ?? null;
}

// ------------------------------------------------------------------ candidates

/** What a day/month/year expression says, kept so that a range can lend its year to its first half. */
interface DateParts {
  cal: Cal;
  y: number | null;
  m: number | null;
  d: number | null;
  /** a year-less date read from the anchor (no modifier, no earlier statement of the same day): it may take the year of a full date earlier in its sentence */
  open?: boolean;
}

interface Cand {
  /** normalised offsets while scanning, original offsets after */
  start: number;
  end: number;
  value: string | null;
  granularity: TimexGranularity;
  parts?: DateParts;
  /** the weekday (0 = Sunday) of a weekday expression */
  wd?: number;
}

function dirOf(word: string | undefined): Dir {
  return word ? (loadLexicon().mods.get(word) ?? 'none') : 'none';
}

function monthOf(a: string | undefined, b: string | undefined): { cal: Cal; month: number } | null {
  const lx = loadLexicon();
  const first = a ? lx.months.get(a.replace(/\s+/g, ' ')) : undefined;
  if (!first) return null;
  if (b === undefined) return first;
  const second = lx.months.get(b.replace(/\s+/g, ' '));
  if (!second || second.cal !== first.cal || second.month !== first.month) return null;
  return first;
}

function eraCal(era: string | undefined): Cal | null {
  const w = era?.trim();
  if (!w) return null;
  return loadLexicon().hijriEra.has(w) ? 'h' : 'g';
}

function validYear(y: number, cal: Cal): boolean {
  return cal === 'h' ? y >= 1300 && y <= 1600 : y >= 1000 && y <= 2199;
}

/** Value of a day in either calendar, as a Gregorian ISO day. */
function dayValue(cal: Cal, y: number, m: number, d: number): string | null {
  const n = (cal === 'g' ? gDay : hDay)(y, m, d);
  return n === null ? null : isoDay(n);
}

const LETTER = /^\p{L}$/u;
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;

/** The code point that ends just before UTF-16 offset `j` (a surrogate pair whole). */
function charBefore(f: string, j: number): string {
  const c = f.charCodeAt(j - 1);
  if (c >= 0xdc00 && c <= 0xdfff && j >= 2) {
    const h = f.charCodeAt(j - 2);
    if (h >= 0xd800 && h <= 0xdbff) return f.slice(j - 2, j);
  }
  return f[j - 1]!;
}

/**
 * The word before normalised offset `i` (a clitic glued to the match is skipped). Walks back
 * from `i`: a regex anchored at the end of `f.slice(0, i)` is tried from every earlier
 * position, quadratic per call, and this runs once per weekday (fuzzing, issue #8).
 */
function wordBefore(f: string, i: number): string {
  let j = i;
  let ch: string;
  while (j > 0 && LETTER.test((ch = charBefore(f, j)))) j -= ch.length;
  while (j > 0 && !WORD_CHAR.test((ch = charBefore(f, j)))) j -= ch.length;
  const end = j;
  while (j > 0 && WORD_CHAR.test((ch = charBefore(f, j)))) j -= ch.length;
  return f.slice(j, end);
}

function wordAfter(f: string, i: number): string {
  const m = /^[^\p{L}\p{M}\p{N}]*([\p{L}\p{M}\p{N}]+)/u.exec(f.slice(i));
  return m ? m[1]! : '';
}

function scanDayDates(f: string, a: Anchor | null, out: Cand[]): void {
  const lx = loadLexicon();
  // "11 سبتمبر 2001 … أحداث 11 سبتمبر": a year-less day already stated with its year keeps it
  const stated = new Map<string, number>();
  for (const m of f.matchAll(lx.re.dayDate)) {
    const g = m.groups!;
    const d1 = Number(g.d1);
    const d2 = g.d2 !== undefined ? Number(g.d2) : null;
    if (d1 < 1 || d1 > 31 || (d2 !== null && (d2 <= d1 || d2 > 31))) continue;
    let cal: Cal = 'g';
    let month: number | null = null;
    let y: number | null = null;
    let dir: Dir = 'none';
    if (g.m) {
      const mo = monthOf(g.m, g.mb);
      if (!mo) continue;
      // "هزم المرخية 5 - صفر": a number, a dash and صفر ("zero") is a score, not the Hijri month
      if (mo.cal === 'h' && mo.month === 2 && /\d\s*-\s*\S+$/u.test(f.slice(m.index, f.indexOf(g.m, m.index) + g.m.length))) continue;
      cal = mo.cal;
      month = mo.month;
      dir = dirOf(g.mod);
    } else {
      // "من الشهر الجاري/الماضي", "من هذا الشهر": the month comes from the anchor
      dir = g.thism ? 'current' : dirOf(g.cmod);
    }
    if (g.y) {
      const ec = eraCal(g.era);
      if (ec && ec !== cal) continue;
      y = Number(g.y);
      if (!validYear(y, cal)) continue;
    }
    const start = m.index!;
    const end = start + m[0].length;
    const explicitYear = y !== null;
    let open = false;
    let value: string | null = null;
    let v2: string | null = null;
    if (month === null) {
      // month from the anchor: current, previous or next month
      if (a) {
        const idx = a.y * 12 + a.m - 1 + (dir === 'past' ? -1 : dir === 'next' ? 1 : 0);
        y = Math.floor(idx / 12);
        month = (idx % 12) + 1;
      }
    } else if (y === null) {
      const before = stated.get(`${cal}${month}-${d1}`);
      if (before !== undefined && dir === 'none') y = before;
      else {
        open = dir === 'none' && cal === 'g';
        if (a) y = pickYear(a, cal, month, d1, dir);
      }
    } else {
      stated.set(`${cal}${month}-${d1}`, y);
    }
    if (y !== null && month !== null) {
      value = dayValue(cal, y, month, d1);
      if (value === null) continue;
      if (d2 !== null) {
        v2 = dayValue(cal, y, month, d2);
        if (v2 === null) continue;
      }
    }
    if (d2 !== null) out.push({ start, end, value: value && v2 ? `${value}/${v2}` : null, granularity: 'range' });
    else out.push({ start, end, value, granularity: 'day', parts: { cal, y: explicitYear ? y : null, m: month, d: d1, open } });
  }
}

function scanMonths(f: string, a: Anchor | null, out: Cand[]): void {
  const lx = loadLexicon();
  for (const m of f.matchAll(lx.re.monthDate)) {
    const g = m.groups!;
    // a bare month name is too often something else ("مارس" is also a verb): it needs a year,
    // a modifier, "شهر" or a position word
    if (!g.y && !g.mod && !g.mw && !g.pos) continue;
    const mo = monthOf(g.m, g.mb);
    if (!mo) continue;
    let y: number | null = null;
    if (g.y) {
      const ec = eraCal(g.era);
      if (ec && ec !== mo.cal) continue;
      y = Number(g.y);
      if (!validYear(y, mo.cal)) continue;
    }
    const explicitYear = y !== null;
    if (y === null && a) y = pickYear(a, mo.cal, mo.month, null, dirOf(g.mod));
    const start = m.index!;
    const end = start + m[0].length;
    if (mo.cal === 'h') {
      out.push({ start, end, value: y === null ? null : hijriSpan(y, mo.month), granularity: 'range' });
    } else {
      const value = y === null ? null : isoMonth(y * 12 + mo.month - 1);
      out.push({ start, end, value, granularity: 'month', parts: { cal: 'g', y: explicitYear ? y : null, m: mo.month, d: null, open: !explicitYear && dirOf(g.mod) === 'none' } });
    }
  }
}

function scanYears(f: string, out: Cand[]): void {
  const lx = loadLexicon();
  const yearValue = (y: number, cal: Cal): string | null => (cal === 'h' ? hijriSpan(y, null) : pad(y, 4));
  for (const m of f.matchAll(lx.re.year)) {
    const g = m.groups!;
    const c1 = eraCal(g.era1);
    if (!g.yw && !c1 && !g.pos) continue;
    const y1 = Number(g.y1);
    const cal: Cal = c1 ?? (g.y2 ? (eraCal(g.era2) ?? 'g') : 'g');
    if (!validYear(y1, cal) || (!g.yw && cal === 'g' && y1 < 1800)) continue;
    const start = m.index!;
    const end = start + m[0].length;
    if (g.y2) {
      const y2 = Number(g.y2);
      // "عام 2020 و2022" names two years; "عامي 2019 و2021", "بين عام 2019 و2021" a span
      const pair = g.conn === 'و' && !(g.yw && lx.yearsWord.has(g.yw)) && !lx.re.betweenBefore.test(f.slice(Math.max(0, start - 12), start));
      if (pair && validYear(y2, cal)) {
        const end1 = start + m[0].indexOf(g.y1!) + 4 + (g.era1?.length ?? 0);
        out.push({ start, end: end1, value: yearValue(y1, cal), granularity: cal === 'h' ? 'range' : 'year' });
        out.push({ start: end - g.y2.length - (g.era2?.length ?? 0), end, value: yearValue(y2, cal), granularity: cal === 'h' ? 'range' : 'year' });
        continue;
      }
      if (y2 > y1 && validYear(y2, cal)) {
        const v1 = yearValue(y1, cal);
        const v2 = yearValue(y2, cal);
        out.push({ start, end, value: v1 && v2 ? `${v1.split('/')[0]}/${v2.split('/').pop()}` : null, granularity: 'range' });
        continue;
      }
      // not a range: keep the first year only
      const end1 = start + m[0].indexOf(g.y1!) + 4 + (g.era1?.length ?? 0);
      out.push({ start, end: end1, value: yearValue(y1, cal), granularity: cal === 'h' ? 'range' : 'year' });
      continue;
    }
    out.push({ start, end, value: yearValue(y1, cal), granularity: cal === 'h' ? 'range' : 'year', parts: cal === 'g' ? { cal, y: y1, m: null, d: null } : undefined });
  }
  for (const m of f.matchAll(lx.re.yearRange)) {
    const [y1, y2] = [Number(m.groups!.y1), Number(m.groups!.y2)];
    if (y1 < 1800 || y2 > 2199 || y2 <= y1) continue;
    out.push({ start: m.index!, end: m.index! + m[0].length, value: `${y1}/${y2}`, granularity: 'range' });
  }
}

/** Tanween on the word that ends at original offset `end` ("غداً"). */
function hasTanween(original: string, end: number): boolean {
  return /[\u064B-\u064D]/.test(original.slice(end - 2, end + 1));
}

function scanRelDays(f: string, a: Anchor | null, out: Cand[], original: string, toOrig: (i: number) => number): void {
  const lx = loadLexicon();
  for (const m of f.matchAll(lx.re.relDay)) {
    const g = m.groups!;
    const rel = g.rel!.replace(/\s+/g, ' ');
    const off = lx.relDays.get(rel)!;
    const start = m.index!;
    const end = start + m[0].length;
    const relEnd = start + m[0].indexOf(g.rel!, g.pod?.length ?? 0) + g.rel!.length;
    if (!g.wd && !g.pod) {
      const next = wordAfter(f, end);
      // "اليوم الوطني", "اليوم التالي": a day that is not today; "غدا المغرب…": the verb "became"
      const definiteNext = next.startsWith('ال') && !lx.weekdays.has(next) && !lx.notNounAfterToday.has(next);
      if (rel === 'اليوم' && (definiteNext || lx.blockBeforeToday.has(wordBefore(f, start)))) continue;
      if (rel === 'غدا' && definiteNext && !hasTanween(original, toOrig(relEnd))) continue;
    }
    out.push({ start, end, value: a ? isoDay(a.day + off) : null, granularity: 'day' });
  }
}

function scanWeekdays(f: string, a: Anchor | null, out: Cand[]): void {
  const lx = loadLexicon();
  for (const m of f.matchAll(lx.re.weekday)) {
    const g = m.groups!;
    const wd = g.wd!;
    if (!g.yom && !wd.startsWith('ال')) continue; // "أحد" alone is "one", "خميس" a name
    const start = m.index!;
    const end = start + m[0].length;
    if (!g.yom && !g.pod && lx.blockBeforeWeekday.has(wordBefore(f, start))) continue;
    if (!g.mod && lx.blockAfterWeekday.has(wordAfter(f, end))) continue;
    let value: string | null = null;
    if (a) {
      const target = lx.weekdays.get(wd)!;
      const dow = new Date(a.day * DAY_MS).getUTCDay();
      const dir = dirOf(g.mod);
      const back = (dow - target + 7) % 7;
      const day = dir === 'next' ? a.day + ((target - dow + 7) % 7 || 7) : a.day - (dir === 'past' ? back || 7 : back);
      value = isoDay(day);
    }
    out.push({ start, end, value, granularity: 'day', wd: g.mod ? undefined : lx.weekdays.get(wd)! });
  }
}

function scanRelUnits(f: string, raw: string, a: Anchor | null, out: Cand[]): void {
  const lx = loadLexicon();
  for (const m of f.matchAll(lx.re.relUnit)) {
    const g = m.groups!;
    const unit = lx.unitsDef.get(g.unit!)!;
    const dir = dirOf(g.mod);
    // "الشهر الماضي", "هذا العام", "نهاية العام"; "نهاية الأسبوع" alone is any weekend
    if (!g.mod && !g.this && !(g.pos && unit !== 'week')) continue;
    const start = m.index!;
    // "الأمين العام السابق", "المدير العام الحالي": العام is "general" there (not after a
    // glued preposition or conjunction: "للعام الماضي", "والعام الماضي")
    const glued = /\p{L}/u.test(f.charAt(start - 1)) || raw.startsWith('لل', start);
    if (g.unit === 'العام' && !g.pos && !g.this && !glued) {
      const before = wordBefore(f, start);
      if (before.startsWith('ال') || lx.blockBeforeYearUnit.has(before)) continue;
    }
    const step = dir === 'past' ? -1 : dir === 'next' ? 1 : 0;
    let value: string | null = null;
    if (a) {
      if (unit === 'week') value = isoWeek(a.day + 7 * step);
      else if (unit === 'month') value = isoMonth(a.y * 12 + a.m - 1 + step);
      else value = pad(a.y + step, 4);
    }
    out.push({ start, end: start + m[0].length, value, granularity: unit });
  }
}

function scanCounted(f: string, a: Anchor | null, out: Cand[]): void {
  const lx = loadLexicon();
  for (const m of f.matchAll(lx.re.counted)) {
    const g = m.groups!;
    const u = lx.units.get(g.unit!)!;
    let n: number;
    if (g.num) n = /^\d/.test(g.num) ? Number(g.num) : lx.numbers.get(g.num)!;
    else if (u.two) n = 2;
    else if (u.one && g.trig) n = 1;
    else continue; // "أيام" alone, "يوم" alone
    if (!n || (g.num && u.two)) continue;
    let start = m.index!;
    const end = start + m[0].length;
    // "قبل عام 2019", "قبل شهر رمضان": not a count
    if (!g.num && !u.two && lx.re.notCount.test(f.slice(end))) continue;
    // "قبل يومين من الانتخابات", "بعد أسبوع على الحادث": counted from another event
    const fromEvent = (g.trig && !lx.ago.has(g.trig) ? lx.re.fromEventAfter : lx.re.fromEventAgo).test(f.slice(end));
    // "ستنتهي الأشغال بعد ثلاثة أشهر" is from the publication date; "وصلت الخرطوم بعد سبع
    // سنوات" counts from something in the story
    const afterAnchor = !g.trig || lx.ago.has(g.trig) || lx.re.future.test(f.slice(Math.max(0, start - 80), start));
    if (g.trig && !fromEvent && afterAnchor) {
      const sign = lx.ago.has(g.trig) ? -1 : 1;
      let value: string | null = null;
      let granularity: TimexGranularity;
      switch (u.unit) {
        case 'day':
          granularity = 'day';
          if (a) value = isoDay(a.day + sign * n);
          break;
        case 'week':
          granularity = 'week';
          if (a) value = isoWeek(a.day + sign * 7 * n);
          break;
        case 'month':
          granularity = 'month';
          if (a) value = isoMonth(a.y * 12 + a.m - 1 + sign * n);
          break;
        case 'year':
          granularity = 'year';
          if (a) value = pad(a.y + sign * n, 4);
          break;
        default:
          granularity = 'time';
      }
      if (value !== null && value.startsWith('-')) value = null;
      out.push({ start, end, value, granularity });
      continue;
    }
    if (g.trig) start += m[0].indexOf(g.num ?? g.unit!, g.trig.length);
    const code = { day: 'D', week: 'W', month: 'M', year: 'Y', hour: 'H', minute: 'M' }[u.unit];
    const value = u.unit === 'hour' || u.unit === 'minute' ? `PT${n}${code}` : `P${n}${code}`;
    out.push({ start, end, value, granularity: 'duration' });
  }
}

function scanClock(f: string, out: Cand[]): void {
  for (const m of f.matchAll(loadLexicon().re.clock)) {
    const g = m.groups!;
    const h = Number(g.h ?? g.h2);
    const mi = Number(g.mi ?? g.mi2 ?? 0);
    if (h > 24 || mi > 59) continue;
    out.push({ start: m.index!, end: m.index! + m[0].length, value: null, granularity: 'time' });
  }
}

// ------------------------------------------------------------------ combining

/**
 * "1 اغسطس 1914 … 3 اغسطس": a year-less Gregorian day or month with no modifier takes the year
 * of the nearest full date (or year) stated before it in the same sentence.
 */
function inheritYears(text: string, list: Cand[]): void {
  // One forward pass: the year comes from the latest earlier date with a Gregorian year, unless
  // a sentence ends between the two. (Walking back from every date, slicing the text at each
  // step, was quadratic on a text of year-less dates; fuzzing, issue #8.)
  let source: { end: number; y: number } | null = null;
  let lastStop = -1;
  let scanned = 0;
  for (const c of list) {
    for (; scanned < c.start; scanned++) if (SENTENCE_STOP.has(text[scanned]!)) lastStop = scanned;
    const p = c.parts;
    if (p?.open && p.y === null && p.m !== null && source && lastStop < source.end) {
      const v = p.d !== null ? dayValue('g', source.y, p.m, p.d) : isoMonth(source.y * 12 + p.m - 1);
      if (v !== null) c.value = v;
    }
    if (p && p.y !== null && p.cal === 'g') source = { end: c.end, y: p.y };
  }
}

const SENTENCE_STOP = new Set(['.', '!', '?', '؟', '\n']);

/** Two adjacent timexes joined by "إلى"/"حتى"/"-" (or "و" after "بين") become one range. */
function joinRanges(text: string, list: Cand[]): Cand[] {
  const lx = loadLexicon();
  const out: Cand[] = [];
  for (let i = 0; i < list.length; i++) {
    const x = list[i]!;
    const y = list[i + 1];
    // "يومي السبت والأحد": two weekdays after "يومي" are one span, the second after the first
    if (y && x.wd !== undefined && y.wd !== undefined && /^\s*و\s*$/.test(fold(text.slice(x.end, y.start)))) {
      const before = /([\p{L}\p{M}]+)\s+$/u.exec(text.slice(Math.max(0, x.start - 20), x.start));
      if (before && lx.daysWord.has(fold(before[1]!))) {
        const start = x.start - before[0].length;
        let value: string | null = null;
        if (x.value) {
          const first = Math.round(Date.parse(`${x.value}T00:00:00Z`) / DAY_MS);
          value = `${x.value}/${isoDay(first + ((y.wd - x.wd + 7) % 7 || 7))}`;
        }
        out.push({ start, end: y.end, value, granularity: 'range' });
        i++;
        continue;
      }
    }
    if (y && x.granularity === y.granularity && ['day', 'month', 'year'].includes(x.granularity)) {
      const gap = lx.re.gap.exec(fold(text.slice(x.end, y.start)));
      const conn = gap?.[1]?.replace(/\s+/g, ' ');
      const joined = conn !== undefined && (lx.rangeTo.has(conn) || lx.re.betweenBefore.test(fold(text.slice(Math.max(0, x.start - 12), x.start))));
      if (joined) {
        let v1 = x.value;
        const v2 = y.value;
        // "30 مايو - 2 يونيو 2022": the first half takes the second's year
        const p = x.parts;
        const q = y.parts;
        if (p && q && p.y === null && q.y !== null && p.m !== null && p.cal === 'g') {
          const yr = q.m !== null && p.m > q.m ? q.y - 1 : q.y;
          v1 = p.d !== null ? dayValue('g', yr, p.m, p.d) : isoMonth(yr * 12 + p.m - 1);
        }
        const ok = v1 !== null && v2 !== null && v1 <= v2;
        out.push({ start: x.start, end: y.end, value: ok ? `${v1}/${v2}` : null, granularity: 'range' });
        i++;
        continue;
      }
    }
    out.push(x);
  }
  return out;
}

/**
 * Every temporal expression in `text`, in order, without overlaps (the longest wins), each
 * with its span, resolved value (or null) and granularity. `anchor` is the publication date
 * (`YYYY-MM-DD` or an ISO date-time) that relative and year-less expressions are read
 * against; with null they are still found but keep `value: null`.
 * @example findTimexes('وصل الوفد أمس الجمعة', '2022-06-18')
 * // [{ text: 'أمس الجمعة', start: 10, end: 20, value: '2022-06-17', granularity: 'day' }]
 */
export function findTimexes(text: string, anchor: string | null): Timex[] {
  if (!text) return [];
  const a = parseAnchor(anchor);
  const norm = normalize(text, MATCH);
  // "للعام الماضي": ل + العام with the alef dropped; read as "العام" (same length, same offsets)
  const f = norm.text.replace(/(?<![\p{L}\p{M}\p{N}])([وف]?)لل(?=\p{L})/gu, '$1ال');
  const cands: Cand[] = [];
  scanDayDates(f, a, cands);
  scanMonths(f, a, cands);
  scanYears(f, cands);
  scanRelDays(f, a, cands, text, (i) => norm.toOriginal(i));
  scanWeekdays(f, a, cands);
  scanRelUnits(f, norm.text, a, cands);
  scanCounted(f, a, cands);
  scanClock(f, cands);

  // to original offsets, trailing spaces trimmed
  const all: Cand[] = [];
  for (const c of cands) {
    let [s, e] = norm.spanToOriginal(c.start, c.end);
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    all.push({ ...c, start: s, end: e });
  }
  // full dates with a time, numeric dates, Latin month names: the byline parser
  for (const h of findArabicDates(text)) {
    all.push({ start: h.start, end: h.end, value: h.value, granularity: h.value.includes('T') ? 'time' : 'day' });
  }

  // longest first; earlier first at equal length; no overlaps
  all.sort((x, y) => y.end - y.start - (x.end - x.start) || x.start - y.start);
  // kept sorted by start: disjoint spans, so only the last one starting before c.end can overlap
  // c (a scan of every chosen span made a text full of dates quadratic; fuzzing, issue #8)
  const chosen: Cand[] = [];
  for (const c of all) {
    let lo = 0;
    let hi = chosen.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (chosen[mid]!.start < c.end) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && chosen[lo - 1]!.end > c.start) continue;
    chosen.splice(lo, 0, c);
  }
  inheritYears(text, chosen);
  return joinRanges(text, chosen).map((c) => ({
    text: text.slice(c.start, c.end),
    start: c.start,
    end: c.end,
    value: c.value,
    granularity: c.granularity,
  }));
}
