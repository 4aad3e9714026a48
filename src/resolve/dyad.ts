/**
 * The dyad of two actors A and B: the merged events between them in either direction, with
 * persons rolled up to their organisations and organisations to their countries as the
 * affiliations say on each event's date; a time series of counts per PLOVER type and quad
 * class with an intensity score; who carried the relationship; what was said in the
 * articles that report it. Periods in which the corpus has no article at all are gaps, not
 * zero activity.
 * Pure: no store, no I/O; deterministic for the same input.
 */
import type { Affiliation } from '../model/affiliation.js';
import type { EntityType } from '../model/entity.js';
import type { StoredQuote } from '../model/quote.js';
import { byMember, rollUp } from './affiliations.js';
import { dayRange, type MergedEvent } from './event-merge.js';
import { ploverCountry } from './countries.js';
import { eventScore, QUAD_CLASSES, type PloverScores, type QuadClass } from './plover-scores.js';

export type DyadLevel = 'person' | 'org' | 'country';
export const DYAD_LEVELS: readonly DyadLevel[] = ['person', 'org', 'country'];
export type DyadPeriod = 'week' | 'month' | 'year';
export const DYAD_PERIODS: readonly DyadPeriod[] = ['week', 'month', 'year'];

/** One side of the dyad as the caller resolved it. */
export interface DyadActor {
  id: string;
  label: string;
  type: EntityType;
  /** ISO 3166-1 alpha-2 country of the actor, when known */
  country?: string | null;
}

/** What the dyad is computed from. */
export interface DyadInput {
  a: DyadActor;
  b: DyadActor;
  level: DyadLevel;
  by: DyadPeriod;
  /** inclusive day bounds (YYYY-MM-DD), or undefined for open */
  from?: string;
  to?: string;
  /** merged events (as `marsad events --json`), at least every one touching either side */
  events: readonly MergedEvent[];
  /** the affiliations in force */
  affiliations: readonly Affiliation[];
  /** the publication day of every stored article (null when undated), for coverage and gaps */
  /** how many stored articles were published each day (the corpus's coverage; null: undated), as `store.articlesByDay` gives them */
  articlesByDay: readonly { day: string | null; articles: number }[];
  /** what is known of the entities named by the events: label, type, roles with their offices */
  entities: ReadonlyMap<string, { label: string; type: EntityType; roles: string[] }>;
  /** the quotes of the articles that report the dyad's events (any others are ignored) */
  quotes: readonly StoredQuote[];
  scores: PloverScores;
}

/** How an end of an event counts for A or B: the chain of affiliations from the actor to the side. */
export interface DyadLink {
  side: 'a' | 'b';
  /** the actor of the event */
  id: string;
  label: string;
  /** the organisations and country passed through (ids), empty when the actor is the side itself */
  via: string[];
}

export interface DyadEvent extends MergedEvent {
  /** 'a>b' when A's side is the actor, 'b>a' when B's is */
  direction: 'a>b' | 'b>a';
  /** how the actor and the recipient count for their sides */
  links: { source: DyadLink; target: DyadLink };
  /** the PLOVER intensity score of the event (null for a type the table lacks) */
  score: number | null;
  /** the period it counts in */
  period: string;
}

export interface DyadSeriesRow {
  period: string;
  /** merged dyad events per PLOVER type */
  counts: Record<string, number>;
  /** merged dyad events per quad class; empty in a gap */
  quad: Partial<Record<QuadClass, number>>;
  /** sum of the events' scores; 0 with articles but no events; null in a gap */
  score: number | null;
  /** stored articles published in the period (the corpus's coverage) */
  articles: number;
  /** true when the corpus has no article in the period: nothing can be said of it */
  gap: boolean;
}

/** A person or organisation who carried the relationship. */
export interface DyadCarrier {
  id: string;
  label: string;
  type: EntityType;
  side: 'a' | 'b';
  /** the roles (offices) seen with the name */
  roles: string[];
  /** the organisations and country it counted for (ids, with labels where known) */
  via: { id: string; label: string }[];
  /** dyad events it took part in */
  events: number;
}

/** An actor the events put beside A or B whose affiliation is unknown: it counted for no side. */
export interface DyadUnrolled {
  id: string;
  label: string;
  type: EntityType;
  roles: string[];
  /** events of either side it took part in, that would count if it were affiliated */
  events: number;
}

export interface DyadQuote extends StoredQuote {
  /** whose side the speaker is on: 'a', 'b', 'third-party' (a known speaker of neither), or 'unattributed' */
  party: 'a' | 'b' | 'third-party' | 'unattributed';
}

/** The dyad (contract of `marsad dyad --json`). */
export interface DyadReport {
  /** `country`: the side's PLOVER actor country code (ISO 3166-1 alpha-3, e.g. MAR), null when it has none */
  a: { id: string; label: string; country: string | null };
  b: { id: string; label: string; country: string | null };
  level: DyadLevel;
  by: DyadPeriod;
  from: string | null;
  to: string | null;
  events: DyadEvent[];
  series: DyadSeriesRow[];
  /** dyad events with neither a date nor a dated article: in `events`, in no period of `series` */
  undated: number;
  actors: DyadCarrier[];
  unrolled: DyadUnrolled[];
  /** the newest quotes of the articles reporting the dyad's events (at most the limit asked; `marsad dyad --quotes-limit`, `quotes_limit`) */
  quotes: DyadQuote[];
  /** how many quotes those articles hold in all (more than `quotes.length` when the list was cut) */
  quotes_total: number;
  /** where the quad classes and scores come from */
  scores: string;
}

/** How many affiliation steps a level rolls up: none for persons, person → organisation, and on to the country. */
const DEPTH: Record<DyadLevel, number> = { person: 0, org: 1, country: 2 };

/** Statuses whose events did not happen as reported: listed, but not counted or scored. */
const UNCOUNTED = new Set(['negation', 'hypothetical']);

/**
 * The period a day falls in: "2022" (year), "2022-06" (month), "2022-W24" (ISO week).
 * @example periodOf('2022-06-13', 'week') // '2022-W24'
 */
export function periodOf(day: string, by: DyadPeriod): string {
  if (by === 'year') return day.slice(0, 4);
  if (by === 'month') return day.slice(0, 7);
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(d.getTime() + (3 - dow) * 86400000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86400000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The first day of a period. */
function periodStart(p: string): string {
  if (/^\d{4}$/.test(p)) return `${p}-01-01`;
  if (/^\d{4}-\d{2}$/.test(p)) return `${p}-01`;
  const m = /^(\d{4})-W(\d{2})$/.exec(p)!;
  const jan4 = new Date(Date.UTC(+m[1]!, 0, 4));
  const monday = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000 + (+m[2]! - 1) * 7 * 86400000;
  return new Date(monday).toISOString().slice(0, 10);
}

/** The period after `p`. */
function nextPeriod(p: string, by: DyadPeriod): string {
  if (by === 'year') return String(+p + 1);
  if (by === 'month') {
    const [y, m] = p.split('-').map(Number) as [number, number];
    return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  const start = new Date(`${periodStart(p)}T00:00:00Z`).getTime() + 7 * 86400000;
  return periodOf(new Date(start).toISOString().slice(0, 10), 'week');
}

/** Every period from `first` to `last`, both included. */
function periodsBetween(first: string, last: string, by: DyadPeriod): string[] {
  const out: string[] = [];
  for (let p = first; p <= last && out.length < 100000; p = nextPeriod(p, by)) out.push(p);
  return out;
}

/** The days an event counts for: its date, else its article's publication day. */
function eventDays(e: MergedEvent): [string, string] | null {
  const r = dayRange(e.date);
  if (r) return r;
  return e.published ? [e.published.slice(0, 10), e.published.slice(0, 10)] : null;
}

/**
 * The dyad of A and B over the events given.
 * @example computeDyad({ a, b, level: 'country', by: 'month', events, affiliations, articlesByDay, entities, quotes, scores })
 */
export function computeDyad(input: DyadInput): DyadReport {
  const { a, b, level, by } = input;
  const depth = DEPTH[level];
  const members = byMember(input.affiliations);
  const label = (id: string) => input.entities.get(id)?.label ?? (id === a.id ? a.label : id === b.id ? b.label : id);

  const events: DyadEvent[] = [];
  const carriers = new Map<string, DyadCarrier>();
  const unrolled = new Map<string, DyadUnrolled>();

  for (const e of input.events) {
    const days = eventDays(e);
    const day = days?.[0] ?? null;
    if (input.from && (!day || day < input.from)) continue;
    if (input.to && (!day || day > input.to)) continue;
    const published = e.published;
    const side = (id: string): { side: 'a' | 'b'; via: string[] } | null => {
      const up = rollUp(members, id, days, published, depth);
      const toA = up.get(a.id);
      const toB = up.get(b.id);
      // an actor that counts for both sides (a shared organisation) counts for neither
      if (toA && toB) return null;
      if (toA) return { side: 'a', via: toA.map((x) => x.of).filter((x) => x !== a.id) };
      if (toB) return { side: 'b', via: toB.map((x) => x.of).filter((x) => x !== b.id) };
      return null;
    };
    const s = side(e.source.id);
    const t = e.target ? side(e.target.id) : null;
    if (s && t && s.side !== t.side) {
      const score = UNCOUNTED.has(e.status ?? '') ? null : eventScore(input.scores, e.type, e.mode);
      events.push({
        ...e,
        direction: s.side === 'a' ? 'a>b' : 'b>a',
        links: {
          source: { side: s.side, id: e.source.id, label: e.source.label, via: s.via },
          target: { side: t.side, id: e.target!.id, label: e.target!.label, via: t.via },
        },
        score,
        period: day ? periodOf(day, by) : 'undated',
      });
      for (const [ref, l] of [[e.source, s], [e.target!, t]] as const) {
        if (ref.id === a.id || ref.id === b.id) continue;
        const info = input.entities.get(ref.id);
        const c = carriers.get(ref.id) ?? {
          id: ref.id,
          label: info?.label ?? ref.label,
          type: info?.type ?? 'PERSON',
          side: l.side,
          roles: info?.roles ?? [],
          via: [],
          events: 0,
        };
        c.events++;
        for (const v of l.via) if (!c.via.some((x) => x.id === v)) c.via.push({ id: v, label: label(v) });
        carriers.set(ref.id, c);
      }
      continue;
    }
    // One end counts for a side and the other for none: is the other someone unaffiliated?
    const one = s ?? t;
    const other = s ? e.target : t ? e.source : null;
    if (!one || !other || other.id.startsWith('generic:') || other.id.startsWith('local:')) continue;
    const info = input.entities.get(other.id);
    if (!info || info.type === 'LOCATION') continue;
    if (rollUp(members, other.id, days, published, depth).size > 1) continue;
    const u = unrolled.get(other.id) ?? { id: other.id, label: info.label, type: info.type, roles: info.roles, events: 0 };
    u.events++;
    unrolled.set(other.id, u);
  }

  // the time series, over the asked range, else over the span of the events
  const coverage = new Map<string, number>();
  for (const { day, articles } of input.articlesByDay) {
    if (!day) continue;
    const k = periodOf(day.slice(0, 10), by);
    coverage.set(k, (coverage.get(k) ?? 0) + articles);
  }
  const dated = events.filter((e) => e.period !== 'undated').map((e) => e.period).sort();
  const first = input.from ? periodOf(input.from, by) : dated[0];
  const last = input.to ? periodOf(input.to, by) : dated[dated.length - 1];
  const series: DyadSeriesRow[] = [];
  if (first && last) {
    for (const period of periodsBetween(first, last, by)) {
      const articles = coverage.get(period) ?? 0;
      const inPeriod = events.filter((e) => e.period === period && !UNCOUNTED.has(e.status ?? ''));
      if (articles === 0 && inPeriod.length === 0) {
        series.push({ period, counts: {}, quad: {}, score: null, articles: 0, gap: true });
        continue;
      }
      const counts: Record<string, number> = {};
      const quad: Partial<Record<QuadClass, number>> = Object.fromEntries(QUAD_CLASSES.map((q) => [q, 0]));
      let score = 0;
      for (const e of inPeriod) {
        counts[e.type] = (counts[e.type] ?? 0) + 1;
        const q = input.scores.types.get(e.type)?.quad;
        if (q) quad[q] = (quad[q] ?? 0) + 1;
        score += e.score ?? 0;
      }
      series.push({ period, counts, quad, score: Math.round(score * 100) / 100, articles, gap: false });
    }
  }

  const quotes = labelQuotes({ a, b, level, affiliations: input.affiliations, events, quotes: input.quotes });

  const byEvents = <T extends { events: number; label: string }>(x: T, y: T) => y.events - x.events || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0);
  return {
    a: { id: a.id, label: a.label, country: ploverCountry(a.country) },
    b: { id: b.id, label: b.label, country: ploverCountry(b.country) },
    level,
    by,
    from: input.from ?? null,
    to: input.to ?? null,
    events,
    series,
    undated: events.filter((e) => e.period === 'undated' && !UNCOUNTED.has(e.status ?? '')).length,
    actors: [...carriers.values()].sort(byEvents),
    unrolled: [...unrolled.values()].sort(byEvents),
    quotes,
    quotes_total: quotes.length,
    scores: input.scores.source,
  };
}

/**
 * The quotes of the articles that report the dyad's events, each labelled with the party of
 * its speaker ('a', 'b', 'third-party' for a known speaker of neither side, 'unattributed').
 * @example labelQuotes({ a, b, level: 'country', affiliations, events: report.events, quotes })
 */
export function labelQuotes(input: {
  a: Pick<DyadActor, 'id'>;
  b: Pick<DyadActor, 'id'>;
  level: DyadLevel;
  affiliations: readonly Affiliation[];
  events: readonly MergedEvent[];
  quotes: readonly StoredQuote[];
}): DyadQuote[] {
  const members = byMember(input.affiliations);
  const depth = DEPTH[input.level];
  const articles = new Set(input.events.flatMap((e) => e.sources.map((x) => x.article)));
  const out: DyadQuote[] = [];
  for (const q of input.quotes) {
    if (!articles.has(q.article_id)) continue;
    // a named speaker the store could not link is still someone: a third party
    let party: DyadQuote['party'] = q.speaker ? 'third-party' : 'unattributed';
    if (q.speaker?.id) {
      const day = q.published ? q.published.slice(0, 10) : null;
      const up = rollUp(members, q.speaker.id, day ? [day, day] : null, q.published, depth);
      const inA = up.has(input.a.id);
      const inB = up.has(input.b.id);
      party = inA && !inB ? 'a' : inB && !inA ? 'b' : 'third-party';
    }
    out.push({ ...q, party });
  }
  return out;
}

/**
 * The time series as CSV, one row per period: period, gap, articles, score, the four quad
 * classes, then one column per PLOVER type that occurs. Gaps leave their counts empty.
 * @example dyadCsv(report) // 'period,gap,articles,score,verbal_cooperation,…\r\n2022-06,false,3,5.7,…'
 */
export function dyadCsv(report: Pick<DyadReport, 'series'>): string {
  const types = [...new Set(report.series.flatMap((r) => Object.keys(r.counts)))].sort();
  const head = ['period', 'gap', 'articles', 'score', ...QUAD_CLASSES, ...types];
  const rows = report.series.map((r) => [
    r.period,
    String(r.gap),
    String(r.articles),
    r.score === null ? '' : String(r.score),
    ...QUAD_CLASSES.map((q) => (r.gap ? '' : String(r.quad[q] ?? 0))),
    ...types.map((t) => (r.gap ? '' : String(r.counts[t] ?? 0))),
  ]);
  return [head, ...rows].map((cols) => cols.join(',')).join('\r\n') + '\r\n';
}
