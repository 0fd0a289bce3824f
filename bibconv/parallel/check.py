"""``--jobs`` for ``check``: each chunk's rules in a worker; the rules that compare
entries across the file (duplicate keys and works, the naming habit) in the parent."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, NamedTuple, overload

from bibconv import _io
from bibconv._gc import paused_gc
from bibconv.diagnostics import Diagnostic, Location
from bibconv.parallel import workers
from bibconv.parallel.plan import _decoded, _Job, _parents_agree, _Piece, _plan
from bibconv.parallel.workers import _ends_unclosed, _pool, _Recording
from bibconv.protocols import ReadOptions, WriteOptions

# Only a big input needs these (the pool and the scanner load when used).
if TYPE_CHECKING:
    from bibconv.formats.bibtex import syntax
    from bibconv.lint.config import CheckOptions
    from bibconv.lint.duplicates import WorkRecord, _Work
    from bibconv.lint.findings import Finding


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

    job, options = workers._JOB, workers._CHECK  # (set in the worker by _start)
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
