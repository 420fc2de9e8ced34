"""Speakers named through their employer or a title that is also a first name (issue #10,
lead's probe articles): "analysts at X said", "the club said", "manager Dean Kowal",
"Councilmember Ada Pike". Literal fixtures written for these tests."""

from __future__ import annotations

from resolve_helpers import quote


def test_staff_at_a_named_firm_speak_for_it(run):
    a = run("Orrin Partners cut its growth forecast on Tuesday.\n\n"
            "Analysts at Orrin Partners said the slowdown would last into the summer.")
    assert quote(a, "slowdown would last").speaker == "Orrin Partners"


def test_researchers_from_an_institute_described_earlier(run):
    a = run("The Calder Institute for Soil Science published the survey in May.\n\n"
            "Researchers from the institute found that yields had fallen by a fifth.")
    assert quote(a, "yields had fallen").speaker == "Calder Institute for Soil Science"


def test_residents_of_a_place_stay_unnamed(run):
    a = run("Floodwater reached the centre of Marlow Vale on Sunday.\n\n"
            "Residents of Marlow Vale said the warnings had come too late.")
    assert quote(a, "warnings had come").speaker is None


def test_numbered_staff_stay_unnamed(run):
    a = run("Orrin Partners cut its growth forecast on Tuesday.\n\n"
            "Two analysts at Orrin Partners said the forecast was still too high.")
    assert quote(a, "still too high").speaker is None


def test_the_club_is_the_sports_club_of_the_article(run):
    a = run("Fenwick Rovers beat Dalby 3-1 on Saturday to go top of the table.\n\n"
            "The club said its captain would miss the next match with a hamstring strain.")
    assert quote(a, "captain would miss").speaker == "Fenwick Rovers"


def test_dean_before_a_lone_surname_is_a_first_name(run):
    a = run("Fenwick Rovers manager Dean Ashcroft said on Monday that the squad was tired.\n\n"
            "\"We need a week off,\" Ashcroft said.")
    assert quote(a, "squad was tired").speaker == "Dean Ashcroft"
    assert quote(a, "week off").speaker == "Dean Ashcroft"


def test_dean_as_a_title_before_a_full_name(run):
    a = run("Dean Maria Olsen of the law school said the library would close early.")
    assert quote(a, "library would close").speaker == "Maria Olsen"


def test_local_office_titles_are_roles_not_names(run):
    a = run("Councilmember Ada Pike voted against the budget on Monday. Supervisor Rhys Gantt "
            "said the vote was close.\n\n\"It was the right call,\" Pike said.")
    assert quote(a, "vote was close").speaker == "Rhys Gantt"
    assert quote(a, "right call").speaker == "Ada Pike"


def test_workers_at_a_company_do_not_speak_for_it(run):
    a = run("Morrow Plastics closed its Eastfield plant on Friday.\n\n"
            "Workers at Morrow Plastics said they had not been told about the closure.")
    assert quote(a, "not been told").speaker is None


def test_the_hospital_group_is_the_health_company(run):
    a = run("Nurses at two hospitals run by Corran Health walked out on Monday.\n\n"
            "The hospital group said its offer still stood.")
    assert quote(a, "offer still stood").speaker == "Corran Health"


def test_an_organisation_noun_with_modifiers_before_a_name(run):
    a = run("Regulators fined the messaging company Quillet on Monday.\n\n"
            "Quillet said it would appeal. In a statement, the company said no data had been sold.")
    assert {e.name: e.type for e in a.entities}["Quillet"] == "ORG"
    assert quote(a, "no data had been sold").speaker == "Quillet"


def test_a_panel_of_a_named_organisation_speaks_for_it(run):
    a = run("Fenwick Rovers lost 2-0 to Dalby on Saturday.\n\n"
            "The Northern Counties League's disciplinary panel said it would not punish the club.")
    assert quote(a, "would not punish").speaker == "Northern Counties League"


def test_a_person_named_after_a_trade_noun_stays_a_person(run):
    a = run("The property developer Anselm Dorrit appeared in court on Monday.\n\n"
            "Dorrit said he had done nothing wrong.")
    assert {e.name: e.type for e in a.entities}["Anselm Dorrit"] == "PERSON"
