"""Speaker attribution on newsgraph's own speaker sets (``src/newsgraph/evaluation/data/speakers*``).

Metric: see ``newsgraph.evaluation.speakers``.

    .venv/bin/python bench/speakers.py            # accuracy by kind, by class, precision
    .venv/bin/python bench/speakers.py --misses   # also list every quote without the right speaker
    .venv/bin/python bench/speakers.py --set heldout   # the held-out set (speakers_heldout/)
    .venv/bin/python bench/speakers.py --set heldout2  # the second held-out set (speakers_heldout2/)
    .venv/bin/python bench/speakers.py --set heldout3  # the third, other genres plus non-speech traps
    .venv/bin/python bench/speakers.py --set heldout4  # the fourth, written by the lead after the third round
    .venv/bin/python bench/speakers.py --set heldout5  # the fifth, political wire copy (round 5)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import print_table

from newsgraph.evaluation.speakers import SETS, misses, run, table_rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list the quotes without the right speaker")
    ap.add_argument("--set", choices=sorted(SETS), default="dev",
                    help="dev: the set the resolver was tuned on (default); heldout..heldout5: written after it")
    args = ap.parse_args()
    res = run(SETS[args.set])
    outcomes = res["outcomes"]
    print(f"newsgraph speaker {args.set} set: {res['articles']} articles, {len(outcomes)} gold quotes")
    print_table(["kind", "gold", "found", "right speaker", "accuracy %"], table_rows(outcomes, "kind"))
    print()
    print_table(["mentioned as", "gold", "found", "right speaker", "accuracy %"], table_rows(outcomes, "class"))
    p, m = res["predicted"], res["matched"]
    print(f"\nprecision of the quotes found: {m}/{p} = {100 * m / max(p, 1):.1f}%")
    if res["traps"]:
        print(f"non-speech traps taken as quotes: {len(res['traps_taken'])}/{res['traps']}")
    if args.misses:
        print()
        for line in misses(outcomes):
            print(line)
        for line in res["traps_taken"]:
            print(f"trap taken: {line}")


if __name__ == "__main__":
    main()
