"""How a finding becomes a ``Fix``: one policy a rule, named in the registry.

- ``suggestion_fix``: the best suggestion in place of the finding, with case and
  elision agreement; safe only when ``fix.safety`` says one suggestion clearly wins
  and the word is of a kind its slot accepts (``context.fits_slot``).
- ``display_only_fix`` / ``unsafe_fix``: the same edit, never safe (``english-title``: real
  titles may stay English; ``spun-french-word``: the written word is French too).
- ``verbatim_fix``: the suggestion is the exact new text of the span (typography, a
  removed duplicated line); safe from confidence 0.8.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..context import fits_slot
from ..fix import (
    DISPLAY_ONLY,
    NO_SUGGESTION,
    UNSAFE,
    GenderOf,
    lexicon_gender,
    replace_span,
    safety,
)
from ..models import Applicability, Edit, Finding, Fix

MIN_SAFE_VERBATIM = 0.8  # below it (an ambiguous quote, a line that may repeat on purpose)


@dataclass(frozen=True, slots=True)
class FixRequest:
    text: str
    finding: Finding
    replacement: str | None = None  # None: the finding's best suggestion
    apostrophe: str | None = None  # ’ or '; None: the text's own style
    gender_of: GenderOf = lexicon_gender


# A fix (None: nothing to apply) and why it is not safe (or why there is none).
Fixer = Callable[[FixRequest], tuple[Fix | None, str]]


def _replacement(request: FixRequest) -> str | None:
    if request.replacement is not None:
        return request.replacement
    suggestions = request.finding.suggestions
    return suggestions[0].replacement if suggestions else None


def _word_fix(
    request: FixRequest, applicability: Applicability, reason: str
) -> tuple[Fix | None, str]:
    replacement = _replacement(request)
    if replacement is None:
        return None, NO_SUGGESTION
    finding = request.finding
    edit = replace_span(
        request.text,
        finding.start,
        finding.end,
        replacement,
        request.apostrophe,
        request.gender_of,
    )
    if request.text[edit.start : edit.end] == edit.replacement:
        return None, ""  # already right: nothing to change
    return Fix((edit,), applicability, reason), reason


def suggestion_fix(request: FixRequest) -> tuple[Fix | None, str]:
    applicability, reason = safety(request.finding)
    replacement = _replacement(request)
    # No verb where a noun is due: ``une nouvelle aid`` → ``aider`` is not safe.
    if (
        applicability is Applicability.SAFE
        and replacement is not None
        and not fits_slot(request.text, request.finding.start, replacement)
    ):
        applicability, reason = Applicability.UNSAFE, UNSAFE
    return _word_fix(request, applicability, reason)


def display_only_fix(request: FixRequest) -> tuple[Fix | None, str]:
    return _word_fix(request, Applicability.DISPLAY_ONLY, DISPLAY_ONLY)


def unsafe_fix(request: FixRequest) -> tuple[Fix | None, str]:
    return _word_fix(request, Applicability.UNSAFE, UNSAFE)


def verbatim_fix(request: FixRequest) -> tuple[Fix | None, str]:
    replacement = _replacement(request)
    if replacement is None:
        return None, NO_SUGGESTION
    finding = request.finding
    edit = Edit(finding.start, finding.end, replacement)
    if finding.confidence >= MIN_SAFE_VERBATIM:
        return Fix((edit,), Applicability.SAFE), ""
    return Fix((edit,), Applicability.UNSAFE, UNSAFE), UNSAFE
