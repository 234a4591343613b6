"""``mtfix fix``: show the changes as a diff, or write them (safely), or review them."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Annotated

import typer
from rich.console import Console

from .cli import (
    DISCOVERY_OPTIONS_HELP,
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    app,
    discovery_options,
    report_error,
)
from .diff import rich_diff, unified_diff
from .errors import MtfixError
from .fix import OVERLAP, Planned, apply_fixes, plan, selected, summary
from .models import Document, Finding
from .pipeline import CheckOptions
from .writer import Source, encode, read_source, source_from_bytes, write_text


def find_findings(document: Document, options: CheckOptions) -> list[Finding]:
    """Findings with suggestions for one document (tests replace this)."""
    from .pipeline import check_document

    return check_document(document, options)


@dataclass
class Tally:
    fixed: int = 0
    left: list[str] = field(default_factory=list)  # one reason per finding left
    changed: bool = False
    errors: bool = False


def _left_reasons(planned: list[Planned], applied: set[int], skipped: set[int]) -> list[str]:
    reasons = []
    for item in planned:
        if item.fix is not None and id(item.fix) in applied:
            continue
        if item.fix is not None and id(item.fix) in skipped:
            reasons.append(OVERLAP)
        elif item.reason:
            reasons.append(item.reason)
    return reasons


def _fix_text(source: Source, unsafe: bool, options: CheckOptions) -> tuple[str, Tally]:
    """The fixed text, and a tally of what was fixed and what was left."""
    text = source.document.text
    planned = plan(text, find_findings(source.document, options))
    result = apply_fixes(text, selected(planned, unsafe))
    left = _left_reasons(planned, {id(f) for f in result.applied}, {id(f) for f in result.skipped})
    return result.text, Tally(len(result.applied), left)


def _add(tally: Tally, part: Tally) -> None:
    tally.fixed += part.fixed
    tally.left += part.left


def _stdin(unsafe: bool, options: CheckOptions, tally: Tally) -> None:
    try:
        source = source_from_bytes(sys.stdin.buffer.read(), "-")
        fixed, part = _fix_text(source, unsafe, options)
        data = encode(source.document, fixed, source.data)
    except MtfixError as error:
        report_error("-", error.cause)
        tally.errors = True
        return
    _add(tally, part)
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


def _interactive(
    path: str, source: Source, options: CheckOptions, console: Console, tally: Tally
) -> None:
    from .interactive import review, rich_ask

    text = source.document.text
    planned = plan(text, find_findings(source.document, options))

    def location(finding: Finding) -> str:
        line = text.count("\n", 0, finding.start) + 1
        column = finding.start - (text.rfind("\n", 0, finding.start) + 1) + 1
        return f"{path}:{line}:{column}"

    choice = review(console, location, text, planned, rich_ask(console))
    if not choice.write:
        tally.left += ["skipped"] * len(planned)
        return
    result = apply_fixes(text, choice.fixes)
    if write_text(source, result.text):
        tally.changed = True
    tally.fixed += len(result.applied)
    tally.left += ["skipped"] * (len(planned) - len(result.applied))


@app.command()
def fix(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files or folders; - filters standard input.")
    ] = None,
    write: Annotated[bool, typer.Option("--write", help="Apply the safe fixes.")] = False,
    unsafe_fixes: Annotated[
        bool, typer.Option("--unsafe-fixes", help="Also apply fixes that are not safe.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Show a unified diff, even on a terminal.")
    ] = False,
    interactive: Annotated[
        bool, typer.Option("--interactive", "-i", help="Review each finding and choose.")
    ] = False,
    min_confidence: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Ignore findings below this confidence.")
    ] = 0.0,
    include: Annotated[
        list[str] | None, typer.Option(help=DISCOVERY_OPTIONS_HELP["include"])
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option(help="Leave out paths matching these gitignore globs.")
    ] = None,
    files_from: Annotated[
        str | None, typer.Option("--files-from", help=DISCOVERY_OPTIONS_HELP["files_from"])
    ] = None,
    context: Annotated[
        bool,
        typer.Option(
            "--context",
            help="Score sentences with a language model: re-rank suggestions, find French "
            "words that are spinner swaps (their fixes are unsafe; pip install 'mtfix[context]').",
        ),
    ] = False,
) -> None:
    """Show fixes as a diff (exit 1 if anything would change), or apply them with --write."""
    from .config import Overrides, Resolver
    from .discovery import discover
    from .scorer import EXTRA_HINT, context_available

    paths = paths or []
    if not paths and files_from is None:
        report_error("fix", "no PATHS given (or --files-from FILE)")
        raise typer.Exit(EXIT_ERROR)
    if context and not context_available():
        report_error("--context", f"context scoring needs the extra: {EXTRA_HINT}")
        raise typer.Exit(EXIT_ERROR)
    options = CheckOptions(min_confidence=min_confidence, context=context)
    globs = tuple(g.strip() for value in exclude or [] for g in value.split(",") if g.strip())
    excluded = Resolver(Overrides(use_config=False, exclude=globs)).excluded if globs else None
    found = discovery_options(include, files_from)
    console = Console(highlight=False, soft_wrap=True)
    tally = Tally()
    for path in discover(paths, found.patterns, excluded, files_from=found.files_from):
        if path == "-":
            if interactive:
                report_error("-", "--interactive reads answers from standard input")
                tally.errors = True
            else:
                _stdin(unsafe_fixes, options, tally)
            continue
        try:
            source = read_source(path)
            if interactive:
                _interactive(path, source, options, console, tally)
                continue
            new, part = _fix_text(source, unsafe_fixes, options)
            if write and new != source.document.text:
                write_text(source, new)
            _add(tally, part)
            if new == source.document.text:
                continue
            tally.changed = True
            if write:
                continue
            if diff or not console.is_terminal:
                sys.stdout.write(unified_diff(path, source.document.text, new))
                sys.stdout.flush()
            else:
                rich_diff(console, path, source.document.text, new)
        except MtfixError as error:
            report_error(path, error.cause)
            tally.errors = True
        except Exception as error:  # a bug on one file must not stop the run
            if os.environ.get("MTFIX_DEBUG"):
                raise
            report_error(path, f"internal error: {type(error).__name__}: {error}")
            tally.errors = True
    verb = "fixed" if write or interactive or "-" in paths else "would fix"
    sys.stderr.write(summary(tally.fixed, tally.left, verb) + "\n")
    if tally.errors:
        raise typer.Exit(EXIT_ERROR)
    showing = not (write or interactive or paths == ["-"])
    raise typer.Exit(EXIT_FINDINGS if showing and tally.changed else EXIT_CLEAN)
