"""Find the files to check and check them, one result per file."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .document import read_document
from .errors import MtfixError
from .pipeline import CheckOptions, check_document
from .report import FileResult, make_result

DEFAULT_PATTERNS = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")


def discover(paths: Iterable[str], patterns: tuple[str, ...] = DEFAULT_PATTERNS) -> Iterator[str]:
    """Named files as given (errors surface when read); folders walked, sorted, hidden skipped."""
    for path in paths:
        if path != "-" and Path(path).is_dir():
            yield from _walk(Path(path), patterns)
        else:
            yield path


def _walk(root: Path, patterns: tuple[str, ...]) -> Iterator[str]:
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in files:
            if not name.startswith(".") and any(Path(name).match(p) for p in patterns):
                found.append(os.path.join(folder, name))
    yield from sorted(found)


def check_path(path: str, options: CheckOptions) -> FileResult:
    try:
        document = read_document(path)
    except MtfixError as error:
        return FileResult(path, error=error.cause)
    findings = check_document(document, options)
    return make_result(path, document.text, document.encoding, findings)
