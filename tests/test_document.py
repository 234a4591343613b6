"""Reading files: encodings, odd file types, unreadable paths (issue 8)."""

from __future__ import annotations

import codecs
import errno
import os

import pytest

from mtfix.document import decode, display_path, read_bytes, read_document
from mtfix.errors import MtfixError
from mtfix.models import Document
from mtfix.writer import read_source, write_text

FRENCH = "Une expérience réussie « déjà » : l’été, où la forêt brûle à cœur.\n"


def test_utf8_and_empty():
    assert decode(FRENCH.encode(), "a").encoding == "utf-8"
    assert decode(b"", "a") == Document("a", "", "utf-8")


def test_utf16_with_bom_is_decoded():
    for codec in ("utf-16-le", "utf-16-be"):
        bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
        document = decode(bom + FRENCH.encode(codec), "a")
        assert (document.text, document.encoding, document.bom) == (FRENCH, "utf-16", True)


def test_cp1252_french_is_detected():
    document = decode(FRENCH.encode("cp1252"), "a")
    assert (document.text, document.encoding) == (FRENCH, "cp1252")
    # latin-1 French text decodes the same as cp1252 (they agree above 0xA0)
    plain = FRENCH.replace("’", "'").replace("œ", "oe")
    assert decode(plain.encode("latin-1"), "a").text == plain


def test_latin1_last_resort():
    data = ("Une expérience réussie, déjà l'été. " * 5 + "\x90").encode("latin-1")
    assert decode(data, "a").encoding == "latin-1"


@pytest.mark.parametrize(
    "data",
    [
        "déjà".encode() + b"\xe9",  # UTF-8 with a stray cp1252 byte
        b"\xfa\xf0\xde\xad\xbe\xef\xa4\xb6" * 4,  # not French in any encoding
        "été".encode()[:-1],  # truncated in the middle of a character
    ],
)
def test_invalid_utf8_is_an_error(data):
    with pytest.raises(MtfixError, match="not valid UTF-8"):
        decode(data, "a")


def test_nul_bytes():
    with pytest.raises(MtfixError, match="binary file"):
        decode(b"abc\x00def", "a")


def test_cp1252_written_back_in_cp1252(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Une aid pour l’été.\n".encode("cp1252"))
    source = read_source(str(path))
    assert source.document.encoding == "cp1252"
    write_text(source, source.document.text.replace("aid", "aide"))
    assert path.read_bytes() == "Une aide pour l’été.\n".encode("cp1252")


def test_path_errors(tmp_path):
    cases = {
        "missing": "no such file",
        "folder": "is a directory",
        "dangling": "dangling symbolic link",
        "loop": "symbolic link loop",
        "fifo": "a FIFO, not a regular file",
        "under-file/x.txt": "no such file (a parent is not a folder)",
    }
    (tmp_path / "folder").mkdir()
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    os.mkfifo(tmp_path / "fifo")  # never opened: the test would hang
    (tmp_path / "under-file").write_text("x")
    for name, cause in cases.items():
        with pytest.raises(MtfixError) as raised:
            read_document(str(tmp_path / name))
        assert raised.value.cause == cause, name


def test_device_is_not_read():
    with pytest.raises(MtfixError, match="a device, not a regular file"):
        read_bytes("/dev/zero")


def test_permission_denied_simulated(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("x")

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(MtfixError, match="permission denied"):
        read_document(str(path))


def test_too_large(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"a" * 100)
    with pytest.raises(MtfixError, match="larger than"):
        read_bytes(str(path), limit=10)


def test_display_path_of_undecodable_name():
    name = os.fsdecode(b"caf\xe9.txt")
    assert display_path(name) == "caf\\xe9.txt"
    assert display_path("café.txt") == "café.txt"
