"""The suggester's case cache (a phrase in a slot, kept across documents) changes how
suggestions are computed, never what they are."""

from __future__ import annotations

from dataclasses import fields, replace
from operator import mul

from mtfix.context import Agreement
from mtfix.lexicon import default_lexicon
from mtfix.models import Document, Finding
from mtfix.pipeline import CheckOptions, check_document
from mtfix.segment import segments
from mtfix.slot import DocumentWords, Slot, slot_of
from mtfix.suggest import Suggester, _weight_vectors, document_domain
from mtfix.tokenize import tokenize

# The same intrusions in the same slots, in documents that hold some of their
# candidates elsewhere (``angle``, ``trouble``, ``motifs``) or none.
DOCUMENTS = (
    "Il est important de trouver une solution au problem.",
    "Le trouble est là. Il est important de trouver une solution au problem.",
    "Les motifs sont nombreux. Il est important de trouver une solution au problem.",
    "Il est important de trouver une solution au problem. Le problem reste entier.",
    "Nous partageons ce viewpoint sur la question.",
    "Il faut un angle précis. Nous partageons ce viewpoint sur la question.",
    "Il a fait pas face à la crise. Il a fait pas fight à la crise.",
    "Il a fait pas fight à la crise.",
)


def suggested(suggester: Suggester, text: str) -> list[tuple]:
    document = Document("<text>", text)
    findings = check_document(document, CheckOptions(suggest=False))
    tokens = tokenize(text, segments(document)).tokens
    return [(f.text, f.suggestions) for f in suggester.suggest_findings(text, findings, tokens)]


def test_cached_suggestions_equal_those_of_an_empty_cache():
    lexicon = default_lexicon()
    shared = Suggester(lexicon)
    for _ in range(2):  # the second pass reads every case from the cache
        for text in DOCUMENTS:
            assert suggested(shared, text) == suggested(Suggester(lexicon), text), text
    assert shared._cases  # the cache was used
    # The documents' own words change the ranking: a cache that ignored them would fail.
    orders = {tuple(s.replacement for s in suggested(shared, text)[0][1]) for text in DOCUMENTS[:3]}
    assert len(orders) > 1


def test_every_slot_field_is_part_of_the_key():
    """A slot feature added to ``Slot`` must change the cache key (the key is the slot
    object less its document). A new field needs a sample value here."""
    samples = {
        "agreement": Agreement("f", "pl"),
        "after_de": True,
        "sentence_start": True,
        "previous": "fait",
        "following": "à",
        "following_determiner": True,
        "left": "la",
        "across": "dans",
        "right": "de",
        "across_right": "vue",
    }
    suggester = Suggester(default_lexicon())
    base = Slot()
    suggester._case("fight", base)
    for field in fields(Slot):
        if field.name == "document":
            continue
        assert field.name in samples, f"add a sample value for Slot.{field.name}"
        changed = replace(base, **{field.name: samples[field.name]})
        before = len(suggester._cases)
        suggester._case("fight", changed)
        assert len(suggester._cases) == before + 1, field.name


def test_the_column_index_pairs_words_as_the_token_index_does():
    """DocumentWords from a tokenization's columns (C-level maps) and from its tokens
    (a loop) agree, with a finding on the first word (an empty run before it) and on
    the last, elisions and punctuation between words."""
    text = "Care de la prise en charge, l’aide et d'abord la prise en care du code. Fin care"
    tokens = tokenize(text, segments(Document("t", text))).tokens
    assert tokens.columns is not None  # the column path
    flagged = [
        Finding(
            text.index(word, at), text.index(word, at) + len(word), word, "english-word", 1.0, ""
        )
        for word, at in (("Care", 0), ("care", 30), ("care", 75))
    ]
    for findings in (flagged, flagged[1:], []):
        by_columns = DocumentWords.of(tokens, findings, text)
        by_tokens = DocumentWords.of(list(tokens), findings, text)
        assert by_columns.counts == by_tokens.counts
        assert by_columns.pairs == by_tokens.pairs
        assert ("en", "charge") in by_columns.pairs


def test_the_cached_slot_sums_are_the_features_sums_in_a_technical_document():
    """The case cache holds the slot sums of no document; in a document the manuals'
    vocabulary fits (``prose_domain`` not 0) each candidate's sum is completed to the
    bit of the sum ``features`` gives (what the fit reads)."""
    text = (
        "Le paquet installe le fichier de configuration du noyau ; la commande affiche "
        "les options du serveur. Il faut un angle précis sur le problem du système."
    )
    lexicon = default_lexicon()
    document = Document("<text>", text)
    findings = check_document(document, CheckOptions(suggest=False))
    tokens = tokenize(text, segments(document)).tokens
    words = DocumentWords.of(tokens, findings, text)
    assert document_domain(words, lexicon) > 0
    start = text.index("problem")
    slot = slot_of(text, start, start + len("problem"), tokens, words)
    suggester = Suggester(lexicon)
    assert suggester.weights.prose_domain
    _, fixed = suggester._document_case("problem", replace(slot, document=None), slot)
    weights = _weight_vectors(suggester.weights)[0]
    features = suggester.features("problem", slot)
    assert [sums for sums, _, _ in fixed] == [sum(map(mul, weights, f.slot)) for f in features]
    assert len({round(sums, 6) for sums, _, _ in fixed}) > 1
