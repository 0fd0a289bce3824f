"""Scale-out on Dask: a bag of CSL items from many or big files, written one file per partition.

``pip install 'bibconv[dask]'`` (dask[bag] and distributed). ``import bibconv`` never
imports this module; importing it without the extra raises :class:`MissingExtraError`
(a :class:`BibconvError` and an :class:`ImportError`) saying what to install.

- :func:`read` gives a :class:`dask.bag.Bag` of CSL items. A BibTeX, BibLaTeX, RIS or
  CSL-JSON file bigger than ``blocksize`` is cut on entry boundaries
  (:func:`bibconv.formats.split_ranges`, one cheap pass over its bytes on the client) into
  one partition per byte range; any other file is one partition. The items, in order,
  are those of :func:`bibconv.load` on each file (the differences: docs/performance.md).
- :func:`read_parsed` gives the same items and, from the same tasks, a bag of the
  :class:`Diagnostic` s met while reading (located in the whole file: line numbers count
  from the file's first line). :func:`read` logs them instead, on the worker, through the
  ``bibconv.dask`` logger (errors at ERROR, warnings at WARNING, notes at INFO); with
  ``strict=True`` an error (or warning) raises :class:`ParseError` from the task.
- :func:`to_files` writes each partition to its own file (atomically), ``*`` in the path
  pattern standing for the partition number.
- :func:`duplicates` finds records of one work anywhere in the bag (same DOI, arXiv id,
  or folded title + first author + year) with a task-based shuffle: no partition ever
  holds more than its share of the keys.
- :func:`convert` is ``bibconv convert --engine dask``: inputs to ``DIR/STEM-N.EXT``.
- :func:`scheduler` picks where the work runs (a ``distributed`` scheduler's address, a
  local cluster, or one of dask's own local schedulers).
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import logging
import mmap
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Final, NamedTuple

from bibconv.diagnostics import (
    BibconvError,
    Diagnostic,
    Location,
    MissingExtraError,
    ParseError,
    Severity,
    has_errors,
)

try:
    import dask
    import dask.bag as db
    from dask.base import compute
    from dask.delayed import Delayed, delayed
except ImportError as exc:  # the extra is optional; say which one
    raise MissingExtraError(
        "bibconv.dask needs the dask extra: pip install 'bibconv[dask]' "
        f"(dask[bag] and distributed; {exc})"
    ) from exc

from bibconv import _io, api, registry
from bibconv._gc import paused_gc
from bibconv.formats import _split
from bibconv.formats.bibtex import inherit, syntax
from bibconv.formats.bibtex.reader import read_document
from bibconv.formats.bibtex.spans import SpanReader
from bibconv.lint.duplicates import work_keys
from bibconv.model import CslItem
from bibconv.protocols import Parsed, ReadOptions

#: About what one partition reads: a partition's items, syntax tree and output text take
#: some 40 times its bytes at the peak (docs/performance.md), so 4 MiB keeps a worker
#: near 200 MB while a task still runs for a second or more.
DEFAULT_BLOCKSIZE: Final = 4 << 20

#: The formats a big file of which is cut into byte ranges (what ``split_ranges`` cuts).
SPLITTABLE: Final = frozenset({"bibtex", "biblatex", "ris", "csljson"})

_LOG: Final = logging.getLogger("bibconv.dask")
_LEVELS: Final = {
    Severity.ERROR: logging.ERROR,
    Severity.WARNING: logging.WARNING,
    Severity.INFO: logging.INFO,
}
#: Extensions of the output files for formats that have none of their own.
_EXTENSIONS: Final = {"biblatex": ".bib"}


# ----------------------------------------------------------------------------- the plan


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


# ----------------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class _Options:
    year: int | None = None
    sentence_case: bool = False

    def read_options(self, path: str) -> ReadOptions:
        return ReadOptions(path=path, year=self.year, sentence_case=self.sentence_case)


def read_piece(piece: Piece, macros: syntax.Document | None, options: _Options) -> Parsed:
    """One partition's items and diagnostics (run on a worker); input that cannot be read
    at all gives no items and the diagnostics that say why."""
    try:
        if piece.end is None:
            found: list[Diagnostic] = []
            items = api.load(
                piece.path,
                piece.format,  # type: ignore[arg-type]  # a registry name, checked in _plan
                year=options.year,
                sentence_case=options.sentence_case,
                diagnostics=found,
            )
            return Parsed(items, found)
        with paused_gc():
            return _read_range(piece, macros, options)
    except ParseError as exc:
        return Parsed([], list(exc.diagnostics))


def _read_range(piece: Piece, macros: syntax.Document | None, options: _Options) -> Parsed:
    assert piece.end is not None
    assert piece.format is not None
    with open(piece.path, "rb") as handle:
        handle.seek(piece.start)
        text = _io.decode(handle.read(piece.end - piece.start))
    read_options = options.read_options(piece.path)
    if piece.format in ("bibtex", "biblatex"):
        doc = syntax.parse(text, piece.path, first_line=piece.line, before=macros)
        return read_document(
            doc,
            read_options,
            biblatex=piece.format == "biblatex",
            before=piece.parents_before,
            after=piece.parents_after,
        )
    lines = piece.line - 1
    if piece.format == "csljson":
        last = piece.index == piece.count - 1
        text, lines = _json_array(text, first=piece.index == 0, last=last), lines - 1
    parsed = api.read_with(registry.by_name(piece.format), text, read_options)
    parsed.diagnostics[:] = [_moved(d, piece.path, lines) for d in parsed.diagnostics]
    return parsed


def _json_array(text: str, *, first: bool, last: bool) -> str:
    """A CSL-JSON chunk (whole elements and their share of ``[``, ``,`` and ``]``) as an
    array of its own on the lines after a ``[`` line, so that its line numbers stay."""
    body = text
    if first:  # the file's '[' becomes a space: columns stay too
        at = len(body) - len(body.lstrip("\ufeff \t\n"))
        if body.startswith("[", at):
            body = f"{body[:at]} {body[at + 1 :]}"
    body = body.rstrip()
    if last:
        body = body.removesuffix("]").rstrip()
    return f"[\n{body.removesuffix(',')}\n]"


def _moved(diagnostic: Diagnostic, path: str, lines: int) -> Diagnostic:
    """``diagnostic`` located ``lines`` further down ``path`` (a chunk's line 1 is the
    file's line ``lines + 1``)."""
    where = diagnostic.location
    if where is None or where.path != path or lines == 0:
        return diagnostic
    return replace(diagnostic, location=Location(path, max(1, where.line + lines), where.column))


def _items_of(parsed: Parsed) -> list[CslItem]:
    return parsed.items


def _diagnostics_of(parsed: Parsed) -> list[Diagnostic]:
    return parsed.diagnostics


def _read_logged(
    piece: Piece, macros: syntax.Document | None, options: _Options, strict: bool
) -> list[CslItem]:
    parsed = read_piece(piece, macros, options)
    if has_errors(parsed.diagnostics, strict=strict) and (strict or not parsed.items):
        raise ParseError(parsed.diagnostics)
    for diagnostic in parsed.diagnostics:
        _LOG.log(_LEVELS[diagnostic.severity], "%s", diagnostic)
    return parsed.items


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


def read(
    paths_or_globs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    format: str | None = None,
    *,
    blocksize: int = DEFAULT_BLOCKSIZE,
    strict: bool = False,
    year: int | None = None,
    sentence_case: bool = False,
) -> db.Bag:
    """A bag of the CSL items of the files named (names or glob patterns), one partition
    per file or, for a big BibTeX/BibLaTeX/RIS/CSL-JSON file, per ``blocksize`` bytes of it.

    Diagnostics are logged on the workers (``bibconv.dask`` logger). A partition whose
    input gave errors and no items at all raises :class:`ParseError` from its task, as
    does any error (with ``strict``, any warning). :func:`read_parsed` hands them back.
    """
    options = _Options(year, sentence_case)
    return db.from_delayed(
        [
            delayed(_read_logged)(piece, macros, options, strict)
            for piece, macros in _tasks(_plan(paths_or_globs, format, blocksize))
        ]
    )


def read_parsed(
    paths_or_globs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    format: str | None = None,
    *,
    blocksize: int = DEFAULT_BLOCKSIZE,
    year: int | None = None,
    sentence_case: bool = False,
) -> tuple[db.Bag, db.Bag]:
    """The bag of items :func:`read` gives, and a bag of the diagnostics met reading them
    (in file order). Both come from the same tasks: compute them together
    (``dask.compute(write_partitions(items, ...), diagnostics)``, as the tests do)."""
    options = _Options(year, sentence_case)
    parsed = [
        delayed(read_piece)(piece, macros, options)
        for piece, macros in _tasks(_plan(paths_or_globs, format, blocksize))
    ]
    items = db.from_delayed([delayed(_items_of)(p) for p in parsed])
    diagnostics = db.from_delayed([delayed(_diagnostics_of)(p) for p in parsed])
    return items, diagnostics


# ----------------------------------------------------------------------------- writing


def partition_path(pattern: str, number: int, count: int) -> str:
    """Partition ``number``'s file: ``*`` in ``pattern`` replaced by the number, zero-padded
    to the width of the last one (so the files sort in partition order)."""
    width = len(str(max(count - 1, 0)))
    return pattern.replace("*", f"{number:0{width}d}")


def _check_pattern(pattern: str, count: int) -> None:
    stars = pattern.count("*")
    if stars > 1 or (stars == 0 and count > 1):
        raise BibconvError(
            f"the path pattern {pattern!r} needs one '*' (the partition number) for "
            f"{count} partitions"
        )


def _write_partition(
    items: Iterable[CslItem],
    numbers: Iterable[int],
    pattern: str,
    count: int,
    format: str,
    ascii: bool,
    lossless: bool,
) -> list[tuple[str, list[Diagnostic]]]:
    (number,) = numbers
    path = partition_path(pattern, number, count)
    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    notes: list[Diagnostic] = []
    text = api.dumps(list(items), format, ascii=ascii, lossless=lossless, diagnostics=notes)  # type: ignore[arg-type]  # checked by write_partitions
    _io.atomic_write(path, text)
    return [(path, notes)]


def write_partitions(
    bag: db.Bag, path_pattern: str, format: str, *, ascii: bool = False, lossless: bool = False
) -> db.Bag:
    """Lazy :func:`to_files`: a bag of one ``(path, notes)`` per partition; computing it
    writes the files (each read and written in one task)."""
    name = _writable(format)
    count = bag.npartitions
    _check_pattern(path_pattern, count)
    numbers = db.range(count, npartitions=count)
    return db.map_partitions(
        _write_partition, bag, numbers, path_pattern, count, name, ascii, lossless
    )


def _writable(format: str) -> str:
    """The registry name of a format that can be written (else the error, before any task)."""
    fmt = registry.by_name(format)
    if fmt.write is None:
        raise BibconvError(
            f"format {fmt.name!r} can be read but not written "
            f"(writable: {', '.join(registry.writable())})"
        )
    return fmt.name


def to_files(
    bag: db.Bag,
    path_pattern: str,
    format: str,
    *,
    ascii: bool = False,
    lossless: bool = False,
    diagnostics: list[Diagnostic] | None = None,
) -> list[str]:
    """Write each partition of ``bag`` in ``format`` to its own file and return the paths.

    ``*`` in ``path_pattern`` is the partition number (``out/refs-*.json`` ->
    ``out/refs-0.json`` ...; zero-padded when there are ten or more); a pattern without
    one is for a bag of one partition. Folders are made as needed; each file is written
    atomically. The writers' notes (what the format cannot hold) go to ``diagnostics``.
    """
    written: list[tuple[str, list[Diagnostic]]] = write_partitions(
        bag, path_pattern, format, ascii=ascii, lossless=lossless
    ).compute()
    if diagnostics is not None:
        diagnostics.extend(note for _, notes in written for note in notes)
    return [path for path, _ in written]


# ----------------------------------------------------------------------------- duplicates


class ItemRef(NamedTuple):
    """Where an item sits in a bag: its partition, its position there, and its id."""

    partition: int
    position: int
    id: str


class Duplicate(NamedTuple):
    """Items that share a key: ``reason`` is ``"DOI"``, ``"arXiv id"`` or ``"title"``
    (``value``: ``"folded title|first author|year"``)."""

    reason: str
    value: str
    items: tuple[ItemRef, ...]


def _keyed(items: Iterable[CslItem], numbers: Iterable[int]) -> list[tuple[int, str, str, ItemRef]]:
    (number,) = numbers
    return [
        (_bucket(reason, value), reason, value, ItemRef(number, index, str(item.get("id", ""))))
        for index, item in enumerate(items)
        for reason, value in work_keys(item)
    ]


def _bucket(reason: str, value: str) -> int:
    # A digest, not hash(): str hashes differ between worker processes (PYTHONHASHSEED).
    digest = hashlib.blake2b(f"{reason}\0{value}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def _bucket_of(record: tuple[int, str, str, ItemRef]) -> int:
    return record[0]


def _groups(
    buckets: Iterable[tuple[int, list[tuple[int, str, str, ItemRef]]]],
) -> list[Duplicate]:
    found: list[Duplicate] = []
    for _, records in buckets:
        by_key: dict[tuple[str, str], list[ItemRef]] = {}
        for _, reason, value, ref in records:
            by_key.setdefault((reason, value), []).append(ref)
        found.extend(
            Duplicate(reason, value, tuple(sorted(refs)))
            for (reason, value), refs in by_key.items()
            if len(refs) > 1
        )
    return found


def duplicates(bag: db.Bag) -> db.Bag:
    """A bag of :class:`Duplicate`: items anywhere in ``bag`` that look like one work (the
    keys of :func:`bibconv.lint.duplicates.work_keys`). Each item's keys are shuffled to
    the partition that owns them (``groupby(shuffle="tasks")``), so no task sees more
    than its share; an item that matches another on two keys is in two groups."""
    count = bag.npartitions
    keyed = db.map_partitions(_keyed, bag, db.range(count, npartitions=count))
    return keyed.groupby(_bucket_of, shuffle="tasks").map_partitions(_groups)


# ----------------------------------------------------------------------------- convert


@dataclass
class Converted:
    """What :func:`convert` wrote, in input order, and every diagnostic met."""

    paths: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def output_pattern(path: str, directory: str, format: str) -> str:
    """Where :func:`convert` writes ``path``'s partitions: ``DIR/STEM-*.EXT``."""
    fmt = registry.by_name(format)
    extension = fmt.extensions[0] if fmt.extensions else _EXTENSIONS.get(fmt.name, "")
    stem = os.path.splitext(os.path.basename(path))[0]
    return os.path.join(directory, f"{stem}-*{extension}")


def convert(
    inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    directory: str,
    to: str,
    *,
    from_format: str | None = None,
    blocksize: int = DEFAULT_BLOCKSIZE,
    ascii: bool = False,
    lossless: bool = False,
    year: int | None = None,
    sentence_case: bool = False,
) -> Converted:
    """Convert each input file to ``to``, one output file per partition
    (:func:`output_pattern`), on the current scheduler (see :func:`scheduler`): one task
    per partition reads it and writes its file."""
    to = _writable(to)
    files = expand(inputs)
    patterns = [output_pattern(path, directory, to) for path in files]
    clash = next((p for p in patterns if patterns.count(p) > 1), None)
    if clash is not None:
        raise BibconvError(
            f"two inputs would write {clash}: give files with different names, or convert "
            "them in separate runs"
        )
    options = _Options(year, sentence_case)
    tasks: list[Delayed] = []
    for path, pattern in zip(files, patterns, strict=True):
        for piece, macros in _tasks(_plan([path], from_format, blocksize)):
            tasks.append(
                delayed(_convert_piece)(piece, macros, options, pattern, to, ascii, lossless)
            )
    done = Converted()
    for path, found in compute(*tasks):
        done.paths.append(path)
        done.diagnostics.extend(found)
    return done


def _convert_piece(
    piece: Piece,
    macros: syntax.Document | None,
    options: _Options,
    pattern: str,
    format: str,
    ascii: bool,
    lossless: bool,
) -> tuple[str, list[Diagnostic]]:
    """Read one piece and write its file in one task: nothing waits in a worker's memory
    or travels between workers (``to_files(read(...))`` makes two tasks of it)."""
    parsed = read_piece(piece, macros, options)
    [(path, notes)] = _write_partition(
        parsed.items, [piece.index], pattern, piece.count, format, ascii, lossless
    )
    return path, [*parsed.diagnostics, *notes]


# ----------------------------------------------------------------------------- schedulers

#: dask's own local schedulers, by the names ``dask.config`` knows them.
LOCAL_SCHEDULERS: Final = ("processes", "threads", "synchronous")


@contextlib.contextmanager
def scheduler(address: str | None = None, *, workers: int | None = None) -> Iterator[None]:
    """Run the dask work inside the block on: the ``distributed`` scheduler at ``address``
    (``tcp://host:8786``); one of dask's local schedulers (``"processes"``, ``"threads"``,
    ``"synchronous"``); or, for ``None``, a new local cluster of ``workers`` processes
    (default: one per core) with one thread each (the readers hold the GIL)."""
    if address in LOCAL_SCHEDULERS:
        with dask.config.set(scheduler=address):
            yield
        return
    from distributed import Client, LocalCluster

    if address is not None:
        with Client(address):
            yield
        return
    count = workers or os.cpu_count() or 1
    with (
        LocalCluster(n_workers=count, threads_per_worker=1, dashboard_address=":0") as cluster,
        Client(cluster),
    ):
        yield


__all__ = [
    "DEFAULT_BLOCKSIZE",
    "LOCAL_SCHEDULERS",
    "SPLITTABLE",
    "Converted",
    "Duplicate",
    "ItemRef",
    "Piece",
    "convert",
    "duplicates",
    "expand",
    "output_pattern",
    "partition_path",
    "read",
    "read_parsed",
    "read_piece",
    "scheduler",
    "to_files",
    "write_partitions",
]
