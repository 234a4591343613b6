"""``mtfix fix --write --unsafe-fixes`` twice on every file of the benchmark corpora
(clean, synthetic, seed), with the default rules and with every typography rule: the
second run changes nothing (issue 15)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtfix.cli import app

CORPORA = Path(__file__).resolve().parents[1] / "benchmarks" / "corpora"


def _texts(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.suffix in (".txt", ".md", ".html")
    }


@pytest.mark.parametrize("rules", [[], ["--extend-select", "typography"]], ids=["default", "all"])
def test_second_fix_run_changes_nothing_on_the_corpora(tmp_path, monkeypatch, rules):
    root = tmp_path / "corpora"
    shutil.copytree(CORPORA, root)
    monkeypatch.chdir(root)
    original = _texts(root)
    assert len(original) > 300  # every corpus is there
    runner = CliRunner()
    command = ["fix", "--write", "--unsafe-fixes", *rules, "."]
    first = runner.invoke(app, command)
    assert first.exit_code == 0, first.stderr
    once = _texts(root)
    assert once != original  # the corpora do have things to fix
    second = runner.invoke(app, command)
    assert second.exit_code == 0, second.stderr
    twice = _texts(root)
    changed = sorted(name for name in once if once[name] != twice[name])
    assert changed == [], f"changed by the second run: {changed[:10]}"
    assert second.stderr.startswith("fixed 0,"), second.stderr
