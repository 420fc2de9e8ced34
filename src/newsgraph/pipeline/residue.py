"""Real-page residue as data: what web pages leave in extracted article text.

* :data:`TIMESTAMP_LINES` — live-blog time stamps and separators standing alone ("10 p.m.",
  "4:14 p.m. ET", "___"); dropped anywhere as boilerplate.
* :data:`FOOTER_PATTERNS` — publisher footers (letters policies, "Follow … on Facebook",
  newsroom notes); dropped only among the last :data:`FOOTER_ZONE` paragraphs, where pages
  put them.
* :data:`GLUED_CARD` — a related-links hover card glued into a sentence: a name run into its
  own fuller form and a run of headlines, closed by "MORE" ("Gov. Kristi NoemKristi Lynn
  NoemSouth Dakota governor doubles down … MORE (R) is …"); the card is cut, the name kept.
* :data:`SECTION_LABELS` — a section label standing alone at the top ("WORLD", "Transport",
  "News › Local"); dropped among the header lines only (:func:`is_section_label`).
* :data:`RELATED_HEADINGS` — a related-links heading alone on its line ("Related:", "More on this
  story"): the run of headline-shaped lines under it are links, dropped with it
  (:func:`is_link_line`).
* :data:`SUMMARY_HEADINGS` — a summary-list heading ("Key points:", "At a glance"): it and the
  bullet lines right under it are a summary box, not body (:func:`is_bullet_line`).
* :data:`EDITOR_NOTES` — corrections and editor's notes ("Correction: An earlier version …",
  "Editor's note: …"); dropped anywhere (:func:`is_editor_note`).
* :data:`TAIL_HEADINGS` — a press release's closing sections: an "About X" heading over X's
  company description, "Contact:" / "Media contact" over short contact lines; dropped with
  everything after them among the last :data:`TAIL_ZONE` paragraphs (:func:`tail_start`).
* :data:`AUTHOR_BIO` — a closing line introducing an author of the byline ("Jane Roe covers
  health for the Ledger."), dropped when it is the last paragraph (:func:`is_author_bio`).
* :data:`SECTION_PREFIXES` and :func:`clean_title` — "Opinion | " section labels and
  " | Site" / " - Site" suffixes in titles.
"""

from __future__ import annotations

import re
from typing import Optional

FOOTER_ZONE = 5

TIMESTAMP_LINES = re.compile(
    r"(?:_{2,}|-{3,}|={3,}|\d{1,2}(?::\d{2})?\s*[ap]\.?\s?m\.?(?:\s+(?:[A-Z]{2,4}|local(?: time)?))?|noon|midnight"
    # a 24-hour clock ("14:05", "09:30 GMT", "14.05 BST")
    r"|[0-2]?\d:[0-5]\d(?:\s+[A-Z]{2,4})?|[0-2]?\d\.[0-5]\d\s+[A-Z]{2,4}"
    # relative stamps ("2h ago", "35 minutes ago", "Just now")
    r"|\d{1,3}\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\s+ago|just now|moments? ago)",
    re.IGNORECASE,
)

FOOTER_PATTERNS = re.compile("|".join(f"(?:{p})" for p in (
    r"the [\w .&'’]{1,40} is committed to publishing\b.*",
    r"we[’']d like to hear what you think\b.*",
    r"follow (?:the )?[\w .&'’@()]{1,60} on (?:facebook|twitter|instagram|x|linkedin|threads|bluesky)\b.*",
    r"(?:and )?here[’']s our e-?mail:?.*",
    r"(?:this|the) (?:article|story) (?:was|has been) (?:updated|corrected|amended)\b.{0,200}",
    r"(?:a version of this article appears in print|an earlier version of this (?:article|story))\b.*",
    r"(?:contact|email|e-mail) (?:the (?:author|writer|reporter)|us) at\b.*",
    r"(?:contact|email|e-mail|reach|write to) [^.@]{1,60}? at [\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+\.?",
    r"(?:this|the) (?:article|story|piece|report) (?:was|is) (?:originally|first) (?:published|posted|appeared)\b.{0,200}",
    r"a version of this (?:article|story) (?:was|is|first) .{0,200}",
    r"(?:topics|tags|filed under|categories|more about)\s*:.{1,200}",
    r"(?:was this (?:article|story|page) (?:helpful|useful)|did you find this (?:article|story) (?:helpful|useful))\??",
    r"(?:get|download) (?:the|our) [\w .&'’]{1,40} app\b.*",
    r"have a (?:news )?tip\?.*",
    r"[\w .&'’]{1,60} contributed (?:reporting|to this report)\.?",
)), re.IGNORECASE)

GLUED_CARD = re.compile(
    r"(?P<sur>[A-Z][a-z’'\-]+)(?P<card>[A-Z][a-z.]+(?:\s+[A-Z][\w.’'\-]*){0,3}\s+(?P=sur)\S.{0,800}?)\s+MORE\b"
)

SECTION_PREFIXES = frozenset(
    "opinion analysis editorial commentary column review perspective exclusive explainer news politics "
    "world business sports sport live breaking watch video photos letters".split()
)
#: Section names a page prints above or beside the headline (matched lower-case, whole words).
SECTION_LABELS = SECTION_PREFIXES | frozenset(
    "home local national international regional city metro us uk europe asia africa americas "
    "middle east economy markets money finance tech technology science health environment climate "
    "education transport travel culture arts books music film tv television entertainment lifestyle "
    "food style fashion sports football cricket tennis features investigations data weather obituaries "
    "religion society law crime justice media latest top stories more news".split()
)
_LABEL_SEP = re.compile(r"\s*(?:[›»>/|•·:]|&|\band\b)\s*|\s+", re.IGNORECASE)
#: A related-links heading alone on its line (the links follow on their own lines).
RELATED_HEADINGS = re.compile(
    r"(?:related(?: stories| articles| coverage| content| links| reading| news| topics)?|read (?:more|also|next)|"
    r"also read|see also|more reading|further reading|recommended(?: reading| for you| stories)?|"
    r"more on this(?: story| topic)?|more (?:stories|news) (?:from|like this)[\w .&'’]{0,40}|you (?:may|might) also like|"
    r"(?:more|related|further|latest) coverage|in other news|what to read next|up next|editor'?s picks|most (?:read|popular))"
    r"\s*[:.…]?",
    re.IGNORECASE,
)
#: At most this many link lines follow a related heading.
RELATED_RUN = 8

#: A summary-list heading alone on its line; the bullet lines under it are the list.
SUMMARY_HEADINGS = re.compile(
    r"(?:the )?(?:key (?:points|takeaways|facts|findings)|(?:main |quick )?takeaways|in brief|at a glance|"
    r"story highlights|highlights|summary|in short|what (?:you need|we know)(?: to know)?(?: so far)?|quick read|"
    r"the big picture|need to know|tl;? ?dr)\s*[:.]?",
    re.IGNORECASE,
)
_BULLET = re.compile(r"[•·▪◦●■►▸‣*–—-]\s+\S")

#: A note from the editors about the article (a correction, a clarification, an editor's note).
EDITOR_NOTES = re.compile(
    r"(?:editor[’']?s[’']? note|note to (?:our )?readers|corrections?|clarifications?|correction appended)"
    r"\s*(?:\([^()]{1,40}\))?\s*(?::|—|–|\s-)\s*\S.{0,400}|correction appended\.?",
    re.IGNORECASE,
)

#: A press release's closing sections: "About Halvern Robotics", "Contact:", "Media contacts".
ABOUT_HEADING = re.compile(r"About\s+(?:the\s+)?(?P<name>[A-Z][\w.&'’\-]*)(?:\s+(?:of|the|and|for|&|[A-Z][\w.&'’\-]*)){0,6}")
TAIL_HEADINGS = re.compile(
    r"(?:(?:media|press|investor|for media|for more information,?|for further information,?)\s+)?"
    r"(?:contacts?|enquiries|inquiries)(?:\s+information)?(?:\s+contacts?)?\s*:?|(?:for more information|"
    r"for further information),?\s+(?:please\s+)?contact\s*:?",
    re.IGNORECASE,
)
#: The closing sections start among the last this many paragraphs.
TAIL_ZONE = 10
#: Contact lines under a contact heading are this short (in words).
CONTACT_LINE_WORDS = 12
_PIPE = re.compile(r"\s+[|｜]\s+")
_DASH_SUFFIX = re.compile(r"\s+[-–—|]\s+(?P<site>(?:(?!\s[-–—|:]\s).){2,40})$")
_ALNUM = re.compile(r"[\W_]+")
_NAME_LIKE = re.compile(r"(?:(?:the|of|and|&)\s+|[A-Z0-9][\w.'’&\-]*\s*){1,4}")


def is_timestamp(line: str) -> bool:
    return len(line) <= 24 and TIMESTAMP_LINES.fullmatch(line.strip()) is not None


def is_summary_heading(line: str) -> bool:
    return len(line) <= 40 and SUMMARY_HEADINGS.fullmatch(line.strip()) is not None


def is_bullet_line(line: str) -> bool:
    """A list item marked by a bullet ("• Waiting lists fell …", "- Prices rose")."""
    return len(line) <= 300 and _BULLET.match(line) is not None


def is_editor_note(line: str) -> bool:
    return len(line) <= 500 and EDITOR_NOTES.fullmatch(line.strip()) is not None


def tail_start(lines: list[str]) -> int | None:
    """Where a press release's closing sections begin (an "About X" heading over a paragraph about
    X, or a contact heading over short lines), searched among the last :data:`TAIL_ZONE` lines."""
    n = len(lines)
    for i in range(max(1, n - TAIL_ZONE), n):
        line = lines[i].strip()
        if len(line) > 80 or line.endswith((".", "?", "!")):
            continue
        about = ABOUT_HEADING.fullmatch(line)
        if about and i + 1 < n and lines[i + 1].lstrip("\"'“ ").startswith(about.group("name")):
            return i
        if TAIL_HEADINGS.fullmatch(line) and all(len(x.split()) <= CONTACT_LINE_WORDS for x in lines[i + 1:]):
            return i
    return None


def is_section_label(line: str) -> bool:
    """A short line of section names only ("WORLD", "Transport", "News › Local", "Arts & Culture")."""
    if len(line) > 40 or line.rstrip().endswith((".", "!", "?")):
        return False
    words = [w for w in _LABEL_SEP.split(line.strip().lower()) if w]
    return 1 <= len(words) <= 3 and all(w in SECTION_LABELS for w in words)


def is_related_heading(line: str) -> bool:
    return len(line) <= 60 and RELATED_HEADINGS.fullmatch(line.strip()) is not None


def is_link_line(line: str) -> bool:
    """A headline-shaped line (a link under a related heading): 2–20 words, no final period."""
    n = len(line.split())
    return 2 <= n <= 20 and len(line) <= 160 and not line.rstrip("\"'”’)").endswith((".", "…", ":"))


#: A closing author bio: "<author> covers …", "<author> is a …" (checked against the byline's names).
AUTHOR_BIO = re.compile(r"\s+(?:covers|writes|reports|is (?:a|an|the|our)|was (?:a|an|the)|has (?:covered|reported|written))\b")
BIO_MAX_WORDS = 40


def is_author_bio(paragraph: str, names: list[str]) -> bool:
    """The paragraph introduces one of the article's authors ("Jane Roe covers health for …")."""
    if len(paragraph.split()) > BIO_MAX_WORDS:
        return False
    for name in names:
        if name and paragraph.startswith(name) and AUTHOR_BIO.match(paragraph, len(name)):
            return True
    return False


def strip_section_prefix(title: str) -> str:
    """'Opinion | Our libraries …' -> 'Our libraries …' (a title line printed with its section)."""
    parts = _PIPE.split(title, maxsplit=1)
    if len(parts) == 2 and parts[0].strip().lower() in SECTION_PREFIXES and len(parts[1].split()) >= 2:
        return parts[1].strip()
    return title


def is_footer(line: str) -> bool:
    return len(line) <= 400 and FOOTER_PATTERNS.fullmatch(line.strip()) is not None


def cut_glued_cards(text: str) -> str:
    """Remove related-link hover cards glued into a paragraph, keeping the name they follow."""
    if "MORE" not in text:
        return text
    return GLUED_CARD.sub(lambda m: m.group("sur"), text)


def _site_like(segment: str, outlet: Optional[str]) -> bool:
    """The segment names the page's outlet (name or domain label) or a well-known outlet."""
    s = _ALNUM.sub("", segment.lower().removeprefix("the "))
    if outlet:
        o = outlet.strip().lower().removeprefix("the ")
        if s and s in (_ALNUM.sub("", o), _ALNUM.sub("", o.split(".")[0])):
            return True
    from ..readers.outlets import is_known_outlet

    return is_known_outlet(segment)


def clean_title(title: Optional[str], outlet: Optional[str] = None) -> Optional[str]:
    """A title without section prefixes ("Opinion | …") and site suffixes (" | Site", " - Outlet").

    Pipe-separated: a first segment that is a section word goes, and so does a last segment that
    looks like a name (up to four capitalised words: "Al Bawaba", "The Beachbody Blog") when the
    rest has at least three words. A dash-separated suffix goes only when it is the page's outlet
    (its name or domain) or a well-known outlet.
    """
    if not title:
        return title
    title = " ".join(title.split())
    parts = _PIPE.split(title)
    if len(parts) > 1:
        if parts[0].lower() in SECTION_PREFIXES or (len(parts) > 2 and len(parts[0].split()) <= 2):
            parts = parts[1:]
        while len(parts) > 1 and len(" ".join(parts[:-1]).split()) >= 3 and (
                _site_like(parts[-1], outlet) or _NAME_LIKE.fullmatch(parts[-1].strip())):
            parts = parts[:-1]
        title = " | ".join(parts)
    m = _DASH_SUFFIX.search(title)
    if m and _site_like(m.group("site"), outlet) and len(title[:m.start()].split()) >= 3:
        title = title[:m.start()]
    return title.strip() or None
