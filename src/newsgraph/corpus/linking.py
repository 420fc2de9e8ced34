"""Cross-article entities: the same person or organisation in many articles is one corpus entity.

Each article's entities (already canonicalised within the article) are linked to a row of
``corpus_entities`` in this order:

0. a one-word PERSON name that is the surname of a full name in the same article: that person;
1. same normalised name (titles such as "Press Secretary" stripped, case/quote-style folded) and type;
2. a multi-token alias (or, for non-persons, any alias: "NATO") known for exactly one entity of that type;
3. a one-word PERSON name ("Leavitt") when exactly one known multi-word person has that surname,
   or a one-word ORG name ("FBI") when exactly one known organisation has that acronym;
4. a full PERSON name whose surname (ORG name whose acronym) is a known one-word entity of that
   type and of no other full name: that entity is upgraded to the full name;
5. otherwise a new corpus entity.

Aliases and roles are kept per corpus entity with the number of articles using each.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from typing import Iterable, Optional

from ..model import Article, Entity

#: Leading words dropped from PERSON names ("Press Secretary Karoline Leavitt" -> "Karoline Leavitt").
TITLE_WORDS = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sister brother
    president vice press secretary sen senator rep representative congressman congresswoman
    gov governor lt lieutenant mayor gen general col colonel maj major capt captain sgt sergeant
    adm admiral cmdr commander judge justice chief minister prime chancellor premier king queen
    prince princess pope ambassador commissioner sheriff officer detective inspector coach
    speaker leader deputy acting former interim attorney ceo chairman chairwoman chair director
    spokesman spokeswoman spokesperson treasurer trustee dean superintendent house white the u.s us
    state foreign defense defence health interior homeland security national federal assistant
    majority minority senior junior associate executive managing
    """.split()
)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "at", "to", "&"})
_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
_PERSON = "PERSON"


def _tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).replace("’", "'")
    text = re.sub(r"'s\b", "", text)  # possessive
    text = re.sub(r"(?<=\b[A-Za-z])\.(?=[A-Za-z]\.)", "", text)  # U.S. -> US.
    return _TOKEN.findall(text)


def fold(text: str) -> str:
    """Case- and punctuation-insensitive key of a name."""
    return " ".join(t.lower() for t in _tokens(text))


def strip_titles(name: str, entity_type: str = _PERSON, roles: Iterable[str] = ()) -> str:
    """``name`` without leading role/title words (PERSON) or a leading "the" (others); original casing."""
    toks = _tokens(name)
    if not toks:
        return name.strip()
    role_keys = sorted((fold(r).split() for r in roles if fold(r)), key=len, reverse=True)
    low = [t.lower() for t in toks]
    start = 0
    if entity_type == _PERSON:
        for rk in role_keys:  # a role given by the article, e.g. "White House Press Secretary"
            if len(rk) < len(low) and low[: len(rk)] == rk:
                start = len(rk)
                break
        while start < len(toks) - 1 and low[start].rstrip(".") in TITLE_WORDS:
            start += 1
    elif len(toks) > 1 and low[0] == "the":
        start = 1
    return " ".join(toks[start:])


def name_key(name: str, entity_type: str = _PERSON, roles: Iterable[str] = ()) -> str:
    """The matching key: titles stripped, folded."""
    return fold(strip_titles(name, entity_type, roles))


def surname(key: str) -> Optional[str]:
    """Last name token of a multi-token person key (suffixes such as "Jr." ignored)."""
    toks = [t for t in key.split() if t not in _SUFFIXES]
    return toks[-1] if len(toks) >= 2 else None


_ROLE_DETERMINER = re.compile(r"^(?:the|a|an|its|their|his|her)\s+", re.I)


def role_display(role: str) -> str:
    """A role without a leading determiner, capitalised ("the transport minister" -> "Transport minister")."""
    r = _ROLE_DETERMINER.sub("", " ".join(role.split()))
    return r[:1].upper() + r[1:] if r else r


def acronym(name: str) -> Optional[str]:
    """Initials of a multi-word organisation name ("Federal Bureau of Investigation" -> "fbi")."""
    toks = [t for t in _tokens(name) if t.lower() not in _ACRONYM_SKIP]
    if len(toks) < 2 or not all(t[0].isupper() for t in toks):
        return None
    return "".join(t[0] for t in toks).lower()


class EntityLinker:
    """Links one article's entities to corpus entities, updating counts, aliases and roles.

    Runs inside the caller's transaction (see :meth:`newsgraph.corpus.store.Store.add_article`).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    # -- lookups ---------------------------------------------------------
    def _by_key(self, key: str, etype: str) -> Optional[int]:
        row = self.conn.execute("SELECT id FROM corpus_entities WHERE key = ? AND type = ?", (key, etype)).fetchone()
        return row[0] if row else None

    def _by_alias(self, keys: Iterable[str], etype: str) -> Optional[int]:
        hits: set[int] = set()
        for k in keys:
            rows = self.conn.execute(
                "SELECT DISTINCT a.entity_id FROM corpus_aliases a JOIN corpus_entities e ON e.id = a.entity_id "
                "WHERE a.key = ? AND e.type = ?", (k, etype)).fetchall()
            hits.update(r[0] for r in rows)
        return hits.pop() if len(hits) == 1 else None

    def _by_acronym(self, token: str) -> Optional[int]:
        rows = self.conn.execute(
            "SELECT id FROM corpus_entities WHERE acronym = ? AND type = 'ORG' LIMIT 2", (token,)).fetchall()
        return rows[0][0] if len(rows) == 1 else None

    def _by_surname(self, token: str) -> Optional[int]:
        rows = self.conn.execute(
            "SELECT id FROM corpus_entities WHERE surname = ? AND type = ? LIMIT 2", (token, _PERSON)).fetchall()
        return rows[0][0] if len(rows) == 1 else None

    # -- linking -----------------------------------------------------------
    def resolve(self, entity: Entity, local: Optional[dict[str, int]] = None) -> int:
        """Corpus id for ``entity`` (created when unknown). ``local`` maps surnames of full
        PERSON names already linked in the same article to their corpus ids."""
        etype = entity.type or "MISC"
        display = strip_titles(entity.name, etype, entity.roles) or entity.name.strip()
        key = fold(display) or entity.name.strip().lower()
        single = len(key.split()) == 1
        if etype == _PERSON and single and local and key in local:
            return local[key]  # "Leavitt" in an article that also names "Bob Leavitt"
        found = self._by_key(key, etype)
        if found is not None:
            return found
        alias_keys = {name_key(a, etype, entity.roles) for a in entity.aliases} | {key}
        alias_keys.discard("")
        if etype == _PERSON:
            alias_keys = {k for k in alias_keys if len(k.split()) > 1}
        ac = acronym(display) if etype == "ORG" else None
        found = self._by_alias(alias_keys, etype) if alias_keys else None
        if found is not None:
            return found
        if etype == "ORG":
            for k in sorted(alias_keys):  # "FBI" -> the one known organisation with that acronym
                if len(k.split()) == 1 and (found := self._by_acronym(k)) is not None:
                    return found
            solo = self._by_key(ac, "ORG") if ac else None
            if solo is not None and self._by_acronym(ac) is None:
                # the acronym was seen before the full name: upgrade that entity to the full name
                self.conn.execute("UPDATE corpus_entities SET name = ?, key = ?, acronym = ? WHERE id = ?",
                                  (display, key, ac, solo))
                return solo
        if etype == _PERSON and single:
            found = self._by_surname(key)
            if found is not None:
                return found
        sur = surname(key) if etype == _PERSON else None
        if sur is not None:
            solo = self._by_key(sur, _PERSON)
            if solo is not None and self._by_surname(sur) is None:
                # a surname-only entity seen before the full name: upgrade it to the full name
                self.conn.execute("UPDATE corpus_entities SET name = ?, key = ?, surname = ? WHERE id = ?",
                                  (display, key, sur, solo))
                return solo
        cur = self.conn.execute(
            "INSERT INTO corpus_entities (name, type, key, surname, acronym) VALUES (?, ?, ?, ?, ?)",
            (display, etype, key, sur, ac))
        return int(cur.lastrowid)

    def link_article(self, article: Article) -> dict[str, int]:
        """Link every entity of ``article``; returns ``{Entity.id: corpus entity id}``."""
        mapping: dict[str, int] = {}
        local: dict[str, int] = {}
        # full names first, so "Leavitt" prefers the article's own "Karoline Leavitt"
        order = sorted(article.entities, key=lambda e: len(name_key(e.name, e.type, e.roles).split()) <= 1)
        for ent in order:
            cid = self.resolve(ent, local)
            mapping[ent.id] = cid
            if ent.type == _PERSON:
                sur = surname(name_key(ent.name, ent.type, ent.roles))
                if sur:
                    local.setdefault(sur, cid)
        self._update_stats(article, mapping)
        return mapping

    def _update_stats(self, article: Article, mapping: dict[str, int]) -> None:
        per: dict[int, dict] = {}
        for ent in article.entities:
            cid = mapping[ent.id]
            d = per.setdefault(cid, {"mentions": 0, "aliases": {}, "roles": {}})
            d["mentions"] += len(ent.mentions) or 1
            for form in [strip_titles(ent.name, ent.type, ent.roles), ent.name, *ent.aliases]:
                k = fold(form)
                if k:
                    d["aliases"].setdefault(k, form.strip())
            for role in ent.roles:
                display = role_display(role)
                k = fold(display)
                if k:
                    d["roles"].setdefault(k, display)
        for cid, d in per.items():
            self.conn.execute(
                "UPDATE corpus_entities SET article_count = article_count + 1, mention_count = mention_count + ?, "
                "first_article_id = COALESCE(first_article_id, ?) WHERE id = ?", (d["mentions"], article.id, cid))
            for k, form in d["aliases"].items():
                self.conn.execute(
                    "INSERT INTO corpus_aliases (entity_id, key, alias, count) VALUES (?, ?, ?, 1) "
                    "ON CONFLICT (entity_id, key) DO UPDATE SET count = count + 1", (cid, k, form))
            for k, role in d["roles"].items():
                self.conn.execute(
                    "INSERT INTO corpus_roles (entity_id, key, role, count) VALUES (?, ?, ?, 1) "
                    "ON CONFLICT (entity_id, key) DO UPDATE SET count = count + 1", (cid, k, role))


def lookup_keys(name: str, entity_type: Optional[str] = None) -> tuple[str, list[str]]:
    """(the normalised name key, every key to look ``name`` up by: as folded and as normalised)."""
    if not name or not name.strip():
        return "", []
    key = name_key(name, entity_type or _PERSON)
    return key, list(dict.fromkeys(k for k in (fold(name), key) if k))


def lookup(conn: sqlite3.Connection, name: str, entity_type: Optional[str] = None) -> list[int]:
    """Corpus entity ids matching ``name`` (case-insensitive; names, aliases, then unique surname), best first."""
    key, keys = lookup_keys(name, entity_type)
    if not keys:
        return []
    tfilter, targs = ("AND e.type = ?", [entity_type]) if entity_type else ("", [])
    marks = ",".join("?" * len(keys))
    rows = conn.execute(
        f"SELECT e.id FROM corpus_entities e WHERE e.key IN ({marks}) {tfilter} "
        f"ORDER BY e.article_count DESC, e.id", [*keys, *targs]).fetchall()
    if not rows:
        rows = conn.execute(
            f"SELECT e.id FROM corpus_entities e JOIN corpus_aliases a ON a.entity_id = e.id "
            f"WHERE a.key IN ({marks}) {tfilter} GROUP BY e.id ORDER BY e.article_count DESC, e.id",
            [*keys, *targs]).fetchall()
    if not rows and len(key.split()) == 1:
        rows = conn.execute(
            f"SELECT e.id FROM corpus_entities e WHERE (e.surname = ? OR e.acronym = ?) {tfilter} "
            f"ORDER BY e.article_count DESC, e.id", [key, key, *targs]).fetchall()
    return [r[0] for r in rows]
