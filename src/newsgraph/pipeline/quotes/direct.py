"""Direct quotes: pair the quoted segments into chains and find each one's attribution."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Optional

from .base import (_BAD_PATH, _COLON_SPEAKER, _QUOTE_CHARS, _SUBJECT_POS, _TERMINAL, _Attr, _Base, _Chain)
from .marks import Segment

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


class DirectRules(_Base):
    """Attribution of direct quotes (see the package docstring for the order of the rules)."""

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
            if self.is_cue(t):
                if self.own_content(t, close):
                    return None  # '"…." Gov. Roe said it would be "improper"': a new attribution
                subj = self.subject_of(t, lo=close, hi=limit)
                if subj is None:  # misparsed: the nominal before the verb, else an inverted subject after it
                    before = [j for j in range(t.i - 1, i - n, -1) if j >= 0 and doc[j].idx >= close]
                    after = [j for j in range(t.i + 1, min(len(doc), t.i + 6)) if doc[j].idx < limit]
                    subj = self.nominal(before, person_only=False) or self.nominal(after, person_only=True)
                end = t.idx + len(t.text)
                if subj is not None and subj.i > t.i:
                    end = max(end, self.np_span(subj)[1])  # '"A," said Roe, "b."': the clause ends after Roe
                return _Attr(t, self.cue_text(t), subj, end)
            if t.pos_ == "VERB" and t.text[:1].isupper() and t.i > 0 and doc[t.i - 1].text not in _TERMINAL:
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
            if self.is_cue(t):
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
            if cur.pos_ == "VERB" and not bad and (lem in self.lex.characterize
                                                     or as_pobj and self.as_prep(deps, head)):
                # "Obama called the holiday "a celebration …"": needs the verb's own subject
                subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
                if subj is not None and not seg.start <= subj.idx < seg.end:
                    return _Attr(cur, self.cue_text(cur), subj, how="path")
                return None
            if self.is_cue(cur, belief=True) and ("ccomp" in deps or "xcomp" in deps and lem in self.lex.xcomp
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
            lex = self.lex
            reporting = lem in lex.speech or lem in lex.stance or lem in lex.characterize or lem in lex.belief
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
            if self.is_cue(cur):
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
                        and attr.cue.lemma_.lower() in self.lex.speech \
                        and path.cue.lemma_.lower() not in self.lex.speech \
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
                    and (not self.text[prev.attr.clause_end:ch.first.open].strip(" ,.:;\u00a0")
                         or self.adjunct_gap(prev.attr.clause_end, ch.first.open)) \
                    and (ch.attr is None or ch.attr.cue is not None and prev.attr.cue is not None
                         and ch.attr.cue.i == prev.attr.cue.i):
                if self.interrupted(prev, ch):
                    ch.attr = prev.attr
                    ch.merged = True
                    prev.extra.append(ch)
                else:  # '"A," X said. "B."': two sentences, two quotes with one attribution
                    ch.attr = _Attr(prev.attr.cue, prev.attr.cue_text, prev.attr.speaker, how="split")
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
            elif prev is not None and prev.attr is not None and prev.attr.speaker is not None \
                    and ch.first.paragraph - prev.last.paragraph == 1 and self.whole_paragraph(ch.first) \
                    and self.ends_paragraph(prev):
                # '… plan," she said.' then a paragraph that is all quote: wire copy goes on quoting her
                ch.attr = _Attr(prev.attr.cue, prev.attr.cue_text, prev.attr.speaker, how="previous")
                ch.floating = True
            elif words >= 4 and self.keep_unattributed:
                ch.floating = True
        return chains

    def ends_paragraph(self, ch: "_Chain") -> bool:
        """The chain's quote and its attribution close its paragraph (nothing but a period after)."""
        end = max(ch.last.close, ch.attr.clause_end or 0) if ch.attr is not None else ch.last.close
        return not self.text[end:self.paras[ch.last.paragraph][1]].strip(" .,\u00a0\"”")

    def adjunct_gap(self, a: int, b: int) -> bool:
        """``"A," Roe said at the ceremony, "b."``: the attribution clause goes on with a short
        adjunct up to a comma before the next quote (no sentence end, no other cue)."""
        gap = self.text[a:b]
        if not gap.rstrip().endswith(",") or len(gap.split()) > 8 or any(c in gap for c in _QUOTE_CHARS) \
                or any(c in gap for c in ".!?…:;"):
            return False
        return not any(self.is_cue(t, belief=True) for t in self.doc[self.tok_from(a):self.tok_from(b)])

    def interrupted(self, prev: _Chain, ch: _Chain) -> bool:
        """One sentence interrupted by its attribution (``"A," she said, "b."``), not two sentences
        (``"A." she said. "B."`` / ``"A," she said. "B."`` / ``"A," she said: "B."``)."""
        if self.text[prev.last.end - 1] in _TERMINAL or prev.attr is None or prev.attr.clause_end is None:
            return False
        return not any(c in ".!?…:;" for c in self.text[prev.attr.clause_end:ch.first.open])

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
        if any(self.is_cue(t, belief=True) for t in toks) or sum(t.text in _TERMINAL for t in toks) > 1:
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
        if self.doc[k].text == ":" and (subj is None or subj.i > k):
            # 'Roe had a blunt message for them: "…"' parsed as one sentence rooted in the quote:
            # the first subject of a verb before the colon
            lo = self.doc[k].sent.start
            subj = next((c for c in self.doc[lo:k] if c.dep_ == "nsubj" and c.head.i < k
                         and c.head.pos_ in ("VERB", "AUX")), None)
        if subj is None or subj.pos_ not in ("PROPN", "PRON", "NOUN") or self.in_segment(subj.idx):
            return None
        if subj.pos_ == "PRON" and subj.lower_ not in ("he", "she", "they"):
            return None
        if subj.pos_ == "NOUN" and subj.ent_type_ == "" and not any(c.dep_ == "compound" for c in subj.children):
            return None
        return _Attr(root if self.is_cue(root, belief=True) else None,
                     self.cue_text(root) if self.is_cue(root, belief=True) else None, subj)

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


class _Extractor(DirectRules):
    """Everything the quotes stage reads from one article: direct quotes and reported speech."""

    def indirect(self, quoted: list[tuple[int, int]]) -> list[tuple[int, int, _Attr]]:
        """Reported speech (see :mod:`.reported`); ``quoted`` are the attributed direct quotes' ranges."""
        from .reported import find_reported

        return find_reported(self, quoted)
