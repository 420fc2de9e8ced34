"""``newsgraph eval``: run a benchmark under ``bench/`` (scored on ../shared/data) and print its table."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import typer

BENCHMARKS = {
    "extraction": "HTML main-text extraction vs plain trafilatura (article-extraction)",
    "ner": "entities vs bare spaCy on CoNLL-2003 (PER/ORG/LOC micro F1)",
    "quotes": "direct/indirect quotes and speakers vs textacy on PolNeAR",
    "stories": "story clustering vs TF-IDF single-pass on ECB+",
    "copies": "near-duplicate groups (ARI) vs datasketch on a reprint benchmark",
    "throughput": "pipeline articles/s vs bare spaCy nlp.pipe",
    "serve_load": "API/page latency under load",
    "events": "CAMEO event coding on the OEDA gold sentences (PLOVER categories) vs baselines",
    "layouts": "header fields and paragraphs over layout families (PolNeAR/ECB+ bodies) vs the pre-#11 clean stage",
    "speakers": "right canonical speaker per quote on newsgraph's own speaker sets (--set dev|heldout|heldout2|heldout3|heldout4|heldout5)",
    "gap": "pronoun resolution on GAP (M/F/O F1, bias) vs the nearest-preceding-name baseline",
}


def bench_dir() -> Path | None:
    """The ``bench/`` folder of the source checkout newsgraph runs from, if there is one."""
    candidate = Path(__file__).resolve().parents[3] / "bench"
    return candidate if candidate.is_dir() else None


def eval_command(
    ctx: typer.Context,
    benchmark: str = typer.Argument(..., help="One of: " + ", ".join(BENCHMARKS)),
) -> None:
    """Score newsgraph on a public benchmark, side by side with its reference, and print a table.

    Extra options go to the benchmark script (e.g. `newsgraph eval quotes --split test`,
    `newsgraph eval ner --split dev --limit 20`); `python bench/NAME.py --help` lists them.
    The data is read from ../shared/data at run time; a benchmark whose data is absent says so
    and exits 0.
    """
    if benchmark not in BENCHMARKS:
        typer.echo(f"error: unknown benchmark {benchmark!r}; choose from: " + ", ".join(BENCHMARKS), err=True)
        raise typer.Exit(2)
    folder = bench_dir()
    script = folder / f"{benchmark}.py" if folder else None
    if script is None or not script.exists():
        typer.echo("error: benchmarks ship with the source checkout (bench/); run from a clone of newsgraph", err=True)
        raise typer.Exit(2)
    saved = sys.argv
    sys.argv = [str(script), *ctx.args]
    try:
        runpy.run_path(str(script), run_name="__main__")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        raise typer.Exit(code)
    finally:
        sys.argv = saved


def register(app: typer.Typer) -> None:
    app.command(
        "eval",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
        help=eval_command.__doc__,
    )(eval_command)
