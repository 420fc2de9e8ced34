"""Pronoun -> candidate weights FITTED on GAP development (written by
``python -m newsgraph.evaluation.fit_pronouns``; do not edit by hand).

Logistic regression over 3938 (pronoun, A or B) pairs of 2000 development rows,
C = 30 chosen by 5-fold cross-validation (held-out O F1 76.1, bias
0.95); values are log-odds per unit of each feature of
:meth:`newsgraph.pipeline.resolve.resolver.Resolver.pronoun_features`. The gender features
and ``untyped`` are hand-set in :mod:`.weights`.
"""

from __future__ import annotations

#: feature -> weight (log-odds)
FITTED: dict[str, float] = {
    "apposition": 0.2582,
    "candidate_clause_depth": -0.4385,
    "candidate_up": -0.1987,
    "cataphora": -2.2419,
    "clause_subject": 0.1567,
    "co_argument": -1.3370,
    "dominating_object": -0.4796,
    "dominating_subject": 0.0073,
    "embedded": -1.8046,
    "lca_verb": 0.2794,
    "main_subject_after": 2.7293,
    "mentions": -0.0253,
    "nearest": 0.7035,
    "obj_to_obj": -0.3717,
    "obj_to_poss": 0.0693,
    "obj_to_subj": -0.1935,
    "object": -0.8233,
    "para_subject": 0.2330,
    "parallel": 0.9529,
    "pobj_to_obj": 0.8287,
    "pobj_to_poss": 0.6635,
    "pobj_to_subj": 0.2950,
    "poss_to_obj": 1.1955,
    "poss_to_poss": -0.2831,
    "poss_to_subj": 0.1507,
    "possessor": 0.3700,
    "prep_object": -0.0194,
    "prev_paragraph": 0.0000,
    "pronoun_up": 0.3749,
    "recency": 1.6626,
    "same_clause_subject": -2.6439,
    "same_sentence": 0.6716,
    "sentence_first": -0.1083,
    "sentence_root_subject": 0.5954,
    "subclause_to_main": -0.7933,
    "subj_to_obj": 0.0060,
    "subj_to_poss": -0.3325,
    "subj_to_subj": -0.7558,
    "subject": -0.3636,
    "tokens_back": -0.3172,
    "topic": 0.6266,
    "tree_distance": -1.3740,
}
INTERCEPT = -1.0771
#: GAP (A and B given): no answer when the better of A and B scores (without the intercept)
#: at most GAP_FLOOR, or a third person of the snippet beats it by more than GAP_MARGIN
GAP_FLOOR = 0.2566
GAP_MARGIN = 5.0000
#: cross-validated O F1 / bias on development (5 folds) of the chosen C
CV_O_F1 = 76.1
CV_BIAS = 0.95
