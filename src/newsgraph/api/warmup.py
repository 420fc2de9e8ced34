"""Start-up warm-up of a server process: what the first requests would otherwise pay for.

Before the process listens, :func:`warm_up` compiles every page template and sends a few
requests through the whole app, in process: the home page, the newest article's page, a search
(API and page) for a word of its title, and the quotes of its first quoted speaker. That compiles
the templates' and routes' first-use paths, opens the read connections of the worker threads it
uses and reads the pages of the indexes those requests touch, so the first visitors do not wait
behind them. The requests carry a cookie, so the response cache (which never keeps responses to
requests with cookies) stays empty: nothing a client asks for later is answered from a warm-up.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import time
from typing import Any
from urllib.parse import quote

logger = logging.getLogger("uvicorn.error")

#: Sent with every warm-up request: keeps the responses out of the response cache.
WARMUP_COOKIE = b"newsgraph-warmup=1"


def warmup_urls(conn: sqlite3.Connection) -> list[str]:
    """The URLs to request: fixed pages plus ones made from the newest article (none for an empty store)."""
    urls = ["/", "/api/counts"]
    row = conn.execute("SELECT id, title FROM articles ORDER BY pk DESC LIMIT 1").fetchone()
    if row is None:
        return urls
    article_id, title = row[0], row[1] or ""
    urls.append(f"/articles/{article_id}")
    word = next((w for w in re.findall(r"[^\W\d_]{4,}", title)), None)
    if word:
        urls += [f"/api/search?q={quote(word)}", f"/search?q={quote(word)}"]
    speaker = conn.execute("SELECT speaker FROM quotes WHERE article_id = ? AND speaker IS NOT NULL LIMIT 1",
                           (article_id,)).fetchone()
    if speaker and speaker[0]:
        urls.append(f"/api/quotes?speaker={quote(speaker[0])}")
    return urls


async def request(app: Any, url: str) -> int:
    """``GET url`` through ``app`` in process (with the warm-up cookie); returns the status."""
    path, _, qs = url.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": qs.encode(), "root_path": "",
             "headers": [(b"host", b"127.0.0.1"), (b"cookie", WARMUP_COOKIE)],
             "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 0), "app": app}
    status = 0

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


async def warm_up(app: Any) -> dict[str, int]:
    """Compile the page templates and request :func:`warmup_urls` once; returns each URL's status.
    Never fails the start-up: a failing request is logged and skipped."""
    t0 = time.perf_counter()
    templates = getattr(app.state, "templates", None)
    if templates is not None:
        env = templates.env
        for name in env.list_templates():
            env.get_template(name)
    statuses: dict[str, int] = {}
    try:
        urls = warmup_urls(app.state.corpus.store().conn)
    except sqlite3.Error as exc:  # pragma: no cover - the store was checked when the app was made
        logger.warning("warm-up skipped: %s", exc)
        return statuses
    for url in urls:
        try:
            statuses[url] = await request(app, url)
        except Exception as exc:  # noqa: BLE001 - warm-up must never stop the server
            logger.warning("warm-up request %s failed: %s", url, exc)
    logger.debug("warm-up: %d requests in %.0f ms", len(statuses), (time.perf_counter() - t0) * 1000)
    return statuses
