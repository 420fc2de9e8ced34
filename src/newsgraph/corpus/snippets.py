"""Search snippets and title highlights built in Python from the stored text (page rows only).

FTS5's ``snippet()`` and ``highlight()`` re-tokenise and stem each whole document to find the
matches: for a page of 20 articles that was most of a search's cost. Here the matches are found
by a regular expression for words that can share the query term's stem (the stem's first two
letters), and only those candidate words are stemmed, by FTS5's own ``porter unicode61``
tokenizer on a private in-memory table (so "matches" means what the index means), remembered
per word. The window is then tokenised locally. Queries this module does not model (phrases of
several words, NOT, NEAR, column filters) return ``None`` from :func:`query_terms`, and the
caller uses FTS5's functions, as it does for a row whose body shows no match here.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import dataclass

#: A token as FTS5's unicode61 tokenizer sees one: letters and digits (not "_").
TOKEN = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+$")
_QUERY_PART = re.compile(r'\s*(?:"((?:[^"]|"")*)"|([^\s"()*:^+{}\[\],.-]+))(\*?)')
_OPERATORS = {"AND", "OR"}
_UNSUPPORTED = {"NOT", "NEAR"}
_MAX_TITLE_HITS = 400
_MAX_BODY_HITS = 48  # the window is chosen among the first matches
_CACHE_WORDS = 200_000


@dataclass(frozen=True)
class Term:
    """One query term: the word's stem (index form), or a prefix of stems (``word*``)."""

    key: str
    prefix: bool

    def matches(self, stems: tuple[str, ...]) -> bool:
        if self.prefix:
            return any(s.startswith(self.key) for s in stems)
        return self.key in stems


class Stemmer:
    """Words -> the terms FTS5's ``porter unicode61`` tokenizer indexes them as (a word may give
    several, e.g. with an apostrophe). One in-memory FTS5 table per thread; results remembered."""

    def __init__(self) -> None:
        self._local = threading.local()
        self._known: dict[str, tuple[str, ...]] = {}

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(":memory:", check_same_thread=False)
            conn.execute("CREATE VIRTUAL TABLE w USING fts5(t, tokenize='porter unicode61')")
            conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(w, instance)")
            self._local.conn = conn
        return conn

    def stems(self, words: set[str]) -> dict[str, tuple[str, ...]]:
        known = self._known
        out = {w: s for w in words if (s := known.get(w)) is not None}
        new = [w for w in words if w not in out]
        if new:
            conn = self._conn()
            conn.execute("DELETE FROM w")
            conn.executemany("INSERT INTO w(rowid, t) VALUES (?, ?)", enumerate(new, 1))
            got: dict[int, list[tuple[int, str]]] = {}
            for term, doc, off in conn.execute("SELECT term, doc, offset FROM v"):
                got.setdefault(doc, []).append((off, term))
            if len(known) > _CACHE_WORDS:
                known.clear()  # another thread may be reading: results come from ``out``
            for i, w in enumerate(new, 1):
                out[w] = known[w] = tuple(t for _, t in sorted(got.get(i, [])))
        return out


_stemmer: Stemmer | None = None


def stemmer() -> Stemmer:
    """The process's stemmer (created on first use)."""
    global _stemmer
    if _stemmer is None:
        _stemmer = Stemmer()
    return _stemmer


def query_terms(fts_query: str) -> list[Term] | None:
    """The terms of an FTS5 query made of words, one-word phrases, ``prefix*``, AND and OR; None
    for anything else (the caller then asks FTS5 for its snippets)."""
    words: list[tuple[str, bool]] = []
    pos = 0
    text = fts_query.strip()
    while pos < len(text):
        m = _QUERY_PART.match(text, pos)
        if m is None or m.end() == pos:
            return None
        pos = m.end()
        phrase, bare, star = m.group(1), m.group(2), m.group(3)
        if bare is not None:
            if bare in _OPERATORS and not star:
                continue
            if bare in _UNSUPPORTED:
                return None
            word = bare
        else:
            word = phrase.replace('""', '"')
        tokens = TOKEN.findall(word)
        if len(tokens) != 1 or tokens[0] != word.strip():
            return None
        words.append((tokens[0], bool(star)))
    if not words:
        return None
    stems = stemmer().stems({w.lower() for w, star in words if not star})
    terms = []
    for w, star in words:
        if star:
            terms.append(Term(w.lower(), True))
            continue
        s = stems[w.lower()]
        if len(s) != 1:
            return None
        terms.append(Term(s[0], False))
    return terms


def _candidates(terms: list[Term]) -> re.Pattern[str]:
    heads = sorted({re.escape(t.key[:2]) for t in terms})
    return re.compile(r"(?<![^\W_])(?:" + "|".join(heads) + r")[^\W_]*", re.IGNORECASE)


def _hits(text: str, pattern: re.Pattern[str], limit: int) -> list[tuple[int, int, str]]:
    out = []
    for m in pattern.finditer(text):
        out.append((m.start(), m.end(), m.group().lower()))
        if len(out) >= limit:
            break
    return out


def _verified(hits: list[tuple[int, int, str]], stems: dict[str, tuple[str, ...]],
              terms: list[Term]) -> list[tuple[int, int, int]]:
    """(start, end, term index) of the candidate words that match a term."""
    out = []
    for a, b, w in hits:
        s = stems.get(w, ())
        for i, t in enumerate(terms):
            if t.matches(s):
                out.append((a, b, i))
                break
    return out


def _mark(text: str, spans: list[tuple[int, int, int]], mark: tuple[str, str], start: int, end: int) -> str:
    parts, pos = [], start
    for a, b, _ in spans:
        if a < start or b > end:
            continue
        parts += [text[pos:a], mark[0], text[a:b], mark[1]]
        pos = b
    parts.append(text[pos:end])
    return "".join(parts)


def _sentence_start(text: str, pos: int) -> bool:
    return pos == 0 or _SENTENCE_END.search(text, max(0, pos - 8), pos) is not None


def _window(text: str, spans: list[tuple[int, int, int]], n_tokens: int, ellipsis: str,
            mark: tuple[str, str]) -> str:
    """``n_tokens`` tokens around the best cluster of matches (the most distinct terms, then the
    earliest), the cluster centred, starting at a sentence start when one is among the tokens
    before it; ellipses where the text is cut."""
    best, best_score = 0, -1
    for i, (a, _b, _t) in enumerate(spans):
        near = {t for a2, _b2, t in spans[i:i + n_tokens] if a2 - a < 8 * n_tokens}
        if len(near) > best_score:
            best, best_score = i, len(near)
    anchor = spans[best][0]
    after = []
    for m in TOKEN.finditer(text, anchor):
        after.append(m)
        if len(after) >= n_tokens:
            break
    limit = after[-1].end()
    last_hit = anchor
    for a, b, _ in spans[best:]:
        if a >= limit:
            break
        last_hit = b
    in_window = sum(1 for m in after if m.start() < last_hit)
    lo = max(0, anchor - 12 * n_tokens)
    before = list(TOKEN.finditer(text, lo, anchor))[1 if lo > 0 else 0:]  # the first may be cut at lo
    lead = min(len(before), (n_tokens - in_window) // 2)
    for k in range(lead, 0, -1):  # the earliest sentence start among those tokens
        if _sentence_start(text, before[-k].start()):
            lead = k
            break
    tokens = (before[-lead:] if lead else []) + after[:n_tokens - lead]
    first, last = tokens[0], tokens[-1]
    at_start = TOKEN.search(text, 0, first.start()) is None
    at_end = TOKEN.search(text, last.end()) is None
    start = 0 if at_start else first.start()
    end = len(text) if at_end else last.end()
    body = _mark(text, spans, mark, start, end)
    return ("" if at_start else ellipsis) + body + ("" if at_end else ellipsis)


def build(rows: list[tuple[str | None, str | None]], terms: list[Term], mark: tuple[str, str],
          ellipsis: str = "…", n_tokens: int = 16) -> list[tuple[str | None, str | None]]:
    """Per ``(title, text)`` row: the title with every match marked, and a snippet of the text
    (None when the text shows no match here: the caller asks FTS5)."""
    pattern = _candidates(terms)
    found = [(_hits(title or "", pattern, _MAX_TITLE_HITS), _hits(text or "", pattern, _MAX_BODY_HITS))
             for title, text in rows]
    stems = stemmer().stems({w for th, bh in found for _, _, w in (*th, *bh)})
    out: list[tuple[str | None, str | None]] = []
    for (title, text), (th, bh) in zip(rows, found):
        tspans = _verified(th, stems, terms)
        title_marked = _mark(title, tspans, mark, 0, len(title)) if title else title
        bspans = _verified(bh, stems, terms)
        if bspans:
            snippet: str | None = _window(text or "", bspans, n_tokens, ellipsis, mark)
        elif {i for _, _, i in tspans} == set(range(len(terms))):
            snippet = _opening(text or "", n_tokens, ellipsis)  # the title explains the match
        else:
            snippet = None
        out.append((title_marked, snippet))
    return out


def _opening(text: str, n_tokens: int, ellipsis: str) -> str:
    """The first ``n_tokens`` tokens (what FTS5 shows for a column without matches)."""
    end = 0
    for i, m in enumerate(TOKEN.finditer(text)):
        if i == n_tokens:
            return text[:end] + ellipsis
        end = m.end()
    return text
