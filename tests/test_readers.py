"""Readers: every input format -> RawDocument (text, metadata, errors), on fixtures written here."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from newsgraph.readers import from_string, looks_like_html, read_paths, read_stream, sniff_format
from newsgraph.readers.base import MAX_DOCUMENT_BYTES
from newsgraph.readers.html import NO_ARTICLE, fragment_to_text, html_to_document
from newsgraph.readers.text import binary_kind, decode_bytes, published_from_text

BODY = ("Officials in the harbour town met on Monday to discuss the new ferry timetable. "
        "They said the changes would take effect in the spring.")
ACCENTED = "The minister said \u201cwe will not back down\u201d \u2014 caf\u00e9 owners in Z\u00fcrich agreed."

PAGE = f"""<!DOCTYPE html>
<html lang="en-US"><head><meta charset="utf-8">
<title>Ferry timetable changes | Harbour Times</title>
<meta name="author" content="Jane Roe">
<meta property="og:site_name" content="Harbour Times">
<meta property="article:published_time" content="2026-03-04T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>
<div class="ad">Advertisement</div>
<article><h1>Ferry timetable changes</h1>
<p>{BODY}</p>
<p>The first morning crossing will leave twenty minutes earlier, the operator said in a statement on its website.</p>
<p>Passenger groups said they would study the timetable before deciding whether to object to the plan.</p>
</article>
<section class="comments"><p>First comment! This is outrageous, nobody asked us about the ferry at all.</p></section>
<footer>Copyright 2026 Harbour Times. All rights reserved.</footer>
</body></html>"""


def docs(*paths) -> list:
    return list(read_paths([str(p) for p in paths]))


def one(path):
    (doc,) = docs(path)
    return doc


# -- plain text and encodings ---------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-nobom", "cp1252"])
def test_text_encodings(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / "a.txt"
    if encoding == "utf-16-le-nobom":
        p.write_bytes(ACCENTED.encode("utf-16-le"))
    else:
        p.write_bytes(ACCENTED.encode(encoding))
    doc = one(p)
    assert doc.error is None and doc.warnings == []
    assert doc.text == ACCENTED
    assert doc.format == "text" and doc.path == str(p) and doc.index is None


def test_latin1_is_not_misread_as_another_code_page() -> None:
    text, enc, warnings = decode_bytes("Caf\u00e9 na\u00efve Z\u00fcrich d\u00e9j\u00e0 vu, r\u00e9sum\u00e9. " .encode("latin-1") * 3)
    assert text.startswith("Caf\u00e9 na\u00efve Z\u00fcrich") and warnings == []
    assert enc.lower() in ("cp1252", "latin_1", "iso8859_15")


def test_invalid_utf8_is_replaced_with_a_warning(tmp_path: Path) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes("Caf\u00e9 r\u00e9sum\u00e9 ".encode() + b"\xc3\x28 broken \xff bytes.\n")
    doc = one(p)
    assert doc.error is None
    assert doc.text.startswith("Caf\u00e9 r\u00e9sum\u00e9") and "\ufffd" in doc.text
    assert any("invalid UTF-8" in w for w in doc.warnings)


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings_are_normalised(tmp_path: Path, newline: str) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(newline.join(["Title", "", "First paragraph.", "", "Second."]).encode())
    assert one(p).text == "Title\n\nFirst paragraph.\n\nSecond."


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b"  \n\r\n\t ")
    assert [d.error for d in docs(tmp_path)] == ["empty document", "empty document"]


def test_binary_files_are_reported(tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "renamed.txt").write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 4)
    errors = [d.error for d in docs(tmp_path)]
    assert errors == ["binary file (binary data), not text", "binary file (PNG image), not text",
                      "binary file (PDF document), not text"]
    assert binary_kind(ACCENTED.encode("utf-16")) is None


def test_huge_text_file_is_truncated(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    para = (BODY + "\n\n").encode()
    with open(p, "wb") as fh:
        for _ in range(3 * MAX_DOCUMENT_BYTES // len(para)):
            fh.write(para)
    doc = one(p)
    assert doc.error is None
    assert len(doc.text) <= MAX_DOCUMENT_BYTES
    assert doc.text.endswith("spring.")  # cut at a line break, not mid-sentence
    assert any(w.startswith("truncated to the first 1.0 MB of 3.0 MB") for w in doc.warnings)


def test_published_line_sets_date() -> None:
    assert published_from_text("Title\nBy Jane Roe\nPublished: 2026-03-04\n\nBody.") == "2026-03-04"
    assert published_from_text("Title\nPublished March 4, 2026\n\nBody.") == "2026-03-04"
    assert published_from_text("Title\n\nIt was published: 2026-03-04.") is None


# -- gzip, directories, stdin ---------------------------------------------------------------------
@pytest.mark.parametrize("name", ["a.txt.gz", "a.html.gz", "a.jsonl.gz", "noext.gz"])
def test_gzip_any_format(tmp_path: Path, name: str) -> None:
    payload = {"a.txt.gz": BODY.encode(), "a.html.gz": PAGE.encode(), "noext.gz": BODY.encode(),
               "a.jsonl.gz": json.dumps({"text": BODY, "title": "T"}).encode() + b"\n"}[name]
    p = tmp_path / name
    p.write_bytes(gzip.compress(payload))
    doc = one(p)
    assert doc.error is None
    assert BODY in doc.text


def test_corrupt_gzip_is_an_error(tmp_path: Path) -> None:
    p = tmp_path / "a.txt.gz"
    p.write_bytes(gzip.compress(BODY.encode() * 50)[:60])
    doc = one(p)
    assert doc.error and doc.error.startswith("corrupt gzip data")


def test_directory_recursion_sorted_and_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two")
    (tmp_path / "b" / "1.txt").write_text("one")
    (tmp_path / "a.txt").write_text("zero")
    (tmp_path / ".hidden.txt").write_text("secret")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("secret")
    assert [d.text for d in docs(tmp_path)] == ["zero", "one", "two"]


def test_missing_path(tmp_path: Path) -> None:
    assert one(tmp_path / "nope.txt").error == "no such file or directory"


def test_reading_is_lazy(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"doc {i}")
    gen = read_paths([str(tmp_path)])
    assert next(gen).text == "doc 0"
    (tmp_path / "2.txt").write_text("changed after the first document was read")
    assert [d.text for d in gen] == ["doc 1", "changed after the first document was read"]


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize("data,fmt", [
    (ACCENTED.encode("utf-8"), "text"),
    (PAGE.encode(), "html"),
    (gzip.compress(BODY.encode()), "text"),
    ((json.dumps({"text": BODY}) + "\n" + json.dumps({"text": "Second."}) + "\n").encode(), "jsonl"),
])
def test_stdin(monkeypatch, data: bytes, fmt: str) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    out = list(read_paths(["-"]))
    assert out[0].error is None and out[0].path == "-" and out[0].format == fmt
    if fmt == "jsonl":
        assert [d.text for d in out] == [BODY, "Second."]


def test_sniff_format() -> None:
    assert sniff_format(b"<!DOCTYPE html><html>") == "html"
    assert sniff_format(b'<?xml version="1.0"?><rss version="2.0">') == "feed"
    assert sniff_format(b"WARC/1.1\r\n") == "warc"
    assert sniff_format(b'{"text": "x"}\n') == "jsonl"
    assert sniff_format(b"Plain words.") == "text"
    assert sniff_format(b"\x89PNG\r\n\x1a\n\x00\x00") == "binary"


# -- HTML ------------------------------------------------------------------------------------------
def test_html_page_text_and_metadata(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(PAGE, encoding="utf-8")
    doc = one(p)
    assert doc.error is None and doc.format == "html"
    assert doc.title == "Ferry timetable changes"
    assert doc.author == "Jane Roe"
    assert doc.published == "2026-03-04"
    assert doc.outlet == "Harbour Times"
    assert doc.language == "en"
    assert BODY in doc.text and "\n\n" in doc.text
    for chrome in ("Advertisement", "First comment", "All rights reserved", "Sport"):
        assert chrome not in doc.text


def test_html_declared_legacy_charset(tmp_path: Path) -> None:
    p = tmp_path / "old.htm"
    p.write_bytes(PAGE.replace("utf-8", "windows-1252").replace("Officials", "Caf\u00e9 officials").encode("cp1252"))
    assert "Caf\u00e9 officials" in one(p).text


def test_html_without_article_is_an_error() -> None:
    doc = html_to_document("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> "
                           "<a href='/news'>News</a></nav><footer>Contact us</footer></body></html>")
    assert doc.error == NO_ARTICLE and doc.text is None


def test_from_string_extracts_html() -> None:
    raw = from_string(PAGE, url="https://harbour.example/ferry", title="Given title")
    assert raw.format == "html" and raw.html is None
    assert BODY in raw.text
    assert raw.title == "Given title" and raw.url == "https://harbour.example/ferry"
    plain = from_string("Line one.\r\nLine two.")
    assert plain.format == "string" and plain.text == "Line one.\nLine two."
    assert looks_like_html("  <p>Hi</p>") and not looks_like_html("Hi <p>")


def test_fragment_to_text() -> None:
    assert fragment_to_text("<p>One &amp; two.</p><p>Three<br>four.</p><script>x()</script>") == \
        "One & two.\n\nThree\nfour."


# -- JSON Lines ------------------------------------------------------------------------------------
def test_jsonl_records_aliases_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": BODY, "title": "T0", "url": "https://x.example/0", "published": "2026-03-01", "outlet": "Wire"}),
        json.dumps({"body": "Body alias.", "headline": "T1", "date": "2026-03-02", "source": {"name": "Agency"}}),
        "{not json",
        "",
        json.dumps({"content": "Content alias.", "published_at": 1772409600, "site": "Site", "authors": ["A", "B"]}),
        json.dumps({"html": PAGE, "title": "From JSON"}),
        json.dumps({"title": "no body"}),
        json.dumps(["a", "list"]),
    ]
    p = tmp_path / "feed.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = docs(p)
    assert [d.index for d in out] == [0, 1, 2, 4, 5, 6, 7]
    assert all(d.format == "jsonl" for d in out)
    d0, d1, bad, d4, d5, nobody, notobj = out
    assert (d0.text, d0.title, d0.url, d0.published, d0.outlet) == (BODY, "T0", "https://x.example/0", "2026-03-01", "Wire")
    assert (d1.text, d1.title, d1.published, d1.outlet) == ("Body alias.", "T1", "2026-03-02", "Agency")
    assert bad.error.startswith("line 3: invalid JSON")
    assert (d4.text, d4.published, d4.outlet, d4.author) == ("Content alias.", "2026-03-02T00:00:00Z", "Site", "A; B")
    assert BODY in d5.text and d5.title == "From JSON" and d5.outlet == "Harbour Times"
    assert nobody.error.startswith("line 7: no article text")
    assert notobj.error == "line 8: expected a JSON object, got list"


def test_json_array_file(tmp_path: Path) -> None:
    p = tmp_path / "items.json"
    p.write_text(json.dumps([{"text": "One."}, {"text": "Two."}]))
    assert [(d.index, d.text) for d in docs(p)] == [(0, "One."), (1, "Two.")]


# -- WARC ------------------------------------------------------------------------------------------
def _write_warc(path: Path, gzip_records: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gzip_records)
        w.write_record(w.create_warcinfo_record("test.warc", {"software": "newsgraph tests"}))

        def response(url: str, body: bytes, ctype: str, status: str = "200 OK") -> None:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                       warc_headers_dict={"WARC-Date": "2026-03-05T10:00:00Z"})
            w.write_record(rec)

        response("https://harbour.example/ferry", PAGE.encode(), "text/html; charset=utf-8")
        response("https://harbour.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png")
        response("https://harbour.example/old", b"", "text/html", status="301 Moved Permanently")
        no_date = PAGE.replace('<meta property="article:published_time" content="2026-03-04T08:00:00Z">', "")
        response("https://harbour.example/nodate", no_date.encode(), "text/html")


@pytest.mark.parametrize("name,gz", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc(tmp_path: Path, name: str, gz: bool) -> None:
    p = tmp_path / name
    _write_warc(p, gz)
    out = docs(p)
    assert [d.index for d in out] == [1, 4]  # warcinfo, png and redirect records skipped
    first, second = out
    assert first.format == "warc" and first.error is None
    assert first.url == "https://harbour.example/ferry"
    assert first.published == "2026-03-04"  # the page's own date wins
    assert BODY in first.text and first.outlet == "Harbour Times"
    assert second.published == "2026-03-05T10:00:00Z"  # capture date as fallback


def test_warc_from_stdin_and_unknown_gz(tmp_path: Path, monkeypatch) -> None:
    p = tmp_path / "crawl.warc"
    _write_warc(p, False)
    monkeypatch.setattr(sys, "stdin", _Stdin(gzip.compress(p.read_bytes())))
    assert [d.index for d in read_paths(["-"])] == [1, 4]
    q = tmp_path / "crawl.bin.gz"  # unknown extension: decompressed and sniffed
    q.write_bytes(gzip.compress(p.read_bytes()))
    assert [(d.index, d.format) for d in docs(q)] == [(1, "warc"), (4, "warc")]


def test_not_a_warc(tmp_path: Path) -> None:
    p = tmp_path / "x.warc"
    p.write_text("this is not a warc file at all")
    out = docs(p)
    assert len(out) == 1 and out[0].error.startswith("not a valid WARC file")


# -- feeds -----------------------------------------------------------------------------------------
RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Times</title><link>https://harbour.example/</link><language>en-gb</language>
<item><title>Ferry timetable changes</title><link>https://harbour.example/ferry</link>
<author>desk@harbour.example (Jane Roe)</author>
<pubDate>Wed, 04 Mar 2026 09:00:00 +0100</pubDate>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>%s</p><p>Second paragraph.</p>]]></content:encoded></item>
<item><title>Summary only</title><link>https://harbour.example/two</link>
<pubDate>Thu, 05 Mar 2026 09:00:00 GMT</pubDate>
<description>Only a teaser here.</description></item>
</channel></rss>""" % BODY

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Times Atom</title>
<entry><title>Ferry timetable changes</title><link href="https://harbour.example/ferry"/>
<id>tag:harbour.example,2026:1</id><published>2026-03-04T08:00:00Z</published>
<updated>2026-03-04T09:00:00Z</updated><author><name>Jane Roe</name></author>
<content type="html">&lt;p&gt;%s&lt;/p&gt;</content></entry></feed>""" % BODY


def test_rss(tmp_path: Path) -> None:
    p = tmp_path / "news.rss"
    p.write_text(RSS, encoding="utf-8")
    full, summary = docs(p)
    assert (full.index, full.format, full.outlet, full.url) == (0, "rss", "Harbour Times", "https://harbour.example/ferry")
    assert full.title == "Ferry timetable changes"
    assert full.published == "2026-03-04T08:00:00Z"
    assert full.text == BODY + "\n\nSecond paragraph." and full.warnings == []
    assert "Jane Roe" in full.author
    assert summary.text == "Only a teaser here."
    assert any("only a summary" in w for w in summary.warnings)


def test_atom_sniffed_from_xml(tmp_path: Path) -> None:
    p = tmp_path / "news.xml"
    p.write_text(ATOM, encoding="utf-8")
    (doc,) = docs(p)
    assert doc.text == BODY and doc.author == "Jane Roe" and doc.outlet == "Harbour Times Atom"
    assert doc.published == "2026-03-04T08:00:00Z"


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    p = tmp_path / "data.xml"
    p.write_text('<?xml version="1.0"?><catalog><book>x</book></catalog>')
    assert one(p).error == "XML file is not an RSS/Atom feed"


def test_read_stream_directly() -> None:
    out = list(read_stream(io.BytesIO(RSS.encode()), path="mem"))
    assert len(out) == 2 and out[0].path == "mem"


# -- bundled examples ------------------------------------------------------------------------------
def test_bundled_examples_read_cleanly() -> None:
    root = Path(__file__).resolve().parents[1] / "examples"
    out = docs(root / "articles", root / "feed.rss")
    assert len(out) >= 15
    assert all(d.error is None for d in out), [(d.label, d.error) for d in out if d.error]
    assert all(d.published for d in out), [d.label for d in out if not d.published]


# -- benchmark metric ------------------------------------------------------------------------------
def test_extraction_metric_reproduces_published_trafilatura_figure() -> None:
    from conftest import shared_path

    root = shared_path("data", "article-extraction")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    try:
        import extraction
    finally:
        sys.path.pop(0)
    ids, truth, _html = extraction.load(root)
    pred = extraction.load_reference(root / "reference-outputs" / "trafilatura.json.gz")
    scores = [extraction.score_page(truth[i], pred.get(i)) for i in ids]
    f1, p, r, acc = extraction.corpus_prf(scores)
    assert (round(f1, 3), round(p, 3), round(r, 3), round(acc, 3)) == (0.958, 0.938, 0.978, 0.293)
