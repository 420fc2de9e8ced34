"""Reported speech: an ordered list of small named rules.

:func:`find_reported` walks the tokens once. Each token goes through :data:`TOKEN_RULES` in
order until one claims it (a stance adjective, "according to", a report noun, a cue verb). A cue
verb then goes through :data:`VERB_STEPS`, each step a small function over one :class:`Candidate`
that fills it in or ends it (returns False); a step may emit a quote. After the walk,
:data:`ARTICLE_RULES` add paragraph-level attributions and settle overlaps.

Which verbs are cues, and how their content attaches, is data: :mod:`..quote_cues`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Optional

from ..quote_cues import (ANONYMITY_NOUNS, ANONYMITY_VERBS, CONTENT_PREPS, LIGHT_VERBS, NOUN_CUES,
                          PHRASAL_NOT_CUES, STANCE_ADJECTIVES, STANCE_NOUNS, TRAILING_DOCUMENTS)
from .base import (_AUDIENCE, _CIRCUMSTANCE_PREPS, _COLON_SPEAKER, _LIST_PARTICIPLES,
                   _NOT_SPEAKERS, _NOT_TOPIC, _QUOTE_CHARS, _WHEN, _Attr)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .direct import DirectRules

Found = tuple[int, int, _Attr]

#: prepositions of "said in a statement that …", "pointed to reports that …" (not "after reports that …")
_STATEMENT_PREPS = frozenset(["in", "on", "to", "through", "via"])


class Pass:
    """One reported-speech pass over an article: the extractor, the direct quotes' ranges (marks
    included) and the attributions found so far."""

    def __init__(self, ext: "DirectRules", quoted: list[tuple[int, int]]) -> None:
        self.ext = ext
        self.doc = ext.doc
        self.text = ext.text
        self.lex = ext.lex
        self.quoted = quoted
        self.starts = [q[0] for q in quoted]
        self.out: list[Found] = []

    def in_quote(self, offset: int) -> bool:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and self.quoted[i][0] <= offset < self.quoted[i][1]

    def quoted_share(self, a: int, b: int) -> float:
        tot = 0
        i = max(0, bisect.bisect_right(self.starts, a) - 1)
        while i < len(self.quoted) and self.quoted[i][0] < b:
            tot += max(0, min(b, self.quoted[i][1]) - max(a, self.quoted[i][0]))
            i += 1
        return tot / max(1, b - a)

    def wholly_quoted(self, a: int, b: int) -> bool:
        """The span is one direct quote (starts and ends at its marks): left to the direct pass."""
        t = self.text[a:b].strip(" ,.;:\u00a0")
        if not t or t[0] not in _QUOTE_CHARS or t[-1] not in _QUOTE_CHARS:
            share = self.quoted_share(a, b)
            # '"Hopefully," the president said, "this museum …"': a split direct quote
            opens_quoted = self.in_quote(a) or a > 0 and self.text[a - 1] in _QUOTE_CHARS
            # mixed content ('it would tell a story, one of "suffering and delight …"') is reported
            # speech however much of it is quoted; only a span with no unquoted word is not
            return share >= 1.0 or share >= 0.5 and opens_quoted
        return True

    def span_of(self, lo: int, hi: int, v: "Token") -> Optional[tuple[int, int]]:
        """The cleaned character span of tokens [lo, hi) clipped to ``v``'s sentence."""
        s_lo, s_hi = self.ext.sent_bounds(v)
        return self.ext.clean_span(max(lo, s_lo), min(hi, s_hi))

    def emit(self, span: Optional[tuple[int, int]], attr: _Attr, min_words: int = 0) -> bool:
        """Record ``span`` as reported content unless it is empty, a direct quote or too short."""
        if not span or self.wholly_quoted(*span) or len(self.text[span[0]:span[1]].split()) < min_words:
            return False
        self.out.append((span[0], span[1], attr))
        return True


# -- token rules: the first that claims a token ends its turn ---------------------------------------
def stance_adjective(p: Pass, v: "Token") -> bool:
    """``Graham has been critical of Trump``, ``Democrats are worried about turnout``."""
    if not (v.pos_ == "ADJ" and v.lemma_.lower() in STANCE_ADJECTIVES and v.dep_ == "acomp"
            and not p.in_quote(v.idx)):
        return False
    subj = p.ext.subject_of(v.head)
    prep = next((c for c in v.children if c.dep_ == "prep" and c.lower_ in ("about", "of", "on", "over")), None)
    pobj = None if prep is None else next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if subj is not None and prep is not None and pobj is not None and subj.lower_ not in ("it", "this", "that") \
            and not (pobj.pos_ == "PRON" and pobj.left_edge.i == pobj.right_edge.i):
        p.emit(p.span_of(pobj.left_edge.i, pobj.right_edge.i + 1, v),
               _Attr(v, f"{v.text} {prep.text}", subj, how="stance_adjective"))
    return True


def stance_noun(p: Pass, v: Token) -> bool:
    """``his attacks on the tax plan``, ``Roe's criticism of the deal``, ``voiced concern about the
    new rules``: a stance noun (:data:`..quote_cues.STANCE_NOUNS`) and its preposition give the
    content; the speaker is the possessor, the "by/from" phrase, or the subject of a light verb
    whose object the noun is. Ends the token's turn only when it emits."""
    if not (v.pos_ == "NOUN" and v.lemma_.lower() in STANCE_NOUNS) or p.in_quote(v.idx):
        return False
    preps = STANCE_NOUNS[v.lemma_.lower()]
    prep = next((c for c in v.children if c.dep_ == "prep" and c.i > v.i and c.lower_ in preps), None)
    if prep is None:
        return False
    pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if pobj is None:
        return False
    who = next((c for c in v.children if c.dep_ == "poss"), None)
    if who is None:
        by = next((c for c in v.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        who = None if by is None else next((c for c in by.children if c.dep_ == "pobj"), None)
    if who is None and v.dep_ == "dobj" and v.head.lemma_.lower() in LIGHT_VERBS:
        who = p.ext.subject_of(v.head)
    if who is None or who.lower_ in ("its", "it") or not (
            who.pos_ in ("PRON", "PROPN") or who.ent_type_ in ("PERSON", "ORG", "NORP")
            or who.text in p.ext.person_words()):
        return False  # "the decision raises questions about …": no one takes a stance
    cue = p.doc[v.left_edge.i if v.dep_ != "dobj" else v.i:prep.i + 1]
    return p.emit(p.span_of(pobj.left_edge.i, pobj.right_edge.i + 1, v),
                  _Attr(v, cue.text, who, how="stance_noun"), min_words=2)


def not_a_cue(p: Pass, v: "Token") -> bool:
    """Words that are no cue of the lexicon end their turn here."""
    return v.lemma_.lower() not in p.ext.all_cues


def according_to(p: Pass, v: "Token") -> bool:
    """``According to X, …`` / ``…, according to X``: the longer side of the sentence (X is
    also a source for the sources stage; a document's issuer is the speaker's resolver's job)."""
    doc = p.doc
    if not (v.lemma_.lower() == "accord" and v.i + 1 < len(doc) and doc[v.i + 1].lower_ == "to"):
        return False
    if p.in_quote(v.idx):
        return True
    pobj = next((c for c in doc[v.i + 1].children if c.dep_ == "pobj"), None)
    if pobj is None:
        return True
    s_lo, s_hi = p.ext.sent_bounds(v)
    pa, pb = v.left_edge.i, max(v.right_edge.i, pobj.right_edge.i)
    before, after = (s_lo, pa), (pb + 1, s_hi)
    lo, hi = after if (after[1] - after[0]) >= (before[1] - before[0]) else before
    p.emit(p.ext.clean_span(lo, hi), _Attr(v, "according to", pobj, how="according_to"))
    return True


def report_noun(p: Pass, v: "Token") -> bool:
    """``Tulsa police's earlier claim that …``, ``his promise to …``, ``the claim by X that …``."""
    if not (v.pos_ == "NOUN" and v.lemma_.lower() in NOUN_CUES and not p.in_quote(v.idx)):
        return False
    ext = p.ext
    poss = next((c for c in v.children if c.dep_ == "poss"), None)
    comp = next((c for c in v.children if c.i > v.i and c.dep_ in ("acl", "ccomp", "xcomp", "relcl")
                 and any(g.dep_ in ("mark", "aux") for g in c.children)), None)
    if comp is None or poss is not None and poss.lower_ == "its":
        return True
    if poss is None:
        # "the claim that …", "a statement by the ministry that …": speaker from "by X" if any
        if not (ext.unowned_noun_cues and comp.dep_ in ("acl", "ccomp") and any(
                g.dep_ == "mark" and g.lower_ == "that" for g in comp.children)):
            return True
        if v.dep_ == "pobj" and v.head.dep_ == "prep" and ext.is_cue(v.head.head, belief=True):
            return True  # "said in a statement that …": the verb's own attribution
        by = next((c for c in v.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        poss = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
    p.emit(p.span_of(comp.left_edge.i, comp.right_edge.i + 1, v), _Attr(v, v.text, poss, how="report_noun"),
           min_words=2)
    return True


def cue_verb(p: Pass, v: "Token") -> bool:
    """A verb of the lexicon: run :data:`VERB_STEPS` over it."""
    c = Candidate(v, v.lemma_.lower())
    for step in VERB_STEPS:
        if not step(p, c):
            break
    return True


TokenRule = Callable[[Pass, "Token"], bool]
#: Applied to every token in order; the first rule returning True ends the token's turn.
TOKEN_RULES: list[TokenRule] = [stance_adjective, stance_noun, not_a_cue, according_to, report_noun, cue_verb]


# -- cue verbs: one candidate through the steps -----------------------------------------------------
@dataclass
class Candidate:
    """A cue verb being read: its content tokens, speaker and content range as steps fill them in."""

    v: "Token"
    lem: str
    stance: bool = False  # a stance or speech verb (its object or about-phrase may be the content)
    comps: list["Token"] = field(default_factory=list)  # heads of the content
    parenthetical: bool = False  # "These employees, Stumpf explained, were well paid."
    subj: Optional["Token"] = None
    lo: int = 0  # content token range [lo, hi)
    hi: int = 0
    s_lo: int = 0  # the sentence's token range
    s_hi: int = 0
    found_by: str = ""  # the step that found the content


Step = Callable[[Pass, Candidate], bool]


def is_cue_verb(p: Pass, c: Candidate) -> bool:
    """A speech or belief verb, or a stance verb, outside direct quotes."""
    v = c.v
    c.stance = (c.lem in p.lex.stance or c.lem in p.lex.speech) and v.pos_ == "VERB"
    if any(g.dep_ in ("prt", "prep") and g.i == v.i + 1 and (c.lem, g.lower_) in PHRASAL_NOT_CUES for g in v.children):
        return False  # another verb with its particle: "knocked out of the cup", "called off the strike"
    return (p.ext.is_cue(v, belief=True) or c.stance) and not p.in_quote(v.idx)


def writers_inference(p: Pass, c: Candidate) -> bool:
    """``Shares fell, indicating that …``, ``…, underscoring the risk``: a participle of an
    evidential verb (``infer`` in the lexicon) without a subject of its own is the writer's
    inference about the clause it hangs on, not reported speech."""
    v = c.v
    return not (c.lem in p.lex.infer and v.tag_ == "VBG" and v.dep_ in ("advcl", "xcomp", "acl", "conj", "dep")
                and not any(g.dep_ in ("nsubj", "nsubjpass") for g in v.children))


def question_put(p: Pass, c: Candidate) -> bool:
    """``Asked whether she would run, Roe said …``, ``When asked about the plan``, ``was asked
    if``: a question verb (``quest``) in the passive; its subject is who was asked, and the
    question is not their speech."""
    v = c.v
    if c.lem not in p.lex.question or any(g.dep_ == "nsubj" for g in v.children):
        return True
    passive = v.tag_ == "VBN" and not any(g.dep_ == "aux" and g.lemma_ == "have" for g in v.children)
    # "Asked whether …" opening a sentence (the tagger may read it as VBD); not "…, asking whether …"
    return not (passive or v.tag_ == "VBD" and v.dep_ in ("advcl", "acl"))


def act_not_done(p: Pass, c: Candidate) -> bool:
    """``declined to say how many jobs would go``, ``refused to discuss the contract``: a speech
    verb under a refusal (``neg`` in the lexicon) reports nothing."""
    v = c.v
    return not (v.dep_ == "xcomp" and v.head.lemma_.lower() in p.lex.negating)


def passive_by_agent(p: Pass, c: Candidate) -> bool:
    """``Trump is supported by far fewer publications``: the passive subject is what the "by"
    phrase endorses, criticises or reported (emits and ends the candidate). ``shared by Axios``,
    ``reported by the Gazette`` (``pub`` verbs) name a source, not a speaker: no quote."""
    v = c.v
    agent = next((g for g in v.children if g.dep_ == "agent"), None) if c.stance and v.tag_ == "VBN" else None
    if agent is None or any(g.dep_ in ("ccomp", "xcomp") for g in v.children):
        return agent is None or c.lem not in p.lex.published
    if c.lem in p.lex.published:
        return False
    by = next((g for g in agent.children if g.dep_ == "pobj"), None)
    what = next((g for g in v.children if g.dep_ == "nsubjpass"), None)
    if by is not None and what is not None and what.pos_ != "PRON" and not p.in_quote(what.idx):
        if p.emit(p.span_of(what.left_edge.i, what.right_edge.i + 1, v),
                  _Attr(v, f"{v.text} by", by, how="passive_by_agent")):
            return False
    return True


def found(c: Candidate, step: str) -> bool:
    """Note which step found the content (the quote's rule, for error analysis); go on."""
    if c.comps and not c.found_by:
        c.found_by = step
    return True


def clausal_complement(p: Pass, c: Candidate) -> bool:
    """``said [that the plan failed]``; ``vowed [to fight on]`` for verbs with the ``to`` frame; never
    a clause before the cue across a semicolon (``A say X; B say Y``: the parser makes the first
    clause a complement of the second "say")."""
    v, doc = c.v, p.doc
    c.comps = [g for g in v.children if (g.dep_ == "ccomp" or (g.dep_ == "xcomp" and c.lem in p.lex.xcomp))
               and not (g.i < v.i and any(doc[k].text == ";" for k in range(g.right_edge.i + 1, v.i)))]
    if c.comps and c.lem in p.lex.speech:  # "said A, but that B": a second that-clause parsed as a conjunct
        c.comps += [g for g in v.children if g.dep_ == "conj" and g.i > c.comps[-1].i and any(
            x.dep_ == "mark" and x.lower_ == "that" for x in g.children)]
    return found(c, "clausal_complement")


def not_said(p: Pass, c: Candidate) -> bool:
    """No quote when the content is the anonymity formula ("who did not want to be named",
    "asked that her name not be used"), nor for a cue inside a question the speaker left open
    ("has not said whether she will seek a third term": no "seek")."""
    for g in c.comps:
        if g.lemma_.lower() in ANONYMITY_VERBS and any(x.dep_ == "auxpass" for x in g.children):
            subj = next((x for x in g.children if x.dep_ == "nsubjpass"), None)
            if subj is None and g.dep_ == "xcomp" or subj is not None and (  # "to be named"; "that her name not be used"
                    subj.lemma_.lower() in ANONYMITY_NOUNS or subj.tag_ == "PRP" and subj.lower_ not in ("it", "they")):
                return False
    # the open question itself stays a quote (PolNeAR attributes "isn't saying if …"); a cue inside it does not
    return not any(_open_question(p, x) for x in [c.v, *c.v.ancestors] if x.dep_ == "ccomp")


def _open_question(p: Pass, clause: "Token") -> bool:
    """``clause`` is a whether/if clause under a negated speech verb ("has not said whether …")."""
    v = clause.head
    return v.lemma_.lower() in p.lex.speech and any(x.dep_ == "neg" for x in v.children) \
        and any(x.dep_ == "mark" and x.lower_ in ("whether", "if") for x in clause.children)


def nominal_content(p: Pass, c: Candidate) -> bool:
    """``cited [the report]``, ``talked about [the plan]``, ``asked the court for [a ruling]``;
    never the addressee (``told reporters``) nor the audience (``speaking to reporters``)."""
    if c.comps or not (c.stance and p.ext.broad):
        return True
    v, lem, lex = c.v, c.lem, p.lex
    c.comps = [g for g in v.children if g.i > v.i and (
        lem not in lex.no_object and (
            g.dep_ in ("dobj", "oprd") or g.dep_ == "xcomp" and g.tag_ != "VBG" and lem in lex.stance)
        or g.dep_ == "prep" and g.lower_ in CONTENT_PREPS
        and (lem not in lex.no_object or g.lower_ in ("about", "of")
             or g.lower_ == "against" and lem not in lex.talk  # "warned against X", not "spoke against a backdrop"
             or g.lower_ == "for" and lem in lex.request  # "asked the court for a ruling"
             or g.lower_ == "on" and _on_topic(p, v, g)) and not _addressee(p, g, lem) and any(
            x.dep_ in ("pobj", "pcomp") and x.ent_type_ not in _WHEN for x in g.children))]
    if not c.comps and lem in lex.characterize and any(
            g.dep_ == "dobj" and g.tag_ in ("WDT", "WP") and g.i < v.i for g in v.children):
        # "the farm, which he describes [as his second home]", "who he dubbed [the little senator]"
        c.comps = [g for g in v.children if g.i > v.i and (g.dep_ == "oprd" or g.dep_ == "prep" and g.lower_ == "as")]
    return found(c, "nominal_content")


def for_clause(p: Pass, c: Candidate) -> bool:
    """``called for [the president to resign]`` (parsed as an advcl marked by "for")."""
    if c.comps or not (c.stance and p.ext.broad):
        return True
    c.comps = [g for g in c.v.children if g.i > c.v.i and g.dep_ == "advcl" and any(
        x.dep_ == "mark" and x.lower_ == "for" and x.i == g.left_edge.i for x in g.children) and any(
        x.dep_ in ("nsubj", "nsubjpass") for x in g.children)]
    return found(c, "for_clause")


def request_object(p: Pass, c: Candidate) -> bool:
    """``urged [the party to drop X]``, ``asked [her to call him]``: a request names who is to act."""
    v = c.v
    if c.lem not in p.lex.request or not all(g.dep_ == "xcomp" for g in c.comps):
        return True
    xc = next((g for g in v.children if g.dep_ == "xcomp" and g.i > v.i and g.tag_ == "VB"
               and any(x.dep_ == "aux" and x.lower_ == "to" for x in g.children)), None)
    obj = None if xc is None else next((g for g in v.children if g.dep_ == "dobj" and v.i < g.i < xc.i), None)
    if xc is not None and obj is not None:
        c.comps = [obj, xc]
        c.found_by = "request_object"
    return True


def misparsed_that_clause(p: Pass, c: Candidate) -> bool:
    """``tweeted in the early hours that Machado was …`` (an advcl), ``said in a statement that
    …`` (a clause hung on "statement"; not ``recalled robots after reports that …``)."""
    v = c.v
    if c.comps or not (c.lem in p.lex.speech or c.lem in p.lex.belief):
        return True
    c.comps = [g for g in v.children if g.i > v.i and g.dep_ in ("advcl", "dep", "conj")
               and g.pos_ in ("VERB", "AUX") and any(x.lower_ == "that" and x.i < g.i for x in g.children)]
    for prep in (g for g in v.children if g.dep_ == "prep" and g.i > v.i):
        for pobj in (x for x in prep.children if x.dep_ == "pobj"):
            if prep.lower_ not in _STATEMENT_PREPS and pobj.lemma_.lower() in NOUN_CUES | _CONTENT_NOUNS:
                continue  # "said after reports that …": the clause is the reports' content
            c.comps += [g for g in pobj.children if g.dep_ in ("acl", "relcl", "ccomp") and _that_clause(g)]
    return found(c, "misparsed_that_clause")


#: nouns whose own content a "that"-clause may be ("after reports that …", "amid rumours that …")
_CONTENT_NOUNS = frozenset("report news rumor rumour sign evidence fact idea word speculation concern".split())


def _that_clause(g: "Token") -> bool:
    """A clause opened by "that" that is complete, hence no relative clause: "that" as its marker
    ("… after the hearing that it had acted"), taken for an object of a verb that has another one
    ("… in a new book that the president ordered staff to delete …"), or hung inside the clause's
    own complement while the clause has its subject."""
    that = g.doc[g.left_edge.i]
    if that.lower_ != "that" or that.i > g.i:
        return False
    if that.dep_ == "mark":
        return that.head.i == g.i
    if not any(x.dep_ == "nsubj" and x.i != that.i for x in g.children) or that.dep_ in ("nsubj", "nsubjpass"):
        return False
    if that.head.i != g.i:  # hung inside the clause's own complement ("that the president had "made …"")
        return True
    return that.dep_ == "dobj" and any(x.dep_ == "dobj" and x.i != that.i for x in g.children)


def parenthetical_clause(p: Pass, c: Candidate) -> bool:
    """``These employees, Stumpf explained, were well paid.``: the clause the cue interrupts."""
    v = c.v
    if not c.comps and v.dep_ == "parataxis" and c.lem in p.lex.speech and v.head.pos_ in ("VERB", "AUX"):
        c.comps, c.parenthetical = [v.head], True
    return True


def trailing_attribution(p: Pass, c: Candidate) -> bool:
    """``People like Scott, he said.``, ``…, records show.``: a sentence-final attribution whose
    content the parser left unattached (emits and ends the candidate)."""
    v = c.v
    if c.comps or not (c.lem in p.lex.speech or c.lem == "show" or c.lem in p.lex.evidence and any(
            g.dep_ == "nsubj" and g.lemma_.lower() in TRAILING_DOCUMENTS for g in v.children)) \
            or not (v.dep_ == "ROOT" or v.dep_ == "conj" and v.head.dep_ == "ROOT"  # "…, its president announced."
                    and not any(g.dep_ == "cc" and v.i - 4 < g.i < v.i for g in v.head.children)):
        return True  # "…, a study by X found."
    trailing = _trailing_attribution(p, v)
    if trailing is None:
        return True
    p.emit(p.ext.clean_span(*trailing), _Attr(v, p.ext.cue_text(v), p.ext.subject_of(v), how="trailing"), min_words=2)
    return False


def as_clause(p: Pass, c: Candidate) -> bool:
    """``As the Gazette reported, the mayor refused …`` / ``…, as Roe predicted.``: a speech verb
    in an "as" clause attributes the clause it modifies (emits and ends the candidate)."""
    v, doc = c.v, p.doc
    if c.comps or v.dep_ != "advcl" or c.lem not in p.lex.speech or any(
            g.dep_ in ("xcomp", "ccomp", "dobj", "advcl") for g in v.children):
        return True  # "as tests continued to find …" is no report: the reported clause is the gap
    mark = doc[v.left_edge.i]
    subj = p.ext.subject_of(v)
    commas = [k for k in (v.left_edge.i - 1, v.right_edge.i, v.right_edge.i + 1) if 0 <= k < len(doc)]
    if not (mark.dep_ == "mark" and mark.lower_ == "as" and mark.head.i == v.i) or subj is None \
            or not any(doc[k].text == "," for k in commas):
        return True
    s_lo, s_hi = p.ext.sent_bounds(v)
    head = v.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head  # "Such a levy, as Roe said, would …" hung on "levy": its clause
    if head.pos_ not in ("VERB", "AUX"):
        return True
    lo, hi = max(head.left_edge.i, s_lo), min(head.right_edge.i + 1, s_hi)
    if any(doc[k].text == ";" for k in range(lo, hi)):
        return True
    # the clause on both sides of the "as" clause, without it ("Such a plan, as Roe said, would fail")
    left = lo
    while left < v.left_edge.i and doc[left].pos_ in ("CCONJ", "ADV", "PUNCT", "SPACE"):
        left += 1  # "But as the Gazette reported, …": the conjunction is the writer's
    parts = [q for q in (p.ext.clean_span(left, v.left_edge.i), p.ext.clean_span(v.right_edge.i + 1, hi)) if q]
    if sum(len(p.text[a:b].split()) for a, b in parts) < 3:
        return False
    attr = _Attr(v, p.ext.cue_text(v), subj, how="as_clause")
    attr.frags = parts if len(parts) > 1 else None
    span = (parts[0][0], parts[-1][1])
    if not p.wholly_quoted(*span):
        p.out.append((span[0], span[1], attr))
    return False


def has_content(p: Pass, c: Candidate) -> bool:
    return bool(c.comps)


def speaker(p: Pass, c: Candidate) -> bool:
    """The subject of the cue (or of the verb whose subject a split-off second cue shares);
    passive speech verbs without a source keep speaker None ("it was announced that …"); "it"
    speaks only with a speech verb."""
    v, lem, ext, lex, doc = c.v, c.lem, p.ext, p.lex, p.doc
    subj = ext.subject_of(ext._shares_subject.get(v.i, v))
    if subj is None and lem in lex.speech and v.i > 0 and doc[v.i - 1].pos_ == "PROPN" \
            and doc[v.i - 1].dep_ in ("pobj", "compound", "dobj") and not p.in_quote(doc[v.i - 1].idx):
        subj = doc[v.i - 1]  # "… with the editorial board of the Post Trump said that …" (misparsed)
    if subj is not None and lem not in lex.speech and lem not in lex.belief and v.tag_ == "VBG" \
            and v.dep_ in ("xcomp", "advcl") and not ext.participle_subjects:
        return False  # "…, describing these efforts as …": a participle adds no new attribution
    if subj is None:
        # "it was reported that …", "he is expected to …": attributed, speaker unknown
        # (speech verbs only: "he is expected to …" is the writer's forecast)
        if not (ext.passive_without_source and lem in lex.speech and any(g.dep_ == "auxpass" for g in v.children)
                and any(g.dep_ in ("ccomp", "xcomp") for g in c.comps)):
            return False
    elif subj.lower_ == "it" and lem not in lex.speech:
        return False
    elif subj.lower_ == "you" and lem not in lex.speech:
        return False  # "if you want to understand …", "do you think …": the generic reader, no source
    c.subj = subj
    return True


def content_range(p: Pass, c: Candidate) -> bool:
    """The token range of the content: its heads' subtrees, within the sentence, without the cue's
    own preposition or "for", never an audience; a parenthetical cue takes its whole sentence."""
    v, doc = c.v, p.doc
    comps = c.comps
    if c.stance and all(g.dep_ in ("dobj", "oprd") for g in comps):
        # "described [crass behavior] [by Trump …]": the verb's later prepositions belong to it
        last = max(comps, key=lambda g: g.i)
        comps = comps + [g for g in v.children if g.i > last.i and g.dep_ == "prep"
                         and g.lower_ not in _CIRCUMSTANCE_PREPS]
    if len(comps) > 1 and all(g.i > v.i for g in comps):
        lo, hi = min(g.left_edge.i for g in comps), max(g.right_edge.i for g in comps) + 1
    else:
        comp = max(comps, key=lambda g: g.right_edge.i - g.left_edge.i)
        lo, hi = comp.left_edge.i, comp.right_edge.i + 1
    if any(g.dep_ == "xcomp" and g.tag_ == "VB" for g in comps) and v.tag_ != "VB":
        # "wants to triple X, grow Y and create Z": bare infinitives parsed as conjuncts of
        # the finite cue verb continue its "to" complement
        more = [g.right_edge.i + 1 for g in v.children if g.dep_ == "conj" and g.tag_ == "VB" and g.i >= hi
                and not any(x.dep_ in ("nsubj", "nsubjpass") for x in g.children)]
        hi = max([hi] + more)
    if doc[lo].pos_ == "ADP" and _addressee(p, doc[lo], c.lem):
        return False  # "speaking to reporters" (however it was parsed): an audience, not content
    if doc[lo].dep_ == "prep" and doc[lo].head.i == v.i and lo + 1 < hi:
        lo += 1  # "talked about [the plan]": the preposition belongs to the cue
    elif doc[lo].dep_ == "mark" and doc[lo].lower_ == "for" and lo + 1 < hi:
        lo += 1  # "called for [the president to resign]"
    c.s_lo, c.s_hi = s_lo, s_hi = p.ext.sent_bounds(v)
    lo, hi = max(lo, s_lo), min(hi, s_hi)
    if lo >= hi:
        return False
    subj = c.subj
    if _relative_report(p, c, lo, hi):
        lo = v.i + 1  # "a wall, which he said [Mexico should pay for]": the clause after the cue
    if subj is not None and _parenthetical(p, v, subj):
        lo, hi, c.parenthetical = s_lo, s_hi, True
    if c.parenthetical:
        if subj is None or not (lo < subj.i < v.i < hi):
            return False
    elif subj is not None and lo <= subj.i < hi or lo <= v.i < hi:
        return False  # the content may not contain its own cue or speaker
    c.lo, c.hi = lo, hi
    return True


def trim_content(p: Pass, c: Candidate) -> bool:
    """Content after its cue stops before ``; …``, a trailing ``, which …`` / ``, although …``, a new
    attribution (``, and when pressed, X said``), the writer's own tail (``…NATO, the existing
    alliance that …``, ``…, contradicting …``) and a second speech verb of the same speaker."""
    v, doc, ext = c.v, p.doc, p.ext
    lo, hi = c.lo, c.hi
    if not ((lo > v.i or c.parenthetical) and hi > v.i):
        return True
    for k in range(max(lo, v.i) + 3, hi - 1):
        t = doc[k]
        if t.text == ";" or t.text in (",", "—", "–") and doc[k + 1].lower_ in ext.clause_break:
            hi = k
            break
        if t.text == "," and doc[k + 1].lower_ in ("and", "but") and any(
                ext.is_cue(x) and any(g.dep_ in ("nsubj", "nsubjpass") for g in x.children) for x in doc[k + 2:hi]):
            hi = k  # ", and when pressed, the 34-year-old said …": a new attribution
            break
        if ext.trim_tails and t.text in (",", "—", "–", "--") and _tail(p, doc[k + 1], hi):
            hi = k  # "…NATO, the existing alliance that …" / "…, contradicting …"
            break
        second = _second_cue(p, t, v, hi) if ext.split_conj_cues else None
        if second is not None:
            hi = k - 1 if doc[k - 1].text == "," else k
            ext._shares_subject[second.i] = v
            break
    c.hi = hi
    return True


def to_sentence_end(p: Pass, c: Candidate) -> bool:
    """Off by default (``_Base.to_sentence_end``): run content on to the end of the sentence the
    way annotators do, unless a new clause about someone else or a new attribution starts."""
    v, doc, lex = c.v, p.doc, p.lex
    if not (c.lo > v.i and not c.parenthetical and p.ext.to_sentence_end and c.hi < c.s_hi):
        return True
    rest = [t for t in doc[c.hi:c.s_hi] if not t.is_punct]
    if rest and rest[0].lower_ not in p.ext.clause_break and rest[0].tag_ != "VBG" and not any(
            t.pos_ == "VERB" and (t.lemma_.lower() in lex.speech or t.lemma_.lower() in lex.stance)
            for t in rest) and not any(t.dep_ == "nsubj" and t.head.i >= c.hi for t in rest) \
            and not any(t.pos_ in ("VERB", "AUX") and t.dep_ == "conj" and t.head.i <= v.i for t in rest):
        c.hi = c.s_hi  # ... but not over a second predicate of the speaker ("promoted X and downplayed Y")
    return True


def emit_content(p: Pass, c: Candidate) -> bool:
    """Record the content: at least two words, not a direct quote; content around a parenthetical
    attribution is two fragments without it; a trailing attribution may take the cue-less quote
    that follows it (``The talks may wait, Roe said. "The other factor is …"``)."""
    v, doc, text, ext = c.v, p.doc, p.text, p.ext
    lo, hi, subj = c.lo, c.hi, c.subj
    span = ext.clean_span(lo, hi)
    if not span or p.wholly_quoted(*span) and not (doc[lo].lower_ == "that" and doc[lo].dep_ == "mark"):
        return False
    if len(text[span[0]:span[1]].split()) < 2:
        return False
    attr = _Attr(v, ext.cue_text(v), subj, how="parenthetical" if c.parenthetical else c.found_by or "verb")
    if c.parenthetical and subj is not None:
        # "Lenox was, Mr. Clarke said, a juggernaut": content on both sides, without the attribution
        k = next((x for x in range(v.i + 1, min(hi, v.i + 6)) if doc[x].text in (",", "—", "–")), v.i)
        parts = [q for q in (ext.clean_span(lo, subj.left_edge.i), ext.clean_span(k + 1, hi)) if q]
        if not parts or _quote_follows(p, k + 1, hi):
            return False
        if _intro(p, lo):
            parts = parts[1:]  # "As the phone rang, the announcer said, the fire spread"
            if not parts:
                return False
        span, attr.frags = (parts[0][0], parts[-1][1]), parts if len(parts) > 1 else None
    else:
        span = _outside_attribution(p, span, v, subj)
        if span is None:
            return False
        if span[1] <= v.idx and (subj is None or span[1] <= subj.idx):
            more = _quote_after(p, v)
            if more is not None:
                attr.frags, attr.how = [span, more], "then_quote"
                span = (span[0], more[1])
    p.out.append((span[0], span[1], attr))
    return True


#: The reading of one cue verb, in order; a step returning False ends it.
VERB_STEPS: list[Step] = [
    is_cue_verb, writers_inference, question_put, act_not_done, passive_by_agent, clausal_complement, not_said,
    misparsed_that_clause,  # before the nominal: "wrote on social media after the hearing that …"
    nominal_content,
    for_clause, request_object, parenthetical_clause, trailing_attribution, as_clause, has_content,
    speaker,
    content_range, trim_content, to_sentence_end, emit_content,
]


# -- article rules ----------------------------------------------------------------------------------
def colon_speakers(p: Pass) -> None:
    """``Sanders: Clinton needs to …`` / transcripts ``WALLACE: Let's start …`` at a paragraph start."""
    doc, text, ext = p.doc, p.text, p.ext
    for ps, pe in ext.paras:
        m = _COLON_SPEAKER.match(text, ps, pe)
        if not m:
            continue
        name_tok = doc[ext.tok_at(m.end(1) - 1)]
        if name_tok.pos_ != "PROPN" and not name_tok.text.isupper() and m.group(1) not in ext.person_words() \
                or m.group(1).split()[0].lower() in _NOT_SPEAKERS:
            continue
        a, b = m.start(2), pe
        while b > a and text[b - 1] in " .\u00a0":
            b -= 1
        if len(text[a:b].split()) >= 3 and not p.wholly_quoted(a, b) and not p.in_quote(name_tok.idx):
            colon = doc[ext.tok_at(m.end(1))]
            p.out.append((a, b, _Attr(colon, ":", name_tok, how="colon")))


def one_per_span(p: Pass) -> None:
    """One attribution per content span: the one with a speaker, else the first found."""
    best: dict[tuple[int, int], Found] = {}
    for item in p.out:
        key = (item[0], item[1])
        if key not in best or best[key][2].speaker is None and item[2].speaker is not None:
            best[key] = item
    p.out = sorted(best.values(), key=lambda x: x[0])


def no_nesting(p: Pass) -> None:
    """Attributions do not nest (PolNeAR convention): when a cue lies inside another attribution's
    content, keep the inner one if only it is a speech verb (or a document's evidential verb),
    else the outer."""
    lex, text, out = p.lex, p.text, p.out

    def speech(at: _Attr) -> bool:  # a document that "showed"/"found" reports like a speaker ("…, the minutes showed")
        return at.cue is not None and (at.cue_text == "according to" or at.cue.lemma_.lower() in lex.speech
                                       or at.cue.lemma_.lower() in lex.evidence and at.speaker is not None
                                       and (at.speaker.lemma_.lower() in TRAILING_DOCUMENTS
                                            or at.speaker.lower_ in TRAILING_DOCUMENTS))

    drop: set[int] = set()
    cut: dict[int, int] = {}
    for k, (a, b, at) in enumerate(out):
        c = at.cue.idx if at.cue is not None else a
        for k2, (a2, b2, at2) in enumerate(out):
            if k2 != k and a2 <= c < b2 and (a2, b2) != (a, b):
                # "Merrill says [Machado promised …] and said [she would …]": end the outer
                # content before the inner attribution when enough of it is left
                edge = min(c, at.speaker.idx) if at.speaker is not None and at.speaker.idx >= a2 else c
                if p.ext.cut_nested and speech(at) and speech(at2) and a > a2 \
                        and len(text[a2:edge].split()) >= 4:
                    cut[k2] = min(cut.get(k2, b2), edge)
                else:
                    drop.add(k2 if speech(at) and not speech(at2) else k)
    kept = []
    for k, (a, b, at) in enumerate(out):
        if k in drop:
            continue
        if k in cut:
            b = cut[k]
            while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:—–-"):
                b -= 1
            for tail in (" and", " but", ","):
                if text[a:b].endswith(tail):
                    b -= len(tail)
        kept.append((a, b, at))
    p.out = kept


#: Applied once after the token walk, in order.
ARTICLE_RULES: list[Callable[[Pass], None]] = [colon_speakers, one_per_span, no_nesting]


def find_reported(ext: "DirectRules", quoted: list[tuple[int, int]]) -> list[Found]:
    """Reported speech of the extractor's article as (start, end, attribution), in text order;
    ``quoted`` are the (open, close) ranges of the attributed direct quotes, sorted."""
    p = Pass(ext, quoted)
    # most tokens are no cue at all: decide that once per lemma (by its hash) before the rules
    words = ext.all_cues | STANCE_ADJECTIVES | STANCE_NOUNS.keys()
    known: dict[int, bool] = {}
    for v in p.doc:
        maybe = known.get(v.lemma)
        if maybe is None:
            maybe = known[v.lemma] = v.lemma_.lower() in words
        if not maybe:
            continue
        for rule in TOKEN_RULES:
            if rule(p, v):
                break
    for article_rule in ARTICLE_RULES:
        article_rule(p)
    return p.out


# -- helpers ------------------------------------------------------------------------------------------
def _second_cue(p: Pass, t: "Token", v: "Token", hi: int) -> Optional["Token"]:
    """The speech verb after the conjunction ``t`` when it is a second predicate of ``v``'s
    speaker that the parser coordinated inside the content: same tense as ``v``, no subject of
    its own (``said she regretted it and promised to stay out``; ``tweeted that X was "a con"
    and urged voters to …``)."""
    if t.dep_ != "cc" or t.lower_ not in ("and", "but"):
        return None
    doc = p.doc
    k = t.i + 1
    while k < hi and doc[k].pos_ == "ADV":
        k += 1  # "and also warned", "and then said"
    c = doc[k] if k < hi else None
    if c is None or c.dep_ != "conj" or c.pos_ != "VERB" or c.tag_ != v.tag_ or c.i == v.i:
        return None
    if c.lemma_.lower() not in p.lex.speech or any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
        return None
    return c


def _relative_report(p: Pass, c: Candidate, lo: int, hi: int) -> bool:
    """``the wall, which he said Mexico should pay for``, ``a rule that she believes will fail``: a
    cue in a relative clause whose complement's relative pronoun stands before the speaker (the
    parser makes the whole clause, cue and speaker included, the complement)."""
    v, subj = c.v, c.subj
    if v.dep_ != "relcl" or subj is None or not lo < subj.i < v.i < hi - 2:
        return False
    return any(g.dep_ == "ccomp" and any(x.tag_ in ("WDT", "WP") and x.i < subj.i and x.head.i == g.i
                                         for x in g.children) for g in c.comps)


def _tail(p: Pass, t: "Token", hi: int) -> bool:
    """``t`` starts an apposition or a participle clause that runs to the end of the content:
    commentary by the writer, not part of what was reported."""
    head = t
    while head.head.i != head.i and head.head.i >= t.i and head.head.i < hi:
        head = head.head
    if head.right_edge.i < hi - 2 or head.left_edge.i < t.i:
        return False
    kinds = p.ext.tail_kinds
    if "appos" in kinds and head.dep_ == "appos" and t.pos_ == "DET":
        return head.head.pos_ == "PROPN"  # "…NATO, the existing alliance …", not a list "X, the Y and Z"
    return "vbg" in kinds and head.tag_ == "VBG" and head.dep_ in ("advcl", "acl", "xcomp") \
        and head is t and t.lower_ not in _LIST_PARTICIPLES  # "…, including X" continues the content


def _quote_after(p: Pass, v: "Token") -> Optional[tuple[int, int]]:
    """``The administration may wait, Schiff said. "The other factor is …"``: a trailing
    attribution ends the sentence and a quote without a cue of its own opens the next one;
    annotators treat both as the content of that one attribution."""
    ext, quoted, starts = p.ext, p.quoted, p.starts
    _, s_hi = ext.sent_bounds(v)
    if s_hi - v.i > 8 or s_hi >= len(p.doc):
        return None
    end = p.doc[s_hi - 1]
    k = end.idx + len(end.text)
    pe = ext.paras[ext.para_of(v)][1]
    while k < pe and p.text[k].isspace():
        k += 1
    i = bisect.bisect_left(starts, k)
    if i >= len(quoted) or quoted[i][0] != k or k >= pe:
        return None
    o, c = quoted[i]
    if ext.right_cue(c, pe) is not None:
        return None
    return o, c


def _trailing_attribution(p: Pass, v: "Token") -> Optional[tuple[int, int]]:
    """``People like Scott, he said.``: a sentence-final attribution after a comma whose
    content the parser did not attach to the verb; the token range before the comma."""
    doc = p.doc
    subj = next((c for c in v.children if c.dep_ == "nsubj" and c.i < v.i), None)
    s_lo, s_hi = p.ext.sent_bounds(v)
    if subj is None or subj.left_edge.i - 1 <= s_lo + 1 or doc[subj.left_edge.i - 1].text != ",":
        return None
    if any(doc[x].pos_ in ("VERB", "AUX") for x in range(v.i + 1, s_hi)) or s_hi - v.i > 6:
        return None
    return s_lo, subj.left_edge.i - 1


def _quote_follows(p: Pass, right: int, hi: int) -> bool:
    """``As a phone rang, the announcer said, "…"``: a direct quote right after a parenthetical
    attribution goes to the direct pass."""
    doc = p.doc
    while right < hi and doc[right].is_space:
        right += 1
    return right < hi and doc[right].text in ('"', "“", "''", "``", "‘")


def _intro(p: Pass, lo: int) -> bool:
    """The sentence opens with an introductory phrase (``As a phone rang, …``), which is not
    part of the content after a parenthetical attribution."""
    first = p.doc[lo]
    return first.pos_ == "SCONJ" or first.tag_ in ("VBG", "VBN") or first.pos_ == "ADP"


def _on_topic(p: Pass, v: "Token", prep: "Token") -> bool:
    """``commented on the ruling``: an "on" phrase that is the topic of a speech act actually made
    (not ``declined to comment on``, ``spoke on condition of anonymity``, ``spoke on CNN``)."""
    if v.lemma_.lower() not in p.lex.on_topic or v.dep_ == "xcomp" or any(c.dep_ == "neg" for c in v.children):
        return False
    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    return pobj is not None and pobj.lemma_.lower() not in _NOT_TOPIC \
        and pobj.ent_type_ not in ("ORG", "DATE", "TIME")


def _addressee(p: Pass, prep: "Token", lem: str) -> bool:
    """``speaking/talking to reporters``: a "to" phrase after a verb of speaking names the
    audience, never the content."""
    if prep.lower_ != "to" or lem in p.lex.points_at:
        return False  # "pointed to the record": the "to" phrase is the content
    if lem in p.lex.speech or lem in p.lex.talk:
        return True
    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    return pobj is not None and (pobj.pos_ in ("PRON", "PROPN") or pobj.ent_type_ in ("PERSON", "ORG", "NORP")
                                 or pobj.lemma_.lower() in _AUDIENCE)


def _outside_attribution(p: Pass, span: tuple[int, int], v: "Token",
                         subj: Optional["Token"]) -> Optional[tuple[int, int]]:
    """Reported content never contains its own cue or speaker: keep the part after them
    (or before them) when that is at least two words, else nothing."""
    ext = p.ext
    a, b = span
    own = [(v.idx, v.idx + len(v.text))]
    if subj is not None:
        own.append(ext.np_span(subj))
    inside = [(x, y) for x, y in own if x < b and a < y]
    if not inside:
        return span
    after, before = max(y for _, y in inside), min(x for x, _ in inside)
    for x, y in ((after, b), (a, before)):
        lo, hi = ext.tok_from(x), ext.tok_from(y)
        part = ext.clean_span(lo, hi) if lo < hi else None
        if part and len(p.text[part[0]:part[1]].split()) >= 2:
            return part
    return None


def _parenthetical(p: Pass, v: "Token", subj: "Token") -> bool:
    """``Lenox was a juggernaut, Mr. Clarke said, until …``: attribution set off by commas."""
    doc = p.doc
    s_lo, s_hi = p.ext.sent_bounds(v)
    lo = subj.left_edge.i
    if lo <= s_lo + 1 or subj.i > v.i:
        return False
    if doc[lo - 1].text != ",":
        return False
    k = v.i + 1
    while k < s_hi and k <= v.i + 4 and doc[k].text != ",":
        if doc[k].pos_ in ("VERB", "AUX", "SCONJ") or doc[k].lower_ == "that":
            return False
        k += 1
    # "…, she said, referencing …" is a trailing attribution with a participle, not a parenthesis
    return k < s_hi - 2 and doc[k].text == "," and (doc[k + 1].tag_ != "VBG" or p.ext.participle_parenthesis)
