import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateCorpus } from './migrate.js';
import { openStore } from './open-store.js';
import { ingest } from './ingest.js';
import { Fetcher } from '../sources/fetcher.js';
import { mentionKey } from '../resolve/entity-linking.js';
import { parseQuery } from '../store/search-query.js';
import type { MarsadStore } from '../store/store.js';
import { dropSchema, freshSchema, postgresUnavailable, TEST_POSTGRES_URL } from '../store/postgres/pg-test-db.js';

const FIXTURES = [
  'test/fixtures/stories/meeting-atlas.html',
  'test/fixtures/stories/meeting-mirror.html',
  'test/fixtures/stories/harvest.html',
  'test/fixtures/events/visit.html',
  'test/fixtures/events/police-arrests.html',
  'test/fixtures/entities/cia-director-rabat.html',
  'test/fixtures/entities/burns-spelling-variant.html',
  'test/fixtures/pages/news-article-windows-1256.html',
];

const SEARCHES = ['حموشي', 'الاستخبارات', 'وزير OR الشرطة', '"مدير وكالة"', 'زيار*', 'from:2000'];

/**
 * Everything a user can read from a store, through every read method. Search scores are
 * left out when `scores` is false: PostgreSQL's ts_rank and SQLite's bm25 differ in scale.
 */
async function readAll(s: MarsadStore, scores = true): Promise<Record<string, unknown>> {
  const ids = await s.ids();
  const entities = await s.listEntities({ limit: 1000 });
  const stories = await s.listStories({ limit: 1000 });
  const perArticle: Record<string, unknown> = {};
  for (const id of ids) {
    const raw = await s.getRaw(id);
    perArticle[id] = {
      get: await s.get(id),
      raw: raw && { ...raw, bytes: Buffer.from(raw.bytes).toString('base64') },
      entities: await s.articleEntities(id),
      quotes: await s.articleQuotes(id),
      events: await s.articleEvents(id),
      duplicateOf: await s.duplicateOf(id),
      analysed: await s.analysedVersion(id),
    };
  }
  const searches: Record<string, unknown> = {};
  for (const q of SEARCHES) {
    const hits = await s.search(parseQuery(q), { limit: 100 });
    searches[q] = scores ? hits : hits.map(({ score: _score, ...h }) => h).sort((a, b) => a.id.localeCompare(b.id));
  }
  return {
    count: await s.count(),
    ids,
    list: await s.list({ limit: 1000 }),
    perArticle,
    searches,
    fetchState: await s.getFetchState('https://example.com/feed.xml'),
    listEntities: entities,
    getEntity: await Promise.all(entities.map((e) => s.getEntity(e.id))),
    candidates: await Promise.all(entities.slice(0, 5).map((e) => s.entityCandidates(e.type, e.aliases.map((a) => a.text)))),
    corrections: await s.corrections(),
    listQuotes: await s.listQuotes({ limit: 1000 }),
    listEvents: await s.listEvents({ limit: 1000 }),
    signatures: (await s.signatures()).map((r) => ({ ...r, signature: Buffer.from(r.signature).toString('base64') })),
    storyAssignments: await s.storyAssignments(),
    listStories: stories,
    getStory: await Promise.all(stories.map((x) => s.getStory(x.id))),
    articleRefs: await s.articleRefs([...ids].reverse()),
    unanalysed: await s.unanalysed(),
    affiliations: await s.listAffiliations(),
    affiliationRemovals: await s.affiliationRemovals(),
  };
}

const unavailable = await postgresUnavailable();

test('migrate: a corpus copied SQLite → PostgreSQL → SQLite answers every read the same', { skip: unavailable ?? false }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-migrate-'));
  const schema = freshSchema();
  const pgUrl = `${TEST_POSTGRES_URL}?schema=${schema}`;
  try {
    const first = join(dir, 'first.db');
    const store = await openStore(first);
    try {
      for await (const r of ingest(FIXTURES, { store, fetcher: new Fetcher() })) assert.ok(r.status === 'new', `${r.source}: ${r.status} ${r.reason ?? ''}`);
      await store.setFetchState({ url: 'https://example.com/feed.xml', etag: '"abc"', lastModified: null, fetchedAt: '2026-12-01T00:00:00.000Z' });
      // Analysts' work must survive the copy too: a merge, a split, an affiliation and a removal.
      const people = await store.listEntities({ type: 'PERSON', limit: 100 });
      assert.ok(people.length >= 3, 'the fixtures name several people');
      const merged = await store.mergeEntities(people[0]!.id, people[1]!.id, 'tester');
      const alias = merged.aliases.find((a) => a.count > 0)!;
      await store.splitEntity(merged.id, alias.text, mentionKey(alias.text), 'tester');
      await store.affiliate({ member: people[2]!.id, of: 'country-ma', from: '2020', to: null, basis: 'test' }, 'tester');
      await store.unaffiliate(people[2]!.id, 'cia', 'tester');
    } finally {
      await store.close();
    }

    const before = await snapshot(first);
    assert.ok((before.count as number) >= 6, 'the fixtures were stored');
    assert.ok((before.listEvents as unknown[]).length > 0 && (before.listStories as unknown[]).length > 0 && (before.corrections as unknown[]).length === 2);

    const there = await migrateCorpus(first, pgUrl);
    assert.equal(there.articles, before.count);
    const onPostgres = await snapshot(pgUrl, false);
    assert.deepEqual(onPostgres, await snapshot(first, false), 'PostgreSQL answers as the SQLite file did (search scores aside)');

    const back = join(dir, 'back.db');
    await migrateCorpus(pgUrl, back);
    assert.deepEqual(await snapshot(back), before, 'the round trip loses nothing, scores and order included');

    // The target must be empty: a second copy into it is refused and changes nothing.
    await assert.rejects(migrateCorpus(first, back), (err: any) => err.code === 'BAD_ARGUMENT' && /already holding data/.test(err.message));
    assert.deepEqual(await snapshot(back), before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dropSchema(schema);
  }
});

test('migrate: a missing source file and a source equal to the target are refused', async () => {
  await assert.rejects(migrateCorpus('/nonexistent/marsad.db', '/tmp/x.db'), { code: 'INPUT_NOT_FOUND' });
  await assert.rejects(migrateCorpus('a.db', 'a.db'), { code: 'BAD_ARGUMENT' });
});

/** Opens the store at `location`, reads everything from it, and closes it. */
async function snapshot(location: string, scores = true): Promise<Record<string, unknown>> {
  const s = await openStore(location);
  try {
    return await readAll(s, scores);
  } finally {
    await s.close();
  }
}
