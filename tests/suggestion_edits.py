"""Test helper: apply each finding's first suggestion verbatim, through mtfix's own
``apply_edits`` (which refuses overlapping edits)."""

from __future__ import annotations

from mtfix.fix import apply_edits
from mtfix.models import Edit, Finding


def apply_first_suggestions(text: str, findings: list[Finding]) -> str:
    edits = []
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        if finding.suggestions:
            assert text[finding.start : finding.end] == finding.text
            edits.append(Edit(finding.start, finding.end, finding.suggestions[0].replacement))
    return apply_edits(text, edits)
