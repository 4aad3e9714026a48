/** Stories: one happening across outlets, with its articles, entities, merged events and what each outlet leaves out. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { storyReport, storySummaries } from '../../app/stories.js';
import { MarsadError } from '../../model/errors.js';
import type { MarsadStore } from '../../store/store.js';
import { page, pageSchema, PageQuery } from '../pagination.js';
import { problemContent, problemOf, ProblemError } from '../problems.js';
import { IdParam, StoryReportSchema, StorySummarySchema } from '../schemas.js';

const listStories = createRoute({
  method: 'get',
  path: '/api/stories',
  tags: ['stories'],
  summary: 'Stories across outlets, the most recently published first: label, summary and counts (the whole report: /api/stories/{id})',
  description:
    'Each story as the list shows it: its label and summary, the number of its articles, outlets and merged events, and its first and last publication dates ' +
    '(the counts of the report /api/stories/{id} and `marsad stories --json` give, without reading its entities, mentions or quotes).',
  request: { query: PageQuery },
  responses: {
    200: { description: 'A page of stories', content: { 'application/json': { schema: pageSchema(StorySummarySchema, 'StoryPage') } } },
    400: problemContent('A malformed cursor or limit'),
  },
});

const getStory = createRoute({
  method: 'get',
  path: '/api/stories/{id}',
  tags: ['stories'],
  summary: 'One story: label, summary, articles by outlet, entities, merged events, what each outlet leaves out',
  request: { params: IdParam },
  responses: {
    200: { description: 'The story', content: { 'application/json': { schema: StoryReportSchema } } },
    404: problemContent('No story has this id (STORY_NOT_FOUND)'),
  },
});

/**
 * Registers `GET /api/stories` and `GET /api/stories/{id}`.
 * @example storyRoutes(app, store)
 */
export function storyRoutes(app: OpenAPIHono, store: MarsadStore): void {
  app.openapi(listStories, async (c) => {
    const q = c.req.valid('query');
    const stories = await page((limit, offset) => store.listStories({ limit, offset }), q);
    return c.json({ items: await storySummaries(store, stories.items), next_cursor: stories.next_cursor }, 200);
  });

  app.openapi(getStory, async (c) => {
    const { id } = c.req.valid('param');
    const story = await store.getStory(id);
    if (!story || story.articles.length === 0) throw new ProblemError(problemOf(new MarsadError('STORY_NOT_FOUND', 'no story with this id', id), 'id'));
    return c.json(await storyReport(store, story), 200);
  });
}
