"""Ingest: inputs -> Articles -> store, streaming and resumable.

Two halves, so that any engine can sit in between:

* :meth:`IngestSession.select` filters RawDocuments *before* analysis: an input (path + index
  within the file) whose raw content hash is already in the ``inputs`` ledger is skipped.
* :meth:`IngestSession.add` / :func:`ingest_articles` store analysed Articles, one short
  transaction each (the article, its derived rows and its ledger row commit together), so a
  kill at any moment loses nothing committed and stores nothing twice.

Testing aid: the environment variable ``NEWSGRAPH_INGEST_DELAY`` (seconds, float) makes the
storing side sleep that long inside each article's transaction (rows written, not yet committed),
so tests can kill an ingest midway, typically in the middle of a write.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import sqlite3
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional, Sequence

from ..model import Article
from ..readers.base import RawDocument
from .store import InputRecord, Store, StoreError

DELAY_ENV = "NEWSGRAPH_INGEST_DELAY"


class IngestError(RuntimeError):
    """Ingest cannot start (e.g. an unavailable engine)."""


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
                 delay: Optional[float] = None) -> None:
        self.store = store
        self.report = report or IngestReport()
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
        if not reason:
            try:
                with self.store.transaction():
                    stored = self.store.add_article(article, input=record)
                    if self.delay:  # testing aid: hold the transaction open, so a kill lands mid-write
                        time.sleep(self.delay)
            except (StoreError, sqlite3.IntegrityError, ValueError) as exc:
                reason = f"cannot store: {exc}"
            else:
                if stored:
                    self.report.stored += 1
                    return "stored"
                self.report.duplicates += 1
                return "duplicate"
        self.report.failed += 1
        self.report.failures.append((label, reason))
        if record is not None:
            self.store.record_input(record, "failed", None, reason)
        return "failed"

    def ingest(self, articles: Iterable[Article]) -> IngestReport:
        for article in articles:
            self.add(article)
        return self.report


def ingest_articles(store: Store, articles: Iterable[Article], *,
                    session: Optional[IngestSession] = None) -> IngestReport:
    """Store a stream of analysed Articles (any engine's output); returns the run's report."""
    return (session or IngestSession(store)).ingest(articles)


def _engine_articles(raws: Iterable[RawDocument], *, engine: str, workers: int, stages: Sequence[str],
                     batch_size: int, scheduler: Optional[str], shard_dir: Optional[str] = None) -> Iterator[Article]:
    if engine == "local":
        from ..analysis import analyze_many

        return analyze_many(raws, workers=workers, stages=tuple(stages), batch_size=batch_size)
    if engine == "dask":
        try:
            mod = importlib.import_module("newsgraph.engines.dask")
        except ModuleNotFoundError as exc:
            if exc.name != "newsgraph.engines.dask":
                raise IngestError(f"the dask engine needs a missing module: {exc.name}") from exc
            raise IngestError("the dask engine is not available in this installation "
                              "(newsgraph.engines.dask is missing); use --engine local") from exc
        run: Callable[..., Iterable[Article]] = getattr(mod, "run")
        return _dask_errors(run(raws, scheduler=scheduler, workers=workers, stages=tuple(stages),
                                batch_size=batch_size, shard_dir=shard_dir), getattr(mod, "DaskUnavailableError"))
    raise IngestError(f"unknown engine {engine!r} (choose local or dask)")


def _dask_errors(articles: Iterable[Article], unavailable: type) -> Iterator[Article]:
    """The Dask engine's stream, with "scheduler unreachable" turned into an :class:`IngestError`."""
    try:
        yield from articles
    except unavailable as exc:
        raise IngestError(str(exc)) from None


def ingest_paths(store: Store, paths: Sequence[str], *, workers: int = 1, stages: Optional[Sequence[str]] = None,
                 batch_size: int = 16, engine: str = "local", scheduler: Optional[str] = None,
                 progress: Optional[bool] = None, report: Optional[IngestReport] = None,
                 shard_dir: Optional[str] = None) -> IngestReport:
    """Read ``paths`` (files, directories, ``-``), analyse what is new and store it.

    ``shard_dir`` (engine dask): where workers write their Parquet shards; on a real cluster it
    must be storage shared by the client and every worker (default: a local temporary folder).

    Streaming: documents flow reader -> engine -> store one at a time (the engine keeps only a
    few batches in flight). ``report`` (optional) is filled in place, so a caller interrupted
    by Ctrl-C still has the partial counts.
    """
    from ..pipeline import DEFAULT_STAGES
    from ..progress import progress_iter
    from ..readers import read_paths

    session = IngestSession(store, report)
    raws = session.select(read_paths(list(paths)))
    articles = _engine_articles(raws, engine=engine, workers=workers, stages=stages or DEFAULT_STAGES,
                                batch_size=batch_size, scheduler=scheduler, shard_dir=shard_dir)
    return session.ingest(progress_iter(articles, "ingesting", enabled=progress))
