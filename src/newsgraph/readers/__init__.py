"""Readers: turn files, directories, stdin and strings into :class:`RawDocument` s.

Nothing outside this package knows about file formats. Formats: plain text (``text.py``),
HTML (``html.py``), JSON Lines / JSON (``jsonl.py``), WARC (``warc.py``), RSS/Atom (``feed.py``);
any of them gzipped. The format comes from the file extension (``.gz`` stripped) and, for
unknown extensions and stdin, from the first bytes. Everything streams: one file open at a
time, multi-document files yielded record by record, every read capped (``base.MAX_*``).
Problems never raise: they come back as a RawDocument with ``error`` (or ``warnings``).
"""

from __future__ import annotations

import errno
import gzip
import io
import os
import re
import stat
import sys
import zlib
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Optional

from .base import RawDocument
from .sanitize import display_name, sanitize

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


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:200] if lines else ""


def _guarded(docs: Iterator[RawDocument], name: str, fmt: Optional[str]) -> Iterator[RawDocument]:
    """The document boundary of the reading side: every document sanitised; a reader that raises
    (a bug or a library surprise on hostile input) ends its file with one error document."""
    produced = 0
    try:
        for raw in docs:
            produced += 1
            yield sanitize(raw)
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        what = "corrupt gzip data" if isinstance(exc, (EOFError, zlib.error, gzip.BadGzipFile)) else "cannot read file"
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else _first_line(exc)
        yield sanitize(RawDocument(path=name, format=fmt, index=produced if produced else None,
                                   error=f"{what}: {detail}"))
    except Exception as exc:  # noqa: BLE001 - the boundary: report, never crash the batch
        detail = _first_line(exc)
        yield sanitize(RawDocument(path=name, format=fmt, index=produced if produced else None,
                                   error=f"cannot read: {type(exc).__name__}" + (f": {detail}" if detail else "")))


def _read_file(path: Path, name: str, fmt: Optional[str]) -> Iterator[RawDocument]:
    size = path.stat().st_size
    with open(path, "rb") as fh:
        yield from read_stream(fh, path=name, fmt=fmt, total_size=size)


def read_path(path: Path, name: Optional[str] = None) -> Iterator[RawDocument]:
    """Yield the documents of one file; I/O, decompression and reader errors become error documents.

    ``name`` is the path as shown and stored (default: ``path`` with undecodable bytes as U+FFFD).
    """
    name = name or display_name(str(path))
    fmt, _gz = _format_for(path.name)
    yield from _guarded(_read_file(path, name, fmt), name, fmt)


def _error(path: str, message: str) -> RawDocument:
    return RawDocument(path=display_name(path), error=message)


def _why(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return exc.strerror or type(exc).__name__


def _walk(directory: Path) -> Iterator[Path | RawDocument]:
    """Files under ``directory``, recursively, sorted by name; hidden files and folders skipped.

    Symbolic links to folders are not followed. An unreadable folder or a broken entry (link
    loop, permission denied) is yielded as an error document instead of being skipped silently.
    """
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        yield _error(str(directory), f"cannot read folder: {_why(exc)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        p = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(p)
            elif entry.is_file():
                yield p
            elif entry.is_symlink() and not os.path.exists(entry.path):
                yield _error(entry.path, "broken symbolic link")
        except OSError as exc:
            yield _error(entry.path, f"cannot read: {_why(exc)}")


def _read_one(p: Path) -> Iterator[RawDocument]:
    name = display_name(str(p))
    docs = read_path(p, name)
    if name != str(p):
        docs = (_warn(raw, "file name is not valid UTF-8 (shown with U+FFFD)") for raw in docs)
    yield from docs


def _warn(raw: RawDocument, message: str) -> RawDocument:
    raw.warnings.append(message)
    return raw


def read_paths(paths: Iterable[str]) -> Iterator[RawDocument]:
    """Yield RawDocuments for files, directories (recursive, sorted, dotfiles skipped) and ``-`` (stdin).

    Every problem with a path (missing, unreadable, a link loop) is an error document.
    """
    for p in paths:
        if p == "-":
            yield from _guarded(read_stream(sys.stdin.buffer, path="-"), "-", None)
            continue
        path = Path(p)
        try:
            st = path.stat()
        except OSError as exc:
            missing = exc.errno in (errno.ENOENT, errno.ENOTDIR)
            yield _error(p, "no such file or directory" if missing else f"cannot read: {_why(exc)}")
            continue
        if stat.S_ISDIR(st.st_mode):
            for f in _walk(path):
                if isinstance(f, RawDocument):
                    yield sanitize(f)
                else:
                    yield from _read_one(f)
        else:
            yield from _read_one(path)
