"""The response cache of `newsgraph serve` (bounds, LRU order, invalidation when the store changes,
ETag/304, what is never cached) and the serving set-up around it (gc.freeze), in process."""

from __future__ import annotations

import gc
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from newsgraph.api.app import create_app
from newsgraph.api.cache import Entry, ResponseCache, etag_matches, etag_of
from newsgraph.api.samples import build_sample_db, make_article
from newsgraph.corpus import Store

# URLs of every kind the load benchmark asks for, plus list pages
URLS = ["/", "/api/search?q=council", "/api/search?q=lanes&limit=1", "/api/quotes?speaker=Okafor",
        "/api/quotes?speaker=Jane%20Okafor", "/quotes?speaker=Reyes", "/search?q=storm", "/api/articles?limit=2",
        "/api/counts", "/stories"]


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.db"
    build_sample_db(path)
    return path


def client_for(db: Path, **kw) -> TestClient:
    return TestClient(create_app(db, **kw), base_url="http://localhost")


def _entry(n: int, body_size: int = 1000) -> Entry:
    body = bytes([n % 256]) * body_size
    return Entry(200, ((b"content-type", b"text/plain"),), body, etag_of(body))


# -- the cache itself -----------------------------------------------------------------------
def test_cache_stays_within_its_byte_bound_and_evicts_least_recently_used():
    size = _entry(0).size
    cache = ResponseCache(max_bytes=5 * size, max_entry_bytes=2 * size)
    keys = [("http", "h", "", f"/p{i}", "") for i in range(8)]
    for k in keys[:5]:
        assert cache.put(k, _entry(1))
    assert len(cache) == 5 and cache.bytes == 5 * size
    assert cache.get(keys[0]) is not None  # now the most recently used
    cache.put(keys[5], _entry(2))
    assert cache.bytes <= cache.max_bytes and len(cache) == 5
    assert cache.get(keys[1]) is None  # the least recently used went first
    assert cache.get(keys[0]) is not None and cache.get(keys[5]) is not None
    assert cache.evictions == 1
    assert not cache.put(keys[6], _entry(3, body_size=3 * size))  # larger than one entry may be
    assert cache.get(keys[6]) is None and cache.bytes <= cache.max_bytes


def test_cache_replacing_a_key_does_not_count_it_twice():
    cache = ResponseCache(max_bytes=100_000)
    key = ("http", "h", "", "/p", "")
    cache.put(key, _entry(1))
    cache.put(key, _entry(2, body_size=500))
    assert len(cache) == 1 and cache.bytes == _entry(2, body_size=500).size


def test_cache_is_emptied_when_the_version_changes():
    cache = ResponseCache(max_bytes=100_000)
    cache.validate(("v", 1))
    cache.put(("http", "h", "", "/p", ""), _entry(1))
    cache.validate(("v", 1))
    assert len(cache) == 1
    cache.validate(("v", 2))
    assert len(cache) == 0 and cache.bytes == 0 and cache.invalidations == 1


def test_etag_comparison():
    tag = etag_of(b"body")
    assert tag.startswith(b'"') and tag != etag_of(b"other body")
    assert etag_matches(tag, tag)
    assert etag_matches(b'"nope", ' + tag, tag)
    assert etag_matches(b"W/" + tag, tag)
    assert etag_matches(b"*", tag)
    assert not etag_matches(b'"nope"', tag)


# -- through the app ------------------------------------------------------------------------
def test_second_request_is_a_hit_with_the_same_body_and_an_etag(db):
    with client_for(db) as c:
        first = c.get("/api/search?q=council")
        second = c.get("/api/search?q=council")
        stats = c.app.state.cache.stats()
    assert first.status_code == second.status_code == 200
    assert first.headers["x-cache"] == "miss" and second.headers["x-cache"] == "hit"
    assert first.content == second.content
    assert first.headers["etag"] == second.headers["etag"]
    assert second.headers["cache-control"] == "no-cache"
    assert second.headers["content-security-policy"]  # the security headers come along
    assert stats["hits"] == 1 and stats["misses"] == 1


@pytest.mark.parametrize("url", URLS)
def test_cached_pages_equal_uncached_ones(db, url):
    with client_for(db, cache_bytes=0) as plain, client_for(db) as cached:
        expected = plain.get(url)
        cached.get(url)
        got = cached.get(url)
    assert "x-cache" not in expected.headers and "etag" not in expected.headers
    assert got.headers["x-cache"] == "hit"
    assert got.status_code == expected.status_code == 200
    assert got.content == expected.content
    assert got.headers["content-type"] == expected.headers["content-type"]


def test_if_none_match_gets_304_without_a_body(db):
    with client_for(db) as c:
        etag = c.get("/api/quotes?speaker=Okafor").headers["etag"]
        r = c.get("/api/quotes?speaker=Okafor", headers={"If-None-Match": etag})
        other = c.get("/api/quotes?speaker=Okafor", headers={"If-None-Match": '"something-else"'})
        fresh = c.get("/api/quotes?speaker=Reyes", headers={"If-None-Match": etag})  # a miss, other URL
        assert c.app.state.cache.not_modified == 1
    assert r.status_code == 304 and r.content == b"" and r.headers["etag"] == etag
    assert "content-length" not in r.headers or r.headers["content-length"] == "0"
    assert other.status_code == 200 and other.content
    assert fresh.status_code == 200 and fresh.headers["etag"] != etag


def test_a_store_change_invalidates_the_cache(db):
    with client_for(db) as c:
        before = c.get("/api/articles?limit=50").json()
        assert c.get("/api/articles?limit=50").headers["x-cache"] == "hit"
        article = make_article("Ferry timetable changes after the storm", [
            "The harbour ferry will run every twenty minutes from Monday, the operator said.",
            "Commuters had asked for later evening crossings since the spring."],
            outlet="Harbor Times", published="2025-04-01T08:00:00Z")
        with Store(db) as writer:  # another connection commits, as an ingest would
            assert writer.add_article(article)
        r = c.get("/api/articles?limit=50")
        assert c.app.state.cache.invalidations == 1
    assert r.headers["x-cache"] == "miss"
    assert len(r.json()["items"]) == len(before["items"]) + 1
    assert article.id in {a["id"] for a in r.json()["items"]}


def test_cache_is_bounded_through_the_app(db):
    limit = 40_000
    with client_for(db, cache_bytes=limit) as c:
        for url in URLS:
            c.get(url)
        for n in range(1, 21):
            for url in (f"/api/search?q=council&limit={n}", f"/api/quotes?speaker=Okafor&limit={n}"):
                assert c.get(url).headers["x-cache"] == "miss"
                assert c.app.state.cache.bytes <= limit
        stats = c.app.state.cache.stats()
    assert stats["entries"] > 5
    assert stats["evictions"] > 0


def test_what_is_never_cached(db):
    with client_for(db) as c:
        for _ in range(2):
            missing = c.get("/api/articles/ffffffffffff")  # errors
            auth = c.get("/api/counts", headers={"Authorization": "Bearer x"})  # credentials
            download = c.get("/api/download/quotes?format=csv")  # attachments
            static = c.get("/static/style.css")
        assert missing.status_code == 404 and "x-cache" not in missing.headers
        assert auth.status_code == 200 and "x-cache" not in auth.headers
        assert download.status_code == 200 and "x-cache" not in download.headers
        assert "x-cache" not in static.headers
        assert len(c.app.state.cache) == 0


def test_cache_key_includes_the_host(db):
    """API pages embed absolute ``next`` links, so a page cached for one Host is not served to another."""
    with client_for(db) as c:
        a = c.get("/api/search?q=council&limit=1", headers={"Host": "localhost:8000"})
        b = c.get("/api/search?q=council&limit=1", headers={"Host": "127.0.0.1:8000"})
    assert a.headers["x-cache"] == b.headers["x-cache"] == "miss"
    assert a.json()["next"].startswith("http://localhost:8000/")
    assert b.json()["next"].startswith("http://127.0.0.1:8000/")


def test_refused_host_is_refused_even_for_a_cached_url(db):
    with client_for(db) as c:
        c.get("/api/counts")
        assert c.get("/api/counts").headers["x-cache"] == "hit"
        r = c.get("/api/counts", headers={"Host": "evil.example"})
    assert r.status_code == 400 and "x-cache" not in r.headers


def test_head_is_answered_from_the_cache_without_a_body(db):
    with client_for(db) as c:
        full = c.get("/api/counts")
        head = c.head("/api/counts")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["x-cache"] == "hit" and head.headers["etag"] == full.headers["etag"]


def test_no_cache_when_disabled(db):
    with client_for(db, cache_bytes=0) as c:
        assert c.app.state.cache is None
        assert "x-cache" not in c.get("/api/counts").headers


# -- serving set-up ---------------------------------------------------------------------------
def test_startup_objects_are_frozen_for_the_collector(db):
    with client_for(db) as c:
        assert gc.get_freeze_count() > 0
        assert c.get("/api/counts").status_code == 200
    assert gc.get_freeze_count() == 0


def test_worker_processes_get_the_cache_size_from_serve(db, monkeypatch):
    from newsgraph.commands import serve

    monkeypatch.setenv("NEWSGRAPH_SERVE_DB", str(db))
    monkeypatch.setenv("NEWSGRAPH_SERVE_CACHE_BYTES", str(3 * 2**20))
    assert serve.app_from_env().state.cache.max_bytes == 3 * 2**20
    monkeypatch.setenv("NEWSGRAPH_SERVE_CACHE_BYTES", "0")
    assert serve.app_from_env().state.cache is None
