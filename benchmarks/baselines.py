"""Baselines mtfix is measured against (see /work/shared/BASELINES.md).

Each baseline takes a document text and returns ``Flag``s: the same shape the
benchmark builds from mtfix's JSON findings, so one scorer serves every system.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
SENTENCE_END = ".!?…"
OPENERS = "«“\"'‘([—–- \t\u00a0\u202f"
NAIVE_MARGIN = 1.0  # English Zipf must beat French Zipf by this much (10× more frequent)


@dataclass(frozen=True)
class Flag:
    """One flagged stretch of text and its suggestions, best first."""

    start: int
    end: int
    text: str
    suggestions: tuple[str, ...] = ()


def words(text: str) -> Iterable[re.Match[str]]:
    return WORD_RE.finditer(text)


def count_words(text: str) -> int:
    return sum(1 for _ in words(text))


def is_sentence_start(text: str, start: int) -> bool:
    """True when only opening punctuation separates ``start`` from a sentence end or line start."""
    index = start - 1
    while index >= 0 and text[index] in OPENERS:
        index -= 1
    return index < 0 or text[index] in SENTENCE_END or text[index] == "\n"


def is_mid_sentence_capital(text: str, match: re.Match[str]) -> bool:
    return match.group()[0].isupper() and not is_sentence_start(text, match.start())


# --- naive wordfreq rule -------------------------------------------------------------


@cache
def _looks_english(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= zipf_frequency(word, "fr") + NAIVE_MARGIN


def warm_up_naive() -> None:
    """Load wordfreq's tables so that timing measures the rule, not the start-up."""
    _looks_english("warm")


def naive_flags(text: str) -> list[Flag]:
    """Words whose English Zipf ≥ French Zipf + 1, mid-sentence capitalised words skipped."""
    return [
        Flag(m.start(), m.end(), m.group())
        for m in words(text)
        if not is_mid_sentence_capital(text, m) and _looks_english(m.group().lower())
    ]


# --- hunspell fr_FR (pipe protocol) ----------------------------------------------------


def hunspell_available(dictionary: str = "fr_FR") -> bool:
    if shutil.which("hunspell") is None:
        return False
    probe = subprocess.run(
        ["hunspell", "-d", dictionary, "-a", "-i", "utf-8"],
        input="^bonjour\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    return probe.returncode == 0 and "*" in probe.stdout


def _hunspell(args: Sequence[str], lines: Sequence[str], dictionary: str) -> str:
    run = subprocess.run(
        ["hunspell", "-d", dictionary, "-i", "utf-8", *args],
        input="".join(f"{line}\n" for line in lines),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return run.stdout


def hunspell_rejected(unique_words: Sequence[str], dictionary: str = "fr_FR") -> set[str]:
    """One ``hunspell -L`` run (one word a line): the lines it rejects, no suggestions."""
    return set(_hunspell(["-L"], unique_words, dictionary).splitlines())


def hunspell_suggestions(
    unique_words: Sequence[str], dictionary: str = "fr_FR"
) -> dict[str, tuple[str, ...]]:
    """``hunspell -a`` (pipe protocol): each rejected word's suggestions, best first.

    Suggestions are slow (up to 0.1 s a word), so ask only for the words whose
    suggestions count, in one batch per CPU, run side by side.
    """
    jobs = max(1, min(os.cpu_count() or 1, len(unique_words)))
    chunks = [list(unique_words[i::jobs]) for i in range(jobs)]
    with ThreadPoolExecutor(jobs) as pool:
        parts = pool.map(lambda chunk: _suggest_batch(chunk, dictionary), chunks)
    return {word: found for part in parts for word, found in part.items()}


def cached_hunspell_suggestions(
    unique_words: Sequence[str], cache: Path, dictionary: str = "fr_FR"
) -> dict[str, tuple[str, ...]]:
    """``hunspell_suggestions`` through a JSON cache file (word → suggestions, [] if accepted)."""
    key = f"{dictionary} {_hunspell_version()}"
    stored = json.loads(cache.read_text(encoding="utf-8")) if cache.exists() else {}
    known: dict[str, list[str] | None] = stored.get(key, {})
    missing = [w for w in unique_words if w not in known]
    if missing:
        found = hunspell_suggestions(missing, dictionary)
        known.update({w: list(found[w]) if w in found else None for w in missing})
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps({key: known}, ensure_ascii=False), encoding="utf-8")
    return {w: tuple(known[w]) for w in unique_words if known[w] is not None}


def _hunspell_version() -> str:
    return _hunspell(["-a"], [], "fr_FR").split("\n", 1)[0]


def _suggest_batch(unique_words: Sequence[str], dictionary: str) -> dict[str, tuple[str, ...]]:
    output = _hunspell(["-a"], [f"^{w}" for w in unique_words], dictionary)
    answers = {}
    for word, block in zip(unique_words, _blocks(output), strict=True):
        suggestions = _parse_block(block)
        if suggestions is not None:
            answers[word] = suggestions
    return answers


def _blocks(output: str) -> Iterable[list[str]]:
    """The answer to each input line: its result lines, ended by an empty line."""
    block: list[str] = []
    for line in output.splitlines()[1:]:  # the first line is the version banner
        if line:
            block.append(line)
        else:
            yield block
            block = []


def _parse_block(block: list[str]) -> tuple[str, ...] | None:
    """``*``/``+``/``-`` lines accept; ``&`` (with suggestions) or ``#`` (none) reject."""
    rejected = None
    for line in block:
        if line.startswith("&"):
            suggestions = tuple(s.strip() for s in line.split(":", 1)[1].split(","))
            rejected = rejected or suggestions
        elif line.startswith("#"):
            rejected = rejected or ()
    return rejected


def hunspell_flags(
    text: str, rejected: set[str], suggestions: dict[str, tuple[str, ...]]
) -> list[Flag]:
    return [
        Flag(m.start(), m.end(), m.group(), suggestions.get(m.group(), ()))
        for m in words(text)
        if m.group() in rejected
    ]
