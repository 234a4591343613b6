"""Build ``wordlists/collocations.tsv``: how often French words stand side by side.

The damage model asks how well each French candidate fits the words beside the slot
(``l'option sélectionnée``, not ``l'option choisie`` in a help text; ``faire face``).
This counts adjacent word pairs in French prose from Debian documentation packages and
keeps those that involve a word the suggester can propose (the French words of
``spinner.tsv``, ``dictionary.tsv`` with their plurals, ``anglicisms.tsv`` and the
accented forms of ``words.tsv``).

None of the packages the benchmark corpora are drawn from is read (see
``benchmarks/corpora/SOURCES.md``: manual pages, message catalogues, the Debian
reference, the new maintainers' guide): their text would leak into the test splits.

    apt-get install debian-handbook libreoffice-help-fr gimp-help-fr gnome-user-docs \\
        developers-reference-fr debian-faq-fr debian-edu-doc-fr installation-guide-amd64 \\
        kicad-doc-fr lilypond-doc-html-fr aptitude-doc-fr
    python scripts/build_collocations.py [--root DIR]

``--debs DIR`` reads the packages' ``.deb`` files in DIR instead (``apt-get download``
them there: nothing is installed); ``--root DIR`` reads them unpacked under DIR. The
versions read go to ``VERSIONS.tsv``; the output is byte-for-byte reproducible for the
same package versions. ``scripts/build_wordlists.py`` runs this last.
"""

from __future__ import annotations

import argparse
import gzip
import html
import itertools
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from mtfix.slot import FUNCTION_WORDS, collocation_word

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "wordlists"
TABLE = "collocations.tsv"

# (package, glob of its French prose under the root). HTML and Mallard pages lose their
# markup; code and preformatted blocks are dropped.
SOURCES = (
    ("debian-handbook", "usr/share/doc/debian-handbook/html/fr-FR/*.html"),
    ("libreoffice-help-fr", "usr/share/libreoffice/help/fr/text/**/*.html"),
    ("gimp-help-fr", "usr/share/gimp/2.0/help/fr/**/*.html"),
    ("gnome-user-docs", "usr/share/help/fr/*/*.page"),
    ("developers-reference-fr", "usr/share/developers-reference/fr/*.html"),
    ("debian-faq-fr", "usr/share/doc/debian/FAQ/debian-faq.fr.txt.gz"),
    ("debian-edu-doc-fr", "usr/share/doc/debian-edu-doc-fr/debian-edu-bookworm-manual.html"),
    ("installation-guide-amd64", "usr/share/doc/installation-guide-amd64/fr/*.html"),
    ("kicad-doc-fr", "usr/share/doc/kicad/help/fr/*.html"),
    ("lilypond-doc-html-fr", "usr/share/doc/lilypond/html/Documentation/**/*.fr.html"),
    ("aptitude-doc-fr", "usr/share/doc/aptitude/html/fr/*.html"),
)
# Packages the benchmark corpora builder read (benchmarks/corpora/SOURCES.md: prose,
# and the word lists it damaged the prose with): never read here.
CORPUS_PACKAGES = frozenset(
    [
        "adduser",
        "apt",
        "coreutils",
        "debian-reference-fr",
        "dict-freedict-eng-fra",
        "dpkg",
        "gnupg-l10n",
        "groff-base",
        "hunspell-fr",
        "libapt-pkg6.0",
        "libglib2.0-data",
        "libgtk2.0-common",
        "libpam-runtime",
        "login",
        "maint-guide-fr",
        "man-db",
        "manpages-fr",
        "packagekit",
        "software-properties-common",
        "systemd",
        "wfrench",
    ]
)
MIN_PAIR = 1  # pairs seen at least this often are kept (fewer: read as never seen)
MIN_WORD = 3  # a word seen less often is no context word (its pairs say too little)
PAIR_LIMIT = 200  # neighbours kept per side of a word, the most frequent first

DROPPED_BLOCKS = re.compile(
    r"<(script|style|pre|code|screen|programlisting|tt|kbd|computeroutput|userinput)\b"
    r"[^>]*>.*?</\1\s*>",
    re.S | re.I,
)
BLOCK_TAGS = re.compile(
    r"</?(?:p|div|li|ul|ol|td|th|tr|table|h\d|br|title|dt|dd|section|item|note|caption"
    r"|figure|info|desc|link)\b[^>]*>",
    re.I,
)
TAG = re.compile(r"<[^>]*>")
# French words as mtfix's tokenizer sees them; an elided article or pronoun (``l'``,
# ``qu'``) is a word of its own, written with a straight apostrophe.
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
ELISIONS = frozenset(
    ["l", "d", "j", "m", "t", "s", "c", "n", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"]
)
APOSTROPHES = "'’"
BREAK = "\n|\n"  # between two blocks of text: no pair across it
BLOCK = re.compile(r"\n\|\n|\n\s*\n")  # blocks, or paragraphs of plain text
# Translations leave English untranslated (examples, menus, whole paragraphs): a block
# with more than this share of English-leaning words is not read.
MAX_ENGLISH_SHARE = 0.15
ENGLISH_LEAD = 1.0  # English Zipf this much above French, and no French form: English


def prose_of_markup(text: str) -> str:
    text = DROPPED_BLOCKS.sub(BREAK, text)
    text = BLOCK_TAGS.sub(BREAK, text)
    return html.unescape(TAG.sub(" ", text))


def words_and_gaps(text: str) -> Iterator[list[str]]:
    """Runs of words separated by white space only (an elision counts as white space):
    punctuation, digits or symbols between two words end a run."""
    run: list[str] = []
    position = 0
    for match in WORD.finditer(text):
        gap = text[position : match.start()]
        word = match.group().lower()
        following = text[match.end() : match.end() + 1]
        if gap.strip():
            if run:
                yield run
            run = []
        if following and following in APOSTROPHES and word in ELISIONS:
            run.append(word + "'")
            position = match.end() + 1  # the apostrophe joins it to the next word
            continue
        run.append(collocation_word(word))
        position = match.end()
    if run:
        yield run


def read_source(path: Path) -> str:
    if path.suffix == ".gz":
        return gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
    text = path.read_text(encoding="utf-8", errors="replace")
    return prose_of_markup(text) if path.suffix in (".html", ".page") else text


def source_files(root: Path) -> list[tuple[str, Path]]:
    """Every file read, by package; a package with none ends the build before anything
    is read or written."""
    found = []
    for package, pattern in SOURCES:
        assert package not in CORPUS_PACKAGES, package
        files = sorted(root.glob(pattern))
        if not files:
            sys.exit(f"build_collocations: {package}: nothing matches {root / pattern}")
        found.extend((package, path) for path in files)
    return found


def english_words(wordlists: Path) -> frozenset[str]:
    """Words that read as English in ``words.tsv``: no French form, and English Zipf at
    least ``ENGLISH_LEAD`` above the French."""
    found = set()
    for line in (wordlists / "words.tsv").read_text(encoding="utf-8").splitlines():
        word, fr, en, flags, *_ = line.split("\t")
        if "L" not in flags and int(en) - int(fr) >= ENGLISH_LEAD * 10:
            found.add(word)
    return frozenset(found)


def french_blocks(text: str, english: frozenset[str]) -> Iterator[list[list[str]]]:
    """The runs of each block of ``text`` that reads as French."""
    for block in BLOCK.split(text):
        runs = list(words_and_gaps(block))
        total = sum(map(len, runs))
        if not total:
            continue
        foreign = sum(word in english for run in runs for word in run)
        if foreign <= MAX_ENGLISH_SHARE * total:
            yield runs


class Counts(NamedTuple):
    words: Counter[str]
    pairs: Counter[tuple[str, str]]  # adjacent words
    skips: Counter[tuple[str, str]]  # the words around one of FUNCTION_WORDS
    before_function: Counter[str]  # how often a word stands before one of them
    after_function: Counter[str]  # ... and after one of them


def count(texts: Iterable[str], english: frozenset[str]) -> Counts:
    counts = Counts(Counter(), Counter(), Counter(), Counter(), Counter())
    for text in texts:
        for runs in french_blocks(text, english):
            for run in runs:
                counts.words.update(run)
                counts.pairs.update(itertools.pairwise(run))
                for before, middle, after in zip(run, run[1:], run[2:], strict=False):
                    if middle in FUNCTION_WORDS:
                        counts.skips[before, after] += 1
                        counts.before_function[before] += 1
                        counts.after_function[after] += 1
    return counts


def candidate_vocabulary(wordlists: Path) -> frozenset[str]:
    """The French words the suggester can propose, one word at a time (a multi-word
    suggestion's first and last words meet the neighbours)."""
    found: set[str] = set()

    def add(phrase: str) -> None:
        parts = phrase.replace("’", "'").split(" ")
        found.update((parts[0], parts[-1]))

    for line in (wordlists / "spinner.tsv").read_text(encoding="utf-8").splitlines():
        for cell in line.partition("\t")[2].split(","):
            add(cell.rsplit(":", 2)[0])
    for line in (wordlists / "dictionary.tsv").read_text(encoding="utf-8").splitlines():
        for french in line.partition("\t")[2].split(","):
            add(french)
            add(french + "s")
            add(french + "x")
    for line in (wordlists / "anglicisms.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            for french in line.partition("\t")[2].split("|"):
                add(french)
    for line in (wordlists / "words.tsv").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) > 4 and cells[4]:
            add(cells[4])
    return frozenset(word for word in found if word)


def build_table(counts: Counts, vocabulary: frozenset[str]) -> list[str]:
    """Lines ``word<TAB>count<TAB>left<TAB>right<TAB>across left<TAB>across right<TAB>
    before<TAB>after``: the word's count, its left and right neighbours, the words
    before a determiner or preposition in front of it and after one behind it (``across``:
    ``ouvrir`` in ``ouvrir la fenêtre``, ``vue`` in ``point de vue``), each
    ``word:count``, and how often it stands before and after one of those. Only
    vocabulary words have neighbours; other words are listed, with their counts, when
    seen ``MIN_WORD`` times. A first line ``#total<TAB>N`` gives the number of words."""
    sides: tuple[dict[str, list[tuple[str, int]]], ...] = ({}, {}, {}, {})
    for (first, second), n in counts.pairs.items():
        if n < MIN_PAIR:
            continue
        if second in vocabulary:
            sides[0].setdefault(second, []).append((first, n))
        if first in vocabulary:
            sides[1].setdefault(first, []).append((second, n))
    for (before, after), n in counts.skips.items():
        if n < MIN_PAIR:
            continue
        if after in vocabulary:
            sides[2].setdefault(after, []).append((before, n))
        if before in vocabulary:
            sides[3].setdefault(before, []).append((after, n))
    rows: dict[str, list[str]] = {}
    listed: set[str] = set()
    for word in sorted(set().union(*sides)):
        cells = []
        for side in sides:
            best = sorted(side.get(word, ()), key=lambda pair: (-pair[1], pair[0]))[:PAIR_LIMIT]
            listed.update(neighbour for neighbour, _ in best)
            cells.append(" ".join(f"{neighbour}:{n}" for neighbour, n in best))
        rows[word] = [str(counts.words[word]), *cells]
    for word, n in counts.words.items():  # context words: their count tells what to expect
        if word not in rows and (n >= MIN_WORD or word in listed):
            rows[word] = [str(n), "", "", "", ""]
    total = sum(counts.words.values())
    body = [
        "\t".join(
            (word, *cells, str(counts.before_function[word]), str(counts.after_function[word]))
        )
        for word, cells in rows.items()
    ]
    body.sort(key=lambda line: line.split("\t", 1)[0].encode("utf-8"))
    return [f"#total\t{total}\t\t\t\t\t0\t0", *body]


def dpkg_version(package: str) -> str:
    """The installed version of a Debian package, or ``not installed``."""
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", package],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() or "not installed"


def installed_versions() -> dict[str, str]:
    """The versions of the installed source packages (``--root /``)."""
    return {package: dpkg_version(package) for package, _ in SOURCES}


def unpack(debs: Path, root: Path) -> dict[str, str]:
    """Unpack each source package's ``.deb`` from ``debs`` (``apt-get download``) under
    ``root``; returns their versions."""
    versions = {}
    for package, _ in SOURCES:
        found = sorted(debs.glob(f"{package}_*.deb"))
        if not found:
            sys.exit(f"build_collocations: {package}: no {package}_*.deb in {debs}")
        field = ["dpkg-deb", "-f", str(found[-1]), "Version"]
        versions[package] = subprocess.run(
            field, capture_output=True, text=True, check=True
        ).stdout.strip()
        subprocess.run(["dpkg-deb", "-x", str(found[-1]), str(root)], check=True)
    return versions


def record_versions(out: Path, versions: dict[str, str]) -> None:
    """Merge the source packages' versions into ``VERSIONS.tsv`` (the other builds'
    lines kept)."""
    path = out / "VERSIONS.tsv"
    rows = dict(
        line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines() if line
    )
    rows.update(versions)
    path.write_text("".join(f"{k}\t{v}\n" for k, v in sorted(rows.items())), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path("/"), help="where the packages are")
    parser.add_argument(
        "--debs", type=Path, help="read the packages' .deb files in DIR instead (unpacked)"
    )
    parser.add_argument("--out", type=Path, default=OUT, help="the wordlists folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as unpacked:
        if args.debs:
            args.root = Path(unpacked)
            versions = unpack(args.debs, args.root)
        else:
            versions = installed_versions()
        files = source_files(args.root)
        vocabulary = candidate_vocabulary(args.out)
        read: Counter[str] = Counter()

        def texts() -> Iterator[str]:
            for package, path in files:
                read[package] += 1
                yield read_source(path)

        counts = count(texts(), english_words(args.out))
    lines = build_table(counts, vocabulary)
    path = args.out / TABLE
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    record_versions(args.out, versions)
    print(
        f"{TABLE}: {len(lines)} lines, {path.stat().st_size / 1e6:.1f} MB, "
        f"{sum(counts.words.values())} words from {dict(read)}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
