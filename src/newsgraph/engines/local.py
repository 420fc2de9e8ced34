"""Local engine: a process pool; each worker process loads the model once and runs whole batches.

Only plain data crosses process boundaries: RawDocuments go in, Articles come back as JSON
strings (cheap to pickle, parsed by pydantic's Rust validator); spaCy Docs never leave the
worker. On Linux the pool forks, so a model already loaded in the parent is shared
copy-on-write instead of being loaded again.
"""

from __future__ import annotations

import itertools
import multiprocessing
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


def _pool_context(preload_model: bool) -> multiprocessing.context.BaseContext:
    """Workers are forked from a clean, single-threaded fork server (forking a process that already
    runs threads, such as progress bars or a web server, can deadlock the child). With
    ``preload_model`` the server loads the spaCy model first, so workers start with it in memory."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    if preload_model:
        ctx.set_forkserver_preload(["newsgraph.engines.preload_model"])
    return ctx


class LocalEngine:
    """Runs the pipeline over a process pool, yielding Articles in input order.

    Workers never wait on the order of results: as soon as any batch finishes another is
    submitted (``2 * workers`` running or queued), while finished batches wait in order to be
    yielded (at most ``8 * workers`` batches held in all), so a slow batch at the head does not
    idle the pool and memory stays flat on long streams. A batch that fails as a whole (e.g. an
    input that cannot be pickled) is retried one document at a time, so one bad document only
    ever costs its own Article (returned with ``error`` set).
    """

    def __init__(self, workers: int = 2, stages: tuple[str, ...] = DEFAULT_STAGES, batch_size: int = 16) -> None:
        self.workers = max(1, workers)
        self.stages = tuple(stages)
        self.batch_size = batch_size

    def run(self, raws: Iterable[RawDocument]) -> Iterator[Article]:
        it = iter(raws)
        batches = iter(lambda: list(itertools.islice(it, self.batch_size)), [])
        running_max, held_max = 2 * self.workers, 8 * self.workers
        with ProcessPoolExecutor(
            max_workers=self.workers, initializer=_init_worker, initargs=(self.stages, self.batch_size),
            mp_context=_pool_context(preload_model="nlp" in self.stages),
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
