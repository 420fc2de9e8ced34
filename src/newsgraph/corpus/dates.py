"""Publication dates as the store keeps them: ISO 8601 strings whose string order is time order."""

from __future__ import annotations

from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Optional

from ..model import Article


def now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%d %b %Y", "%B %d %Y", "%Y%m%d")


def normalise_published(value: Optional[str]) -> Optional[str]:
    """ISO 8601 form of a publication date/datetime (UTC when a zone is given), None if unparseable.

    Dates stay dates (``2025-01-03``); datetimes become ``YYYY-MM-DDTHH:MM:SS`` (zone-aware ones
    converted to UTC with a ``Z``), so string order is time order.
    """
    if not value or not value.strip():
        return None
    s = value.strip()
    dt: Optional[datetime] = None
    try:
        dt = datetime.fromisoformat(s.replace("Z", "+00:00") if s.endswith("Z") else s)
    except ValueError:
        try:
            dt = parsedate_to_datetime(s)
        except (TypeError, ValueError, IndexError):
            for fmt in _DATE_FORMATS:
                try:
                    return datetime.strptime(s, fmt).date().isoformat()
                except ValueError:
                    continue
            return None
    if dt is None:
        return None
    if len(s) <= 10 and "T" not in s and ":" not in s:
        return dt.date().isoformat()
    if dt.tzinfo is not None:
        return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return dt.strftime("%Y-%m-%dT%H:%M:%S")


def published_of(article: Article) -> Optional[str]:
    """``article``'s publication date as the store keeps it (``normalise_published``), else as given."""
    raw = article.source.published
    return normalise_published(raw) or raw
