"""Which rules earn a place among the defaults: findings per 10,000 words of each rule on
clean, professionally translated French (every one a false alarm for an editor) beside
its hits on damaged text (synthetic spun text and the seed article).

    python benchmarks/default_rules.py [--kinds]

``--kinds`` splits the typography rules by message (what exactly they flag), which is
how the default set was chosen. Every rule runs, whatever the defaults say.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

from mtfix.document import read_document
from mtfix.pipeline import CheckOptions, check_document
from mtfix.rules import RULES

CORPORA = Path(__file__).resolve().parent / "corpora"
WORD_RE = re.compile(r"[^\W\d_]+")
SETS = {
    "clean": ["clean/dev", "clean/test"],
    "synthetic": ["synthetic/dev", "synthetic/test"],
    "seed": ["seed"],
}
QUOTED_RE = re.compile(r"['«»].*")
SKIPPED = {"spun-french-word"}  # needs the language model: see context_margin.py


def gold_spans(txt: Path) -> list[tuple[int, int]]:
    gold = txt.with_suffix(".json")
    if not gold.exists():
        return []
    return [(s["start"], s["end"]) for s in json.loads(gold.read_text("utf-8"))["spans"]]


def kind_of(rule: str, message: str) -> str:
    """A typography finding's kind, from its message without the quoted characters."""
    if not rule.startswith("typography"):
        return rule
    what = QUOTED_RE.sub("", message).strip()
    return f"{rule}: {what}"


def measure(folders: list[str], kinds: bool) -> tuple[int, Counter, Counter]:
    words, found, hits = 0, Counter(), Counter()
    every = frozenset(r.id for r in RULES if r.id not in SKIPPED)
    options = CheckOptions(suggest=False, select=every)
    for folder in folders:
        for txt in sorted((CORPORA / folder).glob("*.txt")):
            document = read_document(str(txt))
            words += len(WORD_RE.findall(document.text))
            spans = gold_spans(txt)
            for finding in check_document(document, options):
                key = kind_of(finding.rule, finding.message) if kinds else finding.rule
                found[key] += 1
                if any(s < finding.end and finding.start < e for s, e in spans):
                    hits[key] += 1
    return words, found, hits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kinds", action="store_true", help="split typography by message")
    args = parser.parse_args(argv)
    results = {name: measure(folders, args.kinds) for name, folders in SETS.items()}
    keys = sorted({k for _, found, _ in results.values() for k in found})
    table = Table(title="Findings per 10,000 words (every rule on)", title_justify="left")
    table.add_column("rule")
    table.add_column("default")
    table.add_column("clean French", justify="right")
    table.add_column("synthetic spun", justify="right")
    table.add_column("on gold spans", justify="right")
    table.add_column("seed", justify="right")
    defaults = {r.id: r.default for r in RULES}
    total_default = 0.0
    clean_words = results["clean"][0]
    for key in keys:
        rule_id = key.split(":")[0]
        row = [key, "on" if defaults.get(rule_id) else "off"]
        for name in ("clean", "synthetic"):
            words, found, _ = results[name]
            row.append(f"{10_000 * found[key] / words:.1f}")
        row.append(f"{results['synthetic'][2][key]:,} / {results['synthetic'][1][key]:,}")
        row.append(str(results["seed"][1][key]))
        if defaults.get(rule_id):
            total_default += results["clean"][1][key]
        table.add_row(*row)
    Console(width=200).print(table)
    print(
        f"clean French: {clean_words:,} words; default rules together: "
        f"{10_000 * total_default / clean_words:.1f} findings per 10,000 words"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
