"""GAP (gendered ambiguous pronouns) with newsgraph's resolver, snippet-context setting.

Data: ``../shared/data/coreference/gap/gap-{development,validation}.tsv`` (see its README),
read at run time. For every row newsgraph parses ``Text``, runs the entities stage and builds
the :class:`~newsgraph.pipeline.resolve.Resolver` with A and B given as people (the task's
input: their spans and the names' other occurrences in the snippet, of the pronoun's gender,
as GAP pairs two names of that gender by design); the answer is the better-scoring of A and
B for the pronoun at ``Pronoun-offset`` under the resolver's pronoun weights, or neither
(``decide`` with ``GAP_FLOOR``/``GAP_MARGIN``). With ``given=False`` (the first setting) the
resolver finds the names itself and ``A-coref`` is TRUE when the entity the pronoun resolves
to has a name mention overlapping A. The baseline, computed in the same run, answers TRUE for
the nearer of A and B that precedes the pronoun.

Metric (the dataset's scorer): over all A and B decisions, precision/recall/F1 of the
"corefers" class, for masculine (M) and feminine (F) pronouns and overall (O); bias =
F1(F) / F1(M).

The pronoun weights and the thresholds ``GAP_FLOOR``/``GAP_MARGIN`` are fitted on the
development split only (:mod:`newsgraph.evaluation.fit_pronouns`, written to
:mod:`newsgraph.pipeline.resolve.pronoun_weights`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from ..pipeline.resolve.pronoun_weights import GAP_FLOOR, GAP_MARGIN

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "coreference" / "gap"
FEMININE = frozenset("she her hers herself".split())


@dataclass
class Row:
    id: str
    text: str
    pronoun: str
    p_off: int
    a: str
    a_off: int
    a_coref: Optional[bool]
    b: str
    b_off: int
    b_coref: Optional[bool]


@dataclass
class Candidate:
    """One candidate entity of a row's pronoun: its features and whether it is A / B."""

    features: dict[str, float]
    is_a: bool
    is_b: bool


def _bool(s: str) -> Optional[bool]:
    s = s.strip().upper()
    return True if s == "TRUE" else False if s == "FALSE" else None


def load(path: Path) -> list[Row]:
    """Rows of a GAP-format TSV (header row; coref columns may be absent or empty)."""
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        for d in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            rows.append(Row(d["ID"], d["Text"], d["Pronoun"], int(d["Pronoun-offset"]), d["A"], int(d["A-offset"]),
                            _bool(d.get("A-coref") or ""), d["B"], int(d["B-offset"]), _bool(d.get("B-coref") or "")))
    return rows


def split_path(split: str) -> Path:
    return DATA / f"gap-{split}.tsv"


def _overlaps(a: int, b: int, c: int, d: int) -> bool:
    return min(b, d) > max(a, c)


def parse(rows: list[Row], cache: Optional[Path] = None, batch_size: int = 64) -> list:
    """spaCy parses of the rows' texts; with ``cache`` (a DocBin file, e.g. under the gitignored
    ``bench/out/``) read from it when it holds exactly these texts, else parsed and written there."""
    from ..nlp import get_nlp

    nlp = get_nlp()
    texts = [r.text for r in rows]
    if cache is not None and cache.exists():
        from spacy.tokens import DocBin

        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == texts:
            return docs
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    if cache is not None:
        from spacy.tokens import DocBin

        cache.parent.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=True, docs=docs).to_disk(cache)
    return docs


def analyse(rows: list[Row], batch_size: int = 64, given: bool = True,
            docs: Optional[list] = None) -> list[tuple[tuple[bool, bool], list[Candidate]]]:
    """newsgraph's (A, B) answer for every row, and the pronoun's candidates with features.

    ``given`` (the task's setting): A and B, which GAP gives as input with their offsets, are
    handed to the resolver as people (``build_resolver(..., extra_people=...)``: the given
    spans and the names' other occurrences in the snippet), whatever the model found or typed.
    The answer is TRUE for A when the pronoun resolves to A's entity. Without ``given`` the
    resolver relies on the entities stage to find the names, and A counts as chosen when the
    chosen entity has a name mention overlapping A's span. ``docs``: the rows' parses when
    already at hand (:func:`parse`)."""
    from ..model import Article
    from ..pipeline.base import Work
    from ..pipeline.entities import EntitiesStage
    from ..pipeline.resolve import RESOLVER_KEY, build_resolver
    from ..pipeline.resolve.lexicon import PRONOUNS
    from ..pipeline.resolve.weights import PRONOUN_WEIGHTS
    from ..readers.base import RawDocument

    stage = EntitiesStage()
    out: list[tuple[tuple[bool, bool], list[Candidate]]] = []
    if docs is None:
        docs = parse(rows, batch_size=batch_size)
    for row, doc in zip(rows, docs):
        article = Article()
        article.set_paragraphs([row.text])
        work = Work(article=article, raw=RawDocument(text=row.text), doc=doc)
        stage(work)
        a_span = (row.a_off, row.a_off + len(row.a))
        b_span = (row.b_off, row.b_off + len(row.b))
        res = work.scratch.get(RESOLVER_KEY)
        if res is not None and given:
            gender = PRONOUNS.get(row.pronoun.lower(), (None,))[0]  # GAP's A and B share the pronoun's gender
            res = build_resolver(article, doc, extra_people=[(row.a, [a_span], gender), (row.b, [b_span], gender)])
        if res is None:
            out.append(((False, False), []))
            continue
        ia, ib = res.by_id.get("given0", -1), res.by_id.get("given1", -1)

        def hits(k: int, span: tuple[int, int], which: int, res=res) -> bool:  # type: ignore[no-untyped-def]
            if given:
                return k == which
            return any(m.ent == k and _overlaps(m.start, m.end, *span) for m in res.names)

        tok = next((t for t in doc if t.idx == row.p_off), None)
        if tok is None or tok.lower_ not in PRONOUNS:
            out.append(((False, False), []))
            continue
        cands = [Candidate(f, hits(ck, a_span, ia), hits(ck, b_span, ib)) for ck, f in res.pronoun_candidates(tok)]
        if given:
            answer = decide(cands, PRONOUN_WEIGHTS, GAP_FLOOR, GAP_MARGIN)
        else:
            k = res.resolved.get(tok.i, (None, ""))[0]
            answer = (k is not None and hits(k, a_span, ia), k is not None and hits(k, b_span, ib))
        out.append((answer, cands))
    return out


def baseline(row: Row) -> tuple[bool, bool]:
    """TRUE for the nearer of A and B that precedes the pronoun."""
    before = [(off, which) for off, which in ((row.a_off, "a"), (row.b_off, "b")) if off < row.p_off]
    if not before:
        return False, False
    which = max(before)[1]
    return which == "a", which == "b"


def decide(cands: list[Candidate], weights: dict[str, float], floor: float,
           margin: Optional[float] = None) -> tuple[bool, bool]:
    """(A, B) answer from cached candidate features under ``weights``.

    Without ``margin``: the best candidate overall above ``floor`` (A or B or neither).
    With ``margin`` (the given-candidates setting): the better of A and B, unless its score
    is at most ``floor`` or another candidate of the snippet beats it by more than ``margin``."""
    def s(c: Candidate) -> float:
        return sum(weights.get(n, 0.0) * v for n, v in c.features.items())

    if margin is None:
        best, best_score = None, floor
        for c in cands:
            sc = s(c)
            if sc > best_score:
                best, best_score = c, sc
        return (best.is_a, best.is_b) if best is not None else (False, False)
    ab = [c for c in cands if c.is_a or c.is_b]
    if not ab:
        return False, False
    best = max(ab, key=s)
    top = s(best)
    others = [s(c) for c in cands if not (c.is_a or c.is_b)]
    if top <= floor or others and max(others) - top > margin:
        return False, False
    return best.is_a, best.is_b


def score(rows: Iterable[Row], answers: Iterable[tuple[bool, bool]]) -> dict[str, dict[str, float]]:
    """P/R/F1 for M, F and O, and the bias F1(F)/F1(M)."""
    counts = {g: {"tp": 0, "fp": 0, "fn": 0} for g in ("M", "F", "O")}
    for row, (pa, pb) in zip(rows, answers):
        g = "F" if row.pronoun.lower() in FEMININE else "M"
        for pred, gold in ((pa, row.a_coref), (pb, row.b_coref)):
            for key in (g, "O"):
                c = counts[key]
                c["tp"] += pred and bool(gold)
                c["fp"] += pred and not gold
                c["fn"] += (not pred) and bool(gold)
    out: dict[str, dict[str, float]] = {}
    for key, c in counts.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        out[key] = {"p": 100 * p, "r": 100 * r, "f1": 100 * (2 * p * r / (p + r) if p + r else 0.0)}
    out["bias"] = {"f1": out["F"]["f1"] / out["M"]["f1"] if out["M"]["f1"] else 0.0}
    return out
