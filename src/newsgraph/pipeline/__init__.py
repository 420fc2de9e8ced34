"""The analysis pipeline: RawDocument -> Article through named stages.

Stages before the spaCy parse work on text (``clean``, ``language``); stages after it
(``entities``, ``quotes``, ``sources``, ``events``, ``summary``) get ``work.doc``. Documents are parsed
in batches with ``nlp.pipe``; one failing document never stops the batch.

The document boundary: every RawDocument is sanitised first (storable strings, bounded fields,
see :mod:`newsgraph.readers.sanitize`); any exception from a stage, the parse or the pipeline's own
code becomes that document's ``error``; a document longer than :data:`~.base.PIECE_CHARS` is
parsed in bounded pieces joined into one Doc (memory bounded, time linear in the length).
An active :func:`~.base.cancel_scope` is checked before every stage and parse piece.
"""

from __future__ import annotations

import importlib
import logging
import time
from typing import Any, Iterable, Iterator, Optional, Sequence

from ..model import Article, Source
from ..readers.base import RawDocument
from ..readers.sanitize import sanitize
from .base import (AnalysisCancelled, Stage, Work, cancel_scope, check_cancelled, create_stage, register_stage,
                   registered_stages, text_pieces)
from .long_documents import SECTION_CHARS, char_batches, merge_section, section_article, sections

__all__ = ["Pipeline", "Stage", "Work", "register_stage", "create_stage", "registered_stages", "DEFAULT_STAGES",
           "AnalysisCancelled", "cancel_scope", "sections", "section_article", "merge_section"]

log = logging.getLogger(__name__)

#: The default stage order. ``nlp`` marks where the batched spaCy parse happens.
DEFAULT_STAGES: tuple[str, ...] = ("clean", "language", "nlp", "entities", "quotes", "sources", "events",
                                   "summary")


_BUILTIN_MODULES = ("clean", "language", "entities", "quotes", "sources", "events", "summary")

#: What :meth:`Pipeline.warm_up` analyses: a short English article (a quote, a source, names, an
#: event) that takes every stage through its lazily built resources.
WARM_UP_TEXT = (
    "Harbour workers in Kelmouth ended a three-day strike on Tuesday, the port authority said.\n\n"
    "\"We are glad the ships can sail again,\" said Anna Ferreira, the authority's director, "
    "according to the Coastal Times."
)


def load_builtin_stages() -> None:
    """Import the built-in stage modules so that they register themselves."""
    for name in _BUILTIN_MODULES:
        importlib.import_module(f"{__name__}.{name}")


def new_article(raw: RawDocument) -> Article:
    """The empty Article for ``raw``: source metadata, title hint and reader errors copied over."""
    sanitize(raw)
    return Article(
        source=Source(path=raw.path, url=raw.url, outlet=raw.outlet, published=raw.published,
                      format=raw.format, index=raw.index),
        language=raw.language,
        title=raw.title,
        byline=raw.author,
        warnings=list(raw.warnings),
        error=raw.error,
    )


def storable(article: Article) -> Article:
    """``article`` if it serialises to JSON, else a bare error Article with its source (never raises)."""
    try:
        article.to_json()
        return article
    except Exception as exc:  # noqa: BLE001 - e.g. a string a stage built that is not valid Unicode
        bare = Article(source=article.source.model_copy(), error=f"cannot serialise the result: {type(exc).__name__}")
        try:
            bare.to_json()
        except Exception:  # noqa: BLE001
            bare = Article(error=bare.error)
        return bare


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
        check_cancelled()
        t0 = time.perf_counter() if self.timings is not None else 0.0
        try:
            stage(work)
        except AnalysisCancelled:
            raise
        except Exception as exc:  # a bad document must never stop the batch
            log.debug("stage %s failed on %s", stage.name, work.raw.label, exc_info=True)
            work.article.error = f"{stage.name} stage failed: {type(exc).__name__}: {exc}"
        if self.timings is not None:
            self._add_time(stage.name, time.perf_counter() - t0)

    def _pre(self, raw: RawDocument) -> Work:
        try:
            article = new_article(raw)
        except Exception as exc:  # noqa: BLE001 - metadata no Article can hold
            article = Article(error=f"unusable document: {type(exc).__name__}: {exc}"[:500])
        work = Work(article=article, raw=raw)
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
        return self._post_done(work)

    # -- public API ------------------------------------------------------
    def warm_up(self) -> None:
        """Load what the stages build lazily (spaCy model, language identifier, stage tables) by
        analysing :data:`WARM_UP_TEXT` once; processes forked afterwards start with all of it.
        Never raises: a missing model is reported per document when real documents come."""
        try:
            self.analyze(RawDocument(text=WARM_UP_TEXT, format="string"))
        except Exception:  # a pool must start even so
            log.debug("warm-up failed", exc_info=True)

    def analyze(self, raw: RawDocument) -> Article:
        """Analyse one document."""
        return next(self.analyze_many([raw]))

    def analyze_many(self, raws: Iterable[RawDocument]) -> Iterator[Article]:
        """Analyse documents in input order, parsing English bodies in ``nlp.pipe`` batches."""
        batch: list[Work] = []
        for raw in raws:
            batch.append(self._pre(raw))
            if len(batch) >= self.batch_size:
                yield from self._finish_safely(batch)
                batch = []
        if batch:
            yield from self._finish_safely(batch)

    def _finish_safely(self, batch: list[Work]) -> Iterator[Article]:
        """:meth:`_finish`, and should the batch machinery itself fail, each document on its own."""
        try:
            articles = list(self._finish(batch))
        except AnalysisCancelled:
            raise
        except Exception:  # noqa: BLE001 - never lose a batch: redo it one by one
            log.debug("batch failed; retrying documents one at a time", exc_info=True)
            articles = []
            for w in batch:
                w.doc = None
                try:
                    articles.extend(self._finish([w]))
                except AnalysisCancelled:
                    raise
                except Exception as exc:  # noqa: BLE001
                    w.article.error = w.article.error or f"pipeline failed: {type(exc).__name__}: {exc}"
                    articles.append(w.article)
        for a in articles:
            yield storable(a)

    def _finish(self, batch: list[Work]) -> Iterator[Article]:
        todo = [w for w in batch if self._wants_doc(w)]
        long = {id(w) for w in todo if len(w.article.paragraphs) > 1 and len(w.article.text) > SECTION_CHARS}
        todo = [w for w in todo if id(w) not in long]
        if todo:
            t0 = time.perf_counter() if self.timings is not None else 0.0
            self._parse(todo)
            if self.timings is not None:
                self._add_time("nlp", time.perf_counter() - t0)
        for w in batch:
            yield self._long(w) if id(w) in long else self._post(w)

    def _long(self, work: Work) -> Article:
        """A long document: parse and analyse one section (whole paragraphs) at a time, then merge."""
        article = work.article
        for first, last in sections(article):
            check_cancelled()
            sub = Work(article=section_article(article, first, last), raw=work.raw)
            t0 = time.perf_counter() if self.timings is not None else 0.0
            self._parse([sub])
            if self.timings is not None:
                self._add_time("nlp", time.perf_counter() - t0)
            if sub.doc is not None:
                self._post(sub)
            merge_section(article, sub.article, first)
        article.warnings.append(f"long text ({len(article.text):,} characters) analysed in sections of at most "
                                f"{SECTION_CHARS:,} characters: entities are merged by name across sections")
        return self._post_done(work)

    @staticmethod
    def _post_done(work: Work) -> Article:
        work.doc = None
        work.scratch.clear()  # stage-to-stage data (some of it holds the Doc) ends with the document
        return work.article

    def _parse(self, todo: list[Work]) -> None:
        """Set ``work.doc`` for each of ``todo``: all pieces of all texts go through one ``nlp.pipe``."""
        from ..nlp import get_nlp

        nlp = get_nlp()
        owners: list[int] = []
        texts: list[str] = []
        for k, w in enumerate(todo):
            text = w.article.text
            for start, end in text_pieces(text):
                owners.append(k)
                texts.append(text[start:end])
        parts: list[list[Any]] = [[] for _ in todo]
        try:
            for group in char_batches(texts, self.batch_size):
                for i, doc in zip(group, nlp.pipe([texts[i] for i in group], batch_size=len(group))):
                    check_cancelled()
                    parts[owners[i]].append(doc)
        except AnalysisCancelled:
            raise
        except Exception:  # fall back to one document at a time to isolate the bad one
            parts = [[] for _ in todo]
            for k, w in enumerate(todo):
                try:
                    for piece in (t for o, t in zip(owners, texts) if o == k):
                        check_cancelled()
                        parts[k].append(nlp(piece))
                except AnalysisCancelled:
                    raise
                except Exception as exc:  # noqa: BLE001
                    w.article.error = f"nlp failed: {type(exc).__name__}: {exc}"
                    parts[k] = []
        for w, pieces in zip(todo, parts):
            if pieces:
                w.doc = self._join(pieces, w)

    @staticmethod
    def _join(pieces: list[Any], work: Work) -> Any:
        """One Doc from the parsed pieces of a long text (the pieces tile the text exactly)."""
        if len(pieces) == 1:
            return pieces[0]
        from spacy.tokens import Doc

        try:
            doc = Doc.from_docs(pieces, ensure_whitespace=False,  # type: ignore[call-arg]  # stub lacks exclude
                                exclude=["tensor", "user_data"])
        except Exception as exc:  # noqa: BLE001
            work.article.error = f"nlp failed joining {len(pieces)} pieces: {type(exc).__name__}: {exc}"
            return None
        if doc.text != work.article.text:  # pragma: no cover - the pieces tile the text
            work.article.error = "nlp failed: pieces do not reassemble the text"
            return None
        return doc


