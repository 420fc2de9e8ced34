"""Request limits for the endpoints that run the pipeline: body size, content type, time, concurrency.

* bodies larger than ``max_body_bytes`` -> 413 (checked on ``Content-Length`` and while reading);
  requests carrying the server's Bearer token may send up to ``max_token_body_bytes``. The
  anonymous limit is sized so that an analysis answers well within ``timeout`` (see BENCHMARKS.md)
* a body not fully received ``body_timeout`` seconds after the request started -> 408
* content types other than text/plain, text/html, application/json -> 415; JSON nested deeper
  than the JSONL reader accepts -> 422
* analyses run in a small dedicated thread pool; more than ``max_pending`` waiting -> 503,
  a result not ready after ``timeout`` seconds -> 504, and the analysis is cancelled: the
  pipeline stops before its next stage or parse piece (bounded work), then frees its slot.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable, Optional, TypeVar

from fastapi import Request

from ..pipeline.base import AnalysisCancelled, cancel_scope
from ..readers.jsonl import MAX_JSON_DEPTH, json_depth_exceeds
from .errors import ApiError

T = TypeVar("T")

TEXT_TYPES = ("text/plain", "text/html")
ACCEPTED_TYPES = (*TEXT_TYPES, "application/json")


@dataclass
class Limits:
    """Limits for ``POST /api/analyze`` and ``POST /api/articles``."""

    max_body_bytes: int = 100_000  # anonymous requests (POST /api/analyze, the analyze form)
    max_token_body_bytes: int = 1_000_000  # requests with the server's Bearer token
    body_timeout: float = 20.0
    timeout: float = 30.0
    workers: int = 1
    max_pending: int = 8
    max_batch: int = 50  # documents per POST /api/articles


@dataclass
class TextInput:
    """One document to analyse, from a request body."""

    text: str
    url: Optional[str] = None
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None


def media_type(request: Request) -> tuple[str, str]:
    """``(type, charset)`` of the request body (lower-cased type, charset default utf-8)."""
    raw = request.headers.get("content-type", "")
    parts = [p.strip() for p in raw.split(";")]
    ctype = parts[0].lower()
    charset = "utf-8"
    for p in parts[1:]:
        k, _, v = p.partition("=")
        if k.strip().lower() == "charset" and v.strip():
            charset = v.strip().strip('"').lower()
    return ctype, charset


def has_token(request: Request) -> bool:
    """True when the request carries ``Authorization: Bearer <the server's token>``."""
    expected = getattr(request.app.state, "token", None)
    if not isinstance(expected, str) or not expected:
        return False
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and secrets.compare_digest(
        given.strip().encode("utf-8", "replace"), expected.encode("utf-8", "replace"))


def body_limit(request: Request, limits: Limits) -> int:
    """The body size this request may send: larger with the server's token."""
    return limits.max_token_body_bytes if has_token(request) else limits.max_body_bytes


async def read_body(request: Request, max_bytes: int) -> bytes:
    """The request body, or 413 as soon as it exceeds ``max_bytes`` (408 when it arrives too slowly,
    raised by the app's body-timeout middleware)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > max_bytes:
                raise ApiError(413, f"request body is larger than the {max_bytes:,}-byte limit")
        except ValueError:
            raise ApiError(400, "invalid Content-Length header") from None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise ApiError(413, f"request body is larger than the {max_bytes:,}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(body: bytes, charset: str) -> str:
    try:
        return body.decode(charset)
    except LookupError:
        raise ApiError(415, f"unsupported charset: {charset}") from None
    except UnicodeDecodeError:
        raise ApiError(400, f"request body is not valid {charset}") from None


def _opt_str(obj: dict, key: str) -> Optional[str]:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ApiError(422, f"{key}: must be a string")
    return value


def _json_item(obj: Any, where: str = "body") -> TextInput:
    if not isinstance(obj, dict):
        raise ApiError(422, f"{where}: expected an object like {{\"text\": \"...\"}}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise ApiError(422, f"{where}.text: a string is required (plain text or HTML)")
    return TextInput(text=text, **{k: _opt_str(obj, k) for k in ("url", "title", "outlet", "published")})


async def read_inputs(request: Request, limits: Limits, *, allow_many: bool = False) -> list[TextInput]:
    """Documents in the body: text/plain or text/html (one), or JSON ``{"text": ...}`` (a list too if ``allow_many``)."""
    ctype, charset = media_type(request)
    if ctype not in ACCEPTED_TYPES:
        shown = ctype or "none"
        raise ApiError(415, f"unsupported Content-Type {shown!r}: send text/plain, text/html or application/json")
    body = await read_body(request, body_limit(request, limits))
    text = _decode(body, charset)
    if ctype in TEXT_TYPES:
        items = [TextInput(text=text)]
    else:
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ApiError(422, f"invalid JSON: {exc}") from None
        except RecursionError:
            raise ApiError(422, f"JSON nested more than {MAX_JSON_DEPTH} levels deep") from None
        if json_depth_exceeds(data):
            raise ApiError(422, f"JSON nested more than {MAX_JSON_DEPTH} levels deep")
        if isinstance(data, list):
            if not allow_many:
                raise ApiError(422, "body: expected one object like {\"text\": \"...\"}")
            if len(data) > limits.max_batch:
                raise ApiError(422, f"at most {limits.max_batch} documents per request")
            items = [_json_item(x, f"body[{i}]") for i, x in enumerate(data)]
        else:
            items = [_json_item(data)]
    return items


def _cancellable(cancel: threading.Event, fn: Callable[..., T], *args: Any) -> T:
    """Run ``fn(*args)`` in a cancel scope tied to ``cancel`` (in the worker thread)."""
    if cancel.is_set():  # cancelled while queued: do not start at all
        raise AnalysisCancelled("analysis cancelled before it started")
    with cancel_scope(cancel.is_set):
        return fn(*args)


class Runner:
    """Runs blocking jobs (the NLP pipeline) off the event loop, bounded in time and backlog."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._pool: Optional[ThreadPoolExecutor] = None
        self._slots = threading.BoundedSemaphore(limits.max_pending)
        self._lock = threading.Lock()

    def _executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self.limits.workers, thread_name_prefix="newsgraph-analyze")
            return self._pool

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in the pool: 503 when the backlog is full, 504 after ``timeout`` seconds
        (and the job is cancelled: pipelines it runs stop at their next stage or parse piece)."""
        if not self._slots.acquire(blocking=False):
            raise ApiError(503, "the server is busy analysing other documents; retry shortly",
                           headers={"Retry-After": "5"})
        cancel = threading.Event()
        try:
            future = self._executor().submit(_cancellable, cancel, fn, *args)
        except BaseException:
            self._slots.release()
            raise
        future.add_done_callback(lambda _f: self._slots.release())
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.limits.timeout)
        except asyncio.TimeoutError:
            cancel.set()
            raise ApiError(504, f"analysis did not finish within {self.limits.timeout:g} s") from None
        except asyncio.CancelledError:  # the client went away: stop the work too
            cancel.set()
            raise
        except AnalysisCancelled:  # pragma: no cover - only after cancel.set(), i.e. after a 504
            raise ApiError(504, "analysis cancelled") from None

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
