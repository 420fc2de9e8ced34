"""Small helpers shared by the bench scripts: locating shared data, timing, table printing."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable, Iterable, Sequence, TypeVar

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"

T = TypeVar("T")


def data_dir(name: str) -> Path:
    """``../shared/data/<name>``, or exit(0) with a clear message when the folder is absent."""
    path = SHARED_DATA / name
    if not path.is_dir():
        print(f"skipped: benchmark data not found at {path} (only on the newsgraph team's machines)")
        sys.exit(0)
    return path


def timed(fn: Callable[[T], object], items: Sequence[T]) -> tuple[list, float]:
    """Apply ``fn`` to every item; return the results and the wall time in seconds."""
    start = time.perf_counter()
    results = [fn(x) for x in items]
    return results, time.perf_counter() - start


def print_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Print (and return) a Markdown table."""
    rows = [[str(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    lines = [
        "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths)) + " |",
        "| " + " | ".join("-" * w for w in widths) + " |",
    ]
    lines += ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |" for r in rows]
    table = "\n".join(lines)
    print(table)
    return table


def load_targets(conn, n_articles: int = 2000, n_terms: int = 100, n_speakers: int = 100, seed: int = 0) -> dict:
    """Request targets spread over a corpus (``conn``: sqlite3 connection to a newsgraph store):

    * ``articles``: ``n_articles`` random article ids (the same for the same ``seed`` and store);
    * ``terms``: ``n_terms`` search words from the most common (in most documents) to rare ones
      (document frequency measured on a sample of 3,000 articles; picked at log-spaced ranks);
    * ``speakers``: ``n_speakers`` quoted corpus entities: the 10 most quoted, then spread over the
      rest of the ranking, as ``(name, quotes)``.
    """
    import math
    import random
    import re
    from collections import Counter

    rng = random.Random(seed)
    # the same targets on every run over the same store: row ids drawn with the seeded generator
    pks = [r[0] for r in conn.execute("SELECT pk FROM articles ORDER BY pk")]

    def sample(n: int) -> list[int]:
        return sorted(rng.sample(pks, min(n, len(pks))))

    def rows(sql: str, ids: list[int]) -> list:
        return [r for i in range(0, len(ids), 500)
                for r in conn.execute(sql + f" WHERE pk IN ({','.join(map(str, ids[i:i + 500]))})")]

    articles = [r[0] for r in rows("SELECT id FROM articles", sample(n_articles))]
    rng.shuffle(articles)
    df: Counter = Counter()
    for (text,) in rows("SELECT text FROM articles", sample(3000)):
        df.update(set(w.lower() for w in re.findall(r"[A-Za-z]{3,}", text or "")))
    ranked = sorted((w for w in df if df[w] >= 2), key=lambda w: (-df[w], w))  # ties in a fixed order
    terms: list[str] = []
    if ranked:
        for i in range(n_terms):
            idx = min(len(ranked) - 1, int(math.exp(math.log(len(ranked)) * i / max(1, n_terms - 1))) - 1)
            if ranked[idx] not in terms:
                terms.append(ranked[idx])
        terms += [w for w in rng.sample(ranked, min(len(ranked), 3 * n_terms)) if w not in terms][:n_terms - len(terms)]
    by_count = conn.execute(
        "SELECT c.name, count(*) AS n FROM quotes q JOIN corpus_entities c ON c.id = q.speaker_entity_id "
        "GROUP BY q.speaker_entity_id ORDER BY n DESC").fetchall()
    speakers = list(by_count[:10])
    rest = by_count[10:]
    if rest:
        step = max(1, len(rest) // max(1, n_speakers - 10))
        speakers += list(rest[::step][:n_speakers - 10])
    return {"articles": articles, "terms": terms, "speakers": [(n, c) for n, c in speakers],
            "df": {t: df[t] for t in terms}}
