/** Exports of the store for download: JSON Lines, CSV (UTF-8 with BOM), PLOVER, GraphML — the writers `marsad export` uses. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { canExport, EXPORT_FORMATS, EXPORT_WHATS, exportStore, FORMAT_MEDIA_TYPES, FORMAT_WHATS } from '../../app/export.js';
import type { MarsadStore } from '../../store/store.js';
import { badRequest, problemContent, ProblemError } from '../problems.js';
import { checkedFilters, EventFilterQuery } from './events.js';

const text = (description: string) => ({ schema: z.string().openapi({ description }) });

const getExport = createRoute({
  method: 'get',
  path: '/api/export',
  tags: ['export'],
  summary: 'Download what the store holds: articles, entities, events or quotes as JSON Lines or CSV; events as PLOVER or the actor network as GraphML',
  description:
    'CSV is RFC 4180 with a header row, UTF-8 with a byte-order mark (spreadsheets then show Arabic), lists inside a field joined with `;`. ' +
    '`plover` (PLOVER JSON Lines, one record per report) and `graphml` (the whole actor network) are for `what=events` only. ' +
    'The event filters (actor, type, from, to) apply to events; the other exports hold everything.',
  request: {
    query: EventFilterQuery.extend({
      what: z.enum(EXPORT_WHATS).openapi({ param: { name: 'what', in: 'query' }, example: 'events' }),
      format: z.enum(EXPORT_FORMATS).openapi({ param: { name: 'format', in: 'query' }, example: 'csv' }),
    }),
  },
  responses: {
    200: {
      description: 'The export, as an attachment (Content-Disposition names a file)',
      content: {
        'application/x-ndjson': text('JSON Lines (format jsonl or plover)'),
        'text/csv': text('CSV with a byte-order mark and a header row'),
        'application/graphml+xml': text('GraphML: nodes with label, type, degree; directed edges with event_type, count'),
      },
    },
    400: problemContent('An unknown what or format, or a format that does not fit what (BAD_ARGUMENT, param format), or a bad event filter'),
    404: problemContent('No entity has the actor id (ENTITY_NOT_FOUND, param actor)'),
  },
});

/**
 * Registers `GET /api/export`.
 * @example exportRoutes(app, store) // GET /api/export?what=events&format=csv
 */
export function exportRoutes(app: OpenAPIHono, store: MarsadStore): void {
  app.openapi(getExport, async (c) => {
    const { what, format, ...q } = c.req.valid('query');
    if (!canExport(what, format)) {
      throw new ProblemError(badRequest('format', `'${format}' with what=${what}: ${format} is for what=${FORMAT_WHATS[format].join(' or ')} only`));
    }
    const x = exportStore(store, { what, format, filters: await checkedFilters(store, q) });
    const chunks = x.chunks[Symbol.asyncIterator]();
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await chunks.return?.();
      },
    });
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': FORMAT_MEDIA_TYPES[format],
        'content-disposition': `attachment; filename="${x.filename}"`,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
