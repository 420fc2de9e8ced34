"""Events stage: who did what to whom, CAMEO-coded, with negation and hedging.

Output: ``article.events``, a list of :class:`~newsgraph.model.Event` in text order.

For every verb of the parse whose lemma, verb + particle ("called on", "cracked down") or
verb + object head ("imposed sanctions", "held talks") is in :mod:`.event_lexicon`:

* ``source`` is the subject (for a passive verb, also the second of a passive pair, the "by"
  agent; for a "who" clause, the noun it belongs to), ``target`` the direct object (for a passive
  verb, its subject) or, for phrase entries and verbs without an object, the object of "with /
  against / on / to / into / at / from / over" ("met with X", "imposed sanctions on X"). A verb
  without a subject of its own takes the subject of the verb it is coordinated with or a
  complement of ("agreed to meet"). A participle describing a noun is an event only when it acts
  on people ("the man arrested on Monday": target "man", source unknown).
* Actors are resolved to the article's canonical entities as quote speakers are (names,
  surnames, "he"/"she", roles: ``source_id`` / ``target_id``); a bare "they"/"it" is not guessed,
  except as the reporter's own subject ("the rebels said they would …"). A phrase that is no
  entity, or whose entity only modifies it ("Radical French farmers", "a state Senate
  committee"), is kept as written without its article. An event needs a source or a target.
* Verbs with a non-event sense need the right object: "sign" an agreement (not a player),
  "release"/"free"/"visit"/"host" a person, group or place (not tax returns or a site), "block" a
  road or crossing (not a merger), "fight" an enemy (not a blaze); "discuss" needs a "with"
  partner; "allow" a known actor.
* Compound actors give one event per actor ("France and Germany condemned X"); a reciprocal
  event (agree, meet, negotiate, sign, cooperate, clash) between the two sides of a compound
  subject with no other target is coded in both directions, as CAMEO does.
* A coded verb inside the complement of another coded verb is part of that event, not a new
  one ("agreed to cooperate" is AGREE; "threatened to impose sanctions" is THREATEN).
  "refused / failed to" + a cooperative act is a rejection (120); "will", "vowed / is prepared
  to", and "would" in reported speech make an act an intention (03x) or a threat (13x); "X said
  Y must …" is X's demand (100) on Y.
* ``negated``: the verb is negated ("did not attack", "never met") or is the complement of
  "fail / decline / avoid / deny" ("failed to agree").
* ``hedged``: a modal (may, might, could, would), a hedging adverb (reportedly, allegedly,
  apparently, …) or a governing "appear / seem / expected / likely / plan / hope / try …"
  ("appear to stand firm", "is expected to meet").
* Verbs inside direct quotes are the speaker's words, not reported events, and are skipped;
  plain verbs of saying are the quotes stage's.

``verb`` is the verb as written with its particle or governing verb ("called on", "failed to
reach agreement"); ``start``/``end`` span the
source (when in the same sentence), the verb and the target in :attr:`Article.text`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Optional

from ..model import Article, Event
from .base import Work, register_stage
from .event_lexicon import (AID_NOUNS, DEMAND_MODALS, EVENT_NOUNS, GIVING_VERBS, HEDGE_HEADS, HEDGE_WORDS,
                            INTENT_HEADS, INTENT_MODALS, LIGHT_VERBS, NEEDS_PERSON_TARGET, NEEDS_SOURCE,
                            NEGATING_HEADS, OBJECT_TARGETS, OBJECTS, PARTICLES, PARTNER_WITH, PERSON_NOUNS,
                            RECIPROCAL, REPORTED_INTENT_MODALS, STRIKE_CODES, VERBS, intent_code)
from .quote_cues import SPEECH_VERBS
from .quotes import RESOLVER_KEY, MentionResolver

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["EventsStage", "extract_events", "code_verb"]

_TARGET_PREPS = ("with", "against", "on", "to", "into", "at", "from", "over")
_COMPLEMENT_DEPS = ("xcomp", "ccomp")
_DETERMINERS = ("the ", "a ", "an ", "both ", "The ", "A ", "An ", "Both ")
#: commitment verbs that, with a that-clause instead of an action, only state something
_STATEMENT_VERBS = frozenset(["promise", "pledge", "vow"])
_RELATIVES = frozenset(["who", "whom"])  # "which"/"that" clauses mostly describe things, not actors
#: pronouns whose resolution is trusted for actors: a "he"/"she" has one clear referent far more
#: often than a "they" or "it" (which the speaker resolver maps to the latest organisation)
_TRUSTED_PRONOUNS = frozenset(["he", "she", "him", "her"])


def code_verb(v: "Token") -> Optional[tuple[str, str, Optional["Token"]]]:
    """(CAMEO code, verb as written, the token that completed a phrase entry or None) for ``v``."""
    lem = v.lemma_.lower()
    if lem == "call" and any(c.dep_ in ("oprd", "xcomp", "ccomp", "acomp") for c in v.children):
        return None  # "called the strike premature": a characterisation, not a call for anything
    for c in v.children:
        if c.dep_ in ("prt", "prep", "dobj") and (lem, c.lower_) in PARTICLES:
            code = PARTICLES[(lem, c.lower_)]
            return (code, f"{v.text} {c.text}", c) if code else None
    for c in v.children:
        if c.dep_ in ("dobj", "nsubjpass", "oprd", "acomp") and (lem, c.lemma_.lower()) in OBJECTS:
            code = OBJECTS[(lem, c.lemma_.lower())]
            return (code, f"{v.text} {c.text}", c) if code else None
    if lem in LIGHT_VERBS:  # "engaged in talks", "staged a protest", "began a hunger strike"
        for noun in _objects(v, ("in", "into")):
            key = noun.lemma_.lower()
            if key in EVENT_NOUNS:
                return EVENT_NOUNS[key], f"{v.text} {noun.text}", noun
            if key == "strike" and (lem, "strike") not in OBJECTS:
                kind = "hunger" if any(g.lower_ == "hunger" for g in noun.lefts) else ""
                return STRIKE_CODES[kind], f"{v.text} {noun.text}", noun
    if lem in GIVING_VERBS:  # "gave Tanzania a grant", "provided 25,000 tons of food aid"
        for obj in _objects(v, ()):
            heads = [obj, *_objects(obj, ("of",))]
            if any(h.lemma_.lower() in AID_NOUNS for h in heads):
                return "070", f"{v.text} {obj.text}", obj
    if lem in _STATEMENT_VERBS and any(c.dep_ == "ccomp" for c in v.children) and not any(
            c.dep_ in ("xcomp", "dobj") for c in v.children):
        return None  # "promised that automation would create jobs": a claim, not a commitment to act
    code = VERBS.get(lem)
    return (code, v.text, None) if code else None


def _objects(head: "Token", preps: tuple[str, ...]) -> Iterator["Token"]:
    """The direct object of ``head`` and the objects of its prepositions ``preps``."""
    for c in head.children:
        if c.dep_ == "dobj":
            yield c
        elif c.dep_ == "prep" and c.lower_ in preps:
            yield from (g for g in c.children if g.dep_ == "pobj")


def _subject(v: "Token") -> Optional["Token"]:
    """The subject of ``v`` or of the verb it is coordinated with or a complement of; for a
    relative clause ("fishermen who blocked the port") the noun the clause belongs to."""
    cur = v
    for _ in range(4):
        subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < cur.i), None) \
            or next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lower_ in _RELATIVES and cur.dep_ == "relcl" and cur.head.i != cur.i:
            return cur.head
        if subj is not None:
            return subj
        if cur.dep_ in ("conj", "xcomp", "advcl") and cur.head.i != cur.i:
            cur = cur.head
        else:
            return None
    return None


def _passive(v: "Token") -> bool:
    """``v`` is passive, also as the second verb of a passive pair ("was welcomed by X but
    criticised by Y")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children):
        return True
    return v.dep_ == "conj" and v.tag_ == "VBN" and v.head.i != v.i and _passive(v.head) and not any(
        c.dep_ in ("nsubj", "aux") for c in v.children)


def _prep_object(head: "Token", skip: Optional["Token"] = None) -> Optional["Token"]:
    for prep in head.children:
        if prep.dep_ == "dative" and prep.pos_ in ("PROPN", "NOUN", "PRON"):
            return prep  # "gave Tanzania a grant"
        if prep.dep_ in ("prep", "dative") and prep.lower_ in _TARGET_PREPS and (skip is None or prep.i != skip.i):
            obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def _actors(v: "Token", phrase: Optional["Token"]) -> tuple[Optional["Token"], Optional["Token"]]:
    """(source head, target head) of the event on ``v``."""
    if _passive(v):
        agent = next((c for c in v.children if c.dep_ == "agent"), None)
        source = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
        target = _subject(v)
        if target is not None and phrase is not None and target.i == phrase.i:  # "sanctions were imposed on Iran"
            target = _prep_object(v) or _prep_object(phrase)
        return source, target
    source = _subject(v)
    lem = v.lemma_.lower()
    if lem == "charge" and phrase is not None and not any(c.dep_ == "dobj" for c in v.children):
        return None, source  # "the policeman charged with murder": he was charged
    if lem in PARTNER_WITH:  # "discussed the plan with Spain": the partner, never the topic
        return source, next((g for p in v.children if p.dep_ == "prep" and p.lower_ == "with"
                             for g in p.children if g.dep_ == "pobj"), None)
    if phrase is not None and phrase.dep_ in ("prt", "prep"):
        target = next((g for g in phrase.children if g.dep_ == "pobj"), None) or _prep_object(v, phrase)
        if target is None:
            target = next((c for c in v.children if c.dep_ == "dobj"), None)
    elif phrase is not None:  # "imposed sanctions on Iran", "held talks with Y", "gave Tanzania a grant"
        if lem in OBJECT_TARGETS:  # "blocked the road to the airport", "released the prisoners"
            target = phrase
        elif phrase.dep_ == "dobj" and any(c.dep_ == "dative" for c in v.children):
            target = _prep_object(v)
        else:
            target = _prep_object(phrase) or _prep_object(v)
    else:
        target = next((c for c in v.children if c.dep_ == "dobj"), None) or _prep_object(v)
    if target is None:  # "refused to meet with the inspectors", "threatened to attack the town"
        comp = next((c for c in v.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if comp is not None:
            inner = code_verb(comp)
            target = _actors(comp, inner[2] if inner else None)[1]
    code = VERBS.get(v.lemma_.lower(), "")
    if target is None and code[:2] in ("02", "10"):  # "demanded that Israel ease the restrictions"
        comp = next((c for c in v.children if c.dep_ == "ccomp"), None)
        target = next((c for c in comp.children if c.dep_ == "nsubj"), None) if comp is not None else None
    if target is not None and (target.pos_ == "PRON" and target.lower_ in ("it", "this", "that", "what")
                               or target.ent_type_ in ("DATE", "TIME")):
        target = None  # "met on Monday": a time, not a target
    return source, target


def _governor(v: "Token") -> Optional["Token"]:
    """The verb (or adjective) ``v`` is a complement of ("agreed [to meet]", "likely [to attack]",
    "sworn [to fight]", "staged protests [to demand]" with the infinitive parsed as an advcl)."""
    if v.head.i == v.i:
        return None
    if v.dep_ in _COMPLEMENT_DEPS or v.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
        return v.head
    return None


def _reported(v: "Token") -> bool:
    return v.dep_ == "ccomp" and v.head.lemma_.lower() in SPEECH_VERBS


def _negated(v: "Token") -> bool:
    if any(c.dep_ == "neg" for c in v.children):
        return True
    gov = _governor(v)
    return gov is not None and gov.lemma_.lower() in NEGATING_HEADS and v.dep_ == "xcomp"


def _hedged(v: "Token") -> bool:
    if any(c.dep_ in ("aux", "advmod") and c.lower_ in HEDGE_WORDS for c in v.children):
        return True
    cur = v
    for _ in range(3):
        gov = _governor(cur)
        if gov is None:
            return False
        if gov.lemma_.lower() in HEDGE_HEADS or any(
                c.dep_ in ("aux", "advmod") and c.lower_ in HEDGE_WORDS for c in gov.children):
            return True
        cur = gov
    return False


def _inside_coded(v: "Token") -> bool:
    """``v`` is (under) a complement of another coded verb: part of that verb's event."""
    cur = v
    for _ in range(3):
        gov = _governor(cur)
        if gov is None:
            return False
        if gov.pos_ == "VERB" and code_verb(gov) is not None:
            return True
        cur = gov
    return False


def _adjust(v: "Token", code: str, verb: str) -> tuple[str, bool, str]:
    """(code, negated, verb as shown) after the verb's context: "declined to meet" is a rejection,
    "will meet" and "vowed to fight" are intentions (03x / 13x), "did not meet" is negated."""
    gov = _governor(v)
    glem = gov.lemma_.lower() if gov is not None else ""
    if glem in NEGATING_HEADS and v.dep_ == "xcomp" and code[:2] in ("03", "04", "05", "06", "07", "08"):
        return "120", False, f"{gov.text} to {verb}"  # refusing or failing to cooperate is a rejection
    negated = _negated(v)
    modals = {c.lower_ for c in v.children if c.dep_ == "aux"}
    if glem in INTENT_HEADS:
        return intent_code(code), negated, f"{gov.text} to {verb}"
    if modals & INTENT_MODALS or modals & REPORTED_INTENT_MODALS and _reported(v):
        code = intent_code(code)
    return code, negated, verb


def _demand(v: "Token") -> Optional[tuple["Token", "Token"]]:
    """``X said Sudan must return the aircraft``: (X, Sudan) for a must/should clause reported by X."""
    if not any(c.dep_ == "aux" and c.lower_ in DEMAND_MODALS for c in v.children):
        return None
    if not _reported(v):
        return None
    src, tgt = _subject(v.head), next((c for c in v.children if c.dep_ == "nsubj"), None)
    return (src, tgt) if src is not None and tgt is not None else None


def _reporter(v: "Token") -> Optional["Token"]:
    """The subject of the speech verb that reports ``v``'s clause (through complements), if any."""
    cur = v
    for _ in range(4):
        if _reported(cur):
            return _subject(cur.head)
        gov = _governor(cur)
        if gov is None:
            return None
        cur = gov
    return None


def _with_conjuncts(tok: Optional["Token"]) -> list[Optional["Token"]]:
    """``tok`` and the nouns coordinated with it ("France and Germany")."""
    if tok is None:
        return [None]
    out = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON"):
                out.append(c)
                stack.append(c)
    return out


class _Actor:
    __slots__ = ("name", "id", "span")

    def __init__(self, name: Optional[str], id_: Optional[str], span: Optional[tuple[int, int]]) -> None:
        self.name, self.id, self.span = name, id_, span


def _actor(resolver: MentionResolver, tok: Optional["Token"]) -> Optional[_Actor]:
    if tok is None:
        return None
    if tok.pos_ == "PRON" and tok.lower_ not in _TRUSTED_PRONOUNS:
        return None  # "They were released later": no referent worth guessing
    name, eid, written, span = resolver.resolve(tok)
    ent = resolver.entity(eid)
    if tok.pos_ == "NOUN" and ent is not None and span is not None and (
            ent.type == "NORP" or _modifier_only([(m.start, m.end) for m in ent.mentions], tok, span)):
        name = eid = None  # "Radical French farmers", "a state Senate committee": keep the phrase
    if name is None and written:
        name = written
        for det in _DETERMINERS:
            if name.startswith(det):
                name = name[len(det):]
                break
    if not name or tok.pos_ == "PRON" and eid is None:
        return None  # an unresolved "he" says nothing about who acted
    return _Actor(name, eid, span)


def _modifier_only(mentions: list[tuple[int, int]], head: "Token", span: tuple[int, int]) -> bool:
    """The entity is named inside the phrase but is not its head ("a state [Senate] committee")."""
    inside = any(span[0] <= a and b <= span[1] for a, b in mentions)
    return inside and not any(a <= head.idx < b for a, b in mentions)


def _person_target(resolver: MentionResolver, targets: list[Optional[_Actor]], tok: Optional["Token"]) -> bool:
    """The target is a person, group, organisation or place entity, or a noun naming people."""
    if any(t is not None and getattr(resolver.entity(t.id), "type", None) in ("PERSON", "ORG", "GPE", "NORP")
           for t in targets):
        return True
    return tok is not None and tok.lemma_.lower() in PERSON_NOUNS


def _in_spans(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in spans)


def extract_events(article: Article, doc: "Doc", resolver: Optional[MentionResolver] = None) -> list[Event]:
    """Events of ``article`` (whose ``text`` is ``doc.text``); ``resolver``: the quotes stage's, if
    it ran (else one is built when the first event is found)."""
    quoted = [(q.start, q.end) for q in article.quotes if q.kind == "direct"]
    events: list[Event] = []
    for v in doc:
        if v.pos_ != "VERB" or _in_spans(v.idx, quoted):
            continue
        # a participle describing a noun ("the repair ordered at the time") is an event only when
        # it acts on people ("the man arrested on Monday", "the policeman charged with murder")
        reduced = v.dep_ in ("acl", "amod") and v.tag_ in ("VBN", "VBD") and not any(
            c.dep_ in ("agent", "nsubj") for c in v.children)
        demand = None if reduced else _demand(v)
        coded = ("100", f"{v.head.text} … {v.text}", None) if demand else code_verb(v)
        if coded is None or reduced and not coded[0].startswith(("173", "174", "18")) \
                or not demand and _inside_coded(v):
            continue
        code, verb_text, phrase = coded
        if resolver is None:
            resolver = MentionResolver(article, doc)
        src_tok, tgt_tok = (None, v.head) if reduced else demand or _actors(v, phrase)
        if src_tok is not None and src_tok.pos_ == "PRON" and src_tok.lower_ in ("they", "we", "it"):
            src_tok = _reporter(v) or src_tok  # "the rebels said they would release him"
        sources = [_actor(resolver, t) for t in _with_conjuncts(src_tok)]
        targets = [_actor(resolver, t) for t in _with_conjuncts(tgt_tok)]
        if demand and all(t is None or t.id is None for t in targets):
            continue  # "said the plan should be reviewed": advice about things, not a demand on someone
        if v.lemma_.lower() in NEEDS_SOURCE and all(x is None for x in sources):
            continue  # "a clause that would allow the quota to be cut"
        if v.lemma_.lower() in NEEDS_PERSON_TARGET and not _person_target(resolver, targets, tgt_tok):
            continue  # "released its tax returns", "visited the site"
        if v.lemma_.lower() in PARTNER_WITH and all(t is None for t in targets):
            continue  # "discussed his commitment": a topic, no partner
        code, negated, verb_text = (code, False, verb_text) if demand else _adjust(v, code, verb_text)
        hedged = _hedged(v)
        sent = v.sent
        pairs = list(_pairs(sources, targets, code))
        for src, tgt in pairs:
            if src is None and tgt is None or src is not None and tgt is not None and (
                    src.id is not None and src.id == tgt.id or src.name == tgt.name):
                continue
            lo, hi = v.idx, v.idx + len(v.text)
            for act in (src, tgt):
                if act is not None and act.span is not None and sent.start_char <= act.span[0] < sent.end_char:
                    lo, hi = min(lo, act.span[0]), max(hi, act.span[1])
            events.append(Event(source=src.name if src else None, source_id=src.id if src else None,
                                target=tgt.name if tgt else None, target_id=tgt.id if tgt else None,
                                verb=verb_text, cameo=code, negated=negated, hedged=hedged, start=lo, end=hi))
    events.sort(key=lambda e: (e.start, e.end))
    return events


def _pairs(sources: list[Optional[_Actor]], targets: list[Optional[_Actor]],
           code: str) -> Iterator[tuple[Optional[_Actor], Optional[_Actor]]]:
    """Source x target pairs; a reciprocal event between a compound subject's sides, both ways."""
    named = [s for s in sources if s is not None]
    if code in RECIPROCAL and len(named) >= 2 and all(t is None for t in targets):
        for a in named:
            for b in named:
                if a is not b:
                    yield a, b
        return
    for s in sources:
        for t in targets:
            yield s, t


@register_stage("events")
class EventsStage:
    """Fill ``article.events`` from the parse."""

    name = "events"
    needs_doc = True

    def __call__(self, work: Work) -> None:
        if work.doc is None:
            return
        work.article.events = extract_events(work.article, work.doc, work.scratch.get(RESOLVER_KEY))
