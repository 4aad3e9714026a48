/**
 * PROTEST / ASSAULT sentence detection measured on the OEDA Arabic event gold standard
 * (../shared/data/events/{protest,assault}-dev.csv, openeventdata/arabic_event_gsr, MIT), and
 * training of the shipped classifier weights.
 *
 *   npx tsc -p tsconfig.json && node dist/scripts/eval-events-gsr.js [--folds 5] [--seed 13] [--l2 X (no L2 search)] [--no-write]
 *
 * Scoring follows the data's README: "yes" is an event, "easy no" and "difficult no" are not,
 * "ambiguous" sentences are left out. For each type it prints precision, recall and F1 of
 *   (a) triggers alone: a sentence is an event when it holds a trigger of the type with no
 *       status (not negated, future, hypothetical or historical) — and, for reference, with
 *       any trigger of the type at all;
 *   (b) the classifier (src/analyse/event-classifier.ts) under k-fold cross-validation with a
 *       fixed seed; folds are drawn by news document (the id before its last "-N"/"_N"), so a
 *       document's sentences are never split between training and test. The decision
 *       threshold and the L2 strength (from L2_GRID, unless --l2 fixes it) of each fold are
 *       chosen together by an inner cross-validation on that fold's training part only.
 *       Printed: the mean over folds (± standard deviation) and the pooled figure over all
 *       out-of-fold predictions.
 * Then it trains each final model on all of its file, with the L2 strength and threshold that
 * maximise F1 of the pooled out-of-fold probabilities, and writes data/events/classifier.json.gz
 * (feature names and weights only; no sentence is stored). Skipped with a message when
 * ../shared is absent.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { findEventTriggers } from '../src/analyse/event-triggers.js';
import {
  CLASSIFIED_TYPES, DEFAULT_TRAIN, MODEL_FILE, modelProbability, sentenceFeatures, trainModel,
  type ClassifiedType, type EventModel, type EventModelFile, type TrainOptions,
} from '../src/analyse/event-classifier.js';
import { dataFile } from '../src/model/paths.js';
import { seededRandom } from '../src/model/seeded-random.js';
import { readGsrSentences, type GsrSentence } from './events-gsr-data.js';


interface Item {
  doc: string;
  text: string;
  y: boolean;
  x: string[];
}


function load(sentences: GsrSentence[], type: ClassifiedType): Item[] {
  const out: Item[] = [];
  for (const r of sentences) {
    if (r.label === 'ambiguous') continue;
    if (r.label !== 'yes' && r.label !== 'easy no' && r.label !== 'difficult no') throw new Error(`${r.id}: unknown label '${r.label}'`);
    out.push({ doc: r.doc, text: r.text, y: r.label === 'yes', x: sentenceFeatures(r.text, type) });
  }
  return out;
}

interface Prf { p: number; r: number; f: number; tp: number; fp: number; fn: number }

function prf(gold: boolean[], pred: boolean[]): Prf {
  let tp = 0, fp = 0, fn = 0;
  gold.forEach((g, i) => {
    if (pred[i] && g) tp++;
    else if (pred[i]) fp++;
    else if (g) fn++;
  });
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0, tp, fp, fn };
}

/** Fold number of each item: documents shuffled with the seed, dealt round-robin. */
function folds(items: { doc: string }[], k: number, seed: number): number[] {
  const docs = [...new Set(items.map((it) => it.doc))].sort();
  const rand = seededRandom(seed);
  for (let i = docs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [docs[i], docs[j]] = [docs[j]!, docs[i]!];
  }
  const fold = new Map(docs.map((d, i) => [d, i % k]));
  return items.map((it) => fold.get(it.doc)!);
}

const GRID = Array.from({ length: 19 }, (_, i) => 0.05 * (i + 1));

/** L2 strengths tried by the inner cross-validation (a model of ~2,000 sparse weights on ~1,000 sentences). */
const L2_GRID = [1e-4, 1e-3, 1e-2, 3e-2];

/**
 * The L2 strength and threshold that maximise F1 of out-of-fold predictions on `items`
 * (k-fold by document): chosen on those items only.
 */
function chooseSettings(type: ClassifiedType, items: Item[], k: number, seed: number, opts: TrainOptions, grid: number[]): { l2: number; threshold: number; probs: number[] } {
  let best = { l2: grid[0]!, threshold: 0.5, probs: [] as number[], f: -1 };
  const gold = items.map((t) => t.y);
  for (const l2 of grid) {
    const { probs } = outOfFold(type, items, k, seed, { ...opts, l2 });
    const threshold = bestThreshold(gold, probs);
    const f = prf(gold, probs.map((p) => p >= threshold)).f;
    if (f > best.f + 1e-9) best = { l2, threshold, probs, f };
  }
  return best;
}

function bestThreshold(gold: boolean[], probs: number[]): number {
  let best = 0.5, bestF = -1;
  for (const t of GRID) {
    const f = prf(gold, probs.map((p) => p >= t)).f;
    if (f > bestF + 1e-9) (bestF = f), (best = t);
  }
  return Math.round(best * 100) / 100;
}

/** Out-of-fold probabilities of `items` under k-fold training. */
function outOfFold(type: ClassifiedType, items: Item[], k: number, seed: number, opts: TrainOptions): { probs: number[]; fold: number[] } {
  const fold = folds(items, k, seed);
  const probs = new Array<number>(items.length).fill(0);
  for (let f = 0; f < k; f++) {
    const train = items.filter((_, i) => fold[i] !== f);
    if (!train.some((t) => t.y)) continue;
    const m = trainModel(type, train.map((t) => t.x), train.map((t) => t.y), opts);
    items.forEach((it, i) => {
      if (fold[i] === f) probs[i] = modelProbability(m, it.x);
    });
  }
  return { probs, fold };
}

const pct = (x: number): string => (100 * x).toFixed(1).padStart(5);
const line = (name: string, m: Prf, extra = ''): string => `  ${name.padEnd(34)} P ${pct(m.p)}  R ${pct(m.r)}  F1 ${pct(m.f)}   (tp ${m.tp}, fp ${m.fp}, fn ${m.fn})${extra}`;

function main(): void {
  const args = process.argv.slice(2);
  const opt = (name: string, def: number): number => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : def;
  };
  const k = opt('--folds', 5);
  const seed = opt('--seed', 13);
  const write = !args.includes('--no-write');
  const opts: TrainOptions = { ...DEFAULT_TRAIN, seed, epochs: opt('--epochs', DEFAULT_TRAIN.epochs), l2: opt('--l2', DEFAULT_TRAIN.l2), rate: opt('--rate', DEFAULT_TRAIN.rate), minCount: opt('--min', DEFAULT_TRAIN.minCount) };
  const l2Grid = args.includes('--l2') ? [opts.l2] : L2_GRID;
  const models: EventModel[] = [];
  const notes: Record<string, unknown> = { folds: k, seed, train: opts, l2Grid };
  for (const type of CLASSIFIED_TYPES) {
    const sentences = readGsrSentences(type === 'PROTEST' ? 'protest' : 'assault');
    if (!sentences) {
      console.log(`eval-events-gsr: ../shared/data/events/${type.toLowerCase()}-dev.csv not found — skipped.`);
      return;
    }
    const t0 = Date.now();
    const items = load(sentences, type);
    const gold = items.map((it) => it.y);
    const nDocs = new Set(items.map((it) => it.doc)).size;
    console.log(`\n${type}: ${items.length} sentences scored (${gold.filter(Boolean).length} yes), ${nDocs} documents`);

    const trig = items.map((it) => findEventTriggers(it.text).filter((t) => t.type === type));
    console.log(line('(a) triggers alone, status none', prf(gold, trig.map((ts) => ts.some((t) => t.status === null)))));
    console.log(line('    triggers alone, any status', prf(gold, trig.map((ts) => ts.length > 0))));

    // (b) outer CV; L2 strength and threshold of each fold by inner CV on its training part
    const fold = folds(items, k, seed);
    const chosen: number[] = [];
    const perFold: Prf[] = [];
    const oofProb = new Array<number>(items.length).fill(0);
    const oofPred = new Array<boolean>(items.length).fill(false);
    for (let f = 0; f < k; f++) {
      const trainIdx = items.map((_, i) => i).filter((i) => fold[i] !== f);
      const testIdx = items.map((_, i) => i).filter((i) => fold[i] === f);
      const train = trainIdx.map((i) => items[i]!);
      const { l2, threshold } = chooseSettings(type, train, k - 1, seed + 1, opts, l2Grid);
      chosen.push(l2);
      const m = trainModel(type, train.map((t) => t.x), train.map((t) => t.y), { ...opts, l2 });
      for (const i of testIdx) {
        oofProb[i] = modelProbability(m, items[i]!.x);
        oofPred[i] = oofProb[i]! >= threshold;
      }
      perFold.push(prf(testIdx.map((i) => gold[i]!), testIdx.map((i) => oofPred[i]!)));
    }
    const mean = (g: (m: Prf) => number): number => perFold.reduce((s, m) => s + g(m), 0) / perFold.length;
    const sd = (g: (m: Prf) => number): number => Math.sqrt(perFold.reduce((s, m) => s + (g(m) - mean(g)) ** 2, 0) / perFold.length);
    console.log(`  (b) classifier, ${k}-fold CV mean         P ${pct(mean((m) => m.p))}  R ${pct(mean((m) => m.r))}  F1 ${pct(mean((m) => m.f))}   (F1 sd ${(100 * sd((m) => m.f)).toFixed(1)})`);
    console.log(line(`    classifier, ${k}-fold CV pooled`, prf(gold, oofPred)));
    console.log(`      L2 chosen per fold: ${chosen.join(', ')}`);

    // the final model: L2 strength and threshold by cross-validation on the whole file
    const { l2, threshold } = chooseSettings(type, items, k, seed, opts, l2Grid);
    const final = trainModel(type, items.map((t) => t.x), gold, { ...opts, l2 });
    final.threshold = threshold;
    models.push(final);
    notes[type] = { sentences: items.length, yes: gold.filter(Boolean).length, documents: nDocs, l2, threshold, features: Object.keys(final.weights).length };
    console.log(`  final model: ${Object.keys(final.weights).length} weights, L2 ${l2}, threshold ${threshold} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  if (!write) return;
  const file: EventModelFile = {
    about: 'Marsad PROTEST/ASSAULT sentence classifier weights (logistic regression over light-stem and trigger features); written by scripts/eval-events-gsr.ts',
    licence: 'MIT',
    source: 'trained on the development half of the Open Event Data Alliance Arabic event gold standard, openeventdata/arabic_event_gsr (MIT); no sentences are stored',
    notes,
    models,
  };
  const gz = gzipSync(Buffer.from(JSON.stringify(file)), { level: 9 });
  writeFileSync(dataFile(MODEL_FILE), gz);
  console.log(`\nwrote data/${MODEL_FILE} (${(gz.length / 1024).toFixed(1)} KiB)`);
}

if (process.argv[1]?.endsWith("eval-events-gsr.js")) main();
