"""One resolver for every mention of an article: which entity (or none) a noun phrase names.

Built once per article from the spaCy ``Doc`` and ``article.entities``. Construction makes
one left-to-right pass over the tokens that resolves every third-person pronoun and every
definite organisation description ("the company", "the sensor maker", "the ministry") in
order, so later pronouns can build on earlier ones (a paragraph's "he ... he ... he").
:meth:`Resolver.resolve` answers for any noun-phrase head token:

* **names**: a token inside an entity mention is that entity; a proper name the entities
  stage did not attach is looked up by surname, first name or an organisation's short form;
* **pronouns**: candidates are the entities mentioned in this and the previous paragraphs
  (never inside direct quotes) that agree in gender, number and kind (person / organisation);
  each gets a linear score of salience features (:mod:`.weights`);
* **descriptions**: a definite noun phrase whose head is in the organisation-class table
  (:mod:`.lexicon`), or that the article used in apposition to a name ("Brannfeld Systems,
  the industrial sensor maker"), goes to the best-scoring compatible organisation;
* **spokespeople and offices**: "a spokesperson for X", "an X spokesman", "X's office",
  "her campaign" go to X; a bare "a spokesperson" to the organisation the passage is about;
* **documents**: "a study by X", "a poll by X", "the report in X", "X's report" go to X; a
  later "the study" to the same issuer; "the minutes"/"the statement" without one to the
  organisation the sentence or passage is about (:meth:`Resolver.issuer`);
* **unnamed people** ("a senior official", "a Ruritanian diplomat") stay unresolved unless
  an apposition names them ("One protester, Marta Kovac, said").

Every resolved pronoun and description is added to its entity's ``mentions`` with ``kind``
(:meth:`Resolver.add_mentions`). Cost: one pass over the tokens with a bounded candidate list
per pronoun/description (entities of the last few paragraphs).
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Optional

from ...model import Entity, Mention, MentionKind
from .lexicon import (AUTHOR_NOUNS, COLLECTIVE_SPEAKERS, STAFF_NOUNS, STUDY_NOUNS, UNNAMED_ISSUERS, DESCRIPTION_HEADS, DOCUMENT_NOUNS, INSTITUTION_HEADS, FEMALE_NAMES,
                      FEMALE_TITLES, INDEFINITE, ISSUER_PREPS, MALE_NAMES, MALE_TITLES, OFFICE_HOLDER_ROLES, OFFICE_NOUNS,
                      ORG_CLASSES, PERSON_NOUN_GENDER, PRONOUN_TYPES, PRONOUNS, REFLEXIVES, RELATION_GENDER, RELATION_NOUNS,
                      ROLE_ABBREVIATIONS, ROLE_SYNONYMS, SEATS_OF_GOVERNMENT, CAPITAL_NOUNS, SELF_ISSUED, SPOKES_NOUNS,
                      FORMER_WORDS, PARTY_WORDS, UTILITY_INSTITUTION_HEADS)
from ..base import doc_text
from ..entity_rules import CANONICAL_ALIASES, TITLE_WORDS, is_fac_suffix, is_org_suffix
from ..quote_cues import REPORTING_VERBS, SPEECH_VERBS, names_source
from .weights import DESCRIPTION_FLOOR, DESCRIPTION_WEIGHTS, PRONOUN_FLOOR, PRONOUN_WEIGHTS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

ORG_TYPES = frozenset({"ORG", "NORP", "GPE", "FAC"})
_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_OBJ = frozenset({"dobj", "attr", "oprd", "dative"})
_EMBED = frozenset({"poss", "pobj", "appos", "compound", "npadvmod", "nmod", "amod", "conj"})
_HONORIFICS = ("mr. ", "ms. ", "mrs. ", "dr. ", "mr ", "ms ", "mrs ", "dr ")
_RELATIVE = frozenset({"who", "that", "which", "whom"})
_PLACE_PREPS = frozenset({"in", "from", "into", "across", "throughout", "within", "inside", "near"})
_RETYPABLE = frozenset({"ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
_FIXED_NAMES = frozenset(name for name, _ in CANONICAL_ALIASES.values())
_PLACE_WORDS = frozenset("""new north south east west saint st san santa los las port fort mount lake river
island islands city county state republic kingdom united great upper lower""".split())
_ORG_NAME_WORDS = frozenset(w for _, names in ORG_CLASSES.values() for w in names)
_PLACE_NOUNS = frozenset("city country state region town nation province county island".split())
_OPEN_MARKS = frozenset('"“‘\'')
_COMMERCIAL_WORDS = frozenset(w for c in ("airline", "utility", "carmaker", "bank") for w in ORG_CLASSES[c][1])
_INSTITUTION_CLASSES = frozenset({"regulator", "labour", "police", "media", "panel"})  # classes an institution may have
_WINDOW_PARAS = 2  # pronouns look back into this many earlier paragraphs
_WINDOW_SENTS = 8
_ANONYMOUS = re.compile(r"anonym|not (?:to )?be (?:named|identified)|not authori[sz]ed", re.IGNORECASE)


@dataclass
class Resolution:
    """What a mention refers to: an entity (``id`` set), a name with no entity, or nothing."""

    name: Optional[str]
    id: Optional[str]
    kind: str  # name | pronoun | description | spokesperson | office | document | unnamed | none
    written: str = ""
    span: Optional[tuple[int, int]] = None


@dataclass
class _Ent:
    id: str
    name: str
    type: str
    words: frozenset[str]
    roles: list[str]
    gender: Optional[str] = None
    votes: dict[str, int] = field(default_factory=dict)
    head: str = ""  # head word of the name: "ministry" of "Ministry of Water Resources"
    described: set[str] = field(default_factory=set)  # head nouns the article used for it


@dataclass
class _M:
    """One mention in reading order (a name, or a pronoun/description already resolved)."""

    start: int
    end: int
    ent: int
    tok: int  # head token
    sent: int
    para: int
    role: str  # subj | obj | poss | other
    embedded: bool
    kind: str = "name"


def _role(tok: "Token") -> tuple[str, bool]:
    """Grammatical role of a mention head and whether it is embedded (not a clause argument)."""
    dep = tok.dep_
    if dep in _SUBJ:
        return "subj", False
    if dep in _OBJ:
        return "obj", False
    if dep == "poss":
        return "poss", True
    if dep in ("appos", "compound", "flat") and tok.head.i != tok.i:
        return _role(tok.head) if tok.head.dep_ != dep else ("other", True)  # "One resident, Dmitri Lasko,"
    return "other", dep in _EMBED


_HEAD_STOP = frozenset("of for at to in with on from".split())


def name_head(name: str) -> str:
    """Head word of a name: the last word before "of/for/…", lower case, without a possessive
    ("Ministry of Transport" -> "ministry", "Port Lannis Harbour Board" -> "board")."""
    words: list[str] = []
    for w in name.replace("’s", "").replace("'s", "").split():
        if w.lower() in _HEAD_STOP and words:
            break
        words.append(w)
    return words[-1].lower().strip(".,;:()\"'’") if words else ""


def misattached_appos(c: "Token") -> bool:
    """"A former aide to the property developer Nils Dorsey": the parser hangs the name on
    "aide" as an apposition; with no comma before it and a prepositional phrase of the head
    ending right before it, the name is that phrase's object's (the developer), not the aide."""
    t = c.head
    if c.dep_ != "appos" or c.i < t.i or c.left_edge.i == 0:
        return False
    before = c.doc[c.left_edge.i - 1]
    return not before.is_punct and any(p.dep_ == "prep" and t.i < p.i < c.left_edge.i and p.right_edge.i == before.i
                                       for p in t.children)


def _words(name: str) -> frozenset[str]:
    return frozenset(w.strip(".,'’").lower().replace("’s", "").replace("'s", "") for w in name.split())


class Resolver:
    """Resolve mentions of one parsed article to its entities; see the module docstring."""

    def __init__(self, doc: "Doc", entities: list[Entity], paragraph_starts: list[int],
                 excluded: Iterable[tuple[int, int]] = (), genders: Optional[dict[str, str]] = None) -> None:
        self.doc = doc
        self._known_genders = genders or {}
        self.text = doc_text(doc)
        self.para_starts = paragraph_starts or [0]
        self.excluded = sorted(excluded)
        self.tok_starts = [t.idx for t in doc]
        self.ents = [_Ent(e.id, e.name, e.type, _words(e.name), list(e.roles), head=name_head(e.name))
                     for e in entities]
        self._heads = {e.head for e in self.ents if e.type in ("ORG", "FAC")}
        self.by_id = {e.id: i for i, e in enumerate(self.ents)}
        self._entities = {e.id: e for e in entities}
        self.sent_of: list[int] = []
        self.sent_start: list[int] = []
        sid = -1
        for t in doc:
            if t.i == 0 or t.is_sent_start:
                sid += 1
                self.sent_start.append(t.i)
            self.sent_of.append(sid)
        self._narrative: Optional[list[int]] = None
        self.tok_ent: dict[int, int] = {}
        self._by_name_cache: dict[str, Optional[int]] = {}
        names: list[_M] = []
        for k, e in enumerate(entities):
            for m in e.mentions:
                if m.kind != "name":
                    continue
                a, b = self._tok(m.start), self._tok(max(m.start, m.end - 1))
                for j in range(a, b + 1):
                    self.tok_ent[j] = k
                head = self._head(a, b)
                role, emb = _role(doc[head])
                names.append(_M(m.start, m.end, k, head, self.sent_of[head], self._para(m.start), role, emb))
        for t in doc:  # surnames and short forms the entities stage did not attach
            if t.pos_ == "PROPN" and t.i not in self.tok_ent and t.text[:1].isupper() and t.dep_ != "compound":
                found = self.by_name(t.text)
                if found is not None:
                    self.tok_ent[t.i] = found
                    role, emb = _role(t)
                    names.append(_M(t.idx, t.idx + len(t.text), found, t.i, self.sent_of[t.i], self._para(t.idx),
                                    role, emb, "surname"))
        names.sort(key=lambda x: x.start)
        self.names = names
        self.first_of_type: dict[str, int] = {}
        for nm in names:
            if self.ents[nm.ent].type in ("PERSON", "ORG"):
                self.first_of_type.setdefault(self.ents[nm.ent].type, nm.ent)
        self.full_names: dict[int, str] = {}  # entity -> full name of a relative named by first name
        self.seat_of = self._seats()  # seat of government or capital -> its country (entity or name)
        self._relatives()
        self._places = self._used_as_places()
        self._above: dict[int, tuple[set[int], set[int], set[int]]] = {}  # pronoun -> _dominating
        self._speakers: dict[int, int | None] = {}  # pronoun in a quote -> _quote_speaker
        self._genders()
        self._appositions()
        self._described = frozenset(w for e in self.ents for w in e.described)
        self._role_head_cache: dict[int, set[str]] = {}
        #: every role head of the article's people: a description naming none is nobody's role
        self._person_role_heads = frozenset(h for k, e in enumerate(self.ents) if e.type == "PERSON"
                                            for h in self._heads_of(k))
        #: token index -> (entity index or None, kind) for pronouns and descriptions
        self.resolved: dict[int, tuple[Optional[int], str]] = {}
        self.history: list[_M] = []
        self._documents: dict[str, int] = {}  # document head lemma -> issuer entity
        self._unnamed_docs: set[str] = set()  # document head lemmas of an issuer the article does not name
        self._spokes_org: Optional[int] = None
        self._owned: dict[str, tuple[int, int]] = {}  # description head -> (its owner, paragraph)
        self._n_candidates = 0  # candidates of the last pronoun scored
        self._pass()

    # -- positions ------------------------------------------------------------------------
    def _tok(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.tok_starts, offset) - 1)

    def _para(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, offset) - 1)

    def _head(self, a: int, b: int) -> int:
        doc = self.doc
        for j in range(a, b + 1):
            h = doc[j].head.i
            if h < a or h > b or h == j:
                return j
        return b

    def _dist(self, a: int, b: int) -> int:
        """Sentences from sentence ``a`` to ``b``, not counting sentences inside direct quotes
        (a long quote does not push its speaker out of reach of the next "he said")."""
        if self._narrative is None:
            self._narrative = []
            n = 0
            for st in self.sent_start:
                n += not self._excluded(self.doc[st].idx + (1 if self.doc[st].text in _OPEN_MARKS else 0))
                self._narrative.append(n)
        return max(0, self._narrative[b] - self._narrative[a]) if b < len(self._narrative) else max(0, b - a)

    def _excluded(self, offset: int) -> bool:
        i = bisect.bisect_right(self.excluded, (offset, 1 << 40)) - 1
        return i >= 0 and self.excluded[i][0] <= offset < self.excluded[i][1]

    # -- entity profiles --------------------------------------------------------------------
    def _vote(self, k: int, g: str, n: int) -> None:
        v = self.ents[k].votes
        v[g] = v.get(g, 0) + n

    def _genders(self) -> None:
        """Gender of each person: titles and first names at its mentions, relation nouns in
        apposition ("his wife, Agnes Finch"), and he/she in sentences about that person alone."""
        doc, text = self.doc, self.text
        persons_in_sent: dict[int, set[int]] = {}
        first_pos: dict[int, int] = {}
        maybe_in_sent: dict[int, set[int]] = {}  # subjects the model typed otherwise ("MacKenzie" ORG)
        for m in self.names:
            ent = self.ents[m.ent]
            owned = doc[m.tok].head
            if m.role == "poss" and (owned.lemma_.lower() in RELATION_NOUNS or any(
                    c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in owned.children)):
                continue  # "Morrow's son, Callum, said he …", "X's rival, Senator Y, …": about the other one
            quoted = self._excluded(m.start)  # a name inside a direct quote is not who the sentence is about
            if ent.type != "PERSON":
                if m.role == "subj" and not m.embedded and self._name_shape(ent) and ent.id not in self._places \
                        and not quoted:
                    maybe_in_sent.setdefault(m.sent, set()).add(m.ent)
                    first_pos.setdefault(m.sent, m.start)
                continue
            a = self._tok(m.start)
            prev = doc[a - 1].lower_.rstrip(".") if a > 0 else ""
            first = text[m.start:m.end].split()[0].lower().rstrip(".") if m.end > m.start else ""
            for w in (prev, first):
                if w in MALE_TITLES:
                    self._vote(m.ent, "m", 5)
                elif w in FEMALE_TITLES:
                    self._vote(m.ent, "f", 5)
            if first in MALE_NAMES:
                self._vote(m.ent, "m", 2)
            elif first in FEMALE_NAMES:
                self._vote(m.ent, "f", 2)
            h = doc[m.tok]
            rel = h.head if h.dep_ == "appos" else None
            if rel is not None and rel.lower_ in RELATION_GENDER:
                self._vote(m.ent, RELATION_GENDER[rel.lower_], 6)
            for c in h.children:
                if c.dep_ == "appos" and c.lower_ in RELATION_GENDER:
                    self._vote(m.ent, RELATION_GENDER[c.lower_], 6)
            if not quoted:
                persons_in_sent.setdefault(m.sent, set()).add(m.ent)
                first_pos[m.sent] = min(first_pos.get(m.sent, 1 << 40), m.start)
        gendered: dict[int, dict[str, int]] = {}
        for t in doc:
            p = PRONOUNS.get(t.lower_)
            if p is None or p[0] is None or t.dep_ not in ("nsubj", "nsubjpass") or self._excluded(t.idx):
                continue  # subjects only: "Rockefeller named her poet laureate" says nothing of Rockefeller
            s = self.sent_of[t.i]
            if t.idx > first_pos.get(s, -1):
                d = gendered.setdefault(s, {})
                d[p[0]] = d.get(p[0], 0) + 1
        n_sents = len(self.sent_start)
        for s, maybe in maybe_in_sent.items():
            if s not in persons_in_sent and len(maybe) == 1:
                persons_in_sent[s] = maybe
        for s, people in persons_in_sent.items():
            if len(people) != 1:
                continue
            (k,) = people
            counts = dict(gendered.get(s, {}))
            if s + 1 < n_sents and s + 1 not in persons_in_sent \
                    and self._para(doc[self.sent_start[s + 1]].idx) == self._para(doc[self.sent_start[s]].idx):
                for g, n in gendered.get(s + 1, {}).items():
                    counts[g] = counts.get(g, 0) + n
            for g, n in counts.items():
                self._vote(k, g, 3 * n)
        for ent in self.ents:
            males, females = ent.votes.get("m", 0), ent.votes.get("f", 0)
            ent.gender = "m" if males > females else "f" if females > males else None
            ent.gender = self._known_genders.get(ent.id, ent.gender)

    def _country(self, name: str) -> int | str:
        """The article's entity for country ``name``, else the name itself."""
        low = name.lower()
        found = next((i for i, e in enumerate(self.ents) if e.type == "GPE" and e.name.lower() == low), None)
        return found if found is not None else name

    def _demonym_country(self, tok: Token) -> int | None:
        """The country entity a demonym or country word names ("Dravonian" -> Dravonia)."""
        k = self.tok_ent.get(tok.i)
        if k is not None and self.ents[k].type == "GPE":
            return k
        low = tok.lower_
        found = [i for i, e in enumerate(self.ents) if e.type == "GPE" and len(e.name) >= 4
                 and " " not in e.name and low != e.name.lower() and low.startswith(e.name.lower()[:-1])]
        return found[0] if len(found) == 1 else None

    def _seats(self) -> dict[int, int | str]:
        """Entities that speak for a country's government: a seat of government or capital of
        :data:`.lexicon.SEATS_OF_GOVERNMENT`, or a place the article calls a country's capital
        ("Tolsk, the Dravonian capital", "the Lutvian capital, Darska", "Darska, Lutvia's capital")."""
        out: dict[int, int | str] = {}
        for k, e in enumerate(self.ents):
            country = SEATS_OF_GOVERNMENT.get(e.name.lower().removeprefix("the "))
            if e.type in ("GPE", "ORG", "FAC", "LOC") and country is not None:
                c = self._country(country)
                if c != k:
                    out[k] = c
        for t in self.doc:
            if t.lemma_.lower() not in CAPITAL_NOUNS or t.pos_ != "NOUN":
                continue
            places = [c for c in t.children if c.dep_ == "appos"] + ([t.head] if t.dep_ == "appos" else [])
            places = [p for p in places if p.i in self.tok_ent]  # the model may type it a person ("Tarnow")
            marks = [c for c in t.children if c.dep_ in ("amod", "poss", "compound")]
            marks += [o for p in t.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
            countries = {c for c in (self._demonym_country(m) for m in marks) if c is not None}
            if len(places) == 1 and len(countries) == 1:
                seat, land = self.tok_ent[places[0].i], countries.pop()
                if seat != land:
                    out[seat] = land
        return out

    def _name_result(self, k: int, written: str, span: tuple[int, int]) -> Resolution:
        """A named entity as speaker or actor; a seat of government speaks for its country."""
        c = self.seat_of.get(k)
        if isinstance(c, str):
            return Resolution(c, None, "name", written, span)
        return self._result(c if c is not None else k, "name", written, span)

    def _relatives(self) -> None:
        """"Fjellstad's wife, Greta,": a one-word name in apposition to a relation noun whose
        possessor is a person is that person's relative, named with their surname (and a person
        whatever the model typed)."""
        for m in self.names:
            ent = self.ents[m.ent]
            if len(ent.name.split()) == 1 and ent.type in ("PERSON", *_RETYPABLE):
                full = self._relative_name(self.doc[m.tok], early=True)
                if full is not None:
                    self.full_names[m.ent] = full
                    ent.type = "PERSON"

    def _appositions(self) -> None:
        """Head nouns the article itself uses for an organisation: "Brannfeld Systems, the
        industrial sensor maker", "the developer, Quillan Homes", "the consultancy Gridline"."""
        doc = self.doc
        for m in self.names:
            ent = self.ents[m.ent]
            if ent.type == "PERSON":  # "his Republican challenger, Cyrus Oakley": a role of Oakley's
                h = doc[m.tok]
                nouns = [c for c in h.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
                if h.dep_ == "appos" and h.head.pos_ == "NOUN" and not misattached_appos(h):
                    nouns.append(h.head)
                ent.roles.extend(n.lemma_.lower() for n in nouns if n.lemma_.lower() not in SPOKES_NOUNS)
                continue
            if ent.type not in ORG_TYPES:
                continue
            h = doc[m.tok]
            nouns = [c for c in h.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
            if h.dep_ == "appos" and h.head.pos_ == "NOUN":
                nouns.append(h.head)
            a = self._tok(m.start)
            if a >= 1 and doc[a - 1].pos_ == "NOUN" and doc[a - 1].head.i == h.i:
                nouns.append(doc[a - 1])  # "the consultancy Gridline"
            for n in nouns:
                if n.ent_type_ or n.lemma_.lower() in SPOKES_NOUNS or n.lemma_.lower() in DOCUMENT_NOUNS:
                    continue
                ent.described.add(n.lemma_.lower())
                ent.described.add(n.lower_)

    # -- the pass ------------------------------------------------------------------------------
    def _pass(self) -> None:
        doc = self.doc
        ni = 0
        names = self.names
        for t in doc:
            while ni < len(names) and names[ni].start <= t.idx:
                if not self._excluded(names[ni].start):
                    self.history.append(names[ni])
                ni += 1
            low = t.lower_
            if low in PRONOUNS and t.tag_ in ("PRP", "PRP$") and not self._excluded(t.idx):
                k = self._pronoun(t)
                self._record(t, k, "pronoun", only=k is not None and self._n_candidates == 1 and self._just_before(k, t))
            elif t.pos_ == "NOUN" and t.i not in self.tok_ent and not self._excluded(t.idx):
                k, kind = self._noun(t)
                if kind != "none":
                    self._record(t, k, kind)


    def _just_before(self, k: int, t: "Token") -> bool:
        """Entity ``k`` is the subject of the pronoun's sentence or of the one before it."""
        m = next((m for m in reversed(self.history) if m.ent == k and m.start < t.idx), None)
        return m is not None and m.role == "subj" and not m.embedded and self._dist(m.sent, self.sent_of[t.i]) <= 1

    def _record(self, t: "Token", k: Optional[int], kind: str, only: bool = False) -> None:
        """Note the resolution of ``t``; a he/she whose only candidate was ``k``, the subject just
        before, gives ``k`` its gender when nothing else did ("Morrow, 63, said: …. She started
        as a deckhand")."""
        self.resolved[t.i] = (k, kind)
        if k is None:
            return
        g = PRONOUNS[t.lower_][0] if kind == "pronoun" else None
        if only and g is not None and self.ents[k].gender is None and self.ents[k].type == "PERSON":
            self.ents[k].gender = g
        role, emb = _role(t)
        if kind != "pronoun":
            a, b = self._np_bounds(t)
            start, end = self.doc[a].idx, self.doc[b - 1].idx + len(self.doc[b - 1].text)
        else:
            start, end = t.idx, t.idx + len(t.text)
        self.history.append(_M(start, end, k, t.i, self.sent_of[t.i], self._para(t.idx), role, emb,
                               "pronoun" if kind == "pronoun" else "description"))

    def _np_bounds(self, t: "Token") -> tuple[int, int]:
        a = t.i
        for c in t.lefts:
            if c.dep_ in ("det", "amod", "compound", "poss", "nmod", "nummod", "case") and c.i < a:
                a = c.left_edge.i
        return a, t.i + 1

    # -- pronouns -------------------------------------------------------------------------------
    def _candidates(self, t: "Token", types: frozenset[str], here_para: int, back_paras: int) -> dict[int, list[_M]]:
        """Mentions before ``t`` of entities of ``types``, grouped by entity, latest first."""
        out: dict[int, list[_M]] = {}
        sent = self.sent_of[t.i]
        for m in reversed(self.history):
            if m.start >= t.idx:
                continue
            if here_para - m.para > back_paras or self._dist(m.sent, sent) > _WINDOW_SENTS and m.para != here_para:
                break
            if self.ents[m.ent].type in types:
                out.setdefault(m.ent, []).append(m)
        return out

    def pronoun_features(self, t: "Token", k: int, ms: list[_M]) -> dict[str, float]:
        """Features of candidate entity ``k`` (its mentions ``ms``, latest first) for pronoun ``t``."""
        p = PRONOUNS[t.lower_]
        ent = self.ents[k]
        last = ms[0]
        sent, para = self.sent_of[t.i], self._para(t.idx)
        prole, _ = _role(t)
        f: dict[str, float] = {}
        lasts = [m for m in ms if m.sent == last.sent]  # its mentions in its latest sentence
        f["recency"] = 0.5 ** self._dist(last.sent, sent)
        f["subject"] = float(any(m.role == "subj" and not m.embedded for m in lasts))
        f["object"] = float(not f["subject"] and any(m.role == "obj" and not m.embedded for m in lasts))
        f["embedded"] = float(all(m.embedded for m in lasts))
        f["parallel"] = float(prole in ("subj", "obj", "poss") and any(m.role == prole for m in lasts))
        f["para_subject"] = float(any(m.role == "subj" and not m.embedded and m.para == para for m in ms))
        f["prev_paragraph"] = float(last.para < para)
        if p[0] is not None:
            f["gender_match"] = float(ent.gender == p[0])
            f["gender_unknown"] = float(ent.gender is None)
        f["mentions"] = math.log2(1 + len(ms))
        kind = "PERSON" if ent.type == "PERSON" else "ORG"
        f["topic"] = float(self.first_of_type.get(kind) == k)
        if t.lower_ not in REFLEXIVES and t.dep_ in ("dobj", "dative", "pobj", "attr", "oprd") and last.sent == sent:
            gov = t.head.head if t.dep_ == "pobj" else t.head
            subj = self._clause_subject(gov)
            f["same_clause_subject"] = float(subj is not None and any(
                m.role == "subj" and self._nominal(self.doc[m.tok]).i == subj for m in lasts))
        if t.dep_ == "poss" and last.sent == sent:
            subj = self._clause_subject(t.head)
            f["clause_subject"] = float(subj is not None and any(self._nominal(self.doc[m.tok]).i == subj
                                                                 for m in lasts if m.start < t.idx))
        f.update(self._context_features(t, k, ms, prole))
        if t.dep_ == "nsubj" and t.head.lemma_.lower() in SPEECH_VERBS:
            f["last_source"] = float(self._last_source(t) == k)
        return f

    def _last_source(self, t: "Token") -> Optional[int]:
        """The entity last named as a source before ``t``, in its paragraph or the one before
        (:func:`..quote_cues.names_source`). A `"…," he said` frame
        continues that source, as news copy does ("According to Ham, … '…,' he said."). A source
        of the paragraph before does not carry over a paragraph that names another person first
        ("The soloist, Tavi Orlan, seemed tired. … she said" is hers)."""
        para, best, best_para = self._para(t.idx), None, -1
        here: set[int] = set()
        for m in self.names:
            if m.start >= t.idx:
                break
            if m.para < para - 1:
                continue
            if m.para == para and self.ents[m.ent].type == "PERSON":
                here.add(m.ent)
            if names_source(self._nominal(self.doc[m.tok])):
                best, best_para = m.ent, m.para
        if best is not None and best_para < para and here - {best}:
            return None
        return best

    def _context_features(self, t: "Token", k: int, ms: list[_M], prole: str) -> dict[str, float]:
        """The finer features of :data:`.pronoun_weights.FEATURES` (fitted, not hand-set): token
        distance, the roles of candidate and pronoun together, dominance in the parse tree, the
        candidate's place in its sentence."""
        doc = self.doc
        last, sent = ms[0], self.sent_of[t.i]
        before = last.start < t.idx
        h = doc[last.tok]
        crole = "poss" if last.role == "poss" else "pobj" if h.dep_ == "pobj" else last.role if not last.embedded \
            else "other"
        f: dict[str, float] = {}
        f["same_sentence"] = float(self._dist(last.sent, sent) == 0)  # as recency: quotes do not count
        f["tokens_back"] = math.log2(1 + abs(t.i - last.tok)) / 4
        f["possessor"] = float(last.role == "poss")
        f["prep_object"] = float(h.dep_ == "pobj")
        f["apposition"] = float(h.dep_ == "appos" or any(c.dep_ == "appos" for c in h.children))
        for pr in ("subj", "obj", "poss"):
            for cr in ("subj", "obj", "poss", "pobj"):
                if prole == pr and crole == cr and last.sent == sent:
                    f[f"{cr}_to_{pr}"] = 1.0
        nom = self._nominal(h)
        f["sentence_root_subject"] = float(nom.dep_ in ("nsubj", "nsubjpass") and nom.head.dep_ == "ROOT")
        f["sentence_first"] = float(self._first_person_of(last.sent) == k)
        if last.sent == sent and before:
            subjects, objects, reporters = self._dominating(t)
            f["dominating_subject"] = float(nom.i in subjects)
            f["reporter"] = float(nom.i in reporters)
            f["dominating_object"] = float(nom.i in objects)
            f["tree_distance"] = math.log2(1 + self._tree_distance(h, t)) / 3
            up_c, up_p, lca = self._lca(nom, t)
            f["candidate_up"] = math.log2(1 + up_c) / 2
            f["pronoun_up"] = math.log2(1 + up_p) / 2
            f["lca_verb"] = float(lca.pos_ in ("VERB", "AUX"))
            f["co_argument"] = float(up_c == 1 and up_p == 1)
        f["candidate_clause_depth"] = min(self._clause_depth(nom), 3) / 3
        f["subclause_to_main"] = float(self._clause_depth(nom) == 0 and self._clause_depth(t) > 0
                                       and last.sent == sent and nom.dep_ in ("nsubj", "nsubjpass"))
        if PRONOUNS[t.lower_][0] is not None:  # he/she only: GAP, where they are fitted, has no other
            f["coordinated"] = float(h.dep_ == "conj" and h.head.pos_ == "PROPN" or any(
                c.dep_ == "conj" and c.pos_ == "PROPN" for c in h.children))
            f["quote_speaker"] = float(self._quote_speaker(t) == k)
            f["parenthesized"] = float(self._parenthesized(last.start))
            f["noun_rival"] = float(self._noun_rival(t))
        return f

    def _quote_speaker(self, t: Token) -> int | None:
        """The entity named as the subject of a speech or reporting verb in the sentence that
        opens the direct quote holding ``t``, or the one before ("X wrote: ``… she …''"; the
        speaker says "I", not "she"); None outside quotes."""
        if t.i in self._speakers:
            return self._speakers[t.i]
        self._speakers[t.i] = None
        i = bisect.bisect_right(self.excluded, (t.idx, 1 << 40)) - 1
        if i < 0 or not self.excluded[i][0] <= t.idx < self.excluded[i][1]:
            return None
        q = self._tok(self.excluded[i][0])
        lo = self.sent_start[max(0, self.sent_of[q] - 1)]
        for m in reversed(self.names):
            if m.tok < lo:
                break
            nom = self._nominal(self.doc[m.tok])
            if m.tok < q and nom.dep_ == "nsubj" and (nom.head.lemma_.lower() in SPEECH_VERBS
                                                      or nom.head.lemma_.lower() in REPORTING_VERBS):
                self._speakers[t.i] = m.ent
                break
        return self._speakers[t.i]

    def _noun_rival(self, t: Token) -> bool:
        """The subject of the pronoun's clause (or of the clause over a subject pronoun) is an
        unnamed person of a compatible gender that the resolver did not link to an entity
        ("Another teacher, who had killed her class")."""
        subj = self._clause_subject(t.head if t.dep_ == "poss" else t)
        if subj is None or subj in self.tok_ent or self.resolved.get(subj, (None, ""))[0] is not None:
            return False
        tok = self.doc[subj]
        g = PRONOUNS[t.lower_][0]
        lem = tok.lemma_.lower()
        return tok.pos_ == "NOUN" and lem in PERSON_NOUN_GENDER and PERSON_NOUN_GENDER[lem] in (None, g)

    def _parenthesized(self, start: int) -> bool:
        """An opening parenthesis before ``start`` in its sentence is still open ("Teresa (Taylor)")."""
        lo = self.doc[self.sent_start[self.sent_of[self._tok(start)]]].idx
        seg = self.text[lo:start]
        return seg.rfind("(") > seg.rfind(")")

    def _first_person_of(self, sent: int) -> Optional[int]:
        """The entity of the first person(-like) name mention of sentence ``sent``."""
        if not hasattr(self, "_sent_first"):
            self._sent_first: dict[int, int] = {}
            for m in self.names:
                e = self.ents[m.ent]
                if e.type == "PERSON" or self._person_like(e):
                    self._sent_first.setdefault(m.sent, m.ent)
        return self._sent_first.get(sent)

    def _dominating(self, t: "Token") -> tuple[set[int], set[int], set[int]]:
        """Token indices of the subjects and the objects of the verbs above ``t`` in its parse
        tree ("X said that he ...", "X told Y that he ..."; a relative "who" stands for its noun),
        and of the subjects of the reporting verbs (speech or belief, from the shared cue table)
        whose complement holds ``t`` ("X said (that) he would …"). One walk per pronoun."""
        if t.i in self._above:
            return self._above[t.i]
        subjects: set[int] = set()
        objects: set[int] = set()
        reporters: set[int] = set()
        v = t
        for _ in range(12):
            if v.head.i == v.i:
                break
            child, v = v, v.head
            if v.pos_ not in ("VERB", "AUX"):
                continue
            reporting = child.dep_ in ("ccomp", "conj") and v.lemma_.lower() in REPORTING_VERBS
            for c in v.children:
                if c.i == t.i or c.left_edge.i <= t.i <= c.right_edge.i:
                    continue
                if c.dep_ in ("nsubj", "nsubjpass"):
                    subjects.add(self._nominal(v.head).i if c.lower_ in _RELATIVE and v.dep_ == "relcl"
                                 else self._nominal(c).i)
                    if reporting and c.dep_ == "nsubj":
                        reporters.add(self._nominal(c).i)
                elif c.dep_ in ("dobj", "dative"):
                    objects.add(self._nominal(c).i)
        self._above[t.i] = (subjects, objects, reporters)
        return self._above[t.i]

    @staticmethod
    def _lca(a: "Token", b: "Token") -> tuple[int, int, "Token"]:
        """Edges up from ``a`` and from ``b`` to their lowest common ancestor, and that token."""
        up = {a.i: 0}
        x, d = a, 0
        while x.head.i != x.i and d < 40:
            x, d = x.head, d + 1
            up[x.i] = d
        y, e = b, 0
        while y.i not in up and y.head.i != y.i and e < 40:
            y, e = y.head, e + 1
        return up.get(y.i, d), e, y

    @staticmethod
    def _clause_depth(tok: "Token") -> int:
        """Clauses between ``tok`` and its sentence's root (relative, adverbial, complement)."""
        n, x = 0, tok
        for _ in range(40):
            if x.head.i == x.i:
                break
            n += x.dep_ in ("relcl", "advcl", "ccomp", "xcomp", "acl", "pcomp")
            x = x.head
        return n

    @classmethod
    def _tree_distance(cls, a: "Token", b: "Token") -> int:
        """Edges between two tokens of one sentence in the dependency tree."""
        up_a, up_b, _ = cls._lca(a, b)
        return up_a + up_b

    def _clause_subject(self, tok: "Token") -> Optional[int]:
        """Token index of the subject of the clause ``tok`` is in (``tok`` or the nearest verb above it,
        its subject shared along coordinated verbs: "X goes to Y and confronts her", and by a
        verb complement or a subjectless adverbial clause: "X wants to see her", "Leaving her
        house, X ..."; "persuaded Y to ..." gives Y; a relative
        "who" stands for the noun it modifies: "Y, who follows her mother"), or None."""
        v = tok
        for _ in range(8):
            if v.pos_ in ("VERB", "AUX") or v.head.i == v.i:
                break
            v = v.head
        for _ in range(6):
            subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i), None)
            if subj is not None:
                if subj.lower_ in _RELATIVE and v.dep_ == "relcl":
                    return self._nominal(v.head).i
                return self._nominal(subj).i
            if v.dep_ not in ("conj", "xcomp", "advcl") or v.head.i == v.i:
                return None
            if v.dep_ == "xcomp":  # "persuaded Faye to check in": the object controls, else the subject
                obj = next((c for c in v.head.children if c.dep_ == "dobj" and c.i < v.i), None)
                if obj is not None:
                    return self._nominal(obj).i
            v = v.head
        return None

    @staticmethod
    def _nominal(tok: "Token") -> "Token":
        """The noun phrase a name stands in: "his brothers, Fred and Gordon" -> "brothers"."""
        for _ in range(4):
            if tok.dep_ in ("appos", "compound", "conj", "flat") and tok.head.i != tok.i:
                tok = tok.head
            else:
                break
        return tok

    def _owns(self, m: _M, t: "Token") -> bool:
        """The pronoun is the possessor of the candidate's own noun phrase ("her aunt Mary
        Paine", "his brothers, Fred"): they cannot corefer."""
        nom = self._nominal(self.doc[m.tok])
        return any(c.i == t.i for c in nom.children if c.dep_ == "poss") or any(
            c.i == t.i for a in nom.children if a.dep_ == "appos" for c in a.children if c.dep_ == "poss")

    def _name_shape(self, ent: _Ent) -> bool:
        """One to four capitalised words, none an organisation, facility or place word."""
        if ent.type not in _RETYPABLE or ent.name in _FIXED_NAMES:
            return False
        words = ent.name.split()
        if not 1 <= len(words) <= 4 or not all(w[:1].isupper() and w[1:2].islower() for w in words):
            return False
        return not any(is_org_suffix(w) or is_fac_suffix(w) or w.lower() in _PLACE_WORDS
                       or w.lower() in _ORG_NAME_WORDS for w in words)

    def _used_as_places(self) -> set[str]:
        """Names the model did not type PERSON that the text uses as a place or an affiliation:
        after a locative preposition ("in Norland", "from Vestria") or as the "of" of a person
        ("Anna Berg of Norland"). They get no he/she votes and are never person-like ("Norland
        has demanded … She said" is about the minister, not the country)."""
        out: set[str] = set()
        for m in self.names:
            if self.ents[m.ent].type == "PERSON":
                continue
            h = self.doc[m.tok]
            prep = h.head if h.dep_ == "pobj" else None
            if prep is None:
                continue
            if prep.lower_ in _PLACE_PREPS or prep.lower_ == "of" and prep.head.ent_type_ == "PERSON":
                out.add(self.ents[m.ent].id)
        return out

    def _person_like(self, ent: _Ent) -> bool:
        """A name the model typed otherwise that may still be a person: two to four capitalised
        words, none an organisation, facility or place word ("Cheryl Cassidy" tagged ORG), or
        one word with he/she evidence ("MacKenzie studied ... His pottery")."""
        if not self._name_shape(ent) or ent.id in self._places:
            return False
        if len(ent.name.split()) == 1 or ent.type == "GPE":
            return bool(ent.votes)
        return True

    def pronoun_candidates(self, t: "Token") -> list[tuple[int, dict[str, float]]]:
        """(entity, features) of every candidate antecedent of pronoun ``t``: entities of the
        right kind mentioned before it in the window (and, for he/she, person-like names the
        model typed otherwise, and names later in the same sentence), gender-compatible."""
        p = PRONOUNS[t.lower_]
        person = p[2] == "person"
        types = PRONOUN_TYPES[p[2]] | (_RETYPABLE if person else frozenset({"GPE"}) if p[2] == "thing" else frozenset())
        cands = self._candidates(t, types, self._para(t.idx), _WINDOW_PARAS)
        for m in self._quoted_before(t):  # a pronoun inside a quote: names earlier in that quote too
            if self.ents[m.ent].type in types:
                cands[m.ent] = sorted(cands.get(m.ent, []) + [m], key=lambda x: -x.start)
        cands = {k: ms for k, ms in cands.items() if self.ents[k].type in PRONOUN_TYPES[p[2]]
                 or person and self._person_like(self.ents[k])
                 or self.ents[k].type == "GPE" and self._acting_country(ms, t)}
        cands = {k: ms for k, ms in cands.items() if not self._owns(ms[0], t)}
        after: dict[int, _M] = {}
        if person:
            sent = self.sent_of[t.i]
            for m in self.names:
                if m.start > t.idx and m.sent == sent and m.ent not in cands and m.ent not in after \
                        and (self.ents[m.ent].type == "PERSON" or self._person_like(self.ents[m.ent])) \
                        and not self._owns(m, t):
                    after[m.ent] = m
        if p[0] is not None:
            cands = {k: ms for k, ms in cands.items() if self.ents[k].gender in (None, p[0])}
            after = {k: m for k, m in after.items() if self.ents[k].gender in (None, p[0])}
        matching = sum(1 for k in list(cands) + list(after) if p[0] is not None and self.ents[k].gender == p[0])
        out = []
        for k, ms in cands.items():
            f = self.pronoun_features(t, k, ms)
            out.append((k, f))
        for k, m in after.items():
            f = self.pronoun_features(t, k, [m])
            f["recency"], f["cataphora"] = 1.0, 1.0
            f["main_subject_after"] = float(self._main_subject_after(t, m))
            out.append((k, f))
        if person:  # "After her arrival, Roxanne confided ...": a known entity named after the pronoun
            for k, f in out:
                if "cataphora" not in f and any(self._main_subject_after(t, m) for m in self.names
                                                if m.ent == k and m.start > t.idx and m.sent == self.sent_of[t.i]):
                    f["main_subject_after"] = 1.0
        if out:  # the candidate named nearest before the pronoun
            near = max((ms[0].start, k) for k, ms in cands.items())[1] if cands else None
            for k, f in out:
                f["nearest"] = float(k == near and "cataphora" not in f)
        for k, f in out:
            if matching == 1 and f.get("gender_match"):
                f["gender_unique"] = 1.0
            if self.ents[k].type not in PRONOUN_TYPES[p[2]]:
                f["untyped"] = 1.0
        return out

    def _acting_country(self, ms: list[_M], t: "Token") -> bool:
        """A place is an "it" only as a country acting: the subject of a clause in the pronoun's
        own sentence ("the United States has confirmed talks with X, … a change in its policy")."""
        return any(m.role == "subj" and not m.embedded and m.sent == self.sent_of[t.i] for m in ms)

    def _quoted_before(self, t: "Token") -> list[_M]:
        """Name mentions before ``t`` inside the direct quote that holds it (none outside quotes)."""
        i = bisect.bisect_right(self.excluded, (t.idx, 1 << 40)) - 1
        if i < 0 or not self.excluded[i][0] <= t.idx < self.excluded[i][1]:
            return []
        return [m for m in self.names if self.excluded[i][0] <= m.start < t.idx]

    def _main_subject_after(self, t: "Token", m: _M) -> bool:
        """"Living with her aunt, Kelsey studied": mention ``m`` after pronoun ``t`` is the
        main clause's subject after a fronted phrase holding the pronoun."""
        h = self._nominal(self.doc[m.tok])
        return h.dep_ in ("nsubj", "nsubjpass") and h.head.dep_ == "ROOT" and not t.is_ancestor(h) and h.head.i > t.i

    def _plural_subject_since(self, t: "Token", start: int) -> bool:
        """A plural common-noun subject ("Officials said they ...") between ``start`` and ``t``
        in this or the previous sentence: "they" is those people, not an organisation."""
        lo = self.sent_start[max(0, self.sent_of[t.i] - 1)]
        for j in range(t.i - 1, lo - 1, -1):
            c = self.doc[j]
            if c.idx < start:
                break
            if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ == "NNS" and j not in self.tok_ent:
                return True
        return False

    def _pronoun(self, t: "Token") -> Optional[int]:
        p = PRONOUNS[t.lower_]
        best, best_score = None, PRONOUN_FLOOR
        cands = self.pronoun_candidates(t)
        self._n_candidates = len(cands)
        for k, f in cands:
            score = sum(PRONOUN_WEIGHTS.get(n, 0.0) * v for n, v in f.items())
            if score > best_score:
                best, best_score = k, score
        if best is not None and p[2] == "group":
            # the entity may have no mention before the pronoun yet (a cataphoric candidate)
            last = next((m for m in reversed(self.history) if m.ent == best and m.start < t.idx), None)
            if last is not None and self._plural_subject_since(t, last.end):
                return None
        if best is None and p[2] == "group":  # "they" for a country's government
            for m in reversed(self.history):
                if m.start < t.idx and self.ents[m.ent].type == "GPE":
                    return m.ent if self._para(t.idx) - m.para <= 1 else None
        if best is None and t.lower_ in ("it", "its"):
            return self._office_subject(t)
        return best

    def _office_subject(self, t: Token) -> int | None:
        """"The Fairweather campaign removed two names. It said …": an "it" with no organisation
        to stand for is the office, campaign or team that was subject of its sentence or the one
        before, which speaks for its owner."""
        s = self.sent_of[t.i]
        for j in range(t.i - 1, self.sent_start[max(s - 1, 0)] - 1, -1):
            r = self.resolved.get(j)
            if r is not None and r[1] == "office" and r[0] is not None and self.doc[j].dep_ in ("nsubj", "nsubjpass"):
                return r[0]
        return None

    # -- common nouns -----------------------------------------------------------------------------
    def _noun(self, t: "Token") -> tuple[Optional[int], str]:
        """(entity, kind) for a common-noun head, or (None, "none") when it is no mention."""
        lem = t.lemma_.lower()
        if lem in SPOKES_NOUNS or t.lower_ in SPOKES_NOUNS:
            return self._spokesperson(t), "spokesperson"
        tail = self._name_tail(t)
        if tail is not None:
            return tail, "description"  # "the sheriff's office" of "Granger County Sheriff's Office"
        if lem in OFFICE_NOUNS:
            owner = self._owner(t)
            if owner is not None and self.ents[owner].type in ("GPE", "NORP"):
                role = OFFICE_HOLDER_ROLES.get(lem)  # "the Moldarean presidency": its president
                owner = self._role_holder(t, anywhere=True, role=role) if role else None
            if owner is None and self._definite(t) and not self._modifiers(t):
                owner = self._last_office(t)  # "The vice president's campaign … the campaign"
            if owner is not None:
                return owner, "office"
            if not (self._definite(t) and self._modifiers(t)):
                return None, "none"  # "the state's elections office" goes on as a description
        if lem in DOCUMENT_NOUNS or t.lower_ in DOCUMENT_NOUNS:
            return (None, "none")  # documents resolve on demand (issuer)
        if lem in DESCRIPTION_HEADS or lem in INSTITUTION_HEADS:
            owner = self._org_owner(t)
            if owner is not None:  # "the National League's disciplinary panel": the league's
                self._owned[lem] = (owner, self._para(t.idx))
                return owner, "description"
        if not self._definite(t):
            return None, "none"
        if lem in DESCRIPTION_HEADS or lem in self._heads and lem not in _PLACE_NOUNS \
                or lem in self._described or t.lower_ in self._described \
                or lem in INSTITUTION_HEADS and self._modifiers(t):
            k = self._description(t)
            if k is not None:
                return k, "description"
        if lem in self._owned and self._para(t.idx) - self._owned[lem][1] <= 1 and not self._modifiers(t):
            return self._owned[lem][0], "description"  # "… the league's disciplinary panel said …. The panel said"
        k = self._person_description(t)
        return (k, "description") if k is not None else (None, "none")

    def _person_description(self, t: Token) -> int | None:
        """"the governor", "The challenger", "The Dravonian leader": the person the article gave
        that role before (title, apposition, :data:`.lexicon.ROLE_SYNONYMS`), nearest first; else a
        "former" role as a main subject that adds news about the person just named."""
        lem = t.lemma_.lower()
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children) or lem in SPOKES_NOUNS \
                or lem in OFFICE_NOUNS or lem in DOCUMENT_NOUNS or t.tag_ == "NNS":
            return None
        k = self._role_holder(t) if ({lem} | ROLE_SYNONYMS.get(lem, frozenset())) & self._person_role_heads else None
        return k if k is not None else self._elaborating(t)

    def _elaborating(self, t: Token) -> int | None:
        """"Gordon Halvorsen … said …. The former governor of Kansas told a crowd …": a definite
        title with "former" (:data:`.lexicon.FORMER_WORDS`) as a clause subject, held by no person
        of the article, is the one person who was main subject of the sentence before."""
        lem = t.lemma_.lower()
        if t.dep_ not in ("nsubj", "nsubjpass") or lem not in TITLE_WORDS \
                or not any(c.dep_ == "amod" and c.lower_ in FORMER_WORDS for c in t.children) \
                or self._role_holder(t, anywhere=True) is not None:
            return None
        s = self.sent_of[t.i]
        people = {m.ent for m in self.history if m.sent == s - 1 and m.role == "subj" and not m.embedded
                  and self.ents[m.ent].type == "PERSON" and self._para(t.idx) - m.para <= 1}
        if len(people) != 1:
            return None
        k = people.pop()
        g = PERSON_NOUN_GENDER.get(lem)
        return None if g and self.ents[k].gender and g != self.ents[k].gender else k

    def _last_office(self, t: Token) -> int | None:
        """The owner of the last owned office noun of the same word ("the Achterberg campaign",
        "her campaign") in this or the two paragraphs before, for a bare "the campaign"."""
        lem, para = t.lemma_.lower(), self._para(t.idx)
        for j in range(t.i - 1, -1, -1):
            if self._para(self.doc[j].idx) < para - 2:
                break
            r = self.resolved.get(j)
            if r is not None and r[1] == "office" and r[0] is not None and self.doc[j].lemma_.lower() == lem:
                return r[0]
        return None

    def _org_owner(self, t: "Token") -> Optional[int]:
        """The organisation named as the possessor of an organisation description ("the National
        League's disciplinary panel said" speaks for the league); None for a person's or a place's."""
        for c in t.children:
            if c.dep_ == "poss":
                k = self._entity_of(c)
                return k if k is not None and self.ents[k].type == "ORG" else None
        return None

    def _definite(self, t: "Token") -> bool:
        """ "the/this/that <noun>", or a place's ("the city's utility"); not a person's
        ("her husband's business")."""
        for c in t.children:
            if c.dep_ == "det":
                return c.lower_ in ("the", "this", "that")
            if c.dep_ == "poss":
                k = self.tok_ent.get(c.i)
                return c.lower_ in _PLACE_NOUNS or k is not None and self.ents[k].type in ("GPE", "LOC", "NORP")
        return False

    def _modifiers(self, t: "Token") -> list[str]:
        """Lower-case compound/adjective modifiers before a common noun ("elections" of "the
        elections office")."""
        return [c.lower_ for c in t.children if c.dep_ in ("compound", "amod") and c.i < t.i and c.pos_ != "PROPN"]

    def _name_tail(self, t: "Token") -> Optional[int]:
        """The one non-person entity whose name ends with this definite phrase of two or more
        words ("the sheriff's office" -> "Granger County Sheriff's Office")."""
        a, b = self._np_bounds(t)
        if self.doc[a].lower_ not in ("the", "this", "that") or b - a < 3:
            return None
        words = [w for w in _words(self.text[self.doc[a + 1].idx:t.idx + len(t.text)]) if w]
        tail = " ".join(self.text[self.doc[a + 1].idx:t.idx + len(t.text)].lower()
                        .replace("’s", "").replace("'s", "").split())
        if len(words) < 2:
            return None
        found = {i for i, e in enumerate(self.ents) if e.type != "PERSON" and len(e.name.split()) > len(words)
                 and " ".join(e.name.lower().replace("’s", "").replace("'s", "").split()).endswith(" " + tail)}
        return found.pop() if len(found) == 1 else None

    def _owner(self, t: "Token") -> Optional[int]:
        """X of "X's office", "her campaign", "the X campaign", "a spokesperson for X"."""
        for c in t.children:
            if c.dep_ == "poss":
                k = self._entity_of(c)
                return k if k is not None or c.pos_ != "PROPN" else self._public_bearer(c)
        for c in t.children:
            if c.dep_ in ("compound", "amod", "nmod") and c.i < t.i and (c.pos_ == "PROPN" or c.i in self.tok_ent):
                k = self._entity_of(c)
                return k if k is not None or c.pos_ != "PROPN" else self._public_bearer(c)
        for c in t.children:  # "a Colquitt campaign spokesman": the campaign's owner
            if c.dep_ == "compound" and c.i < t.i and c.lemma_.lower() in OFFICE_NOUNS:
                k = self._owner(c)
                if k is not None:
                    return k
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("for", "of", "at", "from"):
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return self._entity_of(obj)
        return None

    def _public_bearer(self, tok: Token) -> int | None:
        """"Halvorsen's campaign" in an article about Gordon and Denise Halvorsen: of the people
        sharing the surname, the one public figure (a title or role that is no relation such as
        "her husband") owns the campaign, office or team; None when it is not one."""
        low = tok.text.replace("’s", "").replace("'s", "").lower()
        bearers = [i for i, e in enumerate(self.ents) if e.type == "PERSON" and e.name.lower().split()[-1] == low]
        public = [i for i in bearers if any(name_head(r) not in RELATION_NOUNS for r in self.ents[i].roles)]
        return public[0] if len(bearers) > 1 and len(public) == 1 else None

    def _entity_of(self, tok: "Token") -> Optional[int]:
        """Entity of a token already seen: a name, a resolved pronoun or description."""
        if tok.i in self.tok_ent:
            return self.tok_ent[tok.i]
        if tok.i in self.resolved:
            return self.resolved[tok.i][0]
        if tok.pos_ == "PROPN":
            return self._by_name(tok)
        if tok.lower_ in PRONOUNS:
            return self._pronoun(tok)
        if tok.pos_ == "NOUN" and self._definite(tok):
            if tok.lemma_.lower() in OFFICE_NOUNS and not self._modifiers(tok):
                k = self._last_office(tok)  # "a spokesman for the campaign"
                if k is not None:
                    return k
            k = self._description(tok)
            return k if k is not None else self._role_holder(tok)  # "the candidate's campaign"
        return None

    def _spokesperson(self, t: "Token") -> Optional[int]:
        """For whom a spokesperson speaks: the owner named with it ("for X", "an X spokesman",
        "X's"); a named person with that role ("spokeswoman Jane Roe", also named later, for
        "the spokesperson"); the organisation of the last owned spokesperson; else the
        organisation the passage is about."""
        named = [c.i for c in t.children if c.dep_ == "appos"] + ([t.head.i] if t.dep_ == "appos" else [])
        person = next((self.tok_ent[i] for i in named if i in self.tok_ent
                       and self.ents[self.tok_ent[i]].type == "PERSON"), None)
        owner = self._owner(t)
        if owner is not None:
            self._spokes_org = owner
        if person is not None:
            return person  # "Priya Anand, a spokeswoman for the authority": she speaks
        if owner is not None:
            return owner
        kind = next((c for c in t.children if c.dep_ in ("compound", "amod", "nmod") and c.i < t.i
                     and c.pos_ == "NOUN" and self._org_word(c)), None)
        if kind is not None:  # "a police spokesperson": the police the article names, else no one named
            self._spokes_org = self._description(kind)
            return self._spokes_org
        if any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in ("for", "of", "at") for c in t.children):
            return None  # "a spokesman for the regulator": an owner the article does not name
        if self._definite(t):
            holder = self._role_holder(t, anywhere=True)
            if holder is not None:
                return holder
        return self._spokes_org if self._spokes_org is not None else self._passage_org(t)

    def _org_word(self, t: "Token") -> bool:
        """A common noun that names a kind of organisation ("police", "hospital", "league")."""
        lem = t.lemma_.lower()
        return lem in DESCRIPTION_HEADS or lem in INSTITUTION_HEADS or lem in self._heads

    def _passage_org(self, t: "Token", later: bool = True) -> Optional[int]:
        """The organisation the passage around ``t`` is about: the best-scoring organisation
        mentioned in this or the previous paragraph, else the article's first organisation."""
        cands = self._candidates(t, frozenset({"ORG"}), self._para(t.idx), 1)
        best, best_score = None, -1e9
        for k, ms in cands.items():
            last = ms[0]
            score = (DESCRIPTION_WEIGHTS["recency"] * 0.5 ** self._dist(last.sent, self.sent_of[t.i])
                     + DESCRIPTION_WEIGHTS["mentions"] * math.log2(1 + len(ms))
                     + DESCRIPTION_WEIGHTS["subject"] * (last.role == "subj")
                     + DESCRIPTION_WEIGHTS["embedded"] * last.embedded
                     + DESCRIPTION_WEIGHTS["topic"] * (self.first_of_type.get("ORG") == k))
            if score > best_score:
                best, best_score = k, score
        if best is None and later:
            best = self.first_of_type.get("ORG")
        return best

    def _compat(self, t: "Token", ent: _Ent) -> float:
        """0..1: how well the description headed by ``t`` fits organisation ``ent``."""
        if ent.type not in ("ORG", "FAC"):
            return 0.0
        lem, low = t.lemma_.lower(), t.lower_
        if lem in ent.described or low in ent.described:
            return 1.0
        if lem == ent.head or low == ent.head:
            mods = [c.lower_ for c in t.children if c.dep_ in ("compound", "amod") and c.i < t.i]
            return 0.9 if all(m in ent.words for m in mods) else 0.75
        if ent.type != "ORG":
            return 0.0
        mods = self._modifiers(t)
        if lem in INSTITUTION_HEADS and ent.head in INSTITUTION_HEADS and mods \
                and all(m in ent.words or m.rstrip("s") in ent.words or m + "s" in ent.words for m in mods):
            return 0.8  # "the state's elections office" for the Division of Elections
        classes = DESCRIPTION_HEADS.get(lem, frozenset())
        for cls in classes:
            if ent.head in INSTITUTION_HEADS and cls not in _INSTITUTION_CLASSES \
                    and not (cls == "utility" and ent.head in UTILITY_INSTITUTION_HEADS):
                continue  # "the company" is not the Regional Water Authority (but "the utility" may be)
            if ent.words & ORG_CLASSES[cls][1]:
                return 0.7 if cls != "company" else 0.6
            if cls == "company" and ent.words & _COMMERCIAL_WORDS:
                return 0.6  # "the company" for Norvane Automotive (a carmaker by its name)
        if ent.head in INSTITUTION_HEADS:
            return 0.0
        if "company" in classes and not any(ent.words & ORG_CLASSES[c][1] for c in ORG_CLASSES if c != "company"):
            return 0.35  # a generic "the company" for an organisation of no other class
        return 0.0

    def _description(self, t: "Token") -> Optional[int]:
        best, best_score = None, DESCRIPTION_FLOOR
        seen: dict[int, list[_M]] = {}
        for m in reversed(self.history):
            if m.start < t.idx:
                seen.setdefault(m.ent, []).append(m)
        sent = self.sent_of[t.i]
        compat = {k: self._compat(t, self.ents[k]) for k in seen}
        strong = max(compat.values(), default=0.0) >= 0.75  # the head itself names or described one
        for k, ms in seen.items():
            c = compat[k]
            if c <= 0 or strong and c < 0.75:
                continue
            last = ms[0]
            w = DESCRIPTION_WEIGHTS
            score = (w["compat"] * c + w["recency"] * 0.5 ** self._dist(last.sent, sent)
                     + w["subject"] * (last.role == "subj" and not last.embedded)
                     + w["embedded"] * all(m.embedded for m in ms)
                     + w["mentions"] * math.log2(1 + len(ms))
                     + w["topic"] * (self.first_of_type.get("ORG") == k))
            if score > best_score:
                best, best_score = k, score
        if best is None:  # named only later ("The port authority announced ..." before the name)
            later = [m for m in self.names if m.start > t.idx and self._compat(t, self.ents[m.ent]) >= 0.75]
            if len({m.ent for m in later}) == 1:
                best = later[0].ent
        return best

    # -- names ----------------------------------------------------------------------------------
    def _by_name(self, tok: "Token") -> Optional[int]:
        a, b = self._np_bounds(tok)
        return self.by_name(self.text[self.doc[a].idx:tok.idx + len(tok.text)])

    def by_name(self, text: str) -> Optional[int]:
        """A person or organisation whose name, surname, first name or short form is ``text``."""
        if text not in self._by_name_cache:
            self._by_name_cache[text] = self._lookup_name(text)
        return self._by_name_cache[text]

    def _lookup_name(self, text: str) -> Optional[int]:
        low = text.lower().strip()
        gender = None
        for pre in _HONORIFICS:
            if low.startswith(pre):
                low = low[len(pre):]
                gender = "m" if pre.startswith("mr") and not pre.startswith("mrs") else "f" if pre[0] == "m" else None
        if low.startswith("the "):
            low = low[4:]
        low = low.replace("’s", "").replace("'s", "").strip()
        if not low:
            return None
        words = low.split()
        exact = [i for i, e in enumerate(self.ents) if e.name.lower() == low]
        if exact:
            return exact[0]
        persons = [i for i, e in enumerate(self.ents) if e.type == "PERSON"
                   and (e.name.lower().split()[-1] == words[-1] or len(words) == 1 and e.name.lower().split()[0] == low)]
        if len(persons) > 1 and gender is not None:  # "Mrs. Marchetti" of Denise and Tom Marchetti
            persons = [i for i in persons if self.ents[i].gender == gender]
        if len(persons) == 1:
            return persons[0]
        orgs = [i for i, e in enumerate(self.ents) if e.type in ORG_TYPES and len(e.name.split()) > len(words)
                and (e.name.lower().startswith(low + " ") or e.name.lower().endswith(" " + low))]
        if len(orgs) == 1:
            return orgs[0]
        return None

    # -- documents ---------------------------------------------------------------------------------
    def issuer(self, tok: "Token") -> Optional[int]:
        """The entity that issued the document headed by ``tok`` ("a study by X", "X's report",
        "a Reuters poll", "the minutes" of the organisation the sentence names)."""
        lem = tok.lemma_.lower()
        owner = self._owner(tok)
        if owner is None:
            for c in tok.children:
                if c.dep_ == "relcl":  # "data the university filed"
                    subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
                    if subj is not None and subj.lower_ not in _RELATIVE:
                        owner = self._entity_of(subj)
                elif c.dep_ == "acl":  # "data published by X", "a poll conducted by X"
                    for g in c.children:
                        if g.dep_ == "agent" or g.dep_ == "prep" and g.lower_ == "by":
                            obj = next((x for x in g.children if x.dep_ == "pobj"), None)
                            if obj is not None:
                                owner = self._entity_of(obj)
                elif c.dep_ == "prep" and c.lower_ in ISSUER_PREPS:
                    obj = next((x for x in c.children if x.dep_ == "pobj"), None)
                    if obj is None:
                        continue
                    k = self._entity_of(obj)
                    if k is None:  # "a poll of 20 economists by the Courier"
                        for g in obj.children:
                            if g.dep_ == "prep" and g.lower_ == "by":
                                o2 = next((x for x in g.children if x.dep_ == "pobj"), None)
                                k = self._entity_of(o2) if o2 is not None else None
                    if k is not None and (c.lower_ != "of" or self.ents[k].type != "PERSON"):
                        owner = k
                if owner is not None:
                    break
        explicit = any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in ("by", "from") for c in tok.children)
        if owner is None and any(c.dep_ in ("compound", "amod") and c.lower_ in UNNAMED_ISSUERS for c in tok.children):
            self._unnamed_docs.add(lem)  # "state records showed": an issuer the article does not name
            return None
        if owner is None and lem in self._unnamed_docs and self._definite(tok):
            return None  # "The records show": the same unnamed issuer's
        if owner is None and (self._definite(tok) or lem in SELF_ISSUED or tok.lower_ in SELF_ISSUED) \
                and not explicit:  # "the city's audit" is not the library's; "a filing" is the company's
            owner = self._documents.get(lem)
            if owner is None:
                owner = self._sentence_org(tok, later=self._definite(tok))
        if owner is not None:
            self._documents.setdefault(lem, owner)
        return owner

    def issuer_name(self, start: int, end: int) -> Optional[str]:
        """Canonical name of the issuer of the document phrase at characters [start, end)
        ("the minutes" -> "Bank of Marvonia"), for the sources stage; None when unknown."""
        for i in range(self._tok(start), min(len(self.doc), self._tok(max(start, end - 1)) + 1)):
            t = self.doc[i]
            if t.pos_ == "NOUN" and (t.lemma_.lower() in DOCUMENT_NOUNS or t.lower_ in DOCUMENT_NOUNS):
                k = self.issuer(t)
                return self.ents[k].name if k is not None else None
        return None

    def _sentence_org(self, tok: "Token", later: bool = True) -> Optional[int]:
        """The organisation the document's sentence names (outside quotes), else the passage's
        (else, if ``later``, the article's first organisation even when named after ``tok``)."""
        sent = self.sent_of[tok.i]
        orgs = [m for m in self.names if m.sent == sent and self.ents[m.ent].type == "ORG"]
        if orgs:
            return orgs[0].ent
        return self._passage_org(tok, later)

    # -- public ----------------------------------------------------------------------------------------
    def entity(self, entity_id: Optional[str]) -> Optional[Entity]:
        return self._entities.get(entity_id) if entity_id else None

    def _result(self, k: Optional[int], kind: str, written: str, span: tuple[int, int]) -> Resolution:
        if k is None:
            return Resolution(None, None, kind, written, span)
        e = self.ents[k]
        return Resolution(self.full_names.get(k, e.name), e.id, kind, written, span)

    def span_of(self, tok: "Token") -> tuple[int, int]:
        a, b = self._np_bounds(tok)
        doc = self.doc
        return doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)

    def resolve(self, tok: "Token", span: Optional[tuple[int, int]] = None) -> Resolution:
        """Resolve the noun-phrase head ``tok``; ``span`` is the phrase as the caller sees it."""
        span = span or self.span_of(tok)
        written = self.text[span[0]:span[1]]
        target = tok
        if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
            target = tok.head.head  # "Smith, who said …"
        relative = self._relative_name(target)
        if relative is not None:
            return Resolution(relative, None, "name", written, span)
        if target.pos_ == "NOUN":
            apposed = self._apposed(target)
            if isinstance(apposed, str):
                return Resolution(apposed, None, "name", written, span)
            if apposed is not None:
                target = apposed  # "One protester, Marta Kovac, said"; "Its parent, Kestrel Foods Group, said"
        if target.i in self.tok_ent:
            return self._name_result(self.tok_ent[target.i], written, span)
        if target.i in self.resolved:
            k, kind = self.resolved[target.i]
            return self._result(k, kind, written, span)
        if target.lower_ in PRONOUNS:
            return self._result(self._pronoun(target), "pronoun", written, span)
        # an entity inside the noun phrase, outside a possessor ("Scott's niece" is not Scott)
        a, b = self._np_bounds(target)
        poss_end = max([c.right_edge.i + 1 for c in target.children if c.dep_ == "poss"] + [a])
        if target.pos_ != "NOUN":
            for j in range(poss_end, b):
                if j in self.tok_ent:
                    return self._result(self.tok_ent[j], "name", written, span)
        if target.pos_ == "PROPN":
            if target.ent_type_ == "NORP" and target.dep_ in ("amod", "compound"):
                return Resolution(None, None, "unnamed", written, span)
            k = self._by_name(target)
            if k is not None:
                return self._name_result(k, written, span)
            if any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in target.children):
                return Resolution(None, None, "unnamed", written, span)
            name = self.text[self.doc[poss_end].idx:target.idx + len(target.text)]
            for pre in ("Mr. ", "Ms. ", "Mrs. ", "Dr. "):
                if name.startswith(pre):
                    name = name[len(pre):]
            return Resolution(name, None, "name", written, span)
        if target.pos_ == "NOUN":
            lem = target.lemma_.lower()
            if lem in DOCUMENT_NOUNS or target.lower_ in DOCUMENT_NOUNS:
                return self._result(self.issuer(target), "document", written, span)
            dets = [c.lower_ for c in target.children if c.dep_ in ("det", "nummod")]
            if dets == ["the"] and target.tag_ == "NNS" and lem in AUTHOR_NOUNS:
                k = self._study_issuer(target)
                if k is not None:  # "the researchers wrote": the issuer of the study just cited
                    return self._result(k, "description", written, span)
            if not dets and target.tag_ == "NNS":
                k = self._affiliation(target)
                if k is not None:  # "Analysts at Brindle Research wrote": they write for it
                    return self._result(k, "description", written, span)
            if not dets and target.tag_ == "NNS" and lem in COLLECTIVE_SPEAKERS:
                k = self._collective(lem)
                if k is not None:  # "Prosecutors said" in an article naming one prosecutor's office
                    return self._result(k, "description", written, span)
            if any(d in INDEFINITE for d in dets) or (not dets and target.tag_ == "NNS"
                                                      and not any(c.dep_ == "poss" for c in target.children)):
                k = self._named_next(target) if dets in (["a"], ["an"]) and target.tag_ == "NN" else None
                if k is not None:  # "A former aide to X says …. Colin Ashdown … writes"
                    return self._result(k, "description", written, span)
                return Resolution(None, None, "unnamed", written, span)
            k = self._role_holder(target)
            if k is None and any(c.dep_ in ("det", "poss") for c in target.children):
                k = self._role_holder_after(target)
            if k is None and dets == ["the"] and target.tag_ == "NN":
                k = self._named_next(target)
            if k is not None:
                return self._result(k, "description", written, span)
        return Resolution(None, None, "none", written, span)

    def _role_holder_after(self, t: "Token") -> int | None:
        """"…, its president announced. … President Ada Roe wrote": the one person holding the
        role who is named in the rest of ``t``'s paragraph or the next, when none was before."""
        para = self._para(t.idx)
        found = {m.ent for m in self.names if m.start > t.idx and self._para(m.start) <= para + 1
                 and self.ents[m.ent].type == "PERSON"
                 and t.lemma_.lower() in self._heads_of(m.ent)}
        return found.pop() if len(found) == 1 else None

    def _affiliation(self, t: "Token") -> int | None:
        """The organisation bare plural staff speak for: "Analysts at X", "researchers from the
        institute" (:data:`.lexicon.STAFF_NOUNS`); workers, residents or protesters at a place do
        not speak for it."""
        if t.lemma_.lower() not in STAFF_NOUNS:
            return None
        for p in t.children:
            if p.dep_ == "prep" and p.lower_ in ("at", "from", "with"):
                obj = next((o for o in p.children if o.dep_ == "pobj"), None)
                k = self._entity_of(obj) if obj is not None else None
                if k is not None and self.ents[k].type == "ORG":
                    return k
        return None

    def _study_issuer(self, t: "Token") -> int | None:
        """The issuer of the nearest study, report or paper named with its issuer before ``t``,
        in its paragraph or the two before ("a study by X … the researchers wrote")."""
        para = self._para(t.idx)
        for j in range(t.i - 1, -1, -1):
            c = self.doc[j]
            if self._para(c.idx) < para - 2:
                break
            if c.pos_ == "NOUN" and c.lemma_.lower() in STUDY_NOUNS and not self._excluded(c.idx):
                k = self.issuer(c)
                if k is not None:
                    return k
        return None

    def _collective(self, lem: str) -> Optional[int]:
        """The one organisation whose name has a word of ``COLLECTIVE_SPEAKERS[lem]``, if exactly one."""
        words = COLLECTIVE_SPEAKERS[lem]
        found = {i for i, e in enumerate(self.ents) if e.type != "PERSON" and e.words & words}
        return found.pop() if len(found) == 1 else None

    def _apposed(self, t: "Token") -> "Token | str | None":
        """Who a common-noun speaker is named as in apposition: a person or organisation entity
        ("One protester, Marta Kovac,", "Its parent, Kestrel Foods Group,"), a person named after
        the noun's own prepositional phrase ("An analyst at Fenwright Securities, Mateo Ibarra,"),
        a relative with a first name only ("Morrow's son, Callum," -> "Callum Morrow"), or a
        capitalised name the entities stage did not find ("A consumer group, Fair Cover Now,")."""
        doc = self.doc
        apps = [c for c in t.children if c.dep_ == "appos" and c.i > t.i and not misattached_appos(c)]
        for c in apps:
            relative = self._relative_name(c)
            if relative is not None:
                return relative
            if c.i in self.tok_ent and self.ents[self.tok_ent[c.i]].type in ("PERSON", "ORG"):
                return c
            named = self._named(c)
            if named is not None:
                return named
        last = t.right_edge.i
        for c in t.subtree:  # "The union that represents the workers, Bakery Workers Local 88, said": it closes the phrase
            if c.dep_ == "appos" and c.i > t.i and c.right_edge.i == last and c.i in self.tok_ent \
                    and c.head.i != t.i and self.ents[self.tok_ent[c.i]].type in ("PERSON", "ORG") \
                    and any(x.dep_ == "relcl" for x in t.children):
                return c
        for p in t.children:  # "an analyst at X, Mateo Ibarra": a person in apposition to X is the analyst
            # (not "an assistant to the banker Konrad Weil", a name with no comma that is the banker's)
            if p.dep_ == "prep" and p.i > t.i:
                for o in p.children:
                    for c in o.children:
                        if c.dep_ == "appos" and c.i in self.tok_ent and self.ents[self.tok_ent[c.i]].type == "PERSON" \
                                and doc[c.left_edge.i - 1].is_punct \
                                and (o.i not in self.tok_ent or self.ents[self.tok_ent[o.i]].type != "PERSON"):
                            return c
        for c in apps:
            a, b = c.left_edge.i, c.right_edge.i
            while b + 1 < len(doc) and doc[b + 1].text[:1].isupper() and not doc[b + 1].is_punct:
                b += 1  # "Fair Cover Now": "Now" parsed outside the name
            toks = [x for x in doc[a:b + 1] if not x.is_punct]
            if c.pos_ == "PROPN" and toks and all(x.text[:1].isupper() or x.lower_ in ("of", "and", "for", "the")
                                                  for x in toks) and toks[0].text[:1].isupper():
                return self.text[toks[0].idx:toks[-1].idx + len(toks[-1].text)]
        return None

    def _named(self, t: "Token") -> "Token | None":
        """The person of "a retired bus driver named/called X"."""
        for v in t.children:
            if v.dep_ == "acl" and v.lemma_.lower() in ("name", "call"):
                for o in v.children:
                    if o.dep_ in ("oprd", "dobj", "attr", "xcomp") and o.i in self.tok_ent and (
                            self.ents[self.tok_ent[o.i]].type == "PERSON" or self._person_like(self.ents[self.tok_ent[o.i]])):
                        return o
        return None

    def _relative_name(self, c: "Token", early: bool = False) -> Optional[str]:
        """"Voss's daughter, Mira," -> "Mira Voss": a one-word name in apposition to a relation
        noun whose possessor is a person with a surname (``early``: before the pass, names only)."""
        t = c.head
        if c.dep_ != "appos" or t.lemma_.lower() not in RELATION_NOUNS or c.pos_ != "PROPN" \
                or not c.left_edge.i == c.right_edge.i == c.i:
            return None
        if c.i in self.tok_ent and len(self.ents[self.tok_ent[c.i]].name.split()) > 1:
            return None
        poss = next((p for p in t.children if p.dep_ == "poss"), None)
        if poss is None:
            return None
        owner = self.tok_ent.get(poss.i, self._by_name(poss) if poss.pos_ == "PROPN" else None) if early \
            else self._entity_of(poss)
        if owner is None or self.ents[owner].type != "PERSON" or len(self.ents[owner].name.split()) < 2:
            return None
        return f"{c.text} {self.ents[owner].name.split()[-1]}"

    def _role_holder(self, t: "Token", anywhere: bool = False, role: Optional[str] = None) -> Optional[int]:
        """The person whose role has this head ("the prime minister", "the mayor"; "the
        candidate" also "the Republican nominee", :data:`.lexicon.ROLE_SYNONYMS`), or ``role``,
        nearest first; mentioned before ``t`` unless ``anywhere``."""
        lem = role or t.lemma_.lower()
        heads = {lem} | ROLE_SYNONYMS.get(lem, frozenset())
        parties = {PARTY_WORDS[c.lower_] for c in t.children if c.dep_ in ("amod", "compound") and c.lower_ in PARTY_WORDS}
        best, best_d = None, 1 << 40
        for m in (self.names if anywhere else reversed(self.history)):
            if not anywhere and m.start >= t.idx:
                continue  # the history holds the whole article once the pass is over
            ent = self.ents[m.ent]
            if ent.type == "PERSON" and self._heads_of(m.ent) & heads and (not parties or any(
                    parties <= {PARTY_WORDS[w] for w in _words(r) if w in PARTY_WORDS} for r in ent.roles)):
                d = abs(t.idx - m.start)
                if d < best_d:
                    best, best_d = m.ent, d
        return best

    def _heads_of(self, k: int) -> set[str]:
        """Head words of entity ``k``'s roles, abbreviations spelt out ("Gov." -> "governor");
        cached once the roles are complete (after the appositions)."""
        if k not in self._role_head_cache:
            out = set()
            for r in self.ents[k].roles:
                h = name_head(r)
                out.add(ROLE_ABBREVIATIONS.get(h, h))
            self._role_head_cache[k] = out
        return self._role_head_cache[k]

    def _named_next(self, t: Token) -> int | None:
        """"A federal judge … ruling that …. U.S. District Judge Marian Szostak wrote …", "A former
        aide to President X says …. Colin Ashdown, who served as X's deputy …, writes …": the main
        subject of the next sentence, a person named there for the first time, who holds the role
        (title, synonyms) or is tied to the person or organisation the role names. Never for a
        speaker the sentence keeps anonymous."""
        doc, s = self.doc, self.sent_of[t.i]
        if s + 1 >= len(self.sent_start):
            return None
        here = self.sent_start[s]
        a = self.sent_start[s + 1]
        b = self.sent_start[s + 2] if s + 2 < len(self.sent_start) else len(doc)
        if _ANONYMOUS.search(self.text[doc[here].idx:doc[a].idx]) or self._para(doc[a].idx) - self._para(t.idx) > 1:
            return None
        root = next((x for x in doc[a:b] if x.dep_ == "ROOT"), None)
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
        k = self.tok_ent.get(subj.i) if subj is not None else None
        if subj is None or k is None or self.ents[k].type != "PERSON" \
                or any(m.ent == k and m.start < doc[a].idx for m in self.names):
            return None
        lem = t.lemma_.lower()
        if self._heads_of(k) & ({lem} | ROLE_SYNONYMS.get(lem, frozenset())):
            return k
        objs = [o for p in t.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
        objs += [c for o in objs for c in o.children if c.dep_ == "appos"]
        objs += [c for c in t.children if misattached_appos(c)]  # "aide to the developer Nils Dorsey"
        ties = {self._entity_of(o) for o in objs}
        ties.discard(None)
        if ties and any(self.tok_ent.get(j) in ties for j in range(a, b) if j != subj.i):
            return k
        return None

    def add_mentions(self, entities: list[Entity]) -> None:
        """Append every resolved pronoun and description to its entity's ``mentions`` (kind set)."""
        by_id = {e.id: e for e in entities}
        for k, full in self.full_names.items():  # "Greta" of "Fjellstad's wife, Greta," is Greta Fjellstad
            e = by_id.get(self.ents[k].id)
            if e is not None and e.name != full:
                e.aliases = [e.name, *[a for a in e.aliases if a != e.name]]
                e.name, e.type = full, "PERSON"
        for m in self.history:
            if m.kind == "name" or m.kind == "surname" and self._excluded(m.start):
                continue
            e = by_id.get(self.ents[m.ent].id)
            if e is not None:
                kind: MentionKind = "pronoun" if m.kind == "pronoun" else "name" if m.kind == "surname" else "description"
                e.mentions.append(Mention(start=m.start, end=m.end, text=self.text[m.start:m.end], kind=kind))
        for e in entities:
            e.mentions.sort(key=lambda x: x.start)
