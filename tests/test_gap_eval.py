"""The GAP scorer and baseline (evaluation/gap.py) on literal rows; the resolver on one GAP-style text."""

from newsgraph.evaluation.gap import Candidate, Row, analyse, baseline, decide, load, score


def _row(pronoun: str, p_off: int, a_off: int, b_off: int, a: bool, b: bool) -> Row:
    return Row("r", "", pronoun, p_off, "A", a_off, a, "B", b_off, b)


def test_load_reads_a_gap_file(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("ID\tText\tPronoun\tPronoun-offset\tA\tA-offset\tA-coref\tB\tB-offset\tB-coref\tURL\n"
                    "x-1\tAnn met Bo. She left.\tShe\t12\tAnn\t0\tTRUE\tBo\t8\tFALSE\thttp://e\n", encoding="utf-8")
    (r,) = load(path)
    assert (r.id, r.pronoun, r.p_off, r.a, r.a_coref, r.b_coref) == ("x-1", "She", 12, "Ann", True, False)


def test_baseline_takes_the_nearer_preceding_name():
    assert baseline(_row("he", 50, 10, 30, True, False)) == (False, True)
    assert baseline(_row("he", 20, 10, 30, True, False)) == (True, False)
    assert baseline(_row("he", 5, 10, 30, True, False)) == (False, False)


def test_score_by_gender_and_bias():
    rows = [_row("he", 50, 10, 30, True, False), _row("she", 50, 10, 30, False, True)]
    s = score(rows, [(True, False), (True, False)])
    assert s["M"]["f1"] == 100.0 and s["F"]["f1"] == 0.0 and s["O"]["p"] == 50.0 and s["bias"]["f1"] == 0.0


def test_decide_uses_the_weights_and_the_floor():
    cands = [Candidate({"subject": 1.0}, True, False), Candidate({"recency": 1.0}, False, True)]
    assert decide(cands, {"subject": 2.0, "recency": 1.0}, 0.0) == (True, False)
    assert decide(cands, {"subject": 1.0, "recency": 3.0}, 0.0) == (False, True)
    assert decide(cands, {"subject": 1.0, "recency": 1.0}, 5.0) == (False, False)


def test_analyse_resolves_a_pronoun_to_the_paragraph_subject(nlp):
    text = ("Mara Quill grew up in Tarnwick. Quill studied law with Robin Voss before 1990. "
            "Her first book was about river borders.")
    row = Row("t", text, "Her", text.index("Her first"), "Quill", text.index("Quill studied"), True,
              "Robin Voss", text.index("Robin"), False)
    ((answer, cands),) = analyse([row])
    assert answer == (True, False) and len(cands) >= 2


def test_decide_with_margin_chooses_between_a_and_b_unless_a_third_person_wins_clearly():
    cands = [Candidate({"subject": 1.0}, False, False), Candidate({"recency": 1.0}, True, False),
             Candidate({"mentions": 1.0}, False, True)]
    w = {"subject": 100.0, "recency": 60.0, "mentions": 50.0}
    assert decide(cands, w, 0.0) == (False, False)  # the third person wins overall
    assert decide(cands, w, 0.0, margin=50.0) == (True, False)  # A is within the margin
    assert decide(cands, w, 0.0, margin=30.0) == (False, False)
    assert decide(cands, w, 70.0, margin=50.0) == (False, False)  # below the floor


def test_analyse_gives_a_and_b_to_the_resolver(nlp):
    # single surnames the small model may type ORG/GPE; given as A and B they are people
    text = ("Tarrow joined the Vell Quartet in 1971 after Brisco left it. Two years later Tarrow "
            "recorded a solo album, and his cousin Olm produced it.")
    row = Row("t", text, "his", text.index("his cousin"), "Tarrow", text.index("Tarrow recorded"), True,
              "Brisco", text.index("Brisco"), False)
    ((answer, cands),) = analyse([row])
    assert answer == (True, False)
    assert sum(c.is_a for c in cands) == 1 and sum(c.is_b for c in cands) == 1
