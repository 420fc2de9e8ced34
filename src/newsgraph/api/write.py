"""``POST /api/articles``: analyse and store documents. Mounted only when serve has a ``--token``.

The served database is opened read-only; a write opens a separate, short-lived writable
connection (one writer at a time, under a lock), so reads never hold a write lock and the
read-only guarantee of everything else is kept. Readers see new articles on their next query.
"""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from ..model import Article
from . import schemas
from .errors import ApiError, error_responses
from .limits import Runner, TextInput, read_inputs
from .routes import _TEXT_BODY, analyze_input

router = APIRouter()

_INGEST_BODY = {
    "required": True,
    "content": {
        **_TEXT_BODY["content"],
        "application/json": {"schema": {"oneOf": [
            _TEXT_BODY["content"]["application/json"]["schema"],
            {"type": "array", "maxItems": 50, "items": _TEXT_BODY["content"]["application/json"]["schema"]},
        ]}},
    },
}


def check_token(request: Request) -> None:
    """401 unless ``Authorization: Bearer <token>`` matches the server's token."""
    expected: str = request.app.state.token
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip() or not secrets.compare_digest(
            given.strip().encode(), expected.encode()):
        raise ApiError(401, "a valid 'Authorization: Bearer <token>' header is required",
                       headers={"WWW-Authenticate": 'Bearer realm="newsgraph"'})


def _analyze_and_store(request_app: Any, items: list[TextInput]) -> list[dict[str, Any]]:
    articles: list[Article] = [analyze_input(i) for i in items]
    return request_app.state.corpus.add_articles(articles)


@router.post(
    "/articles", status_code=201, response_model=schemas.IngestResponse,
    summary="Analyse and store documents (requires the server token)",
    openapi_extra={"requestBody": _INGEST_BODY, "security": [{"bearerAuth": []}]},
    responses={200: {"model": schemas.IngestResponse, "description": "Nothing new stored (duplicates or failures)"},
               **error_responses(400, 401, 413, 415, 422, 503, 504)},
)
async def ingest_documents(request: Request) -> Any:
    """Analyse the body's document(s) and add them to the corpus (with copy detection and stories).

    Body: text/plain or text/html (one document), or JSON ``{"text", "url", "title", "outlet",
    "published"}`` or a list of up to 50 such objects. 201 when at least one was stored, 200 when
    all were already present or failed; each document's status is reported.
    """
    check_token(request)
    items = await read_inputs(request, request.app.state.limits, allow_many=True)
    runner: Runner = request.app.state.runner
    results = await runner.run(_analyze_and_store, request.app, items)
    stored = sum(1 for r in results if r["status"] == "stored")
    body = {"results": results, "stored": stored}
    return JSONResponse(body, status_code=201 if stored else 200)
