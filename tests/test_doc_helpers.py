"""Helpers that read a Doc once instead of per use: they must give exactly what spaCy gives."""

from __future__ import annotations

import itertools

import pytest

spacy = pytest.importorskip("spacy")

from spacy.tokens import Doc

from newsgraph.pipeline.base import doc_text
from newsgraph.pipeline.summary import _entity_keys, _ents_within, _span_text

WORDS = ["Port", "officials", "in", "Velmora", "said", "Jon", "Ostrander", "of", "Harbor", "Line",
         "met", "the", "Coast", "Guard", "on", "Friday", "."]
ENTS = ["O", "O", "O", "B-GPE", "O", "B-PERSON", "I-PERSON", "O", "B-ORG", "I-ORG",
        "O", "O", "B-ORG", "I-ORG", "O", "B-DATE", "O"]


def _doc() -> Doc:
    nlp = spacy.blank("en")
    spaces = [True] * len(WORDS)
    spaces[-2] = False  # "Friday."
    return Doc(nlp.vocab, words=WORDS, spaces=spaces, ents=ENTS)


def test_doc_text_is_doc_text_built_once() -> None:
    doc = _doc()
    assert doc_text(doc) == doc.text == "Port officials in Velmora said Jon Ostrander of Harbor Line met the Coast Guard on Friday. "
    assert doc_text(doc) is doc_text(doc)


def test_entities_within_match_span_ents_for_every_span() -> None:
    doc = _doc()
    starts, ents, counted = _entity_keys(doc)
    assert counted == ["ent:velmora", "ent:jon ostrander", "ent:harbor line", "ent:coast guard"]  # no DATE
    for a, b in itertools.combinations(range(len(doc) + 1), 2):
        span = doc[a:b]
        assert _ents_within(starts, ents, a, b) == ["ent:" + e.text.lower() for e in span.ents], (a, b)
        assert _span_text(doc_text(doc), span) == span.text
