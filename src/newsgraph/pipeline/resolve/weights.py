"""Feature weights of the resolver's candidate scores (a linear score per candidate entity;
the highest-scoring compatible candidate wins, none when no candidate is compatible or the
best score is below the floor).

Pronoun features are computed from the candidate's latest mention before the pronoun (and,
for ``para_subject``/``mentions``, from all its mentions so far): recency, grammatical roles
of candidate and pronoun, parallelism, clause subject and binding, dominance in the parse,
the candidate's place in its sentence, salience (Lappin and Leass, 1994, and the features of
:meth:`.resolver.Resolver.pronoun_features`). Their weights are FITTED on GAP development by
logistic regression (:mod:`.pronoun_weights`, written by
``python -m newsgraph.evaluation.fit_pronouns``), so a score is the log-odds that the
candidate is the antecedent (less the intercept). GAP pairs two names of the pronoun's gender
by design, so it cannot price gender evidence: the gender weights and ``untyped`` are
hand-set here, on the former points scale, and converted to log-odds by :func:`hand_set` so
that they keep the weight they had against recency (a mention in the pronoun's own sentence,
formerly 150 points, is worth the fitted ``recency`` + ``same_sentence``); the speaker dev set
and the resolver tests check it.
"""

from __future__ import annotations

from .pronoun_weights import FITTED, INTERCEPT

#: hand-set pronoun features (former points scale): gender evidence and the model's entity type
HAND_POINTS: dict[str, float] = {
    "gender_match": 40.0,     # the entity's known gender is the pronoun's
    "gender_unknown": -15.0,  # no gender evidence for the entity (he/she only)
    "gender_unique": 300.0,   # the only candidate known to have the pronoun's gender
    "untyped": -70.0,         # a person-like name the model typed ORG/GPE/… (he/she only)
    "reporter": 20.0,         # subject of the reporting verb over the pronoun's clause: news's
                              # "X said he would …" (rare in GAP's Wikipedia text, so not fitted)
    "last_source": 60.0,      # a '"…," he said' frame continues the source named last
                              # (quote_cues.names_source) in its paragraph or the one before
}


def hand_set(fitted: dict[str, float]) -> dict[str, float]:
    """:data:`HAND_POINTS` in the log-odds units of the ``fitted`` weights (150 points = a
    mention in the pronoun's own sentence)."""
    point = max(fitted.get("recency", 0.0) + fitted.get("same_sentence", 0.0), 0.5) / 150.0
    return {k: round(v * point, 4) for k, v in HAND_POINTS.items()}


HAND_SET = hand_set(FITTED)
#: pronoun -> candidate entity
PRONOUN_WEIGHTS: dict[str, float] = {**FITTED, **HAND_SET}
#: below it, no antecedent: log-odds -2.1 (p ~ 0.11), where the former floor lay
PRONOUN_FLOOR = -2.1 - INTERCEPT

#: definite description ("the company", "the sensor maker", "the board") -> organisation
DESCRIPTION_WEIGHTS: dict[str, float] = {
    "compat": 100.0,              # 0..1: how well the head fits the organisation (see resolver._compat)
    "recency": 40.0,              # 0.5 ** sentences back
    "subject": 20.0,              # latest mention is a subject
    "embedded": -30.0,            # latest mention only inside a person's role or a prepositional phrase
    "mentions": 15.0,             # log2(1 + mentions so far)
    "topic": 30.0,                # the first organisation of the article
}
DESCRIPTION_FLOOR = 40.0
