"""Clean and structure stage: raw body text -> title, dek, summary line, byline + authors, dateline,
clean paragraphs.

Steps (regex/string work on the text, no spaCy):

1. split into paragraph candidates (line endings CRLF/CR/mixed, blank-line vs single-newline
   convention, hard wraps, indents, unicode spaces: :func:`structure.split_candidates`);
2. drop boilerplate and page residue (ads, share prompts, photo credits, live-blog time stamps and
   separators, publisher footers near the end, section labels at the top, the link lines under a
   related-links heading: :mod:`.residue`); cut related-link hover cards glued into paragraphs;
3. the header as a sequence: the top lines (:data:`header.features.WINDOW`) are scored per role
   (summary_line, title, repeated_title, dek, byline, dateline, caption, boilerplate, body) on
   their features with weights fitted on the dev layout families, and the best role sequence is
   decoded under a grammar of allowed orders (:mod:`.header`); the decisions are kept in
   :attr:`CleanResult.header` for ``newsgraph analyze --explain``;
4. the body: a short line between the header and a paragraph opening with a dateline is the dek;
   a dateline opening the first paragraph (or alone above it) is split off, lines repeating the
   title are dropped, a wire credit line at the end ("Reporting by …") gives the authors when no
   byline did;
5. repeated paragraphs are dropped, remembering the kept copy, and so are pull quotes (a quotation
   of 8+ words repeated inside another paragraph) and a closing author bio ("Jane Roe covers
   health for the Ledger.", for an author of the byline).

Decisions worth knowing:

- The title hint (page metadata) is cleaned of section prefixes and site suffixes
  (:func:`residue.clean_title`); a line of the text repeating it is a ``repeated_title`` and gives
  the title its own form.
- ``byline`` is the byline line without "By" (roles kept: "Jane Roe, Health Correspondent");
  ``authors`` holds the names with their roles (:mod:`.authors`). The byline never reaches the
  body text, so authors never become entities.
- Duplicates: a paragraph equal to an earlier one after :func:`model.normalise_text` (case, quote
  style, whitespace) is dropped as ``duplicate_paragraph`` when it is a sentence of at least
  :data:`MIN_DUPLICATE_WORDS` words or any line of 8+ words. Repeated short label-like lines
  without final punctuation (table headers, list items, "Q:", speaker labels) are kept. A
  repeated short question (< 12 words) is only dropped inside a block of repeats.
- A paragraph equal to the summary line or dek is kept (the body wins; those are fields).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Optional

from ..model import Author as AuthorModel
from ..model import Removed, normalise_text
from . import authors as au
from . import residue
from . import structure as st
from .authors import Author
from .base import Work, register_stage
from .header import features as hf
from .header.decoder import decode, line_roles

#: Repeated paragraphs shorter than this (in words) are kept (labels, times, "Q:").
MIN_DUPLICATE_WORDS = 3
#: A quotation of at least this many words repeated inside another paragraph is a pull quote.
PULL_QUOTE_MIN_WORDS = 8
_QUOTE_OPEN = "\"“‘'«"
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
    authors: list[Author] = field(default_factory=list)
    dateline: Optional[str] = None
    #: (line, role, score, margin) for each decoded header line, for ``--explain``
    header: list[tuple[str, str, float, float]] = field(default_factory=list)


def _clean_hint(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    value = " ".join(value.split())
    return value or None


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


def _quoted_in(p: str, body: list[tuple[int, str, str]], b: int, roughs: list[str],
               norm: dict[int, str]) -> int | None:
    """The other paragraph that holds the quotation ``p`` (a pull quote repeats its words);
    ``roughs`` are the paragraphs' rough keys, ``norm`` caches their normalised texts."""
    key = normalise_text(p.strip("\"'“”‘’ ,."))
    if not key:
        return None
    rough = _rough_key(key)
    for e in range(len(body)):
        if e == b or len(body[e][1]) <= len(p) or rough not in roughs[e]:
            continue
        if e not in norm:
            norm[e] = normalise_text(body[e][1])
        if key in norm[e]:
            return e
    return None


#: A line above the paragraph that opens with the dateline is a dek when it is this short.
DEK_MAX_WORDS = 40


def _dek_above_dateline(line: str, nxt: str) -> bool:
    """``line`` sits between the header and a paragraph opening with a dateline: the dateline starts
    the story, so a short line of at most two sentences above it is the dek (a standfirst)."""
    return (st.word_count(line) <= DEK_MAX_WORDS and st.sentence_breaks(line) <= 1
            and st.split_dateline(line)[0] is None and st.split_dateline(nxt)[0] is not None)


def _title_over_two_lines(first: str, second: str, keys: set[str]) -> bool:
    """The title hint broken over two lines ("Headline;" / "subhead")."""
    k1 = st.title_key(first)
    return bool(k1) and any(k.startswith(k1 + " ") for k in keys) and st.title_key(first + " " + second) in keys


def _hint_title(hint: Optional[str], outlet: Optional[str]) -> Optional[str]:
    return residue.clean_title(_clean_hint(hint), outlet)


def prepare(text: Optional[str]) -> tuple[list[st.Candidate], list[tuple[int, Removed]]]:
    """Paragraph candidates without boilerplate and residue, and the removed lines."""
    candidates = st.split_candidates(text or "")
    removed: list[tuple[int, Removed]] = []
    cands: list[st.Candidate] = []
    n = len(candidates)
    tail = residue.tail_start([c.text for c in candidates]) if n > residue.TAIL_ZONE // 2 else None
    links = 0  # link lines still allowed under a related-links heading
    bullets = False  # bullet lines under a summary-list heading ("Key points:")
    for k, c in enumerate(candidates):
        if links and residue.is_link_line(c.text) and not st.is_boilerplate(c.text):
            links -= 1
            removed.append((c.pos, Removed(text=c.text, reason="boilerplate")))
            continue
        if bullets and residue.is_bullet_line(c.text):
            removed.append((c.pos, Removed(text=c.text, reason="boilerplate")))
            continue
        heading = residue.is_related_heading(c.text)
        links = residue.RELATED_RUN if heading else 0
        bullets = (residue.is_summary_heading(c.text) and k + 1 < n
                   and residue.is_bullet_line(candidates[k + 1].text))  # "Key points:" over a bullet list
        if heading or bullets or st.is_boilerplate(c.text) or (
                c.pos >= n - residue.FOOTER_ZONE and residue.is_footer(c.text)) or (
                c.pos < hf.WINDOW and residue.is_section_label(c.text)) or (
                tail is not None and c.pos >= tail) or residue.is_editor_note(c.text):
            removed.append((c.pos, Removed(text=c.text, reason="boilerplate")))
            continue
        if "MORE" in c.text:
            c.text = residue.cut_glued_cards(c.text)
        cands.append(c)
    return _join_broken_title(cands), removed


def _join_broken_title(cands: list[st.Candidate]) -> list[st.Candidate]:
    """A headline broken over two lines of one block ("Harbour Board Approves Sea Wall" /
    "After Two Winters of Flooding") becomes one line (the first such pair among the top lines)."""
    for i in range(min(hf.WINDOW, len(cands)) - 1):
        a, b = cands[i], cands[i + 1]
        if not a.block_end and b.pos == a.pos + 1 and (i == 0 or cands[i - 1].block_end) and st.title_continues(a.text, b.text):
            return [*cands[:i], st.Candidate(f"{a.text} {b.text}", a.pos, b.block_end), *cands[i + 2:]]
    return cands


def header_features(cands: list[st.Candidate], hint_title: Optional[str]) -> tuple[list, list[list[str]]]:
    """Line facts and features of the top lines (what the decoder and its fitting see)."""
    return hf.doc_features([c.text for c in cands], [c.block_end for c in cands], hint_title)


def _byline_of(line: str) -> tuple[str, list[Author]]:
    parsed = au.parse_byline_line(line)
    if parsed:
        return parsed
    credit = au.parse_credit(line)
    byline = au._BY.sub("", line).strip()
    return byline, credit or au.bare_name(byline)


def clean_text(text: Optional[str], title: Optional[str] = None, outlet: Optional[str] = None) -> CleanResult:
    """Clean and structure one raw article body. ``title`` is a title hint (e.g. HTML metadata)."""
    res = CleanResult(title=_hint_title(title, outlet))
    cands, removed = prepare(text)
    texts = [c.text for c in cands]

    # -- header: roles of the top lines (features -> fitted weights -> Viterbi) -------------
    lines, feats = header_features(cands, res.title)
    decisions = decode(feats, titled0=res.title is not None, ends=len(feats) == len(cands),
                       masks=[line_roles(li.kinds) for li in lines])
    res.header = [(c.text, d.role, d.score, d.margin) for c, d in zip(cands, decisions)]
    keys: set[str] = st.title_keys(res.title) if res.title else set()
    body_start = len(decisions)
    for j, d in enumerate(decisions):
        c = cands[j]
        role = d.role
        if role == "body":
            body_start = j
            break
        if role == "title":
            res.title = st.strip_headline_period(residue.clean_title(c.text, outlet) or c.text)
            keys = st.title_keys(c.text)
        elif role == "repeated_title":
            if res.title and st.title_key(c.text) in st.title_keys(res.title) and "|" not in c.text:
                res.title = st.strip_headline_period(c.text)  # the text's own form, without a site suffix
            removed.append((c.pos, Removed(text=c.text, reason="repeated_title")))
        elif role == "summary_line" and res.summary_line is None:
            res.summary_line = c.text
        elif role == "dek" and res.dek is None:
            res.dek = c.text
        elif role == "byline" and res.byline is None:
            res.byline, res.authors = _byline_of(c.text)
        elif role == "byline" and decisions[j - 1].role == "byline" and not au.parse_byline_line(c.text):
            # the byline's outlet or role on a line of its own ("By JANE ROE" / "Associated Press")
            res.byline = f"{res.byline}, {c.text}"
            res.authors = [Author(x.name, x.role or c.text) for x in res.authors]
        elif role == "dateline" and res.dateline is None:
            res.dateline = st.dateline_line(c.text) or c.text.rstrip(" —–-")
        elif role == "caption":
            removed.append((c.pos, Removed(text=c.text, reason="caption")))
        elif role == "boilerplate":
            removed.append((c.pos, Removed(text=c.text, reason="boilerplate")))
        else:  # a second summary line, dek, byline or dateline: keep it as body text
            body_start = j
            break

    if (res.dek is None and res.dateline is None and res.title and 0 < body_start < len(decisions)
            and body_start + 1 < len(cands) and _dek_above_dateline(texts[body_start], texts[body_start + 1])):
        res.dek = texts[body_start]  # a sentence between the header and the dateline that opens the body
        res.header[body_start] = (res.dek, "dek", decisions[body_start].score, decisions[body_start].margin)
        body_start += 1

    # -- body: inline dateline, repeated titles, credit lines ----------------------------------
    body: list[tuple[int, str, str]] = []  # (position, text, text before the dateline was split off)
    skip_next = False
    for j in range(body_start, len(cands)):
        c = cands[j]
        if skip_next:
            skip_next = False
            continue
        if keys and _could_be_title(c.text, keys) and st.title_key(c.text) in keys:
            removed.append((c.pos, Removed(text=c.text, reason="repeated_title")))
            continue
        if j == body_start and keys and j + 1 < len(cands) and _title_over_two_lines(c.text, texts[j + 1], keys):
            for cc in (c, cands[j + 1]):
                removed.append((cc.pos, Removed(text=cc.text, reason="repeated_title")))
            skip_next = True
            continue
        if not body and res.dateline is None and (alone := st.dateline_line(c.text)):
            res.dateline = alone  # a dateline on its own line above the first paragraph
            continue
        if not body and res.dateline is None:
            res.dateline, c_text = st.split_dateline(c.text)
            if c_text and res.dateline:
                body.append((c.pos, c_text, c.text))
                continue
        body.append((c.pos, c.text, ""))
    if body and res.authors and residue.is_author_bio(body[-1][1], [a.name for a in res.authors]):
        pos, p, _ = body.pop()  # "Jane Roe covers health for the Ledger."
        removed.append((pos, Removed(text=p, reason="boilerplate")))
    if res.byline is None:  # a wire credit line at the end ("Reporting by …; Editing by …")
        for _, r in sorted(removed, key=lambda x: -x[0]):
            if r.reason == "boilerplate" and (credit := au.parse_credit(r.text)):
                res.byline, res.authors = r.text.strip().strip("()").strip(), credit
                break

    # -- duplicates -------------------------------------------------------------------------
    # paragraphs are equal when their normalise_text() keys are; _rough_key (equal whenever those
    # are) lets us compute the costlier normalise_text only for candidate pairs. The earliest copy
    # is always kept, so ``kept_at[o]`` exists for every ``o`` found.
    rough_seen: dict[str, list[int]] = {}
    norm: dict[int, set[str]] = {}
    original: list[Optional[int]] = []  # per body item: index of the earlier copy it repeats
    roughs: list[str] = []
    for b, (_, p, before_dateline) in enumerate(body):
        rough = _rough_key(p)
        roughs.append(rough)
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
    pulled: dict[int, int] = {}  # pull quotes: a quotation repeated from another paragraph
    norm_text: dict[int, str] = {}
    for b, (_, p, _) in enumerate(body):
        if original[b] is None and p[:1] in _QUOTE_OPEN and st.word_count(p) >= PULL_QUOTE_MIN_WORDS:
            held = _quoted_in(p, body, b, roughs, norm_text)
            if held is not None and original[held] is None:
                pulled[b] = held
    kept_at: dict[int, int] = {}
    for b, (pos, p, _) in enumerate(body):
        if b in pulled:
            continue
        o = original[b]
        if o is not None and _weak_duplicate(p) and not _in_repeated_run(original, b):
            o = None  # a repeated short question outside a repeated block: questionnaire format
        if o is not None:
            removed.append((pos, Removed(text=p, reason="duplicate_paragraph", duplicate_of=kept_at[o])))
            continue
        kept_at[b] = len(res.paragraphs)
        res.paragraphs.append(p)
    for b, e in pulled.items():
        removed.append((body[b][0], Removed(text=body[b][1], reason="duplicate_paragraph", duplicate_of=kept_at.get(e))))

    res.removed = [r for _, r in sorted(removed, key=lambda x: x[0])]
    return res


@register_stage("clean")
class CleanStage:
    """Clean the raw body and fill title, dek, summary line, byline, dateline, paragraphs, removed."""

    name = "clean"
    needs_doc = False

    def __call__(self, work: Work) -> None:
        article = work.article
        raw_text = work.raw.text or ""
        res = clean_text(raw_text, work.raw.title, work.raw.outlet)
        article.title = res.title
        article.dek = res.dek
        article.summary_line = res.summary_line
        if res.byline:
            article.byline = res.byline
            article.authors = [AuthorModel(name=a.name, role=a.role) for a in res.authors]
        elif article.byline:  # from the page's metadata
            article.authors = [AuthorModel(name=a.name, role=a.role) for a in au.authors_from_metadata(article.byline)]
        work.scratch["header"] = res.header
        article.dateline = res.dateline
        article.removed = res.removed
        article.set_paragraphs(res.paragraphs)
        if not res.paragraphs:
            if raw_text.strip():
                article.warnings.append(
                    f"clean: the article body is empty after cleaning ({len(raw_text)} characters of input, "
                    f"{len(res.removed)} removed as title/boilerplate/duplicates)")
            else:
                article.warnings.append("clean: the article body is empty (no input text)")
