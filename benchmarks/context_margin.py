"""Fit and report the ``spun-french-word`` decision on scored spinner-target words.

    python benchmarks/context_features.py synthetic/dev --positives 250 --negatives 500
    python benchmarks/context_features.py clean/dev --all-in-spun --negatives 200
    (the same for synthetic/test, clean/test and seed), then:

    python benchmarks/context_margin.py            # today's settings, on dev and test
    python benchmarks/context_margin.py --fit      # search the settings on dev only
    python benchmarks/context_margin.py --compare-repairs FILE   # see context_features.py
    python benchmarks/context_margin.py --compare FILE [FILE...]  # the same words, scored
                        [--margins M ...]                         # in other ways

The rule flags a word when its document shows spinner damage (``SpunSettings.gate``)
and the best original's log-probability gain, plus ``frequency_weight`` times its
French Zipf frequency over the written word's, reaches ``margin``. For each split it
prints the hard swaps found (of those sampled), the false positives per 10,000 words
on clean French and on the words the spinner left alone in spun text (both estimated
from the scored words: every target word of gated clean documents is scored, other
words are sampled), and the seed's words.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from mtfix.document import read_document
from mtfix.segment import segments
from mtfix.spun import DEFAULT_SETTINGS, SpunSettings, decide, original_values
from mtfix.tokenize import tokenize

ROOT = Path(__file__).resolve().parent
RESULTS = ROOT / "results"
CORPORA = ROOT / "corpora"
FP_BOUND = 0.5  # clean false positives per 10,000 words the fit may spend (the bar is 1)


@dataclass(frozen=True)
class Scored:
    header: dict
    rows: list[dict]
    words: int  # the corpus's words, as the pipeline counts them (tokens)
    hard_spans: int = 0  # hard swaps in the corpus's gold files

    @property
    def hard_per_10k(self) -> float:
        return 1e4 * self.hard_spans / self.words if self.words else 0.0


def load(corpus: str) -> Scored | None:
    path = RESULTS / f"context-features-{corpus.replace('/', '-')}.jsonl"
    if not path.exists():
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    words = hard = 0
    for txt in sorted((CORPORA / corpus).glob("*.txt")):
        document = read_document(str(txt))
        words += len(tokenize(document.text, segments(document)).tokens)
        gold = txt.with_suffix(".json")
        if gold.exists():
            spans = json.loads(gold.read_text(encoding="utf-8"))["spans"]
            hard += sum(s["kind"] == "hard" for s in spans)
    rows = [json.loads(line) for line in lines[1:]]
    return Scored(json.loads(lines[0]), rows, words, hard)


def flagged(row: dict, settings: SpunSettings) -> str | None:
    """The original the rule would suggest first, or None."""
    return decide(
        row["scores"], row["zipf"], row["originals"], row["doc_english"], row["doc_words"], settings
    )


@dataclass(frozen=True)
class Figures:
    swaps: int
    found: int  # flagged with any original
    first_right: int  # flagged with the expected original first
    fp_per_10k: float  # estimated over the whole corpus

    @property
    def recall(self) -> float:
        return self.found / self.swaps if self.swaps else 0.0


def figures(scored: Scored, settings: SpunSettings) -> Figures:
    swaps = [r for r in scored.rows if r["swap"]]
    found = [(r, flagged(r, settings)) for r in swaps]
    hits = [(r, w) for r, w in found if w is not None]
    right = sum(w.lower() in [e.lower() for e in r["expected"]] for r, w in hits)
    full = [r for r in scored.rows if not r["swap"] and not r["sampled"]]
    sampled = [r for r in scored.rows if not r["swap"] and r["sampled"]]
    false = sum(flagged(r, settings) is not None for r in full)
    if sampled:
        share = sum(flagged(r, settings) is not None for r in sampled) / len(sampled)
        false += share * scored.header["sampled_from"]
    return Figures(len(swaps), len(hits), right, 1e4 * false / scored.words)


def f1(spun: Figures, hard_per_10k: float) -> float:
    """F1 of the hard class in spun text, from recall and false positives per 10,000 words."""
    found = spun.recall * hard_per_10k
    precision = found / (found + spun.fp_per_10k) if found + spun.fp_per_10k else 0.0
    return 2 * precision * spun.recall / (precision + spun.recall) if precision else 0.0


def fit(spun: Scored, clean: Scored) -> SpunSettings:
    best = (-1.0, DEFAULT_SETTINGS)
    grid = itertools.product(
        (3, 5),  # min findings
        (8.0, 10.0, 12.0, 14.0),  # min findings per 1,000 words (>= the features' loose gate)
        (0.0, 0.5, 1.0, 1.5, 2.0, 3.0),  # frequency weight
        [m / 2 for m in range(2, 31)],  # margin 1..15
    )
    for min_findings, per_thousand, weight, margin in grid:
        settings = replace(
            DEFAULT_SETTINGS,
            gate_findings=min_findings,
            gate_per_thousand=per_thousand,
            frequency_weight=weight,
            margin=margin,
        )
        if figures(clean, settings).fp_per_10k > FP_BOUND:
            continue
        score = f1(figures(spun, settings), spun.hard_per_10k)
        if score > best[0]:
            best = (score, settings)
    print(f"best F1 on synthetic/dev (estimated): {best[0]:.3f}")
    slope, midpoint = calibrate(spun, best[1])
    print(f"confidence: slope {slope}, midpoint {midpoint}")
    return replace(best[1], confidence_slope=slope, confidence_midpoint=midpoint)


def calibrate(spun: Scored, settings: SpunSettings) -> tuple[float, float]:
    """Slope and midpoint of P(swap | value) in spun text, fitted by weighted logistic
    regression on the dev words (each sampled word stands for the words it was drawn
    from): a finding's confidence is that probability."""
    targets = spun.header["targets"]
    swaps = [r for r in spun.rows if r["swap"]]
    others = [r for r in spun.rows if not r["swap"]]
    swap_share = 1 - spun.header["sampled_from"] / targets
    data = [(best_value(r, settings), 1.0, swap_share * targets / len(swaps)) for r in swaps] + [
        (best_value(r, settings), 0.0, spun.header["sampled_from"] / len(others)) for r in others
    ]
    total = sum(w for _, _, w in data)
    slope, offset = 0.5, 0.0
    for _ in range(5000):
        grad_slope = grad_offset = 0.0
        for value, label, weight in data:
            p = 1 / (1 + math.exp(-(slope * value + offset)))
            grad_slope += weight * (p - label) * value
            grad_offset += weight * (p - label)
        slope -= 0.05 * grad_slope / total
        offset -= 0.5 * grad_offset / total
    return round(slope, 3), round(-offset / slope, 2)


def auc(scored: Scored, settings: SpunSettings) -> float:
    """How often a hard swap's value beats another target word's (ties count half)."""
    return _auc([best_value(r, settings) for r in scored.rows], [r["swap"] for r in scored.rows])


def best_value(row: dict, settings: SpunSettings) -> float:
    return max(original_values(row["scores"], row["zipf"], settings))


def report(settings: SpunSettings, splits: Sequence[str]) -> None:
    print(
        f"gate: >= {settings.gate_findings} findings, >= {settings.gate_per_thousand} per 1,000 "
        f"words; margin {settings.margin}; frequency weight {settings.frequency_weight}"
    )
    for split in splits:
        spun, clean = load(f"synthetic/{split}"), load(f"clean/{split}")
        if spun is None or clean is None:
            print(f"{split}: run context_features.py on synthetic/{split} and clean/{split}")
            continue
        s, c = figures(spun, settings), figures(clean, settings)
        print(
            f"{split:>4}: AUC of the best original's value, swaps against other words "
            f"of spun text: {auc(spun, settings):.3f}"
        )
        print(
            f"{split:>4}: hard swaps found {s.found}/{s.swaps} ({s.recall:.0%}), "
            f"expected original first {s.first_right}/{s.swaps}; false positives per "
            f"10,000 words: clean {c.fp_per_10k:.2f}, spun text {s.fp_per_10k:.1f} "
            f"(F1 {f1(s, spun.hard_per_10k):.2f})"
        )
    seed = load("seed")
    if seed is not None:
        for row in seed.rows:
            word = flagged(row, settings)
            if row["swap"] or word is not None:
                label = "swap" if row["swap"] else "not a swap"
                print(f"seed: {row['word']} ({label}): {'-> ' + word if word else 'silent'}")


def compare_repairs(path: Path, settings: SpunSettings) -> None:
    """AUC and counts at the margin of a features file scored with ``--reranked-repairs``:
    repairs as the suggester gives them against repairs re-ranked in context."""
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines[1:]]
    for name, key in (("as suggested", "scores"), ("re-ranked", "scores_reranked_repairs")):
        scored = Scored(json.loads(lines[0]), [{**r, "scores": r[key]} for r in rows], 0)
        swaps = [best_value(r, settings) >= settings.margin for r in scored.rows if r["swap"]]
        others = [best_value(r, settings) >= settings.margin for r in scored.rows if not r["swap"]]
        print(
            f"repairs {name}: AUC {auc(scored, settings):.3f}; at margin {settings.margin}: "
            f"swaps found {sum(swaps)}/{len(swaps)}, "
            f"other words flagged {sum(others)}/{len(others)}"
        )


def compare(paths: Sequence[Path], settings: SpunSettings, margins: Sequence[float] = ()) -> None:
    """Features files of the same sampled words (``context_features.py`` with the same
    corpus and sample sizes) scored in other ways, side by side: AUC, with a paired
    bootstrap interval against the first file, and counts at the margin."""
    files = [[json.loads(line) for line in p.read_text("utf-8").splitlines()[1:]] for p in paths]
    keys = [{(r["file"], r["start"]) for r in rows} for rows in files]
    if any(k != keys[0] for k in keys):
        raise SystemExit("--compare: the files do not hold the same words")
    aligned = [sorted(rows, key=lambda r: (r["file"], r["start"])) for rows in files]
    values = [[best_value(r, settings) for r in rows] for rows in aligned]
    labels = [r["swap"] for r in aligned[0]]
    rng = random.Random(1)
    draws = [[rng.randrange(len(labels)) for _ in labels] for _ in range(BOOTSTRAP)]
    for path, vals in zip(paths, values, strict=True):
        swaps = sum(v >= settings.margin for v, s in zip(vals, labels, strict=True) if s)
        others = sum(v >= settings.margin for v, s in zip(vals, labels, strict=True) if not s)
        line = (
            f"{path.name}: AUC {_auc(vals, labels):.3f}; at margin {settings.margin}: swaps "
            f"found {swaps}/{sum(labels)}, other words flagged {others}/{len(labels) - sum(labels)}"
        )
        if vals is not values[0]:
            diffs = sorted(
                _auc([vals[i] for i in d], [labels[i] for i in d])
                - _auc([values[0][i] for i in d], [labels[i] for i in d])
                for d in draws
            )
            low, high = diffs[int(0.025 * BOOTSTRAP)], diffs[int(0.975 * BOOTSTRAP) - 1]
            line += f"; AUC against the first {_auc(vals, labels) - _auc(values[0], labels):+.3f}"
            line += f" (95 % bootstrap interval {low:+.3f} to {high:+.3f})"
        print(line)
        for margin in margins:
            swaps = sum(v >= margin for v, s in zip(vals, labels, strict=True) if s)
            others = sum(v >= margin for v, s in zip(vals, labels, strict=True) if not s)
            print(f"  at margin {margin}: swaps found {swaps}, other words flagged {others}")
        if margins:
            header = json.loads(path.read_text("utf-8").splitlines()[0])
            slope, midpoint = calibrate(Scored(header, aligned[paths.index(path)], 0), settings)
            print(f"  confidence fitted on these words: slope {slope}, midpoint {midpoint}")


BOOTSTRAP = 300


def _auc(values: Sequence[float], labels: Sequence[bool]) -> float:
    """How often a swap's value beats another word's (ties count half)."""
    swaps = [v for v, s in zip(values, labels, strict=True) if s]
    others = [v for v, s in zip(values, labels, strict=True) if not s]
    if not swaps or not others:
        return 0.5
    wins = sum((a > b) + 0.5 * (a == b) for a in swaps for b in others)
    return wins / (len(swaps) * len(others))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true", help="search the settings on dev")
    parser.add_argument(
        "--compare-repairs",
        type=Path,
        metavar="FILE",
        help="a features file made with context_features.py --reranked-repairs",
    )
    parser.add_argument("--compare", type=Path, nargs="+", metavar="FILE")
    parser.add_argument(
        "--margins",
        type=float,
        nargs="+",
        default=(),
        help="with --compare: swaps found and other words flagged at each margin",
    )
    args = parser.parse_args(argv)
    settings = DEFAULT_SETTINGS
    if args.compare:
        compare(args.compare, settings, args.margins)
        return 0
    if args.compare_repairs:
        compare_repairs(args.compare_repairs, settings)
        return 0
    if args.fit:
        spun, clean = load("synthetic/dev"), load("clean/dev")
        if spun is None or clean is None:
            print("run context_features.py on synthetic/dev and clean/dev first", file=sys.stderr)
            return 2
        settings = fit(spun, clean)
    report(settings, ("dev", "test"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
