"""Imported by the local engine's fork server: builds and warms the default pipeline once (spaCy
model, language identifier, stage modules and tables), so that every worker forked from the
server starts with all of it in memory (copy-on-write) instead of loading it again."""

from __future__ import annotations

from ..pipeline import Pipeline

Pipeline().warm_up()  # never raises: workers report a missing model per document
