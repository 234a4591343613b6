"""The ``mtfix`` command line: thin; parses options and calls the pipeline."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated

import typer
from rich.console import Console

from . import __version__

app = typer.Typer(
    name="mtfix",
    help="Find and fix English intrusions in machine-translated French text.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


def stdout_console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def report_error(path: str, cause: str) -> None:
    sys.stderr.write(f"mtfix: {path}: {cause}\n")


def _version(value: bool) -> None:
    if value:
        print(f"mtfix {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Find and fix English intrusions in machine-translated French text."""


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files or folders; - reads standard input.")],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="Output format.")
    ] = OutputFormat.text,
    min_confidence: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Hide findings below this confidence.")
    ] = 0.0,
    no_suggestions: Annotated[
        bool, typer.Option("--no-suggestions", help="Detect only; skip the suggester.")
    ] = False,
) -> None:
    """Report English intrusions. Exit 0: none; 1: findings; 2: an input error."""
    from .pipeline import CheckOptions
    from .report import render_text, to_json_document
    from .runner import check_path, discover

    options = CheckOptions(min_confidence=min_confidence, suggest=not no_suggestions)
    console = stdout_console()
    results = []
    for path in discover(paths):
        result = check_path(path, options)
        if result.error is not None:
            report_error(path, result.error)
        elif output_format is OutputFormat.text:
            render_text(console, result)
        results.append(result)
    if output_format is OutputFormat.json:
        sys.stdout.write(json.dumps(to_json_document(results), ensure_ascii=False, indent=2) + "\n")
    if any(r.error is not None for r in results):
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FINDINGS if any(r.findings for r in results) else EXIT_CLEAN)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("mtfix: interrupted\n")
        sys.exit(130)


from . import cli_fix  # noqa: E402,F401
