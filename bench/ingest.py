"""Corpus ingest and query benchmarks: real ingest, synthetic scale test, query latency.

Subcommands (each prints a Markdown table; results also go to ``bench/out/ingest_*.json``):

* ``real``: PolNeAR (the 1,008 primary articles of train/dev/test) and ECB+ (982 documents) are
  written to a temporary JSONL file and ingested through the *full* pipeline (reader, all NLP
  stages, store with copies/stories/entity linking) into a fresh database, once per
  ``--workers`` value. Reports articles/s and the peak RSS of the whole process tree.
* ``prepare``: analyses ``--n`` PolNeAR articles once (full pipeline) and caches them as JSONL
  under ``bench/out/`` for ``synthetic``.
* ``synthetic``: generates ``--n`` Articles by recombining paragraphs of the cached analysed
  articles (entities, quotes and source citations carried over with shifted offsets; random
  dates and outlets; ~5 % near-copies of recent ones) and streams them through
  ``ingest_articles(store, generator)``. NLP is *not* re-run: this measures the storing side
  only (SQLite rows, FTS, copy detection, story clustering, entity linking). Reports rate and
  peak RSS at every ``--checkpoint``.
* ``append``: adds ``--n`` more synthetic articles (same generator, seed + 1000, new ids) to an
  EXISTING store (a fresh copy of ``--base`` when given) and reports the storing CPU ms/article
  and RSS; ``append-compare`` does so for several stores in one run (alternating order per round,
  one process each) and gives each one's ratio to the first, e.g. 10k vs 100k articles.
* ``queries``: median and p95 latency of ``queries.search``, ``queries.quotes(speaker=…)`` and
  ``queries.story`` on a store (the common word, frequent speaker and large story are picked
  from the store itself unless given).

Exits 0 with a "skipped" message when ``../shared/data`` is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import deque
from pathlib import Path
from typing import Iterator, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, SHARED_DATA, print_table  # noqa: E402

OUT = ROOT / "bench" / "out"
POLNEAR = SHARED_DATA / "quotes" / "polnear" / "derived"
ECBPLUS = SHARED_DATA / "story-clustering" / "ecbplus" / "ecbplus_docs.jsonl.gz"
CACHE = OUT / "ingest_analysed_polnear.jsonl"


def _require_data() -> None:
    if not SHARED_DATA.is_dir():
        print(f"skipped: benchmark data not found at {SHARED_DATA} (only on the newsgraph team's machines)")
        sys.exit(0)


# -- memory -----------------------------------------------------------------------------
class RssSampler:
    """Samples the RSS of this process plus all its children (recursively) in a thread
    (``children=False``: this process only, one cheap read per sample)."""

    def __init__(self, interval: float = 0.2, children: bool = True) -> None:
        import psutil

        self._proc = psutil.Process()
        self._psutil = psutil
        self.interval = interval
        self.children = children
        self.peak = 0
        self.window_peak = 0  # peak since the last reset_window()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def tree_rss(self) -> int:
        total = 0
        if not self.children:
            return self._proc.memory_info().rss
        try:
            procs = [self._proc, *self._proc.children(recursive=True)]
        except self._psutil.Error:
            procs = [self._proc]
        for p in procs:
            try:
                total += p.memory_info().rss
            except self._psutil.Error:
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            rss = self.tree_rss()
            self.peak = max(self.peak, rss)
            self.window_peak = max(self.window_peak, rss)
            self._stop.wait(self.interval)

    def reset_window(self) -> None:
        self.window_peak = self.tree_rss()

    def __enter__(self) -> "RssSampler":
        self.peak = self.window_peak = self.tree_rss()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.tree_rss())


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and its finished, waited-for children."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


# -- real inputs ------------------------------------------------------------------------
def polnear_records() -> Iterator[dict]:
    """The primary PolNeAR articles (train, dev, test), as JSONL reader records."""
    for split in ("train", "dev", "test"):
        with gzip.open(POLNEAR / f"polnear_{split}.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                if d.get("primary") is True:
                    yield {"title": d.get("title"), "text": d["text"], "date": d.get("date"),
                           "publisher": d.get("publisher")}


def ecbplus_records() -> Iterator[dict]:
    with gzip.open(ECBPLUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            yield {"text": d["text"]}


def real_records(sources: list[str], limit: Optional[int]) -> list[dict]:
    out: list[dict] = []
    for name in sources:
        out.extend(polnear_records() if name == "polnear" else ecbplus_records())
    return out[:limit] if limit else out


def cmd_real(args: argparse.Namespace) -> list[dict]:
    from newsgraph.corpus import Store
    from newsgraph.ingest import ingest_paths

    records = real_records(args.sources, args.limit)
    results = []
    with tempfile.TemporaryDirectory(prefix="ingest-bench-", dir=args.tmp) as tmp:
        src = Path(tmp) / "articles.jsonl"
        with open(src, "w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        for w in args.workers:
            db = Path(tmp) / f"real-w{w}.db"
            load0 = os.getloadavg()[0]
            with RssSampler() as rss, Store(db) as store:
                t0, cpu0 = time.perf_counter(), cpu_seconds()
                rep = ingest_paths(store, [str(src)], workers=w, batch_size=args.batch_size, progress=False)
                secs, cpu = time.perf_counter() - t0, cpu_seconds() - cpu0
                counts = store.counts()
            row = {"workers": w, "inputs": len(records), "stored": rep.stored, "duplicates": rep.duplicates,
                   "failed": rep.failed, "seconds": round(secs, 1),
                   "articles_per_s": round(len(records) / secs, 2), "cpu_s": round(cpu, 1),
                   "cpu_ms_per_article": round(1000 * cpu / len(records), 1), "peak_rss_mb": round(rss.peak / 1e6),
                   "load_start": round(load0, 1), "load_end": round(os.getloadavg()[0], 1),
                   "db_mb": round(db.stat().st_size / 1e6, 1), "copy_groups": counts.get("dedup_groups"),
                   "stories": counts.get("stories"), "quotes": counts["quotes"],
                   "corpus_entities": counts["corpus_entities"]}
            results.append(row)
            print(json.dumps(row), flush=True)
            if args.keep_db:
                Path(args.keep_db).parent.mkdir(parents=True, exist_ok=True)
                os.replace(db, args.keep_db)
    print_table(["workers", "articles", "stored", "seconds", "articles/s", "CPU ms/article", "peak RSS (MB)",
                 "load avg start/end"],
                [[r["workers"], r["inputs"], r["stored"], r["seconds"], r["articles_per_s"], r["cpu_ms_per_article"],
                  r["peak_rss_mb"], f"{r['load_start']}/{r['load_end']}"] for r in results])
    return results


# -- synthetic scale test -------------------------------------------------------------------
def cmd_prepare(args: argparse.Namespace) -> dict:
    from newsgraph.analysis import analyze_many
    from newsgraph.readers.jsonl import record_to_document

    records = list(polnear_records())
    random.Random(args.seed).shuffle(records)
    raws = [record_to_document(r, path="polnear.jsonl", index=i, where=f"polnear#{i}")
            for i, r in enumerate(records[:args.n])]
    t0 = time.perf_counter()
    n = 0
    OUT.mkdir(parents=True, exist_ok=True)
    with open(CACHE, "w", encoding="utf-8") as fh:
        for a in analyze_many(raws, workers=args.workers):
            if a.error or not a.paragraphs:
                continue
            fh.write(a.to_json() + "\n")
            n += 1
    secs = time.perf_counter() - t0
    print(f"analysed {len(raws)} PolNeAR articles in {secs:.1f} s; cached {n} in {CACHE}")
    return {"cached": n, "seconds": round(secs, 1)}


def _carry(article, para_spans: list[tuple[int, int]], new_starts: list[int]):
    """Entities, quotes and source citations of ``article`` falling inside the chosen paragraph spans,
    as (entity dict by old eid, quotes, sources) with offsets moved to ``new_starts``."""
    def shift(start: int, end: int) -> Optional[int]:
        for (s, e), ns in zip(para_spans, new_starts):
            if s <= start and end <= e:
                return ns - s
        return None

    ents = {}
    for e in article.entities:
        ms = [(m, d) for m in e.mentions if (d := shift(m.start, m.end)) is not None]
        if ms:
            ents[e.id] = (e, [m.model_copy(update={"start": m.start + d, "end": m.end + d}) for m, d in ms])
    quotes = []
    for q in article.quotes:
        d = shift(q.start, q.end)
        if d is not None:
            quotes.append((q, d))
    sources = [s.model_copy(update={"start": s.start + d, "end": s.end + d})
               for s in article.sources if (d := shift(s.start, s.end)) is not None]
    return ents, quotes, sources


def recombine(pool: list, rng: random.Random, *, title: str, outlet: str, published: str, index: int):
    """A new Article from random paragraphs of 2-4 pool articles, with their annotations carried over."""
    from newsgraph.model import Article, Entity, Source

    picks = []  # (article, [paragraph indexes])
    for a in rng.sample(pool, rng.randint(2, 4)):
        n = len(a.paragraphs)
        k = min(n, rng.randint(1, 3))
        start = rng.randrange(0, n - k + 1)
        picks.append((a, list(range(start, start + k))))
    texts = [a.paragraphs[i].text for a, idxs in picks for i in idxs]
    new = Article(title=title, language="en",
                  source=Source(path="synthetic.jsonl", index=index, outlet=outlet, published=published,
                                format="synthetic"))
    new.set_paragraphs(texts)
    entities, quotes, sources = [], [], []
    pos = 0
    for a, idxs in picks:
        spans = [(a.paragraphs[i].start, a.paragraphs[i].end) for i in idxs]
        starts = [new.paragraphs[pos + j].start for j in range(len(idxs))]
        ents, qs, srcs = _carry(a, spans, starts)
        eid_map = {}
        for old_id, (e, mentions) in ents.items():
            eid_map[old_id] = f"e{len(entities)}"
            entities.append(Entity(id=eid_map[old_id], name=e.name, type=e.type, aliases=list(e.aliases),
                                   roles=list(e.roles), mentions=mentions))
        for q, d in qs:
            quotes.append(q.model_copy(update={
                "start": q.start + d, "end": q.end + d, "speaker_id": eid_map.get(q.speaker_id),
                "paragraph": new.paragraph_at(q.start + d)}))
        sources.extend(srcs)
        pos += len(idxs)
    new.entities, new.quotes, new.sources = entities, quotes, sources
    return new


def synthetic_articles(pool: list, n: int, seed: int, copy_rate: float = 0.05, start: int = 0) -> Iterator:
    """``n`` synthetic Articles; ``copy_rate`` of them are near-copies of a recent one (another outlet,
    a day later, last paragraph dropped or a credit line added). ``start`` offsets the source indexes
    and title numbers (new ids and new ledger keys when appending to a store built from index 0)."""
    from datetime import date, timedelta

    rng = random.Random(seed)
    outlets = [f"outlet-{i:02d}" for i in range(60)]
    day0 = date(2016, 1, 1)
    recent: deque = deque(maxlen=200)
    for i in range(start, start + n):
        if recent and rng.random() < copy_rate:
            src = rng.choice(recent)
            texts = [p.text for p in src.paragraphs]
            texts = texts[:-1] if len(texts) > 3 and rng.random() < 0.5 else texts + ["(Reporting by a wire service.)"]
            a = src.model_copy(deep=True)
            a.source = src.source.model_copy(update={
                "index": i, "outlet": rng.choice(outlets),
                "published": (date.fromisoformat(src.source.published) + timedelta(days=1)).isoformat()})
            keep = len(src.paragraphs) if len(texts) >= len(src.paragraphs) else len(texts)
            limit = src.paragraphs[keep - 1].end
            a.set_paragraphs(texts)
            a.entities = [e.model_copy(update={"mentions": [m for m in e.mentions if m.end <= limit]})
                          for e in src.entities]
            a.entities = [e for e in a.entities if e.mentions]
            kept = {e.id for e in a.entities}
            a.quotes = [q.model_copy(update={"speaker_id": q.speaker_id if q.speaker_id in kept else None})
                        for q in src.quotes if q.end <= limit]
            a.sources = [s for s in src.sources if s.end <= limit]
        else:
            base = rng.choice(pool)
            published = (day0 + timedelta(days=rng.randrange(730))).isoformat()
            a = recombine(pool, rng, title=f"{base.title or 'Untitled'} ({i})", outlet=rng.choice(outlets),
                          published=published, index=i)
            recent.append(a)
        yield a


def load_pool(path: Path) -> list:
    from newsgraph.model import Article

    if not path.exists():
        print(f"no cached analysed articles at {path}: run `bench/ingest.py prepare` first")
        sys.exit(2)
    with open(path, encoding="utf-8") as fh:
        return [Article.from_json(line) for line in fh if line.strip()]


def cmd_synthetic(args: argparse.Namespace) -> list[dict]:
    from newsgraph.corpus import Store
    from newsgraph.corpus.ingest import IngestSession

    pool = load_pool(Path(args.cache))
    db = Path(args.db)
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    checkpoints = sorted(set(c for c in args.checkpoint if c <= args.n) | {args.n})
    results: list[dict] = []
    progress_every = max(1, args.n // 100)
    with RssSampler() as rss, Store(db) as store, IngestSession(store) as session:
        t0 = last_t = time.perf_counter()
        cpu0 = cpu_seconds()
        last_i = 0
        for i, article in enumerate(synthetic_articles(pool, args.n, args.seed), start=1):
            session.add(article)
            if i % progress_every == 0 or i in checkpoints:
                now = time.perf_counter()
                line = {"articles": i, "elapsed_s": round(now - t0, 1), "rate_total": round(i / (now - t0), 1),
                        "rate_recent": round((i - last_i) / max(now - last_t, 1e-9), 1),
                        "cpu_ms_per_article": round(1000 * (cpu_seconds() - cpu0) / i, 1),
                        "rss_mb": round(rss.tree_rss() / 1e6), "peak_rss_mb": round(rss.peak / 1e6),
                        "load": round(os.getloadavg()[0], 1)}
                last_t, last_i = now, i
                print(json.dumps(line), flush=True)
                if i in checkpoints:
                    session.flush()
                    rep = session.report
                    line.update({"stored": rep.stored, "duplicates": rep.duplicates, "failed": rep.failed,
                                 "db_mb": round(db.stat().st_size / 1e6, 1), **{
                                     k: v for k, v in store.counts().items()
                                     if k in ("dedup_groups", "stories", "quotes", "corpus_entities")}})
                    results.append(line)
                    print("checkpoint " + json.dumps(line), flush=True)
    print_table(["articles", "seconds", "articles/s (cumulative)", "articles/s (last 1%)", "peak RSS (MB)",
                 "RSS now (MB)", "DB (MB)", "copy groups", "stories"],
                [[r["articles"], r["elapsed_s"], r["rate_total"], r["rate_recent"], r["peak_rss_mb"], r["rss_mb"],
                  r["db_mb"], r.get("dedup_groups"), r.get("stories")] for r in results])
    return results


# -- appending to an existing store -------------------------------------------------------------
#: Appended articles: their own seed and source indexes far above any `synthetic` run's, so their
#: ids, titles and ledger keys are new in a store built by `synthetic` (same generator otherwise).
APPEND_SEED_OFFSET = 1000
APPEND_START = 10_000_000


def _fresh_copy(base: Path, work: Path) -> float:
    """Copy the store ``base`` (and its WAL, if any) to ``work``; returns the seconds taken."""
    import shutil

    t0 = time.perf_counter()
    for suffix in ("", "-wal", "-shm"):
        Path(str(work) + suffix).unlink(missing_ok=True)
    for suffix in ("", "-wal"):
        if Path(str(base) + suffix).exists():
            shutil.copyfile(str(base) + suffix, str(work) + suffix)
    return time.perf_counter() - t0


class _StatementTimes:
    """Per-statement CPU time (``time.process_time`` around ``execute``/``executemany``), installed
    as the ``sqlite3.connect`` factory; rows stepped later by iterating a cursor are not counted."""

    def __init__(self) -> None:
        import sqlite3
        from collections import defaultdict

        self.cpu: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        times = self

        class TimedConnection(sqlite3.Connection):
            def execute(self, sql, *args):  # type: ignore[override]
                c = time.process_time()
                try:
                    return super().execute(sql, *args)
                finally:
                    times.add(sql, time.process_time() - c)

            def executemany(self, sql, *args):  # type: ignore[override]
                c = time.process_time()
                try:
                    return super().executemany(sql, *args)
                finally:
                    times.add(sql, time.process_time() - c)

        self.factory = TimedConnection

    def add(self, sql: str, secs: float) -> None:
        key = " ".join(sql.split())[:110]
        self.cpu[key] += secs
        self.calls[key] += 1

    def install(self) -> None:
        import functools
        import sqlite3

        sqlite3.connect = functools.partial(sqlite3.connect, factory=self.factory)  # type: ignore[assignment]

    def top(self, n_articles: int, k: int = 25) -> list[dict]:
        rows = sorted(self.cpu.items(), key=lambda kv: -kv[1])[:k]
        return [{"ms_per_article": round(1000 * v / n_articles, 3), "calls": self.calls[s], "sql": s} for s, v in rows]


def cmd_append(args: argparse.Namespace) -> dict:
    """Add ``--n`` synthetic articles to an EXISTING store (``--base`` is first copied to ``--db``).

    CPU is measured around each ``IngestSession.add`` and the batch commits only (the generator is
    left out): ``store_cpu_ms`` per article; ``total_cpu_ms`` includes the generator. Opening the
    store (with any schema migration) is timed apart. RSS: this process (one thread, no sampler),
    after opening, at the end, and its peak (``ru_maxrss``, whole process life). ``--profile``
    writes a cProfile of the appending that counts CPU time (``time.process_time``), not wall time."""
    from newsgraph.corpus import Store
    from newsgraph.corpus.ingest import IngestSession

    pool = load_pool(Path(args.cache))
    db = Path(args.db)
    copy_s = _fresh_copy(Path(args.base), db) if args.base else None
    if not db.exists():
        print(f"no store at {db}")
        sys.exit(2)
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile(time.process_time)
    import resource

    import psutil

    stmts = _StatementTimes() if args.statements else None
    if stmts:
        stmts.install()
    load0 = os.getloadavg()[0]
    t0, c0 = time.perf_counter(), time.process_time()
    store = Store(db)
    open_s, open_cpu = time.perf_counter() - t0, time.process_time() - c0
    before = int(store.conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    rss_start = psutil.Process().memory_info().rss
    store_cpu = 0.0
    batch = {k: v for k, v in (("batch_articles", args.batch_articles), ("batch_seconds", args.batch_seconds))
             if v is not None}
    with store, IngestSession(store, **batch) as session:
        gen = synthetic_articles(pool, args.n, args.seed + APPEND_SEED_OFFSET, start=APPEND_START)
        t1, cpu1, sys1 = time.perf_counter(), cpu_seconds(), os.times().system
        if profiler:
            profiler.enable()
        commits = 0
        for article in gen:
            c = time.process_time()
            session.add(article)
            store_cpu += time.process_time() - c
            commits += not store.conn.in_transaction
        c = time.process_time()
        session.flush()
        store_cpu += time.process_time() - c
        if profiler:
            profiler.disable()
        wall, total_cpu, sys_cpu = time.perf_counter() - t1, cpu_seconds() - cpu1, os.times().system - sys1
        rep = session.report
        after = int(store.conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    rss_end = psutil.Process().memory_info().rss
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    if profiler:
        profiler.dump_stats(args.profile)
    row = {"db": str(db), "articles_before": before, "articles_after": after, "appended": args.n,
           "stored": rep.stored, "duplicates": rep.duplicates, "failed": rep.failed,
           "commits": commits + 1, "store_cpu_ms": round(1000 * store_cpu / args.n, 2), "total_cpu_ms": round(1000 * total_cpu / args.n, 2),
           "system_cpu_ms": round(1000 * sys_cpu / args.n, 2), "wall_ms": round(1000 * wall / args.n, 2), "rss_start_mb": round(rss_start / 1e6),
           "rss_end_mb": round(rss_end / 1e6), "peak_rss_mb": round(peak / 1e6), "open_s": round(open_s, 2), "open_cpu_s": round(open_cpu, 2),
           "copy_s": round(copy_s, 1) if copy_s is not None else None,
           "load_start": round(load0, 2), "load_end": round(os.getloadavg()[0], 2),
           "db_mb": round(db.stat().st_size / 1e6, 1)}
    if stmts:
        row["statements"] = stmts.top(args.n)
        for st in row["statements"]:
            print(f"{st['ms_per_article']:8.3f} ms {st['calls']:7d}  {st['sql']}")
    print("append " + json.dumps(row), flush=True)
    return row


def cmd_append_compare(args: argparse.Namespace) -> list[dict]:
    """``append`` to fresh copies of several stores in one run, alternating the order each round
    (round 1: A, B; round 2: B, A; ...), each in its own process; prints CPU per article and the
    ratio of each store to the first one within the same round."""
    import subprocess

    bases = [Path(b) for b in args.base]
    results: list[dict] = []
    for r in range(args.rounds):
        order = list(range(len(bases))) if r % 2 == 0 else list(reversed(range(len(bases))))
        for k in order:
            work = Path(args.work_dir) / f"append-work-{k}.db"
            cmd = [sys.executable, str(Path(__file__).resolve()), "append", "--base", str(bases[k]), "--db", str(work),
                   "--n", str(args.n), "--cache", args.cache, "--seed", str(args.seed)]
            if args.statements:
                cmd.append("--statements")
            if args.profile_dir:
                cmd += ["--profile", str(Path(args.profile_dir) / f"append-r{r + 1}-{bases[k].stem}.prof")]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            row = json.loads(next(line for line in out.splitlines() if line.startswith("append "))[7:])
            row.update(round=r + 1, base=str(bases[k]))
            results.append(row)
            print(json.dumps(row), flush=True)
            if not args.keep:
                for suffix in ("", "-wal", "-shm"):
                    Path(str(work) + suffix).unlink(missing_ok=True)
    first = {row["round"]: row for row in results if row["base"] == str(bases[0])}
    for row in results:
        row["ratio_store_cpu"] = round(row["store_cpu_ms"] / first[row["round"]]["store_cpu_ms"], 3)
        row["ratio_total_cpu"] = round(row["total_cpu_ms"] / first[row["round"]]["total_cpu_ms"], 3)
    print_table(["round", "store (articles before)", "store CPU ms/article", "ratio", "total CPU ms/article",
                 "ratio", "system CPU ms/article", "wall ms/article", "commits", "RSS start / end / peak (MB)",
                 "open (s)", "load start/end"],
                [[r["round"], f"{Path(r['base']).name} ({r['articles_before']:,})", r["store_cpu_ms"],
                  r["ratio_store_cpu"], r["total_cpu_ms"], r["ratio_total_cpu"], r["system_cpu_ms"], r["wall_ms"],
                  r["commits"], f"{r['rss_start_mb']} / {r['rss_end_mb']} / {r['peak_rss_mb']}", r["open_s"],
                  f"{r['load_start']}/{r['load_end']}"]
                 for r in sorted(results, key=lambda x: (x["round"], bases.index(Path(x["base"]))))])
    return results


# -- query latency ------------------------------------------------------------------------------
def _pick_targets(store) -> dict:
    conn = store.conn
    speaker = conn.execute(
        "SELECT c.name FROM quotes q JOIN corpus_entities c ON c.id = q.speaker_entity_id "
        "GROUP BY q.speaker_entity_id ORDER BY count(*) DESC LIMIT 1").fetchone()
    story = conn.execute("SELECT story_id FROM stories ORDER BY n_articles DESC LIMIT 1").fetchone()
    return {"word": "said", "speaker": speaker[0] if speaker else None, "story": story[0] if story else None}


def _lat(fn, runs: int) -> tuple[float, float, float]:
    fn()  # warm-up (page cache, statement cache)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))], times[-1]


def cmd_queries(args: argparse.Namespace) -> list[dict]:
    """Latency through the library, spread like bench/serve_load.py: the article (as its page loads
    it), search and quotes by speaker over 2,000 articles, 100 terms (most common to rare) and 100
    speakers (the most quoted included); plus the worst single targets (most common word, most
    quoted speaker) and the largest story."""
    from common import load_targets

    from newsgraph.corpus import Store, queries

    with Store(args.db, readonly=True) as store:
        t = load_targets(store.conn)
        n_articles = int(store.conn.execute("SELECT max(pk) FROM articles").fetchone()[0] or 0)
        story = store.conn.execute("SELECT story_id, n_articles FROM stories ORDER BY n_articles DESC LIMIT 1").fetchone()
        top_word, top_speaker = t["terms"][0], t["speakers"][0][0]
        rng = random.Random(5)
        cases = [
            ("article (spread over 2,000)", lambda: queries.article(store, rng.choice(t["articles"]))),
            ("search (spread over 100 terms)", lambda: queries.search(store, rng.choice(t["terms"]))),
            ("quotes by speaker (spread over 100)",
             lambda: queries.quotes(store, speaker=rng.choice(t["speakers"])[0], limit=20)),
            (f"search({top_word!r}) (most common word)", lambda: queries.search(store, top_word)),
            (f"quotes(speaker={top_speaker!r}) (most quoted)", lambda: queries.quotes(store, speaker=top_speaker,
                                                                                   limit=20)),
            (f"story({story[0]}) [{story[1]} articles]" if story else "story", (lambda: queries.story(store, story[0]))
             if story else (lambda: None)),
        ]
        results = []
        for name, fn in cases:
            med, p95, worst = _lat(fn, args.runs)
            results.append({"query": name, "runs": args.runs, "median_ms": round(med, 2), "p95_ms": round(p95, 2),
                            "max_ms": round(worst, 2), "articles": n_articles, "load": round(os.getloadavg()[0], 1)})
            print(json.dumps(results[-1]), flush=True)
    print_table(["query", "median (ms)", "p95 (ms)", "max (ms)", "load"],
                [[r["query"], r["median_ms"], r["p95_ms"], r["max_ms"], r["load"]] for r in results])
    return results


def cmd_pages(args: argparse.Namespace) -> list[dict]:
    """Latency of the web pages rendered in process (no network): the home page (whose cost must
    not grow with the corpus), the index pages and an article page."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from newsgraph.api.app import create_app
    from newsgraph.corpus import Store

    with Store(args.db, readonly=True) as store:
        n_articles = int(store.conn.execute("SELECT max(pk) FROM articles").fetchone()[0] or 0)
        ids = [r[0] for r in store.conn.execute("SELECT id FROM articles ORDER BY random() LIMIT 200")]
    rng = random.Random(3)
    urls = [("/", lambda: "/"), ("/stories", lambda: "/stories"), ("/entities", lambda: "/entities"),
            ("/outlets", lambda: "/outlets"), ("/articles", lambda: "/articles"),
            ("/articles/{id} (200 random)", lambda: "/articles/" + rng.choice(ids))]
    results = []
    with TestClient(create_app(args.db)) as client:
        for name, make in urls:
            def fetch(make=make):
                r = client.get(make())
                assert r.status_code == 200, r.status_code
            med, p95, worst = _lat(fetch, args.runs)
            results.append({"page": name, "runs": args.runs, "median_ms": round(med, 2), "p95_ms": round(p95, 2),
                            "max_ms": round(worst, 2), "articles": n_articles, "load": round(os.getloadavg()[0], 1)})
            print(json.dumps(results[-1]), flush=True)
    print_table(["page", "median (ms)", "p95 (ms)", "max (ms)", "load"],
                [[r["page"], r["median_ms"], r["p95_ms"], r["max_ms"], r["load"]] for r in results])
    return results


def main(argv: Optional[list[str]] = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("real", help="full-pipeline ingest of PolNeAR + ECB+")
    p.add_argument("--sources", nargs="+", default=["polnear", "ecbplus"], choices=["polnear", "ecbplus"])
    p.add_argument("--limit", type=int, default=None, help="only the first N documents (default: all)")
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--tmp", default=None, help="folder for the temporary JSONL and databases")
    p.add_argument("--keep-db", default=None, help="move the last run's database here")
    p = sub.add_parser("prepare", help="analyse PolNeAR articles once and cache them for `synthetic`")
    p.add_argument("--n", type=int, default=300)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--seed", type=int, default=13)
    p = sub.add_parser("synthetic", help="stream synthetic Articles into a store (NLP not re-run)")
    p.add_argument("--n", type=int, default=100_000)
    p.add_argument("--checkpoint", type=int, nargs="*", default=[10_000])
    p.add_argument("--db", default=str(OUT / "ingest_synthetic.db"))
    p.add_argument("--cache", default=str(CACHE))
    p.add_argument("--seed", type=int, default=7)
    p = sub.add_parser("append", help="add synthetic articles to an existing store (CPU ms/article, RSS)")
    p.add_argument("--db", required=True, help="the store to append to (modified)")
    p.add_argument("--base", default=None, help="copy this store to --db first (a fresh copy per trial)")
    p.add_argument("--n", type=int, default=2000)
    p.add_argument("--cache", default=str(CACHE))
    p.add_argument("--seed", type=int, default=7, help="the seed the store was built with (appends use seed+1000)")
    p.add_argument("--profile", default=None, help="write a cProfile of the appending here")
    p.add_argument("--statements", action="store_true", help="CPU per SQL statement (adds overhead)")
    p.add_argument("--batch-articles", type=int, default=None, help="commit bound (default: the library's)")
    p.add_argument("--batch-seconds", type=float, default=None, help="commit bound (default: the library's)")
    p = sub.add_parser("append-compare", help="`append` to fresh copies of several stores, alternating")
    p.add_argument("--base", nargs="+", required=True, help="stores to compare; ratios are to the first")
    p.add_argument("--work-dir", default=str(OUT))
    p.add_argument("--n", type=int, default=2000)
    p.add_argument("--rounds", type=int, default=1)
    p.add_argument("--cache", default=str(CACHE))
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--profile-dir", default=None, help="write each append's cProfile here")
    p.add_argument("--statements", action="store_true", help="CPU per SQL statement (adds overhead)")
    p.add_argument("--keep", action="store_true", help="keep the last work copies")
    p = sub.add_parser("queries", help="query latency on a store")
    p.add_argument("--db", default=str(OUT / "ingest_synthetic.db"))
    p.add_argument("--runs", type=int, default=200)
    p.add_argument("--word", default=None)
    p.add_argument("--speaker", default=None)
    p.add_argument("--story", type=int, default=None)
    p = sub.add_parser("pages", help="web page latency in process")
    p.add_argument("--db", default=str(OUT / "ingest_synthetic.db"))
    p.add_argument("--runs", type=int, default=50)
    args = ap.parse_args(argv)
    _require_data()
    OUT.mkdir(parents=True, exist_ok=True)
    fn = {"real": cmd_real, "prepare": cmd_prepare, "synthetic": cmd_synthetic, "queries": cmd_queries,
          "pages": cmd_pages, "append": cmd_append, "append-compare": cmd_append_compare}[args.cmd]
    result = fn(args)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    (OUT / f"ingest_{args.cmd}_{stamp}.json").write_text(json.dumps(
        {"args": {k: v for k, v in vars(args).items()}, "result": result}, indent=2, default=str))


if __name__ == "__main__":
    main()
