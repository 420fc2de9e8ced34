"""The SQLite corpus store: schema and migrations, idempotent atomic inserts, read-only mode, linking."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsgraph.corpus import Store, StoreError
from newsgraph.corpus import schema
from newsgraph.corpus.linking import acronym, lookup, name_key, role_display, strip_titles, surname
from newsgraph.corpus.store import normalise_published
from newsgraph.model import Article, Entity, Mention, Quote, Removed, Source, SourceCitation


def _article(text: str, *, title: str = "A title", outlet: str = "Wire", published: str | None = "2025-01-02",
             entities: list[Entity] | None = None) -> Article:
    a = Article(title=title, source=Source(outlet=outlet, published=published, path="x.txt"), language="en")
    a.set_paragraphs([p for p in text.split("\n\n")])
    a.entities = entities or []
    return a


def _person(eid: str, name: str, text: str, roles: list[str] | None = None, aliases: list[str] | None = None,
            etype: str = "PERSON") -> Entity:
    start = text.find(name)
    mentions = [Mention(start=start, end=start + len(name), text=name)] if start >= 0 else []
    return Entity(id=eid, name=name, type=etype, roles=roles or [], aliases=aliases or [], mentions=mentions)


def full_article() -> Article:
    body = ("Mayor Ana Ruiz opened the bridge on Friday.\n\n"
            "\"It connects two halves of the city,\" Ruiz said, thanking the Transport Agency.")
    a = _article(body, title="Bridge opens", entities=[])
    t = a.text
    a.entities = [
        Entity(id="e0", name="Ana Ruiz", type="PERSON", roles=["Mayor"], aliases=["Ruiz"],
               mentions=[Mention(start=t.index("Ana Ruiz"), end=t.index("Ana Ruiz") + 8, text="Ana Ruiz"),
                         Mention(start=t.index("Ruiz said"), end=t.index("Ruiz said") + 4, text="Ruiz")]),
        Entity(id="e1", name="Transport Agency", type="ORG",
               mentions=[Mention(start=t.index("Transport"), end=t.index("Transport") + 16, text="Transport Agency")]),
    ]
    q = "It connects two halves of the city,"
    a.quotes = [Quote(text=q, kind="direct", speaker="Ana Ruiz", speaker_id="e0", speaker_text="Ruiz", cue="said",
                      start=t.index(q), end=t.index(q) + len(q))]
    a.sources = [SourceCitation(outlet="City Hall", kind="document", cue="according to", start=0, end=4)]
    a.removed = [Removed(text="Advertisement", reason="boilerplate")]
    return a


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


# -- schema & migrations ------------------------------------------------------------
def test_fresh_database_schema(tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as store:
        assert store.schema_version == schema.LATEST_VERSION == len(schema.MIGRATIONS)
        c = store.conn
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert c.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        names = _tables(c)
        assert {"articles", "paragraphs", "removed", "entities", "mentions", "corpus_entities", "corpus_aliases",
                "corpus_roles", "quotes", "quote_about", "sources", "inputs", "articles_fts"} <= names
        for ddl in schema.split_sql(schema.COPIES_STORIES_DDL):  # copy/story tables are versioned too
            if ddl.lstrip().upper().startswith("CREATE TABLE"):
                assert ddl.split("EXISTS")[1].split("(")[0].strip() in names
        assert store.integrity_check() == "ok"


def test_migrates_from_version_zero_and_one(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert schema.get_version(conn) == 0
    assert schema.migrate(conn, target=1) == 1  # an old database: core tables, no ledger, no FTS
    assert "articles_fts" not in _tables(conn) and "inputs" not in _tables(conn)
    conn.execute("INSERT INTO articles (id, title, text, json, ingested_at) VALUES "
                 "('abc', 'Old harbour news', 'Ferries resumed service.', '{}', '2024-01-01')")
    conn.execute("INSERT INTO corpus_entities (name, type, key) VALUES "
                 "('World Health Organization', 'ORG', 'world health organization')")
    conn.close()
    with pytest.raises(StoreError, match="schema version 1"):
        Store(path, readonly=True)  # read-only cannot migrate: clear message
    with Store(path) as store:
        assert store.schema_version == schema.LATEST_VERSION
        assert {"inputs", "articles_fts"} <= _tables(store.conn)
        hit = store.conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'ferry'").fetchall()
        assert len(hit) == 1  # the FTS index was rebuilt over existing rows
        assert store.conn.execute("SELECT acronym FROM corpus_entities").fetchone()[0] == "who"  # backfilled
        assert store.integrity_check() == "ok"
    empty = tmp_path / "empty.db"
    empty.touch()  # a zero-byte file is a version-0 database
    with Store(empty) as store:
        assert store.schema_version == schema.LATEST_VERSION


def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST_VERSION + 5}")
    conn.close()
    with pytest.raises(schema.SchemaError, match="newer"):
        Store(path)


def test_split_sql_keeps_triggers_whole() -> None:
    stmts = schema.split_sql(schema.MIGRATIONS[1])
    triggers = [s for s in stmts if s.startswith("CREATE TRIGGER")]
    assert len(triggers) == 3 and all(s.endswith("END;") for s in triggers)


# -- writing ---------------------------------------------------------------------------
def test_add_article_rows(tmp_path: Path) -> None:
    a = full_article()
    with Store(tmp_path / "c.db") as store:
        assert store.add_article(a) is True
        c = store.counts()
        assert (c["articles"], c["paragraphs"], c["entities"], c["mentions"], c["quotes"], c["sources"]) == \
            (1, 2, 2, 3, 1, 1)
        row = store.conn.execute("SELECT title, outlet, published, text FROM articles").fetchone()
        assert tuple(row) == ("Bridge opens", "Wire", "2025-01-02", a.text)
        q = store.conn.execute("SELECT q.speaker, q.cue, q.paragraph, ce.name FROM quotes q "
                               "JOIN corpus_entities ce ON ce.id = q.speaker_entity_id").fetchone()
        assert tuple(q) == ("Ana Ruiz", "said", 1, "Ana Ruiz")
        about = store.conn.execute("SELECT ce.name FROM quote_about qa JOIN corpus_entities ce "
                                   "ON ce.id = qa.entity_id").fetchall()
        assert about == []  # the agency is named after the quote, not inside it
        roles = store.conn.execute("SELECT role, count FROM corpus_roles").fetchall()
        assert [tuple(r) for r in roles] == [("Mayor", 1)]
        assert store.get_article(a.id) == a


def test_idempotent_re_adding_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    a, b = full_article(), _article("Another day, another story about ferries.", title="Ferries")
    with Store(path) as store:
        assert store.add_article(a) and store.add_article(b)
        before_counts = store.counts()
    before = _dump(path)
    with Store(path) as store:
        assert store.add_article(a) is False
        assert store.add_article(Article.from_json(b.to_json())) is False
        assert store.counts() == before_counts
    assert _dump(path) == before


def test_failing_hook_rolls_back_everything(tmp_path: Path) -> None:
    class Boom:
        def add(self, article: Article) -> None:
            raise RuntimeError("boom")

    with Store(tmp_path / "c.db") as store:
        store._hooks = [Boom()]
        with pytest.raises(RuntimeError):
            store.add_article(full_article())
        assert store.counts()["articles"] == 0 and store.counts()["corpus_entities"] == 0
        assert not store.conn.in_transaction
        store._hooks = []
        assert store.add_article(full_article())


def test_refuses_failed_and_empty_articles(tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as store:
        bad = _article("text")
        bad.error = "clean stage failed"
        with pytest.raises(StoreError):
            store.add_article(bad)
        with pytest.raises(StoreError):
            store.add_article(Article())
        assert store.counts()["articles"] == 0


def test_read_only_mode(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    with pytest.raises(StoreError, match="no database"):
        Store(path, readonly=True)
    with Store(path) as store:
        store.add_article(full_article())
    with Store(path, readonly=True) as ro:
        assert ro.counts()["articles"] == 1
        with pytest.raises(StoreError, match="read-only"):
            ro.add_article(_article("Something new entirely."))
        with pytest.raises(sqlite3.OperationalError):
            ro.conn.execute("DELETE FROM articles")
        with pytest.raises(sqlite3.OperationalError):
            ro.conn.execute("CREATE TABLE x (a)")
        assert ro.integrity_check() == "ok"
    with Store(path) as store:
        assert store.counts()["articles"] == 1


def test_reader_sees_writer_commits(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    with Store(path) as writer:
        writer.add_article(full_article())
        with Store(path, readonly=True) as reader:
            assert reader.counts()["articles"] == 1
            writer.add_article(_article("A second article about trams.", title="Trams"))
            assert reader.counts()["articles"] == 2


# -- published dates -------------------------------------------------------------------
@pytest.mark.parametrize("raw, iso", [
    ("2025-01-03", "2025-01-03"),
    ("2025-01-03T10:15:00Z", "2025-01-03T10:15:00Z"),
    ("2025-01-03T12:15:00+02:00", "2025-01-03T10:15:00Z"),
    ("2025-01-03 10:15", "2025-01-03T10:15:00"),
    ("Fri, 03 Jan 2025 10:15:00 GMT", "2025-01-03T10:15:00Z"),
    ("January 3, 2025", "2025-01-03"),
    ("3 January 2025", "2025-01-03"),
    ("yesterday", None),
    ("", None),
    (None, None),
])
def test_normalise_published(raw: str | None, iso: str | None) -> None:
    assert normalise_published(raw) == iso


# -- cross-article entity linking ----------------------------------------------------
def test_name_normalisation() -> None:
    assert strip_titles("White House Press Secretary Karoline Leavitt") == "Karoline Leavitt"
    assert strip_titles("Press Secretary Karoline Leavitt", roles=["Press Secretary"]) == "Karoline Leavitt"
    assert strip_titles("Dr. Jane Goodall") == "Jane Goodall"
    assert strip_titles("President") == "President"  # never strips to nothing
    assert strip_titles("The New York Times", "ORG") == "New York Times"
    assert name_key("Leavitt’s") == "leavitt"
    assert surname("martin luther king jr") == "king" and surname("leavitt") is None
    assert acronym("Federal Bureau of Investigation") == "fbi" and acronym("Apple") is None
    assert role_display("the transport minister") == "Transport minister"


def test_linking_across_articles(tmp_path: Path) -> None:
    t1 = "Karoline Leavitt spoke."
    t2 = "Press Secretary Karoline Leavitt spoke again."
    t3 = "Leavitt spoke a third time."
    t4 = "The Federal Bureau of Investigation and the FBI director."
    with Store(tmp_path / "c.db") as store:
        store.add_article(_article(t1, entities=[_person("e0", "Karoline Leavitt", t1)]))
        store.add_article(_article(t2, entities=[_person("e0", "Press Secretary Karoline Leavitt", t2,
                                                         roles=["Press Secretary"])]))
        store.add_article(_article(t3, entities=[_person("e0", "Leavitt", t3)]))
        store.add_article(_article(t4, entities=[_person("e0", "Federal Bureau of Investigation", t4, etype="ORG")]))
        store.add_article(_article(t4 + " Again.", entities=[_person("e0", "FBI", t4, etype="ORG")]))
        rows = store.conn.execute("SELECT name, type, article_count FROM corpus_entities ORDER BY id").fetchall()
        assert [tuple(r) for r in rows] == [("Karoline Leavitt", "PERSON", 3),
                                            ("Federal Bureau of Investigation", "ORG", 2)]
        assert lookup(store.conn, "LEAVITT") == lookup(store.conn, "karoline leavitt") == [1]
        assert lookup(store.conn, "fbi") == [2]
        # a second Leavitt makes the bare surname ambiguous: it no longer links to either
        t5 = "Bob Leavitt, a farmer, disagreed."
        store.add_article(_article(t5, entities=[_person("e0", "Bob Leavitt", t5)]))
        t6 = "Leavitt declined to comment."
        store.add_article(_article(t6, entities=[_person("e0", "Leavitt", t6)]))
        names = [r[0] for r in store.conn.execute("SELECT name FROM corpus_entities ORDER BY id")]
        assert names == ["Karoline Leavitt", "Federal Bureau of Investigation", "Bob Leavitt", "Leavitt"]
        # ... unless the same article names the full name
        t7 = "Bob Leavitt farms corn. Leavitt said rain helps."
        store.add_article(_article(t7, entities=[_person("e0", "Leavitt", t7), _person("e1", "Bob Leavitt", t7)]))
        ids = store.conn.execute("SELECT DISTINCT corpus_id FROM entities WHERE article_id = ?",
                                 (_article(t7).id,)).fetchall()
        assert [r[0] for r in ids] == [3]
        assert store.conn.execute("SELECT article_count FROM corpus_entities WHERE id = 3").fetchone()[0] == 2


def test_surname_seen_before_full_name_is_upgraded(tmp_path: Path) -> None:
    t1, t2 = "Okafor scored twice.", "Chidi Okafor scored twice again."
    with Store(tmp_path / "c.db") as store:
        store.add_article(_article(t1, entities=[_person("e0", "Okafor", t1)]))
        store.add_article(_article(t2, entities=[_person("e0", "Chidi Okafor", t2)]))
        rows = store.conn.execute("SELECT name, key, surname, article_count FROM corpus_entities").fetchall()
        assert [tuple(r) for r in rows] == [("Chidi Okafor", "chidi okafor", "okafor", 2)]
