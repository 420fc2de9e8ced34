"""News patterns the GAP-fitted pronoun weights cannot price (GAP is Wikipedia text): the subject
of a reporting verb over the pronoun's clause ("X said he would …"), a quote frame continuing
the last source, a country or affiliation used as a place never taking he/she, and a speaking
bare surname continuing the bearer who spoke. Literal fixtures written for these tests."""

from __future__ import annotations

from resolve_helpers import quote


def test_reporting_verb_subject_over_the_pronoun_clause(run):
    a = run("Mayor Alan Brooks on Monday defended his budget against critics on the council. "
            "Councilman Rick Ortiz has called the plan reckless.\n\n"
            "Brooks said the city had no choice. He added that the budget protects police services.\n\n"
            "Ortiz said he would vote against it. \"This is not a serious plan,\" he said.")
    assert quote(a, "not a serious plan").speaker == "Rick Ortiz"
    assert quote(a, "vote against it").speaker == "Rick Ortiz"


def test_a_country_used_as_a_place_is_never_she(run):
    a = run("Foreign Minister Anna Berg of Norland arrived in Geneva on Monday for talks with Vestria.\n\n"
            "Berg met her Vestrian counterpart, Olaf Grieg, for two hours. Norland has demanded the "
            "release of two detained journalists. She said the meeting was frank. "
            "\"We have not given up on a deal,\" she said.")
    assert quote(a, "meeting was frank").speaker == "Anna Berg"
    assert quote(a, "given up on a deal").speaker == "Anna Berg"


def test_a_place_after_a_locative_preposition_is_never_she(run):
    a = run("Interior Minister Greta Lind toured flooded towns across Vestria on Sunday.\n\n"
            "Lind visited three shelters. Vestria has asked its neighbours for pumps. "
            "She said the army would stay as long as needed.")
    assert quote(a, "army would stay").speaker == "Greta Lind"


def test_a_quote_frame_continues_the_last_source(run):
    a = run("Coal towns weigh the election\n\n"
            "Ken Ham runs a hardware store in Pikeville. According to Ham, the mines closed under "
            "Obama's policies and never reopened.\n\n"
            "\"It was a disaster for this town,\" he said.")
    assert quote(a, "disaster for this town").speaker == "Ken Ham"


def test_the_last_source_is_the_latest_one(run):
    a = run("Governor Tom Hale toured the flooded valley. Senator Carl Rook said the state had been "
            "slow to act.\n\n"
            "\"People waited three days for a boat,\" he said.")
    assert quote(a, "waited three days").speaker == "Carl Rook"


def test_a_speaking_bare_surname_continues_the_bearer_who_spoke(run):
    a = run("Hillary Clinton, speaking in New York, criticized the trade policy. Bill Clinton did not "
            "attend. Clinton said the tariffs were hurting farmers.")
    assert quote(a, "hurting farmers").speaker == "Hillary Clinton"


def test_a_non_speaking_subject_still_names_the_bare_surname(run):
    a = run("Mara Lindqvist opened the bakery in 2010. Her brother Jonas Lindqvist joined her in "
            "2015 and runs the kitchen. Lindqvist said the ovens date from the 1950s.")
    assert quote(a, "ovens date").speaker == "Jonas Lindqvist"
