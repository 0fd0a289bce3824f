"""Writing on Dask: one file per partition (:func:`to_files`, :func:`write_partitions`)."""

from __future__ import annotations

import os
from collections.abc import Iterable

import dask.bag as db

from bibconv import _io, api, registry
from bibconv.diagnostics import (
    BibconvError,
    Diagnostic,
)
from bibconv.model import CslItem


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
