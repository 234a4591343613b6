"""The trigger patterns written for the regex engine's fast scan (one leading character
class) match what their readable forms match, span for span, with and without bounds."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from mtfix.tokenize import _SPECIAL, TECHNICAL_TRIGGER_RE
from mtfix.typography import _WS, SPACING_TRIGGER_RE

CORPORA = Path(__file__).parent.parent / "benchmarks" / "corpora"
READABLE = {
    "technical": (
        TECHNICAL_TRIGGER_RE,
        re.compile(rf"[{_SPECIAL}@]|\.(?:(?<=\w\.)(?=\w)|(?<=www\.))|-(?<!\w-)-?[^\W\d_]|\(\d"),
        "ab.-(1_/@w .\n-x--yé9",
    ),
    "spacing": (
        SPACING_TRIGGER_RE,
        re.compile(rf"(?<=«){_WS}+|{_WS}+(?=[;:!?,.»])|{_WS}{{2,}}|{_WS}+\Z"),
        " \u00a0\u202f\u2009«»;:!?,.a\n",
    ),
}


def _texts(alphabet: str) -> list[str]:
    draw = random.Random(17)
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPORA.glob("*/*/*.txt"))]
    texts += ["".join(draw.choices(alphabet, k=draw.randint(0, 30))) for _ in range(20_000)]
    return texts


@pytest.mark.parametrize("name", sorted(READABLE))
def test_fast_pattern_matches_its_readable_form(name: str) -> None:
    fast, readable, alphabet = READABLE[name]
    draw = random.Random(5)
    texts = _texts(alphabet)
    assert len(texts) > 20_000
    for text in texts:
        start = draw.randint(0, len(text))
        end = draw.randint(start, len(text))
        for bounds in ((), (start,), (start, end)):
            expected = [m.span() for m in readable.finditer(text, *bounds)]
            assert [m.span() for m in fast.finditer(text, *bounds)] == expected
