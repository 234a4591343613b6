"""Regenerate the command outputs shown in README.md from the real program.

A fenced block right after a marker line is the output of the marker's command:

    <!-- mtfix-example: mtfix fix --diff examples/two-paragraphs.txt -->
    ```diff
    ...what the command prints on standard output...
    ```

The command runs in bash from the repository root (so globs, pipes and ``2>&1`` work),
with ``mtfix`` meaning this interpreter's mtfix, no colour, and MTFIX_* variables
unset. The absolute path of the checkout, where it appears, is shown as ``/…``.
``mtfix-example context:`` marks an output that needs the language model (the
``context`` extra): left as it is when the extra is missing. ``mtfix-example: python``
marks a ``pycon`` block: each ``>>>`` statement runs in one namespace and the block
shows what the interpreter would print.

    python scripts/update_readme.py           # rewrite README.md
    python scripts/update_readme.py --check   # exit 1 when README.md is out of date

``tests/test_readme.py`` regenerates every example in memory and compares.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
ROOT_SHOWN = "/…"
MARKER = re.compile(r"^<!-- mtfix-example( context)?: (.+?) -->\n```[^\n]*\n", re.MULTILINE)
CLOSING = re.compile(r"^```\n?", re.MULTILINE)
PYTHON = "python"
TIMEOUT = 600  # seconds: a --context run loads the model


@dataclass(frozen=True, slots=True)
class Example:
    command: str  # a bash command line, or "python" for a pycon block
    needs_context: bool
    start: int  # the block's content in the README text
    end: int
    shown: str  # the content as the README has it

    @property
    def label(self) -> str:
        return self.command if self.command != PYTHON else "python block"


def examples(readme: str) -> list[Example]:
    found = []
    for marker in MARKER.finditer(readme):
        closing = CLOSING.search(readme, marker.end())
        if closing is None:
            raise ValueError(f"README.md: no closing ``` after {marker.group(0).strip()}")
        start, end = marker.end(), closing.start()
        command = marker.group(2).strip()
        found.append(Example(command, bool(marker.group(1)), start, end, readme[start:end]))
    return found


def context_available() -> bool:
    from mtfix.install_hint import context_available as available

    return available()


def output(example: Example) -> str:
    """What the example's command prints now."""
    if example.command == PYTHON:
        return run_pycon(example.shown)
    return run_shell(example.command)


def run_shell(command: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MTFIX_")}
    env.update(NO_COLOR="1", TERM="dumb", COLUMNS="200", PYTHONIOENCODING="utf-8")
    env["MTFIX_README_PYTHON"] = sys.executable
    script = (
        'mtfix() { "$MTFIX_README_PYTHON" -c "from mtfix.cli import main; main()" "$@"; }\n'
        + command
    )
    result = subprocess.run(
        ["bash", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
        check=False,
    )
    if result.returncode not in (0, 1) or "Traceback" in result.stderr:
        raise RuntimeError(f"{command!r} failed ({result.returncode}): {result.stderr}")
    text = result.stdout.replace(str(ROOT), ROOT_SHOWN)
    return text if text.endswith("\n") or not text else text + "\n"


def run_pycon(block: str) -> str:
    """The block with each ``>>>`` statement's output as the interpreter shows it."""
    namespace: dict = {"__name__": "__readme__"}
    out: list[str] = []
    for statement in _statements(block):
        out += [
            (">>> " if index == 0 else "... ") + line
            for index, line in enumerate(statement.splitlines())
        ]
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(statement + "\n", "<README.md>", "single"), namespace)
        out += printed.getvalue().splitlines()
    return "\n".join(out) + "\n"


def _statements(block: str) -> list[str]:
    statements: list[str] = []
    for line in block.splitlines():
        if line.startswith(">>> "):
            statements.append(line[4:])
        elif line.startswith("... ") and statements:
            statements[-1] += "\n" + line[4:]
    return statements


def updated(readme: str, with_context: bool) -> tuple[str, list[Example]]:
    """The README with every example regenerated, and the examples left as they were
    (those that need the extra, when it is missing)."""
    parts, position, left = [], 0, []
    for example in examples(readme):
        parts.append(readme[position : example.start])
        if example.needs_context and not with_context:
            parts.append(example.shown)
            left.append(example)
        else:
            parts.append(output(example))
        position = example.end
    parts.append(readme[position:])
    return "".join(parts), left


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is current")
    args = parser.parse_args()
    readme = README.read_text(encoding="utf-8")
    new, left = updated(readme, context_available())
    for example in left:
        print(f"left as it is (needs the context extra): {example.label}", file=sys.stderr)
    if args.check:
        if new != readme:
            print("README.md is out of date: python scripts/update_readme.py", file=sys.stderr)
            sys.exit(1)
        return
    if new != readme:
        README.write_text(new, encoding="utf-8")
        print("README.md updated", file=sys.stderr)


if __name__ == "__main__":
    main()
