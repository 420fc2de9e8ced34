"""RSS/Atom feed reader (feedparser): one RawDocument per entry.

Body: the longest ``content`` (``content:encoded`` in RSS, ``<content>`` in Atom), else the
``summary``/``description`` with a warning that only a summary was available. HTML bodies are
turned into text by :func:`readers.html.fragment_to_text` (feed bodies carry no page chrome).
``published`` is ISO 8601 (UTC), ``outlet`` the feed's title, ``index`` the 0-based entry number.
All feeds get ``format="rss"`` (RSS 0.9x/1.0/2.0 and Atom alike).
"""

from __future__ import annotations

import calendar
import html as html_lib
import re
from datetime import datetime, timezone
from typing import Any, BinaryIO, Iterator, Optional

from .base import MAX_DOCUMENT_BYTES, MAX_FEED_BYTES, RawDocument, human_size
from .text import normalise_newlines

_TAG = re.compile(r"<[a-zA-Z!/][^>]*>")
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)\b", re.I)
ONLY_SUMMARY = "feed entry has only a summary, not the full article text"


def looks_like_feed(head: bytes) -> bool:
    """True when the first bytes hold an ``<rss>``, Atom ``<feed>`` or RSS 1.0 ``<rdf:RDF>`` root."""
    return bool(_FEED_ROOT.search(head[:4096]))


def _iso(struct) -> Optional[str]:
    if not struct:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(struct), tz=timezone.utc).isoformat().replace("+00:00", "Z")
    except (OverflowError, ValueError, TypeError):
        return None


def _to_text(value: str, mime: Optional[str]) -> str:
    from .html import fragment_to_text

    if (mime and "html" in mime) or _TAG.search(value):
        return fragment_to_text(value)
    return html_lib.unescape(value).strip()


_XML_DECLARATION = re.compile(rb"^(\xef\xbb\xbf)?\s*<\?xml[^>]*\?>")


def _parse(feedparser, data: bytes) -> tuple[Any, str]:
    """feedparser's result, retried without the XML declaration when feedparser itself raises
    (e.g. on a non-UTF-8 byte inside ``encoding="…"``); ``(None, reason)`` when nothing works."""
    try:
        return feedparser.parse(data), ""
    except Exception as exc:  # noqa: BLE001 - feedparser raises assorted errors on hostile bytes
        first = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160] if str(exc) else ''}"
    stripped = _XML_DECLARATION.sub(b"", data, count=1)
    if stripped != data:
        try:
            return feedparser.parse(stripped), first
        except Exception:  # noqa: BLE001
            pass
    return None, first


def read_feed(stream: BinaryIO, *, path: Optional[str] = None) -> Iterator[RawDocument]:
    """Yield a RawDocument per feed entry; an unparsable feed gives one error document."""
    import feedparser

    data = stream.read(MAX_FEED_BYTES + 1)
    if len(data) > MAX_FEED_BYTES:
        yield RawDocument(path=path, format="rss", error=f"feed larger than {human_size(MAX_FEED_BYTES)}, not read")
        return
    parsed, retried = _parse(feedparser, data)
    if parsed is None:
        yield RawDocument(path=path, format="rss", error=f"not a valid RSS/Atom feed: {retried}"[:300])
        return
    if not parsed.entries:
        why = f": {parsed.get('bozo_exception')}" if parsed.get("bozo") else ""
        msg = "not a valid RSS/Atom feed" if parsed.get("bozo") or not parsed.get("version") else "feed has no entries"
        yield RawDocument(path=path, format="rss", error=f"{msg}{why}"[:300])
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    language = (parsed.feed.get("language") or "").split("-")[0].lower() or None
    for i, entry in enumerate(parsed.entries):
        try:
            raw = _entry_document(entry, path=path, index=i, outlet=outlet, language=language)
        except Exception as exc:  # noqa: BLE001 - one odd entry never costs the others
            raw = RawDocument(path=path, index=i, format="rss", error=f"feed entry {i}: {type(exc).__name__}: {exc}"[:300])
        if retried:
            raw.warnings.append(f"feed read without its XML declaration ({retried})"[:300])
        yield raw


def _entry_document(entry: Any, *, path: Optional[str], index: int, outlet: Optional[str],
                    language: Optional[str]) -> RawDocument:
    """One feed entry -> RawDocument (body text, title, link, author, date)."""
    i = index
    warnings: list[str] = []
    contents = [c for c in entry.get("content", []) if (c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: len(c["value"]))
        body, mime = best["value"], best.get("type")
    else:
        detail = entry.get("summary_detail") or {}
        body, mime = entry.get("summary") or "", detail.get("type")
        if body.strip():
            warnings.append(ONLY_SUMMARY)
    title = entry.get("title")
    raw = RawDocument(
        path=path, index=i, format="rss", outlet=outlet, url=entry.get("link"),
        title=html_lib.unescape(_TAG.sub("", title)).strip() if title else None,
        author=entry.get("author") or None,
        published=_iso(entry.get("published_parsed") or entry.get("updated_parsed"))
        or entry.get("published") or entry.get("updated"),
        language=language,
        warnings=warnings,
    )
    text = normalise_newlines(_to_text(body, mime)) if body.strip() else ""
    if not text.strip():
        raw.error = "feed entry has no text"
    else:
        if len(text) > MAX_DOCUMENT_BYTES:
            text = text[:MAX_DOCUMENT_BYTES]
            raw.warnings.append(f"text truncated to {MAX_DOCUMENT_BYTES:,} characters (document size limit)")
        raw.text = text
    return raw
