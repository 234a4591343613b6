"""Batch runs: parallel order and equality with -j 1, jsonl, errors, summary, Ctrl-C."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console
from typer.testing import CliRunner

from mtfix import batch
from mtfix.batch import Job, run_batch
from mtfix.cli import app
from mtfix.models import Finding, Suggestion
from mtfix.pipeline import CheckOptions
from mtfix.report import FileResult
from mtfix.summary import Summary, render_summary

SENTENCES = [
    "Le viewpoint des experts reste unachievable selon eux.",
    "Il faut fournir une aid en matière de sécurité.",
    "Un texte entièrement français, sans rien à signaler.",
    "De nombreux gurus russes ont un job ; c'est une interview.",
]


@pytest.fixture
def folder(tmp_path):
    for index in range(20):
        lines = [SENTENCES[(index + k) % len(SENTENCES)] for k in range(index % 5 + 1)]
        (tmp_path / f"doc{index:02d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "doc07.txt").write_bytes(b"binaire\x00ici")
    return tmp_path


def jobs_for(folder) -> list[Job]:
    return [Job(str(p), CheckOptions()) for p in sorted(folder.glob("*.txt"))]


def test_parallel_results_equal_serial_in_order(folder):
    jobs = jobs_for(folder)
    serial = list(run_batch(jobs, 1))
    parallel = list(run_batch(jobs, 2))
    assert [r.path for r in parallel] == [job.path for job in jobs]
    assert parallel == serial
    assert any(r.findings for r in serial)
    assert [r.path for r in serial if r.error] == [str(folder / "doc07.txt")]


def test_results_drop_texts_unless_kept(folder):
    jobs = jobs_for(folder)[:2]
    assert all(r.text == "" for r in run_batch(jobs, 1))
    assert all(r.text for r in run_batch(jobs, 1, keep_text=True) if r.error is None)


def test_small_runs_do_not_start_a_pool(folder, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("pool started")

    monkeypatch.setattr(batch, "ProcessPoolExecutor", no_pool)
    assert len(list(run_batch(jobs_for(folder)[:2], 4))) == 2


def test_failing_file_is_reported_and_run_goes_on(folder, monkeypatch):
    import mtfix.batch

    real = mtfix.batch.check_path

    def flaky(path, options):
        if path.endswith("doc03.txt"):
            raise RuntimeError("boom")
        return real(path, options)

    monkeypatch.setattr(mtfix.batch, "check_path", flaky)
    results = list(run_batch(jobs_for(folder), 1))
    assert len(results) == 20
    assert results[3].error == "internal error: RuntimeError: boom"
    assert results[4].error is None


def test_cli_jobs_give_identical_output(folder):
    runner = CliRunner()
    one = runner.invoke(app, ["check", str(folder), "-j", "1", "--format", "json"])
    two = runner.invoke(app, ["check", str(folder), "-j", "2", "--format", "json"])
    assert one.exit_code == two.exit_code == 1  # the binary file is skipped while walking
    assert one.stdout == two.stdout
    assert json.loads(one.stdout)["summary"]["files"] == 19


def test_jsonl_streams_one_file_entry_per_line(folder):
    runner = CliRunner()
    lines = runner.invoke(app, ["check", str(folder), "-j", "2", "--format", "jsonl"])
    document = runner.invoke(app, ["check", str(folder), "-j", "1", "--format", "json"])
    entries = [json.loads(line) for line in lines.stdout.splitlines() if line.startswith("{")]
    assert entries == json.loads(document.stdout)["files"]
    assert set(entries[0]) == {"path", "encoding", "findings"}
    assert len(entries) == 19  # the binary file found by walking is skipped with a note


def test_binary_file_named_explicitly_is_an_error_entry(folder):
    binary = str(folder / "doc07.txt")
    result = CliRunner().invoke(
        app, ["check", binary, str(folder / "doc08.txt"), "-j", "2", "--format", "jsonl"]
    )
    entries = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert result.exit_code == 2
    assert entries[0] == {"path": binary, "error": "binary file (contains NUL bytes)"}
    assert "findings" in entries[1]


def finding(rule: str, text: str, best: str = "") -> Finding:
    suggestions = (Suggestion(best, 0.9, "dictionary"),) if best else ()
    return Finding(0, len(text), text, rule, 0.9, "m", suggestions)


def test_summary_counts_and_rendering():
    summary = Summary()
    summary.add(FileResult("a.txt", findings=(finding("english-word", "job", "emploi"),) * 3))
    summary.add(FileResult("b.txt", findings=(finding("english-word", "Job", "travail"),)))
    summary.add(FileResult("c.txt", findings=(finding("typography-spacing", " "),)))
    summary.add(FileResult("d.txt"))
    summary.add(FileResult("e.txt", error="no such file"))
    assert (summary.files, summary.files_with_findings, summary.findings) == (5, 3, 5)
    assert summary.by_rule == {"english-word": 4, "typography-spacing": 1}
    assert summary.top_words() == [("job", 4, "emploi")]
    assert summary.top_files() == [("a.txt", 3), ("b.txt", 1), ("c.txt", 1)]
    out = io.StringIO()
    render_summary(Console(file=out, force_terminal=True, width=100, color_system=None), summary)
    text = out.getvalue()
    for expected in ("files checked", "files with findings", "english-word", "emploi", "a.txt"):
        assert expected in text


def test_top_files_keeps_five_largest_first_checked_on_ties():
    summary = Summary()
    for index, count in enumerate([1, 5, 2, 5, 3, 4, 1, 2]):
        summary.add(FileResult(f"f{index}", findings=(finding("english-word", "x"),) * count))
    assert summary.top_files() == [("f1", 5), ("f3", 5), ("f5", 4), ("f4", 3), ("f2", 2)]


def test_no_progress_or_summary_when_piped(folder):
    result = CliRunner().invoke(
        app, ["check", str(folder / "doc00.txt"), str(folder / "doc01.txt")]
    )
    assert "files checked" not in result.output
    assert "checking" not in result.stderr


def test_ctrl_c_stops_with_summary_and_exit_130(folder, monkeypatch):
    from mtfix import cli  # noqa: F401  (the command imports run_batch from batch)

    def interrupted(jobs, workers=None, keep_text=False):
        yield from (batch.check_job(job) for job in jobs[:3])
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "run_batch", interrupted)
    result = CliRunner().invoke(app, ["check", str(folder), "--format", "jsonl"])
    assert result.exit_code == 130
    assert len([line for line in result.stdout.splitlines() if line.startswith("{")]) == 3
    assert "interrupted" in result.stderr
    assert "Traceback" not in result.output


def test_interrupt_in_parallel_loop_shuts_pool_down(folder):
    results = run_batch(jobs_for(folder), 2)
    first = next(results)
    assert first.path.endswith("doc00.txt")
    with pytest.raises(KeyboardInterrupt):
        results.throw(KeyboardInterrupt)
