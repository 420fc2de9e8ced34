"""One resolver for every mention of an article (names, pronouns, descriptions, spokespeople,
offices, documents): :class:`Resolver`. The entities stage builds it, adds the resolved
pronoun and description mentions to ``article.entities`` and leaves it in
``work.scratch[RESOLVER_KEY]`` for the quotes, sources and events stages."""

from typing import Sequence

from ..base import doc_text
from .given import GivenPerson, given_genders, with_people
from .resolver import Resolution, Resolver

#: ``work.scratch`` key of the article's :class:`Resolver`
RESOLVER_KEY = "resolver"

__all__ = ["Resolver", "Resolution", "RESOLVER_KEY", "build_resolver"]


def build_resolver(article, doc, extra_people: Sequence[GivenPerson] = ()) -> Resolver:  # type: ignore[no-untyped-def]
    """The resolver of ``article`` over its parse ``doc``: direct-quote contents are never
    antecedents and their pronouns are not resolved. ``extra_people`` (name, known spans,
    gender or None) are people given from outside the text (a task's candidates): they become PERSON entities of
    the resolver whatever the model typed (:func:`.given.with_people`); their entity ids are
    ``given0``, ``given1``, … in order."""
    from ..quotes.marks import find_quoted_segments

    paras = [(p.start, p.end) for p in article.paragraphs]
    text = doc_text(doc)
    excluded = [(s.start, s.end) for s in find_quoted_segments(text, paras) if text.count(" ", s.start, s.end) >= 2]
    entities = with_people(article.entities, text, extra_people) if extra_people else article.entities
    return Resolver(doc, entities, [p.start for p in article.paragraphs], excluded, given_genders(extra_people))
