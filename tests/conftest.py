"""Shared fixtures: paths to the team's shared data (skipping cleanly where absent)."""

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
