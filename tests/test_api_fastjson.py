"""The list endpoints send their pages without a validation pass (api/fastjson.py): the bytes must
decode to exactly what validating through the documented response model gives, key order included."""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
from pydantic import BaseModel

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from newsgraph.api import schemas
from newsgraph.api.app import create_app
from newsgraph.api.fastjson import conformer
from newsgraph.api.samples import build_sample_db

# every list view, with filters, facets, paging, resolved names, empty pages
URLS = ["/api/quotes", "/api/quotes?speaker=Okafor", "/api/quotes?speaker=Jane%20Okafor&facets=true",
        "/api/quotes?speaker=Nobody%20Known", "/api/quotes?limit=1", "/api/quotes?kind=direct&limit=2",
        "/api/articles", "/api/articles?limit=1&facets=true", "/api/events", "/api/events?negated=true&facets=true",
        "/api/stories", "/api/stories?min_articles=2", "/api/entities?type=PERSON", "/api/outlets", "/api/copies",
        "/api/sources", "/api/search?q=council", "/api/search?q=council&order=newest&limit=1",
        "/api/search?q=storm&facets=true", "/api/search?q=zzzzqqq", "/api/search?q=%2B%2B%2B"]


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    path = tmp_path_factory.mktemp("fastjson") / "corpus.db"
    build_sample_db(path)
    with TestClient(create_app(path, cache_bytes=0), base_url="http://localhost") as c:
        yield c


@pytest.mark.parametrize("url", URLS)
def test_list_responses_equal_the_validated_model_output(client, url):
    resp = client.get(url)
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"] == "application/json"
    body = json.loads(resp.content)
    view = url.split("?")[0].rsplit("/", 1)[1]
    validated = schemas.page_model(view).model_validate(body).model_dump(mode="json")
    assert body == validated
    assert json.dumps(body) == json.dumps(validated)  # same key order too
    if "speaker=Okafor" in url:
        assert body["items"] and body["items"][0]["speaker"]["type"] is None  # a default the model adds


class _Inner(BaseModel):
    a: int
    b: str | None = None
    tags: list[str] = []


class _Outer(BaseModel):
    model_config = {"extra": "allow"}
    items: list[_Inner]
    one: _Inner | None = None
    by_key: dict[str, _Inner] = {}
    n: int = 3


@pytest.mark.parametrize("data", [
    {"items": [{"a": 1}, {"a": 2, "b": "x", "zz": 1}], "extra": [1, 2]},
    {"items": [], "one": {"a": 5, "tags": ["t"]}, "by_key": {"k": {"a": 1}}, "n": 4},
    {"items": [{"a": 1}], "one": None},
])
def test_conformer_matches_pydantic_on_defaults_nesting_and_extras(data: dict[str, Any]):
    got = conformer(_Outer)(json.loads(json.dumps(data)))
    want = _Outer.model_validate(data).model_dump(mode="json")
    assert got == want and json.dumps(got) == json.dumps(want)  # key order too, at every level


def test_conformer_default_lists_are_not_shared():
    f = conformer(_Outer)
    first, second = f({"items": [{"a": 1}]}), f({"items": [{"a": 1}]})
    first["items"][0]["tags"].append("x")
    assert second["items"][0]["tags"] == []


def test_conformer_refuses_a_missing_required_field():
    with pytest.raises(ValueError, match="missing required field 'a'"):
        conformer(_Outer)({"items": [{"b": "x"}]})
