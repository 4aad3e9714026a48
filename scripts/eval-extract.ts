/**
 * Measures HTML extraction against ground truth, Marsad vs Mozilla Readability on jsdom.
 *
 *   npm run eval:extract [-- --limit N] [-- --json] [-- --no-cache] [-- --failures text|title|date|author]
 *
 * `--failures title` lists each wrong title with the source it came from (ld, og, twitter,
 * title, h1#i), the sources equal to the truth, where the truth is among them (titleTruthClass)
 * and every source of the page; then, per dataset, how many pages (and wrong ones) fall in each
 * of those classes, and the reachable ceiling: the pages whose truth any choice among the
 * candidates could give.
 *
 * Datasets (read at run time from ../shared, skipped with a message when absent):
 *   wcxb        shared/data/wcxb-dev-articles: html/NNNN.html.gz + ground-truth/NNNN.json
 *   arabic-html shared/data/arabic-html: *.html + *.expected.json
 *
 * Metrics
 *   text P/R/F1  word level, per page, then averaged over pages that have ground-truth text.
 *                Tokens: runs of Unicode letters/digits (\p{L}\p{N}, marks kept inside words)
 *                after NFKC and lowercasing; bag-of-words overlap (multiset intersection).
 *   with / w/o   share of ground-truth `with` snippets found in the text, and of `without`
 *                snippets absent from it (compared after the same light normalisation).
 *   title        exact match after light normalisation: NFKC, whitespace collapsed,
 *                case-folded, curly quotes/apostrophes and dashes unified ("--" between
 *                words is a dash).
 *   date         the YYYY-MM-DD day of both values is equal. A predicted date-time with an
 *                offset names one instant, whose calendar day depends on the zone; the
 *                ground truth is a bare day with no zone, so the prediction also counts
 *                when its UTC day equals it (for both systems alike).
 *   author       light normalisation as for titles; then both sides split into a set of
 *                names on "," "&" " and " " و" ";" and the sets compared.
 *   title~       lenient title: after the same light normalisation and with punctuation
 *                dropped, one non-empty value contains the other (e.g. a site-name suffix
 *                left on, or a subtitle cut off).
 *   author~      lenient author: as title~ on the whole credit string, or the two name sets
 *                (as for author) overlap in at least one name.
 *   Each of title/date/author is counted over the pages whose ground truth has one.
 *
 * The `seeds` row (shared/seeds/*.txt, plain-text scrapes with no ground truth) reports, for
 * Marsad's `extractText` and for Readability on the text wrapped as <html><body> with one
 * <p> per non-empty line, how many pages got a non-null title / date / author: "found", not
 * "right" — nothing says those values are correct.
 * Readability results are cached in the OS temp folder (keyed by file) to speed re-runs.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { extractHtml } from '../src/extract/html.js';
import { byTag, parseHtml, repairMojibake, textOf } from '../src/extract/html-dom.js';
import { jsonLdObjects } from '../src/extract/html-metadata.js';
import { extractText } from '../src/extract/text.js';
import { sharedPath } from '../src/model/paths.js';


export interface Truth {
  title: string | null;
  date: string | null;
  author: string | null;
  text: string | null;
  with: string[];
  without: string[];
}
export interface Case {
  id: string;
  url: string | null;
  html: string;
  truth: Truth;
}
interface Pred {
  title: string | null;
  date: string | null;
  author: string | null;
  text: string;
}

export function loadWcxb(shared: string, limit: number): Case[] {
  const dir = join(shared, 'data', 'wcxb-dev-articles');
  if (!existsSync(dir)) return [];
  const files = readdirSync(join(dir, 'ground-truth')).filter((f) => f.endsWith('.json')).sort().slice(0, limit);
  return files.map((f) => {
    const id = f.replace(/\.json$/, '');
    const j = JSON.parse(readFileSync(join(dir, 'ground-truth', f), 'utf8'));
    const g = j.ground_truth ?? {};
    return {
      id,
      url: j.url ?? null,
      html: gunzipSync(readFileSync(join(dir, 'html', `${id}.html.gz`))).toString('utf8'),
      truth: {
        title: g.title || null,
        date: g.publish_date || null,
        author: g.author || null,
        text: g.main_content || null,
        with: g.with ?? [],
        without: g.without ?? [],
      },
    };
  });
}

export function loadArabic(shared: string): Case[] {
  const dir = join(shared, 'data', 'arabic-html');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.expected.json'))
    .sort()
    .map((f) => {
      const id = f.replace(/\.expected\.json$/, '');
      const j = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      const authors = Array.isArray(j.authors) ? j.authors.join(', ') : j.author || null;
      return {
        id,
        url: j.url || null,
        html: readFileSync(join(dir, `${id}.html`), 'utf8'),
        truth: {
          title: j.title || null,
          date: j.publishing_date || j.date || null,
          author: authors || null,
          text: Array.isArray(j.paragraphs) ? j.paragraphs.join('\n\n') : null,
          with: j.with ?? [],
          without: j.without ?? [],
        },
      };
    });
}

/** Plain-text seed pages: no ground truth, only used for "found" counts. */
export function loadSeeds(shared: string): { id: string; text: string }[] {
  const dir = join(shared, 'seeds');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ id: f.replace(/\.txt$/, ''), text: readFileSync(join(dir, f), 'utf8') }));
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The text as Readability would see a bare page: one <p> per non-empty line. */
export function textAsHtml(text: string): string {
  const ps = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${escapeHtml(l)}</p>`);
  return `<html><body>${ps.join('\n')}</body></html>`;
}

// ---------------------------------------------------------------- metrics

export function light(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201a\u201b\u2032`´]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033«»]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    // "--" between words is the typewriter form of a dash ("Problems--Simple Cells"), as one
    .replace(/(?<=[\p{L}\p{N}])--(?=[\p{L}\p{N}])/gu, '-')
    .replace(/[\s\u00a0\u200b-\u200f]+/g, ' ')
    .trim()
    .toLowerCase();
}

export function tokens(s: string): string[] {
  return s.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu) ?? [];
}

export function prf(pred: string, truth: string): { p: number; r: number; f: number } {
  const a = tokens(pred);
  const b = tokens(truth);
  if (a.length === 0 && b.length === 0) return { p: 1, r: 1, f: 1 };
  if (a.length === 0 || b.length === 0) return { p: 0, r: 0, f: 0 };
  const counts = new Map<string, number>();
  for (const t of b) counts.set(t, (counts.get(t) ?? 0) + 1);
  let hit = 0;
  for (const t of a) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      hit++;
      counts.set(t, c - 1);
    }
  }
  const p = hit / a.length;
  const r = hit / b.length;
  return { p, r, f: p + r > 0 ? (2 * p * r) / (p + r) : 0 };
}

function authorSet(s: string): string {
  return light(s)
    .split(/\s*(?:,|&|;|\band\b|\sو)\s*/)
    .map((x) => x.trim())
    .filter(Boolean)
    .sort()
    .join('|');
}

/** light() with punctuation and symbols dropped: for the lenient containment checks. */
function loose(s: string): string {
  return light(s).replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ').trim();
}

function contains(a: string, b: string): boolean {
  const x = loose(a);
  const y = loose(b);
  return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x));
}

function authorLoose(pred: string, truth: string): boolean {
  if (contains(pred, truth)) return true;
  const a = new Set(authorSet(pred).split('|').map(loose).filter(Boolean));
  return authorSet(truth).split('|').map(loose).some((n) => n && a.has(n));
}

function day(s: string | null): string | null {
  const m = s ? /^(\d{4}-\d{2}-\d{2})/.exec(s.trim()) : null;
  return m ? m[1]! : null;
}

function dayMatches(pred: string | null, truthDay: string): boolean {
  if (!pred) return false;
  if (day(pred) === truthDay) return true;
  if (!/T\d{2}:\d{2}.*(Z|[+-]\d{2}:?\d{2})$/.test(pred.trim())) return false;
  const instant = new Date(pred.trim());
  return !Number.isNaN(instant.getTime()) && instant.toISOString().slice(0, 10) === truthDay;
}

interface Tally {
  pages: number;
  textPages: number;
  p: number;
  r: number;
  f: number;
  withN: number;
  withHit: number;
  woN: number;
  woOk: number;
  titleN: number;
  titleOk: number;
  titleLoose: number;
  dateN: number;
  dateOk: number;
  authorN: number;
  authorOk: number;
  authorLoose: number;
}
const emptyTally = (): Tally => ({
  pages: 0, textPages: 0, p: 0, r: 0, f: 0, withN: 0, withHit: 0, woN: 0, woOk: 0,
  titleN: 0, titleOk: 0, titleLoose: 0, dateN: 0, dateOk: 0, authorN: 0, authorOk: 0, authorLoose: 0,
});

export interface PageResult {
  id: string;
  f: number;
  title: boolean | null;
  date: boolean | null;
  author: boolean | null;
  pred: Pred;
}

function score(t: Tally, c: Case, pred: Pred): PageResult {
  t.pages++;
  const res: PageResult = { id: c.id, f: NaN, title: null, date: null, author: null, pred };
  if (c.truth.text) {
    const m = prf(pred.text, c.truth.text);
    t.textPages++;
    t.p += m.p;
    t.r += m.r;
    t.f += m.f;
    res.f = m.f;
  }
  const lt = light(pred.text);
  for (const w of c.truth.with) {
    t.withN++;
    if (lt.includes(light(w))) t.withHit++;
  }
  for (const w of c.truth.without) {
    t.woN++;
    if (!lt.includes(light(w))) t.woOk++;
  }
  if (c.truth.title) {
    t.titleN++;
    res.title = !!pred.title && light(pred.title) === light(c.truth.title);
    if (res.title) t.titleOk++;
    if (res.title || (!!pred.title && contains(pred.title, c.truth.title))) t.titleLoose++;
  }
  if (c.truth.date && day(c.truth.date)) {
    t.dateN++;
    res.date = dayMatches(pred.date, day(c.truth.date)!);
    if (res.date) t.dateOk++;
  }
  if (c.truth.author) {
    t.authorN++;
    res.author = !!pred.author && authorSet(pred.author) === authorSet(c.truth.author);
    if (res.author) t.authorOk++;
    if (res.author || (!!pred.author && authorLoose(pred.author, c.truth.author))) t.authorLoose++;
  }
  return res;
}

function summary(t: Tally) {
  const pct = (a: number, b: number) => (b > 0 ? Math.round((1000 * a) / b) / 10 : null);
  const avg = (x: number) => (t.textPages > 0 ? Math.round((1000 * x) / t.textPages) / 10 : null);
  return {
    pages: t.pages,
    textP: avg(t.p),
    textR: avg(t.r),
    textF1: avg(t.f),
    withPct: pct(t.withHit, t.withN),
    withoutPct: pct(t.woOk, t.woN),
    titlePct: pct(t.titleOk, t.titleN),
    titleLoosePct: pct(t.titleLoose, t.titleN),
    datePct: pct(t.dateOk, t.dateN),
    authorPct: pct(t.authorOk, t.authorN),
    authorLoosePct: pct(t.authorLoose, t.authorN),
    counts: { text: t.textPages, title: t.titleN, date: t.dateN, author: t.authorN },
  };
}

// ---------------------------------------------------------------- title diagnostics

/** A title reduced to its letters and digits, lower-cased: what the title diagnostics compare. */
export const titleKey = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Where a page's true title is among its candidates (see titleTruthClass). */
export type TitleTruthClass = 'h1+meta' | 'h1' | 'meta' | 'meta-part' | 'site' | 'none';

/** The separators a metadata title joins its parts with (site name, section, subtitle). */
export const TITLE_PARTS = /\s+[|\-\u2013\u2014:\u00b7\u2022\u00bb/]\s+|\s*[|\u00b7\u2022\u00bb]\s*|:\s+/;

/**
 * Which candidates state the true title, compared on letters and digits only (so this is an
 * upper bound of what choosing among them can reach): an h1 and a metadata title both
 * ('h1+meta': a wrong pick there is a cut or typography), an h1 only, a whole metadata title
 * only (JSON-LD headline, og:title, twitter:title, <title>), a run of the parts of one split
 * at its separators only ('meta-part': a site name or subtitle left on or cut off), the site
 * name (og:site_name) only, or none ('none': unreachable by any choice among them).
 *
 * @example titleTruthClass([{ source: 'og', value: 'Garlic in autumn | Garden Notes' }, { source: 'h1#0', value: 'Garlic' }], 'Garlic in autumn') // 'meta-part'
 */
export function titleTruthClass(sources: { source: string; value: string }[], truth: string): TitleTruthClass {
  const k = titleKey(truth);
  const metas = sources.filter((s) => !s.source.startsWith('h1') && s.source !== 'site');
  const h1 = sources.some((s) => s.source.startsWith('h1') && titleKey(s.value) === k);
  const whole = metas.some((s) => titleKey(s.value) === k);
  const part = metas.some((s) => {
    const parts = s.value.split(TITLE_PARTS).filter((x) => x.trim());
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j <= parts.length; j++) if (titleKey(parts.slice(i, j).join(' ')) === k) return true;
    }
    return false;
  });
  if (h1 && (whole || part)) return 'h1+meta';
  if (h1) return 'h1';
  if (whole) return 'meta';
  if (part) return 'meta-part';
  if (sources.some((s) => s.source === 'site' && titleKey(s.value) === k)) return 'site';
  return 'none';
}

/** The title sources of a page, raw, for `--failures title`: which one the extractor took, which one the truth is. */
export function titleSources(html: string): { source: string; value: string }[] {
  const doc = parseHtml(repairMojibake(html));
  const out: { source: string; value: string }[] = [];
  const add = (source: string, v: unknown) => {
    if (typeof v === 'string' && v.trim()) out.push({ source, value: v.trim().replace(/\s+/g, ' ') });
  };
  for (const o of jsonLdObjects(doc)) {
    const t = String(o['@type'] ?? '');
    if (/Article|Posting|Report/.test(t)) add('ld', o.headline ?? o.name);
    else if (/WebPage/.test(t)) add('ld-page', o.name);
  }
  for (const m of byTag(doc, 'meta')) {
    const k = (m.attribs.property ?? m.attribs.name ?? '').toLowerCase();
    if (k === 'og:title') add('og', m.attribs.content);
    else if (k === 'twitter:title') add('twitter', m.attribs.content);
    else if (k === 'og:site_name') add('site', m.attribs.content);
  }
  const title = byTag(doc, 'title')[0];
  if (title) add('title', textOf(title));
  byTag(doc, 'h1').slice(0, 4).forEach((h, i) => add(`h1#${i}`, textOf(h)));
  return out;
}

// ---------------------------------------------------------------- runners

export function marsad(c: Case): Pred {
  const a = extractHtml(c.html, { url: c.url });
  return { title: a.title, date: a.published, author: a.author, text: a.text };
}

type ReadabilityRunner = (c: Case) => Pred;

export async function readabilityRunner(): Promise<ReadabilityRunner | null> {
  try {
    const { JSDOM, VirtualConsole } = await import('jsdom');
    const { Readability } = await import('@mozilla/readability');
    const vc = new VirtualConsole();
    return (c: Case) => {
      try {
        const dom = new JSDOM(c.html, { url: c.url ?? undefined, virtualConsole: vc });
        const r = new Readability(dom.window.document).parse();
        dom.window.close();
        return { title: r?.title ?? null, date: r?.publishedTime ?? null, author: r?.byline ?? null, text: r?.textContent ?? '' };
      } catch {
        return { title: null, date: null, author: null, text: '' };
      }
    };
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const noCache = args.includes('--no-cache');
  const li = args.indexOf('--limit');
  const limit = li >= 0 ? Number(args[li + 1]) : Infinity;
  const failuresArg = args.indexOf('--failures');
  const shared = sharedPath();
  if (!shared) {
    console.log('eval-extract: skipped — shared/data not found (expected ../shared beside the project)');
    return;
  }
  const datasets: [string, Case[]][] = [
    ['wcxb', loadWcxb(shared, limit)],
    ['arabic-html', loadArabic(shared)],
  ];
  const rd = await readabilityRunner();
  const cacheFile = join(tmpdir(), 'marsad-eval-readability-cache.json');
  const cache: Record<string, Pred> = !noCache && existsSync(cacheFile) ? JSON.parse(readFileSync(cacheFile, 'utf8')) : {};
  const rows: Record<string, unknown>[] = [];
  const details: Record<string, PageResult[]> = {};
  for (const [name, cases] of datasets) {
    if (cases.length === 0) {
      if (!json) console.log(`eval-extract: ${name} skipped — not found under ${shared}/data`);
      continue;
    }
    const tm = emptyTally();
    const tr = emptyTally();
    details[name] = [];
    for (const c of cases) {
      let pred: Pred;
      try {
        pred = marsad(c);
      } catch (e) {
        pred = { title: null, date: null, author: null, text: '' };
        if (!json) console.error(`${name}/${c.id}: extractHtml threw ${(e as Error).message}`);
      }
      details[name]!.push(score(tm, c, pred));
      if (rd) {
        const key = `${name}/${c.id}`;
        const rp = cache[key] ?? (cache[key] = rd(c));
        score(tr, c, rp);
      }
    }
    rows.push({ dataset: name, system: 'marsad', ...summary(tm) });
    if (rd) rows.push({ dataset: name, system: 'readability', ...summary(tr) });
  }
  // seeds: plain text, no ground truth — count what each system found
  const seeds = loadSeeds(shared).slice(0, limit);
  const found: Record<string, unknown>[] = [];
  if (seeds.length === 0) {
    if (!json) console.log(`eval-extract: seeds skipped — no *.txt under ${shared}/seeds`);
  } else {
    const count = (preds: Pred[]) => ({
      dataset: 'seeds',
      pages: preds.length,
      titleFound: preds.filter((p) => !!p.title).length,
      dateFound: preds.filter((p) => !!p.date).length,
      authorFound: preds.filter((p) => !!p.author).length,
    });
    const mp = seeds.map((sd) => {
      try {
        const a = extractText(sd.text, { source: sd.id });
        return { title: a.title, date: a.published, author: a.author, text: a.text };
      } catch {
        return { title: null, date: null, author: null, text: '' };
      }
    });
    found.push({ system: 'marsad', ...count(mp) });
    if (rd) {
      const rp = seeds.map((sd) => {
        const key = `seeds/${sd.id}`;
        return cache[key] ?? (cache[key] = rd({ id: sd.id, url: null, html: textAsHtml(sd.text), truth: { title: null, date: null, author: null, text: null, with: [], without: [] } }));
      });
      found.push({ system: 'readability', ...count(rp) });
    }
  }
  if (rd && !noCache) {
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeFileSync(cacheFile, JSON.stringify(cache));
  }
  if (json) {
    console.log(JSON.stringify({ rows, seedsFound: found }, null, 2));
  } else {
    const cols = ['dataset', 'system', 'pages', 'textP', 'textR', 'textF1', 'withPct', 'withoutPct', 'titlePct', 'titleLoosePct', 'datePct', 'authorPct', 'authorLoosePct'];
    const head = ['dataset', 'system', 'pages', 'P', 'R', 'F1', 'with%', 'w/o%', 'title%', 'title~%', 'date%', 'author%', 'author~%'];
    const table = [head, ...rows.map((r) => cols.map((c) => (r[c] == null ? '-' : String(r[c]))))];
    const widths = head.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
    for (const row of table) console.log(row.map((v, i) => v.padEnd(widths[i]!)).join('  '));
    for (const r of rows) {
      if (r.system === 'marsad') {
        const c = r.counts as Record<string, number>;
        console.log(`${r.dataset}: ground truth has text on ${c.text}, title on ${c.title}, date on ${c.date}, author on ${c.author} pages`);
      }
    }
    console.log('title%/author%: exact (light normalisation); title~%/author~%: lenient containment (see header)');
    for (const f of found) {
      console.log(
        `seeds (no ground truth — FOUND, not right) ${String(f.system).padEnd(11)} pages ${f.pages}: title found ${f.titleFound}, date found ${f.dateFound}, author found ${f.authorFound}`,
      );
    }
  }
  if (failuresArg >= 0) {
    const field = args[failuresArg + 1] ?? 'text';
    for (const [name, list] of Object.entries(details)) {
      const cases = datasets.find(([n]) => n === name)![1];
      // for titles: where the truth is among the candidates, on every page (the ceiling) and on the wrong ones
      const classes: Record<string, { all: number; wrong: number }> = {};
      for (const r of list) {
        const c = cases.find((x) => x.id === r.id)!;
        if (field === 'title' && r.title !== null) {
          const cls = titleTruthClass(titleSources(c.html), c.truth.title!);
          const e = (classes[cls] ??= { all: 0, wrong: 0 });
          e.all++;
          if (r.title === false) e.wrong++;
        }
        if (field === 'text' && r.f < 0.8) console.log(`${name}/${r.id}\tF1=${r.f.toFixed(2)}\t${c.url}`);
        if (field === 'title' && r.title === false) {
          const src = titleSources(c.html);
          const won = src.filter((s) => r.pred.title && titleKey(s.value).includes(titleKey(r.pred.title))).map((s) => s.source);
          const right = src.filter((s) => titleKey(s.value) === titleKey(c.truth.title!)).map((s) => s.source);
          console.log(`${name}/${r.id}\t${JSON.stringify(r.pred.title)}\tGT ${JSON.stringify(c.truth.title)}\tfrom ${won.join(',') || '?'}\tGT-equal ${right.join(',') || '-'}\tGT-in ${titleTruthClass(src, c.truth.title!)}`);
          for (const s of src) console.log(`    ${s.source.padEnd(9)} ${JSON.stringify(s.value)}`);
        }
        if (field === 'date' && r.date === false) console.log(`${name}/${r.id}\t${r.pred.date}\tGT ${c.truth.date}\t${c.url}`);
        if (field === 'author' && r.author === false) console.log(`${name}/${r.id}\t${JSON.stringify(r.pred.author)}\tGT ${JSON.stringify(c.truth.author)}`);
      }
      if (field === 'title') {
        const total = Object.values(classes).reduce((a, e) => a + e.all, 0);
        const none = classes.none?.all ?? 0;
        console.log(`${name} titles, where the truth is (pages / of them wrong): ${Object.entries(classes).map(([k, e]) => `${k} ${e.all}/${e.wrong}`).join(', ')}`);
        console.log(`${name} reachable ceiling: ${total - none} of ${total} (${total ? Math.round((1000 * (total - none)) / total) / 10 : 0}%) truths equal a candidate or a part of one`);
      }
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
