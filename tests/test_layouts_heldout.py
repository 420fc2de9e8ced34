"""The held-out layout set is well formed (its scoring is `newsgraph eval layouts --set heldout`)."""

from __future__ import annotations

import pytest

from newsgraph.evaluation.layouts import FIELDS, HELDOUT_SETS, heldout_cases


@pytest.mark.parametrize("name, size", [("heldout", 20), ("heldout2", 16), ("heldout3", 24), ("heldout4", 12), ("heldout5", 26)])
def test_heldout_set_is_complete_and_consistent(name, size):
    cases = heldout_cases(HELDOUT_SETS[name], name)
    assert len(cases) >= size
    for c in cases:
        assert set(FIELDS) | {"paragraphs"} <= set(c.gold)
        flat = " ".join(c.text.split())
        for p in c.gold["paragraphs"]:
            assert " ".join(p.split()) in flat, (c.doc_id, p)
        for f in ("title", "summary_line", "dek", "byline", "dateline"):
            v = c.gold[f]
            assert v is None or (isinstance(v, str) and v.strip()), (c.doc_id, f)


@pytest.mark.parametrize("name", ["heldout", "heldout3", "heldout5"])
def test_heldout_line_endings_are_kept(name):
    raw = {p.name: p.read_bytes() for p in HELDOUT_SETS[name].glob("*.txt")}
    assert any(b"\r\n" in t for t in raw.values())
    assert any(b"\r" in t and b"\n" not in t for t in raw.values())
    texts = {c.doc_id: c.text for c in heldout_cases(HELDOUT_SETS[name], name)}
    for fname, data in raw.items():
        assert texts[fname[:-4]] == data.decode("utf-8")
