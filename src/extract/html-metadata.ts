/**
 * Article metadata from an HTML tree: JSON-LD (NewsArticle/Article/BlogPosting…, with
 * @graph, arrays and @id references), OpenGraph and article:* meta, twitter:*, plain
 * `<meta name>`, Dublin Core, microdata (itemprop), `<time datetime>`, rel=author,
 * byline classes, `<link rel=canonical>` and `<html lang>`.
 */
import { attr, byTag, classAndId, collapse, elements, rawText, textOf, type Document, type Element } from './html-dom.js';
import { dateFromUrl, normalizeDate, parseMonthNameDate } from './html-published.js';

type Json = Record<string, unknown>;

export interface HtmlMetadata {
  title: string | null;
  published: string | null;
  author: string | null;
  site: string | null;
  section: string | null;
  tags: string[];
  url: string | null;
  lang: string | null;
}

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
  for (const el of byTag(doc, 'script')) {
    if (!/ld\+json/i.test(attr(el, 'type'))) continue;
    const data = parseJsonLoose(rawText(el));
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
  all(...keys: string[]): string[] {
    return keys.flatMap((k) => this.map.get(k) ?? []);
  }
}

// ---------------------------------------------------------------- cleaning helpers

/** Removes "By", "بقلم", "كتب" and similar credit prefixes, and trailing roles/dates. */
export function cleanAuthor(raw: string): string | null {
  let s = collapse(decodeEntitiesLite(raw));
  s = s.replace(/^(?:author|authors|writer|auteur|autor)\s*:?\s+/i, '');
  s = s.replace(/^(?:(?:written|posted|reported|published|story|words|text|article|photos?)\s+)?by[:\s]+/i, '');
  s = s.replace(/\s+(?:verified expert|more about .*|view all posts.*|see full bio.*|follow)$/i, '');
  s = s.replace(/^(?:بقلم|كتب(?:ت|ه|ها)?|كتابة|بواسطة|إعداد|اعداد|تحرير|حوار|تقرير|المحرر|الكاتب|الكاتبة)\s*[:：\-–—]?\s*/u, '');
  s = s.replace(/^(?:par|von|por|door|di|af|av)\s+/i, '');
  s = s.replace(/^[\s:|\-–—·•,]+|[\s:|\-–—·•,]+$/g, '');
  if (!s || s.length < 2 || s.length > 100) return null;
  if (/^https?:|^www\.|\.(?:com|net|org)\b|@.*\./i.test(s)) return null;
  if (/^@/.test(s)) return null;
  if (/^\d+$/.test(s) || /\d{4}/.test(s)) return null;
  if (/^(?:admin|administrator|editor|staff|unknown|author|guest|null|undefined|none|anonymous)$/i.test(s)) return null;
  if (s.split(/\s+/).length > 12) return null;
  return s;
}

function joinAuthors(names: string[]): string | null {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    // "A, B and C" / "A و B" in one string: keep it as one credit line, just cleaned
    const c = cleanAuthor(raw);
    if (!c) continue;
    const key = c.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
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

const TITLE_SEPARATORS = /\s+[|\-–—:·•»«/\\]\s+|\s+[|·•»]\s*|\s*[|·•»]\s+/;

/**
 * Picks the headline. Prefers a candidate (JSON-LD headline, og:title, twitter:title,
 * <title>) that agrees with an <h1>; strips " | Site", " - Site" suffixes/prefixes when
 * the rest matches an h1 or the cut part matches the site name.
 */
export function chooseTitle(cands: (string | null)[], h1s: string[], site: string | null): string | null {
  const list = cands.filter((c): c is string => !!c).map((c) => collapse(decodeEntitiesLite(c)));
  const siteKey = site ? normTitleKey(site) : '';
  // an h1 that is only the site's logo/name is not the headline
  const heads = h1s.filter((h) => {
    const k = normTitleKey(h);
    return k.length > 0 && k !== siteKey && h.length <= 400;
  });
  const h1Keys = new Map(heads.map((h) => [normTitleKey(h), h] as const));

  // 1. a candidate (or a cut of it) equal to an h1
  for (const c of list) {
    for (const v of [c, ...titleCuts(c)]) {
      const hit = h1Keys.get(normTitleKey(v));
      if (hit) return hit;
    }
  }
  // 2. the visible headline: the h1 that shares most words with the metadata titles,
  //    else the first h1 (the page's own headline beats SEO titles)
  if (heads.length > 0) {
    const metaWords = new Set(list.flatMap((c) => wordsOf(c)));
    let best = heads[0]!;
    let bestScore = -1;
    for (const h of heads) {
      const w = wordsOf(h);
      const sc = w.length > 0 ? w.filter((x) => metaWords.has(x)).length / w.length : 0;
      if (sc > bestScore + 0.2) {
        best = h;
        bestScore = sc;
      }
    }
    if (bestScore >= 0.5 || list.length === 0) return best;
  }
  // 3. strip site-name parts from the best metadata title
  for (const c of list) {
    const cut = stripSite(c, siteKey);
    if (cut) return cut;
  }
  return heads[0] ?? null;
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

function stripSite(t: string, siteKey: string): string | null {
  const parts = t.split(TITLE_SEPARATORS).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return t;
  if (siteKey) {
    const last = normTitleKey(parts[parts.length - 1]!);
    const first = normTitleKey(parts[0]!);
    if (last && (siteKey.includes(last) || last.includes(siteKey))) return joinBack(t, parts.slice(0, -1));
    if (first && (siteKey.includes(first) || first.includes(siteKey))) return joinBack(t, parts.slice(1));
  }
  // a short last part after " | ", " - ", " – " is a site name or an SEO tagline
  const m = /^(.*\S)\s+[|·•»\-–—]\s+([^|·•»–—]{1,60})$/.exec(t);
  if (m && m[1]!.split(/\s+/).length >= 3 && m[2]!.split(/\s+/).length <= 6) return m[1]!;
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
  );

  // date
  let published: string | null = null;
  const dateCands: (string | null)[] = [];
  const ldDates: (string | null)[] = [];
  for (const o of ldAll) ldDates.push(str(o.datePublished), str(o.dateCreated), str(o.uploadDate));
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
  const visible = firstH1 ? visibleDateNear(doc, firstH1, parseArabicDate) : null;
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
  if (!published) published = visible;
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
  if (!published) published = dateFromUrl(canonical ?? meta.first('og:url') ?? pageUrl);

  // author
  let author: string | null = null;
  if (art) author = joinAuthors(personNames(art.author ?? art.creator, byId));
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
      const t = named ?? textOf(el);
      if (!t || t.length > 80) continue;
      author = joinAuthors([t.split(/\s+\|\s+/)[0]!]);
      if (author) break;
    }
  }
  if (!author && firstH1) author = visibleBylineNear(doc, firstH1);

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
 * The date printed next to the headline (dateline / byline line): the first date found in
 * the ~600 characters of text after the h1, else the ~250 before it.
 */
function visibleDateNear(doc: Document, h1: Element, parseArabicDate: ArabicDateParser | null): string | null {
  const before: string[] = [];
  const after: string[] = [];
  let seen = false;
  let afterLen = 0;
  const stack: import('domhandler').AnyNode[] = [doc as never];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n === (h1 as never)) {
      seen = true;
      continue; // the headline's own text is not a dateline
    }
    if (n.type === 'text') {
      const t = n.data;
      if (!/\S/.test(t)) continue;
      if (seen) {
        after.push(t);
        afterLen += t.length;
        if (afterLen > 600) break;
      } else {
        before.push(t);
        if (before.length > 40) before.shift();
      }
      continue;
    }
    if (n.type === 'script' || n.type === 'style') continue;
    if (n.type === 'tag' && /^(?:nav|footer|aside|select|option|noscript|template)$/.test(n.name)) continue;
    const kids = (n as import('domhandler').ParentNode).children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  const win = (parts: string[]) => collapse(parts.join(' | '));
  const afterText = win(after).slice(0, 600);
  const beforeText = win(before).slice(-250);
  for (const t of [afterText, beforeText]) {
    const d = parseMonthNameDate(t);
    const ar = parseArabicDate ? parseArabicDate(t) : null;
    if (d && ar) return t.indexOf(ar.value) >= 0 ? ar.value : d; // both: keep the Latin one unless same
    if (d) return d;
    if (ar && /[\u0600-\u06ff]/.test(t.slice(Math.max(0, ar.start - 20), ar.end + 5))) return ar.value;
  }
  return null;
}

const BY_LATIN = /(?:^|[\s|(])(?:[Ww]ritten |[Pp]osted |[Rr]eviewed )?[Bb]y:?\s+((?:Dr\.\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|van|von|de|der|da|di|la|le|bin|al|el)){0,4})/u;
const BY_ARABIC = /(?:^|\s)(?:بقلم|كتب|كتبت|بواسطة|إعداد|اعداد)\s*[:：\-–—]?\s*([\u0600-\u06FF]+(?:\s+[\u0600-\u06FF]+){0,3})/u;

/** "By Jane Doe" / "بقلم فلان" printed within ~400 characters after (or 200 before) the headline. */
function visibleBylineNear(doc: Document, h1: Element): string | null {
  const { before, after } = textAround(doc, h1, 400, 200);
  for (const t of [after, before]) {
    const m = BY_LATIN.exec(t) ?? BY_ARABIC.exec(t);
    if (m) {
      const name = cleanAuthor(m[1]!.replace(/\s+(?:on|and|in|at|for|updated|published|posted)$/i, ''));
      if (name) return name;
    }
  }
  return null;
}

function textAround(doc: Document, h1: Element, afterMax: number, beforeMax: number): { before: string; after: string } {
  const before: string[] = [];
  const after: string[] = [];
  let seen = false;
  let afterLen = 0;
  const stack: import('domhandler').AnyNode[] = [doc as never];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n === (h1 as never)) {
      seen = true;
      continue;
    }
    if (n.type === 'text') {
      if (!/\S/.test(n.data)) continue;
      if (seen) {
        after.push(n.data);
        afterLen += n.data.length;
        if (afterLen > afterMax) break;
      } else {
        before.push(n.data);
        if (before.length > 40) before.shift();
      }
      continue;
    }
    if (n.type === 'script' || n.type === 'style') continue;
    if (n.type === 'tag' && /^(?:nav|footer|aside|select|option|noscript|template)$/.test(n.name)) continue;
    const kids = (n as import('domhandler').ParentNode).children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return { before: collapse(before.join(' | ')).slice(-beforeMax), after: collapse(after.join(' | ')).slice(0, afterMax) };
}
