"""Dask engine: the same pipeline code on a Dask cluster, results written as Parquet shards.

Each task analyses one batch of raw documents on a worker (the worker process loads the
spaCy model once, see :func:`_worker_pipeline`) and writes the Articles to one Parquet shard
under ``shard_dir``; the client only receives shard paths. The shards are then streamed
back, one at a time, into whatever consumes Articles (the store's ingest), so no process
needs the whole corpus in memory.

``shard_dir`` must be readable and writable by the client and every worker: a local
folder for a ``LocalCluster``, a shared filesystem path (NFS, a mounted bucket) on a real
cluster.
"""

from __future__ import annotations

import functools
import itertools
import os
import tempfile
import uuid
from collections import deque
from dataclasses import asdict
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ..model import Article
from ..pipeline import DEFAULT_STAGES, Pipeline
from ..readers.base import RawDocument

SHARD_COLUMNS = ("id", "article_json")


class DaskUnavailableError(RuntimeError):
    """dask/distributed are not installed or the scheduler cannot be reached."""


@functools.lru_cache(maxsize=4)
def _worker_pipeline(stages: tuple[str, ...], batch_size: int) -> Pipeline:
    """One Pipeline per worker process (the model inside loads lazily, once)."""
    return Pipeline(stages, batch_size=batch_size)


def analyze_batch_to_shard(
    raw_dicts: list[dict], shard_path: str, stages: tuple[str, ...], batch_size: int
) -> tuple[str, int]:
    """Worker task: analyse ``raw_dicts`` and write them as one Parquet shard. Returns (path, rows)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    pipeline = _worker_pipeline(stages, batch_size)
    articles = list(pipeline.analyze_many(RawDocument(**d) for d in raw_dicts))
    table = pa.table({
        "id": [a.id for a in articles],
        "article_json": [a.to_json() for a in articles],
    })
    tmp = shard_path + ".tmp"
    pq.write_table(table, tmp)
    os.replace(tmp, shard_path)  # a shard is either complete or absent
    return shard_path, len(articles)


def read_shard(path: str | Path) -> Iterator[Article]:
    """Stream the Articles stored in one shard, in order."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(str(path))
    for batch in pf.iter_batches(columns=["article_json"], batch_size=256):
        for js in batch.column(0).to_pylist():
            yield Article.from_json(js)


def _client(scheduler: Optional[str], workers: int):
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dependency is pinned
        raise DaskUnavailableError(f"dask.distributed is not installed ({exc}); run `make install`") from None
    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except OSError as exc:
            raise DaskUnavailableError(f"cannot reach Dask scheduler at {scheduler}: {exc}") from None
    cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                           dashboard_address=None)
    return Client(cluster), cluster


def run(
    raws: Iterable[RawDocument],
    *,
    scheduler: Optional[str] = None,
    workers: int = 2,
    stages: tuple[str, ...] = DEFAULT_STAGES,
    batch_size: int = 32,
    shard_dir: Optional[str | Path] = None,
    keep_shards: bool = False,
) -> Iterator[Article]:
    """Analyse ``raws`` on Dask and yield the Articles (shard by shard, in input order).

    Without ``scheduler`` a ``LocalCluster`` of ``workers`` processes is started for the run.
    At most ``4 * workers`` batches are in flight, so reading stays streaming. Shards are
    consumed in submission order (a shard finished early waits on disk, not in memory), so
    the order-dependent parts of a store (ingest sequence, copy originals, story ids) come out
    exactly as with the local engine.
    """
    own_dir = shard_dir is None
    out = Path(shard_dir or tempfile.mkdtemp(prefix="newsgraph-shards-"))
    out.mkdir(parents=True, exist_ok=True)
    client, cluster = _client(scheduler, workers)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        it = iter(raws)
        batches = iter(lambda: list(itertools.islice(it, batch_size)), [])
        queue: deque = deque()  # futures in submission (= input) order

        def submit(batch: list[RawDocument]) -> None:
            shard = str(out / f"shard-{uuid.uuid4().hex}.parquet")
            queue.append(client.submit(analyze_batch_to_shard, [asdict(r) for r in batch], shard,
                                       tuple(stages), batch_size, pure=False))

        for batch in itertools.islice(batches, 4 * n_workers):
            submit(batch)
        while queue:
            fut = queue.popleft()
            path, _rows = fut.result()
            yield from read_shard(path)
            if not keep_shards:
                Path(path).unlink(missing_ok=True)
            nxt = next(batches, None)
            if nxt:
                submit(nxt)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        if own_dir and not keep_shards:
            for p in out.glob("*.parquet*"):
                p.unlink(missing_ok=True)
            try:
                out.rmdir()
            except OSError:
                pass
