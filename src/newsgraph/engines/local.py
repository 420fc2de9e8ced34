"""Local engine: a process pool; each worker process loads the model once and runs whole batches.

Only plain data crosses process boundaries: RawDocuments go in, Articles come back as JSON
strings (cheap to pickle, parsed by pydantic's Rust validator); spaCy Docs never leave the
worker. Workers start warm, sharing one loaded model copy-on-write (see :func:`_pool_context`):
nothing is loaded once per worker.
"""

from __future__ import annotations

import itertools
import multiprocessing
import sys
import threading
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Iterable, Iterator, Optional

from ..model import Article
from ..pipeline import DEFAULT_STAGES, Pipeline, new_article
from ..readers.base import RawDocument

_worker_pipeline: Optional[Pipeline] = None  # one per worker process, built by the initializer


def _init_worker(stages: tuple[str, ...], batch_size: int) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(stages, batch_size=batch_size)
    if _worker_pipeline.uses_nlp:
        from ..nlp import get_nlp

        get_nlp()


def _error_json(raw: RawDocument, message: str) -> str:
    """An Article carrying ``message`` as its error (bare, if ``raw``'s metadata is unusable too)."""
    try:
        article = new_article(raw)
    except Exception:
        article = Article()
        article.source.index = raw.index if isinstance(raw.index, int) else None
    article.error = article.error or message
    return article.to_json()


def _run_batch(raws: list[RawDocument]) -> list[str]:
    """Analyse one batch in a worker; returns one Article JSON per input, in order."""
    assert _worker_pipeline is not None
    try:
        return [a.to_json() for a in _worker_pipeline.analyze_many(raws)]
    except Exception:  # pragma: no cover - stages isolate errors; this guards the runner itself
        out: list[str] = []
        for raw in raws:
            try:
                out.append(_worker_pipeline.analyze(raw).to_json())
            except Exception as exc:
                out.append(_error_json(raw, f"pipeline failed: {type(exc).__name__}: {exc}"))
        return out


def _start_method() -> str:
    """How to start workers: ``fork`` on Linux when this process runs no other thread, else a fork
    server (forking a process that runs threads, such as progress bars or a web server, can
    deadlock the child on a lock a thread held; on macOS system libraries make fork unsafe), else
    ``spawn`` where neither exists."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _pool_context(stages: tuple[str, ...], batch_size: int, method: str) -> multiprocessing.context.BaseContext:
    """The pool's start context, with the pipeline loaded and warmed once before any worker starts.

    ``fork``: this process warms the pipeline (model, language identifier, stage tables; nearly
    free when it already ran it) and the workers inherit it, as bare spaCy's ``n_process`` workers
    inherit the parent's model. ``forkserver``: the server warms the default pipeline when it starts
    (once per process; :mod:`.preload`), and workers are forked from it.
    """
    ctx = multiprocessing.get_context(method)
    if method == "fork":
        Pipeline(stages, batch_size=batch_size).warm_up()
    elif method == "forkserver" and "nlp" in stages:
        ctx.set_forkserver_preload(["newsgraph.engines.preload"])  # only read when the server starts
    return ctx


def _batches(raws: Iterable[RawDocument], size: int, parts: int) -> Iterator[list[RawDocument]]:
    """``raws`` in batches of ``size``, the last one cut into up to ``parts`` smaller batches (one
    document read ahead tells which is last), so that the workers finish together instead of one
    analysing the whole last batch while the others idle."""
    it = iter(raws)
    batch = list(itertools.islice(it, size))
    while batch:
        ahead = list(itertools.islice(it, 1))
        if not ahead:
            step = -(-len(batch) // max(1, parts))
            yield from (batch[i:i + step] for i in range(0, len(batch), step))
            return
        yield batch
        batch = ahead + list(itertools.islice(it, size - 1))


class LocalEngine:
    """Runs the pipeline over a process pool, yielding Articles in input order.

    Workers never wait on the order of results: as soon as any batch finishes another is
    submitted (``2 * workers`` running or queued), while finished batches wait in order to be
    yielded (at most ``8 * workers`` batches held in all), so a slow batch at the head does not
    idle the pool and memory stays flat on long streams; the last batch is shared out among the
    workers (:func:`_batches`). A batch that fails as a whole (e.g. an
    input that cannot be pickled) is retried one document at a time, so one bad document only
    ever costs its own Article (returned with ``error`` set).
    """

    def __init__(self, workers: int = 2, stages: tuple[str, ...] = DEFAULT_STAGES, batch_size: int = 16,
                 start_method: str | None = None) -> None:
        self.workers = max(1, workers)
        self.stages = tuple(stages)
        self.batch_size = batch_size
        #: ``fork``, ``forkserver`` or ``spawn``; None (the default): chosen per run by :func:`_start_method`
        self.start_method = start_method

    def run(self, raws: Iterable[RawDocument]) -> Iterator[Article]:
        batches = _batches(raws, self.batch_size, self.workers)
        running_max, held_max = 2 * self.workers, 8 * self.workers
        with ProcessPoolExecutor(
            max_workers=self.workers, initializer=_init_worker, initargs=(self.stages, self.batch_size),
            mp_context=_pool_context(self.stages, self.batch_size, self.start_method or _start_method()),
        ) as pool:
            window: deque[tuple[list[RawDocument], Future]] = deque()  # input order
            exhausted = False
            while True:
                while not exhausted and len(window) < held_max and \
                        sum(1 for _, f in window if not f.done()) < running_max:
                    batch = next(batches, None)
                    if batch is None:
                        exhausted = True
                        break
                    window.append((batch, pool.submit(_run_batch, batch)))
                if not window:
                    return
                if not window[0][1].done():
                    wait([f for _, f in window if not f.done()], return_when=FIRST_COMPLETED)
                    continue
                yield from self._collect(pool, *window.popleft())

    @staticmethod
    def _collect(pool: ProcessPoolExecutor, batch: list[RawDocument], fut: Future) -> Iterator[Article]:
        try:
            results = fut.result()
        except Exception:
            results = []
            for raw in batch:
                try:
                    results.extend(pool.submit(_run_batch, [raw]).result())
                except Exception as exc:
                    results.append(_error_json(raw, f"worker failed: {type(exc).__name__}: {exc}"))
        for data in results:
            yield Article.from_json(data)
