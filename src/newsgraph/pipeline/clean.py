"""Clean and structure stage (placeholder: paragraphs split on blank lines)."""

from __future__ import annotations

import re

from .base import Work, register_stage


@register_stage("clean")
class CleanStage:
    name = "clean"
    needs_doc = False

    def __call__(self, work: Work) -> None:
        text = work.raw.text or ""
        paras = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
        work.article.set_paragraphs(paras)
