"""``mtfix check`` without the command-line framework: the run behind the command, also
taken directly by the console script for a plain ``mtfix check PATH...`` (start-up)."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import TYPE_CHECKING

from .consoles import stdout_console
from .driver import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    DocumentType,
    SeverityLevel,
    make_resolver,
    plan_run,
    report_error,
    run_request,
)

if TYPE_CHECKING:
    from .config import Resolver
    from .pipeline import CheckOptions


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    github = "github"
    sarif = "sarif"


def check_files(
    paths: list[str] | None = None,
    output_format: OutputFormat = OutputFormat.text,
    min_confidence: float | None = None,
    severity: SeverityLevel | None = None,
    no_suggestions: bool = False,
    verbose: bool = False,
    kind: DocumentType | None = None,
    config_file: str | None = None,
    no_config: bool = False,
    select: list[str] | None = None,
    extend_select: list[str] | None = None,
    ignore: list[str] | None = None,
    exclude: list[str] | None = None,
    report_unused_suppressions: bool = False,
    jobs: int | None = None,
    include: list[str] | None = None,
    files_from: str | None = None,
    context: bool | None = None,
) -> int:
    """Check the files, write the report; returns the exit code (0: no finding; 1:
    findings; 2: input error; 130: interrupted). The defaults are the command's."""
    from contextlib import closing

    from .batch import run_batch
    from .errors import MtfixError
    from .pipeline import CheckOptions
    from .progress import BatchProgress, stderr_console
    from .report import file_to_dict, render_text, to_json_document
    from .summary import Summary, render_summary

    if output_format is OutputFormat.github:
        from .report_ci import github_lines

    request = run_request(
        "check",
        paths,
        files_from,
        include,
        exclude,
        config_file,
        no_config,
        select,
        [*(extend_select or []), *(["unused-suppression"] if report_unused_suppressions else [])],
        ignore,
        min_confidence,
        severity,
    )
    base = CheckOptions(suggest=not no_suggestions, kind=kind.value if kind else None)
    console = stdout_console()
    try:
        resolver = make_resolver(request)
        base = with_context(base, context, resolver, (paths or ["."])[0])
        jobs = 1 if base.context else jobs  # one model in memory, not one per worker
        planned = plan_run(request, base, resolver)
    except MtfixError as error:
        report_error(error.path, error.cause)
        return EXIT_ERROR
    keep = output_format in (OutputFormat.json, OutputFormat.sarif)
    results = []  # kept only for the formats written at the end
    summary = Summary()
    wants_context = False
    with BatchProgress(len(planned)) as progress, closing(run_batch(planned, jobs)) as checked:
        try:
            for result in checked:
                if result.error is not None:
                    report_error(result.path, result.error)
                if output_format is OutputFormat.text:
                    render_text(console, result, verbose)
                elif output_format is OutputFormat.jsonl:
                    line = json.dumps(file_to_dict(result), ensure_ascii=False)
                    sys.stdout.write(line + "\n")
                    sys.stdout.flush()
                elif output_format is OutputFormat.github:
                    for line in github_lines(result):
                        sys.stdout.write(line + "\n")
                if keep:
                    results.append(result)
                summary.add(result)
                progress.advance(len(result.findings))
                if result.findings and not wants_context:
                    from .suggest import context_would_help  # not for clean files: start-up

                    wants_context = context_would_help(result.findings)
        except KeyboardInterrupt:
            summary.interrupted = True
    if summary.interrupted:
        sys.stdout.flush()
        render_summary(stderr_console(), summary)  # even when piped: say what was done
        return EXIT_INTERRUPTED
    if output_format is OutputFormat.json:
        sys.stdout.write(json.dumps(to_json_document(results), ensure_ascii=False, indent=2) + "\n")
    elif output_format is OutputFormat.sarif:
        from .report_ci import to_sarif

        sys.stdout.write(json.dumps(to_sarif(results), ensure_ascii=False, indent=2) + "\n")
    if progress.enabled:
        render_summary(stderr_console(), summary)
    if wants_context:
        sys.stderr.write(context_note(context, resolver, (paths or ["."])[0]))
    if summary.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if summary.findings else EXIT_CLEAN


def context_note(context: bool | None, resolver: Resolver, path: str) -> str:
    """The note on standard error after a run that left a choice context scoring would
    make: only when the extra is missing (whoever installed it knows ``--context``) and
    neither ``--context/--no-context`` nor the config's ``context`` decided."""
    from .install_hint import context_available, context_extra_hint

    if context is not None or resolver.config(path).context is not None:
        return ""
    if context_available():
        return ""
    return (
        "mtfix: note: context scoring is off; --context would rank suggestions in their "
        "sentence and find French words that are spinner swaps, with the context extra: "
        f"{context_extra_hint()} (--no-context or 'context = false' in the config: no note)\n"
    )


def with_context(
    base: CheckOptions, context: bool | None, resolver: Resolver, path: str
) -> CheckOptions:
    """``base`` with ``context`` from the command line, else the ``context`` key of the config
    in force for the first path (the model is loaded once per run); an error without the
    extra."""
    from dataclasses import replace

    wanted = context if context is not None else bool(resolver.config(path).context)
    if wanted:
        from .errors import MtfixError
        from .install_hint import context_available, context_extra_hint

        if not context_available():
            raise MtfixError(
                "--context", f"context scoring needs the extra: {context_extra_hint()}"
            )
    return replace(base, context=wanted)


def check_plainly(paths: list[str]) -> None:
    """``mtfix check PATHS`` with every option at its default, as the typer command runs
    it (``tests/test_check_cli.py`` compares the two), without importing typer: the
    console script takes this way for a command line of plain paths. Exits as click
    does: Ctrl-C 130, a closed pipe 1."""
    import errno
    import os

    from .driver import escape_unprintable_names, guarded

    def run() -> None:
        try:
            code = check_files(paths)
        except KeyboardInterrupt:
            code = EXIT_INTERRUPTED
        except EOFError:
            sys.stderr.write("\nAborted!\n")
            code = 1
        except OSError as error:
            if error.errno != errno.EPIPE:
                raise
            # The reader went away: nothing more to write, nor to flush at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            code = 1
        sys.exit(code)

    escape_unprintable_names()
    guarded(run)
