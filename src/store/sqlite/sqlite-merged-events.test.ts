import { joinHappening } from '../merged-event-store.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ArticleEvent } from '../../model/event.js';
import type { MarsadStore } from '../store.js';
import { article, input } from '../conformance.testkit.js';
import { checkMigratedCounts, keptCounts, keptCountsCorpus, refreshAll } from '../event-conformance.testkit.js';
import { happeningRows } from '../happening-rows.js';
import { openSqliteStore } from './sqlite-store.js';
import { MIGRATIONS } from './migrations.js';
import { arabicSearchAnalyzer } from '../../arabic/search-keys.js';

const event = (id: string, type: string, source: string, target: string | null, start: string | null): ArticleEvent => ({
  id, type, mode: null, status: null, source: { id: source, label: source }, target: target === null ? null : { id: target, label: target },
  location: null, date: { start, end: start, text: null }, contexts: [], evidence: { text: 'جملة.', start: 0, end: 5 },
});

const person = (label: string) => ({
  entityId: null, type: 'PERSON' as const, label, label_en: null, roles: [], mentions: [{ text: label, start: 0, end: label.length, key: label }], keys: [label],
});

async function refresh(s: MarsadStore): Promise<number> {
  const stale = await s.staleHappeningKeys(1000);
  for (const { key, seq } of stale) await s.setHappenings([{ key, seq, rows: happeningRows((await s.happeningBuckets([key]))[0]!) }]);
  return stale.length;
}

test('sqlite: the migration to stored merged events keys the existing events through merges and marks every key stale', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-hap-'));
  const path = join(dir, 'hap.db');
  try {
    let store = openSqliteStore(path, arabicSearchAnalyzer);
    const a = (await store.put(input('a.txt', article({ published: '2022-06-20', text: 'نص أول.' })))).id;
    const b = (await store.put(input('b.txt', article({ published: '2022-06-21', text: 'نص ثان.' })))).id;
    const [h, x] = await store.setArticleEntities(a, [person('حموشي'), person('بيرنز')], null);
    const [y] = await store.setArticleEntities(b, [person('بورنز')], null);
    await store.setArticleEvents(a, [event(`${a}:1`, 'CONSULT', h!.id, x!.id, '2022-06-13')]);
    await store.setArticleEvents(b, [event(`${b}:1`, 'CONSULT', y!.id, h!.id, '2022-06-13'), event(`${b}:2`, 'AGREE', y!.id, null, null)]);
    await store.mergeEntities(x!.id, y!.id, 'test');
    const c = (await store.put(input('c.txt', article({ published: '2022-06-22', text: 'نص ثالث.' })))).id;
    await store.setArticleEvents(c, [event(`${c}:1`, 'ASSAULT', 'generic:UNK', null, null)]);
    await store.assignStory(c, c);
    await refresh(store);
    const before = await store.listHappenings({ limit: 100 });
    assert.equal(before.find((m) => m.type === 'CONSULT')!.num_articles, 2, 'merged through the entity merge');
    await store.close();

    // the database as version 13 left it (later versions' changes kept), then migration 14 on it
    const db = new Database(path);
    db.exec(`DROP TABLE happenings; DROP TABLE happening_json; DROP TABLE happening_stale; DROP INDEX events_happening; DROP INDEX events_location;
             DROP TABLE happening_days; DROP TABLE story_happenings; DROP TABLE story_count_stale; DROP TABLE happening_pairs;
             ALTER TABLE events DROP COLUMN happening_key;`);
    db.exec(MIGRATIONS.find((m) => m.version === 14)!.sql);
    db.exec(MIGRATIONS.find((m) => m.version === 18)!.sql); // happening_json as later versions keep it
    db.exec(MIGRATIONS.find((m) => m.version === 20)!.sql); // and happenings
    db.exec(MIGRATIONS.find((m) => m.version === 22)!.sql);
    db.close();

    store = openSqliteStore(path, arabicSearchAnalyzer);
    assert.deepEqual((await store.staleHappeningKeys(100)).map((k) => k.key).sort(), [
      `AGREE:happened:${x!.id}|`,
      `CONSULT:happened:${[h!.id, x!.id].sort().join('|')}`,
      `ASSAULT:happened:generic:UNK|#${c}`,
    ].sort(), 'keys through the merge; generic actors per story');
    assert.deepEqual(await store.listHappenings({ limit: 100 }), [], 'nothing stored until the first refresh');
    assert.equal(await refresh(store), 3);
    assert.deepEqual(await store.listHappenings({ limit: 100 }), before);
    await store.close();

    // rows stored whole, as before v18 split the sources out (sources NULL), read the same
    const old = new Database(path);
    for (const r of old.prepare('SELECT key, n, event, sources FROM happening_json').all() as { key: string; n: number; event: string; sources: string }[]) {
      old.prepare('UPDATE happening_json SET event = ?, sources = NULL WHERE key = ? AND n = ?').run(JSON.stringify(joinHappening(r.event, JSON.parse(r.sources))), r.key, r.n);
    }
    old.close();
    store = openSqliteStore(path, arabicSearchAnalyzer);
    assert.equal(JSON.stringify(await store.listHappenings({ limit: 100 })), JSON.stringify(before));
    assert.deepEqual(await store.listHappenings({ limit: 100, sourcesLimit: 1 }), before.map((m) => ({ ...m, sources: m.sources.slice(0, 1) })));
    assert.deepEqual(await store.happeningSources(before.map((m) => m.id)), new Map(before.map((m) => [m.id, m.sources])));
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sqlite: migrations 20 to 23 keep the timeline and network counts of stored merged events and count the stories’ merged events at the next refresh', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-v20-'));
  const path = join(dir, 'v20.db');
  try {
    let store = openSqliteStore(path, arabicSearchAnalyzer);
    const stories = await keptCountsCorpus(store);
    await refreshAll(store);
    const before = await keptCounts(store, stories);
    const articleDays = await store.articlesByDay();
    assert.deepEqual(before.stories, [[stories[0], 3], [stories[1], 1]], 'the two CONSULTs of one story merge (a day in their month), its ASSAULT and AGREE apart');
    assert.ok(before.timeline.inside!.some((x) => x.includes('ASSAULT')), 'a span of years counted from a month inside it');
    await store.close();

    // the database as version 19 left it, merged events stored, then migrations 20 to 23 when opened
    const db = new Database(path);
    db.exec(`DROP TABLE article_days; DROP TABLE happening_days; DROP TABLE story_happenings; DROP TABLE story_count_stale; DROP INDEX happenings_span;
             ALTER TABLE happenings DROP COLUMN span_class; DROP TABLE happening_pairs; DROP INDEX happenings_pair;
             DROP TRIGGER entity_articles_added; DROP TRIGGER entity_articles_changed; DROP TRIGGER entity_articles_dropped;
             DROP INDEX entities_listed; DROP INDEX entities_listed_type; ALTER TABLE entities DROP COLUMN articles;`);
    db.pragma('user_version = 19');
    db.close();

    store = openSqliteStore(path, arabicSearchAnalyzer);
    await checkMigratedCounts(store, stories, before, articleDays, 'migration 21');
    assert.ok(before.pairs.all!.length >= 3 && before.pairs.june!.length >= 1, 'pairs to compare');
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
