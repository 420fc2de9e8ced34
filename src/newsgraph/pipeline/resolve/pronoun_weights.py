"""Pronoun -> candidate weights FITTED on GAP development (written by
``python -m newsgraph.evaluation.fit_pronouns``; do not edit by hand).

Logistic regression over 3938 (pronoun, A or B) pairs of 2000 development rows,
C = 30 chosen by 5-fold cross-validation (held-out O F1 76.3, bias
0.96); values are log-odds per unit of each feature of
:meth:`newsgraph.pipeline.resolve.resolver.Resolver.pronoun_features`. The gender features
and ``untyped`` are hand-set in :mod:`.weights`.
"""

from __future__ import annotations

#: feature -> weight (log-odds)
FITTED: dict[str, float] = {
    "apposition": 0.2627,
    "candidate_clause_depth": -0.4511,
    "candidate_up": -0.1705,
    "cataphora": -2.2019,
    "clause_subject": 0.1604,
    "co_argument": -1.3447,
    "dominating_object": -0.4808,
    "dominating_subject": 0.0006,
    "embedded": -1.7923,
    "lca_verb": 0.2760,
    "main_subject_after": 2.6766,
    "mentions": -0.1637,
    "name_mentions": 0.4337,
    "nearest": 0.6866,
    "obj_to_obj": -0.3616,
    "obj_to_poss": 0.0909,
    "obj_to_subj": -0.1750,
    "object": -0.8367,
    "para_subject": 0.2346,
    "parallel": 0.9655,
    "pobj_to_obj": 0.8383,
    "pobj_to_poss": 0.6527,
    "pobj_to_subj": 0.2923,
    "poss_to_obj": 1.2095,
    "poss_to_poss": -0.3165,
    "poss_to_subj": 0.1548,
    "possessor": 0.3624,
    "prep_object": -0.0214,
    "prev_paragraph": 0.0000,
    "pronoun_up": 0.4098,
    "recency": 1.7954,
    "same_clause_subject": -2.6246,
    "same_sentence": 0.5959,
    "sentence_first": -0.1199,
    "sentence_root_subject": 0.6025,
    "subclause_to_main": -0.7891,
    "subj_to_obj": 0.0116,
    "subj_to_poss": -0.3203,
    "subj_to_subj": -0.7419,
    "subject": -0.3707,
    "tokens_back": -0.3249,
    "topic": 0.6289,
    "tree_distance": -1.4223,
}
INTERCEPT = -1.2325
#: GAP (A and B given): no answer when the better of A and B scores (without the intercept)
#: at most GAP_FLOOR, or a third person of the snippet beats it by more than GAP_MARGIN
GAP_FLOOR = 0.4430
GAP_MARGIN = 5.0000
#: cross-validated O F1 / bias on development (5 folds) of the chosen C
CV_O_F1 = 76.3
CV_BIAS = 0.96
