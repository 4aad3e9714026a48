import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  NEAR_DUPLICATE_THRESHOLD, NearDuplicateIndex, candidateProbability, chooseBands, contentLines, decodeSignature,
  encodeSignature, estimateSimilarity, exactKey, isBoilerplate, minhash,
} from './near-duplicates.js';

// Self-written texts (no corpus text).
const P = [
  'استقبل وزير الخارجية المغربي ناصر بوريطة، يوم الثلاثاء بالرباط، نظيره الموريتاني محمد سالم ولد مرزوك في إطار زيارة عمل تستغرق يومين.',
  'وتناولت المباحثات سبل تعزيز التعاون الثنائي في مجالات الطاقة والنقل والصيد البحري، إضافة إلى التنسيق الأمني على الحدود المشتركة.',
  'وأكد الوزيران، في ندوة صحفية مشتركة عقب اللقاء، حرص البلدين على تفعيل الاتفاقيات الموقعة خلال الدورة الأخيرة للجنة العليا المشتركة.',
  'كما بحث الجانبان التحضير لاجتماع اللجنة القنصلية المقرر في نواكشوط خلال شهر مارس المقبل، وقضايا الجالية في البلدين.',
  'وأشار بوريطة إلى أن حجم المبادلات التجارية بين البلدين بلغ 450 مليون دولار سنة 2023، معربا عن أمله في مضاعفته خلال السنوات الثلاث المقبلة.',
  'من جهته، نوه ولد مرزوك بمستوى العلاقات بين البلدين، داعيا إلى إطلاق مشاريع مشتركة في مجال الطاقات المتجددة والربط الكهربائي.',
];
const ARTICLE = P.join('\n\n');

const OTHER = [
  'أعلنت وزارة الصحة التونسية، مساء الأحد، عن تسجيل ارتفاع في عدد الإصابات بالإنفلونزا الموسمية في عدد من الولايات الداخلية.',
  'ودعت الوزارة المواطنين إلى الإقبال على التلقيح في المراكز الصحية الأساسية، خاصة كبار السن والأطفال والمصابين بأمراض مزمنة.',
  'وأوضح المدير العام للصحة أن المستشفيات الجامعية رفعت درجة التأهب وخصصت أجنحة إضافية لاستقبال الحالات الحرجة.',
  'وتتوقع المصالح المختصة أن تبلغ الموجة ذروتها خلال الأسبوعين القادمين قبل أن تبدأ في التراجع مع تحسن الأحوال الجوية.',
].join('\n\n');

test('identical text, and the same text re-laid out, is an exact duplicate', () => {
  const idx = new NearDuplicateIndex();
  assert.equal(idx.add('a', ARTICLE), null);
  assert.deepEqual(idx.add('b', ARTICLE), { id: 'a', similarity: 1, exact: true });
  // layout, hamza on alef, digit script, punctuation and diacritics do not change the key
  const relaid = P.join(' ').replace(/أ/g, 'ا').replace(/450/g, '٤٥٠').replace(/،/g, ',').replace('وزير', 'وَزِير');
  assert.equal(exactKey(relaid), exactKey(ARTICLE));
  assert.deepEqual(idx.add('c', relaid), { id: 'a', similarity: 1, exact: true });
});

test('a trimmed, re-paragraphed copy with boilerplate is a near-duplicate', () => {
  const idx = new NearDuplicateIndex();
  idx.add('orig', ARTICLE);
  idx.add('other', OTHER);
  const copy = [
    'شارك المقال: فيسبوك تويتر واتساب',
    P[1] + ' ' + P[2],
    'اقرأ أيضا: الحكومة تصادق على مشروع قانون المالية',
    P[3],
    P[4] + ' ' + P[5],
    'جميع الحقوق محفوظة © 2024',
  ].join('\n\n');
  const m = idx.add('copy', copy);
  assert.ok(m, 'copy found');
  assert.equal(m.id, 'orig');
  assert.equal(m.exact, false);
  assert.ok(m.similarity >= NEAR_DUPLICATE_THRESHOLD && m.similarity < 1, String(m.similarity));
});

test('a copy with one paragraph rewritten is still a near-duplicate', () => {
  const idx = new NearDuplicateIndex();
  idx.add('orig', ARTICLE);
  const changed = [...P];
  changed[3] = 'وفي سياق متصل، اتفق الطرفان على إحداث فريق عمل لمتابعة تنفيذ مشاريع البنية التحتية الحدودية.';
  assert.equal(idx.add('changed', changed.join('\n\n'))?.id, 'orig');
});

test('a different article, even on the same subject, is no duplicate', () => {
  const idx = new NearDuplicateIndex();
  idx.add('orig', ARTICLE);
  assert.equal(idx.add('other', OTHER), null);
  const sameTopic = [
    'التقى ناصر بوريطة نظيره الموريتاني في نواكشوط الشهر الماضي لبحث ملف الصيد البحري وتنقل الأشخاص.',
    'واتفق الطرفان على عقد اجتماع للجنة العليا المشتركة قبل نهاية السنة، وعلى تبادل الخبرات في مجال التكوين المهني.',
    'ويأتي هذا اللقاء بعد أشهر من توقيع مذكرة تفاهم في مجال الطاقة بين المكتبين الوطنيين للكهرباء في البلدين.',
  ].join('\n\n');
  assert.equal(idx.add('same-topic', sameTopic), null);
  assert.ok(estimateSimilarity(ARTICLE, sameTopic) < 0.2);
});

test('signatures are deterministic and survive a round trip through bytes', () => {
  const a = minhash(ARTICLE);
  const b = minhash(ARTICLE);
  assert.equal(a.hashes.length, 128);
  assert.deepEqual(a, b);
  const bytes = encodeSignature(a);
  assert.equal(bytes.length, 8 + 4 * 128);
  assert.deepEqual(decodeSignature(new Uint8Array(bytes)), a);
  assert.throws(() => decodeSignature(new Uint8Array(5)), RangeError);
  // a reloaded signature answers as the text did
  const idx = new NearDuplicateIndex();
  idx.addSigned('a', exactKey(ARTICLE), decodeSignature(bytes));
  assert.equal(idx.query(P.slice(1).join('\n\n'))?.id, 'a');
  assert.equal(estimateSimilarity(a, minhash(OTHER)) < 0.1, true);
});

test('empty texts match nothing; an id added again is replaced', () => {
  const idx = new NearDuplicateIndex();
  assert.equal(idx.add('e1', ''), null);
  assert.equal(idx.add('e2', '   \n\n '), null);
  idx.add('a', ARTICLE);
  idx.add('a', OTHER);
  assert.equal(idx.size, 4);
  assert.equal(idx.query(ARTICLE), null);
  assert.equal(idx.query(OTHER)?.id, 'a');
});

test('boilerplate lines are recognised and dropped, content kept', () => {
  assert.ok(isBoilerplate('اقرأ أيضاً: الحكومة تصادق على مشروع قانون المالية'));
  assert.ok(isBoilerplate('تابعونا على فيسبوك وتويتر'));
  assert.ok(isBoilerplate('A+ / A-'));
  assert.ok(!isBoilerplate(P[0]!));
  assert.ok(!isBoilerplate('شاركت الوزارة في الاجتماع'), 'a word that merely starts like a cue');
  assert.deepEqual(contentLines('اقرأ أيضا:\nعنوان مقال آخر\n' + P[0]), [P[0]]);
});

test('LSH bands fit the threshold', () => {
  assert.deepEqual(chooseBands(0.4, 128), { bands: 42, rows: 3 });
  const idx = new NearDuplicateIndex();
  assert.ok(idx.bands * idx.rows <= 128);
  assert.ok(candidateProbability(idx.threshold, idx.bands, idx.rows) >= 0.9);
  assert.ok(candidateProbability(0.05, idx.bands, idx.rows) < 0.01);
  assert.throws(() => new NearDuplicateIndex({ threshold: 0 }), RangeError);
});
