"""Shared fixtures: paths to the team's shared data (skipping cleanly where absent), the spaCy
pipeline, a two-worker Dask cluster, and the ``test_paragraphs`` stage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph.pipeline import register_stage

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


def shared_path(*parts: str) -> Path:
    """Path under ../shared, or skip the test with a clear message when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"shared data not available: {p} (only on the newsgraph team's machines)")
    return p


@register_stage("test_paragraphs")
class ParagraphsStage:
    """Test helper stage: paragraphs are the blank-line separated blocks of the raw text, with no
    title detection (a one-line fixture would otherwise become the title)."""

    name = "test_paragraphs"
    needs_doc = False

    def __call__(self, work) -> None:
        work.article.language = "en"
        work.article.set_paragraphs([p.strip() for p in re.split(r"\n\s*\n", work.raw.text or "") if p.strip()])


@pytest.fixture
def seed_path() -> Path:
    return shared_path("seeds", "000_216f1c435a64fa5c.txt")


@pytest.fixture(scope="session")
def nlp():
    """The shared spaCy pipeline (``get_nlp``), or skip when the model is not installed."""
    pytest.importorskip("spacy")
    from newsgraph.nlp import ModelMissingError, get_nlp

    try:
        return get_nlp()
    except ModelMissingError as exc:  # pragma: no cover - depends on the environment
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def dask_cluster():
    """A ``distributed.LocalCluster`` of two single-threaded worker processes, started once."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    yield cluster
    cluster.close()


@pytest.fixture(scope="module")
def run():
    """Analyse a literal fixture with paragraphs, spaCy, entities and quotes; no stage may fail."""
    from newsgraph.pipeline import Pipeline
    from newsgraph.readers.base import RawDocument

    pipe = Pipeline(("test_paragraphs", "nlp", "entities", "quotes"))

    def _run(text: str):
        article = pipe.analyze(RawDocument(text=text))
        assert article.error is None, article.error
        return article

    return _run
