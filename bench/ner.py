"""CoNLL-2003 NER benchmark: bare spaCy model vs newsgraph's entities stage (PER/ORG/LOC micro F1).

The logic lives in ``newsgraph.evaluation.ner`` (see its docstring for the metric and the three
systems). ``--speed`` instead times the entities stage against the spaCy parse on the PolNeAR
dev article texts (../shared/data/quotes/polnear/derived/polnear_dev.jsonl.gz).

    .venv/bin/python bench/ner.py --split dev
    .venv/bin/python bench/ner.py --split test
    .venv/bin/python bench/ner.py --speed
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import data_dir  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("test", "dev"), default="test", help="test = eng.testb, dev = eng.testa")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--speed", action="store_true", help="time the entities stage vs the parse on PolNeAR dev texts")
    ap.add_argument("--rounds", type=int, default=3, help="--speed: best of N rounds")
    args = ap.parse_args(argv)

    from newsgraph.evaluation.ner import format_table, pipeline_rate, run, stage_cost

    if args.speed:
        path = data_dir("quotes") / "polnear" / "derived" / "polnear_dev.jsonl.gz"
        seen, texts = set(), []
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec["article"] not in seen:  # some articles have several annotators
                    seen.add(rec["article"])
                    texts.append(rec["text"])
        texts = texts[: args.limit] if args.limit else texts
        r = stage_cost(texts, rounds=args.rounds)
        print(f"{r['texts']} texts, {r['tokens']} tokens: nlp.pipe {r['parse_seconds']:.2f} s, "
              f"entities stage {r['stage_seconds']:.3f} s = {100 * r['ratio']:.1f}% of the parse "
              f"({r['tokens'] / r['stage_seconds']:,.0f} tokens/s)")
        stages = ("clean", "language", "nlp", "entities")
        p = pipeline_rate(texts, stages, rounds=args.rounds)
        print(f"Pipeline{stages}: {p['pipeline_rate']:.2f} articles/s vs bare nlp.pipe {p['bare_rate']:.2f} "
              f"articles/s = {p['pipeline_rate'] / p['bare_rate']:.2f}x")
        return 0

    data_dir("ner-conll2003")
    result = run(split=args.split, limit=args.limit)
    print(f"CoNLL-2003 {result['file']} ({args.split}): {result['articles']} articles, "
          f"{result['sentences']} sentences, {result['tokens']} tokens")
    print(format_table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
