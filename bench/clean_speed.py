"""Speed of the clean-and-structure stage alone (no spaCy) on PolNeAR dev texts.

Texts: ../shared/data/quotes/polnear/derived/polnear_dev.jsonl.gz, field ``text`` (read at run
time, never copied). Rows:

* ``clean_text()``: the cleaning function alone (split, boilerplate, header, duplicates);
* ``CleanStage``: the registered stage as ``Pipeline(("clean",), timings=True)`` times it
  (adds ``Article.set_paragraphs``: offsets and the article id hash);
* ``spaCy parse`` (only with ``--spacy``): ``nlp.pipe`` over the same raw texts, for scale.

Each timing is the best of ``--repeat`` rounds. Words are whitespace tokens of the raw texts.

    .venv/bin/python bench/clean_speed.py
    .venv/bin/python bench/clean_speed.py --spacy
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import data_dir, print_table  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--spacy", action="store_true", help="also time the spaCy parse of the same texts")
    ap.add_argument("--pipeline", action="store_true",
                    help="also run the full default pipeline once with stage timings: the clean stage's share")
    args = ap.parse_args()

    path = data_dir("quotes") / "polnear" / "derived" / "polnear_dev.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    words = sum(len(t.split()) for t in texts)

    from newsgraph.pipeline import Pipeline
    from newsgraph.pipeline.clean import clean_text
    from newsgraph.readers.base import RawDocument

    def best(fn) -> float:
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        return min(times)

    rows = []

    def add(name: str, seconds: float) -> None:
        rows.append([name, len(texts), words, f"{seconds:.3f}", f"{len(texts) / seconds:,.0f}",
                     f"{words / seconds:,.0f}"])

    add("clean_text()", best(lambda: [clean_text(t) for t in texts]))

    stage_times = []
    for _ in range(args.repeat):
        pipe = Pipeline(("clean",), timings=True)
        for t in texts:
            pipe.analyze(RawDocument(text=t))
        stage_times.append(pipe.timings["clean"])
    add("CleanStage", min(stage_times))

    if args.spacy:
        from newsgraph.nlp import get_nlp

        nlp = get_nlp()
        nlp("warm up")
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=16):
            pass
        add("spaCy parse (nlp.pipe)", time.perf_counter() - t0)

    print(f"PolNeAR dev: {len(texts)} texts, {words:,} words; best of {args.repeat} (spaCy: 1 run)")
    print_table(["step", "docs", "words", "seconds", "articles/s", "words/s"], rows)

    if args.pipeline:
        pipe = Pipeline(timings=True)
        list(pipe.analyze_many(RawDocument(text=t) for t in texts))
        total = sum(pipe.timings.values())
        print(f"\nFull default pipeline, one run, stage timings (total {total:.2f} s):")
        print_table(["stage", "seconds", "share of pipeline time"],
                    [[k, f"{v:.3f}", f"{100 * v / total:.2f}%"] for k, v in pipe.timings.items()])


if __name__ == "__main__":
    main()
