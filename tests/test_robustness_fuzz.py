"""A bounded fuzz test: mutated WARC, gzip, RSS, HTML, JSONL and plain text next to a good article.

Each case writes one mutated file and one good article into a fresh folder and runs the readers
and the text stages over it (no spaCy, so a few hundred cases take seconds). For every case:
nothing raises, every document comes back as an Article that serialises to JSON, and the good
article is there, unharmed. The random generator is seeded: a failure names its case number,
and the same case comes back on every run.
"""

from __future__ import annotations

import gzip
import json
import random
import time
import zlib
from pathlib import Path

from newsgraph.pipeline import Pipeline
from newsgraph.readers import read_paths

CASES_PER_FORMAT = 50
TIME_BUDGET = 60.0  # seconds for the whole test (it normally needs far less)

GOOD = """Volunteers Replant the Dune Grass at North Beach

More than two hundred volunteers spent Saturday replanting marram grass along the dunes at North Beach, where winter storms had torn away most of the old planting.

"The grass is what holds the sand in place," said Olga Brandt, who leads the coastal trust's volunteer programme. "Without it, the next big tide takes the dune with it."

The trust plans a second planting day in March and has asked walkers to keep to the marked paths.
"""
GOOD_TITLE = "Volunteers Replant the Dune Grass at North Beach"

BODY = ("The county council approved a new bus route to the hospital on Tuesday, after a petition "
        "signed by four thousand residents. The route will run every twenty minutes from June.")
HTML = (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Bus route</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>New bus route to the hospital</h1><p>{BODY}</p>"
        f"<p>Drivers will be hired locally, the operator said.</p></article><footer>Contact</footer></body></html>")
RSS = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>County News</title>'
       f'<item><title>Bus route approved</title><link>https://example.org/bus</link>'
       f'<pubDate>Tue, 03 Mar 2026 09:00:00 GMT</pubDate><description>&lt;p&gt;{BODY}&lt;/p&gt;</description></item>'
       f'<item><title>Library hours</title><description>The library opens at nine on weekdays from May.</description>'
       f'</item></channel></rss>')
JSONL = "\n".join(json.dumps(r) for r in (
    {"title": "Bus route approved", "text": BODY, "url": "https://example.org/bus", "published": "2026-03-03"},
    {"headline": "Library hours", "body": ["The library opens at nine.", "It closes at six."], "outlet": {"name": "CN"}},
    {"html": HTML, "date": 1772528400},
)) + "\n"


def warc() -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + HTML.encode()
    out = b""
    for i, (kind, payload) in enumerate((("warcinfo", b"software: test\r\n"), ("response", http),
                                         ("request", b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n"))):
        head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{i:04d}>\r\n"
                f"WARC-Date: 2026-03-03T09:00:00Z\r\nWARC-Target-URI: https://example.org/bus\r\n"
                f"Content-Type: application/http; msgtype={kind}\r\nContent-Length: {len(payload)}\r\n\r\n")
        member = head.encode() + payload + b"\r\n\r\n"
        out += gzip.compress(member)  # one gzip member per record, as crawlers write them
    return out


SEEDS: dict[str, tuple[str, bytes]] = {
    "warc": ("crawl.warc.gz", warc()),
    "gzip": ("story.txt.gz", gzip.compress((GOOD.replace("Dune", "Sand") + "\n" + BODY).encode())),
    "rss": ("feed.rss", RSS.encode()),
    "html": ("page.html", HTML.encode()),
    "jsonl": ("dump.jsonl", JSONL.encode()),
    "text": ("note.txt", ("Bus route approved\n\n" + BODY + "\n\nPublished: 2026-03-03\n").encode()),
}

NASTY = [b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\x1b[2J", b"\r", b"\n\n\n", b"\xc3\x28", b"\xed\xa0\x80",
         b'\\ud800', b"<", b"]]>", b"<![CDATA[", b"&#0;", b"&#xD800;", b"{", b"[" * 500, b'"', b"\x80\x81\x82",
         b"WARC/1.0\r\n", b"Content-Length: 99999999999\r\n", b"\x1f\x8b", b"<?xml version='1.0' encoding='x\xff'?>",
         "\u2028\u202e\ufeff".encode(), b"\t" * 40]


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to four random edits: bit flips, cuts, inserted hostile bytes, repeats, splices."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(7)
        pos = rng.randrange(len(buf) + 1) if buf else 0
        if op == 0 and buf:  # flip a few bits
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(len(buf))
                buf[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # truncate
            del buf[pos:]
        elif op == 2:  # insert something hostile
            buf[pos:pos] = rng.choice(NASTY)
        elif op == 3 and buf:  # repeat a slice many times (bounded)
            a = rng.randrange(len(buf))
            piece = bytes(buf[a:a + rng.randint(1, 64)])
            buf[pos:pos] = piece * rng.randint(2, 2000)
        elif op == 4 and buf:  # delete a slice
            del buf[pos:pos + rng.randint(1, 200)]
        elif op == 5:  # random bytes
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        else:  # splice in the start of another seed (a different format's bytes)
            other = rng.choice(list(SEEDS.values()))[1]
            buf[pos:pos] = other[: rng.randint(1, 400)]
    return bytes(buf)


def test_fuzz_readers_and_text_stages(tmp_path: Path) -> None:
    rng = random.Random(12)
    pipeline = Pipeline(("clean", "language"))
    t0 = time.monotonic()
    n = 0
    for fmt, (name, seed) in SEEDS.items():
        for k in range(CASES_PER_FORMAT):
            case = f"{fmt}-{k}"
            data = mutate(seed, rng)
            if fmt == "warc" and rng.random() < 0.3:  # also mutate inside the compression
                data = gzip.compress(mutate(gzip.decompress(seed), rng))
            if fmt == "gzip" and rng.random() < 0.5:
                data = zlib.compress(data) if rng.random() < 0.2 else gzip.compress(mutate(gzip.decompress(seed), rng))
            d = tmp_path / case
            d.mkdir()
            (d / name).write_bytes(data)
            (d / "zz-good.txt").write_text(GOOD, encoding="utf-8")
            try:
                articles = list(pipeline.analyze_many(read_paths([str(d)])))
                dumped = [json.loads(a.to_json()) for a in articles]
            except Exception as exc:  # pragma: no cover - the failure message names the case
                (tmp_path / f"{case}.bin").write_bytes(data)
                raise AssertionError(f"case {case}: {type(exc).__name__}: {exc}") from exc
            good = [a for a in dumped if a["source"]["path"].endswith("zz-good.txt")]
            assert len(good) == 1 and good[0]["error"] is None and good[0]["title"] == GOOD_TITLE, case
            assert all(a["error"] is None or isinstance(a["error"], str) for a in dumped), case
            assert all("Traceback" not in (a["error"] or "") for a in dumped), case
            n += 1
    elapsed = time.monotonic() - t0
    assert n == CASES_PER_FORMAT * len(SEEDS)
    assert elapsed < TIME_BUDGET, f"{n} fuzz cases took {elapsed:.1f} s"
    print(f"fuzz: {n} cases in {elapsed:.1f} s")
