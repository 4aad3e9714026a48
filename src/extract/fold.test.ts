import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldArabic, matchKey } from './fold.js';

const FOLD_CASES: Array<[string, string, string]> = [
  ['الأَمريكيّة', 'الامريكيه', 'hamza on alef, harakat and ta marbuta fold'],
  ['إسرائيل', 'اسراييل', 'alef with hamza below and hamza on ya'],
  ['مصطفى', 'مصطفي', 'alef maqsura folds to ya'],
  ['الاستـــخبارات', 'الاستخبارات', 'tatweel removed'],
  ['٢٠٢٢', '2022', 'Arabic-Indic digits'],
  ['۱۴۰۲', '1402', 'Persian digits'],
  ['ﻻ', 'لا', 'presentation form lam-alef via NFKC'],
  ['CIA', 'cia', 'Latin lowercased'],
  ['مؤتمر', 'موتمر', 'hamza on waw'],
];

for (const [input, expected, label] of FOLD_CASES) {
  test(`foldArabic: ${label}`, () => assert.equal(foldArabic(input), expected));
}

test('matchKey ignores punctuation, quotes and spacing', () => {
  assert.equal(matchKey('قال،  «الوزير»\nاليوم.'), matchKey('قال "الوزير" اليوم'));
});

test('matchKey keeps different words apart', () => {
  assert.notEqual(matchKey('زار الوزير الرباط'), matchKey('زار الوزير واشنطن'));
});
