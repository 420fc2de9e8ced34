"""Build analysed-looking Articles by hand (offsets computed from substrings), without the NLP pipeline.

Used by the API/web tests (a small corpus with known entities, quotes, copies and a hostile
article) and by ``bench/serve_load.py`` (many synthetic articles, inserted fast).
"""

from __future__ import annotations

import re
from typing import Iterable, Optional, Sequence

from ..model import Article, Entity, Mention, Quote, Removed, Source, SourceCitation


def _find(text: str, needle: str, start: int = 0) -> int:
    pos = text.find(needle, start)
    if pos < 0:
        raise ValueError(f"{needle!r} not found in the article text")
    return pos


def make_article(
    title: str,
    paragraphs: Sequence[str],
    *,
    outlet: Optional[str] = None,
    published: Optional[str] = None,
    url: Optional[str] = None,
    byline: Optional[str] = None,
    entities: Iterable[tuple[str, str, Sequence[str], Sequence[str]]] = (),
    quotes: Iterable[tuple[str, Optional[str], str, Optional[str]]] = (),
    sources: Iterable[tuple[str, str, Optional[str]]] = (),
    removed: Iterable[tuple[str, str]] = (),
) -> Article:
    """An Article with offsets computed from the text.

    ``entities``: ``(name, type, surface forms, roles)``; every whole-word occurrence of a form is a
    mention. ``quotes``: ``(quoted text as it appears, speaker name or None, kind, cue)``.
    ``sources``: ``(outlet, kind, cue)``, located at the outlet's first occurrence. ``removed``:
    ``(text, reason)``.
    """
    a = Article(title=title, byline=byline, language="en",
                source=Source(outlet=outlet, published=published, url=url, format="html"))
    a.set_paragraphs(list(paragraphs))
    text = a.text
    ents: list[Entity] = []
    for i, (name, etype, forms, roles) in enumerate(entities):
        mentions = []
        for form in dict.fromkeys([name, *forms]):
            for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
                if not any(x.start <= m.start() < x.end for x in mentions):
                    mentions.append(Mention(start=m.start(), end=m.end(), text=m.group(0)))
        mentions.sort(key=lambda m: m.start)
        ents.append(Entity(id=f"e{i}", name=name, type=etype, aliases=[f for f in forms if f != name],
                           roles=list(roles), mentions=mentions))
    a.entities = ents
    by_name = {e.name: e.id for e in ents}
    for qtext, speaker, kind, cue in quotes:
        start = _find(text, qtext)
        a.quotes.append(Quote(text=qtext, kind=kind, speaker=speaker, speaker_id=by_name.get(speaker or ""),
                              speaker_text=speaker.split()[-1] if speaker else None, cue=cue,
                              paragraph=a.paragraph_at(start), start=start, end=start + len(qtext)))
    for src_outlet, kind, cue in sources:
        start = _find(text, src_outlet)
        a.sources.append(SourceCitation(outlet=src_outlet, kind=kind, cue=cue, start=start,
                                        end=start + len(src_outlet)))
    a.removed = [Removed(text=t, reason=r) for t, r in removed]
    return a


XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"


def sample_articles() -> list[Article]:
    """A small hand-written corpus: one story reported three times (one verbatim copy), a second
    story, and an article whose text and metadata contain HTML/script injection attempts."""
    bus_paras = [
        "HARBOR CITY — The city council voted 7-2 on Monday to build dedicated bus lanes on Main Street, "
        "a plan that Mayor Jane Okafor has pushed since her election.",
        "\u201cThis is the biggest change to how people move around Harbor City in a generation,\u201d "
        "Okafor said after the vote.",
        "Councillor Tom Reyes, who voted against the plan, said the lanes would hurt small shops on Main Street.",
        "Construction is expected to start in April, according to the Harbor City Transit Agency.",
    ]
    bus_entities = [
        ("Jane Okafor", "PERSON", ["Okafor", "Mayor Jane Okafor"], ["Mayor"]),
        ("Tom Reyes", "PERSON", ["Reyes", "Councillor Tom Reyes"], ["Councillor"]),
        ("Harbor City", "GPE", [], []),
        ("Harbor City Transit Agency", "ORG", [], []),
        ("Main Street", "FAC", [], []),
    ]
    bus_quotes = [
        ("\u201cThis is the biggest change to how people move around Harbor City in a generation,\u201d",
         "Jane Okafor", "direct", "said"),
        ("the lanes would hurt small shops on Main Street", "Tom Reyes", "indirect", "said"),
    ]
    original = make_article(
        "Council approves Main Street bus lanes", bus_paras, outlet="Harbor Times",
        published="2025-03-03T09:00:00Z", url="https://harbor-times.example/bus-lanes", byline="By Ana Ruiz",
        entities=bus_entities, quotes=bus_quotes,
        sources=[("Harbor City Transit Agency", "agency", "according to")],
        removed=[("Subscribe to our newsletter for more local news.", "boilerplate"),
                 ("Council approves Main Street bus lanes", "repeated_title")],
    )
    copy = make_article(
        "Harbor City council backs bus lanes", [*bus_paras, "(Reporting by Coastal Wire staff.)"],
        outlet="Coastal Wire",
        published="2025-03-03T15:30:00Z", url="https://coastal-wire.example/2025/bus",
        entities=bus_entities, quotes=bus_quotes,
        sources=[("Harbor City Transit Agency", "agency", "according to")],
    )
    follow_paras = [
        "HARBOR CITY — Shop owners on Main Street met on Tuesday to discuss the bus lanes that the city council "
        "approved on Monday, a plan pushed by Mayor Jane Okafor.",
        "\u201cBuses will be faster by the summer,\u201d Okafor told reporters at City Hall.",
        "Okafor said Councillor Tom Reyes had agreed to meet shop owners about parking.",
    ]
    follow = make_article(
        "Main Street shops weigh bus lanes plan", follow_paras, outlet="Bay Ledger",
        published="2025-03-04", url="https://bay-ledger.example/news/lanes",
        entities=bus_entities[:3] + [bus_entities[4]],
        quotes=[("\u201cBuses will be faster by the summer,\u201d", "Jane Okafor", "direct", "told"),
                ("Councillor Tom Reyes had agreed to meet shop owners about parking", "Jane Okafor", "indirect",
                 "said")],
    )
    storm_paras = [
        "PORT ELLIS — A winter storm closed the port of Port Ellis on Thursday, stranding a dozen cargo ships.",
        "\u201cWe will reopen the harbour as soon as the wind drops below gale force,\u201d said Maria Lind, "
        "a spokeswoman for the Port Ellis Authority.",
        "The Northern Weather Service said gusts reached 110 km/h overnight.",
    ]
    storm = make_article(
        "Storm closes Port Ellis harbour", storm_paras, outlet="Northern Post", published="2025-01-16",
        entities=[("Maria Lind", "PERSON", ["Lind"], ["spokeswoman for the Port Ellis Authority"]),
                  ("Port Ellis Authority", "ORG", [], []), ("Port Ellis", "GPE", [], []),
                  ("Northern Weather Service", "ORG", [], [])],
        quotes=[("\u201cWe will reopen the harbour as soon as the wind drops below gale force,\u201d",
                 "Maria Lind", "direct", "said"),
                ("gusts reached 110 km/h overnight", "Northern Weather Service", "indirect", "said")],
        sources=[("Northern Weather Service", "agency", "said")],
    )
    hostile_paras = [
        f"Security researchers posted the string {XSS_SCRIPT} on the forum of Quillby Labs.",
        f"\u201cAn image tag like {XSS_IMG} must never run,\u201d said Evan Marsh of Quillby Labs.",
        "The forum was fixed within hours.",
    ]
    hostile = make_article(
        f"Forum bug {XSS_SCRIPT} fixed", hostile_paras, outlet=f"Test{XSS_IMG}Outlet",
        published="2025-02-10", url="javascript:alert(1)", byline=f"By {XSS_SCRIPT}",
        entities=[("Evan Marsh", "PERSON", ["Marsh"], [f"researcher {XSS_IMG}"]),
                  ("Quillby Labs", "ORG", [], [])],
        quotes=[(f"\u201cAn image tag like {XSS_IMG} must never run,\u201d", "Evan Marsh", "direct", "said")],
        removed=[(f"Ad: {XSS_SCRIPT}", "boilerplate")],
    )
    return [original, copy, follow, storm, hostile]


def build_sample_db(path) -> list[Article]:
    """Create a corpus database at ``path`` holding :func:`sample_articles`; returns the articles."""
    from ..corpus import Store

    articles = sample_articles()
    with Store(path) as store:
        for a in articles:
            store.add_article(a)
    return articles
