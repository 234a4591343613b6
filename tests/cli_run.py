"""Run the installed ``mtfix`` command as a user would, in a folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def mtfix(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).with_name("mtfix")), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        input=stdin,
        check=False,
    )
