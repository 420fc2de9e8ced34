"""FROZEN COPY of the clean stage as of commit e4d5381 (before issue #11), kept only as the
baseline of ``newsgraph eval layouts``. Do not edit or import from the pipeline.

Clean and structure stage: raw body text -> title, dek, byline, dateline, clean paragraphs.

Steps (all regex/string work, linear in the text, no spaCy):

1. split into paragraph candidates (line endings, blank-line vs single-newline convention,
   hard wraps, indents, unicode spaces: :func:`structure.split_candidates`);
2. drop boilerplate lines (ads, share/subscribe prompts, photo credits, copyright, separators);
3. read the header: optional summary line, title, repeated titles, dek, byline, dateline;
4. drop repeated titles and repeated paragraphs in the body, remembering the kept copy.

Decisions worth knowing:

- Conservative header: a first line only becomes a title when it looks like a headline (short,
  capitalised, no sentence inside, no final period unless Title Case); a dek is only recognised
  right after a title found in the text, and only when it is one sentence that is clearly shorter
  than the body paragraphs (or is followed by a byline/dateline line). A summary line needs a
  strong headline after it (Title Case, repeated later, or closing a block the summary opens).
- Duplicates: a paragraph equal to an earlier one after :func:`model.normalise_text` (case, quote
  style, whitespace) is dropped as ``duplicate_paragraph`` when it is a sentence of at least
  :data:`MIN_DUPLICATE_WORDS` words or any line of 8+ words: "He declined to comment." standing
  alone twice is a duplicate. Repeated short label-like lines without final punctuation (table
  headers, list items, "Q:", "7 p.m.", speaker labels) are kept: repeating them is normal. A
  repeated short question (< 12 words) is only dropped inside a block of repeats, since the same
  question put to several people is a common format.
- Typographic separators ("***", "—", "* * *": no letter or digit) are dropped wherever they
  occur as ``boilerplate`` (not as duplicates: they carry no content to point at).
- A paragraph equal to the summary line or dek is kept (the body wins; those are fields).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from statistics import mean, median
from typing import Optional

from ...model import Removed, normalise_text
from . import structure as st


#: Repeated paragraphs shorter than this (in words) are kept (labels, times, "Q:").
MIN_DUPLICATE_WORDS = 3
#: A dek not followed by a byline/dateline has DEK_MIN_WORDS..DEK_MAX_WORDS words, and is at most
#: DEK_MAX_RATIO of the median body paragraph and DEK_MAX_NEXT_RATIO of the mean of the next two paragraphs.
DEK_MAX_WORDS = 40
DEK_MIN_WORDS = 10
DEK_MAX_RATIO = 0.45
DEK_MAX_NEXT_RATIO = 0.3

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_NON_WORD = re.compile(r"[\W_]+")


@dataclass
class CleanResult:
    """What :func:`clean_text` found."""

    paragraphs: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    title: Optional[str] = None
    dek: Optional[str] = None
    summary_line: Optional[str] = None
    byline: Optional[str] = None
    dateline: Optional[str] = None


def _clean_hint(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    value = " ".join(value.split())
    return value or None


def _is_dek(text: str, rest: list[str]) -> bool:
    """One short sentence standing between the title and a clearly longer body."""
    if not rest or not 4 <= st.word_count(text) <= DEK_MAX_WORDS or not st.is_single_sentence(text):
        return False
    if st.split_dateline(text)[0] or st.parse_byline(text):
        return False
    if st.parse_byline(rest[0]) or st.dateline_line(rest[0]) or st.split_dateline(rest[0])[0]:
        return True  # the body visibly starts after it
    # otherwise it must be much shorter than the body, to leave short one-sentence ledes alone
    return (st.word_count(text) >= DEK_MIN_WORDS and len(text) <= DEK_MAX_RATIO * median(len(r) for r in rest[:6])
            and len(text) <= DEK_MAX_NEXT_RATIO * mean(len(r) for r in rest[:2]))


def _could_be_title(text: str, keys: set[str]) -> bool:
    """Cheap length prefilter before computing a title key."""
    n = len(text)
    return any(len(k) - 10 <= n <= 1.5 * len(k) + 10 for k in keys)


def _rough_key(text: str) -> str:
    """Letters and digits only, NFKC-folded and lower-cased: equal whenever normalise_text() is."""
    return _NON_WORD.sub("", unicodedata.normalize("NFKC", text).lower())


def _may_duplicate(p: str) -> bool:
    """Whether a repeat of ``p`` counts as a duplicate: a sentence of 3+ words or any 8+ word line.

    Repeated short label-like lines (list items, "Q:", "7 p.m.") and table rows are normal.
    """
    if p.startswith("|") and p.endswith("|"):  # a table row (tables repeat their header rows)
        return False
    n = st.word_count(p)
    return n >= 8 or (n >= MIN_DUPLICATE_WORDS and bool(_SENTENCE_END.search(p)))


def _weak_duplicate(p: str) -> bool:
    """Short questions repeat legitimately (the same question put to several people)."""
    return st.word_count(p) < 12 and p.rstrip("\"'”’)").endswith("?")


def _in_repeated_run(original: list[Optional[int]], b: int) -> bool:
    """A neighbouring paragraph is a repeat too: ``b`` belongs to a duplicated block."""
    return any(0 <= n < len(original) and original[n] is not None for n in (b - 1, b + 1))


def _repeated_later(line: str, others: list[str]) -> bool:
    keys = {st.title_key(line)}
    return any(_could_be_title(t, keys) and st.title_key(t) in keys for t in others)


def _title_over_two_lines(first: str, second: str, keys: set[str]) -> bool:
    """The title hint broken over two lines ("Headline;" / "subhead")."""
    k1 = st.title_key(first)
    return bool(k1) and any(k.startswith(k1 + " ") for k in keys) and st.title_key(first + " " + second) in keys


def clean_text(text: Optional[str], title: Optional[str] = None) -> CleanResult:
    """Clean and structure one raw article body. ``title`` is a title hint (e.g. HTML metadata)."""
    res = CleanResult(title=_clean_hint(title))
    candidates = st.split_candidates(text or "")
    removed: list[tuple[int, Removed]] = []  # (position in the text, entry)

    cands: list[st.Candidate] = []
    for c in candidates:
        if st.is_boilerplate(c.text):
            removed.append((c.pos, Removed(text=c.text, reason="boilerplate")))
        else:
            cands.append(c)
    texts = [c.text for c in cands]

    # -- summary line and title ------------------------------------------------------------
    start = 0
    title_in_text = False
    keys: set[str] = st.title_keys(res.title) if res.title else set()

    def is_title(t: str) -> bool:
        return bool(keys) and _could_be_title(t, keys) and st.title_key(t) in keys

    if res.title:
        if len(texts) >= 2 and is_title(texts[1]) and st.is_summary_sentence(texts[0]):
            res.summary_line, start = texts[0], 1
    elif len(texts) >= 3 and st.is_summary_sentence(texts[0]) and st.is_headline(texts[1], texts[2]) and (
        st.is_title_case(texts[1])
        or _repeated_later(texts[1], texts[2:])
        or (cands[1].block_end and not cands[0].block_end)
    ):
        res.summary_line, res.title, start, title_in_text = texts[0], st.strip_headline_period(texts[1]), 2, True
        keys = st.title_keys(texts[1])
    elif len(texts) >= 2 and st.is_headline(texts[0], texts[1]):
        res.title, start, title_in_text = st.strip_headline_period(texts[0]), 1, True
        keys = st.title_keys(texts[0])

    # -- header (repeated titles, byline, dek, dateline line) then body ---------------------
    body: list[tuple[int, str, str]] = []  # (position, text, text before the dateline was split off)
    in_header = True
    skip_next = False
    byline: Optional[str] = None
    for j in range(start, len(cands)):
        c = cands[j]
        if skip_next:
            skip_next = False
            continue
        if is_title(c.text):
            removed.append((c.pos, Removed(text=c.text, reason="repeated_title")))
            title_in_text = True
            continue
        if in_header and keys and j + 1 < len(cands) and _title_over_two_lines(c.text, texts[j + 1], keys):
            for cc in (c, cands[j + 1]):
                removed.append((cc.pos, Removed(text=cc.text, reason="repeated_title")))
            title_in_text, skip_next = True, True
            continue
        if in_header:
            if byline is None and (b := st.parse_byline(c.text)):
                byline = b
                continue
            if res.dek is None and title_in_text and _is_dek(
                c.text, [t for t in texts[j + 1:j + 9] if not is_title(t)]
            ):
                res.dek = c.text
                continue
            if res.dateline is None and (d := st.dateline_line(c.text)):
                res.dateline = d
                continue
            in_header = False
            original = c.text
            if res.dateline is None:
                res.dateline, c_text = st.split_dateline(c.text)
                if c_text:
                    body.append((c.pos, c_text, original))
                    continue
            body.append((c.pos, c.text, ""))
            continue
        body.append((c.pos, c.text, ""))
    if byline:
        res.byline = byline

    # -- duplicates -------------------------------------------------------------------------
    # paragraphs are equal when their normalise_text() keys are; _rough_key (equal whenever those
    # are) lets us compute the costlier normalise_text only for candidate pairs. The earliest copy
    # is always kept, so ``kept_at[o]`` exists for every ``o`` found.
    rough_seen: dict[str, list[int]] = {}
    norm: dict[int, set[str]] = {}
    original: list[Optional[int]] = []  # per body item: index of the earlier copy it repeats
    for b, (_, p, before_dateline) in enumerate(body):
        rough = _rough_key(p)
        o = None
        if rough in rough_seen and _may_duplicate(p):
            key = normalise_text(p)
            for e in rough_seen[rough]:
                if e not in norm:
                    norm[e] = {normalise_text(t) for t in body[e][1:] if t}
                if key in norm[e]:
                    o = e
                    break
        original.append(o)
        rough_seen.setdefault(rough, []).append(b)
        if before_dateline:
            rough_seen.setdefault(_rough_key(before_dateline), []).append(b)
    kept_at: dict[int, int] = {}
    for b, (pos, p, _) in enumerate(body):
        o = original[b]
        if o is not None and _weak_duplicate(p) and not _in_repeated_run(original, b):
            o = None  # a repeated short question outside a repeated block: questionnaire format
        if o is not None:
            removed.append((pos, Removed(text=p, reason="duplicate_paragraph", duplicate_of=kept_at[o])))
            continue
        kept_at[b] = len(res.paragraphs)
        res.paragraphs.append(p)

    res.removed = [r for _, r in sorted(removed, key=lambda x: x[0])]
    return res
