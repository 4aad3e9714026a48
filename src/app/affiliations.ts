/**
 * The derived affiliations of a store kept current (issue #7: the dyad derived them again from
 * every stored person and organisation on each request, a read that grew with the corpus).
 *
 * They are derived from the curated actors and the entities' facts (`deriveAffiliations`),
 * and stored with what they were derived from: the entity facts' version (moved by every
 * write that can change the facts, in its own transaction), the rules' version and the
 * curated actors' digest. A read derives them again only when one of these moved since — an
 * ingest, a reprocess, an analyst's merge or split, new curated actors, new rules — and an
 * ingest and a reprocess do it when they finish, so the first dyad after them waits on nothing.
 */
import { createHash } from 'node:crypto';
import type { Affiliation } from '../model/affiliation.js';
import { AFFILIATION_RULES, deriveAffiliations } from '../resolve/affiliations.js';
import { loadKnownActors } from '../resolve/knowledge.js';
import type { MarsadStore } from '../store/store.js';
import { sharedPass } from './shared-pass.js';

let actorsDigest: string | null = null;
/** The curated actors' digest: a changed data/knowledge/actors.json derives again. */
function curatedDigest(): string {
  actorsDigest ??= createHash('sha256').update(JSON.stringify(loadKnownActors())).digest('hex').slice(0, 16);
  return actorsDigest;
}

/**
 * Derives the affiliations again and stores them in place of the earlier derived ones when
 * the entities, the rules or the curated actors changed since they were derived (analysts'
 * records stay and win); returns whether it did. Concurrent calls on one store share one pass.
 * @example await keepAffiliationsCurrent(store) // false: nothing changed since the last ingest
 */
export const keepAffiliationsCurrent: (store: MarsadStore) => Promise<boolean> = sharedPass(derivePass);

async function derivePass(store: MarsadStore): Promise<boolean> {
  // read before the facts: a write committed in between leaves the stored basis behind, so the next read derives again
  const basis = `${await store.entityFactsVersion()}:${AFFILIATION_RULES}:${curatedDigest()}`;
  if ((await store.derivedAffiliationsBasis()) === basis) return false;
  const entities = await store.listEntityFacts(['PERSON', 'ORG']);
  await store.setDerivedAffiliations(deriveAffiliations({ actors: loadKnownActors(), entities }), basis);
  return true;
}

/**
 * The affiliations in force, derived again first where the corpus changed (`keepAffiliationsCurrent`).
 * @example const affs = await refreshAffiliations(store)
 */
export async function refreshAffiliations(store: MarsadStore): Promise<Affiliation[]> {
  await keepAffiliationsCurrent(store);
  return store.listAffiliations();
}

/**
 * The affiliations in force of some members and of what they belong to, up to `depth` steps
 * up (what `rollUp` reads for them), read as they are asked for; each member's list is read
 * once, whole, in the store's order, so `byMember` over `list()` gives for them what it gives
 * over every affiliation.
 * @example const up = affiliationsUp(store, 2); await up.add(['william-burns']); byMember(up.list()).get('cia')
 */
export function affiliationsUp(store: MarsadStore, depth: number): { add(ids: Iterable<string>): Promise<void>; list(): Affiliation[] } {
  const rowsOf = new Map<string, Affiliation[]>();
  // how many steps up from each id are read (an id first met near the top of a chain is read again from lower down)
  const reach = new Map<string, number>();
  return {
    async add(ids) {
      let frontier = [...new Set(ids)].filter((id) => (reach.get(id) ?? 0) < depth);
      for (let left = depth; left > 0 && frontier.length; left--) {
        for (const id of frontier) reach.set(id, left);
        const unread = frontier.filter((id) => !rowsOf.has(id));
        if (unread.length) {
          for (const id of unread) rowsOf.set(id, []);
          for (const r of await store.listAffiliations({ members: unread })) rowsOf.get(r.member)?.push(r);
        }
        frontier = [...new Set(frontier.flatMap((id) => rowsOf.get(id)!.map((r) => r.of)))].filter((id) => (reach.get(id) ?? 0) < left - 1);
      }
    },
    list: () => [...rowsOf.values()].flat(),
  };
}
