import type { ArticleRef, DuplicateLink, SignatureRecord, StoredStory, StoryListOptions, StoryStore } from '../story-store.js';
import type { PgDb } from './pg-db.js';
import type { StoredEvent } from '../../model/event.js';
import { eventSelect, toEvent, type EventRow } from './postgres-events.js';
import type { PgHappeningMarks } from './postgres-merged-events.js';

interface StoryRow {
  id: string;
  label: string | null;
  summary: string;
}

const REF = 'a.id, a.source, a.site, a.published, a.title, sa.story_id AS story';

/** Where a story sits in the listing: its newest article's publication and storage dates. */
const STORY_ORDER = `UPDATE stories SET
  last_published = (SELECT MAX(a.published) FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = $1),
  last_created = (SELECT MAX(a.created_at) FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = $1)
  WHERE id = $1`;

/** The near-duplicate and story half of the PostgreSQL backend (as src/store/sqlite/sqlite-stories.ts). */
export class PgStories implements StoryStore {
  constructor(
    private readonly db: PgDb,
    private readonly happenings: PgHappeningMarks,
  ) {}

  async setSignature(r: SignatureRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO article_signatures (article_id, exact_key, signature, version) VALUES ($1, $2, $3, $4)
       ON CONFLICT (article_id) DO UPDATE SET exact_key = excluded.exact_key, signature = excluded.signature, version = excluded.version`,
      [r.article, r.exactKey, Buffer.from(r.signature.buffer, r.signature.byteOffset, r.signature.byteLength), r.version],
    );
  }

  async signatures(): Promise<SignatureRecord[]> {
    const rows = await this.db.query<{ article_id: string; exact_key: string; signature: Buffer; version: string }>(
      'SELECT s.* FROM article_signatures s JOIN articles a ON a.id = s.article_id ORDER BY a.row_seq',
    );
    return rows.map((r) => ({ article: r.article_id, exactKey: r.exact_key, signature: new Uint8Array(r.signature), version: r.version }));
  }

  async setDuplicateOf(articleId: string, link: DuplicateLink | null): Promise<void> {
    if (!link) {
      await this.db.query('DELETE FROM article_duplicates WHERE article_id = $1', [articleId]);
      return;
    }
    await this.db.query(
      `INSERT INTO article_duplicates (article_id, duplicate_of, similarity, exact) VALUES ($1, $2, $3, $4)
       ON CONFLICT (article_id) DO UPDATE SET duplicate_of = excluded.duplicate_of, similarity = excluded.similarity, exact = excluded.exact`,
      [articleId, link.id, link.similarity, link.exact ? 1 : 0],
    );
  }

  async duplicateOf(articleId: string): Promise<DuplicateLink | null> {
    const r = await this.db.one<{ duplicate_of: string; similarity: number; exact: number }>(
      'SELECT duplicate_of, similarity, exact FROM article_duplicates WHERE article_id = $1',
      [articleId],
    );
    return r ? { id: r.duplicate_of, similarity: r.similarity, exact: r.exact === 1 } : null;
  }

  async assignStory(articleId: string, storyId: string): Promise<void> {
    await this.db.tx(async () => {
      await this.db.query(`INSERT INTO stories (id, label, summary, updated_at) VALUES ($1, NULL, '[]', $2) ON CONFLICT DO NOTHING`, [
        storyId,
        new Date().toISOString(),
      ]);
      const before = await this.happenings.storyOf(articleId);
      const moved = before !== storyId;
      // seq comes from the column's sequence on first assignment and is kept on reassignment.
      await this.db.query(
        `INSERT INTO story_articles (article_id, story_id) VALUES ($1, $2)
         ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id`,
        [articleId, storyId],
      );
      // the story's place in the listing, and the one the article left
      await this.db.query(STORY_ORDER, [storyId]);
      if (before && moved) await this.db.query(STORY_ORDER, [before]);
      // undated events merge by story (generic actors' only within one): the article's buckets change
      if (moved) await this.happenings.storyChanged(articleId);
    });
  }

  async setStory(story: { id: string; label: string | null; summary: string[] }): Promise<void> {
    await this.db.query(
      `INSERT INTO stories (id, label, summary, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET label = excluded.label, summary = excluded.summary, updated_at = excluded.updated_at`,
      [story.id, story.label, JSON.stringify(story.summary), new Date().toISOString()],
    );
  }

  async storyAssignments(): Promise<{ article: string; story: string }[]> {
    const rows = await this.db.query<{ article_id: string; story_id: string }>('SELECT article_id, story_id FROM story_articles ORDER BY seq');
    return rows.map((r) => ({ article: r.article_id, story: r.story_id }));
  }

  async clearStories(): Promise<void> {
    await this.db.tx(async () => {
      await this.db.query('DELETE FROM story_articles');
      await this.db.query('DELETE FROM stories');
      await this.happenings.storiesCleared();
    });
  }

  async listStories(options: StoryListOptions = {}): Promise<StoredStory[]> {
    // from the stories' own rows and their index (migration 6), never grouping every article
    const rows = await this.db.query<StoryRow>(
      `SELECT id, label, summary FROM stories WHERE last_created IS NOT NULL
       ORDER BY (last_published IS NULL), last_published DESC, last_created DESC, id LIMIT $1 OFFSET $2`,
      [options.limit ?? 50, options.offset ?? 0],
    );
    const out: StoredStory[] = [];
    for (const r of rows) out.push(await this.toStory(r));
    return out;
  }

  async getStory(id: string): Promise<StoredStory | null> {
    const r = await this.db.one<StoryRow>('SELECT id, label, summary FROM stories WHERE id = $1', [id]);
    return r ? this.toStory(r) : null;
  }

  async articleRefs(ids: string[]): Promise<ArticleRef[]> {
    if (!ids.length) return [];
    return this.db.query<ArticleRef>(
      `SELECT ${REF} FROM unnest($1::text[]) WITH ORDINALITY AS j(id, i)
         JOIN articles a ON a.id = j.id LEFT JOIN story_articles sa ON sa.article_id = a.id
       ORDER BY j.i`,
      [ids],
    );
  }

  async storyEvents(id: string): Promise<StoredEvent[]> {
    const rows = await this.db.query<EventRow>(
      eventSelect('JOIN story_articles sa ON sa.article_id = v.article_id WHERE sa.story_id = $1', 'ORDER BY COALESCE(a.published, a.created_at), sa.seq, v.ord'),
      [id],
    );
    return rows.map((r) => ({ ...toEvent(r), article: r.article_id, title: r.title, published: r.published }));
  }

  private async toStory(r: StoryRow): Promise<StoredStory> {
    const articles = await this.db.query<ArticleRef>(
      `SELECT ${REF} FROM story_articles sa JOIN articles a ON a.id = sa.article_id
       WHERE sa.story_id = $1 ORDER BY COALESCE(a.published, a.created_at), sa.seq`,
      [r.id],
    );
    return { id: r.id, label: r.label, summary: JSON.parse(r.summary) as string[], articles };
  }
}
