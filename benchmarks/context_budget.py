"""What each context-scoring budget saves, and what it changes.

    python benchmarks/context_budget.py record OUT.json [--files 3]   # runs the model
    python benchmarks/context_budget.py replay OUT.json               # no model: seconds

``record`` checks the seed and ``--files`` synthetic dev articles with ``--context``, the
language model scoring every candidate sentence, and stores each score with the CPU time
of each scorer call. ``replay`` re-runs the same checks under smaller budgets with the
recorded scores (a sentence's score does not depend on the other candidates of its call,
up to float noise, see scorer.LlamaScorer) and prints, for each budget, the candidate
sentences scored, the recorded CPU time they cost, and how many findings and first
suggestions differ from the full budget's. Budgets: the re-ranking depth (suggester
candidates the model chooses among), the closeness gate (the model re-ranks a finding only
when the runner-up has at least that share of the first's), and the originals tried per
spinner-target word.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

CORPORA = Path(__file__).parent / "corpora"


def sample(files: int) -> list[Path]:
    seed = sorted((CORPORA / "seed").glob("*.txt"))
    synthetic = sorted((CORPORA / "synthetic" / "dev").glob("*.txt"))
    step = max(1, len(synthetic) // max(files, 1))
    return seed + synthetic[::step][:files]


class Recording:
    """The model, with every call's scores and CPU time kept."""

    def __init__(self) -> None:
        from mtfix.scorer import LlamaScorer

        self.inner = LlamaScorer()
        self.name = self.inner.name
        self.calls: list[dict] = []

    def score(self, slot, candidates: Sequence[str]) -> list[float]:
        started = time.process_time()
        scores = self.inner.score(slot, candidates)
        self.calls.append(
            {
                "slot": [slot.sentence, slot.start, slot.end],
                "scores": dict(zip(candidates, scores, strict=True)),
                "cpu": time.process_time() - started,
            }
        )
        return scores


class Replay:
    """Recorded scores; counts the candidate sentences and the CPU they cost."""

    name = "replay"

    def __init__(self, calls: list[dict]) -> None:
        self.known: dict[tuple, tuple[dict[str, float], float]] = {}
        for call in calls:
            cost = call["cpu"] / len(call["scores"])
            self.known[tuple(call["slot"])] = (call["scores"], cost)
        self.sentences = 0
        self.cpu = 0.0

    def score(self, slot, candidates: Sequence[str]) -> list[float]:
        scores, cost = self.known[(slot.sentence, slot.start, slot.end)]
        self.sentences += len(candidates)
        self.cpu += cost * len(candidates)
        return [scores[c] for c in candidates]


def check(paths: list[Path], scorer) -> dict[str, list]:
    from mtfix.document import read_document
    from mtfix.pipeline import CheckOptions, check_document
    from mtfix.scorer import CachedScorer

    cached = CachedScorer(scorer)
    found = {}
    for path in paths:
        document = read_document(str(path))
        findings = check_document(document, CheckOptions(context=True), None, cached)
        found[str(path)] = [
            (f.start, f.end, f.rule, f.suggestions[0].replacement if f.suggestions else "")
            for f in findings
        ]
    return found


def record(out: Path, files: int) -> None:
    paths = sample(files)
    scorer = Recording()
    started, cpu = time.perf_counter(), time.process_time()
    check(paths, scorer)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    out.write_text(
        json.dumps({"paths": [str(p) for p in paths], "calls": scorer.calls}), encoding="utf-8"
    )
    sentences = sum(len(c["scores"]) for c in scorer.calls)
    print(
        f"{len(paths)} files, {words:,} words: {wall:.0f} s wall, {cpu:.0f} s CPU, "
        f"{len(scorer.calls)} slots, {sentences} candidate sentences"
    )


def replay(saved: Path) -> None:
    import mtfix.spun as spun

    data = json.loads(saved.read_text(encoding="utf-8"))
    paths = [Path(p) for p in data["paths"]]
    real_spun, real_rerank = spun.spun_findings, spun.rerank_findings
    budgets = [(20, 0.0, 8), (10, 0.0, 8), (5, 0.0, 8), (20, 0.1, 8), (20, 0.0, 4)]
    budgets += [(10, 0.1, 8), (5, 0.1, 4), (5, 0.2, 4), (3, 0.2, 3)]
    full = None
    print("depth  close  originals  sentences  CPU s  findings changed  first suggestions changed")
    for depth, close, originals in budgets:
        settings = dataclasses.replace(spun.DEFAULT_SETTINGS, max_candidates=originals)
        spun.spun_findings = functools.partial(real_spun, settings=settings)
        spun.rerank_findings = functools.partial(real_rerank, depth=depth, close=close)
        scorer = Replay(data["calls"])
        try:
            found = check(paths, scorer)
        finally:
            spun.spun_findings, spun.rerank_findings = real_spun, real_rerank
        full = full or found
        spans = sum(len({f[:3] for f in found[p]} ^ {f[:3] for f in full[p]}) for p in full)
        firsts = sum(len(set(found[p]) - set(full[p])) for p in full)
        print(
            f"{depth:5}  {close:5.2f}  {originals:9}  {scorer.sentences:9}  {scorer.cpu:5.1f}"
            f"  {spans:16}  {firsts:25}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["record", "replay"])
    parser.add_argument("file", type=Path)
    parser.add_argument("--files", type=int, default=3, help="synthetic dev articles to record")
    args = parser.parse_args()
    if args.mode == "record":
        record(args.file, args.files)
    else:
        replay(args.file)


if __name__ == "__main__":
    sys.exit(main())
