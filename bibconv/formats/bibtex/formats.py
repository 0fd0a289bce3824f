"""The two formats, `bibtex` and `biblatex`: one reader and one writer with a dialect each."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Final

from bibconv.diagnostics import Diagnostic
from bibconv.formats.bibtex.mapping import BIBLATEX, NAME
from bibconv.formats.bibtex.reader import read, read_biblatex
from bibconv.formats.bibtex.streaming import iter_read
from bibconv.formats.bibtex.writer import iter_write, iter_write_biblatex, write, write_biblatex
from bibconv.model import CslItem
from bibconv.protocols import Format, ReadOptions


def _iter_read_biblatex(
    path: str,
    options: ReadOptions,
    diagnostics: list[Diagnostic],
    chunk_bytes: int,
    progress: Callable[[int], None] | None,
) -> Iterator[CslItem]:
    return iter_read(
        path, options, diagnostics, biblatex=True, chunk_bytes=chunk_bytes, progress=progress
    )


def _iter_read_bibtex(
    path: str,
    options: ReadOptions,
    diagnostics: list[Diagnostic],
    chunk_bytes: int,
    progress: Callable[[int], None] | None,
) -> Iterator[CslItem]:
    return iter_read(
        path, options, diagnostics, biblatex=False, chunk_bytes=chunk_bytes, progress=progress
    )


FORMAT: Final = Format(
    NAME,
    (".bib", ".bibtex"),
    read=read,
    write=write,
    description="BibTeX (.bib)",
    iter_write=iter_write,
    iter_read=_iter_read_bibtex,
)


BIBLATEX_FORMAT: Final = Format(
    BIBLATEX,
    (),
    read=read_biblatex,
    write=write_biblatex,
    description="BibLaTeX (.bib; date, journaltitle, location, eprinttype)",
    iter_write=iter_write_biblatex,
    iter_read=_iter_read_biblatex,
)
