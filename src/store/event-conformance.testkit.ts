/**
 * The event part of the store conformance suite: every backend runs these tests.
 */
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleEvent } from '../model/event.js';
import type { MarsadStore } from './store.js';
import { article, input, storeTest } from './conformance.testkit.js';

export function runEventStoreConformance(backend: string, open: () => Promise<MarsadStore>): void {
  describe(`event store conformance: ${backend}`, () => {
    const withStore = storeTest(open);
    const setup = async (s: MarsadStore) => {
      const a = (await s.put(input('a.txt', article({ published: '2022-06-20', text: 'التقى حموشي بيرنز.' })))).id;
      const b = (await s.put(input('b.txt', article({ published: '2023-11-14', text: 'استقبل حموشي بورنز في الرباط.' })))).id;
      const [h, x] = await s.setArticleEntities(a, [person('عبد اللطيف حموشي'), person('وليام بيرنز')], null);
      const [, y, r] = await s.setArticleEntities(b, [{ ...person('حموشي'), entityId: h!.id }, person('بورنز'), place('الرباط')], null);
      return { a, b, h: h!.id, x: x!.id, y: y!.id, r: r!.id };
    };
    const event = (id: string, type: string, source: ArticleEvent['source'], target: ArticleEvent['target'], start: string | null, more: Partial<ArticleEvent> = {}): ArticleEvent => ({
      id, type, mode: null, status: null, source, target, location: null,
      date: { start, end: start, text: start ? 'يوم' : null }, contexts: ['intelligence'],
      evidence: { text: 'جملة.', start: 0, end: 5 }, ...more,
    });

    withStore('an article keeps its events in order, every field as given', async (s) => {
      const { a, h, x } = await setup(s);
      const evs = [
        event(`${a}:1`, 'CONSULT', { id: h, label: 'عبد اللطيف حموشي' }, { id: x, label: 'وليام بيرنز' }, '2022-06-13', { mode: 'visit', status: 'historical', date: { start: '2022-06-13', end: '2022-06-14', text: 'يومي 13 و14 يونيو' } }),
        event(`${a}:2`, 'COOPERATE', { id: 'local:3', label: 'بلا كيان' }, null, null, { mode: 'intelligence-sharing', contexts: [] }),
      ];
      await s.setArticleEvents(a, evs);
      assert.deepEqual(await s.articleEvents(a), evs);
      await s.setArticleEvents(a, evs.slice(1));
      assert.deepEqual((await s.articleEvents(a)).map((e) => e.id), [`${a}:2`], 're-analysis replaces an article’s events');
    });

    withStore('events are listed newest first, by actor (source or target), type and dates, and follow a merge', async (s) => {
      const { a, b, h, x, y, r } = await setup(s);
      await s.setArticleEvents(a, [event(`${a}:1`, 'CONSULT', { id: h, label: 'عبد اللطيف حموشي' }, { id: x, label: 'وليام بيرنز' }, '2022-06-13')]);
      await s.setArticleEvents(b, [
        event(`${b}:1`, 'CONSULT', { id: y, label: 'بورنز' }, { id: h, label: 'حموشي' }, null, { mode: 'visit', location: { id: r, label: 'الرباط' } }),
        event(`${b}:2`, 'AGREE', { id: h, label: 'حموشي' }, null, '2023-11-10'),
      ]);
      assert.deepEqual((await s.listEvents()).map((e) => e.id), [`${b}:1`, `${b}:2`, `${a}:1`], 'undated events count by their article’s day');
      const [top] = await s.listEvents({ limit: 1 });
      assert.equal(top!.article, b);
      assert.equal(top!.published, '2023-11-14');
      assert.deepEqual(top!.location, { id: r, label: 'الرباط' });
      assert.deepEqual((await s.listEvents({ actor: x })).map((e) => e.id), [`${a}:1`], 'as target');
      assert.deepEqual((await s.listEvents({ actor: h })).map((e) => e.id), [`${b}:1`, `${b}:2`, `${a}:1`], 'as source or target');
      assert.deepEqual((await s.listEvents({ type: 'AGREE' })).map((e) => e.id), [`${b}:2`]);
      assert.deepEqual((await s.listEvents({ from: '2023-01-01' })).map((e) => e.id), [`${b}:1`, `${b}:2`]);
      assert.deepEqual((await s.listEvents({ to: '2023-11-10' })).map((e) => e.id), [`${b}:2`, `${a}:1`]);
      assert.deepEqual((await s.listEvents({ from: '2022-06-14', to: '2022-06-30' })).map((e) => e.id), [], 'a one-day event outside the bounds');
      await s.mergeEntities(x, y, 'analyst');
      assert.deepEqual((await s.listEvents({ actor: x })).map((e) => e.id), [`${b}:1`, `${a}:1`], 'the merged actor’s events count for the kept one');
      assert.deepEqual((await s.listEvents({ actor: y })).map((e) => e.id), [`${b}:1`, `${a}:1`], 'the merged id answers as the kept one');
      assert.deepEqual((await s.articleEvents(b))[0]!.source, { id: x, label: 'وليام بيرنز' });
      assert.deepEqual((await s.listEvents({ offset: 2 })).map((e) => e.id), [`${a}:1`]);
    });
  });
}

function person(label: string) {
  return entity(label, 'PERSON' as const);
}

function place(label: string) {
  return entity(label, 'LOCATION' as const);
}

function entity(label: string, type: 'PERSON' | 'LOCATION') {
  return {
    entityId: null as string | null,
    type,
    label,
    label_en: null,
    roles: [],
    mentions: [{ text: label, start: 0, end: label.length, key: label }],
    keys: [label],
  };
}
