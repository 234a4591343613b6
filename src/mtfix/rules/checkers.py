"""The passes that produce findings, in the order the pipeline runs them.

Each checker reads one ``CheckInput`` (the document, its prose, its tokens, the
findings of the checkers before it) and returns findings of the rules it owns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..models import Document, Finding, Segment

if TYPE_CHECKING:
    from ..lexicon import Lexicon
    from ..scorer import ContextScorer
    from ..tokenize import Tokenized


@dataclass(frozen=True)
class CheckInput:
    document: Document
    prose: list[Segment]
    tokenized: Tokenized
    lexicon: Lexicon
    allow: frozenset[str] = frozenset()
    scorer: ContextScorer | None = None  # set only when context scoring is on
    earlier: Sequence[Finding] = field(default=())  # findings of the checkers run before
    headings: Sequence[tuple[int, int]] | None = None  # None: lines standing alone


@dataclass(frozen=True)
class Checker:
    name: str
    rules: frozenset[str]
    run: Callable[[CheckInput], list[Finding]]
    needs: frozenset[str] = frozenset()  # checkers whose findings it reads
    needs_scorer: bool = False
    reads_tokens: bool = False  # reads ``CheckInput.tokenized`` (else not tokenized)


def _english(given: CheckInput) -> list[Finding]:
    from ..detect import detector_for

    tokenized = given.tokenized
    detector = detector_for(given.lexicon, given.allow)
    return detector.detect(
        given.document.text,
        tokenized.tokens,
        tokenized.quotes,
        tokenized.asides,
        given.headings,
    )


def _quotes(given: CheckInput) -> list[Finding]:
    from ..typography import check_quotes

    return check_quotes(given.document, given.prose)


def _spacing(given: CheckInput) -> list[Finding]:
    from ..typography import check_spacing

    lexicon = given.lexicon

    def is_french(word: str) -> bool:
        info = lexicon.info(word.lower())
        return info.in_lexicon or info.fr > info.en

    return check_spacing(given.document, given.prose, is_french=is_french)


def _duplicates(given: CheckInput) -> list[Finding]:
    from ..duplicates import check_duplicates

    return check_duplicates(given.document, given.prose)


def _spun(given: CheckInput) -> list[Finding]:
    from ..spun import spun_findings
    from ..suggest import suggester_for

    assert given.scorer is not None
    tokenized = given.tokenized
    return spun_findings(
        given.document.text,
        tokenized.tokens,
        tokenized.quotes,
        given.lexicon,
        given.scorer,
        given.allow,
        given.earlier,
        suggester=suggester_for(given.lexicon),
    )


CHECKERS: tuple[Checker, ...] = (
    Checker(
        "english",
        frozenset({"english-word", "english-span", "english-title"}),
        _english,
        reads_tokens=True,
    ),
    Checker(
        "typography-quotes",
        frozenset(
            {"typography-quotes", "typography-straight-quotes", "typography-unbalanced-quotes"}
        ),
        _quotes,
    ),
    Checker(
        "typography-spacing",
        frozenset({"typography-missing-space", "typography-spacing"}),
        _spacing,
    ),
    Checker("duplicate-line", frozenset({"duplicate-line"}), _duplicates),
    Checker(
        "spun",
        frozenset({"spun-french-word"}),
        _spun,
        needs=frozenset({"english"}),
        needs_scorer=True,
        reads_tokens=True,
    ),
)
