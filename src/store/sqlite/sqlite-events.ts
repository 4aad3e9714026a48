import type Database from 'better-sqlite3';
import type { ArticleEvent, StoredEvent } from '../../model/event.js';
import type { EventListOptions, EventStore } from '../event-store.js';

interface EventRow {
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

/**
 * The event half of the SQLite backend, on the article store's connection. Actor,
 * recipient and place ids are stored as resolved at analysis time and read through
 * analysts' merges, so an event follows its actors into the entities they were merged into.
 */
export class SqliteEvents implements EventStore {
  private readonly q;

  constructor(private readonly db: Database.Database) {
    this.q = {
      clear: db.prepare('DELETE FROM events WHERE article_id = ?'),
      add: db.prepare(
        `INSERT INTO events (article_id, ord, id, type, mode, status, source_id, source_label, target_id, target_label,
           location_id, location_label, date_start, date_end, date_text, contexts, evidence_text, evidence_start, evidence_end)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
  }

  /** The events joined with the entities now answering for their actors (through merges). */
  private select(where: string, tail: string): string {
    return `WITH RECURSIVE live(id, now) AS (
              SELECT id, id FROM entities WHERE merged_into IS NULL
              UNION ALL SELECT e.id, live.now FROM entities e JOIN live ON e.merged_into = live.id
            )
            SELECT v.*, ls.now AS source_now, ns.label AS source_now_label, lt.now AS target_now, nt.label AS target_now_label,
                   ll.now AS location_now, nl.label AS location_now_label, a.title, a.published
            FROM events v JOIN articles a ON a.id = v.article_id
              LEFT JOIN live ls ON ls.id = v.source_id LEFT JOIN entities ns ON ns.id = ls.now
              LEFT JOIN live lt ON lt.id = v.target_id LEFT JOIN entities nt ON nt.id = lt.now
              LEFT JOIN live ll ON ll.id = v.location_id LEFT JOIN entities nl ON nl.id = ll.now
            ${where} ${tail}`;
  }

  async setArticleEvents(articleId: string, events: ArticleEvent[]): Promise<void> {
    this.db.transaction(() => {
      this.q.clear.run(articleId);
      events.forEach((e, i) =>
        this.q.add.run(
          articleId, i, e.id, e.type, e.mode, e.status, e.source.id, e.source.label, e.target?.id ?? null, e.target?.label ?? null,
          e.location?.id ?? null, e.location?.label ?? null, e.date.start, e.date.end, e.date.text, JSON.stringify(e.contexts),
          e.evidence.text, e.evidence.start, e.evidence.end,
        ),
      );
    }).immediate();
  }

  async articleEvents(articleId: string): Promise<ArticleEvent[]> {
    return this.db.prepare<[string], EventRow>(this.select('WHERE v.article_id = ?', 'ORDER BY v.ord')).all(articleId).map(toEvent);
  }

  async listEvents(options: EventListOptions = {}): Promise<StoredEvent[]> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: options.limit ?? 50, offset: options.offset ?? 0 };
    if (options.actor) {
      where.push('(ls.now = (SELECT now FROM live WHERE id = @actor) OR lt.now = (SELECT now FROM live WHERE id = @actor) OR v.source_id = @actor OR v.target_id = @actor)');
      params.actor = options.actor;
    }
    if (options.type) {
      where.push('v.type = @type');
      params.type = options.type;
    }
    const day = 'substr(a.published, 1, 10)';
    if (options.from) {
      where.push(`COALESCE(v.date_end, v.date_start, ${day}) >= @from`);
      params.from = options.from;
    }
    if (options.to) {
      where.push(`COALESCE(v.date_start, v.date_end, ${day}) <= @to`);
      params.to = options.to;
    }
    const sql = this.select(
      where.length ? `WHERE ${where.join(' AND ')}` : '',
      `ORDER BY COALESCE(v.date_start, ${day}, a.created_at) DESC, COALESCE(a.published, a.created_at) DESC, a.id, v.ord LIMIT @limit OFFSET @offset`,
    );
    return this.db
      .prepare<[Record<string, unknown>], EventRow>(sql)
      .all(params)
      .map((r) => ({ ...toEvent(r), article: r.article_id, title: r.title, published: r.published }));
  }
}

function toEvent(r: EventRow): ArticleEvent {
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
