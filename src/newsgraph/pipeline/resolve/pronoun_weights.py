"""Pronoun -> candidate weights FITTED on GAP development (written by
``python -m newsgraph.evaluation.fit_pronouns``; do not edit by hand).

Logistic regression over 3938 (pronoun, A or B) pairs of 2000 development rows,
C = 1 chosen by 5-fold cross-validation (held-out O F1 77.9, bias
0.95); values are log-odds per unit of each feature of
:meth:`newsgraph.pipeline.resolve.resolver.Resolver.pronoun_features`. The gender features
and ``untyped`` are hand-set in :mod:`.weights`.
"""

from __future__ import annotations

#: feature -> weight (log-odds)
FITTED: dict[str, float] = {
    "apposition": 0.2102,
    "candidate_clause_depth": -0.4696,
    "candidate_up": -0.4157,
    "cataphora": -2.0448,
    "clause_subject": 0.2137,
    "co_argument": -1.0722,
    "coordinated": -0.9361,
    "dominating_object": -0.4501,
    "dominating_subject": -0.0242,
    "embedded": -1.2784,
    "lca_verb": 0.2185,
    "main_subject_after": 2.6149,
    "mentions": -0.0028,
    "nearest": 0.6703,
    "obj_to_obj": -0.4413,
    "obj_to_poss": -0.0420,
    "obj_to_subj": -0.3106,
    "object": -0.5450,
    "para_subject": 0.1811,
    "parallel": 0.9446,
    "parenthesized": -0.4938,
    "pobj_to_obj": 0.5310,
    "pobj_to_poss": 0.4602,
    "pobj_to_subj": 0.0556,
    "poss_to_obj": 0.8868,
    "poss_to_poss": -0.3896,
    "poss_to_subj": -0.0150,
    "possessor": 0.1142,
    "prep_object": -0.1754,
    "prev_paragraph": 0.0000,
    "pronoun_up": -0.0234,
    "quote_speaker": -2.8713,
    "recency": 1.0514,
    "same_clause_subject": -2.3397,
    "same_sentence": 0.9849,
    "sentence_first": -0.0907,
    "sentence_root_subject": 0.5734,
    "subclause_to_main": -0.7047,
    "subj_to_obj": -0.2258,
    "subj_to_poss": -0.4879,
    "subj_to_subj": -0.8273,
    "subject": -0.0116,
    "tokens_back": -0.2701,
    "topic": 0.6089,
    "tree_distance": -0.5546,
}
INTERCEPT = -1.0291
#: GAP (A and B given): no answer when the better of A and B scores (without the intercept)
#: at most GAP_FLOOR, or a third person of the snippet beats it by more than GAP_MARGIN
GAP_FLOOR = 0.1754
GAP_MARGIN = 1.5000
#: cross-validated O F1 / bias on development (5 folds) of the chosen C
CV_O_F1 = 77.9
CV_BIAS = 0.95
