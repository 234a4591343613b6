"""Should-flag / should-pass French sentences: one behaviour of the detector per row.

Each row is (sentence, expected English spans as (text, rule) pairs). Sentences are
written for these tests; none is taken from the seed article.
"""

from __future__ import annotations

import pytest

from mtfix.detect import RULE_SPAN, RULE_TITLE, RULE_WORD
from mtfix.pipeline import CheckOptions, check_text

ENGLISH = frozenset((RULE_WORD, RULE_SPAN, RULE_TITLE))
W, S, T = RULE_WORD, RULE_SPAN, RULE_TITLE

SHOULD_FLAG = [
    # English words between French words
    ("Le gouvernement a promis une aid aux agriculteurs.", [("aid", W)]),
    ("Elle a partagé ses thoughts sur la réforme.", [("thoughts", W)]),
    ("La concern principale reste le chômage.", [("concern", W)]),
    ("Les soldats se préparent au fight final.", [("fight", W)]),
    ("Nous avons étudié toutes les possibilities offertes.", [("possibilities", W)]),
    ("Le projet semble unachievable dans ces délais.", [("unachievable", W)]),
    ("Il défend une viewpoint originale sur la question.", [("viewpoint", W)]),
    ("Les résultats sont encouraging pour la suite.", [("encouraging", W)]),
    ("Le ministre a annoncé un nouveau funding pour la recherche.", [("funding", W)]),
    ("Cette decision a surpris tout le monde.", [("decision", W)]),
    ("La réunion a été postponed à la semaine prochaine.", [("postponed", W)]),
    ("Le maire a exprimé sa gratitude et son support.", []),  # support is French too
    ("Les habitants sont worried par la pollution.", [("worried", W)]),
    ("Ils ont trouvé un agreement acceptable.", [("agreement", W)]),
    ("Il faut rester focused sur les objectifs.", [("focused", W)]),
    ("Elle travaille dans le département de research.", [("research", W)]),
    # accents: an unaccented English spelling of a French word
    ("Ils ont fait experience de la guerre.", [("experience", W)]),
    ("Nous avons une grande experience du terrain.", [("experience", W)]),
    ("La difference entre les deux est faible.", [("difference", W)]),
    # capitalised at the start of a sentence or a quotation
    ("Remark que le texte est incomplet.", [("Remark", W)]),
    ("« However, nous devons avancer », a-t-il dit.", [("However", W)]),
    ("Il a dit : « Meanwhile les prix augmentent. »", [("Meanwhile", W)]),
    ("Nous avons parlé. Meanwhile, les prix augmentent.", [("Meanwhile", W)]),
    # runs of English words are one finding
    ("Il a passé une job interview hier.", [("job interview", S)]),
    ("Le rapport parle de climate change et de ses effets.", [("climate change", S)]),
    ("Elle a obtenu un full time job à Paris.", [("full time job", S)]),
    ("Il a agi in good faith selon lui.", [("in good faith", S)]),
    ("Le directeur a dit que the deal is done hier.", [("the deal is done", S)]),
    ("Ils veulent agir right now pour le climat.", [("right now", S)]),
    # English quotations: a title in title case, a sentence otherwise
    (
        "Il a lu « The Fight of His Life : Inside the White House » cet été.",
        [("The Fight of His Life : Inside the White House", T)],
    ),
    (
        "Son livre “The Art of War Revisited” est sorti.",
        [("The Art of War Revisited", T)],
    ),
    (
        "Il a répondu : « we will not change the plan » sans hésiter.",
        [("we will not change the plan", S)],
    ),
    # rare borrowings: French forms far more common in English
    ("De nombreux gurus promettent la richesse.", [("gurus", W)]),
    # two English words around a bare comma are no list of names, and do not silence
    # the word elsewhere in the document
    ("Cette aid, however, arrive trop tard.", [("aid", W), ("however", W)]),
    ("Cette aid, however, arrive. Une autre aid suit.", [("aid", W), ("however", W), ("aid", W)]),
]

SHOULD_PASS = [
    # words spelled the same in both languages, French here
    "La question du combat reste ouverte.",
    "Il est impossible de changer de perspective.",
    "La population a choisi une autre direction.",
    "Le comment et le pourquoi de cette affaire.",
    "Les experts ont face à eux une situation difficile.",
    "Une possible solution serait une aide internationale.",
    "Le gouvernement fournit une aide importante.",
    # names: people, places, organisations, acronyms
    "Le président Joe Biden a rencontré Boris Johnson à Davos.",
    "Selon The Guardian, la CIA a mené une enquête.",
    "Bill Burns dirige la CIA depuis deux ans.",
    "Burns a déclaré que la situation était grave. Selon Burns, rien n'est joué.",
    "Les troupes ont quitté Kyiv pour New York.",
    "Le directeur du FBI et celui de la NASA étaient présents.",
    "Microsoft et Google investissent dans le cloud.",
    # loanwords accepted in French
    "Nous partons en week-end à la mer.",
    "Il a donné une interview au journal.",
    "Le parking est complet ce matin.",
    "Elle est le leader du parti.",
    "Écoutez notre podcast sur le sujet.",
    "Envoyez-moi un e-mail demain.",
    "Le manager a organisé un meeting.",
    # numbers, URLs, e-mail addresses, paths, options
    "Rendez-vous le 17 janvier 2023 à 20h30.",
    "Consultez https://example.com/news/latest-update pour la suite.",
    "Écrivez à support.team@example.org pour obtenir de l'aide.",
    "Le fichier /usr/share/doc/readme est lisible.",
    "Utilisez l'option --force avec prudence.",
    # technical French keeps names on purpose
    "La commande find parcourt les répertoires.",
    "Lancez la commande interne read pour lire une ligne.",
    "Le mode peut être always, never ou auto.",
    "Les valeurs possibles sont yes, no, ou unknown.",
    "Répondez yes/no à la question.",
    "Les commandes exit, logout, return terminent la session.",
    "Sous UNIX, most affiche le fichier.",
    "La valeur vaut never (jamais) par défaut.",
    "Le paramètre « verbose » active les messages.",
    "Consultez head(1) pour les détails.",
    # French text with elision and hyphens
    "L'utilisation d'une arme nucléaire n'est pas exclue.",
    "Qu'a-t-il dit ? Jusqu'à quand attendrons-nous ?",
    "C'est aujourd'hui le porte-parole qui s'exprime.",
    # a single quoted English word is a mention
    "Le mot « deadline » est entré dans l'usage.",
    "Le mot clef while termine la boucle.",
    "Nous avons reçu le feedback des clients.",
]


def english_findings(sentence: str) -> list[tuple[str, str]]:
    findings = check_text(sentence, CheckOptions(suggest=False))
    return [(f.text, f.rule) for f in findings if f.rule in ENGLISH]


@pytest.mark.parametrize(("sentence", "expected"), SHOULD_FLAG)
def test_should_flag(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert english_findings(sentence) == expected


@pytest.mark.parametrize("sentence", SHOULD_PASS)
def test_should_pass(sentence: str) -> None:
    assert english_findings(sentence) == []


def test_table_is_large_enough() -> None:
    assert len(SHOULD_FLAG) + len(SHOULD_PASS) >= 60


def test_findings_offsets_match_text() -> None:
    sentence = "Il a passé une job interview hier, puis une aid."
    for finding in check_text(sentence, CheckOptions(suggest=False)):
        assert sentence[finding.start : finding.end] == finding.text


def test_confidence_and_message_name_the_evidence() -> None:
    (finding,) = check_text("Une viewpoint nouvelle.", CheckOptions(suggest=False))
    assert 0.0 <= finding.confidence <= 1.0
    assert finding.message == "English word"
    assert "as frequent in English as in French" in finding.evidence
    assert "French lexicon" in finding.evidence


def test_accent_evidence_is_in_the_evidence() -> None:
    (finding,) = check_text("Une longue experience.", CheckOptions(suggest=False))
    assert "expérience" in finding.evidence


def test_title_is_less_confident_than_a_word() -> None:
    text = "Il a lu « The Fight of His Life : Inside the White House » et une aid."
    findings = {f.rule: f for f in check_text(text, CheckOptions(suggest=False))}
    assert findings[RULE_TITLE].confidence < findings[RULE_WORD].confidence


def test_a_word_named_by_its_manual_page_is_that_name_everywhere() -> None:
    text = "Voir flock(2). Ici, le flock échoue et le script shell attend."
    assert [f.text for f in check_text(text, CheckOptions(suggest=False))] == []
    alone = "Ici, le flock échoue et le script attend."
    assert [f.text for f in check_text(alone, CheckOptions(suggest=False))] == ["flock"]
