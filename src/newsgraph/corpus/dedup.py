"""Exact and near-duplicate copies (syndication, reprints) and rewrite links, incrementally in SQLite.

:class:`CopyDetector` is constructed with the store's ``sqlite3.Connection`` and fed one article
at a time (``add``), inside the store's transaction. All state lives in the ``dedup_*`` tables
created by the versioned schema (:mod:`.schema`, version 6), so ingestion is incremental across runs and memory stays flat:

* ``dedup_sketch``: per article its ingest sequence, publication date, exact-text hash, MinHash
  signature (BLOB) and shingle count.
* ``dedup_bands``: LSH band keys ``(band, hash) -> article_id``; candidates are SQL lookups.
* ``dedup_groups`` / ``dedup_members``: duplicate groups. The earliest-published member is the
  original (unknown dates sort last; ties: first ingested); the others are copies with their
  similarity to it and a kind (``exact`` or ``near``).
* ``dedup_keys`` / ``dedup_entities`` / ``dedup_rewrites``: the separate ``rewrite_of`` relation
  between reworded articles that cite the same source (or cite the other's outlet) and share
  most named entities.

Candidates are verified by the estimated Jaccard similarity *or* the estimated containment of
the smaller shingle set in the larger one (copies with paragraphs cut keep high containment).
"""

from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Optional

import numpy as np

from ..model import Article, normalise_text
from .minhash import (MinHashConfig, band_keys, containment_from_jaccard, containment_many, jaccard_estimate,
                      jaccard_many)
from .dates import published_of

log = logging.getLogger(__name__)

#: Entity types compared for rewrites.
REWRITE_ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
                                  "WORK_OF_ART", "LAW"})
_KEY_JUNK = re.compile(r"[^a-z0-9]+")
_SEP = "\x1f"


def source_key(name: Optional[str]) -> str:
    """Comparable form of an outlet/source name: ``"The New York Times"`` -> ``"newyorktimes"``."""
    s = normalise_text(name or "")
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"\.(com|org|net|co\.uk)$", "", s)
    return _KEY_JUNK.sub("", s)


def _name_overlap(mine: set[str], names: str, min_shared: int) -> Optional[float]:
    """Share of the smaller of two entity-name sets that both name (``names``: joined by ``_SEP``);
    None when they share fewer than ``min_shared`` names."""
    if not names:
        return None
    theirs = set(names.split(_SEP))
    shared = len(mine & theirs)
    if shared < min_shared:
        return None
    return shared / min(len(mine), len(theirs))


def _published_key(published: Optional[str]) -> tuple[int, str]:
    """Sort key: known dates first, in ISO order; unknown dates last."""
    return (0, published.strip()) if published and published.strip() else (1, "")


@lru_cache(maxsize=16)
def _candidates_sql(n: int, per_key: int) -> str:
    """Articles under ``n`` band keys, at most ``per_key`` per key (a bounded posting list: a band
    shared by very many articles is boilerplate, and reading all of it would grow with the corpus)."""
    one = f"SELECT article_id FROM (SELECT article_id FROM dedup_bands WHERE hash = ? LIMIT {int(per_key)})"
    return " UNION ".join([one] * n)


@lru_cache(maxsize=16)
def _insert_bands_sql(n: int) -> str:
    return "INSERT OR IGNORE INTO dedup_bands (hash, band, article_id) VALUES " + ",".join(["(?, ?, ?)"] * n)


@dataclass(frozen=True)
class DedupConfig:
    """Thresholds (chosen on the reprint benchmark's dev seed, see BENCHMARKS.md)."""

    minhash: MinHashConfig = field(default_factory=MinHashConfig)
    jaccard: float = 0.5  # estimated Jaccard at or above which a candidate is a copy
    containment: float = 0.7  # … or estimated containment of the smaller text in the larger
    min_shingles: int = 30  # containment only counts when the smaller text has this many shingles
    rewrite_overlap: float = 0.6  # share of the smaller entity set both articles name
    rewrite_min_shared: int = 2
    band_postings: int = 100  # articles read per LSH band key (bounded posting lists)
    rewrite_candidates: int = 200  # most recent articles per source key examined
    rewrite_max_candidates: int = 400  # articles examined per new article, all keys together
    rewrite_max_links: int = 20  # rewrite links kept per new article (best scores)


class CopyDetector:
    """Incremental copy detection over the store's connection (see module docstring)."""

    def __init__(self, conn: sqlite3.Connection, config: Optional[DedupConfig] = None) -> None:
        self.conn = conn
        self.config = config or DedupConfig()
        self._checked = False

    def _check_sketch_version(self) -> None:
        """Record the MinHash configuration; warn once if the database holds sketches of another one
        (their signatures and band keys are not comparable: re-ingest to compare old and new articles)."""
        self._checked = True
        mh = self.config.minhash
        # v3: byte-folded character shingles, multiply-based shingle sampling, new band keys
        fingerprint = f"v3:{mh.kind}:{mh.n}:{mh.sample}:{mh.num_perm}:{mh.bands}:{mh.family}:{mh.seed}"
        row = self.conn.execute("SELECT value FROM dedup_meta WHERE key = 'sketch'").fetchone()
        if row is None:
            self.conn.execute("INSERT INTO dedup_meta (key, value) VALUES ('sketch', ?)", (fingerprint,))
        elif row[0] != fingerprint:
            log.warning("copy detection: this database holds MinHash sketches made with %s, now using %s; "
                        "copies of older articles will not be found until they are re-ingested", row[0], fingerprint)

    # -- ingestion -------------------------------------------------------
    def add(self, article: Article) -> None:
        """Register ``article``: group it with its copies and link it to articles it rewrites."""
        conn, cfg = self.conn, self.config
        if not self._checked:
            self._check_sketch_version()
        aid = article.id
        if conn.execute("SELECT 1 FROM dedup_sketch WHERE article_id = ?", (aid,)).fetchone():
            return  # already seen (idempotent re-ingest)
        text = article.text
        norm = normalise_text(text)
        published = published_of(article)
        seq = conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM dedup_sketch").fetchone()[0]
        if not norm:
            conn.execute("INSERT INTO dedup_sketch VALUES (?, ?, ?, ?, 0, ?)",
                         (aid, seq, published, "", b""))
            self._add_rewrite_links(article, seq, published)
            return
        exact = hashlib.sha1(norm.encode("utf-8")).hexdigest()
        sig, n_sh = cfg.minhash.sketch(text)
        keys = band_keys(sig, cfg.minhash.bands)

        matches = self._matches(aid, exact, sig, n_sh, keys)
        conn.execute("INSERT INTO dedup_sketch VALUES (?, ?, ?, ?, ?, ?)",
                     (aid, seq, published, exact, n_sh, sig.tobytes()))
        self.insert_bands(aid, keys)
        if matches:
            self._join_groups(aid, matches)
        self._add_rewrite_links(article, seq, published)

    def lookup(self, text: str) -> list[tuple[str, float]]:
        """Stored articles that ``text`` is a copy of, as ``(article_id, similarity)``; read-only."""
        norm = normalise_text(text)
        if not norm:
            return []
        exact = hashlib.sha1(norm.encode("utf-8")).hexdigest()
        sig, n_sh = self.config.minhash.sketch(text)
        m = self._matches(None, exact, sig, n_sh, band_keys(sig, self.config.minhash.bands))
        return sorted(((k, v[0]) for k, v in m.items()), key=lambda kv: -kv[1])

    def candidates(self, keys: list[int]) -> list[str]:
        """Article ids sharing at least one LSH band key (SQL lookup on the band index)."""
        out: list[str] = []
        for i in range(0, len(keys), 200):
            chunk = keys[i:i + 200]
            sql = _candidates_sql(len(chunk), self.config.band_postings)
            out.extend([r for (r,) in self.conn.execute(sql, chunk).fetchall()])
        return list(dict.fromkeys(out))

    def insert_bands(self, article_id: str, keys: list[int]) -> None:
        """Index ``article_id`` under its LSH band keys (one multi-row INSERT per 300 bands)."""
        for i in range(0, len(keys), 300):
            chunk = keys[i:i + 300]
            params: list[Any] = []
            for b, k in enumerate(chunk, start=i):
                params += (k, b, article_id)
            self.conn.execute(_insert_bands_sql(len(chunk)), params)

    # -- internals -------------------------------------------------------
    def _matches(self, aid: Optional[str], exact: str, sig: np.ndarray, n_sh: int,
                 keys: list[int]) -> dict[str, tuple[float, float, float]]:
        """Verified copies: article_id -> (similarity, jaccard, containment)."""
        cfg = self.config
        found: dict[str, tuple[float, float, float]] = {}
        for (other,) in self.conn.execute("SELECT article_id FROM dedup_sketch WHERE exact_hash = ?", (exact,)):
            if other != aid:
                found[other] = (1.0, 1.0, 1.0)
        cands = [c for c in self.candidates(keys) if c != aid and c not in found]
        for i in range(0, len(cands), 500):
            chunk = cands[i:i + 500]
            q = f"SELECT article_id, n_shingles, sig FROM dedup_sketch WHERE article_id IN ({','.join('?' * len(chunk))})"
            # verified together: one array operation for the chunk (signatures of another length,
            # from another MinHash configuration, never match, as with jaccard_estimate)
            rows = [(other, n_other, blob) for other, n_other, blob in self.conn.execute(q, chunk)
                    if n_other and len(blob) == sig.nbytes]
            if not rows:
                continue
            others = np.frombuffer(b"".join(r[2] for r in rows), dtype=np.uint32).reshape(len(rows), len(sig))
            sizes = np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows))
            j = jaccard_many(sig, others)
            c = containment_many(j, n_sh, sizes)
            ok = (j >= cfg.jaccard) | ((c >= cfg.containment) & (np.minimum(n_sh, sizes) >= cfg.min_shingles))
            for k in np.flatnonzero(ok):
                jk, ck = float(j[k]), float(c[k])
                found[rows[k][0]] = (max(jk, ck), jk, ck)
        return found

    def _join_groups(self, aid: str, matches: dict[str, tuple[float, float, float]]) -> None:
        """Put ``aid`` into the group of its most similar grouped copy (or a new group), together
        with its verified copies that have no group yet, and score the new members.

        Groups are never merged through a bridging article: an article that copies from two
        groups (a round-up of two wires) joins the closer one. Merging would chain partial copies
        into ever larger groups that no longer share an original. Only the new members are
        scored unless the group's original changes, so the cost does not grow with the group."""
        conn = self.conn
        ids = list(matches)
        # primary-key lookups only: a group_id filter here would make SQLite walk the whole group
        member_of = dict(conn.execute(
            f"SELECT article_id, group_id FROM dedup_members WHERE article_id IN ({','.join('?' * len(ids))})", ids))
        if member_of:
            best = max(member_of, key=lambda a: (matches[a][0], matches[a][1], a))  # similarity, Jaccard
            target, full = member_of[best], False
        else:
            target = conn.execute("INSERT INTO dedup_groups (original_id) VALUES (?)", (aid,)).lastrowid
            full = True
        new_members = [a for a in [aid, *ids] if a not in member_of]
        conn.executemany("INSERT OR REPLACE INTO dedup_members VALUES (?, ?, 'near', 0, 0, 0)",
                         [(a, target) for a in new_members])
        if full or not self._score_new_members(target, new_members):
            self._rescore_group(target)

    _SKETCH_COLS = "s.article_id, s.seq, s.published, s.exact_hash, s.n_shingles, s.sig"

    def _score_new_members(self, gid: int, new_members: list[str]) -> bool:
        """Score ``new_members`` against the group's current original; False (nothing written)
        when one of them is earlier than the original, which then calls for a full rescore."""
        conn = self.conn
        row = conn.execute("SELECT original_id FROM dedup_groups WHERE group_id = ?", (gid,)).fetchone()
        if row is None:
            return False
        wanted = [row[0], *new_members]
        rows = conn.execute(f"SELECT {self._SKETCH_COLS} FROM dedup_sketch s "
                            f"WHERE s.article_id IN ({','.join('?' * len(wanted))})", wanted).fetchall()
        orig = next((r for r in rows if r[0] == row[0]), None)
        if orig is None:
            return False
        key = lambda r: (_published_key(r[2]), r[1])  # noqa: E731
        fresh = [r for r in rows if r[0] != orig[0]]
        if any(key(r) < key(orig) for r in fresh):
            return False
        self._write_scores(orig, fresh)
        return True

    def _rescore_group(self, gid: int) -> None:
        """Pick the original (earliest published, then first ingested) and score all copies against it."""
        rows = self.conn.execute(
            f"SELECT {self._SKETCH_COLS} FROM dedup_members m JOIN dedup_sketch s ON s.article_id = m.article_id "
            "WHERE m.group_id = ?", (gid,)).fetchall()
        if not rows:
            return
        orig = min(rows, key=lambda r: (_published_key(r[2]), r[1]))
        self.conn.execute("UPDATE dedup_groups SET original_id = ? WHERE group_id = ?", (orig[0], gid))
        self._write_scores(orig, rows)

    def _write_scores(self, orig: tuple, rows: list[tuple]) -> None:
        """Store each member's kind and similarity to the original ``orig`` (sketch rows)."""
        osig = np.frombuffer(orig[5], dtype=np.uint32)
        updates = []
        for a, _seq, _pub, exact, n_sh, blob in rows:
            if a == orig[0]:
                updates.append(("original", 1.0, 1.0, 1.0, a))
            elif exact == orig[3]:
                updates.append(("exact", 1.0, 1.0, 1.0, a))
            else:
                j = jaccard_estimate(osig, np.frombuffer(blob, dtype=np.uint32))
                c = containment_from_jaccard(j, orig[4], n_sh)
                updates.append(("near", round(max(j, c), 4), round(j, 4), round(c, 4), a))
        self.conn.executemany("UPDATE dedup_members SET kind = ?, similarity = ?, jaccard = ?, containment = ? "
                              "WHERE article_id = ?", updates)

    def _add_rewrite_links(self, article: Article, seq: int, published: Optional[str]) -> None:
        """Link ``article`` with earlier/later reworded reports sharing a cited source and most entities."""
        conn, cfg = self.conn, self.config
        aid = article.id
        cited = sorted({source_key(s.outlet) for s in article.sources if s.kind in ("outlet", "agency")} - {""})
        own = source_key(article.source.outlet)
        names = sorted({normalise_text(e.name) for e in article.entities if e.type in REWRITE_ENTITY_TYPES} - {""})
        rows = [(k, "cites", aid, seq) for k in cited]
        if own:
            rows.append((own, "outlet", aid, seq))
        conn.executemany("INSERT OR IGNORE INTO dedup_keys VALUES (?, ?, ?, ?)", rows)
        conn.execute("INSERT OR REPLACE INTO dedup_entities VALUES (?, ?)", (aid, _SEP.join(names)))
        if len(names) < cfg.rewrite_min_shared:
            return
        # candidate -> the shared source key (and whether it is the candidate's own outlet)
        cands: dict[str, tuple[str, bool]] = {}
        for k in cited:  # others citing the same source, or the cited outlet's own articles
            for other, role in conn.execute(
                    "SELECT article_id, role FROM dedup_keys WHERE source_key = ? AND article_id != ? "
                    "ORDER BY seq DESC LIMIT ?", (k, aid, cfg.rewrite_candidates)):
                if other not in cands or role == "outlet":
                    cands[other] = (k, role == "outlet")
        if own:  # earlier articles citing this article's outlet
            for (other,) in conn.execute(
                    "SELECT article_id FROM dedup_keys WHERE source_key = ? AND role = 'cites' AND article_id != ? "
                    "ORDER BY seq DESC LIMIT ?", (own, aid, cfg.rewrite_candidates)):
                cands.setdefault(other, (own, False))
        if not cands:
            return
        if len(cands) > cfg.rewrite_max_candidates:  # bounded: the first keys' most recent articles
            cands = dict(list(cands.items())[:cfg.rewrite_max_candidates])
        mine = set(names)
        # two steps: the entity names of every candidate (one narrow row each), then dates, order
        # and group only for the few that share enough names (each of those is a lookup in a
        # large table keyed by article id, which is what would grow with the corpus)
        shared_ok: dict[str, float] = {}
        ids = list(cands)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            q = f"SELECT article_id, names FROM dedup_entities WHERE article_id IN ({','.join('?' * len(chunk))})"
            for other, onames in conn.execute(q, chunk):
                overlap = _name_overlap(mine, onames, cfg.rewrite_min_shared)
                if overlap is not None and overlap >= cfg.rewrite_overlap:
                    shared_ok[other] = overlap
        if not shared_ok:
            return
        my_group = conn.execute("SELECT group_id FROM dedup_members WHERE article_id = ?", (aid,)).fetchone()
        ids = list(shared_ok)
        info: dict[str, Any] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            q = (f"SELECT s.article_id, s.published, s.seq, m.group_id FROM dedup_sketch s "
                 f"LEFT JOIN dedup_members m ON m.article_id = s.article_id "
                 f"WHERE s.article_id IN ({','.join('?' * len(chunk))})")
            for other, opub, oseq, ogroup in conn.execute(q, chunk):
                info[other] = (opub, oseq, ogroup)
        me_key = (_published_key(published), seq)
        links = []
        for other, (key, is_outlet) in cands.items():
            if other not in info or other not in shared_ok:
                continue
            opub, oseq, ogroup = info[other]
            if my_group and ogroup == my_group[0]:
                continue  # already a (near-)duplicate: not a rewrite
            overlap = shared_ok[other]
            score = round(min(1.0, overlap * (1.0 if is_outlet else 0.9)), 4)
            # direction: the report from the cited outlet is the original; else the earlier one
            if key == own and not is_outlet:
                links.append((other, aid, score, key))
            elif is_outlet or (_published_key(opub), oseq) < me_key:
                links.append((aid, other, score, key))
            else:
                links.append((other, aid, score, key))
        links.sort(key=lambda link: -link[2])
        conn.executemany("INSERT OR REPLACE INTO dedup_rewrites VALUES (?, ?, ?, ?)", links[:cfg.rewrite_max_links])


# -- queries -------------------------------------------------------------
def _articles_info(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, dict]:
    ids = list(ids)
    out: dict[str, dict] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        q = f"SELECT id, title, outlet, published FROM articles WHERE id IN ({','.join('?' * len(chunk))})"
        for aid, title, outlet, published in conn.execute(q, chunk):
            out[aid] = {"title": title, "outlet": outlet, "published": published}
    return out


def _rewrites_into(conn: sqlite3.Connection, targets: list[str]) -> list[dict]:
    out = []
    for i in range(0, len(targets), 500):
        chunk = targets[i:i + 500]
        q = (f"SELECT article_id, rewrite_of, score, source FROM dedup_rewrites "
             f"WHERE rewrite_of IN ({','.join('?' * len(chunk))}) ORDER BY score DESC")
        out += [{"id": a, "rewrite_of": r, "similarity": s, "kind": "rewrite", "source": src}
                for a, r, s, src in conn.execute(q, chunk)]
    return out


def _group_dict(conn: sqlite3.Connection, gid: int, original: str, include_rewrites: bool,
                max_members: Optional[int] = None) -> dict:
    """A group with its members in ingestion order. With ``max_members``, only the first
    ``max_members`` rows of the group's index (the members in the order they joined the group) are
    read: a page showing one article's copies must not cost in proportion to a group of hundreds."""
    if max_members is None:
        members = conn.execute(
            "SELECT m.article_id, m.kind, m.similarity, m.jaccard, m.containment FROM dedup_members m "
            "JOIN dedup_sketch s ON s.article_id = m.article_id WHERE m.group_id = ? ORDER BY s.seq",
            (gid,)).fetchall()
    else:  # a bounded range of the group index, then sorted like the whole group
        members = conn.execute(
            "SELECT m.article_id, m.kind, m.similarity, m.jaccard, m.containment FROM "
            "(SELECT * FROM dedup_members WHERE group_id = ? ORDER BY rowid LIMIT ?) m "
            "JOIN dedup_sketch s ON s.article_id = m.article_id ORDER BY s.seq", (gid, max_members)).fetchall()
    copies = [{"id": a, "kind": k, "similarity": s, "jaccard": j, "containment": c}
              for a, k, s, j, c in members if a != original]
    ids = [a for a, *_ in members]
    if include_rewrites:
        seen = set(ids)
        copies += [r for r in _rewrites_into(conn, ids) if r["id"] not in seen]
    info = _articles_info(conn, [original, *[c["id"] for c in copies]])
    for c in copies:
        c.update(info.get(c["id"], {}))
    return {"group_id": gid, "original": original, **info.get(original, {}), "copies": copies}


def copy_groups(conn: sqlite3.Connection, include_rewrites: bool = True, limit: Optional[int] = None,
                offset: int = 0) -> list[dict]:
    """Duplicate groups, largest first: ``{group_id, original, title, outlet, published, copies}``.

    Each copy is ``{id, kind, similarity, …}`` with kind ``exact``/``near``. With
    ``include_rewrites`` the copies also list articles linked by ``rewrite_of`` to any member
    (kind ``rewrite``, similarity = rewrite score), and rewritten articles outside any duplicate
    group get a group of their own (``group_id`` None).
    """
    rows = conn.execute(
        "SELECT g.group_id, g.original_id, COUNT(m.article_id) AS n FROM dedup_groups g "
        "JOIN dedup_members m ON m.group_id = g.group_id GROUP BY g.group_id ORDER BY n DESC, g.group_id "
        "LIMIT ? OFFSET ?", (-1 if limit is None else limit, offset)).fetchall()
    groups = [_group_dict(conn, gid, orig, include_rewrites) for gid, orig, _ in rows]
    if include_rewrites and (limit is None or len(groups) < limit):
        lonely = [r[0] for r in conn.execute(
            "SELECT DISTINCT r.rewrite_of FROM dedup_rewrites r LEFT JOIN dedup_members m "
            "ON m.article_id = r.rewrite_of WHERE m.article_id IS NULL ORDER BY r.rewrite_of")]
        for target in lonely:
            copies = _rewrites_into(conn, [target])
            info = _articles_info(conn, [target, *[c["id"] for c in copies]])
            for c in copies:
                c.update(info.get(c["id"], {}))
            groups.append({"group_id": None, "original": target, **info.get(target, {}), "copies": copies})
    return groups


#: Members listed by :func:`copies_of` (the group's size is given as ``group_size``).
COPIES_OF_MEMBERS = 50


def copies_of(conn: sqlite3.Connection, article_id: str, max_members: int = COPIES_OF_MEMBERS) -> dict:
    """Copy relations of one article (at most ``max_members`` group members listed).

    ``{article_id, group_id, original, is_original, kind, similarity, copies, rewrite_of, rewritten_by}``:
    ``copies`` are the other members of its duplicate group (empty when it has none);
    ``rewrite_of``/``rewritten_by`` list ``{id, score, source}`` links in either direction.
    """
    row = conn.execute("SELECT group_id, kind, similarity FROM dedup_members WHERE article_id = ?",
                       (article_id,)).fetchone()
    out: dict[str, Any] = {"article_id": article_id, "group_id": None, "original": None, "is_original": None,
                           "kind": None, "similarity": None, "copies": []}
    if row:
        gid, kind, sim = row
        original = conn.execute("SELECT original_id FROM dedup_groups WHERE group_id = ?", (gid,)).fetchone()[0]
        g = _group_dict(conn, gid, original, include_rewrites=False, max_members=max_members)
        others = [c for c in g["copies"] if c["id"] != article_id]
        if original != article_id:
            others.insert(0, {"id": original, "kind": "original", "similarity": 1.0,
                              **{k: g.get(k) for k in ("title", "outlet", "published")}})
        size = conn.execute("SELECT count(*) FROM dedup_members WHERE group_id = ?", (gid,)).fetchone()[0]
        out.update(group_id=gid, original=original, is_original=original == article_id, kind=kind,
                   similarity=sim, copies=others, group_size=size)
    out["rewrite_of"] = [{"id": r, "score": s, "source": src} for r, s, src in conn.execute(
        "SELECT rewrite_of, score, source FROM dedup_rewrites WHERE article_id = ? ORDER BY score DESC LIMIT 50",
        (article_id,))]
    out["rewritten_by"] = [{"id": a, "score": s, "source": src} for a, s, src in conn.execute(
        "SELECT article_id, score, source FROM dedup_rewrites WHERE rewrite_of = ? ORDER BY score DESC LIMIT 50",
        (article_id,))]
    return out


def group_labels(conn: sqlite3.Connection) -> dict[str, int]:
    """article_id -> duplicate group id, for members of a group (singletons are absent)."""
    return {a: g for a, g in conn.execute("SELECT article_id, group_id FROM dedup_members")}
