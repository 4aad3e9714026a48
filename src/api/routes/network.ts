/** The actor network: who acts on whom, for the workbench's graph. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { DEFAULT_NETWORK_LIMIT, storeNetwork } from '../../app/network.js';
import type { MarsadStore } from '../../store/store.js';
import { problemContent } from '../problems.js';
import { NetworkSchema } from '../schemas.js';
import { checkedFilters, EventFilterQuery } from './events.js';

/** Most nodes one request may ask for. */
export const MAX_NETWORK_LIMIT = 1000;

const getNetwork = createRoute({
  method: 'get',
  path: '/api/network',
  tags: ['events'],
  summary: 'Actors linked by events (source → target, by PLOVER type), the most connected first',
  description:
    'Nodes are the actors of events that have a recipient; `degree` counts the distinct actors each is linked to. ' +
    'At most `limit` nodes are kept, the most connected, with the edges between them. For the whole network as GraphML: /api/export?what=events&format=graphml.',
  request: {
    query: EventFilterQuery.extend({
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(MAX_NETWORK_LIMIT)
        .default(DEFAULT_NETWORK_LIMIT)
        .openapi({ param: { name: 'limit', in: 'query' }, description: `Most nodes, 1 to ${MAX_NETWORK_LIMIT}.`, example: DEFAULT_NETWORK_LIMIT }),
    }),
  },
  responses: {
    200: { description: 'The network', content: { 'application/json': { schema: NetworkSchema } } },
    400: problemContent('An unknown type, a malformed date or limit (BAD_ARGUMENT, the parameter named in param)'),
    404: problemContent('No entity has the actor id (ENTITY_NOT_FOUND, param actor)'),
  },
});

/**
 * Registers `GET /api/network`.
 * @example networkRoutes(app, store) // GET /api/network?type=CONSULT&limit=50
 */
export function networkRoutes(app: OpenAPIHono, store: MarsadStore): void {
  app.openapi(getNetwork, async (c) => {
    const { limit, ...q } = c.req.valid('query');
    return c.json(await storeNetwork(store, await checkedFilters(store, q), limit), 200);
  });
}
