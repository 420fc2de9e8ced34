"""The newsgraph HTTP API and web UI: ``create_app(db_path, token=None)`` (see :mod:`.app`)."""

from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str):  # lazy: importing the package must not import FastAPI
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(name)
