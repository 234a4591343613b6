"""Turn findings into edits, decide which are safe, and apply them.

A ``Fix`` is a tuple of ``Edit``s with an applicability:

- ``safe``: applied by ``mtfix fix --write``;
- ``unsafe``: applied only with ``--unsafe-fixes`` (or accepted in ``--interactive``);
- ``display-only``: shown, never applied automatically.

This module holds the mechanics: safety of a suggestion, case and elision agreement,
applying fixes without overlap. Which policy a rule's findings get is the registry's
(``mtfix.rules``); ``mtfix.planning`` joins the two.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from .encodable import encodable
from .models import Applicability, Edit, Finding, Fix

MIN_SAFE_CONFIDENCE = 0.7
SAFE_MARGIN = 1.5  # the best suggestion's score must be >= 1.5 x the second's

# Why a finding was left unfixed (the summary line counts them).
UNSAFE, NO_SUGGESTION, DISPLAY_ONLY, OVERLAP = "unsafe", "no suggestion", "display-only", "overlap"
ENCODING = "not in the file's encoding"  # the replacement cannot be written in cp1252...


# --- safety --------------------------------------------------------------------------


def safety(finding: Finding) -> tuple[Applicability, str]:
    """The applicability of replacing an English finding by its best suggestion: safe
    when the confidence is at least 0.7, there is a best suggestion and it beats the
    second by a clear margin (best >= 1.5 x second, or no second)."""
    if not finding.suggestions:
        return Applicability.DISPLAY_ONLY, NO_SUGGESTION
    if finding.confidence < MIN_SAFE_CONFIDENCE:
        return Applicability.UNSAFE, UNSAFE
    best, *rest = finding.suggestions
    if rest and not best.score >= SAFE_MARGIN * rest[0].score:
        return Applicability.UNSAFE, UNSAFE
    if rest and best.score <= 0:
        return Applicability.UNSAFE, UNSAFE
    return Applicability.SAFE, ""


# --- case and elision ----------------------------------------------------------------


def agree_case(original: str, replacement: str) -> str:
    """``AID`` → ``AIDE``, ``Remark`` → ``Comment``; lower-case originals keep the
    replacement as suggested."""
    if original.islower():
        return replacement  # no capital anywhere: the common case, decided at once
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters and original.lstrip()[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# h aspiré: no elision before these (le héros, la hausse); other h are mute (l’homme).
ASPIRATED_H = _words(
    "hache haie haine hall halte hamac hameau hamster hanche handicap hangar hanter "
    "harceler hardi hareng haricot harpe hasard hâte hausse haut hauteur havre hennir "
    "hérisson hernie héron héros hêtre hibou hideux hiérarchie hisser hocher hockey "
    "hollande homard hongrie hongrois honte honteux hoquet hors hotte houblon houle "
    "housse hublot huit huitième hurler hutte"
)
VOWELS = frozenset("aeiouœæ")


def starts_with_vowel_sound(word: str) -> bool:
    """A vowel or a mute h (``experts``, ``homme``); not ``y``, not ``héros``."""
    first = word[:1].lower()
    base = unicodedata.normalize("NFD", first)[:1]
    if base in VOWELS:
        return True
    if base == "h":
        head = re.match(r"[^\W\d_]+", word.lower())
        return head is not None and head.group() not in ASPIRATED_H
    return False


# word before the finding that elides in front of a vowel → its elided form
ELIDING = {
    "de": "d", "le": "l", "la": "l", "que": "qu", "ne": "n", "je": "j", "me": "m",
    "te": "t", "se": "s", "ce": "c", "jusque": "jusqu", "lorsque": "lorsqu",
    "puisque": "puisqu", "quoique": "quoiqu",
}  # fmt: skip
UNELIDED = {"d": "de", "qu": "que", "n": "ne", "j": "je", "m": "me", "t": "te",
            "s": "se", "c": "ce", "jusqu": "jusque", "lorsqu": "lorsque",
            "puisqu": "puisque", "quoiqu": "quoique"}  # fmt: skip
_WORD_BEFORE = re.compile(r"(?<![^\W\d_])([^\W\d_]+)[ \u00a0]\Z")
_ELIDED_BEFORE = re.compile(r"(?<![^\W\d_])([^\W\d_]+)(['’])\Z")


def apostrophe_style(text: str) -> str:
    """’ when the text uses it more than ', else '."""
    return "’" if text.count("’") > text.count("'") else "'"


def _match_case(model: str, word: str) -> str:
    if len(model) > 1 and model.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


GenderOf = Callable[[str], str]


def lexicon_gender(word: str) -> str:
    from .lexicon import default_lexicon

    return default_lexicon().info(word.lower()).genders


def replace_span(
    text: str,
    start: int,
    end: int,
    replacement: str,
    apostrophe: str | None = None,
    gender_of: GenderOf = lexicon_gender,
) -> Edit:
    """One edit replacing ``text[start:end]``, with case following the original and
    elision following the replacement (``de experts`` → ``d’experts``,
    ``l’aid`` → ``la question``)."""
    replacement = agree_case(text[start:end], replacement)
    head = text[max(0, start - 12) : start]
    elided = _ELIDED_BEFORE.search(head)
    if elided and elided.group(1).lower() in ({"l"} | UNELIDED.keys()):
        if starts_with_vowel_sound(replacement):
            return Edit(start, end, replacement)
        article = elided.group(1)
        lower = article.lower()
        if lower == "l":
            first = re.match(r"[^\W\d_]+", replacement)
            gender = gender_of(first.group()) if first else ""
            full = "la" if gender == "f" else "le"
        else:
            full = UNELIDED[lower]
        begin = start - len(elided.group(0))
        return Edit(begin, end, f"{_match_case(article, full)} {replacement}")
    before = _WORD_BEFORE.search(head)
    if before and before.group(1).lower() in ELIDING and starts_with_vowel_sound(replacement):
        word = before.group(1)
        lower = word.lower()
        if lower == "ce" and gender_of(replacement.split()[0]):
            return Edit(start, end, replacement)  # ce + noun: « cet » is an adjective; left as is
        mark = apostrophe or apostrophe_style(text)
        begin = start - len(before.group(0))
        return Edit(begin, end, f"{_match_case(word, ELIDING[lower])}{mark}{replacement}")
    return Edit(start, end, replacement)


# --- applying ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Applied:
    text: str
    applied: tuple[Fix, ...]
    skipped: tuple[Fix, ...] = field(default=())  # overlapping an earlier fix


def fit_encoding(text: str, fix: Fix, encoding: str | None) -> Fix | None:
    """``fix`` written so that ``encoding`` holds it (U+202F → U+00A0...), or None when
    it cannot be, or when so written it would change nothing."""
    if encoding is None:
        return fix
    edits = []
    for edit in fix.edits:
        replacement = encodable(edit.replacement, encoding)
        if replacement is None:
            return None
        if text[edit.start : edit.end] != replacement:
            edits.append(Edit(edit.start, edit.end, replacement))
    if not edits:
        return None
    if tuple(edits) == fix.edits:
        return fix
    return Fix(tuple(edits), fix.applicability, fix.reason)


def check_edit(text: str, edit: Edit) -> None:
    if not 0 <= edit.start <= edit.end <= len(text):
        raise ValueError(f"edit {edit} outside the text (length {len(text)})")


def apply_fixes(text: str, fixes: Iterable[Fix]) -> Applied:
    """Apply fixes in one pass, sorted by offset; a fix overlapping one already taken
    is skipped whole. Nothing outside the edited ranges changes."""
    taken: list[Fix] = []
    skipped: list[Fix] = []
    spans = TakenSpans()
    for fix in sorted(fixes, key=lambda f: (f.start, f.end)):
        for edit in fix.edits:
            check_edit(text, edit)
        if _self_overlapping(fix) or any(spans.touches(e.start, e.end) for e in fix.edits):
            skipped.append(fix)
            continue
        taken.append(fix)
        for edit in fix.edits:
            spans.add(edit.start, edit.end)
    edits = sorted((e for f in taken for e in f.edits), key=lambda e: (e.start, e.end))
    return Applied(apply_edits(text, edits), tuple(taken), tuple(skipped))


class TakenSpans:
    """The ranges of the edits taken so far, none touching another, sorted by start;
    whether a new range touches one of them costs O(log n), not a pass over them all."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []

    def add(self, start: int, end: int) -> None:
        bisect.insort(self._spans, (start, end))  # fixes come in order: mostly an append

    def touches(self, start: int, end: int) -> bool:
        # Disjoint ranges sorted by start have their ends in order too: a range touching
        # ``start..end`` is the last one opening before ``start`` or one opening inside.
        spans = self._spans
        at = bisect.bisect_left(spans, (start, start)) - 1
        for index in range(max(at, 0), len(spans)):
            other_start, other_end = spans[index]
            if other_start > end:
                return False
            if _touch(start, end, other_start, other_end):
                return True
        return False


def _self_overlapping(fix: Fix) -> bool:
    edits = fix.edits
    return any(
        _touch(a.start, a.end, b.start, b.end) for i, a in enumerate(edits) for b in edits[i + 1 :]
    )


def _touch(a0: int, a1: int, b0: int, b1: int) -> bool:
    """Ranges overlap; two insertions at the same point also count as overlapping."""
    if a0 == a1 or b0 == b1:
        return a0 == b0 or (b0 < a0 < b1) or (a0 < b0 < a1)
    return a0 < b1 and b0 < a1


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits (sorted by start)."""
    parts: list[str] = []
    position = 0
    for edit in edits:
        check_edit(text, edit)
        if edit.start < position:
            raise ValueError(f"overlapping edit {edit}")
        parts.append(text[position : edit.start])
        parts.append(edit.replacement)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


# --- summary -------------------------------------------------------------------------


def summary(fixed: int, left: Sequence[str], verb: str = "fixed") -> str:
    """``fixed 3, left 2 (1 unsafe, 1 no suggestion)``: ``left`` holds one reason
    per finding left unfixed."""
    counts: dict[str, int] = {}
    for reason in left:
        counts[reason] = counts.get(reason, 0) + 1
    line = f"{verb} {fixed}, left {len(left)}"
    if counts:
        order = [UNSAFE, NO_SUGGESTION, DISPLAY_ONLY, OVERLAP]
        keys = sorted(counts, key=lambda k: (order.index(k) if k in order else len(order), k))
        line += " (" + ", ".join(f"{counts[k]} {k}" for k in keys) + ")"
    return line
