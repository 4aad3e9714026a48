import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import { networkGraphml } from './export.js';
import { buildNetwork, storeNetwork, type NetworkEvent } from './network.js';
import { openStore } from './open-store.js';
import { ensureKnownActors } from './analyse.js';
import { article, input } from '../store/conformance.testkit.js';
import type { ArticleEvent } from '../model/event.js';

const ev = (type: string, source: string, target: string | null): NetworkEvent => ({
  type,
  source: { id: source, label: source.toUpperCase() },
  target: target ? { id: target, label: target.toUpperCase() } : null,
});

describe('buildNetwork', () => {
  const events = [
    ev('CONSULT', 'a', 'b'),
    ev('CONSULT', 'a', 'b'),
    ev('AGREE', 'a', 'b'),
    ev('CONSULT', 'b', 'a'),
    ev('AID', 'a', 'c'),
    ev('ASSAULT', 'generic:COP:MA', 'd'),
    ev('PROTEST', 'e', null),
    ev('CONSULT', 'f', 'f'),
  ];

  it('counts edges by direction and type, degrees by distinct neighbours', () => {
    const net = buildNetwork(events);
    assert.deepEqual(net.nodes, [
      { id: 'a', label: 'A', type: 'UNKNOWN', degree: 2 },
      { id: 'b', label: 'B', type: 'UNKNOWN', degree: 1 },
      { id: 'c', label: 'C', type: 'UNKNOWN', degree: 1 },
      { id: 'd', label: 'D', type: 'UNKNOWN', degree: 1 },
      { id: 'generic:COP:MA', label: 'GENERIC:COP:MA', type: 'GENERIC', degree: 1 },
    ]);
    assert.deepEqual(net.edges, [
      { source: 'a', target: 'b', type: 'CONSULT', count: 2 },
      { source: 'a', target: 'b', type: 'AGREE', count: 1 },
      { source: 'a', target: 'c', type: 'AID', count: 1 },
      { source: 'b', target: 'a', type: 'CONSULT', count: 1 },
      { source: 'generic:COP:MA', target: 'd', type: 'ASSAULT', count: 1 },
    ]);
  });

  it('leaves out events without a recipient and self-loops', () => {
    const ids = buildNetwork(events).nodes.map((n) => n.id);
    assert.ok(!ids.includes('e'));
    assert.ok(!ids.includes('f'));
  });

  it('keeps the most connected nodes and only the edges between them', () => {
    const net = buildNetwork(events, { limit: 2, typeOf: (id) => (id === 'a' ? 'PERSON' : null) });
    assert.deepEqual(net.nodes.map((n) => `${n.id}:${n.type}`), ['a:PERSON', 'b:UNKNOWN']);
    assert.ok(net.edges.every((e) => ['a', 'b'].includes(e.source) && ['a', 'b'].includes(e.target)));
    assert.equal(net.edges.length, 3);
    assert.deepEqual(buildNetwork(events, { limit: 0 }), { nodes: [], edges: [] });
    assert.deepEqual(buildNetwork([]), { nodes: [], edges: [] });
  });
});

describe('networkGraphml', () => {
  it('escapes labels and ids so the XML stays well-formed', () => {
    const net = buildNetwork([
      { type: 'CONSULT', source: { id: 'x&<y>', label: 'قال "أ" & <ب>\u0001' }, target: { id: "o'k", label: 'ج' } },
    ]);
    const xml = networkGraphml(net);
    assert.equal(XMLValidator.validate(xml), true);
    assert.match(xml, /<node id="x&amp;&lt;y&gt;"><data key="label">قال &quot;أ&quot; &amp; &lt;ب&gt;<\/data>/);
    assert.match(xml, /source="x&amp;&lt;y&gt;" target="o&apos;k"/);
  });

  it('declares every attribute it uses', () => {
    const xml = networkGraphml({ nodes: [], edges: [] });
    assert.equal(XMLValidator.validate(xml), true);
    for (const key of ['label', 'type', 'degree', 'event_type', 'count']) assert.match(xml, new RegExp(`<key id="${key}" for="(node|edge)"`));
  });
});

describe('storeNetwork', () => {
  it('types each node by its stored entity: one named in articles, a curated actor no article names, a merged one; generic and unknown ids apart', async () => {
    const store = await openStore(':memory:');
    try {
      await ensureKnownActors(store);
      const a = (await store.put(input('a.txt', article({ published: '2024-03-01', text: 'نص أول.' })))).id;
      const person = (label: string) => ({ entityId: null, type: 'PERSON' as const, label, label_en: null, roles: [], mentions: [{ text: label, start: 0, end: label.length, key: label }], keys: [label] });
      const [h, x, y] = await store.setArticleEntities(a, [person('حموشي'), person('بيرنز'), person('بورنز')], null);
      const event = (n: number, source: string, target: string): ArticleEvent => ({
        id: `${a}:${n}`, type: 'CONSULT', mode: null, status: null, source: { id: source, label: source }, target: { id: target, label: target }, location: null,
        date: { start: '2024-03-01', end: null, text: null }, contexts: [], evidence: { text: 'جملة.', start: 0, end: 5 },
      });
      await store.setArticleEvents(a, [event(1, h!.id, 'cia'), event(2, h!.id, 'country-ma'), event(3, 'generic:COP:MA', h!.id), event(4, h!.id, 'nobody'), event(5, y!.id, 'country-us')]);
      await store.mergeEntities(x!.id, y!.id, 'analyst');
      const net = await storeNetwork(store, {});
      const types = Object.fromEntries(net.nodes.map((n) => [n.id, n.type]));
      assert.deepEqual(types, { [h!.id]: 'PERSON', cia: 'ORG', 'country-ma': 'LOCATION', 'generic:COP:MA': 'GENERIC', nobody: 'UNKNOWN', [x!.id]: 'PERSON', 'country-us': 'LOCATION' }, 'the merged one under the kept id');
      for (const n of net.nodes) if (!n.id.startsWith('generic:')) assert.equal(n.type, (await store.getEntity(n.id))?.type ?? 'UNKNOWN', n.id);
    } finally {
      await store.close();
    }
  });
});
