/**
 * Article extraction from plain-text scrapes: a page rendered to text with the site's
 * furniture (menus, widgets, share/follow/comment prompts, footers) still in it.
 *
 * Every line is described by general features — word count, sentence shape, punctuation,
 * digits, whether it matches the boilerplate vocabulary in `data/site-phrases.ar.txt`,
 * whether it repeats another line. The main block is the run of lines with the highest sum
 * of per-line scores (prose lines score high, furniture negative). The title is sought in the
 * lines just above that block, the date and byline among the same header lines; nothing is
 * guessed when nothing fits.
 */
import { readFileSync } from 'node:fs';
import type { Article } from '../model/article.js';
import { foldArabic, matchKey } from './fold.js';
import { detectLanguage } from './language.js';
import { findArabicDates, type DateHit } from './dates.js';
import { dataFile } from '../model/paths.js';

export interface TextOptions {
  /** Path or URL the text came from (for messages; not used to guess fields). */
  source?: string;
}

// ------------------------------------------------------------------ boilerplate vocabulary

interface Phrases {
  exact: Set<string>;
  contains: string[];
  regexes: RegExp[];
  words: Set<string>;
}

let phrases: Phrases | null = null;

function loadPhrases(): Phrases {
  if (phrases) return phrases;
  const p: Phrases = { exact: new Set(), contains: [], regexes: [], words: new Set() };
  for (const rawLine of readFileSync(dataFile('site-phrases.ar.txt'), 'utf8').split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('re:')) p.regexes.push(new RegExp(foldArabic(line.slice(3).trim()), 'iu'));
    else if (line.startsWith('word:')) for (const w of line.slice(5).trim().split(/\s+/)) p.words.add(matchKey(w));
    else if (line.startsWith('=')) p.exact.add(matchKey(line.slice(1)));
    else p.contains.push(` ${matchKey(line)} `);
  }
  phrases = p;
  return p;
}

/** Placeholder account names that CMSs print as bylines; they name nobody. */
const PLACEHOLDER_AUTHORS = new Set(
  ['admin', 'administrator', 'editor', 'webmaster', 'author', 'user', 'مدير الموقع', 'ادارة الموقع', 'إدارة الموقع', 'المحرر', 'محرر الموقع', 'فريق التحرير', 'هيئة التحرير'].map(matchKey),
);

/** "Uncategorised" category stamps. */
const UNCATEGORISED = new Set(['غير مصنف', 'غير مصنفة', 'بدون تصنيف', 'uncategorized', 'uncategorised', 'non classé'].map(matchKey));

const HOME_WORDS = new Set(['الرئيسية', 'الصفحة الرئيسية', 'home', 'accueil'].map(matchKey));

/** Words that open a byline ("بقلم: X", "كتب: X", "حوار: X", "By X"). */
const BYLINE_CUE =
  /^(?:بقلم|كتب|كتبت|كتبه|كتبته|حوار|حاوره|حاورته|إعداد|اعداد|تقرير|تحرير|ترجمة|متابعة|بواسطة|الكاتب|الكاتبة|المحرر|by|par|written by|reported by)\s*[:：\-–—]?\s+(?=\S)/iu;
/** "كتب في" / "نشر في": posted-on phrases; the word before them is a category, not a name. */
const POSTED_ON = /(?:^|\s)(?:كتب|نشر|نشرت|أضيف|اضيف|posted|published)\s+(?:في|بتاريخ|يوم|on|in)?\s*$/iu;
const DATE_LEAD = /(?:\s|^)(?:في|بتاريخ|يوم|تاريخ النشر|نشر|on|le)\s*[:：]?\s*$/iu;

// ------------------------------------------------------------------ line features

interface Line {
  /** index among all lines of the input */
  no: number;
  text: string;
  key: string;
  words: number;
  letters: number;
  digits: number;
  endsSentence: boolean;
  endsComma: boolean;
  boiler: boolean;
  widget: boolean;
  prose: boolean;
  dates: DateHit[];
  hashtags: string[] | null;
  crumbs: string[] | null;
  byline: string | null;
}

const SENTENCE_END = /(?:[.!?؟…]|\.\.)["'”»)\]\u200F]*$/u;
const COMMA_END = /[,،؛;:]["'”»)\]]*$/u;

function isBoiler(k: string, words: number, folded: string): boolean {
  const p = loadPhrases();
  if (!k) return false;
  if (p.exact.has(k)) return true;
  for (const re of p.regexes) if (re.test(folded)) return true;
  if (words <= 14) {
    const padded = ` ${k} `;
    for (const c of p.contains) if (padded.includes(c)) return true;
  }
  return false;
}

function isWidget(k: string): boolean {
  const p = loadPhrases();
  const tokens = k.split(' ').filter((t) => t && !/^\d+$/.test(t));
  return tokens.length > 0 && tokens.every((t) => p.words.has(t));
}

function hashtagsOf(text: string): string[] | null {
  const tokens = text.split(/\s+/).filter(Boolean);
  const tags = tokens.filter((t) => /^#[\p{L}\p{N}_]/u.test(t));
  if (tags.length < 2 || tags.length / tokens.length < 0.6) return null;
  return tags.map((t) => t.replace(/^#+/, '').replace(/[.,،؛;:!?؟]+$/u, '').replace(/_/g, ' ').trim()).filter(Boolean);
}

/** Label lines: "الوسوم: أ، ب، ج" / "Tags: a, b". */
function labelledTags(text: string): string[] | null {
  const m = /^(?:الوسوم|الكلمات المفتاحية|كلمات مفتاحية|كلمات دلالية|وسوم|tags|mots-clés|keywords)\s*[:：]\s*(.+)$/iu.exec(text);
  if (!m) return null;
  const tags = m[1]!
    .split(/\s*[,،؛;|]\s*|\s+#/u)
    .map((t) => t.replace(/^#/, '').replace(/_/g, ' ').trim())
    .filter(Boolean);
  return tags.length ? tags : null;
}

const CRUMB_SEP = /\s+[/»›>|]\s+|\s*[»›]\s*/u;

function crumbsOf(text: string): string[] | null {
  const parts = text.split(CRUMB_SEP).map((s) => s.trim()).filter(Boolean);
  if (parts.length < 2) return null;
  if (HOME_WORDS.has(matchKey(parts[0]!))) return parts;
  // without a home word: at least three parts, all but the last short
  if (parts.length >= 3 && parts.slice(0, -1).every((s) => s.split(/\s+/).length <= 4)) return parts;
  return null;
}

function bylineName(text: string): string | null {
  const m = BYLINE_CUE.exec(text);
  if (!m) return null;
  const rest = text.slice(m[0].length);
  const name = cleanName(rest.split(/\s*(?:[|،,؛;\-–—(]|\d|\s(?:في|on)\s)/u)[0] ?? '');
  if (!name || /^(?:في|بتاريخ|on|in)$/iu.test(name)) return null;
  return name;
}

function cleanName(s: string): string | null {
  const name = s.replace(/^[\s:：\-–—|،,]+|[\s:：\-–—|،,.]+$/gu, '').replace(/\s+/g, ' ');
  if (!name) return null;
  const words = name.split(' ');
  if (words.length > 5 || /\d/.test(name) || !/\p{L}{2}/u.test(name)) return null;
  if (/[/»›>#@:]/u.test(name)) return null;
  return name;
}

const HAS_LETTER = /\p{L}/u;

function describe(text: string, no: number): Line {
  const folded = foldArabic(text);
  const k = matchKey(text);
  // tokens with a letter; /\S*\p{L}\S*/g was quadratic on a long run with no letter (fuzzing, issue #8)
  const words = text.split(/\s+/).filter((w) => HAS_LETTER.test(w)).length;
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  const digits = (text.match(/[\p{Nd}]/gu) ?? []).length;
  const endsSentence = SENTENCE_END.test(text);
  const endsComma = COMMA_END.test(text);
  const boiler = isBoiler(k, words, folded);
  const widget = isWidget(k);
  const hashtags = hashtagsOf(text) ?? labelledTags(text);
  const crumbs = hashtags ? null : crumbsOf(text);
  const byline = words <= 8 ? bylineName(text) : null;
  const prose =
    !boiler && !widget && !hashtags && !crumbs && !byline && (words >= 20 || (endsSentence && words >= 6) || (endsComma && words >= 10));
  return {
    no,
    text,
    key: k,
    words,
    letters,
    digits,
    endsSentence,
    endsComma,
    boiler,
    widget,
    prose,
    // every stated date has digits (relative words need a reference, which is never given here)
    dates: digits > 0 ? findArabicDates(text) : [],
    hashtags,
    crumbs,
    byline,
  };
}

/** Score of a line for the main-block search: prose high, furniture negative. */
function score(l: Line): number {
  if (l.prose) return 1 + Math.min(l.words, 80) / 8;
  if (l.boiler || l.widget || l.hashtags || l.crumbs) return -2;
  if (l.letters < 3 || l.words < 2 || l.digits * 2 > l.letters) return -1;
  if (l.words >= 12) return -0.2;
  return -0.6;
}

/** Maximum-sum run of lines [start, end] (indices into `lines`); null when nothing scores. */
function mainBlock(lines: Line[]): [number, number] | null {
  let best = 0;
  let bestRange: [number, number] | null = null;
  let sum = 0;
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    if (sum <= 0) {
      sum = 0;
      start = i;
    }
    sum += score(lines[i]!);
    if (sum > best) {
      best = sum;
      bestRange = [start, i];
    }
  }
  return bestRange;
}

// ------------------------------------------------------------------ fields

function titleShaped(l: Line): boolean {
  if (l.boiler || l.widget || l.hashtags || l.byline || l.crumbs) return false;
  if (l.words < 2 || l.words > 30 || l.text.length > 220) return false;
  if (/[^.]\.["'”»)]*$/u.test(l.text)) return false; // a sentence, not a headline
  if (l.dates.length) return false;
  if (l.letters < 8 || l.digits * 3 > l.letters) return false;
  return true;
}

interface TitlePick {
  text: string;
  /** index (into lines) of its first standalone occurrence, or of the breadcrumb line */
  at: number;
}

function pickTitle(lines: Line[], blockStart: number): TitlePick | null {
  const from = Math.max(0, blockStart - 15);
  // repeats count only within the header and the block's first lines: a menu item repeated
  // in the footer menu is not a headline repeated above its article
  const counts = new Map<string, number>();
  for (const l of lines.slice(from, Math.min(lines.length, blockStart + 3))) if (l.key) counts.set(l.key, (counts.get(l.key) ?? 0) + 1);
  const crumbTails = new Map<string, number>();
  for (let i = from; i < blockStart; i++) {
    const c = lines[i]!.crumbs;
    if (c && c.length >= 2) crumbTails.set(matchKey(c[c.length - 1]!), i);
  }
  let best: { score: number; index: number; text: string } | null = null;
  const consider = (index: number, text: string, l: Line) => {
    let s = 0;
    const d = blockStart - index; // 1 = right above the body
    s += 3 * Math.max(0, 1 - (d - 1) / 10);
    if (l.words >= 4 && l.words <= 25) s += 2;
    else if (l.words === 3) s += 1;
    else s += 0.3;
    if (index === 0) s += 1;
    if ((counts.get(l.key) ?? 0) > 1 || crumbTails.has(l.key)) s += 3;
    for (let j = index + 1; j <= Math.min(index + 2, blockStart - 1); j++) {
      const n = lines[j]!;
      if (n.dates.length || n.byline) {
        s += 2;
        break;
      }
    }
    if (!best || s > best.score) best = { score: s, index, text };
  };
  for (let i = from; i < blockStart; i++) {
    const l = lines[i]!;
    if (titleShaped(l)) consider(i, l.text, l);
  }
  // the last crumb alone, when no standalone line repeats it
  for (const [k, i] of crumbTails) {
    if (![...lines.slice(from, blockStart)].some((l) => l.key === k)) {
      const c = lines[i]!.crumbs!;
      const tail = describe(c[c.length - 1]!, lines[i]!.no);
      if (titleShaped(tail)) consider(i, tail.text, tail);
    }
  }
  const pick = best as { score: number; index: number; text: string } | null;
  if (!pick || pick.score < 4) return null;
  const k = matchKey(pick.text);
  const first = lines.findIndex((l, i) => i >= from && l.key === k);
  return { text: pick.text.replace(/\s+/g, ' ').trim(), at: first >= 0 && first < blockStart ? first : pick.index };
}

/** The publication date among a line's dates: not one introduced as an update. */
function publicationDate(l: Line): DateHit | null {
  for (const d of l.dates) {
    const before = foldArabic(l.text.slice(Math.max(0, d.start - 25), d.start));
    if (!/تحديث|updated|modifi/iu.test(before)) return d;
  }
  return null;
}

interface Byline {
  date: DateHit | null;
  dateLine: number;
  author: string | null;
  rawName: string | null;
}

function findByline(lines: Line[], headerStart: number, blockStart: number, blockEnd: number, title: TitlePick | null): Byline {
  const out: Byline = { date: null, dateLine: -1, author: null, rawName: null };
  // header lines, those after the title first; then short stamp lines opening the block;
  // then short lines right after the block.
  const order: number[] = [];
  const afterTitle = title ? title.at + 1 : blockStart;
  for (let i = Math.max(afterTitle, headerStart); i < blockStart; i++) order.push(i);
  for (let i = Math.min(afterTitle, blockStart) - 1; i >= headerStart; i--) order.push(i);
  for (let i = blockStart; i <= Math.min(blockStart + 2, blockEnd); i++) if (lines[i]!.words <= 12) order.push(i);
  for (let i = blockEnd + 1; i < Math.min(blockEnd + 3, lines.length); i++) if (lines[i]!.words <= 12) order.push(i);

  for (const i of order) {
    const l = lines[i]!;
    const d = publicationDate(l);
    if (!d) continue;
    out.date = d;
    out.dateLine = i;
    // the name before the date on the same line ("Sakina Al-Muhtadi 20 يونيو 2022")
    let prefix = l.text.slice(0, d.start);
    if (!POSTED_ON.test(prefix)) {
      prefix = prefix.replace(DATE_LEAD, '');
      const viaCue = bylineName(prefix.trim());
      // a bare prefix is a name only with two words or more ("Sakina Al-Muhtadi"), or when a
      // username is glued to the date ("admin14 نوفمبر"): one word before a dash is usually a
      // dateline city ("بيروت - 12 تشرين الثاني 2023")
      const glued = /\p{L}$/u.test(prefix) && !/\s/.test(prefix.trim());
      const bare = cleanName(prefix);
      const name = viaCue ?? (bare && (bare.includes(' ') || glued) ? bare : null);
      if (name && !isBoiler(matchKey(name), name.split(' ').length, foldArabic(name)) && !(title && matchKey(title.text).includes(matchKey(name)) && name.split(' ').length > 2)) {
        out.rawName = name;
      }
    }
    break;
  }
  if (!out.rawName) {
    // "بقلم: X" / "كتب: X" lines near the top of the page or the block
    for (let i = headerStart; i <= Math.min(blockStart + 3, blockEnd); i++) {
      if (lines[i]!.byline) {
        out.rawName = lines[i]!.byline;
        break;
      }
    }
  }
  if (out.rawName && !PLACEHOLDER_AUTHORS.has(matchKey(out.rawName))) out.author = out.rawName;
  return out;
}

const GENERIC_OUTLET = new Set(['اخر الاخبار', 'الاخبار', 'اخبارنا', 'جديدنا', 'كل جديد', 'قناتنا', 'صفحتنا', 'موقعنا', 'حسابنا', 'نا', 'us'].map(matchKey));

/** Outlet name stated by a follow-us or copyright line; null when none says it safely. */
function findSite(lines: Line[], body: Set<number>): string | null {
  const follow =
    /^تابع(?:وا|ونا|نا)?\s+(?:(?:على|عبر)\s+)?(?:(?:قناة|صفحة|موقع|حساب|منصة)\s+)?(.{2,30}?)\s+(?:على|عبر)\s+(?:(?:قناة|صفحة|تطبيق)\s+)?(?:غوغل|جوجل|google|الواتساب|واتساب|whatsapp|فيسبوك|فايسبوك|facebook|تويتر|twitter|إكس|تلغرام|تيليجرام|telegram|يوتيوب|youtube|انستغرام|إنستغرام|instagram|تيك توك|نبض|news)/iu;
  for (let i = 0; i < lines.length; i++) {
    if (body.has(i)) continue;
    const m = follow.exec(lines[i]!.text);
    if (m) {
      const name = cleanName(m[1]!);
      if (name && name.split(' ').length <= 3 && !GENERIC_OUTLET.has(matchKey(name)) && !/^(?:على|عبر|آخر|اخر|كل)\b/u.test(name)) return name;
    }
  }
  const copyright = /(?:حقوق|©).{0,40}?محفوظة\s*(?:لـ|ل|لدى|ل-)\s*["«“']?([^"»”'\-–—.,،|©]{2,40})/u;
  const copyright2 = /©\s*(?:\d{4}\s*(?:[-–]\s*\d{4}\s*)?)?([^\d|,،.\-–—©]{2,40}?)\s*(?:[.|\-–—,،]|$|جميع|كافة|all rights)/iu;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (body.has(i)) continue;
    const t = lines[i]!.text;
    const m = copyright.exec(t) ?? copyright2.exec(t);
    if (m) {
      const name = cleanName(m[1]!.replace(/^(?:ل|لـ)\s*/u, '').replace(/^(?:موقع|site)\s+/iu, ''));
      if (name && name.split(' ').length <= 4 && !/حقوق|محفوظ|rights/iu.test(name)) return name;
    }
  }
  return null;
}

function findSection(lines: Line[], headerStart: number, blockStart: number, title: TitlePick | null, rawName: string | null): string | null {
  for (let i = headerStart; i < blockStart; i++) {
    const c = lines[i]!.crumbs;
    if (!c) continue;
    const parts = HOME_WORDS.has(matchKey(c[0]!)) ? c.slice(1) : c;
    // the part before the headline: home / section / headline
    const candidates = title && matchKey(parts[parts.length - 1]!) === matchKey(title.text) ? parts.slice(0, -1) : parts.length >= 2 ? parts.slice(0, -1) : parts;
    const s = candidates[0];
    if (s && s.split(/\s+/).length <= 4 && !UNCATEGORISED.has(matchKey(s))) return s.trim();
  }
  if (!title) return null;
  for (let i = title.at + 1; i < blockStart; i++) {
    const l = lines[i]!;
    if (rawName && l.key === matchKey(rawName)) continue;
    if (UNCATEGORISED.has(l.key)) return null;
    if (l.words >= 1 && l.words <= 3 && l.digits === 0 && !l.boiler && !l.widget && !l.byline && !l.hashtags && l.key !== matchKey(title.text)) {
      return l.text.replace(/[\s:：]+$/u, '');
    }
    return null;
  }
  return null;
}

// ------------------------------------------------------------------ main

/**
 * Extracts the article from a plain-text scrape: title, published (from the byline/stamp
 * date only), author, site, section, tags, lang and body text.
 * @example extractText('عنوان الخبر هنا\n\nجملة أولى من نص الخبر تكفي لتكون فقرة كاملة.').title // 'عنوان الخبر هنا'
 */
export function extractText(text: string, _opts: TextOptions = {}): Article {
  const rawLines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const lines: Line[] = [];
  rawLines.forEach((raw, no) => {
    const t = raw.replace(/[\s\u00A0\u200B-\u200F\uFEFF]+$/u, '').replace(/^[\s\u00A0\u200B-\u200F\uFEFF]+/u, '');
    if (t) lines.push(describe(t, no));
  });

  const block = mainBlock(lines);
  const [bs, be] = block ?? [lines.length, lines.length - 1];
  const headerStart = Math.max(0, bs - 15);
  const title = block ? pickTitle(lines, bs) : null;
  const byline = findByline(lines, headerStart, bs, be, title);

  // body: the block's lines that read as article text, each once
  const titleKey = title ? matchKey(title.text) : null;
  const seen = new Set<string>();
  const paragraphs: string[] = [];
  const bodyIdx = new Set<number>();
  for (let i = bs; i <= be; i++) {
    const l = lines[i]!;
    if (l.boiler || l.widget || l.hashtags || l.crumbs || l.byline) continue;
    if (l.words < 2 || l.letters < 6) continue;
    if (titleKey && l.key === titleKey) continue;
    if (i === byline.dateLine) continue;
    if (!l.prose && l.dates.length && l.words <= 12) continue; // a date stamp
    if (seen.has(l.key)) continue; // a repeat of earlier body text
    seen.add(l.key);
    paragraphs.push(l.text);
    bodyIdx.add(i);
  }

  const tags: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    for (const t of lines[i]!.hashtags ?? []) if (!tags.includes(t)) tags.push(t);
  }

  const body = paragraphs.join('\n\n');
  return {
    title: title?.text ?? null,
    published: byline.date?.value ?? null,
    author: byline.author,
    site: findSite(lines, bodyIdx),
    section: block ? findSection(lines, headerStart, bs, title, byline.rawName) : null,
    tags,
    url: null,
    lang: detectLanguage(body || text),
    text: body,
  };
}
