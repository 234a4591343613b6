"""What the text around a finding says about the French word that belongs there.

The damage model (``suggest.py``) multiplies how likely the written word is under each
kind of damage by how likely a French word is in this slot. This module reads the slot:
the determiner in front, a ``de`` in front, a sentence start, the words of a
locution around it (``fait … à`` wants ``face``), and the other words of the document
(a spinner leaves the other uses of the original word untouched).
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .context import Agreement, agreement_before
from .lexicon import Lexicon
from .models import Finding, Token
from .tokenize import indexed

NEGATION = frozenset({"pas", "plus", "jamais", "point", "guère", "ne", "n", "rien"})


@dataclass(frozen=True, slots=True)
class DocumentWords:
    """Lower-case word forms of a document, other than the words found English."""

    counts: Counter

    @classmethod
    def of(cls, tokens: Sequence[Token], findings: Iterable[Finding] = ()) -> DocumentWords:
        flagged = sorted((f.start, f.end) for f in findings)
        starts = [start for start, _ in flagged]
        counts: Counter = Counter()
        for token in tokens:
            at = bisect.bisect_right(starts, token.start) - 1
            if at >= 0 and token.start < flagged[at][1]:
                continue
            counts[token.lower] += 1
        return cls(counts)

    def occurs(self, word: str) -> bool:
        """``word`` or its singular/plural stands elsewhere in the document."""
        if " " in word:
            return False
        if self.counts.get(word):
            return True
        if word.endswith(("s", "x")) and self.counts.get(word[:-1]):
            return True
        return bool(self.counts.get(word + "s") or self.counts.get(word + "x"))


@dataclass(frozen=True, slots=True)
class Slot:
    """The context of one finding, as far as ranking its French words goes."""

    agreement: Agreement | None = None
    after_de: bool = False  # ``chars de fight``: a noun (or an infinitive) follows
    sentence_start: bool = False  # no determiner can stand in front of the word
    previous: str = ""  # the word before, negation skipped (``fait`` in ``fait pas X à``)
    following: str = ""  # the word after (``à``)
    document: DocumentWords | None = None

    @property
    def wants_noun(self) -> bool:
        return self.agreement is not None


EMPTY_SLOT = Slot()


def slot_of(
    text: str,
    start: int,
    end: int,
    tokens: Sequence[Token],
    document: DocumentWords | None = None,
) -> Slot:
    tokens = indexed(tokens)  # built once per document by the tokenizer
    starts = tokens.starts
    index = bisect.bisect_left(starts, start)
    token = tokens[index] if index < len(tokens) and tokens[index].start == start else None
    after = bisect.bisect_left(starts, end)
    following = tokens[after].lower if after < len(tokens) else ""
    if after < len(tokens) and text[end : tokens[after].start].strip():
        following = ""  # punctuation in between
    previous_index = index - 1
    while previous_index >= 0 and tokens[previous_index].lower in NEGATION:
        previous_index -= 1
    previous = tokens[previous_index].lower if previous_index >= 0 else ""
    elided = token.elided[:-1].lower() if token is not None else ""
    after_de = elided == "d" or (
        index > 0
        and tokens[index - 1].lower == "de"
        and not text[tokens[index - 1].end : start].strip()
    )
    return Slot(
        agreement=agreement_before(text, start, tokens),
        after_de=after_de,
        sentence_start=bool(token is not None and token.sentence_start and not elided),
        previous=previous,
        following=following,
        document=document,
    )


@functools.cache
def locutions(lexicon: Lexicon) -> dict[str, frozenset[tuple[str, str]]]:
    """Noun -> (verb form, preposition) pairs of the light-verb locutions it belongs to
    (``face`` -> (``fait``, ``à``)...), from ``locutions.tsv``."""
    verbs: dict[str, list[str]] = {}
    table: dict[str, set[tuple[str, str]]] = {}
    for line in lexicon.read_lines("locutions.tsv"):
        head, _, rest = line.partition("\t")
        if head.startswith("@"):
            verbs[head[1:]] = rest.split()
            continue
        preposition, verb = rest.split("\t")
        forms = verbs[verb]
        table.setdefault(head, set()).update((form, preposition) for form in forms)
    return {noun: frozenset(pairs) for noun, pairs in table.items()}


def in_locution(word: str, slot: Slot, lexicon: Lexicon) -> bool:
    if not slot.previous or not slot.following:
        return False
    return (slot.previous, slot.following) in locutions(lexicon).get(word, frozenset())
