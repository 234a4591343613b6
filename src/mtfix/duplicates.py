"""``duplicate-line``: a paragraph repeated, or a truncated copy of another one.

Machine-translated and scraped articles often repeat a line (the headline again in
the body) or keep a copy cut in the middle of a sentence. The finding is on the later
copy, or on the shorter line when it is a prefix of a longer one; its fix removes the
line, its newline and one adjacent blank line, so no run of blank lines grows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from .models import Document, Finding, Segment, Suggestion
from .typography import prose_lines

RULE = "duplicate-line"
SOURCE = "duplicate-line"
CONFIDENCE = 0.8
COMPLETE_PREFIX_CONFIDENCE = 0.6  # the shorter line is a whole sentence: maybe on purpose
FIX_SCORE = 0.95
SENTENCE_END = '.!?…»”"'
SPACES_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class DuplicateSettings:
    min_words: int = 6  # shorter lines (« Lire aussi », separators) may repeat


DEFAULT_SETTINGS = DuplicateSettings()


@dataclass(frozen=True, slots=True)
class TextLine:
    start: int  # the prose on the line, without surrounding spaces
    end: int
    number: int  # 1-based
    key: str  # normalised: spaces collapsed, ’ read as '


def _key(text: str) -> str:
    return SPACES_RE.sub(" ", text.replace("’", "'")).strip()


def _text_lines(text: str, segments: list[Segment], min_words: int) -> list[TextLine]:
    lines = []
    number, counted = 1, 0
    for line in prose_lines(text, segments):
        number += text.count("\n", counted, line.start)
        counted = line.start
        start, end = line.pieces[0][0], line.pieces[-1][1]
        key = _key(text[start:end])
        if not key or len(key.split()) < min_words:
            continue
        while text[start].isspace():
            start += 1
        while text[end - 1].isspace():
            end -= 1
        lines.append(TextLine(start, end, number, key))
    return lines


def _containing(segments: list[Segment], start: int, end: int) -> bool:
    return any(s.start <= start and end <= s.end for s in segments)


def removal_span(text: str, start: int, end: int, segments: list[Segment]) -> tuple[int, int]:
    """The line holding ``[start, end)`` with its newline and one adjacent blank line,
    as far as the prose segments allow."""
    line_start = text.rfind("\n", 0, start) + 1
    newline = text.find("\n", end)
    line_end = len(text) if newline < 0 else newline + 1
    if not _containing(segments, line_start, line_end):
        return start, end
    next_end = text.find("\n", line_end)
    next_end = len(text) if next_end < 0 else next_end + 1
    if line_end < len(text) and not text[line_end:next_end].strip():
        if _containing(segments, line_start, next_end):
            return line_start, next_end  # the blank line after
    elif line_end == len(text) and line_start > 0:
        previous = text.rfind("\n", 0, line_start - 1) + 1
        if not text[previous:line_start].strip():
            # Last line: the blank line before goes; without a final newline, so does
            # the newline ending the line before, so the file still ends as it did.
            begin = previous - 1 if previous > 0 and not text.endswith("\n") else previous
            if _containing(segments, begin, line_end):
                return begin, line_end
    return line_start, line_end


def _finding(
    text: str, line: TextLine, segments: list[Segment], message: str, confidence: float
) -> Finding:
    start, end = removal_span(text, line.start, line.end, segments)
    return Finding(
        start,
        end,
        text[start:end],
        RULE,
        confidence,
        message,
        (Suggestion("", FIX_SCORE, SOURCE),),
    )


def check_duplicates(
    document: Document, segments: list[Segment], settings: DuplicateSettings = DEFAULT_SETTINGS
) -> list[Finding]:
    text = document.text
    lines = _text_lines(text, segments, settings.min_words)
    first: dict[str, TextLine] = {}
    findings = []
    for line in lines:
        original = first.setdefault(line.key, line)
        if original is not line:
            findings.append(
                _finding(text, line, segments, f"repeats line {original.number}", CONFIDENCE)
            )
    # A line that is a prefix of another: in sorted order, a string's successor
    # starts with it whenever any string does.
    keys = sorted(first)
    for key, successor in pairwise(keys):
        if successor.startswith(key):
            line, longer = first[key], first[successor]
            confidence = COMPLETE_PREFIX_CONFIDENCE if key[-1] in SENTENCE_END else CONFIDENCE
            findings.append(
                _finding(
                    text, line, segments, f"truncated copy of line {longer.number}", confidence
                )
            )
    findings.sort(key=lambda f: (f.start, f.end))
    return findings
