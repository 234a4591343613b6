"""The pre-commit hooks, for real: a content repository uses this repository's
``.pre-commit-hooks.yaml`` at the current HEAD commit (so this tests committed code),
pre-commit installs mtfix into its own environment and runs it on the articles."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
SPUN = "Une aid pour la viewpoint de ce projet.\n"
CLEAN = "Une aide pour la perspective de ce projet.\n"


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, check=False)


def git(*args: str, cwd: Path) -> None:
    result = run("git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args, cwd=cwd)
    assert result.returncode == 0, result.stderr


def head() -> str | None:
    result = run("git", "rev-parse", "HEAD", cwd=REPO)
    return result.stdout.strip() if result.returncode == 0 else None


def test_hooks_file_declares_both_hooks():
    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert hooks["mtfix"]["entry"] == "mtfix check"
    assert hooks["mtfix-fix"]["entry"] == "mtfix fix --write"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types_or"] == ["plain-text", "markdown", "html"]


def test_pre_commit_fails_on_english_then_passes(tmp_path: Path):
    rev = head()
    if rev is None or shutil.which("git") is None:
        pytest.skip("needs git and this repository's history")
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "propre.md").write_text(
        "---\ntitle: The clean one\n---\n# Un article\n\nUn texte tout à fait français.\n"
        "\n```\nthe code stays in English\n```\n",
        encoding="utf-8",
    )
    article = content / "articles" / "projet.md"
    article.write_text(f"# Le projet\n\nUn premier paragraphe.\n\n{SPUN}", encoding="utf-8")
    (content / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {REPO}\n    rev: {rev}\n    hooks:\n      - id: mtfix\n",
        encoding="utf-8",
    )
    git("init", "-q", cwd=content)
    git("add", ".", cwd=content)
    git("commit", "-q", "-m", "articles", cwd=content)
    env = {**os.environ, "NO_COLOR": "1"}
    command = [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"]

    failed = run(*command, cwd=content, env=env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "mtfix" in failed.stdout and "Failed" in failed.stdout
    assert "articles/projet.md:5:5: english-word 'aid'" in failed.stdout
    assert "articles/projet.md:5:17: english-word 'viewpoint'" in failed.stdout
    assert "propre.md" not in failed.stdout

    article.write_text(f"# Le projet\n\nUn premier paragraphe.\n\n{CLEAN}", encoding="utf-8")
    git("add", ".", cwd=content)
    passed = run(*command, cwd=content, env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
