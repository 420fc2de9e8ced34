"""Lexicons and small token-level predicates used by the entities stage.

Everything here is data or a pure function over one token/string, so the stage module
stays about the algorithm. Words are stored lower-cased without a trailing period
("sen." -> "sen").
"""

from __future__ import annotations

#: spaCy entity labels kept as entities; everything else (DATE, CARDINAL, ...) is dropped.
KEPT_LABELS: frozenset[str] = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
#: Labels whose tokens must never be re-used as a missed name mention ("May" as a DATE).
BLOCKING_LABELS: frozenset[str] = frozenset(
    {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
)
#: Tie-break order when one entity was tagged with several labels equally often.
LABEL_PREFERENCE: tuple[str, ...] = (
    "PERSON", "GPE", "ORG", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW",
)
#: Labels a surname-like mention may be moved from to PERSON when it matches a person's surname.
#: Places are excluded unless the model itself said PERSON at least as often ("Jordan", "Washington").
RETYPABLE_TO_PERSON: frozenset[str] = frozenset(
    {"ORG", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)

#: Honorifics: dropped from names, never a role.
HONORIFICS: frozenset[str] = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "madam", "mme", "m", "herr", "frau"}
)

#: Title / function words: a premodifier run or appositive is a role only if it contains one.
TITLE_WORDS: frozenset[str] = frozenset(
    """
    president vice-president president-elect premier minister secretary undersecretary
    under-secretary spokesperson spokesman spokeswoman spokespeople chairman chairwoman chair
    chairperson director ceo cfo coo cto executive officer chief general gen judge justice
    senator sen rep representative congressman congresswoman congressmember lawmaker legislator
    governor gov lieutenant lt mayor ambassador envoy diplomat consul commissioner chancellor
    king queen prince princess emperor empress pope cardinal archbishop bishop rabbi imam
    reverend rev pastor sheikh emir sultan leader head founder co-founder cofounder owner
    manager coach captain attorney lawyer prosecutor solicitor barrister sheriff colonel col
    sergeant sgt admiral adm commander commandant major maj brigadier marshal corporal cpl
    private pvt professor prof analyst economist strategist researcher scientist editor
    reporter correspondent columnist anchor aide adviser advisor counsel counselor councillor
    councilman councilwoman councilor alderman nominee candidate delegate official negotiator
    deputy treasurer auditor inspector superintendent trustee partner dean provost principal
    speaker whip chairmen ministers secretaries presidents mediator chaplain physician
    surgeon doctor nurse historian author novelist writer poet actor actress singer
    rapper musician artist designer architect engineer founder-ceo investor entrepreneur
    banker trader broker activist campaigner organiser organizer striker midfielder defender
    goalkeeper forward winger batsman bowler pitcher quarterback player referee umpire
    cyclist driver rider jockey champion boxer prosecutor-general attorney-general
    commissioner-general secretary-general director-general governor-general
    """.split()
)

#: Other nouns for people accepted as the head of an appositive role ("John Smith, a farmer,").
#: Unlike TITLE_WORDS they are never stripped from a name ("Son Heung-min", "Mother Teresa").
PERSON_NOUNS: frozenset[str] = frozenset(
    """farmer teacher student worker resident member father mother son daughter wife husband
    brother sister uncle aunt cousin friend neighbour neighbor veteran volunteer employee
    owner businessman businesswoman worker pilot soldier officer victim witness survivor
    mother-of-two father-of-two grandmother grandfather man woman boy girl citizen voter
    supporter critic opponent ally rival expert specialist consultant graduate fellow
    colleague staffer staff""".split()
)

#: Verbs of a "who"-clause that describe a position ("X, who heads the agency,").
ROLE_VERBS: frozenset[str] = frozenset(
    {"head", "lead", "run", "chair", "direct", "oversee", "manage", "serve", "command",
     "represent", "own", "found", "co-found", "coach", "edit", "captain", "preside", "govern"}
)

#: Lower-case words allowed inside a Title-Case headline (articles, conjunctions, short preps).
HEADLINE_FUNCTION_WORDS: frozenset[str] = frozenset(
    """a an the and or but nor of in on at to for with by from as into onto over under
    after before about amid amidst against via vs v up out off per than upon""".split()
)

#: Words that never make a name on their own.
NON_NAMES: frozenset[str] = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday today yesterday tomorrow gmt utc edt est cet cest bst pdt pst cdt cst""".split()
)

#: Normalised surface (lower case, no periods, no leading "the") -> (canonical name, type).
CANONICAL_ALIASES: dict[str, tuple[str, str]] = {
    "us": ("United States", "GPE"),
    "usa": ("United States", "GPE"),
    "united states": ("United States", "GPE"),
    "united states of america": ("United States", "GPE"),
    "uk": ("United Kingdom", "GPE"),
    "united kingdom": ("United Kingdom", "GPE"),
    "britain": ("United Kingdom", "GPE"),
    "great britain": ("United Kingdom", "GPE"),
    "un": ("United Nations", "ORG"),
    "united nations": ("United Nations", "ORG"),
    "eu": ("European Union", "ORG"),
    "european union": ("European Union", "ORG"),
}
#: Aliases that are also ordinary names of something else: only mapped when the model saw a place.
PLACE_ONLY_ALIASES: dict[str, tuple[str, str]] = {
    "america": ("United States", "GPE"),
}


def bare_word(text: str) -> str:
    """Lower-case word without trailing periods, for lexicon look-ups ("Sen." -> "sen")."""
    return text.lower().rstrip(".")


def is_title_word(text: str) -> bool:
    return bare_word(text) in TITLE_WORDS


def is_honorific(text: str) -> bool:
    return bare_word(text) in HONORIFICS


def is_acronym(text: str) -> bool:
    """An all-capitals token of 2-8 letters, periods allowed ("WHO", "U.N.", "NATO")."""
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def initials(words: list[str]) -> str:
    """Capitalised initials of a multi-word name, skipping function words ("World Health Organization" -> "WHO")."""
    return "".join(w[0] for w in words if w[:1].isupper() and w.lower() not in HEADLINE_FUNCTION_WORDS)
