/**
 * Marsad's workbench in the browser: a plain ES module, no framework, no bundler.
 *
 * Views, chosen by the URL's hash: `#/` home (counts, latest articles), `#/search?q=…` search
 * with outlet and date facets, `#/article/ID` one article with its annotations highlighted,
 * `#/entity/ID` one entity with the merge/split form, `#/entities?type=…` the entity list.
 *
 * Safety: every value from the API is inserted as text (`h()` builds elements and text
 * nodes; nothing here assigns innerHTML). The one piece of markup the API sends, the `<mark>`
 * of search snippets inside otherwise HTML-escaped text, is rebuilt by `snippetNodes()` into
 * text nodes and <mark> elements, so nothing else in a snippet can become markup.
 */
import { translate } from './i18n.js';

const LANG_KEY = 'marsad.lang';
const PAGE_SIZE = 20;
/** How many of the best results the facets are counted over. */
const FACET_SAMPLE = 200;
const ENTITY_TYPES = ['PERSON', 'ORG', 'LOCATION'];

let lang = readLang();
/** The write token typed on an entity page, kept in memory only (never stored). */
let writeToken = '';
let writeAuthor = '';
/** A message to show after the next render (the outcome of a correction). */
let flash = null;
/** Incremented on each render, so a slow answer for an older view is dropped. */
let renderSeq = 0;

// ---------------------------------------------------------------------------------------
// Small helpers

function readLang() {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'ar';
  } catch {
    return 'ar';
  }
}

function t(key, vars) {
  return translate(lang, key, vars);
}

/**
 * Builds an element: `h('a', { href, class: 'x', onclick: fn }, 'text', child)`. Strings
 * become text nodes; null, undefined and false children are skipped; arrays are flattened.
 */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Text that may be in any script, isolated so it does not reorder its neighbours. */
function bdi(text, attrs = {}) {
  return h('bdi', attrs, text);
}

/** Latin text (ids, URLs, codes) kept left-to-right inside right-to-left lines. */
function ltr(text, attrs = {}) {
  return h('bdi', { dir: 'ltr', class: 'ltr', ...attrs }, text);
}

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&#34;': '"' };

/**
 * The nodes of a search snippet: HTML-escaped text with `<mark>…</mark>` around matches.
 * Only those two tags become elements; every other character stays text.
 * @example snippetNodes('a &lt;b&gt; <mark>c</mark>') // ['a <b> ', <mark>c</mark>]
 */
export function snippetNodes(snippet) {
  const nodes = [];
  let inMark = false;
  for (const part of String(snippet).split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') inMark = true;
    else if (part === '</mark>') inMark = false;
    else if (part) {
      const text = part.replace(/&(?:amp|lt|gt|quot|#39|#x27|#34);/g, (m) => ENTITIES[m]);
      nodes.push(inMark ? h('mark', {}, text) : document.createTextNode(text));
    }
  }
  return nodes;
}

/** The date part of a stored date or date-time, shown in the interface's language. */
function formatDate(value) {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const locale = lang === 'ar' ? 'ar-u-nu-latn' : 'en-GB';
  try {
    return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(date);
  } catch {
    return m[0];
  }
}

function dateEl(value) {
  const shown = formatDate(value);
  return shown ? h('time', { datetime: value, title: value }, shown) : t('common.none');
}

function typeLabel(type) {
  return t(`type.${type}`);
}

function articleHref(id) {
  return `#/article/${encodeURIComponent(id)}`;
}

function entityHref(id) {
  return `#/entity/${encodeURIComponent(id)}`;
}

function searchHref(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return `#/search${s ? `?${s}` : ''}`;
}

function isHttpUrl(s) {
  return typeof s === 'string' && /^https?:\/\//i.test(s);
}

// ---------------------------------------------------------------------------------------
// The API

/** An answer other than 2xx: the problem document (RFC 9457) when the API sent one. */
class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function api(path, init = {}) {
  let res;
  try {
    res = await fetch(path, { ...init, headers: { accept: 'application/json', ...(init.headers ?? {}) } });
  } catch (err) {
    throw new ApiError(0, { title: t('common.unreachable'), detail: String(err?.message ?? err) });
  }
  const type = res.headers.get('content-type') ?? '';
  const body = /json/.test(type) ? await res.json().catch(() => null) : await res.text();
  if (!res.ok) throw new ApiError(res.status, typeof body === 'object' && body ? body : { title: `HTTP ${res.status}`, detail: String(body).slice(0, 300) });
  return body;
}

/** A box showing a problem: its title, detail, the parameter it names and its code. */
function problemBox(err, heading = t('common.error')) {
  const p = err instanceof ApiError ? err.problem : { title: String(err?.message ?? err) };
  return h(
    'div',
    { class: 'problem', role: 'alert' },
    h('strong', {}, heading),
    p.title && p.title !== heading ? h('div', { class: 'problem-title' }, bdi(p.title)) : null,
    p.detail ? h('div', { class: 'problem-detail' }, bdi(p.detail)) : null,
    p.param ? h('div', { class: 'problem-param' }, t('problem.param', { param: '' }), ltr(p.param)) : null,
    p.code ? h('div', { class: 'problem-code' }, t('problem.code', { code: '' }), ltr(p.code)) : null,
  );
}

// ---------------------------------------------------------------------------------------
// Language

function applyLanguage() {
  const root = document.documentElement;
  root.lang = lang;
  root.dir = lang === 'ar' ? 'rtl' : 'ltr';
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  const toggle = document.getElementById('lang-toggle');
  if (toggle) {
    toggle.lang = lang === 'ar' ? 'en' : 'ar';
    toggle.setAttribute('aria-pressed', String(lang === 'en'));
  }
}

function toggleLanguage() {
  lang = lang === 'ar' ? 'en' : 'ar';
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  applyLanguage();
  render();
}

// ---------------------------------------------------------------------------------------
// Routing

function currentRoute() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = hash.split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return { parts, params };
}

async function render() {
  const seq = ++renderSeq;
  const view = document.getElementById('view');
  const { parts, params } = currentRoute();
  const [name, id] = parts;
  for (const a of document.querySelectorAll('nav a')) {
    const target = a.getAttribute('href').replace(/^#\/?/, '');
    a.classList.toggle('active', (name ?? '') === target || (name === 'entity' && target === 'entities'));
  }
  const content = h('div', { class: 'view-body' });
  view.replaceChildren(h('p', { class: 'loading' }, t('common.loading')));
  let title = t('app.name');
  try {
    if (!name) title = await homeView(content);
    else if (name === 'search') title = await searchView(content, params);
    else if (name === 'article' && id) title = await articleView(content, id);
    else if (name === 'entity' && id) title = await entityView(content, id);
    else if (name === 'entities') title = await entitiesView(content, params);
    else content.append(h('h1', {}, t('common.not_found')));
  } catch (err) {
    content.replaceChildren(problemBox(err));
  }
  if (seq !== renderSeq) return; // a newer view was asked for meanwhile
  view.replaceChildren(content);
  view.dataset.view = name ?? 'home';
  document.title = title === t('app.name') ? title : `${title} · ${t('app.name')}`;
  document.body.dataset.ready = String(seq);
}

// ---------------------------------------------------------------------------------------
// Home

async function homeView(root) {
  const [stats, latest] = await Promise.all([api('/api/stats'), api('/api/articles?limit=10')]);
  const card = (key, n, href) =>
    h(href ? 'a' : 'div', { class: 'stat', href, dataset: { stat: key } }, h('span', { class: 'stat-n' }, String(n)), h('span', { class: 'stat-label' }, t(`home.${key}`)));
  root.append(
    h('h1', {}, t('home.title')),
    h('p', { class: 'tagline' }, t('app.tagline')),
    h(
      'div',
      { class: 'stats' },
      card('articles', stats.articles, '#/search'),
      card('entities', stats.entities.total, '#/entities'),
      card('persons', stats.entities.PERSON, '#/entities?type=PERSON'),
      card('orgs', stats.entities.ORG, '#/entities?type=ORG'),
      card('locations', stats.entities.LOCATION, '#/entities?type=LOCATION'),
      card('quotes', stats.quotes, null),
    ),
    h('h2', {}, t('home.latest')),
    latest.items.length
      ? h('ol', { class: 'article-list' }, latest.items.map((a) => h('li', {}, articleLine(a))))
      : h('p', { class: 'empty' }, t('home.empty')),
  );
  return t('home.title');
}

function articleLine(a) {
  return [
    h('a', { href: articleHref(a.id), class: 'article-link', dir: 'auto' }, a.title ?? t('article.untitled')),
    h('span', { class: 'meta' }, bdi(a.site ?? t('common.unknown_outlet')), ' · ', dateEl(a.published)),
  ];
}

// ---------------------------------------------------------------------------------------
// Search

/** The query sent to the API: the words typed, then the facet filters in the query language. */
function composeQuery({ q, site, from, to }) {
  const parts = [];
  if (q) parts.push(q.trim());
  if (site) parts.push(`site:"${site.replace(/"/g, '')}"`);
  if (from) parts.push(`from:${from}`);
  if (to) parts.push(`to:${to}`);
  return parts.join(' ');
}

async function searchView(root, params) {
  const state = {
    q: params.get('q') ?? '',
    site: params.get('site') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  // `size` (results a page) is kept in the links when given: `#/search?q=…&size=5`.
  const size = Number(params.get('size'));
  if (Number.isInteger(size) && size >= 1 && size <= 200) state.size = String(size);
  const limit = state.size ? Number(state.size) : PAGE_SIZE;
  const pages = (params.get('pages') ?? '').split(',').filter(Boolean);
  const go = (next) => {
    location.hash = searchHref({ ...state, pages: '', ...next });
  };

  const input = h('input', { type: 'search', name: 'q', value: state.q, dir: 'auto', placeholder: t('search.placeholder'), 'aria-label': t('search.title'), autocomplete: 'off' });
  const form = h(
    'form',
    { class: 'search-form', role: 'search', onsubmit: (e) => (e.preventDefault(), go({ q: input.value.trim() })) },
    input,
    h('button', { type: 'submit' }, t('search.submit')),
  );
  root.append(h('h1', {}, t('search.title')), form, h('p', { class: 'help' }, t('search.help')));

  const full = composeQuery(state);
  if (!full) {
    root.append(h('p', { class: 'empty' }, t('search.prompt')));
    queueMicrotask(() => input.focus());
    return t('search.title');
  }

  const cursor = pages.at(-1);
  const pageUrl = `/api/search?q=${encodeURIComponent(full)}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
  const facetQuery = composeQuery({ q: state.q });
  const [results, sample] = await Promise.all([
    api(pageUrl),
    facetQuery ? api(`/api/search?q=${encodeURIComponent(facetQuery)}&limit=${FACET_SAMPLE}`).catch(() => null) : null,
  ]);

  // Active filters, each removable.
  const active = [];
  if (state.site) active.push(['site', `${t('facet.outlet')}: `, state.site]);
  if (state.from) active.push(['from', `${t('facet.from')}: `, state.from]);
  if (state.to) active.push(['to', `${t('facet.to')}: `, state.to]);
  const filters = active.length
    ? h(
        'div',
        { class: 'active-filters', 'aria-label': t('search.filters') },
        active.map(([key, label, value]) =>
          h('span', { class: 'chip filter', dataset: { filter: key } }, label, bdi(value), ' ', h('a', { href: searchHref({ ...state, [key]: '' }), class: 'remove', title: t('search.remove_filter'), 'aria-label': t('search.remove_filter') }, '×')),
        ),
      )
    : null;

  const list = results.items.length
    ? h(
        'ol',
        { class: 'results', start: String(pages.length * limit + 1) },
        results.items.map((hit) =>
          h(
            'li',
            { class: 'result', dataset: { id: hit.id } },
            h('a', { href: articleHref(hit.id), class: 'result-title', dir: 'auto' }, hit.title ?? t('article.untitled')),
            h('div', { class: 'meta' }, h('span', { class: 'outlet' }, bdi(hit.site ?? t('common.unknown_outlet'))), ' · ', dateEl(hit.published)),
            h('p', { class: 'snippet', dir: 'rtl', lang: 'ar' }, snippetNodes(hit.snippet)),
          ),
        ),
      )
    : h('p', { class: 'empty' }, t('search.none'));

  const pager = h(
    'nav',
    { class: 'pager', 'aria-label': t('common.page', { n: pages.length + 1 }) },
    pages.length ? h('a', { href: searchHref({ ...state, pages: pages.slice(0, -1).join(',') }), class: 'prev', rel: 'prev' }, t('common.prev')) : null,
    h('span', { class: 'page-n' }, t('common.page', { n: pages.length + 1 })),
    results.next_cursor ? h('a', { href: searchHref({ ...state, pages: [...pages, results.next_cursor].join(',') }), class: 'next', rel: 'next' }, t('common.next')) : null,
  );

  root.append(
    h(
      'div',
      { class: 'search-layout' },
      h('aside', { class: 'facets' }, facets(state, sample, go)),
      h('section', { class: 'search-results', 'aria-label': t('search.results') }, filters, h('p', { class: 'count' }, t('search.count', { n: results.items.length })), list, pager),
    ),
  );
  return `${t('search.title')}: ${state.q || full}`;
}

function facets(state, sample, go) {
  const items = sample?.items ?? [];
  const outlets = new Map();
  const years = new Map();
  for (const hit of items) {
    if (hit.site) outlets.set(hit.site, (outlets.get(hit.site) ?? 0) + 1);
    const y = /^\d{4}/.exec(hit.published ?? '')?.[0];
    if (y) years.set(y, (years.get(y) ?? 0) + 1);
  }
  const facetLink = (label, n, href, selected, key) =>
    h('li', {}, h('a', { href, class: selected ? 'facet selected' : 'facet', 'aria-current': selected ? 'true' : null, dataset: { facet: key } }, bdi(label), ' ', h('span', { class: 'n' }, String(n))));

  const outletList = outlets.size
    ? h(
        'ul',
        { class: 'facet-list', dataset: { facetGroup: 'outlet' } },
        [...outlets].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([site, n]) =>
          facetLink(site, n, searchHref({ ...state, site: state.site === site ? '' : site }), state.site === site, `site:${site}`),
        ),
      )
    : h('p', { class: 'empty' }, t('facet.no_outlets'));

  const yearList = h(
    'ul',
    { class: 'facet-list', dataset: { facetGroup: 'year' } },
    [...years].sort((a, b) => b[0].localeCompare(a[0])).map(([y, n]) => {
      const selected = state.from === y && state.to === y;
      return facetLink(y, n, searchHref({ ...state, from: selected ? '' : y, to: selected ? '' : y }), selected, `year:${y}`);
    }),
  );

  const from = h('input', { name: 'from', value: state.from, placeholder: 'YYYY-MM-DD', dir: 'ltr', size: '10', inputmode: 'numeric', 'aria-label': t('facet.from') });
  const to = h('input', { name: 'to', value: state.to, placeholder: 'YYYY-MM-DD', dir: 'ltr', size: '10', inputmode: 'numeric', 'aria-label': t('facet.to') });
  const dateForm = h(
    'form',
    { class: 'date-range', onsubmit: (e) => (e.preventDefault(), go({ from: from.value.trim(), to: to.value.trim() })) },
    h('label', {}, t('facet.from'), ' ', from),
    h('label', {}, t('facet.to'), ' ', to),
    h('button', { type: 'submit' }, t('facet.apply')),
    state.from || state.to ? h('a', { href: searchHref({ ...state, from: '', to: '' }), class: 'clear' }, t('facet.clear')) : null,
  );

  return [
    h('section', { class: 'facet' }, h('h2', {}, t('facet.outlet')), outletList),
    h('section', { class: 'facet' }, h('h2', {}, t('facet.date')), h('h3', {}, t('facet.years')), yearList, dateForm),
    items.length ? h('p', { class: 'facet-note' }, t('facet.sample', { n: items.length })) : null,
  ];
}

// ---------------------------------------------------------------------------------------
// Article

/**
 * The article's text as paragraphs of nodes, each stretch of text wrapped in what covers it:
 * a quote (outermost), a date, an entity mention (a link to its entity). Spans may overlap
 * (a name inside a quote): the text is cut at every span boundary and each piece is wrapped in
 * all the spans that cover it.
 */
function annotatedText(text, entities, quotes, timexes) {
  const spans = [];
  for (const e of entities) for (const m of e.mentions) spans.push({ kind: 'entity', start: m.start, end: m.end, entity: e });
  quotes.forEach((q, i) => spans.push({ kind: 'quote', start: q.start, end: q.end, quote: q, index: i }));
  timexes.forEach((d, i) => spans.push({ kind: 'date', start: d.start, end: d.end, timex: d, index: i }));
  const valid = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.end <= text.length);

  const paragraphs = [];
  const sep = /\n[ \t]*\n\s*/g;
  let at = 0;
  for (const m of text.matchAll(sep)) {
    paragraphs.push([at, m.index]);
    at = m.index + m[0].length;
  }
  paragraphs.push([at, text.length]);

  return paragraphs
    .filter(([a, b]) => b > a)
    .map(([pStart, pEnd]) => {
      const inside = valid.filter((s) => s.start < pEnd && s.end > pStart);
      const cuts = new Set([pStart, pEnd]);
      for (const s of inside) {
        cuts.add(Math.max(s.start, pStart));
        cuts.add(Math.min(s.end, pEnd));
      }
      const points = [...cuts].sort((a, b) => a - b);
      const nodes = [];
      for (let i = 0; i + 1 < points.length; i++) {
        const [a, b] = [points[i], points[i + 1]];
        const cover = inside.filter((s) => s.start <= a && s.end >= b);
        nodes.push(wrapPiece(text.slice(a, b), cover));
      }
      return h('p', { dir: 'auto' }, nodes);
    });
}

function wrapPiece(piece, cover) {
  let node = document.createTextNode(piece);
  const entity = cover.filter((s) => s.kind === 'entity').sort((x, y) => x.end - x.start - (y.end - y.start))[0];
  if (entity) {
    const e = entity.entity;
    node = h(
      'a',
      { href: entityHref(e.id), class: `ent ent-${e.type}`, title: `${e.label}${e.label_en ? ` (${e.label_en})` : ''} — ${typeLabel(e.type)}`, dataset: { entity: e.id, type: e.type } },
      node,
    );
  }
  const date = cover.find((s) => s.kind === 'date');
  if (date) node = h('span', { class: 'date', title: date.timex.value ?? date.timex.text, dataset: { date: date.timex.value ?? '' } }, node);
  const quote = cover.find((s) => s.kind === 'quote');
  if (quote) {
    const q = quote.quote;
    const who = q.speaker ? t('quote.speaker', { name: q.speaker.label }) : t('quote.unknown_speaker');
    node = h('span', { class: 'quote', title: q.cue ? `${who} — ${t('quote.cue', { cue: q.cue })}` : who, dataset: { quote: String(quote.index), speaker: q.speaker?.id ?? '' } }, node);
  }
  return node;
}

function legend(hasDates) {
  const item = (cls, label) => h('li', {}, h('span', { class: `swatch ${cls}` }, ' '), ' ', label);
  return h(
    'ul',
    { class: 'legend', 'aria-label': t('legend.title') },
    ENTITY_TYPES.map((type) => item(`ent ent-${type}`, typeLabel(type))),
    item('quote', t('legend.quote')),
    hasDates ? item('date', t('legend.date')) : null,
  );
}

async function articleView(root, id) {
  const detail = await api(`/api/articles/${encodeURIComponent(id)}`);
  const a = detail.article;
  const timexes = Array.isArray(detail.timexes) ? detail.timexes : [];
  const row = (key, value) => (value === null || value === undefined || value === '' ? null : [h('dt', {}, t(key)), h('dd', {}, value)]);
  const meta = h(
    'dl',
    { class: 'meta-block' },
    row('article.outlet', a.site ? bdi(a.site) : null),
    row('article.published', a.published ? dateEl(a.published) : null),
    row('article.author', a.author ? bdi(a.author) : null),
    row('article.section', a.section ? bdi(a.section) : null),
    row('article.tags', a.tags?.length ? a.tags.map((tag) => h('span', { class: 'chip tag' }, bdi(tag))) : null),
    row('article.url', a.url ? (isHttpUrl(a.url) ? h('a', { href: a.url, rel: 'noopener noreferrer nofollow', target: '_blank', dir: 'ltr' }, a.url) : ltr(a.url)) : null),
    row('article.source', ltr(detail.source)),
    row('article.lang', ltr(a.lang)),
    row('article.id', ltr(detail.id)),
    row('article.stored', dateEl(detail.createdAt)),
    row('article.updated', detail.updatedAt !== detail.createdAt ? dateEl(detail.updatedAt) : null),
  );

  const byType = ENTITY_TYPES.map((type) => [type, detail.entities.filter((e) => e.type === type)]).filter(([, list]) => list.length);
  const chips = byType.length
    ? byType.map(([type, list]) =>
        h(
          'div',
          { class: 'chip-group' },
          h('h3', {}, typeLabel(type)),
          list.map((e) =>
            h('a', { href: entityHref(e.id), class: `chip ent ent-${e.type}`, dataset: { entity: e.id } }, bdi(e.label), e.mentions.length > 1 ? h('span', { class: 'n' }, ` ${e.mentions.length}`) : null),
          ),
        ),
      )
    : h('p', { class: 'empty' }, t('article.no_entities'));

  const quotes = detail.quotes.length
    ? h(
        'ol',
        { class: 'quote-list' },
        detail.quotes.map((q) => h('li', {}, h('blockquote', { dir: 'auto' }, q.text), h('div', { class: 'meta' }, speakerEl(q), q.cue ? [' · ', t('quote.cue', { cue: '' }), bdi(q.cue)] : null))),
      )
    : h('p', { class: 'empty' }, t('article.no_quotes'));

  root.append(
    h(
      'article',
      { class: 'article-view' },
      h('h1', { dir: 'auto', lang: a.lang }, a.title ?? t('article.untitled')),
      h('div', { class: 'article-layout' },
        h('div', { class: 'article-main' },
          legend(timexes.length > 0),
          h('div', { class: 'article-text', lang: a.lang, dir: a.lang === 'ar' ? 'rtl' : 'auto' }, annotatedText(a.text, detail.entities, detail.quotes, timexes)),
          h('h2', {}, t('article.quotes')),
          quotes,
          timexes.length
            ? [h('h2', {}, t('article.dates')), h('ul', { class: 'date-list' }, timexes.map((d) => h('li', {}, bdi(d.text), ': ', ltr(d.value ?? '?'))))]
            : null,
        ),
        h('aside', { class: 'article-side' }, h('h2', {}, t('article.meta')), meta, h('h2', {}, t('article.entities')), chips),
      ),
    ),
  );
  return a.title ?? t('article.title');
}

function speakerEl(q) {
  if (!q.speaker) return t('quote.unknown_speaker');
  return q.speaker.id ? h('a', { href: entityHref(q.speaker.id), class: 'speaker' }, bdi(q.speaker.label)) : bdi(q.speaker.label);
}

// ---------------------------------------------------------------------------------------
// Entity

async function entityView(root, id) {
  const { entity: e, quotes, quotes_next_cursor } = await api(`/api/entities/${encodeURIComponent(id)}`);
  if (e.id !== id) history.replaceState(null, '', entityHref(e.id)); // an id merged away answers with the kept entity

  const row = (key, value) => (value === null || value === undefined || value === '' ? null : [h('dt', {}, t(key)), h('dd', {}, value)]);
  const aliases = [...e.aliases].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
  const table = (cls, headers, rows) =>
    h('table', { class: cls }, h('thead', {}, h('tr', {}, headers.map((k) => h('th', { scope: 'col' }, t(k))))), h('tbody', {}, rows));

  const quoteList = h('ol', { class: 'quote-list entity-quotes' }, quotes.map(quoteItem));
  let nextCursor = quotes_next_cursor;
  const more = h('button', {
    type: 'button',
    class: 'more',
    onclick: async () => {
      more.disabled = true;
      try {
        const page = await api(`/api/quotes?speaker=${encodeURIComponent(e.id)}&cursor=${encodeURIComponent(nextCursor)}`);
        append(quoteList, page.items.map(quoteItem));
        nextCursor = page.next_cursor;
        more.hidden = !nextCursor;
      } catch (err) {
        more.after(problemBox(err));
      } finally {
        more.disabled = false;
      }
    },
  }, t('entity.more_quotes'));
  more.hidden = !nextCursor;

  root.append(
    h(
      'div',
      { class: 'entity-view', dataset: { entity: e.id } },
      h('header', { class: 'entity-head' },
        h('h1', { dir: 'auto' }, bdi(e.label)),
        e.label_en ? h('p', { class: 'label-en', lang: 'en', dir: 'ltr' }, e.label_en) : null,
        h('span', { class: `chip ent ent-${e.type} type-badge` }, typeLabel(e.type)),
      ),
      h('dl', { class: 'meta-block' },
        row('entity.id', ltr(e.id)),
        row('entity.label_en', e.label_en ? ltr(e.label_en) : null),
        row('entity.country', e.country ? ltr(e.country) : null),
        row('entity.wikidata', e.wikidata ? (/^Q\d+$/.test(e.wikidata) ? h('a', { href: `https://www.wikidata.org/wiki/${e.wikidata}`, rel: 'noopener noreferrer', target: '_blank', dir: 'ltr' }, e.wikidata) : ltr(e.wikidata)) : null),
        row('entity.sectors', e.sectors.length ? ltr(e.sectors.join(', ')) : null),
        row('entity.articles', String(e.articles)),
      ),
      h('div', { class: 'entity-grid' },
        h('section', { class: 'aliases' }, h('h2', {}, t('entity.aliases')),
          table('alias-table', ['entity.alias', 'entity.count'], aliases.map((a) => h('tr', { dataset: { alias: a.text } }, h('td', { dir: 'auto' }, bdi(a.text)), h('td', { class: 'num' }, String(a.count)))))),
        h('section', { class: 'roles' }, h('h2', {}, t('entity.roles')),
          e.roles.length
            ? table('role-table', ['entity.role', 'entity.first_seen', 'entity.last_seen', 'entity.count'], e.roles.map((r) =>
                h('tr', {}, h('td', { dir: 'auto' }, bdi(r.role)), h('td', {}, dateEl(r.first_seen)), h('td', {}, dateEl(r.last_seen)), h('td', { class: 'num' }, String(r.count)))))
            : h('p', { class: 'empty' }, t('entity.no_roles'))),
        h('section', { class: 'cooccurring' }, h('h2', {}, t('entity.cooccurring')),
          e.cooccurring.length
            ? h('div', { class: 'chips' }, e.cooccurring.map((label) => h('a', { href: searchHref({ q: `"${label.replace(/"/g, '')}"` }), class: 'chip' }, bdi(label))))
            : h('p', { class: 'empty' }, t('entity.no_cooccurring'))),
      ),
      h('section', { class: 'quotes' }, h('h2', {}, t('entity.quotes')), quotes.length ? quoteList : h('p', { class: 'empty' }, t('entity.no_quotes')), more),
      correctionForm(e),
    ),
  );
  return e.label;
}

function quoteItem(q) {
  return h(
    'li',
    { class: 'quote-item', dataset: { article: q.article_id } },
    h('blockquote', { dir: 'auto' }, q.text),
    h('div', { class: 'meta' }, h('a', { href: articleHref(q.article_id), class: 'article-link', dir: 'auto' }, q.title ?? t('article.untitled')), ' · ', dateEl(q.published)),
  );
}

/** The merge and split controls; both need the write token the user types. */
function correctionForm(e) {
  const status = h('div', { class: 'correction-status', role: 'status', 'aria-live': 'polite' });
  if (flash && flash.entity === e.id) {
    status.append(flash.node);
    flash = null;
  }
  const token = h('input', { type: 'password', name: 'token', value: writeToken, autocomplete: 'off', dir: 'ltr', required: true, oninput: () => (writeToken = token.value) });
  const by = h('input', { type: 'text', name: 'by', value: writeAuthor, autocomplete: 'off', dir: 'auto', oninput: () => (writeAuthor = by.value) });

  const send = async (path, body, onDone, form) => {
    status.replaceChildren();
    if (!form.reportValidity() || !token.reportValidity()) return;
    const buttons = form.querySelectorAll('button');
    buttons.forEach((b) => (b.disabled = true));
    try {
      const result = await api(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token.value.trim()}` },
        body: JSON.stringify({ ...body, ...(by.value.trim() ? { by: by.value.trim() } : {}) }),
      });
      onDone(result);
    } catch (err) {
      status.replaceChildren(problemBox(err, t('correct.failed')));
    } finally {
      buttons.forEach((b) => (b.disabled = false));
    }
  };

  const from = h('input', { type: 'text', name: 'from', dir: 'ltr', required: true, autocomplete: 'off', placeholder: 'entity-id' });
  const mergeForm = h(
    'form',
    {
      class: 'merge-form',
      onsubmit: (ev) => {
        ev.preventDefault();
        send(`/api/entities/${encodeURIComponent(e.id)}/merge`, { from: from.value.trim() }, (kept) => {
          flash = { entity: kept.id, node: h('p', { class: 'ok' }, t('correct.merged', { from: from.value.trim(), id: kept.id })) };
          if (location.hash === entityHref(kept.id)) render();
          else location.hash = entityHref(kept.id);
        }, mergeForm);
      },
    },
    h('h3', {}, t('correct.merge')),
    h('label', {}, t('correct.merge_from'), ' ', from),
    h('button', { type: 'submit' }, t('correct.merge_submit')),
  );

  const alias = h('select', { name: 'alias', required: true, dir: 'auto' }, e.aliases.filter((a) => a.count > 0).map((a) => h('option', { value: a.text }, `${a.text} (${a.count})`)));
  const splitForm = h(
    'form',
    {
      class: 'split-form',
      onsubmit: (ev) => {
        ev.preventDefault();
        send(`/api/entities/${encodeURIComponent(e.id)}/split`, { alias: alias.value }, (created) => {
          flash = {
            entity: e.id,
            node: h('p', { class: 'ok' }, t('correct.split_done', { label: created.label }), ' ', h('a', { href: entityHref(created.id), class: 'new-entity' }, t('correct.open_new'))),
          };
          render();
        }, splitForm);
      },
    },
    h('h3', {}, t('correct.split')),
    h('label', {}, t('correct.split_alias'), ' ', alias),
    h('button', { type: 'submit' }, t('correct.split_submit')),
  );

  return h(
    'section',
    { class: 'corrections' },
    h('h2', {}, t('correct.title')),
    h('p', { class: 'help' }, t('correct.help')),
    h('div', { class: 'credentials' }, h('label', {}, t('correct.token'), ' ', token), h('label', {}, t('correct.by'), ' ', by)),
    h('div', { class: 'correction-forms' }, mergeForm, splitForm),
    status,
  );
}

// ---------------------------------------------------------------------------------------
// Entity list

async function entitiesView(root, params) {
  const type = ENTITY_TYPES.includes(params.get('type')) ? params.get('type') : '';
  const pages = (params.get('pages') ?? '').split(',').filter(Boolean);
  const href = (p) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(p)) if (v) q.set(k, v);
    const s = q.toString();
    return `#/entities${s ? `?${s}` : ''}`;
  };
  const cursor = pages.at(-1);
  const page = await api(`/api/entities?limit=${PAGE_SIZE}${type ? `&type=${type}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  root.append(
    h('h1', {}, t('entities.title')),
    h('nav', { class: 'type-filter' }, ['', ...ENTITY_TYPES].map((ty) =>
      h('a', { href: href({ type: ty }), class: `chip${ty ? ` ent ent-${ty}` : ''}${ty === type ? ' selected' : ''}`, 'aria-current': ty === type ? 'true' : null }, ty ? typeLabel(ty) : t('type.all')))),
    page.items.length
      ? h('table', { class: 'entity-table' },
          h('thead', {}, h('tr', {}, ['entity.alias', 'entity.label_en', 'entity.type', 'entity.articles'].map((k) => h('th', { scope: 'col' }, t(k))))),
          h('tbody', {}, page.items.map((e) =>
            h('tr', {}, h('td', {}, h('a', { href: entityHref(e.id), dir: 'auto' }, e.label)), h('td', {}, e.label_en ? ltr(e.label_en) : t('common.none')), h('td', {}, h('span', { class: `chip ent ent-${e.type}` }, typeLabel(e.type))), h('td', { class: 'num' }, String(e.articles))))))
      : h('p', { class: 'empty' }, t('entities.none')),
    h('nav', { class: 'pager' },
      pages.length ? h('a', { href: href({ type, pages: pages.slice(0, -1).join(',') }), class: 'prev', rel: 'prev' }, t('common.prev')) : null,
      h('span', { class: 'page-n' }, t('common.page', { n: pages.length + 1 })),
      page.next_cursor ? h('a', { href: href({ type, pages: [...pages, page.next_cursor].join(',') }), class: 'next', rel: 'next' }, t('common.next')) : null),
  );
  return t('entities.title');
}

// ---------------------------------------------------------------------------------------
// Start

if (typeof document !== 'undefined') {
  document.getElementById('lang-toggle')?.addEventListener('click', toggleLanguage);
  window.addEventListener('hashchange', render);
  applyLanguage();
  render();
}
