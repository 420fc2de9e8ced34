"""Page routes: home, story, article, entity, quotes, events, copies, search, analyze and the API docs.

Templates are Jinja2 with autoescaping on. Article data is never marked safe as such: the only
``Markup`` built from it comes from :func:`~newsgraph.web.highlight.highlight_article` and from
:func:`~newsgraph.api.routes.marked_html` (search snippets), which escape every text segment
themselves and add only fixed tags.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Optional
from urllib.parse import parse_qs, urlencode

import jinja2
from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from .. import __version__
from ..api.errors import ApiError
from ..api.limits import TextInput, media_type, read_body
from ..api.routes import ISO_DATE, SQLITE_MAX_INT, analyze_input, corpus_of, run_query, search_page
from ..pipeline.event_lexicon import ROOTS as CAMEO_ROOTS
from ..corpus import queries
from ..model import Article
from .highlight import entity_url, highlight_article, safe_url

HERE = Path(__file__).resolve().parent
PAGE_SIZE = 20

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

Offset = Annotated[int, Query(ge=0, le=SQLITE_MAX_INT)]


def nicedate(value: Optional[str]) -> str:
    """``2025-01-03`` -> ``3 Jan 2025``; datetimes get ``, 14:05`` (UTC as stored); others as given."""
    if not value:
        return ""
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    day = f"{dt.day} {dt:%b %Y}"
    return day if len(value) <= 10 else f"{day}, {dt:%H:%M}"


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
    env.globals.update(entity_url=entity_url, version=__version__, cameo_roots=CAMEO_ROOTS,
                       static=lambda name: f"/static/{name}?v={__version__}")
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
    """Template-friendly paging info for a query page."""
    limit, offset = page["limit"], page["offset"]
    return {**page, "next_offset": offset + limit if page.get("has_more") else None,
            "prev_offset": max(0, offset - limit) if offset > 0 else None}


def query_base(path: str, **params: Any) -> str:
    """``path?k=v&…&offset=`` (ready for an offset to be appended) keeping the non-empty params."""
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(kept)}&offset=" if kept else f"{path}?offset="


# -- pages ------------------------------------------------------------------------
@router.get("/")
def home(request: Request, offset: Offset = 0) -> HTMLResponse:
    store = corpus_of(request).store()
    counts = queries.counts(store)
    stories = page_links(queries.stories(store, limit=PAGE_SIZE, offset=offset))
    latest = queries.articles(store, limit=10, offset=0) if offset == 0 else None
    return render(request, "home.html", nav="home", counts=counts, stories=stories, latest=latest,
                  base=query_base("/"))


@router.get("/articles")
def article_list(request: Request, offset: Offset = 0,
                 outlet: Annotated[Optional[str], Query(max_length=200)] = None) -> HTMLResponse:
    page = page_links(queries.articles(corpus_of(request).store(), limit=PAGE_SIZE, offset=offset, outlet=outlet))
    return render(request, "articles.html", nav="articles", page=page, outlet=outlet,
                  base=query_base("/articles", outlet=outlet))


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str) -> HTMLResponse:
    store = corpus_of(request).store()
    found = queries.article(store, article_id)
    if found is None:
        raise ApiError(404, f"no article with id {article_id!r}")
    if found["article"].get("id") and found["article"]["id"] != article_id:
        return RedirectResponse(f"/articles/{found['article']['id']}", status_code=307)
    article = Article.from_dict(found["article"])
    links = {e["eid"]: (e["corpus_name"], e["type"]) for e in found.get("entities", []) if e.get("corpus_name")}
    copies = found.get("copies")
    original_info: dict[str, Any] = {}
    if copies and copies.get("original") and not copies.get("is_original"):
        original_info = next((c for c in copies.get("copies", []) if c.get("id") == copies["original"]), {})
        copies = {**copies, "copies": [c for c in copies.get("copies", []) if c.get("id") != copies["original"]]}
    return render(request, "article.html", article=article, paragraphs=highlight_article(article, links),
                  links=links, story=found.get("story"), copies=copies, original_info=original_info,
                  original_url=safe_url(article.source.url), stored=True)


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: int) -> HTMLResponse:
    found = queries.story(corpus_of(request).store(), story_id)
    if found is None:
        raise ApiError(404, f"no story with id {story_id}")
    return render(request, "story.html", nav="home", story=found)


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
    return render(request, "entity.html", entity=found, stories=stories,
                  quotes_by=page_links(found["quotes_by"]), quotes_about=page_links(found["quotes_about"]),
                  events=found["events"],
                  base=query_base(entity_url(found["name"]), type=type))


def _date_error(since: Optional[str], until: Optional[str]) -> Optional[str]:
    """The message for a from/to filter that is not an ISO date, else None."""
    for label, value in (("from", since), ("to", until)):
        if value and not re.match(ISO_DATE, value):
            return f"'{label}' must be a date like 2025-01-31"
    return None


@router.get("/quotes")
def quotes_page(request: Request,
                speaker: Annotated[Optional[str], Query(max_length=200)] = None,
                about: Annotated[Optional[str], Query(max_length=200)] = None,
                since: Annotated[Optional[str], Query(max_length=40)] = None,
                until: Annotated[Optional[str], Query(max_length=40)] = None,
                story: Annotated[Optional[int], Query(ge=0, le=SQLITE_MAX_INT)] = None,
                offset: Offset = 0) -> HTMLResponse:
    error = _date_error(since, until)
    page = None
    if error is None:
        page = page_links(queries.quotes(corpus_of(request).store(), speaker=speaker or None, about=about or None,
                                         story=story, since=since or None, until=until or None, limit=PAGE_SIZE,
                                         offset=offset))
    return render(request, "quotes.html", nav="quotes", page=page, speaker=speaker, about=about, since=since,
                  until=until, story=story, error=error,
                  base=query_base("/quotes", speaker=speaker, about=about, since=since, until=until, story=story),
                  status_code=200 if error is None else 422)


@router.get("/events")
def events_page(request: Request,
                actor: Annotated[Optional[str], Query(max_length=200)] = None,
                code: Annotated[Optional[str], Query(max_length=4)] = None,
                since: Annotated[Optional[str], Query(max_length=40)] = None,
                until: Annotated[Optional[str], Query(max_length=40)] = None,
                story: Annotated[Optional[int], Query(ge=0, le=SQLITE_MAX_INT)] = None,
                offset: Offset = 0) -> HTMLResponse:
    error = _date_error(since, until)
    if code and not re.fullmatch(r"\d{2,4}", code):
        error = "'kind' must be a CAMEO code such as 17 or 173"
    page = None
    if error is None:
        page = page_links(queries.events(corpus_of(request).store(), actor=actor or None, code=code or None,
                                         story=story, since=since or None, until=until or None, limit=PAGE_SIZE,
                                         offset=offset))
    return render(request, "events.html", nav="events", page=page, actor=actor, code=code, since=since,
                  until=until, story=story, error=error,
                  base=query_base("/events", actor=actor, code=code, since=since, until=until, story=story),
                  status_code=200 if error is None else 422)


@router.get("/copies")
def copies_page(request: Request, offset: Offset = 0) -> HTMLResponse:
    page = page_links(queries.copies(corpus_of(request).store(), limit=PAGE_SIZE, offset=offset))
    return render(request, "copies.html", nav="copies", page=page, base=query_base("/copies"))


@router.get("/search")
def search(request: Request, q: Annotated[str, Query(max_length=500)] = "", offset: Offset = 0) -> HTMLResponse:
    q = q.strip()
    page = entities = None
    error = None
    if q:
        corpus = corpus_of(request)
        try:
            page = page_links(search_page(corpus, q, PAGE_SIZE, offset))
        except ApiError as exc:
            error = exc.message
        if offset == 0:
            entities = queries.entities(corpus.store(), q=q, limit=8)["items"]
    return render(request, "search.html", q=q, page=page, entities=entities, error=error,
                  base=query_base("/search", q=q))


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
    return render(request, "analyze.html", article=article, paragraphs=highlight_article(article),
                  article_json=json.dumps(article.to_dict(), indent=2, ensure_ascii=False),
                  original_url=safe_url(article.source.url), stored=False, **ctx)


@router.get("/api/docs")
def api_docs(request: Request) -> HTMLResponse:
    """A self-hosted API explorer (no CDN): static/docs.js renders /api/openapi.json."""
    return render(request, "api_docs.html", nav="api")


__all__ = ["mount", "router"]
