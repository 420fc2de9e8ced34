"""Local engine: a process pool; each worker process loads the model once and runs whole batches."""

from __future__ import annotations

import itertools
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Iterable, Iterator, Optional

from ..model import Article
from ..pipeline import DEFAULT_STAGES, Pipeline
from ..readers.base import RawDocument

_worker_pipeline: Optional[Pipeline] = None  # one per worker process, built by the initializer


def _init_worker(stages: tuple[str, ...], batch_size: int) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(stages, batch_size=batch_size)
    if _worker_pipeline.uses_nlp:
        from ..nlp import get_nlp

        get_nlp()


def _run_batch(raws: list[RawDocument]) -> list[dict]:
    assert _worker_pipeline is not None
    return [a.to_dict() for a in _worker_pipeline.analyze_many(raws)]


class LocalEngine:
    """Runs the pipeline over a process pool, yielding Articles in input order.

    At most ``2 * workers`` batches are in flight, so memory stays flat on long streams.
    """

    def __init__(self, workers: int = 2, stages: tuple[str, ...] = DEFAULT_STAGES, batch_size: int = 16) -> None:
        self.workers = max(1, workers)
        self.stages = tuple(stages)
        self.batch_size = batch_size

    def run(self, raws: Iterable[RawDocument]) -> Iterator[Article]:
        it = iter(raws)
        batches = iter(lambda: list(itertools.islice(it, self.batch_size)), [])
        with ProcessPoolExecutor(
            max_workers=self.workers, initializer=_init_worker, initargs=(self.stages, self.batch_size)
        ) as pool:
            pending: list[Future] = []
            for batch in batches:
                pending.append(pool.submit(_run_batch, batch))
                if len(pending) >= 2 * self.workers:
                    yield from (Article.from_dict(d) for d in pending.pop(0).result())
            for fut in pending:
                yield from (Article.from_dict(d) for d in fut.result())
