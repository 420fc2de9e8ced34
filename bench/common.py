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
