"""Look-ups in a sorted, tab-separated word list without loading it.

The file is memory-mapped and bisected, so a check of a one-line file costs a
few look-ups instead of parsing hundreds of thousands of lines.
"""

from __future__ import annotations

import mmap
from pathlib import Path


class SortedTable:
    """``key<TAB>value`` lines sorted by the UTF-8 bytes of the key."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with path.open("rb") as handle:
            self._data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        self._size = len(self._data)

    def get(self, key: str) -> str | None:
        wanted = key.encode("utf-8") + b"\t"
        data = self._data
        low, high = 0, self._size
        # Invariant: the line we look for starts at an offset in [low, high).
        while low < high:
            middle = (low + high) // 2
            line_start = data.rfind(b"\n", 0, middle) + 1
            line_end = data.find(b"\n", line_start)
            if line_end < 0:
                line_end = self._size
            line = data[line_start:line_end]
            tab = line.find(b"\t")
            line_key = line[: tab + 1] if tab >= 0 else line + b"\t"
            if line_key == wanted:
                return line[tab + 1 :].decode("utf-8")
            if line_key < wanted:
                low = line_end + 1
            else:
                high = line_start
        return None

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def items(self):
        for raw in self._data[:].decode("utf-8").splitlines():
            key, _, value = raw.partition("\t")
            yield key, value
