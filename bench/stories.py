"""Story-clustering benchmark on ECB+ (see ../shared/data/story-clustering/README.md, section B).

Clusters the ECB+ documents of one split with :class:`newsgraph.corpus.stories.StoryClusterer`
(streamed one by one into an in-memory SQLite database) and, in the same run, with the README's
TF-IDF single-pass baseline (scikit-learn). Scores: pairwise and BCubed P/R/F1, mean ± std over
5 seeded random orders (ECB+ has no dates, so the order is a seeded shuffle; by default no
publication dates are given to the clusterer, so the time decay is inactive).

    .venv/bin/python bench/stories.py --split test           # report
    .venv/bin/python bench/stories.py --split dev --sweep    # tune (dev only; add --dates to use date lines)

Analysed articles (spaCy entities) are cached under bench/out/ (gitignored).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sqlite3
import statistics
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Optional, Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.model import Article, Entity, Mention, Source  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "story-clustering" / "ecbplus" / "ecbplus_docs.jsonl.gz"
CACHE = ROOT / "bench" / "out" / "ecbplus_articles.jsonl"
ENTITY_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "DATE"}
SEEDS = (0, 1, 2, 3, 4)


def load_docs() -> list[dict]:
    """All ECB+ documents (doc_id, story, split, text…)."""
    if not DATA.exists():
        sys.exit(f"ECB+ data not found: {DATA}")
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                        "dec"), 1)}
_MDY = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+"
                  r"((?:19|20)\d\d)\b", re.I)
_DMY = re.compile(r"\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+((?:19|20)\d\d)\b",
                  re.I)
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")


def dateline(text: str, lines: int = 3) -> Optional[str]:
    """ISO date of a date line among the first ``lines`` lines (ECB+ keeps the source's date line), or None."""
    for line in text.split("\n")[:lines]:
        for rx, order in ((_MDY, "mdy"), (_DMY, "dmy"), (_ISO, "ymd")):
            m = rx.search(line)
            if not m:
                continue
            try:
                if order == "mdy":
                    y, mo, d = int(m[3]), _MONTHS[m[1][:3].lower()], int(m[2])
                elif order == "dmy":
                    y, mo, d = int(m[3]), _MONTHS[m[2][:3].lower()], int(m[1])
                else:
                    y, mo, d = int(m[1]), int(m[2]), int(m[3])
                return date(y, mo, d).isoformat()
            except ValueError:
                continue
    return None


def _article_from_doc(d: dict, doc) -> Article:
    lines = [ln.strip() for ln in d["text"].split("\n") if ln.strip()]
    a = Article(title=lines[0] if lines else None, source=Source(format="string"))
    a.set_paragraphs(lines)
    a.id = d["doc_id"]  # ECB+ ids keep identical texts apart
    groups: dict[tuple[str, str], list] = defaultdict(list)
    if doc is not None:
        for ent in doc.ents:
            if ent.label_ in ENTITY_TYPES:
                groups[(ent.text.strip(), ent.label_)].append(ent)
    for i, ((name, label), ents) in enumerate(groups.items()):
        a.entities.append(Entity(id=f"e{i}", name=name, type=label,
                                 mentions=[Mention(start=e.start_char, end=e.end_char, text=e.text) for e in ents]))
    return a


def analysed_articles(docs: Sequence[dict]) -> dict[str, Article]:
    """doc_id -> Article with spaCy entities (doc.ents, grouped by surface form), cached as JSONL."""
    cached: dict[str, Article] = {}
    if CACHE.exists():
        with CACHE.open(encoding="utf-8") as fh:
            for line in fh:
                a = Article.from_json(line)
                cached[a.id] = a
    missing = [d for d in docs if d["doc_id"] not in cached]
    if missing:
        from newsgraph.nlp import get_nlp

        nlp = get_nlp()
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        texts = ["\n\n".join(ln.strip() for ln in d["text"].split("\n") if ln.strip()) for d in missing]
        t0 = time.perf_counter()
        with CACHE.open("a", encoding="utf-8") as out:
            for d, doc in zip(missing, nlp.pipe(texts, batch_size=32)):
                a = _article_from_doc(d, doc)
                cached[a.id] = a
                out.write(a.to_json() + "\n")
        print(f"analysed {len(missing)} documents with spaCy in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    return cached


# -- metrics (README section A) ---------------------------------------------
def pairwise_prf(gold: Sequence, pred: Sequence) -> tuple[float, float, float]:
    """Pair-counting P/R/F1 over unordered document pairs."""
    def pairs(c: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in c.values())
    tp = pairs(Counter(zip(gold, pred)))
    pp, gp = pairs(Counter(pred)), pairs(Counter(gold))
    p = tp / pp if pp else 0.0
    r = tp / gp if gp else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bcubed_prf(gold: Sequence, pred: Sequence) -> tuple[float, float, float]:
    """BCubed P/R/F1: per-document precision/recall averaged, F1 = harmonic mean of the averages."""
    joint = Counter(zip(gold, pred))
    gsz, psz = Counter(gold), Counter(pred)
    n = len(gold)
    p = sum(joint[(g, c)] / psz[c] for g, c in zip(gold, pred)) / n
    r = sum(joint[(g, c)] / gsz[g] for g, c in zip(gold, pred)) / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# -- systems -----------------------------------------------------------------
def run_newsgraph(stream: Sequence[Article], background: Sequence[Article], config=None) -> list:
    """Stream ``stream`` through StoryClusterer on a fresh in-memory DB; DF warmed on ``background``.

    Articles carry ``source.published`` when the document has a date line (see :func:`with_dates`)."""
    from newsgraph.corpus import schema
    from newsgraph.corpus.stories import StoryClusterer, story_labels

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE articles (id TEXT PRIMARY KEY, title TEXT, outlet TEXT, published TEXT, text TEXT)")
    for ddl in schema.split_sql(schema.COPIES_STORIES_DDL):
        conn.execute(ddl)
    sc = StoryClusterer(conn, config)
    for a in background:
        sc.warm_up(a)
    for a in stream:
        conn.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?)",
                     (a.id, a.title, None, a.source.published, a.text))
        sc.add(a)
    labels = story_labels(conn)
    conn.close()
    return [labels.get(a.id, f"single:{a.id}") for a in stream]


class TfidfBaseline:
    """README baseline: sklearn TF-IDF (sublinear tf, English stop words, max_df 0.5, IDF fitted on dev),
    single-pass nearest centroid (normalised sum) with cosine >= tau, else a new cluster."""

    def __init__(self, fit_texts: Sequence[str]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vec = TfidfVectorizer(sublinear_tf=True, stop_words="english", max_df=0.5).fit(fit_texts)

    def run(self, texts: Sequence[str], tau: float = 0.28) -> list[int]:
        import numpy as np

        X = self.vec.transform(texts)
        centroids: list = []
        labels: list[int] = []
        for i in range(X.shape[0]):
            x = X[i].toarray().ravel()
            if centroids:
                C = np.vstack(centroids)
                norms = np.linalg.norm(C, axis=1)
                sims = (C @ x) / np.where(norms > 0, norms, 1)
                j = int(np.argmax(sims))
                if sims[j] >= tau:
                    centroids[j] = centroids[j] + x
                    labels.append(j)
                    continue
            centroids.append(x.copy())
            labels.append(len(centroids) - 1)
        return labels


def _fmt(vals: list[float]) -> str:
    m = statistics.mean(vals)
    s = statistics.pstdev(vals) if len(vals) > 1 else 0.0
    return f"{m:.3f} ± {s:.3f}"


def evaluate(split: str, seeds: Sequence[int] = SEEDS, config=None, tau: float = 0.28, quiet: bool = False,
             use_dates: bool = False) -> dict:
    docs = load_docs()
    arts = analysed_articles(docs)
    dev = [d for d in docs if d["split"] == "dev"]
    target = [d for d in docs if d["split"] == split]
    background = [arts[d["doc_id"]] for d in dev]
    n_dated = sum(1 for d in target if dateline(d["text"]))
    for d in docs:
        arts[d["doc_id"]].source.published = dateline(d["text"]) if use_dates else None
    base = TfidfBaseline([d["text"] for d in dev])
    rows: dict[str, dict[str, list[float]]] = {"newsgraph StoryClusterer": defaultdict(list),
                                                "TF-IDF single-pass baseline": defaultdict(list)}
    for seed in seeds:
        order = list(target)
        random.Random(seed).shuffle(order)
        gold = [d["story"] for d in order]
        t0 = time.perf_counter()
        pred = run_newsgraph([arts[d["doc_id"]] for d in order], background, config)
        t_ng = time.perf_counter() - t0
        t0 = time.perf_counter()
        pred_b = base.run([d["text"] for d in order], tau)
        t_b = time.perf_counter() - t0
        for name, p, t in (("newsgraph StoryClusterer", pred, t_ng), ("TF-IDF single-pass baseline", pred_b, t_b)):
            r = rows[name]
            for k, v in zip(("pP", "pR", "pF"), pairwise_prf(gold, p)):
                r[k].append(v)
            for k, v in zip(("bP", "bR", "bF"), bcubed_prf(gold, p)):
                r[k].append(v)
            r["k"].append(len(set(p)))
            r["t"].append(t)
    if not quiet:
        n_stories = len({d["story"] for d in target})
        print(f"ECB+ split={split}: {len(target)} docs, {n_stories} gold stories; order = seeded random shuffle "
              f"(seeds {list(seeds)}), mean ± std; {n_dated} docs have a date line in their first 3 lines: "
              f"{'used as publication date' if use_dates else 'NOT used (no publication dates)'}")
        print("| system | pairwise P | pairwise R | pairwise F1 | BCubed P | BCubed R | BCubed F1 | clusters | time/run (s) |")
        print("|---|---|---|---|---|---|---|---|---|")
        for name, r in rows.items():
            print(f"| {name} | {_fmt(r['pP'])} | {_fmt(r['pR'])} | **{_fmt(r['pF'])}** | {_fmt(r['bP'])} | "
                  f"{_fmt(r['bR'])} | {_fmt(r['bF'])} | {statistics.mean(r['k']):.1f} | {statistics.mean(r['t']):.2f} |")
    return rows


def main(argv: Optional[Sequence[str]] = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="test", choices=("dev", "test"))
    ap.add_argument("--prepare", action="store_true", help="only analyse + cache the documents")
    ap.add_argument("--sweep", action="store_true", help="threshold/weight sweep (dev only)")
    ap.add_argument("--dates", action="store_true",
                    help="use date lines (first 3 lines) as publication dates; off by default: it lowered dev F1")
    args = ap.parse_args(argv)
    if args.prepare:
        analysed_articles(load_docs())
        return
    if args.sweep:
        if args.split != "dev":
            sys.exit("sweeps run on dev only")
        from newsgraph.corpus.stories import StoryConfig

        grid = [(dw, th) for dw in (0.0, 0.12, 0.15, 0.2, 0.25) for th in (0.25, 0.35, 0.37, 0.4, 0.45, 0.5)]
        for dw, th in grid:
            for decay in ((7.0, 30.0, 90.0) if args.dates else (7.0,)):
                for window in ((60.0, 365.0) if args.dates else (60.0,)):
                    cfg = StoryConfig(threshold=th, detail_weight=dw, decay_days=decay, window_days=window)
                    rows = evaluate("dev", seeds=(0, 1, 2), config=cfg, quiet=True, use_dates=args.dates)
                    r = rows["newsgraph StoryClusterer"]
                    print(f"detail_weight={dw} threshold={th} decay_days={decay} window_days={window}: pairwise F1 "
                          f"{_fmt(r['pF'])} BCubed F1 {_fmt(r['bF'])} clusters {statistics.mean(r['k']):.1f}",
                          flush=True)
        return
    evaluate(args.split, use_dates=args.dates)


if __name__ == "__main__":
    main()
