"""Lexicons and small token-level predicates used by the entities stage.

Everything here is data or a pure function over one token/string, so the stage module
stays about the algorithm. Words are stored lower-cased without a trailing period
("sen." -> "sen").
"""

from __future__ import annotations

import functools

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
    councilman councilwoman councilor councilmember alderman alderwoman assemblyman assemblywoman
    assemblymember selectman selectwoman supervisor comptroller controller coroner magistrate
    constable detective trooper registrar clerk nominee candidate delegate official negotiator
    deputy treasurer auditor inspector superintendent trustee partner dean provost principal
    administrator
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
    colleague staffer staff protester protestor demonstrator passenger customer shopper commuter
    parent patient tenant homeowner landlord fan spectator bystander motorist driver cyclist
    pensioner retiree""".split()
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


def is_given_name(text: str) -> bool:
    """A first name of the resolver's lexicon ("Dean", "Major" is not one)."""
    from .resolve.lexicon import FEMALE_NAMES, MALE_NAMES

    w = bare_word(text)
    return w in MALE_NAMES or w in FEMALE_NAMES


def is_honorific(text: str) -> bool:
    return bare_word(text) in HONORIFICS


def is_acronym(text: str) -> bool:
    """An all-capitals token of 2-8 letters, periods allowed ("WHO", "U.N.", "NATO")."""
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def initials(words: list[str]) -> str:
    """Capitalised initials of a multi-word name, skipping function words ("World Health Organization" -> "WHO")."""
    return "".join(w[0] for w in words if w[:1].isupper() and w.lower() not in HEADLINE_FUNCTION_WORDS)


#: Last words that make a name an organisation, never a person ("Kessler Polymers", "Acme Holdings").
ORG_SUFFIXES: frozenset[str] = frozenset(
    """polymers industries holdings group corp corporation inc incorporated ltd llc plc gmbh
    council authority agency ministry department union association bank university college
    hospital partners systems technologies foods energy motors airlines airways pharmaceuticals
    chemicals plastics manufacturing logistics laboratories labs solutions services networks
    communications telecom insurance capital investments securities ventures enterprises
    institute foundation federation commission committee board party club league society
    trust company companies gazette herald tribune wire guild police mission panel court office
    district museum alliance observatory orchestra cooperative robotics dairy homes construction
    automotive rovers wanderers rangers athletic fc afc hotspur albion pictures studios productions
    entertainment""".split()
)


def is_org_suffix(text: str) -> bool:
    return bare_word(text) in ORG_SUFFIXES


@functools.lru_cache(maxsize=1)
def common_nouns() -> frozenset[str]:
    """Lower-case English common nouns (singular), from the loaded model's lemmatizer index.

    Empty when the model or its lemmatizer tables are unavailable; then :func:`is_plural_common_noun`
    is always False.
    """
    try:
        from ..nlp import get_nlp

        table = get_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(w for w in table["noun"] if w.isalpha())
    except Exception:  # pragma: no cover - depends on the installed model
        return frozenset()


def is_plural_common_noun(text: str) -> bool:
    """A capitalised or lower-case plural of a dictionary common noun ("Schools", "Libraries")."""
    w = text.lower()
    if len(w) < 4 or not w.isalpha() or not w.endswith("s") or w.endswith("ss"):
        return False
    nouns = common_nouns()
    stems = [w[:-1]]
    if w.endswith("ies"):
        stems.append(w[:-3] + "y")
    if w.endswith("es"):
        stems.append(w[:-2])
    return any(s in nouns for s in stems)


#: Nouns describing an organisation: as an appositive ("Voltique, a maker of batteries,") or a
#: premodifier ("the consultancy Gridline") they make the name an ORG.
ORG_NOUNS: frozenset[str] = frozenset(
    """company firm maker manufacturer automaker carmaker startup start-up consultancy retailer
    supplier producer developer publisher broadcaster newspaper agency operator chain brand
    conglomerate insurer lender bank carrier airline utility charity nonprofit non-profit
    organisation organization group subsidiary distributor exporter importer miner
    drugmaker chipmaker outlet network club""".split()
)


#: Organisation nouns that also describe a person ("Nils Dorsey, a property developer,"): beside a
#: name of two or more words the model tagged PERSON they leave it a person.
PERSON_OR_ORG_NOUNS: frozenset[str] = frozenset(
    """developer publisher producer broadcaster operator supplier distributor exporter importer
    miner retailer maker manufacturer""".split()
)


#: Last words of a place built or laid out by people: an ORG-tagged span ending in one is a FAC
#: ("Eastern Docks", "Mill Street").
FAC_SUFFIXES: frozenset[str] = frozenset(
    """docks dock quay quays wharf pier street st road rd avenue ave boulevard lane square
    bridge tunnel highway motorway airport station terminal stadium arena""".split()
)


def is_fac_suffix(text: str) -> bool:
    return bare_word(text) in FAC_SUFFIXES
