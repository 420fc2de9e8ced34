"""WARC reader: each successful HTML ``response`` (or ``resource``) record -> the HTML reader.

``url`` comes from ``WARC-Target-URI``. ``published`` is the page's own date when its metadata
has one, else the capture time ``WARC-Date`` (an upper bound of the publication date).
Other records (requests, metadata, redirects, errors, non-HTML bodies) are skipped.
``index`` is the 0-based number of the record in the file (all record types counted).
"""

from __future__ import annotations

import re
from typing import BinaryIO, Iterator, Optional

from .base import MAX_HTML_BYTES, RawDocument
from .html import html_bytes_to_document

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)


def _content_type(record) -> str:
    if record.http_headers is not None:
        return record.http_headers.get_header("Content-Type") or ""
    return record.rec_headers.get_header("Content-Type") or ""


def read_warc(stream: BinaryIO, *, path: Optional[str] = None) -> Iterator[RawDocument]:
    """Yield a RawDocument per HTML page in a (possibly gzipped) WARC/ARC stream."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = -1
    try:
        for n, record in enumerate(ArchiveIterator(stream, arc2warc=True)):
            if record.rec_type not in ("response", "resource"):
                continue
            if record.rec_type == "response":
                status = record.http_headers.get_statuscode() if record.http_headers else None
                if not status or not str(status).startswith("2"):
                    continue
            ctype = _content_type(record)
            if not any(t in ctype.lower() for t in _HTML_TYPES):
                continue
            m = _CHARSET.search(ctype)
            url = record.rec_headers.get_header("WARC-Target-URI")
            captured = record.rec_headers.get_header("WARC-Date")
            data = record.content_stream().read(MAX_HTML_BYTES + 1)
            raw = html_bytes_to_document(data[:MAX_HTML_BYTES], truncated=len(data) > MAX_HTML_BYTES, path=path,
                                         url=url, index=n, fmt="warc", charset=m.group(1) if m else None)
            raw.url = url or raw.url
            raw.published = raw.published or captured
            yield raw
    except ArchiveLoadFailed as exc:
        where = f"after record {n}" if n >= 0 else "at the start"
        yield RawDocument(path=path, index=n + 1 if n >= 0 else None, format="warc",
                          error=f"not a valid WARC file ({where}): {str(exc).strip().splitlines()[0][:200]}")
    except (EOFError, OSError, ValueError) as exc:
        yield RawDocument(path=path, index=n + 1, format="warc",
                          error=f"corrupt WARC data after record {n}: {type(exc).__name__}: {exc}")
