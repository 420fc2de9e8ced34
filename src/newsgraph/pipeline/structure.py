"""Text-level helpers for the clean stage: line splitting, boilerplate, bylines, datelines, headlines.

Everything here is regex/string based and linear in the input size (no spaCy): the clean stage
must cost a small fraction of the parse. Patterns that could match real prose only ever run on
*short* lines (see :data:`BOILERPLATE_MAX_WORDS`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

from ..model import normalise_text
from . import residue

# --------------------------------------------------------------------------------------------
# Splitting raw text into candidate paragraphs
# --------------------------------------------------------------------------------------------

#: Characters deleted outright: zero-width spaces/joiners, word joiner, BOM, soft hyphen.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
#: Exotic line breaks mapped to the plain ones (\u2029 and form feed separate paragraphs).
_BREAKS = {"\u2028": "\n", "\u2029": "\n\n", "\x85": "\n", "\x0b": "\n", "\x0c": "\n\n"}
_BREAK_RE = re.compile("[\u2028\u2029\x85\x0b\x0c]")
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
_FIRST_WORD = re.compile(r"\S+")


@dataclass
class Candidate:
    """A paragraph candidate: cleaned text plus its position among all candidates."""

    text: str
    pos: int
    block_end: bool  # followed by a blank line (or the end of the text)


def _ends_sentence(line: str) -> bool:
    return bool(_TERMINAL.search(line))


def split_candidates(text: str) -> list[Candidate]:
    """Split raw text into paragraph candidates with whitespace normalised.

    Handles ``\\n``, ``\\r\\n`` and ``\\r`` endings, whitespace-only lines, indents and unicode
    spaces. Convention detection: when the text has blank lines, each blank-line-separated block
    may be hard-wrapped; a line break inside a block is joined ("unwrapped") when the next line's
    first word would not have fitted on the line at the document's wrap width, i.e. the break was
    forced by the width rather than chosen by the writer. Without blank lines every line is a
    paragraph. In both conventions a line that does not end a sentence, followed by one starting
    in lower case, is a continuation and is joined.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _INVISIBLE.sub("", text)
    if _BREAK_RE.search(text):
        text = _BREAK_RE.sub(lambda m: _BREAKS[m.group()], text)
    blocks: list[list[tuple[str, bool]]] = [[]]  # lines as (content, indented)
    for raw_line in text.split("\n"):
        content = " ".join(raw_line.split())  # str.split(): any unicode whitespace
        if not content:
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append((content, raw_line[:1].isspace()))
    if not blocks[-1]:
        blocks.pop()
    if not blocks:
        return []

    width = _wrap_width(blocks) if len(blocks) > 1 else None
    some_indented = any(ind for b in blocks for _, ind in b)
    all_indented = all(ind for b in blocks for _, ind in b)
    indent_marks_paragraph = some_indented and not all_indented

    out: list[Candidate] = []
    for block in blocks:
        current = block[0][0]
        for (prev, _), (line, indented) in zip(block, block[1:]):
            if _soft_break(prev, line, width) and not (indent_marks_paragraph and indented):
                current = current[:-1] + line if _hyphen_join(prev, line) else current + " " + line
            else:
                out.append(Candidate(current, len(out), False))
                current = line
        out.append(Candidate(current, len(out), True))
    return out


#: A blank-line document is only taken as hard-wrapped with at least this many wrapped lines, or
#: with wrapped lines in at least two blocks.
MIN_WRAPPED_LINES = 6


def _wrap_width(blocks: list[list[tuple[str, bool]]]) -> Optional[int]:
    """The hard-wrap width of a blank-line document, or None when it does not look wrapped."""
    lengths = sorted(len(line) for b in blocks for line, _ in b[:-1])
    if len(lengths) < 3 or (len(lengths) < MIN_WRAPPED_LINES and sum(1 for b in blocks if len(b) > 1) < 2):
        return None  # a few lines in one block (a header: title, caption, dek) do not make a wrap width
    nonfinal = [line for b in blocks for line, _ in b[:-1]]
    if sum(1 for line in nonfinal if _ends_sentence(line)) > 0.5 * len(nonfinal):
        return None  # most lines end a sentence: they are paragraphs, not wrapped text
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not 30 <= width <= 120:
        return None
    near = sum(1 for n in lengths if n >= 0.7 * width)
    return width if near >= 0.6 * len(lengths) else None


def _soft_break(prev: str, line: str, width: Optional[int]) -> bool:
    if not _ends_sentence(prev) and line[0].islower():
        # "by Jane Roe" under a headline and an e-mail address under a byline are lines of their own
        return parse_byline(line) is None and not (len(line) <= 80 and _CONTACT.fullmatch(line))
    if width is None or len(prev) > width + 2:  # a line longer than the width was not wrapped
        return False
    first = _FIRST_WORD.match(line)
    return len(prev) + 1 + (len(first.group()) if first else 0) > width


def _hyphen_join(prev: str, line: str) -> bool:
    return prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha() and line[0].islower()


# --------------------------------------------------------------------------------------------
# Boilerplate
# --------------------------------------------------------------------------------------------

#: Boilerplate patterns only run on lines of at most this many words.
BOILERPLATE_MAX_WORDS = 25

_SOCIAL = (r"(?:facebook|twitter|x|linkedin|whatsapp|e-?mail|reddit|pinterest|telegram|messenger|"
           r"threads|bluesky|flipboard|instagram|tiktok|youtube|mastodon|sms)")
_CREDIT = (r"(?:getty images|getty|afp|reuters|ap|ap photo|the associated press|epa|epa-efe|shutterstock|"
           r"alamy|bloomberg|anadolu|xinhua|pa|pa wire|sipa|zuma|nurphoto|imago|dpa|istock)")
_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DAYS = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?"
#: Periods a page time stamp may hold: "3:14 p.m.", "Nov. 3" (abbreviated month or day before a digit).
_STAMP_DOT = (r"(?:(?<=\b[ap])\.(?=m\b)|(?<=\b[ap]\.m)\.|(?<=\b[a-z]{3})\.(?=\s*\d)|(?<=\bsept)\.(?=\s*\d)"
              r"|(?<=\d)\.(?=\d))")

#: Contact details standing alone: an e-mail address or a social handle, or a labelled phone number
#: or web address ("Tel: +44 …", "Web: www…"); a bare number or link may be the article's own.
_CONTACT_PATTERN = (
    r"(?:(?:e-?mail|twitter|x|instagram|bluesky|threads)\.?\s*:\s*)?(?:[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+|@\w{2,30})\.?"
    r"|(?:phone|tel|telephone|mobile|cell|fax|web|website)\.?\s*:\s*"
    r"(?:\+?\(?\d[\d\s().\-]{5,18}\d|(?:https?://|www\.)\S+)\.?"
)
_CONTACT = re.compile(_CONTACT_PATTERN, re.IGNORECASE)

_BOILERPLATE_PATTERNS = [
    # advertising
    r"advertisement(?:\s*[-–—:|]\s*(?:scroll|continue)[\w ]*)?",
    r"(?:skip|close) (?:advertisement|ad)",
    r"(?:story|article|content) continues (?:below|after)\b.*",
    r"continue reading\b.*",
    r"sponsored(?: content| links?| stories| by\b.*)?",
    # cross-links
    r"read (?:more|also|next|the full story)\b.*",
    r"(?:also read|see also|more reading|further reading|recommended(?: reading| for you| stories| videos?)?|"
    r"related(?: stories| articles| coverage| content| links| reading| news| topics)?|more on this(?: story| topic)?|"
    r"you (?:may|might) also like|most (?:read|popular|viewed)|trending(?: now)?|top stories|watch|"
    r"more from [\w .&'’]{1,40})\s*(?::.*)?",
    # sharing and following
    rf"share(?: this(?: article| story| page| post)?| (?:on|via) {_SOCIAL}(?:(?:\s*,\s*|\s+)(?:or |and )?{_SOCIAL})*)?\s*[:!.]?",
    rf"(?:(?:{_SOCIAL}|share|tweet|print|copy link|link copied|comments?|save(?: article)?|gift (?:this )?article)"
    r"\s*[|,/·•]?\s*){1,10}",
    rf"follow (?:us|me|@\w+|[\w.'’-]+(?: [\w.'’-]+){{0,3}}) on {_SOCIAL}\b.*",
    r"follow @\w+.*",
    # newsletters, accounts
    r"(?:sign up|subscribe)\b.*",
    r"(?:get|receive) (?:our|the) .{0,80}(?:newsletter|delivered|inbox)\b.*",
    r"already (?:a subscriber|have an account)\b.*",
    r"(?:newsletter sign[- ]?up|log ?in|sign ?in|register)(?: (?:now|here|to [\w ]{1,40}|for free))?\s*[.!]?",
    # photo/video credits and captions
    r"(?:photo(?:graph)?|image|picture|pic|video|graphic|illustration|file photo)s?(?: credits?)?\s*[:/|©].*",
    r"(?:image|media|photo) (?:source|caption)\s*[:,].*",
    r"image credit\b.*",
    r"\(?(?:photo|image|picture|video|illustration)s? (?:by|credit|courtesy(?: of)?)\b[^)]*\)?",
    # a caption sentence closed by its credit in parentheses ("Boats at dawn. (Photo by Jane Roe/Agency)")
    (r".{1,200}[.!?]\s*\((?:photo(?:graph)?|image|picture|video|illustration)s?\s*(?:by\b|:|credit\b:?|courtesy\b(?: of)?)"
     r"[^()]{1,80}\)\.?"),
    rf".{{0,120}}/\s*{_CREDIT}(?: via getty images| file| photo)?\s*\)?\.?",
    rf"\(?{_CREDIT}(?: photos?| images?)?\s*/\s*[^\s/]+(?:\s+[^\s/]+){{0,4}}\s*\)?",
    r"(?:getty images|shutterstock|ap photo|afp photo|afp via getty images)",
    # a caption labelled by where the picture is, without a credit ("Pictured: the old mill", "Above: …")
    r"(?:pictured|above|inset|main (?:image|picture|photo)|(?:from )?left|clockwise from (?:top )?left)\s*:\s*\S.*",
    # a caption sentence closed by an archive tag ("Traffic on the bridge. (File photo)")
    r".{1,200}[.!?]?\s*\((?:file|archive|stock|library)(?: (?:photo(?:graph)?|image|picture|pic|footage))?\)\.?",
    # a gallery counter ("1 of 8", "Image 3/12", "Slide 2 of 5")
    r"(?:(?:image|photo|picture|slide|gallery|item)s?\s*)?\d{1,3}\s*(?:of|/)\s*\d{1,3}",
    # a caption sentence closed by a picture agency ("Workers at the spillway on Monday. Getty Images")
    r".{1,200}[.!?)]\s+(?:getty images|shutterstock|alamy(?: stock photo)?|ap photo|afp photo|afp via getty images|epa-efe)",
    # an embedded post's signature line ("— Jane Roe (@janeroe) March 3, 2026")
    rf"[—–-]\s*[^()\n]{{1,60}}\(@\w{{1,30}}\)\s*(?:{_MONTHS}\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS}\.?\s+\d{{4}})",
    # contact details alone on a line ("jane.roe@ledger.example", "@janeroe", "Tel: +44 20 7946 0000")
    _CONTACT_PATTERN,
    # calls to action
    r"(?:click|tap|press) here\b.*",
    # copyright
    r"(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\))?\s*\d{4}).*",
    r".{0,160}\ball rights reserved\b.*",
    # page furniture
    r"listen to (?:this|the) (?:article|story)\b.*",
    r"(?:\d+\s*(?:min(?:ute)?s?|m) read|reading time\b.*)",
    r"(?:print|email) this (?:article|page|story)",
    r"loading\W*",
    r"(?:show )?key events(?: only)?|pinned(?: post)?|(?:latest|live) updates?|auto-?(?:refresh|update)\b.{0,20}",
    r"for immediate release\W*|embargoed (?:until|till)\b.{0,60}|(?:news|press|media) release\W*",
    r"(?:view|show|hide|leave a|post a|add a) comments?\b.*|\d+ comments?",
    r"(?:this|the) (?:content|video|embed|media|element) (?:is|are) (?:not|no longer|currently not) available\b.*",
    r"(?:please )?enable javascript\b.*|we use cookies\b.*|accept (?:all )?cookies",
    # time stamps of the page ("Updated 3:45 PM ET, March 3, 2024", "Published 2 hours ago")
    rf"(?:published|updated|posted|last updated|first published|last modified|modified)(?: on| at)?\s*:?\s*"
    rf"(?:\d|{_MONTHS}\b|{_DAYS}\b|today|yesterday)(?:[^.!?]|{_STAMP_DOT}){{0,60}}",
    # a date (and time) alone on a line: page furniture ("March 3, 2024", "Tue 3 Mar 2024 10.45 GMT")
    rf"(?:{_DAYS}\.?,?\s+)?(?:{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS}\.?,?\s+\d{{4}})"
    r"(?:\s*[,|·•-]?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[a-z]{2,4})?)?",
    # wire-service credit tags ("(Reporting by Jane Roe; Editing by John Doe)")
    r"\(?\s*(?:additional )?reporting by (?:[^.;]|(?<=\b[A-Z])\.){1,80}(?:;\s*(?:additional reporting|writing|editing|"
    r"compiled|graphics|reporting)(?: by)? [^;]{1,80})+\)?\.?",
    r"\(\s*(?:additional )?(?:reporting|writing|editing) by [^)]{1,150}\)\.?",
]
_BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in _BOILERPLATE_PATTERNS), re.IGNORECASE)
_HAS_ALNUM = re.compile(r"[^\W_]")


def is_boilerplate(line: str) -> bool:
    """True for page furniture (ads, share/follow/subscribe prompts, photo credits, copyright…)
    and for typographic separators without any letter or digit ("***", "—", "* * *").

    Only short lines qualify: a long paragraph that merely mentions "subscribe" is kept.
    """
    if not _HAS_ALNUM.search(line):
        return True
    if len(line) > 240 or line.count(" ") >= BOILERPLATE_MAX_WORDS:
        return False
    if residue.is_timestamp(line):
        return True
    return _BOILERPLATE.fullmatch(line.strip(" \t")) is not None


# --------------------------------------------------------------------------------------------
# Bylines
# --------------------------------------------------------------------------------------------

_UC = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f"
_TOK = rf"(?!(?i:and)\b)(?:[{_UC}][\w'’.\-]*|(?:Mc|Mac|O'|O’|D'|D’)[{_UC}][\w'’\-]*)"
_PARTICLE = r"(?:de|da|del|della|der|den|van|von|la|le|al|el|bin|ibn|di|du|dos|das|y|ter|ten)"
_NAME = rf"{_TOK}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_TOK}){{0,4}}"
_NAMELIST = re.compile(rf"{_NAME}(?:\s*,\s*{_NAME})*\s*,?\s+(?i:and|&)\s+{_NAME}|{_NAME}")
#: Words a byline may open with before "by" ("Written by", "Analysis by").
BY_WORDS = "written|words|story|text|report|article|posted|analysis|commentary|perspective|column|essay|interview"
_BY_PREFIX = re.compile(rf"(?:(?:{BY_WORDS})\s+)?by\s*:?\s+", re.IGNORECASE)
#: Where a byline may carry a page stamp after the names: "| March 3, 2026", " on March 3", "• 4 min read".
_STAMP_SEP = re.compile(r"\s*[|•·,—–]\s*|\s+-\s+|\s+on\s+", re.IGNORECASE)
_TAIL_SEP = re.compile(r"\s*(?:,|\||—|–|-|;|/|·|•)\s*|\s+(?=(?:for|special to|in)\s)")

_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december today yesterday tomorrow then now this that these those "
    "it its he she they we our his her their all some most many far contrast comparison way law "
    "default design chance night day noon midnight".split()
)
_SECTION_WORDS = frozenset(
    "home local world sports sport politics business opinion entertainment technology tech health science "
    "lifestyle culture travel weather video videos photos live latest breaking top stories more".split()
)
_ROLE_WORDS = frozenset(
    "staff writer writers reporter reporters correspondent correspondents editor editors contributor "
    "contributing columnist analyst bureau chief senior associate special political national foreign "
    "producer photographer photographers news press agency desk team wire wires service".split()
)


def _titlecase_caps(name: str) -> str:
    """'JANE ROE' -> 'Jane Roe'; mixed-case names are returned unchanged."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters):
        return " ".join(w.lower() if w.lower() == "and" or (i and re.fullmatch(_PARTICLE, w.lower()))
                        else w.title() for i, w in enumerate(name.split()))
    return name


def _name_ok(names: str) -> bool:
    tokens = re.findall(r"[\w'’.\-]+", names)
    words = [t for t in tokens if t.lower() not in ("and",) and not re.fullmatch(_PARTICLE, t)]
    if not words:
        return False
    return not any(t.lower().strip(".") in _NOT_NAMES for t in words)


def _tail_ok(tail: str) -> bool:
    """The part after the names: empty, or a short role / outlet / date ("Staff Writer", "Reuters")."""
    if not tail.strip():
        return True
    m = _TAIL_SEP.match(tail)
    if not m:
        return False
    rest = tail[m.end():].strip()
    if not rest:
        return True
    if len(rest.split()) > 8:
        return False
    first = rest[0]
    if not (first.isupper() or first.isdigit() or rest.lower().startswith(("for ", "special to", "in "))):
        return False
    # a sentence ("Biden had signed.") is not a role: roles don't end with a lower-case word + period
    return not re.search(r"[a-z]{2,}\.$", rest)


def _cut_roles(names: str) -> str:
    """Drop trailing role words swallowed into a name ("Jane Roe Staff Writer" -> "Jane Roe")."""
    words = names.split()
    for i, w in enumerate(words):
        if i > 0 and w.lower().strip(".,") in _ROLE_WORDS:
            return " ".join(words[:i]).rstrip(" ,")
    return names


def _known_outlet(name: str) -> bool:
    from ..readers.outlets import is_known_outlet

    return bool(name) and is_known_outlet(name)


def strip_byline_stamp(line: str) -> str:
    """A byline line without a trailing page stamp (date, time, reading time): "By Jane Roe |
    March 3, 2026" -> "By Jane Roe", "Jane Roe, Staff Writer • 4 min read" -> "Jane Roe, Staff Writer"."""
    if len(line) > 160:
        return line
    for m in _STAMP_SEP.finditer(line):
        tail = line[m.end():]
        if m.start() > 0 and tail and len(tail) <= 80 and is_boilerplate(tail):
            return line[:m.start()].rstrip()
    return line


def _name_words(name: str) -> int:
    """Words of a name without its particles ("Grace B. de la Cruz": 3)."""
    return sum(1 for w in name.split() if not re.fullmatch(_PARTICLE, w))


_SEVERAL = re.compile(r"\s*,\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+")


def _names_with_role(line: str) -> str | None:
    """The names of a byline without "By" naming several people before a role or outlet ("A and
    B, Staff Writers", "A, B and C | Reuters"): each name two to four words, the role after the
    last comma or pipe with a role word or a known outlet."""
    cut = max(line.rfind(","), line.rfind("|"))
    if cut <= 0:
        return None
    left, right = line[:cut].strip(), line[cut + 1:].strip()
    nm = _NAMELIST.fullmatch(left)
    parts = [p for p in _SEVERAL.split(left) if p]
    if not nm or len(parts) < 2 or not right or len(right.split()) > 5:
        return None
    if not all(2 <= _name_words(p) <= 4 and re.fullmatch(_NAME, p) for p in parts):
        return None
    if any(w.lower().strip(".,") in _ROLE_WORDS | _SECTION_WORDS for p in parts for w in p.split()):
        return None
    if not (any(w.lower().strip(".") in _ROLE_WORDS for w in right.split()) or _known_outlet(right)):
        return None
    return left


def parse_byline(line: str) -> Optional[str]:
    """The author name(s) of a byline line, or None.

    Recognises "By Jane Roe", "By Jane Roe and John Doe", "By JANE ROE, Staff Writer",
    "By Jane Roe | Reuters", "Jane Roe | Reuters", "Jane Roe, Staff Writer", "Jane Roe, Reuters"
    (a known outlet), "Posted by Jane Roe on March 3, 2026". Roles, outlets and dates are
    dropped; all-caps names are title-cased.
    """
    if len(line) > 160:
        return None
    line = strip_byline_stamp(line)
    if line.count(" ") > 15:
        return None
    m = _BY_PREFIX.match(line)
    if m:
        rest = line[m.end():]
        nm = _NAMELIST.match(rest)
        if not nm or not _tail_ok(rest[nm.end():]):
            return None
        names = _cut_roles(nm.group().rstrip(" ,"))
    elif (several := _names_with_role(line)) is not None:  # "Jane Roe and John Doe, Staff Writers"
        names = several
    else:  # "Jane Roe | Reuters", "Jane Roe, Staff Writer"
        left, sep, right = line.partition("|")
        if not sep:
            left, sep, right = line.partition(",")
            if not sep or not (any(w.lower().strip(".") in _ROLE_WORDS for w in right.split())
                               or _known_outlet(right.strip())):  # "Jane Roe, Reuters"
                return None
        left, right = left.strip(), right.strip()
        if not right or len(right.split()) > 5 or not 2 <= _name_words(left) <= 4:
            return None
        if not re.fullmatch(_NAME, left) or any(w.lower() in _ROLE_WORDS | _SECTION_WORDS for w in left.split()):
            return None
        names = left
    if not names or not _name_ok(names):
        return None
    return _titlecase_caps(names)


# --------------------------------------------------------------------------------------------
# Datelines
# --------------------------------------------------------------------------------------------

_CWORD = r"[^\W\d_][\w.'’\-]*"
_DATE = rf",?\s*{_MONTHS}\.?\s+\d{{1,2}}(?:,?\s*\d{{4}})?"
_DATELINE_CORE = (
    rf"(?P<dl>(?P<city>{_CWORD}(?:(?:\s*/\s*|\s+){_CWORD}){{0,3}})"  # "VESTRA/HOLMGARD", "Ardmore and Kilbride"
    rf"(?P<region>,\s*{_CWORD}(?:\s+{_CWORD}){{0,3}})?"
    rf"(?P<date>(?i:{_DATE}))?"
    r"(?P<agency>\s*\([^()\n]{1,40}\))?)"
)
_DASH = r"\s*(?P<dash>—|–|―|‒|--|-)"
_DATELINE_START = re.compile(_DATELINE_CORE + _DASH + r"(?:\s+|$)")
_DATELINE_LINE = re.compile(_DATELINE_CORE + rf"(?:{_DASH})?\s*")
_NOT_CITIES = frozenset(
    "US U.S. USA UK U.K. EU E.U. UN U.N. NATO FBI CIA GOP BREAKING UPDATE UPDATED EXCLUSIVE WATCH ANALYSIS "
    "OPINION EDITORIAL LIVE VIDEO PHOTOS COMMENT REVIEW NOTE EDITOR'S EDITOR’S FACT CHECK".split()
)


#: Capitalised words that open a sentence ("Meanwhile, Republicans — who …"), never a dateline's place.
_SENTENCE_OPENERS = frozenset(
    "a an the this that these those it he she they we i you in on at for from after before when while "
    "meanwhile but and or so yet still however today yesterday tonight now then also instead indeed "
    "moreover besides later earlier first finally again here there mr mrs ms dr yes no well".split()
)


#: "(CNN) — Firefighters…": an agency in parentheses alone before a dash.
_AGENCY_DASH = re.compile(rf"(?P<dl>\([{_UC}][\w .&'’\-]{{0,30}}\))\s+(?P<dash>—|–|―|‒|--|-)\s+")

#: "(CNN)President…", "Hong Kong (CNN Business)A muddled…": an agency in parentheses glued to the text.
_GLUED_DATELINE = re.compile(
    rf"(?P<dl>(?:[{_UC}][\w.'’\-]*(?:\s+[{_UC}][\w.'’\-]*){{0,3}},?\s+)?\([{_UC}][\w .&'’\-]{{0,30}}\))"
    rf"(?=[\"“‘'{_UC}])"
)


#: Words of days and times, never a dateline's place before a date.
_TIME_WORDS = frozenset((
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "day", "eve", "night",
    "morning", "evening", "afternoon", "week", "weekend", "today", "tonight", "yesterday", "update", "updated",
))

#: Words joining two places in a dateline ("Ardmore and Kilbride (Wire) —").
_PLACE_JOINS = frozenset({"and", "&"})


def _valid_dateline(m: re.Match) -> bool:
    city = m.group("city")
    words = city.split()
    if city.upper() in _NOT_CITIES or words[0].upper() in _NOT_CITIES or words[0] in ("A", "AN"):
        return False
    if words[0].lower() in _PLACE_JOINS or words[-1].lower() in _PLACE_JOINS:
        return False
    places = [w for w in words if w.lower() not in _PLACE_JOINS]
    letters = [c for w in places for c in w if c.isalpha()]
    if len(letters) < 3:
        return False
    all_caps = all(c.isupper() for c in letters)
    capitalised = all(w[0].isupper() for w in places)
    region = m.group("region")
    region_ok = not region or all(w[0].isupper() for w in region.strip(", ").split())
    if not region_ok:
        return False
    # a capitalised place needs an agency or a region: "Hong Kong (AFP) —", "Port Elsa, Ruritania —"
    # (a bare "Mehmet Oz —" is as often a name in apposition); never a sentence opener ("Still, Democrats —")
    if all_caps:
        return True
    if not capitalised or city.split()[0].lower() in _SENTENCE_OPENERS:
        return False
    if m.group("agency"):  # "Hong Kong (AFP) —"
        return True
    if m.group("date"):  # "Tarvik, Nov. 28 —", not "Thursday, Nov. 28 —" or "Election Day, Nov. 5 —"
        return not any(w.lower().strip(".,") in _TIME_WORDS for w in places)
    # place + region only: a real dash (not a spaced hyphen: "Troy, Michigan Office Shooting Follow - Up")
    # and a short place ("Port Elsa, Ruritania", "Salt Hollow, Nev.")
    return (bool(region) and m.group("dash") not in (None, "-")
            and len(city.split()) + len(region.strip(", ").split()) <= 4)


def split_dateline(paragraph: str) -> tuple[Optional[str], str]:
    """Split a leading dateline off a paragraph: ("GENEVA, March 3 (Reuters)", rest) or (None, paragraph).

    Accepted: an ALL-CAPS place (optionally ", Region", ", Month Day", "(Agency)") or a capitalised
    place with an agency, a date or a region ("Hong Kong (AFP)", "Tarvik, Nov. 28", "Port Elsa,
    Ruritania"), followed by a dash (—, –, -- or a spaced -); two places may be joined by "/" or
    "and" ("BRUSSELS/LONDON", "Ardmore and Kilbride (Wire)"); or an agency in parentheses glued to
    the first word, optionally after a place ("(CNN)The…", "Hong Kong (CNN Business)A…"), or alone
    before a spaced dash ("(CNN) — The…").
    """
    g = _GLUED_DATELINE.match(paragraph) or _AGENCY_DASH.match(paragraph)
    if g:
        return g.group("dl").strip(), paragraph[g.end():]
    m = _DATELINE_START.match(paragraph)
    if not m or not _valid_dateline(m):
        return None, paragraph
    if m.group("dash") == "-" and not paragraph[m.start("dash") - 1].isspace():
        return None, paragraph
    return m.group("dl").strip(), paragraph[m.end():].lstrip()


def dateline_line(line: str) -> Optional[str]:
    """A whole line that is only a dateline ("WASHINGTON (Wire) —"); without a dash it needs an
    agency, a date, or to be an all-caps "PLACE, REGION"."""
    if len(line) > 90:
        return None
    m = _DATELINE_LINE.fullmatch(line)
    if not m or not _valid_dateline(m):
        return None
    if not (m.group("dash") or m.group("agency") or m.group("date")
            or (m.group("region") and line.upper() == line)):  # "BAAR, SWITZERLAND"
        return None
    return m.group("dl").strip()


# --------------------------------------------------------------------------------------------
# Headlines, sentences
# --------------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_SENTENCE_BREAK = re.compile(r"([\w'’]+)([.!?])[\"'”’)]*\s+[\"“‘'(]?[A-Z0-9]")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gov sen rep gen col lt sgt st jr sr prof rev mt ft vs no inc corp co ltd jan feb mar apr "
    "jun jul aug sep sept oct nov dec u.s a.m p.m e.g i.e etc approx dept est capt cmdr adm maj pres".split()
)
_FUNCTION_WORDS = frozenset(
    "with from into over than amid upon onto that this about after before under within without versus "
    "their there when where while what which".split()
)


_ALNUM_TOKEN = re.compile(r"\S*\w\S*")


def word_count(text: str) -> int:
    """Whitespace tokens containing a letter or digit ("|" and "—" are not words)."""
    return len(_ALNUM_TOKEN.findall(text))


def sentence_breaks(text: str) -> int:
    """Number of sentence boundaries inside ``text`` (abbreviations and initials are not boundaries)."""
    n = 0
    for m in _SENTENCE_BREAK.finditer(text):
        word = m.group(1)
        if m.group(2) == "." and (len(word) == 1 or word.lower() in _ABBREVIATIONS or word.isupper()):
            continue
        n += 1
    return n


def ends_with_period(text: str) -> bool:
    return text.rstrip("\"'”’)]»").endswith((".", "…"))


def is_title_case(text: str) -> bool:
    """Most content words (4+ letters, after the first word) are capitalised."""
    words = [w for w in _WORD.findall(text)[1:] if len(w) >= 4 and w.lower() not in _FUNCTION_WORDS]
    if len(words) < 2:
        return False
    return sum(1 for w in words if w[0].isupper()) >= 0.75 * len(words)


def _starts_like_heading(text: str) -> bool:
    first = text.lstrip("\"'“‘(")[:1]
    return bool(first) and (first.isupper() or first.isdigit())


def is_headline(text: str, nxt: Optional[str] = None) -> bool:
    """Headline-like: 3–25 words, no sentence inside, capitalised start, no terminal period.

    A trailing period is tolerated only for a Title-Case line, or a short line right before a
    paragraph opening with a dateline (some feeds append a period to the headline); a trailing
    ? or ! only for a Title-Case line.
    """
    n = word_count(text)
    if not 3 <= n <= 25 or len(text) > 200 or not _starts_like_heading(text):
        return False
    if text.rstrip("\"'”’)").endswith((":", ",", ";", "-", "—", "–")):
        return False
    if sentence_breaks(text) or parse_byline(text) or dateline_line(text) or split_dateline(text)[0]:
        return False
    if text.rstrip("\"'”’)").endswith(("?", "!")):  # a question lede is likelier than a question headline
        return is_title_case(text)
    if ends_with_period(text):
        return (n <= 20 and is_title_case(text)) or (
            n <= 15 and nxt is not None and split_dateline(nxt)[0] is not None)
    return True


#: Words a headline's second line may open with (a preposition or conjunction continuing the first).
TITLE_CONTINUATIONS = frozenset((
    "after", "as", "amid", "at", "before", "despite", "during", "for", "from", "in", "into", "of", "on", "over",
    "to", "under", "with", "without", "while", "than", "and", "but", "or", "against", "ahead", "following",
    "until", "since", "through", "across", "near", "beyond", "within",
))


def title_continues(first: str, second: str) -> bool:
    """``second`` continues the headline ``first`` broken over two lines: both Title Case (or both
    ALL CAPS) headline lines, the first without final punctuation and of 3+ words, the second short
    and opening with a preposition or conjunction ("… Approves Sea Wall" / "After Two Winters …")."""
    n1, n2 = word_count(first), word_count(second)
    if n1 < 3 or not 1 <= n2 <= 12 or n1 + n2 > 25 or first.rstrip("\"'”’)")[-1:] in ".!?:;,—–-":
        return False
    if second.split()[0].lower() not in TITLE_CONTINUATIONS or not second[0].isupper():
        return False
    caps = first.isupper() and second.isupper()
    if not caps and not (is_title_case(first) and is_title_case("X " + second)):
        return False
    return all(is_headline(x) or x.isupper() for x in (first, second)) or (is_headline(first) and n2 <= 2)


def is_summary_sentence(text: str) -> bool:
    """One full sentence of 8–60 words ending with . ! or ?, not opening with a dateline (a lede)."""
    n = word_count(text)
    return (8 <= n <= 60 and _starts_like_heading(text) and bool(_TERMINAL.search(text))
            and sentence_breaks(text) == 0 and split_dateline(text)[0] is None)


def is_single_sentence(text: str) -> bool:
    return sentence_breaks(text) == 0


_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{1,40}$")
_NON_WORD = re.compile(r"[^\w\s]+")


def title_key(text: str) -> str:
    """Comparison key for titles: normalised, punctuation-free ("Headline." == "Headline")."""
    return " ".join(_NON_WORD.sub(" ", normalise_text(text)).split())


def title_keys(title: str) -> set[str]:
    """Keys a repeated title may take: the title and the title without a " | Site" suffix."""
    keys = {title_key(title)}
    stripped = _TITLE_SUFFIX.sub("", title)
    if stripped != title and word_count(stripped) >= 2:
        keys.add(title_key(stripped))
    keys.discard("")
    return keys


def strip_headline_period(title: str) -> str:
    """Drop one trailing period from a headline unless it ends an abbreviation ("N.Y.")."""
    if (title.endswith(".") and not title.endswith("..") and re.search(r"[A-Za-z\d]{2}\.$", title)
            and not re.search(r"(?:\b[A-Z]\.){2,}$", title)):
        return title[:-1]
    return title
