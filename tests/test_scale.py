"""Findings-dense input: the time grows linearly with the number of findings (issue 15).

Three lines of ``'Le mot unachievable est ici. ' * 20000`` (1.8 MB, 60,000 findings) took
ten minutes: every finding rebuilt an index of the whole document. These tests time the
same shape at N and 4N findings and assert the growth, not a duration: a linear step
takes about 4 times as long, a per-finding scan of the document about 16 times.
"""

from __future__ import annotations

import gc
import io
import re
import time
from collections import Counter
from collections.abc import Callable

from typer.testing import CliRunner

from mtfix.cli import app
from mtfix.fix import apply_fixes
from mtfix.lexicon import default_lexicon
from mtfix.models import Document, Finding, Suggestion
from mtfix.pipeline import CheckOptions, check_document
from mtfix.planning import plan, selected
from mtfix.scorer import FakeScorer, slot_for
from mtfix.segment import layout
from mtfix.slot import Slot
from mtfix.spun import repairs_of
from mtfix.suggest import Ranking, one_sense_per_document, suggester_for
from mtfix.tokenize import tokenize

MAX_GROWTH = 6.0  # time(4N) / time(N); linear is 4, quadratic 16


def dense_text(sentence: str, per_line: int) -> str:
    """The issue's shape: three long lines, each the same sentence repeated."""
    return "\n".join([sentence * per_line] * 3) + "\n"


def timed(run: Callable[[], object]) -> float:
    """CPU time of this process (other processes on a busy machine do not count), with
    the garbage collector paused as timeit does: its passes over everything the test
    session holds would otherwise be timed too."""
    gc.collect()
    gc.disable()
    try:
        began = time.process_time()
        run()
        return time.process_time() - began
    finally:
        gc.enable()


def growth(make_run: Callable[[int], Callable[[], object]], size: int, repeats: int = 3) -> float:
    """time(4N) / time(N), each the fastest of a few runs taken in turn (what noise is
    left, caches and scheduling, only adds time)."""
    small, large = make_run(size), make_run(4 * size)
    small()  # warm the caches (lexicon, suggester) before timing
    times = [(timed(small), timed(large)) for _ in range(repeats)]
    return min(t for _, t in times) / min(t for t, _ in times)


def test_check_with_suggestions_is_linear_in_findings() -> None:
    def make_run(per_line: int) -> Callable[[], object]:
        document = Document("dense.txt", dense_text("Le mot unachievable est ici. ", per_line))
        return lambda: check_document(document, CheckOptions())

    assert growth(make_run, 300) <= MAX_GROWTH


def test_one_sense_per_document_is_linear_in_the_slots_of_one_word() -> None:
    """A document writing one English word in many slots pools them all."""

    def make_run(slots: int) -> Callable[[], object]:
        ranked = tuple((f"mot{k}", 0.2, "synonym-fr") for k in range(5))
        rankings = {
            ("viewpoint", Slot(left=f"w{i}")): Ranking(ranked, (0.5, 0.5)) for i in range(slots)
        }
        occurrences = Counter(rankings.keys())
        return lambda: one_sense_per_document(rankings, occurrences)

    assert growth(make_run, 500) <= MAX_GROWTH


def test_apply_fixes_is_linear_in_fixes() -> None:
    def make_run(per_line: int) -> Callable[[], object]:
        text = dense_text("Le mot unachievable est ici. ", per_line)
        suggestion = (Suggestion("impossible", 0.9, "synonym-fr"),)
        findings = [
            Finding(m.start(), m.end(), m.group(), "english-word", 0.97, "English", suggestion)
            for m in re.finditer("unachievable", text)
        ]
        fixes = selected(plan(text, findings, gender_of=lambda _word: ""))
        return lambda: apply_fixes(text, fixes)

    # fast (tens of milliseconds): more runs, so that a busy moment does not decide
    assert growth(make_run, 2000, repeats=5) <= MAX_GROWTH


def test_context_scoring_is_linear_in_findings() -> None:
    """With a scorer (``--context``): the sentence around each finding and each
    spinner-target word is found by bisection, with the repairs near it."""

    def make_run(per_line: int) -> Callable[[], object]:
        text = dense_text("La route de la viewpoint est longue. ", per_line)
        document = Document("dense.txt", text)
        return lambda: check_document(document, CheckOptions(), scorer=FakeScorer())

    assert growth(make_run, 200) <= MAX_GROWTH


def test_slot_for_is_linear_in_words_and_repairs() -> None:
    def make_run(per_line: int) -> Callable[[], object]:
        text = dense_text("La route de la viewpoint est longue. ", per_line)
        document = Document("d.txt", text)
        tokens = tokenize(text, layout(document, None).segments).tokens
        findings = check_document(document, CheckOptions(suggest=False))
        repairs = repairs_of(text, findings, tokens, suggester_for(default_lexicon()))
        routes = [t for t in tokens if t.text == "route"]
        return lambda: [
            slot_for(text, t.start, t.end, tokens, repairs, sentences_before=2) for t in routes
        ]

    assert growth(make_run, 400) <= MAX_GROWTH


def test_cli_check_and_fix_are_linear_in_findings(tmp_path, monkeypatch) -> None:
    """The whole command, report and writing included."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def make_check(per_line: int) -> Callable[[], object]:
        path = tmp_path / f"check{per_line}.txt"
        path.write_text(dense_text("Le mot unachievable est ici. ", per_line))
        return lambda: runner.invoke(app, ["check", "--no-config", path.name])

    def make_fix(per_line: int) -> Callable[[], object]:
        path = tmp_path / f"fix{per_line}.txt"
        original = dense_text("Le mot unachievable est ici. ", per_line)

        def run() -> None:
            path.write_text(original)
            result = runner.invoke(app, ["fix", "--write", path.name])
            assert result.exit_code == 0, result.output

        return run

    assert growth(make_check, 250) <= MAX_GROWTH
    assert growth(make_fix, 250) <= MAX_GROWTH


def test_interactive_review_is_linear_in_findings() -> None:
    """``a`` (skip every finding of this word) on the first of many: the rest are
    skipped without a question, each in constant time."""
    from rich.console import Console

    from mtfix.interactive import review

    def make_run(count: int) -> Callable[[], object]:
        text = "Une aid ici. " * count
        suggestion = (Suggestion("aide", 0.9, "test"),)
        findings = [
            Finding(m.start(), m.end(), m.group(), "english-word", 0.9, "English", suggestion)
            for m in re.finditer("aid", text)
        ]
        planned = plan(text, findings, gender_of=lambda _word: "")
        console = Console(file=io.StringIO())
        return lambda: review(console, lambda f: "", text, planned, lambda _prompt: "a")

    assert growth(make_run, 4000, repeats=5) <= MAX_GROWTH


def test_suppressions_are_linear_in_findings_and_directives() -> None:
    """A directive on every line (narrowed to another word, so each finding is kept):
    matching findings to directives is a sweep, not every pair."""

    def make_run(lines: int) -> Callable[[], object]:
        text = "Une aid pour la viewpoint. # mtfix: ignore checklist\n" * lines
        document = Document("d.txt", text)
        return lambda: check_document(document, CheckOptions(suggest=False))

    assert growth(make_run, 1000) <= MAX_GROWTH
