"""Unified diffs that patch and git apply accept; Rich word-level diffs."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from rich.console import Console

from mtfix.diff import diff_path, rich_diff, unified_diff, word_diff

CASES = [
    ("une aid\nici\n", "une aide\nici\n"),
    ("une aid\r\nici\r\nfin\r\n", "une aide\r\nici\r\nfin\r\n"),
    ("une aid\nici", "une aide\nici"),  # no final newline, change elsewhere
    ("un\ndeux\nune aid", "un\ndeux\nune aide"),  # no final newline on the changed line
    ("a\r\nb\nune aid\u2028x\n", "a\r\nb\nune aide\u2028x\n"),  # mixed; U+2028 is no newline
]


def test_headers_and_hunk():
    out = unified_diff("docs/a.txt", "une aid\nici\n", "une aide\nici\n")
    assert out.splitlines()[:4] == ["--- a/docs/a.txt", "+++ b/docs/a.txt", "@@ -1,2 +1,2 @@",
                                    "-une aid"]  # fmt: skip
    assert unified_diff("a.txt", "same", "same") == ""


def test_no_newline_marker():
    out = unified_diff("a.txt", "x\ny", "x\nz")
    assert out.endswith("-y\n\\ No newline at end of file\n+z\n\\ No newline at end of file\n")


def test_diff_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert diff_path(str(tmp_path / "sub" / "a.txt")) == "sub/a.txt"
    assert diff_path("./sub//a.txt") == "sub/a.txt"


@pytest.mark.parametrize(("tool"), ["patch", "git"])
@pytest.mark.parametrize(("old", "new"), CASES)
def test_diff_applies(tmp_path, monkeypatch, tool, old, new):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} not installed")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    target = tmp_path / "sub" / "a.txt"
    target.write_bytes(old.encode())
    patch = unified_diff("sub/a.txt", old, new).encode()
    command = ["patch", "-p1", "--quiet"] if tool == "patch" else ["git", "apply", "-"]
    if tool == "git":
        subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(command, input=patch, check=True)
    assert target.read_bytes() == new.encode()


def test_word_diff_highlights_words():
    text = word_diff("dans une aid en matière", "dans une aide en matière")
    assert text.plain == "dans une aidaide en matière"
    styles = {text.plain[s.start : s.end]: str(s.style) for s in text.spans}
    assert "strike" in styles["aid"] and "green" in styles["aide"]


def test_rich_diff_line_numbers_and_context():
    old = "\n".join(f"ligne {n}" for n in range(1, 11)) + "\nune aid\n" + "fin\n" * 5
    new = old.replace("aid", "aide")
    console = Console(record=True, width=100, force_terminal=True, color_system="truecolor")
    rich_diff(console, "a.txt", old, new)
    shown = console.export_text(clear=False)
    assert "a.txt" in shown
    assert "11 │ une aidaide" in shown
    assert "9 │ ligne 9" in shown and "13 │ fin" in shown  # two lines of context
    assert "ligne 1\n" not in shown
    assert "\x1b[" in console.export_text(styles=True)


def _shown(old: str, new: str) -> str:
    console = Console(record=True, width=200, force_terminal=True, color_system="truecolor")
    rich_diff(console, "a.txt", old, new)
    return console.export_text(clear=False)


def test_rich_diff_never_mixes_the_words_of_two_lines():
    """A line removed before a changed one (a duplicate dropped, a word fixed): the
    removed line stands alone, the word diff pairs only the two versions of one line."""
    old = (
        "Le président a déclaré que la guerre continuerait.\n"
        "Les députés ont voté une aid pour les réfugiés.\n"
        "Fin.\n"
    )
    new = "Les députés ont voté une aide pour les réfugiés.\nFin.\n"
    shown = _shown(old, new)
    assert "LeLes" not in shown and "présidentdéputés" not in shown
    assert "1-│ Le président a déclaré que la guerre continuerait.\n" in shown
    assert "1 │ Les députés ont voté une aidaide pour les réfugiés.\n" in shown


def test_rich_diff_pairs_the_similar_lines_of_a_block():
    old = "Une aid ici.\nUn paragraphe sans rapport.\nLa viewpoint du président.\n"
    new = "Une aide ici.\nLa perspective du président.\n"
    shown = _shown(old, new)
    assert "1 │ Une aidaide ici." in shown
    assert "2-│ Un paragraphe sans rapport." in shown
    assert "2 │ La viewpointperspective du président." in shown


def test_rich_diff_unrelated_lines_are_removed_and_added_whole():
    shown = _shown("Alpha bravo charlie delta.\n", "Un texte tout autre ici.\n")
    assert "1-│ Alpha bravo charlie delta." in shown
    assert "1+│ Un texte tout autre ici." in shown
