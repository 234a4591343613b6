"""What an editor sees by default: English first, the typography that matters, severities,
plain messages, invisible characters made visible."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_run import mtfix

from mtfix.models import Document, Finding, Suggestion
from mtfix.pipeline import CheckOptions, check_document
from mtfix.report import suggestion_text, visible

# Good French with the usual typographic looseness of a content site: straight quotes,
# ordinary spaces before ':' and inside « », a quotation mark left open.
CLEAN = (
    'Le ministre a parlé d\'un "moment historique" : la réforme passera.\n\n'
    "Il a ajouté « nous verrons bien » ; rien n'est joué.\n\n"
    "Un témoin affirme : « c'est la fin.\n"
)
DAMAGED = "Une aid arrive trop tard; la viewpoint du projet reste “floue”.\n"


def rules_found(text: str, **options) -> list[str]:
    findings = check_document(Document("a.txt", text), CheckOptions(suggest=False, **options))
    return [f.rule for f in findings]


def test_a_repository_of_clean_articles_passes_by_default(tmp_path: Path):
    for index in range(3):
        (tmp_path / f"article{index}.md").write_text(CLEAN, encoding="utf-8")
    result = mtfix("check", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stdout


def test_pedantic_typography_is_opt_in():
    assert rules_found(CLEAN) == []
    opted = set(rules_found(CLEAN, extend_select=frozenset({"typography"})))
    assert opted == {
        "typography-spacing",
        "typography-straight-quotes",
        "typography-unbalanced-quotes",
    }


def test_a_damaged_article_fails_on_its_english_and_its_english_quotes(tmp_path: Path):
    (tmp_path / "a.txt").write_text(DAMAGED, encoding="utf-8")
    result = mtfix("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 1
    rules = [line.split()[1] for line in result.stdout.splitlines()]
    # errors first, then warnings, each in text order
    assert rules == [
        "english-word",
        "english-word",
        "typography-missing-space",
        "typography-quotes",
        "typography-quotes",
    ]


def test_severity_error_reports_and_fails_on_english_only(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Un point; un autre “mot”.\n", encoding="utf-8")
    assert mtfix("check", "a.txt", cwd=tmp_path).returncode == 1
    quiet = mtfix("check", "--severity", "error", "a.txt", cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stdout == ""
    (tmp_path / ".mtfix.toml").write_text('severity = "error"\n')
    assert mtfix("check", "a.txt", cwd=tmp_path).returncode == 0
    (tmp_path / "b.txt").write_text(DAMAGED, encoding="utf-8")
    loud = mtfix("check", "b.txt", cwd=tmp_path)
    assert loud.returncode == 1 and all("english" in line for line in loud.stdout.splitlines())


def test_bad_severity_in_config_is_a_one_line_error(tmp_path: Path):
    (tmp_path / ".mtfix.toml").write_text('severity = "fatal"\n')
    (tmp_path / "a.txt").write_text(DAMAGED, encoding="utf-8")
    result = mtfix("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "'severity' must be one of" in result.stderr


def test_messages_are_plain_and_the_evidence_is_verbose(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Une viewpoint nouvelle.\n", encoding="utf-8")
    plain = mtfix("check", "a.txt", cwd=tmp_path).stdout
    assert "English word; French would say '" in plain
    assert "Zipf" not in plain
    verbose = mtfix("check", "-v", "a.txt", cwd=tmp_path).stdout
    assert "as frequent in English as in French" in verbose


@pytest.mark.parametrize(
    ("replacement", "shown"),
    [
        ("\u202f:", "⍽:"),
        ("«\u00a0", "«⍽"),
        (" ", "␣"),
        ("", "(nothing)"),
        ("a b", "a b"),
    ],
)
def test_invisible_characters_are_shown(replacement: str, shown: str):
    assert visible(replacement) == shown


def test_typography_suggestions_show_no_invisible_character():
    finding = Finding(
        3, 4, ";", "typography-missing-space", 0.9, "missing narrow no-break space",
        (Suggestion("\u202f;", 0.95, "typography"),),
    )  # fmt: skip
    assert suggestion_text(finding) == " → ⍽;"
    english = Finding(
        0, 3, "aid", "english-word", 0.9, "English word",
        (Suggestion("aide", 0.9, "cognate"), Suggestion("aider", 0.4, "dictionary")),
    )  # fmt: skip
    assert suggestion_text(english) == "; French would say 'aide' (or 'aider')"


@pytest.mark.parametrize(
    "text",
    [
        "Le paquet est ajouté au champ « Depends: » du fichier.",
        "Lancez la commande « apt update; apt dist-upgrade » ensuite.",
        "Les classes [:alnum:] et [:digit:] sont reconnues.",
        "E: pour erreur ; une violation de la Charte.",
        'Le séparateur est ";" pour ce système.',
        "Consultez lvm(8): les bases du mécanisme.",
        "Faites cd ./source; puis compilez.",
    ],
)
def test_a_mark_glued_to_code_or_a_field_name_needs_no_french_space(text: str):
    assert [r for r in rules_found(text) if r == "typography-missing-space"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Les fichiers sont analysés comme suit: les répertoires d'abord.",
        "Remarque: les options courtes aussi.",
        "La version ne sait pas le faire; elle s'arrête.",
        "Le champ (blanc pour aucun): rien.",
    ],
)
def test_a_mark_glued_to_a_french_word_still_needs_its_space(text: str):
    assert [r for r in rules_found(text) if r == "typography-missing-space"] != []


def test_a_quoted_english_name_that_spells_out_an_acronym_beside_it_is_silent():
    named = "Utilisez un protocole sûr comme « Authenticated Post Office Protocol » (APOP) ici."
    assert rules_found(named) == []
    unnamed = "Utilisez un protocole sûr comme « Authenticated Post Office Protocol » ici."
    assert rules_found(unnamed) == ["english-title"]


def test_an_english_original_name_in_parentheses_after_its_translation_is_silent():
    glossed = "Lisez le guide Traitement de texte (« Word Processing Using LaTeX ») d'abord."
    assert rules_found(glossed) == []
    spun = "Il l'écrit dans le livre, « The Combat of His Lifestyle : Inside of the Residence »."
    assert rules_found(spun) == ["english-title"]
