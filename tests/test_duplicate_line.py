"""duplicate-line: repeated and truncated lines, and the blank lines around them."""

from __future__ import annotations

from pathlib import Path

import pytest
from suggestion_edits import apply_first_suggestions as apply

from mtfix.duplicates import RULE, DuplicateSettings, check_duplicates, removal_span
from mtfix.models import Document, Finding, Segment
from mtfix.pipeline import CheckOptions, check_text

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_7df49bbe5b4cc3a9.txt"
LONG = "Le président a déclaré hier soir que la guerre continuerait."
OTHER = "Les analystes restent prudents sur la suite des événements en Ukraine."

DEFAULTS = DuplicateSettings()


def run(text: str, settings: DuplicateSettings = DEFAULTS) -> list[Finding]:
    return check_duplicates(Document("t.txt", text), [Segment(0, len(text))], settings)


FIXED = [
    # exact repeat: the later copy goes, with one blank line
    (f"{LONG}\n\n{OTHER}\n\n{LONG}\n\nFin.\n", f"{LONG}\n\n{OTHER}\n\nFin.\n"),
    # truncated copy (a prefix of 6+ words), before or after the full line
    (
        f"{LONG}\n\nLe président a déclaré hier soir que\n\n{OTHER}\n",
        f"{LONG}\n\n{OTHER}\n",
    ),
    (
        f"Le président a déclaré hier soir que\n\n{LONG}\n\n{OTHER}\n",
        f"{LONG}\n\n{OTHER}\n",
    ),
    # last line, with or without a final newline: the blank line before goes
    (f"{LONG}\n\n{OTHER}\n\n{LONG}\n", f"{LONG}\n\n{OTHER}\n"),
    (f"{LONG}\n\n{OTHER}\n\n{LONG}", f"{LONG}\n\n{OTHER}"),
    # no blank lines around: just the line
    (f"{LONG}\n{LONG}\n{OTHER}\n", f"{LONG}\n{OTHER}\n"),
    # whitespace and apostrophe style do not hide a copy
    (
        "L’homme a dit que la guerre était finie.\n\nL'homme  a dit que la guerre était finie.\n",
        "L’homme a dit que la guerre était finie.\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), FIXED)
def test_should_flag_and_fix(text: str, expected: str) -> None:
    findings = run(text)
    assert len(findings) == 1 and findings[0].rule == RULE
    assert findings[0].suggestions[0].replacement == ""
    assert apply(text, findings) == expected
    assert "\n\n\n" not in apply(text, findings)


PASSES = [
    f"{LONG}\n\n{OTHER}\n",
    "Lire aussi :\n\nPremier point.\n\nLire aussi :\n\nSecond point.\n",  # short lines repeat
    "* * *\n\nTexte.\n\n* * *\n",
    "Le président a déclaré\n\nLe président a déclaré hier soir que la guerre continuerait.\n",
    "\n\n\n",
    "",
]


@pytest.mark.parametrize("text", PASSES)
def test_should_pass(text: str) -> None:
    assert run(text) == []


def test_every_later_copy_is_flagged() -> None:
    text = f"{LONG}\n\n{LONG}\n\n{LONG}\n"
    findings = run(text)
    assert [f.message for f in findings] == ["repeats line 1", "repeats line 1"]


def test_complete_sentence_prefix_is_less_certain() -> None:
    sentence = "Le président a déclaré la guerre hier."
    text = f"{sentence}\n\n{sentence} {OTHER}\n"
    (finding,) = run(text)
    assert finding.confidence < 0.8


def test_min_words_setting() -> None:
    text = "Un deux trois quatre\n\nUn deux trois quatre\n"
    assert run(text) == []
    assert len(run(text, DuplicateSettings(min_words=4))) == 1


def test_only_prose_segments() -> None:
    text = f"{LONG}\n\n{LONG}\n"
    assert check_duplicates(Document("t", text), [Segment(0, len(LONG))]) == []


def test_removal_span_stays_in_its_segment() -> None:
    text = f"{LONG}\n\n{OTHER}\n\n"
    start = text.index(OTHER)
    segments = [Segment(start, start + len(OTHER))]
    assert removal_span(text, start, start + len(OTHER), segments) == (start, start + len(OTHER))


def test_seed_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    (finding,) = run(text)
    assert finding.text == "Klain dit que l'utilisation d'une arme nucléaire par Poutine n'est\n\n"
    assert finding.confidence == pytest.approx(0.8)
    assert finding.message == "truncated copy of line 1"
    fixed = apply(text, [finding])
    assert fixed.count("Klain dit que l'utilisation") == 1
    assert "\n\n\n" not in fixed
    assert fixed[: finding.start] == text[: finding.start]
    assert fixed[finding.start :] == text[finding.end :]


def test_registered_in_the_pipeline() -> None:
    text = f"{LONG}\n\n{OTHER}\n\n{LONG}\n"
    rules = {f.rule for f in check_text(text, CheckOptions(suggest=False))}
    assert RULE in rules


# --- how a finding reads in a report (issue 15) ---------------------------------------


@pytest.mark.parametrize("ending", ["\n", ""])
def test_report_line_is_one_line_on_the_copy(tmp_path, monkeypatch, ending) -> None:
    """The last line repeated: its fix also removes the blank line before it, yet the
    report points at the copy (line 5, column 1), on one line, the text shortened."""
    from typer.testing import CliRunner

    from mtfix.cli import app

    monkeypatch.chdir(tmp_path)
    longer = LONG + " Les marchés ont à peine réagi."
    (tmp_path / "a.txt").write_text(f"{longer}\n\n{OTHER}\n\n{longer}{ending}")
    result = CliRunner().invoke(app, ["check", "--no-config", "--select", RULE, "a.txt"])
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    assert lines[0].startswith("a.txt:5:1: duplicate-line 'Le président a déclaré")
    assert "…' repeats line 1" in lines[0]
    assert len(lines[0]) < len(longer) + 50


def test_shown_text_marks_newlines_and_shortens() -> None:
    from mtfix.report import shown_text, visible_span

    finding = Finding(10, 30, "\n\nune ligne\nune autre\n", RULE, 0.8, "repeats line 1")
    assert shown_text(finding) == "une ligne⏎une autre"
    assert shown_text(finding, limit=8) == "une lig…"
    assert visible_span(finding) == (12, 29)


def test_github_annotation_on_the_copy() -> None:
    from mtfix.report import make_result
    from mtfix.report_ci import github_lines

    text = f"{LONG}\n\n{OTHER}\n\n{LONG}\n"
    lines = github_lines(make_result("a.txt", text, "utf-8", run(text)))
    assert len(lines) == 1 and "line=5,col=1,endColumn=61" in lines[0]
    assert "%0A" not in lines[0]
