"""Speakers in political wire copy (issue #10, round 5): seats of government, person
descriptions the article itself attaches (titles, appositions, party words, "former" news),
speakers named in the next sentence, campaigns and their spokespeople. Literal fixtures
written for these tests (invented people, places and countries)."""

from __future__ import annotations

from resolve_helpers import quote


def test_a_seat_of_government_speaks_for_its_country(run):
    a = run("Japan and Norvaland signed a fishing accord on Monday.\n\n"
            "Tokyo said the accord would protect coastal fleets for a decade.")
    assert quote(a, "protect coastal fleets").speaker == "Japan"


def test_a_capital_the_article_introduces_speaks_for_its_country(run):
    a = run("Inspectors left Quenmark on Tuesday. Their report was handed to the government in Tarnow, "
            "the Quenmarkian capital.\n\n"
            "Tarnow said the inspectors had been given every document they asked for.")
    assert quote(a, "given every document").speaker == "Quenmark"


def test_a_city_that_is_no_capital_speaks_for_itself(run):
    a = run("Greywater Council voted on the new tram line on Monday.\n\n"
            "Greywater said the first trams would run in 2029.")
    assert quote(a, "first trams would run").speaker != "United Kingdom"


def test_an_abbreviated_title_is_the_role_of_a_description(run):
    a = run("Gov. Ilse Marchand signed the water bill on Friday in front of farmers.\n\n"
            "The governor said the bill would keep two reservoirs full through the summer.")
    assert quote(a, "two reservoirs full").speaker == "Ilse Marchand"


def test_an_apposed_role_then_he_after_the_description(run):
    a = run("Mayor Tobias Wren and his independent challenger, Peter Fenner, met on Monday.\n\n"
            "The challenger shook his head. He said the books balanced only because the city had sold two parks.")
    assert quote(a, "sold two parks").speaker == "Peter Fenner"


def test_a_party_word_must_agree_with_the_role(run):
    a = run("The Democratic nominee, Ruth Alcott, spoke in Dover. The Republican nominee, Hal Brisk, "
            "spoke in Camden.\n\n"
            "The Republican candidate said the state needed a new bridge.")
    assert quote(a, "needed a new bridge").speaker == "Hal Brisk"


def test_a_former_title_adds_news_about_the_person_just_named(run):
    a = run("Daniel Osterhaus opened his campaign for the Senate on Monday in a crowded gym.\n\n"
            "The former state senator told supporters that he would cut property taxes.")
    assert quote(a, "cut property taxes").speaker == "Daniel Osterhaus"


def test_an_unnamed_aide_named_in_the_next_sentence(run):
    a = run("A former adviser to Governor Pia Lindgren says in a new memoir that the governor "
            "ignored warnings about the dam.\n\n"
            "Mark Dalton, who worked for Lindgren for six years, writes that the warnings came in March.")
    assert quote(a, "ignored warnings about the dam").speaker == "Mark Dalton"


def test_an_anonymous_official_is_not_the_next_person_named(run):
    a = run("A senior official, speaking on condition of anonymity, said the talks had stalled.\n\n"
            "Dana Okoro, the chief negotiator, said the talks would resume on Friday.")
    assert quote(a, "talks had stalled").speaker is None


def test_the_head_of_an_agency_named_by_title_next(run):
    a = run("The head of the Coastal Safety Agency told senators on Tuesday that new buoys would "
            "take two years to install.\n\n"
            "Director Amara Stein said the agency had lost a third of its engineers.")
    assert quote(a, "new buoys would").speaker == "Amara Stein"


def test_a_campaign_spokesman_speaks_for_the_candidate(run):
    a = run("Della Voss, the Democratic nominee for governor, trails in the latest poll.\n\n"
            "A Voss campaign spokesman said the poll had too few rural voters.")
    assert quote(a, "too few rural voters").speaker == "Della Voss"


def test_the_campaign_after_a_named_campaign(run):
    a = run("Senator Owen Pike is running for a third term.\n\n"
            "The Pike campaign released a list of donors on Monday. "
            "A spokeswoman for the campaign said more names would follow.")
    assert quote(a, "more names would follow").speaker == "Owen Pike"


def test_a_that_clause_hung_on_a_later_noun_is_the_content(run):
    a = run("Rep. Carla Munoz wrote on social media after the vote that the count had been rushed.")
    assert quote(a, "count had been rushed").speaker == "Carla Munoz"


def test_a_that_clause_taken_for_a_relative_clause_of_a_book(run):
    a = run("Lena Hartley says in her new book that the senator told aides to shred the letters.")
    assert quote(a, "shred the letters").speaker == "Lena Hartley"


def test_a_true_relative_clause_of_a_book_is_no_content(run):
    a = run("Lena Hartley said in the letter that her lawyer drafted that she would appeal.")
    assert not any("her lawyer drafted" in q.text for q in a.quotes)


def test_a_shared_surname_owning_a_campaign_is_the_public_figure(run):
    a = run("Senator Ada Lorimer and her husband, Frank Lorimer, toured a shipyard on Friday.\n\n"
            'Lorimer\'s campaign called the report "a smear."')
    assert {q.speaker for q in a.quotes if "a smear" in q.text} == {"Ada Lorimer"}


def test_it_after_a_campaign_subject_speaks_for_the_candidate(run):
    a = run("Tomas Beck, the Republican nominee for governor, toured the coast on Monday.\n\n"
            "The Beck campaign later corrected its donor list. It said the mistakes were typing errors.")
    assert quote(a, "typing errors").speaker == "Tomas Beck"


def test_a_paragraph_that_is_all_quote_continues_the_speaker_before(run):
    a = run('Councilwoman Irene Baptiste was unimpressed. "A promise is not a budget," she said.\n\n'
            '"Show us the numbers, and show them to us before the vote."\n\n'
            "The council meets again on Thursday.")
    assert quote(a, "Show us the numbers").speaker == "Irene Baptiste"


def test_a_quote_paragraph_after_narration_keeps_no_borrowed_speaker(run):
    a = run('"A promise is not a budget," Irene Baptiste said, and then she left the room early.\n\n'
            '"Show us the numbers, and show them to us before the vote."')
    assert all(q.speaker is None for q in a.quotes if "Show us the numbers" in q.text)


def test_an_unnamed_assistant_tied_to_the_person_the_next_sentence_names(run):
    a = run("A former assistant to the banker Konrad Weil told investigators on Monday that he had "
            "been told to shred the files.\n\n"
            "Tobias Lund, who worked for Weil for three years, said the order came by phone.")
    assert quote(a, "shred the files").speaker == "Tobias Lund"


def test_a_name_hung_on_the_role_noun_after_its_phrase_belongs_to_the_phrase():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from newsgraph.pipeline.resolve.resolver import misattached_appos

    words = ["A", "former", "aide", "to", "the", "developer", "Nils", "Dorsey", "spoke", ",", "Ada", "Roe", "."]
    heads = [2, 2, 8, 2, 5, 3, 7, 2, 8, 2, 11, 2, 8]  # the parser's error: "Dorsey" apposed to "aide"
    deps = ["det", "amod", "nsubj", "prep", "det", "pobj", "compound", "appos", "ROOT", "punct", "compound",
            "appos", "punct"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    assert misattached_appos(doc[7])  # no comma before it, right after "to the developer"
    assert not misattached_appos(doc[11])  # ", Ada Roe": a real apposition after a comma


def test_a_place_typed_name_with_a_who_clause_is_a_person(run):
    a = run("Nora Bay, who ran the shelter for a decade, said the city had cut its grant. "
            "Bay said the shelter would close in May.")
    assert quote(a, "close in May").speaker == "Nora Bay"


def test_a_club_name_the_model_types_as_a_place_is_the_club(run):
    a = run("Port Avon FC sacked its manager on Monday after nine games without a win.\n\n"
            "The club said a new manager would be named before the derby.")
    assert quote(a, "new manager would be named").speaker == "Port Avon FC"


def test_a_repeated_owned_description_keeps_its_owner(run):
    a = run("The Northern Cycling Federation's appeals board said on Friday that the ban would stand. "
            "The board said the rider could race again in June.")
    assert quote(a, "race again in June").speaker == "Northern Cycling Federation"


def test_a_that_clause_the_parser_hangs_on_a_briefing(run):
    a = run('Press secretary Ilona Marsh told reporters at the morning briefing that the governor had '
            '"made her views plain" to the party chair in a call on Monday.')
    assert any(q.kind == "indirect" and "governor had" in q.text and q.speaker == "Ilona Marsh" for q in a.quotes)
