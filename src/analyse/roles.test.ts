import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Mention } from '../model/entity.js';
import { attachRoles, cleanRole } from './roles.js';

/** PERSON mentions for the names given, found in order in the text. */
function mentions(text: string, names: string[], type: Mention['type'] = 'PERSON'): Mention[] {
  let from = 0;
  return names.map((name) => {
    const start = text.indexOf(name, from);
    assert.ok(start >= 0, `"${name}" is in the text`);
    from = start + name.length;
    return { type, text: name, start, end: start + name.length, source: 'tagger' };
  });
}

/** text, person names in it, the person whose role is checked, expected role (null: none), label */
const cases: [string, string[], string, string | null, string][] = [
  ['قال مدير وكالة الاستخبارات المركزية وليام بيرنز إن', ['وليام بيرنز'], 'وليام بيرنز', 'مدير وكالة الاستخبارات المركزية', 'office before the name'],
  ['أعلن الرئيس الأمريكي جو بايدن أمس', ['جو بايدن'], 'جو بايدن', 'الرئيس الأمريكي', 'title with adjective'],
  ['استقبل وزير الخارجية المغربي ناصر بوريطة نظيره', ['ناصر بوريطة'], 'ناصر بوريطة', 'وزير الخارجية المغربي', 'minister'],
  ['وقال عبد اللطيف حموشي، المدير العام لمراقبة التراب الوطني، إن', ['عبد اللطيف حموشي'], 'عبد اللطيف حموشي', 'المدير العام لمراقبة التراب الوطني', 'apposition after a comma'],
  ['التقى بيرنز، مدير وكالة الاستخبارات المركزية الأمريكية، بالمسؤولين', ['بيرنز'], 'بيرنز', 'مدير وكالة الاستخبارات المركزية الأمريكية', 'indefinite head after a comma'],
  ['وأوضح محمد الطيار الباحث في العلوم الأمنية أن', ['محمد الطيار'], 'محمد الطيار', 'الباحث في العلوم الأمنية', 'bare apposition with an [after-bare] head'],
  ['وحضر اللقاء بونيت تالوار، سفير الولايات المتحدة بالرباط.', ['بونيت تالوار'], 'بونيت تالوار', 'سفير الولايات المتحدة بالرباط', 'ambassador with a place complement'],
  ['وقال مستشار الرئيس الأمريكي لشؤون الأمن القومي جيك سوليفان', ['جيك سوليفان'], 'جيك سوليفان', 'مستشار الرئيس الأمريكي لشؤون الأمن القومي', 'head inside the genitive'],
  ['وقال نائب رئيس الوزراء وزير الخارجية الأردني أيمن الصفدي', ['أيمن الصفدي'], 'أيمن الصفدي', 'وزير الخارجية الأردني', 'two stacked offices: the nearest noun phrase'],
  ['التقى الرئيس الأمريكي وزير الخارجية الصيني وانغ يي', ['وانغ يي'], 'وانغ يي', 'وزير الخارجية الصيني', 'another person\'s title does not run into the role'],
  ['التقى رئيس الحكومة بوزير الخارجية ناصر بوريطة', ['ناصر بوريطة'], 'ناصر بوريطة', 'وزير الخارجية', 'a head with a preposition starts the role; the clitic is left out'],
  ['وكلمة للرئيس الفرنسي إيمانويل ماكرون', ['إيمانويل ماكرون'], 'إيمانويل ماكرون', 'للرئيس الفرنسي', 'ل + ال shares a letter: the span keeps it'],
  ['استقبل الملك محمد السادس رئيس الوزراء الإسباني بيدرو سانشيز', ['محمد السادس', 'بيدرو سانشيز'], 'بيدرو سانشيز', 'رئيس الوزراء الإسباني', 'role between two names belongs to the second'],
  ['استقبل الملك محمد السادس رئيس الوزراء الإسباني بيدرو سانشيز', ['محمد السادس', 'بيدرو سانشيز'], 'محمد السادس', 'الملك', 'a verb ends the role'],
  ['استقبل بوريطة الرئيس الموريتاني', ['بوريطة'], 'بوريطة', null, 'an office after a name without a comma is an object'],
  ['استقبل بوريطة وزير الخارجية الإسباني خوسيه مانويل ألباريس', ['بوريطة', 'خوسيه مانويل ألباريس'], 'بوريطة', null, 'the next person\'s title is not this one\'s'],
  ['وقال محمد إن الأمر', ['محمد'], 'محمد', null, 'no title'],
  ['وقال الرئيس في خطاب ألقاه محمد', ['محمد'], 'محمد', null, 'a verb with hamza is no article (ألقاه)'],
  ['وأكد الرئيس إن بايدن', ['بايدن'], 'بايدن', null, 'a function word ends the phrase'],
  ['قال وزير الخارجية\nناصر بوريطة', ['ناصر بوريطة'], 'ناصر بوريطة', null, 'a line break ends the phrase'],
  ['وقال رئيس وزراء بريطانيا كير ستارمر', ['كير ستارمر'], 'كير ستارمر', null, 'an unfinished construct (no place mention) is no role'],
];

for (const [text, names, who, expected, label] of cases) {
  test(`attachRoles: ${label}`, () => {
    const out = attachRoles(text, mentions(text, names));
    const m = out.find((x) => x.text === who)!;
    assert.equal(m.role?.text ?? null, expected);
    if (m.role) assert.equal(text.slice(m.role.start, m.role.end), m.role.text, 'the role is a span of the text');
  });
}

test('attachRoles: a place mention completes a construct (رئيس وزراء إسرائيل)', () => {
  const text = 'وقال رئيس وزراء إسرائيل بنيامين نتنياهو';
  const ms = [...mentions(text, ['إسرائيل'], 'LOCATION'), ...mentions(text, ['بنيامين نتنياهو'])];
  const out = attachRoles(text, ms);
  assert.equal(out[1]!.role?.text, 'رئيس وزراء إسرائيل');
  assert.equal(out[0]!.role, undefined, 'only persons get roles');
});

test('attachRoles: input untouched, order kept, existing roles kept', () => {
  const text = 'أعلن الرئيس الأمريكي جو بايدن';
  const ms = mentions(text, ['جو بايدن']);
  const out = attachRoles(text, ms);
  assert.equal(ms[0]!.role, undefined);
  const preset: Mention = { ...ms[0]!, role: { text: 'x', start: 0, end: 1 } };
  assert.equal(attachRoles(text, [preset])[0]!.role!.text, 'x');
  assert.equal(out.length, 1);
});

const clean: [string, string, string][] = [
  ['ووزير الخارجية', 'وزير الخارجية', 'leading و'],
  ['للرئيس الفرنسي', 'الرئيس الفرنسي', 'لل'],
  ['بالأمين العام', 'الأمين العام', 'بال'],
  ['وزير الداخلية', 'وزير الداخلية', 'و of وزير is kept'],
  ['  المدير  العامّ ،', 'المدير العام', 'spaces, shadda, punctuation'],
  ['والي جهة الرباط', 'والي جهة الرباط', 'و of والي is kept'],
];
for (const [input, expected, label] of clean) {
  test(`cleanRole: ${label}`, () => assert.equal(cleanRole(input), expected));
}

test('attachRoles: a coordinated complement stays in the role (للأمن الوطني ولمراقبة التراب الوطني)', () => {
  const text = 'التقى المدير العام للأمن الوطني ولمراقبة التراب الوطني عبد اللطيف حموشي بالوفد';
  const out = attachRoles(text, mentions(text, ['عبد اللطيف حموشي']));
  assert.equal(out[0]!.role?.text, 'المدير العام للأمن الوطني ولمراقبة التراب الوطني');
});
