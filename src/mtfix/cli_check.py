"""``mtfix check``, ``mtfix config`` and ``mtfix rules``."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from .check_run import OutputFormat, check_files, context_note, with_context  # noqa: F401
from .cli_app import (
    EXIT_ERROR,
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
    report_error,
)


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
    code = check_files(
        paths,
        output_format,
        min_confidence,
        severity,
        no_suggestions,
        verbose,
        kind,
        config_file,
        no_config,
        select,
        extend_select,
        ignore,
        exclude,
        report_unused_suppressions,
        jobs,
        include,
        files_from,
        context,
    )
    raise typer.Exit(code)


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
