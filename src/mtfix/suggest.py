"""Propose the French word an English intrusion replaced, best first.

Candidates come from four generators, each named as the suggestion's source:
``synonym-fr`` (reverse the spinner: French homographs among the English word's
thesaurus relations), ``dictionary`` (EN->FR translations), ``anglicism`` (a curated
list of English expressions) and ``cognate`` (accents restored, English suffixes
rewritten, fuzzy match over the French vocabulary). They are ranked by a damage model:
how likely the written word is if a spinner swapped the French word for a thesaurus
neighbour, or if the word was left untranslated, times how likely the French word is
in its slot (frequency, agreement, a noun after ``de``, a locution, the same word
elsewhere in the document). Case follows the original.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import compress, islice
from operator import mul
from typing import NamedTuple

from .context import Agreement
from .lexicon import Lexicon, WordInfo
from .models import Finding, Suggestion, Token
from .rules import SUGGESTED_RULES
from .slot import (
    EMPTY_SLOT,
    FUNCTION_WORDS,
    DocumentWords,
    Slot,
    count_forms,
    locutions,
    slot_of,
)

MAX_SUGGESTIONS = 5
CACHE_SIZE = 50_000  # candidate lists kept per process, by English text
CASE_CACHE_SIZE = 4096  # phrases in a slot kept per process (Suggester._case)
RELATION_WEIGHTS = ((2, 1.0), (1, 0.6), (4, 0.6), (8, 0.4))  # bit -> weight (see build script)
MUTUAL = 1 | 2  # Moby lists each word under the other
# In SPIN_FEATURES order: Moby backward, forward, WordNet, hypernym, mythes-en-us.
RELATION_BITS = (2, 1, 4, 8, 16)
PROFILE_BITS = (2, 4, 16)  # relations of the document profile: Moby backward, WordNet, mythes
NEUTRAL_PROFILE = 0.5  # a relation's share before a document says otherwise
SUFFIX_REWRITES = (
    ("ities", "ités"),
    ("ity", "ité"),
    ("ically", "iquement"),
    ("ally", "alement"),
    ("ics", "iques"),
    ("ic", "ique"),
    ("ical", "ique"),
    ("ous", "eux"),
    ("ive", "if"),
    ("ary", "aire"),
    ("ory", "oire"),
    ("ism", "isme"),
    ("ist", "iste"),
    ("ly", "ement"),
    ("er", "re"),
    ("y", "ie"),
)
# The damage model. Each candidate French word is scored as
#   log P(French word in this slot) + log sum_h P(h) P(written word | h, French word)
# over two hypotheses: the spinner swapped a French homograph for a thesaurus neighbour
# ("spin"), or the word was left untranslated ("untranslated").
SPIN_FEATURES = (
    "moby_backward",  # the French word's Moby entry lists the written word (a spinner's draw)
    "moby_forward",  # the written word's Moby entry lists the French word
    "wordnet",  # the two share a WordNet synset
    "hypernym",  # the French word is a WordNet hypernym of the written one
    "mythes",  # mythes-en-us relates the two (synonyms, similar or related terms)
    "mutual",  # each word lists the other in Moby
    "closeness",  # share of Moby entries the two words have in common
    "entry_size",  # log size of the French word's Moby entry (the spinner's draw)
    "neighbours",  # log number of English words any thesaurus relates to the French word
    "visible_draw",  # log number of those that read as English: the spinner's visible draws
    "homograph",  # min(Zipf fr, Zipf en): the spinner rewrites words common in both
    # The thesaurus a document's spinner draws from: a relation times the share of the
    # document's findings that have a candidate with that relation.
    "moby_document",
    "wordnet_document",
    "mythes_document",
    # A spinner draws a new synonym at each use of a word: log(1 + how many other
    # English words of the document have this French word among their candidates).
    "shared",
)
DOCUMENT_SPIN_FEATURES = len(PROFILE_BITS) + 1  # the trailing ones set per document
TRANSLATION_FEATURES = (
    "anglicism",  # the curated list of English expressions
    "dictionary",  # FreeDict EN->FR
    "cognate",  # accents restored, suffix rewritten, fuzzy spelling
    "evidence",  # log rank-based strength of the best translation generator
    "similarity",  # shared spelling, accents ignored
    "translated_from",  # log number of English words the dictionary translates by it
)
SLOT_FEATURES = (
    "french_frequency",  # Zipf in French
    "agreement",  # gender and number asked by the determiner in front
    "number",  # +1 when singular/plural matches the English word, -1 when not
    "in_document",  # the word stands elsewhere in the document, not flagged
    "document_count",  # log of how often it stands there
    "document_pair",  # it stands there after the same word or before the same word
    "noun_after_de",  # +1 a noun, -1 not, after ``de``
    "noun_at_start",  # a noun at a sentence start, with no determiner in front
    "locution",  # completes a light-verb locution around it (``fait … à`` -> ``face``)
    # The kind of word the slot wants, +1 when the candidate is of that kind, -1 not:
    "noun_before_determiner",  # a noun, with a determiner right after (rare)
    "noun_after_copula",  # a noun after ``est``, ``reste``... (adjectives are usual)
    "infinitive_slot",  # an infinitive after ``pour``, ``doit``, ``peut``...
    "form",  # the English ending's French counterpart: -ly/-ment, -ed/participle, -ing
    # The source text was grammatical French: its word agreed with the determiner.
    "gender_mismatch",  # a noun of the other gender than the determiner's
    "number_mismatch",  # a singular form after a plural determiner, or the reverse
    # How much more often French prose writes the candidate right after the word before
    # the slot (right before the word after it) than its frequency predicts: log of
    # (pairs seen + c) / (pairs expected + c), 0 when the corpus knows too little.
    "collocation_left",
    "collocation_right",
    # The same for the word before a determiner or preposition in front (``ouvrir la X``)
    # and the word after one behind (``X de vue``).
    "collocation_across",
    "collocation_across_right",
    # How often a document this long would hold the candidate by its French frequency
    # (log, 0 when it is not there): a common word standing elsewhere tells little.
    "document_expected",
    # How much more often the manuals of collocations.tsv write the candidate than French
    # at large (log ratio), times how much more often they write the document's own
    # words (0 for a document unlike them: news prose): the manuals' vocabulary is a
    # prior only for a document of their kind.
    "prose_domain",
)
FEATURES = SPIN_FEATURES + TRANSLATION_FEATURES + SLOT_FEATURES
HYPOTHESES = ("spin", "untranslated")


@dataclass(frozen=True, slots=True)
class RankingWeights:
    """Weights of the damage model (log scale), fitted on the dev split of the damage
    generators by ``python benchmarks/tune_suggest.py``; ``spin_bias`` is the log odds of
    the spin hypothesis before any evidence. ``locution`` is set by hand: no generator
    writes a light-verb locution, so the fit has nothing to move it with."""

    moby_backward: float = 1.02
    moby_forward: float = 0.92
    wordnet: float = -4.98
    hypernym: float = -0.48
    mythes: float = -2.03
    mutual: float = -0.98
    closeness: float = 1.08
    entry_size: float = -0.55
    neighbours: float = 0.41
    visible_draw: float = -0.48
    homograph: float = -0.05
    moby_document: float = 0.08
    wordnet_document: float = 10.27
    mythes_document: float = 4.27
    shared: float = 0.97
    anglicism: float = 2.32
    dictionary: float = 0.94
    cognate: float = -0.17
    evidence: float = 0.68
    similarity: float = -0.11
    translated_from: float = -0.41
    french_frequency: float = 0.84
    agreement: float = 0.36
    number: float = 0.27
    in_document: float = -0.77
    document_count: float = 0.31
    document_pair: float = 1.66
    noun_after_de: float = 0.16
    noun_at_start: float = -0.48
    locution: float = 3.0
    noun_before_determiner: float = -0.33
    noun_after_copula: float = -0.6
    infinitive_slot: float = 0.99
    form: float = 0.31
    gender_mismatch: float = -2.67
    number_mismatch: float = -1.45
    collocation_left: float = 0.77
    collocation_right: float = 0.56
    collocation_across: float = 0.51
    collocation_across_right: float = 0.62
    document_expected: float = -1.51
    prose_domain: float = 0.58
    spin_bias: float = -0.75

    def vector(self, names: tuple[str, ...]) -> tuple[float, ...]:
        return tuple(getattr(self, name) for name in names)


DEFAULT_WEIGHTS = RankingWeights()
NEUTRAL_PRIOR = 0.5  # share of spin damage before a document says otherwise
PRIOR_PSEUDO_COUNT = 2.0  # findings' worth of the neutral prior in a document's estimate
PRIOR_ROUNDS = 4  # expectation-maximisation rounds of a document's prior
PRIOR_LIMIT = 0.02  # neither kind of damage is ever ruled out
# Pairs' worth added to both the seen and the expected count of a collocation: a pair
# expected about once and never seen is weak evidence, one expected ten times strong.
COLLOCATION_PSEUDO_COUNT = 0.25
# Occurrences' worth of the slot's candidates' share beside the slot's word in the share
# of a word the prose writes less often than French at large (``collocation_fit``).
COLLOCATION_PRIOR = 5.0


@dataclass(frozen=True, slots=True)
class Candidate:
    word: str
    source: str
    evidence: float  # how strongly the generator ties it to the English text
    mutual: bool = False
    closeness: float = 0.0
    bits: int = 0  # thesaurus relations of a synonym-fr candidate (see build_wordlists.py)


@dataclass(frozen=True, slots=True)
class Features:
    """One French candidate: the evidence for each hypothesis that proposes it
    (``None`` when that kind of damage cannot give the written word) and the slot's."""

    word: str
    source: str  # the generator with the strongest tie
    spin: tuple[float, ...] | None
    translation: tuple[float, ...] | None
    slot: tuple[float, ...]
    bits: int = 0  # thesaurus relations between the written word and this one

    def with_profile(self, profile: tuple[float, ...], shared: int = 0) -> Features:
        """The document's features: its thesaurus profile, and how many other English
        words of it have this French word among their candidates (``shared_candidates``)."""
        if self.spin is None:
            return self
        fixed = self.spin[:-DOCUMENT_SPIN_FEATURES]
        spin = (*fixed, *self.document_spin(profile, shared))
        return Features(self.word, self.source, spin, self.translation, self.slot, self.bits)

    def document_spin(self, profile: tuple[float, ...], shared: int) -> tuple[float, ...]:
        """The trailing ``DOCUMENT_SPIN_FEATURES`` of ``with_profile``'s spin features."""
        bits = self.bits
        shares = [
            share if bits & bit else 0.0 for bit, share in zip(PROFILE_BITS, profile, strict=True)
        ]
        return (*shares, math.log1p(shared))

    @property
    def values(self) -> tuple[float, ...]:
        """Every feature in ``FEATURES`` order (0 for a hypothesis that does not apply)."""
        spin = self.spin or (0.0,) * len(SPIN_FEATURES)
        translation = self.translation or (0.0,) * len(TRANSLATION_FEATURES)
        return spin + translation + self.slot


@dataclass(frozen=True, slots=True)
class Scored:
    """A candidate's log score and how it splits between the hypotheses."""

    word: str
    source: str
    log_score: float
    hypothesis_logs: tuple[float, ...]  # log P(h) + log P(written | h, word), per hypothesis


@functools.cache
def _weight_vectors(weights: RankingWeights) -> tuple[tuple[float, ...], ...]:
    return tuple(
        weights.vector(names) for names in (SLOT_FEATURES, SPIN_FEATURES, TRANSLATION_FEATURES)
    )


def linear_parts(
    features: Features, weights: RankingWeights
) -> tuple[float, float | None, float | None]:
    """The parts of a candidate's score that do not depend on the document's prior: the
    slot's, and each hypothesis's likelihood (``None`` when it cannot give the word)."""
    # map(mul) rather than a generator: this runs twice per candidate and document.
    slot_weights, spin_weights, translation_weights = _weight_vectors(weights)
    slot = sum(map(mul, slot_weights, features.slot))
    spin = translation = None
    if features.spin is not None:
        spin = weights.spin_bias + sum(map(mul, spin_weights, features.spin))
    if features.translation is not None:
        translation = sum(map(mul, translation_weights, features.translation))
    return slot, spin, translation


def spin_share(
    parts: Sequence[tuple[float, float | None, float | None]],
    weights: RankingWeights,
    spin_prior: float,
) -> float:
    """The spin hypothesis's share of belief for one finding, from ``linear_parts``."""
    return _ShareTerms.of(parts).spin_share(spin_prior)


class _ShareTerms(NamedTuple):
    """A finding's terms of ``spin_share``, read once for all the prior's rounds: per
    candidate and hypothesis that can give the word, the slot sum and the likelihood."""

    slots: list[float]
    likelihoods: list[float]
    is_spin: list[bool]

    @classmethod
    def of(cls, parts: Sequence[Parts]) -> _ShareTerms:
        slots: list[float] = []
        likelihoods: list[float] = []
        is_spin: list[bool] = []
        for slot, spin, translation in parts:
            if spin is not None:
                slots.append(slot)
                likelihoods.append(spin)
                is_spin.append(True)
            if translation is not None:
                slots.append(slot)
                likelihoods.append(translation)
                is_spin.append(False)
        return cls(slots, likelihoods, is_spin)

    def spin_share(self, spin_prior: float) -> float:
        if not self.slots:
            return spin_prior
        log_spin, log_translation = math.log(spin_prior), math.log(1 - spin_prior)
        values = [
            slot + (log_spin if spin else log_translation) + likelihood
            for slot, likelihood, spin in zip(
                self.slots, self.likelihoods, self.is_spin, strict=True
            )
        ]
        top = max(values)
        shares = [math.exp(value - top) for value in values]
        # sum() adds left to right: the totals of a loop over the terms, to the bit.
        return sum(compress(shares, self.is_spin)) / sum(shares)


def score_candidate(
    features: Features, weights: RankingWeights, spin_prior: float = NEUTRAL_PRIOR
) -> Scored:
    slot, spin, translation = linear_parts(features, weights)
    logs = tuple(
        -math.inf if likelihood is None else math.log(prior) + likelihood
        for likelihood, prior in ((spin, spin_prior), (translation, 1 - spin_prior))
    )
    return Scored(features.word, features.source, slot + _logsumexp(logs), logs)


Parts = tuple[float, float | None, float | None]  # what ``linear_parts`` returns


def document_parts(
    group: Sequence[Features],
    profile: tuple[float, ...],
    votes: Counter[str],
    weights: RankingWeights,
) -> list[Parts]:
    """``linear_parts(f.with_profile(profile, votes[f.word] - 1), weights)`` for each
    candidate, to the last bit, without building the profiled features: ``sum`` adds
    left to right, so the spin sum is the sum of the fixed features continued by the
    document's (tests/test_damage_model.py holds the two equal)."""
    return profiled_parts(group, fixed_parts(group, weights), profile, votes, weights)


def fixed_parts(group: Sequence[Features], weights: RankingWeights) -> list[Parts]:
    """Per candidate: the slot's sum, the spin sum of the features a document does not
    set (``None`` when spin cannot give the word) and the translation sum."""
    slot_weights, spin_weights, translation_weights = _weight_vectors(weights)
    fixed_weights = spin_weights[:-DOCUMENT_SPIN_FEATURES]
    return [
        (
            sum(map(mul, slot_weights, f.slot)),
            None
            if f.spin is None
            else sum(map(mul, fixed_weights, f.spin[:-DOCUMENT_SPIN_FEATURES])),
            None if f.translation is None else sum(map(mul, translation_weights, f.translation)),
        )
        for f in group
    ]


def profiled_parts(
    group: Sequence[Features],
    fixed: Sequence[Parts],
    profile: tuple[float, ...],
    votes: Counter[str],
    weights: RankingWeights,
) -> list[Parts]:
    """``document_parts`` from the group's ``fixed_parts``: the spin sum continued by the
    document's features."""
    document_weights = _weight_vectors(weights)[1][-DOCUMENT_SPIN_FEATURES:]
    spin_bias = weights.spin_bias
    parts: list[Parts] = []
    tails: dict[tuple[int, int], tuple[float, ...]] = {}  # document_spin by (bits, shared)
    for f, (slot, spin, translation) in zip(group, fixed, strict=True):
        if spin is not None:
            shared = votes[f.word] - 1
            document = tails.get((f.bits, shared))
            if document is None:
                document = tails[f.bits, shared] = f.document_spin(profile, shared)
            spin = spin_bias + sum(map(mul, document_weights, document), spin)
        parts.append((slot, spin, translation))
    return parts


@dataclass(frozen=True, slots=True)
class Ranking:
    """Candidates best first with their shares, and each hypothesis's share of belief."""

    ranked: tuple[tuple[str, float, str], ...]  # (French word, share, source)
    hypothesis_shares: tuple[float, ...]  # in ``HYPOTHESES`` order


SOURCE_FEATURE = {"anglicism": 0, "dictionary": 1, "cognate": 2}


# Weight of the log shares of the same English word's other slots in a slot's ranking
# (``one_sense_per_document``). Easy top-1 on the four dev splits (broad, wordnet,
# untranslated, synthetic; ``benchmarks/easy_suggestions.py``): 0 (none) .714 .893 .838
# .781; 0.25 .714 .894 .838 .783; 0.5 .714 .894 .838 .785; 1 .714 .893 .836 .786.
SENSE_POOLING = 0.5
SHARE_FLOOR = 1e-3  # shares are rounded to 3 decimals: a candidate below reads as this


def softmax_shares(values: Sequence[float]) -> list[float]:
    """``values`` (log scores) as shares of belief, rounded to 3 decimals."""
    top = max(values)
    exps = [math.exp(v - top) for v in values]
    total = sum(exps)
    return [round(e / total, 3) for e in exps]


def one_sense_per_document(
    rankings: dict[tuple, Ranking], occurrences: Counter[tuple], pooling: float = SENSE_POOLING
) -> dict[tuple, Ranking]:
    """The same English word in several slots of one document was, most likely, written
    by the same damage from the same French word ("one sense per discourse"): each
    slot's ranking adds ``pooling`` times the log shares of the word's other slots
    (each counted by its findings; a case is the word and its slot, as in
    ``document_rankings``), so a close call is decided by the slots that are not one."""
    by_text: dict[str, list[tuple]] = {}
    for case in rankings:
        by_text.setdefault(normalise(case[0]), []).append(case)
    if not pooling or all(len(group) < 2 for group in by_text.values()):
        return rankings
    pooled = dict(rankings)
    floor = math.log(SHARE_FLOOR)
    for group in by_text.values():
        if len(group) < 2:
            continue
        logs = {
            case: {
                word: math.log(max(share, SHARE_FLOOR)) for word, share, _ in rankings[case].ranked
            }
            for case in group
        }
        # Every slot's log shares summed once (a word a slot lacks reads as the floor),
        # each slot then takes its own out: linear in the findings, however many.
        base = floor * sum(occurrences[case] for case in group)
        totals: dict[str, float] = {}
        for case in group:
            for word, value in logs[case].items():
                totals[word] = totals.get(word, base) + occurrences[case] * (value - floor)
        for case in group:
            own = rankings[case]
            if not own.ranked:
                continue
            count = occurrences[case]
            scores = []
            for word, _, source in own.ranked:
                others = totals[word] - count * logs[case][word]
                scores.append((logs[case][word] + pooling * others, word, source))
            shares = softmax_shares([score for score, _, _ in scores])
            order = sorted(range(len(scores)), key=lambda i: (-scores[i][0], scores[i][1]))
            pooled[case] = Ranking(
                tuple((scores[i][1], shares[i], scores[i][2]) for i in order),
                own.hypothesis_shares,
            )
    return pooled


def context_would_help(findings: Sequence[Finding]) -> bool:
    """Whether a run without context scoring left a choice the scorer would make."""
    return any(f.rule in SUGGESTED_RULES and len(f.suggestions) > 1 for f in findings)


@functools.cache
def suggester_for(lexicon: Lexicon) -> Suggester:
    """One suggester (and its cache) per lexicon and process."""
    return Suggester(lexicon)


class Suggester:
    def __init__(self, lexicon: Lexicon, weights: RankingWeights = DEFAULT_WEIGHTS) -> None:
        self.lexicon = lexicon
        self.weights = weights
        self._cache: dict[str, list[tuple[Features, WordInfo, _StaticSlot]]] = {}
        self._french: dict[str, bool] = {}  # _is_french by candidate word
        self._cases: OrderedDict[tuple[str, Slot], _Case] = OrderedDict()  # see _case
        self._candidates: dict[str, _PhraseCandidates] = {}  # see _phrase_candidates

    def with_suggestions(self, text: str, finding: Finding, tokens: Sequence[Token]) -> Finding:
        """One finding on its own (no document evidence); see ``suggest_findings``."""
        if finding.suggestions or finding.rule not in SUGGESTED_RULES:
            return finding
        slot = slot_of(text, finding.start, finding.end, tokens)
        return replace(finding, suggestions=self.suggest(finding.text, slot))

    def suggest_findings(
        self, text: str, findings: Sequence[Finding], tokens: Sequence[Token]
    ) -> list[Finding]:
        """Suggestions for every English finding of a document that has none yet, ranked
        by ``document_rankings``."""
        wanted = [f for f in findings if not f.suggestions and f.rule in SUGGESTED_RULES]
        if not wanted:
            return list(findings)
        rankings = self.document_rankings(text, wanted, tokens)
        apostrophe = document_apostrophe(text)
        suggested: dict[int, tuple[Suggestion, ...]] = {}
        result = []
        for finding in findings:
            ranked = rankings.get(id(finding))
            if ranked is None:
                result.append(finding)
                continue
            ranking, slot = ranked
            if id(ranking) not in suggested:  # one ranking per case (words and slot)
                suggested[id(ranking)] = self._suggestions(finding.text, ranking, slot, apostrophe)
            result.append(replace(finding, suggestions=suggested[id(ranking)]))
        return result

    def document_rankings(
        self, text: str, findings: Sequence[Finding], tokens: Sequence[Token]
    ) -> dict[int, tuple[Ranking, Slot]]:
        """The ranking and slot of each English finding (by ``id``), with what the document
        tells: the words it uses elsewhere, and how much of each kind of damage it shows
        (the mean hypothesis shares of its findings weigh each finding's hypotheses)."""
        wanted = [f for f in findings if f.rule in SUGGESTED_RULES]
        if not wanted:
            return {}
        document = DocumentWords.of(tokens, wanted, text)
        slots = {id(f): slot_of(text, f.start, f.end, tokens, document) for f in wanted}
        # Findings of the same words in the same slot rank alike: each such case is
        # computed once (a document repeats its intrusions), yet counts once per finding.
        cases = {id(f): (f.text, replace(slots[id(f)], document=None)) for f in wanted}
        features: dict[tuple, list[Features]] = {}
        fixed: dict[int, list[Parts]] = {}  # each group's fixed_parts, by id of the group
        for finding in wanted:
            case = cases[id(finding)]
            if case not in features:
                group, group_fixed = self._document_case(
                    normalise(finding.text), case[1], slots[id(finding)]
                )
                features[case] = group
                fixed[id(group)] = group_fixed
        profile = thesaurus_profile(features[cases[id(f)]] for f in wanted)
        votes = shared_candidates({normalise(text): group for (text, _), group in features.items()})
        # Each candidate's linear parts, with the document's features, serve both the
        # prior and the ranking (which read the features' word and source only).
        parts = {
            id(group): profiled_parts(group, fixed[id(group)], profile, votes, self.weights)
            for group in features.values()
        }
        prior = self.spin_prior((features[cases[id(f)]] for f in wanted), parts)
        rankings = {
            case: self.rank_features(group, prior, parts[id(group)])
            for case, group in features.items()
        }
        rankings = one_sense_per_document(rankings, Counter(cases[id(f)] for f in wanted))
        return {id(f): (rankings[cases[id(f)]], slots[id(f)]) for f in wanted}

    def spin_prior(
        self,
        per_finding: Iterable[list[Features]],
        known_parts: dict[int, list[Parts]] | None = None,
    ) -> float:
        """The document's share of spinner damage, by expectation-maximisation: start
        from the neutral prior, take the mean spin share of the findings under it (with
        ``PRIOR_PSEUDO_COUNT`` findings' worth of the neutral prior), repeat.
        ``known_parts``: each group's ``linear_parts``, by ``id`` of the group."""
        # Findings of the same case share one list: its parts are computed once and its
        # share counted once per finding.
        counts: Counter[int] = Counter()
        groups: dict[int, list[Features]] = {}
        for group in per_finding:
            if group:
                counts[id(group)] += 1
                groups[id(group)] = group
        known_parts = known_parts or {}
        terms = {
            key: _ShareTerms.of(
                known_parts.get(key) or [linear_parts(f, self.weights) for f in group]
            )
            for key, group in groups.items()
        }
        findings = sum(counts.values())
        prior = NEUTRAL_PRIOR
        for _ in range(PRIOR_ROUNDS):
            total = sum(counts[key] * share.spin_share(prior) for key, share in terms.items())
            prior = (PRIOR_PSEUDO_COUNT * NEUTRAL_PRIOR + total) / (PRIOR_PSEUDO_COUNT + findings)
            prior = min(max(prior, PRIOR_LIMIT), 1 - PRIOR_LIMIT)
        return prior

    def suggest(self, english: str, slot: Slot | Agreement | None = None) -> tuple[Suggestion, ...]:
        if not isinstance(slot, Slot):
            slot = Slot(agreement=slot)
        return self._suggestions(english, self.ranking(english, slot), slot)

    def _suggestions(
        self, english: str, ranking: Ranking, slot: Slot = EMPTY_SLOT, apostrophe: str = ""
    ) -> tuple[Suggestion, ...]:
        """``apostrophe``: the document's, which a suggestion's elision takes (``d’abord``
        in a text that writes ``l'aide``)."""
        ranked = list(ranking.ranked)
        if slot.agreement is not None and slot.agreement.number == "pl":
            ranked = self._plural(english, ranked, MAX_SUGGESTIONS)
        ranked = ranked[:MAX_SUGGESTIONS]
        if apostrophe:
            other = "’" if apostrophe == "'" else "'"
            ranked = [(word.replace(other, apostrophe), *rest) for word, *rest in ranked]
        return tuple(
            Suggestion(match_case(english, word), share, source) for word, share, source in ranked
        )

    def _plural(
        self, english: str, ranked: list[tuple[str, float, str]], limit: int | None = None
    ) -> list[tuple[str, float, str]]:
        """In a plural slot (``restent sceptical``, ``les aid``), an English singular's
        candidates take their plural (``sceptiques``) when the lexicon has one. With a
        ``limit``, only that many first forms (the rest are not read)."""
        phrase = normalise(english)
        if english_plural(phrase):
            return ranked
        seen: set[str] = set()
        plural = []
        for word, score, source in ranked:
            form = french_plural(word, self.lexicon)
            if not form or form == phrase:  # gurus: no French word to offer in its place
                form = word
            if form not in seen:
                seen.add(form)
                plural.append((form, score, source))
                if len(plural) == limit:
                    break
        return plural

    def rank(
        self, english: str, slot: Slot | Agreement | None = None
    ) -> list[tuple[str, float, str]]:
        """(French word, probability-like score, source), best first."""
        return list(self.ranking(english, slot).ranked)

    def ranking(self, english: str, slot: Slot | Agreement | None = None) -> Ranking:
        return self.rank_features(self.features(english, slot))

    def rank_features(
        self,
        features: list[Features],
        spin_prior: float = NEUTRAL_PRIOR,
        parts: Sequence[Parts] | None = None,
    ) -> Ranking:
        return rank_features(features, self.weights, spin_prior, parts)

    def features(self, english: str, slot: Slot | Agreement | None = None) -> list[Features]:
        if not isinstance(slot, Slot):
            slot = Slot(agreement=slot)
        return self._slot_features(normalise(english), slot)

    def _slot_features(self, phrase: str, slot: Slot) -> list[Features]:
        entries = self._phrase_features(phrase)
        facts = _SlotFacts.of(slot, self.lexicon, (f.word for f, _, _ in entries))
        return [
            Features(
                features.word,
                features.source,
                features.spin,
                features.translation,
                _slot_values(features.word, info, static, slot, facts),
                features.bits,
            )
            for features, info, static in entries
        ]

    def _document_case(
        self, phrase: str, bare: Slot, slot: Slot
    ) -> tuple[list[Features], list[Parts]]:
        """The candidates of ``phrase`` and their ``fixed_parts`` in ``slot``, from the
        case cache (``bare`` is ``slot`` without its document). The candidates come
        without their slot values (``Features.slot`` empty): the ranking reads their
        parts. The cached slot sums are those of a document where no candidate stands
        (``DocumentWords.count`` 0); the candidates the document holds are computed
        again with it."""
        case = self._case(phrase, bare)
        document = slot.document
        # Copies: a document's cases are told apart by the identity of their lists.
        group, group_fixed = list(case.candidates), case.fixed
        held = case.forms.keys() & document.counts.keys() if document is not None else ()
        entries = self._phrase_features(phrase)
        # The cached sums are those of no document: prose_domain was 0 in them.
        domain = document_domain(document, self.lexicon) if document is not None else 0.0
        if domain and self.weights.prose_domain:
            weight = self.weights.prose_domain
            group_fixed = tuple(
                (sums + weight * (static.coverage * domain), spin, translation)
                for (sums, spin, translation), (_, _, static) in zip(
                    group_fixed, entries, strict=True
                )
            )
        if not held:
            return group, list(group_fixed)
        group_fixed = list(group_fixed)
        facts = case.facts  # what _SlotFacts reads of a slot is not its document
        slot_weights = _weight_vectors(self.weights)[0]
        for index in sorted({index for form in held for index in case.forms[form]}):
            f, info, static = entries[index]
            values = _slot_values(f.word, info, static, slot, facts)
            _, spin, translation = group_fixed[index]
            group_fixed[index] = (sum(map(mul, slot_weights, values)), spin, translation)
        return group, group_fixed

    def _case(self, phrase: str, bare: Slot) -> _Case:
        """The candidates of ``phrase`` in the slot ``bare`` (which has no document), with
        their fixed parts; a bounded LRU cache across documents. The key is the whole
        ``Slot`` object (less its document), not a list of the fields read today: a slot
        feature added to ``Slot`` is part of the key by construction. What ``_slot_values``
        reads of the document must go through ``DocumentWords.count`` (0 here), or
        ``_document_case`` would reuse a value the document changes. An entry holds
        tuples of floats and the phrase's own candidates, not new objects per candidate:
        the garbage collector walks what a cache keeps alive."""
        key = (phrase, bare)
        case = self._cases.get(key)
        if case is not None:
            self._cases.move_to_end(key)
            return case
        candidates, forms, likelihoods = self._phrase_candidates(phrase)
        # fixed_parts(self.features(phrase, bare)), without the feature objects: the
        # likelihood sums do not depend on the slot.
        entries = self._phrase_features(phrase)
        facts = _SlotFacts.of(bare, self.lexicon, (f.word for f, _, _ in entries))
        slot_weights = _weight_vectors(self.weights)[0]
        fixed = tuple(
            (sum(map(mul, slot_weights, _slot_values(f.word, info, static, bare, facts))), *sums)
            for (f, info, static), sums in zip(entries, likelihoods, strict=True)
        )
        case = self._cases[key] = _Case(candidates, fixed, forms, facts)
        if len(self._cases) > CASE_CACHE_SIZE:
            self._cases.popitem(last=False)
        return case

    def _phrase_candidates(self, phrase: str) -> _PhraseCandidates:
        """The features of ``phrase`` without slot values, the word forms whose count in
        a document changes a candidate's slot values (with the candidates' indices), and
        each candidate's likelihood sums in ``fixed_parts`` (they do not depend on the
        slot): shared by the phrase's cases."""
        known = self._candidates.get(phrase)
        if known is None:
            candidates = tuple(f for f, _, _ in self._phrase_features(phrase))
            forms: dict[str, tuple[int, ...]] = {}
            for index, f in enumerate(candidates):
                for form in count_forms(f.word):
                    forms[form] = (*forms.get(form, ()), index)
            likelihoods = tuple(parts[1:] for parts in fixed_parts(candidates, self.weights))
            known = _PhraseCandidates(candidates, forms, likelihoods)
            if len(self._candidates) < CACHE_SIZE:
                self._candidates[phrase] = known
        return known

    def _phrase_features(self, phrase: str) -> list[tuple[Features, WordInfo, _StaticSlot]]:
        """The candidates of ``phrase`` with their hypotheses' features (the slot's are
        left empty) and the slot features that do not depend on the slot, computed once
        per phrase."""
        cached = self._cache.get(phrase)
        if cached is None:
            by_word: dict[str, list[Candidate]] = {}
            for candidate in self.candidates(phrase):
                by_word.setdefault(candidate.word, []).append(candidate)
            cached = []
            for group in by_word.values():
                features, info = self._features(phrase, group)
                static = _StaticSlot.of(phrase, features.word, info, self.lexicon)
                cached.append((features, info, static))
            if len(self._cache) < CACHE_SIZE:
                self._cache[phrase] = cached
        return cached

    def _features(self, phrase: str, group: list[Candidate]) -> tuple[Features, WordInfo]:
        word = group[0].word
        info = self.lexicon.info(word.split(" ")[0])
        spinner = [c for c in group if c.source == "synonym-fr"]
        translations = [c for c in group if c.source != "synonym-fr"]
        bits = 0
        for candidate in spinner:
            bits |= candidate.bits
        spin = None
        if spinner:
            spin = (
                *(1.0 if bits & bit else 0.0 for bit in RELATION_BITS),
                1.0 if any(c.mutual for c in spinner) else 0.0,
                max(c.closeness for c in spinner),
                *entry_size_features(self.lexicon.entry_sizes(word)),
                min(info.en, info.fr),
                *(NEUTRAL_PROFILE if bits & bit else 0.0 for bit in PROFILE_BITS),
                0.0,
            )
        translation = None
        if translations:
            values = [0.0] * len(TRANSLATION_FEATURES)
            for candidate in translations:
                values[SOURCE_FEATURE[candidate.source]] = 1.0
            best = max(translations, key=lambda c: c.evidence)
            values[3] = math.log(max(best.evidence, 0.05))
            values[4] = similarity(phrase, word)
            values[5] = math.log(max(self.lexicon.translated_from(word), 1))
            translation = tuple(values)
        strongest = max(group, key=lambda c: c.evidence)
        return Features(word, strongest.source, spin, translation, (), bits), info

    def candidates(self, phrase: str) -> list[Candidate]:
        found: list[Candidate] = []
        for rank, french in enumerate(self.lexicon.anglicisms.get(phrase, ())):
            found.append(Candidate(french, "anglicism", 1.0 / (1 + 0.2 * rank)))
        found.extend(self._synonyms(phrase))
        found.extend(self._translations(phrase))
        found.extend(self._cognates(phrase))
        return [c for c in found if c.word != phrase and self._is_french(c.word)]

    def _synonyms(self, phrase: str) -> list[Candidate]:
        found = []
        for french, bits, overlap in self.lexicon.spinner_candidates(phrase):
            weight = sum(w for bit, w in RELATION_WEIGHTS if bits & bit)
            mutual = bits & MUTUAL == MUTUAL
            found.append(Candidate(french, "synonym-fr", weight, mutual, overlap / 100, bits))
        return found

    def _translations(self, phrase: str) -> list[Candidate]:
        translations = self.lexicon.translations(phrase)
        plural = False
        if not translations and phrase.endswith("s") and not phrase.endswith("ss"):
            singular = phrase[:-3] + "y" if phrase.endswith("ies") else phrase[:-1]
            translations = self.lexicon.translations(singular)
            plural = True
        found = []
        for rank, french in enumerate(translations[:8]):
            if plural:
                french = french_plural(french, self.lexicon)
                if not french:
                    continue
            found.append(Candidate(french, "dictionary", 1.0 / (1 + 0.3 * rank)))
        return found

    def _cognates(self, phrase: str) -> list[Candidate]:
        if " " in phrase:
            return []
        found = []
        accented = self.lexicon.info(phrase).accented
        if accented:
            found.append(Candidate(accented, "cognate", 1.0))
        for english_end, french_end in SUFFIX_REWRITES:
            if phrase.endswith(english_end) and len(phrase) > len(english_end) + 2:
                guess = phrase[: -len(english_end)] + french_end
                for form in (guess, self.lexicon.info(guess).accented):
                    if form and self.lexicon.info(form).in_lexicon:
                        found.append(Candidate(form, "cognate", 0.9))
                break
        if len(phrase) >= 5:
            for word in fuzzy_matches(phrase, self.lexicon):
                found.append(Candidate(word, "cognate", 0.2))
        return found

    def _is_french(self, word: str) -> bool:
        known = self._french.get(word)
        if known is None:
            parts = word.replace("’", "'").replace("'", " ").replace("-", " ").split()
            known = bool(parts) and all(
                len(part) < 2 or self.lexicon.info(part).in_lexicon for part in parts
            )
            if len(self._french) < CACHE_SIZE:
                self._french[word] = known
        return known


class _PhraseCandidates(NamedTuple):
    candidates: tuple[Features, ...]  # without slot values
    forms: dict[str, tuple[int, ...]]  # count form -> indices of the candidates it counts for
    likelihoods: tuple[tuple[float | None, float | None], ...]  # fixed spin, translation sums


class _Case(NamedTuple):
    """One phrase in one slot, as ``Suggester._case`` caches it."""

    candidates: tuple[Features, ...]  # the phrase's, without slot values
    fixed: tuple[Parts, ...]  # their fixed_parts in a document that holds none of them
    # The word forms whose count in a document changes a slot value, and the indices of
    # the candidates whose values they change.
    forms: dict[str, tuple[int, ...]]
    facts: _SlotFacts  # the slot's, computed with the candidates' fixed parts


class _StaticSlot(NamedTuple):
    """The parts of a candidate's slot features that depend on the written phrase and
    the candidate only: computed once per phrase, not once per finding. (A named tuple:
    a frozen dataclass costs ~1 ms of start-up to define.)"""

    single: bool  # neither the phrase nor the candidate has a space
    noun: bool
    number: float
    form: float
    coverage: float  # prose_coverage of the candidate's first word

    @classmethod
    def of(cls, phrase: str, word: str, info: WordInfo, lexicon: Lexicon) -> _StaticSlot:
        single = " " not in phrase and " " not in word
        number = 0.0
        if single:
            number = 1.0 if english_plural(phrase) == french_plural_form(word) else -1.0
        noun = bool(info.genders) and " " not in word
        form = form_match(phrase, word) if single else 0.0
        return cls(single, noun, number, form, prose_coverage(word.split(" ")[0], lexicon))


class _SlotFacts(NamedTuple):
    """What a slot says, read once per finding rather than once per candidate."""

    locutions: dict[str, frozenset[tuple[str, str]]]  # empty: no locution possible
    after_copula: bool
    wants_infinitive: bool
    # The prose counts of the words beside the slot over the prose's size (0: none);
    # for ``across`` (``across_right``), its count before (after) a determiner or
    # preposition.
    left_rate: float
    right_rate: float
    across_rate: float
    across_right_rate: float
    lexicon: Lexicon
    # Per collocation feature, the share of the occurrences of the slot's candidates that
    # the prose writes beside the slot's word (pooled: pairs seen over words seen).
    shares: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    pairs: dict[str, CandidatePairs] | None = None  # the candidates', read for the shares

    @classmethod
    def of(cls, slot: Slot, lexicon: Lexicon, words: Iterable[str] = ()) -> _SlotFacts:
        # in_locution is false without both neighbours: no table to consult then.
        table = locutions(lexicon) if slot.previous and slot.following else {}
        size = max(lexicon.prose_words, 1)
        rates = [0.0, 0.0, 0.0, 0.0]
        for side, word in enumerate((slot.left, slot.right)):
            if word:
                rates[side] = lexicon.neighbours(word).count / size
        if slot.across:
            rates[2] = lexicon.neighbours(slot.across).before_function / size
        if slot.across_right:
            rates[3] = lexicon.neighbours(slot.across_right).after_function / size
        if not any(rates):
            return cls(table, slot.after_copula, slot.wants_infinitive, *rates, lexicon)
        pairs = {word: candidate_pairs(word, slot, lexicon) for word in words}
        shares = collocation_shares(pairs.values())
        return cls(table, slot.after_copula, slot.wants_infinitive, *rates, lexicon, shares, pairs)


def collocation_fit(
    seen: int, count: int, rate: float, general: float, share: float = 0.0
) -> float:
    """log (seen + c) / (expected + c): how much more often a pair stands in the prose
    than the counts of its words predict (``expected = count * rate``). A pair seen less
    often than expected counts against the word only as far as French at large, where
    the word stands ``general`` times per prose's worth, would have it more often: the
    manuals write some words far more than French does (``aide``, in help pages), and
    their other neighbours are no evidence against them.

    A word the manuals write less often than French at large (``pensées``: news prose
    is not their domain) would otherwise score 0 where the words they know score their
    pairs: its ``general - count`` missing occurrences are taken to stand beside the
    slot's word as often as the slot's other candidates do (``share``, pairs over
    occurrences, pooled over them)."""
    if not rate:
        return 0.0
    if general > count and share:
        # The word's share beside the slot's word, its own pairs with COLLOCATION_PRIOR
        # occurrences' worth of the slot's share, over as many occurrences as French
        # at large gives it.
        own = (seen + COLLOCATION_PRIOR * share) / (count + COLLOCATION_PRIOR)
        seen, count = general * own, general  # type: ignore[assignment]
    if not count:
        return 0.0
    fit = math.log((seen + COLLOCATION_PSEUDO_COUNT) / (count * rate + COLLOCATION_PSEUDO_COUNT))
    if fit < 0 and general < count:
        expected = general * rate + COLLOCATION_PSEUDO_COUNT
        return min(0.0, math.log((seen + COLLOCATION_PSEUDO_COUNT) / expected))
    return fit


class CandidatePairs(NamedTuple):
    """A candidate in the prose of ``collocations.tsv``: how often its first and its last
    word stand there, and its pairs with the slot's words, in ``collocation_values``
    order (its first word after the word before the slot, its last before the word after
    it, its first across a determiner, its last across one)."""

    first_count: int
    last_count: int
    seen: tuple[int, int, int, int]


def candidate_pairs(word: str, slot: Slot, lexicon: Lexicon) -> CandidatePairs:
    parts = word.replace("’", "'").split(" ")
    first = lexicon.neighbours(parts[0])
    last = first if len(parts) == 1 else lexicon.neighbours(parts[-1])
    seen = (
        first.left(slot.left),
        last.right(slot.right),
        first.across(slot.across),
        last.across_right(slot.across_right),
    )
    return CandidatePairs(first.count, last.count, seen)


def collocation_shares(candidates: Iterable[CandidatePairs]) -> tuple[float, float, float, float]:
    """For each collocation feature, the candidates' pairs with the slot's word over
    their occurrences, pooled."""
    left = right = across = across_right = 0
    firsts = lasts = 0
    for first_count, last_count, (left_seen, right_seen, across_seen, after_seen) in candidates:
        left += left_seen
        right += right_seen
        across += across_seen
        across_right += after_seen
        firsts += first_count
        lasts += last_count
    firsts, lasts = max(firsts, 1), max(lasts, 1)  # no occurrence: no pair either
    return left / firsts, right / lasts, across / firsts, across_right / lasts


def collocation_values(
    word: str, slot: Slot, facts: _SlotFacts
) -> tuple[float, float, float, float]:
    """The candidate's collocation features (``collocation_left`` to
    ``collocation_across_right``): its first word after the word before the slot and
    across a determiner, its last word before the word after it and across one."""
    if not (facts.left_rate or facts.right_rate or facts.across_rate or facts.across_right_rate):
        return 0.0, 0.0, 0.0, 0.0
    lexicon = facts.lexicon
    pairs = facts.pairs.get(word) if facts.pairs is not None else None
    if pairs is None:
        pairs = candidate_pairs(word, slot, lexicon)
    first_count, last_count, (left, right, across, across_right) = pairs
    words = word.replace("’", "'").split(" ")
    first_general = _general_count(words[0], lexicon)
    last_general = first_general if len(words) == 1 else _general_count(words[-1], lexicon)
    shares = facts.shares
    return (
        collocation_fit(left, first_count, facts.left_rate, first_general, shares[0]),
        collocation_fit(right, last_count, facts.right_rate, last_general, shares[1]),
        collocation_fit(across, first_count, facts.across_rate, first_general, shares[2]),
        collocation_fit(across_right, last_count, facts.across_right_rate, last_general, shares[3]),
    )


def _general_count(word: str, lexicon: Lexicon) -> float:
    """How often French at large (wordfreq) writes ``word`` in as many words as the
    prose of ``collocations.tsv`` holds."""
    return expected_count(lexicon.prose_words, lexicon.info(word).fr)


def expected_count(words: float, zipf: float) -> float:
    """How often a word of this Zipf frequency stands in so many words of French."""
    return words * 10 ** (zipf - 9)


def _slot_values(
    word: str, info: WordInfo, static: _StaticSlot, slot: Slot, facts: _SlotFacts
) -> tuple[float, ...]:
    """The candidate's ``SLOT_FEATURES``."""
    document = slot.document
    count = document.count(word) if document is not None else 0
    noun = static.noun
    locution = (slot.previous, slot.following) in facts.locutions.get(word, ())
    return (
        info.fr,
        slot.agreement.score(word, info) if slot.agreement is not None else 0.0,
        static.number,
        1.0 if count else 0.0,
        math.log(count) if count else 0.0,
        1.0 if count and document.beside(word, slot.previous, slot.following) else 0.0,
        (1.0 if noun else -1.0) if slot.after_de else 0.0,
        1.0 if noun and slot.sentence_start else 0.0,
        1.0 if locution else 0.0,
        (1.0 if noun else -1.0) if slot.following_determiner else 0.0,
        (1.0 if noun else -1.0) if facts.after_copula else 0.0,
        (1.0 if info.infinitive else -1.0) if facts.wants_infinitive and static.single else 0.0,
        static.form,
        *agreement_mismatches(slot.agreement, word, info),
        *collocation_values(word, slot, facts),
        math.log(expected_count(document.total, info.fr) + 0.1) if count else 0.0,
        static.coverage * document_domain(document, facts.lexicon) if document else 0.0,
    )


COVERAGE_LIMIT = 4.0  # |prose_coverage|: a word the manuals never write is not infinitely rare


def prose_coverage(word: str, lexicon: Lexicon) -> float:
    """log of how much more often the prose of ``collocations.tsv`` writes ``word`` than
    French at large would in as many words (one occurrence added to each side)."""
    ratio = math.log((lexicon.neighbours(word).count + 1) / (_general_count(word, lexicon) + 1))
    return min(max(ratio, -COVERAGE_LIMIT), COVERAGE_LIMIT)


DOMAIN_SAMPLE = 2000  # distinct words of a document read for its domain
_domains: OrderedDict[int, tuple[DocumentWords, float]] = OrderedDict()


def document_domain(document: DocumentWords, lexicon: Lexicon) -> float:
    """How much the document reads like the manuals: the mean ``prose_coverage`` of its
    French words (each distinct word counted once; the function words left out), 0 when
    it is below 0, as in news prose. Kept for the last few documents (by identity)."""
    known = _domains.get(id(document))
    if known is not None and known[0] is document:
        return known[1]
    values = []
    for word in islice(document.counts, DOMAIN_SAMPLE * 4):
        if len(word) < 3 or word in FUNCTION_WORDS:
            continue
        info = lexicon.info(word)
        if info.fr > 0 and info.in_lexicon:
            values.append(prose_coverage(word, lexicon))
            if len(values) == DOMAIN_SAMPLE:
                break
    domain = max(0.0, sum(values) / len(values)) if values else 0.0
    _domains[id(document)] = (document, domain)
    if len(_domains) > 8:
        _domains.popitem(last=False)
    return domain


def entry_size_features(sizes: tuple[int, int, int]) -> tuple[float, float, float]:
    """Log sizes of a French word's thesaurus entries (``Lexicon.entry_sizes``), floored:
    an entry too small to count says little about the spinner's draw."""
    moby, neighbours, visible = sizes
    return math.log(max(moby, 10)), math.log(max(neighbours, 10)), math.log(max(visible, 3))


def shared_candidates(by_phrase: dict[str, list[Features]]) -> Counter[str]:
    """For each French word, how many of a document's English words (phrases, each
    counted once) have it among their spinner candidates: a spinner that rewrites a
    frequent word draws a different synonym each time (``talks``, ``announcements``,
    ``teachings`` all for ``informations``)."""
    return Counter(
        word
        for group in by_phrase.values()
        for word in {f.word for f in group if f.spin is not None}
    )


def thesaurus_profile(per_finding: Iterable[list[Features]]) -> tuple[float, ...]:
    """For each relation of ``PROFILE_BITS``, the share of a document's findings with a
    candidate so related (with ``PRIOR_PSEUDO_COUNT`` findings' worth of the neutral
    share): a document whose spinner draws from WordNet shows WordNet pairs throughout."""
    groups = [group for group in per_finding if group]
    return tuple(
        (
            PRIOR_PSEUDO_COUNT * NEUTRAL_PROFILE
            + sum(any(f.bits & bit for f in group) for group in groups)
        )
        / (PRIOR_PSEUDO_COUNT + len(groups))
        for bit in PROFILE_BITS
    )


def rank_features(
    features: list[Features],
    weights: RankingWeights,
    spin_prior: float = NEUTRAL_PRIOR,
    parts: Sequence[Parts] | None = None,
) -> Ranking:
    """Softmax over the candidates' log scores, so a score reads as a share of belief;
    the hypothesis shares add up each candidate's share under each hypothesis.
    ``parts``: the candidates' ``linear_parts``, when already computed."""
    if not features:
        return Ranking((), (spin_prior, 1 - spin_prior))
    if parts is None:
        parts = [linear_parts(f, weights) for f in features]
    # score_candidate's arithmetic, step for step, with each log-sum-exp computed once
    # (plain tuples rather than Scored: this runs once per case and document).
    log_spin, log_translation = math.log(spin_prior), math.log(1 - spin_prior)
    exp, log, inf = math.exp, math.log, math.inf
    scores: list[float] = []
    rows = []  # (log score, mixture, spin log, translation log)
    for slot, spin, translation in parts:
        spin_log = -inf if spin is None else log_spin + spin
        translation_log = -inf if translation is None else log_translation + translation
        # _logsumexp_pair, inlined
        if spin_log == -inf:
            mixture = translation_log + log(exp(translation_log - translation_log))
        elif translation_log == -inf:
            mixture = spin_log + log(exp(spin_log - spin_log))
        else:
            top_log = max(spin_log, translation_log)
            mixture = top_log + log(exp(spin_log - top_log) + exp(translation_log - top_log))
        score = slot + mixture
        scores.append(score)
        rows.append((score, mixture, spin_log, translation_log))
    top = max(scores)
    weights_of = [exp(score - top) for score in scores]
    total = sum(weights_of)
    order = sorted(range(len(features)), key=lambda i: (-scores[i], features[i].word))
    spin_share = translation_share = 0.0
    for score, mixture, spin_log, translation_log in rows:
        slot_part = score - mixture
        if spin_log > -inf:
            spin_share += exp(slot_part + spin_log - top) / total
        if translation_log > -inf:
            translation_share += exp(slot_part + translation_log - top) / total
    return Ranking(
        tuple(
            (features[i].word, round(weights_of[i] / total, 3), features[i].source) for i in order
        ),
        (spin_share, translation_share),
    )


def _logsumexp(values: Sequence[float]) -> float:
    top = max(values)
    return top + math.log(sum(math.exp(v - top) for v in values if v > -math.inf))


def _logsumexp_pair(first: float, second: float) -> float:
    """``_logsumexp((first, second))``, the same operations without the generator."""
    top = max(first, second)
    if first == -math.inf:
        return top + math.log(math.exp(second - top))
    if second == -math.inf:
        return top + math.log(math.exp(first - top))
    return top + math.log(math.exp(first - top) + math.exp(second - top))


APOSTROPHE_SAMPLE = 100_000  # characters read to tell a document's apostrophe
_ELISION = re.compile(r"(?<=[^\W\d_])['’](?=[^\W\d_])")


def document_apostrophe(text: str) -> str:
    """The apostrophe a document writes between letters (``l’aide``, ``l'aide``), the
    more frequent one; "" when it writes none."""
    curly, straight = "’" in text, "'" in text
    if curly != straight:
        return "’" if curly else "'"
    counts = Counter(_ELISION.findall(text, 0, APOSTROPHE_SAMPLE))
    if not counts:
        return ""
    return "’" if counts["’"] >= counts["'"] else "'"


def normalise(english: str) -> str:
    lower = english.lower().replace("’", "'")
    if lower.endswith("'s") and len(lower) > 3:
        lower = lower[:-2]
    return " ".join(lower.split())


def english_plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "ous"))


def french_plural_form(word: str) -> bool:
    return word.endswith(("s", "x")) and not word.endswith(("ss", "us", "is", "os"))


def match_case(original: str, replacement: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def french_plural(word: str, lexicon: Lexicon) -> str:
    if " " in word:
        head, _, rest = word.partition(" ")
        plural = french_plural(head, lexicon)
        return f"{plural} {rest}" if plural else ""
    if word.endswith(("s", "x", "z")):
        return word
    for form in (word + "s", word + "x"):
        if lexicon.info(form).in_lexicon:
            return form
    return ""


ENGLISH_FORMS = (  # English ending -> endings of the French words of the same kind
    ("ly", ("ment",)),
    (
        "ed",
        (
            "é",
            "ée",
            "és",
            "ées",
            "i",
            "ie",
            "is",
            "ies",
            "u",
            "ue",
            "us",
            "ues",
            "t",
            "te",
            "ts",
            "tes",
        ),
    ),
    ("ing", ("ant", "er", "ir", "re", "ion", "ions", "age", "ment")),
)


def form_match(english: str, french: str) -> float:
    """+1 when the French word has the ending of the English word's kind (``usually`` /
    ``habituellement``, ``damaged`` / ``endommagé``), -1 when it lacks it, 0 for an
    English word with none of these endings."""
    for english_end, french_ends in ENGLISH_FORMS:
        if english.endswith(english_end) and len(english) > len(english_end) + 2:
            return 1.0 if french.endswith(french_ends) else -1.0
    return 0.0


def agreement_mismatches(
    agreement: Agreement | None, word: str, info: WordInfo
) -> tuple[float, float]:
    """(gender, number): 1.0 where the French word disagrees with the determiner in
    front (``la`` before a masculine noun, ``les`` before a singular form), else 0.0.
    ``Agreement.score`` weighs the same facts by hand; these let the fit say how rarely
    the original disagreed."""
    if agreement is None:
        return 0.0, 0.0
    head = word.split(" ")[0]
    gender = agreement.noun and agreement.gender and info.genders
    plural = head.endswith(("s", "x"))
    number = (agreement.number == "pl" and not plural) or (
        agreement.number == "sg" and plural and not head.endswith(("ss", "us", "is", "as"))
    )
    return (1.0 if gender and agreement.gender not in info.genders else 0.0), float(number)


def similarity(english: str, french: str) -> float:
    """0..1.5 bonus for cognates: shared spelling once accents are ignored."""
    from rapidfuzz.distance import Indel

    ratio = Indel.normalized_similarity(_strip_accents(english), _strip_accents(french))
    return 1.5 * max(0.0, ratio - 0.5) * 2 if ratio > 0.5 else 0.0


def _strip_accents(word: str) -> str:
    if word.isascii():
        return word  # nothing to strip: skips 3/4 of the vocabulary at first use
    import unicodedata

    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fuzzy_matches(phrase: str, lexicon: Lexicon, limit: int = 3) -> list[str]:
    from rapidfuzz import fuzz, process

    words, bares = lexicon.vocabulary_bucket(_strip_accents(phrase[:1]))
    matches = process.extract(
        _strip_accents(phrase), bares, scorer=fuzz.ratio, limit=limit, score_cutoff=85
    )
    return [words[index] for _, _, index in matches]
