import type Database from 'better-sqlite3';
import type { ArticleQuote, StoredQuote } from '../../model/quote.js';
import type { QuoteListOptions, QuoteStore } from '../quote-store.js';

interface QuoteRow {
  article_id: string;
  text: string;
  start: number;
  end: number;
  cue: string | null;
  speaker_id: string | null;
  speaker_label: string | null;
  speaker_now: string | null;
  speaker_now_label: string | null;
}

/**
 * The quote half of the SQLite backend, on the article store's connection. A speaker id
 * is stored as resolved at analysis time and read through analysts' merges, so a quote
 * follows its speaker into the entity it was merged into.
 */
export class SqliteQuotes implements QuoteStore {
  private readonly q;

  constructor(private readonly db: Database.Database) {
    this.q = {
      clear: db.prepare('DELETE FROM quotes WHERE article_id = ?'),
      add: db.prepare(
        'INSERT INTO quotes (article_id, ord, text, start, end, cue, speaker_id, speaker_label) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      // The entity now answering for an id: merges may chain, so follow them to the end.
      liveOf: db.prepare<[string], { id: string }>(
        `WITH RECURSIVE chain(id, merged_into, hops) AS (
           SELECT id, merged_into, 0 FROM entities WHERE id = ?
           UNION ALL SELECT e.id, e.merged_into, chain.hops + 1 FROM entities e JOIN chain ON e.id = chain.merged_into WHERE chain.hops < 64)
         SELECT id FROM chain WHERE merged_into IS NULL`,
      ),
    };
  }

  /**
   * The quotes joined with the entity now answering for their speaker. A merge re-points
   * every id merged into the one it folds away (`mergeEntities`), so one hop reaches the
   * entity in force; a recursive walk over every entity cost a full scan on each read.
   */
  private select(where: string, tail: string): string {
    return `SELECT q.*, n.id AS speaker_now, n.label AS speaker_now_label, a.title, a.published, a.source
            FROM quotes q JOIN articles a ON a.id = q.article_id
              LEFT JOIN entities s ON s.id = q.speaker_id LEFT JOIN entities n ON n.id = COALESCE(s.merged_into, s.id)
            ${where} ${tail}`;
  }

  async setArticleQuotes(articleId: string, quotes: ArticleQuote[]): Promise<void> {
    this.db.transaction(() => {
      this.q.clear.run(articleId);
      quotes.forEach((x, i) => this.q.add.run(articleId, i, x.text, x.start, x.end, x.cue, x.speaker?.id ?? null, x.speaker?.label ?? null));
    }).immediate();
  }

  async articleQuotes(articleId: string): Promise<ArticleQuote[]> {
    const rows = this.db.prepare<[string], QuoteRow>(this.select('WHERE q.article_id = ?', 'ORDER BY q.ord')).all(articleId);
    return rows.map(toQuote);
  }

  async newestQuotesOf(articleIds: string[], limit: number): Promise<{ total: number; quotes: StoredQuote[] }> {
    if (!articleIds.length) return { total: 0, quotes: [] };
    const ids = JSON.stringify(articleIds);
    const total = this.db
      .prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM quotes WHERE article_id IN (SELECT value FROM json_each(?))')
      .get(ids)!.n;
    if (limit <= 0 || total === 0) return { total, quotes: [] };
    const order = 'ORDER BY COALESCE(a.published, a.created_at) DESC, a.id, q.ord';
    // The articles walked newest first (articles_newest) until the page is full: sorting
    // every quote of the articles by date read them all whatever the page.
    const rows = this.db
      .prepare<[string, number], ListedRow>(
        `WITH page AS (
           SELECT q.article_id, q.ord FROM articles a INDEXED BY articles_newest CROSS JOIN quotes q ON q.article_id = a.id
           WHERE a.id IN (SELECT value FROM json_each(?)) ${order} LIMIT ?)
         SELECT q.*, n.id AS speaker_now, n.label AS speaker_now_label, a.title, a.published, a.source
         FROM page p JOIN quotes q ON q.article_id = p.article_id AND q.ord = p.ord JOIN articles a ON a.id = p.article_id
           LEFT JOIN entities s ON s.id = q.speaker_id LEFT JOIN entities n ON n.id = COALESCE(s.merged_into, s.id)
         ${order}`,
      )
      .all(ids, limit);
    return { total, quotes: rows.map((r) => ({ ...toQuote(r), article_id: r.article_id, title: r.title, published: r.published, source: r.source })) };
  }

  async countQuotes(): Promise<number> {
    return (this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM quotes').get()?.n) ?? 0;
  }

  async listQuotes(options: QuoteListOptions = {}): Promise<StoredQuote[]> {
    const limit = options.limit ?? 50;
    const offset = options.offset ?? 0;
    const order = 'ORDER BY COALESCE(a.published, a.created_at) DESC, a.id, q.ord LIMIT ? OFFSET ?';
    let rows: ListedRow[];
    if (options.speaker) {
      // From the speaker down to the ids merged into it, then their quotes by index: resolving
      // every entity's merges and scanning every quote made an entity page slow at 100k
      // articles (issue #8).
      const speaker = this.q.liveOf.get(options.speaker);
      if (!speaker) return [];
      // The page is chosen from indexes only (quote keys, article dates); whole rows are read
      // for that page alone.
      rows = this.db
        .prepare<unknown[], ListedRow>(
          `WITH RECURSIVE merged(id) AS (
             SELECT ? UNION SELECT e.id FROM entities e JOIN merged ON e.merged_into = merged.id),
           page AS (
             SELECT q.article_id, q.ord FROM quotes q INDEXED BY quotes_speaker_article
               JOIN articles a INDEXED BY articles_listed ON a.id = q.article_id
             WHERE q.speaker_id IN (SELECT id FROM merged) ${order})
           SELECT q.*, n.id AS speaker_now, n.label AS speaker_now_label, a.title, a.published, a.source
           FROM page p JOIN quotes q ON q.article_id = p.article_id AND q.ord = p.ord
             JOIN articles a ON a.id = p.article_id JOIN entities n ON n.id = ?
           ${order.replace(/ LIMIT.*$/, '')}`,
        )
        .all(speaker.id, limit, offset, speaker.id);
    } else {
      rows = this.db.prepare<unknown[], ListedRow>(this.select('', order)).all(limit, offset);
    }
    return rows.map((r) => ({ ...toQuote(r), article_id: r.article_id, title: r.title, published: r.published, source: r.source }));
  }
}

type ListedRow = QuoteRow & { title: string | null; published: string | null; source: string };

function toQuote(r: QuoteRow): ArticleQuote {
  let speaker: ArticleQuote['speaker'] = null;
  if (r.speaker_id) speaker = { id: r.speaker_now ?? r.speaker_id, label: r.speaker_now_label ?? r.speaker_label ?? '' };
  else if (r.speaker_label) speaker = { id: null, label: r.speaker_label };
  return { text: r.text, start: r.start, end: r.end, cue: r.cue, speaker };
}
