"""The fitted pronoun weights: the fitting code (evaluation/fit_pronouns.py) on literal
candidates, the weights module's coverage of the resolver's features, the hand-set gender
weights' units, and the finer resolver features on short made-up texts."""

from __future__ import annotations

import numpy as np
import pytest

from newsgraph.evaluation.gap import Candidate, Row
from newsgraph.pipeline.resolve.pronoun_weights import FITTED
from newsgraph.pipeline.resolve.weights import (
    HAND_POINTS,
    HAND_SET,
    PRONOUN_WEIGHTS,
    hand_set,
)
from resolve_helpers import resolver_with_people


def _row(i: int, pronoun: str, a: bool, b: bool) -> Row:
    return Row(f"r{i}", "", pronoun, 50, "A", 0, a, "B", 20, b)


def _toy(n: int = 200, seed: int = 1):
    """Rows whose gold A/B follows feature ``cue`` 90 % of the time; ``noise`` says nothing;
    every tenth row is "neither" and its A and B have low ``cue``."""
    rng = np.random.RandomState(seed)
    rows, cached = [], []
    for i in range(n):
        neither = i % 10 == 0
        gold_a = bool(rng.rand() < 0.5)
        cue_a = 0.0 if neither else float(gold_a) if rng.rand() < 0.9 else float(not gold_a)
        cands = [Candidate({"cue": cue_a, "noise": float(rng.rand() < 0.5)}, True, False),
                 Candidate({"cue": 0.0 if neither else 1.0 - cue_a, "noise": float(rng.rand() < 0.5)}, False, True),
                 Candidate({"noise": 1.0, "gender_unknown": 1.0}, False, False)]
        rows.append(_row(i, "she" if i % 2 else "he", gold_a and not neither, not gold_a and not neither))
        cached.append(((False, False), cands))
    return rows, cached


def test_fitting_learns_the_informative_feature_and_cross_validates():
    pytest.importorskip("sklearn")
    from newsgraph.evaluation.fit_pronouns import (
        Table,
        answers,
        cross_validate,
        fit,
        thresholds,
    )

    rows, cached = _toy()
    t = Table.build(rows, cached)
    assert t.names == ["cue", "noise"]  # the hand-set gender feature is not fitted
    X, y = t.examples(np.arange(len(rows)))
    assert X.shape == (2 * len(rows), 2) and y.sum() == 180
    w, _ = fit(t, np.arange(len(rows)), C=1.0)
    assert w["cue"] > 2.0 and abs(w["noise"]) < 1.0
    floor, margin, f1 = thresholds(t, np.arange(len(rows)), w)
    pa, pb = answers(t.best(w, np.arange(len(rows))), floor, margin)
    assert t.f1(np.arange(len(rows)), pa, pb)["O"]["f1"] == pytest.approx(f1)
    assert 80.0 <= f1 <= 95.0  # 10 % of the cues lie
    cv = cross_validate(t, C=1.0, k=4)
    assert 75.0 <= cv["O"]["f1"] <= f1 + 1e-9


def test_table_scores_agree_with_the_gap_scorer():
    from newsgraph.evaluation.fit_pronouns import Table, answers
    from newsgraph.evaluation.gap import decide, score

    rows, cached = _toy(60, seed=3)
    t = Table.build(rows, cached)
    w = {"cue": 2.0, "noise": 0.3}
    idx = np.arange(len(rows))
    pa, pb = answers(t.best(w, idx), 0.5, 1.0)
    full = {**w, **hand_set(w)}
    expected = score(rows, [decide(cs, full, 0.5, 1.0) for _, cs in cached])
    got = t.f1(idx, pa, pb)
    assert all(got[g] == pytest.approx(expected[g]) for g in expected)
    assert expected["O"]["f1"] < 100.0 and 0 < sum(pa) < len(rows)


def test_hand_set_weights_are_in_the_fitted_units():
    assert set(HAND_SET) == set(HAND_POINTS) and not set(HAND_SET) & set(FITTED)
    w = hand_set({"recency": 1.0, "same_sentence": 2.0})  # 150 points = 3 log-odds
    assert w["gender_unique"] == pytest.approx(6.0) and w["untyped"] == pytest.approx(-1.4)
    assert PRONOUN_WEIGHTS["gender_unique"] > PRONOUN_WEIGHTS["recency"] + PRONOUN_WEIGHTS["same_sentence"]


TEXT = ("Ilse Brandt hired Mara Velk in 2001. Brandt said that she would run the lab. "
        "Velk thanked Brandt, and her team moved to Tallin in May.")


def test_every_feature_the_resolver_computes_has_a_weight(nlp):
    from newsgraph.pipeline.resolve.lexicon import PRONOUNS

    doc, res = resolver_with_people(nlp, TEXT, [("Ilse Brandt", [(0, 11)], "f"), ("Mara Velk", [(18, 27)], "f")])
    seen = {n for t in doc if t.lower_ in PRONOUNS for _, f in res.pronoun_candidates(t) for n in f}
    assert {"same_sentence", "dominating_subject", "tree_distance", "nearest"} <= seen
    assert seen <= set(PRONOUN_WEIGHTS)


def test_parse_tree_features(nlp):
    doc, res = resolver_with_people(nlp, TEXT, [("Ilse Brandt", [(0, 11)], "f"), ("Mara Velk", [(18, 27)], "f")])
    a, b = res.by_id["given0"], res.by_id["given1"]
    she = next(t for t in doc if t.lower_ == "she")
    f = dict(res.pronoun_candidates(she))
    # "Brandt said that she ...": Brandt is the subject of the verb above the pronoun, in its sentence
    assert f[a]["dominating_subject"] == 1.0 and f[a]["same_sentence"] == 1.0 and f[a]["nearest"] == 1.0
    assert f[b]["same_sentence"] == 0.0 and "dominating_subject" not in f[b] and f[b]["nearest"] == 0.0
    her = next(t for t in doc if t.lower_ == "her")
    g = dict(res.pronoun_candidates(her))
    # "Velk thanked Brandt, and her team": Velk first in its sentence, Brandt the nearer object
    assert g[b]["sentence_first"] == 1.0 and g[a]["sentence_first"] == 0.0
    assert g[a]["nearest"] == 1.0 and 0.0 < g[a]["tree_distance"] <= g[b]["tree_distance"] + 1.0


def test_a_pronoun_inside_a_quote_may_take_a_name_earlier_in_that_quote(nlp):
    text = ('Oda Renn reviewed the show. "Lina Sarv is the heart of it, and she carries every scene '
            'with ease," Renn wrote.')
    doc, res = resolver_with_people(nlp, text, [("Oda Renn", [(0, 8)], "f"), ("Lina Sarv", [(29, 38)], "f")])
    she = next(t for t in doc if t.lower_ == "she")
    f = dict(res.pronoun_candidates(she))
    assert set(f) >= {res.by_id["given0"], res.by_id["given1"]}
    assert f[res.by_id["given1"]]["same_sentence"] == 1.0
    assert res._quoted_before(she) and not res._quoted_before(doc[0])


def _features(nlp, text, people, word):  # type: ignore[no-untyped-def]
    """Candidate entity name -> features of the first pronoun ``word`` of ``text``."""
    doc, res = resolver_with_people(nlp, text, people)
    p = next(t for t in doc if t.lower_ == word)
    return {res.ents[k].name: f for k, f in res.pronoun_candidates(p)}


def _given(text, *names):  # type: ignore[no-untyped-def]
    return [(n, [(text.index(n), text.index(n) + len(n))], None) for n in names]


def test_coordinated_names(nlp):
    text = "Tomas Berg and Karl Lind opened a bakery in Osterby in 1990. Jonas Holm bought it later. He kept the oven."
    f = _features(nlp, text, _given(text, "Tomas Berg", "Jonas Holm"), "he")
    assert f["Tomas Berg"]["coordinated"] == 1.0 and f["Karl Lind"]["coordinated"] == 1.0
    assert f["Jonas Holm"]["coordinated"] == 0.0


def test_the_speaker_of_the_quote_holding_the_pronoun(nlp):
    text = ('Edda Solm wrote to her sister about the new tenant: "Ruth Kay is kind to everyone on the street, '
            'and she visits the old baker every Sunday."')
    f = _features(nlp, text, _given(text, "Edda Solm", "Ruth Kay"), "she")
    assert f["Edda Solm"]["quote_speaker"] == 1.0 and f["Ruth Kay"]["quote_speaker"] == 0.0
    outside = "Edda Solm met Ruth Kay in May, and she liked the flat."
    g = _features(nlp, outside, _given(outside, "Edda Solm", "Ruth Kay"), "she")
    assert g["Edda Solm"]["quote_speaker"] == 0.0


def test_a_name_in_parentheses(nlp):
    text = "The series follows Nora Falk (Pia Lund), a nurse in a mountain village, as she searches for her brother."
    f = _features(nlp, text, _given(text, "Nora Falk", "Pia Lund"), "she")
    assert f["Pia Lund"]["parenthesized"] == 1.0 and f["Nora Falk"]["parenthesized"] == 0.0


def test_an_unnamed_person_as_the_clause_subject(nlp):
    text = "Greta Holm taught at the school for years. Later a young teacher, who lost her keys, found Vera Lind."
    f = _features(nlp, text, _given(text, "Greta Holm", "Vera Lind"), "her")
    assert f["Greta Holm"]["noun_rival"] == 1.0  # the pronoun's clause subject is "who" = the teacher
    named = "Greta Holm taught at the school for years. Later Vera Lind, who lost her keys, found the note."
    g = _features(nlp, named, _given(named, "Greta Holm", "Vera Lind"), "her")
    assert g["Greta Holm"]["noun_rival"] == 0.0


def test_a_name_in_apposition_to_the_pronouns_noun_phrase_is_no_candidate(nlp):
    text = "Ada Lund left for Oslo in May, and Britt Lund, her younger sister, took over the shop."
    f = _features(nlp, text, _given(text, "Ada Lund", "Britt Lund"), "her")
    assert "Ada Lund" in f and "Britt Lund" not in f
