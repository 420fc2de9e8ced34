"""Feature weights of the resolver's candidate scores (a linear score per candidate entity;
the highest-scoring compatible candidate wins, none when no candidate is compatible or the
best score is below the floor).

Pronoun features are computed from the candidate's latest mention before the pronoun (and,
for ``para_subject``/``mentions``, from all its mentions so far); they follow the salience
factors of Lappin and Leass (1994): recency halves with each sentence, grammatical role
(subject over object over embedded), parallel roles, plus gender evidence and how central
the entity is to the article. The values were first set by hand on the speaker dev set, then the
non-gender weights were fitted on GAP development by coordinate search
(``newsgraph eval gap --split development --tune``; GAP pairs two names of the pronoun's
gender by design, so it cannot price gender evidence and those weights stay hand-set) and
kept where the speaker dev set did not lose. ``clause_subject`` and ``same_clause_subject``
were set on GAP development with A and B given (a refit of the others on half of development
did not carry over to the other half); see BENCHMARKS.md.
"""

from __future__ import annotations

#: pronoun -> candidate entity
PRONOUN_WEIGHTS: dict[str, float] = {
    "recency": 150.0,             # 0.5 ** sentences back (1.0 in the pronoun's own sentence)
    "subject": 70.0,              # a subject in its latest sentence
    "object": 70.0,               # else a direct object / attribute there
    "embedded": -100.0,           # only possessors or inside prepositional phrases there
    "parallel": 70.0,             # there in the same grammatical role as the pronoun (subject/object/possessor)
    "para_subject": 150.0,        # subject of a sentence of this paragraph before the pronoun
    "prev_paragraph": -35.0,      # latest mention is in an earlier paragraph
    "gender_match": 40.0,         # the entity's known gender is the pronoun's
    "gender_unknown": -15.0,      # no gender evidence for the entity (he/she only)
    "gender_unique": 300.0,       # the only candidate known to have the pronoun's gender
    "mentions": 20.0,             # log2(1 + mentions so far)
    "topic": 0.0,                 # the first entity of its kind in the article
    "cataphora": -100.0,          # the mention follows the pronoun (same sentence only)
    "main_subject_after": 150.0,  # ... and is the main clause's subject after a fronted phrase
    "untyped": -70.0,             # a person-like name the model typed ORG/GPE/… (he/she only)
    "clause_subject": 70.0,       # a possessive pronoun and the subject of its own clause ("X lost her shoe")
    "same_clause_subject": -400.0,# a non-reflexive object pronoun and the subject of its own verb (binding)
}
PRONOUN_FLOOR = -50.0  # below it, no antecedent

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
