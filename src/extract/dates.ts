/**
 * Arabic (and Latin) date parsing for bylines and date stamps.
 *
 * Month, weekday and era words come from `data/months.ar.json`. Matching runs on a folded
 * copy of the input (diacritics and tatweel removed, hamza/alef, alef maqsura and ta marbuta
 * variants unified, Arabic-Indic and Persian digits turned ASCII) that keeps a map back to the
 * original offsets, so every span refers to the text as given.
 *
 * A date is only returned when the text states it: year-less forms ("22 يونيو") and the
 * relative words "اليوم"/"أمس" need a reference date, and "منذ 11 شهر" is never a date.
 */
import { readFileSync } from 'node:fs';
import { dataFile } from '../model/paths.js';

export interface DateHit {
  /** `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM` (seconds/offset only when the text gives them). */
  value: string;
  /** UTF-16 offset of the first character of the date (weekday included) in the input. */
  start: number;
  /** UTF-16 offset just past the date (time included). */
  end: number;
}

export interface DateOptions {
  /** ISO date (`YYYY-MM-DD…`) that year-less forms and "اليوم"/"أمس" are read against. */
  reference?: string;
}

// ------------------------------------------------------------------ folding with offsets

interface Folded {
  text: string;
  /** map[i] = offset in the original of folded character i; map[text.length] = original length. */
  map: number[];
}

const SKIP = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u00AD]/;

function foldChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 0x0660 && c <= 0x0669) return String(c - 0x0660);
  if (c >= 0x06f0 && c <= 0x06f9) return String(c - 0x06f0);
  switch (ch) {
    case '\u0622':
    case '\u0623':
    case '\u0625':
    case '\u0671':
      return '\u0627';
    case '\u0649':
    case '\u06CC':
      return '\u064A';
    case '\u0629':
      return '\u0647';
    case '\u06A9':
      return '\u0643';
    case '\u00A0':
    case '\u2007':
    case '\u202F':
      return ' ';
    case '\u066B': // Arabic decimal separator, sometimes used in times
      return ':';
  }
  const lower = ch.toLowerCase();
  return lower.length === 1 ? lower : ch;
}

/** Folds `text` for matching, keeping a map from folded to original offsets. */
function foldWithMap(text: string): Folded {
  let out = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (SKIP.test(ch)) continue;
    out += foldChar(ch);
    map.push(i);
  }
  map.push(text.length);
  return { text: out, map };
}

/** Folded form of a lexicon word (same rules as the input). */
function fold(word: string): string {
  return foldWithMap(word).text;
}

// ------------------------------------------------------------------ lexicon

/** `data/months.ar.json`: month, weekday, era and meridiem names. */
export interface MonthsFile {
  gregorian: Record<string, string[]>;
  hijri: Record<string, string[]>;
  weekdays: Record<string, string[]>;
  era: { hijri: string[]; gregorian: string[] };
  meridiem: { am: string[]; pm: string[] };
  relative: { today: string[]; yesterday: string[] };
}

interface Lexicon {
  /** folded month word → [calendar, month number] */
  months: Map<string, { cal: 'g' | 'h'; month: number; latinAbbrev: boolean }>;
  monthAlt: string;
  /** Gregorian month words long enough to stand without a year (with a reference date). */
  gregLongAlt: string;
  weekdayAlt: string;
  hijriEra: Set<string>;
  gregEra: Set<string>;
  eraAlt: string;
  am: Set<string>;
  pm: Set<string>;
  meridiemAlt: string;
  today: Set<string>;
  yesterday: Set<string>;
  relativeAlt: string;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Alternation of words, longest first, with inner spaces matching any run of spaces. */
function alternation(words: Iterable<string>): string {
  const uniq = [...new Set(words)].filter(Boolean).sort((a, b) => b.length - a.length);
  return uniq.map((w) => escapeRe(w).replace(/ +/g, '\\s+')).join('|');
}

let monthsFile_: MonthsFile | null = null;

/**
 * The month-name file, read once for every date reader (bylines here, dates in text in
 * src/analyse/timexes.ts).
 * @example monthsFile().hijri['9'] // ['رمضان', …]
 */
export function monthsFile(): MonthsFile {
  monthsFile_ ??= JSON.parse(readFileSync(dataFile('months.ar.json'), 'utf8')) as MonthsFile;
  return monthsFile_;
}

let lexicon: Lexicon | null = null;

function loadLexicon(): Lexicon {
  if (lexicon) return lexicon;
  const raw = monthsFile();
  const months = new Map<string, { cal: 'g' | 'h'; month: number; latinAbbrev: boolean }>();
  const gregLong: string[] = [];
  for (const [cal, table] of [
    ['g', raw.gregorian],
    ['h', raw.hijri],
  ] as const) {
    for (const [num, words] of Object.entries(table)) {
      for (const w of words) {
        const f = fold(w);
        const latinAbbrev = /^[a-zé]{3,5}$/.test(f) && f.length <= 4;
        months.set(f, { cal, month: Number(num), latinAbbrev });
        if (cal === 'g' && f.replace(/\s/g, '').length >= 3 && !latinAbbrev) gregLong.push(f);
      }
    }
  }
  const weekdays = Object.values(raw.weekdays).flat().map(fold);
  const hijriEra = new Set(raw.era.hijri.map(fold));
  const gregEra = new Set(raw.era.gregorian.map(fold));
  const am = new Set(raw.meridiem.am.map(fold));
  const pm = new Set(raw.meridiem.pm.map(fold));
  const today = new Set(raw.relative.today.map(fold));
  const yesterday = new Set(raw.relative.yesterday.map(fold));
  lexicon = {
    months,
    monthAlt: alternation(months.keys()),
    gregLongAlt: alternation(gregLong),
    weekdayAlt: alternation(weekdays),
    hijriEra,
    gregEra,
    eraAlt: alternation([...hijriEra, ...gregEra]),
    am,
    pm,
    meridiemAlt: alternation([...am, ...pm]),
    today,
    yesterday,
    relativeAlt: alternation([...today, ...yesterday]),
  };
  return lexicon;
}

// ------------------------------------------------------------------ calendar helpers

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function validGregorian(y: number, m: number, d: number): boolean {
  if (y < 1800 || y > 2199 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

let hijriFormat: Intl.DateTimeFormat | null = null;

function islamicParts(dayNumber: number): [number, number, number] {
  hijriFormat ??= new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  });
  const parts = hijriFormat.formatToParts(new Date(dayNumber * 86_400_000));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? NaN);
  return [get('year'), get('month'), get('day')];
}

/**
 * Gregorian `YYYY-MM-DD` of an Umm al-Qura Hijri date, found by binary search over days
 * with `Intl.DateTimeFormat`; null when the day does not exist (e.g. 30 in a 29-day month).
 * @example hijriToGregorian(1443, 11, 15) // '2022-06-14'
 */
export function hijriToGregorian(hy: number, hm: number, hd: number): string | null {
  if (hy < 1300 || hy > 1600 || hm < 1 || hm > 12 || hd < 1 || hd > 30) return null;
  const key = (y: number, m: number, d: number) => y * 10_000 + m * 100 + d;
  const target = key(hy, hm, hd);
  let lo = Math.floor(Date.UTC(1880, 0, 1) / 86_400_000);
  let hi = Math.floor(Date.UTC(2180, 0, 1) / 86_400_000);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const [y, m, d] = islamicParts(mid);
    if (key(y, m, d) < target) lo = mid + 1;
    else hi = mid;
  }
  const [y, m, d] = islamicParts(lo);
  if (key(y, m, d) !== target) return null;
  const date = new Date(lo * 86_400_000);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function parseReference(ref: string | undefined): Date | null {
  if (!ref) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(ref.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return validGregorian(y, mo, d) ? new Date(Date.UTC(y, mo - 1, d)) : null;
}

// ------------------------------------------------------------------ patterns

interface Patterns {
  dayMonthYear: RegExp;
  monthDayYear: RegExp;
  ymd: RegExp;
  dmy: RegExp;
  dayMonth: RegExp;
  relative: RegExp;
  weekdayBefore: RegExp;
  timeBefore: RegExp;
  eraAfter: RegExp;
  timeAfter: RegExp;
  isoTime: RegExp;
}

let patterns: Patterns | null = null;

// Letters and marks: a month word must not continue into a longer word.
const NOT_LETTER = '(?![\\p{L}\\p{M}])';
const NOT_LETTER_BEFORE = '(?<![\\p{L}\\p{M}])';

function loadPatterns(): Patterns {
  if (patterns) return patterns;
  const lx = loadLexicon();
  const M = `(${lx.monthAlt})${NOT_LETTER}`;
  const M2 = `(?:\\s*[/(\\\\]\\s*(${lx.monthAlt})${NOT_LETTER}(?:\\s*\\))?)?`;
  const sepDM = '\\s*[-/.]?\\s*(?:من\\s+)?(?:شهر\\s+)?';
  patterns = {
    // 20 يونيو 2022, 11 سبتمبر/أيلول 2001, 15 ذو القعدة 1443, 20-يونيو-2022, 22 يونيو، 2022
    dayMonthYear: new RegExp(`(?<!\\d)(\\d{1,2})${sepDM}${NOT_LETTER_BEFORE}${M}${M2}\\s*[-/.,،]?\\s*(\\d{4})(?!\\d)`, 'gu'),
    // June 20, 2022 · يونيو 22, 2022 · Feb. 19 2020
    monthDayYear: new RegExp(`${NOT_LETTER_BEFORE}${M}${M2}\\.?\\s*(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)\\s*[,،]?\\s*(\\d{4})(?!\\d)`, 'gu'),
    // 2022/06/20, 2022-06-20, 2022.06.20
    ymd: /(?<![\d/.\-])(\d{4}) ?([/\-.]) ?(\d{1,2}) ?\2 ?(\d{1,2})(?!\d)(?! ?[/\-.] ?\d)/g,
    // 20/06/2022, 20-06-2022, 20.06.2022 (day first, as in the Arab world)
    dmy: /(?<![\d/.\-] ?)(\d{1,2}) ?([/\-.]) ?(\d{1,2}) ?\2 ?(\d{4})(?!\d)(?! ?[/\-.] ?\d)/g,
    // 22 يونيو (year-less; only with a reference date)
    dayMonth: new RegExp(
      `(?<!\\d)(\\d{1,2})\\s*(?:من\\s+)?(?:شهر\\s+)?${NOT_LETTER_BEFORE}(${lx.gregLongAlt})${NOT_LETTER}${M2}(?!\\s*[-/.,،]?\\s*\\d)`,
      'gu',
    ),
    relative: new RegExp(`${NOT_LETTER_BEFORE}(?:[وف])?(${lx.relativeAlt})${NOT_LETTER}`, 'gu'),
    weekdayBefore: new RegExp(`(?:يوم\\s+)?(?:${lx.weekdayAlt})\\s*[,،:\\-]?\\s*(?:الموافق\\s*)?$`, 'u'),
    timeBefore: new RegExp(`(?<![\\d:])(\\d{1,2}):(\\d{2})(?!\\d)\\s*(?:(${lx.meridiemAlt})${NOT_LETTER})?\\s*[-–—|،,]?\\s*$`, 'u'),
    eraAfter: new RegExp(`^\\s*(${lx.eraAlt})(?![\\p{L}\\p{M}]|\\.[\\p{L}])`, 'u'),
    timeAfter: new RegExp(
      `^\\s*(?:[-–—|،,@]\\s*)?(?:(?:على\\s+)?(?:الساعه|الساعة)\\s*|at\\s+|a\\s+|à\\s+)?(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?![\\d:])(?:\\s*(${lx.meridiemAlt})${NOT_LETTER})?`,
      'u',
    ),
    isoTime: /^[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?(?![\d:])/,
  };
  return patterns;
}

// ------------------------------------------------------------------ scanning

interface Candidate {
  start: number; // folded offsets
  end: number;
  value: string;
}

interface Core {
  start: number;
  end: number;
  cal: 'g' | 'h' | '?';
  y: number;
  m: number;
  d: number;
  /** numeric YMD: an ISO time may follow */
  isoLike?: boolean;
}

function monthOf(word: string | undefined): { cal: 'g' | 'h'; month: number } | null {
  if (!word) return null;
  return loadLexicon().months.get(word.replace(/\s+/g, ' ')) ?? null;
}

/** Month from a word and an optional second word ("مارس/آذار"); null when they disagree. */
function combinedMonth(a: string, b: string | undefined): { cal: 'g' | 'h'; month: number } | null {
  const first = monthOf(a);
  if (!first) return null;
  if (b === undefined) return first;
  const second = monthOf(b);
  if (!second || second.cal !== first.cal || second.month !== first.month) return null;
  return first;
}

/** Turns a core date plus what surrounds it into a candidate, or null when it is impossible. */
function finish(f: string, core: Core): Candidate | null {
  const p = loadPatterns();
  const lx = loadLexicon();
  let { start, end } = core;
  let cal = core.cal;

  // era marker after the year: هـ (Hijri) / م (Gregorian)
  const era = p.eraAfter.exec(f.slice(end));
  if (era) {
    const word = era[1]!;
    const isHijri = lx.hijriEra.has(word);
    // "م" right after a time-less year is the Gregorian era; after a time it would be PM (handled below).
    if (isHijri) {
      if (cal === 'g') return null; // Gregorian month name marked Hijri: contradictory
      cal = 'h';
    } else {
      if (cal === 'h') return null;
      cal = 'g';
    }
    end += era[0].length;
  }
  if (cal === '?') cal = core.y >= 1300 && core.y <= 1600 ? 'h' : 'g';
  if (cal === 'h' && core.isoLike === undefined && core.y > 1600) return null;

  let day: string | null;
  if (cal === 'h') day = hijriToGregorian(core.y, core.m, core.d);
  else day = validGregorian(core.y, core.m, core.d) ? `${core.y}-${pad(core.m)}-${pad(core.d)}` : null;
  if (!day) return null;

  // time after the date (or ISO "T12:00")
  let time = '';
  const rest = f.slice(end);
  const iso = core.isoLike ? p.isoTime.exec(rest) : null;
  const t = iso ? null : p.timeAfter.exec(rest);
  if (iso) {
    const [hh, mm, ss, tz] = [Number(iso[1]), Number(iso[2]), iso[3], iso[4]];
    if (hh <= 23 && mm <= 59 && (ss === undefined || Number(ss) <= 59)) {
      time = `T${pad(hh)}:${pad(mm)}${ss !== undefined ? `:${ss}` : ''}${tz ? (tz.toUpperCase() === 'Z' ? 'Z' : tz.length === 5 ? `${tz.slice(0, 3)}:${tz.slice(3)}` : tz) : ''}`;
      end += iso[0].length;
    }
  } else if (t) {
    const hm = clockTime(t[1]!, t[2]!, t[3], t[4]);
    if (hm) {
      time = hm;
      end += t[0].length;
    }
  } else {
    // time written just before the date: "12:00 - 20 يونيو 2022"
    const before = p.timeBefore.exec(f.slice(Math.max(0, start - 24), start));
    if (before) {
      const hm = clockTime(before[1]!, before[2]!, undefined, before[3]);
      if (hm) {
        time = hm;
        start -= before[0].length;
      }
    }
  }

  // weekday (and "الموافق") before the date
  const wd = p.weekdayBefore.exec(f.slice(Math.max(0, start - 40), start));
  if (wd) start -= wd[0].length;

  return { start, end, value: day + time };
}

function clockTime(h: string, m: string, s: string | undefined, meridiem: string | undefined): string | null {
  const lx = loadLexicon();
  let hh = Number(h);
  const mm = Number(m);
  if (hh > 23 || mm > 59 || (s !== undefined && Number(s) > 59)) return null;
  if (meridiem) {
    if (hh > 12 || hh === 0) return null;
    if (lx.am.has(meridiem)) hh = hh === 12 ? 0 : hh;
    else if (lx.pm.has(meridiem)) hh = hh === 12 ? 12 : hh + 12;
  }
  return `T${pad(hh)}:${pad(mm)}${s !== undefined ? `:${s}` : ''}`;
}

function scan(text: string, opts: DateOptions = {}): { folded: Folded; found: Candidate[] } {
  const p = loadPatterns();
  const lx = loadLexicon();
  const folded = foldWithMap(text);
  const f = folded.text;
  const all: Candidate[] = [];
  const push = (c: Candidate | null) => {
    if (c) all.push(c);
  };

  for (const m of f.matchAll(p.dayMonthYear)) {
    const mon = combinedMonth(m[2]!, m[3]);
    if (!mon) continue;
    push(finish(f, { start: m.index!, end: m.index! + m[0].length, cal: mon.cal, y: Number(m[4]), m: mon.month, d: Number(m[1]) }));
  }
  for (const m of f.matchAll(p.monthDayYear)) {
    const mon = combinedMonth(m[1]!, m[2]);
    if (!mon || mon.cal !== 'g') continue;
    push(finish(f, { start: m.index!, end: m.index! + m[0].length, cal: 'g', y: Number(m[4]), m: mon.month, d: Number(m[3]) }));
  }
  for (const m of f.matchAll(p.ymd)) {
    push(finish(f, { start: m.index!, end: m.index! + m[0].length, cal: '?', y: Number(m[1]), m: Number(m[3]), d: Number(m[4]), isoLike: true }));
  }
  for (const m of f.matchAll(p.dmy)) {
    let [d, mo] = [Number(m[1]), Number(m[3])];
    // day first; month first only where day first is impossible ("04/25/2017")
    if (mo > 12 && d <= 12) [d, mo] = [mo, d];
    push(finish(f, { start: m.index!, end: m.index! + m[0].length, cal: '?', y: Number(m[4]), m: mo, d }));
  }

  const ref = parseReference(opts.reference);
  if (ref) {
    for (const m of f.matchAll(p.dayMonth)) {
      const mon = combinedMonth(m[2]!, m[3]);
      if (!mon || mon.cal !== 'g') continue;
      const d = Number(m[1]);
      let y = ref.getUTCFullYear();
      if (!validGregorian(y, mon.month, d) && !validGregorian(y - 1, mon.month, d)) continue;
      // a year-less date later than the reference belongs to the previous year
      if (Date.UTC(y, mon.month - 1, d) > ref.getTime() + 86_400_000 || !validGregorian(y, mon.month, d)) y -= 1;
      push(finish(f, { start: m.index!, end: m.index! + m[0].length, cal: 'g', y, m: mon.month, d }));
    }
    for (const m of f.matchAll(p.relative)) {
      const word = m[1]!;
      const day = new Date(ref.getTime());
      if (lx.yesterday.has(word)) day.setUTCDate(day.getUTCDate() - 1);
      else if (!lx.today.has(word)) continue;
      const start = m.index! + m[0].length - word.length;
      const c = finish(f, { start, end: start + word.length, cal: 'g', y: day.getUTCFullYear(), m: day.getUTCMonth() + 1, d: day.getUTCDate() });
      // "اليوم 18:00" keeps its time; the weekday that often follows ("أمس الجمعة") is not part of the value
      push(c);
    }
  }

  // earliest first, longest at equal start; drop overlaps
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const found: Candidate[] = [];
  let lastEnd = -1;
  for (const c of all) {
    if (c.start < lastEnd) continue;
    found.push(c);
    lastEnd = c.end;
  }
  return { folded, found };
}

function toHit(folded: Folded, c: Candidate): DateHit {
  return { value: c.value, start: folded.map[c.start]!, end: folded.map[c.end]! };
}

/**
 * The first date stated in `text`, with its span in the input.
 * @example parseArabicDate('Sakina Al-Muhtadi 20 يونيو 2022 - 12:00')
 * // { value: '2022-06-20T12:00', start: 18, end: 39 }
 */
export function parseArabicDate(text: string, opts?: DateOptions): DateHit | null {
  const { folded, found } = scan(text, opts);
  return found.length ? toHit(folded, found[0]!) : null;
}

/**
 * Every date stated in `text`, in order, without overlaps.
 * @example findArabicDates('من 1 مارس 2020 إلى 2020/06/30').map((d) => d.value) // ['2020-03-01', '2020-06-30']
 */
export function findArabicDates(text: string, opts?: DateOptions): DateHit[] {
  const { folded, found } = scan(text, opts);
  return found.map((c) => toHit(folded, c));
}
