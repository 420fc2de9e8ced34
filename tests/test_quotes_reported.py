"""Reported speech, seventh iteration (issue #10): span boundaries and cues, on made-up sentences.

Each test pins one rule of :mod:`newsgraph.pipeline.quotes.reported` with literal fixtures run
through ``Pipeline(("test_paragraphs", "nlp", "entities", "quotes"))`` (see conftest ``run``).
"""

from __future__ import annotations

from resolve_helpers import indirect, only, speaker_is



def test_as_clause_attributes_the_clause_it_modifies(run):
    a = run("Harbour engineer Nils Crane spoke on Monday.\n\n"
            "As Crane said, the two old ferries have become too costly to repair.")
    q = only(indirect(a), "ferries")
    assert q.text == "the two old ferries have become too costly to repair" and speaker_is(q, "Crane")
    assert q.cue == "said"
    a = run("The Eastfield Gazette covered the fire.\n\n"
            "But as the Gazette reported last week, the mayor has refused to call the fire an accident.")
    q = only(indirect(a), "mayor")
    assert q.text == "the mayor has refused to call the fire an accident" and q.cue == "reported"
    # trailing: the clause before it
    a = run("Analyst Ida Roe follows the port.\n\nThe vote on the levy was close, as Roe predicted.")
    q = only(indirect(a), "levy")
    assert q.text == "The vote on the levy was close" and speaker_is(q, "Roe")


def test_as_clause_inside_the_sentence(run):
    a = run("Analyst Ida Roe follows the port.\n\nSuch a levy, as Roe said, would never pass the council.")
    q = only(indirect(a), "levy")
    assert speaker_is(q, "Roe")
    assert q.text == "Such a levy, as Roe said, would never pass the council"  # verbatim span


def test_as_without_a_report_is_no_attribution(run):
    a = run("The council met on Monday.\n\nAs expected, the vote on the levy was close.\n\n"
            "As the storm grew, the ferries stayed in port.")
    assert indirect(a) == [], [(q.cue, q.text) for q in a.quotes]
    # "continue" is a speech verb ("she continued: …"), but "as divers continued to find" reports nothing
    a = run("Harbour master Ida Roe spoke on Monday.\n\nThe pier may stay shut for a week, Roe said, "
            "as divers continued to find cracks in the piles.")
    assert all(q.cue != "continued" for q in a.quotes), [(q.cue, q.text) for q in a.quotes]
    assert speaker_is(only(indirect(a), "pier"), "Roe")


def test_no_content_before_the_cue_across_a_semicolon(run):
    a = run("The survey of Eastfield residents came out on Monday.\n\n"
            "A majority of renters say they want a new pier; 26 percent of owners say the harbour "
            "needs no work at all.")
    qs = indirect(a)
    first = only(qs, "pier")
    assert first.text == "they want a new pier", [q.text for q in qs]
    second = only(qs, "harbour")
    assert second.text == "the harbour needs no work at all", [q.text for q in qs]


def test_group_pronoun_whose_candidate_has_no_earlier_mention_does_not_fail(run):
    # the resolver's best candidate for "they" had no mention before it in its history: the stage
    # raised StopIteration (found on PolNeAR train)
    a = run('"People look at me like I am a traitor to the valley," he said. Then, "I try to explain it to '
            'them. He has never mentioned Canadian farmers. So they say they will think about it."\n\n'
            "Singh explained it this way.")
    assert a.quotes


def test_things_added_claimed_found_or_pledged_are_no_content(run):
    # the "aud" frame of the cue table: the direct object is a thing, not what was said
    a = run("Mayor Ana Ruiz spoke on Monday.\n\nThe ferry company added 500 jobs last year.\n\n"
            "Ruiz claimed victory in the harbour race.\n\nThe council found a way to fund the pier.\n\n"
            "Ruiz pledged $1 million to the lifeboat fund.\n\nThe judge will decide the case in May.")
    assert indirect(a) == [], [(q.cue, q.text) for q in a.quotes]
    # their clauses stay reported speech
    a = run("Mayor Ana Ruiz spoke on Monday.\n\nRuiz added that the ferry would run again in June.\n\n"
            "An audit found that the pier fund was short by $2 million.")
    assert only(indirect(a), "June").cue == "added"
    assert only(indirect(a), "pier").text == "the pier fund was short by $2 million"
