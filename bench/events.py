"""Event coding (CAMEO, scored as PLOVER categories) on the OEDA gold sentences, with baselines.

Metric and data handling: see ``newsgraph.evaluation.events`` and ../shared/data/events/README.md.

    .venv/bin/python bench/events.py --split dev
    .venv/bin/python bench/events.py --split test
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import data_dir, print_table  # noqa: E402

from newsgraph.evaluation.events import run, table_rows  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "test"), default="dev",
                    help="PLOVER records at even (dev) or odd (test) positions; test adds PETR2")
    ap.add_argument("--limit", type=int, default=None, help="first N sentences of each set only")
    ap.add_argument("--json", action="store_true", help="also print the full result as JSON")
    args = ap.parse_args()
    data_dir("events")
    result = run(args.split, limit=args.limit)
    ph, prow, th, trow = table_rows(result)
    print(f"PLOVER gold sentences, {args.split} split: {result['plover']['sentences']} sentences, "
          f"{date.today().isoformat()}")
    print_table(ph, prow)
    if trow:
        print("\nPETR-2 validation sentences (CAMEO root codes)")
        print_table(th, trow)
    if args.json:
        print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
