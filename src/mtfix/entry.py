"""The ``mtfix`` console script: answers ``--version`` before loading the command line
(typer, rich and the pipeline cost ~0.1 s to import), then hands over to it."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        print(f"mtfix {__version__}")
        return
    from .cli import main as cli_main

    cli_main()
