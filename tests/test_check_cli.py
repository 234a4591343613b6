"""`mtfix check`: exit codes, text and JSON output, the seed article, explain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtfix import __version__
from mtfix.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_7df49bbe5b4cc3a9.txt"
SEED_GOLD = ROOT / "benchmarks" / "corpora" / "seed" / "000_7df49bbe5b4cc3a9.json"
runner = CliRunner()

FINDING_KEYS = {
    "rule": str,
    "start": int,
    "end": int,
    "line": int,
    "column": int,
    "text": str,
    "confidence": float,
    "message": str,
    "evidence": str,
    "severity": str,
    "suggestions": list,
}


def run(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_clean_file_exits_0(tmp_path: Path) -> None:
    path = write(tmp_path, "ok.txt", "Le président a parlé de la question du combat.\n")
    result = run("check", str(path))
    assert result.exit_code == 0, result.output
    assert result.output == ""


def test_findings_exit_1_with_path_line_col(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Bonjour.\nUne aid pour la ville.\n")
    result = run("check", str(path), "--no-suggestions")
    assert result.exit_code == 1
    assert f"{path}:2:5: english-word 'aid'" in result.output


def test_missing_file_exits_2_with_one_line(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert f"mtfix: {tmp_path / 'nope.txt'}: " in result.output
    assert "Traceback" not in result.output


def test_invalid_option_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", "--min-confidence", "7", str(tmp_path))
    assert result.exit_code == 2


def test_stdin(tmp_path: Path) -> None:
    result = run("check", "-", "--format", "json", stdin="Une job interview demain.")
    assert result.exit_code == 1
    document = json.loads(result.output)
    (finding,) = document["files"][0]["findings"]
    assert finding["text"] == "job interview" and finding["rule"] == "english-span"


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


def validate_json(document: dict) -> None:
    """The version 1 schema of DESIGN.md, checked field by field."""
    assert document["version"] == 1
    assert set(document) == {"version", "files", "summary"}
    for entry in document["files"]:
        assert isinstance(entry["path"], str)
        if "error" in entry:
            assert isinstance(entry["error"], str)
            continue
        assert isinstance(entry["encoding"], str)
        for finding in entry["findings"]:
            assert set(finding) == set(FINDING_KEYS) | {"fix"}
            for key, kind in FINDING_KEYS.items():
                assert isinstance(finding[key], kind), key
            assert 0 <= finding["confidence"] <= 1
            assert finding["line"] >= 1 and finding["column"] >= 1
            for suggestion in finding["suggestions"]:
                assert set(suggestion) == {"replacement", "score", "source"}
            assert finding["severity"] in ("error", "warning")
            fix = finding["fix"]
            if fix is not None:
                assert fix["applicability"] in ("safe", "unsafe", "display-only")
                for edit in fix["edits"]:
                    assert set(edit) == {"start", "end", "replacement"}
                    assert edit["start"] <= finding["start"] <= finding["end"] <= edit["end"]
    summary = document["summary"]
    assert summary["files"] == len(document["files"])
    assert summary["findings"] == sum(len(f.get("findings", [])) for f in document["files"])


def test_json_matches_schema_and_offsets(tmp_path: Path) -> None:
    text = "Première ligne.\nLes gurus ont parlé d’une aid.\n"
    path = write(tmp_path, "a.txt", text)
    missing = tmp_path / "missing.txt"
    result = run("check", str(path), str(missing), "--format", "json")
    assert result.exit_code == 2  # an unreadable file wins over findings
    document = json.loads(result.stdout)
    validate_json(document)
    good, bad = document["files"]
    assert "error" in bad
    for finding in good["findings"]:
        assert text[finding["start"] : finding["end"]] == finding["text"]
        line_start = text.rfind("\n", 0, finding["start"]) + 1
        assert finding["column"] == finding["start"] - line_start + 1


def seed_findings() -> list[dict]:
    result = run("check", str(SEED), "--format", "json", "--select", "english")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    validate_json(document)
    return document["files"][0]["findings"]


def test_seed_finds_every_easy_intrusion_and_the_title() -> None:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    findings = seed_findings()
    for span in gold["spans"]:
        if span["kind"] in ("easy", "title"):
            assert any(f["start"] < span["end"] and span["start"] < f["end"] for f in findings), (
                span["text"]
            )
    assert [f["rule"] for f in findings].count("english-title") == 1


@pytest.mark.parametrize(
    "name", ["Joe Biden", "The Guardian", "CIA", "Davos", "Kyiv", "Bill Burns", "Klain"]
)
def test_seed_names_are_silent(name: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    for finding in seed_findings():
        if finding["rule"] == "english-title":
            continue  # the quoted book title holds a name; it is reported as a whole
        position = text.find(name)
        while position >= 0:
            assert not (finding["start"] < position + len(name) and position < finding["end"])
            position = text.find(name, position + 1)


def test_plain_output_when_piped(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Une aid.\n")
    result = run("check", str(path))
    assert "\x1b[" not in result.output


def test_explain_shows_evidence_and_candidates() -> None:
    result = run("explain", "viewpoint", "--context", "la viewpoint du président")
    assert result.exit_code == 0
    assert "English frequency" in result.output
    assert "english-word" in result.output
    assert "synonym-fr" in result.output


def test_explain_refuses_a_file_with_a_one_line_error(tmp_path: Path) -> None:
    path = write(tmp_path, "article.txt", "Une aid.\n")
    result = run("explain", str(path))
    assert result.exit_code == 2
    assert "explain takes a word" in result.output
    assert str(path) in result.output
    assert "Evidence" not in result.output


def test_explain_french_word_is_not_flagged() -> None:
    result = run("explain", "question")
    assert result.exit_code == 0
    assert "not flagged: French" in result.output


@pytest.mark.parametrize(
    "console_options",
    [
        {"force_terminal": True},
        {"force_terminal": False},
        {"force_terminal": True, "no_color": True},
        {"force_terminal": True, "color_system": "256"},
    ],
)
def test_report_lines_are_what_rich_would_print(console_options: dict) -> None:
    """The text report writes its lines itself (rich's print per finding was slower than
    the checking): the bytes are those rich prints, colours and verbose evidence included."""
    import io

    from rich.console import Console
    from rich.text import Text

    from mtfix.pipeline import check_text
    from mtfix.report import by_severity, make_result, render_text, text_line_parts

    text = "Une aid pour la viewpoint ; ici  là.\n"
    result = make_result("a.txt", text, "utf-8", check_text(text))
    fast, slow = io.StringIO(), io.StringIO()
    render_text(
        Console(file=fast, highlight=False, soft_wrap=True, **console_options), result, True
    )
    console = Console(file=slow, highlight=False, soft_wrap=True, **console_options)
    for finding in by_severity(result.findings):
        line = Text()
        for part, style in text_line_parts(result, finding, True):
            line.append(part, style=style)
        console.print(line, soft_wrap=True, highlight=False)
    assert len(result.findings) >= 2
    assert fast.getvalue() == slow.getvalue()


def test_version_from_the_console_script_loads_no_command_line() -> None:
    import subprocess
    import sys

    probe = (
        "import sys; sys.argv = ['mtfix', '--version']; from mtfix.entry import main; main(); "
        "print(sorted(m for m in ('typer', 'rich', 'mtfix.cli') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == [f"mtfix {__version__}", "[]"]


def _piped_check(path: Path, env: dict[str, str] | None = None) -> tuple[str, list[str]]:
    """Standard output of ``mtfix check PATH`` run with both streams piped, and which of
    rich, importlib.metadata and the other commands' modules it loaded."""
    import os
    import subprocess
    import sys

    probe = (
        "import sys; sys.argv = ['mtfix', 'check', sys.argv[1]]\n"
        "from mtfix.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('rich', 'importlib.metadata', 'mtfix.cli_fix', 'mtfix.cli_explain',"
        " 'mtfix.scorer')\n"
        "heavy = [m for m in heavy if m in sys.modules]\n"
        "print('loaded:', ' '.join(heavy))\n"
    )
    environ = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    out = subprocess.run(
        [sys.executable, "-c", probe, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={**environ, **(env or {})},
    )
    *lines, loaded = out.stdout.splitlines()
    return "\n".join(lines), loaded.removeprefix("loaded:").split()


def test_a_piped_check_loads_neither_rich_nor_package_metadata(tmp_path: Path) -> None:
    """Start-up: rich only draws styles on a terminal, the note on the context extra
    finds the installation without importlib.metadata (both cost more than the check)
    nor the scorer's module, and typer builds only the commands of the module that
    defines ``check``."""
    path = tmp_path / "one.txt"
    path.write_text("Le viewpoint des experts reste unachievable.\n", encoding="utf-8")
    output, loaded = _piped_check(path)
    assert "english-word 'viewpoint'" in output
    assert loaded == []


def test_piped_text_is_what_rich_writes_to_a_pipe(tmp_path: Path) -> None:
    """TTY_COMPATIBLE=0 makes mtfix use rich's console, which then sees no terminal."""
    path = tmp_path / "notes.txt"
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    plain, loaded = _piped_check(path)
    through_rich, loaded_rich = _piped_check(path, {"TTY_COMPATIBLE": "0"})
    assert "rich" not in loaded and "rich" in loaded_rich
    assert plain.count("\n") > 10
    assert plain == through_rich


def test_the_console_script_knows_the_module_of_every_command() -> None:
    from mtfix.entry import COMMAND_MODULES

    defined = {}
    for command in app.registered_commands:
        name = command.name or command.callback.__name__.replace("_", "-")
        defined[name] = command.callback.__module__.removeprefix("mtfix.")
    assert defined == COMMAND_MODULES


def _console_script(args: list[str], through_typer: bool, cwd: Path) -> tuple[str, str, int, bool]:
    """stdout, stderr, exit code of ``mtfix ARGS`` run by the console script (or by the
    typer app), and whether typer was loaded."""
    import subprocess
    import sys

    entry = "mtfix.cli" if through_typer else "mtfix.entry"
    probe = (
        "import sys\n"
        f"from {entry} import main\n"
        "try:\n    main()\nfinally:\n"
        "    sys.stderr.write(f'typer loaded: {\"typer\" in sys.modules}')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=cwd
    )
    stderr, _, loaded = out.stderr.rpartition("typer loaded: ")
    return out.stdout, stderr, out.returncode, loaded == "True"


@pytest.mark.parametrize(
    "args",
    [
        ["check", "english.txt"],
        ["check", "clean.txt"],
        ["check", "missing.txt"],
        ["check", "folder", "clean.txt"],
        ["check", "folder/seed.md"],
    ],
)
def test_a_plain_check_runs_without_typer_as_the_command_does(tmp_path: Path, args) -> None:
    (tmp_path / "english.txt").write_text("Le viewpoint des experts.\n", encoding="utf-8")
    (tmp_path / "clean.txt").write_text("Le point de vue des experts.\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "seed.md").write_text(SEED.read_text(encoding="utf-8"))
    fast = _console_script(args, through_typer=False, cwd=tmp_path)
    slow = _console_script(args, through_typer=True, cwd=tmp_path)
    assert fast[:3] == slow[:3]
    assert (fast[3], slow[3]) == (False, True)


def test_a_plain_check_into_a_closed_pipe_exits_as_the_command_does(tmp_path: Path) -> None:
    import subprocess
    import sys

    for index in range(40):
        (tmp_path / f"seed-{index:02d}.txt").write_text(SEED.read_text(encoding="utf-8"))
    outcomes = []
    for entry in ("mtfix.entry", "mtfix.cli"):
        process = subprocess.Popen(
            [sys.executable, "-c", f"from {entry} import main; main()", "check", str(tmp_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(100)
        process.stdout.close()
        stderr = process.stderr.read().decode()
        outcomes.append((process.wait(), "Error" in stderr or "Traceback" in stderr))
    assert outcomes[0] == outcomes[1] == (1, False)
