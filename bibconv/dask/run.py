"""``bibconv convert --engine dask``: :func:`convert` (one task per partition reads it
and writes its file), and :func:`scheduler` (where the work runs)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Final

import dask
from dask.base import compute
from dask.delayed import Delayed, delayed

from bibconv import registry
from bibconv.dask.plan import DEFAULT_BLOCKSIZE, Piece, _plan, _tasks, expand
from bibconv.dask.reading import _Options, read_piece
from bibconv.dask.writing import _writable, _write_partition
from bibconv.diagnostics import (
    BibconvError,
    Diagnostic,
)
from bibconv.formats.bibtex import syntax

#: Extensions of the output files for formats that have none of their own.
_EXTENSIONS: Final = {"biblatex": ".bib"}


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
