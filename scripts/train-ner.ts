/**
 * Trains the NER model and writes `data/ner/ner-model.bin.gz`.
 *
 *   npm run train:ner [-- --epochs 20] [-- --bits 20] [-- --seed 1] [-- --dev-only] [-- --no-rules]
 *                     [-- --min-count 2] [-- --doc-window 30] [-- --folds 5] [-- --mix 1] [-- --no-aqmar] [-- --errors FILE]
 *                     [-- --train-fraction 1]
 *
 * --min-count: words seen fewer times in training are features only as "a rare word";
 * --doc-window 0: no second (document) pass; --no-aqmar: skip the AQMAR report (use it
 * while exploring: nothing is chosen on AQMAR); --errors: write dev predictions; --mix K: each
 * of the two models is the mean of K models trained in K seeded orders (seed, seed+1 …);
 * --train-fraction F (with --dev-only): train on the first F of the training part only, the
 * dev split unchanged — a learning curve: how much more annotated text would buy.
 *
 * 1. Reads ANERcorp (CAMeL Lab training split, ../shared/data/ner/anercorp-camel-train.txt)
 *    and holds out the LAST 10% of its sentences as the development split — a contiguous block,
 *    so that the names of one article do not sit on both sides (random sentences would leak
 *    them). The split is written to tmp/ner-dev.conll (ignored by git) for `marsad eval ner`.
 * 2. Trains on the other 90%, printing the development F1 after each epoch, and reports the
 *    final development scores with and without the gazetteer rules (and AQMAR's, out of
 *    domain, for information only: nothing is chosen on it).
 *    With a document window, a second-pass model is trained on document features computed
 *    from 5-fold cross-validated first-pass tags, and the dev split is also scored with both
 *    passes (the running window stands in for articles: the corpus has no boundaries).
 * 3. Unless --dev-only, retrains with the same settings on the whole file and writes the
 *    model (and the document model, data/ner/ner-model-doc.bin.gz). Same command, same data → same bytes (seeded shuffle, fixed order, no clock).
 */
import { existsSync, mkdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatConll, readConll, type ConllSentence } from '../src/analyse/conll.js';
import { NER_DOC_MODEL_FILE, NER_MODEL_FILE, NER_TAGS } from '../src/analyse/ner-model.js';
import { evaluateTagger, formatScore } from '../src/analyse/ner-eval.js';
import { countVocabulary, DOC_EXTRA, FeatureExtractor, withExtra } from '../src/analyse/ner-features.js';
import { NerTagger } from '../src/analyse/ner-tagger.js';
import { trainPerceptron, type Example, type Perceptron, type TrainOptions } from '../src/analyse/perceptron.js';
import { dataFile, REPO_ROOT, sharedPath } from '../src/model/paths.js';

interface Args {
  epochs: number;
  bits: number;
  seed: number;
  devFraction: number;
  devOnly: boolean;
  rules: boolean;
  train: string | null;
  /** skip the AQMAR report (exploration: nothing is chosen on AQMAR) */
  aqmar: boolean;
  /** write the dev split's predictions (token gold predicted) to this file */
  errors: string | null;
  /** words seen fewer times in training are features only as "a rare word" (1 = keep all) */
  minCount: number;
  /** document window of the second-pass model (sentences either side); 0: no second pass */
  docWindow: number;
  /** folds of the cross-validated first-pass predictions the second pass learns from */
  folds: number;
  /** models (seeds seed, seed+1 …) averaged into each of the two models; the folds' models are single */
  mix: number;
  /** share of the training part (its first sentences) used, for a learning curve (dev-only) */
  trainFraction: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { epochs: 20, bits: 20, seed: 1, devFraction: 0.1, devOnly: false, rules: true, train: null, aqmar: true, errors: null, minCount: 2, docWindow: 30, folds: 5, mix: 1, trainFraction: 1 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    const v = (): string => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${k} needs a value`);
      return x;
    };
    if (k === '--epochs') a.epochs = Number(v());
    else if (k === '--bits') a.bits = Number(v());
    else if (k === '--seed') a.seed = Number(v());
    else if (k === '--dev-fraction') a.devFraction = Number(v());
    else if (k === '--dev-only') a.devOnly = true;
    else if (k === '--no-rules') a.rules = false;
    else if (k === '--train') a.train = v();
    else if (k === '--no-aqmar') a.aqmar = false;
    else if (k === '--errors') a.errors = v();
    else if (k === '--min-count') a.minCount = Number(v());
    else if (k === '--doc-window') a.docWindow = Number(v());
    else if (k === '--folds') a.folds = Number(v());
    else if (k === '--mix') a.mix = Number(v());
    else if (k === '--train-fraction') a.trainFraction = Number(v());
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

function examples(fx: FeatureExtractor, sentences: readonly ConllSentence[]): Example[] {
  const index = new Map(NER_TAGS.map((t, i) => [t, i]));
  return sentences.map((s) => {
    const { feats, offsets } = fx.sentence(s.tokens);
    // the corpus may have I-X without B-X; the model learns IOB2 proper
    const gold = new Uint8Array(s.tags.length);
    for (let i = 0; i < s.tags.length; i++) {
      let t = s.tags[i]!;
      if (t.startsWith('I-') && (i === 0 || s.tags[i - 1]!.slice(2) !== t.slice(2))) t = 'B-' + t.slice(2);
      gold[i] = index.get(t) ?? 0;
    }
    return { feats, offsets, gold };
  });
}

interface Trained {
  model: Perceptron;
  docModel: Perceptron | null;
}

/**
 * The sentence model, and (docWindow > 0) the document model: trained on the document
 * features of first-pass tags that come from cross-validation (each contiguous fold tagged
 * by a model that never saw it), so that it learns how far to trust a first pass on names
 * it has not seen — as at tagging time — rather than a first pass that knows its training data.
 */
function trainModels(fx: FeatureExtractor, sentences: readonly ConllSentence[], args: Args, settings: TrainOptions, log: (s: string) => void): Trained {
  const ex = examples(fx, sentences);
  const model = trainPerceptron(ex, settings);
  if (args.docWindow <= 0) return { model, docModel: null };
  const index = new Map(NER_TAGS.map((t, i) => [t, i]));
  const pass1: Uint8Array[] = new Array(sentences.length);
  const k = Math.max(2, args.folds);
  for (let f = 0; f < k; f++) {
    const a = Math.floor((f * sentences.length) / k), b = Math.floor(((f + 1) * sentences.length) / k);
    const foldModel = trainPerceptron([...ex.slice(0, a), ...ex.slice(b)], { ...settings, mix: 1, onEpoch: undefined });
    const tagger = new NerTagger(foldModel, { rules: args.rules }, fx);
    for (let i = a; i < b; i++) pass1[i] = Uint8Array.from(tagger.tag(sentences[i]!.tokens).tags, (t) => index.get(t) ?? 0);
    log(`  fold ${f + 1}/${k} tagged`);
  }
  const words = sentences.map((s) => fx.sentence(s.tokens).words);
  const doc = fx.documentFeatures(words, pass1, args.docWindow);
  const ex2 = ex.map((e, i) => ({ ...withExtra(e, doc[i]!, DOC_EXTRA), gold: e.gold }));
  const docModel = trainPerceptron(ex2, { ...settings, onEpoch: undefined });
  docModel.notes = { window: args.docWindow };
  return { model, docModel };
}

/** Tags each sentence with the document around it (the corpus has no article boundaries: a running window). */
function documentTagger(t: Trained, fx: FeatureExtractor, args: Args, sentences: readonly ConllSentence[]): (tokens: string[]) => string[] {
  const tagger = new NerTagger(t.model, { rules: args.rules, docModel: t.docModel, window: args.docWindow }, fx);
  const out = tagger.tagDocument(sentences.map((s) => s.tokens));
  const byTokens = new Map(sentences.map((s, i) => [s.tokens, out[i]!.tags]));
  return (tokens) => byTokens.get(tokens) ?? tagger.tag(tokens).tags;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const trainFile = args.train ?? sharedPath('data', 'ner', 'anercorp-camel-train.txt');
  if (!trainFile) throw new Error('train-ner: ../shared/data/ner/anercorp-camel-train.txt not found (or pass --train FILE)');
  const all = readConll([trainFile]);
  const nDev = Math.round(all.length * args.devFraction);
  if (!(args.trainFraction > 0 && args.trainFraction <= 1)) throw new Error(`--train-fraction must be in (0, 1] (got ${args.trainFraction})`);
  if (args.trainFraction < 1 && !args.devOnly) throw new Error('--train-fraction is for learning curves: use it with --dev-only (the committed model trains on every sentence)');
  const train = all.slice(0, Math.round((all.length - nDev) * args.trainFraction));
  const dev = all.slice(all.length - nDev);
  const tokens = (ss: ConllSentence[]): number => ss.reduce((n, s) => n + s.tokens.length, 0);
  console.log(`${trainFile}: ${all.length} sentences; train ${train.length} (${tokens(train)} tokens), dev = last ${dev.length} sentences (${tokens(dev)} tokens)`);
  mkdirSync(join(REPO_ROOT, 'tmp'), { recursive: true });
  const devFile = join(REPO_ROOT, 'tmp', 'ner-dev.conll');
  writeFileSync(devFile, formatConll(dev));
  console.log(`dev split written to ${devFile}`);

  const vocabOf = (ss: readonly ConllSentence[]): Set<number> | null =>
    args.minCount > 1 ? countVocabulary(ss.map((x) => x.tokens), args.minCount) : null;
  const devVocab = vocabOf(train);
  const fx = new FeatureExtractor(devVocab);
  const settings: TrainOptions = { tags: [...NER_TAGS], bits: args.bits, epochs: args.epochs, seed: args.seed, mix: args.mix };
  let t0 = Date.now();
  const devModels = trainModels(fx, train, args, {
    ...settings,
    onEpoch: (epoch, errors, model) => {
      const tagger = new NerTagger(model(), { rules: args.rules }, fx);
      const f1 = evaluateTagger(dev, (t) => tagger.tag(t).tags).f1;
      console.log(`epoch ${String(epoch).padStart(2)}: ${errors} token errors, dev F1 ${(100 * f1).toFixed(2)} (sentence model)`);
    },
  }, (l) => console.log(l));
  const devModel = devModels.model;
  console.log(`trained in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const rules of [false, true]) {
    const tagger = new NerTagger(devModel, { rules }, fx);
    console.log('\n' + formatScore(evaluateTagger(dev, (t) => tagger.tag(t).tags), `DEV (held-out last ${dev.length} sentences), sentence model, rules ${rules ? 'on' : 'off'}`));
  }
  if (devModels.docModel) {
    const tag = documentTagger(devModels, fx, args, dev);
    console.log('\n' + formatScore(evaluateTagger(dev, tag), `DEV (held-out last ${dev.length} sentences), two passes (document window ±${args.docWindow} sentences), rules ${args.rules ? 'on' : 'off'}`));
  }
  if (args.errors) {
    const tag = documentTagger(devModels, fx, args, dev);
    const lines: string[] = [];
    for (const s of dev) {
      const p = tag(s.tokens);
      s.tokens.forEach((t, i) => lines.push(`${t} ${s.tags[i]} ${p[i]}`));
      lines.push('');
    }
    writeFileSync(args.errors, lines.join('\n'));
  }
  const aqmar = args.aqmar ? sharedPath('data', 'ner', 'aqmar-dev') : null;
  if (aqmar) {
    const aq = readConll([aqmar]);
    console.log('\n' + formatScore(evaluateTagger(aq, documentTagger(devModels, fx, args, aq)), 'AQMAR dev articles (out of domain; dev model; information only)'));
  }
  if (args.devOnly) return;

  t0 = Date.now();
  const allVocab = vocabOf(all);
  const fxAll = new FeatureExtractor(allVocab);
  const finals = trainModels(fxAll, all, args, settings, () => {});
  const final = finals.model;
  if (allVocab) final.vocab = Uint32Array.from(allVocab).sort();
  const out = dataFile(NER_MODEL_FILE);
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, final.serialise({
    data: 'ANERcorp, CAMeL Lab training split (all sentences)',
    licence: 'CC BY-SA 4.0 (adaptation of ANERcorp, Benajiba et al.; split by CAMeL Lab, NYU Abu Dhabi)',
    sentences: all.length,
    epochs: args.epochs,
    seed: args.seed,
    bits: args.bits,
    minCount: args.minCount,
    ...(args.mix > 1 ? { mix: args.mix } : {}),
  }));
  const docOut = dataFile(NER_DOC_MODEL_FILE);
  if (finals.docModel) {
    writeFileSync(docOut, finals.docModel.serialise({
      data: 'ANERcorp, CAMeL Lab training split (all sentences); document features from 5-fold cross-validated first-pass tags',
      licence: 'CC BY-SA 4.0 (adaptation of ANERcorp, Benajiba et al.; split by CAMeL Lab, NYU Abu Dhabi)',
      sentences: all.length,
      epochs: args.epochs,
      seed: args.seed,
      bits: args.bits,
      window: args.docWindow,
      folds: args.folds,
      ...(args.mix > 1 ? { mix: args.mix } : {}),
    }));
    console.log(`document model → ${docOut} (${(statSync(docOut).size / 1024).toFixed(0)} KB)`);
  } else if (existsSync(docOut)) unlinkSync(docOut);
  console.log(`\nfinal model (all ${all.length} sentences) trained in ${((Date.now() - t0) / 1000).toFixed(1)} s → ${out} (${(statSync(out).size / 1024).toFixed(0)} KB)`);
}

main();
