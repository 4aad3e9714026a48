/** Events: who did what to whom, when, where — each happening once, with the articles that report it. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { listMergedEvents } from '../../app/stories.js';
import { MarsadError } from '../../model/errors.js';
import { EVENT_TYPES } from '../../model/event.js';
import type { MarsadStore } from '../../store/store.js';
import { page, pageSchema, PageQuery } from '../pagination.js';
import { problemContent, problemOf, ProblemError } from '../problems.js';
import { MergedEventSchema } from '../schemas.js';
import { dayBound, isDay } from '../../model/day-bounds.js';

const dayParam = (name: 'from' | 'to', side: 'start' | 'end', description: string) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s === '') return undefined;
      const day = dayBound(s, side);
      if (!isDay(day)) {
        ctx.addIssue({ code: 'custom', message: `'${s}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)` });
        return z.NEVER;
      }
      return day;
    })
    .openapi({ param: { name, in: 'query' }, type: 'string', description, example: side === 'start' ? '2024-03' : '2024-03-31' });

/** The event filters shared by /api/events, /api/timeline, /api/network and /api/export. */
export const EventFilterQuery = z.object({
  actor: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({
      param: { name: 'actor', in: 'query' },
      description: 'only events whose actor or recipient is this entity (an id merged away counts as the entity it was merged into), or a generic actor such as `generic:COP:MA`',
      example: 'william-burns',
    }),
  type: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s === '') return undefined;
      const t = s.toUpperCase();
      if (!EVENT_TYPES.includes(t)) {
        ctx.addIssue({ code: 'custom', message: `'${s}' is not a PLOVER event type (${EVENT_TYPES.join(', ')})` });
        return z.NEVER;
      }
      return t;
    })
    .openapi({ param: { name: 'type', in: 'query' }, type: 'string', enum: [...EVENT_TYPES], description: 'only events of this PLOVER type (any case)' }),
  from: dayParam('from', 'start', 'only merged events whose reports run to this day or later (YYYY, YYYY-MM or YYYY-MM-DD); an undated report counts by its article’s publication day'),
  to: dayParam('to', 'end', 'only merged events whose reports start on or before this day (YYYY, YYYY-MM or YYYY-MM-DD)'),
});

export type EventFilters = { actor?: string; type?: string; from?: string; to?: string };

/**
 * The filters as the store takes them, after checking that the actor exists (a generic
 * actor is no stored entity and matches as written).
 * @example await checkedFilters(store, c.req.valid('query')) // throws a 404 problem naming `actor` for an unknown id
 */
export async function checkedFilters(store: MarsadStore, q: EventFilters): Promise<EventFilters> {
  if (q.actor !== undefined && !q.actor.startsWith('generic:') && !(await store.getEntity(q.actor))) {
    throw new ProblemError(problemOf(new MarsadError('ENTITY_NOT_FOUND', 'no entity with this id', q.actor), 'actor'));
  }
  return { actor: q.actor, type: q.type, from: q.from, to: q.to };
}

/** Sources listed per merged event of a page when the request names no `sources_limit`. */
export const DEFAULT_SOURCES_LIMIT = 20;
/** Most sources a request may ask for per merged event (every source: `marsad events --json` or /api/export). */
export const MAX_SOURCES_LIMIT = 10_000;

/**
 * `sources_limit`: a merged event of a frequent happening is reported by thousands of
 * articles at 100k, and a page of twenty carried megabytes of sources no page shows whole.
 */
export const SourcesLimitQuery = z.object({
  sources_limit: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_SOURCES_LIMIT)
    .default(DEFAULT_SOURCES_LIMIT)
    .openapi({
      param: { name: 'sources_limit', in: 'query' },
      description:
        `Most entries of \`sources\` per merged event, 0 to ${MAX_SOURCES_LIMIT}: the first ones of the whole list. ` +
        '`num_sources` and `num_articles` stay the true counts (`sources.length < num_articles` says the list was cut); ' +
        '`marsad events --json` and /api/export always give every source.',
      example: DEFAULT_SOURCES_LIMIT,
    }),
});

const listEvents = createRoute({
  method: 'get',
  path: '/api/events',
  tags: ['events'],
  summary: 'Events, each happening once with the articles reporting it, newest first (as `marsad events --json`)',
  request: { query: PageQuery.extend(EventFilterQuery.shape).extend(SourcesLimitQuery.shape) },
  responses: {
    200: { description: 'A page of merged events, each with at most `sources_limit` of its sources listed', content: { 'application/json': { schema: pageSchema(MergedEventSchema, 'EventPage') } } },
    400: problemContent('An unknown type, a malformed date, cursor, limit or sources_limit (BAD_ARGUMENT, the parameter named in param)'),
    404: problemContent('No entity has the actor id (ENTITY_NOT_FOUND, param actor)'),
  },
});

/**
 * Registers `GET /api/events`.
 * @example eventRoutes(app, store) // GET /api/events?actor=william-burns&type=CONSULT&from=2024
 */
export function eventRoutes(app: OpenAPIHono, store: MarsadStore): void {
  app.openapi(listEvents, async (c) => {
    const { cursor, limit, sources_limit, ...q } = c.req.valid('query');
    const filters = await checkedFilters(store, q);
    // the store cuts the sources: a page of frequent happenings no longer reads megabytes of them
    return c.json(await page((limit, offset) => listMergedEvents(store, { ...filters, limit, offset, sourcesLimit: sources_limit }), { cursor, limit }), 200);
  });
}
