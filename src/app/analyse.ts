/**
 * The analysis pipeline over one stored article: recognise entities, attach roles, group
 * mentions within the article, link the groups to canonical entities, store them.
 */
import { createHash } from 'node:crypto';
import type { Article } from '../model/article.js';
import type { ArticleEntity, KnownActor } from '../model/entity.js';
import type { ArticleQuote } from '../model/quote.js';
import type { ArticleEvent } from '../model/event.js';
import { recogniseEntities } from '../analyse/entities.js';
import { attachRoles } from '../analyse/roles.js';
import { propagateMentions, type KnownName } from '../analyse/entity-propagation.js';
import { clusterMentions, type MentionCluster } from '../resolve/entity-coref.js';
import { findQuotes } from '../analyse/quotes.js';
import { findTimexes, type Timex } from '../analyse/timexes.js';
import { eventWords, triggerDetails, type TriggerDetail } from '../analyse/event-triggers.js';
import { buildEvents } from '../resolve/events.js';
import { attributeSpeakers, type Quote } from '../resolve/quote-speakers.js';
import { clusterKeys, decideLink, lookupKeys, toAssignments } from '../resolve/entity-linking.js';
import { loadKnownActors } from '../resolve/knowledge.js';
import { countryActors } from '../resolve/countries.js';
import type { MarsadStore } from '../store/store.js';

/**
 * Recorded with each completed analysis (`store.markAnalysed`); bump it when what analysis
 * stores changes, so `store.unanalysed(ANALYSIS_VERSION)` lists the articles analysed before.
 */
export const ANALYSIS_VERSION = '1';

/** Bumped when the linking keys change, so curated actors are re-keyed in existing stores. */
const KEYS_VERSION = 1;

/** Every lookup key of a curated actor: those of its label and of each alias. */
export function actorKeys(actor: KnownActor): string[] {
  const keys = new Set<string>();
  for (const name of [actor.label, ...actor.aliases]) for (const k of lookupKeys(name, actor.type)) keys.add(k);
  return [...keys];
}

let names: KnownName[] | null = null;

/** The curated actors' Arabic names, which the recogniser must not miss. */
function knownNames(): KnownName[] {
  if (!names) {
    names = [];
    for (const a of loadKnownActors()) {
      for (const name of [a.label, ...a.aliases]) if (/[\u0600-\u06FF]/.test(name) || /^[A-Z]{2,}$/.test(name)) names.push({ name, type: a.type });
    }
  }
  return names;
}

/**
 * Makes sure the store knows the curated actors of `data/knowledge/` (once per version of
 * the file), so that mentions of them link to their curated records.
 */
export async function ensureKnownActors(store: MarsadStore): Promise<void> {
  const actors = [...loadKnownActors(), ...countryActors()];
  const version = createHash('sha256').update(JSON.stringify(actors)).update(String(KEYS_VERSION)).digest('hex').slice(0, 16);
  await store.loadKnownActors(actors, actorKeys, version);
}

/** What the analysis of one article finds. */
export interface ArticleAnalysis {
  entities: ArticleEntity[];
  quotes: ArticleQuote[];
  timexes: Timex[];
  events: ArticleEvent[];
}

/**
 * What an article's text alone yields, before the store is consulted: mention clusters with
 * their linking keys, quotes with their speakers' clusters, dates and event triggers. A pure
 * function of the article, so it can be computed anywhere (a worker thread, `analyse-pool.ts`)
 * and handed to `analyseArticle`, which links and records it. Plain data: it survives a
 * structured clone.
 * @example const t = analyseText(article); t.clusters[0].label // 'ناصر بوريطة'
 */
export interface TextAnalysis {
  clusters: MentionCluster[];
  /** `clusterKeys` of each cluster, in cluster order */
  keys: string[][];
  quotes: Quote[];
  timexes: Timex[];
  triggers: TriggerDetail[];
}

/**
 * The store-free part of the analysis of one article (see `TextAnalysis`).
 * @example analyseText(extractArticle(page)).timexes[0]?.value // '2024-03-12'
 */
export function analyseText(article: Article): TextAnalysis {
  const text = article.text;
  const mentions = attachRoles(text, propagateMentions(text, recogniseEntities(text), knownNames()));
  const clusters = clusterMentions(text, mentions);
  for (const c of clusters) {
    // After لل the article is the shared ل, so the span starts at the stem ("للأمم المتحدة"
    // → "أمم المتحدة"); a label is a name, not a span, and gets its ال back.
    const m = c.mentions.find((x) => x.text === c.label);
    if (m && text.slice(Math.max(0, m.start - 2), m.start) === 'لل') c.label = 'ال' + c.label;
  }
  return {
    clusters,
    keys: clusters.map((c) => clusterKeys(c)),
    quotes: attributeSpeakers(text, findQuotes(text), clusters),
    timexes: findTimexes(text, article.published),
    triggers: triggerDetails(text, eventWords(text)),
  };
}

/**
 * Analyses a stored article: entities (linked across the store), quotes with their
 * speakers, dates resolved against the publication date, and events (PLOVER: who did what
 * to whom, when, where). Entities, quotes and events are recorded; re-running it replaces
 * what the article said before. `found` is the article's `analyseText`, when it was
 * computed elsewhere (a worker thread).
 * @example const { entities, quotes } = await analyseArticle(store, id, article);
 */
export async function analyseArticle(store: MarsadStore, articleId: string, article: Article, found: TextAnalysis = analyseText(article)): Promise<ArticleAnalysis> {
  const { clusters, timexes } = found;
  const entities = await linkEntities(store, articleId, article, found);
  // A cluster's entity is the one holding its first mention (clusters linked to one entity share it).
  const idOf = (c: MentionCluster) => entities.find((e) => e.mentions.some((m) => m.start === c.mentions[0]!.start)) ?? null;
  const quotes = found.quotes.map((q): ArticleQuote => {
    let speaker: ArticleQuote['speaker'] = null;
    if (q.speaker) {
      const entity = q.speaker.cluster === null ? null : idOf(clusters[q.speaker.cluster]!);
      speaker = entity ? { id: entity.id, label: entity.label } : { id: null, label: q.speaker.label };
    }
    return { text: q.text, start: q.start, end: q.end, cue: q.cue, speaker };
  });
  await store.setArticleQuotes(articleId, quotes);
  const refs = clusters.map((c) => {
    const e = idOf(c);
    return e ? { id: e.id, label: e.label } : null;
  });
  const events = buildEvents(article.text, found.triggers, clusters, refs, timexes, articleId);
  await store.setArticleEvents(articleId, events);
  return { entities, quotes, timexes, events };
}

/** Links each cluster to a stored entity (or a new one) and records the article's entities. */
async function linkEntities(store: MarsadStore, articleId: string, article: Article, found: TextAnalysis): Promise<ArticleEntity[]> {
  const { clusters, keys } = found;
  const labels = clusters.map((c) => c.label);
  const decisions = [];
  for (let i = 0; i < clusters.length; i++) {
    const candidates = await store.entityCandidates(clusters[i]!.type, keys[i]!);
    decisions.push(decideLink(clusters[i]!, candidates, labels.filter((_, j) => j !== i)));
  }
  return store.setArticleEntities(articleId, toAssignments(clusters, decisions), article.published);
}
