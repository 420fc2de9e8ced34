"""What a pipeline stage is: a named callable over a :class:`Work` item, registered by name."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Optional, Protocol

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
