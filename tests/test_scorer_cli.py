"""The command line without --context: says once that context scoring is off."""

from __future__ import annotations

SEED = "Nous n’avons pas fait experience à la perspective d’Armageddon depuis Kennedy."


def test_cli_says_once_that_context_scoring_is_off(tmp_path) -> None:
    from typer.testing import CliRunner

    from mtfix.cli import app
    from mtfix.cli_check import CONTEXT_HINT

    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(SEED + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--no-config", "-j", "1", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.count(CONTEXT_HINT.strip()) == 1
