"""People given from outside the text (a task's candidate names, e.g. GAP's A and B).

:func:`with_people` returns the article's entity list with each given person as a PERSON
entity whose name mentions are the given spans plus every whole-word occurrence of the name
and, where unambiguous among the given people, of its first and last word ("Cheryl Cassidy"
... "Cassidy"). Entities the entities stage built that overlap exactly one given person are
merged into it (a surname the model typed ORG becomes that person's mention); mentions that
overlap several given people are dropped from their entity.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

from ...model import Entity, Mention

#: a given person: (name as written, spans of its mentions the caller knows, gender "m"/"f" or None)
GivenPerson = tuple[str, Sequence[tuple[int, int]], Optional[str]]
_STOP = frozenset("the a an of and de van von der la le".split())


def _occurrences(text: str, word: str) -> list[tuple[int, int]]:
    if not word:
        return []
    return [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(word) + r"(?![\w-])", text)]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping spans, the longest first at each position."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if out and a < out[-1][1]:
            continue
        out.append((a, b))
    return out


def person_spans(text: str, people: Sequence[GivenPerson]) -> list[list[tuple[int, int]]]:
    """For each given person: its given spans, the name's occurrences, and those of its first
    and last word when no other given person's name contains that word."""
    words = [[w for w in name.split() if w.lower() not in _STOP] for name, _, _ in people]
    out = []
    for i, (name, given, _) in enumerate(people):
        spans = list(given) + _occurrences(text, name)
        ws = words[i]
        for w in {ws[0], ws[-1]} if len(ws) > 1 else set():
            w = w.rstrip(".,")
            if len(w) > 1 and w[:1].isupper() and not any(w in o for j, o in enumerate(words) if j != i):
                spans += _occurrences(text, w)
        out.append(spans)
    # a span of one person inside another person's span goes to the longer one
    for i in range(len(out)):
        others = [s for j, ss in enumerate(out) if j != i for s in ss]
        out[i] = _merge([s for s in out[i] if not any(o[0] <= s[0] and s[1] <= o[1] and o != s for o in others)])
    return out


def given_genders(people: Sequence[GivenPerson]) -> dict[str, str]:
    """Entity id -> gender of the given people whose gender the caller knows."""
    return {f"given{i}": g for i, (_, _, g) in enumerate(people) if g}


def with_people(entities: list[Entity], text: str, people: Sequence[GivenPerson]) -> list[Entity]:
    """``entities`` with the given ``people`` as PERSON entities (see the module docstring)."""
    if not people:
        return entities
    spans = person_spans(text, people)

    def touching(m: Mention) -> set[int]:
        return {i for i, ss in enumerate(spans) for a, b in ss if min(b, m.end) > max(a, m.start)}

    merged: list[list[Mention]] = [[] for _ in people]
    names: list[list[str]] = [[] for _ in people]
    kept: list[Entity] = []
    for e in entities:
        hit = set().union(*(touching(m) for m in e.mentions if m.kind == "name")) if e.mentions else set()
        if len(hit) == 1:
            (i,) = hit
            merged[i] += [m for m in e.mentions if m.kind == "name"]
            names[i].append(e.name)
            continue
        rest = [m for m in e.mentions if m.kind != "name" or not touching(m)]
        if rest:
            kept.append(e.model_copy(update={"mentions": rest}))
    taken = {(m.start, m.end) for e in kept for m in e.mentions}
    for i, (name, _, _) in enumerate(people):
        ms = {(a, b): Mention(start=a, end=b, text=text[a:b]) for a, b in spans[i]}
        for m in merged[i]:
            if not any(min(b, m.end) > max(a, m.start) for a, b in ms) and (m.start, m.end) not in taken:
                ms[(m.start, m.end)] = m
        kept.append(Entity(id=f"given{i}", name=name, type="PERSON", aliases=names[i],
                           mentions=sorted(ms.values(), key=lambda m: m.start)))
    return kept
