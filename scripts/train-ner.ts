/**
 * Trains the NER model and writes `data/ner/ner-model.bin.gz`.
 *
 *   npm run train:ner [-- --epochs 20] [-- --bits 20] [-- --seed 1] [-- --dev-only] [-- --no-rules]
 *
 * 1. Reads ANERcorp (CAMeL Lab training split, ../shared/data/ner/anercorp-camel-train.txt)
 *    and holds out the LAST 10% of its sentences as the development split — a contiguous block,
 *    so that the names of one article do not sit on both sides (random sentences would leak
 *    them). The split is written to tmp/ner-dev.conll (ignored by git) for `marsad eval ner`.
 * 2. Trains on the other 90%, printing the development F1 after each epoch, and reports the
 *    final development scores with and without the gazetteer rules (and AQMAR's, out of
 *    domain, for information only: nothing is chosen on it).
 * 3. Unless --dev-only, retrains with the same settings on the whole file and writes the
 *    model. Same command, same data → same bytes (seeded shuffle, fixed order, no clock).
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatConll, readConll, type ConllSentence } from '../src/analyse/conll.js';
import { NER_MODEL_FILE, NER_TAGS } from '../src/analyse/ner-model.js';
import { evaluateTagger, formatScore } from '../src/analyse/ner-eval.js';
import { FeatureExtractor } from '../src/analyse/ner-features.js';
import { NerTagger } from '../src/analyse/ner-tagger.js';
import { trainPerceptron, type Example } from '../src/analyse/perceptron.js';
import { dataFile, REPO_ROOT, sharedPath } from '../src/model/paths.js';

interface Args {
  epochs: number;
  bits: number;
  seed: number;
  devFraction: number;
  devOnly: boolean;
  rules: boolean;
  train: string | null;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { epochs: 20, bits: 20, seed: 1, devFraction: 0.1, devOnly: false, rules: true, train: null };
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

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const trainFile = args.train ?? sharedPath('data', 'ner', 'anercorp-camel-train.txt');
  if (!trainFile) throw new Error('train-ner: ../shared/data/ner/anercorp-camel-train.txt not found (or pass --train FILE)');
  const all = readConll([trainFile]);
  const nDev = Math.round(all.length * args.devFraction);
  const train = all.slice(0, all.length - nDev);
  const dev = all.slice(all.length - nDev);
  const tokens = (ss: ConllSentence[]): number => ss.reduce((n, s) => n + s.tokens.length, 0);
  console.log(`${trainFile}: ${all.length} sentences; train ${train.length} (${tokens(train)} tokens), dev = last ${dev.length} sentences (${tokens(dev)} tokens)`);
  mkdirSync(join(REPO_ROOT, 'tmp'), { recursive: true });
  const devFile = join(REPO_ROOT, 'tmp', 'ner-dev.conll');
  writeFileSync(devFile, formatConll(dev));
  console.log(`dev split written to ${devFile}`);

  const fx = new FeatureExtractor();
  const settings = { tags: [...NER_TAGS], bits: args.bits, epochs: args.epochs, seed: args.seed };
  let t0 = Date.now();
  const trainEx = examples(fx, train);
  const devModel = trainPerceptron(trainEx, {
    ...settings,
    onEpoch: (epoch, errors, model) => {
      const tagger = new NerTagger(model(), { rules: args.rules }, fx);
      const f1 = evaluateTagger(dev, (t) => tagger.tag(t).tags).f1;
      console.log(`epoch ${String(epoch).padStart(2)}: ${errors} token errors, dev F1 ${(100 * f1).toFixed(2)}`);
    },
  });
  console.log(`trained in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const rules of [false, true]) {
    const tagger = new NerTagger(devModel, { rules }, fx);
    console.log('\n' + formatScore(evaluateTagger(dev, (t) => tagger.tag(t).tags), `DEV (held-out last ${dev.length} sentences), rules ${rules ? 'on' : 'off'}`));
  }
  const aqmar = sharedPath('data', 'ner', 'aqmar-dev');
  if (aqmar) {
    const tagger = new NerTagger(devModel, { rules: args.rules }, fx);
    console.log('\n' + formatScore(evaluateTagger(readConll([aqmar]), (t) => tagger.tag(t).tags), 'AQMAR dev articles (out of domain; dev model; information only)'));
  }
  if (args.devOnly) return;

  t0 = Date.now();
  const final = trainPerceptron(examples(fx, all), settings);
  const out = dataFile(NER_MODEL_FILE);
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, final.serialise({
    data: 'ANERcorp, CAMeL Lab training split (all sentences)',
    licence: 'CC BY-SA 4.0 (adaptation of ANERcorp, Benajiba et al.; split by CAMeL Lab, NYU Abu Dhabi)',
    sentences: all.length,
    epochs: args.epochs,
    seed: args.seed,
    bits: args.bits,
  }));
  console.log(`\nfinal model (all ${all.length} sentences) trained in ${((Date.now() - t0) / 1000).toFixed(1)} s → ${out} (${(statSync(out).size / 1024).toFixed(0)} KB)`);
}

main();
