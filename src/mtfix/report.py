"""Render findings: plain or coloured text lines, and the version 1 JSON document."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.console import Console
from rich.text import Text

from .lines import line_starts
from .models import Finding

JSON_VERSION = 1


@dataclass(frozen=True)
class FileResult:
    """What one file gave: findings, or the one-line error that stopped it."""

    path: str
    text: str = ""
    encoding: str = "utf-8"
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    line_starts: list[int] = field(default_factory=list, compare=False, repr=False)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a character offset."""
        starts = self.line_starts or line_starts(self.text)
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1


def make_result(path: str, text: str, encoding: str, findings: Sequence[Finding]) -> FileResult:
    return FileResult(path, text, encoding, tuple(findings), None, line_starts(text))


def finding_to_dict(result: FileResult, finding: Finding) -> dict:
    line, column = result.position(finding.start)
    return {
        "rule": finding.rule,
        "start": finding.start,
        "end": finding.end,
        "line": line,
        "column": column,
        "text": finding.text,
        "confidence": finding.confidence,
        "message": finding.message,
        "suggestions": [
            {"replacement": s.replacement, "score": s.score, "source": s.source}
            for s in finding.suggestions
        ],
    }


def file_to_dict(result: FileResult) -> dict:
    if result.error is not None:
        return {"path": result.path, "error": result.error}
    return {
        "path": result.path,
        "encoding": result.encoding,
        "findings": [finding_to_dict(result, f) for f in result.findings],
    }


def to_json_document(results: Sequence[FileResult]) -> dict:
    return {
        "version": JSON_VERSION,
        "files": [file_to_dict(r) for r in results],
        "summary": {
            "files": len(results),
            "files_with_findings": sum(1 for r in results if r.findings),
            "findings": sum(len(r.findings) for r in results),
        },
    }


def suggestion_text(finding: Finding, alternatives: int = 2) -> str:
    if not finding.suggestions:
        return ""
    best, *others = finding.suggestions
    text = f" → {best.replacement}"
    if others[:alternatives]:
        text += " (" + ", ".join(s.replacement for s in others[:alternatives]) + ")"
    return text


def render_text(console: Console, result: FileResult) -> None:
    for finding in result.findings:
        line, column = result.position(finding.start)
        out = Text()
        out.append(f"{result.path}:{line}:{column}:", style="bold")
        out.append(f" {finding.rule}", style="cyan")
        out.append(f" '{finding.text}'", style="bold red")
        out.append(f" {finding.message}")
        out.append(suggestion_text(finding), style="green")
        console.print(out, soft_wrap=True, highlight=False)
