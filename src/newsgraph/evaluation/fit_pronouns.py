"""Fit the resolver's pronoun weights on GAP development and write ``pipeline/resolve/pronoun_weights.py``.

Every (pronoun, candidate) pair where the candidate is GAP's A or B is one example: the
features :meth:`Resolver.pronoun_features` computes (plus ``nearest``, ``cataphora``,
``main_subject_after`` from :meth:`Resolver.pronoun_candidates`), labelled by the gold
``A-coref``/``B-coref``. A logistic regression (scikit-learn, a dev dependency; newsgraph only
reads the written coefficients) is fitted on them. The gender features and ``untyped`` stay
hand-set (:mod:`.weights`): GAP pairs two names of the pronoun's gender by design, so it cannot
price gender evidence.

The regularisation ``C`` and the GAP answer thresholds (no answer when the better of A and B
scores at most the floor, or a third person of the snippet beats it by more than the margin)
are chosen by k-fold cross-validation on development: for each fold, the model is fitted and
the thresholds are chosen on the other folds, and the held-out fold is answered with them;
the CV figure is O F1 over all held-out answers. The final model is refitted on all of
development with the best ``C`` (or the one given with ``--C``) and its thresholds. Only
development is read. ``--nested`` also reports nested cross-validation (each fold's ``C`` chosen
by cross-validation within the other folds), the honest estimate of the whole procedure.

    PYTHONPATH=src .venv/bin/python -m newsgraph.evaluation.fit_pronouns [--folds 5] [--C 3] [--nested] [--dry-run]

Features are computed under the weights in force (earlier pronouns of the snippet are
resolved with them and later pronoun features read that history), so a refit after a large
change may move a little on a second run.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..pipeline.resolve.weights import HAND_SET, hand_set
from .gap import FEMININE, Candidate, Row, analyse, load, parse, split_path

OUT = Path(__file__).resolve().parents[1] / "pipeline" / "resolve" / "pronoun_weights.py"
CACHE = Path(__file__).resolve().parents[3] / "bench" / "out" / "gap-development.spacy"
C_GRID = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
MARGINS = (0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 1e9)

Cached = list[tuple[tuple[bool, bool], list[Candidate]]]


def feature_names(cached: Cached) -> list[str]:
    """The fitted features: all the candidates show, less the hand-set ones (``weights.HAND_SET``;
    GAP's thresholds are chosen with those in the score, as the resolver scores)."""
    return sorted({n for _, cs in cached for c in cs for n in c.features} - set(HAND_SET))


@dataclass
class Table:
    """Every row's candidates as a matrix (columns: the fitted features, then the hand-set ones),
    which of them are A and B, and the gold."""

    names: list[str]
    mats: list[np.ndarray]
    is_a: list[np.ndarray]
    is_b: list[np.ndarray]
    gold_a: np.ndarray
    gold_b: np.ndarray
    feminine: np.ndarray

    @classmethod
    def build(cls, rows: Sequence[Row], cached: Cached) -> Table:
        names = feature_names(cached)
        cols = names + sorted(HAND_SET)
        mats = [np.array([[c.features.get(n, 0.0) for n in cols] for c in cs], dtype=float).reshape(len(cs), len(cols))
                for _, cs in cached]
        return cls(names, mats, [np.array([c.is_a for c in cs], dtype=bool) for _, cs in cached],
                   [np.array([c.is_b for c in cs], dtype=bool) for _, cs in cached],
                   np.array([bool(r.a_coref) for r in rows]), np.array([bool(r.b_coref) for r in rows]),
                   np.array([r.pronoun.lower() in FEMININE for r in rows]))

    def examples(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Fitted-feature matrix and labels of the A and B candidates of rows ``idx``."""
        k = len(self.names)
        X = [self.mats[i][j, :k] for i in idx for j in np.flatnonzero(self.is_a[i] | self.is_b[i])]
        y = [bool(self.gold_a[i] if self.is_a[i][j] else self.gold_b[i])
             for i in idx for j in np.flatnonzero(self.is_a[i] | self.is_b[i])]
        return np.array(X).reshape(len(X), k), np.array(y)

    def vector(self, w: dict[str, float]) -> np.ndarray:
        """Fitted weights ``w`` and the hand-set ones they imply (``weights.hand_set``) as one vector."""
        hand = hand_set(w)
        return np.array([w.get(n, 0.0) for n in self.names] + [hand[n] for n in sorted(HAND_SET)])

    def best(self, w: dict[str, float], idx: np.ndarray) -> tuple[np.ndarray, ...]:
        """Per row of ``idx``: the better of A and B (its score, is it A, is it B) and the best
        third person's score (-1e18 when none), under ``w`` plus the hand-set weights."""
        v = self.vector(w)
        top, a, b, other = (np.full(len(idx), -1e18), np.zeros(len(idx), bool), np.zeros(len(idx), bool),
                            np.full(len(idx), -1e18))
        for n, i in enumerate(idx):
            if not len(self.mats[i]):
                continue
            s = self.mats[i] @ v
            ab = self.is_a[i] | self.is_b[i]
            if ab.any():
                j = int(np.flatnonzero(ab)[np.argmax(s[ab])])
                top[n], a[n], b[n] = s[j], self.is_a[i][j], self.is_b[i][j]
            if (~ab).any():
                other[n] = s[~ab].max()
        return top, a, b, other

    def f1(self, idx: np.ndarray, pa: np.ndarray, pb: np.ndarray) -> dict[str, dict[str, float]]:
        """The GAP scores (:func:`.gap.score`) of answers ``pa``/``pb`` to rows ``idx``."""
        ga, gb, fem = self.gold_a[idx], self.gold_b[idx], self.feminine[idx]
        out: dict[str, dict[str, float]] = {}
        for g, sel in (("M", ~fem), ("F", fem), ("O", np.ones(len(idx), bool))):
            tp = int((pa & ga & sel).sum() + (pb & gb & sel).sum())
            fp = int((pa & ~ga & sel).sum() + (pb & ~gb & sel).sum())
            fn = int((~pa & ga & sel).sum() + (~pb & gb & sel).sum())
            p, r = tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0
            out[g] = {"p": 100 * p, "r": 100 * r, "f1": 100 * (2 * p * r / (p + r) if p + r else 0.0)}
        out["bias"] = {"f1": out["F"]["f1"] / out["M"]["f1"] if out["M"]["f1"] else 0.0}
        return out


def answers(best: tuple[np.ndarray, ...], floor: float, margin: float) -> tuple[np.ndarray, np.ndarray]:
    """GAP answers (as :func:`.gap.decide` with a margin) from :meth:`Table.best`."""
    top, a, b, other = best
    ok = (top > floor) & ~(other - top > margin)
    return a & ok, b & ok


def thresholds(t: Table, idx: np.ndarray, w: dict[str, float]) -> tuple[float, float, float]:
    """(floor, margin, O F1) that answer rows ``idx`` best under ``w``; floors are quantiles of
    the better-of-A-and-B scores."""
    best = t.best(w, idx)
    tops = best[0][best[0] > -1e17]
    floors = [-1e9] + [float(q) for q in np.quantile(tops, [0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.13, 0.16, 0.2])]
    out = (-1e9, 1e9, -1.0)
    for fl in floors:
        for mg in MARGINS:
            f1 = t.f1(idx, *answers(best, fl, mg))["O"]["f1"]
            if f1 > out[2] + 1e-9:
                out = (fl, mg, f1)
    return out


def fit(t: Table, idx: np.ndarray, C: float) -> tuple[dict[str, float], float]:
    """Logistic-regression weights (feature -> log-odds per unit) and intercept fitted on rows ``idx``."""
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    X, y = t.examples(idx)
    m = LogisticRegression(C=C, max_iter=10000).fit(X, y)
    return {n: float(v) for n, v in zip(t.names, m.coef_[0])}, float(m.intercept_[0])


def folds(n: int, k: int, seed: int = 0) -> list[np.ndarray]:
    perm = np.random.RandomState(seed).permutation(n)
    return [np.sort(perm[j::k]) for j in range(k)]


def _held_out(t: Table, rows: np.ndarray, C: float, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Answers to ``rows`` by ``k``-fold cross-validation within them (model and thresholds
    fitted on the other folds, ``C`` fixed)."""
    fs = [rows[f] for f in folds(len(rows), k)]
    pa, pb = np.zeros(len(t.mats), bool), np.zeros(len(t.mats), bool)
    for j in range(k):
        train = np.concatenate([fs[x] for x in range(k) if x != j])
        w, _ = fit(t, train, C)
        fl, mg, _ = thresholds(t, train, w)
        pa[fs[j]], pb[fs[j]] = answers(t.best(w, fs[j]), fl, mg)
    return pa[rows], pb[rows]


def cross_validate(t: Table, C: float, k: int = 5) -> dict[str, dict[str, float]]:
    """GAP scores of the held-out answers of ``k``-fold cross-validation (model and thresholds
    fitted on the other folds)."""
    idx = np.arange(len(t.mats))
    return t.f1(idx, *_held_out(t, idx, C, k))


def nested_cross_validate(t: Table, k: int = 5) -> tuple[dict[str, dict[str, float]], list[float]]:
    """GAP scores of ``k``-fold cross-validation where each fold's ``C`` is also chosen without
    it (by ``k``-fold cross-validation on the other folds), and the ``C`` chosen per fold:
    the honest estimate, as no choice saw the held-out fold."""
    n = len(t.mats)
    fs = folds(n, k)
    pa, pb = np.zeros(n, bool), np.zeros(n, bool)
    chosen = []
    for j in range(k):
        train = np.concatenate([fs[x] for x in range(k) if x != j])
        C = max(C_GRID, key=lambda c: t.f1(train, *_held_out(t, train, c, k))["O"]["f1"])
        w, _ = fit(t, train, C)
        fl, mg, _ = thresholds(t, train, w)
        pa[fs[j]], pb[fs[j]] = answers(t.best(w, fs[j]), fl, mg)
        chosen.append(C)
    return t.f1(np.arange(n), pa, pb), chosen


def render(w: dict[str, float], intercept: float, C: float, floor: float, margin: float, cv: dict, k: int,
           n_rows: int, n_examples: int, given: bool = False) -> str:
    lines = [
        '"""Pronoun -> candidate weights FITTED on GAP development (written by',
        "``python -m newsgraph.evaluation.fit_pronouns``; do not edit by hand).",
        "",
        f"Logistic regression over {n_examples} (pronoun, A or B) pairs of {n_rows} development rows,",
        f"C = {C:g} {'given with --C' if given else 'chosen'} ({k}-fold cross-validation: held-out O F1 "
        f"{cv['O']['f1']:.1f}, bias",
        f"{cv['bias']['f1']:.2f}); values are log-odds per unit of each feature of",
        ":meth:`newsgraph.pipeline.resolve.resolver.Resolver.pronoun_features`. The gender features",
        "and ``untyped`` are hand-set in :mod:`.weights`.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "#: feature -> weight (log-odds)",
        "FITTED: dict[str, float] = {",
    ]
    for n in sorted(w):
        lines.append(f'    "{n}": {w[n]:.4f},')
    lines += [
        "}",
        f"INTERCEPT = {intercept:.4f}",
        "#: GAP (A and B given): no answer when the better of A and B scores (without the intercept)",
        "#: at most GAP_FLOOR, or a third person of the snippet beats it by more than GAP_MARGIN",
        f"GAP_FLOOR = {floor:.4f}",
        f"GAP_MARGIN = {margin:.4f}" if margin < 1e8 else "GAP_MARGIN = float(\"inf\")",
        f"#: cross-validated O F1 / bias on development ({k} folds) of the chosen C",
        f"CV_O_F1 = {cv['O']['f1']:.1f}",
        f"CV_BIAS = {cv['bias']['f1']:.2f}",
        "",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=None, help="first N development rows only (a quick check)")
    ap.add_argument("--no-cache", action="store_true", help=f"do not read/write the parses in {CACHE}")
    ap.add_argument("--dry-run", action="store_true", help="print, do not write the weights module")
    ap.add_argument("--C", type=float, default=None, help="use this C (its CV figure is reported) instead of the best")
    ap.add_argument("--nested", action="store_true",
                    help="also report nested cross-validation (C chosen within each training part)")
    args = ap.parse_args(argv)
    rows = load(split_path("development"))[: args.limit]
    cached = analyse(rows, docs=parse(rows, None if args.no_cache else CACHE))
    t = Table.build(rows, cached)
    best: tuple[float, float, dict] = (-1.0, 0.0, {})
    for C in C_GRID:
        cv = cross_validate(t, C, args.folds)
        print(f"C={C:g}: CV O F1 {cv['O']['f1']:.1f} (M {cv['M']['f1']:.1f}, F {cv['F']['f1']:.1f}, "
              f"bias {cv['bias']['f1']:.2f})", flush=True)
        if cv["O"]["f1"] > best[0] + 1e-9:
            best = (cv["O"]["f1"], C, cv)
    _, C, cv = best
    if args.C is not None:
        C, cv = args.C, cross_validate(t, args.C, args.folds)
    if args.nested:
        ncv, cs = nested_cross_validate(t, args.folds)
        print(f"nested CV O F1 {ncv['O']['f1']:.1f} (M {ncv['M']['f1']:.1f}, F {ncv['F']['f1']:.1f}, "
              f"bias {ncv['bias']['f1']:.2f}); C per fold {', '.join(f'{c:g}' for c in cs)}", flush=True)
    idx = np.arange(len(rows))
    w, b = fit(t, idx, C)
    floor, margin, f1 = thresholds(t, idx, w)
    n_ex = len(t.examples(idx)[1])
    print(f"chosen C={C:g}; refitted on all {len(rows)} rows: floor {floor:.3f}, margin {margin:g}, "
          f"O F1 (in-sample) {f1:.1f}")
    for n in sorted(w, key=lambda x: -abs(w[x])):
        print(f"  {n:24s} {w[n]:+.3f}")
    if not args.dry_run:
        text = render(w, b, C, floor, margin, cv, args.folds, len(rows), n_ex, args.C is not None)
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
