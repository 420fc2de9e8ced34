"""The ``newsgraph`` command line: a thin layer over the library (see ``commands/``)."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="newsgraph",
    help="Turn raw news (text, HTML, JSONL, WARC, RSS) into clean, structured records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)



@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", help="Print the version and exit.", is_eager=True),
) -> None:
    """newsgraph: clean articles, entities, quotes, sources, copies and stories from raw news."""
    if version:
        from . import __version__

        typer.echo(f"newsgraph {__version__}")
        raise typer.Exit()
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit()


# Each module registers its commands on ``app``; a missing module (optional part) is skipped.
_COMMAND_MODULES = ("analyze", "corpus", "serve", "evaluate")

for _name in _COMMAND_MODULES:
    try:
        _mod = importlib.import_module(f"newsgraph.commands.{_name}")
    except ModuleNotFoundError as _exc:
        if _exc.name != f"newsgraph.commands.{_name}":
            raise
        continue
    _mod.register(app)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
