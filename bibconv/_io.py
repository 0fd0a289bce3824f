"""The only file I/O in the library: reading text and writing files atomically."""

from __future__ import annotations

import codecs
import errno
import functools
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

STDIO = "-"


# Windows tools save "Unicode" text as UTF-16 with a byte-order mark; read as Latin-1
# it would be NUL-riddled junk that every reader skips without a word.
_UNICODE_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped), UTF-16/32, else cp1252/Latin-1; newlines become ``\\n``."""
    try:
        text = data.decode(bom_encoding(data) or "utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_8bit(data)
    return _lf(text)


def decode_utf8(data: bytes, *, bom: bool = True) -> str:
    """A piece of a UTF-8 file as :func:`decode` reads the whole (``bom``: the piece
    starts the file); raises :class:`UnicodeDecodeError` where the file is not UTF-8."""
    return _lf(data.decode("utf-8-sig" if bom else "utf-8"))


def _lf(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _decode_8bit(data: bytes) -> str:
    """Old .bib files are Latin-1 or, saved on Windows, cp1252: the same letters, but
    cp1252's 0x80-0x9F are curly quotes and dashes where Latin-1 has invisible control
    characters. Latin-1 is the last resort (every byte decodes, so nothing is lost)."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _UNICODE_BOMS:  # UTF-32-LE's BOM starts like UTF-16-LE's
        if data.startswith(bom):
            return encoding
    # Without a BOM, ASCII-heavy UTF-16 shows as a NUL in every other byte.
    sample = data[:1024]
    if len(sample) >= 4 and b"\0" in sample:
        if sample[1::2].count(0) * 10 >= len(sample) // 2 * 9:
            return "utf-16-le"
        if sample[0::2].count(0) * 10 >= len(sample) // 2 * 9:
            return "utf-16-be"
    return None


def stream_codec(slices: Callable[[], Iterable[bytes]]) -> str | None:
    """The codec :func:`decode` reads a whole file with, from its bytes given slice by
    slice (``slices()`` starts again from the file's start; the first slice at least
    1 KB, unless the file is shorter; nothing is kept): ``"utf-8"``, ``"cp1252"`` or
    ``"latin-1"``, or None for UTF-16/32 (read those whole). Decoding each line-aligned
    piece with it (:func:`decode_piece`) gives the text of :func:`decode` piece by piece.
    The slices are decoded once (a second time for a file that is not UTF-8)."""
    for first in slices():
        if bom_encoding(first[:1024]) is not None:
            return None
        break
    for codec in ("utf-8", "cp1252"):
        decoder = codecs.getincrementaldecoder(codec)()
        try:
            for piece in slices():
                decoder.decode(piece)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return codec
    return "latin-1"


def decode_piece(piece: bytes, codec: str, *, first: bool) -> str:
    """A piece of a file, cut after a line end, as :func:`decode` reads it in the whole
    (``first``: the piece starts the file, where a UTF-8 BOM is dropped)."""
    return _lf(piece.decode("utf-8-sig" if first and codec == "utf-8" else codec))


def iter_pieces(
    path: str, piece_bytes: int, progress: Callable[[int], None] | None = None
) -> Iterator[str] | None:
    """The text of the file at ``path`` as :func:`decode` gives it, in pieces of about
    ``piece_bytes`` that each end with a line end (a line longer than that makes a
    longer piece); None if the file must be decoded whole (UTF-16/32). ``progress(n)``
    is told of each further ``n`` bytes read."""
    codec = stream_codec(functools.partial(iter_blocks, path, _CODEC_SLICE))
    if codec is None:
        return None
    return _pieces(path, codec, piece_bytes, progress)


def _pieces(
    path: str, codec: str, piece_bytes: int, progress: Callable[[int], None] | None
) -> Iterator[str]:
    for number, block in enumerate(iter_line_blocks(path, piece_bytes)):
        if progress is not None:
            progress(len(block))
        yield decode_piece(block, codec, first=number == 0)


#: The codec pass's slices, and the most text a streamed reader decodes at once. Small:
#: strings of a megabyte or more, made and dropped one after another, grow the process
#: (glibc gives them their own mapping until it raises its threshold on freeing one;
#: then they sit in the heap, which fragments and is not given back). Measured, a
#: 203 MB CSL-JSON file: the codec pass peaked at 245 MB with 1 MB slices, 23 MB with
#: 64 KB ones; the whole stream at 59 MB with 1 MB pieces, 26 MB with 256 KB ones.
_CODEC_SLICE = 1 << 16
PIECE_BYTES = 1 << 18


def iter_blocks(path: str, block_bytes: int) -> Iterator[bytes]:
    """The bytes of the file at ``path``, ``block_bytes`` at a time."""
    with open(path, "rb") as handle:
        yield from iter(functools.partial(handle.read, block_bytes), b"")


def iter_line_blocks(path: str, block_bytes: int) -> Iterator[bytes]:
    """The bytes of the file at ``path`` in blocks of about ``block_bytes`` that each end
    with a line end (LF, or a CR not followed by LF), except the last; at least one."""
    with open(path, "rb") as handle:
        left = b""
        while True:
            block = handle.read(block_bytes)
            data = left + block if left else block
            if not block:
                yield data
                return
            cut = _last_line_end(data)
            left = data[cut:]
            if cut:  # (no line end yet: read on)
                yield data[:cut]


def _last_line_end(data: bytes) -> int:
    """The offset just after the last LF in ``data``, else after its last CR unless that
    is the final byte (its LF may come next); 0 if neither."""
    newline = data.rfind(b"\n")
    if newline != -1:
        return newline + 1
    cr = data.rfind(b"\r", 0, len(data) - 1)
    return cr + 1


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
    file system; an existing file's permission bits are kept, and a new file gets the
    usual ``0o666 & ~umask``. A symlink is followed (the link stays, its target is
    replaced); a device or pipe such as ``/dev/stdout`` cannot be renamed over, so it is
    written in place. Errors name ``path``, never the temporary file.
    """
    with AtomicFile(path) as out:
        out.write(text)


class AtomicFile:
    """A text file written piece by piece that appears at ``path`` only when complete.

    ``with AtomicFile(path) as out: out.write(...)``: on leaving the block the pieces
    are flushed, synced and renamed over ``path`` (as :func:`atomic_write` does with one
    text); an exception, or :meth:`discard`, leaves ``path`` untouched. A device or pipe
    is written in place, piece by piece.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = path
        self._tmp: str | None = None
        self._target: Path | None = None
        self._discarded = False
        mode = _mode_of(path)
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), os.fspath(path))
        if mode and not stat.S_ISREG(mode):
            self._handle = open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
            return
        import tempfile  # imported only to write (random, shutil: ~5 ms of every start-up)

        self._target = Path(os.path.realpath(path))
        try:
            fd, self._tmp = tempfile.mkstemp(
                prefix=f".{self._target.name}.", suffix=".tmp", dir=self._target.parent
            )
        except OSError as exc:
            raise _naming(exc, path) from exc
        self._handle = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def write(self, text: str) -> None:
        self._handle.write(text)

    def discard(self) -> None:
        """Leave ``path`` as it was (the pieces written so far are thrown away)."""
        self._discarded = True

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if self._tmp is None or self._target is None:
            self._handle.close()  # a device or pipe: written in place
            return
        try:
            if kind is None and not self._discarded:
                self._handle.flush()
                os.fsync(self._handle.fileno())
                self._handle.close()
                os.chmod(self._tmp, _mode_for(self._target))
                os.replace(self._tmp, self._target)
                return
        except OSError as exc:
            self._drop()
            raise _naming(exc, self.path) from exc
        except BaseException:
            self._drop()
            raise
        self._drop()

    def _drop(self) -> None:
        self._handle.close()
        assert self._tmp is not None
        Path(self._tmp).unlink(missing_ok=True)


def _naming(exc: OSError, path: str | os.PathLike[str]) -> OSError:
    """``exc`` naming ``path``: mkstemp's errors name the temporary file, which the user
    never asked for."""
    if exc.errno is None:
        return exc
    return type(exc)(exc.errno, exc.strerror, os.fspath(path))


def _mode_of(path: str | os.PathLike[str]) -> int:
    """``st_mode`` of what ``path`` points to (symlinks followed); 0 if nothing is there."""
    try:
        return os.stat(path).st_mode
    except FileNotFoundError:
        return 0


def _mode_for(target: Path) -> int:
    """The existing file's permission bits, or what ``open()`` would give a new file."""
    if target.exists():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
