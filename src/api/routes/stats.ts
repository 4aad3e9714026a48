/** Aggregate counts for the workbench's charts and header. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { ENTITY_TYPES, type EntityType } from '../../model/entity.js';
import type { MarsadStore } from '../../store/store.js';
import { StatsSchema } from '../schemas.js';

const stats = createRoute({
  method: 'get',
  path: '/api/stats',
  tags: ['stats'],
  summary: 'How many articles, entities (by type) and quotes the store holds',
  responses: { 200: { description: 'The counts', content: { 'application/json': { schema: StatsSchema } } } },
});

/**
 * Counting methods a store may offer. The store interface has no count of entities or
 * quotes yet, so without them the counts are made by paging through the listings (linear in
 * the number of entities and quotes); a backend that adds these methods is used directly.
 */
interface OptionalCounts {
  countEntities?(type?: EntityType): Promise<number>;
  countQuotes?(): Promise<number>;
}

/** Page size used when counting by listing. */
const COUNT_PAGE = 1000;

async function countByPaging(list: (limit: number, offset: number) => Promise<unknown[]>): Promise<number> {
  let n = 0;
  for (;;) {
    const rows = await list(COUNT_PAGE, n);
    n += rows.length;
    if (rows.length < COUNT_PAGE) return n;
  }
}

/**
 * The store's counts.
 * @example await storeStats(store) // { articles: 3, entities: { total: 13, PERSON: 3, ORG: 4, LOCATION: 6 }, quotes: 1 }
 */
export async function storeStats(store: MarsadStore): Promise<{ articles: number; entities: Record<EntityType | 'total', number>; quotes: number }> {
  const counts = store as MarsadStore & OptionalCounts;
  const entities = { total: 0, PERSON: 0, ORG: 0, LOCATION: 0 };
  for (const type of ENTITY_TYPES) {
    entities[type] = counts.countEntities
      ? await counts.countEntities(type)
      : await countByPaging((limit, offset) => store.listEntities({ type, limit, offset }));
    entities.total += entities[type];
  }
  const quotes = counts.countQuotes ? await counts.countQuotes() : await countByPaging((limit, offset) => store.listQuotes({ limit, offset }));
  return { articles: await store.count(), entities, quotes };
}

/**
 * Registers `GET /api/stats`.
 * @example statsRoutes(app, store)
 */
export function statsRoutes(app: OpenAPIHono, store: MarsadStore): void {
  app.openapi(stats, async (c) => c.json(await storeStats(store), 200));
}
