"""One call from text to findings: segment, tokenize, detect, suggest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .detect import Detector
from .lexicon import Lexicon, default_lexicon
from .models import Document, Finding, Segment
from .scorer import ContextScorer
from .segment import layout
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
    kind: str | None = None  # text, markdown or html; None: from the file name
    select: frozenset[str] | None = None  # rule ids or prefixes; None: every rule
    ignore: frozenset[str] = field(default_factory=frozenset)
    report_unused_suppressions: bool = False
    context: bool = False  # score sentences with a language model (``mtfix[context]``)


def check_document(
    document: Document,
    options: CheckOptions = CheckOptions(),
    lexicon: Lexicon | None = None,
    scorer: ContextScorer | None = None,
) -> list[Finding]:
    lexicon = lexicon or default_lexicon()
    read = layout(document, options.kind)
    prose = read.segments
    tokenized = tokenize(document.text, prose)
    detector = Detector(lexicon, options.allow)
    findings = detector.detect(document.text, tokenized.tokens, tokenized.quotes, tokenized.asides)
    for rule in TEXT_RULES:
        findings.extend(rule(document, prose))
    if options.context or scorer is not None:
        from . import spun
        from .config import rule_enabled
        from .scorer import default_scorer
        from .suggest import suggester_for

        scorer = scorer or default_scorer()
        if rule_enabled(spun.RULE, options.select, options.ignore):
            findings.extend(
                spun.spun_findings(
                    document.text,
                    tokenized.tokens,
                    tokenized.quotes,
                    lexicon,
                    scorer,
                    options.allow,
                    findings,
                    suggester=suggester_for(lexicon),
                )
            )
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    findings = _configured(document, read.comments, findings, options)
    if options.suggest and findings:
        from .suggest import suggester_for

        suggester = suggester_for(lexicon)
        findings = [
            suggester.with_suggestions(document.text, f, tokenized.tokens) for f in findings
        ]
        if scorer is not None:
            from .spun import rerank_findings

            findings = rerank_findings(document.text, findings, tokenized.tokens, suggester, scorer)
    return findings


def _configured(
    document: Document,
    comments: list[tuple[int, int]] | None,
    findings: list[Finding],
    options: CheckOptions,
) -> list[Finding]:
    """Inline suppressions first (so "unused" does not depend on options), then
    select/ignore and min-confidence."""
    from .config import rule_enabled
    from .suppress import UNUSED_RULE, apply_suppressions, find_suppressions

    suppressions = find_suppressions(document.text, comments)
    if suppressions:
        findings = apply_suppressions(
            document.text, findings, suppressions, options.report_unused_suppressions
        )
    return [
        f
        for f in findings
        if f.rule == UNUSED_RULE
        or (
            f.confidence >= options.min_confidence
            and rule_enabled(f.rule, options.select, options.ignore)
        )
    ]


def check_text(text: str, options: CheckOptions = CheckOptions()) -> list[Finding]:
    return check_document(Document("<text>", text), options)
