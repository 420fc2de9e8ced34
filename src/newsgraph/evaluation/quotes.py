"""Quote extraction and attribution on PolNeAR, newsgraph side by side with textacy.

Data: ``../shared/data/quotes/polnear/derived/polnear_{dev,test}.jsonl.gz``, ``primary == true``
records (one annotation per article), as ``../shared/data/quotes/README.md`` prescribes.

Input to newsgraph
    The article text as-is. Paragraphs are its non-empty lines (trimmed); the Article is built
    from them directly (no ``clean`` stage) while the original offset of every paragraph is
    recorded, so each predicted offset maps back 1:1 to the gold text. Then the spaCy parse
    and the ``entities`` and ``quotes`` stages run exactly as in the pipeline.

Gold units
    * direct: the README's *quoted segments*: inside each content fragment (content and
      content2) the marks ``"`` ``“`` ``”`` ``''`` and ``\\`\\``` are paired in order; an
      unpaired opening mark runs to the end of the fragment. Each segment carries its
      attribution's source fragments.
    * indirect: every attribution whose content is not wholly quoted, i.e. not every content
      fragment (trimmed of spaces and ``,.;:``) starts and ends with a mark. This is the
      README's ``indirect`` + ``mixed`` kinds, with NYT ``''…''`` quotes counted as direct.
      The unit is the union of its content fragments.

Predictions
    * newsgraph direct: each content fragment of each ``kind="direct"`` quote (a split or
      multi-paragraph quote gives several units, like the gold segments); indirect: each
      ``kind="indirect"`` quote, one unit scored by the characters of its fragments (content
      around a parenthetical attribution is two fragments, like discontinuous gold content).
    * textacy 0.13.0 ``direct_quotations`` run per paragraph (one ``nlp`` call per line; a
      paragraph textacy rejects for an odd number of quote marks yields nothing), content span
      from quote mark to quote mark, speaker span from its first to last token. textacy has no
      indirect extractor.

Matching (README rules)
    Spans are trimmed of spaces, quote marks, apostrophes and ``,.;:!?``; pairs are matched
    one-to-one, greedily by character Jaccard, requiring Jaccard >= 0.5. quote P = matched /
    predictions, R = matched / gold units.

Speaker (on matched pairs)
    * textacy: its speaker span shares a character with a gold source fragment.
    * newsgraph: its ``speaker_text`` mention span shares a character with a gold source
      fragment, OR the gold source span overlaps a mention of the predicted speaker entity
      (``speaker_id``), i.e. the annotator's source is a mention of the same canonical entity.
    * "exact": trimmed speaker span identical to a gold source fragment (newsgraph: the
      ``speaker_text`` span).
    quote+speaker: TP = matched pairs with a correct speaker; P = TP / predictions,
    R = TP / gold units. Gold units without a source can never be a quote+speaker TP.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Optional

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "quotes" / "polnear" / "derived"

_MARKS = re.compile(r"''|``|[\"“”]")
_OPEN_MARKS = ("“", "``")
_TRIM = " \t\n\r\u00a0\"“”„‟«»'‘’`,.;:!?"
_DIRECT_TRIM = " \t\n\r\u00a0,.;:"
_DIRECT_EDGE = ('"', "“", "”", "''", "``", "„", "‟", "«", "»")

Span = tuple[int, int]


# -- data -------------------------------------------------------------------------------------
def load(split: str = "test", limit: Optional[int] = None, data_dir: Path = DATA) -> list[dict]:
    """Primary-annotator PolNeAR records of ``split`` (first ``limit`` articles)."""
    path = data_dir / f"polnear_{split}.jsonl.gz"
    if not path.exists():
        raise FileNotFoundError(f"PolNeAR data not found at {path} (see ../shared/data/quotes/README.md)")
    out: list[dict] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("primary"):
                out.append(rec)
                if limit is not None and len(out) >= limit:
                    break
    return out


def trim(text: str, start: int, end: int) -> Span:
    """Shrink ``[start, end)`` past spaces, quote marks, apostrophes and ``,.;:!?``."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def quoted_segments(text: str, frag: Span) -> list[Span]:
    """The README's quoted segments of one content fragment (marks included)."""
    s0, e0 = frag
    marks = list(_MARKS.finditer(text, s0, e0))
    out: list[Span] = []
    k = 0
    while k < len(marks):
        a = marks[k]
        if k + 1 < len(marks):
            b = marks[k + 1]
            out.append((a.start(), b.end()))
            k += 2
        else:
            out.append((a.start(), e0))
            k += 1
    return out


def _is_direct(text: str, frags: list[Span]) -> bool:
    for s, e in frags:
        t = text[s:e].strip(_DIRECT_TRIM)
        if not (t.startswith(_DIRECT_EDGE) and t.endswith(_DIRECT_EDGE)):
            return False
    return bool(frags)


def gold_units(rec: dict) -> tuple[list[dict], list[dict]]:
    """(direct segments, indirect attributions) of one record, spans trimmed."""
    text = rec["text"]
    direct: list[dict] = []
    indirect: list[dict] = []
    for att in rec["attributions"]:
        frags = [(f[0], f[1]) for f in att.get("content", []) + att.get("content2", [])]
        frags.sort()
        sources = [(f[0], f[1]) for f in att.get("source", [])]
        if not frags:
            continue
        for fr in frags:
            for seg in quoted_segments(text, fr):
                span = trim(text, *seg)
                if span[1] > span[0]:
                    direct.append({"span": span, "sources": sources, "words": len(text[span[0]:span[1]].split())})
        if not _is_direct(text, frags):
            spans = [trim(text, *f) for f in frags]
            spans = [s for s in spans if s[1] > s[0]]
            if spans:
                indirect.append({"span": (spans[0][0], spans[-1][1]), "chars": spans, "sources": sources})
    return direct, indirect


def paragraphs_of(text: str) -> list[Span]:
    """Non-empty lines of ``text``, trimmed, as (start, end) offsets."""
    out: list[Span] = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


# -- systems ----------------------------------------------------------------------------------
def _mapper(article_paras: list[Any], orig: list[Span]):
    starts = [p.start for p in article_paras]

    def to_orig(offset: int) -> int:
        import bisect

        i = max(0, bisect.bisect_right(starts, offset) - 1)
        return orig[i][0] + (offset - starts[i])

    return to_orig


def run_newsgraph(records: list[dict]) -> tuple[list[dict], dict]:
    """Predicted units per record, plus timing of the parse and of the stages."""
    from ..model import Article
    from ..nlp import get_nlp
    from ..pipeline import Work, create_stage
    from ..readers.base import RawDocument

    nlp = get_nlp()
    entities, quotes = create_stage("entities"), create_stage("quotes")
    works = []
    maps = []
    for rec in records:
        text = rec["text"]
        paras = paragraphs_of(text)
        art = Article(language="en")
        art.set_paragraphs([text[s:e] for s, e in paras])
        works.append(Work(article=art, raw=RawDocument(text=text)))
        maps.append(_mapper(art.paragraphs, paras))
    t0 = time.perf_counter()
    docs = list(nlp.pipe([w.article.text for w in works], batch_size=16))
    t_parse = time.perf_counter() - t0
    t_ent = t_quotes = 0.0
    out: list[dict] = []
    for w, d, to_orig in zip(works, docs, maps):
        w.doc = d
        t1 = time.perf_counter()
        entities(w)
        t2 = time.perf_counter()
        quotes(w)
        t3 = time.perf_counter()
        t_ent += t2 - t1
        t_quotes += t3 - t2
        infos = w.scratch.get("quote_spans", [])
        ent_mentions = {e.id: [(to_orig(m.start), to_orig(m.end)) for m in e.mentions] for e in w.article.entities}
        direct, indirect = [], []
        for q, info in zip(w.article.quotes, infos):
            sp = (to_orig(info.speaker_span[0]), to_orig(info.speaker_span[1])) if info.speaker_span else None
            mentions = ent_mentions.get(q.speaker_id, []) if q.speaker_id else []
            frags = [(to_orig(a), to_orig(b)) for a, b in info.fragments]
            if q.kind == "direct":
                for span in frags:
                    direct.append({"span": span, "speaker": sp, "mentions": mentions, "speaker_name": q.speaker})
            elif frags:
                # one unit per reported quote; content around a parenthetical attribution is
                # several fragments, scored by their characters only (like discontinuous gold)
                indirect.append({"span": (frags[0][0], frags[-1][1]), "chars": frags, "speaker": sp,
                                 "mentions": mentions, "speaker_name": q.speaker})
        out.append({"direct": direct, "indirect": indirect})
    return out, {"parse_s": t_parse, "entities_s": t_ent, "quotes_s": t_quotes}


def run_textacy(records: list[dict]) -> tuple[list[dict], dict]:
    """textacy ``direct_quotations`` per paragraph (one ``nlp`` call per non-empty line)."""
    from textacy.extract.triples import direct_quotations

    from ..nlp import get_nlp

    nlp = get_nlp()
    items = []
    for ri, rec in enumerate(records):
        for s, e in paragraphs_of(rec["text"]):
            items.append((rec["text"][s:e], (ri, s)))
    out: list[dict] = [{"direct": [], "indirect": []} for _ in records]
    rejected = 0
    for doc, (ri, base) in nlp.pipe(items, as_tuples=True, batch_size=64):
        try:
            triples = list(direct_quotations(doc))
        except ValueError:
            rejected += 1
            continue
        for tr in triples:
            sp = None
            if tr.speaker:
                a = min(t.idx for t in tr.speaker)
                b = max(t.idx + len(t.text) for t in tr.speaker)
                sp = (base + a, base + b)
            c = tr.content
            out[ri]["direct"].append({"span": (base + c.start_char, base + c.end_char), "speaker": sp,
                                      "mentions": [], "speaker_name": None})
    return out, {"paragraphs": len(items), "rejected_paragraphs": rejected}


# -- scoring ----------------------------------------------------------------------------------
def _chars(spans: Iterable[Span]) -> set[int]:
    out: set[int] = set()
    for a, b in spans:
        out.update(range(a, b))
    return out


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _speaker_ok(text: str, pred: dict, gold: dict) -> tuple[bool, bool]:
    """(overlap-correct, exact-correct) speaker of a matched pair."""
    srcs = gold["sources"]
    if not srcs:
        return False, False
    sp = pred.get("speaker")
    overlap = bool(sp) and any(_overlaps(sp, s) for s in srcs)
    if not overlap and pred.get("mentions"):
        overlap = any(_overlaps(m, s) for m in pred["mentions"] for s in srcs)
    exact = bool(sp) and any(trim(text, *sp) == trim(text, *s) for s in srcs)
    return overlap, exact


def match(text: str, preds: list[dict], golds: list[dict], threshold: float = 0.5) -> list[tuple[int, int]]:
    """One-to-one greedy matching by character Jaccard of trimmed spans (>= ``threshold``)."""
    pc = [_chars(trim(text, *f) for f in p.get("chars", [p["span"]])) for p in preds]
    gc = [_chars(g.get("chars", [g["span"]])) for g in golds]
    pairs = []
    for i, ps in enumerate(pc):
        if not ps:
            continue
        for j, gs in enumerate(gc):
            inter = len(ps & gs)
            if inter:
                jac = inter / len(ps | gs)
                if jac >= threshold:
                    pairs.append((jac, i, j))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def _prf(tp_p: int, npred: int, tp_r: int, ngold: int) -> dict:
    p = tp_p / npred if npred else 0.0
    r = tp_r / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(100 * p, 1), "r": round(100 * r, 1), "f1": round(100 * f, 1)}


def score(records: list[dict], preds: list[dict], kind: str, min_words: int = 0) -> dict:
    """Quote-span and quote+speaker P/R/F1 for ``kind`` ("direct" or "indirect").

    ``min_words`` keeps only gold units of at least that many words for recall; as in the
    README's "≥4w" rows, a prediction may still match any gold unit when precision is counted.
    """
    n_pred = n_gold = m = sp_ok = sp_exact = m_p = sp_ok_p = sp_exact_p = 0
    for rec, pr in zip(records, preds):
        text = rec["text"]
        gd, gi = gold_units(rec)
        golds = gd if kind == "direct" else gi
        ps = pr[kind]
        n_pred += len(ps)
        n_gold += sum(1 for g in golds if g.get("words", min_words) >= min_words)
        for i, j in match(text, ps, golds):
            # precision counts matches with any gold unit; recall only the units kept by min_words
            counted = golds[j].get("words", min_words) >= min_words
            m_p += 1
            m += counted
            ok, ex = _speaker_ok(text, ps[i], golds[j])
            sp_ok_p += ok
            sp_ok += ok and counted
            sp_exact_p += ex
            sp_exact += ex and counted
    return {
        "pred": n_pred, "gold": n_gold, "matched": m,
        "quote": _prf(m_p, n_pred, m, n_gold),
        "speaker_acc": round(100 * sp_ok_p / m_p, 1) if m_p else 0.0,
        "speaker_exact_acc": round(100 * sp_exact_p / m_p, 1) if m_p else 0.0,
        "quote_speaker": _prf(sp_ok_p, n_pred, sp_ok, n_gold),
        "quote_speaker_exact": _prf(sp_exact_p, n_pred, sp_exact, n_gold),
    }


def run(split: str = "test", limit: Optional[int] = None, textacy: bool = True) -> dict:
    """Score newsgraph (and textacy) on PolNeAR ``split``; returns a nested dict of metrics."""
    records = load(split, limit)
    ng, timing = run_newsgraph(records)
    result: dict[str, Any] = {
        "split": split, "articles": len(records), "date": date.today().isoformat(),
        "newsgraph": {"direct": score(records, ng, "direct"),
                      "direct_4w": score(records, ng, "direct", min_words=4),
                      "indirect": score(records, ng, "indirect")},
        "timing": {k: round(v, 3) for k, v in timing.items()},
    }
    if textacy:
        tx, info = run_textacy(records)
        result["textacy"] = {"direct": score(records, tx, "direct"),
                             "direct_4w": score(records, tx, "direct", min_words=4),
                             "indirect": score(records, tx, "indirect"), **info}
    return result


def table_rows(result: dict) -> list[list[str]]:
    """Rows for a Markdown table: system, unit, quote P/R/F1, speaker acc, quote+speaker P/R/F1."""
    rows = []
    for system in ("newsgraph", "textacy"):
        if system not in result:
            continue
        for unit in ("direct", "direct_4w", "indirect"):
            s = result[system][unit]
            q, qs, qx = s["quote"], s["quote_speaker"], s["quote_speaker_exact"]
            rows.append([system, unit.replace("_4w", " (gold ≥4 words)"), f"{s['pred']}/{s['gold']}",
                         f"{q['p']} / {q['r']} / **{q['f1']}**", f"{s['speaker_acc']} / {s['speaker_exact_acc']}",
                         f"{qs['p']} / {qs['r']} / **{qs['f1']}**", f"{qx['f1']}"])
    return rows


TABLE_HEADERS = ["system", "unit", "pred/gold", "quote P / R / F1 (J≥.5)", "speaker acc. overlap / exact",
                 "quote+speaker P / R / F1 (overlap)", "quote+speaker F1 (exact)"]
