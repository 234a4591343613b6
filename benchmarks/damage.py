"""Several damage generators over the same French source documents.

    python benchmarks/damage.py [--split dev|test|all] [--generator NAME ...] [--out DIR]

writes ``corpora/damage/<generator>/<split>/X.txt`` and ``X.json`` (gold as in
``corpora/synthetic``), so the benchmarks run without the thesauri installed.

The synthetic corpus (``corpora/synthetic``) was made by one generator, ``spinner.py``,
which always swaps mutual Moby pairs. A ranker fitted on it learns that generator. The
generators here damage the same source documents in other ways, so that a model can be
fitted on some and tested on another:

* ``broad``: a spinner that draws uniformly from the union of the thesauri (Moby read
  in both directions, WordNet synsets, the mythes-en-us thesaurus), without preferring
  mutual pairs or close neighbours, as the seed article's spinner seems to;
* ``wordnet``: a spinner that only swaps a word for a member of one of its WordNet
  synsets;
* ``untranslated``: words and phrases left in English: a FreeDict translation of a
  content word, an English connective, an English expression of the anglicism list;
* ``titles``: titles left in English: the one-line description of the English manual
  page (its NAME section, read with man-db's ``lexgrog``) as the document's heading, and
  other pages' descriptions as a heading inside it and as a quoted title in a sentence.
  Gold kind ``title``, no expected word: a title is translated whole, not word by word.

The first three write ``easy`` damage only (the written word is not French), with the
gold ``expected = [original]``. The source documents are the synthetic corpus with its
gold repaired (each span replaced by its original), so the dev/test split of source
documents is the one of ``corpora/synthetic``. All randomness is seeded by generator
and file name: the output is reproducible.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "scripts"))

from spinner import (  # noqa: E402
    CONNECTIVES,
    STOP,
    WORD_RE,
    Spinner,
    match_case,
    pluralize,
    sentence_start,
    zen,
    zfr,
)

CORPORA = HERE / "corpora"
MYTHES = Path("/usr/share/mythes/th_en_US_v2.dat")
ANGLICISMS = HERE.parent / "wordlists" / "anglicisms.tsv"
GENERATORS = ("broad", "wordnet", "untranslated", "titles")
MAN = Path("/usr/share/man")
# Packages of the clean corpus's sources whose English manual pages give the titles.
TITLE_PACKAGES = ("adduser", "apt", "coreutils", "dpkg", "groff-base", "login", "man-db", "systemd")
TITLE_FRAMES = (
    "Voir aussi « {} ».",
    "Le chapitre « {} » en donne le détail.",
    "La page « {} » le décrit.",
)
SMALL_TITLE_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"]
)
RATE = 0.03  # share of word tokens damaged, as in spinner.py


@dataclass(frozen=True)
class Damaged:
    path: str  # the source document's path under corpora/synthetic
    text: str
    spans: tuple[dict, ...]  # gold spans, as in the corpora's JSON files


def source_documents(split: str) -> Iterator[tuple[Path, str]]:
    """The French documents behind ``corpora/synthetic/<split>``: the spun text with
    every gold span replaced by its original."""
    for gold_path in sorted((CORPORA / "synthetic" / split).glob("*.json")):
        spun = gold_path.with_suffix(".txt").read_text(encoding="utf-8")
        spans = json.loads(gold_path.read_text(encoding="utf-8"))["spans"]
        pieces, position = [], 0
        for span in sorted(spans, key=lambda s: s["start"]):
            pieces += [spun[position : span["start"]], span["expected"][0]]
            position = span["end"]
        pieces.append(spun[position:])
        yield gold_path.with_suffix(".txt"), "".join(pieces)


def _english_only(form: str, french: set[str]) -> bool:
    """A word a spinner's output leaves visibly English (easy damage)."""
    if " " in form:
        return all(p not in french for p in form.split()) and zen(form) >= 2.5
    return form not in french and zen(form) >= 3.0 and zen(form) - zfr(form) >= 1.0


class Thesauri:
    """English neighbours of a word under Moby (both directions), WordNet and mythes."""

    def __init__(self, moby: dict[str, list[str]]) -> None:
        self.moby = moby

    @cached_property
    def moby_backward(self) -> dict[str, set[str]]:
        backward: dict[str, set[str]] = {}
        for head, words in self.moby.items():
            for word in words:
                backward.setdefault(word, set()).add(head)
        return backward

    @cached_property
    def wordnet(self) -> dict[str, set[str]]:
        from build_wordlists import wordnet_pairs

        synonyms, _ = wordnet_pairs()
        table: dict[str, set[str]] = {}
        for lemma, others in synonyms:
            table.setdefault(lemma, set()).update(others)
        return table

    @cached_property
    def mythes(self) -> dict[str, set[str]]:
        table: dict[str, set[str]] = {}
        if not MYTHES.exists():
            return table
        lines = MYTHES.read_text(encoding="utf-8", errors="replace").splitlines()[1:]
        head = ""
        for line in lines:
            if not line.startswith("("):
                head = line.split("|")[0].lower()
                continue
            for word in line.split("|")[1:]:
                if "(" not in word:  # skip "(generic term)" and "(related term)"
                    table.setdefault(head, set()).add(word.lower())
        return table

    def union(self, word: str) -> set[str]:
        return (
            set(self.moby.get(word, ()))
            | self.moby_backward.get(word, set())
            | self.wordnet.get(word, set())
            | self.mythes.get(word, set())
        )


def manual_description(page: Path) -> str | None:
    """The text after the dash of a manual page's NAME line, as man-db's lexgrog reads it."""
    try:
        out = subprocess.run(
            ["lexgrog", str(page)], capture_output=True, text=True, check=False
        ).stdout
    except FileNotFoundError:
        return None
    first_line = out.strip().partition("\n")[0]
    match = re.search(r'"[^"]*? - (.+)"\s*$', first_line)
    return match.group(1).strip().rstrip(".") if match else None


def title_case(text: str) -> str:
    words = text.split(" ")
    return " ".join(
        w
        if (i and w.lower() in SMALL_TITLE_WORDS) or not w[:1].islower()
        else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )


class EnglishTitles:
    """Titles left in English: descriptions of English manual pages (NAME sections)."""

    def __init__(self, french: set[str]) -> None:
        self.french = french

    def is_english(self, description: str) -> bool:
        words = [w.lower() for w in WORD_RE.findall(description)]
        english = [w for w in words if _english_only(w, self.french)]
        return len(words) >= 3 and len(english) >= 2 and len(english) * 3 >= len(words)

    def page_of(self, key: str) -> Path | None:
        """``synthetic/dev/man5-exports-01.txt`` -> ``/usr/share/man/man5/exports.5.gz``."""
        match = re.fullmatch(r"man(\d)-(.+?)(?:-\d\d)?", Path(key).stem)
        if not match:
            return None
        page = MAN / f"man{match[1]}" / f"{match[2]}.{match[1]}.gz"
        return page if page.exists() else None

    @cached_property
    def pool(self) -> list[str]:
        pages = []
        for package in TITLE_PACKAGES:
            listed = subprocess.run(
                ["dpkg-query", "-L", package], capture_output=True, text=True, check=False
            ).stdout.split("\n")
            pages += [p for p in listed if re.fullmatch(r"/usr/share/man/man\d/[^/]+\.gz", p)]
        found = {manual_description(Path(p)) for p in sorted(set(pages))}
        return sorted(d for d in found if d and self.is_english(d))

    def damage(self, key: str, text: str, rng: random.Random) -> Damaged:
        own = self.page_of(key)
        heading = manual_description(own) if own else None
        if not heading or not self.is_english(heading):
            heading = rng.choice(self.pool)
        inside, quoted = rng.sample(self.pool, 2)
        # (position, text before the title, title, text after it)
        insertions = [(0, "", heading[:1].upper() + heading[1:], "\n\n")]
        breaks = [m.end() for m in re.finditer(r"\n\n(?=\S)", text)]
        if breaks:
            at = rng.choice(breaks)
            insertions.append((at, "", title_case(inside), "\n\n"))
        ends = [m.start() + 1 for m in re.finditer(r"[.!?](?=\n)", text)]
        if ends:
            before, after = rng.choice(TITLE_FRAMES).split("{}")
            insertions.append((rng.choice(ends), " " + before, title_case(quoted), after))
        pieces, spans, position, shift = [], [], 0, 0
        for at, before, title, after in sorted(insertions):
            pieces += [text[position:at], before, title, after]
            start = at + shift + len(before)
            spans.append(
                {
                    "start": start,
                    "end": start + len(title),
                    "text": title,
                    "expected": [],
                    "kind": "title",
                }
            )
            shift += len(before) + len(title) + len(after)
            position = at
        pieces.append(text[position:])
        return Damaged(key, "".join(pieces), tuple(spans))


class Generators(Spinner):
    """The source lexicons of ``spinner.py`` (wfrench, hunspell-fr, Moby, FreeDict) and
    the thesauri above; one ``damage`` call per generator and document."""

    def __init__(self) -> None:
        super().__init__()
        self.thesauri = Thesauri(self.moby)
        self.titles = EnglishTitles(self.fr)
        self._choices: dict[tuple[str, str], list[str]] = {}

    @cached_property
    def phrases(self) -> dict[str, list[str]]:
        """French expression -> English ones, from the anglicism list and the connectives."""
        table: dict[str, list[str]] = {}
        for line in ANGLICISMS.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            english, french = line.split("\t")
            for phrase in french.split("|"):
                if len(phrase) >= 4 and phrase not in STOP:
                    table.setdefault(phrase, []).append(english)
        for french, english in CONNECTIVES:
            table.setdefault(french, []).append(english)
        return table

    def neighbours(self, generator: str, word: str) -> list[str]:
        """English forms a spinner may write for the French homograph ``word``."""
        key = (generator, word)
        if key in self._choices:
            return self._choices[key]
        found: list[str] = []
        if len(word) >= 4 and word not in STOP and word in self.fr and zfr(word) >= 3:
            base, plural = word, False
            if word.endswith("s") and word[:-1] in self.fr and self._is_content(word[:-1]):
                base, plural = word[:-1], True
            if zen(base) >= 3 and self._is_content(base):
                related = (
                    self.thesauri.union(base)
                    if generator == "broad"
                    else self.thesauri.wordnet.get(base, set())
                )
                for english in sorted(related):
                    if not re.fullmatch(r"[a-z]+(?: [a-z]+)?", english):
                        continue
                    if english in base or base in english or english[:4] == base[:4]:
                        continue  # derivations and antonyms (possible/impossible)
                    form = pluralize(english) if plural and " " not in english else english
                    if plural and " " in english:
                        continue
                    if _english_only(form, self.fr):
                        found.append(form)
        self._choices[key] = found
        return found

    def candidates(self, generator: str, text: str) -> list[tuple[int, int, str, list[str]]]:
        words = list(WORD_RE.finditer(text))
        englishy = [self._englishy(m.group()) for m in words]
        found = []
        for i, match in enumerate(words):
            if any(englishy[max(0, i - 2) : i + 3]):
                continue
            start, end = match.span()
            token = match.group()
            if not self._eligible_token(text, start, end):
                continue
            if generator == "untranslated":
                options = self.translation(token.lower()) or []
            else:
                options = self.neighbours(generator, token.lower())
            if options:
                found.append((start, end, token, options))
        if generator == "untranslated":
            found.extend(self._phrase_candidates(text))
        return found

    def _phrase_candidates(self, text: str) -> list[tuple[int, int, str, list[str]]]:
        pattern = re.compile(
            r"(?<![\w'’-])("
            + "|".join(re.escape(p) for p in sorted(self.phrases, key=len, reverse=True))
            + r")(?![\w'’-])",
            re.IGNORECASE,
        )
        found = []
        for match in pattern.finditer(text):
            token = match.group()
            if "\n" in token or (token[:1].isupper() and not sentence_start(text, match.start())):
                continue
            if not token[:1].isupper() and not token.islower():
                continue
            found.append((match.start(), match.end(), token, self.phrases[token.lower()]))
        return found

    def damage(self, generator: str, key: str, text: str) -> Damaged:
        rng = random.Random(f"mtfix-damage-v1:{generator}:{key}")
        if generator == "titles":
            return self.titles.damage(key, text, rng)
        pool = self.candidates(generator, text)
        rng.shuffle(pool)
        target = round(RATE * len(WORD_RE.findall(text)))
        chosen: list[tuple[int, int, str, list[str]]] = []
        for candidate in pool:
            if len(chosen) >= target:
                break
            if all(candidate[1] + 12 <= s or candidate[0] >= e + 12 for s, e, *_ in chosen):
                chosen.append(candidate)
        chosen.sort()
        pieces, spans, position, shift = [], [], 0, 0
        for start, end, original, options in chosen:
            written = match_case(original, rng.choice(sorted(options)))
            pieces += [text[position:start], written]
            spans.append(
                {
                    "start": start + shift,
                    "end": start + shift + len(written),
                    "text": written,
                    "expected": [original],
                    "kind": "easy",
                }
            )
            shift += len(written) - (end - start)
            position = end
        pieces.append(text[position:])
        return Damaged(key, "".join(pieces), tuple(spans))


def damaged_corpus(
    generator: str, split: str, generators: Generators | None = None
) -> list[Damaged]:
    generators = generators or Generators()
    return [
        generators.damage(generator, str(path.relative_to(CORPORA)), text)
        for path, text in source_documents(split)
    ]


def write_corpus(documents: list[Damaged], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for document in documents:
        stem = Path(document.path).stem
        (folder / f"{stem}.txt").write_text(document.text, encoding="utf-8")
        gold = {"spans": list(document.spans), "legit_english": [], "source": document.path}
        (folder / f"{stem}.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--generator", action="append", choices=GENERATORS)
    parser.add_argument("--out", type=Path, default=CORPORA / "damage")
    args = parser.parse_args(argv)
    generators = Generators()
    splits = ("dev", "test") if args.split == "all" else (args.split,)
    for name in args.generator or GENERATORS:
        for split in splits:
            documents = damaged_corpus(name, split, generators)
            spans = [s for d in documents for s in d.spans]
            print(f"{name}/{split}: {len(documents)} documents, {len(spans)} spans")
            write_corpus(documents, args.out / name / split)


if __name__ == "__main__":
    main()
