"""Quotes stage (placeholder until implemented)."""

from __future__ import annotations

from .base import Work, register_stage


@register_stage("quotes")
class QuotesStage:
    name = "quotes"
    needs_doc = True

    def __call__(self, work: Work) -> None:
        return None
