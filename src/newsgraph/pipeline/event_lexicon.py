"""Verb lexicon of the events stage: English verbs and verb phrases -> CAMEO event codes.

Written for newsgraph from the CAMEO codebook's category definitions (Gerner, Schrodt et al.;
the 20 root categories and their 3- and 4-digit refinements, as GDELT uses them). Each entry
is the most common news sense of the verb; a phrase entry (a verb with a particle,
preposition or object head) wins over the bare verb. Plain verbs of saying ("say", "tell")
are left to the quotes stage, and verbs whose news sense is too mixed to code without more
context ("strike": labour or military; "call": telephone or appeal; "sign": a treaty or a
player; "block": a road or a merger) only appear in phrases.
"""

from __future__ import annotations

#: CAMEO root categories (01-20), as named in the codebook.
ROOTS: dict[str, str] = {
    "01": "make public statement", "02": "appeal", "03": "express intent to cooperate",
    "04": "consult", "05": "engage in diplomatic cooperation", "06": "engage in material cooperation",
    "07": "provide aid", "08": "yield", "09": "investigate", "10": "demand", "11": "disapprove",
    "12": "reject", "13": "threaten", "14": "protest", "15": "exhibit force posture",
    "16": "reduce relations", "17": "coerce", "18": "assault", "19": "fight",
    "20": "use unconventional mass violence",
}

#: verb lemma -> CAMEO code
VERBS: dict[str, str] = {
    # 01 statements with a stance (plain "say" is the quotes stage's)
    "apologize": "055", "apologise": "055",
    # 02 appeal
    "urge": "020", "appeal": "020", "plead": "020", "implore": "020",
    # 03 intent to cooperate
    "agree": "030", "pledge": "030", "promise": "030", "offer": "030",
    # 04 consult
    "meet": "040", "consult": "040", "discuss": "040", "visit": "042", "host": "043",
    "negotiate": "046", "mediate": "045",
    # 05 diplomatic cooperation
    "praise": "051", "commend": "051", "hail": "051", "applaud": "051", "laud": "051",
    "endorse": "051", "congratulate": "051", "welcome": "051", "defend": "052", "forgive": "056",
    "ratify": "057",
    # 06 material cooperation
    "cooperate": "060", "collaborate": "060",
    # 07 aid
    "aid": "070", "assist": "070", "fund": "071", "donate": "071",
    # 08 yield
    "release": "084", "free": "084", "concede": "080", "yield": "080", "retreat": "087",
    "surrender": "0874", "resign": "0874", "allow": "080",
    # 09 investigate
    "investigate": "090", "probe": "090", "inspect": "090",
    # 10 demand
    "demand": "100", "order": "100",
    # 11 disapprove
    "criticize": "111", "criticise": "111", "condemn": "111", "denounce": "111", "slam": "111",
    "blast": "111", "rebuke": "111", "decry": "111", "deplore": "111", "censure": "111",
    "accuse": "112", "blame": "112", "sue": "115", "convict": "116", "complain": "114",
    # 12 reject
    "reject": "120", "refuse": "120", "rebuff": "120", "veto": "129", "defy": "128",
    # 13 threaten
    "threaten": "130",
    # 14 protest
    "protest": "140", "demonstrate": "141", "march": "141", "rally": "141", "boycott": "143",
    "picket": "141", "riot": "145", "barricade": "144",
    # 15 force posture
    "mobilize": "154", "mobilise": "154", "deploy": "154",
    # 16 reduce relations
    "sanction": "163", "embargo": "163",
    # 17 coerce
    "arrest": "173", "detain": "173", "indict": "173", "jail": "173",
    "imprison": "173", "sentence": "173", "prosecute": "173", "seize": "171", "confiscate": "171",
    "deport": "174", "ban": "172", "expel": "174",
    # 18 assault
    "kidnap": "181", "abduct": "181", "hijack": "181", "assault": "182", "beat": "182",
    "torture": "182", "assassinate": "186", "kill": "180", "stab": "182",
    # 19 fight
    "attack": "190", "fight": "190", "clash": "190", "invade": "192", "occupy": "192",
    "shell": "194", "bomb": "195", "ambush": "190", "blockade": "191", "shoot": "193",
    # 20 mass violence
    "massacre": "202",
}

#: (verb lemma, particle or preposition) -> CAMEO code: "called on", "cracked down"; an empty
#: code marks a phrase that is no event although the verb alone is ("fought for the clause")
PARTICLES: dict[tuple[str, str], str] = {
    ("fight", "for"): "", ("fight", "over"): "",
    ("call", "on"): "020", ("call", "for"): "020", ("appeal", "for"): "020",
    ("meet", "with"): "040", ("talk", "with"): "040", ("speak", "with"): "040",
    ("insist", "on"): "100", ("crack", "down"): "175", ("pull", "out"): "087",
    ("back", "down"): "080", ("step", "down"): "083", ("walk", "out"): "140",
    ("rule", "out"): "120", ("turn", "down"): "120", ("lash", "out"): "111",
    ("open", "fire"): "190", ("break", "off"): "161", ("charge", "with"): "173",
}

#: (verb lemma, object head lemma) -> CAMEO code: "imposed sanctions", "held talks"
OBJECTS: dict[tuple[str, str], str] = {
    **{("hold", o): "046" for o in ("talk", "negotiation", "meeting", "summit")},
    **{("sign", o): "057" for o in ("agreement", "accord", "treaty", "deal", "pact", "memorandum")},
    **{("reach", o): "057" for o in ("agreement", "accord", "deal", "settlement", "compromise")},
    **{("impose", o): "163" for o in ("sanction", "embargo", "tariff", "blockade")},
    **{(v, "sanction"): "085" for v in ("lift", "ease", "remove")},
    **{(v, o): "0871" for v in ("declare", "agree", "announce") for o in ("ceasefire", "truce")},
    **{(v, o): "090" for v in ("open", "launch", "begin", "order") for o in ("investigation", "inquiry", "probe")},
    **{(v, o): "190" for v in ("launch", "carry") for o in ("attack", "offensive", "strike", "raid", "assault")},
    **{(v, o): "141" for v in ("stage", "hold") for o in ("protest", "demonstration", "rally", "march")},
    **{(v, o): "143" for v in ("stage", "call", "begin", "hold") for o in ("strike", "walkout", "boycott")},
    **{(v, o): "115" for v in ("file", "bring") for o in ("lawsuit", "suit", "case", "complaint")},
    **{(v, o): "070" for v in ("provide", "send", "give", "deliver", "pledge") for o in ("aid", "assistance")},
    **{(v, o): "154" for v in ("send", "deploy", "mass") for o in ("troop", "force", "soldier", "warship")},
    ("withdraw", "troop"): "0874", ("withdraw", "force"): "0874",
    ("cut", "tie"): "161", ("sever", "tie"): "161", ("recall", "ambassador"): "161",
    ("expel", "diplomat"): "166", ("expel", "ambassador"): "166",
    ("suspend", "aid"): "162", ("suspend", "talk"): "164", ("suspend", "negotiation"): "164",
    ("claim", "responsibility"): "015", ("deny", "responsibility"): "016",
    ("deny", "involvement"): "016", ("express", "concern"): "012", ("express", "hope"): "013",
    ("issue", "ultimatum"): "139", ("issue", "threat"): "130", ("issue", "warning"): "130",
    ("grant", "asylum"): "075", ("release", "prisoner"): "084", ("free", "prisoner"): "084",
    ("find", "guilty"): "116", ("stand", "firm"): "124", ("hold", "firm"): "124",
    **{(v, o): "0872" for v in ("lift", "ease", "end") for o in ("blockade", "siege")},
    **{(v, o): "081" for v in ("lift", "ease", "end", "relax") for o in ("ban", "restriction", "curfew", "emergency")},
    **{("share", o): "064" for o in ("intelligence", "information", "evidence", "data")},
    **{(v, o): "054" for v in ("establish", "restore", "resume") for o in ("tie", "relation")},
    ("open", "embassy"): "054", ("reopen", "embassy"): "054",
    **{("accept", o): "083" for o in ("demand", "request", "condition", "proposal", "offer", "plan")},
    # "blocked the road" obstructs passage; "the court blocked the merger" does not
    **{("block", o): "144" for o in ("road", "street", "highway", "bridge", "port", "border", "crossing",
                                     "entrance", "access", "traffic", "route", "railway", "track", "gate",
                                     "harbour", "harbor", "motorway", "junction", "square", "runway")},
    # metaphorical fights are no events
    **{("fight", o): "" for o in ("fire", "blaze", "flame", "wildfire", "disease", "virus", "cancer", "crime",
                                  "corruption", "poverty", "inflation", "climate", "change", "addiction",
                                  "charge", "allegation", "case", "ruling", "ticket", "battle")},
    **{("lodge", o): "114" for o in ("protest", "complaint")},
}

#: object heads that are aid when given or provided ("gave $5 million of aid", "provided a grant")
AID_NOUNS: frozenset[str] = frozenset(
    "aid assistance grant loan food supply relief funding fund help medicine shelter".split())
#: verbs that provide aid when their object (or its "of" phrase) is an aid noun
GIVING_VERBS: frozenset[str] = frozenset("give provide send deliver pledge offer donate ship airlift".split())

#: verbs that take their event from a noun: "engaged in talks", "held a summit", "launched an offensive"
LIGHT_VERBS: frozenset[str] = frozenset(
    "engage enter hold conduct begin start open resume launch carry stage join attend continue".split())
#: event nouns after a light verb (as its object or after "in"/"into") -> CAMEO code
EVENT_NOUNS: dict[str, str] = {
    "talk": "046", "negotiation": "046", "discussion": "040", "communication": "040",
    "consultation": "040", "meeting": "040", "summit": "040", "dialogue": "040",
    "attack": "190", "offensive": "190", "raid": "190", "assault": "190", "airstrike": "195",
    "protest": "141", "demonstration": "141", "rally": "141", "march": "141",
    "investigation": "090", "inquiry": "090", "probe": "090",
    "boycott": "143", "walkout": "143",
}
#: "strike" after a light verb: a hunger strike (142), a labour strike (143), or, launched or
#: carried out, a military strike (the OBJECTS table)
STRIKE_CODES: dict[str, str] = {"hunger": "142", "": "143"}

#: verbs coded only when their source is known: rules and clauses "allow" things too
NEEDS_SOURCE: frozenset[str] = frozenset(["allow"])
#: verbs coded only when their target is a person or group: "released the hostages", not "released
#: its tax returns"; "visited Peru", not "visited the site"
NEEDS_PERSON_TARGET: frozenset[str] = frozenset(["release", "free", "visit", "host"])
#: common nouns that name people or groups (targets of release/free)
PERSON_NOUNS: frozenset[str] = frozenset(
    "prisoner hostage detainee captive soldier journalist activist man woman people person national worker "
    "member fisherman fishermen sailor crew protester student child civilian refugee migrant suspect "
    "inmate dissident leader official delegation".split())
#: phrase entries whose object is also the target ("blocked the road", "released the prisoners")
OBJECT_TARGETS: frozenset[str] = frozenset(["block", "release", "free"])
#: verbs whose object is a topic; the partner is the object of "with" ("discussed the plan with X")
PARTNER_WITH: frozenset[str] = frozenset(["discuss"])

#: reciprocal events, coded in both directions when both sides are named ("X and Y met")
RECIPROCAL: frozenset[str] = frozenset(["030", "040", "046", "057", "060", "190"])

#: lemmas that make the event they govern uncertain: "appear to stand firm", "is expected to meet"
HEDGE_HEADS: frozenset[str] = frozenset(
    "appear seem expect likely plan intend consider hope want seek try threaten".split())
#: adverbs and modals that hedge a clause
HEDGE_WORDS: frozenset[str] = frozenset(
    "may might could would reportedly allegedly apparently possibly probably perhaps likely "
    "purportedly supposedly seemingly".split())
#: heads that negate the event they govern: "refused to meet", "failed to agree"
NEGATING_HEADS: frozenset[str] = frozenset("refuse decline fail deny reject avoid".split())
#: heads (and modals) that make the event they govern an intention: "will meet", "vowed to fight"
INTENT_HEADS: frozenset[str] = frozenset(
    "willing prepared ready plan intend vow swear pledge promise offer agree".split())
INTENT_MODALS: frozenset[str] = frozenset(["will", "'ll", "shall", "wo"])
#: "would" is an intention only in reported speech ("said they would boycott the talks")
REPORTED_INTENT_MODALS: frozenset[str] = frozenset(["would", "'d"])
#: modals that turn an event in reported speech into a demand: "said Sudan must return the aircraft"
DEMAND_MODALS: frozenset[str] = frozenset(["must", "should"])


def intent_code(code: str) -> str:
    """CAMEO code for an announced intention to do ``code``: cooperative acts (04-08) become
    03x "express intent to …"; hostile acts become 13x "threaten …"; others are unchanged."""
    root = code[:2]
    return {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035",
            "14": "133", "16": "131", "17": "131", "18": "138", "19": "138", "20": "138"}.get(root, code)


def root_of(code: str) -> str:
    """The two-digit CAMEO root of ``code`` ("0871" -> "08")."""
    return code[:2]
