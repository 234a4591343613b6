"""Headings: short lines standing alone between blank lines, with no sentence end.

A heading left in English (``Convert Spaces to Tabs``) is one finding for the whole
line, as an English quotation is; word by word it would be a scatter of findings that
each look fixable when only translating the line fixes it.
"""

from __future__ import annotations

import itertools
import re

# A paragraph's only line: after a blank line (or at the start of the text), before a
# blank line or the end; a Markdown heading's marks are not part of it. Searching from the
# literal blank line keeps the scan fast on long texts.
_LINE = r"(?:#{1,6}[ \t]+)?+([^\s#][^\r\n]{1,99}+)(?=\r?\n\r?\n|(?:\r?\n)?\Z)"
_AFTER_BLANK_RE = re.compile(r"\n\r?\n" + _LINE)
_FIRST_RE = re.compile(_LINE)
_WORD_RE = re.compile(r"[^\W\d_]{2,}")
HEADING_MAX_WORDS = 12
HEADING_MIN_ENGLISH = 2  # English words a heading needs (two thirds of its words, too)
# A line holding these is code, a path or markup, not a heading in words.
_CODE_CHARS = frozenset("/\\=<>{}[]$|@_`*;")
_SENTENCE_END = frozenset('.,;:!?…»"”')


def heading_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line that reads as a heading."""
    if "\n" not in text:
        return []
    found = []
    first = _FIRST_RE.match(text)
    for match in itertools.chain([first] if first else [], _AFTER_BLANK_RE.finditer(text)):
        line = match.group(1).rstrip(" \t")
        if reads_as_heading(line):
            found.append((match.start(1), match.start(1) + len(line)))
    return found


def reads_as_heading(line: str) -> bool:
    """Words, not a sentence, code or a path, and few of them."""
    return (
        bool(line)
        and line[-1] not in _SENTENCE_END
        and _CODE_CHARS.isdisjoint(line)
        and len(_WORD_RE.findall(line)) <= HEADING_MAX_WORDS
    )


def words_in(line: str) -> int:
    """Words of two letters or more: what a heading's English share is counted on."""
    return len(_WORD_RE.findall(line))
