/** An entity's stored row, and the canonical entity both backends build from it. */
import type { CanonicalEntity, EntityFacts, EntityRole, EntityType } from '../model/entity.js';
import { withCuratedRoles } from './curated-roles.js';

/** A row of the entities table (both backends). */
export interface EntityRow {
  id: string;
  type: EntityType;
  label: string;
  label_en: string | null;
  country: string | null;
  sectors: string;
  wikidata: string | null;
  curated: number;
  curated_roles: string;
  merged_into: string | null;
  created_at: string;
}

/** What the other tables say of an entity. */
export interface EntityParts {
  aliases: { text: string; count: number }[];
  /** seen in articles; the curated standing offices are added */
  roles: EntityRole[];
  articles: number;
  cooccurring: string[];
  blocked_keys: string[];
}

/**
 * The canonical entity of a row and what the other tables say of it.
 * @example canonicalEntity(row, { aliases: [], roles: [], articles: 3, cooccurring: [], blocked_keys: [] }).label
 */
export function canonicalEntity(row: EntityRow, parts: EntityParts): CanonicalEntity {
  return {
    id: row.id,
    type: row.type,
    label: row.label,
    label_en: row.label_en,
    aliases: parts.aliases,
    roles: withCuratedRoles(parts.roles, JSON.parse(row.curated_roles) as string[]),
    country: row.country,
    sectors: JSON.parse(row.sectors) as CanonicalEntity['sectors'],
    wikidata: row.wikidata,
    articles: parts.articles,
    cooccurring: parts.cooccurring,
    blocked_keys: parts.blocked_keys,
  };
}

/**
 * The facts of entity rows (`listEntityFacts`, `entityFacts`), in the rows' order, from their
 * aliases and roles as read in bulk (each in entity order, then count descending); rows of
 * other entities are skipped.
 * @example factsOf(rows, aliases, roles)[0] // { id, type, label, country, aliases: [{ text, count }], roles: [...] }
 */
export function factsOf(
  rows: readonly EntityRow[],
  aliases: Iterable<{ entity_id: string; text: string; count: number }>,
  roles: Iterable<EntityRole & { entity_id: string }>,
): EntityFacts[] {
  const facts = new Map<string, EntityFacts>();
  for (const r of rows) facts.set(r.id, { id: r.id, type: r.type, label: r.label, country: r.country, aliases: [], roles: [] });
  for (const a of aliases) facts.get(a.entity_id)?.aliases.push({ text: a.text, count: a.count });
  for (const { entity_id, ...role } of roles) facts.get(entity_id)?.roles.push(role);
  for (const r of rows) {
    const f = facts.get(r.id)!;
    f.roles = withCuratedRoles(f.roles, JSON.parse(r.curated_roles) as string[]);
  }
  return [...facts.values()];
}

/**
 * The store_meta key of the entity facts' version: a count that every write that can change
 * what `listEntityFacts` gives (an article's entities, a merge, a split, curated actors
 * loaded) moves in its own transaction (`EntityStore.entityFactsVersion`).
 */
export const ENTITY_FACTS_SEQ = 'entity_facts_seq';

/**
 * Rows of one query over several entities, grouped by entity in their order.
 * @example groupByEntity([{ entity_id: 'e1', key: 'k' }]).get('e1') // [{ key: 'k' }]
 */
export function groupByEntity<T extends { entity_id: string }>(rows: Iterable<T>): Map<string, Omit<T, 'entity_id'>[]> {
  const out = new Map<string, Omit<T, 'entity_id'>[]>();
  for (const { entity_id, ...rest } of rows) {
    let list = out.get(entity_id);
    if (!list) out.set(entity_id, (list = []));
    list.push(rest);
  }
  return out;
}

/**
 * How many entities one lookup key contributes to a linking lookup at most, the weightiest
 * first. A common name word ("محمد") is a key of a share of all people, a list that grows
 * with the corpus: read whole for every name that has the word, it made linking — and so
 * each ingested article — slower as the store grew (55× at 100× the entities). Entities
 * found by a rarer key (a full name, a family name) are not affected.
 */
export const KEY_POSTING_CAP = 500;

/**
 * SQL for the weight of an entity's lookup keys, from its curated flag and article count:
 * curated actors first, then by powers of two of the articles (so that a key's weight
 * changes, and its rows are rewritten, only when the count crosses one).
 * @example keyWeightSql('e.curated', 'c.articles') // 'COALESCE(e.curated, 0) * 64 + CASE WHEN … END'
 */
export function keyWeightSql(curated: string, articles: string): string {
  const n = `COALESCE(${articles}, 0)`;
  const ladder = Array.from({ length: 24 }, (_, i) => 24 - i)
    .map((k) => `WHEN ${n} >= ${2 ** k - 1} THEN ${k}`)
    .join(' ');
  return `COALESCE(${curated}, 0) * 64 + CASE ${ladder} ELSE 0 END`;
}
