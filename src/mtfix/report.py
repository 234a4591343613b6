"""Render findings: plain or coloured text lines, and the version 1 JSON document."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .lines import line_starts
from .models import Finding
from .rules import SUGGESTED_RULES, severity_of

if TYPE_CHECKING:
    from rich.console import Console

    from .consoles import PlainConsole

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
        "severity": severity_of(finding.rule).value,
        "confidence": finding.confidence,
        "message": finding.message,
        "evidence": finding.evidence,
        "suggestions": [
            {"replacement": s.replacement, "score": s.score, "source": s.source}
            for s in finding.suggestions
        ],
        "fix": fix_to_dict(finding),
    }


def fix_to_dict(finding: Finding) -> dict | None:
    """The finding's own fix (``None`` when there is none): its applicability and edits,
    offsets into the file text as for the finding."""
    if finding.fix is None:
        return None
    return {
        "applicability": finding.fix.applicability.value,
        "edits": [
            {"start": e.start, "end": e.end, "replacement": e.replacement}
            for e in finding.fix.edits
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


# Characters a terminal does not show: how they appear in suggestions.
NO_BREAK_MARK = "⍽"  # a no-break space, narrow or not: the message says which
SPACE_MARK = "␣"
_INVISIBLE = {"\u202f": NO_BREAK_MARK, "\u00a0": NO_BREAK_MARK, "\u2009": NO_BREAK_MARK}


def visible(replacement: str) -> str:
    """``replacement`` with no-break spaces marked ``⍽``, an edge or lone space ``␣``,
    and nothing written as ``(nothing)``."""
    if replacement == "":
        return "(nothing)"
    shown = "".join(_INVISIBLE.get(char, char) for char in replacement)
    if shown.strip(" ") == "":
        return SPACE_MARK * len(shown)
    if shown[0] == " ":
        shown = SPACE_MARK + shown[1:]
    if shown[-1] == " ":
        shown = shown[:-1] + SPACE_MARK
    return shown


def suggestion_text(finding: Finding, alternatives: int = 2) -> str:
    """What to write instead, in words: ``; French would say 'aide' (or 'aider')`` for
    English, `` → «⍽`` for the verbatim fixes of typography."""
    if not finding.suggestions:
        return ""
    best, *others = finding.suggestions
    if finding.rule in SUGGESTED_RULES or finding.rule == "spun-french-word":
        text = f"; French would say '{best.replacement}'"
        if others[:alternatives]:
            text += " (or " + ", ".join(f"'{s.replacement}'" for s in others[:alternatives]) + ")"
        return text
    if finding.rule == "duplicate-line":
        return " → remove it"
    return f" → {visible(best.replacement)}"


def visible_span(finding: Finding) -> tuple[int, int]:
    """Where a person should be taken: the finding without the blank lines and spaces
    its fix also removes (a ``duplicate-line`` finding starts on the blank line before
    the copy when the copy is the last line)."""
    text = finding.text
    start = finding.start + len(text) - len(text.lstrip())
    end = finding.end - (len(text) - len(text.rstrip()))
    return (start, end) if start < end else (finding.start, finding.end)


def shown_text(finding: Finding, limit: int = 60) -> str:
    """The flagged text on one line: blank lines and spaces around it dropped (unless
    it is all blank), newlines as ⏎, long text shortened."""
    text = visible(finding.text) if finding.text.strip() == "" else finding.text.strip()
    text = text.replace("\r\n", "⏎").replace("\n", "⏎")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def by_severity(findings: Sequence[Finding]) -> list[Finding]:
    """Errors (English in French) first, then warnings; by position within each."""
    return sorted(findings, key=lambda f: (-severity_of(f.rule).rank, f.start, f.end))


def text_line_parts(
    result: FileResult, finding: Finding, verbose: bool = False
) -> tuple[tuple[str, str], ...]:
    """The parts of a finding's report line, each with its style."""
    line, column = result.position(visible_span(finding)[0])
    error = severity_of(finding.rule).rank > 1
    parts = [
        (f"{result.path}:{line}:{column}:", "bold"),
        (f" {finding.rule}", "bold red" if error else "yellow"),
        (f" '{shown_text(finding)}'", "bold" if error else ""),
        (f" {finding.message}", ""),
        (suggestion_text(finding), "green"),
    ]
    if verbose and finding.evidence:
        parts.append((f" [{finding.evidence}]", "dim"))
    return tuple(parts)


def render_text(console: Console | PlainConsole, result: FileResult, verbose: bool = False) -> None:
    """One line a finding, ``path:line:col: rule 'text' message; suggestion``, errors
    first; ``verbose`` adds the evidence. Styles are rendered once and the lines written
    straight to the console's file: rich's per-call layout work cost more than the
    checking on a file with tens of thousands of findings."""
    findings = by_severity(result.findings)
    paint = _painter(console)
    if paint is None:  # a console rich must drive itself (legacy Windows)
        from rich.text import Text

        for finding in findings:
            out = Text()
            for part, style in text_line_parts(result, finding, verbose):
                out.append(part, style=style)
            console.print(out, soft_wrap=True, highlight=False)
        return
    write = console.file.write
    for finding in findings:
        write(
            "".join(paint(part, style) for part, style in text_line_parts(result, finding, verbose))
        )
        write("\n")
    console.file.flush()


Painter = Callable[[str, str], str]


def _painter(console: Console | PlainConsole) -> Painter | None:
    """``paint(text, style)``: the text with the console's escape codes for ``style``
    (none when the console has no colours), or None when rich must print itself."""
    if console.legacy_windows:
        return None
    system = console.color_system
    if system is None:
        return lambda text, _style: text
    from rich.console import COLOR_SYSTEMS
    from rich.style import Style

    colours = COLOR_SYSTEMS[system]
    styles: dict[str, Style] = {}

    def paint(text: str, name: str) -> str:
        if not text or not name:
            return text
        style = styles.get(name)
        if style is None:
            style = Style.parse(name)
            styles[name] = style = style.without_color if console.no_color else style
        return style.render(text, color_system=colours)

    return paint
