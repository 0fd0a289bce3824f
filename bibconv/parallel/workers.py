"""What runs in ``--jobs``'s worker processes: a chunk read and written (``convert``),
the pool that starts them with the file's shared job."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bibconv import registry
from bibconv.diagnostics import Diagnostic, Location, Severity
from bibconv.model import CslItem
from bibconv.parallel.plan import _BIBTEX, _decoded, _Job, _Piece

# Only a big input needs these (the pool and the scanner load when used).
if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from bibconv.formats.bibtex import syntax
    from bibconv.lint.config import CheckOptions


_JOB: _Job | None = None


_CHECK: CheckOptions | None = None


def _start(job: _Job, check: CheckOptions | None) -> None:
    global _JOB, _CHECK
    _JOB, _CHECK = job, check
    # A worker reads, maps and writes entries, which makes no reference cycles: the
    # cyclic collector would only rescan its growing heap (as _gc.paused_gc says).
    gc.disable()


def _pool(job: _Job, workers: int, check: CheckOptions | None = None) -> ProcessPoolExecutor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork: the workers start with the parent's modules loaded (spawn re-imports them).
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start, initargs=(job, check)
    )


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
