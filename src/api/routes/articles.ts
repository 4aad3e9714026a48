/** Articles: the list, newest first, and one article with what analysis found in it. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { findTimexes } from '../../analyse/timexes.js';
import { MarsadError } from '../../model/errors.js';
import type { MarsadStore } from '../../store/store.js';
import { page, pageSchema, PageQuery } from '../pagination.js';
import { ProblemError, problemContent, problemOf } from '../problems.js';
import { ArticleDetailSchema, ArticleSummarySchema, IdParam } from '../schemas.js';

const listArticles = createRoute({
  method: 'get',
  path: '/api/articles',
  tags: ['articles'],
  summary: 'Stored articles, newest first (by publication date, else when stored; then id)',
  request: { query: PageQuery },
  responses: {
    200: { description: 'A page of articles', content: { 'application/json': { schema: pageSchema(ArticleSummarySchema, 'ArticlePage') } } },
    400: problemContent('A malformed cursor or limit'),
  },
});

const getArticle = createRoute({
  method: 'get',
  path: '/api/articles/{id}',
  tags: ['articles'],
  summary: 'One article: clean text and metadata, with its entities, quotes and dates',
  request: { params: IdParam },
  responses: {
    200: { description: 'The article', content: { 'application/json': { schema: ArticleDetailSchema } } },
    404: problemContent('No stored article has this id (ARTICLE_NOT_FOUND)'),
  },
});

/**
 * Registers `GET /api/articles` and `GET /api/articles/{id}`.
 * @example articleRoutes(app, store)
 */
export function articleRoutes(app: OpenAPIHono, store: MarsadStore): void {
  app.openapi(listArticles, async (c) => {
    const q = c.req.valid('query');
    return c.json(await page((limit, offset) => store.list({ limit, offset }), q), 200);
  });

  app.openapi(getArticle, async (c) => {
    const { id } = c.req.valid('param');
    const stored = await store.get(id);
    if (!stored) throw new ProblemError(problemOf(new MarsadError('ARTICLE_NOT_FOUND', 'no stored article with this id', id), 'id'));
    const [entities, quotes, events, [ref], dup] = await Promise.all([
      store.articleEntities(id),
      store.articleQuotes(id),
      store.articleEvents(id),
      store.articleRefs([id]),
      store.duplicateOf(id),
    ]);
    const timexes = findTimexes(stored.article.text, stored.article.published);
    const story = ref?.story ? await store.getStory(ref.story) : null;
    return c.json(
      {
        id: stored.id,
        source: stored.source,
        article: stored.article,
        entities,
        quotes,
        timexes,
        events,
        story: story ? { id: story.id, label: story.label } : null,
        duplicate_of: dup ? { id: dup.id, similarity: dup.similarity, exact: dup.exact } : null,
        createdAt: stored.createdAt,
        updatedAt: stored.updatedAt,
      },
      200,
    );
  });
}
