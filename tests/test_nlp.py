"""Shared spaCy pipeline: paragraph breaks are sentence boundaries for every stage."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from newsgraph.nlp import (LEMMA_FIXES, PARAGRAPH_BREAKS, add_lemma_fixes, add_paragraph_breaks,  # noqa: E402
                           mark_paragraph_breaks)


def sents(doc) -> list[str]:
    return [s.text for s in doc.sents]


def test_component_sits_before_the_parser(nlp):
    names = nlp.pipe_names
    assert PARAGRAPH_BREAKS in names
    assert names.index(PARAGRAPH_BREAKS) < names.index("parser")
    assert add_paragraph_breaks(nlp) is nlp and nlp.pipe_names == names  # idempotent


@pytest.mark.parametrize("first, second", [
    ("Flood waters rose across the valley on Tuesday", "Residents of Millbrook were told to leave."),
    ('"We are ready," said Ana Ruiz, the fire chief', '"Nobody should drive through water."'),
    ("She said the plan was sound and", "he disagreed with her."),
])
def test_paragraph_break_is_a_sentence_boundary(nlp, first, second):
    # without the component the parser joins each of these pairs into one sentence
    doc = nlp(first + "\n\n" + second)
    assert sents(doc) == [first + "\n\n", second]
    for sent in doc.sents:  # no dependency arc crosses the break
        assert all(sent.start <= t.head.i < sent.end for t in sent)


def test_bare_parser_would_join_paragraphs(nlp):
    text = "Shares fell 3 percent\n\nAnalysts expect a recovery next year."
    with nlp.select_pipes(disable=[PARAGRAPH_BREAKS]):
        bare = sents(nlp(text))
    assert sents(nlp(text)) == ["Shares fell 3 percent\n\n", "Analysts expect a recovery next year."]
    assert len(bare) == 1  # documents why the component exists (model en_core_web_sm 3.8.0)


def test_sentences_inside_a_paragraph_still_split(nlp):
    para = "The council met on Monday. It approved the new budget after a long debate."
    assert sents(nlp(para)) == ["The council met on Monday.", "It approved the new budget after a long debate."]
    doc = nlp(para + "\n\nThe vote was close.")
    assert sents(doc) == ["The council met on Monday.", "It approved the new budget after a long debate.\n\n",
                          "The vote was close."]


def test_whitespace_runs_and_edges(nlp):
    doc = nlp("Roads are closed\n \n\nSchools stay open.\n")
    assert sents(doc) == ["Roads are closed\n \n\n", "Schools stay open.\n"]
    assert not any(t.is_space and t.is_sent_start for t in doc)
    doc = nlp("\nRoads are closed")
    assert doc[1].is_sent_start and sents(doc)[-1] == "Roads are closed"
    assert len(nlp("")) == 0 and sents(nlp("Hi.")) == ["Hi."]
    # a single line break inside a paragraph also ends the sentence
    assert sents(nlp("The storm moved east\nthe rain stopped by noon."))[0] == "The storm moved east\n"


def test_docs_without_newlines_are_untouched(nlp):
    """Pre-tokenised docs with preset sentence starts (the CoNLL NER evaluation) keep them."""
    from spacy.tokens import Doc

    words = ["Rain", "fell", "in", "Oslo", "today", "Police", "closed", "roads", "."]
    starts = [True, False, False, False, False, True, False, False, False]
    doc = Doc(nlp.vocab, words=words, sent_starts=starts)
    before = doc.to_array(["SENT_START"]).tolist()
    assert mark_paragraph_breaks(doc) is doc
    assert doc.to_array(["SENT_START"]).tolist() == before
    parsed = nlp(Doc(nlp.vocab, words=words, sent_starts=starts))
    assert [s.start for s in parsed.sents] == [0, 5]


def test_component_only_marks_break_tokens(nlp):
    doc = nlp.make_doc("One two.\n\nThree four. Five.")
    mark_paragraph_breaks(doc)
    marks = [(t.text, t.is_sent_start) for t in doc]
    assert marks == [("One", True), ("two", None), (".", None), ("\n\n", False), ("Three", True),
                     ("four", None), (".", None), ("Five", None), (".", None)]


def test_lemma_fixes_run_last_and_are_idempotent(nlp):
    assert nlp.pipe_names[-1] == LEMMA_FIXES
    names = nlp.pipe_names
    assert add_lemma_fixes(nlp) is nlp and nlp.pipe_names == names


@pytest.mark.parametrize("sentence, word", [
    ("She hopes that the bill passes.", "hopes"),
    ("They hoped to win the county.", "hoped"),
    ("He is hoping the vote fails.", "hoping"),
])
def test_hope_is_not_lemmatised_as_hop(nlp, sentence, word):
    doc = nlp(sentence)
    tok = next(t for t in doc if t.text == word)
    assert tok.lemma_ == "hope"
    with nlp.select_pipes(disable=[LEMMA_FIXES]):
        assert next(t for t in nlp(sentence) if t.text == word).lemma_ == "hop"  # why the fix exists (3.8.0)


def test_real_hop_keeps_its_lemma(nlp):
    doc = nlp("The rabbits hopped and hops across the field.")
    assert [t.lemma_ for t in doc if t.text in ("hopped", "hops")] == ["hop", "hop"]


def test_model_choice_reads_the_environment(monkeypatch):
    from newsgraph.nlp import DEFAULT_MODEL, MODEL_ENV, MODELS, ModelMissingError, model_choice

    monkeypatch.delenv(MODEL_ENV, raising=False)
    assert model_choice() == DEFAULT_MODEL
    for name in MODELS:
        monkeypatch.setenv(MODEL_ENV, f" {name.upper()} ")
        assert model_choice() == name
    monkeypatch.setenv(MODEL_ENV, "xl")
    with pytest.raises(ModelMissingError, match="unknown NEWSGRAPH_MODEL='xl'; choose one of: sm, md"):
        model_choice()


def test_missing_model_package_is_a_clear_message(monkeypatch):
    import newsgraph.nlp as nlp_module

    monkeypatch.setitem(nlp_module.MODELS, "missing", ("newsgraph_no_such_model", "no-such-model==1.0"))
    nlp_module._get_nlp.cache_clear()
    try:
        with pytest.raises(nlp_module.ModelMissingError, match=r"pip install no-such-model==1\.0"):
            nlp_module._get_nlp("missing")
    finally:
        nlp_module._get_nlp.cache_clear()
