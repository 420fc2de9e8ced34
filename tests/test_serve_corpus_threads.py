"""`service.Corpus`: one read connection per live thread; a thread that ends hands its connection
to the next new thread instead of leaving it open (the server's thread pool retires idle threads)."""

from __future__ import annotations

import gc
import threading

from newsgraph.api.samples import build_sample_db
from newsgraph.service import Corpus


def _in_thread(fn):
    out = []
    t = threading.Thread(target=lambda: out.append(fn()))
    t.start()
    t.join()
    return out[0]


def test_threads_that_end_hand_their_store_on(tmp_path):
    db = tmp_path / "c.db"
    build_sample_db(db)
    corpus = Corpus(db)
    mine = corpus.store()
    assert corpus.store() is mine  # the same thread: the same store
    first = _in_thread(corpus.store)
    gc.collect()
    assert first is not mine
    for _ in range(5):  # threads come and go: the ended thread's store is reused, none is leaked
        assert _in_thread(corpus.store) is first
        gc.collect()
    assert len(corpus._stores) == 2
    # two threads alive at once get different stores
    barrier, got = threading.Barrier(2), []

    def hold() -> None:
        got.append(corpus.store())
        barrier.wait()

    ts = [threading.Thread(target=hold) for _ in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert got[0] is not got[1] and len(corpus._stores) == 3
    assert got[0].conn.execute("SELECT count(*) FROM articles").fetchone()[0] > 0
    corpus.close()
    assert corpus._stores == [] and corpus._free == []
    reopened = corpus.store()  # after close: a new store
    assert reopened is not mine and reopened.conn.execute("SELECT 1").fetchone()[0] == 1
    corpus.close()
