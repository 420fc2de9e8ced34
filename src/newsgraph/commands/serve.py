"""``newsgraph serve``: the JSON API and the web pages over a corpus database (read-only)."""

from __future__ import annotations

import ipaddress
import os
import tempfile
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


_ENV_DB, _ENV_TOKEN, _ENV_HOSTS = "NEWSGRAPH_SERVE_DB", "NEWSGRAPH_SERVE_TOKEN", "NEWSGRAPH_SERVE_HOSTS"
_ENV_CACHE = "NEWSGRAPH_SERVE_CACHE_BYTES"
#: Default response cache per server process (MiB).
DEFAULT_CACHE_MB = 64


def default_workers() -> int:
    """Worker processes by default: one per CPU, 2 to 4 (the store is read-only, so they share nothing)."""
    return max(2, min(4, os.cpu_count() or 1))


def app_from_env() -> object:
    """App factory for the worker processes (uvicorn imports it by name in each worker)."""
    from ..api.app import create_app

    hosts = [h for h in os.environ.get(_ENV_HOSTS, "").split("\n") if h]
    return create_app(os.environ[_ENV_DB], token=os.environ.get(_ENV_TOKEN) or None, allowed_hosts=hosts or None,
                      cache_bytes=int(os.environ.get(_ENV_CACHE, DEFAULT_CACHE_MB * 2**20)))


def _nodelay_protocol() -> type:
    """uvicorn's HTTP protocol with TCP_NODELAY on every connection. With ``--workers`` uvicorn binds
    the listening socket itself (protocol number 0), so asyncio does not set TCP_NODELAY on the
    accepted connections, and each keep-alive response waits ~40 ms for a delayed ACK (Nagle)."""
    from ..serve_protocol import nodelay_protocol

    return nodelay_protocol()


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
    workers: Optional[int] = typer.Option(
        None, "--workers", "-w", min=1, max=64,
        help="Server processes (default: one per CPU, 2 to 4); each opens the store read-only."),
    cache_mb: float = typer.Option(
        DEFAULT_CACHE_MB, "--cache-mb", min=0,
        help="Response cache per server process, in MiB (0: none). Whole GET responses, least recently "
             "used dropped first, ETag/304 support; emptied when the database changes."),
) -> None:
    """Serve the web UI and the JSON API (/api, docs at /api/docs) over a corpus database."""
    import uvicorn

    from ..api.app import DEFAULT_ALLOWED_HOSTS, create_app

    hosts = [*DEFAULT_ALLOWED_HOSTS, *allow_host]
    if host not in ("0.0.0.0", "::", ""):
        hosts.append(host)
    try:
        app = create_app(db, token=token, allowed_hosts=hosts, cache_bytes=int(cache_mb * 2**20))
    except (FileNotFoundError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    if not _is_loopback(host) and not token:
        typer.echo(f"note: listening on {host}: the corpus is readable by anyone who can reach this port", err=True)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"newsgraph: serving {db} at http://{shown}:{port}/  (API docs: /api/docs; Ctrl-C to stop)")
    if token:
        typer.echo("newsgraph: POST /api/articles enabled (Bearer token required)")
    workers = workers or default_workers()
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False, http=_nodelay_protocol())
        return
    typer.echo(f"newsgraph: {workers} worker processes")
    os.environ[_ENV_DB] = str(Path(db).resolve())
    os.environ[_ENV_HOSTS] = "\n".join(hosts)
    os.environ[_ENV_CACHE] = str(int(cache_mb * 2**20))
    if token:
        os.environ[_ENV_TOKEN] = token
    # the workers share one listening socket: each accepts one connection at a time and leaves it to
    # a worker holding fewer open connections (counts on a shared board), so that a burst of new
    # connections is shared out instead of going to whichever worker runs first
    from ..serve_accept import ENV_BOARD, LOOP, ConnectionBoard

    with tempfile.TemporaryDirectory(prefix="newsgraph-serve-") as tmp:
        if os.name == "posix":  # the board needs POSIX record locks and signal 0 to check a pid
            board = Path(tmp) / "connections"
            ConnectionBoard.create(board)
            os.environ[ENV_BOARD] = str(board)
        uvicorn.run("newsgraph.commands.serve:app_from_env", factory=True, workers=workers, host=host, port=port,
                    log_level=log_level, server_header=False, http=_nodelay_protocol(), loop=LOOP)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
