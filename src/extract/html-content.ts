/**
 * Main-text extraction over an htmlparser2 tree, after Mozilla Readability's scoring
 * (paragraph scores carried up to their containers, class/id hints, link density,
 * sibling merging, conditional cleaning), with additions for news pages in Arabic and
 * English: Arabic punctuation counts, CMS body-class priors (entry-content, article-body,
 * td-post-content, news-text…), "read also" inserts and share/newsletter blocks dropped.
 *
 * Beyond Readability (trafilatura-style): every element also counts its "good" text (text in
 * paragraph-like blocks with little link text), which (1) protects a box whose unlikely class
 * or role (a "newsletter" template, an accordion role=tablist) hides most of the page's prose,
 * and (2) lets the chosen container climb to a parent whose extra text is article-like, so
 * articles split over sibling page-builder sections are read whole while teaser lists are not.
 * The whole document is searched (content after a stray </html>, <body> inside <head>).
 * Rendering drops repeated long paragraphs (responsive copies), the headline repeated at the
 * top of the body, and Arabic/English inserts (اقرأ أيضا، تابعونا، شارك الخبر، المصدر…).
 *
 * All passes are linear in the size of the tree (statistics are computed once and kept
 * up to date on removal), so huge pages do not hang.
 */
import { parseDocument } from 'htmlparser2';
import type { AnyNode, Document, Element, ParentNode } from 'domhandler';
import { BLOCK_TAGS, attr, classAndId, collapse, elements, isElement, removeNode } from './html-dom.js';

// ---------------------------------------------------------------- hints

/** Never content. */
const DROP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'embed', 'canvas', 'link', 'meta',
  'input', 'button', 'select', 'textarea', 'option', 'nav', 'aside', 'footer', 'dialog', 'figcaption', 'video',
  'audio', 'map', 'head', 'title', 'form-control', 'label',
]);

const STRUCTURAL_TAGS = new Set(['nav', 'aside', 'footer', 'dialog']);

const DROP_ROLES = /^(?:navigation|dialog|alertdialog|complementary|contentinfo|banner|menu|menubar|search|toolbar|tablist|alert)$/i;

const UNLIKELY =
  /-ad-|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|cookie|consent|newsletter|subscribe|signup|sign-up|share|sharing|trending|most-?read|most-?viewed|mostpopular|tags-?list|taglist|author-?bio|about-?author|promo|outbrain|taboola|recommend|read-?more|readmore|more-?news|latest-?news|also-?read|ticker|marquee|navbar|topbar|toolbar|modal|overlay|login|register/;
const MAYBE = /and|article|body|column|content|main|mathjax|shadow|entry|story|post-?text|news-?text|details/;
const POSITIVE =
  /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|details|matn|news-?(?:text|body|content|details)/;
const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|social|newsletter|subscribe|cookie|caption|credit|byline|author|breadcrumb|recommend|taboola|trending|popular|most-read|read-more|readmore|also-read|pagination|nav|menu|toolbar|print|rating|tooltip|popup|modal|ads?-|advert|banner/;
/** CMS classes that almost always hold the body of an article. */
const STRONG_BODY =
  /(?:^|[\s_-])(?:entry-content|article-?body|article__body|articlebody|article-content|article__content|article-text|articletext|post-content|post-body|post__content|post-entry|postbody|td-post-content|story-body|story-content|storycontent|story-text|news-text|news-content|news-body|newsdetails|news-details|body-text|bodytext|field-name-body|field--name-body|article-details|details-body|text-content|content-body|single-content|rich-text|richtext|article-main|c-article-body|main-article-body|article-wrapper-body|content-article|articlecontent|article_body|article_content|post_content|entry_content|news_text|news_body)(?:$|[\s_-])/;

const DIV_TO_P = new Set(['blockquote', 'dl', 'div', 'img', 'ol', 'p', 'pre', 'table', 'ul', 'section', 'article', 'figure']);

/** Paragraphs that are inserts, not article text. */
const ALSO = '(?:أيضا|أيضاً|أيضًا|ايضا|ايضاً|ايضًا|كذلك)';
/** Paragraphs that are inserts, not article text ("read also", share/follow prompts, ads). */
const INSERT_LINE = new RegExp(
  '^(?:read (?:more|also|next)|also read|related(?: articles?| stories| posts?| coverage)?|recommended|see also|more from|' +
    'share (?:this|on)|follow us|sign up|subscribe|advertisement|sponsored|click here|continue reading|' +
    `[اإ]قرأ(?:وا)?\\s*(?:${ALSO}|المزيد)|شاهد(?:وا)?\\s*${ALSO}|طالع(?:وا)?\\s*${ALSO}|اقر[أا]\\s+ايضا|` +
    'للمزيد|مواضيع ذات صلة|(?:أخبار|اخبار|مقالات|مواد) ذات صلة|ذات صلة|قد يهمك|قد يعجبك|الأكثر قراءة|الاكثر قراءة|' +
    'تابعونا|تابعنا)\\s*[:：\\-–—]?',
  'i',
);
/**
 * Arabic verbs that open furniture ("شارك", "تابعوا", "انضم إلى", "اشترك") but also real news
 * sentences ("شارك الرئيس في…", "انضم إلى الفريق…"): dropped only when short or pointing at a
 * social network, channel, newsletter or app.
 */
const AMBIGUOUS_INSERT = /^(?:شارك(?:وا|ي)?|تابع(?:وا|ي)|انضم(?:وا|ي)?|اشترك(?:وا|ي)?|حمّ?ل(?:وا|ي)?|إعلان|اعلان)(?:\s|$|[:：])/;
const SOCIAL_WORDS = /فيسبوك|فيس بوك|تويتر|إكس|واتساب|واتس اب|تلغرام|تيليجرام|تليجرام|يوتيوب|انستغرام|إنستغرام|انستجرام|تيك توك|قناتنا|قناة .{0,30} على|نشرتنا|النشرة البريدية|صفحتنا|حسابنا|تطبيق|الإشعارات|الاشعارات|الخبر|المقال|المقالة/;

/** A short source / credit line at the end of a news story ("المصدر: وكالات", "Source: Reuters"). */
const SOURCE_LINE = /^(?:المصدر|مصدر الخبر|source)\s*[:：\-–—]/i;

// ---------------------------------------------------------------- stats

interface Stats {
  text: number; // collapsed text length
  link: number; // text inside <a>
  commas: number;
  own: number; // inline text not inside a nested block element
  ownCommas: number;
  p: number;
  img: number;
  li: number;
  input: number;
  embed: number;
  headings: number;
  /** text inside paragraph-like blocks with little link text ("good" text, trafilatura-style) */
  good: number;
}

function emptyStats(): Stats {
  return { text: 0, link: 0, commas: 0, own: 0, ownCommas: 0, p: 0, img: 0, li: 0, input: 0, embed: 0, headings: 0, good: 0 };
}

const COMMA_RE = /[,،؛;]/g;

function textLen(s: string): number {
  // collapsed length: count non-space chars plus one per whitespace run between words
  let n = 0;
  let inSpace = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 160 || c === 12;
    if (space) {
      if (!inSpace) n++;
      inSpace = true;
    } else {
      n++;
      inSpace = false;
    }
  }
  return n;
}

/** Computes statistics for every element under root in one post-order pass. */
function computeStats(root: ParentNode): Map<Element, Stats> {
  const stats = new Map<Element, Stats>();
  // iterative post-order with explicit enter/exit
  const stack: { node: AnyNode; exit: boolean; block: Element | null; inLink: boolean }[] = [
    { node: root as AnyNode, exit: false, block: null, inLink: false },
  ];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const node = frame.node;
    if (node.type === 'text') {
      const len = textLen(node.data);
      if (len === 0) continue;
      const commas = (node.data.match(COMMA_RE) ?? []).length;
      // add to all ancestors (done at exit via children sums) — here only the own-text part
      if (frame.block) {
        const st = stats.get(frame.block);
        if (st) {
          st.own += len;
          st.ownCommas += commas;
        }
      }
      // direct parent accumulates text; sums are propagated on exit
      const parent = node.parent as Element | null;
      if (parent && isElement(parent as AnyNode)) {
        const st = stats.get(parent);
        if (st) {
          st.text += len;
          st.commas += commas;
          if (frame.inLink) st.link += len;
        }
      }
      continue;
    }
    if (!isElement(node) && node.type !== 'root') continue;
    if (!frame.exit) {
      let block = frame.block;
      let inLink = frame.inLink;
      if (isElement(node)) {
        if (node.type === 'script' || node.type === 'style') continue;
        stats.set(node, emptyStats());
        if (BLOCK_TAGS.has(node.name)) block = node;
        if (node.name === 'a') inLink = true;
      }
      stack.push({ node, exit: true, block, inLink });
      const kids = (node as ParentNode).children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, exit: false, block, inLink });
    } else if (isElement(node)) {
      const st = stats.get(node)!;
      switch (node.name) {
        case 'p': st.p++; break;
        case 'img': st.img++; break;
        case 'li': st.li++; break;
        case 'input': case 'select': case 'textarea': case 'button': st.input++; break;
        case 'embed': case 'object': case 'iframe': case 'video': st.embed++; break;
        case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': st.headings++; break;
      }
      if (st.text >= 25 && st.link < st.text * 0.3) {
        if (PARA_TAGS.has(node.name)) st.good = st.text;
        else if (st.own >= 25 && BLOCK_TAGS.has(node.name)) st.good += st.own;
      }
      const parent = node.parent as Element | null;
      const ps = parent && isElement(parent as AnyNode) ? stats.get(parent) : undefined;
      if (ps) {
        ps.text += st.text;
        ps.link += st.link;
        ps.commas += st.commas;
        ps.p += st.p;
        ps.img += st.img;
        ps.li += st.li;
        ps.input += st.input;
        ps.embed += st.embed;
        ps.headings += st.headings;
        ps.good += st.good;
      }
    }
  }
  return stats;
}

/** Removes a node and subtracts its numbers from its ancestors' statistics. */
function removeWithStats(el: Element, stats: Map<Element, Stats>): void {
  const st = stats.get(el);
  if (st) {
    let p = el.parent as Element | null;
    while (p) {
      const ps = stats.get(p);
      if (ps) {
        ps.text -= st.text;
        ps.link -= st.link;
        ps.commas -= st.commas;
        ps.p -= st.p;
        ps.img -= st.img;
        ps.li -= st.li;
        ps.input -= st.input;
        ps.embed -= st.embed;
        ps.headings -= st.headings;
        ps.good -= st.good;
      }
      p = p.parent as Element | null;
    }
  }
  removeNode(el);
}

const linkDensity = (st: Stats | undefined): number => (st && st.text > 0 ? Math.min(1, st.link / st.text) : 0);

// ---------------------------------------------------------------- prepare

function isHidden(el: Element): boolean {
  if (el.attribs.hidden !== undefined) return true;
  if (el.attribs['aria-hidden'] === 'true' && el.name !== 'body' && el.name !== 'html') return true;
  const style = el.attribs.style;
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  const cls = el.attribs.class;
  if (cls && HIDDEN_CLASS.test(cls)) {
    // utility classes: "d-none d-md-block" / "hidden lg:block" are shown on wider screens
    if (/(?:^|\s)(?:sr-only|visually-hidden|screen-reader-text)(?:$|\s)/i.test(cls)) return true;
    return !SHOWN_CLASS.test(cls);
  }
  return false;
}

/** Bootstrap / Tailwind / WordPress utility classes that hide an element. */
const HIDDEN_CLASS = /(?:^|\s)(?:d-none|sr-only|visually-hidden|screen-reader-text)(?:$|\s)/i;
const SHOWN_CLASS = /(?:^|\s)(?:d-(?:sm|md|lg|xl|xxl)-(?:block|flex|inline|inline-block|grid|table)|(?:sm|md|lg|xl|2xl):(?:block|flex|inline|inline-block|grid|table|contents))(?:$|\s)/i;

/** Roles Readability drops outright; the others (tablist, banner, search…) only when they hold no article prose. */
const HARD_DROP_ROLES = /^(?:navigation|dialog|alertdialog|complementary|contentinfo|menu|menubar|alert)$/i;
const NEVER_PROTECT = /comment|disqus|repl(?:y|ies)|respond|discussion/;

/**
 * Drops what is never content. Works on the whole document, not only <body>: htmlparser2
 * keeps content that follows a stray </body></html> outside <body>, and a <body> opened
 * inside <head> (an injected second <html>) stays there.
 */
function prepare(doc: Document, stripUnlikely: boolean, dropStructural = true): Element | Document {
  const body = elementsFirst(doc, 'body');
  // statistics before removal: a box with an "unlikely" class or role that holds most of the
  // page's prose (a Webflow "newsletter" template, an accordion role=tablist) is the article
  const pre = computeStats(doc);
  let total = 0;
  for (const k of doc.children) if (isElement(k)) total += pre.get(k)?.text ?? 0;
  const holdsArticle = (el: Element, ci: string): boolean => {
    const st = pre.get(el);
    return !!st && st.good >= 800 && st.good >= 0.4 * total && st.good >= 0.5 * st.text && linkDensity(st) < 0.3 && !NEVER_PROTECT.test(ci);
  };
  const doomed: AnyNode[] = [];
  const stack: AnyNode[] = [doc as AnyNode];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'comment' || node.type === 'directive' || node.type === 'cdata') {
      doomed.push(node);
      continue;
    }
    if (node.type === 'script' || node.type === 'style') {
      doomed.push(node);
      continue;
    }
    if (isElement(node)) {
      if (node.name === 'head' && body && isAncestor(node, body)) {
        // keep descending: <title>, <meta>… are dropped one by one
      } else {
        const role = attr(node, 'role');
        const roleDrop = !!role && DROP_ROLES.test(role) && (HARD_DROP_ROLES.test(role) || !holdsArticle(node, classAndId(node)));
        const structural = STRUCTURAL_TAGS.has(node.name) || isHidden(node) || roleDrop;
        if ((DROP_TAGS.has(node.name) && !STRUCTURAL_TAGS.has(node.name)) || (dropStructural && structural)) {
          doomed.push(node);
          continue;
        }
        if (stripUnlikely && node.name !== 'body' && node.name !== 'html' && node.name !== 'a' && node.name !== 'article' && node.name !== 'main') {
          const ci = classAndId(node);
          if (ci && UNLIKELY.test(ci) && !MAYBE.test(ci) && !hasAncestorTag(node, 'table', 'code') && !holdsArticle(node, ci)) {
            doomed.push(node);
            continue;
          }
        }
      }
    }
    const kids = (node as ParentNode).children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  for (const n of doomed) removeNode(n);
  return doc;
}

function elementsFirst(root: AnyNode, name: string): Element | null {
  for (const el of elements(root)) if (el.name === name) return el;
  return null;
}

function hasAncestorTag(el: Element, ...names: string[]): boolean {
  let p = el.parent as Element | null;
  let depth = 0;
  while (p && depth++ < 12) {
    if (names.includes(p.name)) return true;
    p = p.parent as Element | null;
  }
  return false;
}

// ---------------------------------------------------------------- scoring

function classWeight(el: Element): number {
  const c = (el.attribs.class ?? '').toLowerCase();
  const i = (el.attribs.id ?? '').toLowerCase();
  let w = 0;
  for (const s of [c, i]) {
    if (!s) continue;
    if (NEGATIVE.test(s)) w -= 25;
    if (POSITIVE.test(s)) w += 25;
  }
  if (STRONG_BODY.test(c) || STRONG_BODY.test(i) || /articlebody/i.test(attr(el, 'itemprop'))) w += 25;
  return w;
}

function baseScore(el: Element, useWeights: boolean): number {
  let s = 0;
  switch (el.name) {
    case 'div': case 'article': case 'main': s = 5; break;
    case 'pre': case 'td': case 'blockquote': s = 3; break;
    case 'address': case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form': s = -3; break;
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th': s = -5; break;
  }
  return s + (useWeights ? classWeight(el) : 0);
}

const PARA_TAGS = new Set(['p', 'pre', 'td', 'blockquote', 'li', 'h2', 'h3', 'h4', 'h5', 'h6', 'dd']);

interface Options {
  /** Drop hidden elements and nav/aside/footer (off in the last retry: unclosed <aside>, streamed hidden roots). */
  dropStructural: boolean;
  stripUnlikely: boolean;
  weightClasses: boolean;
  cleanConditionally: boolean;
}

function pickContent(root: Element | Document, opts: Options): { nodes: AnyNode[]; stats: Map<Element, Stats> } | null {
  const stats = computeStats(root as ParentNode);
  const scores = new Map<Element, number>();
  const touch = (el: Element): number => {
    let s = scores.get(el);
    if (s === undefined) {
      s = baseScore(el, opts.weightClasses);
      scores.set(el, s);
    }
    return s;
  };

  for (const el of elements(root as AnyNode)) {
    const st = stats.get(el);
    if (!st) continue;
    let len: number, commas: number, containers: Element[];
    if (PARA_TAGS.has(el.name)) {
      // a paragraph element: its containers are its ancestors
      if (st.text < 25) continue;
      if (el.name === 'li' && linkDensity(st) > 0.5) continue;
      len = st.text;
      commas = st.commas;
      containers = ancestorsUpTo(el, 5);
    } else if (BLOCK_TAGS.has(el.name) && st.own >= 25) {
      // a div (etc.) holding text runs directly: it is their container, as if wrapped in <p>
      len = st.own;
      commas = st.ownCommas;
      const onlyPhrasing = !hasBlockChild(el);
      containers = onlyPhrasing ? ancestorsUpTo(el, 5) : [el, ...ancestorsUpTo(el, 4)];
    } else continue;
    const score = 1 + commas + Math.min(Math.floor(len / 100), 3);
    containers.forEach((c, level) => {
      const div = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(c, touch(c) + score / div);
    });
  }
  if (scores.size === 0) return null;

  let top: Element | null = null;
  let topScore = -Infinity;
  const ranked: [Element, number][] = [];
  for (const [el, s] of scores) {
    const adj = s * (1 - linkDensity(stats.get(el)));
    scores.set(el, adj);
    ranked.push([el, adj]);
    if (adj > topScore) {
      topScore = adj;
      top = el;
    }
  }
  if (!top) return null;
  ranked.sort((a, b) => b[1] - a[1]);

  // CMS body prior: a strong body container holding most of the top candidate's text wins
  // when it is inside or around the top candidate.
  if (opts.weightClasses) {
    const topText = stats.get(top)?.text ?? 0;
    let best: Element | null = null;
    for (const el of elements(root as AnyNode)) {
      const ci = classAndId(el);
      if (!(STRONG_BODY.test(ci) || /articlebody/i.test(attr(el, 'itemprop')))) continue;
      const st = stats.get(el);
      if (!st || st.text < 200 || linkDensity(st) > 0.5) continue;
      if (!best || st.text > (stats.get(best)?.text ?? 0)) best = el;
    }
    if (best && best !== top) {
      const bt = stats.get(best)!.text;
      if (isAncestor(best, top) || (isAncestor(top, best) && bt >= 0.5 * topText)) top = best;
    }
  }

  // several good candidates sharing an ancestor: take the ancestor
  const alternatives = ranked.slice(1, 6).filter(([el, s]) => s >= topScore * 0.75 && el !== top).map(([el]) => el);
  if (alternatives.length >= 3) {
    let p = top.parent as Element | null;
    while (p && p.name !== 'body' && isElement(p as AnyNode)) {
      const contained = alternatives.filter((a) => isAncestor(p!, a)).length;
      if (contained >= 3) {
        top = p;
        break;
      }
      p = p.parent as Element | null;
    }
  }
  // a parent scoring higher than the candidate is the better container
  {
    let last = scores.get(top) ?? 0;
    const threshold = last / 3;
    let p = top.parent as Element | null;
    while (p && isElement(p as AnyNode) && p.name !== 'body') {
      const ps = scores.get(p);
      if (ps === undefined) {
        p = p.parent as Element | null;
        continue;
      }
      if (ps < threshold) break;
      if (ps > last) {
        top = p;
        break;
      }
      last = ps;
      p = p.parent as Element | null;
    }
  }
  // only child: climb
  while (top.parent && isElement(top.parent as AnyNode) && (top.parent as Element).name !== 'body' && elementChildren(top.parent as Element).length === 1) {
    top = top.parent as Element;
  }

  const beforeClimb = top;
  // Article text split over sibling boxes (page builders, one <section> per heading): climb
  // while each parent adds mostly good paragraph text and little link text. Parents that
  // add only a little (a heading, a byline) are passed through, but the climb is kept only
  // up to the last parent that brought in a real amount of article text.
  for (let cur = top; ; ) {
    const p = cur.parent as Element | null;
    if (!p || !isElement(p as AnyNode) || p.name === 'body' || p.name === 'html') break;
    const cs = stats.get(cur);
    const ps = stats.get(p);
    if (!cs || !ps || linkDensity(ps) > 0.3) break;
    const extraText = ps.text - cs.text;
    const extraGood = ps.good - cs.good;
    const extraLink = ps.link - cs.link;
    const extraHeadings = ps.headings - cs.headings;
    if (extraText > 150) {
      const articleLike =
        extraGood >= 0.7 * extraText &&
        extraLink <= 0.18 * extraText &&
        extraGood >= 0.15 * cs.good &&
        extraText >= 200 * extraHeadings; // not a list of teaser headlines
      if (!articleLike) break;
      top = p;
    } else if (extraLink > 0.5 * extraText) break;
    cur = p;
  }

  // siblings
  const nodes: AnyNode[] = [];
  const parent = top.parent as Element | null;
  const topS = scores.get(top) ?? 0;
  if (!parent || !isElement(parent as AnyNode) || top !== beforeClimb) {
    // after a climb the siblings have been weighed already
    nodes.push(top);
  } else {
    const threshold = Math.max(10, topS * 0.2);
    const topClass = attr(top, 'class');
    for (const sib of parent.children) {
      if (sib === top) {
        nodes.push(sib);
        continue;
      }
      if (!isElement(sib)) continue;
      let bonus = 0;
      if (topClass && attr(sib, 'class') === topClass) bonus += topS * 0.2;
      const ss = scores.get(sib);
      if (ss !== undefined && ss + bonus >= threshold) {
        nodes.push(sib);
        continue;
      }
      const st = stats.get(sib);
      if (!st) continue;
      if (sib.name === 'p' || ((sib.name === 'div' || sib.name === 'section') && !hasBlockChild(sib))) {
        const ld = linkDensity(st);
        if (st.text > 80 && ld < 0.25) nodes.push(sib);
        else if (st.text > 0 && st.text < 80 && ld === 0 && /[.!?؟。]( |$)/.test(collapse(textOfNode(sib)))) nodes.push(sib);
      }
    }
  }
  return { nodes, stats };
}

function ancestorsUpTo(el: Element, n: number): Element[] {
  const out: Element[] = [];
  let p = el.parent as Element | null;
  while (p && out.length < n && isElement(p as AnyNode)) {
    out.push(p);
    if (p.name === 'body') break;
    p = p.parent as Element | null;
  }
  return out;
}

function hasBlockChild(el: Element): boolean {
  for (const k of el.children) if (isElement(k) && DIV_TO_P.has(k.name)) return true;
  return false;
}

function elementChildren(el: Element): Element[] {
  return el.children.filter((k): k is Element => isElement(k));
}

function isAncestor(a: Element, b: Element): boolean {
  let p = b.parent as Element | null;
  while (p) {
    if (p === a) return true;
    p = p.parent as Element | null;
  }
  return false;
}

function textOfNode(n: AnyNode): string {
  const parts: string[] = [];
  for (const el of [n]) {
    const stack: AnyNode[] = [el];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (x.type === 'text') parts.push(x.data);
      const kids = (x as ParentNode).children;
      if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  return parts.join(' ');
}

// ---------------------------------------------------------------- cleaning

/** In-article boilerplate: share bars, related links, newsletter prompts, captions, ads. */
const IN_ARTICLE_JUNK =
  /(?:^|[\s_-])(?:share|sharing|social|sharebar|share-bar|related|newsletter|subscribe|subscription|signup|comments?|caption|credit|ad|ads|advert|advertisement|adsbygoogle|promo|sponsored|outbrain|taboola|recommend(?:ed|ations)?|read-?more|readmore|also-?read|more-?stories|author-?bio|about-?author|author-?box|tags?|tag-?list|breadcrumbs?|print|toolbar|rating|cookie|consent|popup|modal|banner|follow|embed-code|inline-related|most-?read|yarpp|jp-relatedposts|sharedaddy|addtoany|a2a_kit|heateor|addthis|shareaholic|mc4wp|post-?tags|entry-?tags|tagcloud|post-navigation|nav-links|prev-next)(?:$|[\s_-])/;

/** Boxes removed even when they read like prose. */
const STRONG_JUNK = /(?:^|[\s_-])(?:comments?|comment-list|related|newsletter|subscribe|outbrain|taboola|author-?bio|about-?author|cookie|consent)(?:$|[\s_-])/;

function cleanContent(nodes: AnyNode[], stats: Map<Element, Stats>, opts: Options): void {
  // inner elements first (reverse document order), so an outer box is judged without them
  const all: Element[] = [];
  for (const n of nodes) for (const el of elements(n)) all.push(el);
  const rootSet = new Set(nodes);
  const totalText = nodes.reduce((s, n) => s + (isElement(n) ? stats.get(n)?.text ?? 0 : 0), 0);
  for (let i = all.length - 1; i >= 0; i--) {
    const el = all[i]!;
    if (rootSet.has(el) || !el.parent) continue;
    const st = stats.get(el);
    if (!st) continue;
    const ci = classAndId(el);
    const prose = st.text >= 200 && linkDensity(st) < 0.25 && st.p + (st.own >= 100 ? 1 : 0) >= 1;
    if (ci && IN_ARTICLE_JUNK.test(ci) && !STRONG_BODY.test(ci) && st.text < totalText * 0.5 && (!prose || STRONG_JUNK.test(ci))) {
      removeWithStats(el, stats);
      continue;
    }
    if (el.name === 'h1') {
      // the headline is metadata, not body text
      removeWithStats(el, stats);
      continue;
    }
    if ((el.name === 'h2' || el.name === 'h3') && opts.weightClasses && classWeight(el) < 0) {
      removeWithStats(el, stats);
      continue;
    }
    if (!opts.cleanConditionally) continue;
    if (!['div', 'section', 'ul', 'ol', 'table', 'form', 'aside', 'header', 'figure', 'dl'].includes(el.name)) continue;
    if (hasAncestorTag(el, 'code', 'pre')) continue;
    const isList = el.name === 'ul' || el.name === 'ol';
    const weight = opts.weightClasses ? classWeight(el) : 0;
    const ld = linkDensity(st);
    if (weight < 0 && st.text < totalText * 0.5 && (!prose || STRONG_JUNK.test(ci))) {
      removeWithStats(el, stats);
      continue;
    }
    if (st.commas >= 10) continue;
    const p = st.p;
    const hasHeading = st.headings > 0;
    let remove = false;
    if (st.img > 1 && p / st.img < 0.5 && el.name !== 'figure') remove = true;
    else if (!isList && st.li - 100 > p) remove = true;
    else if (st.input > Math.floor(p / 3)) remove = true;
    else if (!isList && st.text < 25 && (st.img === 0 || st.img > 2) && !hasHeading && el.name !== 'figure') remove = true;
    else if (!isList && weight < 25 && ld > 0.2) remove = true;
    else if (weight >= 25 && ld > 0.5) remove = true;
    else if ((st.embed === 1 && st.text < 75) || st.embed > 1) remove = true;
    // a list that is nearly all links with short items is navigation; a linked list of
    // described items ("Course – what you learn") inside the article is content
    else if (isList && ld > 0.8 && st.text < 60 * Math.max(1, st.li)) remove = true;
    if (remove && st.text > totalText * 0.6) remove = false;
    if (remove) removeWithStats(el, stats);
  }
}

// ---------------------------------------------------------------- rendering

const RENDER_BLOCK = new Set([...BLOCK_TAGS, 'br']);

/** Renders kept nodes to paragraphs: block boundaries and <br> split, whitespace collapsed. */
function render(nodes: AnyNode[], titles: Set<string> = new Set()): string {
  const paras: { text: string; link: number }[] = [];
  let buf: string[] = [];
  let linkChars = 0;
  const flush = () => {
    const t = collapse(buf.join(''));
    if (t) paras.push({ text: t, link: Math.min(t.length, linkChars) });
    buf = [];
    linkChars = 0;
  };
  const stack: { node: AnyNode; exit: boolean; inLink: boolean }[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push({ node: nodes[i]!, exit: false, inLink: false });
  while (stack.length > 0) {
    const { node, exit, inLink } = stack.pop()!;
    if (node.type === 'text') {
      buf.push(node.data);
      if (inLink) linkChars += collapse(node.data).length;
      continue;
    }
    if (!isElement(node)) {
      const kids = (node as ParentNode).children;
      if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, exit: false, inLink });
      continue;
    }
    if (node.type === 'script' || node.type === 'style') continue;
    const block = RENDER_BLOCK.has(node.name);
    if (exit) {
      if (block) flush();
      continue;
    }
    if (block) flush();
    if (node.name === 'td' || node.name === 'th') buf.push(' ');
    if (node.name === 'img' || node.name === 'br' || node.name === 'hr') continue;
    stack.push({ node, exit: true, inLink });
    const childLink = inLink || node.name === 'a';
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, exit: false, inLink: childLink });
  }
  flush();
  const out: string[] = [];
  // a page that is one paragraph repeated is left alone; otherwise repeats are copies
  const seen: Set<string> | null = new Set(paras.filter((p) => p.text.length >= 60).map((p) => p.text)).size >= 3 ? new Set() : null;
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i]!;
    // the headline repeated at the top of the body (a styled <span>/<div>, not an <h1>)
    if (i < 3 && out.length === 0 && titles.size > 0 && titles.has(titleKey(p.text))) continue;
    // the same long paragraph twice: a responsive duplicate (mobile/desktop copy), a pull quote
    if (seen && p.text.length >= 60) {
      if (seen.has(p.text)) continue;
      seen.add(p.text);
    }
    if (INSERT_LINE.test(p.text) && p.text.length < 250) continue;
    if (AMBIGUOUS_INSERT.test(p.text) && (p.text.length < 40 || (p.text.length < 160 && SOCIAL_WORDS.test(p.text)))) continue;
    if (SOURCE_LINE.test(p.text) && p.text.length < 80 && i >= paras.length - 2) continue;
    const words = p.text.split(' ').length;
    // a short paragraph that is all link: a "read also" headline or a tag line
    if (p.link >= p.text.length * 0.9 && words < 15 && paras.length > 3) continue;
    out.push(p.text);
  }
  return out.join('\n\n');
}

// ---------------------------------------------------------------- entry

const ATTEMPTS: Options[] = [
  { dropStructural: true, stripUnlikely: true, weightClasses: true, cleanConditionally: true },
  { dropStructural: true, stripUnlikely: false, weightClasses: true, cleanConditionally: true },
  { dropStructural: true, stripUnlikely: false, weightClasses: false, cleanConditionally: true },
  { dropStructural: false, stripUnlikely: true, weightClasses: true, cleanConditionally: true },
  { dropStructural: false, stripUnlikely: false, weightClasses: false, cleanConditionally: false },
];

/** Comparable form of a headline: letters and digits only (quotes, dashes, tatweel dropped). */
function titleKey(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Headline candidates of a page: <title> (and its part before a " | Site" suffix), og:title, <h1>. */
function pageTitles(doc: Document): Set<string> {
  const out = new Set<string>();
  const add = (t: string | undefined) => {
    if (!t) return;
    const k = titleKey(t);
    if (k.length >= 15) out.add(k);
  };
  for (const el of elements(doc as AnyNode)) {
    if (el.name === 'title' || el.name === 'h1') {
      const t = collapse(textOfNode(el));
      add(t);
      const cut = /^(.*\S)\s+[|\-–—:]\s+[^|\-–—]{2,60}$/.exec(t);
      if (cut) add(cut[1]);
    } else if (el.name === 'meta') {
      const prop = attr(el, 'property') || attr(el, 'name');
      if (/^(?:og|twitter):title$/i.test(prop)) add(attr(el, 'content'));
    }
  }
  return out;
}

/** Word-ish length: enough text to stop retrying with looser settings. */
const ENOUGH_CHARS = 500;

/**
 * Extracts the main text of an article page. `doc` is consumed (mutated); `html` is
 * re-parsed for the looser retries when the first pass finds too little text.
 */
export function extractMainText(doc: Document, html: string): string {
  let best = '';
  const titles = pageTitles(doc);
  for (let i = 0; i < ATTEMPTS.length; i++) {
    const opts = ATTEMPTS[i]!;
    const d = i === 0 ? doc : parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
    const root = prepare(d, opts.stripUnlikely, opts.dropStructural);
    const picked = pickContent(root, opts);
    if (!picked) continue;
    cleanContent(picked.nodes, picked.stats, opts);
    const text = render(picked.nodes, titles);
    if (text.length > best.length) best = text;
    if (best.length >= ENOUGH_CHARS) break;
  }
  return best;
}
