/**
 * The quote part of the store conformance suite: every backend runs these tests.
 */
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleQuote } from '../model/quote.js';
import type { MarsadStore } from './store.js';
import { article, input, storeTest } from './conformance.testkit.js';

export function runQuoteStoreConformance(backend: string, open: () => Promise<MarsadStore>): void {
  describe(`quote store conformance: ${backend}`, () => {
    const withStore = storeTest(open);
    const setup = async (s: MarsadStore) => {
      const a = (await s.put(input('a.txt', article({ published: '2022-06-14', text: 'نص أول عن الزيارة.' })))).id;
      const b = (await s.put(input('b.txt', article({ published: '2023-11-14', text: 'نص ثان عن اللقاء.' })))).id;
      const [x] = await s.setArticleEntities(a, [person('وليام بيرنز')], null);
      const [y] = await s.setArticleEntities(b, [person('بورنز')], null);
      return { a, b, x: x!.id, y: y!.id };
    };
    const quote = (text: string, speaker: ArticleQuote['speaker']): ArticleQuote => ({ text, start: 0, end: text.length, cue: 'قال', speaker });

    withStore('an article keeps its quotes in order, with entity and label speakers', async (s) => {
      const { a, x } = await setup(s);
      const quotes = [quote('نحن نعمل بلا توقف', { id: x, label: 'وليام بيرنز' }), quote('لا جديد', { id: null, label: 'بلاغ للوزارة' }), quote('بلا متكلم', null)];
      await s.setArticleQuotes(a, quotes);
      assert.deepEqual(await s.articleQuotes(a), quotes);
      await s.setArticleQuotes(a, quotes.slice(0, 1));
      assert.equal((await s.articleQuotes(a)).length, 1, 're-analysis replaces an article’s quotes');
    });

    withStore('quotes are listed newest article first, by speaker, and follow a merge', async (s) => {
      const { a, b, x, y } = await setup(s);
      await s.setArticleQuotes(a, [quote('الأول', { id: x, label: 'وليام بيرنز' })]);
      await s.setArticleQuotes(b, [quote('الثاني', { id: y, label: 'بورنز' }), quote('الثالث', null)]);
      assert.deepEqual((await s.listQuotes()).map((q) => q.text), ['الثاني', 'الثالث', 'الأول']);
      assert.equal(await s.countQuotes(), 3);
      const [top] = await s.listQuotes({ limit: 1 });
      assert.equal(top!.article_id, b);
      assert.equal(top!.published, '2023-11-14');
      assert.deepEqual((await s.listQuotes({ speaker: x })).map((q) => q.text), ['الأول']);
      await s.mergeEntities(x, y, 'analyst');
      assert.deepEqual((await s.listQuotes({ speaker: x })).map((q) => q.text), ['الثاني', 'الأول'], 'the merged speaker’s quotes count for the kept one');
      assert.deepEqual((await s.listQuotes({ speaker: y })).map((q) => q.text), ['الثاني', 'الأول'], 'the merged id answers as the kept one');
      assert.deepEqual((await s.articleQuotes(b))[0]!.speaker, { id: x, label: 'وليام بيرنز' });
      assert.deepEqual((await s.listQuotes({ offset: 2 })).map((q) => q.text), ['الأول']);
    });

    withStore('the newest quotes of some articles are listQuotes’ of those articles, cut at the limit, with the count of all', async (s) => {
      const { a, b, x, y } = await setup(s);
      const c = (await s.put(input('c.txt', article({ published: '2024-01-02', text: 'نص ثالث عن الاجتماع.' })))).id;
      const d = (await s.put(input('d.txt', article({ published: null, text: 'نص رابع بلا تاريخ.' })))).id;
      const e = (await s.put(input('e.txt', article({ published: '2025-03-01', text: 'نص خامس خارج الثنائية.' })))).id;
      await s.setArticleQuotes(a, [quote('الأول', { id: x, label: 'وليام بيرنز' }), quote('الثاني', null), quote('الثالث', { id: null, label: 'بلاغ' })]);
      await s.setArticleQuotes(b, [quote('الرابع', { id: y, label: 'بورنز' })]);
      await s.setArticleQuotes(c, [quote('الخامس', null), quote('السادس', { id: x, label: 'وليام بيرنز' })]);
      await s.setArticleQuotes(d, [quote('السابع', null)]);
      await s.setArticleQuotes(e, [quote('خارج', null)]);
      const check = async (when: string) => {
        const asked = [b, 'no such article', c, a, d, b];
        // every stored quote, newest article first, kept for the asked articles
        const all = (await s.listQuotes({ limit: 100 })).filter((q) => asked.includes(q.article_id));
        assert.equal(all.length, 7, `${when}: quotes to compare`);
        for (const limit of [0, 1, 3, 4, 7, 50]) {
          const got = await s.newestQuotesOf(asked, limit);
          assert.deepEqual(got, { total: 7, quotes: all.slice(0, limit) }, `${when}: limit ${limit}`);
        }
        assert.deepEqual((await s.newestQuotesOf(asked, 4)).quotes.map((q) => q.text), ['السابع', 'الخامس', 'السادس', 'الرابع'], `${when}: newest article first (an undated one by when it was stored)`);
      };
      await check('stored');
      await s.mergeEntities(x, y, 'analyst');
      await check('after a merge');
      assert.deepEqual(await s.newestQuotesOf([], 10), { total: 0, quotes: [] });
      assert.deepEqual(await s.newestQuotesOf(['no such article'], 10), { total: 0, quotes: [] });
    });
  });
}

function person(label: string) {
  return {
    entityId: null,
    type: 'PERSON' as const,
    label,
    label_en: null,
    roles: [],
    mentions: [{ text: label, start: 0, end: label.length, key: label }],
    keys: [label],
  };
}
