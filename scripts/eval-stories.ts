/**
 * Story clustering measured on a labelled set built from real text by reference, and its cost
 * per article as the corpus grows:
 *
 *   npx tsc -p tsconfig.json && node dist/scripts/eval-stories.js [--seed 7] [--no-entities] [--sizes 1000,10000,100000] [--json]
 *
 * Labelled set (nothing is copied into the repository; everything is built on the fly):
 *   - ../shared/data/events: sentences grouped by their news document (the id before the
 *     trailing -N/_N). A document with 4+ sentences gives one "article" per pair of
 *     consecutive sentences, one with 2–3 gives one per sentence: the articles of one
 *     document are one story. Single-sentence documents are distractors (each its own story).
 *     Dates come from AAW_ARB_YYYYMMDD ids (others are undated).
 *   - the real pages of ../shared/seeds and ../shared/data/arabic-html and four edited copies
 *     of each (trimmed, boilerplate + re-paragraphed, a paragraph replaced, truncated), dated
 *     0–2 days after the page: a page and its copies are one story. The five seeds are all on
 *     the Moroccan–American security partnership: same topic, different stories.
 *   Articles arrive in date order (undated ones spread in a seeded shuffle). Entities are the
 *   tagger's mentions (`recogniseEntities`) keyed by type and name key, as an article-local
 *   stand-in for canonical ids; no events are given.
 * Printed: B-cubed precision, recall and F1 over all articles and over the multi-article
 * stories only, for a range of thresholds (the default marked), text only and with entities.
 *
 * Growth: articles synthesised by recombining real sentences — N/5 synthetic stories, each
 * with a base of 4–6 random event sentences; each of its 1–9 articles takes 3–5 of the base
 * sentences in random order plus 1–2 random sentences from anywhere, and 2–4 entity ids of
 * the story (from a pool of 5,000) plus one random one; 200 articles a day, a story's articles
 * within 2 days. Printed: mean time per added article over the last 1,000 articles at each size
 * and the stories scored in full per article.
 */
import { recogniseEntities } from '../src/analyse/entities.js';
import { nameKey } from '../src/arabic/index.js';
import { StoryClusterer, type StoryItem, type StoryOptions } from '../src/resolve/stories.js';
import { editedCopy, pick, readEventSentences, readRealPages, rng, shuffle, type EditKind, type EventSentence } from './eval-near-duplicates.js';

interface Labelled extends StoryItem {
  gold: string;
}

/** B-cubed precision and recall of a clustering against gold classes, averaged over items (optionally a subset). */
export function bcubed(pred: Map<string, string>, gold: Map<string, string>, only?: Set<string>): { precision: number; recall: number; f1: number } {
  const byPred = new Map<string, string[]>();
  const byGold = new Map<string, string[]>();
  for (const [id, c] of pred) (byPred.get(c) ?? byPred.set(c, []).get(c)!).push(id);
  for (const [id, c] of gold) (byGold.get(c) ?? byGold.set(c, []).get(c)!).push(id);
  let p = 0;
  let r = 0;
  let n = 0;
  for (const [id, c] of pred) {
    if (only && !only.has(id)) continue;
    const g = gold.get(id)!;
    const cluster = byPred.get(c)!;
    const cls = byGold.get(g)!;
    const both = cluster.filter((x) => gold.get(x) === g).length;
    p += both / cluster.length;
    r += both / cls.length;
    n++;
  }
  const precision = p / n;
  const recall = r / n;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}

function entityIds(text: string): string[] {
  const ids = new Set<string>();
  for (const m of recogniseEntities(text)) {
    const k = nameKey(m.text);
    if (k) ids.add(`${m.type}:${k}`);
  }
  return [...ids];
}

async function labelledSet(seed: number, withEntities: boolean): Promise<Labelled[]> {
  const r = rng(seed);
  const sentences = readEventSentences();
  const docs = new Map<string, EventSentence[]>();
  for (const s of sentences) (docs.get(s.doc) ?? docs.set(s.doc, []).get(s.doc)!).push(s);
  const items: Labelled[] = [];
  for (const [doc, sents] of docs) {
    sents.sort((a, b) => a.n - b.n);
    const groups = sents.length >= 4 ? Array.from({ length: Math.ceil(sents.length / 2) }, (_, i) => sents.slice(2 * i, 2 * i + 2)) : sents.map((s) => [s]);
    groups.forEach((g, i) => {
      items.push({ id: `${doc}#${i}`, gold: doc, published: g[0]!.date, title: null, text: g.map((s) => s.text).join(' '), entities: [] });
    });
  }
  const pages = await readRealPages();
  const titles = pages.map((p) => p.title ?? '');
  const paragraphs = pages.flatMap((p) => p.paragraphs);
  const kinds: EditKind[] = ['trim', 'boilerplate', 'replace', 'truncate'];
  pages.forEach((p, i) => {
    const base = p.published ? Date.parse(p.published.slice(0, 10) + 'T00:00:00Z') : null;
    const dated = (d: number) => (base === null ? null : new Date(base + d * 86_400_000).toISOString().slice(0, 10));
    items.push({ id: `page-${i}`, gold: `page-${i}`, published: dated(0), title: p.title, text: p.paragraphs.join('\n\n'), entities: [] });
    kinds.forEach((k, j) => {
      const kind = k === 'boilerplate' ? ('trim+boilerplate+reparagraph' as EditKind) : k;
      const text = editedCopy(r, kind, p.paragraphs, { titles: titles.filter((t) => t !== p.title), paragraphs: paragraphs.filter((x) => !p.paragraphs.includes(x)) });
      items.push({ id: `page-${i}~${j}`, gold: `page-${i}`, published: dated(Math.floor(r() * 3)), title: r() < 0.5 ? p.title : null, text, entities: [] });
    });
  });
  if (withEntities) for (const it of items) it.entities = entityIds(it.text);
  // arrival order: by date, undated ones spread through
  shuffle(r, items);
  const dated = items.filter((x) => x.published).sort((a, b) => (a.published! < b.published! ? -1 : a.published! > b.published! ? 1 : 0));
  const undated = items.filter((x) => !x.published);
  const out: Labelled[] = [];
  let u = 0;
  for (let i = 0; i < dated.length; i++) {
    out.push(dated[i]!);
    while (u < undated.length && u / undated.length <= (i + 1) / dated.length) out.push(undated[u++]!);
  }
  while (u < undated.length) out.push(undated[u++]!);
  return out;
}

function runClustering(items: Labelled[], options: StoryOptions): { pred: Map<string, string>; clusterer: StoryClusterer } {
  const c = new StoryClusterer(options);
  const pred = new Map<string, string>();
  for (const it of items) pred.set(it.id, c.add(it).story);
  return { pred, clusterer: c };
}

function synthesise(seed: number, n: number, sentences: string[]): StoryItem[] {
  const r = rng(seed);
  const items: StoryItem[] = [];
  const start = Date.parse('2020-01-01T00:00:00Z');
  let story = 0;
  while (items.length < n) {
    const base = Array.from({ length: 4 + Math.floor(r() * 3) }, () => pick(r, sentences));
    const ents = Array.from({ length: 4 }, () => `E${Math.floor(r() * 5000)}`);
    const k = 1 + Math.floor(r() * 9);
    for (let j = 0; j < k && items.length < n; j++) {
      const sents = shuffle(r, [...base]).slice(0, 3 + Math.floor(r() * 3));
      for (let x = 0, m = 1 + Math.floor(r() * 2); x < m; x++) sents.splice(Math.floor(r() * sents.length), 0, pick(r, sentences));
      const t = start + (items.length / 200) * 86_400_000 + r() * 2 * 86_400_000;
      items.push({
        id: `syn-${story}-${j}`,
        published: new Date(t).toISOString(),
        title: r() < 0.5 ? sents[0]!.split(/\s+/).slice(0, 8).join(' ') : null,
        text: sents.join('\n\n'),
        entities: [...shuffle(r, [...ents]).slice(0, 2 + Math.floor(r() * 3)), `E${Math.floor(r() * 5000)}`],
      });
    }
    story++;
  }
  return items;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const seed = Number(opt('--seed') ?? 7);
  const json = args.includes('--json');
  const sizes = (opt('--sizes') ?? '1000,10000').split(',').map(Number);
  const sentences = readEventSentences();
  if (!sentences.length) {
    console.log('eval-stories: skipped, ../shared/data/events is absent');
    return;
  }
  const result: Record<string, unknown> = { seed };
  const quality: { entities: boolean; threshold: number; all: ReturnType<typeof bcubed>; multi: ReturnType<typeof bcubed>; pages: ReturnType<typeof bcubed>; stories: number }[] = [];
  const modes = args.includes('--no-entities') ? [false] : [false, true];
  let count = 0;
  let goldStories = 0;
  for (const withEntities of modes) {
    const t0 = performance.now();
    const items = await labelledSet(seed, withEntities);
    const prepMs = performance.now() - t0;
    const gold = new Map(items.map((x) => [x.id, x.gold]));
    const sizesOf = new Map<string, number>();
    for (const g of gold.values()) sizesOf.set(g, (sizesOf.get(g) ?? 0) + 1);
    const multi = new Set(items.filter((x) => sizesOf.get(x.gold)! > 1 && !x.gold.startsWith('page-')).map((x) => x.id));
    const pages = new Set(items.filter((x) => x.gold.startsWith('page-')).map((x) => x.id));
    count = items.length;
    goldStories = sizesOf.size;
    if (!json) console.log(`labelled set: ${items.length} articles, ${sizesOf.size} gold stories (${multi.size} articles in event documents of 2+, ${pages.size} pages and copies)${withEntities ? `, entities tagged in ${(prepMs / 1000).toFixed(1)} s` : ''}`);
    for (const threshold of [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]) {
      const { pred, clusterer } = runClustering(items, { threshold });
      quality.push({ entities: withEntities, threshold, all: bcubed(pred, gold), multi: bcubed(pred, gold, multi), pages: bcubed(pred, gold, pages), stories: clusterer.size });
    }
  }
  result.labelled = { articles: count, goldStories, quality };
  if (!json) {
    const f = (x: number) => x.toFixed(3);
    console.log('entities  threshold  stories  B3 P   B3 R   B3 F1 | event documents of 2+: P      R      F1 | pages and copies: P      R      F1');
    for (const q of quality) {
      const mark = q.threshold === new StoryClusterer().threshold ? '*' : ' ';
      console.log(`${(q.entities ? 'yes' : 'no').padEnd(8)}  ${q.threshold.toFixed(2).padStart(8)}${mark}  ${String(q.stories).padStart(7)}  ${f(q.all.precision)}  ${f(q.all.recall)}  ${f(q.all.f1)} |                        ${f(q.multi.precision)}  ${f(q.multi.recall)}  ${f(q.multi.f1)} |                  ${f(q.pages.precision)}  ${f(q.pages.recall)}  ${f(q.pages.f1)}`);
    }
  }

  // growth
  const pool = sentences.map((s) => s.text);
  const growth: { size: number; usPerItem: number; comparisonsPerItem: number; stories: number }[] = [];
  const max = Math.max(...sizes);
  const items = synthesise(seed, max, pool);
  const c = new StoryClusterer();
  let lastT = performance.now();
  let lastCmp = 0;
  const marks = new Set(sizes);
  const windowStart = new Set(sizes.map((s) => Math.max(0, s - 1000)));
  for (let i = 0; i < items.length; i++) {
    if (windowStart.has(i)) {
      lastT = performance.now();
      lastCmp = c.comparisons;
    }
    c.add(items[i]!);
    if (marks.has(i + 1)) {
      const n = Math.min(1000, i + 1);
      growth.push({ size: i + 1, usPerItem: ((performance.now() - lastT) * 1000) / n, comparisonsPerItem: (c.comparisons - lastCmp) / n, stories: c.size });
    }
  }
  result.growth = growth;
  if (json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log('\ngrowth (synthetic articles recombined from real sentences; time over the last 1,000 added):');
  for (const g of growth) console.log(`  ${String(g.size).padStart(7)} articles: ${(g.usPerItem / 1000).toFixed(2)} ms an article, ${g.comparisonsPerItem.toFixed(1)} stories scored an article, ${g.stories} stories`);
}

if (process.argv[1]?.endsWith('eval-stories.js')) await main();
