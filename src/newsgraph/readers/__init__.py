"""Readers: turn files, directories, stdin and strings into :class:`RawDocument` s.

Nothing outside this package knows about file formats.
"""

from __future__ import annotations

import re
from typing import Iterator, Optional

from .base import RawDocument

__all__ = ["RawDocument", "from_string", "looks_like_html"]

_HTML_SNIFF = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.I)


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts like an HTML document or fragment."""
    return bool(_HTML_SNIFF.match(text[:1000]))


def from_string(text_or_html: str, *, url: Optional[str] = None, title: Optional[str] = None) -> RawDocument:
    """A RawDocument from a string (HTML is detected and extracted)."""
    if looks_like_html(text_or_html):
        return RawDocument(html=text_or_html, url=url, title=title, format="html")
    return RawDocument(text=text_or_html, url=url, title=title, format="string")


def read_paths(paths: "list[str]") -> "Iterator[RawDocument]":
    """Yield RawDocuments for files, directories (recursive) and ``-`` (stdin). Placeholder: UTF-8 text only."""
    import sys
    from pathlib import Path

    for p in paths:
        if p == "-":
            yield RawDocument(text=sys.stdin.read(), path="-", format="text")
            continue
        path = Path(p)
        files = sorted(f for f in path.rglob("*") if f.is_file()) if path.is_dir() else [path]
        for f in files:
            try:
                yield RawDocument(text=f.read_text("utf-8"), path=str(f), format="text")
            except Exception as exc:
                yield RawDocument(path=str(f), format="text", error=f"cannot read: {exc}")
