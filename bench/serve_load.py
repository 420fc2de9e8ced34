"""Load test of `newsgraph serve` on loopback: requests/s and latency at 1, 8 and 32 concurrent clients.

Builds (once; cached under bench/out/, gitignored) a corpus of synthetic articles made by
recombining PolNeAR article paragraphs read at run time from ../shared/data/quotes/polnear/derived/
(never copied into the repository) with generated attributed quotes, inserted straight through
``Store.add_article`` (no NLP; copy detection, stories and entity linking run as in a real ingest).
Then starts `newsgraph serve` (one uvicorn process, read-only) on a free 127.0.0.1 port and drives
three endpoints with async httpx clients, each run bounded by a request count and a time limit:

* ``GET /articles/{id}``            the article page (highlighted HTML), random articles
* ``GET /api/search?q=``            FTS5 search with snippets, random words from the corpus
* ``GET /api/quotes?speaker=``      quotes by a random speaker (surname lookups included)

    .venv/bin/python bench/serve_load.py                 # 10,000 articles, 1/8/32 clients
    .venv/bin/python bench/serve_load.py --articles 2000 --requests 100   # quick look

Any non-200 response or transport error is counted and printed; the script exits 1 if any occurred.
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import gzip
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from common import data_dir, load_targets, print_table  # noqa: E402

from newsgraph.api.samples import make_article  # noqa: E402
from newsgraph.corpus import Store  # noqa: E402

OUT = ROOT / "bench" / "out"

_FIRST = ("Ana Ben Carla Dev Elena Farid Grace Hugo Ines Jonas Kara Liam Maya Nadia Omar Priya Quinn Rosa Sami "
          "Tara Umar Vera Wes Xena Yusuf Zoe Alma Bruno Chen Dana Emil Fiona Goran Hana Ivo Jana Kofi Lena Marek").split()
_LAST = ("Abara Brandt Castillo Dubois Eriksen Fontaine Garza Haddad Ibsen Janssen Kowalski Lindqvist Moreau "
         "Nakamura Okonkwo Petrov Quispe Rinaldi Santos Takahashi Ulloa Varga Weber Xu Yilmaz Zielinski Adeyemi "
         "Bianchi Cohen Delgado Engel Ferreira Gallagher Horvat Iqbal Jovanovic Keller Laurent Mendes Novak").split()
_ROLES = ("senator", "governor", "spokeswoman for the campaign", "spokesman for the ministry", "analyst",
          "state representative", "mayor", "economist", "party chair", "campaign manager")
_OUTLETS = [f"{a} {b}" for a in ("Harbor", "Valley", "Metro", "Coastal", "Northern", "Prairie", "Summit", "River")
            for b in ("Times", "Ledger", "Post", "Wire", "Herald")]


def load_polnear() -> list[dict]:
    """Unique PolNeAR articles (primary annotation): title, paragraphs, attribution contents."""
    folder = data_dir("quotes/polnear/derived")
    docs: dict[str, dict] = {}
    for f in sorted(folder.glob("polnear_*.jsonl.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                if d["article"] in docs or not d.get("primary", True):
                    continue
                paras = [p.strip() for p in d["text"].split("\n\n") if len(p.strip()) > 40][1:]
                try:
                    attributions = ast.literal_eval(d.get("attributions") or "[]")
                except (ValueError, SyntaxError):
                    attributions = []
                contents = [c[2] for a in attributions for c in a.get("content", [])
                            if 30 <= len(c[2]) <= 220 and "\n" not in c[2] and "\u201d" not in c[2]]
                if len(paras) >= 3:
                    docs[d["article"]] = {"title": d.get("title") or d["article"], "paras": paras,
                                          "contents": contents, "date": d.get("date")}
    return list(docs.values())


def synthetic_articles(docs: list[dict], n: int, seed: int = 0):
    """Yield ``n`` distinct Articles recombining PolNeAR paragraphs with generated, attributed quotes."""
    rng = random.Random(seed)
    names = [f"{f} {l}" for f in _FIRST for l in _LAST]
    rng.shuffle(names)
    speakers = names[:400]
    contents = [c for d in docs for c in d["contents"]] or ["the plan would not survive the vote"]
    for i in range(n):
        base = docs[i % len(docs)]
        other = docs[rng.randrange(len(docs))]
        k = min(len(base["paras"]), rng.randint(3, 6))
        start = rng.randrange(len(base["paras"]) - k + 1)
        paras = list(base["paras"][start:start + k])
        paras.insert(rng.randrange(len(paras) + 1), rng.choice(other["paras"]))
        s1, s2 = rng.sample(speakers, 2)
        r1, r2 = rng.choice(_ROLES), rng.choice(_ROLES)
        q1, q2 = rng.choice(contents), rng.choice(contents)
        agency = rng.choice(_OUTLETS)
        paras.insert(1, f"\u201c{q1[0].upper()}{q1[1:]},\u201d said {s1}, the {r1}.")
        paras.append(f"{s2}, a {r2}, said {q2}, according to {agency}.")
        outlet = _OUTLETS[i % len(_OUTLETS)]
        day = 1 + (i * 7) % 28
        published = f"{2015 + (i % 2)}-{1 + (i // 7) % 12:02d}-{day:02d}T{(i % 24):02d}:{(i * 13) % 60:02d}:00Z"
        yield make_article(
            f"{base['title']} ({i})", paras, outlet=outlet, published=published,
            url=f"https://{outlet.lower().replace(' ', '-')}.example/{i}",
            entities=[(s1, "PERSON", [s1.split()[-1]], [r1]), (s2, "PERSON", [s2.split()[-1]], [r2]),
                      (agency, "ORG", [], [])],
            quotes=[(f"\u201c{q1[0].upper()}{q1[1:]},\u201d", s1, "direct", "said"), (q2, s2, "indirect", "said")],
            sources=[(agency, "outlet", "according to")],
        )


def build_db(path: Path, n: int) -> float:
    """Create the corpus at ``path`` with ``n`` articles (reused when it already has them); returns seconds."""
    if path.exists():
        with Store(path, readonly=True) as s:
            have = int(s.conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        if have >= n:
            print(f"reusing {path} ({have:,} articles)")
            return 0.0
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    docs = load_polnear()
    print(f"building {path}: {n:,} synthetic articles from {len(docs)} PolNeAR articles …", flush=True)
    t0 = time.perf_counter()
    stored = 0
    with Store(path) as store:
        gen = synthetic_articles(docs, n * 2)
        while stored < n:
            a = next(gen)
            stored += bool(store.add_article(a))
            if stored % 2000 == 0 and stored:
                print(f"  {stored:,} stored ({time.perf_counter() - t0:.0f} s)", flush=True)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.conn.execute("PRAGMA optimize")
    return time.perf_counter() - t0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, workers: Optional[int] = None) -> subprocess.Popen:
    extra = ["--workers", str(workers)] if workers else []
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "serve", "--db", str(db), "--host", "127.0.0.1",
                             "--port", str(port), "--log-level", "warning", *extra], cwd=ROOT)
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            sys.exit(f"newsgraph serve exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            if time.monotonic() > deadline:
                proc.kill()
                sys.exit("newsgraph serve did not start within 60 s")
            time.sleep(0.1)


async def run_load(base: str, make_url: Callable[[random.Random], str], clients: int, total: int,
                   max_seconds: float) -> dict:
    """``clients`` concurrent loops sharing a budget of ``total`` requests and ``max_seconds``."""
    import httpx

    latencies: list[float] = []
    errors: list[str] = []
    issued = 0
    deadline = time.perf_counter() + max_seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def worker(wid: int, client: httpx.AsyncClient) -> None:
        nonlocal issued
        rng = random.Random(1000 + wid)
        while issued < total and time.perf_counter() < deadline:
            issued += 1
            url = make_url(rng)
            t0 = time.perf_counter()
            try:
                r = await client.get(url)
                await r.aread()
                if r.status_code != 200:
                    errors.append(f"{r.status_code} {url}")
            except httpx.HTTPError as exc:
                errors.append(f"{type(exc).__name__} {url}")
            latencies.append(time.perf_counter() - t0)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60.0) as client:
        start = time.perf_counter()
        await asyncio.gather(*(worker(w, client) for w in range(clients)))
        wall = time.perf_counter() - start
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(round(0.99 * (len(latencies) - 1))))] if latencies else 0.0
    return {"requests": len(latencies), "errors": errors, "rps": len(latencies) / wall if wall else 0.0,
            "median_ms": statistics.median(latencies) * 1000 if latencies else 0.0, "p99_ms": p99 * 1000,
            "seconds": wall}


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10_000, help="corpus size (default 10,000)")
    ap.add_argument("--db", type=Path, default=None, help="corpus path (default bench/out/serve_load_<N>.db)")
    ap.add_argument("--requests", type=int, default=400, help="request budget per endpoint and concurrency")
    ap.add_argument("--seconds", type=float, default=20.0, help="time limit per endpoint and concurrency")
    ap.add_argument("--clients", type=str, default="1,8,32", help="concurrency levels")
    ap.add_argument("--workers", type=int, default=None, help="server processes (default: serve's default)")
    ap.add_argument("--existing", action="store_true",
                    help="use --db as it is (e.g. a bench/ingest.py synthetic store) instead of building one")
    args = ap.parse_args(argv)

    OUT.mkdir(parents=True, exist_ok=True)
    db = args.db or OUT / f"serve_load_{args.articles}.db"
    if not args.existing:
        build_s = build_db(db, args.articles)
        if build_s:
            print(f"built in {build_s:.0f} s ({args.articles / build_s:.0f} articles/s)")

    with Store(db, readonly=True) as s:
        n_articles = int(s.conn.execute("SELECT max(pk) FROM articles").fetchone()[0] or 0)
        t = load_targets(s.conn)
    ids, words = t["articles"], t["terms"]
    speakers = [name for name, _ in t["speakers"]]
    surnames = [sp.split()[-1] for sp in speakers]
    print(f"corpus: {n_articles:,} articles; targets: {len(ids):,} articles, {len(words)} search words "
          f"(from {words[:3]} to {words[-3:]}), {len(speakers)} speakers (most quoted: {t['speakers'][0]})")
    endpoints: dict[str, Callable[[random.Random], str]] = {
        "article page `/articles/{id}`": lambda r: f"/articles/{r.choice(ids)}",
        "`/api/search?q=`": lambda r: f"/api/search?q={r.choice(words)}",
        "`/api/quotes?speaker=`": lambda r: f"/api/quotes?speaker={r.choice(speakers if r.random() < 0.7 else surnames)}",
    }
    levels = [int(c) for c in args.clients.split(",")]
    port = free_port()
    proc = start_server(db, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    rows, all_errors = [], []
    try:
        for name, make_url in endpoints.items():  # warm-up: caches, thread pool, first connections
            asyncio.run(run_load(base, make_url, 4, 40, 10))
        for name, make_url in endpoints.items():
            for c in levels:
                res = asyncio.run(run_load(base, make_url, c, args.requests, args.seconds))
                all_errors += res["errors"]
                rows.append([name, c, res["requests"], len(res["errors"]), f"{res['rps']:.0f}",
                             f"{res['median_ms']:.1f}", f"{res['p99_ms']:.1f}"])
                print(f"  {name} x{c}: {res['requests']} requests in {res['seconds']:.1f} s", flush=True)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    print(f"\n{n_articles:,} articles; `newsgraph serve` ({args.workers or 'default'} workers; uvicorn, read-only "
          f"SQLite), clients in one process on the same machine (127.0.0.1); load average {os.getloadavg()}\n")
    print_table(["endpoint", "clients", "requests", "errors", "req/s", "median ms", "p99 ms"], rows)
    if all_errors:
        print(f"\n{len(all_errors)} errors, e.g.:", *all_errors[:10], sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
