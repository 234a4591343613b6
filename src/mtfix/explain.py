"""Why mtfix thinks a word is English, and where its suggestions come from."""

from __future__ import annotations

from dataclasses import dataclass

from .context import Agreement
from .detect import Detector, Kind
from .lexicon import Lexicon, WordInfo
from .models import Document, Suggestion
from .segment import segments
from .slot import DocumentWords, Slot, slot_of
from .suggest import FEATURES, HYPOTHESES, Features, Suggester
from .tokenize import tokenize


@dataclass(frozen=True)
class Explanation:
    word: str
    info: WordInfo
    verdict: str  # what the detector makes of the word (in its context, if given)
    loanword: bool
    agreement: Agreement | None
    suggestions: tuple[Suggestion, ...]
    features: tuple[Features, ...]  # the candidates behind the suggestions, same order
    hypothesis_shares: tuple[float, ...] = ()  # belief in each kind of damage (HYPOTHESES)


def explain(word: str, lexicon: Lexicon, context: str | None = None) -> Explanation:
    lower = word.lower()
    verdict, slot = _verdict(word, lexicon, context)
    agreement = slot.agreement
    suggester = Suggester(lexicon)
    all_features = suggester.features(word, slot)
    ranking = suggester.rank_features(all_features)
    suggestions = suggester.suggest(word, slot)
    by_word = {f.word.lower(): f for f in all_features}
    features = tuple(
        by_word[s.replacement.lower()] for s in suggestions if s.replacement.lower() in by_word
    )
    return Explanation(
        word=word,
        info=lexicon.info(lower),
        verdict=verdict,
        loanword=lexicon.is_loanword(lower),
        agreement=agreement,
        suggestions=suggestions,
        features=features,
        hypothesis_shares=ranking.hypothesis_shares,
    )


def _verdict(word: str, lexicon: Lexicon, context: str | None) -> tuple[str, Slot]:
    """What the detector says of ``word`` in its context, and the word's slot there (the
    determiner, the words around, the other words of the context)."""
    text = context if context and word in context else word
    tokenized = tokenize(text, segments(Document("<explain>", text)))
    detector = Detector(lexicon)
    findings = detector.detect(text, tokenized.tokens, tokenized.quotes, tokenized.asides)
    start = text.find(word)
    document = DocumentWords.of(tokenized.tokens, findings, text)
    slot = slot_of(text, start, start + len(word), tokenized.tokens, document)
    for finding in findings:
        if finding.start <= start < finding.end:
            evidence = f" [{finding.evidence}]" if finding.evidence else ""
            verdict = f"{finding.rule} ({finding.confidence:.2f}): {finding.message}{evidence}"
            return verdict, slot
    kinds = {v.token.start: v.kind for v in detector.classify(tokenized.tokens)}
    kind = kinds.get(start)
    reason = {
        Kind.FRENCH: "French",
        Kind.NEUTRAL: "silent (a name, an acronym, an allowed or unknown word)",
        Kind.WEAK: "could be English, but not on its own",
        Kind.STRONG: "English, but silent in this context (a name, a list, a quotation)",
    }.get(kind, "not a word mtfix checks")
    return f"not flagged: {reason}", slot


def feature_table(features: Features) -> dict[str, float]:
    return dict(zip(FEATURES, features.values, strict=True))


def hypotheses_of(features: Features) -> str:
    """The kinds of damage that can give the written word from this French word."""
    kinds = [
        name
        for name, values in zip(HYPOTHESES, (features.spin, features.translation), strict=True)
        if values is not None
    ]
    return " + ".join(kinds)
