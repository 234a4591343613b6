"""Show a change: a standard unified diff, or a Rich word-level diff for terminals."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator

from rich.console import Console
from rich.text import Text

NO_NEWLINE = "\\ No newline at end of file\n"
_PIECES = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def diff_path(path: str) -> str:
    """The path as written in the headers: relative to the current folder when it
    can be, with forward slashes, so ``git apply`` and ``patch -p1`` find it."""
    if path == "-":
        return "stdin"
    if os.path.isabs(path):
        relative = os.path.relpath(path)
        if not relative.startswith(".."):
            path = relative
    return os.path.normpath(path).replace(os.sep, "/").lstrip("/")


def unified_diff(path: str, old: str, new: str, context: int = 3) -> str:
    """``--- a/PATH`` / ``+++ b/PATH`` unified diff, usable by ``git apply`` and
    ``patch -p1``. Lines keep their own endings (``\\r\\n`` stays in the diff), and a
    missing final newline gets the usual ``\\ No newline at end of file`` marker."""
    if old == new:
        return ""
    name = diff_path(path)
    lines = difflib.unified_diff(
        split_lines(old),
        split_lines(new),
        f"a/{name}",
        f"b/{name}",
        n=context,
    )
    out: list[str] = []
    for index, line in enumerate(lines):
        if index < 2 or line.endswith("\n"):  # difflib's headers end with "\n" already
            out.append(line)
        else:
            out.append(line + "\n" + NO_NEWLINE)
    return "".join(out)


def split_lines(text: str) -> list[str]:
    r"""Lines with their endings, split on ``\n`` only (not on ``\u2028``, ``\f``...)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def _display_lines(text: str) -> list[str]:
    return [line.rstrip("\n").removesuffix("\r") for line in split_lines(text)]


def word_diff(old: str, new: str) -> Text:
    """One line with removed words struck through in red and added words in green,
    like ``git diff --word-diff``."""
    a, b = _PIECES.findall(old), _PIECES.findall(new)
    text = Text()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            text.append("".join(a[i1:i2]))
            continue
        if i2 > i1:
            text.append("".join(a[i1:i2]), style="bold red strike")
        if j2 > j1:
            text.append("".join(b[j1:j2]), style="bold green")
    return text


def _hunks(old_lines: list[str], new_lines: list[str], context: int) -> Iterator[list[tuple]]:
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    yield from matcher.get_grouped_opcodes(context)


def rich_diff(console: Console, path: str, old: str, new: str, context: int = 2) -> None:
    """Print a word-level diff of ``old`` → ``new`` with line numbers and context.

    Lines are diffed first; words only between the two versions of one line (a changed
    block's lines are paired by similarity), so words of different lines never mix."""
    if old == new:
        return
    old_lines, new_lines = _display_lines(old), _display_lines(new)
    console.print(Text(diff_path(path), style="bold"))
    width = len(str(max(len(old_lines), len(new_lines), 1)))
    for number, group in enumerate(_hunks(old_lines, new_lines, context)):
        if number:
            console.print(Text(" " * width + " ⋮", style="dim"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                for k in range(i1, i2):
                    _row(console, width, k + 1, Text(old_lines[k], style="dim"))
                continue
            for i, j in pair_lines(old_lines[i1:i2], new_lines[j1:j2]):
                if i is not None and j is not None:
                    body = word_diff(old_lines[i1 + i], new_lines[j1 + j])
                    _row(console, width, j1 + j + 1, body)
                elif i is not None:
                    body = Text(old_lines[i1 + i], style="bold red strike")
                    _row(console, width, i1 + i + 1, body, "-")
                elif j is not None:
                    _row(
                        console, width, j1 + j + 1, Text(new_lines[j1 + j], style="bold green"), "+"
                    )


PAIR_CUTOFF = 0.5  # share of word pieces two lines must have in common to be one line
MAX_PAIRING = 2_500  # old x new lines of a block beyond which no pairing is tried


def pair_lines(old: list[str], new: list[str]) -> list[tuple[int | None, int | None]]:
    """The lines of a changed block in order: ``(i, j)`` for the two versions of one line,
    ``(i, None)`` for a removed line, ``(None, j)`` for an added one. As ``difflib.Differ``
    does, the most similar pair is taken first, then the lines before and after it."""
    if len(old) * len(new) > MAX_PAIRING:
        return [(i, None) for i in range(len(old))] + [(None, j) for j in range(len(new))]
    pieces_old = [_PIECES.findall(line) for line in old]
    pieces_new = [_PIECES.findall(line) for line in new]

    def align(a1: int, a2: int, b1: int, b2: int) -> list[tuple[int | None, int | None]]:
        # depth <= the pairs found <= min(len(old), len(new)) <= sqrt(MAX_PAIRING)
        best = _most_similar(pieces_old, pieces_new, a1, a2, b1, b2)
        if best is None:
            return [(i, None) for i in range(a1, a2)] + [(None, j) for j in range(b1, b2)]
        i, j = best
        return [*align(a1, i, b1, j), (i, j), *align(i + 1, a2, j + 1, b2)]

    return align(0, len(old), 0, len(new))


def _most_similar(
    old: list[list[str]], new: list[list[str]], a1: int, a2: int, b1: int, b2: int
) -> tuple[int, int] | None:
    best, best_ratio = None, PAIR_CUTOFF
    matcher = difflib.SequenceMatcher(autojunk=False)
    for j in range(b1, b2):
        matcher.set_seq2(new[j])
        for i in range(a1, a2):
            matcher.set_seq1(old[i])
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio or (best is None and ratio == best_ratio):
                best, best_ratio = (i, j), ratio
    return best


def _row(console: Console, width: int, number: int, body: Text, mark: str = " ") -> None:
    row = Text()
    row.append(f"{number:>{width}}{mark}│ ", style="cyan")
    row.append_text(body)
    console.print(row)
