/**
 * Schema versions of the PostgreSQL backend, applied in order and recorded in the
 * schema_version table. A migration is never edited once released: add a new one.
 *
 * Tables and columns are those of the SQLite backend (src/store/sqlite/migrations.ts, as of
 * its version 12), so that `marsad migrate` copies rows across column for column. Differences,
 * and why:
 * - text is compared byte-wise (COLLATE "C"), as SQLite does, so orderings agree;
 * - `row_seq` stands in for SQLite's rowid where the order rows were stored matters
 *   (articles, mentions, roles); it is not part of a copied row;
 * - the search index is a tsvector column of articles, not a separate table;
 * - foreign keys are DEFERRABLE, so a corpus can be loaded in one transaction in any order.
 */
import { keyWeightSql } from '../entity-rows.js';
import { SPAN_CLASS_MAX } from '../merged-event-store.js';

const T = 'TEXT COLLATE "C"';
const FK = 'DEFERRABLE INITIALLY IMMEDIATE';

export const PG_MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE articles (
        id            ${T} PRIMARY KEY,
        source        ${T} NOT NULL,
        title         ${T},
        published     ${T},
        author        ${T},
        site          ${T},
        section       ${T},
        tags          ${T} NOT NULL DEFAULT '[]',
        url           ${T},
        lang          ${T} NOT NULL,
        text          ${T} NOT NULL,
        article_hash  ${T} NOT NULL,
        created_at    ${T} NOT NULL,
        updated_at    ${T} NOT NULL,
        row_seq       BIGSERIAL UNIQUE,
        -- analyser keys of title (weight A) and body, space-joined, through the 'simple' configuration
        search        tsvector
      );
      CREATE INDEX articles_published ON articles(published);
      CREATE INDEX articles_created ON articles(created_at);
      CREATE INDEX articles_search ON articles USING GIN (search);

      CREATE TABLE article_keys (
        key         ${T} PRIMARY KEY,
        article_id  ${T} NOT NULL REFERENCES articles(id) ON DELETE CASCADE ${FK}
      );
      CREATE INDEX article_keys_article ON article_keys(article_id);

      CREATE TABLE raw_pages (
        article_id    ${T} PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE ${FK},
        bytes_gz      BYTEA NOT NULL,
        bytes_sha256  ${T} NOT NULL,
        url           ${T},
        content_type  ${T},
        encoding      ${T} NOT NULL,
        kind          ${T} NOT NULL,
        fetched_at    ${T} NOT NULL
      );

      CREATE TABLE fetch_state (
        url            ${T} PRIMARY KEY,
        etag           ${T},
        last_modified  ${T},
        fetched_at     ${T} NOT NULL
      );

      CREATE TABLE store_meta (
        key    ${T} PRIMARY KEY,
        value  ${T} NOT NULL
      );

      CREATE TABLE entities (
        id            ${T} PRIMARY KEY,
        type          ${T} NOT NULL,
        label         ${T} NOT NULL,
        label_en      ${T},
        country       ${T},
        sectors       ${T} NOT NULL DEFAULT '[]',
        wikidata      ${T},
        curated       INTEGER NOT NULL DEFAULT 0,
        curated_roles ${T} NOT NULL DEFAULT '[]',
        merged_into   ${T} REFERENCES entities(id) ${FK},
        created_at    ${T} NOT NULL
      );
      CREATE INDEX entities_type ON entities(type);
      CREATE INDEX entities_merged ON entities(merged_into);
      CREATE TABLE entity_keys (
        key        ${T} NOT NULL,
        entity_id  ${T} NOT NULL REFERENCES entities(id) ON DELETE CASCADE ${FK},
        PRIMARY KEY (key, entity_id)
      );
      CREATE INDEX entity_keys_entity ON entity_keys(entity_id);
      CREATE TABLE entity_aliases (
        entity_id  ${T} NOT NULL REFERENCES entities(id) ON DELETE CASCADE ${FK},
        text       ${T} NOT NULL,
        PRIMARY KEY (entity_id, text)
      );
      CREATE TABLE entity_mentions (
        article_id  ${T} NOT NULL REFERENCES articles(id) ON DELETE CASCADE ${FK},
        entity_id   ${T} NOT NULL REFERENCES entities(id) ${FK},
        ord         INTEGER NOT NULL,
        text        ${T} NOT NULL,
        start       INTEGER NOT NULL,
        "end"       INTEGER NOT NULL,
        key         ${T} NOT NULL,
        row_seq     BIGSERIAL UNIQUE
      );
      CREATE INDEX entity_mentions_article ON entity_mentions(article_id);
      CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id, key);
      CREATE INDEX entity_mentions_latest ON entity_mentions(entity_id, row_seq);
      CREATE TABLE entity_roles (
        article_id  ${T} NOT NULL REFERENCES articles(id) ON DELETE CASCADE ${FK},
        entity_id   ${T} NOT NULL REFERENCES entities(id) ${FK},
        role        ${T} NOT NULL,
        seen_at     ${T},
        row_seq     BIGSERIAL UNIQUE
      );
      CREATE INDEX entity_roles_entity ON entity_roles(entity_id, role, seen_at);
      CREATE INDEX entity_roles_article ON entity_roles(article_id);
      CREATE TABLE entity_blocks (
        entity_id  ${T} NOT NULL REFERENCES entities(id) ON DELETE CASCADE ${FK},
        key        ${T} NOT NULL,
        PRIMARY KEY (entity_id, key)
      );
      CREATE TABLE entity_corrections (
        seq     BIGSERIAL PRIMARY KEY,
        kind    ${T} NOT NULL,
        entity  ${T} NOT NULL,
        other   ${T} NOT NULL,
        alias   ${T},
        by      ${T} NOT NULL,
        at      ${T} NOT NULL
      );
      CREATE TABLE entity_alias_counts (
        entity_id  ${T} NOT NULL REFERENCES entities(id) ON DELETE CASCADE ${FK},
        text       ${T} NOT NULL,
        count      INTEGER NOT NULL,
        PRIMARY KEY (entity_id, text)
      );
      CREATE TABLE entity_article_counts (
        entity_id  ${T} PRIMARY KEY REFERENCES entities(id) ON DELETE CASCADE ${FK},
        articles   INTEGER NOT NULL
      );

      CREATE TABLE quotes (
        article_id     ${T} NOT NULL REFERENCES articles(id) ON DELETE CASCADE ${FK},
        ord            INTEGER NOT NULL,
        text           ${T} NOT NULL,
        start          INTEGER NOT NULL,
        "end"          INTEGER NOT NULL,
        cue            ${T},
        speaker_id     ${T} REFERENCES entities(id) ${FK},
        speaker_label  ${T},
        PRIMARY KEY (article_id, ord)
      );
      CREATE INDEX quotes_speaker ON quotes(speaker_id);

      CREATE TABLE events (
        article_id      ${T} NOT NULL REFERENCES articles(id) ON DELETE CASCADE ${FK},
        ord             INTEGER NOT NULL,
        id              ${T} NOT NULL,
        type            ${T} NOT NULL,
        mode            ${T},
        status          ${T},
        source_id       ${T} NOT NULL,
        source_label    ${T} NOT NULL,
        target_id       ${T},
        target_label    ${T},
        location_id     ${T},
        location_label  ${T},
        date_start      ${T},
        date_end        ${T},
        date_text       ${T},
        contexts        ${T} NOT NULL DEFAULT '[]',
        evidence_text   ${T} NOT NULL,
        evidence_start  INTEGER NOT NULL,
        evidence_end    INTEGER NOT NULL,
        PRIMARY KEY (article_id, ord)
      );
      CREATE INDEX events_source ON events(source_id);
      CREATE INDEX events_target ON events(target_id);
      CREATE INDEX events_type ON events(type);

      CREATE TABLE article_signatures (
        article_id  ${T} PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE ${FK},
        exact_key   ${T} NOT NULL,
        signature   BYTEA NOT NULL,
        version     ${T} NOT NULL
      );
      CREATE INDEX article_signatures_exact ON article_signatures(exact_key);
      CREATE TABLE article_duplicates (
        article_id    ${T} PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE ${FK},
        duplicate_of  ${T} NOT NULL REFERENCES articles(id) ON DELETE CASCADE ${FK},
        similarity    DOUBLE PRECISION NOT NULL,
        exact         INTEGER NOT NULL
      );
      CREATE INDEX article_duplicates_of ON article_duplicates(duplicate_of);
      CREATE TABLE stories (
        id          ${T} PRIMARY KEY,
        label       ${T},
        summary     ${T} NOT NULL DEFAULT '[]',
        updated_at  ${T} NOT NULL
      );
      CREATE TABLE story_articles (
        article_id  ${T} PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE ${FK},
        story_id    ${T} NOT NULL REFERENCES stories(id) ON DELETE CASCADE ${FK},
        -- order of first assignment, so that the clusterer can be replayed
        seq         BIGSERIAL NOT NULL
      );
      CREATE INDEX story_articles_story ON story_articles(story_id);

      -- That an article's analysis finished, for the content it had then (SQLite v8).
      CREATE TABLE article_analysis (
        article_id    ${T} PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE ${FK},
        article_hash  ${T} NOT NULL,
        version       ${T} NOT NULL,
        completed_at  ${T} NOT NULL
      );

      -- Affiliations (SQLite v9): derived rows replaced wholesale, one analyst row per pair.
      CREATE TABLE affiliations (
        id         BIGSERIAL PRIMARY KEY,
        member     ${T} NOT NULL,
        of_id      ${T} NOT NULL,
        date_from  ${T},
        date_to    ${T},
        origin     ${T} NOT NULL CHECK (origin IN ('curated', 'role', 'analyst')),
        basis      ${T},
        removed    INTEGER NOT NULL DEFAULT 0,
        by_name    ${T},
        at         ${T}
      );
      CREATE INDEX affiliations_member ON affiliations(member, of_id);
      CREATE INDEX affiliations_of ON affiliations(of_id);
      CREATE UNIQUE INDEX affiliations_analyst_pair ON affiliations(member, of_id) WHERE origin = 'analyst';
    `,
  },
  {
    version: 2,
    sql: `
      -- How many articles name each pair of entities, both directions (SQLite v10), kept up
      -- to date as articles are analysed, so that an entity page reads its co-occurring
      -- actors from its own rows (issue #8: entity pages at 100k articles).
      CREATE TABLE entity_cooccurrence (
        entity_id  ${T} NOT NULL REFERENCES entities(id) ON DELETE CASCADE ${FK},
        other_id   ${T} NOT NULL REFERENCES entities(id) ON DELETE CASCADE ${FK},
        articles   INTEGER NOT NULL,
        PRIMARY KEY (entity_id, other_id)
      );
      CREATE INDEX entity_cooccurrence_other ON entity_cooccurrence(other_id);
      INSERT INTO entity_cooccurrence (entity_id, other_id, articles)
        SELECT a.entity_id, b.entity_id, COUNT(*)
        FROM (SELECT DISTINCT article_id, entity_id FROM entity_mentions) a
          JOIN (SELECT DISTINCT article_id, entity_id FROM entity_mentions) b ON b.article_id = a.article_id AND b.entity_id <> a.entity_id
        GROUP BY a.entity_id, b.entity_id;
    `,
  },
  {
    version: 3,
    sql: `
      -- Each entity's roles with the dates first and last seen and how often (SQLite v12),
      -- kept up to date as articles are analysed instead of summed on each entity page read.
      CREATE TABLE entity_role_counts (
        entity_id   ${T} NOT NULL REFERENCES entities(id) ON DELETE CASCADE ${FK},
        role        ${T} NOT NULL,
        first_seen  ${T},
        last_seen   ${T},
        count       INTEGER NOT NULL,
        PRIMARY KEY (entity_id, role)
      );
      INSERT INTO entity_role_counts (entity_id, role, first_seen, last_seen, count)
        SELECT entity_id, role, MIN(seen_at), MAX(seen_at), COUNT(*) FROM entity_roles GROUP BY entity_id, role;
      -- An entity's most frequent companions first; a speaker's quotes by article (SQLite v11, v12).
      CREATE INDEX entity_cooccurrence_rank ON entity_cooccurrence(entity_id, articles);
      CREATE INDEX quotes_speaker_article ON quotes(speaker_id, article_id, ord);
      DROP INDEX quotes_speaker;
    `,
  },
  {
    version: 4,
    sql: `
      -- Ranking reads the search vector of every candidate: lz4 decompresses several times
      -- faster than the default pglz (a common word at 10k articles: ~400 → ~35 ms). Servers
      -- built without lz4 (or older than PostgreSQL 14) keep the default.
      DO $$ BEGIN
        ALTER TABLE articles ALTER COLUMN search SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported OR undefined_object OR syntax_error OR invalid_parameter_value THEN NULL;
      END $$;
    `,
  },
  {
    version: 5,
    sql: `
      -- Persisted merged events (SQLite v14; src/store/merged-event-store.ts, issue #7): each
      -- event's bucket (happeningBucket) from the actor ids answering now and its story, the stale keys (every key of an
      -- existing corpus: the first read merges each bucket once) and the merged events per key.
      ALTER TABLE events ADD COLUMN happening_key ${T};
      WITH RECURSIVE live(id, now) AS (
          SELECT id, id FROM entities WHERE merged_into IS NULL
          UNION ALL SELECT e.id, live.now FROM entities e JOIN live ON e.merged_into = live.id),
        p AS (
          SELECT v.article_id, v.ord, v.type,
                 CASE WHEN v.status IS NULL OR v.status = 'historical' THEN 'happened' ELSE v.status END AS class,
                 COALESCE(ls.now, v.source_id) COLLATE "C" AS a, COALESCE(lt.now, v.target_id, '') COLLATE "C" AS b, sa.story_id AS story
          FROM events v LEFT JOIN live ls ON ls.id = v.source_id LEFT JOIN live lt ON lt.id = v.target_id
            LEFT JOIN story_articles sa ON sa.article_id = v.article_id)
      UPDATE events v SET happening_key = p.type || ':' || p.class || ':' ||
               CASE WHEN p.type = 'CONSULT' AND p.b <> '' AND p.b < p.a THEN p.b || '|' || p.a ELSE p.a || '|' || p.b END ||
               CASE WHEN substr(p.a, 1, 8) = 'generic:' AND (p.b = '' OR substr(p.b, 1, 8) = 'generic:') THEN '#' || COALESCE(p.story, '') ELSE '' END
        FROM p WHERE p.article_id = v.article_id AND p.ord = v.ord;
      CREATE INDEX events_happening ON events(happening_key);
      CREATE INDEX events_location ON events(location_id);
      CREATE SEQUENCE happening_stale_seq;
      CREATE TABLE happening_stale (
        key  ${T} PRIMARY KEY,
        seq  BIGINT NOT NULL
      );
      INSERT INTO happening_stale (key, seq)
        SELECT k, nextval('happening_stale_seq') FROM (SELECT DISTINCT happening_key AS k FROM events WHERE happening_key IS NOT NULL) x;
      CREATE TABLE happenings (
        key             ${T} NOT NULL,
        n               INTEGER NOT NULL,
        type            ${T} NOT NULL,
        source_id       ${T} NOT NULL,
        source_label    ${T} NOT NULL,
        target_id       ${T},
        target_label    ${T},
        first_day       ${T},
        last_day        ${T},
        day             ${T},
        sort_day        ${T} NOT NULL,
        sort_published  ${T} NOT NULL,
        sort_article    ${T} NOT NULL,
        sort_ord        INTEGER NOT NULL,
        num_articles    INTEGER NOT NULL,
        num_sources     INTEGER NOT NULL,
        PRIMARY KEY (key, n)
      );
      -- the merged event as JSON, apart: the counts scan happenings without reading it
      CREATE TABLE happening_json (
        key    ${T} NOT NULL,
        n      INTEGER NOT NULL,
        event  ${T} NOT NULL,
        PRIMARY KEY (key, n)
      );
      -- Newest first, whole or by type or actor; the covered days ride along so that a date
      -- filter skips the rows outside it in the index, without reading them.
      CREATE INDEX happenings_order ON happenings(sort_day DESC, sort_published DESC, sort_article, sort_ord, first_day, last_day);
      CREATE INDEX happenings_type ON happenings(type, sort_day DESC, sort_published DESC, sort_article, sort_ord, first_day, last_day);
      CREATE INDEX happenings_source ON happenings(source_id, sort_day DESC, sort_published DESC, sort_article, sort_ord, first_day, last_day);
      CREATE INDEX happenings_target ON happenings(target_id, sort_day DESC, sort_published DESC, sort_article, sort_ord, first_day, last_day);
    `,
  },
  {
    version: 6,
    sql: `
      -- Stories listed newest first from their own rows (SQLite v15, issue #7); kept by assignStory.
      ALTER TABLE stories ADD COLUMN last_published ${T};
      ALTER TABLE stories ADD COLUMN last_created ${T};
      UPDATE stories SET
        last_published = (SELECT MAX(a.published) FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = stories.id),
        last_created = (SELECT MAX(a.created_at) FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = stories.id);
      CREATE INDEX stories_listed ON stories((last_published IS NULL), last_published DESC, last_created DESC, id);
    `,
  },
  {
    version: 7,
    sql: `
      -- The article list newest first from an index in its own order (SQLite v16, issue #7).
      CREATE INDEX articles_newest ON articles((COALESCE(published, created_at)) DESC, id);
    `,
  },
  {
    version: 8,
    sql: `
      -- A merged event's sources apart from the rest of it, and its id (SQLite v18, issue #7).
      -- Stored rows keep their sources inside event (sources NULL) and read as before until
      -- their bucket is merged again: cutting them out here would go through jsonb, which
      -- reorders the keys that \`marsad events --json\` prints.
      ALTER TABLE happening_json ADD COLUMN id ${T};
      ALTER TABLE happening_json ADD COLUMN sources ${T};
      UPDATE happening_json SET id = event::json->>'id';
      CREATE INDEX happening_json_id ON happening_json(id);
    `,
  },
  {
    version: 9,
    sql: `
      -- A linking lookup reads at most KEY_POSTING_CAP entities per key, the weightiest first
      -- (curated, then most reported): a common name word's list grows with the corpus.
      ALTER TABLE entity_keys ADD COLUMN weight INTEGER NOT NULL DEFAULT 0;
      UPDATE entity_keys k SET weight = w.v
        FROM (SELECT e.id, ${keyWeightSql('e.curated', 'c.articles')} AS v
              FROM entities e LEFT JOIN entity_article_counts c ON c.entity_id = e.id) w
        WHERE k.entity_id = w.id;
      CREATE INDEX entity_keys_weight ON entity_keys(key, weight DESC, entity_id);
    `,
  },
  {
    version: 10,
    sql: `
      -- The timeline without a full scan of the merged events (SQLite v20, issue #7): counts
      -- per timeline day and type ('' for undated), kept by setHappenings.
      CREATE TABLE happening_days (
        type   ${T} NOT NULL,
        day    ${T} NOT NULL,
        count  INTEGER NOT NULL,
        PRIMARY KEY (type, day)
      );
      INSERT INTO happening_days (type, day, count) SELECT type, COALESCE(day, ''), COUNT(*) FROM happenings GROUP BY type, COALESCE(day, '');
      -- Span classes (spanClass in src/store/merged-event-store.ts) for date filters. Existing
      -- dated rows take the last class, which every date filter reads (right, not fast) until
      -- their bucket is merged again: SQL here would fail on a stored day that is not real.
      ALTER TABLE happenings ADD COLUMN span_class INTEGER;
      UPDATE happenings SET span_class = ${SPAN_CLASS_MAX} WHERE first_day IS NOT NULL AND last_day IS NOT NULL;
      CREATE INDEX happenings_span ON happenings(span_class, first_day, last_day, type, day);
      -- What each story's report counts of each bucket's merged events, made when a bucket is
      -- merged; the buckets of stored stories are counted by the next refresh (SQLite v20).
      CREATE TABLE story_happenings (
        story_id  ${T} NOT NULL,
        key       ${T} NOT NULL,
        count     INTEGER NOT NULL,
        PRIMARY KEY (story_id, key)
      );
      CREATE INDEX story_happenings_key ON story_happenings(key);
      CREATE TABLE story_count_stale (key ${T} PRIMARY KEY);
      INSERT INTO story_count_stale (key)
        SELECT DISTINCT v.happening_key FROM story_articles sa JOIN events v ON v.article_id = sa.article_id WHERE v.happening_key IS NOT NULL;
    `,
  },
  {
    version: 11,
    sql: `
      -- Articles per day of publication ('' for undated), kept as articles are stored and
      -- updated (SQLite v21): the dyad's coverage grouped every article on each read.
      CREATE TABLE article_days (
        day       ${T} PRIMARY KEY,
        articles  INTEGER NOT NULL
      );
      INSERT INTO article_days (day, articles) SELECT COALESCE(substr(published, 1, 10), ''), COUNT(*) FROM articles GROUP BY 1;
    `,
  },
  {
    version: 12,
    sql: `
      -- The actor network without reading every merged event (SQLite v22, issue #7): merged
      -- events with a recipient other than their actor per directed pair and type, with the
      -- labels and order of the pair's newest one; kept by setHappenings.
      CREATE TABLE happening_pairs (
        source_id       ${T} NOT NULL,
        target_id       ${T} NOT NULL,
        type            ${T} NOT NULL,
        count           INTEGER NOT NULL,
        source_label    ${T} NOT NULL,
        target_label    ${T} NOT NULL,
        sort_day        ${T} NOT NULL,
        sort_published  ${T} NOT NULL,
        sort_article    ${T} NOT NULL,
        sort_ord        INTEGER NOT NULL,
        PRIMARY KEY (source_id, target_id, type)
      );
      INSERT INTO happening_pairs (source_id, target_id, type, count, source_label, target_label, sort_day, sort_published, sort_article, sort_ord)
        SELECT source_id, target_id, type, count, source_label, target_label, sort_day, sort_published, sort_article, sort_ord FROM (
          SELECT source_id, target_id, type, source_label, target_label, sort_day, sort_published, sort_article, sort_ord,
                 (COUNT(*) OVER (PARTITION BY source_id, target_id, type))::int AS count,
                 ROW_NUMBER() OVER (PARTITION BY source_id, target_id, type ORDER BY sort_day DESC, sort_published DESC, sort_article, sort_ord) AS newest
          FROM happenings WHERE target_id IS NOT NULL AND target_id <> source_id) p
        WHERE newest = 1;
      CREATE INDEX happening_pairs_order ON happening_pairs(sort_day DESC, sort_published DESC, sort_article, sort_ord);
      CREATE INDEX happening_pairs_type ON happening_pairs(type, sort_day DESC, sort_published DESC, sort_article, sort_ord);
      CREATE INDEX happening_pairs_target ON happening_pairs(target_id);
      CREATE INDEX happenings_pair ON happenings(source_id, target_id, type, sort_day DESC, sort_published DESC, sort_article, sort_ord);
    `,
  },
  {
    version: 13,
    sql: `
      -- The entity list in its order from an index (SQLite v23, issue #7): each entity's
      -- article count on its row, kept from entity_article_counts by a trigger wherever that
      -- count changes.
      ALTER TABLE entities ADD COLUMN articles INTEGER NOT NULL DEFAULT 0;
      UPDATE entities e SET articles = c.articles FROM entity_article_counts c WHERE c.entity_id = e.id;
      CREATE FUNCTION entity_articles_kept() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          UPDATE entities SET articles = 0 WHERE id = OLD.entity_id;
          RETURN OLD;
        END IF;
        UPDATE entities SET articles = NEW.articles WHERE id = NEW.entity_id;
        RETURN NEW;
      END $$;
      CREATE TRIGGER entity_articles_kept AFTER INSERT OR DELETE OR UPDATE OF articles ON entity_article_counts
        FOR EACH ROW EXECUTE FUNCTION entity_articles_kept();
      CREATE INDEX entities_listed ON entities(articles DESC, label, id) WHERE merged_into IS NULL AND articles > 0;
      CREATE INDEX entities_listed_type ON entities(type, articles DESC, label, id) WHERE merged_into IS NULL AND articles > 0;
    `,
  },
];

/** Columns that exist only to keep the order rows were stored in; never copied. */
export const PG_ORDER_COLUMN = 'row_seq';
/** Columns of the PostgreSQL backend that are derived (rebuilt after a copy), never copied. */
export const PG_DERIVED_COLUMNS: ReadonlySet<string> = new Set(['row_seq', 'search']);
