"""Consoles for standard output and error: rich's only when the stream may show styles.

Importing rich costs about as much as the rest of a short run's start-up, and output to
a pipe or a file is plain text anyway. ``PlainConsole`` stands in for rich's console
when rich itself would see no terminal (it reads the same environment variables); in
any doubt, the real one.
"""

from __future__ import annotations

import os
import sys
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


class PlainConsole:
    """What the text renderers read of a rich console that sees no terminal."""

    legacy_windows = False
    color_system = None
    is_terminal = False

    def __init__(self, stderr: bool = False) -> None:
        self.stderr = stderr

    @property
    def file(self) -> IO[str]:
        return sys.stderr if self.stderr else sys.stdout


def plainly_not_a_terminal(stream: Any) -> bool:
    """Whether rich's console would surely see no terminal in ``stream`` (and draw no
    styles): no variable that forces a terminal, not Windows, and ``isatty`` says no."""
    if os.name == "nt" or "FORCE_COLOR" in os.environ or "TTY_COMPATIBLE" in os.environ:
        return False
    if getattr(sys.stdin, "__module__", "").startswith("idlelib"):
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return isatty is not None and not isatty()
    except ValueError:  # a closed stream: rich says no terminal too
        return True


def stdout_console() -> Console | PlainConsole:
    if plainly_not_a_terminal(sys.stdout):
        return PlainConsole()
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)
