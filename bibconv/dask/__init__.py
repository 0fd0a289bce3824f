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

from bibconv.diagnostics import MissingExtraError

try:
    import dask.bag  # (the submodules import what they use)
    import dask.delayed  # noqa: F401
except ImportError as exc:  # the extra is optional; say which one
    raise MissingExtraError(
        "bibconv.dask needs the dask extra: pip install 'bibconv[dask]' "
        f"(dask[bag] and distributed; {exc})"
    ) from exc

from bibconv.dask.plan import DEFAULT_BLOCKSIZE, SPLITTABLE, Piece, expand
from bibconv.dask.reading import read, read_parsed, read_piece
from bibconv.dask.run import LOCAL_SCHEDULERS, Converted, convert, output_pattern, scheduler
from bibconv.dask.works import Duplicate, ItemRef, duplicates
from bibconv.dask.writing import partition_path, to_files, write_partitions

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
