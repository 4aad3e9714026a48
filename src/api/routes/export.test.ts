import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { MarsadStore } from '../../store/store.js';
import { expectProblem, jsonOf, testApi } from '../api.testkit.js';

const BOM = '\uFEFF';

/** The body of a 200 export, after checking its headers. */
async function download(res: Response, type: RegExp, file: string): Promise<string> {
  const text = await textOf(res);
  assert.equal(res.status, 200, text);
  assert.match(res.headers.get('content-type') ?? '', type);
  assert.equal(res.headers.get('content-disposition'), `attachment; filename="${file}"`);
  return text;
}

/** The body as text, a byte-order mark kept (Response.text() drops it). */
async function textOf(res: Response): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
}

const lines = (s: string) => s.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

describe('GET /api/export', () => {
  let store: MarsadStore;
  let app: OpenAPIHono;
  before(async () => ({ app, store } = await testApi()));
  after(() => store.close());

  it('writes JSON Lines of articles, entities, events and quotes', async () => {
    const articles = lines(await download(await app.request('/api/export?what=articles&format=jsonl'), /^application\/x-ndjson/, 'marsad-articles.jsonl'));
    assert.equal(articles.length, 4);
    assert.deepEqual(Object.keys(articles[0]).sort(), ['article', 'createdAt', 'id', 'source', 'updatedAt']);
    assert.ok(articles.some((a) => /حموشي/.test(a.article.text)));
    const entities = lines(await download(await app.request('/api/export?what=entities&format=jsonl'), /ndjson/, 'marsad-entities.jsonl'));
    assert.equal(entities.length, 14);
    assert.ok(entities.some((e) => e.id === 'william-burns' && e.label === 'وليام بيرنز'));
    const events = lines(await download(await app.request('/api/export?what=events&format=jsonl'), /ndjson/, 'marsad-events.jsonl'));
    assert.deepEqual(events, (await jsonOf(await app.request('/api/events?limit=200'))).items, 'the merged events the API lists');
    const quotes = lines(await download(await app.request('/api/export?what=quotes&format=jsonl'), /ndjson/, 'marsad-quotes.jsonl'));
    assert.equal(quotes.length, 5);
  });

  it('writes CSV in UTF-8 with a BOM, a header row, RFC 4180 quoting and the Arabic intact', async () => {
    const counts = { articles: 4, entities: 14, events: 4, quotes: 5 };
    for (const [what, n] of Object.entries(counts)) {
      const res = await app.request(`/api/export?what=${what}&format=csv`);
      const bytes = new Uint8Array(await res.clone().arrayBuffer());
      assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], `${what}: UTF-8 byte-order mark`);
      const text = await download(res, /^text\/csv; charset=utf-8/, `marsad-${what}.csv`);
      assert.ok(text.startsWith(BOM + 'id,') || text.startsWith(BOM + 'article_id,'), `${what}: the BOM, then the header`);
      assert.ok(text.endsWith('\r\n'));
      const rows: string[][] = parse(text.slice(1), { relax_column_count: false });
      assert.equal(rows.length, n + 1, `${what}: header and ${n} rows`);
      assert.ok(rows.every((r) => r.length === rows[0]!.length));
    }
    const events: Record<string, string>[] = parse((await textOf(await app.request('/api/export?what=events&format=csv'))).slice(1), { columns: true });
    assert.deepEqual(events.map((e) => e.source_label).sort(), ['عبد اللطيف حموشي', 'نظيره الأردني', 'وليام بيرنز', 'وليام بيرنز']);
    assert.ok(events.some((e) => e.evidence!.startsWith('استقبل عبد اللطيف حموشي، المدير العام')), 'Arabic commas need no quoting and survive');
    const articles: Record<string, string>[] = parse((await textOf(await app.request('/api/export?what=articles&format=csv'))).slice(1), { columns: true });
    assert.ok(articles.some((a) => a.text!.includes('\n\n')), 'multi-paragraph text is quoted and kept whole');
    const quotes: Record<string, string>[] = parse((await textOf(await app.request('/api/export?what=quotes&format=csv'))).slice(1), { columns: true });
    assert.ok(quotes.some((q) => q.speaker_id === 'william-burns' && q.text!.includes('نحن نعمل بلا توقف')));
  });

  it('writes events as PLOVER JSON Lines', async () => {
    const plover = lines(await download(await app.request('/api/export?what=events&format=plover'), /ndjson/, 'marsad-events.plover.jsonl'));
    assert.equal(plover.length, 4);
    const visit = plover.find((p) => p.mode === 'visit' && p.source_actor === 'وليام بيرنز');
    assert.equal(visit.event_type, 'CONSULT');
    assert.equal(visit.source_actor, 'وليام بيرنز');
    assert.equal(visit.language, 'ar');
    assert.equal(visit.location.place_name, 'الرباط');
  });

  it('writes the actor network as well-formed GraphML, attributes declared with <key>, edges between nodes', async () => {
    const xml = await download(await app.request('/api/export?what=events&format=graphml'), /^application\/graphml\+xml/, 'marsad-events.graphml');
    assert.equal(XMLValidator.validate(xml), true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name, _path, _leaf, attribute) => !attribute && ['key', 'node', 'edge', 'data'].includes(name) }).parse(xml);
    const keys = new Set(doc.graphml.key.map((k: { id: string }) => k.id));
    const graph = doc.graphml.graph;
    assert.equal(graph.edgedefault, 'directed');
    const ids = new Set(graph.node.map((n: { id: string }) => n.id));
    assert.ok(ids.has('william-burns'));
    for (const n of graph.node) for (const d of n.data) assert.ok(keys.has(d.key), `node data key ${d.key} declared`);
    for (const e of graph.edge) {
      assert.ok(ids.has(e.source) && ids.has(e.target));
      for (const d of e.data) assert.ok(keys.has(d.key), `edge data key ${d.key} declared`);
    }
    const network = await jsonOf(await app.request('/api/network'));
    assert.equal(graph.node.length, network.nodes.length);
    assert.equal(graph.edge.length, network.edges.length);
    const burns = graph.node.find((n: { id: string }) => n.id === 'william-burns');
    assert.equal(burns.data.find((d: { key: string }) => d.key === 'label')['#text'], 'وليام بيرنز');
  });

  it('applies the event filters to events', async () => {
    const consult = lines(await (await app.request('/api/export?what=events&format=jsonl&type=CONSULT')).text());
    assert.equal(consult.length, 3);
    const mine = lines(await (await app.request('/api/export?what=events&format=plover&actor=abdellatif-hammouchi')).text());
    assert.equal(mine.length, 2);
    await expectProblem(await app.request('/api/export?what=events&format=csv&actor=nobody'), 404, 'ENTITY_NOT_FOUND', 'actor');
    await expectProblem(await app.request('/api/export?what=events&format=csv&from=soon'), 400, 'BAD_ARGUMENT', 'from');
  });

  it('answers a format that does not fit what with a 400 problem naming format', async () => {
    for (const what of ['articles', 'entities', 'quotes']) {
      for (const format of ['plover', 'graphml']) {
        const p = await expectProblem(await app.request(`/api/export?what=${what}&format=${format}`), 400, 'BAD_ARGUMENT', 'format');
        assert.match(p.detail, /what=events/);
      }
    }
    await expectProblem(await app.request('/api/export?what=events&format=xlsx'), 400, 'BAD_ARGUMENT', 'format');
    await expectProblem(await app.request('/api/export?what=events'), 400, 'BAD_ARGUMENT', 'format');
    await expectProblem(await app.request('/api/export?what=stories&format=csv'), 400, 'BAD_ARGUMENT', 'what');
  });
});
