"""The corpus: a SQLite store of analysed Articles, cross-article entities, copies, stories and queries.

* :mod:`.schema`  versioned migrations (``PRAGMA user_version``), copy and story tables included
* :mod:`.store`   :class:`Store` (open/migrate, ``add_article``, read-only mode)
* :mod:`.linking` cross-article (corpus) entities; :mod:`.names` name lookups (dominant / ambiguous)
* :mod:`.ingest`  the storing side of ingest: batched, resumable (orchestration: :mod:`newsgraph.ingest`)
* :mod:`.views`   declared list views -> one typed Page (the API, web pages and CLI render it)
* :mod:`.queries` detail queries (article, story, entity) and dict wrappers of the views
* :mod:`.export`  JSONL / CSV / Parquet export
* :mod:`.dedup` / :mod:`.stories`: copy detection and story clustering
"""

from __future__ import annotations

from .store import Store, StoreError

__all__ = ["Store", "StoreError"]
