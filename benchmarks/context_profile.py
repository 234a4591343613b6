"""Where ``--context`` spends its time on one file: tokens through the model per phase.

    python benchmarks/context_profile.py [FILE] [--words-after N|none] [--close X]
                                          [--shortlist N|none]
                                          [--spinner-words-after N|none]
                                          [--screen-sentences-before N]
                                          [--sentences-before N] [--allowance X|none]

Checks FILE (default: the seed article) with the language model and counts, for the
re-ranking and for ``spun-french-word`` apart, the tokens llama.cpp decodes for the
words in front of the slots (the prefixes: the output layer only at their last token)
and for the candidates and the words after them (every one through the vocabulary-wide
output layer), with the CPU seconds of those decodes; the spinner's screen (each word
read up to the slot) apart from its whole readings. The token counts do not depend on
the machine's load; the seconds do. The options replay the budgets of
``scorer.RERANK_WORDS_AFTER``, ``scorer.RERANK_CLOSE``, ``scorer.RERANK_SHORTLIST``,
``SpunSettings.words_after``, ``SpunSettings.screen_sentences_before``,
``SpunSettings.sentences_before`` and ``SpunSettings.left_only_allowance`` (default: the
shipped ones).
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import functools
import time
from pathlib import Path

SEED = next((Path(__file__).parent / "corpora" / "seed").glob("*.txt"))


def _count(text: str) -> int | None:
    return None if text == "none" else int(text)


def _number(text: str) -> float | None:
    return None if text == "none" else float(text)


def main() -> None:
    from mtfix import scorer as scoring
    from mtfix import spun
    from mtfix.api import check_text

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=SEED)
    parser.add_argument("--words-after", type=_count, default=scoring.RERANK_WORDS_AFTER)
    parser.add_argument("--close", type=float, default=scoring.RERANK_CLOSE)
    parser.add_argument("--shortlist", type=_count, default=scoring.RERANK_SHORTLIST)
    parser.add_argument(
        "--spinner-words-after", type=_count, default=spun.DEFAULT_SETTINGS.words_after
    )
    parser.add_argument(
        "--screen-sentences-before",
        type=int,
        default=spun.DEFAULT_SETTINGS.screen_sentences_before,
    )
    parser.add_argument(
        "--sentences-before", type=int, default=spun.DEFAULT_SETTINGS.sentences_before
    )
    parser.add_argument(
        "--allowance", type=_number, default=spun.DEFAULT_SETTINGS.left_only_allowance
    )
    args = parser.parse_args()

    stats: dict[str, list[float]] = collections.defaultdict(lambda: [0, 0, 0, 0.0])
    phase = ["?"]

    def decode(self, steps, original=scoring.LlamaScorer._decode):
        started = time.process_time()
        original(self, steps)
        row = stats[phase[0]]
        row[0] += 1
        row[1] += len(steps)
        row[2] += sum(step.output for step in steps)
        row[3] += time.process_time() - started

    def prefix(self, tokens, original=scoring.LlamaScorer._evaluate_prefix):
        rule = phase[0]
        phase[0] = rule.split(":")[0] + ": prefixes"
        try:
            original(self, tokens)
        finally:
            phase[0] = rule

    def in_phase(name, function):
        @functools.wraps(function)
        def wrapped(*a, **k):
            phase[0] = name
            return function(*a, **k)

        return wrapped

    def prefixes(self, *args, original=scoring.LlamaScorer._evaluate_prefixes):
        rule = phase[0]
        phase[0] = rule.split(":")[0] + ": prefixes"
        try:
            return original(self, *args)
        finally:
            phase[0] = rule

    scoring.LlamaScorer._decode = decode
    scoring.LlamaScorer._evaluate_prefix = prefix
    scoring.LlamaScorer._evaluate_prefixes = prefixes
    rerank = functools.partial(
        spun.rerank_findings,
        close=args.close,
        words_after=args.words_after,
        shortlist=args.shortlist,
    )
    settings = dataclasses.replace(
        spun.DEFAULT_SETTINGS,
        words_after=args.spinner_words_after,
        screen_sentences_before=args.screen_sentences_before,
        sentences_before=args.sentences_before,
        left_only_allowance=args.allowance,
    )
    spinner = functools.partial(spun.spun_findings, settings=settings)
    spun.rerank_findings = in_phase("re-ranking: candidates", rerank)
    spun.spun_findings = in_phase("spun-french-word: candidates", spinner)

    def screen(*a, original=spun._worth_reading_whole, **k):
        phase[0] = "spun-french-word screen: candidates"
        try:
            return original(*a, **k)
        finally:
            phase[0] = "spun-french-word: candidates"

    spun._worth_reading_whole = screen

    started = time.process_time()
    scoring.default_scorer()
    loaded = time.process_time() - started
    started = time.process_time()
    check_text(args.file.read_text(encoding="utf-8"), path=str(args.file), context=True)
    checked = time.process_time() - started
    decoding = sum(row[3] for row in stats.values())
    print(
        f"{args.file.name}: re-ranking words after {args.words_after}, close {args.close}, "
        f"shortlist {args.shortlist}, "
        f"spinner words after {args.spinner_words_after}, screen sentences before "
        f"{args.screen_sentences_before}, sentences before {args.sentences_before}, "
        f"allowance {args.allowance}"
    )
    print(f"model load {loaded:.2f} s CPU; check {checked:.2f} s CPU, decoding {decoding:.2f} s")
    for name, (decodes, tokens, outputs, seconds) in sorted(stats.items()):
        print(
            f"  {name:32s} {decodes:4d} decodes {tokens:6d} tokens {outputs:6d} output rows "
            f"{seconds:6.2f} s"
        )
    total = [sum(row[i] for row in stats.values()) for i in (1, 2)]
    print(f"  {'total':32s} {'':12s} {total[0]:6d} tokens {total[1]:6d} output rows")


if __name__ == "__main__":
    main()
