"""The cue lexicon shared by the quotes, sources and events stages: one line of data per verb."""

from __future__ import annotations

import pytest

from newsgraph.model import Article
from newsgraph.nlp import get_nlp
from newsgraph.pipeline import Work, create_stage
from newsgraph.pipeline.quote_cues import CUE_TABLE, LEXICON, CueLexicon, inflections
from newsgraph.pipeline.quotes import extract_quotes
from newsgraph.pipeline.sources import find_sources
from newsgraph.readers.base import RawDocument


def test_table_rows_parse_into_classes_frames_and_forms() -> None:
    lex = CueLexicon.from_table("""
    # a comment line
    say     speech evid outlet stmt   said
    vow     speech stance to
    fear    belief
    """)
    assert lex.speech == {"say", "vow"} and lex.belief == {"fear"} and lex.xcomp == {"vow"}
    assert lex.to_outlet == {"say"} and lex.evidence == {"say"}
    assert lex.cues["say"].irregular == ("said",)
    assert "said" in lex.forms(["say"]) and "saying" in lex.forms(["say"])
    assert "saying" not in lex.forms(["say"], ing=False)


@pytest.mark.parametrize("lemma, forms", [
    ("note", {"note", "notes", "noted", "noting"}),
    ("deny", {"deny", "denies", "denied", "denying"}),
    ("stress", {"stress", "stresses", "stressed", "stressing"}),
    ("play", {"play", "plays", "played", "playing"}),
])
def test_regular_inflections(lemma: str, forms: set[str]) -> None:
    assert inflections(lemma) == forms


@pytest.mark.parametrize("lemma, form, wrong", [
    ("tell", "told", "telled"), ("say", "said", "sayed"), ("speak", "spoke", "speaked"),
    ("write", "wrote", "writed"), ("admit", "admitted", "admited"), ("find", "found", "finded"),
])
def test_irregular_forms_replace_the_regular_ones(lemma: str, form: str, wrong: str) -> None:
    assert form in LEXICON.cues[lemma].forms() and wrong not in LEXICON.cues[lemma].forms()


def test_every_verb_class_is_known_and_no_lemma_repeats() -> None:
    lemmas = [line.split()[0] for line in CUE_TABLE.splitlines() if line.strip() and not line.startswith("#")]
    assert len(lemmas) == len(set(lemmas))
    assert all(c.classes or c.frames for c in LEXICON.cues.values())


@pytest.fixture(scope="module")
def parsed():
    entities = create_stage("entities")

    def _parse(text: str) -> tuple[Article, object]:
        article = Article(language="en")
        article.set_paragraphs(text.split("\n\n"))
        work = Work(article=article, raw=RawDocument(text=text), doc=get_nlp()(article.text))
        entities(work)
        return article, work.doc

    return _parse


def test_adding_a_reporting_verb_is_one_line_of_data(parsed) -> None:
    """"opine" is not in the table: with one more line, quotes and sources both know it."""
    text = ("Ines Varga opined that the bridge would reopen in May.\n\n"
            "Brannfeld Systems opined in a statement that the sensors were sound.")
    article, doc = parsed(text)
    assert "opine" not in LEXICON.cues
    before, _ = extract_quotes(article, doc)
    assert not [q for q in before if "bridge" in q.text]
    assert not [s for s in find_sources(text) if s.kind == "document"]

    extended = CueLexicon.from_table(CUE_TABLE + "opine          speech stmt\n")
    after, _ = extract_quotes(article, doc, lexicon=extended)
    bridge = [q for q in after if q.text == "the bridge would reopen in May"]
    assert len(bridge) == 1 and bridge[0].kind == "indirect" and bridge[0].speaker == "Ines Varga"
    docs = [s for s in find_sources(text, lexicon=extended) if s.kind == "document"]
    assert [(s.outlet, text[s.start:s.end]) for s in docs] == [("statement by Brannfeld Systems", "statement")]
