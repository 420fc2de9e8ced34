"""WARC reader: each successful HTML ``response`` (or ``resource``) record -> the HTML reader.

``url`` comes from ``WARC-Target-URI``. ``published`` is the page's own date when its metadata
has one, else the capture time ``WARC-Date`` (an upper bound of the publication date).
Other records (requests, metadata, redirects, errors, non-HTML bodies) are skipped.
``index`` is the 0-based number of the record in the file (all record types counted).

Bounds: a header line (WARC or HTTP) longer than :data:`MAX_WARC_LINE` stops the file with an
error (warcio would otherwise keep the whole line in memory); a response record without
``WARC-Target-URI`` is read with a warning; anything warcio raises on a broken record ends the
file with one error document after the records already yielded.
"""

from __future__ import annotations

import re
from typing import Any, BinaryIO, Iterator, Optional

from .base import MAX_HTML_BYTES, RawDocument
from .html import html_bytes_to_document

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
#: Longest header line read from a WARC file (WARC and HTTP headers are normally < 8 kB).
MAX_WARC_LINE = 1 << 20
NO_TARGET_URI = "WARC record has no WARC-Target-URI"


class WarcLineTooLong(ValueError):
    """A header line longer than :data:`MAX_WARC_LINE`."""


def _content_type(record: Any) -> str:
    if record.http_headers is not None:
        return record.http_headers.get_header("Content-Type") or ""
    return record.rec_headers.get_header("Content-Type") or ""


def _capped_readline(readline: Any) -> Any:
    """``readline`` that never returns (or buffers) more than MAX_WARC_LINE bytes without a newline."""

    def capped(length: Optional[int] = None) -> bytes:
        want = MAX_WARC_LINE + 1 if length is None or length < 0 or length > MAX_WARC_LINE + 1 else length
        line = readline(want)
        if len(line) > MAX_WARC_LINE and not line.endswith(b"\n"):
            raise WarcLineTooLong(f"header line longer than {MAX_WARC_LINE:,} bytes")
        return line

    return capped


def _archive_iterator(stream: BinaryIO) -> Any:
    """warcio's ArchiveIterator with capped header lines and tolerance for a missing target URI."""
    from warcio.archiveiterator import ArchiveIterator

    it = ArchiveIterator(stream, arc2warc=True)
    it.reader.readline = _capped_readline(it.reader.readline)
    load_http_headers = it.loader.load_http_headers

    def tolerant(rec_type: str, uri: Optional[str], stream: Any, length: Any) -> Any:
        # warcio calls uri.startswith(): a record without WARC-Target-URI raised AttributeError
        return load_http_headers(rec_type, uri if uri is not None else "http:", stream, length)

    it.loader.load_http_headers = tolerant
    return it


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:200] if lines else type(exc).__name__


def read_warc(stream: BinaryIO, *, path: Optional[str] = None) -> Iterator[RawDocument]:
    """Yield a RawDocument per HTML page in a (possibly gzipped) WARC/ARC stream."""
    from warcio.exceptions import ArchiveLoadFailed

    n = -1
    try:
        for n, record in enumerate(_archive_iterator(stream)):
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
            if url is None:
                raw.warnings.append(NO_TARGET_URI)
            yield raw
    except ArchiveLoadFailed as exc:
        where = f"after record {n}" if n >= 0 else "at the start"
        yield RawDocument(path=path, index=n + 1 if n >= 0 else None, format="warc",
                          error=f"not a valid WARC file ({where}): {_first_line(exc)}")
    except WarcLineTooLong as exc:
        yield RawDocument(path=path, index=n + 1, format="warc", error=f"WARC record {n + 1}: {exc}, file not read further")
    except (EOFError, OSError, ValueError) as exc:
        yield RawDocument(path=path, index=n + 1, format="warc",
                          error=f"corrupt WARC data after record {n}: {type(exc).__name__}: {_first_line(exc)}")
    except Exception as exc:  # warcio raises assorted errors on malformed records; the file stops here
        yield RawDocument(path=path, index=n + 1, format="warc",
                          error=f"malformed WARC record {n + 1}: {type(exc).__name__}: {_first_line(exc)}")
