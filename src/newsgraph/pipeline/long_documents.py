"""Bounded work for long documents: sections of whole paragraphs analysed one at a time and merged
back, and parse batches bounded in characters. Used by :class:`newsgraph.pipeline.Pipeline`."""

from __future__ import annotations

from typing import Iterator, Optional

from ..model import Article

#: Most characters parsed in one ``nlp.pipe`` batch: the parser's working memory grows with the
#: characters in a batch (about 3.5 kB per character with the small English model).
BATCH_CHARS = 20_000
#: A document longer than this (after cleaning) is analysed a section of whole paragraphs at a
#: time, so the stages' work (some of it grows faster than the text) stays bounded per section
#: and the whole document costs time linear in its length. Ordinary articles are far shorter.
SECTION_CHARS = 30_000


def sections(article: Article, max_chars: Optional[int] = None) -> list[tuple[int, int]]:
    """``(first, last)`` paragraph index ranges (``last`` exclusive) of at most ``max_chars``
    characters each (a longer single paragraph is a section of its own)."""
    limit = SECTION_CHARS if max_chars is None else max_chars
    out: list[tuple[int, int]] = []
    first, size = 0, 0
    for i, p in enumerate(article.paragraphs):
        n = len(p.text) + 2
        if i > first and size + n > limit:
            out.append((first, i))
            first, size = i, 0
        size += n
    if first < len(article.paragraphs):
        out.append((first, len(article.paragraphs)))
    return out


def section_article(article: Article, first: int, last: int) -> Article:
    """An Article holding paragraphs ``first:last`` of ``article`` (offsets re-based), no analysis yet."""
    base = article.paragraphs[first].start
    paragraphs = [p.model_copy(update={"start": p.start - base, "end": p.end - base})
                  for p in article.paragraphs[first:last]]
    return article.model_copy(update={"paragraphs": paragraphs, "entities": [], "quotes": [], "sources": [],
                                      "events": [], "summary": None, "warnings": [], "error": None})


def merge_section(article: Article, part: Article, first: int) -> None:
    """Add the analysis of a section (paragraphs from ``first``) to ``article``: offsets shifted,
    entities merged by (name, type) with fresh ids, references remapped."""
    shift = article.paragraphs[first].start
    by_key = {(e.name, e.type): e for e in article.entities}
    ids: dict[str, str] = {}
    for e in part.entities:
        mentions = [m.model_copy(update={"start": m.start + shift, "end": m.end + shift}) for m in e.mentions]
        known = by_key.get((e.name, e.type))
        if known is None:
            known = e.model_copy(update={"id": f"e{len(article.entities)}", "mentions": mentions})
            article.entities.append(known)
            by_key[(e.name, e.type)] = known
        else:
            known.aliases.extend(a for a in e.aliases if a not in known.aliases)
            known.roles.extend(r for r in e.roles if r not in known.roles)
            known.mentions.extend(mentions)
        ids[e.id] = known.id
    for q in part.quotes:
        article.quotes.append(q.model_copy(update={
            "start": q.start + shift, "end": q.end + shift, "speaker_id": ids.get(q.speaker_id or "", q.speaker_id),
            "paragraph": None if q.paragraph is None else q.paragraph + first}))
    article.sources.extend(c.model_copy(update={"start": c.start + shift, "end": c.end + shift}) for c in part.sources)
    for ev in part.events:
        article.events.append(ev.model_copy(update={
            "start": ev.start + shift, "end": ev.end + shift,
            "source_id": ids.get(ev.source_id or "", ev.source_id), "target_id": ids.get(ev.target_id or "", ev.target_id)}))
    if article.summary is None and part.summary:
        article.summary = part.summary  # the opening section's summary: news puts the lead first
    article.warnings.extend(w for w in part.warnings if w not in article.warnings)
    if part.error:
        article.warnings.append(f"paragraphs {first}-{first + len(part.paragraphs) - 1}: {part.error}")


def char_batches(texts: list[str], max_docs: int, max_chars: int = BATCH_CHARS) -> Iterator[list[int]]:
    """Indices of ``texts`` in consecutive groups of at most ``max_docs`` texts and ``max_chars``
    characters (a longer single text is a group of its own): what one ``nlp.pipe`` batch parses."""
    group: list[int] = []
    size = 0
    for i, text in enumerate(texts):
        if group and (len(group) >= max_docs or size + len(text) > max_chars):
            yield group
            group, size = [], 0
        group.append(i)
        size += len(text)
    if group:
        yield group
