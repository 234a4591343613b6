"""The damage model behind the suggestions: hypotheses, slot, document evidence."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from mtfix import check_text
from mtfix.context import Agreement
from mtfix.lexicon import default_lexicon
from mtfix.models import Document, Finding
from mtfix.segment import segments
from mtfix.slot import DocumentWords, Slot, slot_of
from mtfix.suggest import (
    DEFAULT_WEIGHTS,
    HYPOTHESES,
    SLOT_FEATURES,
    SPIN_FEATURES,
    TRANSLATION_FEATURES,
    Ranking,
    Suggester,
    agreement_mismatches,
    one_sense_per_document,
    rank_features,
)
from mtfix.tokenize import tokenize

SUGGESTER = Suggester(default_lexicon())


def ranked(english: str, slot: Slot) -> list[str]:
    return [word for word, _, _ in SUGGESTER.rank(english, slot)]


def shares(english: str, slot: Slot) -> dict[str, float]:
    return {word: share for word, share, _ in SUGGESTER.rank(english, slot)}


def first_suggestion(text: str, english: str) -> str:
    (finding,) = [f for f in check_text(text) if f.text == english]
    return finding.suggestions[0].replacement


def test_a_word_used_elsewhere_in_the_document_is_lifted():
    plain = ranked("concern", Slot())
    assert plain[0] != "question"
    document = DocumentWords(Counter({"question": 1}))
    assert ranked("concern", Slot(document=document)).index("question") < plain.index("question")
    # Beside the same word as here (``la question`` elsewhere, ``la concern`` here): first.
    beside = DocumentWords(Counter({"question": 1}), given_pairs=frozenset({("la", "question")}))
    assert ranked("concern", Slot(previous="la", document=beside))[0] == "question"
    assert ranked("concern", Slot(previous="une", document=beside))[0] != "question"


def test_a_rare_word_elsewhere_in_the_document_tells_more_than_a_common_one():
    """Found once in a long document, a word French writes rarely is less likely there
    by chance than a common one: ``document_expected`` reads its French frequency."""
    column = SLOT_FEATURES.index("document_expected")
    document = DocumentWords(Counter({"place": 1, "perspective": 1, "le": 5000}))
    assert document.total == 5002
    features = SUGGESTER.features("viewpoint", Slot(document=document))
    values = {f.word: f.slot[column] for f in features}
    assert values["place"] > values["perspective"] != 0.0
    assert values["opinion"] == 0.0  # not in the document: no evidence either way
    assert DEFAULT_WEIGHTS.document_expected < 0


def test_the_document_index_pairs_words_with_only_spaces_between():
    text = "La prise en charge reste. Prise, outre. Une prise en care du code."
    tokens = tokenize(text, segments(Document("t", text))).tokens
    start = text.index("care")
    document = DocumentWords.of(
        tokens, [Finding(start, start + 4, "care", "english-word", 1.0, "")], text
    )
    assert document.beside("charge", "en", "")
    assert document.beside("charge", "", "reste")
    assert not document.beside("prise", "reste", "")  # a full stop between
    assert not document.beside("outre", "prise", "")  # a comma between
    assert not document.beside("care", "en", "")  # the finding itself is not a word of the text
    assert document.count("charge") == 1 and document.count("prises") == 3
    assert not DocumentWords.of(tokens).pairs  # no text, no pairs


def test_the_document_index_reads_other_words_and_skips_findings():
    text = "La perspective reste ouverte. Mais la viewpoint est nouvelle."
    assert first_suggestion(text, "viewpoint") == "perspective"
    assert first_suggestion("Mais la viewpoint est nouvelle.", "viewpoint") != "perspective"
    tokens = tokenize(text, segments(Document("t", text))).tokens
    start = text.index("viewpoint")
    finding = Finding(start, start + 9, "viewpoint", "english-word", 1.0, "")
    document = DocumentWords.of(tokens, [finding])
    assert document.occurs("perspectives")  # singular and plural are one word
    assert not document.occurs("viewpoint")


def test_a_determiner_wants_a_noun():
    feminine = Slot(agreement=Agreement("f", "sg"))
    assert ranked("aid", feminine).index("aide") < ranked("aid", feminine).index("aider")


def test_a_noun_gains_on_a_verb_after_de():
    # ``chars de`` asks for a noun (context.agreement_before reads a noun + de); the
    # after-``de`` feature itself is fitted near 0, since an infinitive follows ``de`` too.
    text = "Les chars de fight partent."
    tokens = tokenize(text, segments(Document("t", text))).tokens
    start = text.index("fight")
    slot = slot_of(text, start, start + 5, tokens)
    after_de, plain = shares("fight", slot), shares("fight", Slot())
    assert after_de["combat"] / after_de["combattre"] > plain["combat"] / plain["combattre"]
    (finding,) = [f for f in check_text(text) if f.text == "fight"]
    words = [s.replacement for s in finding.suggestions]
    assert "combat" in words and (
        "combattre" not in words or words.index("combat") < words.index("combattre")
    )


def test_slot_of_reads_de_sentence_start_and_the_words_around():
    text = "Les chars de fight partent. Nous n'avons pas fait experience à la crise."
    tokens = tokenize(text, segments(Document("t", text))).tokens
    fight = text.index("fight")
    assert slot_of(text, fight, fight + 5, tokens).after_de
    experience = text.index("experience")
    slot = slot_of(text, experience, experience + 10, tokens)
    assert (slot.previous, slot.following) == ("fait", "à")  # negation skipped
    assert slot_of(text, 0, 3, tokens).sentence_start


def test_a_light_verb_locution_lifts_its_noun():
    locution = ranked("experience", Slot(previous="fait", following="à"))
    plain = ranked("experience", Slot(previous="une", following="utile"))
    assert locution.index("face") < plain.index("face")
    assert locution.index("face") < locution.index("expérience")
    assert first_suggestion("Nous avons une experience utile.", "experience") == "expérience"


def test_hypothesis_shares_follow_the_evidence():
    assert HYPOTHESES == ("spin", "untranslated")
    spin, untranslated = SUGGESTER.ranking("however").hypothesis_shares
    assert untranslated > 0.9 and abs(spin + untranslated - 1) < 1e-6
    spin, untranslated = SUGGESTER.ranking("unachievable").hypothesis_shares
    assert spin > 0.9


def test_a_document_showing_spinner_damage_weighs_the_spin_hypothesis():
    spun = [SUGGESTER.features(word) for word in ("unachievable", "viewpoint", "fight")]
    untranslated = [SUGGESTER.features(word) for word in ("however", "because", "although")]
    assert SUGGESTER.spin_prior(spun) > 0.5 > SUGGESTER.spin_prior(untranslated)
    features = SUGGESTER.features("viewpoint")
    high = SUGGESTER.rank_features(features, 0.9).hypothesis_shares[0]
    low = SUGGESTER.rank_features(features, 0.1).hypothesis_shares[0]
    assert high > low


def test_explain_shows_the_hypotheses_and_the_document_evidence():
    from mtfix.explain import explain, feature_table

    result = explain(
        "viewpoint",
        default_lexicon(),
        "La perspective reste ouverte. Mais la viewpoint est nouvelle.",
    )
    assert abs(sum(result.hypothesis_shares) - 1) < 1e-6
    assert result.suggestions[0].replacement == "perspective"
    assert feature_table(result.features[0])["in_document"] == 1.0


def test_the_thesaurus_profile_counts_the_relations_a_document_shows():
    from mtfix.suggest import PROFILE_BITS, thesaurus_profile

    wordnet_bit = PROFILE_BITS[1]
    related = [[f for f in SUGGESTER.features(w) if f.bits & wordnet_bit] for w in ("remark",)]
    assert related[0], "remark and comment share a WordNet synset"
    profile = thesaurus_profile(related * 6)
    assert profile[1] > 0.8
    assert thesaurus_profile([]) == (0.5,) * len(PROFILE_BITS)
    lifted = related[0][0].with_profile(profile)
    wordnet_document = SPIN_FEATURES.index("wordnet_document")
    assert lifted.spin[wordnet_document] == profile[1]


def test_a_french_word_several_english_words_point_to_is_lifted():
    from mtfix.suggest import shared_candidates

    by_phrase = {w: SUGGESTER.features(w) for w in ("talks", "announcements", "teachings")}
    votes = shared_candidates(by_phrase)
    assert votes["informations"] == 3
    assert votes["lectures"] < 3
    alone = shares("talks", Slot())
    lifted = rank_features(
        [f.with_profile((0.5,) * 3, votes[f.word] - 1) for f in by_phrase["talks"]],
        SUGGESTER.weights,
    )
    assert dict((w, s) for w, s, _ in lifted.ranked)["informations"] > alone["informations"]


def test_document_parts_are_the_linear_parts_of_the_profiled_features_to_the_bit():
    """The suggester scores a document's candidates without building their profiled
    features: the figures must be those of ``linear_parts(f.with_profile(...))``
    exactly (a ranking's ties and rounded shares depend on the last bit)."""
    from mtfix.suggest import document_parts, linear_parts, shared_candidates

    slot = Slot(agreement=Agreement("f", "pl"), after_de=True, previous="est")
    phrases = ("talks", "announcements", "viewpoint", "remark", "concern", "job interview")
    by_phrase = {w: SUGGESTER.features(w, slot) for w in phrases}
    votes = shared_candidates(by_phrase)
    assert any(votes[f.word] > 1 for group in by_phrase.values() for f in group)
    for profile in ((0.5, 0.5, 0.5), (0.1234567, 0.87654321, 1 / 3)):
        for group in by_phrase.values():
            profiled = [f.with_profile(profile, votes[f.word] - 1) for f in group]
            expected = [linear_parts(f, SUGGESTER.weights) for f in profiled]
            assert document_parts(group, profile, votes, SUGGESTER.weights) == expected


def test_the_pairwise_log_sum_exp_is_the_general_one_to_the_bit():
    import math
    import random

    from mtfix.suggest import _logsumexp, _logsumexp_pair

    draw = random.Random(7)
    values = [draw.uniform(-30, 5) for _ in range(300)] + [-math.inf]
    for first, second in zip(values, reversed(values), strict=True):
        if first == second == -math.inf:
            continue
        assert _logsumexp_pair(first, second) == _logsumexp((first, second))


def test_slot_of_reads_the_kind_of_word_the_slot_wants():
    text = "Il indique analysis la mémoire et l’usage. Il est mortal que tout doit make ceci."
    tokens = tokenize(text, segments(Document("t", text))).tokens

    def slot(word: str) -> Slot:
        start = text.index(word)
        return slot_of(text, start, start + len(word), tokens)

    assert slot("analysis").following_determiner
    assert slot("et").following_determiner  # an elided l’ is a determiner too
    assert not slot("mémoire").following_determiner
    assert slot("mortal").after_copula and not slot("analysis").after_copula
    assert slot("make").wants_infinitive and not slot("mortal").wants_infinitive


def test_a_word_of_the_slots_kind_gains():
    def share(english: str, word: str, slot: Slot) -> float:
        return shares(english, slot)[word]

    # ``Il est X``: an adjective rather than a noun; ``doit X``: an infinitive.
    assert share("mortal", "possible", Slot(previous="est")) > share("mortal", "possible", Slot())
    assert share("fight", "combattre", Slot(previous="doit")) > share("fight", "combattre", Slot())


def test_the_english_ending_asks_for_the_french_one():
    from mtfix.suggest import form_match

    assert form_match("usually", "habituellement") == 1.0
    assert form_match("usually", "habituel") == -1.0
    assert form_match("damaged", "endommagé") == 1.0
    assert form_match("table", "table") == 0.0


def test_a_suggestion_takes_the_documents_apostrophe():
    curly = "L’outil s’arrête. Il tourne for now et il marche."
    straight = "L'outil s'arrête. Il tourne for now et il marche."
    assert first_suggestion(curly, "for now") == "pour l’instant"
    assert first_suggestion(straight, "for now") == "pour l'instant"


def test_a_french_word_many_english_words_translate_to_is_a_weaker_guess():
    lexicon = default_lexicon()
    assert lexicon.translated_from("taille") > lexicon.translated_from("pensées") > 0
    assert lexicon.translated_from("pensée") == lexicon.translated_from("pensées")  # singular
    features = {f.word: f for f in SUGGESTER.features("size")}
    column = TRANSLATION_FEATURES.index("translated_from")
    assert features["taille"].translation[column] > 0.0


def test_the_spinners_visible_draw_counts_the_neighbours_that_read_as_english():
    _moby, neighbours, visible = default_lexicon().entry_sizes("question")
    assert 0 < visible < neighbours  # its French or rare English neighbours do not count
    features = {f.word: f for f in SUGGESTER.features("concern")}
    column = SPIN_FEATURES.index("visible_draw")
    assert features["question"].spin[column] == pytest.approx(math.log(visible))


def test_a_word_that_disagrees_with_the_determiner_is_marked():
    lexicon = default_lexicon()
    section = lexicon.info("section")  # feminine
    assert agreement_mismatches(Agreement("f", "sg"), "section", section) == (0.0, 0.0)
    assert agreement_mismatches(Agreement("m", "sg"), "section", section) == (1.0, 0.0)
    assert agreement_mismatches(Agreement("", "pl"), "section", section) == (0.0, 1.0)
    assert agreement_mismatches(Agreement("f", "sg"), "sections", section) == (0.0, 1.0)
    assert agreement_mismatches(None, "section", section) == (0.0, 0.0)
    masculine = {f.word: f for f in SUGGESTER.features("element", Agreement("m", "sg"))}
    column = SLOT_FEATURES.index("gender_mismatch")
    assert masculine["section"].slot[column] == 1.0
    assert masculine["élément"].slot[column] == 0.0


def _ranking(*ranked: tuple[str, float]) -> Ranking:
    return Ranking(tuple((word, share, "synonym-fr") for word, share in ranked), (0.5, 0.5))


def test_one_sense_per_document_settles_a_close_call_by_the_same_word_s_other_slots():
    close = ("viewpoint", Slot(left="la"))
    sure = ("viewpoint", Slot(left="de"))
    other_word = ("gurus", Slot(left="les"))
    rankings = {
        close: _ranking(("situation", 0.45), ("perspective", 0.41), ("venue", 0.14)),
        sure: _ranking(("perspective", 0.76), ("phase", 0.14), ("situation", 0.10)),
        other_word: _ranking(("chefs", 0.6), ("guides", 0.4)),
    }
    pooled = one_sense_per_document(rankings, Counter(rankings.keys()), pooling=0.5)
    assert pooled[close].ranked[0][0] == "perspective"
    assert pooled[sure].ranked[0][0] == "perspective"
    assert pooled[other_word] == rankings[other_word]
    assert math.isclose(sum(share for _, share, _ in pooled[close].ranked), 1.0, abs_tol=0.01)
    assert one_sense_per_document(rankings, Counter(rankings.keys()), pooling=0.0) == rankings


def test_a_slot_sure_of_its_word_keeps_it_against_a_close_call_elsewhere():
    sure = ("aid", Slot(left="l'"))
    close = ("aid", Slot(left="une"))
    rankings = {
        sure: _ranking(("aide", 0.9), ("assistance", 0.1)),
        close: _ranking(("assistance", 0.55), ("aide", 0.45)),
    }
    pooled = one_sense_per_document(rankings, Counter(rankings.keys()), pooling=0.5)
    assert pooled[sure].ranked[0][0] == "aide"
    assert pooled[close].ranked[0][0] == "aide"


def test_a_slot_written_more_often_weighs_more_in_the_others_rankings():
    once = ("aid", Slot(left="l'"))
    often = ("aid", Slot(left="une"))
    rankings = {
        once: _ranking(("aide", 0.7), ("assistance", 0.3)),
        often: _ranking(("assistance", 0.6), ("aide", 0.4)),
    }
    pooled = one_sense_per_document(rankings, Counter({once: 1, often: 1}), pooling=0.5)
    assert pooled[once].ranked[0][0] == "aide"
    pooled = one_sense_per_document(rankings, Counter({once: 1, often: 6}), pooling=0.5)
    assert pooled[once].ranked[0][0] == "assistance"


def test_the_same_english_word_gets_one_first_suggestion_across_its_slots():
    text = (
        "Le rapport décrit la viewpoint des habitants du quartier. Plus loin, il évoque la "
        "viewpoint d'une reprise, puis la perspective d'une reprise rapide des travaux."
    )
    firsts = [f.suggestions[0].replacement for f in check_text(text) if f.text == "viewpoint"]
    assert firsts == ["perspective", "perspective"]
