/**
 * The dyad as it was computed before it read only its own actors' affiliations and facts
 * (issue #7): every entity's facts read, the affiliations derived again from them on each
 * request, every affiliation in force handed to the roll-up, and every quote of the dyad's
 * articles read one article at a time, sorted newest article first and cut at the limit. The
 * tests hold `dyadOf` to give exactly this.
 */
import type { Affiliation } from '../model/affiliation.js';
import { ENTITY_TYPES, type EntityType } from '../model/entity.js';
import type { StoredQuote } from '../model/quote.js';
import { deriveAffiliations } from '../resolve/affiliations.js';
import { computeDyad, labelQuotes, type DyadReport } from '../resolve/dyad.js';
import { loadKnownActors } from '../resolve/knowledge.js';
import { ploverScores } from '../resolve/plover-scores.js';
import type { MarsadStore } from '../store/store.js';
import { DYAD_QUOTES_LIMIT, levelOf, resolveEntityRef, type DyadOptions } from './dyad.js';
import { listMergedEvents } from './stories.js';

const RANK = { person: 0, org: 1, country: 2 } as const;

/**
 * The dyad of two entities, computed from every entity and every affiliation of the store.
 * @example assert.deepEqual(await dyadOf(store, o), await dyadBefore(store, o))
 */
export async function dyadBefore(store: MarsadStore, o: DyadOptions): Promise<DyadReport> {
  const a = await resolveEntityRef(store, o.a);
  const b = await resolveEntityRef(store, o.b);
  const la = levelOf(a.type);
  const lb = levelOf(b.type);
  const level = o.level ?? (RANK[la] >= RANK[lb] ? la : lb);
  const facts = await store.listEntityFacts([...ENTITY_TYPES]);
  await store.setDerivedAffiliations(deriveAffiliations({ actors: loadKnownActors(), entities: facts.filter((e) => e.type !== 'LOCATION') }));
  const affiliations: Affiliation[] = await store.listAffiliations();
  const members = new Map<string, string[]>();
  for (const aff of affiliations) members.set(aff.of, [...(members.get(aff.of) ?? []), aff.member]);
  const actors = new Set([a.id, b.id]);
  let frontier = [a.id, b.id];
  for (let d = 0; d < 2 && frontier.length; d++) {
    frontier = frontier.flatMap((id) => members.get(id) ?? []).filter((id) => !actors.has(id) && actors.add(id));
  }
  const events = await listMergedEvents(store, { from: o.from, to: o.to, actors: [...actors], sourcesLimit: 0 });
  const entities = new Map<string, { label: string; type: EntityType; roles: string[] }>();
  const factOf = new Map(facts.map((f) => [f.id, f]));
  const ids = new Set(events.flatMap((e) => [e.source.id, e.target?.id ?? '']).filter((id) => id && !id.startsWith('generic:') && !id.startsWith('local:')));
  for (const id of ids) {
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
  const articles = [...new Set(report.events.flatMap((e) => e.sources.map((s) => s.article)))];
  const refs = new Map((await store.articleRefs(articles)).map((r) => [r.id, r]));
  const quotes: Array<StoredQuote & { when: string }> = [];
  for (const id of articles) {
    const r = refs.get(id);
    const stored = await store.get(id);
    const title = r ? r.title : (stored?.article.title ?? null);
    const when = r?.published ?? stored?.createdAt ?? '';
    for (const q of await store.articleQuotes(id)) quotes.push({ ...q, article_id: id, title, published: r?.published ?? null, source: r?.source ?? id, when });
  }
  // newest article first (an undated one by when it was stored), then by id; an article's quotes in order (a stable sort)
  const bytes = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  quotes.sort((x, y) => bytes(y.when, x.when) || bytes(x.article_id, y.article_id));
  const newest = quotes.slice(0, o.quotesLimit ?? DYAD_QUOTES_LIMIT).map(({ when: _, ...q }) => q);
  report.quotes = labelQuotes({ a, b, level, affiliations, events: report.events, quotes: newest });
  report.quotes_total = quotes.length;
  return report;
}
