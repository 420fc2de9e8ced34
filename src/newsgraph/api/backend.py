"""The served corpus (see :mod:`newsgraph.service`, shared with the web pages)."""

from __future__ import annotations

from ..service import Corpus

__all__ = ["Corpus"]
