/** Full-text search in the query language of `marsad search`. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { MarsadError } from '../../model/errors.js';
import { parseQuery, type SearchQuery } from '../../store/search-query.js';
import type { MarsadStore } from '../../store/store.js';
import { page, pageSchema, PageQuery } from '../pagination.js';
import { problemContent, problemOf, ProblemError } from '../problems.js';
import { SearchHitSchema } from '../schemas.js';

/** Longest query accepted: a query is typed by a person, not pasted from an article. */
export const MAX_QUERY_LENGTH = 1000;

const SearchQueryParams = PageQuery.extend({
  q: z
    .string()
    .min(1)
    .max(MAX_QUERY_LENGTH)
    .openapi({
      param: { name: 'q', in: 'query' },
      description: 'words, "exact phrases", OR, NOT or -word, prefix*, site:, from:, to:',
      example: 'حموشي "مكتب التحقيقات" -واشنطن site:hespress.com from:2022',
    }),
});

const search = createRoute({
  method: 'get',
  path: '/api/search',
  tags: ['search'],
  summary: 'Ranked full-text search (BM25, title weighted) with highlighted snippets',
  request: { query: SearchQueryParams },
  responses: {
    200: { description: 'A page of results, best first', content: { 'application/json': { schema: pageSchema(SearchHitSchema, 'SearchPage') } } },
    400: problemContent('A malformed query (BAD_QUERY, param q), cursor or limit'),
  },
});

/**
 * Registers `GET /api/search?q=…`.
 * @example searchRoutes(app, store) // GET /api/search?q=حموشي&limit=10
 */
export function searchRoutes(app: OpenAPIHono, store: MarsadStore): void {
  app.openapi(search, async (c) => {
    const { q, ...pageQuery } = c.req.valid('query');
    let query: SearchQuery;
    try {
      query = parseQuery(q);
    } catch (err) {
      if (err instanceof MarsadError) throw new ProblemError(problemOf(err, 'q'));
      throw err;
    }
    return c.json(await page((limit, offset) => store.search(query, { limit, offset }), pageQuery), 200);
  });
}
