"""The collocation signal: how well a French candidate fits the words beside the slot
(``wordlists/collocations.tsv``, built by ``scripts/build_collocations.py``)."""

from __future__ import annotations

import importlib.util
import itertools
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from mtfix.context import Agreement
from mtfix.lexicon import Lexicon, default_lexicon, wordlists_dir
from mtfix.models import Document
from mtfix.segment import segments
from mtfix.slot import INVERSION, DocumentWords, Slot, collocation_word, slot_of
from mtfix.suggest import (
    SLOT_FEATURES,
    Suggester,
    collocation_fit,
    document_domain,
    expected_count,
    prose_coverage,
)
from mtfix.tokenize import tokenize

ROOT = Path(__file__).resolve().parent.parent
WORDLISTS = Path(wordlists_dir())
_spec = importlib.util.spec_from_file_location(
    "build_collocations", ROOT / "scripts/build_collocations.py"
)
assert _spec is not None and _spec.loader is not None
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

LEFT = SLOT_FEATURES.index("collocation_left")
RIGHT = SLOT_FEATURES.index("collocation_right")
ACROSS = SLOT_FEATURES.index("collocation_across")


def test_the_table_loads_with_counts_and_neighbours():
    lexicon = default_lexicon()
    assert lexicon.prose_words > 1_000_000
    option = lexicon.neighbours("option")
    assert option.count > 100
    assert option.left("l'") > option.left("la")  # French elides before a vowel
    assert option.left("l") == option.left("zzzzqx") == option.left("") == 0
    assert option.right("est") > 0 and option.across("cette") == 0
    assert lexicon.neighbours("zzzzqx").count == 0


def test_slot_of_reads_the_word_written_right_before_and_across_a_determiner():
    text = (
        "Il demande l'aid de tous, puis une viewpoint. Ensuite, care est pris en "
        "charge ; il faut ouvrir la window, qu'une fight reste, des chars d’fight."
    )
    tokens = tokenize(text, segments(Document("t", text))).tokens

    def around(word: str, occurrence: int = 0) -> tuple[str, str]:
        return slot(word, occurrence).left, slot(word, occurrence).across

    def slot(word: str, occurrence: int = 0) -> Slot:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(word, start + 1)
        return slot_of(text, start, start + len(word), tokens)

    assert around("aid") == ("l'", "demande")  # the elided article, then the verb
    assert around("viewpoint") == ("une", "puis")
    assert around("care") == ("", "")  # a comma in between: not a neighbour
    assert around("charge") == ("en", "pris")
    assert around("window") == ("la", "ouvrir")
    assert around("fight") == ("une", "qu'")
    assert around("fight", 1) == ("d'", "chars")
    assert around("tous") == ("de", "aid")
    assert (slot("aid").right, slot("aid").across_right) == ("de", "tous")
    assert (slot("care").right, slot("care").across_right) == ("est", "")  # not a determiner
    assert (slot("charge").right, slot("charge").across_right) == ("", "")  # ``;``
    assert (slot("fight").right, slot("fight").across_right) == ("reste", "")
    assert (slot("chars").right, slot("chars").across_right) == ("d'", "fight")


def test_a_pair_seen_more_often_than_expected_scores_above_one_never_seen():
    rate = 1000 / 1_000_000  # the neighbour's share of the prose
    common = 2000.0  # the word as common in French at large as in the prose
    often = collocation_fit(50, 2000, rate, common)  # expected 2
    never = collocation_fit(0, 2000, rate, common)
    assert often > 0 > never
    # Never seen but hardly expected says little; never seen though expected says more.
    assert collocation_fit(0, 20, rate, 20.0) > never
    assert collocation_fit(3, 2000, 0.0, common) == 0.0  # an unknown neighbour: no evidence


def test_a_word_the_prose_overuses_loses_only_what_french_at_large_would_expect():
    """``aide`` fills help pages: that it is rarely seen after ``une`` there says little,
    unless French at large would write the pair often too."""
    rate = 1000 / 1_000_000
    in_the_prose = collocation_fit(0, 5000, rate, 5000.0)  # expected 5 times: strong
    assert -0.5 < collocation_fit(0, 5000, rate, 100.0) < 0  # 0.1 in French at large: weak
    assert in_the_prose < -2
    assert collocation_fit(0, 5000, rate, 4000.0) < collocation_fit(0, 5000, rate, 1000.0) < 0
    # What it is seen with still counts in full.
    assert collocation_fit(40, 5000, rate, 100.0) == collocation_fit(40, 5000, rate, 5000.0) > 0


def test_a_word_the_prose_lacks_scores_as_the_slot_s_candidates_do():
    """French at large writes the word 70 times per prose's worth, the manuals never: it
    scores as a word seen 70 times, beside the slot's word as often as the slot's other
    candidates are (``share``), not 0 while the words the manuals know score their pairs."""
    rate, share = 0.01, 0.1
    unknown = collocation_fit(0, 0, rate, 70.0, share)
    assert unknown > 1.5
    assert unknown == pytest.approx(collocation_fit(7, 70, rate, 70.0))
    assert collocation_fit(0, 0, rate, 70.0) == 0.0  # no candidate to learn the share from
    assert collocation_fit(0, 0, 0.0, 70.0, share) == 0.0  # an unknown neighbour
    # Its own occurrences still count: a hundred, never beside the word, stay against it.
    assert collocation_fit(0, 100, rate, 3000.0, share) < 0
    # A word the prose writes as often as French at large keeps its own figure.
    assert collocation_fit(5, 3000, rate, 3000.0, share) == collocation_fit(5, 3000, rate, 3000.0)


def test_a_candidate_the_prose_never_saw_is_not_outranked_for_the_pairs_of_those_it_saw(
    tmp_path,
):
    """A candidate ranks just before a less common one alone; beside ``zorglub`` the
    manuals know only the second, a quarter of its occurrences there (a noun after its
    determiner). The first, never seen in the manuals, keeps its place: their silence is
    no evidence against it."""
    first, second = close_pair("viewpoint", more_common_first=True)
    lexicon = default_lexicon()
    total = 3_000_000
    first_general = expected_count(total, lexicon.info(first).fr)
    second_count = round(expected_count(total, lexicon.info(second).fr))
    assert first_general > second_count > 20
    lexicon = _lexicon_with_collocations(
        tmp_path,
        [
            f"#total\t{total}\t\t\t\t\t0\t0",
            f"{second}\t{second_count}\tzorglub:{second_count // 4}\t\t\t\t0\t0",
            "zorglub\t30000\t\t\t\t\t0\t0",
        ],
    )
    suggester = Suggester(lexicon)
    alone = [word for word, _, _ in suggester.rank("viewpoint")]
    assert alone.index(first) < alone.index(second)
    beside = [word for word, _, _ in suggester.rank("viewpoint", Slot(left="zorglub"))]
    assert beside.index(first) < beside.index(second)
    features = {f.word: f.slot for f in suggester.features("viewpoint", Slot(left="zorglub"))}
    assert features[first][LEFT] >= features[second][LEFT] > 2


def test_after_les_a_general_word_the_manuals_lack_is_not_outranked_by_ones_they_know():
    """``les`` before a plural noun is a strong pair for every noun the manuals write
    (``notions``, ``questions``, ``marges``): the translation they lack ranks first."""
    suggester = Suggester(default_lexicon())
    slot = Slot(agreement=Agreement("", "pl", True), previous="les", left="les")
    lexicon = default_lexicon()
    for english, french in (("feelings", "sentiments"), ("doubts", "doutes"), ("lips", "lèvres")):
        assert lexicon.neighbours(french).count < 0.1 * expected_count(
            lexicon.prose_words, lexicon.info(french).fr
        )
        assert suggester.rank(english, slot)[0][0] == french, english


def test_the_manuals_vocabulary_counts_only_in_a_document_like_them():
    """``prose_domain``: a candidate's over-representation in the manuals is a prior in a
    technical document only; news prose, whose words the manuals under-represent, gets 0."""
    lexicon = default_lexicon()

    def domain(text: str) -> float:
        tokens = tokenize(text, segments(Document("t", text))).tokens
        return document_domain(DocumentWords.of(tokens, (), text), lexicon)

    assert prose_coverage("fichier", lexicon) > 0 > prose_coverage("soldats", lexicon)
    technical = (
        "Le paquet installe le fichier de configuration du noyau ; la commande affiche "
        "les options du serveur et le répertoire du système."
    )
    news = (
        "Le président a rencontré les soldats au village, où la foule attendait les "
        "chars depuis le matin de la guerre."
    )
    assert domain(technical) > 1.0
    assert domain(news) == 0.0


def _lexicon_with_collocations(tmp_path: Path, lines: list[str]) -> Lexicon:
    for path in WORDLISTS.iterdir():
        if path.is_file() and path.name != "collocations.tsv":
            (tmp_path / path.name).symlink_to(path)
    rows = sorted(lines, key=lambda line: line.split("\t", 1)[0].encode("utf-8"))
    (tmp_path / "collocations.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return Lexicon(tmp_path)


def close_pair(english: str, more_common_first: bool = False) -> tuple[str, str]:
    """Two single-word candidates ranked one after the other, the closest in score (with
    ``more_common_first``, among those where the first is the more common in French)."""
    lexicon = default_lexicon()
    ranked = [(w, share) for w, share, _ in Suggester(lexicon).rank(english)]
    # Shares are rounded: only candidates with a share above 0 are compared.
    single = [(w, share) for w, share in ranked if " " not in w and share > 0]
    pairs = [
        pair
        for pair in itertools.pairwise(single)
        if not more_common_first or lexicon.info(pair[0][0]).fr > lexicon.info(pair[1][0]).fr
    ]
    (first, _), (second, _) = min(pairs, key=lambda pair: pair[0][1] / pair[1][1])
    return first, second


def test_a_candidate_that_collocates_with_its_neighbour_outranks_one_that_does_not(tmp_path):
    first, second = close_pair("viewpoint")
    # Both candidates as common in the prose; only the second follows "zorglub" (a
    # candidate of several words meets its left neighbour with its first word).
    lexicon = _lexicon_with_collocations(
        tmp_path,
        [
            "#total\t100000\t\t\t\t\t0\t0",
            f"{first.split(' ')[0]}\t200\t\t\t\t\t0\t0",
            f"{second.split(' ')[0]}\t200\tzorglub:40\t\t\t\t0\t0",
            "zorglub\t500\t\t\t\t\t0\t0",
        ],
    )
    suggester = Suggester(lexicon)
    alone = [word for word, _, _ in suggester.rank("viewpoint")]
    assert alone.index(first) < alone.index(second)
    beside = [word for word, _, _ in suggester.rank("viewpoint", Slot(left="zorglub"))]
    assert beside.index(second) < beside.index(first)
    features = {f.word: f.slot for f in suggester.features("viewpoint", Slot(left="zorglub"))}
    assert features[second][LEFT] > 0 > features[first][LEFT]
    assert features[second][RIGHT] == features[first][RIGHT] == 0.0


def test_a_candidate_that_follows_the_word_before_the_determiner_gains(tmp_path):
    first, second = close_pair("viewpoint")
    lexicon = _lexicon_with_collocations(
        tmp_path,
        [
            "#total\t100000\t\t\t\t\t0\t0",
            f"{first}\t200\t\t\t\t\t0\t0",
            f"{second}\t200\t\t\tzorglub:40\t\t0\t0",
            "zorglub\t500\t\t\t\t\t450\t0",
        ],
    )
    suggester = Suggester(lexicon)
    alone = [word for word, _, _ in suggester.rank("viewpoint")]
    assert alone.index(first) < alone.index(second)
    beside = [word for word, _, _ in suggester.rank("viewpoint", Slot(across="zorglub"))]
    assert beside.index(second) < beside.index(first)
    features = {f.word: f.slot for f in suggester.features("viewpoint", Slot(across="zorglub"))}
    assert features[second][ACROSS] > 0 > features[first][ACROSS]


def test_a_slot_with_neighbours_is_a_different_case():
    """The slot's features include the neighbours: two findings of one word beside
    different words are ranked apart (a cache keyed on the slot keeps them apart)."""
    assert Slot(left="l'") != Slot(left="la")
    suggester = Suggester(default_lexicon())
    after_the = suggester.features("viewpoint", Slot(left="la"))
    after_of = suggester.features("viewpoint", Slot(left="de"))
    assert [f.slot[LEFT] for f in after_the] != [f.slot[LEFT] for f in after_of]


def test_an_inverted_verb_and_subject_counts_as_one_word_in_the_table_and_the_slot():
    for inverted in ("pouvons-nous", "va-t-il", "est-ce", "faut-il", "Dit-elle"):
        assert collocation_word(inverted.lower()) == INVERSION, inverted
    for word in ("rendez-vous", "peut-être", "vis-à-vis", "celle-ci", "pouvons"):
        assert collocation_word(word) == word
    runs = list(build.words_and_gaps("Comment peut-on le faire ? Où va-t-il ?"))
    assert runs == [["comment", INVERSION, "le", "faire"], ["où", INVERSION]]
    text = "Le serveur répond. Remark allons-nous le configurer ?"
    tokens = tokenize(text, segments(Document("t", text))).tokens
    start = text.index("Remark")
    assert slot_of(text, start, start + len("Remark"), tokens).right == INVERSION


def test_an_interrogative_word_collocates_with_a_question_s_inversion():
    """French asks ``Comment allons-nous …``: each inverted form is rare in the prose,
    the construction is common after an interrogative word and rare after a noun."""
    lexicon = default_lexicon()
    assert lexicon.neighbours(INVERSION).count > 100
    suggester = Suggester(lexicon)
    features = {f.word: f.slot for f in suggester.features("remark", Slot(right=INVERSION))}
    assert features["comment"][RIGHT] > 1.0
    assert features["comment"][RIGHT] > features["remarque"][RIGHT]
    assert features["comment"][RIGHT] > features["conversation"][RIGHT]


def test_words_and_gaps_splits_elisions_and_stops_at_punctuation():
    runs = list(build.words_and_gaps("Voir l’aide en ligne, puis 2 fois qu'il faut."))
    assert runs == [["voir", "l'", "aide", "en", "ligne"], ["puis"], ["fois", "qu'", "il", "faut"]]


def test_blocks_mostly_english_are_not_read():
    english = frozenset({"the", "menu", "file", "open"})
    text = "Ouvrez le fichier indiqué.\n\nOpen the file menu.\n|\nLe fichier est ouvert."
    kept = [run for runs in build.french_blocks(text, english) for run in runs]
    assert ["open", "the", "file", "menu"] not in kept
    assert ["ouvrez", "le", "fichier", "indiqué"] in kept
    assert ["le", "fichier", "est", "ouvert"] in kept


def test_the_build_counts_pairs_and_pairs_across_a_determiner():
    counts = build.count(["Ouvrez la fenêtre, puis ouvrez la porte.\n\nLa fenêtre."], frozenset())
    assert counts.pairs["ouvrez", "la"] == 2 and counts.pairs["la", "fenêtre"] == 2
    assert counts.skips["ouvrez", "fenêtre"] == 1 and counts.skips["ouvrez", "porte"] == 1
    assert counts.before_function["ouvrez"] == 2
    assert counts.after_function["fenêtre"] == 1 and counts.after_function["porte"] == 1
    assert counts.words["la"] == 3


def test_the_build_prunes_rare_pairs_and_pairs_without_a_candidate(monkeypatch):
    monkeypatch.setattr(build, "MIN_PAIR", 2)
    words = Counter({"la": 10, "aide": 5, "le": 8, "chat": 4, "noir": 3, "rare": 1, "voir": 2})
    pairs = Counter({("la", "aide"): 4, ("le", "chat"): 3, ("chat", "noir"): 3, ("la", "rare"): 1})
    skips = Counter({("voir", "aide"): 2, ("voir", "rare"): 1})
    counts = build.Counts(words, pairs, skips, Counter({"voir": 2}), Counter({"aide": 2}))
    lines = build.build_table(counts, frozenset({"aide", "rare"}))
    table = {line.split("\t")[0]: line.split("\t")[1:] for line in lines}
    assert lines[0] == f"#total\t{sum(words.values())}\t\t\t\t\t0\t0"
    assert table["aide"] == ["5", "la:4", "", "voir:2", "", "0", "2"]
    assert "rare" not in table  # seen once, and its only pairs once
    assert table["chat"] == ["4", "", "", "", "", "0", "0"]  # a context word: no neighbours
    assert table["la"] == ["10", "", "", "", "", "0", "0"]
    assert table["voir"] == ["2", "", "", "", "", "2", "0"]  # rarer than MIN_WORD: a neighbour
    keys = [line.split("\t")[0].encode("utf-8") for line in lines[1:]]
    assert keys == sorted(keys)


def test_the_build_keeps_the_most_frequent_neighbours_only():
    words = Counter({f"w{i}": 10 for i in range(build.PAIR_LIMIT + 5)} | {"aide": 500})
    pairs = Counter({(f"w{i}", "aide"): 2 + i for i in range(build.PAIR_LIMIT + 5)})
    counts = build.Counts(words, pairs, Counter(), Counter(), Counter())
    lines = build.build_table(counts, frozenset({"aide"}))
    row = next(line for line in lines if line.startswith("aide\t"))
    kept = row.split("\t")[2].split(" ")
    assert len(kept) == build.PAIR_LIMIT
    assert kept[0] == f"w{build.PAIR_LIMIT + 4}:{build.PAIR_LIMIT + 6}"


def test_the_committed_table_is_consistent_with_the_candidate_vocabulary():
    """Only words the suggester can propose have neighbours (a change of the spinner or
    dictionary tables without a rebuild leaves the table stale: rebuild it with
    ``python scripts/build_collocations.py``), and no pair is more frequent than its
    words."""
    vocabulary = build.candidate_vocabulary(WORDLISTS)
    lines = (WORDLISTS / "collocations.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#total\t")
    total = int(lines[0].split("\t")[1])
    counts = {}
    rows = []
    before, after = {}, {}
    for line in lines[1:]:
        word, count, *cells, before_function, after_function = line.split("\t")
        counts[word] = int(count)
        before[word], after[word] = int(before_function), int(after_function)
        assert max(before[word], after[word]) <= counts[word] <= total
        rows.append((word, cells))
    keys = [word.encode("utf-8") for word, _ in rows]
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    with_neighbours = 0
    # The count a neighbour's pair cannot exceed, by column: left, right, across.
    limits = (counts, counts, before, after)
    for word, cells in rows:
        if not any(cells):
            continue
        with_neighbours += 1
        assert word in vocabulary, word
        for cell, limit in zip(cells, limits, strict=True):
            for item in filter(None, cell.split(" ")):
                neighbour, _, n = item.rpartition(":")
                assert build.MIN_PAIR <= int(n) <= min(counts[word], limit[neighbour])
    assert with_neighbours > 0.5 * len(vocabulary & set(counts))


def test_no_source_of_the_table_is_a_source_of_the_benchmark_corpora():
    """The test splits are drawn from the packages listed in the corpora's SOURCES.md:
    prose from any of them would leak into the figures."""
    table = (ROOT / "benchmarks/corpora/SOURCES.md").read_text(encoding="utf-8")
    section = table.split("## Debian packages", 1)[1].split("\n## ", 1)[0]
    corpus = set(re.findall(r"^\| ([a-z0-9][a-z0-9.+-]+) \| [0-9]", section, re.M))
    assert "manpages-fr" in corpus and "debian-reference-fr" in corpus
    assert corpus <= build.CORPUS_PACKAGES
    read = {package for package, _ in build.SOURCES}
    assert not read & corpus
    sources = (WORDLISTS / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"`{package}`" in sources for package in read)


def test_a_missing_source_is_a_one_line_error(tmp_path, capsys):
    try:
        build.main(["--root", str(tmp_path), "--out", str(tmp_path)])
    except SystemExit as stop:
        assert "nothing matches" in str(stop.code)
    else:
        raise AssertionError("no error")
    assert not (tmp_path / "collocations.tsv").exists()


def test_the_build_reads_only_what_its_sources_name(tmp_path):
    """A missing package ends the build before a table is written, even when the
    others are there (no half-built table)."""
    source = tmp_path / "root"
    _, pattern = build.SOURCES[0]
    target = source / pattern.replace("**/", "").replace("*", "page")
    target.parent.mkdir(parents=True)
    target.write_text("<p>Une aide utile.</p>", encoding="utf-8")
    out = tmp_path / "out"
    shutil.copytree(WORDLISTS, out, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    before = (out / "collocations.tsv").read_bytes()
    try:
        build.main(["--root", str(source), "--out", str(out)])
    except SystemExit as stop:
        assert build.SOURCES[1][0] in str(stop.code)
    assert (out / "collocations.tsv").read_bytes() == before
