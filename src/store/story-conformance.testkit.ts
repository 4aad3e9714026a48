/**
 * The near-duplicate and story part of the store conformance suite: every backend runs these tests.
 */
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import type { MarsadStore } from './store.js';
import type { ArticleEvent } from '../model/event.js';
import { article, input, storeTest } from './conformance.testkit.js';

export function runStoryStoreConformance(backend: string, open: () => Promise<MarsadStore>): void {
  describe(`story store conformance: ${backend}`, () => {
    const withStore = storeTest(open);
    const three = async (s: MarsadStore) => {
      const a = (await s.put(input('a.txt', article({ published: '2022-06-20', site: 'هسبريس', text: 'التقى حموشي بيرنز في الرباط.' })))).id;
      const b = (await s.put(input('https://febrayer.com/b', article({ published: '2022-06-21', site: null, title: 'لقاء', text: 'استقبل حموشي بيرنز.' })))).id;
      const c = (await s.put(input('c.txt', article({ published: '2023-01-05', text: 'ارتفعت أسعار الخضر في الأسواق.' })))).id;
      return { a, b, c };
    };

    withStore('signatures round-trip byte for byte, in the order articles were stored, and are replaced', async (s) => {
      const { a, b } = await three(s);
      const bytes = new Uint8Array([0x48, 0x4d, 2, 0, 7, 0, 0, 0, 1, 2, 3, 4, 255, 254, 253, 252]);
      await s.setSignature({ article: b, exactKey: 'kb', signature: bytes, version: 'v1' });
      await s.setSignature({ article: a, exactKey: 'ka', signature: bytes.slice(0, 8), version: 'v1' });
      const got = await s.signatures();
      assert.deepEqual(got.map((r) => r.article), [a, b]);
      assert.deepEqual([...got[1]!.signature], [...bytes]);
      assert.equal(got[1]!.exactKey, 'kb');
      await s.setSignature({ article: a, exactKey: 'ka2', signature: bytes, version: 'v2' });
      const again = await s.signatures();
      assert.equal(again.length, 2);
      assert.deepEqual({ ...again[0]!, signature: [...again[0]!.signature] }, { article: a, exactKey: 'ka2', signature: [...bytes], version: 'v2' });
    });

    withStore('a duplicate link is kept with its similarity and can be replaced or removed', async (s) => {
      const { a, b } = await three(s);
      assert.equal(await s.duplicateOf(b), null);
      await s.setDuplicateOf(b, { id: a, similarity: 0.82, exact: false });
      assert.deepEqual(await s.duplicateOf(b), { id: a, similarity: 0.82, exact: false });
      await s.setDuplicateOf(b, { id: a, similarity: 1, exact: true });
      assert.deepEqual(await s.duplicateOf(b), { id: a, similarity: 1, exact: true });
      await s.setDuplicateOf(b, null);
      assert.equal(await s.duplicateOf(b), null);
    });

    withStore('stories: assignments in order, label and summary, articles with outlets, newest story first', async (s) => {
      const { a, b, c } = await three(s);
      await s.assignStory(a, a);
      await s.assignStory(c, c);
      await s.assignStory(b, a);
      await s.setStory({ id: a, label: 'حموشي يلتقي بيرنز', summary: ['التقى حموشي بيرنز في الرباط.'] });
      assert.deepEqual(await s.storyAssignments(), [{ article: a, story: a }, { article: c, story: c }, { article: b, story: a }]);
      const list = await s.listStories();
      assert.deepEqual(list.map((x) => x.id), [c, a], 'the story with the latest article first');
      const story = list[1]!;
      assert.equal(story.label, 'حموشي يلتقي بيرنز');
      assert.deepEqual(story.summary, ['التقى حموشي بيرنز في الرباط.']);
      assert.deepEqual(story.articles.map((x) => [x.id, x.source, x.site, x.published, x.story]), [
        [a, 'a.txt', 'هسبريس', '2022-06-20', a],
        [b, 'https://febrayer.com/b', null, '2022-06-21', a],
      ]);
      assert.equal(list[0]!.label, null, 'a story not yet labelled');
      assert.deepEqual(list[0]!.summary, []);
      assert.deepEqual((await s.listStories({ limit: 1, offset: 1 })).map((x) => x.id), [a]);
      assert.deepEqual((await s.getStory(c))?.articles.map((x) => x.id), [c]);
      assert.equal(await s.getStory('nothing'), null);

      await s.assignStory(b, c);
      assert.deepEqual((await s.getStory(c))?.articles.map((x) => x.id), [b, c], 'an article is in one story');
      assert.deepEqual((await s.storyAssignments()).map((x) => x.article), [a, c, b], 'reassigning keeps the order of first assignment');

      const refs = await s.articleRefs([c, 'missing', a]);
      assert.deepEqual(refs.map((r) => [r.id, r.story]), [[c, c], [a, a]]);

      // the listing follows the articles as they move: a story takes its newest article's place
      await s.assignStory(c, a);
      assert.deepEqual((await s.listStories()).map((x) => x.id), [a, c], 'story a now holds the newest article');
      await s.assignStory(b, a);
      assert.deepEqual((await s.listStories()).map((x) => x.id), [a], 'a story left without articles is not listed');

      await s.clearStories();
      assert.deepEqual(await s.listStories(), []);
      assert.deepEqual(await s.storyAssignments(), []);
      assert.equal((await s.articleRefs([a]))[0]!.story, null);
    });

    withStore("a story's events in one read: its articles in story order, each one's events in order, as articleEvents gives them", async (s) => {
      const { a, b, c } = await three(s);
      const event = (article: string, n: number, type: string, start: string | null): ArticleEvent => ({
        id: `${article}:${n}`, type, mode: null, status: null,
        source: { id: 'generic:GOV:MA', label: 'الحكومة' }, target: null, location: null,
        date: { start, end: start, text: null }, contexts: [], evidence: { text: 'التقى', start: 0, end: 5 },
      });
      await s.setArticleEvents(b, [event(b, 1, 'CONSULT', '2022-06-21'), event(b, 2, 'ASSAULT', null)]);
      await s.setArticleEvents(a, [event(a, 1, 'CONSULT', null)]);
      await s.setArticleEvents(c, [event(c, 1, 'PROTEST', '2023-01-05')]);
      await s.assignStory(b, a);
      await s.assignStory(a, a);
      await s.assignStory(c, c);
      const story = (await s.getStory(a))!;
      const expected = [];
      for (const r of story.articles) for (const e of await s.articleEvents(r.id)) expected.push({ ...e, article: r.id, title: r.title, published: r.published });
      assert.deepEqual(expected.map((e) => e.id), [`${a}:1`, `${b}:1`, `${b}:2`], 'a (published first) before b');
      assert.deepEqual(await s.storyEvents(a), expected);
      assert.deepEqual((await s.storyEvents(c)).map((e) => e.id), [`${c}:1`]);
      assert.deepEqual(await s.storyEvents('nothing'), []);
    });
  });
}
