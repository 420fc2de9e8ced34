"""Page routes: home, the list views (one generic page per :data:`~newsgraph.corpus.views.VIEWS` entry),
story, article, entity, search, analyze and the API docs.

Templates are Jinja2 with autoescaping on. Article data is never marked safe as such: the only
``Markup`` built from it comes from :func:`~newsgraph.web.highlight.highlight_article` and from
:func:`~newsgraph.service.marked_html` (search snippets) and :mod:`.charts`, which escape every
text segment themselves and add only fixed tags.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional
from urllib.parse import parse_qs, urlencode

import jinja2
from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from .. import __version__
from ..api.errors import ApiError
from ..api.limits import TextInput, media_type, read_body
from ..corpus import queries, views
from ..pipeline.event_lexicon import ROOTS as CAMEO_ROOTS
from ..service import analyze_input, corpus_of, search_view
from . import charts, fragments
from .fragments import nicedate
from .highlight import entity_url, highlight_rows, safe_url

HERE = Path(__file__).resolve().parent
PAGE_SIZE = 20
MAX_COPIES_SHOWN = 20
SQLITE_MAX_INT = 2**63 - 1
#: Name filters -> the id filter their candidates link to (None: the entity page).
_ID_FILTERS = {"speaker": "speaker_id", "actor": "actor_id", "source": "actor_id", "target": "actor_id"}

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

Offset = Annotated[int, Query(ge=0, le=SQLITE_MAX_INT)]


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True,  # every template, whatever its extension
        undefined=jinja2.ChainableUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["nicedate"] = nicedate
    # Only for strings built by api.routes.marked_html (escaped text + balanced <mark> tags).
    env.filters["safe_marked"] = lambda value: Markup(value or "")
    # the hot macros as Python (see .fragments): same markup, a fraction of the cost per call
    env.globals.update(when_html=fragments.when, article_link_html=fragments.article_link,
                       linked_html=fragments.linked)
    env.globals.update(entity_url=entity_url, version=__version__, cameo_roots=CAMEO_ROOTS,
                       candidate_url=candidate_url, static=lambda name: f"/static/{name}?v={__version__}")
    return Jinja2Templates(env=env)


def mount(app: FastAPI) -> None:
    """Add the static files, the templates and the page routes to ``app``."""
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.state.templates = make_templates()
    app.include_router(router)


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    context.setdefault("db_name", request.app.state.db_name)
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def page_links(page: dict[str, Any]) -> dict[str, Any]:
    """Template-friendly offset paging info for a query page (entity page lists)."""
    limit, offset = page["limit"], page["offset"]
    return {**page, "next_offset": offset + limit if page.get("has_more") else None,
            "prev_offset": max(0, offset - limit) if offset > 0 else None}


def query_base(path: str, **params: Any) -> str:
    """``path?k=v&…&offset=`` (ready for an offset to be appended) keeping the non-empty params."""
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(kept)}&offset=" if kept else f"{path}?offset="


def candidate_url(view_name: str, key: str, cand: dict[str, Any], values: dict[str, Any]) -> str:
    """Where a candidate of a resolved name links: the same list filtered by that entity's id."""
    id_filter = _ID_FILTERS.get(key)
    if id_filter is None:
        return entity_url(cand["name"], cand.get("type"))
    kept = {k: v for k, v in values.items() if k not in (key, id_filter) and v not in (None, "", False)}
    return f"/{view_name}?{urlencode({**kept, id_filter: cand['id']})}"


def run_query(fn: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return fn(*args, **kwargs)
    except (queries.QueryError, views.ViewError) as exc:
        raise ApiError(422, str(exc)) from None


def _url(path: str, values: dict[str, Any], **extra: Any) -> str:
    kept = {k: v for k, v in {**values, **extra}.items() if v not in (None, "", False)}
    return f"{path}?{urlencode(kept)}" if kept else path


def _view_charts(store: Any, view: views.View, page: views.Page, values: dict[str, Any]) -> list[Markup]:
    """The charts of a list page: what people would rather look at than read."""
    out: list[Markup] = []
    if view.name in ("articles", "search") and page.items:
        hist = views.histogram(store, view, values)
        what = "this search" if view.name == "search" else "these articles"
        out.append(charts.time_chart(f"{view.name}-over-time", f"Articles over time ({what})", hist["bins"],
                                     note=f"(first {views.HISTOGRAM_CAP:,} rows)" if hist["capped"] else ""))
    if view.name == "quotes" and page.facets.get("speaker"):
        out.append(charts.bar_chart("quotes-by-speaker", "Quotes by speaker", [
            (f["label"], f["count"], _url("/quotes", values, speaker=f["value"])) for f in page.facets["speaker"]],
            "quotes", note=f"Counted over the newest {views.FACET_SAMPLE:,} matching quotes."))
    if view.name == "events" and page.facets.get("root"):
        out.append(charts.bar_chart("events-by-root", "Events by CAMEO root", [
            (f["label"], f["count"], _url("/events", values, code=f["value"])) for f in page.facets["root"]],
            "events", note=f"Counted over the newest {views.FACET_SAMPLE:,} matching events."))
    if view.name == "outlets" and page.items:
        out.append(charts.bar_chart("articles-per-outlet", "Articles per outlet", [
            (o["name"], o["article_count"], _url("/articles", {}, outlet=o["name"])) for o in page.items], "articles"))
    return out


#: Per-view page settings: heading, defaults, filters shown in the form.
_PAGES: dict[str, dict[str, Any]] = {
    "stories": {"intro": "Clusters of reports about one event, most recently active first.",
                "defaults": {"min_articles": 2}},
    "quotes": {"heading": "Who said what", "hide": ("speaker_id", "about_id")},
    "events": {"heading": "Who did what to whom",
               "intro": "Events are coded from the text by rules; negated ones (\"did not attack\") are left out "
                        "unless asked for.", "hide": ("actor_id",)},
    "copies": {"intro": "Articles published more than once (verbatim, near-verbatim or rewritten), grouped under "
                        "the earliest report."},
    "articles": {"hide": ("entity_id",)},
}


def list_page(request: Request, view: views.View) -> HTMLResponse:
    """One list view as HTML: filter form, resolved names, rows, cursor pager, facets, charts, downloads."""
    cfg = _PAGES.get(view.name, {})
    qp = request.query_params
    values: dict[str, Any] = {f.name: qp.get(f.name) for f in view.filters if qp.get(f.name) not in (None, "")}
    for k, v in cfg.get("defaults", {}).items():
        if k not in qp:
            values[k] = v
    cursor, order = qp.get("cursor") or None, qp.get("order") or None
    store = corpus_of(request).store()
    error = page = None
    try:
        page = views.run(store, view, values, limit=PAGE_SIZE, cursor=cursor, order=order, facets=True)
    except (views.ViewError, queries.QueryError) as exc:
        error = str(exc)
    shown = {f.name: values.get(f.name) for f in view.filters}
    hidden = {k: v for k, v in values.items() if k in cfg.get("hide", ()) or k == "story"}
    form_filters = [f for f in view.filters if f.name not in cfg.get("hide", ()) and f.name != "story"]
    facet_links = {fc.name: [_url(f"/{view.name}", values, **{fc.filter: v["value"]}) for v in
                             (page.facets.get(fc.name, []) if page else [])] for fc in view.facets}
    base_values = {**values, "order": order}
    ctx = dict(
        nav=view.name, view=view, heading=cfg.get("heading", view.title), intro=cfg.get("intro", view.description),
        page=page, values=shown, hidden=hidden, form_filters=form_filters, error=error,
        order_label=view.order(order if page else None).label if page else "",
        next_url=_url(f"/{view.name}", base_values, cursor=page.next_cursor) if page and page.next_cursor else None,
        first_url=_url(f"/{view.name}", base_values) if cursor else None,
        download=_url(f"/api/download/{view.name}", base_values),
        api_url=_url(f"/api/{view.name}", base_values),
        facet_links=facet_links, facet_titles={fc.name: fc.label for fc in view.facets},
        charts=_view_charts(store, view, page, values) if page else [],
    )
    return render(request, "list.html", status_code=200 if error is None else 422, **ctx)


def _list_route(view: views.View) -> None:
    def endpoint(request: Request) -> HTMLResponse:
        return list_page(request, view)

    endpoint.__name__ = f"{view.name}_page"
    router.add_api_route(f"/{view.name}", endpoint, methods=["GET"], response_class=HTMLResponse)


# -- pages ------------------------------------------------------------------------
@router.get("/")
def home(request: Request) -> HTMLResponse:
    """Corpus size (estimated, constant time), multi-article stories and the latest articles."""
    store = corpus_of(request).store()
    counts = views.estimate_counts(store)
    stories = views.run(store, views.STORIES, {"min_articles": 2}, limit=PAGE_SIZE, count=False)
    latest = views.run(store, views.ARTICLES, {}, limit=10, count=False)
    return render(request, "home.html", nav="home", counts=counts, stories=stories, latest=latest)


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str) -> Response:
    store = corpus_of(request).store()
    # the group's first members only (the original and this article may be among them)
    found = queries.article(store, article_id, max_copies=MAX_COPIES_SHOWN + 2)
    if found is None:
        raise ApiError(404, f"no article with id {article_id!r}")
    if found["article"].get("id") and found["article"]["id"] != article_id:
        return RedirectResponse(f"/articles/{found['article']['id']}", status_code=307)
    article = found["article"]  # the stored JSON as is: templates read dicts, no model validation per page
    links = {e["eid"]: (e["corpus_name"], e["type"]) for e in found.get("entities", []) if e.get("corpus_name")}
    copies = found.get("copies")
    original_info: dict[str, Any] = {}
    if copies and copies.get("original") and not copies.get("is_original"):
        original_info = next((c for c in copies.get("copies", []) if c.get("id") == copies["original"]), {})
        copies = {**copies, "copies": [c for c in copies.get("copies", []) if c.get("id") != copies["original"]]}
    if copies and copies.get("copies"):  # a page's cost must not follow the size of the copy group
        shown = copies["copies"][:MAX_COPIES_SHOWN]
        total = max(len(copies["copies"]), (copies.get("group_size") or 0) - 1)
        copies = {**copies, "copies": shown, "more": total - len(shown)}
    return render(request, "article.html", article=article, paragraphs=highlight_rows(article, links),
                  links=links, story=found.get("story"), copies=copies, original_info=original_info,
                  original_url=safe_url((article.get("source") or {}).get("url")), stored=True)


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: int) -> HTMLResponse:
    found = queries.story(corpus_of(request).store(), story_id)
    if found is None:
        raise ApiError(404, f"no story with id {story_id}")
    timeline = charts.story_timeline("story-timeline", "Reports on a time axis", found["timeline"])
    outlets = charts.bar_chart("outlets-per-story", "Articles per outlet in this story", [
        (o["outlet"], o["articles"], f"/articles?{urlencode({'outlet': o['outlet'], 'story': story_id})}")
        for o in found.get("outlets", [])], "articles")
    return render(request, "story.html", nav="stories", story=found, timeline_chart=timeline, outlets_chart=outlets)


@router.get("/entities/{name:path}")
def entity_page(request: Request, name: str, type: Annotated[Optional[str], Query(max_length=20)] = None,
                offset: Offset = 0) -> HTMLResponse:
    store = corpus_of(request).store()
    found = run_query(queries.entity, store, name, type=type, limit=PAGE_SIZE, offset=offset)
    if found is None and type:  # the type may differ in the corpus: fall back to the name alone
        found = run_query(queries.entity, store, name, limit=PAGE_SIZE, offset=offset)
    if found is None:
        raise ApiError(404, f"no entity named {name!r}")
    stories = queries.stories(store, entity=found["name"], limit=10)
    hist = views.histogram(store, views.ARTICLES, {"entity_id": found["id"]})
    chart = charts.time_chart("entity-over-time", f"Articles naming {found['name']} over time", hist["bins"])
    return render(request, "entity.html", entity=found, stories=stories, chart=chart,
                  quotes_by=page_links(found["quotes_by"]), quotes_about=page_links(found["quotes_about"]),
                  events=found["events"],
                  base=query_base(entity_url(found["name"]), type=type))


@router.get("/search")
def search(request: Request, q: Annotated[str, Query(max_length=500)] = "",
           cursor: Annotated[Optional[str], Query(max_length=200)] = None,
           order: Annotated[Optional[str], Query(max_length=20)] = None,
           outlet: Annotated[Optional[str], Query(max_length=200)] = None) -> HTMLResponse:
    q = q.strip()
    page = entities = None
    error = None
    chart = Markup("")
    values = {"q": q, "outlet": outlet}
    if q:
        corpus = corpus_of(request)
        try:
            page = search_view(corpus, values, limit=PAGE_SIZE, cursor=cursor, order=order, facets=True)
        except (views.ViewError, queries.QueryError) as exc:
            error = str(exc)
        if not cursor:
            entities = queries.entities(corpus.store(), q=q, limit=8)["items"]
        if page is not None and page.items:
            try:
                hist = views.histogram(corpus.store(), views.SEARCH, {"q": q})
                chart = charts.time_chart("search-over-time", "Articles over time for this search", hist["bins"],
                                          note=f"(first {views.HISTOGRAM_CAP:,} matches)" if hist["capped"] else "")
            except views.ViewError:
                pass
    base = {"q": q, "outlet": outlet, "order": order}
    return render(request, "search.html", q=q, page=page, entities=entities, error=error, chart=chart,
                  next_url=_url("/search", base, cursor=page.next_cursor) if page and page.next_cursor else None,
                  first_url=_url("/search", base) if cursor else None,
                  download=_url("/api/download/search", {"q": q, "outlet": outlet}),
                  outlet_links=[(f["label"], f["count"], _url("/search", {"q": q}, outlet=f["value"]))
                                for f in (page.facets.get("outlet", []) if page else [])])


@router.get("/analyze")
def analyze_form(request: Request) -> HTMLResponse:
    return render(request, "analyze.html", nav="analyze", max_kb=request.app.state.limits.max_body_bytes // 1000)


@router.post("/analyze")
async def analyze_submit(request: Request) -> HTMLResponse:
    """The analyze form (``application/x-www-form-urlencoded``, field ``text``); nothing is stored."""
    limits = request.app.state.limits
    ctx: dict[str, Any] = {"nav": "analyze", "max_kb": limits.max_body_bytes // 1000}
    ctype, charset = media_type(request)
    if ctype != "application/x-www-form-urlencoded":
        raise ApiError(415, "send the form as application/x-www-form-urlencoded")
    # urlencoding can triple the size of a text: allow for it, then check the decoded size
    body = await read_body(request, 3 * limits.max_body_bytes)
    try:
        fields = parse_qs(body.decode("ascii", errors="replace"), encoding=charset, errors="replace")
    except LookupError:
        raise ApiError(415, f"unsupported charset: {charset}") from None
    text = (fields.get("text") or [""])[0]
    ctx["text"] = text
    if len(text.encode("utf-8")) > limits.max_body_bytes:
        ctx["text"] = ""
        return render(request, "analyze.html", status_code=413,
                      error=f"The text is larger than the {limits.max_body_bytes:,}-byte limit.", **ctx)
    if not text.strip():
        return render(request, "analyze.html", status_code=422, error="Paste some text or HTML first.", **ctx)
    try:
        article = await request.app.state.runner.run(analyze_input, TextInput(text=text))
    except ApiError as exc:
        return render(request, "analyze.html", status_code=exc.status, error=exc.message, **ctx)
    return render(request, "analyze.html", article=article, paragraphs=highlight_rows(article),
                  article_json=json.dumps(article.to_dict(), indent=2, ensure_ascii=False),
                  original_url=safe_url(article.source.url), stored=False, **ctx)


@router.get("/api/docs")
def api_docs(request: Request) -> HTMLResponse:
    """A self-hosted API explorer (no CDN): static/docs.js renders /api/openapi.json."""
    return render(request, "api_docs.html", nav="api")


for _view in views.VIEWS.values():
    if _view.name != "search":
        _list_route(_view)

__all__ = ["mount", "router"]
