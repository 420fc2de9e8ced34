"""Pronoun -> candidate weights FITTED on GAP development (written by
``python -m newsgraph.evaluation.fit_pronouns``; do not edit by hand).

Logistic regression over 3935 (pronoun, A or B) pairs of 2000 development rows,
C = 1 chosen by 5-fold cross-validation (held-out O F1 77.8, bias
0.95); values are log-odds per unit of each feature of
:meth:`newsgraph.pipeline.resolve.resolver.Resolver.pronoun_features`. The gender features
and ``untyped`` are hand-set in :mod:`.weights`.
"""

from __future__ import annotations

#: feature -> weight (log-odds)
FITTED: dict[str, float] = {
    "apposition": 0.2299,
    "candidate_clause_depth": -0.4787,
    "candidate_up": -0.4384,
    "cataphora": -2.0714,
    "clause_subject": 0.2334,
    "co_argument": -1.0821,
    "coordinated": -0.8971,
    "dominating_object": -0.4895,
    "dominating_subject": -0.0517,
    "embedded": -1.2735,
    "lca_verb": 0.2176,
    "main_subject_after": 2.6131,
    "mentions": -0.0049,
    "nearest": 0.6686,
    "noun_rival": -0.0575,
    "obj_to_obj": -0.4601,
    "obj_to_poss": -0.0104,
    "obj_to_subj": -0.3058,
    "object": -0.5224,
    "para_subject": 0.1947,
    "parallel": 0.9814,
    "parenthesized": -0.5105,
    "pobj_to_obj": 0.5328,
    "pobj_to_poss": 0.4523,
    "pobj_to_subj": 0.0556,
    "poss_to_obj": 0.8959,
    "poss_to_poss": -0.4269,
    "poss_to_subj": -0.0118,
    "possessor": 0.1392,
    "prep_object": -0.1583,
    "prev_paragraph": 0.0000,
    "pronoun_up": -0.0128,
    "quote_speaker": -2.8994,
    "recency": 1.0669,
    "same_clause_subject": -2.3344,
    "same_sentence": 0.9942,
    "sentence_first": -0.0973,
    "sentence_root_subject": 0.5547,
    "subclause_to_main": -0.6947,
    "subj_to_obj": -0.1963,
    "subj_to_poss": -0.4643,
    "subj_to_subj": -0.8380,
    "subject": -0.0024,
    "tokens_back": -0.2923,
    "topic": 0.6071,
    "tree_distance": -0.5634,
}
INTERCEPT = -1.0354
#: GAP (A and B given): no answer when the better of A and B scores (without the intercept)
#: at most GAP_FLOOR, or a third person of the snippet beats it by more than GAP_MARGIN
GAP_FLOOR = 0.1985
GAP_MARGIN = 1.5000
#: cross-validated O F1 / bias on development (5 folds) of the chosen C
CV_O_F1 = 77.8
CV_BIAS = 0.95
