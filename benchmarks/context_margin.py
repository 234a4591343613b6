"""Measure the log-probability gains behind ``SpunSettings.margin`` (needs mtfix[context]).

    python benchmarks/context_margin.py hard 80     # hard swaps of synthetic/dev
    python benchmarks/context_margin.py clean 300   # spinner-target words of clean/dev

For each sampled word: the gain of its best French original over the written word in
its sentence. Prints how many reach each margin and, for clean text, the false positives
per 10,000 words that margin would give. Seeded: the same sample every run.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from mtfix.lexicon import default_lexicon
from mtfix.models import Document, Token
from mtfix.scorer import default_scorer, slot_for
from mtfix.segment import segments
from mtfix.spun import DEFAULT_SETTINGS, candidate_originals
from mtfix.suggest import match_case
from mtfix.tokenize import WORD_RE, tokenize

CORPORA = Path(__file__).parent / "corpora"
MARGINS = (2, 4, 6, 8, 10, 12, 14)


def tokens_of(path: Path) -> tuple[str, list[Token]]:
    text = path.read_text(encoding="utf-8")
    return text, tokenize(text, segments(Document(str(path), text))).tokens


def gain(text: str, tokens: list[Token], token: Token) -> float | None:
    originals = candidate_originals(token, default_lexicon(), frozenset(), DEFAULT_SETTINGS)
    if not originals:
        return None
    words = [token.text, *(match_case(token.text, w) for w in originals)]
    values = default_scorer().score(slot_for(text, token.start, token.end, tokens), words)
    return max(values[1:]) - values[0]


def clean_gains(count: int, rng: random.Random) -> tuple[list[float], float]:
    """Gains of sampled spinner-target words, and target words per 10,000 words."""
    pool, words = [], 0
    lexicon = default_lexicon()
    for path in sorted((CORPORA / "clean" / "dev").glob("*.txt")):
        text, tokens = tokens_of(path)
        words += len(WORD_RE.findall(text))
        pool += [
            (path, t.start)
            for t in tokens
            if candidate_originals(t, lexicon, frozenset(), DEFAULT_SETTINGS)
        ]
    gains = []
    for path, start in rng.sample(pool, count):
        text, tokens = tokens_of(path)
        token = next(t for t in tokens if t.start == start)
        gains.append(gain(text, tokens, token))
    return gains, len(pool) / words * 1e4


def hard_gains(count: int, rng: random.Random) -> list[float | None]:
    spans = []
    for gold in sorted((CORPORA / "synthetic" / "dev").glob("*.json")):
        spans += [(gold, s) for s in json.loads(gold.read_text("utf-8"))["spans"]]
    gains = []
    for gold, span in rng.sample([(g, s) for g, s in spans if s["kind"] == "hard"], count):
        text, tokens = tokens_of(gold.with_suffix(".txt"))
        token = next((t for t in tokens if t.start == span["start"]), None)
        gains.append(gain(text, tokens, token) if token else None)
    return gains


def main() -> None:
    kind, count = sys.argv[1], int(sys.argv[2])
    rng = random.Random(7)
    if kind == "clean":
        gains, targets_per_10k = clean_gains(count, rng)
        for margin in MARGINS:
            share = sum(g is not None and g >= margin for g in gains) / len(gains)
            print(
                f"margin {margin:>2}: {share:6.1%} of clean target words, "
                f"~{share * targets_per_10k:.1f} false positives per 10,000 words"
            )
    else:
        gains = hard_gains(count, rng)
        for margin in MARGINS:
            share = sum(g is not None and g >= margin for g in gains) / len(gains)
            print(f"margin {margin:>2}: {share:6.1%} of hard swaps found")


if __name__ == "__main__":
    main()
