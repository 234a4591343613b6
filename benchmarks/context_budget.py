"""What each context-scoring budget saves, and what it changes.

    python benchmarks/context_budget.py record OUT.json [--files 3]   # runs the model
    python benchmarks/context_budget.py replay OUT.json               # no model: seconds

``record`` checks the seed and ``--files`` synthetic dev articles with ``--context``, the
language model scoring every candidate sentence (and each sentence read up to the slot
only, ``Slot.left_only``), and stores each score with the CPU time of each scorer call.
``replay`` re-runs the same checks under smaller budgets with the recorded scores (a
sentence's score does not depend on the other candidates of its call, up to float noise,
see scorer.LlamaScorer) and prints, for each budget, the candidate sentences scored, the
recorded CPU time they cost, and how many findings and first suggestions differ from the
full budget's. Budgets: the re-ranking depth (suggester candidates the model chooses
among), the closeness gate (the model re-ranks a finding only when the runner-up has at
least that share of the first's), the originals tried per spinner-target word, the
re-ranking shortlist (candidates read whole, the best read up to the slot) and the spinner
allowance (originals read whole: those within it of the margin when read up to the slot).
``--budget`` replays one more budget.
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
        if slot.end < len(slot.sentence):
            self._record(slot.left_only(), candidates)
        return self._record(slot, candidates)

    def _record(self, slot, candidates: Sequence[str]) -> list[float]:
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
    """Recorded scores; counts the candidate sentences and the CPU they cost. A slot read
    up to the word may be asked, through the cache, with candidates of two findings whose
    sentences begin alike (the recording read them apart): a KeyError, and that file is
    left out of the comparison under that budget."""

    name = "replay"

    def __init__(self, calls: list[dict]) -> None:
        self.known: dict[tuple, tuple[dict[str, float], float]] = {}
        for call in calls:
            # A slot asked again with other candidates (another file, another budget):
            # its scores are merged, relative to the same shared prefix up to float noise.
            cost = call["cpu"] / len(call["scores"])
            scores, _ = self.known.get(tuple(call["slot"]), ({}, 0.0))
            self.known[tuple(call["slot"])] = ({**scores, **call["scores"]}, cost)
        self.sentences = 0
        self.cpu = 0.0

    def score(self, slot, candidates: Sequence[str]) -> list[float]:
        scores, cost = self.known[(slot.sentence, slot.start, slot.end)]
        self.sentences += len(candidates)
        self.cpu += cost * len(candidates)
        return [scores[c] for c in candidates]


def check(paths: list[Path], scorer, budget: Budget) -> dict[str, list]:
    """The findings of each file (span, rule, first suggestion) under ``budget``."""
    import mtfix.spun as spun
    from mtfix.document import read_document
    from mtfix.pipeline import CheckOptions, check_document
    from mtfix.scorer import CachedScorer

    real_spun, real_rerank = spun.spun_findings, spun.rerank_findings
    settings = dataclasses.replace(
        spun.DEFAULT_SETTINGS, max_candidates=budget.originals, left_only_allowance=budget.allowance
    )
    spun.spun_findings = functools.partial(real_spun, settings=settings)
    spun.rerank_findings = functools.partial(
        real_rerank, depth=budget.depth, close=budget.close, shortlist=budget.shortlist
    )
    cached = CachedScorer(scorer)
    found = {}
    try:
        for path in paths:
            document = read_document(str(path))
            try:
                findings = check_document(document, CheckOptions(context=True), None, cached)
            except KeyError:  # replay: a sentence the recording never scored (see Replay)
                found[str(path)] = None
                continue
            found[str(path)] = [
                (f.start, f.end, f.rule, f.suggestions[0].replacement if f.suggestions else "")
                for f in findings
            ]
    finally:
        spun.spun_findings, spun.rerank_findings = real_spun, real_rerank
    return found


def record(out: Path, files: int) -> None:
    paths = sample(files)
    scorer = Recording()
    started, cpu = time.perf_counter(), time.process_time()
    check(paths, scorer, BUDGETS[0])
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


@dataclasses.dataclass(frozen=True)
class Budget:
    depth: int  # suggester candidates the model chooses among
    close: float  # closeness gate
    originals: int  # per spinner-target word
    shortlist: int | None = None  # re-ranking candidates read whole
    allowance: float | None = None  # spinner originals read whole: within this of the margin

    @classmethod
    def parse(cls, text: str) -> Budget:
        depth, close, originals, shortlist, allowance = text.split(",")
        return cls(
            int(depth),
            float(close),
            int(originals),
            int(shortlist) if shortlist else None,
            float(allowance) if allowance else None,
        )


BUDGETS = [
    Budget(20, 0.0, 8),
    Budget(10, 0.0, 8),
    Budget(5, 0.0, 8),
    Budget(20, 0.1, 8),
    Budget(20, 0.0, 4),
    Budget(10, 0.1, 8),
    Budget(5, 0.1, 4),
    Budget(3, 0.2, 3),
    Budget(20, 0.0, 8, 8),
    Budget(20, 0.0, 8, 5),
    Budget(20, 0.0, 8, None, 3.0),
    Budget(20, 0.0, 8, None, 2.0),
    Budget(20, 0.0, 8, None, 1.0),
    Budget(20, 0.0, 8, 5, 2.0),
]


def replay(saved: Path, extra: Sequence[Budget] = ()) -> None:
    data = json.loads(saved.read_text(encoding="utf-8"))
    paths = [Path(p) for p in data["paths"]]
    full = None
    print(
        "depth  close  originals  shortlist  allowance  sentences  CPU s  findings changed"
        "  first suggestions changed"
    )
    for budget in [*BUDGETS, *extra]:
        scorer = Replay(data["calls"])
        found = check(paths, scorer, budget)
        full = full or found
        both = [p for p in full if found[p] is not None and full[p] is not None]
        spans = sum(len({f[:3] for f in found[p]} ^ {f[:3] for f in full[p]}) for p in both)
        firsts = sum(len(set(found[p]) - set(full[p])) for p in both)
        if len(both) < len(full):
            skipped = ", ".join(Path(p).name for p in full if p not in both)
            print(f"(not replayable under the next budget: {skipped})")
        print(
            f"{budget.depth:5}  {budget.close:5.2f}  {budget.originals:9}"
            f"  {budget.shortlist or '-':>9}  {budget.allowance or '-':>9}"
            f"  {scorer.sentences:9}  {scorer.cpu:5.1f}  {spans:16}  {firsts:25}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["record", "replay"])
    parser.add_argument("file", type=Path)
    parser.add_argument("--files", type=int, default=3, help="synthetic dev articles to record")
    parser.add_argument(
        "--budget",
        action="append",
        type=Budget.parse,
        default=[],
        help="depth,close,originals,shortlist,allowance (the last two may be empty)",
    )
    args = parser.parse_args()
    if args.mode == "record":
        record(args.file, args.files)
    else:
        replay(args.file, args.budget)


if __name__ == "__main__":
    sys.exit(main())
