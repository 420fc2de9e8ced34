"""The JSON API (mounted under ``/api``): read-only corpus queries and ``POST /api/analyze``."""

from __future__ import annotations

import inspect
import json
from typing import Annotated, Any, Callable, Optional

from fastapi import APIRouter, Path, Query, Request, Response

from ..corpus import queries, views
from ..model import Article
from . import schemas
from .. import service
from ..service import Corpus
from .errors import ApiError, error_responses
from .fastjson import FastJSONResponse, conformer
from .limits import Limits, Runner, read_inputs

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
Cursor = Annotated[Optional[str], Query(max_length=200, pattern=r"^[A-Za-z0-9_-]*$",
                                        description="Where the page starts: a previous page's next_cursor "
                                                    "(a value newsgraph did not issue starts from the first page).")]


router = APIRouter(responses=error_responses(422))


corpus_of = service.corpus_of
marked_html = service.marked_html
analyze_input = service.analyze_input


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


# -- corpus -------------------------------------------------------------------------
@router.get("/counts", response_model=schemas.Counts, summary="Corpus size")
def get_counts(request: Request) -> dict[str, Any]:
    """Number of articles, quotes, entities, stories and copies in the corpus (estimated from the
    tables' row ids: constant time whatever the corpus size)."""
    out = views.estimate_counts(corpus_of(request).store())
    out["copies"] = out["copy_groups"]
    return out


def _next_url(request: Request, page: views.Page) -> Optional[str]:
    if not page.next_cursor:
        return None
    url = request.url.remove_query_params(["offset", "cursor"])
    return str(url.include_query_params(cursor=page.next_cursor, limit=page.limit))


def view_response(request: Request, page: views.Page) -> dict[str, Any]:
    """A view's page as JSON: the page plus ``next`` (same query, the next cursor) and, for the
    name filters, what each name was taken to mean (``resolved``)."""
    out = page.to_dict()
    out["next"] = _next_url(request, page)
    return out


def _param(f: views.Filter) -> inspect.Parameter:
    """The query parameter of one view filter, typed and documented (for validation and OpenAPI)."""
    if f.kind == "int":
        ann: Any = Annotated[Optional[int], Query(ge=0, le=SQLITE_MAX_INT, description=f.help)]
    elif f.kind == "bool":
        ann = Annotated[bool, Query(description=f.help)]
        return inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=False, annotation=ann)
    elif f.kind == "date":
        ann = Annotated[Optional[str], Query(pattern=ISO_DATE, max_length=40, description=f.help)]
    elif f.kind == "choice":
        ann = Annotated[Optional[str], Query(max_length=40, description=f"{f.help} ({', '.join(f.choices)})")]
    elif f.name == "q" and f.kind == "str" and f.help.startswith("Words"):
        ann = Annotated[str, Query(min_length=1, max_length=500, description=f.help)]
        return inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, annotation=ann)
    else:
        ann = Annotated[Optional[str], Query(max_length=200, pattern=f.pattern, description=f.help)]
    return inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=ann)


def _paging_params(view: views.View) -> list[inspect.Parameter]:
    kw = inspect.Parameter.KEYWORD_ONLY
    orders = [o.name for o in view.orders]
    return [
        inspect.Parameter("limit", kw, default=DEFAULT_LIMIT, annotation=Limit),
        inspect.Parameter("cursor", kw, default=None, annotation=Cursor),
        inspect.Parameter("offset", kw, default=0, annotation=Offset),
        inspect.Parameter("order", kw, default=None, annotation=Annotated[Optional[str], Query(
            max_length=40, description="Sort order: " + ", ".join(f"{o.name} ({o.label})" for o in view.orders),
            pattern="^(" + "|".join(orders) + ")$")]),
        inspect.Parameter("facets", kw, default=False, annotation=Annotated[bool, Query(
            description="Also count the rows per facet value (over the first 1,000 rows of the order).")]),
    ]


def run_view(corpus: Corpus, view: views.View, values: dict[str, Any], **kw: Any) -> views.Page:
    try:
        return views.run(corpus.store(), view, values, **kw)
    except (views.ViewError, queries.QueryError) as exc:
        raise ApiError(422, str(exc)) from None


def _list_route(view: views.View) -> None:
    """``GET /api/<view>``: one page of the view, its filters as typed query parameters."""
    filter_names = [f.name for f in view.filters]
    model = schemas.page_model(view.name)
    conform = conformer(model)

    def endpoint(request: Request, **kw: Any) -> Response:
        values = {k: kw.get(k) for k in filter_names}
        if kw["cursor"]:  # an unreadable cursor (not one we issued) starts from the first page
            try:
                n_keys = 1 if view.fetch is not None else len(view.order(kw["order"]).key)
                views.decode_cursor(kw["cursor"], n_keys)
            except views.ViewError:
                kw["cursor"] = None
        if view is views.SEARCH:
            page = search_view(corpus_of(request), values, limit=kw["limit"], cursor=kw["cursor"],
                               offset=kw["offset"], order=kw["order"], facets=kw["facets"])
        else:
            page = run_view(corpus_of(request), view, values, limit=kw["limit"], cursor=kw["cursor"],
                            offset=kw["offset"], order=kw["order"], facets=kw["facets"])
        # the model documents the shape; the page already has it (see .fastjson): no validation pass
        return FastJSONResponse(conform(view_response(request, page)))

    params = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request),
              *[_param(f) for f in view.filters], *_paging_params(view)]
    endpoint.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    endpoint.__name__ = f"list_{view.name}"
    router.add_api_route(f"/{view.name}", endpoint, methods=["GET"], response_model=model,
                         summary=view.title, description=view.description + (
                             " Keyset paging: follow `next` (or pass `next_cursor` as `cursor`); `total` is "
                             "counted up to 10,000 (`total_is_estimate` when there are more)."))


def search_view(corpus: Corpus, values: dict[str, Any], **kw: Any) -> views.Page:
    try:
        return service.search_view(corpus, values, **kw)
    except (views.ViewError, queries.QueryError) as exc:
        raise ApiError(422, str(exc)) from None


def search_page(corpus: Corpus, q: str, limit: int, offset: int) -> dict[str, Any]:
    """Search results as a dict (kept for callers of the former helper)."""
    return search_view(corpus, {"q": q}, limit=limit, offset=offset).to_dict()


for _view in views.VIEWS.values():
    _list_route(_view)


@router.get("/download/{view_name}", summary="Download a list (CSV or JSON)", responses=error_responses(404))
def download_view(request: Request, view_name: Annotated[str, Path(max_length=40)],
                  format: Annotated[str, Query(pattern="^(csv|json)$", description="csv or json")] = "csv",
                  order: Annotated[Optional[str], Query(max_length=40)] = None) -> Response:
    """Every row of a list (up to 10,000) with the same filters as ``GET /api/<list>``: as CSV (the
    list's columns) or as a JSON array of the full rows."""
    view = views.VIEWS.get(view_name)
    if view is None:
        raise ApiError(404, f"no list named {view_name!r} (one of {', '.join(views.VIEWS)})")
    values = {f.name: request.query_params.get(f.name) for f in view.filters if request.query_params.get(f.name)}
    store = corpus_of(request).store()
    try:
        rows = list(views.iter_rows(store, view, values, order=order))
    except (views.ViewError, queries.QueryError) as exc:
        raise ApiError(422, str(exc)) from None
    name = f"newsgraph-{view.name}"
    if format == "json":
        return Response(json.dumps(rows, ensure_ascii=False, default=str), media_type="application/json",
                        headers={"content-disposition": f'attachment; filename="{name}.json"'})
    return Response(views.to_csv(view, rows), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{name}.csv"'})


@router.get("/articles/{article_id}", response_model=schemas.StoredArticle, summary="Fetch one article",
            responses=error_responses(404))
def get_article(request: Request, article_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """The full article record (clean text, paragraphs, removed lines, entities, quotes, sources), its
    corpus entity links, story and copy relations. A unique id prefix (6+ hex digits) works too."""
    found = queries.article(corpus_of(request).store(), article_id)
    if found is None:
        raise ApiError(404, f"no article with id {article_id!r}")
    return found


@router.get("/stories/{story_id}", response_model=schemas.Story, summary="Fetch one story",
            responses=error_responses(404))
def get_story(request: Request, story_id: Annotated[int, Path(ge=0, le=SQLITE_MAX_INT)]) -> dict[str, Any]:
    """A story's timeline (copies folded under their original; ``first_reported_by``), key quotes,
    entities and outlets."""
    found = queries.story(corpus_of(request).store(), story_id)
    if found is None:
        raise ApiError(404, f"no story with id {story_id}")
    return found


@router.get("/entities/{name:path}", response_model=schemas.EntityDetail, summary="Fetch one entity",
            responses=error_responses(404))
def get_entity(request: Request, name: Annotated[str, Path(max_length=200)],
               type: Annotated[Optional[str], Query(max_length=20)] = None,
               limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    """An entity by name (aliases and surnames work; ``resolved`` names the other candidates): roles,
    aliases, the quotes by and about it, the articles naming it and co-occurring entities
    (``limit``/``offset`` page those lists)."""
    found = run_query(queries.entity, corpus_of(request).store(), name, type=type, limit=limit, offset=offset)
    if found is None:
        raise ApiError(404, f"no entity named {name!r}")
    for key in ("articles", "quotes_by", "quotes_about", "events"):
        if isinstance(found.get(key), dict):
            found[key] = page_response(request, found[key])
    return found


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
