"""Inline suppressions: ``mtfix: ignore``, ``ignore-next-line``, ``off`` … ``on``.

In plain text a directive may stand anywhere on a line (``# mtfix: ignore``); in
Markdown and HTML only inside an HTML comment (``<!-- mtfix: ignore -->``). Words or
rule ids (or prefixes: ``english``) after the directive narrow it:
``mtfix: ignore aid english-title``.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .lines import line_starts
from .models import Finding
from .rules import matches

DIRECTIVE_RE = re.compile(
    r"\bmtfix:[ \t]*(ignore-next-line|ignore|off|on)\b([^\n]*)", re.IGNORECASE
)
DIRECTIVE_MARK_RE = re.compile("mtfix:", re.IGNORECASE)  # what every directive holds
UNUSED_RULE = "unused-suppression"


@dataclass(frozen=True, slots=True)
class Suppression:
    """A directive and the offsets it covers, ``[start, end)``."""

    directive: str
    targets: frozenset[str]  # words (lower case) or rule ids; empty: everything
    start: int  # where the directive itself stands
    end: int
    cover_start: int
    cover_end: int

    def matches(self, finding: Finding) -> bool:
        if not self.cover_start <= finding.start < self.cover_end:
            return False
        if not self.targets:
            return True
        text = finding.text.lower()
        words = set(re.findall(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*", text))
        return (
            any(matches(finding.rule, target) for target in self.targets)
            or text in self.targets
            or bool(words & self.targets)
        )


def find_suppressions(text: str, comments: Sequence[tuple[int, int]] | None) -> list[Suppression]:
    """Directives in ``text``; ``comments`` (comment bodies) limit where they are read,
    ``None`` reads them anywhere (plain text)."""
    if not DIRECTIVE_MARK_RE.search(text):
        return []  # most texts: no line index to build, no scan of every word
    starts = line_starts(text)
    regions = [(0, len(text))] if comments is None else comments
    found: list[Suppression] = []
    open_offs: list[tuple[int, int, str, frozenset[str]]] = []
    for region_start, region_end in regions:
        for match in DIRECTIVE_RE.finditer(text, region_start, region_end):
            directive = match.group(1).lower()
            tail = match.group(2)
            if comments is not None:
                tail = tail.split("-->")[0]
            tail = tail[: max(0, region_end - match.start(2))]
            targets = frozenset(t.lower() for t in re.split(r"[\s,]+", tail) if _is_target(t))
            line = bisect.bisect_right(starts, match.start()) - 1
            if directive == "ignore":
                cover = (starts[line], _line_end(starts, line, len(text)))
            elif directive == "ignore-next-line":
                last = bisect.bisect_right(starts, max(match.end() - 1, match.start())) - 1
                if comments is not None:
                    last = bisect.bisect_right(starts, region_end) - 1
                cover = (_line_end(starts, last, len(text)), _line_end(starts, last + 1, len(text)))
            elif directive == "off":
                open_offs.append((match.start(), match.end(), directive, targets))
                continue
            else:  # on: closes every open "off"
                for start, end, _, off_targets in open_offs:
                    found.append(Suppression("off", off_targets, start, end, end, match.start()))
                open_offs.clear()
                continue
            found.append(
                Suppression(directive, targets, match.start(), match.end(), cover[0], cover[1])
            )
    for start, end, _, targets in open_offs:
        found.append(Suppression("off", targets, start, end, end, len(text)))
    return sorted(found, key=lambda s: s.start)


def _is_target(token: str) -> bool:
    return bool(token) and token not in {"-->", "*/", "-", "--"} and token[0].isalnum()


def apply_suppressions(
    text: str,
    findings: Sequence[Finding],
    suppressions: Sequence[Suppression],
    report_unused: bool = False,
) -> list[Finding]:
    """Drop the findings a suppression covers; with ``report_unused``, add one
    ``unused-suppression`` finding for each directive that covered nothing."""
    used: set[int] = set()
    kept: list[Finding] = []
    directives = sorted(suppressions, key=lambda s: s.start)  # disjoint: ends sorted too
    directive_starts = [s.start for s in directives]
    directive_ends = [s.end for s in directives]
    covering = _covering(findings, suppressions)
    for finding, around in zip(findings, covering, strict=True):
        at = bisect.bisect_right(directive_ends, finding.start)
        if at < len(directives) and directive_starts[at] < finding.end:
            continue  # the words of a directive itself (plain text) are not prose
        hits = [i for i in around if suppressions[i].matches(finding)]
        used.update(hits)
        if not hits:
            kept.append(finding)
    if report_unused:
        for index, suppression in enumerate(suppressions):
            if index not in used:
                kept.append(
                    Finding(
                        suppression.start,
                        suppression.end,
                        text[suppression.start : suppression.end].strip(),
                        UNUSED_RULE,
                        1.0,
                        "suppression matched nothing",
                    )
                )
        kept.sort(key=lambda f: (f.start, f.end, f.rule))
    return kept


def _line_end(starts: list[int], line: int, length: int) -> int:
    """Offset just past line ``line`` (its newline included); ``length`` past the last."""
    return starts[line + 1] if line + 1 < len(starts) else length


def _covering(findings: Sequence[Finding], suppressions: Sequence[Suppression]) -> list[list[int]]:
    """For each finding, the indices of the suppressions whose cover holds its start: one
    sweep over findings and covers sorted by offset, with the covers open at each point
    in a heap by their end (a pass over every directive per finding was quadratic)."""
    order = sorted(range(len(findings)), key=lambda i: findings[i].start)
    opening = sorted(range(len(suppressions)), key=lambda i: suppressions[i].cover_start)
    open_covers: list[tuple[int, int]] = []  # (cover_end, index)
    covering: list[list[int]] = [[] for _ in findings]
    following = 0
    for index in order:
        at = findings[index].start
        while following < len(opening) and suppressions[opening[following]].cover_start <= at:
            added = opening[following]
            heapq.heappush(open_covers, (suppressions[added].cover_end, added))
            following += 1
        while open_covers and open_covers[0][0] <= at:
            heapq.heappop(open_covers)
        covering[index] = sorted(i for _, i in open_covers)
    return covering
