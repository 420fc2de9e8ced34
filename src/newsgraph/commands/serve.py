"""``newsgraph serve``: the JSON API and the web pages over a corpus database (read-only)."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import List, Optional

import typer


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve_command(
    db: Path = typer.Option(Path("newsgraph.db"), "--db", help="Corpus database (from `newsgraph ingest`); opened read-only."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="TCP port."),
    token: Optional[str] = typer.Option(
        None, "--token", envvar="NEWSGRAPH_TOKEN",
        help="Enable POST /api/articles (ingest), which then requires 'Authorization: Bearer TOKEN'.",
    ),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level (debug, info, warning, error)."),
    allow_host: List[str] = typer.Option(
        [], "--allow-host",
        help="Also answer requests for this host name (repeatable; '*' for any). Default: 127.0.0.1, "
             "localhost and the --host address; other Host headers get 400 (DNS rebinding protection).",
    ),
) -> None:
    """Serve the web UI and the JSON API (/api, docs at /api/docs) over a corpus database."""
    import uvicorn

    from ..api.app import DEFAULT_ALLOWED_HOSTS, create_app

    hosts = [*DEFAULT_ALLOWED_HOSTS, *allow_host]
    if host not in ("0.0.0.0", "::", ""):
        hosts.append(host)
    try:
        app = create_app(db, token=token, allowed_hosts=hosts)
    except (FileNotFoundError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    if not _is_loopback(host) and not token:
        typer.echo(f"note: listening on {host}: the corpus is readable by anyone who can reach this port", err=True)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"newsgraph: serving {db} at http://{shown}:{port}/  (API docs: /api/docs; Ctrl-C to stop)")
    if token:
        typer.echo("newsgraph: POST /api/articles enabled (Bearer token required)")
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
