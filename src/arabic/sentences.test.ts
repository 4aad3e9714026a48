import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences } from './sentences.js';

const show = (text: string): string => splitSentences(text).map((s) => s.text).join(' ‖ ');

// [input, expected sentences joined by " ‖ ", label]
const CASES: Array<[string, string, string]> = [
  ['وصل الوزير. وبدأ الاجتماع.', 'وصل الوزير. ‖ وبدأ الاجتماع.', 'full stops'],
  ['هل ستنتهي الأزمة؟ لا أحد يعرف!', 'هل ستنتهي الأزمة؟ ‖ لا أحد يعرف!', 'Arabic question mark and exclamation'],
  ['تم توقيع الاتفاق؛ وسيدخل حيز التنفيذ غدا', 'تم توقيع الاتفاق؛ ‖ وسيدخل حيز التنفيذ غدا', 'Arabic semicolon'],
  ['بلغ النمو 3.5 في المئة. وقال الوزير', 'بلغ النمو 3.5 في المئة. ‖ وقال الوزير', 'decimal number'],
  ['قال د. أحمد إن الوضع مستقر.', 'قال د. أحمد إن الوضع مستقر.', 'Arabic abbreviation د.'],
  ['أكد م. خالد وص. 12 من التقرير ذلك.', 'أكد م. خالد وص. 12 من التقرير ذلك.', 'abbreviations م. and ص.'],
  ['توفي سنة 1420 هـ. وكان عالما', 'توفي سنة 1420 هـ. ‖ وكان عالما', 'هـ. at a sentence end is a boundary after the year'],
  ['التقى Dr. Smith نظيره.', 'التقى Dr. Smith نظيره.', 'Latin Dr.'],
  ['زار وفد من U.S. Army المغرب.', 'زار وفد من U.S. Army المغرب.', 'U.S.'],
  ['قال الرئيس: «لن نتراجع. سنواصل العمل». ثم غادر.', 'قال الرئيس: «لن نتراجع. سنواصل العمل». ‖ ثم غادر.', 'quotation spanning two sentences'],
  ['وأضاف “هذا مهم. جدا” قبل أن يغادر.', 'وأضاف “هذا مهم. جدا” قبل أن يغادر.', 'curly quotation inside a sentence'],
  ['وقال "لا. لن نوقع." ثم انصرف.', 'وقال "لا. لن نوقع." ‖ ثم انصرف.', 'straight quotes with the full stop inside'],
  ['باحث ل"فبراير"..الشراكة الأمريكية المغربية نموذج\nالتقى الحموشي براي.', 'باحث ل"فبراير"..الشراكة الأمريكية المغربية نموذج ‖ التقى الحموشي براي.', 'headline with glued ".." and a line break'],
  ['عاجل.. انفجار في العاصمة..\nوأفادت مصادر بسقوط ضحايا.', 'عاجل.. انفجار في العاصمة.. ‖ وأفادت مصادر بسقوط ضحايا.', 'headline ending in ".."'],
  ['وماذا بعد.. هل تنتهي الأزمة؟', 'وماذا بعد.. هل تنتهي الأزمة؟', 'mid-line ".." is a pause'],
  ['انتظر الجميع… ثم جاء الخبر…', 'انتظر الجميع… ثم جاء الخبر…', 'ellipsis character mid-line and at the end'],
  ['راجع www.example.com. للمزيد', 'راجع www.example.com. ‖ للمزيد', 'URL then full stop'],
  ['راسلونا على info@site.ma للمزيد.', 'راسلونا على info@site.ma للمزيد.', 'e-mail address'],
  ['1. المحور الأول\n2. المحور الثاني', '1. المحور الأول ‖ 2. المحور الثاني', 'numbered list'],
  ['الرباط - 20 يونيو 2022\nوصل الوزير', 'الرباط - 20 يونيو 2022 ‖ وصل الوزير', 'dateline on its own line'],
  ['لماذا؟!  لا أعرف', 'لماذا؟! ‖ لا أعرف', 'terminator run'],
  ['قال (وهو غاضب. جدا) إنه سيرحل.', 'قال (وهو غاضب. جدا) إنه سيرحل.', 'parenthesis'],
  ['', '', 'empty'],
];
for (const [input, expected, label] of CASES) {
  test(`sentences: ${label}`, () => assert.equal(show(input), expected));
}

test('sentences: offsets slice the input', () => {
  const text = 'قال الرئيس: «لن نتراجع. سنواصل». ثم غادر.\n\nعاجل.. خبر..\n';
  for (const s of splitSentences(text)) assert.equal(text.slice(s.start, s.end), s.text);
});

test('sentences: a very long quotation is split inside', () => {
  const long = 'قال: «' + 'هذه جملة طويلة في تصريح مطول. '.repeat(40) + '» ثم انصرف.';
  assert.ok(splitSentences(long).length > 10);
});

test('sentences: newlines option', () => {
  assert.equal(splitSentences('سطر أول\nسطر ثان', { newlines: false }).length, 1);
  assert.equal(splitSentences('فقرة أولى\n\nفقرة ثانية', { newlines: false }).length, 2);
});
