"""``mtfix fix``: diff, --write, --unsafe-fixes, stdin, errors, --interactive."""

from __future__ import annotations

import codecs
import os
import shutil
import subprocess

import pytest
from test_fix_helpers import fake_findings
from typer.testing import CliRunner

from mtfix import cli_fix
from mtfix.cli import app

TEXT = (
    "De nombreux gurus russes.\n"
    "Il faut fournir une aid en matière de sécurité.\n"
    "Avec les thoughts et “The Combat of His Lifestyle”.\n"
    "“Remark pouvons-nous le faire ?”\n"
)
SAFE_FIXED = TEXT.replace("gurus", "experts").replace("aid ", "aide ").replace("Remark", "Comment")


@pytest.fixture(autouse=True)
def fake_pipeline(monkeypatch):
    monkeypatch.setattr(cli_fix, "find_findings", fake_findings)


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def article(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_show_diff_writes_nothing(runner, article):
    result = runner.invoke(app, ["fix", "a.txt"])
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a/a.txt\n+++ b/a.txt\n@@")
    assert "-Il faut fournir une aid en matière" in result.stdout
    assert "+Il faut fournir une aide en matière" in result.stdout
    assert "pensées" not in result.stdout  # unsafe: not shown without --unsafe-fixes
    assert result.stderr.strip() == ("would fix 3, left 2 (1 unsafe, 1 no suggestion)")
    assert article.read_text(encoding="utf-8") == TEXT


def test_diff_is_a_patch(runner, article, tmp_path):
    if shutil.which("patch") is None:
        pytest.skip("patch not installed")
    result = runner.invoke(app, ["fix", "--diff", "a.txt"])
    subprocess.run(["patch", "-p1", "--quiet"], input=result.stdout.encode(), check=True,
                   cwd=tmp_path)  # fmt: skip
    assert article.read_text(encoding="utf-8") == SAFE_FIXED


def test_nothing_to_fix_exits_0(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b.txt").write_text("Tout est en français.\n", encoding="utf-8")
    result = runner.invoke(app, ["fix", "b.txt"])
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.strip() == "would fix 0, left 0"


def test_write_applies_safe_fixes(runner, article):
    result = runner.invoke(app, ["fix", "--write", "a.txt"])
    assert result.exit_code == 0, result.output
    assert article.read_text(encoding="utf-8") == SAFE_FIXED
    assert result.stderr.strip() == "fixed 3, left 2 (1 unsafe, 1 no suggestion)"
    again = runner.invoke(app, ["fix", "a.txt"])
    assert again.exit_code == 0 and again.stdout == ""


def test_unsafe_fixes(runner, article):
    result = runner.invoke(app, ["fix", "--write", "--unsafe-fixes", "a.txt"])
    assert result.exit_code == 0
    assert article.read_text(encoding="utf-8") == SAFE_FIXED.replace("thoughts", "pensées")
    assert result.stderr.strip() == "fixed 4, left 1 (1 no suggestion)"


def test_write_keeps_bom_and_crlf(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = codecs.BOM_UTF8 + TEXT.replace("\n", "\r\n").rstrip("\r\n").encode()
    (tmp_path / "c.txt").write_bytes(data)
    assert runner.invoke(app, ["fix", "--write", "c.txt"]).exit_code == 0
    expected = codecs.BOM_UTF8 + SAFE_FIXED.replace("\n", "\r\n").rstrip("\r\n").encode()
    assert (tmp_path / "c.txt").read_bytes() == expected


def test_stdin_filter(runner):
    result = runner.invoke(app, ["fix", "-"], input=TEXT.encode())
    assert result.exit_code == 0
    assert result.stdout == SAFE_FIXED
    assert result.stderr.strip() == "fixed 3, left 2 (1 unsafe, 1 no suggestion)"
    unsafe = runner.invoke(app, ["fix", "--unsafe-fixes", "-"], input=TEXT.encode())
    assert "pensées" in unsafe.stdout


def test_input_errors_other_files_still_processed(runner, article, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"caf\xc3\xa9 \xe9 aid\n")  # UTF-8 with a stray byte
    result = runner.invoke(app, ["fix", "missing.txt", "bad.txt", "a.txt"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "mtfix: missing.txt: no such file"
    assert lines[1].startswith("mtfix: bad.txt: not valid UTF-8")
    assert "Traceback" not in result.stderr
    assert "+Il faut fournir une aide" in result.stdout


def test_read_only_file(runner, article):
    article.chmod(0o444)
    result = runner.invoke(app, ["fix", "--write", "a.txt"])
    assert result.exit_code == 2
    assert "mtfix: a.txt: permission denied" in result.stderr
    assert article.read_text(encoding="utf-8") == TEXT


def test_file_changed_on_disk(runner, article, monkeypatch):
    def findings_then_edit(document, options=None):
        article.write_text(TEXT + "ajout\n", encoding="utf-8")
        return fake_findings(document)

    monkeypatch.setattr(cli_fix, "find_findings", findings_then_edit)
    result = runner.invoke(app, ["fix", "--write", "a.txt"])
    assert result.exit_code == 2
    assert result.stderr.startswith("mtfix: a.txt: changed on disk since it was read")
    assert article.read_text(encoding="utf-8") == TEXT + "ajout\n"
    assert os.listdir(article.parent) == ["a.txt"]


def test_folder(runner, article, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("une aid\n", encoding="utf-8")
    result = runner.invoke(app, ["fix", "."])
    assert "+++ b/a.txt" in result.stdout and "+++ b/sub/b.md" in result.stdout


# --- interactive ---------------------------------------------------------------------
# Findings in TEXT, in order: gurus, aid, thoughts, the title, Remark.


def _interactive(runner, keys: str):
    return runner.invoke(app, ["fix", "--interactive", "a.txt"], input=keys)


def test_interactive_accept_skip_and_write_at_end(runner, article):
    result = _interactive(runner, "1\ns\n2\ns\n1\n")
    assert result.exit_code == 0, result.output
    assert "gurus" in result.stdout and "1. 'gurus' → 'experts'" in result.stdout
    assert "2. 'thoughts' → 'idées'" in result.stdout
    expected = TEXT.replace("gurus", "experts").replace("thoughts", "idées")
    assert article.read_text(encoding="utf-8") == expected.replace("Remark", "Comment")
    assert result.stderr.strip() == "fixed 3, left 2 (2 skipped)"


def test_interactive_edit(runner, article):
    result = _interactive(runner, "e\nspécialistes\nw\n")
    assert result.exit_code == 0
    assert article.read_text(encoding="utf-8") == TEXT.replace("gurus", "spécialistes")


def test_interactive_undo(runner, article):
    result = _interactive(runner, "1\nu\ns\n1\nw\n")
    assert article.read_text(encoding="utf-8") == TEXT.replace("aid ", "aide ")
    assert result.exit_code == 0


def test_interactive_quit_writes_nothing(runner, article):
    result = _interactive(runner, "1\n1\nq\n")
    assert result.exit_code == 0
    assert article.read_text(encoding="utf-8") == TEXT


def test_interactive_end_of_input_writes_nothing(runner, article):
    _interactive(runner, "1\n")
    assert article.read_text(encoding="utf-8") == TEXT


@pytest.fixture
def two_articles(tmp_path, monkeypatch):
    """a.txt, already fixed by an earlier accepted review, b.txt and c.txt to review."""
    monkeypatch.chdir(tmp_path)
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    return tmp_path


def test_interactive_quit_leaves_the_whole_run(runner, two_articles):
    """``q`` in b.txt: a.txt (reviewed to the end) is written, b.txt is not, and c.txt is
    not even shown."""
    keys = "1\ns\ns\ns\ns\n" + "1\nq\n"
    result = runner.invoke(app, ["fix", "-i", "a.txt", "b.txt", "c.txt"], input=keys)
    assert result.exit_code == 0, result.output
    assert (two_articles / "a.txt").read_text(encoding="utf-8") == TEXT.replace("gurus", "experts")
    assert (two_articles / "b.txt").read_text(encoding="utf-8") == TEXT
    assert (two_articles / "c.txt").read_text(encoding="utf-8") == TEXT
    assert "c.txt" not in result.stdout


def test_interactive_ctrl_c_exits_130(runner, two_articles, monkeypatch):
    answers = iter(["1", "s", "s", "s", "s", "1"])

    def ask(_prompt: str) -> str:
        answer = next(answers, None)
        if answer is None:
            raise KeyboardInterrupt
        return answer

    monkeypatch.setattr("mtfix.interactive.rich_ask", lambda console: ask)
    result = runner.invoke(app, ["fix", "-i", "a.txt", "b.txt", "c.txt"])
    assert result.exit_code == 130
    assert "b.txt: interrupted, not written" in result.stderr
    assert (two_articles / "a.txt").read_text(encoding="utf-8") == TEXT.replace("gurus", "experts")
    assert (two_articles / "b.txt").read_text(encoding="utf-8") == TEXT
    assert "c.txt" not in result.stdout


def test_interactive_skip_all_of_a_word(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.txt").write_text("une aid, une aid, des gurus\n", encoding="utf-8")
    result = runner.invoke(app, ["fix", "-i", "d.txt"], input="a\n1\n")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "d.txt").read_text(encoding="utf-8") == "une aid, une aid, des experts\n"
    assert result.stdout.count("'aid' → 'aide'") == 1  # the second aid was not asked


def test_interactive_unknown_key_asks_again(runner, article):
    result = _interactive(runner, "x\n9\n1\nw\n")
    assert "unknown choice 'x'" in result.stdout and "unknown choice '9'" in result.stdout
    assert article.read_text(encoding="utf-8") == TEXT.replace("gurus", "experts")


def test_interactive_shows_sentence(runner, article):
    result = _interactive(runner, "q\n")
    assert "a.txt:1:13: english-word" in result.stdout
    assert "De nombreux gurus russes." in result.stdout


def test_fix_passes_context_and_min_confidence_to_the_pipeline(runner, article, monkeypatch):
    seen = []

    def recording(document, options):
        seen.append(options)
        return fake_findings(document)

    monkeypatch.setattr(cli_fix, "find_findings", recording)
    monkeypatch.setattr("mtfix.install_hint.context_available", lambda: True)
    result = runner.invoke(app, ["fix", "--context", "--min-confidence", "0.5", "a.txt"])
    assert result.exit_code == 1
    assert seen and seen[0].context is True and seen[0].min_confidence == 0.5


def test_fix_context_without_the_extra_is_a_one_line_error(runner, article, monkeypatch):
    monkeypatch.setattr("mtfix.install_hint.context_available", lambda: False)
    result = runner.invoke(app, ["fix", "--context", "--write", "a.txt"])
    assert result.exit_code == 2
    assert result.stderr.startswith("mtfix: --context: context scoring needs the extra")
    assert article.read_text(encoding="utf-8") == TEXT


def test_interactive_cp1252_file_gets_a_character_it_can_hold(runner, article):
    article.write_bytes(TEXT.encode("cp1252"))
    result = _interactive(runner, "e\ndes\u202fexperts\nw\n")
    assert result.exit_code == 0, result.stderr
    expected = TEXT.replace("gurus", "des\u00a0experts")
    assert article.read_bytes() == expected.encode("cp1252")
