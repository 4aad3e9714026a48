/**
 * Retrieval over the five seed pages: each query lists the seeds it must return and the
 * seeds it must not. Expectations were set by reading the seeds' article text (not the
 * engine's output); a query whose word is only in page furniture must not find that page.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readFilePage } from '../../src/sources/files.js';
import { extractArticle } from '../../src/extract/extract.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { arabicSearchAnalyzer } from '../../src/arabic/search-keys.js';
import { parseQuery } from '../../src/store/search-query.js';
import type { ArticleStore } from '../../src/store/store.js';
import { ROOT, SHARED } from '../cli/run-cli.js';

const SEEDS = join(SHARED, 'seeds');
const skip = existsSync(SEEDS) ? false : `${SEEDS} not found: retrieval over the seeds skipped`;

// query | must return (seed number prefixes) | must not return | label
const CASES: Array<[string, string[], string[], string]> = [
  ['روبنسون', ['003'], ['000', '001', '002', '004'], 'a name in one article only'],
  ['هاينز', ['000', '001', '002', '004'], ['003'], 'a name in four articles'],
  ['بيرنز', ['000', '004'], ['002', '003'], 'one spelling of Burns'],
  ['بورنز', ['001'], ['002', '003'], 'the other spelling of Burns'],
  ['بيرنز OR بورنز', ['000', '001', '004'], ['002', '003'], 'either spelling'],
  ['داعش', ['001', '002'], ['000', '003', '004'], 'an organisation'],
  ['البوليساريو', ['001', '003'], ['000', '002', '004'], 'with the article'],
  ['المخدرات', ['000', '003'], ['001', '002', '004'], 'a topic word'],
  ['معتضد', ['003'], ['000', '001', '002', '004'], 'a researcher'],
  ['العروسي', ['003'], ['000', '001', '002', '004'], 'another researcher'],
  ['الحافظي', ['000'], ['002', '003', '004'], 'researcher, one spelling'],
  ['الحافيظي', ['001'], ['002', '003', '004'], 'researcher, other spelling'],
  ['"كريستوفر راي"', ['000', '001', '004'], ['002', '003'], 'a two-word name as a phrase'],
  ['"إف بي آي"', ['000'], ['001', '002', '003', '004'], 'an acronym spelled out in Arabic'],
  ['CIA', ['001'], ['000', '002', '003', '004'], 'a Latin acronym'],
  ['cia', ['001'], ['000', '002', '003', '004'], 'Latin acronyms ignore case'],
  ['سبتمبر', ['002'], ['000', '001', '003', '004'], 'a month name'],
  ['السيبريانية', ['000'], ['001', '002', '003', '004'], 'a rare word'],
  ['هسبريس', ['001'], ['000', '002', '003', '004'], 'an outlet named in the text'],
  ['الاستخبارات', ['000', '001', '002', '004'], ['003'], 'with the article'],
  ['استخبارات', ['000', '001', '002', '004'], ['003'], 'without the article'],
  ['للاستخبارات', ['000', '001', '002', '004'], ['003'], 'with the lam-al proclitic'],
  ['والاستخبارات', ['000', '001', '002', '004'], ['003'], 'with the waw proclitic'],
  ['حموشي', ['000', '001', '002', '004'], ['003'], 'Hammouchi without the article'],
  ['الحموشي', ['000', '001', '002', '004'], ['003'], 'Hammouchi with the article'],
  ['أمريكية', ['000', '001', '002', '003', '004'], [], 'American, feminine, no article'],
  ['الأميركية', ['000', '001', '002', '003', '004'], [], 'American, Levantine spelling'],
  ['"مراقبة التراب الوطني"', ['000', '001', '002', '004'], ['003'], 'a phrase whose first word carries a clitic in the text'],
  ['روبنسون OR معتضد', ['003'], ['000', '001', '002', '004'], 'OR inside one article'],
  ['هاينز -بيرنز -بورنز', ['002'], ['000', '001', '003', '004'], 'exclusions'],
  ['هاينز NOT سبتمبر', ['000', '001', '004'], ['002', '003'], 'NOT'],
  ['روبنس*', ['003'], ['000', '001', '002', '004'], 'prefix'],
  ['الإرهاب site:عبّر', ['004'], ['000', '001', '002', '003'], 'site filter by outlet name'],
  ['from:2022-06-01 to:2022-06-30', ['000', '004'], ['001', '002', '003'], 'date range alone (undated pages excluded)'],
  ['الجريمة from:2023', ['003'], ['000', '001', '002', '004'], 'word and date'],
];

let store: ArticleStore;
const idOf = new Map<string, string>();

before(async () => {
  if (skip) return;
  store = openSqliteStore(':memory:', arabicSearchAnalyzer);
  for (const name of readdirSync(SEEDS).sort()) {
    const page = await readFilePage(join(SEEDS, name));
    const { id } = await store.put({ source: page.source, raw: { ...page }, article: extractArticle(page) });
    idOf.set(id, name.slice(0, 3));
  }
});

after(async () => store?.close());

for (const [q, must, mustNot, label] of CASES) {
  test(`retrieval: ${label} — ${q}`, { skip }, async () => {
    const found = new Set((await store.search(parseQuery(q), { limit: 50 })).map((h) => idOf.get(h.id)!));
    for (const seed of must) assert.ok(found.has(seed), `${q} should find seed ${seed}; found ${[...found].sort()}`);
    for (const seed of mustNot) assert.ok(!found.has(seed), `${q} should not find seed ${seed}`);
  });
}

// The same checks over the repo's own fixtures, so a clone without ../shared still runs them.
const FIXTURE_DIRS = ['pages', 'text'].map((d) => join(ROOT, 'test', 'fixtures', d));
// query | must return (fixture file names) | must not return | label
const FIXTURE_CASES: Array<[string, string[], string[], string]> = [
  ['الأردني', ['news-article-utf8.html'], ['news-scrape-plain.txt'], 'a word in one page'],
  ['والأردن*', ['news-article-utf8.html'], ['news-scrape-plain.txt'], 'prefix with a clitic in the query'],
  ['الفوسفات', ['news-scrape-plain.txt'], ['news-article-utf8.html'], 'phosphate'],
  ['صادرات', ['news-scrape-plain.txt'], ['news-article-utf8.html'], 'without the article'],
  ['الحصبة', ['hashtag-tags-line.txt'], ['repeated-body.txt'], 'measles'],
  ['رمضان', ['hijri-date-signature.txt', 'repeated-body.txt'], ['news-article-utf8.html'], 'a month in two pages'],
  ['"سعر الفائدة"', ['breadcrumb-follow-site.txt'], ['news-scrape-plain.txt'], 'a phrase'],
  ['الكهربائية', ['levantine-dateline-copyright.txt'], ['breadcrumb-follow-site.txt'], 'with the article and nisba'],
  ['المكتبة OR الفلاحين', ['glued-admin-uncategorised.txt', 'prayer-weather-widgets.txt'], ['hashtag-tags-line.txt'], 'OR across pages'],
  ['الأسعار -رمضان', [], ['repeated-body.txt'], 'excluded by NOT'],
  ['مواقيت', [], ['prayer-weather-widgets.txt'], 'a word only in a removed widget is not indexed'],
];

let fixtureStore: ArticleStore;
const fixtureOf = new Map<string, string>();

before(async () => {
  fixtureStore = openSqliteStore(':memory:', arabicSearchAnalyzer);
  for (const dir of FIXTURE_DIRS) {
    for (const name of readdirSync(dir).sort()) {
      const page = await readFilePage(join(dir, name));
      const article = extractArticle(page);
      if (article.lang !== 'ar') continue;
      const { id } = await fixtureStore.put({ source: page.source, raw: { ...page }, article });
      if (!fixtureOf.has(id)) fixtureOf.set(id, name);
    }
  }
});

after(async () => fixtureStore?.close());

for (const [q, must, mustNot, label] of FIXTURE_CASES) {
  test(`retrieval over fixtures: ${label} — ${q}`, async () => {
    const found = new Set((await fixtureStore.search(parseQuery(q), { limit: 50 })).map((h) => fixtureOf.get(h.id)!));
    for (const name of must) assert.ok(found.has(name), `${q} should find ${name}; found ${[...found].sort()}`);
    for (const name of mustNot) assert.ok(!found.has(name), `${q} should not find ${name}`);
  });
}

test('retrieval: at least 30 queries are checked', () => assert.ok(CASES.length + FIXTURE_CASES.length >= 30));
