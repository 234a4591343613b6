"""The compiled word lists, loaded once and lazily.

Detection needs only the frequency table (memory-mapped, bisected) and the
small allow list; suggestion tables are opened the first time they are asked for.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .table import SortedTable


def wordlists_dir() -> Path:
    # The package's folder (the tables are memory-mapped: a real folder in any case),
    # without importlib.resources, whose readers import zipfile at start-up.
    from . import wordlists

    return Path(wordlists.__file__).parent


@dataclass(frozen=True, slots=True)
class WordInfo:
    """What the word lists say of one lower-case word form."""

    fr: float  # wordfreq Zipf frequency in French (0 when unknown)
    en: float  # wordfreq Zipf frequency in English
    in_lexicon: bool  # a French form known to wfrench or hunspell-fr
    genders: str = ""  # "m", "f" or "mf" for French nouns
    accented: str = ""  # the French spelling of an unaccented form (``expérience``)
    infinitive: bool = False  # a French verb's infinitive (``aider``; ``dîner`` is a noun too)

    @property
    def english_lead(self) -> float:
        return self.en - self.fr


UNKNOWN = WordInfo(0.0, 0.0, False)


@dataclass(frozen=True, slots=True)
class Neighbours:
    """A word's count in French prose, the counts of the words written right before
    (``left``) and right after it (``right``), of the words before a determiner or
    preposition in front of it (``across``: ``ouvrir`` for ``ouvrir la fenêtre``), and
    the words after one behind it (``across_right``: ``vue`` for ``point de vue``), and
    how often it stands before and after one of those. The neighbours stay the table's
    ``" word:count word:count "`` text, searched when asked (a word is asked about a few
    neighbours, not its hundreds)."""

    count: int
    cells: tuple[str, str, str, str]  # left, right, across, across_right
    before_function: int
    after_function: int

    def left(self, word: str) -> int:
        return _pair_count(self.cells[0], word)

    def right(self, word: str) -> int:
        return _pair_count(self.cells[1], word)

    def across(self, word: str) -> int:
        return _pair_count(self.cells[2], word)

    def across_right(self, word: str) -> int:
        return _pair_count(self.cells[3], word)


NO_NEIGHBOURS = Neighbours(0, ("", "", "", ""), 0, 0)


def _pair_count(cell: str, word: str) -> int:
    """The count of ``word`` in a ``" word:count word:count "`` cell, 0 if absent."""
    if not word:
        return 0
    at = cell.find(f" {word}:")
    if at < 0:
        return 0
    start = at + len(word) + 2
    return int(cell[start : cell.index(" ", start)])


class Lexicon:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or wordlists_dir()
        self._words = SortedTable(self.directory / "words.tsv")
        self._cache: dict[str, WordInfo] = {}
        self.loanwords = frozenset(
            line.split("\t")[0].lower() for line in self.read_lines("loanwords.txt")
        )

    def read_lines(self, name: str) -> list[str]:
        """The data lines of a hand-written list (blank lines and ``#`` comments dropped)."""
        text = (self.directory / name).read_text(encoding="utf-8")
        return [line for line in text.splitlines() if line and not line.startswith("#")]

    @functools.cached_property
    def name_introducers(self) -> frozenset[str]:
        """French nouns after which an English word is a name (``la commande find``)."""
        return frozenset(self.read_lines("name_introducers.txt"))

    def info(self, word: str) -> WordInfo:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        row = self._words.get(word)
        if row is None:
            info = UNKNOWN
        else:
            fr, en, flags, *accented = row.split("\t")
            info = WordInfo(
                int(fr) / 10,
                int(en) / 10,
                "L" in flags,
                "".join(flag for flag in flags if flag in "mf"),
                accented[0] if accented else "",
                "v" in flags,
            )
        if len(self._cache) < 500_000:
            self._cache[word] = info
        return info

    def is_french(self, word: str) -> bool:
        return self.info(word).in_lexicon

    def is_loanword(self, word: str) -> bool:
        return word in self.loanwords

    @functools.cached_property
    def spinner(self) -> SortedTable:
        return SortedTable(self.directory / "spinner.tsv")

    @functools.cached_property
    def dictionary(self) -> SortedTable:
        return SortedTable(self.directory / "dictionary.tsv")

    @functools.cached_property
    def homograph_entry_sizes(self) -> SortedTable:
        return SortedTable(self.directory / "homographs.tsv")

    @functools.cached_property
    def phrase_words(self) -> frozenset[str]:
        """The words of the multi-word English expressions (anglicism list and dictionary
        headwords): a word sequence with any other word is no known expression."""
        keys = [line.partition("\t")[0] for line in self.read_lines("dictionary.tsv")]
        keys.extend(self.anglicisms)
        return frozenset(word for key in keys if " " in key for word in key.split(" "))

    @functools.cached_property
    def anglicisms(self) -> dict[str, tuple[str, ...]]:
        table = {}
        for line in self.read_lines("anglicisms.tsv"):
            english, french = line.split("\t")
            table[english] = tuple(french.split("|"))
        return table

    def vocabulary_bucket(self, initial: str) -> tuple[list[str], list[str]]:
        """Common French words starting with ``initial`` (accents ignored), most frequent
        first, and the same words without accents: read from one group of the file."""
        return self._vocabulary_buckets(initial)

    @functools.cached_property
    def _vocabulary_buckets(self):
        path = self.directory / "fr_vocabulary.tsv"
        with path.open("rb") as handle:
            header = handle.readline()
        index = {}
        for cell in header.decode("utf-8").split()[1:]:
            initial, _, span = cell.rpartition("=")
            offset, size = span.split(":")
            index[initial] = (len(header) + int(offset), int(size))

        @functools.cache
        def bucket(initial: str) -> tuple[list[str], list[str]]:
            if initial not in index:
                return [], []
            offset, size = index[initial]
            with path.open("rb") as handle:
                handle.seek(offset)
                lines = handle.read(size).decode("utf-8").splitlines()
            pairs = [line.split("\t") for line in lines]
            return [word for word, _ in pairs], [bare for _, bare in pairs]

        return bucket

    def spinner_candidates(self, phrase: str) -> list[tuple[str, int, int]]:
        """French homographs ``phrase`` may have replaced: (word, relation bits,
        percentage of shared thesaurus entries)."""
        row = self.spinner.get(phrase)
        if not row:
            return []
        found = []
        for cell in row.split(","):
            word, bits, overlap = cell.rsplit(":", 2)
            found.append((word, int(bits), int(overlap)))
        return found

    def translations(self, phrase: str) -> list[str]:
        row = self.dictionary.get(phrase)
        return row.split(",") if row else []

    @functools.cached_property
    def _translated_from(self) -> SortedTable:
        """French word -> how many English headwords of the dictionary it translates
        (derived from ``dictionary.tsv`` by the build script: looked up, not counted
        at every start)."""
        return SortedTable(self.directory / "translated_from.tsv")

    @functools.lru_cache(maxsize=65536)  # noqa: B019 (one lexicon per process)
    def translated_from(self, french: str) -> int:
        """How many English words the dictionary translates by ``french`` (or by its
        singular): a translator picking one of them makes any one less likely."""
        count = int(self._translated_from.get(french) or 0)
        if not count and french.endswith(("s", "x")):
            count = int(self._translated_from.get(french[:-1]) or 0)
        return count

    @functools.lru_cache(maxsize=65536)  # noqa: B019 (one lexicon per process)
    def entry_sizes(self, french: str) -> tuple[int, int, int]:
        """The size of a French homograph's Moby entry, how many English words any
        thesaurus relates to it, and how many of those read as English when written."""
        row = self.homograph_entry_sizes.get(french)
        if not row:
            return 0, 0, 0
        moby, neighbours, visible = row.split("\t")
        return int(moby), int(neighbours), int(visible)

    @functools.cached_property
    def _collocations(self) -> SortedTable:
        """Word -> its count in French prose and its most frequent left and right
        neighbours there (``collocations.tsv``, built by ``scripts/build_collocations.py``)."""
        return SortedTable(self.directory / "collocations.tsv")

    @functools.cached_property
    def prose_words(self) -> int:
        """How many words the prose of ``collocations.tsv`` holds."""
        return int((self._collocations.get("#total") or "0").split("\t")[0])

    @functools.lru_cache(maxsize=65536)  # noqa: B019 (one lexicon per process)
    def neighbours(self, word: str) -> Neighbours:
        """How often ``word`` stands in the prose of ``collocations.tsv``, and after and
        before which words (each side keeps its most frequent neighbours: ``PAIR_LIMIT``
        of ``scripts/build_collocations.py``; a pair left out reads as never seen)."""
        row = self._collocations.get(word)
        if not row:
            return NO_NEIGHBOURS
        count, left, right, across, across_right, before, after = row.split("\t")
        cells = (f" {left} ", f" {right} ", f" {across} ", f" {across_right} ")
        return Neighbours(int(count), cells, int(before), int(after))

    def entry_size(self, french: str) -> int:
        return self.entry_sizes(french)[0]


@functools.cache
def default_lexicon() -> Lexicon:
    return Lexicon()
