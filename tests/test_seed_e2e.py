"""End-to-end: `newsgraph analyze --json <seed>` through the real CLI (full pipeline, spaCy included).

The seed is the team's model case of a messy article (shared data; skipped where absent).
Later stages extend this file with entity/quote assertions: add them as further tests that use
the ``seed_article`` fixture, which runs the CLI once per test session.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import shared_path

SEED = ("seeds", "000_216f1c435a64fa5c.txt")


@pytest.fixture(scope="module")
def seed_article() -> dict:
    """The seed analysed by the CLI, as the parsed JSON object."""
    path = shared_path(*SEED)
    proc = subprocess.run(
        [sys.executable, "-m", "newsgraph", "analyze", "--json", "--no-progress", str(path)],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, f"CLI failed ({proc.returncode}): {proc.stderr[-2000:]}"
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one JSON line, got {len(lines)}"
    return json.loads(lines[0])


# -- clean and structure -------------------------------------------------------------------------

def test_seed_is_valid_and_error_free(seed_article):
    assert seed_article["schema"] == "newsgraph.article/1"
    assert seed_article["error"] is None
    assert seed_article["id"]


def test_seed_header(seed_article):
    raw_lines = [line for line in shared_path(*SEED).read_text("utf-8").splitlines() if line.strip()]
    summary = seed_article["summary_line"]
    assert summary == raw_lines[0].strip()
    assert summary.endswith(".") and summary.count(". ") == 0  # one sentence
    assert seed_article["title"].startswith("US Engages")
    assert seed_article["title"] == raw_lines[1].strip()
    assert seed_article["dek"] == raw_lines[3].strip()


def test_seed_body_has_four_paragraphs_with_consistent_offsets(seed_article):
    paragraphs = seed_article["paragraphs"]
    assert len(paragraphs) == 4
    text = "\n\n".join(p["text"] for p in paragraphs)
    for p in paragraphs:
        assert text[p["start"]:p["end"]] == p["text"]
    assert seed_article["title"] not in [p["text"] for p in paragraphs]
    assert seed_article["dek"] not in [p["text"] for p in paragraphs]


def test_seed_removed_repeated_title_and_duplicate_tail(seed_article):
    removed = seed_article["removed"]
    paragraphs = [p["text"] for p in seed_article["paragraphs"]]
    assert [r["reason"] for r in removed] == ["repeated_title"] + ["duplicate_paragraph"] * 3
    assert removed[0]["text"] == seed_article["title"]
    for r in removed[1:]:  # each repeat points at the kept copy
        assert paragraphs[r["duplicate_of"]] == r["text"]
    assert sorted(r["duplicate_of"] for r in removed[1:]) == [1, 2, 3]
