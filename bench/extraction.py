"""HTML article-body extraction benchmark: newsgraph's HTML reader vs plain trafilatura.

Data: ../shared/data/article-extraction (see its README.md). Metric, as the upstream
benchmark defines it: per page, the multiset of 4-token shingles (tokens = ``\\w+``) of the
prediction vs the human-labelled body gives precision and recall; corpus P and R are macro
means over pages (precision only over pages with a non-empty prediction); F1 from the two
means; accuracy = share of pages whose token list equals the truth's; ``±`` = std of F1 over
1,000 bootstrap resamples of the pages.

    .venv/bin/python bench/extraction.py            # both systems, table on stdout
    .venv/bin/python bench/extraction.py --check    # also re-score the published reference outputs
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import data_dir, print_table, timed  # noqa: E402

_TOKEN = re.compile(r"\w+")


# -- metric ----------------------------------------------------------------------------------
def tokens(text: Optional[str]) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(toks: list[str], n: int = 4) -> Counter:
    """Multiset of contiguous n-token windows; 1..n-1 tokens make one short shingle."""
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


@dataclass
class PageScore:
    tp: int
    fp: int
    fn: int
    exact: bool

    @property
    def precision(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


def score_page(truth: str, pred: Optional[str]) -> PageScore:
    t_tok, p_tok = tokens(truth), tokens(pred)
    t, p = shingles(t_tok), shingles(p_tok)
    tp = sum(min(c, p[s]) for s, c in t.items())
    fp = sum(max(0, c - t[s]) for s, c in p.items())
    fn = sum(max(0, c - p[s]) for s, c in t.items())
    return PageScore(tp, fp, fn, t_tok == p_tok)


def corpus_prf(scores: list[PageScore]) -> tuple[float, float, float, float]:
    """(F1, precision, recall, accuracy), macro over pages as upstream defines it."""
    ps = [s.precision for s in scores if s.tp + s.fp > 0]
    rs = [s.recall for s in scores if s.tp + s.fn > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    acc = sum(s.exact for s in scores) / len(scores) if scores else 0.0
    return f1, p, r, acc


def bootstrap_std(scores: list[PageScore], n: int = 1000, seed: int = 0) -> float:
    rng = random.Random(seed)
    f1s = []
    for _ in range(n):
        sample = [scores[rng.randrange(len(scores))] for _ in scores]
        f1s.append(corpus_prf(sample)[0])
    mean = sum(f1s) / n
    return (sum((f - mean) ** 2 for f in f1s) / (n - 1)) ** 0.5


# -- data ------------------------------------------------------------------------------------
def load(root: Path) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """Page ids (sorted), id -> truth body, id -> decoded HTML."""
    truth = json.loads(gzip.decompress((root / "ground-truth.json.gz").read_bytes()))
    ids = sorted(truth)
    html = {i: gzip.decompress((root / "html" / f"{i}.html.gz").read_bytes()).decode("utf-8") for i in ids}
    return ids, {i: truth[i]["articleBody"] for i in ids}, html


def load_reference(path: Path) -> dict[str, Optional[str]]:
    data = json.loads(gzip.decompress(path.read_bytes()))
    data = data.get("output", data) if "version" in data else data
    return {k: (v or {}).get("articleBody") for k, v in data.items()}


# -- systems ---------------------------------------------------------------------------------
def plain_trafilatura(html: str) -> Optional[str]:
    import trafilatura

    return trafilatura.extract(html)


def upstream_trafilatura(html: str) -> Optional[str]:
    import trafilatura

    return trafilatura.extract(html, include_comments=False)


def newsgraph_html(html: str) -> Optional[str]:
    from newsgraph.readers.html import html_to_document

    return html_to_document(html).text


def newsgraph_html_clean(html: str) -> Optional[str]:
    """The reader and then the clean stage: body paragraphs without header lines and page residue."""
    from newsgraph.pipeline.clean import clean_text
    from newsgraph.readers.html import html_to_document

    doc = html_to_document(html)
    return "\n".join(clean_text(doc.text, doc.title, doc.outlet).paragraphs) if doc.text else doc.text


SYSTEMS: dict[str, Callable[[str], Optional[str]]] = {
    "trafilatura.extract(html) (defaults)": plain_trafilatura,
    "trafilatura.extract(html, include_comments=False) (upstream run)": upstream_trafilatura,
    "newsgraph readers.html.html_to_document": newsgraph_html,
}


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="re-score reference-outputs/*.json.gz (metric check)")
    ap.add_argument("--bootstrap", type=int, default=1000)
    ap.add_argument("--clean", action="store_true", help="add a row: the reader followed by the clean stage")
    args = ap.parse_args(argv)
    if args.clean:
        SYSTEMS["newsgraph html_to_document + clean stage"] = newsgraph_html_clean

    root = data_dir("article-extraction")
    ids, truth, html = load(root)
    import trafilatura

    print(f"{len(ids)} pages; trafilatura {trafilatura.__version__}; Python {sys.version.split()[0]}")

    if args.check:
        rows = []
        for ref in sorted((root / "reference-outputs").glob("*.json.gz")):
            pred = load_reference(ref)
            scores = [score_page(truth[i], pred.get(i)) for i in ids]
            f1, p, r, acc = corpus_prf(scores)
            rows.append([ref.name.split(".")[0], f"{f1:.3f} ± {bootstrap_std(scores, args.bootstrap):.3f}",
                         f"{p:.3f}", f"{r:.3f}", f"{acc:.3f}"])
        print("\nPublished reference outputs re-scored with this metric:")
        print_table(["system", "F1", "precision", "recall", "accuracy"], rows)
        print()

    # warm-up (imports, lazy initialisation) outside the timed runs
    for fn in SYSTEMS.values():
        fn(html[ids[0]])

    # Systems run interleaved page by page, so that load from other processes on a shared
    # machine slows them all alike; pages/s counts extraction time only (HTML already in memory).
    preds: dict[str, list] = {name: [] for name in SYSTEMS}
    seconds: dict[str, float] = dict.fromkeys(SYSTEMS, 0.0)
    for i in ids:
        for name, fn in SYSTEMS.items():
            out, dt = timed(fn, [html[i]])
            preds[name].append(out[0])
            seconds[name] += dt
    rows = []
    for name in SYSTEMS:
        scores = [score_page(truth[i], p) for i, p in zip(ids, preds[name])]
        f1, p, r, acc = corpus_prf(scores)
        empty = sum(1 for x in preds[name] if not x)
        rows.append([name, f"{f1:.3f} ± {bootstrap_std(scores, args.bootstrap):.3f}", f"{p:.3f}", f"{r:.3f}",
                     f"{acc:.3f}", f"{len(ids) / seconds[name]:.0f}", empty])
    print_table(["extractor", "F1", "precision", "recall", "accuracy", "pages/s", "empty"], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
