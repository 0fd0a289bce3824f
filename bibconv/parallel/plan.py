"""``--jobs``'s plan: the file cut into chunks of whole entries, and what each chunk
needs from elsewhere in the file (macros, crossref/xdata parents, earlier keys)."""

from __future__ import annotations

import mmap
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from bibconv import _io
from bibconv._heap import keep_big_blocks_apart
from bibconv.protocols import ReadOptions, WriteOptions

# Only a big input needs these (the pool and the scanner load when used).
if TYPE_CHECKING:
    from bibconv.formats._split import Chunk, Split
    from bibconv.formats.bibtex import syntax
    from bibconv.formats.bibtex.spans import SpanReader


#: Chunks per worker: enough that a slow chunk does not leave the other workers idle,
#: few enough that per-chunk costs (the macros before it, pickling) stay small.
_CHUNKS_PER_JOB: Final = 4


#: The smallest chunk the default size picks (an explicit ``chunk_bytes`` may be smaller);
#: the largest is the split's default (1 MiB), so that a worker's memory stays a few tens
#: of MB whatever the input's size.
_MIN_CHUNK_BYTES: Final = 256 << 10


_BIBTEX: Final = frozenset({"bibtex", "biblatex"})


_SPLITTABLE: Final = frozenset({*_BIBTEX, "ris", "csljson"})


_WRITABLE: Final = frozenset({*_BIBTEX, "ris", "csljson"})


#: Entry types whose ``@type{`` the pattern pass must not take for an entry's key.
_NOT_ENTRIES: Final = frozenset({b"string", b"comment", b"preamble"})


@dataclass(frozen=True, slots=True)
class _Job:
    """What every chunk of one file shares; sent to each worker once."""

    path: str
    source: str
    target: str
    read: ReadOptions
    write: WriteOptions
    parents: Mapping[str, syntax.Entry] = field(default_factory=dict)  # BibTeX


@dataclass(frozen=True, slots=True)
class _Piece:
    """One chunk to read: where, the macros defined before it, the keys used before it."""

    index: int
    chunk: Chunk
    before: syntax.Document | None  # BibTeX: an empty document, the macros so far
    earlier: dict[str, tuple[int, int]]


@dataclass(slots=True)
class _Plan:
    pieces: list[_Piece]
    parents: _Parents


def _plan(
    path: str, source: str, jobs: int, chunk_bytes: int | None, *, keys: bool = True
) -> _Plan | None:
    """Split the file; for BibTeX, its macros at each chunk, parents and (``keys``) the
    keys earlier chunks used."""
    from bibconv.formats._split import DEFAULT_CHUNK_BYTES, split_ranges

    # Before the first big block: the parent takes every chunk's result text (a megabyte
    # or so each), and the workers forked from it read and write chunks.
    keep_big_blocks_apart()
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            head = handle.read(8192)
    except OSError:
        return None  # the one-process read reports it
    if _io.bom_encoding(head) is not None or b"\0" in head:
        return None  # UTF-16/32 or binary: the one-process read says what it is
    if chunk_bytes is None:
        share = size // (jobs * _CHUNKS_PER_JOB) + 1
        chunk_bytes = min(max(_MIN_CHUNK_BYTES, share), DEFAULT_CHUNK_BYTES)
    split = split_ranges(path, source, chunk_bytes)
    if len(split.chunks) < 2:
        return None
    if source not in _BIBTEX:
        pieces = [_Piece(i, chunk, None, {}) for i, chunk in enumerate(split.chunks)]
        return _Plan(pieces, _Parents())
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        chunks = _recut(data, split.chunks)
        if len(chunks) < 2:
            return None
        try:
            # One pass over the @string and parent ranges gives the macros of chunks and parents.
            spans = _spans(data, split)
            empty = _no_macros()
            states = [spans.read_until(chunk.start) or empty for chunk in chunks]
            parents = _Parents.of(spans.read_all())
        except UnicodeDecodeError:
            return None
        earlier = _earlier_keys(data, chunks) if keys else [{} for _ in chunks]
    pieces = [_Piece(i, chunk, states[i], earlier[i]) for i, chunk in enumerate(chunks)]
    return _Plan(pieces, parents)


def _decoded(piece: bytes, *, first: bool) -> str:
    """A chunk's text as :func:`_io.decode` reads the whole file when it is UTF-8 (raises
    :class:`UnicodeDecodeError` when it is not: then one process reads it)."""
    return _io.decode_utf8(piece, bom=first)


def _spans(data: mmap.mmap, split: Split) -> SpanReader:
    from bibconv.formats._split import release
    from bibconv.formats.bibtex.spans import SpanReader

    def text(start: int, end: int) -> str:
        piece = _decoded(data[start:end], first=False)
        release(data, start, end)  # the ranges spread over the file (see _split.release)
        return piece

    return SpanReader(data, split.strings, split.parents, text, "<parents>", count_lines=True)


def _no_macros() -> syntax.Document:
    """The macros before any ``@string``: an empty document's (the month names)."""
    from bibconv.formats.bibtex import syntax

    return syntax.parse("", "<strings>").macros_only()


@dataclass(slots=True)
class _Parents:
    """Crossref/xdata targets by lowercased key, and the line each starts on: the first
    readable entry of each key (as the reader takes them) and the first entry, readable
    or not (as ``check`` does)."""

    readable: dict[str, syntax.Entry] = field(default_factory=dict)
    readable_lines: dict[str, int] = field(default_factory=dict)
    any: dict[str, syntax.Entry] = field(default_factory=dict)
    any_lines: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, spans: SpanReader) -> _Parents:
        return cls(
            {key: found.entry for key, found in spans.readable.items()},
            {key: found.line for key, found in spans.readable.items()},
            {key: found.entry for key, found in spans.first.items()},
            {key: found.line for key, found in spans.first.items()},
        )


def _parents_agree(
    parent_lines: Mapping[str, int], looked_up: set[str], first_lines: Mapping[str, int]
) -> bool:
    """Whether every parent a worker looked up is the entry the one-process run takes
    (the first entry of that key: ``first_lines``, lowercased key -> start line) and every
    one it missed is in no chunk."""
    return all(first_lines.get(key) == parent_lines.get(key) for key in looked_up)


def _entry_line(data: mmap.mmap, pos: int) -> tuple[int, int] | None:
    """(line start, head end) of the first entry at or after ``pos`` whose line starts
    with it (``@string``, ``@comment`` and ``@preamble`` are not entries)."""
    from bibconv.formats._split import _ENTRY_HEAD

    for match in _ENTRY_HEAD.finditer(data, pos):
        if match.group(1).lower() in _NOT_ENTRIES:
            continue
        line_start = match.start()
        while line_start > 0 and data[line_start - 1] in b" \t":
            line_start -= 1
        if line_start == 0 or data[line_start - 1] in b"\r\n":
            return line_start, match.end()
    return None


def _recut(data: mmap.mmap, chunks: Sequence[Chunk]) -> tuple[Chunk, ...]:
    """The split's chunks with each cut moved on to the line of the next entry, so that
    the text between two entries stays in one chunk (as the one-chunk reader keeps it with
    the entry before: the last one's "after"), and every chunk holds an entry."""
    from bibconv.formats._split import Chunk, newlines

    moved = [Chunk(0, 0, 1)]  # (ends filled in below)
    for chunk in chunks[1:]:
        if chunk.start < moved[-1].start:
            continue  # an earlier cut moved past this one
        first = _entry_line(data, moved[-1].start)
        cut = _balanced_entry_line(data, chunk.start, first[1]) if first else None
        if cut is None:
            break  # the rest is one chunk
        line = chunk.line + newlines(data[chunk.start : cut])
        moved.append(Chunk(cut, 0, line))
    ends = [chunk.start for chunk in moved[1:]] + [len(data)]
    return tuple(Chunk(c.start, end, c.line) for c, end in zip(moved, ends, strict=True))


#: How many entry lines a cut may move over while the braces since the split's cut do
#: not balance (an open ``@comment{`` may hold entry lines), before the rest is one chunk.
_PATIENCE: Final = 64


def _balanced_entry_line(data: mmap.mmap, cut: int, floor: int) -> int | None:
    """The first entry line at or after ``cut`` and ``floor`` with the braces of the text
    between ``cut`` (where they balance) and it balanced."""
    pos = max(cut, floor)
    for _ in range(_PATIENCE):
        found = _entry_line(data, pos)
        if found is None:
            return None
        piece = data[cut : found[0]]
        if piece.count(b"{") == piece.count(b"}"):
            return found[0]
        pos = found[1]
    return None


def _earlier_keys(data: mmap.mmap, chunks: Sequence[Chunk]) -> list[dict[str, tuple[int, int]]]:
    """Per chunk, its keys that an earlier chunk used first, and where (line, column), as
    the entry-head pattern sees them (the keys the workers read check it)."""
    from bibconv.formats._split import _ENTRY_HEAD, release

    owner: dict[bytes, int] = {}  # key -> the first chunk that has it
    wanted: dict[int, dict[bytes, list[int]]] = {}  # owner -> key -> the later chunks
    for index, chunk in enumerate(chunks):
        for kind, key in _ENTRY_HEAD.findall(data, chunk.start, chunk.end):
            if not key or kind.lower() in _NOT_ENTRIES:
                continue
            first = owner.setdefault(key, index)
            if first < index:
                wanted.setdefault(first, {}).setdefault(key, []).append(index)
        release(data, chunk.start, chunk.end)  # else the pass holds the whole file's pages
    earlier: list[dict[str, tuple[int, int]]] = [{} for _ in chunks]
    for first, keys in wanted.items():  # where each such key is first: one pass per chunk
        chunk = chunks[first]
        for match in _ENTRY_HEAD.finditer(data, chunk.start, chunk.end):
            later = keys.pop(match.group(2), None)
            if later is None or match.group(1).lower() in _NOT_ENTRIES:
                continue
            where = _line_col(data, chunk, match.start(2))
            for index in later:
                earlier[index][match.group(2).decode("utf-8", "replace")] = where
        release(data, chunk.start, chunk.end)
    release(data, 0, len(data))  # the pages mapped around those ranges too
    return earlier


def _line_col(data: mmap.mmap, chunk: Chunk, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of a byte offset inside ``chunk``."""
    line_start = max(data.rfind(b"\n", chunk.start, offset), data.rfind(b"\r", chunk.start, offset))
    from bibconv.formats._split import newlines

    line_start = chunk.start if line_start < 0 else line_start + 1
    line = chunk.line + newlines(data[chunk.start : line_start])
    return line, len(data[line_start:offset].decode("utf-8", "replace")) + 1
