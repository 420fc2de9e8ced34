"""Events in the corpus: stored with linked actors, migrated from older stores, queried by the
library, the CLI (`newsgraph events`) and the API (`/api/events`). Hand-made Articles, no NLP."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.corpus import Store, queries, schema
from newsgraph.model import Article, Entity, Event, Mention, Source

PROTEST = ["Police arrested three protesters outside the parliament in Lisbon on Monday.",
           "Portugal condemned the attack on its embassy in Ruritania."]
TALKS = ["Portugal and Spain held talks in Madrid on Tuesday.",
         "Spain did not attack the fishing fleet, the ministry said."]


def _mentions(text: str, form: str) -> list[Mention]:
    return [Mention(start=m.start(), end=m.end(), text=form) for m in re.finditer(re.escape(form), text)]


def _event(body: str, phrase: str, **kw) -> Event:
    start = body.index(phrase)
    return Event(start=start, end=start + len(phrase), **kw)


def protest_article() -> Article:
    a = Article(title="Arrests in Lisbon", source=Source(outlet="Coastal Wire", published="2025-05-05"),
                language="en")
    a.set_paragraphs(PROTEST)
    body = a.text
    a.entities = [Entity(id="e0", name="Portugal", type="GPE", mentions=_mentions(body, "Portugal")),
                  Entity(id="e1", name="Ruritania", type="GPE", mentions=_mentions(body, "Ruritania"))]
    a.events = [_event(body, "Police arrested three protesters", source="Police", target="three protesters",
                       verb="arrested", cameo="173"),
                _event(body, "Portugal condemned the attack", source="Portugal", source_id="e0", target="attack",
                       verb="condemned", cameo="111")]
    return a


def talks_article() -> Article:
    a = Article(title="Iberian talks", source=Source(outlet="Harbor Times", published="2025-05-06"), language="en")
    a.set_paragraphs(TALKS)
    body = a.text
    a.entities = [Entity(id="e0", name="Portugal", type="GPE", mentions=_mentions(body, "Portugal")),
                  Entity(id="e1", name="Spain", type="GPE", mentions=_mentions(body, "Spain"))]
    a.events = [_event(body, "Portugal and Spain held talks", source="Portugal", source_id="e0", target="Spain",
                       target_id="e1", verb="held talks", cameo="046"),
                _event(body, "Spain did not attack the fishing fleet", source="Spain", source_id="e1",
                       target="fishing fleet", verb="attack", cameo="190", negated=True)]
    return a


def _client(db: Path):
    """A test client for the API and pages over ``db`` (skips without FastAPI)."""
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsgraph.api.app import create_app

    return TestClient(create_app(db), base_url="http://localhost")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "events.db"
    with Store(path) as store:
        assert store.add_article(protest_article())
        assert store.add_article(talks_article())
    return path


def test_events_are_stored_with_linked_actors(db: Path) -> None:
    with Store(db, readonly=True) as store:
        rows = [tuple(r) for r in store.conn.execute(
            "SELECT source, source_entity_id IS NOT NULL, cameo, root, negated FROM events")]
        assert sorted(rows) == sorted([("Police", 0, "173", "17", 0), ("Portugal", 1, "111", "11", 0),
                                       ("Portugal", 1, "046", "04", 0), ("Spain", 1, "190", "19", 1)])
        assert queries.counts(store)["events"] == 4


def test_query_by_actor_source_target_and_code(db: Path) -> None:
    with Store(db, readonly=True) as store:
        by_portugal = queries.events(store, source="Portugal")
        assert {e["cameo"] for e in by_portugal["items"]} == {"111", "046"}
        assert by_portugal["items"][0]["article"]["outlet"] == "Harbor Times"  # newest first
        assert all(e["source"]["name"] == "Portugal" for e in by_portugal["items"])
        assert [e["cameo"] for e in queries.events(store, target="Spain")["items"]] == ["046"]
        # either side; the negated "did not attack" only on request
        assert {e["cameo"] for e in queries.events(store, actor="Spain")["items"]} == {"046"}
        assert {e["cameo"] for e in queries.events(store, actor="Spain", include_negated=True)["items"]} == \
            {"046", "190"}
        # actors that are no entity match as written
        assert [e["target_name"] for e in queries.events(store, source="police")["items"]] == ["three protesters"]
        assert [e["verb"] for e in queries.events(store, code="17")["items"]] == ["arrested"]
        assert queries.events(store, code="173")["total"] == 1 and queries.events(store, code="19")["total"] == 0
        assert queries.events(store, since="2025-05-06")["total"] == 1
        page = queries.events(store, limit=1)
        assert page["has_more"] and page["total"] == 3


def test_migration_backfills_events_from_article_json(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, target=4)
    a = talks_article()
    conn.execute("INSERT INTO articles (id, title, text, json, ingested_at, published) VALUES (?, ?, ?, ?, ?, ?)",
                 (a.id, a.title, a.text, a.to_json(), "2025-05-06", "2025-05-06"))
    conn.execute("INSERT INTO corpus_entities (id, name, type, key) VALUES (7, 'Spain', 'GPE', 'spain')")
    conn.execute("INSERT INTO entities (article_id, eid, name, type, aliases, roles, mention_count, corpus_id) "
                 "VALUES (?, 'e1', 'Spain', 'GPE', '[]', '[]', 2, 7)", (a.id,))
    conn.close()
    with Store(path) as store:
        assert store.schema_version == schema.LATEST_VERSION
        rows = [tuple(r) for r in store.conn.execute(
            "SELECT idx, target, target_entity_id, root, negated FROM events ORDER BY idx")]
        assert rows == [(0, "Spain", 7, "04", 0), (1, "fishing fleet", None, "19", 1)]
        assert store.integrity_check() == "ok"


def test_events_command(db: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(app, ["events", "--db", str(db), "--source", "Portugal", "--json"])
    assert r.exit_code == 0, r.output
    assert {e["cameo"] for e in json.loads(r.output)["items"]} == {"111", "046"}
    r = runner.invoke(app, ["events", "--db", str(db), "--code", "17"])
    assert r.exit_code == 0 and "arrested" in r.output and "coerce" in r.output
    r = runner.invoke(app, ["events", "--db", str(db), "--actor", "Nobody"])
    assert r.exit_code == 0 and "no events found" in r.output


def test_events_endpoint(db: Path) -> None:
    with _client(db) as client:
        body = client.get("/api/events?actor=Portugal").json()
        assert body["total"] == 2 and {e["cameo"] for e in body["items"]} == {"111", "046"}
        assert client.get("/api/events?code=17").json()["items"][0]["source_name"] == "Police"
        assert client.get("/api/events?negated=true&target=fishing%20fleet").json()["total"] == 1
        assert client.get("/api/events?code=x1").status_code == 422
        assert client.get("/api/counts").json()["events"] == 4


def test_export_events(db: Path, tmp_path: Path) -> None:
    from newsgraph.corpus.export import export

    out = tmp_path / "events.jsonl"
    with Store(db, readonly=True) as store:
        export(store, "events", "jsonl", out)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 4 and {r["cameo"] for r in rows} == {"173", "111", "046", "190"}
    assert next(r for r in rows if r["cameo"] == "046")["target_entity"] == "Spain"


def test_events_page(db: Path) -> None:
    with _client(db) as client:
        r = client.get("/events?actor=Portugal")
        assert r.status_code == 200 and "held talks" in r.text and "condemned" in r.text
        assert 'href="/events" aria-current="page"' in r.text
        r = client.get("/events?code=17")
        assert "arrested" in r.text and "Portugal" not in r.text.split("<h1>", 1)[1].split("</ul>")[0]
        assert client.get("/events?code=abc").status_code == 422


def test_story_lists_key_events(db: Path) -> None:
    with Store(db, readonly=True) as store:
        sid = store.conn.execute("SELECT story_id FROM story_members m JOIN articles a ON a.id = m.article_id "
                                 "WHERE a.title = 'Iberian talks'").fetchone()[0]
        story = queries.story(store, sid)
        assert [(e["verb"], e["reports"]) for e in story["events"]] == [("held talks", 1)]  # negated one left out
        assert queries.events(store, story=sid, include_negated=True)["total"] == 2


def test_entity_lists_its_events(db: Path) -> None:
    with Store(db, readonly=True) as store:
        spain = queries.entity(store, "Spain")
        assert [e["cameo"] for e in spain["events"]["items"]] == ["046"]  # the negated attack is left out
    r = CliRunner().invoke(app, ["entity", "Portugal", "--db", str(db)])
    assert r.exit_code == 0 and "Events with Portugal (2)" in r.output
    with _client(db) as client:
        assert client.get("/api/entities/Portugal").json()["events"]["total"] == 2
        page = client.get("/entities/Portugal")
        assert page.status_code == 200 and "Events with Portugal (2)" in page.text and "condemned" in page.text
