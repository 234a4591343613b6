"""Detection: English expressions matched whole, identifiers never split into words."""

from __future__ import annotations

from mtfix.pipeline import CheckOptions, check_text

ENGLISH = CheckOptions(select=frozenset({"english"}))


def findings(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in check_text(text, ENGLISH)]


def test_an_english_expression_is_one_finding_even_when_a_word_is_french():
    assert findings("Il viendra, of course, demain.") == [("english-span", "of course")]
    (finding,) = check_text("Il viendra, of course, demain.", ENGLISH)
    assert finding.suggestions[0].replacement in ("bien sûr", "évidemment", "bien entendu")


def test_an_expression_does_not_cross_punctuation_or_a_sentence():
    assert ("english-span", "of course") not in findings("Il parle of. Course à pied demain.")


def test_words_glued_to_digits_are_identifiers():
    assert findings("Le paquet arm64 et Bitmap2component sont présents.") == []
    assert findings("Nous avons reçu une aid importante.") == [("english-word", "aid")]
