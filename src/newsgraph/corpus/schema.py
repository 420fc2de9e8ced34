"""Versioned schema of the corpus database.

The version lives in ``PRAGMA user_version``. :data:`MIGRATIONS` is an ordered list: entry ``i``
brings a database from version ``i`` to ``i + 1``; each runs in its own transaction together
with the version bump, so a crash mid-migration leaves the previous version intact.
Never edit a released migration: append a new one.

Copy detection (``dedup_*``) and story clustering (``story*``) tables are part of the versioned
schema since version 6 (before, their modules created them on every open with ``IF NOT EXISTS``,
which is why that migration's DDL is idempotent). Lists are served newest first through indexes on
``coalesce(published, '')`` (unknown dates sort last in descending order; see :mod:`.views`).
"""

from __future__ import annotations

import sqlite3
from typing import Callable, Optional, Union

Migration = Union[str, Callable[[sqlite3.Connection], None]]

_V1_CORE = """
CREATE TABLE articles (
    pk            INTEGER PRIMARY KEY,          -- stable rowid (FTS content_rowid)
    id            TEXT NOT NULL UNIQUE,         -- Article.id (hash of the normalised text)
    title         TEXT,
    dek           TEXT,
    summary_line  TEXT,
    byline        TEXT,
    dateline      TEXT,
    url           TEXT,
    path          TEXT,
    source_index  INTEGER,
    format        TEXT,
    outlet        TEXT,
    published     TEXT,                         -- normalised ISO 8601 date/datetime, NULL if unknown
    published_raw TEXT,                         -- as given by the source
    language      TEXT,
    summary       TEXT,
    text          TEXT NOT NULL,
    json          TEXT NOT NULL,                -- the full Article JSON
    ingested_at   TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);

CREATE TABLE paragraphs (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;

CREATE TABLE removed (
    article_id   TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,
    text         TEXT NOT NULL,
    reason       TEXT NOT NULL,
    duplicate_of INTEGER,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;

CREATE TABLE corpus_entities (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,             -- fullest canonical form seen
    type             TEXT NOT NULL,
    key              TEXT NOT NULL,             -- normalised name (titles stripped, case folded)
    surname          TEXT,                      -- last name token for multi-token PERSON names
    article_count    INTEGER NOT NULL DEFAULT 0,
    mention_count    INTEGER NOT NULL DEFAULT 0,
    first_article_id TEXT,
    UNIQUE (key, type)
);
CREATE INDEX corpus_entities_surname ON corpus_entities(surname, type);

CREATE TABLE corpus_aliases (
    entity_id INTEGER NOT NULL REFERENCES corpus_entities(id) ON DELETE CASCADE,
    key       TEXT NOT NULL,                    -- normalised alias
    alias     TEXT NOT NULL,                    -- first surface form seen
    count     INTEGER NOT NULL DEFAULT 0,       -- articles using this form
    PRIMARY KEY (entity_id, key)
) WITHOUT ROWID;
CREATE INDEX corpus_aliases_key ON corpus_aliases(key);

CREATE TABLE corpus_roles (
    entity_id INTEGER NOT NULL REFERENCES corpus_entities(id) ON DELETE CASCADE,
    key       TEXT NOT NULL,
    role      TEXT NOT NULL,
    count     INTEGER NOT NULL DEFAULT 0,       -- articles giving this role
    PRIMARY KEY (entity_id, key)
) WITHOUT ROWID;

CREATE TABLE entities (
    article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    eid           TEXT NOT NULL,                -- Entity.id within the article
    name          TEXT NOT NULL,
    type          TEXT NOT NULL,
    aliases       TEXT NOT NULL DEFAULT '[]',   -- JSON list
    roles         TEXT NOT NULL DEFAULT '[]',   -- JSON list
    mention_count INTEGER NOT NULL DEFAULT 0,
    corpus_id     INTEGER REFERENCES corpus_entities(id),
    PRIMARY KEY (article_id, eid)
) WITHOUT ROWID;
CREATE INDEX entities_corpus ON entities(corpus_id);

CREATE TABLE mentions (
    article_id TEXT NOT NULL,
    eid        TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    FOREIGN KEY (article_id, eid) REFERENCES entities(article_id, eid) ON DELETE CASCADE
);
CREATE INDEX mentions_entity ON mentions(article_id, eid);

CREATE TABLE quotes (
    id                INTEGER PRIMARY KEY,
    article_id        TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx               INTEGER NOT NULL,         -- position in Article.quotes
    kind              TEXT NOT NULL,            -- direct | indirect
    text              TEXT NOT NULL,
    speaker           TEXT,                     -- canonical name within the article
    speaker_eid       TEXT,
    speaker_text      TEXT,
    speaker_entity_id INTEGER REFERENCES corpus_entities(id),
    cue               TEXT,
    paragraph         INTEGER,
    char_start        INTEGER NOT NULL,
    char_end          INTEGER NOT NULL,
    UNIQUE (article_id, idx)
);
CREATE INDEX quotes_speaker ON quotes(speaker_entity_id);

CREATE TABLE quote_about (
    quote_id  INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES corpus_entities(id),
    PRIMARY KEY (quote_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX quote_about_entity ON quote_about(entity_id);

CREATE TABLE sources (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    outlet     TEXT NOT NULL,
    kind       TEXT NOT NULL,
    cue        TEXT,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
CREATE INDEX sources_outlet ON sources(outlet);
"""

_V2_INPUTS_FTS = """
CREATE TABLE inputs (
    key        TEXT PRIMARY KEY,                -- source path + '#' + index within the file
    path       TEXT,
    idx        INTEGER,
    raw_hash   TEXT,                            -- hash of the raw input (skip unchanged inputs)
    article_id TEXT,
    status     TEXT NOT NULL,                   -- stored | duplicate | failed
    error      TEXT,
    updated_at TEXT NOT NULL
);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='pk', tokenize='porter unicode61'
);
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
"""

def _v3_org_acronyms(conn: sqlite3.Connection) -> None:
    """Acronyms of multi-word organisation names ("fbi"), so "FBI" links to "Federal Bureau of Investigation"."""
    from .linking import acronym

    conn.execute("ALTER TABLE corpus_entities ADD COLUMN acronym TEXT")
    rows = conn.execute("SELECT id, name FROM corpus_entities WHERE type = 'ORG'").fetchall()
    conn.executemany("UPDATE corpus_entities SET acronym = ? WHERE id = ?",
                     [(acronym(name), eid) for eid, name in rows if acronym(name)])
    conn.execute("CREATE INDEX corpus_entities_acronym ON corpus_entities(acronym, type)")


_V5_EVENTS = """
CREATE TABLE events (
    id               INTEGER PRIMARY KEY,
    article_id       TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx              INTEGER NOT NULL,          -- position in Article.events
    source           TEXT,                      -- canonical name (or phrase) within the article
    source_eid       TEXT,
    source_entity_id INTEGER REFERENCES corpus_entities(id),
    target           TEXT,
    target_eid       TEXT,
    target_entity_id INTEGER REFERENCES corpus_entities(id),
    verb             TEXT NOT NULL,
    cameo            TEXT,
    root             TEXT,                      -- two-digit CAMEO root of cameo
    negated          INTEGER NOT NULL DEFAULT 0,
    hedged           INTEGER NOT NULL DEFAULT 0,
    char_start       INTEGER NOT NULL,
    char_end         INTEGER NOT NULL,
    UNIQUE (article_id, idx)
);
CREATE INDEX events_source ON events(source_entity_id);
CREATE INDEX events_target ON events(target_entity_id);
CREATE INDEX events_source_lower ON events(lower(source));
CREATE INDEX events_target_lower ON events(lower(target));
CREATE INDEX events_root ON events(root);
"""


def _v5_events(conn: sqlite3.Connection) -> None:
    """Events table, backfilled from the stored Article JSON (articles analysed before the events
    stage existed have none); actors are linked through the article's entity rows."""
    for stmt in split_sql(_V5_EVENTS):
        conn.execute(stmt)
    conn.execute(
        "INSERT INTO events (article_id, idx, source, source_eid, source_entity_id, target, target_eid, "
        "target_entity_id, verb, cameo, root, negated, hedged, char_start, char_end) "
        "SELECT a.id, CAST(ev.key AS INTEGER), json_extract(ev.value, '$.source'), "
        "json_extract(ev.value, '$.source_id'), se.corpus_id, json_extract(ev.value, '$.target'), "
        "json_extract(ev.value, '$.target_id'), te.corpus_id, json_extract(ev.value, '$.verb'), "
        "json_extract(ev.value, '$.cameo'), substr(json_extract(ev.value, '$.cameo'), 1, 2), "
        "coalesce(json_extract(ev.value, '$.negated'), 0), coalesce(json_extract(ev.value, '$.hedged'), 0), "
        "json_extract(ev.value, '$.start'), json_extract(ev.value, '$.end') "
        "FROM articles a, json_each(a.json, '$.events') ev "
        "LEFT JOIN entities se ON se.article_id = a.id AND se.eid = json_extract(ev.value, '$.source_id') "
        "LEFT JOIN entities te ON te.article_id = a.id AND te.eid = json_extract(ev.value, '$.target_id')")


_V6_COPIES_STORIES = """
CREATE TABLE IF NOT EXISTS dedup_sketch (
    article_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    published TEXT,
    exact_hash TEXT NOT NULL,
    n_shingles INTEGER NOT NULL,
    sig BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS dedup_sketch_exact ON dedup_sketch(exact_hash);
CREATE INDEX IF NOT EXISTS dedup_sketch_seq ON dedup_sketch(seq);
-- one B-tree: the (hash, band) -> article_id index; lookups are ``hash IN (...)``
CREATE TABLE IF NOT EXISTS dedup_bands (
    hash INTEGER NOT NULL,
    band INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (hash, band, article_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dedup_groups (
    group_id INTEGER PRIMARY KEY,
    original_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dedup_members (
    article_id TEXT PRIMARY KEY,
    group_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    similarity REAL NOT NULL,
    jaccard REAL NOT NULL,
    containment REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS dedup_members_group ON dedup_members(group_id);
CREATE TABLE IF NOT EXISTS dedup_keys (
    source_key TEXT NOT NULL,
    role TEXT NOT NULL,
    article_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (source_key, role, article_id)
);
CREATE INDEX IF NOT EXISTS dedup_keys_recent ON dedup_keys(source_key, seq);
CREATE INDEX IF NOT EXISTS dedup_keys_role_recent ON dedup_keys(source_key, role, seq);
CREATE TABLE IF NOT EXISTS dedup_entities (
    article_id TEXT PRIMARY KEY,
    names TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dedup_rewrites (
    article_id TEXT NOT NULL,
    rewrite_of TEXT NOT NULL,
    score REAL NOT NULL,
    source TEXT,
    PRIMARY KEY (article_id, rewrite_of)
);
CREATE INDEX IF NOT EXISTS dedup_rewrites_of ON dedup_rewrites(rewrite_of);
CREATE TABLE IF NOT EXISTS dedup_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS story_meta (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS story_df (
    term TEXT PRIMARY KEY,
    df INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stories (
    story_id INTEGER PRIMARY KEY,
    label TEXT,
    label_article TEXT,
    label_score REAL NOT NULL DEFAULT 0,
    n_articles INTEGER NOT NULL DEFAULT 0,
    first_published TEXT,
    last_published TEXT,
    first_seq INTEGER,
    last_seq INTEGER,
    centroid TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS stories_last_published ON stories(last_published);
CREATE TABLE IF NOT EXISTS story_members (
    article_id TEXT PRIMARY KEY,
    story_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    published TEXT,
    similarity REAL NOT NULL,
    title TEXT,
    vec TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS story_members_story ON story_members(story_id, published, seq);
CREATE INDEX IF NOT EXISTS story_members_seq ON story_members(seq);
CREATE TABLE IF NOT EXISTS story_terms (
    term TEXT NOT NULL,
    story_id INTEGER NOT NULL,
    PRIMARY KEY (term, story_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_terms_story ON story_terms(story_id);
CREATE TABLE IF NOT EXISTS story_entities (
    story_id INTEGER NOT NULL,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (story_id, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_entities_key ON story_entities(key);
CREATE TABLE IF NOT EXISTS story_details (
    story_id INTEGER NOT NULL,
    key TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (story_id, key)
) WITHOUT ROWID;
"""

#: The copy and story tables alone (for tests of those modules on a bare connection).
COPIES_STORIES_DDL = _V6_COPIES_STORIES

# Keyset pagination on indexed orders: every list is "newest first" = coalesce(published, '') DESC
# then the row id DESC; quotes and events carry their article's date so that a speaker's or an
# actor's newest rows come straight from one index range.
_V6_ORDERS = """
CREATE INDEX articles_recent ON articles(coalesce(published, ''));
CREATE INDEX articles_outlet_recent ON articles(outlet, coalesce(published, ''));
ALTER TABLE quotes ADD COLUMN published TEXT;
UPDATE quotes SET published = (SELECT a.published FROM articles a WHERE a.id = quotes.article_id);
CREATE INDEX quotes_recent ON quotes(coalesce(published, ''));
CREATE INDEX quotes_speaker_recent ON quotes(speaker_entity_id, coalesce(published, ''));
CREATE INDEX quotes_kind_recent ON quotes(kind, coalesce(published, ''));
ALTER TABLE events ADD COLUMN published TEXT;
UPDATE events SET published = (SELECT a.published FROM articles a WHERE a.id = events.article_id);
CREATE INDEX events_recent ON events(coalesce(published, ''));
CREATE INDEX events_source_recent ON events(source_entity_id, coalesce(published, ''));
CREATE INDEX events_target_recent ON events(target_entity_id, coalesce(published, ''));
CREATE INDEX events_root_recent ON events(root, coalesce(published, ''));
CREATE INDEX stories_recent ON stories(coalesce(last_published, ''));
CREATE INDEX stories_multi_recent ON stories(coalesce(last_published, '')) WHERE n_articles >= 2;
CREATE INDEX stories_size ON stories(n_articles);
CREATE INDEX corpus_entities_rank ON corpus_entities(article_count, mention_count);
CREATE INDEX corpus_entities_type_rank ON corpus_entities(type, article_count, mention_count);
CREATE TABLE outlets (
    name          TEXT PRIMARY KEY,
    article_count INTEGER NOT NULL DEFAULT 0,
    first_published TEXT,
    last_published  TEXT
);
INSERT INTO outlets (name, article_count, first_published, last_published)
    SELECT outlet, count(*), min(published), max(published) FROM articles WHERE outlet IS NOT NULL GROUP BY outlet;
CREATE INDEX outlets_rank ON outlets(article_count);
"""


#: Entry ``i`` migrates version ``i`` -> ``i + 1``.
MIGRATIONS: list[Migration] = [
    _V1_CORE,          # 0 -> 1: articles, paragraphs, removed lines, entities, quotes, sources
    _V2_INPUTS_FTS,    # 1 -> 2: processed-inputs ledger (resumable ingest) and full-text search
    _v3_org_acronyms,  # 2 -> 3: corpus_entities.acronym (backfilled)
    # 3 -> 4: quotes by speaker string: `quotes(speaker=...)` matches `lower(q.speaker) = lower(?)`
    # OR the speaker's corpus entity; without this index that OR scans every quote.
    "CREATE INDEX IF NOT EXISTS quotes_speaker_lower ON quotes(lower(speaker));",
    _v5_events,        # 4 -> 5: events (who did what to whom), backfilled from the article JSON
    _V6_COPIES_STORIES + _V6_ORDERS,  # 5 -> 6: copy/story tables versioned; indexed newest-first orders
]

LATEST_VERSION = len(MIGRATIONS)


class SchemaError(RuntimeError):
    """The database cannot be used with this version of newsgraph."""


def split_sql(script: str) -> list[str]:
    """Split a DDL script into complete statements (trigger bodies kept whole)."""
    statements: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        if not buf and (not line.strip() or line.strip().startswith("--")):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            statements.append(buf.strip())
            buf = ""
    if buf.strip():
        raise ValueError(f"incomplete SQL statement: {buf.strip()[:80]}")
    return statements


def get_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _run(conn: sqlite3.Connection, migration: Migration) -> None:
    if callable(migration):
        migration(conn)
        return
    for stmt in split_sql(migration):
        conn.execute(stmt)


def migrate(conn: sqlite3.Connection, target: Optional[int] = None) -> int:
    """Bring ``conn`` (autocommit mode, ``isolation_level=None``) up to ``target`` (default: latest).

    Returns the resulting version. Raises :class:`SchemaError` when the database is newer than
    this code.
    """
    target = LATEST_VERSION if target is None else target
    version = get_version(conn)
    if version > LATEST_VERSION:
        raise SchemaError(
            f"database schema version {version} is newer than this newsgraph supports "
            f"({LATEST_VERSION}); upgrade newsgraph"
        )
    while version < target:
        conn.execute("BEGIN IMMEDIATE")
        try:
            if get_version(conn) != version:  # another process migrated meanwhile
                conn.execute("ROLLBACK")
                version = get_version(conn)
                continue
            _run(conn, MIGRATIONS[version])
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version += 1
    return version
