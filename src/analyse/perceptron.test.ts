import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOC_EXTRA, FeatureExtractor, withExtra } from './ner-features.js';
import { NerTagger } from './ner-tagger.js';
import { NER_TAGS, nerModel } from './ner-model.js';
import { mixModels, Perceptron, trainPerceptron, type Example } from './perceptron.js';

// tiny self-written corpus: a name after "الرئيس" / before "قال", a place after "في"
const SENTENCES: Array<[string[], string[]]> = [
  [['قال', 'الرئيس', 'سمير', 'داود', 'في', 'بيروت'], ['O', 'O', 'B-PERSON', 'I-PERSON', 'O', 'B-LOCATION']],
  [['وصل', 'الرئيس', 'كريم', 'فارس', 'إلى', 'دمشق'], ['O', 'O', 'B-PERSON', 'I-PERSON', 'O', 'B-LOCATION']],
  [['اجتمع', 'مجلس', 'الأمن', 'في', 'نيويورك'], ['O', 'B-ORG', 'I-ORG', 'O', 'B-LOCATION']],
];

function examples(): Example[] {
  const fx = new FeatureExtractor();
  const index = new Map(NER_TAGS.map((t, i) => [t, i]));
  return SENTENCES.map(([tokens, tags]) => ({ ...fx.sentence(tokens), gold: Uint8Array.from(tags, (t) => index.get(t)!) }));
}

test('the perceptron learns a tiny corpus, decodes valid IOB2, and training is reproducible', () => {
  const ex = examples();
  const opts = { tags: [...NER_TAGS], bits: 16, epochs: 5, seed: 7 };
  const m = trainPerceptron(ex, opts);
  for (const e of ex) assert.deepEqual([...m.decode(e.feats, e.offsets)], [...e.gold]);
  const again = trainPerceptron(ex, opts);
  assert.deepEqual(again.serialise(), m.serialise(), 'same data and seed → same bytes');
});

test('serialisation round-trips (weights quantised to int16, vocabulary kept)', () => {
  const ex = examples();
  const m = trainPerceptron(ex, { tags: [...NER_TAGS], bits: 16, epochs: 3, seed: 1 });
  m.vocab = Uint32Array.of(5, 1, 4_000_000_000);
  const back = Perceptron.deserialise(m.serialise({ test: true }));
  assert.deepEqual(back.tags, m.tags);
  assert.equal(back.bits, 16);
  assert.deepEqual([...back.vocab], [1, 5, 4_000_000_000]);
  assert.equal(back.notes.test, true);
  assert.deepEqual([...back.trans], [...m.trans]);
  let maxErr = 0, maxW = 0;
  for (let i = 0; i < m.weights.length; i++) {
    maxErr = Math.max(maxErr, Math.abs(back.weights[i]! - m.weights[i]!));
    maxW = Math.max(maxW, Math.abs(m.weights[i]!));
  }
  assert.ok(maxErr <= maxW / 32000, `quantisation error ${maxErr}`);
  for (const e of ex) assert.deepEqual([...back.decode(e.feats, e.offsets)], [...m.decode(e.feats, e.offsets)]);
  assert.throws(() => Perceptron.deserialise(Buffer.from('not gzip')));
});

test('the committed model loads and has the tag set', () => {
  const m = nerModel();
  assert.deepEqual(m.tags, NER_TAGS);
  assert.equal(nerModel(), m, 'loaded once');
  assert.match(String(m.notes.licence), /CC BY-SA 4\.0/);
});

test('document features: what a first pass made of the same word elsewhere; two-pass tagging', () => {
  const fx = new FeatureExtractor();
  const sents = [['قالت', 'فولكسفاغن'], ['باعت', 'فولكسفاغن'], ['قال', 'أحمد']];
  const words = sents.map((s) => fx.sentence(s).words);
  const tags = [Uint8Array.of(0, 3), Uint8Array.of(0, 0), Uint8Array.of(0, 1)];
  const near = fx.documentFeatures(words, tags, 5);
  const far = fx.documentFeatures(words, tags, 0);
  assert.equal(near.length, 3);
  assert.equal(near[1]!.length, 2 * DOC_EXTRA);
  // sentence 2's "فولكسفاغن" sees the ORG of sentence 1 within the window, not with window 0
  assert.notEqual(near[1]![DOC_EXTRA], far[1]![DOC_EXTRA]);
  // a word seen nowhere else has the same features whatever the window
  assert.equal(near[2]![DOC_EXTRA], far[2]![DOC_EXTRA]);
  const s = fx.sentence(sents[0]!);
  const x = withExtra(s, near[0]!, DOC_EXTRA);
  assert.equal(x.feats.length, s.feats.length + 2 * DOC_EXTRA);
  assert.equal(x.offsets[2], x.feats.length);
  const m = trainPerceptron(examples(), { tags: [...NER_TAGS], bits: 16, epochs: 3, seed: 1 });
  const tagger = new NerTagger(m, { docModel: m, window: 3 }, fx);
  const out = tagger.tagDocument(sents);
  assert.equal(out.length, 3);
  assert.deepEqual(out.map((t) => t.tags.length), [2, 2, 2]);
  assert.deepEqual(new NerTagger(m, {}, fx).tagDocument(sents).map((t) => t.tags), sents.map((x) => tagger.tag(x).tags));
});

test('mixing: the mean of the models trained with seeds seed … seed+k-1, reproducible, still learning the corpus', () => {
  const ex = examples();
  const opts = { tags: [...NER_TAGS], bits: 16, epochs: 5, seed: 7 };
  const a = trainPerceptron(ex, opts);
  const b = trainPerceptron(ex, { ...opts, seed: 8 });
  const mixed = trainPerceptron(ex, { ...opts, mix: 2 });
  const mean = mixModels([a, b]);
  assert.deepEqual(mixed.serialise(), mean.serialise());
  let i = 0;
  while (a.weights[i] === b.weights[i]) i++;
  assert.ok(Math.abs(mixed.weights[i]! - (a.weights[i]! + b.weights[i]!) / 2) < 1e-6, 'a weight where the two differ is their mean');
  for (const e of ex) assert.deepEqual([...mixed.decode(e.feats, e.offsets)], [...e.gold]);
  assert.throws(() => mixModels([a, new Perceptron([...NER_TAGS], 15)]), /different shapes/);
});
