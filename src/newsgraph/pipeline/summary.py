"""Summary stage: a short, deterministic extractive summary (1–3 sentences, about 60 words).

Sentences come from the parser (``doc.sents``). Each candidate sentence is scored by

* position: news leads carry the story, so the weight decays with sentence index
  (``1 / (1 + 0.35 * i)``) and the first eligible sentence gets a bonus;
* centrality: the share of its content words (nouns, proper nouns, verbs, lemmas) and
  entities that recur elsewhere in the article, weighted by how often they recur.

Skipped: datelines/bylines/captions and other boilerplate, sentences that are mostly a direct
quote, questions, fragments without a verb, and very short or very long sentences. The best
sentences are added greedily up to 3 sentences / :data:`MAX_WORDS` words and returned in
text order; a leading dateline ("WASHINGTON (Reuters) -") is stripped from the summary.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from typing import TYPE_CHECKING, Optional

from .base import Work, doc_text, register_stage

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

MAX_SENTENCES = 3
MAX_WORDS = 60
MIN_WORDS = 6
MAX_SENTENCE_WORDS = 55
CANDIDATES = 12  # only the first sentences compete (news lead + early body)

_DATELINE_RE = re.compile(
    r"^\s*(?:[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z0-9][A-Za-z0-9.'’-]*){0,4}\s*,?\s*(?:\([^)]{1,40}\))?|\([^)]{1,40}\))\s*[-–—]+\s*"
)
_BOILER_RE = re.compile(
    r"^\s*(?:photo|image|file photo|video|watch|read more|related|click|subscribe|sign up|follow|advertisement|"
    r"share this|copyright|©|by [A-Z][a-z]+ [A-Z]|updated|posted|published)\b",
    re.IGNORECASE,
)
_QUOTE_CHARS = "\"“”«»„"
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB"})
_WORD_RE = re.compile(r"\S+")


def _words(text: str) -> int:
    return len(_WORD_RE.findall(text))


def _strip_dateline(text: str) -> str:
    m = _DATELINE_RE.match(text)
    return text[m.end():] if m and m.end() < len(text) else text


def _quoted_share(text: str) -> float:
    """Share of characters inside double quotes (straight or curly)."""
    inside = 0
    open_ = False
    for ch in text:
        if ch in _QUOTE_CHARS:
            open_ = not open_
            continue
        if open_:
            inside += 1
    return inside / max(1, len(text))


def _eligible(sent: "Span", text: str) -> bool:
    n = _words(text)
    if n < MIN_WORDS or n > MAX_SENTENCE_WORDS:
        return False
    if _BOILER_RE.match(text) or text.rstrip().endswith("?") or _headline_like(text):
        return False
    if text.rstrip()[-1:] not in ".!\"”’')":
        return False  # no closing punctuation: a title, caption or fragment
    if text.lstrip()[:1].islower() or _quote_marks(text) % 2:
        return False  # not a whole sentence (starts mid-sentence or leaves a quotation open)
    if text.lstrip()[:1] in _QUOTE_CHARS and _quoted_share(text) > 0.5:
        return False  # quotes-only sentence: the summary should state facts, not one voice
    return any(t.pos_ in ("VERB", "AUX") for t in sent)


def _units(doc: "Doc", limit: int, text: str) -> list["Span"]:
    """The first ``limit`` sentences, cut again at paragraph breaks (the parser sometimes runs a
    title into the lead); ``text`` is :func:`~.base.doc_text`."""
    units: list["Span"] = []
    for sent in doc.sents:
        start = sent.start
        for t in sent:
            if t.is_space and "\n" in t.text:
                if t.i > start:
                    units.append(doc[start:t.i])
                start = t.i + 1
        if start < sent.end:
            units.append(doc[start:sent.end])
        if len(units) >= limit + 4:
            break
    return _close_quotes(doc, units, text)[:limit]


def _quote_marks(text: str) -> int:
    """Double quotation marks in ``text`` (straight or curly): odd means a quote is left open."""
    return sum(text.count(c) for c in _QUOTE_CHARS)


def _close_quotes(doc: "Doc", units: list["Span"], text: str) -> list["Span"]:
    """Join sentences split inside a quotation: while a unit leaves a quote open, the next unit
    of the same paragraph belongs to it (so a summary never starts or ends inside a quote)."""
    out: list["Span"] = []
    open_quote = False
    for u in units:
        if out and open_quote and "\n" not in text[out[-1].end_char:u.start_char]:
            out[-1] = doc[out[-1].start:u.end]
        else:
            out.append(u)
        open_quote = _quote_marks(_span_text(text, out[-1])) % 2 == 1
    return out


def _span_text(text: str, span: "Span") -> str:
    """``span.text`` cut from the Doc's ``text`` (the same string, without rebuilding it from tokens)."""
    return text[span.start_char:span.end_char]


_TF_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "EVENT", "FAC"})  # entities counted as terms


def _entity_keys(doc: "Doc") -> tuple[list[int], list[tuple[int, int, str]], list[str]]:
    """The Doc's entities read once (``Span.ents`` walks every token of the Doc again on each
    call): their start tokens, (start, end, "ent:" + lower-cased text), and the keys of those
    with a :data:`_TF_LABELS` label."""
    starts: list[int] = []
    ents: list[tuple[int, int, str]] = []
    counted: list[str] = []
    for e in doc.ents:
        key = "ent:" + e.text.lower()
        starts.append(e.start)
        ents.append((e.start, e.end, key))
        if e.label_ in _TF_LABELS:
            counted.append(key)
    return starts, ents, counted


def _ents_within(starts: list[int], ents: list[tuple[int, int, str]], start: int, end: int) -> list[str]:
    """The keys of the entities ``Span(start, end).ents`` gives: from the first entity starting
    at or after ``start``, those ending by ``end``, up to the first that does not."""
    out: list[str] = []
    for s, e, key in ents[bisect.bisect_left(starts, start):]:
        if e > end:
            break
        out.append(key)
    return out


def _headline_like(text: str) -> bool:
    """Title Case lines ("Trump Wins Nevada Caucus") are headlines, not lead sentences."""
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", text) if len(w) > 3]
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) / len(words) > 0.7


def _heading_units(text: str, units: list["Span"], title: Optional[str]) -> set[int]:
    """Indices of units that are the title or a dek: the title itself, or a short (< 15 words)
    one-sentence paragraph among the first two paragraphs when the body goes on after them."""
    norm_title = " ".join((title or "").lower().rstrip(".").split())
    heads: set[int] = set()
    para_of = [text.count("\n\n", 0, u.start_char) if u.start_char < 20000 else 99 for u in units]
    for i, u in enumerate(units):
        u_text = _span_text(text, u)
        if norm_title and " ".join(u_text.lower().rstrip(".").split()) == norm_title:
            heads.add(i)
        elif (para_of[i] < 2 and para_of.count(para_of[i]) == 1 and _words(u_text) < 15
              and text.find("\n\n", u.end_char) >= 0):
            heads.add(i)
    return heads


def _content_terms(doc: "Doc") -> list[str]:
    """Per token: its lower-cased lemma if it is a content word (noun, proper noun, verb; not a
    stop word; alphabetic), else ""."""
    import numpy
    from spacy.attrs import IS_ALPHA, IS_STOP, LEMMA, POS

    if len(doc) == 0:
        return []
    arr = doc.to_array([POS, IS_STOP, IS_ALPHA, LEMMA])
    content_pos = [doc.vocab.strings[p] for p in sorted(_CONTENT_POS)]
    keep = numpy.isin(arr[:, 0], content_pos) & (arr[:, 1] == 0) & (arr[:, 2] != 0)
    strings = doc.vocab.strings
    cache: dict[int, str] = {}
    out = [""] * len(doc)
    for i, lemma in zip(keep.nonzero()[0].tolist(), arr[keep, 3].tolist()):
        word = cache.get(lemma)
        if word is None:
            word = cache[lemma] = strings[lemma].lower()
        out[i] = word
    return out


def summarize(
    doc: "Doc", max_words: int = MAX_WORDS, max_sentences: int = MAX_SENTENCES, title: Optional[str] = None
) -> Optional[str]:
    """Extractive summary of a parsed article, or ``None`` when no sentence qualifies."""
    text_of_doc = doc_text(doc)
    sents = _units(doc, CANDIDATES * 2, text_of_doc)
    if not sents:
        return None
    # term frequencies over the whole article: lower-cased lemmas of content words (computed
    # on token attribute arrays, not per Token object) and entity strings
    terms_of = _content_terms(doc)
    tf: Counter[str] = Counter(w for w in terms_of if w)
    ent_starts, ent_keys, counted = _entity_keys(doc)
    tf.update(counted)

    heads = _heading_units(text_of_doc, sents, title)
    scored: list[tuple[float, int, str]] = []
    for i, sent in enumerate(sents[:CANDIDATES * 2]):
        text = _strip_dateline(_span_text(text_of_doc, sent).strip())
        if len(scored) >= CANDIDATES:
            break
        if i in heads or not _eligible(sent, text):
            continue
        terms = [w for w in terms_of[sent.start:sent.end] if w]
        terms += [key for key in _ents_within(ent_starts, ent_keys, sent.start, sent.end) if key in tf]
        if terms:
            centrality = sum(math.log1p(tf[w] - 1) for w in terms if tf[w] > 1) / math.sqrt(len(terms))
        else:
            centrality = 0.0
        position = 1.0 / (1.0 + 0.35 * i) + (0.5 if not scored else 0.0)
        scored.append((position + 0.25 * centrality, i, " ".join(text.split())))

    if not scored:
        return None
    chosen: list[tuple[int, str]] = []
    words = 0
    top = max(s for s, _, _ in scored)
    for score, i, text in sorted(scored, key=lambda x: (-x[0], x[1])):
        n = _words(text)
        if chosen and (words + n > max_words or score < 0.5 * top):
            continue
        chosen.append((i, text))
        words += n
        if len(chosen) >= max_sentences or words >= max_words:
            break
    chosen.sort()
    return " ".join(t for _, t in chosen)


@register_stage("summary")
class SummaryStage:
    """Sets ``article.summary`` to a 1–3 sentence extractive summary."""

    name = "summary"
    needs_doc = True

    def __call__(self, work: Work) -> None:
        if work.doc is not None:
            work.article.summary = summarize(work.doc, title=work.article.title)
