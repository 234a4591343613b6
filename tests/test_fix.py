"""Fixes from findings: safety, case, elision, applying edits, summary."""

from __future__ import annotations

import pytest
from test_fix_helpers import finding, gender_of

from mtfix.fix import (
    agree_case,
    apostrophe_style,
    apply_edits,
    apply_fixes,
    replace_span,
    safety,
    summary,
)
from mtfix.models import Applicability, Edit, Finding, Fix
from mtfix.planning import plan, plan_fix, selected

SAFE, UNSAFE, DISPLAY = Applicability.SAFE, Applicability.UNSAFE, Applicability.DISPLAY_ONLY


# --- safety rule ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "confidence", "pairs", "expected"),
    [
        ("english-word", 0.9, [("aide", 0.9)], SAFE),  # no second
        ("english-span", 0.7, [("aide", 0.9)], SAFE),  # confidence limit included
        ("english-word", 0.9, [("a", 0.75), ("b", 0.5)], SAFE),  # 0.75 >= 1.5 x 0.5
        ("english-word", 0.9, [("a", 0.5), ("b", 0.45)], UNSAFE),  # no clear winner
        ("english-word", 0.69, [("aide", 0.9)], UNSAFE),  # low confidence
        ("english-word", 0.9, [], DISPLAY),  # no suggestion
        ("english-title", 0.99, [("titre", 0.9)], DISPLAY),  # titles never automatic
        ("spun-french-word", 0.99, [("face", 0.9)], UNSAFE),  # a French word: never safe
    ],
)
def test_safety_rule(rule, confidence, pairs, expected):
    """The registry's policy for each rule, through the fix a finding gets."""
    text = "une aid ici"
    planned = plan_fix(text, finding(text, "aid", pairs, rule, confidence), gender_of=gender_of)
    assert (planned.fix.applicability if planned.fix else DISPLAY) is expected


def test_reasons_for_summary():
    text = "aid aid aid"
    assert safety(finding(text, "aid", []))[1] == "no suggestion"
    assert safety(finding(text, "aid", [("a", 1), ("b", 1)]))[1] == "unsafe"
    title = finding(text, "aid", [("a", 1)], "english-title")
    assert plan_fix(text, title, gender_of=gender_of).reason == "display-only"


def test_selected_by_applicability():
    text = "une aid et des thoughts et “The Combat”"
    found = [
        finding(text, "aid"),
        finding(text, "thoughts"),
        finding(text, "The Combat", [("Le combat", 1)], "english-title"),
    ]
    planned = plan(text, found, gender_of)
    assert [f.edits[0].replacement for f in selected(planned)] == ["aide"]
    assert [f.edits[0].replacement for f in selected(planned, unsafe=True)] == ["aide", "pensées"]


# --- case ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "replacement", "expected"),
    [
        ("Remark", "comment", "Comment"),
        ("AID", "aide", "AIDE"),
        ("aid", "aide", "aide"),
        ("Aid", "aide", "Aide"),
        ("JOB interview", "entretien", "Entretien"),  # not all upper: capitalised
        ("I", "je", "Je"),
    ],
)
def test_agree_case(original, replacement, expected):
    assert agree_case(original, replacement) == expected


# --- elision -------------------------------------------------------------------------


def _replace(text: str, word: str, replacement: str, occurrence: int = 0) -> str:
    f = finding(text, word, [(replacement, 1.0)], occurrence=occurrence)
    edit = replace_span(text, f.start, f.end, replacement, gender_of=gender_of)
    return apply_edits(text, [edit])


@pytest.mark.parametrize(
    ("text", "word", "replacement", "expected"),
    [
        ("trois de gurus ici", "gurus", "experts", "trois d'experts ici"),
        ("De gurus ici", "gurus", "experts", "D'experts ici"),
        ("il faut que aid", "aid", "aide", "il faut qu'aide"),
        ("la aid est là", "aid", "aide", "l'aide est là"),
        ("le hero", "hero", "homme", "l'homme"),  # mute h
        ("le hero", "hero", "héros", "le héros"),  # h aspiré: no elision
        ("de yoghurt", "yoghurt", "yaourt", "de yaourt"),  # no elision before y
        ("jusque aid", "aid", "aide", "jusqu'aide"),
        ("la viewpoint", "viewpoint", "perspective", "la perspective"),
        ("l’aid est", "aid", "matter", "le matter est"),  # unknown gender: le
        ("l’aid est", "aid", "question", "la question est"),  # feminine noun: la
        ("L’aid est", "aid", "question", "La question est"),
        ("d’aid", "aid", "soutien", "de soutien"),
        ("qu’aid", "aid", "soutien", "que soutien"),
        ("l’aid", "aid", "aide", "l’aide"),  # vowel after elided article: unchanged
        ("sans aid", "aid", "aide", "sans aide"),  # not an eliding word
        ("monde aid", "aid", "aide", "monde aide"),  # 'de' inside a word
        ("de\naid", "aid", "aide", "de\naide"),  # only across a space
        ("ce aid", "aid", "aide", "ce aide"),  # ce + noun would be « cet »: left alone
        ("le hero’s", "hero", "homme", "l’homme’s"),  # the file's ’ style
    ],
)
def test_elision_follows_replacement(text, word, replacement, expected):
    assert _replace(text, word, replacement) == expected


def test_apostrophe_style_of_the_file():
    curly = "l’homme et l’autre, d'un côté de gurus"
    straight = "l'homme et l'autre, d’un côté de gurus"
    assert apostrophe_style(curly) == "’" and apostrophe_style(straight) == "'"
    assert _replace(curly, "gurus", "experts").endswith("d’experts")
    assert _replace(straight, "gurus", "experts").endswith("d'experts")
    assert apostrophe_style("rien") == "'"


def test_unelision_with_real_lexicon_gender():
    text = "l’aid"
    f = finding(text, "aid", [("question", 1.0)])
    assert apply_edits(text, list(plan_fix(text, f).fix.edits)) == "la question"


# --- applying ------------------------------------------------------------------------


def _fix(start: int, end: int, replacement: str, applicability=SAFE) -> Fix:
    return Fix((Edit(start, end, replacement),), applicability)


def test_apply_sorted_and_outside_untouched():
    text = "0123456789"
    result = apply_fixes(text, [_fix(6, 8, "x"), _fix(0, 1, "AB"), _fix(3, 3, "+")])
    assert result.text == "AB12+345x89"
    assert len(result.applied) == 3 and not result.skipped


def test_overlapping_fixes_skipped():
    text = "abcdefgh"
    first, second, third = _fix(1, 4, "X"), _fix(3, 6, "Y"), _fix(6, 8, "Z")
    result = apply_fixes(text, [second, third, first])
    assert result.text == "aXefZ"
    assert result.skipped == (second,)


def test_two_insertions_at_one_point_overlap():
    result = apply_fixes("ab", [_fix(1, 1, "x"), _fix(1, 1, "y")])
    assert result.text == "axb" and len(result.skipped) == 1


def test_edit_outside_text_rejected():
    with pytest.raises(ValueError):
        apply_fixes("ab", [_fix(1, 5, "x")])


def test_unchanged_replacement_gives_no_fix():
    text = "une aide"
    f = finding(text, "aide", [("aide", 1.0)])
    assert plan_fix(text, f).fix is None


def test_no_suggestion_gives_no_fix():
    text = "une aid"
    planned = plan_fix(text, finding(text, "aid", []))
    assert planned.fix is None and planned.reason == "no suggestion"


def test_a_finding_carrying_its_fix_is_planned_with_it():
    text = "un  mot"
    fix = Fix((Edit(2, 4, " "),), Applicability.SAFE)
    f = Finding(2, 4, "  ", "a-rule-of-another-tool", 1.0, "double space", fix=fix)
    planned = plan(text, [f])
    assert apply_fixes(text, selected(planned)).text == "un mot"


def test_a_rule_unknown_to_the_registry_gets_no_fix():
    text = "un  mot"
    f = Finding(2, 4, "  ", "a-rule-of-another-tool", 1.0, "double space")
    assert plan_fix(text, f).fix is None


def test_summary_line():
    assert summary(3, []) == "fixed 3, left 0"
    left = ["no suggestion", "unsafe", "display-only", "unsafe", "overlap"]
    assert summary(2, left) == (
        "fixed 2, left 5 (2 unsafe, 1 no suggestion, 1 display-only, 1 overlap)"
    )
    assert summary(1, ["skipped"], "would fix") == "would fix 1, left 1 (1 skipped)"
