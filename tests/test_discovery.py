"""File discovery: folders, globs, .gitignore, hidden and binary files, lists (issue 7)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys

import pytest

from mtfix.discovery import discover, read_path_list


def _tree(root, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _found(root, *args, **kwargs) -> list[str]:
    skipped: list[tuple[str, str]] = []
    kwargs.setdefault("use_git", False)
    found = discover([str(root)], *args, on_skip=lambda p, why: skipped.append((p, why)), **kwargs)
    names = [os.path.relpath(p, root) for p in found]
    kwargs_skipped = [(os.path.relpath(p, root), why) for p, why in skipped]
    return names + [f"skipped {p}: {why}" for p, why in kwargs_skipped]


def test_walk_sorted_patterns_hidden_binary(tmp_path):
    _tree(
        tmp_path,
        {
            "b.md": b"x",
            "a.txt": b"x",
            "sub/c.HTML": b"x",
            "sub/d.htm": b"x",
            "sub/e.markdown": b"x",
            "sub/f.py": b"x",
            ".hidden.txt": b"x",
            ".git/g.txt": b"x",
            "node/.cache/h.txt": b"x",
            "bin.txt": b"ab\x00cd",
            "utf16.txt": "été".encode("utf-16"),
        },
    )
    assert _found(tmp_path) == [
        "a.txt",
        "b.md",
        "sub/c.HTML",
        "sub/d.htm",
        "sub/e.markdown",
        "utf16.txt",
        "skipped bin.txt: binary file",
    ]


def test_include_and_excluded(tmp_path):
    _tree(tmp_path, {"a.txt": b"x", "b.rst": b"x", "drafts/c.rst": b"x"})
    assert _found(tmp_path, ("*.rst",)) == ["b.rst", "drafts/c.rst"]

    def excluded(path: str, is_folder: bool) -> bool:  # judges a file with its folders
        return "/drafts/" in path or path.endswith("/drafts")

    assert _found(tmp_path, ("*.rst",), excluded) == ["b.rst"]


def test_named_files_as_given_and_no_duplicates(tmp_path):
    _tree(tmp_path, {"a.txt": b"x", "bin.dat": b"\x00"})
    a, binary = str(tmp_path / "a.txt"), str(tmp_path / "bin.dat")
    found = list(discover([a, binary, "missing.txt", a, "-", str(tmp_path)], use_git=False))
    assert found == [a, binary, "missing.txt", "-"]


def test_symlink_loops_and_special_files(tmp_path):
    _tree(tmp_path, {"a.txt": b"x"})
    (tmp_path / "loop").symlink_to(tmp_path)  # a folder link: not followed
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere")
    os.mkfifo(tmp_path / "pipe.txt")
    assert _found(tmp_path) == [
        "a.txt",
        "dangling.txt",  # reading it reports the cause
        "self.txt",
        "skipped pipe.txt: a FIFO",
    ]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_gitignore_honoured_in_work_tree(tmp_path):
    _tree(
        tmp_path,
        {
            ".gitignore": b"ignored/\n*.log.txt\n",
            "kept.txt": b"x",
            "new.md": b"x",
            "ignored/a.txt": b"x",
            "b.log.txt": b"x",
            "sub/c.txt": b"x",
        },
    )
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "kept.txt", "sub/c.txt"], check=True)
    subprocess.run([*git, "commit", "-qm", "x"], check=True)
    (tmp_path / "sub" / "c.txt").unlink()  # tracked but deleted: not listed
    assert _found(tmp_path, use_git=True) == ["kept.txt", "new.md"]
    assert _found(tmp_path / "sub", use_git=True) == []
    assert _found(tmp_path, use_git=False)[:2] == ["b.log.txt", "ignored/a.txt"]


def test_files_from(tmp_path, monkeypatch):
    _tree(tmp_path, {"a.txt": b"x", "b.txt": b"x", "list": b"a.txt\r\n\n  \nb.txt\n"})
    monkeypatch.chdir(tmp_path)
    assert list(discover(["b.txt"], files_from="list")) == ["b.txt", "a.txt"]
    assert read_path_list("list") == ["a.txt", "b.txt"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"caf\xe9.txt\n")))
    assert read_path_list("-") == [os.fsdecode(b"caf\xe9.txt")]


def test_files_from_unreadable_is_yielded_not_walked(tmp_path):
    _tree(tmp_path, {"folder/a.txt": b"x"})
    folder = str(tmp_path / "folder")
    assert list(discover([], files_from=folder)) == [folder]
    assert list(discover([], files_from="missing")) == ["missing"]
