"""Incremental story clustering: articles about the same real-world event, in SQLite.

:class:`StoryClusterer` is constructed with the store's ``sqlite3.Connection`` and fed one
article at a time (``add``), in ingest order. Single-pass: each article joins the most similar
existing story when the score clears a threshold, otherwise it opens a new story; nothing is
re-clustered. All state lives in the ``story*`` tables of the versioned schema (:mod:`.schema`):

* ``story_df`` / ``story_meta``: incrementally maintained document frequencies (term and entity
  features) and the document count, so idf evolves with the corpus.
* ``stories``: per story its centroid (top-k terms of the summed, length-normalised sublinear-tf
  vectors of its members, JSON), label (its most central title), size and date range.
* ``story_members``: article -> story, with the article's own top terms (for label updates).
* ``story_details``: per story, how many members mention each event detail (named person ``p:``,
  place ``l:``, 4-digit year ``y:``, other number ``n:``; see :func:`textvec.detail_counts`).
* ``story_terms``: inverted index of each story's top centroid terms -> story, used to find
  candidate stories without scanning all stories; ``story_entities`` counts entity names.

Score of an article against a candidate story: cosine of the idf-weighted vectors (entity
features ``e:<name>`` boosted), plus ``detail_weight`` times the event-detail similarity (sum over
persons, places, years and numbers of the idf-weighted cosine between the article's details and the
story's detail profile; it separates same-type events such as two different earthquakes, whose
generic words match but whose specifics differ), the whole multiplied by a time decay
``exp(-gap_days / decay_days)`` when both the article and the story have publication dates (gap = days
outside the story's date range).
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Optional

from ..model import Article
from . import textvec as tv
from .dates import published_of

@dataclass(frozen=True)
class StoryConfig:
    """Parameters (tuned on ECB+ dev topics, see BENCHMARKS.md)."""

    threshold: float = 0.37  # minimum score to join a story
    entity_boost: float = 1.5  # weight of entity features relative to words
    title_weight: float = 2.0  # title tokens count this many times
    decay_days: float = 7.0  # time decay constant (only when both dates are known)
    window_days: float = 60.0  # candidate stories must have been active within this window
    article_terms: int = 60  # terms of an article used for candidate lookup / member vector
    centroid_terms: int = 200  # terms kept in a story centroid
    index_terms: int = 40  # top centroid terms indexed in story_terms
    max_candidates: int = 50
    # candidate lookup skips terms in more than max(lookup_df_floor, lookup_df_share * corpus) articles
    # (their index postings are long and say little), but always uses the lookup_min_terms rarest
    lookup_df_floor: int = 1000
    lookup_df_share: float = 0.02
    lookup_min_terms: int = 20
    # each term's posting list is read only for its most recently opened stories, so a lookup
    # costs at most terms x lookup_postings rows whatever the corpus size
    lookup_postings: int = 100
    detail_weight: float = 0.15  # weight of the event-detail similarity (persons, places, years, numbers)
    detail_kinds: tuple[tuple[str, float], ...] = tv.DETAIL_WEIGHTS  # relative weight per detail kind


def _to_date(published: Optional[str]) -> Optional[date]:
    if not published:
        return None
    s = published.strip()
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(s[:10])
        except ValueError:
            return None


def _fallback_label(article: Article) -> str:
    if article.title:
        return article.title
    text = article.text.strip()
    return (text[:97] + "…") if len(text) > 100 else text


class StoryClusterer:
    """Single-pass incremental story clustering over the store's connection (see module docstring)."""

    def __init__(self, conn: sqlite3.Connection, config: Optional[StoryConfig] = None) -> None:
        self.conn = conn
        self.config = config or StoryConfig()

    # -- document frequencies -------------------------------------------
    def _n_docs(self) -> int:
        row = self.conn.execute("SELECT value FROM story_meta WHERE key = 'n_docs'").fetchone()
        return row[0] if row else 0

    def _count_df(self, terms: list[str]) -> None:
        conn = self.conn
        conn.executemany("INSERT INTO story_df (term, df) VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET df = df + 1",
                         [(t,) for t in terms])
        conn.execute("INSERT INTO story_meta (key, value) VALUES ('n_docs', 1) "
                     "ON CONFLICT(key) DO UPDATE SET value = value + 1")

    def warm_up(self, article: Article) -> None:
        """Count ``article`` in the document frequencies only (background corpus; no clustering)."""
        self._count_df(list(tv.term_counts(article, self.config.title_weight)) + list(tv.detail_counts(article)))

    def _df(self, terms: set[str]) -> dict[str, int]:
        terms_l = list(terms)
        out: dict[str, int] = {}
        for i in range(0, len(terms_l), 900):
            chunk = terms_l[i:i + 900]
            q = f"SELECT term, df FROM story_df WHERE term IN ({','.join('?' * len(chunk))})"
            out.update(self.conn.execute(q, chunk).fetchall())
        return out

    # -- ingestion -------------------------------------------------------
    def add(self, article: Article) -> Optional[int]:
        """Assign ``article`` to a story (joining the best candidate or opening a new one); returns its id."""
        conn, cfg = self.conn, self.config
        row = conn.execute("SELECT story_id FROM story_members WHERE article_id = ?", (article.id,)).fetchone()
        if row:
            return row[0]  # idempotent re-ingest
        counts = tv.term_counts(article, cfg.title_weight)
        if not counts:
            return None
        details = tv.detail_counts(article)
        self._count_df(list(counts) + list(details))
        n_docs = self._n_docs()
        tf = tv.sublinear(counts)
        published = published_of(article)
        pdate = _to_date(published)
        seq = conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM story_members").fetchone()[0]

        df = self._df(set(tf))
        vec = tv.idf_weight(tf, df, n_docs, cfg.entity_boost)
        query_terms = list(tv.top_terms(vec, cfg.article_terms))
        cands = self._candidates(self._lookup_terms(query_terms, df, n_docs), pdate)
        profiles: dict[int, dict[str, float]] = {}
        ddf: dict[str, int] = {}
        if cands and details and cfg.detail_weight:
            profiles = self._detail_profiles([r[0] for r in cands])
            ddf = self._df(set(details) | {t for p in profiles.values() for t in p})
        best_id, best_score, best_row = None, 0.0, None
        if cands:
            cdf = self._df({t for r in cands for t in r[1]} - set(df))
            cdf.update(df)
            for story_id, centroid, first_p, last_p, *_rest in cands:
                cw = tv.idf_weight(centroid, cdf, n_docs, cfg.entity_boost)
                score = tv.cosine(vec, cw)
                if story_id in profiles:
                    score += cfg.detail_weight * tv.detail_similarity(details, profiles[story_id], ddf, n_docs,
                                                                        cfg.detail_kinds)
                score *= self._decay(pdate, first_p, last_p)
                if score > best_score:
                    best_id, best_score, best_row = story_id, score, (story_id, centroid, first_p, last_p, *_rest)
        # member vector: l2-normalised sublinear tf over the article's top terms (idf-free, for centroids)
        keep = {t: tf[t] for t in query_terms}
        norm = math.sqrt(sum(w * w for w in keep.values())) or 1.0
        member = {t: w / norm for t, w in keep.items()}

        if best_id is not None and best_score >= cfg.threshold:
            self._join(best_row, article, member, published, seq, best_score, df, n_docs)
            self._add_details(best_id, details)
            return best_id
        sid = self._open(article, member, published, seq, df, n_docs)
        self._add_details(sid, details)
        return sid

    def _detail_profiles(self, story_ids: list[int]) -> dict[int, dict[str, float]]:
        """story_id -> {detail feature: number of members mentioning it} for the candidate stories."""
        out: dict[int, dict[str, float]] = {sid: {} for sid in story_ids}
        q = f"SELECT story_id, key, count FROM story_details WHERE story_id IN ({','.join('?' * len(story_ids))})"
        for sid, key, count in self.conn.execute(q, story_ids):
            out[sid][key] = count
        return out

    def _add_details(self, story_id: int, details: dict) -> None:
        self.conn.executemany(
            "INSERT INTO story_details (story_id, key, count) VALUES (?, ?, 1) "
            "ON CONFLICT(story_id, key) DO UPDATE SET count = count + 1", [(story_id, k) for k in details])

    def _decay(self, pdate: Optional[date], first_p: Optional[str], last_p: Optional[str]) -> float:
        if pdate is None:
            return 1.0
        first, last = _to_date(first_p), _to_date(last_p)
        if first is None or last is None:
            return 1.0
        gap = (first - pdate).days if pdate < first else (pdate - last).days if pdate > last else 0
        return math.exp(-max(0, gap) / self.config.decay_days)

    def _lookup_terms(self, terms: list[str], df: dict[str, int], n_docs: int) -> list[str]:
        """The query terms used to find candidate stories: all but the very common ones, and at
        least the ``lookup_min_terms`` rarest (keeps lookups fast on large corpora; on corpora
        under ``lookup_df_floor`` articles nothing is dropped)."""
        cfg = self.config
        cap = max(cfg.lookup_df_floor, cfg.lookup_df_share * n_docs)
        kept = [t for t in terms if df.get(t, 0) <= cap]
        if len(kept) >= min(cfg.lookup_min_terms, len(terms)):
            return kept
        return sorted(terms, key=lambda t: df.get(t, 0))[:cfg.lookup_min_terms]

    def _candidates(self, terms: list[str], pdate: Optional[date]) -> list[tuple]:
        if not terms:
            return []
        cfg = self.config
        params: list[Any] = list(terms)
        window = ""
        if pdate is not None:
            lo = date.fromordinal(pdate.toordinal() - int(cfg.window_days)).isoformat()
            hi = date.fromordinal(pdate.toordinal() + int(cfg.window_days)).isoformat() + "~"
            window = ("AND (s.last_published IS NULL OR (s.last_published >= ? AND s.first_published <= ?))")
            params += [lo, hi]
        postings = " UNION ALL ".join(
            f"SELECT story_id FROM (SELECT story_id FROM story_terms WHERE term = ? ORDER BY story_id DESC "
            f"LIMIT {int(cfg.lookup_postings)})" for _ in terms)
        q = (f"SELECT s.story_id, s.centroid, s.first_published, s.last_published, s.n_articles, s.label_article, "
             f"s.label_score FROM (SELECT story_id, COUNT(*) AS hits FROM ({postings}) "
             f"GROUP BY story_id ORDER BY hits DESC, story_id DESC LIMIT {int(cfg.max_candidates)}) h "
             f"JOIN stories s ON s.story_id = h.story_id WHERE 1 {window}")
        return [(sid, tv.loads(c), fp, lp, n, la, ls) for sid, c, fp, lp, n, la, ls in self.conn.execute(q, params)]

    def _centroid_update(self, story_id: int, centroid: dict[str, float], df: dict[str, int], n_docs: int) -> str:
        """Truncate, store and re-index a centroid; returns its JSON.

        Only the index rows that change are written: a story's top terms mostly stay the same when
        it grows, and every rewritten row is a page write at a random place of a large B-tree."""
        cfg = self.config
        cdf = self._df(set(centroid) - set(df))
        cdf.update(df)
        weighted = tv.idf_weight(centroid, cdf, n_docs, cfg.entity_boost)
        keep = tv.top_terms(weighted, cfg.centroid_terms)
        centroid = {t: centroid[t] for t in keep}
        top = list(tv.top_terms(keep, cfg.index_terms))
        old = {t for (t,) in self.conn.execute("SELECT term FROM story_terms WHERE story_id = ?", (story_id,))}
        gone = old.difference(top)
        if gone:
            self.conn.executemany("DELETE FROM story_terms WHERE term = ? AND story_id = ?",
                                  [(t, story_id) for t in sorted(gone)])
        self.conn.executemany("INSERT OR IGNORE INTO story_terms VALUES (?, ?)",
                              [(t, story_id) for t in top if t not in old])
        return tv.dumps(centroid)

    def _add_entities(self, story_id: int, article: Article) -> None:
        rows = {}
        for e in article.entities:
            if e.type in tv.STORY_ENTITY_TYPES:
                k = tv.entity_key(e.name)[2:]
                if k:
                    rows[k] = (story_id, k, e.name, e.type)
        self.conn.executemany(
            "INSERT INTO story_entities (story_id, key, name, type, count) VALUES (?, ?, ?, ?, 1) "
            "ON CONFLICT(story_id, key) DO UPDATE SET count = count + 1", list(rows.values()))

    def _open(self, article: Article, member: dict[str, float], published: Optional[str], seq: int,
              df: dict[str, int], n_docs: int) -> int:
        conn = self.conn
        sid = conn.execute(
            "INSERT INTO stories (label, label_article, label_score, n_articles, first_published, last_published, "
            "first_seq, last_seq) VALUES (?, ?, 1.0, 1, ?, ?, ?, ?)",
            (_fallback_label(article), article.id, published, published, seq, seq)).lastrowid
        centroid = self._centroid_update(sid, dict(member), df, n_docs)
        conn.execute("UPDATE stories SET centroid = ? WHERE story_id = ?", (centroid, sid))
        conn.execute("INSERT INTO story_members VALUES (?, ?, ?, ?, 1.0, ?, ?)",
                     (article.id, sid, seq, published, article.title, tv.dumps(member)))
        self._add_entities(sid, article)
        return sid

    def _join(self, row: tuple, article: Article, member: dict[str, float], published: Optional[str], seq: int,
              score: float, df: dict[str, int], n_docs: int) -> None:
        conn, cfg = self.conn, self.config
        sid, centroid, first_p, last_p, n, label_article, _label_score = row
        centroid = tv.add_into(dict(centroid), member.items())
        centroid_json = self._centroid_update(sid, centroid, df, n_docs)
        centroid = tv.loads(centroid_json)
        if published:
            first_p = published if not first_p or published < first_p else first_p
            last_p = published if not last_p or published > last_p else last_p
        conn.execute("INSERT INTO story_members VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (article.id, sid, seq, published, round(score, 4), article.title, tv.dumps(member)))
        # label: the more central of the current label holder and the new member (cheap, O(1) rows)
        cdf = self._df(set(centroid))
        cw = tv.idf_weight(centroid, cdf, n_docs, cfg.entity_boost)
        label = conn.execute("SELECT label FROM stories WHERE story_id = ?", (sid,)).fetchone()[0]
        best = (-1.0, label_article, label)
        holder = conn.execute("SELECT vec, title FROM story_members WHERE article_id = ?", (label_article,)).fetchone()
        if holder and holder[1]:
            best = (tv.cosine(tv.idf_weight(tv.loads(holder[0]), cdf, n_docs, cfg.entity_boost), cw),
                    label_article, holder[1])
        if article.title:
            mine = tv.cosine(tv.idf_weight(member, cdf, n_docs, cfg.entity_boost), cw)
            if mine > best[0]:
                best = (mine, article.id, article.title)
        conn.execute(
            "UPDATE stories SET centroid = ?, n_articles = ?, first_published = ?, last_published = ?, last_seq = ?, "
            "label = ?, label_article = ?, label_score = ? WHERE story_id = ?",
            (centroid_json, n + 1, first_p, last_p, seq, best[2], best[1], round(max(best[0], 0.0), 4), sid))
        self._add_entities(sid, article)


# -- queries -------------------------------------------------------------
def _top_entities(conn: sqlite3.Connection, story_id: int, k: int = 5) -> list[dict]:
    return [{"name": n, "type": t, "count": c} for n, t, c in conn.execute(
        "SELECT name, type, count FROM story_entities WHERE story_id = ? ORDER BY count DESC, name LIMIT ?",
        (story_id, k))]


def list_stories(conn: sqlite3.Connection, since: Optional[str] = None, entity: Optional[str] = None,
                 limit: int = 50, offset: int = 0) -> list[dict]:
    """Stories, most recently active first: ``{id, label, n_articles, first_published, last_published, entities}``.

    ``since`` keeps stories last active on or after that ISO date; ``entity`` keeps stories naming
    that entity (case-insensitive, normalised name).
    """
    where, params = [], []
    if since:
        where.append("s.last_published >= ?")
        params.append(since)
    if entity:
        where.append("s.story_id IN (SELECT story_id FROM story_entities WHERE key = ?)")
        params.append(tv.entity_key(entity)[2:])
    q = ("SELECT s.story_id, s.label, s.n_articles, s.first_published, s.last_published FROM stories s "
         + (("WHERE " + " AND ".join(where)) if where else "")
         + " ORDER BY s.last_published IS NULL, s.last_published DESC, s.last_seq DESC LIMIT ? OFFSET ?")
    rows = conn.execute(q, [*params, limit, offset]).fetchall()
    return [{"id": sid, "label": label, "n_articles": n, "first_published": fp, "last_published": lp,
             "entities": _top_entities(conn, sid)} for sid, label, n, fp, lp in rows]


def story_detail(conn: sqlite3.Connection, story_id: int) -> Optional[dict]:
    """One story: label, its articles in time order (``id, published, outlet, title, similarity``), entity names."""
    row = conn.execute("SELECT label, label_article, n_articles, first_published, last_published FROM stories "
                       "WHERE story_id = ?", (story_id,)).fetchone()
    if not row:
        return None
    label, label_article, n, fp, lp = row
    articles = [{"id": a, "published": p, "outlet": o, "title": t if t is not None else mt, "similarity": s}
                for a, p, o, t, mt, s in conn.execute(
                    "SELECT m.article_id, COALESCE(a.published, m.published), a.outlet, a.title, m.title, m.similarity "
                    "FROM story_members m LEFT JOIN articles a ON a.id = m.article_id WHERE m.story_id = ? "
                    "ORDER BY COALESCE(a.published, m.published) IS NULL, COALESCE(a.published, m.published), m.seq",
                    (story_id,))]
    entities = [{"name": nm, "type": t, "count": c} for nm, t, c in conn.execute(
        "SELECT name, type, count FROM story_entities WHERE story_id = ? ORDER BY count DESC, name", (story_id,))]
    return {"id": story_id, "label": label, "label_article": label_article, "n_articles": n,
            "first_published": fp, "last_published": lp, "articles": articles, "entities": entities}


def story_of(conn: sqlite3.Connection, article_id: str) -> Optional[dict]:
    """The story of one article: ``{id, label, n_articles, similarity}`` or None."""
    row = conn.execute("SELECT s.story_id, s.label, s.n_articles, m.similarity FROM story_members m "
                       "JOIN stories s ON s.story_id = m.story_id WHERE m.article_id = ?", (article_id,)).fetchone()
    if not row:
        return None
    return {"id": row[0], "label": row[1], "n_articles": row[2], "similarity": row[3]}


def story_labels(conn: sqlite3.Connection) -> dict[str, int]:
    """article_id -> story id for every clustered article."""
    return dict(conn.execute("SELECT article_id, story_id FROM story_members"))
