"""Fixes of the typography and duplicated-line rules go through `fix` verbatim."""

from __future__ import annotations

from mtfix.fix import apply_fixes
from mtfix.models import Applicability, Document
from mtfix.pipeline import CheckOptions, check_document
from mtfix.planning import plan, selected

TYPOGRAPHY = CheckOptions(suggest=False, extend_select=frozenset({"typography"}))


def fixed(text: str) -> str:
    findings = check_document(Document("t.txt", text), TYPOGRAPHY)
    return apply_fixes(text, selected(plan(text, findings))).text


def test_quotes_become_guillemets_and_are_safe() -> None:
    text = 'Il a dit "bonjour à tous" hier.\n'
    result = fixed(text)
    assert "«\u202fbonjour à tous\u202f»" in result
    assert result.startswith("Il a dit ") and result.endswith(" hier.\n")


def test_truncated_headline_copy_is_removed() -> None:
    headline = "Le ministre dit que la réforme des retraites sera votée avant l'été"
    text = f"{headline} : un livre\n\nPremier paragraphe du texte.\n\n{headline}\n\nFin du texte.\n"
    result = fixed(text)
    assert result.count(headline) == 1
    assert "Premier paragraphe du texte.\n\nFin du texte.\n" in result


def test_low_confidence_typography_is_not_safe() -> None:
    text = "Il a dit « bonjour et il est parti.\n"
    findings = check_document(Document("t.txt", text), TYPOGRAPHY)
    quotes = [p for p in plan(text, findings) if p.finding.rule.endswith("-quotes")]
    assert quotes and quotes[0].finding.confidence < 0.8
    assert all(p.fix is None or p.fix.applicability is not Applicability.SAFE for p in quotes)
    assert "«" in fixed(text)  # the unbalanced mark is reported, never removed


def test_fixing_twice_changes_nothing_more() -> None:
    text = 'Une aid "importante" arrive ; le “projet” avance .\n'
    once = fixed(text)
    assert fixed(once) == once
