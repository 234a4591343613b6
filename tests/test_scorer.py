"""The ContextScorer interface with a deterministic fake: always run, no model needed."""

from __future__ import annotations

import io
import re
import sys

from mtfix.models import Document, Finding, Suggestion
from mtfix.pipeline import CheckOptions, check_document
from mtfix.scorer import CachedScorer, FakeScorer, Ranked, Slot, reranked, slot_for
from mtfix.segment import layout
from mtfix.spun import context_would_help, one_sense_after_reranking
from mtfix.tokenize import tokenize

SEED = "Nous n’avons pas fait experience à la perspective d’Armageddon depuis Kennedy."


def tokens_of(text: str):
    return tokenize(text, layout(Document("<t>", text), None).segments).tokens


def test_slot_fills_the_word() -> None:
    slot = Slot("la route est longue", 3, 8)
    assert slot.filled("direction") == "la direction est longue"


def test_slot_for_keeps_only_the_sentence() -> None:
    text = "Première phrase ici. Ils tournent dans leur route demain. Encore une."
    start = text.index("route")
    slot = slot_for(text, start, start + 5, tokens_of(text))
    assert slot.sentence == "Ils tournent dans leur route demain."
    assert slot.sentence[slot.start : slot.end] == "route"


def test_slot_for_joins_lines_and_cuts_long_sentences() -> None:
    text = "Un mot\nsur deux lignes " + "très " * 200 + "longue route ici."
    start = text.index("route")
    slot = slot_for(text, start, start + 5, tokens_of(text))
    assert "\n" not in slot.sentence and len(slot.sentence) <= 320
    assert slot.sentence[slot.start : slot.end] == "route"


def test_slot_for_reads_sentences_before_the_word_when_asked() -> None:
    text = "La guerre dure. Les civils fuient la ville. Ils tournent dans leur route demain."
    start = text.index("route")
    tokens = tokens_of(text)
    one = slot_for(text, start, start + 5, tokens, sentences_before=1)
    assert one.sentence == "Les civils fuient la ville. Ils tournent dans leur route demain."
    assert one.sentence[one.start : one.end] == "route"
    two = slot_for(text, start, start + 5, tokens, sentences_before=2)
    assert two.sentence == text
    assert slot_for(text, start, start + 5, tokens, sentences_before=5).sentence == text


def test_slot_for_reads_no_sentence_across_markup() -> None:
    """Only prose joined by punctuation and spaces is read in front: not a list marker,
    a heading, a tag or code between the two sentences."""
    for kind, gap in (("markdown", "\n\n- "), ("markdown", "\n\n## "), ("html", "</p>\n<p>")):
        text = f"<p>La guerre dure.{gap}Ils tournent dans leur route demain.</p>"
        if kind == "markdown":
            text = text.removeprefix("<p>").removesuffix("</p>")
        start = text.index("route")
        tokens = tokenize(text, layout(Document("<t>", text), kind).segments).tokens
        slot = slot_for(text, start, start + 5, tokens, sentences_before=1)
        assert slot.sentence == "Ils tournent dans leur route demain.", gap
    text = "« La guerre dure. » Ils tournent dans leur route demain."
    start = text.index("route")
    slot = slot_for(text, start, start + 5, tokens_of(text), sentences_before=1)
    assert slot.sentence.startswith("« La guerre dure. »")
    text = "Ils tournent dans leur route demain. « Encore une. »"
    start = text.index("route")
    assert slot_for(text, start, start + 5, tokens_of(text)).sentence.endswith("demain.")


def test_slot_for_bounds_the_sentences_before() -> None:
    text = "Avant " + "très " * 300 + "longue. Ils tournent dans leur route demain."
    start = text.index("route")
    slot = slot_for(text, start, start + 5, tokens_of(text), sentences_before=1)
    assert len(slot.sentence) <= 300 + 250 + 20
    assert slot.sentence.endswith("Ils tournent dans leur route demain.")


def test_cached_scorer_scores_each_slot_once() -> None:
    fake = FakeScorer({"face": 2.0})
    cached = CachedScorer(fake)
    slot = Slot("fait experience à", 5, 15)
    assert cached.score(slot, ["face", "expérience"]) == [2.0, 0.0]
    assert cached.score(slot, ["expérience", "face"]) == [0.0, 2.0]
    assert fake.calls == 1 and cached.sentences == 2


def test_cached_scorer_rescores_a_slot_whole_for_a_new_candidate() -> None:
    """Scores are comparable only within one call, so cached ones are not mixed with new."""

    class Offset(FakeScorer):
        def score(self, slot, candidates):  # a constant that changes from call to call
            return [v + 100 * self.calls for v in super().score(slot, candidates)]

    cached = CachedScorer(Offset({"face": 2.0, "cap": 1.0}))
    slot = Slot("fait experience à", 5, 15)
    cached.score(slot, ["face", "expérience"])
    face, cap, written = cached.score(slot, ["face", "cap", "expérience"])
    assert (face - written, cap - written) == (2.0, 1.0)
    assert cached.sentences == 2 + 3


def test_reranked_orders_by_model_and_prior() -> None:
    from mtfix.models import Finding

    finding = Finding(0, 4, "aid", "english-word", 0.9, "m")
    ranked = [Ranked("aide", 0.6, "cognate"), Ranked("secours", 0.4, "dictionary")]
    out = reranked(finding, Slot("aid", 0, 3), ranked, FakeScorer({"secours": 5.0}), 5)
    assert [s.replacement for s in out.suggestions] == ["secours", "aide"]
    assert abs(sum(s.score for s in out.suggestions) - 1) < 0.01
    assert out.suggestions[0].source == "dictionary"


def test_pipeline_reranks_suggestions_with_a_scorer() -> None:
    # A close call for the damage model (``fait experience à`` is not: ``face`` leads
    # clearly, and a clear lead is not re-ranked).
    text = "Nous n’avons pas une experience de la perspective d’Armageddon depuis Kennedy."
    document = Document("<t>", text)
    plain = check_document(document, CheckOptions(select=frozenset({"english"})))
    suggested = {f.text: [s.replacement for s in f.suggestions] for f in plain}["experience"]
    runner_up = suggested[1]  # the damage model's second: the scorer's favourite
    scored = check_document(
        document,
        CheckOptions(select=frozenset({"english"})),
        scorer=FakeScorer({runner_up: 20.0}),
    )
    assert {f.text: f.suggestions[0].replacement for f in scored}["experience"] == runner_up
    assert [(f.start, f.end) for f in scored] == [(f.start, f.end) for f in plain]


def test_without_context_nothing_changes_and_no_model_loads() -> None:
    document = Document("<t>", SEED + " Ils tournent dans leur route.")
    before = check_document(document, CheckOptions())
    assert check_document(document, CheckOptions(context=False)) == before
    assert "llama_cpp" not in sys.modules or "mtfix.scorer" in sys.modules
    assert context_would_help(before)


def test_config_key_context_is_a_boolean() -> None:
    import pytest

    from mtfix.config import parse_config
    from mtfix.errors import MtfixError

    assert parse_config({"context": True}, "x.toml", ".").context is True
    assert parse_config({}, "x.toml", ".").context is None
    with pytest.raises(MtfixError, match="context"):
        parse_config({"context": "yes"}, "x.toml", ".")


def test_slot_for_reads_the_sentence_with_its_other_intrusions_repaired() -> None:
    from mtfix.models import Edit

    text = "Nous avons fait experience à la perspective d’une crise."
    start = text.index("perspective")
    repairs = [Edit(text.index("experience"), text.index("experience") + 10, "face")]
    slot = slot_for(text, start, start + 11, tokens_of(text), repairs)
    assert slot.sentence == "Nous avons fait face à la perspective d’une crise."
    assert slot.sentence[slot.start : slot.end] == "perspective"
    # A repair reaching past the window is left out rather than cut.
    cut = slot_for(text, start, start + 11, tokens_of(text), [Edit(0, len(text), "x")])
    assert cut.sentence == text


# --- llama.cpp's own logging (issue 15) -----------------------------------------------


def _fake_llama_cpp(monkeypatch, tmp_path):
    """A stand-in for llama-cpp-python: loading prints to file descriptor 2 as llama.cpp
    does, and sends lines to whatever log callback is installed."""
    import ctypes
    import os
    import sys
    import types

    from mtfix import scorer

    fake = types.ModuleType("llama_cpp")
    fake.llama_log_callback = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p)
    fake.installed = None

    def llama_log_set(callback, user_data):
        fake.installed = callback

    class LlamaModel:
        def __init__(self, **kwargs):
            os.write(2, b"llama_model_loader: loaded meta data with 38 key-value pairs\n")

        def n_vocab(self):
            return 4

        def close(self):
            pass

    class LlamaContext:
        def __init__(self, **kwargs):
            if fake.installed is not None:
                fake.installed(3, b"llama_context: n_ctx_per_seq (512) < n_ctx_train\n", None)

        def close(self):
            pass

    class LlamaBatch(LlamaContext):
        pass

    fake.llama_log_set = llama_log_set
    fake.llama_model_default_params = types.SimpleNamespace
    fake.llama_context_default_params = types.SimpleNamespace
    fake._internals = types.SimpleNamespace(
        LlamaModel=LlamaModel, LlamaContext=LlamaContext, LlamaBatch=LlamaBatch
    )
    monkeypatch.setitem(sys.modules, "llama_cpp", fake)
    weights = tmp_path / "model.gguf"
    weights.write_bytes(b"GGUF")
    spec = scorer.ModelSpec("fake", "fake-package", "none", lambda: weights)
    monkeypatch.setitem(scorer.MODELS, "fake", spec)
    return fake


def test_llama_cpp_log_lines_never_reach_stderr(monkeypatch, tmp_path, capfd):
    from mtfix.scorer import LlamaScorer

    _fake_llama_cpp(monkeypatch, tmp_path)
    monkeypatch.delenv("MTFIX_DEBUG", raising=False)
    print("before", file=sys.stderr, flush=True)
    LlamaScorer("fake")
    print("after", file=sys.stderr, flush=True)
    err = capfd.readouterr().err
    assert "llama_" not in err
    assert err.splitlines() == ["before", "after"]  # our own stderr is back


def test_llama_cpp_logs_shown_with_debug(monkeypatch, tmp_path, capfd):
    from mtfix.scorer import LlamaScorer

    _fake_llama_cpp(monkeypatch, tmp_path)
    monkeypatch.setenv("MTFIX_DEBUG", "1")
    LlamaScorer("fake")
    assert "llama_model_loader" in capfd.readouterr().err


# --- progress on a terminal ----------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _scoring_with_progress(monkeypatch, terminal: bool):
    from rich.console import Console

    from mtfix.progress import ScoringProgress

    screen = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stderr", screen)
    console = Console(file=screen, force_terminal=terminal, width=80)
    progress = ScoringProgress(console)
    return CachedScorer(FakeScorer({"b": 1.0}), progress), progress, screen


def test_context_scoring_shows_a_bar_on_a_terminal_until_the_document_is_done(monkeypatch):
    scorer, progress, screen = _scoring_with_progress(monkeypatch, terminal=True)
    scorer.score(Slot("a b c", 2, 3), ["b", "x", "y"])
    assert "context scoring" in screen.getvalue()
    assert "3 sentences" in screen.getvalue()
    assert progress._progress is not None
    scorer.document_done()
    assert progress._progress is None


def test_context_scoring_shows_nothing_when_stderr_is_not_a_terminal(monkeypatch):
    scorer, _, screen = _scoring_with_progress(monkeypatch, terminal=False)
    scorer.score(Slot("a b c", 2, 3), ["b", "x"])
    scorer.document_done()
    assert screen.getvalue() == ""


def test_context_scoring_leaves_the_terminal_to_a_batch_bar(monkeypatch):
    from mtfix.progress import BatchProgress

    scorer, progress, _ = _scoring_with_progress(monkeypatch, terminal=True)
    monkeypatch.setattr(BatchProgress, "showing", True)
    scorer.score(Slot("a b c", 2, 3), ["b", "x"])
    assert progress._progress is None


def test_llama_threads_leave_out_the_cores_other_work_keeps_busy(monkeypatch):
    from mtfix import batch, scorer

    monkeypatch.setattr(batch, "default_jobs", lambda: 4)
    for busy, threads in ((0.0, 4), (0.2, 4), (2.7, 1), (9.0, 1)):
        monkeypatch.setattr(scorer, "_busy_cores", lambda busy=busy: busy)
        assert scorer.available_cores() == threads
    monkeypatch.setattr(scorer, "_busy_cores", lambda: None)
    assert scorer.available_cores() == 4


def test_busy_cores_are_the_running_tasks_now_not_the_lagging_load_average(monkeypatch):
    """Right after another check, the one-minute load average still counts it: the
    running tasks say the cores are free (this process is one of them)."""
    import builtins
    import io

    from mtfix import scorer

    real_open = builtins.open
    readings = iter(
        ["0.90 0.50 0.20 1/90 123\n", "0.90 0.50 0.20 3/90 123\n"]
        + ["0.90 0.50 0.20 1/90 123\n"] * 3
    )

    def fake_open(path, *args, **kwargs):
        if path == "/proc/loadavg":
            return io.StringIO(next(readings))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(scorer.os, "getloadavg", lambda: (0.9, 0.5, 0.2))
    assert scorer._busy_cores(interval=0) == 0.0  # the median of 0, 2, 0, 0, 0


def test_busy_cores_fall_back_to_the_load_average_without_proc(monkeypatch):
    import builtins

    from mtfix import scorer

    def no_proc(path, *args, **kwargs):
        raise FileNotFoundError(path)

    monkeypatch.setattr(builtins, "open", no_proc)
    monkeypatch.setattr(scorer.os, "getloadavg", lambda: (1.5, 0.0, 0.0))
    assert scorer._busy_cores(interval=0) == 1.5


def test_slot_words_after_reads_that_many_words_past_the_word() -> None:
    sentence = "Ils tournent dans leur route, avait alors déclaré Poutine."
    start = sentence.index("route")
    slot = Slot(sentence, start, start + len("route"))
    two = slot.words_after(2)
    assert two.sentence == "Ils tournent dans leur route, avait alors"
    assert two.sentence[two.start : two.end] == "route"
    assert slot.words_after(0).sentence == "Ils tournent dans leur route,"
    assert slot.words_after(20) == slot
    assert slot.words_after(None) == slot
    assert Slot("la route", 3, 8).words_after(3) == Slot("la route", 3, 8)


class RecordingScorer(FakeScorer):
    """A fake scorer that keeps every slot it was asked about."""

    def __init__(self, preferences=None) -> None:
        super().__init__(preferences or {})
        self.slots: list[Slot] = []

    def score(self, slot: Slot, candidates):
        self.slots.append(slot)
        return super().score(slot, candidates)


def words_read_after(slots: list[Slot]) -> int:
    """The most words any slot reads after its word (not counting punctuation stuck to it)."""
    return max(len(re.sub(r"^\S*", "", s.sentence[s.end :]).split()) for s in slots)


def test_reranking_reads_a_few_words_past_the_finding_not_the_whole_sentence() -> None:
    from mtfix.scorer import RERANK_WORDS_AFTER

    assert RERANK_WORDS_AFTER is not None
    tail = " ".join(["puis", "les", "troupes", "sont", "reparties", "vers", "le", "nord"] * 3)
    text = f"Le convoi a reçu une remark importante hier soir, {tail}."  # a close call
    scorer = RecordingScorer()
    check_document(
        Document("<t>", text), CheckOptions(select=frozenset({"english"})), scorer=scorer
    )
    assert scorer.slots, "the finding is re-ranked"
    assert words_read_after(scorer.slots) == RERANK_WORDS_AFTER


def test_a_finding_whose_first_suggestion_leads_clearly_is_not_scored() -> None:
    """The model re-ranks only findings whose runner-up has at least ``RERANK_CLOSE`` of
    the first's share: a clear lead keeps the suggester's order, and costs no sentence."""
    from mtfix.models import Finding, Suggestion
    from mtfix.scorer import RERANK_CLOSE
    from mtfix.spun import rerank_findings
    from mtfix.suggest import Ranking

    # Two English words: the same one twice would share one sense after re-ranking.
    text = "Le convoi a reçu une aid hier. Le convoi a reçu une fix hier."
    first, second = (text.index("aid"), text.index("fix"))
    lead = RERANK_CLOSE / 2  # the runner-up's share against the first's
    shares = {first: (0.9, 0.9 * lead), second: (0.5, 0.5 * min(1.0, 2 * RERANK_CLOSE))}

    class Suggester:
        def document_rankings(self, text, findings, tokens):
            return {
                id(f): (
                    Ranking(
                        (("aide", shares[f.start][0], "c"), ("secours", shares[f.start][1], "d")),
                        (),
                    ),
                    None,
                )
                for f in findings
            }

    suggestions = (Suggestion("aide", 0.6, "c"), Suggestion("secours", 0.4, "d"))
    findings = [
        Finding(s, s + 3, text[s : s + 3], "english-word", 0.9, "m", suggestions)
        for s in (first, second)
    ]
    scorer = RecordingScorer({"secours": 50.0})
    out = rerank_findings(text, findings, tokens_of(text), Suggester(), scorer)
    assert [f.suggestions[0].replacement for f in out] == ["aide", "secours"]
    assert len(scorer.slots) == 1  # the close finding only


def test_reranking_reads_the_sentence_alone_unless_asked_for_more() -> None:
    """By default a re-ranked finding is read in its own sentence as written; with
    ``sentences_before`` the sentence in front comes too, and with ``repaired`` the other
    findings read as their first suggestions (as ``spun-french-word`` reads)."""
    from mtfix.models import Finding, Suggestion
    from mtfix.spun import rerank_findings
    from mtfix.suggest import Ranking

    text = "Le convoi est parti tôt. Il a reçu une aid et un fix hier."
    ranking = Ranking((("aide", 0.5, "c"), ("secours", 0.5, "d")), ())

    class Suggester:
        def document_rankings(self, text, findings, tokens):
            return {id(f): (ranking, None) for f in findings}

    suggestions = (Suggestion("aide", 0.5, "c"), Suggestion("secours", 0.5, "d"))
    other = text.index("fix")
    findings = [
        Finding(text.index("aid"), text.index("aid") + 3, "aid", "english-word", 0.9, "m",
                suggestions),
        Finding(other, other + 3, "fix", "english-word", 0.9, "m",
                (Suggestion("correctif", 0.9, "d"), Suggestion("réparation", 0.1, "d"))),
    ]  # fmt: skip
    read = {}
    for options in ({}, {"sentences_before": 1, "repaired": True}):
        scorer = RecordingScorer()
        rerank_findings(text, findings, tokens_of(text), Suggester(),
                        scorer, words_after=None, **options)  # fmt: skip
        read[bool(options)] = scorer.slots[0]
    alone, wider = read[False], read[True]
    assert alone.sentence.startswith("Il a reçu") and "un fix" in alone.sentence
    assert wider.sentence.startswith("Le convoi est parti tôt. Il a reçu")
    assert "un correctif" in wider.sentence and wider.sentence[wider.start : wider.end] == "aid"


def test_cached_scorer_passes_the_slots_it_lacks_to_the_inner_scorer_in_one_go() -> None:
    class Batches(FakeScorer):
        def __init__(self, preferences) -> None:
            super().__init__(preferences)
            self.batches: list[list[tuple[str, ...]]] = []

        def score_many(self, requests):
            self.batches.append([tuple(c) for _, c in requests])
            return super().score_many(requests)

    inner = Batches({"face": 2.0, "cap": 1.0})
    cached = CachedScorer(inner)
    first, second = Slot("fait experience à", 5, 15), Slot("la route tourne", 3, 8)
    assert cached.score(first, ["face", "expérience"]) == [2.0, 0.0]
    asked = [(first, ["expérience", "cap"]), (second, ["route"]), (second, ["direction"])]
    assert cached.score_many(asked) == [[0.0, 1.0], [0.0], [0.0]]
    # The first slot again, whole with its new candidate; the second once with both words.
    assert inner.batches[1] == [("face", "expérience", "cap"), ("route", "direction")]
    assert cached.score_many(asked) == [[0.0, 1.0], [0.0], [0.0]] and len(inner.batches) == 2
    assert cached.sentences == 2 + 3 + 2


def test_reranking_reads_only_its_shortlist_past_the_word() -> None:
    """All the candidates are read up to the word; only the best ``RERANK_SHORTLIST`` of
    them (that reading plus the prior) are read with the words after it, so a candidate the
    words after would favour but the reading up to it ranks low cannot win."""
    from mtfix.models import Finding, Suggestion
    from mtfix.scorer import RERANK_SHORTLIST
    from mtfix.spun import rerank_findings
    from mtfix.suggest import Ranking

    assert RERANK_SHORTLIST is not None
    text = "Le convoi a reçu une aid importante hier soir."
    start = text.index("aid")
    words = [f"mot{i}" for i in range(RERANK_SHORTLIST + 4)]
    ranking = Ranking(tuple((w, 0.2 - 0.001 * i, "d") for i, w in enumerate(words)), ())

    class Suggester:
        def document_rankings(self, text, findings, tokens):
            return {id(f): (ranking, None) for f in findings}

    class Split(RecordingScorer):
        """Reading up to the word prefers the first words; reading past it, the last."""

        def __init__(self) -> None:
            super().__init__()
            self.read: list[tuple[bool, list[str]]] = []

        def score(self, slot, candidates):
            past = len(slot.sentence) > slot.end
            self.read.append((past, list(candidates)))
            sign = 1.0 if past else -1.0
            return [sign * 10.0 * words.index(c) for c in candidates]

    suggestions = tuple(Suggestion(w, 0.1, "d") for w in words[:5])
    finding = Finding(start, start + 3, "aid", "english-word", 0.9, "m", suggestions)
    scorer = Split()
    (out,) = rerank_findings(text, [finding], tokens_of(text), Suggester(), scorer)
    assert [(past, len(c)) for past, c in scorer.read] == [
        (False, len(words)),
        (True, RERANK_SHORTLIST),
    ]
    assert set(scorer.read[1][1]) == set(words[:RERANK_SHORTLIST])
    assert out.suggestions[0].replacement == words[RERANK_SHORTLIST - 1]


def test_prefixes_side_by_side_decode_the_tokens_they_begin_with_once() -> None:
    """Slots of one sentence read up to their words begin with the same tokens: each
    such token is one step in the sequences of all the prefixes it begins, and each
    prefix still gets the output at its own last token."""
    from mtfix.scorer import _shared_prefixes

    steps, owners = _shared_prefixes(
        [(0, [1, 2, 3, 4]), (5, [1, 2, 3, 9, 9]), (7, [1, 2, 3, 4]), (9, [8])]
    )
    assert [(s.position, s.token) for s in steps] == [
        (0, 1), (1, 2), (2, 3), (3, 4), (3, 9), (4, 9), (0, 8)
    ]  # fmt: skip
    assert [(s.seq, *s.also) for s in steps[:3]] == [(0, 5, 7)] * 3
    assert [(s.seq, *s.also) for s in steps[3:]] == [(0, 7), (5,), (5,), (9,)]
    assert [s.output for s in steps] == [False, False, False, True, False, True, True]
    assert owners == [[0, 2], [1], [3]]


def test_openmp_threads_poll_briefly_before_they_sleep(monkeypatch, tmp_path):
    """llama.cpp's OpenMP threads get a bounded spin count when the user set nothing:
    neither libgomp's default (which burns a core per thread on a busy machine) nor none
    (a sleep after each of the model's operations)."""
    import os

    from mtfix import scorer

    _fake_llama_cpp(monkeypatch, tmp_path)
    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    monkeypatch.delenv("GOMP_SPINCOUNT", raising=False)
    scorer.LlamaScorer("fake")
    assert os.environ["GOMP_SPINCOUNT"] == scorer.OPENMP_SPIN_COUNT
    assert "OMP_WAIT_POLICY" not in os.environ


def test_a_users_openmp_wait_policy_is_kept(monkeypatch, tmp_path):
    import os

    from mtfix import scorer

    _fake_llama_cpp(monkeypatch, tmp_path)
    monkeypatch.setenv("OMP_WAIT_POLICY", "PASSIVE")
    monkeypatch.delenv("GOMP_SPINCOUNT", raising=False)
    scorer.LlamaScorer("fake")
    assert os.environ["OMP_WAIT_POLICY"] == "PASSIVE"
    assert "GOMP_SPINCOUNT" not in os.environ
    monkeypatch.delenv("OMP_WAIT_POLICY")
    monkeypatch.setenv("GOMP_SPINCOUNT", "50")
    scorer.LlamaScorer("fake")
    assert os.environ["GOMP_SPINCOUNT"] == "50"


def test_after_reranking_the_same_word_s_close_call_follows_its_sure_slot() -> None:
    def finding(start: int, text: str, *ranked: tuple[str, float]) -> Finding:
        suggestions = tuple(Suggestion(word, share, "synonym-fr") for word, share in ranked)
        return Finding(start, start + len(text), text, "english-word", 0.9, "", suggestions)

    close = finding(0, "Viewpoint", ("Situation", 0.46), ("Perspective", 0.44), ("Phase", 0.1))
    sure = finding(40, "viewpoint", ("perspective", 0.8), ("situation", 0.2))
    other = finding(80, "aid", ("assistance", 0.5), ("aide", 0.5))
    pooled = one_sense_after_reranking([close, sure, other])
    assert [s.replacement for s in pooled[0].suggestions][:2] == ["Perspective", "Situation"]
    assert pooled[1].suggestions[0].replacement == "perspective"
    assert pooled[2] is other
