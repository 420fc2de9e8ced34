"""Quotes stage: direct quotes and reported speech, attributed to canonical speakers.

Direct quotes (``kind="direct"``)
    Quotation marks are paired per paragraph (:mod:`.quote_cues`): ``"…"``, ``“…”``, ``''…''``,
    `````…''``, and single ``‘…’`` / ``'…'`` marks outside double-quoted text (apostrophes are
    never marks; nested single quotes stay inside). The attribution is searched, in order:

    * right after the closing mark: ``"…," said Leavitt.`` / ``"…." Leavitt noted,`` /
      ``"…" ― Jane Roe`` (a dash and a name);
    * right before the opening mark: ``Leavitt said: "…"``, ``according to X, "…"``;
    * through the parse, for a quote inside a sentence: the quote hangs from a speech verb
      through a clausal complement (``He said the plan was "a disaster"``), from a
      characterising verb with its own subject (``Obama called the holiday "…"``), or sits
      after such a verb (``Trump tweeted that Machado was "disgusting"``); a partial quote inside
      reported speech goes to the outermost reporter (``Flynn said Trump was right when he said
      "…"`` -> Flynn; ``According to the Gazette, Ruiz said that … "…"`` -> the Gazette; a
      trailing ``"…," The Hill reported`` beats a non-speech verb inside the quote's sentence);
    * for a quote that stands alone with no cue, the subject of the sentence just before it in
      the same paragraph (``Jordan said Monday. "…"``), a ``He said:`` ending the previous
      paragraph, or the attribution of the quote just before it when only that attribution's
      own sentence lies between them (``"A," said Roe, a physicist at X. "B."``).

    The parse must come from :func:`newsgraph.nlp.get_nlp`, whose sentences (and so parse arcs)
    never cross a paragraph break.

    A quoted stretch inside a sentence with none of these is a scare quote or a title and is
    skipped (``a "good faith" initiative``); short Title Case quotes (names of works, nicknames,
    subheads) are skipped too, and so are stand-alone quotes for which no speaker is found.
    Quoted words inside *reported speech* are the speaker's own words and become direct quotes
    with the reported quote's speaker and cue, Title Case or not (``Trump called the winner "Miss
    Piggy"``; rule ``partial``), except quoted premodifiers of a noun, which stay scare quotes
    anywhere (``said the council made a "good faith" offer``).
    Transcript lines (``"WALLACE: …``) are reported speech with the name as speaker.

    ``start``/``end`` are the offsets of the content inside the marks. A quote split around its
    attribution (``"A," she said, "B."``) and a quote running over several paragraphs (opening
    mark repeated at each paragraph start) are ONE quote: ``start`` is the first content start,
    ``end`` the last content end, and ``text`` is the content fragments joined by a space (by a
    blank line across paragraphs), so ``text`` differs from ``article.text[start:end]`` there.
    Per-quote details go to ``work.scratch["quote_spans"]`` (one :class:`QuoteSpanInfo` per
    quote: fragment offsets, speaker mention and cue offsets, the rule that attributed it).

Reported speech (``kind="indirect"``)
    A speech, belief or stance verb (lexicons in :mod:`.quote_cues`) with a subject and a
    clausal complement (``ccomp``; ``xcomp`` for promise/vow/…), or, for stance verbs, an object
    or ``about/on/for…`` phrase (``cited the report``, ``spoke about the plan``; never the
    audience of ``speaking to reporters``): the complement is the quote text, without a leading
    "that" or preposition, within the cue's sentence *and paragraph*, and cut before ``; …``,
    ``, who …``, ``, adding …`` and a trailing apposition or participle clause of the writer's
    (``…, the existing alliance that …`` / ``…, contradicting …``) and before a second speech
    verb of the same speaker that the parser hung inside it (``said she would order a review and
    warned against …``: two reported quotes); the subject is the speaker. Requests keep who is
    asked to act (``urged the council to cut the levy``, ``asked her to call him``), and
    ``called for the director to resign`` / ``asked the court for a ruling`` give what is asked for.
    Also ``according to X, …``, stance adjectives (``critical of X``, ``worried about X``),
    report nouns with a possessor or a that-clause (``his claim that …``, ``the claim by X
    that …``), ``Name: …`` at a paragraph start (a PERSON entity's name even when tagged as a
    common noun, as in headlines), passive stance verbs with a "by" agent (``Trump is supported
    by few papers``: content "Trump", speaker the agent), a sentence-final ``…, he said.`` or
    ``…, records show.`` the parser left unattached, and passive reports without a source
    (speaker None). Reported content never contains its own speaker or cue: for a parenthetical
    attribution (``Lenox was, Mr. Clarke said, a juggernaut``; an introductory ``Though …,`` /
    ``As …,`` before it is left out) and for a trailing one followed by a cue-less quote (``The
    talks may wait, Roe said. "The other factor is …"``) the content is two fragments around it
    (``start``/``end`` span both; ``text`` joins them with a space; the fragments are in
    ``QuoteSpanInfo.fragments``). Content with no unquoted word is left to the direct pass
    (mixed content is reported speech); attributions do not nest.

Speakers are resolved to entities with the article's :class:`.resolve.Resolver` (names, surnames,
pronouns, descriptions, spokespeople, documents, organisations: "the port authority" is the ORG whose name has the head "authority", never
a person whose role merely mentions one). ``speaker`` is the canonical entity name; a proper name that matches no
entity is kept as written with ``speaker_id=None``; anonymous speakers ("an official",
"sources") keep only ``speaker_text``. ``speaker_text`` is the mention as written ("he", "who").

Cost: one regex pass over the quote marks, one pass over the tokens, short windows around each
quote and a few look-ups per candidate verb (a few per cent of the spaCy parse).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from ..model import Article, Entity, Quote
from .base import Work, register_stage
from .resolve import RESOLVER_KEY as _RESOLVE_KEY
from .resolve import Resolver, build_resolver
from .quote_cues import (ANONYMOUS_DETERMINERS, BELIEF_VERBS, CHARACTERIZE_VERBS, CONTENT_PREPS, NOUN_CUES,
                         SPEECH_VERBS, STANCE_ADJECTIVES, STANCE_VERBS,
                         XCOMP_VERBS, QuoteSpanInfo, Segment, find_quoted_segments)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["QuotesStage", "extract_quotes", "QuoteSpanInfo", "MentionResolver", "RESOLVER_KEY"]

_TERMINAL = frozenset([".", "!", "?", "…"])
_SUBJECT_POS = frozenset(["PROPN", "NOUN", "PRON", "DET", "ADJ", "ADP", "NUM", "PART", "CCONJ", "AUX", "ADV",
                          "SYM", "X"])
_BAD_PATH = frozenset(["advcl", "relcl", "acl", "appos", "csubj"])
_NP_LEFT = frozenset(["compound", "amod", "det", "poss", "nmod", "nummod", "flat", "case", "quantmod"])
_RELATIVE = frozenset(["who", "that", "which", "whom"])
_COLON_SPEAKER = re.compile(r"[\"“]?((?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*):[ \t\u00a0]+(\S)")
_CLAUSE_BREAK = frozenset("who whom although though while whereas adding saying arguing citing noting "
                          "according insisting suggesting warning explaining".split())
#: speech verbs whose direct object is an addressee or a thing, not content ("told reporters")
_NO_OBJECT = frozenset("tell inform advise assure continue ask answer speak comment reply respond testify "
                       "maintain read".split())
_WHEN = frozenset(["DATE", "TIME"])
#: paragraph labels that look like "Name: …" but are not speakers
_NOT_SPEAKERS = frozenset("correction corrections update updated clarification note editor editor's related photo "
                          "video advertisement source read watch listen click".split())
#: verbs of _NO_OBJECT whose "on" phrase is the topic ("commented on the ruling", "testified on X")
_ON_TOPIC = frozenset("comment speak testify reply respond answer".split())
_NOT_TOPIC = frozenset("condition behalf record background camera air television radio phone line stage panel show "
                       "program programme podcast day night morning evening afternoon weekend".split())
_TALK = frozenset("talk speak chat reach turn".split())
_AUDIENCE = frozenset("reporter journalist supporter crowd audience voter member student people press "
                      "lawmaker official viewer listener resident worker".split())
_ALL_CUES = SPEECH_VERBS | STANCE_VERBS | BELIEF_VERBS | NOUN_CUES | {"accord", "according"}
#: verbs of request whose object is who is asked to act ("urged the party to …"): content from the object
_REQUEST_VERBS = frozenset("urge ask push press tell advise order challenge implore".split())
#: prepositions that add time, place or audience, not content ("in a statement", "to the AP")
_CIRCUMSTANCE_PREPS = frozenset("in during at after before since to on into through amid despite while".split())
_DOUBLE_MARK = re.compile(r"''|[\"“”]")
_CLOSE_TAIL = re.compile(r"[.,!?…]{0,2}(?:''|[\"”])")
_QUOTE_CHARS = "\"“”„‟«»'‘’`"
#: participles that extend a noun phrase rather than add the writer's comment ("…, including X")
_LIST_PARTICIPLES = frozenset(["including", "excluding", "involving", "concerning", "regarding"])


def _is_cue(t: "Token", belief: bool = False) -> bool:
    lem = t.lemma_.lower()
    if t.pos_ not in ("VERB",) and not (lem == "say" and t.pos_ == "AUX"):
        return False
    return lem in SPEECH_VERBS or (belief and lem in BELIEF_VERBS)


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


class _Extractor:
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

    def __init__(self, article: Article, doc: "Doc") -> None:
        self.article = article
        self.doc = doc
        self.text = doc.text
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

    # -- attribution of direct quotes ----------------------------------------------------------
    def right_cue(self, close: int, limit: int) -> Optional[_Attr]:
        """``"…," said X`` / ``"…" X noted`` right after a closing mark (stop at ``limit``)."""
        doc = self.doc
        i = self.tok_from(close)
        n = 0
        seen_word = False
        while i < len(doc) and doc[i].idx < limit and n < 12:
            t = doc[i]
            n += 1
            if t.is_punct and not seen_word:
                if t.text in _TERMINAL and n > 1:
                    return None
                i += 1
                continue
            seen_word = True
            if _is_cue(t):
                if self.own_content(t, close):
                    return None  # '"…." Gov. Roe said it would be "improper"': a new attribution
                subj = self.subject_of(t, lo=close, hi=limit)
                if subj is None:  # misparsed: the nominal before the verb, else an inverted subject after it
                    before = [j for j in range(t.i - 1, i - n, -1) if j >= 0 and doc[j].idx >= close]
                    after = [j for j in range(t.i + 1, min(len(doc), t.i + 6)) if doc[j].idx < limit]
                    subj = self.nominal(before, person_only=False) or self.nominal(after, person_only=True)
                end = t.idx + len(t.text)
                return _Attr(t, self.cue_text(t), subj, end)
            if t.pos_ == "VERB" and t.text[:1].isupper() and t.i > 0 and not doc[t.i - 1].text in _TERMINAL:
                i += 1  # a capitalised word mis-tagged as a verb inside a name ("Tulsa police Chief …")
                continue
            if t.text in _TERMINAL or t.pos_ == "VERB" or t.pos_ not in _SUBJECT_POS and not t.is_punct:
                return None
            i += 1
        return None

    def own_content(self, t: "Token", close: int) -> bool:
        """The cue after a quote that ends a sentence has content of its own: a clausal complement
        after it (``"…." Roe said it would be late``) or a quote opening right after it
        (``"…." To which she said, "…"``)."""
        if self.text[:close].rstrip(" \"”'’\u00a0")[-1:] not in _TERMINAL:
            return False
        if any(c.dep_ == "ccomp" and c.i > t.i for c in t.children):
            return True
        k = t.i + 1
        while k < len(self.doc) and k <= t.i + 2 and self.doc[k].text in (",", ":"):
            k += 1
        return k < len(self.doc) and k > t.i + 1 and self.doc[k].text in ('"', "“", "''", "``")

    def nominal(self, idxs: list[int], person_only: bool) -> Optional["Token"]:
        """First speaker-like token among ``idxs`` (names, pronouns, nouns; never dates/times)."""
        doc = self.doc
        for j in idxs:
            tok = doc[j]
            if tok.is_punct or tok.pos_ in ("ADP", "AUX", "ADV", "PART"):
                if tok.pos_ == "ADP" or tok.text in _TERMINAL:
                    return None  # "said in an interview": no subject after a preposition
                continue
            if tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"):
                continue
            if tok.pos_ in ("PROPN", "PRON") or tok.pos_ == "NOUN" and not person_only and tok.lower_ != "reporters":
                while tok.dep_ in ("compound", "flat") and tok.head.i > tok.i and tok.head.i - tok.i <= 3:
                    tok = tok.head
                return tok
        return None

    def left_cue(self, open_: int, floor: int, across: bool = False) -> Optional[_Attr]:
        """``X said: "…"`` / ``X told reporters, "…"`` / ``according to X, "…"`` before a mark.

        ``across``: also look into the sentence that ends right before the quote
        (``… Chief Jordan said Monday. "…"``)."""
        doc = self.doc
        end = self.tok_from(open_)
        j = end - 1
        steps = 0
        cue: Optional["Token"] = None
        while j >= 0 and doc[j].idx >= floor and steps < 14:
            t = doc[j]
            if t.text in _TERMINAL and not (across and steps == 0) or t.text in ('"', "”", "“"):
                break  # the quote opens a new sentence: no cue right before it
            if t.lower_ == "to" and j > 0 and doc[j - 1].lower_ == "according":
                pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    pobj = next((doc[k] for k in range(j + 1, end) if doc[k].pos_ in ("PROPN", "NOUN", "PRON")), None)
                return _Attr(doc[j - 1], "according to", pobj)
            if _is_cue(t):
                cue = t
                break
            steps += 1
            j -= 1
        if cue is None:
            return None
        prev = doc[cue.i - 1] if cue.i > 0 else None
        if cue.tag_ == "VBG" and prev is not None and prev.idx >= floor and (
                prev.ent_type_ == "PERSON" or prev.pos_ == "PROPN" and prev.ent_type_ in ("", "PERSON")):
            return _Attr(cue, self.cue_text(cue), prev)  # "footage of Hillary Clinton asking, "…""
        subj = self.subject_of(cue, hi=open_)
        if subj is not None and self.in_segment(subj.idx):
            # '"…," Chief Jordan said Monday. "…"' parsed with the first quote's subject
            subj = self.nominal([k for k in range(cue.i - 1, max(-1, cue.i - 8), -1)
                                 if doc[k].idx >= floor and not self.in_segment(doc[k].idx)], person_only=False)
        if subj is None:  # "Said Ellis: "…""
            subj = self.nominal(list(range(cue.i + 1, end)), person_only=True)
        return _Attr(cue, self.cue_text(cue), subj)

    def path_cue(self, seg: Segment) -> Optional[_Attr]:
        """A speech verb outside the quote that governs it through a clausal complement."""
        doc = self.doc
        a, b = self.tok_from(seg.start), self.tok_from(seg.end)
        if a >= b:
            return None
        head = None
        for k in range(a, b):
            h = doc[k].head
            if h.i < a or h.i >= b or h.i == k:
                head = doc[k]
                break
        if head is None:
            return None
        cur = head
        deps: list[str] = []
        bad = False
        for _ in range(8):
            deps.append(cur.dep_)
            if cur.head.i == cur.i:
                return None
            if cur.dep_ in _BAD_PATH:
                bad = True  # tolerated only below a clausal complement of a speech verb
            cur = cur.head
            if a <= cur.i < b:
                return None
            lem = cur.lemma_.lower()
            as_pobj = len(deps) >= 2 and deps[-1] == "prep" and cur.pos_ == "VERB" and \
                doc[self.tok_at(seg.open) - 1].lower_ in ("a", "an", "as") and "pobj" in deps
            if cur.pos_ == "VERB" and (lem in CHARACTERIZE_VERBS or as_pobj and self.as_prep(deps, head)) and not bad:
                # "Obama called the holiday "a celebration …"": needs the verb's own subject
                subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
                if subj is not None and not seg.start <= subj.idx < seg.end:
                    return _Attr(cur, self.cue_text(cur), subj, how="path")
                return None
            if _is_cue(cur, belief=True) and ("ccomp" in deps or "xcomp" in deps and lem in XCOMP_VERBS
                                              or not bad and (deps == ["dobj"] or deps == ["parataxis"])):
                if bad and deps.index("ccomp" if "ccomp" in deps else "xcomp") < max(
                        i for i, d in enumerate(deps) if d in _BAD_PATH):
                    return None
                subj = self.subject_of(cur)
                if subj is None or seg.start <= subj.idx < seg.end:
                    return None
                return _Attr(cur, self.cue_text(cur), subj, how="path")
        return None

    def near_verb_cue(self, seg: Segment, chains: list["_Chain"]) -> Optional[_Attr]:
        """Embedded quote after a reporting verb that the parse did not link to it:
        ``Trump tweeted that Machado was "disgusting"``, ``pounding Trump as a "con artist"``.

        The nearest verb before the quote in its sentence decides: a reporting verb with its own
        subject (or the subject of the verb it is coordinated with) attributes the quote; any
        other verb (``describing these efforts as a "good faith" initiative``) does not, except
        for an ``as (a) "…"`` phrase after a verb with its own subject."""
        doc = self.doc
        k = self.tok_from(seg.open) - 1
        if k < 0:
            return None
        sent_start = doc[k].sent.start
        prev_word = doc[k]
        j = k
        while j >= sent_start:
            t = doc[j]
            j -= 1
            if t.pos_ != "VERB":
                continue
            lem = t.lemma_.lower()
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if subj is None and t.dep_ == "conj" and t.head.pos_ == "VERB":
                subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.i > t.i:
                return None
            reporting = lem in SPEECH_VERBS or lem in STANCE_VERBS or lem in CHARACTERIZE_VERBS or lem in BELIEF_VERBS
            as_phrase = prev_word.lower_ in ("as", "a", "an") and any(
                doc[x].lower_ == "as" for x in range(max(t.i + 1, k - 2), k + 1))
            if reporting or as_phrase:
                return _Attr(t, self.cue_text(t), subj)
            return None
        return None

    def outer_speech(self, attr: _Attr) -> _Attr:
        """A partial quote under a belief or characterisation verb inside reported speech belongs
        to the reporter: ``Mr. Obama said Americans have come to believe "…"`` -> Mr. Obama."""
        v = attr.cue
        if v is None:
            return attr
        cur = v
        for _ in range(4):
            if cur.dep_ not in ("ccomp", "xcomp", "conj") or cur.head.i == cur.i:
                return attr
            cur = cur.head
            if _is_cue(cur):
                subj = self.subject_of(cur)
                if subj is not None:
                    return _Attr(cur, self.cue_text(cur), subj, how=attr.how)
                return attr
        return attr

    def according_to(self, attr: _Attr, seg: Segment) -> Optional[_Attr]:
        """``According to Yahoo News, Lehrich said that … "…"``: the outer source of a nested
        attribution, when the sentence of the cue also has an "according to X" outside quotes."""
        if attr.cue is None:
            return None
        lo, hi = self.sent_bounds(attr.cue)
        doc = self.doc
        for k in range(lo, hi - 2):
            if doc[k].lower_ == "according" and doc[k + 1].lower_ == "to" and not seg.open <= doc[k].idx < seg.close:
                pobj = next((c for c in doc[k + 1].children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ in ("PROPN", "NOUN", "PRON"):
                    return _Attr(doc[k], "according to", pobj, how=attr.how)
        return None

    @staticmethod
    def as_prep(deps: list[str], head: "Token") -> bool:
        """The quote hangs from an "as" phrase: "admires Putin as a "strong leader""."""
        cur = head
        for d in deps[:-1]:
            cur = cur.head
        return cur.lower_ == "as"

    # -- direct quotes ----------------------------------------------------------------------
    def standalone(self, seg: Segment) -> bool:
        ps = self.paras[seg.paragraph][0]
        k = seg.open - 1
        while k >= ps and self.text[k].isspace():
            k -= 1
        return k < ps or self.text[k] in ":,.!?—–-(;" or self.text[k] in _QUOTE_CHARS

    def in_segment(self, offset: int) -> bool:
        """Whether ``offset`` lies inside a quoted segment (marks included)."""
        i = bisect.bisect_right(self._seg_opens, offset) - 1
        return i >= 0 and self._segs[i].open <= offset < self._segs[i].close

    def direct(self, segs: list[Segment]) -> list[_Chain]:
        self._segs = sorted(segs, key=lambda x: x.open)
        self._seg_opens = [x.open for x in self._segs]
        chains: list[_Chain] = []
        for s in segs:
            if s.continues is not None and chains and chains[-1].last is segs[s.continues]:
                chains[-1].segs.append(s)
            else:
                chains.append(_Chain([s]))
        opens = [c.first.open for c in chains]
        for ci, ch in enumerate(chains):
            first, last = ch.first, ch.last
            ch.standalone = self.standalone(first)
            nxt_open = opens[ci + 1] if ci + 1 < len(chains) else 10 ** 12
            attr = None
            if first.closed:
                attr = self.right_cue(first.close, min(self.paras[first.paragraph][1], nxt_open))
            if attr is None and last is not first and last.closed:
                attr = self.right_cue(last.close, min(self.paras[last.paragraph][1], nxt_open))
            if attr is not None:
                attr.how = "right"
            if ch.standalone:
                if attr is None or attr.cue is not None and attr.cue.tag_ == "VBG":
                    # a participle after the quote ('"…," adding that …') yields to 'Peabody said: "…"'
                    floor = max(self.paras[first.paragraph][0], chains[ci - 1].last.close if ci else 0)
                    left = self.left_cue(first.open, floor)
                    if left is not None:
                        left.how = "left"
                        attr = self.according_to(left, first) or left
                if attr is None:
                    attr = self.path_cue(first)
            else:
                path = self.path_cue(first) or self.near_verb_cue(first, chains)
                if path is not None and not path.how:
                    path.how = "near"
                if path is not None:
                    path = self.outer_speech(path)
                if path is not None and attr is not None and attr.cue is not None and path.cue is not None \
                        and attr.cue.lemma_.lower() in SPEECH_VERBS and path.cue.lemma_.lower() not in SPEECH_VERBS \
                        and "," in (self.text[first.end - 1], self.text[first.close:first.close + 1]):
                    path = None  # 'the loopholes he cited are "…," The Hill reported': the outer source
                if path is not None:
                    attr = self.according_to(path, first) or path
                elif attr is not None and not (self.text[first.end - 1] in ",.!?" or
                                               self.text[first.close:first.close + 1] == ","):
                    attr = None
            if attr is None and first.closed:
                attr = self.dash_cue(first.close, self.paras[first.paragraph][1])
            if _COLON_SPEAKER.match(self.text, first.start, first.end) and \
                    self.text[first.start:first.end].split(":", 1)[0].isupper():
                ch.transcript = True  # "WALLACE: …" transcript lines are handled as attributed text
                continue
            if not ch.standalone and (self.title_like(first) or self.title_like(first, loose=True)
                                      and len(self.text[first.start:first.end].split()) <= 4
                                      or first.closed and self.premodifier(first)):
                attr = None  # a nickname, a title of a work or a scare-quoted modifier: "a 'good faith' offer"
            ch.attr = attr
        # split quotes ("A," she said, "B.") and cue-less continuations
        for ci, ch in enumerate(chains):
            prev = chains[ci - 1] if ci else None
            if prev is not None and ch.standalone and prev.attr is not None and prev.attr.clause_end is not None \
                    and not prev.merged and prev.last.paragraph == ch.first.paragraph \
                    and prev.attr.clause_end <= ch.first.open \
                    and not self.text[prev.attr.clause_end:ch.first.open].strip(" ,.:;\u00a0") \
                    and (ch.attr is None or ch.attr.cue is not None and prev.attr.cue is not None
                         and ch.attr.cue.i == prev.attr.cue.i):
                ch.attr = prev.attr
                ch.merged = True
                prev.extra.append(ch)
                continue
            if ch.attr is not None or not ch.standalone or ch.transcript:
                continue
            words = len(self.text[ch.first.start:ch.last.end].split())
            if self.title_like(ch.first, loose=self.whole_paragraph(ch.first)):
                continue
            prev = chains[ci - 1] if ci else None
            before = self.sentence_before(ch.first)
            if before is None:
                floor = max(self.paras[ch.first.paragraph][0], prev.last.close if prev is not None else 0)
                before = self.left_cue(ch.first.open, floor, across=True)
            if before is None or before.speaker is None:
                before = self.colon_paragraph_cue(ch.first) or self.after_right_cue(ch, prev)
            if before is not None and before.speaker is not None:
                ch.attr = before
                before.how = before.how or "before"
                ch.floating = True
            elif self.continue_previous and prev is not None and prev.attr is not None \
                    and prev.attr.speaker is not None and ch.first.paragraph - prev.last.paragraph <= 1:
                ch.attr = _Attr(prev.attr.cue, prev.attr.cue_text, prev.attr.speaker, how="previous")
                ch.floating = True
            elif words >= 4 and self.keep_unattributed:
                ch.floating = True
        return chains

    def colon_paragraph_cue(self, seg: Segment) -> Optional[_Attr]:
        """``He said:`` ending the paragraph before a quote that opens its paragraph."""
        pi = seg.paragraph
        if pi == 0 or seg.open != self.paras[pi][0]:
            return None
        ps, pe = self.paras[pi - 1]
        if not self.text[ps:pe].rstrip().endswith(":"):
            return None
        colon = self.text.rindex(":", ps, pe)
        attr = self.left_cue(colon, ps)
        if attr is None:
            # "Sanders made the following comment:": the subject of the sentence with the colon
            lo = self.doc[self.tok_at(colon)].sent.start
            subj = next((t for t in reversed(self.doc[lo:self.tok_at(colon)]) if t.dep_ == "nsubj"
                         and ps <= t.head.idx < colon and t.head.pos_ in ("VERB", "AUX")), None)
            if subj is None or subj.pos_ not in ("PROPN", "PRON") or self.in_segment(subj.idx):
                return None
            attr = _Attr(None, None, subj)
        attr.how = "colon"
        return attr

    def after_right_cue(self, ch: "_Chain", prev: Optional["_Chain"]) -> Optional[_Attr]:
        """``"A," said Jane Roe, a physicist at the institute. "B."``: a quote opening the
        sentence right after an attributed quote's own attribution sentence, in one paragraph."""
        if prev is None or prev.attr is None or prev.attr.how != "right" or prev.attr.clause_end is None \
                or prev.last.paragraph != ch.first.paragraph or prev.attr.clause_end > ch.first.open:
            return None
        gap = self.text[prev.attr.clause_end:ch.first.open].rstrip()
        if not gap or gap[-1] not in _TERMINAL or any(c in _QUOTE_CHARS for c in gap) or len(gap.split()) > 30:
            return None
        toks = self.doc[self.tok_from(prev.attr.clause_end):self.tok_from(ch.first.open)]
        if any(_is_cue(t, belief=True) for t in toks) or sum(t.text in _TERMINAL for t in toks) > 1:
            return None
        return _Attr(prev.attr.cue, prev.attr.cue_text, prev.attr.speaker, how="after")

    def title_like(self, seg: Segment, loose: bool = False) -> bool:
        """Title Case and short: a headline, a nickname or the title of a work, not speech.

        ``loose`` (a quote that is a whole paragraph, i.e. a subhead) tolerates lower-case
        function words ("Coal Isn't the Villain").
        """
        words = self.text[seg.start:seg.end].strip(" .,!?").split()
        if not words or len(words) > 8:
            return False
        caps = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
        if loose:
            return caps >= 0.6 * len(words) and len(words) >= 2
        return caps == len(words)

    def premodifier(self, seg: Segment) -> bool:
        """The quoted words modify a noun after the closing mark: ``a "good faith" offer``."""
        last = self.doc[self.tok_at(seg.end - 1)]
        return last.dep_ in ("compound", "amod", "nmod") and last.head.idx >= seg.close \
            and last.head.pos_ in ("NOUN", "PROPN")

    def whole_paragraph(self, seg: Segment) -> bool:
        ps, pe = self.paras[seg.paragraph]
        return not self.text[ps:seg.open].strip() and not self.text[seg.close:pe].strip(" .\u00a0")

    def sentence_before(self, seg: Segment) -> Optional[_Attr]:
        """Speaker of a cue-less quote from the sentence right before it in the same paragraph:
        ``Mr. Smith was blunt about it. "…"`` / ``Jones told the crowd about her plan. "…"``."""
        ps = self.paras[seg.paragraph][0]
        if seg.open <= ps:
            return None
        k = self.tok_from(seg.open) - 1
        if k < 0 or self.doc[k].idx < ps or self.doc[k].text not in _TERMINAL | {":"}:
            return None
        root = self.doc[k].sent.root
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ not in ("PROPN", "PRON", "NOUN") or self.in_segment(subj.idx):
            return None
        if subj.pos_ == "PRON" and subj.lower_ not in ("he", "she", "they"):
            return None
        if subj.pos_ == "NOUN" and subj.ent_type_ == "" and not any(c.dep_ == "compound" for c in subj.children):
            return None
        return _Attr(root if _is_cue(root, belief=True) else None,
                     self.cue_text(root) if _is_cue(root, belief=True) else None, subj)

    def dash_cue(self, close: int, limit: int) -> Optional[_Attr]:
        """``"…" ― Edwin Monroy`` (a dash, then a name ending the paragraph or sentence)."""
        c = close
        while c < limit and self.text[c] in " \u00a0":
            c += 1
        if c >= limit or self.text[c] not in "―—–-":
            return None
        while c < limit and self.text[c] in "―—–- \u00a0":
            c += 1
        doc = self.doc
        name = None
        k = self.tok_from(c) - 1
        j = k + 1
        while j < len(doc) and doc[j].idx < limit and doc[j].pos_ == "PROPN" and j - k <= 4:
            name = doc[j]
            j += 1
        if name is None or j < len(doc) and doc[j].idx < limit and not doc[j].is_punct:
            return None
        return _Attr(None, None, name, how="dash")

    # -- reported speech ------------------------------------------------------------------------
    def indirect(self, quoted: list[tuple[int, int]]) -> list[tuple[int, int, _Attr]]:
        doc = self.doc
        out: list[tuple[int, int, _Attr]] = []
        starts = [q[0] for q in quoted]

        def in_quote(offset: int) -> bool:
            i = bisect.bisect_right(starts, offset) - 1
            return i >= 0 and quoted[i][0] <= offset < quoted[i][1]

        def wholly_quoted(a: int, b: int) -> bool:
            """The span is one direct quote (starts and ends at its marks): left to the direct pass."""
            t = self.text[a:b].strip(" ,.;:\u00a0")
            if not t or t[0] not in _QUOTE_CHARS or t[-1] not in _QUOTE_CHARS:
                share = quoted_share(a, b)
                # '"Hopefully," the president said, "this museum …"': a split direct quote
                opens_quoted = in_quote(a) or a > 0 and self.text[a - 1] in _QUOTE_CHARS
                # mixed content ('it would tell a story, one of "suffering and delight …"') is reported
                # speech however much of it is quoted; only a span with no unquoted word is not
                return share >= 1.0 or share >= 0.5 and opens_quoted
            return True

        def quoted_share(a: int, b: int) -> float:
            tot = 0
            i = max(0, bisect.bisect_right(starts, a) - 1)
            while i < len(quoted) and quoted[i][0] < b:
                tot += max(0, min(b, quoted[i][1]) - max(a, quoted[i][0]))
                i += 1
            return tot / max(1, b - a)

        for v in doc:
            lem = v.lemma_.lower()
            if v.pos_ == "ADJ" and lem in STANCE_ADJECTIVES and v.dep_ == "acomp" and not in_quote(v.idx):
                # "Graham has been critical of Trump", "Democrats are worried about turnout"
                subj = self.subject_of(v.head)
                prep = next((c for c in v.children if c.dep_ == "prep" and c.lower_ in ("about", "of", "on", "over")),
                            None)
                pobj = None if prep is None else next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
                if subj is not None and pobj is not None and subj.lower_ not in ("it", "this", "that") \
                        and not (pobj.pos_ == "PRON" and pobj.left_edge.i == pobj.right_edge.i):
                    s_lo, s_hi = self.sent_bounds(v)
                    span = self._clean_span(max(pobj.left_edge.i, s_lo), min(pobj.right_edge.i + 1, s_hi))
                    if span and not wholly_quoted(*span):
                        out.append((span[0], span[1], _Attr(v, f"{v.text} {prep.text}", subj)))
                continue
            if lem not in _ALL_CUES:
                continue
            if lem == "accord" and v.i + 1 < len(doc) and doc[v.i + 1].lower_ == "to":
                to = doc[v.i + 1]
                if in_quote(v.idx):
                    continue
                pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                s_lo, s_hi = self.sent_bounds(v)
                pa, pb = v.left_edge.i, max(v.right_edge.i, pobj.right_edge.i)
                before = (s_lo, pa)
                after = (pb + 1, s_hi)
                lo, hi = after if (after[1] - after[0]) >= (before[1] - before[0]) else before
                span = self._clean_span(lo, hi)
                if span and not wholly_quoted(*span):
                    out.append((span[0], span[1], _Attr(v, "according to", pobj)))
                continue
            if v.pos_ == "NOUN" and lem in NOUN_CUES and not in_quote(v.idx):
                # "Tulsa police's earlier claim that …", "his promise to …"
                poss = next((c for c in v.children if c.dep_ == "poss"), None)
                comp = next((c for c in v.children if c.i > v.i and c.dep_ in ("acl", "ccomp", "xcomp", "relcl")
                             and any(g.dep_ in ("mark", "aux") for g in c.children)), None)
                if comp is None or poss is not None and poss.lower_ == "its":
                    continue
                if poss is None:
                    # "the claim that …", "a statement by the ministry that …": speaker from "by X" if any
                    if not (self.unowned_noun_cues and comp.dep_ in ("acl", "ccomp") and any(
                            g.dep_ == "mark" and g.lower_ == "that" for g in comp.children)):
                        continue
                    if v.dep_ == "pobj" and v.head.dep_ == "prep" and _is_cue(v.head.head, belief=True):
                        continue  # "said in a statement that …": the verb's own attribution
                    by = next((c for c in v.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
                    poss = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
                s_lo, s_hi = self.sent_bounds(v)
                span = self._clean_span(max(comp.left_edge.i, s_lo), min(comp.right_edge.i + 1, s_hi))
                if span and not wholly_quoted(*span) and len(self.text[span[0]:span[1]].split()) >= 2:
                    out.append((span[0], span[1], _Attr(v, v.text, poss)))
                continue
            stance = (lem in STANCE_VERBS or lem in SPEECH_VERBS) and v.pos_ == "VERB"
            if not (_is_cue(v, belief=True) or stance) or in_quote(v.idx):
                continue
            agent = next((c for c in v.children if c.dep_ == "agent"), None) if stance and v.tag_ == "VBN" else None
            if agent is not None and not any(c.dep_ in ("ccomp", "xcomp") for c in v.children):
                # "Trump is supported by far fewer publications": the passive subject is what the
                # "by" phrase endorses, criticises or reported
                by = next((g for g in agent.children if g.dep_ == "pobj"), None)
                what = next((c for c in v.children if c.dep_ == "nsubjpass"), None)
                if by is not None and what is not None and what.pos_ != "PRON" and not in_quote(what.idx):
                    s_lo, s_hi = self.sent_bounds(v)
                    span = self._clean_span(max(what.left_edge.i, s_lo), min(what.right_edge.i + 1, s_hi))
                    if span and not wholly_quoted(*span):
                        out.append((span[0], span[1], _Attr(v, f"{v.text} by", by)))
                        continue
            comps = [c for c in v.children if c.dep_ == "ccomp" or (c.dep_ == "xcomp" and lem in XCOMP_VERBS)]
            if not comps and stance and self.broad:
                comps = [c for c in v.children if c.i > v.i and (
                    lem not in _NO_OBJECT and (
                        c.dep_ in ("dobj", "oprd") or c.dep_ == "xcomp" and c.tag_ != "VBG" and lem in STANCE_VERBS)
                    or c.dep_ == "prep" and c.lower_ in CONTENT_PREPS
                    and (lem not in _NO_OBJECT or c.lower_ in ("about", "of")
                         or c.lower_ == "for" and lem in _REQUEST_VERBS  # "asked the court for a ruling"
                         or c.lower_ == "on" and self._on_topic(v, c)) and not self._addressee(c, lem) and any(
                        g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in _WHEN for g in c.children))]
            if not comps and stance and self.broad:
                # "called for the president to resign" (parsed as an advcl marked by "for")
                comps = [c for c in v.children if c.i > v.i and c.dep_ == "advcl" and any(
                    g.dep_ == "mark" and g.lower_ == "for" and g.i == c.left_edge.i for g in c.children) and any(
                    g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
            if lem in _REQUEST_VERBS and all(c.dep_ == "xcomp" for c in comps):
                # "urged the party to drop X", "asked her to call him": a request names who is to act
                xc = next((c for c in v.children if c.dep_ == "xcomp" and c.i > v.i and c.tag_ == "VB"
                           and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)
                obj = None if xc is None else next(
                    (c for c in v.children if c.dep_ == "dobj" and v.i < c.i < xc.i), None)
                if obj is not None:
                    comps = [obj, xc]
            if not comps and (lem in SPEECH_VERBS or lem in BELIEF_VERBS):
                # misparsed that-clause: "tweeted in the early hours that Machado was …" (advcl)
                comps = [c for c in v.children if c.i > v.i and c.dep_ in ("advcl", "dep", "conj")
                         and c.pos_ in ("VERB", "AUX") and any(g.lower_ == "that" and g.i < c.i for g in c.children)]
                # "said in a statement that …" parsed as a clause on "statement"
                for prep in (c for c in v.children if c.dep_ == "prep" and c.i > v.i):
                    for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                        comps += [c for c in pobj.children if c.dep_ in ("acl", "relcl", "ccomp")
                                  and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)]
            parenthetical = False
            if not comps and v.dep_ == "parataxis" and lem in SPEECH_VERBS and v.head.pos_ in ("VERB", "AUX"):
                comps = [v.head]  # "These employees, Stumpf explained, were well paid."
                parenthetical = True
            if not comps and (lem in SPEECH_VERBS or lem == "show") and v.dep_ == "ROOT":
                trailing = self._trailing_attribution(v)
                if trailing is not None:
                    span = self._clean_span(*trailing)
                    if span and not wholly_quoted(*span) and len(self.text[span[0]:span[1]].split()) >= 2:
                        out.append((span[0], span[1], _Attr(v, self.cue_text(v), self.subject_of(v))))
                    continue
            if not comps:
                continue
            subj = self.subject_of(self._shares_subject.get(v.i, v))
            if subj is None and lem in SPEECH_VERBS and v.i > 0 and doc[v.i - 1].pos_ == "PROPN" \
                    and doc[v.i - 1].dep_ in ("pobj", "compound", "dobj") and not in_quote(doc[v.i - 1].idx):
                subj = doc[v.i - 1]  # "… with the editorial board of the Post Trump said that …" (misparsed)
            if subj is not None and lem not in SPEECH_VERBS and lem not in BELIEF_VERBS and v.tag_ == "VBG" \
                    and v.dep_ in ("xcomp", "advcl") and not self.participle_subjects:
                continue  # "…, describing these efforts as …": a participle adds no new attribution
            if subj is None:
                # "it was reported that …", "he is expected to …": attributed, speaker unknown
                if not (self.passive_without_source and any(c.dep_ == "auxpass" for c in v.children)
                        and any(c.dep_ in ("ccomp", "xcomp") for c in comps)):
                    continue
            elif subj.lower_ == "it" and lem not in SPEECH_VERBS:
                continue
            if stance and all(c.dep_ in ("dobj", "oprd") for c in comps):
                # "described [crass behavior] [by Trump …]": the verb's later prepositions belong to it
                last = max(comps, key=lambda c: c.i)
                comps = comps + [c for c in v.children if c.i > last.i and c.dep_ == "prep"
                                 and c.lower_ not in _CIRCUMSTANCE_PREPS]
            if len(comps) > 1 and all(c.i > v.i for c in comps):
                lo, hi = min(c.left_edge.i for c in comps), max(c.right_edge.i for c in comps) + 1
            else:
                comp = max(comps, key=lambda c: c.right_edge.i - c.left_edge.i)
                lo, hi = comp.left_edge.i, comp.right_edge.i + 1
            if any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in comps) and v.tag_ != "VB":
                # "wants to triple X, grow Y and create Z": bare infinitives parsed as conjuncts of
                # the finite cue verb continue its "to" complement
                more = [c.right_edge.i + 1 for c in v.children if c.dep_ == "conj" and c.tag_ == "VB" and c.i >= hi
                        and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
                hi = max([hi] + more)
            if doc[lo].pos_ == "ADP" and self._addressee(doc[lo], lem):
                continue  # "speaking to reporters" (however it was parsed): an audience, not content
            if doc[lo].dep_ == "prep" and doc[lo].head.i == v.i and lo + 1 < hi:
                lo += 1  # "talked about [the plan]": the preposition belongs to the cue
            elif doc[lo].dep_ == "mark" and doc[lo].lower_ == "for" and lo + 1 < hi:
                lo += 1  # "called for [the president to resign]"
            s_lo, s_hi = self.sent_bounds(v)
            lo, hi = max(lo, s_lo), min(hi, s_hi)
            if lo >= hi:
                continue
            if subj is not None and self._parenthetical(v, subj):
                lo, hi, parenthetical = s_lo, s_hi, True
            if parenthetical:
                if subj is None or not (lo < subj.i < v.i < hi):
                    continue
            elif subj is not None and lo <= subj.i < hi or lo <= v.i < hi:
                continue
            if (lo > v.i or parenthetical) and hi > v.i:
                # content stops before "; …" and before a trailing ", which …" / ", although …"
                for k in range(max(lo, v.i) + 3, hi - 1):
                    t = doc[k]
                    if t.text == ";" or t.text in (",", "—", "–") and doc[k + 1].lower_ in _CLAUSE_BREAK:
                        hi = k
                        break
                    if t.text == "," and doc[k + 1].lower_ in ("and", "but") and any(
                            _is_cue(x) for x in doc[k + 2:hi]):
                        hi = k  # ", and when pressed, the 34-year-old said …": a new attribution
                        break
                    if self.trim_tails and t.text in (",", "—", "–", "--") and self._tail(doc[k + 1], hi):
                        hi = k  # "…NATO, the existing alliance that …" / "…, contradicting …"
                        break
                    second = self._second_cue(t, v, hi) if self.split_conj_cues else None
                    if second is not None:
                        hi = k - 1 if doc[k - 1].text == "," else k
                        self._shares_subject[second.i] = v
                        break
            if lo > v.i and not parenthetical and self.to_sentence_end and hi < s_hi:
                # annotators run reported content on to the end of the sentence ("…, but she knows …")
                # unless a new clause about someone else or a new attribution starts
                rest = [t for t in doc[hi:s_hi] if not t.is_punct]
                if rest and rest[0].lower_ not in _CLAUSE_BREAK and rest[0].tag_ != "VBG" and not any(
                        t.pos_ == "VERB" and (t.lemma_.lower() in SPEECH_VERBS or t.lemma_.lower() in STANCE_VERBS)
                        for t in rest) and not any(t.dep_ == "nsubj" and t.head.i >= hi for t in rest) \
                        and not any(t.pos_ in ("VERB", "AUX") and t.dep_ == "conj" and t.head.i <= v.i for t in rest):
                    # ... but not over a second predicate of the speaker ("promoted X and downplayed Y")
                    hi = s_hi
            span = self._clean_span(lo, hi)
            if not span or wholly_quoted(*span) and doc[lo].lower_ != "that":
                continue
            if len(self.text[span[0]:span[1]].split()) < 2:
                continue
            attr = _Attr(v, self.cue_text(v), subj)
            if parenthetical and subj is not None:
                # "Lenox was, Mr. Clarke said, a juggernaut": content on both sides, without the attribution
                k = next((x for x in range(v.i + 1, min(hi, v.i + 6)) if doc[x].text in (",", "—", "–")), v.i)
                parts = [p for p in (self._clean_span(lo, subj.left_edge.i), self._clean_span(k + 1, hi)) if p]
                if not parts or self._quote_follows(k + 1, hi):
                    continue
                if self._intro(lo):
                    parts = parts[1:]  # "As the phone rang, the announcer said, the fire spread"
                    if not parts:
                        continue
                span, attr.frags = (parts[0][0], parts[-1][1]), parts if len(parts) > 1 else None
            else:
                span = self._outside_attribution(span, v, subj)
                if span is None:
                    continue
                if span[1] <= v.idx and (subj is None or span[1] <= subj.idx):
                    more = self._quote_after(v, quoted, starts)
                    if more is not None:
                        attr.frags = [span, more]
                        span = (span[0], more[1])
            out.append((span[0], span[1], attr))
        # "Sanders: Clinton needs to …" / transcripts "WALLACE: Let's start …" at a paragraph start
        for ps, pe in self.paras:
            m = _COLON_SPEAKER.match(self.text, ps, pe)
            if not m:
                continue
            name_tok = doc[self.tok_at(m.end(1) - 1)]
            if name_tok.pos_ != "PROPN" and not name_tok.text.isupper() and m.group(1) not in self.person_words() \
                    or m.group(1).split()[0].lower() in _NOT_SPEAKERS:
                continue
            a, b = m.start(2), pe
            while b > a and self.text[b - 1] in " .\u00a0":
                b -= 1
            if len(self.text[a:b].split()) >= 3 and not wholly_quoted(a, b) and not in_quote(name_tok.idx):
                colon = doc[self.tok_at(m.end(1))]
                out.append((a, b, _Attr(colon, ":", name_tok)))
        # one attribution per content span: the one with a speaker, else the first found
        best: dict[tuple[int, int], tuple[int, int, _Attr]] = {}
        for item in out:
            key = (item[0], item[1])
            if key not in best or best[key][2].speaker is None and item[2].speaker is not None:
                best[key] = item
        out = sorted(best.values(), key=lambda x: x[0])
        # attributions do not nest (PolNeAR convention): when a cue lies inside another
        # attribution's content, keep the inner one if only it is a speech verb, else the outer
        def speech(at: _Attr) -> bool:
            return at.cue is not None and (at.cue_text == "according to" or at.cue.lemma_.lower() in SPEECH_VERBS)

        drop: set[int] = set()
        cut: dict[int, int] = {}
        for k, (a, b, at) in enumerate(out):
            c = at.cue.idx if at.cue is not None else a
            for k2, (a2, b2, at2) in enumerate(out):
                if k2 != k and a2 <= c < b2 and (a2, b2) != (a, b):
                    # "Merrill says [Machado promised …] and said [she would …]": end the outer
                    # content before the inner attribution when enough of it is left
                    edge = min(c, at.speaker.idx) if at.speaker is not None and at.speaker.idx >= a2 else c
                    if self.cut_nested and speech(at) and speech(at2) and a > a2 \
                            and len(self.text[a2:edge].split()) >= 4:
                        cut[k2] = min(cut.get(k2, b2), edge)
                    else:
                        drop.add(k2 if speech(at) and not speech(at2) else k)
        kept = []
        for k, (a, b, at) in enumerate(out):
            if k in drop:
                continue
            if k in cut:
                b = cut[k]
                while b > a and (self.text[b - 1].isspace() or self.text[b - 1] in ",;:—–-"):
                    b -= 1
                for tail in (" and", " but", ","):
                    if self.text[a:b].endswith(tail):
                        b -= len(tail)
            kept.append((a, b, at))
        return kept

    def _second_cue(self, t: "Token", v: "Token", hi: int) -> Optional["Token"]:
        """The speech verb after the conjunction ``t`` when it is a second predicate of ``v``'s
        speaker that the parser coordinated inside the content: same tense as ``v``, no subject of
        its own (``said she regretted it and promised to stay out``; ``tweeted that X was "a con"
        and urged voters to …``)."""
        if t.dep_ != "cc" or t.lower_ not in ("and", "but"):
            return None
        k = t.i + 1
        while k < hi and self.doc[k].pos_ == "ADV":
            k += 1  # "and also warned", "and then said"
        c = self.doc[k] if k < hi else None
        if c is None or c.dep_ != "conj" or c.pos_ != "VERB" or c.tag_ != v.tag_ or c.i == v.i:
            return None
        if c.lemma_.lower() not in SPEECH_VERBS or any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
            return None
        return c

    def _tail(self, t: "Token", hi: int) -> bool:
        """``t`` starts an apposition or a participle clause that runs to the end of the content:
        commentary by the writer, not part of what was reported."""
        head = t
        while head.head.i != head.i and head.head.i >= t.i and head.head.i < hi:
            head = head.head
        if head.right_edge.i < hi - 2 or head.left_edge.i < t.i:
            return False
        if "appos" in self.tail_kinds and head.dep_ == "appos" and t.pos_ == "DET":
            return head.head.pos_ == "PROPN"  # "…NATO, the existing alliance …", not a list "X, the Y and Z"
        return "vbg" in self.tail_kinds and head.tag_ == "VBG" and head.dep_ in ("advcl", "acl", "xcomp") \
            and head is t and t.lower_ not in _LIST_PARTICIPLES  # "…, including X" continues the content

    def _quote_after(self, v: "Token", quoted: list[tuple[int, int]], starts: list[int]) -> Optional[tuple[int, int]]:
        """``The administration may wait, Schiff said. "The other factor is …"``: a trailing
        attribution ends the sentence and a quote without a cue of its own opens the next one;
        annotators treat both as the content of that one attribution."""
        _, s_hi = self.sent_bounds(v)
        if s_hi - v.i > 8 or s_hi >= len(self.doc):
            return None
        end = self.doc[s_hi - 1]
        k = end.idx + len(end.text)
        pe = self.paras[self.para_of(v)][1]
        while k < pe and self.text[k].isspace():
            k += 1
        i = bisect.bisect_left(starts, k)
        if i >= len(quoted) or quoted[i][0] != k or k >= pe:
            return None
        o, c = quoted[i]
        if self.right_cue(c, pe) is not None:
            return None
        return o, c

    def _trailing_attribution(self, v: "Token") -> Optional[tuple[int, int]]:
        """``People like Scott, he said.``: a sentence-final attribution after a comma whose
        content the parser did not attach to the verb; the token range before the comma."""
        doc = self.doc
        subj = next((c for c in v.children if c.dep_ == "nsubj" and c.i < v.i), None)
        s_lo, s_hi = self.sent_bounds(v)
        if subj is None or subj.left_edge.i - 1 <= s_lo + 1 or doc[subj.left_edge.i - 1].text != ",":
            return None
        if any(doc[x].pos_ in ("VERB", "AUX") for x in range(v.i + 1, s_hi)) or s_hi - v.i > 6:
            return None
        return s_lo, subj.left_edge.i - 1

    def _quote_follows(self, right: int, hi: int) -> bool:
        """``As a phone rang, the announcer said, "…"``: a direct quote right after a parenthetical
        attribution goes to the direct pass."""
        doc = self.doc
        while right < hi and doc[right].is_space:
            right += 1
        return right < hi and doc[right].text in ('"', "“", "''", "``", "‘")

    def _intro(self, lo: int) -> bool:
        """The sentence opens with an introductory phrase (``As a phone rang, …``), which is not
        part of the content after a parenthetical attribution."""
        first = self.doc[lo]
        return first.pos_ == "SCONJ" or first.tag_ in ("VBG", "VBN") or first.pos_ == "ADP"

    @staticmethod
    def _on_topic(v: "Token", prep: "Token") -> bool:
        """``commented on the ruling``: an "on" phrase that is the topic of a speech act actually made
        (not ``declined to comment on``, ``spoke on condition of anonymity``, ``spoke on CNN``)."""
        if v.lemma_.lower() not in _ON_TOPIC or v.dep_ == "xcomp" or any(c.dep_ == "neg" for c in v.children):
            return False
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        return pobj is not None and pobj.lemma_.lower() not in _NOT_TOPIC \
            and pobj.ent_type_ not in ("ORG", "DATE", "TIME")

    def _addressee(self, prep: "Token", lem: str) -> bool:
        """``speaking/talking to reporters``: a "to" phrase after a verb of speaking names the
        audience, never the content."""
        if prep.lower_ != "to":
            return False
        if lem in SPEECH_VERBS or lem in _TALK:
            return True
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        return pobj is not None and (pobj.pos_ in ("PRON", "PROPN") or pobj.ent_type_ in ("PERSON", "ORG", "NORP")
                                     or pobj.lemma_.lower() in _AUDIENCE)

    def _outside_attribution(self, span: tuple[int, int], v: "Token",
                             subj: Optional["Token"]) -> Optional[tuple[int, int]]:
        """Reported content never contains its own cue or speaker: keep the part after them
        (or before them) when that is at least two words, else nothing."""
        a, b = span
        own = [(v.idx, v.idx + len(v.text))]
        if subj is not None:
            own.append(self.np_span(subj))
        inside = [(x, y) for x, y in own if x < b and a < y]
        if not inside:
            return span
        after, before = max(y for _, y in inside), min(x for x, _ in inside)
        for x, y in ((after, b), (a, before)):
            lo, hi = self.tok_from(x), self.tok_from(y)
            part = self._clean_span(lo, hi) if lo < hi else None
            if part and len(self.text[part[0]:part[1]].split()) >= 2:
                return part
        return None

    def _parenthetical(self, v: "Token", subj: "Token") -> bool:
        """``Lenox was a juggernaut, Mr. Clarke said, until …``: attribution set off by commas."""
        doc = self.doc
        s_lo, s_hi = self.sent_bounds(v)
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
        return k < s_hi - 2 and doc[k].text == "," and (doc[k + 1].tag_ != "VBG" or self.participle_parenthesis)

    def _clean_span(self, lo: int, hi: int) -> Optional[tuple[int, int]]:
        doc = self.doc
        while lo < hi and (doc[lo].is_punct or doc[lo].is_space
                           or doc[lo].lower_ == "that" and doc[lo].dep_ == "mark"):
            lo += 1
        while hi > lo and (doc[hi - 1].is_space or doc[hi - 1].is_punct
                           and doc[hi - 1].text not in ("”", '"', "’", "''", ")")):
            hi -= 1
        if hi <= lo:
            return None
        return self._balance(doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))

    def _balance(self, a: int, b: int) -> tuple[int, int]:
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


def _named_head(tok: "Token") -> "Token":
    """The person named in apposition when the parse made something else the speaker head:
    a role after the name (``Flynn, a top Trump surrogate, said`` -> Flynn, not Trump), a
    dateline (``WASHINGTON -- President Obama, …, said``) or a misattached noun (``With 50 days
    until the election, Minyon Moore, a senior adviser, called …``)."""
    if tok.pos_ not in ("PROPN", "NOUN") or tok.ent_type_ == "PERSON":
        return tok
    if tok.pos_ == "NOUN" and tok.dep_ == "appos" and tok.head.pos_ == "PROPN" and tok.head.i < tok.i:
        return tok.head  # "Flynn, a top Trump surrogate, said": Flynn
    dateline = tok.pos_ == "PROPN" and tok.text.isupper() and len(tok.text) > 2 and tok.i + 1 < len(tok.doc) \
        and tok.doc[tok.i + 1].text in ("--", "—", "–", "-", "―")
    if tok.pos_ == "NOUN" or dateline:
        app = next((c for c in tok.children if c.dep_ == "appos" and c.i > tok.i
                    and (c.ent_type_ == "PERSON" or dateline and c.pos_ == "PROPN")), None)
        if app is not None:
            return app
    return tok


_SpeakerInfo = tuple[Optional[str], Optional[str], Optional[str], Optional[tuple[int, int]]]


def _speaker(ext: _Extractor, index: Resolver, tok: Optional["Token"]) -> _SpeakerInfo:
    """(speaker, speaker_id, speaker_text, speaker span) for a speaker head token, through the
    article's :class:`.resolve.Resolver`."""
    if tok is None:
        return None, None, None, None
    tok = _named_head(tok)
    span = ext.np_span(tok)
    r = index.resolve(tok, span)
    return r.name, r.id, r.written, span


#: ``work.scratch`` key under which the quotes stage leaves its :class:`MentionResolver`
RESOLVER_KEY = "mention_resolver"


class MentionResolver:
    """Resolve the head token of a noun phrase to an entity of ``article`` the way speakers are
    resolved (names, surnames, pronouns, roles, organisations); other stages use it for actors.
    The quotes stage leaves the one it built in ``work.scratch[RESOLVER_KEY]``."""

    def __init__(self, article: Article, doc: "Doc",
                 _parts: Optional[tuple["_Extractor", Resolver]] = None) -> None:
        if _parts is None:
            _parts = _Extractor(article, doc), build_resolver(article, doc)
        self._ext, self._index = _parts
        self._entities = {e.id: e for e in article.entities}

    def resolve(self, tok: Optional["Token"]) -> _SpeakerInfo:
        """(canonical name or None, entity id or None, the phrase as written, its char span)."""
        return _speaker(self._ext, self._index, tok)

    def entity(self, entity_id: Optional[str]) -> Optional[Entity]:
        """The article's entity ``entity_id`` (type, mentions), if any."""
        return self._entities.get(entity_id) if entity_id else None


def extract_quotes(article: Article, doc: "Doc",
                   scratch: Optional[dict] = None) -> tuple[list[Quote], list[QuoteSpanInfo]]:
    """Quotes of ``article`` (whose ``text`` is ``doc.text``), with per-quote span details; the
    speaker resolver goes to ``scratch[RESOLVER_KEY]`` when ``scratch`` is given."""
    ext = _Extractor(article, doc)
    text = ext.text
    segs = find_quoted_segments(text, ext.paras)
    chains = ext.direct(segs)
    kept = [c for c in chains if (c.attr is not None or c.floating) and not c.transcript]
    quoted = sorted((s.open, s.close) for c in kept for s in c.segs)
    index = scratch.get(_RESOLVE_KEY) if scratch is not None else None
    if index is None:
        index = build_resolver(article, doc)
    if scratch is not None:
        scratch[RESOLVER_KEY] = MentionResolver(article, doc, (ext, index))

    items: list[tuple[Quote, QuoteSpanInfo]] = []
    for ch in kept:
        if ch.merged:
            continue
        segs_all = list(ch.segs) + [s for x in ch.extra for s in x.segs]
        attr = ch.attr or _Attr()
        speaker, sid, stext, sspan = _speaker(ext, index, attr.speaker)
        parts: list[str] = []
        prev_para = None
        for s in segs_all:
            if parts:
                parts.append("\n\n" if s.paragraph != prev_para else " ")
            parts.append(text[s.start:s.end])
            prev_para = s.paragraph
        start, end = segs_all[0].start, segs_all[-1].end
        cue_span = (attr.cue.idx, attr.cue.idx + len(attr.cue.text)) if attr.cue is not None else None
        q = Quote(text="".join(parts), kind="direct", speaker=speaker, speaker_id=sid, speaker_text=stext,
                  cue=attr.cue_text, paragraph=article.paragraph_at(start), start=start, end=end)
        items.append((q, QuoteSpanInfo([(s.start, s.end) for s in segs_all], sspan, cue_span, attr.how or "none")))
    taken = {s.open for c in kept for s in c.segs} | {s.open for c in kept for x in c.extra for s in x.segs}
    for a, b, attr in ext.indirect(quoted):
        speaker, sid, stext, sspan = _speaker(ext, index, attr.speaker)
        cue_span = (attr.cue.idx, attr.cue.idx + len(attr.cue.text)) if attr.cue is not None else None
        frags = attr.frags or [(a, b)]
        q = Quote(text=" ".join(text[x:y] for x, y in frags), kind="indirect", speaker=speaker, speaker_id=sid,
                  speaker_text=stext, cue=attr.cue_text, paragraph=article.paragraph_at(a), start=a, end=b)
        items.append((q, QuoteSpanInfo(frags, sspan, cue_span, "reported")))
        # partial quotes: the quoted words inside reported speech are the speaker's own words
        # ('Trump called the winner "Miss Piggy"'); outside reported speech they are scare quotes
        for seg in _partial_quotes(ext, segs, frags, taken):
            taken.add(seg.open)
            pq = Quote(text=text[seg.start:seg.end], kind="direct", speaker=speaker, speaker_id=sid,
                       speaker_text=stext, cue=attr.cue_text, paragraph=article.paragraph_at(seg.start),
                       start=seg.start, end=seg.end)
            items.append((pq, QuoteSpanInfo([(seg.start, seg.end)], sspan, cue_span, "partial")))
    items.sort(key=lambda it: (it[0].start, it[0].kind))
    return [q for q, _ in items], [i for _, i in items]


def _partial_quotes(ext: _Extractor, segs: list[Segment], frags: list[tuple[int, int]],
                    taken: set[int]) -> list[Segment]:
    """Closed quoted segments inside the reported-speech fragments ``frags`` that are not already
    part of a direct quote, have a word, and are not a premodifier of a noun outside the marks
    (``a "good faith" initiative`` stays a scare quote)."""
    out = []
    for seg in segs:
        if seg.open in taken or not seg.closed or seg.continues is not None or seg.continued:
            continue
        if not any(x <= seg.open and seg.close <= y + 2 for x, y in frags):
            continue
        if not any(ch.isalnum() for ch in ext.text[seg.start:seg.end]):
            continue
        if not ext.premodifier(seg):
            out.append(seg)
    return out


@register_stage("quotes")
class QuotesStage:
    """Fill ``article.quotes``; span details go to ``work.scratch["quote_spans"]``."""

    name = "quotes"
    needs_doc = True

    def __call__(self, work: Work) -> None:
        if work.doc is None:
            return
        quotes, infos = extract_quotes(work.article, work.doc, work.scratch)
        work.article.quotes = quotes
        work.scratch["quote_spans"] = infos
