import { test } from 'node:test';
import assert from 'node:assert/strict';

import { findTimexes, type Timex } from './timexes.js';

// Sentences written for these tests. Anchors: 2022-06-20 is a Monday, 2024-02-14 a Wednesday,
// 2022-06-18 a Saturday, 2022-06-19 a Sunday.
type Expected = [text: string, value: string | null, granularity: Timex['granularity']];
type Case = [input: string, anchor: string | null, expected: Expected[], label: string];

const CASES: Case[] = [
  // absolute dates
  ['زار الوزير واشنطن خلال يومي 13 و14 يونيو 2022 لإجراء مباحثات', null, [['يومي 13 و14 يونيو 2022', '2022-06-13/2022-06-14', 'range']], 'two days of a month with a year'],
  ['انعقد اللقاء يومي 13 و14 يونيو الجاري في الرباط', '2022-06-20', [['يومي 13 و14 يونيو الجاري', '2022-06-13/2022-06-14', 'range']], 'two days of the current month'],
  ['عقد الحوار الاستراتيجي في 8 مارس/آذار الماضي بالعاصمة', '2022-06-20', [['8 مارس/آذار الماضي', '2022-03-08', 'day']], 'year-less past day, same year'],
  ['عقد الحوار الاستراتيجي في 8 مارس/آذار الماضي بالعاصمة', '2024-02-14', [['8 مارس/آذار الماضي', '2023-03-08', 'day']], 'year-less past day, previous year'],
  ['عقد الحوار الاستراتيجي في 8 مارس/آذار الماضي بالعاصمة', null, [['8 مارس/آذار الماضي', null, 'day']], 'year-less day without anchor stays null'],
  ['وقع الحادث في 22 يونيو قرب الميناء', '2022-06-20', [['22 يونيو', '2022-06-22', 'day']], 'unmarked year-less day two days ahead'],
  ['وقع الحادث في 8 مارس قرب الميناء', '2022-11-20', [['8 مارس', '2022-03-08', 'day']], 'unmarked year-less day months back'],
  ['تغيرت السياسة بعد هجمات 11 سبتمبر/أيلول 2001 في نيويورك', null, [['11 سبتمبر/أيلول 2001', '2001-09-11', 'day']], 'double month name with year'],
  ['بعد 11 سبتمبر/أيلول 2001 وفي السنوات التي تلت أحداث 11 سبتمبر/أيلول تغير كل شيء', '2022-06-20', [['11 سبتمبر/أيلول 2001', '2001-09-11', 'day'], ['11 سبتمبر/أيلول', '2001-09-11', 'day']], 'year-less repeat of a stated date keeps its year'],
  ['وصل الوفد في ١٣ يونيو ٢٠٢٢ إلى الرباط', null, [['١٣ يونيو ٢٠٢٢', '2022-06-13', 'day']], 'Arabic-Indic digits'],
  ['ارتفعت الأسعار في يونيو 2022 بشكل ملحوظ', null, [['يونيو 2022', '2022-06', 'month']], 'month and year'],
  ['فاز الفريق بالكأس في مارس الماضي', '2024-02-14', [['مارس الماضي', '2023-03', 'month']], 'past month name'],
  ['ينطلق الموسم في شهر مارس المقبل', '2024-02-14', [['شهر مارس المقبل', '2024-03', 'month']], 'next month name with شهر'],
  ['تأسست الجمعية عام 2019 في الدار البيضاء', null, [['عام 2019', '2019', 'year']], 'عام + year (الجمعية is no Friday)'],
  ['صدر القانون سنة ٢٠١٥ بعد نقاش طويل', null, [['سنة ٢٠١٥', '2015', 'year']], 'سنة + Arabic-Indic year'],
  ['ينتظر أن تنتهي الأشغال منتصف 2022 على أبعد تقدير', null, [['منتصف 2022', '2022', 'year']], 'position word + year'],
  ['نشر في 20 يونيو 2022 - 12:00 على الموقع', null, [['20 يونيو 2022 - 12:00', '2022-06-20T12:00', 'time']], 'date with a time'],
  ['صدر المرسوم بتاريخ 2022/06/20 في الجريدة الرسمية', null, [['2022/06/20', '2022-06-20', 'day']], 'numeric date'],
  ['أعلنت المديرية أمس الخميس 16 يونيو 2022 تعيين مدير جديد', '2022-06-22', [['أمس الخميس 16 يونيو 2022', '2022-06-16', 'day']], 'relative word and weekday before a stated date'],
  // Hijri
  ['بدأ الصيام في 1 رمضان 1445 هـ في معظم الدول', null, [['1 رمضان 1445 هـ', '2024-03-11', 'day']], 'Hijri day with era'],
  ['يوافق ذلك 15 رمضان 1445', null, [['15 رمضان 1445', '2024-03-25', 'day']], 'Hijri day without era'],
  ['ارتفع الاستهلاك خلال شهر رمضان 1445 بشكل كبير', null, [['شهر رمضان 1445', '2024-03-11/2024-04-09', 'range']], 'Hijri month: the Gregorian days it covers'],
  ['يحتفل المسلمون بعيد الفطر في 1 شوال المقبل', '2024-03-20', [['1 شوال المقبل', '2024-04-10', 'day']], 'year-less Hijri day from the anchor'],
  ['وصدر الكتاب عام 1445 هـ', null, [['عام 1445 هـ', '2023-07-19/2024-07-06', 'range']], 'Hijri year'],
  // ranges
  ['يزور المسؤول البلدين في الفترة ما بين 12 و21 من الشهر الجاري', '2023-11-14', [['12 و21 من الشهر الجاري', '2023-11-12/2023-11-21', 'range']], 'days of the current month'],
  ['يزور المسؤول البلدين في الفترة ما بين 12 و21 من الشهر الجاري', null, [['12 و21 من الشهر الجاري', null, 'range']], 'days of the current month, no anchor'],
  ['تنظم الدورة من 3 إلى 5 مايو المقبل في مراكش', '2022-04-20', [['3 إلى 5 مايو المقبل', '2022-05-03/2022-05-05', 'range']], 'من … إلى within a month'],
  ['تقام المعارض من 3 إلى 5 مايو 2023 في مراكش', null, [['3 إلى 5 مايو 2023', '2023-05-03/2023-05-05', 'range']], 'من … إلى with a year'],
  ['توقفت الرحلات من 1 مارس 2020 إلى 30 يونيو 2020 بسبب الجائحة', null, [['1 مارس 2020 إلى 30 يونيو 2020', '2020-03-01/2020-06-30', 'range']], 'two full dates joined'],
  ['تمتد الفعاليات من 30 مايو إلى 2 يونيو 2022 في الرباط', null, [['30 مايو إلى 2 يونيو 2022', '2022-05-30/2022-06-02', 'range']], 'first half takes the second half year'],
  ['بين عامي 2019 و2021 تضاعف عدد الزوار', null, [['عامي 2019 و2021', '2019/2021', 'range']], 'year range with عامي'],
  ['أجريت الانتخابات في العام 2016 و2021', null, [['العام 2016', '2016', 'year'], ['2021', '2021', 'year']], 'two years joined by و without بين stay two'],
  ['بين عام 2019 و2021 تضاعف عدد الزوار', null, [['عام 2019 و2021', '2019/2021', 'range']], 'year range after بين'],
  ['تضاعفت الصادرات من 2019 إلى 2021', null, [['2019 إلى 2021', '2019/2021', 'range']], 'bare year range after من'],
  ['زار المدينة في 3 مايو 2021 و5 يونيو 2021', null, [['3 مايو 2021', '2021-05-03', 'day'], ['5 يونيو 2021', '2021-06-05', 'day']], 'two dates joined by و without بين stay two'],
  // relative days
  ['أعلن بلاغ صدر أمس الجمعة عن استقبال الوفد', '2022-06-18', [['أمس الجمعة', '2022-06-17', 'day']], 'yesterday + weekday'],
  ['صدر أمس الجمعة بلاغ عن الوزارة', null, [['أمس الجمعة', null, 'day']], 'yesterday without anchor'],
  ['التقى الوزير اليوم الإثنين نظيره الأمريكي', '2022-06-20', [['اليوم الإثنين', '2022-06-20', 'day']], 'today + weekday'],
  ['تحولت المنطقة اليوم إلى بؤرة توتر', '2022-06-20', [['اليوم', '2022-06-20', 'day']], 'today before إلى'],
  ['وكانت الشرطة قد أوقفت المشتبه به أول أمس في طنجة', '2022-06-20', [['أول أمس', '2022-06-18', 'day']], 'day before yesterday'],
  ['يصل الرئيس غداً إلى الجزائر', '2022-06-20', [['غداً', '2022-06-21', 'day']], 'tomorrow with tanween'],
  ['تجرى الانتخابات بعد غد في كامل البلاد', '2022-06-20', [['بعد غد', '2022-06-22', 'day']], 'day after tomorrow'],
  ['وأعلن الوزير بالأمس عن خطة جديدة', '2022-06-20', [['الأمس', '2022-06-19', 'day']], 'بالأمس: preposition left out'],
  // weekdays
  ['اجتمع المجلس يوم الثلاثاء لمناقشة الميزانية', '2022-06-20', [['يوم الثلاثاء', '2022-06-14', 'day']], 'bare weekday: latest on or before the anchor'],
  ['وقال الوزير الثلاثاء إن المفاوضات مستمرة', '2024-02-14', [['الثلاثاء', '2024-02-13', 'day']], 'weekday without يوم'],
  ['وقالت المديرية مساء الإثنين إن المباحثات تناولت الأمن', '2022-06-20', [['مساء الإثنين', '2022-06-20', 'day']], 'weekday of the anchor itself'],
  ['ويعقد المجلس اجتماعه الثلاثاء المقبل', '2022-06-20', [['الثلاثاء المقبل', '2022-06-21', 'day']], 'next weekday'],
  ['وصل الوفد الأحد الماضي إلى العاصمة', '2022-06-19', [['الأحد الماضي', '2022-06-12', 'day']], 'past weekday is strictly before'],
  ['وقال الوزير الثلاثاء إن المفاوضات مستمرة', null, [['الثلاثاء', null, 'day']], 'weekday without anchor'],
  // relative units
  ['وتراجعت المبيعات الشهر الماضي بنسبة 5 في المئة', '2024-02-14', [['الشهر الماضي', '2024-01', 'month']], 'last month'],
  ['وتنطلق المفاوضات الأسبوع المقبل في جنيف', '2024-02-14', [['الأسبوع المقبل', '2024-W08', 'week']], 'next week as an ISO week'],
  ['ووقع الاتفاق الأسبوع الماضي', null, [['الأسبوع الماضي', null, 'week']], 'last week without anchor'],
  ['وسجل الميزان التجاري عجزا خلال العام الماضي', '2024-02-14', [['العام الماضي', '2023', 'year']], 'last year'],
  ['ويتوقع البنك نموا أقوى هذا العام', '2024-02-14', [['هذا العام', '2024', 'year']], 'this year'],
  ['ستفتتح المحطة السنة المقبلة', '2024-02-14', [['السنة المقبلة', '2025', 'year']], 'next year with السنة'],
  ['وهو الرقم القياسي للعام الماضي', '2024-02-14', [['للعام الماضي', '2023', 'year']], 'للعام: preposition fused with the article'],
  ['وقال الوزير إن الوضع تحسن قبل شهر رمضان', '2024-02-14', [['شهر رمضان', '2024-03-11/2024-04-09', 'range']], 'year-less Hijri month: the coming one, 26 days ahead'],
  ['يرتقب صدور النتائج مطلع الشهر الجاري', '2024-02-14', [['مطلع الشهر الجاري', '2024-02', 'month']], 'start of the current month'],
  ['انتهت الأشغال نهاية الشهر الماضي', '2024-01-10', [['نهاية الشهر الماضي', '2023-12', 'month']], 'end of last month across a year'],
  // counted
  ['نشر التقرير منذ 11 شهرا على الموقع', '2023-11-14', [['منذ 11 شهرا', '2022-12', 'month']], 'months ago'],
  ['نشر التقرير منذ 11 شهراً على الموقع', null, [['منذ 11 شهراً', null, 'month']], 'months ago without anchor'],
  ['وقع الحادث قبل يومين على الطريق السيار', '2022-06-20', [['قبل يومين', '2022-06-18', 'day']], 'two days ago'],
  ['ستنتهي الأشغال بعد ثلاثة أشهر', '2024-02-14', [['بعد ثلاثة أشهر', '2024-05', 'month']], 'number word, months ahead'],
  ['وصلت الاحتجاجات إلى العاصمة بعد سبع سنوات من الانتظار', '2020-02-19', [['سبع سنوات', 'P7Y', 'duration']], 'بعد in a past clause: a duration'],
  ['وعاد اللاعب إلى فريقه بعد عامين', '2020-02-19', [['عامين', 'P2Y', 'duration']], 'بعد without future tense: a duration'],
  ['من المقرر أن تفتتح القاعة بعد أسبوع', '2024-02-14', [['بعد أسبوع', '2024-W08', 'week']], 'بعد after من المقرر: from the anchor'],
  ['وقع الاتفاق منذ أسبوعين', '2024-02-14', [['منذ أسبوعين', '2024-W05', 'week']], 'two weeks ago'],
  ['وصل الوفد قبل يومين من موعد الانتخابات', '2022-06-20', [['يومين', 'P2D', 'duration']], 'counted from another event: a duration'],
  ['استمرت الزيارة ثلاثة أيام', null, [['ثلاثة أيام', 'P3D', 'duration']], 'duration in days'],
  ['يجب الرد خلال 24 ساعة', null, [['24 ساعة', 'PT24H', 'duration']], 'duration in hours'],
  // times
  ['يبدأ البث على الساعة 12:00 بتوقيت غرينتش', null, [['على الساعة 12:00', null, 'time']], 'clock time alone'],
  ['وقعت الاشتباكات الليلة الماضية في وسط المدينة', '2022-06-20', [['الليلة الماضية', '2022-06-19', 'day']], 'last night is the day before the anchor'],
  ['تظاهر الآلاف يومي السبت والأحد في العاصمة', '2022-06-20', [['يومي السبت والأحد', '2022-06-18/2022-06-19', 'range']], 'two weekdays after يومي are one range'],
  ['وقعت المعاهدة في 5 مارس 1950 ودخلت حيز التنفيذ في 20 مارس', '2022-06-20', [['5 مارس 1950', '1950-03-05', 'day'], ['20 مارس', '1950-03-20', 'day']], 'a year-less day takes the year of a full date earlier in its sentence'],
  ['وقعت المعاهدة في 5 مارس 1950. ويعقد المؤتمر في 20 مارس', '2022-06-20', [['5 مارس 1950', '1950-03-05', 'day'], ['20 مارس', '2022-03-20', 'day']], 'not across a sentence end'],
  // not dates
  ['قال الأمين العام السابق للأمم المتحدة إن الوضع خطير', '2022-06-20', [], 'العام السابق after الأمين is not last year'],
  ['تحتفل البلاد باليوم الوطني للمرأة', '2022-06-20', [], 'اليوم الوطني is not today'],
  ['أدى المصلون صلاة الجمعة في المسجد الكبير', '2022-06-20', [], 'Friday prayer is not a date'],
  ['بلغ عدد المشاركين 2022 مشاركا و15 متطوعا', null, [], 'bare numbers'],
  ['مارس الحزب ضغطا كبيرا على الحكومة', '2022-06-20', [], 'مارس the verb'],
  ['في الماضي كانت المدينة صغيرة', '2022-06-20', [], 'الماضي alone'],
  ['في ذلك اليوم لم يحضر أحد', '2022-06-20', [], 'that day, and أحد (anyone)'],
  ['فاز النادي على ضيفه 3 - صفر وعلى منافسه 2-صفر', '2022-06-20', [], 'a score with صفر (zero) is not the Hijri month'],
  ['وصل الوفد في 5 صفر 1428 هـ إلى مكة', null, [['5 صفر 1428 هـ', '2007-02-23', 'day']], 'صفر the month, with its day and year'],
  // sloppy copy: digits glued to the word before them
  ['قتل الآلاف بين عامي1987 و1988 في الحملة', null, [['عامي1987 و1988', '1987/1988', 'range']], 'years glued to عامي'],
  ['تغيرت السياسة بعد أحداث11 سبتمبر', null, [['11 سبتمبر', null, 'day']], 'a day glued to the word before, year-less without anchor'],
];

test('timex regression cases', () => {
  assert.ok(CASES.length >= 40);
  for (const [input, anchor, expected, label] of CASES) {
    const found = findTimexes(input, anchor);
    for (const t of found) assert.equal(input.slice(t.start, t.end), t.text, `${label}: span slices the text`);
    assert.deepEqual(
      found.map((t) => [t.text, t.value, t.granularity]),
      expected,
      `${label}: «${input}» (anchor ${anchor ?? 'null'})`,
    );
  }
});

test('anchor may be an ISO date-time; an unreadable anchor counts as none', () => {
  assert.equal(findTimexes('صدر أمس الجمعة بلاغ', '2022-06-18T09:30:00+01:00')[0]?.value, '2022-06-17');
  assert.equal(findTimexes('صدر أمس الجمعة بلاغ', 'yesterday')[0]?.value, null);
});

test('spans survive diacritics, tatweel and extra spaces', () => {
  const input = 'وصلَ الوفدُ يومَ  الثلاثـاء   الماضي إلى الرباط';
  const [t] = findTimexes(input, '2022-06-20');
  assert.equal(t?.text, 'يومَ  الثلاثـاء   الماضي');
  assert.equal(t?.value, '2022-06-14');
  assert.equal(input.slice(t!.start, t!.end), t!.text);
});

test('empty text', () => {
  assert.deepEqual(findTimexes('', '2022-06-20'), []);
});

test('a text dense with weekdays is read in linear time (fuzzing regression, issue #8: was minutes)', () => {
  const t0 = performance.now();
  assert.ok(findTimexes('الجمعةْ"'.repeat(4000), '2022-06-20').length > 0);
  assert.ok(performance.now() - t0 < 2000, `took ${Math.round(performance.now() - t0)} ms`);
});

test('a text of year-less dates is read in linear time (fuzzing regression, issue #8: was quadratic, 7 s on 16 KB)', () => {
  const t0 = performance.now();
  assert.equal(findTimexes('في 3 مايو 2021 ثم 12 يونيو و'.concat('12 يونيو '.repeat(4000)), null)[1]!.value, '2021-06-12', 'the year carries over within the sentence');
  assert.ok(performance.now() - t0 < 2000, `took ${Math.round(performance.now() - t0)} ms`);
});
