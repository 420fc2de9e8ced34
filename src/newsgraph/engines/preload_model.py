"""Imported by the local engine's fork server: loads the spaCy model once, so that every worker
forked from the server starts with it already in memory (copy-on-write) instead of loading it."""

from __future__ import annotations

from ..nlp import ModelMissingError, get_nlp

try:
    get_nlp()
except ModelMissingError:  # workers load lazily and report the missing model per document
    pass
