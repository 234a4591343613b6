"""SortedTable's block index finds exactly what a full read of the file finds."""

from __future__ import annotations

import random

from mtfix import table
from mtfix.lexicon import wordlists_dir
from mtfix.table import SortedTable


def test_every_key_of_a_small_table_and_no_other(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(table, "BLOCK", 16)  # many blocks, keys on their edges
    rows = {f"k{n:03d}é": f"v{n}" for n in range(0, 300, 3)}
    path = tmp_path / "t.tsv"
    lines = sorted(f"{k}\t{v}" for k, v in rows.items())
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    found = SortedTable(path)
    for n in range(-1, 302):
        key = f"k{n:03d}é"
        assert found.get(key) == rows.get(key), key
    for missing in ("", "a", "k", "k000", "k000é\t", "zzz", "k299é"):
        assert found.get(missing) is None


def test_word_list_look_ups_match_its_lines() -> None:
    path = wordlists_dir() / "words.tsv"
    items = list(SortedTable(path).items())
    rows = dict(items)
    found = SortedTable(path)
    rng = random.Random(4)
    for key, value in rng.sample(items, 3000) + items[:5] + items[-5:]:
        assert found.get(key) == value
        for near in (key + "a", key[:-1], key + "\u00e9"):
            assert found.get(near) == rows.get(near)
