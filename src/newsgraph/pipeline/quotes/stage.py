"""The quotes stage: direct quotes, then reported speech, each with its resolved speaker."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ...model import Article, Quote
from ..base import Work, register_stage
from ..resolve import RESOLVER_KEY as _RESOLVE_KEY
from ..resolve import build_resolver
from ..quote_cues import LEXICON, CueLexicon
from .base import QuoteSpanInfo, _Attr
from .direct import _Extractor
from .marks import Segment, find_quoted_segments
from .speakers import RESOLVER_KEY, MentionResolver, _speaker

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


def extract_quotes(article: Article, doc: "Doc", scratch: Optional[dict] = None,
                   lexicon: CueLexicon = LEXICON) -> tuple[list[Quote], list[QuoteSpanInfo]]:
    """Quotes of ``article`` (whose ``text`` is ``doc.text``), with per-quote span details; the
    speaker resolver goes to ``scratch[RESOLVER_KEY]`` when ``scratch`` is given; ``lexicon``
    gives the cue verbs."""
    ext = _Extractor(article, doc, lexicon)
    text = ext.text
    segs = find_quoted_segments(text, ext.paras)
    chains = ext.direct(segs)
    kept = [c for c in chains if (c.attr is not None or c.floating) and not c.transcript]
    quoted = sorted((s.open, s.close) for c in kept for s in c.segs)
    index = scratch.get(_RESOLVE_KEY) if scratch is not None else None
    if index is None:
        index = build_resolver(article, doc)
    if scratch is not None:
        scratch[RESOLVER_KEY] = MentionResolver(article, doc, (ext, index))

    items: list[tuple[Quote, QuoteSpanInfo]] = []
    for ch in kept:
        if ch.merged:
            continue
        segs_all = list(ch.segs) + [s for x in ch.extra for s in x.segs]
        attr = ch.attr or _Attr()
        speaker, sid, stext, sspan = _speaker(ext, index, attr.speaker)
        cue_span = (attr.cue.idx, attr.cue.idx + len(attr.cue.text)) if attr.cue is not None else None
        # one quote per paragraph of a multi-paragraph quote; a sentence interrupted by its
        # attribution is one quote whose text is the verbatim span (attribution included)
        for group in _by_paragraph(segs_all):
            start, end = group[0].start, group[-1].end
            q = Quote(text=text[start:end], kind="direct", speaker=speaker, speaker_id=sid, speaker_text=stext,
                      cue=attr.cue_text, paragraph=article.paragraph_at(start), start=start, end=end)
            items.append((q, QuoteSpanInfo([(s.start, s.end) for s in group], sspan, cue_span, attr.how or "none")))
    taken = {s.open for c in kept for s in c.segs} | {s.open for c in kept for x in c.extra for s in x.segs}
    for a, b, attr in ext.indirect(quoted):
        speaker, sid, stext, sspan = _speaker(ext, index, attr.speaker)
        cue_span = (attr.cue.idx, attr.cue.idx + len(attr.cue.text)) if attr.cue is not None else None
        frags = attr.frags or [(a, b)]
        if attr.how == "then_quote":
            a, b = frags[0]  # the direct quote after the attribution is its own (direct) quote
        q = Quote(text=text[a:b], kind="indirect", speaker=speaker, speaker_id=sid,
                  speaker_text=stext, cue=attr.cue_text, paragraph=article.paragraph_at(a), start=a, end=b)
        items.append((q, QuoteSpanInfo(frags, sspan, cue_span, f"reported/{attr.how}")))
        # partial quotes: the quoted words inside reported speech are the speaker's own words
        # ('Trump called the winner "Miss Piggy"'); outside reported speech they are scare quotes
        for seg in _partial_quotes(ext, segs, frags, taken):
            taken.add(seg.open)
            pq = Quote(text=text[seg.start:seg.end], kind="direct", speaker=speaker, speaker_id=sid,
                       speaker_text=stext, cue=attr.cue_text, paragraph=article.paragraph_at(seg.start),
                       start=seg.start, end=seg.end)
            items.append((pq, QuoteSpanInfo([(seg.start, seg.end)], sspan, cue_span, "partial")))
    items.sort(key=lambda it: (it[0].start, it[0].kind))
    return [q for q, _ in items], [i for _, i in items]


def _by_paragraph(segs: list[Segment]) -> list[list[Segment]]:
    """Consecutive segments grouped by paragraph."""
    groups: list[list[Segment]] = []
    for seg in segs:
        if groups and groups[-1][-1].paragraph == seg.paragraph:
            groups[-1].append(seg)
        else:
            groups.append([seg])
    return groups


def _partial_quotes(ext: _Extractor, segs: list[Segment], frags: list[tuple[int, int]],
                    taken: set[int]) -> list[Segment]:
    """Closed quoted segments inside the reported-speech fragments ``frags`` that are not already
    part of a direct quote, have a word, and are not a premodifier of a noun outside the marks
    (``a "good faith" initiative`` stays a scare quote)."""
    out = []
    for seg in segs:
        if seg.open in taken or not seg.closed or seg.continues is not None or seg.continued:
            continue
        if not any(x <= seg.open and seg.close <= y + 2 for x, y in frags):
            continue
        if not any(ch.isalnum() for ch in ext.text[seg.start:seg.end]):
            continue
        if not ext.premodifier(seg):
            out.append(seg)
    return out


@register_stage("quotes")
class QuotesStage:
    """Fill ``article.quotes``; span details go to ``work.scratch["quote_spans"]``."""

    name = "quotes"
    needs_doc = True

    def __call__(self, work: Work) -> None:
        if work.doc is None:
            return
        quotes, infos = extract_quotes(work.article, work.doc, work.scratch)
        work.article.quotes = quotes
        work.scratch["quote_spans"] = infos
