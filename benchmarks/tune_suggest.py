"""Fit the damage model's weights on the DEV split of the damage generators only.

    python benchmarks/tune_suggest.py [--fit GENERATOR ...]

Default: fitted on the dev splits of the four generators, ``damage/broad``,
``damage/wordnet``, ``damage/untranslated`` and ``synthetic`` (benchmarks/spinner.py);
the seed is never fitted on, nor is any test split. ``--fit`` chooses other dev folders:
leave one generator out (e.g. ``--fit damage/broad/dev --fit damage/wordnet/dev --fit
damage/untranslated/dev``) to see how the model does on a generator it was not fitted
on; it is then reported as held out. Candidates and their features are computed once per gold
span (with the slot and the document's other words, as ``mtfix check`` sees them); the
fit maximises the likelihood of the expected candidate under the mixture of hypotheses
(``suggest.score_candidate``), with each document's share of spinner damage
re-estimated from its spans between rounds. Prints dev top-1/top-3 per corpus for the
current and the fitted weights, and the fitted weights to paste into ``RankingWeights``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np

from mtfix.lexicon import default_lexicon
from mtfix.models import Document, Finding
from mtfix.segment import segments
from mtfix.slot import DocumentWords, slot_of
from mtfix.suggest import (
    DEFAULT_WEIGHTS,
    NEUTRAL_PRIOR,
    PRIOR_LIMIT,
    PRIOR_PSEUDO_COUNT,
    PRIOR_ROUNDS,
    SLOT_FEATURES,
    SPIN_FEATURES,
    TRANSLATION_FEATURES,
    RankingWeights,
    Suggester,
    normalise,
    shared_candidates,
    thesaurus_profile,
)
from mtfix.tokenize import tokenize

CORPORA = Path(__file__).parent / "corpora"
FITTED_ON = (
    "damage/broad/dev",
    "damage/wordnet/dev",
    "damage/untranslated/dev",
    "synthetic/dev",
)
REPORTED = FITTED_ON  # each reported, fitted on or held out
NAMES = (*SPIN_FEATURES, *TRANSLATION_FEATURES, *SLOT_FEATURES, "spin_bias")
SPIN = slice(0, len(SPIN_FEATURES))
TRANSLATION = slice(SPIN.stop, SPIN.stop + len(TRANSLATION_FEATURES))
SLOT = slice(TRANSLATION.stop, TRANSLATION.stop + len(SLOT_FEATURES))
BIAS = len(NAMES) - 1


@dataclass
class Case:
    """One gold span: its candidates' features by part, which are expected, its document."""

    spin: np.ndarray
    has_spin: np.ndarray
    translation: np.ndarray
    has_translation: np.ndarray
    slot: np.ndarray
    hits: np.ndarray
    document: int


def gold_cases(
    suggester: Suggester,
    folder: Path,
    first_document: int = 0,
    before_span: Callable[[Path, dict | None], None] | None = None,
) -> list[Case]:
    """``before_span(gold_path, span)``: called before the features of each easy span are
    read, and with ``None`` once the document's easy spans are read (a benchmark that
    changes what the suggester sees per span: ``coverage_shift.py``)."""
    cases = []
    for number, gold_path in enumerate(sorted(folder.glob("*.json")), start=first_document):
        text = gold_path.with_suffix(".txt").read_text(encoding="utf-8")
        tokens = tokenize(text, segments(Document(str(gold_path), text))).tokens
        spans = [s for s in json.loads(gold_path.read_text("utf-8"))["spans"]]
        flagged = [Finding(s["start"], s["end"], s["text"], "gold", 1.0, "") for s in spans]
        document = DocumentWords.of(tokens, flagged, text)
        easy = []
        for span in spans:
            if span["kind"] != "easy":
                continue
            if before_span is not None:
                before_span(gold_path, span)
            slot = slot_of(text, span["start"], span["end"], tokens, document)
            features = suggester.features(span["text"], slot)
            if features:
                easy.append((span, features))
        if before_span is not None:
            before_span(gold_path, None)
        profile = thesaurus_profile(features for _, features in easy)
        by_phrase = {normalise(span["text"]): features for span, features in easy}
        for span in spans:  # the hard ones too: mtfix check finds English words of both
            if normalise(span["text"]) not in by_phrase:
                by_phrase[normalise(span["text"])] = suggester.features(span["text"])
        votes = shared_candidates(by_phrase)
        for span, features in easy:
            features = [f.with_profile(profile, votes[f.word] - 1) for f in features]
            expected = {e.lower() for e in span["expected"]}
            cases.append(
                Case(
                    np.array([f.spin or (0.0,) * len(SPIN_FEATURES) for f in features]),
                    np.array([f.spin is not None for f in features]),
                    np.array(
                        [f.translation or (0.0,) * len(TRANSLATION_FEATURES) for f in features]
                    ),
                    np.array([f.translation is not None for f in features]),
                    np.array([f.slot for f in features]),
                    np.array([f.word.lower() in expected for f in features]),
                    number,
                )
            )
    return cases


@dataclass
class Batch:
    """Cases stacked into one array per part (a row per candidate), so that each step
    of the fit is a few matrix products instead of a loop over the cases."""

    spin: np.ndarray
    has_spin: np.ndarray
    translation: np.ndarray
    has_translation: np.ndarray
    slot: np.ndarray
    hits: np.ndarray
    case: np.ndarray  # the case of each row
    starts: np.ndarray  # the first row of each case
    documents: np.ndarray  # each case's document, numbered 0..

    @classmethod
    def of(cls, cases: list[Case]) -> Batch:
        sizes = np.array([len(c.hits) for c in cases])
        _, documents = np.unique([c.document for c in cases], return_inverse=True)
        return cls(
            np.concatenate([c.spin for c in cases]),
            np.concatenate([c.has_spin for c in cases]),
            np.concatenate([c.translation for c in cases]),
            np.concatenate([c.has_translation for c in cases]),
            np.concatenate([c.slot for c in cases]),
            np.concatenate([c.hits for c in cases]).astype(float),
            np.repeat(np.arange(len(cases)), sizes),
            np.concatenate(([0], np.cumsum(sizes)[:-1])),
            documents,
        )

    def scores(self, theta: np.ndarray, priors: np.ndarray):
        """Log scores of the rows and the spin posterior of each, given each case's
        document prior (``priors``, per case)."""
        prior = priors[self.case]
        with np.errstate(divide="ignore"):
            spin = np.where(
                self.has_spin, np.log(prior) + theta[BIAS] + self.spin @ theta[SPIN], -np.inf
            )
            translation = np.where(
                self.has_translation,
                np.log(1 - prior) + self.translation @ theta[TRANSLATION],
                -np.inf,
            )
        mixed = np.logaddexp(spin, translation)
        return self.slot @ theta[SLOT] + mixed, np.exp(spin - mixed)

    def shares(self, log_scores: np.ndarray) -> np.ndarray:
        """Softmax of the rows within each case."""
        top = np.maximum.reduceat(log_scores, self.starts)
        weights = np.exp(log_scores - top[self.case])
        return weights / np.add.reduceat(weights, self.starts)[self.case]

    def document_priors(self, theta: np.ndarray) -> np.ndarray:
        """Each case's document share of spin damage, as ``Suggester.spin_prior``
        estimates it."""
        counts = np.bincount(self.documents).astype(float)
        priors = np.full(len(self.starts), NEUTRAL_PRIOR)
        for _ in range(PRIOR_ROUNDS):
            log_scores, spin_share = self.scores(theta, priors)
            case_shares = np.add.reduceat(self.shares(log_scores) * spin_share, self.starts)
            total = np.bincount(self.documents, weights=case_shares)
            prior = (PRIOR_PSEUDO_COUNT * NEUTRAL_PRIOR + total) / (PRIOR_PSEUDO_COUNT + counts)
            priors = np.clip(prior, PRIOR_LIMIT, 1 - PRIOR_LIMIT)[self.documents]
        return priors


def fit(cases: list[Case], theta: np.ndarray, rounds: int = 3, steps: int = 150, l2=0.01):
    batch = Batch.of([c for c in cases if c.hits.any()])
    theta = theta.astype(float).copy()
    rate = 0.3
    cases_count = len(batch.starts)
    expected = batch.hits / np.add.reduceat(batch.hits, batch.starts)[batch.case]
    for _ in range(rounds):
        priors = batch.document_priors(theta)
        for _ in range(steps):
            log_scores, spin_share = batch.scores(theta, priors)
            residual = expected - batch.shares(log_scores)
            gradient = -l2 * theta
            gradient[SLOT] += batch.slot.T @ residual
            gradient[SPIN] += batch.spin.T @ (residual * spin_share)
            gradient[TRANSLATION] += batch.translation.T @ (residual * (1 - spin_share))
            gradient[BIAS] += residual @ spin_share
            theta += rate * gradient / cases_count
    return theta


def accuracy(cases: list[Case], theta: np.ndarray) -> tuple[float, float]:
    if not cases:
        return 0.0, 0.0
    batch = Batch.of(cases)
    log_scores, _ = batch.scores(theta, batch.document_priors(theta))
    # Best first within each case; ties keep the candidates' order, as argsort(stable).
    order = np.lexsort((np.arange(len(log_scores)), -log_scores, batch.case))
    rank = np.arange(len(order)) - batch.starts[batch.case[order]]
    hits = batch.hits[order] > 0
    top1 = hits[rank == 0].sum()
    top3 = np.add.reduceat((hits & (rank < 3)).astype(int), batch.starts) > 0
    return top1 / len(cases), top3.sum() / len(cases)


def vector(weights: RankingWeights) -> np.ndarray:
    return np.array([getattr(weights, name) for name in NAMES])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fit", action="append", help="corpus folders fitted on (dev only)")
    parser.add_argument("--steps", type=int, default=600, help="gradient steps per round")
    parser.add_argument(
        "--from-scratch",
        action="store_true",
        help="start from zero weights (locution kept), not the shipped ones, which saw "
        "every generator: the held-out figure of a generator left out of --fit",
    )
    args = parser.parse_args()
    fitted_on = tuple(args.fit or FITTED_ON)
    if any("test" in name or name.startswith("seed") for name in fitted_on):
        parser.error("fit on dev splits only; test splits and the seed are held out")
    suggester = Suggester(default_lexicon())
    corpora = {}
    reported = (*FITTED_ON, *REPORTED)
    for index, name in enumerate(dict.fromkeys((*fitted_on, *reported))):
        corpora[name] = gold_cases(suggester, CORPORA / name, first_document=1000 * index)
    training = [c for name in fitted_on for c in corpora[name]]
    start = vector(DEFAULT_WEIGHTS)
    if args.from_scratch:
        start = np.where(np.array(NAMES) == "locution", start, 0.0)
    theta = fit(training, start, steps=args.steps)
    for label, weights in (("current", vector(DEFAULT_WEIGHTS)), ("fitted", theta)):
        for name, cases in corpora.items():
            top1, top3 = accuracy(cases, weights)
            role = "fitted on" if name in fitted_on else "held out"
            print(f"{label:8} {name:26} ({role}): top-1 {top1:.3f} top-3 {top3:.3f}")
    rounded = {name: round(float(value), 2) for name, value in zip(NAMES, theta, strict=True)}
    assert set(rounded) == {f.name for f in fields(RankingWeights)}
    print("fitted:", RankingWeights(**rounded))


if __name__ == "__main__":
    main()
