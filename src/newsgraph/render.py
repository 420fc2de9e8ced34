"""Readable terminal rendering of Articles (rich). Pure presentation: no analysis here."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .model import Article


def _header(a: Article) -> Text:
    t = Text()
    t.append(a.title or "(no title)", style="bold")
    authors = "; ".join(f"{x.name} ({x.role})" if x.role else x.name for x in a.authors)
    for label, value in (("dek", a.dek), ("summary line", a.summary_line), ("byline", a.byline), ("authors", authors),
                         ("dateline", a.dateline), ("published", a.source.published),
                         ("outlet", a.source.outlet), ("language", a.language)):
        if value:
            t.append(f"\n{label}: ", style="dim")
            t.append(value)
    return t


def _paragraphs(a: Article) -> Table:
    table = Table(show_header=False, box=None, pad_edge=False, expand=True)
    table.add_column("#", style="dim", width=3, justify="right")
    table.add_column("text", ratio=1)
    for i, p in enumerate(a.paragraphs):
        table.add_row(str(i), p.text)
    return table


def _removed(a: Article) -> Table:
    table = Table(title="Removed", title_justify="left", expand=True)
    table.add_column("reason", style="yellow", no_wrap=True)
    table.add_column("duplicate of", justify="right", no_wrap=True)
    table.add_column("text", ratio=1)
    for r in a.removed:
        table.add_row(r.reason, "" if r.duplicate_of is None else f"¶{r.duplicate_of}", r.text)
    return table


def _entities(a: Article) -> Table:
    """Entities with their mentions by kind; pronouns and descriptions as written, with the
    paragraph they are in ("she ¶3; the company ¶4")."""
    table = Table(title="Entities", title_justify="left", expand=True)
    for col in ("name", "type", "roles", "aliases", "mentions", "pronouns and descriptions"):
        table.add_column(col, justify="right" if col == "mentions" else "left")
    for e in a.entities:
        kinds = {k: sum(m.kind == k for m in e.mentions) for k in ("name", "pronoun", "description")}
        counts = " + ".join(f"{n} {k}" for k, n in kinds.items() if n)
        refs = "; ".join(f"{m.text} ¶{a.paragraph_at(m.start)}" for m in e.mentions if m.kind != "name")
        table.add_row(e.name, e.type, "; ".join(e.roles), "; ".join(e.aliases), counts, refs)
    return table


def _quotes(a: Article) -> Table:
    table = Table(title="Quotes", title_justify="left", expand=True)
    table.add_column("speaker", no_wrap=True)
    table.add_column("cue", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("text", ratio=1)
    for q in a.quotes:
        who = q.speaker or (f"({q.speaker_text})" if q.speaker_text else "—")
        table.add_row(who, q.cue or "", q.kind, q.text)
    return table


def _sources(a: Article) -> Table:
    table = Table(title="Sources cited", title_justify="left", expand=True)
    for col in ("source", "kind", "cue"):
        table.add_column(col)
    for s in a.sources:
        table.add_row(s.outlet, s.kind, s.cue or "")
    return table


def _events(a: Article) -> Table:
    from .pipeline.event_lexicon import ROOTS

    table = Table(title="Events (CAMEO)", title_justify="left", expand=True)
    for col in ("source", "verb", "target", "CAMEO", "flags"):
        table.add_column(col)
    for e in a.events:
        code = f"{e.cameo} {ROOTS.get((e.cameo or '')[:2], '')}".strip()
        flags = ", ".join(f for f, on in (("negated", e.negated), ("hedged", e.hedged)) if on)
        table.add_row(e.source or "—", e.verb, e.target or "—", code, flags)
    return table


def render_header_explain(header: list[tuple[str, str, float, float]], console: Console) -> None:
    """The clean stage's header decisions: each top line's role, its score and the margin over
    the next best role (``newsgraph analyze --explain``)."""
    table = Table(title="Header lines (role, score, margin over the next best role)", title_justify="left",
                  expand=True)
    table.add_column("#", justify="right", style="dim")
    table.add_column("role", style="cyan", no_wrap=True)
    table.add_column("score", justify="right")
    table.add_column("margin", justify="right")
    table.add_column("line", ratio=1)
    for i, (text, role, score, margin) in enumerate(header):
        table.add_row(str(i), role, f"{score:.1f}", f"{margin:+.1f}", text if len(text) <= 160 else text[:157] + "…")
        if role == "body":
            break
    console.print(table)


def render_article(a: Article, console: Console) -> None:
    """Print one Article as panels and tables."""
    label = escape(a.source.path or a.source.url or a.id or "")
    if a.error:
        console.print(Panel(Text(a.error, style="red"), title=f"[red]error[/] {label}", title_align="left"))
        return
    parts: list = [_header(a)]
    if a.warnings:
        parts.append(Text("\n".join(f"warning: {w}" for w in a.warnings), style="yellow"))
    parts.append(Text(""))
    parts.append(_paragraphs(a))
    if a.summary:
        parts.append(Text(f"\nsummary: {a.summary}", style="italic"))
    console.print(Panel(Group(*parts), title=label, title_align="left"))
    for present, build in ((a.removed, _removed), (a.entities, _entities), (a.quotes, _quotes),
                           (a.sources, _sources), (a.events, _events)):
        if present:
            console.print(build(a))
    console.print()
