"""Fit the header decoder's weights on the DEV layout families and write ``pipeline/header/weights.py``.

The top lines of each dev case are one training sequence (each line's binary features, its gold
role from the layout that rendered it). A linear-chain CRF (python-crfsuite, a dev dependency;
newsgraph itself only reads the written weights) is fitted on them; its state and transition
weights are written out and decoded by newsgraph's own Viterbi under the grammar. Only dev
families and dev-split articles are read (test families never are).

    PYTHONPATH=src .venv/bin/python -m newsgraph.evaluation.fit_header [--c2 1.0]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..pipeline.clean import _hint_title, header_features, prepare
from ..pipeline.header.decoder import (
    ROLES,
    START,
    allowed,
    line_roles,
)
from . import layouts as L

OUT = Path(__file__).resolve().parents[1] / "pipeline" / "header" / "weights.py"


def gold_roles(case: L.Case, texts: list[str]) -> list[str]:
    """Role of each candidate line of the window, from the layout's header lines."""
    header = [(" ".join(t.split()), r) for t, r in case.header if r != "blank" and t.strip()]
    out: list[str] = []
    k = 0
    for t in texts:
        role = "body"
        for j in range(k, len(header)):
            line, r = header[j]
            if t == line or (len(t) > 10 and t in line):
                role = r
                if t == line or line.endswith(t):
                    k = j + 1
                break
        if role == "body":
            k = len(header)  # the body started: no header line after it
        out.append(role)
    return out


def valid(roles: list[str], titled0: bool) -> bool:
    prev, titled = START, titled0
    for r in roles:
        if not allowed(prev, titled, r):
            return False
        prev, titled = r, titled or r in ("title", "repeated_title")
    return True


def training_data(per_family: int) -> list[tuple]:
    data = []
    skipped = 0
    for case in L.cases("dev", per_family):
        hint = _hint_title(case.hint, None)
        cands, _ = prepare(case.text)
        lines, feats = header_features(cands, hint)
        roles = gold_roles(case, [c.text for c in cands[:len(feats)]])
        masks = [line_roles(li.kinds) for li in lines]
        if not valid(roles, hint is not None) or any(r not in m for r, m in zip(roles, masks)):
            skipped += 1
            continue
        data.append((feats, roles, hint is not None, len(feats) == len(cands), masks))
    print(f"{len(data)} dev cases ({skipped} skipped: gold order outside the grammar)")
    return data


def fit(data, c2: float = 1.0, c1: float = 0.0, iterations: int = 200):
    """A linear-chain CRF (python-crfsuite, L-BFGS with L1/L2) over the lines' binary features;
    its state weights become EMISSION, its transition weights TRANSITION (with a START state
    given as a feature of the first line, ``pos0``, the crfsuite model has no start transition:
    the START row is left at 0 and position features carry it)."""
    import tempfile

    import pycrfsuite  # type: ignore[import-untyped]

    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, gold, *_ in data:
        trainer.append([{f: 1.0 for f in fs} for fs in feats], gold)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/header.crfsuite"
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()
        ok = total = 0
        for feats, gold, *_ in data:
            pred = tagger.tag([{f: 1.0 for f in fs} for fs in feats])
            ok += sum(p == g for p, g in zip(pred, gold))
            total += len(gold)
        print(f"{total} lines; CRF training accuracy (unconstrained decoding) {ok / total:.4f}")
    emission_w: dict[str, dict[str, float]] = {}
    for (attr, label), w in info.state_features.items():
        if abs(w) >= 1e-3:
            emission_w.setdefault(attr, {})[label] = round(w, 3)
    transition_w = {f"{a}>{b}": round(w, 3) for (a, b), w in info.transitions.items() if abs(w) >= 1e-3}
    return emission_w, transition_w


def write(emission_w, transition_w, n: int, c2: float) -> None:
    lines = [
        '"""Header decoder weights, fitted by ``python -m newsgraph.evaluation.fit_header`` (do not edit).',
        "",
        f"Linear-chain CRF (python-crfsuite, L2 c2={c2}) over {n} dev layout cases (dev families, dev-split",
        "articles). EMISSION[feature][role] (state weights); TRANSITION['prev>role'].",
        '"""',
        "",
        "EMISSION: dict[str, dict[str, float]] = {",
    ]
    for f in sorted(emission_w):
        inner = ", ".join(f"{r!r}: {v}" for r, v in sorted(emission_w[f].items(), key=lambda x: ROLES.index(x[0])))
        lines.append(f"    {f!r}: {{{inner}}},")
    lines.append("}")
    lines.append("TRANSITION: dict[str, float] = {")
    for k in sorted(transition_w):
        lines.append(f"    {k!r}: {transition_w[k]},")
    lines.append("}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--c2", type=float, default=1.0, help="L2 regularisation (crfsuite c2)")
    ap.add_argument("--per-family", type=int, default=3 * L.PER_FAMILY,
                    help="articles per dev family (the random family gets proportionally more)")
    args = ap.parse_args()
    data = training_data(args.per_family)
    em, tr = fit(data, args.c2)
    write(em, tr, len(data), args.c2)


if __name__ == "__main__":
    main()
