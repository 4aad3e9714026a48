/**
 * Entity types shared by the analyse, resolve and store stages. Offsets are UTF-16 code
 * unit offsets into `article.text` (the canonical text), end exclusive.
 */

export type EntityType = 'PERSON' | 'ORG' | 'LOCATION';

export const ENTITY_TYPES: readonly EntityType[] = ['PERSON', 'ORG', 'LOCATION'];

/** How a mention was found: the statistical tagger, a gazetteer entry, or a rule (acronyms, titles). */
export type MentionSource = 'tagger' | 'gazetteer' | 'rule';

/** One mention of a named entity in a text, as recognised (before identity resolution). */
export interface Mention {
  type: EntityType;
  /** exactly `text.slice(start, end)`: the name without attached clitics (و، ب، ل، ال is kept when written) */
  text: string;
  start: number;
  end: number;
  source: MentionSource;
  /**
   * The title or office the text attaches to a person mention ("مدير وكالة الاستخبارات
   * المركزية"), as a span of the same text; absent when none is given.
   */
  role?: { text: string; start: number; end: number };
}

/** An entity of one article: its mentions grouped as one identity (contract of `marsad analyze --json`). */
export interface ArticleEntity {
  /** Store id when linked to a canonical entity, else an article-local id ("local:3"). */
  id: string;
  type: EntityType;
  /** Best Arabic label: the fullest name among the mentions, or the canonical label. */
  label: string;
  label_en: string | null;
  roles: string[];
  mentions: { text: string; start: number; end: number }[];
}

/** PLOVER actor sector codes used for entities (GOV government, SPY intelligence, COP police, JUD judiciary, MIL military, …). */
export type SectorCode = string;

/** A curated actor from `data/knowledge/actors.json`. */
export interface KnownActor {
  /** stable slug, e.g. "cia" */
  key: string;
  type: EntityType;
  label: string;
  label_en: string;
  /** other Arabic (and Latin) names and spellings */
  aliases: string[];
  /** ISO 3166-1 alpha-2 country the actor belongs to, when it has one */
  country: string | null;
  sectors: SectorCode[];
  wikidata: string | null;
  roles: string[];
}
