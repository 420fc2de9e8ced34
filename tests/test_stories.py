"""Story clustering: same event joins, different events stay apart, labels, time decay, queries."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsgraph.corpus import schema, stories
from newsgraph.corpus import textvec as tv
from newsgraph.model import Article, Entity, Mention, Source


def make(title: str, paras: list[str], published: str | None = None, outlet: str | None = None,
         entities: dict[str, str] | None = None) -> Article:
    a = Article(title=title, source=Source(published=published, outlet=outlet))
    a.set_paragraphs(paras)
    a.entities = [Entity(id=f"e{i}", name=n, type=t, mentions=[Mention(start=0, end=1, text=n)])
                  for i, (n, t) in enumerate((entities or {}).items())]
    return a


def connect(path: str = ":memory:") -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, title TEXT, outlet TEXT, "
                 "published TEXT, text TEXT)")
    for ddl in schema.split_sql(schema.COPIES_STORIES_DDL):
        conn.execute(ddl)
    return conn


def ingest(conn: sqlite3.Connection, *articles: Article) -> list[int]:
    sc = stories.StoryClusterer(conn)
    out = []
    for a in articles:
        conn.execute("INSERT OR IGNORE INTO articles VALUES (?, ?, ?, ?, ?)",
                     (a.id, a.title, a.source.outlet, a.source.published, a.text))
        out.append(sc.add(a))
    return out


CHILE = {"Chile": "GPE", "Valparaiso": "GPE", "Michelle Bachelet": "PERSON", "USGS": "ORG"}
ITALY = {"Italy": "GPE", "L'Aquila": "GPE", "Silvio Berlusconi": "PERSON", "USGS": "ORG"}

QUAKE_A1 = make("Magnitude 6.1 earthquake shakes central Chile", [
    "A magnitude 6.1 earthquake struck off the coast of central Chile near Valparaiso on Tuesday, the USGS said.",
    "Buildings swayed in Santiago and residents of Valparaiso fled into the streets; two people were injured.",
    "President Michelle Bachelet said tsunami sirens were tested but no tsunami warning was issued for Chile.",
], "2014-03-18", "Wire One", CHILE)
QUAKE_A2 = make("Chile quake: Bachelet says no tsunami threat after 6.1 tremor", [
    "Chilean President Michelle Bachelet said there was no tsunami threat after a 6.1 magnitude tremor hit Valparaiso.",
    "The USGS located the earthquake offshore of central Chile; Valparaiso residents spent the night outdoors.",
    "Two people were injured in Valparaiso and minor damage was reported in Santiago, officials in Chile said.",
], "2014-03-18", "Daily Two", CHILE)
QUAKE_A3 = make("Valparaiso residents return home after Chile earthquake", [
    "Residents of Valparaiso returned home on Wednesday, a day after the 6.1 magnitude earthquake in central Chile.",
    "Michelle Bachelet visited Valparaiso and said damage from the earthquake was limited; the USGS recorded aftershocks.",
], "2014-03-19", "Paper Three", CHILE)
QUAKE_B1 = make("Deadly 6.3 earthquake devastates L'Aquila in Italy", [
    "A 6.3 magnitude earthquake destroyed much of the medieval town of L'Aquila in central Italy, killing 150 people.",
    "Prime Minister Silvio Berlusconi declared a state of emergency and cancelled a trip to Moscow, the USGS said.",
    "Rescuers in L'Aquila dug through rubble for survivors; thousands of people in Italy were left homeless.",
], "2009-04-06", "Wire One", ITALY)
QUAKE_B2 = make("Berlusconi visits L'Aquila as Italy quake toll rises", [
    "Silvio Berlusconi visited L'Aquila as the death toll from the 6.3 magnitude earthquake in Italy rose to 150.",
    "Rescuers pulled survivors from collapsed homes in L'Aquila; the USGS said the quake was shallow.",
    "Tens of thousands of people in the Abruzzo region of Italy were left homeless by the earthquake.",
], "2009-04-06", "Daily Two", ITALY)


def test_same_event_from_different_outlets_joins():
    conn = connect()
    ids = ingest(conn, QUAKE_A1, QUAKE_A2, QUAKE_A3)
    assert ids[0] is not None and len(set(ids)) == 1
    detail = stories.story_detail(conn, ids[0])
    assert detail["n_articles"] == 3
    assert {a["outlet"] for a in detail["articles"]} == {"Wire One", "Daily Two", "Paper Three"}


def test_same_kind_of_event_with_shared_entities_stays_separate():
    conn = connect()
    a1, b1, a2, b2 = ingest(conn, QUAKE_A1, QUAKE_B1, QUAKE_A2, QUAKE_B2)
    assert a1 == a2 and b1 == b2 and a1 != b1
    assert stories.story_of(conn, QUAKE_B2.id)["id"] == b1
    listed = stories.list_stories(conn)
    assert {s["id"] for s in listed} == {a1, b1}
    assert all(s["n_articles"] == 2 for s in listed)


def test_label_is_a_member_title_and_articles_in_time_order():
    conn = connect()
    later = make("Bachelet tours Valparaiso damage two days after Chile earthquake", [
        "Michelle Bachelet toured Valparaiso on Thursday to inspect damage from the 6.1 magnitude earthquake in Chile.",
        "The USGS said aftershocks continued off central Chile; two people injured in Valparaiso remain in hospital.",
    ], "2014-03-20", "Paper Four", CHILE)
    sid = ingest(conn, later, QUAKE_A2, QUAKE_A1)[0]
    detail = stories.story_detail(conn, sid)
    titles = {a["title"] for a in detail["articles"]}
    assert detail["label"] in titles
    assert [a["published"] for a in detail["articles"]] == sorted(a["published"] for a in detail["articles"])
    assert {"Michelle Bachelet", "Valparaiso"} <= {e["name"] for e in detail["entities"]}
    assert stories.list_stories(conn, entity="michelle bachelet")[0]["id"] == sid
    assert stories.list_stories(conn, entity="Silvio Berlusconi") == []
    assert stories.list_stories(conn, since="2014-03-21") == []


def test_time_decay_keeps_far_apart_articles_apart():
    conn = connect()
    same_day = make(QUAKE_A2.title, [p.text for p in QUAKE_A2.paragraphs], "2014-03-18", "Daily Two", CHILE)
    year_later = make(QUAKE_A2.title + " (anniversary)", [p.text for p in QUAKE_A2.paragraphs][:2],
                      "2015-03-18", "Daily Two", CHILE)
    first, second, third = ingest(conn, QUAKE_A1, same_day, year_later)
    assert first == second
    assert third != first
    # without dates the same texts would join: the decay, not the text, separates them
    conn2 = connect()
    undated = make(year_later.title, [p.text for p in year_later.paragraphs], None, "Daily Two", CHILE)
    x, y = ingest(conn2, QUAKE_A1, undated)
    assert x == y
    sc = stories.StoryClusterer(conn2)
    assert sc._decay(stories._to_date("2014-03-25"), "2014-03-18", "2014-03-18") < 1.0
    assert sc._decay(None, "2014-03-18", "2014-03-18") == 1.0


def test_incremental_across_sessions_and_idempotent(tmp_path: Path):
    db = str(tmp_path / "s.db")
    conn = connect(db)
    sid = ingest(conn, QUAKE_A1)[0]
    conn.commit()
    conn.close()
    conn = connect(db)
    assert ingest(conn, QUAKE_A2, QUAKE_A1) == [sid, sid]  # joins across sessions; re-adding is a no-op
    conn.commit()
    assert stories.story_detail(conn, sid)["n_articles"] == 2
    assert stories.story_detail(conn, 999) is None
    assert stories.story_of(conn, "nope") is None


def test_empty_article_is_skipped():
    conn = connect()
    a = Article(title=None)
    a.set_paragraphs([])
    assert ingest(conn, a) == [None]
    assert stories.list_stories(conn) == []


# -- event details (persons, places, years, numbers) --------------------------
def test_detail_counts_extracts_persons_places_years_numbers():
    a = make("Magnitude 6.1 quake hits Valparaiso in 2014", [
        "The 6.1 quake killed 12 people in Valparaiso on 2014-03-18, Michelle Bachelet said.",
    ], entities={"Michelle Bachelet": "PERSON", "Valparaiso": "GPE", "USGS": "ORG"})
    d = stories.tv.detail_counts(a)
    assert d["p:michelle bachelet"] == 1 and d["l:valparaiso"] == 1
    assert not any(k.endswith("usgs") for k in d)  # organisations are not event details
    assert d["y:2014"] == 2 and d["n:6.1"] == 2 and d["n:12"] == 1
    assert "n:2014" not in d


def test_detail_similarity_rewards_shared_rare_specifics():
    df, n = {"p:tara reid": 2, "p:lindsay lohan": 2, "y:2008": 3, "y:2013": 3, "l:malibu": 1}, 100
    article = {"p:tara reid": 3, "y:2008": 1, "l:malibu": 1}
    same = {"p:tara reid": 2, "y:2008": 2, "l:malibu": 1}
    other = {"p:lindsay lohan": 2, "y:2013": 2}
    sim_same = stories.tv.detail_similarity(article, same, df, n)
    assert 2.9 < sim_same <= 3.0 + 1e-9  # three kinds, each a perfect match
    assert stories.tv.detail_similarity(article, other, df, n) == 0.0
    assert stories.tv.detail_similarity({}, same, df, n) == 0.0


REHAB = "checked into a rehab treatment center, her representative confirmed."
REID = {"Tara Reid": "PERSON", "Malibu": "GPE"}
LOHAN = {"Lindsay Lohan": "PERSON", "Rancho Mirage": "GPE"}
REID_1 = make("Tara Reid checks into rehab", [
    f"Actress Tara Reid {REHAB}", "Reid entered the Promises clinic in Malibu in 2008 after a party season."],
    entities=REID)
REID_2 = make("Tara Reid enters Malibu rehab", [
    f"Tara Reid {REHAB}", "The Malibu stay in 2008 follows months of partying, friends of Reid said."],
    entities=REID)
LOHAN_1 = make("Lindsay Lohan checks into rehab", [
    f"Actress Lindsay Lohan {REHAB}", "Lohan began a 90 day court ordered stay in Rancho Mirage in 2013."],
    entities=LOHAN)
LOHAN_2 = make("Lindsay Lohan enters Betty Ford", [
    f"Lindsay Lohan {REHAB}", "A judge ordered Lohan to spend 90 days in Rancho Mirage in 2013."],
    entities=LOHAN)


def test_same_type_events_with_conflicting_details_stay_apart():
    conn = connect()
    r1, l1, r2, l2 = ingest(conn, REID_1, LOHAN_1, REID_2, LOHAN_2)
    assert r1 == r2 and l1 == l2 and r1 != l1
    rows = dict(conn.execute("SELECT key, count FROM story_details WHERE story_id = ?", (r1,)))
    assert rows["p:tara reid"] == 2 and rows["y:2008"] == 2 and "p:lindsay lohan" not in rows


def test_detail_bonus_adds_to_text_similarity():
    sims = []
    for weight in (0.0, 0.15):
        conn = connect()
        sc = stories.StoryClusterer(conn, stories.StoryConfig(detail_weight=weight, threshold=0.0))
        for background in (QUAKE_A1, QUAKE_B1, QUAKE_B2):  # shared details must be rare to count
            sc.warm_up(background)
        assert sc.add(REID_1) == sc.add(REID_2)
        sims.append(stories.story_of(conn, REID_2.id)["similarity"])
        assert conn.execute("SELECT COUNT(*) FROM story_details").fetchone()[0] > 0  # recorded either way
    assert sims[1] > sims[0] + 0.2  # person, place and year all match


def test_candidate_lookup_skips_very_common_terms_but_keeps_the_rarest():
    conn = connect()
    cfg = stories.StoryConfig(lookup_df_floor=10, lookup_df_share=0.02, lookup_min_terms=2)
    sc = stories.StoryClusterer(conn, cfg)
    df = {"said": 900, "police": 300, "valparaiso": 4, "bachelet": 3, "tsunami": 8}
    terms = list(df)
    # cap = max(10, 0.02 * 1000) = 20: the two common terms are not looked up
    assert sc._lookup_terms(terms, df, 1000) == ["valparaiso", "bachelet", "tsunami"]
    # terms under the floor are always looked up (small corpora lose nothing)
    assert sc._lookup_terms(terms, {t: 5 for t in terms}, 1000) == terms
    # when almost every term is common, the rarest lookup_min_terms are still used
    common = {"said": 900, "police": 300, "city": 500}
    assert sc._lookup_terms(list(common), common, 1000) == ["police", "city"]


def test_term_index_follows_each_centroid_and_keeps_unchanged_rows():
    """After every join, a story's indexed terms are its centroid's top terms; rows for terms that
    stay on top are not deleted and written again."""
    conn = connect()
    sc = stories.StoryClusterer(conn)
    written: list[str] = []
    conn.set_trace_callback(written.append)
    for a in (QUAKE_A1, QUAKE_A2, QUAKE_A3):
        conn.execute("INSERT OR IGNORE INTO articles VALUES (?, ?, ?, ?, ?)",
                     (a.id, a.title, a.source.outlet, a.source.published, a.text))
        sid = sc.add(a)
        n_docs = sc._n_docs()
        centroid = tv.loads(conn.execute("SELECT centroid FROM stories WHERE story_id = ?", (sid,)).fetchone()[0])
        cdf = sc._df(set(centroid))
        expected = set(tv.top_terms(tv.idf_weight(centroid, cdf, n_docs, sc.config.entity_boost), sc.config.index_terms))
        indexed = {t for (t,) in conn.execute("SELECT term FROM story_terms WHERE story_id = ?", (sid,))}
        assert indexed and len(indexed) <= sc.config.index_terms
        assert len(indexed & expected) >= len(indexed) - 2  # same top terms (ties may order differently)
    conn.set_trace_callback(None)
    assert len({sc.add(a) for a in (QUAKE_A1, QUAKE_A2, QUAKE_A3)}) == 1  # one story
    assert not any(s.startswith("DELETE FROM story_terms WHERE story_id") for s in written)
    inserted = sum(1 for s in written if s.startswith("INSERT OR IGNORE INTO story_terms"))
    assert inserted < 3 * sc.config.index_terms  # joins insert only the terms new to the top
