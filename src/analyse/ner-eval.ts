/**
 * Entity-level scoring of NER output, as the CoNLL evaluation (conlleval) does it: an entity
 * is a maximal run B-X I-X … I-X, and an I-X that does not continue an entity of type X
 * starts one; a predicted entity counts only when its span and type both equal a gold one.
 * Precision, recall and F1 are micro-averaged over PERSON, ORG and LOCATION, and given per type.
 */
import { ENTITY_TYPES, type EntityType } from '../model/entity.js';
import type { ConllSentence } from './conll.js';

export interface Span {
  type: EntityType;
  /** first token */
  start: number;
  /** after the last token */
  end: number;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export interface Counts {
  tp: number;
  /** predicted entities */
  predicted: number;
  /** gold entities */
  gold: number;
}

export interface NerScore extends Prf {
  by_type: Record<EntityType, Prf>;
  counts: Record<EntityType, Counts>;
  tokens: number;
  sentences: number;
}

/**
 * Entity spans of an IOB tag sequence (types other than PERSON/ORG/LOCATION are ignored).
 * @example iobSpans(['B-PERSON','I-PERSON','O','I-ORG']) // [{type:'PERSON',start:0,end:2},{type:'ORG',start:3,end:4}]
 */
export function iobSpans(tags: readonly string[]): Span[] {
  const spans: Span[] = [];
  let cur: Span | null = null;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]!;
    const type = t.length > 2 ? (t.slice(2) as EntityType) : null;
    const known = type !== null && ENTITY_TYPES.includes(type);
    if (known && t[0] === 'I' && cur && cur.type === type) {
      cur.end = i + 1;
      continue;
    }
    if (cur) spans.push(cur), (cur = null);
    if (known && (t[0] === 'B' || t[0] === 'I')) cur = { type: type!, start: i, end: i + 1 };
  }
  if (cur) spans.push(cur);
  return spans;
}

function prf(tp: number, predicted: number, gold: number): Prf {
  const precision = predicted ? tp / predicted : 0;
  const recall = gold ? tp / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/**
 * Scores predicted tag sequences against gold ones (same sentences, same lengths).
 * @example scoreNer([['B-PERSON','O']], [['B-PERSON','O']]).f1 // 1
 */
export function scoreNer(gold: readonly (readonly string[])[], predicted: readonly (readonly string[])[]): NerScore {
  if (gold.length !== predicted.length) throw new Error(`scoreNer: ${gold.length} gold sentences, ${predicted.length} predicted`);
  const counts = Object.fromEntries(ENTITY_TYPES.map((t) => [t, { tp: 0, predicted: 0, gold: 0 }])) as Record<EntityType, Counts>;
  let tokens = 0;
  for (let s = 0; s < gold.length; s++) {
    const g = gold[s]!;
    const p = predicted[s]!;
    if (g.length !== p.length) throw new Error(`scoreNer: sentence ${s + 1} has ${g.length} gold tags, ${p.length} predicted`);
    tokens += g.length;
    const gs = iobSpans(g);
    const ps = iobSpans(p);
    const keys = new Set(gs.map((x) => `${x.type}:${x.start}:${x.end}`));
    for (const x of gs) counts[x.type].gold++;
    for (const x of ps) {
      counts[x.type].predicted++;
      if (keys.has(`${x.type}:${x.start}:${x.end}`)) counts[x.type].tp++;
    }
  }
  let tp = 0, pr = 0, go = 0;
  const by_type = {} as Record<EntityType, Prf>;
  for (const t of ENTITY_TYPES) {
    const c = counts[t];
    tp += c.tp, pr += c.predicted, go += c.gold;
    by_type[t] = prf(c.tp, c.predicted, c.gold);
  }
  return { ...prf(tp, pr, go), by_type, counts, tokens, sentences: gold.length };
}

/** Scores a tagger over CoNLL sentences. */
export function evaluateTagger(sentences: readonly ConllSentence[], tag: (tokens: string[]) => string[]): NerScore {
  return scoreNer(sentences.map((s) => s.tags), sentences.map((s) => tag(s.tokens)));
}

/** A readable table of a score (what `marsad eval ner` prints without --json). */
export function formatScore(score: NerScore, title = ''): string {
  const pct = (x: number): string => (100 * x).toFixed(2).padStart(6);
  const lines: string[] = [];
  if (title) lines.push(title);
  lines.push(`${score.sentences} sentences, ${score.tokens} tokens`);
  lines.push('type        precision  recall      F1   gold  predicted  correct');
  for (const t of ENTITY_TYPES) {
    const p = score.by_type[t];
    const c = score.counts[t];
    lines.push(`${t.padEnd(10)}  ${pct(p.precision)}    ${pct(p.recall)}  ${pct(p.f1)}  ${String(c.gold).padStart(5)}  ${String(c.predicted).padStart(9)}  ${String(c.tp).padStart(7)}`);
  }
  const all = ENTITY_TYPES.reduce((a, t) => ({ tp: a.tp + score.counts[t].tp, predicted: a.predicted + score.counts[t].predicted, gold: a.gold + score.counts[t].gold }), { tp: 0, predicted: 0, gold: 0 });
  lines.push(`${'micro'.padEnd(10)}  ${pct(score.precision)}    ${pct(score.recall)}  ${pct(score.f1)}  ${String(all.gold).padStart(5)}  ${String(all.predicted).padStart(9)}  ${String(all.tp).padStart(7)}`);
  return lines.join('\n');
}
