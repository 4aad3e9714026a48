import type { ArticleEvent } from '../../model/event.js';
import { bucketsOf, type BucketRowFields } from '../happening-rows.js';
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
import type { PgDb } from './pg-db.js';
import { liveJoin } from './live-entity.js';
import { eventSelect, toEvent, type EventRow } from './postgres-events.js';

/**
 * What the other parts of the PostgreSQL backend call inside their own transactions (PgDb.tx
 * joins them), so that a change and the stale marks it causes commit together.
 */
export interface PgHappeningMarks {
  /** The buckets of events with these actor ids (read through analysts' merges now), in articles of these stories. */
  keysOf(events: KeyInput[]): Promise<string[]>;
  /** The story an article is in now, or null. */
  storyOf(articleId: string): Promise<string | null>;
  markKeys(keys: string[]): Promise<void>;
  /** Marks the keys of an article's events (its content changed). */
  markArticle(articleId: string): Promise<void>;
  /** After an article moved to another story: its events' buckets are recomputed, old and new marked. */
  storyChanged(articleId: string): Promise<void>;
  /** After every story was forgotten: buckets recomputed, every key marked. */
  storiesCleared(): Promise<void>;
  /** After `ids` changed the entity they answer as (a merge) or its label: recomputes the buckets of the events naming them and marks old and new. */
  actorsChanged(ids: string[]): Promise<void>;
}

/** What an event's bucket is computed from. */
export interface KeyInput {
  type: string;
  status: ArticleEvent['status'];
  source: string;
  target: string | null;
  story: string | null;
}

interface KeyedRow {
  article_id: string;
  ord: number;
  type: string;
  status: string | null;
  source_id: string;
  target_id: string | null;
  story: string | null;
  happening_key: string | null;
}

/** What a bucket is computed from (KeyedRow), for events v with their story sa. */
const KEYED = 'v.article_id, v.ord, v.type, v.status, v.source_id, v.target_id, sa.story_id AS story, v.happening_key';

type BucketRow = EventRow & BucketRowFields;

const ORDER = 'sort_day DESC, sort_published DESC, sort_article, sort_ord';
const NEXT_SEQ = `INSERT INTO happening_stale (key, seq)`;
const ON_MARK = 'ON CONFLICT (key) DO UPDATE SET seq = GREATEST(excluded.seq, happening_stale.seq + 1)';

/** The merged-event half of the PostgreSQL backend (as src/store/sqlite/sqlite-merged-events.ts). */
export class PgMergedEvents implements MergedEventStore, PgHappeningMarks {
  constructor(private readonly db: PgDb) {}

  async keysOf(events: KeyInput[]): Promise<string[]> {
    const now = await this.live(events.flatMap((e) => (e.target === null ? [e.source] : [e.source, e.target])));
    return events.map((e) =>
      happeningBucket(
        {
          type: e.type,
          status: e.status,
          source: { id: now.get(e.source) ?? e.source, label: '' },
          target: e.target === null ? null : { id: now.get(e.target) ?? e.target, label: '' },
        },
        e.story,
      ),
    );
  }

  async storyOf(articleId: string): Promise<string | null> {
    return (await this.db.one<{ story_id: string }>('SELECT story_id FROM story_articles WHERE article_id = $1', [articleId]))?.story_id ?? null;
  }

  /** The id answering now for each id that is an entity (through merges). */
  private async live(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.db.query<{ id: string; now: string | null }>(
      `SELECT x.id, l.now FROM (SELECT DISTINCT unnest($1::text[]) AS id) x ${liveJoin('x.id', 'l')}`,
      [ids],
    );
    return new Map(rows.filter((r) => r.now !== null).map((r) => [r.id, r.now!]));
  }

  async markKeys(keys: string[]): Promise<void> {
    if (!keys.length) return;
    await this.db.query(`${NEXT_SEQ} SELECT k, nextval('happening_stale_seq') FROM (SELECT DISTINCT unnest($1::text[]) AS k) x ${ON_MARK}`, [keys]);
  }

  async markArticle(articleId: string): Promise<void> {
    await this.db.query(
      `${NEXT_SEQ} SELECT k, nextval('happening_stale_seq') FROM
         (SELECT DISTINCT happening_key AS k FROM events WHERE article_id = $1 AND happening_key IS NOT NULL) x ${ON_MARK}`,
      [articleId],
    );
  }

  private async markAll(): Promise<void> {
    await this.db.query(
      `${NEXT_SEQ} SELECT k, nextval('happening_stale_seq') FROM
         (SELECT DISTINCT happening_key AS k FROM events WHERE happening_key IS NOT NULL) x ${ON_MARK}`,
    );
  }

  async actorsChanged(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.rekey(
      await this.db.query<KeyedRow>(
        `WITH ids AS (SELECT unnest($1::text[]) AS id UNION SELECT e.id FROM entities e WHERE e.merged_into = ANY($1::text[]))
         SELECT ${KEYED} FROM events v LEFT JOIN story_articles sa ON sa.article_id = v.article_id
         WHERE v.source_id IN (SELECT id FROM ids) OR v.target_id IN (SELECT id FROM ids) OR v.location_id IN (SELECT id FROM ids)`,
        [ids],
      ),
    );
  }

  async storyChanged(articleId: string): Promise<void> {
    await this.rekey(
      await this.db.query<KeyedRow>(`SELECT ${KEYED} FROM events v LEFT JOIN story_articles sa ON sa.article_id = v.article_id WHERE v.article_id = $1`, [
        articleId,
      ]),
    );
  }

  async storiesCleared(): Promise<void> {
    // every key is marked below: each bucket's story counts are made again
    await this.db.query('DELETE FROM story_happenings');
    await this.db.query('DELETE FROM story_count_stale');
    await this.rekey(
      await this.db.query<KeyedRow>(
        `SELECT ${KEYED} FROM events v LEFT JOIN story_articles sa ON sa.article_id = v.article_id WHERE strpos(v.happening_key, '#') > 0`,
      ),
    );
    await this.markAll();
  }

  /** Recomputes the buckets of these events and marks their old and new keys. */
  private async rekey(rows: KeyedRow[]): Promise<void> {
    if (!rows.length) return;
    const keys = await this.keysOf(rows.map((r) => ({ type: r.type, status: r.status as ArticleEvent['status'], source: r.source_id, target: r.target_id, story: r.story })));
    const changed = rows.map((r, i) => ({ r, key: keys[i]! })).filter((x) => x.key !== x.r.happening_key);
    if (changed.length) {
      await this.db.query(
        `UPDATE events v SET happening_key = x.k FROM unnest($1::text[], $2::int[], $3::text[]) AS x(a, o, k) WHERE v.article_id = x.a AND v.ord = x.o`,
        [changed.map((x) => x.r.article_id), changed.map((x) => x.r.ord), changed.map((x) => x.key)],
      );
    }
    await this.markKeys([...rows.flatMap((r) => (r.happening_key === null ? [] : [r.happening_key])), ...keys]);
  }

  async staleHappeningKeys(limit: number, after = ''): Promise<StaleHappening[]> {
    return this.db.query<StaleHappening>('SELECT key, seq FROM happening_stale WHERE key > $1 ORDER BY key LIMIT $2', [after, limit]);
  }

  async happeningBuckets(keys: string[]): Promise<HappeningBucket[]> {
    const rows = await this.db.query<BucketRow>(
      eventSelect(
        'LEFT JOIN story_articles sa ON sa.article_id = v.article_id WHERE v.happening_key = ANY($1::text[])',
        'ORDER BY v.happening_key, order_day DESC, order_published DESC, a.id, v.ord',
        `, a.source, a.site, sa.story_id AS story, sa.seq AS story_seq, COALESCE(v.date_start, substr(a.published, 1, 10), a.created_at) AS order_day,
           COALESCE(a.published, a.created_at) AS order_published`,
      ),
      [keys],
    );
    return bucketsOf(keys, rows, toEvent);
  }

  async setHappenings(buckets: HappeningWrite[]): Promise<string[]> {
    return this.db.tx(async () => {
      // One writer of merged events at a time: two processes refreshing one key would otherwise
      // both delete what was committed before them and insert the same (key, n) rows.
      await this.db.query("SELECT pg_advisory_xact_lock(hashtext('marsad:happenings'))");
      const keys = buckets.map((b) => b.key);
      // the kept counts per day and type move by what the buckets lose and gain
      const days = new Map<string, { type: string; day: string; delta: number }>();
      const count = (type: string, day: string | null, delta: number) => {
        const k = `${type}\u0000${day ?? ''}`;
        const d = days.get(k);
        if (d) d.delta += delta;
        else days.set(k, { type, day: day ?? '', delta });
      };
      const lost = await this.db.query<{ type: string; day: string | null; n: number }>(
        'SELECT type, day, COUNT(*)::int AS n FROM happenings WHERE key = ANY($1::text[]) GROUP BY type, day',
        [keys],
      );
      for (const r of lost) count(r.type, r.day, -r.n);
      // and those per directed pair, whose newest merged event is looked up again once all are written
      const pairs = new Map<string, { s: string; t: string; type: string; delta: number }>();
      const pairCount = (s: string, t: string | null, type: string, delta: number) => {
        if (t === null || t === s) return;
        const k = `${s}\u0000${t}\u0000${type}`;
        const p = pairs.get(k);
        if (p) p.delta += delta;
        else pairs.set(k, { s, t, type, delta });
      };
      const lostPairs = await this.db.query<{ source_id: string; target_id: string; type: string; n: number }>(
        `SELECT source_id, target_id, type, COUNT(*)::int AS n FROM happenings
         WHERE key = ANY($1::text[]) AND target_id IS NOT NULL AND target_id <> source_id GROUP BY source_id, target_id, type`,
        [keys],
      );
      for (const r of lostPairs) pairCount(r.source_id, r.target_id, r.type, -r.n);
      await this.db.query('DELETE FROM happenings WHERE key = ANY($1::text[])', [keys]);
      await this.db.query('DELETE FROM story_happenings WHERE key = ANY($1::text[])', [keys]);
      await this.db.query('DELETE FROM story_count_stale WHERE key = ANY($1::text[])', [keys]);
      const storyRows = buckets.flatMap((b) => (b.stories ?? []).filter((x) => x.count > 0).map((x) => ({ ...x, key: b.key })));
      if (storyRows.length) {
        await this.db.query('INSERT INTO story_happenings (story_id, key, count) SELECT * FROM unnest($1::text[], $2::text[], $3::int[])', [
          storyRows.map((x) => x.story),
          storyRows.map((x) => x.key),
          storyRows.map((x) => x.count),
        ]);
      }
      await this.db.query('DELETE FROM happening_json WHERE key = ANY($1::text[])', [buckets.map((b) => b.key)]);
      const rows = buckets.flatMap((b) => b.rows.map((r, n) => ({ ...r, key: b.key, n })));
      if (rows.length) {
        const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
        await this.db.query(
          `INSERT INTO happenings (key, n, type, source_id, source_label, target_id, target_label, first_day, last_day, day,
             sort_day, sort_published, sort_article, sort_ord, num_articles, num_sources, span_class)
           SELECT x.key, x.n, x.type, x.source_id, x.source_label, x.target_id, x.target_label, x.first_day, x.last_day, x.day,
             x.sort_day, x.sort_published, x.sort_article, x.sort_ord, x.num_articles, x.num_sources, x.span_class
           FROM unnest($1::text[], $16::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                       $11::text[], $12::text[], $13::int[], $14::int[], $15::int[], $17::int[])
             AS x(key, n, type, source_id, source_label, target_id, target_label, first_day, last_day, day, sort_day,
                  sort_published, sort_article, sort_ord, num_articles, num_sources, span_class)`,
          [
            col((r) => r.key),
            col((r) => r.event.type),
            col((r) => r.event.source.id),
            col((r) => r.event.source.label),
            col((r) => r.event.target?.id ?? null),
            col((r) => r.event.target?.label ?? null),
            col((r) => r.firstDay),
            col((r) => r.lastDay),
            col((r) => r.day),
            col((r) => r.order.day),
            col((r) => r.order.published),
            col((r) => r.order.article),
            col((r) => r.order.ord),
            col((r) => r.event.num_articles),
            col((r) => r.event.num_sources),
            col((r) => r.n),
            col((r) => spanClass(r.firstDay, r.lastDay)),
          ],
        );
        for (const r of rows) {
          count(r.event.type, r.day, 1);
          pairCount(r.event.source.id, r.event.target?.id ?? null, r.event.type, 1);
        }
        const split = rows.map((r) => splitHappening(r.event));
        await this.db.query('INSERT INTO happening_json (key, n, id, event, sources) SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[])', [
          col((r) => r.key),
          col((r) => r.n),
          col((r) => r.event.id),
          split.map((x) => x.head),
          split.map((x) => x.sources),
        ]);
      }
      const moved = [...days.values()].filter((d) => d.delta !== 0);
      if (moved.length) {
        await this.db.query(
          `INSERT INTO happening_days (type, day, count) SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
           ON CONFLICT (type, day) DO UPDATE SET count = happening_days.count + excluded.count`,
          [moved.map((d) => d.type), moved.map((d) => d.day), moved.map((d) => d.delta)],
        );
        await this.db.query('DELETE FROM happening_days d USING unnest($1::text[], $2::text[]) AS x(type, day) WHERE d.type = x.type AND d.day = x.day AND d.count <= 0', [
          moved.map((d) => d.type),
          moved.map((d) => d.day),
        ]);
      }
      await this.keepPairs([...pairs.values()]);
      const cleared = await this.db.query<{ key: string }>(
        'DELETE FROM happening_stale s USING unnest($1::text[], $2::bigint[]) AS x(key, seq) WHERE s.key = x.key AND s.seq = x.seq RETURNING s.key',
        [buckets.map((b) => b.key), buckets.map((b) => b.seq)],
      );
      const done = new Set(cleared.map((r) => r.key));
      return buckets.map((b) => b.key).filter((k) => !done.has(k));
    });
  }

  async listHappenings(options: HappeningListOptions = {}): Promise<MergedEvent[]> {
    const { where, params } = await this.filter(options);
    const bind = (v: unknown) => `$${params.push(v)}`;
    const page = `LIMIT ${bind(options.limit ?? 50)} OFFSET ${bind(options.offset ?? 0)}`;
    const cut = options.sourcesLimit;
    // the first sources only, cut by the server; none read for a limit of 0
    let sources = 'j.sources';
    if (cut === 0) sources = "CASE WHEN j.sources IS NOT NULL THEN '[]' END";
    else if (cut !== undefined) {
      sources = `CASE WHEN j.sources IS NOT NULL THEN (SELECT COALESCE(json_agg(s.value ORDER BY s.i), '[]')::text
                   FROM json_array_elements(j.sources::json) WITH ORDINALITY AS s(value, i) WHERE s.i <= ${bind(cut)}) END`;
    }
    const rows = await this.db.query<{ event: string; sources: string | null }>(
      // the page is chosen on the narrow table, then only its merged events are read
      `SELECT j.event, ${sources} AS sources FROM (SELECT key, n, sort_day, sort_published, sort_article, sort_ord FROM happenings h ${where}
                            ORDER BY ${ORDER} ${page}) p
         JOIN happening_json j ON j.key = p.key AND j.n = p.n ORDER BY ${ORDER}`,
      params,
    );
    return rows.map((r) => joinHappening(r.event, r.sources === null ? null : (JSON.parse(r.sources) as EventSource[]), cut));
  }

  async happeningSources(ids: string[]): Promise<Map<string, EventSource[]>> {
    const rows = await this.db.query<{ id: string; event: string | null; sources: string | null }>(
      'SELECT id, CASE WHEN sources IS NULL THEN event END AS event, sources FROM happening_json WHERE id = ANY($1::text[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.sources === null ? (JSON.parse(r.event!) as MergedEvent).sources : (JSON.parse(r.sources) as EventSource[])]));
  }

  async happeningDays(filters: HappeningFilters = {}): Promise<HappeningDayCount[]> {
    const byActor = filters.actor !== undefined || filters.actors !== undefined;
    // no filter but the type: the kept counts (a row per day and type), no merged event read
    if (!byActor && !filters.from && !filters.to) {
      return this.db.query<HappeningDayCount>(
        `SELECT NULLIF(day, '') AS day, type, count FROM happening_days ${filters.type ? 'WHERE type = $1' : ''} ORDER BY day, type`,
        filters.type ? [filters.type] : [],
      );
    }
    const { where, params } = await this.filter(filters);
    const lows = byActor ? null : spanLowerBounds(filters.from || undefined);
    // a date window: per span class, the index range of first days from its bound to `to`
    const from = lows
      ? `unnest($${params.push(lows)}::text[]) WITH ORDINALITY AS c(lo, k) JOIN happenings h ON h.span_class = c.k - 1 AND h.first_day >= c.lo`
      : 'happenings h';
    return this.db.query<HappeningDayCount>(
      `SELECT h.day, h.type, COUNT(*)::int AS count FROM ${from} ${where} GROUP BY h.day, h.type ORDER BY h.day, h.type`,
      params,
    );
  }

  async storyCountKeys(limit: number, after = ''): Promise<string[]> {
    return (await this.db.query<{ key: string }>('SELECT key FROM story_count_stale WHERE key > $1 ORDER BY key LIMIT $2', [after, limit])).map((r) => r.key);
  }

  async setStoryCounts(counts: { key: string; stories: StoryEventCount[] }[]): Promise<void> {
    if (!counts.length) return;
    await this.db.tx(async () => {
      await this.db.query("SELECT pg_advisory_xact_lock(hashtext('marsad:happenings'))");
      const listed = await this.db.query<{ key: string }>('DELETE FROM story_count_stale WHERE key = ANY($1::text[]) RETURNING key', [counts.map((c) => c.key)]);
      const keys = new Set(listed.map((r) => r.key));
      const kept = counts.filter((c) => keys.has(c.key));
      if (!kept.length) return;
      await this.db.query('DELETE FROM story_happenings WHERE key = ANY($1::text[])', [kept.map((c) => c.key)]);
      const rows = kept.flatMap((c) => c.stories.filter((x) => x.count > 0).map((x) => ({ ...x, key: c.key })));
      if (rows.length) {
        await this.db.query('INSERT INTO story_happenings (story_id, key, count) SELECT * FROM unnest($1::text[], $2::text[], $3::int[])', [
          rows.map((x) => x.story),
          rows.map((x) => x.key),
          rows.map((x) => x.count),
        ]);
      }
    });
  }

  async storyEventCounts(storyIds: string[]): Promise<Map<string, number>> {
    if (!storyIds.length) return new Map();
    const rows = await this.db.query<{ id: string; count: number }>(
      `SELECT j.id, (SELECT COALESCE(SUM(s.count), 0)::int FROM story_happenings s WHERE s.story_id = j.id) AS count FROM unnest($1::text[]) AS j(id)`,
      [storyIds],
    );
    return new Map(rows.map((r) => [r.id, r.count]));
  }

  /**
   * Moves the kept counts per directed pair by what the buckets written lost and gained, and
   * takes each touched pair's labels and order from its newest merged event now (a pair
   * whose count did not move may have a newer one, or relabelled actors).
   */
  private async keepPairs(pairs: { s: string; t: string; type: string; delta: number }[]): Promise<void> {
    if (!pairs.length) return;
    const col = <T>(f: (p: (typeof pairs)[number]) => T) => pairs.map(f);
    const moved = pairs.filter((p) => p.delta !== 0);
    if (moved.length) {
      // a pair new to the table takes its labels and order from the update below
      await this.db.query(
        `INSERT INTO happening_pairs (source_id, target_id, type, count, source_label, target_label, sort_day, sort_published, sort_article, sort_ord)
         SELECT s, t, type, d, '', '', '', '', '', 0 FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS x(s, t, type, d)
         ON CONFLICT (source_id, target_id, type) DO UPDATE SET count = happening_pairs.count + excluded.count`,
        [moved.map((p) => p.s), moved.map((p) => p.t), moved.map((p) => p.type), moved.map((p) => p.delta)],
      );
      await this.db.query(
        `DELETE FROM happening_pairs p USING unnest($1::text[], $2::text[], $3::text[]) AS x(s, t, type)
         WHERE p.source_id = x.s AND p.target_id = x.t AND p.type = x.type AND p.count <= 0`,
        [moved.map((p) => p.s), moved.map((p) => p.t), moved.map((p) => p.type)],
      );
    }
    await this.db.query(
      `UPDATE happening_pairs p SET (source_label, target_label, sort_day, sort_published, sort_article, sort_ord) = (
         SELECT h.source_label, h.target_label, h.sort_day, h.sort_published, h.sort_article, h.sort_ord FROM happenings h
         WHERE h.source_id = p.source_id AND h.target_id = p.target_id AND h.type = p.type
         ORDER BY h.sort_day DESC, h.sort_published DESC, h.sort_article, h.sort_ord LIMIT 1)
       FROM unnest($1::text[], $2::text[], $3::text[]) AS x(s, t, type)
       WHERE p.source_id = x.s AND p.target_id = x.t AND p.type = x.type`,
      [col((p) => p.s), col((p) => p.t), col((p) => p.type)],
    );
  }

  async happeningPairs(filters: HappeningFilters = {}): Promise<HappeningPairCount[]> {
    const { where, params } = await this.filter(filters);
    type PairRow = { source_id: string; source_label: string; target_id: string; target_label: string; type: string; count: number };
    let rows: PairRow[];
    if (!filters.from && !filters.to && filters.actors === undefined) {
      // the kept counts: a row per pair, newest first (an actor's through the key and happening_pairs_target)
      rows = await this.db.query<PairRow>(`SELECT source_id, source_label, target_id, target_label, type, count FROM happening_pairs h ${where} ORDER BY ${ORDER}`, params);
    } else {
      const pair = 'h.target_id IS NOT NULL AND h.target_id <> h.source_id';
      const lows = filters.actor !== undefined || filters.actors !== undefined ? null : spanLowerBounds(filters.from || undefined);
      // a date window: the window's merged events through their span classes (as happeningDays); an actor: through its indexes
      const from = lows
        ? `unnest($${params.push(lows)}::text[]) WITH ORDINALITY AS c(lo, k) JOIN happenings h ON h.span_class = c.k - 1 AND h.first_day >= c.lo`
        : 'happenings h';
      rows = await this.db.query<PairRow>(
        `SELECT source_id, source_label, target_id, target_label, type, count FROM (
           SELECT h.source_id, h.source_label, h.target_id, h.target_label, h.type, h.sort_day, h.sort_published, h.sort_article, h.sort_ord,
                  (COUNT(*) OVER (PARTITION BY h.source_id, h.target_id, h.type))::int AS count,
                  ROW_NUMBER() OVER (PARTITION BY h.source_id, h.target_id, h.type ORDER BY h.sort_day DESC, h.sort_published DESC, h.sort_article, h.sort_ord) AS newest
           FROM ${from} ${where ? `${where} AND ${pair}` : `WHERE ${pair}`}) p
         WHERE newest = 1 ORDER BY ${ORDER}`,
        params,
      );
    }
    return rows.map((r) => ({ source: { id: r.source_id, label: r.source_label }, target: { id: r.target_id, label: r.target_label }, type: r.type, count: r.count }));
  }

  /** The WHERE clause of the views' filters over happenings (alias h), with its parameters. */
  private async filter(f: HappeningFilters): Promise<{ where: string; params: unknown[] }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const bind = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (f.actor) {
      // stored ids are those answering at the bucket's last merge; an id merged away answers as the kept one
      const ids = [...new Set([f.actor, (await this.live([f.actor])).get(f.actor) ?? f.actor])];
      const p = bind(ids);
      where.push(`(h.source_id = ANY(${p}::text[]) OR h.target_id = ANY(${p}::text[]))`);
    }
    if (f.actors) {
      const live = await this.live(f.actors);
      const p = bind([...new Set(f.actors.flatMap((id) => [id, live.get(id) ?? id]))]);
      where.push(`(h.source_id = ANY(${p}::text[]) OR h.target_id = ANY(${p}::text[]))`);
    }
    if (f.type) where.push(`h.type = ${bind(f.type)}`);
    if (f.from) where.push(`h.last_day >= ${bind(f.from)}`);
    if (f.to) where.push(`h.first_day <= ${bind(f.to)}`);
    return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
  }
}
