import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NER_TAGS } from './ner-model.js';
import { NerTagger } from './ner-tagger.js';
import { Perceptron } from './perceptron.js';

/** A model that reads every word as a one-word person (its transitions favour B-PERSON), so that only the rules decide. */
function everyWordAPerson(): Perceptron {
  const m = new Perceptron([...NER_TAGS], 8);
  const nt = NER_TAGS.length;
  for (let p = 0; p <= nt; p++) m.trans[p * nt + NER_TAGS.indexOf('B-PERSON')] = 1;
  return m;
}

// One line each: [tokens, expected tags, label]. A one-word mention written as a function
// word (ى kept) is dropped; the name علي (ي) and a function word inside a longer name stay.
const CASES: Array<[string[], string[], string]> = [
  [['أكد', 'على'], ['B-PERSON', 'O'], 'the preposition على is no person'],
  [['أكد', 'علي'], ['B-PERSON', 'B-PERSON'], 'the name علي (with ي) is left to the model'],
  [['وصل', 'إلى'], ['B-PERSON', 'O'], 'إلى'],
  [['وقف', 'أمام'], ['B-PERSON', 'O'], 'أمام'],
  [['وعلى'], ['B-PERSON'], 'with a joined conjunction the word is left to the model (واين is Wayne)'],
];

for (const [tokens, expected, label] of CASES) {
  test(`rules: ${label}`, () => assert.deepEqual(new NerTagger(everyWordAPerson()).tag(tokens).tags, expected));
}

test('rules off: the model\'s tags as they are', () => {
  assert.deepEqual(new NerTagger(everyWordAPerson(), { rules: false }).tag(['أكد', 'على']).tags, ['B-PERSON', 'B-PERSON']);
});
