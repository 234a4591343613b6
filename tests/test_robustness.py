"""A run over bad files: each gets one line on stderr, the good ones are still checked
(issue 8). Writing: read-only files, permission denied, a full disk, files changed or
deleted in between. Large files: bounded time and memory."""

from __future__ import annotations

import errno
import json
import os
import time

import pytest
from typer.testing import CliRunner

from mtfix import writer
from mtfix.cli import app
from mtfix.document import read_document
from mtfix.errors import MtfixError
from mtfix.pipeline import CheckOptions, check_document

GOOD = "Une aid pour la viewpoint.\n"


@pytest.fixture
def runner():
    return CliRunner()


def _mixed_folder(root):
    (root / "good.txt").write_text(GOOD)
    (root / "sub").mkdir()
    (root / "sub" / "good.md").write_text("# Titre\n\n" + GOOD)
    (root / "cp1252.txt").write_bytes(GOOD.replace("pour", "pour l’été").encode("cp1252"))
    (root / "utf16.txt").write_bytes(GOOD.encode("utf-16"))
    (root / "empty.txt").write_bytes(b"")
    (root / "invalid.txt").write_bytes("été ".encode() + b"\xe9 aid\n")
    (root / "binary.txt").write_bytes(b"\x7fELF\x00\x00")
    (root / "dangling.txt").symlink_to(root / "nowhere")
    (root / "loop.txt").symlink_to(root / "loop.txt")
    (root / "cycle").symlink_to(root)
    os.mkfifo(root / "fifo.txt")
    (root / os.fsdecode(b"caf\xe9.txt")).write_text(GOOD)


def test_mixed_folder_reports_every_file(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _mixed_folder(tmp_path)
    result = runner.invoke(app, ["check", ".", "--format", "json", "-j", "1"])
    assert result.exit_code == 2, result.output
    files = {os.path.relpath(f["path"]): f for f in json.loads(result.stdout)["files"]}
    good = ["good.txt", "sub/good.md", "cp1252.txt", "utf16.txt", os.fsdecode(b"caf\xe9.txt")]
    for name in good:
        assert [f["text"] for f in files[name]["findings"]][:2] == ["aid", "viewpoint"], name
    assert files["cp1252.txt"]["encoding"] == "cp1252"
    assert files["utf16.txt"]["encoding"] == "utf-16"
    assert files["empty.txt"]["findings"] == []
    errors = {name: f["error"] for name, f in files.items() if "error" in f}
    assert errors == {
        "invalid.txt": "not valid UTF-8 (byte 6: invalid continuation byte)",
        "dangling.txt": "dangling symbolic link",
        "loop.txt": "symbolic link loop",
    }
    stderr = result.stderr
    assert "mtfix: ./dangling.txt: dangling symbolic link" in stderr
    assert "mtfix: ./binary.txt: skipped (binary file)" in stderr
    assert "mtfix: ./fifo.txt: skipped (a FIFO)" in stderr
    assert "Traceback" not in stderr


def test_named_bad_files_are_errors(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _mixed_folder(tmp_path)
    names = ["missing.txt", "binary.txt", "fifo.txt", "sub", "good.txt"]
    result = runner.invoke(app, ["check", *names[:3], "good.txt", "--files-from", "sub"])
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if not line.startswith("mtfix: note")]
    assert lines == [
        "mtfix: missing.txt: no such file",
        "mtfix: binary.txt: binary file (contains NUL bytes)",
        "mtfix: fifo.txt: a FIFO, not a regular file",
        "mtfix: sub: is a directory",
    ]
    assert "good.txt:1:5: english-word 'aid'" in result.stdout


def test_undecodable_name_printed_escaped(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_bytes(b"\xe9t\xe9 \xff\xfe\x00")
    result = runner.invoke(app, ["check", name])
    assert result.exit_code == 2
    assert "mtfix: caf\\xe9.txt: binary file" in result.stderr


def test_fix_writes_cp1252_back(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    original = "Les possibilities de l’été sont là.\n"
    (tmp_path / "a.txt").write_bytes(original.encode("cp1252"))
    result = runner.invoke(app, ["fix", "--write", "a.txt"])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "a.txt").read_bytes() == original.replace(
        "possibilities", "possibilités"
    ).encode("cp1252")


# --- writing --------------------------------------------------------------------------


def _source(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD)
    return path, writer.read_source(str(path))


def _no_temp_files(folder) -> bool:
    return not [p for p in os.listdir(folder) if p.startswith(".mtfix-")]


def test_full_disk_leaves_original_and_no_temp(tmp_path, monkeypatch):
    path, source = _source(tmp_path)

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(MtfixError, match="no space left on device"):
        writer.write_text(source, "Une aide.\n")
    assert path.read_text() == GOOD and _no_temp_files(tmp_path)


def test_permission_denied_on_replace(tmp_path, monkeypatch):
    path, source = _source(tmp_path)

    def denied(*args):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", denied)
    with pytest.raises(MtfixError, match="permission denied"):
        writer.write_text(source, "Une aide.\n")
    assert path.read_text() == GOOD and _no_temp_files(tmp_path)


def test_read_only_file_not_written(tmp_path):
    path, source = _source(tmp_path)
    path.chmod(0o444)  # root bypasses the bit; mtfix still refuses
    with pytest.raises(MtfixError, match="permission denied"):
        writer.write_text(source, "Une aide.\n")
    assert path.read_text() == GOOD and _no_temp_files(tmp_path)


@pytest.mark.parametrize("change", ["modified", "deleted", "fifo"])
def test_changed_between_read_and_write(tmp_path, change):
    path, source = _source(tmp_path)
    path.unlink()
    if change == "modified":
        path.write_text(GOOD + "more\n")
    elif change == "fifo":
        os.mkfifo(path)  # must not block
    with pytest.raises(MtfixError, match="changed on disk"):
        writer.write_text(source, "Une aide.\n")
    assert _no_temp_files(tmp_path)


def test_deleted_between_discovery_and_reading(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(GOOD)
    import mtfix.runner

    real = mtfix.runner.read_document

    def vanish(path):
        os.unlink(path)
        return real(path)

    monkeypatch.setattr(mtfix.runner, "read_document", vanish)
    result = runner.invoke(app, ["check", ".", "-j", "1"])
    assert result.exit_code == 2
    assert "mtfix: ./a.txt: no such file" in result.stderr


# --- size -----------------------------------------------------------------------------


def test_ten_megabyte_single_line(tmp_path):
    """10 MB on one line, of long runs that used to make the tokenizer quadratic."""
    path = tmp_path / "line.txt"
    piece = "a" * 5000 + " " + "b-" * 2500 + " " + "l’" * 2500 + " "
    path.write_text(piece * (10_000_000 // len(piece)))
    began = time.perf_counter()
    document = read_document(str(path))
    check_document(document, CheckOptions(suggest=False))
    assert time.perf_counter() - began < 60


def test_prose_scales_linearly():
    """Stand-in for a 100 MB article (the checker runs at ~100 KB/s of prose, so 100 MB
    would take minutes): doubling the prose at most ~doubles the time."""
    line = "Les possibilities de la viewpoint restent faibles, a déclaré Johnson. " * 20
    times = []
    for size in (1, 4):
        text = "\n".join([line] * 100 * size)
        from mtfix.models import Document

        began = time.perf_counter()
        check_document(Document("a.txt", text), CheckOptions(suggest=False))
        times.append(time.perf_counter() - began)
    assert times[1] < 4 * 2.5 * times[0] + 0.5


def test_hundred_megabytes_read_with_bounded_memory(tmp_path):
    """A 100 MB file is read and decoded in one pass; peak memory is a small multiple of
    its size (no copies per line)."""
    import tracemalloc

    path = tmp_path / "big.txt"
    chunk = ("Une phrase française ordinaire, sans rien de spécial.\n" * 1000).encode()
    with open(path, "wb") as handle:
        for _ in range(100_000_000 // len(chunk)):
            handle.write(chunk)
    tracemalloc.start()
    began = time.perf_counter()
    document = read_document(str(path))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(document.text) > 90_000_000
    assert peak < 4 * path.stat().st_size
    assert time.perf_counter() - began < 60
