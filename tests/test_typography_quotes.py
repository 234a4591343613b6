"""typography-quotes: should-flag / should-pass tables, fixes, the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest
from suggestion_edits import apply_first_suggestions as apply

from mtfix.models import Document, Finding, Segment
from mtfix.typography import (
    QUOTES_RULE,
    STRAIGHT_QUOTES_RULE,
    TypographySettings,
    check_quotes,
    check_spacing,
)

NN = "\u202f"
SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_7df49bbe5b4cc3a9.txt"

DEFAULTS = TypographySettings()


def run(text: str, settings: TypographySettings = DEFAULTS) -> list[Finding]:
    return check_quotes(Document("t.txt", text), [Segment(0, len(text))], settings)


FIXED = [
    # English curly quotes in French text
    ("Il a dit “bonjour” hier.", f"Il a dit «{NN}bonjour{NN}» hier."),
    ("“Nous n’avons pas fait cela”, dit-il.", f"«{NN}Nous n’avons pas fait cela{NN}», dit-il."),
    # straight quotes
    ('n\'est "pas impossible" : un livre', f"n'est «{NN}pas impossible{NN}» : un livre"),
    # doubled quotes, as in the seed
    ("“‘Nous sommes sur une voie'”, dit-il.", f"«{NN}Nous sommes sur une voie{NN}», dit-il."),
    ("était “” très concentré sur le faire “”.", f"était «{NN}très concentré sur le faire{NN}»."),
    ("la viewpoint d'”Armageddon”.", f"la viewpoint d'«{NN}Armageddon{NN}»."),
    # mixed quotes: only the wrong side changes, « is the spacing rule's
    ("Il dit «{NN}oui”.".replace("{NN}", NN), f"Il dit «{NN}oui{NN}»."),
    # spaces inside English quotes are replaced by the right one
    ("Un “ mot ” ici.", f"Un «{NN}mot{NN}» ici."),
    # nested quotes stay “…” inside guillemets
    ("Elle a dit “Il a crié ‘stop’ hier”.", f"Elle a dit «{NN}Il a crié “stop” hier{NN}»."),
    ('Il a dit « le "oui" franc ».', "Il a dit « le “oui” franc »."),
    # a question mark before the closing quote: the quote rule only edits the mark
    ("“Comment contre une populace civile?”", f"«{NN}Comment contre une populace civile?{NN}»"),
    ("Il a dit ‘oui’ hier.", f"Il a dit «{NN}oui{NN}» hier."),
]


@pytest.mark.parametrize(("text", "expected"), FIXED)
def test_should_flag_and_fix(text: str, expected: str) -> None:
    findings = run(text)
    assert findings and all(f.rule in (QUOTES_RULE, STRAIGHT_QUOTES_RULE) for f in findings)
    assert all(f.confidence == pytest.approx(0.9) for f in findings)
    assert apply(text, findings) == expected


PASSES = [
    "Il a dit « bonjour » hier.",
    f"Il a dit «{NN}bonjour{NN}» hier.",
    "À l’époque, l'utilisation n'est pas aujourd’hui ce qu’elle était.",
    "La maison de Biden’s et celle des Jones' sont là.",
    "Il a dit « le “oui” franc ».",
    "Rien à signaler ici.",
    "Les années 80 et l’an 2000.",
    "Les « guillemets » et « encore » ici.",
]


@pytest.mark.parametrize("text", PASSES)
def test_should_pass(text: str) -> None:
    assert run(text) == []


def test_unbalanced_marks_are_flagged_without_a_fix() -> None:
    for text in ['Il a dit "bonjour hier.', "Il a dit bonjour” hier.", "Il dit « bonjour."]:
        findings = run(text)
        assert len(findings) == 1, text
        assert findings[0].suggestions == ()
        assert findings[0].confidence < 0.9
        assert "unbalanced" in findings[0].message


def test_quotes_do_not_span_paragraphs() -> None:
    text = "Il dit “oui\n\net non” ici."
    assert [f.suggestions for f in run(text)] == [(), ()]


def test_curly_style() -> None:
    settings = TypographySettings(quote_style="curly")
    assert apply("Il dit « oui ».", run("Il dit « oui ».", settings)) == "Il dit “oui”."
    assert apply('Il dit "oui".', run('Il dit "oui".', settings)) == "Il dit “oui”."
    text = "Il dit “le ‘non’ ferme”."
    assert run(text, settings) == []
    assert apply("Il dit “le “non” ferme”.", run("Il dit “le “non” ferme”.", settings)) == (
        "Il dit “le ‘non’ ferme”."
    )


@pytest.mark.parametrize(("space", "char"), [("narrow", NN), ("nbsp", "\u00a0"), ("plain", " ")])
def test_space_kind(space: str, char: str) -> None:
    settings = TypographySettings(space=space)  # type: ignore[arg-type]
    assert apply("Il dit “oui”.", run("Il dit “oui”.", settings)) == f"Il dit «{char}oui{char}»."


def test_bad_settings() -> None:
    with pytest.raises(ValueError):
        TypographySettings(quote_style="german")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        TypographySettings(space="wide")  # type: ignore[arg-type]


def test_only_segments_are_read() -> None:
    text = 'code "x" puis “oui” ici'
    findings = check_quotes(Document("t", text), [Segment(13, len(text))])
    assert findings and all(f.start >= 13 for f in findings)


def test_seed_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    document, segments = Document(str(SEED), text), [Segment(0, len(text))]
    quotes = check_quotes(document, segments)
    flagged = {f.text for f in quotes}
    assert {'"', "“‘", "'”", "“” ", " “”", "“", "”"} <= flagged
    assert all(f.suggestions for f in quotes)  # every quotation in the seed is balanced
    spacing = check_spacing(document, segments)
    fixed = apply(text, quotes + spacing)
    assert "“" not in fixed and "”" not in fixed and '"' not in fixed
    assert f"«{NN}Nous sommes sur une voie" in fixed
    assert f"était «{NN}très concentré" in fixed
    assert f"d'«{NN}Armageddon{NN}»." in fixed
    assert f"civile{NN}?{NN}»" in fixed
    assert "l’époque" in fixed and "Biden’s" in fixed and "l'utilisation" in fixed
    # the fixed text is clean: running again finds nothing to fix
    again = Document("t", fixed), [Segment(0, len(fixed))]
    assert check_quotes(*again) == [] and check_spacing(*again) == []
