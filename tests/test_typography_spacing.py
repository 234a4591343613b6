"""typography-spacing: should-flag / should-pass tables and fixes."""

from __future__ import annotations

from itertools import pairwise

import pytest
from suggestion_edits import apply_first_suggestions as apply

from mtfix.models import Document, Finding, Segment
from mtfix.typography import (
    MISSING_SPACE_RULE,
    QUOTES_RULE,
    SPACING_RULE,
    TypographySettings,
    check_quotes,
    check_spacing,
)

NN, NB = "\u202f", "\u00a0"

DEFAULTS = TypographySettings()


def run(text: str, settings: TypographySettings = DEFAULTS) -> list[Finding]:
    return check_spacing(Document("t.txt", text), [Segment(0, len(text))], settings)


FIXED = [
    ("Pourquoi? Parce que.", f"Pourquoi{NN}? Parce que."),
    ("Attention !", f"Attention{NN}!"),
    ("Il a dit : non.", f"Il a dit{NN}: non."),
    ("Un point; un autre.", f"Un point{NN}; un autre."),
    ("Quoi  ?", f"Quoi{NN}?"),
    ("Pourquoi?! Vraiment?", f"Pourquoi{NN}?! Vraiment{NN}?"),
    ("Le mot , puis la fin .", "Le mot, puis la fin."),
    ("Il dit « oui » et «non».", f"Il dit «{NN}oui{NN}» et «{NN}non{NN}»."),
    ("Deux  espaces ici.", "Deux espaces ici."),
    (f"Deux {NB}espaces ici.", f"Deux{NB}espaces ici."),
    ("Le titre «test»?", f"Le titre «{NN}test{NN}»{NN}?"),
    ("(vraiment?)", f"(vraiment{NN}?)"),
]


@pytest.mark.parametrize(("text", "expected"), FIXED)
def test_should_flag_and_fix(text: str, expected: str) -> None:
    findings = run(text)
    assert findings and all(f.rule in (SPACING_RULE, MISSING_SPACE_RULE) for f in findings)
    assert all(f.confidence == pytest.approx(0.9) for f in findings)
    assert apply(text, findings) == expected


PASSES = [
    f"Pourquoi{NN}? Parce que{NN}: voilà{NN}; enfin{NN}!",
    f"Pourquoi{NB}? Parce que{NB}: voilà.",  # either no-break space is accepted
    f"Il dit «{NN}oui{NN}».",
    "Rendez-vous à 20:44, soit 3,5 km ou 1.000 euros.",
    "Voir https://exemple.fr/page?x=1&y=2 pour tout.",
    "Écrire à jean.dupont@exemple.fr demain.",
    "Il a souri :) puis ;-) et :D enfin.",
    "Bon ... et . . . enfin… la suite.",
    "Le code `a ; b  c` reste tel quel.",
    "Le fichier .txt et le nombre .5 ici.",
    "    Indentation gardée.",
    "Deux espaces en fin de ligne  ",
    "std::vector et C:\\Windows restent.",
    "Un mot, puis un autre. Fin.",
    # HTML character references are not punctuation (copied HTML, Markdown, alt/title)
    "Tom &amp; Jerry, &#233;t&#xE9; et &eacute; ici.",
    f"Le prix&nbsp;: dix euros{NN}; &lt;b&gt; reste.",
]


@pytest.mark.parametrize("text", PASSES)
def test_should_pass(text: str) -> None:
    assert run(text) == []


@pytest.mark.parametrize(("space", "char"), [("narrow", NN), ("nbsp", NB), ("plain", " ")])
def test_space_kind(space: str, char: str) -> None:
    settings = TypographySettings(space=space)  # type: ignore[arg-type]
    assert apply("Quoi? Oui!", run("Quoi? Oui!", settings)) == f"Quoi{char}? Oui{char}!"


def test_strict_space_kind() -> None:
    settings = TypographySettings(space="narrow", strict_space=True)
    assert apply(f"Quoi{NB}?", run(f"Quoi{NB}?", settings)) == f"Quoi{NN}?"
    assert run(f"Quoi{NB}?") == []


def test_curly_style_leaves_guillemets_to_the_quote_rule() -> None:
    settings = TypographySettings(quote_style="curly")
    assert run("Il dit «oui» ici.", settings) == []


NEIGHBOURS = [
    "“Comment contre une populace civile?”",
    'n\'est "pas impossible" : un livre',
    "Il dit “ oui ” ; puis « non»  et “  fin”.",
    "Il dit « “oui” » et «“non”» ici.",
    "était “” très concentré “”.",
    "la viewpoint d'”Armageddon” ?",
]


@pytest.mark.parametrize("text", NEIGHBOURS)
def test_quote_and_spacing_fixes_never_overlap(text: str) -> None:
    document, segments = Document("t", text), [Segment(0, len(text))]
    quotes = check_quotes(document, segments)
    spacing = check_spacing(document, segments)
    spans = sorted((f.start, f.end) for f in quotes + spacing if f.suggestions)
    for (_, end), (start, _) in pairwise(spans):
        assert end <= start, text
    for finding in spacing:
        assert not any(c in "“”\"‘’'„" for c in finding.text)
    # A space touching an ambiguous mark (`` ” ;``) waits for the quote fix: a second
    # pass settles it, and then nothing is left.
    fixed = apply(text, quotes + spacing)
    for _ in range(2):
        again = Document("t", fixed), [Segment(0, len(fixed))]
        fixed = apply(fixed, check_quotes(*again) + check_spacing(*again))
    again = Document("t", fixed), [Segment(0, len(fixed))]
    assert check_quotes(*again) == [] and check_spacing(*again) == [], fixed


def test_fixes_touch_only_their_span() -> None:
    text = "Avant.\nIl dit : “oui” , non  !\nAprès."
    findings = run(text) + check_quotes(Document("t", text), [Segment(0, len(text))])
    for finding in findings:
        fixed = apply(text, [finding])
        tail = len(text) - finding.end
        assert fixed[: finding.start] == text[: finding.start]
        assert fixed[len(fixed) - tail :] == text[finding.end :]
    assert all(f.rule in (SPACING_RULE, MISSING_SPACE_RULE, QUOTES_RULE) for f in findings)


def test_long_lines_stay_fast() -> None:
    import time

    text = "a" * 50_000 + " " * 50_000 + ":" * 50_000 + "@" + "1.2" * 20_000
    started = time.perf_counter()
    run(text)
    check_quotes(Document("t", text), [Segment(0, len(text))])
    assert time.perf_counter() - started < 5
