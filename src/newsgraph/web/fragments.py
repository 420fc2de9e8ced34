"""Small HTML fragments drawn many times per page, built in Python (Jinja globals).

A Jinja macro call costs tens of microseconds (a new frame, caller and argument handling); an
article page calls them once per entity, quote, event and listed copy. These functions give the
same markup as the macros of ``_macros.html`` they stand for (``tests/test_web_fragments.py``
renders both), escaping every value; the macros stay for the templates that draw few of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

from .highlight import entity_url

_UNATTRIBUTED = Markup('<span class="muted">unattributed</span>')


def _field(obj: Any, key: str) -> Any:
    """``obj.key`` as Jinja reads it: a mapping's item or an attribute; "" when absent (undefined)."""
    if isinstance(obj, Mapping):
        return obj.get(key, "")
    return getattr(obj, key, "")


@lru_cache(maxsize=8192)
def nicedate(value: str | None) -> str:
    """``2025-01-03`` -> ``3 Jan 2025``; datetimes get ``, 14:05`` (UTC as stored); others as given."""
    if not value:
        return ""
    try:
        dt = datetime.fromisoformat(value)  # "Z" accepted since Python 3.11
    except ValueError:
        return value
    day = f"{dt.day} {dt:%b %Y}"
    return day if len(value) <= 10 else f"{day}, {dt:%H:%M}"


def when(value: Any) -> Markup:
    """The ``when`` macro: ``<time class="when" datetime="…">3 Jan 2025</time>`` or "undated"."""
    if not value:
        return Markup('<span class="when">undated</span>')
    return Markup(f'<time class="when" datetime="{escape(value)}">{escape(nicedate(value))}</time>')


def article_link(a: Any) -> Markup:
    """The ``article_link`` macro: a link to an article page titled by its title (or its id)."""
    aid = _field(a, "id")
    title = _field(a, "title") or f"article {aid}"
    return Markup(f'<a href="/articles/{escape(aid)}">{escape(title)}</a>')


def linked(links: Mapping[str, Any] | None, eid: Any, name: Any) -> Markup:
    """The article body's ``linked`` macro: an entity of the article linked to its corpus entity
    (``links``: article entity id -> (name, type)), else to its own name, else "unattributed"."""
    target = (links or {}).get(eid) if eid else None
    if target:
        return Markup(f'<a href="{escape(entity_url(target[0], target[1]))}">{escape(name or target[0])}</a>')
    if name:
        return Markup(f'<a href="{escape(entity_url(name))}">{escape(name)}</a>')
    return _UNATTRIBUTED
