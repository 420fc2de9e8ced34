"""Reported speech, eighth iteration (issue #10): cues and spans, on made-up sentences.

Each test pins one rule of :mod:`newsgraph.pipeline.quotes.reported` (or one row of the cue
tables) with literal fixtures run through the quotes pipeline (see conftest ``run``).
"""

from __future__ import annotations

from resolve_helpers import indirect, only, speaker_is


def test_a_to_phrase_after_point_or_refer_is_the_content(run):
    # the "at" frame: the "to" phrase is what the act points at, not an audience
    a = run("Harbour master Ida Roe spoke on Monday.\n\n"
            "Roe pointed to the rising cost of dredging the old channel.")
    q = only(indirect(a), "dredging")
    assert q.text == "the rising cost of dredging the old channel" and speaker_is(q, "Roe")
    a = run("Councillor Tom Vale spoke at the hearing.\n\n"
            "Vale referred to the ferry company's unpaid harbour fees.")
    assert only(indirect(a), "fees").text == "the ferry company's unpaid harbour fees"


def test_a_to_phrase_after_a_speech_verb_stays_an_audience(run):
    a = run("Harbour master Ida Roe spoke on Monday.\n\nRoe spoke to the fishermen at the pier.\n\n"
            "Roe explained to the council members that the dredger was broken.")
    texts = [q.text for q in indirect(a)]
    assert not any("fishermen" in t or t.startswith("the council") for t in texts), texts
    assert only(indirect(a), "dredger").text == "the dredger was broken"


def test_stance_noun_with_its_preposition(run):
    a = run("Councillor Tom Vale spoke at the hearing.\n\n"
            "The crowd cheered Vale's attacks on the new parking levy.")
    q = only(indirect(a), "levy")
    assert q.text == "the new parking levy" and speaker_is(q, "Vale")
    # the subject of a light verb takes the stance
    a = run("Mayor Ana Ruiz spoke on Monday.\n\n"
            "Ruiz voiced concern about the safety of the old ferry terminal.")
    q = only(indirect(a), "ferry")
    assert q.text == "the safety of the old ferry terminal" and speaker_is(q, "Ruiz")
    a = run("Councillor Tom Vale spoke at the hearing.\n\n"
            "Vale's call for a full audit of the harbour fund came too late for the budget.")
    q = only(indirect(a), "audit")
    assert q.text == "a full audit of the harbour fund" and speaker_is(q, "Vale")


def test_stance_noun_without_someone_taking_the_stance(run):
    # no possessor, no light verb with a person as subject, a thing as subject, one-word content
    a = run("The new levy was announced on Monday.\n\n"
            "There was criticism of the new levy in the town.\n\n"
            "The delay raises questions about the budget for the pier.\n\n"
            "The ferry drew criticism over its late arrivals in the winter.\n\n"
            "Councillor Tom Vale spoke at the hearing. Vale's attacks on Ruiz continued.")
    assert indirect(a) == [], [(q.cue, q.text) for q in a.quotes]


def test_relative_clause_report_gives_the_clause_after_the_cue(run):
    a = run("Mayor Ana Ruiz spoke on Monday.\n\n"
            "Ruiz wants a new sea wall, which she said the port authority should pay for.")
    q = only(indirect(a), "port authority")
    assert q.text == "the port authority should pay for" and speaker_is(q, "Ruiz")
    assert q.cue == "said"
    a = run("Councillor Tom Vale spoke at the hearing.\n\n"
            "The port still collects a harbour fee that Vale believes is far too low for large ships.")
    q = only(indirect(a), "large ships")
    assert q.text == "is far too low for large ships" and speaker_is(q, "Vale")


def test_the_generic_you_holds_no_belief(run):
    # "you" with a belief or stance verb is the writer addressing the reader, not a source
    a = run("The ferry timetable changes in May.\n\n"
            "If you want to understand the new timetable, start with the harbour map.\n\n"
            "Do you think the night ferry will ever come back?")
    assert indirect(a) == [], [(q.cue, q.text) for q in a.quotes]
    # a speech verb with "you" stays reported speech (an interviewer quoting the guest)
    a = run("Mayor Ana Ruiz was interviewed on Monday by the host of the morning show.\n\n"
            "In March you promised that the pier would reopen in June.")
    q = only(indirect(a), "pier")
    assert q.cue == "promised" and q.text == "the pier would reopen in June"


def test_relative_characterisation_gives_what_it_is_called(run):
    a = run("Senator Bob Lane spoke on Monday.\n\n"
            "Lane toured the old farm, which he describes as his second home.")
    q = only(indirect(a), "home")
    assert q.text == "his second home" and q.cue == "describes" and speaker_is(q, "Lane")


def test_second_that_clause_with_a_cue_word_but_no_new_speaker_continues(run):
    # ", and …" ends the content only where a new attribution starts (a cue with its own subject)
    a = run("Mayor Ana Ruiz spoke on Monday.\n\n"
            "Ruiz said that the old pier was unsafe for the ferries, and that the promised repairs "
            "would come too late.")
    q = only(indirect(a), "pier")
    assert q.text == "the old pier was unsafe for the ferries, and that the promised repairs would come too late"
    a = run("Mayor Ana Ruiz spoke on Monday.\n\n"
            "Ruiz said that the old pier was unsafe for the ferries, and when pressed, the mayor said "
            "the repairs would come too late.")
    assert only(indirect(a), "pier").text == "the old pier was unsafe for the ferries"
    assert only(indirect(a), "repairs").text == "the repairs would come too late"


def test_more_verbs_of_communication(run):
    # rows of the cue table: hint, imply, detail, email, recommend, allude (to)
    a = run("Mayor Ana Ruiz spoke on Monday.\n\n"
            "Ruiz hinted that the night ferry could return next summer.\n\n"
            "In a letter, Ruiz emailed that the harbour office would close early on Friday.\n\n"
            "Ruiz alluded to the long dispute over the pier fees.")
    assert only(indirect(a), "night ferry").cue == "hinted"
    assert only(indirect(a), "harbour office").cue == "emailed"
    assert only(indirect(a), "dispute").text == "the long dispute over the pier fees"
