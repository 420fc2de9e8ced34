"""Bad input through the CLI: every file gets a record, failures are one stderr line, never a traceback.

Runs ``python -m newsgraph analyze --json`` in a subprocess on a directory written in tmp_path.
Assertions stay at reader/clean level (error, warnings, paragraphs, title), not on NLP output.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

GOOD_1 = """Harbour Ferry Timetable to Change in Spring

By Jane Roe, Staff Writer

LAKEHAVEN (Harbour Times) — The operator of the Lakehaven ferry said on Monday that the first morning crossing would leave twenty minutes earlier from April, a change it said would help commuters reach the business district before eight.

"We listened to the people who use the boat every day," said Mira Holt, the operator's managing director. "They told us the first crossing was too late."

Passenger groups said they would study the new timetable before deciding whether to object.
"""

GOOD_2 = """Council Approves New Cycle Lanes on River Road

By John Doe

The city council voted on Tuesday to build protected cycle lanes along River Road, ending a two-year dispute between residents and shopkeepers over parking spaces.

Councillor Anna Berg, who proposed the plan, said the lanes would be finished by the autumn. "This is the most dangerous road in the city for anyone on a bicycle," she said.

Shop owners said they feared losing customers who arrive by car, and asked the council to add loading bays.
"""

GERMAN = """Stadtrat beschließt neue Radwege

Der Stadtrat hat am Dienstag beschlossen, entlang der Flussstraße geschützte Radwege zu bauen. Damit endet ein zweijähriger Streit zwischen Anwohnern und Geschäftsleuten über Parkplätze.

Die Ratsfrau, die den Plan vorgeschlagen hatte, sagte, die Radwege sollen bis zum Herbst fertig sein. Die Geschäftsleute befürchten, Kunden zu verlieren, die mit dem Auto kommen.
"""

FRENCH = """Le conseil municipal approuve de nouvelles pistes cyclables

Le conseil municipal a voté mardi la construction de pistes cyclables protégées le long de la route du fleuve, mettant fin à un différend de deux ans entre les habitants et les commerçants au sujet des places de stationnement.

Les commerçants craignent de perdre des clients qui viennent en voiture et ont demandé au conseil d'ajouter des aires de livraison.
"""

NO_ARTICLE_HTML = """<!DOCTYPE html><html><head><title>Harbour Times</title></head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>
<div class="ad">Advertisement</div><footer><a href="/contact">Contact</a></footer></body></html>"""

BIG_BYTES = 50_000_000


def _run(directory: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsgraph", "analyze", "--json", "--no-progress", str(directory)],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )


def _write_big(path: Path) -> None:
    """50 MB of a repeated (German) paragraph, written in chunks.

    German so that the English-only NLP stages skip the 1 MB that is kept: this test is about the
    reader's size cap, not about parser throughput.
    """
    block = (GERMAN.split("\n\n", 1)[1].strip() + "\n\n").encode() * 2000
    with open(path, "wb") as fh:
        written = 0
        while written < BIG_BYTES:
            chunk = block[: BIG_BYTES - written]
            fh.write(chunk)
            written += len(chunk)


def _records(proc: subprocess.CompletedProcess) -> dict[str, dict]:
    out = {}
    for line in proc.stdout.splitlines():
        rec = json.loads(line)
        out[Path(rec["source"]["path"]).name] = rec
    return out


def _assert_clean_stderr(proc: subprocess.CompletedProcess, names: list[str]) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    # every message is a single line "error: <path>: …" / "warning: <path>: …"
    assert all(ln.startswith(("error: ", "warning: ")) for ln in lines), proc.stderr
    for name in names:
        assert any(name in ln for ln in lines), f"no stderr message for {name}:\n{proc.stderr}"


def _assert_good(rec: dict) -> None:
    assert rec["error"] is None and rec["warnings"] == []
    assert rec["title"] and rec["paragraphs"] and rec["language"] == "en"


@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("bad")
    (d / "empty.txt").write_bytes(b"")
    (d / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (d / "invalid-utf8.txt").write_bytes(GOOD_2.replace("Tuesday", "Tuesday, caf\u00e9").encode() + b"\xc3\x28 \xff\xfe garbage\n")
    (d / "no-article.html").write_text(NO_ARTICLE_HTML, encoding="utf-8")
    (d / "german.txt").write_text(GERMAN, encoding="utf-8")
    (d / "french.txt").write_text(FRENCH, encoding="cp1252")
    (d / "good-1.txt").write_text(GOOD_1, encoding="utf-8")
    (d / "good-2.txt").write_text(GOOD_2, encoding="utf-8")
    _write_big(d / "huge.txt")
    return d


def test_bad_inputs_through_cli(bad_dir: Path) -> None:
    proc = _run(bad_dir)
    assert proc.returncode == 1, proc.stderr
    recs = _records(proc)
    assert sorted(recs) == sorted(p.name for p in bad_dir.iterdir())

    assert recs["empty.txt"]["error"] == "empty document"
    assert recs["image.png"]["error"] == "binary file (PNG image), not text"
    assert recs["no-article.html"]["error"] == "no article text found in HTML"
    for name in ("empty.txt", "image.png", "no-article.html"):
        assert recs[name]["paragraphs"] == []

    bad_utf8 = recs["invalid-utf8.txt"]
    assert bad_utf8["error"] is None and any("invalid UTF-8" in w for w in bad_utf8["warnings"])
    assert bad_utf8["paragraphs"] and "caf\u00e9" in bad_utf8["paragraphs"][0]["text"]

    huge = recs["huge.txt"]
    assert huge["error"] is None
    assert any(w.startswith("truncated to the first 1.0 MB of 50.0 MB") for w in huge["warnings"])

    for name, lang in (("german.txt", "de"), ("french.txt", "fr")):
        rec = recs[name]
        assert rec["error"] is None and rec["language"] == lang and rec["paragraphs"]
        assert any(f"'{lang}'" in w for w in rec["warnings"])
    assert "différend" in recs["french.txt"]["paragraphs"][0]["text"]  # cp1252 decoded

    _assert_good(recs["good-1.txt"])
    _assert_good(recs["good-2.txt"])
    _assert_clean_stderr(proc, ["empty.txt", "image.png", "no-article.html", "invalid-utf8.txt", "huge.txt",
                                "german.txt", "french.txt"])
    assert not any("good-" in ln for ln in proc.stderr.splitlines())


def test_warnings_only_exit_zero(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD_1, encoding="utf-8")
    (tmp_path / "german.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "invalid-utf8.txt").write_bytes(GOOD_2.replace("Tuesday", "Tuesday, caf\u00e9").encode()
                                                 + b"\xc3\x28 tail\n")
    proc = _run(tmp_path)
    assert proc.returncode == 0, proc.stderr
    recs = _records(proc)
    assert len(recs) == 3 and all(r["error"] is None for r in recs.values())
    _assert_good(recs["good.txt"])
    _assert_clean_stderr(proc, ["german.txt", "invalid-utf8.txt"])
