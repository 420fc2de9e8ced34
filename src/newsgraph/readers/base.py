"""The raw document every reader yields: text (or HTML) plus whatever metadata the format carries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass
class RawDocument:
    """One input document before analysis.

    Exactly one of ``text`` / ``html`` is normally set; ``error`` is set instead when the
    reader could not decode the input (the pipeline turns it into an Article with ``error``).
    """

    text: Optional[str] = None
    html: Optional[str] = None
    path: Optional[str] = None
    url: Optional[str] = None
    title: Optional[str] = None
    author: Optional[str] = None
    published: Optional[str] = None
    outlet: Optional[str] = None
    language: Optional[str] = None
    format: Optional[str] = None
    index: Optional[int] = None
    error: Optional[str] = None
    warnings: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """Human-readable name for messages: path[#index] or url."""
        name = self.path or self.url or "<input>"
        return f"{name}#{self.index}" if self.index is not None else name


#: Most bytes read for one plain-text document (or one JSONL text field). Far beyond any real
#: article, and keeps the decoded text within spaCy's default ``max_length`` (1,000,000 chars).
MAX_DOCUMENT_BYTES = 1_000_000
#: Most bytes of HTML read for one page (pages carry a lot of markup around the text).
MAX_HTML_BYTES = 8_000_000
#: Most bytes read for one feed file or one JSON (not JSON Lines) file.
MAX_FEED_BYTES = 32_000_000


def human_size(n: int) -> str:
    """``1_500_000`` -> ``'1.5 MB'`` (decimal units)."""
    for unit, div in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= div:
            return f"{n / div:.1f} {unit}"
    return f"{n} bytes"
