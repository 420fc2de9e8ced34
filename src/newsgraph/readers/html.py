"""HTML reader: article body and metadata from a web page, via trafilatura.

Settings (chosen on the article-extraction benchmark, see BENCHMARKS.md): ``favor_precision=True``,
``include_comments=False``, tables kept, fallback extractors on (trafilatura's default). Blocks
of the extracted body (paragraphs, headings, list items) are separated by a blank line.
"""

from __future__ import annotations

import logging
import re
from typing import BinaryIO, Optional

from .base import MAX_DOCUMENT_BYTES, MAX_HTML_BYTES, RawDocument
from .text import (
    binary_kind,
    decode_bytes,
    normalise_newlines,
    read_capped,
    truncation_warning,
)

# trafilatura/htmldate log "discarding data" etc. at WARNING; without a handler Python would
# print them on stderr. A NullHandler keeps them out of the CLI output but still propagates.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

NO_ARTICLE = "no article text found in HTML"

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?""", re.I)
_BLOCK_BREAKS = re.compile(r"\n+")
#: Characters XML (and so lxml) cannot hold: C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/F.
_XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

#: Extracted text without any block of this many words and without a sentence ending is taken as
#: navigation left-overs ("Home News"), i.e. no article.
MIN_BLOCK_WORDS = 6
MIN_BLOCK_CHARS = 40  # for scripts written without spaces (Japanese, Chinese)
_SENTENCE_END = re.compile(r"\w[.!?。！？][\"'”’)」』]*$")

_EXTRACT_OPTIONS = dict(favor_precision=True, include_comments=False, include_tables=True)


def declared_charset(head: bytes) -> Optional[str]:
    """The charset from a ``<meta charset>`` / ``http-equiv`` tag in the first bytes of a page."""
    m = _CHARSET.search(head[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def _language_hint(html: str, extracted: Optional[str]) -> Optional[str]:
    lang = extracted or None
    if not lang:
        m = _HTML_LANG.search(html[:5000])
        lang = m.group(1) if m else None
    return lang.split("-")[0].split("_")[0].lower() if lang else None


def _outlet(sitename: Optional[str], url: Optional[str]) -> Optional[str]:
    """Site name, else a known outlet for the domain, else the registered domain (:mod:`.outlets`)."""
    from .outlets import outlet_name

    return outlet_name(sitename, url)


def _looks_like_prose(text: str) -> bool:
    """At least one block of several words, or one sentence: not just a few link labels."""
    return any(len(b.split()) >= MIN_BLOCK_WORDS or len(b) >= MIN_BLOCK_CHARS or _SENTENCE_END.search(b)
               for b in text.split("\n"))


def _bare(html: str, url: Optional[str], **options):
    import trafilatura
    from trafilatura.settings import set_date_params

    # Dates only from metadata, structured data, URL and time elements: the "extensive" search
    # also guesses from free text and falls back to e.g. the copyright year ("2026-01-01").
    dates = set_date_params(extensive=False)
    try:
        return trafilatura.bare_extraction(html, url=url, with_metadata=True, date_extraction_params=dates,
                                           **options)
    except Exception:  # trafilatura may fail on pathological markup: treat as "nothing found"
        return None


def html_to_document(html: str, url: Optional[str] = None, title: Optional[str] = None, *,
                     path: Optional[str] = None, index: Optional[int] = None, fmt: str = "html",
                     warnings: Optional[list[str]] = None) -> RawDocument:
    """Extract the main text and metadata of an HTML page into a RawDocument.

    ``title``/``url`` given by the caller win over the page's own. A page without article text
    gives a RawDocument with ``error`` set (never an exception).
    """
    warnings = list(warnings or [])
    # No recall-mode retry when nothing is found: on pages without an article it returns the
    # navigation links, and precision mode already keeps short fragments ("<p>…</p><p>…</p>").
    doc = _bare(html, url, **_EXTRACT_OPTIONS)

    def meta(name: str) -> Optional[str]:
        value = getattr(doc, name, None) if doc is not None else None
        return value.strip() or None if isinstance(value, str) else None

    text = normalise_newlines(meta("text") or "").strip()
    page_url = url or meta("url")
    raw = RawDocument(
        path=path,
        index=index,
        format=fmt,
        url=page_url,
        title=title or meta("title"),
        author=meta("author"),
        published=meta("date"),
        outlet=_outlet(meta("sitename"), page_url),
        language=_language_hint(html, meta("language")),
        warnings=warnings,
    )
    if not text or not _looks_like_prose(text):
        raw.error = NO_ARTICLE
        return raw
    text = _BLOCK_BREAKS.sub("\n\n", text)
    if len(text) > MAX_DOCUMENT_BYTES:
        text = text[:MAX_DOCUMENT_BYTES]
        raw.warnings.append(f"extracted text truncated to {MAX_DOCUMENT_BYTES:,} characters (document size limit)")
    raw.text = text
    return raw


def read_html(stream: BinaryIO, *, path: Optional[str] = None, url: Optional[str] = None,
              index: Optional[int] = None, fmt: str = "html", charset: Optional[str] = None,
              total_size: Optional[int] = None) -> RawDocument:
    """Read one HTML page from a binary stream (at most MAX_HTML_BYTES) and extract it."""
    data, more = read_capped(stream, MAX_HTML_BYTES)
    return html_bytes_to_document(data, truncated=more, total_size=total_size, path=path, url=url,
                                  index=index, fmt=fmt, charset=charset)


def html_bytes_to_document(data: bytes, *, truncated: bool = False, total_size: Optional[int] = None,
                           path: Optional[str] = None, url: Optional[str] = None, index: Optional[int] = None,
                           fmt: str = "html", charset: Optional[str] = None) -> RawDocument:
    """Decode HTML bytes (BOM, UTF-8, declared charset, detection) and extract the article."""
    if not data.strip():
        return RawDocument(path=path, url=url, index=index, format=fmt, error="empty document")
    kind = binary_kind(data[:8192])
    if kind:
        return RawDocument(path=path, url=url, index=index, format=fmt, error=f"binary file ({kind}), not HTML")
    html, _enc, warnings = decode_bytes(data, declared=charset or declared_charset(data))
    if truncated:
        warnings.append(truncation_warning(MAX_HTML_BYTES, total_size))
    return html_to_document(html, url=url, path=path, index=index, fmt=fmt, warnings=warnings)


def fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (e.g. a feed item's body): blocks separated by blank lines.

    Feed bodies carry no page chrome, so every block is kept (no boilerplate detection).
    """
    import lxml.html

    fragment = _XML_INCOMPATIBLE.sub("", fragment)  # lxml refuses control characters and NULs
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "pre",
                        "figcaption", "section", "article"):
        el.tail = "\n\n" + (el.tail or "")
        if el.text is not None or len(el):
            el.text = "\n\n" + (el.text or "") if el.tag in ("div", "section", "article", "blockquote") else el.text
    text = root.text_content()
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


__all__ = ["html_to_document", "html_bytes_to_document", "read_html", "fragment_to_text", "NO_ARTICLE",
           "declared_charset"]
