import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractText } from './text.js';
import { fixturePath, sharedPath } from '../model/paths.js';



const fixture = (name: string): string => readFileSync(fixturePath('text', name), 'utf8');

function assertAbsent(text: string, snippets: string[]): void {
  for (const s of snippets) assert.ok(!text.includes(s), `boilerplate left in text: ${s}`);
}
function assertPresent(text: string, snippets: string[]): void {
  for (const s of snippets) assert.ok(text.includes(s), `body text missing: ${s}`);
}

// ------------------------------------------------------------------ own fixtures

test('prayer-time and weather widgets, font controls and nav are not text', () => {
  const a = extractText(fixture('prayer-weather-widgets.txt'));
  assert.equal(a.title, 'افتتاح سوق أسبوعي جديد لدعم الفلاحين الصغار في الجهة');
  assert.equal(a.published, '2024-03-05T09:45');
  assert.equal(a.author, 'ليلى بنعيسى');
  assert.equal(a.lang, 'ar');
  assert.equal(a.url, null);
  assert.equal(a.text.split('\n\n').length, 3);
  assertPresent(a.text, ['افتتحت السلطات المحلية', 'تقليص عدد الوسطاء']);
  assertAbsent(a.text, ['مواقيت الصلاة', 'الفجر', 'أحوال الطقس', 'رطوبة', '°', 'الأيام القادمة', 'الخميس', 'A+', 'بقلم', 'الرئيسية', 'مارس 2024']);
});

test('a line of hashtags becomes the tags (underscores to spaces), not text', () => {
  const a = extractText(fixture('hashtag-tags-line.txt'));
  assert.equal(a.title, 'وزارة الصحة تطلق حملة وطنية للتلقيح ضد الحصبة');
  assert.deepEqual(a.tags, ['الصحة', 'حملة التلقيح', 'الحصبة', 'الأطفال']);
  assert.equal(a.published, null);
  assertAbsent(a.text, ['#', 'زر الذهاب إلى الأعلى']);
  assert.equal(a.text.split('\n\n').length, 3);
});

test('a body scraped twice is kept once; the repeated title is not text', () => {
  const a = extractText(fixture('repeated-body.txt'));
  assert.equal(a.title, 'ارتفاع أسعار الخضر في الأسواق مع اقتراب شهر رمضان');
  assert.equal(a.author, 'يوسف المراكشي');
  assert.equal(a.published, '2024-03-07');
  const paras = a.text.split('\n\n');
  assert.equal(paras.length, 3);
  assert.equal(new Set(paras).size, 3);
  assertAbsent(a.text, ['شارك', 'أضف تعليق', 'كتب:', a.title!]);
});

test('a page opening with a paragraph has no title; relative stamps and dates in the body are not published', () => {
  const a = extractText(fixture('no-title-no-date.txt'));
  assert.equal(a.title, null);
  assert.equal(a.published, null);
  assert.equal(a.author, null);
  assert.equal(a.text.split('\n\n').length, 3);
  assertPresent(a.text, ['قالت مصادر مطلعة', '12 أبريل 2024']);
  assertAbsent(a.text, ['آخر تحديث', 'منذ 3 ساعات']);
});

test('breadcrumb gives the section, the byline name before the date the author, a follow-us line the site', () => {
  const a = extractText(fixture('breadcrumb-follow-site.txt'));
  assert.equal(a.title, 'البنك المركزي يبقي سعر الفائدة دون تغيير للمرة الثالثة');
  assert.equal(a.section, 'اقتصاد');
  assert.equal(a.author, 'سلمى الحداد');
  assert.equal(a.published, '2024-03-19T14:30');
  assert.equal(a.site, 'النهار الجديد');
  // a subheading between paragraphs stays, in order
  assert.deepEqual(
    a.text.split('\n\n').map((p) => p.split(' ')[0]),
    ['قرر', 'وأوضح', 'توقعات', 'ويرتقب'],
  );
  assertAbsent(a.text, ['الرئيسية', 'حجم الخط', 'ـ النهار الجديد', 'غوغل نيوز', 'رابط مختصر', 'التعليقات مغلقة']);
});

test('glued CMS username and "uncategorised" stamp: date kept, placeholder author and category dropped', () => {
  const a = extractText(fixture('glued-admin-uncategorised.txt'));
  assert.equal(a.title, 'افتتاح مكتبة عمومية جديدة في حي شعبي');
  assert.equal(a.published, '2024-03-03');
  assert.equal(a.author, null, '"admin" names nobody');
  assert.equal(a.section, null, '"غير مصنف" is no section');
  assert.equal(a.text.split('\n\n').length, 2);
  assertAbsent(a.text, ['admin', 'غير مصنف', 'آخر تحديث', 'رابط مختصر']);
});

test('Hijri stamp is converted; the closing signature and prompts are not text', () => {
  const a = extractText(fixture('hijri-date-signature.txt'));
  assert.equal(a.published, '2024-03-20');
  assert.equal(a.title, 'توزيع سلال غذائية على الأسر المحتاجة في رمضان');
  assert.equal(a.site, null, 'a bare signature does not name the outlet safely');
  assertAbsent(a.text, ['سعيد الحسني', 'تابعنا', 'اترك تعليق']);
  assert.equal(a.text.split('\n\n').length, 2);
});

test('Levantine month names; a dateline city is not an author; copyright names the site', () => {
  const a = extractText(fixture('levantine-dateline-copyright.txt'));
  assert.equal(a.title, 'وزير الطاقة يعلن خطة لزيادة ساعات التغذية الكهربائية');
  assert.equal(a.published, '2023-11-12');
  assert.equal(a.author, null);
  assert.equal(a.site, 'الشرق الجديد');
  assertAbsent(a.text, ['اقرأ أيضا', 'موازنة العام المقبل', 'الأكثر قراءة', '©']);
  assert.equal(a.text.split('\n\n').length, 2);
});

test('inline cases: empty input, byline cue, Latin text', () => {
  const empty = extractText('');
  assert.equal(empty.text, '');
  assert.equal(empty.title, null);

  const cue = extractText(
    'عنوان قصير لخبر محلي عن المدينة\nكتب: عمر الفاسي\nهذه جملة أولى من نص الخبر تكفي لتكون فقرة كاملة في النص.\nوهذه جملة ثانية تكمل الخبر وتضيف تفاصيل أخرى عن الموضوع.',
  );
  assert.equal(cue.author, 'عمر الفاسي');
  assert.equal(cue.title, 'عنوان قصير لخبر محلي عن المدينة');
  assert.equal(cue.published, null);

  const en = extractText('City council approves new budget\n\nThe city council approved the new budget on Monday after a long debate among its members.');
  assert.equal(en.lang, 'en');
  assert.equal(en.title, 'City council approves new budget');
});

// ------------------------------------------------------------------ seeds (../shared/seeds)

interface SeedExpect {
  prefix: string;
  title: string | null;
  published: string | null;
  author?: string | null;
  section?: string | null;
  site?: string | null;
  tags?: string[];
  present: string[];
  absent: string[];
}

const SEEDS: SeedExpect[] = [
  {
    prefix: '000_',
    title: 'باحث ل"فبراير"..الشراكة الأمريكية المغربية في المجال الأمني نموذج يحتدى به',
    published: '2022-06-20T12:00',
    author: 'Sakina Al-Muhtadi',
    section: 'سياسة',
    present: ['التقى عبداللطيف الحموشي', 'دلالات زيارة الحموشي', 'كما أنها تترجم الانخراط الراسخ'],
    absent: ['الرئيسية /', 'A+ / A-', 'مواقيت الصلاة', 'الفجر الشروق الظهر', 'أحوال الطقس', 'رطوبة', '°', 'الأيام القادمة', 'Sakina'],
  },
  {
    prefix: '001_',
    title: 'دينامية الشراكة المغربية الأمريكية تتحدى تهديدات الأمن بالساحل والصحراء',
    published: null,
    tags: ['دينامية', 'الشراكة', 'المغربية', 'الأمريكية', 'تتحدى', 'تهديدات', 'الأمن', 'بالساحل', 'والصحراء'],
    present: ['يتحرك التعاون المغربي الأمريكي', 'وختم المتحدث ذاته قائلا'],
    absent: ['#', 'زر الذهاب إلى الأعلى'],
  },
  {
    prefix: '002_',
    title: null,
    published: null,
    present: ['خيمت مواضيع التهديدات', 'ومن اللافت للنظر في هذا الصدد'],
    absent: [],
  },
  {
    prefix: '003_',
    title: 'التنسيق بين المغرب والولايات المتحدة لمحاربة الجريمة الدولية',
    published: '2023-11-14',
    author: null,
    section: null,
    present: ['تورد روبنسون، مساعد وزير الخارجية', 'ولفت العروسي، إلى أن'],
    absent: ['admin', 'غير مصنف', 'آخر تحديث', 'منذ 11 شهر', 'رابط مختصر', 'التعليقات مغلقة'],
  },
  {
    prefix: '004_',
    title: 'عبد اللطيف حموشي.. عنوان النجاعة الأمنية وطنيا ودوليا..',
    published: '2022-06-22T04:00',
    author: null,
    site: 'عبّر',
    present: ['شكلت الزيارة التي قام مدير المديرية', 'ويجمع بين المغرب والولايات المتحدة تعاون ثنائي'],
    absent: ['كتب في', 'تابعوا', 'تابعنا على قناة', 'غوغل نيوز', 'اترك هنا تعليقك', 'ولد بن موح'],
  },
];

const seedsDir = sharedPath('seeds');

for (const seed of SEEDS) {
  test(`seed ${seed.prefix}: fields, boilerplate out, body in`, (t) => {
    if (!seedsDir) {
      t.skip('../shared/seeds not found (shared material absent): seed checks skipped');
      return;
    }
    const file = readdirSync(seedsDir).find((f) => f.startsWith(seed.prefix) && f.endsWith('.txt'));
    if (!file) {
      t.skip(`no ${seed.prefix}*.txt in ${seedsDir}`);
      return;
    }
    const a = extractText(readFileSync(join(seedsDir, file), 'utf8'), { source: file });
    assert.equal(a.title, seed.title, 'title');
    assert.equal(a.published, seed.published, 'published');
    if (seed.author !== undefined) assert.equal(a.author, seed.author, 'author');
    if (seed.section !== undefined) assert.equal(a.section, seed.section, 'section');
    if (seed.site !== undefined) assert.equal(a.site, seed.site, 'site');
    assert.deepEqual(a.tags, seed.tags ?? [], 'tags');
    assert.equal(a.lang, 'ar');
    assert.ok(a.text.length > 1000, 'body text');
    assert.ok(!/\n{3,}/.test(a.text), 'paragraphs separated by one blank line');
    assertPresent(a.text, seed.present);
    assertAbsent(a.text, seed.absent);
    if (a.title) assert.ok(!a.text.includes(a.title), 'title not repeated in text');
  });
}

test('a long line of non-letters is classified in linear time (fuzzing regression, issue #8: was minutes)', () => {
  const t0 = performance.now();
  assert.equal(extractText('\u{9F205}\u{BAC12}\u{99A05}'.repeat(6000), { source: 'x' }).title, null, 'no words: no title');
  assert.ok(performance.now() - t0 < 2000, `took ${Math.round(performance.now() - t0)} ms`);
});
