"""Copy detection: MinHash estimates, exact/near copies, originals, rewrites, incremental sessions."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from newsgraph.corpus import dedup, schema
from newsgraph.corpus.minhash import (MinHashConfig, band_keys, char_shingles, containment_from_jaccard,
                                      containment_many, folded_bytes, jaccard_estimate, jaccard_many, signature,
                                      word_shingles)
from newsgraph.model import Article, Entity, Source, SourceCitation

BODY = [
    "The city council of Riverton voted seven to two on Tuesday to close the Elm Street bridge for repairs.",
    "Engineers found corrosion in three of the steel girders during an inspection in March, the report said.",
    "Mayor Dana Whitfield said the closure would last about eleven weeks and detours would be posted downtown.",
    "Local bakery owner Sam Ortiz worried that fewer customers would cross the river during the busy season.",
    "The repairs are expected to cost 4.2 million dollars, paid from a state infrastructure grant awarded last year.",
    "Council member Priya Nair voted against the plan, arguing that the work should wait until the autumn.",
    "A public meeting on the detour routes is scheduled for next Monday evening at the Riverton library.",
]
OTHER = [
    "Shares of the regional airline rose sharply after it announced a new route to the northern islands.",
    "Analysts said fuel prices and a shortage of pilots remained the biggest risks for the carrier this winter.",
    "The company plans to lease four additional turboprop aircraft before the summer timetable begins.",
    "Its chief executive told investors that bookings for the holiday period were ahead of last year's pace.",
]


def make(paras: list[str], published: str | None = None, title: str = "Bridge to close", outlet: str | None = None,
         entities: list[str] = (), cites: list[str] = ()) -> Article:
    a = Article(title=title, source=Source(published=published, outlet=outlet))
    a.set_paragraphs(paras)
    a.entities = [Entity(id=f"e{i}", name=n, type="PERSON" if " " in n else "GPE") for i, n in enumerate(entities)]
    a.sources = [SourceCitation(outlet=c, kind="outlet", start=0, end=1) for c in cites]
    return a


def connect(path: str = ":memory:") -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, title TEXT, outlet TEXT, "
                 "published TEXT, text TEXT)")
    for ddl in schema.split_sql(schema.COPIES_STORIES_DDL):
        conn.execute(ddl)
    return conn


def ingest(conn: sqlite3.Connection, a: Article, det: dedup.CopyDetector | None = None) -> Article:
    conn.execute("INSERT OR IGNORE INTO articles VALUES (?, ?, ?, ?, ?)",
                 (a.id, a.title, a.source.outlet, a.source.published, a.text))
    (det or dedup.CopyDetector(conn)).add(a)
    return a


def group_of(conn, article_id):
    return dedup.copies_of(conn, article_id)["group_id"]


@pytest.mark.parametrize("family", ["multiply-shift", "mersenne"])
def test_minhash_estimate_close_to_true_jaccard(family):
    words = [f"{w}{i}" for i, w in enumerate(("river bridge council mayor budget vote repair girder detour grant "
                                              "library meeting") .split() * 40)]
    base = " ".join(words[:300])
    errors = []
    for start in (30, 90, 150, 210):  # overlaps from high to low
        other = " ".join(words[start:start + 300])
        a, b = word_shingles(base, 3), word_shingles(other, 3)
        true = len(np.intersect1d(a, b)) / len(np.union1d(a, b))
        est = jaccard_estimate(signature(a, 256, family=family), signature(b, 256, family=family))
        errors.append(abs(est - true))
        assert abs(est - true) < 0.1, (start, true, est)
    assert sum(errors) / len(errors) < 0.05
    assert jaccard_estimate(signature(word_shingles(base, 3), family=family),
                            signature(word_shingles(base, 3), family=family)) == 1.0


def test_mersenne_family_is_exact_mod_p():
    from newsgraph.corpus.minhash import permutations, universal_hash

    a, b = permutations(16, 3)
    x = np.array([0, 1, 2**32 - 1, 123456789], dtype=np.uint64)
    hv = universal_hash(x, a, b)
    p = (1 << 61) - 1
    assert all(int(hv[i, j]) == (int(a[j]) * int(x[i]) + int(b[j])) % p for i in range(4) for j in range(16))


def test_word_and_char_shingles_on_literal_strings():
    s1 = "the cat sat on the mat and the dog sat on the log"
    s2 = "The cat sat on the mat, and the dog sat on the LOG!"
    assert np.array_equal(word_shingles(s1, 3), word_shingles(s2, 3))  # case/punctuation-insensitive
    a, b = set(word_shingles(s1, 2).tolist()), set(word_shingles("the cat sat on the mat", 2).tolist())
    true = len(a & b) / len(a | b)
    est = jaccard_estimate(signature(np.array(sorted(a), dtype=np.uint64), 512),
                           signature(np.array(sorted(b), dtype=np.uint64), 512))
    assert abs(est - true) < 0.1
    assert len(char_shingles("abcdef", 3)) == 4
    assert containment_from_jaccard(0.5, 100, 50) == pytest.approx(1.0)


def test_folded_bytes_normalise_case_punctuation_and_unicode():
    assert bytes(folded_bytes("Hello, WORLD!")) == b"hello  world "
    # curly vs straight quotes, no-break space, dashes: all separators
    assert bytes(folded_bytes("Trump\u2019s\u00a0plan \u2014 now")) == bytes(folded_bytes("Trump's plan - now"))
    # NFKC where it changes letters: ligature, full-width letters, decomposed accents
    assert bytes(folded_bytes("\ufb01ne")) == b"fine"
    assert bytes(folded_bytes("\uff21\uff22c")) == b"abc"
    assert bytes(folded_bytes("Cafe\u0301")) == bytes(folded_bytes("caf\u00e9")) == b"caf\xe9"
    # other scripts: one (hashed) byte per letter, never a separator or an ASCII letter
    greek = folded_bytes("\u0391\u03b8\u03ae\u03bd\u03b1 \U0001d400\U0001f600")
    assert len(greek) == 8 and all(b >= 128 for b in greek[:5]) and greek[5] == 32
    assert greek[6] == ord("a") and greek[7] == 32  # math bold A -> "a" (NFKC); emoji -> separator


def test_char_shingles_sizes_and_consistent_sampling():
    assert len(char_shingles("abcdef", 3)) == 4
    assert len(char_shingles("abcdefghijklmnopqrst", 8)) == 13
    assert len(char_shingles("abcdefghijklmnopqrst", 10)) == 11
    assert len(char_shingles("abcdefghijklmnopqrst", 17)) == 4
    assert len(char_shingles("ab", 8)) == 1 and len(char_shingles(" ,. ", 8)) == 0
    assert np.array_equal(char_shingles("The cat -- sat!", 5), char_shingles("the   CAT sat", 5))
    text = " ".join(BODY * 3)
    full, quarter = char_shingles(text, 8), char_shingles(text, 8, 4)
    assert set(quarter.tolist()) <= set(full.tolist())  # the sample is a subset: same shingles everywhere
    assert 0.18 < len(quarter) / len(full) < 0.32
    assert full.dtype == np.uint64 and full.max() < 2**32 and np.all(np.diff(full.astype(np.int64)) > 0)


def test_band_keys_equal_only_for_equal_bands():
    sig = signature(char_shingles(" ".join(BODY), 8))
    keys = band_keys(sig, 32)
    assert len(keys) == 32 and len(set(keys)) == 32 and all(-2**63 <= k < 2**63 for k in keys)
    other = sig.copy()
    other[5] ^= 1  # row 5 is in band 1
    k2 = band_keys(other, 32)
    assert [i for i in range(32) if keys[i] != k2[i]] == [1]
    same_values = np.tile(sig[:4], 32)  # identical rows in every band still give distinct keys
    assert len(set(band_keys(same_values, 32))) == 32
    assert len(band_keys(signature(char_shingles("abc def ghi jkl", 3), 120), 24)) == 24  # 5 rows: odd


def test_sketch_is_deterministic_across_processes():
    text = " ".join(BODY) + " Caf\u00e9 \u2014 na\u00efve \ufb01nal"
    sig, n = MinHashConfig().sketch(text)
    code = ("import sys; from newsgraph.corpus.minhash import MinHashConfig, band_keys; "
            "s, n = MinHashConfig().sketch(sys.argv[1]); print(n, band_keys(s, 32), s.tolist())")
    out = subprocess.run([sys.executable, "-c", code, text], capture_output=True, text=True, check=True,
                         env={"PYTHONHASHSEED": "123", "PATH": ""}).stdout
    assert out.strip() == f"{n} {band_keys(sig, 32)} {sig.tolist()}"


def test_insert_bands_and_candidates_round_trip():
    conn = connect()
    det = dedup.CopyDetector(conn)
    keys = list(range(-350, 350, 2))  # 350 bands: more than one INSERT chunk
    det.insert_bands("a", keys)
    det.insert_bands("b", keys[:10])
    det.insert_bands("a", keys)  # idempotent
    assert conn.execute("SELECT COUNT(*) FROM dedup_bands").fetchone()[0] == 360
    assert conn.execute("SELECT band FROM dedup_bands WHERE article_id = 'a' AND hash = ?",
                        (keys[-1],)).fetchone()[0] == 349
    assert sorted(det.candidates(keys[5:12])) == ["a", "b"]
    assert det.candidates(keys[-3:] + [7]) == ["a"]
    assert det.candidates([1]) == []


def test_exact_copy_grouped_as_exact():
    conn = connect()
    a = ingest(conn, make(BODY, "2024-03-01"))
    b = make([p.upper() for p in BODY], "2024-03-02", title="Another headline")  # same normalised text
    b.id = "copy-b"  # the store keeps distinct ids for distinct inputs
    ingest(conn, b)
    info = dedup.copies_of(conn, "copy-b")
    assert info["original"] == a.id and info["kind"] == "exact" and info["similarity"] == 1.0


def test_near_copy_with_boilerplate_and_cut_paragraph():
    conn = connect()
    a = ingest(conn, make(BODY, "2024-03-01"))
    copy = BODY[:3] + BODY[4:] + ["Sign up for our free newsletter to get the latest local news in your inbox.",
                                   "Copyright 2024 Valley Media Group. All rights reserved."]
    b = ingest(conn, make(copy, "2024-03-02", title="Bridge closing for 11 weeks"))
    info = dedup.copies_of(conn, b.id)
    assert info["original"] == a.id and info["kind"] == "near"
    assert info["similarity"] >= 0.7


def test_reordered_paragraphs_are_copies():
    conn = connect()
    a = ingest(conn, make(BODY, "2024-03-01"))
    b = ingest(conn, make(list(reversed(BODY)), "2024-03-01"))
    assert group_of(conn, a.id) is not None and group_of(conn, a.id) == group_of(conn, b.id)


def test_unrelated_articles_not_grouped():
    conn = connect()
    a = ingest(conn, make(BODY, "2024-03-01"))
    b = ingest(conn, make(OTHER, "2024-03-01", title="Airline adds route"))
    # same topic, different text: shares a sentence frame but is a different article
    c = ingest(conn, make([p.replace("bridge", "tunnel").replace("Riverton", "Lakeside").replace("council", "board")
                           .replace("seven", "five").replace("repairs", "inspection") for p in BODY[:2]]
                          + OTHER[:1], "2024-03-01"))
    assert group_of(conn, a.id) is None and group_of(conn, b.id) is None and group_of(conn, c.id) is None
    assert dedup.copy_groups(conn) == []


def test_original_is_earliest_published_and_swaps():
    conn = connect()
    det = dedup.CopyDetector(conn)
    a = ingest(conn, make(BODY, "2024-03-02"), det)
    b = ingest(conn, make(BODY[:-1], "2024-03-03"), det)
    assert dedup.copies_of(conn, b.id)["original"] == a.id
    c = ingest(conn, make(BODY + ["Reporting by the Riverton Gazette staff."], "2024-03-01"), det)
    groups = dedup.copy_groups(conn)
    assert len(groups) == 1
    assert groups[0]["original"] == c.id
    assert {x["id"] for x in groups[0]["copies"]} == {a.id, b.id}
    assert dedup.copies_of(conn, a.id)["is_original"] is False
    assert dedup.copies_of(conn, c.id)["is_original"] is True


def test_bridging_round_up_joins_the_closer_group_without_merging():
    conn = connect()
    a = ingest(conn, make(BODY[:4], "2024-03-01"))
    a2 = ingest(conn, make(BODY[:4] + ["(Reporting by the Riverton Gazette.)"], "2024-03-02"))
    b = ingest(conn, make(OTHER[:3], "2024-03-01", title="Airline adds route"))
    b2 = ingest(conn, make(OTHER[:3] + ["(Reporting by a wire service.)"], "2024-03-02", title="Airline route"))
    assert group_of(conn, a.id) == group_of(conn, a2.id) != group_of(conn, b.id) == group_of(conn, b2.id)
    # a round-up carrying both stories in full copies from both groups
    roundup = make(BODY[:4] + OTHER[:3], "2024-03-03", title="Round-up")
    matches = dict(dedup.CopyDetector(conn).lookup(roundup.text))
    assert {a.id, b.id} <= set(matches)
    ingest(conn, roundup)
    assert group_of(conn, roundup.id) == group_of(conn, a.id)  # the closer group (higher Jaccard)
    assert group_of(conn, a.id) != group_of(conn, b.id)
    assert len(dedup.copy_groups(conn)) == 2


def test_new_copies_scored_against_the_original_and_earlier_copy_rescores():
    conn = connect()
    det = dedup.CopyDetector(conn)
    a = ingest(conn, make(BODY, "2024-03-02"), det)
    b = ingest(conn, make(BODY[:-1], "2024-03-03"), det)
    c = ingest(conn, make(BODY[1:], "2024-03-04"), det)
    rows = dict(conn.execute("SELECT article_id, kind FROM dedup_members"))
    assert rows == {a.id: "original", b.id: "near", c.id: "near"}
    jaccard = "SELECT jaccard FROM dedup_members WHERE article_id = ?"
    j_c = conn.execute(jaccard, (c.id,)).fetchone()[0]
    assert 0.5 <= j_c < 1.0
    d = ingest(conn, make(BODY[:-2], "2024-03-01"), det)  # earlier: becomes the original, all rescored
    rows = dict(conn.execute("SELECT article_id, kind FROM dedup_members"))
    assert rows == {a.id: "near", b.id: "near", c.id: "near", d.id: "original"}
    assert dedup.copies_of(conn, c.id)["original"] == d.id
    assert conn.execute(jaccard, (c.id,)).fetchone()[0] < j_c  # scored against the new, shorter original


def test_original_tie_is_first_ingested_and_unknown_dates_sort_last():
    conn = connect()
    a = ingest(conn, make(BODY, None))
    b = ingest(conn, make(BODY[1:], "2024-03-05"))
    c = ingest(conn, make(BODY[:-1], "2024-03-05"))
    assert dedup.copies_of(conn, a.id)["original"] == b.id
    assert dedup.copies_of(conn, c.id)["original"] == b.id


def test_rewrite_of_link():
    conn = connect()
    names = ["Dana Whitfield", "Priya Nair", "Riverton", "Sam Ortiz"]
    orig = ingest(conn, make(BODY, "2024-03-01", outlet="Riverton Gazette", entities=names))
    reworded = [
        "Riverton will shut its Elm Street crossing for about eleven weeks, Dana Whitfield announced.",
        "According to the Riverton Gazette, inspectors discovered rusted girders this spring.",
        "Priya Nair opposed the decision; shop owner Sam Ortiz fears a drop in trade.",
    ]
    rw = ingest(conn, make(reworded, "2024-03-02", title="Riverton crossing to shut", outlet="Metro Daily",
                           entities=names[:3] + ["Sam Ortiz"], cites=["The Riverton Gazette"]))
    info = dedup.copies_of(conn, rw.id)
    assert info["group_id"] is None  # not a near-duplicate
    assert [r["id"] for r in info["rewrite_of"]] == [orig.id]
    assert info["rewrite_of"][0]["score"] >= 0.6
    assert dedup.copies_of(conn, orig.id)["rewritten_by"][0]["id"] == rw.id
    groups = dedup.copy_groups(conn)
    assert groups and groups[0]["original"] == orig.id and groups[0]["copies"][0]["kind"] == "rewrite"
    # a reworded article sharing the source but not the entities is not linked
    other = ingest(conn, make(OTHER, "2024-03-02", outlet="Metro Daily", entities=["Jo Park", "Northern Isles"],
                              cites=["Riverton Gazette"]))
    assert dedup.copies_of(conn, other.id)["rewrite_of"] == []


def test_incremental_across_sessions_on_file_db(tmp_path: Path):
    db = str(tmp_path / "corpus.db")
    conn = connect(db)
    a = ingest(conn, make(BODY, "2024-03-02"))
    ingest(conn, make(OTHER, "2024-03-02", title="Airline"))
    conn.commit()
    conn.close()

    conn2 = connect(db)  # new session: state comes from the tables only
    b = ingest(conn2, make(BODY[:5] + ["Subscribe now for unlimited access."], "2024-03-04"))
    ingest(conn2, make(BODY, "2024-03-02"))  # re-ingesting the same article is a no-op
    conn2.commit()
    info = dedup.copies_of(conn2, b.id)
    assert info["original"] == a.id
    assert len(dedup.copy_groups(conn2)) == 1
    assert conn2.execute("SELECT COUNT(*) FROM dedup_sketch").fetchone()[0] == 3
    conn2.close()


def test_empty_text_is_ignored():
    conn = connect()
    a = Article(title="Only a title")
    a.set_paragraphs([])
    ingest(conn, a)
    assert dedup.copies_of(conn, a.id)["group_id"] is None


def test_sketch_configuration_recorded_and_mismatch_warned(caplog):
    from dataclasses import replace

    conn = connect()
    ingest(conn, make(BODY, "2024-03-01"))
    assert conn.execute("SELECT value FROM dedup_meta WHERE key = 'sketch'").fetchone()[0].startswith("v3:char:8")
    other = dedup.DedupConfig(minhash=replace(dedup.DedupConfig().minhash, n=5))
    with caplog.at_level("WARNING", logger="newsgraph.corpus.dedup"):
        dedup.CopyDetector(conn, other).add(make(OTHER, "2024-03-02"))
    assert "re-ingested" in caplog.text


def test_database_from_previous_sketch_version_warns(caplog):
    conn = connect()
    conn.execute("INSERT INTO dedup_meta VALUES ('sketch', 'v2:char:8:4:128:32:multiply-shift:1')")
    with caplog.at_level("WARNING", logger="newsgraph.corpus.dedup"):
        ingest(conn, make(BODY, "2024-03-01"))
    assert "v2:char:8" in caplog.text and "v3:char:8" in caplog.text


def test_copies_of_reads_a_bounded_part_of_a_large_group_in_ingestion_order():
    conn = connect()
    ids = []
    for i in range(12):  # exact copies (case changes only): one group of 12
        a = make([p.upper() if i % 2 else p for p in BODY], f"2024-03-{i + 1:02d}", title=f"Bridge {i}")
        a.id = f"copy-{i:02d}"
        ids.append(ingest(conn, a).id)
    full = dedup.copies_of(conn, ids[5])
    assert full["group_size"] == 12 and len(full["copies"]) == 11  # the original first, then the others
    small = dedup.copies_of(conn, ids[5], max_members=4)
    assert small["group_size"] == 12 and small["original"] == full["original"]
    listed = [c["id"] for c in small["copies"]]
    assert 3 <= len(listed) <= 5 and listed[0] == full["original"]
    seq = dict(conn.execute("SELECT article_id, seq FROM dedup_sketch"))
    rest = [seq[i] for i in listed[1:]]
    assert rest == sorted(rest)  # listed in ingestion order
    assert all(c["title"] for c in small["copies"])


def test_vectorised_verification_equals_the_pairwise_estimates():
    rng = np.random.default_rng(3)
    sig = rng.integers(0, 50, size=128, dtype=np.uint32)
    others = np.stack([np.where(rng.random(128) < share, sig, rng.integers(0, 50, size=128, dtype=np.uint32))
                       for share in (0.0, 0.3, 0.5, 0.9, 1.0)]).astype(np.uint32)
    sizes = np.array([40, 400, 1000, 90, 3], dtype=np.int64)
    j = jaccard_many(sig, others)
    c = containment_many(j, 250, sizes)
    for k in range(len(others)):
        assert j[k] == jaccard_estimate(sig, others[k])
        assert c[k] == containment_from_jaccard(jaccard_estimate(sig, others[k]), 250, int(sizes[k]))
    assert list(containment_many(j, 0, sizes)) == [0.0] * len(others)
    assert len(jaccard_many(sig, np.zeros((0, 128), dtype=np.uint32))) == 0


def test_name_overlap_of_rewrite_candidates():
    sep = dedup._SEP
    mine = {"dana whitfield", "priya nair", "riverton"}
    assert dedup._name_overlap(mine, sep.join(["dana whitfield", "priya nair", "sam ortiz", "elm street"]), 2) == 2 / 3
    assert dedup._name_overlap(mine, sep.join(["dana whitfield", "jo park"]), 2) is None  # one shared name
    assert dedup._name_overlap(mine, "", 2) is None


def test_matches_found_in_one_chunk_equal_one_by_one_verification():
    """The copies found for a new article are the LSH candidates (and exact copies) whose pairwise
    estimate clears a threshold."""
    conn = connect()
    det = dedup.CopyDetector(conn)
    stored = [ingest(conn, make(BODY[:k] + OTHER[:m], f"2024-03-0{k}", title=f"t{k}{m}"), det)
              for k in range(2, 6) for m in range(3)]
    new = make(BODY[:4] + OTHER[:1], "2024-03-09", title="new")
    det = dedup.CopyDetector(conn, dedup.DedupConfig(jaccard=0.8, containment=0.95))  # strict: some rejected
    cfg = det.config
    sig, n_sh = cfg.minhash.sketch(new.text)
    found = det.lookup(new.text)
    cands = set(det.candidates(band_keys(sig, cfg.minhash.bands)))
    expected = []
    for a in stored:
        osig, on = cfg.minhash.sketch(a.text)
        if a.text == new.text:
            expected.append((a.id, 1.0))
            continue
        if a.id not in cands:
            continue
        jj = jaccard_estimate(sig, osig)
        cc = containment_from_jaccard(jj, n_sh, on)
        if jj >= cfg.jaccard or (cc >= cfg.containment and min(n_sh, on) >= cfg.min_shingles):
            expected.append((a.id, max(jj, cc)))
    assert len(found) >= 3 and len(cands) > len(found)  # some candidates are rejected
    assert sorted(found) == sorted(expected)
