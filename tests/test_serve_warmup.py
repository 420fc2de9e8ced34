"""Start-up warm-up (`newsgraph.api.warmup`): every warm-up request answers 200 through the whole
app, templates are compiled before the first visitor, and nothing lands in the response cache."""

from __future__ import annotations

import asyncio

import pytest
from fastapi.testclient import TestClient

from newsgraph.api.app import create_app
from newsgraph.api.samples import build_sample_db
from newsgraph.api.warmup import warm_up, warmup_urls
from newsgraph.corpus import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("warmup") / "corpus.db"
    build_sample_db(path)
    return path


def test_warmup_urls_cover_page_search_and_quotes(db):
    with Store(db, readonly=True) as s:
        urls = warmup_urls(s.conn)
        newest = s.conn.execute("SELECT id FROM articles ORDER BY pk DESC LIMIT 1").fetchone()[0]
    assert urls[:2] == ["/", "/api/counts"]
    assert f"/articles/{newest}" in urls
    assert any(u.startswith("/api/search?q=") for u in urls) and any(u.startswith("/search?q=") for u in urls)


def test_warmup_urls_of_an_empty_store(tmp_path):
    with Store(tmp_path / "empty.db") as s:
        assert warmup_urls(s.conn) == ["/", "/api/counts"]


def test_warm_up_answers_and_leaves_the_cache_empty(db):
    app = create_app(db, warm=False)

    async def main() -> dict[str, int]:
        async with app.router.lifespan_context(app):
            return await warm_up(app)

    statuses = asyncio.run(main())
    assert len(statuses) >= 5 and set(statuses.values()) == {200}, statuses
    assert app.state.cache.stats()["entries"] == 0 and app.state.cache.stats()["misses"] == 0
    env = app.state.templates.env
    assert env.cache is not None and len(env.cache) >= len(env.list_templates())  # all compiled


def test_server_start_warms_up_and_first_request_is_a_miss(db):
    app = create_app(db)  # warm=True by default
    with TestClient(app, base_url="http://localhost") as client:
        assert len(app.state.templates.env.cache) >= len(app.state.templates.env.list_templates())
        url = next(u for u in warmup_urls(app.state.corpus.store().conn) if u.startswith("/articles/"))
        first = client.get(url)
        assert first.status_code == 200 and first.headers["x-cache"] == "miss"  # not served from a warm-up
        assert client.get(url).headers["x-cache"] == "hit"
