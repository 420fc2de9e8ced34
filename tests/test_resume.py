"""A real SIGKILL in the middle of `python -m newsgraph ingest`, then a resume: every article exactly once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.corpus import Store
from newsgraph.corpus.ingest import DELAY_ENV

N = 40
TOWNS = ["Alder", "Birch", "Cedar", "Dover", "Elm", "Fenwick", "Glen", "Harrow", "Ivy", "Juniper"]
THINGS = ["library", "bridge", "school", "harbour", "market", "museum", "clinic", "station"]


def _write_corpus(root: Path) -> None:
    root.mkdir()
    for i in range(N):
        town, thing = TOWNS[i % len(TOWNS)], THINGS[i % len(THINGS)]
        text = (f"{town} {thing} update number {i}\n\n"
                f"Officials in {town} said on day {i} that the {thing} would reopen after repairs costing "
                f"{1000 + 37 * i} pounds, with work crews finishing {i % 7 + 1} days early.\n\n"
                f"Residents of {town} welcomed news number {i} about the {thing} at a meeting.")
        (root / f"article_{i:02d}.txt").write_text(text, encoding="utf-8")


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:  # not created/migrated yet
        return 0


def _cmd(src: Path, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "newsgraph", "ingest", str(src), "--db", str(db), "--stages", "clean,language",
            "--no-progress", *extra]


def test_sigkill_then_resume(tmp_path: Path) -> None:
    src, db = tmp_path / "in", tmp_path / "corpus.db"
    _write_corpus(src)
    env = {**os.environ, DELAY_ENV: "0.15"}
    proc = subprocess.Popen(_cmd(src, db), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while _count(db) < 6:
            assert proc.poll() is None, f"ingest ended early: {proc.stderr.read().decode()}"
            assert time.monotonic() < deadline, "ingest made no progress"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()
    first = _count(db)
    assert 6 <= first < N, "the kill should land midway"

    env.pop(DELAY_ENV)
    done = subprocess.run(_cmd(src, db, "--json"), env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["read"] == N and report["failed"] == 0
    assert report["already_present"] == first  # committed before the kill: skipped, not re-analysed
    assert report["stored"] == N - first and report["duplicates"] == 0

    with Store(db) as store:
        c = store.conn
        assert tuple(c.execute("SELECT count(*), count(DISTINCT id), count(DISTINCT path) FROM articles").fetchone()) \
            == (N, N, N)
        assert tuple(c.execute("SELECT count(*), count(DISTINCT key) FROM inputs WHERE status = 'stored'").fetchone()) \
            == (N, N)
        assert c.execute("SELECT count(*) FROM paragraphs").fetchone()[0] == \
            c.execute("SELECT sum(json_array_length(json, '$.paragraphs')) FROM articles").fetchone()[0]
        assert [r[0] for r in c.execute("PRAGMA integrity_check")] == ["ok"]
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.integrity_check() == "ok"  # includes the FTS index
        hits = c.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'residents'").fetchone()[0]
        assert hits == N
        if "story_members" in {r[0] for r in c.execute("SELECT name FROM sqlite_master")}:
            # derived rows were committed with their article: none missing, none doubled
            assert tuple(c.execute("SELECT count(*), count(DISTINCT article_id) FROM story_members").fetchone()) == (N, N)

    again = subprocess.run(_cmd(src, db, "--json"), env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0
    assert json.loads(again.stdout)["already_present"] == N


@pytest.mark.parametrize("delay", ["0.05"])
def test_ctrl_c_keeps_committed_articles(tmp_path: Path, delay: str) -> None:
    src, db = tmp_path / "in", tmp_path / "corpus.db"
    _write_corpus(src)
    env = {**os.environ, DELAY_ENV: delay}
    proc = subprocess.Popen(_cmd(src, db, "--json"), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        deadline = time.monotonic() + 120
        while _count(db) < 3:
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        out, _err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130
    report = json.loads(out)
    assert report["interrupted"] and report["stored"] == _count(db) < N
