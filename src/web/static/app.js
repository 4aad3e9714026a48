/**
 * Marsad's workbench in the browser: a plain ES module, no framework, no bundler.
 *
 * Views, chosen by the URL's hash: `#/` home (counts, latest articles), `#/search?q=…` search
 * with outlet and date facets, `#/article/ID` one article with its annotations highlighted,
 * `#/entity/ID` one entity with the merge/split form, `#/entities?type=…` the entity list,
 * `#/events?actor=…&type=…&from=…&to=…` the events (a timeline chart, the actor network and
 * the list), `#/stories` the stories, `#/story/ID` one story side by side by outlet.
 *
 * The charts are drawn by Apache ECharts (charts.js), loaded only by the events view, from the
 * server's own copy of the pinned package (no CDN).
 *
 * Safety: every value from the API is inserted as text (`h()` builds elements and text
 * nodes; nothing here assigns innerHTML). The one piece of markup the API sends, the `<mark>`
 * of search snippets inside otherwise HTML-escaped text, is rebuilt by `snippetNodes()` into
 * text nodes and <mark> elements, so nothing else in a snippet can become markup.
 */
import { translate } from './i18n.js';
import { loadECharts, networkChart, timelineChart, typeColor } from './charts.js';
import { dyadView } from './dyad.js';
import { ingestView } from './ingest.js';

const LANG_KEY = 'marsad.lang';
const PAGE_SIZE = 20;
/** How many of the best results the facets are counted over. */
const FACET_SAMPLE = 200;
const ENTITY_TYPES = ['PERSON', 'ORG', 'LOCATION'];
/** PLOVER event types, in the order of the filter (cooperation first, conflict last). */
const EVENT_TYPES = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'];
/** How many actors the network shows at most (the most connected). */
const NETWORK_LIMIT = 60;
/** How many articles of a story have their details (title, opening lines) fetched. */
const STORY_ARTICLE_DETAILS = 40;

let lang = readLang();
/** The write token typed on an entity page, kept in memory only (never stored). */
let writeToken = '';
let writeAuthor = '';
/** A message to show after the next render (the outcome of a correction). */
let flash = null;
/** Incremented on each render, so a slow answer for an older view is dropped. */
let renderSeq = 0;
/** The charts of the view on screen, disposed when another view replaces it. */
let liveCharts = [];

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

function eventsHref(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return `#/events${s ? `?${s}` : ''}`;
}

function storyHref(id) {
  return `#/story/${encodeURIComponent(id)}`;
}

/** A label from the dictionary, or `fallback` when it has none (an event mode it does not know). */
function tOr(key, fallback) {
  const s = t(key);
  return s === key ? fallback : s;
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

/**
 * `marsad start` prints an address ending `#/ingest?token=…`: the fragment never reaches a
 * server, and the token is taken into memory and removed from the address bar and history.
 */
function takeTokenFromAddress(parts, params) {
  const token = params.get('token');
  if (token === null) return;
  writeToken = token;
  params.delete('token');
  const rest = params.toString();
  history.replaceState(null, '', `#/${parts.map(encodeURIComponent).join('/')}${rest ? `?${rest}` : ''}`);
}

async function render() {
  const seq = ++renderSeq;
  const view = document.getElementById('view');
  const { parts, params } = currentRoute();
  takeTokenFromAddress(parts, params);
  const [name, id] = parts;
  for (const a of document.querySelectorAll('nav a')) {
    const target = a.getAttribute('href').replace(/^#\/?/, '');
    a.classList.toggle('active', (name ?? '') === target || (name === 'entity' && target === 'entities') || (name === 'story' && target === 'stories'));
  }
  const content = h('div', { class: 'view-body' });
  view.replaceChildren(h('p', { class: 'loading' }, t('common.loading')));
  let title = t('app.name');
  /** What the view does once it is on screen (drawing its charts needs their size). */
  const mounted = [];
  const ctx = { onMount: (fn) => mounted.push(fn), current: () => seq === renderSeq };
  try {
    if (!name) title = await homeView(content);
    else if (name === 'search') title = await searchView(content, params);
    else if (name === 'article' && id) title = await articleView(content, id);
    else if (name === 'entity' && id) title = await entityView(content, id);
    else if (name === 'entities') title = await entitiesView(content, params);
    else if (name === 'events') title = await eventsView(content, params, ctx);
    else if (name === 'stories') title = await storiesView(content, params);
    else if (name === 'story' && id) title = await storyView(content, id);
    else if (name === 'dyad') title = await dyadView(content, params, ctx, dyadKit());
    else if (name === 'ingest') title = await ingestView(content, params, ctx, ingestKit());
    else content.append(h('h1', {}, t('common.not_found')));
  } catch (err) {
    content.replaceChildren(problemBox(err));
  }
  if (seq !== renderSeq) return; // a newer view was asked for meanwhile
  for (const chart of liveCharts) chart.dispose();
  liveCharts = [];
  view.replaceChildren(content);
  view.dataset.view = name ?? 'home';
  document.title = title === t('app.name') ? title : `${title} · ${t('app.name')}`;
  for (const fn of mounted) {
    try {
      await fn();
    } catch (err) {
      console.warn(err);
    }
    if (seq !== renderSeq) return;
  }
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
  const story = storyRef(detail.story ?? a.story);
  const row = (key, value) => (value === null || value === undefined || value === '' ? null : [h('dt', {}, t(key)), h('dd', {}, value)]);
  const meta = h(
    'dl',
    { class: 'meta-block' },
    row('article.outlet', a.site ? bdi(a.site) : null),
    row('article.published', a.published ? dateEl(a.published) : null),
    row('article.story', story ? h('a', { href: storyHref(story.id), class: 'story-link', dir: 'auto', dataset: { story: story.id } }, story.label ? bdi(story.label) : t('story.open')) : null),
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

/** The article's story when the API names one: an id, or an object with an id and a label. */
function storyRef(value) {
  if (typeof value === 'string' && value) return { id: value, label: null };
  if (value && typeof value === 'object' && typeof value.id === 'string' && value.id) return { id: value.id, label: typeof value.label === 'string' ? value.label : null };
  return null;
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
        h('a', { href: eventsHref({ actor: e.id }), class: 'actor-events' }, t('entity.events')),
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
// Events

function eventTypeLabel(type) {
  return tOr(`evtype.${type}`, type);
}

/** An actor's name; a generic actor with no words of its own (`generic:UNK`) is "unknown actor". */
function actorLabel(ref) {
  return ref.label || (String(ref.id).startsWith('generic:') ? t('event.unknown_actor') : ref.id);
}

/** A named actor opens its entity page; a generic one (police, gunmen…) has none, so it opens its events. */
function actorHref(id) {
  return String(id).startsWith('generic:') ? eventsHref({ actor: id }) : entityHref(id);
}

function actorLink(ref, cls) {
  return h('a', { href: actorHref(ref.id), class: `actor ${cls}`, dataset: { actor: ref.id }, dir: 'auto' }, bdi(actorLabel(ref)));
}

/** The chip of an event type, coloured as in the timeline. */
function eventTypeChip(type) {
  const chip = h('span', { class: 'chip ev-type', title: type, dataset: { type } }, eventTypeLabel(type));
  chip.style.setProperty('--ev-color', typeColor(type)); // CSSOM, allowed by the CSP (no style attribute)
  return chip;
}

/** A short name for where an article came from when its outlet is unknown: a URL's host, a file's name. */
function sourceName(source) {
  if (typeof source !== 'string' || !source) return null;
  if (isHttpUrl(source)) {
    try {
      return new URL(source).hostname.replace(/^www\./, '');
    } catch {
      return source;
    }
  }
  return source.split(/[\\/]/).filter(Boolean).at(-1) ?? source;
}

/** An event's date: the words of the text and the normalised day or range. */
function eventDate(date) {
  if (!date) return null;
  const value = date.start && date.end && date.start !== date.end ? `${date.start} – ${date.end}` : date.start ?? date.end;
  if (!value && !date.text) return null;
  const shown = value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : value;
  return h('span', { class: 'ev-when' }, date.text ? [bdi(date.text), ' '] : null, value ? h('time', { datetime: value.slice(0, 10), title: value }, date.text ? ['(', bdi(shown), ')'] : bdi(shown)) : null);
}

/**
 * One merged event: type, mode and status; actor → recipient; date and place; its sources with
 * links to their articles; the sentence that states it.
 */
function eventItem(e) {
  const sources = Array.isArray(e.sources) ? e.sources : [];
  const field = (key, value) => (value ? h('span', { class: `ev-field ev-${key}` }, h('span', { class: 'ev-key' }, t(`event.${key}`), ': '), value) : null);
  return h(
    'li',
    { class: 'event', dataset: { event: e.id, type: e.type } },
    h('div', { class: 'ev-head' },
      eventTypeChip(e.type),
      e.mode ? h('span', { class: 'chip ev-mode', title: e.mode, dataset: { mode: e.mode } }, tOr(`mode.${e.mode}`, e.mode)) : null,
      e.status ? h('span', { class: `chip ev-status status-${e.status}`, dataset: { status: e.status } }, tOr(`status.${e.status}`, e.status)) : null,
      (e.contexts ?? []).map((c) => h('span', { class: 'chip ev-context', title: c }, tOr(`context.${c}`, c))),
    ),
    h('div', { class: 'ev-actors' },
      actorLink(e.source, 'ev-source'),
      h('span', { class: 'ev-arrow', 'aria-hidden': 'true' }, ` ${t('event.arrow')} `),
      e.target ? actorLink(e.target, 'ev-target') : h('span', { class: 'ev-target none' }, t('common.none')),
    ),
    h('div', { class: 'ev-meta meta' },
      field('date', eventDate(e.date)),
      field('place', e.location ? actorLink(e.location, 'ev-location') : null),
      h('span', { class: 'ev-field ev-sources' },
        h('span', { class: 'ev-count', dataset: { sources: String(e.num_sources ?? sources.length), articles: String(e.num_articles ?? sources.length) } },
          t('event.sources', { s: e.num_sources ?? sources.length, a: e.num_articles ?? sources.length })),
        sources.length ? [' — ', sources.map((src, i) => [i ? '، ' : '', h('a', { href: articleHref(src.article), class: 'ev-source-link', title: src.source ?? null, dataset: { article: src.article } }, bdi(src.site || sourceName(src.source) || src.article))])] : null,
        // the events page asks for the first sources only (sources_limit): say how many are not listed
        sources.length && (e.num_articles ?? 0) > sources.length ? h('span', { class: 'ev-more-sources' }, ' ', t('event.more_sources', { n: e.num_articles - sources.length })) : null,
      ),
    ),
    e.evidence?.text ? h('blockquote', { class: 'ev-evidence', dir: 'auto', lang: 'ar' }, e.evidence.text) : null,
    e.article
      ? h('div', { class: 'ev-article meta' }, t('event.from_article'), ': ', h('a', { href: articleHref(e.article), class: 'article-link', dir: 'auto' }, e.title ?? t('article.untitled')), e.published ? [' · ', dateEl(e.published)] : null)
      : null,
  );
}

/** The helpers the dyad view (dyad.js) builds with, so it shows events and problems as the other views do. */
function ingestKit() {
  return { h, t, api, bdi, ltr, problemBox, getToken: () => writeToken, setToken: (v) => (writeToken = v) };
}

function dyadKit() {
  return { h, t, api, bdi, ltr, eventItem, problemBox, actorHref, apiQuery, keepChart: (chart) => liveCharts.push(chart) };
}

/** The filters of the events view, as the API and the links take them. */
function eventFilters(params) {
  const f = {};
  for (const key of ['actor', 'type', 'from', 'to']) {
    const v = (params.get(key) ?? '').trim();
    if (v) f[key] = v;
  }
  return f;
}

function apiQuery(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  return q.toString();
}

async function eventsView(root, params, ctx) {
  const filters = eventFilters(params);
  const pages = (params.get('pages') ?? '').split(',').filter(Boolean);
  const cursor = pages.at(-1);
  const [page, timeline, network] = await Promise.all([
    api(`/api/events?${apiQuery({ ...filters, limit: PAGE_SIZE, cursor })}`),
    api(`/api/timeline?${apiQuery(filters)}`).catch((err) => err),
    api(`/api/network?${apiQuery({ ...filters, limit: NETWORK_LIMIT })}`).catch((err) => err),
  ]);
  const charts = loadECharts(); // the library loads while the page is built
  charts.catch(() => {});

  // The actor's name, when the filter names one: from the events or the network.
  let actorName = null;
  if (filters.actor) {
    const refs = [...page.items.flatMap((e) => [e.source, e.target, e.location]), ...(Array.isArray(network?.nodes) ? network.nodes : [])];
    const ref = refs.find((r) => r && r.id === filters.actor);
    actorName = ref ? actorLabel(ref) : null;
  }

  // Filters.
  const actor = h('input', { type: 'text', name: 'actor', value: filters.actor ?? '', dir: 'auto', placeholder: t('events.actor_placeholder'), autocomplete: 'off' });
  const type = h('select', { name: 'type' }, h('option', { value: '' }, t('type.all')), EVENT_TYPES.map((ty) => h('option', { value: ty, selected: filters.type === ty }, eventTypeLabel(ty))));
  const from = h('input', { type: 'text', name: 'from', value: filters.from ?? '', placeholder: 'YYYY-MM-DD', dir: 'ltr', size: '10', inputmode: 'numeric' });
  const to = h('input', { type: 'text', name: 'to', value: filters.to ?? '', placeholder: 'YYYY-MM-DD', dir: 'ltr', size: '10', inputmode: 'numeric' });
  const form = h(
    'form',
    {
      class: 'event-filters',
      'aria-label': t('events.filters'),
      onsubmit: (ev) => {
        ev.preventDefault();
        location.hash = eventsHref({ actor: actor.value.trim(), type: type.value, from: from.value.trim(), to: to.value.trim() });
      },
    },
    h('label', {}, t('events.actor'), ' ', actor),
    h('label', {}, t('events.type'), ' ', type),
    h('label', {}, t('events.from'), ' ', from),
    h('label', {}, t('events.to'), ' ', to),
    h('button', { type: 'submit' }, t('events.apply')),
    Object.keys(filters).length ? h('a', { href: eventsHref({}), class: 'clear' }, t('events.clear')) : null,
  );
  const chips = Object.entries(filters).map(([key, value]) =>
    h('span', { class: 'chip filter', dataset: { filter: key } },
      t(`events.${key}_filter`),
      key === 'actor' ? h('a', { href: actorHref(value), class: 'filter-actor', dir: 'auto' }, bdi(actorName ?? value)) : key === 'type' ? eventTypeLabel(value) : ltr(value),
      ' ',
      h('a', { href: eventsHref({ ...filters, [key]: '' }), class: 'remove', title: t('search.remove_filter'), 'aria-label': t('search.remove_filter') }, '×')),
  );

  // The two charts, drawn once the view is on screen.
  const timelineBox = h('div', { class: 'chart timeline-chart', role: 'img', 'aria-label': t('events.timeline') });
  const networkBox = h('div', { class: 'chart network-chart', role: 'img', 'aria-label': t('events.network') });
  const timelinePanel = h('section', { class: 'panel timeline-panel' }, h('h2', {}, t('events.timeline')), h('p', { class: 'help' }, t('events.timeline_help')));
  const networkPanel = h('section', { class: 'panel network-panel' }, h('h2', {}, t('events.network')), h('p', { class: 'help' }, t('events.network_help')));

  const buckets = Array.isArray(timeline?.buckets) ? timeline.buckets : null;
  if (!buckets) timelinePanel.append(problemBox(timeline, t('events.chart_failed')));
  else if (!buckets.some((b) => b.count > 0)) timelinePanel.append(h('p', { class: 'empty' }, t('events.no_timeline')));
  else {
    const types = [...new Set(buckets.flatMap((b) => Object.keys(b.by_type ?? {})))].sort();
    timelinePanel.append(
      timelineBox,
      h('details', { class: 'chart-data' }, h('summary', {}, t('events.chart_data')),
        h('table', { class: 'timeline-table' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('events.day')), types.map((ty) => h('th', { scope: 'col', title: ty }, eventTypeLabel(ty))), h('th', { scope: 'col' }, t('events.total')))),
          h('tbody', {}, buckets.map((b) => h('tr', { dataset: { day: b.day } }, h('td', {}, h('a', { href: eventsHref({ ...filters, from: b.day, to: b.day }) }, ltr(b.day))), types.map((ty) => h('td', { class: 'num' }, String(b.by_type?.[ty] ?? 0))), h('td', { class: 'num' }, String(b.count))))))),
    );
    ctx.onMount(async () => {
      try {
        const echarts = await charts;
        liveCharts.push(timelineChart(echarts, timelineBox, buckets, {
          rtl: document.documentElement.dir === 'rtl',
          typeLabel: eventTypeLabel,
          countLabel: t('events.untyped'),
          onDay: (day) => (location.hash = eventsHref({ ...filters, from: day, to: day })),
        }));
        timelineBox.dataset.drawn = 'true';
      } catch (err) {
        timelineBox.replaceWith(problemBox(err, t('events.chart_failed')));
      }
    });
  }

  const graph = Array.isArray(network?.nodes) && Array.isArray(network?.edges) ? network : null;
  if (!graph) networkPanel.append(problemBox(network, t('events.chart_failed')));
  else if (!graph.nodes.length) networkPanel.append(h('p', { class: 'empty' }, t('events.no_network')));
  else {
    const kindLabel = (kind) => (kind === 'generic' ? t('kind.generic') : ENTITY_TYPES.includes(kind) ? typeLabel(kind) : kind);
    networkPanel.append(
      networkBox,
      h('details', { class: 'chart-data' }, h('summary', {}, t('events.actors')),
        h('ul', { class: 'network-nodes chips' }, [...graph.nodes].sort((a, b) => (b.degree ?? 0) - (a.degree ?? 0)).map((n) =>
          h('li', {}, h('a', { href: actorHref(n.id), class: 'chip network-node', dataset: { node: n.id } }, bdi(actorLabel(n)), ' ', h('span', { class: 'n', title: t('events.degree') }, String(n.degree ?? 0))))))),
    );
    ctx.onMount(async () => {
      try {
        const echarts = await charts;
        liveCharts.push(networkChart(echarts, networkBox, graph, {
          nodeLabel: actorLabel,
          kindLabel,
          typeLabel: eventTypeLabel,
          onNode: (n) => (location.hash = actorHref(n.id)),
          onEdge: (e) => (location.hash = eventsHref({ actor: e.source, type: e.type })),
        }));
        networkBox.dataset.drawn = 'true';
      } catch (err) {
        networkBox.replaceWith(problemBox(err, t('events.chart_failed')));
      }
    });
  }

  const list = page.items.length ? h('ol', { class: 'event-list', start: String(pages.length * PAGE_SIZE + 1) }, page.items.map(eventItem)) : h('p', { class: 'empty' }, t('events.none'));
  const pager = h(
    'nav',
    { class: 'pager', 'aria-label': t('common.page', { n: pages.length + 1 }) },
    pages.length ? h('a', { href: eventsHref({ ...filters, pages: pages.slice(0, -1).join(',') }), class: 'prev', rel: 'prev' }, t('common.prev')) : null,
    h('span', { class: 'page-n' }, t('common.page', { n: pages.length + 1 })),
    page.next_cursor ? h('a', { href: eventsHref({ ...filters, pages: [...pages, page.next_cursor].join(',') }), class: 'next', rel: 'next' }, t('common.next')) : null,
  );
  // Downloads of the events under the same filters (the API applies them to every events format).
  const exportLink = (format, key) => h('a', { href: `/api/export?${apiQuery({ what: 'events', format, ...filters })}`, class: 'chip export', download: '', dataset: { export: format } }, t(key));

  append(root, [
    h('h1', {}, t('events.title'), actorName ? [' — ', bdi(actorName)] : null),
    form,
    chips.length ? h('div', { class: 'active-filters', 'aria-label': t('search.filters') }, chips) : null,
    timelinePanel,
    networkPanel,
    h('section', { class: 'event-list-section' }, h('h2', {}, t('events.list')), h('p', { class: 'count' }, t('events.count', { n: page.items.length })), list, pager),
    h('nav', { class: 'exports', 'aria-label': t('events.export') },
      h('span', { class: 'meta' }, t('events.export'), ': '),
      exportLink('csv', 'events.export_events_csv'),
      exportLink('jsonl', 'events.export_events_jsonl'),
      exportLink('plover', 'events.export_events_plover'),
      exportLink('graphml', 'events.export_network')),
  ]);
  return actorName ? `${t('events.title')}: ${actorName}` : t('events.title');
}

// ---------------------------------------------------------------------------------------
// Stories

/**
 * The first and last publication days of a story, or null: a list item (GET /api/stories)
 * carries them, a report (GET /api/stories/ID) has its articles' dates.
 */
function storyDates(story) {
  const days = 'first_published' in story
    ? [story.first_published, story.last_published].filter(Boolean)
    : (story.articles ?? []).map((a) => a.published).filter(Boolean).sort();
  if (!days.length) return null;
  const [first, last] = [days[0], days.at(-1)];
  return first.slice(0, 10) === last.slice(0, 10) ? dateEl(first) : [dateEl(first), ' – ', dateEl(last)];
}

/** Outlets, articles and merged events of a story: counted in a list item, listed in a report. */
function storyCounts(story) {
  const n = (count, list) => (typeof count === 'number' ? count : (list ?? []).length);
  return t('stories.counts', { o: n(story.num_outlets, story.outlets), a: n(story.num_articles, story.articles), e: n(story.num_events, story.events) });
}

async function storiesView(root, params) {
  const pages = (params.get('pages') ?? '').split(',').filter(Boolean);
  const cursor = pages.at(-1);
  const page = await api(`/api/stories?${apiQuery({ limit: PAGE_SIZE, cursor })}`);
  const href = (p) => `#/stories${p ? `?pages=${encodeURIComponent(p)}` : ''}`;
  root.append(
    h('h1', {}, t('stories.title')),
    h('p', { class: 'help' }, t('stories.help')),
    page.items.length
      ? h('ol', { class: 'story-list', start: String(pages.length * PAGE_SIZE + 1) }, page.items.map((s) =>
          h('li', { class: 'story', dataset: { story: s.id } },
            h('a', { href: storyHref(s.id), class: 'story-title', dir: 'auto' }, s.label ? bdi(s.label) : t('stories.untitled')),
            h('div', { class: 'meta' }, h('span', { class: 'story-counts' }, storyCounts(s)), storyDates(s) ? [' · ', storyDates(s)] : null),
            s.summary ? h('p', { class: 'story-summary', dir: 'auto', lang: 'ar' }, s.summary) : null,
          )))
      : h('p', { class: 'empty' }, t('stories.none')),
    h('nav', { class: 'pager' },
      pages.length ? h('a', { href: href(pages.slice(0, -1).join(',')), class: 'prev', rel: 'prev' }, t('common.prev')) : null,
      h('span', { class: 'page-n' }, t('common.page', { n: pages.length + 1 })),
      page.next_cursor ? h('a', { href: href([...pages, page.next_cursor].join(',')), class: 'next', rel: 'next' }, t('common.next')) : null),
  );
  return t('stories.title');
}

/** A short line naming a merged event: its type, actor and recipient. */
function eventLine(e) {
  return [eventTypeChip(e.type), ' ', bdi(actorLabel(e.source)), e.target ? [` ${t('event.arrow')} `, bdi(actorLabel(e.target))] : null];
}

/** The first words of an article's text, for the side-by-side columns. */
function lede(text, max = 220) {
  if (typeof text !== 'string' || !text.trim()) return null;
  const clean = text.trim().replace(/\s+/g, ' ');
  return clean.length <= max ? clean : `${clean.slice(0, max).replace(/\s+\S*$/, '')}…`;
}

async function storyView(root, id) {
  const report = await api(`/api/stories/${encodeURIComponent(id)}`);
  const articles = report.articles ?? [];
  // Titles and opening lines: a story holds few articles, and at most STORY_ARTICLE_DETAILS are asked for.
  const details = new Map();
  await Promise.all(articles.slice(0, STORY_ARTICLE_DETAILS).map(async (a) => {
    const d = await api(`/api/articles/${encodeURIComponent(a.id)}`).catch(() => null);
    if (d?.article) details.set(a.id, d.article);
  }));
  const titleOf = new Map();
  for (const e of report.events ?? []) if (e.article && e.title) titleOf.set(e.article, e.title);
  const entities = new Map((report.entities ?? []).map((e) => [e.id, e]));
  const events = new Map((report.events ?? []).map((e) => [e.id, e]));
  const byId = new Map(articles.map((a) => [a.id, a]));

  const entityChip = (eid, cls) => {
    const e = entities.get(eid);
    return h('a', { href: actorHref(eid), class: `chip ${cls} ${e ? `ent ent-${e.type}` : ''}`, dataset: { entity: eid }, dir: 'auto' }, bdi(e ? e.label : eid));
  };
  const articleCard = (aid) => {
    const a = byId.get(aid) ?? { id: aid };
    const d = details.get(aid);
    const title = a.title ?? d?.title ?? titleOf.get(aid) ?? null;
    return h('li', { class: 'story-article', dataset: { article: aid } },
      h('a', { href: articleHref(aid), class: 'article-link', dir: 'auto' }, title ?? t('article.untitled')),
      h('div', { class: 'meta' }, dateEl(a.published ?? d?.published)),
      lede(d?.text) ? h('p', { class: 'lede', dir: 'auto', lang: d?.lang ?? 'ar' }, lede(d.text)) : null);
  };

  const columns = (report.outlets ?? []).map((o) => {
    const missingEntities = o.missing_entities ?? [];
    const missingEvents = o.missing_events ?? [];
    return h('section', { class: 'outlet-col', dataset: { outlet: o.outlet } },
      h('h3', { class: 'outlet-name', dir: 'auto' }, bdi(o.outlet)),
      h('ol', { class: 'outlet-articles' }, (o.articles ?? []).map(articleCard)),
      h('div', { class: 'carries' },
        h('h4', {}, t('story.carries')),
        h('p', { class: 'meta' }, t('story.entities_n', { n: (o.entities ?? []).length }), ' · ', t('story.events_n', { n: (o.events ?? []).length }), ' · ', t('story.quotes_n', { n: o.quotes ?? 0 })),
        h('div', { class: 'chips carried-entities' }, (o.entities ?? []).map((eid) => entityChip(eid, 'carried')))),
      h('div', { class: 'leaves-out' },
        h('h4', {}, t('story.leaves_out')),
        !missingEntities.length && !missingEvents.length ? h('p', { class: 'empty nothing-missing' }, t('story.nothing_missing')) : null,
        missingEntities.length ? [h('h5', {}, t('story.missing_entities')), h('div', { class: 'chips missing-entities' }, missingEntities.map((eid) => entityChip(eid, 'missing')))] : null,
        missingEvents.length
          ? [h('h5', {}, t('story.missing_events')), h('ul', { class: 'missing-events' }, missingEvents.map((evid) => {
              const e = events.get(evid);
              return h('li', { dataset: { event: evid } }, e ? eventLine(e) : ltr(evid));
            }))]
          : null),
    );
  });

  const label = report.label || t('stories.untitled');
  root.append(
    h('article', { class: 'story-view', dataset: { story: report.id } },
      h('h1', { dir: 'auto' }, bdi(label)),
      h('p', { class: 'meta' }, storyCounts(report), storyDates(report) ? [' · ', storyDates(report)] : null),
      h('section', { class: 'story-summary-box' }, h('h2', {}, t('story.summary')),
        report.summary ? h('p', { class: 'story-summary', dir: 'auto', lang: 'ar' }, report.summary) : h('p', { class: 'empty' }, t('story.no_summary'))),
      h('section', { class: 'story-outlets' }, h('h2', {}, t('story.by_outlet')), h('div', { class: 'outlet-grid' }, columns)),
      h('section', { class: 'story-events' }, h('h2', {}, t('story.events')), h('p', { class: 'help' }, t('story.events_help')),
        (report.events ?? []).length ? h('ol', { class: 'event-list' }, report.events.map(eventItem)) : h('p', { class: 'empty' }, t('story.no_events'))),
      (report.entities ?? []).length
        ? h('section', { class: 'story-entities' }, h('h2', {}, t('story.entities')), h('div', { class: 'chips' }, report.entities.map((e) =>
            h('a', { href: actorHref(e.id), class: `chip ent ent-${e.type}`, dataset: { entity: e.id }, title: t('story.entity_articles', { n: e.articles }) }, bdi(e.label), ' ', h('span', { class: 'n' }, String(e.articles))))))
        : null,
    ),
  );
  return label;
}

// ---------------------------------------------------------------------------------------
// Start

if (typeof document !== 'undefined') {
  document.getElementById('lang-toggle')?.addEventListener('click', toggleLanguage);
  window.addEventListener('hashchange', render);
  window.addEventListener('resize', () => liveCharts.forEach((chart) => chart.resize()));
  applyLanguage();
  render();
}
