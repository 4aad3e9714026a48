/** The dyad of two actors (as `marsad dyad --json`), for the workbench's dyad page. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { DYAD_QUOTES_LIMIT, dyadOf, MAX_DYAD_QUOTES_LIMIT, resolveEntityRef } from '../../app/dyad.js';
import { MarsadError } from '../../model/errors.js';
import { DYAD_LEVELS, DYAD_PERIODS, type DyadLevel, type DyadPeriod } from '../../resolve/dyad.js';
import type { MarsadStore } from '../../store/store.js';
import { problemContent, problemOf, ProblemError } from '../problems.js';
import { MergedEventSchema } from '../schemas.js';
import { EventFilterQuery } from './events.js';

const actorParam = (name: 'a' | 'b', example: string) =>
  z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name, in: 'query' }, description: 'an entity id, or a name resolved as the entity search resolves it', example });

const DyadQuery = z.object({
  a: actorParam('a', 'المغرب'),
  b: actorParam('b', 'country-us'),
  level: z.enum(DYAD_LEVELS as [string, ...string[]]).optional().openapi({ param: { name: 'level', in: 'query' }, description: "person, org or country (default: from the actors' types)" }),
  by: z.enum(DYAD_PERIODS as [string, ...string[]]).default('month').openapi({ param: { name: 'by', in: 'query' }, description: 'week, month or year' }),
  from: EventFilterQuery.shape.from,
  to: EventFilterQuery.shape.to,
  quotes_limit: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_DYAD_QUOTES_LIMIT)
    .default(DYAD_QUOTES_LIMIT)
    .openapi({
      param: { name: 'quotes_limit', in: 'query' },
      description: `Most entries of \`quotes\`, 0 to ${MAX_DYAD_QUOTES_LIMIT}: the newest ones (newest article first). \`quotes_total\` counts them all.`,
      example: DYAD_QUOTES_LIMIT,
    }),
});

const Ref = z.object({ id: z.string(), label: z.string() });
const Link = z.object({ side: z.enum(['a', 'b']), id: z.string(), label: z.string(), via: z.array(z.string()).openapi({ description: 'organisations and country passed through, actor first' }) });

export const DyadSchema = z
  .object({
    a: Ref,
    b: Ref,
    level: z.enum(DYAD_LEVELS as [string, ...string[]]),
    by: z.enum(DYAD_PERIODS as [string, ...string[]]),
    from: z.string().nullable(),
    to: z.string().nullable(),
    events: z.array(
      MergedEventSchema.extend({
        direction: z.enum(['a>b', 'b>a']),
        links: z.object({ source: Link, target: Link }),
        score: z.number().nullable().openapi({ description: 'PLOVER intensity score (data/events/plover-scores.json)' }),
        period: z.string(),
      }),
    ),
    series: z
      .array(
        z.object({
          period: z.string().openapi({ example: '2022-06' }),
          counts: z.record(z.string(), z.number().int()).openapi({ example: { CONSULT: 3 } }),
          quad: z.record(z.string(), z.number().int()).openapi({ description: 'events per quad class; empty in a gap' }),
          score: z.number().nullable().openapi({ description: 'sum of the events’ scores; null in a gap' }),
          articles: z.number().int().openapi({ description: 'articles of the corpus published in the period' }),
          gap: z.boolean().openapi({ description: 'no article at all in the period: nothing can be said of it' }),
        }),
      )
      .openapi({ description: 'one row per period, oldest first' }),
    undated: z.number().int().openapi({ description: 'dyad events with neither a date nor a dated article: listed, in no period' }),
    actors: z.array(
      z.object({ id: z.string(), label: z.string(), type: z.string(), side: z.enum(['a', 'b']), roles: z.array(z.string()), via: z.array(Ref), events: z.number().int() }),
    ),
    unrolled: z
      .array(z.object({ id: z.string(), label: z.string(), type: z.string(), roles: z.array(z.string()), events: z.number().int() }))
      .openapi({ description: 'actors beside A or B whose affiliation is unknown: they counted for no side' }),
    quotes: z.array(
      z.object({
        text: z.string(),
        start: z.number().int(),
        end: z.number().int(),
        cue: z.string().nullable(),
        speaker: z.object({ id: z.string().nullable(), label: z.string() }).nullable(),
        article_id: z.string(),
        title: z.string().nullable(),
        published: z.string().nullable(),
        source: z.string(),
        party: z.enum(['a', 'b', 'third-party', 'unattributed']),
      }),
    ).openapi({ description: 'the newest quotes of the articles reporting the events, at most `quotes_limit`' }),
    quotes_total: z.number().int().openapi({ description: 'how many quotes those articles hold in all (`quotes.length < quotes_total`: the list was cut)' }),
    scores: z.string().openapi({ description: 'where the quad classes and scores come from' }),
  })
  .openapi('Dyad');

const getDyad = createRoute({
  method: 'get',
  path: '/api/dyad',
  tags: ['events'],
  summary: 'The relationship of two actors: their merged events in either direction (persons rolled up to organisations and countries), a time series with gaps, who carried it, what was said',
  request: { query: DyadQuery },
  responses: {
    200: { description: 'The dyad', content: { 'application/json': { schema: DyadSchema } } },
    400: problemContent('A bad level, period, date or quotes_limit, or A and B the same entity (BAD_ARGUMENT, the parameter named in param)'),
    404: problemContent('No entity has that id or name (ENTITY_NOT_FOUND, param a or b)'),
  },
});

/**
 * Registers `GET /api/dyad`.
 * @example dyadRoutes(app, store) // GET /api/dyad?a=المغرب&b=country-us&by=year
 */
export function dyadRoutes(app: OpenAPIHono, store: MarsadStore): void {
  app.openapi(getDyad, async (c) => {
    const q = c.req.valid('query');
    // resolved one by one first, so that a problem names the parameter that failed
    for (const [param, ref] of [['a', q.a], ['b', q.b]] as const) {
      try {
        await resolveEntityRef(store, ref);
      } catch (err) {
        throw new ProblemError(problemOf(err, param));
      }
    }
    try {
      return c.json(await dyadOf(store, { a: q.a, b: q.b, level: q.level as DyadLevel | undefined, by: q.by as DyadPeriod, from: q.from, to: q.to, quotesLimit: q.quotes_limit }), 200);
    } catch (err) {
      if (err instanceof MarsadError) throw new ProblemError(problemOf(err, 'b'));
      throw err;
    }
  });
}
