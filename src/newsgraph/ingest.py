"""Ingest orchestration: read inputs, analyse what is new with an engine, hand Articles to the store.

The storing side (ledger, batches, crash safety) is :mod:`newsgraph.corpus.ingest`; this module is
the application layer above it that picks an engine (``local`` process pool or ``dask``) and
runs the analysis, so that ``corpus/`` never depends on the pipeline.
"""

from __future__ import annotations

import importlib
from typing import Callable, Iterable, Iterator, Optional, Sequence

from .corpus.ingest import IngestReport, IngestSession
from .corpus.store import Store
from .model import Article
from .readers.base import RawDocument

__all__ = ["IngestError", "ingest_paths"]


class IngestError(RuntimeError):
    """Ingest cannot start (e.g. an unavailable engine)."""


def _engine_articles(raws: Iterable[RawDocument], *, engine: str, workers: int, stages: Sequence[str],
                     batch_size: int, scheduler: Optional[str], shard_dir: Optional[str] = None) -> Iterator[Article]:
    if engine == "local":
        from .analysis import analyze_many

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


def _dask_errors(articles: Iterable[Article], unavailable: type[BaseException]) -> Iterator[Article]:
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

    Streaming: documents flow reader -> engine -> store (the engine keeps only a few batches in
    flight; the store commits in short batches). ``report`` (optional) is filled in place, so a
    caller interrupted by Ctrl-C still has the partial counts.
    """
    from .pipeline import DEFAULT_STAGES
    from .progress import progress_iter
    from .readers import read_paths

    session = IngestSession(store, report)
    raws = session.select(read_paths(list(paths)))
    articles = _engine_articles(raws, engine=engine, workers=workers, stages=stages or DEFAULT_STAGES,
                                batch_size=batch_size, scheduler=scheduler, shard_dir=shard_dir)
    return session.ingest(progress_iter(articles, "ingesting", enabled=progress))
