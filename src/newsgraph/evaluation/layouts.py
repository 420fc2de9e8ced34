"""Layout benchmark: real article bodies rendered through header layouts, with gold fields.

Bodies and titles are read at run time from ``../shared/data`` (PolNeAR ``polnear_{dev,test}``
primary records, ECB+ ``ecbplus_docs`` by its ``split``), never copied into the repository.
Body paragraphs are the prose lines of each article (at least 6 words, ending like a sentence,
no repeats), the first :data:`MAX_PARAGRAPHS` of them. Header lines (bylines, roles, datelines,
captions, page furniture) come from the invented tables in :mod:`.layout_parts`.

Each *family* renders an article one way (see :data:`FAMILIES`) and knows its gold fields:
``title``, ``summary_line``, ``dek``, ``byline`` (the byline line without "By"), ``authors``
(``[(name, role)]``), ``dateline`` and the body ``paragraphs``. Families are split into dev and
test *by family*; dev families render dev-split articles, test families test-split articles.
Test families are never used to fit or tune (``pipeline/header/fit.py`` reads dev only).

Scores per family: field accuracy (exact match after whitespace normalisation; ``None`` must
be predicted as ``None``) and paragraph P/R/F1 (multiset of exact paragraphs, micro over the
family), for newsgraph's clean stage and, in the same run, the clean stage as it was before
issue #11 (:mod:`.baseline_clean`, whose byline holds names only and has no authors field: its
authors are its byline names split on ", " / " and ").
"""

from __future__ import annotations

import gzip
import json
import random
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from . import layout_parts as P

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "data"
#: The held-out sets: raw articles written for newsgraph, with gold (see their READMEs).
HELDOUT = Path(__file__).resolve().parent / "data" / "layouts_heldout"
HELDOUT_SETS = {"heldout": HELDOUT, "heldout2": HELDOUT.parent / "layouts_heldout2",
                "heldout3": HELDOUT.parent / "layouts_heldout3", "heldout4": HELDOUT.parent / "layouts_heldout4",
                "heldout5": HELDOUT.parent / "layouts_heldout5"}
MAX_PARAGRAPHS = 14
PER_FAMILY = 40
#: Families with another number of articles (the random family is the bulk of the fitting data).
SIZES = {"random_dev": 400}
FIELDS = ("title", "summary_line", "dek", "byline", "authors", "dateline")
_TERMINAL = re.compile(r"[.!?][\"'”’)]*$")
_DATE = re.compile(r"(?:on |posted:? |published:? )?(?:\w+,? )?\w+ \d{1,2},? \d{4}\b", re.I)
_SENT = re.compile(r"(?<![A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)(?<!\bGov)(?<!\bSen)(?<!\bRep)"
                   r"(?<=[a-z0-9][.!?])[\"”’]?\s+(?=[A-Z])")
_ABBREV_END = re.compile(r"\b(?:[A-Z][a-z]{0,3}|No|no|[a-z])\.[\"”’]?$")
_NOT_TITLE = re.compile(r"\b(?:updated|posted|published)\b|\d{1,2}: ?\d{2}", re.IGNORECASE)
#: A dateline the real body already opens with: part of the gold (see :func:`real_dateline`).
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_PLACE_WORD = rf"[{_UPPER}][\w.'’\-]*"
_GOLD_DATELINE = re.compile(
    rf"^(?P<dl>(?P<place>{_PLACE_WORD}(?: {_PLACE_WORD}){{0,3}})"
    rf"(?P<region>, {_PLACE_WORD}(?: {_PLACE_WORD}){{0,2}})?"
    r"(?P<date>, (?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:, \d{4})?)?"
    rf"(?P<agency> \([{_UPPER}][\w .&'’\-]{{0,30}}\))?)"
    r" (?P<dash>—|–|―|‒|--|-) ")
#: Capitalised words that open sentences, never a place: "The Senate (in a vote) — …" is no dateline.
_NOT_PLACE = frozenset((
    "A", "An", "The", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "You", "In", "On",
    "At", "For", "From", "After", "Before", "When", "While", "Meanwhile", "But", "And", "Or", "So", "Yet", "Still",
    "However", "Today", "Yesterday", "Tonight", "Breaking", "Update", "Updated", "Exclusive", "Watch", "Analysis",
    "Opinion", "Editorial", "Live", "Video", "Photos", "Note"))
#: The same in capitals ("A FIRE - BOMB attack"), but "THE HAGUE" is a place.
_NOT_PLACE_CAPS = frozenset(w.upper() for w in _NOT_PLACE) - {"THE"}


def real_dateline(paragraph: str) -> str | None:
    """The dateline a real first paragraph opens with, or None (the benchmark's gold rule).

    A place of one to four capitalised words, optionally ", Region" (capitalised words or an
    abbreviation: "Va.", "N.Y."), ", Month Day" and "(Agency)", then a spaced dash (— – ― ‒ -- -).
    An ALL-CAPS place stands alone ("WASHINGTON —"); a mixed-case place needs a region, date or agency
    ("Hong Kong (AFP) —", "Port Elsa, Ruritania —"), since a bare capitalised name before a dash
    is as often a person in apposition ("Mehmet Oz — surgeon and TV star — …"); with a region
    only, the dash must be a real one (not a spaced hyphen, often a split compound: "Troy,
    Michigan Office Shooting Follow - Up") and place + region at most four words. The place must
    not open with a sentence word ("The", "In", "Meanwhile", …).
    """
    m = _GOLD_DATELINE.match(paragraph)
    if not m:
        return None
    place = m.group("place")
    words = place.split()
    if words[0] in _NOT_PLACE or words[0] in _NOT_PLACE_CAPS:
        return None
    letters = [ch for ch in place if ch.isalpha()]
    if len(letters) < 3:
        return None
    if all(ch.isupper() for ch in letters):
        return m.group("dl")
    if m.group("date") or m.group("agency"):
        return m.group("dl")
    region = m.group("region")  # place + region only: a real dash and a short place
    ok = region and m.group("dash") != "-" and len(words) + len(region.strip(", ").split()) <= 4
    return m.group("dl") if ok else None


@dataclass
class Source:
    """One real article: its title and prose body paragraphs."""

    doc_id: str
    title: str
    paragraphs: list[str]


@dataclass
class Case:
    """A rendered article: the raw text, an optional title hint, and the gold fields."""

    family: str
    doc_id: str
    text: str
    hint: Optional[str] = None
    gold: dict = field(default_factory=dict)
    header: list[tuple[str, str]] = field(default_factory=list)  # (line, role) in text order


# ------------------------------------------------------------------------------------------
# Reading real bodies
# ------------------------------------------------------------------------------------------

def _key(line: str) -> str:
    return re.sub(r"\W+", " ", line.lower()).strip()


def _prose(line: str) -> bool:
    return len(line.split()) >= 6 and bool(_TERMINAL.search(line))


def _body(lines: list[str], title: str = "") -> list[str]:
    out: list[str] = []
    seen: set[str] = {_key(title)}
    for ln in lines:
        ln = " ".join(ln.split())
        if _prose(ln) and _key(ln) not in seen:
            seen.add(_key(ln))
            out.append(ln)
    return out[:MAX_PARAGRAPHS]


def load_sources(split: str, data: Path = SHARED) -> list[Source]:
    """PolNeAR and ECB+ articles of ``split`` ("dev" or "test") with at least 4 prose paragraphs."""
    out: list[Source] = []
    pol = data / "quotes" / "polnear" / "derived" / f"polnear_{split}.jsonl.gz"
    with gzip.open(pol, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if not d.get("primary"):
                continue
            lines = [ln for ln in d["text"].split("\n") if ln.strip()]
            title = " ".join(d["title"].split())
            if lines and lines[0].rstrip(".").strip() == title.rstrip("."):
                lines = lines[1:]
            body = _body(lines, title)
            if len(body) >= 4 and 3 <= len(title.split()) <= 22:
                out.append(Source(d["article"], title, body))
    ecb = data / "story-clustering" / "ecbplus" / "ecbplus_docs.jsonl.gz"
    with gzip.open(ecb, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d["split"] != split:
                continue
            lines = [" ".join(ln.split()) for ln in d["text"].split("\n") if ln.strip()]
            if (not lines or _prose(lines[0]) or not 4 <= len(lines[0].split()) <= 20 or _DATE.match(lines[0])
                    or _NOT_TITLE.search(lines[0])):
                continue  # only articles whose first line is their headline
            body = _body(lines[1:], lines[0])
            if len(body) >= 4:
                out.append(Source(d["doc_id"], lines[0], body))
    return out


# ------------------------------------------------------------------------------------------
# Header material
# ------------------------------------------------------------------------------------------

def _name(rng: random.Random) -> str:
    surname = rng.choice(P.SURNAME_PHRASES) if rng.random() < 0.1 else rng.choice(P.SURNAMES)
    first = rng.choice(P.FIRST_NAMES)
    if rng.random() < 0.15:
        first += f" {rng.choice('ABCDEFGHJKLMPRSTW')}."
    return f"{first} {surname}"


def _names(rng: random.Random, n: int) -> list[str]:
    names: list[str] = []
    while len(names) < n:
        nm = _name(rng)
        if nm not in names:
            names.append(nm)
    return names


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def byline(rng: random.Random, kind: str) -> tuple[str, str, list[tuple[str, Optional[str]]]]:
    """(line as printed, gold byline, gold authors) for one byline ``kind``."""
    if kind == "plain":
        nm = _name(rng)
        return f"By {nm}", nm, [(nm, None)]
    if kind == "role":
        nm, role = _name(rng), rng.choice(P.ROLES)
        return f"By {nm}, {role}", f"{nm}, {role}", [(nm, role)]
    if kind == "two":
        names = _names(rng, 2)
        return f"By {_join(names)}", _join(names), [(n, None) for n in names]
    if kind == "three":
        names = _names(rng, 3)
        return f"By {_join(names)}", _join(names), [(n, None) for n in names]
    if kind == "pipe":
        nm, ag = _name(rng), rng.choice(P.AGENCIES)
        return f"{nm} | {ag}", f"{nm} | {ag}", [(nm, ag)]
    if kind == "in_city":
        nm, town = _name(rng), rng.choice(P.TOWNS)
        return f"By {nm} in {town}", f"{nm} in {town}", [(nm, None)]
    if kind == "caps":
        nm, role = _name(rng), rng.choice(P.ROLES)
        printed = f"BY {nm.upper()}, {role}"
        return printed, f"{nm.upper()}, {role}", [(nm, role)]
    if kind == "plural_role":  # "A and B, Staff Writers" (no "By")
        names, role = _names(rng, 2), rng.choice(P.PLURAL_ROLES)
        return f"{_join(names)}, {role}", f"{_join(names)}, {role}", [(n, role) for n in names]
    if kind == "kind_by":  # "Analysis by A, Outlet"
        nm, ag = _name(rng), rng.choice(P.AGENCIES)
        return f"{rng.choice(P.BY_KINDS)} by {nm}, {ag}", f"{nm}, {ag}", [(nm, ag)]
    raise ValueError(kind)


def reporting_credit(rng: random.Random) -> tuple[str, list[tuple[str, Optional[str]]]]:
    a, b = _names(rng, 2)
    town = rng.choice(P.TOWNS)
    return f"Reporting by {a} in {town}; Editing by {b}", [(a, "reporting")]


def dateline(rng: random.Random) -> str:
    city, region = rng.choice(P.CITIES)
    dl = city + (f", {region}" if region else "")
    if rng.random() < 0.7:
        dl += f" ({rng.choice(('AP', 'Reuters', 'Wire', 'AFP'))})"
    return dl


def caption(rng: random.Random) -> str:
    return rng.choice(P.CAPTION_FORMS).format(scene=rng.choice(P.CAPTION_SCENES), name=_name(rng),
                                              agency=rng.choice(P.AGENCIES))


def sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in _SENT.split(paragraph) if s.strip()]


def pick_sentence(rng: random.Random, paras: list[str], lo: int, hi: int, avoid: set[str]) -> Optional[str]:
    """A sentence of lo..hi words from a paragraph with several sentences (so it is no paragraph)."""
    pool = [s for p in paras[1:] if len(sentences(p)) >= 2 for s in sentences(p)
            if lo <= len(s.split()) <= hi and _TERMINAL.search(s) and s not in avoid and '"' not in s[:1]
            and s[:1].isupper() and not _ABBREV_END.search(s) and s.count('"') % 2 == 0]
    return rng.choice(pool) if pool else None


def sentence_case(title: str, body: list[str]) -> str:
    """Lower-case the words of a Title Case headline that the body never capitalises mid-sentence."""
    text = " ".join(body)
    words = title.split()
    out = [words[0]]
    for w in words[1:]:
        core = re.sub(r"^\W+|\W+$", "", w)
        keep = (not core or not core[0].isupper() or core.isupper() and len(core) > 1
                or re.search(rf"[a-z,;] {re.escape(core)}\b", text) is not None)
        out.append(w if keep else w.lower())
    return " ".join(out)


def _strip_period(title: str) -> str:
    return title[:-1] if title.endswith(".") and not title.endswith("..") else title


# ------------------------------------------------------------------------------------------
# Rendering
# ------------------------------------------------------------------------------------------

@dataclass
class Layout:
    """What a family puts around the body; :func:`render` turns it into text + gold."""

    header: list[tuple[str, str]] = field(default_factory=list)  # (line, role)
    body: list[str] = field(default_factory=list)
    inline_dateline: Optional[str] = None
    own_dateline: str | None = None  # the real first paragraph's own dateline prefix, as printed
    tail: list[tuple[str, str]] = field(default_factory=list)  # after the body (boilerplate, repeats)
    inserts: list[tuple[int, str]] = field(default_factory=list)  # lines put into the body, not gold
    hint: Optional[str] = None
    sep_header: str = "\n"
    sep_body: str = "\n\n"
    wrap: Optional[int] = None
    newline: str = "\n"
    gold: dict = field(default_factory=dict)


def render(family: str, src: Source, lay: Layout) -> Case:
    body = list(lay.body)
    if lay.inline_dateline:
        body[0] = f"{lay.inline_dateline} — {body[0]}"
    elif lay.own_dateline:  # the article keeps its own dateline in its text
        body[0] = lay.own_dateline + body[0]
    for at, line in sorted(lay.inserts, reverse=True):
        body.insert(at, line)

    def wrapped(p: str) -> str:
        return "\n".join(textwrap.wrap(p, lay.wrap, break_long_words=False, break_on_hyphens=False)) if lay.wrap else p

    head = lay.sep_header.join(wrapped(ln) if role in ("summary_line", "dek") else ln for ln, role in lay.header)
    parts = [head] if head else []
    parts.append(lay.sep_body.join(wrapped(p) for p in body))
    if lay.tail:
        parts.append(lay.sep_body.join(wrapped(t) for t, _ in lay.tail))
    text = lay.sep_body.join(parts) + "\n"
    if lay.newline == "mixed":
        lines = text.split("\n")
        ends = ["\r\n", "\n", "\r"]
        text = "".join(ln + ends[i % 3] for i, ln in enumerate(lines[:-1])) + lines[-1]
    elif lay.newline != "\n":
        text = text.replace("\n", lay.newline)
    gold: dict = {f: None for f in FIELDS}
    gold["authors"] = []
    gold.update(lay.gold)
    gold["paragraphs"] = list(lay.body)
    return Case(family, src.doc_id, text, lay.hint, gold, list(lay.header))


def _base(rng: random.Random, src: Source, *, title_case: bool = True) -> tuple[Layout, str]:
    title = src.title if title_case else sentence_case(src.title, src.paragraphs)
    title = _strip_period(title)
    body = list(src.paragraphs)
    gold: dict = {"title": title}
    dl = real_dateline(body[0])
    own = None
    if dl:  # the article's own dateline: gold, and printed as it was (not part of the gold paragraph)
        gold["dateline"] = dl
        rest = _GOLD_DATELINE.sub("", body[0], count=1)
        own, body[0] = body[0][:len(body[0]) - len(rest)], rest
    return Layout(body=body, gold=gold, own_dateline=own), title


def _add_dateline_alone(lay: Layout, rng: random.Random, dl: str) -> None:
    """A dateline on a line of its own: the article's own dateline moved there if it has one,
    else ``dl`` (drawn by the caller either way, so the random stream does not depend on it)."""
    if lay.own_dateline:
        dl = lay.gold["dateline"]
        lay.own_dateline = None
    lay.header.append((f"{dl} —", "dateline"))
    lay.gold["dateline"] = dl


def _add_byline(lay: Layout, rng: random.Random, kind: str) -> None:
    printed, gold, authors = byline(rng, kind)
    lay.header.append((printed, "byline"))
    lay.gold["byline"], lay.gold["authors"] = gold, authors


def _add_dek(lay: Layout, rng: random.Random, src: Source) -> None:
    dek = pick_sentence(rng, src.paragraphs, 5, 28, set())
    if dek and dek.endswith(".") and rng.random() < 0.3:
        dek = dek[:-1]  # many deks carry no final period
    if dek:
        lay.header.append((dek, "dek"))
        lay.gold["dek"] = dek


def _add_inline_dateline(lay: Layout, rng: random.Random) -> None:
    """A dateline at the start of the first paragraph, unless the byline already brought one."""
    if not lay.gold.get("dateline"):
        lay.inline_dateline = dateline(rng)
        lay.gold["dateline"] = lay.inline_dateline


def _add_summary(lay: Layout, rng: random.Random, src: Source) -> None:
    s = pick_sentence(rng, src.paragraphs, 14, 45, {lay.gold.get("dek") or ""})
    if s:
        lay.header.insert(0, (s, "summary_line"))
        lay.gold["summary_line"] = s


def _byline_kind(rng: random.Random, kinds: tuple[str, ...]) -> str:
    return rng.choice(kinds)


# Each family: (split, description, builder)
Builder = Callable[[random.Random, Source], Layout]


def f_title_body(rng, src):
    lay, title = _base(rng, src)
    lay.header = [(title, "title")]
    return lay


def f_seed_like(rng, src):
    lay, title = _base(rng, src)
    lay.header = [(title, "title")]
    _add_summary(lay, rng, src)
    lay.header.append(("", "blank"))
    lay.header.append((title, "repeated_title"))
    _add_dek(lay, rng, src)
    lay.sep_body = "\n"
    lay.tail = [(p, "repeat") for p in src.paragraphs[1:4]]
    return lay


def f_summary_blocks_byline(rng, src):
    lay, title = _base(rng, src, title_case=rng.random() < 0.5)
    lay.header = [(title, "title")]
    _add_summary(lay, rng, src)
    _add_byline(lay, rng, _byline_kind(rng, ("plain", "role", "two")))
    lay.sep_header = "\n\n"
    return lay


def f_role_byline_inline_dateline(rng, src):
    lay, title = _base(rng, src)
    lay.header = [(title, "title")]
    _add_byline(lay, rng, _byline_kind(rng, ("role", "caps")))
    _add_inline_dateline(lay, rng)
    return lay


def f_caption_dek(rng, src):
    lay, title = _base(rng, src, title_case=rng.random() < 0.5)
    lay.header = [(title, "title"), (caption(rng), "caption")]
    _add_dek(lay, rng, src)
    _add_byline(lay, rng, _byline_kind(rng, ("plain", "role", "in_city")))
    return lay


def f_dateline_alone_caption(rng, src):
    lay, title = _base(rng, src)
    lay.header = [(title, "title"), (caption(rng), "caption")]
    _add_dateline_alone(lay, rng, dateline(rng))
    return lay


def f_mixed_endings_multi_author(rng, src):
    lay, title = _base(rng, src)
    lay.header = [(title, "title")]
    _add_byline(lay, rng, _byline_kind(rng, ("two", "three")))
    _add_inline_dateline(lay, rng)
    lay.newline = "mixed"
    return lay


def f_hard_wrapped_dek(rng, src):
    lay, title = _base(rng, src)
    lay.header = [(title, "title")]
    _add_dek(lay, rng, src)
    _add_byline(lay, rng, "plain")
    lay.sep_header = "\n\n"
    lay.wrap = rng.choice((66, 72, 78))
    return lay


def f_dek_dateline_lede(rng, src):
    lay, title = _base(rng, src, title_case=rng.random() < 0.7)
    lay.header = [(title, "title")]
    _add_dek(lay, rng, src)
    _add_inline_dateline(lay, rng)
    lay.sep_header = rng.choice(("\n", "\n\n"))
    return lay


def f_body_only(rng, src):
    lay, _ = _base(rng, src)
    lay.gold["title"] = None
    _lede_variant(rng, lay, src)
    return lay


def f_hint_repeated_title(rng, src):
    lay, title = _base(rng, src)
    lay.hint = f"{title} | {rng.choice(P.SITE_NAMES)}"
    lay.header = [(title, "repeated_title")]
    _add_byline(lay, rng, _byline_kind(rng, ("plain", "role")))
    return lay


def f_summary_caption_in_city(rng, src):
    lay, title = _base(rng, src, title_case=False)
    lay.header = [(title, "title")]
    _add_summary(lay, rng, src)
    lay.header.append((caption(rng), "caption"))
    _add_byline(lay, rng, "in_city")
    lay.sep_header = "\n\n"
    return lay


def f_crlf_reporting_credit(rng, src):
    lay, title = _base(rng, src)
    lay.header = [(title, "title")]
    _add_inline_dateline(lay, rng)
    credit, authors = reporting_credit(rng)
    lay.tail = [(credit, "boilerplate")]
    lay.gold["byline"], lay.gold["authors"] = credit, authors
    lay.newline = "\r\n"
    return lay


def _mixed_dateline(rng: random.Random) -> str:
    """A mixed-case dateline: "Kessington, Ontario" or "Hong Kong (Wire)"."""
    place, region = rng.choice(P.MIXED_CITIES)
    if region and rng.random() < 0.7:
        return f"{place}, {region}"
    return f"{place} ({rng.choice(('AP', 'Reuters', 'Wire', 'AFP'))})"


def _question_title(rng: random.Random, src: Source) -> str:
    """A question headline: a question the body asks (inside a longer paragraph) or an invented one."""
    pool = [s for p in src.paragraphs[1:] if len(sentences(p)) >= 2 for s in sentences(p)
            if s.endswith("?") and 5 <= len(s.split()) <= 16 and s[:1].isupper() and '"' not in s]
    return rng.choice(pool) if pool and rng.random() < 0.5 else rng.choice(P.QUESTION_TITLES)


def _short_first_paragraph(rng: random.Random, lay: Layout, src: Source) -> None:
    """Open the body with a short one-sentence paragraph (a real sentence of a longer paragraph of
    the article, so that the body does not repeat it as a paragraph of its own)."""
    short = [s for p in src.paragraphs[1:] if len(sentences(p)) >= 2 for s in sentences(p)
             if 4 <= len(s.split()) <= 12 and s[:1].isupper() and s != lay.gold.get("dek") and _TERMINAL.search(s)]
    if short and not lay.gold.get("dateline"):
        lay.body.insert(0, rng.choice(short))


def f_question_title(rng, src):
    """A question headline, then header material (byline, dek, caption, dateline alone)."""
    lay, _ = _base(rng, src)
    title = _question_title(rng, src)
    lay.gold["title"] = title
    lay.header = [(title, "title")]
    x = rng.random()
    if x < 0.3:
        _add_dek(lay, rng, src)
    elif x < 0.45:
        lay.header.append((caption(rng), "caption"))
    _add_byline(lay, rng, _byline_kind(rng, ("plain", "role", "two", "pipe")))
    if rng.random() < 0.25:
        _add_dateline_alone(lay, rng, dateline(rng) if rng.random() < 0.5 else _mixed_dateline(rng))
    elif rng.random() < 0.3:
        _short_first_paragraph(rng, lay, src)
    lay.sep_header = rng.choice(("\n", "\n\n"))
    lay.sep_body = rng.choice(("\n", "\n\n"))
    return lay


def f_dek_or_short_lede(rng, src):
    """Dek vs lede: a dek drawn from the body's sentences (above or under the byline), or none, over
    a body that often opens with a short one-sentence paragraph; summary lines, repeated titles and
    captions around."""
    lay, title = _base(rng, src, title_case=rng.random() < 0.5)
    lay.header = [(title, "title")]
    if rng.random() < 0.3:
        _add_summary(lay, rng, src)
        if rng.random() < 0.5:
            lay.header.append((title, "repeated_title"))
    if rng.random() < 0.3:
        lay.header.append((caption(rng), "caption"))
    dek, by = rng.random() < 0.6, rng.random() < 0.5
    if dek and not (by and rng.random() < 0.4):
        _add_dek(lay, rng, src)
    if by:
        _add_byline(lay, rng, _byline_kind(rng, ("plain", "role", "in_city")))
        if dek and not lay.gold.get("dek"):  # the dek under the byline
            _add_dek(lay, rng, src)
    if rng.random() < 0.6:
        _short_first_paragraph(rng, lay, src)
    lay.sep_header = rng.choice(("\n", "\n\n"))
    lay.sep_body = rng.choice(("\n", "\n\n"))
    return lay


def f_mixed_dateline_furniture(rng, src):
    """Mixed-case datelines (inline or alone), section labels, topic kickers and time stamps around the header."""
    lay, title = _base(rng, src, title_case=rng.random() < 0.5)
    lay.header = [(title, "title")]
    if rng.random() < 0.4:
        lay.header.insert(0, (rng.choice(P.SECTION_LABELS), "boilerplate"))
    elif rng.random() < 0.4:
        lay.header.insert(0, (rng.choice(P.KICKERS), "boilerplate"))
    if rng.random() < 0.4:
        lay.header.append((rng.choice(P.STAMP_LINES), "boilerplate"))
    if rng.random() < 0.3:
        _add_dek(lay, rng, src)
    if rng.random() < 0.6:
        _add_byline(lay, rng, _byline_kind(rng, ("plain", "role", "two", "pipe")))
    if not lay.gold.get("dateline"):
        dl = _mixed_dateline(rng)
        if rng.random() < 0.4:
            lay.header.append((f"{dl} —", "dateline"))
            lay.gold["dateline"] = dl
        else:
            lay.inline_dateline = dl
            lay.gold["dateline"] = dl
    lay.newline = rng.choice(("\n", "\r\n", "mixed"))
    return lay


def _lede_variant(rng: random.Random, lay: Layout, src: Source) -> None:
    """Sometimes open the body with a short one-sentence paragraph or a question (real sentences)."""
    x = rng.random()
    if lay.gold.get("dateline"):
        return  # the article's own dateline opens its first paragraph
    if x < 0.15:
        q = [s for p in src.paragraphs for s in sentences(p) if s.endswith("?") and len(s.split()) >= 5]
        if q:
            lay.body.insert(0, q[0])
    elif x < 0.3:
        short = [s for p in src.paragraphs[1:] for s in sentences(p) if 5 <= len(s.split()) <= 12]
        if short:
            lay.body.insert(0, short[0])


def f_random(rng, src):
    """Components drawn independently (for fitting: wide coverage of orders and forms)."""
    hint_mode = rng.random()
    lay, title = _base(rng, src, title_case=rng.random() < 0.6)
    _lede_variant(rng, lay, src)
    if hint_mode < 0.2:
        lay.hint = title if rng.random() < 0.5 else f"{title} | {rng.choice(P.SITE_NAMES)}"
        lay.header = [(title, "repeated_title")] if rng.random() < 0.6 else []
        if lay.header and rng.random() < 0.3:
            _add_summary(lay, rng, src)
    elif hint_mode < 0.3:
        lay.gold["title"] = None
        if rng.random() < 0.5:
            printed, gold, authors = byline(rng, rng.choice(("plain", "role", "two", "pipe")))
            lay.header = [(printed, "byline")]
            lay.gold["byline"], lay.gold["authors"] = gold, authors
        return lay
    else:
        lay.header = [(title + "." if rng.random() < 0.1 and title[-1:].isalnum() else title, "title")]
        if rng.random() < 0.3:
            _add_summary(lay, rng, src)
        if rng.random() < 0.2:
            lay.header.append((title, "repeated_title"))
        elif rng.random() < 0.1:
            lay.inserts.append((rng.randint(1, 2), title))  # the title again after the lede
    if rng.random() < 0.2:
        lay.header.append((caption(rng), "caption"))
    dek_first = rng.random() < 0.5
    if dek_first and rng.random() < 0.5:
        _add_dek(lay, rng, src)
    if rng.random() < 0.5:
        _add_byline(lay, rng, rng.choice(("plain", "role", "two", "three", "pipe", "in_city", "caps")))
        if rng.random() < 0.2 and all(r is None for _, r in lay.gold["authors"]) and " in " not in lay.gold["byline"]:
            aff = rng.choice(P.AGENCIES + P.ROLES)  # the outlet or role on a line of its own
            lay.header.append((aff, "byline"))
            lay.gold["byline"] += f", {aff}"
            lay.gold["authors"] = [(n, aff) for n, _ in lay.gold["authors"]]
    if not dek_first and rng.random() < 0.3:
        _add_dek(lay, rng, src)
    if rng.random() < 0.15:
        lay.header.append((caption(rng), "caption"))
    if rng.random() < 0.15:
        lay.header.insert(rng.randrange(1, len(lay.header) + 1) if lay.header else 0,
                          (rng.choice(P.BOILERPLATE), "boilerplate"))
    d = rng.random()
    if lay.gold.get("dek") and not lay.gold.get("byline") and d < 0.6:
        d = 0.3  # a dek right above a dateline lede
    if d < 0.2:
        _add_dateline_alone(lay, rng, dateline(rng))
    elif d < 0.5 and not lay.gold.get("dateline"):
        lay.inline_dateline = dateline(rng)
        lay.gold["dateline"] = lay.inline_dateline
    lay.sep_header = rng.choice(("\n", "\n\n"))
    lay.sep_body = rng.choice(("\n", "\n\n", "\n\n"))
    lay.newline = rng.choice(("\n", "\n", "\r\n", "mixed"))
    if rng.random() < 0.15 and lay.sep_body == "\n\n":
        lay.wrap = rng.choice((64, 72, 80))
    return lay


def _dek_sentences(rng: random.Random, src: Source) -> Optional[str]:
    """Two or three consecutive sentences of a longer body paragraph, as a multi-sentence dek."""
    pool = [ss for p in src.paragraphs[1:] if len(ss := sentences(p)) >= 3]
    if not pool:
        return None
    ss = rng.choice(pool)
    k = rng.choice((2, 3))
    i = rng.randrange(0, len(ss) - k + 1)
    dek = " ".join(ss[i:i + k])
    ok = (len(dek.split()) <= 45 and dek[:1].isupper() and _TERMINAL.search(dek) and not _ABBREV_END.search(dek)
          and not any(q in dek for q in "\"“”‘’"))
    return dek if ok else None


def f_dek_variety(rng, src):
    """Deks in general: one body sentence, two or three sentences, a question or a quotation-led
    standfirst, above or under the byline, with a caption before or after it, under a summary line
    and title in one block (with a repeated title) or in separate blocks, below a kicker."""
    lay, title = _base(rng, src, title_case=rng.random() < 0.6)
    lay.header = [(title, "title")]
    x = rng.random()
    if x < 0.35:
        _add_summary(lay, rng, src)
        if rng.random() < 0.6:
            lay.header.append((title, "repeated_title"))
    elif x < 0.5:
        lay.header.insert(0, (rng.choice(P.KICKERS), "boilerplate"))
    cap = rng.random()
    if cap < 0.25:
        lay.header.append((caption(rng), "caption"))
    kind = rng.random()
    dek: Optional[str] = None
    if kind < 0.35:
        dek = pick_sentence(rng, src.paragraphs, 5, 28, {lay.gold.get("summary_line") or ""})
        if dek and rng.random() < 0.3:
            dek = dek[:-1]
    elif kind < 0.6:
        dek = _dek_sentences(rng, src)
    elif kind < 0.8:
        dek = rng.choice(P.DEK_QUESTIONS)
    else:
        dek = rng.choice(P.DEK_QUOTES)
    by_first = rng.random() < 0.25
    by_kind = rng.choice(("plain", "role", "two", "pipe", "plural_role", "kind_by", "in_city"))
    if by_first:
        _add_byline(lay, rng, by_kind)
    if dek and dek != lay.gold.get("summary_line"):
        lay.header.append((dek, "dek"))
        lay.gold["dek"] = dek
    if 0.25 <= cap < 0.4:
        lay.header.append((caption(rng), "caption"))
    if not by_first and rng.random() < 0.8:
        _add_byline(lay, rng, by_kind)
    if rng.random() < 0.25:
        _add_inline_dateline(lay, rng)
    lay.sep_header = rng.choice(("\n", "\n\n", "\n\n"))
    lay.sep_body = rng.choice(("\n", "\n\n"))
    lay.newline = rng.choice(("\n", "\n", "\r\n", "mixed"))
    return lay


# -- test families (never used for fitting or tuning) --------------------------------------

def t_sentence_case_byline(rng, src):
    lay, title = _base(rng, src, title_case=False)
    lay.header = [(title, "title")]
    _add_byline(lay, rng, _byline_kind(rng, ("plain", "role")))
    return lay


def t_dek_before_role_byline(rng, src):
    lay, title = _base(rng, src)
    lay.header = [(title, "title")]
    _add_dek(lay, rng, src)
    _add_byline(lay, rng, "role")
    _add_inline_dateline(lay, rng)
    return lay


def t_byline_dateline_alone_crlf(rng, src):
    lay, title = _base(rng, src, title_case=rng.random() < 0.5)
    lay.header = [(title, "title")]
    _add_byline(lay, rng, _byline_kind(rng, ("plain", "two")))
    _add_dateline_alone(lay, rng, dateline(rng))
    lay.newline = "\r\n"
    return lay


def t_boilerplate_pipe_byline(rng, src):
    lay, title = _base(rng, src)
    lay.header = [(title, "title"), (rng.choice(P.BOILERPLATE), "boilerplate")]
    _add_byline(lay, rng, "pipe")
    lay.header.append((rng.choice(P.BOILERPLATE), "boilerplate"))
    lay.tail = [(rng.choice(P.BOILERPLATE), "boilerplate")]
    return lay


def t_summary_title_same_block_repeats(rng, src):
    lay, title = _base(rng, src, title_case=False)
    lay.header = [(title, "title")]
    _add_summary(lay, rng, src)
    _add_byline(lay, rng, "three")
    lay.tail = [(p, "repeat") for p in src.paragraphs[:3]]
    return lay


def t_caption_dateline_alone_wrapped_cr(rng, src):
    lay, title = _base(rng, src)
    lay.header = [(title, "title")]
    _add_byline(lay, rng, "role")
    lay.header.append((caption(rng), "caption"))
    _add_dateline_alone(lay, rng, dateline(rng))
    lay.sep_header = "\n\n"
    lay.wrap = 70
    lay.newline = "\r"
    return lay


def t_hint_section_prefix_dek(rng, src):
    lay, title = _base(rng, src)
    lay.hint = f"{rng.choice(P.SECTION_PREFIXES)} | {title} | {rng.choice(P.SITE_NAMES)}"
    lay.header = []
    _add_dek(lay, rng, src)
    _add_byline(lay, rng, _byline_kind(rng, ("plain", "in_city")))
    return lay


def t_summary_blocks_dek_caption(rng, src):
    lay, title = _base(rng, src)
    lay.header = [(title, "title")]
    _add_summary(lay, rng, src)
    lay.header.append(("", "blank"))
    lay.header.append((title, "repeated_title"))
    lay.header.append((caption(rng), "caption"))
    _add_dek(lay, rng, src)
    lay.sep_body = "\n"
    return lay


FAMILIES: dict[str, tuple[str, str, Builder]] = {
    "title_body": ("dev", "Title Case title, blank-line paragraphs", f_title_body),
    "seed_like": ("dev", "summary line + title, repeated title, dek, single newlines, repeated tail", f_seed_like),
    "summary_blocks_byline": ("dev", "summary and title in own blocks, byline (±role, two authors)",
                              f_summary_blocks_byline),
    "role_byline_inline_dateline": ("dev", "byline with role (or ALL CAPS), dateline inline",
                                    f_role_byline_inline_dateline),
    "caption_dek": ("dev", "caption between title and dek, byline (±role, in City)", f_caption_dek),
    "dateline_alone_caption": ("dev", "caption, dateline on its own line, no byline", f_dateline_alone_caption),
    "mixed_endings_multi_author": ("dev", "mixed CR/LF/CRLF, two or three authors, inline dateline",
                                   f_mixed_endings_multi_author),
    "hard_wrapped_dek": ("dev", "hard-wrapped text, dek, byline, blank-line header", f_hard_wrapped_dek),
    "body_only": ("dev", "no header at all", f_body_only),
    "dek_dateline_lede": ("dev", "title, dek, no byline, dateline opening the first paragraph", f_dek_dateline_lede),
    "hint_repeated_title": ("dev", "title hint with site suffix, title repeated in text, byline",
                            f_hint_repeated_title),
    "summary_caption_in_city": ("dev", "sentence-case title after summary, caption, 'By A in City'",
                                f_summary_caption_in_city),
    "crlf_reporting_credit": ("dev", "CRLF, inline dateline, 'Reporting by' credit at the end",
                              f_crlf_reporting_credit),
    "question_title": ("dev", "question headline, then byline (± dek, caption, dateline alone, short lede)",
                       f_question_title),
    "dek_or_short_lede": ("dev", "a body-sentence dek or none over a short first paragraph", f_dek_or_short_lede),
    "mixed_dateline_furniture": ("dev", "mixed-case datelines inline or alone, section labels, kickers, stamps",
                                 f_mixed_dateline_furniture),
    "dek_variety": ("dev", "deks of one to three sentences, questions, quotations; summary + title blocks, "
                    "kickers, captions, staff and 'Analysis by' bylines", f_dek_variety),
    "random_dev": ("dev", "every component drawn independently (fitting coverage)", f_random),
    "T_sentence_case_byline": ("test", "sentence-case unrepeated title, byline (±role)", t_sentence_case_byline),
    "T_dek_before_role_byline": ("test", "dek before a byline with role, inline dateline", t_dek_before_role_byline),
    "T_byline_dateline_alone_crlf": ("test", "CRLF, byline (one or two), dateline alone", t_byline_dateline_alone_crlf),
    "T_boilerplate_pipe_byline": ("test", "boilerplate around 'A | Agency' byline and after the body",
                                  t_boilerplate_pipe_byline),
    "T_summary_title_same_block_repeats": ("test", "summary + sentence-case title, three authors, repeats",
                                           t_summary_title_same_block_repeats),
    "T_caption_dateline_alone_wrapped_cr": ("test", "CR endings, hard-wrapped, role byline, caption, dateline alone",
                                            t_caption_dateline_alone_wrapped_cr),
    "T_hint_section_prefix_dek": ("test", "'Section | Title | Site' hint, no title in text, dek, byline",
                                  t_hint_section_prefix_dek),
    "T_summary_blocks_dek_caption": ("test", "seed layout with a caption before the dek", t_summary_blocks_dek_caption),
}


def cases(split: str, per_family: int = PER_FAMILY, data: Path = SHARED,
          families: Optional[list[str]] = None, draw: str = "") -> list[Case]:
    """Rendered cases of every family of ``split`` (articles of the same split), deterministic;
    another ``draw`` name redraws articles and layouts (e.g. dev cases the weights were not fitted on)."""
    sources = load_sources(split, data)
    out: list[Case] = []
    for name, (fsplit, _, build) in FAMILIES.items():
        if fsplit != split or (families and name not in families):
            continue
        rng = random.Random(f"{name}/{split}" + (f"/{draw}" if draw else ""))
        size = SIZES.get(name, per_family) * (per_family // PER_FAMILY or 1)
        picks = rng.sample(sources, size) if size <= len(sources) else rng.choices(sources, k=size)
        for src in picks:
            out.append(render(name, src, build(rng, src)))
    return out


def heldout_cases(folder: Path = HELDOUT, family: str = "heldout") -> list[Case]:
    """The held-out raw articles (``NN-slug.txt``, read byte for byte: CR/CRLF kept) and their gold
    (``gold.json``: the same fields as the families, authors as ``[name, role]``), as one family."""
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    out: list[Case] = []
    for slug, g in gold.items():
        text = (folder / f"{slug}.txt").read_bytes().decode("utf-8")
        gd = {f: g[f] for f in FIELDS}
        gd["authors"] = [(n, r) for n, r in g["authors"]]
        gd["paragraphs"] = list(g["paragraphs"])
        out.append(Case(family, slug, text, g.get("hint"), gd))
    return out


# ------------------------------------------------------------------------------------------
# Scoring
# ------------------------------------------------------------------------------------------

def _norm(v):
    if v is None:
        return None
    if isinstance(v, list):
        return [(" ".join(n.split()), r) for n, r in v]
    v = " ".join(str(v).split())
    return v or None


@dataclass
class Prediction:
    title: Optional[str]
    summary_line: Optional[str]
    dek: Optional[str]
    byline: Optional[str]
    authors: list
    dateline: Optional[str]
    paragraphs: list[str]


def predict_new(case: Case) -> Prediction:
    from ..pipeline.clean import clean_text

    r = clean_text(case.text, case.hint)
    return Prediction(r.title, r.summary_line, r.dek, r.byline, [(a.name, a.role) for a in r.authors],
                      r.dateline, r.paragraphs)


def predict_baseline(case: Case) -> Prediction:
    from .baseline_clean import clean_text

    r = clean_text(case.text, case.hint)
    names = [n for n in re.split(r",\s*|\s+and\s+", r.byline or "") if n]
    return Prediction(r.title, r.summary_line, r.dek, r.byline, [(n, None) for n in names], r.dateline,
                      r.paragraphs)


def score(cases_: list[Case], predict: Callable[[Case], Prediction], max_errors: int = 30) -> dict[str, dict]:
    """Per family: n, per-field accuracy, paragraph P/R/F1, share of articles with every field right."""
    from collections import Counter

    out: dict[str, dict] = {}
    for c in cases_:
        p = predict(c)
        s = out.setdefault(c.family, {"n": 0, **{f: 0 for f in FIELDS}, "tp": 0, "pred": 0, "gold": 0,
                                      "all_fields": 0, "errors": []})
        s["n"] += 1
        ok_all = True
        for f in FIELDS:
            ok = _norm(getattr(p, f)) == _norm(c.gold[f])
            s[f] += ok
            if not ok:
                ok_all = False
                if len(s["errors"]) < max_errors:
                    s["errors"].append((c.doc_id, f, c.gold[f], getattr(p, f)))
        s["all_fields"] += ok_all
        gold = Counter(_norm(x) for x in c.gold["paragraphs"])
        pred = Counter(_norm(x) for x in p.paragraphs)
        s["tp"] += sum((gold & pred).values())
        s["pred"] += sum(pred.values())
        s["gold"] += sum(gold.values())
    for s in out.values():
        n = s["n"]
        for f in (*FIELDS, "all_fields"):
            s[f] = s[f] / n
        prec = s["tp"] / s["pred"] if s["pred"] else 0.0
        rec = s["tp"] / s["gold"] if s["gold"] else 0.0
        s["para_p"], s["para_r"] = prec, rec
        s["para_f1"] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return out


# ------------------------------------------------------------------------------------------
# Report
# ------------------------------------------------------------------------------------------

TABLE_HEADERS = ["family", "n", "system", *FIELDS, "all fields", "para P", "para R", "para F1"]


def run(split: str, per_family: int = PER_FAMILY, families: Optional[list[str]] = None, draw: str = "") -> dict:
    """Scores of newsgraph and of the pre-#11 clean stage on the families of ``split``, or on the
    held-out raw articles when ``split`` names a held-out set (:data:`HELDOUT_SETS`)."""
    import time

    held = split in HELDOUT_SETS
    cs = heldout_cases(HELDOUT_SETS[split], split) if held else cases(split, per_family, families=families, draw=draw)
    out: dict = {"split": split, "cases": len(cs), "families": {}}
    for system, fn in (("newsgraph", predict_new), ("before #11", predict_baseline)):
        t0 = time.perf_counter()
        res = score(cs, fn, max_errors=1000 if held else 30)
        out.setdefault("seconds", {})[system] = time.perf_counter() - t0
        for fam, s in res.items():
            out["families"].setdefault(fam, {})[system] = s
    return out


def table_rows(result: dict) -> list[list[str]]:
    rows = []
    for fam, systems in result["families"].items():
        for system, s in systems.items():
            rows.append([fam, str(s["n"]), system, *(f"{s[f]:.3f}" for f in FIELDS), f"{s['all_fields']:.3f}",
                         f"{s['para_p']:.3f}", f"{s['para_r']:.3f}", f"{s['para_f1']:.3f}"])
    return rows


def summary_rows(result: dict) -> list[list[str]]:
    """Mean over the families per system, and the worst family per field."""
    rows = []
    systems = next(iter(result["families"].values())).keys() if result["families"] else []
    for system in systems:
        fams = [v[system] for v in result["families"].values()]
        rows.append([f"mean of {len(fams)} families", "", system,
                     *(f"{sum(s[f] for s in fams) / len(fams):.3f}" for f in FIELDS),
                     f"{sum(s['all_fields'] for s in fams) / len(fams):.3f}", "", "",
                     f"{sum(s['para_f1'] for s in fams) / len(fams):.3f}"])
        rows.append(["worst family", "", system, *(f"{min(s[f] for s in fams):.3f}" for f in FIELDS),
                     f"{min(s['all_fields'] for s in fams):.3f}", "", "",
                     f"{min(s['para_f1'] for s in fams):.3f}"])
    return rows
