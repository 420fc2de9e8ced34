"""Pronoun resolution on GAP (snippet-context): newsgraph's resolver vs the nearest-preceding-name baseline.

Metric and data handling: see ``newsgraph.evaluation.gap`` and ../shared/data/coreference/README.md.

    .venv/bin/python bench/gap.py --split development            # the tuning split
    .venv/bin/python -m newsgraph.evaluation.fit_pronouns        # fit the pronoun weights on development
    .venv/bin/python bench/gap.py --split validation             # the held-out split
    .venv/bin/python bench/gap.py --file PATH --out PRED.tsv     # predictions for any GAP-format file
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import data_dir, print_table  # noqa: E402

from newsgraph.evaluation.gap import analyse, baseline, load, parse, score, split_path  # noqa: E402


def _row(name: str, s: dict) -> list[str]:
    return [name] + [f"{s[g]['p']:.1f} / {s[g]['r']:.1f} / **{s[g]['f1']:.1f}**" for g in ("M", "F", "O")] \
        + [f"{s['bias']['f1']:.2f}"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("development", "validation"), default="validation")
    ap.add_argument("--file", type=Path, help="a GAP-format TSV instead of a split")
    ap.add_argument("--out", type=Path, help="write ID, A-coref, B-coref (TRUE/FALSE) predictions here")
    ap.add_argument("--limit", type=int, default=None, help="first N rows only")
    ap.add_argument("--found-names", action="store_true",
                    help="the older setting: the resolver finds the names itself instead of being given A and B")
    ap.add_argument("--cache", action="store_true",
                    help="keep the spaCy parses in bench/out/gap-SPLIT.spacy (gitignored) and reuse them")
    args = ap.parse_args()
    if args.file is None:
        data_dir("coreference")
    path = args.file or split_path(args.split)
    rows = load(path)[: args.limit]
    t0 = time.perf_counter()
    cache = Path(__file__).resolve().parent / "out" / f"gap-{args.split}.spacy" if args.cache and not args.file else None
    cached = analyse(rows, given=not args.found_names, docs=parse(rows, cache))
    secs = time.perf_counter() - t0
    answers = [a for a, _ in cached]
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            for r, (pa, pb) in zip(rows, answers):
                fh.write(f"{r.id}\t{'TRUE' if pa else 'FALSE'}\t{'TRUE' if pb else 'FALSE'}\n")
        print(f"wrote {len(rows)} predictions to {args.out}")
    if not rows or rows[0].a_coref is None:
        return
    label = args.file.name if args.file else f"GAP {args.split}"
    print(f"{label}, {len(rows)} rows, snippet-context; {secs:.1f} s")
    heads = ["system", "M P / R / F1", "F P / R / F1", "O P / R / F1", "bias F/M"]
    rows_out = [_row("newsgraph resolver", score(rows, answers)),
                _row("nearest preceding name", score(rows, [baseline(r) for r in rows]))]
    print_table(heads, rows_out)


if __name__ == "__main__":
    main()
