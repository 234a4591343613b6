"""The ``mtfix`` command line: the app with every command, and the process's exit."""

from __future__ import annotations

from . import cli_check, cli_explain, cli_fix  # noqa: F401  (their commands join the app)
from .cli_app import app, run  # noqa: F401  (``app``: the whole command line)


def main() -> None:
    run()
