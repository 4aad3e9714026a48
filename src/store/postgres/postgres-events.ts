import type { ArticleEvent, StoredEvent } from '../../model/event.js';
import type { EventListOptions, EventStore } from '../event-store.js';
import type { PgDb } from './pg-db.js';
import { liveJoin, mergedIds } from './live-entity.js';
import type { PgHappeningMarks } from './postgres-merged-events.js';

export interface EventRow {
  article_id: string;
  id: string;
  type: string;
  mode: string | null;
  status: string | null;
  source_id: string;
  source_label: string;
  target_id: string | null;
  target_label: string | null;
  location_id: string | null;
  location_label: string | null;
  date_start: string | null;
  date_end: string | null;
  date_text: string | null;
  contexts: string;
  evidence_text: string;
  evidence_start: number;
  evidence_end: number;
  source_now: string | null;
  source_now_label: string | null;
  target_now: string | null;
  target_now_label: string | null;
  location_now: string | null;
  location_now_label: string | null;
  title: string | null;
  published: string | null;
}

const COLUMNS = [
  'id', 'type', 'mode', 'status', 'source_id', 'source_label', 'target_id', 'target_label', 'location_id', 'location_label',
  'date_start', 'date_end', 'date_text', 'contexts', 'evidence_text', 'evidence_start', 'evidence_end', 'happening_key',
] as const;

/**
 * The event half of the PostgreSQL backend. Actor, recipient and place ids are read through
 * analysts' merges, as on SQLite (src/store/sqlite/sqlite-events.ts).
 */
export class PgEvents implements EventStore {
  constructor(
    private readonly db: PgDb,
    private readonly happenings: PgHappeningMarks,
  ) {}

  private select(where: string, tail: string): string {
    return eventSelect(where, tail);
  }

  async setArticleEvents(articleId: string, events: ArticleEvent[]): Promise<void> {
    await this.db.tx(async () => {
      // the buckets the article leaves and the ones it joins both merge again
      const before = await this.db.query<{ k: string }>(
        'SELECT DISTINCT happening_key AS k FROM events WHERE article_id = $1 AND happening_key IS NOT NULL',
        [articleId],
      );
      await this.db.query('DELETE FROM events WHERE article_id = $1', [articleId]);
      const story = await this.happenings.storyOf(articleId);
      const keys = await this.happenings.keysOf(events.map((e) => ({ type: e.type, status: e.status, source: e.source.id, target: e.target?.id ?? null, story })));
      await this.happenings.markKeys([...before.map((r) => r.k), ...keys]);
      if (events.length === 0) return;
      const values = events.map((e, i) => [
        e.id, e.type, e.mode, e.status, e.source.id, e.source.label, e.target?.id ?? null, e.target?.label ?? null,
        e.location?.id ?? null, e.location?.label ?? null, e.date.start, e.date.end, e.date.text, JSON.stringify(e.contexts),
        e.evidence.text, e.evidence.start, e.evidence.end, keys[i]!,
      ]);
      const arrays = COLUMNS.map((_, c) => values.map((v) => v[c]));
      const types = COLUMNS.map((c) => (c === 'evidence_start' || c === 'evidence_end' ? 'int[]' : 'text[]'));
      await this.db.query(
        `INSERT INTO events (article_id, ord, ${COLUMNS.join(', ')})
         SELECT $1, x.i - 1, ${COLUMNS.map((c) => `x.${c}`).join(', ')}
         FROM unnest(${types.map((t, i) => `$${i + 2}::${t}`).join(', ')}) WITH ORDINALITY AS x(${COLUMNS.join(', ')}, i)`,
        [articleId, ...arrays],
      );
    });
  }

  async articleEvents(articleId: string): Promise<ArticleEvent[]> {
    return (await this.db.query<EventRow>(this.select('WHERE v.article_id = $1', 'ORDER BY v.ord'), [articleId])).map(toEvent);
  }

  async listEvents(options: EventListOptions = {}): Promise<StoredEvent[]> {
    const where: string[] = [];
    const params: unknown[] = [options.limit ?? 50, options.offset ?? 0];
    const bind = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (options.actor) {
      // The actor as given, and every id answering as the same entity now (merges).
      const p = bind([...new Set([options.actor, ...(await mergedIds(this.db, options.actor))])]);
      where.push(`(v.source_id = ANY(${p}::text[]) OR v.target_id = ANY(${p}::text[]))`);
    }
    if (options.type) where.push(`v.type = ${bind(options.type)}`);
    const day = 'substr(a.published, 1, 10)';
    if (options.from) where.push(`COALESCE(v.date_end, v.date_start, ${day}) >= ${bind(options.from)}`);
    if (options.to) where.push(`COALESCE(v.date_start, v.date_end, ${day}) <= ${bind(options.to)}`);
    const sql = this.select(
      where.length ? `WHERE ${where.join(' AND ')}` : '',
      `ORDER BY COALESCE(v.date_start, ${day}, a.created_at) DESC, COALESCE(a.published, a.created_at) DESC, a.id, v.ord LIMIT $1 OFFSET $2`,
    );
    return (await this.db.query<EventRow>(sql, params)).map((r) => ({ ...toEvent(r), article: r.article_id, title: r.title, published: r.published }));
  }
}

/**
 * The events joined with their articles and with the entities now answering for their
 * actors, recipients and places (each id's own merge chain, see liveJoin).
 * @example db.query(eventSelect('WHERE v.article_id = $1', 'ORDER BY v.ord'), [id])
 */
export function eventSelect(where: string, tail: string, extra = ''): string {
  return `SELECT v.*, ls.now AS source_now, ns.label AS source_now_label, lt.now AS target_now, nt.label AS target_now_label,
                 ll.now AS location_now, nl.label AS location_now_label, a.title, a.published${extra}
          FROM events v JOIN articles a ON a.id = v.article_id
            ${liveJoin('v.source_id', 'ls')} LEFT JOIN entities ns ON ns.id = ls.now
            ${liveJoin('v.target_id', 'lt')} LEFT JOIN entities nt ON nt.id = lt.now
            ${liveJoin('v.location_id', 'll')} LEFT JOIN entities nl ON nl.id = ll.now
          ${where} ${tail}`;
}

/** An event row as read by `eventSelect`, its ids and labels those answering now. */
export function toEvent(r: EventRow): ArticleEvent {
  const ref = (id: string | null, label: string | null, now: string | null, nowLabel: string | null) =>
    id === null ? null : { id: now ?? id, label: nowLabel ?? label ?? '' };
  return {
    id: r.id,
    type: r.type,
    mode: r.mode,
    status: r.status as ArticleEvent['status'],
    source: ref(r.source_id, r.source_label, r.source_now, r.source_now_label)!,
    target: ref(r.target_id, r.target_label, r.target_now, r.target_now_label),
    location: ref(r.location_id, r.location_label, r.location_now, r.location_now_label),
    date: { start: r.date_start, end: r.date_end, text: r.date_text },
    contexts: JSON.parse(r.contexts) as string[],
    evidence: { text: r.evidence_text, start: r.evidence_start, end: r.evidence_end },
  };
}
