import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { extractHtml } from './html.js';
import { cleanAuthor, chooseTitle } from './html-metadata.js';
import { dateFromUrl, normalizeDate } from './html-published.js';

/** test/fixtures/html from the repo root (works from src/ and dist/src/). */
function fixture(name: string): string {
  let dir = fileURLToPath(new URL('.', import.meta.url));
  for (let i = 0; i < 5; i++) {
    const p = join(dir, 'test', 'fixtures', 'html', name);
    if (existsSync(p)) return readFileSync(p, 'utf8');
    dir = join(dir, '..');
  }
  throw new Error(`fixture ${name} not found`);
}

test('JSON-LD NewsArticle (@graph, @id author refs): metadata exact', () => {
  const a = extractHtml(fixture('jsonld-newsarticle-ar.html'), { url: 'https://example.ma/x?utm=1' });
  assert.equal(a.title, 'الحكومة تعلن خطة جديدة لدعم المزارعين');
  assert.equal(a.published, '2025-03-14T09:30:00+01:00');
  assert.equal(a.author, 'سكينة المهتدي, يوسف العلوي');
  assert.equal(a.site, 'جريدة المرصد');
  assert.equal(a.section, 'اقتصاد');
  assert.deepEqual(a.tags, ['الزراعة', 'الحكومة', 'المزارعين', 'الدعم']);
  assert.equal(a.url, 'https://example.ma/news/2025/03/14/farmers-plan');
  assert.equal(a.lang, 'ar');
});

test('JSON-LD NewsArticle: body paragraphs kept, boilerplate dropped', () => {
  const { text } = extractHtml(fixture('jsonld-newsarticle-ar.html'));
  const paras = text.split('\n\n');
  assert.ok(paras[0]!.startsWith('أعلنت الحكومة، صباح اليوم الجمعة'), paras[0]);
  assert.ok(text.includes('وأضاف المسؤول ذاته أن تنفيذ الخطة'));
  assert.ok(paras[paras.length - 1]!.startsWith('ومن المنتظر أن تعقد وزارة الفلاحة'));
  for (const junk of ['شارك على فيسبوك', 'اقرأ أيضا', 'أسعار الخضر ترتفع', 'النشرة البريدية', 'مقالات ذات صلة', 'التعليقات', 'الأكثر قراءة', 'ملفات تعريف الارتباط', 'جميع الحقوق', 'صورة أرشيفية', 'الرئيسية']) {
    assert.ok(!text.includes(junk), `boilerplate "${junk}" in text`);
  }
  assert.ok(!text.includes('الحكومة تعلن خطة جديدة'), 'headline is not repeated in the text');
  assert.equal(paras.length, 4);
});

test('OpenGraph-only page with share bars and related links', () => {
  const a = extractHtml(fixture('og-only-with-share-bar.html'));
  assert.equal(a.title, 'انقطاع الكهرباء يعم بيروت لليوم الثالث');
  assert.equal(a.published, '2026-01-08T11:42:50+00:00');
  assert.equal(a.author, 'رامي الحسيني');
  assert.equal(a.site, 'موقع الخبر');
  assert.equal(a.section, 'محليات');
  assert.deepEqual(a.tags, ['كهرباء', 'بيروت']);
  assert.equal(a.url, 'https://alkhabar.example/lb/news/12345');
  assert.equal(a.lang, 'ar');
  assert.equal(a.text.split('\n\n').length, 3);
  assert.ok(a.text.startsWith('عمّ انقطاع التيار الكهربائي'));
  for (const junk of ['فيسبوك', 'انسخ الرابط', 'أخبار ذات صلة', 'وزير الطاقة يعد', 'تسجيل الدخول']) assert.ok(!a.text.includes(junk), junk);
});

test('a page without any date gives published null, never today', () => {
  const a = extractHtml(fixture('no-date.html'));
  assert.equal(a.published, null);
  assert.equal(a.author, null);
  assert.equal(a.title, 'About the newsroom');
  assert.equal(a.lang, 'en');
  assert.ok(a.text.includes('The newsroom covers politics'));
});

test('truncated HTML still yields metadata and the text that arrived', () => {
  const a = extractHtml(fixture('truncated.html'));
  assert.equal(a.title, 'زلزال بقوة 5 درجات يضرب شمال البلاد');
  assert.equal(a.published, '2024-11-02T07:15:00+03:00');
  assert.ok(a.text.startsWith('ضرب زلزال بقوة خمس درجات'));
  assert.ok(a.text.includes('وأضاف المعهد أن مركز الزلزال'));
});

test('visible "By" byline and dateline next to the headline; title suffix stripped', () => {
  const a = extractHtml(fixture('visible-byline-en.html'));
  assert.equal(a.title, 'Port strike ends after ten days');
  assert.equal(a.author, 'Jane Okafor');
  assert.equal(a.published, '2025-03-03');
  assert.equal(a.site, 'Harbour Times');
  assert.ok(a.text.includes('Dock workers returned'));
  assert.ok(a.text.includes('joint committee on safety'));
  assert.ok(!a.text.includes('Read more'));
  assert.ok(!a.text.includes('Finally, about time'));
});

test('empty and non-article input: no throw, empty text', () => {
  assert.equal(extractHtml('').text, '');
  assert.equal(extractHtml('<html><body><nav><a href="/">Home</a></nav></body></html>').text, '');
  assert.equal(extractHtml('<<<>>></div></p>&&&').published, null);
});

test('deeply nested and huge pages finish quickly', () => {
  const deep = '<div>'.repeat(20000) + '<p>' + 'كلمة '.repeat(100) + '</p>' + '</div>'.repeat(20000);
  const big = '<html><body>' + '<p>This is a long paragraph of filler text, with commas, for size.</p>'.repeat(40000) + '</body></html>';
  const t0 = Date.now();
  assert.ok(extractHtml(deep).text.includes('كلمة'));
  assert.ok(extractHtml(big).text.length > 100000);
  assert.ok(Date.now() - t0 < 15000, `took ${Date.now() - t0} ms`);
});

// regression one-liners
test('date: ISO with space and offset kept', () => assert.equal(normalizeDate('2026-01-08 11:42:50+00:00'), '2026-01-08T11:42:50+00:00'));
test('date: Z kept', () => assert.equal(normalizeDate('2024-11-22T22:28:12Z'), '2024-11-22T22:28:12Z'));
test('date: compact offset normalised', () => assert.equal(normalizeDate('2025-01-02T10:00:00+0300'), '2025-01-02T10:00:00+03:00'));
test('date: padded midnight without zone is a day', () => assert.equal(normalizeDate('2025-09-04T00:00:00'), '2025-09-04'));
test('date: month name', () => assert.equal(normalizeDate('Tuesday, August 29, 2023'), '2023-08-29'));
test('date: day-month name', () => assert.equal(normalizeDate('4 Sep 2025'), '2025-09-04'));
test('date: RFC 2822 with zone', () => assert.equal(normalizeDate('Thu, 04 Sep 2025 10:05:00 +0000'), '2025-09-04T10:05:00+00:00'));
test('date: ambiguous 03/04/2025 refused', () => assert.equal(normalizeDate('03/04/2025'), null));
test('date: invalid day refused', () => assert.equal(normalizeDate('2025-02-30'), null));
test('date: URL with all three parts', () => assert.equal(dateFromUrl('https://x.com/2025/09/04/story/'), '2025-09-04'));
test('date: URL with year/month only is not a day', () => assert.equal(dateFromUrl('https://x.com/2025/09/story/'), null));
test('author: "By" prefix', () => assert.equal(cleanAuthor('By Jane Doe'), 'Jane Doe'));
test('author: "بقلم" prefix', () => assert.equal(cleanAuthor('بقلم: محمد الأمين'), 'محمد الأمين'));
test('author: "كتب" prefix', () => assert.equal(cleanAuthor('كتب - سامي يوسف'), 'سامي يوسف'));
test('author: URL is not a name', () => assert.equal(cleanAuthor('https://facebook.com/someone'), null));
test('title: site suffix cut when it matches the site', () => assert.equal(chooseTitle(['Big news today – Daily Star'], [], 'Daily Star'), 'Big news today'));
test('title: h1 wins over an SEO title it agrees with', () => assert.equal(chooseTitle(['Big news today | Top 10 things | Site'], ['Big news today'], null), 'Big news today'));
test('title: logo h1 equal to site name ignored', () => assert.equal(chooseTitle(['Rain expected in the north - المرصد'], ['المرصد'], 'المرصد'), 'Rain expected in the north'));
