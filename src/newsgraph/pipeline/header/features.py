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

from .. import authors as au
from .. import structure as st

#: How many non-empty lines at the top of the text the decoder labels; the rest is body.
WINDOW = 12

_CAPTION = re.compile(
    r"^(?:photo(?:graph)?|image|picture|video|file photo)s?\s*:|\((?:photo|image)s?\s*:|"
    r"photograph:\s|\(\s*[^()]{2,60}\s*/\s*[^()]{2,40}\)\s*$|/\s*[^/()]{2,40}\)?\s*$",
    re.IGNORECASE,
)
_LETTERS = re.compile(r"[^\W\d_]")
#: A line that may name the byline's outlet or role on its own ("Associated Press", "Staff Writer").
_AFFILIATION = re.compile(r"(?:The\s+)?[A-Z][\w.&'’\-]*(?:\s+(?:of|the|and|for|&|[A-Z][\w.&'’\-]*)){0,4}")


@dataclass
class LineInfo:
    """Per-line facts computed once, shared by the line's own and its neighbours' features."""

    text: str
    words: int
    key: str  # title key ("" for long lines: they are never titles)
    kinds: tuple[str, ...]  # pattern hits: byline, credit, dateline, inline_dateline, caption, boiler, prose
    shape: list[str]  # the line's own form features


def _bin(n: float, edges: tuple[float, ...], name: str) -> str:
    for e in edges:
        if n <= e:
            return f"{name}<={e}"
    return f"{name}>{edges[-1]}"


#: Pattern hits that only header lines have, and how far below a line they make it a header line.
HEADER_KINDS = frozenset({"byline", "credit", "dateline", "caption"})
FOLLOW = 3

#: A summary line is a sentence of at least this many words ("Water supply" above a title is none).
SUMMARY_MIN_WORDS = 6
#: Pattern hits used by the decoder's masks only, not as features (the word-count bins carry length).
MASK_ONLY = frozenset({"short"})

#: Lines longer than this are body-like prose: only the cheap facts are computed.
LONG_LINE = 400


def line_info(text: str) -> LineInfo:
    long = len(text) > LONG_LINE
    words = len(text.split()) if long else st.word_count(text)
    kinds = ["long"] if long else []
    if not long:
        if au.parse_byline_line(text) is not None:
            kinds.append("byline")
        if au.parse_credit(text):
            kinds.append("credit")
        if st.dateline_line(text):
            kinds.append("dateline")
        if len(text) < 300 and _CAPTION.search(text):
            kinds.append("caption")
        if st.is_boilerplate(text):
            kinds.append("boiler")
        if "byline" not in kinds and _AFFILIATION.fullmatch(text):
            kinds.append("affiliation")
    if words < SUMMARY_MIN_WORDS:
        kinds.append("short")
    if "dateline" not in kinds and st.split_dateline(text[:200])[0]:
        kinds.append("inline_dateline")
    sb = st.sentence_breaks(text[:LONG_LINE])
    title_case = words <= 40 and st.is_title_case(text)
    if sb and st.ends_with_period(text) and not title_case:
        kinds.append("prose")
    if text.rstrip("\"'”’)").endswith("?") and not title_case:
        kinds.append("question")
    shape = _shape(text, words, sb, title_case, kinds)
    return LineInfo(text, words, st.title_key(text) if len(text) <= 200 else "", tuple(kinds), shape)


def _shape(t: str, words: int, sb: int, title_case: bool, kinds: list[str]) -> list[str]:
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
    f.append("sb0" if sb == 0 else "sb1" if sb == 1 else "sb2+")
    head = t[:200]
    if head == head.upper() and len(_LETTERS.findall(head)) > 3:
        f.append("allcaps")
    elif title_case:
        f.append("titlecase")
    first = t.lstrip()[:1]
    if first in "\"“‘'«":
        f.append("startquote")
    elif first.isdigit():
        f.append("startdigit")
    elif first.islower():
        f.append("startlower")
    starts_upper = first.isupper() or first.isdigit() or (first in "\"“‘'(" and t.lstrip("\"'“‘(")[:1].isupper())
    if words >= 3 and sb == 0 and last not in ".!?:;," and t[-1:] not in "\"'”’»)":
        f.append("headline_shape")
    clean_kind = not ({"byline", "dateline", "inline_dateline"} & set(kinds))
    # the headline and summary-sentence detectors of the pre-#11 clean stage, as features
    if (3 <= words <= 25 and len(t) <= 200 and starts_upper and sb == 0 and clean_kind
            and last not in ":,;-—–" and (last not in ".!?" or title_case)):
        f.append("headline")
    if 8 <= words <= 60 and starts_upper and last in ".!?" and sb == 0 and clean_kind:
        f.append("summary_sentence")
    return f


def features(lines: list[LineInfo], block_end: list[bool], i: int, hint_keys: set[str],
             later_keys: dict[str, int]) -> list[str]:
    """Feature names of line ``i``; ``later_keys`` counts title keys over the whole text."""
    li = lines[i]
    f = ["bias", f"pos{min(i, 4)}"]
    f += li.shape
    if "headline" in li.shape:
        f.append(f"headline_pos{min(i, 2)}")
    f += [f"is_{k}" for k in li.kinds if k not in MASK_ONLY]
    if hint_keys:
        f.append("has_hint")
        if li.key in hint_keys:
            f.append("eq_hint")
    if li.key and later_keys.get(li.key, 0) > 1 and li.words >= 2:
        f.append("repeated")
    if li.key and any(lines[j].key == li.key for j in range(i)) and li.words >= 2:
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
    if i + 1 < len(lines) and "inline_dateline" in lines[i + 1].kinds and li.words <= 30 and "sb0" in li.shape:
        f.append("one_sentence_above_dateline_lede")
    if i > 0:  # what the line is under: a byline, caption or title-like line, by its own ending
        end = next(x for x in li.shape if x.startswith("end") and x not in ("endquote", "endparen"))
        for k in ("byline", "caption"):
            if k in lines[i - 1].kinds:
                f.append(f"under_{k}&{end}")
    for name, j in (("next", i + 1), ("prev", i - 1)):
        if 0 <= j < len(lines):
            o = lines[j]
            f += [f"{name}_{k}" for k in o.kinds if k not in MASK_ONLY]
            f.append(_bin(o.words, (7, 20, 35), f"{name}_wc"))
            if hint_keys and o.key in hint_keys:
                f.append(f"{name}_eq_hint")
            if o.key and later_keys.get(o.key, 0) > 1 and o.words >= 2:
                f.append(f"{name}_repeated")
        else:
            f.append(f"{name}_none")
    return f


def doc_features(texts: list[str], block_end: list[bool], hint: Optional[str],
                 all_keys: Optional[dict[str, int]] = None) -> tuple[list[LineInfo], list[list[str]]]:
    """Line facts and features of the first :data:`WINDOW` candidates."""
    n = min(WINDOW, len(texts))
    for k in range(n):  # a long paragraph is body: the header ends before it
        if len(texts[k]) > LONG_LINE:
            n = k + 1
            break
    lines = [line_info(t) for t in texts[:n + 1]]
    # beyond the window only the length matters (for the relative-length feature)
    lines += [LineInfo(t, len(t.split()), "", (), []) for t in texts[n + 1:n + 6]]
    for i in range(n):  # a byline, caption or dateline close below, or a headline-shaped line (a dek
        # without final punctuation) right below: this is still the header
        if any(HEADER_KINDS & set(lines[j].kinds) for j in range(i + 1, min(i + 1 + FOLLOW, len(lines)))) or (
                i + 1 < n and "headline_shape" in lines[i + 1].shape and "short" not in lines[i + 1].kinds):
            lines[i].kinds = lines[i].kinds + ("header_follows",)
    hint_keys = st.title_keys(hint) if hint else set()
    if all_keys is None:
        all_keys = {}
        for t in texts:
            if len(t) <= 200:  # only short lines can repeat a title
                tk = st.title_key(t)
                all_keys[tk] = all_keys.get(tk, 0) + 1
    feats = [features(lines, block_end, i, hint_keys, all_keys) for i in range(n)]
    for i, f in enumerate(feats):  # a repeated title must repeat something
        if "eq_hint" in f or "repeats_earlier" in f:
            lines[i].kinds = lines[i].kinds + ("repeat",)
    return lines[:n], feats
