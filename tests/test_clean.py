"""Unit tests for the clean-and-structure stage (text only, no spaCy: fast).

All fixtures are short texts written for these tests.
"""

from __future__ import annotations

import re
from typing import Optional

import pytest

from newsgraph.model import Article
from newsgraph.pipeline import Pipeline, create_stage
from newsgraph.pipeline.structure import is_boilerplate, parse_byline, split_dateline
from newsgraph.readers.base import RawDocument

# -- helpers -------------------------------------------------------------------------------

_PIPELINE = Pipeline(("clean",))


def run(text: Optional[str], title: Optional[str] = None, author: Optional[str] = None) -> Article:
    article = _PIPELINE.analyze(RawDocument(text=text, title=title, author=author))
    assert article.error is None
    for p in article.paragraphs:  # offsets always consistent
        assert article.text[p.start:p.end] == p.text
    return article


def texts(article: Article) -> list[str]:
    return [p.text for p in article.paragraphs]


def reasons(article: Article) -> list[str]:
    return [r.reason for r in article.removed]


# Five ordinary paragraphs of similar length, nothing to clean.
CLEAN = [
    "The city council approved a new budget on Tuesday after three hours of debate, "
    "setting aside more money for road repairs and public libraries.",
    "Council members voted seven to two in favour of the plan, which the mayor had "
    "proposed in the spring after a long consultation with residents.",
    "Opponents said the budget relied on optimistic forecasts of tax revenue and "
    "warned that the city could face a shortfall within two years.",
    "The finance director said the forecasts were cautious and that reserves would "
    "cover any gap, adding that the plan would be reviewed each autumn.",
    "The new budget takes effect in January, and the first road projects are "
    "expected to start in the spring once contracts have been signed.",
]
TITLE = "Council Approves New Budget After Long Debate"


# -- the model case: summary line, title, repeated title, dek, body, repeated tail -----------

SUMMARY = "Officials said the regional rail strike ended after both sides accepted a mediator's proposal on pay."
HEADLINE = "Rail Strike Ends After Mediator Brokers Pay Deal"
DEK = "Trains will run a normal timetable from Monday, the operator said."
BODY = [
    "The week-long strike that halted most regional trains ended on Friday after the union and the operator "
    "both accepted a proposal from the state mediator, ending a dispute that had stranded commuters across "
    "the region and cost local businesses millions in lost trade, according to the chamber of commerce.",
    "The agreement raises pay by four percent this year and three percent next year, and adds a bonus for "
    "staff working night shifts, the mediator told reporters outside the talks.",
    "\"This is a fair result for everyone who depends on the railway,\" the union's chair said, adding that "
    "members would be asked to ratify the deal in a ballot next month.",
    "The operator said it would publish a recovery timetable on Saturday and that season-ticket holders "
    "would receive compensation for the days lost to the strike.",
]
MODEL_CASE = "\n".join([SUMMARY, HEADLINE, "", HEADLINE, DEK, *BODY, *BODY[1:]]) + "\n"


def test_model_case_structure():
    a = run(MODEL_CASE)
    assert a.summary_line == SUMMARY
    assert a.title == HEADLINE
    assert a.dek == DEK
    assert texts(a) == BODY
    assert reasons(a) == ["repeated_title", "duplicate_paragraph", "duplicate_paragraph", "duplicate_paragraph"]
    assert a.removed[0].text == HEADLINE and a.removed[0].duplicate_of is None
    assert [r.duplicate_of for r in a.removed[1:]] == [1, 2, 3]
    assert [r.text for r in a.removed[1:]] == BODY[1:]


def test_stage_contract():
    stage = create_stage("clean")
    assert stage.name == "clean" and stage.needs_doc is False


# -- kept on purpose: no mess, no loss ---------------------------------------------------------

@pytest.mark.parametrize("sep", ["\n\n", "\n"])
def test_clean_article_without_title_keeps_everything(sep):
    a = run(sep.join(CLEAN))
    assert texts(a) == CLEAN
    assert a.title is None and a.dek is None and a.summary_line is None
    assert a.removed == [] and a.warnings == []


@pytest.mark.parametrize("sep", ["\n\n", "\n"])
def test_clean_article_with_title_keeps_every_paragraph(sep):
    a = run(sep.join([TITLE, *CLEAN]))
    assert a.title == TITLE
    assert texts(a) == CLEAN
    assert a.dek is None and a.summary_line is None and a.removed == []


def test_short_one_sentence_lede_is_not_a_dek():
    lede = "The mayor resigned on Monday."
    a = run("\n\n".join([TITLE, lede, *CLEAN[1:]]))
    assert a.dek is None
    assert texts(a) == [lede, *CLEAN[1:]]


def test_question_lede_is_not_a_title():
    lede = "Remember the last time the council agreed on anything quickly?"
    a = run("\n\n".join([lede, *CLEAN]))
    assert a.title is None
    assert texts(a)[0] == lede


def test_title_hint_without_title_line_keeps_first_paragraph():
    a = run("\n\n".join(CLEAN), title=TITLE)
    assert a.title == TITLE
    assert texts(a) == CLEAN and a.removed == [] and a.dek is None


def test_single_line_is_a_paragraph_not_a_title():
    a = run("Council Approves New Budget")
    assert a.title is None
    assert texts(a) == ["Council Approves New Budget"]


def test_same_opening_words_are_not_duplicates():
    paras = [
        "The minister said the talks had been constructive and would resume next week in the capital.",
        "The minister said the opposition had refused to take part and called the process a sham.",
    ]
    a = run("\n\n".join(paras))
    assert texts(a) == paras and a.removed == []


def test_repeated_sentence_inside_different_paragraphs_is_kept():
    paras = [
        "Reporters asked the spokesman about the contract. He declined to comment.",
        "Later the spokesman was asked about the audit. He declined to comment.",
    ]
    a = run("\n\n".join(paras))
    assert texts(a) == paras and a.removed == []


def test_short_standalone_sentence_repeated_is_a_duplicate():
    paras = ["The company was contacted on Friday about the findings of the report.",
             "He declined to comment.",
             "The report will be published in full next month, the agency said.",
             "He declined to comment."]
    a = run("\n\n".join(paras))
    assert texts(a) == paras[:3]
    assert [(r.reason, r.duplicate_of) for r in a.removed] == [("duplicate_paragraph", 1)]


def test_repeated_short_labels_are_kept():
    # issue #11: live-blog time stamps ("7 p.m.") are page residue now, dropped as boilerplate
    lines = ["The Latest on the storm (all times local):", "7 p.m.",
             "Officials have opened three more shelters in the northern districts tonight.", "Q:",
             "Where should people go if they cannot reach a shelter in time?", "7 p.m.", "Q:"]
    a = run("\n\n".join(lines))
    assert texts(a) == [t for t in lines if t != "7 p.m."]
    assert [(r.reason, r.text) for r in a.removed] == [("boilerplate", "7 p.m.")] * 2


def test_repeated_question_is_kept_unless_part_of_a_repeated_block():
    q = "Why are you running for office?"
    paras = [q, "Ann Smith: I want better schools for every child in the district.",
             q, "Bob Jones: Taxes are too high and roads are in poor shape here."]
    a = run("\n\n".join(paras))
    assert texts(a) == paras and a.removed == []
    block = paras + paras[:2]  # the first question/answer pair scraped twice
    a = run("\n\n".join(block))
    assert texts(a) == paras
    assert [(r.text, r.duplicate_of) for r in a.removed] == [(paras[0], 0), (paras[1], 1)]


# -- removals -----------------------------------------------------------------------------------

def test_near_verbatim_duplicates_case_quotes_whitespace():
    original = "“We will not sign,” the minister said on Tuesday, according to the state news agency."
    variants = ['"We will not sign," the minister said on Tuesday, according to the state news agency.',
                "“WE WILL NOT SIGN,” THE MINISTER SAID ON TUESDAY, ACCORDING TO THE STATE NEWS AGENCY.",
                "“We will  not sign,”\tthe minister said on Tuesday,  according to the state news agency."]
    other = "The agency did not say where the minister was speaking or to whom the remarks were made."
    a = run("\n\n".join([original, other, *variants]))
    assert texts(a) == [original, other]
    assert [(r.reason, r.duplicate_of) for r in a.removed] == [("duplicate_paragraph", 0)] * 3


def test_block_of_repeated_paragraphs():
    a = run("\n\n".join([*CLEAN, *CLEAN[1:4]]))
    assert texts(a) == CLEAN
    assert [(r.reason, r.duplicate_of) for r in a.removed] == [("duplicate_paragraph", i) for i in (1, 2, 3)]


def test_title_hint_removes_repeated_first_line():
    a = run("\n\n".join([TITLE, *CLEAN]), title=TITLE)
    assert a.title == TITLE
    assert texts(a) == CLEAN
    assert [(r.reason, r.text) for r in a.removed] == [("repeated_title", TITLE)]


def test_title_hint_with_site_suffix_and_trailing_period():
    a = run("\n\n".join([TITLE + ".", *CLEAN]), title=TITLE + " | The Daily Ledger")
    assert texts(a) == CLEAN
    assert reasons(a) == ["repeated_title"]


def test_title_repeated_later_in_text():
    a = run("\n".join([TITLE, CLEAN[0], TITLE, *CLEAN[1:]]))
    assert a.title == TITLE
    assert texts(a) == CLEAN and reasons(a) == ["repeated_title"]


BOILERPLATE = [
    "Advertisement", "ADVERTISEMENT", "Advertisement - Scroll to continue", "Read more: Council delays vote",
    "Read More", "READ MORE:", "Share this article", "Share on Facebook", "Share on Facebook, Twitter or Email",
    "Facebook Twitter Email", "Sign up for our newsletter", "Subscribe to our daily briefing",
    "Subscribe", "Photo: Jane Roe/Getty Images", "Jane Roe/Getty Images", "(Photo by Jane Roe/Staff)",
    "Image credit: City archive", "Image credit", "Click here to read the full report",
    "Follow us on Twitter", "Follow Jane Roe on Twitter", "© 2024 Example Media Ltd", "Copyright 2024 Example Media",
    "All rights reserved.", "Example Media. All Rights Reserved.", "Related: Council delays vote again",
    "RELATED STORIES", "Story continues below advertisement", "Listen to this article", "5 min read",
    "Updated 3:45 PM ET, March 3, 2024", "Published: 12 March 2024", "AP Photo/Jane Roe",
    "(Reporting by Jane Roe; Editing by John Doe)", "***", "—", "* * *", "March 3, 2024",
    "Tue 3 Mar 2024 10.45 GMT", "Monday, March 3, 2024 at 4:15 p.m. EST",
    "7 p.m.", "4:14 p.m.", "10 p.m. ET", "___",  # issue #11: live-blog time stamps and separators
]


@pytest.mark.parametrize("line", BOILERPLATE)
def test_boilerplate_lines_are_removed(line):
    assert is_boilerplate(line)
    a = run("\n\n".join([CLEAN[0], line, CLEAN[1]]))
    assert texts(a) == CLEAN[:2]
    assert [(r.reason, r.text) for r in a.removed] == [("boilerplate", line)]


@pytest.mark.parametrize("line", [
    "Share prices fell sharply on Monday after the announcement.",
    "Copyright law is being reformed, the minister said.",
    "Subscribers to the service complained about the outage for days.",
    "The photographer said she had been covering the protests for a decade.",
    "Readers wrote in to ask how the council would pay for the plan.",
    "March 3, 2024 was the day the council finally voted on the budget.",
    # a long paragraph mentioning boilerplate words is content
    "Subscribe, share and sign up: that was the advice the consultants gave the newspaper in 2019, and "
    "the advertisement team followed it, the report says, but readers did not respond and the paper "
    "lost money for the next three years before the owners decided to close the print edition entirely.",
])
def test_lines_resembling_boilerplate_are_kept(line):
    assert not is_boilerplate(line)
    a = run("\n\n".join([CLEAN[0], line, CLEAN[1]]))
    assert texts(a) == [CLEAN[0], line, CLEAN[1]] and a.removed == []


def test_boilerplate_between_title_and_body_does_not_hide_structure():
    a = run("\n".join([TITLE, "Advertisement", "By Jane Roe", *CLEAN]))
    assert a.title == TITLE and a.byline == "Jane Roe"
    assert texts(a) == CLEAN and reasons(a) == ["boilerplate"]


def test_removed_entries_are_in_text_order():
    a = run("\n\n".join([TITLE, CLEAN[0], "Advertisement", CLEAN[1], CLEAN[0], TITLE, "Read more"]))
    assert reasons(a) == ["boilerplate", "duplicate_paragraph", "repeated_title", "boilerplate"]


# -- summary line, dek --------------------------------------------------------------------------

def test_summary_line_needs_a_headline_after_it():
    a = run("\n\n".join([SUMMARY, *CLEAN]))
    assert a.summary_line is None and a.title is None
    assert texts(a) == [SUMMARY, *CLEAN]


def test_lede_with_dateline_before_repeated_title_is_not_a_summary_line():
    lede = "SPRINGFIELD (Wire) — " + CLEAN[0]
    a = run("\n\n".join([lede, TITLE, *CLEAN[1:]]), title=TITLE)
    assert a.summary_line is None and a.dateline == "SPRINGFIELD (Wire)"
    assert texts(a) == CLEAN and reasons(a) == ["repeated_title"]


def test_summary_line_before_sentence_case_headline_closing_the_first_block():
    headline = "Rail strike ends after mediator brokers pay deal"
    a = run(SUMMARY + "\n" + headline + "\n\n" + "\n\n".join(BODY))
    assert a.summary_line == SUMMARY and a.title == headline
    assert texts(a) == BODY and a.removed == []


def test_summary_line_with_title_hint():
    a = run("\n".join([SUMMARY, HEADLINE, *BODY]), title=HEADLINE)
    assert a.summary_line == SUMMARY and a.title == HEADLINE
    assert reasons(a) == ["repeated_title"]
    assert texts(a) == BODY


def test_dek_followed_by_byline():
    a = run("\n".join([TITLE, "Spending on roads rises by a fifth under the plan.", "By Jane Roe", *CLEAN]))
    assert a.dek == "Spending on roads rises by a fifth under the plan."
    assert a.byline == "Jane Roe"
    assert texts(a) == CLEAN


def test_dek_before_dateline_lede():
    a = run("\n\n".join([TITLE, "Spending on roads rises by a fifth.", "SPRINGFIELD (Wire) — " + CLEAN[0],
                         *CLEAN[1:]]))
    assert a.dek == "Spending on roads rises by a fifth."
    assert a.dateline == "SPRINGFIELD (Wire)"
    assert texts(a) == CLEAN


def test_title_case_headline_with_trailing_period():
    a = run("\n\n".join([TITLE + ".", *CLEAN]))
    assert a.title == TITLE
    assert texts(a) == CLEAN


# -- bylines ------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, name", [
    ("By Jane Roe", "Jane Roe"),
    ("by Jane Roe", "Jane Roe"),
    ("By Jane Roe and John Doe", "Jane Roe and John Doe"),
    ("By Jane Roe, John Doe and Ann Poe", "Jane Roe, John Doe and Ann Poe"),
    ("By JANE ROE, Staff Writer", "Jane Roe"),
    ("By Jane Roe, Staff Writer", "Jane Roe"),
    ("BY JANE ROE AND JOHN DOE", "Jane Roe and John Doe"),
    ("By Jane Roe | Reuters", "Jane Roe"),
    ("Jane Roe | Reuters", "Jane Roe"),
    ("By Jane Roe, Chief Political Correspondent", "Jane Roe"),
    ("By Jane Roe for The Daily Ledger", "Jane Roe"),
    ("By J.R. de la Cruz", "J.R. de la Cruz"),
    ("By Jane Roe Staff Writer", "Jane Roe"),
    ("Jane Roe, Staff Writer", "Jane Roe"),
])
def test_byline_variants(line, name):
    assert parse_byline(line) == name
    a = run("\n".join([TITLE, line, *CLEAN]))
    # issue #11: byline is the line without "By" (role kept); the names are in authors
    assert a.byline == re.sub(r"^by\s+", "", line, flags=re.IGNORECASE)
    assert " and ".join(x.name for x in a.authors) == name.replace(", ", " and ")
    assert a.title == TITLE and texts(a) == CLEAN


@pytest.mark.parametrize("line", [
    "By Tuesday, the vote was over and the council had gone home for the summer.",
    "By contrast, the neighbouring town cut its road budget by half.",
    "By Monday",
    "Local News | Sports",
    "Jane Roe, the mayor, said so.",
])
def test_not_bylines(line):
    assert parse_byline(line) is None


def test_sentence_starting_with_by_stays_in_body():
    first = "By Tuesday, the vote was over and the council had gone home for the summer."
    a = run("\n\n".join([TITLE, first, *CLEAN[1:]]))
    assert a.byline is None
    assert texts(a) == [first, *CLEAN[1:]]


def test_byline_from_metadata_is_kept_when_text_has_none():
    assert run("\n\n".join(CLEAN), author="Meta Data").byline == "Meta Data"
    assert run("\n".join([TITLE, "By Jane Roe", *CLEAN]), author="Meta Data").byline == "Jane Roe"


# -- datelines ----------------------------------------------------------------------------------

@pytest.mark.parametrize("prefix, dateline", [
    ("WASHINGTON (Wire) — ", "WASHINGTON (Wire)"),
    ("GENEVA, March 3 (Reuters) - ", "GENEVA, March 3 (Reuters)"),
    ("LONDON — ", "LONDON"),
    ("LONDON -- ", "LONDON"),
    ("NEW YORK, N.Y. – ", "NEW YORK, N.Y."),
    ("SAN JUAN, Puerto Rico (AP) — ", "SAN JUAN, Puerto Rico (AP)"),
    ("Kyiv, Ukraine (Wire) — ", "Kyiv, Ukraine (Wire)"),
    ("HEMPSTEAD, N.Y., Sept. 26 (Wire) — ", "HEMPSTEAD, N.Y., Sept. 26 (Wire)"),
    ("(Wire)", "(Wire)"),
    ("Springfield (Wire Business)", "Springfield (Wire Business)"),
])
def test_inline_datelines(prefix, dateline):
    a = run("\n\n".join([TITLE, prefix + CLEAN[0], *CLEAN[1:]]))
    assert a.dateline == dateline
    assert texts(a) == CLEAN


@pytest.mark.parametrize("line", ["WASHINGTON (Wire) —", "GENEVA, March 3 (Reuters) -", "BAAR, SWITZERLAND"])
def test_dateline_on_its_own_line(line):
    a = run("\n".join([TITLE, "By Jane Roe", line, *CLEAN]))
    assert a.dateline == line.rstrip(" —-")
    assert a.byline == "Jane Roe"
    assert texts(a) == CLEAN


@pytest.mark.parametrize("para", [
    "Biden — who had spent the morning in meetings — arrived late to the event in the capital.",
    "U.S. - China talks resumed on Monday after a break of several months, officials said.",
    "I - like many of my neighbours - have stopped driving into the city centre.",
    "NATO-led exercises began on Monday in the north of the country, the alliance said.",
])
def test_not_datelines(para):
    assert split_dateline(para) == (None, para)
    a = run("\n\n".join([para, *CLEAN[1:]]))
    assert a.dateline is None and texts(a)[0] == para


def test_dateline_without_title():
    a = run("\n\n".join(["WASHINGTON (Wire) — " + CLEAN[0], *CLEAN[1:]]))
    assert a.title is None and a.dateline == "WASHINGTON (Wire)"
    assert texts(a) == CLEAN


def test_dateline_only_on_first_body_paragraph():
    later = "LONDON — a second dateline deep in the text is left alone by the clean stage."
    a = run("\n\n".join([CLEAN[0], later]))
    assert a.dateline is None and texts(a) == [CLEAN[0], later]


# -- line endings, separators, whitespace ---------------------------------------------------------

@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings(newline):
    a = run(MODEL_CASE.replace("\n", newline))
    assert a.title == HEADLINE and a.dek == DEK and a.summary_line == SUMMARY
    assert texts(a) == BODY and len(a.removed) == 4


def test_mixed_line_endings_blank_lines():
    a = run(CLEAN[0] + "\r\n\r\n" + CLEAN[1] + "\r\r" + CLEAN[2] + "\n\n" + CLEAN[3])
    assert texts(a) == CLEAN[:4]


def test_single_newline_document_each_line_is_a_paragraph():
    a = run("\n".join(CLEAN))
    assert texts(a) == CLEAN


def _wrap(text: str, width: int = 60) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def test_hard_wrapped_blank_line_document_is_unwrapped():
    wrapped = "\n\n".join(_wrap(p) for p in CLEAN)
    assert wrapped.count("\n") > 2 * len(CLEAN)  # really wrapped
    a = run("\n\n".join([TITLE, "By Jane Roe", wrapped]))
    assert a.title == TITLE and a.byline == "Jane Roe"
    assert texts(a) == CLEAN


def test_indented_paragraphs_in_wrapped_block():
    block = "\n".join("\t" + _wrap(p).replace("\n", "\n") for p in CLEAN[:3])
    a = run(TITLE + "\n\n" + block + "\n\n" + CLEAN[3])
    assert texts(a) == CLEAN[:4]


def test_indent_starts_a_paragraph_even_after_a_full_line():
    lines = ["\tThe council met on Tuesday to discuss the budget for the",
             "coming year, and members agreed to meet again next week.",
             "\tThe mayor said she was pleased with the progress so far",
             "and thanked residents for their patience during the talks."]
    a = run(TITLE + "\n\n" + "\n".join(lines))
    assert texts(a) == [
        "The council met on Tuesday to discuss the budget for the coming year, and members agreed to meet "
        "again next week.",
        "The mayor said she was pleased with the progress so far and thanked residents for their patience "
        "during the talks.",
    ]


def test_lowercase_continuation_is_joined():
    a = run("The council said the budget would\nbe reviewed every autumn by an independent panel.")
    assert texts(a) == ["The council said the budget would be reviewed every autumn by an independent panel."]


def test_hyphenated_line_break_is_joined():
    a = run("The budget was the subject of a long and some-\ntimes bitter debate in the chamber.\n\n" + CLEAN[1])
    assert texts(a)[0] == "The budget was the subject of a long and sometimes bitter debate in the chamber."


def test_blank_line_document_with_unwrapped_lines_keeps_lines_apart():
    # blank line only after the header; each body line is a long paragraph
    a = run(TITLE + "\n\n" + "\n".join(CLEAN))
    assert a.title == TITLE and texts(a) == CLEAN


def test_whitespace_only_lines_tabs_and_unicode_spaces():
    raw = ("\t" + CLEAN[0].replace(" ", "\u00a0", 3) + "  \n"
           " \t \n"
           "\u3000\n"
           "    " + CLEAN[1].replace(" ", "\u2009", 2).replace("council", "coun\u200bcil", 1) + "\n"
           "\u00a0\u00a0\n\n\n"
           "\t\t" + CLEAN[2] + "\t\n")
    a = run(raw)
    assert texts(a) == CLEAN[:3]


def test_unicode_paragraph_separator_and_form_feed():
    a = run(CLEAN[0] + "\u2029" + CLEAN[1] + "\f" + CLEAN[2])
    assert texts(a) == CLEAN[:3]


# -- empty input -------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", [None, "", "   ", "\n\n\t\n \r\n"])
def test_empty_input_gives_a_warning(raw):
    a = run(raw)
    assert a.paragraphs == [] and a.text == ""
    assert any("empty" in w for w in a.warnings)


def test_body_empty_after_cleaning_gives_a_warning():
    a = run("Advertisement\n\nShare this article\n\n***")
    assert a.paragraphs == [] and reasons(a) == ["boilerplate"] * 3
    assert any("empty after cleaning" in w for w in a.warnings)


def test_title_only_gives_empty_body_warning():
    a = run(TITLE, title=TITLE)
    assert a.paragraphs == [] and reasons(a) == ["repeated_title"]
    assert any("empty after cleaning" in w for w in a.warnings)


# -- offsets and id ------------------------------------------------------------------------------

def test_offsets_and_id_are_consistent():
    a = run(MODEL_CASE)
    assert a.text == "\n\n".join(BODY)
    assert [(p.start, p.end) for p in a.paragraphs][0] == (0, len(BODY[0]))
    assert a.id and a.id == run(MODEL_CASE.replace("\n", "\r\n")).id
