/** An entity's roles as both backends give them: those seen in articles, then its curated standing offices. */
import type { EntityRole } from '../model/entity.js';

/**
 * Seen roles first (with their dates), then the curated standing offices not seen yet.
 * @example withCuratedRoles([{ role: 'وزير الخارجية', first_seen: '2024-01-02', last_seen: null, count: 3 }], ['وزير الخارجية', 'نائب الرئيس'])
 */
export function withCuratedRoles(seen: EntityRole[], curated: string[]): EntityRole[] {
  const have = new Set(seen.map((r) => r.role));
  return [...seen, ...curated.filter((r) => !have.has(r)).map((role) => ({ role, first_seen: null, last_seen: null, count: 0 }))];
}
