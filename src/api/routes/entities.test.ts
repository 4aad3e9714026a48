import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MarsadStore } from '../../store/store.js';
import { expectProblem, jsonOf, postJson, testApi } from '../api.testkit.js';

describe('GET /api/entities', () => {
  let store: MarsadStore;
  let app: OpenAPIHono;
  before(async () => ({ app, store } = await testApi()));
  after(() => store.close());

  it('lists entities most mentioned first', async () => {
    const page = await jsonOf(await app.request('/api/entities?limit=200'));
    assert.equal(page.items.length, 14);
    const counts = page.items.map((e: { articles: number }) => e.articles);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
    const burns = page.items.find((e: { id: string }) => e.id === 'william-burns');
    assert.equal(burns.type, 'PERSON');
    assert.equal(burns.label_en, 'William Burns');
    assert.ok(burns.aliases.some((a: { text: string }) => a.text === 'بورنز'));
  });

  it('filters by type', async () => {
    const page = await jsonOf(await app.request('/api/entities?type=PERSON'));
    assert.deepEqual(page.items.map((e: { id: string }) => e.id).sort(), ['abbas-kamel', 'abdellatif-hammouchi', 'william-burns']);
  });

  it('pages with cursors through every entity once', async () => {
    const all = (await jsonOf(await app.request('/api/entities?limit=200'))).items.map((e: { id: string }) => e.id);
    const seen: string[] = [];
    let cursor = '';
    do {
      const page = await jsonOf(await app.request(`/api/entities?limit=5${cursor ? `&cursor=${cursor}` : ''}`));
      seen.push(...page.items.map((e: { id: string }) => e.id));
      cursor = page.next_cursor ?? '';
    } while (cursor);
    assert.deepEqual(seen, all);
  });

  it('refuses an unknown type with a 400 problem naming type', async () => {
    const body = await expectProblem(await app.request('/api/entities?type=ANIMAL'), 400, 'BAD_ARGUMENT', 'type');
    assert.match(body.detail, /PERSON/);
  });
});

describe('GET /api/entities/{id}', () => {
  let store: MarsadStore;
  let app: OpenAPIHono;
  before(async () => ({ app, store } = await testApi()));
  after(() => store.close());

  it('gives the entity with aliases, roles, co-occurring actors and its quotes', async () => {
    const body = await jsonOf(await app.request('/api/entities/william-burns'));
    assert.equal(body.entity.id, 'william-burns');
    assert.equal(body.entity.articles, 3);
    assert.ok(body.entity.roles.some((r: { role: string }) => /الاستخبارات/.test(r.role)));
    assert.ok(body.entity.cooccurring.includes('عبد اللطيف حموشي'));
    assert.equal(body.quotes.length, 4);
    assert.ok(body.quotes.every((q: { speaker: { id: string } }) => q.speaker.id === 'william-burns'));
    assert.equal(body.quotes_next_cursor, null);
  });

  it('answers an unknown id with a 404 problem naming id', async () => {
    await expectProblem(await app.request('/api/entities/nobody-at-all'), 404, 'ENTITY_NOT_FOUND', 'id');
  });
});

describe('POST /api/entities/{id}/merge', () => {
  let store: MarsadStore;
  let app: OpenAPIHono;
  before(async () => ({ app, store } = await testApi({ defaultAuthor: 'tester' })));
  after(() => store.close());

  it('folds one entity into another, keeping who did it; the old id then answers with the kept entity', async () => {
    const cities = (await jsonOf(await app.request('/api/entities?type=LOCATION&limit=200'))).items;
    const doha = cities.find((e: { label: string }) => e.label === 'الدوحة');
    const merged = await jsonOf(await app.request('/api/entities/country-ma/merge', postJson({ from: doha.id, by: 'analyst-1' })));
    assert.equal(merged.id, 'country-ma');
    assert.ok(merged.aliases.some((a: { text: string }) => a.text === 'الدوحة'));
    const viaOld = await jsonOf(await app.request(`/api/entities/${doha.id}`));
    assert.equal(viaOld.entity.id, 'country-ma');
    assert.deepEqual(
      (await store.corrections()).map((c) => [c.kind, c.entity, c.other, c.by]),
      [['merge', 'country-ma', doha.id, 'analyst-1']],
    );
  });

  it('signs a correction without `by` with the configured author', async () => {
    const orgs = (await jsonOf(await app.request('/api/entities?type=ORG&limit=200'))).items;
    assert.ok(orgs.some((e: { id: string }) => e.id === 'dgsn'));
    await jsonOf(await app.request('/api/entities/dgst/merge', postJson({ from: 'dgsn' })));
    assert.equal((await store.corrections()).at(-1)!.by, 'tester');
  });

  it('names `id` when the kept entity is unknown, `from` when the folded one is', async () => {
    await expectProblem(await app.request('/api/entities/nobody/merge', postJson({ from: 'cia' })), 404, 'ENTITY_NOT_FOUND', 'id');
    await expectProblem(await app.request('/api/entities/cia/merge', postJson({ from: 'nobody' })), 404, 'ENTITY_NOT_FOUND', 'from');
  });

  it('refuses entities of different types, and an entity with itself, naming from', async () => {
    const body = await expectProblem(await app.request('/api/entities/cia/merge', postJson({ from: 'william-burns' })), 400, 'BAD_ARGUMENT', 'from');
    assert.match(body.detail, /one type/);
    await expectProblem(await app.request('/api/entities/cia/merge', postJson({ from: 'cia' })), 400, 'BAD_ARGUMENT', 'from');
  });

  it('validates the body, naming the field', async () => {
    await expectProblem(await app.request('/api/entities/cia/merge', postJson({})), 400, 'BAD_ARGUMENT', 'from');
    await expectProblem(await app.request('/api/entities/cia/merge', postJson({ from: 42 })), 400, 'BAD_ARGUMENT', 'from');
    await expectProblem(await app.request('/api/entities/cia/merge', postJson({ from: 'dgsn', by: '' })), 400, 'BAD_ARGUMENT', 'by');
    await expectProblem(await app.request('/api/entities/cia/merge', postJson(['dgsn'])), 400, 'BAD_ARGUMENT', 'body');
  });
});

describe('POST /api/entities/{id}/split', () => {
  let store: MarsadStore;
  let app: OpenAPIHono;
  before(async () => ({ app, store } = await testApi()));
  after(() => store.close());

  it('moves the mentions written as the alias to a new entity (201, Location)', async () => {
    const res = await app.request('/api/entities/william-burns/split', postJson({ alias: 'بورنز', by: 'analyst-2' }));
    const created = await jsonOf(res, 201);
    assert.notEqual(created.id, 'william-burns');
    assert.equal(created.label, 'بورنز');
    assert.equal(res.headers.get('location'), `/api/entities/${encodeURIComponent(created.id)}`);
    const burns = (await jsonOf(await app.request('/api/entities/william-burns'))).entity;
    assert.ok(!burns.aliases.some((a: { text: string; count: number }) => a.text === 'بورنز' && a.count > 0));
    assert.equal((await store.corrections()).at(-1)!.by, 'analyst-2');
  });

  it('answers an alias the entity is not mentioned under with 404 naming alias', async () => {
    await expectProblem(await app.request('/api/entities/william-burns/split', postJson({ alias: 'اسم آخر' })), 404, 'ALIAS_NOT_FOUND', 'alias');
  });

  it('answers an unknown entity with 404 naming id', async () => {
    await expectProblem(await app.request('/api/entities/nobody/split', postJson({ alias: 'بورنز' })), 404, 'ENTITY_NOT_FOUND', 'id');
  });

  it('validates the body, naming the field', async () => {
    await expectProblem(await app.request('/api/entities/cia/split', postJson({ alias: '   ' })), 400, 'BAD_ARGUMENT', 'alias');
    await expectProblem(await app.request('/api/entities/cia/split', postJson({})), 400, 'BAD_ARGUMENT', 'alias');
  });
});
