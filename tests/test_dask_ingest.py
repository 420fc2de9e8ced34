"""Ingest through the Dask engine stores exactly what the local engine stores.

A ``distributed.LocalCluster`` of two worker processes stands in for a real cluster; the same
directory of short articles is ingested once with the local engine and once with the Dask
engine, each into its own database, and every stored table that matters is compared: article
ids (and their ingest order), paragraphs, entities, quotes, corpus entities, copy groups,
stories and the ingest ledger. Copy originals, corpus entity ids and story ids depend on the
order articles are stored, so this also checks that the Dask engine yields in input order.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.corpus import Store
from newsgraph.ingest import ingest_paths
from newsgraph.readers.base import RawDocument

TEXT_STAGES = ("clean", "language")

_FLOOD = (
    "Heavy rain flooded the lower town of Riverton on Tuesday night, forcing two hundred residents to leave "
    "their homes, county officials said on Wednesday.\n\n"
    "\"The water rose faster than anyone expected,\" said Mayor Helen Carter, who toured the damaged streets "
    "with fire crews in the morning.\n\n"
    "The Riverton Fire Department rescued eleven people from flooded cars on the main road, and the school "
    "on Mill Street was turned into an emergency shelter for families.\n\n"
    "Forecasters expect the river to peak on Thursday before the water starts to fall over the weekend.")

ARTICLES = {
    # a report and a lightly edited syndicated copy of it: one duplicate group
    "a_flood.txt": "Floods force hundreds from homes in Riverton\n\nPublished: 2025-03-04\n\n" + _FLOOD,
    "b_flood_copy.txt": "Riverton floods force hundreds from their homes\n\nPublished: 2025-03-05\n\n"
                        + _FLOOD.replace("county officials said on Wednesday", "county officials said")
                        + "\n\nReporting by the Valley News Service.",
    # two differently worded reports of the same event: one story
    "c_strike.txt": "Dock workers strike at Port Belmont\n\nPublished: 2025-03-06\n\n"
                    "Dock workers at Port Belmont walked off the job on Thursday in a dispute over night-shift pay, "
                    "halting container traffic at the busiest port on the coast.\n\n"
                    "\"We will stay out until the company comes back to the table,\" said union leader Marcus Webb.\n\n"
                    "The Belmont Harbour Company said the strike was illegal and urged workers to return.",
    "d_strike.txt": "Port Belmont container traffic halted by dock strike\n\nPublished: 2025-03-07\n\n"
                    "Container traffic at Port Belmont stopped for a second day as dock workers kept up their strike "
                    "over night-shift pay.\n\n"
                    "Union leader Marcus Webb said the dock workers would not return until the Belmont Harbour "
                    "Company reopened talks on pay.\n\n"
                    "Shipping lines began diverting vessels to other ports along the coast.",
    # two unrelated articles
    "e_library.txt": "Central library extends opening hours\n\nPublished: 2025-03-02\n\n"
                     "The central library in Oakfield will stay open until ten in the evening from next month, "
                     "the city council announced on Monday.\n\n"
                     "Students had petitioned the council for longer hours during the exam season.",
    "f_orchestra.txt": "Youth orchestra wins national prize\n\nPublished: 2025-03-03\n\n"
                       "The Oakfield Youth Orchestra won first prize at the national music competition in Granton "
                       "on Saturday.\n\n"
                       "\"They played with real courage,\" said conductor Anna Lindqvist after the final round.",
}
BAD = {"g_scan.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4}  # not text: reported, skipped


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    for name, data in BAD.items():
        (root / name).write_bytes(data)
    return root


def _rows(store: Store, sql: str) -> list[tuple]:
    return [tuple(r) for r in store.conn.execute(sql).fetchall()]


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Everything a user can observe of a corpus, minus timestamps."""
    with Store(db, readonly=True) as s:
        snap = {
            "articles": _rows(s, "SELECT pk, id, title, outlet, published, language, path, text FROM articles "
                                 "ORDER BY pk"),
            "paragraphs": _rows(s, "SELECT article_id, idx, text, char_start, char_end FROM paragraphs "
                                   "ORDER BY article_id, idx"),
            "entities": _rows(s, "SELECT article_id, eid, name, type, aliases, roles, mention_count, corpus_id "
                                 "FROM entities ORDER BY article_id, eid"),
            "mentions": _rows(s, "SELECT article_id, eid, char_start, char_end, text FROM mentions "
                                 "ORDER BY article_id, eid, char_start"),
            "quotes": _rows(s, "SELECT id, article_id, idx, kind, text, speaker, speaker_eid, speaker_entity_id, "
                               "cue, paragraph, char_start, char_end FROM quotes ORDER BY id"),
            "quote_about": _rows(s, "SELECT quote_id, entity_id FROM quote_about ORDER BY 1, 2"),
            "corpus_entities": _rows(s, "SELECT id, name, type, key, article_count, mention_count, "
                                        "first_article_id FROM corpus_entities ORDER BY id"),
            "dedup_groups": _rows(s, "SELECT group_id, original_id FROM dedup_groups ORDER BY group_id"),
            "dedup_members": _rows(s, "SELECT article_id, group_id, kind, round(similarity, 6) FROM dedup_members "
                                      "ORDER BY article_id"),
            "stories": _rows(s, "SELECT story_id, label, n_articles, first_published, last_published FROM stories "
                                "ORDER BY story_id"),
            "story_members": _rows(s, "SELECT article_id, story_id, seq, round(similarity, 6) FROM story_members "
                                      "ORDER BY article_id"),
            "inputs": _rows(s, "SELECT key, idx, raw_hash, article_id, status, error FROM inputs ORDER BY key"),
        }
    return snap


def _ingest(db: Path, root: Path, **kw):
    with Store(db) as store:
        return ingest_paths(store, [str(root)], progress=False, **kw)


def _assert_same(local: dict, remote: dict) -> None:
    assert set(local) == set(remote)
    for table in local:
        assert remote[table] == local[table], f"table {table} differs between the local and the Dask engine"


def test_full_pipeline_dask_stores_the_same_corpus(dask_cluster, inputs: Path, tmp_path: Path) -> None:
    """Default stages (spaCy model on the workers): identical stored results, bad file skipped on both."""
    r_local = _ingest(tmp_path / "local.db", inputs, batch_size=2)
    r_dask = _ingest(tmp_path / "dask.db", inputs, batch_size=2, engine="dask",
                     scheduler=dask_cluster.scheduler_address, shard_dir=str(tmp_path / "shards"))
    for r in (r_local, r_dask):
        assert (r.read, r.stored, r.duplicates, r.failed) == (7, 6, 0, 1)
        assert [Path(label).name for label, _ in r.failures] == ["g_scan.png"]
        assert "binary" in r.failures[0][1]
    assert r_dask.failures == r_local.failures

    local, remote = snapshot(tmp_path / "local.db"), snapshot(tmp_path / "dask.db")
    _assert_same(local, remote)
    assert not list((tmp_path / "shards").glob("*.parquet*"))  # shards consumed and removed

    # the fixture exercises what it claims to: entities, quotes, one copy group, one two-article story
    assert local["entities"] and local["quotes"] and local["corpus_entities"]
    by_path = {Path(row[6]).name: row[1] for row in local["articles"]}
    groups = {}
    for aid, gid, _kind, _sim in local["dedup_members"]:
        groups.setdefault(gid, set()).add(aid)
    assert {by_path["a_flood.txt"], by_path["b_flood_copy.txt"]} in groups.values()
    story_of = {aid: sid for aid, sid, _seq, _sim in local["story_members"]}
    assert story_of[by_path["c_strike.txt"]] == story_of[by_path["d_strike.txt"]]
    assert story_of[by_path["e_library.txt"]] != story_of[by_path["c_strike.txt"]]


def test_cli_dask_ingest_text_stages(dask_cluster, inputs: Path, tmp_path: Path) -> None:
    """`newsgraph ingest --engine dask --scheduler ADDR --shard-dir DIR`: same DB as the local engine, and
    the bad file is reported (exit 1) and skipped; a re-run finds everything already present."""
    runner = CliRunner()
    common = [str(inputs), "--stages", "clean,language", "--batch-size", "1", "--no-progress", "--json"]
    res_local = runner.invoke(app, ["ingest", *common, "--db", str(tmp_path / "local.db")])
    shards = tmp_path / "shared-shards"
    res_dask = runner.invoke(app, ["ingest", *common, "--db", str(tmp_path / "dask.db"), "--engine", "dask",
                                   "--scheduler", dask_cluster.scheduler_address, "--shard-dir", str(shards)])
    assert res_local.exit_code == 1, res_local.output
    assert res_dask.exit_code == 1, res_dask.output
    assert "g_scan.png" in res_dask.output  # reported on stderr (mixed into output by CliRunner)
    assert shards.is_dir() and not list(shards.glob("*.parquet*"))
    _assert_same(snapshot(tmp_path / "local.db"), snapshot(tmp_path / "dask.db"))

    again = runner.invoke(app, ["ingest", *common, "--db", str(tmp_path / "dask.db"), "--engine", "dask",
                                "--scheduler", dask_cluster.scheduler_address, "--shard-dir", str(shards)])
    assert '"already_present": 6' in again.output and '"stored": 0' in again.output, again.output


def test_dask_yields_in_input_order(dask_cluster, tmp_path: Path) -> None:
    """One document per task, many tasks in flight: Articles still come back in input order."""
    from newsgraph.engines.dask import run

    raws = [RawDocument(text=f"Item {i}\n\nParagraph number {i} of the ordering check.", path=f"d{i:02d}.txt",
                        format="text") for i in range(24)]
    out = [a.source.path for a in run(raws, scheduler=dask_cluster.scheduler_address, stages=TEXT_STAGES,
                                      batch_size=1, shard_dir=tmp_path)]
    assert out == [r.path for r in raws]


@pytest.mark.slow  # waits for the 20 s connect timeout
def test_cli_unreachable_scheduler_is_a_one_line_error(inputs: Path, tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["ingest", str(inputs), "--db", str(tmp_path / "c.db"), "--stages", "clean,language",
                                   "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "--no-progress"])
    assert res.exit_code == 2, res.output
    assert "cannot reach Dask scheduler" in res.output and "Traceback" not in res.output
