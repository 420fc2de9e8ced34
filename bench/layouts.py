"""Header layouts: real PolNeAR/ECB+ bodies rendered through layout families, newsgraph's clean stage
vs the clean stage before issue #11, per family (field accuracy, paragraph F1).

Families, gold fields and scoring: see ``newsgraph.evaluation.layouts``. Dev families tune and fit;
test families are for the final run only.

    .venv/bin/python bench/layouts.py --split dev
    .venv/bin/python bench/layouts.py --split test
    .venv/bin/python bench/layouts.py --split dev --draw other --per-family 200  # dev cases not fitted on
    .venv/bin/python bench/layouts.py --set heldout   # raw articles written for newsgraph (no shared data)
    .venv/bin/python bench/layouts.py --set heldout2  # a second such set
    .venv/bin/python bench/layouts.py --set heldout3  # a third such set
    .venv/bin/python bench/layouts.py --set heldout4  # a fourth, written by the lead after round 3
    .venv/bin/python bench/layouts.py --set heldout5  # a fifth (round 5): deks in every position
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import data_dir, print_table

from newsgraph.evaluation.layouts import (
    FAMILIES,
    HELDOUT_SETS,
    PER_FAMILY,
    TABLE_HEADERS,
    run,
    summary_rows,
    table_rows,
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--set", choices=("families", *HELDOUT_SETS), default="families",
                    help="the layout families (of --split) or a held-out set of raw articles")
    ap.add_argument("--per-family", type=int, default=PER_FAMILY, help="articles per family")
    ap.add_argument("--family", action="append", help="only these families (repeatable)")
    ap.add_argument("--draw", default="", help="another draw of the families' articles and layouts "
                    "(a name: e.g. dev cases the header weights were not fitted on)")
    ap.add_argument("--errors", action="store_true", help="print newsgraph's field errors")
    ap.add_argument("--json", action="store_true", help="also print the full result as JSON")
    args = ap.parse_args()
    if args.set != "families":
        result = run(args.set)
        print(f"Held-out raw articles ({args.set}): {result['cases']} cases; "
              + "; ".join(f"{k}: {v:.2f} s" for k, v in result["seconds"].items()))
    else:
        data_dir("quotes")
        data_dir("story-clustering")
        result = run(args.split, args.per_family, args.family, args.draw)
        print(f"Layout families ({args.split}): {result['cases']} cases; "
              + "; ".join(f"{k}: {v:.2f} s" for k, v in result["seconds"].items()))
        for name, (split, desc, _) in FAMILIES.items():
            if split == args.split and (not args.family or name in args.family):
                print(f"  {name}: {desc}")
    print_table(TABLE_HEADERS, table_rows(result) + summary_rows(result))
    if args.errors:
        for fam, systems in result["families"].items():
            for e in systems["newsgraph"]["errors"]:
                print(fam, e)
    if args.json:
        for systems in result["families"].values():
            for s in systems.values():
                s.pop("errors", None)
        print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
