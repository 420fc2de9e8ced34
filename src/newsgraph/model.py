"""The typed, versioned output schema of newsgraph.

Every stage reads and enriches an :class:`Article`. Offsets (``start``/``end``)
in paragraphs, mentions, quotes and sources are Python ``str`` offsets into
:attr:`Article.text`, the clean body: the paragraphs joined by a blank line.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA = "newsgraph.article/1"
PARAGRAPH_SEPARATOR = "\n\n"

RemovalReason = Literal["repeated_title", "duplicate_paragraph", "boilerplate", "caption"]
QuoteKind = Literal["direct", "indirect"]
SourceKind = Literal["outlet", "document", "agency", "person"]
#: how an entity is mentioned: by name ("Leavitt"), pronoun ("she") or description ("the company")
MentionKind = Literal["name", "pronoun", "description"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Source(_Model):
    """Where an article came from."""

    path: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None  # ISO 8601 date or datetime, as given
    format: Optional[str] = None  # text, html, jsonl, warc, rss, string
    index: Optional[int] = None  # position inside a multi-document file (JSONL line, WARC record, feed item)


class Paragraph(_Model):
    """One clean body paragraph; ``start``/``end`` index :attr:`Article.text`."""

    text: str
    start: int
    end: int


class Removed(_Model):
    """A line or paragraph dropped by the clean stage, and why."""

    text: str
    reason: RemovalReason
    duplicate_of: Optional[int] = None  # index into Article.paragraphs of the kept copy


class Author(_Model):
    """One author of the article: the name and what the byline says they are ("Staff Writer")."""

    name: str
    role: Optional[str] = None


class Mention(_Model):
    """One mention of an entity; ``article.text[start:end] == text``."""

    start: int
    end: int
    text: str
    kind: MentionKind = "name"


class Entity(_Model):
    """A person, organisation, place… canonicalised within one article."""

    id: str  # "e0", "e1", … stable within the article
    name: str  # canonical (fullest) form
    type: str  # PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, …
    aliases: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)


class Quote(_Model):
    """A direct or reported (indirect) statement with its speaker and cue."""

    text: str
    kind: QuoteKind
    speaker: Optional[str] = None  # canonical entity name
    speaker_id: Optional[str] = None  # Entity.id
    speaker_text: Optional[str] = None  # the mention as written ("he", "Leavitt")
    cue: Optional[str] = None  # "said", "noted", "according to"
    paragraph: Optional[int] = None  # index of the paragraph where the quote starts
    start: int
    end: int


class SourceCitation(_Model):
    """An outlet, agency, document or person cited as the origin of information."""

    outlet: str
    kind: SourceKind
    cue: Optional[str] = None
    start: int
    end: int


class Event(_Model):
    """Who did what to whom (CAMEO-coded where possible)."""

    source: Optional[str] = None
    source_id: Optional[str] = None
    target: Optional[str] = None
    target_id: Optional[str] = None
    verb: str
    cameo: Optional[str] = None
    negated: bool = False
    hedged: bool = False
    start: int
    end: int


class Article(_Model):
    """One analysed news article."""

    schema_: str = Field(default=SCHEMA, alias="schema")
    id: str = ""
    source: Source = Field(default_factory=Source)
    language: Optional[str] = None
    title: Optional[str] = None
    dek: Optional[str] = None
    summary_line: Optional[str] = None
    byline: Optional[str] = None  # the byline line without "By" ("Jane Roe, Health Correspondent")
    authors: list[Author] = Field(default_factory=list)
    dateline: Optional[str] = None
    paragraphs: list[Paragraph] = Field(default_factory=list)
    removed: list[Removed] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    sources: list[SourceCitation] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    summary: Optional[str] = None
    warnings: list[str] = Field(default_factory=list)
    error: Optional[str] = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    # -- derived views -------------------------------------------------
    @property
    def text(self) -> str:
        """The clean body: paragraphs joined by a blank line."""
        return PARAGRAPH_SEPARATOR.join(p.text for p in self.paragraphs)

    def set_paragraphs(self, texts: list[str]) -> None:
        """Replace the body with ``texts``, computing offsets and the stable id."""
        paragraphs: list[Paragraph] = []
        pos = 0
        for t in texts:
            paragraphs.append(Paragraph(text=t, start=pos, end=pos + len(t)))
            pos += len(t) + len(PARAGRAPH_SEPARATOR)
        self.paragraphs = paragraphs
        self.id = article_id(self.text, self.title)

    def paragraph_at(self, offset: int) -> Optional[int]:
        """Index of the paragraph containing character ``offset`` of :attr:`text`."""
        for i, p in enumerate(self.paragraphs):
            if p.start <= offset < p.end or (offset == p.end and i == len(self.paragraphs) - 1):
                return i
        return None

    def entity(self, entity_id: str) -> Optional[Entity]:
        return next((e for e in self.entities if e.id == entity_id), None)

    # -- JSON ----------------------------------------------------------
    def to_dict(self) -> dict:
        return self.model_dump(by_alias=True, mode="json")

    def to_json(self, **kwargs) -> str:
        return self.model_dump_json(by_alias=True, **kwargs)

    @classmethod
    def from_json(cls, data: str | bytes) -> "Article":
        return cls.model_validate_json(data)

    @classmethod
    def from_dict(cls, data: dict) -> "Article":
        return cls.model_validate(data)


_WS = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
                         "‘": "'", "’": "'", "‚": "'", "‛": "'", "–": "-", "—": "-"})


def normalise_text(text: str) -> str:
    """Case-, quote-style- and whitespace-insensitive form used for ids and duplicate checks."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return _WS.sub(" ", text).strip()


def article_id(text: str, title: Optional[str] = None) -> str:
    """Stable id: a hash of the normalised clean text (the title when the body is empty)."""
    basis = normalise_text(text) or normalise_text(title or "")
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]
