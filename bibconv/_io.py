"""The only file I/O in the library: reading text and writing files atomically."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

STDIO = "-"


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped) with a Latin-1 fallback; newlines become ``\\n``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Old .bib files are often Latin-1; every byte decodes, so nothing is lost.
        text = data.decode("latin-1")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of ``path``, or of standard input for ``-``."""
    if os.fspath(path) == STDIO:
        return sys.stdin.buffer.read()
    return Path(path).read_bytes()


def read_text(path: str | os.PathLike[str]) -> str:
    """The text of ``path`` (``-`` for stdin), decoded as :func:`decode` says."""
    return decode(read_bytes(path))


def atomic_write(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` as UTF-8 so that ``path`` is either untouched or complete.

    The temporary file sits in the same directory, so ``os.replace`` is a rename on one
    file system; an existing file's permission bits are kept.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
