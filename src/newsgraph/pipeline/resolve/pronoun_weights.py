"""Pronoun -> candidate weights FITTED on GAP development (written by
``python -m newsgraph.evaluation.fit_pronouns``; do not edit by hand).

Logistic regression over 3938 (pronoun, A or B) pairs of 2000 development rows,
C = 30 chosen by 5-fold cross-validation (held-out O F1 76.2, bias
0.96); values are log-odds per unit of each feature of
:meth:`newsgraph.pipeline.resolve.resolver.Resolver.pronoun_features`. The gender features
and ``untyped`` are hand-set in :mod:`.weights`.
"""

from __future__ import annotations

#: feature -> weight (log-odds)
FITTED: dict[str, float] = {
    "apposition": 0.2676,
    "candidate_clause_depth": -0.4318,
    "candidate_up": -0.1895,
    "cataphora": -2.2197,
    "clause_subject": 0.1641,
    "co_argument": -1.3416,
    "dominating_object": -0.4628,
    "dominating_subject": 0.0043,
    "embedded": -1.8066,
    "lca_verb": 0.2733,
    "main_subject_after": 2.7076,
    "mentions": -0.1090,
    "name_mentions": 0.3127,
    "nearest": 0.6607,
    "obj_to_obj": -0.3886,
    "obj_to_poss": 0.0890,
    "obj_to_subj": -0.1821,
    "object": -0.8360,
    "para_subject": 0.2385,
    "parallel": 0.9743,
    "pobj_to_obj": 0.8141,
    "pobj_to_poss": 0.6372,
    "pobj_to_subj": 0.2715,
    "poss_to_obj": 1.1953,
    "poss_to_poss": -0.3383,
    "poss_to_subj": 0.1390,
    "possessor": 0.4012,
    "prep_object": 0.0107,
    "prev_paragraph": 0.0000,
    "pronoun_up": 0.3942,
    "recency": 1.4860,
    "same_clause_subject": -2.6145,
    "same_sentence": 0.7570,
    "sentence_first": -0.1183,
    "sentence_root_subject": 0.5980,
    "subclause_to_main": -0.7898,
    "subj_to_obj": 0.0118,
    "subj_to_poss": -0.3210,
    "subj_to_subj": -0.7505,
    "subject": -0.3858,
    "tokens_back": -0.3409,
    "topic": 0.6128,
    "tree_distance": -1.3908,
}
INTERCEPT = -1.0475
#: GAP (A and B given): no answer when the better of A and B scores (without the intercept)
#: at most GAP_FLOOR, or a third person of the snippet beats it by more than GAP_MARGIN
GAP_FLOOR = 0.2101
GAP_MARGIN = 5.0000
#: cross-validated O F1 / bias on development (5 folds) of the chosen C
CV_O_F1 = 76.2
CV_BIAS = 0.96
