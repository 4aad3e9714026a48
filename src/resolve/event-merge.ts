/**
 * Merged events: the same happening reported by several articles becomes one event with its
 * list of sources (like GDELT's NumArticles / NumSources, without its duplicate rows).
 *
 * Two events of different articles are the same happening when
 *   - they have the same PLOVER type and the same status class (a negated, hypothetical or
 *     future event is never the report of one that happened; plain and historical are alike);
 *   - they have the same actor pair: same actor, same recipient (or both none) — in either
 *     order for CONSULT, where who met whom is a matter of which outlet wrote it;
 *   - and their dates overlap (day ranges; a month or year covers its days), or, where either
 *     date is unknown, their articles are in the same story.
 * Merging is transitive, but a group never holds two events of one article (an article's
 * events are distinct by construction) and never holds two dated events whose dates do not
 * overlap: every dated member must share at least one day with every other.
 * Pure: no store, no I/O; deterministic for the same input.
 */
import type { StoredEvent } from '../model/event.js';

/** What the merge needs to know of an event's article. */
export interface EventArticleInfo {
  /** path or URL the article was ingested from */
  source: string;
  /** outlet name, or null when unknown */
  site: string | null;
  published: string | null;
  /** the story the article is in, or null */
  story: string | null;
}

/** One article that reports a merged event. */
export interface EventSource {
  article: string;
  source: string;
  site: string | null;
}

/** A merged event: the representative report's fields plus every article that reports it. */
export interface MergedEvent extends StoredEvent {
  sources: EventSource[];
  /** distinct outlets (site, else the host of the source URL, else the source) */
  num_sources: number;
  /** articles reporting it (sources.length) */
  num_articles: number;
}

/** Day range of an event's date, YYYY-MM-DD inclusive, or null when it has none. */
export function dayRange(date: StoredEvent['date']): [string, string] | null {
  const start = date.start ?? date.end;
  const end = date.end ?? date.start;
  if (!start || !end) return null;
  const lo = expand(start, 'start');
  const hi = expand(end, 'end');
  return lo <= hi ? [lo, hi] : [hi, lo];
}

function expand(value: string, side: 'start' | 'end'): string {
  const v = value.slice(0, 10);
  if (/^\d{4}$/.test(v)) return side === 'start' ? `${v}-01-01` : `${v}-12-31`;
  const m = /^(\d{4})-(\d{2})$/.exec(v);
  if (m) {
    if (side === 'start') return `${v}-01`;
    const last = new Date(Date.UTC(+m[1]!, +m[2]!, 0)).getUTCDate();
    return `${v}-${String(last).padStart(2, '0')}`;
  }
  return v;
}

/**
 * The day an event counts on in the timeline: the first day of its date (a month or a year
 * counts on its first day), else its article's publication day; null when it has neither.
 * @example eventDay({ date: { start: '2024-03', end: null, text: null }, published: null }) // '2024-03-01'
 */
export function eventDay(e: Pick<StoredEvent, 'date' | 'published'>): string | null {
  return dayRange(e.date)?.[0] ?? publishedDay(e.published);
}

/** The YYYY-MM-DD day of a publication date, or null when it has none. */
export function publishedDay(published: string | null | undefined): string | null {
  return published && /^\d{4}-\d{2}-\d{2}/.test(published) ? published.slice(0, 10) : null;
}

function statusClass(status: StoredEvent['status']): string {
  return status === null || status === 'historical' ? 'happened' : status;
}

/** The key under which two events can be the same happening: type, status class, actor pair (unordered for CONSULT). */
export function happeningKey(e: Pick<StoredEvent, 'type' | 'status' | 'source' | 'target'>): string {
  const a = e.source.id;
  const b = e.target?.id ?? '';
  const pair = e.type === 'CONSULT' && b && b < a ? `${b}|${a}` : `${a}|${b}`;
  return `${e.type}:${statusClass(e.status)}:${pair}`;
}

/**
 * The bucket a stored event is merged in: its happening key, and for a pair of generic actors
 * (who are one happening only within one story, see mergeEvents) its story too — so that the
 * reports of "the police" or an unknown attacker, the largest keys by far, are merged again
 * per story, not all together, when one of them changes. Merging per bucket gives what
 * mergeEvents gives over every event.
 * @example happeningBucket(event, 'story-12') // 'ASSAULT:happened:generic:UNK|#story-12'
 */
export function happeningBucket(e: Pick<StoredEvent, 'type' | 'status' | 'source' | 'target'>, story: string | null): string {
  return isGenericPair(e) ? `${happeningKey(e)}#${story ?? ''}` : happeningKey(e);
}

/** Both ends generic actors (`generic:…`), a missing recipient counting as one. */
function isGenericPair(e: Pick<StoredEvent, 'source' | 'target'>): boolean {
  return [e.source?.id, e.target?.id ?? 'generic:'].every((id) => id?.startsWith('generic:'));
}

/**
 * The outlet an article counts for: its site name, else the host of its URL, else its source.
 * @example outletOf({ site: 'هسبريس', source: 'https://hespress.com/x', published: null, story: null }, 'a1') // 'هسبريس'
 */
export function outletOf(info: Pick<EventArticleInfo, 'site' | 'source'> | undefined, article: string): string {
  if (info?.site) return info.site.trim().toLowerCase();
  const src = info?.source ?? article;
  try {
    return new URL(src).hostname.replace(/^www\./, '');
  } catch {
    return src;
  }
}

interface Group {
  members: number[];
  articles: Set<string>;
  /** the actors of the members that are visits (a group never holds two visitors, see opposedVisits) */
  visitors: Set<string>;
  /** intersection of the dated members' day ranges; null when no member is dated */
  range: [string, string] | null;
}

/**
 * The pairs of positions (x < y) in a bucket whose events can be one happening, in the order
 * of a loop over every pair: dated events whose day ranges overlap, and events of one story
 * (an undated event joins only by its story, a generic actor's only within its story). Every
 * other pair fails the same-day-or-story test, so skipping it changes nothing; a bucket of
 * a frequent pair of actors over years no longer costs the square of its size. Pairs are
 * yielded one x at a time, never all held at once: a large bucket has tens of millions.
 */
function* candidatePairs(
  list: readonly number[],
  ranges: readonly ([string, string] | null)[],
  storyOf: (i: number) => string | null,
  settled: (x: number, y: number) => boolean,
  whole: (x: number) => boolean,
): Generator<[number, number]> {
  const n = list.length;
  const range = (x: number) => ranges[list[x]!]!;
  // dated positions by first day; the longest range (in days) bounds how far back an
  // overlapping range can start (unbounded if a day does not parse)
  const dated = [...list.keys()].filter((x) => ranges[list[x]!]);
  dated.sort((p, q) => (range(p)[0] < range(q)[0] ? -1 : range(p)[0] > range(q)[0] ? 1 : p - q));
  const rank = new Map(dated.map((x, k) => [x, k]));
  const day = (d: string) => Date.parse(d) / 86_400_000;
  let longest = 0;
  for (const x of dated) longest = Math.max(longest, day(range(x)[1]) - day(range(x)[0]));
  if (Number.isNaN(longest)) longest = Infinity;
  // parsed once: the backward scan reads them for every pair it passes
  const startDay = dated.map((x) => day(range(x)[0]));
  // each story's positions, ascending, and where each position sits in its story's list
  const byStory = new Map<string, number[]>();
  const inStory = new Map<number, number>();
  for (let x = 0; x < n; x++) {
    const story = storyOf(list[x]!);
    if (story === null) continue;
    const same = byStory.get(story) ?? [];
    if (same.length === 0) byStory.set(story, same);
    inStory.set(x, same.length);
    same.push(x);
  }
  for (let x = 0; x < n; x++) {
    // once one group holds the whole bucket, no pair is left to merge
    if (whole(x)) return;
    // A pair already in one group is skipped by the merge whenever it comes (groups only
    // grow), so it is left out here: a happening of thousands of same-day reports, once
    // merged, no longer costs a sorted list of every other report for each of its reports.
    const partners: number[] = [];
    const take = (y: number) => {
      if (y > x && !settled(x, y)) partners.push(y);
    };
    const k = rank.get(x);
    if (k !== undefined) {
      const [from, to] = range(x);
      // later starts overlap while they start by x's last day; earlier ones when they end on or after x's first
      for (let l = k + 1; l < dated.length && range(dated[l]!)[0] <= to; l++) take(dated[l]!);
      const reach = day(from) - longest;
      for (let l = k - 1; l >= 0 && !(startDay[l]! < reach); l--) if (range(dated[l]!)[1] >= from) take(dated[l]!);
    }
    const story = storyOf(list[x]!);
    if (story !== null) {
      const same = byStory.get(story)!;
      for (let l = inStory.get(x)! + 1; l < same.length; l++) take(same[l]!);
    }
    if (partners.length === 0) continue;
    const later = [...new Set(partners)].sort((a, b) => a - b);
    for (const y of later) yield [x, y];
  }
}

/** Whether two sets of article ids meet, looking up the smaller in the larger. */
function sharesArticle(x: ReadonlySet<string>, y: ReadonlySet<string>): boolean {
  const [fewer, more] = x.size <= y.size ? [x, y] : [y, x];
  for (const a of fewer) if (more.has(a)) return true;
  return false;
}

/**
 * Merges the events of different articles that report the same happening. The result keeps
 * the order of the input (a merged event sits where its first member was); its fields are
 * those of its representative — the earliest-published article's dated report, else the
 * earliest report — plus `sources` (earliest article first), `num_sources`, `num_articles`.
 * @example mergeEvents(events, new Map([[a, { source, site, published, story }]]))
 */
export function mergeEvents(events: readonly StoredEvent[], articles: ReadonlyMap<string, EventArticleInfo>): MergedEvent[] {
  return mergeEventGroups(events, articles).map((g) => g.event);
}

/** A merged event with the positions, in the input, of the events it merges (ascending). */
export interface MergedGroup {
  event: MergedEvent;
  members: number[];
}

/**
 * `mergeEvents` with each merged event's members: the persisted merged events
 * (src/app/merged-events.ts) sort a merged event by its first member and filter it by the
 * days all its members cover.
 * @example mergeEventGroups(events, info).map((g) => g.members) // [[0, 2], [1]]
 */
export function mergeEventGroups(events: readonly StoredEvent[], articles: ReadonlyMap<string, EventArticleInfo>): MergedGroup[] {
  const ranges = events.map((e) => dayRange(e.date));
  const storyOf = (i: number) => articles.get(events[i]!.article)?.story ?? null;
  const groupOf: Group[] = events.map((e, i) => ({
    members: [i],
    articles: new Set([e.article]),
    visitors: new Set(e.mode === 'visit' ? [e.source.id] : []),
    range: ranges[i]!,
  }));

  // Candidates only within a happening key: never compare every pair of events.
  const buckets = new Map<string, number[]>();
  events.forEach((e, i) => {
    const k = happeningKey(e);
    const list = buckets.get(k);
    if (list) list.push(i);
    else buckets.set(k, [i]);
  });

  // A generic actor ("الشرطة", an unknown attacker) names no one in particular: two reports
  // by such actors on one day are one happening only when their articles are one story.
  const generic = (i: number) => isGenericPair(events[i]!);
  const sameDayOrStory = (i: number, j: number): boolean => {
    const ri = ranges[i];
    const rj = ranges[j];
    const si = storyOf(i);
    const sameStory = si !== null && si === storyOf(j);
    if (generic(i) || generic(j)) return sameStory && (!ri || !rj || (ri[0] <= rj[1] && rj[0] <= ri[1]));
    if (ri && rj) return ri[0] <= rj[1] && rj[0] <= ri[1];
    return sameStory;
  };

  // A visit has a direction (PLOVER: the visitor is the actor, the host the recipient): A's
  // visit to B and B's visit to A are two happenings, though CONSULT pairs are unordered.
  const opposedVisits = (gi: Group, gj: Group): boolean => {
    for (const a of gi.visitors) for (const b of gj.visitors) if (a !== b) return true;
    return false;
  };

  for (const list of buckets.values()) {
    const settled = (x: number, y: number) => groupOf[list[x]!] === groupOf[list[y]!];
    const whole = (x: number) => groupOf[list[x]!]!.members.length === list.length;
    for (const [x, y] of candidatePairs(list, ranges, storyOf, settled, whole)) {
      const i = list[x]!;
      const j = list[y]!;
      const gi = groupOf[i]!;
      const gj = groupOf[j]!;
      if (gi === gj || events[i]!.article === events[j]!.article) continue;
      if (opposedVisits(gi, gj)) continue;
      if (!sameDayOrStory(i, j)) continue;
      // the groups must be article-disjoint and their dated members must share a day
      if (sharesArticle(gi.articles, gj.articles)) continue;
      let range = gi.range ?? gj.range;
      if (gi.range && gj.range) {
        const lo = gi.range[0] > gj.range[0] ? gi.range[0] : gj.range[0];
        const hi = gi.range[1] < gj.range[1] ? gi.range[1] : gj.range[1];
        if (lo > hi) continue;
        range = [lo, hi];
      }
      // The smaller group moves into the larger, whose sets grow in place: copying both into a
      // new group at every merge cost the square of a large happening's reports. Members are
      // sorted before use, so which group absorbs which changes nothing.
      const [big, small] = gi.members.length >= gj.members.length ? [gi, gj] : [gj, gi];
      for (const m of small.members) {
        big.members.push(m);
        groupOf[m] = big;
      }
      for (const a of small.articles) big.articles.add(a);
      for (const v of small.visitors) big.visitors.add(v);
      big.range = range;
    }
  }

  const published = (i: number) => articles.get(events[i]!.article)?.published ?? events[i]!.published ?? '\uffff';
  const byAge = (a: number, b: number) => {
    const pa = published(a);
    const pb = published(b);
    return pa < pb ? -1 : pa > pb ? 1 : events[a]!.article < events[b]!.article ? -1 : events[a]!.article > events[b]!.article ? 1 : a - b;
  };
  const out: MergedGroup[] = [];
  const done = new Set<Group>();
  for (let i = 0; i < events.length; i++) {
    const g = groupOf[i]!;
    if (done.has(g)) continue;
    done.add(g);
    const members = [...g.members].sort(byAge);
    const rep = members.find((m) => ranges[m]) ?? members[0]!;
    const seen = new Set<string>();
    const sources: EventSource[] = [];
    for (const m of members) {
      const article = events[m]!.article;
      if (seen.has(article)) continue;
      seen.add(article);
      const info = articles.get(article);
      sources.push({ article, source: info?.source ?? article, site: info?.site ?? null });
    }
    const outlets = new Set(sources.map((s) => outletOf(articles.get(s.article), s.article)));
    out.push({
      event: { ...events[rep]!, sources, num_sources: outlets.size, num_articles: sources.length },
      members: [...g.members].sort((a, b) => a - b),
    });
  }
  return out;
}
