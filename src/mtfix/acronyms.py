"""Whether a quoted English phrase spells out an acronym written beside it
(« Authenticated Post Office Protocol » (APOP)): the name of a standard or a program,
which French technical writing quotes as it is.

The test is Schwartz and Hearst's (2003) for abbreviation definitions: the acronym's
letters are found in the phrase from right to left, in order, its first letter at the
start of a word, and the phrase is not much longer than the acronym.
"""

from __future__ import annotations

import re

ACRONYM_RE = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]{1,7}(?:-[A-Z0-9]{1,7})?(?![\w-])")
NEARBY = 60  # characters on each side of the quotation where its acronym may stand
WORD_RE = re.compile(r"[^\W\d_]+")


def abbreviates(acronym: str, phrase: str) -> bool:
    letters = [c.lower() for c in acronym if c.isalpha()]
    words = WORD_RE.findall(phrase)
    if len(letters) < 2 or len(words) > min(len(letters) + 5, 2 * len(letters)):
        return False
    long_form = phrase.lower()
    at = len(long_form) - 1
    for index in range(len(letters) - 1, -1, -1):
        letter = letters[index]
        while at >= 0 and (
            long_form[at] != letter or (index == 0 and at > 0 and long_form[at - 1].isalnum())
        ):
            at -= 1
        if at < 0:
            return False
        at -= 1
    return True


def spells_out_acronym(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the long form of an acronym standing inside it or
    within ``NEARBY`` characters of it."""
    window_start = max(0, start - NEARBY)
    for match in ACRONYM_RE.finditer(text, window_start, min(len(text), end + NEARBY)):
        phrase = text[start:end]
        if start <= match.start() and match.end() <= end:
            phrase = text[start : match.start()] + text[match.end() : end]
        if abbreviates(match.group(), phrase):
            return True
    return False
