/** Events per day, for the workbench's timeline chart. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { refreshMergedEvents } from '../../app/merged-events.js';
import { eventDay, type MergedEvent } from '../../resolve/event-merge.js';
import type { MarsadStore } from '../../store/store.js';
import type { HappeningDayCount } from '../../store/merged-event-store.js';
import { problemContent } from '../problems.js';
import { TimelineSchema } from '../schemas.js';
import { checkedFilters, EventFilterQuery } from './events.js';

export interface TimelineBucket {
  day: string;
  count: number;
  by_type: Record<string, number>;
}

/**
 * Events counted by day: an event's day is the first day of its date (a month or a year
 * counts on its first day), else its article's publication day; events with neither are
 * counted as `undated`. Buckets are the days with events, oldest first.
 * @example timeline(events) // { buckets: [{ day: '2024-03-11', count: 2, by_type: { CONSULT: 2 } }], undated: 0 }
 */
export function timeline(events: Iterable<Pick<MergedEvent, 'type' | 'date' | 'published'>>): { buckets: TimelineBucket[]; undated: number } {
  return timelineOfCounts([...events].map((e) => ({ day: eventDay(e), type: e.type, count: 1 })));
}

/**
 * The timeline of counts per day and type (`store.happeningDays`), as `timeline` gives it of
 * the events counted: the stored merged events are counted by the store, never loaded.
 * @example timelineOfCounts([{ day: '2024-03-11', type: 'CONSULT', count: 2 }]) // { buckets: [{ day: '2024-03-11', count: 2, by_type: { CONSULT: 2 } }], undated: 0 }
 */
export function timelineOfCounts(counts: Iterable<HappeningDayCount>): { buckets: TimelineBucket[]; undated: number } {
  const days = new Map<string, TimelineBucket>();
  let undated = 0;
  for (const c of counts) {
    if (c.day === null) {
      undated += c.count;
      continue;
    }
    let b = days.get(c.day);
    if (!b) days.set(c.day, (b = { day: c.day, count: 0, by_type: {} }));
    b.count += c.count;
    b.by_type[c.type] = (b.by_type[c.type] ?? 0) + c.count;
  }
  return { buckets: [...days.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0)), undated };
}

const getTimeline = createRoute({
  method: 'get',
  path: '/api/timeline',
  tags: ['events'],
  summary: 'Merged events per day (by their start date, else their article’s publication day), oldest day first',
  request: { query: EventFilterQuery },
  responses: {
    200: { description: 'Events per day, with counts by PLOVER type', content: { 'application/json': { schema: TimelineSchema } } },
    400: problemContent('An unknown type or a malformed date (BAD_ARGUMENT, the parameter named in param)'),
    404: problemContent('No entity has the actor id (ENTITY_NOT_FOUND, param actor)'),
  },
});

/**
 * Registers `GET /api/timeline`.
 * @example timelineRoutes(app, store) // GET /api/timeline?actor=william-burns
 */
export function timelineRoutes(app: OpenAPIHono, store: MarsadStore): void {
  app.openapi(getTimeline, async (c) => {
    const filters = await checkedFilters(store, c.req.valid('query'));
    await refreshMergedEvents(store);
    return c.json(timelineOfCounts(await store.happeningDays(filters)), 200);
  });
}
