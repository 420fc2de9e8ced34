"""Corpus commands: ``ingest`` into a SQLite store, then ``stories``, ``story``, ``quotes``, ``entity``,
``search``, ``copies`` and ``export``. Thin layers over :mod:`newsgraph.corpus`."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from typing import Any, Iterator, List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

DB_HELP = "SQLite corpus database (created by `newsgraph ingest`)."
JSON_HELP = "Print JSON instead of tables."
# Options shared by the query commands (typer reads these markers; they hold no state).
DB_OPTION = typer.Option("newsgraph.db", "--db", help=DB_HELP)
JSON_OPTION = typer.Option(False, "--json", help=JSON_HELP)
LIMIT_OPTION = typer.Option(50, "--limit", min=0, help="Rows per page.")
OFFSET_OPTION = typer.Option(0, "--offset", min=0, help="Rows to skip.")
SINCE_OPTION = typer.Option(None, "--since", help="Published on or after this ISO date.")
UNTIL_OPTION = typer.Option(None, "--until", help="Published on or before this ISO date.")
STORY_OPTION = typer.Option(None, "--story", help="Only rows from this story (see `newsgraph stories`).")
_MARK = ("\x02", "\x03")  # private highlight markers for search snippets


def _out() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


@contextmanager
def _open_ro(db: str) -> Iterator[Any]:
    """The store, read-only; exits 2 with a clear message when it cannot be opened."""
    from ..corpus.store import Store, StoreError
    from ..corpus.schema import SchemaError

    try:
        store = Store(db, readonly=True)
    except (StoreError, SchemaError) as exc:
        _err().print(f"[red]error[/]: {escape(str(exc))}")
        raise typer.Exit(2)
    except Exception as exc:  # sqlite3.DatabaseError: not a database, etc.
        _err().print(f"[red]error[/]: cannot open {escape(db)}: {escape(str(exc))}")
        raise typer.Exit(2)
    try:
        yield store
    finally:
        store.close()


def _d(value: Optional[str]) -> str:
    return (value or "")[:16].replace("T", " ") or "—"


def _short(aid: Optional[str]) -> str:
    return (aid or "")[:10]


def _total(page: dict) -> str:
    total = page.get("total")
    return "?" if total is None else f"{total:,}{'+' if page.get('total_is_estimate') else ''}"


# -- ingest ------------------------------------------------------------------------
def ingest_command(
    paths: List[str] = typer.Argument(..., help="Files, directories (recursive) or - for stdin."),
    db: str = DB_OPTION,
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes for analysis."),
    engine: str = typer.Option("local", "--engine", help="Where analysis runs: local (process pool) or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (engine dask; default: a local cluster)."),
    shard_dir: Optional[str] = typer.Option(None, "--shard-dir", help="Engine dask: folder for result shards, shared by client and workers (default: a local temp folder)."),
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Documents per nlp.pipe batch."),
    stages: Optional[str] = typer.Option(None, "--stages", help="Comma-separated pipeline stages (default: all), e.g. clean,language for text only."),
    progress: bool = typer.Option(None, "--progress/--no-progress", help="Progress bar on stderr (default: when stderr is a terminal)."),
    json_out: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Analyse articles and store them in a corpus database (resumable, idempotent).

    Inputs already ingested unchanged are skipped before analysis; articles are committed in short
    batches (each with its ledger rows), so an interrupted run can simply be started again.
    Exit code 0 when every input was stored or already present, 1 when any failed, 2 on setup errors.
    """
    import sqlite3

    from ..corpus.ingest import IngestReport
    from ..ingest import IngestError, ingest_paths
    from ..readers.sanitize import escape_controls
    from ..corpus.schema import SchemaError
    from ..corpus.store import Store, StoreError
    from ..nlp import ModelMissingError

    if engine not in ("local", "dask"):
        _err().print(f"[red]error[/]: unknown engine {escape(engine)!r} (choose local or dask)")
        raise typer.Exit(2)
    stage_list = tuple(s.strip() for s in stages.split(",") if s.strip()) if stages else None
    if stage_list:
        from ..pipeline import registered_stages

        unknown = [s for s in stage_list if s != "nlp" and s not in registered_stages()]
        if unknown:
            _err().print(f"[red]error[/]: unknown stage(s) {escape(', '.join(unknown))}; "
                         f"known: nlp, {escape(', '.join(registered_stages()))}")
            raise typer.Exit(2)
    err = _err()
    report = IngestReport()
    interrupted = False
    try:
        store = Store(db)
    except (StoreError, SchemaError) as exc:
        err.print(f"[red]error[/]: {escape(str(exc))}")
        raise typer.Exit(2)
    except (sqlite3.DatabaseError, OSError) as exc:  # not a database, unreadable, a folder...
        err.print(f"[red]error[/]: cannot open {escape(escape_controls(db))} as a corpus database: {escape(str(exc))}")
        raise typer.Exit(2)
    try:
        ingest_paths(store, paths, workers=workers, stages=stage_list, batch_size=batch_size, engine=engine,
                     scheduler=scheduler, progress=progress, report=report, shard_dir=shard_dir)
    except (IngestError, ModelMissingError) as exc:
        err.print(f"[red]error[/]: {escape(str(exc))}")
        store.close()
        raise typer.Exit(2)
    except KeyboardInterrupt:
        interrupted = True
    totals = store.counts()
    store.close()
    for label, reason in report.failures:
        err.print(f"[red]failed[/]: {escape(escape_controls(label))}: {escape(escape_controls(reason))}")
    if json_out:
        _print_json({**report.to_dict(), "interrupted": interrupted, "db": db, "totals": totals})
    else:
        table = Table(title=f"ingest → {db}" + (" (interrupted)" if interrupted else ""), title_justify="left")
        for col in ("read", "stored", "already present", "duplicates", "failed", "articles in db"):
            table.add_column(col, justify="right")
        table.add_row(str(report.read), str(report.stored), str(report.already_present), str(report.duplicates),
                      f"[red]{report.failed}[/]" if report.failed else "0", str(totals["articles"]))
        _out().print(table)
    if interrupted:
        raise typer.Exit(130)
    raise typer.Exit(1 if report.failed else 0)


# -- stories -------------------------------------------------------------------------
def stories_command(
    since: Optional[str] = typer.Option(None, "--since", help="Only stories active on or after this ISO date."),
    entity: Optional[str] = typer.Option(None, "--entity", help="Only stories naming this person/organisation."),
    limit: int = LIMIT_OPTION,
    offset: int = OFFSET_OPTION,
    db: str = DB_OPTION,
    json_out: bool = JSON_OPTION,
) -> None:
    """List stories (clusters of articles about the same event), most recently active first."""
    from ..corpus import queries

    with _open_ro(db) as store:
        page = queries.stories(store, since=since, entity=entity, limit=limit, offset=offset)
    if json_out:
        return _print_json(page)
    table = Table(title="Stories", title_justify="left")
    for col, kw in (("id", {"justify": "right"}), ("story", {"ratio": 1}), ("articles", {"justify": "right"}),
                    ("first", {}), ("last", {}), ("entities", {})):
        table.add_column(col, **kw)
    for s in page["items"]:
        ents = ", ".join(e["name"] for e in s.get("entities", [])[:4])
        table.add_row(str(s["id"]), escape(s.get("label") or "—"), str(s.get("n_articles", "")),
                      _d(s.get("first_published")), _d(s.get("last_published")), escape(ents))
    _print_page(table, page, "stories")


def _print_resolved(page: dict) -> None:
    """What each name filter was taken to mean (the dominant entity and the others, or the candidates)."""
    from ..corpus.names import Candidate, Resolution

    for r in (page.get("resolved") or {}).values():
        res = Resolution(r["query"], r["role"], r["status"],
                         Candidate(**r["entity"]) if r.get("entity") else None,
                         [Candidate(**c) for c in r.get("others", [])])
        style = "yellow" if r["status"] in ("ambiguous", "none") else "dim"
        _err().print(f"[{style}]{escape(res.message())}[/]")


def _print_page(table: Table, page: dict, noun: str, cursor: bool = False) -> None:
    out = _out()
    _print_resolved(page)
    if not page["items"]:
        out.print(f"no {noun} found")
        return
    out.print(table)
    if page.get("has_more"):
        nxt = page["offset"] + page["limit"]
        total = page.get("total")
        total_s = "" if total is None else f" of {total:,}{'+' if page.get('total_is_estimate') else ''}"
        more = f"--cursor {page['next_cursor']}" if cursor and page.get("next_cursor") else f"--offset {nxt}"
        out.print(f"[dim]showing {page['offset'] + 1}–{nxt}{total_s}; more with {more}[/]")


def _quotes_table(items: list[dict], title: str, with_article: bool = True) -> Table:
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("speaker")
    table.add_column("quote", ratio=3)
    table.add_column("about", ratio=1)
    if with_article:
        table.add_column("outlet / article")
    for q in items:
        text = f"“{q['text']}”" if q["kind"] == "direct" else q["text"]
        speaker = (q.get("speaker") or {}).get("name") or q.get("speaker_name") or "—"
        cue = f" [dim]({escape(q['cue'])})[/]" if q.get("cue") else ""
        row = [_d(q["article"]["published"]), escape(speaker) + cue, escape(text),
               escape(", ".join(a["name"] for a in q.get("about", [])))]
        if with_article:
            row.append(escape(q["article"].get("outlet") or "") + f" [dim]{_short(q['article']['id'])}[/]")
        table.add_row(*row)
    return table


def story_command(
    story_id: int = typer.Argument(..., help="Story id (see `newsgraph stories`)."),
    db: str = DB_OPTION,
    json_out: bool = JSON_OPTION,
) -> None:
    """Show one story as a timeline: who reported first, copies folded under originals, key quotes, entities."""
    from ..corpus import queries

    with _open_ro(db) as store:
        s = queries.story(store, story_id)
    if s is None:
        _err().print(f"[red]error[/]: no story {story_id}")
        raise typer.Exit(1)
    if json_out:
        return _print_json(s)
    out = _out()
    out.print(Text(s.get("label") or f"Story {story_id}", style="bold"))
    out.print(f"[dim]{s['n_articles']} articles, {_d(s.get('first_published'))} → {_d(s.get('last_published'))}[/]")
    first = s.get("first_reported_by")
    if first:
        out.print(f"first reported by [bold]{escape(first.get('outlet') or 'unknown outlet')}[/] "
                  f"({_d(first.get('published'))}): {escape(first.get('title') or '')} [dim]{_short(first['id'])}[/]")
    table = Table(title="Timeline", title_justify="left", expand=True)
    for col, kw in (("published", {"no_wrap": True}), ("outlet", {}), ("title", {"ratio": 1}), ("copies", {}),
                    ("id", {"style": "dim"})):
        table.add_column(col, **kw)
    for e in s["timeline"]:
        cps = ", ".join(f"{c.get('outlet') or _short(c['id'])}" for c in e["copies"])
        table.add_row(_d(e.get("published")), escape(e.get("outlet") or "—"), escape(e.get("title") or "—"),
                      escape(f"{len(e['copies'])}: {cps}" if e["copies"] else ""), _short(e["id"]))
    out.print(table)
    if s["quotes"]:
        out.print(_quotes_table(s["quotes"], "Key quotes"))
    if s["entities"]:
        out.print("[bold]Entities[/]: " + escape(", ".join(
            f"{e['name']} ({e.get('articles', e.get('count', ''))})" for e in s["entities"])))


def quotes_command(
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Who said it (name, alias or unique surname)."),
    about: Optional[str] = typer.Option(None, "--about", help="Only quotes mentioning this entity."),
    story: Optional[int] = STORY_OPTION,
    since: Optional[str] = SINCE_OPTION,
    until: Optional[str] = UNTIL_OPTION,
    limit: int = LIMIT_OPTION,
    offset: int = OFFSET_OPTION,
    db: str = DB_OPTION,
    json_out: bool = JSON_OPTION,
) -> None:
    """Who said what: quotes by a speaker, about an entity, or in a story (newest first)."""
    from ..corpus import queries

    with _open_ro(db) as store:
        page = queries.quotes(store, speaker=speaker, about=about, story=story, since=since, until=until,
                              limit=limit, offset=offset)
    if json_out:
        return _print_json(page)
    _print_page(_quotes_table(page["items"], f"Quotes ({_total(page)})"), page, "quotes")


def _actor_name(event: dict, side: str) -> str:
    """The corpus entity's name of an event's ``side`` ("source"/"target"), else the phrase."""
    return (event[side] or {}).get("name") or event[f"{side}_name"] or "—"


def events_command(
    actor: Optional[str] = typer.Option(None, "--actor", help="Events where this entity acts or is acted on."),
    source: Optional[str] = typer.Option(None, "--source", help="Who did it (name, alias, surname or phrase)."),
    target: Optional[str] = typer.Option(None, "--target", help="Who it was done to."),
    code: Optional[str] = typer.Option(None, "--code", help="CAMEO code prefix: 17 = coerce, 173 = arrest."),
    story: Optional[int] = STORY_OPTION,
    since: Optional[str] = SINCE_OPTION,
    until: Optional[str] = UNTIL_OPTION,
    negated: bool = typer.Option(False, "--negated", help="Also list negated events (\"did not attack\")."),
    limit: int = LIMIT_OPTION,
    offset: int = OFFSET_OPTION,
    db: str = DB_OPTION,
    json_out: bool = JSON_OPTION,
) -> None:
    """Who did what to whom: CAMEO-coded events by actor, target or code (newest first)."""
    from ..corpus import queries

    with _open_ro(db) as store:
        page = queries.events(store, source=source, target=target, actor=actor, code=code, story=story,
                              since=since, until=until, include_negated=negated, limit=limit, offset=offset)
    if json_out:
        return _print_json(page)
    _print_page(_events_table(page["items"], f"Events ({_total(page)})"), page, "events")


def _events_table(items: list[dict], title: str) -> Table:
    from ..pipeline.event_lexicon import ROOTS

    table = Table(title=title, title_justify="left", expand=True)
    for col in ("date", "source", "verb", "target", "CAMEO", "outlet / article"):
        table.add_column(col)
    for e in items:
        flags = "".join(f" [dim]({f})[/]" for f, on in (("negated", e["negated"]), ("hedged", e["hedged"])) if on)
        table.add_row(_d(e["article"]["published"]), escape(_actor_name(e, "source")), escape(e["verb"]) + flags,
                      escape(_actor_name(e, "target")), f"{e['cameo']} {ROOTS.get(e['root'] or '', '')}",
                      escape(e["article"].get("outlet") or "") + f" [dim]{_short(e['article']['id'])}[/]")
    return table


def entity_command(
    name: str = typer.Argument(..., help="Name of a person, organisation or place (case-insensitive)."),
    entity_type: Optional[str] = typer.Option(None, "--type", help="Restrict to an entity type (PERSON, ORG, GPE, …)."),
    limit: int = typer.Option(20, "--limit", min=0, help="Rows per list."),
    db: str = DB_OPTION,
    json_out: bool = JSON_OPTION,
) -> None:
    """Everything about one entity across the corpus: roles, articles, quotes by and about it, events,
    co-occurring entities."""
    from ..corpus import queries

    with _open_ro(db) as store:
        e = queries.entity(store, name, type=entity_type, limit=limit)
    if e is None:
        _err().print(f"[red]error[/]: no entity matches {escape(name)!r}")
        raise typer.Exit(1)
    if json_out:
        return _print_json(e)
    out = _out()
    out.print(Text.assemble((e["name"], "bold"), f" ({e['type']}) — {e['article_count']} articles, "
                            f"{e['mention_count']} mentions"))
    if e["roles"]:
        out.print("[bold]roles[/]: " + escape(", ".join(f"{r['role']} ({r['count']})" for r in e["roles"])))
    if e["aliases"]:
        out.print("[bold]also called[/]: " + escape(", ".join(a["alias"] for a in e["aliases"])))
    if e["other_matches"]:
        out.print("[dim]other matches: " + escape(", ".join(f"{o['name']} ({o['type']})"
                                                              for o in e["other_matches"])) + "[/]")
    if e["quotes_by"]["items"]:
        out.print(_quotes_table(e["quotes_by"]["items"], f"Quotes by {e['name']} ({e['quotes_by']['total']})"))
    if e["quotes_about"]["items"]:
        out.print(_quotes_table(e["quotes_about"]["items"],
                                f"Quotes about {e['name']} ({e['quotes_about']['total']})"))
    if e["events"]["items"]:
        out.print(_events_table(e["events"]["items"], f"Events with {e['name']} ({e['events']['total']})"))
    if e["cooccurring"]:
        out.print("[bold]appears with[/]: " + escape(", ".join(f"{c['name']} ({c['articles']})"
                                                               for c in e["cooccurring"])))
    table = Table(title=f"Articles ({e['articles']['total']})", title_justify="left", expand=True)
    for col, kw in (("published", {"no_wrap": True}), ("outlet", {}), ("title", {"ratio": 1}),
                    ("id", {"style": "dim"})):
        table.add_column(col, **kw)
    for a in e["articles"]["items"]:
        table.add_row(_d(a["published"]), escape(a.get("outlet") or "—"), escape(a.get("title") or "—"),
                      _short(a["id"]))
    out.print(table)


def _highlighted(s: Optional[str]) -> Text:
    text = Text()
    on = False
    for part in (s or "").replace(_MARK[1], _MARK[0]).split(_MARK[0]):
        text.append(part, style="bold yellow" if on else "")
        on = not on
    return text


def search_command(
    query: str = typer.Argument(..., help='Words to find; FTS5 syntax works too ("exact phrase", OR, NOT, prefix*).'),
    limit: int = typer.Option(20, "--limit", min=0, help="Rows per page."),
    offset: int = OFFSET_OPTION,
    plain: bool = typer.Option(False, "--plain", help="Treat the query as plain words (no FTS syntax)."),
    db: str = DB_OPTION,
    json_out: bool = JSON_OPTION,
) -> None:
    """Full-text search over titles and article text, best matches first (bm25), with highlighted snippets."""
    from ..corpus import queries

    with _open_ro(db) as store:
        try:
            page = queries.search(store, query, limit=limit, offset=offset, syntax="plain" if plain else "auto",
                                  mark=("[", "]") if json_out else _MARK)
        except queries.QueryError as exc:
            _err().print(f"[red]error[/]: {escape(str(exc))}")
            raise typer.Exit(2)
    if json_out:
        return _print_json(page)
    table = Table(title=f"Search: {query} ({_total(page)})", title_justify="left", expand=True)
    for col, kw in (("published", {"no_wrap": True}), ("outlet", {}), ("title / snippet", {"ratio": 1}),
                    ("id", {"style": "dim"})):
        table.add_column(col, **kw)
    for r in page["items"]:
        cell = _highlighted(r["title_highlight"] or "(no title)")
        cell.stylize("bold")
        cell.append("\n")
        cell.append_text(_highlighted(r["snippet"]))
        table.add_row(_d(r["published"]), escape(r.get("outlet") or "—"), cell, _short(r["id"]))
    _print_page(table, page, "matches")


def copies_command(
    limit: int = typer.Option(50, "--limit", min=0, help="Groups per page."),
    offset: int = typer.Option(0, "--offset", min=0, help="Groups to skip."),
    db: str = DB_OPTION,
    json_out: bool = JSON_OPTION,
) -> None:
    """Duplicate groups (syndicated copies, reprints, rewrites), the original first in each."""
    from ..corpus import queries

    with _open_ro(db) as store:
        page = queries.copies(store, limit=limit, offset=offset)
    if json_out:
        return _print_json(page)
    table = Table(title="Copies", title_justify="left", expand=True)
    for col, kw in (("group", {"justify": "right"}), ("", {}), ("published", {"no_wrap": True}), ("outlet", {}),
                    ("title", {"ratio": 1}), ("similarity", {"justify": "right"}), ("id", {"style": "dim"})):
        table.add_column(col, **kw)
    for g in page["items"]:
        o = g["original"]
        table.add_row(str(g["group_id"] if g["group_id"] is not None else "—"), "[green]original[/]",
                      _d(o.get("published")), escape(o.get("outlet") or "—"), escape(o.get("title") or "—"), "",
                      _short(o.get("id")))
        for c in g["copies"]:
            sim = c.get("similarity")
            table.add_row("", f"  ↳ {escape(c.get('kind') or 'copy')}", _d(c.get("published")),
                          escape(c.get("outlet") or "—"), escape(c.get("title") or "—"),
                          f"{sim:.2f}" if isinstance(sim, (int, float)) else "", _short(c.get("id")))
    _print_page(table, page, "copy groups")


def export_command(
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv or parquet."),
    table: str = typer.Option("articles", "--table", "-t", help="articles, quotes, events, entities or stories."),
    out: Optional[str] = typer.Option(None, "--out", "-o", help="Output file (default: stdout; required for parquet)."),
    db: str = DB_OPTION,
    json_out: bool = typer.Option(False, "--json", help="Print a JSON summary (rows written) on stderr."),
) -> None:
    """Export a corpus table, streaming in chunks. JSONL articles are full newsgraph.article/1 records."""
    from ..corpus.export import ExportError, export

    with _open_ro(db) as store:
        try:
            n = export(store, table, fmt, out)
        except ExportError as exc:
            _err().print(f"[red]error[/]: {escape(str(exc))}")
            raise typer.Exit(2)
    if json_out:
        sys.stderr.write(json.dumps({"table": table, "format": fmt, "rows": n, "out": out or "-"}) + "\n")
    elif out and out != "-":
        _err().print(f"wrote {n} {table} rows to {escape(out)}")


def list_command(
    view: str = typer.Argument(..., help="Which list: articles, stories, quotes, events, entities, outlets, copies "
                                         "or search."),
    where: List[str] = typer.Option([], "--where", "-w", help="A filter as NAME=VALUE (repeatable), e.g. "
                                                               "speaker=Trump, min_articles=2, q=ceasefire."),
    order: Optional[str] = typer.Option(None, "--order", help="Sort order (see the list's orders)."),
    limit: int = typer.Option(20, "--limit", min=1, max=10_000, help="Rows."),
    cursor: Optional[str] = typer.Option(None, "--cursor", help="Start after this cursor (printed under a page)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or csv."),
    db: str = DB_OPTION,
) -> None:
    """Any corpus list (a declared view) with its filters: the same lists as the API and the web pages."""
    from ..corpus import views

    spec = views.VIEWS.get(view)
    if spec is None:
        _err().print(f"[red]error[/]: unknown list {escape(view)!r} (one of {', '.join(views.VIEWS)})")
        raise typer.Exit(2)
    params: dict[str, str] = {}
    for item in where:
        key, sep, value = item.partition("=")
        if not sep or spec.filter(key.strip()) is None:
            _err().print(f"[red]error[/]: --where {escape(item)!r}: filters of {view} are "
                         f"{', '.join(f.name for f in spec.filters) or '(none)'}")
            raise typer.Exit(2)
        params[key.strip()] = value.strip()
    with _open_ro(db) as store:
        try:
            if fmt == "csv":
                sys.stdout.write(views.to_csv(spec, list(views.iter_rows(store, spec, params, cap=limit,
                                                                          order=order))))
                return
            page = views.run(store, spec, params, limit=limit, cursor=cursor, order=order)
        except views.ViewError as exc:
            _err().print(f"[red]error[/]: {escape(str(exc))}")
            raise typer.Exit(2)
    if fmt == "json":
        return _print_json(page.to_dict())
    table = Table(title=f"{spec.title} ({page.total_label})", title_justify="left", expand=True)
    for c in spec.columns:
        table.add_column(c.label, ratio=2 if c.name in ("title", "text", "label", "snippet") else None)
    for r in page.items:
        table.add_row(*[escape("" if c.get(r) is None else str(c.get(r))) for c in spec.columns])
    _print_page(table, page.to_dict(), spec.item + "s", cursor=True)


def register(app: typer.Typer) -> None:
    app.command("list")(list_command)
    app.command("ingest")(ingest_command)
    app.command("stories")(stories_command)
    app.command("story")(story_command)
    app.command("quotes")(quotes_command)
    app.command("events")(events_command)
    app.command("entity")(entity_command)
    app.command("search")(search_command)
    app.command("copies")(copies_command)
    app.command("export")(export_command)
