"""Event coding on the OEDA gold sentences (``../shared/data/events/``), with two baselines.

Data (read at run time, never copied): ``plover_gsr_cameo.json.gz`` (322 sentences coded with
one PLOVER 0.5 category, source and target actors) and ``petr2_gsr_validation.xml.gz``
(78 AFP sentences with CAMEO codings or "no event").

Each sentence is one paragraph of an Article (no ``clean`` stage, so no title detection);
the spaCy parse and the ``entities``, ``quotes`` and ``events`` stages run as in the pipeline.

Splits: there is no official one. The PLOVER records alternate: even positions (0, 2, …)
are the dev split used for tuning, odd positions the test split; PETR2 is test only.

PLOVER
    The category of a CAMEO code comes from its root, by this module's table (written from the
    PLOVER 0.5 category definitions: 02 appeal and 10 demand -> DEMAND; 080-083 -> CONCEDE,
    084-087 -> RETREAT; 18 and 20 -> ASSAULT, 19 -> FIGHT; 01 statements have no category).
    A sentence's prediction is the category of its first event that has one ("NONE" if none).
    Reported: accuracy, macro F1 over the gold categories, and "FIGHT = ASSAULT" accuracy (the
    README notes that current PLOVER merges them); for sentences with the right category, how
    often the event's source (target) overlaps a gold source (target) actor text.
PETR2 validation
    Root-code hit rate: a sentence with gold codings is a hit when a predicted event has the
    root (first two digits) of a gold coding; a "no event" sentence is right when nothing is
    predicted. Actor codes (USAGOV, …) need actor dictionaries newsgraph does not have, so exact
    triples are not scored.
Baselines, same run
    * majority: always the most frequent gold category;
    * root-verb lexicon: the lexicon entry of the sentence's root verb lemma alone (no phrases,
      no complements, no actors), i.e. what the lexicon gives without the stage's structure.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any, Optional

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "events"

#: CAMEO root (or 3-digit prefix) -> PLOVER 0.5 category
PLOVER_OF: dict[str, str] = {
    "02": "DEMAND", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
    "080": "CONCEDE", "081": "CONCEDE", "082": "CONCEDE", "083": "CONCEDE",
    "084": "RETREAT", "085": "RETREAT", "086": "RETREAT", "087": "RETREAT",
    "09": "INVESTIGATE", "10": "DEMAND", "11": "DISAPPROVE", "12": "REJECT", "13": "THREATEN",
    "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT",
    "19": "FIGHT", "20": "ASSAULT",
}


def plover_category(code: Optional[str]) -> Optional[str]:
    """PLOVER 0.5 category of a CAMEO code (None for 01 statements and unknown codes)."""
    if not code:
        return None
    return PLOVER_OF.get(code[:3]) or PLOVER_OF.get(code[:2])


def load_plover(data_dir: Path = DATA) -> list[dict]:
    """The PLOVER gold records: ``{"text", "event", "sources": [...], "targets": [...]}``."""
    raw = json.loads(gzip.open(data_dir / "plover_gsr_cameo.json.gz", "rt", encoding="utf-8").read())
    out = []
    for r in raw:
        if not isinstance(r, dict) or "text" not in r or r.get("event") in (None, "DOCUMENT"):
            continue

        def texts(key: str) -> list[str]:
            v = r.get(key)
            return [a.get("actorText", "") for a in v if isinstance(a, dict)] if isinstance(v, list) else []

        out.append({"text": r["text"], "event": r["event"], "sources": texts("source"), "targets": texts("target")})
    return out


_SENT = re.compile(r"<Sentence\b[^>]*>(.*?)(?=<Sentence\b|</Sentences>)", re.S)
_CODING = re.compile(r'<EventCoding\s+eventcode="([^"]*)"')
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)


def load_petr2(data_dir: Path = DATA) -> list[dict]:
    """PETR2 validation sentences: ``{"text", "roots": set of gold root codes (empty: no event)}``."""
    xml = gzip.open(data_dir / "petr2_gsr_validation.xml.gz", "rt", encoding="utf-8").read()
    out = []
    for m in _SENT.finditer(xml):
        body = m.group(1)
        t = _TEXT.search(body)
        if not t:
            continue
        codes = _CODING.findall(body)
        out.append({"text": " ".join(t.group(1).split()), "roots": {c[:2] for c in codes if c}})
    return out


def analyse_sentences(texts: list[str]) -> list[tuple[Any, Any]]:
    """(Article, Doc) for each sentence, through entities, quotes and events."""
    from ..model import Article
    from ..nlp import get_nlp
    from ..pipeline import Work, create_stage
    from ..readers.base import RawDocument

    nlp = get_nlp()
    stages = [create_stage(n) for n in ("entities", "quotes", "events")]
    out = []
    arts = []
    for text in texts:
        art = Article(language="en")
        art.set_paragraphs([text])
        arts.append(art)
    for art, doc in zip(arts, nlp.pipe([a.text for a in arts], batch_size=32)):
        work = Work(article=art, raw=RawDocument(text=art.text))
        work.doc = doc
        for stage in stages:
            stage(work)
        out.append((art, doc))
    return out


def _overlaps(a: Optional[str], golds: list[str]) -> bool:
    if not a:
        return False
    low = a.lower()
    return any(g and (g.lower() in low or low in g.lower()) for g in golds)


def _macro_f1(gold: list[str], pred: list[str]) -> float:
    f1s = []
    for c in sorted(set(gold)):
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def _root_code(doc: Any) -> Optional[str]:
    """The lexicon code of the sentence's root verb lemma alone (the baseline)."""
    from ..pipeline.event_lexicon import VERBS

    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    return VERBS.get(root.lemma_.lower()) if root is not None else None


def _plover_scores(gold: list[str], pred: list[str]) -> dict:
    merge = {"FIGHT": "ASSAULT"}
    n = len(gold)
    return {
        "accuracy": round(100 * sum(g == p for g, p in zip(gold, pred)) / n, 1),
        "accuracy_fight_is_assault": round(
            100 * sum(merge.get(g, g) == merge.get(p, p) for g, p in zip(gold, pred)) / n, 1),
        "macro_f1": round(100 * _macro_f1(gold, pred), 1),
        "coded": round(100 * sum(p != "NONE" for p in pred) / n, 1),
    }


def run(split: str = "test", data_dir: Path = DATA, limit: Optional[int] = None) -> dict:
    """Score newsgraph and the two baselines on the PLOVER ``split`` (dev: records 0, 2, 4, …;
    test: 1, 3, 5, …) and on PETR2 (a test set only); returns a nested dict of metrics."""
    plover = load_plover(data_dir)[{"dev": 0, "test": 1}[split]::2][:limit]
    analysed = analyse_sentences([r["text"] for r in plover])
    gold = [r["event"] for r in plover]
    pred, src_ok, tgt_ok, right = [], 0, 0, 0
    for rec, (art, _) in zip(plover, analysed):
        ev = next((e for e in art.events if plover_category(e.cameo)), None)
        cat = plover_category(ev.cameo) if ev else "NONE"
        pred.append(cat)
        if ev is not None and cat == rec["event"]:
            right += 1
            src_ok += _overlaps(ev.source, rec["sources"])
            tgt_ok += _overlaps(ev.target, rec["targets"] or rec["sources"])
    majority = Counter(gold).most_common(1)[0][0]
    root_pred = [plover_category(_root_code(doc)) or "NONE" for _, doc in analysed]
    result: dict[str, Any] = {"split": split, "plover": {
        "sentences": len(plover),
        "newsgraph": dict(_plover_scores(gold, pred),
                          source_overlap=round(100 * src_ok / right, 1) if right else 0.0,
                          target_overlap=round(100 * tgt_ok / right, 1) if right else 0.0),
        "root-verb lexicon": _plover_scores(gold, root_pred),
        f"majority ({majority})": _plover_scores(gold, [majority] * len(gold)),
    }}
    if split != "test":
        return result  # PETR2 is kept for the final test figures
    petr = load_petr2(data_dir)[:limit]
    analysed = analyse_sentences([r["text"] for r in petr])
    rows = {}
    for name, roots_of in (
        ("newsgraph", lambda art, doc: {e.cameo[:2] for e in art.events if e.cameo}),
        ("root-verb lexicon", lambda art, doc: {c[:2] for c in [_root_code(doc)] if c}),
    ):
        hit = ev_n = none_ok = none_n = 0
        for rec, (art, doc) in zip(petr, analysed):
            got = roots_of(art, doc)
            if rec["roots"]:
                ev_n += 1
                hit += bool(got & rec["roots"])
            else:
                none_n += 1
                none_ok += not got
        rows[name] = {"event_sentences": ev_n, "root_hit": round(100 * hit / ev_n, 1) if ev_n else 0.0,
                      "no_event_sentences": none_n,
                      "no_event_right": round(100 * none_ok / none_n, 1) if none_n else 0.0}
    result["petr2"] = rows
    return result


def table_rows(result: dict) -> tuple[list[str], list[list[str]], list[str], list[list[str]]]:
    """(PLOVER headers, rows, PETR2 headers, rows) for printing."""
    ph = ["system", "accuracy", "accuracy (FIGHT = ASSAULT)", "macro F1", "coded", "source overlap",
          "target overlap"]
    prow = []
    for name, s in result["plover"].items():
        if name == "sentences":
            continue
        prow.append([name, s["accuracy"], s["accuracy_fight_is_assault"], s["macro_f1"], s["coded"],
                     s.get("source_overlap", "—"), s.get("target_overlap", "—")])
    th = ["system", "event sentences", "root hit %", "no-event sentences", "no-event right %"]
    trow = [[n, s["event_sentences"], s["root_hit"], s["no_event_sentences"], s["no_event_right"]]
            for n, s in result.get("petr2", {}).items()]
    return ph, prow, th, trow
