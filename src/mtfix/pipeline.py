"""One call from text to findings: segment, tokenize, detect, suggest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .detect import Detector
from .lexicon import Lexicon, default_lexicon
from .models import Document, Finding, Segment
from .segment import segments
from .tokenize import tokenize


# Rules beyond English words (typography, duplicated lines...) register here:
# each takes the document and its prose segments and returns findings.
TextRule = Callable[[Document, list[Segment]], list[Finding]]
TEXT_RULES: list[TextRule] = []

from . import duplicates, typography  # noqa: E402, F401  (they register into TEXT_RULES)


@dataclass(frozen=True)
class CheckOptions:
    min_confidence: float = 0.0
    suggest: bool = True
    allow: frozenset[str] = field(default_factory=frozenset)


def check_document(
    document: Document, options: CheckOptions = CheckOptions(), lexicon: Lexicon | None = None
) -> list[Finding]:
    lexicon = lexicon or default_lexicon()
    prose = segments(document)
    tokenized = tokenize(document.text, prose)
    detector = Detector(lexicon, options.allow)
    findings = detector.detect(document.text, tokenized.tokens, tokenized.quotes)
    for rule in TEXT_RULES:
        findings.extend(rule(document, prose))
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    findings = [f for f in findings if f.confidence >= options.min_confidence]
    if options.suggest and findings:
        from .suggest import Suggester

        suggester = Suggester(lexicon)
        findings = [suggester.with_suggestions(document.text, f, tokenized.tokens) for f in findings]
    return findings


def check_text(text: str, options: CheckOptions = CheckOptions()) -> list[Finding]:
    return check_document(Document("<text>", text), options)
