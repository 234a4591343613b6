"""``mtfix fix``: show the changes as a diff, or write them (safely), or review them.

Files, settings and rules come from the same driver as ``mtfix check``
(``cli_app.plan_run``): what ``check`` is silent on, ``fix`` leaves alone.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Annotated

import typer

from .cli_app import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    ConfigOpt,
    ExcludeOpt,
    ExtendSelectOpt,
    FilesFromOpt,
    IgnoreOpt,
    IncludeOpt,
    KindOpt,
    MinConfidenceOpt,
    NoConfigOpt,
    PathsArg,
    SelectOpt,
    SeverityOpt,
    app,
    make_resolver,
    plan_run,
    report_error,
    run_request,
)
from .errors import MtfixError
from .fix import apply_fixes, fit_encoding, summary
from .models import Document, Finding
from .pipeline import CheckOptions
from .planning import fix_until_stable, plan
from .writer import Source, encode, read_source, source_from_bytes, write_text

if TYPE_CHECKING:
    from rich.console import Console


def find_findings(document: Document, options: CheckOptions) -> list[Finding]:
    """Findings with suggestions and fixes for one document (tests replace this)."""
    from .pipeline import check_document

    return check_document(document, options)


@dataclass
class Tally:
    fixed: int = 0
    left: list[str] = field(default_factory=list)  # one reason per finding left
    changed: bool = False
    errors: bool = False


def _fix_text(source: Source, unsafe: bool, options: CheckOptions) -> tuple[str, Tally]:
    """The fixed text (checked again until no selected fix is left), and a tally of what
    was fixed and what was left."""
    document = source.document
    fixed = fix_until_stable(
        document.text,
        lambda text: find_findings(replace(document, text=text), options),
        unsafe,
        encoding=document.encoding,
    )
    return fixed.text, Tally(fixed.applied, list(fixed.left))


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
) -> bool:
    """Review one file; False when the user left the run (``q``). Ctrl-C propagates
    (exit 130) once the file is said to be unwritten."""
    from .interactive import review, rich_ask

    text = source.document.text
    planned = plan(text, find_findings(source.document, options))

    def location(finding: Finding) -> str:
        line = text.count("\n", 0, finding.start) + 1
        column = finding.start - (text.rfind("\n", 0, finding.start) + 1) + 1
        return f"{path}:{line}:{column}"

    try:
        choice = review(console, location, text, planned, rich_ask(console))
    except KeyboardInterrupt:
        report_error(path, "interrupted, not written")
        raise
    if not choice.write:
        tally.left += ["skipped"] * len(planned)
        return not choice.stop
    encoding = source.document.encoding
    fitted = (fit_encoding(text, fix, encoding) for fix in choice.fixes)
    result = apply_fixes(text, [fix for fix in fitted if fix is not None])
    if write_text(source, result.text):
        tally.changed = True
    tally.fixed += len(result.applied)
    tally.left += ["skipped"] * (len(planned) - len(result.applied))
    return True


@app.command()
def fix(
    paths: PathsArg = None,
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
    min_confidence: MinConfidenceOpt = None,
    severity: SeverityOpt = None,
    kind: KindOpt = None,
    config_file: ConfigOpt = None,
    no_config: NoConfigOpt = False,
    select: SelectOpt = None,
    extend_select: ExtendSelectOpt = None,
    ignore: IgnoreOpt = None,
    exclude: ExcludeOpt = None,
    include: IncludeOpt = None,
    files_from: FilesFromOpt = None,
    context: Annotated[
        bool | None,
        typer.Option(
            "--context/--no-context",
            help="Score sentences with a language model: re-rank suggestions, find French "
            "words that are spinner swaps (their fixes are unsafe; needs the context extra).",
        ),
    ] = None,
) -> None:
    """Show fixes as a diff (exit 1 if anything would change), or apply them with --write."""
    from .cli_check import with_context

    request = run_request(
        "fix",
        paths,
        files_from,
        include,
        exclude,
        config_file,
        no_config,
        select,
        extend_select,
        ignore,
        min_confidence,
        severity,
    )
    try:
        resolver = make_resolver(request)
        base = CheckOptions(kind=kind.value if kind else None)
        base = with_context(base, context, resolver, (paths or ["."])[0])
        jobs = plan_run(request, base, resolver)
    except MtfixError as error:
        report_error(error.path, error.cause)
        raise typer.Exit(EXIT_ERROR) from None
    from rich.console import Console

    from .diff import rich_diff, unified_diff

    console = Console(highlight=False, soft_wrap=True)
    tally = Tally()
    for job in jobs:
        path, options = job.path, job.options
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
                if not _interactive(path, source, options, console, tally):
                    break
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
    verb = "fixed" if write or interactive or "-" in request.paths else "would fix"
    sys.stderr.write(summary(tally.fixed, tally.left, verb) + "\n")
    if tally.errors:
        raise typer.Exit(EXIT_ERROR)
    showing = not (write or interactive or list(request.paths) == ["-"])
    raise typer.Exit(EXIT_FINDINGS if showing and tally.changed else EXIT_CLEAN)
