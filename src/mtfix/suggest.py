"""Propose the French word an English intrusion replaced, best first.

Candidates come from four generators, each named as the suggestion's source:
``synonym-fr`` (reverse the spinner: French homographs among the English word's
thesaurus relations), ``dictionary`` (EN->FR translations), ``anglicism`` (a curated
list of English expressions) and ``cognate`` (accents restored, English suffixes
rewritten, fuzzy match over the French vocabulary). Ranking adds French frequency,
the size of the thesaurus entry the spinner would have drawn from, agreement with
the determiner in front, and string similarity. Case follows the original.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .context import Agreement, agreement_before
from .lexicon import Lexicon
from .models import Finding, Suggestion, Token

MAX_SUGGESTIONS = 5
CACHE_SIZE = 50_000  # suggestions kept per process, by (English text, determiner)
RANKED_CACHE_SIZE = 5_000  # whole rankings (longer) kept per process
RELATION_WEIGHTS = ((2, 1.0), (1, 0.6), (4, 0.6), (8, 0.4))  # bit -> weight (see build script)
MUTUAL = 1 | 2  # Moby lists each word under the other
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
FEATURES = (
    "anglicism",  # one per generator that proposed the word
    "synonym",
    "dictionary",
    "cognate",
    "french_frequency",  # Zipf in French
    "homograph",  # min(Zipf fr, Zipf en): the spinner swaps words common in both
    "evidence",  # log strength of the best generator's tie to the English text
    "entry_size",  # log size of the thesaurus entry the spinner drew from
    "similarity",  # shared spelling, accents ignored
    "agreement",  # determiner gender and number
    "mutual",  # each word lists the other in the Moby thesaurus: a spinner's pair
    "number",  # +1 when singular/plural matches the English word, -1 when not
    "closeness",  # share of thesaurus entries the two words have in common
)


@dataclass(frozen=True, slots=True)
class RankingWeights:
    """Weights of the ranking score (log scale): a conditional logit fitted on the
    synthetic dev split by ``python benchmarks/tune_suggest.py``."""

    anglicism: float = 2.38
    synonym: float = -2.55
    dictionary: float = 0.9
    cognate: float = -0.09
    french_frequency: float = 1.23
    homograph: float = -0.37
    evidence: float = 0.7
    entry_size: float = -0.28
    similarity: float = -0.05
    agreement: float = 1.53
    mutual: float = 1.35
    number: float = 0.45
    closeness: float = 3.7

    def score(self, features: tuple[float, ...]) -> float:
        return sum(
            getattr(self, name) * value for name, value in zip(FEATURES, features, strict=False)
        )


DEFAULT_WEIGHTS = RankingWeights()
SOURCE_FEATURE = {"anglicism": 0, "synonym-fr": 1, "dictionary": 2, "cognate": 3}


@dataclass(frozen=True, slots=True)
class Candidate:
    word: str
    source: str
    evidence: float  # how strongly the generator ties it to the English text
    mutual: bool = False
    closeness: float = 0.0


@dataclass(frozen=True, slots=True)
class Features:
    """One French candidate with the evidence of every generator that proposed it."""

    word: str
    source: str  # the generator with the strongest tie
    values: tuple[float, ...]


@functools.cache
def suggester_for(lexicon: Lexicon) -> Suggester:
    """One suggester (and its cache) per lexicon and process."""
    return Suggester(lexicon)


class Suggester:
    def __init__(self, lexicon: Lexicon, weights: RankingWeights = DEFAULT_WEIGHTS) -> None:
        self.lexicon = lexicon
        self.weights = weights
        self._cache: dict[tuple[str, Agreement | None], tuple[Suggestion, ...]] = {}
        self._ranked: dict[tuple[str, Agreement | None], list[tuple[str, float, str]]] = {}

    def with_suggestions(self, text: str, finding: Finding, tokens: Sequence[Token]) -> Finding:
        if finding.suggestions or finding.rule not in ("english-word", "english-span"):
            return finding
        agreement = agreement_before(text, finding.start, tokens)
        return replace(finding, suggestions=self.suggest(finding.text, agreement))

    def suggest(self, english: str, agreement: Agreement | None = None) -> tuple[Suggestion, ...]:
        key = (english, agreement)
        cached = self._cache.get(key)
        if cached is None:
            ranked = self.rank(english, agreement)
            if agreement is not None and agreement.number == "pl":
                ranked = self._plural(english, ranked)
            cached = tuple(
                Suggestion(match_case(english, word), score, source)
                for word, score, source in ranked[:MAX_SUGGESTIONS]
            )
            if len(self._cache) < CACHE_SIZE:
                self._cache[key] = cached
        return cached

    def _plural(
        self, english: str, ranked: list[tuple[str, float, str]]
    ) -> list[tuple[str, float, str]]:
        """In a plural slot (``restent sceptical``, ``les aid``), an English singular's
        candidates take their plural (``sceptiques``) when the lexicon has one."""
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
        return plural

    def rank(
        self, english: str, agreement: Agreement | None = None
    ) -> list[tuple[str, float, str]]:
        """(French word, probability-like score, source), best first (a new list; the
        ranking is cached: ``--context`` re-ranks every finding of a word again)."""
        key = (english, agreement)
        ranked = self._ranked.get(key)
        if ranked is None:
            ranked = rank_features(self.features(english, agreement), self.weights)
            if len(self._ranked) < RANKED_CACHE_SIZE:
                self._ranked[key] = ranked
        return list(ranked)

    def features(self, english: str, agreement: Agreement | None = None) -> list[Features]:
        phrase = normalise(english)
        by_word: dict[str, list[Candidate]] = {}
        for candidate in self.candidates(phrase):
            by_word.setdefault(candidate.word, []).append(candidate)
        return [self._features(phrase, group, agreement) for group in by_word.values()]

    def _features(
        self, phrase: str, group: list[Candidate], agreement: Agreement | None
    ) -> Features:
        word = group[0].word
        info = self.lexicon.info(word.split(" ")[0])
        values = [0.0] * len(FEATURES)
        for candidate in group:
            values[SOURCE_FEATURE[candidate.source]] = 1.0
            if candidate.mutual:
                values[10] = 1.0
            values[12] = max(values[12], candidate.closeness)
        strongest = max(group, key=lambda c: c.evidence)
        values[4] = info.fr
        values[5] = min(info.en, info.fr)
        values[6] = math.log(max(strongest.evidence, 0.05))
        if any(c.source == "synonym-fr" for c in group):
            values[7] = math.log(max(self.lexicon.entry_size(word), 10))
        values[8] = similarity(phrase, word)
        values[9] = agreement.score(word, info) if agreement is not None else 0.0
        if " " not in phrase and " " not in word:
            values[11] = 1.0 if english_plural(phrase) == french_plural_form(word) else -1.0
        return Features(word, strongest.source, tuple(values))

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
            found.append(Candidate(french, "synonym-fr", weight, mutual, overlap / 100))
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
        parts = word.replace("’", "'").replace("'", " ").replace("-", " ").split()
        for part in parts:
            info = self.lexicon.info(part)
            if len(part) > 1 and not info.in_lexicon:
                return False
        return bool(parts)


def rank_features(
    features: list[Features], weights: RankingWeights
) -> list[tuple[str, float, str]]:
    """Softmax over the weighted scores, so a score reads as a share of belief."""
    if not features:
        return []
    raw = {f.word: weights.score(f.values) for f in features}
    top = max(raw.values())
    shares = {word: math.exp(value - top) for word, value in raw.items()}
    total = sum(shares.values())
    sources = {f.word: f.source for f in features}
    ranked = sorted(shares, key=lambda w: (-shares[w], w))
    return [(w, round(shares[w] / total, 3), sources[w]) for w in ranked]


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
