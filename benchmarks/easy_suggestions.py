"""Suggestion accuracy on the easy gold spans only (the issue's target for the suggester).

    python benchmarks/easy_suggestions.py synthetic/test [seed ...] [--cost]
                                          [--context] [--sample N]
                                          [--rerank-sentences-before N] [--rerank-repaired]

For each folder under benchmarks/corpora: how many easy spans, how many a finding
overlaps, and top-1 / top-3 (an expected word among the first 1 / 3 suggestions of the
overlapping finding), over all easy spans and over the detected ones; top-5 (the
first five are what ``--context`` re-ranks) over all easy spans. ``--context``
scores with the language model (``mtfix[context]``); ``--sample N`` reads N files of
each folder, spread over it. The ``--rerank-*`` options read the sentences the
re-ranking scores as ``spun-french-word`` does (README "Context scoring").
"""

from __future__ import annotations

import argparse
import functools
import json
import time
from pathlib import Path

from mtfix.models import Document
from mtfix.pipeline import CheckOptions, check_document

CORPORA = Path(__file__).parent / "corpora"


def sampled(paths: list[Path], sample: int | None) -> list[Path]:
    if not sample or sample >= len(paths):
        return paths
    return paths[:: len(paths) // sample][:sample]


def score(folder: Path, context: bool = False, sample: int | None = None) -> str:
    spans = detected = top1 = top3 = top5 = 0
    options = CheckOptions(select=frozenset({"english"}), context=context)
    for gold_path in sampled(sorted(folder.glob("*.json")), sample):
        text = gold_path.with_suffix(".txt").read_text(encoding="utf-8")
        findings = check_document(Document(str(gold_path), text), options)
        for span in json.loads(gold_path.read_text(encoding="utf-8"))["spans"]:
            if span["kind"] != "easy":
                continue
            spans += 1
            expected = {word.lower() for word in span["expected"]}
            hits = [f for f in findings if f.start < span["end"] and span["start"] < f.end]
            if not hits:
                continue
            detected += 1
            suggested = [s.replacement.lower() for s in hits[0].suggestions]
            top1 += bool(suggested[:1] and suggested[0] in expected)
            top3 += bool(expected & set(suggested[:3]))
            top5 += bool(expected & set(suggested[:5]))
    if not spans:
        return f"{folder.relative_to(CORPORA)}: no easy gold spans"
    return (
        f"{folder.relative_to(CORPORA)}: {spans} easy spans, {detected} detected; "
        f"top-1 {top1 / spans:.3f} ({top1 / max(detected, 1):.3f} of detected), "
        f"top-3 {top3 / spans:.3f} ({top3 / max(detected, 1):.3f} of detected), "
        f"top-5 {top5 / spans:.3f}"
    )


def suggestion_cost(folder: Path) -> str:
    """Mean time the suggester adds per English finding (a fresh process has an empty
    cache, so run this first or in its own process for a cold figure)."""
    documents = [
        Document(str(p), p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))
    ]
    english = frozenset({"english"})
    check_document(documents[0], CheckOptions(select=english, suggest=False))  # warm lexicon
    started = time.perf_counter()
    findings = sum(
        len(check_document(d, CheckOptions(select=english, suggest=False))) for d in documents
    )
    detect = time.perf_counter() - started
    started = time.perf_counter()
    for document in documents:
        check_document(document, CheckOptions(select=english))
    total = time.perf_counter() - started
    per_finding = (total - detect) / max(findings, 1) * 1000
    return (
        f"{folder.relative_to(CORPORA)}: {findings} findings, suggestions {per_finding:.2f} ms each"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("folders", nargs="*", default=["seed", "synthetic/dev", "synthetic/test"])
    parser.add_argument("--cost", action="store_true", help="time the suggester per finding")
    parser.add_argument("--context", action="store_true", help="score with the language model")
    parser.add_argument("--sample", type=int, help="files per folder, spread over it")
    parser.add_argument(
        "--rerank-sentences-before",
        type=int,
        default=0,
        help="with --context: sentences read in front of a re-ranked finding's",
    )
    parser.add_argument(
        "--rerank-repaired",
        action="store_true",
        help="with --context: re-rank in the sentence with the other findings corrected",
    )
    args = parser.parse_args()
    if args.rerank_sentences_before or args.rerank_repaired:
        import mtfix.spun

        mtfix.spun.rerank_findings = functools.partial(
            mtfix.spun.rerank_findings,
            repaired=args.rerank_repaired,
            sentences_before=args.rerank_sentences_before,
        )
    for name in args.folders:
        if not (CORPORA / name).is_dir():
            parser.error(f"no folder {name!r} under {CORPORA}")
    if args.cost:
        print(suggestion_cost(CORPORA / args.folders[0]))
    for name in args.folders:
        print(score(CORPORA / name, args.context, args.sample), flush=True)


if __name__ == "__main__":
    main()
