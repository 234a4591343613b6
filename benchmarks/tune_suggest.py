"""Grid-search the suggester's ranking weights on the synthetic DEV split only.

Usage: python benchmarks/tune_suggest.py
Candidates and their features are computed once; each weight setting only re-scores
them. The test split is never read here, so figures reported on it stay held out.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from pathlib import Path

from mtfix.context import agreement_before
from mtfix.lexicon import default_lexicon
from mtfix.models import Document
from mtfix.segment import segments
from mtfix.suggest import DEFAULT_WEIGHTS, Suggester, rank_features
from mtfix.tokenize import tokenize

CORPORA = Path(__file__).parent / "corpora"
GRID = {
    "dictionary": (-1.0, 0.0, 1.0),
    "french_frequency": (0.4, 0.8, 1.2),
    "homograph": (0.0, 0.5, 1.0),
    "entry_size": (-1.0, -0.6, -0.3),
    "similarity": (0.5, 1.0, 2.0),
    "evidence": (0.5, 1.0, 2.0),
}


def gold_cases(suggester: Suggester, folder: Path, kinds=("easy",)):
    for gold_path in sorted(folder.glob("*.json")):
        text = gold_path.with_suffix(".txt").read_text(encoding="utf-8")
        tokens = tokenize(text, segments(Document(str(gold_path), text))).tokens
        for span in json.loads(gold_path.read_text(encoding="utf-8"))["spans"]:
            if span["kind"] in kinds:
                agreement = agreement_before(text, span["start"], tokens)
                expected = {e.lower() for e in span["expected"]}
                yield suggester.features(span["text"], agreement), expected


def accuracy(cases, weights) -> tuple[float, float]:
    top1 = top3 = 0
    for features, expected in cases:
        ranked = [word.lower() for word, _, _ in rank_features(features, weights)[:3]]
        top1 += bool(ranked and ranked[0] in expected)
        top3 += bool(expected & set(ranked))
    return top1 / len(cases), top3 / len(cases)


def main() -> None:
    suggester = Suggester(default_lexicon())
    cases = list(gold_cases(suggester, CORPORA / "synthetic" / "dev"))
    seed = list(gold_cases(suggester, CORPORA / "seed"))
    print(f"{len(cases)} dev spans; default weights: dev {accuracy(cases, DEFAULT_WEIGHTS)}")
    results = []
    for values in itertools.product(*GRID.values()):
        weights = replace(DEFAULT_WEIGHTS, **dict(zip(GRID, values, strict=False)))
        results.append((accuracy(cases, weights), values))
    results.sort(reverse=True)
    for (top1, top3), values in results[:10]:
        weights = replace(DEFAULT_WEIGHTS, **dict(zip(GRID, values, strict=False)))
        seed_top1, seed_top3 = accuracy(seed, weights)
        print(
            f"dev top1 {top1:.3f} top3 {top3:.3f} | seed {seed_top1:.2f} {seed_top3:.2f}"
            f" | {dict(zip(GRID, values, strict=False))}"
        )


if __name__ == "__main__":
    main()
