"""Pronoun -> candidate weights FITTED on GAP development (written by
``python -m newsgraph.evaluation.fit_pronouns``; do not edit by hand).

Logistic regression over 3898 (pronoun, A or B) pairs of 2000 development rows,
C = 3 chosen by 5-fold cross-validation (held-out O F1 74.3, bias
0.95); values are log-odds per unit of each feature of
:meth:`newsgraph.pipeline.resolve.resolver.Resolver.pronoun_features`. The gender features
and ``untyped`` are hand-set in :mod:`.weights`.
"""

from __future__ import annotations

#: feature -> weight (log-odds)
FITTED: dict[str, float] = {
    "apposition": 0.2703,
    "cataphora": -2.1626,
    "clause_subject": 0.5636,
    "dominating_object": -0.1507,
    "dominating_subject": -0.1535,
    "embedded": -1.7210,
    "main_subject_after": 2.4882,
    "mentions": -0.1685,
    "name_mentions": 0.5564,
    "nearest": 0.4193,
    "obj_to_obj": -0.1950,
    "obj_to_poss": 0.2540,
    "obj_to_subj": -0.0303,
    "object": -0.9246,
    "para_subject": 0.2581,
    "parallel": 0.8942,
    "pobj_to_obj": 0.9421,
    "pobj_to_poss": 0.8067,
    "pobj_to_subj": 0.3985,
    "poss_to_obj": 1.0838,
    "poss_to_poss": -0.2523,
    "poss_to_subj": 0.3118,
    "possessor": 0.3754,
    "prep_object": -0.1323,
    "prev_paragraph": 0.0000,
    "recency": 0.7760,
    "same_clause_subject": -2.5518,
    "same_sentence": 0.9149,
    "sentence_first": -0.1321,
    "sentence_root_subject": 0.4914,
    "subj_to_obj": -0.0657,
    "subj_to_poss": -0.3530,
    "subj_to_subj": -0.7708,
    "subject": -0.4084,
    "tokens_back": -0.3637,
    "topic": 0.6156,
    "tree_distance": -0.9315,
}
INTERCEPT = -0.6100
#: GAP (A and B given): no answer when the better of A and B scores (without the intercept)
#: at most GAP_FLOOR, or a third person of the snippet beats it by more than GAP_MARGIN
GAP_FLOOR = -0.3403
GAP_MARGIN = 5.0000
#: cross-validated O F1 / bias on development (5 folds) of the chosen C
CV_O_F1 = 74.3
CV_BIAS = 0.95
