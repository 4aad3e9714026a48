/**
 * An event as Marsad reports and stores it (contract of `marsad analyze --json`, events
 * field): who did what to whom, when, where — coded in PLOVER (openeventdata/PLOVER).
 * Offsets are into `article.text`.
 */

/** PLOVER auxiliary mode of an event: reported as past background, future, hypothetical, negated; null when plainly reported. */
export type ArticleEventStatus = null | 'historical' | 'future' | 'hypothetical' | 'negation';

/** An actor, recipient or place: the entity (by store id) and its label. */
export interface EventEntityRef {
  id: string;
  label: string;
}

export interface ArticleEvent {
  /** deterministic per article: `${articleId}:${n}`, n counting the article's events from 1 */
  id: string;
  /** PLOVER event type (CONSULT, AGREE, … RETREAT) */
  type: string;
  /** PLOVER mode or a Marsad extension mode (data/events/README.md); null when none */
  mode: string | null;
  status: ArticleEventStatus;
  /** the actor: a person, an organisation or a country */
  source: EventEntityRef;
  /** the recipient; null when the text names none */
  target: EventEntityRef | null;
  location: EventEntityRef | null;
  /** from the temporal expression of the sentence nearest the trigger; all null when none */
  date: { start: string | null; end: string | null; text: string | null };
  /** PLOVER contexts cued in the sentence (terrorism, intelligence, …) */
  contexts: string[];
  /** the sentence that states the event */
  evidence: { text: string; start: number; end: number };
}

/** A stored event with the article it came from, as `marsad events` lists it. */
export interface StoredEvent extends ArticleEvent {
  article: string;
  title: string | null;
  published: string | null;
}

/** PLOVER event types Marsad codes (the `--type` values of `marsad events`). */
export const EVENT_TYPES: readonly string[] = [
  'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN',
  'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT',
];
