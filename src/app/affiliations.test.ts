import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { ingest } from './ingest.js';
import { openStore } from './open-store.js';
import { affiliationsUp, keepAffiliationsCurrent } from './affiliations.js';
import { fixturePath } from '../model/paths.js';
import { Fetcher } from '../sources/fetcher.js';
import { byMember, deriveAffiliations } from '../resolve/affiliations.js';
import { loadKnownActors } from '../resolve/knowledge.js';
import type { MarsadStore } from '../store/store.js';
import { article, input } from '../store/conformance.testkit.js';

/** The affiliations deriving from every stored person and organisation gives now, as JSON lines, sorted. */
async function derivedNow(store: MarsadStore): Promise<string[]> {
  const entities = await store.listEntityFacts(['PERSON', 'ORG']);
  return deriveAffiliations({ actors: loadKnownActors(), entities }).map((a) => JSON.stringify(a)).sort();
}
const stored = async (store: MarsadStore) => (await store.listAffiliations()).filter((a) => a.origin !== 'analyst').map((a) => JSON.stringify(a)).sort();

test('affiliations are derived again only when the entities changed since, and then as deriving from every entity gives them', async () => {
  const store = await openStore(':memory:');
  try {
    const dir = fixturePath('dyad');
    const pages = readdirSync(dir).filter((f) => f.endsWith('.html')).map((f) => `${dir}/${f}`);
    for await (const r of ingest(pages, { store, fetcher: new Fetcher({ delayMs: 0, retries: 0 }) })) assert.equal(r.status, 'new');
    assert.equal(await keepAffiliationsCurrent(store), false, 'the ingest derived them when it finished');
    assert.deepEqual(await stored(store), await derivedNow(store));
    assert.ok((await stored(store)).some((a) => a.includes('"origin":"role"')), 'roles seen in the articles give some');

    // a new person with the office of a curated member: a role-inferred affiliation appears
    const id = (await store.put(input('x.txt', article({ published: '2024-07-01', text: 'جون دو، مدير مكتب التحقيقات الفيدرالي.' })))).id;
    const [person] = await store.setArticleEntities(id, [
      { entityId: null, type: 'PERSON', label: 'جون دو', label_en: null, roles: ['مدير مكتب التحقيقات الفيدرالي'], mentions: [{ text: 'جون دو', start: 0, end: 6, key: 'جون دو' }], keys: ['جون دو'] },
    ], '2024-07-01');
    assert.equal(await keepAffiliationsCurrent(store), true, 'an article’s entities stored');
    assert.deepEqual(await stored(store), await derivedNow(store));
    assert.ok((await store.listAffiliations({ member: person!.id })).length > 0, 'the new person’s office counts');
    assert.equal(await keepAffiliationsCurrent(store), false, 'once');
    await store.mergeEntities('christopher-wray', person!.id, 'analyst');
    assert.equal(await keepAffiliationsCurrent(store), true, 'a merge');
    assert.deepEqual(await stored(store), await derivedNow(store));
    assert.deepEqual(await store.listAffiliations({ member: person!.id }), [], 'nothing left for the id merged away');
    await store.setDerivedAffiliations([]);
    assert.equal(await keepAffiliationsCurrent(store), true, 'affiliations stored without a basis are derived again');
    assert.deepEqual(await stored(store), await derivedNow(store));
  } finally {
    await store.close();
  }
});

test('affiliationsUp reads, for the ids asked, what rollUp reads of every affiliation, whatever order they are asked in', async () => {
  const store = await openStore(':memory:');
  try {
    const aff = (member: string, of: string, from: string | null = null) => ({ member, of, from, to: null, origin: 'role' as const, basis: null, by: null, at: null });
    await store.setDerivedAffiliations([aff('p', 'o'), aff('p', 'q', '2020-01-01'), aff('o', 'c'), aff('q', 'c'), aff('c', 'u'), aff('u', 'w'), aff('r', 'p')]);
    const all = byMember(await store.listAffiliations());
    for (const asks of [[['p']], [['o'], ['p']], [['c'], ['o'], ['p', 'r']], [['u'], ['c'], ['p']]]) {
      const up = affiliationsUp(store, 2);
      const seen: string[] = [];
      for (const ids of asks) {
        await up.add(ids);
        seen.push(...ids);
      }
      const got = byMember(up.list());
      // rollUp at depth 2 reads the lists of each id and of what it belongs to
      for (const id of seen) for (const m of [id, ...(all.get(id) ?? []).map((a) => a.of)]) assert.deepEqual(got.get(m) ?? [], all.get(m) ?? [], `${JSON.stringify(asks)}: ${m}`);
    }
  } finally {
    await store.close();
  }
});
