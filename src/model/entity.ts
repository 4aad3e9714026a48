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
  /**
   * Curated organisations a person belongs to (keys of other actors), with the first and last
   * day known (YYYY, YYYY-MM or YYYY-MM-DD; null when open or unknown); empty when not known.
   */
  member_of?: { key: string; from: string | null; to: string | null }[];
}

/** A role (title or office) a canonical entity was seen with, and when. */
export interface EntityRole {
  role: string;
  /** `published` of the earliest and latest article that gave it (ISO 8601), null when undated */
  first_seen: string | null;
  last_seen: string | null;
  count: number;
}

/** A canonical entity of the store: one identity across articles and spellings. */
export interface CanonicalEntity {
  id: string;
  type: EntityType;
  label: string;
  label_en: string | null;
  /** every spelling seen (and curated ones), most frequent first */
  aliases: { text: string; count: number }[];
  roles: EntityRole[];
  country: string | null;
  sectors: SectorCode[];
  wikidata: string | null;
  /** how many stored articles mention it */
  articles: number;
  /** labels of the entities most often mentioned in the same articles, most frequent first */
  cooccurring: string[];
  /** name keys an analyst split off this entity: mentions with them must not link here again */
  blocked_keys: string[];
}

/** What deriving affiliations reads of an entity: its names, country and roles. */
export type EntityFacts = Pick<CanonicalEntity, 'id' | 'type' | 'label' | 'aliases' | 'roles' | 'country'>;

/** One entity of an article as the resolve stage decided it, ready to store. */
export interface EntityAssignment {
  /** the canonical entity it links to, or null to create a new one */
  entityId: string | null;
  type: EntityType;
  label: string;
  label_en: string | null;
  roles: string[];
  /** `key`: the mention's name key, by which an analyst's split finds it */
  mentions: { text: string; start: number; end: number; key: string }[];
  /** lookup keys of its names, so later mentions can find it */
  keys: string[];
}

/** An analyst's correction, kept with who made it and when. */
export interface EntityCorrection {
  kind: 'merge' | 'split';
  /** merge: the entity kept; split: the entity the alias was taken from */
  entity: string;
  /** merge: the entity folded into `entity`; split: the new entity */
  other: string;
  /** split: the alias moved out */
  alias: string | null;
  by: string;
  at: string;
}
