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


def test_shared_surname_of_a_spouse_introduced_by_relation(run):
    a = run("Senator Ruth Adair opened the clinic on Friday with her husband, Paul Adair.\n\n"
            "Adair said the clinic would treat 300 patients a week.")
    assert quote(a, "300 patients").speaker == "Ruth Adair"


def test_shared_surname_with_close_evidence_stays_unlinked(run):
    a = run("Mirko Tallis runs the bakery. Jana Tallis runs the cafe next door.\n\n"
            "Tallis said rents had doubled since spring.")
    q = quote(a, "rents had doubled")
    assert q.speaker_id is None and q.speaker not in ("Mirko Tallis", "Jana Tallis")
