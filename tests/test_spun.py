"""Rule spun-french-word with a deterministic fake scorer: always run, no model needed."""

from __future__ import annotations

from mtfix.lexicon import default_lexicon
from mtfix.models import Document
from mtfix.pipeline import CheckOptions, check_document
from mtfix.scorer import FakeScorer
from mtfix.segment import layout
from mtfix.spun import DEFAULT_SETTINGS, RULE, spinner_targets, spun_findings
from mtfix.tokenize import tokenize

MARGIN = DEFAULT_SETTINGS.margin
TEXT = "Ce n’était pas hors du domaine du probable. Ils tournent dans leur route."


def findings(text: str, scorer: FakeScorer, **options) -> list:
    found = check_document(Document("<t>", text), CheckOptions(**options), scorer=scorer)
    return [f for f in found if f.rule == RULE]


def test_reverse_table_gives_the_originals() -> None:
    assert "possible" in spinner_targets("probable")
    assert "direction" in spinner_targets("route")
    assert "population" in spinner_targets("populace")
    assert spinner_targets("xyzzy") == []


def test_found_when_an_original_wins_by_the_margin() -> None:
    found = findings(TEXT, FakeScorer({"possible": MARGIN + 5, "direction": MARGIN + 1}))
    assert [(f.text, f.suggestions[0].replacement) for f in found] == [
        ("probable", "possible"),
        ("route", "direction"),
    ]
    assert all(f.suggestions[0].source == "context" for f in found)


def test_not_found_below_the_margin() -> None:
    assert findings(TEXT, FakeScorer({"possible": MARGIN - 3})) == []
    assert findings(TEXT, FakeScorer({"probable": 5.0, "possible": 5.0 + MARGIN - 1})) == []


def test_names_quotes_allow_and_ignore_are_respected() -> None:
    scorer = FakeScorer({"direction": MARGIN + 5})
    assert findings("Il habite à Route du Lac.", scorer) == []
    assert findings("Le mot « route » est joli.", scorer) == []
    assert findings("Ils tournent dans leur route.", scorer, allow=frozenset({"route"})) == []
    assert findings("Ils tournent dans leur route.", scorer, ignore=frozenset({RULE})) == []
    assert scorer.calls == 0


def test_case_is_kept() -> None:
    text = "Route barrée."
    document = Document("<t>", text)
    tokens = tokenize(text, layout(document, None).segments).tokens
    found = spun_findings(text, tokens, default_lexicon(), FakeScorer({"direction": MARGIN + 5}))
    assert found[0].suggestions[0].replacement == "Direction"


def test_inline_suppression_applies() -> None:
    text = "Ils tournent dans leur route. <!-- mtfix: ignore -->"
    assert findings(text, FakeScorer({"direction": MARGIN + 5}), kind="markdown") == []
