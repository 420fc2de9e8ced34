"""Issue #11, round 5: captions without a credit ("Pictured: …", "… (File photo)") and gallery
counters ("1 of 8") are page furniture, in the header and in the body. Every fixture is a short
article or line written for these tests, not taken from the held-out sets.
"""

from __future__ import annotations

import pytest

from newsgraph.pipeline.clean import clean_text
from newsgraph.pipeline.structure import is_boilerplate

BODY = [
    ("The harbour board at Quenby will dredge the inner basin this winter so that the larger trawlers can "
     "land their catch at low tide."),
    "The work will close the fish market quay for three weeks in January.",
    "Skippers said they would land at Arnmouth while the dredgers worked, adding two hours to each trip.",
]
TITLE = "Quenby harbour to be dredged for bigger trawlers"


@pytest.mark.parametrize("line", [
    "Pictured: the inner basin at low tide",
    "Above: a trawler waits for the tide outside the harbour wall",
    "Inset: the harbour master, Osric Pelham",
    "Main image: the fish market quay on a winter morning",
    "From left: Ada Quill, Bram Soto and Ewa Lind",
    "Boats wait in the outer harbour on Tuesday. (File photo)",
    "The old quay before the storm (Archive image)",
    "Trawlers tied up at the fish market. (Library picture)",
    "1 of 8",
    "3/12",
    "Image 2 of 5",
    "Slide 4 / 9",
])
def test_captions_without_credit_and_gallery_counters_are_furniture(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Pictured in the garden of the house, the mayor said nothing.",
    "Above all, the skippers want a quay that works at low tide.",
    "Left behind by the fleet, the old quay is now a car park.",
    "The vote went 3 of 4 in favour of the plan.",
    "He served 10 of his 12 years on the board.",
    "Boats wait in the outer harbour on Tuesday while the file of complaints grows.",
])
def test_body_sentences_like_them_are_not_furniture(line):
    assert not is_boilerplate(line)


def test_uncredited_caption_between_title_and_byline_is_no_dek():
    r = clean_text("\n\n".join([TITLE, "Pictured: a trawler waits for the tide", "By Linnea Osk", *BODY]))
    assert (r.title, r.dek, r.byline) == (TITLE, None, "Linnea Osk")
    assert r.paragraphs == BODY


def test_gallery_counter_and_credited_caption_under_the_byline_are_dropped():
    dek = "Larger boats have had to wait for high water to reach the market since the spring"
    text = "\n\n".join([TITLE, dek, "By Linnea Osk",
                       "2 of 6\nA dredger at work off Arnmouth on Monday. (Piet Hallam/Coast News)", *BODY])
    r = clean_text(text)
    assert (r.title, r.dek, r.byline) == (TITLE, dek, "Linnea Osk")
    assert r.paragraphs == BODY


def test_file_photo_caption_under_the_byline_is_dropped():
    text = "\n\n".join([TITLE, "By Linnea Osk", "The fish market quay at low water. (File photo)", *BODY])
    r = clean_text(text)
    assert (r.title, r.dek, r.byline) == (TITLE, None, "Linnea Osk")
    assert r.paragraphs == BODY


def test_uncredited_caption_inside_the_body_is_dropped():
    text = "\n\n".join([TITLE, "By Linnea Osk", BODY[0], "Pictured: the fish market quay", *BODY[1:]])
    assert clean_text(text).paragraphs == BODY
