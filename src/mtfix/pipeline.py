"""One call from text to findings: segment, tokenize, run the enabled checkers, apply
suppressions and settings, suggest, and attach each finding's fix."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .detect import detector_for
from .lexicon import Lexicon, default_lexicon
from .models import Document, Finding, Severity
from .rules import CHECKERS, Checker, CheckInput, enabled, severity_of
from .segment import layout
from .tokenize import TokenIndex, Tokenized, tokenize

if TYPE_CHECKING:
    from .scorer import ContextScorer

NO_TOKENS = Tokenized(TokenIndex(), [], [])


@dataclass(frozen=True)
class CheckOptions:
    min_confidence: float = 0.0
    suggest: bool = True
    allow: frozenset[str] = field(default_factory=frozenset)
    kind: str | None = None  # text, markdown or html; None: from the file name
    select: frozenset[str] | None = None  # rule ids or prefixes; None: the default rules
    extend_select: frozenset[str] = field(default_factory=frozenset)  # added to select
    ignore: frozenset[str] = field(default_factory=frozenset)
    context: bool = False  # score sentences with a language model (``mtfix[context]``)
    severity: Severity = Severity.WARNING  # the least severe findings reported

    def enabled(self, rule_id: str) -> bool:
        return enabled(rule_id, self.select, self.ignore, self.extend_select)


def checkers_to_run(options: CheckOptions, scoring: bool) -> list[Checker]:
    """The checkers with an enabled rule, and those whose findings they read."""
    wanted = {
        c.name
        for c in CHECKERS
        if (scoring or not c.needs_scorer) and any(options.enabled(r) for r in c.rules)
    }
    for checker in CHECKERS:
        if checker.name in wanted:
            wanted |= checker.needs
    return [c for c in CHECKERS if c.name in wanted]


def check_document(
    document: Document,
    options: CheckOptions = CheckOptions(),
    lexicon: Lexicon | None = None,
    scorer: ContextScorer | None = None,
) -> list[Finding]:
    lexicon = lexicon or default_lexicon()
    if options.context and scorer is None:
        from .scorer import default_scorer

        scorer = default_scorer()
    read = layout(document, options.kind)
    checkers = checkers_to_run(options, scorer is not None)
    if any(checker.reads_tokens for checker in checkers):
        # Without the language model, only the words that may be English (and the words
        # around them) need tokens; the model reads every word.
        need = None if scorer is not None else detector_for(lexicon, options.allow).needs
        tokenized = tokenize(document.text, read.segments, need)
    else:
        tokenized = NO_TOKENS  # the typography and duplicate-line rules read the text
    given = CheckInput(
        document,
        read.segments,
        tokenized,
        lexicon,
        options.allow,
        scorer,
        headings=read.headings,
    )
    findings: list[Finding] = []
    for checker in checkers:
        findings.extend(checker.run(replace(given, earlier=tuple(findings))))
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    findings = _configured(document, read.comments, findings, options)
    if options.suggest and findings:
        from .planning import with_fixes
        from .suggest import SUGGESTED_RULES, suggester_for

        suggester = suggester_for(lexicon)
        if tokenized.sparse and any(f.rule in SUGGESTED_RULES for f in findings):
            # The suggester reads the whole document (the words it uses elsewhere, each
            # finding's sentence): it gets every token.
            tokenized = tokenized.complete()
        findings = suggester.suggest_findings(document.text, findings, tokenized.tokens)
        if scorer is not None:
            from .spun import rerank_findings

            findings = rerank_findings(document.text, findings, tokenized.tokens, suggester, scorer)
        findings = with_fixes(document.text, findings)
    if scorer is not None:
        getattr(scorer, "document_done", lambda: None)()  # a progress display goes
    return findings


def _configured(
    document: Document,
    comments: list[tuple[int, int]] | None,
    findings: list[Finding],
    options: CheckOptions,
) -> list[Finding]:
    """Inline suppressions first (so "unused" does not depend on options), then
    select/ignore, min-confidence and severity."""
    from .suppress import UNUSED_RULE, apply_suppressions, find_suppressions

    suppressions = find_suppressions(document.text, comments)
    if suppressions:
        findings = apply_suppressions(
            document.text, findings, suppressions, options.enabled(UNUSED_RULE)
        )
    return [
        f
        for f in findings
        if (f.rule == UNUSED_RULE or f.confidence >= options.min_confidence)
        and options.enabled(f.rule)
        and severity_of(f.rule).rank >= options.severity.rank
    ]


def check_text(text: str, options: CheckOptions = CheckOptions()) -> list[Finding]:
    return check_document(Document("<text>", text), options)
