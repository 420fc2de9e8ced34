"""Features of the lines at the top of an article, for the header decoder.

Every feature is a binary indicator named by a string; a line's feature list is scored against
each role by the fitted weights (:mod:`.weights`). Features look at the line itself (length,
sentence form, case, final punctuation, byline/dateline/caption patterns), its position and
block, its similarity to other lines and to the title hint, and at its neighbours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median
from typing import Optional

from .. import structure as st
from .. import authors as au

#: How many non-empty lines at the top of the text the decoder labels; the rest is body.
WINDOW = 12

_CAPTION = re.compile(
    r"^(?:photo(?:graph)?|image|picture|video|file photo)s?\s*:|\((?:photo|image)s?\s*:|"
    r"photograph:\s|\(\s*[^()]{2,60}\s*/\s*[^()]{2,40}\)\s*$|/\s*[^/()]{2,40}\)?\s*$",
    re.IGNORECASE,
)
_LETTERS = re.compile(r"[^\W\d_]")


@dataclass
class LineInfo:
    """Per-line facts computed once, shared by the line's own and its neighbours' features."""

    text: str
    words: int
    key: str
    kinds: tuple[str, ...]  # pattern hits: byline, credit, dateline, inline_dateline, caption, boiler


def _bin(n: float, edges: tuple[float, ...], name: str) -> str:
    for e in edges:
        if n <= e:
            return f"{name}<={e}"
    return f"{name}>{edges[-1]}"


def line_info(text: str) -> LineInfo:
    kinds = []
    if au.parse_byline_line(text) is not None:
        kinds.append("byline")
    if au.parse_credit(text):
        kinds.append("credit")
    if st.dateline_line(text):
        kinds.append("dateline")
    elif st.split_dateline(text)[0]:
        kinds.append("inline_dateline")
    if len(text) < 300 and _CAPTION.search(text):
        kinds.append("caption")
    if st.is_boilerplate(text):
        kinds.append("boiler")
    if st.sentence_breaks(text) and st.ends_with_period(text) and not st.is_title_case(text):
        kinds.append("prose")
    return LineInfo(text, st.word_count(text), st.title_key(text), tuple(kinds))


def _shape(t: str, words: int) -> list[str]:
    f = [_bin(words, (3, 7, 12, 20, 35, 60), "wc")]
    core = t.rstrip("\"'”’»)]")
    last = core[-1:] if core else ""
    if last == ".":
        f.append("end.")
    elif last in "!?":
        f.append("end?")
    elif last in ":;,":
        f.append("end:")
    elif last in "—–-":
        f.append("end-")
    else:
        f.append("end0")
    if t[-1:] in "\"'”’»":
        f.append("endquote")
    if t[-1:] == ")":
        f.append("endparen")
    sb = st.sentence_breaks(t)
    f.append("sb0" if sb == 0 else "sb1" if sb == 1 else "sb2+")
    letters = _LETTERS.findall(t)
    if letters and sum(c.isupper() for c in letters) >= 0.8 * len(letters) and len(letters) > 3:
        f.append("allcaps")
    elif st.is_title_case(t):
        f.append("titlecase")
    first = t.lstrip()[:1]
    if first in "\"“‘'«":
        f.append("startquote")
    elif first.isdigit():
        f.append("startdigit")
    elif first.islower():
        f.append("startlower")
    if words >= 3 and sb == 0 and last not in ".!?:;," and not t[-1:] in "\"'”’»)":
        f.append("headline_shape")
    return f


def features(lines: list[LineInfo], block_end: list[bool], i: int, hint_keys: set[str],
             later_keys: dict[str, int]) -> list[str]:
    """Feature names of line ``i``; ``later_keys`` counts title keys over the whole text."""
    li = lines[i]
    f = ["bias", f"pos{min(i, 4)}"]
    f += _shape(li.text, li.words)
    nxt = lines[i + 1].text if i + 1 < len(lines) else None
    if st.is_headline(li.text, nxt):
        f.append("headline")
        f.append(f"headline_pos{min(i, 2)}")
    if st.is_summary_sentence(li.text):
        f.append("summary_sentence")
    f += [f"is_{k}" for k in li.kinds]
    if hint_keys:
        f.append("has_hint")
        if li.key in hint_keys:
            f.append("eq_hint")
    if later_keys.get(li.key, 0) > 1 and li.words >= 2:
        f.append("repeated")
    if any(lines[j].key == li.key for j in range(i)) and li.words >= 2:
        f.append("repeats_earlier")
    if block_end[i]:
        f.append("block_end")
    if i == 0 or block_end[i - 1]:
        f.append("block_start")
        if block_end[i]:
            f.append("block_alone")
    rest = [x.words for x in lines[i + 1:i + 7] if "boiler" not in x.kinds]
    if rest:
        rel = li.words / max(1.0, median(rest))
        f.append(_bin(rel, (0.3, 0.6, 1.0), "rel"))
        if rel <= 0.4 and "end." in f and li.words <= 30:
            f.append("short_sentence_before_long")
    else:
        f.append("last")
    for name, j in (("next", i + 1), ("prev", i - 1)):
        if 0 <= j < len(lines):
            o = lines[j]
            f += [f"{name}_{k}" for k in o.kinds]
            f.append(_bin(o.words, (7, 20, 35), f"{name}_wc"))
            if hint_keys and o.key in hint_keys:
                f.append(f"{name}_eq_hint")
            if later_keys.get(o.key, 0) > 1 and o.words >= 2:
                f.append(f"{name}_repeated")
        else:
            f.append(f"{name}_none")
    return f


def doc_features(texts: list[str], block_end: list[bool], hint: Optional[str],
                 all_keys: Optional[dict[str, int]] = None) -> tuple[list[LineInfo], list[list[str]]]:
    """Line facts and features of the first :data:`WINDOW` candidates."""
    lines = [line_info(t) for t in texts[:WINDOW + 6]]
    hint_keys = st.title_keys(hint) if hint else set()
    if all_keys is None:
        all_keys = {}
        for t in texts:
            if len(t) <= 250:
                k = st.title_key(t)
                all_keys[k] = all_keys.get(k, 0) + 1
    n = min(WINDOW, len(texts))
    return lines[:n], [features(lines, block_end, i, hint_keys, all_keys) for i in range(n)]
