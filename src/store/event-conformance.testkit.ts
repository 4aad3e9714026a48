/**
 * The event part of the store conformance suite: every backend runs these tests.
 */
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleEvent } from '../model/event.js';
import type { MarsadStore } from './store.js';
import { article, input, storeTest } from './conformance.testkit.js';
import { eventDay, mergeEvents } from '../resolve/event-merge.js';
import { happeningRows, storyEventCounts } from './happening-rows.js';

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

  describe(`merged event store conformance: ${backend}`, () => {
    const withStore = storeTest(open);
    const event = (id: string, type: string, source: string, target: string | null, start: string | null, more: Partial<ArticleEvent> = {}): ArticleEvent => ({
      id, type, mode: null, status: null, source: { id: source, label: source }, target: target === null ? null : { id: target, label: target }, location: null,
      date: { start, end: start, text: start ? 'يوم' : null }, contexts: [], evidence: { text: 'جملة.', start: 0, end: 5 }, ...more,
    });
    /** What src/app/merged-events.ts does: every stale bucket merged again, in one pass. */
    const refresh = async (s: MarsadStore) => {
      const stale = await s.staleHappeningKeys(1000);
      const buckets = await s.happeningBuckets(stale.map((k) => k.key));
      await s.setHappenings(stale.map((k, i) => ({ ...k, rows: happeningRows(buckets[i]!), stories: storyEventCounts(buckets[i]!) })));
    };
    /** The merged events of every stored event, as listMergedEvents gave them before they were stored. */
    const mergedOfAll = async (s: MarsadStore) => {
      const events = await s.listEvents({ limit: 1_000_000 });
      const refs = await s.articleRefs([...new Set(events.map((e) => e.article))]);
      return mergeEvents(events, new Map(refs.map((r) => [r.id, { source: r.source, site: r.site, published: r.published, story: r.story }])));
    };
    const staleKeys = async (s: MarsadStore) => (await s.staleHappeningKeys(1000)).map((k) => k.key);
    /** Four articles: a and c report one meeting (dated, CONSULT either way), d reports it undated in a's story; b an AGREE and an undated CONSULT. */
    const corpus = async (s: MarsadStore) => {
      const put = async (src: string, published: string, site: string) => (await s.put(input(src, article({ published, site, text: `نص ${src} مختلف.` })))).id;
      const a = await put('a.txt', '2022-06-20', 'هسبريس');
      const b = await put('b.txt', '2023-11-14', 'فبراير');
      const c = await put('c.txt', '2022-06-21', 'اليوم 24');
      const d = await put('d.txt', '2022-06-22', 'الأيام');
      const [h, x] = await s.setArticleEntities(a, [person('عبد اللطيف حموشي'), person('وليام بيرنز')], null);
      const [y] = await s.setArticleEntities(b, [person('بورنز')], null);
      const ids = { a, b, c, d, h: h!.id, x: x!.id, y: y!.id };
      await s.setArticleEvents(a, [event(`${a}:1`, 'CONSULT', ids.h, ids.x, '2022-06-13')]);
      await s.setArticleEvents(c, [event(`${c}:1`, 'CONSULT', ids.x, ids.h, '2022-06-13')]);
      await s.setArticleEvents(d, [event(`${d}:1`, 'CONSULT', ids.h, ids.x, null)]);
      await s.setArticleEvents(b, [event(`${b}:1`, 'CONSULT', ids.y, ids.h, null), event(`${b}:2`, 'AGREE', ids.h, null, '2023-11-10')]);
      await s.assignStory(a, a);
      await s.assignStory(d, a);
      return ids;
    };

    withStore('a bucket merged and stored gives what mergeEvents gives over every event, in its order', async (s) => {
      const { a, b, c, d } = await corpus(s);
      const keys = (await s.staleHappeningKeys(1000)).map((k) => k.key);
      const together = await s.happeningBuckets(['no such key', ...keys]);
      assert.deepEqual(together[0], { events: [], order: [], articles: new Map(), storySeq: [] }, 'a key without events: an empty bucket');
      for (const [i, key] of keys.entries()) assert.deepEqual(together[i + 1], (await s.happeningBuckets([key]))[0], 'read together as alone');
      assert.deepEqual(together.slice(1).flatMap((x) => x.events).map((e) => e.id).sort(), (await s.listEvents({ limit: 100 })).map((e) => e.id).sort());
      await refresh(s);
      assert.deepEqual(await staleKeys(s), [], 'nothing left stale');
      const all = await mergedOfAll(s);
      assert.deepEqual(await s.listHappenings({ limit: 100 }), all);
      assert.deepEqual(all.map((m) => m.sources.map((x) => x.article).sort()), [[b], [b], [a, c, d].sort()]);
      const pages = [];
      for (let offset = 0; offset < 3; offset++) pages.push(...(await s.listHappenings({ limit: 1, offset })));
      assert.deepEqual(pages, all, 'pages of one follow each other without gap or repeat');
    });

    withStore('merged events keep their keys in mergeEvents’ order; sourcesLimit lists their first sources, happeningSources every one', async (s) => {
      const { a, c, d } = await corpus(s);
      await refresh(s);
      const all = await mergedOfAll(s);
      const listed = await s.listHappenings({ limit: 100 });
      assert.equal(JSON.stringify(listed), JSON.stringify(all), 'the same JSON, key for key: `marsad events --json` prints it');
      const meeting = all.find((m) => m.num_articles === 3)!;
      assert.deepEqual(meeting.sources.map((x) => x.article).sort(), [a, c, d].sort());
      for (const n of [0, 1, 2, 3, 10]) {
        const cut = await s.listHappenings({ limit: 100, sourcesLimit: n });
        assert.equal(JSON.stringify(cut), JSON.stringify(all.map((m) => ({ ...m, sources: m.sources.slice(0, n) }))), `sourcesLimit ${n}`);
      }
      const ids = (ms: { id: string }[]) => ms.map((m) => m.id);
      assert.deepEqual(ids(await s.listHappenings({ type: 'CONSULT', sourcesLimit: 1 })), ids(all.filter((m) => m.type === 'CONSULT')), 'filters as without');
      const sources = await s.happeningSources([meeting.id, 'no such event', all[0]!.id]);
      assert.deepEqual([...sources.keys()].sort(), [meeting.id, all[0]!.id].sort());
      assert.deepEqual(sources.get(meeting.id), meeting.sources);
      assert.deepEqual(await s.happeningSources([]), new Map());
    });

    withStore('writes mark the keys they change stale: events replaced, a story assignment, stories cleared', async (s) => {
      const { a, b, d, h, x } = await corpus(s);
      const consult = `CONSULT:happened:${[h, x].sort().join('|')}`;
      assert.ok((await staleKeys(s)).includes(consult));
      await refresh(s);
      await s.setArticleEvents(a, [event(`${a}:1`, 'AGREE', h, x, '2022-06-13')]);
      assert.deepEqual((await staleKeys(s)).sort(), [consult, `AGREE:happened:${h}|${x}`].sort(), 'the key left and the key joined');
      await refresh(s);
      await s.assignStory(d, d);
      assert.deepEqual(await staleKeys(s), [consult], 'an article that changes story');
      await refresh(s);
      await s.assignStory(d, d);
      assert.deepEqual(await staleKeys(s), [], 'the same story again changes nothing');
      await s.clearStories();
      assert.equal((await staleKeys(s)).length, 4, 'every key');
      await refresh(s);
      await s.setArticleEvents(b, []);
      assert.equal((await staleKeys(s)).length, 2);
      await refresh(s);
      assert.deepEqual(await s.listHappenings({ limit: 100 }), await mergedOfAll(s));
    });

    withStore('an entity merge moves events to the kept entity’s buckets; a split changes none', async (s) => {
      const { h, x, y } = await corpus(s);
      await refresh(s);
      await s.mergeEntities(x, y, 'analyst');
      const pair = [h, x].sort().join('|');
      assert.deepEqual((await staleKeys(s)).sort(), [`CONSULT:happened:${[h, y].sort().join('|')}`, `CONSULT:happened:${pair}`].sort());
      await refresh(s);
      const all = await mergedOfAll(s);
      assert.deepEqual(await s.listHappenings({ limit: 100 }), all);
      assert.deepEqual((await s.listHappenings({ actor: y })).map((m) => m.id), all.filter((m) => m.source.id === x || m.target?.id === x).map((m) => m.id), 'the merged id answers as the kept one');
      assert.deepEqual((await s.listHappenings({ actors: [y] })).map((m) => m.id), all.filter((m) => m.source.id === x || m.target?.id === x).map((m) => m.id), 'also among several');
      // a split moves mentions, not events: their actor ids stay as resolved at analysis
      await s.splitEntity(x, 'بورنز', 'بورنز', 'analyst');
      assert.deepEqual(await staleKeys(s), []);
      assert.deepEqual(await s.listHappenings({ limit: 100 }), await mergedOfAll(s));
    });

    withStore('merged events are filtered by actor, type and the days they cover, and counted per day and per pair', async (s) => {
      const { h, x, y } = await corpus(s);
      await refresh(s);
      const all = await mergedOfAll(s);
      const ids = (ms: { id: string }[]) => ms.map((m) => m.id);
      assert.deepEqual(ids(await s.listHappenings({ type: 'AGREE' })), ids(all.filter((m) => m.type === 'AGREE')));
      assert.deepEqual(ids(await s.listHappenings({ actor: x })), ids(all.filter((m) => m.source.id === x || m.target?.id === x)));
      assert.deepEqual(ids(await s.listHappenings({ actor: h })), ids(all));
      const ofXorY = all.filter((m) => [x, y].some((id) => m.source.id === id || m.target?.id === id));
      assert.deepEqual(ids(await s.listHappenings({ actors: [x, y] })), ids(ofXorY), 'any of several actors, in the same order');
      assert.deepEqual(await s.listHappenings({ actors: [] }), [], 'none of no actors');
      // the meeting covers 2022-06-13 (dated reports) and 2022-06-22 (d, undated, published then)
      const meeting = all.find((m) => m.num_articles === 3)!;
      assert.deepEqual(ids(await s.listHappenings({ from: '2022-06-20', to: '2022-06-30' })), [meeting.id], 'an undated report counts by its publication day');
      assert.deepEqual(ids(await s.listHappenings({ from: '2022-06-14', to: '2022-06-21' })), [meeting.id], 'from its first day to its last');
      assert.deepEqual(ids(await s.listHappenings({ from: '2022-06-23', to: '2022-06-30' })), [], 'after its last day');
      assert.deepEqual(ids(await s.listHappenings({ to: '2022-06-12' })), [], 'before its first day');
      assert.deepEqual(ids(await s.listHappenings({ from: '2023-01-01' })), ids(all.filter((m) => m !== meeting)));
      const days = await s.happeningDays();
      assert.deepEqual(days.map((d) => [d.day, d.type, d.count]), [['2022-06-13', 'CONSULT', 1], ['2023-11-10', 'AGREE', 1], ['2023-11-14', 'CONSULT', 1]]);
      assert.deepEqual((await s.happeningDays({ type: 'AGREE' })).map((d) => d.count), [1]);
      const pairs = await s.happeningPairs();
      assert.deepEqual(pairs.map((p) => [p.source.id, p.target.id, p.type, p.count]), [[y, h, 'CONSULT', 1], [h, x, 'CONSULT', 1]], 'newest first, no pair without a recipient');
      assert.deepEqual(await s.happeningPairs({ actor: y, type: 'CONSULT' }), [pairs[0]]);
    });

    /** The network's pair counts as computed before they were kept: over the merged events the filters list, newest first. */
    const countedPairs = async (s: MarsadStore, f: Parameters<MarsadStore['happeningPairs']>[0] = {}) => {
      const out = new Map<string, { source: { id: string; label: string }; target: { id: string; label: string }; type: string; count: number }>();
      for (const m of await s.listHappenings({ ...f, limit: 1_000_000, sourcesLimit: 0 })) {
        if (!m.target || m.target.id === m.source.id) continue;
        const k = JSON.stringify([m.source.id, m.target.id, m.type]);
        const p = out.get(k);
        // the first one listed is the newest: its labels stand for the pair
        if (p) p.count++;
        else out.set(k, { source: m.source, target: m.target, type: m.type, count: 1 });
      }
      return [...out.values()];
    };

    withStore('the kept counts per actor pair are those of the merged events the filters list, newest pair first, with its newest labels, as buckets change', async (s) => {
      const { h, x, y } = await corpus(s);
      const put = async (src: string, published: string) => (await s.put(input(src, article({ published, text: `نص ${src} مختلف.` })))).id;
      const e = await put('e.txt', '2024-01-05');
      const f = await put('f.txt', '2024-02-01');
      const labelled = (id: string, type: string, source: [string, string], target: [string, string] | null, start: string | null) =>
        event(id, type, source[0], target?.[0] ?? null, start, { source: { id: source[0], label: source[1] }, target: target ? { id: target[0], label: target[1] } : null });
      const ma: [string, string] = ['country-ma', 'المغرب'];
      const us: [string, string] = ['country-us', 'الولايات المتحدة'];
      await s.setArticleEvents(e, [labelled(`${e}:1`, 'CONSULT', ma, us, '2024-01-02'), labelled(`${e}:2`, 'ASSAULT', ma, ma, '2024-01-02'), labelled(`${e}:3`, 'AGREE', ma, null, null)]);
      await s.setArticleEvents(f, [
        labelled(`${f}:1`, 'CONSULT', ['country-us', 'أمريكا'], ['country-ma', 'المملكة المغربية'], '2024-01-30'),
        labelled(`${f}:2`, 'ASSAULT', ['country-dz', 'الجزائر'], ma, '2024-01-29'),
      ]);
      const filters: Parameters<MarsadStore['happeningPairs']>[0][] = [
        {}, { type: 'CONSULT' }, { type: 'FIGHT' }, { actor: 'country-ma' }, { actor: h }, { actor: y }, { actor: 'country-dz', type: 'ASSAULT' }, { actor: 'no such actor' },
        { from: '2022-06-01', to: '2022-06-30' }, { from: '2024-01-01' }, { to: '2023-12-31' }, { from: '2024-01-30', type: 'CONSULT' }, { actors: ['country-dz', x] },
        { actor: 'country-ma', from: '2024-01-30' },
      ];
      const check = async (when: string) => {
        await refresh(s);
        for (const flt of filters) assert.deepEqual(await s.happeningPairs(flt), await countedPairs(s, flt), `${when}: ${JSON.stringify(flt)}`);
      };
      await check('stored');
      const pairs = await s.happeningPairs();
      assert.deepEqual(pairs.slice(0, 2).map((p) => [p.source, p.target, p.type, p.count]), [
        [{ id: 'country-us', label: 'أمريكا' }, { id: 'country-ma', label: 'المملكة المغربية' }, 'CONSULT', 1],
        [{ id: 'country-dz', label: 'الجزائر' }, { id: 'country-ma', label: 'المغرب' }, 'ASSAULT', 1],
      ], 'newest first, each with its own labels');
      assert.equal(pairs.some((p) => p.source.id === p.target.id), false, 'an actor acting on itself makes no pair');
      await s.setArticleEvents(e, [labelled(`${e}:1`, 'CONSULT', ['country-ma', 'المملكة'], us, '2024-02-02')]);
      await check('a pair’s newest merged event replaced by a newer one with other labels');
      assert.equal((await s.happeningPairs({ type: 'CONSULT' }))[0]!.source.label, 'المملكة');
      await s.setArticleEvents(f, [labelled(`${f}:1`, 'CONSULT', ['country-us', 'أمريكا'], ['country-ma', 'المملكة المغربية'], '2024-01-30')]);
      await check('a pair losing its only merged event');
      assert.equal((await s.happeningPairs({ type: 'ASSAULT' })).length, 0, 'leaves no row');
      await s.mergeEntities(x, y, 'analyst');
      await check('an entity merge');
      await s.setArticleEvents(e, []);
      await s.setArticleEvents(f, []);
      await check('every event of two articles gone');
    });

    withStore('generic actors are merged per story: their buckets follow an article into another story', async (s) => {
      const put = async (src: string) => (await s.put(input(src, article({ published: '2022-06-20', text: `نص ${src} مختلف.` })))).id;
      const [a, b, c] = [await put('a.txt'), await put('b.txt'), await put('c.txt')];
      for (const id of [a, b, c]) await s.setArticleEvents(id, [event(`${id}:1`, 'ASSAULT', 'generic:UNK', null, '2022-06-19')]);
      await s.assignStory(a, a);
      await s.assignStory(b, a);
      await s.assignStory(c, c);
      await refresh(s);
      const counts = async () => (await s.listHappenings({ limit: 100 })).map((m) => m.num_articles).sort();
      assert.deepEqual(await counts(), [1, 2]);
      assert.deepEqual(await s.listHappenings({ limit: 100 }), await mergedOfAll(s));
      await s.assignStory(c, a);
      assert.deepEqual((await staleKeys(s)).sort(), [`ASSAULT:happened:generic:UNK|#${a}`, `ASSAULT:happened:generic:UNK|#${c}`].sort(), 'the story left and the story joined');
      await refresh(s);
      assert.deepEqual(await counts(), [3]);
      assert.deepEqual(await s.listHappenings({ limit: 100 }), await mergedOfAll(s));
      await s.clearStories();
      await refresh(s);
      assert.deepEqual(await counts(), [1, 1, 1], 'without a story, reports of generic actors stay apart');
      assert.deepEqual(await s.listHappenings({ limit: 100 }), await mergedOfAll(s));
      assert.deepEqual(await s.listHappenings({ actor: 'generic:UNK', limit: 100 }), await mergedOfAll(s), 'a generic actor matches as written');
    });

    /** The timeline counted from the merged events listed with the same filters: per day (eventDay) and type. */
    const countedDays = async (s: MarsadStore, f: Parameters<MarsadStore['happeningDays']>[0] = {}) => {
      const counts = new Map<string, number>();
      for (const m of await s.listHappenings({ ...f, limit: 1_000_000 })) {
        const k = JSON.stringify([eventDay(m), m.type]);
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
      return [...counts].map(([k, count]) => [...(JSON.parse(k) as [string | null, string]), count]).sort((p, q) => (JSON.stringify(p) < JSON.stringify(q) ? -1 : 1));
    };
    const storedDays = async (s: MarsadStore, f: Parameters<MarsadStore['happeningDays']>[0] = {}) =>
      (await s.happeningDays(f)).map((d) => [d.day, d.type, d.count]).sort((p, q) => (JSON.stringify(p) < JSON.stringify(q) ? -1 : 1));

    withStore('the timeline counts per day and type are those of the merged events the filters list, spans of a day to years, as buckets change', async (s) => {
      const put = async (src: string, published: string | null) => (await s.put(input(src, article({ published, text: `نص ${src} مختلف.` })))).id;
      const ids = [await put('a.txt', '2022-06-20'), await put('b.txt', '2022-06-28'), await put('c.txt', '2022-08-02'), await put('d.txt', '2023-01-05'), await put('e.txt', null)];
      const [a, b, c, d, e] = ids as [string, string, string, string, string];
      const ranged = (id: string, type: string, source: string, start: string | null, end: string | null) => event(id, type, source, null, start, { date: { start, end, text: null } });
      await s.setArticleEvents(a, [ranged(`${a}:1`, 'CONSULT', 'country-ma', '2022-06-13', null), ranged(`${a}:2`, 'ASSAULT', 'country-dz', '2019', '2024'), ranged(`${a}:3`, 'PROTEST', 'country-tn', null, null)]);
      await s.setArticleEvents(b, [ranged(`${b}:1`, 'CONSULT', 'country-ma', '2022-06', null), ranged(`${b}:2`, 'AGREE', 'country-eg', '2022-05-20', '2022-07-10')]);
      await s.setArticleEvents(c, [ranged(`${c}:1`, 'AGREE', 'country-eg', '2022-07-30', null), ranged(`${c}:2`, 'CONSULT', 'country-ly', '2022-02-30', null)]);
      await s.setArticleEvents(d, [ranged(`${d}:1`, 'PROTEST', 'country-tn', '2022-12-31', '2023-01-02')]);
      await s.setArticleEvents(e, [ranged(`${e}:1`, 'PROTEST', 'country-tn', null, null)]);
      await refresh(s);
      const filters = [
        {}, { type: 'CONSULT' }, { type: 'FIGHT' }, { from: '2022-06-01', to: '2022-06-30' }, { from: '2022-07-11' }, { to: '2022-06-12' }, { from: '2024-12-31' },
        { from: '2025-01-01' }, { from: '2022-06-13', to: '2022-06-13', type: 'CONSULT' }, { from: '2022-03-01', to: '2022-03-01' }, { actor: 'country-eg', from: '2022-07-01' },
        { from: '2018-12-31', to: '2019-01-01' }, { from: '2023-01-02', to: '2023-01-02' },
      ];
      const check = async (when: string) => {
        for (const f of filters) assert.deepEqual(await storedDays(s, f), await countedDays(s, f), `${when}: ${JSON.stringify(f)}`);
      };
      await check('stored');
      assert.ok((await storedDays(s)).some((x) => x[0] === null), 'the undated ones counted apart');
      assert.ok((await storedDays(s, { from: '2022-03-01', to: '2022-03-01' })).some((x) => x[1] === 'ASSAULT'), 'a span of years found from a window inside it');
      // a day loses its last merged event, another gains one, an article loses every event
      await s.setArticleEvents(a, [ranged(`${a}:1`, 'CONSULT', 'country-ma', '2022-06-14', null)]);
      await s.setArticleEvents(e, []);
      await refresh(s);
      await check('after writes');
      assert.equal((await storedDays(s)).some((x) => x[0] === null), false, 'no undated one left');
      assert.equal((await storedDays(s, { type: 'ASSAULT' })).length, 0, 'a type gone leaves no row');
    });

    withStore("each story's kept count of merged events is its report's (mergeEvents over its events), as articles, events and stories change", async (s) => {
      const put = async (src: string, published: string, site: string) => (await s.put(input(src, article({ published, site, text: `نص ${src} مختلف.` })))).id;
      // same publication day: the story orders them by assignment, and the greedy merge follows that order
      const a = await put('a.txt', '2022-06-20', 'هسبريس');
      const b = await put('b.txt', '2022-06-20', 'فبراير');
      const c = await put('c.txt', '2022-06-20', 'اليوم 24');
      const d = await put('d.txt', '2022-06-21', 'الأيام');
      await s.setArticleEvents(a, [event(`${a}:1`, 'CONSULT', 'country-ma', 'country-us', '2022-06-13'), event(`${a}:2`, 'ASSAULT', 'generic:UNK', null, null)]);
      await s.setArticleEvents(b, [event(`${b}:1`, 'CONSULT', 'country-ma', 'country-us', '2022-06-14'), event(`${b}:2`, 'CONSULT', 'country-ma', 'country-us', '2022-06-12')]);
      await s.setArticleEvents(c, [event(`${c}:1`, 'CONSULT', 'country-us', 'country-ma', '2022-06-13'), event(`${c}:2`, 'ASSAULT', 'generic:UNK', null, null)]);
      await s.setArticleEvents(d, [event(`${d}:1`, 'AGREE', 'country-ma', null, null)]);
      await s.assignStory(c, a);
      await s.assignStory(b, a);
      await s.assignStory(a, a);
      await s.assignStory(d, d);
      const check = async (when: string) => {
        await refresh(s);
        const stories = (await s.listStories({ limit: 100 })).map((x) => x.id);
        const counts = await s.storyEventCounts([...stories, 'no such story']);
        for (const id of stories) {
          const story = (await s.getStory(id))!;
          const info = new Map(story.articles.map((r) => [r.id, { source: r.source, site: r.site, published: r.published, story: id }]));
          assert.equal(counts.get(id), mergeEvents(await s.storyEvents(id), info).length, `${when}: story ${id}`);
        }
        assert.equal(counts.get('no such story'), 0);
        return counts;
      };
      // a story: one meeting (a, c: 06-13), b's two other days, the generic assault of a and c
      assert.deepEqual([...(await check('stored')).values()].slice(0, 2).sort(), [1, 4]);
      await s.assignStory(b, d);
      await check('an article moved to another story');
      await s.setArticleEvents(c, [event(`${c}:1`, 'CONSULT', 'country-us', 'country-ma', '2022-06-20')]);
      await check('events replaced');
      await s.clearStories();
      assert.deepEqual(await s.storyEventCounts([a, d]), new Map([[a, 0], [d, 0]]), 'stories cleared');
      await s.assignStory(a, d);
      await s.assignStory(b, d);
      await check('stories made again');
      assert.deepEqual(await s.storyEventCounts([]), new Map());
    });

    withStore('a key marked again while its bucket is merged stays stale', async (s) => {
      const { a, h, x } = await corpus(s);
      const consult = `CONSULT:happened:${[h, x].sort().join('|')}`;
      const mark = (await s.staleHappeningKeys(1000)).find((k) => k.key === consult)!;
      const rows = happeningRows((await s.happeningBuckets([consult]))[0]!);
      await s.setArticleEvents(a, [event(`${a}:1`, 'CONSULT', h, x, '2022-06-14')]);
      const agree = (await s.staleHappeningKeys(1000)).find((k) => k.key.startsWith('AGREE'))!;
      assert.deepEqual(await s.setHappenings([{ key: consult, seq: mark.seq, rows }, { ...agree, rows: happeningRows((await s.happeningBuckets([agree.key]))[0]!) }]), [consult]);
      assert.ok((await staleKeys(s)).includes(consult), 'left for the next refresh');
      assert.ok(!(await staleKeys(s)).includes(agree.key), 'the other key of the batch is cleared');
      assert.equal((await s.staleHappeningKeys(1000, consult)).some((k) => k.key === consult), false, 'keys come after the one given');
      await refresh(s);
      assert.deepEqual(await staleKeys(s), []);
      assert.deepEqual(await s.listHappenings({ limit: 100 }), await mergedOfAll(s));
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

/**
 * A corpus for the migration tests of the kept timeline counts and story counts (SQLite v20,
 * PostgreSQL 10): events of a day, a month and years, undated, in two stories; what the
 * timeline and the stories' counts read (`keptCounts`), to compare before and after a migration.
 * Returns the two stories' ids.
 * @example const stories = await keptCountsCorpus(store); const before = await keptCounts(store, stories);
 */
export async function keptCountsCorpus(s: MarsadStore): Promise<string[]> {
  const put = async (src: string, published: string) => (await s.put(input(src, article({ published, text: `نص ${src} مختلف.` })))).id;
  const [a, b, c] = [await put('a.txt', '2022-06-20'), await put('b.txt', '2022-06-20'), await put('c.txt', '2023-01-05')];
  const ev = (id: string, type: string, source: string, start: string | null, end: string | null): ArticleEvent => ({
    id, type, mode: null, status: null, source: { id: source, label: source }, target: { id: 'country-us', label: 'country-us' }, location: null,
    date: { start, end, text: null }, contexts: [], evidence: { text: 'جملة.', start: 0, end: 5 },
  });
  await s.setArticleEvents(a, [ev(`${a}:1`, 'CONSULT', 'country-ma', '2022-06-13', null), ev(`${a}:2`, 'ASSAULT', 'country-dz', '2019', '2024')]);
  await s.setArticleEvents(b, [ev(`${b}:1`, 'CONSULT', 'country-ma', '2022-06', null), ev(`${b}:2`, 'AGREE', 'country-eg', null, null)]);
  await s.setArticleEvents(c, [ev(`${c}:1`, 'CONSULT', 'country-ma', '2023-01-01', '2023-01-04')]);
  await s.assignStory(a, a);
  await s.assignStory(b, a);
  await s.assignStory(c, c);
  return [a, c];
}

/**
 * What the timeline reads (no filter, a type, a month, a month inside a span of years), the stories' kept counts and the network's pair counts (no filter, a type, an actor, a month).
 * @example assert.deepEqual(await keptCounts(store, stories), before)
 */
export async function keptCounts(
  s: MarsadStore,
  stories: string[],
): Promise<{ timeline: Record<string, string[]>; stories: [string, number][]; pairs: Record<string, Awaited<ReturnType<MarsadStore['happeningPairs']>>> }> {
  const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
  return {
    timeline: {
      days: sorted(await s.happeningDays()),
      consult: sorted(await s.happeningDays({ type: 'CONSULT' })),
      june: sorted(await s.happeningDays({ from: '2022-06-01', to: '2022-06-30' })),
      inside: sorted(await s.happeningDays({ from: '2021-03-01', to: '2021-03-31' })),
    },
    stories: [...(await s.storyEventCounts(stories))],
    pairs: {
      all: await s.happeningPairs(),
      consult: await s.happeningPairs({ type: 'CONSULT' }),
      ma: await s.happeningPairs({ actor: 'country-ma' }),
      june: await s.happeningPairs({ from: '2022-06-01', to: '2022-06-30' }),
    },
  };
}

/**
 * As src/app/merged-events.ts does: every stale bucket merged again with its story counts,
 * then the buckets whose story counts alone are missing counted. Returns how many of each.
 * @example await refreshAll(store) // { merged: 2, counted: 0 }
 */
export async function refreshAll(s: MarsadStore): Promise<{ merged: number; counted: number }> {
  const stale = await s.staleHappeningKeys(1000);
  const buckets = await s.happeningBuckets(stale.map((k) => k.key));
  await s.setHappenings(stale.map((k, i) => ({ ...k, rows: happeningRows(buckets[i]!), stories: storyEventCounts(buckets[i]!) })));
  const keys = await s.storyCountKeys(1000);
  const read = await s.happeningBuckets(keys);
  await s.setStoryCounts(keys.map((key, i) => ({ key, stories: storyEventCounts(read[i]!) })));
  return { merged: stale.length, counted: keys.length };
}

/**
 * What both backends' migration tests check once an older database is opened: the timeline,
 * the network's pair counts and article days as the migrations made them, no story counted and nothing to merge yet;
 * then a refresh counts the stories' buckets once, and a bucket merged again before its
 * counts were made keeps those setHappenings wrote.
 */
export async function checkMigratedCounts(
  store: MarsadStore,
  stories: string[],
  before: Awaited<ReturnType<typeof keptCounts>>,
  articleDays: Awaited<ReturnType<MarsadStore['articlesByDay']>>,
  migration: string,
): Promise<void> {
  const migrated = await keptCounts(store, stories);
  assert.deepEqual(migrated.timeline, before.timeline, 'the timeline from what the migration made, before any refresh');
  assert.deepEqual(migrated.pairs, before.pairs, 'the network’s pair counts from what the migration made (SQLite v22, PostgreSQL 12)');
  assert.deepEqual(await store.articlesByDay(), articleDays, `articles per day counted by ${migration}`);
  assert.deepEqual(migrated.stories, [[stories[0], 0], [stories[1], 0]], 'no story counted yet');
  assert.deepEqual(await store.staleHappeningKeys(100), [], 'no bucket to merge again');
  // a bucket merged again before its story counts were made: those setHappenings wrote stay
  const [first] = await store.storyCountKeys(1);
  const bucket = (await store.happeningBuckets([first!]))[0]!;
  await store.setHappenings([{ key: first!, seq: 0, rows: happeningRows(bucket), stories: storyEventCounts(bucket) }]);
  await store.setStoryCounts([{ key: first!, stories: [{ story: stories[0]!, count: 99 }] }]);
  assert.deepEqual(await refreshAll(store), { merged: 0, counted: 2 }, 'the two other buckets of the stories counted, not merged');
  assert.deepEqual(await keptCounts(store, stories), before, 'the stories counted at the refresh');
  assert.deepEqual(await refreshAll(store), { merged: 0, counted: 0 }, 'once');
}
