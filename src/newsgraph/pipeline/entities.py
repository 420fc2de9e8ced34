"""Entities stage: named entities canonicalised within one article, with roles.

Input is the spaCy Doc over ``article.text`` (``work.doc``); output is ``article.entities``
sorted by first mention (ids ``e0``, ``e1``, ...). Pure Python over ``doc.ents`` and the
tokens, in a few linear passes:

1. **Pieces.** Every kept-label entity span (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, PRODUCT,
   WORK_OF_ART, LAW) is split at line breaks, brackets, quotes, colons, commas and lower-case
   finite verbs ("Trump accused Holt"), trimmed of a leading "the"/punctuation, a trailing
   possessive ("'s") or swallowed date, a leading verb ("Injecting Clinton"), and for PERSON
   spans of leading titles and honorifics ("Sen.", "Ms.", "Press Secretary") which become
   roles. Pronoun-, number-, date- or punctuation-only pieces, pieces without a capital
   letter, mostly-lower-case clauses, single-letter debris ("N / A") and a title's object
   ("State" in "Secretary of State Marco Rubio") are dropped. A dateline place opening a line
   ("OSLO, March 3 (Reuters) -", "MADRID 1996-08-30") is a GPE even when the model missed it.
   Type fixes from the span's context: a PERSON span ending in an organisation word ("Kessler
   Polymers", "... Holdings") is an ORG, an ORG span ending in a street/dock/station word a FAC;
   an organisation noun in apposition or before the name ("Voltique, a maker of ...", "the
   consultancy Gridline") makes it an ORG for the whole entity; after modifiers ("the grid
   operator X") only a lone word naming no person of the article, and a PERSON name of two or
   more words stays a person beside a noun that can describe one ("Nils Dorsey, a developer,").
   An untagged capitalised word with such an appositive, subject of a speech verb ("Ambrel, a
   broadcaster, said"), is added as an ORG. A lone capitalised word opening a
   sentence is dropped when it is a dictionary plural or written lower case elsewhere in the
   article ("Schools will remain open"), unless it is also capitalised mid-sentence.
   **Datelines**: the place of ``article.dateline`` (split off by the clean stage; "BRENFORD
   (Valley Times)") and of in-text datelines is a GPE everywhere in the article, never a person;
   the bracketed source is an ORG.
2. **Headline lines.** A line/sentence whose content words are all capitalised (Title Case or
   ALL CAPS, >= 3 content words) is tagged unreliably by the small model ("US Engages" -> ORG).
   Spans there are trusted only where they contain a name already known from ordinary body
   text (the span is cut down to it), or when all their tokens are proper nouns.
3. **Clustering.** Spans are grouped by a normalised key (case, periods); fixed aliases map
   "US"/"U.S."/"America" (as a place)/"the United States" to "United States" and the same for
   the UK, UN and EU. Person names that are token-subsequences of a fuller one with the same
   first and last word merge ("Donald Trump" into "Donald J. Trump"); a one-word mention equal
   to a person's surname joins that person (also if the model typed it ORG; places only when
   the model said PERSON at least as often). **Ambiguous surnames** ("John Smith" and "Mary
   Smith" both present): each bare "Smith" goes to the person whose full name was mentioned
   most recently before it (or, before any, the first one mentioned after it). An acronym in
   brackets after a name ("World Health Organization (WHO)") or matching an organisation's
   initials joins it. The type is the majority label (ties: PERSON > GPE > ORG > ...).
4. **Missed mentions.** Tokens not covered by any entity are matched against the known names
   (full forms, surnames, acronyms, fixed aliases) with one dict look-up per token; single-word
   matches must be proper nouns (or acronyms) and never tokens of DATE/number entities.
5. **Roles** (PERSON only): the premodifier run before the name when it contains a title word
   ("White House Press Secretary", "Foreign Minister", "former president"), appositives on
   either side ("Oskar Lind, the party's chairman," / "The party's chairman, Oskar Lind"),
   and "who"-clauses with a position verb or "be" ("who heads the agency" -> "heads the agency").
   Appositive roles need a title or person noun ("a farmer"); no roles come from headlines.

Mentions exclude honorifics, titles, a leading "the" and a trailing "'s", so
``article.text[m.start:m.end] == m.text`` holds and ``m.text`` is the name as written.

``work.scratch["entity_index"]`` (for later stages such as quotes) is a dict::

    {
      "token_entity": {token_index: entity_id},       # every token of every mention
      "role_token_entity": {token_index: entity_id},  # title/role tokens before or inside a person span
      "spans": [(start_char, end_char, entity_id)],   # all mentions, sorted by start_char
      "starts": [start_char, ...],                    # the spans' starts, for bisect
      "entities": {entity_id: Entity},
    }

:func:`entity_at` resolves a character span to an entity id with it.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import TYPE_CHECKING, Any, Optional

from ..model import Entity, Mention
from .base import Work, doc_text, register_stage
from .quote_cues import names_source
from .resolve import RESOLVER_KEY, build_resolver
from .resolve.resolver import misattached_appos
from .resolve.lexicon import ORG_NAME_WORDS, FEMALE_NAMES, FEMALE_TITLES, MALE_NAMES, MALE_TITLES, RELATION_GENDER
from .entity_rules import (
    BLOCKING_LABELS,
    CANONICAL_ALIASES,
    HEADLINE_FUNCTION_WORDS,
    KEPT_LABELS,
    LABEL_PREFERENCE,
    NON_NAMES,
    ORG_NOUNS,
    ORG_SUFFIXES,
    PLACE_ONLY_ALIASES,
    PERSON_NOUNS,
    PERSON_OR_ORG_NOUNS,
    RETYPABLE_TO_PERSON,
    ROLE_VERBS,
    bare_word,
    initials,
    is_acronym,
    is_fac_suffix,
    is_given_name,
    is_honorific,
    is_org_suffix,
    is_plural_common_noun,
    is_title_word,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["EntitiesStage", "extract_entities", "entity_at"]

_OFFICE_ENDINGS = frozenset("office department agency authority ministry commission committee council".split())
#: last words that make a place-typed name a club or firm ("Harbour City FC" typed GPE)
_NOT_PLACE_ENDINGS = frozenset("fc afc sc rovers wanderers athletic hotspur inc ltd corp llc plc gmbh holdings".split())
_COUNTRY_CODES = frozenset("UK US USA EU UAE".split())  # "Brightwater Insurance (UK)"
_SPLIT_TOKENS = frozenset({"(", ")", "[", "]", "{", "}", '"', "“", "”", "„", ";", ":", "|"})
_NAME_SUFFIXES = frozenset({"inc", "inc.", "ltd", "ltd.", "co", "co.", "corp", "corp.", "llc", "plc",
                            "jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "ag", "sa", "nv"})
_LEADING_DROP = frozenset({"the", "a", "an"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’", "s"})
_NON_NAME_TAGS = frozenset({"PRP", "PRP$", "WP", "WP$", "DT", "CD", "EX", "PDT"})
_PROPER_TAGS = frozenset({"NNP", "NNPS"})
#: points by which the bearer an article is about must lead to take a bare shared surname
_SALIENCE_MARGIN = 2
_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "dative", "poss"})
_NO_TRAILING_NUMBER = frozenset({"PERSON", "GPE", "LOC", "NORP"})
_FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_LABEL_RANK = {label: i for i, label in enumerate(LABEL_PREFERENCE)}
_NWORD = str.maketrans({".": None, "’": "'"})
_MAX_ROLE_TOKENS = 12
_SPEECH_LEMMAS = frozenset("say tell add write ask explain insist argue note warn".split())
_MAX_PREMOD_TOKENS = 8


def _is_punct(word: str) -> bool:
    return not any(c.isalnum() for c in word)


class _Mention:
    """A name occurrence: tokens [start, end) of the name, plus where an in-span title began."""

    __slots__ = ("start", "end", "label", "title_start", "headline")

    def __init__(self, start: int, end: int, label: Optional[str], title_start: int, headline: bool) -> None:
        self.start, self.end, self.label = start, end, label
        self.title_start, self.headline = title_start, headline


class _Cluster:
    """Mentions believed to name the same thing."""

    __slots__ = ("key", "words", "mentions", "fixed", "person", "acronyms")

    def __init__(self, key: str, words: tuple[str, ...], fixed: Optional[tuple[str, str]] = None) -> None:
        self.key = key
        self.words = words  # normalised words of the key form
        self.mentions: list[_Mention] = []
        self.fixed = fixed  # (canonical name, type) from the alias table
        self.person = False  # set once merged as a multi-word person name
        self.acronyms: list[str] = []

    def labels(self) -> Counter:
        return Counter(m.label for m in self.mentions if m.label is not None)

    def majority(self) -> Optional[str]:
        counts = self.labels()
        if not counts:
            return None
        return min(counts, key=lambda lab: (-counts[lab], _LABEL_RANK.get(lab, 99)))


class _Extractor:
    """One article's extraction; see the module docstring for the passes."""

    def __init__(self, doc: "Doc", dateline: Optional[str] = None) -> None:
        self.doc = doc
        self.dateline = dateline
        self.forced: dict[str, str] = {}  # cluster key -> type fixed by the dateline
        self.org_described: set[int] = set()  # ids of mentions with an organisation noun beside them
        self.text = doc_text(doc)
        self.texts = [t.text for t in doc]
        self.nwords = [w.lower().translate(_NWORD) if ("." in w or "’" in w) else w.lower() for w in self.texts]
        self.n = len(self.texts)
        self.has_dep = doc.has_annotation("DEP")
        self.seg_starts: list[int] = []
        self.headline = self._headline_flags()
        self.covered = bytearray(self.n)
        self.blocked = bytearray(self.n)
        self.clusters: list[_Cluster] = []
        self.by_key: dict[str, _Cluster] = {}
        self.lookup: dict[str, list[tuple[tuple[str, ...], _Cluster]]] = {}
        self.surnames: dict[str, list[_Cluster]] = {}
        self.lower_words: Optional[set[str]] = None
        self._sent_starts: Optional[list[int]] = None
        self._person_surnames: Optional[set[str]] = None

    # -- pass 0: headline-case lines ----------------------------------
    def _headline_flags(self) -> bytearray:
        flags = bytearray(self.n)
        texts = self.texts
        if self.doc.has_annotation("SENT_START"):
            bounds = [s.start for s in self.doc.sents] + [self.n]
        else:
            bounds = [0, self.n]
        for a, b in zip(bounds, bounds[1:]):
            seg = a
            for i in range(a, b + 1):
                if i == b or (texts[i].isspace() and "\n" in texts[i]):
                    if i > seg:
                        self.seg_starts.append(seg)
                    if i - seg >= 3 and self._is_headline(seg, i):
                        flags[seg:i] = b"\x01" * (i - seg)
                    seg = i + 1
        return flags

    def _datelines(self) -> list[tuple[int, int]]:
        """Place names of a news dateline opening a line/sentence: "MADRID 1996-08-30",
        "WASHINGTON (Reuters)", "LONDON, March 3", "MANCHESTER, England 1996-08-31"."""
        texts, n, doc = self.texts, self.n, self.doc
        out = []
        for a in self.seg_starts:
            j = a
            while j < n and j - a < 4 and _caps_word(texts[j]):
                j += 1
            if j == a or j >= n:
                continue
            spans = [(a, j)]
            k = j
            if texts[k] == ",":
                k += 1
                start = k
                while k < n and k - start < 3 and texts[k][:1].isupper() and texts[k].isalpha() and texts[k].lower() not in NON_NAMES:
                    k += 1
                if k > start:
                    spans.append((start, k))
            if k < n and (texts[k] == "(" or texts[k][:1].isdigit() or doc[k].ent_type_ == "DATE"
                          or (k > j and texts[k].lower() in NON_NAMES)):  # "LONDON, March 3"
                out.extend(spans)
        return out

    def _is_headline(self, start: int, end: int) -> bool:
        content = 0
        for w in self.texts[start:end]:
            if not w.isalpha():
                continue
            if w.lower() in HEADLINE_FUNCTION_WORDS:
                continue
            if not w[0].isupper():
                return False
            content += 1
        return content >= 3

    def _dateline_types(self, datelines: list[tuple[int, int]]) -> dict[str, str]:
        """Cluster key -> type from datelines: the place is a GPE and a bracketed source an ORG
        everywhere in the article ("BRENFORD (Valley Times) —" -> Brenford GPE, Valley Times ORG).
        Uses ``article.dateline`` (split off the text by the clean stage) and in-text datelines."""
        out: dict[str, str] = {}
        if self.dateline:
            for src in re.findall(r"\(([^()]+)\)", self.dateline):
                key = _norm_key(src)
                if key:
                    out[key] = "ORG"
            place = re.split(r"[,(\u2014\u2013]|\s-+\s|\s-+$", self.dateline, maxsplit=1)[0]
            key = _norm_key(place)
            if key and not any(w in NON_NAMES for w in key.split()):
                out[key] = "GPE"
        for s, e in datelines:
            key = " ".join(w for w in self.nwords[s:e] if w)
            if key:
                out.setdefault(key, "GPE")
        return out

    def _common_word(self, s: int, e: int, label: str) -> bool:
        """A lone capitalised common word opening a sentence ("Schools will remain open"): a
        dictionary plural, or a word the article also writes in lower case, and never written
        capitalised in the middle of a sentence. Groups ("Democrats") are left alone, so are
        plural proper nouns (NNPS) and places unless the tagger calls the word a common noun
        ("Philippines" is NNP)."""
        if e - s != 1 or self.headline[s] or label == "NORP":
            return False
        tag = self.doc[s].tag_
        if tag == "NNPS" or (label in ("GPE", "LOC") and tag != "NNS"):
            return False
        w = self.texts[s]
        if not (w[:1].isupper() and w[1:].islower() and w.isalpha()) or not self._opens_sentence(s):
            return False
        low = w.lower()
        if self.lower_words is None:
            self.lower_words = {t for t in self.texts if t.islower()}
        if low not in self.lower_words and not is_plural_common_noun(w):
            return False
        return not any(t == w and not self._opens_sentence(i) for i, t in enumerate(self.texts) if i != s)

    def _org_noun_beside(self, s: int, e: int) -> Optional[str]:
        """An organisation noun in apposition ("Voltique, a maker of ...,") or right before the
        name after an article ("the consultancy Gridline"). With modifiers before the noun a
        PERSON-tagged name stays a person ("the property developer Nils Dorsey") unless it is a
        lone word that names nobody ("the grid operator Voltanet"). Returns the noun or None."""
        texts = self.texts
        if s >= 2 and texts[s - 1].lower() in ORG_NOUNS:
            j = s - 2  # "the consultancy Gridline", "the messaging company Tessaly"
            while j > max(s - 6, -1) and (texts[j].islower() and texts[j].isalpha() or texts[j] == "-") \
                    and texts[j] not in _LEADING_DROP:  # "the low-cost airline Skyrell"
                j -= 1
            if j >= 0 and texts[j].lower() in _LEADING_DROP and (
                    j == s - 2 or self.doc[s].ent_type_ != "PERSON" or self._lone_non_person(s, e)):
                return texts[s - 1].lower()
        if self._lone_non_person(s, e):
            noun = self._appositive_org_noun(e)
            if noun is not None:
                return noun  # "Tarvel, the clothing retailer, said" however the parser attached it
        if not self.has_dep:
            return None
        root = self.doc[s:e].root
        return next((c.lower_ for c in root.children if c.dep_ == "appos" and c.i >= e and c.lower_ in ORG_NOUNS), None)

    def _lone_non_person(self, s: int, e: int) -> bool:
        """One word that is not a given name nor the last word of a person the model names
        elsewhere in the article ("Voltanet", but not "Dorsey" beside "Nils Dorsey")."""
        if e - s != 1 or is_given_name(self.texts[s]):
            return False
        if self._person_surnames is None:
            self._person_surnames = {ent[-1].text.lower() for ent in self.doc.ents
                                     if ent.label_ == "PERSON" and len(ent) >= 2}
        return self.texts[s].lower() not in self._person_surnames

    def _appositive_org_noun(self, e: int) -> Optional[str]:
        """", the [modifiers] <organisation noun>," right after the name, read off the words."""
        texts = self.texts
        if e + 3 >= self.n or texts[e] != "," or texts[e + 1].lower() not in _LEADING_DROP:
            return None
        j = e + 2
        while j < min(e + 6, self.n) and texts[j].islower() and texts[j].replace("-", "").isalpha() \
                and texts[j] not in HEADLINE_FUNCTION_WORDS:  # not "the editor of the newspaper"
            j += 1
        if j > e + 2 and j < self.n and texts[j] in (",", ")") and texts[j - 1] in ORG_NOUNS:
            return texts[j - 1]
        return None

    def _described_runs(self, taken: bytearray) -> list[tuple[int, int, str, int, int]]:
        """A capitalised word the model left untagged that has an organisation noun in
        apposition and is the subject of a speech verb is an ORG ("Telvane, a broadcaster, said")."""
        doc, texts = self.doc, self.texts
        if self.lower_words is None:
            self.lower_words = {t for t in texts if t.islower()}
        out = []
        for i in range(self.n):
            t, w = doc[i], texts[i]
            if taken[i] or t.ent_type_ or self.blocked[i] or self.headline[i] or t.dep_ != "nsubj" \
                    or t.head.lemma_ not in _SPEECH_LEMMAS:
                continue
            if not (w[:1].isupper() and w[1:].islower() and w.isalpha()) or w.lower() in NON_NAMES \
                    or w.lower() in self.lower_words or is_title_word(w) or is_honorific(w):
                continue
            if self._org_noun_beside(i, i + 1) is not None:
                out.append((i, i + 1, "ORG", i, -1))
        return out

    def _acts_as_person(self, m: _Mention) -> bool:
        """A place-tagged surname used as a person: with a person noun in apposition
        ("Adeyemi, a former librarian,") or as the subject of a speech verb ("Adeyemi said")."""
        if self._person_noun_beside(m.start, m.end):
            return True
        t = self.doc[m.end - 1]
        if self.has_dep and any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.lower_ not in ORG_NOUNS
                                and c.lower_ not in ORG_SUFFIXES for c in t.children):
            return True  # "Adeyemi, a former librarian,"
        return self.has_dep and t.dep_ == "nsubj" and t.head.lemma_ in _SPEECH_LEMMAS

    def _sent_start_of(self, i: int) -> int:
        if self._sent_starts is None:
            self._sent_starts = [t.i for t in self.doc if t.is_sent_start or t.i == 0]
        return self._sent_starts[bisect.bisect_right(self._sent_starts, i) - 1]

    def _person_noun_beside(self, s: int, e: int) -> bool:
        """A title, person or relation noun in apposition to the name ("One protester, Marta
        Kovac,", "her son, Eli Holloway") or a title word right before it ("Governor Renata Holloway")."""
        if s >= 1 and is_title_word(self.texts[s - 1]) and self.texts[s - 1][:1].isupper():
            return True
        if not self.has_dep:
            return False
        root = self.doc[s:e].root
        nouns = [c for c in root.children if c.dep_ == "appos" and c.i >= e]
        if root.dep_ == "appos" and root.head.i < s:
            nouns.append(root.head)
        return any(n.pos_ == "NOUN" and (is_title_word(n.text) or n.lower_ in PERSON_NOUNS
                                        or n.lower_ in RELATION_GENDER) for n in nouns)

    def _named_like_person(self, s: int, e: int) -> bool:
        """"Lina Park, who worked for the firm, said": a two- or three-word name with a "who"
        relative clause, or a given name first and the subject of a speech verb, is a person
        whatever the model's type."""
        if not (self.has_dep and e - s in (2, 3)):
            return False
        root = self.doc[s:e].root
        if any(c.dep_ == "relcl" and any(w.lower_ == "who" for w in c.children) for c in root.children):
            return True  # places and firms take "which"
        return is_given_name(self.texts[s]) and root.dep_ == "nsubj" and root.head.lemma_ in _SPEECH_LEMMAS

    def _opens_sentence(self, i: int) -> bool:
        doc = self.doc
        start = self._sent_start_of(i) if doc.has_annotation("SENT_START") else 0
        return all(_is_punct(t) or t.isspace() for t in self.texts[start:i])

    # -- pass 1: pieces --------------------------------------------------
    def _pieces(self) -> list[tuple[int, int, str, int, int]]:
        """(start, end, label, title_start, acronym_token) of every usable span; -1 = none."""
        texts, doc = self.texts, self.doc
        out = []
        for ent in doc.ents:
            label = ent.label_
            if label in BLOCKING_LABELS:
                for i in range(ent.start, ent.end):
                    # dates keep capitalised non-date words usable ("BEIJING 1996-08-30")
                    w = texts[i]
                    if label not in ("DATE", "TIME") or not w[:1].isupper() or w.lower() in NON_NAMES:
                        self.blocked[i] = 1
                continue
            if label not in KEPT_LABELS:
                continue
            s = ent.start
            for i in range(ent.start, ent.end + 1):
                if i < ent.end:
                    w = texts[i]
                    if w == "," and not (i + 1 < ent.end and texts[i + 1].lower() in _NAME_SUFFIXES):
                        pass
                    elif w.islower() and label != "WORK_OF_ART" and doc[i].tag_ in _FINITE_VERB_TAGS:
                        pass  # "Trump accused Holt" is two names around a verb
                    elif not (w in _SPLIT_TOKENS or w.isspace()):
                        continue
                piece = self._trim(s, i, label)
                if piece is not None:
                    out.append(piece)
                s = i + 1
        out.extend(self._missed_runs(out))
        return self._join_pieces(out)

    def _join_pieces(self, pieces: list[tuple[int, int, str, int, int]]) -> list[tuple[int, int, str, int, int]]:
        """An organisation the model split: a country code in brackets after it ("Brightwater
        Insurance (UK)"), a union local's number ("Local 88") and a place run straight into it ("Granger County District" +
        "Attorney's Office") are part of its name."""
        texts, n = self.texts, self.n
        pieces = sorted(pieces)
        out: list[tuple[int, int, str, int, int]] = []
        skip_to = -1
        for k, (s, e, label, ts, acr) in enumerate(pieces):
            if s < skip_to:
                continue
            if label in ("GPE", "LOC") and k + 1 < len(pieces):
                s2, e2, label2, _, acr2 = pieces[k + 1]
                if label2 == "ORG" and s2 == e and texts[s2][:1].isupper() and is_org_suffix(texts[e2 - 1]):
                    e, label, acr = e2, "ORG", acr2
            if label == "ORG" and k + 1 < len(pieces) and self._of_place(e, pieces[k + 1]):
                e = pieces[k + 1][1]  # "Reserve Bank" + "of Calvara": the place is part of the name
            if label == "ORG" and e < n and texts[e - 1].lower() == "local" and texts[e].isdigit():
                e += 1  # "Bakery Workers Local 88": a union local's number
            if label == "ORG" and e + 2 < n and texts[e] == "(" and texts[e + 2] == ")" \
                    and texts[e + 1] in _COUNTRY_CODES:
                e = e + 3
            out.append((s, e, label, ts, acr))
            skip_to = e
        return out

    def _of_place(self, e: int, nxt: tuple[int, int, str, int, int]) -> bool:
        """The organisation ending at ``e`` in an institution word goes on with "of <place>"
        ("Reserve Bank of Calvara", "Ministry of Health of Dunesse")."""
        s2, e2, label2 = nxt[0], nxt[1], nxt[2]
        if label2 not in ("GPE", "LOC") or s2 != e + 1 or self.texts[e].lower() != "of" \
                or not is_org_suffix(self.texts[e - 1]) or not self.has_dep:
            return False
        return self.doc[e].head.i == e - 1 and self.doc[e2 - 1].head.i in range(e, e2)

    def _name_token(self, i: int) -> bool:
        """A capitalised proper-noun token outside any model entity, usable to extend a name."""
        t = self.doc[i]
        w = self.texts[i]
        return (w[:1].isupper() and not t.ent_type_ and not self.blocked[i] and not self.headline[i]
                and w.replace("-", "").isalpha() and w.lower() not in NON_NAMES
                and (t.pos_ == "PROPN" or t.pos_ == "NOUN" and not self._opens_sentence(i)))

    def _extend(self, s: int, e: int) -> tuple[int, int]:
        """Grow [s, e) over proper nouns of the same compound the model left out: "Sheriff" before
        "Ana Kowal", "Harbour Board" after "Dunmore Bay", "Pilots'" before "Guild"."""
        if not self.has_dep:
            return s, e
        doc, texts = self.doc, self.texts
        while s > 0:
            j = s - 1
            if texts[j] in ("'", "’", "'s", "’s") and j > 0 and doc[j].dep_ == "case" and self._name_token(j - 1) \
                    and doc[j - 1].dep_ == "poss" and s <= doc[j - 1].head.i < e:
                s = j - 1  # "Pilots' Guild"
                continue
            if self._name_token(j) and doc[j].dep_ in ("compound", "flat") and s <= doc[j].head.i < e:
                s = j
                continue
            break
        while e < self.n and self._name_token(e) and doc[e - 1].dep_ in ("compound", "flat") \
                and doc[e - 1].head.i == e and is_org_suffix(texts[e]) or (
                    e + 1 < self.n and self._name_token(e) and self._name_token(e + 1)
                    and doc[e - 1].head.i in (e, e + 1) and doc[e].head.i == e + 1 and is_org_suffix(texts[e + 1])):
            e += 1
        return s, e

    def _missed_runs(self, pieces: list[tuple[int, int, str, int, int]]) -> list[tuple[int, int, str, int, int]]:
        """Names the model missed: a run of proper nouns of one compound ending in an
        organisation word ("The Dunmore Bay Harbour Board said") is an ORG; one opening with
        a title word ("Sheriff Ana Kowal said") a PERSON (the title is not part of the name)."""
        if not self.has_dep:
            return []
        taken = bytearray(self.n)
        for a, b, *_ in pieces:
            taken[a:b] = b"\x01" * (b - a)
        out = []
        texts = self.texts
        for i in range(self.n):
            if taken[i] or not self._name_token(i):
                continue
            if i + 1 < self.n and self._name_token(i + 1) and self.doc[i].head.i == i + 1:
                continue  # not the head of its compound
            s, e = self._extend(i, i + 1)
            if e - s < 2 or any(taken[s:e]):
                continue
            if is_org_suffix(texts[e - 1]) or (texts[e - 1].lower() in ORG_NAME_WORDS
                                                and self.doc[s].pos_ == "PROPN"):
                out.append((s, e, "ORG", s, -1))
            elif is_title_word(texts[s]) and not is_title_word(texts[e - 1]):
                k = s
                while k < e - 1 and (is_title_word(texts[k]) or is_honorific(texts[k])):
                    k += 1
                out.append((k, e, "PERSON", s, -1))
            else:
                continue
            taken[s:e] = b"\x01" * (e - s)
        return out + self._described_runs(taken)

    def _trim(self, s: int, e: int, label: str) -> Optional[tuple[int, int, str, int, int]]:
        texts = self.texts
        while s < e and (texts[s].lower() in _LEADING_DROP or _is_punct(texts[s])):
            s += 1
        while e > s and (texts[e - 1].lower() in _POSSESSIVE or _is_punct(texts[e - 1])
                         or (label in _NO_TRAILING_NUMBER and texts[e - 1][:1].isdigit())):
            e -= 1  # possessive, punctuation, a swallowed date ("NEW YORK 1996-08-30")
        if s >= e:
            return None
        if label in _NO_TRAILING_NUMBER or label == "ORG":
            cut = next((i for i in range(s + 1, e) if texts[i][:1].isdigit()), e)
            if cut < e and (label != "ORG" or self.doc[cut].ent_type_ in BLOCKING_LABELS or cut + 1 < e):
                e = cut  # "Cressly Water 4.2 million pounds": a swallowed amount
                while e > s and _is_punct(texts[e - 1]):
                    e -= 1
        if s >= e:
            return None
        if label in ("PERSON", "ORG"):
            while e - s > 1 and self.doc[s].tag_.startswith("VB"):
                s += 1  # a sentence-initial verb swallowed by the span ("Injecting Clinton")
        s, e = self._extend(s, e)
        if label != "PERSON" and e - s >= 3 and is_title_word(texts[s]) and texts[s][:1].isupper() \
                and not is_org_suffix(texts[e - 1]) and all(w[:1].isupper() for w in texts[s + 1:e]):
            label = "PERSON"  # "Lawyer Femi Adewale", "Sheriff Ana Kowal" tagged ORG
        title_start = s
        if label == "PERSON":
            last_title = -1
            for i in range(s, e - 1):
                w = texts[i]
                if (is_title_word(w) or is_honorific(w)) and not (i == e - 2 and is_given_name(w)):
                    last_title = i  # "manager Dean Kowalczyk": "Dean" before a lone surname is a name
                elif not (w[:1].isupper() or w.lower() in ("of", "-", "the")):
                    break
            if last_title >= 0:
                s = last_title + 1
        if self._junk(s, e):
            return None
        if label != "PERSON" and self._inside_title(s, e):
            return None  # "State" in "Secretary of State Marco Rubio" is part of a title
        acronym = -1
        if label != "PERSON" and e + 2 < self.n and texts[e] == "(" and texts[e + 2] == ")" and is_acronym(texts[e + 1]):
            acronym = e + 1
        return (s, e, label, title_start, acronym)

    def _inside_title(self, s: int, e: int) -> bool:
        texts = self.texts
        return (s >= 2 and texts[s - 1].lower() == "of" and is_title_word(texts[s - 2])
                and e < self.n and self.doc[e].ent_type_ == "PERSON")

    def _junk(self, s: int, e: int) -> bool:
        words = self.texts[s:e]
        if not any(w[:1].isupper() for w in words):
            return True
        alpha = [w for w in words if w.isalpha()]
        if alpha and 2 * sum(len(w) == 1 for w in alpha) >= len(alpha):
            return True  # "N / A", "W L PCT GB": table debris, not names
        content = [w for w in alpha if w.lower() not in HEADLINE_FUNCTION_WORDS]
        if len(content) >= 3 and 2 * sum(w.islower() for w in content) > len(content):
            return True  # mostly lower-case words: a clause, not a name ("Let's start with breaking news")
        if all(w.lower() in NON_NAMES or _is_punct(w) for w in words):
            return True
        if all(is_title_word(w) or is_honorific(w) for w in words):
            return True
        doc = self.doc
        return all(doc[i].tag_ in _NON_NAME_TAGS or doc[i].like_num or _is_punct(self.texts[i]) for i in range(s, e))

    # -- clustering ------------------------------------------------------
    def _key(self, s: int, e: int, label: Optional[str]) -> tuple[str, tuple[str, ...], Optional[tuple[str, str]]]:
        words = tuple(w for w in self.nwords[s:e] if w)
        key = " ".join(words)
        fixed = CANONICAL_ALIASES.get(key)
        if fixed is None and label in ("GPE", "LOC"):
            fixed = PLACE_ONLY_ALIASES.get(key)
        if fixed is not None:
            return "=" + fixed[0], words, fixed
        return key, words, None

    def _add(self, m: _Mention) -> _Cluster:
        key, words, fixed = self._key(m.start, m.end, m.label)
        cl = self.by_key.get(key)
        if cl is None:
            cl = _Cluster(key, words, fixed)
            self.by_key[key] = cl
            self.clusters.append(cl)
        cl.mentions.append(m)
        self._cover(m)
        return cl

    def _cover(self, m: _Mention) -> None:
        self.covered[m.title_start:m.end] = b"\x01" * (m.end - m.title_start)

    def _merge(self, src: _Cluster, dst: _Cluster) -> None:
        if src is dst:
            return
        dst.mentions.extend(src.mentions)
        dst.acronyms.extend(a for a in src.acronyms if a not in dst.acronyms)
        src.mentions = []
        if self.by_key.get(src.key) is src:
            self.by_key[src.key] = dst

    def _merge_persons(self) -> None:
        # a two-word name sharing its last word with a person's full name is a relative, not a
        # place or firm the model made of it ("Ana Soler" tagged LOC beside "Luis Soler")
        surnames = {c.words[-1] for c in self.clusters if c.mentions and len(c.words) >= 2
                    and c.majority() == "PERSON" and c.fixed is None}
        for c in self.clusters:
            if c.mentions and c.fixed is None and 2 <= len(c.words) <= 3 and c.words[-1] in surnames \
                    and c.majority() not in ("PERSON", None) and c.key not in self.forced \
                    and not is_org_suffix(c.words[-1]) and not is_fac_suffix(c.words[-1]):
                for m in c.mentions:
                    m.label = "PERSON"
        people = [c for c in self.clusters if c.fixed is None and len(c.words) >= 2 and c.majority() == "PERSON"
                  and c.key not in self.forced]
        people.sort(key=lambda c: -len(c.words))
        kept: list[_Cluster] = []
        for c in people:
            hyphenated = len(c.words) == 3 and c.words[1] == "-"
            for p in kept:
                if c.words[0] == p.words[0] and c.words[-1] == p.words[-1] and _subsequence(c.words, p.words) \
                        or hyphenated and len(p.words) > 3 and p.words[-3:] == c.words:  # "Reyes-Holt" of "Dana Reyes-Holt"
                    self._merge(c, p)
                    break
            else:
                c.person = True
                kept.append(c)
        for p in kept:
            self.surnames.setdefault(p.words[-1], []).append(p)
        firsts: dict[str, list[_Cluster]] = {}
        for p in kept:
            if p.words[0] not in self.surnames and not is_title_word(p.words[0]):
                firsts.setdefault(p.words[0], []).append(p)
        for c in self.clusters:
            if not c.mentions or c.person or c.fixed is not None or len(c.words) != 1 or c.key in self.forced:
                continue
            # surname first; else a given name or a family-name-first name ("Wang" -> "Wang Donghai")
            cands = self.surnames.get(c.words[0]) or firsts.get(c.words[0])
            if not cands:
                continue
            counts = c.labels()
            maj = c.majority()
            if not (maj == "PERSON" or maj in RETYPABLE_TO_PERSON or counts["PERSON"] >= counts[maj]
                    or any(self._acts_as_person(m) for m in c.mentions)):
                continue
            for m in c.mentions:
                bearer = self._pick(cands, m.start)
                if bearer is not None:
                    bearer.mentions.append(m)
            c.mentions = []
            self.by_key[c.key] = cands[0]

    def _pick(self, cands: list[_Cluster], pos: int) -> Optional[_Cluster]:
        """Which bearer of a shared surname the bare mention at token ``pos`` names.

        In order: an honorific that says the gender ("Mrs. Finch"); a full name earlier in the
        same sentence, or as the subject of the sentence just before in the same paragraph
        ("His sister Mary Smith bought a shop. Smith said ..."); else the bearer the article is
        about: the only one not introduced through a relation ("her husband, Tomas Holloway",
        "Drager's brother, Kasimir Drager"), or the one with most full mentions. With no such
        evidence, None: no entity rather than a wrong one."""
        if len(cands) == 1:
            return cands[0]
        hon = self._honorific_gender(pos)
        if hon is not None:
            match = [c for c in cands if self._gender(c) == hon]
            if len(match) == 1:
                return match[0]
        source = self._continuing_source(cands, pos)
        if source is not None:
            return source
        local = self._local_bearer(cands, pos)
        if local is not None:
            return local
        free = [c for c in cands if not self._relation_introduced(c)]
        if len(free) == 1:
            return free[0]
        return self._salient(free or cands, pos)

    def _salient(self, pool: list[_Cluster], pos: int) -> _Cluster | None:
        """The bearer the article is about, on the evidence before ``pos`` (all of it when no
        full name comes before): a point each for being introduced first, named in full more
        often, with a title ("Senator Colm Reid"), and as the subject of a main clause. One
        must lead by :data:`_SALIENCE_MARGIN` points; a close call gives None."""
        full = {id(c): [m for m in self._full(c) if m.start < pos] for c in pool}
        if not any(full.values()):
            full = {id(c): self._full(c) for c in pool}
        first = min((m.start for ms in full.values() for m in ms), default=-1)
        most = max(len(ms) for ms in full.values())
        scored = []
        for c in pool:
            ms = full[id(c)]
            score = (any(m.start == first for m in ms)
                     + (len(ms) == most and sum(len(x) == most for x in full.values()) == 1)
                     + any(self._titled(m) for m in ms)
                     + any(self._main_subject(m) for m in ms))
            scored.append((score, c))
        scored.sort(key=lambda x: -x[0])
        return scored[0][1] if scored[0][0] - scored[1][0] >= _SALIENCE_MARGIN else None

    def _titled(self, m: _Mention) -> bool:
        """A title word in or just before the full mention ("Governor Ada Roe", "President Roe")."""
        j = m.title_start - 1
        return m.title_start < m.start or j >= 0 and is_title_word(self.texts[j]) and self.texts[j][:1].isupper()

    def _main_subject(self, m: _Mention) -> bool:
        if not self.has_dep:
            return False
        root = self.doc[m.start:m.end].root
        return _is_subject(root) and self._clause_head(root).dep_ == "ROOT"

    @staticmethod
    def _clause_head(tok):  # type: ignore[no-untyped-def]
        """The verb whose subject ``tok`` (or the noun it is apposed/compounded to) is."""
        for _ in range(4):
            if tok.dep_ in ("nsubj", "nsubjpass"):
                return tok.head
            tok = tok.head
        return tok

    def _full(self, c: _Cluster) -> list[_Mention]:
        return [m for m in c.mentions if m.end - m.start >= 2]

    def _honorific_gender(self, pos: int) -> Optional[str]:
        w = self.nwords[pos - 1] if pos >= 1 else ""
        return "m" if w in MALE_TITLES else "f" if w in FEMALE_TITLES else None

    def _relation_noun(self, m: _Mention) -> Optional[str]:
        """The relation noun introducing a full mention: "her husband, Tomas Holloway", "His
        sister Mary Smith", "Drager's wife, Lotte Drager"."""
        j = m.title_start - 1
        while j >= 0 and self.texts[j] in (",", "’s", "'s"):
            j -= 1
        if j >= 0 and self.nwords[j] in RELATION_GENDER:
            return self.nwords[j]
        if self.has_dep:
            root = self.doc[m.start:m.end].root
            if root.dep_ == "appos" and root.head.lower_ in RELATION_GENDER:
                return root.head.lower_
        return None

    def _relation_introduced(self, c: _Cluster) -> bool:
        full = self._full(c)
        return bool(full) and self._relation_noun(min(full, key=lambda m: m.start)) is not None

    def _gender(self, c: _Cluster) -> Optional[str]:
        votes = {"m": 0, "f": 0}
        for m in self._full(c):
            rel = self._relation_noun(m)
            if rel is not None:
                votes[RELATION_GENDER[rel]] += 2
            first = self.nwords[m.start]
            if first in MALE_NAMES:
                votes["m"] += 1
            elif first in FEMALE_NAMES:
                votes["f"] += 1
            h = self._honorific_gender(m.title_start) or self._honorific_gender(m.start)
            if h is not None:
                votes[h] += 2
        if votes["m"] == votes["f"]:
            return None
        return "m" if votes["m"] > votes["f"] else "f"

    def _continuing_source(self, cands: list[_Cluster], pos: int) -> Optional[_Cluster]:
        """A bare surname speaking ("Clinton said …") continues the bearer who last spoke or
        took a stance earlier in the same paragraph ("Hillary Clinton … criticized …. Bill
        Clinton did not attend. Clinton said …"), as news copy does."""
        if not self.has_dep or not names_source(self.doc[pos]):
            return None
        para_start = self.text.rfind("\n", 0, self.doc[pos].idx)
        best, best_pos = None, -1
        for c in cands:
            for m in self._full(c):
                if m.start < pos and self.doc[m.start].idx > para_start and m.start > best_pos \
                        and names_source(self.doc[m.start:m.end].root):
                    best, best_pos = c, m.start
        return best

    def _local_bearer(self, cands: list[_Cluster], pos: int) -> Optional[_Cluster]:
        if not self.has_dep:
            return None
        doc = self.doc
        sent = doc[pos].sent
        prev = doc[sent.start - 1].sent if sent.start > 0 else None
        if prev is not None and "\n" in self.text[prev.start_char:sent.start_char]:
            prev = None  # a paragraph break between them
        best, best_pos = None, -1
        for c in cands:
            for m in self._full(c):
                if m.start >= pos:
                    continue
                here = sent.start <= m.start
                subj = prev is not None and prev.start <= m.start < prev.end and _is_subject(doc[m.start:m.end].root)
                if (here or subj) and m.start > best_pos:
                    best, best_pos = c, m.start
        return best

    def _merge_acronyms(self, acronym_of: list[tuple[int, _Cluster]]) -> None:
        for tok, cl in acronym_of:
            acr = self.nwords[tok]
            if acr not in cl.acronyms:
                cl.acronyms.append(acr)
            other = self.by_key.get(acr)
            if other is not None and other is not cl and other.fixed is None:
                self._merge(other, cl)
        orgs = [c for c in self.clusters if c.mentions and len(c.words) >= 2 and c.majority() == "ORG"]
        if not orgs:
            return
        for c in self.clusters:
            if not c.mentions or c.fixed is not None or len(c.words) != 1 or c.person:
                continue
            m0 = c.mentions[0]
            surface = self.texts[m0.start]
            if not is_acronym(surface):
                continue
            letters = surface.replace(".", "")
            hits = [o for o in orgs if o is not c and initials(list(self.texts[o.mentions[0].start:o.mentions[0].end])) == letters]
            if len(hits) == 1:
                if c.key not in hits[0].acronyms:
                    hits[0].acronyms.append(c.key)
                self._merge(c, hits[0])

    def _merge_short_forms(self) -> None:
        """An organisation's short form joins it: the first or last words of exactly one longer
        organisation name ("Halvex" -> "Halvex Robotics", "Transit" -> "Northgate Transit",
        "Barrow & Finch" -> "Barrow & Finch Construction"). Places, people and names shared by
        two organisations ("Dunmore Bay" of "Dunmore Bay Police" and "Dunmore Bay Harbour
        Board") stay apart."""
        orgs = [c for c in self.clusters if c.mentions and c.fixed is None and len(c.words) >= 2 and not c.person
                and (c.majority() == "ORG" or is_org_suffix(c.words[-1]) or any(id(m) in self.org_described
                                                                                for m in c.mentions))]
        if not orgs:
            return
        for c in self.clusters:
            if not c.mentions or c.fixed is not None or c.person or c.key in self.forced:
                continue
            if c.majority() in ("GPE", "LOC", "NORP", "FAC", "DATE") or c.words in self.surnames_words():
                continue
            n = len(c.words)
            hits = [o for o in orgs if o is not c and len(o.words) > n
                    and (o.words[:n] == c.words or o.words[-n:] == c.words)]
            if len(hits) == 1:
                for m in c.mentions:
                    m.label = None  # the short form's own tag ("Skyhaven" as PERSON) does not vote
                self._merge(c, hits[0])

    def surnames_words(self) -> set[tuple[str, ...]]:
        return {(w,) for w in self.surnames}

    # -- name look-up for headlines and missed mentions -------------------
    def _build_lookup(self) -> None:
        forms: dict[tuple[str, ...], list[_Cluster]] = {}

        def add(words: tuple[str, ...], cl: _Cluster) -> None:
            if not words or (len(words) == 1 and len(words[0]) < 2):
                return
            lst = forms.setdefault(words, [])
            if cl not in lst:
                lst.append(cl)

        for cl in self.clusters:
            if not cl.mentions:
                continue
            for m in cl.mentions:
                add(tuple(w for w in self.nwords[m.start:m.end] if w), cl)
            for a in cl.acronyms:
                add((a,), cl)
            if cl.person:
                add((cl.words[-1],), cl)
            if cl.fixed is not None:
                for k, v in CANONICAL_ALIASES.items():
                    if v == cl.fixed:
                        add(tuple(k.split()), cl)
        for words, cls in forms.items():
            self.lookup.setdefault(words[0], []).extend((words, c) for c in cls)
        for lst in self.lookup.values():
            lst.sort(key=lambda x: -len(x[0]))

    def _match_at(self, i: int, limit: int, require_case: bool) -> Optional[tuple[int, _Cluster]]:
        """The longest known name starting at token ``i`` (ending <= ``limit``): (end, cluster)."""
        cands = self.lookup.get(self.nwords[i])
        if not cands:
            return None
        texts = self.texts
        if require_case and not texts[i][:1].isupper():
            return None
        for words, cl in cands:
            j = i + len(words)
            if j > limit or tuple(self.nwords[i:j]) != words:
                continue
            if any(self.covered[i:j]) or any(self.blocked[i:j]):
                continue
            if len(words) == 1:
                w = texts[i]
                short = len(words[0]) <= 3
                if short and not w.replace(".", "").isupper():
                    continue  # "us" is not the US, "Un" is not the UN
                if require_case and not short and self.doc[i].tag_ not in _PROPER_TAGS and not is_acronym(w) \
                        and not self._surname_as_noun(i, cl):
                    continue
            same = [c for ws, c in cands if ws == words]
            if len(same) > 1:
                picked = self._pick(same, i)
                if picked is None:
                    return None
                cl = picked
            return j, cl
        return None

    def _surname_as_noun(self, i: int, cl: _Cluster) -> bool:
        """A person's surname the model tagged as a common noun ("Ambrose said …"): capitalised,
        a clause argument, and never written in lower case in the article."""
        if not cl.person or self.nwords[i] != cl.words[-1] or not self.has_dep:
            return False
        if self.lower_words is None:
            self.lower_words = {w for w in self.texts if w.islower()}
        return self.texts[i].lower() not in self.lower_words and self.doc[i].dep_ in _ARG_DEPS

    def _headline_piece(self, s: int, e: int, label: str, title_start: int) -> None:
        """Keep only the known names inside a headline span, or the span if it is all proper nouns."""
        found = False
        i = s
        while i < e:
            hit = self._match_at(i, e, require_case=False)
            if hit is None:
                i += 1
                continue
            j, cl = hit
            m = _Mention(i, j, None, i, True)
            cl.mentions.append(m)
            self._cover(m)
            found = True
            i = j
        if found:
            return
        doc = self.doc
        if e - s > 4 or not all(doc[i].tag_ in _PROPER_TAGS for i in range(s, e)):
            return
        if self.lower_words is None:
            self.lower_words = {w for w in self.texts if w.islower()}
        # a word the article also writes in lower case is a common word, not a name part ("Trade Deal")
        if not any(self.texts[i].lower() in self.lower_words and self.texts[i].lower() not in HEADLINE_FUNCTION_WORDS
                   for i in range(s, e)):
            self._add(_Mention(s, e, label, title_start, True))

    def _scan(self) -> None:
        """Add mentions of known names the model missed."""
        i, n, headline, covered, lookup, nwords = 0, self.n, self.headline, self.covered, self.lookup, self.nwords
        while i < n:
            if covered[i] or nwords[i] not in lookup:
                i += 1
                continue
            hit = self._match_at(i, n, require_case=not headline[i])
            if hit is None:
                i += 1
                continue
            j, cl = hit
            m = _Mention(i, j, None, i, bool(headline[i]))
            cl.mentions.append(m)
            self._cover(m)
            i = j

    # -- roles -----------------------------------------------------------
    def _span_text(self, s: int, e: int) -> str:
        doc = self.doc
        last = doc[e - 1]
        return " ".join(self.text[doc[s].idx:last.idx + len(last.text)].split())

    def _roles(self, m: _Mention, role_tokens: list[int]) -> list[str]:
        roles: list[str] = []
        if m.headline:  # the parse of headline-case lines is unreliable
            return roles
        doc, texts = self.doc, self.texts
        # premodifiers, including title words the model put inside the PERSON span
        left = m.title_start
        j = left - 1
        sent_start = doc[m.start].sent.start if self.has_dep else 0
        while j >= sent_start and m.start - j <= _MAX_PREMOD_TOKENS:
            w = texts[j]
            t = doc[j]
            if t.ent_type_ in BLOCKING_LABELS or t.ent_type_ == "PERSON" or self.headline[j] != self.headline[m.start]:
                break
            if w.lower() == "of":
                if j - 1 >= sent_start and is_title_word(texts[j - 1]) and texts[j + 1][:1].isupper():
                    j -= 1
                    continue
                break
            if t.pos_ in ("PROPN", "NOUN", "ADJ") or is_title_word(w) or is_honorific(w):
                j -= 1
                continue
            if (w == "-" and not t.whitespace_ and j > sent_start and not doc[j - 1].whitespace_) \
                    or (w.isspace() and "\n" not in w):
                j -= 1  # "vice-presidential", a no-break space
                continue
            break
        run = [k for k in range(j + 1, m.start) if not is_honorific(texts[k]) and not texts[k].isspace()]
        while run and (texts[run[0]].lower() == "of" or _is_punct(texts[run[0]])):
            run.pop(0)
        if run and any(is_title_word(texts[k]) for k in run):
            roles.append(self._span_text(run[0], run[-1] + 1))
            role_tokens.extend(run)
        if not self.has_dep:
            return roles
        root = doc[m.start:m.end].root
        for child in root.children:
            if child.i < m.end:
                continue
            if child.dep_ == "appos" and (child.pos_ == "NOUN" or is_title_word(child.text)) and child.ent_type_ != "PERSON":
                role = self._clean_role(*self._np_bounds(child))
                if role:
                    roles.append(role)
            elif child.dep_ == "relcl" and doc[child.left_edge.i].lower_ == "who" and child.left_edge.i >= m.end:
                if child.lemma_ == "be":
                    for gc in child.children:
                        if gc.dep_ == "attr" and gc.i > child.i:
                            role = self._clean_role(*self._np_bounds(gc))
                            if role:
                                roles.append(role)
                            break
                elif child.lemma_ in ROLE_VERBS:
                    role = self._clean_role(child.left_edge.i + 1, child.right_edge.i + 1, need_title=False)
                    if role:
                        roles.append(role)
        head = root.head
        if root.dep_ == "appos" and head.i < m.start and (head.pos_ == "NOUN" or is_title_word(head.text)) \
                and head.ent_type_ != "PERSON" and head.right_edge.i >= m.start and not misattached_appos(root):
            a = head.left_edge.i
            b = head.i + 1
            role = self._clean_role(a, b)
            if role:
                roles.append(role)
        return roles

    @staticmethod
    def _np_bounds(tok) -> tuple[int, int]:
        """The noun phrase headed by ``tok`` with its right "of/for/at ..." modifiers, without relative clauses."""
        a, b = tok.left_edge.i, tok.i + 1
        for child in tok.rights:
            if child.dep_ == "prep" and child.i == b:
                b = child.right_edge.i + 1
            else:
                break
        return a, b

    def _clean_role(self, a: int, b: int, need_title: bool = True) -> Optional[str]:
        texts = self.texts
        for k in range(a, b):
            if texts[k] in _SPLIT_TOKENS:
                b = k  # "advisor to Vice President (then-Senator" -> cut at the bracket
                break
        while a < b and _is_punct(texts[a]):
            a += 1
        while b > a and _is_punct(texts[b - 1]):
            b -= 1
        if b <= a or b - a > _MAX_ROLE_TOKENS:
            return None
        if any(self.doc[k].ent_type_ == "PERSON" for k in range(a, b)):
            return None
        if need_title and not any(is_title_word(w) or w.lower() in PERSON_NOUNS for w in texts[a:b]):
            return None  # "15 percent polling threshold" is not a position
        return self._span_text(a, b)

    # -- output ------------------------------------------------------------
    def run(self) -> tuple[list[Entity], dict[str, Any]]:
        heads: list[tuple[int, int, str, int]] = []
        acronym_of: list[tuple[int, _Cluster]] = []
        datelines = self._datelines()
        places = set(datelines)
        self.forced = self._dateline_types(datelines)
        for s, e, label, title_start, acr in self._pieces():
            if (s, e) in places:
                label = "GPE"
                places.discard((s, e))
            elif e - s >= 2 and (label == "PERSON" and is_org_suffix(self.texts[e - 1])
                                 or label == "LOC" and bare_word(self.texts[e - 1]) in _OFFICE_ENDINGS
                                 or label in ("GPE", "LOC") and bare_word(self.texts[e - 1]) in _NOT_PLACE_ENDINGS):
                label = "ORG"  # "Kessler Polymers", "Acme Holdings"; "Granger County Sheriff's Office" typed LOC
            elif label == "ORG" and e - s >= 2 and is_fac_suffix(self.texts[e - 1]):
                label = "FAC"  # "Eastern Docks", "Mill Street"
            if self._common_word(s, e, label):
                continue
            if label != "PERSON" and e - s >= 2 and not is_org_suffix(self.texts[e - 1]) \
                    and (self._person_noun_beside(s, e) or self._named_like_person(s, e)):
                label = "PERSON"  # "One protester, Marta Kovac,", "the commission's chairman, Stanko Vidic"
            noun = self._org_noun_beside(s, e)
            described = noun is not None and not (
                label == "PERSON" and e - s >= 2 and noun in PERSON_OR_ORG_NOUNS)  # "Nils Dorsey, a developer,"
            if described:
                label = "ORG"
            if self.headline[s]:
                heads.append((s, e, label, title_start))
                continue
            m = _Mention(s, e, label, title_start, False)
            if described:
                self.org_described.add(id(m))
            cl = self._add(m)
            if acr >= 0:
                acronym_of.append((acr, cl))
        for s, e in sorted(places):
            if not any(self.covered[s:e]):
                self._add(_Mention(s, e, "GPE", s, False))
        self._merge_persons()
        self._merge_acronyms(acronym_of)
        self._merge_short_forms()
        self._build_lookup()
        for s, e, label, title_start in heads:
            self._headline_piece(s, e, label, title_start)
        self._scan()
        return self._emit()

    def _emit(self) -> tuple[list[Entity], dict[str, Any]]:
        live = [c for c in self.clusters if c.mentions]
        for c in live:
            c.mentions.sort(key=lambda m: m.start)
        live.sort(key=lambda c: c.mentions[0].start)
        doc, text = self.doc, self.text
        entities: list[Entity] = []
        token_entity: dict[int, str] = {}
        role_token_entity: dict[int, str] = {}
        spans: list[tuple[int, int, str]] = []
        for idx, c in enumerate(live):
            eid = f"e{idx}"
            mentions: list[Mention] = []
            surfaces: list[str] = []
            for m in c.mentions:
                a = doc[m.start].idx
                last = doc[m.end - 1]
                b = last.idx + len(last.text)
                mentions.append(Mention(start=a, end=b, text=text[a:b]))
                surfaces.append(" ".join(text[a:b].split()))
                spans.append((a, b, eid))
                for k in range(m.start, m.end):
                    token_entity[k] = eid
            etype = self._type(c)
            name = c.fixed[0] if c.fixed is not None else self._canonical(c, surfaces)
            aliases: list[str] = []
            for s in surfaces + [a.upper() for a in c.acronyms]:
                if s != name and s not in aliases:
                    aliases.append(s)
            roles: list[str] = []
            if etype == "PERSON":
                seen: set[str] = set()
                for m in c.mentions:
                    toks: list[int] = []
                    for r in self._roles(m, toks):
                        if r.lower() not in seen:
                            seen.add(r.lower())
                            roles.append(r)
                    for k in toks:
                        role_token_entity[k] = eid
            entities.append(Entity(id=eid, name=name, type=etype, aliases=aliases, roles=roles, mentions=mentions))
        spans.sort()
        index = {
            "token_entity": token_entity,
            "role_token_entity": role_token_entity,
            "spans": spans,
            "starts": [s[0] for s in spans],
            "entities": {e.id: e for e in entities},
        }
        return entities, index

    def _type(self, c: _Cluster) -> str:
        if c.fixed is not None:
            return c.fixed[1]
        if c.key in self.forced:
            return self.forced[c.key]
        if not c.person and any(id(m) in self.org_described for m in c.mentions):
            return "ORG"  # "Voltique, a maker of batteries," even if other mentions were tagged GPE
        if c.person:
            return "PERSON"
        return c.majority() or "ORG"

    def _canonical(self, c: _Cluster, surfaces: list[str]) -> str:
        """The fullest form: most words, then not ALL CAPS, then most frequent, then first."""
        counts = Counter(surfaces)
        order = {s: i for i, s in reversed(list(enumerate(surfaces)))}
        return min(counts, key=lambda s: (-len(s.split()), s.isupper(),
                                          -counts[s], order[s]))


def _norm_key(text: str) -> str:
    """Cluster key of a free-text name: lower case, periods dropped, no leading "the"."""
    words = [w.strip(".,;:").lower().replace("’", "'") for w in text.split()]
    words = [w for w in words if w]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _is_subject(tok) -> bool:  # type: ignore[no-untyped-def]
    """The token heads a clause subject, directly or through an apposition/compound ("His sister
    Mary Smith bought")."""
    for _ in range(3):
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return True
        if tok.dep_ not in ("appos", "compound", "flat") or tok.head is tok:
            return False
        tok = tok.head
    return False


def _caps_word(word: str) -> bool:
    letters = word.replace(".", "").replace("-", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def extract_entities(doc: "Doc", dateline: Optional[str] = None) -> tuple[list[Entity], dict[str, Any]]:
    """Entities of one article Doc (offsets into ``doc.text``) and the token/char index.

    ``dateline`` is ``article.dateline`` ("BRENFORD (Valley Times)"): its place is typed GPE and
    its bracketed source ORG wherever they are named in the text.
    """
    if len(doc) == 0:
        return [], {"token_entity": {}, "role_token_entity": {}, "spans": [], "starts": [], "entities": {}}
    return _Extractor(doc, dateline).run()


def entity_at(index: dict[str, Any], start: int, end: int) -> Optional[str]:
    """Id of the entity whose mention overlaps characters [start, end) most (None if none)."""
    starts, spans = index["starts"], index["spans"]
    k = bisect.bisect_left(starts, end)
    best, best_overlap = None, 0
    for i in range(k - 1, -1, -1):
        a, b, eid = spans[i]
        if a < start - 200:  # mentions are short: nothing further left can reach ``start``
            break
        overlap = min(b, end) - max(a, start)
        if overlap > best_overlap:
            best, best_overlap = eid, overlap
    return best


@register_stage("entities")
class EntitiesStage:
    """Fills ``article.entities`` and ``work.scratch["entity_index"]`` from ``work.doc``."""

    name = "entities"
    needs_doc = True

    def __call__(self, work: Work) -> None:
        doc = work.doc
        if doc is None:
            return
        if doc_text(doc) != work.article.text:
            work.article.warnings.append("entities: parsed text differs from article text; entities skipped")
            return
        entities, index = extract_entities(doc, work.article.dateline)
        work.article.entities = entities
        work.scratch["entity_index"] = index
        resolver = build_resolver(work.article, doc)
        resolver.add_mentions(entities)  # pronouns and descriptions, with their kind
        work.scratch[RESOLVER_KEY] = resolver
