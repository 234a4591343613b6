"""Words with character offsets, sentence starts and quotation context.

Tokens index into the whole document text, whatever segment they come from.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import IntEnum

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
# the runs of non-space characters around a trigger need the full pattern.
TECHNICAL_TRIGGER_RE = re.compile(rf"[{_SPECIAL}@]|www\.|\w\.\w|(?<!\w)-|\(\d")
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
    and ends. Look-ups per finding then cost O(log n) instead of a pass over the document."""

    __slots__ = ("_next_opening", "_sentence_first", "_tokens", "starts")

    def __init__(self, tokens: Iterable[Token]) -> None:
        self._tokens = list(tokens)
        self.starts = [t.start for t in self._tokens]
        self._sentence_first: list[int] = []
        first = 0
        for index, token in enumerate(self._tokens):
            if token.sentence_start:
                first = index
            self._sentence_first.append(first)
        self._next_opening = [len(self._tokens)] * (len(self._tokens) + 1)
        for index in range(len(self._tokens) - 1, -1, -1):
            opens = self._tokens[index].sentence_start
            self._next_opening[index] = index if opens else self._next_opening[index + 1]

    def __getitem__(self, index):  # type: ignore[override]
        return self._tokens[index]

    def __len__(self) -> int:
        return len(self._tokens)

    def __iter__(self) -> Iterator[Token]:
        return iter(self._tokens)

    def __repr__(self) -> str:
        return f"TokenIndex({self._tokens!r})"

    def first_at_or_after(self, offset: int) -> int:
        """Index of the first token starting at ``offset`` or later (``len`` if none)."""
        return bisect.bisect_left(self.starts, offset)

    def last_at_or_before(self, offset: int) -> int:
        """Index of the last token starting at ``offset`` or earlier (-1 if none)."""
        return bisect.bisect_right(self.starts, offset) - 1

    def sentence_first(self, index: int) -> int:
        """Index of the token opening the sentence of token ``index`` (the first token
        when no sentence opening comes before it)."""
        return self._sentence_first[index] if index > 0 else index

    def next_opening(self, index: int) -> int:
        """Index of the first token at ``index`` or after that opens a sentence (``len``
        if none)."""
        return self._next_opening[max(index, 0)]


def indexed(tokens: Sequence[Token]) -> TokenIndex:
    """``tokens`` as a ``TokenIndex`` (built once here when given a plain list)."""
    return tokens if isinstance(tokens, TokenIndex) else TokenIndex(tokens)


@dataclass(frozen=True, slots=True)
class Tokenized:
    tokens: TokenIndex
    quotes: list[tuple[int, int]]  # the inside of each quotation, as offsets
    asides: list[tuple[int, int]] = field(default_factory=list)  # inside of (parentheses)
    # A sparse tokenization keeps what it needs to build the other tokens on demand.
    words: tuple[SegmentWords, ...] = ()
    kept: tuple[list[int], ...] = ()

    @property
    def sparse(self) -> bool:
        return bool(self.words)

    def complete(self) -> Tokenized:
        """Every token, as the full tokenization gives them: the tokens kept are reused
        and only the others are built."""
        if not self.sparse:
            return self
        tokens: list[Token] = []
        built = iter(self.tokens)  # the kept matches' tokens, in order
        for words, kept in zip(self.words, self.kept, strict=True):
            kept_set = set(kept)
            for index in range(len(words.matches)):
                if index in kept_set:
                    if not words.is_technical(index):
                        tokens.append(next(built))
                elif (token := words.token(index)) is not None:
                    tokens.append(token)
        return Tokenized(TokenIndex(tokens), self.quotes, self.asides)


class Need(IntEnum):
    """What a word, as WORD_RE matched it (elision included), needs for detection."""

    NOTHING = 0
    TOKEN = 1  # its own token (a capitalised word: it may name a word elsewhere)
    NEIGHBOURS = 2  # its token and its neighbours' (it may be English)


WordNeed = Callable[[str], Need]


def tokenize(text: str, segments: Iterable[Segment], need: WordNeed | None = None) -> Tokenized:
    """Every word of the prose segments; with ``need``, only the words it asks for,
    the neighbours of the NEIGHBOURS words (two tokens before, one after) and the words
    in or right before a quotation: each token is the same as in the full list, and
    ``complete()`` gives the full list."""
    tokens: list[Token] = []
    quotes: list[tuple[int, int]] = []
    asides: list[tuple[int, int]] = []
    words_of_segments: list[SegmentWords] = []
    kept_of_segments: list[list[int]] = []
    for segment in segments:
        segment_quotes = quote_regions(text, segment.start, segment.end)
        words = SegmentWords(text, segment.start, segment.end, segment_quotes)
        if need is None:
            tokens.extend(words.tokens(range(len(words.matches))))
        else:
            kept = _kept(text, words.matches, segment_quotes, need, words.is_technical)
            tokens.extend(words.tokens(kept))
            words_of_segments.append(words)
            kept_of_segments.append(kept)
        quotes.extend(segment_quotes)
        asides.extend(m.span(1) for m in ASIDE_RE.finditer(text, segment.start, segment.end))
    return Tokenized(
        TokenIndex(tokens), quotes, asides, tuple(words_of_segments), tuple(kept_of_segments)
    )


class SegmentWords:
    """The words WORD_RE matches in one segment, and the token each one makes."""

    __slots__ = ("_quoted", "_start", "_technical", "_technical_ends", "_text", "matches")

    def __init__(self, text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> None:
        self._text = text
        self._start = start
        self.matches = list(WORD_RE.finditer(text, start, end))
        self._technical = technical_regions(text, start, end) if self.matches else []
        self._technical_ends = [b for _, b in self._technical]
        self._quoted = Cover(quotes)

    def _technical_at(self, match: re.Match[str]) -> int:
        """Index of the first technical region ending after the match starts."""
        return bisect.bisect_right(self._technical_ends, match.start())

    def is_technical(self, index: int) -> bool:
        match = self.matches[index]
        at = self._technical_at(match)
        return at < len(self._technical) and self._technical[at][0] < match.end()

    def tokens(self, indices: Iterable[int]) -> list[Token]:
        """The tokens of the matches ``indices``, in order; technical matches make none."""
        return [t for t in map(self.token, indices) if t is not None]

    def token(self, index: int) -> Token | None:
        text, matches, technical = self._text, self.matches, self._technical
        match = matches[index]
        word_start, word_end = match.span()
        # A token's attributes depend only on the gap since the word before it.
        gap = text[matches[index - 1].end() if index else self._start : word_start]
        tech_index = self._technical_at(match)
        if tech_index < len(technical) and technical[tech_index][0] < word_end:
            return None
        word = match.group()
        elided = ""
        head, separator, rest = split_elision(word)
        if separator:
            elided = head + separator
            word_start += len(elided)
            word = rest
        return Token(
            text=word,
            start=word_start,
            end=word_end,
            sentence_start=index == 0 or _ends_sentence(gap),
            in_quotes=word_start in self._quoted,
            quote_start=_opens_quote(gap),
            elided=elided,
            beside_code=_touches(technical, tech_index, match.start(), word_end, text),
        )


# A word that may be English keeps the list it may belong to (``always, never ou
# auto``: detect._names_in_lists): the words joined to it by these separators, or by a
# conjunction word, with or without a comma before it. A superset of the detector's links.
LIST_GAPS = frozenset((",", "/"))
LIST_CONJUNCTIONS = frozenset(("ou", "et"))


def _kept(
    text: str,
    matches: list[re.Match[str]],
    quotes: list[tuple[int, int]],
    need: WordNeed,
    is_technical: Callable[[int], bool],
) -> list[int]:
    """Indices of the matches that become tokens, in order. Technical matches never
    become tokens: a neighbour is the nearest match that is not technical."""
    words = [m.group() for m in matches]
    needs = {word: need(word) for word in set(words)}
    kept: set[int] = set()
    listed: set[int] = set()  # matches whose list is already kept

    def linked(index: int) -> bool:
        """Whether match ``index`` and the next may be members of one list."""
        gap = text[matches[index].end() : matches[index + 1].start()].strip()
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
        while last + 1 < len(matches) and linked(last):
            last += 1
        listed.update(range(first, last + 1))
        kept.update(range(first, last + 1))

    def neighbours(index: int, step: int, count: int) -> None:
        while count and 0 <= index + step < len(matches):
            index += step
            kept.add(index)
            count -= not is_technical(index)

    for index, word in enumerate(words):
        wanted = needs[word]
        if wanted:
            kept.add(index)
            if wanted == Need.NEIGHBOURS:
                neighbours(index, -1, 2)
                neighbours(index, 1, 1)
                keep_list(index)
    if quotes:
        starts = [m.start() for m in matches]
        for start, end in quotes:
            first = bisect.bisect_left(starts, start)
            last = bisect.bisect_left(starts, end, first)
            kept.update(range(first, last))
            neighbours(first, -1, 1)  # the word before: a determiner of the quotation
    return sorted(kept)


def _touches(technical: list[tuple[int, int]], index: int, start: int, end: int, text: str) -> bool:
    """Whether only spaces separate the word from the technical region before or after it."""
    if index < len(technical) and not text[end : technical[index][0]].strip(" \t"):
        return True
    return index > 0 and not text[technical[index - 1][1] : start].strip(" \t")


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
