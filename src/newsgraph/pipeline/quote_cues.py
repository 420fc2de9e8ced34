"""The cue lexicon: verbs (and a few nouns and adjectives) that attribute content to a source.

One table, :data:`CUE_TABLE`, shared by the quotes stage (direct quotes and reported speech), the
sources stage ("told the BBC", "court filings show") and the events stage (reported demands). One
line per lemma: the lemma, its classes and frames, then any irregular forms. Adding a reporting
verb is adding one line.

Classes (what the cue reports):

* ``speech``: an act of communication. Introduces direct quotes and reported speech.
* ``belief``: a belief or feeling ("fears that …"). Reported speech only (PolNeAR counts them).
* ``stance``: a position taken on something; its object or "about/on/for …" phrase is the
  reported content ("cited the report", "called for a ban"). Reported speech only.
* ``none``: not an act of communication, listed so that nobody adds it back: raising verbs
  ("appeared to"), refusals ("declined to comment"), receptions ("welcomed the result").

Frames (how the content is attached):

* ``to``: a to-infinitive is the content ("vowed to fight on").
* ``char``: characterises someone with quoted words ("called him a "nasty guy"").
* ``aud``: its direct object is an addressee or a thing, not content ("told reporters").
* ``topic``: an "on" phrase is the topic of the act ("commented on the ruling").
* ``talk``: a "to" phrase names the audience ("talking to reporters").
* ``req``: a request; its object is who is asked to act ("urged the council to …").
* ``evid``: a document can be its subject ("court filings show", "the audit found").
* ``outlet``: "<verb> to <outlet>" cites that outlet ("said to the BBC", "confirmed to Axios").
* ``stmt``: "<subject> <verb> in a statement" makes the subject the statement's issuer.
* ``infer``: as a participle after a clause it is the writer's inference, not reported speech
  ("Shares fell, indicating that …", "…, underscoring the risk").
* ``quest``: a question; in the passive its subject is who was asked, not a speaker ("Asked
  whether …", "When asked about …").
* ``neg``: a refusal; a speech verb under it was never said ("declined to say", "refused to
  discuss").
* ``pub``: "<verb> by X" names where something was published: a source, not a speaker ("shared
  by Axios", "reported by the Gazette").
* ``at``: a "to" phrase is what the act points at, the content, never an audience ("pointed to
  the jobs report", "referred to the senator's remarks").

Words that are not a class or a frame are irregular forms (past, participle, doubled
consonants); regular forms are derived by :func:`inflections`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

CLASSES = frozenset(["speech", "belief", "stance", "none"])
FRAMES = frozenset(["to", "char", "aud", "topic", "talk", "req", "evid", "outlet", "stmt", "infer", "quest", "pub",
                    "neg", "at"])

CUE_TABLE = """
# lemma        classes and frames                 irregular forms
accept         none
accuse         stance char stmt
acknowledge    speech stance stmt
add            speech aud stmt                   # "added 500 jobs": the object is no content
address        none                               # "addressed the crowd", "did not address the issue"
admit          speech stance outlet               admitted admitting
advise         speech aud req
advocate       stance
affirm         speech
agree          speech to                          # "agreed that …", "agreed to lend him $5 million"
allege         speech stance stmt
allude         stance at                          # "alluded to the scandal"
announce       speech stmt
answer         speech stance aud topic
appear         none                               # raising verb: "appeared to blame X" is no speech
applaud        stance
argue          speech stance stmt
ask            speech stance aud req quest
assert         speech
assure         speech stance aud
attack         stance
back           stance
believe        belief
blame          stance char
blast          stance
boast          speech
brand          char
call           stance char stmt
caution        speech
challenge      stance req
chant          speech
characterise   char
characterize   char
charge         speech stance
chat           talk                               chatted chatting
cite           stance
claim          speech aud stmt                   # "claimed victory", "claimed responsibility"
comment        speech aud topic
compare        none
complain       speech stance
concede        speech
conclude       speech stance aud
concur         speech                             concurred concurring
condemn        stance char
confirm        speech stance evid outlet stmt
consider       stance
contend        speech
continue       speech aud
counter        speech
criticise      stance char
criticize      stance char
debate         stance
decide         stance aud to                     # "will decide the case"
declare        speech aud
decline        none neg                           # "declined to comment" says nothing
decry          stance
defend         stance
demand         speech stance
denounce       stance
deny           speech stmt
deride         char
describe       speech stance char
detail         speech stance
disclose       speech stance outlet stmt aud
discuss        stance
dismiss        stance aud
dub            char                               dubbed dubbing
echo           stance
email          speech                             emailed emailing
embrace        none
emphasise      speech stance
emphasize      speech stance
encourage      speech stance to req
endorse        stance
estimate       speech stance
exclaim        speech
expect         belief to
explain        speech outlet stmt
express        stance
fail           none neg                           # "failed to mention"
fault          stance
favor          stance
favour         stance
fear           belief
feel           belief                             felt
find           stance aud evid                    found  # "found a way"; "found that …" stays
focus          none
grill          speech
grumble        speech
hail           stance
highlight      stance infer
hint           speech stance
hope           belief to
identify       stance
ignore         stance
implore        req
imply          speech infer
indicate       stance evid infer
inform         speech aud
insinuate      speech
insist         speech stmt
intend         stance to
invoke         stance
issue          stance
joke           speech
knock          stance
know           belief                             knew known
label          char                               labeled labelled labeling labelling
lambast        stance
lament         speech
laugh          speech
learn          belief                             learnt
liken          stance char
list           stance
maintain       speech aud
mention        speech stance
mock           stance
muse           speech
mutter         speech
nominate       stance
note           speech stmt
observe        speech
offer          stance to
oppose         stance
order          stance req
plan           stance to                          planned planning
plead          speech                             pleaded pled
pledge         speech stance aud to              # "pledged $1 million"
point          speech stance at                   # "pointed to the record"
portray        stance
post           speech stance pub
praise         stance char
predict        speech stance
prefer         stance                             preferred preferring
press          stance req
proclaim       speech
promise        speech stance to
promote        stance
propose        stance to                          # "proposed dropping the tax"
push           none
question       stance quest
quip           speech                             quipped quipping
rail           stance
reach          talk
read           speech aud
realize        belief
recall         speech aud                         # "recalled that …", not "recalled 1,200 robots"
recognize      belief stance
recommend      speech stance req
recount        speech
refer          stance char at                     referred referring
refuse         none neg
reiterate      speech stance
reject         stance
remark         speech
remember       stance
remind         stance
repeat         speech
reply          speech aud topic
report         speech stmt pub
request        stance
respond        speech aud topic stmt
retort         speech
reveal         speech evid outlet stmt
rip            stance                             ripped ripping
rule           speech aud                         # "ruled that …"; not "ruled the country", "ruled out a rise"
say            speech evid outlet stmt            said
scoff          speech
scold          speech
scream         speech
seek           stance to                          sought
seem           none                               # raising verb
share          none pub                           # "share a reward", "shared by Axios" (a source)
shout          speech
show           stance evid infer                  shown
sigh           speech
signal         stance infer                       signaled signalled signaling signalling
sing           speech aud                         sang sung
slam           stance                             slammed slamming
snap           speech                             snapped snapping
speak          speech aud topic talk              spoke spoken
state          speech evid stmt
stress         speech
suggest        speech evid
support        stance
suspect        belief
talk           stance talk
tell           speech aud req stmt                told
term           char
testify        speech aud topic
think          belief                             thought
threaten       stance aud to                     # "threatened the deal"
tout           stance
turn           talk
tweet          speech stance pub
underscore     stance infer
understand     stance                             understood
urge           speech stance to req
view           stance
vow            speech stance to
want           stance to
warn           speech stmt req aud                # "warned investors that …", "warned both sides to …"
welcome        none                               # a reception, not a statement: "welcomed the result"
whisper        speech
wonder         speech
worry          belief
write          speech stmt                        wrote written
yell           speech
"""


def inflections(lemma: str, ing: bool = True) -> set[str]:
    """Regular forms of a verb: base, third person singular, past (and participle), and -ing."""
    if lemma.endswith("e"):
        past, ing_form = lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        past, ing_form = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, ing_form = lemma + "ed", lemma + "ing"
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    return {lemma, third, past, ing_form} if ing else {lemma, third, past}


@dataclass(frozen=True, eq=False)
class Cue:
    """One row of the table."""

    lemma: str
    classes: frozenset[str]
    frames: frozenset[str]
    irregular: tuple[str, ...] = ()

    def forms(self, ing: bool = True) -> set[str]:
        """Every written form of the lemma (-ing forms unless ``ing`` is off). An irregular past
        ("said") or a doubled consonant ("admitted") replaces the regular form it stands for."""
        regular = inflections(self.lemma, ing)
        lemma = self.lemma.removesuffix("e")
        for w in self.irregular:
            if not w.startswith(lemma):  # said, told, spoke: no "sayed"
                regular -= {w2 for w2 in regular if w2.endswith("ed")}
            elif w.startswith(self.lemma + self.lemma[-1]):  # admitted, admitting: no "admited"
                regular -= {w2 for w2 in regular if w2.endswith(w[len(self.lemma) + 1:])}
        return regular | {w for w in self.irregular if ing or not w.endswith("ing")}


@dataclass(frozen=True, eq=False)
class CueLexicon:
    """The parsed table, with the look-up sets the stages use (hashed by identity)."""

    cues: dict[str, Cue] = field(default_factory=dict)

    @classmethod
    def from_table(cls, table: str) -> "CueLexicon":
        cues: dict[str, Cue] = {}
        for line in table.splitlines():
            words = line.split("#", 1)[0].split()
            if not words:
                continue
            lemma, rest = words[0], words[1:]
            cues[lemma] = Cue(lemma, frozenset(w for w in rest if w in CLASSES),
                              frozenset(w for w in rest if w in FRAMES),
                              tuple(w for w in rest if w not in CLASSES and w not in FRAMES))
        return cls(cues)

    def lemmas(self, *tags: str) -> frozenset[str]:
        """Lemmas carrying any of ``tags`` (classes or frames)."""
        want = set(tags)
        return frozenset(c.lemma for c in self.cues.values() if want & (c.classes | c.frames))

    def forms(self, lemmas: Iterable[str], ing: bool = True) -> list[str]:
        """Written forms of ``lemmas``, longest first (for regex alternations)."""
        out: set[str] = set()
        for lem in lemmas:
            out |= self.cues[lem].forms(ing) if lem in self.cues else inflections(lem, ing)
        return sorted(out, key=lambda w: (-len(w), w))

    def pattern(self, lemmas: Iterable[str], ing: bool = True) -> str:
        """A regex alternation ``(?:…)`` of the written forms of ``lemmas``."""
        return "(?:" + "|".join(re.escape(w) for w in self.forms(lemmas, ing)) + ")"

    def __post_init__(self) -> None:
        sets = {
            "speech": self.lemmas("speech"), "belief": self.lemmas("belief"), "stance": self.lemmas("stance"),
            "characterize": self.lemmas("char"), "xcomp": self.lemmas("to"), "no_object": self.lemmas("aud"),
            "on_topic": self.lemmas("topic"), "talk": self.lemmas("talk"), "request": self.lemmas("req"),
            "evidence": self.lemmas("evid"), "to_outlet": self.lemmas("outlet"), "statement": self.lemmas("stmt"),
            "infer": self.lemmas("infer"), "question": self.lemmas("quest"), "published": self.lemmas("pub"),
            "negating": self.lemmas("neg"), "points_at": self.lemmas("at"),
        }
        for name, value in sets.items():
            object.__setattr__(self, name, value)

    # declared for type checkers; filled in __post_init__
    speech: frozenset[str] = field(init=False, default=frozenset())
    belief: frozenset[str] = field(init=False, default=frozenset())
    stance: frozenset[str] = field(init=False, default=frozenset())
    characterize: frozenset[str] = field(init=False, default=frozenset())
    xcomp: frozenset[str] = field(init=False, default=frozenset())
    no_object: frozenset[str] = field(init=False, default=frozenset())
    on_topic: frozenset[str] = field(init=False, default=frozenset())
    talk: frozenset[str] = field(init=False, default=frozenset())
    request: frozenset[str] = field(init=False, default=frozenset())
    evidence: frozenset[str] = field(init=False, default=frozenset())
    to_outlet: frozenset[str] = field(init=False, default=frozenset())
    statement: frozenset[str] = field(init=False, default=frozenset())
    infer: frozenset[str] = field(init=False, default=frozenset())
    question: frozenset[str] = field(init=False, default=frozenset())
    published: frozenset[str] = field(init=False, default=frozenset())
    negating: frozenset[str] = field(init=False, default=frozenset())
    points_at: frozenset[str] = field(init=False, default=frozenset())


#: The lexicon every stage uses unless given another one.
LEXICON = CueLexicon.from_table(CUE_TABLE)

#: Lemmas of verbs that introduce speech (direct or reported).
SPEECH_VERBS: frozenset[str] = LEXICON.speech
#: Lemmas that report beliefs/knowledge; used for reported speech only (PolNeAR counts them).
BELIEF_VERBS: frozenset[str] = LEXICON.belief
#: Verbs of stance whose object is reported content ("cited the report", "called for a ban").
STANCE_VERBS: frozenset[str] = LEXICON.stance
#: Verbs that characterise someone or something with quoted words ("called him a "nasty guy"").
CHARACTERIZE_VERBS: frozenset[str] = LEXICON.characterize
#: Verbs whose xcomp is reported content ("vowed to fight on").
XCOMP_VERBS: frozenset[str] = LEXICON.xcomp
#: Verbs whose subject the text names as a source ("X said", "X criticized").
SOURCE_VERBS: frozenset[str] = SPEECH_VERBS | STANCE_VERBS
#: Verbs whose complement reports someone's words or beliefs ("X said / believes that …").
REPORTING_VERBS: frozenset[str] = SPEECH_VERBS | BELIEF_VERBS


def names_source(tok: "Token") -> bool:
    """``tok`` is named as a source: the subject of a speech or stance verb, or the object of
    "according to". The resolver and the entities stage read discourse continuity from it."""
    if tok.dep_ == "pobj":
        return tok.head.lower_ == "to" and tok.head.head.lower_ == "according"
    return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SOURCE_VERBS

#: Adjectives of stance whose "about/of" object is reported content ("critical of Trump").
STANCE_ADJECTIVES: frozenset[str] = frozenset(
    """
    critical worried concerned skeptical sceptical supportive optimistic pessimistic wary confident
    passionate adamant vocal enthusiastic dismissive unhappy angry furious upset clear candid
    """.split()
)

#: Nouns that report content when a possessor owns them ("his claim that …", "her promise to …").
NOUN_CUES: frozenset[str] = frozenset(
    """
    claim statement promise pledge argument assertion suggestion warning belief view decision call
    demand plan proposal vow threat insistence accusation allegation assessment announcement
    comment remark contention conclusion prediction hope fear expectation intention position
    """.split()
)

#: Nouns of a stance taken in words, with the prepositions that introduce what it is about
#: ("his attacks on the plan", "Roe's criticism of the deal", "raised questions about X"): one line
#: per noun, the noun then its prepositions.
STANCE_NOUN_TABLE = """
attack        on against
criticism     of on over about against
question      about over
concern       about over
doubt         about over
complaint     about over against
support       for
endorsement   of
praise        for
call          for
demand        for
plea          for
appeal        for
skepticism    about of over
scepticism    about of over
"""
STANCE_NOUNS: dict[str, frozenset[str]] = {
    line.split()[0]: frozenset(line.split()[1:]) for line in STANCE_NOUN_TABLE.strip().splitlines()}

#: Verbs whose object is a stance noun that their subject takes ("expressed concern about X",
#: "launched attacks on Y"); not "drew criticism", "faced questions" (the subject is its target).
LIGHT_VERBS: frozenset[str] = frozenset([
    "express", "voice", "raise", "launch", "level", "lodge", "renew", "reiterate", "repeat", "make", "issue",
    "step", "escalate", "intensify", "sharpen", "unleash", "mount", "press", "continue", "air", "pose",
    "deliver", "register"])

#: A cue lemma and a particle right after it that make another verb, no cue ("knocked out of the
#: cup", "called off the strike").
PHRASAL_NOT_CUES: frozenset[tuple[str, str]] = frozenset({("knock", "out"), ("knock", "down"), ("call", "off")})

#: Prepositions whose object is the content of a stance verb ("talked about X", "called for X").
CONTENT_PREPS: frozenset[str] = frozenset("about on for against of to over".split())

#: Content about being named is the anonymity formula, not reported speech: "who did not want to
#: be named", "who asked not to be identified", "asked that her name not be used".
ANONYMITY_VERBS: frozenset[str] = frozenset("name identify quote use withhold".split())
ANONYMITY_NOUNS: frozenset[str] = frozenset("name names identity".split())

#: Documents that may report at the end of a sentence ("…, a study by X found."): evidential
#: verbs (``evid``) other than speech verbs need one of these as their subject there; such a
#: document's attribution also keeps a speech verb inside its content ("X argued …, the minutes showed").
TRAILING_DOCUMENTS: frozenset[str] = frozenset(
    "study report survey poll analysis review audit data figures research records filing minutes".split())

#: Heads of indefinite or anonymous speakers: kept as speaker_text, never resolved to an entity.
ANONYMOUS_DETERMINERS: frozenset[str] = frozenset("a an another one some several many two three any".split())
