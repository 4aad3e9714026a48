import { test } from 'node:test';
import assert from 'node:assert/strict';
import { numberValue, tokenize } from './tokenize.js';

const show = (text: string): string => tokenize(text).map((t) => `${t.kind}:${t.text}`).join(' | ');

// [input, expected "kind:text | …", label]
const CASES: Array<[string, string, string]> = [
  ['التقى عبداللطيف الحموشي', 'arabic:التقى | arabic:عبداللطيف | arabic:الحموشي', 'Arabic words'],
  ['الأَمريكيّة', 'arabic:الأَمريكيّة', 'harakat stay inside the word'],
  ['الاستـــخبارات', 'arabic:الاستـــخبارات', 'tatweel inside the word'],
  ['مكتب “إف بي آي”،', 'arabic:مكتب | punct:“ | arabic:إف | arabic:بي | arabic:آي | punct:” | punct:،', 'curly quotes and Arabic comma'],
  ['وكالة CIA وFBI', 'arabic:وكالة | acronym:CIA | arabic:و | acronym:FBI', 'acronyms, glued conjunction'],
  ['U.S. officials', 'acronym:U.S. | latin:officials', 'dotted acronym'],
  ['Sakina Al-Muhtadi', 'latin:Sakina | latin:Al | punct:- | latin:Muhtadi', 'Latin names with hyphen'],
  ["L'Express", "latin:L'Express", 'inner apostrophe'],
  ['admin14', 'latin:admin | number:14', 'glued Latin+digits split'],
  ['14يونيو', 'number:14 | arabic:يونيو', 'glued digits+Arabic split'],
  ['يومي 13 و14 يونيو', 'arabic:يومي | number:13 | arabic:و | number:14 | arabic:يونيو', 'conjunction glued to a number'],
  ['٢٠ يونيو ٢٠٢٢', 'number:٢٠ | arabic:يونيو | number:٢٠٢٢', 'Arabic-Indic digits'],
  ['۱۴۰۲', 'number:۱۴۰۲', 'Persian digits'],
  ['نمو 3,5 في المئة', 'arabic:نمو | number:3,5 | arabic:في | arabic:المئة', 'decimal comma'],
  ['٣٫٥ مليار', 'number:٣٫٥ | arabic:مليار', 'Arabic decimal separator'],
  ['بنسبة 3.5%', 'arabic:بنسبة | number:3.5%', 'percentage'],
  ['بنسبة ٥٠٪', 'arabic:بنسبة | number:٥٠٪', 'Arabic percentage'],
  ['1,000,000 دولار', 'number:1,000,000 | arabic:دولار', 'grouped thousands'],
  ['12:00', 'number:12 | punct:: | number:00', 'time'],
  ['#المغرب #Maroc', 'hashtag:#المغرب | hashtag:#Maroc', 'hashtags'],
  ['@hespress قال', 'mention:@hespress | arabic:قال', 'mention'],
  ['راجع https://example.com/a?b=1. ثم', 'arabic:راجع | url:https://example.com/a?b=1 | punct:. | arabic:ثم', 'URL without trailing full stop'],
  ['www.alyaoum24.com/123،', 'url:www.alyaoum24.com/123 | punct:،', 'www URL with Arabic comma'],
  ['contact@example.ma', 'email:contact@example.ma', 'e-mail'],
  ['باحث ل"فبراير"..الشراكة', 'arabic:باحث | arabic:ل | punct:" | arabic:فبراير | punct:" | ellipsis:.. | arabic:الشراكة', 'headline ".."'],
  ['انتهى…', 'arabic:انتهى | ellipsis:…', 'ellipsis character'],
  ['وماذا بعد...؟', 'arabic:وماذا | arabic:بعد | ellipsis:... | punct:؟', 'three dots then Arabic question mark'],
  ['A+ / A-', 'latin:A | punct:+ | punct:/ | latin:A | punct:-', 'font-size widget'],
  ['ﻻ', 'arabic:ﻻ', 'presentation form is a word'],
  ['حمو\u200Cشي', 'arabic:حمو\u200Cشي', 'ZWNJ inside a word'],
  ['😀 ok', 'other:😀 | latin:ok', 'emoji'],
  ['Σωκράτης', 'latin:Σωκράτης', 'Greek counted with Latin'],
  ['', '', 'empty'],
];
for (const [input, expected, label] of CASES) {
  test(`tokenize: ${label}`, () => assert.equal(show(input), expected));
}

test('tokenize: offsets slice the input', () => {
  const text = 'وقال المتحدث باسم FBI إن 3,5٪ من «الملفات» https://x.y/z… انتهى.';
  for (const t of tokenize(text)) assert.equal(text.slice(t.start, t.end), t.text);
});

const VALUES: Array<[string, number]> = [
  ['٣٫٥', 3.5], ['3,5', 3.5], ['1,000', 1000], ['1,000,000', 1e6], ['٥٠٪', 50], ['۱۴۰۲', 1402], ['2.5', 2.5], ['1.000.000', 1e6],
];
for (const [s, v] of VALUES) test(`numberValue(${s})`, () => assert.equal(numberValue(s), v));
