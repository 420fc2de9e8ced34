"""End-to-end golden test: `newsgraph analyze --json` over the bundled sample corpus.

The golden file holds the fields a reader of the output relies on (structure, removals,
entities, quote attributions, sources, events) for every bundled article. After an intended change,
regenerate it with ``NEWSGRAPH_UPDATE_GOLDEN=1 pytest tests/test_golden_cli.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES

GOLDEN = Path(__file__).parent / "golden" / "examples.json"


def _summary(article: dict) -> dict:
    return {
        "title": article["title"],
        "dek": article["dek"],
        "summary_line": article["summary_line"],
        "byline": article["byline"],
        "authors": [f"{x['name']}|{x['role']}" for x in article["authors"]],
        "dateline": article["dateline"],
        "published": article["source"]["published"],
        "language": article["language"],
        "paragraphs": len(article["paragraphs"]),
        "removed": sorted(f"{r['reason']}:{r['duplicate_of']}" for r in article["removed"]),
        "people": sorted(e["name"] for e in article["entities"] if e["type"] == "PERSON"),
        "quotes": sorted(f"{q['kind']}|{q['speaker']}|{q['cue']}" for q in article["quotes"]),
        "sources": sorted(f"{s['kind']}|{s['outlet']}" for s in article["sources"]),
        "events": sorted(f"{e['source']}|{e['cameo']}|{e['target']}" + ("|negated" if e["negated"] else "")
                         + ("|hedged" if e["hedged"] else "") for e in article["events"]),
        "error": article["error"],
    }


def test_analyze_examples_matches_golden():
    proc = subprocess.run(
        [sys.executable, "-m", "newsgraph", "analyze", "--json", str(EXAMPLES / "articles")],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    got = {}
    for a in records:
        key = Path(a["source"]["path"]).name + (f"#{a['source']['index']}" if a["source"]["index"] is not None else "")
        got[key] = _summary(a)
    if os.environ.get("NEWSGRAPH_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    expected = json.loads(GOLDEN.read_text())
    assert sorted(got) == sorted(expected)
    for key in expected:
        assert got[key] == expected[key], key
