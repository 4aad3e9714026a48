/**
 * One-line regression cases for the metadata rules of issue #2 (title agreement, site-name
 * affixes, publication vs update dates). Every snippet here is written for the test.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractHtml } from './html.js';
import { chooseTitle, titleAffixes } from './html-metadata.js';
import { repairMojibake } from './html-dom.js';

const story = `<p>${'The body of the story goes on for a while in this paragraph. '.repeat(8)}</p><p>${'And another long paragraph of the story follows here. '.repeat(8)}</p>`;
const page = (head: string, body: string): ReturnType<typeof extractHtml> =>
  extractHtml(`<html><head>${head}</head><body>${body}${story}</body></html>`, { url: 'https://news.example/a/1' });
const ld = (o: object): string => `<script type="application/ld+json">${JSON.stringify(o)}</script>`;

// ---------------------------------------------------------------- titles

test('title: affix revealed by two metadata titles', () => assert.deepEqual(titleAffixes(['Garden Notes: Planting garlic in autumn', 'Planting garlic in autumn']), ['Garden Notes']));
test('title: h1 that is the site affix of <title> is not the headline', () => assert.equal(page('<title>Garden Notes: Planting garlic in autumn</title><meta property="og:title" content="Planting garlic in autumn">', '<h1>Garden Notes</h1>').title, 'Planting garlic in autumn'));
test('title: domain glued on with a space only', () => assert.equal(chooseTitle(['gardennotes.org Planting garlic'], [], null, { sites: ['gardennotes.org'] }), 'Planting garlic'));
test('title: a 400 KB og:title (fuzzing, issue #8) is no headline and costs no seconds', () => assert.equal(chooseTitle(['ع '.repeat(200_000)], ['ع'.repeat(300_000)], null), null));
test('title: domain after a separator still cut cleanly', () => assert.equal(chooseTitle(['Planting garlic in autumn | gardennotes.org'], [], null, { sites: ['gardennotes.org'] }), 'Planting garlic in autumn'));
test('title: all-caps h1 gives way to the written metadata title', () => assert.equal(chooseTitle(['Best Rain Boots 2026: Tips From Hikers | Trail Co'], ['BEST RAIN BOOTS IN 2026: TIPS FROM HIKERS'], 'Trail Co'), 'Best Rain Boots 2026: Tips From Hikers'));
test('title: all-caps h1 equal to the metadata title is kept', () => assert.equal(chooseTitle(['WEEKEND GARDEN PLANS'], ['WEEKEND GARDEN PLANS'], null), 'WEEKEND GARDEN PLANS'));
test('title: h1 with characters lost to a charset conversion', () => assert.equal(chooseTitle(["Planting Garlic: A Beginner's Guide"], ['Planting Garlic? A Beginner? Guide'], null), "Planting Garlic: A Beginner's Guide"));
test('title: h1 that is only the head of "Head: rest"', () => assert.equal(chooseTitle(['Rain Boots: How to Choose a Pair | Trail Co'], ['Rain boots'], 'Trail Co'), 'Rain Boots: How to Choose a Pair'));
test('title: Arabic h1 agreeing with og:title after the site affix', () => assert.equal(page('<title>أمطار غزيرة في الشمال - جريدة المرصد</title><meta property="og:title" content="أمطار غزيرة في الشمال">', '<h1>أمطار غزيرة في الشمال</h1>').title, 'أمطار غزيرة في الشمال'));
test('title: quotation marks every title has are kept', () => assert.equal(chooseTitle(['«أمطار غزيرة» في الشمال'], ['«أمطار غزيرة» في الشمال'], null), '«أمطار غزيرة» في الشمال'));
test('title: a short " | Section" tail is cut from the h1', () => assert.equal(chooseTitle(['Planting garlic in autumn | Opinion'], ['Planting garlic in autumn | Opinion'], null), 'Planting garlic in autumn'));
test('title: a long " | subtitle" printed in the h1 is kept', () => assert.equal(chooseTitle(['Planting garlic in autumn | How to get big bulbs next summer — Garden Notes'], ['Planting garlic in autumn | How to get big bulbs next summer'], 'Garden Notes'), 'Planting garlic in autumn | How to get big bulbs next summer'));
test('title: a summary put in twitter:title is no headline', () => assert.equal(page('<meta property="og:title" content="Garden tools update, Fall 2025"><meta name="twitter:title" content="Garden Tool Updates for Fall 2025 looks at the trends of the season, with prices, deals and what gardeners bought most this year. Download the report.">', '<h1>Garden Tool Updates</h1>').title, 'Garden tools update, Fall 2025'));
test('title: without an h1, the metadata title most sources state', () => assert.equal(chooseTitle(['Garlic cost', 'Average cost of seed garlic', 'Average cost of seed garlic | Garden Notes'], [], 'Garden Notes'), 'Average cost of seed garlic'));
test('title: the post-title element printing a metadata title beats a differing h1', () => assert.equal(page('<meta property="og:title" content="How garden tools are made today - Garden Notes">', '<h1>Garden tools today</h1><h2 class="entry-title">How garden tools are made today</h2>').title, 'How garden tools are made today'));
test('title: a short "Section | " prefix is cut from a lone <title>', () => assert.equal(chooseTitle(['Opinion | Why garden tools cost more this year'], [], null), 'Why garden tools cost more this year'));
test('title: a short Arabic "القسم | " prefix is cut from a lone <title>', () => assert.equal(chooseTitle(['مقالات الرأي | لماذا ارتفعت أسعار الخبز هذا العام'], [], null), 'لماذا ارتفعت أسعار الخبز هذا العام'));
test('title: h1 of title and subtitle elements takes the separator of the metadata title', () => assert.equal(page('<meta property="og:title" content="Planting garlic in autumn - A guide for gardeners who never grew it">', '<h1><span>Planting garlic in autumn</span> <span>A guide for gardeners who never grew it</span></h1>').title, 'Planting garlic in autumn - A guide for gardeners who never grew it'));
test('title: an h1 rewording the metadata title with most of its words wins', () => assert.equal(page('<meta property="og:title" content="Garlic Planting Tips for 2026 | Garden Notes">', '<h1>Garlic Planting Tips for a Bigger 2026 Harvest</h1>').title, 'Garlic Planting Tips for a Bigger 2026 Harvest'));
test('title: an h1 sharing few words with the metadata title (a banner) gives way to it', () => assert.equal(page('<meta property="og:title" content="How to plant garlic in autumn | Garden Notes">', '<h1>Grow more with less effort</h1>').title, 'How to plant garlic in autumn'));
test('title: a " – subtitle" both the h1 and the metadata title print is kept', () => assert.equal(page('<title>Planting garlic in autumn – a guide for beginners | Garden Notes</title>', '<h1>Planting garlic in autumn – a guide for beginners</h1>').title, 'Planting garlic in autumn – a guide for beginners'));
test('title: an Arabic h1 rewording og:title with most of its words wins', () => assert.equal(page('<meta property="og:title" content="أمطار غزيرة في الشمال - جريدة المرصد">', '<h1>أمطار غزيرة وسيول في مدن الشمال</h1>').title, 'أمطار غزيرة وسيول في مدن الشمال'));
test('title: mojibake repaired', () => assert.equal(repairMojibake('Gardener\u00e2\u0080\u0099s guide \u00c2\u00ae'), 'Gardener\u2019s guide \u00ae'));
test('title: text without C1 characters left alone', () => assert.equal(repairMojibake('S\u00c3\u00a3o Paulo'), 'S\u00c3\u00a3o Paulo'));
test('title: Arabic mojibake repaired', () => assert.equal(repairMojibake(Buffer.from('مرصد', 'utf8').toString('latin1')), 'مرصد'));

// ---------------------------------------------------------------- dates

test('date: <time pubdate> beats JSON-LD datePublished', () => assert.equal(page(ld({ '@type': 'Article', datePublished: '2025-11-29T12:00:00Z' }), '<h1>Free garden tools for beginners</h1>' + story + '<div>Published <time pubdate datetime="2025-08-13">August 13, 2025</time></div>').published, '2025-08-13'));
test('date: "originally published on" beats the byline date', () => assert.equal(page('', '<h1>Living in a small house</h1><p>Jane Doe</p><p>30 Sep 2022</p><p>This article was originally published on 26 Sep 2019 and is updated often.</p>').published, '2019-09-26'));
test('date: a book "first published in" is not the page date', () => assert.equal(page('', '<h1>A review of an old novel</h1><p>Jane Doe</p><p>30 Sep 2022</p><p>The novel, first published on 24 November 1859, is still read.</p>').published, '2022-09-30'));
test('date: "originally published on" a weekday and a month name', () => assert.equal(page('', '<h1>Moon phases explained</h1><p>Released</p><p>1 January 2025</p><p>This page was originally published on Wednesday, March 2, 2022.</p>').published, '2022-03-02'));
test('date: a bare "Originally published" line', () => assert.equal(page('', '<h1>Living in a small house</h1><p>30 Sep 2022</p><p>Originally published: 26 Sep 2019</p>').published, '2019-09-26'));
test('date: Arabic "نشر لأول مرة" beats the byline date', () => assert.equal(page('', '<h1>العيش في منزل صغير</h1><p>30 سبتمبر 2022</p><p>نُشر هذا المقال لأول مرة في 26 سبتمبر 2019.</p>').published, '2019-09-26'));
test('date: entries of an "Updates" list are update stamps', () => assert.equal(page('<meta property="article:published_time" content="2021-01-18T19:55+01:00">', '<h1>How to choose a tool</h1><p>Updates</p><ul><li>2021-08-09 Added a section.</li><li>2022-04-12 Link added</li></ul>').published, '2021-01-18T19:55:00+01:00'));
test('date: ambiguous day/month under the h1 settled by <time datetime>', () => assert.equal(page('', '<div><a>Other news</a><time datetime="2025-12-16T12:00:00Z">12/16/2025</time></div><h1>Candidate experience in two careers</h1><div><time datetime="2017-03-01T12:00:00Z">03/01/2017</time></div>').published, '2017-03-01T12:00:00Z'));
test('date: <time> text disagreeing with its datetime: the datetime', () => assert.equal(page('', '<h1>Our coffee stack story</h1><p><time datetime="2024-12-20">August 28, 2024</time></p>').published, '2024-12-20'));
test('date: a date just before the h1 beats one in a list far below it', () => {
  const related = Array.from({ length: 15 }, (_, i) => `<li><a href="/p/${i}">Another story number ${i}</a></li>`).join('');
  assert.equal(page('', `<p>Marketing</p><p>January 16, 2025</p><h1>Types of mobile apps</h1><ul>${related}</ul><p>July 15, 2025</p>`).published, '2025-01-16');
});
test('date: JSON-LD kept in a <meta name="script:ld+json">', () => assert.equal(page(`<meta name="script:ld+json" content='${JSON.stringify({ '@type': 'Article', datePublished: '2025-11-17T09:00:00-05:00' })}'>`, '<h1>Electric cars guide</h1>').published, '2025-11-17T09:00:00-05:00'));
test('date: a labelled "Updated" date does not replace datePublished', () => assert.equal(page(ld({ '@type': 'Article', datePublished: '2024-09-06', dateModified: '2025-11-14' }), '<h1>Machine learning in shops</h1><p>Updated November 14, 2025</p>').published, '2024-09-06'));
test('date: Arabic "آخر تحديث" under the h1 does not replace datePublished', () => assert.equal(page(ld({ '@type': 'NewsArticle', datePublished: '2024-03-12' }), '<h1>عنوان الخبر الرئيسي</h1><p>آخر تحديث: 20 مارس 2024</p>').published, '2024-03-12'));
