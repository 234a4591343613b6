"""Find the files to check and check them, one result per file."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from .config import Resolver

# File discovery lives in discovery.py; re-exported for callers of runner.discover.
from .discovery import DEFAULT_PATTERNS, DiscoveryOptions, Excluded, discover  # noqa: F401
from .document import read_document
from .errors import MtfixError
from .models import Severity
from .pipeline import CheckOptions, check_document
from .report import FileResult, make_result


@dataclass(frozen=True, slots=True)
class Job:
    """One file to check, with the options in force for it."""

    path: str
    options: CheckOptions


def options_for(path: str, base: CheckOptions, resolver: Resolver) -> CheckOptions:
    """``base`` (the command line's options) with the settings in force for ``path``."""
    config = resolver.config(path)
    return replace(
        base,
        allow=base.allow | resolver.words(path),
        select=config.select,
        extend_select=config.extend_select,
        ignore=config.ignored_for(path),
        min_confidence=config.min_confidence or 0.0,
        severity=Severity(config.severity) if config.severity else base.severity,
    )


def check_path(path: str, options: CheckOptions) -> FileResult:
    try:
        document = read_document(path)
    except MtfixError as error:
        return FileResult(path, error=error.cause)
    findings = check_document(document, options)
    return make_result(path, document.text, document.encoding, findings)


def plan_jobs(
    paths: Iterable[str],
    base: CheckOptions,
    resolver: Resolver,
    warn: Callable[[str], None] = lambda message: None,
    discovery: DiscoveryOptions | None = None,
) -> list[Job]:
    """Every file to check with its options, in discovery order; config warnings go to
    ``warn`` as they appear."""
    jobs = []
    discovery = discovery or DiscoveryOptions()
    found = discover(
        paths,
        discovery.patterns,
        resolver.excluded,
        files_from=discovery.files_from,
        use_git=discovery.use_git,
    )
    for path in found:
        jobs.append(Job(path, options_for(path, base, resolver)))
        for warning in resolver.warnings:
            warn(warning)
        resolver.warnings.clear()
    return jobs
