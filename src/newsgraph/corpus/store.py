"""The SQLite corpus store: one row per Article plus its paragraphs, entities, quotes, sources and events.

``Store(path)`` opens (creating and migrating) a database in WAL mode with foreign keys on;
``Store(path, readonly=True)`` opens it through a ``file:...?mode=ro`` URI and refuses writes.
:meth:`Store.add_article` is idempotent by ``Article.id`` and atomic: an article and everything
derived from it (corpus entities, copy groups, stories, the ingest ledger row) commit together.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional, Union

from ..model import Article, article_id
from . import schema
from .dates import normalise_published, now_iso, published_of
from .dedup import CopyDetector
from .linking import EntityLinker, lookup
from .stories import StoryClusterer

__all__ = ["InputRecord", "Store", "StoreError", "normalise_published", "now_iso", "published_of"]


#: Page cache of a read-write connection (KiB) and its WAL checkpoint interval (pages).
WRITER_CACHE_KIB = 65536
WAL_AUTOCHECKPOINT_PAGES = 10000


class StoreError(RuntimeError):
    """The store cannot do what was asked (missing database, read-only, bad article)."""


@dataclass(frozen=True)
class InputRecord:
    """One processed input (a file, or one record of a multi-document file) for the ingest ledger."""

    key: str
    path: Optional[str] = None
    index: Optional[int] = None
    raw_hash: Optional[str] = None


class Store:
    """A corpus database. Use as a context manager; ``readonly=True`` for serving.

    ``check_same_thread=False`` lets a read-only store be shared by a thread pool (sqlite3 is
    built serialized); writers should keep one Store per thread/process.
    """

    def __init__(self, path: Union[str, Path], readonly: bool = False, *, check_same_thread: bool = True,
                 timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.readonly = readonly
        if readonly:
            if not self.path.exists():
                raise StoreError(f"no database at {self.path} (run `newsgraph ingest` first)")
            uri = self.path.resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=timeout,
                                   check_same_thread=check_same_thread)
        else:
            if self.path.parent and not self.path.parent.exists():
                raise StoreError(f"directory does not exist: {self.path.parent}")
            conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=timeout,
                                   check_same_thread=check_same_thread)
        self.conn: sqlite3.Connection = conn
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        try:
            if readonly:
                conn.execute("PRAGMA query_only = ON")
                version = schema.get_version(conn)
                if version != schema.LATEST_VERSION:
                    raise StoreError(
                        f"{self.path} has schema version {version}, this newsgraph expects "
                        f"{schema.LATEST_VERSION}; open it read-write once (e.g. `newsgraph ingest`) to migrate")
            else:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
                # a writer commits batches: keep their dirty pages in memory (no spilling mid-batch)
                # and checkpoint the WAL less often, so hot index pages are written back once per
                # checkpoint instead of once per batch
                conn.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
                conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
                schema.migrate(conn)
        except BaseException:
            conn.close()
            raise
        self._linker = EntityLinker(conn)
        self._hooks: Optional[list[Any]] = None

    # -- lifecycle -----------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return schema.get_version(self.conn)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on any exception). Nested use joins the outer one."""
        self._check_writable()
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _check_writable(self) -> None:
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only")

    @contextmanager
    def savepoint(self) -> Iterator[sqlite3.Connection]:
        """A nested unit inside the current transaction: on any exception only its own writes are
        rolled back (``ROLLBACK TO``) and the exception propagates; the outer transaction goes on."""
        self._check_writable()
        if not self.conn.in_transaction:
            with self.transaction():
                yield self.conn
            return
        self.conn.execute("SAVEPOINT article")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK TO article")
            self.conn.execute("RELEASE article")
            raise
        self.conn.execute("RELEASE article")

    # -- copy detection / story clustering ------------------------------------
    def _article_hooks(self) -> list[Any]:
        """The per-article derivations run in the article's transaction: copies, then stories."""
        if self._hooks is None:
            self._hooks = [CopyDetector(self.conn), StoryClusterer(self.conn)]
        return self._hooks

    # -- reading -------------------------------------------------------------
    def has_article(self, article_id_: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id_,)).fetchone() is not None

    def get_article(self, article_id_: str) -> Optional[Article]:
        row = self.conn.execute("SELECT json FROM articles WHERE id = ?", (article_id_,)).fetchone()
        return Article.from_json(row[0]) if row else None

    def input_hash(self, key: str) -> Optional[tuple[Optional[str], str]]:
        """``(raw_hash, status)`` recorded for an ingest input key, or None."""
        row = self.conn.execute("SELECT raw_hash, status FROM inputs WHERE key = ?", (key,)).fetchone()
        return (row[0], row[1]) if row else None

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables (optional modules' tables when present)."""
        tables = ["articles", "paragraphs", "entities", "mentions", "corpus_entities", "quotes", "sources", "events",
                  "inputs", "dedup_groups", "dedup_members", "stories", "story_members"]
        return {t: int(self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}

    def integrity_check(self) -> str:
        """``PRAGMA integrity_check`` plus the FTS index check; "ok" when all is well."""
        res = [r[0] for r in self.conn.execute("PRAGMA integrity_check")]
        if res != ["ok"]:
            return "; ".join(res)
        if not self.readonly:
            try:
                self.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as exc:
                return f"fts: {exc}"
        return "ok"

    # -- writing -------------------------------------------------------------
    def record_input(self, record: InputRecord, status: str, article_id_: Optional[str] = None,
                     error: Optional[str] = None) -> None:
        """Upsert the ingest-ledger row of ``record`` (joins the current transaction if any)."""
        with self.transaction():
            self.conn.execute(
                "INSERT INTO inputs (key, path, idx, raw_hash, article_id, status, error, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET raw_hash = excluded.raw_hash, "
                "article_id = excluded.article_id, status = excluded.status, error = excluded.error, "
                "updated_at = excluded.updated_at",
                (record.key, record.path, record.index, record.raw_hash, article_id_, status, error, now_iso()))

    def add_article(self, article: Article, *, input: Optional[InputRecord] = None) -> bool:
        """Store ``article`` atomically; False (and no change) when an article with its id exists.

        ``input`` (optional) records the ingest-ledger row in the same transaction, so a re-run
        can skip that input without analysing it again.
        """
        self._check_writable()
        if article.error:
            raise StoreError(f"refusing to store a failed article: {article.error}")
        if not article.id:
            article = article.model_copy(update={"id": article_id(article.text, article.title)})
        if not article.paragraphs and not (article.title or "").strip():
            raise StoreError("refusing to store an empty article (no text, no title)")
        with self.savepoint():
            if self.has_article(article.id):
                if input is not None:
                    self.record_input(input, "duplicate", article.id)
                return False
            self._insert(article)
            for hook in self._article_hooks():
                hook.add(article)
            if input is not None:
                self.record_input(input, "stored", article.id)
        return True

    def _insert(self, a: Article) -> None:
        c = self.conn
        src = a.source
        published = normalise_published(src.published)
        c.execute(
            "INSERT INTO articles (id, title, dek, summary_line, byline, dateline, url, path, source_index, format, "
            "outlet, published, published_raw, language, summary, text, json, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (a.id, a.title, a.dek, a.summary_line, a.byline, a.dateline, src.url, src.path, src.index, src.format,
             src.outlet, published, src.published, a.language, a.summary, a.text,
             a.to_json(), now_iso()))
        if src.outlet:
            c.execute("INSERT INTO outlets (name, article_count, first_published, last_published) VALUES (?, 1, ?, ?) "
                      "ON CONFLICT (name) DO UPDATE SET article_count = article_count + 1, "
                      "first_published = min(coalesce(first_published, excluded.first_published), "
                      "coalesce(excluded.first_published, first_published)), "
                      "last_published = nullif(max(coalesce(last_published, ''), coalesce(excluded.last_published, '')), '')",
                      (src.outlet, published, published))
        c.executemany("INSERT INTO paragraphs (article_id, idx, text, char_start, char_end) VALUES (?, ?, ?, ?, ?)",
                      [(a.id, i, p.text, p.start, p.end) for i, p in enumerate(a.paragraphs)])
        c.executemany("INSERT INTO removed (article_id, idx, text, reason, duplicate_of) VALUES (?, ?, ?, ?, ?)",
                      [(a.id, i, r.text, r.reason, r.duplicate_of) for i, r in enumerate(a.removed)])
        mapping = self._linker.link_article(a)
        for e in a.entities:
            c.execute(
                "INSERT INTO entities (article_id, eid, name, type, aliases, roles, mention_count, corpus_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (a.id, e.id, e.name, e.type, json.dumps(e.aliases), json.dumps(e.roles), len(e.mentions),
                 mapping.get(e.id)))
            c.executemany("INSERT INTO mentions (article_id, eid, char_start, char_end, text) VALUES (?, ?, ?, ?, ?)",
                          [(a.id, e.id, m.start, m.end, m.text) for m in e.mentions])
        by_name = {e.name.lower(): e.id for e in a.entities}
        for i, q in enumerate(a.quotes):
            eid = q.speaker_id if q.speaker_id in mapping else by_name.get((q.speaker or "").lower())
            speaker_cid = mapping.get(eid) if eid else None
            if speaker_cid is None and q.speaker:
                hits = lookup(c, q.speaker, "PERSON")
                speaker_cid = hits[0] if len(hits) == 1 else None
            cur = c.execute(
                "INSERT INTO quotes (article_id, idx, kind, text, speaker, speaker_eid, speaker_text, "
                "speaker_entity_id, cue, paragraph, char_start, char_end, published) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (a.id, i, q.kind, q.text, q.speaker, eid, q.speaker_text, speaker_cid, q.cue,
                 q.paragraph if q.paragraph is not None else a.paragraph_at(q.start), q.start, q.end, published))
            about = {mapping[e.id] for e in a.entities for m in e.mentions
                     if e.id in mapping and m.start < q.end and m.end > q.start} - {speaker_cid}
            c.executemany("INSERT INTO quote_about (quote_id, entity_id) VALUES (?, ?)",
                          [(cur.lastrowid, cid) for cid in sorted(x for x in about if x is not None)])
        c.executemany(
            "INSERT INTO sources (article_id, idx, outlet, kind, cue, char_start, char_end) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(a.id, i, s.outlet, s.kind, s.cue, s.start, s.end) for i, s in enumerate(a.sources)])
        c.executemany(
            "INSERT INTO events (article_id, idx, source, source_eid, source_entity_id, target, target_eid, "
            "target_entity_id, verb, cameo, root, negated, hedged, char_start, char_end, published) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(a.id, i, ev.source, ev.source_id, mapping.get(ev.source_id) if ev.source_id else None, ev.target,
              ev.target_id, mapping.get(ev.target_id) if ev.target_id else None, ev.verb, ev.cameo,
              ev.cameo[:2] if ev.cameo else None, int(ev.negated), int(ev.hedged), ev.start, ev.end, published)
             for i, ev in enumerate(a.events)])
