"""Context-scored findings: ``spun-french-word`` and the re-ranking of suggestions.

A spinner that swaps a French word for an English synonym which is itself French
(``possible`` -> ``probable``, ``population`` -> ``populace``) leaves nothing a word
list can see. ``wordlists/spinner_targets.tsv`` gives, for such a written word, the
French words it may have replaced; a ``ContextScorer`` then says whether one of
them reads clearly better in the sentence than the word written. Both steps run
only with ``--context``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from .context import agreement_before
from .lexicon import Lexicon, wordlists_dir
from .models import Finding, Suggestion, Token
from .scorer import RERANK_DEPTH, ContextScorer, Ranked, reranked, slot_for, softmax_shares
from .suggest import MAX_SUGGESTIONS, Suggester, match_case
from .table import SortedTable

RULE = "spun-french-word"
SUGGESTER_RULES = ("english-word", "english-span")


@dataclass(frozen=True, slots=True)
class SpunSettings:
    """The margin was measured with Gemma 3 270M on 80 hard swaps of synthetic/dev and 300
    spinner-target words sampled from clean/dev: a gain of 10 keeps 51 % of the swaps and
    1 of the 300 clean words (about 2.6 false positives per 10,000 words); 4 kept 80 % of
    the swaps but 27 clean words (about 70 per 10,000 words)."""

    margin: float = 10.0  # log-probability the best original must gain over the written word
    max_candidates: int = 8  # most frequent French originals tried per word
    min_length: int = 4
    max_french_zipf: float = 6.0  # function words (``est``, ``point``...) are never swaps


DEFAULT_SETTINGS = SpunSettings()


@functools.cache
def _targets_table() -> SortedTable:
    return SortedTable(wordlists_dir() / "spinner_targets.tsv")


def spinner_targets(word: str) -> list[str]:
    """French words the spinner may have replaced by ``word`` (most frequent first)."""
    row = _targets_table().get(word)
    return [cell.rpartition(":")[0] for cell in row.split(",")] if row else []


def candidate_originals(
    token: Token, lexicon: Lexicon, allow: frozenset[str], settings: SpunSettings
) -> list[str]:
    word = token.lower
    if (
        len(word) < settings.min_length
        or word in allow
        or token.in_quotes
        or token.beside_code
        or (token.text[:1].isupper() and not token.sentence_start)  # a name
        or lexicon.info(word).fr >= settings.max_french_zipf
    ):
        return []
    found = [
        w
        for w in spinner_targets(word)
        if len(w) > 2 and w not in allow and lexicon.info(w).fr < settings.max_french_zipf
    ]
    return found[: settings.max_candidates]


def spun_findings(
    text: str,
    tokens: Sequence[Token],
    lexicon: Lexicon,
    scorer: ContextScorer,
    allow: frozenset[str] = frozenset(),
    taken: Sequence[Finding] = (),
    settings: SpunSettings = DEFAULT_SETTINGS,
) -> list[Finding]:
    """French words whose likeliest original beats them by ``settings.margin``."""
    covered = {(f.start, f.end) for f in taken}
    spans = sorted((f.start, f.end) for f in taken)
    found = []
    for token in tokens:
        if (token.start, token.end) in covered or _inside(spans, token):
            continue
        originals = candidate_originals(token, lexicon, allow, settings)
        if not originals:
            continue
        slot = slot_for(text, token.start, token.end, tokens)
        words = [token.text, *(match_case(token.text, w) for w in originals)]
        values = scorer.score(slot, words)
        gain = max(values[1:]) - values[0]
        if gain < settings.margin:
            continue
        better = sorted(
            (pair for pair in zip(words[1:], values[1:], strict=True) if pair[1] > values[0]),
            key=lambda pair: -pair[1],
        )[:MAX_SUGGESTIONS]
        shares = softmax_shares([v for _, v in better])
        found.append(
            Finding(
                token.start,
                token.end,
                token.text,
                RULE,
                round(min(0.95, 0.5 + gain / 20), 2),
                "French word that reads like a spinner swap in this sentence",
                tuple(
                    Suggestion(w, s, "context") for (w, _), s in zip(better, shares, strict=True)
                ),
            )
        )
    return found


def _inside(spans: Sequence[tuple[int, int]], token: Token) -> bool:
    return any(start <= token.start and token.end <= end for start, end in spans)


def rerank_findings(
    text: str,
    findings: Sequence[Finding],
    tokens: Sequence[Token],
    suggester: Suggester,
    scorer: ContextScorer,
    depth: int = RERANK_DEPTH,
) -> list[Finding]:
    """The suggester's top ``depth`` candidates re-ordered by the scorer, for every
    English-intrusion finding with a choice to make."""
    result = []
    for finding in findings:
        if finding.rule not in SUGGESTER_RULES or len(finding.suggestions) < 2:
            result.append(finding)
            continue
        agreement = agreement_before(text, finding.start, tokens)
        ranked = [
            Ranked(match_case(finding.text, word), share, source)
            for word, share, source in suggester.rank(finding.text, agreement)[:depth]
        ]
        slot = slot_for(text, finding.start, finding.end, tokens)
        result.append(reranked(finding, slot, ranked, scorer, MAX_SUGGESTIONS))
    return result


def context_would_help(findings: Sequence[Finding]) -> bool:
    """Whether a run without context scoring left a choice the scorer would make."""
    return any(f.rule in SUGGESTER_RULES and len(f.suggestions) > 1 for f in findings)
