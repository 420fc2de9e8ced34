"""The Python fragments standing for hot template macros (web/fragments.py) give the macros' markup."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from newsgraph.web import fragments
from newsgraph.web.pages import make_templates

ENV = make_templates().env
HOSTILE = '<script>alert("x")</script> & \'Q\''

# the ``linked`` macro the article body used before it became fragments.linked
LINKED_MACRO = """{% macro linked(eid, name) -%}
{%- set target = (links or {}).get(eid) if eid else none -%}
{%- if target -%}<a href="{{ entity_url(target[0], target[1]) }}">{{ name or target[0] }}</a>
{%- elif name -%}<a href="{{ entity_url(name) }}">{{ name }}</a>
{%- else -%}<span class="muted">unattributed</span>{%- endif -%}
{%- endmacro %}{{ linked(eid, name) }}"""


def macro(name: str, *args) -> str:
    """Render one macro of _macros.html with ``args``."""
    tpl = ENV.from_string('{% from "_macros.html" import ' + name + ' %}{{ ' + name + '(*args) }}')
    return tpl.render(args=args)


@pytest.mark.parametrize("value", ["2025-01-03", "2025-01-03T14:05:00Z", "sometime in May", "", None, HOSTILE])
def test_when_matches_the_macro(value):
    assert str(fragments.when(value)) == macro("when", value)


@pytest.mark.parametrize("article", [
    {"id": "abc123", "title": "Bridge closes"}, {"id": "abc123", "title": None}, {"id": "abc123"},
    {"id": "x\"y", "title": HOSTILE}, {"title": "no id"}])
def test_article_link_matches_the_macro(article):
    assert str(fragments.article_link(article)) == macro("article_link", article)


@pytest.mark.parametrize("links,eid,name", [
    ({"e1": ("Jane Okafor", "PERSON")}, "e1", "Okafor"),
    ({"e1": ("Jane Okafor", "PERSON")}, "e1", None),
    ({"e1": ("A/B Corp", "ORG")}, "e1", HOSTILE),
    ({}, "e2", "Tomas Reyes"), (None, None, "Reyes"), ({}, None, None), ({}, "", ""),
    ({"e1": (HOSTILE, None)}, "e1", ""),
])
def test_linked_matches_the_article_body_macro(links, eid, name):
    want = ENV.from_string(LINKED_MACRO).render(links=links, eid=eid, name=name)
    got = fragments.linked(links, eid, name)
    assert isinstance(got, Markup) and str(got) == want
    assert "<script>" not in str(got)
