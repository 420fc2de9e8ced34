"""Plain-text reader: byte decoding (BOMs, UTF-8, legacy code pages), binary detection, size caps.

Metadata: a ``Published: 2026-03-02`` (or ``Published March 2, 2026``; also ``Updated``/``Posted``)
line among the first lines sets ``RawDocument.published`` (ISO date); the line stays in the text
(the clean stage drops it as page furniture).

Line endings are normalised here: ``\\r\\n`` and lone ``\\r`` become ``\\n``, so every later
stage sees ``\\n`` only. A leading byte-order mark is dropped and NUL characters removed.
"""

from __future__ import annotations

import codecs
import re
from typing import BinaryIO, Optional

from .base import MAX_DOCUMENT_BYTES, RawDocument, human_size

# (magic bytes, offset, description) of common binary formats found next to articles.
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "PNG image"),
    (b"\xff\xd8\xff", 0, "JPEG image"),
    (b"GIF87a", 0, "GIF image"),
    (b"GIF89a", 0, "GIF image"),
    (b"WEBP", 8, "WebP image"),
    (b"%PDF-", 0, "PDF document"),
    (b"PK\x03\x04", 0, "ZIP archive or Office document"),
    (b"BZh", 0, "bzip2 archive"),
    (b"\xfd7zXZ\x00", 0, "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", 0, "zstd archive"),
    (b"\x7fELF", 0, "ELF executable"),
    (b"SQLite format 3\x00", 0, "SQLite database"),
    (b"ID3", 0, "MP3 audio"),
    (b"OggS", 0, "Ogg media"),
    (b"ftyp", 4, "MP4/QuickTime media"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "legacy Office document"),
    (b"PAR1", 0, "Parquet file"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Preferred legacy code pages when charset-normalizer finds several equally clean decodings:
# news text without a BOM that is not UTF-8 is overwhelmingly Windows-1252 / Latin-1.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15", "cp1251", "cp1250", "iso8859_2", "koi8_r",
              "cp932", "shift_jis", "euc_jp", "gb18030", "gb2312", "big5", "euc_kr", "cp949")

#: Guessed code pages read without a warning: Western legacy text is by far the most common
#: non-UTF-8 news text and the cp1252 check only accepts it when it reads cleanly.
_WESTERN = ("cp1252", "latin_1", "iso8859_15", "windows-1252")

# Labels browsers decode as Windows-1252 (the WHATWG Encoding Standard does the same).
_WHATWG = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
           "us-ascii": "cp1252", "ascii": "cp1252"}

#: Mess ratio (charset-normalizer) below which a non-UTF-8 text is taken as Windows-1252.
#: Cyrillic or Japanese bytes read as cp1252 score above 1; Western text close to 0.
CP1252_MAX_MESS = 0.3

_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?")


def bom_encoding(data: bytes) -> Optional[str]:
    """The codec named by a leading byte-order mark, if any."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def _utf16_without_bom(head: bytes) -> Optional[str]:
    """'utf-16-le'/'utf-16-be' when NULs sit in every other byte (ASCII-range UTF-16 text)."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def binary_kind(head: bytes) -> Optional[str]:
    """A description like ``"PNG image"`` when ``head`` (the first bytes) is not text, else None."""
    for magic, offset, what in _MAGIC:
        if head[offset:offset + len(magic)] == magic:
            return what
    if bom_encoding(head) or _utf16_without_bom(head):
        return None
    sample = head[:8192]
    if not sample:
        return None
    if b"\x00" in sample:
        return "binary data"
    if len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        return "binary data"
    return None


def _legacy_encoding(data: bytes) -> Optional[str]:
    """Best legacy encoding for non-UTF-8 bytes via charset-normalizer (None when nothing fits)."""
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    try:  # Windows-1252 first: charset-normalizer's own ranking is unreliable on short Western text
        if mess_ratio(data[:100_000].decode("cp1252"), maximum_threshold=1.0) < CP1252_MAX_MESS:
            return "cp1252"
    except UnicodeDecodeError:
        pass
    matches = [m for m in from_bytes(data[:200_000]) if m.encoding and m.chaos < 0.2]
    if not matches:
        return None

    def rank(m) -> tuple[float, int]:
        enc = m.encoding.lower()
        return (round(m.chaos, 2), _PREFERRED.index(enc) if enc in _PREFERRED else len(_PREFERRED))

    return min(matches, key=rank).encoding


def decode_bytes(data: bytes, *, declared: Optional[str] = None) -> tuple[str, str, list[str]]:
    """Decode ``data``: returns ``(text, encoding, warnings)``. Never raises.

    Order: byte-order mark, BOM-less UTF-16, strict UTF-8, ``declared`` charset (HTML meta /
    HTTP header), then: bytes with at least one valid multi-byte UTF-8 sequence are UTF-8 with
    some corruption (decoded with U+FFFD replacements and a warning); otherwise Windows-1252 when
    it reads cleanly, else charset-normalizer's best legacy code page, else UTF-8 with
    replacements (and a warning). A trailing incomplete
    multi-byte sequence (from a size cap) is dropped silently.
    """
    enc = bom_encoding(data)
    if enc:
        return _decode(data, enc), enc, []
    enc = _utf16_without_bom(data[:4096])
    if enc:
        return _decode(data, enc), enc, []
    try:  # valid UTF-8 with non-ASCII bytes is practically never anything else
        return _decode(data, "utf-8", strict=True), "utf-8", []
    except UnicodeDecodeError:
        pass
    if declared:
        declared = _WHATWG.get(declared.lower(), declared)
        try:
            codecs.lookup(declared)
            return _decode(data, declared, strict=True), declared, []
        except (LookupError, UnicodeDecodeError):
            pass
    loose = _decode(data, "utf-8")
    bad = loose.count("\ufffd")
    multibyte = sum(1 for ch in loose if ord(ch) > 127) - bad
    if multibyte == 0:  # not one valid multi-byte UTF-8 sequence: a legacy code page
        enc = _legacy_encoding(data)
        if enc:
            warnings = [] if enc.lower() in _WESTERN else [
                f"not UTF-8 and no charset declared: decoded as {enc} by guessing (check for garbled text)"]
            return _decode(data, enc), enc, warnings
    return loose, "utf-8", [f"invalid UTF-8: {bad} undecodable byte sequence(s) replaced with U+FFFD"]


def _decode(data: bytes, encoding: str, strict: bool = False) -> str:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict" if strict else "replace")
    return decoder.decode(data, final=False)


_MONTH_NUM = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_PUBLISHED_LINE = re.compile(
    r"^[ \t]*(?:published|posted|updated|first published)(?:[ \t]+on)?[ \t]*:?[ \t]*"
    r"(?:(?P<iso>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)"
    r"|(?P<month>[A-Za-z]{3,9})\.?[ \t]+(?P<day>\d{1,2}),?[ \t]+(?P<year>\d{4}))\b",
    re.I | re.M)
HEADER_LINES = 15


def published_from_text(text: str) -> Optional[str]:
    """ISO date from a ``Published: …`` line among the first :data:`HEADER_LINES` lines, if any."""
    head = "\n".join(text.split("\n", HEADER_LINES)[:HEADER_LINES])
    m = _PUBLISHED_LINE.search(head)
    if not m:
        return None
    if m.group("iso"):
        return m.group("iso").replace(" ", "T")
    month = _MONTH_NUM.get(m.group("month")[:3].lower())
    if not month:
        return None
    return f"{int(m.group('year')):04d}-{month:02d}-{int(m.group('day')):02d}"


def normalise_newlines(text: str) -> str:
    """``\\r\\n``/``\\r`` -> ``\\n``; drop a leading BOM and NUL characters."""
    return _NEWLINES.sub("\n", text).lstrip("\ufeff").replace("\x00", "")


def read_capped(stream: BinaryIO, limit: int) -> tuple[bytes, bool]:
    """Up to ``limit`` bytes from ``stream`` and whether more followed (never reads the rest)."""
    data = stream.read(limit + 1)
    return data[:limit], len(data) > limit


def truncation_warning(limit: int, total: Optional[int] = None) -> str:
    size = f" of {human_size(total)}" if total else ""
    return f"truncated to the first {human_size(limit)}{size} (document size limit)"


def text_document(data: bytes, *, truncated: bool = False, total_size: Optional[int] = None,
                  path: Optional[str] = None, index: Optional[int] = None,
                  fmt: str = "text") -> RawDocument:
    """A RawDocument from the bytes of one plain-text document (errors reported, never raised)."""
    kind = binary_kind(data[:8192])
    if kind:
        return RawDocument(path=path, index=index, format=fmt, error=f"binary file ({kind}), not text")
    text, _enc, warnings = decode_bytes(data)
    if truncated:
        # cut back to the last line break so no paragraph is cut mid-sentence
        cut = text.rfind("\n", 0, len(text))
        if cut > len(text) // 2:
            text = text[:cut].rstrip()
        warnings.append(truncation_warning(MAX_DOCUMENT_BYTES, total_size))
    text = normalise_newlines(text)
    if not text.strip():
        return RawDocument(path=path, index=index, format=fmt, error="empty document", warnings=warnings)
    return RawDocument(text=text, path=path, index=index, format=fmt, warnings=warnings,
                       published=published_from_text(text))


def read_text(stream: BinaryIO, *, path: Optional[str] = None, total_size: Optional[int] = None) -> RawDocument:
    """Read one plain-text document from a binary stream, reading at most MAX_DOCUMENT_BYTES."""
    data, more = read_capped(stream, MAX_DOCUMENT_BYTES)
    return text_document(data, truncated=more, total_size=total_size if more else None, path=path)
