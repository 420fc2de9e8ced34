"""Bylines and credit lines -> authors with roles.

Forms read (see :func:`parse_byline_line`): "By Jane Roe", "By Jane Roe, Health Correspondent",
"By A and B", "By A, B and C", "By A and B, Staff Writers", "Jane Roe | Agency",
"By Jane Roe in Nairobi", "By A in Lisbon and B in Porto", "By JANE ROE, Staff Writer", "Jane Roe, Staff Writer", "Jane Roe, Reuters",
"Posted by Jane Roe on March 3, 2026" (page stamps after the names are dropped); and wire credit
lines "Reporting by A in City; Additional reporting by B; Editing by C" (:func:`parse_credit`:
reporters and writers are authors, editors are not).

The role is what the byline says about the authors after their names (a job title or an
outlet); a place ("in Nairobi") is not a role. All-caps names are title-cased.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from . import structure as st


@dataclass(frozen=True)
class Author:
    name: str
    role: Optional[str] = None


_BY = re.compile(rf"^(?:(?:{st.BY_WORDS})\s+)?by\s*:?\s+", re.IGNORECASE)
_SPLIT_NAMES = re.compile(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+", re.IGNORECASE)
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3}$")
_CREDIT_PART = re.compile(
    r"^\(?\s*(?P<what>(?:additional\s+)?(?:reporting|writing|editing|compiled|graphics|fact-checking))"
    r"(?:\s+by)\s+(?P<who>.+?)\s*\)?\.?$", re.IGNORECASE)
_AUTHOR_CREDITS = ("reporting", "additional reporting", "writing", "compiled")


def _names(names: str) -> list[str]:
    return [st._titlecase_caps(n.strip()) for n in _SPLIT_NAMES.split(names) if n.strip()]


def _role(line: str, names_end: int) -> Optional[str]:
    tail = line[names_end:]
    m = st._TAIL_SEP.match(tail)
    rest = tail[m.end():].strip() if m else tail.strip()
    if not rest or rest.lower().startswith("in "):
        return None
    if rest.lower().startswith(("for ", "special to ")):
        rest = rest.split(" ", 1)[1] if not rest.lower().startswith("special to ") else rest[len("special to "):]
    return rest.strip(" .,") or None


#: "in City" after each of several names ("By A in Lisbon and B in Porto"): a place, not part of a name.
_IN_PLACE_EACH = re.compile(r"\s+in\s+[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,2}(?=\s*(?:,|\band\b|&))")


def parse_byline_line(line: str) -> Optional[tuple[str, list[Author]]]:
    """(byline without "By", authors) for a byline line, or None."""
    if " in " in line and _IN_PLACE_EACH.search(line):  # "By A in Lisbon and B in Porto"
        parsed = parse_byline_line(_IN_PLACE_EACH.sub("", line))
        if parsed and len(parsed[1]) > 1:
            m = _BY.match(line)
            return (line[m.end():].strip() if m else line.strip()), parsed[1]
    names = st.parse_byline(line)
    if not names:
        return None
    line = st.strip_byline_stamp(line)  # "| March 3, 2026", "• 4 min read" are no role
    m = _BY.match(line)
    byline = line[m.end():].strip() if m else line.strip()
    # where the names end in the line as written (parse_byline may title-case or cut role words)
    rest = byline
    nm = st._NAMELIST.match(rest)
    end = nm.end() if nm else len(rest)
    role = _role(rest, end)
    cut = st._cut_roles(nm.group().rstrip(" ,")) if nm else names
    if cut != (nm.group().rstrip(" ,") if nm else names):  # "Jane Roe Staff Writer"
        role = (rest[len(cut):end].strip(" ,") + (" " + role if role else "")).strip() or role
    authors = [Author(n, role) for n in _names(names)]
    return byline, authors


def parse_credit(line: str) -> list[Author]:
    """Authors of a wire credit line ("Reporting by A in City; Editing by B"), [] when it is none."""
    if len(line) > 300 or "by" not in line.lower():
        return []
    out: list[Author] = []
    parts = [p.strip() for p in line.strip().strip("()").split(";") if p.strip()]
    for p in parts:
        m = _CREDIT_PART.match(p)
        if not m:
            return []
        what = " ".join(m.group("what").lower().split())
        if what not in _AUTHOR_CREDITS:
            continue
        who = _IN_PLACE.sub("", _IN_PLACE_EACH.sub("", m.group("who").strip()))  # "A in X and B in Y"
        for n in _names(who):
            if not st._name_ok(n) or not re.fullmatch(st._NAME, n):
                return []
            out.append(Author(n, what))
    return out


def bare_name(line: str) -> list[Author]:
    """The author of a byline line that is a name alone ("JANE ROE", "Jane Roe"), [] otherwise
    (an outlet or role on its own line is no author)."""
    words = line.split()
    if not 2 <= len(words) <= 4 or not re.fullmatch(st._NAME, line) or not st._name_ok(line):
        return []
    if any(w.lower().strip(".,") in st._ROLE_WORDS | st._SECTION_WORDS for w in words) or st._known_outlet(line):
        return []
    return [Author(st._titlecase_caps(line))]


def authors_from_metadata(author: Optional[str]) -> list[Author]:
    """Authors from a page's author metadata ("Jane Roe, John Doe" / "Jane Roe and John Doe")."""
    if not author:
        return []
    parsed = parse_byline_line(author if _BY.match(author) else "By " + author)
    if parsed:
        return parsed[1]
    return [Author(n) for n in re.split(r"\s*[;,]\s*|\s+and\s+", author) if n.strip()]
