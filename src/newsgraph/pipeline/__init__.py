"""The analysis pipeline: RawDocument -> Article through named stages.

Stages before the spaCy parse work on text (``clean``, ``language``); stages after it
(``entities``, ``quotes``, ``sources``, ``events``, ``summary``) get ``work.doc``. Documents are parsed
in batches with ``nlp.pipe``; one failing document never stops the batch.
"""

from __future__ import annotations

import importlib
import logging
import time
from typing import Iterable, Iterator, Optional, Sequence

from ..model import Article, Source
from ..readers.base import RawDocument
from .base import Stage, Work, create_stage, register_stage, registered_stages

__all__ = ["Pipeline", "Stage", "Work", "register_stage", "create_stage", "registered_stages", "DEFAULT_STAGES"]

log = logging.getLogger(__name__)

#: The default stage order. ``nlp`` marks where the batched spaCy parse happens.
DEFAULT_STAGES: tuple[str, ...] = ("clean", "language", "nlp", "entities", "quotes", "sources", "events",
                                   "summary")

_BUILTIN_MODULES = ("clean", "language", "entities", "quotes", "sources", "events", "summary")


def load_builtin_stages() -> None:
    """Import the built-in stage modules so that they register themselves."""
    for name in _BUILTIN_MODULES:
        importlib.import_module(f"{__name__}.{name}")


def new_article(raw: RawDocument) -> Article:
    """The empty Article for ``raw``: source metadata, title hint and reader errors copied over."""
    return Article(
        source=Source(path=raw.path, url=raw.url, outlet=raw.outlet, published=raw.published,
                      format=raw.format, index=raw.index),
        language=raw.language,
        title=raw.title,
        byline=raw.author,
        warnings=list(raw.warnings),
        error=raw.error,
    )


class Pipeline:
    """Runs stages over documents. ``Pipeline(("clean",))`` gives a text-only pipeline without spaCy."""

    def __init__(
        self, stages: Sequence[str] = DEFAULT_STAGES, batch_size: int = 16, *, timings: bool = False
    ) -> None:
        names = list(stages)
        self.uses_nlp = "nlp" in names
        split = names.index("nlp") if self.uses_nlp else len(names)
        self.pre: list[Stage] = [create_stage(n) for n in names[:split]]
        self.post: list[Stage] = [create_stage(n) for n in names[split + 1:]]
        self.batch_size = batch_size
        #: Optional profile: cumulative wall seconds per stage name and for "nlp" (the batched
        #: parse). ``None`` (the default) means no timing is recorded.
        self.timings: Optional[dict[str, float]] = {} if timings else None

    def _add_time(self, name: str, seconds: float) -> None:
        if self.timings is not None:
            self.timings[name] = self.timings.get(name, 0.0) + seconds

    # -- single stages with error isolation ------------------------------
    def _run_stage(self, stage: Stage, work: Work) -> None:
        t0 = time.perf_counter() if self.timings is not None else 0.0
        try:
            stage(work)
        except Exception as exc:  # a bad document must never stop the batch
            log.debug("stage %s failed on %s", stage.name, work.raw.label, exc_info=True)
            work.article.error = f"{stage.name} stage failed: {type(exc).__name__}: {exc}"
        if self.timings is not None:
            self._add_time(stage.name, time.perf_counter() - t0)

    def _pre(self, raw: RawDocument) -> Work:
        work = Work(article=new_article(raw), raw=raw)
        for stage in self.pre:
            if work.article.error:
                break
            self._run_stage(stage, work)
        return work

    def _wants_doc(self, work: Work) -> bool:
        a = work.article
        return self.uses_nlp and not a.error and bool(a.paragraphs) and (a.language in (None, "en"))

    def _post(self, work: Work) -> Article:
        for stage in self.post:
            if work.article.error:
                break
            if stage.needs_doc and work.doc is None:
                continue
            self._run_stage(stage, work)
        work.doc = None
        work.scratch.clear()  # stage-to-stage data (some of it holds the Doc) ends with the document
        return work.article

    # -- public API ------------------------------------------------------
    def analyze(self, raw: RawDocument) -> Article:
        """Analyse one document."""
        return next(self.analyze_many([raw]))

    def analyze_many(self, raws: Iterable[RawDocument]) -> Iterator[Article]:
        """Analyse documents in input order, parsing English bodies in ``nlp.pipe`` batches."""
        batch: list[Work] = []
        for raw in raws:
            batch.append(self._pre(raw))
            if len(batch) >= self.batch_size:
                yield from self._finish(batch)
                batch = []
        if batch:
            yield from self._finish(batch)

    def _finish(self, batch: list[Work]) -> Iterator[Article]:
        todo = [w for w in batch if self._wants_doc(w)]
        if todo:
            from ..nlp import get_nlp

            nlp = get_nlp()
            t0 = time.perf_counter() if self.timings is not None else 0.0
            try:
                docs = list(nlp.pipe([w.article.text for w in todo], batch_size=self.batch_size))
            except Exception:  # fall back to one at a time to isolate the bad document
                docs = []
                for w in todo:
                    try:
                        docs.append(nlp(w.article.text))
                    except Exception as exc:
                        w.article.error = f"nlp failed: {type(exc).__name__}: {exc}"
                        docs.append(None)
            if self.timings is not None:
                self._add_time("nlp", time.perf_counter() - t0)
            for w, d in zip(todo, docs):
                w.doc = d
        for w in batch:
            yield self._post(w)


