"""Response models of the JSON API (for the OpenAPI document and response checking).

They describe the plain dicts returned by :mod:`newsgraph.corpus.queries`. Models allow extra
fields so that the query layer can grow without breaking the API; the documented fields are
the stable part.
"""

from __future__ import annotations

from typing import Any, Generic, Optional, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ..model import Article

T = TypeVar("T")


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Page(BaseModel, Generic[T]):
    """A page of a list. Follow ``next`` while it is not null."""

    model_config = ConfigDict(extra="allow")

    items: list[T]
    limit: int
    offset: int = 0
    total: Optional[int] = Field(None, description="Number of matching items, counted up to 10,000.")
    total_is_estimate: bool = Field(False, description="True when there are more than `total` items.")
    has_more: bool
    next: Optional[str] = Field(None, description="URL of the next page; null on the last page.")
    next_cursor: Optional[str] = Field(None, description="Pass as `cursor` for the next page.")
    facets: dict[str, list[dict[str, Any]]] = Field(default_factory=dict,
                                                    description="Rows per facet value (with `facets=true`).")
    resolved: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="What each name filter was taken to mean: status entity (the dominant "
        "entity, `others` named), ambiguous (the candidates, no rows), text (matched as written) or none.")


class Counts(_Open):
    articles: int
    quotes: int
    entities: int
    events: int = 0
    stories: int = 0
    copies: int = 0
    copy_groups: int = 0


class ArticleBrief(_Open):
    id: str
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    url: Optional[str] = None


class EntityLink(_Open):
    eid: str
    name: str
    type: str
    corpus_id: Optional[int] = None
    corpus_name: Optional[str] = None


class StoredArticle(_Open):
    """A stored article: the full ``newsgraph.article/1`` record plus its corpus links."""

    article: Article
    entities: list[EntityLink] = []
    story: Optional[dict[str, Any]] = None
    copies: Optional[dict[str, Any]] = None


class EntityRef(_Open):
    id: Optional[int] = None
    name: Optional[str] = None
    type: Optional[str] = None


class QuoteItem(_Open):
    id: int
    text: str
    kind: str
    cue: Optional[str] = None
    speaker: Optional[EntityRef] = None
    speaker_name: Optional[str] = None
    speaker_text: Optional[str] = None
    about: list[EntityRef] = []
    article: ArticleBrief
    start: Optional[int] = None
    end: Optional[int] = None


class EventItem(_Open):
    id: int
    source: Optional[EntityRef] = None
    source_name: Optional[str] = None
    target: Optional[EntityRef] = None
    target_name: Optional[str] = None
    verb: str
    cameo: Optional[str] = Field(None, description="CAMEO event code (GDELT's codes), e.g. 173 = arrest.")
    root: Optional[str] = Field(None, description="Two-digit CAMEO root, e.g. 17 = coerce.")
    negated: bool = False
    hedged: bool = False
    article: ArticleBrief
    start: Optional[int] = None
    end: Optional[int] = None


class StoryBrief(_Open):
    id: int
    label: Optional[str] = None
    n_articles: int
    first_published: Optional[str] = None
    last_published: Optional[str] = None
    entities: list[dict[str, Any]] = []


class TimelineEntry(ArticleBrief):
    copies: list[dict[str, Any]] = []


class Story(_Open):
    id: int
    label: Optional[str] = None
    n_articles: int
    first_published: Optional[str] = None
    last_published: Optional[str] = None
    first_reported_by: Optional[ArticleBrief] = None
    timeline: list[TimelineEntry]
    quotes: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    entities: list[dict[str, Any]] = []
    outlets: list[dict[str, Any]] = []


class EntityBrief(_Open):
    id: int
    name: str
    type: str
    article_count: int = 0
    mention_count: int = 0


class EntityDetail(EntityBrief):
    aliases: list[dict[str, Any]] = []
    roles: list[dict[str, Any]] = []
    articles: Page[ArticleBrief]
    quotes_by: Page[QuoteItem]
    quotes_about: Page[QuoteItem]
    events: Optional[Page[EventItem]] = None
    cooccurring: list[dict[str, Any]] = []


class SearchHit(ArticleBrief):
    snippet: str = Field(description="Plain-text passage around the match.")
    snippet_html: str = Field(description="The passage as HTML-escaped text with matches in <mark>.")
    title_html: Optional[str] = Field(None, description="The title, HTML-escaped, matches in <mark>.")
    score: Optional[float] = None


class SearchPage(Page[SearchHit]):
    query: str = Field(description="The query as given.")
    fts_query: Optional[str] = Field(None, description="The FTS5 query run.")


class CopyGroup(_Open):
    group_id: Optional[int] = None
    size: int
    original: ArticleBrief
    copies: list[dict[str, Any]]


class OutletItem(_Open):
    name: str
    article_count: int = 0
    first_published: Optional[str] = None
    last_published: Optional[str] = None


#: The row model of each list view (a view without one here is served with open dict rows).
ITEM_MODELS: dict[str, Any] = {"articles": ArticleBrief, "stories": StoryBrief, "quotes": QuoteItem,
                               "events": EventItem, "entities": EntityBrief, "outlets": OutletItem,
                               "copies": CopyGroup}


def page_model(view_name: str) -> Any:
    """The response model of ``GET /api/<view_name>``."""
    if view_name == "search":
        return SearchPage
    return Page[ITEM_MODELS.get(view_name, dict[str, Any])]  # type: ignore[index]


class IngestResult(_Open):
    id: Optional[str] = None
    status: str = Field(description="stored, duplicate or failed")
    error: Optional[str] = None


class IngestResponse(BaseModel):
    results: list[IngestResult]
    stored: int
