"""Issue #11, held-out failures fixed by general mechanisms: page time stamps with "p.m."/"Nov.",
section labels at the top, related-link runs, mixed-case datelines with a region, section
prefixes on a title line. Every fixture is a short article written for these tests.
"""

from __future__ import annotations

import pytest

from newsgraph.pipeline.clean import clean_text
from newsgraph.pipeline.residue import (
    is_link_line,
    is_related_heading,
    is_section_label,
    strip_section_prefix,
)
from newsgraph.pipeline.structure import dateline_line, is_boilerplate, split_dateline

BODY = [
    "The water board of Quellport agreed on Monday to replace the town's oldest mains, some of which were "
    "laid before the First World War and now burst several times a month.",
    "Residents of the hill district have lost their supply four times since September, and the board said "
    "the repairs were costing more than the new pipes would.",
    "\"Every burst is a street dug up twice,\" said the board's engineer, Halvard Omondi. \"We would rather "
    "dig it up once and be done.\"",
    "The work will start in the spring in the streets around the market square and is expected to take "
    "three years to finish.",
]
TITLE = "Quellport Board Votes to Replace Century-Old Water Mains"


def _body(text: str):
    return clean_text(text).paragraphs


@pytest.mark.parametrize("line", [
    "Updated 11:52 a.m. ET", "Published Dec. 14, 2025", "Last updated Sept. 2, 2024 at 6:40 p.m.",
    "Posted 7 p.m.", "Updated Jan. 5",
])
def test_page_time_stamps_with_abbreviation_periods_are_boilerplate(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Updated guidance was issued at 9 a.m. by the ministry. It applies to all schools.",
    "Published figures from Oct. 3 show the deficit grew.",
])
def test_sentences_mentioning_updates_are_not_boilerplate(line):
    assert not is_boilerplate(line)


def test_time_stamp_lines_under_the_title_are_not_a_dek():
    r = clean_text("\n".join([TITLE, "Updated 11:52 a.m. ET", "By Sunniva Pike", "", "\n\n".join(BODY)]))
    assert (r.title, r.dek, r.byline) == (TITLE, None, "Sunniva Pike")
    assert r.paragraphs == BODY
    r = clean_text("\n".join([TITLE, "By Sunniva Pike", "Published Dec. 14, 2025", "", "\n\n".join(BODY)]))
    assert r.paragraphs == BODY


@pytest.mark.parametrize("line, label", [
    ("SCIENCE", True), ("Business", True), ("News › Regional", True), ("Arts & Culture", True),
    ("World / Europe", True), ("Science Minister Quits", False), ("Health.", False),
    ("Local Elections Draw Record Field", False),
])
def test_section_labels(line, label):
    assert is_section_label(line) is label


def test_section_label_above_title_and_between_summary_and_title():
    summary = "The town's water board approved new mains after a winter of bursts in the hill district."
    r = clean_text("\n".join(["ENVIRONMENT", TITLE, "By Sunniva Pike", "", "\n\n".join(BODY)]))
    assert (r.title, r.summary_line, r.dek) == (TITLE, None, None) and r.paragraphs == BODY
    r = clean_text("\n\n".join([summary, "Regional", TITLE, "By Sunniva Pike", *BODY]))
    assert (r.summary_line, r.title, r.byline) == (summary, TITLE, "Sunniva Pike") and r.paragraphs == BODY


def test_related_link_run_is_dropped_with_its_heading():
    assert is_related_heading("Related:") and is_related_heading("More on this story")
    assert is_link_line("Council delays vote on harbour fees") and not is_link_line("The council met.")
    links = ["More on this story", "Harbour fees to rise in the new year", "Quellport mayor faces recall petition"]
    text = "\n\n".join([TITLE, BODY[0], BODY[1], *links, BODY[2], BODY[3]])
    r = clean_text(text)
    assert r.paragraphs == BODY
    assert [x.text for x in r.removed if x.reason == "boilerplate"] == links


def test_a_heading_without_links_keeps_the_next_paragraph():
    text = "\n\n".join([TITLE, BODY[0], "Read more:", BODY[1], BODY[2], BODY[3]])
    assert clean_text(text).paragraphs == BODY


@pytest.mark.parametrize("paragraph, dateline", [
    ("Quellport, Marenland — The water board agreed on Monday.", "Quellport, Marenland"),
    ("Fennick Cove, Maine — Lobster boats stayed in port.", "Fennick Cove, Maine"),
    ("Hong Kong (Wire) — Ferries resumed.", "Hong Kong (Wire)"),
])
def test_mixed_case_datelines_with_region_or_agency(paragraph, dateline):
    assert split_dateline(paragraph)[0] == dateline


@pytest.mark.parametrize("paragraph", [
    "Still, Democrats — who hold the majority — stayed silent.",
    "Meanwhile, Halvard Omondi — the engineer — left early.",
    "Ingrid Sollie — lawyer, author and former mayor — will run again.",
    "In Quellport, Marenland — as elsewhere — prices rose.",
])
def test_sentences_with_dashes_are_not_datelines(paragraph):
    assert split_dateline(paragraph)[0] is None


def test_mixed_case_dateline_alone_on_its_line_and_inline():
    assert dateline_line("Fennick Cove, Maine —") == "Fennick Cove, Maine"
    r = clean_text("\n".join([TITLE, "By Sunniva Pike", "Quellport, Marenland —", "", "\n\n".join(BODY)]))
    assert (r.dateline, r.dek, r.byline) == ("Quellport, Marenland", None, "Sunniva Pike")
    assert r.paragraphs == BODY
    r = clean_text("\n\n".join([TITLE, "Quellport, Marenland — " + BODY[0], *BODY[1:]]))
    assert r.dateline == "Quellport, Marenland" and r.paragraphs == BODY


def test_section_prefix_on_a_title_line():
    assert strip_section_prefix("Analysis | Why the mains keep bursting") == "Why the mains keep bursting"
    assert strip_section_prefix("Quellport | Marenland") == "Quellport | Marenland"
    r = clean_text("\n".join(["Opinion | Quellport deserves better water", "By Sunniva Pike", "", "\n\n".join(BODY)]))
    assert r.title == "Quellport deserves better water" and r.paragraphs == BODY


@pytest.mark.parametrize("paragraph", [
    "Troy, Michigan Office Shooting Follow - Up - 1 Dead, 2 Injured, and Suspect Caught",
    "Quellport, Marenland - The water board agreed on Monday.",
    "Glenrock, Utah County Sheriff Office Spokesman — who asked",
])
def test_mixed_case_region_datelines_need_a_real_dash_and_few_words(paragraph):
    assert split_dateline(paragraph)[0] is None


# -- question headlines vs question ledes ---------------------------------------------------------

Q_BODY = [
    "The old quarry at Brenholt has been filling with rainwater since the pumps were switched off in "
    "the spring, and the parish council now wants to know whether it can keep it that way.",
    "A report for the council says the pit would need fencing, a lifeguard in summer and regular tests "
    "of the water, which runs off fields that are still farmed.",
    "\"People are already swimming there, whether we like it or not,\" said councillor Edda Munro. "
    "\"We would rather make it safe than pretend it is not happening.\"",
    "The quarry's owner said it would sell the site to the parish for a nominal sum if the council "
    "took on the cost of making it safe.",
]


def test_sentence_case_question_headline_with_byline():
    title = "Could the old quarry at Brenholt become a swimming lake?"
    r = clean_text("\n".join([title, "By Ines Vartan, Rural Affairs Correspondent", "", "\n\n".join(Q_BODY)]))
    assert (r.title, r.byline, r.dek) == (title, "Ines Vartan, Rural Affairs Correspondent", None)
    assert r.paragraphs == Q_BODY


def test_question_headline_with_dek_or_caption_before_the_byline():
    title = "Who will pay to make the Brenholt quarry safe?"
    dek = "The parish council has until March to decide whether to take on the flooded pit"
    r = clean_text("\n".join([title, dek, "By Ines Vartan", "", "\n\n".join(Q_BODY)]))
    assert (r.title, r.dek, r.byline) == (title, dek, "Ines Vartan") and r.paragraphs == Q_BODY
    caption = "Photo: Swimmers at the edge of the quarry on Sunday. (Tor Halden / Fjordside Images)"
    r = clean_text("\n".join([title, caption, "By Ines Vartan", "", "\n\n".join(Q_BODY)]))
    assert (r.title, r.byline) == (title, "Ines Vartan") and r.paragraphs == Q_BODY


def test_question_lede_stays_body():
    lede = "What should a village do with a hole full of water?"
    r = clean_text("\n\n".join(["Brenholt Council Weighs Future of Flooded Quarry", lede, *Q_BODY]))
    assert r.title == "Brenholt Council Weighs Future of Flooded Quarry" and r.paragraphs == [lede, *Q_BODY]
    r = clean_text("\n\n".join([lede, *Q_BODY]))
    assert r.title is None and r.paragraphs == [lede, *Q_BODY]


# -- bylines with page stamps, outlets without "By", more page time stamps -----------------------

@pytest.mark.parametrize("line, byline, authors", [
    ("By Ottilie Brandt | March 3, 2026", "Ottilie Brandt", [("Ottilie Brandt", None)]),
    ("By Ottilie Brandt • 4 min read", "Ottilie Brandt", [("Ottilie Brandt", None)]),
    ("Posted by Ottilie Brandt on March 3, 2026", "Ottilie Brandt", [("Ottilie Brandt", None)]),
    ("Ottilie Brandt, Staff Writer | Published 9:14 a.m. ET March 3, 2026", "Ottilie Brandt, Staff Writer",
     [("Ottilie Brandt", "Staff Writer")]),
    ("Ottilie Brandt, Reuters", "Ottilie Brandt, Reuters", [("Ottilie Brandt", "Reuters")]),
    ("By Ottilie Brandt, Health Reporter", "Ottilie Brandt, Health Reporter", [("Ottilie Brandt", "Health Reporter")]),
])
def test_bylines_with_stamps_and_outlets(line, byline, authors):
    r = clean_text("\n".join(["Quellport Library Extends Opening Hours for Exam Season", line, "", "\n\n".join(BODY)]))
    assert r.byline == byline and [(a.name, a.role) for a in r.authors] == authors
    assert r.dek is None and r.paragraphs == BODY


@pytest.mark.parametrize("line", [
    "Ottilie Brandt, a librarian in Quellport", "Quellport, Marenland", "Ottilie Brandt, Lisbon",
])
def test_name_and_non_outlet_after_comma_is_no_byline(line):
    from newsgraph.pipeline.structure import parse_byline

    assert parse_byline(line) is None


def test_last_modified_stamp_is_boilerplate():
    assert is_boilerplate("Last modified on Tue 3 Mar 2026 11.02 GMT")
    assert not is_boilerplate("The rate was modified on 3 March to 4.5 percent, the bank said in a statement.")


# -- site suffix on a title line, bare-name bylines, footers, kickers -----------------------------

def test_site_suffix_on_a_title_line():
    r = clean_text("\n".join([TITLE + " | The Quellport Sentinel", "By Sunniva Pike", "", "\n\n".join(BODY)]))
    assert r.title == TITLE and r.paragraphs == BODY


def test_byline_that_is_a_bare_name_gives_its_author():
    r = clean_text("\n".join([TITLE, "SUNNIVA PIKE", "", "\n\n".join(BODY)]))
    assert r.byline == "SUNNIVA PIKE" and [(a.name, a.role) for a in r.authors] == [("Sunniva Pike", None)]


@pytest.mark.parametrize("footer", [
    "Contact Sunniva Pike at spike@sentinel.example.",
    "This article was originally published by The Quellport Sentinel.",
    "A version of this story first appeared in the Marenland Weekly.",
])
def test_publisher_footers(footer):
    r = clean_text("\n\n".join([TITLE, *BODY, footer]))
    assert r.paragraphs == BODY and r.removed[-1].text == footer


def test_topic_kicker_above_the_title_is_no_title_or_summary():
    r = clean_text("\n".join(["Water supply", TITLE, "By Sunniva Pike", "", "\n\n".join(BODY)]))
    assert (r.title, r.summary_line, r.dek) == (TITLE, None, None) and r.paragraphs == BODY


def test_question_headline_over_a_dek_without_final_punctuation():
    title = "Are Quellport's water mains past saving?"
    dek = "Engineers say a burst a week is now normal in the hill district"
    r = clean_text("\n".join([title, dek, "", "\n\n".join(BODY)]))
    assert (r.title, r.dek, r.summary_line) == (title, dek, None) and r.paragraphs == BODY


# -- body residue: picture-agency captions, embedded posts, link runs, tags, bios, pull quotes ----

def _with(mid: list[str], end: list[str] = ()):
    return clean_text("\n\n".join([TITLE, "By Sunniva Pike", BODY[0], BODY[1], *mid, BODY[2], BODY[3], *end]))


@pytest.mark.parametrize("mid, end", [
    (["Diggers at the end of Market Street on Tuesday. Getty Images"], []),
    (["— Sunniva Pike (@sunnivapike) March 3, 2026"], []),
    (["Latest coverage", "Hill district left dry for third time", "Board chair defends repair budget"], []),
    ([], ["Topics: Water, Quellport, Infrastructure"]),
    ([], ["Was this article helpful?"]),
    ([], ["Sunniva Pike covers local government for the Sentinel."]),
])
def test_body_residue_is_dropped(mid, end):
    r = _with(mid, end)
    assert r.paragraphs == BODY
    assert all(x.reason == "boilerplate" for x in r.removed if x.text in (*mid, *end))


def test_a_closing_paragraph_about_someone_else_is_kept():
    last = "Halvard Omondi is the board's engineer and has worked on the mains for twenty years."
    assert _with([], [last]).paragraphs == [*BODY, last]


def test_pull_quote_before_or_after_its_paragraph():
    pull = "\"Every burst is a street,\""
    long_pull = "\"We would rather dig it up once and be done.\""
    r = clean_text("\n\n".join([TITLE, BODY[0], long_pull, *BODY[1:]]))
    assert r.paragraphs == BODY
    dup = [x for x in r.removed if x.reason == "duplicate_paragraph"]
    assert [x.text for x in dup] == [long_pull] and r.paragraphs[dup[0].duplicate_of] == BODY[2]
    r = clean_text("\n\n".join([TITLE, *BODY, long_pull]))
    assert r.paragraphs == BODY
    r = clean_text("\n\n".join([TITLE, BODY[0], pull, *BODY[1:]]))
    assert pull in r.paragraphs  # a short quotation (below the pull-quote length) is kept


# -- a dek between the header and the dateline that opens the story --------------------------------

def test_sentence_between_byline_and_dateline_paragraph_is_the_dek():
    dek = "Half of the pipes in the hill district are older than the town hall."
    r = clean_text("\n\n".join([TITLE, "By Sunniva Pike", dek, "QUELLPORT (Wire) — " + BODY[0], *BODY[1:]]))
    assert (r.dek, r.dateline, r.byline) == (dek, "QUELLPORT (Wire)", "Sunniva Pike") and r.paragraphs == BODY
    r = clean_text("\n\n".join([TITLE, "By Sunniva Pike", dek, "QUELLPORT (Wire) —", *BODY]))
    assert (r.dek, r.dateline) == (dek, "QUELLPORT (Wire)") and r.paragraphs == BODY


def test_short_first_paragraph_without_a_dateline_below_stays_body():
    lede = "The vote took four minutes."
    r = clean_text("\n\n".join([TITLE, "By Sunniva Pike", lede, *BODY]))
    assert r.dek is None and r.paragraphs == [lede, *BODY]


def test_short_question_headline_over_a_dek():
    title = "Are the mains safe?"
    dek = "Engineers say a burst a week is now normal in the hill district"
    r = clean_text("\n".join([title, dek, "QUELLPORT (Wire) —", "", "\n\n".join(BODY)]))
    assert (r.title, r.dek, r.dateline) == (title, dek, "QUELLPORT (Wire)") and r.paragraphs == BODY


def test_several_authors_each_in_a_city():
    r = clean_text("\n".join([TITLE, "By Ottilie Brandt in Quellport and Ravi Osterholm in Marenby", "",
                              "\n\n".join(BODY)]))
    assert r.byline == "Ottilie Brandt in Quellport and Ravi Osterholm in Marenby"
    assert [(a.name, a.role) for a in r.authors] == [("Ottilie Brandt", None), ("Ravi Osterholm", None)]
