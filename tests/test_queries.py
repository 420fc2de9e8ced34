"""Corpus queries and the corpus CLI commands over a small store built from hand-made Articles."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.corpus import Store, queries
from newsgraph.corpus.export import ExportError, export
from newsgraph.model import Article, Entity, Mention, Quote, Source, SourceCitation

TARIFF_1 = [
    "White House Press Secretary Karoline Leavitt defended the new steel tariff plan on Monday, "
    "telling reporters in Washington that the Commerce Department proposal would shield factories "
    "in Ohio and Pennsylvania from cheap imports.",
    "\"The plan protects American steel workers and their families,\" Leavitt said at the briefing.",
    "Critics in Congress warned that the steel tariff plan would raise prices for carmakers and "
    "builders, and several senators asked the Commerce Department to publish its economic analysis.",
]
TARIFF_2 = TARIFF_1 + ["This article was syndicated from the Associated Press wire service."]
TARIFF_3 = [
    "Press Secretary Karoline Leavitt on Tuesday again defended the steel tariff plan, a day after "
    "critics in Congress said the Commerce Department proposal would raise prices for carmakers.",
    "Leavitt said the steel tariff plan would shield factories in Ohio and Pennsylvania from cheap "
    "imports and protect American steel workers.",
    "Senator Maria Lopez said the Commerce Department had still not published its economic analysis "
    "of the steel tariff plan, and that carmakers and builders would pay more.",
]
FOOTBALL = [
    "Manchester United beat Arsenal 2-1 at Old Trafford on Saturday thanks to a late header from "
    "their captain, lifting the club to fourth place in the league table.",
    "\"We never stopped believing,\" the manager Erik Holm said after the match.",
]
LEAVITT_ONLY = [
    "Leavitt also announced a new briefing schedule for the White House press corps on Wednesday.",
]


def _mentions(text: str, *forms: str) -> list[Mention]:
    out = []
    for form in forms:
        for m in re.finditer(re.escape(form), text):
            if not any(o.start <= m.start() < o.end for o in out):
                out.append(Mention(start=m.start(), end=m.end(), text=form))
    return sorted(out, key=lambda m: m.start)


def _quote(text: str, body: str, kind: str, speaker: str | None, speaker_id: str | None, cue: str) -> Quote:
    start = body.index(text)
    return Quote(text=text, kind=kind, speaker=speaker, speaker_id=speaker_id, speaker_text=speaker,
                 cue=cue, start=start, end=start + len(text))


def make_article(title: str, paragraphs: list[str], outlet: str, published: str | None) -> Article:
    a = Article(title=title, source=Source(outlet=outlet, published=published, path=f"/news/{outlet}.txt"),
                language="en")
    a.set_paragraphs(paragraphs)
    return a


def tariff_article(paragraphs: list[str], outlet: str, published: str, leavitt_name: str) -> Article:
    a = make_article("Leavitt defends steel tariff plan", paragraphs, outlet, published)
    body = a.text
    a.entities = [
        Entity(id="e0", name=leavitt_name, type="PERSON", aliases=["Leavitt"], roles=["Press Secretary"],
               mentions=_mentions(body, "White House Press Secretary Karoline Leavitt",
                                  "Press Secretary Karoline Leavitt", "Leavitt")),
        Entity(id="e1", name="Commerce Department", type="ORG", mentions=_mentions(body, "Commerce Department")),
        Entity(id="e2", name="Ohio", type="GPE", mentions=_mentions(body, "Ohio")),
    ]
    quote = "The plan protects American steel workers and their families," if '"The plan' in body else \
        "the steel tariff plan would shield factories in Ohio and Pennsylvania from cheap imports"
    kind = "direct" if quote.startswith("The plan") else "indirect"
    a.quotes = [_quote(quote, body, kind, "Karoline Leavitt", "e0", "said")]
    if "Maria Lopez" in body:
        a.entities.append(Entity(id="e3", name="Maria Lopez", type="PERSON", roles=["Senator"],
                                 mentions=_mentions(body, "Maria Lopez")))
        a.quotes.append(_quote("the Commerce Department had still not published its economic analysis", body,
                               "indirect", "Maria Lopez", "e3", "said"))
    a.sources = [SourceCitation(outlet="Associated Press", kind="agency", start=0, end=5)]
    return a


def football_article() -> Article:
    a = make_article("United edge Arsenal", FOOTBALL, "Sports Daily", "2025-02-15")
    body = a.text
    a.entities = [
        Entity(id="e0", name="Manchester United", type="ORG", mentions=_mentions(body, "Manchester United")),
        Entity(id="e1", name="Arsenal", type="ORG", mentions=_mentions(body, "Arsenal")),
        Entity(id="e2", name="Erik Holm", type="PERSON", roles=["manager"], mentions=_mentions(body, "Erik Holm")),
    ]
    a.quotes = [_quote("We never stopped believing,", body, "direct", "Erik Holm", "e2", "said")]
    return a


def leavitt_only_article() -> Article:
    a = make_article("Briefing schedule", LEAVITT_ONLY, "Press Wire", None)
    a.entities = [Entity(id="e0", name="Leavitt", type="PERSON", mentions=_mentions(a.text, "Leavitt"))]
    return a


@pytest.fixture
def corpus(tmp_path: Path) -> dict:
    arts = {
        "a1": tariff_article(TARIFF_1, "AP", "2025-03-03T09:00:00Z", "Karoline Leavitt"),
        "a2": tariff_article(TARIFF_2, "Daily Mirror", "2025-03-03T15:30:00Z", "Karoline Leavitt"),
        "a3": tariff_article(TARIFF_3, "Reuters", "2025-03-04", "Press Secretary Karoline Leavitt"),
        "fb": football_article(),
        "lv": leavitt_only_article(),
    }
    db = tmp_path / "corpus.db"
    with Store(db) as store:
        for a in arts.values():
            assert store.add_article(a)
    return {"db": db, "ids": {k: a.id for k, a in arts.items()}}


@pytest.fixture
def store(corpus: dict):
    with Store(corpus["db"], readonly=True) as s:
        yield s


# -- queries ---------------------------------------------------------------------
def test_counts_and_articles(store: Store, corpus: dict) -> None:
    c = queries.counts(store)
    assert c["articles"] == 5 and c["quotes"] == 5 and c["outlets"] == 5
    page = queries.articles(store, limit=2)
    assert page["total"] == 5 and len(page["items"]) == 2 and page["has_more"]
    assert page["items"][0]["id"] == corpus["ids"]["a3"]  # newest first
    rest = queries.articles(store, limit=10, offset=2)
    assert len(rest["items"]) == 3 and not rest["has_more"]
    assert rest["items"][-1]["id"] == corpus["ids"]["lv"]  # unknown date last
    march = queries.articles(store, since="2025-03-01", until="2025-03-03")
    assert {a["id"] for a in march["items"]} == {corpus["ids"]["a1"], corpus["ids"]["a2"]}


def test_article(store: Store, corpus: dict) -> None:
    aid = corpus["ids"]["a1"]
    a = queries.article(store, aid)
    assert a is not None and a["article"]["id"] == aid and a["article"]["schema"] == "newsgraph.article/1"
    assert Article.from_dict(a["article"]).title == "Leavitt defends steel tariff plan"
    assert {e["corpus_name"] for e in a["entities"]} >= {"Karoline Leavitt", "Commerce Department"}
    assert queries.article(store, aid[:8])["article"]["id"] == aid  # unique prefix
    assert queries.article(store, "0" * 16) is None


def test_entity_linking_across_articles(store: Store, corpus: dict) -> None:
    e = queries.entity(store, "karoline leavitt")
    assert e is not None and e["name"] == "Karoline Leavitt" and e["type"] == "PERSON"
    # "Karoline Leavitt" (a1, a2), "Press Secretary Karoline Leavitt" (a3) and bare "Leavitt" (lv): one entity
    assert e["article_count"] == 4
    assert {a["id"] for a in e["articles"]["items"]} == {corpus["ids"][k] for k in ("a1", "a2", "a3", "lv")}
    assert {"role": "Press Secretary", "count": 3} in e["roles"]
    assert {a["alias"] for a in e["aliases"]} >= {"Karoline Leavitt", "Leavitt"}
    assert e["quotes_by"]["total"] == 3
    assert any(q["speaker"]["name"] == "Maria Lopez" for q in e["quotes_about"]["items"]) is False
    co = {c["name"]: c["articles"] for c in e["cooccurring"]}
    assert co["Commerce Department"] == 3 and co["Maria Lopez"] == 1
    assert queries.entity(store, "Leavitt")["id"] == e["id"]  # unique surname
    assert queries.entity(store, "PRESS SECRETARY KAROLINE LEAVITT")["id"] == e["id"]
    assert queries.entity(store, e["id"])["name"] == "Karoline Leavitt"  # by id
    assert queries.entity(store, "Nobody Atall") is None
    paged = queries.entity(store, "Leavitt", limit=1)
    assert len(paged["articles"]["items"]) == 1 and paged["articles"]["has_more"]


def test_quotes_filters(store: Store, corpus: dict) -> None:
    by = queries.quotes(store, speaker="Karoline Leavitt")
    assert by["total"] == 3
    assert [q["article"]["id"] for q in by["items"]][0] == corpus["ids"]["a3"]  # newest first
    assert queries.quotes(store, speaker="leavitt")["total"] == 3
    assert queries.quotes(store, speaker="Erik Holm")["items"][0]["text"].startswith("We never")
    about = queries.quotes(store, about="Commerce Department")
    assert about["total"] == 1 and about["items"][0]["speaker"]["name"] == "Maria Lopez"
    assert about["items"][0]["about"] == [{"id": about["items"][0]["about"][0]["id"], "name": "Commerce Department",
                                           "type": "ORG"}]
    ohio = queries.quotes(store, about="Ohio")
    assert ohio["total"] == 1 and ohio["items"][0]["kind"] == "indirect"
    assert queries.quotes(store, speaker="Leavitt", since="2025-03-04")["total"] == 1
    assert queries.quotes(store, speaker="Leavitt", until="2025-03-03")["total"] == 2
    assert queries.quotes(store, speaker="Somebody Else")["total"] == 0
    assert queries.quotes(store, about="Nowhere")["items"] == []
    page = queries.quotes(store, limit=2, offset=1)
    assert len(page["items"]) == 2 and page["total"] == 5 and page["has_more"]


def test_search(store: Store, corpus: dict) -> None:
    res = queries.search(store, "tariff")
    assert res["total"] == 3
    assert res["items"][0]["title_highlight"] == "Leavitt defends steel [tariff] plan"
    assert "[tariff]" in res["items"][0]["snippet"]
    assert queries.search(store, "tariffs")["total"] == 3  # porter stemming
    assert queries.search(store, '"Old Trafford"')["items"][0]["id"] == corpus["ids"]["fb"]
    assert queries.search(store, "title:arsenal")["total"] == 1
    # FTS syntax errors fall back to plain words instead of failing
    assert queries.search(store, 'Leavitt AND (')["total"] >= 1
    assert queries.search(store, "tariff-plan")["total"] == 3  # phrase "tariff plan"
    assert queries.search(store, "Leavitt's plan")["total"] == 0  # needs the possessive
    assert queries.search(store, 'steel "tariff')["total"] == 3
    with pytest.raises(queries.QueryError):
        queries.search(store, "   ")
    with pytest.raises(queries.QueryError):
        queries.search(store, "*** ((")
    with pytest.raises(queries.QueryError):
        queries.search(store, "AND (", syntax="fts")
    html = queries.search(store, "arsenal", mark=("<mark>", "</mark>"))
    assert "<mark>Arsenal</mark>" in html["items"][0]["snippet"]


def test_copies_and_stories(store: Store, corpus: dict) -> None:
    ids = corpus["ids"]
    groups = queries.copies(store)["items"]
    assert len(groups) >= 1
    g = next(g for g in groups if g["original"]["id"] == ids["a1"])  # earliest published is the original
    assert ids["a2"] in {c["id"] for c in g["copies"]} and g["original"]["outlet"] == "AP"

    st = queries.stories(store)
    assert st["items"] and st["total"] >= 2
    sid = queries.article(store, ids["a1"])["story"]["id"]
    s = queries.story(store, sid)
    assert s is not None and s["first_reported_by"]["id"] == ids["a1"]
    assert s["first_reported_by"]["outlet"] == "AP"
    timeline_ids = [e["id"] for e in s["timeline"]]
    assert timeline_ids[0] == ids["a1"]
    if queries.article(store, ids["a2"])["story"]["id"] == sid:  # the copy is folded under its original
        assert ids["a2"] not in timeline_ids
        assert [c["id"] for c in s["timeline"][0]["copies"]] == [ids["a2"]]
    published = [e["published"] for e in s["timeline"] if e["published"]]
    assert published == sorted(published)
    assert any(e["name"] == "Karoline Leavitt" for e in s["entities"])
    assert s["quotes"] and s["quotes"][0]["speaker"]["name"] == "Karoline Leavitt"
    by_entity = queries.stories(store, entity="Leavitt")["items"]
    assert sid in {x["id"] for x in by_entity}
    assert all(x["id"] != queries.article(store, ids["fb"])["story"]["id"] for x in by_entity)
    assert queries.story(store, 999999) is None
    in_story = queries.quotes(store, story=sid)
    assert in_story["total"] >= 2


def test_export_formats(store: Store, tmp_path: Path) -> None:
    buf = io.StringIO()
    assert export(store, "articles", "jsonl", buf, chunk=2) == 5
    docs = [Article.from_json(line) for line in buf.getvalue().splitlines()]
    assert len(docs) == 5 and docs[0].entities
    buf = io.StringIO()
    assert export(store, "quotes", "csv", buf, chunk=4) == 5
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(rows) == 5 and rows[0]["speaker_entity"] == "Karoline Leavitt"
    assert json.loads(rows[0]["about"]) == ["Ohio"] or json.loads(rows[0]["about"]) == []
    buf = io.StringIO()
    assert export(store, "entities", "jsonl", buf) >= 6
    ents = [json.loads(line) for line in buf.getvalue().splitlines()]
    leavitt = next(e for e in ents if e["name"] == "Karoline Leavitt")
    assert leavitt["article_count"] == 4 and "Press Secretary" in leavitt["roles"]
    pq_path = tmp_path / "stories.parquet"
    n = export(store, "stories", "parquet", pq_path, chunk=1)
    import pyarrow.parquet as pq

    t = pq.read_table(pq_path)
    assert t.num_rows == n >= 2 and "article_ids" in t.column_names
    n = export(store, "articles", "parquet", tmp_path / "a.parquet", chunk=2)
    assert pq.read_table(tmp_path / "a.parquet").num_rows == 5 and n == 5
    with pytest.raises(ExportError):
        export(store, "articles", "parquet", None)
    with pytest.raises(ExportError):
        export(store, "nope", "jsonl", io.StringIO())


# -- CLI -------------------------------------------------------------------------
runner = CliRunner(env={"COLUMNS": "200"})


def _run(*args: str) -> "object":
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_cli_commands(corpus: dict, tmp_path: Path) -> None:
    db = str(corpus["db"])
    ids = corpus["ids"]
    r = _run("stories", "--db", db)
    assert r.exit_code == 0 and "Stories" in r.output
    r = _run("stories", "--db", db, "--json", "--entity", "Karoline Leavitt")
    assert r.exit_code == 0 and json.loads(r.output)["items"]
    sid = json.loads(_run("stories", "--db", db, "--json", "--entity", "Leavitt").output)["items"][0]["id"]
    r = _run("story", str(sid), "--db", db)
    assert r.exit_code == 0 and "first reported by" in r.output
    assert json.loads(_run("story", str(sid), "--db", db, "--json").output)["id"] == sid
    assert _run("story", "424242", "--db", db).exit_code == 1
    r = _run("quotes", "--speaker", "Leavitt", "--db", db)
    assert r.exit_code == 0 and "steel workers" in r.output
    r = _run("quotes", "--speaker", "Leavitt", "--about", "Ohio", "--db", db, "--json")
    assert json.loads(r.output)["total"] == 1
    r = _run("quotes", "--speaker", "Leavitt", "--story", str(sid), "--db", db, "--json")
    assert json.loads(r.output)["total"] >= 1
    r = _run("entity", "Karoline Leavitt", "--db", db)
    assert r.exit_code == 0 and "Press Secretary" in r.output and "Commerce Department" in r.output
    assert json.loads(_run("entity", "leavitt", "--db", db, "--json").output)["article_count"] == 4
    assert _run("entity", "Nobody Atall", "--db", db).exit_code == 1
    r = _run("search", "Old Trafford", "--db", db)
    assert r.exit_code == 0 and "United edge Arsenal" in r.output
    assert json.loads(_run("search", "tariff", "--db", db, "--json").output)["total"] == 3
    r = _run("search", "((", "--db", db)
    assert r.exit_code == 2 and "nothing to search" in r.output
    r = _run("copies", "--db", db)
    assert r.exit_code == 0 and "original" in r.output
    assert json.loads(_run("copies", "--db", db, "--json").output)["items"][0]["original"]["id"] == ids["a1"]
    out = tmp_path / "q.csv"
    r = _run("export", "--format", "csv", "--table", "quotes", "--out", str(out), "--db", db)
    assert r.exit_code == 0 and len(list(csv.DictReader(out.open()))) == 5
    r = _run("export", "--format", "jsonl", "--table", "articles", "--db", db)
    assert r.exit_code == 0 and len(r.output.splitlines()) == 5
    r = _run("export", "--format", "parquet", "--db", db)
    assert r.exit_code == 2
    r = _run("export", "--format", "parquet", "--table", "entities", "--out", str(tmp_path / "e.parquet"),
             "--db", db)
    assert r.exit_code == 0 and (tmp_path / "e.parquet").stat().st_size > 0


def test_cli_missing_db(tmp_path: Path) -> None:
    for cmd in (["stories"], ["story", "1"], ["quotes", "--speaker", "x"], ["entity", "x"], ["search", "x"],
                ["copies"], ["export"]):
        r = _run(*cmd, "--db", str(tmp_path / "missing.db"))
        assert r.exit_code == 2, cmd
        assert "no database" in r.output


def test_cli_help() -> None:
    for cmd in ("ingest", "stories", "story", "quotes", "entity", "search", "copies", "export"):
        r = _run(cmd, "--help")
        assert r.exit_code == 0 and "--db" in r.output, cmd
