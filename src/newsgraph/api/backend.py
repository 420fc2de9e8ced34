"""Thin adapter between the web layer and the corpus store / query functions.

One read-only :class:`~newsgraph.corpus.Store` per worker thread (SQLite connections are cheap
and read concurrently in WAL mode); every call goes to :mod:`newsgraph.corpus.queries`.
Writes (``POST /api/articles``) open a separate, short-lived writable Store under a lock.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from ..corpus import Store, StoreError
from ..model import Article


@dataclass
class Page:
    """One page of a list: the items, where it starts, the total when known, and the next offset."""

    items: list[Any]
    limit: int
    offset: int
    total: Optional[int]
    next_offset: Optional[int]

    @property
    def prev_offset(self) -> Optional[int]:
        return None if self.offset <= 0 else max(0, self.offset - self.limit)


def paginate(fetch: Callable[[int, int], Any], limit: int, offset: int,
             total: Optional[Callable[[], Optional[int]]] = None) -> Page:
    """Call ``fetch(limit + 1, offset)`` and cut the extra item to learn whether a next page exists.

    ``fetch`` may return a list, or a dict with ``items`` (and optionally ``total``).
    """
    result = fetch(limit + 1, offset)
    known_total: Optional[int] = None
    if isinstance(result, dict):
        known_total = result.get("total")
        items = list(result.get("items") or result.get("results") or [])
    else:
        items = list(result or [])
    has_more = len(items) > limit
    items = items[:limit]
    if known_total is None and total is not None:
        known_total = total()
    if known_total is None and not has_more:
        known_total = offset + len(items)
    return Page(items, limit, offset, known_total, offset + limit if has_more else None)


class Corpus:
    """The served database: read-only stores per thread, plus a serialised writer."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(
                f"database not found: {self.path} (create it with `newsgraph ingest PATH --db {self.path}`)")
        self._local = threading.local()
        self._stores: list[Store] = []
        self._generation = 0
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        try:
            self.store()  # fail now (bad file, old schema) rather than on the first request
        except StoreError as exc:
            raise ValueError(str(exc)) from None
        except sqlite3.DatabaseError as exc:
            raise ValueError(f"cannot open {self.path} as a newsgraph database: {exc}") from None

    def store(self) -> Store:
        """This thread's read-only Store (reopened after :meth:`close`)."""
        store = getattr(self._local, "store", None)
        if store is None or getattr(self._local, "generation", None) != self._generation:
            store = Store(self.path, readonly=True, check_same_thread=False)
            with self._lock:
                self._stores.append(store)
                self._local.store, self._local.generation = store, self._generation
        return store

    def close(self) -> None:
        """Close every thread's Store; later calls to :meth:`store` open new ones."""
        with self._lock:
            self._generation += 1
            stores, self._stores = self._stores, []
        for s in stores:
            try:
                s.close()
            except Exception:  # pragma: no cover - closing from another thread at shutdown
                pass

    # -- writes (only reachable when serve has a token) ----------------------
    def add_articles(self, articles: list[Article]) -> list[dict[str, Any]]:
        """Store ``articles`` through a separate writable connection; one result dict per article."""
        out: list[dict[str, Any]] = []
        with self._write_lock:
            with Store(self.path) as writer:
                for a in articles:
                    if a.error:
                        out.append({"id": a.id or None, "status": "failed", "error": a.error})
                        continue
                    try:
                        added = writer.add_article(a)
                    except StoreError as exc:
                        out.append({"id": a.id or None, "status": "failed", "error": str(exc)})
                        continue
                    out.append({"id": a.id, "status": "stored" if added else "duplicate", "error": None})
        return out
