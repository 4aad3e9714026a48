/**
 * PROTEST / ASSAULT sentence detection measured on the OEDA Arabic event gold standard
 * (../shared/data/events/{protest,assault}-dev.csv, openeventdata/arabic_event_gsr, MIT), and
 * training of the shipped classifier weights.
 *
 *   npx tsc -p tsconfig.json && node dist/scripts/eval-events-gsr.js [--folds 5] [--seed 13]
 *     [--l2 X (no L2 search)] [--targets votes|hard] [--type PROTEST|ASSAULT (with --no-write)]
 *     [--no-write] [--errors (the out-of-fold mistakes, most confident first)]
 *
 * Scoring follows the data's README: "yes" is an event, "easy no" and "difficult no" are not,
 * "ambiguous" sentences are left out. "yes" means every annotator accepted the sentence (the
 * labels follow from the vote counts: no reject → yes; one reject → ambiguous; two or more →
 * "difficult no" when someone accepted, else "easy no"; checked on load). For each type it
 * prints precision, recall and F1 of
 *   (a) triggers alone: a sentence is an event when it holds a trigger of the type with no
 *       status (not negated, future, hypothetical or historical) — and, for reference, with
 *       any trigger of the type at all;
 *   (b) the classifier (src/analyse/event-classifier.ts) under k-fold cross-validation with a
 *       fixed seed; folds are drawn by news document (the id before its last "-N"/"_N"), so a
 *       document's sentences are never split between training and test. The decision
 *       threshold and the L2 strength (from L2_GRID, unless --l2 fixes it) of each fold are
 *       chosen together by an inner cross-validation on that fold's training part only.
 *       Printed: the mean over folds (± standard deviation) and the pooled figure over all
 *       out-of-fold predictions. The model is trained on the share of annotators who accepted
 *       each sentence, ambiguous sentences of the training part included (`--targets votes`,
 *       the default), or on the scored labels alone (`--targets hard`); it is always scored on
 *       the labels;
 *   (c) for reference, one annotator against the others: each vote of a sentence scored
 *       against the label the sentence's other votes give (by the rule above; skipped where
 *       that label is ambiguous), as an expected count — how far one person's reading agrees
 *       with the unanimity the labels ask for.
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
  /** the data's label ("yes", "easy no", "difficult no", "ambiguous") */
  label: string;
  y: boolean;
  /** scored (not ambiguous) */
  scored: boolean;
  /** what training fits: 1 / 0 for "yes" / "no", or the annotators' share of accepts (see Targets) */
  target: number;
  x: string[];
}

/**
 * What the model is trained to fit: `hard` — 1 for "yes", 0 for either "no", ambiguous
 * sentences left out; `votes` — the share of annotators who accepted the sentence, ambiguous
 * sentences of the training part included (they are never scored).
 */
type Targets = 'hard' | 'votes';

/** The label that vote counts give (see the header); the data's labels follow it. */
function labelOfVotes(accept: number, reject: number): string {
  if (reject === 0) return accept >= 2 ? 'yes' : 'ambiguous';
  if (reject === 1) return 'ambiguous';
  return accept ? 'difficult no' : 'easy no';
}

function load(sentences: GsrSentence[], type: ClassifiedType, targets: Targets): Item[] {
  const out: Item[] = [];
  for (const r of sentences) {
    if (r.label !== 'yes' && r.label !== 'easy no' && r.label !== 'difficult no' && r.label !== 'ambiguous') throw new Error(`${r.id}: unknown label '${r.label}'`);
    if (labelOfVotes(r.accept, r.reject) !== r.label) throw new Error(`${r.id}: label '${r.label}' with ${r.accept} accepts and ${r.reject} rejects`);
    const scored = r.label !== 'ambiguous';
    if (!scored && targets === 'hard') continue;
    const y = r.label === 'yes';
    const votes = r.accept + r.reject ? r.accept / (r.accept + r.reject) : y ? 1 : 0;
    out.push({ doc: r.doc, text: r.text, label: r.label, y, scored, target: targets === 'hard' ? (y ? 1 : 0) : votes, x: sentenceFeatures(r.text, type) });
  }
  return out;
}

interface Prf { p: number; r: number; f: number; tp: number; fp: number; fn: number }

/** Precision, recall and F1 over the scored items among `idx` (all items when not given). */
function prf(items: Item[], pred: boolean[], idx: number[] = items.map((_, i) => i)): Prf {
  let tp = 0, fp = 0, fn = 0;
  for (const i of idx) {
    const it = items[i]!;
    if (!it.scored) continue;
    if (pred[i] && it.y) tp++;
    else if (pred[i]) fp++;
    else if (it.y) fn++;
  }
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

const train = (type: ClassifiedType, items: Item[], opts: TrainOptions): EventModel =>
  trainModel(type, items.map((t) => t.x), items.map((t) => t.target), opts);

/**
 * The L2 strength and threshold that maximise F1 of out-of-fold predictions on `items`
 * (k-fold by document): chosen on those items only.
 */
function chooseSettings(type: ClassifiedType, items: Item[], k: number, seed: number, opts: TrainOptions, grid: number[]): { l2: number; threshold: number; probs: number[] } {
  let best = { l2: grid[0]!, threshold: 0.5, probs: [] as number[], f: -1 };
  for (const l2 of grid) {
    const probs = outOfFold(type, items, k, seed, { ...opts, l2 });
    const threshold = bestThreshold(items, probs);
    const f = prf(items, probs.map((p) => p >= threshold)).f;
    if (f > best.f + 1e-9) best = { l2, threshold, probs, f };
  }
  return best;
}

function bestThreshold(items: Item[], probs: number[]): number {
  let best = 0.5, bestF = -1;
  for (const t of GRID) {
    const f = prf(items, probs.map((p) => p >= t)).f;
    if (f > bestF + 1e-9) (bestF = f), (best = t);
  }
  return Math.round(best * 100) / 100;
}

/** Out-of-fold probabilities of `items` under k-fold training. */
function outOfFold(type: ClassifiedType, items: Item[], k: number, seed: number, opts: TrainOptions): number[] {
  const fold = folds(items, k, seed);
  const probs = new Array<number>(items.length).fill(0);
  for (let f = 0; f < k; f++) {
    const part = items.filter((_, i) => fold[i] !== f);
    if (!part.some((t) => t.y)) continue;
    const m = train(type, part, opts);
    items.forEach((it, i) => {
      if (fold[i] === f) probs[i] = modelProbability(m, it.x);
    });
  }
  return probs;
}

/** (c): each vote against the label of the sentence's other votes, as expected counts. */
function annotatorAgreement(sentences: GsrSentence[]): Prf {
  let tp = 0, fp = 0, fn = 0;
  for (const r of sentences) {
    const n = r.accept + r.reject;
    for (const [vote, share] of [[true, r.accept / n], [false, r.reject / n]] as const) {
      if (!share) continue;
      const others = vote ? labelOfVotes(r.accept - 1, r.reject) : labelOfVotes(r.accept, r.reject - 1);
      if (others === 'ambiguous') continue;
      if (vote && others === 'yes') tp += share;
      else if (vote) fp += share;
      else if (others === 'yes') fn += share;
    }
  }
  const p = tp / (tp + fp), rec = tp / (tp + fn);
  const round = (x: number): number => Math.round(x);
  return { p, r: rec, f: (2 * p * rec) / (p + rec), tp: round(tp), fp: round(fp), fn: round(fn) };
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
  const showErrors = args.includes('--errors');
  const targetsArg = args.includes('--targets') ? args[args.indexOf('--targets') + 1] : 'votes';
  if (targetsArg !== 'hard' && targetsArg !== 'votes') throw new Error(`--targets: 'hard' or 'votes', not '${targetsArg}'`);
  const targets: Targets = targetsArg;
  const opts: TrainOptions = { ...DEFAULT_TRAIN, seed, epochs: opt('--epochs', DEFAULT_TRAIN.epochs), l2: opt('--l2', DEFAULT_TRAIN.l2), rate: opt('--rate', DEFAULT_TRAIN.rate), minCount: opt('--min', DEFAULT_TRAIN.minCount) };
  const l2Grid = args.includes('--l2') ? [opts.l2] : L2_GRID;
  const models: EventModel[] = [];
  const notes: Record<string, unknown> = { folds: k, seed, train: opts, l2Grid, targets };
  const only = args.includes('--type') ? args[args.indexOf('--type') + 1] : null;
  if (only !== null && !(CLASSIFIED_TYPES as readonly string[]).includes(only)) throw new Error(`--type: one of ${CLASSIFIED_TYPES.join(', ')}, not '${only}'`);
  if (only !== null && write) throw new Error('--type: the weights file holds every type; give --no-write with --type');
  for (const type of CLASSIFIED_TYPES) {
    if (only && type !== only) continue;
    const sentences = readGsrSentences(type === 'PROTEST' ? 'protest' : 'assault');
    if (!sentences) {
      console.log(`eval-events-gsr: ../shared/data/events/${type.toLowerCase()}-dev.csv not found — skipped.`);
      return;
    }
    const t0 = Date.now();
    const items = load(sentences, type, targets);
    const scored = items.filter((it) => it.scored);
    const nYes = scored.filter((it) => it.y).length;
    const nDocs = new Set(scored.map((it) => it.doc)).size;
    console.log(`\n${type}: ${scored.length} sentences scored (${nYes} yes), ${nDocs} documents${items.length > scored.length ? `; ${items.length - scored.length} ambiguous ones trained on, never scored` : ''}`);

    const trig = items.map((it) => findEventTriggers(it.text).filter((t) => t.type === type));
    console.log(line('(a) triggers alone, status none', prf(items, trig.map((ts) => ts.some((t) => t.status === null)))));
    console.log(line('    triggers alone, any status', prf(items, trig.map((ts) => ts.length > 0))));

    // (b) outer CV; L2 strength and threshold of each fold by inner CV on its training part
    const fold = folds(items, k, seed);
    const chosen: number[] = [];
    const perFold: Prf[] = [];
    const oofProb = new Array<number>(items.length).fill(0);
    const oofPred = new Array<boolean>(items.length).fill(false);
    for (let f = 0; f < k; f++) {
      const trainIdx = items.map((_, i) => i).filter((i) => fold[i] !== f);
      const testIdx = items.map((_, i) => i).filter((i) => fold[i] === f);
      const part = trainIdx.map((i) => items[i]!);
      const { l2, threshold } = chooseSettings(type, part, k - 1, seed + 1, opts, l2Grid);
      chosen.push(l2);
      const m = train(type, part, { ...opts, l2 });
      for (const i of testIdx) {
        oofProb[i] = modelProbability(m, items[i]!.x);
        oofPred[i] = oofProb[i]! >= threshold;
      }
      perFold.push(prf(items, oofPred, testIdx));
    }
    const mean = (g: (m: Prf) => number): number => perFold.reduce((s, m) => s + g(m), 0) / perFold.length;
    const sd = (g: (m: Prf) => number): number => Math.sqrt(perFold.reduce((s, m) => s + (g(m) - mean(g)) ** 2, 0) / perFold.length);
    console.log(`  (b) classifier, ${k}-fold CV mean         P ${pct(mean((m) => m.p))}  R ${pct(mean((m) => m.r))}  F1 ${pct(mean((m) => m.f))}   (F1 sd ${(100 * sd((m) => m.f)).toFixed(1)})`);
    console.log(line(`    classifier, ${k}-fold CV pooled`, prf(items, oofPred)));
    console.log(`      L2 chosen per fold: ${chosen.join(', ')}`);
    console.log(line('(c) one annotator vs the others', annotatorAgreement(sentences), '  (expected counts)'));
    if (showErrors) {
      // out-of-fold mistakes, most confident first: what the features miss
      const wrong = items.map((it, i) => ({ it, p: oofProb[i]!, pred: oofPred[i]! })).filter((e) => e.it.scored && e.pred !== e.it.y).sort((a, b) => Math.abs(b.p - 0.5) - Math.abs(a.p - 0.5));
      for (const e of wrong) console.log(`    ${e.it.y ? 'FN' : 'FP'} ${e.p.toFixed(2)} ${e.it.label.padEnd(12)} ${e.it.text.slice(0, 160)}`);
    }

    // the final model: L2 strength and threshold by cross-validation on the whole file
    const { l2, threshold } = chooseSettings(type, items, k, seed, opts, l2Grid);
    const final = train(type, items, { ...opts, l2 });
    final.threshold = threshold;
    models.push(final);
    notes[type] = { sentences: scored.length, yes: nYes, documents: nDocs, l2, threshold, features: Object.keys(final.weights).length };
    console.log(`  final model: ${Object.keys(final.weights).length} weights, L2 ${l2}, threshold ${threshold} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  if (!write) return;
  const file: EventModelFile = {
    about: 'Marsad PROTEST/ASSAULT sentence classifier weights (logistic regression over light-stem, trigger and trigger-argument features, fitted to the annotators\' share of accepts); written by scripts/eval-events-gsr.ts',
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
