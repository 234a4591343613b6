"""What the words in front of a finding say about the replacement: gender, number."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import WordInfo
from .models import Token

# Determiners and what they require of the noun after them.
DETERMINERS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("la", "une", "cette", "ma", "ta", "sa", "nulle"), ("f", "sg")),
    **dict.fromkeys(("le", "un", "ce", "cet", "du", "au", "nul"), ("m", "sg")),
    **dict.fromkeys(("mon", "ton", "son", "notre", "votre", "leur", "chaque"), ("", "sg")),
    **dict.fromkeys(
        ("les", "des", "ces", "mes", "tes", "ses", "nos", "vos", "leurs", "aux", "plusieurs"),
        ("", "pl"),
    ),
    **dict.fromkeys(("quelques", "certains", "nombreux", "divers"), ("m", "pl")),
    **dict.fromkeys(("certaines", "nombreuses", "diverses"), ("f", "pl")),
}
ELIDED_DETERMINERS = {"l": ("", "sg")}


@dataclass(frozen=True, slots=True)
class Agreement:
    gender: str  # "m", "f" or "" when the determiner does not tell
    number: str  # "sg", "pl" or ""

    def score(self, word: str, info: WordInfo) -> float:
        """Bonus or penalty for a candidate noun after this determiner.

        For a phrase, ``info`` describes its head (first) word.
        """
        word = word.split(" ")[0]
        score = 0.0
        if self.gender and info.genders:
            score += 0.5 if self.gender in info.genders else -1.5
        elif not info.genders:
            score -= 0.7  # not a noun, yet a determiner asks for one
        plural_form = word.endswith(("s", "x"))
        if self.number == "pl":
            score += 0.3 if plural_form else -1.0
        elif self.number == "sg" and plural_form and not word.endswith(("ss", "us", "is", "as")):
            score -= 0.7
        return score


def agreement_before(text: str, start: int, tokens: Sequence[Token]) -> Agreement | None:
    """The determiner right before ``start`` (``la viewpoint``, ``l’aid``), if any."""
    index = bisect.bisect_left([t.start for t in tokens], start)
    if index < len(tokens) and tokens[index].start == start and tokens[index].elided:
        elided = tokens[index].elided[:-1].lower()
        if elided in ELIDED_DETERMINERS:
            return Agreement(*ELIDED_DETERMINERS[elided])
    if index == 0:
        return None
    previous = tokens[index - 1]
    if text[previous.end : start].strip():
        return None  # punctuation in between: not a determiner of this word
    found = DETERMINERS.get(previous.lower)
    return Agreement(*found) if found else None
