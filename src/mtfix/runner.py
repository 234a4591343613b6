"""Find the files to check and check them, one result per file."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from .batch import Job
from .config import Resolver
from .document import read_document
from .errors import MtfixError
from .pipeline import CheckOptions, check_document
from .report import FileResult, make_result

DEFAULT_PATTERNS = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")


Excluded = Callable[[str, bool], bool]  # (path, is_folder) -> left out?


def _never(path: str, is_folder: bool) -> bool:
    return False


def discover(
    paths: Iterable[str],
    patterns: tuple[str, ...] = DEFAULT_PATTERNS,
    excluded: Excluded = _never,
) -> Iterator[str]:
    """Named files as given (errors surface when read); folders walked, sorted, hidden skipped.
    ``excluded`` (e.g. ``Resolver.excluded``) leaves out files and prunes folders, named
    files included, so that pre-commit's file lists honour ``exclude`` too."""
    for path in paths:
        if path != "-" and Path(path).is_dir():
            if not excluded(path, True):
                yield from _walk(Path(path), patterns, excluded)
        elif not excluded(path, False):
            yield path


def _walk(root: Path, patterns: tuple[str, ...], excluded: Excluded = _never) -> Iterator[str]:
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(
            d
            for d in subfolders
            if not d.startswith(".") and not excluded(os.path.join(folder, d), True)
        )
        for name in files:
            if not name.startswith(".") and any(Path(name).match(p) for p in patterns):
                path = os.path.join(folder, name)
                if not excluded(path, False):
                    found.append(path)
    yield from sorted(found)


def options_for(path: str, base: CheckOptions, resolver: Resolver) -> CheckOptions:
    """``base`` (the command line's options) with the settings in force for ``path``."""
    config = resolver.config(path)
    return replace(
        base,
        allow=base.allow | resolver.words(path),
        select=config.select,
        ignore=config.ignored_for(path),
        min_confidence=config.min_confidence or 0.0,
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
) -> list[Job]:
    """Every file to check with its options, in discovery order; config warnings go to
    ``warn`` as they appear."""
    jobs = []
    for path in discover(paths, excluded=resolver.excluded):
        jobs.append(Job(path, options_for(path, base, resolver)))
        for warning in resolver.warnings:
            warn(warning)
        resolver.warnings.clear()
    return jobs
