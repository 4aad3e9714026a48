/**
 * Affiliations derived from what the project knows, and the roll-up that uses them: a
 * person's events count for the organisation they represented at the time, and an
 * organisation's for its country.
 *
 * Derived from
 *   - the curated actors: `member_of` (person → organisation, with the office's dates) and
 *     the country of an organisation (organisation → `country-xx`); a curated person with a
 *     country but no known organisation counts for the country directly;
 *   - the roles seen with a name in articles: a role that names an organisation the store
 *     knows ("مدير وكالة الاستخبارات المركزية" names CIA), or that holds an office a curated
 *     member of an organisation holds ("وزير الخارجية الأمريكي" → the State Department), with
 *     the days the role was first and last seen. A role of a former office ("السابق") gives
 *     nothing: it says the office ended, not when it held.
 * Nothing is guessed beyond that: an actor none of these cover stays unrolled.
 * Pure: no store, no I/O.
 */
import type { Affiliation } from '../model/affiliation.js';
import type { EntityFacts, KnownActor } from '../model/entity.js';
import { fold } from '../arabic/index.js';

/** What affiliations are derived from. */
export interface AffiliationSources {
  /** the curated actors (data/knowledge/actors.json) */
  actors: readonly KnownActor[];
  /** the stored persons and organisations, with the roles seen with them */
  entities: readonly EntityFacts[];
}

const CURATED_BASIS = 'data/knowledge/actors.json';

/**
 * The version of the rules below: bumped with any change to what `deriveAffiliations` gives
 * for the same inputs, so that affiliations stored by an earlier version are derived again
 * (src/app/affiliations.ts).
 */
export const AFFILIATION_RULES = 1;

/** Key of one word for matching offices and names: folded, without و/ف, with لل/بال/كال read as ال, without ال. */
function wordKey(w: string): string {
  let k = fold(w);
  if (k.length > 3 && (k.startsWith('و') || k.startsWith('ف'))) k = k.slice(1);
  if (k.startsWith('لل')) k = 'ال' + k.slice(2);
  else if (k.startsWith('بال') || k.startsWith('كال')) k = k.slice(1);
  if (k.startsWith('ال') && k.length > 4) k = k.slice(2);
  return k;
}

function words(text: string): string[] {
  return text.split(/[\s،,.؛:()«»"“”-]+/u).filter(Boolean).map(wordKey);
}

/** Whether `needle` occurs in `hay` as a run of whole words. */
function containsRun(hay: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0 || needle.length > hay.length) return false;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const FORMER = new Set(['سابق', 'سابقه', 'سابقة'].map(wordKey));

/** Day of an ISO time (YYYY-MM-DD), or null. */
function dayOf(iso: string | null): string | null {
  return iso ? iso.slice(0, 10) : null;
}

/**
 * The affiliations the curated actors and the stored roles give, deduplicated.
 * @example deriveAffiliations({ actors: loadKnownActors(), entities: await store.listEntities({ type: 'PERSON' }) })
 */
export function deriveAffiliations(src: AffiliationSources): Affiliation[] {
  const out: Affiliation[] = [];
  const seen = new Set<string>();
  const add = (a: Omit<Affiliation, 'by' | 'at'>) => {
    const k = `${a.member}|${a.of}|${a.origin}|${a.from}|${a.to}|${a.basis}`;
    if (seen.has(k) || a.member === a.of) return;
    seen.add(k);
    out.push({ ...a, by: null, at: null });
  };
  const curated = new Map(src.actors.map((a) => [a.key, a]));

  // Names of the organisations: the curated ones and those the store holds (two words at
  // least: a one-word name such as "حماس" inside a role is more often a mention than an office).
  const orgNames = new Map<string, string[][]>();
  const addName = (id: string, name: string) => {
    const w = words(name);
    if (w.length < 2) return;
    const list = orgNames.get(id) ?? [];
    list.push(w);
    orgNames.set(id, list);
  };
  for (const a of src.actors) if (a.type === 'ORG') for (const n of [a.label, ...a.aliases]) addName(a.key, n);
  for (const e of src.entities) if (e.type === 'ORG') for (const n of [e.label, ...e.aliases.map((x) => x.text)]) addName(e.id, n);

  // Offices: the roles of curated members of an organisation stand for that organisation.
  // A member of several organisations gives each role to the one whose name shares most words with it.
  const offices: { words: string[]; org: string }[] = [];
  for (const a of src.actors) {
    const orgs = (a.member_of ?? []).map((m) => m.key);
    if (orgs.length === 0) continue;
    for (const role of a.roles) {
      const rw = words(role);
      if (rw.some((w) => FORMER.has(w))) continue;
      let best = orgs[0]!;
      let bestShared = -1;
      for (const o of orgs) {
        const names = orgNames.get(o) ?? [];
        const shared = Math.max(0, ...names.map((n) => n.filter((w) => rw.includes(w)).length));
        if (shared > bestShared) [best, bestShared] = [o, shared];
      }
      offices.push({ words: rw, org: best });
    }
  }

  // curated
  for (const a of src.actors) {
    for (const m of a.member_of ?? []) add({ member: a.key, of: m.key, from: m.from, to: m.to, origin: 'curated', basis: CURATED_BASIS });
    const country = a.country ? `country-${a.country.toLowerCase()}` : null;
    if (country && a.type === 'ORG') add({ member: a.key, of: country, from: null, to: null, origin: 'curated', basis: CURATED_BASIS });
    if (country && a.type === 'PERSON' && (a.member_of ?? []).length === 0) {
      add({ member: a.key, of: country, from: null, to: null, origin: 'curated', basis: CURATED_BASIS });
    }
  }
  // An organisation the store found, with a country from the gazetteers, belongs to it.
  for (const e of src.entities) {
    if (e.type !== 'ORG' || curated.has(e.id) || !e.country) continue;
    add({ member: e.id, of: `country-${e.country.toLowerCase()}`, from: null, to: null, origin: 'curated', basis: 'data/gazetteers' });
  }

  // Names and offices by their first word: a name inside a role starts at one of the role's
  // words, so only those are tried (trying every organisation with every role grew as
  // persons × organisations).
  // `rank` keeps the order of a scan over every name then every office, so the output is the same.
  const byFirstWord = new Map<string, { words: string[]; org: string; rank: number }[]>();
  let rank = 0;
  const index = (w: string[], org: string) => {
    const list = byFirstWord.get(w[0]!) ?? [];
    if (list.length === 0) byFirstWord.set(w[0]!, list);
    list.push({ words: w, org, rank });
  };
  for (const [id, names] of orgNames) {
    for (const n of names) index(n, id);
    rank++;
  }
  for (const o of offices) {
    if (o.words.length > 0) index(o.words, o.org);
    rank++;
  }

  // roles seen with a person's name
  for (const e of src.entities) {
    if (e.type !== 'PERSON') continue;
    for (const r of e.roles) {
      const rw = words(r.role);
      if (rw.some((w) => FORMER.has(w))) continue;
      const found: { org: string; rank: number }[] = [];
      for (const w of new Set(rw)) for (const n of byFirstWord.get(w) ?? []) if (containsRun(rw, n.words)) found.push(n);
      const orgs = new Set(found.sort((a, b) => a.rank - b.rank).map((n) => n.org));
      for (const org of orgs) {
        add({ member: e.id, of: org, from: dayOf(r.first_seen), to: dayOf(r.last_seen), origin: 'role', basis: r.role });
      }
    }
  }
  return out;
}

/** First and last day a date bound covers (a year or month covers its days). */
function bounds(v: string, side: 'from' | 'to'): string {
  if (/^\d{4}$/.test(v)) return side === 'from' ? `${v}-01-01` : `${v}-12-31`;
  const m = /^(\d{4})-(\d{2})$/.exec(v);
  if (m) {
    if (side === 'from') return `${v}-01`;
    const last = new Date(Date.UTC(+m[1]!, +m[2]!, 0)).getUTCDate();
    return `${v}-${String(last).padStart(2, '0')}`;
  }
  return v.slice(0, 10);
}

/**
 * Whether an affiliation holds on some day of `days` (an inclusive YYYY-MM-DD range). A
 * role-inferred one was only seen on its dates, in articles reporting the events: it holds
 * when the event's days or the reporting article's day (`published`) meet its window.
 * @example holdsAt(aff, ['2022-06-13', '2022-06-14'], '2022-06-20')
 */
export function holdsAt(a: Affiliation, days: readonly [string, string] | null, published: string | null = null): boolean {
  const lo = a.from ? bounds(a.from, 'from') : '0000-01-01';
  const hi = a.to ? bounds(a.to, 'to') : '9999-12-31';
  const meets = (r: readonly [string, string]) => r[0] <= hi && lo <= r[1];
  if (days && meets(days)) return true;
  const p = published ? published.slice(0, 10) : null;
  if (a.origin === 'role' && p && meets([p, p])) return true;
  // an undated event of an undated article: only an affiliation without dates can be said to hold
  return !days && !p && !a.from && !a.to;
}

/**
 * Everything `id` counts for on those days: itself, its organisations, their countries (up
 * to `depth` steps), each with the affiliation chain that led there.
 * @example rollUp(affs, 'william-burns', ['2022-06-13', '2022-06-13'], null, 2) // Map { 'william-burns', 'cia', 'country-us' }
 */
export function rollUp(
  byMember: ReadonlyMap<string, readonly Affiliation[]>,
  id: string,
  days: readonly [string, string] | null,
  published: string | null,
  depth: number,
): Map<string, Affiliation[]> {
  const out = new Map<string, Affiliation[]>([[id, []]]);
  let frontier = [id];
  for (let d = 0; d < depth && frontier.length; d++) {
    const next: string[] = [];
    for (const m of frontier) {
      for (const a of byMember.get(m) ?? []) {
        if (out.has(a.of) || !holdsAt(a, days, published)) continue;
        out.set(a.of, [...out.get(m)!, a]);
        next.push(a.of);
      }
    }
    frontier = next;
  }
  return out;
}

/**
 * Affiliations grouped by member, for `rollUp`.
 * @example byMember(await store.listAffiliations()).get('william-burns')
 */
export function byMember(affs: readonly Affiliation[]): Map<string, Affiliation[]> {
  const m = new Map<string, Affiliation[]>();
  for (const a of affs) {
    const list = m.get(a.member);
    if (list) list.push(a);
    else m.set(a.member, [a]);
  }
  return m;
}
