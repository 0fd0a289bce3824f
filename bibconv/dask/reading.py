"""Reading on Dask: one partition's items (and diagnostics) per task, :func:`read` and
:func:`read_parsed`."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Final

import dask.bag as db
from dask.delayed import delayed

from bibconv import _io, api, registry
from bibconv._gc import paused_gc
from bibconv.dask.plan import DEFAULT_BLOCKSIZE, Piece, _plan, _tasks
from bibconv.diagnostics import (
    Diagnostic,
    Location,
    ParseError,
    Severity,
    has_errors,
)
from bibconv.formats.bibtex import syntax
from bibconv.formats.bibtex.reader import read_document
from bibconv.model import CslItem
from bibconv.protocols import Parsed, ReadOptions

_LOG: Final = logging.getLogger("bibconv.dask")


_LEVELS: Final = {
    Severity.ERROR: logging.ERROR,
    Severity.WARNING: logging.WARNING,
    Severity.INFO: logging.INFO,
}


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
