"""Word lists the resolver reads: pronouns, gender cues, organisation classes, spokespeople,
offices and documents. Data only; lower-case words."""

from __future__ import annotations

#: pronoun -> (gender "m"/"f"/None, number "sg"/"pl", what it can stand for)
#: ``person``: a PERSON; ``thing``: an organisation (companies, bodies) or place; ``group``: an
#: organisation, a people (NORP) or a country's government.
PRONOUNS: dict[str, tuple[str | None, str, str]] = {
    "he": ("m", "sg", "person"), "him": ("m", "sg", "person"), "his": ("m", "sg", "person"),
    "himself": ("m", "sg", "person"),
    "she": ("f", "sg", "person"), "her": ("f", "sg", "person"), "hers": ("f", "sg", "person"),
    "herself": ("f", "sg", "person"),
    "it": (None, "sg", "thing"), "its": (None, "sg", "thing"), "itself": (None, "sg", "thing"),
    "they": (None, "pl", "group"), "them": (None, "pl", "group"), "their": (None, "pl", "group"),
    "themselves": (None, "pl", "group"),
}
REFLEXIVES = frozenset("himself herself itself themselves".split())

#: entity types a pronoun class may refer to
PRONOUN_TYPES: dict[str, frozenset[str]] = {
    "person": frozenset({"PERSON"}),
    "thing": frozenset({"ORG", "FAC", "PRODUCT"}),
    "group": frozenset({"ORG", "NORP"}),
}

MALE_TITLES = frozenset("mr sir lord king prince father brother uncle".split())
FEMALE_TITLES = frozenset("mrs ms miss madam dame lady queen princess sister aunt".split())

#: relation nouns that give a person's gender: "his wife, Agnes Finch"
RELATION_GENDER: dict[str, str] = {
    "wife": "f", "widow": "f", "mother": "f", "daughter": "f", "sister": "f", "aunt": "f",
    "niece": "f", "grandmother": "f", "granddaughter": "f", "girlfriend": "f", "stepmother": "f",
    "husband": "m", "widower": "m", "father": "m", "son": "m", "brother": "m", "uncle": "m",
    "nephew": "m", "grandfather": "m", "grandson": "m", "boyfriend": "m", "stepfather": "m",
}
RELATION_NOUNS = frozenset(RELATION_GENDER) | frozenset("spouse partner child cousin sibling".split())

#: A few common first names, enough to seed gender when no title or pronoun says it.
MALE_NAMES = frozenset(
    """donald joe john james robert michael william david richard joseph thomas charles mark paul
    steven kevin brian george edward ronald anthony jeff bernie ted marco mike chris barack bill
    jeb rand ben tim peter andrew daniel matthew jason eric vladimir xi emmanuel boris olaf
    justin rishi keir benjamin recep narendra jair antonio pedro luis carlos jose juan ahmed
    mohammed ali omar hassan ivan sergei dmitry volodymyr abdel jim tom bob jack harry sam
    henry frank walter arthur albert fred alan jonas hans karl anton""".split()
)
FEMALE_NAMES = frozenset(
    """hillary mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy
    lisa betty margaret sandra ashley kimberly emily donna michelle carol amanda melissa
    deborah stephanie rebecca laura sharon cynthia kathleen amy angela anna maria karoline
    kamala nikki carly melania ivanka chelsea huma kellyanne theresa ursula jacinda giorgia
    marine claudia ruth sonia elena jane emma olivia sophie julia alice helen kate katie jill
    anne agnes marta irena""".split()
)

#: Organisation classes: description head nouns (lower case) that may name an organisation
#: of the class, and words of an organisation's *name* that put it in the class. A
#: description "the <head>" is compatible with an organisation whose name contains the head
#: itself ("the ministry", "the board", "the court": no table needed), or that the article
#: describes with the head ("Lannis Electric, the city's utility"), or, failing both, whose
#: name has a name word of one of the head's classes ("the airline" -> "Skyhaven Airways").
ORG_CLASSES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "company": (
        frozenset("""company firm business maker manufacturer carmaker automaker chipmaker drugmaker
        developer builder contractor retailer supplier producer operator insurer lender group
        conglomerate startup start-up corporation brand giant chain cooperative co-op exporter
        importer distributor miner processor owner employer subsidiary consultancy""".split()),
        frozenset("""inc corp corporation co ltd llc plc gmbh ag sa group holdings industries systems
        technologies technology robotics foods food motors homes construction builders dairy
        energy electric power water gas oil mining pharmaceuticals chemicals logistics labs
        laboratories solutions services networks communications telecom insurance capital
        investments securities ventures enterprises partners manufacturing steel airways airlines
        air shipping bank brewery""".split()),
    ),
    "airline": (frozenset("airline carrier".split()), frozenset("airways airlines air aviation".split())),
    "utility": (frozenset("utility supplier provider operator".split()),
                frozenset("electric power energy water gas utilities grid".split())),
    "carmaker": (frozenset("carmaker automaker".split()), frozenset("motors auto automotive cars".split())),
    "bank": (frozenset("bank lender".split()), frozenset("bank banking".split())),
    "regulator": (frozenset("regulator watchdog".split()),
                  frozenset("authority commission office regulator agency".split())),
    "labour": (frozenset("union guild".split()), frozenset("union guild workers alliance federation".split())),
    "media": (frozenset("newspaper paper broadcaster outlet agency publication daily".split()),
              frozenset("times post courier examiner herald gazette tribune news journal ledger wire".split())),
    "police": (frozenset("police force".split()), frozenset("police constabulary".split())),
}

#: every name word of the table ("Cressly Water", "Lannis Electric" are organisations)
ORG_NAME_WORDS = frozenset(w for _, names in ORG_CLASSES.values() for w in names)

#: head words of institutions' names: never a "company", "firm" or "utility" by class
#: ("the company" is not the Regional Water Authority); "the authority" still matches by head
INSTITUTION_HEADS = frozenset("""authority board council commission committee ministry department agency office
court panel tribunal union guild association federation institute foundation museum university college
school hospital district police party league mission government administration division bureau
directorate service""".split())

#: description heads and the class names they belong to
DESCRIPTION_HEADS: dict[str, frozenset[str]] = {}
for _cls, (_heads, _names) in ORG_CLASSES.items():
    for _h in _heads:
        DESCRIPTION_HEADS[_h] = DESCRIPTION_HEADS.get(_h, frozenset()) | {_cls}

#: people who speak for an organisation: "a spokesperson for X", "an X spokesman"
SPOKES_NOUNS = frozenset("""spokesperson spokesman spokeswoman spokespeople spokesmen spokeswomen
representative representatives""".split())

#: what belongs to a person or organisation and speaks for it: "X's office", "her campaign"
#: ("the Drager administration" is a government, not its leader: no entry)
OFFICE_NOUNS = frozenset("office campaign team camp lawyer lawyers attorney attorneys aides presidency".split())

#: a country's office -> the role of the person who holds it ("the Moldarean presidency")
OFFICE_HOLDER_ROLES: dict[str, str] = {"presidency": "president", "premiership": "premier"}

#: person roles a description may use for one another ("the candidate" for "the Republican nominee")
ROLE_SYNONYMS: dict[str, frozenset[str]] = {
    "candidate": frozenset("nominee challenger incumbent contender hopeful".split()),
    "nominee": frozenset("candidate".split()),
    "challenger": frozenset("candidate nominee".split()),
    "lawmaker": frozenset("senator representative congressman congresswoman legislator assemblyman "
                          "assemblywoman delegate councilman councilwoman".split()),
    "legislator": frozenset("senator representative congressman congresswoman lawmaker assemblyman "
                            "assemblywoman delegate".split()),
}

#: bare plural people who speak for the one institution of their kind the article names
#: ("Prosecutors said" -> the district attorney's office): lemma -> words of such a name
COLLECTIVE_SPEAKERS: dict[str, frozenset[str]] = {
    "prosecutor": frozenset("attorney prosecutor prosecutors prosecution prosecuting".split()),
    "deputy": frozenset("sheriff sheriffs".split()),
    "firefighter": frozenset("fire".split()),
    "investigator": frozenset("investigation investigations investigative".split()),
    "officer": frozenset("police".split()),
    "detective": frozenset("police".split()),
}

#: documents that "say", "find" or "show" something on behalf of their issuer
DOCUMENT_NOUNS = frozenset("""report reports minutes statement statements poll polls survey surveys
study studies data figures analysis review audit filing filings record records document documents
memo letter release census estimate estimates forecast ruling judgment judgement complaint
lawsuit findings assessment paper transcript tally count data datum""".split())

#: documents an organisation issues about itself: without an issuer ("according to a filing")
#: they belong to the organisation the sentence or passage is about
SELF_ISSUED = frozenset("filing filings statement statements release".split())

#: prepositions that introduce a document's issuer: "a study by X", "a report from X",
#: "a report in the X" (a newspaper), "data from X"
ISSUER_PREPS = frozenset("by from of in".split())

#: determiners of an indefinite, unnamed speaker ("a senior official", "one protester")
INDEFINITE = frozenset("a an another one some several many two three any".split())
