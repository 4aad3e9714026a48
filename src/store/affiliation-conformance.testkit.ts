/**
 * The affiliation part of the store conformance suite: every backend runs these tests.
 */
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Affiliation } from '../model/affiliation.js';
import type { MarsadStore } from './store.js';
import { storeTest } from './conformance.testkit.js';

export function runAffiliationStoreConformance(backend: string, open: () => Promise<MarsadStore>): void {
  describe(`affiliation store conformance: ${backend}`, () => {
    const withStore = storeTest(open);
    const derived = (member: string, of: string, origin: 'curated' | 'role', more: Partial<Affiliation> = {}): Affiliation => ({
      member, of, from: null, to: null, origin, basis: null, by: null, at: null, ...more,
    });

    withStore('derived affiliations are stored as given and replaced wholesale', async (s) => {
      const burns = derived('william-burns', 'cia', 'curated', { from: '2021-03-19', to: '2025-01-20', basis: 'data/knowledge/actors.json' });
      const role = derived('e1', 'cia', 'role', { from: '2022-06-20', to: '2023-01-02', basis: 'مدير وكالة الاستخبارات المركزية' });
      await s.setDerivedAffiliations([burns, role, derived('cia', 'country-us', 'curated')]);
      assert.deepEqual(await s.listAffiliations({ member: 'william-burns' }), [burns]);
      assert.deepEqual((await s.listAffiliations({ of: 'cia' })).map((a) => a.member).sort(), ['e1', 'william-burns']);
      assert.equal((await s.listAffiliations()).length, 3);
      await s.setDerivedAffiliations([role]);
      assert.deepEqual(await s.listAffiliations(), [role], 'deriving again leaves no stale record');
    });

    withStore("an analyst's record wins over derived ones of the same pair, and survives deriving again", async (s) => {
      await s.setDerivedAffiliations([derived('e1', 'cia', 'role', { from: '2022-06-20', to: '2022-06-20' }), derived('e1', 'fbi', 'role')]);
      const mine = await s.affiliate({ member: 'e1', of: 'cia', from: '2021-03-19', to: null, basis: 'official biography' }, 'analyst1');
      assert.equal(mine.origin, 'analyst');
      assert.equal(mine.by, 'analyst1');
      const cia = await s.listAffiliations({ member: 'e1', of: 'cia' });
      assert.equal(cia.length, 1);
      assert.deepEqual({ ...cia[0], at: null }, { member: 'e1', of: 'cia', from: '2021-03-19', to: null, origin: 'analyst', basis: 'official biography', by: 'analyst1', at: null });
      await s.setDerivedAffiliations([derived('e1', 'cia', 'role'), derived('e1', 'fbi', 'role')]);
      assert.deepEqual((await s.listAffiliations({ member: 'e1' })).map((a) => `${a.of}:${a.origin}`), ['cia:analyst', 'fbi:role']);
    });

    withStore('affiliations of several members or organisations are those of the whole list, in its order; the basis of the derived ones is kept with them', async (s) => {
      await s.setDerivedAffiliations([
        derived('e1', 'fbi', 'role', { from: '2022-06-20' }), derived('e1', 'cia', 'role'), derived('e1', 'fbi', 'role', { from: '2021-01-01' }),
        derived('e2', 'cia', 'role'), derived('cia', 'country-us', 'curated'), derived('dgsn', 'country-ma', 'curated'), derived('e3', 'dgsn', 'role'),
      ], 'v1');
      await s.unaffiliate('e2', 'cia', 'analyst1');
      await s.affiliate({ member: 'e3', of: 'cia', from: null, to: null, basis: null }, 'analyst1');
      const all = await s.listAffiliations();
      const some = [['e1', 'cia'], ['e3'], ['no such member'], ['e2', 'dgsn', 'cia', 'e1'], []];
      for (const ids of some) {
        assert.deepEqual(await s.listAffiliations({ members: ids }), all.filter((a) => ids.includes(a.member)), `members ${ids}`);
        assert.deepEqual(await s.listAffiliations({ ofAny: ids }), all.filter((a) => ids.includes(a.of)), `of any of ${ids}`);
      }
      assert.deepEqual(await s.listAffiliations({ members: ['e1', 'e3'], ofAny: ['cia'] }), all.filter((a) => ['e1', 'e3'].includes(a.member) && a.of === 'cia'), 'both');
      assert.equal(await s.derivedAffiliationsBasis(), 'v1');
      await s.affiliate({ member: 'e1', of: 'dgsn', from: null, to: null, basis: null }, 'analyst1');
      assert.equal(await s.derivedAffiliationsBasis(), 'v1', 'an analyst’s record leaves it');
      await s.setDerivedAffiliations([derived('e1', 'cia', 'role')], 'v2');
      assert.equal(await s.derivedAffiliationsBasis(), 'v2');
      await s.setDerivedAffiliations([derived('e1', 'cia', 'role')]);
      assert.equal(await s.derivedAffiliationsBasis(), null, 'none given, none kept');
    });

    withStore('an analyst removal sets the derived records of the pair aside, now and after deriving again', async (s) => {
      await s.setDerivedAffiliations([derived('e1', 'fbi', 'role'), derived('e1', 'cia', 'role')]);
      const removal = await s.unaffiliate('e1', 'fbi', 'analyst1');
      assert.equal(removal.by, 'analyst1');
      assert.deepEqual((await s.listAffiliations({ member: 'e1' })).map((a) => a.of), ['cia']);
      await s.setDerivedAffiliations([derived('e1', 'fbi', 'role'), derived('e1', 'cia', 'role')]);
      assert.deepEqual((await s.listAffiliations({ member: 'e1' })).map((a) => a.of), ['cia']);
      assert.deepEqual((await s.affiliationRemovals()).map((r) => `${r.member}>${r.of}`), ['e1>fbi']);
      // affiliating again undoes the removal
      await s.affiliate({ member: 'e1', of: 'fbi', from: null, to: null, basis: null }, 'analyst2');
      assert.deepEqual((await s.listAffiliations({ member: 'e1' })).map((a) => `${a.of}:${a.origin}`), ['cia:role', 'fbi:analyst']);
      assert.deepEqual(await s.affiliationRemovals(), []);
    });
  });
}
