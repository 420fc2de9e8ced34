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

#: common nouns for a person, by gender (None: either), beyond the relation nouns: an unnamed
#: person the text talks about ("the actress playing the queen tripped, … her gifts")
PERSON_NOUN_GENDER: dict[str, str | None] = {
    **RELATION_GENDER,
    **dict.fromkeys("woman girl lady actress queen princess heroine nun mistress bride waitress".split(), "f"),
    **dict.fromkeys("man boy gentleman actor king prince hero monk priest groom waiter".split(), "m"),
    **dict.fromkeys("""person teacher student pupil player officer soldier nurse doctor singer writer author
    poet painter artist farmer worker friend neighbour neighbor colleague rival lover stranger teenager child
    parent spouse partner cousin sibling leader member owner manager coach captain judge lawyer detective
    policeman policewoman servant maid guard driver prisoner killer victim witness patient director
    producer journalist reporter politician candidate minister president governor mayor senator
    character protagonist narrator""".split(), None),
}

#: A few common first names, enough to seed gender when no title or pronoun says it.
_SEED_MALE_NAMES = frozenset(
    """donald joe john james robert michael william david richard joseph thomas charles mark paul
    steven kevin brian george edward ronald anthony jeff bernie ted marco mike chris barack bill
    jeb rand ben tim peter andrew daniel matthew jason eric vladimir xi emmanuel boris olaf
    justin rishi keir benjamin recep narendra jair antonio pedro luis carlos jose juan ahmed
    mohammed ali omar hassan ivan sergei dmitry volodymyr abdel jim tom bob jack harry sam
    henry frank walter arthur albert fred alan jonas hans karl anton""".split()
)
_SEED_FEMALE_NAMES = frozenset(
    """hillary mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy
    lisa betty margaret sandra ashley kimberly emily donna michelle carol amanda melissa
    deborah stephanie rebecca laura sharon cynthia kathleen amy angela anna maria karoline
    kamala nikki carly melania ivanka chelsea huma kellyanne theresa ursula jacinda giorgia
    marine claudia ruth sonia elena jane emma olivia sophie julia alice helen kate katie jill
    anne agnes marta irena""".split()
)

#: More first names, common across the languages news is written about; names used for both
#: men and women (Jordan, Taylor, Alex, Kim, Jean, Andrea, Nicola, …) are left out on purpose.
MORE_MALE_NAMES = frozenset(
    """aaron adam adrian ahmad aidan alberto alejandro aleksandr alexander alexei alfonso alfred
    alistair amir anders andre andreas andrei andres angus antoine armando arnold arturo axel
    barry bart bashar benedict benny bernard bernd bjorn blake bradley brandon brendan brett bruce
    bruno bryan byron calvin carl carlo cesar chad charles christian christoph christopher clarence
    clark claus clifford clint colin connor conor craig curtis dale damian dan dario darius darren
    dave dean dennis derek diego dieter dirk domenico don douglas duncan dustin dwayne dylan earl
    eduardo edgar edwin elias elijah emil emilio enrique erik ernesto ernst ethan eugene evan fabio
    farid fernando filip florian francesco francis francisco franz fraser friedrich gabriel gareth
    gary gavin geoffrey gerald gerard gerhard giorgio giovanni giuseppe glenn gordon graham grant
    greg gregory guillermo gunnar gustavo guy hamid harold harvey hector heinz helmut herbert
    hiroshi hugh hugo ian igor imran isaac ismail jacob jakob jamal javier jay jeffrey jens
    jeremy jerome jerry jesse jim jimmy joachim joel johan johannes jon jonathan jorge josef joshua
    juergen julian julius jurgen karim keith ken kenneth khalid klaus konstantin kurt kyle lars
    larry lawrence leon leonard leonardo liam lorenzo louis lucas ludwig luigi luke magnus mahmoud
    malcolm manuel marcel marcus mario marius martin massimo mateo matteo matthias maurice max
    maxim mehmet michel miguel mikhail milan miles mitch mitchell mohamed mohammad muhammad murat
    nathan neil nelson nicholas nick nicolas nigel nikolai noah norman olivier oscar otto owen
    pablo patrick paolo pavel philip philippe pierre rafael rahul rajesh ralph ramon randy raul
    ray raymond reza ricardo richard rick ricky rob roberto rodrigo roger roland roman ronnie ross
    roy rudolf russell ryan salman samir samuel scott sean sebastian sergio seth shane simon stefan
    stephen stuart sven terrence theodore tobias todd tony travis trevor troy ulrich vasily victor
    vikram vincent viktor vladislav wade wayne werner wolfgang xavier yousef youssef yusuf zach
    zachary""".split()
)
MORE_FEMALE_NAMES = frozenset(
    """abigail adriana agnieszka aisha alexandra alicia alina alison amal amanda amelia ana
    anastasia angelika anita anja anke annette antonia astrid audrey aurora barbara
    beatrice beatriz bettina birgit brenda bridget brigitte camila carla carmen caroline carolyn
    catherine cecilia charlotte cheryl christina christine cindy clara claire colleen cristina
    dagmar daniela danielle daphne debbie denise diana diane dolores dominika doris dorothy edith
    eleanor elena elisa elisabeth eliza ella ellen eloise elsa emilia erica erika esther eva
    fatima felicity fiona florence frances francesca gabriela gabrielle gemma georgina
    gisela gloria grace greta gwen hanna hannah harriet heather heidi helena helga holly
    ines ingrid irene iris isabel isabella isabelle jacqueline janet janice jenny jessica joan
    joanna johanna josephine joyce judith judy julie juliet justine karin karina katarzyna katharina
    katherine kathryn katrin kristin lara lauren leah leila lena lily linda liz lorena lorraine
    louise lucia lucy luisa lydia magdalena maja mandy margarita marguerite mariam marianne marie
    marina marisol martina mathilde maureen megan melanie mia mila miriam molly monica
    monika nadia naomi natalia natalie natasha nina nora olga paula pauline petra philippa phyllis
    priya rachel raquel regina renate rita roberta rosa rosalind rose rosemary sabine sabrina sally
    samantha sara sheila silvia simone sofia sonja stella sue susanne suzanne svetlana sylvia
    tamara tanya tatiana teresa tina tracey ulrike valentina valerie vanessa vera veronica victoria
    virginia wendy yasmin yolanda yvonne zainab zoe""".split()
)
MALE_NAMES = _SEED_MALE_NAMES | MORE_MALE_NAMES
FEMALE_NAMES = _SEED_FEMALE_NAMES | MORE_FEMALE_NAMES

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
    "sports": (frozenset("club team side franchise".split()),
               frozenset("rovers wanderers rangers athletic fc afc hotspur albion united club".split())),
    "panel": (frozenset("panel body".split()), frozenset("commission committee board tribunal jury".split())),
    "health": (frozenset("system group provider network trust".split()), frozenset("health healthcare medical hospitals clinics".split())),
    "studio": (frozenset("studio distributor".split()),
               frozenset("pictures films studios productions entertainment animation".split())),
}

#: every name word of the table ("Cressly Water", "Lannis Electric" are organisations)
ORG_NAME_WORDS = frozenset(w for _, names in ORG_CLASSES.values() for w in names)

#: head words of institutions' names: never a "company", "firm" or "utility" by class
#: ("the company" is not the Regional Water Authority); "the authority" still matches by head
INSTITUTION_HEADS = frozenset("""authority board council commission committee ministry department agency office
court panel tribunal union guild association federation institute foundation museum university college
school hospital district police party league mission government administration division bureau
directorate service""".split())

#: institution heads that may run a public service and so be "the utility" when a utility word is
#: in the name ("the Regional Water Authority", "the Kestrel Water Board"); never a department,
#: ministry or commission ("the Public Utilities Commission" regulates utilities)
UTILITY_INSTITUTION_HEADS = frozenset("authority board district".split())

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
                          "assemblywoman delegate councilman councilwoman councilmember".split()),
    "legislator": frozenset("senator representative congressman congresswoman lawmaker assemblyman "
                            "assemblywoman delegate".split()),
    # "the Dravonian leader", "the head of the agency": whoever the article gives a top office
    "leader": frozenset("president premier minister chancellor king queen emir sultan monarch".split()),
    "head": frozenset("""administrator director chief chairman chairwoman chair president commissioner
                      secretary leader ceo executive superintendent""".split()),
}

#: party words a description and a role must share when the description has one ("the Republican
#: nominee" is not "the Democratic candidate"): word -> its normal form
PARTY_WORDS: dict[str, str] = {"republican": "republican", "gop": "republican", "democratic": "democratic",
                               "democrat": "democratic", "labour": "labour", "labor": "labour", "tory": "conservative",
                               "conservative": "conservative", "liberal": "liberal", "green": "green"}

#: abbreviated titles -> the role word a description uses ("Gov. Walt Brannigan" is "the governor")
ROLE_ABBREVIATIONS: dict[str, str] = {
    "gov": "governor", "sen": "senator", "rep": "representative", "lt": "lieutenant", "gen": "general",
    "atty": "attorney", "supt": "superintendent", "sec": "secretary", "pres": "president", "amb": "ambassador",
    "cmdr": "commander", "insp": "inspector", "det": "detective", "sgt": "sergeant", "capt": "captain",
    "adm": "admiral", "col": "colonel", "maj": "major", "prof": "professor", "rev": "reverend",
}

#: modifiers of a definite role that add news about the person just named rather than pick
#: someone else ("Halvorsen spoke … The former governor of Kansas told …")
FORMER_WORDS = frozenset("former onetime one-time ex erstwhile longtime veteran".split())

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

#: staff who, as a bare plural "at/from/with X", speak for organisation X ("Analysts at Harwick
#: Capital said"); other people at a place ("workers at the plant", "residents") do not
STAFF_NOUNS = frozenset("""analyst economist researcher scientist strategist official executive expert
engineer lawyer attorney investigator inspector auditor doctor physician surgeon nurse manager director
staff staffer spokesperson spokesman spokeswoman""".split())

#: plural people who write a study on behalf of its issuer ("the researchers wrote")
AUTHOR_NOUNS = frozenset("researcher author scientist".split())
#: documents whose authors those are
STUDY_NOUNS = frozenset("study studies report paper survey analysis research review".split())

#: modifiers of a document whose issuer the article does not name ("state records", "court
#: filings"): no entity, and a later "the records" is the same unnamed issuer's
UNNAMED_ISSUERS = frozenset("state federal court public government official national".split())

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

#: seats of government and capitals that speak for their country's government ("The Kremlin
#: said", "Beijing said"): lower-case name -> the country's canonical name. An article may add
#: its own ("Tolsk, the Dravonian capital"); "the White House" is left as the organisation the
#: article names (a named office, like a department)
SEATS_OF_GOVERNMENT: dict[str, str] = {
    "kremlin": "Russia", "moscow": "Russia", "beijing": "China", "zhongnanhai": "China",
    "downing street": "United Kingdom", "whitehall": "United Kingdom", "elysee": "France",
    "élysée": "France", "elysee palace": "France", "élysée palace": "France", "tokyo": "Japan",
    "seoul": "South Korea", "pyongyang": "North Korea", "tehran": "Iran", "kyiv": "Ukraine", "kiev": "Ukraine",
    "ankara": "Turkey", "new delhi": "India", "islamabad": "Pakistan", "taipei": "Taiwan", "riyadh": "Saudi Arabia",
    "cairo": "Egypt", "havana": "Cuba", "caracas": "Venezuela", "ottawa": "Canada", "canberra": "Australia",
    "berlin": "Germany", "paris": "France", "rome": "Italy", "madrid": "Spain", "warsaw": "Poland",
    "damascus": "Syria", "baghdad": "Iraq", "kabul": "Afghanistan", "minsk": "Belarus", "budapest": "Hungary",
    "hanoi": "Vietnam", "manila": "Philippines", "jakarta": "Indonesia", "pretoria": "South Africa",
    "brasilia": "Brazil", "brasília": "Brazil", "buenos aires": "Argentina", "mexico city": "Mexico",
}
#: nouns that make a place the capital of a country the article names ("the Dravonian capital, Tolsk")
CAPITAL_NOUNS = frozenset("capital".split())
