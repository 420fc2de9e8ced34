"""CoNLL-2003 NER evaluation: the bare spaCy model vs newsgraph's entities stage.

Metric (see ``shared/data/ner-conll2003/README.md``): entity-level exact-match micro P/R/F1
over PER, ORG and LOC. spaCy/newsgraph types map PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC;
everything else, and gold MISC, is dropped. Docs are built from the gold tokens.

Systems, scored in the same run:

* ``spacy (sentence)``: the README protocol, one Doc per CoNLL sentence.
* ``spacy (article)``: one Doc per ``-DOCSTART-`` article (gold sentence starts preset), the
  model's own entities, to separate the effect of the longer context from newsgraph's.
* ``newsgraph``: the entities stage run on those article Docs; every mention of an entity
  is scored with the entity's (article-level) type.
"""

from __future__ import annotations

import gzip
import time
from pathlib import Path
from typing import Any, Iterable, Optional

TYPES = ("PER", "ORG", "LOC")
LABEL_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
SPLITS = {"test": "eng.testb.gz", "dev": "eng.testa.gz", "train": "eng.train.gz"}
DATA_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "ner-conll2003"

Sentence = list[tuple[str, str]]  # (word, IOB1 tag)
Span = tuple[int, int, str]  # token start, token end (exclusive), type


def read_conll(path: Path) -> list[list[Sentence]]:
    """Articles (split at ``-DOCSTART-``) of sentences of (word, NER tag)."""
    articles: list[list[Sentence]] = []
    sent: Sentence = []
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                if sent and articles:
                    articles[-1].append(sent)
                sent = []
                continue
            if parts[0] == "-DOCSTART-":
                if sent and articles:
                    articles[-1].append(sent)
                sent = []
                articles.append([])
                continue
            sent.append((parts[0], parts[-1]))
    if sent and articles:
        articles[-1].append(sent)
    return [a for a in articles if a]


def gold_spans(tags: list[str]) -> list[Span]:
    """Entity spans from IOB1 tags, restricted to PER/ORG/LOC."""
    spans: list[Span] = []
    start, cur = -1, None
    for i, tag in enumerate(tags + ["O"]):
        kind = tag[2:] if tag != "O" else None
        if cur is not None and (kind != cur or tag.startswith("B-")):
            if cur in TYPES:
                spans.append((start, i, cur))
            cur = None
        if kind is not None and cur is None:
            start, cur = i, kind
    return spans


def _score(gold: Iterable[Span], pred: Iterable[Span]) -> dict[str, dict[str, float]]:
    gold_set, pred_set = set(gold), set(pred)
    out: dict[str, dict[str, float]] = {}
    tot = [0, 0, 0]
    for t in TYPES:
        g = {s for s in gold_set if s[-1] == t}
        p = {s for s in pred_set if s[-1] == t}
        tp, fp, fn = len(g & p), len(p - g), len(g - p)
        tot = [tot[0] + tp, tot[1] + fp, tot[2] + fn]
        out[t] = _prf(tp, fp, fn)
    out["micro"] = _prf(*tot)
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def _model_spans(doc, offset: int = 0) -> list[Span]:
    return [(e.start + offset, e.end + offset, LABEL_MAP[e.label_]) for e in doc.ents if e.label_ in LABEL_MAP]


def run(split: str = "test", limit: Optional[int] = None, data_dir: Optional[Path] = None) -> dict[str, Any]:
    """Score the systems on ``split`` ("test" = testb, "dev" = testa); ``limit`` = first N articles.

    Returns ``{"split", "articles", "sentences", "tokens", "systems": {name: {"PER"|"ORG"|"LOC"|"micro":
    {"p","r","f1","tp","fp","fn"}, "seconds": float}}}``; ``newsgraph`` also has ``stage_seconds``.
    """
    from spacy.tokens import Doc

    from ..nlp import get_nlp
    from ..pipeline.entities import extract_entities

    path = (data_dir or DATA_DIR) / SPLITS[split]
    if not path.exists():
        raise FileNotFoundError(f"CoNLL-2003 data not found: {path}")
    articles = read_conll(path)[:limit] if limit else read_conll(path)
    nlp = get_nlp()
    vocab = nlp.vocab

    gold: list[Span] = []
    sent_docs, art_docs, sent_offsets = [], [], []
    base = 0
    for art in articles:
        words: list[str] = []
        starts: list[bool] = []
        for sent in art:
            sw = [w for w, _ in sent]
            gold.extend((s + base + len(words), e + base + len(words), t) for s, e, t in gold_spans([t for _, t in sent]))
            sent_offsets.append(base + len(words))
            sent_docs.append(Doc(vocab, words=sw, spaces=[True] * (len(sw) - 1) + [False]))
            starts.extend([True] + [False] * (len(sw) - 1))
            words.extend(sw)
        art_docs.append(Doc(vocab, words=words, spaces=[True] * (len(words) - 1) + [False], sent_starts=starts))
        base += len(words)

    systems: dict[str, dict[str, Any]] = {}

    t0 = time.perf_counter()
    parsed = list(nlp.pipe(sent_docs, batch_size=256))
    secs = time.perf_counter() - t0
    pred = [s for doc, off in zip(parsed, sent_offsets) for s in _model_spans(doc, off)]
    systems["spacy (sentence)"] = {**_score(gold, pred), "seconds": secs}

    t0 = time.perf_counter()
    parsed_art = list(nlp.pipe(art_docs, batch_size=32))
    parse_secs = time.perf_counter() - t0
    pred, off = [], 0
    for doc in parsed_art:
        pred.extend(_model_spans(doc, off))
        off += len(doc)
    systems["spacy (article)"] = {**_score(gold, pred), "seconds": parse_secs}

    t0 = time.perf_counter()
    results = [extract_entities(doc)[0] for doc in parsed_art]
    stage_secs = time.perf_counter() - t0
    pred, off = [], 0
    for doc, entities in zip(parsed_art, results):
        tok_at = {t.idx: t.i for t in doc}
        for ent in entities:
            kind = LABEL_MAP.get(ent.type)
            if kind is None:
                continue
            for m in ent.mentions:
                a = tok_at[m.start]
                span = doc.char_span(m.start, m.end)
                b = span.end if span is not None else a + 1
                pred.append((a + off, b + off, kind))
        off += len(doc)
    systems["newsgraph"] = {**_score(gold, pred), "seconds": parse_secs + stage_secs, "stage_seconds": stage_secs}

    return {
        "split": split,
        "file": path.name,
        "articles": len(articles),
        "sentences": len(sent_docs),
        "tokens": base,
        "systems": systems,
    }


def format_table(result: dict[str, Any]) -> str:
    """Markdown table: P/R/F1 per type and micro for every system, plus wall time."""
    head = "| system | " + " | ".join(f"{t} P | {t} R | {t} F1" for t in TYPES) + " | micro P | micro R | **micro F1** | seconds |"
    sep = "|---|" + "---:|" * (3 * len(TYPES) + 4)
    lines = [head, sep]
    for name, s in result["systems"].items():
        cells = [f"{100 * s[t][k]:.1f}" for t in TYPES for k in ("p", "r", "f1")]
        m = s["micro"]
        secs = f"{s['seconds']:.1f}"
        if "stage_seconds" in s:
            secs += f" (stage {s['stage_seconds']:.2f})"
        cells += [f"{100 * m['p']:.1f}", f"{100 * m['r']:.1f}", f"**{100 * m['f1']:.1f}**", secs]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def stage_cost(texts: list[str], batch_size: int = 16, rounds: int = 1) -> dict[str, float]:
    """Seconds of ``nlp.pipe`` over ``texts`` vs the entities stage over the resulting Docs."""
    from ..nlp import get_nlp
    from ..pipeline.entities import extract_entities

    nlp = get_nlp()
    best_parse, best_stage = float("inf"), float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=batch_size))
        best_parse = min(best_parse, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for doc in docs:
            extract_entities(doc)
        best_stage = min(best_stage, time.perf_counter() - t0)
    return {"parse_seconds": best_parse, "stage_seconds": best_stage, "ratio": best_stage / best_parse,
            "texts": len(texts), "tokens": sum(len(d) for d in docs)}


def pipeline_rate(texts: list[str], stages: tuple[str, ...], batch_size: int = 16, rounds: int = 1) -> dict[str, float]:
    """Articles/s of ``Pipeline(stages)`` over ``texts`` vs bare ``nlp.pipe`` (best of ``rounds``, alternated)."""
    from ..nlp import get_nlp
    from ..pipeline import Pipeline
    from ..readers import from_string

    nlp = get_nlp()
    pipe = Pipeline(stages, batch_size=batch_size)
    bare, full = float("inf"), float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=batch_size):
            pass
        bare = min(bare, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for _article in pipe.analyze_many(from_string(t) for t in texts):
            pass
        full = min(full, time.perf_counter() - t0)
    return {"bare_rate": len(texts) / bare, "pipeline_rate": len(texts) / full}
