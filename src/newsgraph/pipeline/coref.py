"""Light, rule-based speaker resolution for the quotes stage.

:class:`SpeakerIndex` maps a speaker mention (a token of the spaCy parse) to a canonical entity:

* names: the entity whose mention covers the token, else a person whose name ends with the
  same surname;
* pronouns (he/she/they/it): the most recent compatible antecedent, preferring the latest
  paragraph with a candidate, then a known gender match (titles Mr./Ms./Mrs., a small
  first-name list, and he/she used in sentences about exactly one person), then the latest
  sentence, then grammatical subjects; text inside direct quotes is never an antecedent;
* roles ("the spokesperson"): the entity carrying that role anywhere in the article
  (``Entity.roles`` matched on the role's head noun, or "spokesperson Jane Roe" / "Jane Roe, a
  spokesperson" in the parse); organisation nouns ("the ministry", "the port authority") go
  first to the ORG/GPE/NORP/FAC entity whose name has that head ("Ministry of Transport", "Port
  Calder Authority"), so a spokeswoman *for* an authority is never "the authority". Indefinite speakers
  ("an official", "sources") stay unresolved.

Entities come from ``article.entities`` (the entities stage); when that list is empty the
index falls back to clustering ``doc.ents`` by surname, and resolved speakers then have no id.
Everything is a linear pass over the tokens plus small per-entity lists.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from ..model import Entity

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

MALE_TITLES = frozenset("mr mr. sir lord king prince father rev. brother".split())
FEMALE_TITLES = frozenset("mrs mrs. ms ms. miss madam dame lady queen princess sister".split())
MALE_PRONOUNS = frozenset("he him his himself".split())
FEMALE_PRONOUNS = frozenset("she her hers herself".split())
GROUP_PRONOUNS = frozenset("they them their".split())
#: A few very common first names, enough to seed gender when no title or pronoun says it.
MALE_NAMES = frozenset(
    """donald joe john james robert michael william david richard joseph thomas charles mark paul
    steven kevin brian george edward ronald anthony jeff bernie ted marco mike chris barack bill
    jeb rand ben tim peter andrew daniel matthew jason eric vladimir xi emmanuel boris olaf
    justin rishi keir benjamin recep narendra jair antonio pedro luis carlos jose juan ahmed
    mohammed ali omar hassan ivan sergei dmitry volodymyr abdel jim tom bob jack harry sam""".split()
)
FEMALE_NAMES = frozenset(
    """hillary mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy
    lisa betty margaret sandra ashley kimberly emily donna michelle carol amanda melissa
    deborah stephanie rebecca laura sharon cynthia kathleen amy angela anna maria karoline
    kamala elizabeth nikki carly melania ivanka chelsea huma kellyanne sarah theresa angela
    ursula jacinda giorgia marine claudia sheinbaum ruth sonia elena jane emma olivia sophie
    julia alice helen kate katie jill""".split()
)
ORG_TYPES = frozenset(["ORG", "NORP", "GPE", "FAC"])
ROLE_DEPS = frozenset(["compound", "appos", "amod", "nmod"])


@dataclass
class _Ent:
    id: Optional[str]
    name: str
    type: str
    roles: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    gender: Optional[str] = None  # "m" / "f"
    votes: dict[str, int] = field(default_factory=dict)

    @property
    def surname(self) -> str:
        parts = self.name.replace("’s", "").replace("'s", "").split()
        return parts[-1].lower() if parts else ""


@dataclass
class Resolved:
    """An entity (or None) for a speaker mention, plus the canonical name to show."""

    name: Optional[str]
    id: Optional[str]
    type: Optional[str] = None


def _fallback_entities(doc: "Doc") -> list[_Ent]:
    """Cluster ``doc.ents`` into entities when the entities stage left none."""
    ents: list[_Ent] = []
    people: list[_Ent] = []
    by_text: dict[tuple[str, str], _Ent] = {}
    for span in doc.ents:
        label = span.label_
        if label not in ("PERSON", "ORG", "GPE", "NORP", "FAC"):
            continue
        text = span.text.strip()
        for pre in ("Mr. ", "Ms. ", "Mrs. ", "Dr. "):
            if text.startswith(pre):
                text = text[len(pre):]
        if text.endswith("’s") or text.endswith("'s"):
            text = text[:-2]
        if not text:
            continue
        rng = (span.start_char, span.end_char)
        if label == "PERSON":
            last = text.split()[-1].lower()
            match = next((p for p in people if p.surname == last or p.name.lower() == text.lower()), None)
            if match is None:
                match = _Ent(None, text, label)
                people.append(match)
                ents.append(match)
            elif len(text) > len(match.name):
                match.name = text
            match.mentions.append(rng)
        else:
            key = (label, text.lower())
            ent = by_text.get(key)
            if ent is None:
                ent = by_text[key] = _Ent(None, text, label)
                ents.append(ent)
            ent.mentions.append(rng)
    return ents


class SpeakerIndex:
    """Resolve speaker tokens of one parsed article to canonical entities."""

    def __init__(self, doc: "Doc", entities: list[Entity], paragraph_starts: list[int],
                 excluded: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.text = doc.text
        self.tok_starts = [t.idx for t in doc]
        self.para_starts = paragraph_starts
        self.excluded = sorted(excluded)
        if entities:
            self.ents = [_Ent(e.id, e.name, e.type, list(e.roles), [(m.start, m.end) for m in e.mentions])
                         for e in entities]
        else:
            self.ents = _fallback_entities(doc)
        # flat, sorted list of mentions: (start, end, entity index)
        self.mentions: list[tuple[int, int, int]] = sorted(
            (s, e, i) for i, ent in enumerate(self.ents) for s, e in ent.mentions)
        self.m_starts = [m[0] for m in self.mentions]
        self._subject_mention: set[int] = set()
        self._sent_of_tok: list[int] = []
        self._roles: dict[str, list[tuple[int, int]]] = {}
        self._scan()

    # -- one pass over the parse: subjects, sentence ids, gender votes, role links ----------
    def _tok(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.tok_starts, offset) - 1)

    def entity_at(self, start: int, end: int) -> Optional[int]:
        """Index of the entity with a mention overlapping [start, end) (the longest overlap)."""
        i = bisect.bisect_left(self.m_starts, end)
        best, best_ov = None, 0
        for j in range(i - 1, max(-1, i - 12), -1):
            s, e, k = self.mentions[j]
            ov = min(e, end) - max(s, start)
            if ov > best_ov:
                best, best_ov = k, ov
        return best

    def _scan(self) -> None:
        doc = self.doc
        sent_id = -1
        for t in doc:
            if t.is_sent_start or sent_id < 0:
                sent_id += 1
            self._sent_of_tok.append(sent_id)
        n_sents = sent_id + 1
        persons_in_sent: list[set[int]] = [set() for _ in range(n_sents)]
        first_person_pos: list[int] = [10 ** 9] * n_sents
        for mi, (s, e, k) in enumerate(self.mentions):
            ent = self.ents[k]
            ti = self._tok(s)
            # titles right before the mention, or inside it
            prev = doc[ti - 1].lower_ if ti > 0 else ""
            head_words = self.text[s:e].lower().split()
            first = head_words[0] if head_words else ""
            if ent.type == "PERSON":
                for w in (prev, first):
                    if w in MALE_TITLES:
                        ent.votes["m"] = ent.votes.get("m", 0) + 5
                    elif w in FEMALE_TITLES:
                        ent.votes["f"] = ent.votes.get("f", 0) + 5
                if first in MALE_NAMES:
                    ent.votes["m"] = ent.votes.get("m", 0) + 2
                elif first in FEMALE_NAMES:
                    ent.votes["f"] = ent.votes.get("f", 0) + 2
                sid = self._sent_of_tok[ti]
                persons_in_sent[sid].add(k)
                first_person_pos[sid] = min(first_person_pos[sid], s)
            # is the mention's syntactic head a subject?
            ei = self._tok(max(s, e - 1))
            for j in range(ti, ei + 1):
                hj = doc[j]
                if hj.head.i < ti or hj.head.i > ei or hj.head.i == hj.i:
                    if hj.dep_ in ("nsubj", "nsubjpass"):
                        self._subject_mention.add(mi)
                    break
            # role nouns linked to the mention: "spokesperson Jane Roe", "Jane Roe, a spokesperson"
            for j in range(ti, ei + 1):
                hj = doc[j]
                for c in list(hj.children) + [hj.head]:
                    if c.i >= ti and c.i <= ei and c is not hj.head:
                        continue
                    if c.pos_ == "NOUN" and (c.dep_ in ROLE_DEPS or (c is hj.head and hj.dep_ == "appos")):
                        self._roles.setdefault(c.lemma_.lower(), []).append((c.idx, k))
        # pronoun votes: a sentence about exactly one person, and the next sentence if it names nobody
        gendered: list[dict[str, int]] = [dict() for _ in range(n_sents)]
        sent_para = [0] * n_sents
        for t in doc:
            if t.is_sent_start or t.i == 0:
                sent_para[self._sent_of_tok[t.i]] = self._para(t.idx)
        for t in doc:
            lw = t.lower_
            g = "m" if lw in MALE_PRONOUNS else "f" if lw in FEMALE_PRONOUNS else None
            if g and not self._excluded(t.idx):
                sid = self._sent_of_tok[t.i]
                if t.idx > first_person_pos[sid] or not persons_in_sent[sid]:
                    gendered[sid][g] = gendered[sid].get(g, 0) + 1
        for sid in range(n_sents):
            if len(persons_in_sent[sid]) != 1:
                continue
            (k,) = persons_in_sent[sid]
            counts = dict(gendered[sid])
            if sid + 1 < n_sents and not persons_in_sent[sid + 1] and sent_para[sid] == sent_para[sid + 1]:
                for g, c in gendered[sid + 1].items():
                    counts[g] = counts.get(g, 0) + c
            for g, c in counts.items():
                self.ents[k].votes[g] = self.ents[k].votes.get(g, 0) + 3 * c
        for ent in self.ents:
            m, f = ent.votes.get("m", 0), ent.votes.get("f", 0)
            if m > f:
                ent.gender = "m"
            elif f > m:
                ent.gender = "f"

    def _excluded(self, offset: int) -> bool:
        i = bisect.bisect_right(self.excluded, (offset, 10 ** 12)) - 1
        return i >= 0 and self.excluded[i][0] <= offset < self.excluded[i][1]

    def _para(self, offset: int) -> int:
        return bisect.bisect_right(self.para_starts, offset) - 1

    # -- public -------------------------------------------------------------------------------
    def gender(self, idx: int) -> Optional[str]:
        return self.ents[idx].gender

    def resolved(self, idx: Optional[int]) -> Resolved:
        if idx is None:
            return Resolved(None, None)
        ent = self.ents[idx]
        return Resolved(ent.name, ent.id, ent.type)

    def by_name(self, text: str) -> Optional[int]:
        """A person/organisation whose name or surname equals ``text``."""
        low = text.lower().strip()
        for pre in ("mr. ", "ms. ", "mrs. ", "dr. ", "mr ", "ms ", "mrs "):
            if low.startswith(pre):
                low = low[len(pre):]
        if not low:
            return None
        last = low.split()[-1]
        for i, ent in enumerate(self.ents):
            if ent.name.lower() == low:
                return i
        for i, ent in enumerate(self.ents):
            if ent.type == "PERSON" and ent.surname == last:
                return i
        return None

    def pronoun(self, word: str, offset: int) -> Optional[int]:
        """Antecedent entity index for the pronoun ``word`` at character ``offset``."""
        w = word.lower()
        if w in MALE_PRONOUNS or w in FEMALE_PRONOUNS:
            want = "m" if w in MALE_PRONOUNS else "f"
            types = ("PERSON",)
        elif w in GROUP_PRONOUNS or w in ("it", "its"):
            want = None
            types = ("ORG", "NORP") if w in GROUP_PRONOUNS else ("ORG",)
        else:
            return None
        here = self._para(offset)
        best_key, best = None, None
        seen: set[int] = set()
        i = bisect.bisect_left(self.m_starts, offset)
        for j in range(i - 1, -1, -1):
            s, e, k = self.mentions[j]
            if k in seen or e > offset or self._excluded(s):
                continue
            ent = self.ents[k]
            if ent.type not in types:
                continue
            seen.add(k)
            if want and ent.gender and ent.gender != want:
                continue
            p = self._para(s)
            if here - p > 3:
                break
            sid = self._sent_of_tok[self._tok(s)]
            key = (p, bool(want and ent.gender == want), sid, j in self._subject_mention, s)
            if best_key is None or key > best_key:
                best_key, best = key, k
        if best is None and w in GROUP_PRONOUNS:
            # "they" for a government or country
            for j in range(i - 1, -1, -1):
                s, e, k = self.mentions[j]
                if self.ents[k].type == "GPE" and not self._excluded(s):
                    return k if here - self._para(s) <= 1 else None
        return best

    def role(self, lemma: str, offset: int) -> Optional[int]:
        """The entity a common-noun speaker stands for, nearest first.

        An organisation noun ("the port authority", "the ministry") is the ORG/GPE/NORP/FAC
        entity whose name has that head word ("Port Calder Authority", "Ministry of
        Transport"); a role noun ("the spokesperson") is the entity carrying that role, matched
        on the role's head ("a spokeswoman for the Port Calder Authority" is a spokeswoman, not
        an authority); failing both, an organisation whose name merely contains the word."""
        lemma = lemma.lower()

        def nearest(i: int) -> int:
            return min((abs(s - offset) for s, _ in self.ents[i].mentions), default=10 ** 9)

        orgs = [(nearest(i), i) for i, ent in enumerate(self.ents)
                if ent.type in ORG_TYPES and name_head(ent.name) == lemma]
        if orgs:
            return min(orgs)[1]
        cands: list[tuple[int, int]] = []
        for i, ent in enumerate(self.ents):
            if any(name_head(r) == lemma for r in ent.roles):
                cands.append((nearest(i), i))
        for pos, k in self._roles.get(lemma, []):
            cands.append((abs(pos - offset), k))
        if not cands:
            for i, ent in enumerate(self.ents):
                if ent.type in ORG_TYPES and lemma in ent.name.lower().split():
                    cands.append((nearest(i), i))
        if not cands:
            return None
        return min(cands)[1]


_HEAD_STOP = frozenset("of for at to in with on from".split())


def name_head(name: str) -> str:
    """Head word of a name or role phrase: the last word before "of/for/at/…", lower-cased and
    without a plural or possessive s ("Ministry of Transport" -> "ministry", "a spokeswoman for
    the Port Calder Authority" -> "spokeswoman", "Transport Minister" -> "minister")."""
    words: list[str] = []
    for w in name.replace("’s", "").replace("'s", "").split():
        if w.lower() in _HEAD_STOP and words:
            break
        words.append(w)
    head = words[-1].lower().strip(".,;:()\"'") if words else ""
    return head
