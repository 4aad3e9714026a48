/**
 * What a backend keeps for near-duplicates and stories: each article's duplicate signature
 * (exact key and MinHash bytes, with the version of the code that made them), the earlier
 * article it duplicates, the story it was put in, and each story's label and summary.
 * The clustering itself lives in memory (src/resolve/stories.ts); the store keeps its
 * answers so that listing stories needs no clustering.
 */

/** An article's duplicate signature as stored: bytes from `encodeSignature`. */
export interface SignatureRecord {
  article: string;
  exactKey: string;
  signature: Uint8Array;
  /** NEAR_DUPLICATE_VERSION of the code that computed it */
  version: string;
}

/** The earlier article a stored one duplicates. */
export interface DuplicateLink {
  id: string;
  /** estimated Jaccard similarity of the texts' shingle sets; 1 for an exact duplicate */
  similarity: number;
  /** same normalised text */
  exact: boolean;
}

/** An article as stories and merged events cite it. */
export interface ArticleRef {
  id: string;
  source: string;
  site: string | null;
  published: string | null;
  title: string | null;
  /** the story it is in, or null when not assigned yet */
  story: string | null;
}

import type { StoredEvent } from '../model/event.js';

/** A story as stored: label, summary sentences, its articles (oldest first). */
export interface StoredStory {
  id: string;
  label: string | null;
  summary: string[];
  articles: ArticleRef[];
}

export interface StoryListOptions {
  limit?: number;
  offset?: number;
}

export interface StoryStore {
  setSignature(record: SignatureRecord): Promise<void>;
  /** Every stored signature, in the order the articles were stored. */
  signatures(): Promise<SignatureRecord[]>;
  /** Links an article to the earlier one it duplicates; null removes the link. */
  setDuplicateOf(articleId: string, link: DuplicateLink | null): Promise<void>;
  duplicateOf(articleId: string): Promise<DuplicateLink | null>;
  /** Puts an article in a story (creating the story record if needed); an article is in one story. */
  assignStory(articleId: string, storyId: string): Promise<void>;
  /** Sets a story's label and summary. */
  setStory(story: { id: string; label: string | null; summary: string[] }): Promise<void>;
  /** Every assignment, in the order the articles were first assigned. */
  storyAssignments(): Promise<{ article: string; story: string }[]>;
  /** Forgets every story and assignment (before they are recomputed). */
  clearStories(): Promise<void>;
  /** Stories with at least one article, the most recently published first (stories with no dated article last). */
  listStories(options?: StoryListOptions): Promise<StoredStory[]>;
  getStory(id: string): Promise<StoredStory | null>;
  /**
   * The events of a story's articles in one read (not one per article): the articles in the
   * order `getStory` lists them, each one's events in order, with its title and publication date.
   * @example mergeEvents(await store.storyEvents(id), info) // the story's merged events
   */
  storyEvents(id: string): Promise<StoredEvent[]>;
  /** The articles with these ids (unknown ids left out), in the order given. */
  articleRefs(ids: string[]): Promise<ArticleRef[]>;
}
