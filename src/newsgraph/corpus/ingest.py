"""The storing side of ingest: analysed Articles -> store, batched and resumable.

Two halves, so that any engine can sit in between (the engines and the reading side live in
:mod:`newsgraph.ingest`; this module never runs analysis):

* :meth:`IngestSession.select` filters RawDocuments *before* analysis: an input (path + index
  within the file) whose raw content hash is already in the ``inputs`` ledger is skipped.
* :meth:`IngestSession.add` / :func:`ingest_articles` store analysed Articles. Each article (its
  rows, derived rows and ledger row) is one savepoint inside a *batch* transaction that commits
  every ``batch_articles`` articles or ``batch_seconds`` seconds, whichever comes first, and at
  the end (also on Ctrl-C). A kill loses at most the uncommitted batch, whose ledger rows are lost
  with it, so a re-run analyses and stores exactly those inputs again; nothing is stored twice.

Testing aid: the environment variable ``NEWSGRAPH_INGEST_DELAY`` (seconds, float) makes the
storing side sleep that long inside each article's savepoint (rows written, not yet committed),
so tests can kill an ingest midway, typically in the middle of a write.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

from ..model import Article
from ..readers.base import RawDocument
from .store import InputRecord, Store, StoreError

DELAY_ENV = "NEWSGRAPH_INGEST_DELAY"
#: Default batch bounds: commit after this many articles or this many seconds.
BATCH_ARTICLES = 200
BATCH_SECONDS = 0.5


@dataclass
class IngestReport:
    """Outcome counts of one ingest run.

    ``already_present``: inputs unchanged since an earlier run, skipped without analysis.
    ``duplicates``: analysed, but an article with the same id (identical clean text) was already stored.
    ``failures``: ``(input label, reason)`` for each input that could not be stored.
    """

    read: int = 0
    stored: int = 0
    already_present: int = 0
    duplicates: int = 0
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def to_dict(self) -> dict:
        return {"read": self.read, "stored": self.stored, "already_present": self.already_present,
                "duplicates": self.duplicates, "failed": self.failed,
                "failures": [{"input": label, "reason": reason} for label, reason in self.failures]}


def raw_hash(raw: RawDocument) -> str:
    """Hash of everything in a RawDocument that can change its analysis."""
    h = hashlib.sha256()
    for part in (raw.format, raw.title, raw.url, raw.author, raw.published, raw.outlet, raw.language,
                 raw.text, raw.html):
        h.update(b"\x00" if part is None else b"\x01" + part.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:32]


def input_key(path: Optional[str], index: Optional[int], url: Optional[str] = None) -> Optional[str]:
    """Ledger key of an input: ``path`` or ``path#index`` (``url`` when there is no path); None for stdin."""
    base = path if path and path != "-" else url
    if not base:
        return None
    return f"{base}#{index}" if index is not None else base


def _label(path: Optional[str], index: Optional[int], fallback: str = "<input>") -> str:
    name = path or fallback
    return f"{name}#{index}" if index is not None else name


class IngestSession:
    """Stateful bridge between the reading side and the storing side of one ingest run."""

    def __init__(self, store: Store, report: Optional[IngestReport] = None, *,
                 delay: Optional[float] = None, batch_articles: int = BATCH_ARTICLES,
                 batch_seconds: float = BATCH_SECONDS) -> None:
        self.store = store
        self.report = report or IngestReport()
        self.batch_articles = max(1, int(batch_articles))
        self.batch_seconds = max(0.0, float(batch_seconds))
        self._batch_n = 0
        self._batch_start = 0.0
        self._pending: dict[tuple[Optional[str], Optional[int]], InputRecord] = {}
        self._selecting = False
        if delay is None:
            try:
                delay = float(os.environ.get(DELAY_ENV, "0") or 0)
            except ValueError:
                delay = 0.0
        self.delay = max(0.0, delay)

    # -- before analysis ---------------------------------------------------
    def select(self, raws: Iterable[RawDocument]) -> Iterator[RawDocument]:
        """Yield only inputs not already ingested unchanged; counts ``read`` and ``already_present``."""
        self._selecting = True
        for raw in raws:
            self.report.read += 1
            key = input_key(raw.path, raw.index, raw.url)
            if key is None or raw.error:
                yield raw
                continue
            if (raw.path, raw.index) in self._pending:  # the same input named twice in one run
                self.report.already_present += 1
                continue
            h = raw_hash(raw)
            prev = self.store.input_hash(key)
            if prev is not None and prev[0] == h and prev[1] in ("stored", "duplicate"):
                self.report.already_present += 1
                continue
            self._pending[(raw.path, raw.index)] = InputRecord(key, raw.path, raw.index, h)
            yield raw

    # -- after analysis ----------------------------------------------------
    def add(self, article: Article) -> str:
        """Store one analysed Article; returns "stored", "duplicate" or "failed"."""
        src = article.source
        if not self._selecting:
            self.report.read += 1
        record = self._pending.pop((src.path, src.index), None)
        if record is None:  # not selected by this session (another feeder): never clobber a ledger row
            key = input_key(src.path, src.index, src.url)
            record = InputRecord(key, src.path, src.index, None) if key and self.store.input_hash(key) is None \
                else None
        label = _label(src.path or src.url, src.index, article.id or "<input>")
        reason = article.error
        if not reason and not article.paragraphs and not (article.title or "").strip():
            reason = "empty document: no text to store"
        self._begin()
        if not reason:
            try:
                with self.store.savepoint():
                    stored = self.store.add_article(article, input=record)
                    if self.delay:  # testing aid: hold the savepoint open, so a kill lands mid-write
                        time.sleep(self.delay)
            except (StoreError, sqlite3.IntegrityError, ValueError) as exc:
                reason = f"cannot store: {exc}"
            else:
                self.report.stored += stored
                self.report.duplicates += not stored
                self._maybe_commit()
                return "stored" if stored else "duplicate"
        self.report.failed += 1
        self.report.failures.append((label, reason))
        if record is not None:
            self.store.record_input(record, "failed", None, reason)
        self._maybe_commit()
        return "failed"

    # -- batches -----------------------------------------------------------
    def _begin(self) -> None:
        if not self.store.conn.in_transaction:
            self.store.conn.execute("BEGIN IMMEDIATE")
            self._batch_n, self._batch_start = 0, time.monotonic()

    def _maybe_commit(self) -> None:
        self._batch_n += 1
        if self._batch_n >= self.batch_articles or time.monotonic() - self._batch_start >= self.batch_seconds:
            self.flush()

    def flush(self) -> None:
        """Commit the current batch (no-op when nothing is pending)."""
        if self.store.conn.in_transaction:
            self.store.conn.execute("COMMIT")
        self._batch_n = 0

    def ingest(self, articles: Iterable[Article]) -> IngestReport:
        """Store every article of the stream; the last batch is committed at the end, on Ctrl-C too."""
        try:
            for article in articles:
                self.add(article)
        finally:
            self.flush()
        return self.report

    def __enter__(self) -> "IngestSession":
        return self

    def __exit__(self, *exc: object) -> None:
        self.flush()


def ingest_articles(store: Store, articles: Iterable[Article], *,
                    session: Optional[IngestSession] = None) -> IngestReport:
    """Store a stream of analysed Articles (any engine's output); returns the run's report."""
    return (session or IngestSession(store)).ingest(articles)
