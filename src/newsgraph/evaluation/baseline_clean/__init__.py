"""The clean stage as it was before issue #11 (frozen at e4d5381): the baseline of ``eval layouts``."""

from .clean import CleanResult, clean_text

__all__ = ["CleanResult", "clean_text"]
