"""The HTTP API and the server-rendered pages, in process (no network): every endpoint, paging,
errors, limits, the token rule, read-only serving and escaping of hostile article content."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import warnings

import pytest

with warnings.catch_warnings():  # starlette suggests httpx2; httpx is what the project pins
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from newsgraph.api import limits as limits_mod
from newsgraph.api import routes
from newsgraph.api.app import create_app
from newsgraph.api.limits import Limits
from newsgraph.api.samples import XSS_IMG, XSS_SCRIPT, build_sample_db
from newsgraph.model import Article, Entity, Mention, Quote
from newsgraph.web.highlight import entity_url, highlight_article, safe_url

TOKEN = "test-token-123"


# -- fixtures --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, Article]]:
    path = tmp_path_factory.mktemp("api") / "corpus.db"
    articles = build_sample_db(path)
    by_title = {a.title: a for a in articles}
    return path, by_title


@pytest.fixture(scope="module")
def db(corpus) -> Path:
    return corpus[0]


@pytest.fixture(scope="module")
def arts(corpus) -> dict[str, Article]:
    """Sample articles by short name."""
    t = corpus[1]
    pick = lambda prefix: next(a for title, a in t.items() if title.startswith(prefix))  # noqa: E731
    return {"original": pick("Council approves"), "copy": pick("Harbor City council"),
            "follow": pick("Main Street shops"), "storm": pick("Storm closes"), "xss": pick("Forum bug")}


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    with TestClient(create_app(db), base_url="http://localhost") as c:
        yield c


@pytest.fixture()
def writable_db(db, tmp_path) -> Path:
    path = tmp_path / "copy.db"
    shutil.copy(db, path)
    return path


def err(resp, status: int, code: str | None = None) -> dict:
    """Assert a JSON error response and return its error object."""
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    if code:
        assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


# -- app factory / serve ---------------------------------------------------------------
def test_missing_db_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="newsgraph ingest"):
        create_app(tmp_path / "nope.db")


def test_not_a_database_is_a_clear_error(tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_text("this is not sqlite " * 100)
    with pytest.raises(ValueError, match="newsgraph database"):
        create_app(bogus)


def test_serve_command_missing_db_exits_2(tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 2
    assert "database not found" in result.output


def test_served_db_is_read_only(db, client):
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for url in ("/", "/api/articles", "/api/search?q=bus", "/api/quotes?speaker=Okafor", "/stories/1"):
        assert client.get(url).status_code == 200
    store = client.app.state.corpus.store()
    assert store.readonly
    with pytest.raises(sqlite3.OperationalError):
        store.conn.execute("DELETE FROM articles")
    with pytest.raises(sqlite3.OperationalError):
        store.conn.execute("CREATE TABLE x (y)")
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


# -- corpus endpoints ------------------------------------------------------------------
def test_counts(client):
    c = client.get("/api/counts").json()
    assert c["articles"] == 5 and c["copies"] == 1 and c["stories"] >= 3 and c["quotes"] >= 8


def test_articles_pagination(client):
    first = client.get("/api/articles?limit=2").json()
    assert len(first["items"]) == 2 and first["total"] == 5 and first["has_more"]
    assert first["next"] and "cursor=" in first["next"] and first["next_cursor"]
    seen = [a["id"] for a in first["items"]]
    url = first["next"]
    while url:
        page = client.get(url).json()
        seen += [a["id"] for a in page["items"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == 5
    last = client.get("/api/articles?limit=2&offset=4").json()
    assert len(last["items"]) == 1 and last["next"] is None and not last["has_more"]
    assert client.get("/api/articles?offset=50").json()["items"] == []


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "offset=-1", "limit=abc", "since=yesterday",
                                   "until=2025-13-45x"])
def test_bad_paging_and_dates_are_422(client, query):
    err(client.get(f"/api/articles?{query}"), 422, "validation_error")


def test_article_detail(client, arts):
    a = arts["original"]
    body = client.get(f"/api/articles/{a.id}").json()
    rec = body["article"]
    assert rec["schema"] == "newsgraph.article/1" and rec["id"] == a.id
    assert {e["name"] for e in rec["entities"]} >= {"Jane Okafor", "Tom Reyes"}
    assert any(q["speaker"] == "Jane Okafor" for q in rec["quotes"])
    assert rec["sources"][0]["outlet"] == "Harbor City Transit Agency"
    assert {r["reason"] for r in rec["removed"]} == {"boilerplate", "repeated_title"}
    assert all(e["corpus_name"] for e in body["entities"])
    assert body["copies"]["is_original"] is True
    # a unique prefix works too
    assert client.get(f"/api/articles/{a.id[:8]}").json()["article"]["id"] == a.id


def test_unknown_ids_are_404(client):
    err(client.get("/api/articles/doesnotexist"), 404, "not_found")
    err(client.get("/api/stories/99999"), 404, "not_found")
    err(client.get("/api/entities/Nobody%20Atall"), 404, "not_found")
    err(client.get("/api/no/such/thing"), 404, "not_found")
    err(client.get("/api/stories/notanumber"), 422)


def test_stories_and_timeline(client, arts):
    page = client.get("/api/stories").json()
    bus = next(s for s in page["items"] if s["n_articles"] == 3)
    story = client.get(f"/api/stories/{bus['id']}").json()
    assert story["first_reported_by"]["outlet"] == "Harbor Times"
    timeline = story["timeline"]
    assert [t["id"] for t in timeline] == [arts["original"].id, arts["follow"].id]
    assert [c["id"] for c in timeline[0]["copies"]] == [arts["copy"].id]
    assert any(q["speaker"] and q["speaker"]["name"] == "Jane Okafor" for q in story["quotes"])
    assert {"Jane Okafor", "Tom Reyes"} <= {e["name"] for e in story["entities"]}
    by_entity = client.get("/api/stories?entity=Okafor").json()["items"]
    assert [s["id"] for s in by_entity] == [bus["id"]]
    assert client.get("/api/stories?since=2025-03-01").json()["items"][0]["id"] == bus["id"]
    assert client.get("/api/stories?limit=1").json()["next"]


def test_entities(client):
    page = client.get("/api/entities?q=okafor").json()
    assert [e["name"] for e in page["items"]] == ["Jane Okafor"]
    assert client.get("/api/entities?type=ORG&limit=1").json()["has_more"]
    ent = client.get("/api/entities/Okafor").json()  # surname lookup
    assert ent["name"] == "Jane Okafor" and ent["type"] == "PERSON"
    assert "Mayor" in {r["role"] for r in ent["roles"]}
    assert ent["quotes_by"]["total"] >= 3
    one = client.get("/api/entities/Okafor?limit=1").json()["quotes_by"]
    assert len(one["items"]) == 1 and one["next"] and "offset=1" in one["next"]
    assert "Tom Reyes" in {c["name"] for c in ent["cooccurring"]}
    about = client.get("/api/entities/Tom%20Reyes").json()["quotes_about"]
    assert about["total"] >= 1 and about["items"][0]["speaker"]["name"] == "Jane Okafor"


def test_quotes_filters(client, arts):
    by = client.get("/api/quotes?speaker=Okafor").json()
    assert by["total"] >= 3 and all(q["speaker"]["name"] == "Jane Okafor" for q in by["items"])
    paged = client.get("/api/quotes?speaker=Okafor&limit=1").json()
    assert len(paged["items"]) == 1 and paged["next"] and "speaker=Okafor" in paged["next"]
    about = client.get("/api/quotes", params={"about": "Main Street"}).json()
    assert about["items"] and all(any(e["name"] == "Main Street" for e in q["about"]) for q in about["items"])
    jan = client.get("/api/quotes?since=2025-01-01&until=2025-01-31").json()
    assert {q["article"]["id"] for q in jan["items"]} == {arts["storm"].id}
    story_id = client.get("/api/stories?entity=Lind").json()["items"][0]["id"]
    in_story = client.get(f"/api/quotes?story={story_id}").json()
    assert in_story["items"] and all(q["article"]["id"] == arts["storm"].id for q in in_story["items"])
    assert client.get("/api/quotes?speaker=Nobody").json()["total"] == 0
    err(client.get("/api/quotes?since=last-week"), 422)


def test_search_snippets_and_paging(client, arts):
    page = client.get("/api/search?q=bus%20lanes").json()
    assert page["total"] == 3 and page["query"] == "bus lanes"
    hit = page["items"][0]
    assert "<mark>" in hit["snippet_html"] and "<mark>" not in hit["snippet"]
    assert client.get("/api/search?q=bus&limit=1").json()["next"]
    xss = client.get("/api/search?q=forum").json()["items"]
    assert [h["id"] for h in xss] == [arts["xss"].id]
    html = xss[0]["snippet_html"] + (xss[0]["title_html"] or "")
    assert "<script" not in html and "&lt;script&gt;" in html
    assert client.get("/api/search?q=%21%21%21").json()["total"] == 0  # no words: nothing matches
    err(client.get("/api/search"), 422)
    assert client.get('/api/search?q="gale force" OR nothing').status_code == 200
    assert client.get("/api/search?q=title:(").status_code == 200  # bad FTS syntax falls back to words


def test_copies(client, arts):
    page = client.get("/api/copies").json()
    assert len(page["items"]) == 1
    group = page["items"][0]
    assert group["original"]["id"] == arts["original"].id and group["original"]["outlet"] == "Harbor Times"
    assert [c["id"] for c in group["copies"]] == [arts["copy"].id]


def test_openapi_and_docs_are_local(client):
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/stories", "/api/stories/{story_id}",
                 "/api/entities", "/api/entities/{name}", "/api/quotes", "/api/search", "/api/copies",
                 "/api/analyze", "/api/counts", "/api/events"):
        assert path in spec["paths"], path
    assert "/api/articles" not in spec["paths"] or "post" not in spec["paths"]["/api/articles"]
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "/static/docs.js" in docs.text
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", docs.text)
    static = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "web" / "static"
    for f in static.iterdir():
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", f.read_text("utf-8")), f.name


# -- POST /api/analyze ------------------------------------------------------------------
TEXT = ("City officials met on Monday to discuss the budget.\n\n"
        "\u201cWe need more buses,\u201d Mayor Jane Okafor said.")


def test_analyze_plain_text(client):
    r = client.post("/api/analyze", content=TEXT.encode(), headers={"content-type": "text/plain; charset=utf-8"})
    assert r.status_code == 200, r.text
    rec = r.json()
    assert rec["schema"] == "newsgraph.article/1"
    Article.from_dict(rec)  # valid record
    assert client.get("/api/counts").json()["articles"] == 5  # nothing stored


def test_analyze_returns_events(client):
    text = ("Port strike enters second day\n\n"
            "Dockworkers blocked the main gate of the port on Tuesday.\n\n"
            "Police arrested three protesters outside the port offices in the afternoon.")
    r = client.post("/api/analyze", content=text.encode(), headers={"content-type": "text/plain; charset=utf-8"})
    assert r.status_code == 200, r.text
    events = r.json()["events"]
    assert {"source": "Police", "cameo": "173", "target": "three protesters"}.items() <= next(
        e for e in events if e["cameo"] == "173").items()


def test_analyze_empty_text_gives_an_empty_record(client):
    r = client.post("/api/analyze", content=b"   ", headers={"content-type": "text/plain"})
    assert r.status_code == 200 and r.json()["paragraphs"] == []


def test_analyze_html_and_json(client):
    html = f"<html><body><article><p>{TEXT}</p></article></body></html>"
    r = client.post("/api/analyze", content=html, headers={"content-type": "text/html"})
    assert r.status_code == 200, r.text
    assert r.json()["source"]["format"] == "html"
    r = client.post("/api/analyze", json={"text": TEXT, "url": "https://example.org/x", "title": "Budget"})
    assert r.status_code == 200, r.text
    assert r.json()["source"]["url"] == "https://example.org/x"


@pytest.mark.parametrize("body,ctype", [
    (b"{}", "application/json"), (b'{"text": 5}', "application/json"), (b"[1, 2]", "application/json"),
    (b"{not json", "application/json"),
])
def test_analyze_bad_bodies_are_422(client, body, ctype):
    err(client.post("/api/analyze", content=body, headers={"content-type": ctype}), 422)


@pytest.mark.parametrize("ctype", ["application/xml", "multipart/form-data; boundary=x", "image/png", None])
def test_analyze_other_content_types_are_415(client, ctype):
    headers = {"content-type": ctype} if ctype else {}
    err(client.post("/api/analyze", content=b"hello", headers=headers), 415, "unsupported_media_type")


def test_analyze_body_over_the_anonymous_limit_is_413(client):
    big = b"a" * (100_000 + 1)
    err(client.post("/api/analyze", content=big, headers={"content-type": "text/plain"}), 413, "payload_too_large")

    def chunks():  # no Content-Length: the limit is enforced while reading
        for _ in range(11):
            yield b"b" * 10_000

    err(client.post("/api/analyze", content=chunks(), headers={"content-type": "text/plain"}), 413)


def test_analyze_bad_encoding_is_400(client):
    err(client.post("/api/analyze", content=b"\xff\xfe\xfa", headers={"content-type": "text/plain"}), 400)


def test_analyze_timeout_504_and_busy_503(db, monkeypatch):
    release = threading.Event()

    def slow(item):
        release.wait(5)
        return Article()

    monkeypatch.setattr(routes, "analyze_input", slow)
    app = create_app(db, limits=Limits(timeout=0.3, workers=1, max_pending=1))
    with TestClient(app, base_url="http://localhost") as c:
        t0 = time.monotonic()
        err(c.post("/api/analyze", content=b"x", headers={"content-type": "text/plain"}), 504, "timeout")
        assert time.monotonic() - t0 < 3
        # the timed-out job still holds the only slot
        r = c.post("/api/analyze", content=b"x", headers={"content-type": "text/plain"})
        err(r, 503, "unavailable")
        assert r.headers["retry-after"]
        release.set()
        time.sleep(0.2)
        monkeypatch.setattr(routes, "analyze_input", lambda item: Article())
        assert c.post("/api/analyze", content=b"x", headers={"content-type": "text/plain"}).status_code == 200


def test_runner_limits_are_documented():
    from newsgraph.api.app import API_DESCRIPTION

    assert limits_mod.Limits().max_body_bytes == 100_000 and limits_mod.Limits().max_token_body_bytes == 1_000_000
    assert "100 kB" in API_DESCRIPTION and "1 MB with the server's token" in API_DESCRIPTION


# -- POST /api/articles and the token ----------------------------------------------------
def test_write_endpoint_absent_without_token(client):
    r = client.post("/api/articles", json={"text": "x", "title": "t"}, headers={"authorization": f"Bearer {TOKEN}"})
    assert r.status_code in (404, 405)
    err(r, r.status_code)


def test_write_endpoint_requires_token(writable_db):
    with TestClient(create_app(writable_db, token=TOKEN), base_url="http://localhost") as c:
        body = {"text": "Officials met on Friday.\n\nThey agreed to meet again.", "title": "Officials meet",
                "outlet": "Test Wire", "published": "2025-04-01"}
        err(c.post("/api/articles", json=body), 401, "unauthorized")
        r = c.post("/api/articles", json=body, headers={"authorization": "Bearer wrong"})
        err(r, 401)
        assert r.headers["www-authenticate"].startswith("Bearer")
        err(c.post("/api/articles", json=body, headers={"authorization": f"Basic {TOKEN}"}), 401)
        spec = c.get("/api/openapi.json").json()
        assert "post" in spec["paths"]["/api/articles"]
        assert "bearerAuth" in spec["components"]["securitySchemes"]
        before = c.get("/api/counts").json()["articles"]
        r = c.post("/api/articles", json=body, headers={"authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 201, r.text
        result = r.json()["results"][0]
        assert result["status"] == "stored" and result["id"]
        # the read-only connections see the new article
        assert c.get("/api/counts").json()["articles"] == before + 1
        assert c.get(f"/api/articles/{result['id']}").json()["article"]["source"]["outlet"] == "Test Wire"
        again = c.post("/api/articles", json=[body], headers={"authorization": f"Bearer {TOKEN}"})
        assert again.status_code == 200 and again.json()["results"][0]["status"] == "duplicate"
        # the same limits as /api/analyze
        err(c.post("/api/articles", content=b"<x/>", headers={"authorization": f"Bearer {TOKEN}",
                                                             "content-type": "application/xml"}), 415)
        err(c.post("/api/articles", json=[body] * 51, headers={"authorization": f"Bearer {TOKEN}"}), 422)


def test_empty_token_is_refused(db):
    with pytest.raises(ValueError):
        create_app(db, token="  ")


# -- pages -------------------------------------------------------------------------------
def test_pages_render(client, arts):
    story_id = client.get("/api/stories?entity=Okafor").json()["items"][0]["id"]
    pages = {
        "/": ["Latest stories", "Harbor City council backs bus lanes", 'role="search"'],
        "/articles": ["Storm closes Port Ellis harbour"],
        f"/articles/{arts['original'].id}": ['class="quote direct"', "Removed lines", "<details",
                                             'href="/entities/Jane%20Okafor?type=PERSON"',
                                             "Harbor City Transit Agency", "Copies of this article", 'id="events"'],
        f"/articles/{arts['copy'].id}": ["first reported by", "Harbor Times"],
        f"/stories/{story_id}": ["First reported by", "Harbor Times", "Coastal Wire", "Key quotes", "Jane Okafor"],
        "/entities/Jane%20Okafor": ["Quotes by Jane Okafor", "Mayor", "Appears with", "Tom Reyes"],
        "/quotes?speaker=Lind": ["We will reopen the harbour"],
        "/copies": ["first reported by", "Coastal Wire"],
        "/search?q=harbour": ["Storm closes Port Ellis", "<mark>"],
        "/search?q=okafor": ["Jane Okafor", "PERSON"],
        "/analyze": ["<textarea", 'for="analyze-text"'],
        "/api/docs": ["api-docs"],
    }
    for url, needles in pages.items():
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html")
        for n in needles:
            assert n in r.text, (url, n)
        for n in ('name="viewport"', 'class="skip-link"', 'href="#content"'):
            assert n in r.text, (url, n)


def test_page_errors_are_html(client):
    r = client.get("/articles/nope")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"] and "not found" in r.text
    assert client.get("/stories/12345").status_code == 404
    assert client.get("/entities/Nobody%20Atall").status_code == 404
    assert client.get("/quotes?since=junk").status_code == 422


def test_security_headers(client):
    for url in ("/", "/api/counts", "/api/docs"):
        csp = client.get(url).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'self'" in csp
    assert client.get("/").headers["x-content-type-options"] == "nosniff"


def test_hostile_article_is_escaped_everywhere(client, arts):
    a = arts["xss"]
    story_id = client.get("/api/stories?entity=Marsh").json()["items"][0]["id"]
    for url in (f"/articles/{a.id}", "/", "/articles", f"/stories/{story_id}", "/entities/Evan%20Marsh",
                "/search?q=forum", "/quotes?speaker=Marsh"):
        html = client.get(url).text
        assert "<script>alert" not in html, url
        assert "<img" not in html, url
        assert "onerror=alert(1)>" not in html.replace("&gt;", ""), url
        assert 'href="javascript:' not in html, url
    page = client.get(f"/articles/{a.id}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_analyze_page_form(client):
    hostile = f"Officials said on Monday {XSS_SCRIPT} and {XSS_IMG} were found.\n\nNothing ran."
    r = client.post("/analyze", data={"text": hostile})
    assert r.status_code == 200, r.text
    assert "Result" in r.text and "<script>alert" not in r.text and "<img" not in r.text
    assert "&lt;script&gt;" in r.text
    assert client.post("/analyze", data={"text": "  "}).status_code == 422
    assert client.post("/analyze", data={"text": "x" * 1_000_001}).status_code == 413
    assert client.post("/analyze", content=b"text=x", headers={"content-type": "text/csv"}).status_code == 415


# -- highlighting ------------------------------------------------------------------------
def test_highlight_escapes_and_nests():
    a = Article()
    a.set_paragraphs([f"Ann said {XSS_SCRIPT} loudly.", "Bob & Co agreed."])
    text = a.text
    q_start = text.index("said") + 5
    a.entities = [
        Entity(id="e0", name="Ann <b>", type="PERSON", mentions=[Mention(start=0, end=3, text="Ann")]),
        Entity(id="e1", name="Bob & Co", type="ORG",
               mentions=[Mention(start=text.index("Bob"), end=text.index("Bob") + 8, text="Bob & Co")]),
    ]
    a.quotes = [Quote(text=XSS_SCRIPT, kind="direct", speaker="Ann <b>", speaker_id="e0",
                      start=q_start, end=q_start + len(XSS_SCRIPT)),
                Quote(text="bad", kind="indirect", start=10_000, end=10_010)]  # out of range: ignored
    paras = highlight_article(a, {"e0": ("Ann Smith", "PERSON")})
    assert len(paras) == 2
    p0, p1 = str(paras[0]), str(paras[1])
    assert "<script>" not in p0 and "&lt;script&gt;" in p0
    assert '<mark class="quote direct" data-quote="0">' in p0
    assert '<a class="speaker" href="/entities/Ann%20Smith?type=PERSON"' in p0 and "— Ann Smith" in p0
    assert '<a class="mention" href="/entities/Ann%20Smith?type=PERSON"' in p0
    assert "Bob &amp; Co</a>" in p1 and 'href="/entities/Bob%20%26%20Co?type=ORG"' in p1


def test_highlight_overlapping_spans_stay_well_formed():
    a = Article()
    a.set_paragraphs(["Alpha Beta Gamma Delta"])
    a.entities = [Entity(id="e0", name="Beta Gamma", type="ORG", mentions=[Mention(start=6, end=16, text="x")])]
    a.quotes = [Quote(text="Alpha Beta", kind="direct", start=0, end=10),
                Quote(text="Gamma Delta", kind="indirect", start=11, end=22)]
    html = str(highlight_article(a)[0])
    assert html.count("<mark") == html.count("</mark>") and html.count("<a ") == html.count("</a>")
    assert re.sub(r"<[^>]+>", "", html).startswith("Alpha Beta")
    assert "unattributed" in html


def test_safe_url_and_entity_url():
    assert safe_url("javascript:alert(1)") is None
    assert safe_url(" https://example.org/a ") == "https://example.org/a"
    assert safe_url(None) is None
    assert entity_url("AC/DC") == "/entities/AC%2FDC"
    assert entity_url("A B", "ORG") == "/entities/A%20B?type=ORG"
