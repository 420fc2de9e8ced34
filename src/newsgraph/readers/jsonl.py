"""JSON Lines reader: one article object per line (also a JSON array/object file, ``.json``).

Fields (first present alias wins): body ``text``/``body``/``content``/``article``/``articleBody``
or ``html``/``raw_html``; ``title``/``headline``; ``url``/``link``; ``published``/``date``/
``published_at``/``publishedAt``/``pubDate``/``datePublished``; ``outlet``/``source``/``site``/
``publisher``/``sitename`` (a ``{"name": …}`` object is accepted); ``author``/``byline``/``authors``;
``language``/``lang``. ``index`` is the 0-based line number; error messages name the 1-based line.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, BinaryIO, Iterator, Optional

from . import looks_like_html
from .base import MAX_DOCUMENT_BYTES, MAX_FEED_BYTES, MAX_HTML_BYTES, RawDocument, human_size
from .text import decode_bytes, normalise_newlines

TEXT_KEYS = ("text", "body", "content", "article", "articleBody", "article_body", "maintext")
HTML_KEYS = ("html", "raw_html", "rawHtml")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link", "uri")
DATE_KEYS = ("published", "date", "published_at", "publishedAt", "pubDate", "datePublished", "date_publish")
OUTLET_KEYS = ("outlet", "source", "site", "publisher", "sitename", "site_name")
AUTHOR_KEYS = ("author", "byline", "authors")
LANG_KEYS = ("language", "lang")


#: Deepest nesting of arrays/objects accepted in one record (articles need 2 or 3 levels).
MAX_JSON_DEPTH = 64


def json_depth_exceeds(obj: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when ``obj`` nests lists/dicts more than ``limit`` levels deep (iterative, no recursion)."""
    stack: list[tuple[Any, int]] = [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return False


def parse_record(text: str, where: str) -> tuple[Any, Optional[str]]:
    """``(object, None)`` or ``(None, error message)`` for one JSON text; never raises."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, f"{where}: invalid JSON: {exc.msg} (column {exc.colno})"
    except RecursionError:
        return None, f"{where}: JSON nested too deeply to read (more than {MAX_JSON_DEPTH} levels allowed)"
    if json_depth_exceeds(obj):
        return None, f"{where}: JSON nested more than {MAX_JSON_DEPTH} levels deep"
    return obj, None


def _first(obj: dict, keys: tuple[str, ...]) -> Any:
    for k in keys:
        v = obj.get(k)
        if v not in (None, "", [], {}):
            return v
    return None


def _as_str(value: Any) -> Optional[str]:
    """Strings as-is, ``{"name": …}`` objects by name, lists joined with ``; ``."""
    if value is None:
        return None
    if isinstance(value, dict):
        return _as_str(value.get("name") or value.get("title") or value.get("id"))
    if isinstance(value, (list, tuple)):
        parts = [p for p in (_as_str(v) for v in value) if p]
        return "; ".join(parts) or None
    return str(value).strip() or None


def _as_date(value: Any) -> Optional[str]:
    """ISO 8601 as given; numbers are read as Unix timestamps (seconds, or ms when huge)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        secs = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(secs, tz=timezone.utc).isoformat().replace("+00:00", "Z")
        except (OverflowError, OSError, ValueError):
            return None
    return _as_str(value)


def record_to_document(obj: Any, *, path: Optional[str], index: Optional[int], where: str,
                       fmt: str = "jsonl") -> RawDocument:
    """One JSON object -> RawDocument (HTML bodies go through the HTML reader)."""
    from .html import html_to_document

    if not isinstance(obj, dict):
        return RawDocument(path=path, index=index, format=fmt,
                           error=f"{where}: expected a JSON object, got {type(obj).__name__}")
    warnings: list[str] = []
    title, url = _meta_str(obj, TITLE_KEYS, warnings), _meta_str(obj, URL_KEYS, warnings)
    body, html = _first(obj, TEXT_KEYS), _first(obj, HTML_KEYS)
    body_key = next((k for k in TEXT_KEYS if obj.get(k) is body), "text")
    if isinstance(body, list) and body and all(isinstance(b, str) for b in body):
        body = "\n\n".join(b.strip() for b in body if b.strip())  # a list of paragraphs
        warnings.append(f"'{body_key}' is a list of {len(obj[body_key])} strings, joined as paragraphs")
    elif body is not None and not isinstance(body, str):
        return RawDocument(path=path, index=index, format=fmt, url=url, title=title,
                           error=f"{where}: '{body_key}' must be a string (or a list of strings), "
                                 f"got {_json_type(body)}")
    if html is not None and not isinstance(html, str):
        warnings.append(f"'html' ignored: expected a string, got {_json_type(html)}")
        html = None
    if isinstance(body, str) and not body.strip():
        body = None
    if body is None and isinstance(html, str) and html.strip():
        raw = html_to_document(html[:MAX_HTML_BYTES], url=url, title=title, path=path, index=index, fmt=fmt)
    elif isinstance(body, str) and looks_like_html(body):
        raw = html_to_document(body, url=url, title=title, path=path, index=index, fmt=fmt)
    elif isinstance(body, str):
        text = normalise_newlines(body)
        raw = RawDocument(text=text, path=path, index=index, format=fmt, url=url, title=title)
        if len(body) > MAX_DOCUMENT_BYTES:
            raw.text = text[:MAX_DOCUMENT_BYTES]
            raw.warnings.append(f"text truncated to {MAX_DOCUMENT_BYTES:,} characters (document size limit)")
    else:
        keys = ", ".join(sorted(obj)) or "none"
        return RawDocument(path=path, index=index, format=fmt, url=url, title=title,
                           error=f"{where}: no article text (expected a 'text' or 'html' field; keys: {keys})")
    # the record's own metadata wins over anything found in its HTML
    raw.url = url or raw.url
    raw.title = title or raw.title
    raw.published = _as_date(_first(obj, DATE_KEYS)) or raw.published
    raw.outlet = _as_str(_first(obj, OUTLET_KEYS)) or raw.outlet
    raw.author = _as_str(_first(obj, AUTHOR_KEYS)) or raw.author
    raw.language = _as_str(_first(obj, LANG_KEYS)) or raw.language
    raw.warnings.extend(warnings)
    return raw


def _json_type(value: Any) -> str:
    """The JSON name of a Python value's type (``number``, ``array``, ``object``…)."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _meta_str(obj: dict, keys: tuple[str, ...], warnings: list[str]) -> Optional[str]:
    """A one-line metadata field that should be a string; other JSON types are read with a warning."""
    value = _first(obj, keys)
    if value is None or isinstance(value, str):
        return _as_str(value)
    key = next((k for k in keys if obj.get(k) is value), keys[0])
    warnings.append(f"'{key}': expected a string, got {_json_type(value)}")
    return _as_str(value)


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[bytes, bool]]:
    """(line, too_long) pairs; an over-long line is skipped to its end without being kept."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # discard the rest of the line in bounded chunks
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield b"", True
        else:
            yield line, False


def read_jsonl(stream: BinaryIO, *, path: Optional[str] = None) -> Iterator[RawDocument]:
    """Yield one RawDocument per non-blank line; bad lines give a RawDocument with ``error``."""
    limit = MAX_HTML_BYTES + MAX_DOCUMENT_BYTES
    for n, (line, too_long) in enumerate(_lines(stream, limit)):
        where = f"line {n + 1}"
        if too_long:
            yield RawDocument(path=path, index=n, format="jsonl",
                              error=f"{where}: longer than {human_size(limit)}, skipped")
            continue
        if not line.strip():
            continue
        text, _enc, _warnings = decode_bytes(line)
        obj, error = parse_record(text, where)
        if error:
            yield RawDocument(path=path, index=n, format="jsonl", error=error)
            continue
        yield record_to_document(obj, path=path, index=n, where=where)


def read_json(stream: BinaryIO, *, path: Optional[str] = None) -> Iterator[RawDocument]:
    """A ``.json`` file: an array of article objects, one object, or (fallback) JSON Lines."""
    data = stream.read(MAX_FEED_BYTES + 1)
    if len(data) > MAX_FEED_BYTES:
        yield RawDocument(path=path, format="json", error=f"JSON file larger than {human_size(MAX_FEED_BYTES)}; "
                          "use JSON Lines (.jsonl) for large collections")
        return
    text, _enc, _w = decode_bytes(data)
    obj, error = parse_record(text, "document")
    if error and "invalid JSON" in error:
        import io

        yield from read_jsonl(io.BytesIO(data), path=path)
        return
    if error:
        yield RawDocument(path=path, format="json", error=error)
        return
    if isinstance(obj, list):
        for i, item in enumerate(obj):
            yield record_to_document(item, path=path, index=i, where=f"item {i}", fmt="json")
    else:
        yield record_to_document(obj, path=path, index=None, where="document", fmt="json")
