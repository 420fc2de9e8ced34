"""Read-only queries over a corpus, returning plain dicts/lists (JSON-ready) for the CLI, API and web.

Every function takes a :class:`~newsgraph.corpus.store.Store` (or a bare ``sqlite3.Connection``).
The list functions (articles, stories, quotes, events, entities, search) run the declared views of
:mod:`.views` and return their page as a dict::

    {"items": [...], "limit": int, "offset": int, "has_more": bool, "total": int | None,
     "total_is_estimate": bool, "next_cursor": str | None, "resolved": {...}, ...}

Dates (``since``/``until``) are ISO 8601 strings compared with the normalised ``published``
column (``until`` is inclusive at the given precision: ``until="2025-01-03"`` keeps the whole day).
Lists are newest first, except story timelines (oldest first). Copy groups and stories come from
the ``dedup``/``stories`` modules.
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any, Optional, Sequence, Union

from ..model import normalise_text
from . import dedup as dedup_mod
from . import stories as stories_mod
from . import names, views
from .views import to_fts_query
from .store import Store

StoreLike = Union[Store, sqlite3.Connection]

__all__ = ["QueryError", "counts", "articles", "article", "stories", "story", "quotes", "entity", "entities",
           "search", "copies", "to_fts_query"]


class QueryError(ValueError):
    """A query the user must fix (e.g. a search with no searchable words)."""


# -- helpers ---------------------------------------------------------------
def _conn(store: StoreLike) -> sqlite3.Connection:
    return store.conn if isinstance(store, Store) else store


def _rows(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[dict]:
    cur = conn.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _page(items: list, limit: int, offset: int, total: Optional[int] = None) -> dict:
    """``items`` fetched with ``limit + 1`` rows -> a page dict."""
    return {"items": items[:limit], "limit": limit, "offset": offset, "has_more": len(items) > limit, "total": total}


def _check_paging(limit: int, offset: int) -> tuple[int, int]:
    if limit < 0 or offset < 0:
        raise QueryError("limit and offset must be >= 0")
    return int(limit), int(offset)


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


_ARTICLE_BRIEF = "a.id, a.title, a.outlet, a.published, a.url, a.language"
_OLDEST = "a.published IS NULL, a.published, a.pk"


def _entity_brief(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, dict]:
    if not ids:
        return {}
    return {r["id"]: r for r in _rows(conn, f"SELECT id, name, type, article_count FROM corpus_entities "
                                             f"WHERE id IN ({_marks(ids)})", ids)}


def _quote_rows(conn: sqlite3.Connection, where: list[str], params: list, order: str, limit: int,
                offset: int) -> list[dict]:
    sql = ("SELECT q.id, q.text, q.kind, q.cue, q.speaker AS speaker_name, q.speaker_text, q.speaker_entity_id, "
           "q.paragraph, q.char_start AS start, q.char_end AS end, q.article_id, a.title AS article_title, "
           "a.outlet, a.published, ce.name AS speaker_entity_name, "
           "(SELECT json_group_array(json_object('id', c2.id, 'name', c2.name, 'type', c2.type)) "
           " FROM quote_about qa JOIN corpus_entities c2 ON c2.id = qa.entity_id WHERE qa.quote_id = q.id) AS about "
           "FROM quotes q JOIN articles a ON a.id = q.article_id "
           "LEFT JOIN corpus_entities ce ON ce.id = q.speaker_entity_id "
           + (("WHERE " + " AND ".join(where)) if where else "") + f" ORDER BY {order} LIMIT ? OFFSET ?")
    out = []
    for r in _rows(conn, sql, [*params, limit, offset]):
        out.append({
            "id": r["id"], "text": r["text"], "kind": r["kind"], "cue": r["cue"],
            "speaker": ({"id": r["speaker_entity_id"], "name": r["speaker_entity_name"]}
                        if r["speaker_entity_id"] is not None else None),
            "speaker_name": r["speaker_name"] or r["speaker_entity_name"], "speaker_text": r["speaker_text"],
            "about": json.loads(r["about"] or "[]"),
            "article": {"id": r["article_id"], "title": r["article_title"], "outlet": r["outlet"],
                        "published": r["published"]},
            "paragraph": r["paragraph"], "start": r["start"], "end": r["end"],
        })
    return out


def _event_rows(conn: sqlite3.Connection, where: list[str], params: list, order: str, limit: int,
                offset: int) -> list[dict]:
    sql = ("SELECT ev.id, ev.source, ev.source_entity_id, cs.name AS source_entity_name, ev.target, "
           "ev.target_entity_id, ct.name AS target_entity_name, ev.verb, ev.cameo, ev.root, ev.negated, ev.hedged, "
           "ev.char_start AS start, ev.char_end AS end, ev.article_id, a.title AS article_title, a.outlet, "
           "a.published FROM events ev JOIN articles a ON a.id = ev.article_id "
           "LEFT JOIN corpus_entities cs ON cs.id = ev.source_entity_id "
           "LEFT JOIN corpus_entities ct ON ct.id = ev.target_entity_id "
           + (("WHERE " + " AND ".join(where)) if where else "") + f" ORDER BY {order} LIMIT ? OFFSET ?")
    return views.event_items(conn, _rows(conn, sql, [*params, limit, offset]))


# -- counts / articles -------------------------------------------------------
def counts(store: StoreLike) -> dict[str, int]:
    """Corpus size: articles, quotes, entities, sources, events, copy groups and stories (0 when absent)."""
    conn = _conn(store)
    one = lambda sql: int(conn.execute(sql).fetchone()[0])  # noqa: E731
    out = {"articles": one("SELECT count(*) FROM articles"),
           "quotes": one("SELECT count(*) FROM quotes"),
           "entities": one("SELECT count(*) FROM corpus_entities"),
           "mentions": one("SELECT count(*) FROM mentions"),
           "sources": one("SELECT count(*) FROM sources"),
           "events": one("SELECT count(*) FROM events") if _has_table(conn, "events") else 0,
           "outlets": one("SELECT count(DISTINCT outlet) FROM articles WHERE outlet IS NOT NULL"),
           "copy_groups": 0, "copies": 0, "stories": 0}
    if _has_table(conn, "dedup_groups"):
        out["copy_groups"] = one("SELECT count(*) FROM dedup_groups")
        out["copies"] = one("SELECT count(*) FROM dedup_members m JOIN dedup_groups g ON g.group_id = m.group_id "
                            "WHERE m.article_id != g.original_id")
    if _has_table(conn, "stories"):
        out["stories"] = one("SELECT count(*) FROM stories")
    return out


def articles(store: StoreLike, limit: int = 50, offset: int = 0, *, outlet: Optional[str] = None,
             since: Optional[str] = None, until: Optional[str] = None) -> dict:
    """Page of articles (newest first): ``{id, title, outlet, published, url, language}`` (the ``articles`` view)."""
    return _view(store, "articles", dict(outlet=outlet, since=since, until=until), limit, offset)


def _resolve_article_id(conn: sqlite3.Connection, article_id: str) -> Optional[str]:
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
        return article_id
    if len(article_id) >= 6 and re.fullmatch(r"[0-9a-f]+", article_id):  # unique id prefix
        rows = conn.execute("SELECT id FROM articles WHERE id >= ? AND id < ? LIMIT 2",
                            (article_id, article_id + "g")).fetchall()
        if len(rows) == 1:
            return rows[0][0]
    return None


def article(store: StoreLike, article_id: str, *, max_copies: Optional[int] = None) -> Optional[dict]:
    """One article: the full Article JSON plus its corpus links, story and copy relations; None if unknown.

    ``{"article": {...newsgraph.article/1...}, "entities": [{eid, name, type, corpus_id, corpus_name}],
    "story": {id, label, n_articles, similarity} | None, "copies": {...} | None}``. A unique id
    prefix (6+ hex digits) is accepted. ``max_copies``: copy-group members listed (default
    :data:`~newsgraph.corpus.dedup.COPIES_OF_MEMBERS`; the group's size is always given).
    """
    conn = _conn(store)
    aid = _resolve_article_id(conn, article_id)
    if aid is None:
        return None
    row = conn.execute("SELECT json, ingested_at FROM articles WHERE id = ?", (aid,)).fetchone()
    ents = _rows(
        conn, "SELECT e.eid, e.name, e.type, e.corpus_id, c.name AS corpus_name FROM entities e "
              "LEFT JOIN corpus_entities c ON c.id = e.corpus_id WHERE e.article_id = ? "
              "ORDER BY CAST(substr(e.eid, 2) AS INTEGER), e.eid", (aid,))
    story_info = stories_mod.story_of(conn, aid)
    copies_info = dedup_mod.copies_of(conn, aid, max_copies or dedup_mod.COPIES_OF_MEMBERS)
    return {"article": json.loads(row[0]), "ingested_at": row[1], "entities": ents,
            "story": story_info, "copies": copies_info}


# -- stories -------------------------------------------------------------------------
def stories(store: StoreLike, since: Optional[str] = None, entity: Optional[str] = None, limit: int = 50,
            offset: int = 0, *, min_articles: Optional[int] = None) -> dict:
    """Page of stories, most recently active first: ``{id, label, n_articles, first_published,
    last_published, entities: [{name, type, count}]}`` (the ``stories`` view). ``entity`` matches
    names, aliases and linked corpus entities ("Leavitt" finds stories about Karoline Leavitt)."""
    return _view(store, "stories", dict(since=since, entity=entity, min_articles=min_articles), limit, offset)


def _copy_links(conn: sqlite3.Connection, ids: list[str]) -> dict[str, tuple[str, str, float]]:
    """article id -> (original id, kind, similarity) for articles that are copies of another."""
    if not ids or not _has_table(conn, "dedup_members"):
        return {}
    out = {}
    try:
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for aid, orig, kind, sim in conn.execute(
                    f"SELECT m.article_id, g.original_id, m.kind, m.similarity FROM dedup_members m "
                    f"JOIN dedup_groups g ON g.group_id = m.group_id WHERE m.article_id IN ({_marks(chunk)})", chunk):
                if aid != orig:
                    out[aid] = (orig, kind, sim)
    except sqlite3.OperationalError:
        return {}
    return out


def story(store: StoreLike, story_id: int, *, quotes_limit: int = 10, entities_limit: int = 20,
          events_limit: int = 10) -> Optional[dict]:
    """One story as a timeline, or None.

    ``{id, label, n_articles, first_published, last_published,
    first_reported_by: {id, title, outlet, published} | None,
    timeline: [{id, title, outlet, published, url, similarity, copies: [{id, title, outlet, published, kind, similarity}]}],
    quotes: [quote...], events: [event...], entities: [{id, name, type, articles}], outlets: [{outlet, articles}]}``

    Timeline entries are in time order (unknown dates last); articles that are copies of another
    article of the story are folded under it; ``first_reported_by`` is the earliest entry.
    Key quotes: distinct quotes (copies excluded), those repeated by most reports first, direct first.
    Key events: distinct (source, code, target) events of those articles, not negated, in story
    order, each with ``reports``.
    """
    conn = _conn(store)
    mod = stories_mod
    if mod is None or not hasattr(mod, "story_detail") or not _has_table(conn, "stories"):
        return None
    try:
        story_id = int(story_id)
    except (TypeError, ValueError):
        return None
    detail = mod.story_detail(conn, story_id)
    if detail is None:
        return None
    member_ids = [a["id"] for a in detail.get("articles", [])]
    info = {}
    for i in range(0, len(member_ids), 500):
        chunk = member_ids[i:i + 500]
        for r in _rows(conn, f"SELECT a.pk, {_ARTICLE_BRIEF} FROM articles a WHERE a.id IN ({_marks(chunk)})", chunk):
            info[r["id"]] = r
    sims = {a["id"]: a.get("similarity") for a in detail.get("articles", [])}
    ordered = sorted((i for i in member_ids if i in info),
                     key=lambda i: (info[i]["published"] is None, info[i]["published"] or "", info[i]["pk"]))
    links = _copy_links(conn, ordered)
    members = set(ordered)
    entries: dict[str, dict] = {}
    timeline: list[dict] = []
    for aid in ordered:
        r = info[aid]
        brief = {k: r[k] for k in ("id", "title", "outlet", "published", "url")}
        link = links.get(aid)
        if link and link[0] in members and link[0] in entries:
            entries[link[0]]["copies"].append({**brief, "kind": link[1], "similarity": link[2]})
            continue
        entry = {**brief, "similarity": sims.get(aid), "copies": [],
                 "copy_of": link[0] if link and link[0] not in members else None}
        entries[aid] = entry
        timeline.append(entry)
    first = timeline[0] if timeline else None
    originals = [e["id"] for e in timeline]
    quotes_out: list[dict] = []
    if originals and quotes_limit:
        allq = _quote_rows(conn, [f"q.article_id IN ({_marks(originals)})"], originals, f"{_OLDEST}, q.idx",
                           100000, 0)
        groups: dict[str, dict] = {}
        for q in allq:
            k = normalise_text(q["text"])
            g = groups.setdefault(k, {**q, "reports": 0})
            g["reports"] += 1
        ranked = sorted(groups.values(), key=lambda q: (-q["reports"], q["kind"] != "direct", q["speaker"] is None))
        quotes_out = ranked[:quotes_limit]
    events_out: list[dict] = []
    if originals and events_limit and _has_table(conn, "events"):
        seen: dict[tuple, dict] = {}
        for ev in _event_rows(conn, [f"ev.article_id IN ({_marks(originals)})", "ev.negated = 0"], originals,
                              f"{_OLDEST}, ev.idx", 100000, 0):
            key = ((ev["source"] or {}).get("id") or ev["source_name"], ev["cameo"],
                   (ev["target"] or {}).get("id") or ev["target_name"])
            seen.setdefault(key, {**ev, "reports": 0})["reports"] += 1
        events_out = list(seen.values())[:events_limit]  # in story order: first reported first
    ents: list[dict] = []
    outlets: list[dict] = []
    if ordered:
        ents = _rows(conn, f"SELECT c.id, c.name, c.type, count(DISTINCT e.article_id) AS articles FROM entities e "
                           f"JOIN corpus_entities c ON c.id = e.corpus_id WHERE e.article_id IN ({_marks(ordered)}) "
                           f"GROUP BY c.id ORDER BY articles DESC, c.article_count DESC, c.name LIMIT ?",
                     [*ordered, entities_limit])
        outlets = _rows(conn, f"SELECT outlet, count(*) AS articles FROM articles WHERE id IN ({_marks(ordered)}) "
                              f"AND outlet IS NOT NULL GROUP BY outlet ORDER BY articles DESC, min(published)",
                        ordered)
    return {"id": story_id, "label": detail.get("label"), "n_articles": detail.get("n_articles", len(member_ids)),
            "first_published": detail.get("first_published"), "last_published": detail.get("last_published"),
            "first_reported_by": ({k: first[k] for k in ("id", "title", "outlet", "published")} if first else None),
            "timeline": timeline, "quotes": quotes_out, "events": events_out,
            "entities": ents or detail.get("entities", []), "outlets": outlets}


# -- quotes / events ---------------------------------------------------------------
def quotes(store: StoreLike, speaker: Optional[str] = None, about: Optional[str] = None,
           story: Optional[int] = None, since: Optional[str] = None, until: Optional[str] = None,
           limit: int = 50, offset: int = 0) -> dict:
    """Page of quotes, newest first (the ``quotes`` view): ``{id, text, kind, cue, speaker: {id, name} | None,
    speaker_name, speaker_text, about: [{id, name, type}], article: {id, title, outlet, published},
    paragraph, start, end}``. ``speaker``/``about`` are resolved to corpus entities (see
    :mod:`.names`); the page's ``resolved`` says what they were taken to mean."""
    return _view(store, "quotes", dict(speaker=speaker, about=about, story=story, since=since, until=until), limit, offset)


def events(store: StoreLike, source: Optional[str] = None, target: Optional[str] = None,
           actor: Optional[str] = None, code: Optional[str] = None, story: Optional[int] = None,
           since: Optional[str] = None, until: Optional[str] = None, include_negated: bool = False,
           limit: int = 50, offset: int = 0) -> dict:
    """Page of events, newest first (the ``events`` view): who did what to whom. ``source``/``target``
    match one side, ``actor`` either side (names resolved to corpus entities, or the phrase as
    written); ``code`` is a CAMEO code prefix; negated events only with ``include_negated``."""
    return _view(store, "events", dict(source=source, target=target, actor=actor, code=code, story=story, since=since,
                                until=until, negated=include_negated), limit, offset)


# -- entities ----------------------------------------------------------------------
def entities(store: StoreLike, type: Optional[str] = None, q: Optional[str] = None, limit: int = 50,
             offset: int = 0) -> dict:
    """Page of corpus entities, most reported first: ``{id, name, type, article_count, mention_count}``."""
    return _view(store, "entities", dict(type=type, q=q), limit, offset)


def entity(store: StoreLike, name: Union[str, int], *, type: Optional[str] = None, limit: int = 20,
           offset: int = 0) -> Optional[dict]:
    """One corpus entity by name (case-insensitive; aliases and unique surnames work) or by id (int).

    ``{id, name, type, article_count, mention_count, aliases: [{alias, count}], roles: [{role, count}],
    articles: page, quotes_by: page, quotes_about: page, events: page (where it acts or is acted on,
    not negated), cooccurring: [{id, name, type, articles}], other_matches: [{id, name, type,
    article_count}]}`` (``limit``/``offset`` page the four lists); None when nothing matches.
    """
    limit, offset = _check_paging(limit, offset)
    conn = _conn(store)
    resolved: Optional[dict] = None
    if isinstance(name, int):
        ids = [name]
    else:
        # every entity the name can mean, weighed by articles: the dominant one (others named), or
        # the most reported of an ambiguous set with ``resolved.status == "ambiguous"``
        res = names.resolve(conn, name, "entity", type.upper() if type else None)
        resolved = res.to_dict()
        ids = ([res.entity.id] if res.entity else []) + [c.id for c in res.others]
    if not ids:
        return None
    rows = _rows(conn, "SELECT id, name, type, article_count, mention_count FROM corpus_entities WHERE id = ?",
                 (ids[0],))
    if not rows:
        return None
    ent = rows[0]
    eid = ent["id"]
    ent["aliases"] = _rows(conn, "SELECT alias, count FROM corpus_aliases WHERE entity_id = ? "
                                 "ORDER BY count DESC, alias", (eid,))
    ent["roles"] = _rows(conn, "SELECT role, count FROM corpus_roles WHERE entity_id = ? ORDER BY count DESC, role",
                         (eid,))
    # the four lists are the views filtered by this entity: indexed orders, totals counted up to a cap
    def page(view: str, params: dict) -> dict:
        return views.run(conn, view, params, limit=limit, offset=offset).to_dict()

    ent["articles"] = page("articles", {"entity_id": eid})
    ent["quotes_by"] = page("quotes", {"speaker_id": eid})
    ent["quotes_about"] = page("quotes", {"about_id": eid})
    ent["events"] = page("events", {"actor_id": eid})
    ent["cooccurring"] = _rows(
        conn, "SELECT c.id, c.name, c.type, count(DISTINCT e2.article_id) AS articles FROM entities e1 "
              "JOIN entities e2 ON e2.article_id = e1.article_id AND e2.corpus_id != e1.corpus_id "
              "JOIN corpus_entities c ON c.id = e2.corpus_id WHERE e1.corpus_id = ? "
              "GROUP BY c.id ORDER BY articles DESC, c.name LIMIT ?", (eid, limit))
    ent["other_matches"] = [_entity_brief(conn, [i])[i] for i in ids[1:] if i != eid]
    ent["resolved"] = resolved
    return ent


# -- full-text search ----------------------------------------------------------------
def search(store: StoreLike, query: str, limit: int = 20, offset: int = 0, *, syntax: str = "auto",
           mark: tuple[str, str] = ("[", "]"), order: str = "relevance") -> dict:
    """Full-text search over titles and bodies (the ``search`` view): the newest
    :data:`~.views.SEARCH_WINDOW` matches ranked by bm25 (title weighted), or newest first.

    Items: ``{id, title, title_highlight, snippet, outlet, published, url, score}``; matched words in
    ``title_highlight``/``snippet`` are wrapped in ``mark`` (the text itself is not HTML-escaped).
    ``syntax``: ``"auto"`` tries FTS5 syntax and falls back to plain words, ``"plain"`` always
    plain words, ``"fts"`` never falls back. The page also has ``"query"``: the FTS query used.
    """
    if not query or not query.strip():
        raise QueryError("empty search query")
    try:
        return views.run(store, "search", {"q": query}, limit=limit, offset=offset, order=order, mark=mark,
                         syntax=syntax).to_dict()
    except views.ViewError as exc:
        raise QueryError(str(exc)) from None


# -- copies -------------------------------------------------------------------------------
def copies(store: StoreLike, limit: int = 50, offset: int = 0, *, include_rewrites: bool = True) -> dict:
    """Page of duplicate groups, largest first; the original (earliest published) first in each:
    ``{group_id, size, original: {id, title, outlet, published}, copies: [{id, kind, similarity, title,
    outlet, published, ...}]}`` (kind ``exact``, ``near`` or ``rewrite``)."""
    limit, offset = _check_paging(limit, offset)
    conn = _conn(store)
    groups = dedup_mod.copy_groups(conn, include_rewrites=include_rewrites, limit=limit + 1, offset=offset)
    items = []
    for g in groups:
        orig = g.get("original")
        original = orig if isinstance(orig, dict) else {"id": orig, **{k: g.get(k) for k in
                                                                        ("title", "outlet", "published")}}
        seen = {original.get("id")}
        cps = []
        for c in g.get("copies", []):  # an article may be linked to several members: list it once
            if c.get("id") not in seen:
                seen.add(c.get("id"))
                cps.append(c)
        items.append({"group_id": g.get("group_id"), "size": 1 + len(cps), "original": original, "copies": cps})
    return _page(items, limit, offset)


def _view(store: StoreLike, name: str, params: dict, limit: int, offset: int) -> dict:
    """A view's page as a dict (user errors become :class:`QueryError`)."""
    try:
        return views.run(store, name, params, limit=limit, offset=offset).to_dict()
    except views.ViewError as exc:
        raise QueryError(str(exc)) from None
