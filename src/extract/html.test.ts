import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { extractHtml } from './html.js';
import { cleanAuthor, chooseTitle, cleanTitle } from './html-metadata.js';
import { dateFromUrl, normalizeDate } from './html-published.js';
import { fixturePath } from '../model/paths.js';

const fixture = (name: string): string => readFileSync(fixturePath('html', name), 'utf8');


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

// ---------------------------------------------------------------- metadata mechanisms (titles, dates, bylines)

const page = (head: string, body: string, url = 'https://news.example/a/1'): ReturnType<typeof extractHtml> =>
  extractHtml(`<html><head>${head}</head><body>${body}<p>${'Body text of the story goes on here. '.repeat(12)}</p><p>${'More of the story follows in this paragraph. '.repeat(12)}</p></body></html>`, { url });
const ld = (o: object): string => `<script type="application/ld+json">${JSON.stringify(o)}</script>`;

test('title: "Title:" label removed', () => assert.equal(cleanTitle('Title:AlignMerge - Model Merging'), 'AlignMerge - Model Merging'));
test('title: glued "Posted on … by …" removed', () => assert.equal(cleanTitle('Top Strategies for Speed Posted on July 1, 2024 by admin'), 'Top Strategies for Speed'));
test('title: glued leading date removed', () => assert.equal(cleanTitle('Dec 18 2025 Preparing a transition'), 'Preparing a transition'));
test('title: glued trailing date removed', () => assert.equal(cleanTitle('Backpacking Checklist (By a Guide!) January 1, 2025'), 'Backpacking Checklist (By a Guide!)'));
test('title: numeric entity decoded', () => assert.equal(cleanTitle('Python, SQL &#x26; AI'), 'Python, SQL & AI'));
test('title: " | Section" tail cut from the h1', () => assert.equal(chooseTitle(['How meditation rewires brains | Opinion'], ['How meditation rewires brains | Opinion'], null), 'How meditation rewires brains'));
test('title: " - tagline" tail cut', () => assert.equal(chooseTitle(['15 Apps Compared - Personally Tested'], ['15 Apps Compared - Personally Tested'], null), '15 Apps Compared'));
test('title: en dash subtitle kept', () => assert.equal(chooseTitle(['Best Bread Machines – My Favorites!'], ['Best Bread Machines – My Favorites!'], null), 'Best Bread Machines – My Favorites!'));
test('title: domain as site name', () => assert.equal(page('<title>GAME CHANGER | Newegg.com</title>', '', 'https://www.newegg.com/p/1').title, 'GAME CHANGER'));
test('title: site name repeated twice stripped', () => assert.equal(chooseTitle(['Best Shows 2025 – Artlyst - Artlyst'], ['Best Shows 2025 – Artlyst'], 'Artlyst'), 'Best Shows 2025'));
test('title: "Blog:" label on the h1', () => assert.equal(chooseTitle(['Best Agencies in 2025 (Ranked) | Silverback'], ['Blog: Best Agencies in 2025 (Ranked)'], 'Silverback'), 'Best Agencies in 2025 (Ranked)'));
test('title: counter glued to the h1', () => assert.equal(chooseTitle(['Grads Find Degrees No Longer Guarantee Jobs - Slashdot'], ['Grads Find Degrees No Longer Guarantee Jobs (latimes.com) 87'], null), 'Grads Find Degrees No Longer Guarantee Jobs'));
test('title: one-word h1 loses to a long og:title', () => assert.equal(chooseTitle(['How we pwned X, Vercel, Cursor, Discord, and hundreds of companies through a supply-chain attack'], ['Discord'], null), 'How we pwned X, Vercel, Cursor, Discord, and hundreds of companies through a supply-chain attack'));
test('title: truncated headline loses to its full form', () => assert.equal(chooseTitle(['Fix It Friday: We Help 4 Readers (Including', 'Fix It Friday: We Help 4 Readers (Including One Trick) - Emily H'], [], 'Emily H'), 'Fix It Friday: We Help 4 Readers (Including One Trick)'));
test('title: Arabic og:title, site suffix removed', () => assert.equal(page('<meta property="og:site_name" content="جريدة المرصد"><meta property="og:title" content="ارتفاع أسعار الوقود في المغرب - جريدة المرصد">', '').title, 'ارتفاع أسعار الوقود في المغرب'));
test('title: Arabic JSON-LD headline agrees with h1', () => assert.equal(page(ld({ '@type': 'NewsArticle', headline: 'البرلمان يصادق على قانون المالية' }) + '<title>البرلمان يصادق على قانون المالية | هسبريس</title>', '<h1>البرلمان يصادق على قانون المالية</h1>').title, 'البرلمان يصادق على قانون المالية'));

test('date: US byline date beats stale metadata', () => assert.equal(page('<meta property="article:published_time" content="2019-08-11T10:00:00Z">', '<h1>Best Travel Insurance</h1><div class="meta"><span>By Ann Lee</span><span>November 21, 2025</span></div>').published, '2025-11-21'));
test('date: "Mar 5th, 2025" in a byline', () => assert.equal(page('', '<h1>Subscription boxes ranked</h1><p class="byline">By Kathryn G. Mar 5th, 2025 | 6 comments</p>').published, '2025-03-05'));
test('date: "5 March 2025" in a byline', () => assert.equal(page('', '<h1>Subscription boxes ranked</h1><p class="byline">5 March 2025</p>').published, '2025-03-05'));
test('date: unambiguous numeric date in a byline', () => assert.equal(page('', '<h1>Movers in San Francisco</h1><p>Updated: 10/31/2024</p>').published, '2024-10-31'));
test('date: "Updated" date loses to metadata published', () => assert.equal(page('<meta property="article:published_time" content="2023-10-02T14:21:11+00:00">', '<h1>What is a Mobile App?</h1><p>Last Updated:</p><p>December 6, 2024</p>').published, '2023-10-02T14:21:11+00:00'));
test('date: shown date equal to dateModified is an update stamp', () => assert.equal(page(ld({ '@type': 'Article', headline: 'Cloud ML', datePublished: '2022-07-21T10:36:48+00:00', dateModified: '2023-08-29T11:36:50+00:00' }), '<h1>Cloud ML</h1><p>29th August, 2023</p>').published, '2022-07-21T10:36:48+00:00'));
test('date: same day as metadata keeps its time', () => assert.equal(page('<meta property="article:published_time" content="2025-08-19T13:25:59+00:00">', '<h1>Photography trends</h1><p>August 19, 2025</p>').published, '2025-08-19T13:25:59+00:00'));
test('date: a date in story prose is not the dateline', () => assert.equal(page('<meta property="article:published_time" content="2025-01-17">', '<h1>Tax deadlines</h1><p>The end of the tax season for most Americans is April 15, 2025 this year, as always.</p>').published, '2025-01-17'));
test('date: Arabic visible date next to the headline', () => assert.equal(page('<meta property="article:published_time" content="2020-01-01">', '<h1>افتتاح معرض الكتاب</h1><span class="date">نشر في 5 مارس 2025</span>').published, '2025-03-05'));
test('date: <time datetime> keeps its offset', () => assert.equal(page('', '<h1>عنوان الخبر هنا</h1><time datetime="2025-03-14T09:30:00+01:00">14 مارس 2025</time>').published, '2025-03-14T09:30:00+01:00'));

test('author: Arabic "بقلم" byline element', () => assert.equal(page('', '<h1>عنوان</h1><span class="author">بقلم: ليلى بنعلي</span>').author, 'ليلى بنعلي'));
test('author: Arabic "كتب" byline after the headline', () => assert.equal(page('', '<h1>الحكومة تعلن خطة جديدة</h1><p>كتب - سامي يوسف</p>').author, 'سامي يوسف'));
test('author: Arabic "إعداد" byline after the headline', () => assert.equal(page('', '<h1>ملف خاص عن الماء</h1><div>إعداد: هدى الزين</div>').author, 'هدى الزين'));
test('author: Arabic "حوار:" byline after the headline', () => assert.equal(page('', '<h1>حوار مع وزير التعليم</h1><div>حوار: كريم العلمي</div>').author, 'كريم العلمي'));
test('author: "Written by" label then the name', () => assert.equal(page('', '<h1>How apps are made</h1><p>Written by <a href="/blog/author/mk">Moses Kim and Kate Shokurova</a></p>').author, 'Moses Kim and Kate Shokurova'));
test('author: "Posted by X on date" byline', () => assert.equal(page('', '<h1>Grads find no jobs</h1><span>Posted by BeauHD on Friday December 19, 2025</span>').author, 'BeauHD'));
test('author: reviewer is not the author', () => assert.equal(page('', '<h1>Gym injuries</h1><p>Reviewed by</p><p>Justin Meserole</p><p>By Ann Lee</p>').author, 'Ann Lee'));
test('author: link to an author page by the headline', () => assert.equal(page('', '<h1>New restaurants</h1><p><span><a href="/producers/sofia-gonzalez">Sofia Gonzalez</a></span></p>').author, 'Sofia Gonzalez'));
test('author: JSON-LD Organization author gives way to a person byline', () => assert.equal(page(ld({ '@type': 'Article', headline: 'Pricing yoga', author: { '@type': 'Organization', name: 'GlossGenius' } }), '<h1>Pricing yoga</h1><p>By Shauna Mitchell</p>').author, 'Shauna Mitchell'));
test('author: site name as author kept when no person is credited', () => assert.equal(page('<meta property="og:site_name" content="Buzzsprout"><meta name="author" content="Buzzsprout">', '<h1>Start a podcast</h1>').author, 'Buzzsprout'));
test('author: same names repeated are credited once', () => assert.equal(page('<meta name="author" content="Mark Sub and Jonas J"><meta name="author" content="Mark Sub"><meta name="author" content="Jonas J">', '<h1>x</h1>').author, 'Mark Sub and Jonas J'));
test('author: "Updated by" credit dropped', () => assert.equal(page('<meta name="author" content="Ben Preston, Updated by Jon Linkov">', '<h1>x</h1>').author, 'Ben Preston'));
test('author: bare label is no name', () => assert.equal(cleanAuthor('Written By'), null));
test('author: unfilled template key is no name', () => assert.equal(cleanAuthor('page.head.extra.author'), null));
test('author: quotes around a name removed', () => assert.equal(cleanAuthor('"David Kim"'), 'David Kim'));

test('Arabic page: visible byline and dateline beat an Organization author and a stale date', () => {
  const a = extractHtml(fixture('byline-visible-ar.html'), { url: 'https://alwadi.example/economy/123' });
  assert.equal(a.title, 'تراجع منسوب السدود بعد موسم جاف');
  assert.equal(a.author, 'نادية الإدريسي');
  assert.equal(a.published, '2025-10-12');
  assert.equal(a.site, 'صحيفة الوادي');
});
test('author: job title in its own child element dropped', () => assert.equal(page('', '<h1>Smart hubs</h1><div class="article-author"><span>Harry Rabin</span><span>Tech Reporter</span></div>').author, 'Harry Rabin'));
test('author: Arabic job title in its own child element dropped', () => assert.equal(page('', '<h1>عنوان الخبر</h1><div class="author"><span>ليلى بنعلي</span><span>صحفية متدربة</span></div>').author, 'ليلى بنعلي'));
test('date: meta with a CMS-specific "publish" key', () => assert.equal(page('<meta name="w-published-date" content="2025-05-27">', '<h1>x</h1>').published, '2025-05-27'));
test('date: dateModified only as a last resort', () => assert.equal(page('<meta property="article:modified_time" content="2023-06-12T10:00:00+00:00">', '<h1>x</h1>').published, '2023-06-12T10:00:00+00:00'));
test('author: outlet after the names is not a co-author', () => assert.equal(page('<meta name="author" content="Manoj Jain and Jagpreet Chhatwal, The Commercial Appeal">', '<h1>x</h1>').author, 'Manoj Jain and Jagpreet Chhatwal'));
test('author: "- Editorial Team" tail dropped', () => assert.equal(page('<meta name="author" content="David Jackson - FullStack Editorial Team">', '<h1>x</h1>').author, 'David Jackson'));

// ---- metadata far from the headline, dateline labels, job titles (meta-* fixtures)
test('Arabic: "الكاتب" author box and "نشر في:" date after the story are found', () => {
  const a = extractHtml(fixture('meta-credit-far-ar.html'), { url: 'https://example.org/p/festival' });
  assert.equal(a.author, 'ليلى بن عمر');
  assert.equal(a.published, '2024-03-12');
});
test('English: "Written by …, RD" box after the story, credentials kept; a lone date line is the date', () => {
  const a = extractHtml(fixture('meta-credit-far-en.html'), { url: 'https://example.org/blog/cast-iron' });
  assert.equal(a.author, 'Jane Q. Doe, RD');
  assert.equal(a.published, '2026-02-16');
});
test('dateline before the h1: the unlabelled date is published, the "Updated:" one beside it is not', () => {
  const a = extractHtml(fixture('meta-dateline-updated-first.html'), { url: 'https://example.org/sleep' });
  assert.equal(a.published, '2022-12-22');
});
test('metadata date also printed by the headline is kept over an unlabelled changelog date', () => {
  const html = `<html><head><meta property="article:published_time" content="2021-01-18T19:55+01:00"></head><body>
    <h1>How to Choose a Tool</h1><p><time datetime="2021-01-18">2021-01-18</time></p><ul><li>2022-04-12 Link added</li></ul>
    <p>${'Long story text about choosing tools. '.repeat(20)}</p></body></html>`;
  assert.equal(extractHtml(html).published, '2021-01-18T19:55:00+01:00');
});
test('Arabic dateline: "آخر تحديث" is an update, "نشر في" the publication', () => {
  const html = `<html lang="ar"><head><meta property="article:published_time" content="2024-03-12T10:00:00+03:00"></head><body>
    <h1>عنوان الخبر الرئيسي اليوم</h1><div class="meta"><span>آخر تحديث: 20 مارس 2024</span></div>
    <p>${'نص الخبر الطويل الذي يتحدث عن الأحداث الجارية في المنطقة. '.repeat(10)}</p></body></html>`;
  assert.equal(extractHtml(html).published, '2024-03-12T10:00:00+03:00');
});
test('author: job title glued after the name is cut', () => {
  assert.equal(cleanAuthor('Harry Rabinowitz Tech Reporter'), 'Harry Rabinowitz');
  assert.equal(cleanAuthor('Matt Check Head Winemaker, Co-Founder'), 'Matt Check');
  // an outlet's role credit is left alone (no person name before the role)
  assert.equal(cleanAuthor('AAA Travel Editor'), 'AAA Travel Editor');
});
test('date: URL day followed by "+slug" and a percent-encoded URL', () => {
  assert.equal(dateFromUrl('https://blog.example.fr/articles/2025-12-15+Rust+backend'), '2025-12-15');
  assert.equal(dateFromUrl('https://blog.example.fr%2Farticles%2F2025-12-15%2BRust'), '2025-12-15');
});
test('a date inside a sentence is not taken as the page date', () => {
  const html = `<html><body><h1>Some page title here</h1><p>${'Text without dates. '.repeat(30)}</p><p>${'More text without dates. '.repeat(30)}</p><p>We moved on March 3, 2024 to a new office.</p></body></html>`;
  assert.equal(extractHtml(html).published, null);
});
