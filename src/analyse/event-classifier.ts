/**
 * Sentence classifier for PLOVER PROTEST and ASSAULT: does this sentence report such an
 * event (as news, not as background, opinion, a statement about attacks or a denial)?
 *
 * Trigger evidence (src/analyse/event-triggers.ts) alone over-fires on sentences that only
 * mention protests or attacks; a small binary logistic regression weighs it against the rest
 * of the sentence. Features (strings, see `sentenceFeatures`):
 * - triggers of the type: present, strong (not a `weak` table entry), count, their status
 *   (negation / future / hypothetical / historical / none), their form, verb or noun, and
 *   whether one opens the sentence; triggers of other types by type;
 * - the light-stem keys of the six words either side of each trigger of the type, by side
 *   (windows of 3 to 8 words were cross-validated over six seeds: six scored best
 *   over both types, ASSAULT about two points above four, PROTEST within its noise; a bag of the
 *   whole sentence's words and bigrams scored no better, with ten times the weights);
 * - cue words of data/events/cues.ar.txt anywhere in the sentence: negation, denial, future,
 *   hypothetical, historical, reported speech, casualty nouns, commentary words; a number
 *   right before a casualty noun ("سبعة قتلى", "12 قتيلا");
 * - argument features of the trigger nouns (src/analyse/event-argument-features.ts): a
 *   crowd-act verb whose subject they are ("وتجمع نحو 500 متظاهر") and a count of people
 *   near them;
 * - quotation marks, a question mark, sentence length (bucketed).
 *
 * Training is plain L2-regularised logistic regression by stochastic gradient descent with
 * a seeded shuffle (same data and options → same weights), positives up-weighted to balance
 * the classes. A target may be soft: the shipped weights fit the share of annotators who
 * accepted each sentence, not only the unanimous "yes" the data scores (a sentence one of
 * three annotators rejected is mostly an event, and says so to the model); the sentences the
 * data calls ambiguous are trained on that way too, and never scored. The decision threshold
 * is chosen by cross-validation (scripts/eval-events-gsr.ts).
 *
 * Weights: `data/events/classifier.json.gz`, trained by scripts/eval-events-gsr.ts on the
 * development half of the OEDA Arabic event gold standard (openeventdata/arabic_event_gsr,
 * MIT); only feature names (light stems) and numbers are stored, no sentences. Loaded
 * lazily, once.
 */
import { seededRandom } from '../model/seeded-random.js';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dataFile } from '../model/paths.js';
import { cuePhrases, eventWords, triggerDetails, type CueSection, type EventWord } from './event-triggers.js';
import { argumentFeatures } from './event-argument-features.js';

export type ClassifiedType = 'PROTEST' | 'ASSAULT';
export const CLASSIFIED_TYPES: readonly ClassifiedType[] = ['PROTEST', 'ASSAULT'];

/** One trained binary model. */
export interface EventModel {
  type: ClassifiedType;
  bias: number;
  /** probability at or above which a sentence is taken as an event */
  threshold: number;
  weights: Record<string, number>;
}

export interface EventModelFile {
  about: string;
  licence: string;
  source: string;
  notes: Record<string, unknown>;
  models: EventModel[];
}

/** Words either side of a trigger whose light stems are features. */
const NEAR = 6;

const CUE_FEATURES: readonly CueSection[] = ['negation', 'denial', 'future', 'hypothetical', 'historical', 'reported', 'casualty', 'opinion'];

function phraseAt(words: EventWord[], i: number, phrase: readonly string[]): boolean {
  for (let k = 0; k < phrase.length; k++) {
    const w = words[i + k];
    if (!w || w.kind !== 'arabic') return false;
    if (w.norm !== phrase[k] && !(k === 0 && w.norm2 === phrase[k])) return false;
  }
  return true;
}

const bucket = (n: number, edges: number[]): string => {
  let i = 0;
  while (i < edges.length && n > edges[i]!) i++;
  return String(i);
};

/** The features of a sentence for one event type (a set of names; each counts 1). */
export function sentenceFeatures(sentence: string, type: ClassifiedType): string[] {
  const words = eventWords(sentence);
  const f = new Set<string>(['bias']);
  const triggers = triggerDetails(sentence, words);
  let nType = 0;
  for (const t of triggers) {
    if (t.type !== type) {
      f.add(`other:${t.type}`);
      continue;
    }
    nType++;
    const st = t.status ?? 'none';
    f.add('trig');
    f.add(`trig:status:${st}`);
    f.add(`trig:form:${t.form}`);
    if (t.mode) f.add(`trig:mode:${t.mode}`);
    f.add(`trig:${t.verb ? 'verb' : 'noun'}:${st}`);
    if (!t.weak) f.add(`trig:strong:${st}`);
    if (t.word <= 2) f.add('trig:early');
    const w = words[t.word]!;
    f.add(`trig:pro:${w.proclitics.join('+') || '-'}`);
    const prevW = words[t.word - 1];
    const nextW = words.find((x) => x.start >= t.end);
    f.add(`trig:prev:${prevW && prevW.sentence === w.sentence ? (prevW.kind === 'arabic' ? prevW.key : prevW.kind) : '<s>'}`);
    f.add(`trig:next:${nextW && nextW.sentence === w.sentence ? (nextW.kind === 'arabic' ? nextW.key : nextW.kind) : '</s>'}`);
  }
  if (!nType) f.add('trig:none');
  f.add(`trig:n:${bucket(nType, [0, 1, 2])}`);

  for (const t of triggers) {
    if (t.type !== type) continue;
    for (let d = -NEAR; d <= NEAR; d++) {
      const x = words[t.word + d];
      if (!d || !x || x.sentence !== words[t.word]!.sentence || x.kind !== 'arabic') continue;
      f.add(`near:${d < 0 ? 'L' : 'R'}:${x.key}`);
    }
  }
  const nWords = words.filter((w) => w.kind === 'arabic' || w.kind === 'number').length;
  f.add(`len:${bucket(nWords, [8, 15, 25, 40])}`);

  for (const section of CUE_FEATURES) {
    const phrases = cuePhrases(section);
    for (let i = 0; i < words.length; i++) {
      if (phrases.some((p) => phraseAt(words, i, p))) {
        f.add(`cue:${section}`);
        if (section === 'casualty') {
          for (let j = Math.max(0, i - 3); j < i; j++) if (words[j]!.kind === 'number' || /^(اثن|ثلاث|اربع|خمس|ست|سبع|ثماني|تسع|عشر|عشرات|مئات|الاف)/.test(words[j]!.norm)) f.add('numcas');
        }
        if (i <= 2) f.add(`cue:${section}:early`);
      }
    }
  }
  for (const a of argumentFeatures(words, triggers, type)) f.add(a);
  if (/[«»"“”]/.test(sentence)) f.add('quote');
  if (/[?؟]/.test(sentence)) f.add('question');
  return [...f];
}

// ---------------------------------------------------------------- training

export interface TrainOptions {
  epochs: number;
  /** initial learning rate */
  rate: number;
  /** L2 strength per example */
  l2: number;
  seed: number;
  /** features seen in fewer training sentences are dropped */
  minCount: number;
}

export const DEFAULT_TRAIN: TrainOptions = { epochs: 30, rate: 0.1, l2: 1e-4, seed: 13, minCount: 2 };


const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * Trains a model on featurised sentences: `ys` true (or 1) = event, false (0) = none, or a
 * share in between (such as the annotators' share of accepts), fitted as a soft target.
 * Deterministic.
 */
export function trainModel(type: ClassifiedType, xs: string[][], ys: readonly (boolean | number)[], opts: TrainOptions = DEFAULT_TRAIN): EventModel {
  const ts = ys.map((y) => (typeof y === 'number' ? y : y ? 1 : 0));
  const counts = new Map<string, number>();
  for (const x of xs) for (const k of x) counts.set(k, (counts.get(k) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [k, c] of counts) if (c >= opts.minCount || k === 'bias') index.set(k, index.size);
  const rows = xs.map((x) => x.map((k) => index.get(k)).filter((i): i is number => i !== undefined));
  const w = new Float64Array(index.size);
  const nPos = ts.reduce((a, t) => a + t, 0);
  const posWeight = nPos ? Math.max(1, Math.sqrt((ts.length - nPos) / nPos)) : 1;
  const order = rows.map((_, i) => i);
  const rand = seededRandom(opts.seed);
  let step = 0;
  for (let ep = 0; ep < opts.epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const lr = opts.rate / (1 + 0.01 * step++);
      const row = rows[n]!;
      let z = 0;
      for (const i of row) z += w[i]!;
      const p = sigmoid(z);
      // gradient of the class-weighted log loss with target t: posWeight·t·(1−p) − (1−t)·p
      const t = ts[n]!;
      const g = posWeight * t * (1 - p) - (1 - t) * p;
      for (const i of row) w[i] = w[i]! * (1 - lr * opts.l2) + lr * g;
    }
  }
  const weights: Record<string, number> = {};
  let bias = 0;
  for (const [k, i] of index) {
    const v = Math.round(w[i]! * 1000) / 1000;
    if (k === 'bias') bias = v;
    else if (v !== 0) weights[k] = v;
  }
  return { type, bias, threshold: 0.5, weights };
}

/** Probability under a model of featurised input. */
export function modelProbability(model: EventModel, features: readonly string[]): number {
  let z = model.bias;
  for (const k of features) if (k !== 'bias') z += model.weights[k] ?? 0;
  return sigmoid(z);
}

// ---------------------------------------------------------------- the shipped model

export const MODEL_FILE = 'events/classifier.json.gz';
let loaded: Map<ClassifiedType, EventModel> | null = null;

/** The shipped models, read once; null when the weights file is missing. */
export function loadEventModels(): Map<ClassifiedType, EventModel> | null {
  if (loaded) return loaded;
  const path = dataFile(MODEL_FILE);
  if (!existsSync(path)) return null;
  const file = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as EventModelFile;
  loaded = new Map(file.models.map((m) => [m.type, m]));
  return loaded;
}

function model(type: ClassifiedType): EventModel {
  const m = loadEventModels()?.get(type);
  if (!m) throw new Error(`no ${type} event model in data/${MODEL_FILE} (run scripts/eval-events-gsr.ts to train it)`);
  return m;
}

/**
 * Probability that a sentence reports a PROTEST (or ASSAULT) event.
 * @example eventProbability('تظاهر آلاف الطلاب أمس أمام البرلمان', 'PROTEST') // close to 1
 */
export function eventProbability(sentence: string, type: ClassifiedType): number {
  return modelProbability(model(type), sentenceFeatures(sentence, type));
}

/** Whether a sentence reports a PROTEST (or ASSAULT) event, at the model's cross-validated threshold. */
export function isEventSentence(sentence: string, type: ClassifiedType): boolean {
  const m = model(type);
  return modelProbability(m, sentenceFeatures(sentence, type)) >= m.threshold;
}
