/**
 * The shapes of what the API answers, in zod: the same schemas type the route handlers and
 * generate `/openapi.json`. They mirror the records of `src/model/` and the CLI's `--json`
 * output, so a client sees one contract on both interfaces.
 */
import { z } from '@hono/zod-openapi';
import { ENTITY_TYPES } from '../model/entity.js';

const Span = { start: z.number().int(), end: z.number().int() };

export const EntityTypeSchema = z.enum(ENTITY_TYPES as [string, ...string[]]).openapi('EntityType', { example: 'PERSON' });

export const ArticleSchema = z
  .object({
    title: z.string().nullable(),
    published: z.string().nullable().openapi({ description: 'YYYY-MM-DD, or ISO 8601 date-time when the time is known' }),
    author: z.string().nullable(),
    site: z.string().nullable(),
    section: z.string().nullable(),
    tags: z.array(z.string()),
    url: z.string().nullable(),
    lang: z.string(),
    text: z.string().openapi({ description: 'paragraphs separated by one blank line; every offset points into it' }),
  })
  .openapi('Article');

export const ArticleSummarySchema = z
  .object({
    id: z.string(),
    source: z.string(),
    title: z.string().nullable(),
    published: z.string().nullable(),
    site: z.string().nullable(),
    lang: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ArticleSummary');

export const ArticleEntitySchema = z
  .object({
    id: z.string(),
    type: EntityTypeSchema,
    label: z.string(),
    label_en: z.string().nullable(),
    roles: z.array(z.string()),
    mentions: z.array(z.object({ text: z.string(), ...Span })),
  })
  .openapi('ArticleEntity');

export const SpeakerSchema = z.object({ id: z.string().nullable(), label: z.string() }).nullable();

export const ArticleQuoteSchema = z
  .object({ text: z.string(), ...Span, cue: z.string().nullable(), speaker: SpeakerSchema })
  .openapi('ArticleQuote');

export const StoredQuoteSchema = z
  .object({
    text: z.string(),
    ...Span,
    cue: z.string().nullable(),
    speaker: SpeakerSchema,
    article_id: z.string(),
    title: z.string().nullable(),
    published: z.string().nullable(),
    source: z.string(),
  })
  .openapi('Quote');

export const TimexSchema = z
  .object({
    text: z.string(),
    ...Span,
    value: z.string().nullable().openapi({ description: 'ISO 8601 value resolved against the publication date (YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www, A/B, P3D…); null when the text leaves it open' }),
    granularity: z.enum(['day', 'week', 'month', 'year', 'range', 'time', 'duration', 'unknown']),
  })
  .openapi('Timex');

export const ArticleDetailSchema = z
  .object({
    id: z.string(),
    source: z.string(),
    article: ArticleSchema,
    entities: z.array(ArticleEntitySchema),
    quotes: z.array(ArticleQuoteSchema),
    timexes: z.array(TimexSchema).openapi({ description: 'dates written in the text, with their spans and values' }),
    events: z.array(z.object({ id: z.string(), type: z.string() }).passthrough()).openapi({ description: 'the events the article reports, as /api/events gives them before merging' }),
    story: z.object({ id: z.string(), label: z.string().nullable() }).nullable().openapi({ description: 'the story the article is in' }),
    duplicate_of: z.object({ id: z.string(), similarity: z.number(), exact: z.boolean() }).nullable().openapi({ description: 'the earlier article this one nearly repeats' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ArticleDetail');

export const SearchHitSchema = z
  .object({
    id: z.string(),
    source: z.string(),
    title: z.string().nullable(),
    published: z.string().nullable(),
    site: z.string().nullable(),
    score: z.number().openapi({ description: 'BM25 relevance: higher is better' }),
    snippet: z.string().openapi({ description: 'HTML-escaped passage with <mark> around matched words' }),
  })
  .openapi('SearchHit');

export const CanonicalEntitySchema = z
  .object({
    id: z.string(),
    type: EntityTypeSchema,
    label: z.string(),
    label_en: z.string().nullable(),
    aliases: z.array(z.object({ text: z.string(), count: z.number().int() })),
    roles: z.array(
      z.object({ role: z.string(), first_seen: z.string().nullable(), last_seen: z.string().nullable(), count: z.number().int() }),
    ),
    country: z.string().nullable(),
    sectors: z.array(z.string()),
    wikidata: z.string().nullable(),
    articles: z.number().int(),
    cooccurring: z.array(z.string()),
    blocked_keys: z.array(z.string()),
  })
  .openapi('Entity');

export const EntityDetailSchema = z
  .object({
    entity: CanonicalEntitySchema,
    quotes: z.array(StoredQuoteSchema).openapi({ description: 'the newest quotes of this entity' }),
    quotes_next_cursor: z
      .string()
      .nullable()
      .openapi({ description: 'more quotes: GET /api/quotes?speaker=ID&cursor=THIS; null when all are listed' }),
  })
  .openapi('EntityDetail');

export const StatsSchema = z
  .object({
    articles: z.number().int(),
    entities: z.object({ total: z.number().int(), PERSON: z.number().int(), ORG: z.number().int(), LOCATION: z.number().int() }),
    quotes: z.number().int(),
  })
  .openapi('Stats');

/** Path parameter `id` of a stored record. */
export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'william-burns' }),
});

// ------------------------------------------------------------------ events, stories, charts

const EventRefSchema = z.object({ id: z.string(), label: z.string() });

export const MergedEventSchema = z
  .object({
    id: z.string().openapi({ description: 'the id of the representative report: `${article}:${n}`' }),
    type: z.string().openapi({ description: 'PLOVER event type', example: 'CONSULT' }),
    mode: z.string().nullable().openapi({ description: 'PLOVER mode or a Marsad extension mode; null when none' }),
    status: z.enum(['historical', 'future', 'hypothetical', 'negation']).nullable(),
    source: EventRefSchema.openapi({ description: 'the actor: an entity id, or a generic actor `generic:SECTOR[:CC]`' }),
    target: EventRefSchema.nullable(),
    location: EventRefSchema.nullable(),
    date: z.object({ start: z.string().nullable(), end: z.string().nullable(), text: z.string().nullable() }),
    contexts: z.array(z.string()),
    evidence: z.object({ text: z.string(), ...Span }).openapi({ description: 'the sentence stating the event; offsets into the article text' }),
    article: z.string().openapi({ description: 'the article of the representative report' }),
    title: z.string().nullable(),
    published: z.string().nullable(),
    sources: z
      .array(z.object({ article: z.string(), source: z.string(), site: z.string().nullable() }))
      .openapi({ description: 'the articles reporting this happening: every one, except on /api/events, which lists at most `sources_limit` (`num_articles` counts them all)' }),
    num_sources: z.number().int().openapi({ description: 'distinct outlets' }),
    num_articles: z.number().int().openapi({ description: 'articles reporting it, listed or not' }),
  })
  .openapi('MergedEvent');

export const StoryReportSchema = z
  .object({
    id: z.string(),
    label: z.string().nullable().openapi({ description: 'the title of the story’s most central article' }),
    summary: z.string(),
    articles: z.array(z.object({ id: z.string(), source: z.string(), site: z.string().nullable(), published: z.string().nullable() })),
    entities: z.array(z.object({ id: z.string(), type: z.string(), label: z.string(), articles: z.number().int() })),
    events: z.array(MergedEventSchema),
    outlets: z
      .array(
        z.object({
          outlet: z.string(),
          articles: z.array(z.string()),
          entities: z.array(z.string()),
          missing_entities: z.array(z.string()).openapi({ description: 'entity ids other outlets of the story name and this one does not' }),
          events: z.array(z.string()),
          missing_events: z.array(z.string()).openapi({ description: 'merged-event ids other outlets report and this one does not' }),
          quotes: z.number().int(),
        }),
      )
      .openapi({ description: 'what each outlet carries of the story, and what it leaves out' }),
  })
  .openapi('StoryReport');

export const StorySummarySchema = z
  .object({
    id: z.string(),
    label: z.string().nullable().openapi({ description: 'the title of the story’s most central article' }),
    summary: z.string(),
    num_articles: z.number().int().openapi({ description: 'its articles (`articles` of the story’s report)' }),
    num_outlets: z.number().int().openapi({ description: 'the outlets carrying it (`outlets` of the report)' }),
    num_events: z.number().int().openapi({ description: 'its merged events (`events` of the report)' }),
    first_published: z.string().nullable().openapi({ description: 'the earliest publication date of its articles; null when none is dated' }),
    last_published: z.string().nullable().openapi({ description: 'the latest publication date of its articles; null when none is dated' }),
  })
  .openapi('StorySummary');

export const TimelineSchema = z
  .object({
    buckets: z
      .array(
        z.object({
          day: z.string().openapi({ example: '2024-03-11' }),
          count: z.number().int(),
          by_type: z.record(z.string(), z.number().int()).openapi({ example: { CONSULT: 3, AGREE: 1 } }),
        }),
      )
      .openapi({ description: 'days with at least one event, oldest first' }),
    undated: z.number().int().openapi({ description: 'events with neither a date nor a dated article (in no bucket)' }),
  })
  .openapi('Timeline');

export const NetworkSchema = z
  .object({
    nodes: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        type: z.string().openapi({ description: 'PERSON, ORG, LOCATION, GENERIC (a generic actor) or UNKNOWN' }),
        degree: z.number().int().openapi({ description: 'distinct actors linked to this one over all matching events (before the node limit)' }),
      }),
    ),
    edges: z.array(
      z.object({
        source: z.string(),
        target: z.string(),
        type: z.string().openapi({ description: 'PLOVER event type' }),
        count: z.number().int().openapi({ description: 'merged events of this type from source to target' }),
      }),
    ),
  })
  .openapi('Network');
