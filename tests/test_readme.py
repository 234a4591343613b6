"""The README's examples are true: each command output it shows is what the program
prints now (``scripts/update_readme.py`` regenerates them; this test compares)."""

from __future__ import annotations

import difflib
import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("update_readme", ROOT / "scripts/update_readme.py")
update_readme = importlib.util.module_from_spec(_spec)
sys.modules["update_readme"] = update_readme  # its dataclasses look their module up
_spec.loader.exec_module(update_readme)

README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = update_readme.examples(README)
REFRESH = "README.md is out of date: run `python scripts/update_readme.py` and commit"


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.label for e in EXAMPLES])
def test_readme_example_is_what_the_program_prints(example) -> None:
    if example.needs_context and not update_readme.context_available():
        pytest.skip("needs the context extra (the language model)")
    now = update_readme.output(example)
    if now != example.shown:
        changes = "".join(
            difflib.unified_diff(
                example.shown.splitlines(keepends=True),
                now.splitlines(keepends=True),
                "README.md",
                "now",
            )
        )
        pytest.fail(f"{REFRESH}\n{example.label}:\n{changes}")


# What a block of program output looks like: a report line, a diff, a JSON report, an
# annotation, a config listing.
OUTPUT_LOOKS = re.compile(
    r"\A(?:\S+:\d+:\d+: [a-z-]+ |--- a/|\{\n  \"version\"|::(?:warning|error) |# settings for )"
)
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def test_every_output_block_is_generated() -> None:
    """A new example pasted by hand would drift: each block that looks like mtfix's
    output must carry a marker."""
    generated = {(e.start, e.end) for e in EXAMPLES}
    unmarked = [
        block.group(1).splitlines()[0]
        for block in FENCE.finditer(README)
        if OUTPUT_LOOKS.match(block.group(1)) and (block.start(1), block.end(1)) not in generated
    ]
    assert not unmarked, f"output blocks without <!-- mtfix-example: COMMAND -->: {unmarked}"


def test_examples_are_found() -> None:
    commands = [e.command for e in EXAMPLES]
    assert "mtfix fix --diff examples/two-paragraphs.txt" in commands
    assert "python" in commands
    assert any(e.needs_context for e in EXAMPLES)


def test_update_keeps_the_context_examples_when_the_extra_is_missing(monkeypatch) -> None:
    readme = (
        "Before.\n\n<!-- mtfix-example context: mtfix check --context x.txt -->\n```\nold\n```\n"
        "\n<!-- mtfix-example: echo now -->\n```\nstale\n```\nAfter.\n"
    )
    new, left = update_readme.updated(readme, with_context=False)
    assert new == readme.replace("stale", "now")
    assert [e.command for e in left] == ["mtfix check --context x.txt"]
