"""What the text around a finding says about the French word that belongs there.

The damage model (``suggest.py``) multiplies how likely the written word is under each
kind of damage by how likely a French word is in this slot. This module reads the slot:
the determiner in front, a ``de`` in front, a sentence start, the words of a
locution around it (``fait … à`` wants ``face``), the words right beside it (how often
French prose writes a candidate after the one and before the other), and the other
words of the document (a spinner leaves the other uses of the original word untouched).
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain, compress
from operator import and_, not_

from .context import Agreement, agreement_before
from .lexicon import Lexicon
from .models import Finding, Token
from .tokenize import TokenColumns, TokenIndex, indexed

NEGATION = frozenset({"pas", "plus", "jamais", "point", "guère", "ne", "n", "rien"})
# A determiner right after the slot: a noun is rarely followed by one (``indique X la``).
FOLLOWING_DETERMINERS = frozenset(
    [
        "le",
        "la",
        "les",
        "un",
        "une",
        "des",
        "du",
        "au",
        "aux",
        "ce",
        "cet",
        "cette",
        "ces",
        "mon",
        "ma",
        "mes",
        "ton",
        "ta",
        "tes",
        "son",
        "sa",
        "ses",
        "notre",
        "nos",
        "votre",
        "vos",
        "leur",
        "leurs",
    ]
)
# Determiners and prepositions a slot is read across: the word before them tells more of
# a noun than they do (``ouvrir la fenêtre``, ``chars de combat``, ``prise en charge``).
FUNCTION_WORDS = frozenset(
    [
        *("le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "au", "aux", "à"),
        *("en", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "mon"),
        *("ma", "mes", "notre", "nos", "votre", "vos"),
    ]
)
# A verb with its subject pronoun behind it (``pouvons-nous``, ``va-t-il``, ``est-ce``):
# French asks questions this way, mostly after an interrogative word (``comment``,
# ``pourquoi``). Each verb form is rare, the construction is not: the collocation table
# counts every such form as one word, ``INVERSION``.
SUBJECT_PRONOUNS = frozenset(["je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "ce"])
INVERSION = "~inversion"
NOT_INVERTED = frozenset(["rendez-vous", "qu'en-dira-t-on"])  # nouns


def collocation_word(word: str) -> str:
    """``word`` as the collocation table counts it (lower case): an inverted verb and
    subject reads as ``INVERSION``."""
    verb, hyphen, pronoun = word.rpartition("-")
    if not hyphen or pronoun not in SUBJECT_PRONOUNS or word in NOT_INVERTED:
        return word
    verb = verb.removesuffix("-t")  # va-t-il
    return INVERSION if verb.isalpha() else word


# After a copula the slot mostly holds an adjective or a participle (``il est X que``).
COPULAS = frozenset(
    [
        "est",
        "sont",
        "était",
        "étaient",
        "sera",
        "seront",
        "serait",
        "seraient",
        "soit",
        "soient",
        "fut",
        "être",
        "reste",
        "restent",
        "semble",
        "semblent",
        "devient",
        "deviennent",
        "paraît",
        "demeure",
    ]
)
# Words followed by an infinitive (``pour X``, ``doit X``, ``peut X``).
INFINITIVE_INTRODUCERS = frozenset(
    [
        "pour",
        "sans",
        "afin",
        "doit",
        "doivent",
        "devrait",
        "devraient",
        "peut",
        "peuvent",
        "pourra",
        "pourront",
        "pourrait",
        "pourraient",
        "faut",
        "va",
        "vont",
        "veut",
        "veulent",
        "sait",
        "savent",
        "laisse",
    ]
)


@dataclass(frozen=True, slots=True, eq=False)
class DocumentWords:
    """Lower-case word forms of a document, other than the words found English, and the
    pairs of adjacent words it contains (a document repeats its phrases: ``prise en
    charge`` elsewhere tells what ``prise en care`` was)."""

    counts: Counter
    given_pairs: frozenset[tuple[str, str]] = frozenset()
    # Reads the pairs when first asked (``beside``): only a candidate the document holds
    # elsewhere asks, so most documents never walk their words for pairs.
    pairs_reader: Callable[[], frozenset[tuple[str, str]]] | None = field(
        default=None, compare=False, repr=False
    )
    _read: list[frozenset[tuple[str, str]]] = field(default_factory=list, compare=False, repr=False)
    total: int = field(init=False, default=0)  # the words counted

    def __post_init__(self) -> None:
        object.__setattr__(self, "total", sum(self.counts.values()))

    @property
    def pairs(self) -> frozenset[tuple[str, str]]:
        if self.pairs_reader is None:
            return self.given_pairs
        if not self._read:
            self._read.append(self.pairs_reader())
        return self._read[0]

    def __eq__(self, other: object) -> bool:
        """The same words and pairs, whether the pairs were given or read."""
        if not isinstance(other, DocumentWords):
            return NotImplemented
        return self.counts == other.counts and self.pairs == other.pairs

    __hash__ = None  # type: ignore[assignment]  # a Counter inside: unhashable, as before

    @classmethod
    def of(
        cls, tokens: Sequence[Token], findings: Iterable[Finding] = (), text: str = ""
    ) -> DocumentWords:
        """``text``, when given, separates the words with only spaces between them into
        pairs (without it no pair is recorded)."""
        flagged = sorted((f.start, f.end) for f in findings)
        if isinstance(tokens, TokenIndex) and tokens.columns is not None:
            return cls._of_columns(tokens.columns, flagged, text)
        starts = [start for start, _ in flagged]
        counts: Counter = Counter()
        pairs: set[tuple[str, str]] = set()
        previous: Token | None = None
        for token in tokens:
            at = bisect.bisect_right(starts, token.start) - 1
            if at >= 0 and token.start < flagged[at][1]:
                previous = None
                continue
            lower = token.lower
            counts[lower] += 1
            if (
                text
                and previous is not None
                and not token.elided
                and not text[previous.end : token.start].strip()
            ):
                pairs.add((previous.lower, lower))
            previous = token
        return cls(counts, frozenset(pairs))

    @classmethod
    def _of_columns(
        cls, columns: TokenColumns, flagged: list[tuple[int, int]], text: str
    ) -> DocumentWords:
        """``of`` on a tokenization's columns, without building its tokens: the tokens
        left out (starting inside the last finding that starts at or before them) are
        those from each finding's start to its end or the next finding's start, so the
        others come in runs of consecutive tokens."""
        starts, ends = columns.starts, columns.ends
        runs: list[tuple[int, int]] = []
        run_start = 0
        for k, (start, end) in enumerate(flagged):
            following = flagged[k + 1][0] if k + 1 < len(flagged) else end
            first = bisect.bisect_left(starts, start, run_start)
            last = max(first, bisect.bisect_left(starts, min(end, following), first))
            if last > first:
                runs.append((run_start, first))
                run_start = last
        runs.append((run_start, len(starts)))
        lowers = list(map(str.lower, columns.texts))
        counts = Counter(chain.from_iterable(lowers[a:b] for a, b in runs))
        if not text:
            return cls(counts)

        def pairs() -> frozenset[tuple[str, str]]:
            """Each two tokens of a run with only spaces between, the second not elided:
            C-level maps over the run's columns, no Python step per token."""
            found: set[tuple[str, str]] = set()
            elided = columns.elided
            for a, b in runs:
                if b - a < 2:
                    continue  # no pair (and a slice up to b - 1 = -1 would read them all)
                gaps = map(text.__getitem__, map(slice, ends[a : b - 1], starts[a + 1 : b]))
                joined = map(and_, map(not_, map(str.strip, gaps)), map(not_, elided[a + 1 : b]))
                pairs = zip(lowers[a : b - 1], lowers[a + 1 : b], strict=True)
                found.update(compress(pairs, joined))
            return frozenset(found)

        return cls(counts, pairs_reader=pairs)

    def count(self, word: str) -> int:
        """How often ``word`` (or its singular/plural) stands elsewhere in the document."""
        if " " in word:
            return 0
        found = self.counts.get(word, 0)
        if word.endswith(("s", "x")):
            found += self.counts.get(word[:-1], 0)
        else:
            found += self.counts.get(word + "s", 0) + self.counts.get(word + "x", 0)
        return found

    def occurs(self, word: str) -> bool:
        """``word`` or its singular/plural stands elsewhere in the document."""
        return self.count(word) > 0

    def beside(self, word: str, previous: str, following: str) -> bool:
        """``word`` stands elsewhere after ``previous`` or before ``following``."""
        if not self.pairs or " " in word:
            return False
        return bool(
            (previous and (previous, word) in self.pairs)
            or (following and (word, following) in self.pairs)
        )


def count_forms(word: str) -> tuple[str, ...]:
    """The forms whose counts ``DocumentWords.count`` adds up for ``word``."""
    if " " in word:
        return ()
    if word.endswith(("s", "x")):
        return (word, word[:-1])
    return (word, word + "s", word + "x")


@dataclass(frozen=True, slots=True)
class Slot:
    """The context of one finding, as far as ranking its French words goes."""

    agreement: Agreement | None = None
    after_de: bool = False  # ``chars de fight``: a noun (or an infinitive) follows
    sentence_start: bool = False  # no determiner can stand in front of the word
    previous: str = ""  # the word before, negation skipped (``fait`` in ``fait pas X à``)
    following: str = ""  # the word after (``à``)
    document: DocumentWords | None = None
    following_determiner: bool = False  # a determiner right after (``indique X la``)
    # The word right before as written, with only spaces between (an elided article
    # or pronoun in front: ``l'``, ``d'``): the left neighbour of ``collocations.tsv``.
    left: str = ""
    # The word before ``left`` when that is one of FUNCTION_WORDS (``ouvrir`` in
    # ``ouvrir la X``), with only spaces between.
    across: str = ""
    # The word right after as written (an elided ``d'`` included), and the word after
    # that when it is one of FUNCTION_WORDS (``vue`` in ``X de vue``).
    right: str = ""
    across_right: str = ""

    @property
    def after_copula(self) -> bool:
        return self.previous in COPULAS

    @property
    def wants_infinitive(self) -> bool:
        return self.previous in INFINITIVE_INTRODUCERS


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
    gap = text[end : tokens[after].start].strip() if after < len(tokens) else ""
    if gap:
        following = ""  # punctuation in between
    following_determiner = following in FOLLOWING_DETERMINERS or gap.lower() in ("l'", "l’")
    previous_index = index - 1
    while previous_index >= 0 and tokens[previous_index].lower in NEGATION:
        previous_index -= 1
    previous = tokens[previous_index].lower if previous_index >= 0 else ""
    elided = token.elided[:-1].lower() if token is not None else ""
    left = across = ""
    if elided:
        left = elided + "'"
    elif index > 0 and not text[tokens[index - 1].end : start].strip():
        left = collocation_word(tokens[index - 1].lower)
    if left in FUNCTION_WORDS:
        holder = tokens[index] if elided else tokens[index - 1]  # the token holding ``left``
        if not elided and holder.elided:  # ``qu'une X``
            across = holder.elided[:-1].lower() + "'"
        else:
            at = index - 1 if elided else index - 2
            if at >= 0 and not text[tokens[at].end : holder.start - len(holder.elided)].strip():
                across = tokens[at].lower
    right, across_right = _words_after(text, end, tokens, after)
    after_de = left in ("de", "d'")
    return Slot(
        agreement=agreement_before(text, start, tokens),
        after_de=after_de,
        sentence_start=bool(token is not None and token.sentence_start and not elided),
        previous=previous,
        following=following,
        document=document,
        following_determiner=following_determiner,
        left=left,
        across=across,
        right=right,
        across_right=across_right,
    )


def _words_after(text: str, end: int, tokens: TokenIndex, after: int) -> tuple[str, str]:
    """The word written right after ``end`` (an elided article being a word), and the
    word after it when the first is one of FUNCTION_WORDS; "" past punctuation."""
    words: list[str] = []
    position = end
    while after < len(tokens) and len(words) < 2:
        token = tokens[after]
        if text[position : token.start - len(token.elided)].strip():
            break
        if token.elided:
            words.append(token.elided[:-1].lower() + "'")
        if len(words) < 2:
            words.append(collocation_word(token.lower))
        position = token.end
        after += 1
    right = words[0] if words else ""
    beyond = words[1] if len(words) > 1 and right in FUNCTION_WORDS else ""
    return right, beyond


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
