"""Small sparse text vectors for story clustering: tokens, light stemming, sublinear tf, cosine.

Vectors are plain ``dict[str, float]`` (term -> weight), serialised compactly as JSON.
Entity features are terms with an ``"e:"`` prefix so they share the document-frequency table.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from typing import Iterable, Mapping, Optional

from ..model import Article, normalise_text

_TOKEN = re.compile(r"[a-z][a-z0-9'-]*[a-z0-9]|[0-9]+(?:[.,][0-9]+)*|[a-z]")

STOP_WORDS = frozenset("""
a about above after again against all also although am among an and another any are aren't around as at be
because been before being below between both but by can cannot could couldn't did didn't do does doesn't doing
don't down during each either else even ever every few for from further get gets got had hadn't has hasn't have
haven't having he he'd he'll he's her here here's hers herself him himself his how how's however i i'd i'll i'm
i've if in into is isn't it it's its itself just least less let's like made make many may me might more most
much must mustn't my myself neither no nor not now of off often on once one only or other others ought our ours
ourselves out over own per rather really said same say says shall shan't she she'd she'll she's should
shouldn't since so some such than that that's the their theirs them themselves then there there's these they
they'd they'll they're they've this those though through thus to too toward towards under until up upon us very
via was wasn't we we'd we'll we're we've were weren't what what's whatever when when's where where's whether
which while who who's whom whose why why's will with within without won't would wouldn't yet you you'd you'll
you're you've your yours yourself yourselves told tell according also new news reported report reports
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week year years time
""".split())

#: Entity types used as story features.
STORY_ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
                                "WORK_OF_ART", "LAW"})


def stem(token: str) -> str:
    """A very light English stemmer (plural/possessive/-ing/-ed folding) that keeps tokens readable."""
    if token.endswith("'s"):
        token = token[:-2]
    if len(token) > 4 and not token[0].isdigit():
        if token.endswith("ies") and len(token) > 5:
            return token[:-3] + "y"
        if token.endswith("s") and not token.endswith(("ss", "us", "is")):
            return token[:-1]
    return token


def tokens(text: str) -> list[str]:
    """Lower-cased, stemmed content tokens of ``text`` (stop words and 1-letter tokens dropped)."""
    out = []
    for t in _TOKEN.findall(normalise_text(text)):
        t = t.strip("'-")
        if len(t) < 2 or t in STOP_WORDS:
            continue
        out.append(stem(t))
    return out


def entity_key(name: str) -> str:
    """Feature name for an entity: ``"e:"`` + its normalised name."""
    return "e:" + re.sub(r"\s+", " ", re.sub(r"[^\w ]+", " ", normalise_text(name))).strip()


def term_counts(article: Article, title_weight: float = 2.0, entity_types: frozenset = STORY_ENTITY_TYPES
                ) -> Counter:
    """Term counts of the body plus the title (counted ``title_weight`` times) plus entity features."""
    c: Counter = Counter(tokens(article.text))
    if article.title:
        for t in tokens(article.title):
            c[t] += title_weight
    for e in article.entities:
        if e.type in entity_types:
            k = entity_key(e.name)
            if len(k) > 3:
                c[k] += max(1, len(e.mentions))
    return c


def sublinear(counts: Mapping[str, float]) -> dict[str, float]:
    """``1 + log(tf)`` weights."""
    return {t: 1.0 + math.log(n) for t, n in counts.items() if n > 0}


def idf_weight(vec: Mapping[str, float], df: Mapping[str, int], n_docs: int, entity_boost: float = 1.0,
               ) -> dict[str, float]:
    """Apply smoothed idf (``log((1+N)/(1+df)) + 1``) and ``entity_boost`` to ``e:`` terms; L2-normalise."""
    out = {}
    for t, w in vec.items():
        v = w * (math.log((1 + n_docs) / (1 + df.get(t, 0))) + 1.0)
        if t.startswith("e:"):
            v *= entity_boost
        out[t] = v
    norm = math.sqrt(sum(v * v for v in out.values()))
    return {t: v / norm for t, v in out.items()} if norm else out


_YEAR_TOKEN = re.compile(r"\b(?:1[89]|20)[0-9][0-9]\b")
_NUMBER_TOKEN = re.compile(r"(?<![\w.,])[0-9]+(?:\.[0-9]+)?(?![\w]|[.,][0-9])")
#: Event-detail kinds: entity types (or "YEAR"/"NUMBER") -> feature prefix.
DETAIL_KINDS = {"PERSON": "p:", "GPE": "l:", "LOC": "l:", "FAC": "l:", "YEAR": "y:", "NUMBER": "n:"}


def detail_counts(article: Article) -> Counter:
    """Event-detail features of an article with their counts: named persons (``p:``), places (``l:``,
    GPE/LOC/FAC entities), 4-digit years (``y:``) and other numbers (``n:``) in the title and text."""
    c: Counter = Counter()
    for e in article.entities:
        prefix = DETAIL_KINDS.get(e.type)
        if prefix in ("p:", "l:"):
            k = entity_key(e.name)[2:]
            if len(k) > 1:
                c[prefix + k] += max(1, len(e.mentions))
    text = normalise_text(((article.title or "") + "\n") + article.text)
    for m in _YEAR_TOKEN.findall(text):
        c["y:" + m] += 1
    for m in _NUMBER_TOKEN.findall(text):
        if not _YEAR_TOKEN.fullmatch(m):
            c["n:" + m] += 1
    return c


DETAIL_WEIGHTS: tuple[tuple[str, float], ...] = (("p:", 1.0), ("l:", 1.0), ("y:", 1.0), ("n:", 1.0))


def detail_similarity(article: Mapping[str, float], story: Mapping[str, float], df: Mapping[str, int],
                      n_docs: int, weights: tuple[tuple[str, float], ...] = DETAIL_WEIGHTS) -> float:
    """Sum over detail kinds (persons, places, years, numbers) of the idf-weighted cosine between an
    article's detail counts and a story's detail profile (members mentioning each detail); in [0, 4]."""
    total = 0.0
    for prefix, weight in weights:
        a = {t: (1.0 + math.log(n)) * math.log((1 + n_docs) / (1 + df.get(t, 0)))
             for t, n in article.items() if t.startswith(prefix) and n > 0}
        if not a:
            continue
        b = {t: (1.0 + math.log(n)) * math.log((1 + n_docs) / (1 + df.get(t, 0)))
             for t, n in story.items() if t.startswith(prefix) and n > 0}
        na = math.sqrt(sum(v * v for v in a.values()))
        nb = math.sqrt(sum(v * v for v in b.values()))
        if na and nb:
            total += weight * sum(w * b.get(t, 0.0) for t, w in a.items()) / (na * nb)
    return total


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two L2-normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def top_terms(vec: Mapping[str, float], k: int) -> dict[str, float]:
    """The ``k`` heaviest terms of ``vec``."""
    if len(vec) <= k:
        return dict(vec)
    return dict(sorted(vec.items(), key=lambda kv: -kv[1])[:k])


def dumps(vec: Mapping[str, float], digits: int = 4) -> str:
    return json.dumps({t: round(w, digits) for t, w in vec.items()}, separators=(",", ":"), ensure_ascii=False)


def loads(s: Optional[str]) -> dict[str, float]:
    return json.loads(s) if s else {}


def add_into(acc: dict[str, float], vec: Iterable[tuple[str, float]], scale: float = 1.0) -> dict[str, float]:
    for t, w in vec:
        acc[t] = acc.get(t, 0.0) + scale * w
    return acc
