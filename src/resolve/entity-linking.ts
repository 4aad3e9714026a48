/**
 * Cross-article identity: which canonical entity (if any) an article's mention cluster is.
 * Pure: the caller fetches candidates from the store by `lookupKeys` and stores the result.
 */
import { fold, MATCH } from '../arabic/normalize.js';
import { nameKey } from '../arabic/romanize.js';
import type { CanonicalEntity, EntityAssignment, EntityType } from '../model/entity.js';
import type { MentionCluster } from './entity-coref.js';
import { nameMatch, type NameEvidence } from './name-match.js';

/**
 * Words that begin compound names or are too common to find anyone by alone: they are
 * kept inside full-name keys but never used as a lookup key on their own.
 */
const WEAK_NAME_WORDS = new Set(['عبد', 'ابو', 'بن', 'ابن', 'بنت', 'ال', 'محمد', 'احمد', 'علي', 'حسن', 'عبدالله', 'الله']);

function words(name: string): string[] {
  return fold(name, MATCH)
    // عبد and أبو begin compound names written with or without the space: join them first,
    // so the ال of "عبد اللطيف" stays inside the name.
    .replace(/(^|[^\p{L}])(عبد|ابو)\s+/gu, '$1$2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => (w.length > 3 && w.startsWith('ال') ? w.slice(2) : w));
}

/**
 * The key of one written name: folded, ال dropped from each word, spaces removed, so
 * "عبد اللطيف الحموشي" and "عبداللطيف حموشي" share it. An analyst's split moves the
 * mentions with this key.
 * @example mentionKey('عبد اللطيف الحموشي') === mentionKey('عبداللطيف حموشي') // true
 */
export function mentionKey(text: string): string {
  return words(text).join('');
}

/**
 * The keys by which candidate entities are looked up for a name: its mention key, its
 * consonant skeleton (spelling variants: بيرنز/بورنز), and for people each distinctive
 * name word and its skeleton (a family name alone finds the full name).
 * @example lookupKeys('وليام بيرنز', 'PERSON') // ['وليامبيرنز', 's:wlymbrnz', 'بيرنز', 's:brnz', 'وليام', 's:wlym', …]
 */
export function lookupKeys(name: string, type: EntityType): string[] {
  const keys = new Set<string>();
  const key = mentionKey(name);
  if (key) keys.add(key);
  const skeleton = nameKey(name).replace(/\s+/g, '');
  if (skeleton.length >= 2) keys.add(`s:${skeleton}`);
  if (type === 'PERSON') {
    for (const w of words(name)) {
      if (w.length < 3 || WEAK_NAME_WORDS.has(w)) continue;
      keys.add(w);
      const s = nameKey(w);
      if (s.length >= 2) keys.add(`s:${s}`);
    }
  }
  return [...keys];
}

/** All lookup keys of a cluster: those of every distinct name it was written as. */
export function clusterKeys(cluster: MentionCluster): string[] {
  const keys = new Set<string>();
  for (const text of new Set([cluster.label, ...cluster.mentions.map((m) => m.text)])) {
    for (const k of lookupKeys(text, cluster.type)) keys.add(k);
  }
  return [...keys];
}

/** How far the best candidate must score above another entity to be chosen ("بن زايد" could be three brothers). */
export const AMBIGUITY_MARGIN = 0.15;

/** How a cluster was linked, for explanations and measurement. */
export interface LinkDecision {
  entityId: string | null;
  score: number;
  reasons: string[];
}

/**
 * Chooses the candidate entity a cluster is, or none: the best-scoring candidate that the
 * name matcher judges the same, skipping those an analyst split this name off.
 * `context` holds the labels of the other entities of the same article.
 * @example decideLink(cluster, await store.entityCandidates(cluster.type, clusterKeys(cluster)), ['الرباط'])
 */
export function decideLink(cluster: MentionCluster, candidates: CanonicalEntity[], context: string[]): LinkDecision {
  const names = new Set([cluster.label, ...cluster.mentions.map((m) => m.text)]);
  const blockedBy = new Set([...names].map(mentionKey));
  let best: LinkDecision = { entityId: null, score: 0, reasons: [] };
  // every candidate the name matches, with its best score and whether it is written exactly so
  const matched: { candidate: CanonicalEntity; score: number; exact: boolean }[] = [];
  for (const candidate of candidates) {
    if (candidate.type !== cluster.type) continue;
    if (candidate.blocked_keys.some((k) => blockedBy.has(k))) continue;
    const theirs: Omit<NameEvidence, 'name'> = {
      type: candidate.type,
      roles: candidate.roles.map((r) => r.role),
      cooccurring: candidate.cooccurring,
    };
    const ours: Omit<NameEvidence, 'name'> = { type: cluster.type, roles: cluster.roles, cooccurring: context };
    const aliases = [candidate.label, ...candidate.aliases.map((a) => a.text)];
    // Place names are spelt one way per place: a vowel-letter variant of a place is usually
    // another place (أوروبا is not أروبا, Aruba), so places link on equal keys only.
    if (cluster.type === 'LOCATION') {
      const keys = new Set(aliases.map(mentionKey));
      // Candidates come best first (most keys shared, curated first): the first equal one wins.
      if (!best.entityId && [...names].some((n) => keys.has(mentionKey(n)))) best = { entityId: candidate.id, score: 1, reasons: ['same place name'] };
      continue;
    }
    let own = 0;
    let ownReasons: string[] = [];
    for (const alias of aliases) {
      const m = nameMatch({ name: cluster.label, ...ours }, { name: alias, ...theirs });
      if (m.same && m.score > own) [own, ownReasons] = [m.score, m.reasons];
    }
    if (own === 0) continue;
    const aliasKeys = new Set(aliases.map(mentionKey));
    matched.push({ candidate, score: own, exact: aliasKeys.has(mentionKey(cluster.label)) });
    if (own > best.score) best = { entityId: candidate.id, score: own, reasons: ownReasons };
  }
  if (cluster.type === 'LOCATION' || !best.entityId) return best;
  const contenders = matched.filter((m) => best.score - m.score < AMBIGUITY_MARGIN);
  if (contenders.length === 1) return best;
  // Entities written exactly as this name are, on the name's evidence, one identity stored
  // twice, and a closer reading than a fuller name that contains it ("أينشتاين" is the stored
  // "أينشتاين" before "هيرمان أينشتاين"): the tie goes to the best established of them.
  // Refusing it would store the name a third time, and each new copy makes the next tie
  // likelier — at 8k articles one organisation was stored 600 times. Only a tie between
  // different names ("بن زايد": three brothers) is left open.
  const exact = contenders.filter((m) => m.exact);
  if (exact.length > 0) {
    const chosen = exact.reduce((a, b) => (b.candidate.articles > a.candidate.articles || (b.candidate.articles === a.candidate.articles && b.candidate.id < a.candidate.id) ? b : a));
    const reasons = chosen.candidate.id === best.entityId ? best.reasons : ['same name'];
    const why = exact.length === 1 ? 'written exactly so, where others only contain the name' : `the most reported of ${exact.length} entities written so`;
    return { entityId: chosen.candidate.id, score: chosen.score, reasons: [...reasons, why] };
  }
  return { entityId: null, score: 0, reasons: ['ambiguous between entities'] };
}

/**
 * The store assignments for an article's clusters given the link decisions; clusters that
 * link to the same entity become one assignment.
 */
export function toAssignments(clusters: MentionCluster[], decisions: LinkDecision[], labelEn: (c: MentionCluster) => string | null = () => null): EntityAssignment[] {
  const out: EntityAssignment[] = [];
  const byEntity = new Map<string, EntityAssignment>();
  clusters.forEach((c, i) => {
    const entityId = decisions[i]?.entityId ?? null;
    const mentions = c.mentions.map((m) => ({ text: m.text, start: m.start, end: m.end, key: mentionKey(m.text) }));
    const existing = entityId ? byEntity.get(entityId) : undefined;
    if (existing) {
      existing.mentions.push(...mentions);
      existing.mentions.sort((a, b) => a.start - b.start);
      for (const r of c.roles) if (!existing.roles.includes(r)) existing.roles.push(r);
      for (const k of clusterKeys(c)) if (!existing.keys.includes(k)) existing.keys.push(k);
      return;
    }
    const a: EntityAssignment = { entityId, type: c.type, label: c.label, label_en: labelEn(c), roles: [...c.roles], mentions, keys: clusterKeys(c) };
    if (entityId) byEntity.set(entityId, a);
    out.push(a);
  });
  return out;
}
