"""Worker scaling of the command line: ``analyze --workers N`` and ``ingest --workers N`` on the same texts.

Texts (read at run time, never copied into the repo): the first ``--n`` primary PolNeAR train
articles (``../shared/data/quotes/polnear/derived/polnear_train.jsonl.gz``), written as one
``.txt`` file each (title line, blank line, body) into a temporary folder.

Runs are interleaved (default order 1, 2, 1, 2 workers for each command) so that the load of the
shared machine hits both worker counts alike. Each run is a fresh ``python -m newsgraph``
process (model load included, as a user sees it); ingest writes a fresh database per run. CPU
seconds are summed over the whole process tree (fork server and pool workers included), sampled
with psutil every 0.2 s.

    .venv/bin/python bench/scaling.py --n 600 --order 1 2 1 2
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, SHARED_DATA, print_table  # noqa: E402

POLNEAR_TRAIN = SHARED_DATA / "quotes" / "polnear" / "derived" / "polnear_train.jsonl.gz"


def write_texts(folder: Path, n: int) -> int:
    seen: set[str] = set()
    with gzip.open(POLNEAR_TRAIN, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if not rec.get("primary") or rec["article"] in seen or not rec.get("text"):
                continue
            seen.add(rec["article"])
            (folder / f"{len(seen):04d}.txt").write_text((rec.get("title") or "") + "\n\n" + rec["text"], encoding="utf-8")
            if len(seen) >= n:
                break
    return len(seen)


def run_measured(cmd: list[str]) -> tuple[float, float, int, str]:
    """(wall seconds, CPU seconds of the process tree, exit code, stderr tail)."""
    import psutil

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    root = psutil.Process(proc.pid)
    cpu: dict[int, float] = {}
    while proc.poll() is None:
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            procs = []
        for p in procs:
            try:
                t = p.cpu_times()
                cpu[p.pid] = max(cpu.get(p.pid, 0.0), t.user + t.system)
            except psutil.Error:
                pass
        time.sleep(0.2)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    return wall, sum(cpu.values()), proc.returncode, err[-300:]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--order", type=int, nargs="+", default=[1, 2, 1, 2])
    ap.add_argument("--commands", nargs="+", default=["analyze", "ingest"])
    args = ap.parse_args()
    if not POLNEAR_TRAIN.exists():
        print(f"skipped: benchmark data not found at {POLNEAR_TRAIN}")
        return
    rows, results = [], []
    with tempfile.TemporaryDirectory(prefix="newsgraph-scaling-") as tmp:
        texts = Path(tmp) / "texts"
        texts.mkdir()
        n = write_texts(texts, args.n)
        for command in args.commands:
            for i, workers in enumerate(args.order):
                if command == "analyze":
                    cmd = [sys.executable, "-m", "newsgraph", "analyze", "--json", "--no-progress",
                           "--workers", str(workers), str(texts)]
                else:
                    cmd = [sys.executable, "-m", "newsgraph", "ingest", str(texts), "--db", f"{tmp}/run{i}.db",
                           "--no-progress", "--workers", str(workers)]
                load = os.getloadavg()[0]
                wall, cpu, rc, err = run_measured(cmd)
                res = {"command": command, "run": i + 1, "workers": workers, "texts": n, "wall_s": round(wall, 1),
                       "articles_per_s": round(n / wall, 2), "cpu_s": round(cpu, 1), "exit": rc,
                       "load_start": round(load, 1), "load_end": round(os.getloadavg()[0], 1)}
                results.append(res)
                print(json.dumps(res), flush=True)
                if rc not in (0, 1):
                    print(err, file=sys.stderr)
                rows.append([command, i + 1, workers, n, res["wall_s"], res["articles_per_s"], res["cpu_s"],
                             f"{res['load_start']} / {res['load_end']}"])
    print_table(["command", "run", "workers", "texts", "wall s", "articles/s", "CPU s (tree)", "load avg start / end"],
                rows)
    for command in args.commands:
        for w in sorted(set(args.order)):
            rates = [r["articles_per_s"] for r in results if r["command"] == command and r["workers"] == w]
            print(f"{command} workers={w}: articles/s per run {rates}")
        one = [r["articles_per_s"] for r in results if r["command"] == command and r["workers"] == 1]
        two = [r["articles_per_s"] for r in results if r["command"] == command and r["workers"] == 2]
        if one and two:
            print(f"{command}: ratio (mean 2 workers / mean 1 worker) = {sum(two) / len(two) / (sum(one) / len(one)):.2f}")


if __name__ == "__main__":
    main()
