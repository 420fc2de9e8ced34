"""What is a quote: reported speech only for acts of communication, and quote text kept verbatim.

Every fixture is written for this project. Each case of issue #10 has several phrasings: verbs
that are not acts of communication give no quote (raising and control verbs, receptions,
evaluations of a result, the writer's participles, questions put to someone), "shared by" names
a source, and a quote's text is always ``article.text[start:end]``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.model import Article, Quote
from newsgraph.pipeline import Pipeline
from newsgraph.readers.base import RawDocument

INTRO = "Mayor Ines Varga of Port Calder spoke on Monday.\n\n"


@pytest.fixture(scope="module")
def run():
    pipe = Pipeline(("test_paragraphs", "nlp", "entities", "quotes", "sources"))

    def _run(text: str) -> Article:
        article = pipe.analyze(RawDocument(text=text))
        assert article.error is None, article.error
        return article

    return _run


def quotes_with(article: Article, words: str) -> list[Quote]:
    return [q for q in article.quotes if words in q.text]


# -- verbs that are not acts of communication -----------------------------------------------------
@pytest.mark.parametrize("sentence, words", [
    # raising verbs
    ("Varga appeared to blame the harbour board for the delay.", "blame the harbour board"),
    ("The council appears to have lost the vote on the ferry budget.", "lost the vote"),
    ("Varga seemed to accept the delay without complaint.", "accept the delay"),
    ("The plan seems to favour the northern districts.", "favour the northern"),
    # expectations in the passive
    ("The new ferry is expected to enter service in May.", "enter service"),
    ("Varga is expected to announce her budget next week.", "announce her budget"),
    ("The vote was expected to be close.", "be close"),
    # refusals and declining to comment
    ("Varga declined to comment on the harbour board's report.", "comment"),
    ("The harbour board declined to say how many jobs would go.", "how many jobs"),
    ("The ferry operator refused to discuss the contract with reporters.", "discuss the contract"),
    ("Varga refused to answer questions about the budget.", "answer questions"),
    # receptions of a result
    ("Varga welcomed the result of the ferry vote.", "the result"),
    ("The union welcomed the decision to keep the night ferry.", "the decision"),
    ("The council accepted the harbour board's offer.", "offer"),
    ("The ferry operator embraced the new timetable.", "new timetable"),
    # addressing an audience or an issue
    ("Varga addressed the crowd at the pier.", "the crowd"),
    ("Varga did not address the question of ferry fares.", "ferry fares"),
    ("The council will address the shortage of drivers next month.", "shortage of drivers"),
])
def test_non_speech_verbs_give_no_quote(run, sentence: str, words: str) -> None:
    a = run(INTRO + sentence)
    assert not quotes_with(a, words), [(q.text, q.cue) for q in a.quotes]


@pytest.mark.parametrize("sentence, words", [
    ("Ferry fares rose by 12 percent, indicating that fuel costs had climbed.", "fuel costs had climbed"),
    ("The harbour closed for a week, underscoring the risk of a single crossing.", "the risk of a single"),
    ("Ticket sales fell in March, signalling that commuters had found other routes.", "commuters had found"),
    ("Fewer ferries sailed in April, highlighting the shortage of crews.", "shortage of crews"),
    ("The bridge opened early, showing that the contractor had finished the deck.", "contractor had finished"),
])
def test_the_writers_participle_is_no_quote(run, sentence: str, words: str) -> None:
    a = run(INTRO + sentence)
    assert not quotes_with(a, words), [(q.text, q.cue) for q in a.quotes]


def test_a_question_the_speaker_asks_is_their_speech(run) -> None:
    a = run(INTRO + "Varga wrote to the harbour board on Friday, asking whether the night ferry could return.")
    assert [q.text for q in a.quotes if q.cue == "asking"] == ["whether the night ferry could return"]


@pytest.mark.parametrize("sentence, asked, answer", [
    ("Asked whether she would run again, Varga said she had not decided.",
     "she would run again", "she had not decided"),
    ("When asked about the ferry fares, Varga said they would stay the same.",
     "the ferry fares", "they would stay the same"),
    ("Varga was asked if the harbour would reopen, and she said it would reopen in June.",
     "the harbour would reopen", "it would reopen in June"),
])
def test_a_question_put_to_the_speaker_is_not_their_speech(run, sentence: str, asked: str, answer: str) -> None:
    a = run(INTRO + sentence)
    assert not [q for q in a.quotes if asked in q.text and answer not in q.text], [q.text for q in a.quotes]
    assert quotes_with(a, answer)  # the answer is the speaker's (who "she" is: the resolver's job)


@pytest.mark.parametrize("sentence, outlet", [
    ("The video of the ferry crash, first shared by Axios, shows the bow hitting the pier.", "Axios"),
    ("A memo shared by Politico outlines the harbour board's plan.", "Politico"),
    ("The timetable was published by the Harbor Gazette on Sunday.", "Harbor Gazette"),
    ("The figures were reported by Reuters on Tuesday.", "Reuters"),
])
def test_shared_by_an_outlet_gives_a_source_not_a_quote(run, sentence: str, outlet: str) -> None:
    a = run(INTRO + sentence)
    assert not [q for q in a.quotes if q.speaker_text and outlet in q.speaker_text], [(q.text, q.speaker_text)
                                                                                    for q in a.quotes]
    assert any(outlet in s.outlet or s.outlet in outlet for s in a.sources), a.sources


# -- acts of communication still give quotes -------------------------------------------------------
@pytest.mark.parametrize("sentence, content", [
    ("Varga said the ferry would run until midnight.", "the ferry would run until midnight"),
    ("Varga announced that the night ferry would return in June.", "the night ferry would return in June"),
    ("Varga warned that fares could rise again.", "fares could rise again"),
    ("Varga vowed to keep the night ferry running.", "to keep the night ferry running"),
    ("Varga urged the harbour board to publish its accounts.", "the harbour board to publish its accounts"),
    ("The council criticised the harbour board for the delays.", "the harbour board"),
    ("Varga believes the bridge will open on time.", "the bridge will open on time"),
    ("Ferry fares rose, Varga said, because fuel costs had climbed.", "because fuel costs had climbed"),
    ("The harbour board, Varga said, would publish its accounts.", "would publish its accounts"),
])
def test_acts_of_communication_are_reported_speech(run, sentence: str, content: str) -> None:
    a = run(INTRO + sentence)
    qs = [q for q in a.quotes if q.kind == "indirect" and content in q.text]
    assert qs, [(q.text, q.cue) for q in a.quotes]


def test_according_to_a_document_keeps_its_content_and_cites_the_document(run) -> None:
    a = run(INTRO + "According to the minutes of the meeting, the board was split over the fares.")
    assert [q.text for q in a.quotes if q.cue == "according to"] == ["the board was split over the fares"]
    assert [s.outlet for s in a.sources if s.kind == "document"] == ["minutes"]


# -- verbatim text ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ('"The pier is safe," Varga said. "But the ferry will stay in port."',
     ["The pier is safe,", "But the ferry will stay in port."]),
    ('"We are still here," said Varga. "But a treaty would help the islands."',
     ["We are still here,", "But a treaty would help the islands."]),
    ('"Fares will not rise this year." Varga said. "Nor will they rise next year."',
     ["Fares will not rise this year.", "Nor will they rise next year."]),
    ('"The vote is close," Varga told reporters: "We need two more councillors."',
     ["The vote is close,", "We need two more councillors."]),
    ('"The pier," Varga said, "will reopen in June."', ['The pier," Varga said, "will reopen in June.']),
    ('"If the wind drops," said Varga, "the ferry will sail tonight."',
     ['If the wind drops," said Varga, "the ferry will sail tonight.']),
])
def test_quote_text_is_verbatim_and_split_by_sentence(run, text: str, expected: list[str]) -> None:
    a = run(INTRO + text)
    direct = [q for q in a.quotes if q.kind == "direct"]
    assert [q.text for q in direct] == expected
    assert all(a.text[q.start:q.end] == q.text for q in direct)
    assert all(q.speaker is not None and q.speaker.endswith("Varga") for q in direct), [q.speaker for q in direct]


@pytest.mark.parametrize("text", [
    '"That offer remains on the table," Varga said.',
    '"This plan will not pass," she said.',
    '"That is the last ferry we can afford," the mayor told reporters.',
])
def test_a_direct_quote_is_not_also_reported_speech(run, text: str) -> None:
    a = run(INTRO + text)
    assert [q.kind for q in a.quotes] == ["direct"], [(q.kind, q.text) for q in a.quotes]


def test_every_quote_indexes_its_exact_text(run) -> None:
    a = run(INTRO + 'The ferry, Varga said, would sail at dawn. "The crew is ready," she said. "So am I."\n\n'
            '"We fought for this ferry.\n\n"And we kept it," she added.')
    assert len(a.quotes) >= 4
    assert all(a.text[q.start:q.end] == q.text for q in a.quotes)


# -- the precision check set: six short articles, every quote annotated -------------------------------
CHECK_SET = Path(__file__).parent / "data" / "quote_precision"


def test_check_set_precision_and_recall() -> None:
    """Every quote of the six articles in ``data/quote_precision`` is in ``gold.json`` as (kind,
    snippet); each article also has sentences that are no quotes (raising, refusals, receptions,
    participles, questions put, "shared by", "expected to"). A predicted quote is right when it
    overlaps a gold snippet of its kind."""
    from newsgraph.readers import read_path

    gold = {k: v for k, v in json.loads((CHECK_SET / "gold.json").read_text()).items() if k.endswith(".txt")}
    names = sorted(gold)
    articles = list(Pipeline().analyze_many([next(read_path(CHECK_SET / n)) for n in names]))
    wrong, missed, n_pred, n_gold = [], [], 0, 0
    for name, a in zip(names, articles):
        spans = [(kind, a.text.index(snip), a.text.index(snip) + len(snip)) for kind, snip in gold[name]]
        for q in a.quotes:
            n_pred += 1
            if not any(k == q.kind and min(e, q.end) > max(s, q.start) for k, s, e in spans):
                wrong.append((name, q.kind, q.cue, q.text))
        for k, s, e in spans:
            n_gold += 1
            if not any(k == q.kind and min(e, q.end) > max(s, q.start) for q in a.quotes):
                missed.append((name, k, a.text[s:e]))
    precision, recall = 1 - len(wrong) / n_pred, 1 - len(missed) / n_gold
    print(f"\nquote check set: precision {n_pred - len(wrong)}/{n_pred} = {100 * precision:.1f}%, "
          f"recall {n_gold - len(missed)}/{n_gold} = {100 * recall:.1f}%")
    assert precision >= 0.95, wrong
    assert recall >= 0.9, missed
