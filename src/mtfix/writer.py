"""Read a file keeping its bytes, and write it back safely.

Writing encodes the new text in the document's encoding (BOM kept), never touches
newlines (offsets are over the text with ``\\r\\n`` intact, so the newline style and
the final newline stay as they were), goes through a temporary file in the same
folder and ``os.replace`` (atomic), keeps the permission bits, and refuses when the
file changed on disk since it was read.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
import tempfile
from dataclasses import dataclass

from .document import decode, os_cause, read_bytes
from .errors import MtfixError
from .models import Document


@dataclass(frozen=True)
class Source:
    """A document and the exact bytes it was decoded from."""

    document: Document
    data: bytes

    @property
    def path(self) -> str:
        return self.document.path


def read_source(path: str) -> Source:
    data = read_bytes(path)
    return Source(decode(data, path), data)


def source_from_bytes(data: bytes, path: str = "-") -> Source:
    return Source(decode(data, path), data)


def encode(document: Document, text: str, original: bytes = b"") -> bytes:
    """``text`` in the document's encoding, with its BOM when it had one."""
    encoding = document.encoding.lower().replace("_", "-")
    if encoding in ("utf-16", "utf16"):
        big = original.startswith(codecs.BOM_UTF16_BE)
        bom, codec = (
            (codecs.BOM_UTF16_BE, "utf-16-be") if big else (codecs.BOM_UTF16_LE, "utf-16-le")
        )
        return bom + text.encode(codec)
    try:
        body = text.encode(document.encoding)
    except UnicodeEncodeError as error:
        raise MtfixError(
            document.path,
            f"cannot write {text[error.start : error.end]!r} in {document.encoding}",
        ) from None
    if document.bom and encoding in ("utf-8", "utf8"):
        return codecs.BOM_UTF8 + body
    return body


def write_text(source: Source, text: str) -> bool:
    """Write ``text`` over the file ``source`` was read from. False when unchanged."""
    data = encode(source.document, text, source.data)
    if data == source.data:
        return False
    write_bytes(source.path, data, expected=source.data)
    return True


def write_bytes(path: str, data: bytes, expected: bytes) -> None:
    """Atomically replace ``path`` by ``data`` if it still holds ``expected``."""
    real = os.path.realpath(path)  # write through a symlink, keep the link
    try:
        info = os.stat(real)
        if not _writable(real, info.st_mode):
            raise MtfixError(path, "permission denied")
        _ensure_unchanged(path, real, expected)
        folder = os.path.dirname(real) or "."
        fd, temp = tempfile.mkstemp(prefix=".mtfix-", suffix=".tmp", dir=folder)
    except PermissionError:
        raise MtfixError(path, "permission denied") from None
    except FileNotFoundError:
        raise MtfixError(path, "changed on disk since it was read (deleted); not written") from None
    except OSError as error:
        raise MtfixError(path, os_cause(path, error)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, stat.S_IMODE(info.st_mode))
        with contextlib.suppress(OSError):
            os.chown(temp, info.st_uid, info.st_gid)
        _ensure_unchanged(path, real, expected)
        os.replace(temp, real)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(error, PermissionError):
            raise MtfixError(path, "permission denied") from None
        if isinstance(error, OSError) and not isinstance(error, MtfixError):
            raise MtfixError(path, os_cause(path, error)) from None
        raise


def _writable(real: str, mode: int) -> bool:
    """Writable for us, and not marked read-only (root may write anything: a file
    without any write bit is still treated as read-only)."""
    any_write = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    return os.access(real, os.W_OK) and bool(mode & any_write)


def _ensure_unchanged(path: str, real: str, expected: bytes) -> None:
    try:
        current: bytes | None = read_bytes(real, limit=len(expected))
    except MtfixError:  # deleted, replaced by a FIFO, grown...
        current = None
    if current != expected:
        raise MtfixError(path, "changed on disk since it was read; not written")
