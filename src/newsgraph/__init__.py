"""newsgraph: turn raw news into structured, trustworthy knowledge."""

from __future__ import annotations

from .analysis import analyze, analyze_many
from .model import SCHEMA, Article

__all__ = ["analyze", "analyze_many", "Article", "SCHEMA"]
__version__ = "0.1.0"
