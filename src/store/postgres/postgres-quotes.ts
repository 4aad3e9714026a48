import type { ArticleQuote, StoredQuote } from '../../model/quote.js';
import type { QuoteListOptions, QuoteStore } from '../quote-store.js';
import type { PgDb } from './pg-db.js';
import { liveJoin, mergedIds } from './live-entity.js';

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
  title: string | null;
  published: string | null;
  source: string;
}

/**
 * The quote half of the PostgreSQL backend. A speaker id is stored as resolved at analysis
 * time and read through analysts' merges, as on SQLite (src/store/sqlite/sqlite-quotes.ts).
 */
export class PgQuotes implements QuoteStore {
  constructor(private readonly db: PgDb) {}

  private select(where: string, tail: string): string {
    return `SELECT q.*, l.now AS speaker_now, n.label AS speaker_now_label, a.title, a.published, a.source
            FROM quotes q JOIN articles a ON a.id = q.article_id
              ${liveJoin('q.speaker_id', 'l')} LEFT JOIN entities n ON n.id = l.now
            ${where} ${tail}`;
  }

  async setArticleQuotes(articleId: string, quotes: ArticleQuote[]): Promise<void> {
    await this.db.tx(async () => {
      await this.db.query('DELETE FROM quotes WHERE article_id = $1', [articleId]);
      if (quotes.length === 0) return;
      await this.db.query(
        `INSERT INTO quotes (article_id, ord, text, start, "end", cue, speaker_id, speaker_label)
         SELECT $1, q.i - 1, q.text, q.start, q."end", q.cue, q.sid, q.slabel
         FROM unnest($2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS q(text, start, "end", cue, sid, slabel, i)`,
        [
          articleId,
          quotes.map((x) => x.text),
          quotes.map((x) => x.start),
          quotes.map((x) => x.end),
          quotes.map((x) => x.cue),
          quotes.map((x) => x.speaker?.id ?? null),
          quotes.map((x) => x.speaker?.label ?? null),
        ],
      );
    });
  }

  async articleQuotes(articleId: string): Promise<ArticleQuote[]> {
    return (await this.db.query<QuoteRow>(this.select('WHERE q.article_id = $1', 'ORDER BY q.ord'), [articleId])).map(toQuote);
  }

  async newestQuotesOf(articleIds: string[], limit: number): Promise<{ total: number; quotes: StoredQuote[] }> {
    if (!articleIds.length) return { total: 0, quotes: [] };
    const total = Number((await this.db.query<{ n: string }>('SELECT COUNT(*) AS n FROM quotes WHERE article_id = ANY($1::text[])', [articleIds]))[0]?.n ?? 0);
    if (limit <= 0 || total === 0) return { total, quotes: [] };
    const rows = await this.db.query<QuoteRow>(
      this.select('WHERE q.article_id = ANY($1::text[])', 'ORDER BY COALESCE(a.published, a.created_at) DESC, a.id, q.ord LIMIT $2'),
      [articleIds, limit],
    );
    return { total, quotes: rows.map((r) => ({ ...toQuote(r), article_id: r.article_id, title: r.title, published: r.published, source: r.source })) };
  }

  async countQuotes(): Promise<number> {
    const rows = await this.db.query<{ n: string }>('SELECT COUNT(*) AS n FROM quotes');
    return Number(rows[0]?.n ?? 0);
  }

  async listQuotes(options: QuoteListOptions = {}): Promise<StoredQuote[]> {
    const params: unknown[] = [options.limit ?? 50, options.offset ?? 0];
    let where = '';
    if (options.speaker) {
      // The speaker and every id merged into it, then their quotes by index.
      const ids = await mergedIds(this.db, options.speaker);
      if (ids.length === 0) return [];
      where = 'WHERE q.speaker_id = ANY($3::text[])';
      params.push(ids);
    }
    const rows = await this.db.query<QuoteRow>(this.select(where, 'ORDER BY COALESCE(a.published, a.created_at) DESC, a.id, q.ord LIMIT $1 OFFSET $2'), params);
    return rows.map((r) => ({ ...toQuote(r), article_id: r.article_id, title: r.title, published: r.published, source: r.source }));
  }
}

function toQuote(r: QuoteRow): ArticleQuote {
  let speaker: ArticleQuote['speaker'] = null;
  if (r.speaker_id) speaker = { id: r.speaker_now ?? r.speaker_id, label: r.speaker_now_label ?? r.speaker_label ?? '' };
  else if (r.speaker_label) speaker = { id: null, label: r.speaker_label };
  return { text: r.text, start: r.start, end: r.end, cue: r.cue, speaker };
}
