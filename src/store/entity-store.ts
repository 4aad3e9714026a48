import type {
  ArticleEntity,
  CanonicalEntity,
  EntityAssignment,
  EntityCorrection,
  EntityFacts,
  EntityType,
  KnownActor,
} from '../model/entity.js';

export interface EntityListOptions {
  type?: EntityType;
  limit?: number;
  offset?: number;
}

/**
 * Canonical entities and their mentions, kept beside the articles. Aliases, roles, article
 * counts and co-occurrences are derived from the stored mentions, so replacing an article's
 * entities (after re-analysis) never leaves stale counts behind.
 *
 * Analyst corrections win over the resolver: a merged entity answers under the id it was
 * merged into, and a name key split off an entity never links to it again.
 */
export interface EntityStore {
  /** Entities of a type that carry any of the lookup keys, most keys in common first (merged ones resolved). */
  entityCandidates(type: EntityType, keys: string[], limit?: number): Promise<CanonicalEntity[]>;
  /**
   * Replaces what an article says about entities: assignments with an `entityId` add
   * mentions to that entity, the others create one. Returns the article's entities with ids.
   * @example await store.setArticleEntities(id, assignments, '2024-05-02')
   */
  setArticleEntities(articleId: string, assignments: EntityAssignment[], seenAt: string | null): Promise<ArticleEntity[]>;
  articleEntities(articleId: string): Promise<ArticleEntity[]>;
  /** Entities mentioned in at least one article, by article count, most mentioned first. */
  listEntities(options?: EntityListOptions): Promise<CanonicalEntity[]>;
  /**
   * How many entities `listEntities` lists (of one type, or all), counted in the store.
   * @example await store.countEntities('PERSON') // 1204
   */
  countEntities(type?: EntityType): Promise<number>;
  /**
   * Every entity `listEntities` lists of these types, with its names, country and roles, read
   * in a few bulk queries (not one per entity), in the same order.
   * @example await store.listEntityFacts(['PERSON', 'ORG'])
   */
  listEntityFacts(types: EntityType[]): Promise<EntityFacts[]>;
  /**
   * The facts `listEntityFacts` gives of these entities (any type), read through their keys:
   * an id it would not list (merged away, named by no article, unknown) is left out.
   * @example (await store.entityFacts(['cia', 'country-us'])).map((f) => f.label)
   */
  entityFacts(ids: string[]): Promise<EntityFacts[]>;
  /**
   * A number that every write that can change what `listEntityFacts` gives moves (an
   * article's entities or roles stored, a merge, a split, curated actors loaded), in the
   * write's own transaction: what was derived from the facts read after it is current while it
   * has not moved.
   * @example if ((await store.entityFactsVersion()) !== seenAt) rederive()
   */
  entityFactsVersion(): Promise<number>;
  /** One entity; an id merged away answers with the entity it was merged into. */
  getEntity(id: string): Promise<CanonicalEntity | null>;
  /** Folds `from` into `into` (mentions, aliases, roles); `from` then redirects to `into`. */
  mergeEntities(into: string, from: string, by: string): Promise<CanonicalEntity>;
  /**
   * Moves the mentions of `id` whose name key is `aliasKey` to a new entity labelled
   * `alias`, and blocks that key from linking to `id` again. Returns the new entity.
   */
  splitEntity(id: string, alias: string, aliasKey: string, by: string): Promise<CanonicalEntity>;
  corrections(): Promise<EntityCorrection[]>;
  /** Creates or refreshes the curated actors (ids are their keys); a no-op when `version` is already loaded. */
  loadKnownActors(actors: KnownActor[], keysOf: (actor: KnownActor) => string[], version: string): Promise<void>;
}
