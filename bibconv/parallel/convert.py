"""``--jobs`` for ``convert``: the chunks read and written by the workers, the results
joined in input order (text, diagnostics) and checked against the plan."""

from __future__ import annotations

import collections
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from bibconv import _io, registry
from bibconv._gc import paused_gc
from bibconv.diagnostics import Diagnostic, Location
from bibconv.parallel.plan import (
    _BIBTEX,
    _SPLITTABLE,
    _WRITABLE,
    _Job,
    _parents_agree,
    _Piece,
    _Plan,
    _plan,
)
from bibconv.parallel.workers import _convert_piece, _pool, _Result
from bibconv.protocols import ReadOptions, WriteOptions

# Only a big input needs these (the pool and the scanner load when used).
if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

_R = TypeVar("_R")


@dataclass(frozen=True, slots=True)
class Converted:
    """What one-process reading and writing of the file would have given; the text in
    pieces, to be written one after the other (joining them would copy it all)."""

    pieces: tuple[str, ...]
    read_diagnostics: list[Diagnostic]
    notes: list[Diagnostic]  # the writer's, then what the output format leaves out
    items: int

    @property
    def text(self) -> str:
        return "".join(self.pieces)


def convert_file(
    path: str,
    source: str,
    target: str,
    *,
    jobs: int,
    read_options: ReadOptions,
    write_options: WriteOptions,
    chunk_bytes: int | None = None,
    write: Callable[[str], object] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Converted | None:
    """Read ``path`` (in format ``source``) and write it as ``target`` with ``jobs``
    processes; ``None`` when one process must do it (see the module docstring), or when
    the file is one chunk anyway. ``read_options.path`` is the name diagnostics show.

    ``write`` (a file being written) takes the output piece by piece as the chunks are
    done, so memory holds a few chunks, never the whole output; then the result's
    ``pieces`` are empty, and on ``None`` what ``write`` took must be thrown away.
    ``progress(bytes, items)`` is told of each chunk as it is joined, in input order
    (its bytes of the input, the items read from it)."""
    if (
        jobs < 2
        or path == _io.STDIO
        or read_options.strict
        or source not in _SPLITTABLE
        or target not in _WRITABLE
    ):
        return None
    with paused_gc():
        plan = _plan(path, source, jobs, chunk_bytes)
    if plan is None:
        return None
    job = _Job(path, source, target, read_options, write_options, plan.parents.readable)
    output = _Output(target, write, progress)
    return output.finish() if _run(job, plan, jobs, output) else None


def _run(job: _Job, plan: _Plan, jobs: int, output: _Output) -> bool:
    """Convert every piece in worker processes, each result handed to ``output`` in input
    order once it is known to be right (a piece whose earlier keys the pattern pass got
    wrong is converted again, with the right ones); False when one process must convert
    the file (``output`` then holds nothing of use)."""
    from concurrent.futures.process import BrokenProcessPool

    pieces = plan.pieces
    check = _Checks(job)
    try:
        with _pool(job, min(jobs, len(pieces))) as pool:
            for piece, result in _in_order(pool, _convert_piece, pieces, 2 * jobs):
                right = check.right_earlier_keys(piece, result)
                if right is not None:
                    again = _Piece(piece.index, piece.chunk, piece.before, right)
                    result = pool.submit(_convert_piece, again).result()
                if result.refused or not check.add(result):
                    return False
                output.add(result, piece.chunk.end - piece.chunk.start)
    except BrokenProcessPool:
        return False  # a worker died (out of memory, killed): one process tries
    return _parents_agree(plan.parents.readable_lines, check.looked_up, check.first_lines)


def _in_order(
    pool: ProcessPoolExecutor, work: Callable[[_Piece], _R], pieces: Sequence[_Piece], window: int
) -> Iterator[tuple[_Piece, _R]]:
    """``(piece, work(piece))`` in order, at most ``window`` pieces in the workers or
    waiting to be taken (so that results do not pile up in memory)."""
    pending: collections.deque[tuple[_Piece, Future[_R]]] = collections.deque()
    queued = iter(pieces)
    for piece in itertools.islice(queued, window):
        pending.append((piece, pool.submit(work, piece)))
    while pending:
        piece, future = pending.popleft()
        for more in itertools.islice(queued, 1):
            pending.append((more, pool.submit(work, more)))
        yield piece, future.result()


class _Checks:
    """What is checked of the results as they come: the keys earlier chunks used, ids in
    two chunks (RIS, CSL-JSON), and the first entry of each key (for the parents)."""

    def __init__(self, job: _Job) -> None:
        self.bibtex = job.source in _BIBTEX
        self.first: dict[str, tuple[int, int]] = {}  # key -> where first used
        self.first_lines: dict[str, int] = {}  # lowercased key -> its first entry's line
        self.looked_up: set[str] = set()

    def right_earlier_keys(
        self, piece: _Piece, result: _Result
    ) -> dict[str, tuple[int, int]] | None:
        """The keys of ``result`` that earlier chunks used, and where first, when the
        piece was given others (the pattern pass got them wrong); else None."""
        keys = {key for key, _, _ in result.keys}
        right = {key: self.first[key] for key in keys if key in self.first}
        given = {key: where for key, where in piece.earlier.items() if key in keys}
        return None if right == given else right

    def add(self, result: _Result) -> bool:
        """Take the result's keys in; False if an id is in an earlier chunk too (RIS and
        CSL-JSON: their readers' id checks see one chunk)."""
        if not self.bibtex and any(key in self.first for key, _, _ in result.keys):
            return False
        for (key, line, column), start in zip(result.keys, result.starts, strict=True):
            self.first.setdefault(key, (line, column))
            self.first_lines.setdefault(key.lower(), start)
        self.looked_up |= result.looked_up
        return True


class _Output:
    """The output, joined from the chunks' texts as they come: CSL-JSON's array framed
    once, a line break between chunks otherwise; the diagnostics in one reader's and one
    writer's order (every chunk's syntax layer's, then every chunk's mapping's; the
    writer's notes, then what the output format leaves out)."""

    def __init__(
        self,
        target: str,
        write: Callable[[str], object] | None,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.target = target
        self.write = write
        self.progress = progress
        self.pieces: list[str] = []  # when there is no ``write``
        self.started = False
        self.syntax: list[Diagnostic] = []
        self.mapping: list[Diagnostic] = []
        self.notes: list[Diagnostic] = []
        self.not_items: list[tuple[str, Location]] = []
        self.items = 0

    def put(self, piece: str) -> None:
        if self.write is None:
            self.pieces.append(piece)
        else:
            self.write(piece)

    def add(self, result: _Result, size: int) -> None:
        """Join one chunk's result (``size``: its bytes of the input)."""
        if result.text:
            if self.target == "csljson":
                self.put(",\n" if self.started else "[\n")
            elif self.started:
                self.put("\n")
            self.put(result.text)
            self.started = True
        self.syntax += result.syntax
        self.mapping += result.mapping
        self.notes += result.notes
        self.not_items += result.not_items
        self.items += result.items
        if self.progress is not None:
            self.progress(size, result.items)

    def finish(self) -> Converted:
        from bibconv.api import _left_out_tally
        from bibconv.formats.bibtex.keep import KeptEntry, Source

        if self.target == "csljson":
            self.put("\n]\n" if self.started else "[]\n")
        # What the output leaves out is counted over the whole input, as dumps() counts it.
        tally = _left_out_tally(registry.by_name(self.target))
        if tally is not None:
            tally.add(KeptEntry({}, Source(not_items=tuple(self.not_items))))
            self.notes.extend(tally.notes())
        return Converted(tuple(self.pieces), self.syntax + self.mapping, self.notes, self.items)
