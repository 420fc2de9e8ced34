"""Shared fixtures: paths to the team's shared data (skipping cleanly where absent), the spaCy
pipeline and a two-worker Dask cluster."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


def shared_path(*parts: str) -> Path:
    """Path under ../shared, or skip the test with a clear message when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"shared data not available: {p} (only on the newsgraph team's machines)")
    return p


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
