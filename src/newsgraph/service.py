"""The serving layer shared by the JSON API and the web pages (neither imports the other's routes).

* :class:`Corpus`: one read-only Store per worker thread, plus a serialised writer;
* :func:`search_view`: the search view with plain and safe-HTML snippets;
* :func:`marked_html`: search markers -> ``<mark>`` in escaped text;
* :func:`analyze_input`: the pipeline on one posted document.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import weakref
from pathlib import Path
from typing import Any, Optional

from markupsafe import escape
from starlette.requests import Request

from .corpus import Store, StoreError, views
from .model import Article

#: Search-hit highlight markers (private-use characters, removed from the text before marking).
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_MARKS = re.compile(f"[{_MARK_OPEN}{_MARK_CLOSE}]")


def corpus_of(request: Request) -> "Corpus":
    return request.app.state.corpus


def marked_html(text: Optional[str]) -> Optional[str]:
    """HTML-escaped ``text`` with the search markers turned into ``<mark>`` (kept balanced)."""
    if text is None:
        return None
    out, open_ = [], False
    for part in re.split(f"([{_MARK_OPEN}{_MARK_CLOSE}])", text):
        if part == _MARK_OPEN:
            if not open_:
                out.append("<mark>")
                open_ = True
        elif part == _MARK_CLOSE:
            if open_:
                out.append("</mark>")
                open_ = False
        else:
            out.append(str(escape(part)))
    if open_:
        out.append("</mark>")
    return "".join(out)


def search_view(corpus: Corpus, values: dict[str, Any], **kw: Any) -> views.Page:
    """The search view with plain and safe-HTML snippets (shared by the API and the search page).

    A query without any letter or digit matches nothing (an empty page, not an error)."""
    q = str(values.get("q") or "")
    if not re.search(r"\w", q):
        return views.Page("search", [], kw.get("limit", 20), "relevance", {"q": q}, total=0,
                          extra={"query": q, "fts_query": None})
    page = views.run(corpus.store(), views.SEARCH, values, mark=(_MARK_OPEN, _MARK_CLOSE), **kw)
    items = []
    for hit in page.items:
        hit = dict(hit)
        snippet = hit.get("snippet") or ""
        hit["snippet_html"] = marked_html(snippet)
        hit["snippet"] = _MARKS.sub("", snippet)
        hit["title_html"] = marked_html(hit.pop("title_highlight", None))
        items.append(hit)
    page.items = items
    page.extra = {**page.extra, "fts_query": page.extra.get("query"), "query": q}
    return page


def analyze_input(item: Any) -> Article:
    """Run the pipeline on one input (called in the analysis worker thread)."""
    from .pipeline import Pipeline
    from .readers import from_string

    raw = from_string(item.text, url=item.url, title=item.title)
    raw.outlet, raw.published = item.outlet, item.published
    return Pipeline().analyze(raw)



#: Bytes of the database file each read-only connection maps into memory (SQLite caps it at its
#: compile-time limit, 2 GiB by default): page reads become memory reads, with no read() call or
#: copy per page, and all the threads' connections share the operating system's page cache.
READ_MMAP_BYTES = 2**31


class _ThreadStore:
    """One thread's Store (kept in a thread-local; when the thread ends it is collected, and a
    finalizer returns the Store to :class:`Corpus`)."""

    __slots__ = ("store", "generation", "__weakref__")

    def __init__(self, store: Store, generation: int) -> None:
        self.store, self.generation = store, generation


class Corpus:
    """The served database: read-only stores per thread, plus a serialised writer."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(
                f"database not found: {self.path} (create it with `newsgraph ingest PATH --db {self.path}`)")
        self._local = threading.local()
        self._stores: list[Store] = []
        self._free: list[Store] = []  # stores of threads that ended, for the next new thread
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
        """This thread's read-only Store (reopened after :meth:`close`). When a thread ends (the
        server's thread pool retires idle threads) its Store is handed to the next new thread
        instead of staying open unused: the number of open connections follows the number of
        threads alive, not of threads ever started."""
        holder = getattr(self._local, "holder", None)
        if holder is not None and holder.generation == self._generation:
            return holder.store
        with self._lock:
            store = self._free.pop() if self._free else None
            generation = self._generation
        if store is None:
            store = Store(self.path, readonly=True, check_same_thread=False)
            store.conn.execute(f"PRAGMA mmap_size = {READ_MMAP_BYTES}")
            with self._lock:
                self._stores.append(store)
        holder = _ThreadStore(store, generation)
        weakref.finalize(holder, self._release, store, generation)
        self._local.holder = holder
        return store

    def _release(self, store: Store, generation: int) -> None:
        """A thread holding ``store`` ended: keep it for the next thread (unless closed since)."""
        with self._lock:
            if generation == self._generation and store in self._stores:
                self._free.append(store)

    def close(self) -> None:
        """Close every thread's Store; later calls to :meth:`store` open new ones."""
        with self._lock:
            self._generation += 1
            stores, self._stores, self._free = self._stores, [], []
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
