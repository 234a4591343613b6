"""``mtfix check``, ``mtfix config`` and ``mtfix rules``."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from .cli_app import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
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
    stdout_console,
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


@app.command()
def check(
    paths: PathsArg = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="Output format.")
    ] = OutputFormat.text,
    min_confidence: MinConfidenceOpt = None,
    severity: SeverityOpt = None,
    no_suggestions: Annotated[
        bool, typer.Option("--no-suggestions", help="Detect only; skip the suggester.")
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Show the evidence behind each finding."),
    ] = False,
    kind: KindOpt = None,
    config_file: ConfigOpt = None,
    no_config: NoConfigOpt = False,
    select: SelectOpt = None,
    extend_select: ExtendSelectOpt = None,
    ignore: IgnoreOpt = None,
    exclude: ExcludeOpt = None,
    report_unused_suppressions: Annotated[
        bool,
        typer.Option(
            "--report-unused-suppressions",
            help="Report mtfix: ignore/off comments that matched nothing.",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Worker processes [default: CPU cores]."),
    ] = None,
    include: IncludeOpt = None,
    files_from: FilesFromOpt = None,
    context: Annotated[
        bool | None,
        typer.Option(
            "--context/--no-context",
            help="Score sentences with a language model: re-rank suggestions, find French "
            "words that are spinner swaps (needs the context extra; one process).",
        ),
    ] = None,
) -> None:
    """Report English intrusions. Exit 0: none; 1: findings; 2: input error; 130: interrupted."""
    from contextlib import closing

    from .batch import run_batch
    from .errors import MtfixError
    from .pipeline import CheckOptions
    from .progress import BatchProgress, stderr_console
    from .report import file_to_dict, render_text, to_json_document
    from .report_ci import github_lines, to_sarif
    from .suggest import context_would_help
    from .summary import Summary, render_summary

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
        raise typer.Exit(EXIT_ERROR) from None
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
                wants_context = wants_context or context_would_help(result.findings)
        except KeyboardInterrupt:
            summary.interrupted = True
    if summary.interrupted:
        sys.stdout.flush()
        render_summary(stderr_console(), summary)  # even when piped: say what was done
        raise typer.Exit(EXIT_INTERRUPTED)
    if output_format is OutputFormat.json:
        sys.stdout.write(json.dumps(to_json_document(results), ensure_ascii=False, indent=2) + "\n")
    elif output_format is OutputFormat.sarif:
        sys.stdout.write(json.dumps(to_sarif(results), ensure_ascii=False, indent=2) + "\n")
    if progress.enabled:
        render_summary(stderr_console(), summary)
    if wants_context:
        sys.stderr.write(context_note(context, resolver, (paths or ["."])[0]))
    if summary.errors:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FINDINGS if summary.findings else EXIT_CLEAN)


def context_note(context: bool | None, resolver: Resolver, path: str) -> str:
    """The note on standard error after a run that left a choice context scoring would
    make: only when the extra is missing (whoever installed it knows ``--context``) and
    neither ``--context/--no-context`` nor the config's ``context`` decided."""
    from .install_hint import context_extra_hint
    from .scorer import context_available

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
        from .install_hint import context_extra_hint
        from .scorer import context_available

        if not context_available():
            raise MtfixError(
                "--context", f"context scoring needs the extra: {context_extra_hint()}"
            )
    return replace(base, context=wanted)


@app.command("config")
def config_command(
    path: Annotated[str, typer.Argument(help="A file or folder.")] = ".",
    config_file: Annotated[
        str | None, typer.Option("--config", help="Use this config file.")
    ] = None,
    no_config: Annotated[bool, typer.Option("--no-config", help="Ignore config files.")] = False,
) -> None:
    """Show the settings in force for PATH and the file they come from."""
    from pathlib import Path

    from .config import Overrides, Resolver, describe
    from .errors import MtfixError

    try:
        resolver = Resolver(Overrides(config_file=config_file, use_config=not no_config))
        config = resolver.config(path)
        ignored = config.ignored_for(path)
        excluded = resolver.excluded(path, is_folder=path != "-" and Path(path).is_dir())
    except MtfixError as error:
        report_error(error.path, error.cause)
        raise typer.Exit(EXIT_ERROR) from None
    for warning in resolver.warnings:
        sys.stderr.write(f"mtfix: warning: {warning}\n")
    sys.stdout.write(describe(config, path))
    sys.stdout.write(f"# {path}: {'excluded' if excluded else 'checked'}")
    if ignored != config.ignore:
        sys.stdout.write(f"; ignored here: {', '.join(sorted(ignored))}")
    sys.stdout.write("\n")


@app.command("rules")
def rules_command(
    markdown: Annotated[bool, typer.Option("--markdown", help="As a Markdown table.")] = False,
) -> None:
    """List every rule: id, severity, on by default or not, its fix, what it finds."""
    from .rules import RULES, markdown_table

    if markdown:
        sys.stdout.write(markdown_table())
        return
    width = max(len(known.id) for known in RULES)
    for known in RULES:
        default = "on" if known.default else "off"
        if known.requires:
            default += f" (with {known.requires})"
        sys.stdout.write(
            f"{known.id:<{width}} {known.severity.value:<8} {default:<42} "
            f"{known.fix_policy:<13} {known.summary}\n"
        )
