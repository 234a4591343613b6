"""Read files into ``Document``s: safe opening, encoding detection, BOM, clear errors.

Every failure is an ``MtfixError`` whose cause fits on one line (``no such file``,
``dangling symbolic link``, ``FIFO, not a regular file``...). A FIFO or a device is
never opened: reading one could block forever.

Encodings, in this order: UTF-8 with BOM, UTF-16 with BOM, UTF-8; then, for bytes that
are not UTF-8, cp1252 when they decode and read like French text (accented letters,
guillemets, curly apostrophes; no control characters, no UTF-8 sequences mixed in),
else latin-1 under the same condition. Anything else is not valid UTF-8: an error
rather than a guess, since a wrong guess would corrupt the file when it is written back.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import sys

from .errors import MtfixError
from .models import Document

MAX_FILE_BYTES = 512 * 1024 * 1024
SNIFF_BYTES = 8192
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

# Characters French text written in cp1252 or latin-1 is made of, beyond ASCII.
FRENCH_CHARACTERS = frozenset(
    "àâäæçéèêëîïôöœùûüÿÀÂÄÆÇÉÈÊËÎÏÔÖŒÙÛÜŸ«»‘’“”‚„–—…€°§©®™•·\u00a0"
    "áíóúñãõåøßÁÍÓÚÑÃÕÅØ"  # other Latin letters: names, quotations
)
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_C0_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_NON_ASCII_RE = re.compile("[^\x00-\x7f]")
# UTF-8 encodings of é, à... (C3 xx) and of ’ “ ” … — (E2 80 xx): in bytes that are not
# valid UTF-8, they mean a UTF-8 file with an error in it, not a cp1252 file.
_UTF8_SEQUENCE_RE = re.compile(rb"\xc3[\x80-\xbf]|\xe2\x80[\x80-\xbf]")
_LEGACY_ENCODINGS = ("cp1252", "latin-1")


def display_path(path: str) -> str:
    """``path`` printable anywhere: bytes that were not UTF-8 in the file name (kept as
    surrogates by ``os.fsdecode``) become ``\\xNN``."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path


def decode(data: bytes, path: str) -> Document:
    """Decode bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or French text in
    cp1252 or latin-1 (see the module docstring)."""
    if data.startswith(codecs.BOM_UTF8):
        return Document(path, _decode(data[3:], "utf-8", path), "utf-8", bom=True)
    if data.startswith(UTF16_BOMS):
        return Document(path, _decode(data, "utf-16", path), "utf-16", bom=True)
    if b"\x00" in data:
        raise MtfixError(path, "binary file (contains NUL bytes)")
    try:
        return Document(path, data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        problem = f"not valid UTF-8 (byte {error.start}: {error.reason})"
    if not _UTF8_SEQUENCE_RE.search(data):
        for encoding in _LEGACY_ENCODINGS:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if looks_like_french(text, c1_controls=encoding == "latin-1"):
                return Document(path, text, encoding)
    raise MtfixError(path, problem)


def looks_like_french(text: str, c1_controls: bool = False) -> bool:
    """Whether text decoded from a legacy encoding reads as (French) prose: no control
    characters (latin-1 may hold a few C1 ones, counted as foreign), and its non-ASCII
    characters are nearly all French letters and marks."""
    if (_C0_CONTROL_RE if c1_controls else _CONTROL_RE).search(text):
        return False
    non_ascii = len(_NON_ASCII_RE.findall(text[: 1 << 20]))
    if non_ascii == 0:
        return True
    sample = text[: 1 << 20]
    french = sum(sample.count(c) for c in FRENCH_CHARACTERS)
    return french >= 0.9 * non_ascii and non_ascii <= 0.3 * len(sample)


def _decode(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise MtfixError(
            path, f"not valid {encoding.upper()} (byte {error.start}: {error.reason})"
        ) from None


def os_cause(path: str, error: OSError) -> str:
    """One line for an ``OSError`` on ``path``."""
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if error.errno == errno.ENOENT:
        return "dangling symbolic link" if os.path.islink(path) else "no such file"
    if error.errno == errno.ENOTDIR:
        return "no such file (a parent is not a folder)"
    if error.errno == errno.EISDIR:
        return "is a directory"
    if error.errno == errno.ENOSPC:
        return "no space left on device"
    return os.strerror(error.errno) if error.errno else str(error)


def file_kind(mode: int) -> str:
    """What a non-regular file is, for messages."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def check_regular(path: str, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise MtfixError(path, "is a directory")
    if not stat.S_ISREG(mode):
        raise MtfixError(path, f"{file_kind(mode)}, not a regular file")


def read_bytes(path: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file. Never opens a FIFO or a device (``stat`` first, then
    ``O_NONBLOCK`` and ``fstat`` on the open file, in case it was swapped in between)."""
    try:
        check_regular(path, os.stat(path).st_mode)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            info = os.fstat(fd)
            check_regular(path, info.st_mode)
            if info.st_size > limit:
                raise MtfixError(path, f"larger than {limit // 2**20} MiB")
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(info.st_size + 1)  # not limit + 1: no huge buffer
                if len(data) > info.st_size:  # grown since fstat
                    data += handle.read(limit + 1 - len(data))
        finally:
            os.close(fd)
    except OSError as error:
        raise MtfixError(path, os_cause(path, error)) from None
    except MemoryError:
        raise MtfixError(path, "out of memory reading the file") from None
    if len(data) > limit:
        raise MtfixError(path, f"larger than {limit // 2**20} MiB")
    return data


def is_binary(path: str) -> bool:
    """Whether a regular file's first bytes hold a NUL (UTF-16 with BOM is text).
    Unreadable files are not binary: reading them reports the cause."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        head = os.read(fd, SNIFF_BYTES)
    except OSError:
        return False
    finally:
        os.close(fd)
    return not head.startswith(UTF16_BOMS) and b"\x00" in head


def read_document(path: str) -> Document:
    if path == "-":
        return decode(sys.stdin.buffer.read(), "-")
    return decode(read_bytes(path), path)
