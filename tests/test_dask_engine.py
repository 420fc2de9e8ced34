"""The Dask engine runs the same stage code as the local pipeline and gives the same Articles."""

from __future__ import annotations

import pytest

from newsgraph.pipeline import Pipeline
from newsgraph.readers.base import RawDocument

TEXTS = [
    "City Council Approves Budget\n\nThe city council approved the budget on Monday.\n\nAdvertisement\n\n"
    "The vote was 7 to 2.",
    "Port Reopens After Storm\n\nThe harbour reopened on Tuesday after a three-day closure.\n\n"
    "Ships queued outside the breakwater overnight.",
    "",  # an empty document must come back with an error, not vanish
    "Rail Strike Ends\n\nTrain drivers returned to work on Friday.\n\nTrain drivers returned to work on Friday.",
]
STAGES = ("clean", "language")


def _raws() -> list[RawDocument]:
    return [RawDocument(text=t, path=f"doc{i}.txt", format="text") for i, t in enumerate(TEXTS)]


def test_dask_matches_local(dask_cluster, tmp_path):
    from newsgraph.engines.dask import run

    local = {a.source.path: a for a in Pipeline(STAGES).analyze_many(_raws())}
    remote = {a.source.path: a for a in run(_raws(), scheduler=dask_cluster.scheduler_address,
                                            stages=STAGES, batch_size=2, shard_dir=tmp_path)}
    assert set(remote) == set(local)
    for path, article in local.items():
        assert remote[path].to_dict() == article.to_dict()
    empty = remote["doc2.txt"]
    assert empty.error or empty.warnings  # the empty document is reported, not lost
    assert not list(tmp_path.glob("*.parquet"))  # shards are merged and cleaned up


def test_dask_keeps_shards_when_asked(dask_cluster, tmp_path):
    from newsgraph.engines.dask import read_shard, run

    list(run(_raws(), scheduler=dask_cluster.scheduler_address, stages=STAGES, batch_size=2,
             shard_dir=tmp_path, keep_shards=True))
    shards = sorted(tmp_path.glob("*.parquet"))
    assert len(shards) == 2
    assert sum(1 for s in shards for _ in read_shard(s)) == len(TEXTS)


def test_unreachable_scheduler_is_a_clear_error():
    from newsgraph.engines.dask import DaskUnavailableError, run

    with pytest.raises(DaskUnavailableError, match="cannot reach Dask scheduler"):
        list(run(_raws(), scheduler="tcp://127.0.0.1:9", stages=STAGES))
