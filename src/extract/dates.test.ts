import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findArabicDates, hijriToGregorian, parseArabicDate } from './dates.js';

// [input, expected value (null = no date), label, reference date?]
type Case = [string, string | null, string, string?];

const CASES: Case[] = [
  // bylines as scraped
  ['Sakina Al-Muhtadi 20 يونيو 2022 - 12:00', '2022-06-20T12:00', 'Latin name, date, dash, time'],
  ['الأولى كتب في 22 يونيو، 2022 - 04:00 تابعوا', '2022-06-22T04:00', 'Arabic comma between month and year, time'],
  ['admin14 نوفمبر 2023آخر تحديث : منذ 11 شهر', '2023-11-14', 'day glued to a Latin name, year glued to Arabic'],
  ['نشر بتاريخ ٢٢ يونيو، ٢٠٢٢ - ٠٤:٠٠', '2022-06-22T04:00', 'Arabic-Indic digits with time'],
  ['۱۴ نوفمبر ۲۰۲۳', '2023-11-14', 'Persian digits'],
  ['12:00 - 20 يونيو 2022', '2022-06-20T12:00', 'time written before the date'],
  ['20/06/2022 10:30 م', '2022-06-20T22:30', 'numeric date, time with م (evening)'],
  ['الساعة 09:15 صباحا 3 مارس 2021', '2021-03-03T09:15', 'morning time before the date'],
  // Gregorian month names, Maghrebi / Egyptian / Gulf forms
  ['5 يناير 2021', '2021-01-05', 'يناير'],
  ['12 فبراير 2020', '2020-02-12', 'فبراير'],
  ['3 مارس 2019', '2019-03-03', 'مارس'],
  ['7 أبريل 2022', '2022-04-07', 'أبريل with hamza'],
  ['7 ابريل 2022', '2022-04-07', 'ابريل without hamza'],
  ['1 ماي 2023', '2023-05-01', 'Maghrebi ماي'],
  ['1 مايو 2023', '2023-05-01', 'مايو'],
  ['9 يونيه 2021', '2021-06-09', 'Egyptian يونيه'],
  ['14 يوليوز 2022', '2022-07-14', 'Maghrebi يوليوز'],
  ['20 يوليو 2022', '2022-07-20', 'يوليو'],
  ['15 غشت 2022', '2022-08-15', 'Maghrebi غشت'],
  ['15 اغسطس 2022', '2022-08-15', 'اغسطس without hamza'],
  ['30 شتنبر 2021', '2021-09-30', 'Maghrebi شتنبر'],
  ['2 اكتوبر 2020', '2020-10-02', 'اكتوبر without hamza'],
  ['11 نونبر 2019', '2019-11-11', 'Maghrebi نونبر'],
  ['25 دجنبر 2018', '2018-12-25', 'Maghrebi دجنبر'],
  ['الجمعة 8 فيفري 2019', '2019-02-08', 'Tunisian/Algerian فيفري, weekday'],
  ['12 جوان 2020', '2020-06-12', 'Tunisian/Algerian جوان'],
  ['15 أوت 2021', '2021-08-15', 'Tunisian/Algerian أوت'],
  // Levantine / Iraqi month names
  ['1 كانون الثاني 2020', '2020-01-01', 'كانون الثاني'],
  ['14 شباط 2021', '2021-02-14', 'شباط'],
  ['21 آذار 2022', '2022-03-21', 'آذار'],
  ['10 نيسان 2022', '2022-04-10', 'نيسان'],
  ['1 أيار 2022', '2022-05-01', 'أيار'],
  ['5 حزيران 2023', '2023-06-05', 'حزيران'],
  ['17 تموز 2023', '2023-07-17', 'تموز'],
  ['6 آب 2023', '2023-08-06', 'آب'],
  ['9 ايلول 2023', '2023-09-09', 'ايلول without hamza'],
  ['4 تشرين الأول 2023', '2023-10-04', 'تشرين الأول'],
  ['2 تشرين الثاني 2023', '2023-11-02', 'تشرين الثاني'],
  ['31 كانون الاول 2023', '2023-12-31', 'كانون الاول without hamza'],
  // combined forms, weekday, الموافق
  ['عقب 11 سبتمبر/أيلول 2001، انخراطه', '2001-09-11', 'combined سبتمبر/أيلول'],
  ['في 8 مارس/آذار 2022 بالعاصمة', '2022-03-08', 'combined مارس/آذار'],
  ['5 أكتوبر (تشرين الأول) 2023', '2023-10-05', 'combined in parentheses'],
  ['3 مارس/نيسان 2022', null, 'combined forms that disagree'],
  ['الإثنين 20 يونيو 2022', '2022-06-20', 'weekday with hamza'],
  ['الاثنين، 20 يونيو 2022', '2022-06-20', 'weekday without hamza, comma'],
  ['الأحد 15 ذو القعدة 1443 هـ الموافق 14 يونيو 2022 م', '2022-06-14', 'Hijri then الموافق Gregorian'],
  ['14 يونيو 2022 م', '2022-06-14', 'Gregorian era marker م'],
  // Hijri (Umm al-Qura)
  ['15 ذو القعدة 1443 هـ', '2022-06-14', 'ذو القعدة'],
  ['10 ذي الحجة 1444هـ', '2023-06-28', 'ذي الحجة, هـ glued'],
  ['1 رمضان 1444 هـ', '2023-03-23', 'رمضان'],
  ['1 محرم 1446 هـ', '2024-07-07', 'محرم'],
  ['30 صفر 1445', '2023-09-15', 'صفر without era marker'],
  ['12 ربيع الأول 1445 هـ', '2023-09-27', 'ربيع الأول'],
  ['1 ربيع الآخر 1445 هـ', '2023-10-16', 'ربيع الآخر'],
  ['1 ربيع الثاني 1445 هـ', '2023-10-16', 'ربيع الثاني'],
  ['5 جمادى الأولى 1445 هـ', '2023-11-19', 'جمادى الأولى'],
  ['5 جمادى الآخرة 1445 هـ', '2023-12-18', 'جمادى الآخرة'],
  ['5 جمادي الثانية 1445 هـ', '2023-12-18', 'جمادى الثانية with ya'],
  ['29 رجب 1445 هـ', '2024-02-10', 'رجب'],
  ['15 شعبان 1445', '2024-02-25', 'شعبان'],
  ['1 شوال 1445 هـ', '2024-04-10', 'شوال'],
  ['1445/09/01 هـ', '2024-03-11', 'numeric Hijri with هـ'],
  ['30 شوال 1445 هـ', null, 'day 30 of a 29-day Hijri month'],
  ['15 يونيو 1443 هـ', null, 'Gregorian month marked Hijri'],
  // numeric forms
  ['2022/06/20', '2022-06-20', 'Y/M/D'],
  ['20/06/2022', '2022-06-20', 'D/M/Y (day first)'],
  ['20-06-2022', '2022-06-20', 'D-M-Y'],
  ['2022-06-20', '2022-06-20', 'ISO date'],
  ['20.06.2022', '2022-06-20', 'D.M.Y'],
  ['نشر في 20 - 06 - 2022', '2022-06-20', 'spaced dashes'],
  ['2026-01-08 | 12:42', '2026-01-08T12:42', 'ISO date, bar, time'],
  ['2022-06-20T12:00:00+01:00', '2022-06-20T12:00:00+01:00', 'ISO date-time with offset kept as given'],
  ['04/25/2017', '2017-04-25', 'month first only when day first is impossible'],
  ['۲۰۲۲/۰۶/۲۰', '2022-06-20', 'Persian digits numeric'],
  // Latin
  ['June 20, 2022', '2022-06-20', 'English month day, year'],
  ['20 June 2022', '2022-06-20', 'English day month year'],
  ['Feb. 19 2020', '2020-02-19', 'English abbreviation'],
  ['le 3 avril 2021', '2021-04-03', 'French'],
  ['يونيو 22, 2022', '2022-06-22', 'WordPress Arabic month day, year'],
  // invalid, relative, partial
  ['31 فبراير 2022', null, 'impossible day'],
  ['29 فبراير 2023', null, 'not a leap year'],
  ['29 فبراير 2024', '2024-02-29', 'leap day'],
  ['31/04/2022', null, 'April has 30 days'],
  ['2022/13/01', null, 'month 13'],
  ['20/06/2022 25:00', '2022-06-20', 'impossible time is not attached'],
  ['منذ 11 شهر', null, 'relative stamp is not a date'],
  ['منذ 11 شهر', null, 'relative stamp even with a reference', '2024-03-10'],
  ['آخر تحديث: منذ 3 ساعات', null, 'relative update stamp'],
  ['أمس', null, 'yesterday without a reference'],
  ['أمس', '2024-03-09', 'yesterday with a reference', '2024-03-10'],
  ['اليوم', '2024-03-10', 'today with a reference', '2024-03-10'],
  ['22 يونيو', null, 'year-less without a reference'],
  ['كتب في 22 يونيو', '2022-06-22', 'year-less with a reference', '2022-07-01'],
  ['في 20 ديسمبر', '2021-12-20', 'year-less later than the reference: previous year', '2022-07-01'],
  ['يونيو 2022', null, 'month and year only'],
  ['2023 م', null, 'year alone'],
  ['https://example.com/2022/06/20/story', null, 'date inside a URL path'],
  ['رقم الملف 12-11-2022-5', null, 'date-like run inside a longer number'],
  ['مارس الضغط على الحكومة', null, 'month word used as a verb'],
  ['في 13 و14 يونيو 2022', '2022-06-14', 'range: the day next to the month'],
];

test('parseArabicDate regression table', () => {
  assert.ok(CASES.length >= 40);
  for (const [input, expected, label, reference] of CASES) {
    const hit = parseArabicDate(input, reference ? { reference } : undefined);
    assert.equal(hit?.value ?? null, expected, `${label}: ${input}`);
  }
});

test('span covers the date (weekday and time included) in original offsets', () => {
  const input = 'Sakina Al-Muhtadi 20 يونيو 2022 - 12:00';
  const hit = parseArabicDate(input)!;
  assert.equal(input.slice(hit.start, hit.end), '20 يونيو 2022 - 12:00');
  assert.equal(input.slice(0, hit.start).trim(), 'Sakina Al-Muhtadi');

  const glued = 'admin14 نوفمبر 2023آخر تحديث';
  const g = parseArabicDate(glued)!;
  assert.equal(glued.slice(0, g.start), 'admin');
  assert.equal(glued.slice(g.start, g.end), '14 نوفمبر 2023');

  const withWeekday = 'نشر الإثنين 20 يونيو 2022';
  const w = parseArabicDate(withWeekday)!;
  assert.equal(withWeekday.slice(w.start, w.end), 'الإثنين 20 يونيو 2022');

  // diacritics and tatweel inside the match map back to the original offsets
  const marked = 'في 15 ذو القعْدة 1443 هـ.';
  const m = parseArabicDate(marked)!;
  assert.equal(marked.slice(m.start, m.end), '15 ذو القعْدة 1443 هـ');
});

test('findArabicDates returns every date in order', () => {
  const all = findArabicDates('من 1 مارس 2020 إلى 2020/06/30، ثم 11 سبتمبر/أيلول 2021');
  assert.deepEqual(
    all.map((d) => d.value),
    ['2020-03-01', '2020-06-30', '2021-09-11'],
  );
  assert.deepEqual(findArabicDates('لا تاريخ هنا'), []);
});

test('hijriToGregorian uses Umm al-Qura and rejects missing days', () => {
  assert.equal(hijriToGregorian(1443, 11, 15), '2022-06-14');
  assert.equal(hijriToGregorian(1445, 1, 30), null);
  assert.equal(hijriToGregorian(1200, 1, 1), null);
});
