"""Every rule mtfix has, in one explicit registry.

A rule declares its id, what it finds, its severity, whether it is on by default, the
checker that produces its findings and how a finding of it becomes a ``Fix``. Nothing
registers itself on import: this tuple is the list, and the SARIF descriptions, the
configuration's validation, fix safety and the README's rule table are derived from it
(``tests/test_rules.py`` holds the README to it).

One checker may produce several rules (the English detector gives ``english-word``,
``english-span`` and ``english-title`` in one pass); a checker runs when any of its rules
is enabled for the file, or when an enabled checker reads its findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Severity
from .checkers import CHECKERS, Checker, CheckInput
from .fixers import Fixer, display_only_fix, suggestion_fix, unsafe_fix, verbatim_fix

__all__ = [
    "CHECKERS",
    "RULES",
    "SUGGESTED_RULES",
    "CheckInput",
    "Checker",
    "Rule",
    "enabled",
    "is_known_selector",
    "markdown_table",
    "matches",
    "rule",
    "severity_of",
]

RULE_ID_RE = re.compile(r"[a-z]+(?:-[a-z]+)*")


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    summary: str  # one line: the README table, SARIF, ``mtfix rules``
    severity: Severity
    default: bool  # on unless ``select`` leaves it out
    checker: str  # the Checker (or pipeline step) that produces its findings
    fixer: Fixer | None  # the Fix of a finding; None: never fixed
    requires: str = ""  # a condition besides selection: "--context", "--report-unused-suppressions"

    @property
    def fix_policy(self) -> str:
        """``suggestion``, ``display-only``, ``unsafe``, ``verbatim``; ``none``."""
        return self.fixer.__name__.removesuffix("_fix").replace("_", "-") if self.fixer else "none"


RULES: tuple[Rule, ...] = (
    Rule(
        "english-word",
        "One English word in French text",
        Severity.ERROR,
        True,
        "english",
        suggestion_fix,
    ),
    Rule(
        "english-span",
        "A run of English words (`job interview`), or an English quotation",
        Severity.ERROR,
        True,
        "english",
        suggestion_fix,
    ),
    Rule(
        "english-title",
        "An English title in quotes or a heading left in English: translated whole, "
        "never word by word",
        Severity.ERROR,
        True,
        "english",
        display_only_fix,
    ),
    Rule(
        "spun-french-word",
        "A French word that a spinner put in place of another, in a text that shows spinner damage",
        Severity.ERROR,
        True,
        "spun",
        unsafe_fix,
        requires="--context",
    ),
    Rule(
        "typography-quotes",
        "English, mixed or doubled quotation marks in French text (“…”, ‘…’, « “…” »)",
        Severity.WARNING,
        True,
        "typography-quotes",
        verbatim_fix,
    ),
    Rule(
        "typography-straight-quotes",
        'Straight quotation marks ("…") instead of « … »',
        Severity.WARNING,
        False,
        "typography-quotes",
        verbatim_fix,
    ),
    Rule(
        "typography-unbalanced-quotes",
        "A quotation mark with no partner in its paragraph",
        Severity.WARNING,
        False,
        "typography-quotes",
        None,
    ),
    Rule(
        "typography-missing-space",
        "No space at all before ; : ! ? or inside « »",
        Severity.WARNING,
        True,
        "typography-spacing",
        verbatim_fix,
    ),
    Rule(
        "typography-spacing",
        "Which space: a narrow or ordinary no-break space before ; : ! ? and inside « », "
        "none before , and ., no double spaces",
        Severity.WARNING,
        False,
        "typography-spacing",
        verbatim_fix,
    ),
    Rule(
        "duplicate-line",
        "A line repeating another one, or a truncated copy of it",
        Severity.WARNING,
        True,
        "duplicate-line",
        verbatim_fix,
    ),
    Rule(
        "unused-suppression",
        "An inline suppression comment that matched nothing",
        Severity.WARNING,
        False,
        "suppressions",
        None,
        requires="--report-unused-suppressions",
    ),
)

_BY_ID = {r.id: r for r in RULES}
# The English-intrusion rules the suggester proposes French words for.
SUGGESTED_RULES: tuple[str, ...] = tuple(r.id for r in RULES if r.fixer is suggestion_fix)


def rule(rule_id: str) -> Rule | None:
    return _BY_ID.get(rule_id)


def severity_of(rule_id: str) -> Severity:
    known = _BY_ID.get(rule_id)
    return known.severity if known else Severity.WARNING


def matches(rule_id: str, selector: str) -> bool:
    """A selector names a rule or a prefix of its id (``english`` → ``english-*``)."""
    return rule_id == selector or rule_id.startswith(selector + "-")


def is_known_selector(selector: str) -> bool:
    return any(matches(r.id, selector) for r in RULES)


def enabled(
    rule_id: str,
    select: Iterable[str] | None,
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
) -> bool:
    """On for a file: named by ``select`` (or on by default when ``select`` is ``None``) or
    by ``extend_select``, and not named by ``ignore`` (ignore wins)."""
    if any(matches(rule_id, s) for s in ignore):
        return False
    if any(matches(rule_id, s) for s in extend_select):
        return True
    if select is None:
        known = _BY_ID.get(rule_id)
        return known is None or known.default
    return any(matches(rule_id, s) for s in select)


def markdown_table() -> str:
    """The README's rule table (``mtfix rules --markdown``)."""
    lines = ["| id | severity | default | fix | what it finds |", "|---|---|---|---|---|"]
    for known in RULES:
        default = "on" if known.default else "off"
        if known.requires:
            default += f" (with `{known.requires}`)"
        fixer = known.fix_policy if known.fixer else "—"
        lines.append(
            f"| `{known.id}` | {known.severity.value} | {default} | {fixer} | {known.summary} |"
        )
    return "\n".join(lines) + "\n"
