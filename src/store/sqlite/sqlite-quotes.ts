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
    };
  }

  /** The quotes joined with the entity now answering for their speaker (one merge hop per level, up to three). */
  private select(where: string, tail: string): string {
    return `WITH RECURSIVE live(id, now) AS (
              SELECT id, id FROM entities WHERE merged_into IS NULL
              UNION ALL SELECT e.id, live.now FROM entities e JOIN live ON e.merged_into = live.id
            )
            SELECT q.*, l.now AS speaker_now, n.label AS speaker_now_label, a.title, a.published, a.source
            FROM quotes q JOIN articles a ON a.id = q.article_id
              LEFT JOIN live l ON l.id = q.speaker_id LEFT JOIN entities n ON n.id = l.now
            ${where} ${tail}`;
  }

  async setArticleQuotes(articleId: string, quotes: ArticleQuote[]): Promise<void> {
    this.db.transaction(() => {
      this.q.clear.run(articleId);
      quotes.forEach((x, i) => this.q.add.run(articleId, i, x.text, x.start, x.end, x.cue, x.speaker?.id ?? null, x.speaker?.label ?? null));
    })();
  }

  async articleQuotes(articleId: string): Promise<ArticleQuote[]> {
    const rows = this.db.prepare<[string], QuoteRow>(this.select('WHERE q.article_id = ?', 'ORDER BY q.ord')).all(articleId);
    return rows.map(toQuote);
  }

  async listQuotes(options: QuoteListOptions = {}): Promise<StoredQuote[]> {
    const params: unknown[] = [];
    let where = '';
    if (options.speaker) {
      where = 'WHERE l.now = (SELECT now FROM live WHERE id = ?)';
      params.push(options.speaker);
    }
    params.push(options.limit ?? 50, options.offset ?? 0);
    const rows = this.db
      .prepare<unknown[], QuoteRow & { title: string | null; published: string | null; source: string }>(
        this.select(where, 'ORDER BY COALESCE(a.published, a.created_at) DESC, a.id, q.ord LIMIT ? OFFSET ?'),
      )
      .all(...params);
    return rows.map((r) => ({ ...toQuote(r), article_id: r.article_id, title: r.title, published: r.published, source: r.source }));
  }
}

function toQuote(r: QuoteRow): ArticleQuote {
  let speaker: ArticleQuote['speaker'] = null;
  if (r.speaker_id) speaker = { id: r.speaker_now ?? r.speaker_id, label: r.speaker_now_label ?? r.speaker_label ?? '' };
  else if (r.speaker_label) speaker = { id: null, label: r.speaker_label };
  return { text: r.text, start: r.start, end: r.end, cue: r.cue, speaker };
}
