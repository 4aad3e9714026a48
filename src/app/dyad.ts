/**
 * The dyad view over a store (`marsad dyad`, `GET /api/dyad`), on the affiliations derived
 * from the curated actors and the stored roles (src/app/affiliations.ts: kept current as the
 * corpus changes, and stored, so an analyst can see and correct them). A dyad reads the
 * affiliations and entity facts of its own actors only, not every one of the store (issue #7).
 */
import { ENTITY_TYPES, type CanonicalEntity, type EntityType } from '../model/entity.js';
import { MarsadError } from '../model/errors.js';
import { computeDyad, labelQuotes, type DyadLevel, type DyadPeriod, type DyadReport } from '../resolve/dyad.js';
import { lookupKeys, mentionKey } from '../resolve/entity-linking.js';
import { ploverScores } from '../resolve/plover-scores.js';
import type { MarsadStore } from '../store/store.js';
import { affiliationsUp, keepAffiliationsCurrent } from './affiliations.js';
import { listMergedEvents } from './stories.js';

export { refreshAffiliations } from './affiliations.js';

/**
 * The entity an analyst means by `ref`: an entity id, else a name resolved the way mentions
 * are linked (lookup keys), an exact name first, then the most mentioned candidate.
 * @example await resolveEntityRef(store, 'المغرب') // the entity 'country-ma'
 */
export async function resolveEntityRef(store: MarsadStore, ref: string): Promise<CanonicalEntity> {
  const text = ref.trim();
  const byId = text ? await store.getEntity(text) : null;
  if (byId) return byId;
  const key = mentionKey(text);
  const found: CanonicalEntity[] = [];
  for (const type of ENTITY_TYPES) found.push(...(await store.entityCandidates(type, lookupKeys(text, type), 10)));
  const exact = found.filter((e) => [e.label, e.label_en ?? '', ...e.aliases.map((a) => a.text)].some((n) => n && mentionKey(n) === key));
  const pick = (list: CanonicalEntity[]) => [...list].sort((x, y) => y.articles - x.articles)[0];
  const best = pick(exact) ?? pick(found);
  if (!best || !key) throw new MarsadError('ENTITY_NOT_FOUND', `no entity with this id or name`, ref);
  return best;
}

/** The level an entity sits at, by its type. */
export function levelOf(type: EntityType): DyadLevel {
  return type === 'PERSON' ? 'person' : type === 'ORG' ? 'org' : 'country';
}

export interface DyadOptions {
  a: string;
  b: string;
  /** default: the higher level of A's and B's types */
  level?: DyadLevel;
  by?: DyadPeriod;
  from?: string;
  to?: string;
  /** most quotes listed, newest first (default DYAD_QUOTES_LIMIT); `quotes_total` counts them all */
  quotesLimit?: number;
}

/**
 * Quotes a dyad lists when not asked for another number: the articles reporting Morocco and
 * the United States at 100k synthetic articles hold 363,691, which took seconds to read and
 * label and megabytes to send, for a page that shows a few.
 */
export const DYAD_QUOTES_LIMIT = 100;
/** Most quotes a dyad may be asked to list. */
export const MAX_DYAD_QUOTES_LIMIT = 100_000;

const RANK: Record<DyadLevel, number> = { person: 0, org: 1, country: 2 };
/** How many affiliation steps separate an actor from the side it counts for, at most (person → organisation → country). */
const MAX_ROLL_UP = 2;

/**
 * The dyad of two entities (ids or names) over the stored events.
 * @example await dyadOf(store, { a: 'المغرب', b: 'الولايات المتحدة', by: 'month' })
 */
export async function dyadOf(store: MarsadStore, o: DyadOptions): Promise<DyadReport> {
  const a = await resolveEntityRef(store, o.a);
  const b = await resolveEntityRef(store, o.b);
  if (a.id === b.id) throw new MarsadError('BAD_ARGUMENT', `A and B are the same entity (${a.id})`, `${o.a} ${o.b}`);
  const la = levelOf(a.type);
  const lb = levelOf(b.type);
  const level = o.level ?? (RANK[la] >= RANK[lb] ? la : lb);
  await keepAffiliationsCurrent(store);
  // Only events with an actor that can count for A or B: those entities and everyone who
  // belongs to them, down the affiliations whatever their dates (computeDyad checks the
  // dates). Every other event is skipped by computeDyad, so reading them changed nothing but
  // the time, which grew with the corpus. The store narrows to the asked days (an undated
  // event by its article's day), as `marsad events` does.
  const actors = new Set([a.id, b.id]);
  let frontier = [a.id, b.id];
  for (let d = 0; d < MAX_ROLL_UP && frontier.length; d++) {
    frontier = (await store.listAffiliations({ ofAny: frontier })).map((aff) => aff.member).filter((id) => !actors.has(id) && actors.add(id));
  }
  // without their sources: computeDyad does not read them, and a frequent happening's run to
  // thousands of articles; those of the dyad's own events are read once it has chosen them
  const events = await listMergedEvents(store, { from: o.from, to: o.to, actors: [...actors], sourcesLimit: 0 });
  // the affiliations the roll-up of the events' actors reads, the same as over every affiliation
  const up = affiliationsUp(store, MAX_ROLL_UP);
  await up.add(events.flatMap((e) => (e.target ? [e.source.id, e.target.id] : [e.source.id])));
  const affiliations = [...up.list()];
  // the names and roles of the events' actors and of what they belong to, through their keys
  const ids = new Set(events.flatMap((e) => [e.source.id, e.target?.id ?? '']).filter((id) => id && !id.startsWith('generic:') && !id.startsWith('local:')));
  const facts = await store.entityFacts([...ids, ...affiliations.map((aff) => aff.of)]);
  const factOf = new Map(facts.map((f) => [f.id, f]));
  const entities = new Map<string, { label: string; type: EntityType; roles: string[] }>();
  for (const id of ids) {
    // an entity no article names any more (or merged away) is not among the facts: asked for alone
    const e = factOf.get(id) ?? (await store.getEntity(id));
    if (e) entities.set(id, { label: e.label, type: e.type, roles: e.roles.map((r) => r.role) });
  }
  for (const aff of affiliations) {
    if (entities.has(aff.of)) continue;
    const e = factOf.get(aff.of) ?? (await store.getEntity(aff.of));
    if (e) entities.set(aff.of, { label: e.label, type: e.type, roles: [] });
  }
  const report = computeDyad({
    a: { id: a.id, label: a.label, type: a.type, country: a.country },
    b: { id: b.id, label: b.label, type: b.type, country: b.country },
    level,
    by: o.by ?? 'month',
    from: o.from,
    to: o.to,
    events,
    affiliations,
    articlesByDay: await store.articlesByDay(),
    entities,
    quotes: [],
    scores: ploverScores(),
  });
  const sources = await store.happeningSources(report.events.map((e) => e.id));
  for (const e of report.events) e.sources = sources.get(e.id) ?? [];
  // the newest quotes of the articles that report the dyad's events, and how many they hold:
  // read up to the limit in the store (all of them were read, with their articles, then labelled)
  const articles = [...new Set(report.events.flatMap((e) => e.sources.map((s) => s.article)))];
  const { total, quotes } = await store.newestQuotesOf(articles, o.quotesLimit ?? DYAD_QUOTES_LIMIT);
  // the speakers' affiliations too, for their parties
  await up.add(quotes.flatMap((q) => (q.speaker?.id ? [q.speaker.id] : [])));
  report.quotes = labelQuotes({ a, b, level, affiliations: up.list(), events: report.events, quotes });
  report.quotes_total = total;
  return report;
}
