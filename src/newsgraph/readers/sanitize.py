"""The document boundary's clean-up of a RawDocument: every string made storable, every field bounded.

Readers decode bytes, but some inputs still carry strings that cannot be written as UTF-8 JSON
or SQLite text (lone surrogates from a JSON ``"\\ud800"`` escape or a file name that is not
UTF-8), control characters in one-line metadata, or metadata fields of megabytes. :func:`sanitize`
fixes them in place and says so in ``warnings``; it never raises and never drops a document.
"""

from __future__ import annotations

import re
from .base import MAX_DOCUMENT_BYTES, MAX_HTML_BYTES, RawDocument

#: Most characters kept per metadata field; longer values are cut with a warning.
FIELD_LIMITS: dict[str, int] = {
    "title": 1_000, "url": 4_096, "author": 500, "outlet": 300, "published": 100, "language": 35,
    "format": 20,
}
#: Body fields: the readers already cap them; this is the backstop for callers that build RawDocuments.
BODY_LIMITS: dict[str, int] = {"text": MAX_DOCUMENT_BYTES, "html": MAX_HTML_BYTES}
#: A path keeps its characters (line breaks included: they are escaped when printed).
PATH_LIMIT = 4_096

_SURROGATES = re.compile("[\ud800-\udfff]")
#: C0/C1 controls (and DEL) other than tab, line feed and carriage return: never meaningful in text.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: In one-line metadata every line break or tab becomes a space.
_LINE_BREAKS = re.compile("[\t\n\r\u2028\u2029]+")


def fix_surrogates(value: str) -> tuple[str, int]:
    """``value`` with lone surrogates replaced by U+FFFD, and how many there were (fast path: none)."""
    try:
        value.encode("utf-8")
        return value, 0
    except UnicodeEncodeError:
        return _SURROGATES.subn("\ufffd", value)


def display_name(name: str) -> str:
    """A file name as storable text: bytes that are not UTF-8 (``surrogateescape``) become U+FFFD."""
    return fix_surrogates(name)[0]


def escape_controls(text: str) -> str:
    """``text`` for a one-line terminal message: control characters and line breaks as ``\\xNN`` escapes."""
    return re.sub("[\x00-\x1f\x7f-\x9f\u2028\u2029]", lambda m: repr(m.group())[1:-1], text)


def _clean_field(raw: RawDocument, name: str, limit: int, one_line: bool) -> None:
    value = getattr(raw, name)
    if value is None:
        return
    if not isinstance(value, str):  # a caller handed a number or a list
        if name in BODY_LIMITS:  # a body that is not text is not a document
            raw.error = raw.error or f"{name}: expected a string, got {type(value).__name__}"
            setattr(raw, name, None)
            return
        raw.warnings.append(f"{name}: expected text, got {type(value).__name__}")
        value = str(value)
    value, bad = fix_surrogates(value)
    if bad:
        raw.warnings.append(f"{name}: {bad} invalid character(s) (lone surrogates) replaced with U+FFFD")
    if one_line:
        value = _CONTROLS.sub("", _LINE_BREAKS.sub(" ", value)).strip()
    if len(value) > limit:
        raw.warnings.append(f"{name} cut to {limit:,} of {len(value):,} characters (field size limit)")
        value = value[:limit]
    setattr(raw, name, value if value or not one_line else None)


def sanitize(raw: RawDocument) -> RawDocument:
    """Make every string of ``raw`` storable and bounded (in place; also returned)."""
    for name, limit in FIELD_LIMITS.items():
        _clean_field(raw, name, limit, one_line=True)
    _clean_field(raw, "path", PATH_LIMIT, one_line=False)
    for name, limit in BODY_LIMITS.items():
        _clean_field(raw, name, limit, one_line=False)
    if raw.error is not None:
        raw.error = fix_surrogates(str(raw.error))[0][:2_000]
    raw.warnings = [fix_surrogates(str(w))[0][:2_000] for w in raw.warnings]
    if raw.index is not None and not (isinstance(raw.index, int) and 0 <= raw.index < 2**63):
        raw.index = None
    return raw


__all__ = ["FIELD_LIMITS", "BODY_LIMITS", "sanitize", "fix_surrogates", "display_name", "escape_controls"]
