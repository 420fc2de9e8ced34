"""The application factory: one FastAPI app serving the JSON API (``/api``) and the web pages."""

from __future__ import annotations

import asyncio
import gc
import json
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator, Optional, Sequence, Union

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from .backend import Corpus
from .cache import DEFAULT_CACHE_BYTES, ResponseCache, ResponseCacheMiddleware, store_version
from .errors import ApiError, install_error_handlers
from .limits import Limits, Runner
from .warmup import warm_up

#: Sent with every response. Pages load scripts, styles and images only from this server.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]

API_DESCRIPTION = """\
Read-only access to a newsgraph corpus: articles with entities, quotes and sources; stories
(clusters of reports about one event) with their timeline and who reported first; copies;
quotes by speaker and by the entities they mention; full-text search.

Lists take `limit` (at most 100) and `offset` and return `{items, limit, offset, total, has_more, next}`.
Errors are `{"error": {"code", "message"}}` with the matching HTTP status.
`POST /api/analyze` analyses a document without storing it (text/plain, text/html or JSON
`{"text": ...}`; at most 100 kB, or 1 MB with the server's token; 415 for other types, 408 when
the body arrives too slowly, 504 past the time limit, after which the analysis is cancelled).
Requests must name this server in their `Host` header (127.0.0.1 or localhost unless the server
was started with `--allow-host`): anything else gets 400, which stops DNS-rebinding pages.
`POST /api/articles` (store documents) exists only when the server was started with `--token`
and needs `Authorization: Bearer <token>`.
"""


class SecurityHeadersMiddleware:
    """Adds :data:`SECURITY_HEADERS` to every HTTP response (pure ASGI: no body buffering)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class TrustedHostMiddleware:
    """400 for requests whose ``Host`` header names another server (DNS rebinding protection).

    ``allowed``: host names or IP addresses (no port); ``"*"`` allows any. IPv6 literals may be
    given with or without brackets.
    """

    def __init__(self, app: ASGIApp, allowed: Sequence[str]) -> None:
        self.app = app
        self.any = "*" in allowed
        self.allowed = {normalise_host(h) for h in allowed}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or self.any:
            await self.app(scope, receive, send)
            return
        host = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"), "")
        if normalise_host(host, strip_port=True) in self.allowed:
            await self.app(scope, receive, send)
            return
        body = json.dumps({"error": {"code": "bad_host", "message": "invalid Host header: this server "
                                     "answers only to the names it was started with (see --allow-host)"}}).encode()
        await send({"type": "http.response.start", "status": 400,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                *SECURITY_HEADERS]})
        await send({"type": "http.response.body", "body": body})


def normalise_host(host: str, strip_port: bool = False) -> str:
    """``'LocalHost:8000'`` -> ``'localhost'``; ``'[::1]:8000'`` -> ``'::1'`` (port dropped when asked)."""
    host = host.strip().lower().rstrip(".")
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    if strip_port and host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host


class BodyTimeoutMiddleware:
    """Raises 408 (through the app's error handlers) when a request body is not complete within
    ``timeout`` seconds of the request's start, so slow-drip bodies cannot hold a worker."""

    def __init__(self, app: ASGIApp, timeout: float) -> None:
        self.app = app
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        done = False

        async def timed_receive() -> Message:
            nonlocal done
            if done:  # body complete: later receives only wait for a disconnect
                return await receive()
            remaining = deadline - loop.time()
            try:
                if remaining <= 0:
                    raise asyncio.TimeoutError
                message = await asyncio.wait_for(receive(), remaining)
            except asyncio.TimeoutError:
                raise ApiError(408, f"the request body did not arrive within {self.timeout:g} s") from None
            if message["type"] != "http.request" or not message.get("more_body", False):
                done = True
            return message

        await self.app(scope, timed_receive, send)


#: Host names served by default (with any port).
DEFAULT_ALLOWED_HOSTS = ("127.0.0.1", "localhost", "::1")


def create_app(db_path: Union[str, Path], token: Optional[str] = None, *,
               limits: Optional[Limits] = None, allowed_hosts: Optional[Sequence[str]] = None,
               cache_bytes: int = DEFAULT_CACHE_BYTES, warm: bool = True) -> FastAPI:
    """The newsgraph web app over the corpus database at ``db_path``, opened read-only.

    ``token`` enables ``POST /api/articles`` (Bearer auth). ``allowed_hosts``: the ``Host`` names
    served (default :data:`DEFAULT_ALLOWED_HOSTS`; ``"*"`` for any). ``cache_bytes``: size of the
    response cache (:mod:`.cache`; 0 for none). ``warm``: at start-up, before serving, compile the
    templates and send a few requests through the app (:mod:`.warmup`). Raises :class:`FileNotFoundError` when the
    database is missing and :class:`ValueError` when it cannot be used.
    """
    if token is not None and not token.strip():
        raise ValueError("--token must not be empty")
    corpus = Corpus(Path(db_path))
    limits = limits or Limits()
    runner = Runner(limits)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if warm:  # the first visitors must not pay for compiling templates and first-use paths
            await warm_up(_app)
        # Start-up objects (routes, schemas, templates) never die: keep them out of the
        # collector's full passes, which would otherwise walk them all during requests.
        gc.collect()
        gc.freeze()
        yield
        gc.unfreeze()
        runner.close()
        corpus.close()

    app = FastAPI(
        title="newsgraph", version=__version__, description=API_DESCRIPTION,
        openapi_url="/api/openapi.json", docs_url=None, redoc_url=None, lifespan=lifespan,
    )
    app.state.corpus = corpus
    app.state.limits = limits
    app.state.runner = runner
    app.state.token = token
    app.state.db_name = Path(db_path).name

    install_error_handlers(app)
    app.add_middleware(BodyTimeoutMiddleware, timeout=limits.body_timeout)
    app.add_middleware(SecurityHeadersMiddleware)
    app.state.cache = None
    if cache_bytes > 0:  # inside the Host check: a refused Host is never answered from the cache
        app.state.cache = ResponseCache(cache_bytes)
        version = store_version(corpus.path, lambda: corpus.store().conn.execute("PRAGMA data_version").fetchone()[0])
        app.add_middleware(ResponseCacheMiddleware, cache=app.state.cache, version=version)
    app.add_middleware(TrustedHostMiddleware, allowed=tuple(allowed_hosts or DEFAULT_ALLOWED_HOSTS))

    from . import routes

    app.include_router(routes.router, prefix="/api", tags=["corpus"])
    if token:
        from . import write

        app.include_router(write.router, prefix="/api", tags=["write"])

    from ..web import pages

    pages.mount(app)
    _add_security_scheme(app, bool(token))
    return app


def _add_security_scheme(app: FastAPI, enabled: bool) -> None:
    """Declare the Bearer scheme in the OpenAPI document when the write endpoint exists."""
    if not enabled:
        return
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        schema.setdefault("components", {}).setdefault("securitySchemes", {})["bearerAuth"] = {
            "type": "http", "scheme": "bearer"}
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
