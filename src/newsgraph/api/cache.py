"""A bounded in-memory cache of whole ``GET`` responses, for serving a store that does not change.

* Keyed by the full URL (scheme, ``Host``, path and query string: API pages embed absolute
  ``next`` links) and valid for one *version* of the store: when the version changes (another
  connection committed, so SQLite's ``PRAGMA data_version`` moved, or the database file was
  replaced or grew) every entry is dropped before the next lookup.
* Bounded in bytes (bodies plus headers), least recently used entries evicted first; responses
  larger than ``max_entry_bytes`` are passed through and not kept.
* Only complete ``200`` responses to ``GET`` without ``Authorization``/``Cookie`` headers are
  kept, and none that set cookies, are attachments or say ``no-store``. Each kept response gets
  a strong ``ETag`` (a hash of its body) and ``Cache-Control: no-cache``, so clients revalidate
  and a matching ``If-None-Match`` gets ``304 Not Modified`` without a body.
* Responses say ``x-cache: hit`` or ``miss``; :meth:`ResponseCache.stats` counts both.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Hashable, Optional

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Default size of one server process's cache.
DEFAULT_CACHE_BYTES = 64 * 1024 * 1024
#: Bookkeeping cost counted per entry on top of its body and headers.
ENTRY_OVERHEAD = 256
#: Paths never cached (their own caching, or large attachments).
UNCACHED_PREFIXES = ("/static/", "/api/download/")

Key = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class Entry:
    """One stored response."""

    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes
    etag: bytes

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(k) + len(v) for k, v in self.headers) + ENTRY_OVERHEAD


class ResponseCache:
    """Least-recently-used responses, at most ``max_bytes`` in all, for one store version."""

    def __init__(self, max_bytes: int = DEFAULT_CACHE_BYTES, max_entry_bytes: Optional[int] = None) -> None:
        if max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        self.max_bytes = max_bytes
        self.max_entry_bytes = min(max_bytes, max_entry_bytes or max(max_bytes // 16, 1))
        self._entries: OrderedDict[Key, Entry] = OrderedDict()
        self._lock = threading.Lock()
        self._version: Optional[Hashable] = None
        self.bytes = 0
        self.hits = self.misses = self.not_modified = self.evictions = self.invalidations = 0

    def __len__(self) -> int:
        return len(self._entries)

    def validate(self, version: Hashable) -> None:
        """Drop every entry when the store's ``version`` differs from the one they were made for."""
        with self._lock:
            if version != self._version:
                if self._entries:
                    self.invalidations += 1
                self._entries.clear()
                self.bytes = 0
                self._version = version

    def get(self, key: Key) -> Optional[Entry]:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: Key, entry: Entry) -> bool:
        """Keep ``entry`` (evicting the least recently used ones); False when it is too large."""
        size = entry.size
        if size > self.max_entry_bytes:
            return False
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.bytes -= old.size
            while self._entries and self.bytes + size > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self.bytes -= evicted.size
                self.evictions += 1
            self._entries[key] = entry
            self.bytes += size
            return True

    def stats(self) -> dict[str, Any]:
        looked = self.hits + self.misses
        return {"entries": len(self._entries), "bytes": self.bytes, "max_bytes": self.max_bytes,
                "hits": self.hits, "misses": self.misses, "hit_ratio": self.hits / looked if looked else 0.0,
                "not_modified": self.not_modified, "evictions": self.evictions,
                "invalidations": self.invalidations}


def store_version(path: Path, data_version: Callable[[], int]) -> Callable[[], Hashable]:
    """A function returning the store's current version: SQLite's ``data_version`` as seen by
    the caller's connection (moves when another connection commits) plus the identity, size
    and modification time of the database file and of its write-ahead log."""
    wal = Path(str(path) + "-wal")

    def stat(p: Path) -> Optional[tuple[int, int, int, int]]:
        try:
            st = os.stat(p)
        except OSError:
            return None
        return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns

    def version() -> Hashable:
        return data_version(), stat(path), stat(wal)

    return version


def etag_of(body: bytes) -> bytes:
    return b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'


def etag_matches(if_none_match: bytes, etag: bytes) -> bool:
    """RFC 9110 weak comparison of an ``If-None-Match`` list (or ``*``) with ``etag``."""
    value = if_none_match.strip()
    if value == b"*":
        return True
    strip = etag[2:] if etag.startswith(b"W/") else etag
    for tag in value.split(b","):
        tag = tag.strip()
        if tag.startswith(b"W/"):
            tag = tag[2:]
        if tag == strip:
            return True
    return False


_SKIP_REQUEST_HEADERS = (b"authorization", b"cookie")
_NOT_MODIFIED_DROP = (b"content-length", b"content-type", b"x-cache")


class ResponseCacheMiddleware:
    """Serves ``GET`` responses from a :class:`ResponseCache` (see the module docstring)."""

    def __init__(self, app: ASGIApp, cache: ResponseCache, version: Callable[[], Hashable]) -> None:
        self.app = app
        self.cache = cache
        self.version = version

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        method = scope.get("method")
        if scope["type"] != "http" or method not in ("GET", "HEAD") or scope["path"].startswith(UNCACHED_PREFIXES):
            await self.app(scope, receive, send)
            return
        host, inm = b"", None
        for k, v in scope.get("headers", []):
            if k == b"host":
                host = v
            elif k == b"if-none-match":
                inm = v
            elif k in _SKIP_REQUEST_HEADERS:
                await self.app(scope, receive, send)
                return
        key: Key = (scope.get("scheme", "http"), host.decode("latin-1"), scope.get("root_path", ""),
                    scope["path"], scope.get("query_string", b"").decode("latin-1"))
        self.cache.validate(self.version())
        entry = self.cache.get(key)
        if entry is not None:
            await self._send_entry(entry, send, inm, head=method == "HEAD", hit=True)
            return
        if method == "HEAD":
            await self.app(scope, receive, send)
            return
        await self._fill(key, scope, receive, send, inm)

    async def _send_entry(self, entry: Entry, send: Send, inm: Optional[bytes], *, head: bool, hit: bool) -> None:
        state = b"hit" if hit else b"miss"
        if inm is not None and etag_matches(inm, entry.etag):
            self.cache.not_modified += 1
            headers = [(k, v) for k, v in entry.headers if k not in _NOT_MODIFIED_DROP]
            await send({"type": "http.response.start", "status": 304, "headers": [*headers, (b"x-cache", state)]})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": entry.status,
                    "headers": [*entry.headers, (b"x-cache", state)]})
        await send({"type": "http.response.body", "body": b"" if head else entry.body})

    async def _fill(self, key: Key, scope: Scope, receive: Receive, send: Send, inm: Optional[bytes]) -> None:
        """Run the app; keep its response when it qualifies, else pass every message through."""
        start: Optional[Message] = None
        chunks: list[bytes] = []
        size = 0
        passing = False

        async def capture(message: Message) -> None:
            nonlocal start, size, passing
            if passing:
                await send(message)
                return
            if message["type"] == "http.response.start":
                if _cacheable(message):
                    start = message
                else:
                    passing = True
                    await send(message)
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            body = message.get("body", b"")
            chunks.append(body)
            size += len(body)
            if size > self.cache.max_entry_bytes:  # too large to keep: flush what we hold, pass on
                passing = True
                await send(start)
                await send({"type": "http.response.body", "body": b"".join(chunks), "more_body": True})
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            etag = etag_of(body)
            headers = tuple((k, v) for k, v in start.get("headers", []) if k not in (b"etag", b"cache-control"))
            entry = Entry(start["status"], (*headers, (b"etag", etag), (b"cache-control", b"no-cache")), body, etag)
            self.cache.put(key, entry)
            await self._send_entry(entry, send, inm, head=False, hit=False)

        await self.app(scope, receive, capture)


def _cacheable(start: Message) -> bool:
    if start["status"] != 200:
        return False
    for k, v in start.get("headers", []):
        k = k.lower()
        if k in (b"set-cookie", b"content-disposition"):
            return False
        if k == b"cache-control" and (b"no-store" in v.lower() or b"private" in v.lower()):
            return False
    return True
