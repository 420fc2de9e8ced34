"""Speaker mechanisms added after the third held-out speaker set (issue #10, round 3): role
descriptions only look back, surnames the model tagged as common nouns, names inside quotes
giving no gender evidence, shared-surname salience, and the description, spokesperson,
document and apposition rules below. Literal fixtures written for these tests (never the
held-out articles)."""

from __future__ import annotations

from resolve_helpers import quote


# -- role descriptions, surnames, gender ------------------------------------------------------------
def test_role_description_looks_back_not_forward(run):
    a = run("Senator Oona Falk voted for the bridge on Monday.\n\n"
            '"It will carry 40,000 cars a day," the senator said.\n\n'
            "Senator Piet Varn, who voted no, said the tolls were too high.")
    assert quote(a, "40,000 cars").speaker == "Oona Falk"


def test_a_surname_tagged_as_a_common_noun_is_still_the_person(run):
    a = run("Piers Thorne and Ulla Kreel have run the harbour ferry since 1990.\n\n"
            "The two brothers disagree about how much the trade has changed. Thorne said tourists had "
            "made the harbour noisy.")
    assert quote(a, "harbour noisy").speaker == "Piers Thorne"


def test_a_name_inside_a_quote_does_not_block_gender_evidence(run):
    a = run("The conductor, Ulrike Hass, praised the choir. Hass has led it for ten years.\n\n"
            "The soloist, Tavi Orlan, seemed tired after the concert. Asked about the rehearsals, "
            'she said: "Ulrike pushed us hard, and it worked."')
    assert quote(a, "pushed us hard").speaker == "Tavi Orlan"


# -- shared surnames: the bearer the article is about ------------------------------------------------
def test_shared_surname_goes_to_the_titled_first_subject(run):
    a = run("Senator Bram Ostrander defended his vote on the dam on Monday.\n\n"
            "Filings show that Kees Ostrander registered as a consultant for the builder.\n\n"
            "Ostrander said his vote had nothing to do with the contract.\n\n"
            "Kees Ostrander did not answer calls on Monday.")
    assert quote(a, "nothing to do with the contract").speaker == "Bram Ostrander"


def test_shared_surname_of_a_president_and_a_first_lady_neither_having_spoken(run):
    a = run("President Oren Kasdale toured the steel plant on Monday. First lady Ines Kasdale visited a "
            "school in the afternoon.\n\n"
            "Kasdale said the plant would double its workforce.")
    assert quote(a, "double its workforce").speaker == "Oren Kasdale"


def test_shared_surname_of_a_spouse_introduced_by_relation(run):
    a = run("Senator Ruth Adair opened the clinic on Friday with her husband, Paul Adair.\n\n"
            "Adair said the clinic would treat 300 patients a week.")
    assert quote(a, "300 patients").speaker == "Ruth Adair"


def test_shared_surname_with_close_evidence_stays_unlinked(run):
    a = run("Mirko Tallis runs the bakery. Jana Tallis runs the cafe next door.\n\n"
            "Tallis said rents had doubled since spring.")
    q = quote(a, "rents had doubled")
    assert q.speaker_id is None and q.speaker not in ("Mirko Tallis", "Jana Tallis")


# -- descriptions by organisation class --------------------------------------------------------------
def test_the_club_is_a_football_club_named_like_a_person(run):
    a = run("Halden Wanderers sacked their manager on Monday after a fifth straight defeat.\n\n"
            "The club said a replacement would be named within a week.")
    assert {e.name: e.type for e in a.entities}["Halden Wanderers"] == "ORG"
    assert quote(a, "replacement would be named").speaker == "Halden Wanderers"


def test_the_panel_is_the_commission_not_the_council(run):
    a = run("The Orrick Town Council met on Tuesday to discuss the ferry pier.\n\n"
            "The Orrick Licensing Commission had refused the pier's bar licence in May. The panel said "
            "the pier had no fire exit.")
    assert quote(a, "no fire exit").speaker == "Orrick Licensing Commission"


def test_the_health_system_and_the_studio(run):
    a = run("Marrow Valley Health will shut two clinics next month.\n\n"
            "The health system said it could not find enough nurses.")
    assert quote(a, "enough nurses").speaker == "Marrow Valley Health"
    b = run("Quarry Lane Pictures has delayed its space western by a year.\n\n"
            "The studio said the effects were not finished.")
    assert quote(b, "effects were not finished").speaker == "Quarry Lane Pictures"


# -- spokespeople, affiliations, authors --------------------------------------------------------------------
def test_a_police_spokesperson_speaks_for_the_police_named(run):
    a = run("The Ministry of Roads closed the coast road on Sunday. Officers from the Esk County Police "
            "searched the cliffs overnight.\n\n"
            "A police spokesperson said a climber was missing. The spokesperson added that a helicopter "
            "would join the search.")
    assert quote(a, "climber was missing").speaker == "Esk County Police"
    assert quote(a, "helicopter").speaker == "Esk County Police"


def test_a_police_spokesperson_without_a_police_named_is_nobody_named(run):
    a = run("The Ministry of Roads closed the coast road on Sunday.\n\n"
            "A police spokesperson said a climber was missing.")
    assert quote(a, "climber was missing").speaker is None


def test_plural_people_at_an_organisation_write_for_it(run):
    a = run("Tolvik Motors cut its sales forecast on Monday.\n\n"
            "Economists at Harwell Capital wrote that the cut would weigh on exports.")
    assert quote(a, "weigh on exports").speaker == "Harwell Capital"


def test_the_researchers_are_the_study_issuers(run):
    a = run("Bees fly farther in dry summers, according to a study by the Pellow Institute of Zoology.\n\n"
            "Professor Anke Strobl, who was not involved, said the result was plausible.\n\n"
            '"Foragers simply run out of nearby flowers," the researchers wrote.')
    assert quote(a, "run out of nearby flowers").speaker == "Pellow Institute of Zoology"


# -- documents ------------------------------------------------------------------------------------------------
def test_data_an_organisation_filed_is_its_own(run):
    a = run("Kessick College will close its music school.\n\n"
            "Applications fell by a third, according to figures the college gave to the state regulator.")
    assert quote(a, "Applications fell").speaker == "Kessick College"


def test_state_records_have_no_named_issuer(run):
    a = run("Senator Lise Marrak voted for the airport on Monday, after state records showed that her "
            "cousin owned land beside it.\n\n"
            "The records show that the cousin sold the land to Orlen Aviation Holdings in May.")
    assert quote(a, "her cousin owned land").speaker is None
    assert quote(a, "sold the land").speaker is None


# -- appositions and names -------------------------------------------------------------------------------------
def test_a_noun_named_x_names_the_speaker(run):
    a = run("Floodwater reached the upper town on Sunday.\n\n"
            "One shopkeeper, a former teacher named Ilka Varnes, said she had lost all her stock.")
    assert quote(a, "lost all her stock").speaker == "Ilka Varnes"


def test_an_institution_of_a_place_keeps_the_place_in_its_name(run):
    a = run("The Reserve Bank of Varnholt raised its main rate on Tuesday.\n\n"
            "The bank said prices were rising too fast.")
    assert "Reserve Bank of Varnholt" in [e.name for e in a.entities]
    assert quote(a, "rising too fast").speaker == "Reserve Bank of Varnholt"


# -- quote frames ------------------------------------------------------------------------------------------------
def test_colon_after_a_clause_without_a_speech_verb(run):
    a = run("Captain Ilse Marwick and her lifeboat crew searched the bay until dawn.\n\n"
            'Marwick had a plain warning for sailors who ignored the forecast: "If the flag is red, stay in port."')
    assert quote(a, "stay in port").speaker == "Ilse Marwick"


def test_a_trailing_attribution_parsed_as_a_conjunct(run):
    a = run("Harlen Foods will close two bakeries and sell its delivery fleet to cover a $4 million loss, "
            "its chairman announced on Monday.\n\n"
            "Chairman Oskar Brill said the ovens were too old to repair.")
    q = quote(a, "close two bakeries")
    assert q.kind == "indirect" and q.speaker == "Oskar Brill"


def test_a_second_that_clause_after_but(run):
    a = run("The Harlow Canal Trust said the towpath was open, but that it would drain the lock on Friday "
            "to fix the gates.")
    assert quote(a, "drain the lock").speaker == "Harlow Canal Trust"


# -- no quote: acts that are not communication ------------------------------------------------------------
def test_no_quote_for_a_passive_conjunct_with_its_own_subject(run):
    a = run("Club president Ivo Renn declined to discuss the budget, and the players are expected to "
            "train on Sunday.")
    assert not [q for q in a.quotes if "train on Sunday" in q.text]


def test_no_quote_for_a_phrasal_verb(run):
    a = run("The Lenning Falcons were knocked out of the regional cup by a village side.")
    assert not [q for q in a.quotes if "Falcons" in q.text]
