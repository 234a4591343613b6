"""Words with character offsets, sentence starts and quotation context.

Tokens index into the whole document text, whatever segment they come from.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from enum import IntEnum
from itertools import accumulate, chain, compress, count
from operator import itemgetter

from .models import Segment, Token

WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# Regions that are not prose words: URLs, e-mail addresses, paths, options, file names,
# identifiers. Matching stays linear on any input (tests/test_robustness_regex.py): every
# alternative either starts at a boundary it cannot share with the position before
# (lookbehinds), starts with a literal, or has a bounded quantifier, so no start position
# inside a long run of letters rescans the rest of the run.
_SPECIAL = r"/\\_=<>{}\[\]$#@|`~^*"
TECHNICAL_RE = re.compile(
    r"(?:https?|ftp)://\S+"
    r"|www\.\S+"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    rf"|(?<![^\s{_SPECIAL}])[^\s{_SPECIAL}]*[{_SPECIAL}]\S*"  # a word holding /, _, =...
    rf"|[{_SPECIAL}]\S*"
    r"|(?<!\w)--?[^\W\d_][\w-]*"
    r"|\b\w+(?:\.\w+)+\b"
    r"|\b[^\W\d_][\w-]{0,63}\(\d\w{0,5}\)"  # man page reference: head(1)
)
ASIDE_RE = re.compile(r"\(([^()\n]{1,80})\)")
ELISIONS = frozenset(
    ["l", "d", "j", "m", "t", "s", "c", "n", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"]
)
SENTENCE_END = frozenset(".!?…")
OPENING_QUOTES = frozenset("“«‘„‹")
CLOSING_QUOTES = frozenset("”»’“‹›")
PAIRS = {"“": "”", "«": "»", "‘": "’", "„": "“", "‹": "›", '"': '"'}
QUOTE_MARK_RE = re.compile("[" + re.escape("".join(sorted(set(PAIRS) | CLOSING_QUOTES))) + "]")


class Cover:
    """Answers ``any(a <= offset < b for a, b in spans)`` in O(log n), nested spans allowed."""

    __slots__ = ("_reach", "_starts")

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._reach: list[int] = []  # furthest end among the spans opened so far
        furthest = -1
        for _, b in ordered:
            furthest = max(furthest, b)
            self._reach.append(furthest)

    def __contains__(self, offset: int) -> bool:
        at = bisect.bisect_right(self._starts, offset) - 1
        return at >= 0 and offset < self._reach[at]


# Every TECHNICAL_RE alternative holds one of these, and no match holds whitespace: only
# the runs of non-space characters around a trigger need the full pattern. A hyphen
# triggers only as an option starts (``-v``, ``--all``), not as a dash between spaces.
# Reads as ``[SPECIAL@]|\.(?:(?<=\w\.)(?=\w)|(?<=www\.))|-(?<!\w-)-?[^\W\d_]|\(\d``,
# written with one leading character class (each alternative then tells its character
# by a lookbehind): a pattern that starts with a class lets the regex engine skip the
# characters outside it at C speed, an alternation of classes does not (a third less
# time on prose; tests/test_trigger_patterns.py holds the two forms equal).
TECHNICAL_TRIGGER_RE = re.compile(
    rf"[{_SPECIAL}@.(-](?:(?<=[{_SPECIAL}@])|(?<=\w\.)(?=\w)|(?<=www\.)"
    r"|(?<=-)(?<!\w-)-?[^\W\d_]|(?<=\()\d)"
)
SPACE_RE = re.compile(r"\s")


def technical_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    searched = start  # the runs before this offset are done
    for trigger in TECHNICAL_TRIGGER_RE.finditer(text, start, end):
        at = trigger.start()
        if at < searched:
            continue
        run_start = max(start, searched)
        space = _last_space(text, run_start, at)
        if space >= 0:
            run_start = space + 1
        after = SPACE_RE.search(text, trigger.end(), end)
        searched = after.start() if after else end
        regions.extend(m.span() for m in TECHNICAL_RE.finditer(text, run_start, searched))
    return regions


def _last_space(text: str, start: int, end: int) -> int:
    """Offset of the last whitespace character in ``text[start:end]``, or -1."""
    for index in range(end - 1, start - 1, -1):
        if text[index].isspace():
            return index
    return -1


def quote_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of the inside of each quotation, outermost first closed last.

    ``’`` is read as an apostrophe when it stands between letters, and a straight
    ``"`` opens when nothing open is a straight quote.
    """
    stack: list[tuple[str, int]] = []
    regions: list[tuple[int, int]] = []
    for mark in QUOTE_MARK_RE.finditer(text, start, end):
        index = mark.start()
        char = mark.group()
        before = text[index - 1] if index > start else " "
        after = text[index + 1] if index + 1 < end else " "
        apostrophe = char in "’'" and before.isalpha()
        if apostrophe and (not stack or stack[-1][0] != "‘" or after.isalpha()):
            continue
        if stack and PAIRS.get(stack[-1][0]) == char:
            _opener, opened = stack.pop()
            regions.append((opened, index))
        elif char in PAIRS and (char != '"' or not any(q == '"' for q, _ in stack)):
            if char == "‘" and before.isalpha():
                continue
            stack.append((char, index + 1))
        elif char == "”" and stack:
            # Mismatched closer (e.g. “... " ): close the innermost quotation anyway.
            _opener, opened = stack.pop()
            regions.append((opened, index))
    regions.sort()
    return regions


class TokenIndex(Sequence[Token]):
    """A document's tokens, indexed once: where each starts and where its sentence begins
    and ends. Look-ups per finding then cost O(log n) instead of a pass over the document.

    Built from ``TokenColumns``, a token object is made only when it is read: a reader of
    a few tokens (a finding's slot) or of the words alone (``texts``) builds none of the
    others."""

    __slots__ = ("_columns", "_next_opening", "_sentence_first", "_tokens", "starts")

    def __init__(self, tokens: Iterable[Token] = (), columns: TokenColumns | None = None) -> None:
        if columns is None:
            self._tokens: list[Token | None] = list(tokens)
            self.starts = [t.start for t in self._tokens]  # type: ignore[union-attr]
        else:
            self._tokens = [None] * len(columns.starts)
            self.starts = columns.starts
        self._columns = columns
        self._sentence_first: list[int] | None = None
        self._next_opening: list[int] | None = None

    def _token(self, index: int) -> Token:
        token = self._tokens[index]
        if token is None:
            token = self._tokens[index] = self._columns.token(index)  # type: ignore[union-attr]
        return token

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self._token(i) for i in range(*index.indices(len(self._tokens)))]
        if index < 0:
            index += len(self._tokens)
        if not 0 <= index < len(self._tokens):
            raise IndexError("token index out of range")
        return self._token(index)

    def __len__(self) -> int:
        return len(self._tokens)

    def __iter__(self) -> Iterator[Token]:
        if self._columns is not None and None in self._tokens:
            built = self._columns.tokens()
            self._tokens = [old or new for old, new in zip(self._tokens, built, strict=True)]
        return iter(self._tokens)  # type: ignore[arg-type]

    def __repr__(self) -> str:
        return f"TokenIndex({list(self)!r})"

    @property
    def columns(self) -> TokenColumns | None:
        """The columns the tokens are built from (``None`` when built from tokens)."""
        return self._columns

    @property
    def texts(self) -> list[str]:
        """Each token's text (``Token.text``), without building the tokens."""
        if self._columns is not None:
            return self._columns.texts
        return [t.text for t in self._tokens]  # type: ignore[union-attr]

    def _sentence_starts(self) -> list[bool]:
        if self._columns is not None:
            return self._columns.sentence_starts
        return [t.sentence_start for t in self._tokens]  # type: ignore[union-attr]

    def last_at_or_before(self, offset: int) -> int:
        """Index of the last token starting at ``offset`` or earlier (-1 if none)."""
        return bisect.bisect_right(self.starts, offset) - 1

    def sentence_first(self, index: int) -> int:
        """Index of the token opening the sentence of token ``index`` (the first token
        when no sentence opening comes before it)."""
        if index <= 0:
            return index
        if self._sentence_first is None:
            self._sentence_first = []
            first = 0
            for position, opens in enumerate(self._sentence_starts()):
                if opens:
                    first = position
                self._sentence_first.append(first)
        return self._sentence_first[index]

    def next_opening(self, index: int) -> int:
        """Index of the first token at ``index`` or after that opens a sentence (``len``
        if none)."""
        if self._next_opening is None:
            opens = self._sentence_starts()
            self._next_opening = [len(opens)] * (len(opens) + 1)
            for position in range(len(opens) - 1, -1, -1):
                following = self._next_opening[position + 1]
                self._next_opening[position] = position if opens[position] else following
        return self._next_opening[max(index, 0)]


def indexed(tokens: Sequence[Token]) -> TokenIndex:
    """``tokens`` as a ``TokenIndex`` (built once here when given a plain list)."""
    return tokens if isinstance(tokens, TokenIndex) else TokenIndex(tokens)


@dataclass(frozen=True, slots=True)
class TokenColumns:
    """Tokens as one list per ``Token`` field, index by index."""

    texts: list[str]
    starts: list[int]
    ends: list[int]
    sentence_starts: list[bool]
    in_quotes: list[bool]
    quote_starts: list[bool]
    elided: list[str]
    beside_code: list[bool]

    def token(self, index: int) -> Token:
        return Token(
            self.texts[index],
            self.starts[index],
            self.ends[index],
            self.sentence_starts[index],
            self.in_quotes[index],
            self.quote_starts[index],
            self.elided[index],
            self.beside_code[index],
        )

    def tokens(self) -> list[Token]:
        return list(
            map(
                Token,
                self.texts,
                self.starts,
                self.ends,
                self.sentence_starts,
                self.in_quotes,
                self.quote_starts,
                self.elided,
                self.beside_code,
            )
        )

    @classmethod
    def joined(cls, parts: Sequence[TokenColumns]) -> TokenColumns:
        """The columns of ``parts``, one after the other."""
        if len(parts) == 1:
            return parts[0]
        each = zip(*(part.lists() for part in parts), strict=True)
        return cls(*(list(chain.from_iterable(column)) for column in each))

    def lists(self) -> tuple[list, ...]:
        """The columns in field order (``dataclasses.astuple`` would copy each item)."""
        return tuple(getattr(self, column.name) for column in fields(self))


EMPTY_COLUMNS = TokenColumns([], [], [], [], [], [], [], [])


@dataclass(frozen=True, slots=True)
class Tokenized:
    tokens: TokenIndex
    quotes: list[tuple[int, int]]  # the inside of each quotation, as offsets
    asides: list[tuple[int, int]] = field(default_factory=list)  # inside of (parentheses)
    # A sparse tokenization keeps the words of each segment: ``complete()`` reads them.
    words: tuple[SegmentWords, ...] = ()

    @property
    def sparse(self) -> bool:
        return bool(self.words)

    def complete(self) -> Tokenized:
        """Every token, as the full tokenization gives them (built when read)."""
        if not self.sparse:
            return self
        columns = TokenColumns.joined([words.columns() for words in self.words] or [EMPTY_COLUMNS])
        return Tokenized(TokenIndex(columns=columns), self.quotes, self.asides)


class Need(IntEnum):
    """What a word, as WORD_RE matched it (elision included), needs for detection."""

    NOTHING = 0
    TOKEN = 1  # its own token (a capitalised word: it may name a word elsewhere)
    NEIGHBOURS = 2  # its token and its neighbours' (it may be English)


# The words of a set that need something, with what (``Detector.needs``): asked once
# per segment for its distinct words.
WordNeeds = Callable[[set[str]], dict[str, Need]]


def tokenize(text: str, segments: Iterable[Segment], need: WordNeeds | None = None) -> Tokenized:
    """Every word of the prose segments; with ``need``, only the words it asks for,
    the neighbours of the NEIGHBOURS words (two tokens before, one after) and the words
    in or right before a quotation: each token is the same as in the full list, and
    ``complete()`` gives the full list."""
    tokens: list[Token] = []
    quotes: list[tuple[int, int]] = []
    asides: list[tuple[int, int]] = []
    words_of_segments: list[SegmentWords] = []
    all_columns: list[TokenColumns] = []
    for segment in segments:
        segment_quotes = quote_regions(text, segment.start, segment.end)
        words = SegmentWords(text, segment.start, segment.end, segment_quotes)
        if need is None:
            all_columns.append(words.columns())
        else:
            tokens.extend(words.columns(_kept(text, words, segment_quotes, need)).tokens())
            words_of_segments.append(words)
        quotes.extend(segment_quotes)
        if text.find("(", segment.start, segment.end) >= 0:
            asides.extend(m.span(1) for m in ASIDE_RE.finditer(text, segment.start, segment.end))
    if need is None:
        index = TokenIndex(columns=TokenColumns.joined(all_columns or [EMPTY_COLUMNS]))
        return Tokenized(index, quotes, asides)
    return Tokenized(TokenIndex(tokens), quotes, asides, tuple(words_of_segments))


# Split by it, a segment alternates gaps (what lies before each word: no letter) and words.
WORD_SPLIT_RE = re.compile(f"({WORD_RE.pattern})")
# What a gap says about the word after it: (it opens a sentence, it opens a quotation).
_GAP_FLAGS: dict[str, tuple[bool, bool]] = {}
GAP_CACHE_SIZE = 10_000


def _gap_flags(gap: str) -> tuple[bool, bool]:
    flags = _GAP_FLAGS.get(gap)
    if flags is None:
        flags = (_ends_sentence(gap), _opens_quote(gap))
        if len(_GAP_FLAGS) < GAP_CACHE_SIZE:
            _GAP_FLAGS[gap] = flags
    return flags


class SegmentWords:
    """The words WORD_RE matches in one segment (``words``, with where each match starts
    and ends and the gap before it), and the tokens they make."""

    __slots__ = (
        "_beside",
        "_quotes",
        "_start",
        "_technical",
        "_text",
        "ends",
        "gaps",
        "starts",
        "words",
    )

    def __init__(self, text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> None:
        self._text = text
        self._start = start
        parts = WORD_SPLIT_RE.split(text[start:end])
        offsets = list(accumulate(map(len, parts), initial=start))
        self.gaps: list[str] = parts[0:-1:2]  # the last part is the gap after the last word
        self.words: list[str] = parts[1::2]
        self.starts: list[int] = offsets[1:-1:2]  # of the matches, elision included
        self.ends: list[int] = offsets[2::2]
        self._quotes = quotes
        self._technical: set[int] = set()  # indices of the matches inside technical regions
        self._beside: set[int] = set()  # indices of the matches next to one
        if self.words:
            self._find_technical(technical_regions(text, start, end))

    def _find_technical(self, regions: list[tuple[int, int]]) -> None:
        """Which matches overlap a technical region, and which are separated from one by
        spaces and tabs only (``beside_code``)."""
        text, starts, ends = self._text, self.starts, self.ends
        for region_start, region_end in regions:
            first = bisect.bisect_right(ends, region_start)  # first match ending after it
            after = bisect.bisect_left(starts, region_end, first)  # first match after it
            self._technical.update(range(first, after))
            if first > 0 and not text[ends[first - 1] : region_start].strip(" \t"):
                self._beside.add(first - 1)
            if after < len(starts) and not text[region_end : starts[after]].strip(" \t"):
                self._beside.add(after)

    def is_technical(self, index: int) -> bool:
        return index in self._technical

    def columns(self, indices: Iterable[int] | None = None) -> TokenColumns:
        """The tokens of the matches ``indices`` (all by default), in order; technical
        matches make none. Each column is built by C-level maps and slices, not a
        Python step per word."""
        technical = self._technical
        if indices is None:
            indices = range(len(self.words))
        kept = [i for i in indices if i not in technical] if technical else list(indices)
        every = len(kept) == len(self.words)  # then kept is 0, 1, 2...
        texts = list(self.words) if every else list(map(self.words.__getitem__, kept))
        starts = list(self.starts) if every else list(map(self.starts.__getitem__, kept))
        ends = list(self.ends) if every else list(map(self.ends.__getitem__, kept))
        gaps = self.gaps if every else list(map(self.gaps.__getitem__, kept))
        elided = [""] * len(kept)
        for position, word in enumerate(texts):
            if "'" in word or "’" in word:
                head, separator, rest = split_elision(word)
                if separator:
                    elided[position] = head + separator
                    texts[position] = rest
                    starts[position] += len(head) + len(separator)
        flags = list(map(_GAP_FLAGS.get, gaps))
        if None in flags:
            flags = list(map(_gap_flags, gaps))
        sentence_starts = list(map(itemgetter(0), flags))
        if kept and kept[0] == 0:
            sentence_starts[0] = True
        beside = self._beside
        return TokenColumns(
            texts,
            starts,
            ends,
            sentence_starts,
            _covered(starts, self._quotes),
            list(map(itemgetter(1), flags)),
            elided,
            [i in beside for i in kept] if beside else [False] * len(kept),
        )


def _covered(starts: list[int], spans: list[tuple[int, int]]) -> list[bool]:
    """For each of the sorted ``starts``, whether a span holds it (``Cover``), marked by
    slices: the starts a span holds are consecutive."""
    covered = [False] * len(starts)
    for span_start, span_end in spans:
        first = bisect.bisect_left(starts, span_start)
        last = bisect.bisect_left(starts, span_end, first)
        covered[first:last] = [True] * (last - first)
    return covered


# A word that may be English keeps the list it may belong to (``always, never ou
# auto``: detect._names_in_lists): the words joined to it by these separators, or by a
# conjunction word, with or without a comma before it. A superset of the detector's links.
LIST_GAPS = frozenset((",", "/"))
LIST_CONJUNCTIONS = frozenset(("ou", "et"))


def _kept(
    text: str, segment: SegmentWords, quotes: list[tuple[int, int]], need: WordNeeds
) -> list[int]:
    """Indices of the matches that become tokens, in order. Technical matches never
    become tokens: a neighbour is the nearest match that is not technical."""
    words, starts, ends = segment.words, segment.starts, segment.ends
    is_technical = segment.is_technical
    needs = need(set(words))
    kept: set[int] = set()
    listed: set[int] = set()  # matches whose list is already kept

    def linked(index: int) -> bool:
        """Whether match ``index`` and the next may be members of one list."""
        gap = text[ends[index] : starts[index + 1]].strip()
        if gap in LIST_GAPS:
            return True
        return gap in ("", ",") and (
            words[index].lower() in LIST_CONJUNCTIONS
            or words[index + 1].lower() in LIST_CONJUNCTIONS
        )

    def keep_list(index: int) -> None:
        if index in listed:
            return
        first = last = index
        while first > 0 and linked(first - 1):
            first -= 1
        while last + 1 < len(words) and linked(last):
            last += 1
        listed.update(range(first, last + 1))
        kept.update(range(first, last + 1))

    def neighbours(index: int, step: int, count: int) -> None:
        while count and 0 <= index + step < len(words):
            index += step
            kept.add(index)
            count -= not is_technical(index)

    if needs:
        for index in compress(count(), map(needs.__contains__, words)):
            kept.add(index)
            if needs[words[index]] == Need.NEIGHBOURS:
                neighbours(index, -1, 2)
                neighbours(index, 1, 1)
                keep_list(index)
    for start, end in quotes:
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end, first)
        kept.update(range(first, last))
        neighbours(first, -1, 1)  # the word before: a determiner of the quotation
    return sorted(kept)


def split_elision(word: str) -> tuple[str, str, str]:
    if "'" not in word and "’" not in word:
        return word, "", ""  # most words: no need to walk the letters
    for index, char in enumerate(word):
        if char in "'’":
            head = word[:index]
            if head.lower() in ELISIONS and index + 1 < len(word):
                return head, char, word[index + 1 :]
            break
        if char == "-":
            break
    return word, "", ""


def _ends_sentence(gap: str) -> bool:
    stripped = gap.strip(" \t\"“”«»‘’'()[]\u00a0\u202f")
    return (
        "\n\n" in gap
        or (bool(stripped) and stripped[0] in SENTENCE_END)
        or ("\n" in gap and bool(stripped) and stripped[-1] in SENTENCE_END)
    )


def _opens_quote(gap: str) -> bool:
    stripped = gap.rstrip(" \t\u00a0\u202f")
    return bool(stripped) and (stripped[-1] in OPENING_QUOTES or stripped[-1] in "\"'")
