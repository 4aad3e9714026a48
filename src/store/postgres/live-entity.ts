import type { PgDb } from './pg-db.js';

/**
 * A LATERAL join giving, as `<alias>.now`, the entity that now answers for the id in
 * `column` (following analysts' merges, chains included); null when the id is no entity.
 * Only the chain of that one id is walked: resolving every entity's merges for each read
 * grew with the number of entities.
 * @example `FROM quotes q ${liveJoin('q.speaker_id', 'l')} LEFT JOIN entities n ON n.id = l.now`
 */
export function liveJoin(column: string, alias: string): string {
  return `LEFT JOIN LATERAL (
    WITH RECURSIVE chain(id, merged_into, hops) AS (
      SELECT e.id, e.merged_into, 0 FROM entities e WHERE e.id = ${column}
      UNION ALL SELECT e.id, e.merged_into, chain.hops + 1 FROM entities e JOIN chain ON e.id = chain.merged_into WHERE chain.hops < 64)
    SELECT chain.id AS now FROM chain WHERE chain.merged_into IS NULL) ${alias} ON true`;
}

/**
 * Every id that answers as the same entity as `id` now: the entity it was merged into (or
 * itself) and every id merged into that one, directly or through a chain. Empty when `id`
 * is no entity.
 * @example await mergedIds(db, 'e123') // ['e123', 'e456']
 */
export async function mergedIds(db: PgDb, id: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `WITH RECURSIVE up(id, merged_into, hops) AS (
       SELECT id, merged_into, 0 FROM entities WHERE id = $1
       UNION ALL SELECT e.id, e.merged_into, up.hops + 1 FROM entities e JOIN up ON e.id = up.merged_into WHERE up.hops < 64),
     down(id) AS (
       SELECT id FROM up WHERE merged_into IS NULL
       UNION SELECT e.id FROM entities e JOIN down ON e.merged_into = down.id)
     SELECT id FROM down`,
    [id],
  );
  return rows.map((r) => r.id);
}
