"""Uniform errors: ``{"error": {"code", "message"}}`` under ``/api``, an HTML page elsewhere."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any, Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

log = logging.getLogger(__name__)

_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 406: "not_acceptable", 408: "request_timeout", 413: "payload_too_large",
    415: "unsupported_media_type", 422: "validation_error", 429: "too_many_requests",
    500: "internal_error", 503: "unavailable", 504: "timeout",
}


class ApiError(Exception):
    """An error with an HTTP status, a short machine code and a human message."""

    def __init__(self, status: int, message: str, code: Optional[str] = None,
                 headers: Optional[dict[str, str]] = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or _CODES.get(status, "error")
        self.message = message
        self.headers = headers


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    """The body of every API error."""

    error: ErrorBody


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries documenting the JSON error body for ``statuses``."""
    return {s: {"model": ErrorResponse, "description": HTTPStatus(s).phrase} for s in statuses}


def _is_api(request: Request) -> bool:
    return request.url.path == "/api" or request.url.path.startswith("/api/")


def _render(request: Request, status: int, code: str, message: str,
            headers: Optional[dict[str, str]] = None) -> Any:
    if _is_api(request):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)
    templates = getattr(request.app.state, "templates", None)
    if templates is None:  # pragma: no cover - the pages are always mounted by create_app
        return HTMLResponse(f"{status} {code}", status_code=status, headers=headers)
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "code": code, "message": message},
        status_code=status, headers=headers,
    )


def allowed_methods(request: Request) -> list[str]:
    """Every method some route accepts on this path (Starlette only reports the first route's)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        route_methods = getattr(route, "methods", None)
        if match != Match.NONE and route_methods:
            methods |= set(route_methods)
            methods.add("GET") if "HEAD" in route_methods else None
    return sorted(methods)


def install_error_handlers(app: FastAPI) -> None:
    """Route every error (ours, Starlette's, validation, unexpected) through :func:`_render`."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return _render(request, exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        status = exc.status_code
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(status).phrase
        headers = getattr(exc, "headers", None)
        if status == 404 and message == "Not Found":
            message = f"no such resource: {request.url.path}"
        if status == 405:
            allowed = allowed_methods(request)
            headers = {**(headers or {}), "Allow": ", ".join(allowed)}
            message = f"{request.method} is not allowed here (allowed: {', '.join(allowed)})"
        return _render(request, status, _CODES.get(status, "error"), message, headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        parts = []
        for err in exc.errors()[:5]:
            loc = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
            parts.append(f"{loc}: {err.get('msg', 'invalid')}" if loc else str(err.get("msg", "invalid")))
        return _render(request, 422, "validation_error", "; ".join(parts) or "invalid request")

    @app.exception_handler(OverflowError)
    async def _out_of_range(request: Request, exc: OverflowError):
        # a path id beyond SQLite's 64-bit integers (e.g. /stories/9223372036854775808) names nothing
        return _render(request, 404, "not_found", f"no such resource: {request.url.path}")

    @app.exception_handler(RecursionError)
    async def _too_deep(request: Request, exc: RecursionError):
        return _render(request, 422, "validation_error", "input nested too deeply")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _render(request, 500, "internal_error", "internal server error")
