/** Entities: the list, one entity with its quotes, and the analyst's merge and split corrections. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { MarsadError } from '../../model/errors.js';
import type { EntityType } from '../../model/entity.js';
import { mentionKey } from '../../resolve/entity-linking.js';
import type { MarsadStore } from '../../store/store.js';
import { BEARER_SCHEME } from '../auth.js';
import { DEFAULT_LIMIT, page, pageSchema, PageQuery } from '../pagination.js';
import { problemContent, problemOf, ProblemError } from '../problems.js';
import { CanonicalEntitySchema, EntityDetailSchema, EntityTypeSchema, IdParam } from '../schemas.js';

const Author = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .optional()
  .openapi({ description: 'who makes the correction (kept with it); defaults to the server’s configured author' });

const writeProblems = {
  400: problemContent('A malformed body (BAD_ARGUMENT, the field named in param)'),
  401: problemContent('No or a wrong bearer token (UNAUTHORIZED)'),
  403: problemContent('The server has no token configured, so writes are disabled (WRITES_DISABLED)'),
};

const listEntities = createRoute({
  method: 'get',
  path: '/api/entities',
  tags: ['entities'],
  summary: 'Entities mentioned in stored articles, most mentioned first (then by label)',
  request: {
    query: PageQuery.extend({
      type: EntityTypeSchema.optional().openapi({ param: { name: 'type', in: 'query' }, description: 'only entities of this type' }),
    }),
  },
  responses: {
    200: { description: 'A page of entities', content: { 'application/json': { schema: pageSchema(CanonicalEntitySchema, 'EntityPage') } } },
    400: problemContent('An unknown type, a malformed cursor or limit'),
  },
});

const getEntity = createRoute({
  method: 'get',
  path: '/api/entities/{id}',
  tags: ['entities'],
  summary: 'One entity: names and spellings, roles with dates, co-occurring actors, and its newest quotes',
  description: 'An id merged away answers with the entity it was merged into.',
  request: { params: IdParam },
  responses: {
    200: { description: 'The entity', content: { 'application/json': { schema: EntityDetailSchema } } },
    404: problemContent('No entity has this id (ENTITY_NOT_FOUND)'),
  },
});

const mergeEntity = createRoute({
  method: 'post',
  path: '/api/entities/{id}/merge',
  tags: ['entities'],
  summary: 'Analyst correction: entity `from` is entity `id` (folded into it, now and on every later ingest)',
  security: [{ [BEARER_SCHEME]: [] }],
  request: {
    params: IdParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ from: z.string().min(1).max(200).openapi({ example: 'e59cc5ac71c' }), by: Author }).openapi('MergeRequest'),
        },
      },
    },
  },
  responses: {
    200: { description: 'The merged entity', content: { 'application/json': { schema: CanonicalEntitySchema } } },
    ...writeProblems,
    404: problemContent('Either entity is unknown (ENTITY_NOT_FOUND, param id or from)'),
  },
});

const splitEntity = createRoute({
  method: 'post',
  path: '/api/entities/{id}/split',
  tags: ['entities'],
  summary: 'Analyst correction: the mentions written as `alias` are someone else (a new entity)',
  security: [{ [BEARER_SCHEME]: [] }],
  request: {
    params: IdParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ alias: z.string().trim().min(1).max(200).openapi({ example: 'بورنز' }), by: Author }).openapi('SplitRequest'),
        },
      },
    },
  },
  responses: {
    201: { description: 'The new entity', content: { 'application/json': { schema: CanonicalEntitySchema } } },
    ...writeProblems,
    404: problemContent('The entity is unknown (ENTITY_NOT_FOUND, param id) or not mentioned under this alias (ALIAS_NOT_FOUND, param alias)'),
  },
});

/**
 * Registers the entity routes; corrections made without `by` are signed `defaultAuthor`.
 * @example entityRoutes(app, store, { defaultAuthor: 'analyst' })
 */
export function entityRoutes(app: OpenAPIHono, store: MarsadStore, options: { defaultAuthor: string }): void {
  app.openapi(listEntities, async (c) => {
    const { type, ...q } = c.req.valid('query');
    return c.json(await page((limit, offset) => store.listEntities({ type: type as EntityType | undefined, limit, offset }), q), 200);
  });

  app.openapi(getEntity, async (c) => {
    const { id } = c.req.valid('param');
    const entity = await store.getEntity(id);
    if (!entity) throw new ProblemError(problemOf(new MarsadError('ENTITY_NOT_FOUND', 'no entity with this id', id), 'id'));
    const quotes = await page((limit, offset) => store.listQuotes({ speaker: entity.id, limit, offset }), { cursor: 0, limit: DEFAULT_LIMIT });
    return c.json({ entity, quotes: quotes.items, quotes_next_cursor: quotes.next_cursor }, 200);
  });

  app.openapi(mergeEntity, async (c) => {
    const { id } = c.req.valid('param');
    const { from, by } = c.req.valid('json');
    try {
      return c.json(await store.mergeEntities(id, from, by ?? options.defaultAuthor), 200);
    } catch (err) {
      // The store names the id it could not find; a refused pair is about `from`.
      const param = err instanceof MarsadError && err.code === 'ENTITY_NOT_FOUND' && err.input !== from ? 'id' : 'from';
      throw new ProblemError(problemOf(err, param));
    }
  });

  app.openapi(splitEntity, async (c) => {
    const { id } = c.req.valid('param');
    const { alias, by } = c.req.valid('json');
    try {
      const created = await store.splitEntity(id, alias, mentionKey(alias), by ?? options.defaultAuthor);
      c.header('Location', `/api/entities/${encodeURIComponent(created.id)}`);
      return c.json(created, 201);
    } catch (err) {
      throw new ProblemError(problemOf(err, err instanceof MarsadError && err.code === 'ALIAS_NOT_FOUND' ? 'alias' : 'id'));
    }
  });
}
