/** Quotes: what was said, and by whom, newest article first. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { MarsadError } from '../../model/errors.js';
import type { MarsadStore } from '../../store/store.js';
import { page, pageSchema, PageQuery } from '../pagination.js';
import { problemContent, problemOf, ProblemError } from '../problems.js';
import { StoredQuoteSchema } from '../schemas.js';

const listQuotes = createRoute({
  method: 'get',
  path: '/api/quotes',
  tags: ['quotes'],
  summary: 'Quotes of stored articles, newest article first',
  request: {
    query: PageQuery.extend({
      speaker: z
        .string()
        .min(1)
        .max(200)
        .optional()
        .openapi({
          param: { name: 'speaker', in: 'query' },
          description: 'only quotes of this entity (an id merged away counts as the entity it was merged into)',
          example: 'william-burns',
        }),
    }),
  },
  responses: {
    200: { description: 'A page of quotes', content: { 'application/json': { schema: pageSchema(StoredQuoteSchema, 'QuotePage') } } },
    400: problemContent('A malformed cursor or limit'),
    404: problemContent('No entity has the speaker id (ENTITY_NOT_FOUND, param speaker)'),
  },
});

/**
 * Registers `GET /api/quotes`.
 * @example quoteRoutes(app, store) // GET /api/quotes?speaker=william-burns
 */
export function quoteRoutes(app: OpenAPIHono, store: MarsadStore): void {
  app.openapi(listQuotes, async (c) => {
    const { speaker, ...q } = c.req.valid('query');
    if (speaker !== undefined && !(await store.getEntity(speaker))) {
      throw new ProblemError(problemOf(new MarsadError('ENTITY_NOT_FOUND', 'no entity with this id', speaker), 'speaker'));
    }
    return c.json(await page((limit, offset) => store.listQuotes({ speaker, limit, offset }), q), 200);
  });
}
