"""Writing fixed files: encoding, BOM, newlines, atomicity, permissions, races."""

from __future__ import annotations

import codecs
import os
import stat

import pytest

from mtfix.errors import MtfixError
from mtfix.models import Document
from mtfix.writer import encode, read_source, write_text


def _write(tmp_path, data: bytes, name: str = "a.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "data",
    [
        b"une aid\nici\n",
        b"une aid\r\nici\r\n",
        b"une aid\r\nici\nl\xc3\xa0",  # mixed, no final newline
        codecs.BOM_UTF8 + "une aid\r\nété\r\n".encode(),
        codecs.BOM_UTF16_LE + "une aid\r\nété".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "une aid\nété\n".encode("utf-16-be"),
    ],
)
def test_write_keeps_encoding_bom_and_newlines(tmp_path, data):
    path = _write(tmp_path, data)
    source = read_source(str(path))
    text = source.document.text
    assert write_text(source, text.replace("aid", "aide", 1))
    out = path.read_bytes()
    # exactly the original bytes with the one word changed
    encoding = source.document.encoding
    if encoding == "utf-16":
        codec = "utf-16-be" if data.startswith(codecs.BOM_UTF16_BE) else "utf-16-le"
        assert out == data.replace("aid".encode(codec), "aide".encode(codec), 1)
    else:
        assert out == data.replace(b"aid", b"aide", 1)
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left


def test_unchanged_text_not_written(tmp_path):
    path = _write(tmp_path, b"rien\n")
    before = path.stat().st_mtime_ns
    assert not write_text(read_source(str(path)), "rien\n")
    assert path.stat().st_mtime_ns == before


def test_permissions_kept(tmp_path):
    path = _write(tmp_path, b"une aid\n")
    path.chmod(0o640)
    write_text(read_source(str(path)), "une aide\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_symlink_kept_and_target_written(tmp_path):
    target = _write(tmp_path, b"une aid\n", "target.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_text(read_source(str(link)), "une aide\n")
    assert link.is_symlink()
    assert target.read_bytes() == b"une aide\n"


def test_changed_on_disk_not_overwritten(tmp_path):
    path = _write(tmp_path, b"une aid\n")
    source = read_source(str(path))
    path.write_bytes(b"une aid, edited by someone else\n")
    with pytest.raises(MtfixError, match="changed on disk"):
        write_text(source, "une aide\n")
    assert path.read_bytes() == b"une aid, edited by someone else\n"
    assert len(list(tmp_path.iterdir())) == 1


def test_deleted_since_read(tmp_path):
    path = _write(tmp_path, b"une aid\n")
    source = read_source(str(path))
    path.unlink()
    with pytest.raises(MtfixError, match="changed on disk"):
        write_text(source, "une aide\n")
    assert not path.exists()


def test_read_only_file_refused(tmp_path):
    path = _write(tmp_path, b"une aid\n")
    path.chmod(0o444)
    with pytest.raises(MtfixError, match="permission denied"):
        write_text(read_source(str(path)), "une aide\n")
    assert path.read_bytes() == b"une aid\n"


def test_cp1252_document_written_in_cp1252():
    document = Document("a.txt", "une aid – été", "cp1252")
    assert encode(document, "une aide – été") == "une aide – été".encode("cp1252")
    with pytest.raises(MtfixError, match="cannot write"):
        encode(document, "😀")


def test_read_errors(tmp_path):
    with pytest.raises(MtfixError, match="no such file"):
        read_source(str(tmp_path / "missing.txt"))
    with pytest.raises(MtfixError, match="is a directory"):
        read_source(str(tmp_path))
    bad = _write(tmp_path, b"caf\xc3\xa9 \xe9\n")  # UTF-8 with a stray byte
    with pytest.raises(MtfixError, match="not valid UTF-8"):
        read_source(str(bad))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads anything")
def test_unreadable(tmp_path):
    path = _write(tmp_path, b"x")
    path.chmod(0)
    with pytest.raises(MtfixError, match="permission denied"):
        read_source(str(path))
