/**
 * The entity half of the store conformance suite: every backend runs these tests.
 */
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import type { EntityAssignment, KnownActor } from '../model/entity.js';
import type { MarsadStore } from './store.js';
import { article, input, storeTest } from './conformance.testkit.js';
import { KEY_POSTING_CAP } from './entity-rows.js';

/** A new entity assignment; keys here are simple stand-ins for the resolver's name keys. */
function assign(label: string, mentions: [string, number][], extra: Partial<EntityAssignment> = {}): EntityAssignment {
  return {
    entityId: null,
    type: 'PERSON',
    label,
    label_en: null,
    roles: [],
    mentions: mentions.map(([text, start]) => ({ text, start, end: start + text.length, key: text.replace(/^ال/, '') })),
    keys: [label, ...label.split(' ')],
    ...extra,
  };
}

const CIA: KnownActor = {
  key: 'cia',
  type: 'ORG',
  label: 'وكالة الاستخبارات المركزية',
  label_en: 'Central Intelligence Agency',
  aliases: ['سي آي إيه', 'CIA'],
  country: 'US',
  sectors: ['SPY'],
  wikidata: 'Q37230',
  roles: [],
};

export function runEntityStoreConformance(backend: string, open: () => Promise<MarsadStore>): void {
  describe(`entity store conformance: ${backend}`, () => {
    const withStore = storeTest(open);
    const articleIn = async (s: MarsadStore, name: string, published: string) =>
      (await s.put(input(`${name}.txt`, article({ published, text: `نص المقال ${name} المختلف عن غيره.` })))).id;

    withStore('an article keeps its entities with ids, mentions and roles', async (s) => {
      const a = await articleIn(s, 'a', '2023-11-14');
      const got = await s.setArticleEntities(
        a,
        [assign('عبد اللطيف حموشي', [['عبد اللطيف حموشي', 0], ['الحموشي', 40]], { roles: ['المدير العام لمراقبة التراب الوطني'] })],
        '2023-11-14',
      );
      assert.equal(got.length, 1);
      assert.match(got[0]!.id, /\S/);
      assert.equal(got[0]!.label, 'عبد اللطيف حموشي');
      assert.deepEqual(got[0]!.mentions, [
        { text: 'عبد اللطيف حموشي', start: 0, end: 16 },
        { text: 'الحموشي', start: 40, end: 47 },
      ]);
      assert.deepEqual(got[0]!.roles, ['المدير العام لمراقبة التراب الوطني']);
      assert.deepEqual(await s.articleEntities(a), got);
    });

    withStore('a mention linked in a second article counts aliases, articles and dated roles', async (s) => {
      const a = await articleIn(s, 'a', '2022-06-14');
      const b = await articleIn(s, 'b', '2023-11-14');
      const [first] = await s.setArticleEntities(a, [assign('وليام بيرنز', [['وليام بيرنز', 0]], { roles: ['مدير وكالة الاستخبارات المركزية'] })], '2022-06-14');
      await s.setArticleEntities(
        b,
        [assign('بورنز', [['بورنز', 5], ['بورنز', 50]], { entityId: first!.id, roles: ['مدير وكالة الاستخبارات المركزية'] })],
        '2023-11-14',
      );
      const e = await s.getEntity(first!.id);
      assert.equal(e!.articles, 2);
      assert.deepEqual(e!.aliases, [{ text: 'بورنز', count: 2 }, { text: 'وليام بيرنز', count: 1 }]);
      assert.deepEqual(e!.roles, [{ role: 'مدير وكالة الاستخبارات المركزية', first_seen: '2022-06-14', last_seen: '2023-11-14', count: 2 }]);
    });

    withStore('re-analysing an article replaces its mentions instead of adding to them', async (s) => {
      const a = await articleIn(s, 'a', '2022-06-14');
      const [e] = await s.setArticleEntities(a, [assign('بايدن', [['بايدن', 0]])], null);
      await s.setArticleEntities(a, [assign('بايدن', [['بايدن', 0]], { entityId: e!.id })], null);
      assert.deepEqual((await s.getEntity(e!.id))!.aliases, [{ text: 'بايدن', count: 1 }]);
      assert.equal((await s.getEntity(e!.id))!.articles, 1);
    });

    withStore('candidates come by shared keys and type only', async (s) => {
      const a = await articleIn(s, 'a', '2022-06-14');
      const [p, o] = await s.setArticleEntities(
        a,
        [assign('ناصر بوريطة', [['ناصر بوريطة', 0]]), assign('بوريطة للاستشارات', [['بوريطة للاستشارات', 30]], { type: 'ORG' })],
        null,
      );
      const persons = await s.entityCandidates('PERSON', ['بوريطة']);
      assert.deepEqual(persons.map((e) => e.id), [p!.id]);
      assert.deepEqual((await s.entityCandidates('ORG', ['بوريطة'])).map((e) => e.id), [o!.id]);
      assert.deepEqual(await s.entityCandidates('PERSON', ['غيره']), []);
      assert.deepEqual(persons[0]!.cooccurring, ['بوريطة للاستشارات']);
    });

    withStore('an analyst merge folds one entity into another and is kept with who and when', async (s) => {
      const a = await articleIn(s, 'a', '2022-06-14');
      const b = await articleIn(s, 'b', '2023-11-14');
      const [x] = await s.setArticleEntities(a, [assign('الحافظي', [['الحافظي', 0]])], null);
      const [y] = await s.setArticleEntities(b, [assign('الحافيظي', [['الحافيظي', 0]])], null);
      const merged = await s.mergeEntities(x!.id, y!.id, 'analyst1');
      assert.equal(merged.id, x!.id);
      assert.equal(merged.articles, 2);
      assert.equal((await s.getEntity(y!.id))!.id, x!.id, 'the merged id answers as the kept entity');
      assert.equal((await s.articleEntities(b))[0]!.id, x!.id);
      assert.deepEqual(
        (await s.entityCandidates('PERSON', ['الحافيظي'])).map((e) => e.id),
        [x!.id],
        'keys of the merged entity find the kept one',
      );
      const [c] = await s.corrections();
      assert.deepEqual({ ...c!, at: undefined }, { kind: 'merge', entity: x!.id, other: y!.id, alias: null, by: 'analyst1', at: undefined });
      assert.match(c!.at, /^\d{4}-\d\d-\d\dT/);
      assert.ok(!(await s.listEntities()).some((e) => e.id === y!.id), 'a merged entity is not listed');
      assert.equal(await s.countEntities('PERSON'), 1, 'nor counted');
    });

    withStore('merging refuses unknown ids, one entity with itself, and different types', async (s) => {
      const a = await articleIn(s, 'a', '2022-06-14');
      const [p, o] = await s.setArticleEntities(a, [assign('ناصر بوريطة', [['ناصر بوريطة', 0]]), assign('الأمم المتحدة', [['الأمم المتحدة', 30]], { type: 'ORG' })], null);
      await assert.rejects(s.mergeEntities(p!.id, 'e-nope', 'x'), { code: 'ENTITY_NOT_FOUND' });
      await assert.rejects(s.mergeEntities(p!.id, p!.id, 'x'), { code: 'BAD_ARGUMENT' });
      await assert.rejects(s.mergeEntities(p!.id, o!.id, 'x'), { code: 'BAD_ARGUMENT' });
    });

    withStore('an analyst split moves one alias to a new entity and blocks it from linking back', async (s) => {
      const a = await articleIn(s, 'a', '2022-06-14');
      const b = await articleIn(s, 'b', '2023-11-14');
      const [m] = await s.setArticleEntities(a, [assign('محمد بن سلمان', [['محمد بن سلمان', 0]])], '2022-06-14');
      await s.setArticleEntities(b, [assign('محمد بن زايد', [['محمد بن زايد', 0]], { entityId: m!.id })], '2023-11-14');
      const split = await s.splitEntity(m!.id, 'محمد بن زايد', 'محمد بن زايد', 'analyst2');
      assert.notEqual(split.id, m!.id);
      assert.equal(split.label, 'محمد بن زايد');
      assert.equal(split.articles, 1);
      assert.equal((await s.articleEntities(b))[0]!.id, split.id);
      const kept = await s.getEntity(m!.id);
      assert.equal(kept!.articles, 1);
      assert.deepEqual(kept!.blocked_keys, ['محمد بن زايد']);
      assert.equal((await s.corrections())[0]!.kind, 'split');
      await assert.rejects(s.splitEntity(m!.id, 'غير موجود', 'غير موجود', 'x'), { code: 'ALIAS_NOT_FOUND' });
    });

    withStore('a name word shared by more entities than a lookup reads still finds the most reported of them first', async (s) => {
      // 1,000 people named محمد once each, and ten named محمد in three articles each: the
      // lookup reads KEY_POSTING_CAP of the word's entities, the weightiest first.
      assert.ok(KEY_POSTING_CAP < 1000);
      for (let block = 0; block < 20; block++) {
        const a = await articleIn(s, `once-${block}`, '2023-01-01');
        await s.setArticleEntities(a, Array.from({ length: 50 }, (_, i) => assign(`محمد ${block * 50 + i}`, [[`محمد ${block * 50 + i}`, i * 12]])), null);
      }
      const frequent: string[] = [];
      for (let n = 0; n < 3; n++) {
        const a = await articleIn(s, `often-${n}`, '2023-02-01');
        const got = await s.setArticleEntities(
          a,
          Array.from({ length: 10 }, (_, i) => assign(`محمد ق${i}`, [[`محمد ق${i}`, i * 12]], { entityId: frequent[i] ?? null })),
          null,
        );
        if (n === 0) frequent.push(...got.map((e) => e.id));
      }
      const found = await s.entityCandidates('PERSON', ['محمد'], 10);
      assert.deepEqual(new Set(found.map((e) => e.id)), new Set(frequent));
      assert.ok(found.every((e) => e.articles === 3));
      // a rarer key still finds its entity whatever the common word's list holds
      assert.equal((await s.entityCandidates('PERSON', ['محمد', 'محمد 999'], 1))[0]!.label, 'محمد 999');
    });

    withStore('co-occurring entities follow a merge and a split, on both sides of each pair', async (s) => {
      const a = await articleIn(s, 'a', '2022-06-14');
      const b = await articleIn(s, 'b', '2023-11-14');
      const [burns, hammouchi] = await s.setArticleEntities(a, [assign('وليام بيرنز', [['وليام بيرنز', 0]]), assign('عبد اللطيف حموشي', [['عبد اللطيف حموشي', 20]])], null);
      const [burnz, bourita] = await s.setArticleEntities(b, [assign('بورنز', [['بورنز', 0]]), assign('ناصر بوريطة', [['ناصر بوريطة', 20]])], null);
      const co = async (id: string) => (await s.getEntity(id))!.cooccurring;
      assert.deepEqual(await co(bourita!.id), ['بورنز']);
      await s.mergeEntities(burns!.id, burnz!.id, 'analyst1');
      assert.deepEqual((await co(burns!.id)).sort(), ['عبد اللطيف حموشي', 'ناصر بوريطة'].sort());
      assert.deepEqual(await co(bourita!.id), ['وليام بيرنز'], 'the partner of the folded entity now names the kept one');
      assert.deepEqual(await co(hammouchi!.id), ['وليام بيرنز']);
      const split = await s.splitEntity(burns!.id, 'بورنز', 'بورنز', 'analyst2');
      assert.deepEqual(await co(burns!.id), ['عبد اللطيف حموشي']);
      assert.deepEqual(await co(split.id), ['ناصر بوريطة']);
      assert.deepEqual(await co(bourita!.id), ['بورنز'], 'and back to the split-off entity');
      assert.deepEqual(await co(hammouchi!.id), ['وليام بيرنز']);
    });

    withStore('curated actors are loaded once per version with their ids, names and codes', async (s) => {
      await s.loadKnownActors([CIA], (a) => [a.label, ...a.aliases], 'v1');
      const e = await s.getEntity('cia');
      assert.equal(e!.label_en, 'Central Intelligence Agency');
      assert.equal(e!.wikidata, 'Q37230');
      assert.deepEqual(e!.sectors, ['SPY']);
      assert.deepEqual(e!.aliases.map((x) => x.text).sort(), ['CIA', 'سي آي إيه', 'وكالة الاستخبارات المركزية'].sort());
      assert.deepEqual((await s.entityCandidates('ORG', ['CIA'])).map((x) => x.id), ['cia']);
      await s.loadKnownActors([{ ...CIA, label_en: 'changed' }], (a) => [a.label], 'v1');
      assert.equal((await s.getEntity('cia'))!.label_en, 'Central Intelligence Agency', 'same version: no reload');
      await s.loadKnownActors([{ ...CIA, label_en: 'CIA (US)' }], (a) => [a.label], 'v2');
      assert.equal((await s.getEntity('cia'))!.label_en, 'CIA (US)');
      assert.deepEqual(await s.listEntities(), [], 'curated actors never mentioned are not listed');
      assert.equal(await s.countEntities(), 0, 'nor counted');
    });

    withStore('entities are listed by article count and filtered by type', async (s) => {
      const a = await articleIn(s, 'a', '2022-06-14');
      const b = await articleIn(s, 'b', '2023-11-14');
      const [x, y] = await s.setArticleEntities(a, [assign('بايدن', [['بايدن', 0]], { roles: ['الرئيس الأمريكي'] }), assign('الرباط', [['الرباط', 20]], { type: 'LOCATION' })], '2022-06-14');
      await s.setArticleEntities(b, [assign('الرباط', [['الرباط', 0]], { type: 'LOCATION', entityId: y!.id })], null);
      assert.deepEqual((await s.listEntities()).map((e) => e.id), [y!.id, x!.id]);
      assert.deepEqual((await s.listEntities({ type: 'PERSON' })).map((e) => e.id), [x!.id]);
      assert.deepEqual((await s.listEntities({ limit: 1, offset: 1 })).map((e) => e.id), [x!.id]);
      assert.equal(await s.countEntities(), 2, 'counted as listed');
      // the bulk read gives each listed entity's names, country and roles as reading it alone does
      const facts = await s.listEntityFacts(['PERSON', 'LOCATION']);
      assert.deepEqual(facts.map((f) => f.id), [y!.id, x!.id], 'in the order of the listing');
      for (const f of facts) {
        const e = (await s.getEntity(f.id))!;
        assert.deepEqual(f, { id: e.id, type: e.type, label: e.label, country: e.country, aliases: e.aliases, roles: e.roles });
      }
      assert.deepEqual((await s.listEntityFacts(['ORG'])), []);
      assert.equal(await s.countEntities('LOCATION'), 1);
      assert.equal(await s.countEntities('ORG'), 0);
    });

    withStore('a page of the entity list holds each entity as getEntity gives it, in article-count order, as counts change', async (s) => {
      const [a, b, c] = [await articleIn(s, 'a', '2022-06-14'), await articleIn(s, 'b', '2023-11-14'), await articleIn(s, 'c', '2024-01-02')];
      const [x, y, z] = await s.setArticleEntities(a, [
        assign('بايدن', [['بايدن', 0]], { roles: ['الرئيس الأمريكي'] }),
        assign('الرباط', [['الرباط', 20]], { type: 'LOCATION' }),
        assign('بلينكن', [['بلينكن', 30]]),
      ], '2022-06-14');
      await s.setArticleEntities(b, [assign('الرباط', [['الرباط', 0]], { type: 'LOCATION', entityId: y!.id }), assign('بلينكن', [['بلينكن', 10]], { entityId: z!.id })], null);
      await s.setArticleEntities(c, [assign('بلينكن', [['بلينكن', 0]], { entityId: z!.id }), assign('بايدن', [['بايدن', 9]], { entityId: x!.id })], '2024-01-02');
      const listed = async (when: string, type?: 'PERSON') => {
        const page = await s.listEntities({ type, limit: 200 });
        for (const e of page) assert.deepEqual(e, await s.getEntity(e.id), `${when}: ${e.label} as read alone`);
        const order = [...page].sort((p, q) => q.articles - p.articles || (p.label < q.label ? -1 : p.label > q.label ? 1 : p.id < q.id ? -1 : 1));
        assert.deepEqual(page.map((e) => e.id), order.map((e) => e.id), `${when}: most reported first, then by label`);
        assert.equal(page.length, await s.countEntities(type), `${when}: as many as counted`);
        return page.map((e) => [e.label, e.articles]);
      };
      assert.deepEqual(await listed('stored'), [['بلينكن', 3], ['الرباط', 2], ['بايدن', 2]]);
      assert.deepEqual(await listed('stored, persons', 'PERSON'), [['بلينكن', 3], ['بايدن', 2]]);
      // an article analysed again without a name: its count falls, at zero it is not listed
      await s.setArticleEntities(a, [assign('بلينكن', [['بلينكن', 30]], { entityId: z!.id })], '2022-06-14');
      assert.deepEqual(await listed('re-analysed'), [['بلينكن', 3], ['الرباط', 1], ['بايدن', 1]]);
      await s.setArticleEntities(c, [assign('بلينكن', [['بلينكن', 0]], { entityId: z!.id })], '2024-01-02');
      assert.deepEqual(await listed('re-analysed again', 'PERSON'), [['بلينكن', 3]]);
      await s.setArticleEntities(c, [assign('بلينكن', [['بلينكن', 0]], { entityId: z!.id }), assign('بايدن', [['بايدن', 9]], { entityId: x!.id })], '2024-01-02');
      await s.mergeEntities(z!.id, x!.id, 'analyst');
      assert.deepEqual(await listed('merged'), [['بلينكن', 3], ['الرباط', 1]]);
      await s.splitEntity(z!.id, 'بايدن', 'بايدن', 'analyst');
      assert.deepEqual(await listed('split'), [['بلينكن', 3], ['الرباط', 1], ['بايدن', 1]]);
    });

    withStore('the facts of a few entities are those listEntityFacts gives of them; the facts version moves with every write that can change them', async (s) => {
      const version = async () => s.entityFactsVersion();
      const moved = async (before: number, what: string) => {
        const now = await version();
        assert.ok(now > before, `${what} moves the facts version`);
        return now;
      };
      let v = await version();
      await s.loadKnownActors([CIA], (a) => [a.label], 'v1');
      v = await moved(v, 'curated actors loaded');
      await s.loadKnownActors([CIA], (a) => [a.label], 'v1');
      assert.equal(await version(), v, 'the same curated actors again: no write');
      const a = await articleIn(s, 'a', '2022-06-14');
      const b = await articleIn(s, 'b', '2023-11-14');
      const [x, y] = await s.setArticleEntities(a, [
        assign('وليام بيرنز', [['وليام بيرنز', 0]], { roles: ['مدير وكالة الاستخبارات المركزية'] }),
        assign('الرباط', [['الرباط', 20]], { type: 'LOCATION' }),
        assign('سي آي إيه', [['سي آي إيه', 30]], { type: 'ORG', entityId: 'cia' }),
      ], '2022-06-14');
      v = await moved(v, 'an article’s entities stored');
      const [z] = await s.setArticleEntities(b, [assign('بورنز', [['بورنز', 0]], { roles: ['مدير المخابرات'] }), assign('بيرنز', [['بيرنز', 10]], { entityId: x!.id })], '2023-11-14');
      v = await moved(v, 'another');
      const check = async (when: string) => {
        const all = await s.listEntityFacts(['PERSON', 'ORG', 'LOCATION']);
        const byId = (fs: { id: string }[]) => [...fs].sort((p, q) => (p.id < q.id ? -1 : 1));
        for (const ids of [[x!.id], [x!.id, y!.id, 'cia', z!.id], [z!.id, 'no such entity', x!.id, x!.id], [], ['country-ma']]) {
          assert.deepEqual(byId(await s.entityFacts(ids)), byId(all.filter((f) => ids.includes(f.id))), `${when}: ${ids}`);
        }
      };
      await check('stored');
      await s.listEntities();
      await s.getEntity(x!.id);
      assert.equal(await version(), v, 'reads leave it');
      await s.mergeEntities(x!.id, z!.id, 'analyst');
      v = await moved(v, 'a merge');
      await check('after a merge');
      assert.deepEqual(await s.entityFacts([z!.id]), [], 'an id merged away is not among the facts');
      await s.splitEntity(x!.id, 'بيرنز', 'بيرنز', 'analyst');
      v = await moved(v, 'a split');
      await check('after a split');
      await s.setArticleEntities(b, [], null);
      await moved(v, 'an article’s entities cleared');
      await check('after an article lost its entities');
    });
  });
}
