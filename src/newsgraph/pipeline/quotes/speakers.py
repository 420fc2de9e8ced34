"""Speaker resolution: the head token of a speaker (or actor) mention to an entity of the article.

Every mention is decided by the article's one :class:`..resolve.Resolver` (names, surnames,
pronouns, descriptions, spokespeople, documents); this module only finds the head to ask about.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ...model import Article, Entity
from ..resolve import Resolver, build_resolver
from ..resolve.resolver import misattached_appos
from .direct import _Extractor

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token


def _named_head(tok: "Token") -> "Token":
    """The person named in apposition when the parse made something else the speaker head:
    a role after the name (``Flynn, a top Trump surrogate, said`` -> Flynn, not Trump), a
    dateline (``WASHINGTON -- President Obama, …, said``) or a misattached noun (``With 50 days
    until the election, Minyon Moore, a senior adviser, called …``)."""
    if tok.pos_ not in ("PROPN", "NOUN") or tok.ent_type_ == "PERSON":
        return tok
    if tok.pos_ == "NOUN" and tok.dep_ == "appos" and tok.head.pos_ == "PROPN" and tok.head.i < tok.i:
        return tok.head  # "Flynn, a top Trump surrogate, said": Flynn
    dateline = tok.pos_ == "PROPN" and tok.text.isupper() and len(tok.text) > 2 and tok.i + 1 < len(tok.doc) \
        and tok.doc[tok.i + 1].text in ("--", "—", "–", "-", "―")
    if tok.pos_ == "NOUN" or dateline:
        app = next((c for c in tok.children if c.dep_ == "appos" and c.i > tok.i and not misattached_appos(c)
                    and (c.ent_type_ == "PERSON" or dateline and c.pos_ == "PROPN")), None)
        if app is not None:
            return app
    return tok


_SpeakerInfo = tuple[Optional[str], Optional[str], Optional[str], Optional[tuple[int, int]]]


def _speaker(ext: _Extractor, index: Resolver, tok: Optional["Token"]) -> _SpeakerInfo:
    """(speaker, speaker_id, speaker_text, speaker span) for a speaker head token, through the
    article's :class:`..resolve.Resolver`."""
    if tok is None:
        return None, None, None, None
    tok = _named_head(tok)
    span = ext.np_span(tok)
    r = index.resolve(tok, span)
    return r.name, r.id, r.written, span


#: ``work.scratch`` key under which the quotes stage leaves its :class:`MentionResolver`
RESOLVER_KEY = "mention_resolver"


class MentionResolver:
    """Resolve the head token of a noun phrase to an entity of ``article`` the way speakers are
    resolved (names, surnames, pronouns, roles, organisations); other stages use it for actors.
    The quotes stage leaves the one it built in ``work.scratch[RESOLVER_KEY]``."""

    def __init__(self, article: Article, doc: "Doc",
                 _parts: Optional[tuple["_Extractor", Resolver]] = None) -> None:
        if _parts is None:
            _parts = _Extractor(article, doc), build_resolver(article, doc)
        self._ext, self._index = _parts
        self._entities = {e.id: e for e in article.entities}

    def resolve(self, tok: Optional["Token"]) -> _SpeakerInfo:
        """(canonical name or None, entity id or None, the phrase as written, its char span)."""
        return _speaker(self._ext, self._index, tok)

    def entity(self, entity_id: Optional[str]) -> Optional[Entity]:
        """The article's entity ``entity_id`` (type, mentions), if any."""
        return self._entities.get(entity_id) if entity_id else None
