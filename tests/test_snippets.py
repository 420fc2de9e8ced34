"""Search snippets built in Python (corpus/snippets.py), checked against FTS5's own highlight() and
snippet() on an in-memory table with the store's tokenizer."""

from __future__ import annotations

import re
import sqlite3

import pytest

from newsgraph.corpus import snippets
from newsgraph.corpus.snippets import Term, query_terms

DOCS = [
    ("Ferry operators strike over night shifts",
     ("Ferry crews walked off the job on Friday. The operators said the new rota would force them into "
     "back-to-back night shifts without rest. \u201cWe are striking because nobody listened,\u201d said Ana "
     "Kowalski, a deckhand. The port authority called the strikes unlawful and said talks would resume.")),
    ("Council delays vote on library funding",
     ("The council postponed its vote on the library budget until March. Several members wanted more time "
     "to study the figures. Librarians had campaigned for months for longer opening hours, and their "
     "campaign drew hundreds of residents to the hall. The mayor said funding decisions were never easy.")),
    ("Ideology and apologies: a columnist looks back",
     ("Her ideological shift surprised readers. In a long essay she offered apologies to former colleagues "
     "and described how one ideology had shaped twenty years of writing. She said apologising was overdue.")),
    ("Heatwave closes schools in the valley",
     ("Schools in the valley closed early as temperatures climbed past forty degrees. Parents queued at "
     "cooling centres. Officials expect the heat to ease by the weekend, when storms are forecast. Several "
     "districts plan to reopen on Monday if the forecast holds, the education office said in a statement. "
     "Café owners reported brisk sales of iced drinks while the streets stayed empty in the afternoon.")),
    ("Weekend storms expected", "Forecasters warned of hail."),
]
QUERIES = ["strike", "striking", "operators", "vote", "campaign", "librar*", "ideology", "apologies",
           "forecast", "storms", "the", "heat OR storms", "council AND library", '"schools"', "cafe", "hail"]


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE d USING fts5(title, text, tokenize='porter unicode61')")
    conn.executemany("INSERT INTO d(rowid, title, text) VALUES (?, ?, ?)",
                     [(i, t, x) for i, (t, x) in enumerate(DOCS, 1)])
    return conn


def fts5(conn, query: str) -> list[tuple[int, str, str, str]]:
    """(rowid, title highlight, body highlight, body snippet) of the matching rows, from FTS5."""
    return conn.execute("SELECT rowid, highlight(d, 0, '[', ']'), highlight(d, 1, '[', ']'), "
                        "snippet(d, 1, '[', ']', '…', 16) FROM d WHERE d MATCH ? ORDER BY rowid", [query]).fetchall()


def marked_offsets(marked: str) -> list[tuple[int, str]]:
    """(offset in the unmarked text, marked word) of each [mark]."""
    out, shift = [], 0
    for m in re.finditer(r"\[([^\]]*)\]", marked):
        out.append((m.start() - shift, m.group(1)))
        shift += 2
    return out


@pytest.mark.parametrize("query", QUERIES)
def test_titles_and_snippets_agree_with_fts5(fts, query):
    terms = query_terms(query)
    assert terms is not None
    rows = fts5(fts, query)
    assert rows, query
    built = snippets.build([DOCS[rid - 1] for rid, *_ in rows], terms, ("[", "]"))
    for (rid, title_hl, body_hl, fts_snippet), (title, snippet) in zip(rows, built):
        text = DOCS[rid - 1][1]
        assert title == title_hl  # the title: exactly FTS5's highlight
        if snippet is None:  # left to FTS5: only when the title does not explain the match (OR)
            assert "[" not in body_hl and " OR " in query
            continue
        if "[" not in body_hl:  # no match in the body: FTS5's opening tokens, exactly
            assert snippet == fts_snippet
            continue
        # every word marked here is marked by FTS5 at the same place, and the window has a match
        plain = snippet.replace("[", "").replace("]", "")
        core = plain.strip("…")
        start = text.index(core)
        truth = set(marked_offsets(body_hl))
        got = {(start + off, w) for off, w in marked_offsets(snippet.strip("…"))}
        assert got and got <= truth, (query, snippet, body_hl)
        # nothing FTS5 marks inside the window is left unmarked
        assert {(o, w) for o, w in truth if start <= o < start + len(core)} == got
        assert len(re.findall(r"[^\W_]+", core)) <= 16
        assert plain.startswith("…") == (start > 0)
        assert plain.endswith("…") == bool(re.search(r"[^\W_]", text[start + len(core):]))


def test_query_terms_parse_words_prefixes_and_operators():
    assert query_terms('"strike"') == [Term("strike", False)]
    assert query_terms("Strikes OR council*") == [Term("strike", False), Term("council", True)]
    assert query_terms("ideology AND apologies") == [Term("ideolog", False), Term("apolog", False)]
    for unsupported in ['"night shifts"', "ferry NOT strike", "NEAR(ferry strike)", "title:ferry", "don't", ""]:
        assert query_terms(unsupported) is None, unsupported


def test_stems_are_the_index_terms_of_fts5():
    words = {"apologies", "apologising", "ideological", "strikes", "café", "running", "hopping", "day", "a"}
    stems = snippets.stemmer().stems(words)
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE s USING fts5(t, tokenize='porter unicode61')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(s, row)")
    for w in words:
        conn.execute("DELETE FROM s")
        conn.execute("INSERT INTO s(t) VALUES (?)", [w])
        assert stems[w] == tuple(r[0] for r in conn.execute("SELECT term FROM v")), w
    assert stems["café"] == ("cafe",) and stems["apologies"] == ("apolog",)


def test_a_row_whose_match_this_module_cannot_see_is_left_to_fts5():
    # "Ábaco" folds to "abaco" in the index; the candidate pattern looks for "ab" and misses "Áb"
    terms = query_terms("abaco")
    assert terms is not None
    ((title, snippet),) = snippets.build([("Port news", "The \u00c1baco ferry sailed late.")], terms, ("[", "]"))
    assert title == "Port news" and snippet is None


def test_stemmer_is_safe_across_threads_while_its_memory_is_emptied(monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setattr(snippets, "_CACHE_WORDS", 5)  # empties its memory on almost every call
    st = snippets.Stemmer()
    batches = [{f"ferry{i}", "strikes", f"harbour{i % 7}", "councils"} for i in range(200)]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(st.stems, batches))
    for words, got in zip(batches, results):
        assert set(got) == words
        assert got["strikes"] == ("strike",) and got["councils"] == ("council",)
