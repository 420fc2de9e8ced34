"""What one cache miss costs the server, per endpoint, in process (ASGI calls, no sockets, no cache).

Each target URL of ``bench/serve_load.py`` (``common.load_targets``: articles, search words from the
most common to rare ones, speakers and surnames) is requested once through the whole app
(middlewares, FastAPI, queries, templates), one at a time. Reports wall and process CPU time per
request (median, p90, mean): on a machine shared with other jobs the CPU figure is the steadier one.

    PYTHONPATH=src .venv/bin/python bench/serve_miss_cost.py --db bench/out/serve_load_10000.db
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from common import load_targets, print_table

from newsgraph.api.app import create_app
from newsgraph.corpus import Store


async def call(app, url: str) -> int:
    path, _, qs = url.partition("?")
    scope = {"type": "http", "method": "GET", "path": path, "raw_path": path.encode(), "query_string": qs.encode(),
             "headers": [(b"host", b"127.0.0.1")], "scheme": "http", "server": ("127.0.0.1", 80),
             "client": ("127.0.0.1", 1), "http_version": "1.1", "root_path": "", "app": app}
    status = 0

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


async def measure(app, urls: dict[str, list[str]]) -> list[list[object]]:
    rows = []
    async with app.router.lifespan_context(app):
        await call(app, "/api/counts")
        for name, us in urls.items():
            wall, cpu = [], []
            for u in us:
                t0, c0 = time.perf_counter(), time.process_time()
                status = await call(app, u)
                wall.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
                if status != 200:
                    raise SystemExit(f"{u}: HTTP {status}")
            q = lambda v, p: sorted(v)[int(p * (len(v) - 1))]
            rows.append([name, len(us), f"{statistics.median(wall):.2f}", f"{q(wall, 0.9):.2f}",
                         f"{statistics.median(cpu):.2f}", f"{q(cpu, 0.9):.2f}", f"{statistics.mean(cpu):.2f}"])
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, required=True, help="a newsgraph store (opened read-only)")
    ap.add_argument("--articles", type=int, default=400, help="article pages to request (default 400)")
    args = ap.parse_args(argv)
    with Store(args.db, readonly=True) as s:
        t = load_targets(s.conn)
    speakers = [name for name, _ in t["speakers"]]
    urls = {
        "article page `/articles/{id}`": [f"/articles/{i}" for i in t["articles"][:args.articles]],
        "`/api/search?q=`": [f"/api/search?q={quote(w)}" for w in t["terms"]],
        "`/api/quotes?speaker=`": [f"/api/quotes?speaker={quote(sp)}"
                                   for sp in dict.fromkeys([*speakers, *(s.split()[-1] for s in speakers)])],
    }
    load = os.getloadavg()[0]
    rows = asyncio.run(measure(create_app(args.db, cache_bytes=0), urls))
    print(f"\n{args.db}: one request per distinct URL, in process, no response cache; load average "
          f"{load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end\n")
    print_table(["endpoint", "requests", "wall median ms", "wall p90 ms", "CPU median ms", "CPU p90 ms",
                 "CPU mean ms"], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
