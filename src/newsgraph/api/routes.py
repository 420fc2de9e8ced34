"""The JSON API (mounted under ``/api``): read-only corpus queries and ``POST /api/analyze``."""

from __future__ import annotations

import re
from typing import Annotated, Any, Callable, Optional

from fastapi import APIRouter, Path, Query, Request
from markupsafe import escape

from ..corpus import queries
from ..model import Article
from ..readers import from_string
from . import schemas
from .backend import Corpus
from .errors import ApiError, error_responses
from .limits import Limits, Runner, TextInput, read_inputs

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
ISO_DATE = r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$"
SQLITE_MAX_INT = 2**63 - 1

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (at most {MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=SQLITE_MAX_INT, description="Items to skip.")]
Since = Annotated[Optional[str], Query(pattern=ISO_DATE, max_length=40,
                                       description="Only on or after this ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD or datetime).")]
Until = Annotated[Optional[str], Query(pattern=ISO_DATE, max_length=40,
                                       description="Only up to this ISO 8601 date, inclusive at its precision.")]
Name = Annotated[Optional[str], Query(max_length=200)]

#: Search-hit highlight markers (private-use characters, removed from the text before marking).
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_MARKS = re.compile(f"[{_MARK_OPEN}{_MARK_CLOSE}]")

router = APIRouter(responses=error_responses(422))


def corpus_of(request: Request) -> Corpus:
    return request.app.state.corpus


def page_response(request: Request, page: dict[str, Any], items: Optional[list[Any]] = None) -> dict[str, Any]:
    """A query page plus the ``next`` URL (same query, offset advanced) when there is more."""
    out = dict(page)
    if items is not None:
        out["items"] = items
    nxt = None
    if page.get("has_more"):
        nxt = str(request.url.include_query_params(offset=page["offset"] + page["limit"], limit=page["limit"]))
    out["next"] = nxt
    return out


def run_query(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call a query function, turning user errors into 422."""
    try:
        return fn(*args, **kwargs)
    except queries.QueryError as exc:
        raise ApiError(422, str(exc)) from None


def marked_html(text: Optional[str]) -> Optional[str]:
    """HTML-escaped ``text`` with the search markers turned into ``<mark>`` (kept balanced)."""
    if text is None:
        return None
    out, open_ = [], False
    for part in re.split(f"([{_MARK_OPEN}{_MARK_CLOSE}])", text):
        if part == _MARK_OPEN:
            if not open_:
                out.append("<mark>")
                open_ = True
        elif part == _MARK_CLOSE:
            if open_:
                out.append("</mark>")
                open_ = False
        else:
            out.append(str(escape(part)))
    if open_:
        out.append("</mark>")
    return "".join(out)


def search_page(corpus: Corpus, q: str, limit: int, offset: int) -> dict[str, Any]:
    """Search results with plain and safe-HTML snippets (shared by the API and the search page).

    A query without any letter or digit matches nothing (an empty page, not an error)."""
    if not re.search(r"\w", q):
        return {"items": [], "limit": limit, "offset": offset, "has_more": False, "total": 0,
                "fts_query": None, "query": q}
    page = run_query(queries.search, corpus.store(), q, limit=limit, offset=offset, mark=(_MARK_OPEN, _MARK_CLOSE))
    items = []
    for hit in page["items"]:
        hit = dict(hit)
        snippet = hit.get("snippet") or ""
        hit["snippet_html"] = marked_html(snippet)
        hit["snippet"] = _MARKS.sub("", snippet)
        hit["title_html"] = marked_html(hit.pop("title_highlight", None))
        items.append(hit)
    page = dict(page, items=items, fts_query=page.get("query"), query=q)
    return page


# -- corpus -------------------------------------------------------------------------
@router.get("/counts", response_model=schemas.Counts, summary="Corpus size")
def get_counts(request: Request) -> dict[str, Any]:
    """Number of articles, quotes, entities, stories and copies in the corpus."""
    return queries.counts(corpus_of(request).store())


@router.get("/articles", response_model=schemas.Page[schemas.ArticleBrief], summary="List articles")
def list_articles(request: Request, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0,
                  outlet: Name = None, since: Since = None, until: Until = None) -> dict[str, Any]:
    """Stored articles, newest first (brief records; fetch one for the full record)."""
    page = run_query(queries.articles, corpus_of(request).store(), limit=limit, offset=offset,
                     outlet=outlet, since=since, until=until)
    return page_response(request, page)


@router.get("/articles/{article_id}", response_model=schemas.StoredArticle, summary="Fetch one article",
            responses=error_responses(404))
def get_article(request: Request, article_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """The full article record (clean text, paragraphs, removed lines, entities, quotes, sources), its
    corpus entity links, story and copy relations. A unique id prefix (6+ hex digits) works too."""
    found = queries.article(corpus_of(request).store(), article_id)
    if found is None:
        raise ApiError(404, f"no article with id {article_id!r}")
    return found


@router.get("/stories", response_model=schemas.Page[schemas.StoryBrief], summary="List stories")
def list_stories(request: Request, since: Since = None, entity: Name = None, limit: Limit = DEFAULT_LIMIT,
                 offset: Offset = 0) -> dict[str, Any]:
    """Stories (clusters of articles about one event), most recently active first."""
    page = run_query(queries.stories, corpus_of(request).store(), since=since, entity=entity, limit=limit,
                     offset=offset)
    return page_response(request, page)


@router.get("/stories/{story_id}", response_model=schemas.Story, summary="Fetch one story",
            responses=error_responses(404))
def get_story(request: Request, story_id: Annotated[int, Path(ge=0, le=SQLITE_MAX_INT)]) -> dict[str, Any]:
    """A story's timeline (copies folded under their original; ``first_reported_by``), key quotes,
    entities and outlets."""
    found = queries.story(corpus_of(request).store(), story_id)
    if found is None:
        raise ApiError(404, f"no story with id {story_id}")
    return found


@router.get("/entities", response_model=schemas.Page[schemas.EntityBrief], summary="List entities")
def list_entities(request: Request, q: Name = None, type: Annotated[Optional[str], Query(max_length=20)] = None,
                  limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    """Corpus entities (people, organisations, places…), most reported first; ``q`` filters by name."""
    page = run_query(queries.entities, corpus_of(request).store(), type=type, q=q, limit=limit, offset=offset)
    return page_response(request, page)


@router.get("/entities/{name:path}", response_model=schemas.EntityDetail, summary="Fetch one entity",
            responses=error_responses(404))
def get_entity(request: Request, name: Annotated[str, Path(max_length=200)],
               type: Annotated[Optional[str], Query(max_length=20)] = None,
               limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    """An entity by name (aliases and unique surnames work): roles, aliases, the quotes by and about
    it, the articles naming it and co-occurring entities (``limit``/``offset`` page those lists)."""
    found = run_query(queries.entity, corpus_of(request).store(), name, type=type, limit=limit, offset=offset)
    if found is None:
        raise ApiError(404, f"no entity named {name!r}")
    for key in ("articles", "quotes_by", "quotes_about", "events"):
        if isinstance(found.get(key), dict):
            found[key] = page_response(request, found[key])
    return found


@router.get("/quotes", response_model=schemas.Page[schemas.QuoteItem], summary="Find quotes")
def list_quotes(request: Request, speaker: Name = None, about: Name = None,
                story: Annotated[Optional[int], Query(ge=0, le=SQLITE_MAX_INT)] = None,
                since: Since = None, until: Until = None, limit: Limit = DEFAULT_LIMIT,
                offset: Offset = 0) -> dict[str, Any]:
    """Who said what: quotes filtered by speaker, by an entity mentioned in the quote (``about``),
    by story and by publication date; newest first."""
    page = run_query(queries.quotes, corpus_of(request).store(), speaker=speaker, about=about, story=story,
                     since=since, until=until, limit=limit, offset=offset)
    return page_response(request, page)


@router.get("/events", response_model=schemas.Page[schemas.EventItem], summary="Find events")
def list_events(request: Request, actor: Name = None, source: Name = None, target: Name = None,
                code: Annotated[Optional[str], Query(pattern=r"^\d{2,4}$",
                                                     description="CAMEO code prefix, e.g. 17 or 173.")] = None,
                story: Annotated[Optional[int], Query(ge=0, le=SQLITE_MAX_INT)] = None,
                since: Since = None, until: Until = None, negated: bool = False, limit: Limit = DEFAULT_LIMIT,
                offset: Offset = 0) -> dict[str, Any]:
    """Who did what to whom: CAMEO-coded events filtered by actor (either side), source, target,
    code prefix, story and publication date; newest first. Negated events ("did not attack") only
    with ``negated=true``."""
    page = run_query(queries.events, corpus_of(request).store(), actor=actor, source=source, target=target,
                     code=code, story=story, since=since, until=until, include_negated=negated, limit=limit,
                     offset=offset)
    return page_response(request, page)


@router.get("/search", response_model=schemas.SearchPage, summary="Full-text search")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500, description="Words to find; FTS5 syntax (\"phrase\", OR, NOT, prefix*) works too.")],
           limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    """Articles matching ``q`` (titles and bodies, best first) with highlighted snippets."""
    page = search_page(corpus_of(request), q, limit, offset)
    return page_response(request, page)


@router.get("/copies", response_model=schemas.Page[schemas.CopyGroup], summary="Copy groups")
def list_copies(request: Request, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    """Groups of copied articles (exact, near-duplicate, rewrite), largest first, original first."""
    page = run_query(queries.copies, corpus_of(request).store(), limit=limit, offset=offset)
    return page_response(request, page)


# -- analysis -------------------------------------------------------------------------
_TEXT_BODY = {
    "required": True,
    "content": {
        "text/plain": {"schema": {"type": "string"}, "example": "Mayor Jane Smith said on Monday that buses would run later."},
        "text/html": {"schema": {"type": "string"}, "example": "<html><body><h1>Buses</h1><p>Mayor Jane Smith said …</p></body></html>"},
        "application/json": {"schema": {
            "type": "object", "required": ["text"],
            "properties": {"text": {"type": "string", "description": "Plain text or HTML."},
                           "url": {"type": ["string", "null"]}, "title": {"type": ["string", "null"]},
                           "outlet": {"type": ["string", "null"]},
                           "published": {"type": ["string", "null"], "description": "ISO 8601 date or datetime"}},
        }},
    },
}


def analyze_input(item: TextInput) -> Article:
    """Run the pipeline on one input (called in the analysis worker thread)."""
    from ..pipeline import Pipeline

    raw = from_string(item.text, url=item.url, title=item.title)
    raw.outlet, raw.published = item.outlet, item.published
    return Pipeline().analyze(raw)


def limits_of(request: Request) -> Limits:
    return request.app.state.limits


@router.post(
    "/analyze", response_model=Article, summary="Analyse a text or HTML document (not stored)",
    openapi_extra={"requestBody": _TEXT_BODY},
    responses=error_responses(400, 413, 415, 503, 504),
)
async def analyze_document(request: Request) -> Article:
    """Run the pipeline on the body and return the Article record without storing it.

    Send ``text/plain``, ``text/html`` or ``application/json`` ``{"text": ...}``. Bodies over the
    size limit (1 MB by default) get 413, other content types 415; analyses that take longer than
    the time limit get 504, and 503 is returned while too many analyses are queued.
    """
    limits = limits_of(request)
    (item,) = await read_inputs(request, limits)
    runner: Runner = request.app.state.runner
    return await runner.run(analyze_input, item)
