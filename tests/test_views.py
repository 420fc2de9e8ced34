"""Declarative views (keyset paging, capped totals, facets, downloads) and name lookups that never
return a silent subset. Literal fixtures written here: small made-up articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.api.samples import make_article
from newsgraph.corpus import Store, names, queries, views


def _speech(i: int, speaker: str, line: str, day: int, outlet: str = "Tarn Gazette") -> object:
    paras = [f"Officials met in Lowmere on day {i} to discuss the ferry timetable and the new pier.",
             f"“{line},” said {speaker}, speaking after the meeting."]
    return make_article(f"Ferry talks, round {i}", paras, outlet=outlet, published=f"2025-04-{day:02d}",
                        entities=[(speaker, "PERSON", [speaker.split()[-1]], []), ("Lowmere", "GPE", [], [])],
                        quotes=[(f"“{line},”", speaker, "direct", "said")])


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    path = Path(tmp_path_factory.mktemp("views")) / "v.db"
    arts = [_speech(i, "Dara Venn", f"The pier opens in spring number {i}", 1 + i) for i in range(4)]
    arts.append(_speech(10, "Mira Venn", "The timetable is a mess", 12, outlet="Pier Post"))
    arts += [_speech(20 + i, "Tess Okoro", f"Fares will hold at level {i}", 14 + i) for i in range(2)]
    arts += [_speech(30 + i, "Femi Okoro", f"Fares must fall by {i} percent", 17 + i) for i in range(2)]
    police = make_article("Pier closed after storm", ["The pier stayed shut on Friday, police said, as waves rose."],
                          outlet="Pier Post", published="2025-04-25",
                          quotes=[("The pier stayed shut on Friday", "police", "indirect", "said")])
    arts.append(police)
    with Store(path) as s:
        for a in arts:
            assert s.add_article(a)
    st = Store(path, readonly=True)
    yield st
    st.close()


def test_keyset_pages_cover_every_row_once_newest_first(store):
    seen, cursor = [], None
    while True:
        page = views.run(store, "articles", {}, limit=3, cursor=cursor)
        seen += [(a["published"], a["id"]) for a in page.items]
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert len(seen) == len({i for _, i in seen}) == 10
    assert [p for p, _ in seen] == sorted((p for p, _ in seen), reverse=True)
    with pytest.raises(views.ViewError, match="bad cursor"):
        views.run(store, "articles", {}, cursor="not-a-cursor")


def test_total_is_counted_up_to_a_cap(store, monkeypatch):
    assert views.run(store, "quotes", {}).total == 10
    monkeypatch.setattr(views, "COUNT_CAP", 4)
    page = views.run(store, "quotes", {}, limit=2)
    assert (page.total, page.total_capped, page.total_label) == (4, True, "4+")


def test_facets_and_filters(store):
    page = views.run(store, "quotes", {}, facets=True)
    speakers = {f["value"]: f["count"] for f in page.facets["speaker"]}
    assert speakers["Dara Venn"] == 4 and speakers["Mira Venn"] == 1
    assert {f["value"] for f in page.facets["outlet"]} == {"Tarn Gazette", "Pier Post"}
    by_outlet = views.run(store, "quotes", {"outlet": "Pier Post"})
    assert by_outlet.total == 2 and {q["article"]["outlet"] for q in by_outlet.items} == {"Pier Post"}
    april = views.run(store, "articles", {"since": "2025-04-14", "until": "2025-04-15"})
    assert {a["published"] for a in april.items} == {"2025-04-14", "2025-04-15"}
    with pytest.raises(views.ViewError):
        views.run(store, "articles", {"since": "last week"})


def test_surname_resolves_to_the_dominant_entity_naming_the_others(store):
    res = names.resolve(store.conn, "Venn", "speaker")
    assert res.status == "entity" and res.entity.name == "Dara Venn" and res.entity.count == 4
    assert [c.name for c in res.others] == ["Mira Venn"]
    page = views.run(store, "quotes", {"speaker": "Venn"})
    assert page.total == 4 and {q["speaker"]["name"] for q in page.items} == {"Dara Venn"}
    assert page.resolved["speaker"]["others"][0]["name"] == "Mira Venn"  # not a silent subset
    assert "also: Mira Venn (1)" in res.message()


def test_ambiguous_name_lists_candidates_and_no_rows(store):
    page = views.run(store, "quotes", {"speaker": "Okoro"})
    assert page.items == [] and page.total == 0
    r = page.resolved["speaker"]
    assert r["status"] == "ambiguous" and {c["name"] for c in r["others"]} == {"Tess Okoro", "Femi Okoro"}
    # the full name is not ambiguous; an id picks one candidate
    assert views.run(store, "quotes", {"speaker": "Femi Okoro"}).total == 2
    fid = next(c["id"] for c in r["others"] if c["name"] == "Femi Okoro")
    assert views.run(store, "quotes", {"speaker_id": fid}).total == 2


def test_unlinked_speaker_matches_as_written_and_unknown_is_none(store):
    page = views.run(store, "quotes", {"speaker": "Police"})
    assert page.resolved["speaker"]["status"] == "text" and page.total == 1
    none = views.run(store, "quotes", {"speaker": "Nobody Here"})
    assert none.resolved["speaker"]["status"] == "none" and none.items == []
    assert queries.quotes(store, speaker="Venn")["total"] == 4  # the library wrapper resolves the same way


def test_downloads_histograms_and_counts(store):
    rows = list(views.iter_rows(store, "quotes", {"speaker": "Dara Venn"}, batch=3))
    assert len(rows) == 4
    csv_text = views.to_csv("quotes", rows)
    assert csv_text.splitlines()[0] == "published,speaker,kind,quote,outlet,article" and len(csv_text.splitlines()) == 5
    assert views.csv_cell("=SUM(A1)") == "'=SUM(A1)" and views.csv_cell("plain") == "plain"
    hist = views.histogram(store, "articles", {})
    assert hist["bins"] == [{"label": "2025-04", "count": 10}] and not hist["capped"]
    est = views.estimate_counts(store)
    assert est["articles"] == 10 and est["quotes"] == 10 and est["outlets"] == 2


def test_stories_min_articles_and_outlets(store):
    all_stories = views.run(store, "stories", {"min_articles": 1})
    multi = views.run(store, "stories", {"min_articles": 2})
    assert all(s["n_articles"] >= 2 for s in multi.items) and len(multi.items) <= len(all_stories.items)
    outlets = views.run(store, "outlets", {})
    assert [(o["name"], o["article_count"]) for o in outlets.items] == [("Tarn Gazette", 8), ("Pier Post", 2)]


def test_every_view_runs_and_declares_its_parts(store):
    for name, view in views.VIEWS.items():
        params = {"q": "pier"} if name == "search" else {}
        page = views.run(store, name, params, limit=2, facets=True)
        assert page.view == name and view.columns and view.orders
        assert set(page.facets) == {f.name for f in view.facets}
    search = views.run(store, "search", {"q": "ferry"}, limit=3)
    assert search.total == 9 and len(search.items) == 3 and search.next_cursor
    newest = views.run(store, "search", {"q": "ferry"}, order="newest", limit=20)
    assert len(newest.items) == 9
    sources = views.run(store, "sources", {})
    assert sources.total == 0  # no citations in these articles


def test_entity_by_surname_names_the_others(store):
    ent = queries.entity(store, "Venn")
    assert ent["name"] == "Dara Venn" and [o["name"] for o in ent["other_matches"]] == ["Mira Venn"]
    assert ent["resolved"]["status"] == "entity" and ent["quotes_by"]["total"] == 4
    amb = queries.entity(store, "Okoro")
    assert amb["resolved"]["status"] == "ambiguous"
    assert {amb["name"], *(o["name"] for o in amb["other_matches"])} == {"Tess Okoro", "Femi Okoro"}
    assert queries.entity(store, "Nobody Here") is None
