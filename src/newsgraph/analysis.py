"""The Python API: analyse strings or raw documents into Articles."""

from __future__ import annotations

from typing import Iterable, Iterator, Optional, Union

from .model import Article
from .pipeline import DEFAULT_STAGES, Pipeline
from .readers import from_string
from .readers.base import RawDocument

Input = Union[str, RawDocument]


def _as_raw(item: Input) -> RawDocument:
    return item if isinstance(item, RawDocument) else from_string(item)


def analyze(text_or_html: str, *, url: Optional[str] = None, title: Optional[str] = None) -> Article:
    """Analyse one article given as plain text or an HTML page.

    >>> article = analyze("Officials met on Monday.\\n\\nThey agreed to talk again.")
    >>> [p.text for p in article.paragraphs]
    ['Officials met on Monday.', 'They agreed to talk again.']
    """
    raw = from_string(text_or_html, url=url, title=title)
    return Pipeline().analyze(raw)


def analyze_many(
    items: Iterable[Input],
    *,
    workers: int = 1,
    stages: tuple[str, ...] = DEFAULT_STAGES,
    batch_size: int = 16,
) -> Iterator[Article]:
    """Analyse many texts/HTML strings or :class:`RawDocument` s, yielding Articles in input order.

    ``workers > 1`` spreads batches over a local process pool (each process loads the model once).
    """
    raws = (_as_raw(i) for i in items)
    if workers <= 1:
        yield from Pipeline(stages, batch_size=batch_size).analyze_many(raws)
        return
    from .engines.local import LocalEngine

    yield from LocalEngine(workers=workers, stages=stages, batch_size=batch_size).run(raws)
