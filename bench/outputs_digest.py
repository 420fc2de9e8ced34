"""Digest of newsgraph's analysis output, to show a speed change left every output byte-identical.

Analyses a fixed set of inputs and prints one SHA-256 per input group plus an overall one;
``--out FILE`` also writes the Article JSON lines, so two runs can be diffed line by line.

Inputs (the shared texts are read at run time, never copied into the repo):
  * the first ``--polnear`` PolNeAR dev documents (``primary == true``)
  * the first ``--mix`` throughput texts (PolNeAR / ECB+ interleaved, as bench/throughput.py)
  * every file in ``/work/shared/seeds/`` and the bundled ``examples/articles`` and ``examples/feed.rss``

    PYTHONPATH=$PWD/src .venv/bin/python bench/outputs_digest.py --out /tmp/before.jsonl
    # ... change the code ...
    PYTHONPATH=$PWD/src .venv/bin/python bench/outputs_digest.py --out /tmp/after.jsonl
    cmp /tmp/before.jsonl /tmp/after.jsonl

``--workers 2`` runs the same inputs through the process pool (the output must not depend on it).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, SHARED_DATA
from throughput import POLNEAR, load_texts

SEEDS = SHARED_DATA.parent / "seeds"
EXAMPLES = ROOT / "examples"


def inputs(n_polnear: int, n_mix: int) -> dict[str, list]:
    """Input group name -> RawDocuments."""
    from newsgraph.readers import from_string, read_paths

    groups: dict[str, list] = {}
    dev = POLNEAR / "polnear_dev.jsonl.gz"
    if dev.exists() and n_polnear:
        with gzip.open(dev, "rt", encoding="utf-8") as fh:
            texts = [d["text"] for d in map(json.loads, fh) if d.get("primary") and d.get("text")]
        groups["polnear_dev"] = [from_string(t) for t in texts[:n_polnear]]
    if n_mix:
        groups["throughput_mix"] = [from_string(t) for t in load_texts(n_mix)[0]]
    if SEEDS.is_dir():
        groups["seeds"] = list(read_paths([str(SEEDS)]))
    groups["examples"] = list(read_paths([str(EXAMPLES / "articles"), str(EXAMPLES / "feed.rss")]))
    return groups


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--polnear", type=int, default=50, help="PolNeAR dev documents (default 50)")
    ap.add_argument("--mix", type=int, default=100, help="throughput-mix texts (default 100)")
    ap.add_argument("--workers", type=int, default=1, help="analyse with this many processes (default 1)")
    ap.add_argument("--out", type=Path, help="also write every Article's JSON, one per line, to this file")
    args = ap.parse_args(argv)

    from newsgraph.analysis import analyze_many

    total = hashlib.sha256()
    lines: list[str] = []
    for name, raws in inputs(args.polnear, args.mix).items():
        digest = hashlib.sha256()
        for article in analyze_many(raws, workers=args.workers):
            line = article.to_json()
            digest.update(line.encode("utf-8") + b"\n")
            lines.append(line)
        total.update(digest.digest())
        print(f"{name:15} {len(raws):4d} documents  sha256 {digest.hexdigest()[:16]}")
    print(f"{'all':15} {len(lines):4d} documents  sha256 {total.hexdigest()[:16]}")
    if args.out:
        args.out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
