"""A fix never puts a word of the wrong kind in its slot (issue 15): no verb where a
noun is due, and the number of the slot is kept."""

from __future__ import annotations

import pytest

from mtfix.api import check_text, fix_text
from mtfix.context import Agreement, slot_before
from mtfix.lexicon import default_lexicon
from mtfix.models import Applicability, Finding, Suggestion
from mtfix.planning import plan_fix


def _finding(text: str, word: str, best: str) -> Finding:
    start = text.index(word)
    suggestion = Suggestion(best, 0.9, "test")  # a clear winner, confident: safe by score
    return Finding(start, start + len(word), word, "english-word", 0.9, "t", (suggestion,))


@pytest.mark.parametrize(
    ("text", "word", "verb"),
    [
        ("C'est une nouvelle aid pour eux.", "aid", "aider"),
        ("Des chars de fight arrivent.", "fight", "combattre"),
        ("Il demande l’aid de tous.", "aid", "aider"),
        ("Il y a beaucoup de fight ici.", "fight", "combattre"),
    ],
)
def test_a_verb_in_a_noun_slot_is_not_safe(text, word, verb):
    planned = plan_fix(text, _finding(text, word, verb))
    assert planned.fix is not None
    assert planned.fix.applicability is Applicability.UNSAFE


@pytest.mark.parametrize(
    ("text", "word", "best"),
    [
        ("Il faut aid les autres.", "aid", "aider"),  # no determiner: a verb is fine
        ("Il essaie de fight encore.", "fight", "combattre"),  # essayer de + infinitive
        ("C'est un bon dinner ce soir.", "dinner", "dîner"),  # a noun too, says the lexicon
        ("C'est une nouvelle aid pour eux.", "aid", "aide"),
    ],
)
def test_a_word_that_fits_its_slot_stays_safe(text, word, best):
    planned = plan_fix(text, _finding(text, word, best))
    assert planned.fix is not None
    assert planned.fix.applicability is Applicability.SAFE


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("C'est une nouvelle aid pour eux.", "aid"),
        ("Des chars de fight arrivent.", "fight"),
        ("Il demande l’aid de tous.", "aid"),
    ],
)
def test_the_suggester_ranks_a_noun_first_in_a_noun_slot(text, word):
    found = [f for f in check_text(text) if f.text == word]
    assert found and found[0].suggestions
    best = found[0].suggestions[0].replacement
    info = default_lexicon().info(best.split()[0])
    assert info.genders, f"{best!r} is not a noun"
    assert "aider" not in fix_text(text) and "combattre" not in fix_text(text)


def test_number_is_kept_after_a_plural_copula():
    text = "Les experts restent sceptical face à cela."
    assert fix_text(text) == "Les experts restent sceptiques face à cela."
    assert fix_text("Ils sont très sceptical.") == "Ils sont très sceptiques."


@pytest.mark.parametrize(
    ("text", "slot"),
    [
        ("une nouvelle ", Agreement("f", "sg")),
        ("il parle d’une nouvelle ", Agreement("f", "sg")),
        ("les autres ", Agreement("", "pl")),
        ("chars de ", Agreement("", "")),
        ("pas de ", Agreement("", "")),
        ("l’", Agreement("", "sg")),
        ("ils restent ", Agreement("", "pl", noun=False)),
        ("il essaie de ", None),  # essaie: no noun the lexicon knows
        ("la maison, ", None),  # punctuation ends the slot
        ("il dit ", None),
    ],
)
def test_slot_before(text, slot):
    assert slot_before(text + "x", len(text)) == slot
