"""Declarative list views: each corpus list is declared once; the API, the web pages and the CLI render it.

A :class:`View` declares its rows (``FROM``, selected columns, a row builder), its typed
:class:`Filter` s, its :class:`Order` s (each backed by an index, keyset-paged), its
:class:`Facet` s, its :class:`Column` s (for tables: CLI, CSV, web) and an optional time column
for "over time" charts. :func:`run` turns a view plus parameters into one typed :class:`Page`
(items, next cursor, facet counts, an estimate of the total, name resolutions). Adding a list to
newsgraph means adding one ``View`` to :data:`VIEWS`; the three renderers pick it up.

Serving cost is bounded per request: pages come from an index range after the cursor (no
``OFFSET`` walk), the total is counted up to :data:`COUNT_CAP` ("10,000+"), facets are counted
over the first :data:`FACET_SAMPLE` rows of the order, and search ranks a bounded window of
matches (:data:`SEARCH_WINDOW`), so the cost does not grow with the corpus.
"""

from __future__ import annotations

import base64
import json
import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Mapping, Optional, Sequence, Union

from . import dedup, snippets, stories
from .names import Resolution, resolve
from .store import Store

StoreLike = Union[Store, sqlite3.Connection]

COUNT_CAP = 10_000
FACET_SAMPLE = 1_000
FACET_VALUES = 12
SEARCH_WINDOW = 1_000
HISTOGRAM_CAP = 20_000
MAX_LIMIT = 100


class ViewError(ValueError):
    """A request the user must fix (unknown view, bad cursor, a filter value of the wrong type)."""


# -- declarations ------------------------------------------------------------------------
@dataclass
class Query:
    """The SQL being built for one request: WHERE terms and their parameters."""

    conn: sqlite3.Connection
    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    resolved: dict[str, Resolution] = field(default_factory=dict)
    empty: bool = False  # a filter that can match nothing (unknown or ambiguous name)

    def add(self, sql: str, *params: Any) -> None:
        self.where.append(sql)
        self.params.extend(params)


Apply = Callable[[Query, Any], None]


@dataclass(frozen=True)
class Filter:
    """A typed filter: ``kind`` is str, int, date, bool or choice; ``apply`` adds SQL to the query."""

    name: str
    kind: str
    help: str
    apply: Apply
    label: str = ""
    choices: tuple[str, ...] = ()
    pattern: Optional[str] = None
    joins: bool = False  # needs the view's joined tables (else counting can use ``count_source``)

    @property
    def title(self) -> str:
        return self.label or self.name.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Order:
    """A sort order: ``key`` expressions, all descending, the last unique; an index must cover them."""

    name: str
    key: tuple[str, ...]
    label: str


@dataclass(frozen=True)
class Facet:
    """Counts of the rows per value of ``expr`` (feeding the filter ``filter``)."""

    name: str
    expr: str
    filter: str
    label: str
    value_label: Optional[Callable[[Any], str]] = None


@dataclass(frozen=True)
class Column:
    """A column of the tabular renderings (CLI table, CSV)."""

    name: str
    label: str
    get: Callable[[dict], Any]


@dataclass(frozen=True)
class View:
    name: str
    title: str
    item: str  # what one row is ("quote", "article"...)
    source: str  # FROM ... (joins included)
    select: str
    orders: tuple[Order, ...]
    rows: Callable[[sqlite3.Connection, list[dict]], list[dict]]
    filters: tuple[Filter, ...] = ()
    facets: tuple[Facet, ...] = ()
    columns: tuple[Column, ...] = ()
    date: Optional[str] = None  # the date expression ("over time" charts, since/until)
    fetch: Optional[Callable[..., "Page"]] = None  # a view with its own paging (search)
    description: str = ""
    count_source: Optional[str] = None  # the main table alone: counting needs no joins

    def counting_source(self, used: Mapping[str, Any]) -> str:
        """FROM clause for counting the rows matching ``used`` filters (joins only when a filter needs them)."""
        if self.count_source and not any((f := self.filter(name)) is not None and f.joins for name in used):
            return self.count_source
        return self.source

    def filter(self, name: str) -> Optional[Filter]:
        return next((f for f in self.filters if f.name == name), None)

    def order(self, name: Optional[str]) -> Order:
        if not name:
            return self.orders[0]
        for o in self.orders:
            if o.name == name:
                return o
        raise ViewError(f"unknown order {name!r} for {self.name} (choose {', '.join(o.name for o in self.orders)})")


@dataclass
class Page:
    """One page of a view: the typed result every renderer draws."""

    view: str
    items: list[dict]
    limit: int
    order: str
    filters: dict[str, Any]
    next_cursor: Optional[str] = None
    total: Optional[int] = None  # rows matching, counted up to COUNT_CAP
    total_capped: bool = False  # True: there are more than ``total``
    facets: dict[str, list[dict]] = field(default_factory=dict)
    resolved: dict[str, dict] = field(default_factory=dict)
    offset: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def has_more(self) -> bool:
        return self.next_cursor is not None

    @property
    def total_label(self) -> str:
        if self.total is None:
            return "?"
        return f"{self.total:,}+" if self.total_capped else f"{self.total:,}"

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "limit": self.limit, "offset": self.offset, "has_more": self.has_more,
                "total": self.total, "total_is_estimate": self.total_capped, "next_cursor": self.next_cursor,
                "order": self.order, "filters": self.filters, "facets": self.facets, "resolved": self.resolved,
                **self.extra}


# -- cursors -------------------------------------------------------------------------------
def encode_cursor(values: Sequence[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(values), separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, n: int) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (ValueError, TypeError):
        raise ViewError("bad cursor: use the next_cursor of a previous page") from None
    if not isinstance(values, list) or len(values) != n or not all(
            isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in values):
        raise ViewError("bad cursor: use the next_cursor of a previous page")
    return values


def _after(key: Sequence[str], values: Sequence[Any]) -> tuple[str, list[Any]]:
    """SQL for "strictly after ``values`` in descending ``key`` order", shaped so that SQLite turns
    the first term into an index range: ``k0 <= v0 AND (k0 < v0 OR (k1 <= v1 AND (...)))``."""
    if len(key) == 1:
        return f"{key[0]} < ?", [values[0]]
    rest, rest_params = _after(key[1:], values[1:])
    return f"{key[0]} <= ? AND ({key[0]} < ? OR ({rest}))", [values[0], values[0], *rest_params]


# -- shared helpers --------------------------------------------------------------------------
def _conn(store: StoreLike) -> sqlite3.Connection:
    return store.conn if isinstance(store, Store) else store


def _dicts(cur: sqlite3.Cursor) -> list[dict]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


def _since(col: str) -> Apply:
    return lambda q, v: q.add(f"coalesce({col}, '') >= ?", v)


def _until(col: str) -> Apply:
    # inclusive at the given precision: until=2025-01 keeps all of January
    return lambda q, v: q.add(f"coalesce({col}, '') <= ? || '~'", v)


def _eq(expr: str) -> Apply:
    return lambda q, v: q.add(f"{expr} = ?", v)


def _by_name(role: str, entity_cols: Sequence[str], text_cols: Sequence[str], key: str) -> Apply:
    """A name filter: resolve ``value`` as ``role`` (see :mod:`.names`); the dominant entity's rows,
    or rows whose name as written is the value, or nothing (ambiguous/unknown; candidates reported)."""
    def apply(q: Query, value: str) -> None:
        res = resolve(q.conn, value, role)
        q.resolved[key] = res
        if res.status == "entity" and res.entity:
            q.add("(" + " OR ".join(f"{c} = ?" for c in entity_cols) + ")", *[res.entity.id] * len(entity_cols))
        elif res.status == "text":
            q.add("(" + " OR ".join(f"lower({c}) = lower(?)" for c in text_cols) + ")", *[value] * len(text_cols))
        else:
            q.empty = True
    return apply


def _ids(cols: Sequence[str]) -> Apply:
    return lambda q, v: q.add("(" + " OR ".join(f"{c} = ?" for c in cols) + ")", *[int(v)] * len(cols))


def _brief(r: dict, prefix: str = "") -> dict:
    return {"id": r[f"{prefix}article_id" if prefix else "id"], "title": r.get("article_title", r.get("title")),
            "outlet": r.get("outlet"), "published": r.get("published")}


# -- rows -----------------------------------------------------------------------------------
def _article_rows(_conn: sqlite3.Connection, rows: list[dict]) -> list[dict]:
    return [{k: r[k] for k in ("id", "title", "outlet", "published", "url", "language")} for r in rows]


def _quote_rows(conn: sqlite3.Connection, rows: list[dict]) -> list[dict]:
    about: dict[int, list[dict]] = {r["id"]: [] for r in rows}
    if rows:
        for qid, eid, name, etype in conn.execute(
                f"SELECT qa.quote_id, c.id, c.name, c.type FROM quote_about qa JOIN corpus_entities c "
                f"ON c.id = qa.entity_id WHERE qa.quote_id IN ({_marks(list(about))})", list(about)):
            about[qid].append({"id": eid, "name": name, "type": etype})
    return [{
        "id": r["id"], "text": r["text"], "kind": r["kind"], "cue": r["cue"],
        "speaker": ({"id": r["speaker_entity_id"], "name": r["speaker_entity_name"]}
                    if r["speaker_entity_id"] is not None else None),
        "speaker_name": r["speaker_name"] or r["speaker_entity_name"], "speaker_text": r["speaker_text"],
        "about": about.get(r["id"], []),
        "article": {"id": r["article_id"], "title": r["article_title"], "outlet": r["outlet"],
                    "published": r["published"]},
        "paragraph": r["paragraph"], "start": r["start"], "end": r["end"],
    } for r in rows]


def event_items(_conn: sqlite3.Connection, rows: list[dict]) -> list[dict]:
    """The API shape of event rows (entity-linked actors, their article)."""
    return [{
        "id": r["id"],
        "source": ({"id": r["source_entity_id"], "name": r["source_entity_name"]}
                   if r["source_entity_id"] is not None else None),
        "source_name": r["source"],
        "target": ({"id": r["target_entity_id"], "name": r["target_entity_name"]}
                   if r["target_entity_id"] is not None else None),
        "target_name": r["target"],
        "verb": r["verb"], "cameo": r["cameo"], "root": r["root"],
        "negated": bool(r["negated"]), "hedged": bool(r["hedged"]),
        "article": {"id": r["article_id"], "title": r["article_title"], "outlet": r["outlet"],
                    "published": r["published"]},
        "start": r["start"], "end": r["end"],
    } for r in rows]


def _story_rows(conn: sqlite3.Connection, rows: list[dict]) -> list[dict]:
    return [{"id": r["story_id"], "label": r["label"], "n_articles": r["n_articles"],
             "first_published": r["first_published"], "last_published": r["last_published"],
             "entities": stories._top_entities(conn, r["story_id"])} for r in rows]


def _entity_rows(_conn: sqlite3.Connection, rows: list[dict]) -> list[dict]:
    return [{k: r[k] for k in ("id", "name", "type", "article_count", "mention_count")} for r in rows]


def _outlet_rows(_conn: sqlite3.Connection, rows: list[dict]) -> list[dict]:
    return [{"name": r["name"], "article_count": r["article_count"], "first_published": r["first_published"],
             "last_published": r["last_published"]} for r in rows]


def _copy_rows(conn: sqlite3.Connection, rows: list[dict]) -> list[dict]:
    out = []
    for r in rows:
        g = dedup._group_dict(conn, r["group_id"], r["original_id"], True)
        original = {"id": r["original_id"], **{k: g.get(k) for k in ("title", "outlet", "published")}}
        seen, cps = {original["id"]}, []
        for c in g.get("copies", []):  # an article may be linked to several members: list it once
            if c.get("id") not in seen:
                seen.add(c.get("id"))
                cps.append(c)
        out.append({"group_id": r["group_id"], "size": 1 + len(cps), "original": original, "copies": cps})
    return out


# -- facet labels ----------------------------------------------------------------------------
def _cameo_label(code: Any) -> str:
    from ..pipeline.event_lexicon import ROOTS

    return f"{code} {ROOTS.get(str(code), '')}".strip()


def _month(value: Any) -> str:
    return str(value) if value else "unknown date"


# -- the views ---------------------------------------------------------------------------------
_ART_DATE = "a.published"
_NEWEST_ARTICLES = Order("newest", ("coalesce(a.published, '')", "a.pk"), "newest first")

ARTICLES = View(
    name="articles", title="Articles", item="article",
    source="articles a",
    select="a.id, a.title, a.outlet, a.published, a.url, a.language",
    orders=(_NEWEST_ARTICLES,),
    rows=_article_rows,
    filters=(
        Filter("outlet", "str", "Only articles from this outlet (exact name).", _eq("a.outlet")),
        Filter("since", "date", "Published on or after this ISO date.", _since(_ART_DATE), label="From"),
        Filter("until", "date", "Published up to this ISO date, inclusive at its precision.", _until(_ART_DATE),
               label="To"),
        Filter("entity_id", "int", "Only articles naming this corpus entity (id).",
               lambda q, v: q.add("a.id IN (SELECT article_id FROM entities WHERE corpus_id = ?)", int(v)),
               label="Entity id"),
        Filter("story", "int", "Only articles of this story.",
               lambda q, v: q.add("a.id IN (SELECT article_id FROM story_members WHERE story_id = ?)", int(v))),
    ),
    facets=(Facet("outlet", "a.outlet", "outlet", "Outlet"),
            Facet("month", "substr(a.published, 1, 7)", "since", "Month", _month)),
    columns=(Column("published", "published", lambda r: (r["published"] or "")[:10]),
             Column("outlet", "outlet", lambda r: r["outlet"]),
             Column("title", "title", lambda r: r["title"]),
             Column("id", "id", lambda r: r["id"])),
    date=_ART_DATE,
    description="Stored articles, newest first.",
)

_QUOTE_SELECT = ("q.id, q.text, q.kind, q.cue, q.speaker AS speaker_name, q.speaker_text, q.speaker_entity_id, "
                 "q.paragraph, q.char_start AS start, q.char_end AS end, q.article_id, a.title AS article_title, "
                 "a.outlet, q.published, ce.name AS speaker_entity_name")
QUOTES = View(
    name="quotes", title="Quotes", item="quote",
    source="quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN corpus_entities ce ON ce.id = q.speaker_entity_id",
    select=_QUOTE_SELECT,
    orders=(Order("newest", ("coalesce(q.published, '')", "q.id"), "newest first"),),
    rows=_quote_rows,
    filters=(
        Filter("speaker", "str", "Who said it: a name, surname or short form, resolved to a corpus entity "
               "(the dominant one, with the other candidates named; ambiguous names list the candidates).",
               _by_name("speaker", ["q.speaker_entity_id"], ["q.speaker"], "speaker")),
        Filter("speaker_id", "int", "Who said it: a corpus entity id.", _ids(["q.speaker_entity_id"]),
               label="Speaker id"),
        Filter("about", "str", "An entity mentioned in the quote (name resolved like speaker).",
               lambda q, v: _about(q, v)),
        Filter("about_id", "int", "An entity mentioned in the quote: a corpus entity id.",
               lambda q, v: q.add("q.id IN (SELECT quote_id FROM quote_about WHERE entity_id = ?)", int(v)),
               label="About id"),
        Filter("kind", "choice", "direct or indirect (reported) speech.", _eq("q.kind"),
               choices=("direct", "indirect")),
        Filter("story", "int", "Only quotes from this story.",
               lambda q, v: q.add("q.article_id IN (SELECT article_id FROM story_members WHERE story_id = ?)",
                                  int(v))),
        Filter("outlet", "str", "Only quotes from articles of this outlet.", _eq("a.outlet"), joins=True),
        Filter("since", "date", "Published on or after this ISO date.", _since("q.published"), label="From"),
        Filter("until", "date", "Published up to this ISO date, inclusive.", _until("q.published"), label="To"),
    ),
    facets=(Facet("speaker", "ce.name", "speaker", "Speaker"),
            Facet("kind", "q.kind", "kind", "Kind"),
            Facet("outlet", "a.outlet", "outlet", "Outlet")),
    columns=(Column("published", "published", lambda r: (r["article"]["published"] or "")[:10]),
             Column("speaker", "speaker", lambda r: r["speaker_name"] or ""),
             Column("kind", "kind", lambda r: r["kind"]),
             Column("text", "quote", lambda r: r["text"]),
             Column("outlet", "outlet", lambda r: r["article"]["outlet"]),
             Column("article", "article", lambda r: r["article"]["id"])),
    date="q.published",
    description="Who said what: quotes, newest first.",
    count_source="quotes q",
)


def _about(q: Query, value: str) -> None:
    res = resolve(q.conn, value, "entity")
    q.resolved["about"] = res
    if res.status == "entity" and res.entity:
        q.add("q.id IN (SELECT quote_id FROM quote_about WHERE entity_id = ?)", res.entity.id)
    else:
        q.empty = True


_EVENT_SELECT = ("ev.id, ev.source, ev.source_entity_id, cs.name AS source_entity_name, ev.target, "
                 "ev.target_entity_id, ct.name AS target_entity_name, ev.verb, ev.cameo, ev.root, ev.negated, "
                 "ev.hedged, ev.char_start AS start, ev.char_end AS end, ev.article_id, a.title AS article_title, "
                 "a.outlet, ev.published")


def _code(q: Query, value: str) -> None:
    value = str(value).strip()
    if not re.fullmatch(r"\d{2,4}", value):
        raise ViewError("code must be a CAMEO code such as 17 or 173")
    q.add("ev.root = ? AND ev.cameo LIKE ?", value[:2], value + "%")


EVENTS = View(
    name="events", title="Events", item="event",
    source="events ev JOIN articles a ON a.id = ev.article_id "
           "LEFT JOIN corpus_entities cs ON cs.id = ev.source_entity_id "
           "LEFT JOIN corpus_entities ct ON ct.id = ev.target_entity_id",
    select=_EVENT_SELECT,
    orders=(Order("newest", ("coalesce(ev.published, '')", "ev.id"), "newest first"),),
    rows=event_items,
    filters=(
        Filter("actor", "str", "Either side (name resolved to a corpus entity).",
               _by_name("actor", ["ev.source_entity_id", "ev.target_entity_id"], ["ev.source", "ev.target"], "actor")),
        Filter("source", "str", "The actor who did it.",
               _by_name("actor", ["ev.source_entity_id"], ["ev.source"], "source")),
        Filter("target", "str", "The actor it was done to.",
               _by_name("actor", ["ev.target_entity_id"], ["ev.target"], "target")),
        Filter("actor_id", "int", "Either side: a corpus entity id.",
               _ids(["ev.source_entity_id", "ev.target_entity_id"]), label="Actor id"),
        Filter("code", "str", "CAMEO code prefix, e.g. 17 (coerce) or 173 (arrest).", _code,
               label="CAMEO code", pattern=r"^\d{2,4}$"),
        Filter("story", "int", "Only events from this story.",
               lambda q, v: q.add("ev.article_id IN (SELECT article_id FROM story_members WHERE story_id = ?)",
                                  int(v))),
        Filter("negated", "bool", "Include negated events (\"did not attack\").",
               lambda q, v: None, label="Include negated"),
        Filter("outlet", "str", "Only events from articles of this outlet.", _eq("a.outlet"), joins=True),
        Filter("since", "date", "Published on or after this ISO date.", _since("ev.published"), label="From"),
        Filter("until", "date", "Published up to this ISO date, inclusive.", _until("ev.published"), label="To"),
    ),
    facets=(Facet("root", "ev.root", "code", "CAMEO root", _cameo_label),
            Facet("outlet", "a.outlet", "outlet", "Outlet")),
    columns=(Column("published", "published", lambda r: (r["article"]["published"] or "")[:10]),
             Column("source", "source", lambda r: (r["source"] or {}).get("name") or r["source_name"] or ""),
             Column("verb", "verb", lambda r: r["verb"]),
             Column("target", "target", lambda r: (r["target"] or {}).get("name") or r["target_name"] or ""),
             Column("cameo", "CAMEO", lambda r: r["cameo"]),
             Column("article", "article", lambda r: r["article"]["id"])),
    date="ev.published",
    description="Who did what to whom (CAMEO-coded), newest first; negated events only on request.",
    count_source="events ev",
)


def _story_entity(q: Query, value: str) -> None:
    from . import textvec as tv

    res = resolve(q.conn, value, "entity")
    q.resolved["entity"] = res
    key = tv.entity_key(res.entity.name if res.entity else value)[2:]
    if res.entity:
        q.add("(s.story_id IN (SELECT story_id FROM story_entities WHERE key = ?) OR s.story_id IN "
              "(SELECT sm.story_id FROM story_members sm JOIN entities e ON e.article_id = sm.article_id "
              "WHERE e.corpus_id = ?))", key, res.entity.id)
    else:
        q.add("s.story_id IN (SELECT story_id FROM story_entities WHERE key = ?)", key)


def _min_articles(q: Query, value: Any) -> None:
    n = int(value)
    if n >= 2:  # the literal term lets SQLite use the partial index of multi-article stories
        q.add("s.n_articles >= 2")
    q.add("s.n_articles >= ?", n)


STORIES = View(
    name="stories", title="Stories", item="story",
    source="stories s",
    select="s.story_id, s.label, s.n_articles, s.first_published, s.last_published",
    orders=(Order("recent", ("coalesce(s.last_published, '')", "s.story_id"), "most recently active first"),
            Order("largest", ("s.n_articles", "s.story_id"), "most articles first")),
    rows=_story_rows,
    filters=(
        Filter("min_articles", "int", "Only stories with at least this many articles.", _min_articles,
               label="Min. articles"),
        Filter("entity", "str", "Stories naming this entity (aliases and surnames work).", _story_entity),
        Filter("since", "date", "Last active on or after this ISO date.", _since("s.last_published"), label="From"),
        Filter("until", "date", "First reported up to this ISO date, inclusive.", _until("s.first_published"),
               label="To"),
    ),
    facets=(),
    columns=(Column("id", "id", lambda r: r["id"]),
             Column("articles", "articles", lambda r: r["n_articles"]),
             Column("first", "first", lambda r: (r["first_published"] or "")[:10]),
             Column("last", "last", lambda r: (r["last_published"] or "")[:10]),
             Column("label", "label", lambda r: r["label"]),
             Column("entities", "entities", lambda r: ", ".join(e["name"] for e in r["entities"][:4]))),
    date="s.last_published",
    description="Stories (clusters of reports about one event), most recently active first.",
)


def _entity_q(q: Query, value: str) -> None:
    q.add("instr(lower(c.name), lower(?)) > 0", value)


ENTITIES = View(
    name="entities", title="Entities", item="entity",
    source="corpus_entities c",
    select="c.id, c.name, c.type, c.article_count, c.mention_count",
    orders=(Order("most_reported", ("c.article_count", "c.mention_count", "c.id"), "most reported first"),),
    rows=_entity_rows,
    filters=(
        Filter("q", "str", "A part of the name (case-insensitive).", _entity_q, label="Name contains"),
        Filter("type", "choice", "Entity type.", lambda q, v: q.add("c.type = ?", str(v).upper()),
               choices=("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART")),
    ),
    facets=(Facet("type", "c.type", "type", "Type"),),
    columns=(Column("id", "id", lambda r: r["id"]), Column("name", "name", lambda r: r["name"]),
             Column("type", "type", lambda r: r["type"]), Column("articles", "articles", lambda r: r["article_count"]),
             Column("mentions", "mentions", lambda r: r["mention_count"])),
    description="People, organisations and places across the corpus, most reported first.",
)

OUTLETS = View(
    name="outlets", title="Outlets", item="outlet",
    source="outlets o",
    select="o.name, o.article_count, o.first_published, o.last_published",
    orders=(Order("most_articles", ("o.article_count", "o.rowid"), "most articles first"),),
    rows=_outlet_rows,
    filters=(Filter("q", "str", "A part of the outlet's name.",
                    lambda q, v: q.add("instr(lower(o.name), lower(?)) > 0", v), label="Name contains"),),
    columns=(Column("name", "outlet", lambda r: r["name"]), Column("articles", "articles", lambda r: r["article_count"]),
             Column("first", "first", lambda r: (r["first_published"] or "")[:10]),
             Column("last", "last", lambda r: (r["last_published"] or "")[:10])),
    description="Outlets, most articles first.",
)

COPIES = View(
    name="copies", title="Copies", item="copy group",
    source="dedup_groups g",
    select="g.group_id, g.original_id",
    orders=(Order("newest", ("g.group_id",), "newest groups first"),),
    rows=_copy_rows,
    columns=(Column("group", "group", lambda r: r["group_id"]), Column("size", "size", lambda r: r["size"]),
             Column("original", "original", lambda r: r["original"]["id"]),
             Column("outlet", "first reported by", lambda r: r["original"].get("outlet")),
             Column("title", "title", lambda r: r["original"].get("title"))),
    description="Groups of copied articles (exact, near-duplicate, rewrite), the original first.",
)


# -- search: FTS5 with a bounded ranking window -------------------------------------------------
_FTS_WORD = re.compile(r"\w+", re.UNICODE)


def to_fts_query(text: str) -> str:
    """A safe FTS5 query: each whitespace-separated chunk of ``text`` as a quoted phrase, all required."""
    chunks = [c for c in text.split() if _FTS_WORD.search(c)]
    if not chunks:
        raise ViewError(f"nothing to search for in {text!r}: use letters or digits")
    return " ".join('"' + c.replace('"', '""') + '"' for c in chunks)


def _fts_candidates(query: str, syntax: str) -> list[str]:
    out: list[str] = []
    if syntax in ("auto", "fts"):
        out.append(query.strip())
    if syntax in ("auto", "plain"):
        plain = to_fts_query(query)
        if plain not in out:
            out.append(plain)
    if not out:
        raise ViewError(f"unknown search syntax {syntax!r} (auto, plain or fts)")
    return out


def _search_fetch(conn: sqlite3.Connection, view: View, params: Mapping[str, Any], order: Order, limit: int,
                  cursor: Optional[str], offset: int, facets: bool, mark: tuple[str, str] = ("[", "]"),
                  syntax: str = "auto") -> Page:
    """Best matches first among the newest :data:`SEARCH_WINDOW` matches (bm25, title weighted) or
    newest first. Only that window is ranked, and snippets are built only for the page's rows."""
    text = str(params.get("q") or "").strip()
    if not text:
        raise ViewError("empty search query")
    filters = {"q": text}
    extra_where, extra_params = [], []
    if params.get("outlet"):
        extra_where.append("a.outlet = ?")
        extra_params.append(params["outlet"])
        filters["outlet"] = params["outlet"]
    if params.get("since"):
        extra_where.append("coalesce(a.published, '') >= ?")
        extra_params.append(params["since"])
        filters["since"] = params["since"]
    if params.get("until"):
        extra_where.append("coalesce(a.published, '') <= ? || '~'")
        extra_params.append(params["until"])
        filters["until"] = params["until"]
    join_filter = ("JOIN articles a ON a.pk = articles_fts.rowid WHERE " + " AND ".join(extra_where)) \
        if extra_where else ""
    start = offset
    if cursor:
        start = int(decode_cursor(cursor, 1)[0])
    last_error: Optional[Exception] = None
    for fts in _fts_candidates(text, syntax):
        try:
            window_sql = (f"SELECT articles_fts.rowid AS rid FROM articles_fts {join_filter} "
                          f"{'AND' if extra_where else 'WHERE'} articles_fts MATCH ? ORDER BY articles_fts.rowid DESC")
            n = int(conn.execute(f"SELECT count(*) FROM ({window_sql} LIMIT {COUNT_CAP + 1})",
                                 [*extra_params, fts]).fetchone()[0])
            if order.name == "relevance":
                # the window: matches from the SEARCH_WINDOW-th newest on (a rowid bound FTS5 seeks to)
                floor = conn.execute(f"{window_sql} LIMIT 1 OFFSET {SEARCH_WINDOW - 1}",
                                     [*extra_params, fts]).fetchone()
                bound, bparams = ("", []) if floor is None else (" AND articles_fts.rowid >= ?", [floor[0]])
                ranked = (f"SELECT articles_fts.rowid, bm25(articles_fts, 5.0, 1.0) AS score FROM articles_fts "
                          f"{join_filter} {'AND' if extra_where else 'WHERE'} articles_fts MATCH ?{bound} "
                          f"ORDER BY score, articles_fts.rowid DESC LIMIT ? OFFSET ?")
                page_rows = conn.execute(ranked, [*extra_params, fts, *bparams, limit + 1, start]).fetchall()
            else:
                page_rows = conn.execute(f"{window_sql} LIMIT ? OFFSET ?",
                                         [*extra_params, fts, limit + 1, start]).fetchall()
                page_rows = [(r[0], None) for r in page_rows]
            ids = [r[0] for r in page_rows[:limit]]
            scores = {r[0]: r[1] for r in page_rows}
            items: list[dict] = []
            if ids:
                got = _search_rows(conn, fts, ids, mark)
                for rid in ids:
                    if rid in got:
                        r = got.pop(rid)
                        r.pop("pk")
                        items.append({**r, "score": scores.get(rid)})
        except sqlite3.OperationalError as exc:
            last_error = exc
            continue
        more = len(page_rows) > limit and (order.name != "relevance" or start + limit < SEARCH_WINDOW)
        page = Page(view.name, items, limit, order.name, filters,
                    next_cursor=encode_cursor([start + limit]) if more else None,
                    total=min(n, COUNT_CAP), total_capped=n > COUNT_CAP, offset=start,
                    extra={"query": fts, "window": SEARCH_WINDOW})
        if facets:
            page.facets = {"outlet": _facet_rows(conn, f"SELECT a.outlet AS v FROM ({window_sql} LIMIT "
                                                       f"{FACET_SAMPLE}) w JOIN articles a ON a.pk = w.rid",
                                                 [*extra_params, fts], None)}
        return page
    raise ViewError(f"cannot search for {text!r}: {last_error}")


def _fts_snippets(conn: sqlite3.Connection, fts: str, ids: list[int], mark: tuple[str, str]) -> dict[int, dict]:
    """The page's rows with FTS5's own title highlight and snippet (it re-tokenises each document)."""
    return {r["pk"]: r for r in _dicts(conn.execute(
        f"SELECT a.pk, a.id, a.title, highlight(articles_fts, 0, ?, ?) AS title_highlight, "
        f"snippet(articles_fts, 1, ?, ?, '…', 16) AS snippet, a.outlet, a.published, a.url "
        f"FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid "
        f"WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({_marks(ids)})",
        [mark[0], mark[1], mark[0], mark[1], fts, *ids]))}


def _search_rows(conn: sqlite3.Connection, fts: str, ids: list[int], mark: tuple[str, str]) -> dict[int, dict]:
    """The page's rows (pk -> id, title, title_highlight, snippet, outlet, published, url), the
    highlight and snippet built from the stored text (:mod:`.snippets`) when the query is made of
    words; FTS5's functions otherwise, and for rows whose body shows no match there."""
    terms = snippets.query_terms(fts)
    if terms is None:
        return _fts_snippets(conn, fts, ids, mark)
    rows = _dicts(conn.execute(f"SELECT a.pk, a.id, a.title, a.text, a.outlet, a.published, a.url "
                               f"FROM articles a WHERE a.pk IN ({_marks(ids)})", ids))
    built = snippets.build([(r["title"], r["text"]) for r in rows], terms, mark)
    got = {r["pk"]: {"pk": r["pk"], "id": r["id"], "title": r["title"], "title_highlight": title, "snippet": snip,
                     "outlet": r["outlet"], "published": r["published"], "url": r["url"]}
           for r, (title, snip) in zip(rows, built)}
    missing = [pk for pk, r in got.items() if r["snippet"] is None]
    if missing:
        for pk, r in _fts_snippets(conn, fts, missing, mark).items():
            got[pk] = r
    return got


SEARCH = View(
    name="search", title="Search", item="article",
    source="articles_fts", select="articles_fts.rowid",
    orders=(Order("relevance", ("rank",), "best match first (among the newest 1,000 matches)"),
            Order("newest", ("articles_fts.rowid",), "most recently added first")),
    rows=_article_rows,
    filters=(Filter("q", "str", "Words to find; FTS5 syntax (\"phrase\", OR, NOT, prefix*) works too.",
                    lambda q, v: None, label="Search"),
             Filter("outlet", "str", "Only articles from this outlet.", lambda q, v: None),
             Filter("since", "date", "Published on or after this ISO date.", lambda q, v: None, label="From"),
             Filter("until", "date", "Published up to this ISO date, inclusive.", lambda q, v: None, label="To")),
    facets=(Facet("outlet", "a.outlet", "outlet", "Outlet"),),
    columns=(Column("published", "published", lambda r: (r["published"] or "")[:10]),
             Column("outlet", "outlet", lambda r: r["outlet"]), Column("title", "title", lambda r: r["title"]),
             Column("snippet", "snippet", lambda r: r.get("snippet")), Column("id", "id", lambda r: r["id"])),
    date="a.published",
    fetch=_search_fetch,
    description="Full-text search over titles and bodies.",
)

SOURCES = View(
    name="sources", title="Sources cited", item="citation",
    source="sources s JOIN articles a ON a.id = s.article_id",
    select="s.outlet AS cited, s.kind, s.cue, s.article_id, a.title AS article_title, a.outlet, a.published",
    orders=(Order("newest", ("coalesce(a.published, '')", "a.pk", "s.idx"), "newest first"),),
    rows=lambda _c, rows: [{"cited": r["cited"], "kind": r["kind"], "cue": r["cue"], "article": {
        "id": r["article_id"], "title": r["article_title"], "outlet": r["outlet"], "published": r["published"]}}
        for r in rows],
    filters=(Filter("cited", "str", "The outlet, agency or document cited.", _eq("s.outlet")),
             Filter("kind", "str", "outlet, agency, document or person.", _eq("s.kind")),
             Filter("since", "date", "Published on or after this ISO date.", _since(_ART_DATE), label="From"),
             Filter("until", "date", "Published up to this ISO date, inclusive.", _until(_ART_DATE), label="To")),
    facets=(Facet("cited", "s.outlet", "cited", "Cited"), Facet("kind", "s.kind", "kind", "Kind")),
    columns=(Column("published", "published", lambda r: (r["article"]["published"] or "")[:10]),
             Column("cited", "cited", lambda r: r["cited"]), Column("kind", "kind", lambda r: r["kind"]),
             Column("cue", "cue", lambda r: r["cue"]), Column("article", "article", lambda r: r["article"]["id"])),
    date=_ART_DATE,
    description="Who the articles cite (\"according to Reuters\", \"court filings show\"), newest first.",
)

#: Every list of the corpus, by name. Renderers iterate over this.
VIEWS: dict[str, View] = {v.name: v for v in (ARTICLES, STORIES, QUOTES, EVENTS, ENTITIES, OUTLETS, COPIES,
                                               SEARCH, SOURCES)}


# -- running a view ---------------------------------------------------------------------------
def _coerce(f: Filter, value: Any) -> Any:
    if f.kind == "int":
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ViewError(f"{f.name} must be a whole number") from None
    if f.kind == "bool":
        return str(value).lower() in ("1", "true", "yes", "on") if not isinstance(value, bool) else value
    if f.kind == "date":
        value = str(value).strip()
        if not re.match(r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$", value):
            raise ViewError(f"{f.title.lower()} must be a date like 2025-01-31")
        return value
    return str(value)  # choices are suggestions: another value simply matches nothing


def build(conn: sqlite3.Connection, view: View, params: Mapping[str, Any]) -> tuple[Query, dict[str, Any]]:
    """The WHERE clause of ``view`` for ``params`` (unknown parameters are ignored; empty ones too)."""
    q = Query(conn)
    used: dict[str, Any] = {}
    for f in view.filters:
        value = params.get(f.name)
        if value is None or value == "" or value is False:
            continue
        value = _coerce(f, value)
        used[f.name] = value
        f.apply(q, value)
    if view is EVENTS and not used.get("negated"):
        q.add("ev.negated = 0")
    return q, used


def _facet_rows(conn: sqlite3.Connection, sample_sql: str, params: list, label: Optional[Callable]) -> list[dict]:
    rows = conn.execute(f"SELECT v, count(*) AS n FROM ({sample_sql}) WHERE v IS NOT NULL GROUP BY v "
                        f"ORDER BY n DESC, v LIMIT {FACET_VALUES}", params).fetchall()
    return [{"value": v, "label": label(v) if label else str(v), "count": n} for v, n in rows]


def run(store: StoreLike, view: Union[View, str], params: Optional[Mapping[str, Any]] = None, *,
        limit: int = 20, cursor: Optional[str] = None, offset: int = 0, order: Optional[str] = None,
        facets: bool = False, count: bool = True, **options: Any) -> Page:
    """One page of ``view`` filtered by ``params`` (see the module doc for the bounded costs)."""
    conn = _conn(store)
    if isinstance(view, str):
        if view not in VIEWS:
            raise ViewError(f"unknown list {view!r} (one of {', '.join(VIEWS)})")
        view = VIEWS[view]
    params = dict(params or {})
    if limit < 0 or offset < 0:
        raise ViewError("limit and offset must be >= 0")
    o = view.order(order)
    if view.fetch is not None:
        return view.fetch(conn, view, params, o, limit, cursor, offset, facets, **options)
    q, used = build(conn, view, params)
    page = Page(view.name, [], limit, o.name, used, resolved={k: r.to_dict() for k, r in q.resolved.items()},
                offset=offset)
    if q.empty:
        page.total = 0
        return page
    where, wparams = list(q.where), list(q.params)
    if cursor:
        after, aparams = _after(o.key, decode_cursor(cursor, len(o.key)))
        where.append(after)
        wparams += aparams
        offset = 0
    w = (" WHERE " + " AND ".join(where)) if where else ""
    keys = ", ".join(f"{k} AS _k{i}" for i, k in enumerate(o.key))
    order_sql = ", ".join(f"{k} DESC" for k in o.key)
    raw = _dicts(conn.execute(f"SELECT {view.select}, {keys} FROM {view.source}{w} ORDER BY {order_sql} "
                              f"LIMIT ? OFFSET ?", [*wparams, limit + 1, offset]))
    more = len(raw) > limit
    raw = raw[:limit]
    page.items = view.rows(conn, raw)
    if more and raw:
        page.next_cursor = encode_cursor([raw[-1][f"_k{i}"] for i in range(len(o.key))])
    base_w = (" WHERE " + " AND ".join(q.where)) if q.where else ""
    if count:
        n = int(conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM {view.counting_source(used)}{base_w} "
                             f"LIMIT {COUNT_CAP + 1})", q.params).fetchone()[0])
        page.total, page.total_capped = min(n, COUNT_CAP), n > COUNT_CAP
    if facets:
        for fc in view.facets:
            sample = (f"SELECT {fc.expr} AS v FROM {view.source}{base_w} ORDER BY {order_sql} LIMIT {FACET_SAMPLE}")
            page.facets[fc.name] = _facet_rows(conn, sample, q.params, fc.value_label)
    return page


def iter_rows(store: StoreLike, view: Union[View, str], params: Optional[Mapping[str, Any]] = None, *,
              cap: int = COUNT_CAP, order: Optional[str] = None, batch: int = MAX_LIMIT) -> Iterator[dict]:
    """Every row of a view (up to ``cap``), following cursors: "download this view"."""
    cursor: Optional[str] = None
    n = 0
    while n < cap:
        page = run(store, view, params, limit=min(batch, cap - n), cursor=cursor, order=order, count=False)
        yield from page.items
        n += len(page.items)
        if not page.next_cursor or not page.items:
            return
        cursor = page.next_cursor


def histogram(store: StoreLike, view: Union[View, str], params: Optional[Mapping[str, Any]] = None, *,
              unit: int = 7) -> dict[str, Any]:
    """Rows per month (``unit=7``: ``YYYY-MM``) of a filtered view over its date column, counted over
    at most :data:`HISTOGRAM_CAP` rows: ``{"bins": [{"label", "count"}], "capped": bool, "undated": int}``."""
    conn = _conn(store)
    view = VIEWS[view] if isinstance(view, str) else view
    if view.date is None:
        return {"bins": [], "capped": False, "undated": 0}
    if view is SEARCH:
        fts = to_fts_query(str((params or {}).get("q") or "")) if (params or {}).get("q") else None
        if not fts:
            return {"bins": [], "capped": False, "undated": 0}
        src = "articles_fts JOIN articles a ON a.pk = articles_fts.rowid"
        where, wparams = " WHERE articles_fts MATCH ?", [fts]
    else:
        q, _used = build(conn, view, params or {})
        if q.empty:
            return {"bins": [], "capped": False, "undated": 0}
        src, where, wparams = view.source, (" WHERE " + " AND ".join(q.where)) if q.where else "", q.params
    rows = conn.execute(f"SELECT substr(d, 1, {unit}) AS b, count(*) FROM (SELECT {view.date} AS d FROM {src}{where} "
                        f"LIMIT {HISTOGRAM_CAP + 1}) GROUP BY b ORDER BY b", wparams).fetchall()
    total = sum(n for _, n in rows)
    undated = sum(n for b, n in rows if not b)
    return {"bins": [{"label": b, "count": n} for b, n in rows if b], "capped": total > HISTOGRAM_CAP,
            "undated": undated}


def estimate_counts(store: StoreLike) -> dict[str, int]:
    """Corpus size from the tables' largest row ids: O(1) per table, exact unless rows were deleted."""
    conn = _conn(store)
    one = lambda sql: int(conn.execute(sql).fetchone()[0] or 0)  # noqa: E731
    return {"articles": one("SELECT max(pk) FROM articles"), "quotes": one("SELECT max(id) FROM quotes"),
            "entities": one("SELECT max(id) FROM corpus_entities"), "events": one("SELECT max(id) FROM events"),
            "stories": one("SELECT max(story_id) FROM stories"), "copy_groups": one("SELECT max(group_id) FROM dedup_groups"),
            "outlets": one("SELECT max(rowid) FROM outlets")}


def csv_cell(value: Any) -> str:
    """A CSV cell that spreadsheets will not run as a formula (``=``, ``+``, ``-``, ``@`` lead)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(view: Union[View, str], rows: Sequence[dict]) -> str:
    """Rows of ``view`` as CSV text with the view's columns (header first)."""
    import csv
    import io

    view = VIEWS[view] if isinstance(view, str) else view
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([c.label for c in view.columns])
    for r in rows:
        w.writerow([csv_cell(c.get(r)) for c in view.columns])
    return buf.getvalue()
