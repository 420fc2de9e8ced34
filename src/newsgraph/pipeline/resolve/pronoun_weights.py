"""Pronoun -> candidate weights FITTED on GAP development (written by
``python -m newsgraph.evaluation.fit_pronouns``; do not edit by hand).

Logistic regression over 3935 (pronoun, A or B) pairs of 2000 development rows,
C = 3 given with --C (5-fold cross-validation: held-out O F1 77.8, bias
0.96); values are log-odds per unit of each feature of
:meth:`newsgraph.pipeline.resolve.resolver.Resolver.pronoun_features`. The gender features
and ``untyped`` are hand-set in :mod:`.weights`.
"""

from __future__ import annotations

#: feature -> weight (log-odds)
FITTED: dict[str, float] = {
    "apposition": 0.2406,
    "candidate_clause_depth": -0.4966,
    "candidate_up": -0.3157,
    "cataphora": -2.4013,
    "clause_subject": 0.1912,
    "co_argument": -1.2614,
    "coordinated": -0.9182,
    "dominating_object": -0.5154,
    "dominating_subject": 0.0027,
    "embedded": -1.3747,
    "lca_verb": 0.2175,
    "main_subject_after": 2.7269,
    "mentions": -0.0089,
    "nearest": 0.6733,
    "noun_rival": -0.0802,
    "obj_to_obj": -0.5539,
    "obj_to_poss": -0.0154,
    "obj_to_subj": -0.3485,
    "object": -0.6067,
    "para_subject": 0.1860,
    "parallel": 1.0310,
    "parenthesized": -0.5080,
    "pobj_to_obj": 0.5546,
    "pobj_to_poss": 0.4599,
    "pobj_to_subj": 0.0422,
    "poss_to_obj": 0.9780,
    "poss_to_poss": -0.4983,
    "poss_to_subj": -0.0235,
    "possessor": 0.1338,
    "prep_object": -0.1572,
    "prev_paragraph": 0.0000,
    "pronoun_up": 0.0929,
    "quote_speaker": -3.6234,
    "recency": 1.3046,
    "same_clause_subject": -2.6361,
    "same_sentence": 1.1818,
    "sentence_first": -0.1143,
    "sentence_root_subject": 0.5426,
    "subclause_to_main": -0.7007,
    "subj_to_obj": -0.2100,
    "subj_to_poss": -0.5219,
    "subj_to_subj": -0.9785,
    "subject": -0.0602,
    "tokens_back": -0.2562,
    "topic": 0.6096,
    "tree_distance": -1.0636,
}
INTERCEPT = -1.1183
#: GAP (A and B given): no answer when the better of A and B scores (without the intercept)
#: at most GAP_FLOOR, or a third person of the snippet beats it by more than GAP_MARGIN
GAP_FLOOR = 0.3451
GAP_MARGIN = 1.5000
#: cross-validated O F1 / bias on development (5 folds) of the chosen C
CV_O_F1 = 77.8
CV_BIAS = 0.96
