/**
 * The store conformance suite: every backend runs exactly these tests (as Kysely runs each
 * test per dialect), so the stages can rely on the interface, not on one engine.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../model/article.js';
import type { ArticleInput, ArticleStore } from './store.js';
import { parseQuery } from './search-query.js';

export function article(overrides: Partial<Article> = {}): Article {
  return {
    title: 'حموشي يلتقي مدير مكتب التحقيقات الفيدرالي في واشنطن',
    published: '2022-06-20T12:00',
    author: 'سكينة المهتدي',
    site: 'فبراير',
    section: 'سياسة',
    tags: ['الأمن', 'المغرب'],
    url: null,
    lang: 'ar',
    text: 'التقى المدير العام للأمن الوطني بمدير مكتب التحقيقات الفيدرالي.\n\nوجاء اللقاء في إطار زيارة عمل.',
    ...overrides,
  };
}

export function input(source: string, a: Article, bytes = `<p>${a.text}</p>`): ArticleInput {
  return {
    source,
    article: a,
    raw: {
      bytes: new TextEncoder().encode(bytes),
      url: /^https?:/.test(source) ? source : null,
      contentType: 'text/html; charset=utf-8',
      encoding: 'utf-8',
      kind: 'html',
      fetchedAt: '2026-11-28T10:00:00.000Z',
    },
  };
}

/**
 * A test that opens a fresh store, hands it to `fn`, and closes it whatever happens; every
 * conformance suite declares its tests with it.
 * @example const withStore = storeTest(open); withStore('stores an article', async (s) => { … });
 */
export function storeTest<S extends { close(): Promise<void> }>(open: () => Promise<S>) {
  return (name: string, fn: (s: S) => Promise<void>) =>
    test(name, async () => {
      const store = await open();
      try {
        await fn(store);
      } finally {
        await store.close();
      }
    });
}

export function runStoreConformance(backend: string, open: () => Promise<ArticleStore>): void {
  describe(`store conformance: ${backend}`, () => {
    const withStore = storeTest(open);

    withStore('a new article is stored and read back field for field', async (s) => {
      const a = article({ url: 'https://febrayer.com/ar/1' });
      const { id, change } = await s.put(input('https://febrayer.com/ar/1', a));
      assert.equal(change, 'new');
      const got = await s.get(id);
      assert.deepEqual(got?.article, a);
      assert.equal(got?.source, 'https://febrayer.com/ar/1');
      assert.equal(await s.count(), 1);
    });

    withStore('the same page ingested twice is stored once', async (s) => {
      const first = await s.put(input('seeds/a.txt', article()));
      const second = await s.put(input('seeds/a.txt', article()));
      assert.equal(second.change, 'unchanged');
      assert.equal(second.id, first.id);
      assert.equal(await s.count(), 1);
    });

    withStore('same canonical URL reached from another address is the same article', async (s) => {
      const a = article({ url: 'https://www.hespress.com/x-123.html' });
      const first = await s.put(input('https://hespress.com/x-123.html?utm_source=rss', a));
      const second = await s.put(input('https://m.hespress.com/x-123.html', a));
      assert.equal(second.id, first.id);
      assert.equal(await s.count(), 1);
    });

    withStore('the same text under another file name is the same article', async (s) => {
      const first = await s.put(input('copy-1.txt', article()));
      const second = await s.put(input('copy-2.txt', article({ text: article().text.replace('.', ' .') })));
      assert.equal(second.id, first.id);
      assert.equal(await s.count(), 1);
    });

    withStore('a changed page updates its record and keeps its id', async (s) => {
      const first = await s.put(input('https://a.example/p', article({ url: 'https://a.example/p' })));
      const changed = article({ url: 'https://a.example/p', title: 'عنوان معدل', text: 'نص جديد تماما للمقال بعد التحديث.' });
      const second = await s.put(input('https://a.example/p', changed, '<p>new</p>'));
      assert.equal(second.change, 'updated');
      assert.equal(second.id, first.id);
      assert.equal((await s.get(first.id))?.article.title, 'عنوان معدل');
      assert.equal(new TextDecoder().decode((await s.getRaw(first.id))!.bytes), '<p>new</p>');
      assert.equal(await s.count(), 1);
    });

    withStore('different articles get different ids and are listed newest first', async (s) => {
      const older = await s.put(input('a.txt', article({ published: '2021-01-01', text: 'نص أول مختلف.' })));
      const newer = await s.put(input('b.txt', article({ published: '2023-11-14', text: 'نص ثان مختلف.' })));
      assert.notEqual(older.id, newer.id);
      const listed = await s.list();
      assert.deepEqual(listed.map((r) => r.id), [newer.id, older.id]);
      assert.deepEqual((await s.list({ limit: 1, offset: 1 })).map((r) => r.id), [older.id]);
      assert.deepEqual((await s.ids()).sort(), [older.id, newer.id].sort());
    });

    withStore('articles are counted by day of publication, undated ones apart', async (s) => {
      await s.put(input('a.txt', article({ published: '2023-11-14T09:30:00+01:00', text: 'نص أول مختلف.' })));
      await s.put(input('b.txt', article({ published: '2023-11-14', text: 'نص ثان مختلف.' })));
      await s.put(input('c.txt', article({ published: '2021-01-01', text: 'نص ثالث مختلف.' })));
      await s.put(input('d.txt', article({ published: null, text: 'نص رابع مختلف.' })));
      const days = (await s.articlesByDay()).sort((x, y) => String(x.day).localeCompare(String(y.day)));
      assert.deepEqual(days, [
        { day: '2021-01-01', articles: 1 },
        { day: '2023-11-14', articles: 2 },
        { day: null, articles: 1 },
      ].sort((x, y) => String(x.day).localeCompare(String(y.day))));
    
      // the kept counts follow a publication day that changes (put again, or updateArticle), and leave no empty day
      const b = await s.put(input('b.txt', article({ published: '2022-02-02', text: 'نص ثان معدل.' })));
      assert.equal(b.change, 'updated');
      const d = (await s.list({ limit: 10 })).find((r) => r.source === 'd.txt')!;
      await s.updateArticle(d.id, article({ published: '2021-01-01T23:00', text: 'نص رابع معدل.' }));
      await s.put(input('c.txt', article({ published: '2021-01-01', text: 'نص ثالث معدل.' })));
      const after = (await s.articlesByDay()).sort((x, y) => String(x.day).localeCompare(String(y.day)));
      assert.deepEqual(after, [
        { day: '2021-01-01', articles: 2 },
        { day: '2022-02-02', articles: 1 },
        { day: '2023-11-14', articles: 1 },
      ]);
    });

    withStore('the raw page is kept byte for byte', async (s) => {
      const bytes = '<html><meta charset="windows-1256"><p>\u00e1\u00e4</p></html>';
      const { id } = await s.put(input('raw.html', article(), bytes));
      const raw = await s.getRaw(id);
      assert.equal(new TextDecoder().decode(raw!.bytes), bytes);
      assert.equal(raw!.kind, 'html');
      assert.equal(raw!.encoding, 'utf-8');
    });

    withStore('re-extraction replaces the article only when it changed', async (s) => {
      const { id } = await s.put(input('r.txt', article()));
      assert.equal(await s.updateArticle(id, article()), 'unchanged');
      assert.equal(await s.updateArticle(id, article({ section: 'أمن' })), 'updated');
      assert.equal((await s.get(id))?.article.section, 'أمن');
    });

    withStore('an unknown id reads as null', async (s) => {
      assert.equal(await s.get('nope'), null);
      assert.equal(await s.getRaw('nope'), null);
      await assert.rejects(s.updateArticle('nope', article()), { code: 'ARTICLE_NOT_FOUND' });
    });

    withStore('fetch validators are kept per URL', async (s) => {
      assert.equal(await s.getFetchState('https://a.example/feed'), null);
      const state = { url: 'https://a.example/feed', etag: '"v1"', lastModified: 'Mon, 20 Jun 2022 12:00:00 GMT', fetchedAt: '2026-11-28T10:00:00.000Z' };
      await s.setFetchState(state);
      await s.setFetchState({ ...state, etag: '"v2"' });
      assert.deepEqual(await s.getFetchState(state.url), { ...state, etag: '"v2"' });
    });

    withStore('an article is pending analysis until marked complete, and again once its content changes', async (s) => {
      const a = article({ url: 'https://a.example/done' });
      const { id } = await s.put(input('https://a.example/done', a));
      const other = (await s.put(input('other.txt', article({ text: 'نص آخر لم يكتمل تحليله بعد.' })))).id;
      assert.equal(await s.analysedVersion(id), null, 'stored but not analysed yet');
      assert.deepEqual(await s.unanalysed(), [id, other], 'in the order stored');
      await s.markAnalysed(id, 'v1');
      assert.equal(await s.analysedVersion(id), 'v1');
      assert.deepEqual(await s.unanalysed(), [other]);
      assert.deepEqual(await s.unanalysed('v2'), [id, other], 'an older analysis version is pending for a newer one');
      assert.equal((await s.put(input('https://a.example/done', a))).change, 'unchanged');
      assert.equal(await s.analysedVersion(id), 'v1', 'an unchanged page keeps its completed analysis');
      assert.equal((await s.put(input('https://a.example/done', { ...a, text: 'نص معدل بعد النشر.' }))).change, 'updated');
      assert.equal(await s.analysedVersion(id), null, 'new content needs a new analysis');
      await s.markAnalysed(id, 'v2');
      assert.equal(await s.updateArticle(id, { ...a, section: 'أمن' }), 'updated');
      assert.deepEqual(await s.unanalysed(), [id, other], 're-extracted content is pending too');
      await assert.rejects(s.markAnalysed('nope', 'v1'), { code: 'ARTICLE_NOT_FOUND' });
    });

    describe('search', () => {
      const corpus = async (s: ArticleStore) => {
        const put = async (name: string, a: Partial<Article>) => (await s.put(input(`https://${name}/1`, article({ url: `https://${name}/1`, ...a })))).id;
        return {
          fbi: await put('hespress.com', {
            title: 'الحموشي يلتقي مدير مكتب التحقيقات الفيدرالي',
            site: 'هسبريس',
            published: '2022-06-14',
            text: 'التقى الحموشي بمدير مكتب التحقيقات الفيدرالي في واشنطن لبحث التعاون مع الأجهزة الأمريكية والاستخبارات.',
          }),
          cia: await put('febrayer.com', {
            title: 'لقاء مع مدير وكالة المخابرات',
            site: 'فبراير',
            published: '2023-11-14',
            text: 'استقبل عبد اللطيف حموشي مدير وكالة الاستخبارات المركزية الأميركية في الرباط، وأكد البلاغ أهمية التنسيق للاستخبارات.',
          }),
          other: await put('example.com', {
            title: 'افتتاح معرض الكتاب',
            site: 'جريدة',
            published: '2024-02-01',
            text: 'افتتح معرض الكتاب أبوابه في الدار البيضاء بمشاركة دور نشر من بلدان عديدة.',
          }),
        };
      };
      const ids = async (s: ArticleStore, q: string) => (await s.search(parseQuery(q))).map((h) => h.id).sort();

      withStore('a word finds its forms with clitics and spelling variants', async (s) => {
        const c = await corpus(s);
        assert.deepEqual(await ids(s, 'الاستخبارات'), [c.fbi, c.cia].sort(), 'والاستخبارات / للاستخبارات');
        assert.deepEqual(await ids(s, 'حموشي'), [c.fbi, c.cia].sort(), 'الحموشي');
        assert.deepEqual(await ids(s, 'أمريكية'), [c.fbi, c.cia].sort(), 'الأمريكية / الأميركية');
        assert.deepEqual(await ids(s, 'الكتاب'), [c.other]);
      });

      withStore('phrases, OR, NOT and prefixes', async (s) => {
        const c = await corpus(s);
        assert.deepEqual(await ids(s, '"مكتب التحقيقات"'), [c.fbi]);
        assert.deepEqual(await ids(s, '"التحقيقات مكتب"'), []);
        assert.deepEqual(await ids(s, 'واشنطن OR الرباط'), [c.fbi, c.cia].sort());
        assert.deepEqual(await ids(s, 'حموشي -واشنطن'), [c.cia]);
        assert.deepEqual(await ids(s, 'معر*'), [c.other]);
      });

      withStore('filters by site and date', async (s) => {
        const c = await corpus(s);
        assert.deepEqual(await ids(s, 'حموشي site:hespress.com'), [c.fbi]);
        assert.deepEqual(await ids(s, 'حموشي site:فبراير'), [c.cia]);
        // LIKE wildcards in a site are text: they match no outlet, not every one.
        for (const q of ['site:%', 'site:_', 'site:%.com', 'حموشي site:%']) assert.deepEqual(await ids(s, q), [], q);
        assert.deepEqual(await ids(s, 'from:2023 to:2023'), [c.cia]);
        assert.deepEqual(await ids(s, 'حموشي to:2022-12-31'), [c.fbi]);
        const newestFirst = (await s.search(parseQuery('from:2022'))).map((h) => h.id);
        assert.deepEqual(newestFirst, [c.other, c.cia, c.fbi], 'a filter-only query lists newest first');
      });

      withStore('results are ranked and carry a highlighted snippet of the original text', async (s) => {
        const c = await corpus(s);
        const [top] = await s.search(parseQuery('التحقيقات'));
        assert.equal(top!.id, c.fbi);
        assert.ok(top!.score > 0);
        assert.match(top!.snippet, /<mark>التحقيقات<\/mark>/);
        const [cia] = await s.search(parseQuery('الاستخبارات'), { limit: 5 });
        assert.ok(cia);
        const hits = await s.search(parseQuery('الاستخبارات'));
        const snippetOfCia = hits.find((h) => h.id === c.cia)!.snippet;
        assert.match(snippetOfCia, /<mark>للاستخبارات<\/mark>/, 'the word is marked as written, clitic and all');
      });

      withStore('an updated article is searched by its new text only', async (s) => {
        const a = article({ url: 'https://x.example/a', text: 'نص قديم عن الانتخابات البلدية.' });
        await s.put(input('https://x.example/a', a));
        await s.put(input('https://x.example/a', { ...a, text: 'نص جديد عن الميزانية العامة.' }));
        assert.equal((await s.search(parseQuery('الانتخابات'))).length, 0);
        assert.equal((await s.search(parseQuery('الميزانية'))).length, 1);
      });
    });
  });
}
