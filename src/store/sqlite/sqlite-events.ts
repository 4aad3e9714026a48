import type Database from 'better-sqlite3';
import type { ArticleEvent, StoredEvent } from '../../model/event.js';
import type { EventListOptions, EventStore } from '../event-store.js';
import type { HappeningMarks } from './sqlite-merged-events.js';

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

/**
 * The event half of the SQLite backend, on the article store's connection. Actor,
 * recipient and place ids are stored as resolved at analysis time and read through
 * analysts' merges, so an event follows its actors into the entities they were merged into.
 */
export class SqliteEvents implements EventStore {
  private readonly q;

  constructor(
    private readonly db: Database.Database,
    private readonly happenings: HappeningMarks,
  ) {
    this.q = {
      clear: db.prepare('DELETE FROM events WHERE article_id = ?'),
      add: db.prepare(
        `INSERT INTO events (article_id, ord, id, type, mode, status, source_id, source_label, target_id, target_label,
           location_id, location_label, date_start, date_end, date_text, contexts, evidence_text, evidence_start, evidence_end, happening_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      keys: db.prepare<[string], { happening_key: string }>('SELECT DISTINCT happening_key FROM events WHERE article_id = ? AND happening_key IS NOT NULL'),
    };
  }

  /** The events joined with the entities now answering for their actors (through merges). */
  private select(where: string, tail: string): string {
    return eventSelect(where, tail);
  }

  async setArticleEvents(articleId: string, events: ArticleEvent[]): Promise<void> {
    this.db.transaction(() => {
      // the buckets the article leaves and the ones it joins both merge again
      const keys = new Set(this.q.keys.all(articleId).map((r) => r.happening_key));
      this.q.clear.run(articleId);
      const story = this.happenings.storyOf(articleId);
      events.forEach((e, i) => {
        const key = this.happenings.keyOf(e.type, e.status, e.source.id, e.target?.id ?? null, story);
        keys.add(key);
        this.q.add.run(
          articleId, i, e.id, e.type, e.mode, e.status, e.source.id, e.source.label, e.target?.id ?? null, e.target?.label ?? null,
          e.location?.id ?? null, e.location?.label ?? null, e.date.start, e.date.end, e.date.text, JSON.stringify(e.contexts),
          e.evidence.text, e.evidence.start, e.evidence.end, key,
        );
      });
      this.happenings.markKeys([...keys]);
    }).immediate();
  }

  async articleEvents(articleId: string): Promise<ArticleEvent[]> {
    return this.db.prepare<[string], EventRow>(this.select('WHERE v.article_id = ?', 'ORDER BY v.ord')).all(articleId).map(toEvent);
  }

  async listEvents(options: EventListOptions = {}): Promise<StoredEvent[]> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: options.limit ?? 50, offset: options.offset ?? 0 };
    if (options.actor) {
      where.push(`(ls.id = ${LIVE_ACTOR} OR lt.id = ${LIVE_ACTOR} OR v.source_id = @actor OR v.target_id = @actor)`);
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

/**
 * The entity answering now for `@actor`: an analyst's merge points the merged id, and every id
 * merged into it, at the kept entity (mergeEntities keeps chains one step long).
 */
const LIVE_ACTOR = '(SELECT COALESCE(merged_into, id) FROM entities WHERE id = @actor)';

/**
 * The events joined with their articles and with the entities now answering for their
 * actors, recipients and places: each id's own row, then the entity it was merged into.
 * Only the rows of the ids read are touched — resolving every entity's merges for each read
 * (a recursive walk over all entities) grew with the store.
 * @example db.prepare(eventSelect('WHERE v.article_id = ?', 'ORDER BY v.ord'))
 */
export function eventSelect(where: string, tail: string, extra = ''): string {
  const now = (column: string, alias: string) =>
    `LEFT JOIN entities ${alias}0 ON ${alias}0.id = ${column} LEFT JOIN entities ${alias} ON ${alias}.id = COALESCE(${alias}0.merged_into, ${alias}0.id)`;
  return `SELECT v.*, ls.id AS source_now, ls.label AS source_now_label, lt.id AS target_now, lt.label AS target_now_label,
                 ll.id AS location_now, ll.label AS location_now_label, a.title, a.published${extra}
          FROM events v JOIN articles a ON a.id = v.article_id
            ${now('v.source_id', 'ls')} ${now('v.target_id', 'lt')} ${now('v.location_id', 'll')}
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
