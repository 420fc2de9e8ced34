"""The resolver (pipeline/resolve): one case per class of mention, on short made-up texts run
through ``Pipeline(("test_paragraphs", "nlp", "entities", "quotes"))``."""

from __future__ import annotations

from newsgraph.model import Article
from newsgraph.pipeline import Pipeline
from newsgraph.pipeline.resolve.lexicon import DESCRIPTION_HEADS, ORG_CLASSES
from newsgraph.pipeline.resolve.resolver import name_head
from newsgraph.readers.base import RawDocument
from resolve_helpers import quote, resolver_with_people


def entity(a: Article, name: str):
    hits = [e for e in a.entities if e.name == name]
    assert hits, [e.name for e in a.entities]
    return hits[0]


# -- data and helpers (no model) ------------------------------------------------------------------
def test_name_head():
    assert name_head("Ministry of Water Resources") == "ministry"
    assert name_head("Port Lannis Harbour Board") == "board"
    assert name_head("Pilots' Guild") == "guild"


def test_org_class_table_is_consistent():
    for cls, (heads, names) in ORG_CLASSES.items():
        assert heads and names, cls
        for h in heads:
            assert cls in DESCRIPTION_HEADS[h]


# -- descriptions -------------------------------------------------------------------------------------
def test_description_from_the_articles_own_apposition(run):
    a = run("Brannfeld Systems, the industrial sensor maker, will close a plant.\n\n"
            "The sensor maker said demand had fallen by a third.")
    assert quote(a, "demand had fallen").speaker == "Brannfeld Systems"
    kinds = {(m.text, m.kind) for m in entity(a, "Brannfeld Systems").mentions}
    assert ("The sensor maker", "description") in kinds


def test_description_by_head_noun_of_the_name(run):
    a = run("The Ministry of Water Resources postponed the dam tender again.\n\n"
            "The ministry said bidders needed more time.")
    assert quote(a, "bidders needed").speaker == "Ministry of Water Resources"


def test_description_by_class_table(run):
    a = run("Skyhaven Airways cancelled 120 flights on Monday.\n\n"
            "The airline said it had offered a raise to its pilots.")
    assert quote(a, "offered a raise").speaker == "Skyhaven Airways"


def test_company_is_not_an_institution(run):
    a = run("The Regional Water Authority fined Cressly Water on Monday.\n\n"
            '"We have invested record sums in our network," the company said.')
    assert quote(a, "record sums").speaker == "Cressly Water"


def test_description_without_a_compatible_organisation_stays_null(run):
    a = run("Ferry crews walked out on Monday.\n\nThe union said its members would strike again.")
    assert quote(a, "strike again").speaker is None


def test_persons_possession_is_not_a_description(run):
    a = run("Governor Renata Holloway signed the bill. The Castellan Growers Association opposed it.\n\n"
            "Holloway said her husband's former farm business had been sold.")
    assert "her husband's former farm business" not in {
        m.text for m in entity(a, "Castellan Growers Association").mentions}


# -- spokespeople, offices ----------------------------------------------------------------------------
def test_spokesperson_for_an_organisation_and_later_the_spokesperson(run):
    a = run("The Ministry of Water Resources delayed the tender.\n\n"
            "A spokesperson for the ministry said the delay would not matter.\n\n"
            '"We are confident," the spokesperson added.')
    assert quote(a, "delay would not matter").speaker == "Ministry of Water Resources"
    assert quote(a, "We are confident").speaker == "Ministry of Water Resources"


def test_named_organisation_spokesman(run):
    a = run("The Regional Water Authority fined Cressly Water on Monday.\n\n"
            "A Cressly spokesman said repairs would be finished by March.")
    assert quote(a, "repairs would be").speaker == "Cressly Water"


def test_bare_spokesperson_speaks_for_the_organisation_of_the_passage(run):
    a = run("The Orrin Museum of Art will return four bronze figures to Lakan.\n\n"
            "A spokesperson said the museum had concluded the figures were removed illegally.")
    assert quote(a, "figures were removed").speaker == "Orrin Museum of Art"


def test_office_goes_to_its_owner(run):
    a = run("Prime Minister Leni Vautrin will skip the summit, her office said on Thursday.\n\n"
            "Vautrin's office said she had a budget vote.")
    assert quote(a, "budget vote").speaker == "Leni Vautrin"


# -- documents -------------------------------------------------------------------------------------------
def test_study_by_an_institute_and_the_study_later(run):
    a = run("Commuters spend longer travelling to work, a study by the Ostler Institute for Urban Policy found.\n\n"
            "The study found that bus users were hit hardest.")
    assert quote(a, "bus users").speaker == "Ostler Institute for Urban Policy"


def test_poll_by_a_newspaper(run):
    a = run("A poll of 20 economists by the Marvonia Courier found that most expect another cut.")
    assert quote(a, "most expect").speaker == "Marvonia Courier"


def test_minutes_go_to_the_organisation_the_sentence_names(run):
    a = run("The Bank of Marvonia's board was divided over the rate cut, according to the minutes of the meeting.")
    assert quote(a, "was divided").speaker == "Bank of Marvonia"


# -- names: short forms, titles, shared surnames ----------------------------------------------------------
def test_short_form_joins_the_organisation(run):
    a = run("Halvex Robotics is recalling 1,200 robots.\n\nHalvex said no injuries had been reported.")
    assert quote(a, "no injuries").speaker == "Halvex Robotics"
    assert "Halvex" not in [e.name for e in a.entities]


def test_title_is_a_role_not_part_of_the_name(run):
    a = run("Sheriff Ana Kowal said deputies had gone door to door overnight.")
    assert quote(a, "door to door").speaker == "Ana Kowal"
    assert entity(a, "Ana Kowal").type == "PERSON"


def test_shared_surname_goes_to_the_bearer_the_article_is_about(run):
    a = run("President Anton Drager defended the fuel tax on Monday.\n\n"
            "Drager's wife, Lotte Drager, joined him in the afternoon.\n\n"
            "Drager's brother, Kasimir Drager, runs a haulage company.\n\n"
            "Drager said the tax would be reviewed in two years.")
    assert quote(a, "tax would be reviewed").speaker == "Anton Drager"


def test_shared_surname_with_an_honorific(run):
    a = run("Walter Finch and his wife, Agnes Finch, found 212 silver coins in April.\n\n"
            '"I thought it was a bottle cap," Mrs. Finch said.\n\n'
            "Mr. Finch said the couple would spend the money on their grandchildren.")
    assert quote(a, "bottle cap").speaker == "Agnes Finch"
    assert quote(a, "spend the money").speaker == "Walter Finch"


# -- pronouns ------------------------------------------------------------------------------------------------
def test_she_after_a_named_woman(run):
    a = run("Mayor Colm Dervin had proposed the cuts. Dervin said the money would come from a reserve.\n\n"
            "Council member Yusra Adeyemi, a former librarian, was blunt. She said the plan would close the branches.")
    assert quote(a, "close the branches").speaker == "Yusra Adeyemi"


def test_he_is_the_paragraph_subject_not_the_last_name(run):
    a = run("Jonas Ebbe, a professor of law, has studied border treaties for two decades.\n\n"
            "Ebbe said the draft left the islands unclear. He noted that a clause drafted under former "
            "President Viktor Strand remained in the text.\n\n"
            '"You cannot fix a border by leaving its hardest part for later," he said.')
    assert quote(a, "fix a border").speaker == "Jonas Ebbe"
    assert any(m.kind == "pronoun" and m.text == "he" for m in entity(a, "Jonas Ebbe").mentions)


def test_it_for_a_company(run):
    a = run("Halvex Robotics is recalling 1,200 robots. It said owners would receive a software update.")
    assert quote(a, "software update").speaker == "Halvex Robotics"


# -- unnamed people -------------------------------------------------------------------------------------------
def test_unnamed_people_stay_null(run):
    a = run("Ruritania and Freedonia signed a draft border deal.\n\n"
            "A Ruritanian official said the islands would be dealt with later.\n\n"
            "A senior Freedonian diplomat said talks would resume in the autumn.")
    assert quote(a, "dealt with later").speaker is None
    assert quote(a, "talks would resume").speaker is None


def test_a_later_naming_links(run):
    a = run("Protesters blocked a coal train on Saturday.\n\n"
            "One protester, Marta Kovac, said the group had chained itself to the tracks.")
    assert quote(a, "chained itself").speaker == "Marta Kovac"


def test_a_bare_document_cited_as_a_source_is_its_issuer():
    pipe = Pipeline(("test_paragraphs", "nlp", "entities", "quotes", "sources"))
    article = pipe.analyze(RawDocument(text="St. Aldric's Hospital apologised to 8,000 patients on Monday.\n\n"
                                            "The statement said patients would be contacted by letter."))
    assert quote(article, "contacted by letter").speaker == "St. Aldric's Hospital"
    assert [(s.outlet, s.kind) for s in article.sources] == [("St. Aldric's Hospital", "document")]


def test_office_of_a_person_named_by_role(run):
    a = run("Senator Mara Quill, the party's candidate for governor, toured the coast on Monday.\n\n"
            "The candidate's campaign said she would release her tax returns next week.")
    assert quote(a, "tax returns").speaker == "Mara Quill"


def test_an_administration_is_not_its_leader(run):
    a = run("President Anton Drager met union leaders on Monday.\n\n"
            "The Drager administration said the fuel tax would stay.")
    assert quote(a, "fuel tax would stay").speaker != "Anton Drager"


def test_shared_surname_with_weak_evidence_links_nobody(run):
    a = run("Ana Soler chairs the water board. Luis Soler runs the farmers' cooperative.\n\n"
            "The two are not related.\n\n"
            "Soler said the new tariffs were unfair.")
    q = quote(a, "tariffs were unfair")
    assert q.speaker_id is None and q.speaker not in ("Ana Soler", "Luis Soler")


def test_given_people_take_over_the_entities_they_overlap():
    from newsgraph.model import Entity, Mention
    from newsgraph.pipeline.resolve.given import person_spans, with_people

    text = "Dana Reyk met Ilse Moor. Reyk, not Moor, spoke first; later Reyk left."
    org = Entity(id="e0", name="Reyk", type="ORG",
                 mentions=[Mention(start=25, end=29, text="Reyk"), Mention(start=60, end=64, text="Reyk")])
    gpe = Entity(id="e1", name="Tarn", type="GPE", mentions=[])
    people = [("Dana Reyk", [(0, 9)], "f"), ("Ilse Moor", [(14, 23)], None)]
    spans = person_spans(text, people)
    assert spans[0] == [(0, 9), (25, 29), (60, 64)] and spans[1] == [(14, 23), (35, 39)]
    out = with_people([org, gpe], text, people)
    assert [e.id for e in out] == ["given0", "given1"]  # the ORG merged, the empty GPE dropped
    assert out[0].type == "PERSON" and [m.text for m in out[0].mentions] == ["Dana Reyk", "Reyk", "Reyk"]
    assert out[0].aliases == ["Reyk"]


def test_build_resolver_with_given_people_and_gender(nlp):
    from newsgraph.model import Article
    from newsgraph.pipeline.entities import extract_entities
    from newsgraph.pipeline.resolve import build_resolver

    text = "Quorn trained under Velt for a decade. She later ran the workshop herself."
    doc = nlp(text)
    article = Article()
    article.set_paragraphs([text])
    article.entities = extract_entities(doc, None)[0]
    res = build_resolver(article, doc, extra_people=[("Quorn", [(0, 5)], "f"), ("Velt", [(20, 24)], "f")])
    a = res.by_id["given0"]
    assert res.ents[a].type == "PERSON" and res.ents[a].gender == "f"
    she = next(t for t in doc if t.text == "She")
    assert res.resolved[she.i][0] == a


def test_clause_features_subject_shared_by_coordinated_verbs(nlp):
    text = "Nessa Brook walked over to Tamsin Hale and thanked her. Later Nessa Brook lost her umbrella."
    doc, res = resolver_with_people(nlp, text, [("Nessa Brook", [(0, 11)], "f"), ("Tamsin Hale", [(27, 38)], "f")])
    a, b = res.by_id["given0"], res.by_id["given1"]
    her1, her2 = [t for t in doc if t.lower_ == "her"]
    f1 = dict(res.pronoun_candidates(her1))
    assert f1[a].get("same_clause_subject") == 1.0 and not f1[b].get("same_clause_subject")
    assert res.resolved[her1.i][0] == b
    f2 = dict(res.pronoun_candidates(her2))
    assert f2[a].get("clause_subject") == 1.0 and not f2[b].get("clause_subject")


def test_a_known_person_named_after_a_fronted_pronoun(nlp):
    text = ("Orrin Vale met Jory Tesk in 1990. Shortly after his return, Orrin Vale wrote to Jory Tesk.")
    doc, res = resolver_with_people(nlp, text, [("Orrin Vale", [(0, 10)], "m"), ("Jory Tesk", [(15, 24)], "m")])
    his = next(t for t in doc if t.lower_ == "his")
    f = dict(res.pronoun_candidates(his))
    assert f[res.by_id["given0"]].get("main_subject_after") == 1.0
    assert not f[res.by_id["given1"]].get("main_subject_after")


def test_clause_subject_through_a_verb_complement(nlp):
    text = "Lise Orm hired Pia Dunn in May. Pia Dunn wanted to sell her house."
    doc, res = resolver_with_people(nlp, text, [("Lise Orm", [(0, 8)], "f"), ("Pia Dunn", [(15, 23)], "f")])
    her = next(t for t in doc if t.lower_ == "her")
    f = dict(res.pronoun_candidates(her))
    assert f[res.by_id["given1"]].get("clause_subject") == 1.0
    assert res.resolved[her.i][0] == res.by_id["given1"]
