"""Configuration: discovery, keys, errors, CLI overrides, exclude, `mtfix config`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from cli_run import mtfix

from mtfix.config import Overrides, Resolver, find_config_file, load_config, matches
from mtfix.errors import MtfixError
from mtfix.rules import enabled

SPUN = "Une aid pour la viewpoint de ce projet.\n"


def found(result: subprocess.CompletedProcess[str]) -> list[tuple[str, str, str]]:
    data = json.loads(result.stdout)
    return [
        (Path(f["path"]).name, g["rule"], g["text"]) for f in data["files"] for g in f["findings"]
    ]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "drafts").mkdir()
    for name in ("docs/a.md", "docs/sub/b.md", "drafts/c.txt", "top.txt"):
        (tmp_path / name).write_text(SPUN, encoding="utf-8")
    return tmp_path


def test_nearest_config_wins_and_pyproject_needs_tool_table(tree: Path):
    (tree / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config_file(tree / "docs" / "a.md") is None
    (tree / "pyproject.toml").write_text('[tool.mtfix]\nallow = ["aid"]\n')
    (tree / "docs" / "sub" / ".mtfix.toml").write_text('allow = ["viewpoint"]\n')
    assert find_config_file(tree / "docs" / "a.md") == tree / "pyproject.toml"
    assert find_config_file(tree / "docs" / "sub" / "b.md") == tree / "docs/sub/.mtfix.toml"
    result = mtfix("check", ".", "--format", "json", "--no-suggestions", cwd=tree)
    assert result.returncode == 1
    texts = {(name, text) for name, _, text in found(result)}
    assert ("a.md", "viewpoint") in texts and ("a.md", "aid") not in texts
    assert ("b.md", "aid") in texts and ("b.md", "viewpoint") not in texts


def test_unknown_key_is_an_error_naming_key_and_file(tree: Path):
    (tree / ".mtfix.toml").write_text("foo = 1\n")
    result = mtfix("check", "top.txt", cwd=tree)
    assert result.returncode == 2
    assert result.stderr == f"mtfix: {tree / '.mtfix.toml'}: unknown key 'foo'\n"
    (tree / ".mtfix.toml").write_text("allow = 'aid'\n")
    assert "'allow' must be a list of strings" in mtfix("check", "top.txt", cwd=tree).stderr
    (tree / ".mtfix.toml").write_text("allow = [\n")
    assert "invalid TOML" in mtfix("config", cwd=tree).stderr


def test_rule_ids_are_checked_and_unknown_ones_warned(tree: Path):
    config = tree / ".mtfix.toml"
    config.write_text('ignore = ["Not_A_Rule"]\n')
    with pytest.raises(MtfixError, match="is not a rule id"):
        load_config(config)
    config.write_text('ignore = ["typography-dashes", "english"]\n')
    loaded = load_config(config)
    assert loaded.warnings == (f"{config}: ignore: unknown rule 'typography-dashes'",)
    result = mtfix("check", "top.txt", cwd=tree)
    assert result.returncode == 0
    assert "warning" in result.stderr and "typography-dashes" in result.stderr


def test_select_ignore_and_prefixes():
    assert enabled("english-word", None, frozenset())
    assert not enabled("english-word", frozenset({"english"}), frozenset({"english-word"}))
    assert enabled("english-span", frozenset({"english"}), frozenset({"english-word"}))
    assert not enabled("english-span", frozenset({"english-word"}), frozenset())
    assert not enabled("englishness", frozenset({"english"}), frozenset())
    # a rule off by default is on only when selected or added by extend-select
    assert not enabled("unused-suppression", None)
    assert enabled("unused-suppression", None, (), extend_select=("unused",))
    assert not enabled("unused-suppression", None, ("unused-suppression",), ("unused",))


def test_allow_files_min_confidence_per_file_ignores(tree: Path):
    (tree / "words.txt").write_text("# loanwords\nAID\n\n")
    (tree / ".mtfix.toml").write_text(
        'allow-files = ["words.txt"]\nmin-confidence = 0.0\n'
        '[per-file-ignores]\n"drafts/**" = ["english-word"]\n'
    )
    result = mtfix("check", ".", "--format", "json", "--no-suggestions", cwd=tree)
    names = {(name, text) for name, _, text in found(result)}
    assert ("top.txt", "viewpoint") in names and ("top.txt", "aid") not in names
    assert not any(name == "c.txt" for name, _ in names)
    # CLI wins: a min-confidence above every finding hides them.
    assert mtfix("check", "top.txt", "--min-confidence", "1", cwd=tree).returncode == 0
    (tree / ".mtfix.toml").write_text('allow-files = ["missing.txt"]\n')
    assert "no such file" in mtfix("check", "top.txt", cwd=tree).stderr


def test_cli_select_and_ignore(tree: Path):
    assert mtfix("check", "top.txt", "--ignore", "english", cwd=tree).returncode == 0
    assert mtfix("check", "top.txt", "--select", "english-title", cwd=tree).returncode == 0
    (tree / ".mtfix.toml").write_text('select = ["english-title"]\n')
    assert mtfix("check", "top.txt", cwd=tree).returncode == 0
    assert mtfix("check", "top.txt", "--select", "english-word", cwd=tree).returncode == 1
    assert mtfix("check", "top.txt", "--no-config", cwd=tree).returncode == 1


def test_exclude_from_config_and_cli(tree: Path):
    (tree / ".mtfix.toml").write_text('exclude = ["drafts/", "sub", "*.txt", "!top.txt"]\n')
    result = mtfix("check", ".", "--format", "json", "--no-suggestions", cwd=tree)
    assert sorted({name for name, _, _ in found(result)}) == ["a.md", "top.txt"]
    # Named files are excluded too (pre-commit passes file names).
    assert mtfix("check", "drafts/c.txt", cwd=tree).returncode == 0
    result = mtfix("check", ".", "--exclude", "docs", "--format", "json", cwd=tree)
    assert sorted({name for name, _, _ in found(result)}) == ["top.txt"]


def test_explicit_config_file(tree: Path):
    other = tree / "other.toml"
    other.write_text('allow = ["aid", "viewpoint"]\n')
    assert mtfix("check", ".", "--config", "other.toml", cwd=tree).returncode == 0
    assert mtfix("check", ".", "--config", "missing.toml", cwd=tree).returncode == 2


def test_config_command_shows_settings_and_source(tree: Path):
    (tree / "pyproject.toml").write_text(
        '[tool.mtfix]\nallow = ["aid"]\nexclude = ["drafts/"]\n'
        '[tool.mtfix.per-file-ignores]\n"docs/**" = ["english-title"]\n'
    )
    result = mtfix("config", "docs/a.md", cwd=tree)
    assert result.returncode == 0, result.stderr
    assert f"# from {tree / 'pyproject.toml'}" in result.stdout
    assert 'allow = ["aid"]' in result.stdout
    assert "# select: the rules on by default" in result.stdout
    assert "docs/a.md: checked; ignored here: english-title" in result.stdout
    assert "drafts: excluded" in mtfix("config", "drafts", cwd=tree).stdout
    assert "defaults" in mtfix("config", "--no-config", cwd=tree).stdout


def test_glob_matching():
    assert matches("*.md", "a/b/c.md") and matches("docs", "docs/a.md")
    assert matches("docs/**/*.md", "docs/a/b/c.md") and matches("docs/**/*.md", "docs/c.md")
    assert not matches("/docs", "x/docs/a.md") and matches("/docs", "docs/a.md")
    assert matches("build/", "build/x.md") and not matches("build/", "build")
    assert matches("build/", "build", is_folder=True)
    assert matches("a?.txt", "ab.txt") and matches("[ab].txt", "b.txt")


def test_resolver_caches_and_cli_overrides(tree: Path):
    (tree / ".mtfix.toml").write_text('ignore = ["english-title"]\nmin-confidence = 0.5\n')
    overrides = Overrides(ignore=frozenset({"english-span"}), min_confidence=0.2)
    resolver = Resolver(overrides, str(tree))
    config = resolver.config(str(tree / "top.txt"))
    assert config.ignore == {"english-title", "english-span"}
    assert config.min_confidence == 0.2
    assert resolver.file_config(str(tree / "docs/a.md")) is resolver.file_config(str(tree / "x"))
