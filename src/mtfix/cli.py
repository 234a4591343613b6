"""The ``mtfix`` command line: the app and its commands, and the process's exit."""

from __future__ import annotations

import os
import sys

from . import cli_check, cli_explain, cli_fix  # noqa: F401  (their commands join the app)
from .cli_app import EXIT_ERROR, EXIT_INTERRUPTED, app


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("mtfix: interrupted\n")
        sys.exit(EXIT_INTERRUPTED)
    except Exception as error:  # a bug: one line, the traceback only with --debug
        if os.environ.get("MTFIX_DEBUG"):
            raise
        sys.stderr.write(f"mtfix: internal error: {type(error).__name__}: {error}\n")
        sys.stderr.write("mtfix: run with --debug for the traceback\n")
        sys.exit(EXIT_ERROR)
