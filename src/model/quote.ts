/**
 * A quote as Marsad reports and stores it (contract of `marsad analyze --json`, quotes
 * field). Offsets are into `article.text`.
 */
export interface ArticleQuote {
  text: string;
  start: number;
  end: number;
  /** the reporting word as written ("قال", "حسب"), null when none */
  cue: string | null;
  /** the entity that spoke (by id) or a label for a speaker that is no entity; null when unknown */
  speaker: { id: string | null; label: string } | null;
}

/** A stored quote with the article it came from, as `marsad quotes` lists it. */
export interface StoredQuote extends ArticleQuote {
  article_id: string;
  title: string | null;
  published: string | null;
  source: string;
}
