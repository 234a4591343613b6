"""Totals of a batch run, kept as results arrive (no texts), and their Rich rendering."""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .report import FileResult
from .rules import SUGGESTED_RULES, severity_of

if TYPE_CHECKING:
    from rich.console import Console

TOP_WORDS = 10
TOP_FILES = 5


@dataclass
class Summary:
    """What a run found so far; ``add`` each result as it completes."""

    files: int = 0
    files_with_findings: int = 0
    errors: int = 0
    findings: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    words: Counter[str] = field(default_factory=Counter)
    best: dict[str, Counter[str]] = field(default_factory=dict)
    _top_files: list[tuple[int, str]] = field(default_factory=list)  # min-heap of the largest
    interrupted: bool = False

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.error is not None:
            self.errors += 1
            return
        count = len(result.findings)
        if not count:
            return
        self.files_with_findings += 1
        self.findings += count
        for finding in result.findings:
            self.by_rule[finding.rule] += 1
            self.by_severity[severity_of(finding.rule).value] += 1
            if finding.rule in SUGGESTED_RULES:
                word = finding.text.lower()
                self.words[word] += 1
                if finding.suggestions:
                    self.best.setdefault(word, Counter())[finding.suggestions[0].replacement] += 1
        # Ties keep the file checked first: paths come in order, so compare negated order.
        entry = (count, _reverse_key(result.path))
        if len(self._top_files) < TOP_FILES:
            heapq.heappush(self._top_files, entry)
        elif entry > self._top_files[0]:
            heapq.heapreplace(self._top_files, entry)

    def top_files(self) -> list[tuple[str, int]]:
        ranked = sorted(self._top_files, reverse=True)
        return [(_reverse_key(key), count) for count, key in ranked]

    def top_words(self) -> list[tuple[str, int, str]]:
        """(word, occurrences, most frequent best suggestion or "")."""
        ranked = sorted(self.words.items(), key=lambda item: (-item[1], item[0]))[:TOP_WORDS]
        return [
            (word, count, self.best[word].most_common(1)[0][0] if word in self.best else "")
            for word, count in ranked
        ]


def _reverse_key(path: str) -> str:
    """An order-reversing, invertible string key (so the earlier path wins ties)."""
    return "".join(chr(0x10FFFF - ord(c)) for c in path)


def render_summary(console: Console, summary: Summary) -> None:
    from rich.table import Table

    title = "mtfix: interrupted, checked so far" if summary.interrupted else "mtfix summary"
    totals = Table(title=title, show_header=False, title_justify="left")
    totals.add_column("what")
    totals.add_column("count", justify="right")
    totals.add_row("files checked", f"{summary.files:,}")
    totals.add_row("files with findings", f"{summary.files_with_findings:,}")
    if summary.errors:
        totals.add_row("files with errors", f"{summary.errors:,}")
    totals.add_row("findings", f"{summary.findings:,}")
    for severity in ("error", "warning"):
        if summary.by_severity[severity]:
            totals.add_row(f"  {severity}s", f"{summary.by_severity[severity]:,}")
            rules = [(r, n) for r, n in summary.by_rule.items() if severity_of(r).value == severity]
            for rule, count in sorted(rules, key=lambda item: (-item[1], item[0])):
                totals.add_row(f"    {rule}", f"{count:,}")
    console.print(totals)
    words = summary.top_words()
    if words:
        table = Table(title="Most frequent English words", title_justify="left")
        table.add_column("word")
        table.add_column("count", justify="right")
        table.add_column("best suggestion")
        for word, count, best in words:
            table.add_row(word, f"{count:,}", best or "—")
        console.print(table)
    files = summary.top_files()
    if files:
        table = Table(title="Files with the most findings", title_justify="left")
        table.add_column("file")
        table.add_column("findings", justify="right")
        for path, count in files:
            table.add_row(path, f"{count:,}")
        console.print(table)
