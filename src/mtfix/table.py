"""Look-ups in a sorted, tab-separated word list without loading it.

The file is memory-mapped; the first look-up reads the first key of each block of
``BLOCK`` bytes (a few thousand keys), and each look-up then bisects those keys and
searches one block, so a check of a one-line file costs a few look-ups instead of
parsing hundreds of thousands of lines, and a look-up costs one search of 4 kB.
"""

from __future__ import annotations

import bisect
import functools
import mmap
from pathlib import Path

BLOCK = 4096  # bytes between two keys of the in-memory index


class SortedTable:
    """``key<TAB>value`` lines (every line has its tab) sorted by the UTF-8 bytes of the key."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with path.open("rb") as handle:
            self._data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        self._size = len(self._data)

    @functools.cached_property
    def _index(self) -> tuple[list[bytes], list[int]]:
        """The first key (with its tab) and offset of each block: the lines starting at or
        after each multiple of BLOCK."""
        data, size = self._data, self._size
        keys: list[bytes] = []
        starts: list[int] = []
        position = 0
        while position < size:
            end = data.find(b"\n", position)
            end = size if end < 0 else end
            tab = data.find(b"\t", position, end)
            keys.append(data[position : tab + 1] if tab >= 0 else data[position:end] + b"\t")
            starts.append(position)
            following = data.find(b"\n", position + BLOCK)
            if following < 0:
                break
            position = following + 1
        return keys, starts

    def get(self, key: str) -> str | None:
        wanted = key.encode("utf-8") + b"\t"
        keys, starts = self._index
        at = bisect.bisect_right(keys, wanted) - 1
        if at < 0:
            return None
        start = starts[at]
        end = starts[at + 1] if at + 1 < len(starts) else self._size
        if keys[at] == wanted:
            line_start = start
        else:
            found = self._data.find(b"\n" + wanted, start, end)
            if found < 0:
                return None
            line_start = found + 1
        line_end = self._data.find(b"\n", line_start)
        line_end = self._size if line_end < 0 else line_end
        return self._data[line_start + len(wanted) : line_end].decode("utf-8")

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def items(self):
        for raw in self._data[:].decode("utf-8").splitlines():
            key, _, value = raw.partition("\t")
            yield key, value
