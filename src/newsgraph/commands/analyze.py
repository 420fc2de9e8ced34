"""``newsgraph analyze``: analyse articles and print them (rich) or as JSON Lines."""

from __future__ import annotations

import sys
from typing import Iterator, List

import typer
from rich.console import Console
from rich.markup import escape

from ..analysis import analyze_many
from ..model import Article
from ..nlp import ModelMissingError
from ..progress import progress_iter
from ..readers import read_paths
from ..readers.sanitize import escape_controls


def analyze_command(
    paths: List[str] = typer.Argument(..., help="Files, directories (recursive) or - for stdin."),
    json_lines: bool = typer.Option(False, "--json", help="Print one JSON object per input document (JSON Lines)."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes (each loads the model once)."),
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Documents per nlp.pipe batch."),
    progress: bool = typer.Option(None, "--progress/--no-progress", help="Progress bar on stderr (default: when stderr is a terminal)."),
    explain: bool = typer.Option(False, "--explain", help="Also print each header line's role and score (clean stage)."),
) -> None:
    """Analyse news articles: clean text, structure, entities, quotes, sources and events.

    Exit code 0 when every input was processed, 1 when any input failed
    (each failure is reported on stderr as one line; the other inputs are still processed),
    2 when analysis cannot start (e.g. the spaCy model is missing).
    """
    out = Console(soft_wrap=False, highlight=False)
    err = Console(stderr=True, highlight=False)
    failed = 0
    raws = read_paths(paths)
    explained: dict = {}
    if explain:
        from ..pipeline.clean import clean_text

        def keep(items):  # the header decisions, recomputed from each raw document (cheap, text only)
            for raw in items:
                explained[(raw.path, raw.url, raw.index)] = clean_text(raw.text or "", raw.title, raw.outlet).header
                yield raw

        raws = keep(raws)
    articles: Iterator[Article] = analyze_many(raws, workers=workers, batch_size=batch_size)
    try:
        for article in progress_iter(articles, "analyzing", enabled=progress):
            label = article_label(article)
            if article.error:
                failed += 1
                err.print(f"[red]error[/]: {label}: {one_line(article.error)}", markup=True, soft_wrap=True)
            for w in article.warnings:
                err.print(f"[yellow]warning[/]: {label}: {one_line(w)}", markup=True, soft_wrap=True)
            try:
                if json_lines:
                    sys.stdout.write(article.to_json() + "\n")
                    sys.stdout.flush()
                else:
                    from ..render import render_article

                    render_article(article, out)
                if explain:
                    from ..render import render_header_explain

                    key = (article.source.path, article.source.url, article.source.index)
                    render_header_explain(explained.pop(key, []), err if json_lines else out)
            except (BrokenPipeError, KeyboardInterrupt):
                raise
            except Exception as exc:  # noqa: BLE001 - one document's output never stops the run
                failed += 1
                err.print(f"[red]error[/]: {label}: cannot print the result: {one_line(type(exc).__name__)}",
                          markup=True, soft_wrap=True)
    except ModelMissingError as exc:
        err.print(f"[red]error[/]: {exc}")
        raise typer.Exit(2)
    raise typer.Exit(1 if failed else 0)


def one_line(text: str) -> str:
    """``text`` safe for one terminal line: control characters escaped, rich markup escaped."""
    return escape(escape_controls(text))


def article_label(article: Article) -> str:
    """``path#index`` (or url, or id) of an Article, escaped for one terminal line."""
    label = article.source.path or article.source.url or article.id or "<input>"
    if article.source.index is not None:
        label = f"{label}#{article.source.index}"
    return one_line(label)


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze_command)
