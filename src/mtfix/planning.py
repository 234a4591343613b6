"""Which fix each finding gets, from its rule's policy in the registry.

The pipeline attaches each finding's ``Fix`` once its suggestions are known
(:func:`with_fixes`); ``fix``, ``fix --diff``, ``fix -i`` and the JSON output read it from
there. :func:`plan_fix` makes the fix for another replacement (an editor's choice).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from .fix import (
    ENCODING,
    NO_SUGGESTION,
    OVERLAP,
    GenderOf,
    apostrophe_style,
    apply_fixes,
    fit_encoding,
    lexicon_gender,
)
from .models import Applicability, Finding, Fix
from .rules import rule
from .rules.fixers import FixRequest


@dataclass(frozen=True, slots=True)
class Planned:
    """A finding and the fix it would get (``None`` when there is nothing to apply)."""

    finding: Finding
    fix: Fix | None
    reason: str = ""  # why there is no fix, or why it is not safe


def plan_fix(
    text: str,
    finding: Finding,
    replacement: str | None = None,
    apostrophe: str | None = None,
    gender_of: GenderOf = lexicon_gender,
) -> Planned:
    """The fix for one finding by its rule's policy: its best suggestion (or
    ``replacement``) in place of the finding's text."""
    known = rule(finding.rule)
    if known is None or known.fixer is None:
        return Planned(finding, None, NO_SUGGESTION)
    fix, reason = known.fixer(FixRequest(text, finding, replacement, apostrophe, gender_of))
    return Planned(finding, fix, reason)


def with_fixes(
    text: str, findings: Iterable[Finding], gender_of: GenderOf = lexicon_gender
) -> list[Finding]:
    """``findings`` carrying their own fix (and why none, or why not safe)."""
    mark = apostrophe_style(text)
    out = []
    for finding in findings:
        planned = plan_fix(text, finding, apostrophe=mark, gender_of=gender_of)
        out.append(replace(finding, fix=planned.fix, fix_reason=planned.reason))
    return out


def plan(
    text: str, findings: Iterable[Finding], gender_of: GenderOf = lexicon_gender
) -> list[Planned]:
    """Each finding with its fix: the one it carries, else its rule's."""
    findings = list(findings)
    unplanned = [f for f in findings if f.fix is None and not f.fix_reason]
    made = iter(with_fixes(text, unplanned, gender_of)) if unplanned else iter(())
    planned = []
    for finding in findings:
        if finding.fix is None and not finding.fix_reason:
            finding = next(made)
        planned.append(Planned(finding, finding.fix, finding.fix_reason))
    return planned


def selected(planned: Sequence[Planned], unsafe: bool = False) -> list[Fix]:
    allowed = {Applicability.SAFE} | ({Applicability.UNSAFE} if unsafe else set())
    return [p.fix for p in planned if p.fix is not None and p.fix.applicability in allowed]


MAX_PASSES = 4  # a fix can reveal another (a quote pair, then its spacing); bounded


@dataclass(frozen=True, slots=True)
class Fixed:
    """A text after fixing: how many fixes were applied, and one reason for each
    finding of the final text left unfixed."""

    text: str
    applied: int
    left: tuple[str, ...]


def left_reasons(
    planned: Sequence[Planned], unsafe: bool = False, encoding: str | None = None, text: str = ""
) -> tuple[str, ...]:
    """Why each planned finding is not applied: its reason; ENCODING for a fix the
    file's encoding cannot hold; OVERLAP for a fix that would apply but could not (it
    overlapped another until the passes ran out)."""
    chosen = {id(f) for f in selected(planned, unsafe)}
    reasons = []
    for item in planned:
        if item.fix is not None and id(item.fix) in chosen:
            fits = fit_encoding(text, item.fix, encoding) is not None
            reasons.append(OVERLAP if fits else ENCODING)
        elif item.reason:
            reasons.append(item.reason)
    return tuple(reasons)


def fix_until_stable(
    text: str,
    findings_of: Callable[[str], list[Finding]],
    unsafe: bool = False,
    max_passes: int = MAX_PASSES,
    encoding: str | None = None,
) -> Fixed:
    """Apply the selected fixes, check the result again and repeat until no selected
    fix is left (at most ``max_passes`` times), so that a second run changes nothing.

    ``encoding``: the file's; a replacement it cannot hold is written with an
    equivalent it can (U+202F → U+00A0) or, when there is none, that fix alone is left
    (reason ENCODING)."""
    applied = 0
    planned = plan(text, findings_of(text))
    for _ in range(max_passes):
        fitted = (fit_encoding(text, fix, encoding) for fix in selected(planned, unsafe))
        fixes = [fix for fix in fitted if fix is not None]
        if not fixes:
            break
        result = apply_fixes(text, fixes)
        if not result.applied or result.text == text:
            break
        applied += len(result.applied)
        text = result.text
        planned = plan(text, findings_of(text))
    return Fixed(text, applied, left_reasons(planned, unsafe, encoding, text))
