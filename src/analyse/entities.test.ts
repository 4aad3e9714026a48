import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readConll } from './conll.js';
import { recogniseEntities, tagTokens } from './entities.js';
import { evaluateTagger } from './ner-eval.js';
import { sharedPath } from '../model/paths.js';

const found = (text: string): string[] => recogniseEntities(text).map((m) => `${m.type}:${m.text}`);

test('persons after titles, a king with a regnal number, a city', () => {
  const text = 'التقى الرئيس الأمريكي جو بايدن بالملك عبد الله الثاني في عمان';
  assert.deepEqual(found(text), ['PERSON:جو بايدن', 'PERSON:عبد الله الثاني', 'LOCATION:عمان']);
  for (const m of recogniseEntities(text)) assert.equal(text.slice(m.start, m.end), m.text);
});

test('a span leaves out the attached conjunction and keeps the article', () => {
  const text = 'زار الوفد تونس والمغرب الأسبوع الماضي.';
  const m = recogniseEntities(text).find((x) => x.text === 'المغرب');
  assert.ok(m, JSON.stringify(recogniseEntities(text)));
  assert.equal(m.type, 'LOCATION');
  assert.equal(m.start, text.indexOf('والمغرب') + 1);
  assert.equal(m.end, m.start + 'المغرب'.length);
});

test('an organisation with its Latin acronym in brackets: both ORG', () => {
  const text = 'قال مدير وكالة الاستخبارات المركزية (CIA) إن التعاون مستمر.';
  const ms = recogniseEntities(text);
  assert.deepEqual(ms.map((m) => `${m.type}:${m.text}`), ['ORG:وكالة الاستخبارات المركزية', 'ORG:CIA']);
  assert.equal(ms[1]!.start, text.indexOf('CIA'));
});

test('a transliterated acronym and a multi-word organisation from the gazetteer', () => {
  const ms = found('أعلن مكتب التحقيقات الفيدرالي (إف بي آي) اعتقال رجل في نيويورك.');
  assert.ok(ms.includes('ORG:مكتب التحقيقات الفيدرالي'), ms.join(' '));
  assert.ok(ms.includes('ORG:إف بي آي'), ms.join(' '));
  assert.ok(ms.includes('LOCATION:نيويورك'), ms.join(' '));
});

test('offsets survive harakat and tatweel inside words', () => {
  const text = 'وَصَلَ الرئيسُ إلى القاهـــرة.';
  const ms = recogniseEntities(text);
  const cairo = ms.find((m) => m.type === 'LOCATION');
  assert.ok(cairo, JSON.stringify(ms));
  assert.equal(cairo.text, 'القاهـــرة');
});

test('empty and entity-free text give no mentions; tagTokens tags token by token', () => {
  assert.deepEqual(recogniseEntities(''), []);
  assert.deepEqual(tagTokens([]), []);
  const tags = tagTokens(['وصل', 'الرئيس', 'إلى', 'القاهرة', '.']);
  assert.equal(tags.length, 5);
  assert.equal(tags[3], 'B-LOCATION');
});

const aqmar = sharedPath('data', 'ner', 'aqmar-dev');
test('out of domain (AQMAR Wikipedia): the tagger finds entities at all', { skip: aqmar ? false : '../shared not present' }, () => {
  const s = evaluateTagger(readConll([aqmar!]), (t) => tagTokens(t));
  assert.ok(s.f1 > 0.35, `AQMAR F1 ${s.f1}`);
});

test('a conjunction before a two-letter first word of a known multi-word name is left out', () => {
  const text = 'زار الوزير دمشق وتل أبيب.';
  const m = recogniseEntities(text).find((x) => x.text.endsWith('أبيب'));
  assert.equal(m?.text, 'تل أبيب');
});

// One line each: [text, a mention expected, label]. A name's first letters are never taken
// for a clitic when what would remain is a function word ("بان" is not ب + "ان").
const NOT_A_CLITIC: Array<[string, string, string]> = [
  ['وقال الأمين العام للأمم المتحدة بان كي مون إن الوضع خطير.', 'PERSON:بان كي مون', 'بان (Ban) is not ب + ان'],
  ['وسجل واين روني هدفا في المباراة.', 'PERSON:واين روني', 'واين (Wayne) is not و + أين'],
  ['ولعب فان بيرسي مباراة جيدة.', 'PERSON:فان بيرسي', 'فان (van) is not ف + ان'],
];

for (const [text, expected, label] of NOT_A_CLITIC) {
  test(`span start: ${label}`, () => assert.ok(found(text).includes(expected), found(text).join(' ')));
}


test('a city whose name starts with ب is not a preposition plus a word: بابل, also after و', () => {
  assert.ok(found('وزار الوزير بغداد وبابل والبصرة .').includes('LOCATION:بابل'));
  assert.ok(!found('وقالت صحيفة بابل العراقية إن الحكومة ستجتمع .').some((x) => x.endsWith(':ابل')), 'not cut to ابل');
});
