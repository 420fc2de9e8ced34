"""Entities stage (placeholder until implemented)."""

from __future__ import annotations

from .base import Work, register_stage


@register_stage("entities")
class EntitiesStage:
    name = "entities"
    needs_doc = True

    def __call__(self, work: Work) -> None:
        return None
