"""Hand-made findings for the fix tests (no detector or suggester needed)."""

from __future__ import annotations

import re

from mtfix.models import Document, Finding, Suggestion

# English word → suggestions (replacement, score), best first
FAKE = {
    "aid": [("aide", 0.9)],
    "gurus": [("experts", 0.9)],
    "viewpoint": [("perspective", 0.9), ("point de vue", 0.3)],
    "remark": [("comment", 0.9)],
    "thoughts": [("pensées", 0.5), ("idées", 0.45)],  # no clear winner: unsafe
    "matter": [("question", 0.9)],
    "hero": [("héros", 0.9)],
    "unachievable": [("impossible", 0.9)],
}
FAKE_RE = re.compile(
    r"(?<![^\W\d_])(" + "|".join(FAKE) + r")(?![^\W\d_])", re.IGNORECASE | re.UNICODE
)
GENDERS = {"aide": "f", "question": "f", "perspective": "f", "héros": "m", "experts": "m"}


def gender_of(word: str) -> str:
    return GENDERS.get(word.lower(), "")


def finding(
    text: str,
    word: str,
    suggestions: list[tuple[str, float]] | None = None,
    rule: str = "english-word",
    confidence: float = 0.9,
    occurrence: int = 0,
) -> Finding:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    pairs = FAKE.get(word.lower(), []) if suggestions is None else suggestions
    return Finding(
        start,
        start + len(word),
        word,
        rule,
        confidence,
        "test",
        tuple(Suggestion(r, s, "test") for r, s in pairs),
    )


def fake_findings(document: Document, options: object = None) -> list[Finding]:
    """Every FAKE word is an english-word finding with FAKE's suggestions."""
    found = []
    for match in FAKE_RE.finditer(document.text):
        pairs = FAKE[match.group().lower()]
        found.append(
            Finding(
                match.start(),
                match.end(),
                match.group(),
                "english-word",
                0.9,
                "test",
                tuple(Suggestion(r, s, "test") for r, s in pairs),
            )
        )
    title = document.text.find("“The Combat")
    if title >= 0:
        end = document.text.index("”", title)
        found.append(
            Finding(title + 1, end, document.text[title + 1 : end], "english-title", 0.4, "t")
        )
    return sorted(found, key=lambda f: f.start)
