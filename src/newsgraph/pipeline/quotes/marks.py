"""Quote marks: pairing them into quoted segments, paragraph by paragraph.

:func:`find_quoted_segments` pairs quotation marks paragraph by paragraph in one linear scan:

* double marks: straight ``"``, curly ``“ ”``, low ``„``, guillemets ``« »``, TeX/NYT style
  ``\\`\\``` and two apostrophes ``''``;
* single marks (``‘ ’`` or ``'``) only outside double-quoted text, so nested single quotes stay
  inside their double-quoted quote, and an apostrophe between two letters (``don't``,
  ``Clinton’s``) is never a mark;
* a quote still open at the end of a paragraph continues into the next paragraph when that
  paragraph opens with a mark (the multi-paragraph convention), otherwise it ends there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

_DOUBLE = re.compile(r"''|’’|‘‘|``|[\"“”„‟«»]")
_SINGLE = re.compile(r"[‘’']")
_OPENERS_DOUBLE = frozenset(["“", "„", "«", "``", "‘‘"])
_CLOSERS_DOUBLE = frozenset(["”", "»", "’’"])
_OPEN_BEFORE = set("([{—–-/") | {"\u00a0"}
_CLOSE_AFTER = set(".,;:!?)]}—–-…") | {"\u00a0"}


@dataclass
class Segment:
    """One stretch of quoted text inside one paragraph (offsets into the article text)."""

    open: int  # offset of the opening mark (== start when the quote has no opening mark)
    start: int  # first content character
    end: int  # end of the content (exclusive)
    close: int  # end of the closing mark (== end when unclosed)
    paragraph: int
    closed: bool
    single: bool = False
    continues: Optional[int] = None  # index of the segment this one continues (multi-paragraph)
    continued: bool = False  # a later segment continues this one

    @property
    def length(self) -> int:
        return self.end - self.start


def _role(text: str, pos: int, mark: str, para_start: int, para_end: int) -> str:
    """'open', 'close' or 'amb' for a mark at ``pos`` from the characters around it."""
    if mark in _OPENERS_DOUBLE:
        return "open"
    if mark in _CLOSERS_DOUBLE:
        return "close"
    prev = text[pos - 1] if pos > para_start else None
    nxt = text[pos + len(mark)] if pos + len(mark) < para_end else None
    open_ctx = prev is None or prev.isspace() or prev in _OPEN_BEFORE
    close_ctx = nxt is None or nxt.isspace() or nxt in _CLOSE_AFTER
    if open_ctx and not close_ctx:
        return "open"
    if close_ctx and not open_ctx:
        return "close"
    return "amb"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _pair_double(text: str, ps: int, pe: int, pi: int) -> list[Segment]:
    segs: list[Segment] = []
    open_at: Optional[tuple[int, int]] = None  # (mark pos, mark len)
    for m in _DOUBLE.finditer(text, ps, pe):
        pos, mark = m.start(), m.group()
        role = _role(text, pos, mark, ps, pe)
        if open_at is None:
            if role != "close":
                open_at = (pos, len(mark))
            elif mark == "”" and (pos == ps or text[pos - 1].isspace()) and pos + 1 < pe \
                    and not text[pos + 1].isspace():
                open_at = (pos, len(mark))  # a closing curly mark typed as the opener: ”Fear. …”
            continue
        if role == "open" and mark in _OPENERS_DOUBLE and text[open_at[0]:open_at[0] + open_at[1]] in _OPENERS_DOUBLE:
            # a second explicit opener: the first quote was never closed; end it here
            s, e = _trim(text, open_at[0] + open_at[1], pos)
            segs.append(Segment(open_at[0], s, e, e, pi, closed=False))
            open_at = (pos, len(mark))
            continue
        if role == "open" and mark not in _OPENERS_DOUBLE:
            # an ambiguous-looking straight mark in opening position while open: treat as close
            pass
        s, e = _trim(text, open_at[0] + open_at[1], pos)
        segs.append(Segment(open_at[0], s, e, pos + len(mark), pi, closed=True))
        open_at = None
    if open_at is not None:
        s, e = _trim(text, open_at[0] + open_at[1], pe)
        segs.append(Segment(open_at[0], s, e, e, pi, closed=False))
    return [s for s in segs if s.end > s.start]


def _pair_single(text: str, ps: int, pe: int, pi: int, taken: list[tuple[int, int]]) -> list[Segment]:
    """Single-mark quotes in ``[ps, pe)`` outside the ``taken`` (double-quoted) ranges."""

    def inside(pos: int) -> bool:
        return any(a <= pos < b for a, b in taken)

    segs: list[Segment] = []
    open_pos: Optional[int] = None
    for m in _SINGLE.finditer(text, ps, pe):
        pos = m.start()
        if inside(pos):
            continue
        ch = m.group()
        prev = text[pos - 1] if pos > ps else None
        nxt = text[pos + 1] if pos + 1 < pe else None
        if (prev == "'" or nxt == "'") and ch == "'":
            continue  # part of a '' mark
        is_open = ch in "‘'" and (prev is None or prev.isspace() or prev in _OPEN_BEFORE or prev in "\"“") \
            and nxt is not None and (nxt.isalnum() or nxt in "$£€")
        is_close = ch in "’'" and prev is not None and not prev.isspace() \
            and (nxt is None or nxt.isspace() or nxt in _CLOSE_AFTER or nxt in "\"”")
        if open_pos is None:
            if is_open:
                open_pos = pos
        elif is_close:
            s, e = _trim(text, open_pos + 1, pos)
            if e > s:
                segs.append(Segment(open_pos, s, e, pos + 1, pi, closed=True, single=True))
            open_pos = None
        elif is_open and not (prev is not None and prev.isalnum()):
            open_pos = pos  # an unpaired earlier opener was an apostrophe ('90s, 'em)
    return segs


def find_quoted_segments(text: str, paragraphs: list[tuple[int, int]]) -> list[Segment]:
    """All quoted segments of ``text``, in order; ``paragraphs`` are (start, end) offsets."""
    out: list[Segment] = []
    for pi, (ps, pe) in enumerate(paragraphs):
        doubles = _pair_double(text, ps, pe, pi)
        taken = [(s.open, s.close) for s in doubles]
        singles = _pair_single(text, ps, pe, pi, taken)
        segs = sorted(doubles + singles, key=lambda s: s.open)
        # multi-paragraph continuation: previous paragraph ended inside an unclosed quote and
        # this paragraph starts with an opening mark
        if out and segs:
            last = out[-1]
            first = segs[0]
            if (not last.closed and last.paragraph == pi - 1 and last.close == paragraphs[pi - 1][1]
                    and first.open == ps and first.single == last.single):
                first.continues = len(out) - 1
                last.continued = True
        out.extend(segs)
    return out
