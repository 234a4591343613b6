"""The word lists: format, order (the look-ups bisect), provenance."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtfix.lexicon import default_lexicon, wordlists_dir
from mtfix.suggest import Suggester
from mtfix.table import SortedTable

WORDLISTS = Path(wordlists_dir())
SORTED_TABLES = [
    "words.tsv",
    "spinner.tsv",
    "dictionary.tsv",
    "homographs.tsv",
    "translated_from.tsv",
]


def data_lines(name: str) -> list[str]:
    text = (WORDLISTS / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@pytest.mark.parametrize("name", SORTED_TABLES)
def test_tables_are_sorted_by_utf8_key(name: str) -> None:
    keys = [line.split("\t", 1)[0].encode("utf-8") for line in data_lines(name)]
    assert keys == sorted(keys)
    assert len(keys) == len(set(keys))


def test_sorted_table_finds_first_last_and_missing(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    path.write_text("a\t1\nab\t2\nb c\t3\nzé\t4\n", encoding="utf-8")
    table = SortedTable(path)
    assert [table.get(k) for k in ("a", "ab", "b c", "zé")] == ["1", "2", "3", "4"]
    assert table.get("b") is None and table.get("") is None and table.get("zz") is None


def test_translated_from_is_derived_from_the_dictionary() -> None:
    """The derived table holds what counting ``dictionary.tsv`` gives: a dictionary
    changed without it leaves it stale (``python scripts/build_wordlists.py --derived``
    rebuilds it)."""
    counts: dict[str, int] = {}
    for line in data_lines("dictionary.tsv"):
        for french in set(line.partition("\t")[2].split(",")):
            counts[french] = counts.get(french, 0) + 1
    table = dict(line.split("\t") for line in data_lines("translated_from.tsv"))
    assert {word: int(count) for word, count in table.items()} == counts
    lexicon = default_lexicon()
    assert lexicon.translated_from("abandon") == counts["abandon"]
    assert lexicon.translated_from("zzzz") == 0


def test_anglicisms_format() -> None:
    lines = data_lines("anglicisms.tsv")
    english = [line.split("\t")[0] for line in lines]
    assert english == sorted(english), "sorted by the English side"
    assert len(english) == len(set(english))
    for line in lines:
        key, value = line.split("\t")
        assert key == key.lower() and key.strip() == key
        assert all(choice and choice == choice.strip() for choice in value.split("|"))


def test_anglicisms_are_french_and_suggested_first() -> None:
    suggester = Suggester(default_lexicon())
    assert suggester.suggest("however")[0].replacement == "cependant"
    assert suggester.suggest("because")[0].replacement == "parce que"


def test_loanwords_are_unique_lower_case() -> None:
    words = data_lines("loanwords.txt")
    assert len(words) == len(set(words))
    assert all(word == word.lower() and " " not in word for word in words)


def test_sources_name_every_shipped_file() -> None:
    sources = (WORDLISTS / "SOURCES.md").read_text(encoding="utf-8")
    for path in WORDLISTS.iterdir():
        if path.suffix in (".tsv", ".txt") and path.name != "VERSIONS.tsv":
            assert f"`{path.name}`" in sources, path.name


def test_lexicon_knows_french_forms_and_genders() -> None:
    lexicon = default_lexicon()
    assert lexicon.info("perspective").in_lexicon
    assert "f" in lexicon.info("perspective").genders
    assert lexicon.info("experience").accented == "expérience"
    assert not lexicon.info("viewpoint").in_lexicon


def test_lexicon_knows_infinitives() -> None:
    lexicon = default_lexicon()
    assert lexicon.info("aider").infinitive and not lexicon.info("aider").genders
    assert not lexicon.info("aide").infinitive and lexicon.info("aide").genders
    dinner = lexicon.info("dîner")  # a verb and a noun
    assert dinner.infinitive and dinner.genders == "m"
    assert not lexicon.info("dossier").infinitive  # -er, yet only a noun


def test_an_un_word_does_not_keep_its_stems_translation() -> None:
    """FreeDict gives ``heureusement`` for ``unfortunately``: the shipped dictionary drops
    a translation an un- word shares with its stem when it has another one."""
    entries = {}
    for line in data_lines("dictionary.tsv"):
        head, translations = line.split("\t")
        entries[head] = translations.split(",")
    checked = 0
    for head, translations in entries.items():
        stem = entries.get(head[2:]) if head.startswith("un") else None
        if stem and len(translations) > 1:
            checked += 1
            assert not set(translations) & set(stem), head
    assert checked >= 3
    assert entries["unfortunately"] == ["malheureusement"]


def test_spinner_answers_english_loans_of_the_french_lexicon() -> None:
    """``wall`` is in the French lexicon (a loan) yet reads as English: a spinner that
    wrote it for ``partition`` is reversed; a word as common in French stays without a
    row (``question``)."""
    lexicon = default_lexicon()
    assert lexicon.info("wall").in_lexicon
    assert "partition" in [word for word, _, _ in lexicon.spinner_candidates("wall")]
    assert lexicon.spinner_candidates("question") == []


def test_spinner_keeps_a_plural_homograph_of_a_non_homograph_singular() -> None:
    """``bits`` is a homograph though ``bit`` is far more common in English: ``pieces``
    may have replaced ``bits``, and ``bit`` itself is never proposed."""
    lexicon = default_lexicon()
    assert "bits" in [word for word, _, _ in lexicon.spinner_candidates("pieces")]
    assert "bit" not in [word for word, _, _ in lexicon.spinner_candidates("piece")]
