"""Pronoun -> candidate weights FITTED on GAP development (written by
``python -m newsgraph.evaluation.fit_pronouns``; do not edit by hand).

Logistic regression over 3935 (pronoun, A or B) pairs of 2000 development rows,
C = 3 given with --C (5-fold cross-validation: held-out O F1 77.4, bias
0.97); values are log-odds per unit of each feature of
:meth:`newsgraph.pipeline.resolve.resolver.Resolver.pronoun_features`. The gender features
and ``untyped`` are hand-set in :mod:`.weights`.
"""

from __future__ import annotations

#: feature -> weight (log-odds)
FITTED: dict[str, float] = {
    "apposition": 0.2478,
    "candidate_clause_depth": -0.4979,
    "candidate_up": -0.3032,
    "cataphora": -2.4102,
    "clause_subject": 0.1924,
    "co_argument": -1.2627,
    "coordinated": -0.9100,
    "dominating_object": -0.5172,
    "dominating_subject": 0.0004,
    "embedded": -1.3634,
    "lca_verb": 0.2206,
    "main_subject_after": 2.7311,
    "mentions": -0.0087,
    "nearest": 0.6757,
    "noun_rival": -0.0704,
    "obj_to_obj": -0.5501,
    "obj_to_poss": -0.0220,
    "obj_to_subj": -0.3535,
    "object": -0.5936,
    "para_subject": 0.1873,
    "parallel": 1.0163,
    "parenthesized": -0.5050,
    "pobj_to_obj": 0.5607,
    "pobj_to_poss": 0.4581,
    "pobj_to_subj": 0.0446,
    "poss_to_obj": 0.9729,
    "poss_to_poss": -0.4873,
    "poss_to_subj": -0.0333,
    "possessor": 0.1325,
    "prep_object": -0.1686,
    "prev_paragraph": 0.0000,
    "pronoun_up": 0.1152,
    "quote_speaker": -3.6380,
    "recency": 1.5710,
    "same_clause_subject": -2.6193,
    "same_sentence": 1.0494,
    "sentence_first": -0.1103,
    "sentence_root_subject": 0.5553,
    "subclause_to_main": -0.7081,
    "subj_to_obj": -0.2072,
    "subj_to_poss": -0.5164,
    "subj_to_subj": -0.9592,
    "subject": -0.0693,
    "tokens_back": -0.2548,
    "topic": 0.6161,
    "tree_distance": -1.1127,
}
INTERCEPT = -1.2530
#: GAP (A and B given): no answer when the better of A and B scores (without the intercept)
#: at most GAP_FLOOR, or a third person of the snippet beats it by more than GAP_MARGIN
GAP_FLOOR = 0.5128
GAP_MARGIN = 1.5000
#: cross-validated O F1 / bias on development (5 folds) of the chosen C
CV_O_F1 = 77.4
CV_BIAS = 0.97
