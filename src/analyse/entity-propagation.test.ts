import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Mention } from '../model/entity.js';
import { propagateMentions } from './entity-propagation.js';

const at = (text: string, name: string, type: Mention['type'], from = 0): Mention => {
  const start = text.indexOf(name, from);
  return { type, text: name, start, end: start + name.length, source: 'tagger' };
};
const texts = (ms: Mention[]) => ms.map((m) => `${m.type}:${m.text}`);

test('a family name written alone later is the same person', () => {
  const t = 'استقبل عبد اللطيف حموشي الوفد. وأكد الحموشي أهمية التعاون، كما أشاد حموشي بالشركاء.';
  const out = propagateMentions(t, [at(t, 'عبد اللطيف حموشي', 'PERSON')]);
  assert.deepEqual(texts(out), ['PERSON:عبد اللطيف حموشي', 'PERSON:الحموشي', 'PERSON:حموشي']);
  for (const m of out) assert.equal(t.slice(m.start, m.end), m.text);
});

test('a name the tagger found once is found again, without its joined conjunction or preposition', () => {
  const t = 'زار الوفد المغرب. وعاد إلى المغرب ثم إلى بالمغرب والمغرب.';
  const out = propagateMentions(t, [at(t, 'المغرب', 'LOCATION')]);
  assert.deepEqual(texts(out), ['LOCATION:المغرب', 'LOCATION:المغرب', 'LOCATION:المغرب', 'LOCATION:المغرب']);
  assert.equal(out[3]!.start, t.lastIndexOf('المغرب'));
});

test('an ordinary word is not made a name everywhere (كامل in "بشكل كامل")', () => {
  const t = 'التقى عباس كامل الوفد، وتم تنفيذ الاتفاق بشكل كامل.';
  const out = propagateMentions(t, [at(t, 'عباس كامل', 'PERSON')]);
  assert.deepEqual(texts(out), ['PERSON:عباس كامل']);
});

test('curated names are found even when the tagger missed them', () => {
  const t = 'أعلنت وكالة الاستخبارات المركزية أن مديرها سيزور المنطقة.';
  const out = propagateMentions(t, [], [{ name: 'وكالة الاستخبارات المركزية', type: 'ORG' }]);
  assert.deepEqual(texts(out), ['ORG:وكالة الاستخبارات المركزية']);
});

test('one person written as two adjacent mentions becomes one', () => {
  const t = 'وكان عبداللطيف الحموشي قد استقبله.';
  const out = propagateMentions(t, [at(t, 'عبداللطيف', 'PERSON'), at(t, 'الحموشي', 'PERSON')]);
  assert.deepEqual(texts(out), ['PERSON:عبداللطيف الحموشي']);
});

test('for a name after لل the span starts after both letters', () => {
  const t = 'قال مصدر إن بايدن وصل. وقالت مصادر للبايدن المقربة...';
  const out = propagateMentions(t, [at(t, 'بايدن', 'PERSON')], []);
  const last = out[out.length - 1]!;
  assert.equal(last.text, 'بايدن');
  assert.equal(t.slice(last.start - 2, last.start), 'لل');
});

// One line each: [text, the tagger's mentions, expected after propagation, label]. Matching
// folds ى into ي; the preposition "على" must not become the name "علي".
const FUNCTION_WORDS: Array<[string, Array<[string, Mention['type']]>, string[], string]> = [
  ['وقال علي إن الحكومة حريصة على الحوار وعلى التهدئة.', [['علي', 'PERSON']], ['PERSON:علي'],
    'a lone "علي" is not propagated onto "على" / "وعلى"'],
  ['وقال علي إن الحكومة حريصة علي الحوار.', [['علي', 'PERSON']], ['PERSON:علي'],
    'in a text that writes no ى, "علي" may be the preposition: a lone "علي" is not propagated'],
  ['وقال علي إن الوزير وصل إلى بغداد. وأضاف علي أن الزيارة مهمة.', [['علي', 'PERSON']], ['PERSON:علي', 'PERSON:علي'],
    'in a text that writes ى, "علي" is the name and is propagated'],
];

for (const [t, given, expected, label] of FUNCTION_WORDS) {
  test(`function words: ${label}`, () => {
    const out = propagateMentions(t, given.map(([name, type]) => at(t, name, type)));
    assert.deepEqual(texts(out), expected);
  });
}

test('function words: a curated name "علي" is found as "علي", never as the preposition "على"', () => {
  const t = 'وقال علي إن الوزير حريص على الحوار.';
  assert.deepEqual(texts(propagateMentions(t, [], [{ name: 'علي', type: 'PERSON' }])), ['PERSON:علي']);
});
