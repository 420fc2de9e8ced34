"""Helpers shared by the resolver, speaker and quote tests (imported as a plain module: pytest puts
``tests/`` on ``sys.path``)."""

from __future__ import annotations

from newsgraph.model import Article, Quote


def quote(a: Article, contains: str) -> Quote:
    """The one quote of ``a`` whose text contains ``contains``."""
    found = [q for q in a.quotes if contains in q.text]
    assert len(found) == 1, [(q.text, q.speaker) for q in a.quotes]
    return found[0]


def resolver_with_people(nlp, text, people):  # type: ignore[no-untyped-def]
    """(doc, resolver) of a one-paragraph ``text`` with ``people`` given as GAP gives A and B."""
    from newsgraph.pipeline.entities import extract_entities
    from newsgraph.pipeline.resolve import build_resolver

    doc = nlp(text)
    article = Article()
    article.set_paragraphs([text])
    article.entities = extract_entities(doc, None)[0]
    return doc, build_resolver(article, doc, extra_people=people)


def indirect(article: Article) -> list[Quote]:
    return [q for q in article.quotes if q.kind == "indirect"]


def only(quotes: list[Quote], contains: str) -> Quote:
    found = [q for q in quotes if contains in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


def speaker_is(q: Quote, surname: str) -> bool:
    return q.speaker is not None and q.speaker.split()[-1] == surname
