"""The corpus: a SQLite store of analysed Articles, cross-article entities, copies, stories and queries.

* :mod:`.schema`  versioned migrations (``PRAGMA user_version``)
* :mod:`.store`   :class:`Store` (open/migrate, ``add_article``, read-only mode)
* :mod:`.linking` cross-article (corpus) entities
* :mod:`.ingest`  files -> Articles -> store, resumable
* :mod:`.queries` read-only query functions returning plain dicts (CLI, API, web)
* :mod:`.export`  JSONL / CSV / Parquet export
* ``dedup`` / ``stories`` (optional modules): copy detection and story clustering
"""

from __future__ import annotations

from .store import Store, StoreError

__all__ = ["Store", "StoreError"]
