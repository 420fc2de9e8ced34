"""Quotes stage: direct quotes, reported speech and speaker resolution, on short made-up texts.

Most fixtures run through ``Pipeline(("test_paragraphs", "nlp", "entities", "quotes"))`` where
``test_paragraphs`` (defined in conftest) splits the text on blank lines, so the tests do not depend on
how the clean stage reads titles; a few run through :func:`newsgraph.analyze` end to end.
"""

from __future__ import annotations

import time

import pytest

from newsgraph import analyze
from newsgraph.model import Article, Quote
from newsgraph.nlp import get_nlp
from newsgraph.pipeline.quotes import extract_quotes, find_quoted_segments
from newsgraph.readers.base import RawDocument

from conftest import shared_path
from resolve_helpers import indirect, only, speaker_is


def direct(article: Article) -> list[Quote]:
    return [q for q in article.quotes if q.kind == "direct"]



# -- quote marks (no model) -------------------------------------------------------------------
def segs(text: str) -> list[str]:
    paras, pos = [], 0
    for p in text.split("\n\n"):
        paras.append((pos, pos + len(p)))
        pos += len(p) + 2
    return [text[s.start:s.end] for s in find_quoted_segments(text, paras)]


def test_marks_straight_curly_single_and_two_apostrophes():
    assert segs('He said "yes" and “no”.') == ["yes", "no"]
    assert segs("'We are ready,' said Ruiz.") == ["We are ready,"]
    assert segs("''It is over,'' Mr. Ruiz said.") == ["It is over,"]
    assert segs("``It is over,'' Mr. Ruiz said.") == ["It is over,"]


def test_apostrophes_are_not_marks():
    assert segs("Ruiz's office didn't comment on the city’s plan.") == []
    assert segs("The Joneses' dog barked in the '90s.") == []


def test_nested_single_quotes_stay_inside():
    assert segs('"He said \'never again\' and left," Ruiz said.') == ["He said 'never again' and left,"]


def test_multi_paragraph_segments_are_chained():
    text = '"First part of it.\n\n"Second part," he said.'
    paras = [(0, 18), (20, len(text))]
    found = find_quoted_segments(text, paras)
    assert [text[s.start:s.end] for s in found] == ["First part of it.", "Second part,"]
    assert found[1].continues == 0 and found[0].continued


# -- direct quotes: attribution positions -------------------------------------------------------
def test_attribution_before(run):
    a = run('Mayor Ana Ruiz spoke to residents on Monday evening. Ruiz said: "The bridge will reopen in May."')
    q = only(direct(a), "bridge will reopen")
    assert q.text == "The bridge will reopen in May."
    assert speaker_is(q, "Ruiz") and q.cue == "said" and q.speaker_text == "Ruiz"
    assert a.text[q.start:q.end] == q.text and q.paragraph == 0


def test_attribution_after_inverted(run):
    a = run('Mayor Ana Ruiz visited the depot on Monday.\n\n"We need more buses on the night routes," said Ruiz.')
    q = only(direct(a), "more buses")
    assert speaker_is(q, "Ruiz") and q.cue == "said" and q.paragraph == 1
    assert a.text[q.start:q.end] == q.text == "We need more buses on the night routes,"


def test_attribution_after_with_period_inside_the_marks(run):
    a = run('Mayor Ana Ruiz visited the depot on Monday.\n\n"Fares will stay the same next year." '
            'Ruiz noted, adding that the council agreed.')
    q = only(direct(a), "Fares")
    assert q.text == "Fares will stay the same next year."
    assert speaker_is(q, "Ruiz") and q.cue == "noted"


def test_sentence_interrupted_by_its_attribution_is_one_verbatim_quote(run):
    a = run('Mayor Ana Ruiz visited the site on Monday.\n\n'
            '"The bridge is safe," Ruiz said, "and the repairs are finished."')
    qs = direct(a)
    assert len(qs) == 1
    q = qs[0]
    assert q.text == 'The bridge is safe," Ruiz said, "and the repairs are finished.'
    assert a.text[q.start:q.end] == q.text
    assert speaker_is(q, "Ruiz") and q.cue == "said"


def test_multi_paragraph_quote_gives_one_quote_per_paragraph(run):
    a = run('Mayor Ana Ruiz gave a long speech on Monday.\n\n'
            '"This city has waited for this bridge for twenty years," Ruiz said. "We fought for the money.\n\n'
            '"We fought for the permits. And now we can finally build it."\n\n'
            'The council will vote next week.')
    qs = direct(a)
    assert [q.text for q in qs] == ["This city has waited for this bridge for twenty years,",
                                    "We fought for the money.",
                                    "We fought for the permits. And now we can finally build it."]
    assert [q.paragraph for q in qs] == [1, 1, 2]
    assert all(speaker_is(q, "Ruiz") and a.text[q.start:q.end] == q.text for q in qs)


def test_nested_single_quotes_inside_a_direct_quote(run):
    a = run('Mayor Ana Ruiz described the meeting.\n\n'
            '"He looked at me and said \'never again\' before he left the room," Ruiz said.')
    qs = direct(a)
    assert len(qs) == 1
    assert qs[0].text == "He looked at me and said 'never again' before he left the room,"
    assert speaker_is(qs[0], "Ruiz")


def test_single_quote_marks_and_apostrophes(run):
    a = run("Mayor Ana Ruiz's office didn't comment on Monday.\n\n"
            "'We are ready for the storm,' said Ruiz, who has led the city since 2019.")
    qs = direct(a)
    assert [q.text for q in qs] == ["We are ready for the storm,"]
    assert speaker_is(qs[0], "Ruiz")


def test_two_apostrophe_marks(run):
    a = run("Mayor Ana Ruiz spoke on Monday.\n\n"
            "''The tunnel will stay closed until the inspection is over,'' Ms. Ruiz said.")
    q = only(direct(a), "tunnel")
    assert q.text == "The tunnel will stay closed until the inspection is over,"
    assert speaker_is(q, "Ruiz")


# -- pronouns -------------------------------------------------------------------------------------
def test_he_and_she_in_one_paragraph_by_titles(run):
    a = run('Mr. Tom Berg met Ms. Lena Holt at the port on Tuesday to discuss the new terminal.\n\n'
            '"The deal is done," she said. "We start on Monday," he added.')
    she = only(direct(a), "deal is done")
    he = only(direct(a), "We start")
    assert she.speaker == "Lena Holt" and she.speaker_text == "she"
    assert he.speaker == "Tom Berg" and he.speaker_text == "he" and he.cue == "added"
    assert she.speaker_id and he.speaker_id and she.speaker_id != he.speaker_id


def test_he_resolves_to_most_recent_subject(run):
    a = run('Mr. Berg and Mr. Kahn met on Tuesday. Mr. Kahn spoke first.\n\n"We are not selling," he said.')
    q = only(direct(a), "not selling")
    assert speaker_is(q, "Kahn") and q.speaker_text == "he"


def test_she_from_earlier_pronoun_use(run):
    # no titles, no telling first names: only "She" after a sentence about Carter says who is female
    a = run('Alex Carter runs the city port. She has worked there for ten years.\n\n'
            'Robin Meyer, the mayor, visited the harbour on Friday with Carter. Meyer spoke first.\n\n'
            '"We will double the capacity," she said.')
    q = only(direct(a), "double the capacity")
    assert speaker_is(q, "Carter")


def test_they_resolves_to_an_organisation(run):
    a = run('The Harbor Workers Union rejected the offer from the port authority on Friday.\n\n'
            '"This offer is an insult to every worker here," they said in a statement.')
    q = only(direct(a), "insult")
    assert q.speaker == "Harbor Workers Union" and q.speaker_text == "they"


# -- roles, anonymous speakers, organisations ----------------------------------------------------------
def test_role_named_later(run):
    a = run('The spokesperson said the port would stay open through the winter.\n\n'
            'Spokesperson Jane Roe later confirmed the new schedule.')
    q = only(indirect(a), "port would stay open")
    assert q.speaker == "Jane Roe" and q.speaker_text == "The spokesperson" and q.cue == "said"


def test_role_named_before(run):
    a = run('Spokesperson Jane Roe confirmed the schedule on Monday.\n\n'
            '"The port will stay open through the winter," the spokesperson said.')
    q = only(direct(a), "stay open")
    assert q.speaker == "Jane Roe" and q.speaker_text == "the spokesperson"


def test_unnamed_official_stays_unresolved(run):
    a = run('Talks between the two sides resumed on Monday.\n\nAn official said the talks had stalled again over pay.')
    q = only(indirect(a), "stalled")
    assert q.speaker is None and q.speaker_id is None and q.speaker_text == "An official"
    assert q.text == "the talks had stalled again over pay"


def test_organisation_said_in_a_statement(run):
    a = run('The Ministry of Transport published its plan on Monday.\n\n'
            'The ministry said in a statement that the tunnel would close in June.')
    q = only(indirect(a), "tunnel would close")
    assert q.speaker == "Ministry of Transport" and q.speaker_text == "The ministry" and q.cue == "said"
    assert q.paragraph == 1


# -- reported speech ------------------------------------------------------------------------------------
def test_according_to(run):
    a = run('Repairs on the old bridge started on Monday.\n\nAccording to Ruiz, the bridge will reopen in May.')
    q = only(indirect(a), "reopen")
    assert q.text == "the bridge will reopen in May"
    assert q.cue == "according to" and q.speaker_text == "Ruiz"


def test_told_reporters(run):
    a = run('Mayor Ana Ruiz met the press on Monday.\n\nRuiz told reporters that the budget was tight this year.')
    q = only(indirect(a), "budget")
    assert q.text == "the budget was tight this year" and q.cue == "told"
    assert speaker_is(q, "Ruiz")


@pytest.mark.parametrize("verb", ["warned", "insisted", "argued", "acknowledged", "claimed", "announced",
                                  "explained", "denied", "emphasized"])
def test_reporting_verbs(run, verb):
    a = run(f"Mayor Ana Ruiz met the press on Monday.\n\nRuiz {verb} that the budget was tight this year.")
    q = only(indirect(a), "budget")
    assert q.cue == verb and q.text == "the budget was tight this year" and speaker_is(q, "Ruiz")


def test_offsets_and_paragraphs_are_consistent(run):
    a = run('Mayor Ana Ruiz met the press on Monday.\n\nRuiz told reporters that the budget was tight.\n\n'
            '"We will manage," she said.')
    for q in a.quotes:
        assert 0 <= q.start < q.end <= len(a.text)
        assert q.paragraph == a.paragraph_at(q.start)
        if q.kind == "indirect":
            assert a.text[q.start:q.end] == q.text


# -- regressions from the bundled port-strike example (own fixtures) ----------------------------------
STRIKE = ('Ferry crews walked out on Monday.\n\n'
          'Lena Holt, a spokeswoman for the Tunnel Authority, called the strike "premature" and said the ferry '
          'plan had been "negotiated openly for more than a year."\n\n'
          '"No one will lose their job without an offer of retraining," Holt said. "That commitment is in writing."'
          '\n\nThe tunnel authority announced in January that it would spend 90 million on new ferries.')


@pytest.mark.parametrize("verb", ["speaking", "talking"])
def test_speaking_to_reporters_is_not_reported_content(run, verb):
    a = run('Ferry crews walked out on Monday.\n\n"We will stay out until the plan is dropped," said Jonas Berg, '
            f'president of the Ferry Workers Union, {verb} to reporters outside the main gate.\n\n'
            f'Jonas Berg, the union president, was {verb} to reporters on Tuesday.')
    assert [q.text for q in direct(a)] == ["We will stay out until the plan is dropped,"]
    assert not any(q.text.startswith("to ") or q.cue in ("speaking", "talking") for q in indirect(a)), \
        [(q.cue, q.text) for q in indirect(a)]


def test_reported_content_never_contains_its_speaker_or_cue(run):
    a = run(STRIKE)
    for q in indirect(a):
        assert "Lena Holt" not in q.text and "Holt said" not in q.text, q.text
        assert q.speaker_text is None or q.speaker_text not in q.text, (q.speaker_text, q.text)
    q = only(indirect(a), "ferry plan")
    assert q.text == 'the ferry plan had been "negotiated openly for more than a year."'
    assert q.speaker == "Lena Holt" and q.cue == "said"
    assert a.text[q.start:q.end] == q.text
    # the partial direct quotes inside it stay, attributed to her
    assert {x.text: x.speaker for x in direct(a) if x.paragraph == 1} == {
        "premature": "Lena Holt", "negotiated openly for more than a year.": "Lena Holt"}


def test_organisation_noun_phrase_speaker_is_the_organisation(run):
    a = run(STRIKE)
    q = only(indirect(a), "90 million")
    assert q.speaker == "Tunnel Authority" and q.speaker_text == "The tunnel authority" and q.cue == "announced"
    assert q.speaker_id is not None


def test_organisation_noun_phrase_without_a_matching_organisation_stays_unresolved(run):
    a = run('Ferry crews walked out on Monday.\n\n'
            'Lena Holt, a spokeswoman for the Harbour Office, said the talks would resume on Friday.\n\n'
            'The port authority announced in January that it would spend 90 million on new ferries.')
    q = only(indirect(a), "90 million")
    assert q.speaker is None and q.speaker_id is None and q.speaker_text == "The port authority"
    assert speaker_is(only(indirect(a), "talks would resume"), "Holt")


def test_role_matches_the_role_head_not_any_word_of_it(run):
    # "president of the Ferry Workers Union" is a president: "the union" is the union, not him
    a = run('Jonas Berg, president of the Ferry Workers Union, met the board on Monday.\n\n'
            'The union says the plan would cut about 200 jobs.')
    q = only(indirect(a), "200 jobs")
    assert q.speaker == "Ferry Workers Union" and q.speaker_text == "The union"


def test_two_sentences_around_one_attribution_are_two_verbatim_quotes(run):
    a = run(STRIKE)
    first, second = "No one will lose their job without an offer of retraining,", "That commitment is in writing."
    q1, q2 = only(direct(a), "No one will lose"), only(direct(a), "That commitment")
    assert (q1.text, q2.text) == (first, second)
    assert a.text[q1.start:q1.end] == first and a.text[q2.start:q2.end] == second
    assert speaker_is(q1, "Holt") and speaker_is(q2, "Holt") and q1.cue == q2.cue == "said"


# -- more reported-speech forms ------------------------------------------------------------------------
def test_possessed_and_unowned_claim_nouns(run):
    a = run("The council met on Tuesday.\n\nThe mayor's claim that the budget was balanced drew criticism.\n\n"
            "A statement by the Harbour Office that the pier was safe was later withdrawn.")
    q = only(indirect(a), "budget was balanced")
    assert q.text == "the budget was balanced" and q.cue == "claim" and q.speaker_text == "The mayor"
    r = only(indirect(a), "pier was safe")
    assert r.text == "the pier was safe" and r.cue == "statement" and r.speaker == "Harbour Office"


def test_stance_adjective_with_about_or_of(run):
    a = run("Councillor Mara Voss spoke on Tuesday.\n\nVoss has been critical of the new parking rules.")
    q = only(indirect(a), "parking rules")
    assert q.text == "the new parking rules" and q.cue == "critical of" and speaker_is(q, "Voss")


def test_colon_at_the_end_of_the_previous_paragraph_attributes_the_quote(run):
    a = run("Councillor Mara Voss spoke after the vote. She said:\n\n"
            '"The numbers are wrong. We will fix them before the summer."')
    q = only(direct(a), "numbers are wrong")
    assert speaker_is(q, "Voss")


def test_according_to_gives_the_outer_source_of_a_nested_quote(run):
    a = run("The council met on Tuesday.\n\nAccording to the Harbour Gazette, Mayor Ana Ruiz said that the plan "
            'would be "dead on arrival in its current form."')
    q = only(direct(a), "dead on arrival")
    assert q.cue == "according to" and q.speaker_text == "the Harbour Gazette"


def test_parenthetical_attribution_is_one_verbatim_quote_its_fragments_leave_it_out(run):
    text = "Mayor Ana Ruiz visited the depot on Monday.\n\nThe new buses, Ruiz said, would arrive before the winter."
    a = run(text)
    q = only(indirect(a), "new buses")
    assert q.text == "The new buses, Ruiz said, would arrive before the winter" == a.text[q.start:q.end]
    assert speaker_is(q, "Ruiz")
    doc = get_nlp()(a.text)
    info = next(i for qq, i in zip(*extract_quotes(a, doc)) if qq.kind == "indirect")
    assert [a.text[x:y] for x, y in info.fragments] == ["The new buses", "would arrive before the winter"]


# -- direct-quote speakers --------------------------------------------------------------------------------
def test_a_cue_with_its_own_content_does_not_attribute_the_quote_before_it(run):
    a = run('Mayor Ana Ruiz spoke to residents at the pier on Tuesday. "The pier is safe." '
            'Governor Tom Berg said it would reopen in May.\n\n'
            'Lena Holt laughed and said, "I never believed in ghosts." She kept driving, and I had to change my '
            'answer: "Of course I believe in ghosts." To which she said, "Good, at least you are honest."')
    assert not speaker_is(only(direct(a), "pier is safe"), "Berg")
    q = only(direct(a), "at least you are honest")
    assert q.text == "Good, at least you are honest." and speaker_is(q, "Holt") and q.cue == "said"


def test_participle_after_the_quote_yields_to_the_cue_before_it(run):
    a = run('Repairs on the pier started in March.\n\nIn a statement, the Harbour Office said: "The pier is safe '
            'and will reopen next week," adding that repairs had cost less than expected.')
    q = only(direct(a), "pier is safe")
    assert q.speaker == "Harbour Office" and q.cue == "said"


def test_participle_cue_right_after_a_name(run):
    a = run('Mayor Ana Ruiz is running again.\n\nThe advert shows footage of Ana Ruiz asking, '
            '"Why are the ferries always late?"')
    q = only(direct(a), "ferries always late")
    assert speaker_is(q, "Ruiz") and q.cue == "asking"


# -- not quotes ---------------------------------------------------------------------------------------
def test_scare_quotes_and_titles_are_not_quotes(run):
    a = run('The agency launched a "good faith" initiative on Monday, and the film "Dark Harbor" '
            'opened in cinemas across the region.')
    assert direct(a) == []


def test_partial_quote_inside_reported_speech_is_attributed(run):
    a = run('Mayor Ana Ruiz met the press on Monday.\n\nRuiz said the old bridge was "a disgrace to the city."')
    q = only(direct(a), "disgrace")
    assert speaker_is(q, "Ruiz")


def test_short_and_title_case_partial_quotes_in_reported_speech_are_the_speakers_words(run):
    a = run('Council member Tom Reyes spoke after the vote.\n\n'
            'Reyes called the budget "a fraud" and described the new depot as a "Money Pit" for years to come.')
    quotes = direct(a)
    assert {q.text for q in quotes} == {"a fraud", "Money Pit"}
    assert all(speaker_is(q, "Reyes") for q in quotes)
    # the reported speech around them is kept as well
    assert any("the budget" in q.text for q in indirect(a))


def test_quoted_words_without_attribution_stay_scare_quotes(run):
    a = run('Reyes spoke after the vote.\n\nThe "Money Pit" depot, as locals call it, opened in 1998.')
    assert direct(a) == []
    # inside reported speech, a quoted premodifier of a noun is still a scare quote
    a = run('Reyes spoke after the vote.\n\nReyes said the council had made a "good faith" offer to the union.')
    assert direct(a) == [] and any("offer" in q.text for q in indirect(a))


def test_including_clause_stays_in_reported_content(run):
    a = run("Senator Ida Marsh spoke on Tuesday.\n\n"
            "Marsh criticized the plan to close the depots, including the one in Eastfield.")
    q = only(indirect(a), "close the depots")
    assert q.text.endswith("including the one in Eastfield")


def test_commented_on_and_talked_about_give_the_topic_without_the_preposition(run):
    a = run("Mayor Ana Ruiz has commented on the ferry strike.\n\nRuiz also talked about the harbour budget.")
    assert only(indirect(a), "strike").text == "the ferry strike"
    assert only(indirect(a), "budget").text == "the harbour budget"
    a = run("Mayor Ana Ruiz spoke on condition of anonymity.\n\nRuiz declined to comment on the ferry strike.")
    assert not any(q.cue in ("spoke", "comment") for q in a.quotes), [(q.cue, q.text) for q in a.quotes]


def test_hope_is_a_belief_cue(run):
    # the model lemmatises "hopes" as "hop"; newsgraph.nlp corrects it
    a = run("Mayor Ana Ruiz spoke on Monday.\n\nRuiz hopes that the ferry will run again by June.")
    q = only(indirect(a), "ferry")
    assert q.text == "the ferry will run again by June" and speaker_is(q, "Ruiz") and q.cue == "hopes"
    # a partial quote under "hoped" inside reported speech keeps the reporting verb as its cue
    a = run('Mayor Ana Ruiz welcomed the vote and said she hoped the ferry could run "within days, not weeks."')
    q = only(direct(a), "within days")
    assert speaker_is(q, "Ruiz") and q.cue == "said"


def test_second_speech_verb_of_the_speaker_ends_the_content(run):
    a = run("Governor Ida Marsh spoke in Eastfield on Monday.\n\n"
            "Marsh said she would order a review of the dams and warned against new homes near the river.")
    said = only(indirect(a), "review")
    assert said.text == "she would order a review of the dams" and said.cue == "said"
    warned = only(indirect(a), "river")
    assert warned.cue == "warned" and speaker_is(warned, "Marsh")
    # a conjunct with its own subject, or one that is not a speech verb, stays in the content
    a = run("Governor Ida Marsh spoke on Monday.\n\nMarsh said the dams were old and needed repairs.")
    assert only(indirect(a), "dams").text == "the dams were old and needed repairs"


def test_request_verbs_keep_who_is_asked_to_act(run):
    a = run("Mayor Ana Ruiz met the council on Monday.\n\n"
            "Ruiz urged the council to cut the levy and open the books to auditors.")
    q = only(indirect(a), "levy")
    assert q.text == "the council to cut the levy and open the books to auditors" and q.cue == "urged"
    a = run("Tom Reyes wrote to the mayor.\n\nReyes asked her to call the harbour master immediately.")
    assert only(indirect(a), "harbour").text == "her to call the harbour master immediately"


def test_asked_for_and_called_for(run):
    a = run("Attorney General Ida Marsh filed the appeal.\n\nMarsh asked the Supreme Court for a quick ruling.")
    q = only(indirect(a), "ruling")
    assert q.text == "a quick ruling" and speaker_is(q, "Marsh")
    a = run("Senator Tom Reyes spoke on Monday.\n\nReyes called for the port director to resign.")
    q = only(indirect(a), "resign")
    assert q.text == "the port director to resign" and speaker_is(q, "Reyes")


def test_verbs_that_are_not_speech_give_no_quotes(run):
    a = run("The rally in Eastfield drew about 100 people.\n\n"
            "State prosecutors have been investigating the harbour foundation since May.\n\n"
            "The company maintains a large lead over its rivals.")
    assert indirect(a) == [], [(q.cue, q.text) for q in a.quotes]


def test_trailing_records_show(run):
    a = run("The harbour board met on Monday.\n\nThe board paid $4 million for the ferry, court filings show.")
    q = only(indirect(a), "ferry")
    assert q.text == "The board paid $4 million for the ferry" and q.cue == "show"


# -- end to end through analyze() ---------------------------------------------------------------------
def test_dateline_is_not_the_speaker(run):
    a = run("HARBOURTON -- Mayor Ana Ruiz, opening the new ferry terminal on Monday, said the harbour "
            "would reopen next spring.")
    q = only(indirect(a), "reopen")
    assert q.text == "the harbour would reopen next spring" and speaker_is(q, "Ruiz")


def test_infinitive_list_stays_in_the_content(run):
    a = run("The mayor spoke on Monday.\n\nShe wants to triple the number of buses, widen the bridge and build a pier.")
    q = only(indirect(a), "triple")
    assert q.text == "to triple the number of buses, widen the bridge and build a pier" and q.cue == "wants"


def test_analyze_end_to_end():
    a = analyze('The harbour authority met on Monday to discuss the storm damage in the old port.\n\n'
                '"We will rebuild the pier before the summer," said Lena Holt, the authority\'s director.\n\n'
                'Holt said the repairs would cost about two million euros.')
    q = only(direct(a), "rebuild the pier")
    assert speaker_is(q, "Holt") and q.cue == "said"
    r = only(indirect(a), "repairs would cost")
    assert speaker_is(r, "Holt")


def test_seed_article(seed_path):
    a = analyze(seed_path.read_text(encoding="utf-8"))
    qs = [q for q in direct(a) if q.text.startswith("These negotiations involve our special envoy")]
    assert qs, [q.text for q in a.quotes]
    for q in qs:
        assert q.speaker == "Karoline Leavitt" and q.cue == "noted"
        assert q.text.endswith("on behalf of the United States.")
    emph = [q for q in a.quotes if q.kind == "indirect" and q.cue == "emphasized"]
    assert emph and all(q.speaker == "Karoline Leavitt" for q in emph)
    assert all(q.text.startswith("Israel had been consulted prior to these discussions") for q in emph)
    assert not any(q.text.strip(" ,.") == "good faith" for q in a.quotes if q.kind == "direct")


def test_stage_is_cheap_relative_to_the_parse(run):
    from newsgraph.nlp import get_nlp
    from newsgraph.pipeline import Work, create_stage

    text = "\n\n".join(
        f'Mayor Ana Ruiz met the press on day {i}. "We need more buses," said Ruiz. '
        f'Ruiz told reporters that the budget was tight, according to her office.' for i in range(40))
    art = Article(language="en")
    art.set_paragraphs(text.split("\n\n"))
    t0 = time.perf_counter()
    doc = get_nlp()(art.text)
    parse = time.perf_counter() - t0
    work = Work(article=art, raw=RawDocument(text=text), doc=doc)
    create_stage("entities")(work)
    t1 = time.perf_counter()
    create_stage("quotes")(work)
    stage = time.perf_counter() - t1
    assert len(art.quotes) >= 80
    assert stage < 0.5 * parse + 0.05


# -- evaluation harness ------------------------------------------------------------------------------
def test_evaluation_rules_on_synthetic_record():
    from newsgraph.evaluation.quotes import gold_units, match, quoted_segments, trim

    text = 'Ruiz said: "We are ready." She added that "the plan" works.'
    assert [text[a:b] for a, b in quoted_segments(text, (11, 26))] == ['"We are ready."']
    assert text[slice(*trim(text, 11, 26))] == "We are ready"
    rec = {"text": text, "attributions": [
        {"source": [[0, 4, "Ruiz"]], "cue": [[5, 9, "said"]], "content": [[11, 26, ""]], "content2": []},
        {"source": [[27, 30, "She"]], "cue": [[31, 36, "added"]], "content": [[37, 58, ""]], "content2": []},
    ]}
    gd, gi = gold_units(rec)
    assert [text[g["span"][0]:g["span"][1]] for g in gd] == ["We are ready", "the plan"]
    assert [text[g["span"][0]:g["span"][1]] for g in gi] == ['that "the plan" works']
    preds = [{"span": (12, 25)}, {"span": (43, 51)}]
    assert match(text, preds, gd) == [(0, 0), (1, 1)]
    # a prediction in fragments is scored by its fragments' characters only
    text2 = "The plan, Ruiz said, will work."
    gold2 = [{"span": (0, 30), "chars": [(0, 8), (20, 30)]}]
    assert match(text2, [{"span": (0, 30), "chars": [(0, 8), (21, 30)]}], gold2) == [(0, 0)]
    assert match(text2, [{"span": (0, 8)}], gold2) == []


@pytest.mark.slow
def test_polnear_dev_subset_runs():
    shared_path("data", "quotes", "polnear", "derived", "polnear_dev.jsonl.gz")
    from newsgraph.evaluation.quotes import run as evaluate

    t0 = time.perf_counter()
    result = evaluate(split="dev", limit=5)
    assert time.perf_counter() - t0 < 30
    assert result["articles"] == 5
    for system in ("newsgraph", "textacy"):
        for unit in ("direct", "indirect"):
            s = result[system][unit]
            for key in ("quote", "quote_speaker"):
                assert set(s[key]) == {"p", "r", "f1"}
                assert all(0.0 <= v <= 100.0 for v in s[key].values())
    ng = result["newsgraph"]
    assert ng["direct"]["quote"]["f1"] > 50 and ng["direct"]["quote_speaker"]["f1"] > 40
    assert ng["indirect"]["pred"] > 0 and ng["indirect"]["quote"]["f1"] > 20
