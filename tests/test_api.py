"""The Python API: mtfix.check_text and mtfix.fix_text."""

from __future__ import annotations

import pickle
import subprocess
import sys

import mtfix

TEXT = "Le viewpoint des experts reste unachievable, disent-ils."


def test_check_text_finds_english_with_suggestions():
    findings = mtfix.check_text(TEXT)
    assert [f.text for f in findings] == ["viewpoint", "unachievable"]
    assert all(isinstance(f, mtfix.Finding) for f in findings)
    assert findings[1].suggestions[0].replacement == "impossible"
    assert TEXT[findings[0].start : findings[0].end] == "viewpoint"


def test_check_text_options():
    assert all(not f.suggestions for f in mtfix.check_text(TEXT, suggest=False))
    assert [f.text for f in mtfix.check_text(TEXT, allow=["Viewpoint"])] == ["unachievable"]
    assert mtfix.check_text(TEXT, min_confidence=1.0) == []
    markdown = "Un exemple.\n\n```\nLe viewpoint reste.\n```\n"
    assert mtfix.check_text(markdown, kind="markdown") == []
    assert mtfix.check_text(markdown, path="notes.md") == []
    assert [f.text for f in mtfix.check_text(markdown, kind="text")] == ["viewpoint"]


def test_findings_pickle():
    findings = mtfix.check_text(TEXT)
    assert pickle.loads(pickle.dumps(findings)) == findings


def test_fix_text_safe_and_unsafe():
    fixed = mtfix.fix_text(TEXT)
    assert "impossible" in fixed and "unachievable" not in fixed
    assert mtfix.fix_text("Un texte français.") == "Un texte français."
    unsafe = mtfix.fix_text("De nombreux gurus russes.", unsafe=True)
    assert unsafe != "De nombreux gurus russes."
    assert mtfix.fix_text("De nombreux gurus russes.") == "De nombreux gurus russes."


def test_import_is_cheap_and_lazy():
    code = (
        "import sys, mtfix; "
        "heavy = [m for m in ('mtfix.pipeline', 'mtfix.lexicon', 'rich', 'rapidfuzz', 'typer')"
        " if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert "check_text" in dir(mtfix)
