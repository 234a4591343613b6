"""Read files into ``Document``s: encoding detection, BOM, clear errors."""

from __future__ import annotations

import codecs
import os
import sys
from pathlib import Path

from .errors import MtfixError
from .models import Document

MAX_FILE_BYTES = 512 * 1024 * 1024


def decode(data: bytes, path: str) -> Document:
    """Decode bytes as UTF-8 (with or without BOM) or UTF-16 with BOM.

    Text that is neither is an error for now: guessing a legacy encoding wrongly
    would corrupt the file when it is written back.
    """
    if data.startswith(codecs.BOM_UTF8):
        return Document(path, _decode(data[3:], "utf-8", path), "utf-8", bom=True)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Document(path, _decode(data, "utf-16", path), "utf-16", bom=True)
    if b"\x00" in data:
        raise MtfixError(path, "binary file (contains NUL bytes)")
    return Document(path, _decode(data, "utf-8", path), "utf-8")


def _decode(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise MtfixError(
            path, f"not valid {encoding.upper()} (byte {error.start}: {error.reason})"
        ) from None


def read_document(path: str) -> Document:
    if path == "-":
        return decode(sys.stdin.buffer.read(), "-")
    target = Path(path)
    try:
        if target.is_dir():
            raise MtfixError(path, "is a directory")
        if not target.exists():
            raise MtfixError(path, "no such file")
        if not target.is_file():
            raise MtfixError(path, "not a regular file")
        if target.stat().st_size > MAX_FILE_BYTES:
            raise MtfixError(path, f"larger than {MAX_FILE_BYTES // 2**20} MiB")
        data = target.read_bytes()
    except PermissionError:
        raise MtfixError(path, "permission denied") from None
    except OSError as error:
        raise MtfixError(path, os.strerror(error.errno) if error.errno else str(error)) from None
    return decode(data, path)
