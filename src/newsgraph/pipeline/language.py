"""Language stage: detect the body's language; English-only stages are skipped for others."""

from __future__ import annotations

import functools

from .base import Work, register_stage

MIN_CHARS = 40  # below this, detection is a guess: keep the reader's hint or assume nothing


@functools.lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code and confidence for ``text`` (None when too short to tell)."""
    sample = text[:5000]
    if len(sample.strip()) < MIN_CHARS:
        return None, 0.0
    lang, prob = _identifier().classify(sample)
    return lang, float(prob)


@register_stage("language")
class LanguageStage:
    """Sets ``article.language``; warns when the article is not English."""

    name = "language"
    needs_doc = False

    def __call__(self, work: Work) -> None:
        a = work.article
        text = a.text or (a.title or "")
        lang, prob = detect_language(text)
        if lang is None:
            a.language = a.language or None
            return
        a.language = lang
        if lang != "en":
            a.warnings.append(
                f"language detected as '{lang}' (p={prob:.2f}); English-only stages "
                "(entities, quotes, sources, summary) skipped"
            )
