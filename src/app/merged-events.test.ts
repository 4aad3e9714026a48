import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleEvent } from '../model/event.js';
import { mergeEvents } from '../resolve/event-merge.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { arabicSearchAnalyzer } from '../arabic/search-keys.js';
import { article, input } from '../store/conformance.testkit.js';
import type { MarsadStore } from '../store/store.js';
import { refreshMergedEvents } from './merged-events.js';
import { listMergedEvents } from './stories.js';
import { buildNetwork, storeNetwork } from './network.js';

const event = (id: string, type: string, source: [string, string], target: [string, string] | null, start: string | null): ArticleEvent => ({
  id, type, mode: null, status: null, source: { id: source[0], label: source[1] }, target: target && { id: target[0], label: target[1] },
  location: null, date: { start, end: start, text: null }, contexts: [], evidence: { text: 'جملة.', start: 0, end: 5 },
});

async function corpus(store: MarsadStore): Promise<string[]> {
  const ids: string[] = [];
  const days = ['2022-06-20', '2022-06-21', '2022-06-21', '2022-07-02', '2023-01-05'];
  for (const [i, day] of days.entries()) ids.push((await store.put(input(`a${i}.txt`, article({ published: day, site: `s${i % 3}`, text: `نص ${i}.` })))).id);
  const ma: [string, string] = ['country-ma', 'المغرب'];
  const us: [string, string] = ['country-us', 'الولايات المتحدة'];
  const police: [string, string] = ['generic:COP:MA', 'الشرطة'];
  await store.setArticleEvents(ids[0]!, [event(`${ids[0]}:1`, 'CONSULT', ma, us, '2022-06-19'), event(`${ids[0]}:2`, 'ASSAULT', police, null, null)]);
  await store.setArticleEvents(ids[1]!, [event(`${ids[1]}:1`, 'CONSULT', us, ma, '2022-06-19'), event(`${ids[1]}:2`, 'ASSAULT', ['generic:COP:MA', 'الأمن'], null, null)]);
  await store.setArticleEvents(ids[2]!, [event(`${ids[2]}:1`, 'AGREE', ma, us, null), event(`${ids[2]}:2`, 'COERCE', police, ma, '2022-06-21')]);
  await store.setArticleEvents(ids[3]!, [event(`${ids[3]}:1`, 'CONSULT', ma, us, '2022-07-01')]);
  await store.setArticleEvents(ids[4]!, [event(`${ids[4]}:1`, 'AID', us, ma, '2023')]);
  await store.assignStory(ids[0]!, ids[0]!);
  await store.assignStory(ids[1]!, ids[0]!);
  await store.assignStory(ids[2]!, ids[2]!);
  return ids;
}

async function everyEventMerged(store: MarsadStore) {
  const events = await store.listEvents({ limit: 10_000 });
  const refs = await store.articleRefs([...new Set(events.map((e) => e.article))]);
  return mergeEvents(events, new Map(refs.map((r) => [r.id, { source: r.source, site: r.site, published: r.published, story: r.story }])));
}

test('the views read stored merged events equal to merging every event, and a refresh merges only what changed', async () => {
  const store = openSqliteStore(':memory:', arabicSearchAnalyzer);
  try {
    const ids = await corpus(store);
    const first = await refreshMergedEvents(store);
    assert.ok(first.keys >= 5 && first.events === 8, JSON.stringify(first));
    assert.deepEqual(await refreshMergedEvents(store), { keys: 0, events: 0, remarked: 0 }, 'nothing changed since');
    const all = await everyEventMerged(store);
    assert.deepEqual(await listMergedEvents(store, {}), all);
    assert.equal(all.find((m) => m.type === 'ASSAULT')!.num_articles, 2, 'the police of one story, whatever their label');
    assert.deepEqual(await listMergedEvents(store, { limit: 2, offset: 1 }), all.slice(1, 3));

    const network = await storeNetwork(store, {});
    const expected = buildNetwork(all);
    assert.deepEqual(network.edges, expected.edges);
    assert.deepEqual(network.nodes.map((n) => [n.id, n.label, n.degree]), expected.nodes.map((n) => [n.id, n.label, n.degree]));
    assert.equal(network.nodes.find((n) => n.id === 'generic:COP:MA')!.type, 'GENERIC');

    await store.setArticleEvents(ids[4]!, [event(`${ids[4]}:1`, 'AID', ['country-us', 'الولايات المتحدة'], ['country-ma', 'المغرب'], '2023-01-04')]);
    const again = await refreshMergedEvents(store);
    assert.deepEqual([again.keys, again.events], [1, 1], 'one bucket, one event');
    assert.deepEqual(await listMergedEvents(store, {}), await everyEventMerged(store));
  } finally {
    await store.close();
  }
});
