"""The ``mtfix`` console script: answers ``--version`` before loading the command line
(typer, rich and the pipeline cost ~0.1 s to import), runs ``mtfix check PATH...``
without options without typer, and hands anything else over to the command line, with
only the commands of the module the command line runs (typer builds each command it
knows on every start)."""

from __future__ import annotations

import sys
from importlib import import_module

# The module that defines each command (tests/test_check_cli.py checks the map).
COMMAND_MODULES = {
    "check": "cli_check",
    "config": "cli_check",
    "rules": "cli_check",
    "fix": "cli_fix",
    "explain": "cli_explain",
}


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        print(f"mtfix {__version__}")
        return
    paths = sys.argv[2:]
    if sys.argv[1:2] == ["check"] and paths and all(p[:1] not in ("", "-") for p in paths):
        from .check_run import check_plainly  # no option: no need for typer

        check_plainly(paths)
        return
    module = COMMAND_MODULES.get(sys.argv[1]) if len(sys.argv) > 1 else None
    if module is None:  # help, an option first, an unknown command: the whole app
        from .cli import main as cli_main

        cli_main()
        return
    import_module(f"{__package__}.{module}")
    from .cli_app import run

    run()
