import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { ingest } from '../../app/ingest.js';
import { openStore } from '../../app/open-store.js';
import { fixturePath } from '../../model/paths.js';
import type { MarsadStore } from '../../store/store.js';
import { expectProblem, jsonOf, quickFetcher, testApi } from '../api.testkit.js';

describe('GET /api/dyad', () => {
  let store: MarsadStore;
  let app: OpenAPIHono;
  before(async () => {
    // the dyad fixtures (test/fixtures/dyad/README.md), ingested by the real pipeline
    store = await openStore(':memory:');
    const dir = fixturePath('dyad');
    const pages = readdirSync(dir).filter((f) => f.endsWith('.html')).map((f) => `${dir}/${f}`);
    for await (const r of ingest(pages, { store, fetcher: quickFetcher() })) assert.equal(r.status, 'new');
    ({ app } = await testApi({ store }));
  });
  after(() => store.close());

  it('answers the dyad of two countries named in Arabic, as marsad dyad --json', async () => {
    const q = new URLSearchParams({ a: 'المغرب', b: 'الولايات المتحدة', by: 'month', from: '2024-03', to: '2024-06' });
    const d = await jsonOf(await app.request(`/api/dyad?${q}`));
    assert.deepEqual(d.a, { id: 'country-ma', label: 'المغرب', country: 'MAR' });
    assert.equal(d.b.id, 'country-us');
    assert.deepEqual(d.series.map((s: { period: string; gap: boolean }) => [s.period, s.gap]), [['2024-03', false], ['2024-04', true], ['2024-05', false], ['2024-06', false]]);
    assert.deepEqual(d.events.map((e: { direction: string; num_sources: number }) => [e.direction, e.num_sources]), [['b>a', 1], ['a>b', 2]]);
    assert.ok(d.actors.some((x: { id: string; via: { id: string }[] }) => x.id === 'christopher-wray' && x.via[0]?.id === 'fbi'));
    assert.deepEqual(d.unrolled.map((u: { label: string }) => u.label), ['فيليب ماركوني']);
    assert.match(d.scores, /PLOVER/);
  });

  it('takes the level and the period', async () => {
    const d = await jsonOf(await app.request('/api/dyad?a=dgsn&b=fbi&by=year'));
    assert.equal(d.level, 'org');
    assert.deepEqual(d.series.map((s: { period: string; counts: object }) => [s.period, s.counts]), [['2024', { CONSULT: 1 }]]);
    const persons = await jsonOf(await app.request('/api/dyad?a=country-ma&b=country-us&level=person'));
    assert.deepEqual(persons.events, [], 'at person level two countries have no events of their own persons');
  });

  it('answers unknown actors, the same actor twice and bad parameters with a problem naming the parameter', async () => {
    await expectProblem(await app.request(`/api/dyad?a=country-ma&b=${encodeURIComponent('لا أحد بهذا الاسم إطلاقا')}`), 404, 'ENTITY_NOT_FOUND', 'b');
    await expectProblem(await app.request('/api/dyad?a=nobody-at-all-xyz&b=country-us'), 404, 'ENTITY_NOT_FOUND', 'a');
    await expectProblem(await app.request(`/api/dyad?a=country-ma&b=${encodeURIComponent('المغرب')}`), 400, 'BAD_ARGUMENT', 'b');
    await expectProblem(await app.request('/api/dyad?a=country-ma&b=country-us&by=day'), 400, 'BAD_ARGUMENT', 'by');
    await expectProblem(await app.request('/api/dyad?a=country-ma&b=country-us&from=2024-13'), 400, 'BAD_ARGUMENT', 'from');
  });

  it('lists at most quotes_limit quotes, the newest, and counts them all in quotes_total', async () => {
    const whole = await jsonOf(await app.request('/api/dyad?a=country-ma&b=country-us'));
    assert.ok(whole.quotes.length >= 1, 'the fixture’s dyad has quotes');
    assert.equal(whole.quotes_total, whole.quotes.length, 'all of them under the default limit');
    assert.deepEqual(await jsonOf(await app.request(`/api/dyad?a=country-ma&b=country-us&quotes_limit=${whole.quotes.length}`)), whole);
    const none = await jsonOf(await app.request('/api/dyad?a=country-ma&b=country-us&quotes_limit=0'));
    assert.deepEqual([none.quotes, none.quotes_total], [[], whole.quotes_total]);
    assert.deepEqual({ ...none, quotes: whole.quotes }, whole, 'the rest of the dyad unchanged');
    for (const bad of ['-1', 'x', '1.5', '100001']) {
      await expectProblem(await app.request(`/api/dyad?a=country-ma&b=country-us&quotes_limit=${bad}`), 400, 'BAD_ARGUMENT', 'quotes_limit');
    }
  });

  it('documents quotes_limit and quotes_total in the OpenAPI schema', async () => {
    const spec = await jsonOf(await app.request('/openapi.json'));
    const param = spec.paths['/api/dyad'].get.parameters.find((p: { name: string }) => p.name === 'quotes_limit');
    assert.equal(param?.schema?.default, 100);
    assert.ok(spec.components.schemas.Dyad.properties.quotes_total, 'quotes_total in the Dyad schema');
  });
});
