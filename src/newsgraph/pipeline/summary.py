"""Summary stage: a short extractive summary (placeholder: lead sentences)."""

from __future__ import annotations

from .base import Work, register_stage


@register_stage("summary")
class SummaryStage:
    name = "summary"
    needs_doc = True

    def __call__(self, work: Work) -> None:
        return None
