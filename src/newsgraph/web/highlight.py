"""Safe HTML for an article body with entity mentions and quotes highlighted.

Offsets (``start``/``end``) index :attr:`Article.text`, the paragraphs joined by a blank line.
The body is cut at every span boundary into segments; each segment's text is escaped on its
own and wrapped in the (fixed, trusted) markup of the spans covering it. Article data never
reaches the output unescaped, so overlapping or malformed spans can at worst look odd.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable, Mapping, NamedTuple, Optional
from urllib.parse import quote as urlquote

from markupsafe import Markup, escape


@lru_cache(maxsize=16384)
def entity_url(name: str, type: Optional[str] = None) -> str:
    """URL of an entity page (the name percent-encoded, ``/`` included; ``type`` disambiguates;
    remembered: a page links the same names many times)."""
    url = "/entities/" + urlquote(name, safe="")
    return f"{url}?type={urlquote(type, safe='')}" if type else url


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if type(obj) is dict or isinstance(obj, Mapping):  # the stored JSON: dicts (the ABC check is slow)
        return obj.get(key, default)
    return getattr(obj, key, default)


class _Span(NamedTuple):  # a tuple: built per mention and per quote, cheaply
    start: int
    end: int
    index: int  # quote number or entity position
    label: str  # speaker / entity name
    kind: str  # entity type or quote kind
    etype: Optional[str] = None  # entity type for the link (quotes: the speaker's)
    alt: Optional[str] = None  # quotes: the speaker as written, shown when there is no speaker entity


def _spans(items: Iterable[_Span], length: int) -> list[_Span]:
    out = []
    for s in items:
        start, end = max(0, s.start), min(length, s.end)
        if start < end:
            out.append(_Span(start, end, s.index, s.label, s.kind, s.etype, s.alt))
    return out


def highlight_article(article: Mapping[str, Any] | Any,
                      links: Optional[Mapping[str, tuple[str, Optional[str]]]] = None) -> list[Markup]:
    """One safe HTML string per paragraph of ``article`` (an Article or its dict form).

    Quotes become ``<mark class="quote">`` (with the speaker linked after the quote's last
    segment), entity mentions ``<a class="mention">`` links to the entity page. ``links`` maps
    an article entity id to the ``(name, type)`` its page is found under (the corpus entity);
    by default the article's own canonical name is used.
    """
    return [html for html, _ in highlight_rows(article, links, inline_speakers=True)]


def highlight_rows(article: Mapping[str, Any] | Any,
                   links: Optional[Mapping[str, tuple[str, Optional[str]]]] = None, *,
                   inline_speakers: bool = False) -> list[tuple[Markup, list[Markup]]]:
    """Per paragraph: its safe HTML and the speaker badges of the quotes ending in it (for the
    margin; inside the text only with ``inline_speakers``). Spans are bucketed per paragraph, so
    the cost is the paragraph's own spans, not the article's."""
    links = dict(links or {})
    paragraphs = list(_get(article, "paragraphs") or [])
    texts = [_get(p, "text") or "" for p in paragraphs]
    text = "\n\n".join(texts)
    n = len(text)

    mentions: list[_Span] = []
    for i, ent in enumerate(_get(article, "entities") or []):
        etype = _get(ent, "type") or ""
        name, ltype = links.get(_get(ent, "id") or "", (_get(ent, "name") or "", etype))
        for m in _get(ent, "mentions") or []:
            mentions.append(_Span(int(_get(m, "start", 0)), int(_get(m, "end", 0)), i, name, etype, ltype))
    mentions = _spans(mentions, n)
    qspans = []
    for i, q in enumerate(_get(article, "quotes") or []):
        speaker, stype = _get(q, "speaker") or "", None
        if _get(q, "speaker_id") in links:
            speaker, stype = links[_get(q, "speaker_id")]
        qspans.append(_Span(int(_get(q, "start", 0)), int(_get(q, "end", 0)), i, speaker,
                            _get(q, "kind") or "", stype, _get(q, "speaker_text")))
    quotes = _spans(qspans, n)
    # Sort so that the first span found covering a point is the shortest (most specific).
    mentions.sort(key=lambda s: (s.end - s.start, s.start))
    quotes.sort(key=lambda s: (s.end - s.start, s.start))

    out: list[tuple[Markup, list[Markup]]] = []
    urls: dict[tuple[str, Optional[str]], str] = {}
    pos = 0
    for ptext in texts:
        pstart, pend = pos, pos + len(ptext)
        pos = pend + 2
        pm = [m for m in mentions if m.start < pend and m.end > pstart]
        pq = [q for q in quotes if q.start < pend and q.end > pstart]
        cuts = {pstart, pend}
        for s in (*pm, *pq):
            for c in (s.start, s.end):
                if pstart < c < pend:
                    cuts.add(c)
        bounds = sorted(cuts)
        html: list[str] = []
        badges: list[Markup] = []
        for a, b in zip(bounds, bounds[1:]):
            # plain f-strings over escaped parts (Markup.format costs ~10x more per segment)
            seg = str(escape(text[a:b]))
            ment = next((m for m in pm if m.start <= a and b <= m.end), None)
            if ment is not None:
                url = urls.get((ment.label, ment.etype))
                if url is None:
                    url = urls[(ment.label, ment.etype)] = str(escape(entity_url(ment.label, ment.etype)))
                seg = (f'<a class="mention" href="{url}" data-type="{escape(ment.kind)}" '
                       f'title="{escape(f"{ment.label} ({ment.kind})")}">{seg}</a>')
            q = next((q for q in pq if q.start <= a and b <= q.end), None)
            if q is not None:
                seg = f'<mark class="quote {escape(q.kind)}" data-quote="{q.index}">{seg}</mark>'
                if b == q.end:
                    if inline_speakers:
                        seg += str(_speaker_badge(q))
                    else:
                        badges.append(_speaker_badge(q))
            html.append(seg)
        out.append((Markup("".join(html)), badges))
    return out


def _speaker_badge(q: _Span) -> Markup:
    if q.label:
        return Markup(f'<a class="speaker" href="{escape(entity_url(q.label, q.etype))}" '
                      f'data-quote="{escape(q.index)}">— {escape(q.label)}</a>')
    if q.alt:
        return Markup('<span class="speaker unknown" data-quote="{}" title="speaker not identified">— {}</span>').format(
            q.index, q.alt)
    return Markup('<span class="speaker unknown" data-quote="{}">— unattributed</span>').format(q.index)


def safe_url(url: Optional[str]) -> Optional[str]:
    """``url`` when it is an http(s) URL (safe to put in ``href``), else None."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None
