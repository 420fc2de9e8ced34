"""Fit the header decoder's weights on the DEV layout families and write ``pipeline/header/weights.py``.

Averaged structured perceptron (Collins 2002): for each dev case the top lines are decoded with
the current weights under the grammar; where the decoded roles differ from the gold roles, the
gold roles' feature and transition weights go up by one and the decoded ones down. The written
weights are the average over all updates, rounded. Only dev families and dev-split articles are
read (test families never are). Gold roles of the lines come from the layout that rendered them.

    PYTHONPATH=src .venv/bin/python -m newsgraph.evaluation.fit_header [--epochs 12]
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict
from pathlib import Path

from ..pipeline.clean import _hint_title, header_features, prepare
from ..pipeline.header.decoder import (
    ROLES,
    START,
    allowed,
    emission,
    line_roles,
    viterbi,
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


def training_data(per_family: int) -> list[tuple[list[list[str]], list[str], bool]]:
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


def fit(data, epochs: int, seed: int = 0):
    w: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    tr: dict[str, float] = defaultdict(float)
    wsum: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    trsum: dict[str, float] = defaultdict(float)
    c = 1
    rng = random.Random(seed)
    order = list(range(len(data)))
    for ep in range(epochs):
        rng.shuffle(order)
        errors = 0
        for idx in order:
            feats, gold, titled0, ends, masks = data[idx]
            pred = viterbi([emission(f, w) for f in feats], tr, titled0, ends, masks)
            if pred == gold:
                c += 1
                continue
            errors += sum(p != g for p, g in zip(pred, gold))
            for seq, sign in ((gold, 1.0), (pred, -1.0)):
                prev = START
                for f, r in zip(feats, seq):
                    for x in f:
                        w[x][r] += sign
                        wsum[x][r] += sign * c
                    tr[f"{prev}>{r}"] += sign
                    trsum[f"{prev}>{r}"] += sign * c
                    prev = r
            c += 1
        print(f"epoch {ep + 1}: {errors} line errors")
    avg = {x: {r: round(v - wsum[x][r] / c, 3) for r, v in rs.items() if abs(v - wsum[x][r] / c) > 1e-6}
           for x, rs in w.items()}
    avg = {x: rs for x, rs in avg.items() if rs}
    avg_tr = {k: round(v - trsum[k] / c, 3) for k, v in tr.items() if abs(v - trsum[k] / c) > 1e-6}
    return avg, avg_tr


def write(emission_w, transition_w, n: int, epochs: int) -> None:
    lines = [
        '"""Header decoder weights, fitted by ``python -m newsgraph.evaluation.fit_header`` (do not edit).',
        "",
        f"Averaged structured perceptron, {epochs} epochs over {n} dev layout cases (dev families,",
        "dev-split articles). EMISSION[feature][role]; TRANSITION['prev>role'].",
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
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--per-family", type=int, default=L.PER_FAMILY)
    args = ap.parse_args()
    data = training_data(args.per_family)
    em, tr = fit(data, args.epochs)
    write(em, tr, len(data), args.epochs)


if __name__ == "__main__":
    main()
