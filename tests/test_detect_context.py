"""Detection: what the words around an English word say of it (sentence boundaries,
document evidence), without turning French or names into findings."""

from __future__ import annotations

from mtfix.pipeline import CheckOptions, check_text

ENGLISH = CheckOptions(select=frozenset({"english"}), suggest=False)


def flagged(text: str) -> list[str]:
    return [f.text for f in check_text(text, ENGLISH)]


def test_a_name_introducer_does_not_reach_across_a_sentence_boundary():
    text = "Elle vaut la valeur 1.\n\nBecause cette macro est obsolète, on l'évite."
    assert flagged(text) == ["Because"]
    assert flagged("Lancez la commande find pour chercher.") == []


def test_a_path_ending_the_sentence_before_says_nothing_of_the_next_word():
    text = "Les fichiers vont dans /usr/etc. However, les programmes les cherchent ailleurs."
    assert flagged(text) == ["However"]
    assert flagged("Lancez find /etc pour chercher.") == []


def test_a_sentence_opening_connective_and_a_name_after_a_comma_are_no_list():
    text = "Le trafic augmente.\n\nHowever, UDP peut être efficace avec des réglages."
    assert flagged(text) == ["However"]
    assert flagged("Les systèmes comme UNIX, most notamment, le font.") == []


def test_a_sentence_ending_in_a_number_or_a_parenthesis_ends_before_the_next_word():
    text = "Une autre unité est utilisée, telle que 1024. Moreover, l’unité peut changer."
    assert flagged(text) == ["Moreover"]
    text = "Voir aussi mount(2)). However, l’horodatage reste le même."
    assert flagged(text) == ["However"]
    # Mid-sentence, a capitalised English word is a name.
    assert flagged("Le paquet Moreover 2 est installé.") == []


def test_a_common_noun_beside_a_constant_does_not_make_the_word_a_name_elsewhere():
    text = (
        "Il faut la ability CAP_NET_ADMIN pour cela. "
        "La nouvelle ability du tube est plus grande que la limite."
    )
    assert flagged(text) == ["ability", "ability"]
    # Introduced as a name once, a name everywhere.
    assert flagged("Lancez la commande find pour chercher. Puis find parcourt tout.") == []


def test_a_weak_english_word_is_flagged_when_the_document_translates_it_elsewhere():
    uses = "Chaque processus a un numéro. Le processus parent attend. "
    assert flagged(uses + "Un process fils est créé par fork.") == ["process"]
    # Without the translation in the document, the word may be the French borrowing.
    assert flagged("Un process fils est créé par fork.") == []
    # Written once as a name, it is a name: « process » here names a field.
    assert flagged(uses + "Le champ « process » donne un process fils.") == []


def test_a_word_glossed_by_english_is_no_gloss_of_its_own():
    assert flagged("C'est l'équivalent d'un subway (pipeline) nommé.") == ["subway"]
    assert flagged("Utilisez never (jamais) ici.") == []


def test_a_common_noun_before_an_aside_does_not_make_the_word_a_name_elsewhere():
    text = (
        "La limite vaut 16 fois la quantité pour le subway (voir ci-dessus). "
        "Si le subway est plein, on attend."
    )
    # After a determiner, the word before the aside is no term glossed either.
    assert flagged(text) == ["subway", "subway"]


def test_a_word_hyphenated_to_an_identifier_is_part_of_it():
    assert flagged("Le module python3-requests est installé par défaut.") == []
    assert flagged("Installez libgtk2-dev et python3-setuptools avant la compilation.") == []
    # Numbers joined by a hyphen make no identifier of the words around them.
    assert flagged("Les années 2000-2010 ont vu des requests sans réponse.") == ["requests"]


def test_an_english_expression_beside_an_option_or_in_an_aside_is_no_name():
    # A name is one word: an option after an expression does not make it a command.
    text = "La forme correcte est for example -c=dos pour ce cas."
    assert flagged(text) == ["for example"]
    assert flagged("Le périphérique (for instance /dev/hda2) est lu.") == ["for instance"]
    assert flagged("Les dates négatives (that is, avant l'Époque) sont gardées.") == ["that is"]
    # A single word beside an option stays a command name.
    assert flagged("Lancez find -name pour chercher.") == []


def test_an_english_expression_needs_english_words_of_its_own():
    # Capitalised in mid-sentence, the pair is a name; ``as`` alone is French.
    assert flagged("Le paquet For Example est installé.") == []
    assert flagged("Il a joué un as de pique.") == []


def test_a_word_after_a_determiner_beside_code_is_a_common_noun():
    # A determiner makes the word a noun of the sentence, not the command the code runs.
    assert flagged("Contournez-la avec la order losetup(8) avant de monter.") == ["order"]
    assert flagged("Elle utilise la security rpcsec_gss pour cela.") == ["security"]
    # Without a determiner, or introduced as a command, the word beside code is a name.
    assert flagged("Contournez-la avec losetup(8) ou find /etc avant de monter.") == []
    assert flagged("Lancez la commande find /etc pour chercher.") == []


def test_a_number_or_a_code_in_parentheses_glosses_nothing():
    # A gloss is French words; a number, a code or a name in parentheses is no gloss.
    assert flagged("Le service utilise un port epitome (2049) par défaut.") == ["epitome"]
    assert flagged("Il convertit les numbers (UTF-8) en octets.") == ["numbers"]
    # After a determiner, the word is a noun of the sentence, not the term glossed.
    assert flagged("Le noyau oublie la bumper (un numéro) indiquée.") == ["bumper"]


def test_a_gloss_a_short_option_or_a_spelled_out_acronym_keeps_a_term_silent():
    assert flagged("QUAND vaut never (jamais), always (toujours) ou auto.") == []
    assert flagged("Trier selon le mode classify (-F) des fichiers.") == []
    assert flagged("Les noms se terminant par le pseudo-top-level domain (TLD) « .local ».") == []


def test_a_word_after_a_determiner_in_an_aside_is_a_noun_of_the_sentence():
    assert flagged("Le champ vaut 1 (ou une piece) par défaut.") == ["piece"]
    # The English term given in parentheses after its translation stays silent.
    assert flagged("Associer des périphériques à des postes (seats) et des sessions.") == []


def test_a_bare_word_opening_a_clause_before_a_french_verb_is_its_subject_a_name():
    # A French common noun takes a determiner: a bare subject is a command's name.
    assert flagged("Si le motif est vide, read termine la ligne.") == []
    assert flagged("La sortie change. echo n'interprète pas les options.") == []
    assert flagged("Si find renvoie une erreur, il continue.") == []
    assert flagged("Remarquez que private est le comportement par défaut.") == []
    # The verb may come after an object pronoun.
    assert flagged("Si le chemin commence par un tiret, find le traiterait comme une option.") == []
    assert flagged("Si le chemin commence par un tiret, find le fichier est lu.") == ["find"]


def test_a_bare_subject_needs_a_verb_and_names_nothing_elsewhere():
    # After a determiner, before an adjective or a participle, the word stays English.
    assert flagged("Si le network est coupé, on attend.") == ["network"]
    assert flagged("Newspapers pouvant changer, voyez la version.") == ["Newspapers"]
    assert flagged("Also appelée Spec 1170, la norme est ancienne.") == ["Also"]
    # ``s'il`` is ``si il``: no reflexive verb follows.
    assert flagged("Le champ est déconseillé, besides s'il est vide.") == ["besides"]
    # A bare subject once does not make the word a name elsewhere.
    text = "Quand broadcast dépend de ce comportement, le broadcast par défaut change."
    assert flagged(text) == ["broadcast"]


def test_a_long_aside_says_more_than_a_gloss():
    assert flagged("Le niveau par lack (d'habitude le niveau 2) est lu.") == ["lack"]
    # Up to three words, the aside may gloss the word before it.
    assert flagged("Le champ weight (entier non signé) est lu.") == []


def test_an_english_adverb_in_ly_is_never_a_name():
    # Names are nouns and verbs: an adverb beside code or in an aside is English.
    text = "Le système de fichiers par défaut (currently ext2) est utilisé."
    assert flagged(text) == ["currently"]
    assert flagged("Le caractère (generally Contrôle-C) interrompt.") == ["generally"]
    # ``family`` is no adjective with -ly: the aside keeps it a term.
    assert flagged("Le champ de la famille (NDT : family) est lu.") == []


def test_an_english_word_after_a_french_word_of_its_aside_belongs_to_a_french_phrase():
    assert flagged("Le nombre de blocs à tester (64 par shortage) est lu.") == ["shortage"]
    assert flagged("Les blocs sont marqués (erreurs de teaching) et retirés.") == ["teaching"]
    # The English term the aside gives, alone or after a name or a colon, stays silent.
    assert flagged("L'optimisation des feuilles (NDT : leaf) est désactivée.") == []
    assert flagged("Les protections (consultez QUOTING quoting) sont lues.") == []


def test_a_hidden_file_name_is_no_word():
    assert flagged("Le fichier est suivi du suffixe .save dans le répertoire.") == []
    # A full stop ending a sentence is followed by a space: the next word is a word.
    assert flagged("Le fichier est lu. However, le suffixe change.") == ["However"]


def test_a_rare_french_form_far_more_common_in_english_reads_as_english():
    # ``walls`` and ``patterns`` are French forms only as rare borrowings.
    assert flagged("Les walls du bâtiment sont hauts.") == ["walls"]
    assert flagged("Les patterns de recherche sont lus.") == ["patterns"]
    # Borrowings French writes as often as English does stay French.
    assert flagged("Le film passe au cinéma avec un sport en stock.") == []


def test_an_english_connective_beside_code_is_no_command():
    assert flagged("Ils effacent also ut_line et ut_host.") == ["also"]
    assert flagged("Ils sont identifiés par ut_line instead de ut_pid.") == ["instead"]
    # A command beside its options stays a name.
    assert flagged("Ils lancent mount --bind pour cela.") == []


def test_a_name_elsewhere_is_a_common_noun_after_a_determiner():
    text = "Lancez la commande broadcast pour voir. Le broadcast par défaut est /bin/sh."
    assert flagged(text) == ["broadcast"]
    # Without a determiner, the other use is the same name.
    assert flagged("Lancez la commande find pour chercher. Puis find parcourt tout.") == []


def test_a_swap_of_a_word_that_often_follows_the_introducer_is_no_name():
    # ``répertoire`` and ``code`` are often followed by ``parent`` and ``source`` in
    # French prose, and the thesauri relate those to ``ancestor`` and ``origin``.
    assert flagged("Le fichier est copié dans le répertoire ancestor de la cible.") == ["ancestor"]
    assert flagged("Téléchargez le code origin du projet avant de le compiler.") == ["origin"]
    # A name the introducer's usual followers do not explain stays a name.
    assert flagged("Le fichier est copié dans le répertoire home de la cible.") == []
    assert flagged("Lancez la commande find pour chercher les fichiers.") == []
    # A value's introducer names literal words: ``positive`` does not make ``yes`` a swap.
    assert flagged("Le démon accepte la valeur yes ou la valeur no.") == []


def test_the_noun_of_a_de_phrase_before_an_identifier_is_no_name():
    text = "Le pilote doit être compilé avec l'option de weather CONFIG_USB_STORAGE activée."
    assert flagged(text) == ["weather"]
    text = "Le programme remplit la structure de shipping sockaddr_in avant l'appel."
    assert flagged(text) == ["shipping"]
    # Before an option, a path or a manual page, the word is the command's name.
    assert flagged("La sortie de find -print est lue ligne par ligne.") == []
    assert flagged("Consultez la page de mount(8) pour les détails.") == []


def test_a_weak_word_french_prose_never_uses_is_english_when_written_once():
    assert flagged("Le noyau copie les bytes dans le tampon circulaire.") == ["bytes"]
    [finding] = check_text("Le noyau copie les bytes dans le tampon circulaire.", ENGLISH)
    assert "never in the French prose" in finding.evidence
    # A borrowing the text adopts is written again; one French prose uses stays French,
    # and so does an accepted loanword the documentation prose happens not to use.
    text = "Le noyau copie les bytes dans le tampon. Les bytes sont lus ensuite."
    assert flagged(text) == []
    assert flagged("Le navigateur garde les cookies une semaine.") == []
    # The plural of a French word (``sale``) is French, whatever English does with it.
    assert flagged("Les pages sales des systèmes de fichiers sont écrites.") == []
    assert flagged("Ce script est exécuté au démarrage.") == []
    # Quoted, the word is a term named on purpose.
    assert flagged("Le noyau copie les « bytes » dans le tampon circulaire.") == []


def test_a_reserved_word_is_named_after_mot():
    assert flagged("Le mot réservé function est facultatif.") == []
    assert flagged("Le mot done termine la boucle.") == []


def test_an_english_adjective_after_an_introducer_is_its_epithet():
    # French puts the adjective after the noun; a name is a noun or a verb.
    assert flagged("Le programme ignore le fichier unusual au démarrage.") == ["unusual"]
    # A value's introducer names literal words, and ``indent`` is a command's name.
    assert flagged("L'option restricted limite l'accès.") == []
    assert flagged("Le paquet indent formate le code source.") == []
    # A qualifier between: the noun is qualified already; the word names a builtin.
    assert flagged("La commande interne gracious affiche la liste.") == []


def test_a_word_of_a_french_phrase_in_an_aside_is_no_quoted_term():
    assert flagged("Le disque est lu par blocs (de 16 pounds) à la fois.") == ["pounds"]
    text = "Ouvrez le tube des deux côtés (writing et lecture) avant d'écrire."
    assert flagged(text) == ["writing"]
    # A French word English shares, or a short name, leaves the term quoted.
    assert flagged("Il existe une version (pre version 0.9.6) qui corrompait les clés.") == []
    assert flagged("Le terminal (tty en bref) est ouvert.") == []
    assert flagged("Les sommes de contrôle sont calculées (sur 512 bits) par défaut.") == []


def test_a_cross_reference_in_parentheses_glosses_nothing():
    text = "Le drapeau est levé quand la condition holds (voir ci-dessous)."
    assert flagged(text) == ["holds"]
    assert flagged("QUAND vaut never (jamais), always (toujours) ou auto.") == []


def test_a_word_counting_a_number_beside_code_is_no_name():
    text = "Le compteur déborde au-delà de 2^16 ounces par seconde."
    assert flagged(text) == ["ounces"]
    # A weak unit, and a command's argument after its option, stay silent.
    assert flagged("Le noyau 64 bits x86_64 est chargé.") == []
    assert flagged("Utilisez losetup -d device pour détacher le périphérique.") == []
