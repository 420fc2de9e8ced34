"""Organisations the model mistypes or misses (issue #10, lead's probe): a lone name after "the
[modifiers] <organisation noun>" that names no person, an untagged name with an organisation noun
in apposition that is the subject of a speech verb, and the spokespeople who then speak for them.
Literal fixtures written for these tests."""

from __future__ import annotations

import pytest

from resolve_helpers import quote


def types(a) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {e.name: e.type for e in a.entities}


@pytest.mark.parametrize("text, name", [
    ("Ferries stayed in port on Sunday, the harbour operator Brenmoor said.", "Brenmoor"),
    ("Output will double by 2028, the electric carmaker Zelvik said.", "Zelvik"),
    ("The quiz show ends in May, the public broadcaster Ambrel said on Friday.", "Ambrel"),
    ("Fares will rise in June, the low-cost airline Quellair said.", "Quellair"),
    ("Twelve shops will shut, the discount retailer Pennow said.", "Pennow"),
    ("Profits fell, the software company Dravenfield Labs said.", "Dravenfield Labs"),
])
def test_a_name_after_the_modified_org_noun_is_an_org(run, text, name):
    assert types(run(text)).get(name) == "ORG"


@pytest.mark.parametrize("text, name", [
    ("Brenmoor, the harbour operator, said ferries would sail again on Thursday.", "Brenmoor"),
    ("Zelvik, the carmaker, said it would open a plant in the south.", "Zelvik"),
    ("Ambrel, a broadcaster, said the quiz show would return next year.", "Ambrel"),
    ("Quellair, the budget airline, said fares would rise in June.", "Quellair"),
    ("Pennow, the discount retailer, said twelve shops would shut.", "Pennow"),
])
def test_a_name_with_an_org_noun_in_apposition_is_an_org(run, text, name):
    a = run(text)
    assert types(a).get(name) == "ORG"


@pytest.mark.parametrize("text, say", [
    ("Ambrel, a broadcaster, said the quiz show would return next year.", "quiz show"),
    ("Brenmoor, the harbour operator, said ferries would sail again on Thursday.", "ferries"),
])
def test_an_untagged_described_name_speaks_as_an_org_entity(run, text, say):
    a = run(text)
    q = quote(a, say)
    speaker = next(e for e in a.entities if e.name == q.speaker)
    assert speaker.type == "ORG"


@pytest.mark.parametrize("text, name", [
    ("The tower is too tall, the property developer Oskar Lindqvist said on Monday.", "Oskar Lindqvist"),
    ("Oskar Lindqvist, a property developer, said the tower was too tall.", "Oskar Lindqvist"),
    ("Hanna Voss, the broadcaster, said the quiz show was over.", "Hanna Voss"),
])
def test_a_two_word_person_beside_an_org_noun_stays_a_person(run, text, name):
    assert types(run(text)).get(name) == "PERSON"


def test_a_lone_surname_of_a_named_person_stays_a_person(run):
    a = run("Greta Solberg has run the mill for twenty years.\n\n"
            "Stocks of grain are low, the mill operator Solberg said.")
    assert types(a).get("Greta Solberg") == "PERSON"
    assert "Solberg" not in types(a)


@pytest.mark.parametrize("text, say, name", [
    ("Ferries stayed in port on Sunday, the harbour operator Brenmoor said. A company spokeswoman "
     "said the storm would pass by Tuesday.", "storm would pass", "Brenmoor"),
    ("Fares will rise in June, the low-cost airline Quellair said. A company spokesman said fuel "
     "had doubled in price.", "fuel had doubled", "Quellair"),
    ("Twelve shops will shut, the discount retailer Pennow said. A spokesperson said staff would "
     "be offered other jobs.", "other jobs", "Pennow"),
])
def test_a_company_spokesperson_speaks_for_the_org(run, text, say, name):
    assert quote(run(text), say).speaker == name



@pytest.mark.parametrize("text, noun", [
    ("Brodrick, the discount retailer, said the shops would shut.", "retailer"),
    ("Brodrick, a broadcaster, said the show would end.", "broadcaster"),
    ("Brodrick, the editor of the newspaper, said the story was true.", None),
    ("Brodrick, a lawyer for the company, said the deal was fair.", None),
    ("Brodrick, the company's founder, said the deal was fair.", None),
])
def test_the_appositive_org_noun_is_read_off_the_words(nlp, text, noun):
    from newsgraph.pipeline.entities import _Extractor

    assert _Extractor(nlp(text))._appositive_org_noun(1) == noun
