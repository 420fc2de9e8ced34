"""Readers: turn files, directories, stdin and strings into :class:`RawDocument` s.

Nothing outside this package knows about file formats. Formats: plain text (``text.py``),
HTML (``html.py``), JSON Lines / JSON (``jsonl.py``), WARC (``warc.py``), RSS/Atom (``feed.py``);
any of them gzipped. The format comes from the file extension (``.gz`` stripped) and, for
unknown extensions and stdin, from the first bytes. Everything streams: one file open at a
time, multi-document files yielded record by record, every read capped (``base.MAX_*``).
Problems never raise: they come back as a RawDocument with ``error`` (or ``warnings``).
"""

from __future__ import annotations

import gzip
import io
import os
import re
import sys
import zlib
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Optional

from .base import RawDocument

__all__ = ["RawDocument", "from_string", "looks_like_html", "read_paths", "read_path", "read_stream"]

_HTML_SNIFF = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.I)
_HTML_SNIFF_BYTES = re.compile(rb"^(\xef\xbb\xbf)?\s*(<!--.*?-->\s*)*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>]|<meta|<title)",
                               re.I | re.S)

#: extension (lower case, ``.gz`` stripped) -> format
EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text", ".rst": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl", ".json": "json",
    ".warc": "warc", ".arc": "warc",
    ".rss": "feed", ".atom": "feed", ".xml": "xml",
}
_GZIP_MAGIC = b"\x1f\x8b"


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts like an HTML document or fragment."""
    return bool(_HTML_SNIFF.match(text[:1000]))


def from_string(text_or_html: str, *, url: Optional[str] = None, title: Optional[str] = None) -> RawDocument:
    """A RawDocument from a string; HTML is detected and its article text extracted into ``text``."""
    if looks_like_html(text_or_html):
        from .html import html_to_document

        raw = html_to_document(text_or_html, url=url, title=title)
        raw.format = "html"
        return raw
    from .text import normalise_newlines

    return RawDocument(text=normalise_newlines(text_or_html), url=url, title=title, format="string")


# -- streams -----------------------------------------------------------------------------------
class _Prefixed(io.RawIOBase):
    """A read-only stream that replays ``head`` and then continues with ``rest``."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head, self._rest = memoryview(head), rest

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        if self._head:
            n = min(len(buf), len(self._head))
            buf[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buf))
        buf[: len(data)] = data
        return len(data)


def _peek(stream: BinaryIO, n: int = 8192) -> tuple[bytes, BinaryIO]:
    """The first ``n`` bytes of ``stream`` and a stream that still yields them."""
    head = b""
    while len(head) < n:
        chunk = stream.read(n - len(head))
        if not chunk:
            break
        head += chunk
    return head, io.BufferedReader(_Prefixed(head, stream), buffer_size=1 << 16)


def sniff_format(head: bytes) -> str:
    """Guess the format of (decompressed) leading bytes: binary/html/feed/warc/jsonl/text."""
    from .feed import looks_like_feed
    from .text import binary_kind

    if binary_kind(head):
        return "binary"
    if head.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if _HTML_SNIFF_BYTES.match(head[:4096]):
        return "html"
    if looks_like_feed(head):
        return "feed"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return "jsonl"
    if stripped.startswith(b"["):
        return "json"
    if stripped.startswith(b"<?xml") or stripped.startswith(b"<!DOCTYPE html"):
        return "html" if b"<html" in head.lower() else "xml"
    return "text"


def _format_for(name: str) -> tuple[Optional[str], bool]:
    """(format from the extension or None, whether the name ends in .gz)."""
    lower = name.lower()
    gz = lower.endswith((".gz", ".gzip"))
    if gz:
        lower = lower.rsplit(".", 1)[0]
    return EXTENSIONS.get(os.path.splitext(lower)[1]), gz


def read_stream(stream: BinaryIO, *, path: Optional[str] = None, fmt: Optional[str] = None,
                total_size: Optional[int] = None) -> Iterator[RawDocument]:
    """Yield the documents of one binary stream; ``fmt`` (from the extension) or sniffing decides."""
    head, stream = _peek(stream)
    if not head:
        yield RawDocument(path=path, format=fmt, error="empty document")
        return
    if head.startswith(_GZIP_MAGIC) and fmt != "warc":
        total_size = None
        head, stream = _peek(gzip.GzipFile(fileobj=stream, mode="rb"))  # type: ignore[arg-type]
        if not head:
            yield RawDocument(path=path, format=fmt, error="empty document")
            return
    if fmt == "warc" or head.startswith((b"WARC/", b"filedesc://")):
        if not head.startswith((b"WARC/", b"filedesc://", _GZIP_MAGIC)):
            yield RawDocument(path=path, format="warc", error="not a valid WARC file: no WARC/ARC header at the start")
            return
        from .warc import read_warc

        yield from read_warc(stream, path=path)
        return
    sniffed = sniff_format(head)
    if sniffed == "binary":
        from .text import binary_kind

        yield RawDocument(path=path, format=fmt, error=f"binary file ({binary_kind(head)}), not text")
        return
    if fmt is None:
        fmt = sniffed
    if fmt == "xml":
        from .feed import looks_like_feed

        if not looks_like_feed(head):
            yield RawDocument(path=path, format="xml", error="XML file is not an RSS/Atom feed")
            return
        fmt = "feed"
    if fmt == "text":
        from .text import read_text

        yield read_text(stream, path=path, total_size=total_size)
    elif fmt == "html":
        from .html import read_html

        yield read_html(stream, path=path, total_size=total_size)
    elif fmt == "jsonl":
        from .jsonl import read_jsonl

        yield from read_jsonl(stream, path=path)
    elif fmt == "json":
        from .jsonl import read_json

        yield from read_json(stream, path=path)
    elif fmt == "feed":
        from .feed import read_feed

        yield from read_feed(stream, path=path)
    else:  # pragma: no cover - every sniffed format is handled above
        yield RawDocument(path=path, error=f"unsupported format {fmt!r}")


def read_path(path: Path) -> Iterator[RawDocument]:
    """Yield the documents of one file; I/O and decompression errors become error documents."""
    name = str(path)
    fmt, _gz = _format_for(path.name)
    produced = 0
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            for raw in read_stream(fh, path=name, fmt=fmt, total_size=size):
                produced += 1
                yield raw
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        what = "corrupt gzip data" if isinstance(exc, (EOFError, zlib.error, gzip.BadGzipFile)) else "cannot read file"
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        yield RawDocument(path=name, format=fmt, index=produced if produced else None,
                          error=f"{what}: {detail}")


def _walk(directory: Path) -> Iterator[Path]:
    """Files under ``directory``, recursively, sorted by name; hidden files and folders skipped."""
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        p = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(p)
        elif entry.is_file():
            yield p


def read_paths(paths: Iterable[str]) -> Iterator[RawDocument]:
    """Yield RawDocuments for files, directories (recursive, sorted, dotfiles skipped) and ``-`` (stdin)."""
    for p in paths:
        if p == "-":
            yield from read_stream(sys.stdin.buffer, path="-")
            continue
        path = Path(p)
        if path.is_dir():
            for f in _walk(path):
                yield from read_path(f)
        elif path.exists():
            yield from read_path(path)
        else:
            yield RawDocument(path=p, error="no such file or directory")
