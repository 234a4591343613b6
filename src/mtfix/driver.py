"""The one driver that turns a command line into files to check with the settings in
force for each, without the command-line framework (a plain ``mtfix check PATH...``
runs without importing typer: start-up).

``check``, ``fix`` (``--diff``, ``--write``, ``-i``) and the pre-commit hooks all go
through :func:`plan_run`: discovery, configuration files, command-line overrides,
rule selection, suppressions and min-confidence are applied once, the same way.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .config import Resolver
    from .pipeline import CheckOptions
    from .runner import Job

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130


class SeverityLevel(str, Enum):
    error = "error"
    warning = "warning"


class DocumentType(str, Enum):
    text = "text"
    markdown = "markdown"
    html = "html"


def report_error(path: str, cause: str) -> None:
    from .document import display_path

    sys.stderr.write(f"mtfix: {display_path(path)}: {cause}\n")


def report_warning(warning: str) -> None:
    sys.stderr.write(f"mtfix: warning: {warning}\n")


def split(values: list[str] | None) -> list[str]:
    """``--select a,b --select c`` → ``[a, b, c]``."""
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


@dataclass(frozen=True)
class RunRequest:
    """What a command line asks of the driver."""

    command: str = "check"
    paths: tuple[str, ...] = ()
    files_from: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    config_file: str | None = None
    use_config: bool = True
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_confidence: float | None = None
    severity: str | None = None


def run_request(
    command: str,
    paths: list[str] | None,
    files_from: str | None,
    include: list[str] | None,
    exclude: list[str] | None,
    config_file: str | None,
    no_config: bool,
    select: list[str] | None,
    extend_select: list[str] | None,
    ignore: list[str] | None,
    min_confidence: float | None,
    severity: SeverityLevel | None = None,
) -> RunRequest:
    return RunRequest(
        command=command,
        paths=tuple(paths or ()),
        files_from=files_from,
        include=tuple(split(include)),
        exclude=tuple(split(exclude)),
        config_file=config_file,
        use_config=not no_config,
        select=tuple(split(select)) if select else None,
        extend_select=tuple(split(extend_select)),
        ignore=tuple(split(ignore)),
        min_confidence=min_confidence,
        severity=severity.value if severity else None,
    )


def make_resolver(request: RunRequest) -> Resolver:
    """The configuration resolver for a command line; ``MtfixError`` on a bad config
    file or an unknown rule id."""
    from .config import Overrides, Resolver

    return Resolver(
        Overrides(
            config_file=request.config_file,
            use_config=request.use_config,
            select=frozenset(request.select) if request.select is not None else None,
            extend_select=frozenset(request.extend_select),
            ignore=frozenset(request.ignore),
            exclude=request.exclude,
            min_confidence=request.min_confidence,
            severity=request.severity,
        )
    )


def plan_run(request: RunRequest, base: CheckOptions, resolver: Resolver) -> list[Job]:
    """Every file the command line names, with the settings in force for it; config
    warnings go to standard error. ``MtfixError`` when nothing is named."""
    from .discovery import DEFAULT_PATTERNS, DiscoveryOptions
    from .errors import MtfixError
    from .runner import plan_jobs

    if not request.paths and request.files_from is None:
        raise MtfixError(request.command, "no PATHS given (or --files-from FILE)")
    discovery = DiscoveryOptions(request.include or DEFAULT_PATTERNS, request.files_from)
    return plan_jobs(request.paths, base, resolver, warn=report_warning, discovery=discovery)


def escape_unprintable_names() -> None:
    """File names that are not UTF-8 (surrogates) print as escapes, never crash the output."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def guarded(command: Callable[[], object]) -> None:
    """Run ``command``: Ctrl-C exits 130 with one line, a bug exits 2 with one line (the
    traceback only with ``--debug``)."""
    try:
        command()
    except KeyboardInterrupt:
        sys.stderr.write("mtfix: interrupted\n")
        sys.exit(EXIT_INTERRUPTED)
    except Exception as error:  # a bug: one line, the traceback only with --debug
        if os.environ.get("MTFIX_DEBUG"):
            raise
        sys.stderr.write(f"mtfix: internal error: {type(error).__name__}: {error}\n")
        sys.stderr.write("mtfix: run with --debug for the traceback\n")
        sys.exit(EXIT_ERROR)
