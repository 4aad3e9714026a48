import type Database from 'better-sqlite3';
import type { HappeningMarks } from './sqlite-merged-events.js';
import type { ArticleRef, DuplicateLink, SignatureRecord, StoredStory, StoryListOptions, StoryStore } from '../story-store.js';
import type { StoredEvent } from '../../model/event.js';
import { eventSelect, toEvent, type EventRow } from './sqlite-events.js';

interface RefRow {
  id: string;
  source: string;
  site: string | null;
  published: string | null;
  title: string | null;
  story: string | null;
}

interface StoryRow {
  id: string;
  label: string | null;
  summary: string;
}

/**
 * The near-duplicate and story half of the SQLite backend, on the article store's
 * connection.
 */
export class SqliteStories implements StoryStore {
  private readonly q;

  constructor(
    private readonly db: Database.Database,
    private readonly happenings: HappeningMarks,
  ) {
    this.q = {
      setSignature: db.prepare(
        `INSERT INTO article_signatures (article_id, exact_key, signature, version) VALUES (?, ?, ?, ?)
         ON CONFLICT(article_id) DO UPDATE SET exact_key = excluded.exact_key, signature = excluded.signature, version = excluded.version`,
      ),
      signatures: db.prepare<[], { article_id: string; exact_key: string; signature: Buffer; version: string }>(
        `SELECT s.* FROM article_signatures s JOIN articles a ON a.id = s.article_id ORDER BY a.rowid`,
      ),
      setDuplicate: db.prepare(
        `INSERT INTO article_duplicates (article_id, duplicate_of, similarity, exact) VALUES (?, ?, ?, ?)
         ON CONFLICT(article_id) DO UPDATE SET duplicate_of = excluded.duplicate_of, similarity = excluded.similarity, exact = excluded.exact`,
      ),
      clearDuplicate: db.prepare('DELETE FROM article_duplicates WHERE article_id = ?'),
      duplicate: db.prepare<[string], { duplicate_of: string; similarity: number; exact: number }>(
        'SELECT duplicate_of, similarity, exact FROM article_duplicates WHERE article_id = ?',
      ),
      storyOf: db.prepare<[string], { story_id: string }>('SELECT story_id FROM story_articles WHERE article_id = ?'),
      ensureStory: db.prepare(`INSERT OR IGNORE INTO stories (id, label, summary, updated_at) VALUES (?, NULL, '[]', ?)`),
      assign: db.prepare(
        `INSERT INTO story_articles (article_id, story_id, seq)
         VALUES (?, ?, COALESCE((SELECT MAX(seq) FROM story_articles), 0) + 1)
         ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id`,
      ),
      setStory: db.prepare(
        `INSERT INTO stories (id, label, summary, updated_at) VALUES (@id, @label, @summary, @now)
         ON CONFLICT(id) DO UPDATE SET label = excluded.label, summary = excluded.summary, updated_at = excluded.updated_at`,
      ),
      assignments: db.prepare<[], { article_id: string; story_id: string }>('SELECT article_id, story_id FROM story_articles ORDER BY seq'),
      getStory: db.prepare<[string], StoryRow>('SELECT id, label, summary FROM stories WHERE id = ?'),
      storyArticles: db.prepare<[string], RefRow>(
        `SELECT a.id, a.source, a.site, a.published, a.title, sa.story_id AS story
         FROM story_articles sa JOIN articles a ON a.id = sa.article_id
         WHERE sa.story_id = ? ORDER BY COALESCE(a.published, a.created_at), sa.seq`,
      ),
      // the story's articles through story_articles_story, in storyArticles' order, then their events by primary key
      events: db.prepare<[string], EventRow>(
        eventSelect('JOIN story_articles sa ON sa.article_id = v.article_id WHERE sa.story_id = ?', 'ORDER BY COALESCE(a.published, a.created_at), sa.seq, v.ord'),
      ),
      // from the stories' own rows and their index (schema v15), never grouping every article
      list: db.prepare<[number, number], StoryRow>(
        `SELECT id, label, summary FROM stories WHERE last_created IS NOT NULL
         ORDER BY last_published IS NULL, last_published DESC, last_created DESC, id LIMIT ? OFFSET ?`,
      ),
      order: db.prepare(
        `UPDATE stories SET
           last_published = (SELECT MAX(a.published) FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = @id),
           last_created = (SELECT MAX(a.created_at) FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = @id)
         WHERE id = @id`,
      ),
      refs: db.prepare<[string], RefRow>(
        `SELECT a.id, a.source, a.site, a.published, a.title, sa.story_id AS story
         FROM json_each(?) j JOIN articles a ON a.id = j.value LEFT JOIN story_articles sa ON sa.article_id = a.id
         ORDER BY j.key`,
      ),
    };
  }

  async setSignature(r: SignatureRecord): Promise<void> {
    this.q.setSignature.run(r.article, r.exactKey, Buffer.from(r.signature.buffer, r.signature.byteOffset, r.signature.byteLength), r.version);
  }

  async signatures(): Promise<SignatureRecord[]> {
    return this.q.signatures.all().map((r) => ({ article: r.article_id, exactKey: r.exact_key, signature: new Uint8Array(r.signature), version: r.version }));
  }

  async setDuplicateOf(articleId: string, link: DuplicateLink | null): Promise<void> {
    if (link) this.q.setDuplicate.run(articleId, link.id, link.similarity, link.exact ? 1 : 0);
    else this.q.clearDuplicate.run(articleId);
  }

  async duplicateOf(articleId: string): Promise<DuplicateLink | null> {
    const r = this.q.duplicate.get(articleId);
    return r ? { id: r.duplicate_of, similarity: r.similarity, exact: r.exact === 1 } : null;
  }

  async assignStory(articleId: string, storyId: string): Promise<void> {
    this.db.transaction(() => {
      this.q.ensureStory.run(storyId, new Date().toISOString());
      const before = this.q.storyOf.get(articleId)?.story_id;
      const moved = before !== storyId;
      this.q.assign.run(articleId, storyId);
      // the story's place in the listing, and the one the article left
      this.q.order.run({ id: storyId });
      if (before && moved) this.q.order.run({ id: before });
      // undated events merge by story (generic actors' only within one): the article's buckets change
      if (moved) this.happenings.storyChanged(articleId);
    }).immediate();
  }

  async setStory(story: { id: string; label: string | null; summary: string[] }): Promise<void> {
    this.q.setStory.run({ id: story.id, label: story.label, summary: JSON.stringify(story.summary), now: new Date().toISOString() });
  }

  async storyAssignments(): Promise<{ article: string; story: string }[]> {
    return this.q.assignments.all().map((r) => ({ article: r.article_id, story: r.story_id }));
  }

  async clearStories(): Promise<void> {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM story_articles; DELETE FROM stories;');
      this.happenings.storiesCleared();
    }).immediate();
  }

  async listStories(options: StoryListOptions = {}): Promise<StoredStory[]> {
    return this.q.list.all(options.limit ?? 50, options.offset ?? 0).map((r) => this.toStory(r));
  }

  async getStory(id: string): Promise<StoredStory | null> {
    const r = this.q.getStory.get(id);
    return r ? this.toStory(r) : null;
  }

  async storyEvents(id: string): Promise<StoredEvent[]> {
    return this.q.events.all(id).map((r) => ({ ...toEvent(r), article: r.article_id, title: r.title, published: r.published }));
  }

  async articleRefs(ids: string[]): Promise<ArticleRef[]> {
    if (!ids.length) return [];
    return this.q.refs.all(JSON.stringify(ids));
  }

  private toStory(r: StoryRow): StoredStory {
    return { id: r.id, label: r.label, summary: JSON.parse(r.summary) as string[], articles: this.q.storyArticles.all(r.id) };
  }
}
