"""Load test of `newsgraph serve` on loopback: requests/s and latency at 1, 8 and 32 concurrent clients.

Builds (once; cached under bench/out/, gitignored) a corpus of synthetic articles made by
recombining PolNeAR article paragraphs read at run time from ../shared/data/quotes/polnear/derived/
(never copied into the repository) with generated attributed quotes, inserted straight through
``Store.add_article`` (no NLP; copy detection, stories and entity linking run as in a real ingest).
Then starts `newsgraph serve` (its default worker processes, read-only) on a free 127.0.0.1 port
and drives three endpoints with concurrent keep-alive clients (a minimal asyncio HTTP/1.1 client
by default: httpx costs ~4 ms of CPU per request at 32 connections and would measure itself;
``--client httpx`` to compare), each run bounded by a request count and a time limit:

* ``GET /articles/{id}``            the article page (highlighted HTML), random articles
* ``GET /api/search?q=``            FTS5 search with snippets, random words from the corpus
* ``GET /api/quotes?speaker=``      quotes by a random speaker (surname lookups included)

For each endpoint a *cold* pass first requests every distinct target URL once (at the highest
concurrency; nothing can come from the server's response cache), then the *random* passes draw
URLs with repeats. Each row says how many distinct URLs it requested and how many responses the
server answered from its cache (``x-cache: hit``).

    .venv/bin/python bench/serve_load.py                 # 10,000 articles, 1/8/32 clients
    .venv/bin/python bench/serve_load.py --articles 2000 --requests 100   # quick look
    .venv/bin/python bench/serve_load.py ... --trace out.tsv   # every request: client, start and end, status, cache hit

Each pass also reports the load generator's own CPU time per request (it shares the machine).

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
from urllib.parse import quote

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


def start_server(db: Path, port: int, workers: Optional[int] = None, cache_mb: Optional[float] = None) -> subprocess.Popen:
    extra = ["--workers", str(workers)] if workers else []
    if cache_mb is not None:
        extra += ["--cache-mb", str(cache_mb)]
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


class RawClient:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams (one connection): GET, read the
    status, headers and body (``Content-Length`` or chunked). A fraction of httpx's CPU cost per
    request, so that on a small machine the load generator measures the server, not itself."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: Optional[asyncio.StreamReader] = None
        self.writer: Optional[asyncio.StreamWriter] = None

    async def get(self, url: str) -> tuple[int, dict[str, str], bytes]:
        if self.writer is None or self.reader is None or self.reader.at_eof():
            await self.close()
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None and self.writer is not None
        self.writer.write(f"GET {url} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("latin-1"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                parts.append(await self.reader.readexactly(size + 2))
                if size == 0:
                    break
            body = b"".join(p[:-2] for p in parts)
        else:
            body = await self.reader.read()
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, headers, body

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
        self.reader = self.writer = None


async def run_load(base: str, make_url: Callable[[random.Random], str], clients: int, total: int,
                   max_seconds: float, urls: Optional[list[str]] = None, client: str = "raw") -> dict:
    """``clients`` concurrent loops sharing a budget of ``total`` requests and ``max_seconds``; the
    URLs are drawn with ``make_url`` (repeats possible) or, given ``urls``, taken once each in order.
    Each loop keeps one keep-alive connection (``client``: ``raw``, :class:`RawClient`, or ``httpx``).
    Counts the responses the server answered from its cache (``x-cache: hit``)."""
    import httpx

    latencies: list[float] = []
    trace: list[tuple[int, float, float, int, bool, str]] = []
    errors: list[str] = []
    requested: list[str] = []
    hits = 0
    deadline = time.perf_counter() + max_seconds
    todo = list(urls or [])[:total]
    total = len(todo) if urls is not None else total
    host, _, port = base.removeprefix("http://").partition(":")

    async def worker(wid: int, get: Callable) -> None:
        nonlocal hits
        rng = random.Random(1000 + wid)
        while len(requested) < total and time.perf_counter() < deadline:
            url = todo[len(requested)] if urls is not None else make_url(rng)
            requested.append(url)
            t0 = time.perf_counter()
            status, hit = 0, False
            try:
                status, headers = await get(url)
                if status != 200:
                    errors.append(f"{status} {url}")
                hit = headers.get("x-cache") == "hit"
                hits += hit
            except (httpx.HTTPError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
                errors.append(f"{type(exc).__name__} {url}")
            t1 = time.perf_counter()
            latencies.append(t1 - t0)
            trace.append((wid, t0 - start, t1 - start, status, hit, url))

    start = time.perf_counter()
    epoch = time.time() - start  # perf_counter -> Unix time, to line traces up with server logs
    cpu0 = time.process_time()
    if client == "httpx":
        limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60.0) as hc:
            async def hget(url: str) -> tuple[int, httpx.Headers]:
                r = await hc.get(url)
                await r.aread()
                return r.status_code, r.headers

            start = time.perf_counter()
            await asyncio.gather(*(worker(w, hget) for w in range(clients)))
    else:
        raws = [RawClient(host, int(port)) for _ in range(clients)]

        def getter(rc: RawClient) -> Callable:
            async def rget(url: str) -> tuple[int, dict[str, str]]:
                status, headers, _ = await asyncio.wait_for(rc.get(url), 60.0)
                return status, headers
            return rget

        try:
            await asyncio.gather(*(worker(w, getter(rc)) for w, rc in enumerate(raws)))
        finally:
            for rc in raws:
                await rc.close()
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu0
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(round(0.99 * (len(latencies) - 1))))] if latencies else 0.0
    return {"requests": len(latencies), "errors": errors, "rps": len(latencies) / wall if wall else 0.0,
            "median_ms": statistics.median(latencies) * 1000 if latencies else 0.0, "p99_ms": p99 * 1000,
            "seconds": wall, "distinct": len(set(requested)), "urls": requested, "hits": hits,
            "client_cpu_ms": cpu * 1000 / max(1, len(latencies)), "trace": trace, "epoch": epoch + start}


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10_000, help="corpus size (default 10,000)")
    ap.add_argument("--db", type=Path, default=None, help="corpus path (default bench/out/serve_load_<N>.db)")
    ap.add_argument("--requests", type=int, default=400, help="request budget per endpoint and concurrency")
    ap.add_argument("--seconds", type=float, default=20.0, help="time limit per endpoint and concurrency")
    ap.add_argument("--clients", type=str, default="1,8,32", help="concurrency levels")
    ap.add_argument("--workers", type=int, default=None, help="server processes (default: serve's default)")
    ap.add_argument("--cache-mb", type=float, default=None,
                    help="serve's response cache per process in MiB (default: serve's default; 0: none)")
    ap.add_argument("--client", choices=("raw", "httpx"), default="raw",
                    help="HTTP client of the load generator: raw (a minimal asyncio HTTP/1.1 client, default) "
                         "or httpx (costs several ms of CPU per request at 32 connections)")
    ap.add_argument("--no-cold", action="store_true",
                    help="skip the cold-cache pass (each distinct target URL once, at the highest concurrency)")
    ap.add_argument("--trace", type=Path, default=None,
                    help="write every request (pass, client, start and end seconds from the pass start, status, "
                         "cache hit, URL) to this TSV file, to see when slow requests happen")
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
        # one article and one title word outside the targets, to warm the article page and search code
        spare = next((row for row in s.conn.execute("SELECT id, title FROM articles ORDER BY pk LIMIT 50")
                      if row[0] not in set(t["articles"])), None)
    ids, words = t["articles"], t["terms"]
    speakers = [name for name, _ in t["speakers"]]
    surnames = [sp.split()[-1] for sp in speakers]
    print(f"corpus: {n_articles:,} articles; targets: {len(ids):,} articles, {len(words)} search words "
          f"(from {words[:3]} to {words[-3:]}), {len(speakers)} speakers (most quoted: {t['speakers'][0]})")
    endpoints: dict[str, Callable[[random.Random], str]] = {
        "article page `/articles/{id}`": lambda r: f"/articles/{r.choice(ids)}",
        "`/api/search?q=`": lambda r: f"/api/search?q={quote(r.choice(words))}",
        "`/api/quotes?speaker=`": lambda r: f"/api/quotes?speaker={quote(r.choice(speakers if r.random() < 0.7 else surnames))}",
    }
    distinct_targets = {
        "article page `/articles/{id}`": [f"/articles/{i}" for i in ids],
        "`/api/search?q=`": [f"/api/search?q={quote(w)}" for w in words],
        "`/api/quotes?speaker=`": [f"/api/quotes?speaker={quote(sp)}" for sp in dict.fromkeys([*speakers, *surnames])],
    }
    # warm-up on URLs outside the targets (thread pool, connections, SQLite's page cache), so
    # that it does not fill the response cache with measured URLs
    warm = ["/", "/api/counts", "/api/articles?limit=20", "/api/quotes?limit=20", "/stories", "/api/search?q=zzzz"]
    if spare is not None:  # the page and search code paths, on URLs that are not measured
        word = next((w for w in (spare[1] or "").lower().split() if w.isalpha() and len(w) > 4 and w not in words), None)
        warm += [f"/articles/{spare[0]}"] + ([f"/api/search?q={quote(word)}"] if word else [])
    levels = [int(c) for c in args.clients.split(",")]
    port = free_port()
    proc = start_server(db, port, args.workers, args.cache_mb)
    base = f"http://127.0.0.1:{port}"
    rows, all_errors, all_urls = [], [], []
    trace_fh = args.trace.open("w", encoding="utf-8") if args.trace else None
    if trace_fh:
        trace_fh.write("endpoint\tpass\tclients\tpass_start_unix\tclient\tstart_s\tend_s\tstatus\thit\turl\n")
    load_start = os.getloadavg()
    try:
        asyncio.run(run_load(base, lambda r: r.choice(warm), 4, 60, 10, client=args.client))
        for name, make_url in endpoints.items():
            cells: list[tuple[str, int, Optional[list[str]]]] = []
            if not args.no_cold:  # first pass over distinct URLs: nothing can come from the cache
                cold = list(distinct_targets[name])
                random.Random(7).shuffle(cold)
                cells.append(("cold", max(levels), cold))
            cells += [("random", c, None) for c in levels]
            for mode, c, urls in cells:
                res = asyncio.run(run_load(base, make_url, c, args.requests, args.seconds, urls, args.client))
                all_errors += res["errors"]
                all_urls += res["urls"]
                rows.append([name, mode, c, res["requests"], res["distinct"], f"{res['hits'] / max(1, res['requests']):.0%}",
                             len(res["errors"]), f"{res['rps']:.0f}", f"{res['median_ms']:.1f}", f"{res['p99_ms']:.1f}"])
                print(f"  {name} {mode} x{c}: {res['requests']} requests ({res['distinct']} distinct URLs, "
                      f"{res['hits']} cache hits) in {res['seconds']:.1f} s; load generator "
                      f"{res['client_cpu_ms']:.2f} ms CPU per request", flush=True)
                if trace_fh:
                    for wid, t0, t1, status, hit, url in res["trace"]:
                        trace_fh.write(f"{name}\t{mode}\t{c}\t{res['epoch']:.6f}\t{wid}\t{t0:.6f}\t{t1:.6f}\t{status}\t{int(hit)}\t{url}\n")
    finally:
        if trace_fh:
            trace_fh.close()
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    cache = "serve's default" if args.cache_mb is None else f"{args.cache_mb:g} MiB"
    print(f"\n{n_articles:,} articles; `newsgraph serve` ({args.workers or 'default'} workers, response cache "
          f"{cache} per worker; uvicorn, read-only SQLite), {args.client} clients in one process on the same machine (127.0.0.1); "
          f"load average {load_start[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; "
          f"{len(all_urls):,} requests to {len(set(all_urls)):,} distinct URLs\n")
    print_table(["endpoint", "pass", "clients", "requests", "distinct URLs", "cache hits", "errors", "req/s",
                 "median ms", "p99 ms"], rows)
    if all_errors:
        print(f"\n{len(all_errors)} errors, e.g.:", *all_errors[:10], sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
