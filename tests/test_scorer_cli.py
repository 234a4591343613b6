"""The command line without --context: says once that context scoring is off, only
when the extra is missing and the user has not decided, with a hint that installs it
where mtfix itself came from."""

from __future__ import annotations

import json
import sys

import pytest
from typer.testing import CliRunner

from mtfix.cli import app
from mtfix.install_hint import context_extra_hint, extra_hint_for

SEED = "Nous n’avons pas fait experience à la perspective d’Armageddon depuis Kennedy."
NOTE = "mtfix: note: context scoring is off"


@pytest.fixture
def articles(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(SEED + "\n", encoding="utf-8")
    return tmp_path


def check(*args: str):
    return CliRunner().invoke(app, ["check", "-j", "1", *args, "."])


def extra_installed(monkeypatch, installed: bool) -> None:
    monkeypatch.setattr("mtfix.install_hint.context_available", lambda: installed)


def test_said_once_when_the_extra_is_missing(articles, monkeypatch) -> None:
    extra_installed(monkeypatch, False)
    result = check("--no-config")
    assert result.exit_code == 1
    assert result.stderr.count(NOTE) == 1
    assert context_extra_hint() in result.stderr
    assert "--no-context" in result.stderr  # how to silence it


def test_silent_when_the_extra_is_installed(articles, monkeypatch) -> None:
    """Whoever installed the extra knows about --context: no note on every run."""
    extra_installed(monkeypatch, True)
    assert NOTE not in check("--no-config").stderr


def test_no_context_silences_the_note(articles, monkeypatch) -> None:
    extra_installed(monkeypatch, False)
    result = check("--no-config", "--no-context")
    assert result.exit_code == 1 and NOTE not in result.stderr


def test_config_context_false_silences_the_note(articles, monkeypatch) -> None:
    extra_installed(monkeypatch, False)
    (articles / ".mtfix.toml").write_text("context = false\n", encoding="utf-8")
    result = check()
    assert result.exit_code == 1 and NOTE not in result.stderr


PYTHON = sys.executable


@pytest.mark.parametrize(
    ("direct_url", "hint"),
    [
        (None, f"{PYTHON} -m pip install 'mtfix[context]'"),
        (
            {"url": "file:///home/me/mtfix", "dir_info": {"editable": True}},
            f"{PYTHON} -m pip install -e '/home/me/mtfix[context]'",
        ),
        (
            {"url": "file:///home/me/mtfix", "dir_info": {}},
            f"{PYTHON} -m pip install '/home/me/mtfix[context]'",
        ),
        (
            {
                "url": "https://example.org/team/mtfix.git",
                "vcs_info": {"vcs": "git", "commit_id": "abc123"},
            },
            f"{PYTHON} -m pip install 'mtfix[context] @ git+https://example.org/team/mtfix.git'",
        ),
        (
            {"url": "file:///tmp/mtfix-0.1.0-py3-none-any.whl", "archive_info": {}},
            f"{PYTHON} -m pip install 'mtfix[context] @ file:///tmp/mtfix-0.1.0-py3-none-any.whl'",
        ),
    ],
)
def test_install_hint_follows_where_mtfix_came_from(direct_url, hint) -> None:
    assert extra_hint_for(None if direct_url is None else json.dumps(direct_url)) == hint


def test_install_hint_of_this_installation() -> None:
    """The test environment installs mtfix from its checkout (pip install -e)."""
    from importlib import metadata

    raw = metadata.distribution("mtfix").read_text("direct_url.json")
    if raw is None or not json.loads(raw).get("dir_info", {}).get("editable"):
        pytest.skip("mtfix is not installed in editable mode here")
    assert context_extra_hint().startswith(f"{PYTHON} -m pip install -e '")
    assert context_extra_hint().endswith("[context]'")
