"""Suggestion accuracy on the easy gold spans only (the issue's target for the suggester).

    python benchmarks/easy_suggestions.py synthetic/test [seed ...] [--cost]

For each folder under benchmarks/corpora: how many easy spans, how many a finding
overlaps, and top-1 / top-3 (an expected word among the first 1 / 3 suggestions of the
overlapping finding), over all easy spans and over the detected ones.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from mtfix.models import Document
from mtfix.pipeline import CheckOptions, check_document

CORPORA = Path(__file__).parent / "corpora"


def score(folder: Path) -> str:
    spans = detected = top1 = top3 = 0
    options = CheckOptions(select=frozenset({"english"}))
    for gold_path in sorted(folder.glob("*.json")):
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
    return (
        f"{folder.relative_to(CORPORA)}: {spans} easy spans, {detected} detected; "
        f"top-1 {top1 / spans:.3f} ({top1 / max(detected, 1):.3f} of detected), "
        f"top-3 {top3 / spans:.3f} ({top3 / max(detected, 1):.3f} of detected)"
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
    names = [a for a in sys.argv[1:] if a != "--cost"] or [
        "seed",
        "synthetic/dev",
        "synthetic/test",
    ]
    if "--cost" in sys.argv:
        print(suggestion_cost(CORPORA / names[0]))
    for name in names:
        print(score(CORPORA / name))


if __name__ == "__main__":
    main()
