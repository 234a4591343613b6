"""Fixing converges: ``fix --write`` re-checks its output until no selected fix is
left, so a second run changes nothing (issue 15, part 3)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_fix_helpers import fake_findings, finding
from typer.testing import CliRunner

from mtfix.api import fix_text
from mtfix.cli import app
from mtfix.fix import ENCODING, OVERLAP, fit_encoding
from mtfix.models import Applicability, Document, Edit, Fix
from mtfix.pipeline import CheckOptions, check_document
from mtfix.planning import fix_until_stable

NN, NB = "\u202f", "\u00a0"
EVERY_TYPOGRAPHY_RULE = CheckOptions(extend_select=frozenset({"typography"}))


def fix_all(text: str, kind: str | None = None) -> str:
    """``mtfix fix --write --unsafe-fixes --extend-select typography``, on a string."""
    options = replace(EVERY_TYPOGRAPHY_RULE, kind=kind)

    def findings_of(current: str):
        return check_document(Document("t.txt", current), options)

    return fix_until_stable(text, findings_of, unsafe=True).text


def _fake(text: str):
    return fake_findings(Document("t", text))


def test_a_fix_skipped_for_overlapping_is_taken_on_the_next_pass():
    # "aid ici" → "aid là" overlaps "aid" → "aide": skipped in pass 1, its finding
    # (now "ici" alone) is fixed in pass 2.
    def findings_of(current: str):
        found = _fake(current)
        if "aid ici" in current:
            found.append(finding(current, "aid ici", [("aid là", 0.9)]))
        elif "ici" in current:
            found.append(finding(current, "ici", [("là", 0.9)]))
        return found

    run = fix_until_stable("une aid ici", findings_of)
    assert run.text == "une aide là"
    assert run.applied == 2 and run.left == ()


def test_a_finding_that_appears_after_a_fix_is_fixed_in_the_same_run():
    # The fake pipeline finds "hero" only once "aid" is gone: a second pass is needed.
    def findings_of(current: str):
        found = _fake(current)
        return [f for f in found if f.text != "hero"] if " aid " in current else found

    run = fix_until_stable("une aid et un hero", findings_of)
    assert run.text == "une aide et un héros"
    assert run.applied == 2


def test_passes_are_bounded_and_what_is_still_due_is_reported():
    def flip(current: str):  # a safe fix that undoes itself: never settles
        word, other = ("ping", "pong") if "ping" in current else ("pong", "ping")
        return [finding(current, word, [(other, 0.9)])]

    run = fix_until_stable("ping", flip, max_passes=3)
    assert run.applied == 3 and run.text == "pong"
    assert run.left == (OVERLAP,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GREP_OPTIONS=“--color=auto”\n", f"GREP_OPTIONS=«{NN}--color=auto{NN}»\n"),
        (
            "la variable « export GREP_OPTIONS='--color=auto' » car\n",
            f"la variable «{NN}export GREP_OPTIONS=“--color=auto” » car\n",
        ),
        ("« l’'«  »l’“", f"«{NN}l’'«  »l’{NN}»"),
    ],
)
def test_known_idempotence_failures(text, expected):
    once = fix_all(text)
    assert once == expected
    assert fix_all(once) == once


def test_second_write_changes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("« l’'«  »l’“", encoding="utf-8")
    runner = CliRunner()
    command = ["fix", "--write", "--extend-select", "typography", "a.txt"]
    first = runner.invoke(app, command)
    assert first.exit_code == 0 and not first.stderr.startswith("fixed 0,")
    second = runner.invoke(app, command)
    assert second.exit_code == 0 and second.stderr.startswith("fixed 0,"), second.stderr


# --- HTML character references -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('<p><img alt="Tom &amp; Jerry" title="a &amp; b &#233;"> et &amp; ici.</p>\n', "html"),
        ("Tom &amp; Jerry et &#233; ![Tom &amp; Jerry](x.png)\n", "markdown"),
        ("Tom &amp; Jerry et &eacute;t&eacute;.\n", "text"),
    ],
)
def test_character_references_survive_fixing(text, kind):
    assert fix_text(text, kind=kind) == text  # typography-missing-space, on by default
    assert fix_all(text, kind=kind) == text


def test_spacing_is_still_fixed_beside_a_reference():
    text = '<p><img alt="Tom &amp; Jerry : oui"></p>\n'
    assert fix_all(text, kind="html") == text.replace(" :", f"{NN}:")


# --- legacy encodings ----------------------------------------------------------------


def test_cp1252_file_is_fixed_with_no_break_spaces(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.txt"
    path.write_bytes("Il a dit: “bonjour” à l’équipe.\n".encode("cp1252"))
    result = CliRunner().invoke(app, ["fix", "--write", "a.txt"])
    assert result.exit_code == 0, result.stderr
    expected = f"Il a dit{NB}: «{NB}bonjour{NB}» à l’équipe.\n"
    assert path.read_bytes() == expected.encode("cp1252")
    again = CliRunner().invoke(app, ["fix", "--write", "a.txt"])
    assert again.stderr.startswith("fixed 0,")
    assert path.read_bytes() == expected.encode("cp1252")


def test_latin1_maps_what_it_can_and_leaves_only_what_it_cannot():
    text = "Un prix\u00a0: dix euros ici."
    euro = Fix((Edit(8, 9, "€"),), Applicability.SAFE)  # no latin-1 equivalent
    spaced = Fix((Edit(7, 8, NN),), Applicability.SAFE)
    assert fit_encoding(text, euro, "latin-1") is None
    assert fit_encoding(text, spaced, "latin-1") is None  # written as U+00A0: no change
    quote = Fix((Edit(0, 2, "“œ"),), Applicability.SAFE)
    assert fit_encoding(text, quote, "latin-1").edits == (Edit(0, 2, '"oe'),)
    assert fit_encoding(text, quote, "cp1252") is quote
    assert fit_encoding(text, quote, "utf-8") is quote


def test_a_fix_the_encoding_cannot_hold_costs_no_other_fix():
    text = "une aid et un hero"

    def findings_of(current: str):
        return [*_fake(current), finding(current, "un", [("€", 0.9)], occurrence=1)]

    run = fix_until_stable(text, findings_of, encoding="latin-1")
    assert run.text == "une aide et un héros"
    assert run.left == (ENCODING,)


def test_api_encoding_argument():
    assert fix_text("Il dit «oui»!", encoding="latin-1") == f"Il dit «{NB}oui{NB}»{NB}!"
