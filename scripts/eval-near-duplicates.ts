/**
 * Near-duplicate detection measured on edited copies of real Arabic text, built on the fly
 * (no text of the shared corpus is written anywhere):
 *
 *   npx tsc -p tsconfig.json && node dist/scripts/eval-near-duplicates.js [--seed 7] [--json]
 *
 * Sources: the real pages of ../shared/seeds and ../shared/data/arabic-html (text extracted as
 * ingest does: `extractArticle(readFilePage(...))`), and pseudo-articles of 6–10 consecutive
 * sentences of ../shared/data/events (OEDA Arabic event gold standard), 1–2 sentences a
 * paragraph.
 *
 * Positives (an edited copy against its source), twelve edits per source:
 *   reparagraph (paragraphs re-cut, hamza/digit/punctuation variants), trim (first and last
 *   paragraph removed), boilerplate (an outlet's "اقرأ أيضا" links, share bar, "تابعونا",
 *   copyright), replace (one paragraph replaced by another article's), edit (one paragraph
 *   reworded: words dropped and changed), reorder (one sentence moved), truncate (last 30 %
 *   cut), and combinations: trim+boilerplate+reparagraph, replace+reorder+boilerplate,
 *   trim+edit, edit+boilerplate+reorder, all.
 * Negatives (pairs of different articles): random pairs of sources; the seeds (all five on the
 * Moroccan–American security partnership) against each other and each other's copies —
 * same topic, different articles; pseudo-articles sharing one quoted sentence.
 *
 * Prints precision, recall and F1 of "estimated similarity ≥ t" over a range of thresholds,
 * then runs the LSH index at the chosen threshold (sources indexed; each positive copy must
 * find its own source, each negative probe must find nothing) and the signing time.
 * Skipped with a message when ../shared is absent.
 */
import { seededRandom } from '../src/model/seeded-random.js';
import { readGsrSentences } from './events-gsr-data.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extractArticle } from '../src/extract/extract.js';
import { sharedPath } from '../src/model/paths.js';
import { readFilePage } from '../src/sources/files.js';
import { splitSentences } from '../src/arabic/index.js';
import {
  NEAR_DUPLICATE_THRESHOLD, NearDuplicateIndex, estimateSimilarity, minhash, type MinHashSignature,
} from '../src/resolve/near-duplicates.js';

// ------------------------------------------------------------------ shared corpus readers (also used by eval-stories)

/** The seeded generator every corpus here is drawn with (re-exported for eval-stories). */
export const rng = seededRandom;

export function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

export function shuffle<T>(r: () => number, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

export interface RealPage {
  name: string;
  title: string | null;
  published: string | null;
  paragraphs: string[];
}

/** The real pages of ../shared/seeds and ../shared/data/arabic-html, extracted as ingest does (empty when absent). */
export async function readRealPages(): Promise<RealPage[]> {
  const out: RealPage[] = [];
  for (const dir of [sharedPath('seeds'), sharedPath('data', 'arabic-html')]) {
    if (!dir) continue;
    for (const f of readdirSync(dir).sort()) {
      if (!/\.(txt|html?)$/.test(f)) continue;
      const article = extractArticle(await readFilePage(join(dir, f)));
      if (article.lang !== 'ar') continue;
      out.push({
        name: f,
        title: article.title,
        published: article.published,
        paragraphs: article.text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
      });
    }
  }
  return out;
}


export interface EventSentence {
  id: string;
  /** the news document: the id before its trailing -N / _N */
  doc: string;
  /** sentence number within the document */
  n: number;
  /** YYYY-MM-DD from an AAW_ARB_YYYYMMDD id, else null */
  date: string | null;
  text: string;
}

/** The sentences of ../shared/data/events (both files, each id once), in file order; empty when absent. */
export function readEventSentences(): EventSentence[] {
  const seen = new Set<string>();
  const out: EventSentence[] = [];
  for (const kind of ['assault', 'protest'] as const) {
    for (const r of readGsrSentences(kind) ?? []) {
      const text = r.text.trim();
      if (seen.has(r.id) || !text) continue;
      seen.add(r.id);
      const n = /[-_](\d+)$/.exec(r.id);
      const d = /_(\d{4})(\d{2})(\d{2})\./.exec(r.doc);
      out.push({ id: r.id, doc: r.doc, n: n ? Number(n[1]) : 0, date: d ? `${d[1]}-${d[2]}-${d[3]}` : null, text });
    }
  }
  return out;
}

// ------------------------------------------------------------------ edits

const BOILERPLATE_SHARE = [
  'شارك المقال: فيسبوك تويتر واتساب',
  'شارك هذا الخبر على فيسبوك | تويتر | واتساب | تلغرام',
  'تابعونا على فيسبوك وتويتر',
  'تابعوا آخر الأخبار عبر قناتنا على تلغرام',
  'جميع الحقوق محفوظة © 2024',
  'A+ / A-',
  'المصدر: وكالات',
];

/** Variants of spelling a copy may carry: hamza on alef dropped, Arabic-Indic digits, Arabic comma. */
function respell(r: () => number, p: string): string {
  let s = p;
  if (r() < 0.7) s = s.replace(/[أإ]/g, 'ا');
  if (r() < 0.5) s = s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));
  if (r() < 0.5) s = s.replace(/,/g, '،').replace(/ة /g, (m) => (r() < 0.1 ? 'ه ' : m));
  return s;
}

function sentencesOf(paragraphs: string[]): string[] {
  return paragraphs.flatMap((p) => splitSentences(p).map((s) => s.text.trim()).filter(Boolean));
}

function reparagraph(r: () => number, paragraphs: string[]): string[] {
  const sents = sentencesOf(paragraphs);
  const out: string[] = [];
  for (let i = 0; i < sents.length; ) {
    const k = 1 + Math.floor(r() * 3);
    out.push(respell(r, sents.slice(i, i + k).join(' ')));
    i += k;
  }
  return out;
}

function trim(paragraphs: string[]): string[] {
  return paragraphs.length > 3 ? paragraphs.slice(1, -1) : paragraphs.slice(0, -1).length ? paragraphs.slice(0, -1) : paragraphs;
}

function addBoilerplate(r: () => number, paragraphs: string[], otherTitles: string[]): string[] {
  const out = [...paragraphs];
  const links = 1 + Math.floor(r() * 2);
  for (let i = 0; i < links; i++) {
    const at = 1 + Math.floor(r() * Math.max(1, out.length - 1));
    const title = pick(r, otherTitles);
    out.splice(at, 0, r() < 0.5 ? `اقرأ أيضا: ${title}` : `اقرأ أيضاً:\n${title}`);
  }
  out.push(pick(r, BOILERPLATE_SHARE));
  if (r() < 0.6) out.push(pick(r, BOILERPLATE_SHARE));
  if (r() < 0.5) out.unshift(pick(r, BOILERPLATE_SHARE));
  return out;
}

function replaceParagraph(r: () => number, paragraphs: string[], other: string[]): string[] {
  const out = [...paragraphs];
  out[Math.floor(r() * out.length)] = pick(r, other);
  return out;
}

/** One paragraph reworded: a fifth of its words dropped, a tenth changed to other words of the text. */
function editParagraph(r: () => number, paragraphs: string[]): string[] {
  const out = [...paragraphs];
  const i = Math.floor(r() * out.length);
  const pool = paragraphs.join(' ').split(/\s+/);
  out[i] = out[i]!
    .split(/\s+/)
    .filter(() => r() > 0.2)
    .map((w) => (r() < 0.1 ? pick(r, pool) : w))
    .join(' ');
  return out;
}

function reorder(r: () => number, paragraphs: string[]): string[] {
  const sents = sentencesOf(paragraphs);
  if (sents.length < 3) return paragraphs;
  const from = Math.floor(r() * sents.length);
  const [s] = sents.splice(from, 1);
  sents.splice(Math.floor(r() * sents.length), 0, s!);
  // keep the original paragraph sizes as far as possible
  const sizes = paragraphs.map((p) => Math.max(1, splitSentences(p).length));
  const out: string[] = [];
  let k = 0;
  for (const n of sizes) {
    if (k >= sents.length) break;
    out.push(sents.slice(k, k + n).join(' '));
    k += n;
  }
  if (k < sents.length) out.push(sents.slice(k).join(' '));
  return out;
}

function truncate(paragraphs: string[]): string[] {
  const sents = sentencesOf(paragraphs);
  return [sents.slice(0, Math.max(1, Math.ceil(sents.length * 0.7))).join(' ')];
}

export type EditKind =
  | 'reparagraph' | 'trim' | 'boilerplate' | 'replace' | 'edit' | 'reorder' | 'truncate'
  | 'trim+boilerplate+reparagraph' | 'replace+reorder+boilerplate' | 'trim+edit' | 'edit+boilerplate+reorder' | 'all';

export const EDIT_KINDS: EditKind[] = [
  'reparagraph', 'trim', 'boilerplate', 'replace', 'edit', 'reorder', 'truncate',
  'trim+boilerplate+reparagraph', 'replace+reorder+boilerplate', 'trim+edit', 'edit+boilerplate+reorder', 'all',
];

/** An edited copy of an article (its paragraphs), as another outlet might republish it. */
export function editedCopy(
  r: () => number, kind: EditKind, paragraphs: string[], other: { titles: string[]; paragraphs: string[] },
): string {
  let p = paragraphs;
  for (const step of kind === 'all' ? ['trim', 'replace', 'edit', 'reorder', 'boilerplate', 'reparagraph'] : kind.split('+')) {
    switch (step) {
      case 'reparagraph': p = reparagraph(r, p); break;
      case 'trim': p = trim(p); break;
      case 'boilerplate': p = addBoilerplate(r, p, other.titles); break;
      case 'replace': p = replaceParagraph(r, p, other.paragraphs); break;
      case 'edit': p = editParagraph(r, p); break;
      case 'reorder': p = reorder(r, p); break;
      case 'truncate': p = truncate(p); break;
    }
  }
  return p.join('\n\n');
}

export interface Source {
  id: string;
  title: string;
  paragraphs: string[];
  /** a seed page (all on one topic) */
  seed: boolean;
}

/** Pseudo-articles of 6–10 consecutive event sentences (1–2 a paragraph), titled by their first words. */
export function pseudoArticles(r: () => number, sentences: EventSentence[], count: number, offset = 0): Source[] {
  const out: Source[] = [];
  let i = offset;
  while (out.length < count && i < sentences.length) {
    const n = 6 + Math.floor(r() * 5);
    const sents = sentences.slice(i, i + n).map((s) => s.text);
    i += n;
    if (sents.length < 4) break;
    const paragraphs: string[] = [];
    for (let k = 0; k < sents.length; ) {
      const m = r() < 0.6 ? 1 : 2;
      paragraphs.push(sents.slice(k, k + m).join(' '));
      k += m;
    }
    out.push({ id: `pseudo-${out.length}`, title: sents[0]!.split(/\s+/).slice(0, 8).join(' '), paragraphs, seed: false });
  }
  return out;
}

// ------------------------------------------------------------------ evaluation

interface Pair {
  kind: string;
  positive: boolean;
  a: MinHashSignature;
  b: MinHashSignature;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const seedArg = args.indexOf('--seed');
  const seed = seedArg >= 0 ? Number(args[seedArg + 1]) : 7;
  const json = args.includes('--json');
  const pages = await readRealPages();
  const sentences = readEventSentences();
  if (!pages.length || !sentences.length) {
    console.log('eval-near-duplicates: skipped, ../shared/seeds, ../shared/data/arabic-html or ../shared/data/events is absent');
    return;
  }
  const r = rng(seed);
  const real: Source[] = pages.map((p, i) => ({ id: `page-${i}`, title: p.title ?? p.paragraphs[0]!.slice(0, 60), paragraphs: p.paragraphs, seed: p.name.endsWith('.txt') }));
  const pseudo = pseudoArticles(r, sentences, 178);
  // probes for the index: further pseudo-articles, never indexed
  const probes = pseudoArticles(r, sentences.slice(1900), 100);
  const sources = [...real, ...pseudo];
  const titles = sources.map((s) => s.title);
  const allParagraphs = sources.flatMap((s) => s.paragraphs);
  const sig = new Map<string, MinHashSignature>();
  const t0 = performance.now();
  let signedChars = 0;
  for (const s of sources) {
    const text = s.paragraphs.join('\n\n');
    signedChars += text.length;
    sig.set(s.id, minhash(text));
  }
  const signMs = performance.now() - t0;

  const pairs: Pair[] = [];
  const copies: { source: string; kind: EditKind; text: string }[] = [];
  for (const s of sources) {
    const other = { titles: titles.filter((t) => t !== s.title), paragraphs: allParagraphs.filter((p) => !s.paragraphs.includes(p)) };
    for (const kind of EDIT_KINDS) {
      const text = editedCopy(r, kind, s.paragraphs, other);
      copies.push({ source: s.id, kind, text });
      pairs.push({ kind, positive: true, a: sig.get(s.id)!, b: minhash(text) });
    }
  }
  // negatives: the seeds against each other and each other's copies (same topic)
  const seeds = real.filter((s) => s.seed);
  for (const a of seeds) {
    for (const b of seeds) {
      if (a === b) continue;
      if (a.id < b.id) pairs.push({ kind: 'neg:same-topic seeds', positive: false, a: sig.get(a.id)!, b: sig.get(b.id)! });
      for (const c of copies.filter((c) => c.source === b.id)) pairs.push({ kind: 'neg:same-topic seeds', positive: false, a: sig.get(a.id)!, b: minhash(c.text) });
    }
  }
  // negatives: random different articles, and their edited copies
  for (let i = 0; i < 6000; i++) {
    const a = pick(r, sources);
    const b = pick(r, sources);
    if (a === b) continue;
    const c = r() < 0.5 ? null : copies[Math.floor(r() * copies.length)]!;
    if (c && c.source === a.id) continue;
    pairs.push({ kind: 'neg:different', positive: false, a: sig.get(a.id)!, b: c ? minhash(c.text) : sig.get(b.id)! });
  }
  // negatives: articles sharing one quoted sentence
  for (let i = 0; i < 1000; i++) {
    const a = pick(r, pseudo);
    const b = pick(r, pseudo);
    if (a === b) continue;
    const shared = pick(r, a.paragraphs);
    const bp = [...b.paragraphs];
    bp.splice(Math.floor(r() * bp.length), 0, shared);
    pairs.push({ kind: 'neg:one shared paragraph', positive: false, a: sig.get(a.id)!, b: minhash(bp.join('\n\n')) });
  }

  const mode = args.includes('--containment') ? 'containment' : 'jaccard';
  const sims = pairs.map((p) => {
    const j = estimateSimilarity(p.a, p.b);
    if (mode === 'jaccard') return { p, s: j };
    const inter = (j / (1 + j)) * (p.a.shingles + p.b.shingles);
    const lo = Math.min(p.a.shingles, p.b.shingles), hi = Math.max(p.a.shingles, p.b.shingles);
    return { p, s: lo / hi >= 0.5 ? Math.max(j, Math.min(1, inter / lo)) : j };
  });
  const pos = sims.filter((x) => x.p.positive).length;
  const neg = sims.length - pos;
  const thresholds = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.9];
  const table = thresholds.map((t) => {
    const tp = sims.filter((x) => x.p.positive && x.s >= t).length;
    const fp = sims.filter((x) => !x.p.positive && x.s >= t).length;
    const precision = tp + fp ? tp / (tp + fp) : 1;
    const recall = tp / pos;
    return { threshold: t, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, fp };
  });
  const kinds = [...new Set(sims.map((x) => x.p.kind))];
  const byKind = kinds.map((k) => {
    const xs = sims.filter((x) => x.p.kind === k).map((x) => x.s).sort((a, b) => a - b);
    const at = (q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
    const hit = xs.filter((s) => s >= NEAR_DUPLICATE_THRESHOLD).length;
    return { kind: k, n: xs.length, min: xs[0]!, p10: at(0.1), median: at(0.5), max: xs[xs.length - 1]!, atThreshold: hit / xs.length };
  });

  // the index at the chosen threshold
  const num = (name: string) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : undefined);
  const index = new NearDuplicateIndex({ bands: num('--bands'), rows: num('--rows') });
  for (const s of sources) index.add(s.id, s.paragraphs.join('\n\n'));
  let found = 0;
  let wrong = 0;
  const tq = performance.now();
  for (const c of copies) {
    const m = index.query(c.text);
    if (m?.id === c.source) found++;
    else if (m) {
      wrong++;
      if (args.includes('--verbose')) console.error(`${c.kind} copy of ${c.source} matched ${m.id} (${m.similarity})`);
    }
  }
  const queryMs = (performance.now() - tq) / copies.length;
  const comparisonsPerCopy = index.comparisons / copies.length;
  let probeHits = 0;
  const before = index.comparisons;
  for (const p of probes) if (index.query(p.paragraphs.join('\n\n'))) probeHits++;
  const comparisonsPerProbe = (index.comparisons - before) / probes.length;
  let exactOk = 0;
  for (const s of sources) {
    const m = index.query(s.paragraphs.map((p) => p.replace(/[أإ]/g, 'ا')).join('\n'));
    if (m?.exact && m.id === s.id) exactOk++;
  }

  const result = {
    seed, sources: { real: real.length, pseudo: pseudo.length }, pairs: { positive: pos, negative: neg },
    table, byKind,
    index: {
      threshold: index.threshold, bands: index.bands, rows: index.rows,
      copiesFoundTheirSource: found / copies.length, copiesWrongMatch: wrong, copies: copies.length,
      probeFalseMatches: probeHits, probes: probes.length, exactRespelledFound: `${exactOk}/${sources.length}`,
      queryMsPerCopy: queryMs, comparisonsPerCopy, comparisonsPerProbe,
    },
    signing: { charsPerSecond: Math.round(signedChars / (signMs / 1000)), msPerArticle: signMs / sources.length },
  };
  if (json) {
    console.log(JSON.stringify(result));
    return;
  }
  const f = (x: number) => x.toFixed(3);
  console.log(`near-duplicates (seed ${seed}): ${real.length} real pages + ${pseudo.length} pseudo-articles; ${pos} positive and ${neg} negative pairs`);
  console.log('threshold  precision  recall  F1     false pos.');
  for (const row of table) console.log(`${row.threshold.toFixed(2).padStart(9)}  ${f(row.precision).padStart(9)}  ${f(row.recall)}   ${f(row.f1)}  ${row.fp}`);
  console.log(`\nsimilarity by kind (share ≥ ${NEAR_DUPLICATE_THRESHOLD}):`);
  for (const k of byKind) console.log(`  ${k.kind.padEnd(30)} n=${String(k.n).padStart(5)}  min ${f(k.min)}  p10 ${f(k.p10)}  median ${f(k.median)}  max ${f(k.max)}  ≥t ${f(k.atThreshold)}`);
  const ix = result.index;
  console.log(`\nindex (threshold ${ix.threshold}, ${ix.bands} bands × ${ix.rows} rows): copies that found their source ${f(ix.copiesFoundTheirSource)} ` +
    `(${ix.copiesWrongMatch} matched another), unrelated probes matched ${ix.probeFalseMatches}/${ix.probes}, ` +
    `exact after re-spelling ${ix.exactRespelledFound}, ${ix.queryMsPerCopy.toFixed(2)} ms a query; ` +
    `signatures compared per query: ${ix.comparisonsPerCopy.toFixed(1)} for a copy, ${ix.comparisonsPerProbe.toFixed(1)} for an unrelated probe (of ${sources.length} indexed)`);
  console.log(`signing: ${result.signing.msPerArticle.toFixed(2)} ms an article, ${(result.signing.charsPerSecond / 1e6).toFixed(2)} M chars/s`);
}

if (process.argv[1]?.endsWith('eval-near-duplicates.js')) await main();
