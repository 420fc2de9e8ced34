"""Cost of one long ordinary text through ``newsgraph analyze``: wall time, CPU time and peak memory.

The text (read at run time, never copied into the repo): distinct PolNeAR train articles
(``../shared/data/quotes/polnear/derived/polnear_train.jsonl.gz``) joined by blank lines and cut
to each size. Each size runs ``python -m newsgraph analyze --json FILE`` in a fresh process;
peak RSS is the child's ``ru_maxrss`` (the whole process: model included), CPU is user + system.

    .venv/bin/python bench/long_document.py --sizes 100000 250000 500000 1000000
    .venv/bin/python bench/long_document.py --api --sizes 100000   # POST /api/analyze, no token

``--api``: the same text posted (text/plain, no token) to ``POST /api/analyze`` of an app over
the bundled sample corpus, in this process (model loaded first); reports status and seconds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, SHARED_DATA, print_table  # noqa: E402

POLNEAR_TRAIN = SHARED_DATA / "quotes" / "polnear" / "derived" / "polnear_train.jsonl.gz"


def long_text(size: int) -> str:
    seen: set[str] = set()
    parts: list[str] = []
    total = 0
    with gzip.open(POLNEAR_TRAIN, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["article"] in seen or not rec.get("text"):
                continue
            seen.add(rec["article"])
            parts.append(rec["text"].strip())
            total += len(parts[-1]) + 2
            if total >= size:
                break
    return "\n\n".join(parts)[:size]


def measure(path: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "newsgraph", "analyze", "--json", "--no-progress", str(path)],
                          capture_output=True, env=env, cwd=ROOT)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    article = json.loads(proc.stdout.decode().splitlines()[-1]) if proc.stdout.strip() else {}
    return {"exit": proc.returncode, "wall_s": round(wall, 1),
            "cpu_s": round((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 1),
            "peak_rss_mb": round(after.ru_maxrss / 1024), "paragraphs": len(article.get("paragraphs", [])),
            "entities": len(article.get("entities", [])), "quotes": len(article.get("quotes", [])),
            "error": article.get("error"), "warnings": article.get("warnings", [])}


def api_times(sizes: list[int]) -> None:
    from fastapi.testclient import TestClient

    from newsgraph.api.app import create_app
    from newsgraph.api.samples import build_sample_db
    from newsgraph.nlp import get_nlp

    get_nlp()
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsgraph-api-") as tmp:
        build_sample_db(Path(tmp) / "c.db")
        with TestClient(create_app(Path(tmp) / "c.db"), base_url="http://localhost") as client:
            for size in sizes:
                body = long_text(size).encode("utf-8")[:size]
                load = os.getloadavg()[0]
                t0 = time.perf_counter()
                r = client.post("/api/analyze", content=body, headers={"content-type": "text/plain"})
                rows.append([len(body), r.status_code, round(time.perf_counter() - t0, 1), round(load, 1)])
                print(json.dumps({"bytes": len(body), "status": r.status_code, "seconds": rows[-1][2]}), flush=True)
    print_table(["bytes", "status", "seconds", "load avg at start"], rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 250_000, 500_000, 1_000_000])
    ap.add_argument("--api", action="store_true", help="time POST /api/analyze instead of the CLI")
    args = ap.parse_args()
    if not POLNEAR_TRAIN.exists():
        print(f"skipped: benchmark data not found at {POLNEAR_TRAIN}")
        return
    if args.api:
        sys.path.insert(0, str(ROOT / "src"))
        api_times(args.sizes)
        return
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsgraph-long-") as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"long-{size}.txt"
            path.write_text(long_text(size), encoding="utf-8")
            load = os.getloadavg()[0]
            res = {"bytes": path.stat().st_size, **measure(path), "load_start": round(load, 1),
                   "load_end": round(os.getloadavg()[0], 1)}
            print(json.dumps(res), flush=True)
            rows.append([res["bytes"], res["exit"], res["wall_s"], res["cpu_s"],
                         round(res["cpu_s"] / (res["bytes"] / 100_000), 1), res["peak_rss_mb"],
                         res["paragraphs"], res["entities"], res["quotes"], f"{res['load_start']} / {res['load_end']}"])
    print_table(["bytes", "exit", "wall s", "CPU s", "CPU s per 100 kB", "peak RSS MB", "paragraphs", "entities",
                 "quotes", "load avg start / end"], rows)


if __name__ == "__main__":
    main()
