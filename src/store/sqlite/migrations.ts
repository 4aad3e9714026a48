/**
 * Schema versions, applied in order and recorded in `PRAGMA user_version`. A migration is
 * never edited once released: add a new one.
 */
import { keyWeightSql } from '../entity-rows.js';
import { spanClassSql } from '../merged-event-store.js';
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
  {
    version: 3,
    sql: `
      -- Canonical entities. Aliases, roles and counts are derived from entity_mentions and
      -- entity_roles, which are replaced per article on re-analysis.
      CREATE TABLE entities (
        id           TEXT PRIMARY KEY,
        type         TEXT NOT NULL,
        label        TEXT NOT NULL,
        label_en     TEXT,
        country      TEXT,
        sectors      TEXT NOT NULL DEFAULT '[]',
        wikidata     TEXT,
        curated      INTEGER NOT NULL DEFAULT 0,
        -- standing offices of a curated actor (undated); seen roles live in entity_roles
        curated_roles TEXT NOT NULL DEFAULT '[]',
        -- set by an analyst's merge: this id now answers as that entity
        merged_into  TEXT REFERENCES entities(id),
        created_at   TEXT NOT NULL
      );
      CREATE INDEX entities_type ON entities(type);
      -- Name keys by which a new mention finds candidate entities.
      CREATE TABLE entity_keys (
        key        TEXT NOT NULL,
        entity_id  TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        PRIMARY KEY (key, entity_id)
      ) WITHOUT ROWID;
      CREATE INDEX entity_keys_entity ON entity_keys(entity_id);
      -- Curated and analyst-given names, counted beside the mentions.
      CREATE TABLE entity_aliases (
        entity_id  TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        text       TEXT NOT NULL,
        PRIMARY KEY (entity_id, text)
      ) WITHOUT ROWID;
      CREATE TABLE entity_mentions (
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        entity_id   TEXT NOT NULL REFERENCES entities(id),
        ord         INTEGER NOT NULL,
        text        TEXT NOT NULL,
        start       INTEGER NOT NULL,
        end         INTEGER NOT NULL,
        key         TEXT NOT NULL
      );
      CREATE INDEX entity_mentions_article ON entity_mentions(article_id);
      CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id, key);
      CREATE TABLE entity_roles (
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        entity_id   TEXT NOT NULL REFERENCES entities(id),
        role        TEXT NOT NULL,
        seen_at     TEXT
      );
      CREATE INDEX entity_roles_entity ON entity_roles(entity_id);
      CREATE INDEX entity_roles_article ON entity_roles(article_id);
      -- Name keys an analyst split off an entity: they never link to it again.
      CREATE TABLE entity_blocks (
        entity_id  TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        key        TEXT NOT NULL,
        PRIMARY KEY (entity_id, key)
      ) WITHOUT ROWID;
      CREATE TABLE entity_corrections (
        seq     INTEGER PRIMARY KEY,
        kind    TEXT NOT NULL,
        entity  TEXT NOT NULL,
        other   TEXT NOT NULL,
        alias   TEXT,
        by      TEXT NOT NULL,
        at      TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    sql: `
      CREATE TABLE quotes (
        article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        ord            INTEGER NOT NULL,
        text           TEXT NOT NULL,
        start          INTEGER NOT NULL,
        end            INTEGER NOT NULL,
        cue            TEXT,
        speaker_id     TEXT REFERENCES entities(id),
        speaker_label  TEXT,
        PRIMARY KEY (article_id, ord)
      );
      CREATE INDEX quotes_speaker ON quotes(speaker_id);
    `,
  },
  {
    version: 5,
    sql: `
      -- PLOVER events per article; entity ids as resolved at analysis time, read through
      -- analysts' merges (entities.merged_into).
      CREATE TABLE events (
        article_id      TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        ord             INTEGER NOT NULL,
        id              TEXT NOT NULL,
        type            TEXT NOT NULL,
        mode            TEXT,
        status          TEXT,
        source_id       TEXT NOT NULL,
        source_label    TEXT NOT NULL,
        target_id       TEXT,
        target_label    TEXT,
        location_id     TEXT,
        location_label  TEXT,
        date_start      TEXT,
        date_end        TEXT,
        date_text       TEXT,
        contexts        TEXT NOT NULL DEFAULT '[]',
        evidence_text   TEXT NOT NULL,
        evidence_start  INTEGER NOT NULL,
        evidence_end    INTEGER NOT NULL,
        PRIMARY KEY (article_id, ord)
      );
      CREATE INDEX events_source ON events(source_id);
      CREATE INDEX events_target ON events(target_id);
      CREATE INDEX events_type ON events(type);
    `,
  },
  {
    version: 6,
    sql: `
      -- Near-duplicate signatures (src/resolve/near-duplicates.ts): exact key and MinHash bytes,
      -- with the version of the code that made them (recomputed when it changes).
      CREATE TABLE article_signatures (
        article_id  TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        exact_key   TEXT NOT NULL,
        signature   BLOB NOT NULL,
        version     TEXT NOT NULL
      );
      CREATE INDEX article_signatures_exact ON article_signatures(exact_key);
      -- A near-duplicate is linked to the earlier article it copies, never dropped.
      CREATE TABLE article_duplicates (
        article_id    TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        duplicate_of  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        similarity    REAL NOT NULL,
        exact         INTEGER NOT NULL
      );
      CREATE INDEX article_duplicates_of ON article_duplicates(duplicate_of);
      -- Stories (src/resolve/stories.ts): label and summary as last refreshed; the article
      -- that started a story gives it its id.
      CREATE TABLE stories (
        id          TEXT PRIMARY KEY,
        label       TEXT,
        summary     TEXT NOT NULL DEFAULT '[]',
        updated_at  TEXT NOT NULL
      );
      CREATE TABLE story_articles (
        article_id  TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id    TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        -- order of first assignment, so that the clusterer can be replayed
        seq         INTEGER NOT NULL
      );
      CREATE INDEX story_articles_story ON story_articles(story_id);
    `,
  },
  {
    version: 7,
    sql: `
      -- What a candidate entity shows the resolver, kept up to date as articles are analysed
      -- (src/store/sqlite/sqlite-entities.ts), so that linking one mention does not read every
      -- earlier mention of a frequent entity (issue #6: ingest time must not grow with the store).
      -- How often each spelling was written, per entity.
      CREATE TABLE entity_alias_counts (
        entity_id  TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        text       TEXT NOT NULL,
        count      INTEGER NOT NULL,
        PRIMARY KEY (entity_id, text)
      ) WITHOUT ROWID;
      INSERT INTO entity_alias_counts (entity_id, text, count)
        SELECT entity_id, text, COUNT(*) FROM entity_mentions GROUP BY entity_id, text;
      -- How many articles mention each entity.
      CREATE TABLE entity_article_counts (
        entity_id  TEXT PRIMARY KEY REFERENCES entities(id) ON DELETE CASCADE,
        articles   INTEGER NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO entity_article_counts (entity_id, articles)
        SELECT entity_id, COUNT(DISTINCT article_id) FROM entity_mentions GROUP BY entity_id;
      -- An entity's mentions in the order they were stored (by rowid): its latest articles,
      -- from which a candidate's co-occurring entities are read.
      CREATE INDEX entity_mentions_latest ON entity_mentions(entity_id);
      -- Roles summed from the index alone.
      DROP INDEX entity_roles_entity;
      CREATE INDEX entity_roles_entity ON entity_roles(entity_id, role, seen_at);
    `,
  },
  {
    version: 8,
    sql: `
      -- That an article's analysis finished (entities, quotes, events, signature, story), for
      -- the content it had then (article_hash) and by which analysis version: a process killed
      -- between storing a page and finishing its analysis leaves no row, and the next ingest
      -- or reprocess finishes it instead of calling the page unchanged.
      CREATE TABLE article_analysis (
        article_id    TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        article_hash  TEXT NOT NULL,
        version       TEXT NOT NULL,
        completed_at  TEXT NOT NULL
      );
      -- Articles stored before this table existed were analysed as they were stored.
      INSERT INTO article_analysis (article_id, article_hash, version, completed_at)
        SELECT id, article_hash, 'before-schema-8', updated_at FROM articles;
    `,
  },
  {
    version: 9,
    sql: `
      -- Affiliations (person → organisation, organisation → country) that roll a person's
      -- events up to their agency and country. Derived rows (curated, role) are replaced
      -- wholesale; an analyst row, one per pair, states the pair or (removed = 1) sets the
      -- pair's derived rows aside. Ids are entity ids, not foreign keys: a country or curated
      -- actor need not be mentioned yet.
      CREATE TABLE affiliations (
        id         INTEGER PRIMARY KEY,
        member     TEXT NOT NULL,
        of_id      TEXT NOT NULL,
        date_from  TEXT,
        date_to    TEXT,
        origin     TEXT NOT NULL CHECK (origin IN ('curated', 'role', 'analyst')),
        basis      TEXT,
        removed    INTEGER NOT NULL DEFAULT 0,
        by_name    TEXT,
        at         TEXT
      );
      CREATE INDEX affiliations_member ON affiliations(member, of_id);
      CREATE INDEX affiliations_of ON affiliations(of_id);
      CREATE UNIQUE INDEX affiliations_analyst_pair ON affiliations(member, of_id) WHERE origin = 'analyst';
    `,
  },
  {
    version: 10,
    sql: `
      -- How many articles name each pair of entities, kept up to date as articles are analysed
      -- (src/store/sqlite/sqlite-entities.ts), so that an entity's co-occurring actors are read
      -- from its own rows instead of from every mention of every article naming it (issue #8:
      -- entity pages at 100k articles). Both directions are stored: (a, b) and (b, a).
      CREATE TABLE entity_cooccurrence (
        entity_id  TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        other_id   TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        articles   INTEGER NOT NULL,
        PRIMARY KEY (entity_id, other_id)
      ) WITHOUT ROWID;
      CREATE INDEX entity_cooccurrence_other ON entity_cooccurrence(other_id);
      CREATE TEMP TABLE article_entity AS SELECT DISTINCT article_id, entity_id FROM entity_mentions;
      CREATE INDEX temp.article_entity_article ON article_entity(article_id, entity_id);
      INSERT INTO entity_cooccurrence (entity_id, other_id, articles)
        SELECT a.entity_id, b.entity_id, COUNT(*) FROM article_entity a
          JOIN article_entity b ON b.article_id = a.article_id AND b.entity_id <> a.entity_id
        GROUP BY a.entity_id, b.entity_id;
      DROP TABLE temp.article_entity;
      -- The ids merged into an entity, found from it (quotes and events of a speaker or actor).
      CREATE INDEX entities_merged_into ON entities(merged_into) WHERE merged_into IS NOT NULL;
    `,
  },
  {
    version: 11,
    sql: `
      -- A speaker's quotes, newest article first, are ordered from indexes alone and only the
      -- page of them is read whole (issue #8: a frequent speaker has tens of thousands).
      CREATE INDEX quotes_speaker_article ON quotes(speaker_id, article_id, ord);
      DROP INDEX quotes_speaker;
      CREATE INDEX articles_listed ON articles(id, published, created_at);
    `,
  },
  {
    version: 12,
    sql: `
      -- Each entity's roles with the dates first and last seen and how often, kept up to date as
      -- articles are analysed (src/store/sqlite/sqlite-entities.ts) instead of summed over every
      -- article on each read of an entity page (issue #8).
      CREATE TABLE entity_role_counts (
        entity_id   TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        role        TEXT NOT NULL,
        first_seen  TEXT,
        last_seen   TEXT,
        count       INTEGER NOT NULL,
        PRIMARY KEY (entity_id, role)
      ) WITHOUT ROWID;
      INSERT INTO entity_role_counts (entity_id, role, first_seen, last_seen, count)
        SELECT entity_id, role, MIN(seen_at), MAX(seen_at), COUNT(*) FROM entity_roles GROUP BY entity_id, role;
      -- An entity's most frequent companions first, without sorting all of them.
      CREATE INDEX entity_cooccurrence_rank ON entity_cooccurrence(entity_id, articles);
    `,
  },
  {
    version: 13,
    sql: `
      -- The columns a site: filter reads, so that the set of an outlet's articles is found by
      -- scanning this small index instead of the table's rows with their texts (issue #8).
      CREATE INDEX articles_site_filter ON articles(site, url, source);
    `,
  },
  {
    version: 14,
    sql: `
      -- Persisted merged events (src/store/merged-event-store.ts, issue #7). Each event carries
      -- its bucket (happeningBucket in src/resolve/event-merge.ts: type, status class, actor pair
      -- unordered for CONSULT, and for two generic actors the story), from the actor ids
      -- answering at write time; merged events are stored per bucket and a bucket is merged
      -- again only once its key is marked stale.
      ALTER TABLE events ADD COLUMN happening_key TEXT;
      CREATE TEMP TABLE happening_live AS
        WITH RECURSIVE live(id, now) AS (
          SELECT id, id FROM entities WHERE merged_into IS NULL
          UNION ALL SELECT e.id, live.now FROM entities e JOIN live ON e.merged_into = live.id)
        SELECT id, now FROM live;
      CREATE INDEX temp.happening_live_id ON happening_live(id);
      CREATE TEMP TABLE happening_pair AS
        SELECT v.rowid AS rid, v.type,
               CASE WHEN v.status IS NULL OR v.status = 'historical' THEN 'happened' ELSE v.status END AS class,
               COALESCE(ls.now, v.source_id) AS a, COALESCE(lt.now, v.target_id, '') AS b, sa.story_id AS story
        FROM events v LEFT JOIN happening_live ls ON ls.id = v.source_id LEFT JOIN happening_live lt ON lt.id = v.target_id
          LEFT JOIN story_articles sa ON sa.article_id = v.article_id;
      CREATE INDEX temp.happening_pair_rid ON happening_pair(rid);
      UPDATE events SET happening_key = (
        SELECT p.type || ':' || p.class || ':' ||
               CASE WHEN p.type = 'CONSULT' AND p.b <> '' AND p.b < p.a THEN p.b || '|' || p.a ELSE p.a || '|' || p.b END ||
               CASE WHEN substr(p.a, 1, 8) = 'generic:' AND (p.b = '' OR substr(p.b, 1, 8) = 'generic:') THEN '#' || COALESCE(p.story, '') ELSE '' END
        FROM happening_pair p WHERE p.rid = events.rowid);
      DROP TABLE temp.happening_pair;
      DROP TABLE temp.happening_live;
      CREATE INDEX events_happening ON events(happening_key);
      CREATE INDEX events_location ON events(location_id);
      -- Keys whose merged events must be computed again; seq grows with every mark, so a key
      -- marked while its bucket is being merged stays stale.
      CREATE TABLE happening_stale (
        key  TEXT PRIMARY KEY,
        seq  INTEGER NOT NULL
      );
      -- a mark takes the largest seq plus one: read from this index, not from every stale key
      CREATE INDEX happening_stale_seq ON happening_stale(seq);
      -- Every key of an existing corpus: the first read merges each bucket once.
      INSERT INTO happening_stale (key, seq) SELECT DISTINCT happening_key, 1 FROM events WHERE happening_key IS NOT NULL;
      -- One row per merged event: the columns the views filter, sort and count by (sort_*: the
      -- listEvents order of its first member). The merged event itself, as JSON, is a row of
      -- happening_json: kept out of this table, whose scans (the timeline's and the network's
      -- counts) would otherwise read every merged event's kilobyte or two.
      CREATE TABLE happenings (
        key             TEXT NOT NULL,
        n               INTEGER NOT NULL,
        type            TEXT NOT NULL,
        source_id       TEXT NOT NULL,
        source_label    TEXT NOT NULL,
        target_id       TEXT,
        target_label    TEXT,
        first_day       TEXT,
        last_day        TEXT,
        day             TEXT,
        sort_day        TEXT NOT NULL,
        sort_published  TEXT NOT NULL,
        sort_article    TEXT NOT NULL,
        sort_ord        INTEGER NOT NULL,
        num_articles    INTEGER NOT NULL,
        num_sources     INTEGER NOT NULL,
        PRIMARY KEY (key, n)
      );
      CREATE TABLE happening_json (
        key    TEXT NOT NULL,
        n      INTEGER NOT NULL,
        event  TEXT NOT NULL,
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
    version: 15,
    sql: `
      -- Stories are listed newest first from their own rows (issue #7): grouping every story's
      -- articles to sort them read the whole corpus for each page. Kept by assignStory.
      ALTER TABLE stories ADD COLUMN last_published TEXT;
      ALTER TABLE stories ADD COLUMN last_created TEXT;
      UPDATE stories SET
        last_published = (SELECT MAX(a.published) FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = stories.id),
        last_created = (SELECT MAX(a.created_at) FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = stories.id);
      CREATE INDEX stories_listed ON stories(last_published IS NULL, last_published DESC, last_created DESC, id);
      -- an assignment takes the largest seq plus one: read from this index, not from every row
      CREATE INDEX story_articles_seq ON story_articles(seq);
    `,
  },
  {
    version: 16,
    sql: `
      -- The article list (home page, /api/articles) newest first from an index in its own
      -- order: sorting every article for each page read the whole table (issue #7).
      CREATE INDEX articles_newest ON articles(COALESCE(published, created_at) DESC, id);
    `,
  },
  {
    version: 17,
    sql: `
      -- Every analysed article upserts a row per ordered pair of its entities (~300 at 1k
      -- articles of news), into the table and each of its indexes: a third of that work and of
      -- the table's size went to this index, read only when a merge or split recounts an
      -- entity. The pairs are kept both ways, so the rows naming an entity as other_id are
      -- found from its own rows instead (clearCooccurrence).
      DROP INDEX IF EXISTS entity_cooccurrence_other;
    `,
  },
  {
    version: 18,
    sql: `
      -- A merged event's sources apart from the rest of it, and its id (issue #7): a frequent
      -- happening's sources run to megabytes at 100k articles, which the events page (a few
      -- each) and the dyad (those of its chosen events) read for nothing. Stored rows are split
      -- here; json_remove keeps the other keys in their order.
      ALTER TABLE happening_json ADD COLUMN id TEXT;
      ALTER TABLE happening_json ADD COLUMN sources TEXT;
      UPDATE happening_json SET id = json_extract(event, '$.id'), sources = json_extract(event, '$.sources'), event = json_remove(event, '$.sources');
      CREATE INDEX happening_json_id ON happening_json(id);
    `,
  },
  {
    version: 19,
    sql: `
      -- A linking lookup reads at most KEY_POSTING_CAP entities per key, the weightiest first
      -- (curated, then most reported): a common name word's list grows with the corpus.
      ALTER TABLE entity_keys ADD COLUMN weight INTEGER NOT NULL DEFAULT 0;
      UPDATE entity_keys SET weight = (
        SELECT ${keyWeightSql('e.curated', 'c.articles')}
        FROM entities e LEFT JOIN entity_article_counts c ON c.entity_id = e.id WHERE e.id = entity_keys.entity_id);
      CREATE INDEX entity_keys_weight ON entity_keys(key, weight DESC);
    `,
  },
  {
    version: 20,
    sql: `
      -- The timeline without a full scan of the merged events (issue #7).
      -- Merged events per timeline day and type ('' for undated), kept by setHappenings: the
      -- timeline with no filter but the type reads these, a row per day and type.
      CREATE TABLE happening_days (
        type   TEXT NOT NULL,
        day    TEXT NOT NULL,
        count  INTEGER NOT NULL,
        PRIMARY KEY (type, day)
      ) WITHOUT ROWID;
      INSERT INTO happening_days (type, day, count) SELECT type, COALESCE(day, ''), COUNT(*) FROM happenings GROUP BY type, COALESCE(day, '');
      -- A date filter reads, per span class (spanClass in src/store/merged-event-store.ts), the
      -- first days from a bound before the window to its end, not every merged event.
      ALTER TABLE happenings ADD COLUMN span_class INTEGER;
      UPDATE happenings SET span_class = ${spanClassSql('first_day', 'last_day')};
      CREATE INDEX happenings_span ON happenings(span_class, first_day, last_day, type, day);
      -- What each story's report counts of each bucket's merged events (GET /api/stories sums
      -- them instead of merging the events of every listed story on each request), made when
      -- a bucket is merged. The buckets of stored stories are listed in story_count_stale: the
      -- next refresh counts them, reading each once without merging it again (a whole merge
      -- again took minutes at 100k articles, the read half a minute).
      CREATE TABLE story_happenings (
        story_id  TEXT NOT NULL,
        key       TEXT NOT NULL,
        count     INTEGER NOT NULL,
        PRIMARY KEY (story_id, key)
      ) WITHOUT ROWID;
      CREATE INDEX story_happenings_key ON story_happenings(key);
      CREATE TABLE story_count_stale (key TEXT PRIMARY KEY) WITHOUT ROWID;
      INSERT INTO story_count_stale (key)
        SELECT DISTINCT v.happening_key FROM story_articles sa JOIN events v ON v.article_id = sa.article_id WHERE v.happening_key IS NOT NULL;
    `,
  },
  {
    version: 21,
    sql: `
      -- Articles per day of publication ('' for undated), kept as articles are stored and
      -- updated (SqliteStore.movedDay): the dyad's coverage grouped every article on each read.
      CREATE TABLE article_days (
        day       TEXT PRIMARY KEY,
        articles  INTEGER NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO article_days (day, articles) SELECT COALESCE(substr(published, 1, 10), ''), COUNT(*) FROM articles GROUP BY 1;
    `,
  },
  {
    version: 22,
    sql: `
      -- The actor network without reading every merged event (issue #7): merged events with a
      -- recipient other than their actor, counted per directed pair and type, with the labels
      -- and order (sort_*) of the pair's newest one; kept by setHappenings. The network with no
      -- filter, a type or an actor reads these rows, not the merged events.
      CREATE TABLE happening_pairs (
        source_id       TEXT NOT NULL,
        target_id       TEXT NOT NULL,
        type            TEXT NOT NULL,
        count           INTEGER NOT NULL,
        source_label    TEXT NOT NULL,
        target_label    TEXT NOT NULL,
        sort_day        TEXT NOT NULL,
        sort_published  TEXT NOT NULL,
        sort_article    TEXT NOT NULL,
        sort_ord        INTEGER NOT NULL,
        PRIMARY KEY (source_id, target_id, type)
      ) WITHOUT ROWID;
      INSERT INTO happening_pairs (source_id, target_id, type, count, source_label, target_label, sort_day, sort_published, sort_article, sort_ord)
        SELECT source_id, target_id, type, count, source_label, target_label, sort_day, sort_published, sort_article, sort_ord FROM (
          SELECT source_id, target_id, type, source_label, target_label, sort_day, sort_published, sort_article, sort_ord,
                 COUNT(*) OVER (PARTITION BY source_id, target_id, type) AS count,
                 ROW_NUMBER() OVER (PARTITION BY source_id, target_id, type ORDER BY sort_day DESC, sort_published DESC, sort_article, sort_ord) AS newest
          FROM happenings WHERE target_id IS NOT NULL AND target_id <> source_id)
        WHERE newest = 1;
      -- Newest pair first, whole (covering: the unfiltered network reads the index alone) or by
      -- type; by target (by source: the primary key) for an actor's pairs.
      CREATE INDEX happening_pairs_order ON happening_pairs(sort_day DESC, sort_published DESC, sort_article, sort_ord, count, source_label, target_label);
      CREATE INDEX happening_pairs_type ON happening_pairs(type, sort_day DESC, sort_published DESC, sort_article, sort_ord);
      CREATE INDEX happening_pairs_target ON happening_pairs(target_id);
      -- A pair's newest merged event when its buckets change, found without reading its others.
      CREATE INDEX happenings_pair ON happenings(source_id, target_id, type, sort_day DESC, sort_published DESC, sort_article, sort_ord);
    `,
  },
  {
    version: 23,
    sql: `
      -- The entity list in its order from an index (issue #7): each entity's article count on
      -- its row, kept from entity_article_counts by these triggers wherever that count changes
      -- (an article analysed again, a merge, a split), so that the first page of the list no
      -- longer joins and sorts every counted entity.
      ALTER TABLE entities ADD COLUMN articles INTEGER NOT NULL DEFAULT 0;
      UPDATE entities SET articles = c.articles FROM entity_article_counts c WHERE c.entity_id = entities.id;
      CREATE TRIGGER entity_articles_added AFTER INSERT ON entity_article_counts
        BEGIN UPDATE entities SET articles = NEW.articles WHERE id = NEW.entity_id; END;
      CREATE TRIGGER entity_articles_changed AFTER UPDATE OF articles ON entity_article_counts
        BEGIN UPDATE entities SET articles = NEW.articles WHERE id = NEW.entity_id; END;
      CREATE TRIGGER entity_articles_dropped AFTER DELETE ON entity_article_counts
        BEGIN UPDATE entities SET articles = 0 WHERE id = OLD.entity_id; END;
      -- Listed entities only (live, named in an article), most reported first, whole or by type.
      CREATE INDEX entities_listed ON entities(articles DESC, label, id) WHERE merged_into IS NULL AND articles > 0;
      CREATE INDEX entities_listed_type ON entities(type, articles DESC, label, id) WHERE merged_into IS NULL AND articles > 0;
    `,
  },
];
