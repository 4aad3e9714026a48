import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { extractHtml } from './html.js';
import { extractMainText } from './html-content.js';
import { parseHtml } from './html-dom.js';
import { fixturePath } from '../model/paths.js';

const fixture = (name: string): string => readFileSync(fixturePath('html', name), 'utf8');


const mainText = (html: string): string => extractMainText(parseHtml(html), html);

const page = (body: string, head = ''): string => `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;

/** A long Arabic paragraph with Arabic punctuation, numbered so each one is distinct. */
const arP = (n: number): string =>
  `<p>قال المتحدث باسم الوزارة (${n})، في مؤتمر صحفي عقده صباح اليوم في العاصمة، إن الاجتماع المقبل سيبحث الملفات الاقتصادية العالقة؛ وأضاف أن «الحوار مستمر» مع جميع الأطراف المعنية، فهل تنجح المفاوضات هذه المرة؟</p>`;
const enP = (n: number): string =>
  `<p>The council said on Tuesday (${n}) that the new bus lines would open next spring, after two years of consultations with residents, drivers and local shops, and that fares would stay the same for at least a year.</p>`;

test('article split over sibling page-builder boxes: every section kept, related links dropped (Arabic fixture)', () => {
  const { text } = extractHtml(fixture('content-split-sections-ar.html'));
  for (const want of ['تواجه المدن العربية', 'يستهلك المطبخ جزءاً معتبراً', 'أما في الحمّام', 'ويحذّر المختصون', 'وفي الحدائق المنزلية']) {
    assert.ok(text.includes(want), `missing "${want}"`);
  }
  for (const junk of ['كيف تختار سخان المياه', 'أسعار الكهرباء ترتفع', 'جميع الحقوق محفوظة', 'الرئيسية']) {
    assert.ok(!text.includes(junk), `furniture "${junk}" in text`);
  }
});

test('one long section and several short sibling sections: the short ones are merged in', () => {
  const box = (h: string, ps: string) =>
    `<section class="blk"><div class="wrap"><div class="inner"><h2>${h}</h2><div class="txt">${ps}</div></div><div class="side"><img src="/a.jpg"></div></div></section>`;
  const html = page(
    `<div class="page">${box('مقدمة', arP(1) + arP(2) + arP(3) + arP(4) + arP(5))}${box('الخلفية', arP(6))}${box('ردود الفعل', arP(7))}${box('ما التالي', arP(8))}</div>` +
      `<div class="links"><a href="/1">خبر آخر</a> <a href="/2">خبر ثالث</a></div>`,
  );
  const text = mainText(html);
  for (const n of [1, 5, 6, 7, 8]) assert.ok(text.includes(`(${n})`), `paragraph ${n} missing`);
  assert.ok(!text.includes('خبر آخر'));
});

test('Arabic paragraphs score like Latin ones: same structure, same choice', () => {
  const build = (p: (n: number) => string) =>
    page(
      `<div class="sidebar-box"><p>${'<a href="/x">رابط</a> '.repeat(30)}</p></div>` +
        `<div class="main">${p(1)}${p(2)}${p(3)}${p(4)}</div>`,
    );
  const ar = mainText(build(arP)).split('\n\n');
  const en = mainText(build(enP)).split('\n\n');
  assert.equal(ar.length, 4);
  assert.equal(en.length, 4);
  assert.ok(ar[0]!.startsWith('قال المتحدث'));
});

test('content after a stray </html>, and a <body> opened inside <head>, is still found', () => {
  const text = mainText(fixture('content-outside-body.html'));
  for (const want of ['the volunteers of a small mountain town', 'Three years later', 'Other towns have copied the model', 'stable public funding']) {
    assert.ok(text.includes(want), `missing "${want}"`);
  }
  assert.ok(!text.includes('We use cookies'));
  assert.ok(!text.includes('Free delivery'));
});

test('a box with an "unlikely" class that holds the whole article is kept; a real newsletter box is dropped', () => {
  const html = page(
    `<section class="hero-newsletter"><div class="newsletter-wrapper"><article class="newsletter-content">${enP(1)}${enP(2)}${enP(3)}${enP(4)}${enP(5)}${enP(6)}</article></div></section>` +
      `<div class="newsletter-signup"><p>Get our newsletter every Friday.</p><input type="email"><button>Subscribe</button></div>` +
      `<div class="site-about">${enP(7)}${enP(8)}${enP(9)}</div>`,
  );
  const text = mainText(html);
  for (const n of [1, 3, 6]) assert.ok(text.includes(`Tuesday (${n})`), `paragraph ${n} missing`);
  assert.ok(!text.includes('Get our newsletter'));
});

test('accordion (role=tablist) holding the article text is kept', () => {
  const html = page(
    `<div class="intro">${enP(1)}${enP(7)}${enP(8)}</div><div id="transcript" role="tablist"><div class="card">${enP(2)}${enP(3)}${enP(4)}${enP(5)}${enP(6)}</div></div>`,
  );
  const text = mainText(html);
  for (const n of [2, 4, 6]) assert.ok(text.includes(`Tuesday (${n})`), `paragraph ${n} missing`);
});

test('a list of teaser headlines next to the article is not merged in', () => {
  const teaser = (n: number) =>
    `<div class="card"><h3><a href="/t${n}">Teaser headline number ${n} about the city</a></h3><p>A short summary of another story, number ${n}, that the editors think you may also like to read.</p></div>`;
  const html = page(
    `<div class="wrap"><div class="article-text">${arP(1)}${arP(2)}${arP(3)}${arP(4)}${arP(5)}</div>` +
      `<div class="cards">${[1, 2, 3, 4, 5, 6].map(teaser).join('')}</div></div>`,
  );
  const text = mainText(html);
  assert.ok(text.includes('(5)'));
  assert.ok(!text.includes('Teaser headline'), text);
  assert.ok(!text.includes('A short summary of another story'), text);
});

test('the same long paragraph twice (mobile and desktop copies) is kept once', () => {
  const html = page(`<article><div class="mobile">${enP(1)}</div><div class="desktop">${enP(1)}</div>${enP(2)}${enP(3)}</article>`);
  const text = mainText(html);
  assert.equal(text.split('Tuesday (1)').length - 1, 1, text);
  assert.ok(text.includes('Tuesday (3)'));
});

test('the headline repeated at the top of the body (not as <h1>) is dropped', () => {
  const title = 'لغز لون شعر المرشح يربك الجمهور وخبير يشرح السبب';
  const html = page(
    `<article><span class="article-title">"${title}"</span>${arP(1)}${arP(2)}${arP(3)}</article>`,
    `<title>${title} | قناة الاختبار</title><meta property="og:title" content="${title}">`,
  );
  const paras = mainText(html).split('\n\n');
  assert.ok(paras[0]!.startsWith('قال المتحدث'), paras[0]);
  assert.equal(paras.length, 3);
});

test('elements hidden by utility classes are dropped; responsive ones are kept', () => {
  const html = page(
    `<article><span class="d-none">Hidden share text for crawlers only</span><span class="sr-only">Skip to content</span>` +
      `<div class="d-none d-md-block">${enP(1)}</div>${enP(2)}${enP(3)}</article>`,
  );
  const text = mainText(html);
  assert.ok(!text.includes('Hidden share text'));
  assert.ok(!text.includes('Skip to content'));
  assert.ok(text.includes('Tuesday (1)'), 'd-none d-md-block is visible on desktop');
});

test('Arabic "read also", follow/share prompts and a closing source line are dropped; news sentences starting with the same verbs stay', () => {
  const html = page(
    `<article>${arP(1)}<p>اقرأ أيضًا: الحكومة تعلن خطة جديدة لدعم المزارعين</p><p>إقرأ المزيد</p><p>شاهد أيضا: فيديو الحادث</p>` +
      `<p>شارك الرئيس في القمة العربية التي انعقدت في الرياض بحضور عدد كبير من القادة العرب، وألقى كلمة مطولة عن الأمن الغذائي.</p>` +
      `<p>انضم إلى الفريق الوطني ثلاثة لاعبين جدد بعد انتهاء المعسكر التدريبي، وفق ما أعلن الاتحاد.</p>` +
      `${arP(2)}<p>شارك الخبر على فيسبوك</p><p>تابعونا على تلغرام</p><p>انضموا إلى قناتنا على واتساب</p><p>المصدر: وكالات</p></article>`,
  );
  const text = mainText(html);
  for (const junk of ['اقرأ أيضًا', 'إقرأ المزيد', 'شاهد أيضا', 'شارك الخبر', 'تابعونا', 'انضموا إلى قناتنا', 'المصدر: وكالات']) {
    assert.ok(!text.includes(junk), `furniture "${junk}" in text`);
  }
  assert.ok(text.includes('شارك الرئيس في القمة العربية'));
  assert.ok(text.includes('انضم إلى الفريق الوطني'));
  assert.ok(text.includes('(2)'));
});

test('WordPress share / related-posts / tags plugins inside the body are dropped (Arabic site)', () => {
  const html = page(
    `<div class="entry-content">${arP(1)}${arP(2)}` +
      `<div class="sharedaddy"><h3>شارك هذا:</h3><ul><li><a href="#">فيسبوك</a></li><li><a href="#">تويتر</a></li></ul></div>` +
      `<div id="jp-relatedposts"><h3>ذات صلة</h3><p>ارتفاع أسعار الذهب في الأسواق المحلية اليوم مع تراجع الدولار</p></div>` +
      `<div class="post-tags"><a href="/tag/1">وسم_أول</a> <a href="/tag/2">وسم_ثان</a></div>${arP(3)}</div>`,
  );
  const text = mainText(html);
  assert.ok(text.includes('(1)') && text.includes('(3)'));
  for (const junk of ['شارك هذا', 'فيسبوك', 'ارتفاع أسعار الذهب', 'وسم_أول']) assert.ok(!text.includes(junk), `"${junk}" in text`);
});
