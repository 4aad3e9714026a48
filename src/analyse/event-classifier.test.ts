import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventProbability, isEventSentence, loadEventModels, modelProbability, sentenceFeatures, trainModel } from './event-classifier.js';
import { sharedPath } from '../model/paths.js';

const models = loadEventModels();
const noModel = models ? false : 'data/events/classifier.json.gz not present (run scripts/eval-events-gsr.ts)';

// Sentences written for these tests.
const PROTEST_YES = 'وتظاهر آلاف الطلاب أمس أمام مقر البرلمان احتجاجاً على رفع رسوم التسجيل.';
const PROTEST_NO = 'وقال المحلل إن ظاهرة الاحتجاجات في المنطقة تعود إلى أسباب اقتصادية عميقة.';
const ASSAULT_YES = 'وقتل سبعة أشخاص وأصيب عشرون آخرون بجروح أمس في انفجار سيارة مفخخة قرب سوق شعبي في بغداد.';
const ASSAULT_NO = 'وأكد الوزير أن مكافحة الإرهاب تتطلب تعاونا دوليا أوسع.';

test('classifier: the shipped models load, with thresholds', { skip: noModel }, () => {
  for (const t of ['PROTEST', 'ASSAULT'] as const) {
    const m = models!.get(t);
    assert.ok(m && m.threshold > 0 && m.threshold < 1 && Object.keys(m.weights).length > 50, t);
  }
});

test('classifier: separates an obvious protest report from commentary', { skip: noModel }, () => {
  assert.ok(eventProbability(PROTEST_YES, 'PROTEST') > eventProbability(PROTEST_NO, 'PROTEST'));
  assert.equal(isEventSentence(PROTEST_YES, 'PROTEST'), true);
  assert.equal(isEventSentence(PROTEST_NO, 'PROTEST'), false);
});

test('classifier: separates an obvious bombing report from a statement', { skip: noModel }, () => {
  assert.ok(eventProbability(ASSAULT_YES, 'ASSAULT') > eventProbability(ASSAULT_NO, 'ASSAULT'));
  assert.equal(isEventSentence(ASSAULT_YES, 'ASSAULT'), true);
  assert.equal(isEventSentence(ASSAULT_NO, 'ASSAULT'), false);
});

test('classifier: features carry trigger status and casualty counts', () => {
  const f = sentenceFeatures(ASSAULT_YES, 'ASSAULT');
  assert.ok(f.includes('trig:status:none'));
  assert.ok(f.includes('numcas') || f.includes('cue:casualty'));
  assert.ok(sentenceFeatures('لم يتظاهر أحد أمس.', 'PROTEST').includes('trig:status:negation'));
  assert.ok(sentenceFeatures('وقال الوزير إن الاقتصاد ينمو.', 'PROTEST').includes('trig:none'));
});

test('classifier: training is deterministic and learns a separable toy set', () => {
  const xs = [['bias', 'a'], ['bias', 'a'], ['bias', 'b'], ['bias', 'b'], ['bias', 'a', 'c'], ['bias', 'b', 'c']];
  const ys = [true, true, false, false, true, false];
  const opts = { epochs: 20, rate: 0.5, l2: 0, seed: 1, minCount: 1 };
  const m1 = trainModel('PROTEST', xs, ys, opts);
  const m2 = trainModel('PROTEST', xs, ys, opts);
  assert.deepEqual(m1, m2);
  assert.ok(modelProbability(m1, ['bias', 'a']) > 0.5 && modelProbability(m1, ['bias', 'b']) < 0.5);
});

test('classifier: a soft target is fitted between the hard ones', () => {
  // feature a always an event, b never, c accepted by two annotators of three
  const xs = [['bias', 'a'], ['bias', 'a'], ['bias', 'b'], ['bias', 'b'], ['bias', 'c'], ['bias', 'c']];
  const opts = { epochs: 200, rate: 0.5, l2: 0, seed: 1, minCount: 1 };
  const m = trainModel('PROTEST', xs, [1, 1, 0, 0, 2 / 3, 2 / 3], opts);
  const [pa, pb, pc] = ['a', 'b', 'c'].map((k) => modelProbability(m, ['bias', k]));
  assert.ok(pa! > pc! && pc! > pb!, `${pa} ${pc} ${pb}`);
  // booleans and 0/1 train the same model
  assert.deepEqual(trainModel('PROTEST', xs, [true, true, false, false, true, false], opts), trainModel('PROTEST', xs, [1, 1, 0, 0, 1, 0], opts));
});

test('classifier: the argument features of a trigger reach the model', () => {
  const f = sentenceFeatures('وتجمع نحو 500 متظاهر أمام مقر المحكمة.', 'PROTEST');
  assert.ok(f.includes('arg:act:L') && f.includes('arg:qty:L'), f.join(' '));
});

test('classifier: the gold-standard data is where the eval script looks', { skip: sharedPath('data', 'events', 'protest-dev.csv') ? false : '../shared/data/events not present' }, () => {
  assert.ok(sharedPath('data', 'events', 'assault-dev.csv'));
});
