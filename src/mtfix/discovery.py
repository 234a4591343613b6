"""Which files a run checks: named files, folders walked, ``--files-from`` lists.

- A named file is yielded as given, whatever it is: reading it reports why it cannot be
  checked (missing, a folder, a FIFO, binary...), so the rest of the run goes on.
- A folder is walked recursively for ``patterns`` (``--include``), hidden files and
  folders skipped. Inside a git work tree, ``git ls-files --cached --others
  --exclude-standard`` lists the files, so ``.gitignore`` is honoured; without git, a
  plain walk. Symbolic links to folders are not followed (no loops); links to files
  are yielded (a dangling one or a loop is then reported when read). Binary files,
  FIFOs, devices and sockets found in a folder are skipped with a note (``on_skip``).
- ``files_from`` names a file (``-``: standard input) holding one path a line.
- Output is sorted per folder and free of duplicates; ``excluded`` (e.g.
  ``Resolver.excluded``) leaves out files, named files included; a file is judged with
  its folders, so a later ``!`` pattern re-includes a file under an excluded folder.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase

from .document import file_kind, is_binary, read_bytes
from .errors import MtfixError

DEFAULT_PATTERNS = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")

Excluded = Callable[[str, bool], bool]  # (path, is_folder) -> left out?
Skipped = Callable[[str, str], None]  # (path, why) -> None


@dataclass(frozen=True)
class DiscoveryOptions:
    """The command line's say on discovery: ``--include``, ``--files-from``."""

    patterns: tuple[str, ...] = DEFAULT_PATTERNS
    files_from: str | None = None
    use_git: bool = True


def _never(path: str, is_folder: bool) -> bool:
    return False


def note_skipped(path: str, why: str) -> None:
    from .document import display_path

    sys.stderr.write(f"mtfix: {display_path(path)}: skipped ({why})\n")


def discover(
    paths: Iterable[str],
    patterns: tuple[str, ...] = DEFAULT_PATTERNS,
    excluded: Excluded | None = None,
    *,
    files_from: str | None = None,
    on_skip: Skipped | None = note_skipped,
    use_git: bool = True,
) -> Iterator[str]:
    """The files to check, in order: ``paths``, then those listed in ``files_from``.

    A ``files_from`` that cannot be read (missing, a folder...) is yielded itself, so
    that reading it reports the cause like any unreadable input.
    """
    excluded = excluded or _never
    patterns = patterns or DEFAULT_PATTERNS
    seen: set[str] = set()
    named = list(paths)
    unreadable = None
    if files_from is not None:
        try:
            named += read_path_list(files_from)
        except MtfixError:
            named.append(unreadable := files_from)
    for path in named:
        if path != "-" and path != unreadable and os.path.isdir(path):
            found = _git_files(path) if use_git else None
            if found is None:
                found = _walk(path)
            for file in _select(path, found, patterns, excluded, on_skip):
                if file not in seen:
                    seen.add(file)
                    yield file
        elif not excluded(path, False) and (path == "-" or path not in seen):
            seen.add(path)
            yield path


def read_path_list(source: str) -> list[str]:
    """Paths from a file, one a line (``-``: standard input); blank lines skipped. Names
    that are not UTF-8 are kept (``os.fsdecode``)."""
    data = sys.stdin.buffer.read() if source == "-" else read_bytes(source)
    lines = data.split(b"\0") if b"\0" in data else data.splitlines()
    return [os.fsdecode(line) for line in lines if line.strip()]


def _walk(root: str) -> list[str]:
    """Every non-hidden file under ``root``; folder symlinks are not followed."""
    found = []
    for folder, subfolders, files in os.walk(root, onerror=None, followlinks=False):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        found += [os.path.join(folder, name) for name in files if not name.startswith(".")]
    return found


def _git_files(root: str) -> list[str] | None:
    """Files git sees under ``root`` (tracked and untracked, not ignored), or None when
    ``root`` is not in a work tree or git is missing."""
    import subprocess  # only a folder needs it: a check of files starts without it

    try:
        inside = subprocess.run(
            ["git", "-C", root, "rev-parse", "--is-inside-work-tree"],
            capture_output=True,
            timeout=30,
        )
        if inside.returncode != 0 or inside.stdout.strip() != b"true":
            return None
        listed = subprocess.run(
            ["git", "-C", root, "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            capture_output=True,
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if listed.returncode != 0:
        return None
    names = (os.fsdecode(name) for name in listed.stdout.split(b"\0") if name)
    return [
        os.path.join(root, name)
        for name in names
        if not any(part.startswith(".") for part in name.split("/"))
        and os.path.lexists(os.path.join(root, name))  # --cached lists deleted files
    ]


def _select(
    root: str,
    found: list[str],
    patterns: tuple[str, ...],
    excluded: Excluded,
    on_skip: Skipped | None,
) -> Iterator[str]:
    # Each file is judged whole (its folders included), never by pruning its folder: a
    # later ``!`` pattern may re-include a file under an excluded folder, as ``mtfix
    # config`` reports (the walk lists every file anyway).
    for path in sorted(found):
        name = os.path.basename(path)
        if not any(fnmatchcase(name, p) or fnmatchcase(name.lower(), p) for p in patterns):
            continue
        if excluded(path, False):
            continue
        why = _not_text(path)
        if why:
            if on_skip is not None:
                on_skip(path, why)
            continue
        yield path


def _not_text(path: str) -> str:
    """Why a file found in a folder is skipped: a FIFO, a device, a binary file; ""
    for files to check (unreadable ones included: reading them reports the cause)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return ""
    if stat.S_ISDIR(mode):
        return "a directory"
    if not stat.S_ISREG(mode):
        return file_kind(mode)
    return "binary file" if is_binary(path) else ""
