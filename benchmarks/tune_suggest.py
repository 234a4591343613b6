"""Grid-search the suggester's ranking weights on the synthetic DEV split only.

Usage: python benchmarks/tune_suggest.py [--grid]
Candidates and their features are computed once; each weight setting only re-scores
them (numpy). The test split is never read here, so figures reported on it stay
held out. The seed column is shown for information, not used to choose.
"""

from __future__ import annotations

import itertools
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from mtfix.context import agreement_before
from mtfix.lexicon import default_lexicon
from mtfix.models import Document
from mtfix.segment import segments
from mtfix.suggest import DEFAULT_WEIGHTS, FEATURES, RankingWeights, Suggester
from mtfix.tokenize import tokenize

CORPORA = Path(__file__).parent / "corpora"
GRID = {
    "dictionary": (-1.0, 0.0, 1.0),
    "french_frequency": (0.4, 0.8, 1.2),
    "homograph": (0.0, 0.5),
    "entry_size": (-1.0, -0.6, -0.3),
    "similarity": (0.5, 1.0, 2.0),
    "evidence": (0.5, 1.0, 2.0),
    "mutual": (0.0, 1.0, 2.0),
    "number": (0.0, 0.5, 1.0),
}


def gold_cases(suggester: Suggester, folder: Path, kinds=("easy",)):
    """(feature matrix, which rows are expected) for every gold span with candidates."""
    cases = []
    for gold_path in sorted(folder.glob("*.json")):
        text = gold_path.with_suffix(".txt").read_text(encoding="utf-8")
        tokens = tokenize(text, segments(Document(str(gold_path), text))).tokens
        for span in json.loads(gold_path.read_text(encoding="utf-8"))["spans"]:
            if span["kind"] not in kinds:
                continue
            agreement = agreement_before(text, span["start"], tokens)
            expected = {e.lower() for e in span["expected"]}
            features = suggester.features(span["text"], agreement)
            matrix = np.array([f.values for f in features]).reshape(-1, len(FEATURES))
            hits = np.array([f.word.lower() in expected for f in features], dtype=bool)
            cases.append((matrix, hits))
    return cases


def weight_vector(weights: RankingWeights) -> np.ndarray:
    return np.array([getattr(weights, name) for name in FEATURES])


def accuracy(cases, weights: RankingWeights) -> tuple[float, float]:
    vector = weight_vector(weights)
    top1 = top3 = 0
    for matrix, hits in cases:
        if not len(hits):
            continue
        order = np.argsort(-(matrix @ vector), kind="stable")[:3]
        top1 += bool(hits[order[0]])
        top3 += bool(hits[order].any())
    return top1 / len(cases), top3 / len(cases)


def fit_conditional_logit(cases, start: np.ndarray, steps: int = 400, l2: float = 0.01):
    """Maximise the softmax likelihood of the expected candidates (gradient ascent):
    the ranking model is a conditional logit, so its scores are calibrated shares."""
    usable = [(m, h) for m, h in cases if h.any()]
    weights = start.astype(float).copy()
    rate = 0.5
    for _ in range(steps):
        gradient = -l2 * weights
        for matrix, hits in usable:
            scores = matrix @ weights
            shares = np.exp(scores - scores.max())
            shares /= shares.sum()
            target = hits / hits.sum()
            gradient += matrix.T @ (target - shares)
        weights += rate * gradient / len(usable)
    return weights


def main() -> None:
    suggester = Suggester(default_lexicon())
    cases = gold_cases(suggester, CORPORA / "synthetic" / "dev")
    seed = gold_cases(suggester, CORPORA / "seed")
    print(f"{len(cases)} dev spans; current defaults: dev {accuracy(cases, DEFAULT_WEIGHTS)}")
    results = []
    grid = itertools.product(*GRID.values()) if "--grid" in sys.argv else ()
    for values in grid:
        weights = replace(DEFAULT_WEIGHTS, **dict(zip(GRID, values, strict=True)))
        results.append((accuracy(cases, weights), values))
    results.sort(reverse=True)
    for (top1, top3), values in results[:10]:
        weights = replace(DEFAULT_WEIGHTS, **dict(zip(GRID, values, strict=True)))
        seed_top1, seed_top3 = accuracy(seed, weights)
        print(
            f"dev top1 {top1:.3f} top3 {top3:.3f} | seed {seed_top1:.2f} {seed_top3:.2f}"
            f" | {dict(zip(GRID, values, strict=True))}"
        )
    fitted = fit_conditional_logit(cases, weight_vector(DEFAULT_WEIGHTS))
    fitted_weights = RankingWeights(
        **dict(zip(FEATURES, (round(float(w), 2) for w in fitted), strict=True))
    )
    print("conditional logit:", fitted_weights)
    print(f"  dev {accuracy(cases, fitted_weights)} seed {accuracy(seed, fitted_weights)}")


if __name__ == "__main__":
    main()
