"""Rule spun-french-word with a deterministic fake scorer: always run, no model needed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mtfix.lexicon import default_lexicon
from mtfix.models import Document
from mtfix.pipeline import CheckOptions, check_document
from mtfix.scorer import FakeScorer
from mtfix.segment import layout
from mtfix.spun import (
    DEFAULT_SETTINGS,
    RULE,
    SpinEvidence,
    decide,
    english_evidence,
    spinner_targets,
    spun_findings,
)
from mtfix.tokenize import tokenize

MARGIN = DEFAULT_SETTINGS.margin
SWAPS = "Ce n’était pas hors du domaine du probable. Ils tournent dans leur route."
# English a word list sees: the damage that tells a spun article from a clean one.
SPUN = (
    "Le government a publié une nouvelle policy hier soir. Les workers attendent "
    "toujours une answer claire, nevertheless le ministre reste silencieux. "
)


def spun_in(text: str, scorer, settings=DEFAULT_SETTINGS) -> list:
    """The rule alone on ``text``, after the English findings it reads as evidence."""
    document = Document("<t>", text)
    tokenized = tokenize(text, layout(document, None).segments)
    taken = check_document(document, CheckOptions(select=frozenset({"english"})))
    return spun_findings(
        text,
        tokenized.tokens,
        tokenized.quotes,
        default_lexicon(),
        scorer,
        taken=taken,
        settings=settings,
    )


def findings(text: str, scorer: FakeScorer, **options) -> list:
    found = check_document(Document("<t>", text), CheckOptions(**options), scorer=scorer)
    return [f for f in found if f.rule == RULE]


def test_the_spun_paragraph_shows_spinner_damage() -> None:
    document = Document("<t>", SPUN + SWAPS)
    found = check_document(document, CheckOptions(select=frozenset({"english"})))
    tokens = tokenize(document.text, layout(document, None).segments).tokens
    assert english_evidence(found, tokens).shows_spinning()


def test_reverse_table_gives_the_originals() -> None:
    assert "possible" in spinner_targets("probable")
    assert "direction" in spinner_targets("route")
    assert "population" in spinner_targets("populace")
    assert spinner_targets("xyzzy") == []


def test_found_in_a_spun_text_when_an_original_wins_by_the_margin() -> None:
    found = findings(SPUN + SWAPS, FakeScorer({"possible": MARGIN + 5, "direction": MARGIN + 1}))
    assert [(f.text, f.suggestions[0].replacement) for f in found] == [
        ("probable", "possible"),
        ("route", "direction"),
    ]
    assert all(f.suggestions[0].source == "context" for f in found)
    assert found[0].confidence > found[1].confidence
    assert f"{MARGIN + 5:.1f} likelier (log-probability) with 'possible'" in found[0].evidence
    assert "times as frequent" in found[0].evidence  # ``possible`` is the commoner word


def test_a_text_without_spinner_damage_is_not_scored_at_all() -> None:
    scorer = FakeScorer({"possible": MARGIN + 50, "direction": MARGIN + 50})
    assert findings(SWAPS, scorer) == []
    assert scorer.calls == 0


def test_not_found_below_the_margin() -> None:
    assert findings(SPUN + SWAPS, FakeScorer({"possible": MARGIN - 3})) == []
    assert findings(SPUN + SWAPS, FakeScorer({"probable": 5.0, "possible": 5.0 + MARGIN - 3})) == []


def test_names_mentions_allow_and_ignore_are_respected() -> None:
    scorer = FakeScorer({"direction": MARGIN + 5})
    assert findings(SPUN + "Il habite à Route du Lac.", scorer) == []
    assert findings(SPUN + "Le mot « route » est joli.", scorer) == []
    assert (
        findings(SPUN + "Ils tournent dans leur route.", scorer, allow=frozenset({"route"})) == []
    )
    assert findings(SPUN + "Ils tournent dans leur route.", scorer, ignore=frozenset({RULE})) == []


def test_reported_speech_in_quotes_is_prose() -> None:
    text = SPUN + "« Les vents peuvent tourner dans leur route », a-t-il déclaré."
    found = findings(text, FakeScorer({"direction": MARGIN + 5}))
    assert [f.text for f in found] == ["route"]


def test_case_is_kept() -> None:
    text = "Route barrée."
    document = Document("<t>", text)
    tokenized = tokenize(text, layout(document, None).segments)
    ungated = replace(DEFAULT_SETTINGS, gate_findings=0, gate_per_thousand=0.0)
    found = spun_findings(
        text,
        tokenized.tokens,
        tokenized.quotes,
        default_lexicon(),
        FakeScorer({"direction": MARGIN + 5}),
        settings=ungated,
    )
    assert found[0].suggestions[0].replacement == "Direction"


def test_inline_suppression_applies() -> None:
    text = SPUN + "Ils tournent dans leur route. <!-- mtfix: ignore -->"
    assert findings(text, FakeScorer({"direction": MARGIN + 5}), kind="markdown") == []


@pytest.mark.parametrize(
    ("findings_count", "words", "shows"),
    [(0, 1000, False), (DEFAULT_SETTINGS.gate_findings - 1, 100, False), (40, 1000, True)],
)
def test_the_gate_needs_enough_findings_and_density(findings_count, words, shows) -> None:
    assert SpinEvidence(findings_count, words).shows_spinning() is shows
    assert SpinEvidence(findings_count, 10**6).shows_spinning() is False


def test_decide_weighs_frequency_and_margin() -> None:
    weight = replace(DEFAULT_SETTINGS, frequency_weight=1.0, margin=4.0)
    # written word at 0, originals: one reads 3 nats better, the other 1 nat but is 2 Zipf
    # units more frequent (1 + 2 = 3): neither reaches 4.
    assert decide([0.0, 3.0, 1.0], [4.0, 4.0, 6.0], ["a", "b"], 50, 1000, weight) is None
    assert decide([0.0, 3.0, 2.5], [4.0, 4.0, 6.0], ["a", "b"], 50, 1000, weight) == "b"
    assert decide([0.0, 9.0, 2.5], [4.0, 4.0, 6.0], ["a", "b"], 50, 1000, weight) == "a"
    assert decide([0.0, 9.0, 2.5], [4.0, 4.0, 6.0], ["a", "b"], 0, 1000, weight) is None


def test_a_spinner_target_is_read_as_many_words_past_it_as_asked() -> None:
    from test_scorer import RecordingScorer, words_read_after

    tail = " ".join(["avait", "alors", "déclaré", "le", "président", "devant", "la", "presse"] * 3)
    text = f"{SPUN}Ils tournent dans leur route, {tail}."
    for words_after in (None, 3):
        scorer = RecordingScorer({"direction": MARGIN + 5})
        found = spun_in(text, scorer, replace(DEFAULT_SETTINGS, words_after=words_after))
        assert [f.text for f in found] == ["route"]
        read = words_read_after(scorer.slots)
        assert read == 3 if words_after == 3 else read > 10  # None: the sentence's window


@pytest.mark.parametrize(
    ("sentences_before", "opening"),
    [(None, "Les workers"), (1, "Ce n’était"), (2, "Les workers"), (0, "Ils tournent")],
)
def test_words_are_screened_on_their_own_sentence_and_read_whole_with_those_in_front(
    sentences_before: int | None, opening: str
) -> None:
    """The screen (each word read up to itself) costs one prefix per word: it reads the
    word's own sentence only; the sentences in front (two by default) are read only for
    the words that pass it."""
    from test_scorer import RecordingScorer

    settings = DEFAULT_SETTINGS
    if sentences_before is not None:
        settings = replace(settings, sentences_before=sentences_before)
    # The other targets read far better than any of their originals.
    scorer = RecordingScorer({"direction": MARGIN + 5, "probable": 20.0, "nouvelle": 20.0})
    found = spun_in(SPUN + SWAPS, scorer, settings)
    assert [f.text for f in found] == ["route"]
    screens = [s for s in scorer.slots if s.end == len(s.sentence)]
    whole = [s for s in scorer.slots if s.end < len(s.sentence)]
    assert len(screens) >= 3 and all(". " not in s.sentence for s in screens)
    assert [s.sentence[s.start : s.end] for s in whole] == ["route"]
    assert whole[0].sentence.startswith(opening)


def test_the_screens_of_all_targets_go_to_the_scorer_in_one_go() -> None:
    """The language model reads several slots side by side in fewer, fuller decodes: the
    rule hands it every target's screen at once."""
    from test_scorer import RecordingScorer

    class Batches(RecordingScorer):
        def __init__(self, preferences) -> None:
            super().__init__(preferences)
            self.batches: list[int] = []

        def score_many(self, requests):
            self.batches.append(len(requests))
            return super().score_many(requests)

    text = SPUN + SWAPS
    document = Document("<t>", text)
    tokenized = tokenize(text, layout(document, None).segments)
    taken = check_document(document, CheckOptions(select=frozenset({"english"})))
    scorer = Batches({"direction": MARGIN + 5, "probable": 20.0, "nouvelle": 20.0})
    found = spun_findings(
        text, tokenized.tokens, tokenized.quotes, default_lexicon(), scorer, taken=taken
    )
    assert [f.text for f in found] == ["route"]
    screens = [s for s in scorer.slots if s.end == len(s.sentence)]
    assert len(screens) >= 3 and scorer.batches == [len(screens)]
