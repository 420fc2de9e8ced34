"""Corpus lookups by name: a speaker, actor or entity query resolves to corpus entities, never silently.

``resolve(conn, "Trump", role="speaker")`` gathers every corpus entity the name can mean (its
canonical key, an alias, a surname, an acronym), weighs each by how often it plays that role
(quotes spoken, events acted in, articles naming it), and decides:

* ``entity``: one candidate dominates (an exact canonical name, the only candidate, or at least
  :data:`DOMINANCE` of the role count): use it, and name the other candidates;
* ``ambiguous``: several candidates, none dominant: show the candidates, no rows;
* ``text``: no corpus entity, but the string itself is a speaker or actor as written (an
  unlinked "police"): match the text;
* ``none``: nothing by that name.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from typing import Any, Optional

from .linking import fold, lookup_keys

#: Share of the role count at which the top candidate is taken as the one meant.
DOMINANCE = 0.75
#: Counts are capped (a bounded index walk per candidate), shown as "N+".
COUNT_CAP = 10_000
MAX_CANDIDATES = 12

#: role -> SQL counting the rows of one entity in that role (one ``?`` = the entity id).
ROLE_COUNTS: dict[str, str] = {
    "speaker": "SELECT count(*) FROM (SELECT 1 FROM quotes WHERE speaker_entity_id = ? LIMIT {cap})",
    "actor": "SELECT (SELECT count(*) FROM (SELECT 1 FROM events WHERE source_entity_id = ? LIMIT {cap})) + "
             "(SELECT count(*) FROM (SELECT 1 FROM events WHERE target_entity_id = ? LIMIT {cap}))",
    "entity": "SELECT article_count FROM corpus_entities WHERE id = ?",
}
#: role -> SQL counting rows whose name *as written* is the query (unlinked speakers/actors).
ROLE_TEXT_COUNTS: dict[str, str] = {
    "speaker": "SELECT count(*) FROM (SELECT 1 FROM quotes WHERE lower(speaker) = lower(?) LIMIT {cap})",
    "actor": "SELECT (SELECT count(*) FROM (SELECT 1 FROM events WHERE lower(source) = lower(?) LIMIT {cap})) + "
             "(SELECT count(*) FROM (SELECT 1 FROM events WHERE lower(target) = lower(?) LIMIT {cap}))",
}


@dataclass
class Candidate:
    id: int
    name: str
    type: str
    count: int  # rows in the role (capped at COUNT_CAP)
    article_count: int = 0
    how: str = "name"  # name | alias | surname | acronym


@dataclass
class Resolution:
    query: str
    role: str
    status: str  # entity | ambiguous | text | none
    entity: Optional[Candidate] = None
    others: list[Candidate] = field(default_factory=list)

    @property
    def ids(self) -> list[int]:
        return [self.entity.id] if self.entity else []

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "role": self.role, "status": self.status,
                "entity": asdict(self.entity) if self.entity else None,
                "others": [asdict(c) for c in self.others]}

    def message(self) -> str:
        """One line for people: what the name was taken to mean."""
        def fmt(c: Candidate) -> str:
            n = f"{c.count:,}+" if c.count >= COUNT_CAP else f"{c.count:,}"
            return f"{c.name} ({n})"
        if self.status == "entity" and self.entity:
            rest = f"; also: {', '.join(fmt(c) for c in self.others)}" if self.others else ""
            return f"“{self.query}” is taken as {fmt(self.entity)}{rest}"
        if self.status == "ambiguous":
            return f"“{self.query}” can mean: {', '.join(fmt(c) for c in self.others)}; pick one"
        if self.status == "text":
            return f"“{self.query}” is no corpus entity; matching it as written"
        return f"no {self.role} named “{self.query}”"


def candidates(conn: sqlite3.Connection, name: str, entity_type: Optional[str] = None) -> list[tuple[int, str]]:
    """``(entity id, how)`` for every corpus entity ``name`` can mean, without stopping at the
    first kind of match (a lone-surname entity "Trump" and the full "Donald Trump" both come back)."""
    key, keys = lookup_keys(name, entity_type)
    if not keys:
        return []
    tf, ta = ("AND e.type = ?", [entity_type]) if entity_type else ("", [])
    marks = ",".join("?" * len(keys))
    found: dict[int, str] = {}
    queries = [
        ("name", f"SELECT e.id FROM corpus_entities e WHERE e.key IN ({marks}) {tf}", [*keys, *ta]),
        ("alias", f"SELECT DISTINCT a.entity_id FROM corpus_aliases a JOIN corpus_entities e ON e.id = a.entity_id "
                  f"WHERE a.key IN ({marks}) {tf}", [*keys, *ta]),
    ]
    if len(key.split()) == 1:
        queries += [("surname", f"SELECT e.id FROM corpus_entities e WHERE e.surname = ? {tf}", [key, *ta]),
                    ("acronym", f"SELECT e.id FROM corpus_entities e WHERE e.acronym = ? {tf}", [key, *ta])]
    for how, sql, params in queries:
        for (eid,) in conn.execute(sql + f" LIMIT {4 * MAX_CANDIDATES}", params):
            found.setdefault(int(eid), how)
    return list(found.items())


def resolve(conn: sqlite3.Connection, name: str, role: str = "entity",
            entity_type: Optional[str] = None) -> Resolution:
    """What ``name`` means as a ``role`` (speaker, actor or entity) in this corpus (see module doc)."""
    name = name.strip()
    found = candidates(conn, name, entity_type)
    cands: list[Candidate] = []
    if found:
        ids = [i for i, _ in found]
        info = {r[0]: r for r in conn.execute(
            f"SELECT id, name, type, article_count FROM corpus_entities WHERE id IN ({','.join('?' * len(ids))})",
            ids)}
        count_sql = ROLE_COUNTS.get(role, ROLE_COUNTS["entity"]).format(cap=COUNT_CAP)
        for eid, how in found:
            if eid not in info:
                continue
            _, ename, etype, arts = info[eid]
            n = int(conn.execute(count_sql, (eid,) * count_sql.count("?")).fetchone()[0] or 0)
            cands.append(Candidate(eid, ename, etype, n, int(arts or 0), how))
    cands.sort(key=lambda c: (-c.count, -c.article_count, c.id))
    useful = [c for c in cands if c.count > 0] or ([] if role in ROLE_TEXT_COUNTS else cands)
    if not useful:
        text_sql = ROLE_TEXT_COUNTS.get(role)
        if text_sql and int(conn.execute(text_sql.format(cap=COUNT_CAP), (name,) * text_sql.count("?")).fetchone()[0] or 0):
            return Resolution(name, role, "text", others=cands[:MAX_CANDIDATES])
        return Resolution(name, role, "none", others=cands[:MAX_CANDIDATES])
    folded = fold(name)
    exact = [c for c in useful if fold(c.name) == folded]
    total = sum(c.count for c in useful)
    if exact:
        chosen = exact[0]
    elif len(useful) == 1 or useful[0].count >= DOMINANCE * total:
        chosen = useful[0]
    else:
        return Resolution(name, role, "ambiguous", others=useful[:MAX_CANDIDATES])
    others = [c for c in useful if c.id != chosen.id][:MAX_CANDIDATES]
    return Resolution(name, role, "entity", chosen, others)
