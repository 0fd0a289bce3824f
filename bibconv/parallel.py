"""``--jobs N``: one big input converted by N worker processes, the result byte for byte
the one-process result.

How. ``formats/_split.py`` cuts the file into chunks of whole entries (records, array
elements); a worker decodes, reads and writes one chunk at a time; the parent joins the
texts and the diagnostics in input order. What a chunk's entries need from elsewhere in
the file travels with the chunk:

- ``@string``s: the parent scans only the ``@string`` ranges, once; the macros defined
  before a chunk start its scan (``syntax.parse(before=)``) and, for a .bib output, the
  writer's record of what the output's macros mean (``keep.Keeper``);
- crossref/xdata parents: the parent scans the entries a crossref or xdata may name
  (``Split.parents``), each with the macros of its place; every worker gets them once;
- duplicate keys: the keys earlier chunks used, and where first, found by a pattern pass
  over the bytes; the reader's warning and the BibTeX writer's note start from them;
- the diagnostics in one reader's and one writer's order: every chunk's syntax-layer
  diagnostics, then every chunk's mapping diagnostics, then the writer's notes, then what
  the output format leaves out (counted over the whole input); CSL-JSON's array is
  framed once.

The workers report what they read (keys, the parents they looked up, whether a chunk
ends in an unclosed entry); the parent checks the pattern pass against it and redoes a
chunk whose earlier keys were mispredicted. Whatever cannot be made identical is left to
one process: these functions return ``None`` and the caller reads the usual way
(standard input, ``--strict``, formats other than BibTeX/BibLaTeX/RIS/CSL-JSON in or
BibTeX/BibLaTeX/RIS/CSL-JSON out, input that is not UTF-8, an entry without a key, a
chunk that ends in an unclosed entry or holds no entry, RIS or CSL-JSON input with any
diagnostic, the same RIS/CSL-JSON id in two chunks, a parent the pattern pass missed).
"""

from __future__ import annotations

import collections
import gc
import itertools
import mmap
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, NamedTuple, TypeVar, overload

from bibconv import _io, registry
from bibconv._gc import paused_gc
from bibconv._jobs import PARALLEL_FROM_BYTES, cores, default_jobs
from bibconv.diagnostics import Diagnostic, Location, Severity
from bibconv.model import CslItem
from bibconv.protocols import ReadOptions, WriteOptions

# Only a big input needs the rest: `check` and `convert` import this module for every
# input, to learn --jobs's default (the pool and the scanner load when used).
if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from bibconv.formats._split import Chunk, Split
    from bibconv.formats.bibtex import syntax
    from bibconv.formats.bibtex.spans import SpanReader
    from bibconv.lint.config import CheckOptions
    from bibconv.lint.duplicates import WorkRecord, _Work
    from bibconv.lint.findings import Finding

#: Chunks per worker: enough that a slow chunk does not leave the other workers idle,
#: few enough that per-chunk costs (the macros before it, pickling) stay small.
_CHUNKS_PER_JOB: Final = 4

#: The smallest chunk the default size picks (an explicit ``chunk_bytes`` may be smaller);
#: the largest is the split's default (1 MiB), so that a worker's memory stays a few tens
#: of MB whatever the input's size.
_MIN_CHUNK_BYTES: Final = 256 << 10

_R = TypeVar("_R")

_BIBTEX: Final = frozenset({"bibtex", "biblatex"})
_SPLITTABLE: Final = frozenset({*_BIBTEX, "ris", "csljson"})
_WRITABLE: Final = frozenset({*_BIBTEX, "ris", "csljson"})
#: Entry types whose ``@type{`` the pattern pass must not take for an entry's key.
_NOT_ENTRIES: Final = frozenset({b"string", b"comment", b"preamble"})


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


# ----------------------------------------------------------------------------- the plan


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
    from bibconv.formats.bibtex.spans import SpanReader

    def text(start: int, end: int) -> str:
        return _decoded(data[start:end], first=False)

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
    from bibconv.formats._split import _ENTRY_HEAD

    owner: dict[bytes, int] = {}  # key -> the first chunk that has it
    wanted: dict[int, dict[bytes, list[int]]] = {}  # owner -> key -> the later chunks
    for index, chunk in enumerate(chunks):
        for kind, key in _ENTRY_HEAD.findall(data, chunk.start, chunk.end):
            if not key or kind.lower() in _NOT_ENTRIES:
                continue
            first = owner.setdefault(key, index)
            if first < index:
                wanted.setdefault(first, {}).setdefault(key, []).append(index)
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
    return earlier


def _line_col(data: mmap.mmap, chunk: Chunk, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of a byte offset inside ``chunk``."""
    line_start = max(data.rfind(b"\n", chunk.start, offset), data.rfind(b"\r", chunk.start, offset))
    from bibconv.formats._split import newlines

    line_start = chunk.start if line_start < 0 else line_start + 1
    line = chunk.line + newlines(data[chunk.start : line_start])
    return line, len(data[line_start:offset].decode("utf-8", "replace")) + 1


# ----------------------------------------------------------------------------- running


@dataclass(slots=True)
class _Result:
    """One chunk read and written."""

    text: str = ""
    syntax: list[Diagnostic] = field(default_factory=list)
    mapping: list[Diagnostic] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)
    not_items: tuple[tuple[str, Location], ...] = ()
    keys: list[tuple[str, int, int]] = field(default_factory=list)  # key, line, column
    starts: list[int] = field(default_factory=list)  # the line each entry starts on
    looked_up: set[str] = field(default_factory=set)  # parents' lowercased keys
    items: int = 0
    refused: str = ""  # why the chunk cannot be joined as it is


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


def _parents_agree(
    parent_lines: Mapping[str, int], looked_up: set[str], first_lines: Mapping[str, int]
) -> bool:
    """Whether every parent a worker looked up is the entry the one-process run takes
    (the first entry of that key: ``first_lines``, lowercased key -> start line) and every
    one it missed is in no chunk."""
    return all(first_lines.get(key) == parent_lines.get(key) for key in looked_up)


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


def _pool(job: _Job, workers: int, check: CheckOptions | None = None) -> ProcessPoolExecutor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork: the workers start with the parent's modules loaded (spawn re-imports them).
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start, initargs=(job, check)
    )


# ----------------------------------------------------------------------------- check

#: A key's place in the whole file, for the rules the parent runs across chunks: the
#: chunk's number above these bits, the offset in the chunk's text below.
_OFFSET_BITS: Final = 40


def check_file(
    path: str,
    shown: str,
    options: CheckOptions,
    *,
    jobs: int,
    chunk_bytes: int | None = None,
) -> list[Diagnostic] | None:
    """``bibconv check`` of one .bib file with ``jobs`` processes: what
    ``lint.checker._diagnose`` gives for the whole file, in its order; ``None`` when one
    process must do it (see the module docstring). ``shown`` names the file in
    diagnostics. The rules that compare entries across the file (duplicate keys and
    works, the file's naming habit) run in the parent over what the workers found."""
    from concurrent.futures.process import BrokenProcessPool

    if jobs < 2 or path == _io.STDIO:
        return None
    with paused_gc():
        plan = _plan(path, "bibtex", jobs, chunk_bytes, keys=False)
    if plan is None:
        return None
    job = _Job(path, "bibtex", "", ReadOptions(path=shown), WriteOptions(), plan.parents.any)
    try:
        with _pool(job, min(jobs, len(plan.pieces)), options) as pool:
            results = list(pool.map(_check_piece, plan.pieces))
    except BrokenProcessPool:
        return None
    first_lines: dict[str, int] = {}
    for key in (key for result in results for key in result.keys):
        first_lines.setdefault(key.key.lower(), key.start_line)
    looked_up = set().union(*(result.looked_up for result in results))
    if any(r.refused for r in results) or not _parents_agree(
        plan.parents.any_lines, looked_up, first_lines
    ):
        return None
    return _check_joined(shown, options, results)


class _KeyAt(NamedTuple):
    """An entry's key and where it is: ``key_offset`` in the whole file (_OFFSET_BITS)."""

    key: str
    key_offset: int
    line: int
    column: int
    start_line: int


@dataclass(slots=True)
class _Checked:
    """One chunk checked: its own rules' diagnostics, and what the file-wide rules need."""

    located: list[tuple[int, Diagnostic]] = field(default_factory=list)
    keys: list[_KeyAt] = field(default_factory=list)  # every entry with a key
    works: list[tuple[WorkRecord, int]] = field(default_factory=list)  # and key_offset
    commas: list[tuple[int, Diagnostic]] = field(default_factory=list)
    names: tuple[int, int] = (0, 0)
    looked_up: set[str] = field(default_factory=set)
    refused: str = ""


def _check_piece(piece: _Piece) -> _Checked:
    """Check one chunk (in a worker process)."""
    from bibconv.lint.checker import finding_diagnostic, located_diagnostics
    from bibconv.lint.duplicates import work_record
    from bibconv.lint.rules import FileChecker, author_comma_findings

    job, options = _JOB, _CHECK
    assert job is not None, "worker started without its job"
    assert options is not None, "worker started without its options"
    try:
        doc = _scanned(job, piece)
    except UnicodeDecodeError:
        return _Checked(refused="not UTF-8")
    own = {entry.key.lower(): entry for entry in reversed(doc.entries) if entry.key}
    keys = _Recording({**own, **job.parents})
    settings = options.settings()
    checker = FileChecker(doc, settings, keys, whole_file=False)
    base = piece.index << _OFFSET_BITS
    index = doc.index
    result = _Checked(
        located=located_diagnostics(doc, options, checker.findings()),
        keys=[
            _KeyAt(
                e.key,
                base + e.key_offset,
                *index.line_col(e.key_offset),
                index.line_col(e.start)[0],
            )
            for e in doc.entries
            if e.key
        ],
        looked_up=keys.looked_up,
        refused="ends in an unclosed entry" if _ends_unclosed(doc) else "",
    )
    if "bib.duplicate-work" in settings.enabled:
        result.works = [(work_record(w), base + w.entry.key_offset) for w in checker.works]
    if "bib.author-commas" in settings.enabled:
        result.names = checker.name_counts()
        result.commas = [
            (f.offset, finding_diagnostic(f, index.location(f.offset)))
            for f in author_comma_findings(checker.maybe_joined)
        ]
    return result


def _check_joined(shown: str, options: CheckOptions, results: list[_Checked]) -> list[Diagnostic]:
    """Every chunk's diagnostics and the file-wide rules' in one order: by place, and at
    one place as ``_diagnose`` has them (the chunk's own, then duplicate keys, duplicate
    works, comma-joined names)."""
    from bibconv.lint.checker import finding_diagnostic
    from bibconv.lint.duplicates import _DuplicateWorks
    from bibconv.lint.rules import duplicate_key_findings, writes_first_last

    on = options.settings().enabled
    ranked: list[tuple[int, int, int, int, Diagnostic]] = []  # chunk, offset, rank, n
    for chunk, result in enumerate(results):
        ranked.extend((chunk, offset, 0, n, d) for n, (offset, d) in enumerate(result.located))
    keys = [key for result in results for key in result.keys]
    where = {key.key_offset: key for key in keys}
    across: list[tuple[int, Finding]] = []
    if "bib.duplicate-key" in on:
        across.extend((1, f) for f in duplicate_key_findings(keys, lambda k: k.start_line))
    if "bib.duplicate-work" in on:
        works = [work for result in results for work in result.works]
        keys_of = [record[3] for record, _ in works]
        across.extend((2, f) for f in _DuplicateWorks(_Works(works), keys_of).findings())
    for n, (rank, finding) in enumerate(across):
        chunk, offset = divmod(finding.offset, 1 << _OFFSET_BITS)
        at = where[finding.offset]
        diagnostic = finding_diagnostic(finding, Location(shown, at.line, at.column))
        ranked.append((chunk, offset, rank, n, diagnostic))
    total = tuple(map(sum, zip(*(r.names for r in results), strict=True)))
    if any(r.commas for r in results) and writes_first_last(*total):
        for chunk, result in enumerate(results):
            ranked.extend((chunk, offset, 3, n, d) for n, (offset, d) in enumerate(result.commas))
    ranked.sort(key=lambda row: row[:4])
    return [row[4] for row in ranked]


class _Works(Sequence["_Work"]):
    """The works the workers found, each made from its record when the rule looks at it
    (only those that share a DOI, arXiv id or title), and made once."""

    def __init__(self, records: list[tuple[WorkRecord, int]]) -> None:
        self.records = records
        self.made: dict[int, _Work] = {}

    def __len__(self) -> int:
        return len(self.records)

    @overload
    def __getitem__(self, index: int) -> _Work: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[_Work]: ...
    def __getitem__(self, index: int | slice) -> _Work | Sequence[_Work]:
        from bibconv.lint.duplicates import work_from_record

        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        work = self.made.get(index)
        if work is None:
            work = self.made[index] = work_from_record(*self.records[index])
        return work


def _scanned(job: _Job, piece: _Piece) -> syntax.Document:
    """One chunk's text scanned, with its line numbers and the macros defined before it."""
    from bibconv.formats.bibtex import syntax

    with open(job.path, "rb") as handle:
        data = os.pread(handle.fileno(), piece.chunk.end - piece.chunk.start, piece.chunk.start)
    text = _decoded(data, first=piece.chunk.start == 0)
    return syntax.parse(text, job.read.path, first_line=piece.chunk.line, before=piece.before)


# ----------------------------------------------------------------------------- workers

_JOB: _Job | None = None
_CHECK: CheckOptions | None = None


def _start(job: _Job, check: CheckOptions | None) -> None:
    global _JOB, _CHECK
    _JOB, _CHECK = job, check
    # A worker reads, maps and writes entries, which makes no reference cycles: the
    # cyclic collector would only rescan its growing heap (as _gc.paused_gc says).
    gc.disable()


def _convert_piece(piece: _Piece) -> _Result:
    """Read and write one chunk (in a worker process)."""
    job = _JOB
    assert job is not None, "worker started without its job"
    with open(job.path, "rb") as handle:
        data = os.pread(handle.fileno(), piece.chunk.end - piece.chunk.start, piece.chunk.start)
    try:
        if job.source in _BIBTEX:
            items, result = _read_bibtex(job, piece, data)
        else:
            items, result = _read_other(job, piece, data)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        # Not UTF-8, bad JSON (JSONDecodeError is a ValueError): one process reports it.
        return _Result(refused=type(exc).__name__)
    if not result.refused:
        _write(job, piece, items, result)
    return result


def _read_bibtex(job: _Job, piece: _Piece, data: bytes) -> tuple[list[CslItem], _Result]:
    from bibconv.formats.bibtex import keep, reader, syntax

    text = _decoded(data, first=piece.chunk.start == 0)
    before = piece.before
    assert isinstance(before, syntax.Document)
    doc = syntax.parse(text, job.read.path, first_line=piece.chunk.line, before=before)
    parents = _Recording(job.parents)
    biblatex = job.source == "biblatex"
    read = reader.EntryReader(parents, job.read, biblatex=biblatex, earlier_keys=piece.earlier)
    # The text between entries: the chunk starts at an entry's line (_recut), so what
    # follows its last entry is that entry's, as in one pass what follows the file's last.
    tracker = keep.SourceTracker(before.macros)
    kept = tracker.feed(doc)
    if (last := tracker.finish()) is not None:
        kept[last[0]] = last[1]
    entries = [entry for entry in doc.entries if not entry.broken]
    items = [reader.with_source(i, kept.get(e.start)) for e, i in read.items(doc, entries)]
    result = _Result(
        syntax=list(doc.diagnostics),
        mapping=read.diagnostics,
        keys=[(e.key, *doc.index.line_col(e.key_offset)) for e in entries],
        starts=[doc.index.line_col(e.start)[0] for e in entries],
        looked_up=parents.looked_up,
        items=len(items),
        not_items=tuple(n for item in items if (s := keep.source_of(item)) for n in s.not_items),
    )
    if any(not entry.key for entry in entries):
        result.refused = "an entry without a key"  # its generated key depends on all keys
    elif not entries and text.strip():
        result.refused = "no entry"  # its text would belong to a neighbour's entry
    elif _ends_unclosed(doc):
        result.refused = "ends in an unclosed entry"
    return items, result


def _ends_unclosed(doc: syntax.Document) -> bool:
    """Whether the chunk ends in an unclosed block: its error, found at the next entry's
    '@' in the whole file, is found at the chunk's end here (with another message)."""
    from bibconv.formats.bibtex.streaming import _looks_past_the_end

    entries = doc.entries
    if (entries and entries[-1].broken) or _looks_past_the_end(doc):
        return True
    errors = [d.location for d in doc.diagnostics if d.severity is Severity.ERROR]
    if not errors:
        return False
    after = doc.index.line_col(entries[-1].end)[0] if entries else 0
    return any(where is not None and where.line >= after for where in errors)


class _Recording(Mapping[str, "syntax.Entry"]):
    """The parents, noting which keys the chunk's entries looked up."""

    def __init__(self, parents: Mapping[str, syntax.Entry]) -> None:
        self.parents = parents
        self.looked_up: set[str] = set()

    def __getitem__(self, key: str) -> syntax.Entry:
        self.looked_up.add(key)
        return self.parents[key]

    def get(self, key: str, default: Any = None) -> Any:
        self.looked_up.add(key)
        return self.parents.get(key, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self.parents)

    def __len__(self) -> int:
        return len(self.parents)


def _read_other(job: _Job, piece: _Piece, data: bytes) -> tuple[list[CslItem], _Result]:
    """RIS or CSL-JSON: a chunk with no diagnostic, else one process reads the file."""
    from bibconv.formats._split import read_json_chunk

    first = piece.chunk.start == 0
    if job.source == "csljson":
        from bibconv import _json
        from bibconv.formats.csljson import checked_items

        elements = read_json_chunk(data, first=first)
        if _json._deeper_than(elements, _json.MAX_DEPTH):
            return [], _Result(refused="nested too deep")
        items, diagnostics = checked_items(elements, lambda _: Location(job.read.path, 1, 1))
    else:
        from bibconv.formats.ris import read

        parsed = read(_decoded(data, first=first), job.read)
        items, diagnostics = parsed.items, parsed.diagnostics
    # (Where ids are does not matter: their lines are for parents, which these lack.)
    keys = [(str(item["id"]), 0, 0) for item in items]
    result = _Result(keys=keys, starts=[0] * len(keys), items=len(items))
    if diagnostics:
        result.refused = "diagnostics"  # their lines and item numbers count from the chunk
    elif any(not item["id"] for item in items):
        result.refused = "an item without an id"
    return items, result


def _write(job: _Job, piece: _Piece, items: list[CslItem], result: _Result) -> None:
    options = job.write
    if job.target in _BIBTEX:
        from bibconv.formats.bibtex import syntax, writer
        from bibconv.formats.bibtex.syntax import MONTH_MACROS, NOT_IN_KEY

        if any(NOT_IN_KEY.search(str(item.get("id") or "")) for item in items):
            result.refused = "an id that cannot be a key"  # its new key avoids all keys
            return
        before = piece.before
        macros = before.macros if isinstance(before, syntax.Document) else MONTH_MACROS
        written = writer.write_part(
            items,
            options,
            biblatex=job.target == "biblatex",
            macros=macros,
            earlier_keys=piece.earlier,
        )
    else:
        written = registry.by_name(job.target).write(items, options)  # type: ignore[misc]
    result.notes = written.diagnostics
    text = written.text
    if job.target == "csljson" and items:
        # "[\n  {...},\n  {...}\n]\n": the parent frames the elements once.
        assert text.startswith("[\n"), "unexpected CSL-JSON framing"
        assert text.endswith("\n]\n"), "unexpected CSL-JSON framing"
        text = text[2:-3]
    elif job.target == "csljson":
        text = ""
    result.text = text


__all__ = [
    "PARALLEL_FROM_BYTES",
    "Converted",
    "check_file",
    "convert_file",
    "cores",
    "default_jobs",
]
