"""Best role sequence for the header lines: Viterbi under a small grammar of allowed orders.

A line's score for a role is the sum of the fitted weights of its features for that role
(:mod:`.weights`, fitted by :mod:`newsgraph.evaluation.fit_header`); a transition adds the
fitted weight of the (previous role, role) pair. The grammar (:data:`ALLOWED`) forbids orders no
layout has: a summary line only before the title, one title, a repeated title only once a title
is known (in the text or from the page metadata), a dek only under a title, nothing but body
after the body starts. The state is (role, title known).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional, Sequence

ROLES = ("summary_line", "title", "repeated_title", "dek", "byline", "dateline", "caption", "boilerplate", "body")
START = "start"

_ANY = frozenset(ROLES)
#: Which role may follow which (before the title-known condition).
ALLOWED: dict[str, frozenset[str]] = {
    START: _ANY,
    "summary_line": frozenset({"title", "repeated_title", "boilerplate", "caption"}),
    "title": frozenset({"repeated_title", "dek", "byline", "dateline", "caption", "boilerplate", "body"}),
    "repeated_title": frozenset({"repeated_title", "dek", "byline", "dateline", "caption", "boilerplate", "body"}),
    "dek": frozenset({"byline", "dateline", "caption", "boilerplate", "body"}),
    "byline": frozenset({"byline", "dek", "dateline", "caption", "boilerplate", "body", "repeated_title"}),
    "dateline": frozenset({"body", "boilerplate"}),
    "caption": frozenset({"dek", "byline", "dateline", "caption", "boilerplate", "body", "repeated_title"}),
    "boilerplate": _ANY,
    "body": frozenset({"body"}),
}
_NEEDS_TITLE = frozenset({"repeated_title", "dek"})


@dataclass
class Decision:
    """One labelled header line: its role, the role's score and the runner-up's."""

    role: str
    score: float
    margin: float  # score minus the best other role's score for this line (emission only)


def allowed(prev: str, titled: bool, role: str) -> bool:
    if role not in ALLOWED[prev]:
        return False
    if role in _NEEDS_TITLE and not titled:
        return False
    if role == "summary_line":  # also above a title that the page metadata gave
        return prev in (START, "boilerplate")
    return not (role == "title" and titled)


def emission(feats: Sequence[str], weights: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    scores = dict.fromkeys(ROLES, 0.0)
    for f in feats:
        w = weights.get(f)
        if w:
            for r, v in w.items():
                scores[r] += v
    return scores


#: Roles the text may end with (a title, dek or byline needs something after it).
FINAL = frozenset({"body", "repeated_title"})


_ALLOWED_NEXT: dict[tuple[str, bool], tuple[str, ...]] = {}


def _next_roles(prev: str, titled: bool) -> tuple[str, ...]:
    key = (prev, titled)
    if key not in _ALLOWED_NEXT:
        _ALLOWED_NEXT[key] = tuple(r for r in ROLES if allowed(prev, titled, r))
    return _ALLOWED_NEXT[key]


def line_roles(kinds: tuple[str, ...]) -> frozenset[str]:
    """Roles a line may take given its pattern hits: a byline must parse as one, a dateline line
    must be one, and neither (nor a paragraph opening with a dateline) is a title or summary; a
    sentence-case question is a title only with header material (byline, caption, dateline, a
    dek without final punctuation) close below it; a summary line has a sentence's length."""
    if "long" in kinds:  # a paragraph of several hundred characters is body text
        return frozenset({"body"})
    roles = set(ROLES)
    if "repeat" not in kinds:
        roles.discard("repeated_title")
    if not {"byline", "credit", "affiliation"} & set(kinds):
        roles.discard("byline")
    if "dateline" not in kinds:
        roles.discard("dateline")
    if {"byline", "dateline", "inline_dateline"} & set(kinds):
        roles -= {"title", "summary_line", "dek"}
    if "short" in kinds:  # a summary line is a sentence, not a label
        roles.discard("summary_line")
    if "prose" in kinds:  # full sentences are no headline
        roles.discard("title")
    if "question" in kinds and "header_follows" not in kinds:  # a question lede; a question with a
        roles.discard("title")  # byline, caption or dateline close below may be the headline
    return frozenset(roles)


def viterbi(emissions: list[dict[str, float]], transition: Mapping[str, float], titled0: bool,
            ends: bool = False, masks: Optional[Sequence[frozenset[str]]] = None) -> list[str]:
    """Best role sequence (argmax of emission + transition scores) under the grammar; ``ends``:
    the last emission is the text's last line."""
    if not emissions:
        return []
    # state: (role, titled) -> (score, backpointer state)
    best: list[dict[tuple[str, bool], tuple[float, Optional[tuple[str, bool]]]]] = []
    prev_states: dict[tuple[str, bool], tuple[float, Optional[tuple[str, bool]]]] = {(START, titled0): (0.0, None)}
    trans = {(a, b): v for k, v in transition.items() for a, _, b in [k.partition(">")]}
    for i, em in enumerate(emissions):
        cur: dict[tuple[str, bool], tuple[float, Optional[tuple[str, bool]]]] = {}
        ok = masks[i] if masks is not None else _ANY
        for (pr, titled), (ps, _) in prev_states.items():
            for r in _next_roles(pr, titled):
                if r not in ok:
                    continue
                s = ps + em[r] + trans.get((pr, r), 0.0)
                st = (r, titled or r in ("title", "repeated_title"))
                if st not in cur or s > cur[st][0]:
                    cur[st] = (s, (pr, titled))
        best.append(cur)
        prev_states = cur
    finals = [k for k in prev_states if not ends or k[0] in FINAL] or list(prev_states)
    state = max(finals, key=lambda k: prev_states[k][0])
    out = [state[0]]
    for i in range(len(best) - 1, 0, -1):
        state = best[i][state][1]  # type: ignore[assignment]
        out.append(state[0])
    out.reverse()
    return out


def decode(doc_feats: list[list[str]], titled0: bool, weights: Optional[Mapping] = None,
           transition: Optional[Mapping[str, float]] = None, ends: bool = False,
           masks: Optional[Sequence[frozenset[str]]] = None) -> list[Decision]:
    """Roles (with scores) of the header lines described by ``doc_feats``."""
    if weights is None or transition is None:
        from . import weights as W

        weights, transition = W.EMISSION, W.TRANSITION
    ems = [emission(f, weights) for f in doc_feats]
    roles = viterbi(ems, transition, titled0, ends, masks)
    out = []
    for em, r in zip(ems, roles):
        other = max(v for k, v in em.items() if k != r)
        out.append(Decision(r, em[r], em[r] - other))
    return out
