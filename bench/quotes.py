"""Quote extraction + attribution on PolNeAR: newsgraph vs textacy ``direct_quotations``.

Metric and data handling: see ``newsgraph.evaluation.quotes`` and ../shared/data/quotes/README.md.

    .venv/bin/python bench/quotes.py --split dev
    .venv/bin/python bench/quotes.py --split train --no-textacy   # tuning check (840 articles)
    .venv/bin/python bench/quotes.py --split test
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import data_dir, print_table  # noqa: E402

from newsgraph.evaluation.quotes import TABLE_HEADERS, run, table_rows  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "train", "test"), default="dev",
                    help="train and dev for tuning; test only for final figures")
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--no-textacy", action="store_true", help="skip the textacy baseline")
    ap.add_argument("--json", action="store_true", help="also print the full result as JSON")
    args = ap.parse_args()
    data_dir("quotes")
    result = run(args.split, args.limit, textacy=not args.no_textacy)
    print(f"PolNeAR {args.split}, {result['articles']} articles (primary annotator), {result['date']}")
    print_table(TABLE_HEADERS, table_rows(result))
    t = result["timing"]
    print(f"\nspaCy parse {t['parse_s']:.2f} s; entities stage {t['entities_s']:.2f} s; "
          f"quotes stage {t['quotes_s']:.2f} s ({100 * t['quotes_s'] / max(t['parse_s'], 1e-9):.1f}% of the parse)")
    if "textacy" in result:
        print(f"textacy: {result['textacy']['rejected_paragraphs']} of {result['textacy']['paragraphs']} "
              "paragraphs rejected (odd number of quote marks)")
    if args.json:
        print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
