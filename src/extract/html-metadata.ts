/**
 * Article metadata from an HTML tree: JSON-LD (NewsArticle/Article/BlogPosting…, with
 * @graph, arrays and @id references), OpenGraph and article:* meta, twitter:*, plain
 * `<meta name>`, Dublin Core, microdata (itemprop), `<time datetime>`, rel=author,
 * byline classes, `<link rel=canonical>` and `<html lang>`.
 */
import { attr, byTag, classAndId, collapse, elements, rawText, textOf, type Document, type Element } from './html-dom.js';
import type { Article } from '../model/article.js';
import { dateFromUrl, normalizeDate, parseMonthNameDate } from './html-published.js';

type Json = Record<string, unknown>;

/** The article's fields that markup can state; `lang` is null when the page declares none. */
export type HtmlMetadata = Omit<Article, 'text' | 'lang'> & { lang: string | null };

/** Arabic visible-date parser, supplied by ./dates.ts when present (see html.ts). */
export type ArabicDateParser = (text: string) => { value: string; start: number; end: number } | null;

// ---------------------------------------------------------------- JSON-LD

const ARTICLE_TYPES =
  /^(?:News|Reportage|Analysis|Opinion|Review|Background|AskPublicUrgency|Satirical|Scholarly|Tech|Medical)?Article$|^(?:BlogPosting|LiveBlogPosting|SocialMediaPosting|DiscussionForumPosting|Report|Posting)$/i;

function types(o: Json): string[] {
  const t = o['@type'];
  if (typeof t === 'string') return [t.replace(/^.*[/#]/, '')];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^.*[/#]/, ''));
  return [];
}

function parseJsonLoose(src: string): unknown {
  const s = src.trim().replace(/^<!--|-->$/g, '').replace(/^\s*\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>\s*$/g, '').trim();
  if (!s) return null;
  try {
    return JSON.parse(s);
  } catch {
    try {
      // raw control characters inside strings, trailing commas: common CMS slips
      const fixed = s.replace(/[\u0000-\u001f]+/g, ' ').replace(/,\s*([}\]])/g, '$1');
      return JSON.parse(fixed);
    } catch {
      return null;
    }
  }
}

/** Every JSON object in the page's ld+json blocks, flattened through arrays and @graph. */
export function jsonLdObjects(doc: Document): Json[] {
  const out: Json[] = [];
  for (const el of byTag(doc, 'script', 'meta')) {
    // <script type="application/ld+json">, or the same block kept in a <meta name="…ld+json" content>
    // by a renderer that moves scripts out of the saved page
    const src = el.name === 'script' ? (/ld\+json/i.test(attr(el, 'type')) ? rawText(el) : null) : /ld\+json/i.test(attr(el, 'name') || attr(el, 'property')) ? attr(el, 'content') : null;
    if (src == null) continue;
    const data = parseJsonLoose(src);
    const stack: unknown[] = [data];
    let guard = 0;
    while (stack.length > 0 && guard++ < 5000) {
      const v = stack.pop();
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
      } else if (v && typeof v === 'object') {
        const o = v as Json;
        out.push(o);
        if (o['@graph']) stack.push(o['@graph']);
        // articles nested as mainEntity / itemListElement of a WebPage
        for (const k of ['mainEntity', 'mainEntityOfPage', 'hasPart', 'itemListElement']) {
          const sub = o[k];
          if (sub && typeof sub === 'object') stack.push(sub);
        }
      }
    }
  }
  return out;
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return collapse(decodeEntitiesLite(v)) || null;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    for (const x of v) {
      const s = str(x);
      if (s) return s;
    }
  }
  if (v && typeof v === 'object') {
    const o = v as Json;
    return str(o['@value'] ?? o.name ?? null);
  }
  return null;
}

function decodeEntitiesLite(s: string): string {
  if (!s.includes('&')) return s;
  const once = decodeOnce(s);
  return once.includes('&') ? decodeOnce(once) : once; // double-encoded CMS output
}

function decodeOnce(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#039;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

function personNames(v: unknown, byId: Map<string, Json>, depth = 0): string[] {
  if (depth > 3 || v == null) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap((x) => personNames(x, byId, depth + 1));
  if (typeof v === 'object') {
    const o = v as Json;
    if (o.name != null) return personNames(o.name, byId, depth + 1);
    const id = typeof o['@id'] === 'string' ? byId.get(o['@id']) : undefined;
    if (id && id !== o) return personNames(id, byId, depth + 1);
  }
  return [];
}

// ---------------------------------------------------------------- meta

class MetaIndex {
  private readonly map = new Map<string, string[]>();
  add(key: string, value: string): void {
    const k = key.trim().toLowerCase();
    const v = collapse(value);
    if (!k || !v) return;
    const list = this.map.get(k);
    if (list) list.push(v);
    else this.map.set(k, [v]);
  }
  first(...keys: string[]): string | null {
    for (const k of keys) {
      const v = this.map.get(k);
      if (v && v.length > 0) return v[0]!;
    }
    return null;
  }
  keys(): string[] {
    return [...this.map.keys()];
  }
  all(...keys: string[]): string[] {
    return keys.flatMap((k) => this.map.get(k) ?? []);
  }
}

// ---------------------------------------------------------------- cleaning helpers

/** Removes "By", "بقلم", "كتب" and similar credit prefixes, and trailing roles/dates. */
export function cleanAuthor(raw: string): string | null {
  let s = collapse(decodeEntitiesLite(raw));
  s = s.replace(/^["'“”«»]+|["'“”«»]+$/g, '');
  if (/^(?:(?:written|posted|authored|reported|published)\s+)?by\s*:?$|^(?:author|authors|writer)\s*:?$/i.test(s)) return null; // a label with no name
  if (/^[a-z_]+(?:\.[a-z_]+){2,}$/.test(s) && /\b(?:author|page|head|meta|extra|field|name|title|data)\b/.test(s.replace(/[._]/g, ' '))) return null; // an unfilled template key
  s = s.replace(/^(?:author|authors|writer|auteur|autor)\s*:?\s+/i, '');
  s = s.replace(/^(?:more\s+)?(?:articles|posts|stories)\s+by\s+/i, '');
  s = s.replace(/^(?:(?:written|posted|authored|reported|published|story|words|text|article|photos?)\s+)?by[:\s]+/i, '');
  s = s.replace(/\s+(?:verified expert|more about .*|view all posts.*|see full bio.*|follow)$/i, '');
  s = s.replace(/^(?:بقلم|كتب(?:ت|ه|ها)?|كتابة|بواسطة|إعداد|اعداد|تحرير|حوار|تقرير|المحرر|الكاتب|الكاتبة)\s*[:：\-–—]?\s*/u, '');
  s = s.replace(/^(?:par|von|por|door|di|af|av)\s+/i, '');
  s = s.replace(/^[\s:|\-–—·•,]+|[\s:|\-–—·•,]+$/g, '');
  // "Jane Doe Tech Reporter", "Jane Doe Head Winemaker, Co-Founder": a job title printed
  // straight after the name (separate elements joined by a space) is not part of it
  const w = s.split(/\s+/);
  for (let k = 2; k <= 3 && k < w.length; k++) {
    const head = w.slice(0, k).join(' ');
    if (PERSON_NAME.test(head) && !NOT_NAME_WORDS.test(head) && !/^\p{Lu}{2,}\b/u.test(head) && ROLE_TAIL.test(w.slice(k).join(' '))) {
      s = w.slice(0, k).join(' ');
      break;
    }
  }
  if (!s || s.length < 2 || s.length > 100) return null;
  if (/^https?:|^www\.|\.(?:com|net|org)\b|@.*\./i.test(s)) return null;
  if (/^@/.test(s)) return null;
  if (/^\d+$/.test(s) || /\d{4}/.test(s)) return null;
  if (/^(?:admin|administrator|editor|staff|unknown|author|guest|null|undefined|none|anonymous)$/i.test(s)) return null;
  if (s.split(/\s+/).length > 12) return null;
  return s;
}

/** A job title: optional qualifiers, then a role noun. */
const ROLE_TAIL =
  /^(?:(?:senior|sr\.?|junior|chief|head|lead|staff|tech|technology|science|political|business|health|contributing|managing|executive|associate|deputy|assistant|freelance|special|national|foreign|digital|content)\s+)*(?:editor|reporter|writer|correspondent|columnist|founder|co-founder|ceo|cto|director|manager|analyst|specialist|contributor|journalist|producer|winemaker|editor-in-chief)\b/i;

function joinAuthors(names: string[]): string | null {
  const out: string[] = [];
  const keyOf = (x: string) => ` ${x.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
  for (const raw of names) {
    // "A, B and C" / "A و B" in one string: keep it as one credit line, just cleaned
    const c = cleanAuthor(raw);
    if (!c) continue;
    // credits that are not the author's: "Updated by …", "More about …"
    let parts = c.split(/\s*,\s*/).filter((p) => !/^(?:updated|reviewed|edited|fact[- ]checked|more about|view all|see all)\b/i.test(p));
    // "Jane Doe, The Daily Star" / "Jane Doe, Example Staff": the outlet is not a co-author
    const persons = parts.filter((p) => !/^the\s|\b(?:staff|team|desk|newsroom)$/i.test(p));
    if (persons.length > 0 && persons.length < parts.length) parts = persons;
    const kept = parts.join(', ').replace(/\s+[-–—|]\s+.*\b(?:staff|team|desk|newsroom)$/i, '');
    if (!kept) continue;
    const key = keyOf(kept);
    // the same names again ("A and B", then "A", "B"): already credited
    if (out.some((o) => keyOf(o).includes(key))) continue;
    for (let i = out.length - 1; i >= 0; i--) if (key.includes(keyOf(out[i]!))) out.splice(i, 1);
    out.push(kept);
  }
  return out.length > 0 ? out.join(', ') : null;
}

function splitTags(values: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    for (const part of v.split(/[,،;]|\s\|\s/)) {
      const t = collapse(part);
      if (!t || t.length > 80) continue;
      const key = t.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(t);
    }
  }
  return out;
}

function resolveUrl(u: string | null, base: string | null): string | null {
  if (!u) return null;
  try {
    const r = base ? new URL(u, base) : new URL(u);
    if (r.protocol !== 'http:' && r.protocol !== 'https:') return null;
    return r.href;
  } catch {
    return null;
  }
}

function normTitleKey(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Longest metadata title or h1 (raw, before cleaning) considered as a headline. */
const MAX_TITLE_CHARS = 2000;

/** A metadata title longer than this that reads as sentences (a full stop ends one) is a summary, not a headline. */
const MAX_HEADLINE_WORDS = 20;

const TITLE_SEPARATORS = /\s+[|\-–—:·•»«/\\]\s+|\s+[|·•»]\s*|\s*[|·•»]\s+/;

/** Removes a "Title:" label and a byline or date glued to a headline by the page's markup. */
export function cleanTitle(raw: string): string {
  let t = collapse(decodeEntitiesLite(raw));
  t = t.replace(/^(?:title|headline|العنوان)\s*[:：]\s*/iu, '');
  // "… Posted on July 1, 2024 by admin", "… By Jane Doe | March 5, 2025"
  t = t.replace(/\s+(?:posted|published|updated|written)\s+(?:on|by|in)\s.*$/i, '');
  t = t.replace(/\s+(?:نشر|نُشر)\s+(?:في|بتاريخ)\s.*$/u, '');
  // a date glued before or after the headline text
  const md = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}';
  const dm = '\\d{1,2}(?:st|nd|rd|th)?\\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?,?\\s+\\d{4}';
  const iso = '\\d{4}-\\d{2}-\\d{2}';
  const lead = new RegExp(`^(?:${md}|${dm}|${iso})\\s*[|•·:\\-–—]?\\s+(?=\\S)`, 'i');
  const trail = new RegExp(`\\s*[|•·\\-–—]?\\s+(?:${md}|${dm}|${iso})$`, 'i');
  const cut = t.replace(lead, '').replace(trail, '');
  if (cut.split(/\s+/).length >= 2) t = cut;
  return t.trim();
}

/**
 * Picks the headline. Candidates: the metadata titles (JSON-LD headline, og:title,
 * twitter:title, <title>…) with site-name affixes removed (the site's names, its domain, and
 * the affixes one metadata title shows beside another), and the page's h1s. Chosen by
 * agreement: a metadata title (or a cut of it) equal to an h1 gives that h1; a metadata title
 * printed by the body's post-title element (`opts.headlines`: class entry-title, post-title,
 * headline…) gives that title; an h1 in capitals or with characters
 * lost to a charset conversion, or that is only the head of a "Head: rest" metadata title,
 * gives the metadata title; an h1 that is
 * a metadata title plus a glued label/counter gives the metadata title; else
 * the h1 most like the metadata titles, else the best metadata title (the one most sources
 * state, or the full form of a truncated one). Pipe and spaced
 * hyphen tails (" | Section", " - tagline") are cut from the result.
 */
export function chooseTitle(
  cands: (string | null)[],
  h1s: string[],
  site: string | null,
  opts: { sites?: (string | null)[]; headlines?: string[] } = {},
): string | null {
  // A headline is a line: a "title" of thousands of characters is a mistake or an attack, and
  // cleaning and comparing it would cost seconds (found by fuzzing, issue #8).
  const all = cands.filter((c): c is string => !!c && c.length <= MAX_TITLE_CHARS).map(cleanTitle).filter(Boolean);
  // a "title" that runs to a paragraph (a summary put in twitter:title or headline) is no
  // headline: left out while a shorter metadata title is there
  const isSummary = (c: string) => wordsOf(c).length > MAX_HEADLINE_WORDS && /\.\s*$|\.\s+\p{Lu}/u.test(c);
  const list = all.some((c) => !isSummary(c)) ? all.filter((c) => !isSummary(c)) : all;
  const siteKeys = [site, ...(opts.sites ?? []), ...titleAffixes(list)].filter((x): x is string => !!x).map(normTitleKey).filter((k) => k.length >= 2);
  const stripped = list.map((c) => stripSite(c, siteKeys));
  // an h1 that is only the site's logo/name is not the headline
  const heads = h1s
    .filter((h) => h.length <= MAX_TITLE_CHARS)
    .map(cleanTitle)
    .filter((h) => {
      const k = normTitleKey(h);
      return k.length > 0 && !siteKeys.includes(k) && h.length <= 400;
    });
  const h1Keys = new Map(heads.map((h) => [normTitleKey(h), h] as const));

  const finish = (t: string) => cutTail(stripSite(t, siteKeys, false));

  // 1. a candidate (or a cut of it) equal to an h1
  for (const c of list) {
    for (const v of [c, ...titleCuts(c)]) {
      const k = normTitleKey(v);
      const hit = h1Keys.get(k);
      if (!hit) continue;
      // a headline and its subtitle printed in two elements of the h1 lose the separator
      // between them ("Title Subtitle" for "Title - Subtitle"): the metadata title has it
      if (v !== hit && v.replace(/\s+[-–—|:]\s+/g, ' ') === hit) return finish(v);
      return finish(hit);
    }
  }
  // 1a. the body's own post-title element (class entry-title, post-title, headline…) printing a
  //     metadata title that no h1 states: the h1 is a banner or a section label
  for (const e of opts.headlines ?? []) {
    const ek = normTitleKey(cleanTitle(e));
    if (ek.length < 8 || heads.length === 0) continue;
    const hit = stripped.find((c) => normTitleKey(c) === ek);
    if (hit) return finish(hit);
  }
  // 1b. an h1 that is a worse copy of a metadata title: set in capitals ("BEST DRIP COFFEE
  //     MAKER IN 2026: …"), or with characters lost to a charset conversion ("Beginner? Guide"
  //     for "Beginner's Guide"); the metadata title that says the same is the written form
  for (const h of heads) {
    const lossy = /[\p{L}\p{N}]\?\s*\p{L}|\ufffd/u.test(h);
    const caps = /\p{Lu}{2,}(?:\W+\p{Lu}{2,}){2,}/u.test(h) && !/\p{Ll}/u.test(h);
    if (!lossy && !caps) continue;
    const hw = wordsOf(h);
    for (const c of stripped) {
      if (/\ufffd/.test(c)) continue;
      if (lossy) {
        const pat = new RegExp(`^${h.split(/\?|\ufffd/).map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.{1,3}')}$`, 'iu');
        if (pat.test(c)) return finish(c);
      }
      if (caps && /\p{Ll}/u.test(c)) {
        const cw = new Set(wordsOf(c));
        if (hw.length > 0 && hw.filter((x) => cw.has(x)).length / hw.length >= 0.5) return finish(c);
      }
    }
  }
  // 1c. an h1 that is only the head of a metadata title "Head: the rest" ("Index funds" beside
  //     "Index Funds: How to Invest"): a short display of the fuller headline
  for (const h of heads) {
    const hl = collapse(h).toLowerCase();
    for (const c of stripped) {
      const cl = c.toLowerCase();
      if (cl.startsWith(hl) && /^\s*:\s+\S/.test(c.slice(hl.length)) && wordsOf(c).length >= wordsOf(h).length + 2) return finish(c);
    }
  }
  // 2. an h1 that is a metadata title with a short label, byline or counter glued on
  for (const h of heads) {
    const hk = normTitleKey(h);
    for (const c of stripped) {
      const ck = normTitleKey(c);
      if (ck.length < 12 || ck === hk || !hk.includes(ck)) continue;
      // "Blog: <title>", "<title> (example.com) 87"
      const at = h.toLowerCase().indexOf(c.toLowerCase());
      if (at < 0) continue;
      const pre = h.slice(0, at).trim();
      const post = h.slice(at + c.length).trim();
      if ((pre && !post && /^[^:]{1,30}:$/.test(pre) && pre.split(/\s+/).length <= 3) || (!pre && post && /^\([^)]{2,40}\)\s*\d*$/.test(post))) return finish(c);
    }
  }
  // 4. the visible headline: the h1 most like the metadata titles, else the first h1 of
  //    four or more words (the page's own headline beats SEO titles)
  if (heads.length > 0) {
    const metaWords = new Set(list.flatMap((c) => wordsOf(c)));
    const metaLen = Math.max(0, ...stripped.map((c) => wordsOf(c).length));
    let best = heads[0]!;
    let bestScore = -1;
    for (const h of heads) {
      const w = wordsOf(h);
      let sc = w.length > 0 ? w.filter((x) => metaWords.has(x)).length / w.length : 0;
      // one or two words out of a long title: a section label or a name, not the headline
      if (w.length < 3 && metaLen >= 6 * w.length) sc *= 0.4;
      if (sc > bestScore + 0.2) {
        best = h;
        bestScore = sc;
      }
    }
    if (bestScore >= 0.5 || list.length === 0) return finish(best);
  }
  // 5. the best metadata title: the longest of those that contain another (a truncated
  //    headline loses to its full form), else the first
  if (stripped.length > 0) {
    // the title most metadata sources state (JSON-LD headline, og:title, twitter:title, <title>), the first on a tie
    const votes = new Map<string, number>();
    for (const c of stripped) votes.set(normTitleKey(c), (votes.get(normTitleKey(c)) ?? 0) + 1);
    let pick = stripped.reduce((a, c) => (votes.get(normTitleKey(c))! > votes.get(normTitleKey(a))! ? c : a), stripped[0]!);
    const pk = () => normTitleKey(pick);
    for (const c of stripped) {
      const ck = normTitleKey(c);
      if (ck.length > pk().length && ck.startsWith(pk())) pick = c;
    }
    return finish(pick);
  }
  return heads[0] ? finish(heads[0]) : null;
}

/**
 * The site-name affixes the page's own titles reveal: one metadata title that is another
 * plus " | Name" / " - Name" after it, or "Name: " / "Name | " before it ("Example Blog:
 * Small adventures…" beside "Small adventures…"). A few words only: a subtitle is no affix.
 */
export function titleAffixes(titles: string[]): string[] {
  const out: string[] = [];
  const lower = titles.map((t) => t.toLowerCase());
  for (let i = 0; i < titles.length; i++) {
    for (let j = 0; j < titles.length; j++) {
      const a = lower[i]!;
      const b = lower[j]!;
      if (i === j || b.length < 8 || a.length <= b.length) continue;
      let m: RegExpExecArray | null = null;
      if (a.startsWith(b)) m = /^\s+[|\-–—·•»/\\]\s+(.+)$/.exec(titles[i]!.slice(b.length));
      else if (a.endsWith(b)) m = /^(.+?)(?:\s+[|\-–—·•»/\\]|\s*:)\s+$/.exec(titles[i]!.slice(0, a.length - b.length));
      const affix = m?.[1]?.trim();
      if (affix && affix.split(/\s+/).length <= 5 && !out.includes(affix)) out.push(affix);
    }
  }
  return out;
}

/**
 * " | Section" tails, and " - tagline" tails, after a headline of three words or more. A tail
 * of six words or more is the headline's own subtitle ("… | The Best Mirrorless Cameras on
 * the Market"), not a section or a tagline, and is kept.
 */
function cutTail(t: string): string {
  const m = /^(.+?)\s+(?:\||-)\s+(\S.*)$/.exec(t);
  if (m && m[1]!.split(/\s+/).length >= 3 && m[2]!.split(/\s+/).length <= 5) return m[1]!.trim();
  return t;
}

function wordsOf(s: string): string[] {
  return s.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function titleCuts(t: string): string[] {
  const parts = t.split(TITLE_SEPARATORS).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return [];
  const out: string[] = [];
  // drop trailing parts one by one, then leading parts
  for (let i = parts.length - 1; i >= 1; i--) out.push(joinBack(t, parts.slice(0, i)));
  for (let i = 1; i < parts.length; i++) out.push(joinBack(t, parts.slice(i)));
  return out;
}

/** Rejoins parts with the text between them as in the original. */
function joinBack(orig: string, parts: string[]): string {
  if (parts.length === 1) return parts[0]!;
  const start = orig.indexOf(parts[0]!);
  const lastPart = parts[parts.length - 1]!;
  const end = orig.lastIndexOf(lastPart) + lastPart.length;
  return start >= 0 && end > start ? orig.slice(start, end) : parts.join(' ');
}

function stripSite(t: string, siteKeys: string[], guess = true): string {
  // a domain name glued on with a space only: "example.com Vibe Coding"
  if (!TITLE_SEPARATORS.test(t)) {
    const w = t.split(/\s+/);
    const isHost = (x: string) => /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[a-z]{2,}$/iu.test(x) && siteKeys.includes(normTitleKey(x));
    if (w.length >= 3 && isHost(w[0]!)) return w.slice(1).join(' ');
    if (w.length >= 3 && isHost(w[w.length - 1]!)) return w.slice(0, -1).join(' ');
  }
  let cur = t;
  for (let round = 0; round < 3; round++) {
    const parts = cur.split(TITLE_SEPARATORS).map((p) => p.trim()).filter(Boolean);
    if (parts.length < 2) return cur;
    const last = normTitleKey(parts[parts.length - 1]!);
    const first = normTitleKey(parts[0]!);
    const isSite = (k: string) => !!k && siteKeys.some((s) => s.includes(k) || k.includes(s));
    if (isSite(last)) cur = joinBack(cur, parts.slice(0, -1));
    else if (isSite(first)) cur = joinBack(cur, parts.slice(1));
    else break;
  }
  if (cur !== t || !guess) return cur;
  // a short last part after " | ", " - ", " – " is a site name or an SEO tagline
  const m = /^(.*\S)\s+[|·•»\-–—]\s+([^|·•»–—]{1,60})$/.exec(t);
  if (m && m[1]!.split(/\s+/).length >= 3 && m[2]!.split(/\s+/).length <= 6) return m[1]!;
  // a short first part before " | " ("Opinion | …", "The Agency | …") is a section or site name
  const p = /^([^|]{1,40}?)\s+\|\s+(.*\S)$/.exec(t);
  if (p && p[1]!.split(/\s+/).length <= 3 && p[2]!.split(/\s+/).length >= 4) return p[2]!;
  return t;
}

// ---------------------------------------------------------------- main

const HEADLINE_CLASS = /(?:^|[\s_-])(?:(?:entry|post|article|page|story|news|single)[-_]?(?:title|headline)|headline)(?:$|[\s_])/;
const BYLINE_HINT = /(?:^|[\s_-])(?:byline|by-line|author|auteur|writer|writen-by|written-by|contributor|reporter|kateb|katib|editor-name|post-author|entry-author|article-author|meta-author|name-author)(?:$|[\s_-])|author/;

export function extractMetadata(doc: Document, pageUrl: string | null, parseArabicDate: ArabicDateParser | null): HtmlMetadata {
  const meta = new MetaIndex();
  let canonical: string | null = null;
  let htmlLang: string | null = null;
  let titleTag: string | null = null;
  const h1s: string[] = [];
  let firstH1: Element | null = null;
  const headlineEls: string[] = [];
  const timeEls: Element[] = [];
  const itemprops: Element[] = [];
  const relAuthors: string[] = [];
  const bylineEls: Element[] = [];

  for (const el of elements(doc)) {
    switch (el.name) {
      case 'html':
        if (!htmlLang) htmlLang = attr(el, 'lang') || attr(el, 'xml:lang') || null;
        break;
      case 'meta': {
        const content = el.attribs.content ?? el.attribs.value;
        if (content == null) break;
        for (const k of ['property', 'name', 'itemprop', 'http-equiv']) {
          const key = el.attribs[k];
          if (key) for (const one of key.split(/\s+/)) meta.add(one, content);
        }
        break;
      }
      case 'link': {
        const rel = attr(el, 'rel').toLowerCase();
        if (!canonical && /\bcanonical\b/.test(rel) && attr(el, 'href')) canonical = attr(el, 'href');
        break;
      }
      case 'title':
        if (titleTag == null && !hasAncestor(el, 'svg')) titleTag = textOf(el);
        break;
      case 'h1':
        if (h1s.length < 5 && !hasAncestor(el, 'nav') && !hasAncestor(el, 'footer') && !hasAncestor(el, 'aside')) {
          const t = textOf(el);
          if (t) h1s.push(t);
          if (t && !firstH1) firstH1 = el;
        }
        break;
      case 'h2':
      case 'h3':
      case 'div':
      case 'span':
      case 'p':
        if (headlineEls.length < 3 && HEADLINE_CLASS.test(classAndId(el))) {
          const t = textOf(el);
          if (t.length >= 8 && t.length <= 300) headlineEls.push(t);
        }
        break;
      case 'time':
        timeEls.push(el);
        break;
      case 'a':
        if (/\bauthor\b/i.test(attr(el, 'rel')) && relAuthors.length < 5) relAuthors.push(textOf(el));
        break;
    }
    if (el.attribs.itemprop) itemprops.push(el);
    const ci = classAndId(el);
    if (ci && BYLINE_HINT.test(ci) && bylineEls.length < 40) bylineEls.push(el);
  }

  // JSON-LD
  const objs = jsonLdObjects(doc);
  const byId = new Map<string, Json>();
  for (const o of objs) if (typeof o['@id'] === 'string' && Object.keys(o).length > 2) byId.set(o['@id'], o);
  const articles = objs.filter((o) => types(o).some((t) => ARTICLE_TYPES.test(t)));
  const pages = objs.filter((o) => types(o).some((t) => /^(?:WebPage|ItemPage|CollectionPage|NewsMediaOrganization)$/.test(t)));
  const art: Json | undefined = articles[0];
  const ldAll = art ? [art, ...pages] : pages;

  const ldHeadline = art ? str(art.headline) ?? str(art.name) : null;
  const ldSite =
    (art ? str(resolveRef(art.publisher, byId)) : null) ??
    str(objs.find((o) => types(o).includes('WebSite'))?.name) ??
    str(objs.find((o) => types(o).some((t) => /Organization$/.test(t)))?.name);

  // site
  const site =
    meta.first('og:site_name', 'og:sitename') ??
    ldSite ??
    meta.first('application-name', 'apple-mobile-web-app-title', 'twitter:app:name:iphone', 'publisher', 'dc.publisher') ??
    null;

  // title
  const title = chooseTitle(
    [ldHeadline, meta.first('og:title'), meta.first('twitter:title'), meta.first('title', 'dc.title', 'headline', 'sailthru.title', 'parsely-title'), titleTag],
    h1s.length > 0 ? h1s : headlineEls,
    site,
    {
      sites: [
        ldSite,
        ...objs.filter((o) => types(o).some((t) => /^WebSite$|Organization$|^Corporation$/.test(t))).map((o) => str(o.name)),
        meta.first('application-name', 'apple-mobile-web-app-title'),
        ...domainNames(canonical ?? meta.first('og:url') ?? pageUrl),
      ],
      headlines: h1s.length > 0 ? headlineEls : [],
    },
  );

  // date
  let published: string | null = null;
  const dateCands: (string | null)[] = [];
  const ldDates: (string | null)[] = [];
  for (const o of ldAll) ldDates.push(str(o.datePublished), str(o.dateCreated), str(o.uploadDate));
  // <time pubdate>: the HTML attribute that marks an element as the publication date
  for (const t of timeEls) if (t.attribs.pubdate !== undefined && t.attribs.datetime) dateCands.push(t.attribs.datetime);
  dateCands.push(...ldDates);
  dateCands.push(
    ...meta.all(
      'article:published_time', 'og:article:published_time', 'article:published', 'published_time', 'og:published_time',
      'datepublished', 'publish-date', 'publish_date', 'published-date', 'publishdate', 'pubdate', 'publication_date',
      'publication-date', 'article.published', 'article_date_original', 'sailthru.date', 'parsely-pub-date',
      'dc.date.issued', 'dcterms.issued', 'dc.date.created', 'dcterms.created', 'dc.date', 'dcterms.date', 'date',
      'citation_publication_date', 'citation_date', 'originalpublicationdate', 'cxenseparse:recs:publishtime',
      'article:post_date', 'pub_date', 'date.created', 'created', 'og:updated_time',
    ).filter((_, i, a) => a.length > 0 && i < a.length),
  );
  for (const el of itemprops) {
    if (/\bdatepublished\b/i.test(attr(el, 'itemprop'))) dateCands.push(el.attribs.content ?? el.attribs.datetime ?? textOf(el));
  }
  // <time> marked as publication time first, then the first one carrying a datetime
  const pubTimes = timeEls.filter((t) => t.attribs.pubdate !== undefined || /publish|posted|created|entry-date|post-date/i.test(classAndId(t)));
  for (const t of [...pubTimes, ...timeEls.filter((t) => !/updat|modif/i.test(classAndId(t)))].slice(0, 6)) {
    dateCands.push(t.attribs.datetime ?? null);
  }
  // a statement of first publication ("This article was originally published on …") beats
  // the date printed by the headline, which on such pages is the last revision
  const original = originalPublication(doc, parseArabicDate);
  const shown = original ? { date: original, updated: false, all: [original] } : firstH1 ? visibleDateNear(doc, firstH1, parseArabicDate) : null;
  for (const c of dateCands) {
    published = normalizeDate(c);
    if (published) break;
  }
  if (!published) {
    for (const t of timeEls.slice(0, 4)) {
      published = normalizeDate(textOf(t));
      if (published) break;
    }
  }
  const modified = [...ldAll.map((o) => str(o.dateModified)), ...meta.all('article:modified_time', 'og:updated_time', 'datemodified', 'last-modified')]
    .map((c) => normalizeDate(c))
    .filter((c): c is string => !!c);
  // a shown date that is the metadata's modification day (and not its publication day) is
  // an update stamp even without a label
  const shownIsUpdate =
    !!shown && !!published && published.slice(0, 10) !== shown.date.slice(0, 10) && modified.some((m) => m.slice(0, 10) === shown.date.slice(0, 10));
  // metadata whose publication day is itself printed by the headline (beside another date: an
  // update stamp, a changelog entry) is confirmed, not overridden
  const shownConfirms = !!shown && !!published && shown.all.some((d) => d.slice(0, 10) === published!.slice(0, 10));
  if (shown && !shownConfirms && (!(shown.updated || shownIsUpdate) || !published)) {
    // The date printed by the headline is the one readers see: it wins over metadata that
    // disagrees (a CMS's stale datePublished, a UTC timestamp that falls on the next day),
    // unless it is labelled as an update. When the metadata states the same day, keep its
    // time and offset.
    const visible = shown.date;
    const machine = [...dateCands.map((c) => normalizeDate(c)), ...modified, ...timeEls.map((t) => normalizeDate(t.attribs.datetime))].filter((c): c is string => !!c);
    const same = machine.find((c) => c.slice(0, 10) === visible.slice(0, 10));
    // a timestamp with a time that is one day off is the same instant seen in another zone:
    // keep the precise one
    const tzShift = !same && !!published && published.length > 10 && Math.abs(Date.parse(published.slice(0, 10)) - Date.parse(visible.slice(0, 10))) === 86400000;
    if (!tzShift) published = same ?? visible;
  }
  if (!published && parseArabicDate) {
    // visible Arabic dates in bylines / date widgets
    const zones = [...timeEls, ...itemprops.filter((e) => /date/i.test(attr(e, 'itemprop'))), ...bylineEls];
    for (const el of elements(doc)) {
      if (zones.length > 60) break;
      if (/(?:^|[\s_-])(?:date|time|datetime|publish|posted|meta|byline|info|details)(?:$|[\s_-])/.test(classAndId(el))) zones.push(el);
    }
    for (const z of zones) {
      const t = textOf(z);
      if (!t || t.length > 300) continue;
      const hit = parseArabicDate(t);
      if (hit) {
        published = hit.value;
        break;
      }
    }
  }
  if (!published) {
    // visible English/Latin date in a date/byline element
    for (const z of bylineEls.concat(timeEls)) {
      const t = textOf(z);
      if (t.length > 0 && t.length < 200) {
        const d = normalizeDate(t.replace(/^.*?(?:published|posted|updated|on)\s*:?\s*/i, ''));
        if (d) {
          published = d;
          break;
        }
      }
    }
  }
  if (!published) {
    // any other meta whose name says "publish" (CMS-specific keys)
    for (const k of meta.keys()) {
      if (!/publish|pubdate|post_date|postdate/.test(k) || /modif|updat/.test(k)) continue;
      published = meta.all(k).map((v) => normalizeDate(v)).find((v) => !!v) ?? null;
      if (published) break;
    }
  }
  // the canonical, og:url and fetched URLs in turn (one of them may be mangled or dateless)
  if (!published) published = [canonical, meta.first('og:url'), pageUrl].map((u) => dateFromUrl(u)).find((d) => !!d) ?? null;
  if (!published) published = standaloneDateAnywhere(doc, parseArabicDate);
  // last resort: the modification date (the page existed by then; better than none)
  if (!published) published = modified[0] ?? null;

  // author
  let author: string | null = null;
  // names that are the site or an organisation: kept only when no person is credited
  const orgKeys = new Set(
    [site, ldSite, ...objs.filter((o) => types(o).some((t) => /Organization$|^Corporation$|^WebSite$|^NewsMediaOrganization$/.test(t))).map((o) => str(o.name)), ...domainNames(canonical ?? pageUrl)]
      .filter((x): x is string => !!x)
      .map(normTitleKey)
      .filter((k) => k.length >= 2),
  );
  const isOrg = (name: string) => {
    const k = normTitleKey(name);
    return orgKeys.has(k) || [...orgKeys].some((o) => o.length >= 4 && (k.startsWith(o) || k.endsWith(o)) && k.length <= o.length + 6);
  };
  let orgAuthor: string | null = null;
  if (art) {
    const raw = art.author ?? art.creator;
    const ldOrg = [raw].flat().every((a) => a && typeof a === 'object' && types(resolveRef(a, byId) as Json).some((t) => /Organization$/.test(t)));
    author = joinAuthors(personNames(raw, byId));
    if (author && (ldOrg || isOrg(author))) {
      orgAuthor = author;
      author = null;
    }
  }
  if (!author) {
    const metaAuthors = meta
      .all('author', 'article:author', 'og:article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'dcterms.creator', 'citation_author', 'byl', 'twitter:data1')
      .filter((v) => !/^https?:\/\//i.test(v));
    // twitter:data1 is only an author when labelled so
    const label = meta.first('twitter:label1');
    const usable = metaAuthors.filter((v) => !(meta.first('twitter:data1') === v && !/author|written|كاتب|الكاتب/i.test(label ?? '')));
    author = joinAuthors(usable);
  }
  if (!author) {
    const names: string[] = [];
    for (const el of itemprops) {
      if (!/\bauthor\b|\bcreator\b/i.test(attr(el, 'itemprop'))) continue;
      const nameEl = [...elements(el)].find((e) => e !== el && /\bname\b/i.test(attr(e, 'itemprop')));
      const v = nameEl ? nameEl.attribs.content ?? textOf(nameEl) : el.attribs.content ?? textOf(el);
      if (v) names.push(v);
    }
    author = joinAuthors(names);
  }
  if (!author) author = joinAuthors(relAuthors);
  if (!author) {
    for (const el of bylineEls) {
      if (/avatar|image|img|photo|bio|description|box|info-box|about|social|date|time|comment/.test(classAndId(el))) continue;
      // a name inside the byline (link to the author page, itemprop=name, *name* class) is cleanest
      let named: string | null = null;
      for (const d of elements(el)) {
        if (d === el) continue;
        const href = attr(d, 'href');
        if ((d.name === 'a' && /\/(?:author|authors|writer|writers|profile|people|staff|contributors?|kottab|katib)\//i.test(href)) || /\bname\b/i.test(attr(d, 'itemprop')) || /(?:^|[\s_-])(?:author-?name|name)(?:$|[\s_-])/.test(classAndId(d))) {
          const t = textOf(d);
          if (t && t.length <= 80) {
            named = t;
            break;
          }
        }
      }
      if (!named) {
        // "<div class=author><span>Jane Doe</span><span>Tech Reporter</span></div>": the job
        // title in its own child element is not part of the name
        const kids = el.children.filter((c): c is Element => c.type === 'tag' && textOf(c).length > 0);
        const first = kids.length >= 2 ? textOf(kids[0]!) : '';
        if (first && (PERSON_NAME.test(first) || /^[\u0600-\u06FF\s]+$/.test(first)) && !NOT_NAME_WORDS.test(first)) named = first;
      }
      const t = named ?? textOf(el);
      if (!t || t.length > 80) continue;
      author = joinAuthors([t.split(/\s+\|\s+/)[0]!]);
      if (author) break;
    }
  }
  if (author && isOrg(author) && !orgAuthor) {
    orgAuthor = author;
    author = null;
  }
  if (!author && firstH1) author = visibleBylineNear(doc, firstH1);
  if (!author) author = labelledCreditAnywhere(doc);
  if (!author && !orgAuthor) {
    // a personal site named after its writer ("Jane Doe's blog"): that person wrote the page
    for (const raw of [site, meta.first('og:site_name')]) {
      if (!raw) continue;
      const c = collapse(raw);
      const n = c.replace(/['’]s\s+(?:blog|website|site|homepage|notes|journal)$/i, '');
      // evidence that the name is a person's: "…'s blog" (a capitalised site name alone is
      // as often a business: "Easy LMS", "Ovolo Hotels")
      if (n !== c && PERSON_NAME.test(n) && !NOT_NAME_WORDS.test(n) && n.split(/\s+/).length <= 3 && !/^\p{Lu}{2,}\b/u.test(n)) {
        author = cleanAuthor(n);
        if (author) break;
      }
    }
  }
  if (author && isOrg(author)) {
    orgAuthor ??= author;
    author = null;
  }
  if (!author) author = orgAuthor;

  // section, tags
  const section =
    meta.first('article:section', 'og:article:section', 'section', 'parsely-section', 'sailthru.section', 'category') ??
    (art ? str(art.articleSection) : null) ??
    breadcrumbSection(objs);
  const tags = splitTags([
    ...meta.all('article:tag', 'og:article:tag'),
    ...meta.all('news_keywords', 'keywords', 'parsely-tags', 'sailthru.tags'),
    ...(art ? keywordList(art.keywords) : []),
  ]);

  // url
  const ldUrl = art ? str(art.url) ?? str(resolveRef(art.mainEntityOfPage, byId)) : null;
  const url =
    resolveUrl(canonical, pageUrl) ?? resolveUrl(meta.first('og:url'), pageUrl) ?? resolveUrl(ldUrl, pageUrl) ?? resolveUrl(pageUrl, null);

  let lang: string | null = null;
  const langRaw = htmlLang ?? meta.first('content-language', 'language', 'og:locale', 'dc.language') ?? (art ? str(art.inLanguage) : null);
  if (langRaw) {
    const m = /^([a-z]{2,3})(?:[-_]|$)/i.exec(langRaw.trim());
    if (m) lang = m[1]!.toLowerCase();
  }

  return { title, published, author, site, section, tags, url, lang };
}

function hasAncestor(el: Element, name: string): boolean {
  let p = el.parent as Element | null;
  while (p) {
    if (p.name === name) return true;
    p = p.parent as Element | null;
  }
  return false;
}

function resolveRef(v: unknown, byId: Map<string, Json>): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Json;
    if (typeof o['@id'] === 'string' && o.name == null) return byId.get(o['@id']) ?? o['@id'];
  }
  return v;
}

function keywordList(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/** "www.newegg.com" → ["newegg.com", "newegg"]: site names a <title> may end with. */
function domainNames(u: string | null): string[] {
  if (!u) return [];
  try {
    const host = new URL(u).hostname.replace(/^www\d?\./, '');
    const label = host.split('.').slice(-2, -1)[0] ?? '';
    return label.length >= 4 ? [host, label] : [host];
  } catch {
    return [];
  }
}

function breadcrumbSection(objs: Json[]): string | null {
  const bc = objs.find((o) => types(o).includes('BreadcrumbList'));
  const items = bc?.itemListElement;
  if (!Array.isArray(items) || items.length < 2) return null;
  // the crumb before the article itself; skip "Home"
  const names = items.map((it) => str((it as Json)?.name ?? (it as Json)?.item)).filter((x): x is string => !!x);
  const mid = names.slice(1, -1);
  return mid.length > 0 ? mid[mid.length - 1]! : null;
}

/**
 * The date printed next to the headline (dateline / byline line). Only short text nodes
 * count (a byline or date widget, not a paragraph of the story, whose dates are about
 * events): the nearest date in the short nodes after the h1, up to the start of the body
 * prose, else in the short nodes just before it; a date just before the headline beats one
 * printed much further down (a related-posts list under the story's first lines). A label
 * in the preceding short node ("Updated:", "نشر في") is read together with the date, and a
 * run of dated lines under an "Updates" label (a changelog) are all update stamps. A text
 * inside `<time datetime>` is read with that machine value, which settles a day/month order
 * ("03/01/2017") the text alone leaves open.
 */
function visibleDateNear(doc: Document, h1: Element, parseArabicDate: ArabicDateParser | null): { date: string; updated: boolean; all: string[] } | null {
  interface Bit {
    t: string;
    machine: string | null; // the datetime of an enclosing <time>
  }
  const before: Bit[] = [];
  const after: Bit[] = [];
  let seen = false;
  let afterLen = 0;
  let longAfter = 0;
  const stack: { n: import('domhandler').AnyNode; machine: string | null }[] = [{ n: doc as never, machine: null }];
  while (stack.length > 0) {
    const { n, machine } = stack.pop()!;
    if (n === (h1 as never)) {
      seen = true;
      continue; // the headline's own text is not a dateline
    }
    if (n.type === 'text') {
      const t = collapse(n.data);
      if (!t) continue;
      if (seen) {
        afterLen += t.length;
        if (t.length > 160) {
          if (++longAfter >= 2) break; // the story has started
          continue;
        }
        after.push({ t, machine });
        if (afterLen > 1500) break;
      } else if (t.length <= 160) {
        before.push({ t, machine });
        if (before.length > 12) before.shift();
      }
      continue;
    }
    if (n.type === 'script' || n.type === 'style') continue;
    if (n.type === 'tag' && /^(?:nav|footer|aside|select|option|noscript|template|figcaption|blockquote)$/.test(n.name)) continue;
    let m = machine;
    if (n.type === 'tag' && n.name === 'time' && n.attribs.datetime) {
      const v = normalizeDate(n.attribs.datetime);
      if (v) m = v;
    }
    const kids = (n as import('domhandler').ParentNode).children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push({ n: kids[i]!, machine: m });
  }
  const dateOf = (b: Bit): string | null => {
    const d = dateInShortText(b.t, parseArabicDate);
    // the text is a rendering of the element's own machine value: when the two disagree, the
    // datetime is the one the page states
    if (d && b.machine && b.machine.slice(0, 10) !== d.slice(0, 10)) return b.machine;
    if (!d) {
      // an ambiguous numeric day ("03/01/2017") settled by the element's datetime
      if (b.machine && /\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(b.t) && b.t.length <= 40) return b.machine;
      return null;
    }
    return d;
  };
  interface Hit {
    date: string;
    updated: boolean;
    dist: number; // text nodes between the headline and the date
  }
  const scan = (nodes: Bit[], reversed: boolean): Hit[] => {
    const hits: Hit[] = [];
    let prevUpdated = false;
    let prevWasDate = false;
    for (let i = 0; i < nodes.length; i++) {
      const t = nodes[i]!.t;
      // a dateline is a few words; a sentence that mentions a date is story text
      const d = t.length > 100 || t.split(/\s+/).length > 14 ? null : dateOf(nodes[i]!);
      if (!d) {
        prevWasDate = false;
        continue;
      }
      // the label is the text just before this one in document order (the before-list is
      // walked nearest-first, i.e. reversed), and only a text that is itself no date
      const p = reversed ? nodes[i + 1]?.t : i > 0 ? nodes[i - 1]!.t : undefined;
      const prevIsDate = !!p && !!dateOf(reversed ? nodes[i + 1]! : nodes[i - 1]!);
      const prev = p && p.length <= 40 && !prevIsDate ? p : '';
      const firstDigit = t.search(/\d|[\u0660-\u0669]/);
      const label = `${prev} ${firstDigit >= 0 ? t.slice(0, firstDigit) : t}`;
      let updated = UPDATED_LABEL.test(label) && !PUBLISHED_LABEL.test(label);
      // "Updates: 2021-08-09 …, 2022-04-12 …": the entries after the first are update stamps too
      if (!reversed && !updated && prevWasDate && prevUpdated && !prev && !PUBLISHED_LABEL.test(label)) updated = true;
      hits.push({ date: d, updated, dist: reversed ? i + 1 : i });
      prevUpdated = updated;
      prevWasDate = true;
    }
    return hits;
  };
  const afterHits = scan(after, false);
  const beforeHits = scan(before.reverse(), true);
  const pick = (hits: Hit[]) => ({ found: hits.find((h) => !h.updated) ?? null, updated: hits.find((h) => h.updated) ?? null });
  const a = pick(afterHits);
  const b = pick(beforeHits);
  // the first pass: a date shown as the publication date (or with no label); an "Updated …"
  // date only when nothing else is printed, and marked so (metadata's datePublished beats it).
  // After the headline first, unless the line just before it is much nearer.
  let side = afterHits;
  let found = a.found;
  let updated = a.updated;
  const near = (h: Hit | null) => (h ? h.dist : Infinity);
  if ((!a.found && !a.updated) || (b.found && near(b.found) <= 3 && near(a.found ?? a.updated) >= near(b.found) + 12)) {
    if (b.found || b.updated) {
      side = beforeHits;
      found = b.found;
      updated = b.updated;
    }
  }
  // every date shown by the headline not labelled as an update, so that metadata stating one of them is kept
  const all = side.filter((h) => !h.updated).map((h) => h.date);
  if (found) return { date: found.date, updated: false, all };
  return updated ? { date: updated.date, updated: true, all } : null;
}

// "This article was originally published on …" (the page itself, not a book it reviews), a
// bare "Originally published: …" line, "نُشر هذا المقال لأول مرة في …"
const ORIGINALLY =
  /\b(?:this|the)\s+(?:article|post|story|piece|page|report|interview|column|essay|guide)\s+(?:was\s+|is\s+)?(?:originally|first)\s+(?:published|posted)\s*(?:on\s+|in\s+)?|^(?:originally|first)\s+(?:published|posted)\s*(?:on\s+|in\s+|:\s*)?|(?:نُشر|نشر|نشرت|نُشرت)\s+هذا\s+(?:المقال|التقرير|الخبر|الحوار)\s+(?:لأول\s+مرة|أصلا|أصلاً|في\s+الأصل)\s+(?:في|بتاريخ|يوم)?\s*/iu;

/**
 * "This article was originally published on 26 Sep 2019 …", "نُشر هذا المقال لأول مرة في …":
 * the date stated right after such a phrase in the page text (a day-accurate date only).
 */
function originalPublication(doc: Document, parseArabicDate: ArabicDateParser | null): string | null {
  const stack: import('domhandler').AnyNode[] = [doc as never];
  let seen = 0;
  while (stack.length > 0 && seen < 5000) {
    const n = stack.pop()!;
    if (n.type === 'text') {
      seen++;
      const t = collapse(n.data);
      const m = t.length <= 400 ? ORIGINALLY.exec(t) : null;
      if (m && /^(?:originally|first)\b/i.test(m[0]) && t.length > 60) continue; // a bare label opens a short line only
      if (!m) continue;
      const rest = t.slice(m.index + m[0].length, m.index + m[0].length + 40);
      // the date must open what follows the phrase: "originally published in Nature on …" is about another publication
      const d = /^(?:\p{L}+,?\s+)?(?:[\d\u0660-\u0669]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)/iu.test(rest) ? dateInShortText(rest, parseArabicDate) : null;
      if (d) return d;
      continue;
    }
    if (n.type === 'script' || n.type === 'style') continue;
    if (n.type === 'tag' && /^(?:head|nav|footer|aside|select|option|noscript|template|button|form)$/.test(n.name)) continue;
    const kids = (n as import('domhandler').ParentNode).children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return null;
}

/**
 * Last resort for pages with no date in metadata nor by the headline: the first line of the
 * page body that is only a date, optionally labelled ("Feb 16, 2026", "Last updated: November
 * 13, 2025", "نشر في: 12 مارس 2024"). Navigation, sidebars, footers, comments and scripts are
 * skipped; a date inside a sentence is never taken.
 */
function standaloneDateAnywhere(doc: Document, parseArabicDate: ArabicDateParser | null): string | null {
  const stack: import('domhandler').AnyNode[] = [doc as never];
  let seen = 0;
  while (stack.length > 0 && seen < 3000) {
    const n = stack.pop()!;
    if (n.type === 'text') {
      seen++;
      const t = collapse(n.data);
      if (!t || t.length > 60) continue;
      const d = dateInShortText(t, parseArabicDate);
      if (!d) continue;
      // only the date and a label: strip the date-like parts and what is left must be a few label words
      const rest = t
        .replace(/\d+|[\u0660-\u0669]+/g, ' ')
        .replace(/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?/gi, ' ')
        .replace(/\b(?:st|nd|rd|th|am|pm|at|on|of)\b/gi, ' ')
        .replace(/[\s,.:/|·•\-–—()]+/g, ' ')
        .trim();
      if (rest && !/^(?:(?:last\s+)?(?:updated|modified|published|posted|reviewed)(?:\s+on)?|date|نشر(?:\s+في)?|تاريخ(?:\s+النشر)?|آخر\s+تحديث|بتاريخ|(?:[\u0600-\u06FF]+\s*){1,3})$/iu.test(rest)) continue; // Arabic: a label and the month name
      return d;
    }
    if (n.type === 'script' || n.type === 'style') continue;
    if (n.type === 'tag' && (/^(?:head|nav|footer|aside|select|option|noscript|template|button|form)$/.test(n.name) || /comment|related|sidebar|site-footer|widget|recent|popular/i.test(classAndId(n)))) continue;
    const kids = (n as import('domhandler').ParentNode).children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return null;
}

const UPDATED_LABEL = /updat|modif|revis|refresh|edited|last reviewed|تحديث|تعديل|محدث|آخر تحديث/i;
const PUBLISHED_LABEL = /publish|posted|نشر|بتاريخ/i;

/** A date stated in one short byline/date text: English/Latin month names, unambiguous d/m/y numbers, Arabic. */
export function dateInShortText(t: string, parseArabicDate: ArabicDateParser | null): string | null {
  const d = parseMonthNameDate(t);
  if (d) return d;
  const num = /(?:^|[^\d/.])(\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{4}[/.-]\d{1,2}[/.-]\d{1,2})(?![\d/.])/.exec(t);
  if (num) {
    const v = normalizeDate(num[1]!);
    if (v) return v;
  }
  if (parseArabicDate && /[\u0600-\u06ff]/.test(t)) {
    const ar = parseArabicDate(t);
    if (ar) return ar.value;
  }
  return null;
}

const BY_LABEL =
  /^(?:(?:written|posted|authored|reported|story|words|text)\s+)?by\s*:?\s*|^(?:author|authors|writer|written by|auteur)\s*:\s*|^(?:بقلم|كتب|كتبت|كتابة|بواسطة|إعداد|اعداد|تحرير|حوار|تقرير|المحرر|الكاتب|الكاتبة)\s*[:：\-–—]?\s*/iu;
const NOT_AUTHOR_LABEL = /^(?:(?:medically\s+|fact[-\s]?checked\s+|expert\s+)?reviewed|fact[-\s]?checked|edited|photos?|photography|illustrations?|images?|video|graphics?|design|translated|updated|sponsored|presented|powered|brought to you)\s+by\b|^(?:تصوير|ترجمة|مراجعة|تدقيق)/iu;
const BY_LATIN = /(?:^|[\s|(·•])(?:[Ww]ritten |[Pp]osted |[Aa]uthored )?[Bb]y:?\s+((?:Dr\.\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|van|von|de|der|da|di|la|le|bin|al|el)){1,4})/u;
const BY_ARABIC = /(?:^|\s)(?:بقلم|كتب|كتبت|بواسطة|إعداد|اعداد)\s*[:：\-–—]?\s*([\u0600-\u06FF]+(?:\s+[\u0600-\u06FF]+){0,3})/u;
/** Words of job titles, topics and organisations: a capitalised line with one of them is not a person's name. */
const NOT_NAME_WORDS =
  /^the\s|\b(?:courses?|strategy|engineer(?:ing)?|coding|design|guides?|tips|news|blog|team|staff|home|marketing|business|health|coalition|software|developer|manager|director|editor|writer|reporter|founder|ceo|expert|specialist|consultant|analyst|officer|president|association|institute|university|college|company|group|media|foundation|services?|solutions|reviews?|insights|resources|technology|category|topics?|minutes?|min read|read)\b/i;
const AUTHOR_CLASS = /author|byline|by-line|writer|contributor|reporter|kateb|katib/i;
/** Two to four capitalised words (particles allowed), an optional "Dr." — the shape of a person's name. */
const PERSON_NAME = /^(?:Dr\.?\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|van|von|de|der|da|di|la|le|bin|al|el)){1,3}$/u;
const PERSON_HREF = /\/(?:author|authors|autor|auteur|writer|writers|staff|people|person|profiles?|producers|contributors?|team|member|members|journalists?|reporters?|columnists?|kottab|katib|byline)\/[^/?#]+/i;

/**
 * The byline printed by the headline: among the short text nodes just after the h1 (up to
 * the start of the story) and a few before it, a "By …", "Written by: …", "Posted by … on",
 * "بقلم …", "كتب …", "إعداد …", "حوار: …" line (the name in the same node or the next one),
 * else a link to an author page. Reviewer, photo and editor credits are skipped.
 */
function visibleBylineNear(doc: Document, h1: Element): string | null {
  interface Bit {
    t: string;
    href: string;
    hint: boolean; // inside an element whose class/id says author/byline
  }
  const after: Bit[] = [];
  const before: Bit[] = [];
  let seen = false;
  let longAfter = 0;
  let len = 0;
  const stack: { n: import('domhandler').AnyNode; href: string; hint: boolean }[] = [{ n: doc as never, href: '', hint: false }];
  while (stack.length > 0) {
    const { n, href, hint } = stack.pop()!;
    if (n === (h1 as never)) {
      seen = true;
      continue;
    }
    if (n.type === 'text') {
      const t = collapse(n.data);
      if (!t) continue;
      if (seen) {
        len += t.length;
        if (t.length > 200 && ++longAfter >= 2) break;
        if (t.length <= 200) after.push({ t, href, hint });
        if (len > 2000) break;
      } else if (t.length <= 120) {
        before.push({ t, href, hint });
        if (before.length > 10) before.shift();
      }
      continue;
    }
    if (n.type === 'script' || n.type === 'style') continue;
    if (n.type === 'tag' && /^(?:nav|footer|aside|select|option|noscript|template|figcaption|button|form)$/.test(n.name)) continue;
    const h = n.type === 'tag' && n.name === 'a' ? attr(n, 'href') : href;
    const hi = hint || (n.type === 'tag' && (AUTHOR_CLASS.test(classAndId(n)) || /\bauthor\b/i.test(attr(n, 'rel') + ' ' + attr(n, 'itemprop'))));
    const kids = (n as import('domhandler').ParentNode).children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push({ n: kids[i]!, href: h, hint: hi });
  }
  for (const bits of [after, before]) {
    for (let i = 0; i < bits.length; i++) {
      const t = bits[i]!.t;
      if (NOT_AUTHOR_LABEL.test(t)) {
        i++; // the reviewer's name follows
        continue;
      }
      const m = BY_LABEL.exec(t);
      if (!m) continue;
      let rest = t.slice(m[0].length).trim();
      let fromNext = false;
      if (!rest && i + 1 < bits.length) {
        rest = bits[i + 1]!.t;
        fromNext = true;
      }
      // "Jane Doe on March 5, 2025", "Jane Doe | 5 min read", "Jane Doe in Workshop"
      rest = rest.split(/\s+(?:on|in|at|for|updated|published|posted|-|–|—|\||•|·)\s+|\s*[|•·]\s*|\s+(?=\d)/)[0]!;
      if (!/^\p{Lu}|^[\u0600-\u06FF]/u.test(rest) && !/[\u0600-\u06FF]/.test(t)) continue;
      if (dateInShortText(rest, null) || /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$/i.test(rest)) continue;
      // a label alone on its line: the next line must look like a name
      if (fromNext && !PERSON_NAME.test(rest) && !/^[\u0600-\u06FF\s]+$/.test(rest) && !bits[i + 1]!.hint && !(bits[i + 1]!.href && PERSON_HREF.test(bits[i + 1]!.href))) continue;
      const name = cleanAuthor(rest);
      if (name && name.split(/\s+/).length <= 8) return name;
    }
  }
  // "… by Jane Doe" inside a line ("Smart Home · by Jane Doe", "Posted by Jane Doe on …")
  for (const t of [collapse(after.map((b) => b.t).join(' | ')).slice(0, 400), collapse(before.map((b) => b.t).join(' | ')).slice(-200)]) {
    const m = BY_LATIN.exec(t) ?? BY_ARABIC.exec(t);
    if (m) {
      const name = cleanAuthor(m[1]!.replace(/\s+(?:on|and|in|at|for|updated|published|posted)$/i, ''));
      if (name && !/^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$/i.test(name)) return name;
    }
  }
  // a name on its own among the first header lines: linked to an author page, inside an
  // author/byline element, or printed beside the date
  const head = after.slice(0, 12);
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    const t = b.t.replace(/\s+(?:in|on behalf of)\s+.*$/i, '').replace(/\s*[,|•·]\s*$/, '');
    if (t.length > 60) continue;
    const linked = !!b.href && PERSON_HREF.test(b.href);
    const near = head.slice(Math.max(0, i - 2), i + 3).some((x) => x !== b && dateInShortText(x.t, null) !== null);
    const shaped = (PERSON_NAME.test(t) && !NOT_NAME_WORDS.test(t)) || (/^[\u0600-\u06FF\s]+$/.test(t) && t.split(/\s+/).length >= 2 && t.split(/\s+/).length <= 4);
    if ((linked && /^\p{Lu}|^[\u0600-\u06FF]/u.test(t)) || (shaped && b.hint) || (shaped && near && !b.href)) {
      const name = cleanAuthor(t);
      if (name && name.split(/\s+/).length <= 6) return name;
    }
  }
  return null;
}

const CREDIT_INLINE =
  /^(?:(?:this|the)\s+(?:post|article|story|guide|piece)\s+(?:was\s+)?)?(?:written|authored)\s+by\s*:?\s*|^article\s+by\s*:?\s*|^(?:بقلم|الكاتب|الكاتبة|كتب|كتبت)\s*[:：\-–—]\s*|^بقلم\s+/iu;
const CREDIT_LABEL = /^(?:author|authors|written by|article by|contributors?|about the author|الكاتب|الكاتبة|بقلم|عن الكاتب)\s*[:：]?$/iu;

/**
 * An explicit credit anywhere in the page body, for pages whose byline sits far from the
 * headline (an author box after the story, a sidebar "Author" panel): a short line "Written
 * by Jane Doe" / "بقلم: …", or a label alone ("Author", "Contributors:", "الكاتب") followed
 * by a line shaped like a name. Navigation and scripts are skipped.
 */
function labelledCreditAnywhere(doc: Document): string | null {
  const bits: string[] = [];
  const stack: import('domhandler').AnyNode[] = [doc as never];
  while (stack.length > 0 && bits.length < 4000) {
    const n = stack.pop()!;
    if (n.type === 'text') {
      const t = collapse(n.data);
      if (t) bits.push(t);
      continue;
    }
    if (n.type === 'script' || n.type === 'style') continue;
    if (n.type === 'tag' && /^(?:nav|select|option|noscript|template|button|form|head)$/.test(n.name)) continue;
    const kids = (n as import('domhandler').ParentNode).children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  const shaped = (t: string) =>
    (PERSON_NAME.test(t) && !NOT_NAME_WORDS.test(t)) || (/^[\u0600-\u06FF\s]+$/.test(t) && t.split(/\s+/).length >= 2 && t.split(/\s+/).length <= 4);
  for (let i = 0; i < bits.length; i++) {
    const t = bits[i]!;
    if (t.length > 160) continue;
    let rest: string | null = null;
    const m = CREDIT_INLINE.exec(t);
    if (m) rest = t.slice(m[0].length).trim() || (bits[i + 1] ?? '');
    else if (CREDIT_LABEL.test(t)) rest = bits[i + 1] ?? '';
    if (!rest) continue;
    // "Jane Doe, Head of Marketing", "Jane Doe on March 5", "Jane Doe | …"
    const full = rest;
    rest = rest.split(/\s*[,|•·]\s*|\s+(?:on|in|at|for|is|and has|-|–|—)\s+|\s*[.:]\s*$/)[0]!.trim();
    if (!shaped(rest)) continue;
    const name = cleanAuthor(rest);
    // post-nominal credentials belong to the credit: "Jane Doe, MD", "Jane Doe, M.D. FACP"
    const cred = /^,\s*((?:(?:[A-Z]\.?){2,6}|Ph\.?D\.?|PharmD)(?:[\s,]+(?:(?:[A-Z]\.?){2,6}|Ph\.?D\.?))*)(?=$|[\s|,])/.exec(full.slice(rest.length));
    if (name) return cred ? `${name}, ${cred[1]!.trim()}` : name;
  }
  return null;
}

