"""The Typer app and the options every command shares; the driver behind the commands
is ``driver.py`` (re-exported here)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from . import __version__
from .consoles import stdout_console  # noqa: F401  (the commands' console)
from .driver import (  # noqa: F401  (the commands import the driver from here)
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    DocumentType,
    RunRequest,
    SeverityLevel,
    escape_unprintable_names,
    guarded,
    make_resolver,
    plan_run,
    report_error,
    report_warning,
    run_request,
    split,
)

app = typer.Typer(
    name="mtfix",
    help="Find and fix English intrusions in machine-translated French text.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# --- options shared by check and fix -------------------------------------------------

PathsArg = Annotated[
    list[str] | None, typer.Argument(help="Files or folders; - reads standard input.")
]
MinConfidenceOpt = Annotated[
    float | None,
    typer.Option(min=0.0, max=1.0, help="Hide findings below this confidence [default: 0]."),
]
KindOpt = Annotated[
    DocumentType | None,
    typer.Option("--type", help="Read every file as this type [default: from extension]."),
]
ConfigOpt = Annotated[
    str | None, typer.Option("--config", help="Use this config file for every path.")
]
NoConfigOpt = Annotated[
    bool, typer.Option("--no-config", help="Ignore .mtfix.toml and pyproject.toml.")
]
SelectOpt = Annotated[
    list[str] | None,
    typer.Option(help="Only these rule ids or prefixes (comma-separated; see 'mtfix rules')."),
]
ExtendSelectOpt = Annotated[
    list[str] | None,
    typer.Option(help="Add these rules to the selected ones (e.g. opt-in rules)."),
]
IgnoreOpt = Annotated[
    list[str] | None, typer.Option(help="Skip these rule ids or prefixes (comma-separated).")
]
ExcludeOpt = Annotated[
    list[str] | None, typer.Option(help="Leave out paths matching these gitignore globs.")
]
IncludeOpt = Annotated[
    list[str] | None,
    typer.Option(
        help="Globs of file names to check in folders (comma-separated) "
        "[default: *.txt,*.md,*.markdown,*.html,*.htm]."
    ),
]
SeverityOpt = Annotated[
    SeverityLevel | None,
    typer.Option(
        help="The least severe findings to report: error (English in French) or warning "
        "(also typography and duplicated lines) [default: warning]."
    ),
]
FilesFromOpt = Annotated[
    str | None,
    typer.Option(
        "--files-from", help="Also check the paths listed in FILE, one a line (- reads stdin)."
    ),
]


def run() -> None:
    """Run the app on the command line; the process's exit code says how it went."""
    guarded(app)


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
    escape_unprintable_names()
