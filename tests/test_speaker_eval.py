"""The speaker dev-set scorer (evaluation/speakers.py) on literal articles."""

from newsgraph.evaluation.speakers import (
    DATA,
    SETS,
    GoldQuote,
    load_gold,
    load_traps,
    norm_name,
    score_article,
    traps_taken,
)
from newsgraph.model import Article, Quote


def _article(text: str, quotes: list[Quote]) -> Article:
    a = Article()
    a.set_paragraphs([text])
    a.quotes = quotes
    return a


def test_norm_name():
    assert norm_name("The Pilots' Guild") == norm_name("Pilots’ Guild") == "pilots guild"
    assert norm_name(None) is None


def test_score_right_wrong_missed_and_precision():
    text = '"We will stay," the union said. Roe said the talks failed. Doe said it rained.'
    q1 = Quote(text="We will stay,", kind="direct", speaker="Dock Union", start=1, end=14)
    a = text.index("the talks failed")
    q2 = Quote(text="the talks failed", kind="indirect", speaker="Jane Roe", start=a, end=a + 16)
    b = text.index("it rained")
    q3 = Quote(text="it rained", kind="indirect", speaker="Doe", start=b, end=b + 9)
    gold = [GoldQuote("f", "direct", "We will stay", "Dock Union", "description"),
            GoldQuote("f", "indirect", "the talks failed", "John Roe", "surname"),
            GoldQuote("f", "direct", "never said", None, "unnamed")]
    outcomes, predicted, matched = score_article(_article(text, [q1, q2, q3]), gold)
    assert [(o.found, o.right) for o in outcomes] == [(True, True), (True, False), (False, False)]
    assert (predicted, matched) == (3, 2)


def test_gold_snippets_occur_once():
    for name, quotes in load_gold():
        text = (DATA / name).read_text(encoding="utf-8")
        for q in quotes:
            assert text.count(q.text) == 1, (name, q.text)
    assert len(load_gold()) >= 24


def test_heldout_sets_are_separate_and_well_formed():
    dev_files = {(DATA / n).read_text(encoding="utf-8") for n, _ in load_gold()}
    for key, n_articles, min_words in (("heldout", 16, 150), ("heldout2", 10, 100), ("heldout3", 15, 150),
                                          ("heldout4", 7, 100), ("heldout5", 12, 200)):
        folder = SETS[key]
        assert folder != DATA
        gold = load_gold(folder)
        traps = load_traps(folder)
        assert len(gold) >= n_articles
        for name, quotes in gold:
            text = (folder / name).read_text(encoding="utf-8")
            assert text not in dev_files
            assert min_words <= len(text.split()) <= 400, name
            for q in quotes:
                assert text.count(q.text) == 1, (name, q.text)
                assert q.kind in ("direct", "indirect"), (name, q.text)
            for t in traps[name]:
                assert text.count(t) == 1, (name, t)
                assert not any(t in q.text or q.text in t for q in quotes), (name, t)
    assert sum(len(q) for _, q in load_gold(SETS["heldout3"])) >= 100
    assert sum(map(len, load_traps(SETS["heldout3"]).values())) >= 20
    assert sum(len(q) for _, q in load_gold(SETS["heldout5"])) >= 100
    assert sum(map(len, load_traps(SETS["heldout5"]).values())) >= 12


def test_traps_taken():
    text = "Roe appeared to agree. Doe said it rained."
    at = text.index("it rained")
    a = _article(text, [Quote(text="it rained", kind="indirect", speaker="Doe", start=at, end=at + 9)])
    assert traps_taken(a, ["appeared to agree", "it rained", "absent"]) == ["it rained"]

