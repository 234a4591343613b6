"""``spun-french-word`` in the real pipeline at several margins, from one run.

    python benchmarks/context_spinner_margins.py [CORPUS/SPLIT] [--sample N]
                                                 [--sentences-before N] [--allowance X]

Runs the rule as ``mtfix check --context`` does (the screen, then the whole readings of
the words that pass it) on N files of the split spread over it (``quality.py
--sample``), with ``SpunSettings.sentences_before`` and ``left_only_allowance`` as given,
keeps the best original's value of every word read whole, and prints for each margin
the hard swaps found and the words flagged outside any gold span (false positives).
A margin below the shipped one misses the words the screen dropped for it (their value
read up to the word fell short of ``margin - allowance``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path

from mtfix import spun
from mtfix.document import read_document
from mtfix.pipeline import CheckOptions, check_document

CORPORA = Path(__file__).parent / "corpora"


def _number(text: str) -> float | None:
    return None if text == "none" else float(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default="synthetic/dev")
    parser.add_argument("--sample", type=int, default=8)
    parser.add_argument(
        "--sentences-before", type=int, default=spun.DEFAULT_SETTINGS.sentences_before
    )
    parser.add_argument(
        "--allowance", type=_number, default=spun.DEFAULT_SETTINGS.left_only_allowance
    )
    args = parser.parse_args()
    settings = dataclasses.replace(
        spun.DEFAULT_SETTINGS,
        sentences_before=args.sentences_before,
        left_only_allowance=args.allowance,
    )

    # Every word read whole whose best value is positive becomes a finding whose
    # confidence is that value.
    def best(values, _settings):
        at = max(range(len(values)), key=values.__getitem__)
        return at if values[at] > 0 else None

    spun.best_clearing_margin = best
    spun.confidence = lambda value, _settings=settings: value
    spun.DEFAULT_SETTINGS = settings
    original = spun.spun_findings
    spun.spun_findings = lambda *a, **k: original(*a, **{**k, "settings": settings})
    spun.rerank_findings = lambda text, findings, *rest, **k: list(findings)

    paths = sorted((CORPORA / args.corpus).glob("*.txt"))
    if len(paths) > args.sample:
        paths = [paths[i * len(paths) // args.sample] for i in range(args.sample)]
    read: list[tuple[float, str]] = []  # (value, "hard" | "other span" | "false")
    hard = 0
    for path in paths:
        spans = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["spans"]
        hard += sum(s["kind"] == "hard" for s in spans)
        findings = check_document(read_document(str(path)), CheckOptions(context=True))
        for finding in (f for f in findings if f.rule == spun.RULE):
            over = [s for s in spans if s["start"] < finding.end and finding.start < s["end"]]
            kind = "false" if not over else "hard" if over[0]["kind"] == "hard" else "other span"
            read.append((finding.confidence, kind))
    print(
        f"{args.corpus}: {len(paths)} files, {hard} hard swaps, {len(read)} words read whole; "
        f"sentences before {args.sentences_before}, allowance {args.allowance}"
    )
    for margin in (4.5, 5.0, 5.5, 6.0, 6.5, 7.0):
        found = sum(v >= margin and k == "hard" for v, k in read)
        false = sum(v >= margin and k == "false" for v, k in read)
        print(f"  margin {margin}: hard swaps found {found}/{hard}, false positives {false}")


if __name__ == "__main__":
    main()
