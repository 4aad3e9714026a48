import type Database from 'better-sqlite3';
import { bucketsOf, type BucketRowFields } from '../happening-rows.js';
import type { ArticleEvent } from '../../model/event.js';
import { happeningBucket, type EventSource, type MergedEvent } from '../../resolve/event-merge.js';
import {
  joinHappening,
  spanClass,
  spanLowerBounds,
  splitHappening,
  type HappeningBucket,
  type HappeningDayCount,
  type HappeningFilters,
  type HappeningListOptions,
  type HappeningPairCount,
  type HappeningWrite,
  type MergedEventStore,
  type StaleHappening,
  type StoryEventCount,
} from '../merged-event-store.js';
import { eventSelect, toEvent, type EventRow } from './sqlite-events.js';

/**
 * What the other parts of the SQLite backend call, inside their own write transactions, so
 * that a change and the stale marks it causes commit together.
 */
export interface HappeningMarks {
  /** The bucket of an event with these actor ids (read through analysts' merges now) in an article of this story. */
  keyOf(type: string, status: ArticleEvent['status'], sourceId: string, targetId: string | null, story: string | null): string;
  /** The story an article is in now, or null. */
  storyOf(articleId: string): string | null;
  markKeys(keys: string[]): void;
  /** Marks the keys of an article's events (its content changed). */
  markArticle(articleId: string): void;
  /** After an article moved to another story: its events' buckets are recomputed, old and new marked. */
  storyChanged(articleId: string): void;
  /** After every story was forgotten: buckets recomputed, every key marked. */
  storiesCleared(): void;
  /**
   * After `ids` changed the entity they answer as (a merge) or its label: the events naming
   * them get their buckets recomputed, and their old and new keys are marked.
   */
  actorsChanged(ids: string[]): void;
}

interface KeyedRow {
  rid: number;
  type: string;
  status: string | null;
  source_id: string;
  target_id: string | null;
  story: string | null;
  happening_key: string | null;
}

type BucketRow = EventRow & BucketRowFields;

const ORDER = 'sort_day DESC, sort_published DESC, sort_article, sort_ord';
const ORDER_COLUMNS = 'sort_day, sort_published, sort_article, sort_ord';
/** What a bucket is computed from (KeyedRow), for events v with their story sa. */
const KEYED = 'v.rowid AS rid, v.type, v.status, v.source_id, v.target_id, sa.story_id AS story, v.happening_key';
/** listEvents' order, as columns of eventSelect's rows. */
const EVENT_ORDER_DAY = 'COALESCE(v.date_start, substr(a.published, 1, 10), ac.created_at)';
const EVENT_ORDER_PUBLISHED = 'COALESCE(a.published, ac.created_at)';

/**
 * The merged-event half of the SQLite backend (see src/store/merged-event-store.ts), on the
 * article store's connection.
 */
export class SqliteMergedEvents implements MergedEventStore, HappeningMarks {
  private readonly q;

  constructor(private readonly db: Database.Database) {
    this.q = {
      mergedInto: db.prepare<[string], { merged_into: string | null }>('SELECT merged_into FROM entities WHERE id = ?'),
      mark: db.prepare(
        `INSERT INTO happening_stale (key, seq) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM happening_stale))
         ON CONFLICT(key) DO UPDATE SET seq = excluded.seq`,
      ),
      markArticle: db.prepare(
        `INSERT INTO happening_stale (key, seq)
           SELECT DISTINCT happening_key, (SELECT COALESCE(MAX(seq), 0) + 1 FROM happening_stale) FROM events
           WHERE article_id = ? AND happening_key IS NOT NULL
         ON CONFLICT(key) DO UPDATE SET seq = excluded.seq`,
      ),
      markAll: db.prepare(
        `INSERT INTO happening_stale (key, seq)
           SELECT DISTINCT happening_key, (SELECT COALESCE(MAX(seq), 0) + 1 FROM happening_stale) FROM events
           WHERE happening_key IS NOT NULL
         ON CONFLICT(key) DO UPDATE SET seq = excluded.seq`,
      ),
      // the ids answering as one of the given entities: themselves and those merged into them
      naming: db.prepare<[{ ids: string }], KeyedRow>(
        `WITH ids(id) AS (SELECT value FROM json_each(@ids)
                          UNION SELECT e.id FROM entities e JOIN json_each(@ids) j ON e.merged_into = j.value),
              hit(rid) AS (SELECT rowid FROM events WHERE source_id IN (SELECT id FROM ids)
                           UNION SELECT rowid FROM events WHERE target_id IN (SELECT id FROM ids)
                           UNION SELECT rowid FROM events WHERE location_id IN (SELECT id FROM ids))
         SELECT ${KEYED} FROM hit JOIN events v ON v.rowid = hit.rid LEFT JOIN story_articles sa ON sa.article_id = v.article_id`,
      ),
      ofArticle: db.prepare<[string], KeyedRow>(
        `SELECT ${KEYED} FROM events v LEFT JOIN story_articles sa ON sa.article_id = v.article_id WHERE v.article_id = ?`,
      ),
      perStory: db.prepare<[], KeyedRow>(
        `SELECT ${KEYED} FROM events v LEFT JOIN story_articles sa ON sa.article_id = v.article_id WHERE instr(v.happening_key, '#') > 0`,
      ),
      storyOf: db.prepare<[string], { story_id: string }>('SELECT story_id FROM story_articles WHERE article_id = ?'),
      rekey: db.prepare('UPDATE events SET happening_key = ? WHERE rowid = ?'),
      stale: db.prepare<[string, number], StaleHappening>('SELECT key, seq FROM happening_stale WHERE key > ? ORDER BY key LIMIT ?'),
      // the article's created_at through the index that holds it (ac): in the row it sits after
      // the text, so reading it there reads every page of a long text (3x slower per event)
      buckets: db.prepare<[string], BucketRow>(
        eventSelect(
          `JOIN articles ac INDEXED BY articles_listed ON ac.id = v.article_id
           LEFT JOIN story_articles sa ON sa.article_id = v.article_id WHERE v.happening_key IN (SELECT value FROM json_each(?))`,
          `ORDER BY v.happening_key, order_day DESC, order_published DESC, a.id, v.ord`,
          `, a.source, a.site, sa.story_id AS story, sa.seq AS story_seq, ${EVENT_ORDER_DAY} AS order_day, ${EVENT_ORDER_PUBLISHED} AS order_published`,
        ),
      ),
      clearKey: db.prepare('DELETE FROM happenings WHERE key = ?'),
      rowsOfKey: db.prepare<[string], { type: string; day: string | null; source_id: string; target_id: string | null }>(
        'SELECT type, day, source_id, target_id FROM happenings WHERE key = ?',
      ),
      addDays: db.prepare(
        'INSERT INTO happening_days (type, day, count) VALUES (?, ?, ?) ON CONFLICT(type, day) DO UPDATE SET count = count + excluded.count',
      ),
      dropDay: db.prepare('DELETE FROM happening_days WHERE type = ? AND day = ? AND count <= 0'),
      // a pair new to the table takes its labels and order from pairNewest, run next
      addPair: db.prepare(
        `INSERT INTO happening_pairs (source_id, target_id, type, count, source_label, target_label, sort_day, sort_published, sort_article, sort_ord)
         VALUES (?, ?, ?, ?, '', '', '', '', '', 0) ON CONFLICT(source_id, target_id, type) DO UPDATE SET count = count + excluded.count`,
      ),
      dropPair: db.prepare('DELETE FROM happening_pairs WHERE source_id = ? AND target_id = ? AND type = ? AND count <= 0'),
      pairNewest: db.prepare(
        `UPDATE happening_pairs SET (source_label, target_label, sort_day, sort_published, sort_article, sort_ord) = (
           SELECT source_label, target_label, sort_day, sort_published, sort_article, sort_ord FROM happenings INDEXED BY happenings_pair
           WHERE source_id = @s AND target_id = @t AND type = @type ORDER BY ${ORDER} LIMIT 1)
         WHERE source_id = @s AND target_id = @t AND type = @type`,
      ),
      clearStoryCounts: db.prepare('DELETE FROM story_happenings WHERE key = ?'),
      storyCountKeys: db.prepare<[string, number], { key: string }>('SELECT key FROM story_count_stale WHERE key > ? ORDER BY key LIMIT ?'),
      unmarkStoryCount: db.prepare('DELETE FROM story_count_stale WHERE key = ?'),
      insertStoryCount: db.prepare('INSERT INTO story_happenings (story_id, key, count) VALUES (?, ?, ?)'),
      storyCounts: db.prepare<[string], { id: string; count: number }>(
        'SELECT j.value AS id, (SELECT COALESCE(SUM(count), 0) FROM story_happenings s WHERE s.story_id = j.value) AS count FROM json_each(?) j',
      ),
      keptDays: db.prepare<[], HappeningDayCount>(`SELECT NULLIF(day, '') AS day, type, count FROM happening_days ORDER BY day, type`),
      keptDaysOfType: db.prepare<[string], HappeningDayCount>(`SELECT NULLIF(day, '') AS day, type, count FROM happening_days WHERE type = ? ORDER BY day`),
      clearJson: db.prepare('DELETE FROM happening_json WHERE key = ?'),
      insertJson: db.prepare('INSERT INTO happening_json (key, n, id, event, sources) VALUES (?, ?, ?, ?, ?)'),
      sourcesOf: db.prepare<[string], { id: string; event: string; sources: string | null }>(
        'SELECT j.id, CASE WHEN j.sources IS NULL THEN j.event END AS event, j.sources FROM json_each(?) x JOIN happening_json j ON j.id = x.value',
      ),
      insert: db.prepare(
        `INSERT INTO happenings (key, n, type, source_id, source_label, target_id, target_label, first_day, last_day, day,
           sort_day, sort_published, sort_article, sort_ord, num_articles, num_sources, span_class)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      unmark: db.prepare('DELETE FROM happening_stale WHERE key = ? AND seq = ?'),
    };
  }

  keyOf(type: string, status: ArticleEvent['status'], sourceId: string, targetId: string | null, story: string | null): string {
    const target = targetId === null ? null : { id: this.now(targetId), label: '' };
    return happeningBucket({ type, status, source: { id: this.now(sourceId), label: '' }, target }, story);
  }

  storyOf(articleId: string): string | null {
    return this.q.storyOf.get(articleId)?.story_id ?? null;
  }

  /** The id answering now for `id` (itself when it is no entity or was never merged). */
  private now(id: string): string {
    let at = id;
    for (let hops = 0; hops < 64; hops++) {
      const next = this.q.mergedInto.get(at)?.merged_into;
      if (!next) return at;
      at = next;
    }
    return at;
  }

  markKeys(keys: string[]): void {
    for (const key of keys) this.q.mark.run(key);
  }

  markArticle(articleId: string): void {
    this.q.markArticle.run(articleId);
  }

  private markAll(): void {
    this.q.markAll.run();
  }

  actorsChanged(ids: string[]): void {
    if (ids.length) this.rekey(this.q.naming.all({ ids: JSON.stringify(ids) }));
  }

  storyChanged(articleId: string): void {
    this.rekey(this.q.ofArticle.all(articleId));
  }

  storiesCleared(): void {
    // every key is marked below: each bucket's story counts are made again
    this.db.exec('DELETE FROM story_happenings; DELETE FROM story_count_stale;');
    this.rekey(this.q.perStory.all());
    this.markAll();
  }

  /** Recomputes the buckets of these events and marks their old and new keys. */
  private rekey(rows: KeyedRow[]): void {
    const keys = new Set<string>();
    for (const r of rows) {
      const key = this.keyOf(r.type, r.status as ArticleEvent['status'], r.source_id, r.target_id, r.story);
      if (r.happening_key !== null) keys.add(r.happening_key);
      keys.add(key);
      if (key !== r.happening_key) this.q.rekey.run(key, r.rid);
    }
    this.markKeys([...keys]);
  }

  async staleHappeningKeys(limit: number, after = ''): Promise<StaleHappening[]> {
    return this.q.stale.all(after, limit);
  }

  async happeningBuckets(keys: string[]): Promise<HappeningBucket[]> {
    return bucketsOf(keys, this.q.buckets.iterate(JSON.stringify(keys)), toEvent);
  }

  async setHappenings(buckets: HappeningWrite[]): Promise<string[]> {
    return this.db.transaction(() => {
      const stale: string[] = [];
      // the kept counts per day and type move by what each bucket loses and gains
      const days = new Map<string, { type: string; day: string; delta: number }>();
      // and those per directed pair, whose newest merged event is looked up again once all are written
      const pairs = new Map<string, { s: string; t: string; type: string; delta: number }>();
      const count = (type: string, day: string | null, source: string, target: string | null, delta: number) => {
        const k = `${type}\u0000${day ?? ''}`;
        const d = days.get(k);
        if (d) d.delta += delta;
        else days.set(k, { type, day: day ?? '', delta });
        if (target === null || target === source) return;
        const pk = `${source}\u0000${target}\u0000${type}`;
        const p = pairs.get(pk);
        if (p) p.delta += delta;
        else pairs.set(pk, { s: source, t: target, type, delta });
      };
      for (const { key, seq, rows, stories } of buckets) {
        for (const r of this.q.rowsOfKey.all(key)) count(r.type, r.day, r.source_id, r.target_id, -1);
        this.q.clearKey.run(key);
        this.q.clearStoryCounts.run(key);
        this.q.unmarkStoryCount.run(key);
        for (const x of stories ?? []) if (x.count > 0) this.q.insertStoryCount.run(x.story, key, x.count);
        this.q.clearJson.run(key);
        rows.forEach((r, n) => {
          const e = r.event;
          this.q.insert.run(
            key, n, e.type, e.source.id, e.source.label, e.target?.id ?? null, e.target?.label ?? null, r.firstDay, r.lastDay, r.day,
            r.order.day, r.order.published, r.order.article, r.order.ord, e.num_articles, e.num_sources, spanClass(r.firstDay, r.lastDay),
          );
          count(e.type, r.day, e.source.id, e.target?.id ?? null, 1);
          const { head, sources } = splitHappening(e);
          this.q.insertJson.run(key, n, e.id, head, sources);
        });
        if (this.q.unmark.run(key, seq).changes === 0) stale.push(key);
      }
      for (const d of days.values()) {
        if (d.delta === 0) continue;
        this.q.addDays.run(d.type, d.day, d.delta);
        if (d.delta < 0) this.q.dropDay.run(d.type, d.day);
      }
      // a pair whose count did not move may still have a newer merged event, or relabelled actors
      for (const p of pairs.values()) {
        if (p.delta !== 0) this.q.addPair.run(p.s, p.t, p.type, p.delta);
        if (p.delta < 0 && this.q.dropPair.run(p.s, p.t, p.type).changes > 0) continue;
        this.q.pairNewest.run({ s: p.s, t: p.t, type: p.type });
      }
      return stale;
    }).immediate();
  }

  async listHappenings(options: HappeningListOptions = {}): Promise<MergedEvent[]> {
    const { where, params } = this.filter(options);
    params.limit = options.limit ?? 50;
    params.offset = options.offset ?? 0;
    const cut = options.sourcesLimit;
    if (cut !== undefined) params.cut = cut;
    // the first sources only, cut by SQLite; none read at all for a limit of 0 (the column is not touched)
    const sources = cut === undefined ? 'j.sources' : cut === 0 ? "CASE WHEN j.sources IS NOT NULL THEN '[]' END" : 'CASE WHEN j.sources IS NOT NULL THEN (SELECT json_group_array(json(s.value)) FROM (SELECT value FROM json_each(j.sources) LIMIT @cut) s) END';
    return this.db
      .prepare<[Record<string, unknown>], { event: string; sources: string | null }>(
        // the page is chosen on the narrow table, then only its merged events are read
        `SELECT j.event, ${sources} AS sources FROM (SELECT key, n, ${ORDER_COLUMNS} FROM happenings h ${where} ORDER BY ${ORDER} LIMIT @limit OFFSET @offset) p
           JOIN happening_json j ON j.key = p.key AND j.n = p.n ORDER BY ${ORDER}`,
      )
      .all(params)
      .map((r) => joinHappening(r.event, r.sources === null ? null : (JSON.parse(r.sources) as EventSource[]), cut));
  }

  async happeningSources(ids: string[]): Promise<Map<string, EventSource[]>> {
    const out = new Map<string, EventSource[]>();
    for (const r of this.q.sourcesOf.all(JSON.stringify(ids))) {
      out.set(r.id, r.sources === null ? (JSON.parse(r.event) as MergedEvent).sources : (JSON.parse(r.sources) as EventSource[]));
    }
    return out;
  }

  async happeningDays(filters: HappeningFilters = {}): Promise<HappeningDayCount[]> {
    const byActor = filters.actor !== undefined || filters.actors !== undefined;
    // no filter but the type: the kept counts (a row per day and type), no merged event read
    if (!byActor && !filters.from && !filters.to) return filters.type ? this.q.keptDaysOfType.all(filters.type) : this.q.keptDays.all();
    const { where, params } = this.filter(filters);
    const lows = byActor ? null : spanLowerBounds(filters.from || undefined);
    if (lows) {
      // a date window: per span class, the index range of first days from its bound to `to`
      params.lows = JSON.stringify(lows);
      return this.db
        .prepare<[Record<string, unknown>], HappeningDayCount>(
          `SELECT h.day AS day, h.type AS type, COUNT(*) AS count
           FROM json_each(@lows) c JOIN happenings h INDEXED BY happenings_span ON h.span_class = c.key AND h.first_day >= c.value
           ${where} GROUP BY h.day, h.type ORDER BY h.day, h.type`,
        )
        .all(params);
    }
    // an actor: read through the actor's indexes
    return this.db
      .prepare<[Record<string, unknown>], HappeningDayCount>(`SELECT day, type, COUNT(*) AS count FROM happenings h ${where} GROUP BY day, type ORDER BY day, type`)
      .all(params);
  }

  async storyCountKeys(limit: number, after = ''): Promise<string[]> {
    return this.q.storyCountKeys.all(after, limit).map((r) => r.key);
  }

  async setStoryCounts(counts: { key: string; stories: StoryEventCount[] }[]): Promise<void> {
    this.db.transaction(() => {
      for (const { key, stories } of counts) {
        if (this.q.unmarkStoryCount.run(key).changes === 0) continue;
        this.q.clearStoryCounts.run(key);
        for (const x of stories) if (x.count > 0) this.q.insertStoryCount.run(x.story, key, x.count);
      }
    }).immediate();
  }

  async storyEventCounts(storyIds: string[]): Promise<Map<string, number>> {
    if (!storyIds.length) return new Map();
    return new Map(this.q.storyCounts.all(JSON.stringify(storyIds)).map((r) => [r.id, r.count]));
  }

  async happeningPairs(filters: HappeningFilters = {}): Promise<HappeningPairCount[]> {
    const { where, params } = this.filter(filters);
    type PairRow = { source_id: string; source_label: string; target_id: string; target_label: string; type: string; count: number };
    let rows: PairRow[];
    if (!filters.from && !filters.to && filters.actors === undefined) {
      // the kept counts: a row per pair, read newest first from an index (an actor's through the key and happening_pairs_target)
      rows = this.db
        .prepare<[Record<string, unknown>], PairRow>(
          `SELECT source_id, source_label, target_id, target_label, type, count FROM happening_pairs h ${where} ORDER BY ${ORDER}`,
        )
        .all(params);
    } else {
      const pair = `h.target_id IS NOT NULL AND h.target_id <> h.source_id`;
      const lows = filters.actor !== undefined || filters.actors !== undefined ? null : spanLowerBounds(filters.from || undefined);
      if (lows) params.lows = JSON.stringify(lows);
      // a date window: the window's merged events through their span classes (as happeningDays); an actor: through its indexes
      const from = lows ? 'json_each(@lows) c JOIN happenings h INDEXED BY happenings_span ON h.span_class = c.key AND h.first_day >= c.value' : 'happenings h';
      rows = this.db
        .prepare<[Record<string, unknown>], PairRow>(
          `SELECT source_id, source_label, target_id, target_label, type, count FROM (
             SELECT h.source_id, h.source_label, h.target_id, h.target_label, h.type, h.sort_day, h.sort_published, h.sort_article, h.sort_ord,
                    COUNT(*) OVER (PARTITION BY h.source_id, h.target_id, h.type) AS count,
                    ROW_NUMBER() OVER (PARTITION BY h.source_id, h.target_id, h.type ORDER BY h.sort_day DESC, h.sort_published DESC, h.sort_article, h.sort_ord) AS newest
             FROM ${from} ${where ? `${where} AND ${pair}` : `WHERE ${pair}`})
           WHERE newest = 1 ORDER BY ${ORDER}`,
        )
        .all(params);
    }
    return rows.map((r) => ({ source: { id: r.source_id, label: r.source_label }, target: { id: r.target_id, label: r.target_label }, type: r.type, count: r.count }));
  }

  /** The WHERE clause of the views' filters over happenings (alias h). */
  private filter(f: HappeningFilters): { where: string; params: Record<string, unknown> } {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (f.actor) {
      // stored ids are those answering at the last merge of the bucket; an id merged away answers as the kept one
      params.actor = f.actor;
      params.live = this.now(f.actor);
      where.push('(h.source_id IN (@actor, @live) OR h.target_id IN (@actor, @live))');
    }
    if (f.actors) {
      params.actors = JSON.stringify([...new Set(f.actors.flatMap((id) => [id, this.now(id)]))]);
      where.push('(h.source_id IN (SELECT value FROM json_each(@actors)) OR h.target_id IN (SELECT value FROM json_each(@actors)))');
    }
    if (f.type) {
      params.type = f.type;
      where.push('h.type = @type');
    }
    if (f.from) {
      params.from = f.from;
      where.push('h.last_day >= @from');
    }
    if (f.to) {
      params.to = f.to;
      where.push('h.first_day <= @to');
    }
    return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
  }
}
