"""JSON responses without per-request model validation.

FastAPI validates every returned dict against the route's ``response_model`` and serialises the
validated model: for a page of 20 quotes that is about as costly as the query. The query layer
already builds the documented shapes, so the list endpoints send their dicts straight through
:func:`conformer` (which adds the defaults a model would fill in, in the model's field order,
without validating) and :mod:`orjson`. The response models stay on the routes for the OpenAPI
document; ``tests/test_api_fastjson.py`` checks that the bytes decode to what validating through
the model gives.
"""

from __future__ import annotations

import copy
import types
import typing
from collections.abc import Callable
from typing import Any, Union

import orjson
from pydantic import BaseModel
from starlette.responses import Response

Conform = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def _for_type(tp: Any, seen: dict[Any, Conform]) -> Conform:
    """The conform function of one annotation (models, Optional/Union of one model, lists, dicts)."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return _for_model(tp, seen)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1:
            f = _for_type(inner[0], seen)
            if f is _identity:
                return _identity
            return lambda v: None if v is None else f(v)
        return _identity
    if origin is typing.Annotated:
        return _for_type(args[0], seen)
    if origin in (list, tuple, set, frozenset) and args:
        f = _for_type(args[0], seen)
        if f is _identity:
            return _identity
        return lambda v: [f(x) for x in v] if isinstance(v, (list, tuple)) else v
    if origin is dict and len(args) == 2:
        f = _for_type(args[1], seen)
        if f is _identity:
            return _identity
        return lambda v: {k: f(x) for k, x in v.items()} if isinstance(v, dict) else v
    return _identity


def _for_model(model: type[BaseModel], seen: dict[Any, Conform]) -> Conform:
    if model in seen:
        return seen[model]
    fields: list[tuple[str, Conform, bool, Any]] = []

    def conform(data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        out: dict[str, Any] = {}
        for name, f, has_default, default in fields:
            if name in data:
                out[name] = f(data[name])
            elif has_default:
                out[name] = default()
            else:
                raise ValueError(f"{model.__name__}: missing required field {name!r}")
        if keep_extra:
            for k, v in data.items():
                if k not in out:
                    out[k] = v
        return out

    seen[model] = conform
    keep_extra = model.model_config.get("extra") == "allow"
    for name, info in model.model_fields.items():
        f = _for_type(info.annotation, seen)
        if info.default_factory is not None:
            fields.append((name, f, True, info.default_factory))  # type: ignore[arg-type]
        elif not info.is_required():
            d = info.default
            fields.append((name, f, True, (lambda d=d: copy.deepcopy(d)) if isinstance(d, (list, dict, set))
                           else (lambda d=d: d)))
        else:
            fields.append((name, f, False, None))
    return conform


def conformer(model: Any) -> Conform:
    """A function giving a dict the shape ``model`` would serialise it to (defaults filled in, the
    model's fields first, extras kept when the model allows them), without validating values."""
    return _for_type(model, {})


class FastJSONResponse(Response):
    """``application/json`` encoded by orjson (UTF-8, compact, as Starlette's JSONResponse)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)
