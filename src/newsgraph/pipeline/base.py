"""What a pipeline stage is (a named callable over a :class:`Work` item, registered by name), plus the
bounds every analysis runs under: cancellation checks and bounded parse pieces for long texts."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterator, Optional, Protocol

from ..model import Article
from ..readers.base import RawDocument

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


@dataclass
class Work:
    """One document moving through the pipeline.

    ``article`` is the output being enriched; ``raw`` the reader's document (its ``text`` is
    the uncleaned body); ``doc`` the spaCy Doc over ``article.text`` once the NLP step ran
    (None for non-English or empty articles); ``scratch`` lets stages pass transient data
    (e.g. sentence spans) to later stages without putting it in the schema.
    """

    article: Article
    raw: RawDocument
    doc: Optional["Doc"] = None
    scratch: dict[str, Any] = field(default_factory=dict)


#: ``Doc.user_data`` key of :func:`doc_text`'s copy of the Doc's text
_TEXT_KEY = "newsgraph_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token's text again on each access of
    ``Doc.text``, and several stages read it (kept in ``doc.user_data``; the text never changes)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


class Stage(Protocol):
    """A pipeline step. ``needs_doc`` stages run after the spaCy parse and only when a Doc exists."""

    name: str
    needs_doc: bool

    def __call__(self, work: Work) -> None: ...


_REGISTRY: dict[str, Callable[[], Stage]] = {}


def register_stage(name: str) -> Callable[[Callable[[], Stage]], Callable[[], Stage]]:
    """Class/function decorator: make a stage factory available by ``name``."""

    def deco(factory: Callable[[], Stage]) -> Callable[[], Stage]:
        _REGISTRY[name] = factory
        return factory

    return deco


def create_stage(name: str) -> Stage:
    """Instantiate the stage registered as ``name``."""
    from . import load_builtin_stages

    load_builtin_stages()
    try:
        return _REGISTRY[name]()
    except KeyError:
        raise KeyError(f"unknown stage {name!r}; known: {', '.join(sorted(_REGISTRY))}") from None


def registered_stages() -> list[str]:
    from . import load_builtin_stages

    load_builtin_stages()
    return sorted(_REGISTRY)


# -- cancellation ------------------------------------------------------------------------------
class AnalysisCancelled(Exception):
    """Raised between stages / parse pieces when the caller's cancel check says stop."""


#: The current analysis's "should I stop?" check (set per thread by :func:`cancel_scope`).
_CANCEL: ContextVar[Optional[Callable[[], bool]]] = ContextVar("newsgraph_cancel", default=None)


@contextmanager
def cancel_scope(should_stop: Callable[[], bool]) -> Iterator[None]:
    """Within this block, pipelines stop with :class:`AnalysisCancelled` once ``should_stop()`` is true.

    Checked before every stage and every parse piece, so a cancelled analysis ends within one
    bounded piece of work (used by the server to stop analyses that passed their time limit).
    """
    token = _CANCEL.set(should_stop)
    try:
        yield
    finally:
        _CANCEL.reset(token)


def check_cancelled() -> None:
    """Raise :class:`AnalysisCancelled` when the current cancel scope says stop."""
    should_stop = _CANCEL.get()
    if should_stop is not None and should_stop():
        raise AnalysisCancelled("analysis cancelled")


# -- bounded pieces ----------------------------------------------------------------------------
#: Texts longer than this are parsed in pieces of at most this many characters (cut at paragraph
#: breaks, else line breaks, sentence ends or spaces), so the parser's memory stays bounded and
#: its time linear in the length. Ordinary articles (a few thousand characters) are one piece.
PIECE_CHARS = 10_000
_CUTS = ("\n\n", "\n", ". ", " ")


def text_pieces(text: str, max_chars: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` spans that tile ``text`` exactly, each at most ``max_chars`` long.

    A span ends just after a separator (the blank line between paragraphs when there is one),
    so the separator stays with the piece before it and joining the pieces gives ``text`` back.
    """
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > max_chars:
        limit = start + max_chars
        end = -1
        for sep in _CUTS:
            cut = text.rfind(sep, start + max_chars // 4, limit - len(sep) + 1)
            if cut >= 0:
                end = cut + len(sep)
                break
        if end <= start:
            end = limit  # one unbroken run of characters: cut anywhere
        spans.append((start, end))
        start = end
    if start < n or not spans:
        spans.append((start, n))
    return spans
