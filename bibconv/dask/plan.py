"""Dask's plan: the files named, each whole or cut into byte ranges on entry boundaries,
with what a BibTeX range needs from elsewhere in its file (macros, crossref/xdata parents)."""

from __future__ import annotations

import glob
import hashlib
import mmap
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from dask.delayed import Delayed, delayed

from bibconv import _io, registry
from bibconv.diagnostics import (
    BibconvError,
)
from bibconv.formats import _split
from bibconv.formats.bibtex import inherit, syntax
from bibconv.formats.bibtex.spans import SpanReader

#: About what one partition reads: a partition's items, syntax tree and output text take
#: some 40 times its bytes at the peak (docs/performance.md), so 4 MiB keeps a worker
#: near 200 MB while a task still runs for a second or more.
DEFAULT_BLOCKSIZE: Final = 4 << 20


#: The formats a big file of which is cut into byte ranges (what ``split_ranges`` cuts).
SPLITTABLE: Final = frozenset({"bibtex", "biblatex", "ris", "csljson"})


@dataclass(frozen=True, slots=True)
class Piece:
    """What one partition reads: a whole file, or bytes ``start:end`` of it."""

    path: str
    format: str | None  # a registry name; None: from the extension, else the content
    index: int  # its number among its file's pieces
    count: int  # how many pieces its file has
    start: int = 0
    end: int | None = None  # None: the whole file, through bibconv.load
    line: int = 1  # the file's line at ``start``
    #: BibTeX: the entries outside the piece that its crossref/xdata fields name
    #: (transitively), before and after it in the file, macros expanded where they stand.
    parents_before: tuple[syntax.Entry, ...] = ()
    parents_after: tuple[syntax.Entry, ...] = ()


@dataclass(frozen=True, slots=True)
class _Planned:
    piece: Piece
    #: BibTeX: the @string macros defined before the piece (a Document holding only
    #: them); consecutive pieces with no @string between them share one object.
    macros: syntax.Document | None = None


def expand(paths_or_globs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[str]:
    """The files named: each pattern with ``*``/``?``/``[`` expanded in sorted order (one
    that matches nothing raises :class:`FileNotFoundError`), other names as given."""
    names = [paths_or_globs] if isinstance(paths_or_globs, str | os.PathLike) else paths_or_globs
    files: list[str] = []
    for name in (os.fspath(n) for n in names):
        if name == _io.STDIO:
            raise BibconvError("bibconv.dask reads files, not standard input ('-')")
        if glob.has_magic(name):
            matches = sorted(glob.glob(name))
            if not matches:
                raise FileNotFoundError(2, "no file matches", name)
            files.extend(matches)
        elif not os.path.isfile(name):
            raise FileNotFoundError(2, "no such file", name)
        else:
            files.append(name)
    return files


def _plan(
    paths_or_globs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    format: str | None,
    blocksize: int,
) -> list[_Planned]:
    if blocksize < 1:
        raise ValueError(f"blocksize must be positive, found {blocksize}")
    named = registry.by_name(format).name if format else None
    planned: list[_Planned] = []
    for path in expand(paths_or_globs):
        big = os.path.getsize(path) > blocksize
        fmt = (named or _format_of(path)) if big else None
        if fmt in SPLITTABLE:
            planned.extend(_split_plan(path, fmt, blocksize))
        else:
            planned.append(_Planned(Piece(path, named, 0, 1)))
    return planned


def _format_of(path: str) -> str | None:
    """The format ``load`` would read ``path`` in, told by its extension (and, where
    formats share one, such as ``.json``, by the file's first bytes)."""
    with open(path, "rb") as handle:
        head = _io.decode(handle.read(1 << 16))
    fmt = registry.for_path(path, text=head)
    return fmt.name if fmt is not None else None


def _split_plan(path: str, fmt: str, blocksize: int) -> list[_Planned]:
    split = _split.split_ranges(path, fmt, blocksize)
    count = len(split.chunks)
    if fmt not in ("bibtex", "biblatex"):
        return [
            _Planned(Piece(path, fmt, i, count, chunk.start, chunk.end, chunk.line))
            for i, chunk in enumerate(split.chunks)
        ]
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:

        def text(start: int, end: int) -> str:
            return _io.decode(data[start:end])

        spans = SpanReader(data, split.strings, split.parents, text, path)
        macros = [spans.read_until(chunk.start) for chunk in split.chunks]
        parents = {
            key: (found.start, found.entry) for key, found in spans.read_all().readable.items()
        }
        return [
            _Planned(
                Piece(path, fmt, i, count, chunk.start, chunk.end, chunk.line, *needed),
                macros[i],
            )
            for i, chunk in enumerate(split.chunks)
            for needed in [_parents_of(parents, chunk, data[chunk.start : chunk.end])]
        ]


def _parents_of(
    parents: dict[str, tuple[int, syntax.Entry]], chunk: _split.Chunk, piece: bytes
) -> tuple[tuple[syntax.Entry, ...], tuple[syntax.Entry, ...]]:
    """The entries outside ``chunk`` its entries may inherit from, before and after it
    (``parents``: lowercased key -> the file offset of its range, the entry)."""
    todo = [name.decode("utf-8", "replace").lower() for name in _split.parent_names(piece)]
    seen: set[str] = set()
    needed: list[tuple[int, syntax.Entry]] = []
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        found = parents.get(name)
        if found is None or chunk.start <= found[0] < chunk.end:
            continue  # not in the file (the reader says so), or the chunk's own
        needed.append(found)
        values = inherit.first_values(found[1])
        todo.extend(key.lower() for key, _ in inherit.parent_keys(values))
    needed.sort(key=lambda found: found[0])
    before = tuple(entry for offset, entry in needed if offset < chunk.start)
    after = tuple(entry for offset, entry in needed if offset >= chunk.end)
    return before, after


def _tasks(planned: Sequence[_Planned]) -> Iterator[tuple[Piece, Delayed | None]]:
    """Each piece with its macros as a graph node of their own (shared, sent once)."""
    shared: dict[int, Delayed] = {}
    for plan in planned:
        macros = plan.macros
        if macros is None:
            yield plan.piece, None
            continue
        if id(macros) not in shared:
            shared[id(macros)] = delayed(macros, name=f"bibconv-macros-{_token(plan.piece)}")
        yield plan.piece, shared[id(macros)]


def _token(piece: Piece) -> str:
    stat = os.stat(piece.path)
    what = f"{os.path.abspath(piece.path)}\0{stat.st_size}\0{stat.st_mtime_ns}\0{piece.start}"
    return hashlib.blake2b(what.encode(), digest_size=8).hexdigest()
