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
