import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Mention } from '../model/entity.js';
import { preferKnownSpans, propagateMentions, type KnownName } from './entity-propagation.js';

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

// A known name written in full wins over the tagger's shorter reading of its words (longest
// wins). One line each: [text, the tagger's mentions, known names, expected, label].
const QASSAM: KnownName = { name: 'كتائب عز الدين القسام', type: 'ORG' };
const PREFER: Array<[string, Array<[string, Mention['type']]>, KnownName[], string[], string]> = [
  ['تبنت كتائب عز الدين القسام قصف المستوطنة صباح اليوم.', [['عز الدين القسام', 'PERSON']], [QASSAM],
    ['ORG:كتائب عز الدين القسام'], 'the full alias wins over a partial PERSON mention inside it'],
  ['ردت حماس وكتائب عز الدين القسام على التهديد.', [['حماس', 'ORG'], ['عز الدين القسام', 'PERSON']], [QASSAM],
    ['ORG:حماس', 'ORG:كتائب عز الدين القسام'], 'an alias after a joined و (وكتائب): the span starts after it'],
  ['نعت بلدية غزة الشيخ عز الدين القسام في ذكراه.', [['عز الدين القسام', 'PERSON']], [QASSAM],
    ['PERSON:عز الدين القسام'], 'no alias in the text: the person stays'],
  ['اجتمع مجلس الأمن القومي الإسرائيلي مساء أمس.', [['مجلس الأمن القومي الإسرائيلي', 'ORG']], [{ name: 'مجلس الأمن', type: 'ORG' }],
    ['ORG:مجلس الأمن القومي الإسرائيلي'], 'an alias inside a longer mention does not cut it'],
  ['هاجمت كتائب القسام الجناح العسكري للاحتلال.', [['القسام الجناح العسكري', 'ORG']], [{ name: 'كتائب القسام', type: 'ORG' }],
    ['ORG:القسام الجناح العسكري'], 'a longer mention crossing the alias keeps its reading'],
  ['صرحت كتائب القسام بأن المعركة مستمرة.', [['كتائب القسام', 'PERSON']], [{ name: 'كتائب القسام', type: 'ORG' }],
    ['ORG:كتائب القسام'], 'the same span: the curated type wins'],
  ['التقى الوزير الأسد في دمشق.', [['الأسد', 'LOCATION']], [{ name: 'الأسد', type: 'PERSON' }],
    ['LOCATION:الأسد'], 'a one-word alias never overrules the tagger'],
  ['أشاد مسؤول بدور للكتائب عز الدين القسام في الميدان.', [['عز الدين القسام', 'PERSON']], [QASSAM],
    ['ORG:كتائب عز الدين القسام'], 'after لل the span starts at the stem, as for other names'],
];

for (const [t, given, known, expected, label] of PREFER) {
  test(`known names win: ${label}`, () => {
    const out = preferKnownSpans(t, given.map(([name, type]) => at(t, name, type)), known);
    assert.deepEqual(texts(out), expected);
    for (const m of out) assert.equal(t.slice(m.start, m.end), m.text);
  });
}

test('known names win in propagation too, and the corrected name is what propagates', () => {
  const t = 'أعلنت كتائب عز الدين القسام مسؤوليتها. وقالت القسام إنها ستواصل.';
  const known: KnownName[] = [QASSAM, { name: 'القسام', type: 'ORG' }];
  const out = propagateMentions(t, [at(t, 'عز الدين القسام', 'PERSON')], known);
  assert.deepEqual(texts(out), ['ORG:كتائب عز الدين القسام', 'ORG:القسام']);
});
