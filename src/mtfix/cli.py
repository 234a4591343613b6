"""The ``mtfix`` command line: thin; parses options and calls the pipeline."""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from . import __version__

if TYPE_CHECKING:
    from .config import Resolver
    from .pipeline import CheckOptions

app = typer.Typer(
    name="mtfix",
    help="Find and fix English intrusions in machine-translated French text.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    github = "github"
    sarif = "sarif"


class DocumentType(str, Enum):
    text = "text"
    markdown = "markdown"
    html = "html"


def stdout_console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def report_error(path: str, cause: str) -> None:
    from .document import display_path

    sys.stderr.write(f"mtfix: {display_path(path)}: {cause}\n")


DISCOVERY_OPTIONS_HELP = {
    "include": "Globs of file names to check in folders (comma-separated) "
    "[default: *.txt,*.md,*.markdown,*.html,*.htm].",
    "files_from": "Also check the paths listed in FILE, one a line (- reads standard input).",
}


def discovery_options(include: list[str] | None, files_from: str | None):
    from .discovery import DEFAULT_PATTERNS, DiscoveryOptions

    patterns = tuple(p.strip() for value in include or [] for p in value.split(",") if p.strip())
    return DiscoveryOptions(patterns or DEFAULT_PATTERNS, files_from)


def _version(value: bool) -> None:
    if value:
        print(f"mtfix {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of unexpected errors.")
    ] = False,
) -> None:
    """Find and fix English intrusions in machine-translated French text."""
    if debug:
        os.environ["MTFIX_DEBUG"] = "1"  # worker processes inherit it
    # File names that are not UTF-8 (surrogates) print as escapes, never crash the output.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


@app.command()
def check(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files or folders; - reads standard input.")
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="Output format.")
    ] = OutputFormat.text,
    min_confidence: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Hide findings below this confidence [default: 0]."),
    ] = None,
    no_suggestions: Annotated[
        bool, typer.Option("--no-suggestions", help="Detect only; skip the suggester.")
    ] = False,
    kind: Annotated[
        DocumentType | None,
        typer.Option("--type", help="Read every file as this type [default: from extension]."),
    ] = None,
    config_file: Annotated[
        str | None, typer.Option("--config", help="Use this config file for every path.")
    ] = None,
    no_config: Annotated[
        bool, typer.Option("--no-config", help="Ignore .mtfix.toml and pyproject.toml.")
    ] = False,
    select: Annotated[
        list[str] | None, typer.Option(help="Only these rule ids or prefixes (comma-separated).")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option(help="Skip these rule ids or prefixes (comma-separated).")
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option(help="Leave out paths matching these gitignore globs.")
    ] = None,
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
    include: Annotated[
        list[str] | None, typer.Option(help=DISCOVERY_OPTIONS_HELP["include"])
    ] = None,
    files_from: Annotated[
        str | None, typer.Option("--files-from", help=DISCOVERY_OPTIONS_HELP["files_from"])
    ] = None,
    context: Annotated[
        bool | None,
        typer.Option(
            "--context/--no-context",
            help="Score sentences with a language model: re-rank suggestions, find French "
            "words that are spinner swaps (pip install 'mtfix[context]'; one process).",
        ),
    ] = None,
) -> None:
    """Report English intrusions. Exit 0: none; 1: findings; 2: input error; 130: interrupted."""
    from contextlib import closing

    from .batch import run_batch
    from .config import Overrides, Resolver
    from .errors import MtfixError
    from .pipeline import CheckOptions
    from .progress import BatchProgress, stderr_console
    from .report import file_to_dict, render_text, to_json_document
    from .report_ci import github_lines, to_sarif
    from .runner import plan_jobs
    from .spun import context_would_help
    from .summary import Summary, render_summary

    def report_warning(warning: str) -> None:
        sys.stderr.write(f"mtfix: warning: {warning}\n")

    def split(values: list[str] | None) -> list[str]:
        return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]

    overrides = Overrides(
        config_file=config_file,
        use_config=not no_config,
        select=frozenset(split(select)) if select else None,
        ignore=frozenset(split(ignore)),
        exclude=tuple(split(exclude)),
        min_confidence=min_confidence,
    )
    base = CheckOptions(
        suggest=not no_suggestions,
        kind=kind.value if kind else None,
        report_unused_suppressions=report_unused_suppressions,
    )
    console = stdout_console()
    try:
        resolver = Resolver(overrides)
        base = with_context(base, context, resolver, (paths or ["."])[0])
        jobs = 1 if base.context else jobs  # one model in memory, not one per worker
        discovery = discovery_options(include, files_from)
        if not paths and files_from is None:
            raise MtfixError("check", "no PATHS given (or --files-from FILE)")
        planned = plan_jobs(paths or [], base, resolver, warn=report_warning, discovery=discovery)
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
                    render_text(console, result)
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
    if wants_context and not base.context:
        sys.stderr.write(CONTEXT_HINT)
    if summary.errors:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FINDINGS if summary.findings else EXIT_CLEAN)


CONTEXT_HINT = (
    "mtfix: note: context scoring is off; --context would rank suggestions in their "
    "sentence and find French words that are spinner swaps (pip install 'mtfix[context]')\n"
)


def with_context(
    base: CheckOptions, context: bool | None, resolver: Resolver, path: str
) -> CheckOptions:
    """``base`` with ``context`` from the command line, else the ``context`` key of the config
    in force for the first path (the model is loaded once per run); an error without the
    extra."""
    from dataclasses import replace

    from .errors import MtfixError
    from .scorer import EXTRA_HINT, context_available

    wanted = context if context is not None else bool(resolver.config(path).context)
    if wanted and not context_available():
        raise MtfixError("--context", f"context scoring needs the extra: {EXTRA_HINT}")
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


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("mtfix: interrupted\n")
        sys.exit(130)
    except Exception as error:  # a bug: one line, the traceback only with --debug
        if os.environ.get("MTFIX_DEBUG"):
            raise
        sys.stderr.write(f"mtfix: internal error: {type(error).__name__}: {error}\n")
        sys.stderr.write("mtfix: run with --debug for the traceback\n")
        sys.exit(EXIT_ERROR)


from . import cli_explain, cli_fix  # noqa: E402,F401
