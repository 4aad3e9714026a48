import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MarsadStore } from '../../store/store.js';
import { expectProblem, jsonOf, testApi } from '../api.testkit.js';

function assertConsistent(net: { nodes: { id: string; degree: number }[]; edges: { source: string; target: string; count: number }[] }) {
  const ids = new Set(net.nodes.map((n) => n.id));
  assert.equal(ids.size, net.nodes.length, 'node ids are unique');
  for (const e of net.edges) {
    assert.ok(ids.has(e.source), `edge source ${e.source} is a node`);
    assert.ok(ids.has(e.target), `edge target ${e.target} is a node`);
    assert.ok(e.count >= 1);
  }
  const degrees = net.nodes.map((n) => n.degree);
  assert.deepEqual(degrees, [...degrees].sort((a, b) => b - a), 'most connected first');
}

describe('GET /api/network', () => {
  let store: MarsadStore;
  let app: OpenAPIHono;
  before(async () => ({ app, store } = await testApi()));
  after(() => store.close());

  it('links actors by their events, most connected first, edges between listed nodes', async () => {
    const net = await jsonOf(await app.request('/api/network'));
    assertConsistent(net);
    assert.deepEqual(net.nodes.slice(0, 2).map((n: any) => n.id).sort(), ['abdellatif-hammouchi', 'william-burns']);
    const burns = net.nodes.find((n: any) => n.id === 'william-burns');
    assert.deepEqual(burns, { id: 'william-burns', label: 'وليام بيرنز', type: 'PERSON', degree: 2 });
    assert.equal(net.nodes.find((n: any) => n.id === 'generic:CVL:US').type, 'GENERIC');
    assert.deepEqual(
      net.edges.find((e: any) => e.source === 'william-burns' && e.target === 'abdellatif-hammouchi'),
      { source: 'william-burns', target: 'abdellatif-hammouchi', type: 'CONSULT', count: 1 },
    );
    const withTarget = (await jsonOf(await app.request('/api/events?limit=200'))).items.filter((e: any) => e.target);
    assert.equal(net.edges.reduce((n: number, e: any) => n + e.count, 0), withTarget.length, 'every event with a recipient is on an edge');
  });

  it('keeps at most limit nodes, and only the edges between them', async () => {
    const net = await jsonOf(await app.request('/api/network?limit=2'));
    assert.equal(net.nodes.length, 2);
    assertConsistent(net);
    assert.deepEqual(net.edges.map((e: any) => `${e.source}>${e.target}`), ['william-burns>abdellatif-hammouchi']);
  });

  it('takes the event filters', async () => {
    const net = await jsonOf(await app.request('/api/network?type=SUPPORT'));
    assertConsistent(net);
    assert.deepEqual(net.edges.map((e: any) => e.type), ['SUPPORT']);
    assert.equal(net.nodes.length, 2);
    assert.deepEqual(await jsonOf(await app.request('/api/network?from=2030')), { nodes: [], edges: [] });
  });

  it('answers bad parameters with a problem naming them', async () => {
    await expectProblem(await app.request('/api/network?limit=0'), 400, 'BAD_ARGUMENT', 'limit');
    await expectProblem(await app.request('/api/network?limit=5000'), 400, 'BAD_ARGUMENT', 'limit');
    await expectProblem(await app.request('/api/network?type=x'), 400, 'BAD_ARGUMENT', 'type');
    await expectProblem(await app.request('/api/network?actor=nobody'), 404, 'ENTITY_NOT_FOUND', 'actor');
  });
});
