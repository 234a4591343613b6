"""One driver for check, fix, fix --diff, fix -i and the hooks: the same files, the same
settings, the same rules."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from cli_run import mtfix

SPUN = "Une aid arrive trop tard\u202f; however la viewpoint du projet reste.\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "drafts").mkdir()
    for name in ("a.txt", "drafts/b.txt", "drafts/keep.txt"):
        (tmp_path / name).write_text(SPUN, encoding="utf-8")
    return tmp_path


def checked_words(result: subprocess.CompletedProcess[str]) -> dict[str, list[str]]:
    data = json.loads(result.stdout)
    return {
        Path(f["path"]).as_posix(): [x["text"] for x in f.get("findings", [])]
        for f in data["files"]
    }


def test_fix_honours_allow_and_exclude_like_check(repo: Path):
    (repo / ".mtfix.toml").write_text('allow = ["however", "aid", "viewpoint"]\n')
    assert mtfix("check", ".", cwd=repo).returncode == 0
    diff = mtfix("fix", "--diff", ".", cwd=repo)
    assert diff.returncode == 0, diff.stdout + diff.stderr
    assert diff.stdout == ""
    (repo / ".mtfix.toml").write_text('exclude = ["drafts/"]\nallow = ["aid", "viewpoint"]\n')
    before = (repo / "drafts" / "b.txt").read_text(encoding="utf-8")
    written = mtfix("fix", "--write", "--unsafe-fixes", ".", cwd=repo)
    assert written.returncode == 0, written.stderr
    assert (repo / "drafts" / "b.txt").read_text(encoding="utf-8") == before
    assert "however" not in (repo / "a.txt").read_text(encoding="utf-8")


def test_fix_hook_leaves_files_the_check_hook_passes(repo: Path):
    """The pre-commit entries, `mtfix check FILES` and `mtfix fix --write FILES`."""
    (repo / ".mtfix.toml").write_text('allow = ["aid", "viewpoint", "however"]\n')
    files = ["a.txt", "drafts/b.txt"]
    assert mtfix("check", *files, cwd=repo).returncode == 0
    assert mtfix("fix", "--write", *files, cwd=repo).returncode == 0
    assert all((repo / f).read_text(encoding="utf-8") == SPUN for f in files)


def test_fix_honours_select_ignore_and_min_confidence_from_config(repo: Path):
    (repo / ".mtfix.toml").write_text('ignore = ["english"]\n')
    diff = mtfix("fix", "--diff", "a.txt", cwd=repo)
    assert "aid" not in diff.stdout and "viewpoint" not in diff.stdout
    (repo / ".mtfix.toml").write_text("min-confidence = 1.0\n")
    assert "-Une aid" not in mtfix("fix", "--diff", "a.txt", cwd=repo).stdout


def test_reinclusion_under_an_excluded_folder_is_walked(repo: Path):
    (repo / ".mtfix.toml").write_text('exclude = ["drafts/", "!drafts/keep.txt"]\n')
    assert "checked" in mtfix("config", "drafts/keep.txt", cwd=repo).stdout
    found = checked_words(mtfix("check", ".", "--format", "json", cwd=repo))
    assert set(found) == {"a.txt", "drafts/keep.txt"}
    diff = mtfix("fix", "--diff", ".", cwd=repo).stdout
    assert "drafts/keep.txt" in diff and "drafts/b.txt" not in diff


@pytest.mark.parametrize("command", ["check", "fix"])
@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
def test_unknown_rule_on_the_command_line_is_an_error(repo: Path, command: str, option: str):
    result = mtfix(command, option, "englsh-word", "a.txt", cwd=repo)
    assert result.returncode == 2
    assert result.stderr == f"mtfix: {option}: unknown rule 'englsh-word' (see 'mtfix rules')\n"


def test_prefix_on_the_command_line_is_accepted(repo: Path):
    result = mtfix("check", "--select", "english", "--format", "json", "a.txt", cwd=repo)
    assert result.returncode == 1
    assert checked_words(result)["a.txt"] == ["aid", "however", "viewpoint"]


def test_extend_select_adds_an_opt_in_rule(repo: Path):
    (repo / "a.txt").write_text("Une phrase. # mtfix: ignore aid\n", encoding="utf-8")
    assert mtfix("check", "a.txt", cwd=repo).returncode == 0
    result = mtfix("check", "--extend-select", "unused-suppression", "a.txt", cwd=repo)
    assert result.returncode == 1 and "unused-suppression" in result.stdout


def test_stdin_fix_reads_the_config_of_the_current_folder(repo: Path):
    (repo / ".mtfix.toml").write_text('allow = ["aid", "viewpoint", "however"]\n')
    assert mtfix("fix", "-", cwd=repo, stdin=SPUN).stdout == SPUN
