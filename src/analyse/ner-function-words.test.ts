import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isFunctionWordAsWritten, spellsFunctionWord, writesAlifMaqsura } from './ner-function-words.js';

// [input, expected, label]
const AS_WRITTEN: Array<[string, boolean, string]> = [
  ['على', true, 'the preposition, written with ى'],
  ['علي', false, 'the name Ali (ي): not a function word as written'],
  ['وعلى', true, 'with the conjunction و attached'],
  ['فإلى', true, 'with the conjunction ف attached'],
  ['إلى', true, 'إلى'],
  ['الى', true, 'إلى written without hamza (alef forms are folded)'],
  ['لدى', true, 'لدى'],
  ['أمام', true, 'أمام'],
  ['بين', true, 'بين'],
  ['عن', true, 'عن'],
  ['موسى', false, 'a name ending in ى'],
  ['بايدن', false, 'a foreign name'],
  ['و', false, 'a lone letter'],
  ['فان', false, 'the name particle van: و/ف is stripped only before three letters or more'],
];

test("isFunctionWordAsWritten('وعلى', false) is false: no conjunction stripped when asked so", () => assert.equal(isFunctionWordAsWritten('وعلى', false), false));

for (const [word, expected, label] of AS_WRITTEN) {
  test(`isFunctionWordAsWritten('${word}') is ${expected}: ${label}`, () => assert.equal(isFunctionWordAsWritten(word), expected));
}

// [input, expected, label]
const SPELLS: Array<[string, boolean, string]> = [
  ['علي', true, 'علي folds to the key of على'],
  ['على', true, 'على itself'],
  ['إلي', true, 'إلي folds to the key of إلى'],
  ['عيسى', false, 'a name that is no function word'],
];

for (const [word, expected, label] of SPELLS) {
  test(`spellsFunctionWord('${word}') is ${expected}: ${label}`, () => assert.equal(spellsFunctionWord(word), expected));
}

// [input, expected, label]
const MAQSURA: Array<[string, boolean, string]> = [
  ['وصل الوزير إلى القاهرة', true, 'final ى in إلى'],
  ['وصل الوزير الي القاهرة وعلي الطاولة', false, 'ى written as ي throughout'],
  ['مستشفى.', true, 'ى before punctuation'],
  ['', false, 'empty text'],
];

for (const [text, expected, label] of MAQSURA) {
  test(`writesAlifMaqsura('${text}') is ${expected}: ${label}`, () => assert.equal(writesAlifMaqsura(text), expected));
}
