"""Offsets of line starts, shared by everything that turns offsets into lines."""

from __future__ import annotations


def line_starts(text: str) -> list[int]:
    """Offset of the first character of each line (``\\n``-separated; ``\\r`` stays inside)."""
    starts = [0]
    index = text.find("\n")
    while index >= 0:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts
