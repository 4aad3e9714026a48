/**
 * Schema versions, applied in order and recorded in `PRAGMA user_version`. A migration is
 * never edited once released: add a new one.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE articles (
        id            TEXT PRIMARY KEY,
        source        TEXT NOT NULL,
        title         TEXT,
        published     TEXT,
        author        TEXT,
        site          TEXT,
        section       TEXT,
        tags          TEXT NOT NULL DEFAULT '[]',
        url           TEXT,
        lang          TEXT NOT NULL,
        text          TEXT NOT NULL,
        article_hash  TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      );
      CREATE INDEX articles_published ON articles(published);
      CREATE INDEX articles_created ON articles(created_at);

      -- Every key an article is known by (url:, src:, text:); any match is the same article.
      CREATE TABLE article_keys (
        key         TEXT PRIMARY KEY,
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
      );
      CREATE INDEX article_keys_article ON article_keys(article_id);

      -- The page as read, gzip-compressed, so extraction can be re-run after an improvement.
      CREATE TABLE raw_pages (
        article_id    TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        bytes_gz      BLOB NOT NULL,
        bytes_sha256  TEXT NOT NULL,
        url           TEXT,
        content_type  TEXT,
        encoding      TEXT NOT NULL,
        kind          TEXT NOT NULL,
        fetched_at    TEXT NOT NULL
      );

      CREATE TABLE fetch_state (
        url            TEXT PRIMARY KEY,
        etag           TEXT,
        last_modified  TEXT,
        fetched_at     TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    sql: `
      -- Full-text index over analysed keys (normalised, clitics removed, light-stemmed), not
      -- over raw text: the analyser, not FTS5's tokenizer, knows Arabic. Contentless: the text
      -- lives in articles; rowid is articles.rowid.
      CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0',
        prefix = '2 3 4'
      );
      CREATE TABLE store_meta (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      );
    `,
  },
];
