"""Shared pieces of the quotes stage: constants, the attribution records and per-article state."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from ...model import Article
from ..base import doc_text
from ..quote_cues import LEXICON, NOUN_CUES, CueLexicon
from .marks import Segment

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_TERMINAL = frozenset([".", "!", "?", "…"])
_SUBJECT_POS = frozenset(["PROPN", "NOUN", "PRON", "DET", "ADJ", "ADP", "NUM", "PART", "CCONJ", "AUX", "ADV",
                          "SYM", "X"])
_BAD_PATH = frozenset(["advcl", "relcl", "acl", "appos", "csubj"])
_NP_LEFT = frozenset(["compound", "amod", "det", "poss", "nmod", "nummod", "flat", "case", "quantmod"])
_RELATIVE = frozenset(["who", "that", "which", "whom"])
_COLON_SPEAKER = re.compile(r"[\"“]?((?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*):[ \t\u00a0]+(\S)")
#: words after a comma that end reported content: a relative or concessive clause, "according"
#: (participles of speech verbs, ", adding that …", come from the lexicon: ``_Base.clause_break``)
_CLAUSE_BREAK = frozenset("who whom although though while whereas according".split())
_WHEN = frozenset(["DATE", "TIME"])
#: paragraph labels that look like "Name: …" but are not speakers
_NOT_SPEAKERS = frozenset("correction corrections update updated clarification note editor editor's related photo "
                          "video advertisement source read watch listen click".split())
_NOT_TOPIC = frozenset("condition behalf record background camera air television radio phone line stage panel show "
                       "program programme podcast day night morning evening afternoon weekend".split())
_AUDIENCE = frozenset("reporter journalist supporter crowd audience voter member student people press "
                      "lawmaker official viewer listener resident worker".split())
#: prepositions that add time, place or audience, not content ("in a statement", "to the AP")
_CIRCUMSTANCE_PREPS = frozenset("in during at after before since to on into through amid despite while".split())
_DOUBLE_MARK = re.compile(r"''|[\"“”]")
_CLOSE_TAIL = re.compile(r"[.,!?…]{0,2}(?:''|[\"”])")
_QUOTE_CHARS = "\"“”„‟«»'‘’`"
#: participles that extend a noun phrase rather than add the writer's comment ("…, including X")
_LIST_PARTICIPLES = frozenset(["including", "excluding", "involving", "concerning", "regarding"])


@dataclass
class _Attr:
    cue: Optional["Token"] = None
    cue_text: Optional[str] = None
    speaker: Optional["Token"] = None  # head token of the speaker mention
    clause_end: Optional[int] = None  # char offset where the attribution clause ends (right cues)
    how: str = ""  # which rule attributed it: right, left, path, near, dash, before, previous, reported
    frags: Optional[list[tuple[int, int]]] = None  # reported content around a parenthetical attribution


@dataclass
class _Chain:
    segs: list[Segment]
    attr: Optional[_Attr] = None
    standalone: bool = True
    merged: bool = False  # absorbed by the previous chain (split quote)
    transcript: bool = False
    floating: bool = False
    extra: list["_Chain"] = field(default_factory=list)

    @property
    def first(self) -> Segment:
        return self.segs[0]

    @property
    def last(self) -> Segment:
        return self.segs[-1]


@dataclass
class QuoteSpanInfo:
    """Extra, non-schema detail about one extracted quote (kept in ``work.scratch``)."""

    fragments: list[tuple[int, int]] = field(default_factory=list)
    speaker_span: Optional[tuple[int, int]] = None
    cue_span: Optional[tuple[int, int]] = None
    #: the attribution rule that fired (right, left, path, near, dash, before, split, colon, after, partial;
    #: reported/<rule> for reported speech: verb, parenthetical, according_to, report_noun, …)
    rule: str = ""


class _Base:
    """Per-article state and token helpers shared by the direct and reported-speech rules."""

    #: also report stance verbs with a nominal object ("cited the report") as reported speech
    broad = True
    #: run reported content that follows its cue to the end of the sentence (off: with paragraph-clipped
    #: sentences and the tail trimming below it lowered PolNeAR dev indirect F1 by 0.1-0.3)
    to_sentence_end = False
    #: report "the claim that …" (a report noun with a that-clause and no possessor), speaker from "by X"
    unowned_noun_cues = True
    #: end reported content before a trailing apposition or participle clause of the writer's
    trim_tails = True
    tail_kinds = ("appos", "vbg")
    #: report passive attributions without a source ("it is expected that …") with speaker None
    passive_without_source = True
    #: keep stand-alone direct quotes (>= 4 words) for which no speaker was found
    keep_unattributed = False
    #: let participle clauses of non-speech verbs ("…, describing X as …") inherit the subject
    participle_subjects = True
    participle_parenthesis = True
    #: end an attribution's content where a nested one starts instead of dropping the nested one
    cut_nested = False
    #: give a cue-less quote the speaker of the previous quote (same or previous paragraph)
    continue_previous = False
    #: end reported content before a second speech verb of the same speaker that the parser hung
    #: inside it ("said he would order a review and warned against hackers")
    split_conj_cues = True

    def __init__(self, article: Article, doc: "Doc", lexicon: CueLexicon = LEXICON) -> None:
        self.lex = lexicon
        #: lemmas that may start reported speech (verbs of the lexicon, report nouns, "according")
        self.all_cues = lexicon.speech | lexicon.stance | lexicon.belief | NOUN_CUES | {"accord", "according"}
        #: ", adding that …", ", citing …": a participle of a speech verb starts a new attribution
        self.clause_break = _CLAUSE_BREAK | {f for f in lexicon.forms(lexicon.speech | {"cite"}) if f.endswith("ing")}
        self.article = article
        self.doc = doc
        self.text = doc_text(doc)
        self.paras = [(p.start, p.end) for p in article.paragraphs]
        self.tok_starts = [t.idx for t in doc]
        self.para_starts = [p[0] for p in self.paras]
        self._person_words: Optional[set[str]] = None
        #: token index of a speech verb split off reported content -> the verb whose subject it shares
        self._shares_subject: dict[int, "Token"] = {}

    def person_words(self) -> set[str]:
        """Names and name parts of the article's PERSON entities (a headline "Sanders: …" may
        tag the name as a common noun)."""
        if self._person_words is None:
            self._person_words = {w for e in self.article.entities if e.type == "PERSON"
                                  for n in [e.name, *e.aliases] for w in [n, *n.split()]}
        return self._person_words

    # -- token helpers ----------------------------------------------------------------------
    def tok_from(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self.tok_starts, offset)

    def tok_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.tok_starts, offset) - 1)

    def subject_of(self, v: "Token", lo: int = -1, hi: int = 10 ** 12) -> Optional["Token"]:
        """nsubj of ``v`` (or of the verb it is coordinated with / a complement of), within [lo, hi)."""
        cur = v
        for _ in range(3):
            subs = [c for c in cur.children if c.dep_ == "nsubj" and lo <= c.idx < hi
                    and any(ch.isalnum() for ch in c.text)]  # the tagger sometimes makes "―" a subject
            if subs:
                return max(subs, key=lambda c: (c.i < cur.i, c.i if c.i < cur.i else -c.i))
            if any(c.dep_ == "nsubjpass" for c in cur.children):
                return None  # "…, and the fans are expected to …": a passive with its own subject
            if cur.dep_ == "xcomp" and cur.tag_ == "VBG":
                obj = next((c for c in cur.head.children if c.dep_ == "dobj" and c.i < cur.i), None)
                if obj is not None and lo <= obj.idx < hi:
                    return obj  # "left many nations feeling that …": the object feels
            if cur.dep_ in ("conj", "xcomp", "advcl", "pcomp", "prep") and cur.head.i != cur.i:
                cur = cur.head
            elif cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN") and lo <= cur.head.idx < hi:
                return cur.head  # "a letter saying …"
            else:
                break
        return None

    def para_of(self, tok: "Token") -> int:
        return max(0, bisect.bisect_right(self.para_starts, tok.idx) - 1)

    def sent_bounds(self, tok: "Token") -> tuple[int, int]:
        """Token range [start, end) of ``tok``'s sentence without its trailing whitespace (a
        sentence never crosses a paragraph break: see :mod:`newsgraph.nlp`)."""
        sent = tok.sent
        end = sent.end
        while end > sent.start + 1 and self.doc[end - 1].is_space:
            end -= 1
        return sent.start, end

    def np_span(self, h: "Token") -> tuple[int, int]:
        """Character span of the speaker noun phrase headed by ``h`` (no clauses, no appositions)."""
        if h.pos_ == "PRON":
            return h.idx, h.idx + len(h.text)
        left = h.i
        for c in reversed(list(h.lefts)):
            if c.dep_ in _NP_LEFT and c.i == left - 1 or (c.dep_ in _NP_LEFT and c.right_edge.i == left - 1):
                left = c.left_edge.i
            else:
                break
        right = h.i
        for c in h.rights:
            if c.dep_ in ("flat", "compound") and c.i == right + 1:
                right = c.right_edge.i
            else:
                break
        while left < h.i and self.doc[left].pos_ == "PUNCT":
            left += 1
        return self.doc[left].idx, self.doc[right].idx + len(self.doc[right].text)

    def cue_text(self, v: "Token") -> str:
        prt = [c for c in v.children if c.dep_ == "prt"]
        return v.text + (" " + prt[0].text if prt else "")

    def is_cue(self, t: "Token", belief: bool = False) -> bool:
        """A speech verb of the lexicon (or a belief verb when ``belief``)."""
        lem = t.lemma_.lower()
        if t.pos_ not in ("VERB",) and not (lem == "say" and t.pos_ == "AUX"):
            return False
        return lem in self.lex.speech or (belief and lem in self.lex.belief)

    def clean_span(self, lo: int, hi: int) -> Optional[tuple[int, int]]:
        doc = self.doc
        while lo < hi and (doc[lo].is_punct or doc[lo].is_space
                           or doc[lo].lower_ == "that" and doc[lo].dep_ == "mark"):
            lo += 1
        while hi > lo and (doc[hi - 1].is_space or doc[hi - 1].is_punct
                           and doc[hi - 1].text not in ("”", '"', "’", "''", ")")):
            hi -= 1
        if hi <= lo:
            return None
        return self.balance(doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))

    def balance(self, a: int, b: int) -> tuple[int, int]:
        """Keep double quote marks paired in reported content: ``had been "discussed … a year."``
        takes the closing mark (and the punctuation inside it) that the sentence split left out."""
        text = self.text
        if len(_DOUBLE_MARK.findall(text, a, b)) % 2 == 0:
            return a, b
        m = _CLOSE_TAIL.match(text, b)
        if m and text[a:b].rstrip()[-1:] not in _QUOTE_CHARS:
            return a, m.end()
        if a > 0 and text[a - 1] in "\"“" and text[a:b].rstrip()[-1:] in "\"”":
            return a - 1, b
        return a, b
