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
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Iterator, Optional, Union

from ..model import Article, article_id
from . import schema
from .linking import EntityLinker


class StoreError(RuntimeError):
    """The store cannot do what was asked (missing database, read-only, bad article)."""


@dataclass(frozen=True)
class InputRecord:
    """One processed input (a file, or one record of a multi-document file) for the ingest ledger."""

    key: str
    path: Optional[str] = None
    index: Optional[int] = None
    raw_hash: Optional[str] = None


def now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%d %b %Y", "%B %d %Y", "%Y%m%d")


def normalise_published(value: Optional[str]) -> Optional[str]:
    """ISO 8601 form of a publication date/datetime (UTC when a zone is given), None if unparseable.

    Dates stay dates (``2025-01-03``); datetimes become ``YYYY-MM-DDTHH:MM:SS`` (zone-aware ones
    converted to UTC with a ``Z``), so string order is time order.
    """
    if not value or not value.strip():
        return None
    s = value.strip()
    dt: Optional[datetime] = None
    try:
        dt = datetime.fromisoformat(s.replace("Z", "+00:00") if s.endswith("Z") else s)
    except ValueError:
        try:
            dt = parsedate_to_datetime(s)
        except (TypeError, ValueError, IndexError):
            for fmt in _DATE_FORMATS:
                try:
                    return datetime.strptime(s, fmt).date().isoformat()
                except ValueError:
                    continue
            return None
    if dt is None:
        return None
    if len(s) <= 10 and "T" not in s and ":" not in s:
        return dt.date().isoformat()
    if dt.tzinfo is not None:
        return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return dt.strftime("%Y-%m-%dT%H:%M:%S")


def published_of(article: Article) -> Optional[str]:
    """``article``'s publication date as the store keeps it (``normalise_published``), else as given."""
    raw = article.source.published
    return normalise_published(raw) or raw


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
                schema.migrate(conn)
                schema.apply_extensions(conn)
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

    # -- copy detection / story clustering hooks ------------------------------
    def _article_hooks(self) -> list[Any]:
        """``CopyDetector(conn)`` and ``StoryClusterer(conn)`` when their modules exist (built once)."""
        if self._hooks is None:
            hooks = []
            for mod_name, cls_name in (("dedup", "CopyDetector"), ("stories", "StoryClusterer")):
                mod = schema.extension_module(mod_name)
                cls = getattr(mod, cls_name, None) if mod is not None else None
                if cls is not None:
                    hooks.append(cls(self.conn))
            self._hooks = hooks
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
                  "inputs"]
        out = {t: int(self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}
        existing = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for t in ("dedup_groups", "dedup_members", "stories", "story_members"):
            if t in existing:
                out[t] = int(self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
        return out

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
        with self.transaction():
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
        c.execute(
            "INSERT INTO articles (id, title, dek, summary_line, byline, dateline, url, path, source_index, format, "
            "outlet, published, published_raw, language, summary, text, json, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (a.id, a.title, a.dek, a.summary_line, a.byline, a.dateline, src.url, src.path, src.index, src.format,
             src.outlet, normalise_published(src.published), src.published, a.language, a.summary, a.text,
             a.to_json(), now_iso()))
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
                from .linking import lookup

                hits = lookup(c, q.speaker, "PERSON")
                speaker_cid = hits[0] if len(hits) == 1 else None
            cur = c.execute(
                "INSERT INTO quotes (article_id, idx, kind, text, speaker, speaker_eid, speaker_text, "
                "speaker_entity_id, cue, paragraph, char_start, char_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (a.id, i, q.kind, q.text, q.speaker, eid, q.speaker_text, speaker_cid, q.cue,
                 q.paragraph if q.paragraph is not None else a.paragraph_at(q.start), q.start, q.end))
            about = {mapping[e.id] for e in a.entities for m in e.mentions
                     if e.id in mapping and m.start < q.end and m.end > q.start} - {speaker_cid}
            c.executemany("INSERT INTO quote_about (quote_id, entity_id) VALUES (?, ?)",
                          [(cur.lastrowid, cid) for cid in sorted(x for x in about if x is not None)])
        c.executemany(
            "INSERT INTO sources (article_id, idx, outlet, kind, cue, char_start, char_end) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(a.id, i, s.outlet, s.kind, s.cue, s.start, s.end) for i, s in enumerate(a.sources)])
        c.executemany(
            "INSERT INTO events (article_id, idx, source, source_eid, source_entity_id, target, target_eid, "
            "target_entity_id, verb, cameo, root, negated, hedged, char_start, char_end) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(a.id, i, ev.source, ev.source_id, mapping.get(ev.source_id) if ev.source_id else None, ev.target,
              ev.target_id, mapping.get(ev.target_id) if ev.target_id else None, ev.verb, ev.cameo,
              ev.cameo[:2] if ev.cameo else None, int(ev.negated), int(ev.hedged), ev.start, ev.end)
             for i, ev in enumerate(a.events)])
