"""What the words in front of a finding say about the replacement: its kind (a noun
after a determiner), gender and number."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import Lexicon, WordInfo, default_lexicon
from .models import Token


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


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
# Adjectives placed before the noun: ``une nouvelle aide``, ``les autres pays``.
PRENOMINAL = _words(
    "autre autres nouveau nouvel nouvelle nouveaux nouvelles grand grande grands grandes "
    "petit petite petits petites bon bonne bons bonnes mauvais mauvaise mauvaises beau bel "
    "belle beaux belles jeune jeunes vieux vieil vieille vieilles premier première premiers "
    "premières dernier dernière derniers dernières seul seule seuls seules même mêmes gros "
    "grosse grosses long longue longs longues vrai vraie vrais vraies meilleur meilleure "
    "meilleurs meilleures ancien ancienne anciens anciennes prochain prochaine prochains "
    "prochaines véritable véritables principal principale principaux principales faux "
    "fausse fausses pire pires moindre moindres deuxième troisième simple simples"
)
# ``beaucoup de`` + noun, like a noun + ``de`` + noun (``chars de combat``).
QUANTITIES = _words("pas peu beaucoup trop plus moins assez tant autant")
# Copulas with a plural subject: the adjective after them is plural (``ils restent
# sceptiques``), as after ``très``/``plutôt`` following them.
PLURAL_COPULAS = _words(
    "sont étaient seront seraient furent soient sommes êtes restent restaient resteront "
    "resteraient restèrent demeurent demeuraient demeureront deviennent devenaient "
    "deviendront deviendraient semblent semblaient sembleront sembleraient paraissent "
    "paraissaient paraîtront paraîtraient"
)
DEGREE_ADVERBS = _words("très assez plutôt encore toujours bien trop si plus moins aussi fort")
# The word before spaces at the end of the text, read on the reversed text (d’une: une):
# the spaces (all of them: none before, so a run of spaces is never rescanned), the
# word's letters backwards, then no letter.
_WORD_BEFORE_BACKWARDS = re.compile(r"(?<![ \u00a0\u202f])[ \u00a0\u202f]+([^\W\d_]+)(?![^\W\d_-])")
_ELIDED_BEFORE_BACKWARDS = re.compile(r"['’]([^\W\d_]+)(?![^\W\d_])")  # l’, d’: reversed
VERB_IN_NOUN_SLOT = -1.0  # beyond "not a noun": an infinitive after a determiner


@dataclass(frozen=True, slots=True)
class Agreement:
    gender: str  # "m", "f" or "" when the determiner does not tell
    number: str  # "sg", "pl" or ""
    noun: bool = True  # the slot asks for a noun (after a determiner, ``chars de``)

    def score(self, word: str, info: WordInfo) -> float:
        """Bonus or penalty for a candidate in this slot.

        For a phrase, ``info`` describes its head (first) word.
        """
        word = word.split(" ")[0]
        score = 0.0
        if self.noun:
            if self.gender and info.genders:
                score += 0.5 if self.gender in info.genders else -1.5
            elif not info.genders:
                score -= 0.7  # not a noun, yet a determiner asks for one
                if info.infinitive:
                    score += VERB_IN_NOUN_SLOT
        plural_form = word.endswith(("s", "x"))
        if self.number == "pl":
            score += 0.3 if plural_form else -1.0
        elif self.number == "sg" and plural_form and not word.endswith(("ss", "us", "is", "as")):
            score -= 0.7
        return score

    def fits(self, info: WordInfo) -> bool:
        """Whether a word of this kind may fill the slot: a verb (an infinitive the
        lexicon knows no noun for) never fills a noun's."""
        return not (self.noun and info.infinitive and not info.genders)


def _previous_words(backwards: str, count: int) -> list[str]:
    """Up to ``count`` words before the end of a text given reversed (``backwards``),
    nearest first, separated by spaces only (punctuation ends the list). Reversed, the
    patterns match at the start; anchored at the end, ``search`` tried every position."""
    words = []
    at = 0
    for _ in range(count):
        match = _WORD_BEFORE_BACKWARDS.match(backwards, at)
        if match is None:
            break
        words.append(match.group(1)[::-1].lower())
        at = match.end()
    return words


def slot_before(text: str, start: int, lexicon: Lexicon | None = None) -> Agreement | None:
    """What the words right before ``start`` ask of the word there: a noun after a
    determiner (``la viewpoint``, ``l’aid``, ``une nouvelle aid``) or after a noun and
    ``de`` (``chars de fight``), a plural after a plural copula (``restent sceptical``)."""
    head = text[max(0, start - 80) : start]
    backwards = head[::-1]
    elided = _ELIDED_BEFORE_BACKWARDS.match(backwards)
    if elided is not None:
        found = ELIDED_DETERMINERS.get(elided.group(1)[::-1].lower())
        return Agreement(*found) if found else None
    words = _previous_words(backwards, 3)
    for word in words:
        if word in DETERMINERS:
            return Agreement(*DETERMINERS[word])
        if word not in PRENOMINAL:
            break
    if len(words) >= 2 and words[0] == "de":
        before = words[1]
        info = (lexicon or default_lexicon()).info(before)
        if before in QUANTITIES or (info.genders and not info.infinitive):
            return Agreement("", "")
    if words and words[0] in DEGREE_ADVERBS:
        words = words[1:]
    if words and words[0] in PLURAL_COPULAS:
        return Agreement("", "pl", noun=False)
    return None


def fits_slot(text: str, start: int, word: str, lexicon: Lexicon | None = None) -> bool:
    """Whether ``word`` (its head, for a phrase) is of a kind the slot before ``start``
    accepts: no verb where a noun is due (``une nouvelle aider``, ``chars de combattre``)."""
    slot = slot_before(text, start, lexicon)
    head = word.split()[0].lower() if word.split() else ""
    return slot is None or not head or slot.fits((lexicon or default_lexicon()).info(head))


def agreement_before(
    text: str, start: int, tokens: Sequence[Token] = (), lexicon: Lexicon | None = None
) -> Agreement | None:
    """The slot right before ``start`` (see :func:`slot_before`); ``tokens`` are not
    needed and kept for callers."""
    return slot_before(text, start, lexicon)
